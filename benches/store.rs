//! The case store at scale (`cargo bench --bench store`): with 100,000
//! stored profiles, add one and ask for its template and photo neighbours,
//! through the store's indexes (MinHash/LSH for texts; photos are compared
//! with every stored photo, coarsely first) and by a naive scan comparing it
//! with every stored profile. Prints the memory the store takes per
//! profile, and the speed-up. Also: a photo's signature (the target
//! is under 2 ms natively) and one photo compared with 1,000 stored. And
//! agency mode: 10,000 team records checked and indexed (a fresh browser's
//! first sync, without the network), and one case looked up among them,
//! its photo compared with every shared photo (generated portraits, and
//! pictures of one gradient as the worst case).

#[path = "../tests/photo_eval/portraits.rs"]
mod portraits;
#[path = "../tests/photo_eval/real.rs"]
mod real;

use criterion::{criterion_group, criterion_main, Criterion};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;
use vetter::model::{Profile, Site, Sourced};
use vetter::reuse::photo::{signature_rgba, similarity, PhotoSignature, PreparedPhoto, SAME_PHOTO};
use vetter::reuse::text;
use vetter::rules::reuse::candidate_texts;
use vetter::store::Store;

/// Counts live heap bytes, to report memory per stored profile.
struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const PROFILES: usize = 100_000;

/// A deterministic pseudo-random stream.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A vocabulary of 4,000 made-up words, so that random bios share few phrases.
fn words() -> Vec<String> {
    let syllables = ["ka", "lo", "mi", "ne", "tu", "ra", "si", "po", "de", "an", "el", "or", "us", "ti", "ba", "go"];
    (0..4_000)
        .map(|i| format!("{}{}{}", syllables[i % 16], syllables[(i / 16) % 16], syllables[(i / 256) % 16]))
        .collect()
}

fn bio(rng: &mut Rng, vocab: &[String], n: usize) -> String {
    (0..n).map(|_| vocab[(rng.next() % vocab.len() as u64) as usize].as_str()).collect::<Vec<_>>().join(" ")
}

fn profile(i: usize, bio_text: String) -> Profile {
    let mut p = Profile::empty(format!("https://github.com/user{i}x"), Site::Github);
    p.name = Some(Sourced::new(format!("Person{i} Surname{}", i % 977), "bench"));
    p.location = Some(Sourced::new("Austin, Texas", "bench"));
    p.photo = Some(Sourced::new(format!("https://avatars.example/{i}.jpg"), "bench"));
    p.bio = Some(Sourced::new(bio_text, "bench"));
    p
}

/// A picture of `side × side` pixels: a gradient with patches of colour, so
/// that pictures of different seeds differ in light, shade and detail.
fn picture(rng: &mut Rng, side: u32) -> Vec<u8> {
    let patches: Vec<u64> = (0..64).map(|_| rng.next()).collect();
    (0..side * side)
        .flat_map(|i| {
            let (x, y) = (i % side, i / side);
            let p = patches[((y * 8 / side) * 8 + x * 8 / side) as usize];
            let v = (x * 120 / side + y * 60 / side) as u64 + p % 96;
            [v as u8, (v as u8).wrapping_add((p >> 8) as u8 % 40), (p >> 16) as u8, 255]
        })
        .collect()
}

fn random_photo(rng: &mut Rng) -> PhotoSignature {
    signature_rgba(48, 48, &picture(rng, 48)).expect("a photo")
}

