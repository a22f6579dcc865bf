//! The browser layer (wasm32 only): thin `wasm-bindgen` exports over the
//! core, used by the extension's service worker and pages and by `www/`.
//! Strings in, strings (JSON or HTML) out: the JS side stays trivial.

use crate::analysis::{analyse, CaseView, CaseViews, ProfileSummary};
use crate::extract;
use crate::render;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// The worker's state: every profile seen, and the cases they form. The
/// worker persists what [`Engine::take_changes`] returns, record by record.
#[wasm_bindgen]
pub struct Engine {
    store: Store,
    /// What the team shared (agency mode), once the worker set the team's secret.
    team: Option<crate::team::TeamIndex>,
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
    /// The profile photo to fetch and hash, when not hashed yet.
    photo: Option<String>,
    /// Why nothing was read, when the site showed a sign-in wall, an error
    /// or a bot check instead of the profile (for the page's notice).
    unread: Option<String>,
}

fn ms(now_ms: f64) -> u64 {
    now_ms.max(0.0) as u64
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serializes")
}

#[derive(Serialize, Deserialize, Default)]
struct ChangesJson {
    put: Vec<(String, String)>,
    delete: Vec<String>,
    settings: Option<String>,
}

#[wasm_bindgen]
impl Engine {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Engine {
        Engine { store: Store::new(), team: None }
    }

