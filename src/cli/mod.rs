//! The `vetter` command (see `docs/cli.md`): batch vetting of saved pages,
//! on the same core and with the same findings JSON as the extension.

mod github;
mod team;

use crate::analysis::{analyse_among, finish, with_entered, ProfileSummary};
use crate::extract;
use crate::model::{Message, Profile};
use crate::rules::shared_identifier::OtherCandidate;
use crate::rules::Finding;
use crate::score::Risk;
use crate::store::records::{merge_verdicts, Verdict, VerdictKind};
use crate::store::{Linking, Store};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const USAGE: &str = "\
usage: vetter scan [--json] [--store DIR] [--sanctions FILE]... [--iocs FILE]...
                   [--github] [--github-api URL] [--team URL] CASE_DIR...

Each CASE_DIR holds one candidate's saved pages (*.html, *.htm) and
messages (*.txt). Prints a report per case, worst first; --json prints
one JSON document instead. --store keeps every case scanned in DIR and
compares new cases with all of them (shared contacts, texts, photos). --sanctions adds an OFAC SDN.CSV (with ALT.CSV
beside it), OpenSanctions targets.simple.csv or Vetter list CSV to the
built-in DPRK list; --iocs adds a CSV of known-persona indicators
(type,value,source[,confidence,expires]). Lists are compiled once and
cached in $VETTER_CACHE_DIR (else $XDG_CACHE_HOME/vetter, ~/.cache/vetter;
empty: no cache).

--github fetches the public history of each GitHub account in the cases
from GitHub's REST API (only then is anything fetched): the account, its
repositories, recent commits and star dates, at most 10 requests per
account, kept in the cache for a week and asked again conditionally.
--github-api URL uses another API root (GitHub Enterprise; implies
--github). A token in $VETTER_GITHUB_TOKEN raises GitHub's rate limit; it
is sent to that API only and never written.

--team URL checks the cases against what your team shared (agency mode):
URL is the team's CouchDB database (https://couch.example.com/team); the
team secret is read from $VETTER_TEAM_SECRET, the user and password from
$VETTER_TEAM_USER and $VETTER_TEAM_PASSWORD. A case with a contact, profile
or text template in common with a case a colleague judged is reported as
TEAM_MATCH. Documents the server sends that are not valid records are
reported under skipped. With --store as well, the store's verdicts are
shared with the team (see verdict).

usage: vetter verdict --store DIR CASE_DIR VERDICT [--reason TEXT] [--by NAME]
                      [--team URL]

Records your verdict on the case in CASE_DIR (read as scan reads it) in
the store DIR: VERDICT is fraudulent, not-fraudulent or unsure; --by
signs it (else $VETTER_NAME, else $USER; said in the output). Earlier verdicts are kept, and
scan reports show them. --team URL shares the store's verdicts with the
team: per case, the verdicts, keyed hashes of its identifiers, template
signatures and photo bits and the ids of the rules that fired (a case is
shared in full only from the extension). A colleague's verdict on the
same case is kept beside yours, never overwritten. When the team server
cannot be reached the verdict stays in the store (exit status 1) and is
shared by the next verdict, or scan --store DIR, with --team.

exit status: 0 all input processed, 1 some input skipped, 2 usage error

usage: vetter skeleton PAGE [--url URL] [-o OUT]

Writes a structure-only copy of a saved page (to OUT, else standard
output): every text and every value that can carry personal data is
replaced by a fictional one of the same shape, consistently across text,
addresses and JSON-LD; tags, classes and stable attributes stay. --url
gives the page's address when the page does not record it. Share it
to report a page Vetter misreads. Refused (exit 1) if an original value
would remain.

usage: vetter model -o FILE

Trains the message model on the training data built into vetter
(data/behaviour-train.jsonl) and writes it to FILE, as the extension's
build does (data/behaviour-model.bin): the browser reads the model
instead of training it.";

#[derive(Debug, Serialize)]
pub struct Report {
    pub cases: Vec<CaseReport>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Serialize)]
pub struct CaseReport {
    pub case: String,
    pub profiles: Vec<ProfileSummary>,
    pub risk: Risk,
    pub findings: Vec<Finding>,
    /// Recruiters' verdicts on the case (`vetter verdict`), oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<Verdict>,
}

