//! One candidate's case in, findings and risk out; and the summaries that
//! the CLI, the panel and exports show.

use crate::model::{Message, PageKind, Profile, Site};
use crate::rules::shared_identifier::OtherCandidate;
use crate::rules::{self, CaseInput, Finding};
use crate::score::{self, Risk};
use crate::store::graph_types::PersonaGraph;
use crate::store::records::{CheckState, Explanation, Note, Verdict};
use crate::store::records::{Entered, StoredProfile};
use crate::store::{Store, Suggestion};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub risk: Risk,
    pub findings: Vec<Finding>,
}

/// Analyses a case as of `now_ms` (milliseconds since the epoch; dates
/// written "present" and account ages are measured from it).
pub fn analyse(profiles: &[Profile], messages: &[Message], now_ms: u64) -> Analysis {
    analyse_among(profiles, messages, now_ms, &[])
}

/// [`analyse`], also comparing this candidate with the other candidates seen
/// (identifiers shared across candidates).
pub fn analyse_among(
    profiles: &[Profile],
    messages: &[Message],
    now_ms: u64,
    others: &[rules::shared_identifier::OtherCandidate<'_>],
) -> Analysis {
    let mut findings = rules::run_all(&CaseInput { profiles, messages, now_month: rules::month_of_ms(now_ms) });
    findings.extend(rules::shared_identifier::check(profiles, messages, others));
    finish(findings)
}

/// [`finish`], leaving out of the score the findings the recruiter marked as
/// explained (they stay listed, with who explained them, when and why).
/// Critical findings (sanctions, known personas) always count.
pub fn finish_explained(findings: Vec<Finding>, explained: &BTreeMap<String, Explanation>) -> Analysis {
    let mut analysis = finish(findings);
    let counted: Vec<Finding> = analysis
        .findings
        .iter()
        .filter(|f| {
            f.severity == crate::rules::Severity::Critical || !explained.get(&f.id).is_some_and(|e| e.covers(f))
        })
        .cloned()
        .collect();
    analysis.risk = score::risk(&counted);
    analysis
}

/// Orders findings worst first and scores them (after callers added the
/// findings only they can make, such as reuse across cases).
pub fn finish(mut findings: Vec<Finding>) -> Analysis {
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.id.cmp(&b.id)));
    Analysis { risk: score::risk(&findings), findings }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A profile as listed in reports: the fields people read, flat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub url: String,
    pub site: Site,
    pub name: Option<String>,
    pub handle: Option<String>,
    pub headline: Option<String>,
    pub location: Option<String>,
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    pub links: Vec<String>,
    /// The profile photo's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<crate::model::Job>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<crate::model::Schooling>,
    /// SHA-256 (hex) of the page snapshot this profile was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_sha256: Option<String>,
    /// Fields this page should show but that could not be read.
    pub missing: Vec<String>,
    /// Fields the recruiter entered or corrected by hand (their values are
    /// in the fields above), with who and when.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub entered: BTreeMap<String, Entered>,
    #[serde(default)]
    pub kind: PageKind,
    /// Messages of a thread page.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub messages: usize,
    /// When the extension saw it (ms since the epoch); absent in the CLI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<u64>,
    /// What the GitHub account's fetched public history shows (GitHub checks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github: Option<GithubSummary>,
}

/// A GitHub account's fetched history, as the panel shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GithubSummary {
    pub login: String,
    /// "YYYY-MM-DD".
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_commit: Option<String>,
    /// The account's own commits fetched.
    pub commits: usize,
    /// Of those, how many in each hour of the day (UTC).
    pub hours: Vec<u32>,
    /// UTC offsets (minutes) the commits were written with, where known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offsets: Vec<i32>,
    /// When it was fetched and until when it is kept ("YYYY-MM-DD").
    pub fetched: String,
    pub kept_until: String,
}

impl GithubSummary {
    fn of(h: &crate::github::History) -> GithubSummary {
        let day = |seconds: i64| {
            let (y, m, d) = crate::text::civil_date(u64::try_from(seconds.max(0)).unwrap_or(0) * 1000);
            format!("{y:04}-{m:02}-{d:02}")
        };
        let mut offsets: Vec<i32> = h.own_commits().filter_map(|c| c.offset).collect();
        offsets.sort_unstable();
        offsets.dedup();
        GithubSummary {
            login: h.login.clone(),
            created: day(h.created),
            first_commit: h.own_commits().map(|c| c.date).min().map(day),
            commits: h.own_commits().count(),
            hours: crate::github::hours_utc(h.own_commits()).to_vec(),
            offsets,
            fetched: day(h.fetched),
            kept_until: day(h.fetched + crate::github::MAX_AGE),
        }
    }
}

