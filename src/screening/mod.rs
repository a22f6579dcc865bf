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

    /// The lists and their index as bytes ([`Lists::from_bytes`] reads them
    /// back), marked with `inputs`, a fingerprint of what they were made
    /// from ([`fingerprint`]).
    pub fn to_bytes(&self, inputs: u64) -> Vec<u8> {
        let stored = Stored {
            version: env!("CARGO_PKG_VERSION").to_string(),
            keying: KEYING,
            builtin: fingerprint(&[BUILTIN_CSV.as_bytes()]),
            inputs,
            lists: self.lists.iter().map(StoredList::from).collect(),
            index: self.index.parts(),
        };
        let mut bytes = MAGIC.to_vec();
        bytes.extend(postcard::to_allocvec(&stored).expect("lists serialize"));
        let checksum = fingerprint(&[&bytes]);
        bytes.extend(checksum.to_le_bytes());
        bytes
    }

    /// Lists stored by [`Lists::to_bytes`], if they were made from `inputs`
    /// by this version; an error says why not (the caller then parses the
    /// list files again: stored lists are a cache, never the only copy).
    pub fn from_bytes(bytes: &[u8], inputs: u64) -> Result<Lists, String> {
        let (content, checksum) = bytes.split_at_checked(bytes.len().saturating_sub(8)).ok_or("not stored lists")?;
        if !content.starts_with(MAGIC) {
            return Err("not stored lists".into());
        }
        // Damage anywhere (a name's letter) would otherwise go unseen: the
        // index is checked only in samples.
        if checksum != fingerprint(&[content]).to_le_bytes() {
            return Err("stored lists damaged".into());
        }
        let payload = &content[MAGIC.len()..];
        let stored: Stored = postcard::from_bytes(payload).map_err(|e| format!("stored lists unreadable: {e}"))?;
        if stored.version != env!("CARGO_PKG_VERSION")
            || stored.keying != KEYING
            || stored.builtin != fingerprint(&[BUILTIN_CSV.as_bytes()])
        {
            return Err(format!("stored by version {}", stored.version));
        }
        if stored.inputs != inputs {
            return Err("stored from other list files".into());
        }
        let lists: Vec<List> = stored.lists.into_iter().map(List::from).collect();
        let texts = lists.iter().enumerate().flat_map(|(l, list)| {
            list.entries.iter().enumerate().flat_map(move |(e, entry)| {
                std::iter::once(&entry.name).chain(&entry.aliases).map(move |t| ((l as u32, e as u32), t.as_str()))
            })
        });
        let index = matcher::Index::from_parts(stored.index, texts)?;
        Ok(Lists { lists, index })
    }
}

/// A fingerprint of the inputs lists are made from (file names and
/// contents): stored lists are used only for the same inputs.
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for part in parts {
        h.write_usize(part.len());
        h.write(part);
    }
    h.finish()
}

const MAGIC: &[u8] = b"vetter lists 1\n";

/// The source of the code that keys names, hashed when compiling: stored
/// lists keyed by other code (a development build, not only another
/// version) are made again. Evaluated at compile time, so the sources are
/// not in the binary.
const KEYING: u64 = {
    use crate::text::fnv1a_from as fnv;
    let hash = fnv(include_bytes!("matcher.rs"), crate::text::FNV_OFFSET);
    let hash = fnv(include_bytes!("../normalize/translit.rs"), hash);
    let hash = fnv(include_bytes!("../normalize/chinese.rs"), hash);
    let hash = fnv(include_bytes!("../normalize/mod.rs"), hash);
    fnv(include_bytes!("../normalize/unicode.rs"), hash)
};

