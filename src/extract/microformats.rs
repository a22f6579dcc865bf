//! A microformats2 parser (<https://microformats.org/wiki/microformats2-parsing>)
//! over the parsed page tree, with the classic class names ("backcompat":
//! `vcard`, `fn`, `adr`, `locality`, `hresume`, `vevent`…) mapped as the
//! parsing specification describes.
//!
//! Why our own: the one Rust parser on crates.io (`microformats`) is
//! LGPL-3.0, which does not fit a statically linked MIT/Apache wasm module,
//! and brings its own HTML parser. This one reads the tree the page was
//! already parsed into. It is checked against the official test suite
//! (`tests/microformats_suite.rs`, the suite from the npm package
//! `microformat-tests`).
//!
//! Values are whitespace-collapsed text (the suite and the profile model
//! both want that); `e-*` keeps its HTML.

use super::selector;
use crate::sites;
use scraper::{ElementRef, Html};
#[cfg(not(target_arch = "wasm32"))]
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Most microformats read from one page, and deepest nesting followed:
/// a hostile page may hold thousands.
const MAX_ITEMS: usize = 200;
/// Element depth followed below the page's root (the prefilter already
/// caps a page's nesting at 512).
const MAX_DEPTH: usize = 512;

/// One microformat: its types (`h-card`), properties and nested children.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Item {
    pub types: Vec<String>,
    pub properties: BTreeMap<String, Vec<Prop>>,
    pub children: Vec<Item>,
    /// For an item that is also a property of its parent: the parent's
    /// view of it (its name or url).
    pub value: Option<String>,
}

/// A property value.
#[derive(Clone, Debug, PartialEq)]
pub enum Prop {
    Text(String),
    /// An image with its alternative text (`u-photo` on an `img`).
    Image {
        url: String,
        alt: String,
    },
    /// `e-*`: the element's HTML and its text.
    Html {
        html: String,
        text: String,
    },
    Item(Box<Item>),
}

impl Prop {
    /// The plain value: text, the image's address, the HTML's text, or a
    /// nested item's `value`.
    pub fn text(&self) -> Option<&str> {
        match self {
            Prop::Text(t) => Some(t),
            Prop::Image { url, .. } => Some(url),
            Prop::Html { text, .. } => Some(text),
            Prop::Item(item) => item.value.as_deref(),
        }
    }
}

impl Item {
    pub fn is(&self, kind: &str) -> bool {
        self.types.iter().any(|t| t == kind)
    }

    /// The first plain value of a property.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.properties.get(name)?.iter().find_map(Prop::text).filter(|s| !s.is_empty())
    }

    /// Every plain value of a property.
    pub fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.properties.get(name).into_iter().flatten().filter_map(Prop::text)
    }

    /// Nested items given as a property (`p-adr h-adr`, `p-experience h-event`).
    pub fn items(&self, name: &str) -> impl Iterator<Item = &Item> {
        self.properties.get(name).into_iter().flatten().filter_map(|p| match p {
            Prop::Item(i) => Some(&**i),
            _ => None,
        })
    }

    /// The JSON the parsing specification defines (for the test suite;
    /// not in the browser's build).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("type".into(), json!(self.types));
        let props: Map<String, Value> = self
            .properties
            .iter()
            .map(|(k, vs)| {
                let vs: Vec<Value> = vs
                    .iter()
                    .map(|v| match v {
                        Prop::Text(t) => json!(t),
                        Prop::Image { url, alt } => json!({"value": url, "alt": alt}),
                        Prop::Html { html, text } => json!({"html": html, "value": text}),
                        Prop::Item(i) => i.to_json(),
                    })
                    .collect();
                (k.clone(), Value::Array(vs))
            })
            .collect();
        out.insert("properties".into(), Value::Object(props));
        if !self.children.is_empty() {
            out.insert("children".into(), self.children.iter().map(Item::to_json).collect());
        }
        if let Some(v) = &self.value {
            out.insert("value".into(), json!(v));
        }
        Value::Object(out)
    }
}

/// Every top-level microformat on the page, in document order. `url` is
/// the page's address, against which (or the page's `<base>`) relative
/// addresses resolve.
pub fn parse(doc: &Html, url: &str) -> Vec<Item> {
    let base = doc
        .select(selector("base[href]"))
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|h| resolve(url, h))
        .unwrap_or_else(|| url.to_string());
    let mut parser = Parser { base, count: 0 };
    let mut items = Vec::new();
    parser.find_roots(doc.root_element(), &mut items, 0);
    items
}

