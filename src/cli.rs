//! The `vetter` command (see `docs/cli.md`): batch vetting of saved pages,
//! on the same core and with the same findings JSON as the extension.

use crate::analysis::{analyse_among, ProfileSummary};
use crate::extract;
use crate::model::{Message, Profile};
use crate::rules::shared_identifier::OtherCandidate;
use crate::rules::Finding;
use crate::score::Risk;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const USAGE: &str = "\
usage: vetter scan [--json] [--sanctions FILE]... [--iocs FILE]... CASE_DIR...

Each CASE_DIR holds one candidate's saved pages (*.html, *.htm) and
messages (*.txt). Prints a report per case, worst first; --json prints
one JSON document instead. --sanctions adds an OFAC SDN.CSV (with ALT.CSV
beside it), OpenSanctions targets.simple.csv or Vetter list CSV to the
built-in DPRK list; --iocs adds a CSV of known-persona indicators
(type,value,source[,confidence,expires]).

exit status: 0 all input processed, 1 some input skipped, 2 usage error";

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
    match args.first().map(String::as_str) {
        Some("scan") => {}
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
    let mut list_problems = Vec::new();
    let mut lists = Vec::new();
    for (path, is_ioc) in sanctions.iter().map(|p| (p, false)).chain(iocs.iter().map(|p| (p, true))) {
        match load_list(path, is_ioc) {
            Ok(list) => lists.push(list),
            Err(reason) => list_problems.push(Skipped { path: path.display().to_string(), reason }),
        }
    }
    crate::screening::set_imported(lists);
    let mut report = scan(&dirs);
    report.skipped.splice(0..0, list_problems);
    let written = if json {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other).and_then(|_| writeln!(out))
    } else {
        write_text(&report, out)
    };
    if let Err(e) = written {
        let _ = writeln!(err, "vetter: cannot write the report: {e}");
        return 1;
    }
    i32::from(!report.skipped.is_empty())
}

/// Reads one list file; an OFAC `SDN.CSV` brings the `ALT.CSV` beside it.
fn load_list(path: &Path, is_ioc: bool) -> Result<crate::screening::List, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let origin = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let result = if is_ioc {
        crate::screening::import::iocs(&text, &origin)
    } else {
        let alt = path.with_file_name(if origin.chars().all(|c| !c.is_lowercase()) { "ALT.CSV" } else { "alt.csv" });
        let alt = std::fs::read_to_string(alt).ok();
        crate::screening::import::sanctions_file(&text, alt.as_deref(), &origin)
    };
    result.map_err(|e| format!("not imported, {e}"))
}

/// Reads and analyses every case directory, comparing every case with
/// every other (identifiers shared across candidates).
pub fn scan(dirs: &[PathBuf]) -> Report {
    let mut skipped = Vec::new();
    let read: Vec<(String, Vec<Profile>, Vec<Message>)> =
        dirs.iter().filter_map(|d| read_case(d, &mut skipped)).collect();
    let now_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    let mut cases: Vec<CaseReport> = read
        .iter()
        .enumerate()
        .map(|(i, (case, profiles, messages))| {
            let others: Vec<OtherCandidate<'_>> = read
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, (other, p, m))| OtherCandidate { label: candidate_label(other, p), profiles: p, messages: m })
                .collect();
            let analysis = analyse_among(profiles, messages, now_ms, &others);
            CaseReport {
                case: case.clone(),
                profiles: profiles.iter().map(ProfileSummary::from).collect(),
                risk: analysis.risk,
                findings: analysis.findings,
            }
        })
        .collect();
    cases.sort_by(|a, b| b.risk.score.cmp(&a.risk.score).then_with(|| a.case.cmp(&b.case)));
    Report { cases, skipped }
}

/// "case-dir (Jin Park)": how another candidate is named in evidence.
fn candidate_label(case: &str, profiles: &[Profile]) -> String {
    match profiles.iter().find_map(|p| p.name.as_ref()) {
        Some(name) => format!("{case} ({})", name.value),
        None => case.to_string(),
    }
}

fn read_case(dir: &Path, skipped: &mut Vec<Skipped>) -> Option<(String, Vec<Profile>, Vec<Message>)> {
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
    let mut profiles: Vec<Profile> = Vec::new();
    let mut messages = Vec::new();
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
            messages.push(Message { source: path.display().to_string(), text });
            continue;
        }
        match extract::extract(None, &text) {
            Ok(p) if p.is_empty() => skipped.push(skip(&path, "no candidate profile found on this page".into())),
            Ok(p) => profiles.push(p),
            Err(e) => skipped.push(skip(&path, e.to_string())),
        }
    }
    Some((dir.display().to_string(), profiles, messages))
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
                writeln!(out, "       - {} {}: \"{}\"{}", e.profile, e.field, e.value, note)?;
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
