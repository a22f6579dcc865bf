//! Agency mode (issue #18): what a team shares about a case a recruiter
//! gave a verdict on, and what a case has in common with what the team
//! shared.
//!
//! A team record holds the case's verdicts (with who gave them, when and
//! why), keyed hashes of its identifiers (e-mails, phones, messenger
//! handles, wallets, payment accounts, profile addresses), keyed MinHash
//! signatures of its bios and messages, the shareable bits of its photos
//! (`reuse::photo::shared`, moved and masked with the team key), and the ids
//! of the rules that fired. Never names, pages, texts, photos or notes. The key is the team's
//! secret, which never leaves the members' machines: the team's server
//! stores tags it cannot reverse or test guesses against, and members
//! compare them by computing the same tags for what they see.
//!
//! Every record read from a server is checked ([`TeamRecord::checked`]):
//! a malformed or hostile document is refused with its reason, never
//! half-used.

use crate::analysis::{finish_explained, CaseView, TeamSharedCase};
use crate::i18n::{ui, ui_with};
use crate::reuse::photo::shared::{SharedPhoto, SharedPhotoSet, SharedQuery, SHARED_PHOTO_BYTES, SHARED_SAME_PHOTO};
use crate::reuse::photo::PhotoSignature;
use crate::reuse::text::Prepared;
use crate::rules::{Evidence, Finding, Severity};
use crate::store::records::{merge_verdicts, standing_verdicts, Verdict, VerdictKind};
use crate::store::Store;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::collections::{BTreeSet, HashMap};

pub const ID: &str = "TEAM_MATCH";
/// `type` of a team record document.
pub const RECORD_TYPE: &str = "vetter-team-case";
pub const RECORD_SCHEMA: u32 = 1;
/// Shortest team secret accepted.
pub const MIN_SECRET_CHARS: usize = 16;
/// How the command line keys the profiles it reads (`dir:<folder>|<page>`).
pub const CLI_KEY_PREFIX: &str = "dir:";

/// Hex digits of a tag (128 bits of HMAC-SHA-256).
const TAG_HEX: usize = 32;
/// MinHash functions per template signature, in bands of `ROWS`.
const HASHES: usize = 64;
const ROWS: usize = 4;
/// Estimated similarity from which two texts are the same template.
const SAME_TEMPLATE: f32 = 0.5;

// What a record may hold; more is refused as hostile.
const MAX_IDENTIFIERS: usize = 500;
const MAX_TEMPLATES: usize = 50;
const MAX_PHOTOS: usize = 20;
const MAX_RULES: usize = 100;
const MAX_VERDICTS: usize = 200;
const MAX_REASON_CHARS: usize = 2_000;
const MAX_NAME_CHARS: usize = 100;
/// Largest case shared in full (a team document may hold 2 MB in all).
const MAX_SHARED_CASE_BYTES: usize = 1_500_000;

/// The team's secret, ready to tag with.
#[derive(Clone)]
pub struct TeamKey {
    mac: Hmac<Sha256>,
    /// Seeds of the keyed MinHash functions.
    seeds: [u64; HASHES],
    /// Where each bit of a shared photo goes, and the mask laid over it.
    photo_order: Vec<u16>,
    photo_mask: Vec<u8>,
}

impl std::fmt::Debug for TeamKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TeamKey(…)")
    }
}

impl TeamKey {
    pub fn new(secret: &str) -> Result<TeamKey, String> {
        if secret.chars().count() < MIN_SECRET_CHARS {
            return Err(format!("the team secret needs at least {MIN_SECRET_CHARS} characters"));
        }
        let mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|e| e.to_string())?;
        let mut key = TeamKey { mac, seeds: [0; HASHES], photo_order: Vec::new(), photo_mask: Vec::new() };
        let word =
            |key: &TeamKey, label: &str| u64::from_le_bytes(key.raw_tag(label)[..8].try_into().expect("32 bytes"));
        let seeds: Vec<u64> = (0..HASHES).map(|i| word(&key, &format!("minhash:{i}"))).collect();
        key.seeds.copy_from_slice(&seeds);
        // A keyed shuffle (Fisher-Yates) of the photo bits and a keyed mask.
        let bits = SHARED_PHOTO_BYTES * 8;
        let mut order: Vec<u16> = (0..bits as u16).collect();
        let mut state = word(&key, "photo-order");
        for i in (1..bits).rev() {
            state = crate::reuse::mix(state);
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        key.photo_order = order;
        key.photo_mask = (0..).flat_map(|i| key.raw_tag(&format!("photo-mask:{i}"))).take(SHARED_PHOTO_BYTES).collect();
        Ok(key)
    }

