//! Photo evaluation (issue #15): the same portrait cropped by up to 10 % on
//! each side, resized to 100 px and re-compressed at JPEG quality 50 (as
//! sites crop and re-encode uploads) must still be the same picture, and
//! different portraits must not be.
//!
//! Three sets of portraits, each with one transformed copy per portrait:
//! - 200 generated portraits (`photo_eval/portraits.rs`: head, hair, eyes and mouth, clothing,
//!   light and a backdrop of several kinds, with sensor noise);
//! - real photos from registry packages, prepared by `cargo xtask setup`
//!   into `target/suites/photos/` (`tests/photo_eval/prepare.py`, provenance
//!   there; never committed): 300 aligned CelebA faces and the studio
//!   headshots of a PyPI package (plain backdrops, one pose).
//!
//! Reported per set: copies matched, and false matches among all pairs of
//! different portraits (each original with every other original and with
//! every other portrait's copy). The README shows the table. The same is
//! measured for the shareable form team records carry
//! (`reuse::photo::shared`), in both directions.

#[path = "photo_eval/portraits.rs"]
mod portraits;
#[path = "photo_eval/real.rs"]
mod real;

use image::{codecs::jpeg::JpegEncoder, imageops::FilterType, ImageEncoder, RgbaImage};
use portraits::{portrait, Rng};
use real::{cropped_variant, decoded_real_set, real_set_dir};
use vetter::reuse::photo::shared::{SharedPhoto, SharedPhotoSet, SharedQuery, SHARED_SAME_PHOTO};
use vetter::reuse::photo::{signature_rgba, similarity, NotAPhoto, PreparedPhoto, SAME_PHOTO};

/// Share of copies that must be matched, and most false matches allowed
/// (per 1,000 pairs): the targets.
const MIN_MATCHED: f64 = 0.95;
const MAX_FALSE_PER_1000: f64 = 1.0;

/// What a site does to an upload: a crop of 0-10 % on each side, chosen
/// independently, the longer side resized to 100 px, JPEG quality 50.
fn site_copy(original: &RgbaImage, seed: u64) -> RgbaImage {
    let mut r = Rng(seed.wrapping_mul(31) + 5);
    let (w, h) = original.dimensions();
    let [left, right, top, bottom] = [0; 4].map(|_| r.range(0.0, 0.10));
    let (x0, y0) = ((left * f64::from(w)) as u32, (top * f64::from(h)) as u32);
    let (x1, y1) = (w - (right * f64::from(w)) as u32, h - (bottom * f64::from(h)) as u32);
    let cropped = image::imageops::crop_imm(original, x0, y0, x1 - x0, y1 - y0).to_image();
    let (cw, ch) = cropped.dimensions();
    let (nw, nh) = if cw >= ch { (100, (100 * ch / cw).max(1)) } else { ((100 * cw / ch).max(1), 100) };
    let small = image::imageops::resize(&cropped, nw, nh, FilterType::Triangle);
    // JPEG has no transparency: a cut-out is flattened onto white, as it shows.
    let flat = image::RgbImage::from_fn(nw, nh, |x, y| {
        let [r, g, b, a] = small.get_pixel(x, y).0.map(u32::from);
        image::Rgb([r, g, b].map(|c| ((c * a + 255 * (255 - a)) / 255) as u8))
    });
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 50).write_image(&flat, nw, nh, image::ExtendedColorType::Rgb8).unwrap();
    image::load_from_memory(&jpeg).unwrap().to_rgba8()
}

fn prepare(picture: &RgbaImage) -> Result<PreparedPhoto, NotAPhoto> {
    let (w, h) = picture.dimensions();
    signature_rgba(w, h, picture.as_raw()).map(PreparedPhoto::new)
}

struct Outcome {
    portraits: usize,
    not_photos: usize,
    matched: usize,
    pairs: usize,
    false_matches: usize,
    worst_false: Option<(usize, usize, f32)>,
}

