//! Extraction: page HTML in, [`Profile`] out. One code path for the
//! extension's worker, the CLI and the tests.
//!
//! The page is parsed with the same HTML5 algorithm browsers use
//! (`parse.rs`: html5gum's tokenizer, html5ever's tree builder, `scraper`'s
//! tree), so malformed and hostile markup yields the tree the user saw.
//! Site adapters are data ([`adapters`]); the generic extractor
//! ([`generic`]) reads any other page.

pub mod adapters;
pub mod generic;
pub mod microformats;
mod parse;
mod portfolio;
mod prefilter;
mod states;
pub mod structure;
pub mod values;

use crate::model::{PageKind, Profile, Site, Sourced};
use crate::sites;
use crate::sites::AddressKind;
use crate::text::{self, MAX_BLOCK_CHARS, MAX_FIELD_CHARS};
use scraper::{ElementRef, Html, Selector};
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// Pages larger than this are cut before parsing; the profile part of a
/// page comes first, and parse time must stay bounded on hostile input.
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The page's address could not be found (no `saved from` comment,
    /// canonical link or `og:url`), so its site is unknown.
    NoAddress,
    /// The page names another profile of its site as itself (its canonical
    /// link or og:url): a single-page app that changed the address before
    /// the new profile was on screen. Read again later, not stored under
    /// the wrong address.
    ShowsAnotherProfile(String),
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtractError::NoAddress => {
                f.write_str("the page's address is unknown: no `saved from url=` comment, canonical link or og:url")
            }
            ExtractError::ShowsAnotherProfile(other) => {
                write!(f, "the page still shows another profile ({other}) than its address names")
            }
        }
    }
}

impl std::error::Error for ExtractError {}

/// Reads the profile on a page. `url` is the page's address when the caller
/// knows it (the browser does); otherwise it is taken from the page itself.
pub fn extract(url: Option<&str>, html: &str) -> Result<Profile, ExtractError> {
    extract_with(url, html, prefilter::strip_unread, true)
}

/// [`extract`] at `url` even if the page names another profile as itself:
/// after a few tries, a single-page app that never updates its canonical
/// link is read as it is shown.
pub fn extract_as_shown(url: &str, html: &str) -> Result<Profile, ExtractError> {
    extract_with(Some(url), html, prefilter::strip_unread, false)
}

/// [`extract`], with the pass that prepares the page for the parser given
/// (the tests compare the prefiltered page with the page as it is).
fn extract_with(
    url: Option<&str>,
    html: &str,
    prepare: fn(&str) -> String,
    check_named: bool,
) -> Result<Profile, ExtractError> {
    let html = text::truncate_bytes(html, MAX_PAGE_BYTES);
    let known_url = url.filter(|u| sites::parse(u).is_some());
    // Sub-pages of a profile site (a repository, a search) hold no profile:
    // answer without parsing them.
    if let Some(u) = known_url {
        if sites::site_of(u) != Site::Generic && sites::classify(u) == AddressKind::Other {
            return Ok(other_page(u));
        }
    }
    let doc = parse::document(&prepare(html));
    if let Some(other) = known_url.filter(|_| check_named).and_then(|u| shows_another_profile(u, &doc)) {
        return Err(ExtractError::ShowsAnotherProfile(other));
    }
    let url = match known_url {
        Some(u) => u.to_string(),
        None => page_address(html, &doc).ok_or(ExtractError::NoAddress)?,
    };
    let site = sites::site_of(&url);
    let kind = sites::classify(&url);
    // A wall, an error or a bot check where the profile should be.
    if kind != AddressKind::Other {
        let signs = adapters::ALL.iter().filter(|a| a.site == site).flat_map(|a| a.states.iter().copied());
        if let Some(state) = states::detect(&doc, &signs.collect::<Vec<_>>()) {
            let mut p = not_a_profile(&url);
            p.unread = Some(state);
            return Ok(p);
        }
    }
    let adapter = adapters::for_page(site, &doc, matches!(kind, AddressKind::Thread(_)));
    let mut profile = match (adapter, kind) {
        (_, AddressKind::Other) => other_page(&url),
        (Some(adapter), AddressKind::Profile(_)) => adapters::apply(adapter, &doc, &url),
        (Some(adapter), AddressKind::Thread(_)) => match adapter.thread {
            Some(spec) => adapters::apply_thread(spec, site, &doc, &url),
            None => not_a_profile(&url),
        },
        (None, _) => generic::extract(&doc, &url),
    };
    finish(&mut profile);
    if profile.is_empty() && profile.kind == PageKind::Profile && states::is_empty_page(&doc) {
        profile.kind = PageKind::None;
        profile.unread = Some(crate::model::Unread::Empty);
    }
    Ok(profile)
}

