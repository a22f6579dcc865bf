//! Core timings: analysing one case, and extracting a profile page.
//! Run with `cargo bench --bench analysis`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vetter::analysis::analyse;
use vetter::model::{Profile, Site, Sourced};

fn case(n: usize) -> Vec<Profile> {
    let names = [
        "Daniel Kim",
        "Daniel K.",
        "Jin Park",
        "Kim Daniel",
        "Dan Kim",
    ];
    let places = [
        "Austin, TX",
        "Austin, United States",
        "Warsaw, Poland",
        "Kyiv, Ukraine",
        "Seoul",
    ];
    (0..n)
        .map(|i| {
            let mut p = Profile::empty(format!("https://github.com/user{i}"), Site::Github);
            p.name = Some(Sourced::new(names[i % names.len()], "bench"));
            p.location = Some(Sourced::new(places[i % places.len()], "bench"));
            p
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let ten = case(10);
    c.bench_function("analyse case of 10 profiles", |b| {
        b.iter(|| analyse(black_box(&ten), &[]))
    });
    let page = format!(
        "<!-- saved from url=(0027)https://github.com/someone -->\n<html><body>{}<span class=\"p-name vcard-fullname\">Jane Doe</span><li itemprop=\"homeLocation\">Lyon, France</li></body></html>",
        "<div class=\"repo\"><a href=\"/someone/repo\">repo</a><p>description of a repository</p></div>".repeat(2_000)
    );
    c.bench_function("extract 200 KB GitHub page", |b| {
        b.iter(|| vetter::extract::extract(None, black_box(&page)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
