//! What a GitHub account's public history says (issue #17): the account,
//! its repositories and its commits, read from the JSON of GitHub's public
//! REST API (`/users/{login}`, `/users/{login}/repos`,
//! `/repos/{owner}/{repo}/commits`), kept as a compact summary on the
//! GitHub profile it was fetched for, and judged by the rules in
//! `rules::github_history`. Platform-free: the CLI and the extension fetch,
//! this reads.

use serde::{Deserialize, Serialize};

/// At most this many commits are kept per account (the newest).
pub const MAX_COMMITS: usize = 1_000;
/// At most this many repositories are kept per account.
pub const MAX_REPOS: usize = 300;
/// At most this many API requests are made per account: the account, its
/// repositories, and the commits of the most recently pushed repositories.
pub const MAX_REQUESTS: usize = 10;
/// A fetched history is fetched again after this long (seconds).
pub const MAX_AGE: i64 = 7 * 86_400;

/// The summary of one account's public history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// The account's login as the API gives it (after any rename).
    pub login: String,
    /// When the account was created, seconds since the epoch (UTC).
    pub created: i64,
    pub followers: u32,
    pub following: u32,
    pub repos: Vec<Repo>,
    pub commits: Vec<Commit>,
    /// When it was fetched, seconds since the epoch.
    pub fetched: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Repo {
    pub name: String,
    pub fork: bool,
    pub created: i64,
    pub pushed: i64,
}

/// One commit of one of the account's repositories.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Commit {
    pub repo: String,
    pub sha: String,
    /// The author's date, seconds since the epoch (UTC).
    pub date: i64,
    /// The author's UTC offset in minutes, when the date carried one (the
    /// REST API gives UTC; a commit's patch gives the author's offset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i32>,
    pub author_name: String,
    pub author_email: String,
    /// The GitHub account the author's e-mail belongs to, when GitHub knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_login: Option<String>,
    pub message: String,
}

impl Commit {
    /// Whether the account itself wrote this commit (by login, else by the
    /// e-mail GitHub gives its users, `…+login@users.noreply.github.com`).
    pub fn by(&self, login: &str) -> bool {
        match &self.author_login {
            Some(author) => author.eq_ignore_ascii_case(login),
            None => {
                let email = self.author_email.to_ascii_lowercase();
                let login = login.to_ascii_lowercase();
                email == format!("{login}@users.noreply.github.com")
                    || email.ends_with(&format!("+{login}@users.noreply.github.com"))
            }
        }
    }
}

/// A timestamp of the API ("2011-01-26T19:01:12Z", "2024-03-01T10:00:00+09:00"):
/// seconds since the epoch and the offset in minutes it was written with.
pub fn parse_time(text: &str) -> Option<(i64, i32)> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> { text.get(from..to)?.parse().ok() };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    // Fractions of a second are skipped.
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        rest = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: String = rest[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 {
                return None;
            }
            let (h, m): (i32, i32) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
            if h > 14 || m > 59 {
                return None;
            }
            sign * (h * 60 + m)
        }
    };
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    Some((local - i64::from(offset) * 60, offset))
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn text(v: &serde_json::Value, key: &str) -> String {
    v.get(key).and_then(|s| s.as_str()).unwrap_or_default().to_string()
}

fn time(v: &serde_json::Value, key: &str) -> Option<i64> {
    parse_time(v.get(key)?.as_str()?).map(|(t, _)| t)
}

fn count(v: &serde_json::Value, key: &str) -> u32 {
    v.get(key).and_then(|n| n.as_u64()).map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// An API answer that is not what was asked for says so.
fn parsed(json: &str, what: &str) -> Result<serde_json::Value, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("{what}: not JSON ({e})"))?;
    if let Some(message) = value.get("message").and_then(|m| m.as_str()) {
        return Err(format!("{what}: GitHub answered \"{}\"", crate::text::clean(message, 200)));
    }
    Ok(value)
}

impl History {
    /// The account from `/users/{login}`.
    pub fn from_user(json: &str, fetched: i64) -> Result<History, String> {
        let user = parsed(json, "the account")?;
        let login = text(&user, "login");
        let created = time(&user, "created_at").ok_or("the account: no creation date")?;
        if login.is_empty() {
            return Err("the account: no login".into());
        }
        Ok(History {
            login,
            created,
            followers: count(&user, "followers"),
            following: count(&user, "following"),
            repos: Vec::new(),
            commits: Vec::new(),
            fetched,
        })
    }

    /// Adds the repositories of `/users/{login}/repos`.
    pub fn add_repos(&mut self, json: &str) -> Result<(), String> {
        let list = parsed(json, "the repositories")?;
        let list = list.as_array().ok_or("the repositories: not a list")?;
        for r in list {
            let name = text(r, "name");
            if name.is_empty() || self.repos.len() >= MAX_REPOS || self.repos.iter().any(|known| known.name == name) {
                continue;
            }
            self.repos.push(Repo {
                fork: r.get("fork").and_then(|f| f.as_bool()).unwrap_or(false),
                created: time(r, "created_at").unwrap_or(0),
                pushed: time(r, "pushed_at").unwrap_or(0),
                name,
            });
        }
        Ok(())
    }