/// The words the sites themselves write on the pages extraction reads:
/// section headings, page-state titles, months, "present", kinds of
/// employment, in every language they are read in. Not personal data
/// (`vetter skeleton` keeps them, so its fixtures still read the same).
#[cfg(not(target_arch = "wasm32"))]
pub fn site_words() -> impl Iterator<Item = &'static str> {
    let titles = states::TITLES.iter().flat_map(|(_, words)| words.iter().copied());
    let months = values::MONTHS.iter().flat_map(|names| names.iter().copied());
    titles
        .chain(structure::EXPERIENCE_HEADINGS.iter().copied())
        .chain(structure::EDUCATION_HEADINGS.iter().copied())
        .chain(structure::EMPLOYMENT_TYPES.iter().copied())
        .chain(values::PRESENT.iter().copied())
        .chain(months)
}

/// Text the user selected on a page, read as a message thread: one message
/// per line, "Name: text" lines naming their author. `None` when empty.
pub fn selection(page_url: &str, text: &str) -> Option<Profile> {
    let text = text::truncate_bytes(text, 200_000);
    let mut p = Profile::empty(page_url, sites::site_of(page_url));
    p.kind = PageKind::Thread;
    p.links.push(Sourced::new(page_url, "the page the text was selected on"));
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()).take(2_000) {
        let (author, body) = match line.split_once(": ") {
            Some((who, rest)) if who.len() <= 40 && !who.contains("://") && !rest.is_empty() => (Some(who), rest),
            _ => (None, line),
        };
        p.messages.push(crate::model::ThreadMessage {
            author: author.map(|a| text::clean(a, MAX_FIELD_CHARS)),
            text: text::clean(body, MAX_BLOCK_CHARS),
            source: "selected text".into(),
        });
    }
    (!p.messages.is_empty()).then_some(p)
}

/// A page of a supported site that is no profile (a repository, a feed);
/// search results and people lists say why nothing was read.
fn other_page(url: &str) -> Profile {
    let mut p = not_a_profile(url);
    let list = |a: sites::Address| a.path.contains("/search") || a.path.contains("/mynetwork");
    if sites::site_of(url) != Site::Generic && sites::parse(url).is_some_and(list) {
        p.unread = Some(crate::model::Unread::List);
    }
    p
}

fn not_a_profile(url: &str) -> Profile {
    let mut p = Profile::empty(url, sites::site_of(url));
    p.kind = PageKind::None;
    p
}

/// The profile a live page names as itself (canonical link, og:url) when it
/// is another profile of the same site than the address it is shown at.
fn shows_another_profile(url: &str, doc: &Html) -> Option<String> {
    // Personal sites name themselves in many ways (www., another page).
    if sites::site_of(url) == Site::Generic {
        return None;
    }
    let AddressKind::Profile(mine) = sites::classify(url) else { return None };
    let named = named_address(doc).and_then(|href| sites::resolve(url, &href))?;
    let AddressKind::Profile(shown) = sites::classify(&named) else { return None };
    (sites::site_of(&named) == sites::site_of(url) && shown != mine).then_some(named)
}

