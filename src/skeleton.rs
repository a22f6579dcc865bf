//! `vetter skeleton PAGE`: a saved page turned into a structure-only
//! fixture that can be shared without anyone's data. Every text and every
//! value that can carry personal data (alternative texts, titles, labels,
//! meta contents, form values, link and image addresses, `data-*` values,
//! JSON-LD values, comments) is replaced by a fictional value of the same
//! shape: a word by a word of the same length, letter case and script, a
//! number by a number of as many digits, a year by a year shifted by the
//! same amount everywhere (so periods keep their order and length).
//! The same word gets the same replacement everywhere, in text, addresses
//! and JSON-LD, so the page stays consistent (a profile's address still
//! names the person on it). What a page is built from stays: tags, nesting,
//! classes, ids, stable attributes (`data-test*`, `componentkey`, roles),
//! the site's own words (section headings, months, "Present", "Contact
//! info"), and the weight of scripts and styles (their bodies become
//! filler of the same length).
//!
//! Finally every value that was replaced is searched for in the output; if
//! one is still there the skeleton is refused ([`SkeletonError`]).

use crate::text::stable_hash;
use scraper::{ElementRef, Html, Node};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write};

/// A skeleton and what was done to make it.
pub struct Skeleton {
    pub html: String,
    /// Distinct words and numbers replaced.
    pub replaced: usize,
    replacer: Skeletonizer,
}

impl Skeleton {
    /// `text` as the skeleton writes it: what a value read from the
    /// original page reads as in the skeleton (for its expected values).
    pub fn fictional(&self, text: &str) -> String {
        if looks_like_address(text) {
            self.replacer.replace_url(text)
        } else {
            self.replacer.replace(text)
        }
    }
}

#[derive(Debug)]
pub struct SkeletonError {
    /// Original values still found in the output.
    pub remaining: Vec<String>,
}

impl fmt::Display for SkeletonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "original values would remain in the skeleton: {}", self.remaining.join(", "))
    }
}

impl std::error::Error for SkeletonError {}

/// Attributes that describe the page's structure, kept as they are (a
/// personal word or number found in one is still replaced).
const STRUCTURAL: &[&str] = &[
    "class",
    "id",
    "role",
    "type",
    "rel",
    "lang",
    "dir",
    "tabindex",
    "width",
    "height",
    "loading",
    "target",
    "method",
    "charset",
    "http-equiv",
    "name",
    "property",
    "itemprop",
    "itemscope",
    "itemtype",
    "hidden",
    "disabled",
    "colspan",
    "rowspan",
    "scope",
    "for",
    "crossorigin",
    "referrerpolicy",
    "async",
    "defer",
    "media",
    "sizes",
    "decoding",
    "fetchpriority",
    "componentkey",
    "shape",
    "coords",
    "style",
    "nonce",
    "xmlns",
    "viewbox",
    "fill",
    "d",
    "data-view-name",
    "data-field",
    "data-section",
    "data-tracking-control-name",
    "data-test-id",
    "data-testid",
];

/// Structural attributes by prefix (`aria-hidden`, `data-test-…`, `data-qa`).
fn structural(name: &str) -> bool {
    STRUCTURAL.contains(&name)
        || ["aria-hidden", "aria-expanded", "aria-modal", "aria-busy", "aria-live", "aria-current", "aria-describedby"]
            .contains(&name)
        || ["aria-labelledby", "aria-controls", "aria-haspopup", "aria-selected", "aria-level"].contains(&name)
        || name.starts_with("data-test")
        || name.starts_with("data-qa")
}

/// The words of the sites' own interface and common function words, kept
/// so that headings, labels, dates and sentences still read as they do.
const VOCABULARY: &str = "
a an the and or of at in on for to with by from as is are was be this that it its my our your you we i
about experience education skills activity languages language licenses certifications recommendations interests
projects courses honors awards publications volunteering volunteer organizations contact info connections
followers following connect message more show all see less profile profiles view views viewed people also
present current now today ongoing yr yrs year years mo mos month months full time part self employed freelance
contract internship apprenticeship seasonal remote hybrid on site onsite degree connection 1st 2nd 3rd
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september
october november december
experiencia educación formación actualidad presente años meses expérience formation aujourd hui ans mois
berufserfahrung ausbildung heute jahre monate experiência formação atual anos meses
linkedin github upwork freelancer fiverr toptal indeed wellfound angellist stack overflow guru peopleperhour
sign up join log login signin signup register now welcome not found page doesn t exist unavailable
https http www com net org io in company school overlay details search results feed messaging thread
freelancers users u r resume developers talent json ld schema person profilepage organization
educationalorganization postaladdress organizationrole website webpage breadcrumblist listitem
blob data mailto tel javascript about quot amp lt gt nbsp apos saved url
";

