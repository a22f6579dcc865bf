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
//! Also compares phone numbers' country codes with the claimed countries: a
//! number from a country no profile claims is a disagreement too.
//!
//! ## Known false positives
//! A recent move that one profile has not caught up with, or a phone kept
//! from a previous country. Only the claimed *current* location is
//! compared; places in work history are not. The country itself is never
//! the signal, only the disagreement.

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};
use crate::normalize::contact::{phone_countries, phone_e164};
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
    // Phones whose country code fits none of the claimed countries.
    let foreign_phones: Vec<Evidence> = case
        .profiles
        .iter()
        .flat_map(|p| p.phones.iter().map(move |ph| (p, ph)))
        .filter_map(|(p, ph)| {
            let e164 = phone_e164(&ph.value, None)?;
            let from = phone_countries(&e164);
            let fits = from.is_empty() || countries.is_empty() || from.iter().any(|c| countries.contains(c));
            (!fits).then(|| Evidence {
                profile: p.url.clone(),
                field: "phone".into(),
                value: ph.value.clone(),
                note: Some(ui_with(
                    "ev_numberFrom",
                    &[&from.iter().map(|c| country_name(c)).collect::<Vec<_>>().join(" / ")],
                )),
                composed: false,
            })
        })
        .collect();
    if countries.len() < 2 && foreign_phones.is_empty() {
        return Vec::new();
    }
    let claims: Vec<String> =
        placed.iter().map(|(p, _, pl)| format!("{} ({})", p.site.label(), country_name(pl.country))).collect();
    let mut evidence: Vec<Evidence> = placed
        .iter()
        .map(|(p, loc, pl)| Evidence {
            profile: p.url.clone(),
            field: "location".into(),
            value: loc.value.clone(),
            note: Some(ui_with("ev_readAs", &[country_name(pl.country)])),
            composed: false,
        })
        .collect();
    let explanation = match (countries.len() >= 2, foreign_phones.is_empty()) {
        (true, true) => "flag_LOCATION_MISMATCH_explain",
        (true, false) => "flag_LOCATION_MISMATCH_explainPhone",
        (false, _) => "flag_LOCATION_MISMATCH_explainPhoneOnly",
    };
    evidence.extend(foreign_phones);
    vec![Finding {
        id: ID.into(),
        severity: Severity::Medium,
        title: ui("flag_LOCATION_MISMATCH_title"),
        explanation: ui_with(explanation, &[&claims.join(", ")]),
        evidence,
        guidance: ui("flag_LOCATION_MISMATCH_guidance"),
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
        check(&CaseInput { profiles: &profiles, messages: &[], now_month: 0 })
    }

    #[test]
    fn fires_on_different_countries() {
        let f = run(&["Austin, United States", "Warsaw, Poland"]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].evidence[1].note.as_deref(), Some("read as Poland"));
    }

    #[test]
    fn fires_on_a_phone_from_an_unclaimed_country() {
        let mut p = Profile::empty("https://a.example/", Site::Generic);
        p.location = Some(Sourced::new("Austin, TX", "t"));
        p.phones.push(Sourced::new("+48 555 010 123", "t"));
        let f = check(&CaseInput { profiles: &[p.clone()], messages: &[], now_month: 0 });
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].evidence[1].note.as_deref(), Some("a number from Poland"));
        p.phones[0] = Sourced::new("+1 470 555 0123", "t");
        assert!(check(&CaseInput { profiles: &[p], messages: &[], now_month: 0 }).is_empty(), "a US number in Austin");
    }

    #[test]
    fn silent_on_same_country_written_differently_and_on_unknowns() {
        assert!(run(&["Valencia, ES", "Valencia, Spain"]).is_empty());
        assert!(run(&["Kyiv, Ukraine", "Kiev"]).is_empty());
        assert!(run(&["Remote", "Warsaw, Poland"]).is_empty());
        assert!(run(&["Austin, TX", "New York, United States"]).is_empty());
    }
}