/// Stored lists. The compact encoding writes fields by position, so it
/// cannot skip empty ones as [`Marks`]' JSON does: these mirror types keep
/// every field.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    version: String,
    keying: u64,
    builtin: u64,
    inputs: u64,
    lists: Vec<StoredList>,
    index: matcher::IndexParts,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StoredList {
    name: String,
    origin: String,
    dated: Option<String>,
    entries: Vec<StoredEntry>,
    indicators: Vec<Indicator>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StoredEntry {
    id: String,
    kind: EntryKind,
    name: String,
    aliases: Vec<String>,
    programs: Vec<String>,
    designated: Option<String>,
    country: Option<String>,
    source: String,
    birth_years: Vec<u16>,
    countries: Vec<String>,
    identifiers: Vec<String>,
    linked: Vec<String>,
    alias_kinds: Vec<(String, String)>,
}

impl From<&List> for StoredList {
    fn from(list: &List) -> StoredList {
        let entries = list
            .entries
            .iter()
            .map(|e| StoredEntry {
                id: e.id.clone(),
                kind: e.kind,
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                programs: e.programs.clone(),
                designated: e.designated.clone(),
                country: e.country.clone(),
                source: e.source.clone(),
                birth_years: e.marks.birth_years.clone(),
                countries: e.marks.countries.clone(),
                identifiers: e.marks.identifiers.clone(),
                linked: e.marks.linked.clone(),
                alias_kinds: e.marks.alias_kinds.clone().into_iter().collect(),
            })
            .collect();
        StoredList {
            name: list.name.clone(),
            origin: list.origin.clone(),
            dated: list.dated.clone(),
            entries,
            indicators: list.indicators.clone(),
        }
    }
}

impl From<StoredList> for List {
    fn from(list: StoredList) -> List {
        let entries = list
            .entries
            .into_iter()
            .map(|e| Entry {
                id: e.id,
                kind: e.kind,
                name: e.name,
                aliases: e.aliases,
                programs: e.programs,
                designated: e.designated,
                country: e.country,
                source: e.source,
                marks: Marks {
                    birth_years: e.birth_years,
                    countries: e.countries,
                    identifiers: e.identifiers,
                    linked: e.linked,
                    alias_kinds: e.alias_kinds.into_iter().collect(),
                },
            })
            .collect();
        List { name: list.name, origin: list.origin, dated: list.dated, entries, indicators: list.indicators }
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

/// The built-in list and `extra`, indexed.
pub fn with_builtin(extra: Vec<List>) -> Lists {
    let mut lists = vec![builtin()];
    lists.extend(extra);
    Lists::new(lists)
}

/// Makes `extra` the imported lists in force (next to the built-in one).
pub fn set_imported(extra: Vec<List>) {
    set_active(with_builtin(extra));
}

/// Makes `lists` (the built-in list first, as [`with_builtin`] makes them)
/// the lists in force.
pub fn set_active(lists: Lists) {
    *active_slot().write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(lists));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imported() -> Lists {
        let sdn = "90001,\"KWON, Hyon\",\"individual\",\"DPRK2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1980; nationality Korea, North; a.k.a. 'HIDDEN FOX'.\"\r\n\
                   90002,\"SOBAEKSU TRADING CORPORATION\",-0- ,\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
        let alt = "90001,1,\"aka\",\"KWON, Hyeon\",-0- \r\n";
        with_builtin(vec![import::ofac(sdn, Some(alt), "SDN.CSV").unwrap()])
    }

    fn answers(lists: &Lists) -> Vec<(String, (usize, usize), String, i64)> {
        let queries = [
            ("Kwon Hyon", EntryKind::Person),
            ("Hidden Fox", EntryKind::Entity),
            ("Sobaeksu Trading", EntryKind::Entity),
        ];
        let builtin = lists.lists[0].entries.iter().take(20).map(|e| (e.name.as_str(), e.kind));
        queries
            .into_iter()
            .chain(builtin)
            .flat_map(|(q, kind)| {
                lists
                    .index
                    .search(q, kind)
                    .into_iter()
                    .map(move |h| (q.to_string(), h.owner, h.form, (h.score.score * 1e9) as i64))
            })
            .collect()
    }

    #[test]
    fn stored_lists_load_as_they_were_built() {
        let lists = imported();
        let back = Lists::from_bytes(&lists.to_bytes(42), 42).unwrap();
        assert_eq!(back.lists, lists.lists);
        let want = answers(&lists);
        assert!(want.len() > lists.lists[0].entries.len().min(20), "{want:?}");
        assert!(want.iter().any(|a| a.0 == "Kwon Hyon" && a.1 == (1, 0)), "{want:?}");
        assert_eq!(answers(&back), want);
    }

    #[test]
    fn stored_lists_from_other_files_or_damaged_are_refused() {
        let bytes = imported().to_bytes(42);
        assert_eq!(Lists::from_bytes(&bytes, 43).err().as_deref(), Some("stored from other list files"));
        for cut in [0, 7, bytes.len() / 2, bytes.len() - 1] {
            assert!(Lists::from_bytes(&bytes[..cut], 42).is_err(), "cut at {cut}");
        }
        for at in [3, MAGIC.len() + 2, bytes.len() / 3, bytes.len() / 2, bytes.len() - 9, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert!(Lists::from_bytes(&damaged, 42).is_err(), "byte {at} changed");
        }
    }
}
