//! The generic extractor for any other page (portfolio sites, "about"
//! pages): schema.org JSON-LD `Person`, microformats h-card, `rel=me`, then
//! visible text. Structured data wins over heuristics; what is not found is
//! reported as missing rather than guessed.

use super::{block_text, first_text, links, mailto_links, scan_text, selector};
use crate::model::{Profile, Site, Sourced};
use crate::sites;
use crate::text::{clean, MAX_FIELD_CHARS};
use scraper::Html;
use serde_json::Value;

/// Most JSON-LD blocks read from one page; a hostile page may hold thousands.
const MAX_JSONLD_BLOCKS: usize = 20;

pub fn extract(doc: &Html, url: &str) -> Profile {
    let root = doc.root_element();
    let mut p = Profile::empty(url, Site::Generic);
    for block in root
        .select(selector(r#"script[type="application/ld+json" i]"#))
        .take(MAX_JSONLD_BLOCKS)
    {
        let raw: String = block.text().collect();
        if let Some(value) = parse_json_ld(&raw) {
            if let Some(person) = find_person(&value, 0) {
                read_person(person, url, &mut p);
            }
        }
    }
    // Microformats h-card.
    if p.name.is_none() {
        p.name = first_text(root, &[".h-card .p-name", ".h-card.p-name", ".vcard .fn"]);
    }
    if p.location.is_none() {
        p.location = first_text(
            root,
            &[".h-card .p-adr", ".h-card .p-locality", ".vcard .adr"],
        );
    }
    if p.headline.is_none() {
        p.headline = first_text(root, &[".h-card .p-job-title", ".h-card .p-note"]);
    }
    // The page's own heading, when it reads like a name ("Jane Doe — Developer").
    if p.name.is_none() {
        p.name = first_text(root, &["h1"]).and_then(|h| {
            let first = h
                .value
                .split(['—', '–', '|', '·', ':'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            looks_like_name(&first).then(|| Sourced::new(first, "h1 (first part)"))
        });
    }
    links(
        root,
        url,
        &[r#"a[rel~="me"]"#, r#"link[rel~="me"]"#, ".h-card a.u-url"],
        &mut p.links,
    );
    // Visible links to profile sites anywhere on the page.
    for el in root.select(selector("a[href]")) {
        if let Some(abs) = el.value().attr("href").and_then(|h| sites::resolve(url, h)) {
            if sites::site_of(&abs) != Site::Generic && sites::profile_key(&abs).is_some() {
                p.links.push(Sourced::new(abs, "a[href]"));
            }
        }
    }
    mailto_links(root, &mut p);
    if let Some(body) = root.select(selector("body")).next() {
        let text = block_text(body);
        let before = p.links.len();
        scan_text(&text, "body", &mut p);
        // Body text links to arbitrary sites are noise; keep profile-site ones.
        let mut i = before;
        while i < p.links.len() {
            if sites::site_of(&p.links[i].value) == Site::Generic {
                p.links.remove(i);
            } else {
                i += 1;
            }
        }
    }
    for (field, found) in [
        ("name", p.name.is_some()),
        ("location", p.location.is_some()),
    ] {
        if !found {
            p.missing.push(field.to_string());
        }
    }
    p
}

/// Two to four words, each starting with a capital letter, no digits.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !s.chars().any(|c| c.is_ascii_digit())
}

/// Parses one JSON-LD block, tolerating the common breakage of real pages:
/// CDATA and HTML-comment wrappers, and trailing garbage after the value.
fn parse_json_ld(raw: &str) -> Option<Value> {
    let mut s = raw.trim();
    for (open, close) in [
        ("<![CDATA[", "]]>"),
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.trim_end().strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    let mut stream = serde_json::Deserializer::from_str(s).into_iter::<Value>();
    stream.next()?.ok()
}

/// Finds a `Person` in a JSON-LD value: top level, `@graph`, arrays, or a
/// `ProfilePage`'s `mainEntity`. Depth-limited against hostile nesting.
fn find_person(v: &Value, depth: usize) -> Option<&Value> {
    if depth > 6 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|i| find_person(i, depth + 1)),
        Value::Object(map) => {
            let is_person = match map.get("@type") {
                Some(Value::String(t)) => t == "Person",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "Person"),
                _ => false,
            };
            if is_person {
                return Some(v);
            }
            ["@graph", "mainEntity", "about"]
                .iter()
                .find_map(|k| map.get(*k).and_then(|c| find_person(c, depth + 1)))
        }
        _ => None,
    }
}

fn read_person(person: &Value, url: &str, p: &mut Profile) {
    let text = |key: &str| {
        person
            .get(key)
            .and_then(Value::as_str)
            .map(|s| clean(s, MAX_FIELD_CHARS))
    };
    if p.name.is_none() {
        p.name = text("name")
            .filter(|s| !s.is_empty())
            .map(|s| Sourced::new(s, "JSON-LD Person.name"));
    }
    if p.headline.is_none() {
        p.headline = text("jobTitle").map(|s| Sourced::new(s, "JSON-LD Person.jobTitle"));
    }
    if p.location.is_none() {
        p.location = person
            .get("address")
            .and_then(address_text)
            .map(|s| Sourced::new(s, "JSON-LD Person.address"));
    }
    if let Some(mail) = text("email") {
        let mail = mail.trim_start_matches("mailto:").to_ascii_lowercase();
        p.emails.push(Sourced::new(mail, "JSON-LD Person.email"));
    }
    let same_as = match person.get("sameAs") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    for link in same_as.into_iter().take(50) {
        if let Some(abs) = sites::resolve(url, link) {
            p.links.push(Sourced::new(abs, "JSON-LD Person.sameAs"));
        }
    }
}

fn address_text(addr: &Value) -> Option<String> {
    match addr {
        Value::String(s) => Some(clean(s, MAX_FIELD_CHARS)),
        Value::Object(_) => {
            let parts: Vec<&str> = ["addressLocality", "addressRegion", "addressCountry"]
                .iter()
                .filter_map(|k| match addr.get(*k) {
                    Some(Value::String(s)) => Some(s.as_str()),
                    Some(c @ Value::Object(_)) => c.get("name").and_then(Value::as_str),
                    _ => None,
                })
                .collect();
            (!parts.is_empty()).then(|| clean(&parts.join(", "), MAX_FIELD_CHARS))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> Profile {
        extract(&Html::parse_document(html), "https://jane.example/")
    }

    #[test]
    fn reads_json_ld_person_inside_graph_and_cdata() {
        let p = run(r#"<script type="application/ld+json">/*ignored*/</script>
            <script type="application/ld+json"><![CDATA[{"@graph":[{"@type":"WebSite"},{"@type":"Person",
            "name":"Jane Doe","jobTitle":"Engineer","address":{"addressLocality":"Lyon","addressCountry":"FR"},
            "email":"mailto:Jane@Example.org","sameAs":["https://github.com/janedoe"]}]}]]></script>"#);
        assert_eq!(p.name.unwrap().value, "Jane Doe");
        assert_eq!(p.location.unwrap().value, "Lyon, FR");
        assert_eq!(p.emails[0].value, "jane@example.org");
        assert_eq!(p.links[0].value, "https://github.com/janedoe");
    }

    #[test]
    fn heading_is_a_name_only_when_it_looks_like_one() {
        assert_eq!(
            run("<h1>Jane Doe — Full-Stack Developer</h1>")
                .name
                .unwrap()
                .value,
            "Jane Doe"
        );
        assert!(run("<h1>Welcome to my site 2024</h1>").name.is_none());
    }

    #[test]
    fn nothing_found_is_reported_as_missing() {
        let p = run("<p>hello</p>");
        assert_eq!(p.missing, vec!["name", "location"]);
    }
}
