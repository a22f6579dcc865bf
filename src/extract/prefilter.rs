//! A fast pass over page HTML, before the HTML5 parser, that empties the
//! bodies of elements extraction never reads: scripts (except JSON-LD),
//! styles and inline SVG. On real pages these are most of the bytes.
//!
//! It also bounds nesting, as browsers do: start tags nested deeper than
//! [`MAX_DEPTH`] are dropped (their text stays, flattened into the deepest
//! element), because tree construction is quadratic in depth and a hostile
//! page of 200,000 nested tags would otherwise never finish. Tags keep
//! their first [`MAX_ATTRIBUTES`] attributes, for the parser's stack.
//!
//! It follows the HTML tokenizer closely enough to be safe: it only acts on
//! real start tags (not text inside comments or attribute values), and a
//! script or style body ends where the tokenizer ends it, at the first
//! `</script` / `</style`. Tags stay in place, so the tree keeps its shape;
//! an emptied `<svg>` keeps only its `class` and `id` (what selectors match
//! an icon by), since the parser spends more on attributes than on text.

/// Deepest element nesting kept (Chromium's parser uses the same limit).
pub const MAX_DEPTH: usize = 512;

/// Attributes kept on one tag. Real elements have a few dozen at most;
/// the tokenizer reads a run of `name="value"` attributes recursively
/// (about 250 bytes of stack each optimised, 12 KB unoptimised, as the
/// browser's first wasm compiler may be), so a hostile tag with thousands
/// of them would overflow a 1 MB stack.
pub const MAX_ATTRIBUTES: usize = 64;

/// Elements that never have content.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// Elements whose end tag is usually omitted (`<li>a<li>b`): counting them
/// would make a long list look deep.
fn is_optional_end(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"colgroup"
    )
}

/// A tag name, lower-cased on the stack. Names longer than any name this
/// pass looks for read as empty, which matches none of them (real tag names
/// are never empty: they start with a letter).
#[derive(Clone, Copy)]
struct Name {
    buf: [u8; 16],
    len: usize,
}