    fn raw_tag(&self, text: &str) -> [u8; 32] {
        let mut mac = self.mac.clone();
        mac.update(text.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The tag of `text` (an identifier key such as `phone:+14705550123`).
    pub fn tag(&self, text: &str) -> String {
        self.raw_tag(text)[..TAG_HEX / 2].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The tag a team's check document holds: members who typed another
    /// secret get another tag, and are told before they push anything.
    pub fn check(&self) -> String {
        self.tag("vetter-team-check")
    }

    /// A text's keyed MinHash signature (16 bits per function), as hex.
    fn template(&self, text: &Prepared) -> String {
        let mut minima = [u16::MAX; HASHES];
        for shingle in text.shingle_set() {
            for (slot, seed) in minima.iter_mut().zip(&self.seeds) {
                *slot = (*slot).min((crate::reuse::mix(shingle ^ seed) >> 48) as u16);
            }
        }
        minima.iter().map(|m| format!("{m:04x}")).collect()
    }
}

impl TeamKey {
    /// A photo's shareable bits as a record holds them: each bit moved to a
    /// place and masked, both chosen by the team secret, so that the server
    /// can neither read them nor lay them out as a picture.
    fn photo(&self, photo: &SharedPhoto) -> String {
        let plain = photo.to_bytes();
        let mut out = self.photo_mask.clone();
        for (from, to) in self.photo_order.iter().enumerate() {
            let to = usize::from(*to);
            out[to / 8] ^= ((plain[from / 8] >> (from % 8)) & 1) << (to % 8);
        }
        out.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The bits back from a record's form; `None` for a malformed one.
    fn unkeyed_photo(&self, hex: &str) -> Option<SharedPhoto> {
        let keyed = parse_hex(hex, SHARED_PHOTO_BYTES)?;
        let mut plain = vec![0u8; SHARED_PHOTO_BYTES];
        for (from, to) in self.photo_order.iter().enumerate() {
            let to = usize::from(*to);
            let bit = ((keyed[to / 8] ^ self.photo_mask[to / 8]) >> (to % 8)) & 1;
            plain[from / 8] |= bit << (from % 8);
        }
        SharedPhoto::from_bytes(&plain)
    }
}

fn parse_hex(hex: &str, bytes: usize) -> Option<Vec<u8>> {
    if hex.len() != 2 * bytes || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..bytes).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect()
}

fn parse_template(hex: &str) -> Option<[u16; HASHES]> {
    if hex.len() != HASHES * 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u16; HASHES];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = u16::from_str_radix(&hex[4 * i..4 * i + 4], 16).ok()?;
    }
    Some(out)
}

fn band_keys(signature: &[u16; HASHES]) -> impl Iterator<Item = u64> + '_ {
    signature.chunks(ROWS).enumerate().map(|(band, rows)| {
        rows.iter().fold(crate::reuse::mix(band as u64), |h, r| crate::reuse::mix(h ^ u64::from(*r)))
    })
}

fn estimate(a: &[u16; HASHES], b: &[u16; HASHES]) -> f32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / HASHES as f32
}

/// What a team shares about one case: the document kept on the team's
/// server (CouchDB: `_id` is its id there).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamRecord {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub schema: u32,
    pub verdicts: Vec<Verdict>,
    /// Tags of the case's identifiers and profile addresses.
    pub identifiers: Vec<String>,
    /// Keyed MinHash signatures of its bios and messages.
    pub templates: Vec<String>,
    /// Its photos' shareable bits, keyed (hex).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<String>,
    /// The rules that fired on the case.
    pub rules: Vec<String>,
    /// When it was made (milliseconds since the epoch).
    pub updated: u64,
    /// The case in full (an export of its profiles, texts and notes), only
    /// while a recruiter's standing verdict shares it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
}

/// The standing verdict of `verdicts` that shares the case in full, if any.
fn shared_by(verdicts: &[Verdict]) -> Option<&Verdict> {
    standing_verdicts(verdicts).into_iter().find(|v| v.shared)
}

