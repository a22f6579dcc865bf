//! Page HTML to a [`scraper::Html`] tree: html5gum's tokenizer feeding
//! html5ever's tree builder.
//!
//! Both follow the WHATWG algorithm (html5gum passes html5lib's tokenizer
//! tests; html5ever's tree builder is the one `scraper` uses), so the tree
//! is the one a browser builds. html5gum tokenizes tags faster than
//! html5ever's own tokenizer, which handles them a character at a time: on
//! markup-heavy pages tokenizing was half of extraction.
//!
//! The bridge turns html5gum's events into html5ever tokens and hands the
//! tree builder's answers (switch to RAWTEXT, RCDATA, script data,
//! PLAINTEXT) back to the tokenizer, as html5ever's own driver does.

use html5ever::interface::TreeSink;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::TreeBuilder;
use html5ever::{ns, Attribute, LocalName, QualName};
use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, State, Tokenizer};
use scraper::{Html, HtmlTreeSink};
use std::convert::Infallible;

/// Parses a whole document, as `Html::parse_document` does. Pages come
/// through the prefilter, which caps a tag's attributes: html5gum reads
/// them recursively, and duplicates are found by scanning the others.
pub fn document(html: &str) -> Html {
    // A byte-order mark is the decoder's business, not the page's text.
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), Default::default());
    let emitter = TreeEmitter {
        events: CallbackEmitter::new(TreeFeeder { builder: &builder, tag: None, duplicate: false, next_state: None }),
    };
    match Tokenizer::new_with_emitter(html, emitter).finish() {
        Ok(()) => {}
        Err(never) => match never {},
    }
    builder.sink.finish()
}

/// The input is a `&str`, and html5gum only splits it at ASCII characters
/// or emits what it decoded itself, so every slice is UTF-8; the lossy
/// conversion is a safety net.
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.into(),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn text(bytes: &[u8]) -> StrTendril {
    StrTendril::from_slice(&utf8(bytes))
}

fn name(bytes: &[u8]) -> LocalName {
    LocalName::from(&*utf8(bytes))
}

fn tag(kind: TagKind, name: LocalName) -> Tag {
    Tag { kind, name, self_closing: false, attrs: Vec::new(), had_duplicate_attributes: false }
}

/// Receives html5gum's events and feeds the tree builder.
struct TreeFeeder<'a, S> {
    builder: &'a S,
    /// The start tag being read, until its `>`.
    tag: Option<Tag>,
    /// The attribute being read is a duplicate: its value is dropped too.
    duplicate: bool,
    /// The tokenizer state the tree builder asked for after the last tag.
    next_state: Option<State>,
}

impl<S: TokenSink> TreeFeeder<'_, S> {
    fn feed(&mut self, token: Token) {
        // Line numbers only serve html5ever's error messages, which we drop.
        self.next_state = match self.builder.process_token(token, 0) {
            TokenSinkResult::Plaintext => Some(State::PlainText),
            TokenSinkResult::RawData(RawKind::Rcdata) => Some(State::RcData),
            TokenSinkResult::RawData(RawKind::Rawtext) => Some(State::RawText),
            TokenSinkResult::RawData(RawKind::ScriptData | RawKind::ScriptDataEscaped(_)) => Some(State::ScriptData),
            // No scripts run here, and the page's text is already decoded.
            TokenSinkResult::Continue | TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => None,
        };
    }
}

impl<S: TokenSink> Callback<Infallible, ()> for TreeFeeder<'_, S> {
    fn handle_event(&mut self, event: CallbackEvent<'_>, _: Span<()>) -> Option<Infallible> {
        match event {
            CallbackEvent::OpenStartTag { name: n } => self.tag = Some(tag(TagKind::StartTag, name(n))),
            CallbackEvent::AttributeName { name: n } => {
                if let Some(tag) = &mut self.tag {
                    let n = name(n);
                    // The first of duplicate attributes counts (the spec drops the others).
                    self.duplicate = tag.attrs.iter().any(|a| a.name.local == n);
                    if self.duplicate {
                        tag.had_duplicate_attributes = true;
                    } else {
                        tag.attrs.push(Attribute { name: QualName::new(None, ns!(), n), value: StrTendril::new() });
                    }
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(tag) = self.tag.as_mut().filter(|_| !self.duplicate) {
                    if let Some(attr) = tag.attrs.last_mut() {
                        attr.value = text(value);
                    }
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some(mut tag) = self.tag.take() {
                    tag.self_closing = self_closing;
                    self.feed(Token::TagToken(tag));
                }
            }
            CallbackEvent::EndTag { name: n } => self.feed(Token::TagToken(tag(TagKind::EndTag, name(n)))),
            CallbackEvent::String { value } => {
                // html5ever's tokenizer reports a NUL in text as its own token
                // (the tree builder drops it in most places).
                for (i, part) in value.split(|&b| b == 0).enumerate() {
                    if i > 0 {
                        self.feed(Token::NullCharacterToken);
                    }
                    if !part.is_empty() {
                        self.feed(Token::CharacterTokens(text(part)));
                    }
                }
            }
            CallbackEvent::Comment { value } => self.feed(Token::CommentToken(text(value))),
            CallbackEvent::Doctype { name, public_identifier, system_identifier, force_quirks } => {
                self.feed(Token::DoctypeToken(Doctype {
                    name: Some(name).filter(|n| !n.is_empty()).map(text),
                    public_id: public_identifier.map(text),
                    system_id: system_identifier.map(text),
                    force_quirks,
                }))
            }
            CallbackEvent::Error(_) => {}
        }
        None
    }
}

/// html5gum's callback emitter, plus what the tokenizer asks the tree
/// builder: the state after a start tag, and whether `<![CDATA[` is CDATA.
struct TreeEmitter<'a, S: TokenSink> {
    events: CallbackEmitter<TreeFeeder<'a, S>>,
}

