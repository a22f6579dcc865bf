//! `SANCTIONS_MATCH` and `IOC_MATCH`
//!
//! ## What it does
//! Screens every name and employer in every profile, and every company
//! named in messages, against the sanctions lists in force (the built-in
//! DPRK designations plus imported OFAC/OpenSanctions files), and every
//! e-mail, domain, phone, handle and wallet against imported known-persona
//! indicators. A name alone is a potential match, not a verdict: a hit is
//! `critical` when the name scores [`matcher::CRITICAL`] with every part
//! matched exactly (a spelling variant, not a similar spelling) *and* the
//! profiles show a second mark the list records (a listed country where the
//! candidate is, a listed e-mail, phone or wallet, an entry the list links it
//! to, two of its listed names), or when it is a company's full name of
//! several words. The same name without a second mark is `high` ("Same name
//! as a listed person": verify date of birth and identity document), as is a
//! weaker, partial match (from [`matcher::HIGH`]). The evidence gives the
//! entry, its list, program and date, the score, the per-part breakdown and
//! what corroborates it; indicators keep their source, because public
//! persona lists mix court records with unconfirmed research.
//!
//! ## Why it matters
//! Paying a designated person or company is a sanctions violation whatever
//! the employer knew (strict liability).
//!
//! ## Known false positives
//! Namesakes: common names (Kim Chol, Li Wei) are shared by many people, so
//! the same name alone stays `high`, and a namesake living in a listed
//! country reaches `critical` only with that second mark; the entry's date
//! and place of birth (in the list's notes) tell namesakes apart. A one-word
//! name never reaches `critical`, and a name part the listing does not have
//! counts against the match.

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};
use crate::screening::import::normalise_indicator;
use crate::screening::matcher::{self, Hit};
use crate::screening::{active, EntryKind, IndicatorKind};
use std::collections::BTreeMap;

pub const SANCTIONS_ID: &str = "SANCTIONS_MATCH";
pub const IOC_ID: &str = "IOC_MATCH";

/// Company names written in messages: capitalised words ending in a legal form.
const COMPANY_PATTERN: &str = r"\b(?:[A-Z][A-Za-z&.-]*\s+){0,5}(?:LLC|L\.L\.C\.|Ltd\.?|Limited|Co\.,?\s*Ltd\.?|Corporation|Corp\.?|Company|Inc\.?|GmbH|JSC|OOO)\b";

/// Hits of a case on one listed entry.
#[derive(Default)]
struct Hits {
    best: f64,
    /// The best hit matched every counted name part exactly.
    exact: bool,
    evidence: Vec<Evidence>,
    /// (listed form, name as written) of each hit: two of the entry's names
    /// on the candidate's profiles corroborate each other.
    forms: std::collections::BTreeSet<(String, String)>,
}

