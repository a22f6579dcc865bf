//! The browser layer (wasm32 only): thin `wasm-bindgen` exports over the
//! core, used by the extension's service worker and pages and by `www/`.
//! Strings in, strings (JSON or HTML) out: the JS side stays trivial.

use crate::analysis::{analyse, CaseView, ProfileSummary};
use crate::extract;
use crate::render;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// The worker's state: every profile seen, and the cases they form.
#[wasm_bindgen]
pub struct Engine {
    store: Store,
}

/// What the worker tells a content script after reading its page.
#[derive(Serialize)]
struct IngestOutcome {
    /// `profile` when the page showed a candidate, else `none`.
    status: &'static str,
    key: Option<String>,
    /// Keys of every profile in the same case (to refresh their tabs).
    case: Vec<String>,
    level: Option<&'static str>,
    score: Option<u8>,
}

#[wasm_bindgen]
impl Engine {
    /// Loads the persisted store; fails (leaving the caller to keep the
    /// text aside) when it is corrupt or from a newer version.
    #[wasm_bindgen(constructor)]
    pub fn new(stored: Option<String>) -> Result<Engine, JsError> {
        let store = match stored.as_deref() {
            None | Some("") => Store::new(),
            Some(json) => Store::from_json(json).map_err(|e| JsError::new(&e.to_string()))?,
        };
        Ok(Engine { store })
    }

    /// Reads one page snapshot and adds its profile to the store.
    pub fn ingest(&mut self, url: &str, html: &str, now_ms: f64) -> Result<String, JsError> {
        let profile = extract::extract(Some(url), html).map_err(|e| JsError::new(&e.to_string()))?;
        let key = self.store.ingest(profile, now_ms.max(0.0) as u64);
        let view = key.as_deref().and_then(|k| self.store.view(k, now_ms.max(0.0) as u64));
        let outcome = IngestOutcome {
            status: if key.is_some() { "profile" } else { "none" },
            case: key.as_deref().map(|k| self.store.case_of(k)).unwrap_or_default(),
            level: view.as_ref().map(|v| v.risk.level.as_str()),
            score: view.as_ref().map(|v| v.risk.score),
            key,
        };
        Ok(serde_json::to_string(&outcome)?)
    }

    /// Adds text the user selected on a page as a message thread in that
    /// page's case; returns its key, or `undefined` for empty text.
    #[wasm_bindgen(js_name = ingestSelection)]
    pub fn ingest_selection(&mut self, url: &str, text: &str, now_ms: f64) -> Option<String> {
        self.store.ingest_selection(url, text, now_ms.max(0.0) as u64)
    }

    /// Should the content script send this page? True for profile and
    /// thread pages of the supported sites, and for pages a known candidate
    /// links to (their personal sites); false for everything else, so
    /// that other pages are never read.
    #[wasm_bindgen(js_name = wantsPage)]
    pub fn wants_page(&self, url: &str) -> bool {
        let supported = crate::sites::site_of(url) != crate::model::Site::Generic
            && crate::sites::classify(url) != crate::sites::AddressKind::Other;
        supported || self.store.is_linked(url)
    }

    /// Is `url` linked from a stored profile (a candidate's own site)?
    #[wasm_bindgen(js_name = isLinked)]
    pub fn is_linked(&self, url: &str) -> bool {
        self.store.is_linked(url)
    }

    /// The case view (JSON) for a stored profile, analysed as of `now_ms`,
    /// or `undefined`.
    pub fn view(&self, key: &str, now_ms: f64) -> Option<String> {
        self.store.view(key, now_ms.max(0.0) as u64).map(|v| serde_json::to_string(&v).expect("views serialize"))
    }

    /// The whole store as JSON, for persisting.
    pub fn export(&self) -> String {
        self.store.to_json()
    }

    #[wasm_bindgen(js_name = profileCount)]
    pub fn profile_count(&self) -> usize {
        self.store.profiles.len()
    }
}

/// Supplies a reference dataset (`cities.tsv`, `disposable-domains.txt`,
/// `nicknames.tsv`) that the page or worker fetched from the extension.
#[wasm_bindgen(js_name = loadData)]
pub fn load_data(name: &str, text: &str) -> Result<(), JsError> {
    crate::data::load(name, text).map_err(|e| JsError::new(&e))
}