#[derive(Debug, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// Runs the command line; returns the exit status.
pub fn main(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut json = false;
    let mut dirs = Vec::new();
    let mut sanctions: Vec<PathBuf> = Vec::new();
    let mut iocs: Vec<PathBuf> = Vec::new();
    let mut store_dir: Option<PathBuf> = None;
    let mut github = false;
    let mut github_api: Option<String> = None;
    let mut team_url: Option<String> = None;
    match args.first().map(String::as_str) {
        Some("scan") => {}
        Some("skeleton") => return skeleton_command(&args[1..], out, err),
        Some("verdict") => return verdict_command(&args[1..], out, err),
        Some("model") => return model_command(&args[1..], err),
        Some("--help" | "-h" | "help") => {
            let _ = writeln!(out, "{USAGE}");
            return 0;
        }
        Some("--version" | "-V") => {
            let _ = writeln!(out, "vetter {}", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        _ => {
            let _ = writeln!(err, "{USAGE}");
            return 2;
        }
    }
    let mut rest = args[1..].iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--github" => github = true,
            "--team" => {
                let Some(url) = rest.next() else {
                    let _ = writeln!(err, "vetter: --team needs a URL\n{USAGE}");
                    return 2;
                };
                team_url = Some(url.clone());
            }
            "--github-api" => {
                let Some(url) = rest.next() else {
                    let _ = writeln!(err, "vetter: --github-api needs a URL\n{USAGE}");
                    return 2;
                };
                github_api = Some(url.clone());
            }
            "--store" => {
                let Some(dir) = rest.next() else {
                    let _ = writeln!(err, "vetter: --store needs a DIR\n{USAGE}");
                    return 2;
                };
                store_dir = Some(PathBuf::from(dir));
            }
            flag @ ("--sanctions" | "--iocs") => {
                let Some(file) = rest.next() else {
                    let _ = writeln!(err, "vetter: {flag} needs a FILE\n{USAGE}");
                    return 2;
                };
                if flag == "--sanctions" { &mut sanctions } else { &mut iocs }.push(PathBuf::from(file));
            }
            a if a.starts_with('-') => {
                let _ = writeln!(err, "vetter: unknown option {a}\n{USAGE}");
                return 2;
            }
            a => dirs.push(PathBuf::from(a)),
        }
    }
    if dirs.is_empty() {
        let _ = writeln!(err, "vetter: no CASE_DIR given\n{USAGE}");
        return 2;
    }
    let mut client = if github || github_api.is_some() {
        match github::Options::new(github_api.as_deref(), cache_dir()) {
            Ok(options) => Some(github::Client::new(options)),
            Err(e) => {
                let _ = writeln!(err, "vetter: {e}\n{USAGE}");
                return 2;
            }
        }
    } else {
        None
    };
    let mut list_problems = Vec::new();
    crate::screening::set_active(load_lists(&sanctions, &iocs, &mut list_problems));
    let mut store = Store::with_linking(Linking::Explicit);
    if let Some(dir) = &store_dir {
        match native_store::load(dir, &mut store) {
            Ok(rejected) => list_problems.extend(rejected),
            Err(e) => {
                let _ = writeln!(err, "vetter: cannot use the store {}: {e}", dir.display());
                return 2;
            }
        }
    }
    let now_ms = now_ms();
    let connected = team_url.as_deref().map(|url| {
        let server = team::Server::connect(team::Settings::from_env(url)?)?;
        server.pull(now_ms).map(|pulled| (server, pulled))
    });
    let mut team = match connected {
        None => None,
        Some(Ok((server, mut pulled))) => {
            list_problems.append(&mut pulled.refused);
            Some((server, pulled))
        }
        Some(Err(e)) => {
            let _ = writeln!(err, "vetter: {e}");
            return 2;
        }
    };
    let mut report = scan_with(&dirs, &mut store, client.as_mut(), team.as_ref().map(|(_, pulled)| &pulled.index));
    report.skipped.splice(0..0, list_problems);
    if let Some(dir) = &store_dir {
        if let Err(e) = native_store::save(dir, &mut store) {
            let _ = writeln!(err, "vetter: the store {} could not be saved: {e}", dir.display());
            return 1;
        }
    }
    let mut unshared = false;
    if let (Some((server, pulled)), Some(_)) = (&mut team, &store_dir) {
        match share_verdicts(server, pulled, &store, u64::MAX, now_ms) {
            Ok(pushed) => {
                for problem in &pushed.refused {
                    let _ = writeln!(err, "vetter: not shared: {problem}");
                }
                unshared = !pushed.refused.is_empty();
            }
            Err(e) => {
                let _ = writeln!(err, "vetter: the store's verdicts were not shared with the team: {e}");
                unshared = true;
            }
        }
    }
    let written = if json {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other).and_then(|_| writeln!(out))
    } else {
        write_text(&report, out)
    };
    if let Err(e) = written {
        let _ = writeln!(err, "vetter: cannot write the report: {e}");
        return 1;
    }
    i32::from(!report.skipped.is_empty() || unshared)
}

