//! The panel's HTML, rendered from a [`CaseView`].
//!
//! Every value read from a page is escaped here, and bidi controls are made
//! visible, so a hostile name shows as the text it is. Only http(s)
//! addresses become links. The extension page that shows this HTML also
//! forbids inline script by CSP: escaping is the first wall, not the only.

use crate::analysis::{CaseView, ProfileSummary};
use crate::i18n::{field_label, level_label, ui, ui_with, why_it_matters};
use crate::model::PageKind;
use crate::rules::{Finding, Severity};
use crate::sites;
use crate::store::graph_types::PersonaGraph;
use crate::store::records::{standing_verdicts, VerdictKind};
use crate::text::is_bidi_control;
use std::fmt::Write;

pub mod dossier;
pub mod report;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_bidi_control(c) => {
                let _ = write!(out, "[U+{:04X}]", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn link(url: &str, label: &str) -> String {
    if sites::parse(url).is_some() {
        format!(r#"<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>"#, escape(url), escape(label))
    } else {
        escape(label)
    }
}

fn profile_line(p: &ProfileSummary, this_url: Option<&str>) -> String {
    let thread_label;
    let no_name;
    let who = if p.kind == PageKind::Thread {
        let count = p.messages.to_string();
        thread_label = match p.name.as_deref() {
            Some(n) => ui_with("threadWith", &[&count, n]),
            None => ui_with("threadMessages", &[&count]),
        };
        thread_label.as_str()
    } else {
        no_name = ui("noNameShown");
        p.name.as_deref().or(p.handle.as_deref()).unwrap_or(&no_name)
    };
    let mut line =
        format!(r#"<li class="profile"><span class="site">{}</span> {}"#, escape(p.site_label()), link(&p.url, who));
    if let Some(loc) = &p.location {
        let _ = write!(line, r#" <span class="loc">· {}</span>"#, escape(loc));
    }
    if this_url == Some(p.url.as_str()) {
        let _ = write!(line, r#" <span class="this">{}</span>"#, escape(&ui("thisPage")));
    }
    if let Some(seen) = p.last_seen {
        let _ = write!(line, r#" <span class="seen">· {}</span>"#, escape(&ui_with("seenAt", &[&date_time(seen)])));
    }
    for (_, note) in read_notes(p).iter().filter(|(missing, _)| !missing) {
        let _ = write!(line, r#" <span class="entered">· {}</span>"#, escape(note));
    }
    line
}

pub use crate::text::date_time;

/// What a reader must know about how a profile was read: each field the
/// page should show but did not give ("Location not found on this page:
/// the site's layout may have changed"), `true`; each field the recruiter
/// entered by hand, with who and when, `false`.
pub fn read_notes(p: &ProfileSummary) -> Vec<(bool, String)> {
    let missing = p.missing.iter().map(|f| (true, ui_with("fieldNotRead", &[&field_label(f)])));
    let entered = p
        .entered
        .iter()
        .map(|(f, e)| (false, ui_with("fieldEntered", &[&field_label(f), &e.value, &e.by, &date_time(e.at)])));
    missing.chain(entered).collect()
}

/// The form to enter or correct a field of the profile at `key` by hand.
fn enter_field_html(key: &str) -> String {
    let options: String = crate::store::records::ENTERABLE_FIELDS
        .iter()
        .map(|f| format!(r#"<option value="{f}">{}</option>"#, escape(&field_label(f))))
        .collect();
    format!(
        r#"<details class="enter"><summary>{summary}</summary><p class="actions"><label for="enter-field">{field}</label> <select id="enter-field">{options}</select> <label for="enter-value" class="visually-hidden">{value}</label><input id="enter-value" type="text" maxlength="300" placeholder="{value}"> <button type="button" class="small" data-action="enter-field" data-key="{key}">{save}</button></p><p class="hint">{hint}</p></details>"#,
        summary = escape(&ui("enterFieldSummary")),
        field = escape(&ui("field")),
        value = escape(&ui("enterFieldValue")),
        key = escape(key),
        save = escape(&ui("enterFieldSave")),
        hint = escape(&ui("enterFieldHint")),
    )
}

/// The case's profiles, with the recruiter's link/unlink/split controls
/// when the view comes from the store.
fn profiles_html(view: &CaseView) -> String {
    let mut h = format!(
        r#"<h2>{}</h2><ul class="profiles">"#,
        escape(&ui_with("profilesInCase", &[&view.profiles.len().to_string()]))
    );
    let actions = view.keys.len() == view.profiles.len() && view.profiles.len() > 1;
    for (i, p) in view.profiles.iter().enumerate() {
        h.push_str(&profile_line(p, view.this_url.as_deref()));
        if actions {
            let key = escape(&view.keys[i]);
            let _ = write!(
                h,
                r#" <label class="pick"><input type="checkbox" data-split-key="{key}"> {select}</label> <button type="button" class="small" data-action="separate" data-key="{key}">{unlink}</button>"#,
                select = escape(&ui("select")),
                unlink = escape(&ui("unlink"))
            );
        }
        h.push_str("</li>");
    }
    h.push_str("</ul>");
    if actions {
        let _ = write!(
            h,
            r#"<p class="actions"><button type="button" class="small" data-action="split">{}</button></p>"#,
            escape(&ui("splitSelected"))
        );
    }
    if let (Some(first), false) = (view.keys.first(), view.suggestions.is_empty()) {
        let _ = write!(h, r#"<h2>{}</h2><ul class="suggestions">"#, escape(&ui("suggestionsHeading")));
        for s in &view.suggestions {
            let _ = write!(
                h,
                r#"<li>{} <span class="note">({})</span> <button type="button" class="small" data-action="link" data-a="{}" data-b="{}">{}</button></li>"#,
                link(&s.url, &s.label),
                escape(&s.reason),
                escape(first),
                escape(&s.key),
                escape(&ui("linkToCase"))
            );
        }
        h.push_str("</ul>");
    }
    if let Some(first) = view.keys.first() {
        let _ = write!(
            h,
            r#"<p class="actions merge"><label>{} <select id="merge-target" data-this="{}"><option value="">{}</option></select></label> <button type="button" class="small" data-action="merge">{}</button></p>"#,
            escape(&ui("mergeWith")),
            escape(first),
            escape(&ui("chooseCaseOption")),
            escape(&ui("merge"))
        );
    }
    h
}

/// The persona graph: this candidate in the middle, connected candidates
/// around it, each line named by what they share.
fn graph_html(graph: &PersonaGraph) -> String {
    let others = graph.nodes.len().saturating_sub(1).max(1) as f64;
    let (cx, cy, r) = (170.0, 95.0, 70.0);
    let place = |i: usize| -> (f64, f64) {
        if i == 0 {
            return (cx, cy);
        }
        let angle = std::f64::consts::TAU * (i as f64 - 1.0) / others - std::f64::consts::FRAC_PI_2;
        (cx + r * 1.6 * angle.cos(), cy + r * angle.sin())
    };
    let summary: Vec<String> = graph
        .edges
        .iter()
        .map(|e| ui_with("graphEdge", &[&e.kind, graph.nodes.get(e.to).map_or("", |n| n.label.as_str())]))
        .collect();
    let mut h = format!(
        r#"<h2>{}</h2><svg class="graph" viewBox="0 0 340 190" role="img" aria-label="{}">"#,
        escape(&ui("connectedCandidates")),
        escape(&summary.join("; "))
    );
    for e in &graph.edges {
        let ((x1, y1), (x2, y2)) = (place(e.from), place(e.to));
        let _ = write!(
            h,
            r#"<line x1="{x1:.0}" y1="{y1:.0}" x2="{x2:.0}" y2="{y2:.0}"/><text class="edge" x="{:.0}" y="{:.0}">{}</text>"#,
            (x1 + x2) / 2.0,
            (y1 + y2) / 2.0 - 3.0,
            escape(&e.kind)
        );
    }
    for (i, n) in graph.nodes.iter().enumerate() {
        let (x, y) = place(i);
        let label: String = n.label.chars().take(28).collect();
        let _ = write!(
            h,
            r#"<circle cx="{x:.0}" cy="{y:.0}" r="6" class="{}"/><text x="{x:.0}" y="{:.0}">{}</text>"#,
            if i == 0 { "this" } else { "other" },
            y + 17.0,
            escape(&label)
        );
    }
    h.push_str("</svg>");
    h
}

/// The case's verdict: what stands (each recruiter's latest; a
/// disagreement shown as one), the history, and the form to give one.
pub(crate) fn verdict_html(view: &CaseView) -> String {
    let Some(first) = view.keys.first() else { return String::new() };
    let standing = standing_verdicts(&view.verdicts);
    let mut h = format!(r#"<section class="verdict"><h2>{}</h2>"#, escape(&ui("verdictHeading")));
    if standing.is_empty() {
        let _ = write!(h, r#"<p class="small">{}</p>"#, escape(&ui("verdictNone")));
    }
    let disagree = standing.iter().any(|v| v.verdict != standing[0].verdict);
    if disagree {
        let _ = write!(h, r#"<p class="notice" role="status">{}</p>"#, escape(&ui("verdictConflict")));
    }
    for v in &standing {
        let _ =
            write!(h, r#"<p class="verdict-standing" data-verdict="{}">{}</p>"#, v.verdict.as_str(), escape(&v.line()));
    }
    if view.verdicts.len() > standing.len() {
        let _ = write!(
            h,
            r#"<details><summary>{}</summary><ul class="verdict-history">"#,
            escape(&ui_with("verdictHistory", &[&view.verdicts.len().to_string()]))
        );
        for v in view.verdicts.iter().rev() {
            let _ = write!(h, r#"<li data-verdict="{}">{}</li>"#, v.verdict.as_str(), escape(&v.line()));
        }
        h.push_str("</ul></details>");
    }
    if let Some(bytes) = view.team_share_too_large {
        let size = format!("{:.1}", bytes as f64 / 1e6);
        let _ = write!(
            h,
            r#"<p class="notice team-too-large" role="status">{}</p>"#,
            escape(&ui_with("teamShareTooLarge", &[&size]))
        );
    }
    for shared in &view.team_shared {
        let _ = write!(
            h,
            r#"<p class="actions team-shared"><button type="button" class="small" data-action="team-open" data-record="{}">{}</button></p>"#,
            escape(&shared.record),
            escape(&ui_with("teamOpenShared", &[&shared.by]))
        );
    }
    let share = if view.in_team {
        format!(
            r#"<br><label class="small"><input id="verdict-share" type="checkbox"> {}</label>"#,
            escape(&ui("verdictShare"))
        )
    } else {
        String::new()
    };
    let options: String = [VerdictKind::Fraudulent, VerdictKind::NotFraudulent, VerdictKind::Unsure]
        .iter()
        .map(|k| format!(r#"<option value="{}">{}</option>"#, k.as_str(), escape(&k.label())))
        .collect();
    let _ = write!(
        h,
        r#"<p class="actions"><label for="verdict-kind" class="visually-hidden">{choice}</label><select id="verdict-kind">{options}</select> <label for="verdict-reason" class="visually-hidden">{reason}</label><input id="verdict-reason" type="text" maxlength="2000" placeholder="{placeholder}"> <button type="button" class="small" data-action="verdict" data-key="{key}">{set}</button>{share}</p></section>"#,
        choice = escape(&ui("verdictChoice")),
        reason = escape(&ui("verdictReason")),
        placeholder = escape(&ui("verdictReasonPlaceholder")),
        key = escape(first),
        set = escape(&ui("setVerdict")),
    );
    h
}

fn notes_html(view: &CaseView) -> String {
    let Some(first) = view.keys.first() else { return String::new() };
    let mut h = format!(r#"<h2>{}</h2><ul class="notes">"#, escape(&ui("notesHeading")));
    for n in &view.notes {
        let _ = write!(h, r#"<li><span class="seen">{}</span> {}</li>"#, date_time(n.at), escape(&n.text));
    }
    let _ = write!(
        h,
        r#"</ul><p class="actions"><label for="note-text" class="visually-hidden">{}</label><textarea id="note-text" rows="2" placeholder="{}"></textarea> <button type="button" class="small" data-action="note" data-key="{}">{}</button></p>"#,
        escape(&ui("note")),
        escape(&ui("notePlaceholder")),
        escape(first),
        escape(&ui("addNote"))
    );
    h
}

impl ProfileSummary {
    fn site_label(&self) -> &'static str {
        self.site.label()
    }
}

fn finding_html(f: &Finding, view: &CaseView) -> String {
    let mut h = format!(
        r#"<li class="finding sev-{sev}" data-flag="{id}"><div class="f-head"><span class="sev">{label}</span> <strong>{title}</strong> <code>{id}</code></div><p class="explain">{expl}</p>{why}<ul class="evidence">"#,
        sev = f.severity.as_str(),
        label = escape(&level_label(f.severity.as_str())),
        id = escape(&f.id),
        title = escape(&f.title),
        expl = escape(&f.explanation),
        why =
            why_it_matters(&f.id).map(|w| format!(r#"<p class="why-matters">{}</p>"#, escape(&w))).unwrap_or_default()
    );
    for e in &f.evidence {
        let page = ui("page");
        let site = view.profiles.iter().find(|p| p.url == e.profile).map_or(page.as_str(), |p| p.site_label());
        // A quotation in quotation marks; Vetter's own summary without.
        let (open, close) =
            if e.composed { (r#"<span dir="auto">"#, "</span>") } else { (r#"<q dir="auto">"#, "</q>") };
        let _ = write!(
            h,
            r#"<li>{} <span class="field">{}</span>: {open}{}{close}{}</li>"#,
            link(&e.profile, site),
            escape(&field_label(&e.field)),
            escape(&e.value),
            e.note.as_deref().map(|n| format!(r#" <span class="note">({})</span>"#, escape(n))).unwrap_or_default()
        );
    }
    let _ = write!(h, r#"</ul><p class="guidance">{}</p>"#, escape(&ui_with("source", &[&f.guidance])));
    if let Some(x) = view.explained.get(&f.id) {
        let _ = write!(
            h,
            r#"<p class="explained" data-explained="{}">{} {}</p>"#,
            escape(&f.id),
            escape(&ui_with("explainedBy", &[&x.by, &date_time(x.at), &x.reason])),
            escape(&ui(if f.severity == Severity::Critical { "explainedStillCounted" } else { "explainedNotCounted" }))
        );
    } else if let Some(first) = view.keys.first() {
        let _ = write!(
            h,
            r#"<details class="explain-form"><summary>{mark}</summary><label>{what} <textarea rows="2" data-reason-for="{id}"></textarea></label> <button type="button" class="small" data-action="explain" data-finding="{id}" data-key="{key}">{save}</button></details>"#,
            id = escape(&f.id),
            key = escape(first),
            mark = escape(&ui("markExplained")),
            what = escape(&ui("whatExplains")),
            save = escape(&ui("saveExplanation"))
        );
    }
    h.push_str("</li>");
    h
}

/// Findings grouped by severity, worst first.
fn findings_html(view: &CaseView) -> String {
    let mut h = format!(r#"<h2>{}</h2>"#, escape(&ui_with("findingsHeading", &[&view.findings.len().to_string()])));
    for sev in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info] {
        let group: Vec<&Finding> = view.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = write!(
            h,
            r#"<ul class="findings" aria-label="{}">"#,
            escape(&ui_with("severityGroup", &[&level_label(sev.as_str())]))
        );
        for f in group {
            h.push_str(&finding_html(f, view));
        }
        h.push_str("</ul>");
    }
    h
}

/// Level, score and why.
fn risk_html(view: &CaseView) -> String {
    let mut h = format!(
        r#"<section class="risk level-{lvl}" aria-label="{risk}"><span class="level">{label}</span> <span class="score">{score}/100</span></section>"#,
        lvl = view.risk.level.as_str(),
        label = escape(&level_label(view.risk.level.as_str())),
        score = view.risk.score,
        risk = escape(&ui("risk"))
    );
    if !view.risk.reasons.is_empty() {
        let _ = write!(h, r#"<p class="why">{}</p>"#, escape(&ui_with("whyScore", &[&view.risk.reasons.join("; ")])));
    }
    for n in &view.notices {
        let _ = write!(h, r#"<p class="notice" role="status">{}</p>"#, escape(n));
    }
    h
}

/// The panel body for one page's case.
pub fn panel_html(view: &CaseView) -> String {
    let mut h = risk_html(view);
    h.push_str(&verdict_html(view));
    if let Some(at) = view.profiles.iter().position(|p| Some(p.url.as_str()) == view.this_url.as_deref()) {
        let this = &view.profiles[at];
        for line in read_notes(this).iter().filter(|(missing, _)| *missing) {
            let _ = write!(h, r#"<p class="notice partial" role="status">{}</p>"#, escape(&line.1));
        }
        if let Some(key) = view.keys.get(at) {
            h.push_str(&enter_field_html(key));
        }
    }
    if let Some(first) = view.keys.first() {
        let _ = write!(
            h,
            r#"<p class="actions"><button type="button" class="small" data-action="dossier" data-key="{}">{}</button></p>"#,
            escape(first),
            escape(&ui("openDossier"))
        );
    }
    h.push_str(&profiles_html(view));
    h.push_str(&github_html(view));
    h.push_str(&connections_and_findings_html(view));
    h.push_str(&notes_html(view));
    h
}

/// Each GitHub account's fetched history: dates, counts, and the commit
/// hours drawn as 24 bars (UTC), with when it was fetched and is kept to.
pub(crate) fn github_html(view: &CaseView) -> String {
    let mut h = String::new();
    for (p, g) in view.profiles.iter().filter_map(|p| p.github.as_ref().map(|g| (p, g))) {
        let most = g.hours.iter().copied().max().unwrap_or(0).max(1);
        let bars: String = g
            .hours
            .iter()
            .enumerate()
            .map(|(hour, &n)| {
                let height = (36 * n).div_ceil(most);
                format!(
                    r#"<rect x="{}" y="{}" width="8" height="{height}"><title>{hour:02}:00 UTC: {n}</title></rect>"#,
                    hour * 10,
                    40 - height
                )
            })
            .collect();
        let offsets: Vec<String> = g
            .offsets
            .iter()
            .map(|o| format!("UTC{}{}:{:02}", if *o < 0 { '-' } else { '+' }, o.abs() / 60, o.abs() % 60))
            .collect();
        let _ = write!(
            h,
            r#"<section class="github-history" data-github="{login}"><h3>{title}</h3><p>{facts}</p><svg class="hours" viewBox="0 0 240 40" width="240" height="40" role="img" aria-label="{chart}">{bars}</svg><p class="small">{hours}{offsets}</p><p class="small">{fetched}</p></section>"#,
            login = escape(&g.login),
            title = escape(&ui_with("githubHistoryTitle", &[&g.login])),
            facts = escape(&ui_with(
                "githubHistoryFacts",
                &[&g.created, g.first_commit.as_deref().unwrap_or("—"), &g.commits.to_string()]
            )),
            chart = escape(&ui("githubHistoryChart")),
            hours = escape(&ui("githubHistoryHours")),
            offsets = if offsets.is_empty() { String::new() } else { format!(" · {}", escape(&offsets.join(", "))) },
            fetched = escape(&ui_with("githubHistoryFetched", &[&g.fetched, &g.kept_until, &p.url])),
        );
    }
    h
}

/// The persona graph (when connected to anyone) and the findings, or the
/// all-clear: the same in the panel and the dossier.
fn connections_and_findings_html(view: &CaseView) -> String {
    let mut h = view.graph.as_ref().map(graph_html).unwrap_or_default();
    if view.findings.is_empty() {
        let _ = write!(h, r#"<p class="clean">{}</p>"#, escape(&ui("noInconsistencies")));
    } else {
        h.push_str(&findings_html(view));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Profile, Site, Sourced};
    use crate::score::risk;

    #[test]
    fn hostile_values_render_as_inert_text() {
        let mut p = Profile::empty("https://github.com/evil", Site::Github);
        p.name = Some(Sourced::new("<img src=x onerror=alert(1)>\u{202E}", "t"));
        p.links.push(Sourced::new("javascript:alert(1)", "t"));
        let analysis = crate::analysis::Analysis { risk: risk(&[]), findings: vec![] };
        let view = CaseView::unstored(Some(p.url.clone()), vec![ProfileSummary::from(&p)], analysis);
        let html = panel_html(&view);
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;[U+202E]"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn quotations_are_in_quotation_marks_and_vetters_summaries_are_not() {
        let p = Profile::empty("https://www.upwork.com/freelancers/~01a", Site::Upwork);
        let evidence = |value: &str, composed| crate::rules::Evidence {
            profile: p.url.clone(),
            field: "reviews".into(),
            value: value.into(),
            note: None,
            composed,
        };
        let finding = crate::rules::Finding {
            id: "RATING_ANOMALY".into(),
            severity: crate::rules::Severity::Low,
            title: "t".into(),
            explanation: "e".into(),
            evidence: vec![evidence("Great work, fast!", false), evidence("5 of 6 reviews from one client", true)],
            guidance: "g".into(),
        };
        let analysis =
            crate::analysis::Analysis { risk: risk(std::slice::from_ref(&finding)), findings: vec![finding] };
        let html = panel_html(&CaseView::unstored(Some(p.url.clone()), vec![ProfileSummary::from(&p)], analysis));
        assert!(html.contains(r#"<q dir="auto">Great work, fast!</q>"#), "{html}");
        assert!(html.contains(r#"<span dir="auto">5 of 6 reviews from one client</span>"#), "{html}");
    }

    #[test]
    fn a_github_history_is_shown_with_its_hours_and_dates() {
        let mut p = Profile::empty("https://github.com/a<b", Site::Github);
        p.github = Some(crate::github::History {
            login: "a<b".into(),
            created: 1_600_000_000,
            fetched: 1_796_083_200,
            commits: vec![crate::github::Commit {
                date: 1_700_000_000 + 3 * 3600,
                author_login: Some("a<b".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        let analysis = crate::analysis::Analysis { risk: risk(&[]), findings: vec![] };
        let html = panel_html(&CaseView::unstored(Some(p.url.clone()), vec![ProfileSummary::from(&p)], analysis));
        assert!(html.contains(r#"data-github="a&lt;b""#), "{html}");
        assert_eq!(html.matches("<rect ").count(), 24);
        assert!(html.contains("2020-09-13") && html.contains("2026-12-01") && html.contains("2026-12-08"), "{html}");
        assert!(!html.contains("<b"));
    }

    #[test]
    fn only_http_addresses_become_links() {
        assert_eq!(link("javascript:alert(1)", "x"), "x");
        assert!(link("https://github.com/a", "a").starts_with("<a href=\"https://github.com/a\""));
    }
}
