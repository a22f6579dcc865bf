//! Extraction strategies that do not lean on a site's generated class
//! names: the profile's header found through stable marks (a
//! `componentkey`, an anchor id, a link pattern such as the contact-info
//! overlay), sections found by their stable marks or by their heading in
//! the page's language, and entries read from the structure of their
//! visible text (title, employer, dates). Site adapters name the stable
//! marks ([`Strategies`]); what is read from them is the same for every
//! site.

use super::{selector, values};
use crate::model::{Job, Profile, Schooling, Sourced};
use crate::text::{clean, MAX_FIELD_CHARS};
use scraper::{ElementRef, Node};

/// The stable marks of one site's pages, most stable first.
pub struct Strategies {
    /// An element on or inside the profile's own header: the header is the
    /// nearest ancestor that also holds a heading.
    pub top_card: &'static [&'static str],
    /// The link after the header's identity lines ("Contact info"): the line
    /// before it is the location.
    pub contact_link: &'static [&'static str],
    /// Marks of the experience and education sections (anchor ids,
    /// `componentkey`, `data-section`); their headings are read too.
    pub experience: &'static [&'static str],
    pub education: &'static [&'static str],
    /// One entry of a section; an entry nested in another is a role at the
    /// outer entry's employer.
    pub entry: &'static [&'static str],
}

/// Section headings in English, Spanish, French, German and Portuguese.
pub(crate) const EXPERIENCE_HEADINGS: &[&str] = &[
    "experience",
    "work experience",
    "experiencia",
    "experiencia laboral",
    "expérience",
    "expériences",
    "berufserfahrung",
    "erfahrung",
    "experiência",
    "experiência profissional",
];
pub(crate) const EDUCATION_HEADINGS: &[&str] = &[
    "education",
    "educación",
    "formación",
    "formation",
    "ausbildung",
    "bildungsweg",
    "formação acadêmica",
    "formação",
    "educação",
];

/// Subtrees whose text a person does not see as the profile's: the screen
/// reader copies of texts, hidden elements, controls, scripts.
const UNSEEN: &str = ".visually-hidden, .sr-only, .a11y-text, [hidden], button, script, style, template, noscript, svg";

/// Tags whose text is one line; text in other elements is a line of its own
/// when the element holds it directly.
const BLOCKS: &[&str] = &[
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "form",
];

/// A line of visible text and the element it is read from.
#[derive(Clone)]
pub struct Line<'a> {
    pub text: String,
    pub el: ElementRef<'a>,
}

/// The visible lines of `root` in document order, leaving out the
/// subtrees matched by `except` (nested entries).
pub fn lines<'a>(root: ElementRef<'a>, except: &[ElementRef<'a>]) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    collect_lines(root, except, &mut out, 0);
    out
}

fn unseen(el: ElementRef<'_>) -> bool {
    selector(UNSEEN).matches(&el)
}

fn has_own_text(el: ElementRef<'_>) -> bool {
    el.children().any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()))
}

fn collect_lines<'a>(el: ElementRef<'a>, except: &[ElementRef<'a>], out: &mut Vec<Line<'a>>, depth: usize) {
    if depth > 256 || out.len() > 2_000 {
        return;
    }
    for child in el.children().filter_map(ElementRef::wrap) {
        visit(child, except, out, depth + 1);
    }
}

fn visit<'a>(el: ElementRef<'a>, except: &[ElementRef<'a>], out: &mut Vec<Line<'a>>, depth: usize) {
    if depth > 256 || unseen(el) || except.iter().any(|e| e.id() == el.id()) {
        return;
    }
    if !has_own_text(el) {
        collect_lines(el, except, out, depth);
        return;
    }
    let mut raw = String::new();
    inline_text(el, &mut raw, 0);
    let text = clean(&raw, MAX_FIELD_CHARS);
    if !text.is_empty() {
        out.push(Line { text, el });
    }
    // Blocks inside a line element are lines of their own.
    for child in el.children().filter_map(ElementRef::wrap) {
        if BLOCKS.contains(&child.value().name()) {
            visit(child, except, out, depth + 1);
        }
    }
}

