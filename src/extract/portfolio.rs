//! Content metrics of a personal or portfolio site, for `SIMPLE_PORTFOLIO`:
//! how much there is, how many projects and whether they link anywhere,
//! which builder or template made it, and leftover placeholder text.

use super::selector;
use crate::model::PortfolioMetrics;
use crate::sites;
use scraper::{ElementRef, Html};

/// Project items, most specific first; the first selector that matches wins.
const PROJECT_ITEMS: &[&str] = &[
    "article.project",
    ".project-card",
    ".portfolio-item",
    ".work-item",
    ".case-study",
    "article.case",
    ".h-entry",
    "#projects article",
    "#projects li",
    "#work article",
    ".project",
];

/// Site builders and how their pages give them away (besides `meta generator`).
const BUILDER_MARKS: &[(&str, &str)] = &[
    ("html[data-wf-site]", "Webflow"),
    ("[data-wix-id], #SITE_CONTAINER", "Wix"),
    ("body.squarespace-damask, [data-squarespace-cacheversion]", "Squarespace"),
    (".carrd, #wrapper > #main > .inner", "Carrd"),
    ("link[href*=\"wp-content\"], script[src*=\"wp-includes\"]", "WordPress"),
];

/// Text that only a template leaves behind.
const PLACEHOLDERS: &[&str] = &[
    "lorem ipsum",
    "dolor sit amet",
    "your name here",
    "project title",
    "company name here",
    "[your name]",
    "insert text",
];

pub fn measure(doc: &Html, body: ElementRef<'_>, body_text: &str, url: &str) -> PortfolioMetrics {
    let own_host = sites::parse(url).map(|a| a.host).unwrap_or_default();
    let items: Vec<ElementRef<'_>> = PROJECT_ITEMS
        .iter()
        .map(|css| body.select(selector(css)).collect::<Vec<_>>())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let links_out = |item: &ElementRef<'_>| {
        item.select(selector("a[href]")).any(|a| {
            a.value()
                .attr("href")
                .and_then(|h| sites::resolve(url, h))
                .and_then(|abs| sites::parse(&abs))
                .is_some_and(|addr| addr.host != own_host)
        })
    };
    let generator = doc
        .select(selector(r#"meta[name="generator" i]"#))
        .find_map(|m| m.value().attr("content"))
        .map(|g| crate::text::clean(g, 80))
        .filter(|g| !g.is_empty())
        .or_else(|| {
            BUILDER_MARKS
                .iter()
                .find(|(css, _)| doc.select(selector(css)).next().is_some())
                .map(|(_, name)| (*name).to_string())
        });
    let lower = body_text.to_lowercase();
    PortfolioMetrics {
        words: body_text.split_whitespace().count().min(u32::MAX as usize) as u32,
        projects: items.len() as u32,
        project_links: items.iter().filter(|i| links_out(i)).count() as u32,
        generator,
        placeholders: PLACEHOLDERS.iter().filter(|p| lower.contains(*p)).map(|p| (*p).to_string()).collect(),
    }
}