struct Parser {
    base: String,
    count: usize,
}

/// The classic (microformats 1) vocabularies the specification maps:
/// root class → mf2 type, and property class → mf2 property (with the
/// type it implies for the element, as `adr` in a `vcard` is an `h-adr`).
struct Classic {
    root: &'static str,
    kind: &'static str,
    props: &'static [(&'static str, &'static str, Option<&'static str>)],
}

const CLASSIC: &[Classic] = &[
    Classic {
        root: "vcard",
        kind: "h-card",
        props: &[
            ("fn", "p-name", None),
            ("honorific-prefix", "p-honorific-prefix", None),
            ("given-name", "p-given-name", None),
            ("additional-name", "p-additional-name", None),
            ("family-name", "p-family-name", None),
            ("honorific-suffix", "p-honorific-suffix", None),
            ("nickname", "p-nickname", None),
            ("email", "u-email", None),
            ("logo", "u-logo", None),
            ("photo", "u-photo", None),
            ("url", "u-url", None),
            ("uid", "u-uid", None),
            ("category", "p-category", None),
            ("adr", "p-adr", Some("h-adr")),
            ("extended-address", "p-extended-address", None),
            ("street-address", "p-street-address", None),
            ("locality", "p-locality", None),
            ("region", "p-region", None),
            ("postal-code", "p-postal-code", None),
            ("country-name", "p-country-name", None),
            ("label", "p-label", None),
            ("geo", "p-geo", Some("h-geo")),
            ("latitude", "p-latitude", None),
            ("longitude", "p-longitude", None),
            ("tel", "p-tel", None),
            ("note", "p-note", None),
            ("bday", "dt-bday", None),
            ("key", "u-key", None),
            ("org", "p-org", None),
            ("organization-name", "p-organization-name", None),
            ("organization-unit", "p-organization-unit", None),
            ("title", "p-job-title", None),
            ("role", "p-role", None),
        ],
    },
    Classic {
        root: "adr",
        kind: "h-adr",
        props: &[
            ("post-office-box", "p-post-office-box", None),
            ("extended-address", "p-extended-address", None),
            ("street-address", "p-street-address", None),
            ("locality", "p-locality", None),
            ("region", "p-region", None),
            ("postal-code", "p-postal-code", None),
            ("country-name", "p-country-name", None),
        ],
    },
    Classic {
        root: "geo",
        kind: "h-geo",
        props: &[("latitude", "p-latitude", None), ("longitude", "p-longitude", None)],
    },
    Classic {
        root: "hresume",
        kind: "h-resume",
        props: &[
            ("summary", "p-summary", None),
            ("contact", "p-contact", Some("h-card")),
            ("education", "p-education", Some("h-event")),
            ("experience", "p-experience", Some("h-event")),
            ("skill", "p-skill", None),
            ("affiliation", "p-affiliation", Some("h-card")),
        ],
    },
    Classic {
        root: "vevent",
        kind: "h-event",
        props: &[
            ("summary", "p-name", None),
            ("dtstart", "dt-start", None),
            ("dtend", "dt-end", None),
            ("duration", "dt-duration", None),
            ("description", "p-description", None),
            ("url", "u-url", None),
            ("category", "p-category", None),
            ("location", "p-location", None),
            ("geo", "p-location", Some("h-geo")),
            ("organizer", "p-organizer", None),
            ("attendee", "p-attendee", None),
            ("contact", "p-contact", None),
        ],
    },
];

/// The classic vocabularies of an item's types.
type Vocab = Vec<&'static Classic>;

fn vocab_of(types: &[String]) -> Vocab {
    CLASSIC.iter().filter(|v| types.iter().any(|t| t == v.kind)).collect()
}

/// How an element's classes read within the item being parsed: the types
/// it roots (mf2 `h-*`, or classic roots and the types classic properties
/// imply), whether those are classic, and its property classes.
struct Classes {
    types: Vec<String>,
    classic: bool,
    props: Vec<String>,
}

/// `h-*` classes that are not microformats but Tailwind's height utilities.
const NOT_ROOTS: &[&str] = &["auto", "fit", "full", "max", "min", "px", "screen"];

fn is_mf2_name(name: &str) -> bool {
    // An optional vendor prefix ("x-", "p-h2-") then lowercase words.
    let parts: Vec<&str> = name.split('-').collect();
    let (last, rest) = parts.split_last().expect("split yields one part");
    !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_lowercase())
        && rest
            .iter()
            .enumerate()
            .all(|(i, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || (i == 0 && b.is_ascii_digit())))
}

