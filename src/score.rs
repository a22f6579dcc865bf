//! From findings to a 0–100 risk score and a level.
//!
//! Each finding contributes by severity; contributions combine like
//! independent probabilities (`1 - Π(1 - wᵢ)`), so corroborating findings
//! from several sources raise the score more than one alone, and the score
//! never exceeds 100. `critical` is reserved for sanctions/known-persona
//! hits: no pile of inconsistencies reaches it.

use crate::rules::{Finding, Severity};
use serde::{Deserialize, Serialize};

/// Weight of one finding, in percent, by severity.
pub fn weight(s: Severity) -> f64 {
    match s {
        Severity::Info => 3.0,
        Severity::Low => 10.0,
        Severity::Medium => 25.0,
        Severity::High => 45.0,
        Severity::Critical => 100.0,
    }
}

/// Scores from which a case is `medium` / `high`. One medium finding alone
/// (25) is `low`: one inconsistency is worth a look, not an alarm. Two
/// independent mediums (44) are `medium`; two highs (70) or four mediums
/// (68) are `high`.
pub const MEDIUM_FROM: u8 = 30;
pub const HIGH_FROM: u8 = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    None,
    Low,
    Medium,
    High,
    Critical,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub score: u8,
    pub level: Level,
    /// Why the score is what it is: one line per contributing finding.
    #[serde(default)]
    pub reasons: Vec<String>,
}

pub fn risk(findings: &[Finding]) -> Risk {
    let keep = findings.iter().map(|f| 1.0 - weight(f.severity) / 100.0).product::<f64>();
    let score = ((1.0 - keep) * 100.0).round().clamp(0.0, 100.0) as u8;
    let level = if findings.iter().any(|f| f.severity == Severity::Critical) {
        Level::Critical
    } else if score >= HIGH_FROM {
        Level::High
    } else if score >= MEDIUM_FROM {
        Level::Medium
    } else if score > 0 {
        Level::Low
    } else {
        Level::None
    };
    let reasons = findings
        .iter()
        .map(|f| {
            let level = crate::i18n::level_label(f.severity.as_str());
            crate::i18n::ui_with("scoreReason", &[&f.id, &level, &weight(f.severity).to_string()])
        })
        .collect();
    Risk { score, level, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity) -> Finding {
        Finding {
            id: "X".into(),
            severity,
            title: String::new(),
            explanation: String::new(),
            evidence: vec![],
            guidance: String::new(),
        }
    }

    #[test]
    fn no_findings_is_none() {
        assert_eq!(risk(&[]), Risk { score: 0, level: Level::None, reasons: vec![] });
    }

    #[test]
    fn corroboration_raises_the_score_and_critical_is_reserved() {
        let one = risk(&[finding(Severity::Medium)]);
        let two = risk(&[finding(Severity::Medium), finding(Severity::Medium)]);
        assert_eq!((one.score, one.level), (25, Level::Low));
        assert_eq!((two.score, two.level), (44, Level::Medium));
        let many = risk(&vec![finding(Severity::High); 10]);
        assert_eq!((many.score, many.level), (100, Level::High));
        assert_eq!(risk(&[finding(Severity::Critical)]).level, Level::Critical);
    }
}
