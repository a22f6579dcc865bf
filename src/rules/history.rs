//! Work and education history: `HISTORY_MISMATCH` (profiles of a case
//! disagree) and `TIMELINE_IMPLAUSIBLE` (one profile contradicts itself).
//!
//! ## What it does
//! Normalises employer and school names (case, accents, "Inc/LLC/Ltd/GmbH",
//! "Google LLC" ~ "Google") and months. `HISTORY_MISMATCH` fires when two
//! profiles both give a dated job history and, for a stretch of a year or
//! more, name different employers with no job in common over that time; or
//! when both give dated schooling and, for a year or more, name different
//! schools with none in common. `TIMELINE_IMPLAUSIBLE` fires on a
//! degree that ends before it starts, on two full-time jobs overlapping by
//! more than a year, and on more years of experience claimed than the
//! career shown spans.
//!
//! ## Why it matters
//! The advisory names inconsistent educational and work history across
//! profiles, and fabricated, unverifiable résumés.
//!
//! ## Known false positives
//! Positions held alongside a job — board seats, advisory, volunteer and
//! mentoring roles, founding or owning a side business, part-time,
//! freelance and consulting work — overlap legitimately: only two
//! full-time positions (by the kind of employment the page shows, else by
//! the title) contradict each other, within a profile or across profiles. A profile listing only its latest jobs is not
//! compared over the years it leaves out, nor undated schools (one profile
//! may list the bachelor's, another the master's). Names written in another
//! script ("Яндекс" / "Yandex") are not compared: a translation is not a
//! contradiction. A company rename (Facebook → Meta) still needs a human.

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};
use crate::model::{Job, Profile};
use crate::normalize::fold;

pub const HISTORY_ID: &str = "HISTORY_MISMATCH";
pub const TIMELINE_ID: &str = "TIMELINE_IMPLAUSIBLE";

const SUFFIXES: &[&str] = &[
    "inc",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "sa",
    "ag",
    "bv",
    "srl",
    "sp z o o",
    "oy",
    "ab",
    "pty",
    "group",
    "technologies",
    "technology",
    "labs",
    "the",
];

/// Legal forms written before the name ("ООО Яндекс", romanised "ooo").
const PREFIXES: &[&str] = &["the", "ooo", "oao", "zao", "pao", "tov", "pt"];

/// "Google LLC" → "google"; "The Acme Corporation, Inc." → "acme";
/// "Bank of America, N.A." → "bank of america".
pub fn organisation_key(name: &str) -> String {
    // Letters written apart are one word: "N.A." → "na", "A.B.C." → "abc".
    let mut words: Vec<String> = Vec::new();
    let mut after_letter = false;
    for w in fold(name).split(' ').filter(|w| !w.is_empty()) {
        let letter = w.chars().count() == 1;
        match words.last_mut() {
            Some(last) if letter && after_letter => last.push_str(w),
            _ => words.push(w.to_string()),
        }
        after_letter = letter;
    }
    while words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(&w.as_str()) || w == "na") {
        words.pop();
    }
    while words.len() > 1 && PREFIXES.contains(&words[0].as_str()) {
        words.remove(0);
    }
    words.join(" ")
}

/// Same organisation, allowing suffixes, one name containing the other
/// ("Google" ~ "Google Cloud"), an initialism ("IBM" ~ "International
/// Business Machines Corp.") and another script when its Latin letters spell
/// the same name ("Яндекс" ~ "Yandex").
pub fn same_organisation(a: &str, b: &str) -> bool {
    // Initials are written in capitals: "ACME" may stand for four words, "Acme" is a name.
    let capitals = |name: &str| {
        let first = name.split_whitespace().next().unwrap_or_default();
        first.chars().any(char::is_alphabetic) && !first.chars().any(char::is_lowercase)
    };
    let (a_initials, b_initials) = (capitals(a), capitals(b));
    let (a, b) = if script(a) == script(b) {
        (organisation_key(a), organisation_key(b))
    } else {
        (latin_organisation_key(a), latin_organisation_key(b))
    };
    !a.is_empty()
        && (a == b
            || a.split(' ').next() == b.split(' ').next() && (a.starts_with(&b) || b.starts_with(&a))
            || a_initials && initialism_of(&a, &b)
            || b_initials && initialism_of(&b, &a))
}

