//! Agency mode from the command line (issue #18), against CouchDB-protocol
//! servers on loopback written here (the e2e tests use pouchdb-server).
//! `vetter scan --team URL`: the demo case shares Daniel Kim's portfolio
//! phone with a case a colleague marked fraudulent under another name, so
//! it is "seen by your team"; a hostile document is reported under
//! `skipped`; another secret, a refused password and a bad address are
//! usage errors that say why. `vetter verdict … --team URL`: only the
//! listed fields reach the server, two recruiters' verdicts (even written
//! at the same moment) are both kept, a verdict given offline is shared by
//! the next run, and a hostile version on the server loses nothing.

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

/// A team database `/team` with state, enough of CouchDB's document API for
/// the CLI's pushes: documents with revisions (a write with a stale
/// revision is a 409 conflict), `_changes`, and a colleague who writes a
/// document at the moment the CLI does (`racing`: the first write of that
/// document gets 409 after the colleague's version is stored).
struct Couch {
    port: u16,
    docs: std::sync::Arc<std::sync::Mutex<std::collections::BTreeMap<String, serde_json::Value>>>,
    /// Writes answered 201.
    writes: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

fn couch(racing: Option<serde_json::Value>) -> Couch {
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};
    let docs: Arc<Mutex<BTreeMap<String, serde_json::Value>>> = Arc::default();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let state = docs.clone();
    let writes: Arc<std::sync::atomic::AtomicUsize> = Arc::default();
    let written = writes.clone();
    let mut racing = racing;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let mut parts = line.split(' ');
            let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("/").to_string());
            let mut length = 0;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
                if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = std::io::Read::read_exact(&mut reader, &mut body);
            let id = percent_decode(path.strip_prefix("/team/").unwrap_or(""));
            let mut docs = state.lock().unwrap();
            let (status, answer) = if !path.starts_with("/team/") {
                ("404 Not Found", serde_json::json!({"error": "not_found", "reason": "Database does not exist."}))
            } else if id.starts_with("_changes") {
                // Pages as CouchDB sends them: `limit` changes after `since`.
                let query = |name: &str| {
                    id.split(['?', '&']).find_map(|p| p.strip_prefix(name)?.strip_prefix('=')?.parse::<usize>().ok())
                };
                let (since, limit) = (query("since").unwrap_or(0), query("limit").unwrap_or(usize::MAX));
                let results: Vec<serde_json::Value> = docs
                    .values()
                    .enumerate()
                    .skip(since)
                    .take(limit)
                    .map(|(i, d)| match d["_deleted"] == true {
                        true => serde_json::json!({"id": d["_id"], "seq": i + 1, "changes": [], "deleted": true}),
                        false => serde_json::json!({"id": d["_id"], "seq": i + 1, "changes": [], "doc": d}),
                    })
                    .collect();
                let last = since + results.len();
                ("200 OK", serde_json::json!({"results": results, "last_seq": last}))
            } else if method == "GET" {
                match docs.get(&id).filter(|d| d["_deleted"] != true) {
                    Some(doc) => ("200 OK", doc.clone()),
                    None => ("404 Not Found", serde_json::json!({"error": "not_found"})),
                }
            } else if method == "PUT" {
                let mut doc: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                if let Some(theirs) = racing.take_if(|r| r["_id"] == id.as_str()) {
                    let rev = format!("{}-colleague", revision(docs.get(&id)) + 1);
                    let mut theirs = theirs;
                    theirs["_rev"] = rev.into();
                    docs.insert(id.clone(), theirs);
                    ("409 Conflict", serde_json::json!({"error": "conflict"}))
                } else if docs.get(&id).filter(|d| d["_deleted"] != true).map(|d| d["_rev"].clone())
                    != doc.get("_rev").cloned()
                {
                    ("409 Conflict", serde_json::json!({"error": "conflict"}))
                } else {
                    let rev = format!("{}-r", revision(docs.get(&id)) + 1);
                    doc["_id"] = id.clone().into();
                    doc["_rev"] = rev.clone().into();
                    docs.insert(id.clone(), doc);
                    written.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    ("201 Created", serde_json::json!({"ok": true, "id": id, "rev": rev}))
                }
            } else {
                ("405 Method Not Allowed", serde_json::json!({"error": "method_not_allowed"}))
            };
            drop(docs);
            let answer = answer.to_string();
            let mut out = stream;
            let _ = write!(
                out,
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    Couch { port, docs, writes }
}

impl Couch {
    /// The team database's address.
    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/team", self.port)
    }
}