/// A list file the user chose, as the worker keeps it.
#[derive(Deserialize)]
struct ListFile {
    /// "sanctions" or "iocs".
    kind: String,
    name: String,
    text: String,
    /// `ALT.CSV` chosen with an `SDN.CSV`.
    #[serde(default)]
    alt: Option<String>,
}

#[derive(Serialize)]
struct ListSummary<'a> {
    name: &'a str,
    origin: &'a str,
    dated: Option<&'a str>,
    entries: usize,
    indicators: usize,
}

fn parse_list(file: &ListFile) -> Result<crate::screening::List, JsError> {
    let parsed = match file.kind.as_str() {
        "iocs" => crate::screening::import::iocs(&file.text, &file.name),
        "sanctions" => crate::screening::import::sanctions_file(&file.text, file.alt.as_deref(), &file.name),
        other => return Err(JsError::new(&format!("unknown list kind {other:?}"))),
    };
    parsed.map_err(|e| JsError::new(&format!("{}: {e}", file.name)))
}

fn summaries() -> String {
    let lists = crate::screening::active();
    let out: Vec<ListSummary<'_>> = lists
        .lists
        .iter()
        .map(|l| ListSummary {
            name: &l.name,
            origin: &l.origin,
            dated: l.dated.as_deref(),
            entries: l.entries.len(),
            indicators: l.indicators.len(),
        })
        .collect();
    serde_json::to_string(&out).expect("summaries serialize")
}

/// Checks a list file completely without changing the lists in force;
/// the error names the line and the reason.
#[wasm_bindgen(js_name = checkList)]
pub fn check_list(file_json: &str) -> Result<(), JsError> {
    let file: ListFile = serde_json::from_str(file_json)?;
    parse_list(&file).map(|_| ())
}

/// Makes these files (all checked before) the imported lists in force, next
/// to the built-in one, and returns every list's summary. Nothing changes
/// if any of them fails.
#[wasm_bindgen(js_name = activateLists)]
pub fn activate_lists(files_json: &str) -> Result<String, JsError> {
    let files: Vec<ListFile> = serde_json::from_str(files_json)?;
    let lists = files.iter().map(parse_list).collect::<Result<Vec<_>, _>>()?;
    crate::screening::set_imported(lists);
    Ok(summaries())
}

/// Every list in force: name, origin, date, entry and indicator counts.
#[wasm_bindgen(js_name = listSummaries)]
pub fn list_summaries() -> String {
    summaries()
}

/// The panel's HTML for a case view given as JSON.
#[wasm_bindgen(js_name = renderPanel)]
pub fn render_panel(view_json: &str) -> Result<String, JsError> {
    let view: CaseView = serde_json::from_str(view_json)?;
    Ok(render::panel_html(&view))
}

#[derive(Deserialize)]
struct PageFile {
    name: String,
    text: String,
}

/// Analyses a set of files dropped on the `www/` page as one case:
/// `[{name, text}]` in, a case view JSON out (unreadable files as notices).
#[wasm_bindgen(js_name = scanFiles)]
pub fn scan_files(files_json: &str, now_ms: f64) -> Result<String, JsError> {
    let files: Vec<PageFile> = serde_json::from_str(files_json)?;
    let mut profiles = Vec::new();
    let mut messages = Vec::new();
    let mut notices = Vec::new();
    for f in files {
        if f.name.to_ascii_lowercase().ends_with(".txt") {
            messages.push(crate::model::Message { source: f.name, text: f.text });
            continue;
        }
        match extract::extract(None, &f.text) {
            Ok(p) if p.is_empty() => notices.push(format!("{}: no candidate profile found on this page", f.name)),
            Ok(p) => profiles.push(p),
            Err(e) => notices.push(format!("{}: {e}", f.name)),
        }
    }
    let analysis = analyse(&profiles, &messages, now_ms.max(0.0) as u64);
    let view = CaseView {
        this_url: None,
        profiles: profiles.iter().map(ProfileSummary::from).collect(),
        risk: analysis.risk,
        findings: analysis.findings,
        notices,
    };
    Ok(serde_json::to_string(&view)?)
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