fn vocabulary() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        // The words extraction itself reads (headings, page states, months)
        // and the words of titles the history rules read (board, founder…).
        let history = crate::rules::history::CONCURRENT_WORDS.iter().chain(crate::rules::history::CONCURRENT_PHRASES);
        let site = crate::extract::site_words()
            .chain(history.copied())
            .flat_map(|phrase| words(phrase).map(str::to_lowercase).collect::<Vec<_>>());
        VOCABULARY.split_whitespace().map(str::to_string).chain(site).collect()
    })
}

/// Turns `html` into a skeleton; refused if an original value remains.
/// `url` is the page's address when the page does not record it (a
/// `saved from` comment): the skeleton records its fictional twin.
pub fn skeleton(html: &str, url: Option<&str>) -> Result<Skeleton, SkeletonError> {
    let doc = Html::parse_document(html);
    let url = url.map(str::to_string).or_else(|| crate::extract::saved_from_url(html));
    let seed = stable_hash(html.bytes());
    // A fresh seed when a replacement happens to spell an original word.
    let mut last = None;
    for round in 0..4u64 {
        let mut s = Skeletonizer::new(seed.wrapping_add(round.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        s.collect(&doc);
        if let Some(url) = &url {
            s.learn(url, true);
        }
        let out = s.write(&doc, url.as_deref());
        let remaining = s.remaining(&out);
        if std::env::var_os("VETTER_SKELETON_DEBUG").is_some() {
            let _ = std::fs::write("/tmp/vetter-skeleton-debug.html", &out);
        }
        if remaining.is_empty() {
            return Ok(Skeleton { html: out, replaced: s.map.len(), replacer: s });
        }
        last = Some(remaining);
    }
    Err(SkeletonError { remaining: last.unwrap_or_default() })
}

struct Skeletonizer {
    seed: u64,
    /// Original word (lower-cased) → replacement (lower-cased).
    map: HashMap<String, String>,
    /// Replaced words (4 letters and more, numbers of 5 digits and more)
    /// the page's structure does not use: they are also replaced in
    /// structural attributes, and the output is searched for them.
    personal: std::collections::HashSet<String>,
    /// Words of the page's structure (lower-cased).
    structure: std::collections::HashSet<String>,
    /// Years move by this much (negative: into the past).
    year_shift: i32,
}

impl Skeletonizer {
    fn new(seed: u64) -> Self {
        Skeletonizer {
            seed,
            map: HashMap::new(),
            personal: Default::default(),
            structure: Default::default(),
            year_shift: -1 - (seed % 4) as i32,
        }
    }

    /// Records every word that will be replaced, and which of them are
    /// personal: the words of replaced values that the page's structure
    /// (tag and attribute names, lower-case words of structural attributes,
    /// scripts and styles) does not also use.
    fn collect(&mut self, doc: &Html) {
        for node in doc.tree.nodes() {
            match node.value() {
                Node::Element(e) => {
                    self.structure.extend(words(e.name()).map(str::to_lowercase));
                    for (name, value) in e.attrs() {
                        self.structure.extend(words(name).map(str::to_lowercase));
                        self.structure.extend(kept_host_words(value));
                        if structural(name) {
                            let lower = words(value).filter(|w| !w.chars().any(char::is_uppercase));
                            self.structure.extend(lower.filter(|w| !is_long_number(w)).map(str::to_string));
                        }
                    }
                }
                Node::Text(t) => {
                    let parent = node.parent().and_then(ElementRef::wrap);
                    self.structure.extend(kept_host_words(t));
                    if parent.is_some_and(|p| matches!(p.value().name(), "script" | "style") && !is_json_ld(p)) {
                        self.structure.extend(words(t).map(str::to_lowercase));
                    }
                    if parent.is_some_and(is_json_ld) {
                        if let Ok(v) = serde_json::from_str::<Value>(t) {
                            json_keys(&v, &mut self.structure);
                        }
                    }
                }
                _ => {}
            }
        }
        for node in doc.tree.nodes() {
            match node.value() {
                Node::Text(t) => {
                    let parent = node.parent().and_then(ElementRef::wrap);
                    match parent.map(|p| p.value().name()) {
                        Some("script") => {
                            if parent.is_some_and(is_json_ld) {
                                if let Ok(v) = serde_json::from_str::<Value>(t) {
                                    self.collect_json(&v);
                                }
                            }
                        }
                        Some("style") => {}
                        _ => self.learn(t, false),
                    }
                }
                Node::Comment(c) => self.learn(c, false),
                Node::Element(e) => {
                    for (name, value) in e.attrs() {
                        if !structural(name) {
                            self.learn(value, is_address(name, value));
                        } else {
                            // Long numbers in structural attributes (member
                            // ids) are personal too.
                            for number in words(value).filter(|w| is_long_number(w)) {
                                self.learn(number, false);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn collect_json(&mut self, v: &Value) {
        match v {
            Value::String(s) => self.learn(s, looks_like_address(s)),
            Value::Array(items) => items.iter().for_each(|i| self.collect_json(i)),
            Value::Object(map) => {
                for (k, v) in map {
                    if k != "@type" && k != "@context" {
                        self.collect_json(v);
                    }
                }
            }
            _ => {}
        }
    }

    /// Records the words of `text` to replace; `address`: a link, image
    /// address or e-mail, whose every word is personal.
    fn learn(&mut self, text: &str, address: bool) {
        // The host of a site's own address stays as it is (`replace_url`).
        let text = match text.find("://") {
            Some(i) if address && kept_host(text) => {
                let after = &text[i + 3..];
                &after[after.find(['/', '?', '#']).unwrap_or(after.len())..]
            }
            _ => text,
        };
        let _ = address;
        for word in words(text) {
            let lower = word.to_lowercase();
            if kept(&lower) {
                continue;
            }
            let long = is_long_number(word) || (word.chars().count() >= 4 && !word.chars().all(|c| c.is_ascii_digit()));
            if long && year(&lower).is_none() && !self.structure.contains(&lower) {
                self.personal.insert(lower.clone());
            }
            if !self.map.contains_key(&lower) {
                let replacement = self.invent(&lower);
                self.map.insert(lower, replacement);
            }
        }
    }

    /// A fictional word of the same shape as `word` (lower-cased).
    fn invent(&self, word: &str) -> String {
        if let Some(year) = year(word) {
            return (year + self.year_shift).to_string();
        }
        let mut state = stable_hash(word.bytes()) ^ self.seed;
        let mut next = move || {
            // xorshift64*: a stream of pseudo-random numbers from the word.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33
        };
        word.chars()
            .enumerate()
            .map(|(i, c)| {
                let r = next();
                match c {
                    // A number keeps its first digit's kind (never a leading zero).
                    '0'..='9' if i == 0 => char::from(b'1' + (r % 9) as u8),
                    '0'..='9' => char::from(b'0' + (r % 10) as u8),
                    'a'..='z' | 'à'..='ÿ' => char::from(b'a' + (r % 26) as u8),
                    'а'..='я' | 'ё' | 'і' | 'ї' | 'є' | 'ґ' => {
                        char::from_u32('а' as u32 + (r % 32) as u32).unwrap_or('а')
                    }
                    '가'..='힣' => char::from_u32('가' as u32 + (r % 11_172) as u32).unwrap_or('가'),
                    '\u{4E00}'..='\u{9FFF}' => char::from_u32(0x4E00 + (r % 20_902) as u32).unwrap_or('一'),
                    c if c.is_alphabetic() => char::from(b'a' + (r % 26) as u8),
                    c => c,
                }
            })
            .collect()
    }

    fn replace(&self, text: &str) -> String {
        self.replace_words(text, false)
    }

    /// A structural value with any personal word in it replaced.
    fn clean_structural(&self, value: &str) -> String {
        self.replace_words(value, true)
    }

    /// `text` with its words replaced: every replaced word, or only the
    /// personal ones (in structural values, where common words stay).
    fn replace_words(&self, text: &str, personal_only: bool) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (at, word) in word_spans(text) {
            out.push_str(&text[last..at]);
            let lower = word.to_lowercase();
            match self.map.get(&lower).filter(|_| !personal_only || self.personal.contains(&lower)) {
                Some(r) => out.push_str(&recase(word, r)),
                None => out.push_str(word),
            }
            last = at + word.len();
        }
        out.push_str(&text[last..]);
        out
    }

    fn replace_url(&self, value: &str) -> String {
        // The scheme and the site's host stay: they say which site it is.
        let (head, rest) = match value.find("://") {
            Some(i) => {
                let after = &value[i + 3..];
                let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
                let host = &after[..host_end];
                let host = if kept_host(value) { host.to_string() } else { self.replace(host) };
                (format!("{}{host}", &value[..i + 3]), &after[host_end..])
            }
            None => (String::new(), value),
        };
        format!("{head}{}", self.replace(rest))
    }

    fn replace_json(&self, v: &Value) -> Value {
        match v {
            Value::String(s) if looks_like_address(s) => Value::String(self.replace_url(s)),
            Value::String(s) => Value::String(self.replace(s)),
            Value::Array(items) => Value::Array(items.iter().map(|i| self.replace_json(i)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let v = if k == "@type" || k == "@context" { v.clone() } else { self.replace_json(v) };
                        (k.clone(), v)
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    fn write(&self, doc: &Html, url: Option<&str>) -> String {
        let mut out = String::new();
        if let Some(url) = url {
            let url = self.replace_url(url);
            let _ = writeln!(out, "<!-- saved from url=({:04}){url} -->", url.len());
        }
        for child in doc.tree.root().children() {
            self.write_node(child, &mut out, false);
        }
        out
    }

    fn write_node(&self, node: ego_tree::NodeRef<'_, Node>, out: &mut String, raw: bool) {
        match node.value() {
            Node::Doctype(d) => {
                let _ = write!(out, "<!DOCTYPE {}>", d.name());
            }
            Node::Comment(c) => {
                if !c.contains("saved from url=") {
                    let _ = write!(out, "<!--{}-->", self.replace(c).replace("--", "- "));
                }
            }
            Node::Text(t) => {
                if raw {
                    out.push_str(t);
                } else {
                    escape(&self.replace(t), out);
                }
            }
            Node::Element(e) => {
                let name = e.name();
                out.push('<');
                out.push_str(name);
                for (attr, value) in e.attrs() {
                    let value = if matches!(attr, "d" | "points") {
                        // A drawing's geometry is the site's artwork: a dot of the same length.
                        filler(value.len(), "M0 0")
                    } else if structural(attr) {
                        self.clean_structural(value)
                    } else if is_address(attr, value) && attr != "srcset" {
                        self.replace_url(value)
                    } else if attr == "srcset" {
                        value.split(',').map(|part| self.replace_url(part.trim())).collect::<Vec<_>>().join(", ")
                    } else {
                        self.replace(value)
                    };
                    out.push(' ');
                    out.push_str(attr);
                    out.push_str("=\"");
                    escape_attr(&value, out);
                    out.push('"');
                }
                out.push('>');
                if VOID.contains(&name) {
                    return;
                }
                match name {
                    "script" => {
                        let body: String =
                            node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                        let el = ElementRef::wrap(node).expect("an element");
                        if is_json_ld(el) {
                            match serde_json::from_str::<Value>(&body) {
                                Ok(v) => out.push_str(&self.replace_json(&v).to_string().replace("</", "<\\/")),
                                Err(_) => out.push_str(&filler(body.len(), "{}")),
                            }
                        } else {
                            out.push_str(&filler(body.len(), "/**/"));
                        }
                    }
                    "style" => {
                        let body: usize = node.children().filter_map(|c| c.value().as_text().map(|t| t.len())).sum();
                        out.push_str(&filler(body, "/**/"));
                    }
                    _ => {
                        // Text in these is shown as written (no entities).
                        let raw = matches!(name, "textarea" | "title" | "xmp" | "plaintext" | "noscript" | "iframe");
                        for child in node.children() {
                            if raw {
                                if let Node::Text(t) = child.value() {
                                    escape(&self.replace(t), out);
                                    continue;
                                }
                            }
                            self.write_node(child, out, false);
                        }
                    }
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            _ => {
                for child in node.children() {
                    self.write_node(child, out, raw);
                }
            }
        }
    }

    /// Personal words and numbers of the original still found anywhere in
    /// `out`, structural attributes included.
    fn remaining(&self, out: &str) -> Vec<String> {
        let mut found = BTreeSet::new();
        for word in words(out) {
            let lower = word.to_lowercase();
            if self.personal.contains(&lower) {
                found.insert(lower);
            }
        }
        found.into_iter().collect()
    }
}

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Platforms whose hosts say which site a page is, not who is on it.
const PLATFORM_DOMAINS: &[&str] = &[
    "linkedin.com",
    "licdn.com",
    "github.com",
    "githubusercontent.com",
    "githubassets.com",
    "upwork.com",
    "upwork.net",
    "freelancer.com",
    "fiverr.com",
    "toptal.com",
    "indeed.com",
    "wellfound.com",
    "angel.co",
    "stackoverflow.com",
    "sstatic.net",
    "guru.com",
    "peopleperhour.com",
    "x.com",
    "twitter.com",
    "twimg.com",
    "t.co",
    "instagram.com",
    "cdninstagram.com",
    "facebook.com",
    "fbcdn.net",
    "google.com",
    "gstatic.com",
    "googleapis.com",
    "cloudflare.com",
    "w3.org",
    "schema.org",
];

/// Whether an address's host is a platform's own (kept as it is). A
/// subdomain a user names (`ana.github.io`) is not.
fn kept_host(url: &str) -> bool {
    let Some(i) = url.find("://") else { return false };
    let after = &url[i + 3..];
    let host = after[..after.find(['/', '?', '#', ':']).unwrap_or(after.len())].to_ascii_lowercase();
    const SHARED_LABELS: &[&str] =
        &["www", "m", "mobile", "media", "static", "pbs", "abs", "api", "cdn", "assets", "images", "img", "video"];
    PLATFORM_DOMAINS.iter().any(|d| {
        host == *d
            || host.strip_suffix(d).and_then(|sub| sub.strip_suffix('.')).is_some_and(|sub| {
                sub.split('.').all(|label| SHARED_LABELS.contains(&label) || kept(label) || label.starts_with("static"))
            })
    })
}

/// A value that is one address, not text that holds one.
fn looks_like_address(s: &str) -> bool {
    (s.contains("://") || s.starts_with("mailto:")) && !s.trim().contains(char::is_whitespace)
}

/// The labels of the sites' own hosts named in `text` ("media", "licdn").
fn kept_host_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("://").take(1_000) {
        let start = text[..i].rfind(|c: char| !c.is_ascii_alphabetic()).map_or(0, |j| j + 1);
        let url = &text[start..];
        let end = url.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>')).unwrap_or(url.len());
        let url = &url[..end];
        if kept_host(url) {
            let after = &url[url.find("://").map_or(0, |j| j + 3)..];
            let host = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
            out.extend(words(host).map(str::to_lowercase));
        }
    }
    out
}

/// Every key of a JSON value: the vocabulary of its schema, not personal.
fn json_keys(v: &Value, out: &mut std::collections::HashSet<String>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| json_keys(i, out)),
        Value::Object(map) => {
            for (k, v) in map {
                out.extend(words(k).map(str::to_lowercase));
                json_keys(v, out);
            }
        }
        _ => {}
    }
}

/// An attribute holding an address (a link, an image, an e-mail).
fn is_address(attr: &str, value: &str) -> bool {
    matches!(attr, "href" | "src" | "srcset" | "action" | "poster" | "data" | "cite")
        || value.starts_with("http")
        || value.starts_with("mailto:")
}

fn is_json_ld(el: ElementRef<'_>) -> bool {
    el.value().attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
}

fn kept(lower: &str) -> bool {
    vocabulary().contains(lower)
}

fn is_long_number(word: &str) -> bool {
    word.len() >= 5 && word.chars().all(|c| c.is_ascii_digit())
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4).then(|| word.parse::<i32>().ok()).flatten().filter(|y| (1940..=2040).contains(y))
}

/// Runs of letters and digits, without the decimals of numbers ("4.53035"
/// in a drawing's path is no identifier).
fn words(text: &str) -> impl Iterator<Item = &str> {
    word_spans(text)
        .filter(|(at, w)| {
            let decimals = w.bytes().all(|b| b.is_ascii_digit())
                && text[..*at].ends_with('.')
                && text[..at - 1].ends_with(|c: char| c.is_ascii_digit());
            !decimals
        })
        .map(|(_, w)| w)
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, &text[start..end]))
    })
}

/// `replacement` in the letter case of `original` ("Nowak" → "Xqptr").
fn recase(original: &str, replacement: &str) -> String {
    let all_upper = original.chars().filter(|c| c.is_alphabetic()).count() > 1
        && original.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    original
        .chars()
        .zip(replacement.chars())
        .enumerate()
        .map(|(i, (o, r))| {
            if o.is_uppercase() && (all_upper || i == 0 || original.chars().nth(i).is_some_and(char::is_uppercase)) {
                r.to_uppercase().next().unwrap_or(r)
            } else {
                r
            }
        })
        .collect()
}

/// `n` bytes of inert filler (a comment for scripts and styles).
fn filler(n: usize, wrapper: &str) -> String {
    if n < wrapper.len() {
        return " ".repeat(n);
    }
    if wrapper == "M0 0" {
        return format!("M0 0{}", " ".repeat(n - 4));
    }
    let (open, close) = wrapper.split_at(wrapper.len() / 2);
    format!("{open}{}{close}", "x".repeat(n - wrapper.len()))
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

fn escape_attr(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!-- saved from url=(0040)https://www.linkedin.com/in/ana-lima-42/ -->
<!DOCTYPE html><html><head><title>Ana Lima | LinkedIn</title>
<meta property="og:title" content="Ana Lima – Payments at Zorbex">
<script>var secret = "Ana Lima";</script>
<script type="application/ld+json">{"@type":"Person","name":"Ana Lima","url":"https://www.linkedin.com/in/ana-lima-42/","worksFor":{"@type":"Organization","name":"Zorbex"}}</script>
</head><body><section componentkey="com.linkedin.sdui.profile.card.refTopcard" data-member-id="987654321">
<h1>Ana Lima</h1><div class="text-body-medium">Payments engineer at Zorbex</div>
<img alt="Ana Lima" src="https://media.licdn.com/dms/image/ana-lima.jpg">
<span>Porto, Portugal</span><a href="/in/ana-lima-42/overlay/contact-info/">Contact info</a>
<div id="experience"></div><h2>Experience</h2><span aria-hidden="true">Jul 2019 - Present · 5 yrs</span>
<p>Call +351 912 345 678 or mail ana.lima@zorbex.example</p></section></body></html>"#;

    #[test]
    fn nothing_personal_remains_and_the_structure_does() {
        let s = skeleton(PAGE, None).unwrap();
        let out = &s.html;
        for secret in ["Ana", "Lima", "Zorbex", "Porto", "987654321", "912", "345", "678", "zorbex", "secret"] {
            assert!(!out.contains(secret), "{secret} remains:\n{out}");
        }
        for kept in [
            "componentkey=\"com.linkedin.sdui.profile.card.refTopcard\"",
            "id=\"experience\"",
            "<h2>Experience</h2>",
            "Contact info",
            "Present",
            "/overlay/contact-info/",
            "https://www.linkedin.com/in/",
            "\"@type\":\"Person\"",
            "aria-hidden=\"true\"",
        ] {
            assert!(out.contains(kept), "{kept} is gone:\n{out}");
        }
        // Years move together, and "2019" is no longer there.
        assert!(!out.contains("2019") && out.contains(" - Present"), "{out}");
        // The name in the text, the title, the address and JSON-LD is one fictional name.
        let p = crate::extract::extract(None, out).unwrap();
        let name = p.name.unwrap().value;
        assert_eq!(name.len(), "Ana Lima".len());
        assert!(p.url.to_lowercase().contains(&name.to_lowercase().replace(' ', "-")), "{} vs {name}", p.url);
        assert_eq!(p.location.as_ref().map(|l| l.value.len()), Some("Porto, Portugal".len()));
        // Scripts keep their weight, not their text.
        assert!(out.contains(&format!("/*{}*/", "x".repeat(r#"var secret = "Ana Lima";"#.len() - 4))));
    }

    #[test]
    fn a_replacement_that_spells_an_original_word_is_caught() {
        let mut s = Skeletonizer::new(7);
        s.learn("Nowak", false);
        assert_eq!(s.remaining("<p>Nowak</p>"), ["nowak"]);
    }
}