impl TeamRecord {
    /// The record for the case of `key`, if a recruiter gave it a verdict:
    /// `rules` are the ids of the findings on it.
    pub fn of_case(team: &TeamKey, store: &Store, key: &str, rules: &[String], now_ms: u64) -> Option<TeamRecord> {
        let case = store.case_of(key);
        let members: Vec<_> = case.iter().filter_map(|k| store.get(k)).collect();
        let mut verdicts: Vec<Verdict> = Vec::new();
        merge_verdicts(&mut verdicts, members.iter().flat_map(|s| &s.verdicts));
        if verdicts.is_empty() {
            return None;
        }
        let identifiers: BTreeSet<String> =
            identifier_keys(store, &case).into_iter().map(|(k, _)| team.tag(&k)).collect();
        let templates: BTreeSet<String> = members
            .iter()
            .flat_map(|s| crate::rules::reuse::candidate_texts(&s.profile))
            .map(|(_, text)| team.template(&text))
            .collect();
        let photos: BTreeSet<String> = members
            .iter()
            .filter_map(|s| PhotoSignature::from_text(s.photo.as_ref()?.hash.as_deref()?))
            .map(|signature| team.photo(&SharedPhoto::new(&signature)))
            .collect();
        let rules: BTreeSet<String> = rules.iter().filter(|r| is_rule_id(r)).cloned().collect();
        // A case too large for a team document stays home: its record (and
        // verdict) still goes, which a refused document would not.
        let full = shared_by(&verdicts)
            .is_some()
            .then(|| store.export(&case, now_ms))
            .filter(|export| fits_in_a_record(export));
        Some(TeamRecord {
            // The case is named by its first profile, so the same case
            // always updates the same document.
            id: format!("case:{}", team.tag(&format!("case:{}", case.first()?))),
            kind: RECORD_TYPE.into(),
            schema: RECORD_SCHEMA,
            verdicts,
            identifiers: identifiers.into_iter().take(MAX_IDENTIFIERS).collect(),
            templates: templates.into_iter().take(MAX_TEMPLATES).collect(),
            photos: photos.into_iter().take(MAX_PHOTOS).collect(),
            rules: rules.into_iter().take(MAX_RULES).collect(),
            updated: now_ms,
            case: full,
        })
    }

    /// A document from the team's server, checked field by field: `Err`
    /// with the reason for anything that is not a record this version
    /// understands, or that holds more or other than a record may.
    pub fn checked(json: &str, now_ms: u64) -> Result<TeamRecord, String> {
        if json.len() > 2_000_000 {
            return Err("a team document larger than 2 MB".into());
        }
        // Every string cleaned as an import's are (control and bidi characters).
        let json = crate::store::records::clean_json_text(json);
        let mut r: TeamRecord = serde_json::from_str(&json).map_err(|e| format!("not a team record ({e})"))?;
        if r.kind != RECORD_TYPE {
            return Err(format!("not a team record (type {:?})", crate::text::clean(&r.kind, 40)));
        }
        if r.schema > RECORD_SCHEMA {
            return Err(format!("a team record of a newer version ({}); update Vetter", r.schema));
        }
        let tag_ok = |t: &str| t.len() == TAG_HEX && t.bytes().all(|b| b.is_ascii_hexdigit());
        if !r.id.strip_prefix("case:").is_some_and(tag_ok) {
            return Err("a team record with a malformed id".into());
        }
        if r.identifiers.len() > MAX_IDENTIFIERS
            || r.templates.len() > MAX_TEMPLATES
            || r.photos.len() > MAX_PHOTOS
            || r.rules.len() > MAX_RULES
            || r.verdicts.len() > MAX_VERDICTS
        {
            return Err("a team record holding more than a record may".into());
        }
        if !r.identifiers.iter().all(|t| tag_ok(t)) {
            return Err("a team record with a malformed identifier tag".into());
        }
        if !r.templates.iter().all(|t| parse_template(t).is_some()) {
            return Err("a team record with a malformed template signature".into());
        }
        if !r.photos.iter().all(|p| parse_hex(p, SHARED_PHOTO_BYTES).is_some()) {
            return Err("a team record with a malformed photo hash".into());
        }
        if !r.rules.iter().all(|id| is_rule_id(id)) {
            return Err("a team record with a malformed rule id".into());
        }
        if r.verdicts.is_empty() {
            return Err("a team record without a verdict".into());
        }
        for v in &mut r.verdicts {
            v.by = crate::text::clean(&v.by, MAX_NAME_CHARS);
            v.reason = crate::text::clean(&v.reason, MAX_REASON_CHARS);
            v.at = v.at.min(now_ms);
            if v.by.is_empty() {
                return Err("a team record with an unsigned verdict".into());
            }
        }
        r.updated = r.updated.min(now_ms);
        if let Some(case) = &r.case {
            if shared_by(&r.verdicts).is_none() {
                return Err("a team record holding a case no recruiter shared".into());
            }
            // Read whole now, as an import would be: a case that does not read is never half-used.
            crate::store::records::read_export(case)
                .map_err(|e| format!("a team record whose shared case does not read ({e})"))?;
        }
        Ok(r)
    }
}