pub fn check_sanctions(case: &CaseInput<'_>) -> Vec<Finding> {
    let lists = active();
    // What to screen: (profile, field, value, kind).
    let mut subjects: Vec<(String, &str, String, EntryKind)> = Vec::new();
    for p in case.profiles {
        if let Some(n) = &p.name {
            subjects.push((p.url.clone(), "name", n.value.clone(), EntryKind::Person));
        }
        for job in &p.work {
            if let Some(e) = &job.employer {
                subjects.push((p.url.clone(), "employer", e.trim_start_matches('@').to_string(), EntryKind::Entity));
            }
        }
    }
    for m in super::behaviour::messages(case) {
        for company in crate::extract::regex(COMPANY_PATTERN).find_iter(m.text) {
            subjects.push((
                m.source.to_string(),
                "company in message",
                company.as_str().to_string(),
                EntryKind::Entity,
            ));
        }
    }
    let mut by_entry: BTreeMap<(usize, usize), Hits> = BTreeMap::new();
    for (profile, field, value, kind) in &subjects {
        for hit in lists.index.search(value, *kind) {
            let (list, entry) = lists.entry(hit.owner);
            let slot = by_entry.entry(hit.owner).or_default();
            if hit.score.score > slot.best || (hit.score.score == slot.best && hit.score.exact) {
                slot.best = hit.score.score;
                slot.exact = hit.score.exact;
            }
            slot.forms.insert((hit.form.clone(), value.clone()));
            slot.evidence.push(Evidence {
                profile: profile.clone(),
                field: (*field).into(),
                value: value.clone(),
                note: Some(describe(&hit, list, entry)),
                composed: false,
            });
        }
    }
    let identifiers = identifiers(case);
    let hit_entries: Vec<&crate::screening::Entry> = by_entry.keys().map(|o| lists.entry(*o).1).collect();
    by_entry
        .into_iter()
        .map(|(owner, hits)| {
            let (list, entry) = lists.entry(owner);
            let mut evidence = hits.evidence;
            let corroboration = corroborate(entry, case, &identifiers, &hit_entries, &hits.forms, &subjects);
            let name_match = hits.best >= matcher::CRITICAL && hits.exact;
            // A company's full name of several words is itself specific; a
            // person's name, or a one-word company, needs a second listed mark.
            let specific_entity = entry.kind == EntryKind::Entity && matcher::tokens(&entry.name).needed_parts() >= 2;
            let critical = name_match && (specific_entity || !corroboration.is_empty());
            let name_only = name_match && !critical;
            evidence.extend(corroboration);
            let programs = if entry.programs.is_empty() {
                ui("flag_SANCTIONS_MATCH_noProgram")
            } else {
                entry.programs.join(", ")
            };
            let (title, explanation) = if critical {
                ("flag_SANCTIONS_MATCH_title", "flag_SANCTIONS_MATCH_explain")
            } else if name_only {
                ("flag_SANCTIONS_MATCH_nameOnlyTitle", "flag_SANCTIONS_MATCH_nameOnlyExplain")
            } else {
                ("flag_SANCTIONS_MATCH_partialTitle", "flag_SANCTIONS_MATCH_partialExplain")
            };
            Finding {
                id: SANCTIONS_ID.into(),
                severity: if critical { Severity::Critical } else { Severity::High },
                title: ui(title),
                explanation: ui_with(explanation, &[&entry.name, &list.name, &programs]),
                evidence,
                guidance: match entry.designated.as_deref() {
                    Some(date) => ui_with("flag_SANCTIONS_MATCH_guidanceDated", &[&entry.id, &entry.source, date]),
                    None => ui_with("flag_SANCTIONS_MATCH_guidance", &[&entry.id, &entry.source]),
                },
            }
        })
        .collect()
}

