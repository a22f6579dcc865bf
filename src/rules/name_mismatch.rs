//! `NAME_MISMATCH`
//!
//! ## What it does
//! Compares the display names of every pair of profiles in a case and flags
//! pairs that are not plausibly the same person.
//!
//! ## Why it matters
//! The 2022 advisory lists inconsistent name spelling across a developer's
//! platform profiles, social media and portfolio sites as a red flag.
//!
//! ## Known false positives
//! Legal name changes (marriage) and names in another script before they
//! are transliterated (those are skipped as incomparable, not flagged).

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};
use crate::normalize::name::{compare, NameVerdict};

pub const ID: &str = "NAME_MISMATCH";

pub fn check(case: &CaseInput<'_>) -> Vec<Finding> {
    let named: Vec<_> = case.profiles.iter().filter_map(|p| p.name.as_ref().map(|n| (p, n))).collect();
    let mut differing = Vec::new();
    for (i, (pa, na)) in named.iter().enumerate() {
        for (pb, nb) in &named[i + 1..] {
            if compare(&na.value, &nb.value) == NameVerdict::Different {
                differing.push((pa.label(), pb.label()));
            }
        }
    }
    if differing.is_empty() {
        return Vec::new();
    }
    let pairs: Vec<String> = differing.iter().map(|(a, b)| ui_with("flag_NAME_MISMATCH_pair", &[a, b])).collect();
    vec![Finding {
        id: ID.into(),
        severity: Severity::Medium,
        title: ui("flag_NAME_MISMATCH_title"),
        explanation: ui_with("flag_NAME_MISMATCH_explain", &[&pairs.join(", ")]),
        evidence: named
            .iter()
            .map(|(p, n)| Evidence {
                profile: p.url.clone(),
                field: "name".into(),
                value: n.value.clone(),
                note: None,
                composed: false,
            })
            .collect(),
        guidance: ui("flag_NAME_MISMATCH_guidance"),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Profile, Site, Sourced};

    fn profile(url: &str, site: Site, name: &str) -> Profile {
        let mut p = Profile::empty(url, site);
        p.name = Some(Sourced::new(name, "test"));
        p
    }

    fn run(a: &str, b: &str) -> Vec<Finding> {
        let profiles = [
            profile("https://www.upwork.com/freelancers/~01a", Site::Upwork, a),
            profile("https://github.com/x", Site::Github, b),
        ];
        check(&CaseInput { profiles: &profiles, messages: &[], now_month: 0 })
    }

    #[test]
    fn fires_on_different_people_with_both_names_as_evidence() {
        let f = run("Daniel K.", "Jin Park");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].evidence.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(), ["Daniel K.", "Jin Park"]);
        assert!(f[0].explanation.contains("GitHub: Jin Park"));
    }

    #[test]
    fn silent_on_nickname_initial_and_diacritics() {
        assert!(run("Bob Smith", "Robert Smith").is_empty());
        assert!(run("María G.", "Maria Gonzalez").is_empty());
        assert!(run("Kim Daniel", "daniel kim").is_empty());
    }
}
