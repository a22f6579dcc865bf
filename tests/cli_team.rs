//! `vetter scan --team URL` (issue #18) against a CouchDB-protocol server on
//! loopback (a few lines here, answering what the CLI asks): the demo case
//! shares Daniel Kim's portfolio phone with a case a colleague marked
//! fraudulent under another name, so it is "seen by your team"; a hostile
//! document is reported under `skipped`; another secret, a refused password
//! and a bad address are usage errors that say why.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use vetter::model::{Profile, Site, Sourced};
use vetter::store::records::VerdictKind;
use vetter::store::Store;
use vetter::team::{TeamKey, TeamRecord};

const SECRET: &str = "our agency secret 2026";
const NOW: u64 = 1_796_083_200_000;

/// The colleague's record: another name, Daniel's portfolio phone.
fn colleagues_record() -> serde_json::Value {
    let mut store = Store::new();
    let mut p = Profile::empty("https://www.upwork.com/freelancers/~01colleague", Site::Upwork);
    p.name = Some(Sourced::new("Aleksei Petrov", "t"));
    p.phones = vec![Sourced::new("+48 555 010 123", "t")];
    let key = store.ingest(p, NOW).unwrap();
    store.set_verdict(&key, VerdictKind::Fraudulent, "asked to be paid to a relative's account", "Ann Lee", NOW);
    let record = TeamRecord::of_case(&TeamKey::new(SECRET).unwrap(), &store, &key, &[], NOW).unwrap();
    let mut doc = serde_json::to_value(record).unwrap();
    doc["_rev"] = "1-abc".into();
    doc
}

/// Serves the team database `/team` until the test ends; `password` is the one it accepts.
fn serve(check: String, docs: Vec<serde_json::Value>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let path = line.split(' ').nth(1).unwrap_or("/").to_string();
            let mut authorised = false;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
                // "ann:annpw"
                authorised |=
                    header.to_ascii_lowercase().starts_with("authorization:") && header.contains("YW5uOmFubnB3");
            }
            let (status, body) = if !authorised {
                ("401 Unauthorized", r#"{"error":"unauthorized"}"#.to_string())
            } else if path == "/team/vetter-team-check" {
                ("200 OK", serde_json::json!({"_id": "vetter-team-check", "_rev": "1-x", "check": check}).to_string())
            } else if path.starts_with("/team/_changes") {
                let results: Vec<serde_json::Value> = docs
                    .iter()
                    .enumerate()
                    .map(|(i, d)| serde_json::json!({"id": d["_id"], "seq": i + 1, "changes": [], "doc": d}))
                    .collect();
                ("200 OK", serde_json::json!({"results": results, "last_seq": docs.len()}).to_string())
            } else {
                ("404 Not Found", r#"{"error":"not_found"}"#.to_string())
            };
            let mut out = stream;
            let _ = write!(
                out,
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

fn scan(port: u16, secret: &str, password: &str) -> (i32, serde_json::Value, String) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/daniel-kim");
    let out = Command::new(env!("CARGO_BIN_EXE_vetter"))
        .args(["scan", "--json", "--team", &format!("http://127.0.0.1:{port}/team"), demo.to_str().unwrap()])
        .env("VETTER_CACHE_DIR", "")
        .env("VETTER_TEAM_SECRET", secret)
        .env("VETTER_TEAM_USER", "ann")
        .env("VETTER_TEAM_PASSWORD", password)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), report, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_case_the_team_judged_under_another_name_is_reported() {
    let check = TeamKey::new(SECRET).unwrap().check();
    let hostile = serde_json::json!({"_id": "case:zz", "type": "vetter-team-case", "schema": 1, "verdicts": []});
    let port = serve(check, vec![colleagues_record(), hostile]);
    let (status, report, err) = scan(port, SECRET, "annpw");
    assert_eq!(status, 1, "a refused document makes the input partial: {err}");
    let findings = report["cases"][0]["findings"].as_array().unwrap();
    let team = findings.iter().find(|f| f["id"] == "TEAM_MATCH").expect("TEAM_MATCH");
    assert_eq!(team["severity"], "high");
    let explanation = team["explanation"].as_str().unwrap();
    assert!(explanation.contains("Ann Lee") && explanation.contains("relative's account"), "{explanation}");
    assert!(team["evidence"].as_array().unwrap().iter().any(|e| e["value"] == "+48555010123"), "{team}");
    let skipped = report["skipped"].as_array().unwrap();
    assert!(skipped.iter().any(|s| s["path"].as_str().unwrap().ends_with("/team/case:zz")), "{skipped:?}");

    // Another secret: refused before anything is read. A refused password, a bad address: said plainly.
    let (status, _, err) = scan(port, "another team's secret!!", "annpw");
    assert_eq!(status, 2);
    assert!(err.contains("not the secret this team uses"), "{err}");
    let (status, _, err) = scan(port, SECRET, "wrong");
    assert_eq!(status, 2);
    assert!(err.contains("refused the user name or password"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_vetter"))
        .args(["scan", "--team", "ftp://x/team", "demo/daniel-kim"])
        .env("VETTER_TEAM_SECRET", SECRET)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--team needs the database's http(s) address"));
}