fn bench(c: &mut Criterion) {
    let vocab = words();
    let mut rng = Rng(42);
    let template = bio(&mut rng, &vocab, 70);
    let shared_photo = random_photo(&mut rng);
    let before = LIVE.load(Ordering::Relaxed);
    let started = Instant::now();
    let mut store = Store::new();
    for i in 0..PROFILES {
        // One profile in a thousand reuses the template; two share the photo
        // (a picture on many profiles is taken for a default avatar).
        let text = if i % 1_000 == 7 { format!("{template} thanks{i}") } else { bio(&mut rng, &vocab, 60) };
        let key = store.ingest(profile(i, text), 1).expect("stored");
        let photo = if i == 12_345 || i == 67_890 { shared_photo.clone() } else { random_photo(&mut rng) };
        store.set_photo_signature(&key, &format!("https://avatars.example/{i}.jpg"), &photo);
    }
    store.take_changes();
    let bytes = LIVE.load(Ordering::Relaxed) - before;
    println!(
        "store: {PROFILES} profiles built in {:.1} s; {:.1} KB of memory per stored profile (profile, records' indexes, MinHash/LSH, photo index)",
        started.elapsed().as_secs_f64(),
        bytes as f64 / PROFILES as f64 / 1024.0
    );

    let newcomer = profile(PROFILES + 1, template.clone());
    let newcomer_photo = newcomer.photo.as_ref().unwrap().value.clone();
    let mut group = c.benchmark_group("store_100k");
    group.sample_size(30);
    group.sample_size(10);
    group.bench_function("add_profile_and_query_template_and_photo_neighbours", |b| {
        b.iter(|| {
            let key = store.ingest(black_box(newcomer.clone()), 2).unwrap();
            store.set_photo_signature(&key, &newcomer_photo, &shared_photo);
            black_box(store.reuse_findings_of(std::slice::from_ref(&key)))
        })
    });
    let found = {
        let t0 = Instant::now();
        let key = store.ingest(newcomer.clone(), 2).unwrap();
        let t1 = Instant::now();
        store.set_photo_signature(&key, &newcomer_photo, &shared_photo);
        let t2 = Instant::now();
        let f = store.reuse_findings_of(std::slice::from_ref(&key));
        println!("one add+query: ingest {:?}, photo hash {:?}, neighbours {:?}", t1 - t0, t2 - t1, t2.elapsed());
        f
    };
    let ids: Vec<&str> = found.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["TEMPLATE_REUSE", "PHOTO_REUSE"], "the indexed query finds the planted neighbours: {found:#?}");
    // The naive way: compare the newcomer with every stored profile.
    let stored: Vec<(Profile, Option<PreparedPhoto>)> = store
        .keys()
        .map(|k| {
            let s = store.get(k).unwrap();
            let photo = s.photo.as_ref().and_then(|p| p.hash.as_deref()).and_then(PhotoSignature::from_text);
            (s.profile.clone(), photo.map(PreparedPhoto::new))
        })
        .collect();
    let newcomer_prepared = PreparedPhoto::new(shared_photo.clone());
    let naive = || {
        let mine = candidate_texts(&newcomer);
        let mut hits = 0usize;
        for (other, hash) in &stored {
            for (_, a) in &mine {
                for (_, b) in candidate_texts(other) {
                    hits += usize::from(text::compare(a, &b, &|_| false).is_some());
                }
            }
            let alike = |p: &PreparedPhoto| similarity(&newcomer_prepared, p).is_some_and(|s| s >= SAME_PHOTO);
            hits += usize::from(hash.as_ref().is_some_and(alike));
        }
        hits
    };
    group.sample_size(10);
    group.bench_function("naive_scan_of_every_stored_profile", |b| b.iter(|| black_box(naive())));
    group.finish();
    // The ratio, from the same run: medians of a few timed repetitions.
    let median = |f: &mut dyn FnMut(), runs: usize| {
        let mut t: Vec<f64> = (0..runs)
            .map(|_| {
                let s = Instant::now();
                f();
                s.elapsed().as_secs_f64()
            })
            .collect();
        t.sort_by(f64::total_cmp);
        t[runs / 2]
    };
    let indexed = median(
        &mut || {
            let key = store.ingest(newcomer.clone(), 2).unwrap();
            store.set_photo_signature(&key, &newcomer_photo, &shared_photo);
            black_box(store.reuse_findings_of(std::slice::from_ref(&key)));
        },
        51,
    );
    let scanned = median(
        &mut || {
            black_box(naive());
        },
        3,
    );
    println!(
        "indexed add+query {:.2} ms, naive scan {:.0} ms: {:.0}x faster",
        indexed * 1e3,
        scanned * 1e3,
        scanned / indexed
    );
}

/// A photo's signature from its pixels (256 × 256, the size the extension
/// decodes to), and one photo compared with 1,000 stored ones.
fn photos(c: &mut Criterion) {
    let mut rng = Rng(7);
    let pixels = picture(&mut rng, 256);
    let mut group = c.benchmark_group("photo");
    group.bench_function("signature_of_a_256px_photo", |b| {
        b.iter(|| black_box(signature_rgba(256, 256, black_box(&pixels)).unwrap()))
    });
    let mut index = vetter::reuse::photo::PhotoIndex::default();
    for i in 0..1_000u32 {
        index.insert(i, random_photo(&mut rng));
    }
    index.insert(u32::MAX, signature_rgba(256, 256, &pixels).unwrap());
    group.bench_function("compare_one_photo_with_1000_stored", |b| b.iter(|| black_box(index.same_picture(&u32::MAX))));
    group.finish();
}

/// A generated portrait's signature (head, hair, clothing, backdrop; the
/// photo evaluation's generator), 64 × 80 pixels; the next seed's where
/// one comes out too plain to be taken as a photo.
fn portrait_photo(seed: u64) -> PhotoSignature {
    (seed..)
        .step_by(1_000_000)
        .find_map(|s| signature_rgba(64, 80, portraits::portrait(s, 64, 80).as_raw()).ok())
        .unwrap()
}

