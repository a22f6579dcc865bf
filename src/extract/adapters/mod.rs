//! Site adapters as data: which elements hold which field, per site, with
//! fallbacks for older layouts. A site's DOM change is an edit in that
//! site's module; the engine here reads every kind of field the same way.

mod fiverr;
mod freelancer;
mod github;
mod guru;
mod indeed;
mod linkedin;
mod peopleperhour;
mod stackoverflow;
mod toptal;
mod upwork;
mod wellfound;

use super::structure::{self, Strategies};
use super::values;
use super::{block_text, element_text, first_text, links, mailto_links, regex, scan_text, selector};
use crate::model::{Job, PageKind, Profile, Review, Schooling, Site, Sourced, Stat, ThreadMessage, Unread};
use crate::sites;
use crate::text::{clean, MAX_FIELD_CHARS};
use scraper::{ElementRef, Html};

/// Selectors, tried in order (current layout first, then older ones).
pub type Sel = &'static [&'static str];

/// Where one site shows each field. Empty lists mean "not on this site".
pub struct Adapter {
    pub site: Site,
    /// A site may have several layouts: this adapter is used when one of
    /// these matches (empty: the site's fallback layout).
    pub detect: Sel,
    /// The profile's container; fields are looked up inside the first that
    /// exists (else the whole page). Scoping keeps other people's cards
    /// (sidebars, "people also viewed") out.
    pub scope: Sel,
    pub name: Sel,
    pub handle: Sel,
    pub headline: Sel,
    pub location: Sel,
    pub time_zone: Sel,
    pub bio: Sel,
    pub member_since: Sel,
    /// An `img` (its `src`), or a `meta`/`a` (its `content`/`href`).
    pub photo: Sel,
    /// Every match is one language ("English: Fluent" → "English").
    pub languages: Sel,
    /// Every match is one skill.
    pub skills: Sel,
    pub phones: Sel,
    /// Anchors pointing at the candidate's other profiles and sites.
    pub profile_links: Sel,
    /// Free-text blocks (bio, overview, contact) scanned for URLs, e-mails, phones.
    pub text_blocks: Sel,
    pub work: Option<&'static WorkSpec>,
    pub education: Option<&'static EducationSpec>,
    pub reviews: Option<&'static ReviewSpec>,
    pub stats: &'static [(&'static str, Sel)],
    /// `(field, regex)` over the profile's text, for values shown as prose
    /// ("Member since March 2019", "98% Job Success"); the regex's first
    /// group is the value. Fields: `member_since`, `time_zone`, `stat:KEY`.
    pub text_patterns: &'static [(&'static str, &'static str)],
    /// `(field, label, items)`: an item whose text starts with the label
    /// gives the field the rest ("From Egypt" → location "Egypt").
    pub labelled: &'static [(&'static str, &'static str, &'static str)],
    pub thread: Option<&'static ThreadSpec>,
    /// Also read a schema.org `Person` in JSON-LD, for what the markup lacks.
    pub json_ld: bool,
    /// Text the site writes when the person wrote no bio: not a bio.
    pub bio_boilerplate: &'static [&'static str],
    /// Fields a profile page of this site normally shows; the ones not
    /// found are reported, so the panel can say "could not read fully".
    pub expected: &'static [&'static str],
    /// The handle is the last path segment of the address.
    pub handle_from_url: bool,
    /// Signs that the page is not a profile although its address is one
    /// (a sign-in wall, "not found"): a selector per state. Every site's
    /// titles and challenge pages are read without them (`states.rs`).
    pub states: &'static [(Unread, &'static str)],
    /// Stable marks for the shared strategies (`structure.rs`): the header
    /// read by its lines, sections by their marks or headings, entries by
    /// the structure of their text. They fill what the selectors above did
    /// not find.
    pub strategies: Option<&'static Strategies>,
}

