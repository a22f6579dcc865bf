//! Sanctions and known-persona screening: the lists ([`import`]), the name
//! matcher with its index ([`matcher`]), and the lists in force.
//!
//! The built-in list (`data/sanctions/dprk-builtin.csv`, compiled by hand
//! from the public record and dated) is always active; users add OFAC,
//! OpenSanctions and IOC files. An import is parsed completely before it
//! replaces anything, so a malformed file leaves the previous lists active.

pub mod import;
pub mod matcher;

use std::sync::{Arc, RwLock};

/// Person or organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Person,
    Entity,
}

/// One designated person or company with its aliases.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub id: String,
    pub kind: EntryKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub programs: Vec<String>,
    /// Date of designation, where the list gives it.
    pub designated: Option<String>,
    pub country: Option<String>,
    /// Where the record comes from (press release, list file).
    pub source: String,
    /// What tells the entry apart from a namesake, as the list records it
    /// (a name alone is never a verdict).
    #[serde(default)]
    pub marks: Marks,
}

/// An entry's identifying details besides its names.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Marks {
    /// Years of birth (a list may give several).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_years: Vec<u16>,
    /// Countries of nationality, citizenship and address (ISO 3166 alpha-2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// E-mail addresses, phone numbers and digital currency addresses,
    /// normalised as indicators are (`import::normalise_indicator`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
    /// Names of the entries this one is linked to ("Linked To:").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linked: Vec<String>,
    /// How the list gives an alias, where it says: "a.k.a.", "f.k.a." (a
    /// former name), "n.k.a." (a new one).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub alias_kinds: std::collections::BTreeMap<String, String>,
}

/// What kind of identifier an IOC is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    Email,
    Domain,
    Handle,
    Phone,
    Wallet,
    Name,
}

/// A known-persona indicator, with its provenance: public persona lists
/// mix court records with unconfirmed research, and evidence must say which.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Indicator {
    pub kind: IndicatorKind,
    /// Normalised for exact comparison (lower-cased e-mail, E.164 phone…).
    pub value: String,
    pub source: String,
    pub confidence: Option<f64>,
    /// "YYYY-MM-DD"; expired indicators are ignored.
    pub expires: Option<String>,
}

/// A named, dated list as loaded.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct List {
    pub name: String,
    /// Where it came from: "built in", a file name.
    pub origin: String,
    /// The list's own date or version, where known.
    pub dated: Option<String>,
    pub entries: Vec<Entry>,
    pub indicators: Vec<Indicator>,
}

/// Every list in force, with the matcher's index over their names.
pub struct Lists {
    pub lists: Vec<List>,
    pub index: matcher::Index,
}

impl Lists {
    pub fn new(lists: Vec<List>) -> Lists {
        let entries: Vec<(usize, usize)> =
            lists.iter().enumerate().flat_map(|(l, list)| (0..list.entries.len()).map(move |e| (l, e))).collect();
        let index = matcher::Index::build(entries.iter().map(|&(l, e)| &lists[l].entries[e]), entries.clone());
        Lists { lists, index }
    }

    pub fn entry(&self, at: (usize, usize)) -> (&List, &Entry) {
        (&self.lists[at.0], &self.lists[at.0].entries[at.1])
    }
}

pub const BUILTIN_CSV: &str = include_str!("../../data/sanctions/dprk-builtin.csv");

/// The built-in list alone.
pub fn builtin() -> List {
    import::builtin(BUILTIN_CSV).expect("the built-in list parses (tested)")
}

fn active_slot() -> &'static RwLock<Option<Arc<Lists>>> {
    static ACTIVE: RwLock<Option<Arc<Lists>>> = RwLock::new(None);
    &ACTIVE
}

/// The lists in force: the built-in list plus what was imported.
pub fn active() -> Arc<Lists> {
    if let Some(lists) = active_slot().read().unwrap_or_else(|e| e.into_inner()).as_ref() {
        return lists.clone();
    }
    let lists = Arc::new(Lists::new(vec![builtin()]));
    *active_slot().write().unwrap_or_else(|e| e.into_inner()) = Some(lists.clone());
    lists
}

/// Makes `extra` the imported lists in force (next to the built-in one).
pub fn set_imported(extra: Vec<List>) {
    let mut lists = vec![builtin()];
    lists.extend(extra);
    *active_slot().write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(Lists::new(lists)));
}
