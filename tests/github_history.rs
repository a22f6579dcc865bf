//! GitHub history signals (issue #17) on recorded API answers
//! (`tests/fixtures/github-api/`, made by its `make.py`): each signal fires
//! on its case, and the ordinary accounts (moved countries, a night owl who
//! says so, a long break with its reason on the profile, steady work) raise
//! none.

use std::path::{Path, PathBuf};
use vetter::analysis::{analyse, CaseViews};
use vetter::github::{Answer, Answers, History, MAX_REQUESTS};
use vetter::model::{Profile, Site, Sourced};
use vetter::store::Store;

/// 2026-12-01, when the answers were "fetched".
const FETCHED: i64 = 1_796_083_200;

const GITHUB_FLAGS: &[&str] = &[
    "GITHUB_BACKDATED_COMMITS",
    "GITHUB_COMMIT_AUTHORS",
    "GITHUB_COPIED_REPOSITORY",
    "GITHUB_DORMANT_REVIVED",
    "GITHUB_RENAMED",
    "GITHUB_STAR_BURST",
    "WORK_HOURS_MISMATCH",
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The recorded file answering an API request path (as a server would).
fn recorded(dir: &Path, path: &str) -> Option<PathBuf> {
    let path = path.split('?').next().unwrap();
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let file = match parts.as_slice() {
        ["users", _] => dir.join("user.json"),
        ["users", _, "repos"] => dir.join("repos.json"),
        ["repos", _, repo, "commits"] => dir.join("commits").join(format!("{repo}.json")),
        ["repos", _, repo, "stargazers"] => dir.join("stargazers").join(format!("{repo}.json")),
        _ => return None,
    };
    file.is_file().then_some(file)
}

/// The history of a case folder, fetched as the extension and the CLI do:
/// the requests the core plans, answered from the recorded files.
fn history(dir: &Path) -> History {
    let login = login(dir);
    let mut answers = Answers::new();
    for _round in 0..2 {
        for request in vetter::github::requests(&login, None, &answers) {
            let file =
                recorded(dir, &request.path).unwrap_or_else(|| panic!("no recorded answer for {}", request.path));
            answers.insert(
                request.path,
                Answer { etag: Some(format!("\"{}\"", read(&file).len())), body: Some(read(&file)) },
            );
        }
    }
    assert!(answers.len() <= MAX_REQUESTS, "{} requests", answers.len());
    History::assemble(&login, None, &answers, FETCHED).unwrap()
}

fn login(dir: &Path) -> String {
    let meta: serde_json::Value = serde_json::from_str(&read(&dir.join("case.json"))).unwrap();
    meta["login"].as_str().unwrap().to_string()
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

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github-api").join(case)
}

#[test]
fn every_recorded_answer_is_asked_for_within_the_bound() {
    // The plan asks for the stars of a repository with enough of them, and
    // for the commits of the most recently pushed repositories.
    let dir = fixture("star-burst");
    let h = history(&dir);
    assert_eq!(h.stars.as_ref().map(|s| (s.repo.as_str(), s.count, s.dates.len())), Some(("ui-kit", 48, 48)));
    assert_eq!(h.own_commits().count(), 25);
    let dir = fixture("dormant");
    assert_eq!(history(&dir).repos.len(), 3);
}

#[test]
fn unchanged_answers_are_taken_from_the_last_fetch() {
    let dir = fixture("ordinary");
    let login = login(&dir);
    let first = history(&dir);
    assert!(!first.etags.is_empty());
    // Every request of the next fetch carries the entity tag kept; GitHub
    // answers 304 to all of them and the history stays whole.
    let mut answers = Answers::new();
    for _round in 0..2 {
        for request in vetter::github::requests(&login, Some(&first), &answers) {
            assert_eq!(request.etag.as_ref(), first.etags.get(&request.path), "{}", request.path);
            answers.insert(request.path, Answer { etag: request.etag.clone(), body: None });
        }
    }
    let second = History::assemble(&login, Some(&first), &answers, FETCHED + 8 * 86_400).unwrap();
    assert_eq!((second.fetched, &second.commits, &second.repos), (FETCHED + 8 * 86_400, &first.commits, &first.repos));
    assert_eq!((&second.stars, second.created), (&first.stars, first.created));
    // A 304 with nothing kept is an error, not an empty history.
    assert!(History::assemble(&login, None, &answers, FETCHED).is_err());
}

/// A GitHub profile of `login` with `history`, and an Upwork profile.
fn candidate(store: &mut Store, login: &str, history: History, upwork_email: Option<&str>) -> String {
    let mut gh = Profile::empty(format!("https://github.com/{login}"), Site::Github);
    gh.name = Some(Sourced::new(login, "t"));
    let key = store.ingest(gh, FETCHED as u64 * 1000).unwrap();
    store.set_github(&key, history);
    if let Some(email) = upwork_email {
        let mut up = Profile::empty(format!("https://www.upwork.com/freelancers/~01{login}"), Site::Upwork);
        up.emails = vec![Sourced::new(email, "t")];
        let other = store.ingest(up, FETCHED as u64 * 1000).unwrap();
        store.link(&key, &other);
    }
    key
}

#[test]
fn an_address_two_accounts_commit_with_is_a_shared_identifier() {
    // Two "different" candidates' accounts; the commits of both are signed
    // with the same address, linked to neither account (GitHub links an
    // address to one verified account only).
    let make = |login: &str, name: &str| {
        let mut h = history(&fixture("ordinary"));
        h.login = login.into();
        h.name = Some(name.into());
        for c in &mut h.commits {
            (c.author_login, c.author_name, c.author_email) = (None, name.into(), "k.dev.work@example.com".into());
        }
        h
    };
    let mut store = Store::new();
    let a = candidate(&mut store, "anna-codes", make("anna-codes", "Anna Berg"), None);
    candidate(&mut store, "lee-stack", make("lee-stack", "Lee Stack"), None);
    let view = store.view(&a, FETCHED as u64 * 1000).unwrap();
    let shared = view.findings.iter().find(|f| f.id == "SHARED_IDENTIFIER").expect("SHARED_IDENTIFIER");
    assert!(
        shared.evidence.iter().any(|e| e.field == "commit author" && e.value == "k.dev.work@example.com"),
        "{shared:?}"
    );
}

#[test]
fn bystanders_are_never_tainted() {
    // The copied repository's commits are by two other people. Neither
    // becomes a candidate, and a candidate who happens to share one of
    // their addresses is not linked to the account that copied them.
    let mut store = Store::new();
    let copier = candidate(&mut store, "sam-portfolio", history(&fixture("copied-repo")), None);
    let other = candidate(&mut store, "unrelated-dev", history(&fixture("ordinary")), Some("dev0@example.org"));
    assert_eq!(store.len(), 3, "only the candidates' own profiles are stored");
    let now = FETCHED as u64 * 1000;
    for key in [&copier, &other] {
        let view = store.view(key, now).unwrap();
        assert!(view.findings.iter().all(|f| f.id != "SHARED_IDENTIFIER"), "{:?}", view.findings);
    }
    let flagged = store.view(&copier, now).unwrap();
    assert!(flagged.findings.iter().any(|f| f.id == "GITHUB_COPIED_REPOSITORY"));
    assert_eq!(flagged.profiles.len(), 1);
}
