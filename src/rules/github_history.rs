//! What a GitHub account's public history says (issue #17), for each GitHub
//! profile of the case whose history was fetched (opt-in; see
//! [`crate::github`]):
//! `GITHUB_BACKDATED_COMMITS`, `GITHUB_COMMIT_AUTHORS`,
//! `GITHUB_COPIED_REPOSITORY`, `GITHUB_DORMANT_REVIVED`, `GITHUB_RENAMED`,
//! `GITHUB_STAR_BURST`, and commit hours as evidence for
//! `WORK_HOURS_MISMATCH`. (The account's own commit e-mails count as its
//! e-mails for `SHARED_IDENTIFIER`.)
//!
//! ## Why it matters
//! Practitioners who investigate DPRK IT workers check an account's history
//! (SEAL's framework, gh-fake-analyzer, reports of commits in UTC+9 working
//! hours): bought or made-up accounts show copied or backdated history,
//! several authors, and hours that fit another continent.
//!
//! ## Known false positives
//! Repositories migrated from elsewhere keep their older dates; people
//! travel, work nights, change e-mails and take breaks; a project shared on
//! a news site gets most of its stars in a day. Every signal here is
//! `low` or `info`: it corroborates, it never decides, and the profiles' own
//! words (night work, a career break) silence the signals they explain.

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};
use crate::github::{hours_utc, share_in_working_hours, History};
use crate::model::{Profile, Site};

pub const BACKDATED_ID: &str = "GITHUB_BACKDATED_COMMITS";
pub const AUTHORS_ID: &str = "GITHUB_COMMIT_AUTHORS";
pub const COPIED_ID: &str = "GITHUB_COPIED_REPOSITORY";
pub const DORMANT_ID: &str = "GITHUB_DORMANT_REVIVED";
pub const RENAMED_ID: &str = "GITHUB_RENAMED";
pub const STARS_ID: &str = "GITHUB_STAR_BURST";

const DAY: i64 = 86_400;

/// Commits needed before their hours say anything.
const HOURS_MIN_COMMITS: usize = 30;

pub fn check(case: &CaseInput<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for p in case.profiles.iter().filter(|p| p.site == Site::Github) {
        let Some(history) = &p.github else { continue };
        findings.extend(backdated(p, history));
        findings.extend(commit_hours(p, history, case.profiles));
        findings.extend(authors(p, history));
        findings.extend(copied(p, history));
        findings.extend(dormant(p, history, case.profiles));
        findings.extend(renamed(p, history, case.profiles));
        findings.extend(star_burst(p, history));
    }
    findings
}

/// Each flag's title and guidance keys (`_locales`).
const KEYS: &[(&str, &str, &str)] = &[
    (BACKDATED_ID, "flag_GITHUB_BACKDATED_COMMITS_title", "flag_GITHUB_BACKDATED_COMMITS_guidance"),
    (AUTHORS_ID, "flag_GITHUB_COMMIT_AUTHORS_title", "flag_GITHUB_COMMIT_AUTHORS_guidance"),
    (COPIED_ID, "flag_GITHUB_COPIED_REPOSITORY_title", "flag_GITHUB_COPIED_REPOSITORY_guidance"),
    (DORMANT_ID, "flag_GITHUB_DORMANT_REVIVED_title", "flag_GITHUB_DORMANT_REVIVED_guidance"),
    (RENAMED_ID, "flag_GITHUB_RENAMED_title", "flag_GITHUB_RENAMED_guidance"),
    (STARS_ID, "flag_GITHUB_STAR_BURST_title", "flag_GITHUB_STAR_BURST_guidance"),
];

fn finding(id: &str, severity: Severity, explanation: String, evidence: Vec<Evidence>) -> Finding {
    let (_, title, guidance) = KEYS.iter().find(|(flag, ..)| *flag == id).copied().unwrap_or((id, id, id));
    Finding { id: id.into(), severity, title: ui(title), explanation, evidence, guidance: ui(guidance) }
}

/// A summary of API data as evidence (not a quotation).
fn summary(p: &Profile, field: &str, value: String, note: Option<String>) -> Evidence {
    Evidence { profile: p.url.clone(), field: field.into(), value, note, composed: true }
}

