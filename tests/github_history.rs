//! GitHub history signals (issue #17) on recorded API answers
//! (`tests/fixtures/github-api/`, made by its `make.py`): each signal fires
//! on its case, and the ordinary accounts (moved countries, a night owl who
//! says so, a long break with its reason on the profile, steady work) raise
//! none.

use std::path::Path;
use vetter::analysis::analyse;
use vetter::github::History;
use vetter::model::{Profile, Site, Sourced};

/// 2026-12-01, when the answers were "fetched".
const FETCHED: i64 = 1_796_083_200;

const GITHUB_FLAGS: &[&str] = &[
    "GITHUB_BACKDATED_COMMITS",
    "GITHUB_COMMIT_AUTHORS",
    "GITHUB_COPIED_REPOSITORY",
    "GITHUB_DORMANT_REVIVED",
    "GITHUB_RENAMED",
    "WORK_HOURS_MISMATCH",
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The history of a case folder, as the fetching layer builds it.
fn history(dir: &Path) -> History {
    let mut h = History::from_user(&read(&dir.join("user.json")), FETCHED).unwrap();
    h.add_repos(&read(&dir.join("repos.json"))).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("commits")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in files {
        let repo = file.file_stem().unwrap().to_string_lossy().into_owned();
        h.add_commits(&repo, &read(&file)).unwrap();
    }
    h
}

/// The case's profiles: the GitHub one with its history, and the others it describes.
fn case(dir: &Path) -> (Vec<Profile>, Vec<String>) {
    let meta: serde_json::Value = serde_json::from_str(&read(&dir.join("case.json"))).unwrap();
    let login = meta["login"].as_str().unwrap();
    let mut github = Profile::empty(format!("https://github.com/{login}"), Site::Github);
    github.handle = Some(Sourced::new(login, "t"));
    github.github = Some(history(dir));
    let mut profiles = vec![github];
    for (i, p) in meta["profiles"].as_array().unwrap().iter().enumerate() {
        let mut profile = Profile::empty(format!("https://www.upwork.com/freelancers/~01gh{i}"), Site::Upwork);
        profile.location = p["location"].as_str().map(|l| Sourced::new(l, "t"));
        profile.country = p["country"].as_str().map(str::to_string);
        profile.bio = p["bio"].as_str().map(|b| Sourced::new(b, "t"));
        profile.links =
            p["links"].as_array().into_iter().flatten().map(|l| Sourced::new(l.as_str().unwrap(), "t")).collect();
        profiles.push(profile);
    }
    let expect = meta["expect"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect();
    (profiles, expect)
}

#[test]
fn each_signal_fires_on_its_case_and_ordinary_accounts_raise_none() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github-api");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("case.json").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "{} cases", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        let (profiles, expect) = case(dir);
        let analysis = analyse(&profiles, &[], FETCHED as u64 * 1000);
        let mut raised: Vec<String> =
            analysis.findings.iter().map(|f| f.id.clone()).filter(|id| GITHUB_FLAGS.contains(&id.as_str())).collect();
        raised.sort();
        raised.dedup();
        if raised != expect {
            failures.push(format!(
                "{}: raised {raised:?}, expected {expect:?}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
        // Every finding explains itself: evidence, and text from the catalogue.
        for f in analysis.findings.iter().filter(|f| f.id.starts_with("GITHUB_")) {
            assert!(
                !f.evidence.is_empty() && !f.title.starts_with("flag_") && !f.explanation.starts_with("flag_"),
                "{f:?}"
            );
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn commit_hours_are_kept_with_the_hour_histogram_as_evidence() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github-api/seoul-hours");
    let (profiles, _) = case(&root);
    let analysis = analyse(&profiles, &[], FETCHED as u64 * 1000);
    let finding = analysis.findings.iter().find(|f| f.id == "WORK_HOURS_MISMATCH").expect("a finding");
    let evidence = &finding.evidence[0];
    assert!(evidence.value.contains("60 commits") && evidence.value.contains("UTC+"), "{evidence:?}");
    let histogram: Vec<u32> = evidence.note.as_ref().unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
    assert_eq!(histogram.len(), 24);
    assert_eq!(histogram.iter().sum::<u32>(), 60);
}

#[test]
fn a_history_round_trips_through_the_store_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github-api/ordinary");
    let (profiles, _) = case(&root);
    let json = serde_json::to_string(&profiles[0]).unwrap();
    let back: Profile = serde_json::from_str(&json).unwrap();
    assert_eq!(back.github, profiles[0].github);
    // Profiles stored before GitHub checks existed read as having none.
    let old = json.replace(&format!(",\"github\":{}", serde_json::to_string(&profiles[0].github).unwrap()), "");
    assert!(serde_json::from_str::<Profile>(&old).unwrap().github.is_none());
}