/// The text of a line element: its own text and its inline descendants'.
fn inline_text(el: ElementRef<'_>, out: &mut String, depth: usize) {
    if depth > 64 || out.len() > MAX_FIELD_CHARS * 8 {
        return;
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                if BLOCKS.contains(&e.name()) || unseen(child) {
                    out.push(' ');
                    continue;
                }
                if e.name() == "br" {
                    out.push(' ');
                }
                inline_text(child, out, depth + 1);
            }
            _ => {}
        }
    }
}

fn ancestors<'a>(el: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    el.ancestors().filter_map(ElementRef::wrap)
}

/// The profile's header: the nearest ancestor of a stable mark (or the mark
/// itself) that holds a heading.
pub fn top_card<'a>(root: ElementRef<'a>, spec: &Strategies) -> Option<ElementRef<'a>> {
    let heading = selector("h1, h2");
    spec.top_card.iter().find_map(|css| {
        let mark = root.select(selector(css)).next()?;
        std::iter::once(mark).chain(ancestors(mark)).take(12).find(|el| el.select(heading).next().is_some())
    })
}

/// Badges beside a name: connection degree, pronouns, verification.
fn is_badge(line: &str) -> bool {
    let l = line.trim_matches(|c: char| c == '·' || c.is_whitespace()).to_lowercase();
    l.is_empty()
        || l.len() <= 4 && (l.ends_with("st") || l.ends_with("nd") || l.ends_with("rd") || l.ends_with("th"))
        || l.contains("degree connection")
        || (l.starts_with('(') && l.ends_with(')'))
        || ["he/him", "she/her", "they/them", "he/they", "she/they"].iter().any(|p| l.contains(p))
}

/// Name, headline and location from the header's lines: the heading is the
/// name, the next line that is not a badge the headline, and the line just
/// before the contact link the location.
pub fn read_top_card(root: ElementRef<'_>, spec: &Strategies, p: &mut Profile) {
    let Some(card) = top_card(root, spec) else { return };
    let lines = lines(card, &[]);
    let heading = selector("h1, h2");
    let Some(at) = lines.iter().position(|l| heading.matches(&l.el) || ancestors(l.el).any(|a| heading.matches(&a)))
    else {
        return;
    };
    let source = "the profile's header (heading, then its lines)";
    if p.name.is_none() {
        p.name = Some(Sourced::new(lines[at].text.clone(), format!("{source}: name")));
    }
    let contact = spec.contact_link.iter().find_map(|css| card.select(selector(css)).next());
    let contact_at = contact
        .and_then(|c| lines.iter().position(|l| l.el.id() == c.id() || ancestors(l.el).any(|a| a.id() == c.id())));
    let rest: Vec<&Line> =
        lines[at + 1..contact_at.unwrap_or(lines.len())].iter().filter(|l| !is_badge(&l.text)).collect();
    if p.headline.is_none() {
        if let Some(h) = rest.first().filter(|_| rest.len() >= 2 || contact_at.is_none()) {
            p.headline = Some(Sourced::new(h.text.clone(), format!("{source}: headline")));
        }
    }
    if p.location.is_none() && contact_at.is_some() {
        if let Some(l) = rest.last().filter(|_| rest.len() >= 2) {
            p.location = Some(Sourced::new(l.text.clone(), format!("{source}: location, before the contact link")));
        }
    }
}

/// The section of `kind` (experience or education): through a stable mark,
/// else through its heading.
fn section<'a>(
    root: ElementRef<'a>,
    marks: &[&'static str],
    headings: &[&str],
    spec: &Strategies,
) -> Option<ElementRef<'a>> {
    let holds_entries = |el: &ElementRef<'_>| {
        spec.entry.iter().any(|css| el.select(selector(css)).next().is_some())
            || el.select(selector("li")).next().is_some()
    };
    let around = |mark: ElementRef<'a>| {
        std::iter::once(mark)
            .chain(ancestors(mark))
            .take(6)
            .find(|el| el.value().name() == "section" || holds_entries(el))
    };
    if let Some(found) = marks.iter().find_map(|css| root.select(selector(css)).next().and_then(around)) {
        return Some(found);
    }
    root.select(selector("h2, h3, [role=heading]")).find_map(|h| {
        let mut raw = String::new();
        inline_text(h, &mut raw, 0);
        let title = clean(&raw, 80).to_lowercase();
        headings.contains(&title.as_str()).then(|| around(h)).flatten()
    })
}

