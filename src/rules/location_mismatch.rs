//! `LOCATION_MISMATCH`
//!
//! ## What it does
//! Resolves each profile's claimed location to a country and flags a case
//! whose profiles claim different countries.
//!
//! ## Why it matters
//! The 2022 advisory names inconsistencies in claimed work location across
//! profiles as a red flag; masquerading as a teleworker from another
//! country is the core of the scheme.
//!
//! ## Known false positives
//! A recent move that one profile has not caught up with. Only the claimed
//! *current* location is compared; places in work history are not. The
//! country itself is never the signal, only the disagreement.

use super::{CaseInput, Evidence, Finding, Severity};
use crate::normalize::location::{country_name, resolve};

pub const ID: &str = "LOCATION_MISMATCH";

pub fn check(case: &CaseInput<'_>) -> Vec<Finding> {
    let placed: Vec<_> = case
        .profiles
        .iter()
        .filter_map(|p| {
            let loc = p.location.as_ref()?;
            resolve(&loc.value).map(|place| (p, loc, place))
        })
        .collect();
    let mut countries: Vec<&str> = placed.iter().map(|(_, _, pl)| pl.country).collect();
    countries.sort_unstable();
    countries.dedup();
    if countries.len() < 2 {
        return Vec::new();
    }
    let claims: Vec<String> =
        placed.iter().map(|(p, _, pl)| format!("{} ({})", p.site.label(), country_name(pl.country))).collect();
    vec![Finding {
        id: ID.into(),
        severity: Severity::Medium,
        title: "Claimed locations disagree".into(),
        explanation: format!(
            "The profiles place the candidate in different countries: {}. Ask where they live and work now, and verify it against an ID document and the shipping address.",
            claims.join(", ")
        ),
        evidence: placed
            .iter()
            .map(|(p, loc, pl)| Evidence {
                profile: p.url.clone(),
                field: "location".into(),
                value: loc.value.clone(),
                note: Some(format!("read as {}", country_name(pl.country))),
            })
            .collect(),
        guidance: "2022 US State/Treasury/FBI advisory on DPRK IT workers: inconsistencies in claimed work location across profiles and with the assessed location.".into(),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Profile, Site, Sourced};

    fn run(locations: &[&str]) -> Vec<Finding> {
        let profiles: Vec<Profile> = locations
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut p = Profile::empty(format!("https://github.com/u{i}"), Site::Github);
                p.location = Some(Sourced::new(*l, "test"));
                p
            })
            .collect();
        check(&CaseInput { profiles: &profiles, messages: &[] })
    }

    #[test]
    fn fires_on_different_countries() {
        let f = run(&["Austin, United States", "Warsaw, Poland"]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].evidence[1].note.as_deref(), Some("read as Poland"));
    }

    #[test]
    fn silent_on_same_country_written_differently_and_on_unknowns() {
        assert!(run(&["Valencia, ES", "Valencia, Spain"]).is_empty());
        assert!(run(&["Kyiv, Ukraine", "Kiev"]).is_empty());
        assert!(run(&["Remote", "Warsaw, Poland"]).is_empty());
        assert!(run(&["Austin, TX", "New York, United States"]).is_empty());
    }
}