impl Name {
    fn new(raw: &[u8]) -> Name {
        let mut buf = [0u8; 16];
        if raw.len() > buf.len() {
            return Name { buf, len: 0 };
        }
        for (b, r) in buf.iter_mut().zip(raw) {
            *b = r.to_ascii_lowercase();
        }
        Name { buf, len: raw.len() }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// Returns the page with the bodies of `<script>` (but JSON-LD), `<style>`
/// and `<svg>` removed, and nesting capped at [`MAX_DEPTH`].
pub fn strip_unread(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut copied = 0; // bytes of `html` already copied or skipped
    let mut i = 0;
    let mut depth = 0usize;
    let mut dropped = 0usize; // start tags dropped for depth, whose end tags go too

    // Cleared for the rest of the page inside foreign content this pass
    // cannot follow (MathML, an svg it cannot empty): there a `<script>` or
    // `<style>` is an ordinary element, so nothing more is emptied.
    let mut emptying = true;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let rest = &bytes[lt + 1..];
        if rest.first().is_some_and(|&b| b == b'!' || b == b'?') {
            i = declaration_end(bytes, lt, false);
            continue;
        }
        if rest.first() == Some(&b'/') {
            let (name, end, too_many_attributes) = end_tag(bytes, lt);
            i = end;
            let Some(name) = name else { continue };
            let counts = !is_void(name.as_bytes()) && !is_optional_end(name.as_bytes());
            if counts && dropped > 0 {
                dropped -= 1;
                out.push_str(&html[copied..lt]);
                copied = end;
                continue;
            }
            if counts {
                depth = depth.saturating_sub(1);
            }
            if let Some((attrs_start, closed)) = too_many_attributes {
                out.push_str(&html[copied..attrs_start]);
                // Unclosed at the end of the page, it stays unclosed (and dropped).
                if closed {
                    out.push('>');
                }
                copied = end;
            }
            continue;
        }
        let Some(tag) = start_tag(bytes, lt) else {
            i = lt + 1;
            continue;
        };
        i = tag.end;
        let name = tag.name.as_bytes();
        let counts = !tag.self_closing && !is_void(name) && !is_optional_end(name);
        if counts {
            if depth >= MAX_DEPTH {
                dropped += 1;
                out.push_str(&html[copied..lt]);
                copied = tag.end;
                continue;
            }
            depth += 1;
        }
        // Where an emptied svg ends: its tag is rewritten with class and id only.
        let emptied_svg_end =
            if name == b"svg" && !tag.self_closing && emptying { end_of_svg(bytes, tag.end) } else { None };
        if tag.attr_count > MAX_ATTRIBUTES && emptied_svg_end.is_none() {
            out.push_str(&html[copied..lt]);
            push_capped_tag(&mut out, html, lt, &tag);
            copied = tag.end;
        }
        match name {
            b"script" | b"style" => {
                // An unterminated body runs to the end of the page, as in the tokenizer.
                let close = closing_tag(bytes, tag.end, name).unwrap_or(bytes.len());
                if emptying && !tag.is_json_ld {
                    out.push_str(&html[copied..tag.end]);
                    copied = close;
                }
                // JSON-LD is kept, and its text is not markup either. In
                // foreign content (not emptying) the body may be markup.
                if emptying {
                    i = close;
                }
            }
            b"svg" if !tag.self_closing && emptying => match emptied_svg_end {
                Some(close) => {
                    out.push_str(&html[copied..lt]);
                    push_emptied_svg_tag(&mut out, html, &tag);
                    copied = close;
                    i = close;
                }
                None => emptying = false, // left alone, and what follows is copied as it is
            },
            b"math" if !tag.self_closing => emptying = false,
            b"plaintext" if emptying => i = bytes.len(),
            // Text up to their end tag: what looks like a tag inside is text
            // (but in foreign content, where these are ordinary elements).
            _ if emptying && is_text_only(name) => i = closing_tag(bytes, tag.end, name).unwrap_or(bytes.len()),
            _ => {}
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Writes `<svg …>` with only the `class` and `id` of the start tag read
/// by [`start_tag`] (the first of each, as the tokenizer keeps), their
/// values as written.
fn push_emptied_svg_tag(out: &mut String, html: &str, tag: &StartTag) {
    out.push_str("<svg");
    let mut kept = [false; 2];
    for (name, whole) in Attributes::new(html.as_bytes(), tag.attrs_start) {
        let name = &html.as_bytes()[name];
        let slot = if name.eq_ignore_ascii_case(b"class") {
            0
        } else if name.eq_ignore_ascii_case(b"id") {
            1
        } else {
            continue;
        };
        if !kept[slot] {
            kept[slot] = true;
            out.push(' ');
            out.push_str(&html[whole]);
        }
    }
    out.push('>');
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The attributes of a start tag, from just after its name, split exactly
/// as the HTML tokenizer splits them: each as (its name, the whole
/// `name=value` text). Once done, [`Attributes::at`] is the tag's `>` (or
/// the end of the page). Only a quote right after `=` opens a quoted value:
/// `=` and quotes elsewhere are ordinary characters, so the tag ends at the
/// same `>` as in the browser.
struct Attributes<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Attributes<'a> {
    fn new(bytes: &'a [u8], at: usize) -> Self {
        Attributes { bytes, at }
    }

    /// Reads every attribute: where the tag's `>` is (or the end of the
    /// page), and how many attributes there are.
    fn end(mut self) -> (usize, usize) {
        let count = self.by_ref().count();
        (self.at, count)
    }

    fn skip(&mut self, keep_going: impl Fn(u8) -> bool) {
        while self.at < self.bytes.len() && keep_going(self.bytes[self.at]) {
            self.at += 1;
        }
    }
}

impl Iterator for Attributes<'_> {
    type Item = (std::ops::Range<usize>, std::ops::Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        self.skip(|b| is_space(b) || b == b'/');
        if self.at >= self.bytes.len() || self.bytes[self.at] == b'>' {
            return None;
        }
        let start = self.at;
        self.at += 1; // a name's first character may even be `=`
        self.skip(|b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='));
        let name = start..self.at;
        let name_end = self.at;
        self.skip(is_space);
        if self.bytes.get(self.at) != Some(&b'=') {
            self.at = name_end; // no value: what follows is the next attribute
            return Some((name, start..name_end));
        }
        self.at += 1;
        self.skip(is_space);
        match self.bytes.get(self.at) {
            Some(&q @ (b'"' | b'\'')) => {
                let from = self.at + 1;
                self.at = memchr(q, &self.bytes[from..]).map_or(self.bytes.len(), |e| from + e + 1);
            }
            _ => self.skip(|b| !is_space(b) && b != b'>'),
        }
        Some((name, start..self.at))
    }
}

struct StartTag {
    name: Name,
    /// Just after the name, where the attributes start.
    attrs_start: usize,
    attr_count: usize,
    end: usize,
    /// The tag ends with a `>` (not with the end of the page).
    closed: bool,
    self_closing: bool,
    is_json_ld: bool,
}

/// Reads a start tag at `lt` (`<name attrs…>`), its attributes as the
/// tokenizer reads them; `None` if this `<` does not open a start tag.
fn start_tag(bytes: &[u8], lt: usize) -> Option<StartTag> {
    let mut j = lt + 1;
    if !bytes.get(j)?.is_ascii_alphabetic() {
        return None;
    }
    while j < bytes.len() && !is_space(bytes[j]) && !matches!(bytes[j], b'/' | b'>') {
        j += 1;
    }
    let name = Name::new(&bytes[lt + 1..j]);
    let attrs_start = j;
    let (j, attr_count) = Attributes::new(bytes, attrs_start).end();
    let end = (j + 1).min(bytes.len());
    let is_json_ld = name.as_bytes() == b"script"
        && bytes[attrs_start..j.min(bytes.len())].windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"));
    let self_closing = j > 0 && bytes.get(j - 1) == Some(&b'/');
    Some(StartTag { self_closing, is_json_ld, name, attrs_start, attr_count, end, closed: j < bytes.len() })
}

/// What the `</` at `lt` opens and where it ends: an end tag and its name
/// (end tags can carry ignored attributes, quoted `>` and all), or, when no
/// letter follows, a bogus comment up to the next `>` (no name).
/// The third value, for an end tag with more than [`MAX_ATTRIBUTES`]
/// attributes, is where they start and whether the tag ends with a `>`.
fn end_tag(bytes: &[u8], lt: usize) -> (Option<Name>, usize, Option<(usize, bool)>) {
    let rest = &bytes[lt + 1..];
    if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
        return (None, memchr(b'>', rest).map_or(bytes.len(), |e| lt + 1 + e + 1), None);
    }
    let name_len = rest[1..].iter().position(|&b| is_space(b) || b == b'/' || b == b'>').unwrap_or(rest.len() - 1);
    let attrs_start = lt + 2 + name_len;
    let (gt, attr_count) = Attributes::new(bytes, attrs_start).end();
    // Ignored by the tree builder anyway: the tag is written without them.
    let too_many = (attr_count > MAX_ATTRIBUTES).then_some((attrs_start, gt < bytes.len()));
    (Some(Name::new(&rest[1..1 + name_len])), (gt + 1).min(bytes.len()), too_many)
}

/// Writes the start tag read by [`start_tag`] with only its first
/// [`MAX_ATTRIBUTES`] attributes, as written.
fn push_capped_tag(out: &mut String, html: &str, lt: usize, tag: &StartTag) {
    out.push_str(&html[lt..tag.attrs_start]);
    let mut last_end = tag.attrs_start;
    for (i, (_, whole)) in Attributes::new(html.as_bytes(), tag.attrs_start).enumerate() {
        last_end = whole.end;
        if i < MAX_ATTRIBUTES {
            out.push(' ');
            out.push_str(&html[whole]);
        }
    }
    // A tag the page never closes stays unclosed (the tokenizer drops it).
    if !tag.closed {
        return;
    }
    // Self-closing only if the `/` is not the end of an unquoted value;
    // the space keeps it off the last kept value.
    let gt = tag.end - 1;
    let self_closing = gt > last_end && html.as_bytes()[gt - 1] == b'/';
    out.push_str(if self_closing { " />" } else { ">" });
}

/// HTML start tags that break out of SVG content in the tree builder: if
/// one appears, what follows is rendered HTML and must not be skipped.
fn is_svg_breakout(name: &[u8]) -> bool {
    matches!(
        name,
        b"b" | b"big"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"center"
            | b"code"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"em"
            | b"embed"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"hr"
            | b"i"
            | b"img"
            | b"li"
            | b"listing"
            | b"menu"
            | b"meta"
            | b"nobr"
            | b"ol"
            | b"p"
            | b"pre"
            | b"ruby"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"strike"
            | b"sub"
            | b"sup"
            | b"table"
            | b"tt"
            | b"u"
            | b"ul"
            | b"var"
            | b"font"
    )
}

/// Elements whose content the tokenizer reads as text when they are HTML
/// elements: what looks like `</svg>` inside them may close nothing.
fn is_text_only(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

/// SVG elements whose content is HTML again.
fn is_integration_point(name: &[u8]) -> bool {
    matches!(name, b"title" | b"desc" | b"foreignobject")
}

/// The position of the `</svg` that closes the svg opened before `from`,
/// or `None` when this pass cannot be sure what the tokenizer does inside
/// it: HTML that breaks out of it, an element that could switch the
/// tokenizer to reading text, or anything but text inside a `<title>`,
/// `<desc>` or `<foreignObject>` (whose content is HTML). Such an svg is
/// left alone. Comments and other `<!…>` / `<?…>` declarations are skipped
/// as the tokenizer skips them: a `</svg>` inside one closes nothing.
fn end_of_svg(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1;
    let mut integration: Option<Name> = None; // an open title, desc or foreignObject
    let mut i = from;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let rest = &bytes[lt + 1..];
        if rest.first().is_some_and(|&b| b == b'!' || b == b'?') {
            if integration.is_some() && rest.starts_with(b"![CDATA[") {
                return None;
            }
            i = declaration_end(bytes, lt, true);
        } else if rest.first() == Some(&b'/') {
            let (name, end, _) = end_tag(bytes, lt);
            match (integration, name) {
                (_, None) => {}
                (Some(open), Some(name)) if open.as_bytes() == name.as_bytes() => integration = None,
                (Some(_), Some(_)) => return None,
                (None, Some(name)) if name.as_bytes() == b"svg" && rest.len() > 4 => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(lt);
                    }
                }
                (None, Some(_)) => {}
            }
            i = end;
        } else if let Some(tag) = start_tag(bytes, lt) {
            let name = tag.name.as_bytes();
            if integration.is_some() || is_svg_breakout(name) || is_text_only(name) && name != b"title" {
                return None;
            }
            if is_integration_point(name) && !tag.self_closing {
                integration = Some(tag.name);
            } else if name == b"svg" && !tag.self_closing {
                depth += 1;
            }
            i = tag.end;
        } else {
            i = lt + 1;
        }
    }
    None
}

/// Where a `<!…>` or `<?…>` at `lt` ends, as the tokenizer reads it: a
/// comment (`<!-->` and `<!--->` are empty ones), a CDATA section (one only
/// inside SVG; in HTML it is a bogus comment), or a bogus comment or doctype
/// up to the next `>`.
fn declaration_end(bytes: &[u8], lt: usize, in_svg: bool) -> usize {
    let rest = &bytes[lt + 1..];
    let after = |at: Option<usize>, len: usize| at.map_or(bytes.len(), |p| p + len);
    if rest.starts_with(b"!--") {
        let body = lt + 4;
        if bytes[body..].starts_with(b">") {
            return body + 1;
        }
        if bytes[body..].starts_with(b"->") {
            return body + 2;
        }
        // "--!>" also ends a comment: looked for only before the first
        // "-->", else every comment would scan the rest of the page (real
        // pages hold thousands of `<!---->`).
        let close = find(bytes, body, b"-->");
        let bang = find(&bytes[..close.map_or(bytes.len(), |c| c + 3)], body, b"--!>");
        return match (close, bang) {
            (Some(c), Some(b)) if b < c => b + 4,
            (Some(c), _) => c + 3,
            (None, b) => after(b, 4),
        };
    }
    if in_svg && rest.starts_with(b"![CDATA[") {
        return after(find(bytes, lt + 9, b"]]>"), 3);
    }
    after(memchr(b'>', rest).map(|p| lt + 1 + p), 1)
}

use memchr::memchr;

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| from + p)
}

