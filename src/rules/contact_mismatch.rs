//! `CONTACT_MISMATCH`
//!
//! ## What it does
//! Normalises every phone number (E.164) and e-mail address (canonical
//! mailbox) of the case and flags different numbers or addresses on
//! different profiles.
//!
//! ## Why it matters
//! The 2022 advisory lists incorrect or changing contact information,
//! specifically phone numbers and e-mails.
//!
//! ## Known false positives
//! A work and a personal address are common: differing e-mails are only
//! `info`; differing phones `low`. The same number written in two formats,
//! and company role addresses (`info@`), never count.

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};
use crate::normalize::contact::{email_canonical, is_role_address, phone_e164};
use std::collections::BTreeMap;

pub const ID: &str = "CONTACT_MISMATCH";

pub fn check(case: &CaseInput<'_>) -> Vec<Finding> {
    let mut phones: BTreeMap<String, Vec<Evidence>> = BTreeMap::new();
    let mut emails: BTreeMap<String, Vec<Evidence>> = BTreeMap::new();
    for p in case.profiles {
        for ph in &p.phones {
            if let Some(n) = phone_e164(&ph.value, p.country.as_deref()) {
                phones.entry(n.clone()).or_default().push(Evidence {
                    profile: p.url.clone(),
                    field: "phone".into(),
                    value: ph.value.clone(),
                    note: Some(n),
                    composed: false,
                });
            }
        }
        for e in &p.emails {
            if let Some(n) = email_canonical(&e.value).filter(|n| !is_role_address(n)) {
                emails.entry(n).or_default().push(Evidence {
                    profile: p.url.clone(),
                    field: "email".into(),
                    value: e.value.clone(),
                    note: None,
                    composed: false,
                });
            }
        }
    }
    let mut findings = Vec::new();
    let kinds = [
        ("flag_CONTACT_MISMATCH_phonesTitle", "flag_CONTACT_MISMATCH_phonesExplain", phones, Severity::Low),
        ("flag_CONTACT_MISMATCH_emailsTitle", "flag_CONTACT_MISMATCH_emailsExplain", emails, Severity::Info),
    ];
    for (title, explanation, found, severity) in kinds {
        if found.len() < 2 || !on_different_profiles(&found) {
            continue;
        }
        let list: Vec<&str> = found.keys().map(String::as_str).collect();
        findings.push(Finding {
            id: ID.into(),
            severity,
            title: ui(title),
            explanation: ui_with(explanation, &[&list.len().to_string(), &list.join(", ")]),
            evidence: found.into_values().flatten().collect(),
            guidance: ui("flag_CONTACT_MISMATCH_guidance"),
        });
    }
    findings
}

/// Two values disagree only if they come from different profiles.
fn on_different_profiles(found: &BTreeMap<String, Vec<Evidence>>) -> bool {
    let pages: std::collections::BTreeSet<&str> = found.values().flatten().map(|e| e.profile.as_str()).collect();
    pages.len() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Profile, Site, Sourced};

    fn profile(url: &str, phones: &[&str], emails: &[&str]) -> Profile {
        let mut p = Profile::empty(url, Site::Generic);
        p.phones = phones.iter().map(|v| Sourced::new(*v, "t")).collect();
        p.emails = emails.iter().map(|v| Sourced::new(*v, "t")).collect();
        p
    }

    fn run(a: Profile, b: Profile) -> Vec<(Severity, String)> {
        let profiles = [a, b];
        check(&CaseInput { profiles: &profiles, messages: &[], now_month: 0 })
            .into_iter()
            .map(|f| (f.severity, f.title))
            .collect()
    }

    #[test]
    fn different_numbers_fire() {
        let f = run(
            profile("https://a.example/", &["+1 470 555 0123"], &[]),
            profile("https://b.example/", &["+48 555 010 123"], &[]),
        );
        assert_eq!(f, vec![(Severity::Low, "Different phone numbers across profiles".to_string())]);
    }

    #[test]
    fn same_number_formatted_differently_and_role_addresses_are_silent() {
        assert!(run(
            profile("https://a.example/", &["+1 (470) 555-0123"], &[]),
            profile("https://b.example/", &["001 470 555 0123"], &[])
        )
        .is_empty());
        assert!(run(
            profile("https://a.example/", &[], &["j.doe@gmail.com", "info@acme.example"]),
            profile("https://b.example/", &[], &["JDoe+work@gmail.com"])
        )
        .is_empty());
    }
}
