//! `vetter scan --team URL`: the cases are checked against what the team
//! shared (agency mode), read from the team's CouchDB database at URL
//! (`https://couch.example.com/team`) the way the extension reads it: the
//! check document first (another secret is refused before anything is
//! read), then `_changes`, every document checked by the core. The
//! secret, user and password come from the environment, never from the
//! command line (which other users of the machine can see).

use super::Skipped;
use crate::team::{TeamIndex, TeamKey, TeamRecord};
use std::time::Duration;

pub const SECRET_VARIABLE: &str = "VETTER_TEAM_SECRET";
pub const USER_VARIABLE: &str = "VETTER_TEAM_USER";
pub const PASSWORD_VARIABLE: &str = "VETTER_TEAM_PASSWORD";
const CHECK_ID: &str = "vetter-team-check";
const PAGE: usize = 500;
/// The largest answer read.
const MAX_ANSWER: u64 = 50_000_000;

/// What was read: the index, and documents refused (with why).
pub struct Pulled {
    pub index: TeamIndex,
    pub refused: Vec<Skipped>,
}

/// Reads the team's records from the database at `url`.
pub fn pull(url: &str, now_ms: u64) -> Result<Pulled, String> {
    let url = url.trim_end_matches('/');
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    if rest.is_none_or(|r| !r.contains('/') || r.contains(['?', '#', '@', ' '])) {
        return Err(format!("--team needs the database's http(s) address (https://host/db), not \"{url}\""));
    }
    let secret =
        std::env::var(SECRET_VARIABLE).map_err(|_| format!("--team needs the team secret in ${SECRET_VARIABLE}"))?;
    let key = TeamKey::new(&secret)?;
    let auth = match (std::env::var(USER_VARIABLE), std::env::var(PASSWORD_VARIABLE)) {
        (Ok(user), Ok(password)) if !user.is_empty() => Some(basic(&user, &password)),
        _ => None,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let get = |path: &str| -> Result<(u16, serde_json::Value), String> {
        let mut call = agent.get(&format!("{url}{path}")).header("accept", "application/json");
        if let Some(auth) = &auth {
            call = call.header("authorization", auth);
        }
        let mut response = call.call().map_err(|e| format!("the team server cannot be reached ({e})"))?;
        let status = response.status().as_u16();
        match status {
            401 => return Err("the team server refused the user name or password".into()),
            403 => return Err("this user may not use the team database".into()),
            _ => {}
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|e| format!("the team server's answer could not be read ({e})"))?;
        let json = serde_json::from_str(&body).map_err(|_| format!("the team server sent HTTP {status}, not JSON"))?;
        Ok((status, json))
    };
    let (status, check) = get(&format!("/{CHECK_ID}"))?;
    if status != 200 || check.get("check").and_then(|c| c.as_str()) != Some(key.check().as_str()) {
        return Err(if status == 404 {
            "the team database has no check document yet (a member joins from the extension first)".into()
        } else {
            format!("{SECRET_VARIABLE} is not the secret this team uses")
        });
    }
    let mut index = TeamIndex::new(key);
    let mut refused = Vec::new();
    let mut since = "0".to_string();
    loop {
        let (status, page) = get(&format!("/_changes?include_docs=true&limit={PAGE}&since={}", encode(&since)))?;
        let results = page.get("results").and_then(|r| r.as_array()).filter(|_| status == 200);
        let Some(results) = results else {
            return Err(format!("the team server answered HTTP {status} for its changes"));
        };
        for change in results {
            let Some(id) = change.get("id").and_then(|i| i.as_str()) else { continue };
            if id == CHECK_ID || id.starts_with("_design/") || change.get("deleted").is_some_and(|d| d == true) {
                continue;
            }
            let mut doc = change.get("doc").cloned().unwrap_or_default();
            if let Some(fields) = doc.as_object_mut() {
                fields.remove("_rev");
            }
            match TeamRecord::checked(&doc.to_string(), now_ms) {
                Ok(record) => index.put(record),
                Err(reason) => refused.push(Skipped { path: format!("{url}/{id}"), reason }),
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
    Ok(Pulled { index, refused })
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

/// `since` values are opaque strings (CouchDB 2+) or numbers: sent percent-encoded.
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
