//! What a GitHub account's public history says (issue #17): the account,
//! its repositories and its commits, read from the JSON of GitHub's public
//! REST API (`/users/{login}`, `/users/{login}/repos`,
//! `/repos/{owner}/{repo}/commits`), kept as a compact summary on the
//! GitHub profile it was fetched for, and judged by the rules in
//! `rules::github_history`. Platform-free: the CLI and the extension fetch
//! what [`requests`] lists and hand the answers to [`History::assemble`].

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// At most this many commits are kept per account (the newest).
pub const MAX_COMMITS: usize = 1_000;
/// At most this many repositories are kept per account.
pub const MAX_REPOS: usize = 300;
/// At most this many API requests are made per account: the account, its
/// repositories, and the commits of the most recently pushed repositories.
pub const MAX_REQUESTS: usize = 10;
/// A fetched history is fetched again after this long (seconds).
pub const MAX_AGE: i64 = 7 * 86_400;
/// A repository's stars are read (dated) when it has at least this many.
pub const MIN_STARS: u32 = 15;

const JSON_MEDIA: &str = "application/vnd.github+json";
/// Stargazers with the date of each star.
const STAR_MEDIA: &str = "application/vnd.github.star+json";

/// One request to make: a path under the API root, the media type to ask
/// for, and the entity tag of the answer kept from the last fetch (sent as
/// `If-None-Match`: an unchanged answer comes back as 304 and, with a
/// token, costs nothing of the rate limit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub path: String,
    pub accept: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

/// One answer: its entity tag and body, or no body when the API answered
/// 304 Not Modified (the answer kept from the last fetch stands).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
}

/// The answers fetched so far, by request path.
pub type Answers = BTreeMap<String, Answer>;

fn user_path(login: &str) -> String {
    format!("/users/{login}")
}

fn repos_path(login: &str) -> String {
    format!("/users/{login}/repos?per_page=100&sort=pushed")
}

fn commits_path(login: &str, repo: &str) -> String {
    format!("/repos/{login}/{repo}/commits?per_page=100")
}

fn stars_path(login: &str, repo: &str) -> String {
    format!("/repos/{login}/{repo}/stargazers?per_page=100")
}

/// Whether `login` is a GitHub login (letters, digits, single hyphens, at
/// most 39): only such are put into a request path.
pub fn is_login(login: &str) -> bool {
    !login.is_empty()
        && login.len() <= 39
        && login.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !login.starts_with('-')
}

/// The login of a GitHub profile (`https://github.com/LOGIN`).
pub fn login_of(profile: &crate::model::Profile) -> Option<&str> {
    if profile.site != crate::model::Site::Github {
        return None;
    }
    login_in(&profile.url)
}

/// The login in a GitHub profile address (with or without its scheme);
/// not GitHub's own pages (`github.com/features`).
pub fn login_in(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let login = rest.strip_prefix("github.com/")?.split(['/', '?', '#']).next()?;
    (is_login(login) && !crate::sites::is_github_reserved(login)).then_some(login)
}

/// Whether `name` can be a repository name (letters, digits, `.-_`): only
/// such are put into a request path.
fn is_repo_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && name != "."
        && name != ".."
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// What to request next for `login`, given the answers so far and the
/// history kept from the last fetch (for entity tags and, when the
/// repositories did not change, their list): first the account and its
/// repositories, then the commits of the most recently pushed ones and the
/// stars of the most starred, within [`MAX_REQUESTS`] in all.
pub fn requests(login: &str, previous: Option<&History>, answers: &Answers) -> Vec<Request> {
    if !is_login(login) {
        return Vec::new();
    }
    let request = |path: String, accept: &str| Request {
        etag: previous.and_then(|h| h.etags.get(&path).cloned()),
        path,
        accept: accept.into(),
    };
    let (user, repos) = (user_path(login), repos_path(login));
    if !answers.contains_key(&user) || !answers.contains_key(&repos) {
        return [request(user, JSON_MEDIA), request(repos, JSON_MEDIA)]
            .into_iter()
            .filter(|r| !answers.contains_key(&r.path))
            .collect();
    }
    let mut listed = History::default();
    match answers.get(&repos).and_then(|a| a.body.as_deref()) {
        Some(body) => {
            if listed.add_repos(body).is_err() {
                return Vec::new();
            }
        }
        None => listed.repos = previous.map(|h| h.repos.clone()).unwrap_or_default(),
    }
    let starred = listed.most_starred().map(|r| r.name.clone());
    let budget = MAX_REQUESTS - 2 - usize::from(starred.is_some());
    let mut next: Vec<Request> = listed
        .repos_to_fetch()
        .into_iter()
        .take(budget)
        .map(|repo| request(commits_path(login, &repo), JSON_MEDIA))
        .collect();
    next.extend(starred.map(|repo| request(stars_path(login, &repo), STAR_MEDIA)));
    next.retain(|r| !answers.contains_key(&r.path));
    next
}