/// What on the candidate's profiles confirms that a name match is the
/// listed one and not a namesake, as evidence: a country the list gives
/// for the entry (nationality, citizenship, address) where a profile is; an
/// e-mail, phone or wallet the list records; an entry the list links it to,
/// named on the profiles too (an employer, another hit); two of the entry's
/// listed names on the profiles.
fn corroborate(
    entry: &crate::screening::Entry,
    case: &CaseInput<'_>,
    identifiers: &[Seen],
    hit_entries: &[&crate::screening::Entry],
    forms: &std::collections::BTreeSet<(String, String)>,
    subjects: &[(String, &str, String, EntryKind)],
) -> Vec<Evidence> {
    let mut out = Vec::new();
    let marks = &entry.marks;
    for p in case.profiles {
        if let (Some(country), Some(location)) = (&p.country, &p.location) {
            if marks.countries.contains(country) {
                out.push(Evidence {
                    profile: p.url.clone(),
                    field: "location".into(),
                    value: location.value.clone(),
                    note: Some(ui_with("ev_corroboratedCountry", &[country, &entry.name])),
                    composed: false,
                });
            }
        }
    }
    for seen in identifiers.iter().filter(|s| marks.identifiers.contains(&s.value)) {
        out.push(Evidence {
            profile: seen.profile.clone(),
            field: seen.field.into(),
            value: seen.raw.clone(),
            note: Some(ui_with("ev_corroboratedIdentifier", &[&entry.name])),
            composed: false,
        });
    }
    // Linked entries, as either side records the link: another hit of the
    // case, or a name on the profiles (an employer) that is the linked name.
    let same = |a: &str, b: &str| matcher::tokens(a) == matcher::tokens(b);
    for other in hit_entries.iter().filter(|o| o.id != entry.id) {
        if marks.linked.iter().any(|l| same(l, &other.name)) || other.marks.linked.iter().any(|l| same(l, &entry.name))
        {
            out.push(Evidence {
                profile: String::new(),
                field: "linked entry".into(),
                value: other.name.clone(),
                note: Some(ui_with("ev_corroboratedLinked", &[&other.name, &entry.name])),
                composed: true,
            });
        }
    }
    for linked in &marks.linked {
        let listed = matcher::tokens(linked);
        let named = subjects.iter().find(|(_, _, value, kind)| {
            let s = matcher::score(&matcher::tokens(value), &listed, *kind, *kind);
            s.score >= matcher::CRITICAL && s.exact
        });
        if let Some((profile, field, value, _)) = named {
            out.push(Evidence {
                profile: profile.clone(),
                field: (*field).into(),
                value: value.clone(),
                note: Some(ui_with("ev_corroboratedLinked", &[linked, &entry.name])),
                composed: false,
            });
        }
    }
    let distinct_forms: std::collections::BTreeSet<&String> = forms.iter().map(|(form, _)| form).collect();
    let distinct_names: std::collections::BTreeSet<&String> = forms.iter().map(|(_, name)| name).collect();
    if distinct_forms.len() >= 2 && distinct_names.len() >= 2 {
        out.push(Evidence {
            profile: String::new(),
            field: "names".into(),
            value: distinct_names.into_iter().cloned().collect::<Vec<_>>().join(" / "),
            note: Some(ui_with("ev_corroboratedAliases", &[&entry.name])),
            composed: true,
        });
    }
    out
}

fn describe(hit: &Hit, list: &crate::screening::List, entry: &crate::screening::Entry) -> String {
    let missing = ui("ev_missing");
    let parts: Vec<String> = hit
        .score
        .tokens
        .iter()
        .map(|t| format!("{}={} {:.2}", t.listed, t.query.as_deref().unwrap_or(&missing), t.score))
        .chain(hit.score.contradicting.iter().map(|c| ui_with("ev_notInEntry", &[c])))
        .collect();
    ui_with(
        "ev_sanctionsMatch",
        &[
            &hit.form,
            &entry.name,
            &list.name,
            &format!("{:.2}", hit.score.score),
            &format!("{:.2}", matcher::CRITICAL),
            &parts.join(", "),
        ],
    )
}

pub fn check_iocs(case: &CaseInput<'_>) -> Vec<Finding> {
    iocs_among(case, &active().lists)
}

/// Shortest handle an indicator without a platform is matched by: "alex"
/// or "dev" on its own names nobody in particular.
const MIN_BARE_HANDLE: usize = 5;

/// Whether a handle seen on `platform` is the listed one. A listed
/// `telegram:alex` is only that Telegram account; a bare handle must be
/// long enough to name one account.
fn handle_matches(listed: &str, platform: &str, handle: &str) -> bool {
    match listed.split_once(':') {
        Some((on, listed)) => on == platform && listed == handle,
        None => listed.chars().count() >= MIN_BARE_HANDLE && listed == handle,
    }
}

