//! The profiles a recruiter has seen, the cases they form, and what the
//! recruiter added (links, notes, checklist). In memory, with the indexes
//! that keep every query sub-linear; persisted record by record by the
//! caller (the extension's IndexedDB, the CLI's `--store DIR`), which asks
//! [`Store::take_changes`] what to write after each change.

pub mod graph;
pub mod records;
mod reuse;

/// The persona graph's types, for views.
pub mod graph_types {
    pub use super::reuse::{GraphEdge, GraphNode, PersonaGraph};
}

use crate::model::Profile;
use crate::reuse::photo::{PhotoIndex, PhotoSignature};
use crate::reuse::text::TextIndex;
use crate::rules::shared_identifier::identifier_keys;
use crate::sites;
use graph::KeyIndex;
use records::{
    CheckState, CheckStatus, Explanation, Note, Settings, StoreError, StoredPhoto, StoredProfile, Verdict, VerdictKind,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub use records::{DEFAULT_RETENTION_DAYS, SCHEMA};

const DAY_MS: u64 = 86_400_000;
/// Longest note kept, in characters.
const MAX_NOTE_CHARS: usize = 2_000;
/// Longest name a verdict is signed with.
const MAX_NAME_CHARS: usize = 100;

/// Automatic linking (the extension), or only the links the caller makes
/// (the CLI, where each folder is one case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Linking {
    Automatic,
    Explicit,
}

pub struct Store {
    profiles: BTreeMap<String, StoredProfile>,
    settings: Settings,
    linking: Linking,
    /// e-mail / phone / handle → profiles (linking one candidate's profiles).
    linking_ids: KeyIndex,
    /// page key → profiles linking to that page.
    linkers: KeyIndex,
    /// Identifiers of `SHARED_IDENTIFIER` → profiles.
    shared_ids: KeyIndex,
    /// Folded, sorted name → profiles (link suggestions).
    names: KeyIndex,
    texts: TextIndex<String>,
    photos: PhotoIndex<String>,
    changed: BTreeSet<String>,
    deleted: BTreeSet<String>,
    settings_changed: bool,
}

/// What to write after a change: profile records to put (key, JSON) and to
/// delete, and the settings record when it changed.
#[derive(Debug, Default, Serialize)]
pub struct Changes {
    pub put: Vec<(String, String)>,
    pub delete: Vec<String>,
    pub settings: Option<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.put.is_empty() && self.delete.is_empty() && self.settings.is_none()
    }
}

/// A record that could not be loaded, and why; the caller sets it aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub key: String,
    pub reason: String,
}

/// A profile of another case that may be this candidate's (same name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Suggestion {
    pub key: String,
    pub label: String,
    pub url: String,
    pub reason: String,
}

impl Default for Store {
    fn default() -> Self {
        Store::new()
    }
}

impl Store {
    pub fn new() -> Self {
        Store::with_linking(Linking::Automatic)
    }

    pub fn with_linking(linking: Linking) -> Self {
        Store {
            profiles: BTreeMap::new(),
            settings: Settings::default(),
            linking,
            linking_ids: KeyIndex::default(),
            linkers: KeyIndex::default(),
            shared_ids: KeyIndex::default(),
            names: KeyIndex::default(),
            texts: TextIndex::default(),
            photos: PhotoIndex::default(),
            changed: BTreeSet::new(),
            deleted: BTreeSet::new(),
            settings_changed: false,
        }
    }