/// The address a page's markup names as its own: canonical link, else og:url.
fn named_address(doc: &Html) -> Option<String> {
    first_attr(doc, "link[rel~=canonical]", "href").or_else(|| first_attr(doc, r#"meta[property="og:url"]"#, "content"))
}

/// The address a saved page records for itself.
pub fn page_address(html: &str, doc: &Html) -> Option<String> {
    saved_from_url(html).or_else(|| named_address(doc)).filter(|u| sites::parse(u).is_some())
}

/// The address in `<!-- saved from url=(0042)https://… -->`, which browsers
/// write at the top of a saved page.
pub fn saved_from_url(html: &str) -> Option<String> {
    let head = text::truncate_bytes(html, 4096);
    let start = head.find("saved from url=(")? + "saved from url=(".len();
    let rest = &head[start..];
    let close = rest.find(')')?;
    let len: usize = rest[..close].trim().parse().ok()?;
    let after = &rest[close + 1..];
    let end = after.find("-->").unwrap_or(after.len()).min(len.max(1));
    // The declared length counts bytes and may fall inside a character.
    Some(text::truncate_bytes(after, end).trim().to_string()).filter(|u| !u.is_empty())
}

fn first_attr(doc: &Html, selector: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel).find_map(|e| e.value().attr(attr)).map(|v| v.trim().to_string())
}

/// Deduplicates collected lists and drops links back to the page itself.
fn finish(profile: &mut Profile) {
    let own_key = sites::profile_key(&profile.url);
    let mut seen = std::collections::HashSet::new();
    profile.links.retain(|l| {
        let key = sites::profile_key(&l.value);
        key.is_some() && key != own_key && seen.insert(key)
    });
    // An employer's website is not the candidate's ("Company Website").
    let employers: Vec<String> = profile
        .work
        .iter()
        .filter_map(|j| j.employer.as_deref())
        .map(|e| crate::normalize::fold(e).replace(' ', ""))
        .filter(|e| e.len() >= 4)
        .collect();
    profile.links.retain(|l| {
        let host = sites::parse(&l.value).map(|a| a.host.replace(['.', '-'], "")).unwrap_or_default();
        sites::site_of(&l.value) != Site::Generic || !employers.iter().any(|e| host.contains(e.as_str()))
    });
    let mut seen_mail = std::collections::HashSet::new();
    profile.emails.retain(|e| seen_mail.insert(e.value.to_ascii_lowercase()));
    let mut seen_phone = std::collections::HashSet::new();
    profile.phones.retain(|p| seen_phone.insert(p.value.chars().filter(char::is_ascii_digit).collect::<String>()));
    profile.country = profile
        .location
        .as_ref()
        .and_then(|l| crate::normalize::location::resolve(&l.value))
        .map(|place| place.country.to_string());
}

/// A compiled selector, parsed once per process. Selectors are adapter
/// data written by us; one that does not parse is a bug caught by tests.
pub(crate) fn selector(css: &'static str) -> &'static Selector {
    static CACHE: Mutex<Vec<(&'static str, &'static Selector)>> = Mutex::new(Vec::new());
    built_once(&CACHE, css, |css| {
        Selector::parse(css).map_err(|e| format!("adapter selector {css:?} is invalid: {e:?}"))
    })
}

/// A compiled regex, built once per process (adapter patterns are data
/// written by us; one that does not compile is a bug caught by tests).
pub(crate) fn regex(pattern: &'static str) -> &'static regex_lite::Regex {
    static CACHE: Mutex<Vec<(&'static str, &'static regex_lite::Regex)>> = Mutex::new(Vec::new());
    built_once(&CACHE, pattern, |p| regex_lite::Regex::new(p).map_err(|e| format!("adapter pattern {p:?}: {e}")))
}

/// Builds the value for `source` once and keeps it for the process: the
/// sources are a fixed set of literals in the code, so leaking is bounded.
fn built_once<T: 'static>(
    cache: &Mutex<Vec<(&'static str, &'static T)>>,
    source: &'static str,
    build: impl FnOnce(&str) -> Result<T, String>,
) -> &'static T {
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, built)) = cache.iter().find(|(s, _)| *s == source) {
        return built;
    }
    let built: &'static T = Box::leak(Box::new(build(source).unwrap_or_else(|e| panic!("{e}"))));
    cache.push((source, built));
    built
}

