//! What the store persists, record by record, and how older formats are
//! read: the schema, its migrations, and the export format.
//!
//! The extension keeps one record per profile (IndexedDB object store
//! `profiles`, key = profile key) and one settings record, so that a write
//! touches one profile and a damaged record loses only itself. The CLI's
//! `--store DIR` keeps the same records as files.

use crate::model::Profile;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Format of profile records and exports. 1 was one JSON document holding
/// every profile (`{"version":1,"profiles":{key: …}}`); 2 is one record per
/// profile, with manual links, notes, checklist and photo hashes.
pub const SCHEMA: u32 = 2;
/// Data is kept this many days after a profile was last seen, unless the
/// user chooses otherwise.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;
/// `format` of an export document.
pub const EXPORT_FORMAT: &str = "vetter-cases";

/// A profile as stored, with what the recruiter added to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredProfile {
    pub profile: Profile,
    /// Milliseconds since the epoch.
    pub first_seen: u64,
    pub last_seen: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<StoredPhoto>,
    /// SHA-256 (hex) of the page snapshot the profile was last read from,
    /// so a report can prove which page a finding came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_sha256: Option<String>,
    /// Profiles the recruiter linked to this one by hand.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub linked_to: BTreeSet<String>,
    /// Profiles the recruiter separated from this one (beats automatic links).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub kept_apart: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Verification checklist items, by item id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub checklist: BTreeMap<String, CheckState>,
    /// Findings the recruiter marked as explained, by finding id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub explained: BTreeMap<String, Explanation>,
    /// Fields the recruiter entered or corrected by hand, by field
    /// ([`ENTERABLE_FIELDS`]): they stand over what the page gave, and stay
    /// when the page is read again.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub entered: BTreeMap<String, Entered>,
    /// The GitHub account's public history, when GitHub checks are on and
    /// it was fetched (kept here, not on the page's profile, so that reading
    /// the page again keeps it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github: Option<crate::github::History>,
    /// The verdicts recruiters gave on this profile's case, oldest first:
    /// the history is kept, a new verdict never overwrites an old one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<Verdict>,
}

/// What a recruiter concluded about a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    Fraudulent,
    NotFraudulent,
    Unsure,
}

impl VerdictKind {
    pub fn parse(text: &str) -> Option<VerdictKind> {
        match text {
            "fraudulent" => Some(VerdictKind::Fraudulent),
            "not_fraudulent" => Some(VerdictKind::NotFraudulent),
            "unsure" => Some(VerdictKind::Unsure),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            VerdictKind::Fraudulent => "fraudulent",
            VerdictKind::NotFraudulent => "not_fraudulent",
            VerdictKind::Unsure => "unsure",
        }
    }

    /// The verdict's words ("Fraudulent").
    pub fn label(self) -> String {
        match self {
            VerdictKind::Fraudulent => crate::i18n::ui("verdict_fraudulent"),
            VerdictKind::NotFraudulent => crate::i18n::ui("verdict_not_fraudulent"),
            VerdictKind::Unsure => crate::i18n::ui("verdict_unsure"),
        }
    }
}

/// A verdict with its reason, who gave it and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub verdict: VerdictKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    pub by: String,
    /// Milliseconds since the epoch.
    pub at: u64,
    /// The recruiter shared the case in full with the team with this
    /// verdict (agency mode): its profiles, texts and notes go to the team's
    /// server for as long as this is their standing verdict.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
}

impl Verdict {
    /// "Fraudulent — Ann Lee, 2026-12-06 10:00 (reason)".
    pub fn line(&self) -> String {
        let when = crate::text::date_time(self.at);
        let mut line = crate::i18n::ui_with("verdictBy", &[&self.verdict.label(), &self.by, &when]);
        if self.shared {
            line = format!("{line} {}", crate::i18n::ui("verdictSharedInFull"));
        }
        if self.reason.is_empty() {
            line
        } else {
            format!("{line} ({})", self.reason)
        }
    }
}

/// Adds to `history` the verdicts of `more` it does not hold yet, and
/// keeps it oldest first: every verdict of both stays.
pub fn merge_verdicts<'a>(history: &mut Vec<Verdict>, more: impl IntoIterator<Item = &'a Verdict>) {
    for v in more {
        if !history.contains(v) {
            history.push(v.clone());
        }
    }
    history.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.by.cmp(&b.by)));
}