/// The classes of `el`, read within `context`: the classic vocabularies
/// of the item being parsed, or none when it is an mf2 item.
fn classes(el: ElementRef<'_>, context: &[&'static Classic]) -> Classes {
    let list: Vec<&str> = el.value().attr("class").unwrap_or_default().split_ascii_whitespace().collect();
    let mut types: Vec<String> = Vec::new();
    let mut props = Vec::new();
    let mut classic = false;
    if context.is_empty() {
        types = list
            .iter()
            .filter_map(|c| c.strip_prefix("h-"))
            .filter(|rest| is_mf2_name(rest) && !NOT_ROOTS.contains(rest))
            .map(|rest| format!("h-{rest}"))
            .collect();
        for c in &list {
            if ["p-", "u-", "dt-", "e-"].iter().any(|pre| c.strip_prefix(pre).is_some_and(is_mf2_name)) {
                props.push((*c).to_string());
            }
        }
    } else {
        // Inside a classic item only its vocabularies count.
        classic = true;
        for c in &list {
            for vocab in context {
                if let Some((_, prop, implied)) = vocab.props.iter().find(|(name, ..)| name == c) {
                    props.push((*prop).to_string());
                    types.extend(implied.map(str::to_string));
                }
            }
        }
    }
    if types.is_empty() || classic {
        let roots: Vec<String> =
            CLASSIC.iter().filter(|v| list.contains(&v.root)).map(|v| v.kind.to_string()).collect();
        classic |= !roots.is_empty();
        types.extend(roots);
    }
    types.sort();
    types.dedup();
    props.sort();
    props.dedup();
    Classes { types, classic, props }
}

