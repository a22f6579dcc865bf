//! Case reports for compliance: printable HTML, Markdown and JSON, with
//! the evidence-grade facts an internal investigation or a voluntary
//! self-disclosure decision needs — each profile's address, when it was
//! seen and the SHA-256 of the page snapshot, the versions of the rules and
//! the lists in force, the thresholds used, the checklist, the notes, and
//! who marked which finding as explained, when and why.

use super::{date_time, escape};
use crate::analysis::CaseView;
use crate::checklist;
use crate::store::records::CheckStatus;
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
    pub photo_max_differing_bits_of_256: u32,
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
                photo_max_differing_bits_of_256: crate::reuse::photo::SAME_PHOTO_BITS,
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

fn status_word(s: &CheckStatus) -> &'static str {
    match s {
        CheckStatus::Pending => "pending",
        CheckStatus::Done => "done",
        CheckStatus::Failed => "FAILED",
    }
}

/// Markdown text: table cells and list items must not break the layout.
fn md(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ").replace('<', "&lt;")
}

fn candidate(view: &CaseView) -> &str {
    view.profiles.iter().find_map(|p| p.name.as_deref()).unwrap_or("(no name shown)")
}

pub fn markdown(view: &CaseView, p: &Provenance) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# Vetter case report: {}\n", md(candidate(view)));
    let _ = writeln!(m, "Generated {} by Vetter {}.\n", date_time(p.generated_at), p.vetter_version);
    let _ = writeln!(
        m,
        "**Risk: {} ({}/100).** {}\n",
        view.risk.level.as_str(),
        view.risk.score,
        md(&view.risk.reasons.join("; "))
    );
    let _ = writeln!(m, "## Profiles\n\n| Site | Address | Name | Location | First seen | Last seen | Snapshot SHA-256 |\n|---|---|---|---|---|---|---|");
    for pr in &view.profiles {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {} | `{}` |",
            pr.site.label(),
            md(&pr.url),
            md(pr.name.as_deref().unwrap_or("")),
            md(pr.location.as_deref().unwrap_or("")),
            pr.first_seen.map(date_time).unwrap_or_default(),
            pr.last_seen.map(date_time).unwrap_or_default(),
            pr.snapshot_sha256.as_deref().unwrap_or("not recorded")
        );
    }
    let _ = writeln!(m, "\n## Findings\n");
    if view.findings.is_empty() {
        let _ = writeln!(m, "No findings.");
    }
    for f in &view.findings {
        let _ = writeln!(m, "### [{}] {} — {}\n\n{}\n", f.severity.as_str(), f.id, md(&f.title), md(&f.explanation));
        for e in &f.evidence {
            let note = e.note.as_deref().map(|n| format!(" ({})", md(n))).unwrap_or_default();
            let _ = writeln!(m, "- {} {}: \"{}\"{}", md(&e.profile), md(&e.field), md(&e.value), note);
        }
        let _ = writeln!(m, "\nGuidance: {}", md(&f.guidance));
        if let Some(x) = view.explained.get(&f.id) {
            let _ = writeln!(m, "\n**Explained** by {} on {}: {}", md(&x.by), date_time(x.at), md(&x.reason));
        }
        m.push('\n');
    }
    let _ = writeln!(m, "## Verification checklist\n\n| Step | Status | Updated | Note |\n|---|---|---|---|");
    for item in checklist::ITEMS {
        let state = view.checklist.get(*item);
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} |",
            md(&checklist::label(item)),
            state.map_or("pending", |s| status_word(&s.status)),
            state.map(|s| date_time(s.at)).unwrap_or_default(),
            md(state.map_or("", |s| s.note.as_str()))
        );
    }
    let _ = writeln!(m, "\n## Notes\n");
    if view.notes.is_empty() {
        let _ = writeln!(m, "None.");
    }
    for n in &view.notes {
        let _ = writeln!(m, "- {}: {}", date_time(n.at), md(&n.text));
    }
    let _ = writeln!(m, "\n## Provenance\n");
    let _ = writeln!(m, "- Rules: {}", p.rules.join(", "));
    for l in &p.lists {
        let _ = writeln!(
            m,
            "- List {} ({}), dated {}, {} entries, {} indicators",
            md(&l.name),
            md(&l.origin),
            l.dated.as_deref().unwrap_or("undated"),
            l.entries,
            l.indicators
        );
    }
    let t = &p.thresholds;
    let _ = writeln!(
        m,
        "- Thresholds: sanctions critical ≥ {}, high ≥ {}; template similarity ≥ {}; photos ≤ {} of 256 bits apart; score medium from {}, high from {}",
        t.sanctions_critical, t.sanctions_high, t.template_similarity, t.photo_max_differing_bits_of_256, t.score_medium_from, t.score_high_from
    );
    m
}

