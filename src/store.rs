//! The profiles a recruiter has seen, and how they join into cases.
//!
//! Profiles are linked when one links to the other's address (profile
//! links, `rel=me`, `sameAs`), or when they share an e-mail address or a
//! handle. A case is a connected component of that graph, derived on
//! demand so that it can never go stale. The store serializes to one JSON
//! document, versioned, for the extension to persist.

use crate::analysis::{analyse_among, CaseView, ProfileSummary};
use crate::model::Profile;
use crate::rules::shared_identifier::OtherCandidate;
use crate::sites;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub const STORE_VERSION: u32 = 1;

/// Handles shorter than this are too common to link two profiles.
const MIN_LINKING_HANDLE: usize = 4;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredProfile {
    pub profile: Profile,
    /// Milliseconds since the epoch.
    pub first_seen: u64,
    pub last_seen: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Store {
    pub version: u32,
    /// Keyed by [`sites::profile_key`].
    pub profiles: BTreeMap<String, StoredProfile>,
}

/// Why a stored document could not be loaded. The caller keeps the
/// original text, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    Corrupt(String),
    NewerVersion(u32),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Corrupt(why) => write!(f, "the stored cases could not be read ({why})"),
            StoreError::NewerVersion(v) => {
                write!(f, "the stored cases were written by a newer Vetter (format {v}); update Vetter to read them")
            }
        }
    }
}

impl std::error::Error for StoreError {}

impl Store {
    pub fn new() -> Self {
        Store { version: STORE_VERSION, profiles: BTreeMap::new() }
    }

    pub fn from_json(json: &str) -> Result<Store, StoreError> {
        #[derive(Deserialize)]
        struct Header {
            version: u32,
        }
        let header: Header = serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if header.version > STORE_VERSION {
            return Err(StoreError::NewerVersion(header.version));
        }
        serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the store serializes")
    }

    /// Adds or refreshes a profile; returns its key, or `None` when the
    /// page held no profile.
    pub fn ingest(&mut self, profile: Profile, now_ms: u64) -> Option<String> {
        let key = sites::profile_key(&profile.url)?;
        self.ingest_keyed(key, profile, now_ms)
    }

    fn ingest_keyed(&mut self, key: String, profile: Profile, now_ms: u64) -> Option<String> {
        if profile.is_empty() {
            return None;
        }
        let first_seen = self.profiles.get(&key).map_or(now_ms, |s| s.first_seen);
        self.profiles.insert(key.clone(), StoredProfile { profile, first_seen, last_seen: now_ms });
        Some(key)
    }

    /// Adds text the user selected on a page ("Analyse selection with
    /// Vetter") as a message thread, in the case of the page's profile.
    pub fn ingest_selection(&mut self, page_url: &str, text: &str, now_ms: u64) -> Option<String> {
        let thread = crate::extract::selection(page_url, text)?;
        let key = format!("selection:{:016x}", fnv1a(text.as_bytes()));
        self.ingest_keyed(key, thread, now_ms)
    }

    /// Is `url` a page that a stored profile links to (a candidate's
    /// personal site)? Such pages are read like the supported sites.
    pub fn is_linked(&self, url: &str) -> bool {
        let Some(key) = sites::profile_key(url) else { return false };
        self.profiles
            .values()
            .any(|s| s.profile.links.iter().any(|l| sites::profile_key(&l.value).as_deref() == Some(&key)))
    }

    /// The keys of every profile in the same case as `key` (itself included).
    pub fn case_of(&self, key: &str) -> Vec<String> {
        if !self.profiles.contains_key(key) {
            return Vec::new();
        }
        let mut case = BTreeSet::from([key.to_string()]);
        let mut frontier = vec![key.to_string()];
        while let Some(current) = frontier.pop() {
            let a = &self.profiles[&current].profile;
            for (other_key, other) in &self.profiles {
                if !case.contains(other_key) && linked(&current, a, other_key, &other.profile) {
                    case.insert(other_key.clone());
                    frontier.push(other_key.clone());
                }
            }
        }
        case.into_iter().collect()
    }

    /// The case view for the profile at `key`, analysed as of `now_ms`.
    pub fn view(&self, key: &str, now_ms: u64) -> Option<CaseView> {
        let this = self.profiles.get(key)?;
        let case = self.case_of(key);
        let members: Vec<&StoredProfile> = case.iter().map(|k| &self.profiles[k]).collect();
        let profiles: Vec<Profile> = members.iter().map(|s| s.profile.clone()).collect();
        // Every other candidate seen, for identifiers shared across candidates.
        let others: Vec<(String, Vec<Profile>)> = self.other_cases(&case);
        let others: Vec<OtherCandidate<'_>> = others
            .iter()
            .map(|(label, p)| OtherCandidate { label: label.clone(), profiles: p, messages: &[] })
            .collect();
        let analysis = analyse_among(&profiles, &[], now_ms, &others);
        Some(CaseView {
            this_url: Some(this.profile.url.clone()),
            profiles: members
                .iter()
                .map(|s| ProfileSummary {
                    first_seen: Some(s.first_seen),
                    last_seen: Some(s.last_seen),
                    ..ProfileSummary::from(&s.profile)
                })
                .collect(),
            risk: analysis.risk,
            findings: analysis.findings,
            notices: Vec::new(),
        })
    }
}

