//! The generic extractor for any other page (portfolio sites, "about"
//! pages): schema.org JSON-LD `Person`, microformats h-card, `rel=me`, then
//! visible text. Structured data wins over heuristics; what is not found is
//! reported as missing rather than guessed.

use super::microformats::{self, Item};
use super::{block_text, first_text, links, mailto_links, portfolio, scan_text, selector, tel_links, values};
use crate::model::{Job, Profile, Schooling, Site, Sourced};
use crate::sites;
use crate::text::{clean, MAX_FIELD_CHARS};
use scraper::{ElementRef, Html};
use serde_json::Value;

/// Most JSON-LD blocks read from one page; a hostile page may hold thousands.
const MAX_JSONLD_BLOCKS: usize = 20;

pub fn extract(doc: &Html, url: &str) -> Profile {
    let root = doc.root_element();
    let mut p = Profile::empty(url, Site::Generic);
    for block in root.select(selector(r#"script[type="application/ld+json" i]"#)).take(MAX_JSONLD_BLOCKS) {
        let raw: String = block.text().collect();
        if let Some(value) = parse_json_ld(&raw) {
            if let Some(person) = find_person(&value, 0) {
                read_person(person, url, &mut p);
            }
        }
    }
    read_microformats(doc, url, &mut p);
    read_stable_attributes(root, url, &mut p);
    read_labelled(root, &mut p);
    read_title(doc, &mut p);
    // The page's own heading, when it reads like a name ("Jane Doe — Developer").
    if let Some(h1) = first_text(root, &["h1"]) {
        let mut parts = h1.value.splitn(2, ['—', '–', '|', '·', ':']).map(str::trim);
        let first = parts.next().unwrap_or_default().to_string();
        if p.name.is_none() && looks_like_name(&first) {
            p.name = Some(Sourced::new(first, "h1 (first part)"));
        }
        // What follows the heading is a headline only under the name's own heading.
        let named_by_heading = p.name.as_ref().is_some_and(|n| n.source.starts_with("h1"));
        if p.headline.is_none() && named_by_heading {
            p.headline = parts
                .next()
                .filter(|h| !h.is_empty())
                .map(|h| Sourced::new(h, "h1 (second part)"))
                .or_else(|| first_text(root, &["h1 + p", "h1 + h2", "h1 + div"]).filter(|h| is_short(&h.value)));
        }
    }
    if p.bio.is_none() {
        p.bio = [".p-note", "#about p", ".about p", ".intro p", ".hero p", "main section p"].iter().find_map(|css| {
            root.select(selector(css))
                .map(block_text)
                .find(|t| t.split_whitespace().count() >= 8)
                .map(|t| Sourced::new(t, *css))
        });
    }
    if p.photo.is_none() {
        p.photo =
            [".h-card .u-photo", "img.u-photo", "img.portrait", "img.avatar", "img.profile-photo", "img.headshot"]
                .iter()
                .find_map(|css| {
                    root.select(selector(css))
                        .find_map(|el| el.value().attr("src").and_then(|src| sites::resolve(url, src)))
                        .map(|u| Sourced::new(u, *css))
                });
    }
    if p.skills.is_empty() {
        p.skills = section_items(root, &["skills", "tech stack", "technologies", "toolbox"]);
    }
    links(root, url, &[r#"a[rel~="me"]"#, r#"link[rel~="me"]"#], &mut p.links);
    // Visible links to profile sites anywhere on the page.
    for el in root.select(selector("a[href]")) {
        if let Some(abs) = el.value().attr("href").and_then(|h| sites::resolve(url, h)) {
            if sites::site_of(&abs) != Site::Generic && sites::is_profile_page(&abs) {
                p.links.push(Sourced::new(abs, "a[href]"));
            }
        }
    }
    mailto_links(root, &mut p);
    tel_links(root, &mut p);
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
        p.portfolio = Some(portfolio::measure(doc, body, &text, url));
    }
    for (field, found) in [("name", p.name.is_some()), ("location", p.location.is_some())] {
        if !found {
            p.missing.push(field.to_string());
        }
    }
    p
}

/// Attributes that social sites keep stable for their own tests (X's
/// `data-testid`s): `(field, selector)`, the first match's text.
const STABLE_ATTRIBUTES: &[(&str, &str)] = &[
    ("name", r#"[data-testid="UserName"] span"#),
    ("location", r#"[data-testid="UserLocation"]"#),
    ("bio", r#"[data-testid="UserDescription"]"#),
    ("link", r#"[data-testid="UserUrl"]"#),
    ("name", r#"[itemprop="name"]"#),
];

fn read_stable_attributes(root: ElementRef<'_>, url: &str, p: &mut Profile) {
    for (field, css) in STABLE_ATTRIBUTES {
        let Some(found) = first_text(root, &[css]) else { continue };
        let value = found.value.clone();
        match *field {
            "name" if p.name.is_none() => p.name = Some(found),
            "location" if p.location.is_none() => p.location = Some(found),
            "bio" if p.bio.is_none() => p.bio = Some(found),
            "link" => {
                let href = root.select(selector(css)).find_map(|e| e.value().attr("href"));
                let shown =
                    if value.contains('.') && !value.contains(' ') { Some(format!("https://{value}")) } else { None };
                if let Some(abs) = shown.or(href.map(str::to_string)).and_then(|h| sites::resolve(url, &h)) {
                    p.links.push(Sourced::new(abs, *css));
                }
            }
            _ => {}
        }
    }
}

/// "Jane Doe (@jdoe) • Instagram photos and videos", "Jane Doe (@jdoe) on
/// X": the name and handle social sites put in the page's title, which is
/// all a logged-out or crawler's copy of the page may show.
fn read_title(doc: &Html, p: &mut Profile) {
    let titles = [r#"meta[property="og:title"]"#, r#"meta[name="twitter:title"]"#, "head > title"];
    let text = titles.iter().find_map(|css| {
        let el = doc.select(selector(css)).next()?;
        let t = el.value().attr("content").map(str::to_string).unwrap_or_else(|| super::element_text(el, 300));
        (!t.is_empty()).then_some((t, *css))
    });
    let Some((title, source)) = text else { return };
    let Some((name, rest)) = title.split_once(" (@") else { return };
    let Some((handle, _)) = rest.split_once(')') else { return };
    let handle_ok = !handle.is_empty() && handle.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'));
    if !handle_ok || name.trim().is_empty() {
        return;
    }
    if p.name.is_none() {
        p.name = Some(Sourced::new(clean(name, MAX_FIELD_CHARS), format!("{source} (before the handle)")));
    }
    if p.handle.is_none() {
        p.handle = Some(Sourced::new(handle, format!("{source} (the handle)")));
    }
}

/// Fills what a site adapter could not read from the page's schema.org
/// `Person` (lists only when the markup gave none).
pub fn fill_from_json_ld(doc: &Html, url: &str, p: &mut Profile) {
    let mut found = Profile::empty(url, p.site);
    for block in doc.select(selector(r#"script[type="application/ld+json" i]"#)).take(MAX_JSONLD_BLOCKS) {
        let raw: String = block.text().collect();
        if let Some(person) = parse_json_ld(&raw).as_ref().and_then(|v| find_person(v, 0).cloned()) {
            read_person(&person, url, &mut found);
        }
    }
    for (mine, theirs) in [
        (&mut p.name, found.name),
        (&mut p.headline, found.headline),
        (&mut p.location, found.location),
        (&mut p.bio, found.bio),
        (&mut p.photo, found.photo),
    ] {
        if mine.is_none() {
            *mine = theirs;
        }
    }
    for (mine, theirs) in
        [(&mut p.emails, found.emails), (&mut p.languages, found.languages), (&mut p.links, found.links)]
    {
        if mine.is_empty() {
            *mine = theirs;
        }
    }
}

fn is_short(s: &str) -> bool {
    (1..=8).contains(&s.split_whitespace().count())
}

/// The person's microformats: the page's representative h-card (or the
/// contact of its h-resume), and an h-resume's experience, education and
/// skills. Classic hCard/hResume class names read the same way.
fn read_microformats(doc: &Html, url: &str, p: &mut Profile) {
    let items = microformats::parse(doc, url);
    if items.is_empty() {
        return;
    }
    let resume = items.iter().find(|i| i.is("h-resume"));
    let rel_me: Vec<String> = doc
        .select(selector(r#"a[rel~="me"][href], link[rel~="me"][href]"#))
        .filter_map(|e| e.value().attr("href").and_then(|h| sites::resolve(url, h)))
        .collect();
    let card = representative_card(&items, url, &rel_me)
        .or_else(|| resume.and_then(|r| r.items("contact").next()))
        .or_else(|| items.iter().find(|i| i.is("h-card")));
    if let Some(card) = card {
        read_card(card, url, p);
    }
    if let Some(resume) = resume {
        read_resume(resume, p);
    }
}

/// <https://microformats.org/wiki/representative-h-card-parsing>: the
/// h-card whose `uid` and `url` are the page, else one whose `url` is a
/// `rel=me` link, else the only h-card when its `url` is the page.
fn representative_card<'a>(items: &'a [Item], url: &str, rel_me: &[String]) -> Option<&'a Item> {
    let same = |a: &str| sites::profile_key(a).is_some() && sites::profile_key(a) == sites::profile_key(url);
    let cards: Vec<&Item> = items.iter().filter(|i| i.is("h-card")).collect();
    cards
        .iter()
        .find(|c| c.all("uid").any(same) && c.all("url").any(same))
        .or_else(|| cards.iter().find(|c| c.all("url").any(|u| rel_me.iter().any(|m| m == u))))
        .or_else(|| match cards[..] {
            [only] if only.all("url").any(same) => Some(&cards[0]),
            _ => None,
        })
        .copied()
}

fn read_card(card: &Item, url: &str, p: &mut Profile) {
    let text = |name: &str| card.first(name).map(|v| clean(v, MAX_FIELD_CHARS)).filter(|v| !v.is_empty());
    if p.name.is_none() {
        p.name = text("name").map(|n| Sourced::new(n, "h-card name"));
    }
    if p.headline.is_none() {
        p.headline = text("job-title").or_else(|| text("role")).map(|h| Sourced::new(h, "h-card job-title"));
    }
    if p.location.is_none() {
        let place = |item: &Item| {
            let parts: Vec<String> = ["locality", "region", "country-name"]
                .iter()
                .filter_map(|k| item.first(k).map(|v| clean(v, MAX_FIELD_CHARS)))
                .filter(|v| !v.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        };
        p.location = card
            .items("adr")
            .find_map(place)
            .or_else(|| place(card))
            .or_else(|| text("adr"))
            .or_else(|| text("label"))
            .map(|l| Sourced::new(l, "h-card adr/locality/region/country-name"));
    }
    if p.bio.is_none() {
        p.bio = card
            .first("note")
            .map(|n| clean(n, crate::text::MAX_BLOCK_CHARS))
            .filter(|n| !n.is_empty())
            .map(|n| Sourced::new(n, "h-card note"));
    }
    if p.photo.is_none() {
        p.photo = card.first("photo").and_then(|u| sites::resolve(url, u)).map(|u| Sourced::new(u, "h-card photo"));
    }
    for mail in card.all("email") {
        let mail = mail.trim_start_matches("mailto:").split('?').next().unwrap_or_default().to_ascii_lowercase();
        if mail.contains('@') {
            p.emails.push(Sourced::new(clean(&mail, MAX_FIELD_CHARS), "h-card email"));
        }
    }
    for tel in card.all("tel") {
        let tel = clean(tel.trim_start_matches("tel:"), 40);
        if tel.chars().filter(char::is_ascii_digit).count() >= 7 {
            p.phones.push(Sourced::new(tel, "h-card tel"));
        }
    }
    for link in card.all("url").chain(card.all("uid")) {
        if let Some(abs) = sites::resolve(url, link) {
            p.links.push(Sourced::new(abs, "h-card url"));
        }
    }
    // The organisation a card names is where the person works now.
    if let Some(org) = text("org") {
        let title = text("job-title").or_else(|| text("role"));
        p.work.push(Job {
            employer: Some(org),
            title,
            start: None,
            end: Some("present".into()),
            source: "h-card org".into(),
            employment: None,
        });
    }
}

fn read_resume(resume: &Item, p: &mut Profile) {
    let text = |item: &Item, name: &str| item.first(name).map(|v| clean(v, MAX_FIELD_CHARS)).filter(|v| !v.is_empty());
    let date = |item: &Item, name: &str| {
        item.first(name).and_then(values::date).map(|d| if d == "present" { d } else { d.chars().take(7).collect() })
    };
    let experience: Vec<Job> = resume
        .items("experience")
        .map(|e| Job {
            employer: text(e, "org").or_else(|| e.items("org").next().and_then(|o| text(o, "name"))),
            title: text(e, "job-title").or_else(|| text(e, "name").filter(|_| e.first("org").is_some())),
            start: date(e, "start"),
            end: date(e, "end"),
            source: "h-resume experience".into(),
            employment: None,
        })
        .filter(|j| j.employer.is_some() || j.title.is_some())
        .collect();
    if !experience.is_empty() {
        // The resume's history replaces the card's "works at" entry.
        p.work.retain(|j| j.source != "h-card org");
        p.work.extend(experience);
    }
    for e in resume.items("education") {
        if let Some(school) = text(e, "org").or_else(|| text(e, "name")) {
            p.education.push(Schooling {
                school,
                degree: text(e, "job-title").or_else(|| text(e, "degree")),
                start: date(e, "start"),
                end: date(e, "end"),
                source: "h-resume education".into(),
            });
        }
    }
    if p.skills.is_empty() {
        p.skills = resume.all("skill").map(|s| clean(s, MAX_FIELD_CHARS)).filter(|s| !s.is_empty()).take(100).collect();
    }
}

/// "Label: value" facts in definition lists (`<dt>Location</dt><dd>…</dd>`).
fn read_labelled(root: ElementRef<'_>, p: &mut Profile) {
    for dt in root.select(selector("dt")) {
        let label = super::element_text(dt, 60).to_lowercase();
        let Some(dd) = dt.next_siblings().filter_map(ElementRef::wrap).find(|e| e.value().name() == "dd") else {
            continue;
        };
        let value = super::element_text(dd, MAX_FIELD_CHARS);
        if value.is_empty() {
            continue;
        }
        let source = format!("dt \"{label}\" + dd");
        match label.trim_end_matches(':') {
            "location" | "based in" | "address" | "city" if p.location.is_none() => {
                p.location = Some(Sourced::new(value, source))
            }
            "hours" | "working hours" | "availability" | "time zone" | "timezone" if p.time_zone.is_none() => {
                p.time_zone = Some(Sourced::new(value, source))
            }
            "languages" | "language" if p.languages.is_empty() => {
                p.languages = value
                    .split([',', '·', '/'])
                    .filter_map(values::language)
                    .map(|l| Sourced::new(l, source.clone()))
                    .collect()
            }
            _ => {}
        }
    }
}

/// The items listed under a heading such as "Skills".
fn section_items(root: ElementRef<'_>, headings: &[&str]) -> Vec<String> {
    for h in root.select(selector("h2, h3")) {
        let title = super::element_text(h, 60).to_lowercase();
        if !headings.iter().any(|w| title.contains(w)) {
            continue;
        }
        let Some(section) = h.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let items: Vec<String> = section
            .select(selector("li, [class*=skill], [class*=tag], [class*=pill], [class*=chip]"))
            .filter(|el| el.children().filter_map(ElementRef::wrap).count() == 0)
            .map(|el| super::element_text(el, 60))
            .filter(|t| !t.is_empty())
            .take(100)
            .collect();
        if !items.is_empty() {
            return items;
        }
    }
    Vec::new()
}

/// Two to four words, each starting with a capital letter, no digits.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !s.chars().any(|c| c.is_ascii_digit())
}

/// Parses one JSON-LD block, tolerating the common breakage of real pages:
/// CDATA and HTML-comment wrappers, JavaScript comments, raw control
/// characters inside strings, trailing commas, and garbage after the value
/// (a stray `}`). Unescaped quotes inside strings are not repaired: such a
/// block is skipped, never the page.
fn parse_json_ld(raw: &str) -> Option<Value> {
    let mut s = raw.trim();
    for (open, close) in [("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>"), ("<!--", "-->")] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.trim_end().strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    let first = |text: &str| serde_json::Deserializer::from_str(text).into_iter::<Value>().next()?.ok();
    first(s).or_else(|| first(&repair_json(s)))
}

/// Removes what JSON forbids but hand-written JSON-LD often has.
fn repair_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => {}
                c => out.push(c),
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut prev = ' ';
                for skipped in chars.by_ref() {
                    if prev == '*' && skipped == '/' {
                        break;
                    }
                    prev = skipped;
                }
            }
            (',', _) => {
                // A comma followed (after whitespace) by a closing bracket is trailing.
                let rest: String = chars.clone().take_while(|c| c.is_whitespace() || matches!(c, '}' | ']')).collect();
                if !rest.trim_start().starts_with(['}', ']']) {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
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
            // A personal site's WebSite names its owner as the author.
            ["@graph", "mainEntity", "about", "author"]
                .iter()
                .find_map(|k| map.get(*k).and_then(|c| find_person(c, depth + 1)))
        }
        _ => None,
    }
}

fn read_person(person: &Value, url: &str, p: &mut Profile) {
    let text = |key: &str| person.get(key).and_then(Value::as_str).map(|s| clean(s, MAX_FIELD_CHARS));
    if p.name.is_none() {
        p.name = text("name").filter(|s| !s.is_empty()).map(|s| Sourced::new(s, "JSON-LD Person.name"));
    }
    if p.headline.is_none() {
        p.headline = text("jobTitle").map(|s| Sourced::new(s, "JSON-LD Person.jobTitle"));
    }
    if p.location.is_none() {
        p.location = person.get("address").and_then(address_text).map(|s| Sourced::new(s, "JSON-LD Person.address"));
    }
    if p.bio.is_none() {
        p.bio = text("description").filter(|s| !s.is_empty()).map(|s| Sourced::new(s, "JSON-LD Person.description"));
    }
    if p.photo.is_none() {
        let image = match person.get("image") {
            Some(Value::String(s)) => Some(s.as_str()),
            Some(Value::Object(o)) => o.get("url").and_then(Value::as_str),
            _ => None,
        };
        p.photo = image.and_then(|i| sites::resolve(url, i)).map(|u| Sourced::new(u, "JSON-LD Person.image"));
    }
    if let Some(tel) = text("telephone") {
        p.phones.push(Sourced::new(tel, "JSON-LD Person.telephone"));
    }
    for (key, target) in [("knowsLanguage", &mut p.languages)] {
        for lang in strings(person.get(key)) {
            if let Some(name) = language_name(&lang) {
                target.push(Sourced::new(name, format!("JSON-LD Person.{key}")));
            }
        }
    }
    p.skills.extend(strings(person.get("knowsAbout")).into_iter().map(|s| clean(&s, MAX_FIELD_CHARS)));
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

/// A JSON-LD value that may be one string, a list of strings, or objects with a `name`.
fn strings(v: Option<&Value>) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    match v {
        Some(Value::Array(items)) => items.iter().take(100).filter_map(one).collect(),
        Some(other) => one(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// "en" → "English" for the common ISO 639-1 codes; names pass through.
fn language_name(code_or_name: &str) -> Option<String> {
    const CODES: &[(&str, &str)] = &[
        ("en", "English"),
        ("uk", "Ukrainian"),
        ("ru", "Russian"),
        ("pl", "Polish"),
        ("de", "German"),
        ("fr", "French"),
        ("es", "Spanish"),
        ("pt", "Portuguese"),
        ("it", "Italian"),
        ("nl", "Dutch"),
        ("zh", "Chinese"),
        ("ja", "Japanese"),
        ("ko", "Korean"),
        ("vi", "Vietnamese"),
        ("hi", "Hindi"),
        ("ar", "Arabic"),
        ("tr", "Turkish"),
        ("ro", "Romanian"),
        ("cs", "Czech"),
        ("sv", "Swedish"),
        ("fi", "Finnish"),
        ("da", "Danish"),
        ("no", "Norwegian"),
        ("el", "Greek"),
        ("he", "Hebrew"),
        ("id", "Indonesian"),
        ("ms", "Malay"),
        ("th", "Thai"),
        ("tl", "Tagalog"),
        ("ur", "Urdu"),
        ("bn", "Bengali"),
        ("fa", "Persian"),
        ("hu", "Hungarian"),
        ("bg", "Bulgarian"),
        ("sr", "Serbian"),
        ("hr", "Croatian"),
        ("sk", "Slovak"),
        ("lt", "Lithuanian"),
        ("lv", "Latvian"),
        ("et", "Estonian"),
        ("ka", "Georgian"),
        ("hy", "Armenian"),
        ("kk", "Kazakh"),
        ("sw", "Swahili"),
        ("yo", "Yoruba"),
    ];
    let t = code_or_name.trim();
    let base = t.split(['-', '_']).next().unwrap_or(t).to_ascii_lowercase();
    if t.len() <= 5 {
        if let Some((_, name)) = CODES.iter().find(|(c, _)| *c == base) {
            return Some((*name).to_string());
        }
    }
    values::language(t)
}

fn address_text(addr: &Value) -> Option<String> {
    match addr {
        Value::String(s) => Some(clean(s, MAX_FIELD_CHARS)),
        Value::Object(_) => {
            let mut parts: Vec<&str> = ["addressLocality", "addressRegion", "addressCountry"]
                .iter()
                .filter_map(|k| match addr.get(*k) {
                    Some(Value::String(s)) => Some(s.as_str()),
                    Some(c @ Value::Object(_)) => c.get("name").and_then(Value::as_str),
                    _ => None,
                })
                .collect();
            // A country code after a place the page spells out is not shown
            // to the reader ("Stockholm, Stockholm County, Sweden" + "SE";
            // "Lyon" + "FR" keeps it).
            let spelled_out = parts[..parts.len().saturating_sub(1)]
                .iter()
                .any(|p| p.contains(',') || p.split_whitespace().count() >= 3);
            if spelled_out && parts.last().is_some_and(|c| c.len() == 2 && c.chars().all(|x| x.is_ascii_uppercase())) {
                parts.pop();
            }
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
    fn repairs_comments_control_characters_and_trailing_commas() {
        let p = run("<script type=\"application/ld+json\">
            // generated by a plugin
            {\"@type\": \"Person\", /* the owner */ \"name\": \"Ravi\tIyer\",
             \"jobTitle\": \"ML
Engineer\", \"sameAs\": [\"https://github.com/ravi\",],}}
            </script>");
        assert_eq!(p.name.unwrap().value, "Ravi Iyer");
        assert_eq!(p.headline.unwrap().value, "ML Engineer");
        assert_eq!(p.links[0].value, "https://github.com/ravi");
    }

    #[test]
    fn one_broken_block_does_not_lose_the_others() {
        let p = run(r#"<script type="application/ld+json">{"@type": "Person", "name": "Bad "quote""}</script>
            <script type="application/ld+json">{"@type": "Person", "name": "Good Block"}</script>"#);
        assert_eq!(p.name.unwrap().value, "Good Block");
    }

    #[test]
    fn heading_is_a_name_only_when_it_looks_like_one() {
        assert_eq!(run("<h1>Jane Doe — Full-Stack Developer</h1>").name.unwrap().value, "Jane Doe");
        assert!(run("<h1>Welcome to my site 2024</h1>").name.is_none());
    }

    #[test]
    fn nothing_found_is_reported_as_missing() {
        let p = run("<p>hello</p>");
        assert_eq!(p.missing, vec!["name", "location"]);
    }
}
