//! `vetter scan --github`: the public history of the GitHub accounts in the
//! cases, fetched from GitHub's REST API (or `--github-api URL`, a GitHub
//! Enterprise root or a test server) exactly as the extension fetches it:
//! the requests [`crate::github::requests`] lists, at most
//! [`crate::github::MAX_REQUESTS`] per account, conditional on the entity
//! tags kept from the last fetch. Histories are kept in the cache folder
//! for [`crate::github::MAX_AGE`]; a fresh one is used without a request.

use super::Skipped;
use crate::github::{Answer, Answers, History, Request};
use std::path::PathBuf;
use std::time::Duration;

pub const DEFAULT_API: &str = "https://api.github.com";
/// The environment variable an optional token is read from (never printed,
/// never written anywhere).
pub const TOKEN_VARIABLE: &str = "VETTER_GITHUB_TOKEN";
/// The largest answer read (a page of 100 commits is ~300 KB).
const MAX_ANSWER: u64 = 5_000_000;

pub struct Options {
    /// The API root, without a trailing slash.
    pub api: String,
    pub token: Option<String>,
    /// Where fetched histories are kept (`None`: nowhere).
    pub cache: Option<PathBuf>,
}

impl Options {
    /// `--github-api URL` checked: an http(s) address with no query.
    pub fn new(api: Option<&str>, cache: Option<PathBuf>) -> Result<Options, String> {
        let api = api.unwrap_or(DEFAULT_API).trim_end_matches('/');
        let rest = api.strip_prefix("https://").or_else(|| api.strip_prefix("http://"));
        if rest.is_none_or(|r| r.is_empty() || r.contains(['?', '#', ' ', '@'])) {
            return Err(format!("--github-api needs an http(s) address, not \"{api}\""));
        }
        let token = std::env::var(TOKEN_VARIABLE).ok().map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        Ok(Options { api: api.to_string(), token, cache })
    }
}

/// Why fetching stopped.
pub enum Failure {
    /// GitHub's rate limit: nothing more is asked until `reset` (seconds since the epoch).
    RateLimited {
        reset: Option<i64>,
    },
    Other(String),
}

pub struct Client {
    agent: ureq::Agent,
    options: Options,
    /// Set once the rate limit is reached: later accounts are not asked.
    limited: Option<Option<i64>>,
    /// Requests made, for the report's notes and the tests.
    pub requests: usize,
}

impl Client {
    pub fn new(options: Options) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(15)))
            .user_agent(concat!("vetter/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client { agent, options, limited: None, requests: 0 }
    }

    fn cache_file(&self, login: &str) -> Option<PathBuf> {
        Some(self.options.cache.as_ref()?.join("github").join(format!("{}.json", login.to_ascii_lowercase())))
    }

    /// The history kept for `login` (fresh or not), if any can be read.
    fn kept(&self, login: &str) -> Option<History> {
        let text = std::fs::read_to_string(self.cache_file(login)?).ok()?;
        serde_json::from_str::<History>(&text).ok().filter(|h| h.login.eq_ignore_ascii_case(login))
    }

    /// The public history of `login`: the kept one while fresh, else
    /// fetched (conditionally on the kept one, or on `stored`: the history
    /// the `--store` holds).
    pub fn history(&mut self, login: &str, stored: Option<&History>, now: i64) -> Result<History, Failure> {
        let previous = self.kept(login).or_else(|| stored.filter(|h| h.login.eq_ignore_ascii_case(login)).cloned());
        if let Some(h) = previous.as_ref().filter(|h| now - h.fetched < crate::github::MAX_AGE && h.fetched <= now) {
            return Ok(h.clone());
        }
        if let Some(reset) = self.limited {
            return Err(Failure::RateLimited { reset });
        }
        let mut answers = Answers::new();
        for _round in 0..2 {
            for request in crate::github::requests(login, previous.as_ref(), &answers) {
                let answer = self.get(&request)?;
                answers.insert(request.path, answer);
            }
        }
        let history = History::assemble(login, previous.as_ref(), &answers, now).map_err(Failure::Other)?;
        if let Some(file) = self.cache_file(login) {
            // Without a cache the next scan asks again; nothing is lost.
            if let Ok(json) = serde_json::to_vec(&history) {
                let _ = super::write_atomically(&file, &json);
            }
        }
        Ok(history)
    }

    fn get(&mut self, request: &Request) -> Result<Answer, Failure> {
        self.requests += 1;
        let url = format!("{}{}", self.options.api, request.path);
        let mut call =
            self.agent.get(&url).header("accept", &request.accept).header("x-github-api-version", "2022-11-28");
        if let Some(tag) = &request.etag {
            call = call.header("if-none-match", tag);
        }
        if let Some(token) = &self.options.token {
            call = call.header("authorization", &format!("Bearer {token}"));
        }
        let mut response = call.call().map_err(|e| Failure::Other(format!("{url}: {e}")))?;
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let status = response.status().as_u16();
        let etag = header("etag");
        if status == 304 {
            return Ok(Answer { etag: request.etag.clone(), body: None });
        }
        if matches!(status, 403 | 429) && header("x-ratelimit-remaining").as_deref() == Some("0") {
            let reset = header("x-ratelimit-reset").and_then(|r| r.parse().ok());
            self.limited = Some(reset);
            return Err(Failure::RateLimited { reset });
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|e| Failure::Other(format!("{url}: {e}")))?;
        if !(200..300).contains(&status) {
            // GitHub explains refusals in a JSON "message"; the core reads it.
            let reason = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.get("message")?.as_str().map(|m| crate::text::clean(m, 200)))
                .unwrap_or_default();
            return Err(Failure::Other(format!("{url}: HTTP {status} {reason}").trim_end().to_string()));
        }
        Ok(Answer { etag, body: Some(body) })
    }
}

/// The note for an account whose history could not be had.
pub fn skipped(url: &str, failure: &Failure) -> Skipped {
    let reason = match failure {
        Failure::RateLimited { reset } => {
            let until = reset.map(|r| {
                let (y, m, d) = crate::text::civil_date(u64::try_from(r).unwrap_or(0) * 1000);
                let seconds = r.rem_euclid(86_400);
                format!(" (until {y:04}-{m:02}-{d:02} {:02}:{:02} UTC)", seconds / 3600, seconds % 3600 / 60)
            });
            format!(
                "GitHub checks not done: GitHub's rate limit was reached{}; the findings are partial. Set {TOKEN_VARIABLE} for a higher limit",
                until.unwrap_or_default()
            )
        }
        Failure::Other(why) => format!("GitHub checks not done ({why}); the findings are partial"),
    };
    Skipped { path: url.to_string(), reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_root_must_be_an_http_address() {
        assert_eq!(Options::new(Some("http://127.0.0.1:9/"), None).unwrap().api, "http://127.0.0.1:9");
        for bad in ["ftp://x", "api.github.com", "https://", "https://x?y", "https://user@x"] {
            assert!(Options::new(Some(bad), None).is_err(), "{bad}");
        }
    }
}