/// Whether `short` (one word of 2-6 letters) is the initials of `long`'s
/// words, with or without its small words: "ibm" ~ "international business
/// machines", "tcs" ~ "tata consultancy services".
fn initialism_of(short: &str, long: &str) -> bool {
    const SMALL: &[&str] = &["of", "and", "for", "de", "la", "und", "et", "the"];
    let words: Vec<&str> = long.split(' ').collect();
    if short.contains(' ') || !(2..=6).contains(&short.len()) || words.len() < 2 {
        return false;
    }
    let initials = |skip_small: bool| -> String {
        words.iter().filter(|w| !(skip_small && SMALL.contains(w))).filter_map(|w| w.chars().next()).collect()
    };
    short == initials(true) || short == initials(false)
}

/// The organisation key of a name in Latin letters, whatever its script:
/// Cyrillic, Hangul and Han are romanised, and the spellings that Latin
/// names of Cyrillic brands use are folded together ("yandeks" = "yandex").
fn latin_organisation_key(name: &str) -> String {
    let latin: Vec<String> = fold(name).split(' ').map(crate::normalize::translit::romanise).collect();
    organisation_key(&latin.join(" ")).replace("ks", "x").replace("kh", "h")
}

/// The script a name is written in. Only names of one script are told
/// apart: "Київський політехнічний інститут" and "Kyiv Polytechnic
/// Institute" are one school, a translation, while "Яндекс" and "Сбербанк"
/// are two employers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Hangul,
    Han,
    Other,
}

fn script(name: &str) -> Script {
    let of = |c: char| match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF => Script::Han,
        _ => Script::Other,
    };
    let mut letters = name.chars().filter(|c| c.is_alphabetic() && !matches!(c, '×' | '÷')).map(of);
    let Some(first) = letters.next() else { return Script::Other };
    if letters.all(|s| s == first) {
        first
    } else {
        Script::Other
    }
}

/// Whether two names can be told apart: both in one script. A name in
/// another script may be a translation ("Лаборатория Касперского" /
/// "Kaspersky Lab"), which is no contradiction.
fn comparable(a: &str, b: &str) -> bool {
    let s = script(a);
    s != Script::Other && s == script(b)
}

/// "2019-03" → months since year 0; "2019" → January (start) or December (end).
fn month(date: &str, end: bool, now: u32) -> Option<u32> {
    if date == "present" {
        return (now > 0).then_some(now); // unknown today: the job's end is unknown
    }
    let year: u32 = date.get(..4)?.parse().ok()?;
    let m: u32 = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(if end { 12 } else { 1 });
    Some(year * 12 + m - 1)
}

fn span(job: &Job, now: u32) -> Option<(u32, u32)> {
    let start = month(job.start.as_deref()?, false, now)?;
    let end = job.end.as_deref().and_then(|e| month(e, true, now)).unwrap_or(start);
    Some((start, end.max(start)))
}

fn school_span(s: &crate::model::Schooling, now: u32) -> Option<(u32, u32)> {
    let start = month(s.start.as_deref()?, false, now)?;
    let end = s.end.as_deref().and_then(|e| month(e, true, now))?;
    Some((start, end.max(start)))
}

fn overlap(a: (u32, u32), b: (u32, u32)) -> u32 {
    (a.1.min(b.1) + 1).saturating_sub(a.0.max(b.0))
}