/// Milliseconds since the epoch (0 on a clock before it).
fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// `vetter verdict`: see [`USAGE`].
fn verdict_command(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut store_dir: Option<PathBuf> = None;
    let mut reason = String::new();
    let mut by: Option<String> = None;
    let mut team_url: Option<String> = None;
    let mut positional = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |slot: &mut Option<String>| match rest.next() {
            Some(v) => {
                *slot = Some(v.clone());
                true
            }
            None => false,
        };
        let given = match arg.as_str() {
            "--share" => {
                let _ = writeln!(
                    err,
                    "vetter: --share is not available from the command line (a colleague's browser cannot open a case read from folders); share the case in full from the extension"
                );
                return 2;
            }
            "--store" => {
                let mut dir = None;
                let given = value(&mut dir);
                store_dir = dir.map(PathBuf::from);
                given
            }
            "--reason" => {
                let mut text = None;
                let given = value(&mut text);
                reason = text.unwrap_or_default();
                given
            }
            "--by" => value(&mut by),
            "--team" => value(&mut team_url),
            a if a.starts_with('-') => {
                let _ = writeln!(err, "vetter: unknown option {a}\n{USAGE}");
                return 2;
            }
            a => {
                positional.push(a.to_string());
                true
            }
        };
        if !given {
            let _ = writeln!(err, "vetter: {arg} needs a value\n{USAGE}");
            return 2;
        }
    }
    let [case_dir, verdict] = positional.as_slice() else {
        let _ = writeln!(err, "vetter: verdict needs CASE_DIR and VERDICT\n{USAGE}");
        return 2;
    };
    let Some(kind) = VerdictKind::parse(&verdict.replace('-', "_")) else {
        let _ = writeln!(err, "vetter: VERDICT is fraudulent, not-fraudulent or unsure, not \"{verdict}\"");
        return 2;
    };
    let Some(store_dir) = store_dir else {
        let _ = writeln!(err, "vetter: verdict needs --store DIR, where the verdict is kept\n{USAGE}");
        return 2;
    };
    let named = |name: Option<String>| name.filter(|n| !n.trim().is_empty());
    let by =
        named(by).or_else(|| named(std::env::var("VETTER_NAME").ok())).or_else(|| named(std::env::var("USER").ok()));
    let Some(by) = by else {
        let _ = writeln!(err, "vetter: verdict needs --by NAME (or $VETTER_NAME) to sign it");
        return 2;
    };
    // The team's address and secret are checked before anything is
    // recorded: a mistake there is the user's to fix now, not later.
    let team = match team_url.as_deref().map(team::Settings::from_env) {
        None => None,
        Some(Ok(settings)) => Some(settings),
        Some(Err(e)) => {
            let _ = writeln!(err, "vetter: {e}");
            return 2;
        }
    };
    let mut store = Store::with_linking(Linking::Explicit);
    match native_store::load(&store_dir, &mut store) {
        Ok(problems) => {
            for p in problems {
                let _ = writeln!(err, "vetter: {}: {}", p.path, p.reason);
            }
        }
        Err(e) => {
            let _ = writeln!(err, "vetter: cannot use the store {}: {e}", store_dir.display());
            return 2;
        }
    }
    let now_ms = now_ms();
    let mut skipped = Vec::new();
    let case = read_case(Path::new(case_dir), &mut skipped);
    for s in &skipped {
        let _ = writeln!(err, "vetter: {}: {}", s.path, s.reason);
    }
    let keys = case.as_ref().map(|case| add_case(&mut store, case, now_ms)).unwrap_or_default();
    let Some(key) = keys.first() else {
        let _ = writeln!(err, "vetter: {case_dir} holds no saved page or message to give a verdict on");
        return 1;
    };
    if !store.set_verdict(key, kind, &reason, &by, now_ms) {
        let _ = writeln!(err, "vetter: the verdict could not be recorded");
        return 1;
    }
    if let Err(e) = native_store::save(&store_dir, &mut store) {
        let _ =
            writeln!(err, "vetter: the store {} could not be saved, the verdict is not kept: {e}", store_dir.display());
        return 1;
    }
    let given = store.get(key).map_or(0, |s| s.verdicts.len());
    let _ = writeln!(
        out,
        "{case_dir}: {} by {by}, kept in {} ({given} verdict{} on this case)",
        kind.label(),
        store_dir.display(),
        if given == 1 { "" } else { "s" }
    );
    let Some(settings) = team else { return 0 };
    let shared = team::Server::connect(settings).and_then(|server| {
        let mut pulled = server.pull(now_ms)?;
        share_verdicts(&server, &mut pulled, &store, now_ms, now_ms)
    });
    match shared {
        Ok(pushed) => {
            let written = pushed.written;
            let _ =
                writeln!(out, "shared with the team ({written} record{} written)", if written == 1 { "" } else { "s" });
            for problem in &pushed.refused {
                let _ = writeln!(err, "vetter: not shared: {problem}");
            }
            i32::from(!pushed.refused.is_empty())
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "vetter: not shared with the team yet: {e}. The verdict is kept in the store and is shared by the next run with --team."
            );
            1
        }
    }
}