impl Adapter {
    /// An adapter that reads nothing: site modules override what their
    /// site shows with `..Adapter::NONE`.
    pub const NONE: Adapter = Adapter {
        site: Site::Generic,
        detect: &[],
        scope: &["body"],
        name: &[],
        handle: &[],
        headline: &[],
        location: &[],
        time_zone: &[],
        bio: &[],
        member_since: &[],
        photo: &[],
        languages: &[],
        skills: &[],
        phones: &[],
        profile_links: &[],
        text_blocks: &[],
        work: None,
        education: None,
        reviews: None,
        stats: &[],
        text_patterns: &[],
        labelled: &[],
        thread: None,
        json_ld: false,
        bio_boilerplate: &[],
        expected: &["name"],
        handle_from_url: false,
        states: &[],
        strategies: None,
    };
}

pub struct WorkSpec {
    pub items: Sel,
    pub title: Sel,
    pub employer: Sel,
    /// "Title | Company" in one element: the element and the separator.
    pub combined: Option<(Sel, &'static str)>,
    pub dates: Sel,
    /// The list shows current positions only (GitHub's "works for").
    pub current: bool,
    /// Cut the employer at this separator ("Acme · Full-time" → "Acme").
    pub employer_cut: Option<&'static str>,
    /// Several roles at one employer: the roles inside an item, each read
    /// with `title`/`dates`, and where the item shows the employer.
    pub roles: Sel,
    pub group_employer: Sel,
}

impl WorkSpec {
    pub const NONE: WorkSpec = WorkSpec {
        items: &[],
        title: &[],
        employer: &[],
        combined: None,
        dates: &[],
        current: false,
        employer_cut: None,
        roles: &[],
        group_employer: &[],
    };
}

pub struct EducationSpec {
    pub items: Sel,
    /// Where the school's name is; a line "School, Country, Graduated
    /// 2018" is cut at the first comma.
    pub school: Sel,
    /// Cut the school's line here ("School - City, Country" → "School").
    pub school_cut: Option<&'static str>,
    pub degree: Sel,
    pub dates: Sel,
}

pub struct ReviewSpec {
    pub items: Sel,
    pub reviewer: Sel,
    pub date: Sel,
    /// Text ("5.0") or an attribute (`aria-label`, `title`, `data-rating`).
    pub rating: Sel,
}

pub struct ThreadSpec {
    /// The thread's container.
    pub scope: Sel,
    /// The other party's name, headline and photo in the thread header.
    pub counterpart: Sel,
    pub counterpart_headline: Sel,
    pub counterpart_photo: Sel,
    /// Links to the other party's profile.
    pub counterpart_links: Sel,
    pub items: Sel,
    pub author: Sel,
    pub text: Sel,
}

/// Every site layout. Within a site, layouts with `detect` selectors come
/// before the fallback layout.
pub const ALL: &[&Adapter] = &[
    &upwork::PROFILE,
    &github::PROFILE,
    &stackoverflow::PROFILE,
    &linkedin::PUBLIC,
    &linkedin::LOGGED_IN,
    &linkedin::MESSAGING,
    &indeed::RESUME,
    &indeed::LEGACY,
    &wellfound::CURRENT,
    &wellfound::ANGELLIST,
    &freelancer::APP,
    &freelancer::LEGACY,
    &fiverr::SELLER,
    &fiverr::LEGACY,
    &toptal::CURRENT,
    &toptal::LEGACY,
    &guru::PROFILE,
    &peopleperhour::CURRENT,
    &peopleperhour::LEGACY,
];

/// Does this site have adapters?
pub fn has_adapter(site: Site) -> bool {
    ALL.iter().any(|a| a.site == site)
}

/// The adapter for this page: the first of the site's layouts (of message
/// threads when `thread`, else of profiles) whose `detect` selectors match,
/// else the site's fallback layout. A profile page may hold a message
/// overlay: a thread layout is never a profile's.
pub fn for_page(site: Site, doc: &Html, thread: bool) -> Option<&'static Adapter> {
    // A layout that reads threads only (no profile fields) is never a profile's.
    let fits = |a: &Adapter| if thread { a.thread.is_some() } else { a.thread.is_none() || !a.name.is_empty() };
    let mut layouts = ALL.iter().copied().filter(|a| a.site == site && fits(a));
    let fallback = layouts.clone().find(|a| a.detect.is_empty());
    layouts.find(|a| a.detect.iter().any(|css| doc.select(selector(css)).next().is_some())).or(fallback)
}