/// The visible text of an element, cleaned and capped. Text nodes are
/// joined as they stand, so `<span>Kyiv</span>, <span>Ukraine</span>`
/// reads "Kyiv, Ukraine".
pub(crate) fn element_text(el: ElementRef<'_>, max: usize) -> String {
    let mut raw = String::new();
    for t in el.text() {
        raw.push_str(t);
        if raw.len() > max * 8 {
            break; // enough to fill `max` characters after cleaning
        }
    }
    text::clean(&raw, max)
}

/// The text of a free-text block, with a space between text nodes so
/// that a URL never runs into the next paragraph's first word.
/// Scripts, styles, templates and drawings hold no text a person reads (the prefilter
/// empties them on live pages; this keeps saved pages read the same).
pub(crate) fn block_text(el: ElementRef<'_>) -> String {
    let mut raw = String::new();
    let mut nodes = el.descendants();
    while let Some(node) = nodes.next() {
        if let Some(e) = node.value().as_element() {
            if matches!(e.name(), "script" | "style" | "template" | "svg") && node.id() != el.id() {
                // Skip the element's whole subtree.
                for _ in node.descendants().skip(1) {
                    nodes.next();
                }
            }
        } else if let Some(t) = node.value().as_text() {
            raw.push_str(t);
            raw.push(' ');
            if raw.len() > MAX_BLOCK_CHARS * 8 {
                break;
            }
        }
    }
    text::clean(&raw, MAX_BLOCK_CHARS)
}

/// The first non-empty text among `selectors`, tried in order. A selector
/// ending in `@name` reads that attribute instead of the text
/// (`span[title]@title`), `@own` only the element's own text.
pub(crate) fn first_text(root: ElementRef<'_>, selectors: &[&'static str]) -> Option<Sourced> {
    selectors.iter().find_map(|css| {
        // `all:SELECTOR` joins the text of every match: "Master's degree, Data Science".
        if let Some(sel) = css.strip_prefix("all:") {
            let parts: Vec<String> = root
                .select(selector(sel))
                .map(|el| element_text(el, MAX_FIELD_CHARS))
                .filter(|t| !t.is_empty())
                .collect();
            return (!parts.is_empty()).then(|| Sourced::new(parts.join(", "), *css));
        }
        let (sel, attr) = match css.rsplit_once('@') {
            Some((sel, attr)) if !attr.contains([' ', ']', '"']) => (sel, Some(attr)),
            _ => (*css, None),
        };
        root.select(selector_dyn(css, sel))
            .map(|el| match attr {
                // `@own`: the element's own text, without its children's
                // ("Katarzyna W." of `<h1>Katarzyna W. <span>Online</span></h1>`).
                Some("own") => {
                    let own: String =
                        el.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                    text::clean(&own, MAX_FIELD_CHARS)
                }
                Some(a) => text::clean(el.value().attr(a).unwrap_or_default(), MAX_FIELD_CHARS),
                None => element_text(el, MAX_FIELD_CHARS),
            })
            .find(|t| !t.is_empty())
            .map(|t| Sourced::new(t, *css))
    })
}