/// Writes the records of the store's cases with a verdict to the team's
/// database; one the team deleted only with a verdict given from
/// `renewed_from` on.
fn share_verdicts(
    server: &team::Server,
    pulled: &mut team::Pulled,
    store: &Store,
    renewed_from: u64,
    now_ms: u64,
) -> Result<team::Pushed, String> {
    use crate::analysis::CaseViews;
    let rules_of =
        |key: &str| store.view(key, now_ms).map(|v| v.findings.into_iter().map(|f| f.id).collect()).unwrap_or_default();
    let records = crate::team::records_of_store(server.key(), store, rules_of, now_ms);
    server.push(pulled, records, renewed_from, now_ms)
}

/// One list file as read: an OFAC `SDN.CSV` brings the `ALT.CSV` beside it.
struct ListFile {
    path: PathBuf,
    is_ioc: bool,
    origin: String,
    text: String,
    alt: Option<String>,
}

fn read_list(path: &Path, is_ioc: bool) -> Result<ListFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let origin = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let alt = (!is_ioc)
        .then(|| path.with_file_name(if origin.chars().all(|c| !c.is_lowercase()) { "ALT.CSV" } else { "alt.csv" }))
        .and_then(|alt| std::fs::read_to_string(alt).ok());
    Ok(ListFile { path: path.to_path_buf(), is_ioc, origin, text, alt })
}

fn parse_list(file: &ListFile) -> Result<crate::screening::List, String> {
    let result = if file.is_ioc {
        crate::screening::import::iocs(&file.text, &file.origin)
    } else {
        crate::screening::import::sanctions_file(&file.text, file.alt.as_deref(), &file.origin)
    };
    result.map_err(|e| format!("not imported, {e}"))
}

/// The built-in list and these files, indexed. Lists compiled from the same
/// files before are loaded from the cache ([`cache_dir`]): parsing and
/// indexing OFAC's list takes most of a scan, loading it a few
/// milliseconds. A file that cannot be read or parsed is reported in
/// `problems` (and nothing is cached, so it is reported again next time).
fn load_lists(sanctions: &[PathBuf], iocs: &[PathBuf], problems: &mut Vec<Skipped>) -> crate::screening::Lists {
    let mut files = Vec::new();
    for (path, is_ioc) in sanctions.iter().map(|p| (p, false)).chain(iocs.iter().map(|p| (p, true))) {
        match read_list(path, is_ioc) {
            Ok(file) => files.push(file),
            Err(reason) => problems.push(Skipped { path: path.display().to_string(), reason }),
        }
    }
    let mut inputs: Vec<&[u8]> = Vec::new();
    for file in &files {
        let kind: &[u8] = if file.is_ioc { b"iocs" } else { b"sanctions" };
        let alt = file.alt.as_deref().map_or(&b"\0no ALT.CSV"[..], str::as_bytes);
        inputs.extend([kind, file.origin.as_bytes(), file.text.as_bytes(), alt]);
    }
    let fingerprint = crate::screening::fingerprint(&inputs);
    let cached = cache_dir().filter(|_| !files.is_empty()).map(|dir| dir.join("lists.bin"));
    if let Some(lists) = cached
        .as_ref()
        .and_then(|path| std::fs::read(path).ok())
        .and_then(|bytes| crate::screening::Lists::from_bytes(&bytes, fingerprint).ok())
    {
        return lists;
    }
    let mut lists = Vec::new();
    for file in &files {
        match parse_list(file) {
            Ok(list) => lists.push(list),
            Err(reason) => problems.push(Skipped { path: file.path.display().to_string(), reason }),
        }
    }
    let complete = lists.len() == files.len();
    let lists = crate::screening::with_builtin(lists);
    if let Some(path) = cached.filter(|_| complete) {
        // A cache: when it cannot be written the next scan parses again.
        let _ = write_atomically(&path, &lists.to_bytes(fingerprint));
    }
    lists
}

