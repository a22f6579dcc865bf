//! The rules: each flag of the catalogue (`docs/flags.md`) is one module
//! with one `check` function over a case. [`RULES`] is the registry.

mod location_mismatch;
mod name_mismatch;

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

/// One quoted piece of evidence: which profile said what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The address of the page it was read from.
    pub profile: String,
    pub field: String,
    pub value: String,
    /// What Vetter made of it ("resolved to Poland"), when that helps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
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

/// Everything known about one candidate.
pub struct CaseInput<'a> {
    pub profiles: &'a [Profile],
    pub messages: &'a [Message],
}

/// A rule of the catalogue.
pub struct Rule {
    pub id: &'static str,
    pub check: fn(&CaseInput<'_>) -> Vec<Finding>,
}

/// Every rule, one line per flag id.
pub const RULES: &[Rule] = &[
    Rule { id: name_mismatch::ID, check: name_mismatch::check },
    Rule { id: location_mismatch::ID, check: location_mismatch::check },
];

/// Runs every rule over a case; findings come worst first.
pub fn run_all(case: &CaseInput<'_>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = RULES.iter().flat_map(|r| (r.check)(case)).collect();
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.id.cmp(&b.id)));
    findings
}
