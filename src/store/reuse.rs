//! Texts and photos of one case found again in other cases, through the
//! store's indexes, and the persona graph that shows who is connected to
//! whom.

use super::Store;
use crate::i18n::ui_with;
use crate::reuse::text;
use crate::rules::reuse::{candidate_texts, photo_finding, template_finding, PhotoHit, TemplateHit};
use crate::rules::Finding;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Texts checked exactly per text of the case, most similar first. A
/// template found with more candidates than this is already proven; the
/// finding says how many more there are.
const MAX_TEXT_NEIGHBOURS: usize = 25;

/// A picture found in this many different cases is a site's default avatar
/// or a stock image, not evidence about any one of them.
const COMMON_PICTURE_CASES: usize = 5;

pub struct ReuseFindings {
    pub findings: Vec<Finding>,
    /// (other case, its label, what connects them), for the persona graph.
    /// (other case, its label, the message key of what connects them).
    pub connections: Vec<(Vec<String>, String, &'static str)>,
}

impl Store {
    pub fn reuse_findings(&self, case: &[String]) -> ReuseFindings {
        let members: BTreeSet<&String> = case.iter().collect();
        let mut template_hits: Vec<TemplateHit> = Vec::new();
        let mut unchecked = 0;
        let mut photo_hits: Vec<PhotoHit> = Vec::new();
        let mut connections: BTreeMap<Vec<String>, (String, BTreeSet<&'static str>)> = BTreeMap::new();
        let mut connect = |store: &Store, other: &str, kind: &'static str| -> String {
            let c = store.case_of(other);
            let label = store.case_label(&c);
            connections.entry(c).or_insert_with(|| (label.clone(), BTreeSet::new())).1.insert(kind);
            label
        };
        for key in case {
            let me = &self.profiles[key].profile;
            // Each side's texts are prepared with its own masks: a name
            // swapped into a template becomes the same mask on both sides.
            let is_boilerplate = |h| self.texts.is_boilerplate(h);
            for (field, mine) in candidate_texts(me) {
                let mine_informative = text::informative(&mine, &is_boilerplate);
                let candidates: Vec<String> =
                    self.texts.neighbours(&mine).into_iter().map(|(k, _)| k).filter(|k| !members.contains(k)).collect();
                if candidates.len() > MAX_TEXT_NEIGHBOURS {
                    unchecked += candidates.len() - MAX_TEXT_NEIGHBOURS;
                }
                for other_key in candidates.into_iter().take(MAX_TEXT_NEIGHBOURS) {
                    let them = &self.profiles[&other_key].profile;
                    let best = candidate_texts(them)
                        .into_iter()
                        .filter_map(|(other_field, theirs)| {
                            let informative = text::informative(&theirs, &is_boilerplate);
                            text::compare_informative(&mine, &mine_informative, &theirs, &informative)
                                .map(|o| (other_field, o))
                        })
                        .max_by(|x, y| x.1.similarity.total_cmp(&y.1.similarity));
                    if let Some((other_field, overlap)) = best {
                        let other_label = connect(self, &other_key, "edgeSameText");
                        template_hits.push(TemplateHit {
                            this_url: me.url.clone(),
                            this_field: field,
                            other_url: them.url.clone(),
                            other_field,
                            other_label,
                            overlap,
                        });
                    }
                }
            }
            let Some(stored_photo) = self.profiles[key].photo.as_ref() else { continue };
            let near: Vec<(String, f32)> =
                self.photos.same_picture(key).into_iter().filter(|(k, _)| !members.contains(k)).collect();
            let cases: BTreeSet<Vec<String>> = near.iter().map(|(k, _)| self.case_of(k)).collect();
            if cases.len() >= COMMON_PICTURE_CASES {
                continue;
            }
            for (other_key, similarity) in near {
                let them = &self.profiles[&other_key];
                let Some(other_photo) = them.photo.as_ref() else { continue };
                let other_label = connect(self, &other_key, "edgeSamePhoto");
                photo_hits.push(PhotoHit {
                    this_url: me.url.clone(),
                    this_photo: stored_photo.url.clone(),
                    other_url: them.profile.url.clone(),
                    other_photo: other_photo.url.clone(),
                    other_label,
                    similarity,
                });
            }
        }
        let mut template = template_finding(&template_hits);
        if let (Some(f), true) = (template.as_mut(), unchecked > 0) {
            let more = ui_with("flag_TEMPLATE_REUSE_more", &[&unchecked.to_string(), &MAX_TEXT_NEIGHBOURS.to_string()]);
            f.explanation.push(' ');
            f.explanation.push_str(&more);
        }
        let findings = template.into_iter().chain(photo_finding(&photo_hits)).collect();
        let connections = connections
            .into_iter()
            .flat_map(|(c, (label, kinds))| kinds.into_iter().map(move |k| (c.clone(), label.clone(), k)))
            .collect();
        ReuseFindings { findings, connections }
    }
}

/// Candidates connected by shared identifiers, texts or photos: this case
/// is node 0.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonaGraph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphNode {
    pub label: String,
    /// A profile key of that case (to open or link it).
    pub key: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphEdge {
    pub from: usize,
    pub to: usize,
    pub kind: String,
}

impl PersonaGraph {
    pub fn new(this_label: String) -> Self {
        PersonaGraph { nodes: vec![GraphNode { label: this_label, key: None }], edges: Vec::new() }
    }

    pub fn connect(&mut self, other_case: &[String], label: &str, kind: &str) {
        let key = other_case.first().cloned();
        let to = match self.nodes.iter().position(|n| n.key == key && key.is_some()) {
            Some(i) => i,
            None => {
                self.nodes.push(GraphNode { label: label.to_string(), key });
                self.nodes.len() - 1
            }
        };
        if !self.edges.iter().any(|e| e.to == to && e.kind == kind) {
            self.edges.push(GraphEdge { from: 0, to, kind: kind.to_string() });
        }
    }

    /// `None` when this candidate is connected to nobody.
    pub fn finish(self) -> Option<PersonaGraph> {
        (!self.edges.is_empty()).then_some(self)
    }
}