/// Reads a profile page with `adapter`.
pub fn apply(adapter: &Adapter, doc: &Html, url: &str) -> Profile {
    let root = scope(doc, adapter.scope);
    let mut p = Profile::empty(url, adapter.site);
    p.name = first_text(root, adapter.name);
    p.handle = first_text(root, adapter.handle).map(|h| Sourced::new(h.value.trim_start_matches('@'), h.source));
    if p.handle.is_none() && adapter.handle_from_url {
        p.handle = sites::parse(url)
            .and_then(|a| a.path.split('/').rfind(|s| !s.is_empty()).map(str::to_string))
            .map(|h| Sourced::new(h, "page address"));
    }
    p.headline = first_text(root, adapter.headline);
    p.location = first_text(root, adapter.location);
    p.time_zone = first_text(root, adapter.time_zone);
    p.bio = adapter.bio.iter().find_map(|css| {
        root.select(selector(css)).map(block_text).find(|t| !t.is_empty()).map(|t| Sourced::new(t, *css))
    });
    p.member_since =
        first_text(root, adapter.member_since).and_then(|s| values::month(&s.value).map(|d| Sourced::new(d, s.source)));
    p.photo = photo(root, url, adapter.photo);
    p.languages = each_text(root, adapter.languages)
        .into_iter()
        .filter_map(|s| values::language(&s.value).map(|l| Sourced::new(l, s.source)))
        .collect();
    p.skills = each_text(root, adapter.skills).into_iter().map(|s| s.value).collect();
    // One paragraph listing them all: "Go, Kafka, PostgreSQL".
    if let [one] = &p.skills[..] {
        if one.contains(',') {
            p.skills = one.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        }
    }
    dedup(&mut p.skills);
    p.phones = each_text(root, adapter.phones)
        .into_iter()
        .filter(|s| s.value.chars().filter(char::is_ascii_digit).count() >= 7)
        .collect();
    if let Some(spec) = adapter.work {
        p.work = work(root, spec);
    }
    if let Some(spec) = adapter.education {
        p.education = education(root, spec);
    }
    if let Some(spec) = adapter.reviews {
        p.reviews = reviews(root, spec);
    }
    for (key, sels) in adapter.stats {
        if let Some(found) = first_text(root, sels) {
            if let Some(value) = values::number(&found.value) {
                p.stats.insert((*key).to_string(), Stat { value, source: found.source });
            }
        }
    }
    for (field, label, items) in adapter.labelled {
        for el in root.select(selector(items)) {
            let text = element_text(el, MAX_FIELD_CHARS);
            let rest = text.get(label.len()..).filter(|_| text.to_lowercase().starts_with(&label.to_lowercase()));
            if let Some(value) = rest.map(str::trim).filter(|v| !v.is_empty()) {
                set_field(&mut p, field, value, format!("{items} labelled \"{label}\""));
                break;
            }
        }
    }
    if !adapter.text_patterns.is_empty() {
        apply_text_patterns(&block_text(root), adapter.text_patterns, &mut p);
    }
    links(root, url, adapter.profile_links, &mut p.links);
    for css in adapter.text_blocks {
        for el in root.select(selector(css)) {
            scan_text(&block_text(el), css, &mut p);
        }
    }
    mailto_links(root, &mut p);
    if let Some(spec) = adapter.strategies {
        structure::read_top_card(doc.root_element(), spec, &mut p);
        structure::read_history(root, spec, &mut p);
    }
    if adapter.json_ld {
        super::generic::fill_from_json_ld(doc, url, &mut p);
    }
    if p.bio.as_ref().is_some_and(|b| adapter.bio_boilerplate.iter().any(|t| b.value.starts_with(t))) {
        p.bio = None;
    }
    for field in adapter.expected {
        let found = match *field {
            "name" => p.name.is_some(),
            "headline" => p.headline.is_some(),
            "location" => p.location.is_some(),
            "bio" => p.bio.is_some(),
            _ => true,
        };
        if !found {
            p.missing.push((*field).to_string());
        }
    }
    p
}