/// The `</name` that ends a script, style or text-only element's body
/// from `from`: the name in any case, followed by a space, `/` or `>`
/// (`</scripts>` ends nothing).
fn closing_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    memchr::memmem::find_iter(hay, b"</")
        .find(|&at| {
            let after = &hay[at + 2..];
            after.len() > name.len()
                && after[..name.len()].eq_ignore_ascii_case(name)
                && (is_space(after[name.len()]) || matches!(after[name.len()], b'/' | b'>'))
        })
        .map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::{strip_unread, MAX_ATTRIBUTES, MAX_DEPTH};

    #[test]
    fn tags_keep_their_first_attributes_only() {
        let attrs = |n: usize| -> String { (0..n).map(|i| format!(" a{i}=\"{i}\"")).collect() };
        let many = attrs(MAX_ATTRIBUTES + 40);
        let kept = attrs(MAX_ATTRIBUTES);
        assert_eq!(strip_unread(&format!("<p{many}>x</p{many}>")), format!("<p{kept}>x</p>"));
        assert_eq!(strip_unread(&format!("<br{many}/><i>y</i>")), format!("<br{kept} /><i>y</i>"));
        // `/` ending an unquoted value is not self-closing, and is kept off the last kept value.
        assert_eq!(strip_unread(&format!("<p{many} z=x/>")), format!("<p{kept}>"));
        let unquoted: String = (0..MAX_ATTRIBUTES + 1).map(|i| format!(" b{i}={i}")).collect();
        let unquoted_kept: String = (0..MAX_ATTRIBUTES).map(|i| format!(" b{i}={i}")).collect();
        assert_eq!(strip_unread(&format!("<mn{unquoted} />")), format!("<mn{unquoted_kept} />"));
        // In foreign content, bodies of script, style, title and plaintext are markup: capped too.
        let foreign = format!("<svg><style><g{many}></g></style></svg><math><plaintext><i{many}>");
        assert_eq!(
            strip_unread(&foreign),
            format!("<svg><style><g{kept}></g></style></svg><math><plaintext><i{kept}>")
        );
        // A script keeps the capped tag and is emptied; an emptied svg keeps class and id.
        assert_eq!(strip_unread(&format!("<script{many}>x()</script>")), format!("<script{kept}></script>"));
        assert_eq!(strip_unread(&format!("<svg id=i{many}><path/></svg>")), "<svg id=i></svg>");
        // Where the pass stops emptying (an unclosed svg), tags are still capped.
        assert_eq!(strip_unread(&format!("<svg{many}><p{many}>")), format!("<svg{kept}><p{kept}>"));
        // A tag the page never closes is not closed for it (a `>` in an open quote does not close it).
        assert_eq!(strip_unread(&format!("<p>z<b{many}")), format!("<p>z<b{kept}"));
        assert_eq!(strip_unread(&format!("<p>z<b{many} z=\"x>")), format!("<p>z<b{kept}"));
        assert_eq!(strip_unread(&format!("<p>z</p{many}")), "<p>z</p");
        // Up to the limit, nothing changes.
        let page = format!("<p{kept}>x</p{kept}>");
        assert_eq!(strip_unread(&page), page);
    }

    #[test]
    fn empties_scripts_styles_and_svg_but_keeps_json_ld() {
        let html = r#"<p>a</p><script>var x = "<p>no</p>";</script><style>p{}</style><svg><g><svg></svg></g><title>t</title></svg><script type="application/ld+json">{"@type":"Person"}</script><p>b</p>"#;
        assert_eq!(
            strip_unread(html),
            r#"<p>a</p><script></script><style></style><svg></svg><script type="application/ld+json">{"@type":"Person"}</script><p>b</p>"#
        );
    }

    #[test]
    fn comments_end_at_the_first_end_marker() {
        // "--!>" ends a comment too, but only one before "-->" counts.
        assert_eq!(strip_unread("<!-- a --!><script>x</script>-->"), "<!-- a --!><script></script>-->");
        assert_eq!(strip_unread("<!-- a --><script>x</script>--!>"), "<!-- a --><script></script>--!>");
        // Thousands of empty comments (Ember pages) are each found without scanning the rest.
        let page = format!("{}<p>end</p>", "<!----><b>x</b>".repeat(20_000));
        assert_eq!(strip_unread(&page), page);
    }

    #[test]
    fn ignores_tag_lookalikes_in_comments_and_attributes() {
        let html = r#"<!-- <script> --><div title="<script>">keep</div><p data-x='<svg>'>also</p>"#;
        assert_eq!(strip_unread(html), html);
    }

    #[test]
    fn unterminated_bodies_end_the_page_like_the_tokenizer() {
        assert_eq!(strip_unread("<p>x</p><script>never closed <p>y</p>"), "<p>x</p><script>");
        assert_eq!(
            strip_unread("<p>x</p><script type=application/ld+json>{}"),
            "<p>x</p><script type=application/ld+json>{}"
        );
        assert_eq!(strip_unread("<svg><path/><p>shown</p>"), "<svg><path/><p>shown</p>");
    }

    #[test]
    fn nesting_deeper_than_the_cap_is_flattened() {
        let deep = format!("{}x{}", "<div>".repeat(MAX_DEPTH + 3), "</div>".repeat(MAX_DEPTH + 3));
        let out = strip_unread(&deep);
        assert_eq!(out, format!("{}x{}", "<div>".repeat(MAX_DEPTH), "</div>".repeat(MAX_DEPTH)));
        let list = format!("<ul>{}</ul><p>after</p>", "<li>item".repeat(2_000));
        assert_eq!(strip_unread(&list), list, "omitted end tags do not count as depth");
    }

    #[test]
    fn an_emptied_svg_keeps_only_its_class_and_id() {
        let html = r#"<li><svg aria-hidden="true" CLASS="svg-icon iconLocation" data-x='a>b' viewBox="0 0 18 18" id=pin class="second"><path d="M1"/></svg>Berlin</li>"#;
        assert_eq!(strip_unread(html), r#"<li><svg CLASS="svg-icon iconLocation" id=pin></svg>Berlin</li>"#);
        assert_eq!(strip_unread(r#"<svg viewBox="0 0 1 1"><g/></svg>"#), "<svg></svg>");
        let doc = scraper::Html::parse_document(&strip_unread(html));
        let icon = scraper::Selector::parse("li:has(svg.iconLocation#pin)").unwrap();
        assert_eq!(doc.select(&icon).count(), 1, "selectors still find the icon");
    }

    #[test]
    fn tags_end_where_the_tokenizer_ends_them() {
        // `=` inside an unquoted value, or a name starting with `=`, opens no
        // quoted value: the tag ends at the first `>`, and the text after it
        // stays readable.
        for html in [
            r#"<svg x==">a</svg><div>Telegram t.me/x</div><svg y=">"></svg>"#,
            r#"<svg =">a</svg><div>Telegram t.me/x</div><svg y=">"></svg>"#,
            r#"<script a=b="c>x</script><div>Telegram t.me/x</div><script d=">"></script>"#,
        ] {
            let out = strip_unread(html);
            assert!(out.contains("<div>Telegram t.me/x</div>"), "{html} -> {out}");
        }
        assert_eq!(strip_unread(r#"<svg class=a=b id='x"y' c="1>2"><g/></svg>"#), r#"<svg class=a=b id='x"y'></svg>"#);
    }

    /// Text outside scripts, styles and SVG, as the browser's parser reads it.
    fn visible_text(html: &str) -> Vec<String> {
        let doc = scraper::Html::parse_document(html);
        doc.tree
            .nodes()
            .filter_map(|n| {
                let text = n.value().as_text()?;
                let hidden = n.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| {
                        matches!(e.name(), "script" | "style")
                            || &*e.name.ns == "http://www.w3.org/2000/svg"
                            || e.name() == "noscript"
                    })
                });
                (!hidden).then(|| text.to_string())
            })
            .collect()
    }

    #[test]
    fn random_tag_soup_keeps_the_same_visible_text() {
        const PIECES: &[&str] = &[
            "<svg",
            "<script",
            "<style",
            "<div",
            "<p",
            "</svg>",
            "</script>",
            "</style>",
            "</div>",
            " ",
            "=",
            "\"",
            "'",
            ">",
            "/",
            "a",
            "class",
            "x",
            "<!--",
            "-->",
            "<",
            "t.me/x",
            "<path/>",
            "<g>",
            "\n",
            "ld+json",
            "<![CDATA[",
            "]]>",
            "<?",
            "</",
            "--!>",
            "<title>",
            "</title>",
            "<textarea>",
            "</textarea>",
            "<noscript>",
            "</noscript>",
            "<xmp>",
            "</xmp>",
            "<iframe>",
            "</iframe>",
            "<plaintext>",
            "<math>",
            "</math>",
            "<desc>",
            "<foreignObject>",
            "</foreignObject>",
            "<b>",
        ];
        // SOUP_SEED and SOUP_CASES explore further than the default run.
        let mut state =
            std::env::var("SOUP_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(0x2545_f491_4f6c_dd1du64);
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let cases = std::env::var("SOUP_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000);
        for case in 0..cases {
            let len = 1 + (next() % 24) as usize;
            let html: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
            let html = format!("<body>{html} end</body>");
            assert_eq!(visible_text(&strip_unread(&html)), visible_text(&html), "case {case}: {html:?}");
        }
    }

    #[test]
    fn svg_holding_html_is_kept_because_the_parser_renders_it() {
        let html = "<svg><g></g><div>visible</div></svg><p>z</p>";
        assert_eq!(strip_unread(html), html);
    }
}