/// The verdicts that stand: each recruiter's latest, newest first. More
/// than one kind among them is a disagreement, shown as such.
pub fn standing_verdicts(history: &[Verdict]) -> Vec<&Verdict> {
    let mut latest: Vec<&Verdict> = Vec::new();
    for v in history {
        match latest.iter_mut().find(|known| known.by == v.by) {
            Some(known) if known.at <= v.at => *known = v,
            Some(_) => {}
            None => latest.push(v),
        }
    }
    latest.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.by.cmp(&b.by)));
    latest
}

/// Fields the recruiter can enter or correct by hand.
pub const ENTERABLE_FIELDS: &[&str] = &["name", "headline", "location"];

/// A value the recruiter entered for a field, with who and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entered {
    pub value: String,
    pub by: String,
    /// Milliseconds since the epoch.
    pub at: u64,
}

impl StoredProfile {
    pub fn new(profile: Profile, now_ms: u64) -> Self {
        StoredProfile {
            profile,
            first_seen: now_ms,
            last_seen: now_ms,
            photo: None,
            snapshot_sha256: None,
            linked_to: BTreeSet::new(),
            kept_apart: BTreeSet::new(),
            notes: Vec::new(),
            checklist: BTreeMap::new(),
            explained: BTreeMap::new(),
            entered: BTreeMap::new(),
            github: None,
            verdicts: Vec::new(),
        }
    }

    /// Folds in another copy of the same profile (an import, a second
    /// device): the newer page wins, nothing the recruiter wrote is lost.
    pub fn merge(&mut self, other: StoredProfile) {
        self.add_annotations_of(&other);
        if other.last_seen > self.last_seen {
            self.profile = other.profile;
            self.last_seen = other.last_seen;
            self.snapshot_sha256 = other.snapshot_sha256;
            if other.github.is_some() {
                self.github = other.github.clone();
            }
            if other.photo.is_some() {
                self.photo = other.photo;
            }
        }
        self.first_seen = self.first_seen.min(other.first_seen);
        self.linked_to.extend(other.linked_to);
        self.kept_apart.extend(other.kept_apart);
        for (field, e) in other.entered {
            if self.entered.get(&field).is_none_or(|mine| mine.at < e.at) {
                self.entered.insert(field, e);
            }
        }
    }

    /// Whether the recruiter wrote anything on this profile's case here.
    pub fn has_annotations(&self) -> bool {
        !self.notes.is_empty() || !self.checklist.is_empty() || !self.explained.is_empty() || !self.verdicts.is_empty()
    }

    /// Takes in `other`'s notes, checklist and explanations (what the
    /// recruiter wrote about the case), keeping the latest of each.
    pub fn add_annotations_of(&mut self, other: &StoredProfile) {
        for note in &other.notes {
            if !self.notes.contains(note) {
                self.notes.push(note.clone());
            }
        }
        self.notes.sort_by_key(|n| n.at);
        // Every verdict is kept: two recruiters' differing verdicts both stand.
        merge_verdicts(&mut self.verdicts, &other.verdicts);
        for (item, state) in &other.checklist {
            keep_latest(&mut self.checklist, item.clone(), state.clone());
        }
        for (id, e) in &other.explained {
            match self.explained.get(id) {
                Some(mine) if mine.at >= e.at => {}
                _ => {
                    self.explained.insert(id.clone(), e.clone());
                }
            }
        }
    }
}

/// Records a checklist step's state unless a later one is already there:
/// the latest decision on a step wins, wherever it was recorded.
pub fn keep_latest(checklist: &mut BTreeMap<String, CheckState>, item: String, state: CheckState) {
    if checklist.get(&item).is_none_or(|known| known.at < state.at) {
        checklist.insert(item, state);
    }
}

/// The profile photo and its perceptual hash, once the browser fetched it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPhoto {
    /// The address the pixels came from.
    pub url: String,
    /// The photo's signature (`reuse::photo::PhotoSignature::to_text`);
    /// `None` when the picture is not a usable photo.
    pub hash: Option<String>,
    /// Why there is no hash ("placeholder", "could not be fetched: …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub at: u64,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Pending,
    Done,
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckState {
    pub status: CheckStatus,
    pub at: u64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A finding the recruiter marked as explained: who, when and why, and
/// for which evidence (an explanation of "Bob" / "Robert" does not cover a
/// third name that turns up later).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub at: u64,
    pub by: String,
    pub reason: String,
    /// [`crate::rules::Finding::evidence_fingerprint`] when it was explained;
    /// `None` (older records) covers any evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Explanation {
    /// Whether this explanation still covers `finding`.
    pub fn covers(&self, finding: &crate::rules::Finding) -> bool {
        self.evidence.as_deref().is_none_or(|e| e == finding.evidence_fingerprint())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default = "default_schema")]
    pub schema: u32,
    /// 0 keeps data until deleted.
    #[serde(default = "default_retention")]
    pub retention_days: u32,
}

