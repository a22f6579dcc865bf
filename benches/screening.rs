//! Screening speed (`cargo bench --bench screening`): one profile's 20
//! names and organisations against a list of 40,000 names, through the
//! index and by brute force over every name.

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

criterion_group!(benches, bench);
criterion_main!(benches);