    /// Loads persisted records, `[[key, json], …]`; returns the ones that
    /// could not be read, `[{key, reason}]`, for the worker to set aside.
    #[wasm_bindgen(js_name = loadRecords)]
    pub fn load_records(&mut self, records_json: &str) -> Result<String, JsError> {
        let records: Vec<(String, String)> = serde_json::from_str(records_json)?;
        let rejected = self.store.load_records(records.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        Ok(json(&rejected))
    }

    #[wasm_bindgen(js_name = loadSettings)]
    pub fn load_settings(&mut self, settings_json: &str) -> Result<(), JsError> {
        self.store.load_settings(settings_json).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Reads the schema-1 store (one JSON document); returns how many
    /// profiles it held. They are then pending in [`Engine::take_changes`].
    #[wasm_bindgen(js_name = migrateV1)]
    pub fn migrate_v1(&mut self, document: &str) -> Result<usize, JsError> {
        self.store.migrate_v1(document).map_err(|e| JsError::new(&e.to_string()))
    }

    /// What to write since the last call: `{put: [[key, json]], delete: [key], settings}`.
    #[wasm_bindgen(js_name = takeChanges)]
    pub fn take_changes(&mut self) -> String {
        let c = self.store.take_changes();
        json(&ChangesJson { put: c.put, delete: c.delete, settings: c.settings })
    }

    /// A write failed: keep these changes pending for the next attempt.
    #[wasm_bindgen(js_name = markUnsaved)]
    pub fn mark_unsaved(&mut self, changes_json: &str) -> Result<(), JsError> {
        let c: ChangesJson = serde_json::from_str(changes_json)?;
        if c.settings.is_some() {
            let days = self.store.settings().retention_days;
            self.store.set_retention_days(days);
        }
        self.store.mark_unsaved(c.put.into_iter().map(|(k, _)| k), c.delete);
        Ok(())
    }

    /// Reads one page snapshot and adds its profile to the store, with the
    /// snapshot's SHA-256 (hex, computed by the worker) for reports.
    /// With `as_shown`, a page that names another profile as itself is read
    /// anyway (the content script's last try).
    pub fn ingest(
        &mut self,
        url: &str,
        html: &str,
        now_ms: f64,
        sha256: Option<String>,
        as_shown: Option<bool>,
    ) -> Result<String, JsError> {
        let read = if as_shown == Some(true) {
            extract::extract_as_shown(url, html)
        } else {
            extract::extract(Some(url), html)
        };
        let profile = match read {
            Ok(profile) => profile,
            // Read again once the page has caught up with its address.
            Err(extract::ExtractError::ShowsAnotherProfile(_)) => return Ok(r#"{"status":"stale"}"#.to_string()),
            Err(e) => return Err(JsError::new(&e.to_string())),
        };
        let unread = crate::i18n::unread_reason(&profile);
        let key = self.store.ingest_snapshot(profile, sha256, ms(now_ms));
        let view = key.as_deref().and_then(|k| self.store.view(k, ms(now_ms)));
        let outcome = IngestOutcome {
            status: if key.is_some() { "profile" } else { "none" },
            case: key.as_deref().map(|k| self.store.case_of(k)).unwrap_or_default(),
            level: view.as_ref().map(|v| v.risk.level.as_str()),
            score: view.as_ref().map(|v| v.risk.score),
            photo: key.as_deref().and_then(|k| self.store.photo_to_fetch(k)),
            key,
            unread,
        };
        Ok(json(&outcome))
    }

    /// Adds text the user selected on a page as a message thread in that
    /// page's case; returns its key, or `undefined` for empty text.
    #[wasm_bindgen(js_name = ingestSelection)]
    pub fn ingest_selection(&mut self, url: &str, text: &str, now_ms: f64) -> Option<String> {
        self.store.ingest_selection(url, text, ms(now_ms))
    }

    /// Hashes a profile photo from the pixels the worker decoded (RGBA).
    #[wasm_bindgen(js_name = setPhoto)]
    pub fn set_photo(&mut self, key: &str, url: &str, width: u32, height: u32, rgba: &[u8]) -> bool {
        self.store.set_photo(key, url, width, height, rgba)
    }

    /// The GitHub login whose public history to fetch for `key`, when it is
    /// a GitHub profile without a fresh one (the worker asks only when the
    /// user turned GitHub checks on).
    #[wasm_bindgen(js_name = githubToFetch)]
    pub fn github_to_fetch(&self, key: &str, now_ms: f64) -> Option<String> {
        self.store.github_to_fetch(key, ms(now_ms))
    }

    /// The GitHub API requests to make next for `key` (JSON array of
    /// `{path, accept, etag?}`), given the answers so far (JSON object of
    /// path → `{etag, body}`, body `null` for 304 Not Modified); empty when
    /// every answer is in.
    #[wasm_bindgen(js_name = githubRequests)]
    pub fn github_requests(&self, key: &str, answers_json: &str) -> Result<String, JsError> {
        let answers: crate::github::Answers = serde_json::from_str(answers_json)?;
        Ok(json(&self.store.github_requests(key, &answers)))
    }

    /// Records the history made from the answers fetched for `key`'s
    /// GitHub account (as for [`Engine::github_requests`]).
    #[wasm_bindgen(js_name = setGithubAnswers)]
    pub fn set_github_answers(&mut self, key: &str, answers_json: &str, now_ms: f64) -> Result<bool, JsError> {
        let answers: crate::github::Answers = serde_json::from_str(answers_json)?;
        self.store.set_github_answers(key, &answers, ms(now_ms)).map_err(|e| JsError::new(&e))
    }

    #[wasm_bindgen(js_name = photoFailed)]
    pub fn photo_failed(&mut self, key: &str, url: &str, why: &str) -> bool {
        self.store.photo_failed(key, url, why)
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
    /// The personal sites the case of `key` links to, as a JSON array of addresses.
    #[wasm_bindgen(js_name = linkedSites)]
    pub fn linked_sites(&self, key: &str) -> String {
        serde_json::to_string(&self.store.linked_sites(key)).unwrap_or_else(|_| "[]".into())
    }

    #[wasm_bindgen(js_name = isLinked)]
    pub fn is_linked(&self, url: &str) -> bool {
        self.store.is_linked(url)
    }

    /// The case view (JSON) for a stored profile, analysed as of `now_ms`,
    /// or `undefined`. `min_severity` ("info" … "high") hides lesser findings.
    pub fn view(&self, key: &str, now_ms: f64, min_severity: Option<String>) -> Option<String> {
        let mut view = self.team_view(key, now_ms)?;
        let min = min_severity.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok());
        if let Some(min) = min {
            view.hide_below(min);
        }
        Some(json(&view))
    }

    /// The site a page belongs to ("Upwork", "GitHub", … or "Website"), for
    /// the user's per-site switch.
    #[wasm_bindgen(js_name = siteOf)]
    pub fn site_of(url: &str) -> String {
        crate::sites::site_of(url).label().to_string()
    }

    /// A report of the case of `key`: `format` "html", "markdown" or "json".
    pub fn report(&self, key: &str, now_ms: f64, format: &str) -> Result<String, JsError> {
        let view = self.team_view(key, now_ms).ok_or_else(|| JsError::new("this case is no longer stored"))?;
        let provenance = render::report::Provenance::current(ms(now_ms));
        match format {
            "html" => Ok(render::report::html(&view, &provenance)),
            "markdown" => Ok(render::report::markdown(&view, &provenance)),
            "json" => Ok(render::report::json(&view, &provenance)),
            other => Err(JsError::new(&format!("unknown report format {other:?}"))),
        }
    }

    /// Every case, most recently seen first:
    /// `[{key, label, profiles, sites, lastSeen, level, score}]`. With `rated`,
    /// the risk is computed for the `MAX_RATED` most recent cases (older ones
    /// are listed unrated) and the list comes worst first; without, no case is
    /// analysed (the panel's merge list and the options page need none).
    #[wasm_bindgen(js_name = caseList)]
    pub fn case_list(&self, now_ms: f64, rated: bool) -> String {
        const MAX_RATED: usize = 500;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Entry {
            key: String,
            label: String,
            profiles: usize,
            sites: Vec<&'static str>,
            last_seen: u64,
            level: Option<&'static str>,
            score: Option<u8>,
        }
        let mut out: Vec<Entry> = self
            .store
            .cases()
            .into_iter()
            .map(|case| {
                let stored: Vec<_> = case.iter().filter_map(|k| self.store.get(k)).collect();
                let mut sites: Vec<&'static str> = stored.iter().map(|s| s.profile.site.label()).collect();
                sites.dedup();
                Entry {
                    label: self.store.case_label(&case),
                    profiles: case.len(),
                    sites,
                    last_seen: stored.iter().map(|s| s.last_seen).max().unwrap_or(0),
                    key: case[0].clone(),
                    level: None,
                    score: None,
                }
            })
            .collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.last_seen));
        if !rated {
            return json(&out);
        }
        for e in out.iter_mut().take(MAX_RATED) {
            if let Some(v) = self.store.view(&e.key, ms(now_ms)) {
                e.level = Some(v.risk.level.as_str());
                e.score = Some(v.risk.score);
            }
        }
        out.sort_by_key(|e| std::cmp::Reverse(e.score));
        json(&out)
    }

    /// Links two profiles' cases by hand (link, or merge two cases).
    pub fn link(&mut self, a: &str, b: &str) -> bool {
        self.store.link(a, b)
    }

    /// Separates these profiles (JSON array of keys) from the rest of their
    /// case: unlink one, or split a case.
    pub fn separate(&mut self, keys_json: &str) -> Result<bool, JsError> {
        let keys: Vec<String> = serde_json::from_str(keys_json)?;
        Ok(self.store.separate(&keys))
    }

    /// Records a verdict ("fraudulent", "not_fraudulent", "unsure") on the
    /// case of `key`, signed `by`, sharing the case in full with the team
    /// when `shared`; false for an unknown verdict or profile.
    #[wasm_bindgen(js_name = setVerdict)]
    pub fn set_verdict(&mut self, key: &str, verdict: &str, reason: &str, by: &str, now_ms: f64, shared: bool) -> bool {
        crate::store::records::VerdictKind::parse(verdict)
            .is_some_and(|kind| self.store.set_verdict_sharing(key, kind, reason, by, ms(now_ms), shared))
    }

    /// Agency mode: imports the case the team record `id` shares in full
    /// (merged with what is stored, checked as any import is) and returns
    /// the key of its first profile, to open its dossier.
    #[wasm_bindgen(js_name = teamOpen)]
    pub fn team_open(&mut self, id: &str, now_ms: f64) -> Result<String, JsError> {
        let team = self.team.as_ref().ok_or_else(|| JsError::new("not in a team"))?;
        let case = team.shared_case(id).ok_or_else(|| JsError::new(&crate::i18n::ui("teamNoSharedCase")))?.to_string();
        let keys: Vec<String> = crate::store::records::read_export(&case)
            .map_err(|e| JsError::new(&e.to_string()))?
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        self.store.import(&case, ms(now_ms)).map_err(|e| JsError::new(&e.to_string()))?;
        keys.into_iter()
            .find(|k| self.store.get(k).is_some())
            .ok_or_else(|| JsError::new(&crate::i18n::ui("teamNoSharedCase")))
    }

    /// Agency mode: the team's secret (at least 16 characters); the
    /// records shared so far are forgotten until put again. `None` leaves
    /// the team.
    #[wasm_bindgen(js_name = setTeam)]
    pub fn set_team(&mut self, secret: Option<String>) -> Result<(), JsError> {
        self.team = match secret {
            Some(secret) => {
                Some(crate::team::TeamIndex::new(crate::team::TeamKey::new(&secret).map_err(|e| JsError::new(&e))?))
            }
            None => None,
        };
        Ok(())
    }

    /// A document from the team's server, checked and added (replacing the
    /// record of its id); the error says why a document was refused.
    #[wasm_bindgen(js_name = teamPut)]
    pub fn team_put(&mut self, doc_json: &str, now_ms: f64) -> Result<String, JsError> {
        let team = self.team.as_mut().ok_or_else(|| JsError::new("not in a team"))?;
        let record = crate::team::TeamRecord::checked(doc_json, ms(now_ms)).map_err(|e| JsError::new(&e))?;
        let id = record.id.clone();
        team.put(record);
        Ok(id)
    }

    /// The tag of the team's check document under the secret set.
    #[wasm_bindgen(js_name = teamCheck)]
    pub fn team_check(&self) -> Result<String, JsError> {
        Ok(self.team.as_ref().ok_or_else(|| JsError::new("not in a team"))?.key().check())
    }

    #[wasm_bindgen(js_name = teamRemove)]
    pub fn team_remove(&mut self, id: &str) {
        if let Some(team) = &mut self.team {
            team.remove(id);
        }
    }

    /// How many records the team shared are known.
    #[wasm_bindgen(js_name = teamSize)]
    pub fn team_size(&self) -> usize {
        self.team.as_ref().map_or(0, |t| t.len())
    }

    /// What this recruiter shares: the records of every case with a
    /// verdict (JSON array of documents, without `_rev`).
    #[wasm_bindgen(js_name = teamRecords)]
    pub fn team_records(&self, now_ms: f64) -> Result<String, JsError> {
        let team = self.team.as_ref().ok_or_else(|| JsError::new("not in a team"))?;
        let rules_of = |key: &str| {
            self.store.view(key, ms(now_ms)).map(|v| v.findings.into_iter().map(|f| f.id).collect()).unwrap_or_default()
        };
        Ok(json(&crate::team::records_of_store(team.key(), &self.store, rules_of, ms(now_ms))))
    }

    #[wasm_bindgen(js_name = addNote)]
    pub fn add_note(&mut self, key: &str, text: &str, now_ms: f64) -> bool {
        self.store.add_note(key, text, ms(now_ms))
    }

    /// `status`: "pending", "done" or "failed".
    #[wasm_bindgen(js_name = setCheck)]
    pub fn set_check(&mut self, key: &str, item: &str, status: &str, note: &str, now_ms: f64) -> Result<bool, JsError> {
        let status = serde_json::from_value(serde_json::Value::String(status.into()))
            .map_err(|_| JsError::new(&format!("unknown checklist status {status:?}")))?;
        Ok(self.store.set_check(key, item, status, note, ms(now_ms)))
    }

    pub fn explain(&mut self, key: &str, finding: &str, by: &str, reason: &str, now_ms: f64) -> bool {
        self.store.explain(key, finding, by, reason, ms(now_ms))
    }

    /// Enters or corrects `field` of the profile at `key` by hand (an empty
    /// value takes the entry back); false when it cannot be entered.
    #[wasm_bindgen(js_name = enterField)]
    pub fn enter_field(&mut self, key: &str, field: &str, value: &str, by: &str, now_ms: f64) -> bool {
        self.store.enter_field(key, field, value, by, ms(now_ms))
    }

    #[wasm_bindgen(js_name = deleteCase)]
    pub fn delete_case(&mut self, key: &str) -> usize {
        self.store.delete_case(key)
    }

    #[wasm_bindgen(js_name = deleteAll)]
    pub fn delete_all(&mut self) -> usize {
        self.store.delete_all()
    }

    #[wasm_bindgen(js_name = purgeExpired)]
    pub fn purge_expired(&mut self, now_ms: f64) -> usize {
        self.store.purge_expired(ms(now_ms))
    }

    #[wasm_bindgen(js_name = retentionDays)]
    pub fn retention_days(&self) -> u32 {
        self.store.settings().retention_days
    }

    #[wasm_bindgen(js_name = setRetentionDays)]
    pub fn set_retention_days(&mut self, days: u32) {
        self.store.set_retention_days(days)
    }

    /// Export of the cases of these keys (JSON array; all cases when empty).
    #[wasm_bindgen(js_name = exportCases)]
    pub fn export_cases(&self, keys_json: &str, now_ms: f64) -> Result<String, JsError> {
        let keys: Vec<String> = serde_json::from_str(keys_json)?;
        Ok(self.store.export(&keys, ms(now_ms)))
    }

    /// Imports an export file (nothing on error; records that fail the
    /// checks are left out); returns `{"imported": n, "refused": m}` as JSON.
    #[wasm_bindgen(js_name = importCases)]
    pub fn import_cases(&mut self, json: &str, now_ms: f64) -> Result<String, JsError> {
        let (imported, refused) = self.store.import(json, ms(now_ms)).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(serde_json::json!({ "imported": imported, "refused": refused }).to_string())
    }

    #[wasm_bindgen(js_name = profileCount)]
    pub fn profile_count(&self) -> usize {
        self.store.len()
    }
}

/// Takes the message model file the build ships (`data/behaviour-model.bin`,
/// written by `vetter model`); an error says why a file is refused (the
/// behaviours are then recognised by the word lists alone).
#[wasm_bindgen(js_name = restoreMessageModel)]
pub fn restore_message_model(bytes: &[u8]) -> Result<(), JsError> {
    crate::rules::message_model::restore_shipped(bytes).map_err(|e| JsError::new(&e.to_string()))
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

/// The lists in force compiled to bytes (names, aliases, index), marked
/// with `fingerprint` (what the extension stored them from): the worker
/// keeps them so that a restart loads them with
/// [`activate_compiled_lists`] instead of parsing the files again.
#[wasm_bindgen(js_name = compiledLists)]
pub fn compiled_lists(fingerprint: &str) -> Vec<u8> {
    crate::screening::active().to_bytes(crate::screening::fingerprint(&[fingerprint.as_bytes()]))
}

/// Makes lists compiled by [`compiled_lists`] with the same `fingerprint`
/// the lists in force and returns every list's summary. An error (other
/// files, another version, damage) changes nothing: the caller then
/// activates the files themselves.
#[wasm_bindgen(js_name = activateCompiledLists)]
pub fn activate_compiled_lists(bytes: &[u8], fingerprint: &str) -> Result<String, JsError> {
    let lists = crate::screening::Lists::from_bytes(bytes, crate::screening::fingerprint(&[fingerprint.as_bytes()]))
        .map_err(|e| JsError::new(&e))?;
    crate::screening::set_active(lists);
    Ok(summaries())
}

/// Every list in force: name, origin, date, entry and indicator counts.
#[wasm_bindgen(js_name = listSummaries)]
pub fn list_summaries() -> String {
    summaries()
}

impl Engine {
    /// The case view of `key`, with what the team shared when in a team.
    fn team_view(&self, key: &str, now_ms: f64) -> Option<CaseView> {
        let mut view = self.store.view(key, ms(now_ms))?;
        if let Some(team) = &self.team {
            team.apply(&mut view, &self.store, key);
        }
        Some(view)
    }
}

/// Two versions of one team record (ours, and the server's after a
/// conflicting write) folded into one: every verdict of both is kept.
#[wasm_bindgen(js_name = teamMerge)]
pub fn team_merge(ours_json: &str, theirs_json: &str, now_ms: f64) -> Result<String, JsError> {
    let mut ours = crate::team::TeamRecord::checked(ours_json, ms(now_ms)).map_err(|e| JsError::new(&e))?;
    let theirs = crate::team::TeamRecord::checked(theirs_json, ms(now_ms)).map_err(|e| JsError::new(&e))?;
    ours.merge(&theirs);
    Ok(json(&ours))
}

/// The dossier's HTML for a case view given as JSON.
#[wasm_bindgen(js_name = renderDossier)]
pub fn render_dossier(view_json: &str) -> Result<String, JsError> {
    let view: CaseView = serde_json::from_str(view_json)?;
    Ok(render::dossier::dossier_html(&view))
}

/// Renders an example case once and throws it away. The first render in a
/// new panel otherwise pays for compiling the rendering code; a panel calls
/// this while the worker is still working out its case, so that the real
/// findings render as fast as the later ones do.
/// Returns the length of the HTML rendered (0 if it failed, which only the
/// tests look at).
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() -> usize {
    use crate::model::{Profile, Site, Sourced};
    let mut a = Profile::empty("https://www.upwork.com/freelancers/~01example", Site::Upwork);
    a.name = Some(Sourced::new("Daniel K.", "warm-up"));
    a.location = Some(Sourced::new("Austin, United States", "warm-up"));
    let mut b = Profile::empty("https://github.com/example", Site::Github);
    b.name = Some(Sourced::new("Jin Park", "warm-up"));
    b.location = Some(Sourced::new("Warsaw, Poland", "warm-up"));
    let profiles = [a, b];
    let view = CaseView::unstored(
        Some(profiles[0].url.clone()),
        profiles.iter().map(crate::analysis::ProfileSummary::from).collect(),
        crate::analysis::analyse(&profiles, &[], 0),
    );
    let html = serde_json::to_string(&view).ok().and_then(|json| render_panel(&json).ok());
    html.map_or(0, |h| h.len())
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
            Ok(p) if p.is_empty() => notices.push(match crate::i18n::unread_reason(&p) {
                Some(reason) => format!("{}: {reason}", f.name),
                None => crate::i18n::ui_with("noticeNoProfileInFile", &[&f.name]),
            }),
            Ok(p) => profiles.push(p),
            // Without a known address a file cannot contradict it: only NoAddress happens here.
            Err(extract::ExtractError::NoAddress | extract::ExtractError::ShowsAnotherProfile(_)) => {
                notices.push(crate::i18n::ui_with("noticeNoAddress", &[&f.name]))
            }
        }
    }
    let analysis = analyse(&profiles, &messages, now_ms.max(0.0) as u64);
    let mut view = CaseView::unstored(None, profiles.iter().map(ProfileSummary::from).collect(), analysis);
    view.notices = notices;
    Ok(serde_json::to_string(&view)?)
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
