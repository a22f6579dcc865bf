//! A fast pass over page HTML, before the HTML5 parser, that empties the
//! bodies of elements extraction never reads: scripts (except JSON-LD),
//! styles and inline SVG. On real pages these are most of the bytes.
//!
//! It also bounds nesting, as browsers do: start tags nested deeper than
//! [`MAX_DEPTH`] are dropped (their text stays, flattened into the deepest
//! element), because tree construction is quadratic in depth and a hostile
//! page of 200,000 nested tags would otherwise never finish.
//!
//! It follows the HTML tokenizer closely enough to be safe: it only acts on
//! real start tags (not text inside comments or attribute values), and a
//! script or style body ends where the tokenizer ends it, at the first
//! `</script` / `</style`. Tags stay in place, so the tree keeps its shape;
//! an emptied `<svg>` keeps only its `class` and `id` (what selectors match
//! an icon by), since the parser spends more on attributes than on text.

/// Deepest element nesting kept (Chromium's parser uses the same limit).
pub const MAX_DEPTH: usize = 512;

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
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.first() == Some(&b'/') && rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            let end = memchr(b'>', rest).map_or(bytes.len(), |e| lt + 1 + e + 1);
            let name_end = rest[1..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(rest.len(), |p| p + 1);
            let name = Name::new(&rest[1..name_end]);
            if !is_void(name.as_bytes()) && !is_optional_end(name.as_bytes()) {
                if dropped > 0 {
                    dropped -= 1;
                    out.push_str(&html[copied..lt]);
                    copied = end;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            i = end;
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
        let skip_to = match name {
            b"script" if !tag.is_json_ld => find_ci(bytes, tag.end, b"</script"),
            b"style" => find_ci(bytes, tag.end, b"</style"),
            b"svg" if !tag.self_closing => end_of_svg(bytes, tag.end),
            _ => None,
        };
        // An unterminated script or style runs to the end of the page, as in
        // the tokenizer; an svg that does not close cleanly is left alone.
        let Some(close) = skip_to.or(match name {
            b"script" if !tag.is_json_ld => Some(bytes.len()),
            b"style" => Some(bytes.len()),
            _ => None,
        }) else {
            continue;
        };
        if name == b"svg" {
            out.push_str(&html[copied..lt]);
            push_emptied_svg_tag(&mut out, &html[lt..tag.end]);
        } else {
            out.push_str(&html[copied..tag.end]);
        }
        copied = close;
        i = close; // the end tag that follows is counted like any other
    }
    out.push_str(&html[copied..]);
    out
}

/// Writes `<svg …>` with only the `class` and `id` of `tag` (the first of
/// each, as the tokenizer keeps), their values as written.
fn push_emptied_svg_tag(out: &mut String, tag: &str) {
    out.push_str("<svg");
    let mut kept = [false; 2];
    for (name, raw) in attributes(tag) {
        let slot = if name.eq_ignore_ascii_case("class") {
            0
        } else if name.eq_ignore_ascii_case("id") {
            1
        } else {
            continue;
        };
        if !kept[slot] {
            kept[slot] = true;
            out.push(' ');
            out.push_str(raw);
        }
    }
    out.push('>');
}

/// The attributes of a start tag `<name …>` as (name, the whole `name=value`
/// text), split the way the HTML tokenizer splits them.
fn attributes(tag: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = tag.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut j = bytes.iter().position(|&b| is_space(b) || b == b'/' || b == b'>').unwrap_or(bytes.len());
    std::iter::from_fn(move || {
        while j < bytes.len() && (is_space(bytes[j]) || bytes[j] == b'/') {
            j += 1;
        }
        if j >= bytes.len() || bytes[j] == b'>' {
            return None;
        }
        let start = j;
        j += 1; // a name's first character may even be `=`
        while j < bytes.len() && !is_space(bytes[j]) && !matches!(bytes[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let name_end = j;
        let mut k = j;
        while k < bytes.len() && is_space(bytes[k]) {
            k += 1;
        }
        if bytes.get(k) == Some(&b'=') {
            k += 1;
            while k < bytes.len() && is_space(bytes[k]) {
                k += 1;
            }
            j = match bytes.get(k) {
                Some(&q @ (b'"' | b'\'')) => memchr(q, &bytes[k + 1..]).map_or(bytes.len(), |e| k + 1 + e + 1),
                _ => (k..bytes.len()).find(|&e| is_space(bytes[e]) || bytes[e] == b'>').unwrap_or(bytes.len()),
            };
        }
        Some((&tag[start..name_end], &tag[start..j]))
    })
}

struct StartTag {
    name: Name,
    end: usize,
    self_closing: bool,
    is_json_ld: bool,
}

/// Reads a start tag at `lt` (`<name attrs…>`), honouring quoted attribute
/// values; `None` if this `<` does not open a start tag.
fn start_tag(bytes: &[u8], lt: usize) -> Option<StartTag> {
    let mut j = lt + 1;
    if !bytes.get(j)?.is_ascii_alphabetic() {
        return None;
    }
    while j < bytes.len() && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
        j += 1;
    }
    let name = Name::new(&bytes[lt + 1..j]);
    let attrs_start = j;
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    while j < bytes.len() {
        // Only `>` and `=` matter; everything between is tag text.
        let Some(off) = memchr::memchr2(b'>', b'=', &bytes[j..]) else {
            j = bytes.len();
            break;
        };
        j += off;
        if bytes[j] == b'>' {
            break;
        }
        j += 1;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        if let Some(&q @ (b'"' | b'\'')) = bytes.get(j) {
            // A quoted value: a `>` inside it does not end the tag.
            j = memchr(q, &bytes[j + 1..]).map_or(bytes.len(), |e| j + 1 + e);
            j += 1;
        }
        // An unquoted value is scanned as tag text.
    }
    let end = (j + 1).min(bytes.len());
    let is_json_ld = name.as_bytes() == b"script"
        && bytes[attrs_start..j.min(bytes.len())].windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"));
    Some(StartTag { self_closing: j > 0 && bytes.get(j - 1) == Some(&b'/'), is_json_ld, name, end })
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

/// The position of the `</svg` that closes the svg opened before `from`,
/// or `None` when it does not close or holds HTML that breaks out of it.
fn end_of_svg(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1;
    let mut i = from;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        if bytes[lt + 1..].len() >= 4 && bytes[lt + 1..lt + 5].eq_ignore_ascii_case(b"/svg") {
            depth -= 1;
            if depth == 0 {
                return Some(lt);
            }
            i = lt + 5;
        } else if let Some(tag) = start_tag(bytes, lt) {
            if is_svg_breakout(tag.name.as_bytes()) {
                return None;
            }
            if tag.name.as_bytes() == b"svg" && !tag.self_closing {
                depth += 1;
            }
            i = tag.end;
        } else {
            i = lt + 1;
        }
    }
    None
}

use memchr::memchr;

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| from + p)
}

fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    // Every needle starts with `</`, which has no letters: find that exactly.
    memchr::memmem::find_iter(hay, &needle[..2])
        .find(|&at| hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle))
        .map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::{strip_unread, MAX_DEPTH};

    #[test]
    fn empties_scripts_styles_and_svg_but_keeps_json_ld() {
        let html = r#"<p>a</p><script>var x = "<p>no</p>";</script><style>p{}</style><svg><g><svg></svg></g><title>t</title></svg><script type="application/ld+json">{"@type":"Person"}</script><p>b</p>"#;
        assert_eq!(
            strip_unread(html),
            r#"<p>a</p><script></script><style></style><svg></svg><script type="application/ld+json">{"@type":"Person"}</script><p>b</p>"#
        );
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
    fn svg_holding_html_is_kept_because_the_parser_renders_it() {
        let html = "<svg><g></g><div>visible</div></svg><p>z</p>";
        assert_eq!(strip_unread(html), html);
    }
}