/// The entries of a section, outermost only.
fn entries<'a>(section: ElementRef<'a>, spec: &Strategies) -> Vec<ElementRef<'a>> {
    for css in spec.entry.iter().copied().chain(["li"]) {
        let sel = selector(css);
        let found: Vec<ElementRef> = section
            .select(sel)
            .filter(|e| !ancestors(*e).take_while(|a| a.id() != section.id()).any(|a| sel.matches(&a)))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// Entries nested in `entry` (roles at one employer).
fn nested<'a>(entry: ElementRef<'a>, spec: &Strategies) -> Vec<ElementRef<'a>> {
    for css in spec.entry.iter().copied().chain(["li"]) {
        let sel = selector(css);
        let found: Vec<ElementRef> = entry
            .select(sel)
            .filter(|e| e.id() != entry.id())
            .filter(|e| !ancestors(*e).take_while(|a| a.id() != entry.id()).any(|a| sel.matches(&a)))
            .filter(|e| lines(*e, &[]).iter().any(|l| is_dates(&l.text)))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// A line giving a period: "Jul 2021 - Present · 3 yrs", "2019 - 2021".
pub fn is_dates(line: &str) -> bool {
    let head = line.split('·').next().unwrap_or(line);
    let has_year = head
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && n.parse::<u16>().is_ok_and(|y| (1940..=2100).contains(&y)));
    let words = head.split_whitespace().count();
    let (start, end) = values::date_range(head);
    (has_year || end.as_deref() == Some("present")) && start.is_some() && words <= 8 && line.len() < 100
}

/// "5 yrs 11 mos", "2 years 9 months", "Full-time · 5 yrs": a group's total.
fn is_duration(line: &str) -> bool {
    let l = line.to_lowercase();
    let units = ["yr", "year", "mo", "month", "año", "mes", "an", "mois", "jahr", "monat", "ano", "mês"];
    let words: Vec<&str> = l.split(|c: char| c.is_whitespace() || c == '·').filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_ascii_digit()) || units.iter().any(|u| w.starts_with(u)) || employment_type(w)
        })
}

/// Kinds of employment a site writes after the employer.
pub(crate) const EMPLOYMENT_TYPES: &[&str] = &[
    "full-time",
    "part-time",
    "self-employed",
    "freelance",
    "contract",
    "internship",
    "apprenticeship",
    "seasonal",
    "permanent",
    "temporary",
    "volunteer",
    "jornada completa",
    "tiempo completo",
    "media jornada",
    "autónomo",
    "prácticas",
    "temps plein",
    "temps partiel",
    "indépendant",
    "stage",
    "vollzeit",
    "teilzeit",
    "selbstständig",
    "praktikum",
    "tempo integral",
    "meio período",
    "autônomo",
    "estágio",
];

/// Whether `text` names a kind of employment.
fn employment_type(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    EMPLOYMENT_TYPES.iter().any(|k| t == *k)
}

/// The kind of employment a line names ("Acme · Part-time" or "Part-time").
pub(crate) fn employment_of(line: &str) -> Option<String> {
    line.split(" · ").map(str::trim).find(|part| employment_type(part)).map(str::to_string)
}

/// "Acme · Full-time" → "Acme".
fn employer_of(line: &str) -> Option<String> {
    let head = line.split(" · ").next().unwrap_or(line).trim();
    (!head.is_empty() && !employment_type(head)).then(|| head.to_string())
}

/// A grade or an activities line of a school entry, which is no degree.
fn is_grade(line: &str) -> bool {
    let l = line.to_lowercase();
    l.starts_with("grade")
        || l.starts_with("activities")
        || l.starts_with("nota")
        || l.starts_with("note")
        || l.starts_with("gpa")
        || (l.chars().next().is_some_and(|c| c.is_ascii_digit()) && (l.contains(" of ") || l.contains('/')))
}

