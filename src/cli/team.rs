//! Agency mode from the command line: `vetter scan --team URL` checks the
//! cases against what the team shared, and `vetter verdict … --team URL`
//! (or `scan --store DIR --team URL`) shares this store's verdicts. The
//! team's CouchDB database at URL (`https://couch.example.com/team`) is
//! used the way the extension uses it: the check document first (another
//! secret is refused before anything is read or written), then
//! `_changes`, every document checked by the core; then each record of a
//! case with a verdict is merged with the server's version (every verdict
//! of both kept) and written with that version's revision, read again
//! and merged again when a colleague wrote it meanwhile. The secret, user
//! and password come from the environment, never from the command line
//! (which other users of the machine can see).

use super::Skipped;
use crate::team::{TeamIndex, TeamKey, TeamRecord};
use std::collections::HashMap;
use std::time::Duration;

pub const SECRET_VARIABLE: &str = "VETTER_TEAM_SECRET";
pub const USER_VARIABLE: &str = "VETTER_TEAM_USER";
pub const PASSWORD_VARIABLE: &str = "VETTER_TEAM_PASSWORD";
const CHECK_ID: &str = "vetter-team-check";
const PAGE: usize = 500;
/// The largest answer read.
const MAX_ANSWER: u64 = 50_000_000;
/// Writes of one record tried before giving up (each after a conflict).
const ATTEMPTS: usize = 3;

/// The team's database address, credentials and key, as given.
pub struct Settings {
    base: String,
    auth: Option<String>,
    key: TeamKey,
}

impl Settings {
    /// The database at `url`, with the secret, user and password of the
    /// environment: `Err` for a bad address or a missing or short secret.
    pub fn from_env(url: &str) -> Result<Settings, String> {
        let url = url.trim_end_matches('/');
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
        if rest.is_none_or(|r| !r.contains('/') || r.contains(['?', '#', '@', ' '])) {
            return Err(format!("--team needs the database's http(s) address (https://host/db), not \"{url}\""));
        }
        let secret = std::env::var(SECRET_VARIABLE)
            .map_err(|_| format!("--team needs the team secret in ${SECRET_VARIABLE}"))?;
        let key = TeamKey::new(&secret)?;
        let auth = match (std::env::var(USER_VARIABLE), std::env::var(PASSWORD_VARIABLE)) {
            (Ok(user), Ok(password)) if !user.is_empty() => Some(basic(&user, &password)),
            _ => None,
        };
        Ok(Settings { base: url.to_string(), auth, key })
    }
}

/// The team's database, its secret checked.
pub struct Server {
    settings: Settings,
    agent: ureq::Agent,
}

/// What a push did: records written, and records left unshared because
/// the server's version of them could not be read (with why).
pub struct Pushed {
    pub written: usize,
    pub refused: Vec<String>,
}

/// A record as the server holds it: its revision and its checked content.
struct Known {
    rev: String,
    record: TeamRecord,
}

/// What was read: the index, documents refused (with why), and the
/// server's version of each record (what a push merges with).
pub struct Pulled {
    pub index: TeamIndex,
    pub refused: Vec<Skipped>,
    known: HashMap<String, Known>,
    /// Records the team deleted (an administrator honouring an erasure
    /// request, say): not written back by a push (see [`Server::push`]).
    deleted: std::collections::HashSet<String>,
}