fn evaluate(pictures: &[RgbaImage]) -> Outcome {
    let mut originals = Vec::new();
    let mut copies = Vec::new();
    let mut not_photos = 0;
    for (i, picture) in pictures.iter().enumerate() {
        match (prepare(picture), prepare(&site_copy(picture, i as u64))) {
            (Ok(o), Ok(c)) => {
                originals.push(o);
                copies.push(c);
            }
            _ => not_photos += 1,
        }
    }
    let n = originals.len();
    let score = |a: &PreparedPhoto, b: &PreparedPhoto| similarity(a, b).unwrap_or(0.0);
    let copies_alike: Vec<f32> = (0..n).map(|i| score(&originals[i], &copies[i])).collect();
    let matched = copies_alike.iter().filter(|s| **s >= SAME_PHOTO).count();
    // Each original with every other portrait's copy, and with every other original.
    let mut others_alike = Vec::new();
    let mut worst_false = None::<(usize, usize, f32)>;
    for i in 0..n {
        for j in (0..n).filter(|&j| j != i) {
            let mut alike = vec![score(&originals[i], &copies[j])];
            if i < j {
                alike.push(score(&originals[i], &originals[j]));
            }
            for s in alike {
                if s >= SAME_PHOTO && worst_false.is_none_or(|(_, _, w)| s > w) {
                    worst_false = Some((i, j, s));
                }
                others_alike.push(s);
            }
        }
    }
    let pairs = others_alike.len();
    let false_matches = others_alike.iter().filter(|s| **s >= SAME_PHOTO).count();
    let mut lowest_copies = copies_alike.clone();
    lowest_copies.sort_by(|a, b| a.total_cmp(b));
    others_alike.sort_by(|a, b| b.total_cmp(a));
    eprintln!(
        "  copies, least alike: {:?}; other portraits, most alike: {:?}",
        &lowest_copies[..5.min(n)],
        &others_alike[..5.min(pairs)]
    );
    Outcome { portraits: n, not_photos, matched, pairs, false_matches, worst_false }
}

fn report(set: &str, o: &Outcome) {
    let matched = o.matched as f64 / o.portraits as f64;
    let false_per_1000 = 1000.0 * o.false_matches as f64 / o.pairs as f64;
    eprintln!(
        "{set}: {} portraits ({} not taken as photos); copies matched {}/{} ({:.1} %); false matches {}/{} pairs ({:.3} per 1,000); worst false match {:?}",
        o.portraits,
        o.not_photos,
        o.matched,
        o.portraits,
        100.0 * matched,
        o.false_matches,
        o.pairs,
        false_per_1000,
        o.worst_false
    );
    assert!(matched >= MIN_MATCHED, "{set}: {:.1} % of copies matched", 100.0 * matched);
    assert!(false_per_1000 <= MAX_FALSE_PER_1000, "{set}: {false_per_1000:.3} false matches per 1,000 pairs");
}

#[test]
fn generated_portraits_and_their_site_copies() {
    let pictures: Vec<RgbaImage> = (0..200).map(|i| portrait(i, 300 + (i % 3) as u32 * 50, 400)).collect();
    let outcome = evaluate(&pictures);
    // A few generated portraits are drawings of flat colours (placeholders).
    assert!(outcome.portraits >= 190, "{} generated portraits taken as photos", outcome.portraits);
    report("generated", &outcome);
}

fn real_set(name: &str, limit: usize) -> Vec<RgbaImage> {
    let (pictures, files) = decoded_real_set(name, limit).unwrap_or_else(|e| {
        panic!("{}: {e}; run `cargo xtask setup` (it fetches the photos from PyPI)", real_set_dir(name).display())
    });
    assert!(pictures.len() * 100 >= files * 99, "{}: most pictures decode", real_set_dir(name).display());
    pictures
}

#[test]
fn real_aligned_faces_and_their_site_copies() {
    let outcome = evaluate(&real_set("celeba", 300));
    assert_eq!(outcome.not_photos, 0);
    report("CelebA (aligned faces)", &outcome);
}

