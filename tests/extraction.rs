//! Every fixture page in `tests/fixtures/pages/` is extracted and compared,
//! field by field, with the `.expected.json` beside it (format:
//! `tests/fixtures/EXPECTED-FORMAT.md`).

use serde_json::{json, Map, Value};
use std::path::Path;
use vetter::model::{PageKind, Profile, Sourced};

fn project(p: &Profile) -> Value {
    let v = |s: &Option<Sourced>| s.as_ref().map(|s| s.value.clone());
    let list = |l: &[Sourced]| l.iter().map(|s| s.value.clone()).collect::<Vec<_>>();
    let mut links = list(&p.links);
    links.sort();
    let first40 = |s: &str| s.chars().take(40).collect::<String>();
    json!({
        "url": p.url,
        "site": p.site,
        "kind": match p.kind { PageKind::Profile => "profile", PageKind::Thread => "thread", PageKind::None => "none" },
        "unread": p.unread.map(|u| u.key()),
        "name": v(&p.name),
        "handle": v(&p.handle),
        "headline": v(&p.headline),
        "location": v(&p.location),
        "country": p.country,
        "time_zone": v(&p.time_zone),
        "languages": list(&p.languages),
        "emails": list(&p.emails),
        "phones": list(&p.phones),
        "links": links,
        "photo": v(&p.photo),
        "work": p.work.iter().map(|j| json!({"employer": j.employer, "title": j.title, "start": j.start, "end": j.end})).collect::<Vec<_>>(),
        "education": p.education.iter().map(|e| json!({"school": e.school, "degree": e.degree, "start": e.start, "end": e.end})).collect::<Vec<_>>(),
        "skills": p.skills,
        "member_since": v(&p.member_since),
        "reviews": p.reviews.iter().map(|r| json!({"reviewer": r.reviewer, "date": r.date, "rating": r.rating})).collect::<Vec<_>>(),
        "stats": p.stats.iter().map(|(k, s)| (k.clone(), json!(s.value))).collect::<Map<_, _>>(),
        "bio_starts_with": p.bio.as_ref().map(|b| first40(&b.value)),
        "messages": p.messages.iter().map(|m| json!({"author": m.author, "text_starts_with": first40(&m.text)})).collect::<Vec<_>>(),
        "portfolio": p.portfolio.as_ref().map(|m| json!({
            "projects": m.projects, "project_links": m.project_links, "generator": m.generator,
            "placeholder": !m.placeholders.is_empty()
        })),
    })
}

/// Does `got` match `want`? Numbers compare by value (41 == 41.0); an
/// object may hold keys the expectation omits only if they are null (a
/// review without a shown reviewer); everything else exactly.
fn same(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Number(x), Value::Number(y)) => (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9,
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            y.iter().all(|(k, w)| x.get(k).is_some_and(|v| same(v, w)))
                && x.iter().all(|(k, v)| y.contains_key(k) || v.is_null())
        }
        _ => got == want,
    }
}

fn check(page: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(page).unwrap();
    let Ok(expected) = std::fs::read_to_string(page.with_extension("expected.json")) else {
        return vec![format!("{}: no .expected.json beside it", page.display())];
    };
    let expected: Value = serde_json::from_str(&expected).unwrap();
    let got = match vetter::extract::extract(None, &html) {
        Ok(p) => project(&p),
        Err(e) => return vec![format!("{}: {e}", page.display())],
    };
    let mut diffs = Vec::new();
    for (key, want) in expected.as_object().expect("expected is an object") {
        let have = &got[key];
        if !same(have, want) {
            diffs.push(format!("{} `{key}`:\n    got      {have}\n    expected {want}", page.display()));
        }
    }
    diffs
}

#[test]
fn every_fixture_page_extracts_as_expected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut dirs: Vec<_> =
        std::fs::read_dir(&root).unwrap().map(|d| d.unwrap().path()).filter(|d| d.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|f| f.unwrap().path()).collect();
        files.sort();
        for file in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "html")) {
            count += 1;
            failures.extend(check(&file));
        }
    }
    assert!(count >= 10, "expected at least 10 fixture pages, found {count}");
    assert!(failures.is_empty(), "{} differences over {count} pages:\n{}", failures.len(), failures.join("\n"));
}
