//! Case reports for compliance: printable HTML, Markdown and JSON, with
//! the evidence-grade facts an internal investigation or a voluntary
//! self-disclosure decision needs — each profile's address, when it was
//! seen and the SHA-256 of the page snapshot, the versions of the rules and
//! the lists in force, the thresholds used, the checklist, the notes, and
//! who marked which finding as explained, when and why.

use super::{date_time, escape};
use crate::analysis::CaseView;
use crate::checklist;
use crate::i18n::{field_label, level_label, ui, ui_with, why_it_matters};
use crate::store::records::{CheckStatus, Verdict};
use serde::Serialize;
use std::fmt::Write;

/// What produced the findings: versions and thresholds.
#[derive(Clone, Debug, Serialize)]
pub struct Provenance {
    pub generated_at: u64,
    pub vetter_version: String,
    /// Flag ids the rules can raise (the catalogue in force).
    pub rules: Vec<&'static str>,
    pub lists: Vec<ListVersion>,
    pub thresholds: Thresholds,
}

#[derive(Clone, Debug, Serialize)]
pub struct ListVersion {
    pub name: String,
    pub origin: String,
    pub dated: Option<String>,
    pub entries: usize,
    pub indicators: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Thresholds {
    pub sanctions_critical: f64,
    pub sanctions_high: f64,
    pub template_similarity: f32,
    pub photo_min_similarity: f32,
    pub score_medium_from: u8,
    pub score_high_from: u8,
}

impl Provenance {
    /// The rules and the screening lists in force now.
    pub fn current(now_ms: u64) -> Provenance {
        let mut rules: Vec<&'static str> =
            crate::rules::RULES.iter().map(|r| r.id).filter(|id| *id != "BEHAVIOUR").collect();
        rules.extend(crate::rules::behaviour::BEHAVIOURS.iter().map(|b| b.id));
        rules.extend([
            crate::rules::shared_identifier::ID,
            crate::rules::reuse::TEMPLATE_ID,
            crate::rules::reuse::PHOTO_ID,
        ]);
        let lists = crate::screening::active()
            .lists
            .iter()
            .map(|l| ListVersion {
                name: l.name.clone(),
                origin: l.origin.clone(),
                dated: l.dated.clone(),
                entries: l.entries.len(),
                indicators: l.indicators.len(),
            })
            .collect();
        Provenance {
            generated_at: now_ms,
            vetter_version: env!("CARGO_PKG_VERSION").into(),
            rules,
            lists,
            thresholds: Thresholds {
                sanctions_critical: crate::screening::matcher::CRITICAL,
                sanctions_high: crate::screening::matcher::HIGH,
                template_similarity: crate::reuse::text::TEMPLATE_SIMILARITY,
                photo_min_similarity: crate::reuse::photo::SAME_PHOTO,
                score_medium_from: crate::score::MEDIUM_FROM,
                score_high_from: crate::score::HIGH_FROM,
            },
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    format: &'static str,
    provenance: &'a Provenance,
    case: &'a CaseView,
}

pub fn json(view: &CaseView, provenance: &Provenance) -> String {
    serde_json::to_string_pretty(&JsonReport { format: "vetter-report", provenance, case: view })
        .expect("reports serialize")
}

fn status_word(s: &CheckStatus) -> String {
    ui(match s {
        CheckStatus::Pending => "statusPending",
        CheckStatus::Done => "statusDone",
        CheckStatus::Failed => "statusFailed",
    })
}

/// A report as blocks of text, written out as Markdown or HTML: the
/// wording lives once, in `_locales`.
enum Block {
    Title(String),
    Heading(String),
    Subheading(String),
    Para(String),
    /// Text that must stand out (risk, a failed step, a sign-off).
    Strong(String),
    Table(Vec<String>, Vec<Vec<String>>),
    List(Vec<String>),
}

fn candidate(view: &CaseView) -> String {
    view.profiles.iter().find_map(|p| p.name.clone()).unwrap_or_else(|| ui("noNameShown"))
}

fn blocks(view: &CaseView, p: &Provenance) -> Vec<Block> {
    use Block::*;
    let mut b = vec![
        Title(ui_with("reportTitle", &[&candidate(view)])),
        Para(ui_with("reportGenerated", &[&date_time(p.generated_at), &p.vetter_version])),
        Strong(ui_with(
            "reportRisk",
            &[&level_label(view.risk.level.as_str()), &view.risk.score.to_string(), &view.risk.reasons.join("; ")],
        )),
    ];
    // The verdicts: what stands (a disagreement said as such), then the history.
    b.push(Heading(ui("verdictHeading")));
    let standing = crate::store::records::standing_verdicts(&view.verdicts);
    if standing.is_empty() {
        b.push(Para(ui("verdictNone")));
    } else if standing.iter().any(|v| v.verdict != standing[0].verdict) {
        b.push(Strong(ui("verdictConflict")));
    }
    b.push(List(standing.iter().map(|v| v.line()).collect()));
    if view.verdicts.len() > standing.len() {
        b.push(Para(ui_with("verdictHistory", &[&view.verdicts.len().to_string()])));
        b.push(List(view.verdicts.iter().map(Verdict::line).collect()));
    }
    b.push(Heading(ui("reportProfiles")));
    let not_recorded = ui("reportNotRecorded");
    b.push(Table(
        [
            "colSite",
            "reportAddress",
            "fieldName",
            "fieldLocation",
            "reportFirstSeen",
            "reportLastSeen",
            "reportSnapshot",
        ]
        .iter()
        .map(|k| ui(k))
        .collect(),
        view.profiles
            .iter()
            .map(|pr| {
                vec![
                    pr.site.label().to_string(),
                    pr.url.clone(),
                    pr.name.clone().unwrap_or_default(),
                    pr.location.clone().unwrap_or_default(),
                    pr.first_seen.map(date_time).unwrap_or_default(),
                    pr.last_seen.map(date_time).unwrap_or_default(),
                    pr.snapshot_sha256.clone().unwrap_or_else(|| not_recorded.clone()),
                ]
            })
            .collect(),
    ));
    // Partial reads and fields entered by hand, so nobody takes them for a clean read.
    let read_notes: Vec<String> = view
        .profiles
        .iter()
        .flat_map(|pr| {
            super::read_notes(pr).into_iter().map(move |(_, note)| format!("{} {}: {note}", pr.site.label(), pr.url))
        })
        .collect();
    if !read_notes.is_empty() {
        b.push(Heading(ui("reportHowRead")));
        b.push(List(read_notes));
    }
    b.push(Heading(ui_with("findingsHeading", &[&view.findings.len().to_string()])));
    if view.findings.is_empty() {
        b.push(Para(ui("reportNoFindings")));
    }
    for f in &view.findings {
        b.push(Subheading(format!("[{}] {} — {}", level_label(f.severity.as_str()), f.id, f.title)));
        b.push(Para(f.explanation.clone()));
        if let Some(why) = why_it_matters(&f.id) {
            b.push(Para(why));
        }
        b.push(List(
            f.evidence
                .iter()
                .map(|e| {
                    let note = e.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
                    let value = if e.composed { e.value.clone() } else { format!("“{}”", e.value) };
                    format!("{} {}: {value}{note}", e.profile, field_label(&e.field))
                })
                .collect(),
        ));
        b.push(Para(ui_with("source", &[&f.guidance])));
        if let Some(x) = view.explained.get(&f.id) {
            b.push(Strong(ui_with("explainedBy", &[&x.by, &date_time(x.at), &x.reason])));
        }
    }
    b.push(Heading(ui("checklistHeading")));
    b.push(Table(
        ["colStep", "colStatus", "colUpdated", "note"].iter().map(|k| ui(k)).collect(),
        checklist::ITEMS
            .iter()
            .map(|item| {
                let state = view.checklist.get(*item);
                vec![
                    checklist::label(item),
                    state.map_or_else(|| ui("statusPending"), |s| status_word(&s.status)),
                    state.map(|s| date_time(s.at)).unwrap_or_default(),
                    state.map(|s| s.note.clone()).unwrap_or_default(),
                ]
            })
            .collect(),
    ));
    b.push(Heading(ui("notesHeading")));
    if view.notes.is_empty() {
        b.push(Para(ui("reportNone")));
    }
    b.push(List(view.notes.iter().map(|n| format!("{}: {}", date_time(n.at), n.text)).collect()));
    b.push(Heading(ui("reportProvenance")));
    let mut provenance = vec![ui_with("reportRules", &[&p.rules.join(", ")])];
    provenance.extend(p.lists.iter().map(|l| {
        let dated = l.dated.clone().unwrap_or_else(|| ui("reportUndated"));
        ui_with("reportList", &[&l.name, &l.origin, &dated, &l.entries.to_string(), &l.indicators.to_string()])
    }));
    let t = &p.thresholds;
    provenance.push(ui_with(
        "reportThresholds",
        &[
            &t.sanctions_critical.to_string(),
            &t.sanctions_high.to_string(),
            &t.template_similarity.to_string(),
            &format!("{:.0}", t.photo_min_similarity * 100.0),
            &t.score_medium_from.to_string(),
            &t.score_high_from.to_string(),
        ],
    ));
    b.push(List(provenance));
    b
}

/// Markdown text from pages and users: table cells and list items must not
/// break the layout, and nothing a page wrote may become markup — an image
/// (`![](https://tracker…)` would load when the report is opened), a link,
/// HTML or emphasis. CommonMark lets any ASCII punctuation be escaped.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '!' | '&' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The exported HTML report loads nothing and runs nothing, whatever a page
/// wrote into it: only its own inline style.
const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

pub fn markdown(view: &CaseView, p: &Provenance) -> String {
    let mut m = String::new();
    for block in blocks(view, p) {
        let _ = match block {
            Block::Title(t) => writeln!(m, "# {}\n", md(&t)),
            Block::Heading(t) => writeln!(m, "## {}\n", md(&t)),
            Block::Subheading(t) => writeln!(m, "### {}\n", md(&t)),
            Block::Para(t) => writeln!(m, "{}\n", md(&t)),
            Block::Strong(t) => writeln!(m, "**{}**\n", md(&t)),
            Block::Table(head, rows) => {
                let row =
                    |cells: &[String]| format!("| {} |", cells.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | "));
                let _ = writeln!(m, "{}\n|{}", row(&head), "---|".repeat(head.len()));
                for r in &rows {
                    let _ = writeln!(m, "{}", row(r));
                }
                writeln!(m)
            }
            Block::List(items) if items.is_empty() => Ok(()),
            Block::List(items) => {
                writeln!(m, "{}\n", items.iter().map(|i| format!("- {}", md(i))).collect::<Vec<_>>().join("\n"))
            }
        };
    }
    m
}

pub fn html(view: &CaseView, p: &Provenance) -> String {
    let mut h = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}"><title>{}</title><style>
body{{font:12px/1.45 system-ui,sans-serif;color:#111;max-width:900px;margin:24px auto;padding:0 16px}}
h1{{font-size:20px}}h2{{font-size:15px;border-bottom:1px solid #ccc;padding-bottom:2px;margin-top:22px}}h3{{font-size:13px}}
table{{border-collapse:collapse;width:100%}}th,td{{border:1px solid #ccc;padding:4px 6px;text-align:start;vertical-align:top;overflow-wrap:anywhere}}
.strong{{font-weight:700;background:#f3f4f6;padding:4px}}
@media print{{body{{margin:0}}h2,h3{{break-after:avoid}}li,tr{{break-inside:avoid}}}}
</style></head><body>"#,
        escape(&ui_with("reportTitle", &[&candidate(view)]))
    );
    for block in blocks(view, p) {
        let _ = match block {
            Block::Title(t) => write!(h, "<h1>{}</h1>", escape(&t)),
            Block::Heading(t) => write!(h, "<h2>{}</h2>", escape(&t)),
            Block::Subheading(t) => write!(h, "<h3>{}</h3>", escape(&t)),
            Block::Para(t) => write!(h, "<p>{}</p>", escape(&t)),
            Block::Strong(t) => write!(h, r#"<p class="strong">{}</p>"#, escape(&t)),
            Block::Table(head, rows) => {
                let cells = |tag: &str, cells: &[String]| {
                    cells.iter().map(|c| format!("<{tag}>{}</{tag}>", escape(c))).collect::<String>()
                };
                let body: String = rows.iter().map(|r| format!("<tr>{}</tr>", cells("td", r))).collect();
                write!(h, "<table><thead><tr>{}</tr></thead><tbody>{body}</tbody></table>", cells("th", &head))
            }
            Block::List(items) if items.is_empty() => Ok(()),
            Block::List(items) => {
                write!(h, "<ul>{}</ul>", items.iter().map(|i| format!("<li>{}</li>", escape(i))).collect::<String>())
            }
        };
    }
    h.push_str("</body></html>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::CaseViews;
    use crate::model::{Profile, Site, Sourced};
    use crate::store::Store;

    #[test]
    fn reports_carry_snapshot_digests_versions_checklist_and_the_sign_off_trail() {
        let mut s = Store::new();
        let mut a = Profile::empty("https://github.com/dk", Site::Github);
        a.name = Some(Sourced::new("Jin | Park", "t"));
        a.links.push(Sourced::new("https://www.upwork.com/freelancers/~01a", "t"));
        let mut b = Profile::empty("https://www.upwork.com/freelancers/~01a", Site::Upwork);
        b.name = Some(Sourced::new("Daniel K.", "t"));
        let sha = "ab".repeat(32);
        let key = s.ingest_snapshot(a, Some(sha.clone()), 1).unwrap();
        s.ingest(b, 2).unwrap();
        s.explain(&key, "NAME_MISMATCH", "Ann (HR)", "Legal name change, saw the certificate", 5);
        s.set_check(&key, "video_interview", CheckStatus::Done, "camera on", 6);
        let view = s.view(&key, 0).unwrap();
        let p = Provenance::current(7);
        let md = markdown(&view, &p);
        assert!(md.contains(&sha), "{md}");
        assert!(md.contains("**Explained by Ann (HR)"), "{md}");
        assert!(md.contains("Jin \\| Park"), "table cells are escaped");
        assert!(
            md.contains("| Live video interview with the camera on and the background unobscured | Done |"),
            "{md}"
        );
        assert!(md.contains("- List Built-in DPRK IT-worker designations"), "{md}");
        let h = html(&view, &p);
        assert!(h.contains(&sha) && h.contains("Legal name change") && h.contains("@media print"));
        let j: serde_json::Value = serde_json::from_str(&json(&view, &p)).unwrap();
        assert_eq!(j["case"]["profiles"][0]["snapshot_sha256"], sha.as_str());
        assert_eq!(j["case"]["explained"]["NAME_MISMATCH"]["by"], "Ann (HR)");
        assert!(j["provenance"]["rules"].as_array().unwrap().iter().any(|r| r == "TEMPLATE_REUSE"));
        assert_eq!(view.risk.score, 0, "the explained finding no longer counts");
    }

    /// Issue #16: a page-supplied name was written into the Markdown report
    /// as it was, so `![](https://…)` became an image that loads when the
    /// report is opened; the HTML report had no CSP.
    #[test]
    fn page_text_never_becomes_markup_in_reports() {
        let mut s = Store::new();
        let mut a = Profile::empty("https://github.com/dk", Site::Github);
        a.name = Some(Sourced::new("Jin ![x](https://tracker.example/p.png) <img src=x> [a](javascript:1) *P*", "t"));
        let key = s.ingest(a, 1).unwrap();
        let view = s.view(&key, 0).unwrap();
        let p = Provenance::current(7);
        let md = markdown(&view, &p);
        // What is left once every escaped character is taken out: no markup.
        let mut unescaped = String::new();
        let mut chars = md.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
            } else {
                unescaped.push(c);
            }
        }
        for raw in ["![", "](", "<img", "[a]", "*P*"] {
            assert!(!unescaped.contains(raw), "{raw} in {md}");
        }
        assert!(md.contains("Jin \\!\\[x\\](https://tracker.example/p.png)"), "{md}");
        let h = html(&view, &p);
        let csp = format!(r#"<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">"#);
        assert!(h.starts_with(&format!(r#"<!doctype html><html lang="en"><head><meta charset="utf-8">{csp}"#)), "{h}");
        assert!(REPORT_CSP.contains("default-src 'none'") && !REPORT_CSP.contains("img-src"));
        assert!(!h.contains("<img"), "escaped in HTML too");
    }

    /// A partial read and a field entered by hand are said as such in the
    /// report, the dossier and the panel, and the evidence quoting an entered
    /// field names who entered it; the entry survives a re-read of the page.
    #[test]
    fn partial_reads_and_fields_entered_by_hand_are_labelled_everywhere() {
        let mut s = Store::new();
        let mut a = Profile::empty("https://www.linkedin.com/in/ana-l", Site::Linkedin);
        a.name = Some(Sourced::new("Ana Lima", "t"));
        a.missing = vec!["location".into()];
        a.links.push(Sourced::new("https://github.com/analima", "t"));
        let mut b = Profile::empty("https://github.com/analima", Site::Github);
        b.name = Some(Sourced::new("Ana Lima", "t"));
        b.location = Some(Sourced::new("Porto, Portugal", "t"));
        let key = s.ingest(a.clone(), 1).unwrap();
        s.ingest(b, 2).unwrap();
        let before = s.view(&key, 3).unwrap();
        assert!(markdown(&before, &Provenance::current(3)).contains("Location not found on this page"));
        assert!(crate::render::panel_html(&before).contains("Location not found on this page"));
        assert!(!s.enter_field(&key, "email", "x@example.com", "Ann", 4), "only identity fields are entered");
        assert!(s.enter_field(&key, "location", "Lagos, Nigeria", "Ann (HR)", 4));
        // The page is read again: the entry stays.
        s.ingest(a, 5).unwrap();
        let view = s.view(&key, 6).unwrap();
        let md = markdown(&view, &Provenance::current(6));
        assert!(!md.contains("Location not found on this page"), "{md}");
        assert!(md.contains("Location “Lagos, Nigeria” entered by Ann (HR) on 1970-01-01"), "{md}");
        let finding =
            view.findings.iter().find(|f| f.id == "LOCATION_MISMATCH").expect("the entered place is compared");
        let quoted = finding.evidence.iter().find(|e| e.value == "Lagos, Nigeria").unwrap();
        assert!(quoted.note.as_deref().unwrap().contains("entered by Ann (HR)"), "{quoted:?}");
        assert!(crate::render::dossier::dossier_html(&view).contains("entered by Ann (HR)"));
        assert!(crate::render::panel_html(&view).contains("entered by Ann (HR)"));
        // An empty value takes the entry back.
        assert!(s.enter_field(&key, "location", "", "Ann (HR)", 7));
        assert!(markdown(&s.view(&key, 8).unwrap(), &Provenance::current(8)).contains("Location not found"));
    }
}
