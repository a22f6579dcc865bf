//! `SIMPLE_PORTFOLIO`
//!
//! ## What it does
//! Scores a personal or portfolio site's simplicity from its content
//! metrics and fires at [`THRESHOLD`] points:
//! - under 150 words of text: 2 points (under 400: 1). A real one-page
//!   consultant site runs to 300–800 words; a filled-in template to less.
//! - no project at all, or projects none of which links anywhere: 2 points.
//!   Real portfolios link at least one repository, live site or write-up.
//! - template placeholder text ("lorem ipsum", "project title"): 3 points:
//!   nobody finished the page.
//! - made with a site builder (meta generator, builder markup): 1 point;
//!   alone it means nothing, many real sites use one.
//!
//! ## Why it matters
//! The 2022 advisory lists surprisingly simple portfolio websites.
//!
//! ## Known false positives
//! A consultant's deliberately short site with a few linked case studies
//! scores 0–1 and stays silent.

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};

pub const ID: &str = "SIMPLE_PORTFOLIO";
pub const THRESHOLD: u32 = 4;

pub fn check(case: &CaseInput<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for p in case.profiles {
        let Some(m) = &p.portfolio else { continue };
        let mut score = 0;
        let mut reasons = Vec::new();
        if m.words < 150 {
            score += 2;
            reasons.push(ui_with("ev_words", &[&m.words.to_string()]));
        } else if m.words < 400 {
            score += 1;
            reasons.push(ui_with("ev_words", &[&m.words.to_string()]));
        }
        if m.projects == 0 || m.project_links == 0 {
            score += 2;
            reasons.push(ui_with("ev_projects", &[&m.projects.to_string(), &m.project_links.to_string()]));
        }
        if !m.placeholders.is_empty() {
            score += 3;
            reasons.push(ui_with("ev_placeholders", &[&m.placeholders.join(", ")]));
        }
        if let Some(g) = &m.generator {
            score += 1;
            reasons.push(ui_with("ev_generator", &[g]));
        }
        if score < THRESHOLD {
            continue;
        }
        findings.push(Finding {
            id: ID.into(),
            severity: Severity::Low,
            title: ui("flag_SIMPLE_PORTFOLIO_title"),
            explanation: ui_with("flag_SIMPLE_PORTFOLIO_explain", &[&reasons.join("; ")]),
            evidence: vec![Evidence {
                profile: p.url.clone(),
                field: "portfolio".into(),
                value: reasons.join("; "),
                note: Some(ui_with("ev_simplicity", &[&score.to_string(), &THRESHOLD.to_string()])),
                composed: true,
            }],
            guidance: ui("flag_SIMPLE_PORTFOLIO_guidance"),
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PortfolioMetrics, Profile, Site};

    fn run(m: PortfolioMetrics) -> usize {
        let mut p = Profile::empty("https://x.example/", Site::Generic);
        p.portfolio = Some(m);
        check(&CaseInput { profiles: &[p], messages: &[], now_month: 0 }).len()
    }

    #[test]
    fn a_thin_template_fires() {
        let m = PortfolioMetrics {
            words: 120,
            projects: 1,
            project_links: 0,
            generator: Some("Webflow".into()),
            placeholders: vec!["lorem ipsum".into()],
        };
        assert_eq!(run(m), 1);
    }

    #[test]
    fn a_short_real_consultant_site_and_a_builder_site_with_work_are_silent() {
        assert_eq!(
            run(PortfolioMetrics { words: 320, projects: 3, project_links: 3, generator: None, placeholders: vec![] }),
            0
        );
        assert_eq!(
            run(PortfolioMetrics {
                words: 900,
                projects: 5,
                project_links: 4,
                generator: Some("Wix".into()),
                placeholders: vec![]
            }),
            0
        );
    }
}