/// The selector part of an adapter entry (`css` minus any `@attribute`).
fn selector_dyn(entry: &'static str, sel: &str) -> &'static Selector {
    selector(&entry[..sel.len()])
}

/// The CSS selector of an adapter entry, without `all:` and `@attribute`.
pub(crate) fn entry_selector(entry: &'static str) -> &'static str {
    let entry = entry.strip_prefix("all:").unwrap_or(entry);
    match entry.rsplit_once('@') {
        Some((sel, attr)) if !attr.contains([' ', ']', '"']) => sel,
        _ => entry,
    }
}

/// Absolute http(s) links from the `href` of every element matching `selectors`.
pub(crate) fn links(root: ElementRef<'_>, base: &str, selectors: &[&'static str], out: &mut Vec<Sourced>) {
    for css in selectors {
        for el in root.select(selector(css)) {
            if let Some(abs) = el.value().attr("href").and_then(|h| sites::resolve(base, h)) {
                out.push(Sourced::new(abs, *css));
            }
        }
    }
}

/// Finds profile URLs, e-mail addresses and international phone numbers
/// (written with their `+` country code) in `text`.
pub(crate) fn scan_text(block: &str, source: &str, profile: &mut Profile) {
    for m in patterns().url.find_iter(block) {
        let raw = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let abs = if raw.starts_with("http") { raw.to_string() } else { format!("https://{raw}") };
        if sites::parse(&abs).is_some() {
            profile.links.push(Sourced::new(abs, format!("{source} (text)")));
        }
    }
    for m in patterns().email.find_iter(block) {
        profile.emails.push(Sourced::new(m.as_str().to_ascii_lowercase(), format!("{source} (text)")));
    }
    for m in patterns().phone.find_iter(block) {
        profile.phones.push(Sourced::new(m.as_str().trim(), format!("{source} (text)")));
    }
}

/// The e-mail addresses written in `text`.
pub(crate) fn emails_in(text: &str) -> impl Iterator<Item = &str> {
    patterns().email.find_iter(text).map(|m| m.as_str())
}

struct Patterns {
    url: regex_lite::Regex,
    email: regex_lite::Regex,
    phone: regex_lite::Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // Full URLs, and bare addresses of the profile sites people write without a scheme.
        url: regex_lite::Regex::new(
            r#"(?i)\bhttps?://[^\s<>"'()\[\]]+|\b(?:www\.)?(?:github\.com|upwork\.com|linkedin\.com)/[^\s<>"'()\[\]]+"#,
        )
        .expect("url pattern"),
        email: regex_lite::Regex::new(
            r"(?i)\b[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}\b",
        )
        .expect("email pattern"),
        // "+48 555 010 123", "+1 (470) 555-0123": a country code, then 6–14 more digits.
        // or the North American "(480) 555-0127", distinctive enough without one.
        phone: regex_lite::Regex::new(r"\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,6}|\(\d{3}\)\s?\d{3}[-.\s]\d{4}")
            .expect("phone pattern"),
    })
}