/// Whether a position is exclusive full-time work: two of them at different
/// employers in the same months contradict each other. Board seats,
/// advisory, volunteer and mentoring roles, founding or owning a business,
/// freelance and consulting work are held alongside a job, whatever kind
/// of employment the page shows for them (people mark board seats
/// "Full-time"); a kind other than full-time (part-time, freelance,
/// contract…) makes any position one held alongside.
fn is_full_time(job: &Job) -> bool {
    if let Some(kind) = job.employment.as_deref() {
        let kind = fold(kind);
        let full = [
            "full time",
            "permanent",
            "jornada completa",
            "tiempo completo",
            "temps plein",
            "vollzeit",
            "tempo integral",
        ];
        if !full.contains(&kind.as_str()) {
            return false;
        }
    }
    let text = fold(&format!("{} {}", job.title.as_deref().unwrap_or(""), job.employer.as_deref().unwrap_or("")));
    !text.split(' ').any(|w| CONCURRENT_WORDS.contains(&w)) && !CONCURRENT_PHRASES.iter().any(|p| text.contains(p))
}

/// Words of a title naming a position held alongside a job.
pub const CONCURRENT_WORDS: &[&str] = &[
    "board",
    "advisor",
    "advisory",
    "adviser",
    "trustee",
    "chairman",
    "chairwoman",
    "chair",
    "volunteer",
    "mentor",
    "founder",
    "cofounder",
    "owner",
    "investor",
    "ambassador",
    "freelance",
    "freelancer",
    "contractor",
    "consultant",
    "consulting",
    "intern",
    "internship",
];

/// Phrases of a title (folded) naming a position held alongside a job.
pub const CONCURRENT_PHRASES: &[&str] = &["part time", "self employed", "co founder", "side project", "member of the"];

fn job_label(job: &Job) -> String {
    let part = |v: &Option<String>| v.as_deref().unwrap_or("?").to_string();
    ui_with("ev_job", &[&part(&job.title), &part(&job.employer), &part(&job.start), &part(&job.end)])
}

fn evidence(p: &Profile, field: &str, value: String) -> Evidence {
    Evidence { profile: p.url.clone(), field: field.into(), value, note: None, composed: false }
}

/// A job as Vetter writes it from the page's fields (title, employer, dates).
fn job_evidence(p: &Profile, value: String) -> Evidence {
    Evidence { composed: true, ..evidence(p, "work", value) }
}

pub fn check_history(case: &CaseInput<'_>) -> Vec<Finding> {
    let now = case.now_month;
    let mut ev = Vec::new();
    let dated: Vec<&Profile> =
        case.profiles.iter().filter(|p| p.work.iter().filter(|j| span(j, now).is_some()).count() >= 1).collect();
    for (i, a) in dated.iter().enumerate() {
        for b in &dated[i + 1..] {
            // Only exclusive full-time positions contradict each other: a board
            // seat or a side project held meanwhile is no other story.
            for ja in a.work.iter().filter(|j| j.employer.is_some() && is_full_time(j)) {
                let employer = ja.employer.as_deref().unwrap_or_default();
                let Some(sa) = span(ja, now) else { continue };
                let overlapping: Vec<&Job> = b
                    .work
                    .iter()
                    .filter(|jb| is_full_time(jb) && span(jb, now).is_some_and(|sb| overlap(sa, sb) >= 12))
                    .collect();
                let b_knows_employer = b
                    .work
                    .iter()
                    .any(|jb| matches!((&ja.employer, &jb.employer), (Some(x), Some(y)) if same_organisation(x, y)));
                let all_comparable =
                    overlapping.iter().all(|jb| jb.employer.as_deref().is_none_or(|e| comparable(employer, e)));
                if !overlapping.is_empty() && !b_knows_employer && all_comparable {
                    ev.push(job_evidence(a, job_label(ja)));
                    ev.extend(overlapping.iter().map(|jb| job_evidence(b, job_label(jb))));
                }
            }
        }
    }
    let schooled: Vec<&Profile> = case.profiles.iter().filter(|p| !p.education.is_empty()).collect();
    for (i, a) in schooled.iter().enumerate() {
        for b in &schooled[i + 1..] {
            let shared =
                a.education.iter().any(|x| b.education.iter().any(|y| same_organisation(&x.school, &y.school)));
            if shared {
                continue;
            }
            // Only schools of the same years contradict each other.
            for x in &a.education {
                let Some(sx) = school_span(x, now) else { continue };
                let same_years: Vec<_> = b
                    .education
                    .iter()
                    .filter(|y| school_span(y, now).is_some_and(|sy| overlap(sx, sy) >= 12))
                    .collect();
                if !same_years.is_empty() && same_years.iter().all(|y| comparable(&x.school, &y.school)) {
                    ev.push(evidence(a, "education", x.school.clone()));
                    ev.extend(same_years.iter().map(|y| evidence(b, "education", y.school.clone())));
                }
            }
        }
    }
    dedup(&mut ev);
    if ev.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        id: HISTORY_ID.into(),
        severity: Severity::Medium,
        title: ui("flag_HISTORY_MISMATCH_title"),
        explanation: ui("flag_HISTORY_MISMATCH_explain"),
        evidence: ev,
        guidance: ui("flag_HISTORY_MISMATCH_guidance"),
    }]
}