fn revision(doc: Option<&serde_json::Value>) -> u32 {
    doc.and_then(|d| d["_rev"].as_str()).and_then(|r| r.split('-').next()?.parse().ok()).unwrap_or(0)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// `vetter ARGS` in the crate's folder, as recruiter `user` of the team.
fn vetter_as(user: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vetter"))
        .args(args)
        .env("VETTER_CACHE_DIR", "")
        .env("VETTER_TEAM_SECRET", SECRET)
        .env("VETTER_TEAM_USER", user)
        .env("VETTER_TEAM_PASSWORD", "pw")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// `user` gives `verdict` on the demo case of Daniel Kim, signed `by`, kept in `store` and shared at `url`.
fn verdict_on_daniel(user: &str, store: &str, verdict: &str, by: &str, url: &str) -> (i32, String, String) {
    vetter_as(user, &["verdict", "--store", store, "demo/daniel-kim", verdict, "--by", by, "--team", url])
}

fn fresh_dir(name: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.to_string_lossy().into_owned()
}

/// The records the server holds (not its check document), without `_rev`.
fn records_on(server: &Couch) -> Vec<serde_json::Value> {
    let docs = server.docs.lock().unwrap();
    docs.iter().filter(|(id, _)| id.starts_with("case:")).map(|(_, d)| d.clone()).collect()
}

#[test]
fn a_verdict_given_on_the_command_line_reaches_the_team_with_only_the_shared_fields() {
    let server = couch(None);
    let url = server.url();
    let store = fresh_dir("cli-verdict-ann");
    let (status, out, err) = vetter_as(
        "ann",
        &[
            "verdict",
            "--store",
            &store,
            "demo/daniel-kim",
            "fraudulent",
            "--reason",
            "asked for pay to a cousin",
            "--by",
            "Ann Lee",
            "--team",
            &url,
        ],
    );
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("Fraudulent by Ann Lee") && out.contains("shared with the team (1 record written)"), "{out}");
    // The first member wrote the team's check document.
    assert_eq!(server.docs.lock().unwrap()["vetter-team-check"]["check"], TeamKey::new(SECRET).unwrap().check());

    let records = records_on(&server);
    assert_eq!(records.len(), 1, "{records:?}");
    let record = &records[0];
    let fields: Vec<&str> = record.as_object().unwrap().keys().map(String::as_str).collect();
    let listed =
        ["_id", "_rev", "type", "schema", "verdicts", "identifiers", "templates", "photos", "rules", "updated"];
    assert!(fields.iter().all(|f| listed.contains(f)), "{fields:?}");
    assert_eq!(record["verdicts"][0]["by"], "Ann Lee");
    assert_eq!(record["verdicts"][0]["verdict"], "fraudulent");
    assert!(!record["identifiers"].as_array().unwrap().is_empty() && !record["rules"].as_array().unwrap().is_empty());
    let text = record.to_string().to_lowercase();
    for private in ["daniel", "kim", "github", "dkim", "http", "555"] {
        assert!(!text.contains(private), "{private} reached the server: {text}");
    }
    assert!(TeamRecord::checked(
        &{
            let mut r = record.clone();
            r.as_object_mut().unwrap().remove("_rev");
            r.to_string()
        },
        NOW
    )
    .is_ok());

    // The scan of the same store shows the verdict in its report.
    let (_, out, _) = vetter_as("ann", &["scan", "--store", &store, "demo/daniel-kim"]);
    assert!(out.contains("verdict: Fraudulent") && out.contains("asked for pay to a cousin"), "{out}");

    // A record the server holds as it is is not written again; a new verdict is.
    let writes = || server.writes.load(std::sync::atomic::Ordering::SeqCst);
    let before = writes();
    let (status, out, _) = vetter_as("ann", &["scan", "--store", &store, "--team", &url, "demo/daniel-kim"]);
    assert_eq!(status, 0, "{out}");
    assert_eq!((writes(), revision(records_on(&server).first())), (before, 1));
    // The folder typed with a trailing slash is the same case: its record is updated, no second one.
    let (status, out, err) = vetter_as(
        "ann",
        &["verdict", "--store", &store, "demo/daniel-kim/", "unsure", "--by", "Ann Lee", "--team", &url],
    );
    assert_eq!(status, 0, "{out}{err}");
    assert_eq!(writes(), before + 1);
    let records = records_on(&server);
    assert_eq!((records.len(), revision(records.first())), (1, 2), "{records:?}");
    assert_eq!(records[0]["verdicts"].as_array().unwrap().len(), 2);
}

#[test]
fn two_recruiters_verdicts_on_one_case_are_both_kept_even_when_they_write_at_once() {
    // Bo's store gave its verdict first; Ann's write meets Bo's version
    // written at the same moment (409): both verdicts stay, whoever wrote last.
    let server = couch(None);
    let url = server.url();
    let bo = fresh_dir("cli-verdict-bo");
    let (status, out, err) = verdict_on_daniel("bo", &bo, "unsure", "Bo Chen", &url);
    assert_eq!(status, 0, "{out}{err}");
    let ann = fresh_dir("cli-verdict-ann2");
    let (status, out, err) = verdict_on_daniel("ann", &ann, "fraudulent", "Ann Lee", &url);
    assert_eq!(status, 0, "{out}{err}");
    let records = records_on(&server);
    assert_eq!(records.len(), 1, "one case, one document: {records:?}");
    let by: Vec<&str> = records[0]["verdicts"].as_array().unwrap().iter().map(|v| v["by"].as_str().unwrap()).collect();
    assert_eq!(by, ["Bo Chen", "Ann Lee"]);

    // A colleague's write lands between Ann's read and her write.
    let id = records[0]["_id"].as_str().unwrap().to_string();
    let mut colleague = records[0].clone();
    colleague.as_object_mut().unwrap().remove("_rev");
    colleague["verdicts"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"verdict": "not_fraudulent", "by": "Cy Diaz", "at": NOW, "reason": "met in person"}));
    let racing = couch(Some(colleague));
    let url = racing.url();
    racing.docs.lock().unwrap().insert(id.clone(), records[0].clone());
    let (status, out, err) = verdict_on_daniel("ann", &ann, "unsure", "Ann Lee", &url);
    assert_eq!(status, 0, "{out}{err}");
    let doc = &records_on(&racing)[0];
    let verdicts: Vec<(&str, &str)> = doc["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["by"].as_str().unwrap(), v["verdict"].as_str().unwrap()))
        .collect();
    for kept in [("Bo Chen", "unsure"), ("Ann Lee", "fraudulent"), ("Cy Diaz", "not_fraudulent"), ("Ann Lee", "unsure")]
    {
        assert!(verdicts.contains(&kept), "{kept:?} kept: {doc}");
    }
    assert!(doc["_rev"].as_str().unwrap().starts_with("4-"), "written over the colleague's version: {doc}");
}

