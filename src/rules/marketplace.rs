//! Marketplace signals: `RATING_ANOMALY` and `BID_ANOMALY`.
//!
//! ## What it does
//! `RATING_ANOMALY`: among at least four reviews, most (60 % or more) from
//! one client; or five or more top ratings within 30 days on an account
//! under six months old. `BID_ANOMALY`: where a site shows proposals sent
//! and won, 50 or more sent with under 5 % won.
//!
//! ## Why it matters
//! The advisory names multiple high ratings from one client in a short
//! period (sometimes the worker's own client account) and extensive bidding
//! with few accepted bids.
//!
//! ## Known false positives
//! A long engagement with one happy client produces repeat reviews spread
//! over years: the one-client rule needs most reviews from one client,
//! the burst rule a young account.

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};
use crate::model::Profile;

pub const RATING_ID: &str = "RATING_ANOMALY";
pub const BID_ID: &str = "BID_ANOMALY";

fn day_number(date: &str) -> Option<u32> {
    let y: u32 = date.get(..4)?.parse().ok()?;
    let m: u32 = date.get(5..7)?.parse().ok()?;
    let d: u32 = date.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(15);
    Some(y * 372 + m * 31 + d)
}

fn rating_evidence(p: &Profile, value: String, note: String) -> Evidence {
    Evidence { profile: p.url.clone(), field: "reviews".into(), value, note: Some(note), composed: true }
}

pub fn check_ratings(case: &CaseInput<'_>) -> Vec<Finding> {
    let mut ev = Vec::new();
    for p in case.profiles {
        let named: Vec<&str> = p.reviews.iter().filter_map(|r| r.reviewer.as_deref()).collect();
        if p.reviews.len() >= 4 {
            let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
            for r in &named {
                *counts.entry(crate::normalize::fold(r)).or_default() += 1;
            }
            if let Some((who, n)) = counts.into_iter().max_by_key(|(_, n)| *n) {
                if n * 10 >= p.reviews.len() * 6 && n >= 3 {
                    ev.push(rating_evidence(
                        p,
                        ui_with("ev_oneClient", &[&n.to_string(), &p.reviews.len().to_string(), &who]),
                        ui("ev_oneClientNote"),
                    ));
                }
            }
        }
        let young = match (p.member_since.as_ref().map(|s| s.value.as_str()), case.now_month) {
            (Some(since), now) if now > 0 => {
                let y: u32 = since.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
                let m: u32 = since.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
                now.saturating_sub(y * 12 + m - 1) < 6
            }
            _ => false,
        };
        if young {
            let mut top: Vec<u32> = p
                .reviews
                .iter()
                .filter(|r| r.rating.is_some_and(|x| x >= 4.8))
                .filter_map(|r| r.date.as_deref().and_then(day_number))
                .collect();
            top.sort_unstable();
            if top.windows(5).any(|w| w[4] - w[0] <= 31) {
                ev.push(rating_evidence(p, ui_with("ev_topRatings", &[&top.len().to_string()]), ui("ev_youngAccount")));
            }
        }
    }
    if ev.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        id: RATING_ID.into(),
        severity: Severity::Medium,
        title: ui("flag_RATING_ANOMALY_title"),
        explanation: ui("flag_RATING_ANOMALY_explain"),
        evidence: ev,
        guidance: ui("flag_RATING_ANOMALY_guidance"),
    }]
}

pub fn check_bids(case: &CaseInput<'_>) -> Vec<Finding> {
    let ev: Vec<Evidence> = case
        .profiles
        .iter()
        .filter_map(|p| {
            let sent = p.stats.get("bids")?.value;
            let won = p.stats.get("bids_won").map_or(0.0, |s| s.value);
            (sent >= 50.0 && won / sent < 0.05).then(|| Evidence {
                profile: p.url.clone(),
                field: "bids".into(),
                value: ui_with("ev_bids", &[&format!("{sent:.0}"), &format!("{won:.0}")]),
                note: Some(ui_with("ev_bidsWon", &[&format!("{:.1}", 100.0 * won / sent)])),
                composed: true,
            })
        })
        .collect();
    if ev.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        id: BID_ID.into(),
        severity: Severity::Low,
        title: ui("flag_BID_ANOMALY_title"),
        explanation: ui("flag_BID_ANOMALY_explain"),
        evidence: ev,
        guidance: ui("flag_BID_ANOMALY_guidance"),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Review, Site, Sourced, Stat};

    fn review(who: &str, date: &str) -> Review {
        Review { reviewer: Some(who.into()), date: Some(date.into()), rating: Some(5.0), source: "t".into() }
    }

    fn ratings(p: Profile, now: u32) -> usize {
        check_ratings(&CaseInput { profiles: &[p], messages: &[], now_month: now }).len()
    }

    #[test]
    fn one_client_or_a_burst_on_a_new_account_fires() {
        let mut p = Profile::empty("https://a.example/", Site::Upwork);
        p.reviews = vec![
            review("Acme", "2025-01-01"),
            review("Acme", "2025-03-01"),
            review("Acme", "2025-06-01"),
            review("Bob", "2025-07-01"),
            review("Acme", "2025-08-01"),
        ];
        assert_eq!(ratings(p, 2026 * 12), 1);
        let mut young = Profile::empty("https://a.example/", Site::Upwork);
        young.member_since = Some(Sourced::new("2026-09", "t"));
        young.reviews = (1..=5).map(|d| review(&format!("c{d}"), &format!("2026-10-{:02}", d * 3))).collect();
        assert_eq!(ratings(young, 2026 * 12 + 10), 1);
    }

    #[test]
    fn varied_clients_and_old_accounts_are_silent() {
        let mut p = Profile::empty("https://a.example/", Site::Upwork);
        p.reviews = (1..=6).map(|d| review(&format!("client {d}"), &format!("2026-10-{:02}", d))).collect();
        assert_eq!(ratings(p.clone(), 2026 * 12 + 10), 0, "many clients, no member-since");
        p.member_since = Some(Sourced::new("2019-03", "t"));
        assert_eq!(ratings(p, 2026 * 12 + 10), 0, "a burst on an old account is just a busy month");
    }

    #[test]
    fn bidding_without_winning_fires_and_a_normal_rate_does_not() {
        let mut p = Profile::empty("https://a.example/", Site::Freelancer);
        p.stats.insert("bids".into(), Stat { value: 300.0, source: "t".into() });
        p.stats.insert("bids_won".into(), Stat { value: 4.0, source: "t".into() });
        assert_eq!(check_bids(&CaseInput { profiles: &[p.clone()], messages: &[], now_month: 0 }).len(), 1);
        p.stats.insert("bids_won".into(), Stat { value: 40.0, source: "t".into() });
        assert_eq!(check_bids(&CaseInput { profiles: &[p.clone()], messages: &[], now_month: 0 }).len(), 0);
        // A newcomer's first dozen proposals, none won yet, is not extensive bidding.
        p.stats.insert("bids".into(), Stat { value: 12.0, source: "t".into() });
        p.stats.insert("bids_won".into(), Stat { value: 0.0, source: "t".into() });
        assert_eq!(check_bids(&CaseInput { profiles: &[p], messages: &[], now_month: 0 }).len(), 0);
    }
}