/// Where the CLI keeps compiled lists: `$VETTER_CACHE_DIR` (empty: no
/// cache), else `$XDG_CACHE_HOME/vetter`, else `~/.cache/vetter`.
fn cache_dir() -> Option<PathBuf> {
    let set = |name: &str| std::env::var_os(name);
    if let Some(dir) = set("VETTER_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    if let Some(dir) = set("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("vetter"));
    }
    set("HOME").filter(|d| !d.is_empty()).map(|home| PathBuf::from(home).join(".cache").join("vetter"))
}

/// Writes `bytes` to `path` through a temporary file renamed over it, so
/// that a reader (another scan) never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path)).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Reads and analyses every case directory, comparing every case with
/// every other (identifiers, texts and photos shared across candidates).
pub fn scan(dirs: &[PathBuf]) -> Report {
    scan_into(dirs, &mut Store::with_linking(Linking::Explicit))
}

/// [`scan`], also comparing with (and adding to) the cases of `store`.
pub fn scan_into(dirs: &[PathBuf], store: &mut Store) -> Report {
    scan_with(dirs, store, None, None)
}

/// [`scan_into`], with the GitHub accounts' histories when `github` fetches
/// them, and what the team shared when `team` holds it.
fn scan_with(
    dirs: &[PathBuf],
    store: &mut Store,
    github: Option<&mut github::Client>,
    team: Option<&crate::team::TeamIndex>,
) -> Report {
    let mut skipped = Vec::new();
    let mut read: Vec<ReadCase> = dirs.iter().filter_map(|d| read_case(d, &mut skipped)).collect();
    let now_ms = now_ms();
    let keyed: Vec<Vec<String>> = read.iter().map(|case| add_case(store, case, now_ms)).collect();
    if let Some(client) = github {
        add_github_histories(client, store, &mut read, &keyed, now_ms, &mut skipped);
    }
    let mut cases: Vec<CaseReport> = read
        .iter()
        .zip(&keyed)
        .map(|(case, keys)| {
            let sharing = store.cases_sharing_identifiers(keys);
            let material: Vec<(String, Vec<Profile>)> = sharing
                .iter()
                .map(|c| (store.case_label(c), c.iter().filter_map(|k| store.get(k)).map(with_entered).collect()))
                .collect();
            let others: Vec<OtherCandidate<'_>> = material
                .iter()
                .map(|(label, p)| OtherCandidate { label: label.clone(), profiles: p, messages: &[] })
                .collect();
            let mut findings = analyse_among(&case.profiles, &case.messages, now_ms, &others).findings;
            findings.extend(store.reuse_findings_of(keys));
            if let (Some(team), Some(key)) = (team, keys.first()) {
                findings.extend(team.findings(store, key));
            }
            let analysis = finish(findings);
            let mut verdicts = Vec::new();
            merge_verdicts(&mut verdicts, keys.iter().filter_map(|k| store.get(k)).flat_map(|s| &s.verdicts));
            CaseReport {
                case: case.name.clone(),
                profiles: case.profiles.iter().map(ProfileSummary::from).collect(),
                risk: analysis.risk,
                findings: analysis.findings,
                verdicts,
            }
        })
        .collect();
    cases.sort_by(|a, b| b.risk.score.cmp(&a.risk.score).then_with(|| a.case.cmp(&b.case)));
    Report { cases, skipped }
}

/// Fetches (or takes from the cache or the store) the public history of
/// each GitHub account in the cases and puts it on the case's profile.
/// An account whose history could not be had is reported as skipped, so
/// the findings are labelled partial.
fn add_github_histories(
    client: &mut github::Client,
    store: &mut Store,
    read: &mut [ReadCase],
    keyed: &[Vec<String>],
    now_ms: u64,
    skipped: &mut Vec<Skipped>,
) {
    let now = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
    for (case, keys) in read.iter_mut().zip(keyed) {
        for key in keys {
            let Some(login) = store.get(key).and_then(|s| crate::github::login_of(&s.profile)).map(str::to_string)
            else {
                continue;
            };
            if store.github_to_fetch(key, now_ms).is_some() {
                let stored = store.get(key).and_then(|s| s.github.clone());
                match client.history(&login, stored.as_ref(), now) {
                    Ok(history) => {
                        store.set_github(key, history);
                    }
                    Err(failure) => {
                        let url = store.get(key).map(|s| s.profile.url.clone()).unwrap_or_default();
                        skipped.push(github::skipped(&url, &failure));
                        continue;
                    }
                }
            }
            let history = store.get(key).and_then(|s| s.github.clone());
            let url = store.get(key).map(|s| s.profile.url.clone());
            for p in case.profiles.iter_mut().filter(|p| Some(&p.url) == url.as_ref()) {
                p.github = history.clone();
            }
        }
    }
}