/// 10,000 variants of real portraits (the photo evaluation's CelebA faces
/// and studio headshots, `cargo xtask setup`), each cropped by 0-7.5 % per
/// side and every other one mirrored, and another portrait as the query;
/// `None` where the photos are not set up.
fn real_portrait_variants() -> Option<(Vec<PhotoSignature>, PhotoSignature)> {
    let mut pictures = Vec::new();
    for set in ["celeba", "headshots"] {
        pictures.extend(real::decoded_real_set(set, usize::MAX).ok()?.0);
    }
    let signature = |p: &image::RgbaImage| signature_rgba(p.width(), p.height(), p.as_raw()).ok();
    let query = signature(&pictures.pop()?)?;
    let mut variants = Vec::with_capacity(10_000);
    for round in 0u32.. {
        for picture in &pictures {
            variants.extend(signature(&real::cropped_variant(picture, round / 2 % 4, round / 8 % 4, round % 2 == 1)));
            if variants.len() == 10_000 {
                return Some((variants, query));
            }
        }
    }
    None
}

fn team(c: &mut Criterion) {
    use vetter::store::records::VerdictKind;
    use vetter::team::{TeamIndex, TeamKey, TeamRecord};
    let key = TeamKey::new("a team secret of some length").unwrap();
    let vocab = words();
    // 10,000 judged cases, each with a phone, an e-mail, a bio and a photo:
    // real portraits; generated portraits (one face template, the
    // evaluation's hardest set for false matches: thousands pass the first
    // passes); and, as the worst case for the photo lookup's first pass,
    // pictures that all share one light gradient.
    let mut group = c.benchmark_group("team");
    group.sample_size(10);
    let real = real_portrait_variants();
    if real.is_none() {
        println!("team lookup among real portraits skipped: run `cargo xtask setup` for the photos");
    }
    for pictures in ["real_portraits", "portraits", "one_gradient"] {
        if pictures == "real_portraits" && real.is_none() {
            continue;
        }
        let photo = |i: usize, rng: &mut Rng| match (pictures, &real) {
            ("real_portraits", Some((variants, query))) => variants.get(i).unwrap_or(query).clone(),
            ("portraits", _) => portrait_photo(i as u64),
            _ => random_photo(rng),
        };
        let mut rng = Rng(18);
        let mut store = Store::new();
        let mut records: Vec<String> = Vec::with_capacity(10_000);
        for i in 0..10_000 {
            let mut p = profile(i, bio(&mut rng, &vocab, 60));
            p.phones = vec![Sourced::new(format!("+1 470 55{:05}", i), "bench")];
            p.emails = vec![Sourced::new(format!("person{i}@example.com"), "bench")];
            p.photo = Some(Sourced::new(format!("https://photos.example/{i}.jpg"), "bench"));
            let k = store.ingest(p, 1).unwrap();
            store.set_photo_signature(&k, &format!("https://photos.example/{i}.jpg"), &photo(i, &mut rng));
            store.set_verdict(&k, VerdictKind::Fraudulent, "bench", "Ann", 2);
            let record = TeamRecord::of_case(&key, &store, &k, &["NAME_MISMATCH".to_string()], 3).unwrap();
            records.push(serde_json::to_string(&record).unwrap());
        }
        group.bench_function(format!("check_and_index_10000_team_records_{pictures}"), |b| {
            b.iter(|| {
                let mut index = TeamIndex::new(key.clone());
                for r in &records {
                    index.put(TeamRecord::checked(r, 4).unwrap());
                }
                black_box(index.len())
            })
        });
        let mut index = TeamIndex::new(key.clone());
        for r in &records {
            index.put(TeamRecord::checked(r, 4).unwrap());
        }
        // Another recruiter's candidate: case 1234's phone under another name.
        let mut other = Store::new();
        let mut p = profile(99_999, bio(&mut rng, &vocab, 60));
        p.phones = vec![Sourced::new("+1 470 5501234", "bench")];
        p.photo = Some(Sourced::new("https://photos.example/other.jpg", "bench"));
        let k = other.ingest(p, 1).unwrap();
        // Its photo, another picture, is compared with all 10,000 shared ones.
        other.set_photo_signature(&k, "https://photos.example/other.jpg", &photo(99_999, &mut rng));
        // The phone's record, and any record whose photo looks alike (the
        // generated portraits share one face template: see the README).
        let found = index.findings(&other, &k).len();
        assert!(found >= 1);
        println!("team lookup, {pictures}: {found} records found (one by its phone)");
        group.bench_function(format!("team_findings_of_one_case_among_10000_{pictures}"), |b| {
            b.iter(|| black_box(index.findings(&other, &k)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, photos, team);
criterion_main!(benches);
