//! Screening speed (`cargo bench --bench screening`): one profile's 20
//! names and organisations against a list of 40,000 names, through the
//! index and by brute force over every name; and loading lists, by indexing
//! their entries and from their compiled bytes (what the CLI's cache and
//! the extension keep), on the same list and, once `cargo xtask setup` has
//! prepared it, on OFAC's SDN list of 7 May 2024.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vetter::screening::{Entry, EntryKind, List, Lists};

/// 40,000 listed names (20,000 entries with one alias each) from about
/// 2,000 distinct name parts (syllable pairs), a spread like the SDN list's;
/// a few real-looking names are mixed in.
fn big_list() -> Lists {
    let syllables = [
        "kim", "pak", "ri", "cho", "jong", "kang", "yun", "wang", "li", "zhang", "iv", "an", "pet", "rov", "smi",
        "gar", "ng", "has", "san", "mul", "ros", "chol", "min", "su", "hyok", "un", "song", "il", "nam", "wei", "fang",
        "ol", "eg", "jo", "mar", "ia", "duc", "ah", "med", "raj", "hans", "lu", "ca", "jin", "ho", "yong",
    ];
    let part = |i: usize| {
        format!("{}{}", syllables[i % syllables.len()], syllables[(i / syllables.len()) % syllables.len()])
            .to_uppercase()
    };
    let mut entries = Vec::new();
    for n in 0..20_000usize {
        let (f, g1, g2) = (part(n * 7 + 3), part(n * 13 + 5), part(n * 17 + 11));
        let (kind, name) = if n % 5 == 0 {
            (EntryKind::Entity, format!("{f} {g1} TRADING CORPORATION"))
        } else {
            (EntryKind::Person, format!("{f}, {g1} {g2}"))
        };
        entries.push(Entry {
            id: format!("x{n}"),
            kind,
            aliases: vec![format!("{g1} {g2} {f}")],
            name,
            programs: vec!["BENCH".into()],
            designated: None,
            country: None,
            source: "synthetic".into(),
            marks: Default::default(),
        });
    }
    entries.extend(vetter::screening::builtin().entries);
    Lists::new(vec![List {
        name: "bench".into(),
        origin: "synthetic".into(),
        dated: None,
        entries,
        indicators: vec![],
    }])
}

fn bench(c: &mut Criterion) {
    let lists = big_list();
    assert!(lists.index.len() >= 40_000, "{} names", lists.index.len());
    let queries: Vec<(String, EntryKind)> = [
        "Daniel Kim",
        "Kim Chol Min",
        "Jin-woo Park",
        "Maria Garcia",
        "Olena Bondarenko",
        "Wang Wei",
        "Oleg Petrov",
        "Nguyen Van Duc",
        "Ahmed Hassan",
        "Song Kum Hyok",
    ]
    .iter()
    .map(|n| (n.to_string(), EntryKind::Person))
    .chain(
        [
            "Rustacean Labs",
            "Google LLC",
            "Korea Sobaeksu Trading Company",
            "Epam Systems",
            "Kim Chol Trading Corporation",
            "Acme Inc",
            "Carpathia Payments",
            "Tidepool Analytics",
            "Fortuna Games Studio",
            "Northbeam Payments",
        ]
        .iter()
        .map(|n| (n.to_string(), EntryKind::Entity)),
    )
    .collect();
    // The index must find what scoring every name finds.
    for (q, k) in &queries {
        let fast: Vec<_> = lists.index.search(q, *k).into_iter().map(|h| h.owner).collect();
        let slow: Vec<_> = lists.index.search_brute_force(q, *k).into_iter().map(|h| h.owner).collect();
        assert_eq!(fast, slow, "{q}");
    }
    let mut group = c.benchmark_group("screen 20 names against 40,000");
    group.bench_function("index", |b| {
        b.iter(|| queries.iter().map(|(q, k)| lists.index.search(black_box(q), *k).len()).sum::<usize>())
    });
    group.sample_size(10);
    group.bench_function("brute force Jaro-Winkler", |b| {
        b.iter(|| queries.iter().map(|(q, k)| lists.index.search_brute_force(black_box(q), *k).len()).sum::<usize>())
    });
    group.finish();
}

/// The SDN entries prepared for the external benchmark, if present.
fn real_sdn() -> Option<List> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/suites/screening/data.json");
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let names = |v: &serde_json::Value| -> Vec<String> {
        v.as_array().into_iter().flatten().filter_map(|a| a["name"].as_str().map(str::to_string)).collect()
    };
    let entries = data["sdn"]
        .as_array()?
        .iter()
        .map(|e| Entry {
            id: e["uid"].as_str().unwrap_or_default().to_string(),
            kind: if e["type"] == "Individual" { EntryKind::Person } else { EntryKind::Entity },
            name: e["name"].as_str().unwrap_or_default().to_string(),
            aliases: names(&e["aliases"]),
            programs: vec![],
            designated: None,
            country: None,
            source: "OFAC SDN 2024-05-07".into(),
            marks: Default::default(),
        })
        .collect();
    Some(List { name: "SDN".into(), origin: "SDN.CSV".into(), dated: None, entries, indicators: vec![] })
}

fn loading(c: &mut Criterion) {
    let synthetic = big_list().lists;
    let mut group = c.benchmark_group("load lists");
    group.sample_size(10);
    let sets = std::iter::once(("40,000 synthetic names", synthetic))
        .chain(real_sdn().map(|sdn| ("OFAC SDN 2024-05-07", vec![vetter::screening::builtin(), sdn])));
    for (label, lists) in sets {
        let bytes = Lists::new(lists.clone()).to_bytes(1);
        group
            .bench_function(format!("{label}: index the entries"), |b| b.iter(|| Lists::new(black_box(lists.clone()))));
        group.bench_function(format!("{label}: from compiled bytes"), |b| {
            b.iter(|| Lists::from_bytes(black_box(&bytes), 1).expect("loads"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, loading);
criterion_main!(benches);