fn day(seconds: i64) -> String {
    let (y, m, d) = crate::text::civil_date(u64::try_from(seconds.max(0)).unwrap_or(0) * 1000);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Whether any profile of the case says something that explains a signal.
fn says(profiles: &[Profile], words: &[&str]) -> bool {
    profiles.iter().any(|p| {
        [&p.bio, &p.headline, &p.time_zone].into_iter().flatten().any(|s| {
            let lower = s.value.to_lowercase();
            words.iter().any(|w| lower.contains(w))
        })
    })
}

/// The account's own commits dated more than a day before it existed.
fn backdated(p: &Profile, h: &History) -> Option<Finding> {
    let forks: Vec<&str> = h.repos.iter().filter(|r| r.fork).map(|r| r.name.as_str()).collect();
    let early: Vec<_> =
        h.own_commits().filter(|c| c.date < h.created - DAY && !forks.contains(&c.repo.as_str())).collect();
    let first = early.iter().min_by_key(|c| c.date)?;
    let evidence = vec![
        summary(p, "account created", day(h.created), None),
        summary(
            p,
            "commit",
            format!("{} {} \"{}\"", first.repo, day(first.date), first.message),
            Some(ui_with("ev_githubEarlierCommits", &[&early.len().to_string()])),
        ),
    ];
    Some(finding(BACKDATED_ID, Severity::Low, ui("flag_GITHUB_BACKDATED_COMMITS_explain"), evidence))
}

/// Commit hours that are working hours far from every place the case
/// claims, and night there: evidence for `WORK_HOURS_MISMATCH`.
fn commit_hours(p: &Profile, h: &History, profiles: &[Profile]) -> Option<Finding> {
    let own: Vec<_> = h.own_commits().collect();
    if own.len() < HOURS_MIN_COMMITS || says(profiles, NIGHT_WORDS) {
        return None;
    }
    // Where the candidate says they work: a stated time zone, else the
    // offsets of the places the profiles name.
    let mut claimed: Vec<(i32, String)> = Vec::new();
    for q in profiles {
        if let Some(tz) = &q.time_zone {
            if let Some(offset) = super::work_hours_mismatch::stated_offset(&tz.value) {
                claimed.push((offset, tz.value.clone()));
            }
        }
        if let (Some(loc), Some(country)) = (&q.location, &q.country) {
            for offset in crate::normalize::location::utc_offsets(&loc.value, country) {
                claimed.push((offset, loc.value.clone()));
            }
        }
    }
    if claimed.is_empty() {
        return None;
    }
    let hours = hours_utc(own.iter().copied());
    let at_claimed = claimed.iter().map(|(o, _)| share_in_working_hours(&hours, *o)).fold(0.0, f64::max);
    let (best, at_best) = (-12..=14)
        .map(|hour: i32| (hour * 60, share_in_working_hours(&hours, hour * 60)))
        .fold((0, 0.0), |a, b| if b.1 > a.1 { b } else { a });
    let far = claimed.iter().all(|(o, _)| (o - best).abs() >= 5 * 60);
    if at_claimed >= 0.35 || at_best < 0.8 || !far {
        return None;
    }
    let pct = |x: f64| format!("{:.0}", 100.0 * x);
    let places: Vec<&str> = claimed.iter().map(|(_, place)| place.as_str()).collect();
    let evidence = vec![summary(
        p,
        "commit hours",
        ui_with(
            "ev_githubCommitHours",
            &[&own.len().to_string(), &pct(at_claimed), &places.join(" / "), &pct(at_best), &utc(best)],
        ),
        Some(hours.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")),
    )];
    Some(Finding {
        id: super::work_hours_mismatch::ID.into(),
        severity: Severity::Low,
        title: ui("flag_WORK_HOURS_MISMATCH_commitsTitle"),
        explanation: ui("flag_WORK_HOURS_MISMATCH_commitsExplain"),
        evidence,
        guidance: ui("flag_WORK_HOURS_MISMATCH_guidance"),
    })
}

fn utc(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("UTC{sign}{}", minutes.abs() / 60)
}

const NIGHT_WORDS: &[&str] = &["night", "nocturn", "madrugada", "ноч", "нічн", "вночі"];

/// Several people, or several machines set up as several people, writing
/// as the account.
fn authors(p: &Profile, h: &History) -> Option<Finding> {
    let mut emails: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for c in h.own_commits() {
        let email = c.author_email.to_lowercase();
        if !email.is_empty() && !email.ends_with("@users.noreply.github.com") && !emails.contains(&email) {
            emails.push(email);
        }
        let name = crate::normalize::fold(&c.author_name);
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    // A work and a personal address, and a laptop's default, are ordinary.
    if emails.len() < 4 && names.len() < 3 {
        return None;
    }
    let evidence =
        vec![summary(p, "commit e-mails", emails.join(", "), None), summary(p, "commit names", names.join(", "), None)];
    let explanation =
        ui_with("flag_GITHUB_COMMIT_AUTHORS_explain", &[&emails.len().to_string(), &names.len().to_string()]);
    Some(finding(AUTHORS_ID, Severity::Low, explanation, evidence))
}

/// A repository presented as the account's own (not a fork) whose commits
/// are nearly all by other people.
fn copied(p: &Profile, h: &History) -> Option<Finding> {
    let mut evidence = Vec::new();
    for repo in h.repos.iter().filter(|r| !r.fork) {
        let commits: Vec<_> = h.commits.iter().filter(|c| c.repo == repo.name).collect();
        let others: Vec<_> = commits.iter().filter(|c| !c.by(&h.login)).collect();
        if commits.len() < 5 || others.len() * 10 < commits.len() * 8 {
            continue;
        }
        let mut who: Vec<&str> = others.iter().map(|c| c.author_name.as_str()).collect();
        who.sort_unstable();
        who.dedup();
        evidence.push(summary(
            p,
            "repository",
            repo.name.clone(),
            Some(ui_with(
                "ev_githubOthersCommits",
                &[
                    &others.len().to_string(),
                    &commits.len().to_string(),
                    &who.iter().take(3).copied().collect::<Vec<_>>().join(", "),
                ],
            )),
        ));
    }
    (!evidence.is_empty())
        .then(|| finding(COPIED_ID, Severity::Low, ui("flag_GITHUB_COPIED_REPOSITORY_explain"), evidence))
}

const BREAK_WORDS: &[&str] = &[
    "break",
    "sabbatical",
    "parental leave",
    "hiatus",
    "time off",
    "pausa",
    "licencia",
    "licença",
    "перерыв",
    "отпуск",
    "перерва",
    "декрет",
];

/// An old account silent for two years or more, then busy again in the
/// last six months with new repositories.
fn dormant(p: &Profile, h: &History, profiles: &[Profile]) -> Option<Finding> {
    if h.fetched - h.created < 3 * 365 * DAY || says(profiles, BREAK_WORDS) {
        return None;
    }
    let mut dates: Vec<i64> = h.own_commits().map(|c| c.date).chain(h.repos.iter().map(|r| r.created)).collect();
    dates.push(h.created);
    dates.sort_unstable();
    let recent = h.fetched - 183 * DAY;
    let (before, after) = dates.windows(2).map(|w| (w[0], w[1])).max_by_key(|(a, b)| b - a)?;
    let revived_repos = h.repos.iter().filter(|r| r.created >= after && !r.fork).count();
    let revived_commits = h.own_commits().filter(|c| c.date >= after).count();
    if after - before < 2 * 365 * DAY || after < recent || revived_repos < 2 || revived_commits < 10 {
        return None;
    }
    let evidence = vec![
        summary(p, "account created", day(h.created), None),
        summary(p, "silent", format!("{} – {}", day(before), day(after)), None),
        summary(
            p,
            "revived",
            ui_with("ev_githubRevived", &[&revived_repos.to_string(), &revived_commits.to_string()]),
            None,
        ),
    ];
    Some(finding(DORMANT_ID, Severity::Info, ui("flag_GITHUB_DORMANT_REVIVED_explain"), evidence))
}

/// Another profile of the case links the account under another login.
fn renamed(p: &Profile, h: &History, profiles: &[Profile]) -> Option<Finding> {
    let login = h.login.to_lowercase();
    let mut evidence = Vec::new();
    for q in profiles {
        for link in q.links.iter().chain(std::iter::once(&crate::model::Sourced::new(q.url.clone(), "url"))) {
            let Some(linked) = github_login(&link.value) else { continue };
            if linked != login && !evidence.iter().any(|e: &Evidence| e.value == link.value) {
                evidence.push(Evidence {
                    profile: q.url.clone(),
                    field: "link".into(),
                    value: link.value.clone(),
                    note: Some(ui_with("ev_githubNowLogin", &[&h.login])),
                    composed: false,
                });
            }
        }
    }
    // The page read under the old address is the account itself: the
    // rename shows as the login differing from its own address.
    (!evidence.is_empty()).then(|| {
        let mut all = vec![summary(p, "login", h.login.clone(), None)];
        all.extend(evidence);
        finding(RENAMED_ID, Severity::Low, ui("flag_GITHUB_RENAMED_explain"), all)
    })
}

/// The login of a `github.com/{login}` address (lower-case), if it is one.
fn github_login(url: &str) -> Option<String> {
    crate::github::login_in(url).map(str::to_ascii_lowercase)
}

/// Most of a repository's stars given within two days: stars bought or
/// swapped in a ring arrive in one batch, stars from people who use a
/// project over months. Only the dates are read; who starred is not.
fn star_burst(p: &Profile, h: &History) -> Option<Finding> {
    let stars = h.stars.as_ref()?;
    let dates = &stars.dates;
    if dates.len() < crate::github::MIN_STARS as usize {
        return None;
    }
    // The most stars within any 48 hours (the dates are sorted).
    let (mut start, mut best) = (0, (0, 0));
    for end in 0..dates.len() {
        while dates[end] - dates[start] > 2 * DAY {
            start += 1;
        }
        if end + 1 - start > best.1 - best.0 {
            best = (start, end + 1);
        }
    }
    let in_burst = best.1 - best.0;
    if in_burst * 10 < dates.len() * 8 {
        return None;
    }
    let evidence = vec![summary(
        p,
        "stars",
        stars.repo.clone(),
        Some(ui_with(
            "ev_githubStarBurst",
            &[&in_burst.to_string(), &dates.len().to_string(), &day(dates[best.0]), &day(dates[best.1 - 1])],
        )),
    )];
    Some(finding(STARS_ID, Severity::Low, ui("flag_GITHUB_STAR_BURST_explain"), evidence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_github_address_gives_its_login() {
        assert_eq!(github_login("https://github.com/Dkim-Builds"), Some("dkim-builds".into()));
        assert_eq!(github_login("https://github.com/dkim-builds/repo?tab=x"), Some("dkim-builds".into()));
        assert_eq!(github_login("https://github.com/orgs/acme"), None);
        assert_eq!(github_login("https://gitlab.com/dkim"), None);
    }
}