impl From<&Profile> for ProfileSummary {
    fn from(p: &Profile) -> Self {
        let v = |s: &Option<crate::model::Sourced>| s.as_ref().map(|s| s.value.clone());
        ProfileSummary {
            url: p.url.clone(),
            site: p.site,
            name: v(&p.name),
            handle: v(&p.handle),
            headline: v(&p.headline),
            location: v(&p.location),
            emails: p.emails.iter().map(|e| e.value.clone()).collect(),
            phones: p.phones.iter().map(|e| e.value.clone()).collect(),
            links: p.links.iter().map(|e| e.value.clone()).collect(),
            photo: v(&p.photo),
            work: p.work.clone(),
            education: p.education.clone(),
            snapshot_sha256: None,
            missing: p.missing.clone(),
            entered: BTreeMap::new(),
            kind: p.kind,
            messages: p.messages.len(),
            first_seen: None,
            last_seen: None,
            github: p.github.as_ref().map(GithubSummary::of),
        }
    }
}

/// What the panel shows for one page: its case's profiles and analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    /// The page the view is for (the panel's own tab), if any.
    pub this_url: Option<String>,
    pub profiles: Vec<ProfileSummary>,
    pub risk: Risk,
    pub findings: Vec<Finding>,
    /// Problems to tell the user about (unreadable store, skipped files).
    #[serde(default)]
    pub notices: Vec<String>,
    /// Store keys of `profiles`, in the same order (for link/unlink).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
    /// Profiles of other cases with the same name: links to suggest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
    /// Other candidates connected to this one by shared identifiers, texts or photos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph: Option<PersonaGraph>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub checklist: BTreeMap<String, CheckState>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub explained: BTreeMap<String, Explanation>,
    /// The recruiters' verdicts on the case, oldest first (the history).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<Verdict>,
    /// Agency mode: the recruiter is in a team (the verdict form offers
    /// sharing the case in full).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_team: bool,
    /// Cases the team shared in full that this one has something in common with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team_shared: Vec<TeamSharedCase>,
    /// Agency mode: the recruiter's verdict shares this case in full, but
    /// its export (this many bytes) is over what a team document holds, so
    /// only its record and verdict go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_share_too_large: Option<u64>,
}

/// A case a colleague shared in full, matched by this one: the team
/// record's id and who shared it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamSharedCase {
    pub record: String,
    pub by: String,
}

impl CaseView {
    /// Hides findings below `min` (the user's sensitivity setting); the
    /// score still counts them, and a notice says how many are hidden.
    pub fn hide_below(&mut self, min: crate::rules::Severity) {
        let before = self.findings.len();
        self.findings.retain(|f| f.severity >= min);
        let hidden = before - self.findings.len();
        if hidden > 0 {
            let level = crate::i18n::level_label(min.as_str());
            self.notices.push(crate::i18n::ui_with("noticeHidden", &[&hidden.to_string(), &level]));
        }
    }

    /// A view of profiles analysed outside the store (CLI, www page).
    pub fn unstored(this_url: Option<String>, profiles: Vec<ProfileSummary>, analysis: Analysis) -> CaseView {
        CaseView {
            this_url,
            profiles,
            risk: analysis.risk,
            findings: analysis.findings,
            notices: Vec::new(),
            keys: Vec::new(),
            suggestions: Vec::new(),
            graph: None,
            notes: Vec::new(),
            verdicts: Vec::new(),
            checklist: BTreeMap::new(),
            explained: BTreeMap::new(),
            in_team: false,
            team_shared: Vec::new(),
            team_share_too_large: None,
        }
    }
}

/// The case views of a store: its profiles analysed together. The store
/// keeps what was read and what the recruiter wrote; analysing it is this
/// layer's work (the store stays below the analysis).
pub trait CaseViews {
    /// The case view for the profile at `key`, analysed as of `now_ms`.
    fn view(&self, key: &str, now_ms: u64) -> Option<CaseView>;
    /// Marks `finding` of `key`'s case as explained by `by`, for the
    /// evidence it shows now (new evidence makes it count again).
    fn explain(&mut self, key: &str, finding: &str, by: &str, reason: &str, now_ms: u64) -> bool;
}

