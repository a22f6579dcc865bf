//! The rules: each flag of the catalogue (`docs/flags.md`) is one module
//! with one `check` function over a case. [`RULES`] is the registry.

pub mod behaviour;
mod contact_mismatch;
pub mod disposable_email;
pub mod github_history;
pub mod history;
mod location_mismatch;
mod marketplace;
pub mod message_model;
mod name_mismatch;
pub mod reuse;
mod screening;
pub mod shared_identifier;
mod simple_portfolio;
pub mod work_hours_mismatch;

pub(crate) use crate::i18n::{ui, ui_with};
use crate::model::{Message, Profile};
use serde::{Deserialize, Serialize};

/// How much a finding matters. Ordered: `Info` < … < `Critical`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    /// Reserved for sanctions and known-persona hits.
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// One piece of evidence: which profile said what.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The address of the page it was read from.
    pub profile: String,
    pub field: String,
    /// As written on the page, unless `composed`.
    pub value: String,
    /// What Vetter made of it ("resolved to Poland"), when that helps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `value` is Vetter's summary of several page values (a job's title,
    /// employer and dates; counts of reviews or bids), not a quotation:
    /// shown without quotation marks.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub composed: bool,
}

/// A flag raised on a case, in the JSON shape of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub id: String,
    pub severity: Severity,
    pub title: String,
    pub explanation: String,
    pub evidence: Vec<Evidence>,
    pub guidance: String,
}

impl Finding {
    /// A short, stable digest of what the finding quotes (which profile,
    /// which field, what value), so a decision about it can tell when new
    /// evidence has come in.
    pub fn evidence_fingerprint(&self) -> String {
        let mut quoted: Vec<(&str, &str, &str)> =
            self.evidence.iter().map(|e| (e.profile.as_str(), e.field.as_str(), e.value.as_str())).collect();
        quoted.sort_unstable();
        quoted.dedup();
        let bytes = quoted.into_iter().flat_map(|(p, f, v)| [p, f, v]).flat_map(|part| part.bytes().chain([0]));
        format!("{:016x}", crate::text::stable_hash(bytes))
    }
}

/// Everything known about one candidate.
pub struct CaseInput<'a> {
    pub profiles: &'a [Profile],
    pub messages: &'a [Message],
    /// Today, as months since year 0 (for "present" and account ages);
    /// 0 when unknown.
    pub now_month: u32,
}

/// Months since year 0 of a time in milliseconds since the epoch; 0 (the
/// "unknown" of [`CaseInput::now_month`]) for 0.
pub fn month_of_ms(ms: u64) -> u32 {
    if ms == 0 {
        return 0;
    }
    let (year, month, _) = civil_date(ms);
    (year * 12 + i64::from(month) - 1) as u32
}

pub use crate::text::civil_date;

/// A rule of the catalogue.
pub struct Rule {
    pub id: &'static str,
    pub check: fn(&CaseInput<'_>) -> Vec<Finding>,
}

/// Every rule, one line per flag id.
pub const RULES: &[Rule] = &[
    Rule { id: name_mismatch::ID, check: name_mismatch::check },
    Rule { id: location_mismatch::ID, check: location_mismatch::check },
    Rule { id: work_hours_mismatch::ID, check: work_hours_mismatch::check },
    Rule { id: contact_mismatch::ID, check: contact_mismatch::check },
    Rule { id: disposable_email::ID, check: disposable_email::check },
    Rule { id: history::HISTORY_ID, check: history::check_history },
    Rule { id: history::TIMELINE_ID, check: history::check_timeline },
    Rule { id: simple_portfolio::ID, check: simple_portfolio::check },
    Rule { id: marketplace::RATING_ID, check: marketplace::check_ratings },
    Rule { id: marketplace::BID_ID, check: marketplace::check_bids },
    Rule { id: screening::SANCTIONS_ID, check: screening::check_sanctions },
    Rule { id: screening::IOC_ID, check: screening::check_iocs },
    // GitHub's history, when fetched (opt-in): five flags and commit hours.
    Rule { id: "GITHUB_HISTORY", check: github_history::check },
    // The eight behavioural flags share one table-driven rule.
    Rule { id: "BEHAVIOUR", check: behaviour::check },
];

/// Runs every rule over a case; findings come worst first.
pub fn run_all(case: &CaseInput<'_>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = RULES.iter().flat_map(|r| (r.check)(case)).collect();
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.id.cmp(&b.id)));
    findings
}