#[test]
fn real_studio_headshots_and_their_site_copies() {
    let pictures = real_set("headshots", usize::MAX);
    let outcome = evaluate(&pictures);
    assert!(outcome.portraits >= 370, "{} headshots taken as photos", outcome.portraits);
    report("studio headshots", &outcome);
}

/// The shareable form (team records, `reuse::photo::shared`): copies found
/// in both directions (the record holds the original and the copy is read,
/// and the other way), and false matches among different portraits. CI
/// takes the first 120 portraits of each set; `PHOTO_EVAL_FULL=1` takes all
/// (the README's figures, in release mode: about 4 minutes).
fn evaluate_shared(set: &str, pictures: &[RgbaImage], min_found: f64, max_false_per_1000: f64) {
    let limit = if std::env::var_os("PHOTO_EVAL_FULL").is_some() { usize::MAX } else { 120 };
    let sig = |p: &RgbaImage| {
        let (w, h) = p.dimensions();
        signature_rgba(w, h, p.as_raw()).ok()
    };
    let pairs: Vec<_> = pictures
        .iter()
        .take(limit)
        .enumerate()
        .filter_map(|(i, p)| Some((sig(p)?, sig(&site_copy(p, i as u64))?)))
        .collect();
    let n = pairs.len();
    let shared: Vec<(SharedPhoto, SharedPhoto)> =
        pairs.iter().map(|(o, c)| (SharedPhoto::new(o), SharedPhoto::new(c))).collect();
    // Each portrait and its copy read as a browser reads a photo (a query
    // keeps what it works out, so each is one query compared with many).
    let queries = |i: usize| (SharedQuery::new(pairs[i].0.clone()), SharedQuery::new(pairs[i].1.clone()));
    let score = |q: &SharedQuery, s: &SharedPhoto| q.similarity(s).unwrap_or(-1.0);
    let (copy_read, original_read): (Vec<f32>, Vec<f32>) = (0..n)
        .map(|i| {
            let (original, copy) = queries(i);
            (score(&copy, &shared[i].0), score(&original, &shared[i].1))
        })
        .unzip();
    // Every pair of different portraits, on two threads (the machine has two cores).
    let others_of = |i: usize| {
        let (original, copy) = queries(i);
        let mut out = Vec::new();
        for j in (0..n).filter(|&j| j != i) {
            out.push(score(&original, &shared[j].1));
            out.push(score(&copy, &shared[j].0));
            if i < j {
                out.push(score(&original, &shared[j].0));
            }
        }
        out
    };
    let mut others: Vec<f32> = std::thread::scope(|s| {
        let odd = s.spawn(|| (1..n).step_by(2).flat_map(others_of).collect::<Vec<_>>());
        let mut even: Vec<f32> = (0..n).step_by(2).flat_map(others_of).collect();
        even.extend(odd.join().unwrap());
        even
    });
    for t in [0.7f32, 0.75, 0.8] {
        let f = |v: &[f32]| v.iter().filter(|s| **s >= t).count();
        eprintln!("  at {t}: copy read {}, original read {}, false {}", f(&copy_read), f(&original_read), f(&others));
    }
    let found = |v: &[f32]| v.iter().filter(|s| **s >= SHARED_SAME_PHOTO).count();
    let (copies, false_matches) = (found(&copy_read) + found(&original_read), found(&others));
    others.sort_by(|a, b| b.total_cmp(a));
    let found_share = copies as f64 / (2 * n) as f64;
    let false_per_1000 = 1000.0 * false_matches as f64 / others.len() as f64;
    eprintln!(
        "shared form, {set}: {n} portraits; copies found {copies}/{} ({:.1} %; copy read {}, original read {}); false matches {false_matches}/{} ({false_per_1000:.3} per 1,000); most alike others {:?}",
        2 * n,
        100.0 * found_share,
        found(&copy_read),
        found(&original_read),
        others.len(),
        &others[..5.min(others.len())]
    );
    assert!(found_share >= min_found, "{set}: {:.1} % of copies found", 100.0 * found_share);
    assert!(false_per_1000 <= max_false_per_1000, "{set}: {false_per_1000:.3} false matches per 1,000 pairs");
}