/// One case folder as read: its pages, messages, and photos on disk.
struct ReadCase {
    name: String,
    profiles: Vec<Profile>,
    messages: Vec<Message>,
    /// (index into `profiles`, decoded photo) for photos saved beside the page.
    photos: Vec<(usize, Photo)>,
}

struct Photo {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

/// Store keys of a CLI case: `dir:<folder>|<file>`, so that scanning a
/// folder again updates its records instead of adding new ones.
fn add_case(store: &mut Store, case: &ReadCase, now_ms: u64) -> Vec<String> {
    let mut keys = Vec::new();
    for (i, p) in case.profiles.iter().enumerate() {
        let key = format!("{}{}|{}", crate::team::CLI_KEY_PREFIX, case.name, p.url);
        if let Some(k) = store.ingest_keyed(key, p.clone(), now_ms) {
            if let Some((_, photo)) = case.photos.iter().find(|(j, _)| *j == i) {
                let url = p.photo.as_ref().map(|s| s.value.clone()).unwrap_or_default();
                store.set_photo(&k, &url, photo.width, photo.height, &photo.rgba);
            }
            keys.push(k);
        }
    }
    // Messages are kept as a thread of the candidate, so later runs with
    // --store compare with them too.
    let candidate = case.profiles.iter().find_map(|p| p.name.clone());
    for m in &case.messages {
        if let Some(mut thread) = extract::selection(&m.source, &m.text) {
            thread.name = candidate.clone();
            thread.links.clear();
            if let Some(k) =
                store.ingest_keyed(format!("{}{}|{}", crate::team::CLI_KEY_PREFIX, case.name, m.source), thread, now_ms)
            {
                keys.push(k);
            }
        }
    }
    for pair in keys.windows(2) {
        store.link(&pair[0], &pair[1]);
    }
    keys
}

/// A case folder's name as its store keys hold it: as given, without a
/// trailing separator or a leading `./` ("demo/kim/" and "./demo/kim" are
/// "demo/kim"), so that a verdict given on the folder typed either way lands
/// on the case scanned before.
fn case_name(dir: &Path) -> String {
    let tidy: PathBuf = dir.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
    if tidy.as_os_str().is_empty() { dir } else { tidy.as_path() }.display().to_string()
}

fn read_case(dir: &Path, skipped: &mut Vec<Skipped>) -> Option<ReadCase> {
    let skip = |path: &Path, reason: String| Skipped { path: path.display().to_string(), reason };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(skip(dir, format!("cannot read the folder: {e}")));
            return None;
        }
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
    files.sort();
    let mut case = ReadCase { name: case_name(dir), profiles: Vec::new(), messages: Vec::new(), photos: Vec::new() };
    for path in files {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let kind = match ext.as_deref() {
            Some("html" | "htm") => "page",
            Some("txt") => "messages",
            _ => continue, // images and other files belong to saved pages
        };
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                skipped.push(skip(&path, format!("cannot read: {e}")));
                continue;
            }
        };
        if kind == "messages" {
            case.messages.push(Message { source: path.display().to_string(), text });
            continue;
        }
        match extract::extract(None, &text) {
            Ok(p) if p.is_empty() => {
                let reason =
                    crate::i18n::unread_reason(&p).unwrap_or_else(|| "no candidate profile found on this page".into());
                skipped.push(skip(&path, reason))
            }
            Ok(p) => {
                if let Some(photo) = p.photo.as_ref().and_then(|ph| saved_photo(dir, &ph.value)) {
                    match photo {
                        Ok(photo) => case.photos.push((case.profiles.len(), photo)),
                        Err(reason) => skipped.push(skip(&path, reason)),
                    }
                }
                case.profiles.push(p);
            }
            Err(e) => skipped.push(skip(&path, e.to_string())),
        }
    }
    Some(case)
}

/// `vetter model -o FILE`.
fn model_command(args: &[String], err: &mut dyn Write) -> i32 {
    let [flag, path] = args else {
        let _ = writeln!(err, "{USAGE}");
        return 2;
    };
    if !matches!(flag.as_str(), "-o" | "--output") {
        let _ = writeln!(err, "{USAGE}");
        return 2;
    }
    let Some(bytes) = crate::rules::message_model::shipped_bytes() else {
        let _ = writeln!(err, "vetter: no training data to train the message model on");
        return 1;
    };
    if let Err(e) = std::fs::write(path, &bytes) {
        let _ = writeln!(err, "vetter: cannot write {path}: {e}");
        return 1;
    }
    let _ = writeln!(err, "vetter: message model written to {path} ({} bytes)", bytes.len());
    0
}