impl TeamRecord {
    /// Who shares the case in full, when the record holds it.
    fn shared_in_full(&self) -> Option<&Verdict> {
        self.case.as_ref().and_then(|_| shared_by(&self.verdicts))
    }

    /// Folds in another version of the same record (two recruiters pushed
    /// at once): every verdict of both is kept, the rest is their union.
    pub fn merge(&mut self, other: &TeamRecord) {
        merge_verdicts(&mut self.verdicts, &other.verdicts);
        self.verdicts.truncate(MAX_VERDICTS);
        let union = |mine: &mut Vec<String>, theirs: &[String], cap: usize| {
            let all: BTreeSet<String> = mine.iter().chain(theirs).cloned().collect();
            *mine = all.into_iter().take(cap).collect();
        };
        union(&mut self.identifiers, &other.identifiers, MAX_IDENTIFIERS);
        union(&mut self.templates, &other.templates, MAX_TEMPLATES);
        union(&mut self.photos, &other.photos, MAX_PHOTOS);
        union(&mut self.rules, &other.rules, MAX_RULES);
        // The case in full stays while a standing verdict shares it: the
        // newer version's, so that a recruiter who stops sharing is heard.
        let newer = if other.updated > self.updated {
            other.case.clone().or(self.case.take())
        } else {
            self.case.take().or(other.case.clone())
        };
        self.case = newer.filter(|_| shared_by(&self.verdicts).is_some());
        self.updated = self.updated.max(other.updated);
    }
}

/// The records of every case in `store` a recruiter gave a verdict on;
/// `rules_of` gives the ids of the findings on a case (by one of its keys).
pub fn records_of_store(
    team: &TeamKey,
    store: &Store,
    rules_of: impl Fn(&str) -> Vec<String>,
    now_ms: u64,
) -> Vec<TeamRecord> {
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for key in store.keys() {
        if done.contains(key) || store.get(key).is_none_or(|s| s.verdicts.is_empty()) {
            continue;
        }
        let case = store.case_of(key);
        done.extend(case.iter().cloned());
        out.extend(TeamRecord::of_case(team, store, key, &rules_of(key), now_ms));
    }
    out
}

/// Whether a case's export may go in full in a team document.
fn fits_in_a_record(export: &str) -> bool {
    export.len() <= MAX_SHARED_CASE_BYTES
}

fn is_rule_id(id: &str) -> bool {
    (1..=40).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// The identifier keys of a case (`phone:+1…`, `e-mail:…`, `profile:…`)
/// with the profile each was seen on.
fn identifier_keys(store: &Store, case: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for k in case {
        let Some(s) = store.get(k) else { continue };
        out.push((format!("profile:{k}"), s.profile.url.clone()));
        // A profile page the CLI read (keyed by folder and page) is also
        // named by its address, as the browser keys it: a recruiter on the
        // command line and one in the browser name a profile alike. Never
        // for threads or selections, whose address is only where they were.
        if k.starts_with(CLI_KEY_PREFIX) {
            if let crate::sites::AddressKind::Profile(address) = crate::sites::classify(&s.profile.url) {
                out.push((format!("profile:{address}"), s.profile.url.clone()));
            }
        }
        for id in crate::store::stored_identifier_keys(s) {
            out.push((id, s.profile.url.clone()));
        }
    }
    out
}

/// What the team shared, indexed for lookups by identifier tag and by
/// template band.
#[derive(Debug)]
pub struct TeamIndex {
    key: TeamKey,
    records: Vec<Option<Indexed>>,
    by_id: HashMap<String, usize>,
    by_tag: HashMap<String, Vec<usize>>,
    by_band: HashMap<u64, Vec<usize>>,
    /// The records' photos read back, each with its record's place.
    photos: SharedPhotoSet<usize>,
    live_photos: usize,
}

/// A record with its templates read back.
#[derive(Debug)]
struct Indexed {
    record: TeamRecord,
    templates: Vec<[u16; HASHES]>,
    /// How many of its photos `TeamIndex::photos` holds.
    photos: usize,
}

/// One record a case has something in common with.
struct Match<'a> {
    record: &'a TeamRecord,
    evidence: Vec<Evidence>,
}