/// Reads a message-thread page with the site's thread spec.
pub fn apply_thread(spec: &ThreadSpec, site: Site, doc: &Html, url: &str) -> Profile {
    let root = scope(doc, spec.scope);
    let mut p = Profile::empty(url, site);
    p.kind = PageKind::Thread;
    p.name = first_text(root, spec.counterpart);
    p.headline = first_text(root, spec.counterpart_headline);
    p.photo = photo(root, url, spec.counterpart_photo);
    links(root, url, spec.counterpart_links, &mut p.links);
    for css in spec.items {
        let mut author: Option<String> = None;
        for item in root.select(selector(css)) {
            // Consecutive messages of one sender show the name once.
            if let Some(name) = first_text(item, spec.author) {
                author = Some(name.value);
            }
            let text = spec.text.iter().find_map(|t| item.select(selector(t)).map(block_text).find(|s| !s.is_empty()));
            let Some(text) = text else { continue };
            p.messages.push(ThreadMessage { author: author.clone(), text, source: (*css).to_string() });
        }
        if !p.messages.is_empty() {
            break;
        }
    }
    if p.messages.is_empty() {
        p.missing.push("messages".into());
    }
    p
}

fn scope<'a>(doc: &'a Html, sels: Sel) -> ElementRef<'a> {
    sels.iter().find_map(|css| doc.select(selector(css)).next()).unwrap_or_else(|| doc.root_element())
}