/// The employer a link in the entry names (`/company/…`): its text, or its
/// logo's alternative text ("Acme logo").
fn linked_employer(entry: ElementRef<'_>) -> Option<String> {
    entry.select(selector(r#"a[href*="/company/"] img[alt]"#)).find_map(|img| {
        let alt = clean(img.value().attr("alt")?, MAX_FIELD_CHARS);
        let name = alt.strip_suffix(" logo").unwrap_or(&alt).trim().to_string();
        (!name.is_empty()).then_some(name)
    })
}

/// Experience and education read from their sections, for the lists the
/// site's selectors left empty.
pub fn read_history(root: ElementRef<'_>, spec: &Strategies, p: &mut Profile) {
    if p.work.is_empty() {
        if let Some(section) = section(root, spec.experience, EXPERIENCE_HEADINGS, spec) {
            for entry in entries(section, spec) {
                read_job(entry, spec, &mut p.work);
            }
            // The page shows the section, but nothing in it could be read.
            if p.work.is_empty() {
                p.missing.push("work".into());
            }
        }
    }
    if p.education.is_empty() {
        if let Some(section) = section(root, spec.education, EDUCATION_HEADINGS, spec) {
            for entry in entries(section, spec) {
                if let Some(s) = read_school(entry, spec) {
                    p.education.push(s);
                }
            }
            if p.education.is_empty() {
                p.missing.push("education".into());
            }
        }
    }
}

const JOB_SOURCE: &str = "the experience section's entries (title, employer, dates)";

fn read_job(entry: ElementRef<'_>, spec: &Strategies, out: &mut Vec<Job>) {
    let roles = nested(entry, spec);
    let own = lines(entry, &roles);
    let dated = own.iter().position(|l| is_dates(&l.text));
    if !roles.is_empty() && dated.is_none() {
        // Several roles at one employer: the entry's first line names it.
        let employer = own.iter().find(|l| !is_duration(&l.text)).and_then(|l| employer_of(&l.text));
        for role in roles {
            let lines = lines(role, &[]);
            let Some(at) = lines.iter().position(|l| is_dates(&l.text)) else { continue };
            let head: Vec<&Line> = lines[..at].iter().filter(|l| !is_duration(&l.text)).collect();
            let (start, end) = values::date_range(&lines[at].text);
            out.push(Job {
                employer: employer.clone(),
                title: head.first().map(|l| l.text.clone()),
                start,
                end,
                source: JOB_SOURCE.into(),
                employment: lines[..at].iter().find_map(|l| employment_of(&l.text)),
            });
        }
        return;
    }
    let Some(at) = dated else { return };
    let head: Vec<&Line> = own[..at].iter().filter(|l| !is_duration(&l.text)).collect();
    let Some(title) = head.first() else { return };
    let employer = head.get(1).and_then(|l| employer_of(&l.text)).or_else(|| linked_employer(entry));
    let (start, end) = values::date_range(&own[at].text);
    out.push(Job {
        employer,
        title: Some(title.text.clone()),
        start,
        end,
        source: JOB_SOURCE.into(),
        employment: head[1..].iter().find_map(|l| employment_of(&l.text)),
    });
}