pub fn html(view: &CaseView, p: &Provenance) -> String {
    let mut h = String::from(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vetter case report</title><style>
body{font:12px/1.45 system-ui,sans-serif;color:#111;max-width:900px;margin:24px auto;padding:0 16px}
h1{font-size:20px}h2{font-size:15px;border-bottom:1px solid #ccc;padding-bottom:2px;margin-top:22px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;text-align:start;vertical-align:top}
code{font-size:10px;word-break:break-all}.sev{font-weight:700;text-transform:uppercase}.explained{background:#f3f4f6;padding:4px}
@media print{body{margin:0}h2{break-after:avoid}li,tr{break-inside:avoid}}
</style></head><body>"#,
    );
    let _ = write!(h, "<h1>Vetter case report: {}</h1>", escape(candidate(view)));
    let _ = write!(h, "<p>Generated {} by Vetter {}.</p>", date_time(p.generated_at), escape(&p.vetter_version));
    let _ = write!(
        h,
        "<p><strong>Risk: {} ({}/100).</strong> {}</p>",
        view.risk.level.as_str(),
        view.risk.score,
        escape(&view.risk.reasons.join("; "))
    );
    h.push_str("<h2>Profiles</h2><table><thead><tr><th>Site</th><th>Address</th><th>Name</th><th>Location</th><th>Seen</th><th>Snapshot SHA-256</th></tr></thead><tbody>");
    for pr in &view.profiles {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} – {}</td><td><code>{}</code></td></tr>",
            pr.site.label(),
            escape(&pr.url),
            escape(pr.name.as_deref().unwrap_or("")),
            escape(pr.location.as_deref().unwrap_or("")),
            pr.first_seen.map(date_time).unwrap_or_default(),
            pr.last_seen.map(date_time).unwrap_or_default(),
            escape(pr.snapshot_sha256.as_deref().unwrap_or("not recorded"))
        );
    }
    h.push_str("</tbody></table><h2>Findings</h2>");
    if view.findings.is_empty() {
        h.push_str("<p>No findings.</p>");
    }
    for f in &view.findings {
        let _ = write!(
            h,
            r#"<section class="finding" data-flag="{id}"><h3><span class="sev">{sev}</span> {id} — {title}</h3><p>{expl}</p><ul>"#,
            id = escape(&f.id),
            sev = f.severity.as_str(),
            title = escape(&f.title),
            expl = escape(&f.explanation)
        );
        for e in &f.evidence {
            let note = e.note.as_deref().map(|n| format!(" ({})", escape(n))).unwrap_or_default();
            let _ = write!(h, "<li>{} {}: “{}”{}</li>", escape(&e.profile), escape(&e.field), escape(&e.value), note);
        }
        let _ = write!(h, "</ul><p>Guidance: {}</p>", escape(&f.guidance));
        if let Some(x) = view.explained.get(&f.id) {
            let _ = write!(
                h,
                r#"<p class="explained">Explained by {} on {}: {}</p>"#,
                escape(&x.by),
                date_time(x.at),
                escape(&x.reason)
            );
        }
        h.push_str("</section>");
    }
    h.push_str("<h2>Verification checklist</h2><table><thead><tr><th>Step</th><th>Status</th><th>Updated</th><th>Note</th></tr></thead><tbody>");
    for item in checklist::ITEMS {
        let state = view.checklist.get(*item);
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&checklist::label(item)),
            state.map_or("pending", |s| status_word(&s.status)),
            state.map(|s| date_time(s.at)).unwrap_or_default(),
            escape(state.map_or("", |s| s.note.as_str()))
        );
    }
    h.push_str("</tbody></table><h2>Notes</h2><ul>");
    for n in &view.notes {
        let _ = write!(h, "<li>{}: {}</li>", date_time(n.at), escape(&n.text));
    }
    h.push_str("</ul><h2>Provenance</h2><ul>");
    let _ = write!(h, "<li>Rules: {}</li>", p.rules.join(", "));
    for l in &p.lists {
        let _ = write!(
            h,
            "<li>List {} ({}), dated {}, {} entries, {} indicators</li>",
            escape(&l.name),
            escape(&l.origin),
            escape(l.dated.as_deref().unwrap_or("undated")),
            l.entries,
            l.indicators
        );
    }
    let t = &p.thresholds;
    let _ = write!(
        h,
        "<li>Thresholds: sanctions critical ≥ {}, high ≥ {}; template similarity ≥ {}; photos ≤ {} of 256 bits apart; score medium from {}, high from {}</li></ul></body></html>",
        t.sanctions_critical, t.sanctions_high, t.template_similarity, t.photo_max_differing_bits_of_256, t.score_medium_from, t.score_high_from
    );
    h
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(md.contains("**Explained** by Ann (HR)"), "{md}");
        assert!(md.contains("Jin \\| Park"), "table cells are escaped");
        assert!(md.contains("| Live video interview with the camera on and the background unobscured | done |"));
        assert!(md.contains("List Built-in DPRK IT-worker designations"), "{md}");
        let h = html(&view, &p);
        assert!(h.contains(&sha) && h.contains("Legal name change") && h.contains("@media print"));
        let j: serde_json::Value = serde_json::from_str(&json(&view, &p)).unwrap();
        assert_eq!(j["case"]["profiles"][0]["snapshot_sha256"], sha.as_str());
        assert_eq!(j["case"]["explained"]["NAME_MISMATCH"]["by"], "Ann (HR)");
        assert!(j["provenance"]["rules"].as_array().unwrap().iter().any(|r| r == "TEMPLATE_REUSE"));
        assert_eq!(view.risk.score, 0, "the explained finding no longer counts");
    }
}
