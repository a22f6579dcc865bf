//! The panel's HTML, rendered from a [`CaseView`].
//!
//! Every value read from a page is escaped here, and bidi controls are made
//! visible, so a hostile name shows as the text it is. Only http(s)
//! addresses become links. The extension page that shows this HTML also
//! forbids inline script by CSP: escaping is the first wall, not the only.

use crate::analysis::{CaseView, ProfileSummary};
use crate::model::PageKind;
use crate::rules::{Finding, Severity};
use crate::sites;
use crate::text::is_bidi_control;
use std::fmt::Write;

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
    let who = if p.kind == PageKind::Thread {
        let plural = if p.messages == 1 { "" } else { "s" };
        thread_label = format!(
            "{} message{plural}{}",
            p.messages,
            p.name.as_deref().map(|n| format!(" with {n}")).unwrap_or_default()
        );
        thread_label.as_str()
    } else {
        p.name.as_deref().or(p.handle.as_deref()).unwrap_or("(no name shown)")
    };
    let mut line =
        format!(r#"<li class="profile"><span class="site">{}</span> {}"#, escape(p.site_label()), link(&p.url, who));
    if let Some(loc) = &p.location {
        let _ = write!(line, r#" <span class="loc">· {}</span>"#, escape(loc));
    }
    if this_url == Some(p.url.as_str()) {
        line.push_str(r#" <span class="this">(this page)</span>"#);
    }
    line.push_str("</li>");
    line
}

impl ProfileSummary {
    fn site_label(&self) -> &'static str {
        self.site.label()
    }
}

fn finding_html(f: &Finding, profiles: &[ProfileSummary]) -> String {
    let mut h = format!(
        r#"<li class="finding sev-{sev}" data-flag="{id}"><div class="f-head"><span class="sev">{sev}</span> <strong>{title}</strong> <code>{id}</code></div><p class="explain">{expl}</p><ul class="evidence">"#,
        sev = f.severity.as_str(),
        id = escape(&f.id),
        title = escape(&f.title),
        expl = escape(&f.explanation)
    );
    for e in &f.evidence {
        let site = profiles.iter().find(|p| p.url == e.profile).map_or("Page", |p| p.site_label());
        let _ = write!(
            h,
            r#"<li>{} <span class="field">{}</span>: <q>{}</q>{}</li>"#,
            link(&e.profile, site),
            escape(&e.field),
            escape(&e.value),
            e.note.as_deref().map(|n| format!(r#" <span class="note">({})</span>"#, escape(n))).unwrap_or_default()
        );
    }
    let _ = write!(h, r#"</ul><p class="guidance">Source: {}</p></li>"#, escape(&f.guidance));
    h
}

/// The panel body for one page's case.
pub fn panel_html(view: &CaseView) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<section class="risk level-{lvl}" aria-label="Risk"><span class="level">{lvl}</span> <span class="score">{score}/100</span></section>"#,
        lvl = view.risk.level.as_str(),
        score = view.risk.score
    );
    if !view.risk.reasons.is_empty() {
        let _ = write!(
            h,
            r#"<p class="why">Why this score: {}. Independent findings add up; only a sanctions or known-persona match is critical.</p>"#,
            escape(&view.risk.reasons.join("; "))
        );
    }
    for n in &view.notices {
        let _ = write!(h, r#"<p class="notice" role="status">{}</p>"#, escape(n));
    }
    if let Some(this) = view.profiles.iter().find(|p| Some(p.url.as_str()) == view.this_url.as_deref()) {
        if !this.missing.is_empty() {
            let _ = write!(
                h,
                r#"<p class="notice partial" role="status">Could not read this page fully: no {} found.</p>"#,
                escape(&this.missing.join(", "))
            );
        }
    }
    let _ = write!(h, r#"<h2>Profiles in this case ({})</h2><ul class="profiles">"#, view.profiles.len());
    for p in &view.profiles {
        h.push_str(&profile_line(p, view.this_url.as_deref()));
    }
    h.push_str("</ul>");
    if view.findings.is_empty() {
        h.push_str(r#"<p class="clean">No inconsistencies found between the profiles seen so far.</p>"#);
        return h;
    }
    let _ = write!(h, r#"<h2>Findings ({})</h2>"#, view.findings.len());
    for sev in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info] {
        let group: Vec<&Finding> = view.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = write!(h, r#"<ul class="findings" aria-label="{} findings">"#, sev.as_str());
        for f in group {
            h.push_str(&finding_html(f, &view.profiles));
        }
        h.push_str("</ul>");
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
        let view = CaseView {
            this_url: Some(p.url.clone()),
            profiles: vec![ProfileSummary::from(&p)],
            risk: risk(&[]),
            findings: vec![],
            notices: vec![],
        };
        let html = panel_html(&view);
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;[U+202E]"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn only_http_addresses_become_links() {
        assert_eq!(link("javascript:alert(1)", "x"), "x");
        assert!(link("https://github.com/a", "a").starts_with("<a href=\"https://github.com/a\""));
    }
}