/// The numbers of `tel:` links, as the page shows them (the link text)
/// when it shows one, else as the link dials them.
pub(crate) fn tel_links(root: ElementRef<'_>, profile: &mut Profile) {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).count();
    for el in root.select(selector(r#"a[href^="tel:" i]"#)) {
        let shown = element_text(el, 40);
        let dialled = text::clean(&el.value().attr("href").unwrap_or_default()[4..], 40);
        let number = if digits(&shown) >= 7 { shown } else { dialled };
        if digits(&number) >= 7 {
            profile.phones.push(Sourced::new(number, "a[href^=tel:]"));
        }
    }
}

/// The `e-mail` of `mailto:` links.
pub(crate) fn mailto_links(root: ElementRef<'_>, profile: &mut Profile) {
    for el in root.select(selector(r#"a[href^="mailto:" i]"#)) {
        let href = el.value().attr("href").unwrap_or_default();
        let addr = href[7..].split('?').next().unwrap_or_default();
        if patterns().email.is_match(addr) {
            profile.emails.push(Sourced::new(addr.to_ascii_lowercase(), "a[href^=mailto:]"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_still_showing_another_profile_is_not_read_under_the_new_address() {
        let page = |canonical: &str| {
            format!(
                r#"<html><head><link rel="canonical" href="{canonical}"></head><body><span class="p-name vcard-fullname">Jane Doe</span></body></html>"#
            )
        };
        let stale = extract(Some("https://github.com/bob"), &page("https://github.com/jane"));
        assert!(
            matches!(stale, Err(ExtractError::ShowsAnotherProfile(ref u)) if u == "https://github.com/jane"),
            "{stale:?}"
        );
        // The same profile spelled differently, a relative link, and a personal site are read.
        assert!(extract(Some("https://github.com/Jane"), &page("https://github.com/jane/")).is_ok());
        assert!(extract(Some("https://github.com/jane"), &page("/jane")).is_ok());
        assert!(extract(Some("https://jane.example/about"), &page("https://www.jane.example/")).is_ok());
        // After a few tries the page is read as shown.
        assert!(extract_as_shown("https://github.com/bob", &page("https://github.com/jane")).is_ok());
    }

    #[test]
    fn a_declared_address_length_inside_a_character_does_not_panic() {
        // 9 bytes end inside "é" (two bytes at offsets 8-9).
        let html = "<!-- saved from url=(0009)https://é.example/ -->\n<p>hi</p>";
        assert_eq!(saved_from_url(html).as_deref(), Some("https://"));
        assert!(matches!(extract(None, html), Err(ExtractError::NoAddress)));
    }

    #[test]
    fn an_education_date_that_grows_when_lower_cased_does_not_panic() {
        let html = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/fiverr/complete.html"),
        )
        .unwrap()
        .replace("Pakistan, Graduated 2018", "İİİİİİİİİİ Graduated 2018");
        let profile = extract(None, &html).unwrap();
        assert!(profile.education.iter().any(|e| e.end.as_deref() == Some("2018")), "{:?}", profile.education);
    }

    /// The prefilter only removes what extraction never reads: on every
    /// fixture page, what is extracted is the same as from the page as it is.
    #[test]
    fn the_prefilter_changes_nothing_extraction_reads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
        let mut pages = 0;
        for site in std::fs::read_dir(&root).unwrap() {
            let dir = site.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(&dir).unwrap() {
                let path = file.unwrap().path();
                if path.extension().is_none_or(|e| e != "html") {
                    continue;
                }
                let html = std::fs::read_to_string(&path).unwrap();
                let filtered = extract(None, &html);
                let as_is = extract_with(None, &html, |h| h.to_string(), true);
                assert_eq!(filtered, as_is, "{}", path.display());
                pages += usize::from(filtered.is_ok_and(|p| !p.is_empty()));
            }
        }
        assert!(pages >= 40, "only {pages} fixture pages with a profile found");
    }

    #[test]
    fn reads_saved_from_comment() {
        let html = "<!DOCTYPE html>\n<!-- saved from url=(0028)https://github.com/someone -->\n<html></html>";
        assert_eq!(saved_from_url(html).as_deref(), Some("https://github.com/someone"));
    }

    #[test]
    fn falls_back_to_canonical_then_og_url() {
        let html = r#"<html><head><meta property="og:url" content="https://github.com/og"></head></html>"#;
        let p = extract(None, html).unwrap();
        assert_eq!(p.url, "https://github.com/og");
        let html = r#"<link rel="canonical" href="https://github.com/canon"><meta property="og:url" content="https://github.com/og">"#;
        assert_eq!(extract(None, html).unwrap().url, "https://github.com/canon");
    }

    #[test]
    fn page_without_address_is_an_error() {
        assert_eq!(extract(None, "<p>hello</p>"), Err(ExtractError::NoAddress));
    }

    #[test]
    fn text_scan_finds_bare_profile_urls_and_emails() {
        let mut p = Profile::empty("https://www.upwork.com/freelancers/~01x", Site::Upwork);
        scan_text("See github.com/jdoe, or mail Jane.Doe@Example.com.", "bio", &mut p);
        assert_eq!(p.links[0].value, "https://github.com/jdoe");
        assert_eq!(p.emails[0].value, "jane.doe@example.com");
    }
}