impl TeamIndex {
    pub fn new(key: TeamKey) -> TeamIndex {
        TeamIndex {
            key,
            records: Vec::new(),
            by_id: HashMap::new(),
            by_tag: HashMap::new(),
            by_band: HashMap::new(),
            photos: SharedPhotoSet::default(),
            live_photos: 0,
        }
    }

    pub fn key(&self) -> &TeamKey {
        &self.key
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Adds a (checked) record, replacing the one with its id.
    pub fn put(&mut self, record: TeamRecord) {
        self.remove(&record.id);
        let at = self.records.len();
        let signatures: Vec<[u16; HASHES]> = record.templates.iter().filter_map(|t| parse_template(t)).collect();
        // Another secret's photos read back as noise; they are dropped by
        // the comparison, as another secret's tags match nothing.
        let mut photos = 0;
        for photo in record.photos.iter().filter_map(|p| self.key.unkeyed_photo(p)) {
            self.photos.push(at, photo);
            photos += 1;
        }
        self.live_photos += photos;
        for tag in &record.identifiers {
            self.by_tag.entry(tag.clone()).or_default().push(at);
        }
        for band in signatures.iter().flat_map(band_keys) {
            let slot = self.by_band.entry(band).or_default();
            if slot.last() != Some(&at) {
                slot.push(at);
            }
        }
        self.by_id.insert(record.id.clone(), at);
        self.records.push(Some(Indexed { record, templates: signatures, photos }));
        // Replaced records' photos are dropped once they are most of the set.
        if self.photos.len() > 2 * self.live_photos + 64 {
            let records = &self.records;
            self.photos.retain(|at| records[*at].is_some());
        }
    }

    /// Forgets the record `id` (its index entries point nowhere and are skipped).
    pub fn remove(&mut self, id: &str) {
        if let Some(at) = self.by_id.remove(id) {
            if let Some(gone) = self.records[at].take() {
                self.live_photos -= gone.photos;
            }
        }
    }

    /// The records the case of `key` has something in common with, and what.
    fn matches(&self, store: &Store, key: &str) -> Vec<Match<'_>> {
        let case = store.case_of(key);
        let own: Vec<&Verdict> = case.iter().filter_map(|k| store.get(k)).flat_map(|s| &s.verdicts).collect();
        let mut found: HashMap<usize, Vec<Evidence>> = HashMap::new();
        for (id, url) in identifier_keys(store, &case) {
            for at in self.by_tag.get(&self.key.tag(&id)).into_iter().flatten() {
                let (kind, value) = id.split_once(':').unwrap_or(("identifier", &id));
                let (kind, value) = if kind == "profile" { ("profile", url.as_str()) } else { (kind, value) };
                found.entry(*at).or_default().push(Evidence {
                    profile: url.clone(),
                    field: kind.into(),
                    value: value.into(),
                    note: Some(ui("ev_teamSameIdentifier")),
                    composed: false,
                });
            }
        }
        for k in &case {
            let Some(s) = store.get(k) else { continue };
            for (field, text) in crate::rules::reuse::candidate_texts(&s.profile) {
                let mine = parse_template(&self.key.template(&text)).expect("made here");
                let candidates: BTreeSet<usize> =
                    band_keys(&mine).filter_map(|b| self.by_band.get(&b)).flatten().copied().collect();
                for at in candidates {
                    let Some(indexed) = &self.records[at] else { continue };
                    let best = indexed.templates.iter().map(|t| estimate(&mine, t)).fold(0.0, f32::max);
                    if best >= SAME_TEMPLATE {
                        let excerpt: String = text.text().chars().take(160).collect();
                        found.entry(at).or_default().push(Evidence {
                            profile: s.profile.url.clone(),
                            field: field.into(),
                            value: excerpt,
                            note: Some(ui_with("ev_teamSameTemplate", &[&format!("{:.0}", best * 100.0)])),
                            composed: false,
                        });
                    }
                }
            }
        }
        // Photos: no exact index exists for crop-tolerant matching, so each
        // photo of the case is compared with every shared photo.
        for k in &case {
            let Some(s) = store.get(k) else { continue };
            let Some(photo) = &s.photo else { continue };
            let Some(signature) = photo.hash.as_deref().and_then(PhotoSignature::from_text) else { continue };
            let query = SharedQuery::new(signature);
            let mut best: HashMap<usize, f32> = HashMap::new();
            // A replaced or forgotten record's photos stay in the set until
            // they are most of it: they are passed over.
            for (&at, similarity) in query.similarities(&self.photos, |at| self.records[*at].is_some()) {
                let slot = best.entry(at).or_insert(f32::MIN);
                *slot = slot.max(similarity);
            }
            for (at, best) in best {
                if best >= SHARED_SAME_PHOTO {
                    found.entry(at).or_default().push(Evidence {
                        profile: s.profile.url.clone(),
                        field: "photo".into(),
                        value: photo.url.clone(),
                        note: Some(ui_with("ev_teamSamePhoto", &[&format!("{:.0}", best * 100.0)])),
                        composed: false,
                    });
                }
            }
        }
        let mut out: Vec<Match<'_>> = found
            .into_iter()
            .filter_map(|(at, evidence)| {
                let record = &self.records[at].as_ref()?.record;
                // The case's own record, synced back, tells nothing new.
                let news = record.verdicts.iter().any(|v| !own.contains(&v));
                news.then_some(Match { record, evidence })
            })
            .collect();
        out.sort_by(|a, b| a.record.id.cmp(&b.record.id));
        out
    }