// Real portraits: the targets. The generated drawings are one
// template of head, eyes and mouth: their signs agree more than real faces'
// do, and the shared form tells fewer of them apart (the README says so).
#[test]
fn shared_form_generated() {
    let pictures: Vec<RgbaImage> = (0..200).map(|i| portrait(i, 300 + (i % 3) as u32 * 50, 400)).collect();
    evaluate_shared("generated", &pictures, 0.78, 3.0);
}

#[test]
fn shared_form_celeba() {
    evaluate_shared("CelebA (aligned faces)", &real_set("celeba", 300), MIN_MATCHED, MAX_FALSE_PER_1000 / 10.0);
}

#[test]
fn shared_form_headshots() {
    evaluate_shared("studio headshots", &real_set("headshots", usize::MAX), MIN_MATCHED, MAX_FALSE_PER_1000 / 10.0);
}

/// A team lookup (`SharedQuery::similarities`) compares a photo with every
/// shared one and refines only the parts whose shapes come closest: the
/// copies of one real portrait in fifteen must still be found among 6,000
/// variants of the others (cropped by up to 7.5 % per side, mirrored), each
/// copy its original alone matches among them, and next to nothing else.
#[test]
fn shared_lookup_among_thousands_of_real_portraits() {
    let mut pictures = real_set("celeba", usize::MAX);
    pictures.extend(real_set("headshots", usize::MAX));
    let sig = |p: &RgbaImage| signature_rgba(p.width(), p.height(), p.as_raw()).ok();
    let mut set = SharedPhotoSet::default();
    let mut copies = Vec::new();
    for (i, picture) in pictures.iter().enumerate().filter(|(i, _)| i % 15 == 0) {
        if let (Some(original), Some(copy)) = (sig(picture), sig(&site_copy(picture, i as u64))) {
            set.push(i, SharedPhoto::new(&original));
            copies.push((i, copy));
        }
    }
    let others: Vec<(usize, &RgbaImage)> = pictures.iter().enumerate().filter(|(i, _)| i % 15 != 0).collect();
    // Five different variants of each: crops in 40ths per side, mirrored or not.
    for (x, y, mirrored) in [(0, 1, false), (1, 2, true), (2, 3, false), (3, 0, true), (1, 3, false)] {
        for &(i, picture) in &others {
            if let Some(s) = sig(&cropped_variant(picture, x, y, mirrored)) {
                set.push(i, SharedPhoto::new(&s));
            }
        }
    }
    assert!(set.len() >= 6_000, "{} shared photos", set.len());
    let (mut found, mut wrong, mut lost) = (0, Vec::new(), Vec::new());
    for (i, copy) in &copies {
        let query = SharedQuery::new(copy.clone());
        let mut seen = false;
        for (owner, similarity) in query.similarities(&set, |_| true) {
            if similarity < SHARED_SAME_PHOTO {
                continue;
            }
            if owner == i {
                seen = true;
            } else {
                wrong.push((*i, *owner, similarity));
            }
        }
        found += usize::from(seen);
        // Compared with its original alone (no budget), is it the same picture?
        let original = SharedPhoto::new(&sig(&pictures[*i]).expect("taken above"));
        if !seen && query.similarity(&original).is_some_and(|s| s >= SHARED_SAME_PHOTO) {
            lost.push(*i);
        }
    }
    eprintln!(
        "shared lookup: {found} of {} copies found among {} shared photos; other portraits matched: {wrong:?}; found alone but not in the lookup: {lost:?}",
        copies.len(),
        set.len()
    );
    assert!(found as f64 >= MIN_MATCHED * copies.len() as f64, "{found} of {} copies found", copies.len());
    assert!(lost.is_empty(), "copies the lookup's budget lost: {lost:?}");
    assert!(wrong.len() <= 2, "{} other portraits matched", wrong.len());
}