fn read_school(entry: ElementRef<'_>, spec: &Strategies) -> Option<Schooling> {
    let inner = nested(entry, spec);
    let own = lines(entry, &inner);
    let dated = own.iter().position(|l| is_dates(&l.text));
    let head: Vec<&Line> = own[..dated.unwrap_or(own.len())].iter().filter(|l| !is_grade(&l.text)).collect();
    let school = head.first()?.text.clone();
    // Without dates, lines after the degree are a description.
    let degree_lines = if dated.is_some() { &head[1..] } else { &head[1..head.len().min(2)] };
    let degree: Vec<&str> = degree_lines.iter().map(|l| l.text.as_str()).filter(|t| t.len() < 160).collect();
    let (start, end) = dated.map(|at| values::date_range(&own[at].text)).unwrap_or((None, None));
    Some(Schooling {
        school,
        degree: (!degree.is_empty()).then(|| degree.join(", ")),
        start,
        end,
        source: "the education section's entries (school, degree, dates)".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    const SPEC: Strategies = Strategies {
        top_card: &["a[href*=\"/overlay/contact-info\"]"],
        contact_link: &["a[href*=\"/overlay/contact-info\"]"],
        experience: &["#experience"],
        education: &["#education"],
        entry: &["[data-entry]"],
    };

    fn read(html: &str) -> Profile {
        let doc = Html::parse_document(html);
        let mut p = Profile::empty("https://example.com/in/x", crate::model::Site::Linkedin);
        read_top_card(doc.root_element(), &SPEC, &mut p);
        read_history(doc.root_element(), &SPEC, &mut p);
        p
    }

    #[test]
    fn header_lines_give_name_headline_and_location() {
        let p = read(
            r#"<nav><span>Viewer Name</span></nav><section><div><h1>Ana Lima</h1><span aria-hidden="true">· 2nd</span>
               <span class="visually-hidden">2nd degree connection</span></div>
               <div>Backend engineer at Acme</div><button>Current company: Acme</button>
               <div><span>Porto, Portugal</span><a href="/in/ana/overlay/contact-info/">Contact info</a></div></section>"#,
        );
        assert_eq!(p.name.unwrap().value, "Ana Lima");
        assert_eq!(p.headline.unwrap().value, "Backend engineer at Acme");
        assert_eq!(p.location.unwrap().value, "Porto, Portugal");
    }

    #[test]
    fn a_section_shown_but_not_read_is_reported_missing() {
        let p = read(
            r#"<section><h2>Education</h2><div class="x">School of Things, 2010 to 2014</div></section><h1>A B</h1>"#,
        );
        assert_eq!(p.missing, ["education"]);
        assert!(read("<h1>A B</h1><p>no sections</p>").missing.is_empty());
    }

    #[test]
    fn entries_by_heading_in_another_language_with_grouped_roles() {
        let p = read(
            r#"<section><h2>Experiencia</h2><ul>
               <li data-entry><span aria-hidden="true">Ingeniera</span><span class="visually-hidden">Ingeniera</span>
                 <span aria-hidden="true">Acme · Jornada completa</span><span aria-hidden="true">ene 2020 - actualidad · 4 años</span>
                 <ul><li><span aria-hidden="true">Built things.</span></li></ul></li>
               <li data-entry><a href="/company/1"><span aria-hidden="true">Globex</span></a><span aria-hidden="true">5 años 2 meses</span>
                 <ul><li data-entry><span aria-hidden="true">Lead</span><span aria-hidden="true">mar 2017 - dic 2019</span></li>
                     <li data-entry><span aria-hidden="true">Developer</span><span aria-hidden="true">Jornada completa</span><span aria-hidden="true">2015 - 2017</span></li></ul></li>
               </ul></section>
               <section><div id="education"></div><h2>Whatever</h2><ul><li data-entry><span>Universidade do Porto</span>
                 <span>Master's degree</span><span>Computer Science</span><span>Grade: 18/20</span><span>2010 - 2015</span></li></ul></section>"#,
        );
        let jobs: Vec<[Option<&str>; 4]> = p
            .work
            .iter()
            .map(|j| [j.title.as_deref(), j.employer.as_deref(), j.start.as_deref(), j.end.as_deref()])
            .collect();
        assert_eq!(
            jobs,
            [
                [Some("Ingeniera"), Some("Acme"), Some("2020-01"), Some("present")],
                [Some("Lead"), Some("Globex"), Some("2017-03"), Some("2019-12")],
                [Some("Developer"), Some("Globex"), Some("2015"), Some("2017")],
            ]
        );
        let school = &p.education[0];
        assert_eq!(school.school, "Universidade do Porto");
        assert_eq!(school.degree.as_deref(), Some("Master's degree, Computer Science"));
        assert_eq!((school.start.as_deref(), school.end.as_deref()), (Some("2010"), Some("2015")));
    }
}
