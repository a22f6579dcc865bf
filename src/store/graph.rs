//! Which stored profiles belong to one candidate.
//!
//! Two profiles are linked when one links to the other's page (profile
//! links, `rel=me`, `sameAs`), or when they share an e-mail address, a
//! phone number or a handle *and* their names do not contradict each other
//! (one phone behind two differently named people is `SHARED_IDENTIFIER`
//! between two candidates, not one candidate). The recruiter's own links
//! and separations override. A case is a connected component, found on
//! demand through indexes, so it never goes stale.

use crate::model::Profile;
use crate::normalize::contact::{email_canonical, is_role_address, phone_e164};
use crate::normalize::fold;
use crate::normalize::name::{compare, NameVerdict};
use crate::sites;
use std::collections::{BTreeSet, HashMap};

/// Handles shorter than this are too common to link two profiles.
const MIN_LINKING_HANDLE: usize = 4;

/// Identifiers that link two profiles of one candidate.
pub fn linking_ids(p: &Profile) -> Vec<String> {
    let mut ids = Vec::new();
    for e in &p.emails {
        if let Some(c) = email_canonical(&e.value).filter(|c| !is_role_address(c)) {
            ids.push(format!("email:{c}"));
        }
    }
    for ph in &p.phones {
        if let Some(n) = phone_e164(&ph.value, p.country.as_deref()) {
            ids.push(format!("phone:{n}"));
        }
    }
    if let Some(h) = p.handle.as_ref().filter(|h| h.value.chars().count() >= MIN_LINKING_HANDLE) {
        ids.push(format!("handle:{}", h.value.to_lowercase()));
    }
    ids.sort();
    ids.dedup();
    ids
}

/// The pages a profile links to, as profile keys.
pub fn linked_pages(p: &Profile) -> Vec<String> {
    let mut keys: Vec<String> = p.links.iter().filter_map(|l| sites::profile_key(&l.value)).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A name's parts, folded and sorted: "Kim, Daniel" and "daniel KIM" agree.
pub fn name_key(p: &Profile) -> Option<String> {
    let name = p.name.as_ref()?;
    let mut parts: Vec<String> = fold(&name.value).split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect();
    if parts.len() < 2 {
        return None; // one word ("Daniel") says too little to suggest anything
    }
    parts.sort();
    Some(parts.join(" "))
}

/// Could these two be the same person, going by their names alone?
pub fn names_agree(a: &Profile, b: &Profile) -> bool {
    match (&a.name, &b.name) {
        (Some(x), Some(y)) => compare(&x.value, &y.value) != NameVerdict::Different,
        _ => true,
    }
}

/// Key → set of profile keys, for every kind of identifier.
#[derive(Default)]
pub struct KeyIndex {
    map: HashMap<String, BTreeSet<String>>,
}

impl KeyIndex {
    pub fn add(&mut self, id: String, key: &str) {
        self.map.entry(id).or_default().insert(key.to_string());
    }

    pub fn remove(&mut self, id: &str, key: &str) {
        if let Some(keys) = self.map.get_mut(id) {
            keys.remove(key);
            if keys.is_empty() {
                self.map.remove(id);
            }
        }
    }

    pub fn get(&self, id: &str) -> impl Iterator<Item = &String> {
        self.map.get(id).into_iter().flatten()
    }
}
