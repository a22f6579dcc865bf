//! `DISPOSABLE_EMAIL`
//!
//! ## What it does
//! Flags an e-mail address on a throw-away domain, from the maintained
//! `disposable-email-domains` list (see `data/README.md`), including
//! subdomains of a listed domain.
//!
//! ## Why it matters
//! A disposable address is one nobody can be reached at later, a way to keep
//! contact details changing (2022 advisory).
//!
//! ## Known false positives
//! None known beyond the list's own; ordinary providers are not on it.

use super::{ui, CaseInput, Evidence, Finding, Severity};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

pub const ID: &str = "DISPOSABLE_EMAIL";

fn domains() -> Arc<HashSet<String>> {
    static CACHE: Mutex<Option<(usize, Arc<HashSet<String>>)>> = Mutex::new(None);
    crate::data::derived(&CACHE, crate::data::DISPOSABLE_DOMAINS, |text| {
        text.map(|t| crate::data::rows(t).map(|d| d.trim().to_ascii_lowercase()).collect()).unwrap_or_default()
    })
}

/// Is `domain` (or a parent of it) a disposable-mail domain?
pub fn is_disposable(domain: &str) -> bool {
    let list = domains();
    let domain = domain.to_ascii_lowercase();
    let mut d = domain.as_str();
    loop {
        if list.contains(d) {
            return true;
        }
        match d.split_once('.') {
            Some((_, parent)) if parent.contains('.') => d = parent,
            _ => return false,
        }
    }
}

pub fn check(case: &CaseInput<'_>) -> Vec<Finding> {
    let evidence: Vec<Evidence> = case
        .profiles
        .iter()
        .flat_map(|p| p.emails.iter().map(move |e| (p, e)))
        .filter(|(_, e)| e.value.rsplit_once('@').is_some_and(|(_, d)| is_disposable(d)))
        .map(|(p, e)| Evidence {
            profile: p.url.clone(),
            field: "email".into(),
            value: e.value.clone(),
            note: None,
            composed: false,
        })
        .collect();
    if evidence.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        id: ID.into(),
        severity: Severity::Medium,
        title: ui("flag_DISPOSABLE_EMAIL_title"),
        explanation: ui("flag_DISPOSABLE_EMAIL_explain"),
        evidence,
        guidance: ui("flag_DISPOSABLE_EMAIL_guidance"),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_domains_and_their_subdomains_are_disposable() {
        assert!(is_disposable("mailinator.com"));
        assert!(is_disposable("eu.mailinator.com"));
        assert!(!is_disposable("gmail.com"));
        assert!(!is_disposable("example.com"));
    }
}