pub fn check_timeline(case: &CaseInput<'_>) -> Vec<Finding> {
    let now = case.now_month;
    let mut ev = Vec::new();
    for p in case.profiles {
        for e in &p.education {
            if let (Some(s), Some(f)) = (e.start.as_deref(), e.end.as_deref()) {
                if let (Some(s), Some(f)) = (month(s, false, now), month(f, true, now)) {
                    if f < s {
                        ev.push(evidence(
                            p,
                            "education",
                            format!(
                                "{}: {} – {}",
                                e.school,
                                e.start.as_deref().unwrap_or("?"),
                                e.end.as_deref().unwrap_or("?")
                            ),
                        ));
                    }
                }
            }
        }
        let full: Vec<(&Job, (u32, u32))> =
            p.work.iter().filter(|j| is_full_time(j)).filter_map(|j| span(j, now).map(|s| (j, s))).collect();
        for (i, (ja, sa)) in full.iter().enumerate() {
            for (jb, sb) in &full[i + 1..] {
                let same = matches!((&ja.employer, &jb.employer), (Some(x), Some(y)) if same_organisation(x, y));
                if !same && overlap(*sa, *sb) > 12 {
                    ev.push(job_evidence(p, ui_with("ev_overlaps", &[&job_label(ja), &job_label(jb)])));
                }
            }
        }
        if let Some((claimed, field, quote)) = claimed_years(p).filter(|_| now > 0) {
            let earliest = p.work.iter().filter_map(|j| span(j, now)).map(|s| s.0).min();
            if let Some(first) = earliest {
                let career = (now.saturating_sub(first)) / 12;
                if claimed > career + 3 {
                    // The page's own words, with what Vetter made of them beside.
                    ev.push(Evidence {
                        note: Some(ui_with("ev_claimedYears", &[&claimed.to_string(), &career.to_string()])),
                        ..evidence(p, field, quote)
                    });
                }
            }
        }
    }
    if ev.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        id: TIMELINE_ID.into(),
        severity: Severity::Low,
        title: ui("flag_TIMELINE_IMPLAUSIBLE_title"),
        explanation: ui("flag_TIMELINE_IMPLAUSIBLE_explain"),
        evidence: ev,
        guidance: ui("flag_TIMELINE_IMPLAUSIBLE_guidance"),
    }]
}

/// "12+ years of experience" in the headline or bio: the years, the field
/// and the words as written.
fn claimed_years(p: &Profile) -> Option<(u32, &'static str, String)> {
    let re = crate::extract::regex(r"(?i)\b(\d{1,2})\s*\+?\s*(?:years|yrs)\b(?:\s+of)?\s+(?:experience|exp)");
    [(&p.headline, "headline"), (&p.bio, "bio")].into_iter().find_map(|(f, field)| {
        let c = re.captures(&f.as_ref()?.value)?;
        Some((c.get(1)?.as_str().parse().ok()?, field, c.get(0)?.as_str().to_string()))
    })
}

