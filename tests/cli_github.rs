//! `vetter scan --github` (issue #17) against a GitHub API on loopback that
//! answers with the recorded accounts of `tests/fixtures/github-api/`:
//! nothing is asked without `--github`; with it, an account costs at most
//! ten requests, is kept in the cache for a week, is asked again with the
//! entity tags kept (and GitHub's 304 keeps the history), and a rate limit
//! leaves the report partial and says so.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

const LOGIN: &str = "dkim-builds"; // the demo case's GitHub account

/// One request as the server saw it: its path and its If-None-Match.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// Serves the recorded "backdated" account as LOGIN's until dropped.
struct Api {
    port: u16,
    seen: Seen,
    limited: Arc<Mutex<bool>>,
}

impl Api {
    fn start() -> Api {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen: Seen = Arc::default();
        let limited = Arc::new(Mutex::new(false));
        let (log, limit) = (seen.clone(), limited.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                answer(stream, &log, &limit);
            }
        });
        Api { port, seen, limited }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> Vec<(String, Option<String>)> {
        self.seen.lock().unwrap().clone()
    }
}

fn recorded(path: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github-api/backdated");
    let parts: Vec<&str> = path.split('?').next()?.trim_start_matches('/').split('/').collect();
    let file = match parts.as_slice() {
        ["users", l] if *l == LOGIN => dir.join("user.json"),
        ["users", l, "repos"] if *l == LOGIN => dir.join("repos.json"),
        ["repos", l, repo, "commits"] if *l == LOGIN => dir.join("commits").join(format!("{repo}.json")),
        _ => return None,
    };
    file.is_file().then_some(file)
}

fn answer(stream: TcpStream, log: &Seen, limited: &Mutex<bool>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
    let mut if_none_match = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(value.trim().to_string());
            }
        }
    }
    log.lock().unwrap().push((path.clone(), if_none_match.clone()));
    let mut out = stream;
    let (status, headers, body) = if *limited.lock().unwrap() {
        (
            "403 Forbidden",
            "x-ratelimit-remaining: 0\r\nx-ratelimit-reset: 1796090400\r\n".to_string(),
            r#"{"message":"API rate limit exceeded"}"#.to_string(),
        )
    } else {
        match recorded(&path) {
            Some(file) => {
                let body = std::fs::read_to_string(file).unwrap().replace("mira-codes", LOGIN);
                let tag = format!("\"{:x}\"", body.len());
                if if_none_match.as_deref() == Some(tag.as_str()) {
                    ("304 Not Modified", format!("etag: {tag}\r\n"), String::new())
                } else {
                    ("200 OK", format!("etag: {tag}\r\ncontent-type: application/json\r\n"), body)
                }
            }
            None => ("404 Not Found", String::new(), r#"{"message":"Not Found"}"#.to_string()),
        }
    };
    let _ =
        write!(out, "HTTP/1.1 {status}\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
}

/// The demo case copied to a folder of its own, and a cache folder.
fn workspace() -> (tempdir::Dir, PathBuf, PathBuf) {
    let root = tempdir::Dir::new();
    let case = root.path().join("daniel-kim");
    std::fs::create_dir_all(&case).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/daniel-kim");
    for entry in std::fs::read_dir(&demo).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), case.join(entry.file_name())).unwrap();
        }
    }
    let cache = root.path().join("cache");
    (root, case, cache)
}

mod tempdir {
    use std::path::{Path, PathBuf};
    pub struct Dir(PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            let dir = std::env::temp_dir().join(format!(
                "vetter-cli-github-{}-{:?}",
                std::process::id(),
                std::thread::current().id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Dir(dir)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn scan(cache: &Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vetter"))
        .arg("scan")
        .arg("--json")
        .args(args)
        .env("VETTER_CACHE_DIR", cache)
        .env_remove("VETTER_GITHUB_TOKEN")
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), report, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn flags(report: &serde_json::Value) -> Vec<String> {
    report["cases"][0]["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn github_checks_fetch_within_the_bound_keep_a_week_and_ask_again_conditionally() {
    let api = Api::start();
    let (_root, case, cache) = workspace();
    let case = case.to_str().unwrap();

    // Off unless asked: nothing reaches the API.
    let (status, report, err) = scan(&cache, &[case]);
    assert_eq!(status, 0, "{err}");
    assert!(!flags(&report).contains(&"GITHUB_BACKDATED_COMMITS".to_string()));
    assert!(api.requests().is_empty());

    // On: the account, its repositories and their commits; the signal.
    let (status, report, err) = scan(&cache, &["--github-api", &api.url(), case]);
    assert_eq!(status, 0, "{err} {report}");
    assert!(flags(&report).contains(&"GITHUB_BACKDATED_COMMITS".to_string()), "{:?}", flags(&report));
    let first = api.requests();
    assert!((3..=10).contains(&first.len()), "{first:?}");
    assert!(first.iter().all(|(p, tag)| tag.is_none()
        && (p.starts_with(&format!("/users/{LOGIN}")) || p.starts_with(&format!("/repos/{LOGIN}/")))));

    // Again within the week: from the cache, no request.
    let (status, report, _) = scan(&cache, &["--github-api", &api.url(), case]);
    assert_eq!(status, 0);
    assert!(flags(&report).contains(&"GITHUB_BACKDATED_COMMITS".to_string()));
    assert_eq!(api.requests().len(), first.len());

    // A week later (the kept history aged): each request carries its entity
    // tag, GitHub answers 304, and the history stands.
    let file = cache.join("github").join(format!("{LOGIN}.json"));
    let mut kept: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    kept["fetched"] = (kept["fetched"].as_i64().unwrap() - 8 * 86_400).into();
    std::fs::write(&file, kept.to_string()).unwrap();
    let (status, report, err) = scan(&cache, &["--github-api", &api.url(), case]);
    assert_eq!(status, 0, "{err}");
    assert!(flags(&report).contains(&"GITHUB_BACKDATED_COMMITS".to_string()));
    let again = &api.requests()[first.len()..];
    assert_eq!(again.len(), first.len(), "{again:?}");
    assert!(again.iter().all(|(_, tag)| tag.is_some()), "{again:?}");
    let renewed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(renewed["fetched"].as_i64() > kept["fetched"].as_i64());
    assert_eq!(renewed["commits"], kept["commits"]);
}

#[test]
fn a_rate_limit_leaves_the_report_partial_and_says_so() {
    let api = Api::start();
    *api.limited.lock().unwrap() = true;
    let (_root, case, cache) = workspace();
    let (status, report, _) = scan(&cache, &["--github-api", &api.url(), case.to_str().unwrap()]);
    assert_eq!(status, 1, "some input skipped");
    assert_eq!(api.requests().len(), 1, "nothing more is asked once limited");
    let skipped = report["skipped"].as_array().unwrap();
    let reason = skipped.iter().find_map(|s| s["reason"].as_str().filter(|r| r.contains("rate limit"))).expect("noted");
    assert!(reason.contains("partial") && reason.contains("VETTER_GITHUB_TOKEN"), "{reason}");
    // The other findings are still reported.
    assert!(!report["cases"][0]["findings"].as_array().unwrap().is_empty());
}

#[test]
fn a_bad_api_address_is_a_usage_error() {
    let (_root, case, cache) = workspace();
    let (status, _, err) = scan(&cache, &["--github-api", "ftp://example.org", case.to_str().unwrap()]);
    assert_eq!(status, 2);
    assert!(err.contains("--github-api"), "{err}");
}
