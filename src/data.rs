//! Reference data the rules need: the city gazetteer, disposable e-mail
//! domains and given-name nicknames (see `data/README.md` for sources).
//!
//! The native build compiles the files in. The wasm core does not: the
//! extension and `www/` fetch the files and hand them to [`load`], so the
//! module stays small and the lists can be updated without a rebuild.
//! Until a dataset is loaded the rules that need it simply know less
//! (an unknown city stays unresolved; no domain is called disposable).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

/// The datasets, by the file name they ship under in `data/`.
pub const CITIES: &str = "cities.tsv";
pub const DISPOSABLE_DOMAINS: &str = "disposable-domains.txt";
pub const NICKNAMES: &str = "nicknames.tsv";
pub const HAN_PINYIN: &str = "han-pinyin.txt";
/// Labelled messages the behavioural message model learns from.
pub const BEHAVIOUR_TRAIN: &str = "behaviour-train.jsonl";
/// The UI strings in the user's language (`_locales/<lang>/messages.json`).
pub const MESSAGES: &str = "messages.json";
pub const ALL: &[&str] = &[CITIES, DISPOSABLE_DOMAINS, NICKNAMES, HAN_PINYIN, BEHAVIOUR_TRAIN, MESSAGES];

fn loaded() -> &'static RwLock<HashMap<&'static str, Arc<str>>> {
    static LOADED: OnceLock<RwLock<HashMap<&'static str, Arc<str>>>> = OnceLock::new();
    LOADED.get_or_init(Default::default)
}

#[cfg(not(target_arch = "wasm32"))]
fn builtin(name: &str) -> Option<&'static str> {
    match name {
        CITIES => Some(include_str!("../data/cities.tsv")),
        DISPOSABLE_DOMAINS => Some(include_str!("../data/disposable-domains.txt")),
        NICKNAMES => Some(include_str!("../data/nicknames.tsv")),
        HAN_PINYIN => Some(include_str!("../data/han-pinyin.txt")),
        BEHAVIOUR_TRAIN => Some(include_str!("../data/behaviour-train.jsonl")),
        MESSAGES => Some(include_str!("../_locales/en/messages.json")),
        _ => None,
    }
}

#[cfg(target_arch = "wasm32")]
fn builtin(_name: &str) -> Option<&'static str> {
    None
}

/// Supplies a dataset at run time (the wasm core). Unknown names are refused.
pub fn load(name: &str, text: &str) -> Result<(), String> {
    let Some(known) = ALL.iter().find(|n| **n == name) else {
        return Err(format!("unknown dataset {name:?}; known: {}", ALL.join(", ")));
    };
    loaded().write().unwrap_or_else(|e| e.into_inner()).insert(known, Arc::from(text));
    Ok(())
}

/// A dataset's text: what was loaded, else what is compiled in, else `None`.
pub fn text(name: &str) -> Option<Arc<str>> {
    if let Some(t) = loaded().read().unwrap_or_else(|e| e.into_inner()).get(name) {
        return Some(t.clone());
    }
    builtin(name).map(Arc::from)
}

/// A table derived from a dataset, built once and rebuilt when the dataset
/// changes (the browser loads datasets after start). `slot` is the caller's
/// own cache; `build` receives the dataset's text, if any.
pub fn derived<T: Default>(
    slot: &std::sync::Mutex<Option<(usize, Arc<T>)>>,
    name: &str,
    build: impl FnOnce(Option<&str>) -> T,
) -> Arc<T> {
    let text = self::text(name);
    let len = text.as_ref().map_or(0, |t| t.len());
    let mut cache = slot.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, table)) = cache.as_ref().filter(|(built_from, _)| *built_from == len) {
        return table.clone();
    }
    let table = Arc::new(build(text.as_deref()));
    *cache = Some((len, table.clone()));
    table
}

/// The data lines of a TSV/list dataset (comments and blanks skipped).
pub fn rows(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datasets_are_compiled_in_natively_and_unknown_ones_refused() {
        for name in ALL {
            assert!(text(name).is_some_and(|t| rows(&t).count() > 50), "{name}");
        }
        assert!(load("passwords.txt", "x").is_err());
    }
}