/// `vetter skeleton PAGE [--url URL] [-o OUT]`.
fn skeleton_command(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (mut page, mut target, mut url) = (None, None, None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-o" | "--output" if target.is_none() => target = rest.next(),
            "--url" if url.is_none() => url = rest.next(),
            a if !a.starts_with('-') && page.is_none() => page = Some(arg),
            _ => page = None,
        }
    }
    let Some(page) = page.filter(|_| args.len() % 2 == 1) else {
        let _ = writeln!(err, "{USAGE}");
        return 2;
    };
    let html = match std::fs::read(page) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            let _ = writeln!(err, "vetter: cannot read {page}: {e}");
            return 1;
        }
    };
    let skeleton = match crate::skeleton::skeleton(&html, url.map(String::as_str)) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "vetter: {page}: {e}");
            return 1;
        }
    };
    let written = match target {
        Some(path) => std::fs::write(path, &skeleton.html).map_err(|e| format!("cannot write {path}: {e}")),
        None => out.write_all(skeleton.html.as_bytes()).map_err(|e| e.to_string()),
    };
    if let Err(e) = written {
        let _ = writeln!(err, "vetter: {e}");
        return 1;
    }
    let _ = writeln!(
        err,
        "vetter: {page}: {} words and numbers replaced; no original personal value remains",
        skeleton.replaced
    );
    0
}

/// The profile photo a saved page shows, read from the folder beside it
/// (`NAME_files/photo.jpg`): the page recorded it relative to itself, and
/// its address now ends with that relative path. `None` when it is not
/// on disk (the CLI never fetches photos).
fn saved_photo(dir: &Path, address: &str) -> Option<Result<Photo, String>> {
    let path = address.split(['?', '#']).next()?;
    let segments: Vec<&str> = path.rsplit('/').take(3).collect();
    let file = (1..=segments.len()).find_map(|n| {
        let relative: PathBuf = segments[..n].iter().rev().collect();
        let candidate = dir.join(relative);
        candidate.is_file().then_some(candidate)
    })?;
    Some(match image::open(&file) {
        Ok(img) => {
            let img = img.thumbnail(256, 256).to_rgba8();
            Ok(Photo { width: img.width(), height: img.height(), rgba: img.into_raw() })
        }
        Err(e) => Err(format!("the photo {} could not be decoded: {e}", file.display())),
    })
}

/// The `--store DIR` of the CLI: the extension's records, one file each.
mod native_store {
    use super::Skipped;
    use crate::store::Store;
    use std::path::Path;

    const SETTINGS: &str = "settings.json";

    /// Longest hex-encoded key used as a file name (file systems allow 255 bytes).
    const MAX_HEX_NAME: usize = 200;
    /// Prefix of the file names of longer keys, which are read from the record.
    const HASHED: &str = "k-";

    /// A record's file name: the key, hex-encoded (keys hold `/`, `:`, `|`),
    /// or for a long key a digest of it (the record holds the key).
    fn file_name(key: &str) -> String {
        let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        if hex.len() <= MAX_HEX_NAME {
            format!("{hex}.json")
        } else {
            format!("{HASHED}{:016x}.json", crate::text::stable_hash(key.bytes()))
        }
    }