fn iocs_among(case: &CaseInput<'_>, lists: &[crate::screening::List]) -> Vec<Finding> {
    let indicators: Vec<(&crate::screening::List, &crate::screening::Indicator)> = lists
        .iter()
        .flat_map(|l| l.indicators.iter().map(move |i| (l, i)))
        .filter(|(_, i)| i.expires.as_deref().is_none_or(|e| !expired(e, case.now_month)))
        .collect();
    if indicators.is_empty() {
        return Vec::new();
    }
    let seen = identifiers(case);
    let mut evidence = Vec::new();
    for Seen { profile, field, raw, kind, platform, value } in &seen {
        for (list, ind) in &indicators {
            let same = match kind {
                IndicatorKind::Handle => {
                    ind.kind == IndicatorKind::Handle && handle_matches(&ind.value, platform, value)
                }
                _ => ind.kind == *kind && ind.value == *value,
            };
            if same {
                evidence.push(Evidence {
                    profile: profile.clone(),
                    field: (*field).into(),
                    value: raw.clone(),
                    note: Some(match ind.confidence {
                        Some(c) => ui_with("ev_listedInConfidence", &[&list.name, &ind.source, &format!("{c:.1}")]),
                        None => ui_with("ev_listedIn", &[&list.name, &ind.source]),
                    }),
                    composed: false,
                });
            }
        }
    }
    // Name indicators: scored like sanctions names, and only a full match
    // counts, since IOC_MATCH is critical (a shared family name is not one).
    for p in case.profiles {
        let Some(name) = &p.name else { continue };
        let query = matcher::tokens(&name.value);
        for (list, ind) in indicators.iter().filter(|(_, i)| i.kind == IndicatorKind::Name) {
            let listed = matcher::tokens(&ind.value);
            let s = matcher::score(&query, &listed, EntryKind::Person, EntryKind::Person);
            if s.score >= matcher::CRITICAL && s.exact {
                evidence.push(Evidence {
                    profile: p.url.clone(),
                    field: "name".into(),
                    value: name.value.clone(),
                    note: Some(ui_with("ev_namedIn", &[&list.name, &ind.source])),
                    composed: false,
                });
            }
        }
    }
    if evidence.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        id: IOC_ID.into(),
        severity: Severity::Critical,
        title: ui("flag_IOC_MATCH_title"),
        explanation: ui("flag_IOC_MATCH_explain"),
        evidence,
        guidance: ui("flag_IOC_MATCH_guidance"),
    }]
}

/// An identifier of a case: where it was, the field, as written, its kind,
/// the platform of a handle, and its value normalised like indicators.
struct Seen {
    profile: String,
    field: &'static str,
    raw: String,
    kind: IndicatorKind,
    platform: String,
    value: String,
}

/// Every e-mail, domain, phone, handle and wallet of a case.
fn identifiers(case: &CaseInput<'_>) -> Vec<Seen> {
    let mut seen: Vec<Seen> = Vec::new();
    for p in case.profiles {
        let platform = p.site.label().to_ascii_lowercase();
        let mut add = |field: &'static str, raw: &str, kind: IndicatorKind| {
            if let Some(value) = normalise_indicator(kind, raw) {
                let on = if kind == IndicatorKind::Handle { platform.clone() } else { String::new() };
                seen.push(Seen { profile: p.url.clone(), field, raw: raw.to_string(), kind, platform: on, value });
            }
        };
        for e in &p.emails {
            add("email", &e.value, IndicatorKind::Email);
            if let Some((_, domain)) = e.value.rsplit_once('@') {
                add("e-mail domain", domain, IndicatorKind::Domain);
            }
        }
        for ph in &p.phones {
            add("phone", &ph.value, IndicatorKind::Phone);
        }
        if let Some(h) = &p.handle {
            add("handle", &h.value, IndicatorKind::Handle);
        }
        for l in &p.links {
            if let Some(addr) = crate::sites::parse(&l.value) {
                add("link", &addr.host, IndicatorKind::Domain);
            }
        }
        if let Some(addr) = crate::sites::parse(&p.url) {
            add("page", &addr.host, IndicatorKind::Domain);
        }
    }
    // Messenger accounts named in bios and messages (Telegram, Skype, Discord).
    for (platform, handle, at) in super::shared_identifier::messenger_handles(case.profiles, case.messages) {
        seen.push(Seen {
            profile: at.profile,
            field: "messenger",
            raw: at.value,
            kind: IndicatorKind::Handle,
            platform: platform.into(),
            value: handle,
        });
    }
    let wallet = crate::extract::regex(
        r"\b(?:bc1[ac-hj-np-z02-9]{25,60}|[13][a-km-zA-HJ-NP-Z1-9]{25,34}|0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33})\b",
    );
    for m in super::behaviour::messages(case) {
        for w in wallet.find_iter(m.text) {
            let w = w.as_str().to_string();
            let value = normalise_indicator(IndicatorKind::Wallet, &w).unwrap_or_else(|| w.clone());
            seen.push(Seen {
                profile: m.source.to_string(),
                field: "wallet in message",
                raw: w,
                kind: IndicatorKind::Wallet,
                platform: String::new(),
                value,
            });
        }
    }
    seen
}