impl CaseViews for Store {
    fn view(&self, key: &str, now_ms: u64) -> Option<CaseView> {
        let this = self.get(key)?;
        let case = self.case_of(key);
        let members: Vec<&StoredProfile> =
            case.iter().map(|k| self.get(k).expect("a case holds stored profiles")).collect();
        let profiles: Vec<Profile> = members.iter().map(|s| with_entered(s)).collect();
        let sharing = self.cases_sharing_identifiers(&case);
        let sharing_profiles: Vec<(String, Vec<Profile>)> = sharing
            .iter()
            .map(|c| {
                (
                    self.case_label(c),
                    // With their GitHub histories: commit e-mails are identifiers too.
                    c.iter().map(|k| with_entered(self.get(k).expect("a case holds stored profiles"))).collect(),
                )
            })
            .collect();
        let others: Vec<OtherCandidate<'_>> = sharing_profiles
            .iter()
            .map(|(label, p)| OtherCandidate { label: label.clone(), profiles: p, messages: &[] })
            .collect();
        let mut analysis = analyse_among(&profiles, &[], now_ms, &others);
        let reuse = self.reuse_findings(&case);
        let mut graph = PersonaGraph::new(self.case_label(&case));
        for (c, (label, _)) in sharing.iter().zip(&sharing_profiles) {
            graph.connect(c, label, &crate::i18n::ui("edgeSharedContact"));
        }
        for (other_case, label, kind) in &reuse.connections {
            graph.connect(other_case, label, &crate::i18n::ui(kind));
        }
        analysis.findings.extend(reuse.findings);
        let explained: BTreeMap<String, Explanation> =
            members.iter().flat_map(|s| s.explained.iter().map(|(k, v)| (k.clone(), v.clone()))).collect();
        // An explanation given for other evidence no longer applies: it is
        // shown as a note, and the finding counts again.
        let (explained, outdated): (BTreeMap<_, _>, BTreeMap<_, _>) = explained
            .into_iter()
            .partition(|(id, e)| analysis.findings.iter().find(|f| &f.id == id).is_none_or(|f| e.covers(f)));
        let outdated: Vec<(String, Explanation)> = outdated
            .into_iter()
            .map(|(id, e)| (analysis.findings.iter().find(|f| f.id == id).map_or(id, |f| f.title.clone()), e))
            .collect();
        let mut analysis = finish_explained(analysis.findings, &explained);
        mark_entered(&mut analysis.findings, &members);
        let mut checklist: BTreeMap<String, CheckState> = BTreeMap::new();
        for (item, state) in members.iter().flat_map(|s| &s.checklist) {
            crate::store::records::keep_latest(&mut checklist, item.clone(), state.clone());
        }
        let mut notes: Vec<Note> = members.iter().flat_map(|s| s.notes.iter().cloned()).collect();
        notes.extend(outdated.into_iter().map(|(title, e)| Note {
            at: e.at,
            text: crate::i18n::ui_with("explainedBefore", &[&title, &e.by, &crate::text::date_time(e.at), &e.reason]),
        }));
        notes.sort_by_key(|n| n.at);
        let mut verdicts: Vec<Verdict> = Vec::new();
        crate::store::records::merge_verdicts(&mut verdicts, members.iter().flat_map(|s| &s.verdicts));
        Some(CaseView {
            this_url: Some(this.profile.url.clone()),
            keys: case.clone(),
            profiles: members
                .iter()
                .zip(&profiles)
                .map(|(s, p)| ProfileSummary {
                    first_seen: Some(s.first_seen),
                    last_seen: Some(s.last_seen),
                    snapshot_sha256: s.snapshot_sha256.clone(),
                    entered: s.entered.clone(),
                    ..ProfileSummary::from(p)
                })
                .collect(),
            risk: analysis.risk,
            findings: analysis.findings,
            notices: Vec::new(),
            suggestions: self.suggestions(&case),
            graph: graph.finish(),
            notes,
            checklist,
            explained,
            verdicts,
            in_team: false,
            team_shared: Vec::new(),
            team_share_too_large: None,
        })
    }

    fn explain(&mut self, key: &str, finding: &str, by: &str, reason: &str, now_ms: u64) -> bool {
        let evidence = CaseViews::view(self, key, now_ms)
            .and_then(|v| v.findings.iter().find(|f| f.id == finding).map(|f| f.evidence_fingerprint()));
        self.explain_evidence(key, finding, by, reason, evidence, now_ms)
    }
}

/// A stored profile with the fields the recruiter entered standing over
/// what the page gave (and no longer reported as missing).
pub fn with_entered(stored: &StoredProfile) -> Profile {
    let mut p = stored.profile.clone();
    // And its GitHub history, when fetched.
    if stored.github.is_some() {
        p.github = stored.github.clone();
    }
    for (field, e) in &stored.entered {
        let value = Some(crate::model::Sourced::new(e.value.clone(), crate::i18n::ui("sourceEntered")));
        match field.as_str() {
            "name" => p.name = value,
            "headline" => p.headline = value,
            "location" => {
                p.country = crate::normalize::location::resolve(&e.value).map(|place| place.country.to_string());
                p.location = value;
            }
            _ => continue,
        }
        p.missing.retain(|m| m != field);
    }
    p
}

/// Evidence quoting a field the recruiter entered says so, with who and when.
fn mark_entered(findings: &mut [Finding], members: &[&StoredProfile]) {
    for e in findings.iter_mut().flat_map(|f| f.evidence.iter_mut()) {
        let entry = members.iter().find(|s| s.profile.url == e.profile).and_then(|s| s.entered.get(&e.field));
        if let Some(entry) = entry {
            let said = crate::i18n::ui_with("enteredBy", &[&entry.by, &crate::text::date_time(entry.at)]);
            e.note = Some(match e.note.take() {
                Some(note) => format!("{note}; {said}"),
                None => said,
            });
        }
    }
}