    /// The key a record file holds, for files named by a digest.
    fn key_in(json: &str) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct Keyed {
            key: String,
        }
        serde_json::from_str::<Keyed>(json).ok().map(|r| r.key)
    }

    fn key_of(file_name: &str) -> Option<String> {
        let hex = file_name.strip_suffix(".json")?;
        let bytes: Option<Vec<u8>> =
            (0..hex.len()).step_by(2).map(|i| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect();
        String::from_utf8(bytes?).ok()
    }

    /// Loads every record; unreadable ones are reported and left on disk.
    pub fn load(dir: &Path, store: &mut Store) -> std::io::Result<Vec<Skipped>> {
        std::fs::create_dir_all(dir)?;
        let mut records = Vec::new();
        let mut skipped = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if name == SETTINGS {
                if let Err(e) = store.load_settings(&std::fs::read_to_string(&path)?) {
                    skipped.push(Skipped { path: path.display().to_string(), reason: e.to_string() });
                }
                continue;
            }
            let hashed = name.starts_with(HASHED) && name.ends_with(".json");
            let named = if hashed { None } else { key_of(&name) };
            if !hashed && named.is_none() {
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(json) => match named.or_else(|| key_in(&json)) {
                    Some(key) => records.push((key, json, path)),
                    None => skipped.push(Skipped {
                        path: path.display().to_string(),
                        reason: "stored record names no key, left as it is".into(),
                    }),
                },
                Err(e) => skipped.push(Skipped { path: path.display().to_string(), reason: e.to_string() }),
            }
        }
        let rejected = store.load_records(records.iter().map(|(k, j, _)| (k.as_str(), j.as_str())));
        for r in rejected {
            let path = records.iter().find(|(k, _, _)| *k == r.key).map(|(_, _, p)| p.display().to_string());
            skipped.push(Skipped {
                path: path.unwrap_or(r.key),
                reason: format!("stored record not read, left as it is: {}", r.reason),
            });
        }
        Ok(skipped)
    }

    /// Writes what changed; each file is replaced atomically (write, rename).
    pub fn save(dir: &Path, store: &mut Store) -> std::io::Result<()> {
        let changes = store.take_changes();
        let write = |name: &str, json: &str| -> std::io::Result<()> {
            let tmp = dir.join(format!(".{name}.tmp"));
            std::fs::write(&tmp, json)?;
            std::fs::rename(tmp, dir.join(name))
        };
        // A failed write keeps what is not written yet as changes, so a
        // later save still writes it.
        for (i, (key, json)) in changes.put.iter().enumerate() {
            if let Err(e) = write(&file_name(key), json) {
                store.mark_unsaved(changes.put[i..].iter().map(|(k, _)| k.clone()), changes.delete.iter().cloned());
                return Err(e);
            }
        }
        for (i, key) in changes.delete.iter().enumerate() {
            match std::fs::remove_file(dir.join(file_name(key))) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    store.mark_unsaved([], changes.delete[i..].iter().cloned());
                    return Err(e);
                }
                _ => {}
            }
        }
        if let Some(settings) = &changes.settings {
            write(SETTINGS, settings)?;
        }
        Ok(())
    }

    #[cfg(test)]
    #[test]
    fn keys_survive_file_names() {
        let key = "dir:demo/daniel-kim|https://github.com/dkim-builds";
        assert_eq!(key_of(&file_name(key)).as_deref(), Some(key));
    }

    #[cfg(test)]
    #[test]
    fn a_long_key_is_saved_and_read_back() {
        use crate::model::{Profile, Site, Sourced};
        let dir = std::env::temp_dir().join(format!("vetter-store-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::new();
        let host = ["portfolio"; 12].join(".");
        let mut p = Profile::empty(format!("https://{host}.example/"), Site::Generic);
        p.name = Some(Sourced::new("Jane Doe", "t"));
        let key = store.ingest(p, 1).unwrap();
        assert!(key.len() * 2 > MAX_HEX_NAME, "{key}");
        assert!(file_name(&key).starts_with(HASHED));
        save(&dir, &mut store).unwrap();
        let mut back = Store::new();
        assert!(load(&dir, &mut back).unwrap().is_empty());
        assert!(back.get(&key).is_some(), "read back under its key");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

fn write_text(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for case in &report.cases {
        writeln!(out, "== {} — risk {} ({}/100)", case.case, case.risk.level.as_str(), case.risk.score)?;
        for p in &case.profiles {
            writeln!(
                out,
                "   {:<8} {:<24} {:<28} {}",
                p.site.label(),
                p.name.as_deref().or(p.handle.as_deref()).unwrap_or("(no name)"),
                p.location.as_deref().unwrap_or("-"),
                p.url
            )?;
            // A partial read is said as such: nobody takes it for a clean one.
            for (_, note) in crate::render::read_notes(p) {
                writeln!(out, "            ! {note}")?;
            }
        }
        for v in &case.verdicts {
            writeln!(out, "   verdict: {}", v.line())?;
        }
        if case.findings.is_empty() {
            writeln!(out, "   no findings")?;
        } else {
            writeln!(out, "   why: {}", case.risk.reasons.join("; "))?;
        }
        for f in &case.findings {
            writeln!(out, "   [{}] {} — {}", f.severity.as_str(), f.id, f.title)?;
            writeln!(out, "       {}", f.explanation)?;
            for e in &f.evidence {
                let note = e.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
                let value = if e.composed { e.value.clone() } else { format!("\"{}\"", e.value) };
                writeln!(out, "       - {} {}: {value}{note}", e.profile, e.field)?;
            }
            writeln!(out, "       source: {}", f.guidance)?;
        }
        writeln!(out)?;
    }
    for s in &report.skipped {
        writeln!(out, "skipped {}: {}", s.path, s.reason)?;
    }
    Ok(())
}