impl Parser {
    fn find_roots(&mut self, el: ElementRef<'_>, out: &mut Vec<Item>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in el.children().filter_map(ElementRef::wrap) {
            if self.count >= MAX_ITEMS {
                return;
            }
            let c = classes(child, &[]);
            if c.types.is_empty() {
                self.find_roots(child, out, depth + 1);
            } else {
                out.push(self.item(child, &c, depth + 1));
            }
        }
    }

    fn item(&mut self, el: ElementRef<'_>, c: &Classes, depth: usize) -> Item {
        self.count += 1;
        let mut item = Item { types: c.types.clone(), ..Item::default() };
        let mut seen = Seen::default();
        let vocab = if c.classic { vocab_of(&c.types) } else { Vec::new() };
        if depth < MAX_DEPTH {
            self.properties(el, &mut item, &mut seen, &vocab, depth + 1);
        }
        // Classic items imply nothing.
        if !c.classic {
            self.implied(el, &mut item, &seen);
        }
        item
    }

    /// Reads the properties and nested items among `el`'s descendants.
    fn properties(
        &mut self,
        el: ElementRef<'_>,
        item: &mut Item,
        seen: &mut Seen,
        vocab: &[&'static Classic],
        depth: usize,
    ) {
        for child in el.children().filter_map(ElementRef::wrap) {
            if self.count >= MAX_ITEMS {
                return;
            }
            let c = classes(child, vocab);
            // In a classic item, a nested classic root that is none of its
            // properties belongs to nobody: its properties are not the item's.
            if !vocab.is_empty() && !c.types.is_empty() && c.props.is_empty() {
                continue;
            }
            if !c.types.is_empty() {
                let mut nested = self.item(child, &c, depth + 1);
                seen.nested = true;
                if c.props.is_empty() {
                    item.children.push(nested);
                    continue;
                }
                for prop in &c.props {
                    let (prefix, name) = split_prop(prop);
                    nested.value = match prefix {
                        "p" => nested.first("name").map(str::to_string).or_else(|| Some(self.p_value(child))),
                        "u" => nested.first("url").map(str::to_string).or_else(|| Some(self.u_value(child).0)),
                        "dt" => Some(self.dt_value(child)),
                        _ => Some(text_content(child, &self.base)),
                    };
                    push(item, name, Prop::Item(Box::new(nested.clone())));
                }
                continue;
            }
            for prop in &c.props {
                let (prefix, name) = split_prop(prop);
                let value = match prefix {
                    "p" => {
                        seen.p = true;
                        Prop::Text(self.p_value(child))
                    }
                    "u" => {
                        seen.u = true;
                        match self.u_value(child) {
                            (url, Some(alt)) => Prop::Image { url, alt },
                            (url, None) => Prop::Text(url),
                        }
                    }
                    "dt" => Prop::Text(self.dt_value(child)),
                    _ => {
                        seen.e = true;
                        Prop::Html {
                            html: child.inner_html().trim().to_string(),
                            text: text_content(child, &self.base),
                        }
                    }
                };
                push(item, name, value);
            }
            if depth < MAX_DEPTH {
                self.properties(child, item, seen, vocab, depth + 1);
            }
        }
    }

    fn p_value(&self, el: ElementRef<'_>) -> String {
        if let Some(v) = value_class(el, &self.base) {
            return v;
        }
        let e = el.value();
        let attr = match e.name() {
            "abbr" | "link" => e.attr("title"),
            "data" | "input" => e.attr("value"),
            "img" | "area" => e.attr("alt"),
            _ => None,
        };
        attr.map(clean).unwrap_or_else(|| text_content(el, &self.base))
    }

    /// A `u-*` value, with the alternative text when it is an image.
    fn u_value(&self, el: ElementRef<'_>) -> (String, Option<String>) {
        let e = el.value();
        let url = match e.name() {
            "a" | "area" | "link" => e.attr("href"),
            "img" | "audio" | "video" | "source" | "iframe" => e.attr("src"),
            "object" => e.attr("data"),
            _ => None,
        };
        if let Some(url) = url {
            let resolved = resolve(&self.base, url).unwrap_or_else(|| url.trim().to_string());
            let alt = (e.name() == "img").then(|| e.attr("alt")).flatten().map(clean);
            return (resolved, alt);
        }
        if e.name() == "video" {
            if let Some(poster) = e.attr("poster") {
                return (resolve(&self.base, poster).unwrap_or_default(), None);
            }
        }
        if let Some(v) = value_class(el, &self.base) {
            return (v, None);
        }
        let attr = match e.name() {
            "abbr" => e.attr("title"),
            "data" | "input" => e.attr("value"),
            _ => None,
        };
        let text = attr.map(clean).unwrap_or_else(|| text_content(el, &self.base));
        // The specification resolves such text as an address; an e-mail
        // address written as text ("ana@example.com") is kept as written
        // (the one place this parser departs from it).
        if text.contains('@') && !text.contains('/') {
            return (text, None);
        }
        (resolve(&self.base, &text).unwrap_or(text), None)
    }

    fn dt_value(&self, el: ElementRef<'_>) -> String {
        if let Some(v) = value_class(el, &self.base) {
            return v;
        }
        let e = el.value();
        let attr = match e.name() {
            "time" | "ins" | "del" => e.attr("datetime"),
            "abbr" => e.attr("title"),
            "data" | "input" => e.attr("value"),
            _ => None,
        };
        attr.map(clean).unwrap_or_else(|| text_content(el, &self.base))
    }

    /// The implied `name`, `photo` and `url` of an item that gave none.
    fn implied(&self, el: ElementRef<'_>, item: &mut Item, seen: &Seen) {
        if !item.properties.contains_key("name") && !seen.p && !seen.e && !seen.nested {
            let name = implied_name(el).unwrap_or_else(|| text_content(el, &self.base));
            push(item, "name", Prop::Text(name));
        }
        if !item.properties.contains_key("photo") && !seen.u && !seen.nested {
            if let Some((src, alt)) = implied_photo(el) {
                let url = resolve(&self.base, src).unwrap_or_else(|| src.trim().to_string());
                let value = match alt {
                    Some(alt) => Prop::Image { url, alt: clean(alt) },
                    None => Prop::Text(url),
                };
                push(item, "photo", value);
            }
        }
        if !item.properties.contains_key("url") && !seen.u && !seen.nested {
            if let Some(href) = implied_url(el) {
                push(item, "url", Prop::Text(resolve(&self.base, href).unwrap_or_else(|| href.trim().to_string())));
            }
        }
    }
}

/// Which kinds of property an item gave (implied properties need none).
#[derive(Default)]
struct Seen {
    p: bool,
    u: bool,
    e: bool,
    nested: bool,
}

fn split_prop(prop: &str) -> (&str, &str) {
    prop.split_once('-').unwrap_or(("p", prop))
}

fn push(item: &mut Item, name: &str, value: Prop) {
    let values = item.properties.entry(name.to_string()).or_default();
    if values.len() < 100 {
        values.push(value);
    }
}