#[test]
fn a_verdict_given_offline_is_kept_and_shared_by_the_next_run() {
    // A port nothing listens on.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let store = fresh_dir("cli-verdict-offline");
    let (status, out, err) =
        verdict_on_daniel("ann", &store, "not-fraudulent", "Ann Lee", &format!("http://127.0.0.1:{closed}/team"));
    assert_eq!(status, 1, "{out}{err}");
    assert!(out.contains("Not fraudulent by Ann Lee, kept in"), "{out}");
    assert!(err.contains("cannot be reached") && err.contains("kept in the store"), "{err}");
    let (_, out, _) = vetter_as("ann", &["scan", "--store", &store, "demo/daniel-kim"]);
    assert!(out.contains("verdict: Not fraudulent"), "the verdict was kept: {out}");

    let server = couch(None);
    let url = server.url();
    let (status, out, err) = vetter_as("ann", &["scan", "--store", &store, "--team", &url, "demo/daniel-kim"]);
    assert_eq!(status, 0, "{out}{err}");
    let records = records_on(&server);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["verdicts"][0]["verdict"], "not_fraudulent");
}

#[test]
fn a_hostile_version_on_the_server_stops_the_push_and_loses_nothing() {
    let store = fresh_dir("cli-verdict-hostile");
    let server = couch(None);
    let url = server.url();
    let (status, _, err) = verdict_on_daniel("ann", &store, "fraudulent", "Ann Lee", &url);
    assert_eq!(status, 0, "{err}");
    let mut hostile = records_on(&server)[0].clone();
    hostile["identifiers"] = serde_json::json!(["<img src=x onerror=alert(1)>"]);
    hostile.as_object_mut().unwrap().remove("_rev");
    let racing = couch(Some(hostile.clone()));
    let url = racing.url();
    let (status, _, err) = verdict_on_daniel("ann", &store, "unsure", "Ann Lee", &url);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("not shared") && err.contains("not a valid record"), "{err}");
    let (_, out, _) = vetter_as("ann", &["scan", "--store", &store, "demo/daniel-kim"]);
    assert!(out.contains("verdict: Fraudulent") && out.contains("verdict: Unsure"), "both verdicts kept: {out}");
}

