//! `SANCTIONS_MATCH` and `IOC_MATCH`
//!
//! ## What it does
//! Screens every name and employer in every profile, and every company
//! named in messages, against the sanctions lists in force (the built-in
//! DPRK designations plus imported OFAC/OpenSanctions files), and every
//! e-mail, domain, phone, handle and wallet against imported known-persona
//! indicators. A name hit at [`matcher::CRITICAL`] or above is `critical`;
//! a weaker, partial one (from [`matcher::HIGH`]) is `high`. The evidence
//! gives the entry, its list, program and date, the score and the
//! per-part breakdown; indicators keep their source, because public persona
//! lists mix court records with unconfirmed research.
//!
//! ## Why it matters
//! Paying a designated person or company is a sanctions violation whatever
//! the employer knew (strict liability).
//!
//! ## Known false positives
//! Namesakes. A one-word name never reaches `critical`, and a name part the
//! listing does not have counts against the match; the entry's date and
//! place of birth (in the list's notes) tell namesakes apart.

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};
use crate::screening::import::normalise_indicator;
use crate::screening::matcher::{self, Hit};
use crate::screening::{active, EntryKind, IndicatorKind};
use std::collections::BTreeMap;

pub const SANCTIONS_ID: &str = "SANCTIONS_MATCH";
pub const IOC_ID: &str = "IOC_MATCH";

/// Company names written in messages: capitalised words ending in a legal form.
const COMPANY_PATTERN: &str = r"\b(?:[A-Z][A-Za-z&.-]*\s+){0,5}(?:LLC|L\.L\.C\.|Ltd\.?|Limited|Co\.,?\s*Ltd\.?|Corporation|Corp\.?|Company|Inc\.?|GmbH|JSC|OOO)\b";

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
    let mut by_entry: BTreeMap<(usize, usize), (f64, Vec<Evidence>)> = BTreeMap::new();
    for (profile, field, value, kind) in subjects {
        for hit in lists.index.search(&value, kind) {
            let (list, entry) = lists.entry(hit.owner);
            let slot = by_entry.entry(hit.owner).or_insert((0.0, Vec::new()));
            slot.0 = slot.0.max(hit.score.score);
            slot.1.push(Evidence {
                profile: profile.clone(),
                field: field.into(),
                value: value.clone(),
                note: Some(describe(&hit, list, entry)),
                composed: false,
            });
        }
    }
    by_entry
        .into_iter()
        .map(|(owner, (best, evidence))| {
            let (list, entry) = lists.entry(owner);
            let critical = best >= matcher::CRITICAL;
            let programs = if entry.programs.is_empty() {
                ui("flag_SANCTIONS_MATCH_noProgram")
            } else {
                entry.programs.join(", ")
            };
            Finding {
                id: SANCTIONS_ID.into(),
                severity: if critical { Severity::Critical } else { Severity::High },
                title: ui(if critical { "flag_SANCTIONS_MATCH_title" } else { "flag_SANCTIONS_MATCH_partialTitle" }),
                explanation: ui_with(
                    if critical { "flag_SANCTIONS_MATCH_explain" } else { "flag_SANCTIONS_MATCH_partialExplain" },
                    &[&entry.name, &list.name, &programs],
                ),
                evidence,
                guidance: match entry.designated.as_deref() {
                    Some(date) => ui_with("flag_SANCTIONS_MATCH_guidanceDated", &[&entry.id, &entry.source, date]),
                    None => ui_with("flag_SANCTIONS_MATCH_guidance", &[&entry.id, &entry.source]),
                },
            }
        })
        .collect()
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
    // Every identifier of the case as (where, field, as written, kind,
    // platform of a handle, normalised like the indicators).
    let mut seen: Vec<(String, &str, String, IndicatorKind, String, String)> = Vec::new();
    for p in case.profiles {
        let platform = p.site.label().to_ascii_lowercase();
        let mut add = |field: &'static str, raw: &str, kind: IndicatorKind| {
            if let Some(value) = normalise_indicator(kind, raw) {
                let on = if kind == IndicatorKind::Handle { platform.clone() } else { String::new() };
                seen.push((p.url.clone(), field, raw.to_string(), kind, on, value));
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
        seen.push((at.profile, "messenger", at.value, IndicatorKind::Handle, platform.into(), handle));
    }
    let wallet =
        crate::extract::regex(r"\b(?:bc1[ac-hj-np-z02-9]{25,60}|0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33})\b");
    for m in super::behaviour::messages(case) {
        for w in wallet.find_iter(m.text) {
            let w = w.as_str().to_string();
            seen.push((m.source.to_string(), "wallet in message", w.clone(), IndicatorKind::Wallet, String::new(), w));
        }
    }
    let mut evidence = Vec::new();
    for (profile, field, raw, kind, platform, value) in &seen {
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
            if matcher::score(&query, &listed, EntryKind::Person, EntryKind::Person).score >= matcher::CRITICAL {
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

    #[test]
    fn a_designated_person_is_critical_with_the_breakdown() {
        let mut p = Profile::empty("https://github.com/skh", Site::Github);
        p.name = Some(Sourced::new("Kum-Hyok Song", "t"));
        let f = findings(p, &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Critical);
        let note = f[0].evidence[0].note.as_deref().unwrap();
        assert!(note.contains("SONG, Kum Hyok") && note.contains("score 1.00"), "{note}");
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
            [("Jin Kim", false), ("Kim", false), ("Chol Kim", false), ("Kim Chol Jin", true), ("Jin Chol Kim", true)]
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