fn dedup(ev: &mut Vec<Evidence>) {
    let mut seen = std::collections::HashSet::new();
    ev.retain(|e| seen.insert((e.profile.clone(), e.value.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Schooling, Site};

    const NOW: u32 = 2026 * 12 + 10;

    fn job(employer: &str, title: &str, start: &str, end: &str) -> Job {
        Job {
            employer: Some(employer.into()),
            title: Some(title.into()),
            start: Some(start.into()),
            end: Some(end.into()),
            source: "t".into(),
            employment: None,
        }
    }

    fn profile(url: &str, work: Vec<Job>) -> Profile {
        let mut p = Profile::empty(url, Site::Generic);
        p.work = work;
        p
    }

    fn history(a: Profile, b: Profile) -> usize {
        let profiles = [a, b];
        check_history(&CaseInput { profiles: &profiles, messages: &[], now_month: NOW }).len()
    }

    fn timeline(p: Profile) -> usize {
        check_timeline(&CaseInput { profiles: &[p], messages: &[], now_month: NOW }).len()
    }

    #[test]
    fn organisations_compare_without_suffixes() {
        assert!(same_organisation("Google LLC", "Google"));
        assert!(same_organisation("The Acme Corporation, Inc.", "ACME"));
        assert!(!same_organisation("Google", "Epam Systems"));
    }

    #[test]
    fn different_employers_for_the_same_years_fire() {
        let a = profile("https://a.example/", vec![job("Google", "Engineer", "2019-01", "2022-06")]);
        let b = profile("https://b.example/", vec![job("Epam", "Engineer", "2019-01", "2022-06")]);
        assert_eq!(history(a, b), 1);
    }

    #[test]
    fn renamed_suffix_and_partial_histories_are_silent() {
        let a = profile("https://a.example/", vec![job("Google LLC", "SWE", "2019-01", "2022-06")]);
        let b = profile("https://b.example/", vec![job("Google", "Software Engineer", "2019-03", "present")]);
        assert_eq!(history(a, b), 0);
        let older = profile("https://a.example/", vec![job("Epam", "Dev", "2012-01", "2016-01")]);
        let newer = profile("https://b.example/", vec![job("Google", "Dev", "2017-01", "present")]);
        assert_eq!(history(older, newer), 0, "different years, no contradiction");
    }

    #[test]
    fn schools_of_the_same_years_in_common_are_silent_and_none_in_common_fires() {
        let school = |s: &str, from: &str, to: &str| Schooling {
            school: s.into(),
            degree: None,
            start: Some(from.into()).filter(|d: &String| !d.is_empty()),
            end: Some(to.into()).filter(|d: &String| !d.is_empty()),
            source: "t".into(),
        };
        let mut a = profile("https://a.example/", vec![]);
        let mut b = profile("https://b.example/", vec![]);
        a.education = vec![school("Kyiv Polytechnic Institute", "2010", "2014")];
        b.education = vec![school("Kyiv Polytechnic Institute", "2010", "2014"), school("Coursera", "2019", "2019")];
        assert_eq!(history(a.clone(), b.clone()), 0);
        b.education = vec![school("Stanford University", "2010", "2014")];
        assert_eq!(history(a.clone(), b.clone()), 1, "two schools for the same four years");
        b.education = vec![school("Stanford University", "2015", "2017")];
        assert_eq!(history(a.clone(), b.clone()), 0, "a master's after the bachelor's");
        b.education = vec![school("Coursera", "", "")];
        assert_eq!(history(a.clone(), b.clone()), 0, "an undated course contradicts nothing");
        b.education = vec![school("Київський політехнічний інститут", "2010", "2014")];
        assert_eq!(history(a, b), 0, "the same school in Ukrainian");
    }

    #[test]
    fn employers_in_another_script_are_not_compared() {
        let a = profile("https://a.example/", vec![job("Yandex", "Engineer", "2019-01", "2023-01")]);
        let b = profile("https://b.example/", vec![job("Яндекс", "Инженер", "2019-01", "2023-01")]);
        assert_eq!(history(a.clone(), b.clone()), 0);
        assert_eq!(history(b, a), 0);
        let a = profile("https://a.example/", vec![job("Kraków Software Sp. z o.o.", "Dev", "2019-01", "2023-01")]);
        let b = profile("https://b.example/", vec![job("Łódź Systems", "Dev", "2019-01", "2023-01")]);
        assert_eq!(history(a, b), 1, "Latin names with diacritics are still compared");
        let a = profile("https://a.example/", vec![job("Сбербанк", "Инженер", "2019-01", "2023-01")]);
        let b = profile("https://b.example/", vec![job("Яндекс", "Инженер", "2019-01", "2023-01")]);
        assert_eq!(history(a, b), 1, "two Cyrillic names are two employers");
    }

    /// Issue #15: employer names normalised across legal forms,
    /// initialisms and scripts.
    #[test]
    fn the_same_employer_written_otherwise_is_one_employer() {
        for (x, y) in [
            ("IBM", "International Business Machines Corporation"),
            ("TCS", "Tata Consultancy Services Ltd."),
            ("Bank of America, N.A.", "BOA"),
            ("Яндекс", "Yandex LLC"),
            ("ООО Яндекс", "Yandex"),
            ("Google LLC", "Google"),
        ] {
            assert!(same_organisation(x, y) && same_organisation(y, x), "{x} / {y}");
            let a = profile("https://a.example/", vec![job(x, "Engineer", "2019-01", "2023-01")]);
            let b = profile("https://b.example/", vec![job(y, "Engineer", "2019-01", "2023-01")]);
            assert_eq!(history(a, b), 0, "{x} / {y}");
            let both = profile(
                "https://a.example/",
                vec![job(x, "Engineer", "2019-01", "2023-01"), job(y, "Engineer", "2019-01", "2023-01")],
            );
            assert_eq!(timeline(both), 0, "{x} / {y} in one profile is one job, listed twice");
        }
        for (x, y) in [
            ("IBM", "Infosys BPM"),
            ("SAP", "Sapient"),
            ("Yandex", "Сбербанк"),
            ("Acme", "Apex Capital Markets Enterprises"),
            ("Ibm", "International Business Machines"),
        ] {
            assert!(!same_organisation(x, y), "{x} / {y}");
        }
    }

    #[test]
    fn impossible_timelines_fire() {
        let overlapping = profile(
            "https://a.example/",
            vec![
                job("Acme", "Senior Engineer", "2018-01", "2022-01"),
                job("Globex", "Lead Developer", "2019-01", "2021-12"),
            ],
        );
        assert_eq!(timeline(overlapping), 1);
        let mut degree = profile("https://a.example/", vec![]);
        degree.education = vec![Schooling {
            school: "X".into(),
            degree: None,
            start: Some("2015".into()),
            end: Some("2012".into()),
            source: "t".into(),
        }];
        assert_eq!(timeline(degree), 1);
        let mut claims = profile("https://a.example/", vec![job("Acme", "Dev", "2022-01", "present")]);
        claims.headline = Some(crate::model::Sourced::new("Senior dev, 15+ years of experience", "t"));
        let found =
            check_timeline(&CaseInput { profiles: std::slice::from_ref(&claims), messages: &[], now_month: NOW });
        let quoted = &found[0].evidence[0];
        assert_eq!((quoted.field.as_str(), quoted.value.as_str()), ("headline", "15+ years of experience"));
        assert_eq!(timeline(claims), 1);
    }

    #[test]
    fn without_today_present_is_not_guessed() {
        let p = profile(
            "https://a.example/",
            vec![job("Acme", "Dev", "2022-01", "present"), job("Globex", "Dev", "2023-01", "2023-02")],
        );
        assert_eq!(check_timeline(&CaseInput { profiles: &[p], messages: &[], now_month: 0 }).len(), 0);
    }

    #[test]
    fn part_time_overlaps_and_one_employer_promotions_are_silent() {
        let moonlighting = profile(
            "https://a.example/",
            vec![
                job("Acme", "Backend Engineer", "2018-01", "2022-01"),
                job("Self-employed", "Freelance developer", "2019-01", "2021-12"),
            ],
        );
        assert_eq!(timeline(moonlighting), 0);
        let promoted = profile(
            "https://a.example/",
            vec![
                job("Acme Inc", "Engineer", "2018-01", "2021-01"),
                job("Acme", "Senior Engineer", "2019-06", "present"),
            ],
        );
        assert_eq!(timeline(promoted), 0);
    }

    fn typed(mut j: Job, employment: &str) -> Job {
        j.employment = Some(employment.into());
        j
    }

    /// A real career (modelled on a saved LinkedIn profile): a co-founded
    /// company, two board seats marked "Full-time" and a job, all at once.
    /// Its logged-in and public views list different subsets.
    #[test]
    fn board_seats_and_side_companies_held_alongside_a_job_are_no_contradiction() {
        let logged_in = profile(
            "https://www.linkedin.com/in/a/",
            vec![
                typed(job("Hirebox", "Co-Founder", "2022-02", "present"), "Full-time"),
                typed(
                    job("Workmode i Sverige AB", "Member Of The Management Board & Partner", "2019-04", "present"),
                    "Full-time",
                ),
                typed(job("Mobhouse AB", "Member of the Board", "2017-12", "present"), "Full-time"),
                job("Workmode AB", "Board Of Directors & Key Account Manager", "2019-04", "2020-02"),
                job("Public Employment Office", "Employer consultant", "2010-01", "2019-04"),
            ],
        );
        assert_eq!(timeline(logged_in.clone()), 0);
        let public = profile(
            "https://se.linkedin.com/in/a/",
            vec![
                job("Hirebox", "Co-Founder", "2022-02", "present"),
                job("Mobhouse", "Operative Manager", "2014", "2017-12"),
                job("Volunteer Sports Club", "Board member (volunteer)", "2015", "present"),
                job("Public Employment Office", "Employer consultant", "2010-01", "2019-04"),
            ],
        );
        assert_eq!(history(logged_in, public), 0);
        // Advisory, mentoring and part-time work beside a job, in one profile.
        let beside = profile(
            "https://a.example/",
            vec![
                job("Acme", "Staff Engineer", "2018-01", "present"),
                job("Startup Studio", "Technical Advisor", "2019-01", "present"),
                typed(job("Night School", "Instructor", "2020-01", "present"), "Part-time"),
            ],
        );
        assert_eq!(timeline(beside), 0);
    }

    #[test]
    fn two_full_time_positions_in_the_same_months_still_contradict() {
        // Control for the test above: within one profile…
        let two_jobs = profile(
            "https://a.example/",
            vec![
                typed(job("Acme", "Backend Engineer", "2019-01", "2022-12"), "Full-time"),
                job("Globex", "Senior Developer", "2020-01", "2022-06"),
            ],
        );
        assert_eq!(timeline(two_jobs), 1);
        // …and across profiles, where no employer is shared.
        let a = profile(
            "https://a.example/",
            vec![typed(job("Acme", "Backend Engineer", "2018-01", "2022-12"), "Full-time")],
        );
        let b = profile("https://b.example/", vec![job("Globex", "Backend Engineer", "2018-06", "2022-06")]);
        assert_eq!(history(a.clone(), b), 1);
        // A board seat on the other profile is no alibi and no contradiction.
        let board = profile("https://b.example/", vec![job("Globex", "Member of the Board", "2018-06", "2022-06")]);
        assert_eq!(history(a, board), 0);
    }
}