fn default_schema() -> u32 {
    SCHEMA
}

fn default_retention() -> u32 {
    DEFAULT_RETENTION_DAYS
}

impl Default for Settings {
    fn default() -> Self {
        Settings { schema: SCHEMA, retention_days: DEFAULT_RETENTION_DAYS }
    }
}

/// One persisted profile record. (Nested rather than `#[serde(flatten)]`:
/// flattening buffers through serde's generic content type, which costs
/// tens of KB of wasm.)
#[derive(Serialize, Deserialize)]
pub struct Record {
    pub schema: u32,
    pub key: String,
    pub stored: StoredProfile,
}

/// Why a document or a record could not be read. The caller keeps the
/// original text aside, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    Corrupt(String),
    NewerVersion(u32),
    /// Valid JSON, but not Vetter cases.
    NotCases,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Corrupt(why) => write!(f, "the stored cases could not be read ({why})"),
            StoreError::NewerVersion(v) => {
                write!(f, "written by a newer Vetter (format {v}); update Vetter to read it")
            }
            StoreError::NotCases => write!(f, "this file does not hold Vetter cases"),
        }
    }
}

impl std::error::Error for StoreError {}

/// Reads one profile record, upgrading older schemas.
pub fn read_record(key: &str, json: &str) -> Result<StoredProfile, StoreError> {
    #[derive(Deserialize)]
    struct Header {
        schema: u32,
    }
    let header: Header = serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if header.schema > SCHEMA {
        return Err(StoreError::NewerVersion(header.schema));
    }
    let record: Record = serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if record.key != key {
        return Err(StoreError::Corrupt(format!("record for {} stored under {key}", record.key)));
    }
    Ok(record.stored)
}

pub fn write_record(key: &str, stored: &StoredProfile) -> String {
    #[derive(Serialize)]
    struct RecordRef<'a> {
        schema: u32,
        key: &'a str,
        stored: &'a StoredProfile,
    }
    serde_json::to_string(&RecordRef { schema: SCHEMA, key, stored }).expect("records serialize")
}

/// Reads the schema-1 document (every profile in one JSON value).
pub fn read_v1_document(json: &str) -> Result<BTreeMap<String, StoredProfile>, StoreError> {
    #[derive(Deserialize)]
    struct V1 {
        version: u32,
        profiles: BTreeMap<String, V1Profile>,
    }
    #[derive(Deserialize)]
    struct V1Profile {
        profile: Profile,
        first_seen: u64,
        last_seen: u64,
    }
    let doc: V1 = serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if doc.version > 1 {
        return Err(StoreError::NewerVersion(doc.version));
    }
    Ok(doc
        .profiles
        .into_iter()
        .map(|(k, p)| {
            let mut s = StoredProfile::new(p.profile, p.first_seen);
            s.last_seen = p.last_seen;
            (k, s)
        })
        .collect())
}

/// An export: cases to share inside an agency, or a backup.
#[derive(Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub schema: u32,
    pub exported_at: u64,
    pub profiles: Vec<Record>,
}

/// Reads an export (or a schema-1 document) whole: all or nothing.
pub fn read_export(json: &str) -> Result<Vec<(String, StoredProfile)>, StoreError> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        schema: Option<u32>,
        version: Option<u32>,
    }
    let header: Header = match serde_json::from_str(json) {
        Ok(h) => h,
        Err(e) if e.is_data() => return Err(StoreError::NotCases),
        Err(e) => return Err(StoreError::Corrupt(e.to_string())),
    };
    if header.version.is_some() && header.format.is_none() {
        return Ok(read_v1_document(json)?.into_iter().collect());
    }
    if header.format.as_deref() != Some(EXPORT_FORMAT) {
        return Err(StoreError::NotCases);
    }
    let schema = header.schema.unwrap_or(0);
    if schema > SCHEMA {
        return Err(StoreError::NewerVersion(schema));
    }
    let export: Export = serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(export.profiles.into_iter().map(|r| (r.key, r.stored)).collect())
}

/// Longest text kept from an imported record's field (a bio is a few
/// thousand characters; a page's whole text is capped when read).
const MAX_IMPORTED_TEXT: usize = 20_000;
/// Most items kept from an imported list (jobs, links, messages…).
const MAX_IMPORTED_ITEMS: usize = 2_000;