/// The summary of one account's public history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// The account's login as the API gives it (after any rename).
    pub login: String,
    /// The account's display name, when it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When the account was created, seconds since the epoch (UTC).
    pub created: i64,
    pub followers: u32,
    pub following: u32,
    pub repos: Vec<Repo>,
    pub commits: Vec<Commit>,
    /// The dates of the first stars (at most 100) of the most starred
    /// repository, when it has [`MIN_STARS`] or more. Who starred is not kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stars: Option<Stars>,
    /// When it was fetched, seconds since the epoch.
    pub fetched: i64,
    /// The entity tag of each answer (by request path), for the next fetch.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub etags: BTreeMap<String, String>,
}

/// When one repository's stars were given.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stars {
    pub repo: String,
    /// Its star count when fetched.
    pub count: u32,
    /// The dates of the stars read, seconds since the epoch, oldest first.
    pub dates: Vec<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Repo {
    pub name: String,
    pub fork: bool,
    pub created: i64,
    pub pushed: i64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub stars: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
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
        let name = Some(crate::text::clean(&text(&user, "name"), 200)).filter(|n| !n.is_empty());
        Ok(History {
            login,
            name,
            created,
            followers: count(&user, "followers"),
            following: count(&user, "following"),
            fetched,
            ..History::default()
        })
    }

    /// Adds the repositories of `/users/{login}/repos`.
    pub fn add_repos(&mut self, json: &str) -> Result<(), String> {
        let list = parsed(json, "the repositories")?;
        let list = list.as_array().ok_or("the repositories: not a list")?;
        for r in list {
            let name = text(r, "name");
            if !is_repo_name(&name)
                || self.repos.len() >= MAX_REPOS
                || self.repos.iter().any(|known| known.name == name)
            {
                continue;
            }
            self.repos.push(Repo {
                fork: r.get("fork").and_then(|f| f.as_bool()).unwrap_or(false),
                created: time(r, "created_at").unwrap_or(0),
                pushed: time(r, "pushed_at").unwrap_or(0),
                stars: count(r, "stargazers_count"),
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

    /// Adds the dated stars of `/repos/{owner}/{repo}/stargazers` (asked
    /// for as `application/vnd.github.star+json`): only the dates are kept.
    pub fn add_stars(&mut self, repo: &str, json: &str) -> Result<(), String> {
        let list = parsed(json, repo)?;
        let list = list.as_array().ok_or_else(|| format!("{repo}: not a list of stars"))?;
        let mut dates: Vec<i64> = list.iter().filter_map(|s| time(s, "starred_at")).collect();
        dates.sort_unstable();
        let count = self.repos.iter().find(|r| r.name == repo).map_or(0, |r| r.stars);
        self.stars = Some(Stars { repo: repo.to_string(), count, dates });
        Ok(())
    }

    /// The account's most starred own repository (not a fork), when it
    /// has [`MIN_STARS`] or more.
    pub fn most_starred(&self) -> Option<&Repo> {
        self.repos
            .iter()
            .filter(|r| !r.fork && r.stars >= MIN_STARS)
            .max_by_key(|r| (r.stars, std::cmp::Reverse(&r.name)))
    }

    /// The history from the answers to [`requests`]: an answer that did not
    /// change (304) takes its part from `previous`. Repositories whose
    /// commits were not fetched are left out.
    pub fn assemble(
        login: &str,
        previous: Option<&History>,
        answers: &Answers,
        fetched: i64,
    ) -> Result<History, String> {
        let unchanged = |what: &str| format!("{what}: GitHub said it did not change, but no earlier answer is kept");
        let answer = |path: &str| answers.get(path).ok_or_else(|| format!("{path}: not fetched"));
        let user = answer(&user_path(login))?;
        let mut history = match (&user.body, previous) {
            (Some(body), _) => History::from_user(body, fetched)?,
            (None, Some(old)) => History {
                login: old.login.clone(),
                name: old.name.clone(),
                created: old.created,
                followers: old.followers,
                following: old.following,
                fetched,
                ..History::default()
            },
            (None, None) => return Err(unchanged("the account")),
        };
        match (&answer(&repos_path(login))?.body, previous) {
            (Some(body), _) => history.add_repos(body)?,
            (None, Some(old)) => history.repos = old.repos.clone(),
            (None, None) => return Err(unchanged("the repositories")),
        }
        for repo in history.repos.iter().map(|r| r.name.clone()).collect::<Vec<_>>() {
            if let Some(a) = answers.get(&commits_path(login, &repo)) {
                match (&a.body, previous) {
                    (Some(body), _) => history.add_commits(&repo, body)?,
                    (None, Some(old)) => {
                        history.commits.extend(old.commits.iter().filter(|c| c.repo == repo).cloned());
                    }
                    (None, None) => return Err(unchanged(&repo)),
                }
            }
            if let Some(a) = answers.get(&stars_path(login, &repo)) {
                match (&a.body, previous.and_then(|old| old.stars.as_ref())) {
                    (Some(body), _) => history.add_stars(&repo, body)?,
                    (None, Some(old)) if old.repo == repo => history.stars = Some(old.clone()),
                    (None, _) => return Err(unchanged(&repo)),
                }
            }
        }
        history.commits.sort_by_key(|c| std::cmp::Reverse(c.date));
        history.commits.truncate(MAX_COMMITS);
        history.etags = answers
            .iter()
            .filter_map(|(path, a)| Some((path.clone(), crate::text::clean(a.etag.as_deref()?, 200))))
            .filter(|(_, tag)| !tag.is_empty())
            .collect();
        Ok(history)
    }

    /// The e-mail addresses the account itself commits with: of commits
    /// GitHub links to the account, or signed with its login or display
    /// name (an address verified on no account is not linked). Never the
    /// addresses of other people's commits in its repositories.
    pub fn own_emails(&self) -> Vec<&str> {
        let name = self.name.as_deref().map(crate::normalize::fold);
        let login = crate::normalize::fold(&self.login);
        let mut emails: Vec<&str> = self
            .commits
            .iter()
            .filter(|c| {
                c.by(&self.login)
                    || c.author_login.is_none() && {
                        let author = crate::normalize::fold(&c.author_name);
                        author == login || name.as_ref().is_some_and(|n| !n.is_empty() && *n == author)
                    }
            })
            .map(|c| c.author_email.as_str())
            .filter(|e| !e.is_empty() && !e.to_ascii_lowercase().ends_with("@users.noreply.github.com"))
            .collect();
        emails.sort_unstable();
        emails.dedup();
        emails
    }

    /// The repositories whose commits to fetch, most recently pushed first,
    /// within [`MAX_REQUESTS`] (two go to the account and its repositories).
    /// Not forks: their commits are the original's, and no signal reads them.
    pub fn repos_to_fetch(&self) -> Vec<String> {
        let mut repos: Vec<&Repo> = self.repos.iter().filter(|r| !r.fork).collect();
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
    fn logins_are_read_from_profile_addresses_only() {
        assert_eq!(login_in("https://github.com/dkim-builds"), Some("dkim-builds"));
        assert_eq!(login_in("https://www.github.com/a1/repo?tab=x"), Some("a1"));
        assert_eq!(login_in("github.com/a1"), Some("a1"));
        for bad in
            ["https://gitlab.com/a1", "https://github.com/", "https://github.com/a_b", "https://github.com/features"]
        {
            assert_eq!(login_in(bad), None, "{bad}");
        }
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