fn clean(s: &str) -> String {
    crate::text::clean(s, crate::text::MAX_BLOCK_CHARS)
}

/// Resolves `href` against `base`; other schemes (`mailto:`, `tel:`)
/// stay as written.
fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return Some(base.to_string());
    }
    let scheme = href
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')));
    match scheme {
        Some(s) if !s.eq_ignore_ascii_case("http") && !s.eq_ignore_ascii_case("https") => Some(href.to_string()),
        _ => sites::resolve(base, href),
    }
}

/// The element's text as the specification reads it: scripts and styles
/// dropped, images replaced by their alternative text (else their address).
fn text_content(el: ElementRef<'_>, base: &str) -> String {
    let mut raw = String::new();
    collect_text(el, base, &mut raw, 0);
    clean(&raw)
}

fn collect_text(el: ElementRef<'_>, base: &str, out: &mut String, depth: usize) {
    if depth > 256 || out.len() > crate::text::MAX_BLOCK_CHARS * 8 {
        return;
    }
    for node in el.children() {
        if let Some(t) = node.value().as_text() {
            out.push_str(t);
        } else if let Some(child) = ElementRef::wrap(node) {
            match child.value().name() {
                "script" | "style" | "template" => {}
                "img" => {
                    let v = child.value();
                    let shown =
                        v.attr("alt").map(str::to_string).or_else(|| v.attr("src").and_then(|s| resolve(base, s)));
                    if let Some(shown) = shown {
                        out.push(' ');
                        out.push_str(&shown);
                        out.push(' ');
                    }
                }
                _ => collect_text(child, base, out, depth + 1),
            }
        }
    }
}

/// The value-class pattern: the parts marked `value` (or `value-title`)
/// among an element's descendants, outside nested properties and items.
fn value_class(el: ElementRef<'_>, base: &str) -> Option<String> {
    let mut parts = Vec::new();
    collect_values(el, base, &mut parts, 0);
    (!parts.is_empty()).then(|| parts.concat())
}

fn collect_values(el: ElementRef<'_>, base: &str, parts: &mut Vec<String>, depth: usize) {
    if depth > 64 || parts.len() > 32 {
        return;
    }
    for child in el.children().filter_map(ElementRef::wrap) {
        let class = child.value().attr("class").unwrap_or_default();
        let list: Vec<&str> = class.split_ascii_whitespace().collect();
        // Another property or microformat owns what is inside it.
        let owned = list
            .iter()
            .any(|c| ["h-", "p-", "u-", "dt-", "e-"].iter().any(|p| c.strip_prefix(p).is_some_and(is_mf2_name)));
        if list.contains(&"value-title") {
            if let Some(t) = child.value().attr("title") {
                parts.push(clean(t));
            }
        } else if list.contains(&"value") {
            let e = child.value();
            let v = match e.name() {
                "img" | "area" => e.attr("alt").map(clean),
                "data" => e.attr("value").map(clean),
                "abbr" => e.attr("title").map(clean),
                _ => None,
            };
            parts.push(v.unwrap_or_else(|| text_content(child, base)));
        } else if !owned {
            collect_values(child, base, parts, depth + 1);
        }
    }
}

fn element_children<'a>(el: ElementRef<'a>) -> Vec<ElementRef<'a>> {
    el.children().filter_map(ElementRef::wrap).collect()
}

/// Has any `h-*` class: a nested microformat, which implied values skip.
fn is_root(el: ElementRef<'_>) -> bool {
    el.value().attr("class").unwrap_or_default().split_ascii_whitespace().any(|c| c.starts_with("h-"))
}

/// The element's only child element, if it has exactly one and it is
/// not a microformat of its own.
fn only_child<'a>(el: ElementRef<'a>) -> Option<ElementRef<'a>> {
    match element_children(el)[..] {
        [one] if !is_root(one) => Some(one),
        _ => None,
    }
}

/// The only child element of type `tag`, among possibly other children.
fn only_of_type<'a>(el: ElementRef<'a>, tag: &str) -> Option<ElementRef<'a>> {
    let mut of_type = element_children(el).into_iter().filter(|c| c.value().name() == tag);
    match (of_type.next(), of_type.next()) {
        (Some(one), None) if !is_root(one) => Some(one),
        _ => None,
    }
}