/// The text of every element matching the first selector that matches any.
fn each_text(root: ElementRef<'_>, sels: Sel) -> Vec<Sourced> {
    for css in sels {
        let found: Vec<Sourced> = root
            .select(selector(css))
            .map(|el| element_text(el, MAX_FIELD_CHARS))
            .filter(|t| !t.is_empty())
            .map(|t| Sourced::new(t, *css))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

fn dedup(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|s| seen.insert(s.to_lowercase()));
}

fn first_in(item: ElementRef<'_>, sels: Sel) -> Option<String> {
    first_text(item, sels).map(|s| s.value)
}

/// A date or date range, read with spaces between its parts
/// (`<time>Jun 2018</time> - <time>Feb 2022</time><span>3 yrs</span>`).
fn dates_in(item: ElementRef<'_>, sels: Sel) -> (Option<String>, Option<String>) {
    let Some(text) = sels.iter().find_map(|css| item.select(selector(css)).map(block_text).find(|t| !t.is_empty()))
    else {
        return (None, None);
    };
    // "…, Graduated 2018" names the end of a degree, not its start.
    // ASCII lower-casing keeps byte offsets ("İ" grows under full lower-casing).
    if let Some(at) = text.to_ascii_lowercase().find("graduat") {
        return (None, values::date(&text[at..]));
    }
    values::date_range(&text)
}

fn items<'a>(root: ElementRef<'a>, sels: Sel) -> Vec<(ElementRef<'a>, &'static str)> {
    for css in sels {
        let found: Vec<_> = root.select(selector(css)).map(|e| (e, *css)).collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

fn work(root: ElementRef<'_>, spec: &WorkSpec) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (item, css) in items(root, spec.items) {
        let roles = items(item, spec.roles);
        if !roles.is_empty() {
            let employer = first_in(item, spec.group_employer).map(|e| cut(e, spec.employer_cut));
            for (role, _) in roles {
                let (start, end) = dates_in(role, spec.dates);
                let title = first_in(role, spec.title);
                // A role that names its employer itself is read as it says.
                let own_line = first_in(role, spec.employer).filter(|_| !spec.employer.is_empty());
                let employment = own_line.as_deref().and_then(super::structure::employment_of);
                let own = own_line.map(|e| cut(e, spec.employer_cut)).filter(|e| employment.as_deref() != Some(e));
                jobs.push(Job {
                    employer: own.or_else(|| employer.clone()),
                    title,
                    start,
                    end,
                    source: css.into(),
                    employment,
                });
            }
            continue;
        }
        let (mut title, mut employer) = (first_in(item, spec.title), first_in(item, spec.employer));
        if let Some((sels, sep)) = spec.combined {
            if let Some(both) = first_in(item, sels) {
                let mut parts = both.splitn(2, sep).map(|s| s.trim().to_string());
                title = title.or(parts.next());
                employer = employer.or(parts.next().filter(|s| !s.is_empty()));
            }
        }
        let employment = employer.as_deref().and_then(super::structure::employment_of);
        // "@acme" (GitHub's link to an organisation) names the employer "acme".
        let employer = employer.map(|e| cut(e, spec.employer_cut).trim_start_matches('@').to_string());
        let (start, mut end) = dates_in(item, spec.dates);
        if spec.current && end.is_none() {
            end = Some("present".into());
        }
        if title.is_some() || employer.is_some() {
            jobs.push(Job { employer, title, start, end, source: css.into(), employment });
        }
    }
    jobs
}

fn cut(text: String, at: Option<&str>) -> String {
    match at.and_then(|sep| text.split_once(sep)) {
        Some((head, _)) => head.trim().to_string(),
        None => text,
    }
}

fn education(root: ElementRef<'_>, spec: &EducationSpec) -> Vec<Schooling> {
    items(root, spec.items)
        .into_iter()
        .filter_map(|(item, css)| {
            let school = first_in(item, spec.school)?;
            let school = match school.split_once(',') {
                Some((name, rest)) if rest.to_lowercase().contains("graduat") => name.trim().to_string(),
                _ => cut(school, spec.school_cut),
            };
            let (start, end) = dates_in(item, spec.dates);
            Some(Schooling { school, degree: first_in(item, spec.degree), start, end, source: css.into() })
        })
        .collect()
}

fn reviews(root: ElementRef<'_>, spec: &ReviewSpec) -> Vec<Review> {
    items(root, spec.items)
        .into_iter()
        .map(|(item, css)| Review {
            reviewer: first_in(item, spec.reviewer).map(|r| r.trim_start_matches('@').to_string()),
            // A review is dated by the end of the contract it reviews.
            date: first_in(item, spec.date).and_then(|d| match values::date_range(&d) {
                (_, Some(end)) if end != "present" => Some(end),
                (start, _) => start,
            }),
            rating: rating(item, spec.rating),
            source: css.into(),
        })
        .collect()
}

fn rating(item: ElementRef<'_>, sels: Sel) -> Option<f64> {
    sels.iter()
        .find_map(|css| {
            // `count:SELECTOR`: stars drawn as elements, the rating is how many are lit.
            if let Some(sel) = css.strip_prefix("count:") {
                let n = item.select(selector(sel)).count();
                return (n > 0).then_some(n as f64);
            }
            let sel = super::entry_selector(css);
            let attr = css.strip_prefix(sel).and_then(|rest| rest.strip_prefix('@'));
            item.select(selector(sel)).find_map(|el| match attr {
                Some(a) => el.value().attr(a).and_then(values::number),
                None => values::number(&element_text(el, MAX_FIELD_CHARS)).or_else(|| {
                    ["aria-label", "title", "data-rating", "content", "data-value"]
                        .iter()
                        .find_map(|a| el.value().attr(a).and_then(values::number))
                }),
            })
        })
        .filter(|r| (0.0..=5.0).contains(r))
}

fn photo(root: ElementRef<'_>, base: &str, sels: Sel) -> Option<Sourced> {
    sels.iter().find_map(|css| {
        let sel = super::entry_selector(css);
        let attr = css.strip_prefix(sel).and_then(|rest| rest.strip_prefix('@'));
        root.select(selector(sel)).find_map(|el| {
            let v = el.value();
            let raw = match attr {
                Some(a) => v.attr(a)?,
                None => v.attr("src").or(v.attr("content")).or(v.attr("href"))?,
            };
            sites::resolve(base, raw).map(|u| Sourced::new(u, *css))
        })
    })
}

fn apply_text_patterns(text: &str, patterns: &[(&'static str, &'static str)], p: &mut Profile) {
    for (field, pattern) in patterns {
        if let Some(value) = regex(pattern).captures(text).and_then(|c| c.get(1)).map(|m| m.as_str().trim()) {
            set_field(p, field, value, format!("text /{pattern}/"));
        }
    }
}

/// Sets a field read from prose or a label, unless the markup gave it.
fn set_field(p: &mut Profile, field: &str, value: &str, source: String) {
    match field {
        "member_since" if p.member_since.is_none() => {
            p.member_since = values::month(value).map(|d| Sourced::new(d, source));
        }
        "time_zone" if p.time_zone.is_none() => p.time_zone = Some(Sourced::new(clean(value, MAX_FIELD_CHARS), source)),
        "location" if p.location.is_none() => p.location = Some(Sourced::new(clean(value, MAX_FIELD_CHARS), source)),
        "headline" if p.headline.is_none() => p.headline = Some(Sourced::new(clean(value, MAX_FIELD_CHARS), source)),
        f => {
            if let Some(key) = f.strip_prefix("stat:") {
                if let (false, Some(v)) = (p.stats.contains_key(key), values::number(value)) {
                    p.stats.insert(key.to_string(), Stat { value: v, source });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_adapter_selector_and_pattern_compiles() {
        for a in ALL {
            let mut sels: Vec<&str> = [
                a.detect,
                a.scope,
                a.name,
                a.handle,
                a.headline,
                a.location,
                a.time_zone,
                a.bio,
                a.member_since,
                a.photo,
                a.languages,
                a.skills,
                a.phones,
                a.profile_links,
                a.text_blocks,
            ]
            .concat();
            if let Some(w) = a.work {
                sels.extend(
                    [
                        w.items,
                        w.title,
                        w.employer,
                        w.dates,
                        w.roles,
                        w.group_employer,
                        w.combined.map_or(&[][..], |c| c.0),
                    ]
                    .concat(),
                );
            }
            if let Some(e) = a.education {
                sels.extend([e.items, e.school, e.degree, e.dates].concat());
            }
            if let Some(r) = a.reviews {
                sels.extend([r.items, r.reviewer, r.date, r.rating].concat());
            }
            if let Some(t) = a.thread {
                sels.extend(
                    [
                        t.scope,
                        t.counterpart,
                        t.counterpart_headline,
                        t.counterpart_photo,
                        t.counterpart_links,
                        t.items,
                        t.author,
                        t.text,
                    ]
                    .concat(),
                );
            }
            sels.extend(a.stats.iter().flat_map(|(_, s)| s.iter().copied()));
            for css in sels {
                let _ = selector(crate::extract::entry_selector(css.strip_prefix("count:").unwrap_or(css)));
            }
            for (_, css) in a.states {
                let _ = selector(css);
            }
            if let Some(st) = a.strategies {
                for css in [st.top_card, st.contact_link, st.experience, st.education, st.entry].concat() {
                    let _ = selector(css);
                }
            }
            for (_, _, items) in a.labelled {
                let _ = selector(items);
            }
            for (_, pattern) in a.text_patterns {
                let _ = regex(pattern);
            }
        }
    }
}