/// An imported record, checked like a page: `None` when its key is not the
/// one its address gives (a record filed under another candidate's key
/// would join or overwrite that case), else the record with its dates no
/// later than `now_ms`, lists capped, and explanations that name no
/// evidence dropped. Its text was cleaned by [`clean_json_text`].
pub fn checked_import(key: &str, mut stored: StoredProfile, now_ms: u64) -> Option<StoredProfile> {
    let own_key = crate::sites::profile_key(&stored.profile.url);
    let key_fits = match own_key.as_deref() {
        Some(own) if own.starts_with("web:") => crate::sites::web_key_and_parents(own).any(|k| k == key),
        Some(own) => own == key,
        // Text the recruiter selected, and the CLI's saved folders.
        None => {
            key.strip_prefix("selection:").is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
                || key.starts_with("dir:")
        }
    };
    if !key_fits || key.len() > 2_000 {
        return None;
    }
    stored.first_seen = stored.first_seen.min(now_ms);
    stored.last_seen = stored.last_seen.clamp(stored.first_seen, now_ms.max(stored.first_seen));
    stored.explained.retain(|_, e| e.evidence.is_some());
    for e in stored.explained.values_mut() {
        e.at = e.at.min(now_ms);
    }
    for n in &mut stored.notes {
        n.at = n.at.min(now_ms);
    }
    stored.notes.truncate(MAX_IMPORTED_ITEMS);
    for v in &mut stored.verdicts {
        v.at = v.at.min(now_ms);
    }
    stored.verdicts.truncate(MAX_IMPORTED_ITEMS);
    let p = &mut stored.profile;
    for list in [&mut p.emails, &mut p.links, &mut p.languages, &mut p.phones] {
        list.truncate(MAX_IMPORTED_ITEMS);
    }
    p.work.truncate(MAX_IMPORTED_ITEMS);
    p.education.truncate(MAX_IMPORTED_ITEMS);
    p.skills.truncate(MAX_IMPORTED_ITEMS);
    p.reviews.truncate(MAX_IMPORTED_ITEMS);
    p.messages.truncate(MAX_IMPORTED_ITEMS);
    // Read from a file, not from GitHub: as long as the API would give.
    if let Some(history) = &mut stored.github {
        history.commits.truncate(crate::github::MAX_COMMITS);
        history.repos.truncate(crate::github::MAX_REPOS);
        history.fetched = history.fetched.min(i64::try_from(now_ms / 1000).unwrap_or(i64::MAX));
    }
    Some(stored)
}