fn own_name(e: ElementRef<'_>) -> Option<String> {
    let v = e.value();
    match v.name() {
        "img" | "area" => v.attr("alt"),
        "abbr" => v.attr("title"),
        _ => None,
    }
    .map(clean)
}

fn implied_name(el: ElementRef<'_>) -> Option<String> {
    if let Some(name) = own_name(el) {
        return Some(name);
    }
    let child = only_child(el)?;
    own_name(child).or_else(|| only_child(child).and_then(own_name))
}

fn own_photo<'a>(e: ElementRef<'a>) -> Option<(&'a str, Option<&'a str>)> {
    let v = e.value();
    match v.name() {
        "img" => v.attr("src").map(|s| (s, v.attr("alt"))),
        "object" => v.attr("data").map(|d| (d, None)),
        _ => None,
    }
}

fn child_photo<'a>(parent: ElementRef<'a>) -> Option<(&'a str, Option<&'a str>)> {
    only_of_type(parent, "img").and_then(own_photo).or_else(|| only_of_type(parent, "object").and_then(own_photo))
}

fn implied_photo<'a>(el: ElementRef<'a>) -> Option<(&'a str, Option<&'a str>)> {
    own_photo(el).or_else(|| child_photo(el)).or_else(|| only_child(el).and_then(child_photo))
}

fn own_url<'a>(e: ElementRef<'a>) -> Option<&'a str> {
    matches!(e.value().name(), "a" | "area").then(|| e.value().attr("href")).flatten()
}

fn child_url<'a>(parent: ElementRef<'a>) -> Option<&'a str> {
    only_of_type(parent, "a").and_then(own_url).or_else(|| only_of_type(parent, "area").and_then(own_url))
}

fn implied_url<'a>(el: ElementRef<'a>) -> Option<&'a str> {
    own_url(el).or_else(|| child_url(el)).or_else(|| only_child(el).and_then(child_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(html: &str) -> Vec<Item> {
        parse(&Html::parse_document(html), "https://example.com/about")
    }

    #[test]
    fn implied_name_photo_and_url() {
        let found = items(r#"<a class="h-card" href="/me"><img src="me.jpg" alt="Ana Lima"></a>"#);
        let card = &found[0];
        assert_eq!(card.first("name"), Some("Ana Lima"));
        assert_eq!(card.first("url"), Some("https://example.com/me"));
        assert_eq!(card.first("photo"), Some("https://example.com/me.jpg"));
    }

    #[test]
    fn nested_org_and_adr_are_items_with_a_value() {
        let found = items(
            r#"<div class="h-card"><span class="p-name">Ana Lima</span>
               <a class="p-org h-card" href="https://acme.example">Acme</a>
               <span class="p-adr h-adr"><span class="p-locality">Porto</span>, <span class="p-country-name">Portugal</span></span></div>"#,
        );
        let card = &found[0];
        assert_eq!(card.first("org"), Some("Acme"));
        let adr = card.items("adr").next().unwrap();
        assert_eq!(adr.first("locality"), Some("Porto"));
        assert_eq!(adr.first("country-name"), Some("Portugal"));
        assert!(card.children.is_empty());
    }

    #[test]
    fn classic_vcard_with_adr_reads_locality() {
        let found = items(
            r#"<div class="vcard"><span class="fn">Ana Lima</span><span class="title">Engineer</span>
               <div class="adr"><span class="locality">Porto</span> <span class="country-name">Portugal</span></div>
               <a class="email" href="mailto:ana@example.com">mail</a><span class="tel">+351 555 0100</span></div>"#,
        );
        let card = &found[0];
        assert_eq!(card.types, ["h-card"]);
        assert_eq!(card.first("name"), Some("Ana Lima"));
        assert_eq!(card.first("job-title"), Some("Engineer"));
        assert_eq!(card.items("adr").next().unwrap().first("locality"), Some("Porto"));
        assert_eq!(card.first("email"), Some("mailto:ana@example.com"));
        assert_eq!(card.first("tel"), Some("+351 555 0100"));
        // Classic cards imply nothing: no name from text, no url.
        assert!(card.first("url").is_none());
    }

    #[test]
    fn hostile_nesting_and_counts_are_bounded() {
        let deep = "<div class=\"h-card p-org\">".repeat(2_000);
        let found = items(&format!("<div class=\"h-card\">{deep}x</div>"));
        assert_eq!(found.len(), 1);
        let many = "<p class=\"h-card\">A B</p>".repeat(5_000);
        assert_eq!(items(&many).len(), MAX_ITEMS);
    }
}
