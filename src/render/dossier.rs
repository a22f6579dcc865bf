//! The dossier (side panel, or its own tab): one case in full — profiles
//! side by side with the disagreeing fields marked, the candidate's history
//! as one timeline, findings, the verification checklist, notes, reports.

use super::{connections_and_findings_html, date_time, escape, link, notes_html, risk_html};
use crate::analysis::{CaseView, ProfileSummary};
use crate::checklist;
use crate::i18n::{ui, ui_with};
use crate::store::records::CheckStatus;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The fields compared side by side: row label, the evidence field names
/// that mark a cell as disagreeing, and how to show a profile's value.
type Row = (&'static str, &'static [&'static str], fn(&ProfileSummary) -> String);

const ROWS: &[Row] = &[
    ("fieldName", &["name"], |p| p.name.clone().unwrap_or_default()),
    ("fieldHandle", &["handle"], |p| p.handle.clone().unwrap_or_default()),
    ("fieldHeadline", &["headline"], |p| p.headline.clone().unwrap_or_default()),
    ("fieldLocation", &["location", "country", "time_zone"], |p| p.location.clone().unwrap_or_default()),
    ("fieldEmail", &["email"], |p| p.emails.join(", ")),
    ("fieldPhone", &["phone"], |p| p.phones.join(", ")),
    ("fieldWork", &["work", "employer", "title"], |p| {
        p.work
            .iter()
            .map(|j| {
                let what = [j.title.as_deref(), j.employer.as_deref()].into_iter().flatten().collect::<Vec<_>>();
                format!("{} ({})", what.join(", "), span(j.start.as_deref(), j.end.as_deref()))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }),
    ("fieldEducation", &["education", "school", "degree"], |p| {
        p.education
            .iter()
            .map(|e| format!("{} ({})", e.school, span(e.start.as_deref(), e.end.as_deref())))
            .collect::<Vec<_>>()
            .join("; ")
    }),
];

fn span(start: Option<&str>, end: Option<&str>) -> String {
    format!("{}–{}", start.unwrap_or("?"), end.unwrap_or("?"))
}

/// (profile address, evidence field) pairs that some finding quotes.
fn disputed(view: &CaseView) -> BTreeSet<(String, String)> {
    view.findings.iter().flat_map(|f| f.evidence.iter().map(|e| (e.profile.clone(), e.field.to_lowercase()))).collect()
}

fn side_by_side(view: &CaseView) -> String {
    let disputed = disputed(view);
    let mut h = format!(
        r#"<h2>{}</h2><div class="table-wrap"><table class="side-by-side"><thead><tr><th scope="col">{}</th>"#,
        escape(&ui("sideBySide")),
        escape(&ui("field"))
    );
    let open = ui("open");
    for p in &view.profiles {
        let _ = write!(h, r#"<th scope="col">{} {}</th>"#, escape(p.site.label()), link(&p.url, &open));
    }
    h.push_str("</tr></thead><tbody>");
    for (label, fields, value) in ROWS {
        let values: Vec<String> = view.profiles.iter().map(value).collect();
        let noted = view.profiles.iter().any(|p| p.missing.iter().any(|m| m == fields[0]));
        if values.iter().all(String::is_empty) && !noted {
            continue;
        }
        let _ = write!(h, r#"<tr><th scope="row">{}</th>"#, escape(&ui(label)));
        for (p, v) in view.profiles.iter().zip(&values) {
            let differs = fields.iter().any(|f| disputed.contains(&(p.url.clone(), f.to_string())));
            let class = if differs { r#" class="differs" data-differs="true""# } else { "" };
            let marker = if differs {
                format!(r#"<span class="visually-hidden">{} </span>"#, escape(&ui("disagrees")))
            } else {
                String::new()
            };
            let shown = if v.is_empty() { "—".to_string() } else { escape(v) };
            // Entered by hand, or not read from the page: said in the cell.
            let field = fields[0];
            let how = if let Some(e) = p.entered.get(field) {
                format!(
                    r#" <span class="entered">({})</span>"#,
                    escape(&ui_with("enteredBy", &[&e.by, &date_time(e.at)]))
                )
            } else if p.missing.iter().any(|m| m == field) {
                format!(r#" <span class="not-read">({})</span>"#, escape(&ui("notReadShort")))
            } else {
                String::new()
            };
            let _ = write!(h, "<td{class}>{marker}{shown}{how}</td>");
        }
        h.push_str("</tr>");
    }
    let _ = write!(h, r#"<tr><th scope="row">{}</th>"#, escape(&ui("fieldSeen")));
    for p in &view.profiles {
        let seen = p.last_seen.map(date_time).unwrap_or_else(|| "—".into());
        let _ = write!(h, "<td>{seen}</td>");
    }
    h.push_str("</tr></tbody></table></div>");
    h
}

/// Every job and school of every profile, in date order.
fn timeline(view: &CaseView) -> String {
    let mut entries: Vec<(String, String)> = Vec::new();
    for p in &view.profiles {
        for j in &p.work {
            let what = match (j.title.as_deref(), j.employer.as_deref()) {
                (Some(t), Some(e)) => ui_with("titleAtEmployer", &[t, e]),
                (t, e) => t.or(e).unwrap_or_default().to_string(),
            };
            entries.push((
                j.start.clone().unwrap_or_default(),
                format!("{} · {} ({})", span(j.start.as_deref(), j.end.as_deref()), what, p.site.label()),
            ));
        }
        for e in &p.education {
            let what =
                [Some(e.school.as_str()), e.degree.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
            entries.push((
                e.start.clone().unwrap_or_default(),
                format!("{} · {} ({})", span(e.start.as_deref(), e.end.as_deref()), what, p.site.label()),
            ));
        }
    }
    if entries.is_empty() {
        return String::new();
    }
    entries.sort();
    let mut h = format!(r#"<h2>{}</h2><ol class="timeline">"#, escape(&ui("timeline")));
    for (_, line) in entries {
        let _ = write!(h, "<li>{}</li>", escape(&line));
    }
    h.push_str("</ol>");
    h
}

fn checklist_html(view: &CaseView) -> String {
    let Some(first) = view.keys.first() else { return String::new() };
    let mut h = format!(
        r#"<h2>{}</h2><p class="why">{}</p><table class="checklist"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col"><span class="visually-hidden">{}</span></th></tr></thead><tbody>"#,
        escape(&ui("checklistHeading")),
        escape(&ui("checklistIntro")),
        escape(&ui("colStep")),
        escape(&ui("colStatus")),
        escape(&ui("note")),
        escape(&ui("colUpdated")),
        escape(&ui("save"))
    );
    for item in checklist::ITEMS {
        let state = view.checklist.get(*item);
        let status = state.map_or(CheckStatus::Pending, |s| s.status.clone());
        let option = |value: &str, label: &str, s: CheckStatus| {
            format!(
                r#"<option value="{value}"{}>{}</option>"#,
                if status == s { " selected" } else { "" },
                escape(&ui(label))
            )
        };
        let (label, why) = (checklist::label(item), checklist::why(item));
        let _ = write!(
            h,
            r#"<tr data-check="{id}" data-status="{st}"><th scope="row">{label}<br><span class="why">{why}</span></th><td><select aria-label="{status_of}" data-check-status="{id}">{p}{d}{f}</select></td><td><input type="text" aria-label="{note_for}" data-check-note="{id}" value="{note}"></td><td>{at}</td><td><button type="button" class="small" data-action="check" data-item="{id}" data-key="{key}">{save}</button></td></tr>"#,
            id = item,
            st = match status {
                CheckStatus::Pending => "pending",
                CheckStatus::Done => "done",
                CheckStatus::Failed => "failed",
            },
            status_of = escape(&ui_with("statusOf", &[&label])),
            note_for = escape(&ui_with("noteFor", &[&label])),
            save = escape(&ui("save")),
            label = escape(&label),
            why = escape(&why),
            p = option("pending", "statusPending", CheckStatus::Pending),
            d = option("done", "statusDone", CheckStatus::Done),
            f = option("failed", "statusFailed", CheckStatus::Failed),
            note = escape(state.map_or("", |s| s.note.as_str())),
            at = state.map(|s| date_time(s.at)).unwrap_or_else(|| "—".into()),
            key = escape(first)
        );
    }
    h.push_str("</tbody></table>");
    h
}

/// The dossier page body for one case.
pub fn dossier_html(view: &CaseView) -> String {
    let mut h = String::new();
    let no_name = ui("noNameShown");
    let who = view.profiles.iter().find_map(|p| p.name.as_deref()).unwrap_or(&no_name);
    let _ = write!(h, r#"<h1 id="dossier-title">{}</h1>"#, escape(who));
    h.push_str(&risk_html(view));
    if let Some(first) = view.keys.first() {
        let _ = write!(
            h,
            r#"<p class="actions reports">{report} <button type="button" class="small" data-action="report" data-format="html" data-key="{k}">{printable}</button> <button type="button" class="small" data-action="report" data-format="markdown" data-key="{k}">Markdown</button> <button type="button" class="small" data-action="report" data-format="json" data-key="{k}">JSON</button></p>"#,
            k = escape(first),
            report = escape(&ui("reportLabel")),
            printable = escape(&ui("reportPrintable"))
        );
    }
    h.push_str(&super::verdict_html(view));
    h.push_str(&side_by_side(view));
    h.push_str(&timeline(view));
    h.push_str(&super::github_html(view));
    h.push_str(&connections_and_findings_html(view));
    h.push_str(&checklist_html(view));
    h.push_str(&notes_html(view));
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::CaseViews;
    use crate::model::{Profile, Site, Sourced};
    use crate::store::Store;

    #[test]
    fn disagreeing_fields_are_marked_and_the_checklist_lists_every_step() {
        let mut s = Store::new();
        let mut a = Profile::empty("https://github.com/dk", Site::Github);
        a.name = Some(Sourced::new("Jin Park", "t"));
        a.links.push(Sourced::new("https://www.upwork.com/freelancers/~01a", "t"));
        let mut b = Profile::empty("https://www.upwork.com/freelancers/~01a", Site::Upwork);
        b.name = Some(Sourced::new("Daniel <b>K.</b>", "t"));
        let key = s.ingest(a, 1).unwrap();
        s.ingest(b, 2).unwrap();
        s.set_check(&key, "id_document", CheckStatus::Failed, "photo differs", 3);
        let html = dossier_html(&s.view(&key, 0).unwrap());
        assert_eq!(html.matches(r#"data-differs="true""#).count(), 2, "both names disagree");
        assert!(html.contains("Daniel &lt;b&gt;K.&lt;/b&gt;"));
        assert_eq!(html.matches("data-check=").count(), checklist::ITEMS.len());
        assert!(html.contains(r#"data-check="id_document" data-status="failed""#));
        assert!(html.contains(r#"value="photo differs""#));
    }
}