    /// Adds the commits of `/repos/{owner}/{repo}/commits` for `repo`,
    /// keeping the newest [`MAX_COMMITS`] of the account.
    pub fn add_commits(&mut self, repo: &str, json: &str) -> Result<(), String> {
        let list = parsed(json, repo)?;
        let list = list.as_array().ok_or_else(|| format!("{repo}: not a list of commits"))?;
        for c in list {
            let sha = text(c, "sha");
            let Some(author) = c.get("commit").and_then(|commit| commit.get("author")) else { continue };
            let Some((date, offset)) = author.get("date").and_then(|d| d.as_str()).and_then(parse_time) else {
                continue;
            };
            if sha.is_empty() || self.commits.iter().any(|known| known.sha == sha) {
                continue;
            }
            let message = c.get("commit").map(|commit| text(commit, "message")).unwrap_or_default();
            self.commits.push(Commit {
                repo: repo.to_string(),
                sha,
                date,
                // The REST API writes UTC ("Z"): no offset is known then.
                offset: (offset != 0).then_some(offset),
                author_name: crate::text::clean(&text(author, "name"), 200),
                author_email: crate::text::clean(&text(author, "email"), 200),
                author_login: c.get("author").and_then(|a| a.get("login")).and_then(|l| l.as_str()).map(str::to_string),
                message: crate::text::clean(message.lines().next().unwrap_or_default(), 200),
            });
        }
        self.commits.sort_by_key(|c| std::cmp::Reverse(c.date));
        self.commits.truncate(MAX_COMMITS);
        Ok(())
    }

    /// The repositories whose commits to fetch, most recently pushed first,
    /// within [`MAX_REQUESTS`] (two go to the account and its repositories).
    pub fn repos_to_fetch(&self) -> Vec<String> {
        let mut repos: Vec<&Repo> = self.repos.iter().collect();
        repos.sort_by_key(|r| std::cmp::Reverse(r.pushed));
        repos.into_iter().take(MAX_REQUESTS - 2).map(|r| r.name.clone()).collect()
    }

    /// The account's own commits.
    pub fn own_commits(&self) -> impl Iterator<Item = &Commit> {
        self.commits.iter().filter(|c| c.by(&self.login))
    }
}

/// How many of `commits` fall in each hour of the day, in UTC.
pub fn hours_utc<'a>(commits: impl Iterator<Item = &'a Commit>) -> [u32; 24] {
    let mut hours = [0u32; 24];
    for c in commits {
        hours[(c.date.rem_euclid(86_400) / 3_600) as usize] += 1;
    }
    hours
}

/// The share of a UTC-hour histogram that falls inside working hours
/// (08:00–20:00 local) at `offset` minutes from UTC.
pub fn share_in_working_hours(hours: &[u32; 24], offset: i32) -> f64 {
    let total: u32 = hours.iter().sum();
    if total == 0 {
        return 0.0;
    }
    let shift = offset.div_euclid(60);
    let inside: u32 =
        (0..24i32).filter(|utc| (8..20).contains(&(utc + shift).rem_euclid(24))).map(|utc| hours[utc as usize]).sum();
    f64::from(inside) / f64::from(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_timestamps_are_read_with_their_offset() {
        assert_eq!(parse_time("1970-01-01T00:00:00Z"), Some((0, 0)));
        assert_eq!(parse_time("2011-01-26T19:01:12Z"), Some((1_296_068_472, 0)));
        assert_eq!(parse_time("2024-03-01T10:00:00+09:00"), Some((1_709_254_800, 540)));
        assert_eq!(parse_time("2024-03-01T01:00:00.123Z"), Some((1_709_254_800, 0)));
        assert_eq!(parse_time("2024-02-29T20:00:00-05:00"), Some((1_709_254_800, -300)));
        for bad in ["", "2024-13-01T00:00:00Z", "2024-03-01", "2024-03-01T00:00:00+0x:00", "yesterday"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_api_error_is_refused_with_its_message() {
        let err = History::from_user(r#"{"message": "API rate limit exceeded"}"#, 0).unwrap_err();
        assert!(err.contains("API rate limit exceeded"), "{err}");
        assert!(History::from_user("<html>", 0).is_err());
    }

    #[test]
    fn working_hours_shift_with_the_offset() {
        let mut hours = [0u32; 24];
        // 00:00–08:59 UTC: 09:00–17:59 in Seoul, night in New York.
        for h in hours.iter_mut().take(9) {
            *h = 10;
        }
        assert!(share_in_working_hours(&hours, 540) > 0.95);
        assert!(share_in_working_hours(&hours, -300) < 0.35);
    }
}
