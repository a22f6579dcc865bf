//! `TEMPLATE_REUSE` and `PHOTO_REUSE`
//!
//! ## What they do
//! `TEMPLATE_REUSE`: a bio, proposal or message of this candidate is a
//! near-copy of one from a *different* candidate — robust to names swapped
//! in, numbers changed and small edits (see [`crate::reuse::text`]).
//! `PHOTO_REUSE`: this candidate's photo is, after resizing or
//! re-compression, the photo of a different candidate.
//! The store (and the CLI) find the neighbours in their indexes; this module
//! says which texts count and turns confirmed neighbours into findings.
//!
//! ## Why it matters
//! The advisory's relational signals: teams share bid templates and stock
//! or borrowed photos across the identities they run.
//!
//! ## Known false positives
//! Boilerplate common to many profiles (site chrome, skill lists, numbers)
//! is excluded; default and placeholder avatars are never hashed. A text a
//! recruiter sent to many candidates is not the candidates' own: only
//! messages written by the candidate count.

use super::{ui, ui_with, Evidence, Finding, Severity};
use crate::i18n::field_label;
use crate::model::Profile;
use crate::normalize::name::{compare, NameVerdict};
use crate::reuse::text::{self, Masks, Overlap, Prepared};

pub const TEMPLATE_ID: &str = "TEMPLATE_REUSE";
pub const PHOTO_ID: &str = "PHOTO_REUSE";

/// Longest passage quoted in evidence, in characters.
const MAX_QUOTE: usize = 400;

/// The texts of a profile written by the candidate, prepared for comparison:
/// (field, text).
pub fn candidate_texts(p: &Profile) -> Vec<(&'static str, Prepared)> {
    let masks = masks(p);
    let mut out = Vec::new();
    if let Some(bio) = &p.bio {
        out.extend(text::prepare(&bio.value, &masks).map(|t| ("bio", t)));
    }
    let author_is_candidate = |author: &Option<String>| match (author, &p.name) {
        (Some(a), Some(n)) => matches!(compare(a, &n.value), NameVerdict::Same | NameVerdict::Compatible),
        _ => false,
    };
    for m in p.messages.iter().filter(|m| author_is_candidate(&m.author)) {
        out.extend(text::prepare(&m.text, &masks).map(|t| ("message", t)));
    }
    out
}

/// What a template's user swaps in: their name, handle and skills.
pub fn masks(p: &Profile) -> Masks {
    let names = p.name.iter().chain(p.handle.iter()).map(|s| s.value.as_str());
    Masks::new(names, p.skills.iter().map(String::as_str))
}

/// One text of this candidate found again with another candidate.
pub struct TemplateHit {
    pub this_url: String,
    pub this_field: &'static str,
    pub other_url: String,
    pub other_field: &'static str,
    pub other_label: String,
    pub overlap: Overlap,
}

/// One photo of this candidate found again with another candidate.
pub struct PhotoHit {
    pub this_url: String,
    pub this_photo: String,
    pub other_url: String,
    pub other_photo: String,
    pub other_label: String,
    /// How alike the two pictures are once aligned (0-1).
    pub similarity: f32,
}

fn quote(s: &str) -> String {
    crate::text::clean(s, MAX_QUOTE)
}

fn others(labels: impl Iterator<Item = String>) -> String {
    let mut all: Vec<String> = Vec::new();
    for l in labels {
        if !all.contains(&l) {
            all.push(l);
        }
    }
    all.join(", ")
}

pub fn template_finding(hits: &[TemplateHit]) -> Option<Finding> {
    let best = hits.iter().map(|h| h.overlap.similarity.max(h.overlap.containment)).fold(0.0f32, f32::max);
    if hits.is_empty() {
        return None;
    }
    let evidence = hits
        .iter()
        .flat_map(|h| {
            let pct = (h.overlap.similarity * 100.0).round();
            [
                Evidence {
                    profile: h.this_url.clone(),
                    field: h.this_field.into(),
                    value: quote(&h.overlap.passage_a),
                    note: Some(ui_with(
                        "ev_similarTo",
                        &[&format!("{pct:.0}"), &h.other_label, &field_label(h.other_field)],
                    )),
                    composed: false,
                },
                Evidence {
                    profile: h.other_url.clone(),
                    field: h.other_field.into(),
                    value: quote(&h.overlap.passage_b),
                    note: Some(ui_with("ev_samePassage", &[&h.other_label])),
                    composed: false,
                },
            ]
        })
        .collect();
    Some(Finding {
        id: TEMPLATE_ID.into(),
        severity: if best >= 0.8 { Severity::High } else { Severity::Medium },
        title: ui("flag_TEMPLATE_REUSE_title"),
        explanation: ui_with("flag_TEMPLATE_REUSE_explain", &[&others(hits.iter().map(|h| h.other_label.clone()))]),
        evidence,
        guidance: ui("flag_TEMPLATE_REUSE_guidance"),
    })
}

pub fn photo_finding(hits: &[PhotoHit]) -> Option<Finding> {
    if hits.is_empty() {
        return None;
    }
    let evidence = hits
        .iter()
        .flat_map(|h| {
            [
                Evidence {
                    profile: h.this_url.clone(),
                    field: "photo".into(),
                    value: h.this_photo.clone(),
                    note: Some(ui_with("ev_photoAlike", &[&format!("{:.0}", h.similarity * 100.0), &h.other_label])),
                    composed: false,
                },
                Evidence {
                    profile: h.other_url.clone(),
                    field: "photo".into(),
                    value: h.other_photo.clone(),
                    note: Some(ui_with("ev_samePicture", &[&h.other_label])),
                    composed: false,
                },
            ]
        })
        .collect();
    Some(Finding {
        id: PHOTO_ID.into(),
        severity: Severity::High,
        title: ui("flag_PHOTO_REUSE_title"),
        explanation: ui_with("flag_PHOTO_REUSE_explain", &[&others(hits.iter().map(|h| h.other_label.clone()))]),
        evidence,
        guidance: ui("flag_PHOTO_REUSE_guidance"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Site, Sourced, ThreadMessage};

    #[test]
    fn only_the_candidates_own_messages_count() {
        let long = "I can start tomorrow and I will deliver the first milestone within a week, with daily updates, \
            clean code, unit tests and documentation, so that your team can take over at any point without surprises.";
        let mut p = Profile::empty("https://www.upwork.com/messages/rooms/1", Site::Upwork);
        p.name = Some(Sourced::new("Daniel Kim", "t"));
        for author in ["Daniel Kim", "Recruiter Jane"] {
            p.messages.push(ThreadMessage { author: Some(author.into()), text: long.into(), source: "t".into() });
        }
        assert_eq!(candidate_texts(&p).len(), 1);
    }
}