    /// Loads persisted records one by one: a damaged or newer record is
    /// returned as rejected (for the caller to set aside), never dropped
    /// silently, and never stops the others from loading.
    pub fn load_records<'a>(&mut self, records: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<Rejected> {
        let mut rejected = Vec::new();
        for (key, json) in records {
            match records::read_record(key, json) {
                Ok(stored) => self.put(key.to_string(), stored),
                Err(e) => rejected.push(Rejected { key: key.to_string(), reason: e.to_string() }),
            }
        }
        rejected
    }

    /// Loads the settings record; a damaged one leaves the defaults.
    pub fn load_settings(&mut self, json: &str) -> Result<(), StoreError> {
        let settings: Settings = serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if settings.schema > SCHEMA {
            return Err(StoreError::NewerVersion(settings.schema));
        }
        self.settings = settings;
        Ok(())
    }

    /// Reads a schema-1 document (one JSON value holding every profile);
    /// every profile becomes a changed record for the caller to write.
    pub fn migrate_v1(&mut self, json: &str) -> Result<usize, StoreError> {
        let profiles = records::read_v1_document(json)?;
        let n = profiles.len();
        // Merged, not put: when an earlier migration's write failed, the old
        // document is still there while newer records may already be stored.
        for (key, stored) in profiles {
            self.merge_in(key, stored);
        }
        Ok(n)
    }

    /// Adds `stored` at `key`, merged with what is stored there.
    fn merge_in(&mut self, key: String, stored: StoredProfile) {
        let merged = match self.take(&key) {
            Some(mut mine) => {
                mine.merge(stored);
                mine
            }
            None => stored,
        };
        self.put(key.clone(), merged);
        self.changed.insert(key);
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn set_retention_days(&mut self, days: u32) {
        self.settings.retention_days = days;
        self.settings_changed = true;
    }

    /// What changed since the last call, for the caller to persist.
    pub fn take_changes(&mut self) -> Changes {
        let put = std::mem::take(&mut self.changed)
            .into_iter()
            .filter_map(|k| self.profiles.get(&k).map(|s| (k.clone(), records::write_record(&k, s))))
            .collect();
        let settings = std::mem::take(&mut self.settings_changed)
            .then(|| serde_json::to_string(&self.settings).expect("settings serialize"));
        Changes { put, delete: std::mem::take(&mut self.deleted).into_iter().collect(), settings }
    }

    /// Writing failed (quota, a closed database): these stay to be written.
    pub fn mark_unsaved(&mut self, put: impl IntoIterator<Item = String>, delete: impl IntoIterator<Item = String>) {
        self.changed.extend(put.into_iter().filter(|k| self.profiles.contains_key(k)));
        self.deleted.extend(delete.into_iter().filter(|k| !self.profiles.contains_key(k)));
    }

    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&StoredProfile> {
        self.profiles.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.profiles.keys()
    }

    /// Adds or refreshes a profile; returns its key, or `None` when the
    /// page held no profile.
    pub fn ingest(&mut self, profile: Profile, now_ms: u64) -> Option<String> {
        let mut key = sites::profile_key(&profile.url)?;
        // A page under a linked personal site is that site's profile.
        if let Some(linked) = self.linked_key(&key) {
            key = linked.to_string();
        }
        self.ingest_keyed(key, profile, now_ms)
    }

    /// [`Store::ingest`], recording the SHA-256 of the page snapshot it was read from.
    pub fn ingest_snapshot(&mut self, profile: Profile, sha256: Option<String>, now_ms: u64) -> Option<String> {
        let key = self.ingest(profile, now_ms)?;
        let sha = sha256.filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        if let Some(s) = self.profiles.get_mut(&key) {
            s.snapshot_sha256 = sha;
        }
        Some(key)
    }

    /// [`Store::ingest`] under a key the caller chose (the CLI's files).
    pub fn ingest_keyed(&mut self, key: String, profile: Profile, now_ms: u64) -> Option<String> {
        if profile.is_empty() {
            return None;
        }
        let stored = match self.take(&key) {
            Some(mut old) => {
                if old.photo.as_ref().map(|p| Some(&p.url)) != Some(profile.photo.as_ref().map(|p| &p.value)) {
                    old.photo = None; // a new picture: hash it again
                }
                old.profile = profile;
                old.last_seen = now_ms;
                old
            }
            None => StoredProfile::new(profile, now_ms),
        };
        self.put(key.clone(), stored);
        self.changed.insert(key.clone());
        Some(key)
    }

    /// Adds text the user selected on a page ("Analyse selection with
    /// Vetter") as a message thread, in the case of the page's profile.
    pub fn ingest_selection(&mut self, page_url: &str, text: &str, now_ms: u64) -> Option<String> {
        let thread = crate::extract::selection(page_url, text)?;
        let key = format!("selection:{:016x}", fnv1a(text.as_bytes()));
        self.ingest_keyed(key, thread, now_ms)
    }

    /// Adds a stored profile with every index entry it needs.
    fn put(&mut self, key: String, stored: StoredProfile) {
        self.unindex(&key);
        let p = &stored.profile;
        for id in graph::linking_ids(p) {
            self.linking_ids.add(id, &key);
        }
        for page in graph::linked_pages(p) {
            self.linkers.add(page, &key);
        }
        for id in stored_identifier_keys(&stored) {
            self.shared_ids.add(id, &key);
        }
        if let Some(n) = graph::name_key(p) {
            self.names.add(n, &key);
        }
        for (_, text) in crate::rules::reuse::candidate_texts(p) {
            self.texts.insert(key.clone(), &text);
        }
        if let Some(signature) =
            stored.photo.as_ref().and_then(|ph| ph.hash.as_deref()).and_then(PhotoSignature::from_text)
        {
            self.photos.insert(key.clone(), signature);
        }
        self.profiles.insert(key, stored);
    }

    /// Removes a profile and its index entries, returning it.
    fn take(&mut self, key: &str) -> Option<StoredProfile> {
        self.unindex(key);
        self.profiles.remove(key)
    }

    fn unindex(&mut self, key: &str) {
        let Some(stored) = self.profiles.get(key) else { return };
        let p = &stored.profile;
        for id in graph::linking_ids(p) {
            self.linking_ids.remove(&id, key);
        }
        for page in graph::linked_pages(p) {
            self.linkers.remove(&page, key);
        }
        for id in stored_identifier_keys(stored) {
            self.shared_ids.remove(&id, key);
        }
        if let Some(n) = graph::name_key(p) {
            self.names.remove(&n, key);
        }
        let texts = crate::rules::reuse::candidate_texts(p);
        self.texts.remove(&key.to_string(), texts.iter().map(|(_, t)| t));
        self.photos.remove(&key.to_string());
    }

    /// Is `url` a page that a stored profile links to, or a page under one
    /// (a candidate's personal site)? Such pages are read like the supported
    /// sites.
    pub fn is_linked(&self, url: &str) -> bool {
        sites::profile_key(url).is_some_and(|key| self.linked_key(&key).is_some())
    }

    /// The personal sites the profiles of `key`'s case link to (their
    /// addresses as linked), for the extension to ask the recruiter before
    /// it may read them.
    pub fn linked_sites(&self, key: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .case_of(key)
            .iter()
            .flat_map(|k| self.profiles[k].profile.links.iter())
            .filter(|l| sites::profile_key(&l.value).is_some_and(|k| k.starts_with("web:")))
            .map(|l| l.value.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The key of the linked address that covers `key`: itself, or for a
    /// page of a personal site the linked folder it is under.
    fn linked_key<'k>(&self, key: &'k str) -> Option<&'k str> {
        if !key.starts_with("web:") {
            return self.linkers.get(key).next().is_some().then_some(key);
        }
        sites::web_key_and_parents(key).find(|k| self.linkers.get(k).next().is_some())
    }

    /// Profiles directly linked to `key`, automatically or by hand, minus
    /// those the recruiter separated from it.
    fn neighbours(&self, key: &str) -> BTreeSet<String> {
        let Some(me) = self.profiles.get(key) else { return BTreeSet::new() };
        let p = &me.profile;
        let mut out = BTreeSet::new();
        if self.linking == Linking::Automatic {
            out.extend(graph::linked_pages(p).into_iter().filter(|k| self.profiles.contains_key(k)));
            out.extend(self.linkers.get(key).cloned());
            for id in graph::linking_ids(p) {
                for other in self.linking_ids.get(&id) {
                    if graph::names_agree(p, &self.profiles[other].profile) {
                        out.insert(other.clone());
                    }
                }
            }
        }
        out.extend(me.linked_to.iter().filter(|k| self.profiles.contains_key(*k)).cloned());
        out.remove(key);
        out.retain(|k| !me.kept_apart.contains(k) && !self.profiles[k].kept_apart.contains(key));
        out
    }

    /// The keys of every profile in the same case as `key` (itself included).
    pub fn case_of(&self, key: &str) -> Vec<String> {
        if !self.profiles.contains_key(key) {
            return Vec::new();
        }
        let mut case = BTreeSet::from([key.to_string()]);
        let mut frontier = vec![key.to_string()];
        while let Some(current) = frontier.pop() {
            for n in self.neighbours(&current) {
                if case.insert(n.clone()) {
                    frontier.push(n);
                }
            }
        }
        case.into_iter().collect()
    }

    /// Every case, each as its profile keys.
    pub fn cases(&self) -> Vec<Vec<String>> {
        self.group_into_cases(self.profiles.keys().cloned())
    }

    /// "GitHub: Jin Park": how a case is named in evidence and lists; a
    /// CLI case is named by its folder, "demo/daniel-kim (Daniel K.)".
    pub fn case_label(&self, case: &[String]) -> String {
        if let Some(folder) = case.first().and_then(|k| k.strip_prefix("dir:")).and_then(|k| k.split('|').next()) {
            let name = case.iter().filter_map(|k| self.profiles.get(k)).find_map(|s| s.profile.name.as_ref());
            return match name {
                Some(n) => format!("{folder} ({})", n.value),
                None => folder.to_string(),
            };
        }
        let profiles = case.iter().filter_map(|k| self.profiles.get(k)).map(|s| &s.profile);
        let mut named = profiles.clone().filter(|p| p.name.is_some() && p.kind == crate::model::PageKind::Profile);
        match named.next().or_else(|| profiles.clone().find(|p| p.name.is_some())) {
            Some(p) => p.label(),
            None => case.first().cloned().unwrap_or_default(),
        }
    }

    /// Joins two profiles' cases (a manual link; "merge" is the same).
    pub fn link(&mut self, a: &str, b: &str) -> bool {
        if a == b || !self.profiles.contains_key(a) || !self.profiles.contains_key(b) {
            return false;
        }
        for (x, y) in [(a, b), (b, a)] {
            let s = self.profiles.get_mut(x).expect("checked");
            s.linked_to.insert(y.to_string());
            s.kept_apart.remove(y);
            self.changed.insert(x.to_string());
        }
        true
    }

    /// Separates `group` from the rest of its case (unlink one profile, or
    /// split a case in two). Returns false when there is nothing to split.
    pub fn separate(&mut self, group: &[String]) -> bool {
        let Some(first) = group.first() else { return false };
        let case = self.case_of(first);
        let group: BTreeSet<&String> = group.iter().filter(|k| case.contains(k)).collect();
        let rest: Vec<&String> = case.iter().filter(|k| !group.contains(k)).collect();
        if group.is_empty() || rest.is_empty() {
            return false;
        }
        // What the recruiter wrote about the case sits on one of its
        // profiles: both halves keep a copy.
        let mut written = StoredProfile::new(Profile::empty("", crate::model::Site::Generic), 0);
        for k in &case {
            written.add_annotations_of(&self.profiles[k]);
        }
        let heirs: Vec<String> = [group.iter().next().map(|k| (*k).clone()), rest.first().map(|k| (*k).clone())]
            .into_iter()
            .flatten()
            .collect();
        for g in &group {
            for r in &rest {
                for (x, y) in [(*g, *r), (*r, *g)] {
                    let s = self.profiles.get_mut(x).expect("in the case");
                    s.linked_to.remove(y);
                    s.kept_apart.insert(y.clone());
                    self.changed.insert(x.clone());
                }
            }
        }
        if written.has_annotations() {
            for heir in heirs {
                self.profiles.get_mut(&heir).expect("in the case").add_annotations_of(&written);
            }
        }
        true
    }

    /// Records a recruiter's verdict on the case of `key` (kept with the
    /// verdicts before it). False for an unknown profile or a verdict
    /// without a name to sign it.
    pub fn set_verdict(&mut self, key: &str, verdict: VerdictKind, reason: &str, by: &str, now_ms: u64) -> bool {
        self.set_verdict_sharing(key, verdict, reason, by, now_ms, false)
    }

    /// [`Store::set_verdict`], sharing the case in full with the team
    /// (`shared`) for as long as it is this recruiter's standing verdict.
    pub fn set_verdict_sharing(
        &mut self,
        key: &str,
        verdict: VerdictKind,
        reason: &str,
        by: &str,
        now_ms: u64,
        shared: bool,
    ) -> bool {
        let by = crate::text::clean(by, MAX_NAME_CHARS);
        let Some(s) = self.profiles.get_mut(key).filter(|_| !by.is_empty()) else { return false };
        let reason = crate::text::clean(reason, MAX_NOTE_CHARS);
        s.verdicts.push(Verdict { verdict, reason, by, at: now_ms, shared });
        self.changed.insert(key.to_string());
        true
    }

    pub fn add_note(&mut self, key: &str, text: &str, now_ms: u64) -> bool {
        let text = crate::text::clean(text, MAX_NOTE_CHARS);
        let Some(s) = self.profiles.get_mut(key).filter(|_| !text.is_empty()) else { return false };
        s.notes.push(Note { at: now_ms, text });
        self.changed.insert(key.to_string());
        true
    }

    pub fn set_check(&mut self, key: &str, item: &str, status: CheckStatus, note: &str, now_ms: u64) -> bool {
        if !crate::checklist::is_item(item) {
            return false;
        }
        let Some(s) = self.profiles.get_mut(key) else { return false };
        let note = crate::text::clean(note, MAX_NOTE_CHARS);
        s.checklist.insert(item.to_string(), CheckState { status, at: now_ms, note });
        self.changed.insert(key.to_string());
        true
    }

    /// Enters or corrects a field of the profile at `key` by hand (an empty
    /// value takes the entry back, and the page's value counts again).
    /// False for an unknown profile or a field that cannot be entered.
    pub fn enter_field(&mut self, key: &str, field: &str, value: &str, by: &str, now_ms: u64) -> bool {
        if !records::ENTERABLE_FIELDS.contains(&field) {
            return false;
        }
        let Some(s) = self.profiles.get_mut(key) else { return false };
        let value = crate::text::clean(value, crate::text::MAX_FIELD_CHARS);
        if value.is_empty() {
            s.entered.remove(field);
        } else {
            let by = crate::text::clean(by, 100);
            s.entered.insert(field.to_string(), records::Entered { value, by, at: now_ms });
        }
        self.changed.insert(key.to_string());
        true
    }

    /// Marks a finding of `key`'s case as explained, for the evidence whose
    /// fingerprint is `evidence` (the finding as shown now; see
    /// `analysis::CaseViews::explain`, which reads it from the case view).
    pub fn explain_evidence(
        &mut self,
        key: &str,
        finding: &str,
        by: &str,
        reason: &str,
        evidence: Option<String>,
        now_ms: u64,
    ) -> bool {
        let reason = crate::text::clean(reason, MAX_NOTE_CHARS);
        let Some(s) = self.profiles.get_mut(key).filter(|_| !reason.is_empty()) else { return false };
        let by = crate::text::clean(by, 100);
        s.explained.insert(finding.to_string(), Explanation { at: now_ms, by, reason, evidence });
        self.changed.insert(key.to_string());
        true
    }

    /// Records a photo's pixels (decoded by the browser or the CLI) for the
    /// profile whose photo is at `url`; false when that is no longer its photo.
    pub fn set_photo(&mut self, key: &str, url: &str, width: u32, height: u32, rgba: &[u8]) -> bool {
        let result = crate::reuse::photo::signature_rgba(width, height, rgba);
        let photo = match result {
            Ok(signature) => StoredPhoto { url: url.into(), hash: Some(signature.to_text()), skipped: None },
            Err(why) => StoredPhoto { url: url.into(), hash: None, skipped: Some(format!("{why:?}").to_lowercase()) },
        };
        self.set_photo_record(key, photo)
    }

    /// The photo could not be fetched or decoded: remember why, so the
    /// worker does not try again on every visit.
    pub fn photo_failed(&mut self, key: &str, url: &str, why: &str) -> bool {
        let photo = StoredPhoto { url: url.into(), hash: None, skipped: Some(crate::text::clean(why, 200)) };
        self.set_photo_record(key, photo)
    }

    /// Records an already computed photo signature (a store import, the benchmark).
    pub fn set_photo_signature(&mut self, key: &str, url: &str, signature: &PhotoSignature) -> bool {
        self.set_photo_record(key, StoredPhoto { url: url.into(), hash: Some(signature.to_text()), skipped: None })
    }

    fn set_photo_record(&mut self, key: &str, photo: StoredPhoto) -> bool {
        let Some(stored) = self.profiles.get_mut(key) else { return false };
        if stored.profile.photo.as_ref().map(|p| &p.value) != Some(&photo.url) {
            return false;
        }
        let signature = photo.hash.as_deref().and_then(PhotoSignature::from_text);
        stored.photo = Some(photo);
        match signature {
            Some(h) => self.photos.insert(key.to_string(), h),
            None => self.photos.remove(&key.to_string()),
        }
        self.changed.insert(key.to_string());
        true
    }

    /// The photo address to fetch for `key`, if it has one not yet hashed
    /// and not a known placeholder.
    pub fn photo_to_fetch(&self, key: &str) -> Option<String> {
        let s = self.profiles.get(key)?;
        let url = &s.profile.photo.as_ref()?.value;
        // A photo hashed by an earlier version (Blockhash) is fetched again.
        let fresh = s
            .photo
            .as_ref()
            .is_none_or(|p| &p.url != url || p.hash.as_deref().is_some_and(|h| PhotoSignature::from_text(h).is_none()));
        (fresh && sites::parse(url).is_some() && !crate::reuse::photo::is_placeholder_address(url)).then(|| url.clone())
    }

    /// The GitHub login whose public history to fetch for `key` (a GitHub
    /// profile with none, or one older than [`crate::github::MAX_AGE`]).
    pub fn github_to_fetch(&self, key: &str, now_ms: u64) -> Option<String> {
        let s = self.profiles.get(key)?;
        let login = crate::github::login_of(&s.profile)?;
        let now = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
        if s.github.as_ref().is_some_and(|h| now - h.fetched < crate::github::MAX_AGE && h.fetched <= now) {
            return None;
        }
        Some(login.to_string())
    }

    /// What to request next for `key`'s GitHub account, given the answers
    /// so far (see [`crate::github::requests`]).
    pub fn github_requests(&self, key: &str, answers: &crate::github::Answers) -> Vec<crate::github::Request> {
        let Some(s) = self.profiles.get(key) else { return Vec::new() };
        let Some(login) = crate::github::login_of(&s.profile) else { return Vec::new() };
        crate::github::requests(login, s.github.as_ref(), answers)
    }

    /// Records the history made from the answers fetched for `key`'s GitHub
    /// account; `Ok(false)` when `key` is no longer a stored GitHub profile.
    pub fn set_github_answers(
        &mut self,
        key: &str,
        answers: &crate::github::Answers,
        now_ms: u64,
    ) -> Result<bool, String> {
        let Some(s) = self.profiles.get(key) else { return Ok(false) };
        let Some(login) = crate::github::login_of(&s.profile) else { return Ok(false) };
        let now = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
        let history = crate::github::History::assemble(login, s.github.as_ref(), answers, now)?;
        Ok(self.set_github(key, history))
    }

    /// Records the public history fetched for `key`'s GitHub account.
    pub fn set_github(&mut self, key: &str, history: crate::github::History) -> bool {
        let Some(mut stored) = self.take(key) else { return false };
        let is_github = stored.profile.site == crate::model::Site::Github;
        if is_github {
            stored.github = Some(history);
            self.changed.insert(key.to_string());
        }
        // Put back (indexed again: the account's commit e-mails are identifiers).
        self.put(key.to_string(), stored);
        is_github
    }

    fn remove_keys(&mut self, keys: &[String]) -> usize {
        let mut n = 0;
        for k in keys {
            if self.take(k).is_some() {
                self.changed.remove(k);
                self.deleted.insert(k.clone());
                n += 1;
            }
        }
        // Manual links and separations pointing at them go too.
        let gone: BTreeSet<&String> = keys.iter().collect();
        let touched: Vec<String> = self
            .profiles
            .iter()
            .filter(|(_, s)| s.linked_to.iter().chain(&s.kept_apart).any(|k| gone.contains(k)))
            .map(|(k, _)| k.clone())
            .collect();
        for k in touched {
            let s = self.profiles.get_mut(&k).expect("listed");
            s.linked_to.retain(|x| !gone.contains(x));
            s.kept_apart.retain(|x| !gone.contains(x));
            self.changed.insert(k);
        }
        n
    }

    /// Deletes every profile of `key`'s case; returns how many.
    pub fn delete_case(&mut self, key: &str) -> usize {
        let case = self.case_of(key);
        self.remove_keys(&case)
    }

    pub fn delete_all(&mut self) -> usize {
        let keys: Vec<String> = self.profiles.keys().cloned().collect();
        self.remove_keys(&keys)
    }

    /// Forgets profiles not seen for longer than the retention period;
    /// returns how many.
    pub fn purge_expired(&mut self, now_ms: u64) -> usize {
        let days = u64::from(self.settings.retention_days);
        if days == 0 {
            return 0;
        }
        let cutoff = now_ms.saturating_sub(days * DAY_MS);
        let old: Vec<String> =
            self.profiles.iter().filter(|(_, s)| s.last_seen < cutoff).map(|(k, _)| k.clone()).collect();
        // A case outlives its oldest profiles: what the recruiter wrote on
        // one of them moves to a profile of the case that stays.
        let expiring: BTreeSet<&String> = old.iter().collect();
        for k in &old {
            if !self.profiles[k].has_annotations() {
                continue;
            }
            if let Some(heir) = self.case_of(k).into_iter().find(|m| !expiring.contains(m)) {
                let from = self.profiles[k].clone();
                self.profiles.get_mut(&heir).expect("in the case").add_annotations_of(&from);
                self.changed.insert(heir);
            }
        }
        self.remove_keys(&old)
    }

    /// An export of the cases of `keys` (every case when empty), as JSON.
    pub fn export(&self, keys: &[String], now_ms: u64) -> String {
        let chosen: BTreeSet<String> = if keys.is_empty() {
            self.profiles.keys().cloned().collect()
        } else {
            keys.iter().flat_map(|k| self.case_of(k)).collect()
        };
        let profiles = chosen
            .iter()
            .map(|k| records::Record { schema: SCHEMA, key: k.clone(), stored: self.profiles[k].clone() })
            .collect();
        let export =
            records::Export { format: records::EXPORT_FORMAT.into(), schema: SCHEMA, exported_at: now_ms, profiles };
        serde_json::to_string_pretty(&export).expect("exports serialize")
    }

    /// Imports an export (or a schema-1 document), merging with what is
    /// stored: nothing is imported from a file that does not read. A file
    /// comes from anywhere, so it is checked like a page
    /// ([`records::clean_json_text`], [`records::checked_import`]): a record filed under a key its address
    /// does not give is left out, dates are not after `now_ms`, text is
    /// cleaned and capped, and an explanation that does not say which
    /// evidence it explained is dropped (it would cover any evidence).
    /// Returns how many records were imported and how many left out.
    pub fn import(&mut self, json: &str, now_ms: u64) -> Result<(usize, usize), StoreError> {
        let incoming = records::read_export(&records::clean_json_text(json))?;
        let (mut imported, mut refused) = (0, 0);
        for (key, stored) in incoming {
            match records::checked_import(&key, stored, now_ms) {
                Some(stored) => {
                    self.merge_in(key, stored);
                    imported += 1;
                }
                None => refused += 1,
            }
        }
        Ok((imported, refused))
    }

    /// Findings of texts and photos of `case` found in other cases.
    pub fn reuse_findings_of(&self, case: &[String]) -> Vec<crate::rules::Finding> {
        self.reuse_findings(case).findings
    }

    /// Cases other than `case` holding one of its identifiers.
    pub fn cases_sharing_identifiers(&self, case: &[String]) -> Vec<Vec<String>> {
        let members: BTreeSet<&String> = case.iter().collect();
        let mut found: BTreeSet<String> = BTreeSet::new();
        for k in case {
            for id in stored_identifier_keys(&self.profiles[k]) {
                found.extend(self.shared_ids.get(&id).filter(|o| !members.contains(o)).cloned());
            }
        }
        self.group_into_cases(found)
    }

    fn group_into_cases(&self, keys: impl IntoIterator<Item = String>) -> Vec<Vec<String>> {
        let mut done = BTreeSet::new();
        let mut out = Vec::new();
        for k in keys {
            if !done.contains(&k) {
                let c = self.case_of(&k);
                done.extend(c.iter().cloned());
                out.push(c);
            }
        }
        out
    }

    /// Profiles of other cases with the same name as one of this case:
    /// suggested links, never made automatically.
    /// Profiles of other cases with the same name as one of `case`: links to suggest.
    pub fn suggestions(&self, case: &[String]) -> Vec<Suggestion> {
        let members: BTreeSet<&String> = case.iter().collect();
        let mut out: Vec<Suggestion> = Vec::new();
        for k in case {
            let me = &self.profiles[k];
            let Some(name) = graph::name_key(&me.profile) else { continue };
            for other in self.names.get(&name).filter(|o| !members.contains(o)) {
                let them = &self.profiles[other];
                if me.kept_apart.contains(other) || them.kept_apart.contains(k) || out.iter().any(|s| &s.key == other) {
                    continue;
                }
                out.push(Suggestion {
                    key: other.clone(),
                    label: them.profile.label(),
                    url: them.profile.url.clone(),
                    reason: crate::i18n::ui_with("suggestSameName", &[&me.profile.label()]),
                });
            }
        }
        out
    }
}

/// A stable, dependency-free hash for keys (FNV-1a, 64 bit).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The identifier index keys of a stored profile: its page's, and the
/// e-mails its GitHub account commits with (when fetched).
pub(crate) fn stored_identifier_keys(stored: &StoredProfile) -> Vec<String> {
    let mut keys = identifier_keys(std::slice::from_ref(&stored.profile), &[]);
    if let Some(history) = &stored.github {
        keys.extend(crate::rules::shared_identifier::commit_email_keys(history));
    }
    keys
}

#[cfg(test)]
mod tests;