impl Store {
    /// Every case but `exclude`, each with a label naming its candidate.
    fn other_cases(&self, exclude: &[String]) -> Vec<(String, Vec<Profile>)> {
        let mut done: BTreeSet<String> = exclude.iter().cloned().collect();
        let mut out = Vec::new();
        for key in self.profiles.keys() {
            if done.contains(key) {
                continue;
            }
            let case = self.case_of(key);
            let profiles: Vec<Profile> = case.iter().map(|k| self.profiles[k].profile.clone()).collect();
            let label = profiles.iter().find(|p| p.name.is_some()).map_or_else(|| key.clone(), |p| p.label());
            done.extend(case);
            out.push((label, profiles));
        }
        out
    }
}

/// A stable, dependency-free hash for keys (FNV-1a, 64 bit).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Do these two profiles belong to one candidate?
fn linked(key_a: &str, a: &Profile, key_b: &str, b: &Profile) -> bool {
    let links_to =
        |p: &Profile, key: &str| p.links.iter().any(|l| sites::profile_key(&l.value).as_deref() == Some(key));
    let shares_email = a.emails.iter().any(|x| b.emails.iter().any(|y| x.value.eq_ignore_ascii_case(&y.value)));
    let shares_handle = match (&a.handle, &b.handle) {
        (Some(x), Some(y)) => x.value.len() >= MIN_LINKING_HANDLE && x.value.eq_ignore_ascii_case(&y.value),
        _ => false,
    };
    links_to(a, key_b) || links_to(b, key_a) || shares_email || shares_handle
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Site, Sourced};

    fn profile(url: &str, name: &str, links: &[&str]) -> Profile {
        let mut p = Profile::empty(url, sites::site_of(url));
        p.name = Some(Sourced::new(name, "t"));
        p.links = links.iter().map(|l| Sourced::new(*l, "t")).collect();
        p
    }

    #[test]
    fn a_link_in_either_direction_joins_a_case() {
        let mut s = Store::new();
        let up = s.ingest(profile("https://www.upwork.com/freelancers/~01a", "Daniel K.", &[]), 1).unwrap();
        let gh =
            s.ingest(profile("https://github.com/dk", "Jin Park", &["https://www.upwork.com/freelancers/~01a"]), 2);
        let other = s.ingest(profile("https://github.com/someone", "Someone Else", &[]), 3).unwrap();
        let gh = gh.unwrap();
        assert_eq!(s.case_of(&up), vec![gh.clone(), up.clone()]);
        assert_eq!(s.case_of(&other), vec![other.clone()]);
        let view = s.view(&up, 0).unwrap();
        assert!(view.findings.iter().any(|f| f.id == "NAME_MISMATCH"));
    }

    #[test]
    fn shared_email_joins_a_case() {
        let mut s = Store::new();
        let mut a = profile("https://github.com/a1", "A", &[]);
        a.emails.push(Sourced::new("x@example.com", "t"));
        let mut b = profile("https://jane.example/", "B", &[]);
        b.emails.push(Sourced::new("X@Example.com", "t"));
        let ka = s.ingest(a, 1).unwrap();
        s.ingest(b, 1).unwrap();
        assert_eq!(s.case_of(&ka).len(), 2);
    }

    #[test]
    fn round_trips_and_refuses_corrupt_or_newer_documents() {
        let mut s = Store::new();
        s.ingest(profile("https://github.com/a1", "A", &[]), 5).unwrap();
        s.ingest(profile("https://github.com/a1", "A", &[]), 9).unwrap();
        let back = Store::from_json(&s.to_json()).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.profiles["github:a1"].first_seen, 5);
        assert_eq!(back.profiles["github:a1"].last_seen, 9);
        assert!(matches!(Store::from_json("{\"version\":1,\"profiles\":"), Err(StoreError::Corrupt(_))));
        assert_eq!(Store::from_json(r#"{"version":99,"profiles":{}}"#), Err(StoreError::NewerVersion(99)));
    }

    #[test]
    fn a_selection_joins_the_case_of_its_page() {
        let mut s = Store::new();
        let page = s.ingest(profile("https://github.com/dk", "Jin Park", &[]), 1).unwrap();
        let sel = s.ingest_selection("https://github.com/dk", "Jin: let's move to Telegram\nok", 2).unwrap();
        assert_eq!(s.case_of(&page), vec![page.clone(), sel.clone()]);
        assert_eq!(s.profiles[&sel].profile.messages.len(), 2);
        assert_eq!(s.ingest_selection("https://github.com/dk", "   ", 3), None);
    }

    #[test]
    fn linked_pages_are_recognised() {
        let mut s = Store::new();
        s.ingest(profile("https://github.com/dk", "Jin Park", &["https://dk.example/"]), 1).unwrap();
        assert!(s.is_linked("https://dk.example/about"));
        assert!(!s.is_linked("https://other.example/"));
    }

    #[test]
    fn an_identifier_shared_with_another_candidate_shows_in_both_views() {
        let mut s = Store::new();
        let mut a = profile("https://github.com/aaa1", "Daniel Foster", &[]);
        a.phones.push(Sourced::new("+1 (470) 555-0123", "t"));
        let mut b = profile("https://github.com/bbb2", "Jin Park", &[]);
        b.phones.push(Sourced::new("001 470 555 0123", "t"));
        let (ka, kb) = (s.ingest(a, 1).unwrap(), s.ingest(b, 1).unwrap());
        for (key, other) in [(ka, "Jin Park"), (kb, "Daniel Foster")] {
            let view = s.view(&key, 0).unwrap();
            let f = view.findings.iter().find(|f| f.id == "SHARED_IDENTIFIER").expect("flagged");
            assert!(f.explanation.contains(other), "{}", f.explanation);
        }
    }

    #[test]
    fn empty_pages_are_not_stored() {
        let mut s = Store::new();
        assert_eq!(s.ingest(Profile::empty("https://github.com/x", Site::Github), 1), None);
    }
}