impl Server {
    /// The database of `settings`. The check document holds the tag of a
    /// fixed text under the team's secret: another secret is refused here.
    /// The first member to connect writes it (as the extension does when
    /// joining).
    pub fn connect(settings: Settings) -> Result<Server, String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let server = Server { settings, agent };
        server.check_secret()?;
        Ok(server)
    }

    fn check_secret(&self) -> Result<(), String> {
        let tag = self.settings.key.check();
        let (mut status, mut check) = self.get(&format!("/{CHECK_ID}"))?;
        if status == 404 {
            let document = serde_json::json!({"type": CHECK_ID, "check": tag});
            let (put, answer) = self.put(&format!("/{CHECK_ID}"), &document)?;
            // Written, or written by a colleague meanwhile: read back once.
            if put == 404 {
                // CouchDB: the database itself is missing (a mistyped name?).
                return Err(format!(
                    "the team server has no database at {} ({}); check the address's last part",
                    self.settings.base,
                    answer
                        .get("reason")
                        .and_then(|r| r.as_str())
                        .map_or("not found".into(), |r| crate::text::clean(r, 200))
                ));
            }
            if !matches!(put, 201 | 202 | 409) {
                return Err(format!("the team server answered HTTP {put} when its check document was written"));
            }
            (status, check) = self.get(&format!("/{CHECK_ID}"))?;
        }
        if status != 200 {
            return Err(format!("the team server answered HTTP {status} for its check document"));
        }
        if check.get("check").and_then(|c| c.as_str()) != Some(tag.as_str()) {
            return Err(format!("{SECRET_VARIABLE} is not the secret this team uses"));
        }
        Ok(())
    }

    pub fn key(&self) -> &TeamKey {
        &self.settings.key
    }

    fn call(&self, path: &str, body: Option<&serde_json::Value>) -> Result<(u16, serde_json::Value), String> {
        let address = format!("{}{path}", self.settings.base);
        let sent = match body {
            Some(body) => {
                self.headed(self.agent.put(&address)).header("content-type", "application/json").send(body.to_string())
            }
            None => self.headed(self.agent.get(&address)).call(),
        };
        let mut response = sent.map_err(|e| format!("the team server cannot be reached ({e})"))?;
        let status = response.status().as_u16();
        match status {
            401 => return Err("the team server refused the user name or password".into()),
            403 => return Err("this user may not use the team database".into()),
            _ => {}
        }
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|e| format!("the team server's answer could not be read ({e})"))?;
        let json = serde_json::from_str(&text).map_err(|_| format!("the team server sent HTTP {status}, not JSON"))?;
        Ok((status, json))
    }

    /// A request with the headers every request carries.
    fn headed<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        let request = request.header("accept", "application/json");
        match &self.settings.auth {
            Some(auth) => request.header("authorization", auth),
            None => request,
        }
    }

    fn get(&self, path: &str) -> Result<(u16, serde_json::Value), String> {
        self.call(path, None)
    }

    fn put(&self, path: &str, body: &serde_json::Value) -> Result<(u16, serde_json::Value), String> {
        self.call(path, Some(body))
    }

    /// The team's records, read from `_changes`.
    pub fn pull(&self, now_ms: u64) -> Result<Pulled, String> {
        let mut pulled = Pulled {
            index: TeamIndex::new(self.settings.key.clone()),
            refused: Vec::new(),
            known: HashMap::new(),
            deleted: Default::default(),
        };
        let mut since = "0".to_string();
        loop {
            let (status, page) =
                self.get(&format!("/_changes?include_docs=true&limit={PAGE}&since={}", encode(&since)))?;
            let results = page.get("results").and_then(|r| r.as_array()).filter(|_| status == 200);
            let Some(results) = results else {
                return Err(format!("the team server answered HTTP {status} for its changes"));
            };
            for change in results {
                let Some(id) = change.get("id").and_then(|i| i.as_str()) else { continue };
                if id == CHECK_ID || id.starts_with("_design/") {
                    continue;
                }
                if change.get("deleted").is_some_and(|d| d == true) {
                    pulled.index.remove(id);
                    pulled.known.remove(id);
                    pulled.deleted.insert(id.to_string());
                    continue;
                }
                pulled.deleted.remove(id);
                let doc = change.get("doc").cloned().unwrap_or_default();
                match self.checked(id, doc, now_ms) {
                    Ok(known) => {
                        pulled.index.put(known.record.clone());
                        pulled.known.insert(id.to_string(), known);
                    }
                    Err(reason) => {
                        pulled.refused.push(Skipped { path: format!("{}/{id}", self.settings.base), reason })
                    }
                }
            }
            since = match page.get("last_seq") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => break,
            };
            if results.len() < PAGE {
                break;
            }
        }
        Ok(pulled)
    }

    /// A document of the server as a record, with its revision.
    fn checked(&self, id: &str, mut doc: serde_json::Value, now_ms: u64) -> Result<Known, String> {
        let rev = doc.as_object_mut().and_then(|fields| fields.remove("_rev"));
        let record = TeamRecord::checked(&doc.to_string(), now_ms)?;
        if record.id != id {
            return Err(format!("the document's _id is not {id}"));
        }
        Ok(Known { rev: rev.and_then(|r| r.as_str().map(str::to_string)).unwrap_or_default(), record })
    }

    /// Writes `records` (this store's, by [`crate::team::records_of_store`]),
    /// each merged with the server's version so that no colleague's
    /// verdict is overwritten (a record the server already holds as it is
    /// is not written again). A record whose version on the server does not
    /// read is left unshared, with why, and the others still go. A record
    /// the team deleted is written again only when one of its verdicts was
    /// given from `renewed_from` on (a verdict just given; the CLI keeps no
    /// memory of when it saw the deletion, so a scan never rewrites one).
    pub fn push(
        &self,
        pulled: &mut Pulled,
        records: Vec<TeamRecord>,
        renewed_from: u64,
        now_ms: u64,
    ) -> Result<Pushed, String> {
        let mut pushed = Pushed { written: 0, refused: Vec::new() };
        'records: for ours in records {
            let id = ours.id.clone();
            if pulled.deleted.contains(&id) && !ours.verdicts.iter().any(|v| v.at >= renewed_from) {
                continue;
            }
            let path = format!("/{}", encode(&id));
            let mut attempt = 0;
            loop {
                let mut merged = ours.clone();
                if let Some(known) = pulled.known.get(&id) {
                    merged.merge(&known.record);
                    if same_record(&merged, &known.record) {
                        break;
                    }
                }
                let mut document = serde_json::to_value(&merged).map_err(|e| e.to_string())?;
                if let Some(known) = pulled.known.get(&id).filter(|k| !k.rev.is_empty()) {
                    document["_rev"] = known.rev.clone().into();
                }
                let (status, answer) = self.put(&path, &document)?;
                if matches!(status, 201 | 202) {
                    let rev = answer.get("rev").and_then(|r| r.as_str()).unwrap_or_default().to_string();
                    pulled.index.put(merged.clone());
                    pulled.known.insert(id.clone(), Known { rev, record: merged });
                    pushed.written += 1;
                    break;
                }
                attempt += 1;
                if status != 409 || attempt == ATTEMPTS {
                    return Err(format!("the team server answered HTTP {status} when {id} was written"));
                }
                // A colleague wrote it meanwhile: read theirs, merge again.
                let (status, theirs) = self.get(&path)?;
                if status != 200 {
                    return Err(format!("the team server answered HTTP {status} for {id}"));
                }
                match self.checked(&id, theirs, now_ms) {
                    Ok(known) => {
                        pulled.known.insert(id.clone(), known);
                    }
                    Err(e) => {
                        pushed.refused.push(format!("the team server's version of {id} is not a valid record ({e})"));
                        continue 'records;
                    }
                }
            }
        }
        Ok(pushed)
    }
}

/// Two versions of a record say the same when they differ at most in when
/// they were made.
fn same_record(a: &TeamRecord, b: &TeamRecord) -> bool {
    TeamRecord { updated: 0, ..a.clone() } == TeamRecord { updated: 0, ..b.clone() }
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

/// `since` values are opaque strings (CouchDB 2+) or numbers, and ids hold
/// `:`: sent percent-encoded.
fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn basic_credentials_are_base64() {
        assert_eq!(super::basic("ann", "annpw"), "Basic YW5uOmFubnB3");
        assert_eq!(super::basic("a", "b"), "Basic YTpi");
        assert_eq!(super::basic("ab", "cd"), "Basic YWI6Y2Q=");
    }
}