impl<S: TokenSink> ForwardingEmitter for TreeEmitter<'_, S> {
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.events
    }

    /// Parse errors change nothing in the tree; checking every character
    /// for them was a tenth of the time.
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn emit_eof(&mut self) {
        self.events.emit_eof();
        let builder = self.events.callback_mut().builder;
        let _ = builder.process_token(Token::EOFToken, 0);
        builder.end();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        let _ = self.events.emit_current_tag();
        self.events.callback_mut().next_state.take()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        // Text still buffered can move the current node (it reopens closed
        // formatting elements), so the tree builder must have it first.
        // `init_comment` hands it over; the comment it starts is started
        // again if this is a bogus comment, and unused if it is CDATA.
        self.events.init_comment();
        self.events.callback_mut().builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::document;
    use scraper::{Html, Node};
    use std::fmt::Write;

    /// Every node with its namespace and attributes (`Html::html()` shows
    /// neither an element's namespace nor a doctype's identifiers), and
    /// text without byte-order marks (see below).
    fn dump(tree: &Html) -> String {
        let mut out = String::new();
        // Pre-order with each node's depth: the whole shape of the tree.
        for n in tree.tree.root().descendants() {
            let _ = write!(out, "\n{} ", n.ancestors().count());
            let _ = match n.value() {
                Node::Element(e) => {
                    let attrs: Vec<String> =
                        e.attrs.iter().map(|(k, v)| format!("{}|{}={:?}", k.ns, k.local, &v[..])).collect();
                    write!(out, "<{}|{} {attrs:?}>", e.name.ns, e.name.local)
                }
                Node::Text(t) => write!(out, "{:?}", t.replace('\u{feff}', "")),
                Node::Comment(c) => write!(out, "<!--{:?}-->", &c[..]),
                Node::Doctype(d) => write!(out, "<!{:?} {:?} {:?}>", d.name(), d.public_id(), d.system_id()),
                other => write!(out, "{other:?}"),
            };
        }
        out
    }

    /// The tree html5ever's own tokenizer builds, which browsers agree with
    /// but for one thing: html5ever also drops a byte-order mark right after
    /// every `</script>` (it resumes there as at the start of the input),
    /// where browsers and html5gum keep it as text.
    fn same_tree_as_html5ever(html: &str) {
        let ours = document(html);
        let reference = Html::parse_document(html);
        assert_eq!(dump(&ours), dump(&reference), "trees differ for {:?}", &html[..html.len().min(300)]);
        assert_eq!(ours.quirks_mode, reference.quirks_mode, "quirks differ for {html:?}");
    }

    #[test]
    fn every_fixture_page_parses_as_html5ever_parses_it() {
        let mut pages = 0;
        let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "html") {
                    same_tree_as_html5ever(&std::fs::read_to_string(&path).unwrap());
                    pages += 1;
                }
            }
        }
        assert!(pages >= 40, "only {pages} fixture pages found");
    }

    /// The places where tokenizer and tree builder talk to each other, and
    /// the tokenizer's odd corners.
    const TRICKY: &[&str] = &[
        "<!DOCTYPE html><title>a </title > &amp; <b></title></title><p>x",
        "<!doctype html public \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p>quirky",
        "<!DOCTYPE html SYSTEM \"about:legacy-compat\"><p>",
        "<p>no doctype: quirks</p>",
        "<textarea>\n<b>not a tag</b>&lt;</textarea><p>after",
        "<style>p { content: '</b>' }</style ><p>x</p>",
        "<script>if (a < b) document.write('<\\/script>')</script><p>after</p>",
        "<script><!-- <script> </script> still script --></script><p>after</p>",
        "<script><!--<script>x</script>-->y</script>z",
        "<xmp><b>raw</b></xmp><iframe><b>raw</b></iframe><noembed><i></noembed>",
        "<noframes><a></noframes><plaintext><b></plaintext> everything after is text",
        "<svg><title><p><nobr></p><<![CDATA[x]]>",
        "<svg><![CDATA[<b>cdata</b>]]><title><b>html in svg</b></title><script>x</script></svg><![CDATA[bogus]]>",
        "<math><mi><svg><desc><b>x</b></desc></svg></mi><annotation-xml encoding=\"text/html\"><p>y</annotation-xml></math>",
        "<svg viewBox=\"0 0 1 1\" xlink:href=\"#a\" xml:lang=en><foreignObject><p>z</p></foreignObject></svg>",
        "<table><tr><td>a<b>foster</td>text<tr><td>b</table>",
        "<table>text <td>c</td></table><select><option>a<option>b</select>",
        "<template><tr><td>t</td></tr></template><p>after",
        "<p><b><i>misnested</b></i></p><a href=1><a href=2>nested</a></a>",
        "<div a=1 a=2 A=3 b = 'x' c=\"y\" d=z/ e f=>",
        "<img src=\"a.png\" alt=\"&quot;quoted&quot;\"/><br/><input disabled>",
        "<a href=\"?a=1&amp;b=2&notit;&not;c&copy=3\">&notin; &notit; &#x41;&#65;&#0;&#x110000;&#128;&#x80; &amp</a>",
        "<p>AT&T &unknown; & &#; &#x; &#xZZ;</p>",
        "<p>nul \u{0} in text</p><p \u{0}x=y>tag nul</p><textarea>\u{0}</textarea><script>\u{0}</script>",
        "<p>crlf\r\nand cr\rand lf\n</p>\r\n<pre>\r\n\r\nkept</pre><textarea>\r\nx</textarea>",
        "<!-- a -- b --!> after <!----> <!---> <!--> <!-- <!-- nested --> <!-- unclosed",
        "<! bogus> <? pi ?> </ > </3> <3 < b",
        "<p>text</p></br></p><br></br>",
        "<body a=1><body b=2 a=3><html lang=en><html x=y>",
        "<frameset><frame></frameset>",
        "<head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><base href=/></head>",
        "<li>a<li>b<dd>c<dt>d<p>e<h1>f<h2>g</h1>",
        "<ruby>a<rb>b<rt>c<rp>d</ruby><object><param></object>",
        "<form><form><input></form></form><button><button></button>",
        "<ul><li><ul><li>deep</ul></ul><nobr><nobr>x</nobr>",
        "<b>\u{202e}bidi</b><span title=\"x\u{2066}y\">\u{feff}bom</span>",
        "<p>émoji 😀 and 한국어 and русский</p><p title=\"日本語\">ok</p>",
        "<scrİpt>not script</scrİpt><SCRIPT>upper</SCRIPT><Title>t</TITLE>",
        "unterminated <a href=\"x",
        "<p>unterminated attribute <a href='x>y</p>",
        "<div><p>unclosed at eof",
        "",
        "<",
        "</",
        "<!",
        "&",
    ];

    #[test]
    fn tricky_markup_parses_as_html5ever_parses_it() {
        for html in TRICKY {
            same_tree_as_html5ever(html);
        }
        // Duplicates among many attributes, early and late.
        let attrs: String = (0..80).map(|i| format!(" a{}={i}", i % 50)).collect();
        same_tree_as_html5ever(&format!("<p{attrs} a0=last a49=last>x"));
        // A byte-order mark opening the page is dropped, one in the text kept.
        assert_eq!(document("\u{feff}<p>x</p>").root_element().text().collect::<String>(), "x");
        assert_eq!(document("<p>\u{feff}x</p>").root_element().text().collect::<String>(), "\u{feff}x");
    }

    /// Random tag soup from the pieces above: orders no test would think of.
    #[test]
    fn random_tag_soup_parses_as_html5ever_parses_it() {
        let pieces: Vec<&str> = TRICKY
            .iter()
            .flat_map(|t| t.split_inclusive(['>', ' ', '&']))
            .chain(["<", "</", "=", "\"", "'", "<!--", "-->", "]]>", "\r", "\u{0}", "&amp", ";"])
            .chain(["<", ">", "/", "!", "-", "=", "\"", "'", " ", "&", ";", "#", "x", "[", "]", "?", "\n"])
            .chain(["a", "p", "b", "svg", "math", "script", "title", "table", "td", "tr", "template", "select"])
            .chain(["textarea", "plaintext", "CDATA", "lt", "foreignObject", "mi", "nobr", "body", "DOCTYPE"])
            .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3_000 {
            let len = 1 + next() % 40;
            let html: String = (0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            same_tree_as_html5ever(&html);
        }
    }
}