    /// The `TEAM_MATCH` findings of the case of `key`.
    pub fn findings(&self, store: &Store, key: &str) -> Vec<Finding> {
        Self::findings_of(self.matches(store, key))
    }

    fn findings_of(matches: Vec<Match<'_>>) -> Vec<Finding> {
        matches
            .into_iter()
            .map(|m| {
                let standing = standing_verdicts(&m.record.verdicts);
                let kinds: BTreeSet<VerdictKind> = standing.iter().map(|v| v.verdict).collect();
                let mut severity = if kinds.contains(&VerdictKind::Fraudulent) {
                    Severity::High
                } else if kinds.contains(&VerdictKind::Unsure) {
                    Severity::Medium
                } else {
                    Severity::Info
                };
                // A photo alone is a likeness, not an identifier: the shared
                // bits tell most different portraits apart, not all.
                let photo_only = m.evidence.iter().all(|e| e.field == "photo");
                if photo_only {
                    severity = severity.min(Severity::Medium);
                }
                let said: Vec<String> = standing.iter().map(|v| v.line()).collect();
                let mut explanation = ui_with("flag_TEAM_MATCH_explain", &[&said.join("; ")]);
                if kinds.len() > 1 {
                    explanation = format!("{explanation} {}", ui("verdictConflict"));
                }
                if photo_only {
                    explanation = format!("{explanation} {}", ui("teamPhotoOnly"));
                }
                if let Some(sharer) = m.record.shared_in_full() {
                    explanation = format!("{explanation} {}", ui_with("teamSharedNote", &[&sharer.by]));
                }
                Finding {
                    id: ID.into(),
                    severity,
                    title: ui("flag_TEAM_MATCH_title"),
                    explanation,
                    evidence: m.evidence,
                    guidance: ui("flag_TEAM_MATCH_guidance"),
                }
            })
            .collect()
    }

    /// The case the record `id` shares in full, if it does.
    pub fn shared_case(&self, id: &str) -> Option<&str> {
        let indexed = self.records.get(*self.by_id.get(id)?)?.as_ref()?;
        indexed.record.case.as_deref()
    }

    /// Adds the team's findings to a case view and scores it again.
    pub fn apply(&self, view: &mut CaseView, store: &Store, key: &str) {
        view.in_team = true;
        // The recruiter asked to share this case in full: say so when it
        // is too large to go (its record and verdict still do).
        if shared_by(&view.verdicts).is_some() {
            let export = store.export(&store.case_of(key), 0);
            view.team_share_too_large = (!fits_in_a_record(&export)).then_some(export.len() as u64);
        }
        let matches = self.matches(store, key);
        view.team_shared = matches
            .iter()
            .filter_map(|m| {
                let by = m.record.shared_in_full()?.by.clone();
                Some(TeamSharedCase { record: m.record.id.clone(), by })
            })
            .collect();
        let team = Self::findings_of(matches);
        if team.is_empty() {
            return;
        }
        let mut findings = std::mem::take(&mut view.findings);
        findings.extend(team);
        let analysis = finish_explained(findings, &view.explained);
        view.findings = analysis.findings;
        view.risk = analysis.risk;
    }
}
