//! Every fixture page in `tests/fixtures/pages/` is extracted and compared,
//! field by field, with the `.expected.json` beside it.

use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize, PartialEq)]
struct Expected {
    url: String,
    site: vetter::model::Site,
    name: Option<String>,
    handle: Option<String>,
    headline: Option<String>,
    location: Option<String>,
    links: Vec<String>,
    emails: Vec<String>,
}

fn check(page: &Path) -> Result<(), String> {
    let html = std::fs::read_to_string(page).unwrap();
    let expected: Expected = serde_json::from_str(
        &std::fs::read_to_string(page.with_extension("expected.json")).unwrap(),
    )
    .unwrap();
    let p = vetter::extract::extract(None, &html).map_err(|e| e.to_string())?;
    let v = |s: &Option<vetter::model::Sourced>| s.as_ref().map(|s| s.value.clone());
    let mut links: Vec<String> = p.links.iter().map(|l| l.value.clone()).collect();
    links.sort();
    let got = Expected {
        url: p.url.clone(),
        site: p.site,
        name: v(&p.name),
        handle: v(&p.handle),
        headline: v(&p.headline),
        location: v(&p.location),
        links,
        emails: p.emails.iter().map(|e| e.value.clone()).collect(),
    };
    if got == expected {
        Ok(())
    } else {
        Err(format!(
            "{}:\n  got      {got:?}\n  expected {expected:?}",
            page.display()
        ))
    }
}

#[test]
fn every_fixture_page_extracts_as_expected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut failures = Vec::new();
    let mut count = 0;
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "html") {
                count += 1;
                if let Err(e) = check(&file) {
                    failures.push(e);
                }
            }
        }
    }
    assert!(
        count >= 10,
        "expected at least 10 fixture pages, found {count}"
    );
    assert!(
        failures.is_empty(),
        "{} of {count} pages differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