#[test]
fn a_verdict_needs_a_store_a_known_verdict_and_a_case() {
    let (status, _, err) = vetter_as("ann", &["verdict", "demo/daniel-kim", "fraudulent", "--by", "Ann"]);
    assert_eq!(status, 2);
    assert!(err.contains("needs --store DIR"), "{err}");
    let store = fresh_dir("cli-verdict-usage");
    let (status, _, err) =
        vetter_as("ann", &["verdict", "--store", &store, "demo/daniel-kim", "guilty", "--by", "Ann"]);
    assert_eq!(status, 2);
    assert!(err.contains("fraudulent, not-fraudulent or unsure"), "{err}");
    let empty = fresh_dir("cli-verdict-empty-case");
    std::fs::create_dir_all(&empty).unwrap();
    let (status, _, err) = vetter_as("ann", &["verdict", "--store", &store, &empty, "unsure", "--by", "Ann"]);
    assert_eq!(status, 1);
    assert!(err.contains("no saved page or message"), "{err}");
    let (status, _, err) = vetter_as("ann", &["verdict", "--store", &store, "demo/daniel-kim", "unsure", "--by"]);
    assert_eq!(status, 2);
    assert!(err.contains("--by needs a value"), "{err}");
    let (status, _, err) =
        vetter_as("ann", &["verdict", "--store", &store, "demo/daniel-kim", "unsure", "--by", "Ann", "--share"]);
    assert_eq!(status, 2);
    assert!(err.contains("share the case in full from the extension"), "{err}");
    // A bad team address is said before anything is recorded.
    let (status, _, err) = verdict_on_daniel("ann", &store, "fraudulent", "Ann", "ftp://x/team");
    assert_eq!(status, 2);
    assert!(err.contains("--team needs the database's http(s) address"), "{err}");
    let (_, out, _) = vetter_as("ann", &["scan", "--store", &store, "demo/daniel-kim"]);
    assert!(!out.contains("verdict:"), "nothing recorded: {out}");
    // A mistyped database: said as such (the verdict itself is kept).
    let server = couch(None);
    let (status, _, err) =
        verdict_on_daniel("ann", &store, "unsure", "Ann", &format!("http://127.0.0.1:{}/taem", server.port));
    assert_eq!(status, 1);
    assert!(err.contains("has no database at") && err.contains("Database does not exist"), "{err}");
}

#[test]
fn a_record_the_team_deleted_is_written_again_only_with_a_new_verdict() {
    let server = couch(None);
    let url = server.url();
    let store = fresh_dir("cli-verdict-deleted");
    let (status, _, err) = verdict_on_daniel("ann", &store, "fraudulent", "Ann Lee", &url);
    assert_eq!(status, 0, "{err}");
    // An administrator deletes it (an erasure request, say).
    let id = records_on(&server)[0]["_id"].as_str().unwrap().to_string();
    server.docs.lock().unwrap().insert(id.clone(), serde_json::json!({"_id": id, "_rev": "2-d", "_deleted": true}));
    let (status, _, err) = vetter_as("ann", &["scan", "--store", &store, "--team", &url, "demo/daniel-kim"]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(server.docs.lock().unwrap()[&id]["_deleted"], true, "a scan does not write it back");
    // A verdict given since shares the case again.
    let (status, _, err) = verdict_on_daniel("ann", &store, "unsure", "Ann Lee", &url);
    assert_eq!(status, 0, "{err}");
    let doc = server.docs.lock().unwrap()[&id].clone();
    assert_ne!(doc["_deleted"], true, "{doc}");
    assert_eq!(doc["verdicts"].as_array().unwrap().len(), 2, "{doc}");
}

#[test]
fn the_team_is_read_page_by_page_to_its_last_record() {
    // 1,200 records of other cases, then the colleague's (Daniel's phone)
    // last of all: three pages of 500.
    let server = couch(None);
    let colleague = colleagues_record();
    {
        let mut docs = server.docs.lock().unwrap();
        for n in 0..1_200u32 {
            let mut other = colleague.clone();
            other["_id"] = format!("case:{n:032x}").into();
            other["identifiers"] = serde_json::json!([format!("{:032x}", u128::from(n) << 64 | 0xabc)]);
            docs.insert(other["_id"].as_str().unwrap().to_string(), other);
        }
        let mut last = colleague;
        last["_id"] = format!("case:{}", "f".repeat(32)).into();
        docs.insert(last["_id"].as_str().unwrap().to_string(), last);
    }
    let url = server.url();
    let (status, out, err) = vetter_as("ann", &["scan", "--json", "--team", &url, "demo/daniel-kim"]);
    assert_eq!(status, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = report["cases"][0]["findings"].as_array().unwrap();
    let team = findings.iter().find(|f| f["id"] == "TEAM_MATCH").expect("the last record read");
    assert!(team["explanation"].as_str().unwrap().contains("Ann Lee"), "{team}");
}
