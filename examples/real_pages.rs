//! Scores extraction on real saved pages kept OUTSIDE the repository (they
//! hold personal data): `cargo run --release --example real_pages -- DIR`.
//!
//! DIR holds one folder per site; each page `X.html` has `X.truth.json`
//! beside it with what a person reads on the page: `url`, `state`
//! (profile, signin, notfound, ratelimit, list, thread, empty), `name`,
//! `headline`, `location`, `work` [{title, employer, start, end}] and
//! `education` [{school, degree, start, end}], dates as shown ("Jul 2021",
//! "Present"). Prints, per page and per site, how many of the visible
//! fields were read exactly; `--verbose` shows each difference.

use serde_json::Value;
use std::path::{Path, PathBuf};
use vetter::extract::values;
use vetter::model::{PageKind, Profile};

#[derive(Default)]
struct Score {
    right: usize,
    total: usize,
    extra: usize,
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.right += other.right;
        self.total += other.total;
        self.extra += other.extra;
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(norm).filter(|s| !s.is_empty())
}

fn date(v: &Value) -> Option<String> {
    v.as_str().and_then(values::date)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: real_pages DIR [--verbose]");
        std::process::exit(2);
    };
    let mut sites: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("DIR").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    sites.sort();
    let mut grand = Score::default();
    for site in sites {
        let mut pages: Vec<PathBuf> = std::fs::read_dir(&site)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .filter(|p| p.with_extension("truth.json").exists())
            .collect();
        if pages.is_empty() {
            continue;
        }
        pages.sort();
        let mut site_score = Score::default();
        for page in pages {
            let score = score_page(&page, &site, verbose);
            site_score.add(&score);
        }
        println!(
            "{:<14} {:>4}/{:<4} fields read exactly, {} extra entries",
            site.file_name().unwrap().to_string_lossy(),
            site_score.right,
            site_score.total,
            site_score.extra
        );
        grand.add(&site_score);
    }
    println!("{:<14} {:>4}/{:<4} fields read exactly, {} extra entries", "all", grand.right, grand.total, grand.extra);
}

fn score_page(page: &Path, site: &Path, verbose: bool) -> Score {
    let truth: Value = serde_json::from_str(&std::fs::read_to_string(page.with_extension("truth.json")).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let html = String::from_utf8_lossy(&std::fs::read(page).unwrap()).into_owned();
    let stem = page.file_stem().unwrap().to_string_lossy().to_string();
    let default_url = match site.file_name().unwrap().to_str().unwrap() {
        "linkedin" => format!("https://www.linkedin.com/in/{stem}/"),
        "github" => format!("https://github.com/{stem}"),
        other => format!("https://{other}.example/{stem}"),
    };
    let url = truth["url"].as_str().map(str::to_string).unwrap_or(default_url);
    let started = std::time::Instant::now();
    let result = vetter::extract::extract(Some(&url), &html);
    let ms = started.elapsed().as_secs_f64() * 1e3;
    let mut score = Score::default();
    let mut notes = Vec::new();
    let profile = match result {
        Ok(p) => p,
        Err(e) => {
            println!("  {stem}: error {e}");
            return score;
        }
    };
    let state = truth["state"].as_str().unwrap_or("profile");
    let got_state = state_of(&profile);
    score.total += 1;
    if got_state == state || (state == "thread" && profile.kind == PageKind::Thread) {
        score.right += 1;
    } else {
        notes.push(format!("state: got {got_state}, want {state}"));
    }
    if state == "profile" {
        for (field, got) in [
            ("name", profile.name.as_ref()),
            ("headline", profile.headline.as_ref()),
            ("location", profile.location.as_ref()),
        ] {
            let want = text(&truth[field]);
            let got = got.map(|s| norm(&s.value));
            if want.is_none() && got.is_none() {
                continue;
            }
            score.total += usize::from(want.is_some());
            if want.is_some() && got == want {
                score.right += 1;
            } else if want.is_none() {
                score.extra += 1;
                notes.push(format!("{field}: got {got:?}, the page shows none"));
            } else {
                notes.push(format!("{field}: got {got:?}, want {want:?}"));
            }
        }
        let jobs: Vec<[Option<String>; 4]> = profile
            .work
            .iter()
            .map(|j| [j.title.as_deref().map(norm), j.employer.as_deref().map(norm), j.start.clone(), j.end.clone()])
            .collect();
        entries(&truth["work"], &["title", "employer", "start", "end"], &jobs, "work", &mut score, &mut notes);
        let schools: Vec<[Option<String>; 4]> = profile
            .education
            .iter()
            .map(|e| [Some(norm(&e.school)), e.degree.as_deref().map(norm), e.start.clone(), e.end.clone()])
            .collect();
        entries(
            &truth["education"],
            &["school", "degree", "start", "end"],
            &schools,
            "education",
            &mut score,
            &mut notes,
        );
    }
    println!(
        "  {stem:<22} {:>3}/{:<3} {:>7.1} ms{}",
        score.right,
        score.total,
        ms,
        if profile.missing.is_empty() { String::new() } else { format!("  missing: {}", profile.missing.join(", ")) }
    );
    if verbose {
        for n in notes {
            println!("      {n}");
        }
    }
    score
}

fn state_of(p: &Profile) -> String {
    match (&p.kind, &p.unread) {
        (_, Some(reason)) => reason.key().to_string(),
        (PageKind::Thread, _) => "thread".into(),
        (PageKind::None, _) => "list".into(),
        (PageKind::Profile, _) if p.is_empty() => "empty".into(),
        (PageKind::Profile, _) => "profile".into(),
    }
}

/// Each shown entry counts as one field, read right when every part of
/// it matches an entry read from the page.
fn entries(
    want: &Value,
    keys: &[&str; 4],
    got: &[[Option<String>; 4]],
    label: &str,
    score: &mut Score,
    notes: &mut Vec<String>,
) {
    let want: Vec<[Option<String>; 4]> = want
        .as_array()
        .map(|items| {
            items.iter().map(|w| [text(&w[keys[0]]), text(&w[keys[1]]), date(&w[keys[2]]), date(&w[keys[3]])]).collect()
        })
        .unwrap_or_default();
    let mut unmatched: Vec<&[Option<String>; 4]> = got.iter().collect();
    for w in &want {
        score.total += 1;
        if let Some(at) = unmatched.iter().position(|g| *g == w) {
            unmatched.remove(at);
            score.right += 1;
        } else {
            notes.push(format!("{label}: want {w:?}"));
        }
    }
    score.extra += unmatched.len();
    for g in unmatched {
        notes.push(format!("{label}: extra {g:?}"));
    }
}