/// A JSON document with every string cleaned as page text is: control
/// characters (escaped, as JSON writes them; line breaks and tabs stay) and
/// bidi controls (escaped or not) taken out, and each string capped at
/// [`MAX_IMPORTED_TEXT`] characters. Done on the text, before it is read,
/// so that every field of every record is covered.
pub fn clean_json_text(json: &str) -> String {
    let is_bidi = |c: u32| matches!(c, 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069);
    let mut out = String::with_capacity(json.len());
    let mut chars = json.chars().peekable();
    let (mut in_string, mut length) = (false, 0usize);
    while let Some(c) = chars.next() {
        if !in_string {
            in_string = c == '"';
            length = 0;
            out.push(c);
            continue;
        }
        match c {
            '"' => {
                in_string = false;
                out.push(c);
            }
            '\\' => {
                let Some(kind) = chars.next() else { break };
                let escape: String = if kind == 'u' {
                    let hex: String = std::iter::from_fn(|| chars.next_if(char::is_ascii_hexdigit)).take(4).collect();
                    let unit = u32::from_str_radix(&hex, 16).unwrap_or(0);
                    let dropped = hex.len() == 4 && ((unit < 0x20 && unit != 0x0a && unit != 0x09) || is_bidi(unit));
                    if dropped || (0xdc00..=0xdfff).contains(&unit) {
                        // A low surrogate is kept with its high one, below.
                        String::new()
                    } else if (0xd800..=0xdbff).contains(&unit) {
                        // A character outside the BMP: both halves or none, so
                        // the cap never splits them.
                        let mut low = chars.clone();
                        let pair: String = (0..6).filter_map(|_| low.next()).collect();
                        let low_unit = pair.strip_prefix("\\u").and_then(|h| u32::from_str_radix(h, 16).ok());
                        if low_unit.is_some_and(|u| (0xdc00..=0xdfff).contains(&u)) {
                            chars = low;
                            format!("\\u{hex}{pair}")
                        } else {
                            String::new()
                        }
                    } else {
                        format!("\\u{hex}")
                    }
                } else if matches!(kind, 'b' | 'f' | 'r') {
                    String::new()
                } else {
                    format!("\\{kind}")
                };
                if !escape.is_empty() && length < MAX_IMPORTED_TEXT {
                    out.push_str(&escape);
                    length += 1;
                }
            }
            c if is_bidi(c as u32) => {}
            c => {
                if length < MAX_IMPORTED_TEXT {
                    out.push(c);
                    length += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Imported text is cleaned on the JSON text: escaped controls and bidi
    /// marks out, characters outside the BMP kept whole (never a lone half,
    /// which JSON readers refuse), every string capped.
    #[test]
    fn imported_json_text_is_cleaned_and_stays_json() {
        let json =
            r#"{"a":"x\u0007y\u202Ez","b":"\ud83d\ude00 ok","c":"lone \ud83d end \ude00!","d":"\\u0007 stays text"}"#;
        let cleaned: serde_json::Value = serde_json::from_str(&clean_json_text(json)).expect("still JSON");
        assert_eq!(cleaned["a"], "xyz");
        assert_eq!(cleaned["b"], "\u{1f600} ok");
        assert_eq!(cleaned["c"], "lone  end !");
        assert_eq!(cleaned["d"], "\\u0007 stays text");
        // A pair at the cap counts as one character and is never split.
        let long = format!(r#"{{"s":"{}\ud83d\ude00"}}"#, "x".repeat(MAX_IMPORTED_TEXT - 1));
        let cleaned: serde_json::Value = serde_json::from_str(&clean_json_text(&long)).expect("still JSON");
        assert_eq!(cleaned["s"].as_str().unwrap().chars().count(), MAX_IMPORTED_TEXT);
    }
    use crate::model::{Site, Sourced};

    fn stored(at: u64, name: &str) -> StoredProfile {
        let mut p = Profile::empty("https://github.com/a1", Site::Github);
        p.name = Some(Sourced::new(name, "t"));
        StoredProfile::new(p, at)
    }

    #[test]
    fn records_round_trip_and_refuse_damage_newer_formats_and_misfiled_keys() {
        let s = stored(5, "Ann");
        let json = write_record("github:a1", &s);
        assert_eq!(read_record("github:a1", &json), Ok(s));
        assert!(matches!(read_record("github:a1", &json[..json.len() / 2]), Err(StoreError::Corrupt(_))));
        assert!(matches!(read_record("github:b2", &json), Err(StoreError::Corrupt(_))));
        let newer = json.replacen("\"schema\":2", "\"schema\":7", 1);
        assert!(newer.contains("\"schema\":7"));
        assert_eq!(read_record("github:a1", &newer), Err(StoreError::NewerVersion(7)));
    }

    #[test]
    fn the_version_1_document_migrates_with_its_dates() {
        let profile = serde_json::to_string(&stored(1, "Ann").profile).unwrap();
        let v1 = format!(
            r#"{{"version":1,"profiles":{{"github:a1":{{"profile":{profile},"first_seen":3,"last_seen":9}}}}}}"#
        );
        let migrated = read_v1_document(&v1).unwrap();
        assert_eq!((migrated["github:a1"].first_seen, migrated["github:a1"].last_seen), (3, 9));
        assert_eq!(read_export(&v1).unwrap().len(), 1);
        assert_eq!(read_export(r#"{"hello":1}"#).err(), Some(StoreError::NotCases));
    }

    #[test]
    fn merging_keeps_the_newer_page_and_everything_the_recruiter_wrote() {
        let mut mine = stored(10, "Ann");
        mine.notes.push(Note { at: 11, text: "called her".into() });
        mine.checklist.insert("video".into(), CheckState { status: CheckStatus::Done, at: 12, note: String::new() });
        let mut theirs = stored(20, "Ann Lee");
        theirs.first_seen = 2;
        theirs.notes.push(Note { at: 21, text: "ID checked".into() });
        theirs.checklist.insert("video".into(), CheckState { status: CheckStatus::Failed, at: 5, note: String::new() });
        mine.merge(theirs);
        assert_eq!(mine.profile.name.as_ref().unwrap().value, "Ann Lee");
        assert_eq!((mine.first_seen, mine.last_seen), (2, 20));
        assert_eq!(mine.notes.len(), 2);
        assert_eq!(mine.checklist["video"].status, CheckStatus::Done, "the later state wins");
    }
}