/// Is "YYYY-MM-DD" before the current month?
fn expired(date: &str, now_month: u32) -> bool {
    let (Some(y), Some(m)) =
        (date.get(..4).and_then(|y| y.parse::<u32>().ok()), date.get(5..7).and_then(|m| m.parse::<u32>().ok()))
    else {
        return false;
    };
    now_month > 0 && y * 12 + m - 1 < now_month
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Job, Message, Profile, Site, Sourced};

    fn findings(p: Profile, messages: &[Message]) -> Vec<Finding> {
        let profiles = [p];
        let case = CaseInput { profiles: &profiles, messages, now_month: 2026 * 12 + 10 };
        let mut f = check_sanctions(&case);
        f.extend(check_iocs(&case));
        f
    }

    /// A name alone is a potential match, not a verdict: `critical` needs a
    /// second mark the list records that the profiles show.
    #[test]
    fn a_designated_person_is_critical_only_with_a_second_listed_mark() {
        let mut p = Profile::empty("https://github.com/skh", Site::Github);
        p.name = Some(Sourced::new("Kum-Hyok Song", "t"));
        let f = findings(p.clone(), &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::High, "the same name alone");
        assert_eq!(f[0].title, ui("flag_SANCTIONS_MATCH_nameOnlyTitle"));
        assert!(f[0].explanation.contains("date of birth and identity document"), "{}", f[0].explanation);
        let note = f[0].evidence[0].note.as_deref().unwrap();
        assert!(note.contains("SONG, Kum Hyok") && note.contains("score 1.00"), "{note}");
        // In a country the list gives for the entry: the same person, likely.
        p.location = Some(Sourced::new("Pyongyang, North Korea", "t"));
        p.country = Some("KP".into());
        let f = findings(p, &[]);
        assert_eq!(f[0].severity, Severity::Critical);
        let by = f[0].evidence.iter().find(|e| e.field == "location").expect("the corroboration is evidence");
        assert!(by.note.as_deref().unwrap().contains("KP, a country the list gives"), "{by:?}");
        // The listed person with the company the list links them to.
        let mut p = Profile::empty("https://www.linkedin.com/in/ga", Site::Linkedin);
        p.name = Some(Sourced::new("Gayk Asatryan", "t"));
        assert_eq!(findings(p.clone(), &[])[0].severity, Severity::High);
        p.work.push(Job {
            employer: Some("Asatryan LLC".into()),
            title: None,
            start: None,
            end: None,
            source: "t".into(),
            employment: None,
        });
        let f = findings(p, &[]);
        let person = f.iter().find(|f| f.evidence[0].field == "name").unwrap();
        assert_eq!(person.severity, Severity::Critical, "{person:?}");
    }

    #[test]
    fn a_designated_company_as_an_employer_or_in_a_message_is_found() {
        let mut p = Profile::empty("https://www.linkedin.com/in/x", Site::Linkedin);
        p.name = Some(Sourced::new("Alex Smith", "t"));
        p.work.push(Job {
            employer: Some("Korea Sobaeksu Trading Company".into()),
            title: None,
            start: None,
            end: None,
            source: "t".into(),
            employment: None,
        });
        let f = findings(p.clone(), &[]);
        assert!(f.iter().any(|f| f.severity == Severity::Critical && f.evidence[0].field == "employer"));
        p.work.clear();
        let msg = [Message {
            source: "chat.txt".into(),
            text: "Invoices go through Shenyang Geumpungri Network Technology Co., Ltd. as before.".into(),
        }];
        assert!(findings(p, &msg).iter().any(|f| f.id == SANCTIONS_ID && f.evidence[0].field == "company in message"));
    }

    #[test]
    fn namesakes_sharing_one_part_stay_below_critical() {
        for name in ["Kim", "Daniel Kim", "Se Un Park"] {
            let mut p = Profile::empty("https://github.com/x", Site::Github);
            p.name = Some(Sourced::new(name, "t"));
            assert!(findings(p, &[]).iter().all(|f| f.severity != Severity::Critical), "{name}");
        }
        let mut p = Profile::empty("https://github.com/x", Site::Github);
        p.work.push(Job {
            employer: Some("Fortuna Games Studio".into()),
            title: None,
            start: None,
            end: None,
            source: "t".into(),
            employment: None,
        });
        assert!(findings(p, &[]).iter().all(|f| f.severity != Severity::Critical), "another Fortuna");
    }

    fn ioc_list(csv: &str) -> Vec<crate::screening::List> {
        vec![crate::screening::import::iocs(csv, "test.csv").unwrap()]
    }

    fn ioc_evidence(p: Profile, messages: &[Message], lists: &[crate::screening::List]) -> Vec<String> {
        let profiles = [p];
        let case = CaseInput { profiles: &profiles, messages, now_month: 2026 * 12 + 10 };
        iocs_among(&case, lists)
            .into_iter()
            .flat_map(|f| f.evidence)
            .map(|e| format!("{}={}", e.field, e.value))
            .collect()
    }

    #[test]
    fn a_listed_name_matches_only_in_full() {
        let lists = ioc_list("type,value,source\nname,Kim Chol Jin,court filing\n");
        for (name, hit) in
            // The family name may come last; the given syllables keep their
            // order (Jin-chol is another name than Chol-jin).
            [
                ("Jin Kim", false),
                ("Kim", false),
                ("Chol Kim", false),
                ("Kim Chol Jin", true),
                ("Chol Jin Kim", true),
                ("Jin Chol Kim", false),
            ]
        {
            let mut p = Profile::empty("https://github.com/x", Site::Github);
            p.name = Some(Sourced::new(name, "t"));
            assert_eq!(!ioc_evidence(p, &[], &lists).is_empty(), hit, "{name}");
        }
    }

    #[test]
    fn a_listed_handle_matches_on_its_platform_only() {
        let lists = ioc_list(
            "type,value,source\nhandle,telegram:alexdev,report\nhandle,alex,report\nhandle,kimdev_77,report\n",
        );
        let mut gh = Profile::empty("https://github.com/alexdev", Site::Github);
        gh.handle = Some(Sourced::new("alexdev", "t"));
        assert!(ioc_evidence(gh.clone(), &[], &lists).is_empty(), "a GitHub alexdev is not the Telegram one");
        gh.handle = Some(Sourced::new("alex", "t"));
        assert!(ioc_evidence(gh.clone(), &[], &lists).is_empty(), "a bare four-letter handle names nobody");
        gh.handle = Some(Sourced::new("KimDev_77", "t"));
        assert_eq!(ioc_evidence(gh.clone(), &[], &lists), ["handle=KimDev_77"]);
        gh.handle = None;
        gh.bio = Some(Sourced::new("Reach me: t.me/alexdev", "t"));
        assert_eq!(ioc_evidence(gh, &[], &lists), ["messenger=t.me/alexdev"]);
        let chat = [Message { source: "chat.txt".into(), text: "ping me on telegram @alexdev".into() }];
        assert_eq!(
            ioc_evidence(Profile::empty("https://github.com/y", Site::Github), &chat, &lists),
            ["messenger=telegram @alexdev"]
        );
    }
}
