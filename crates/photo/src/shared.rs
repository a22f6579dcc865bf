//! A photo's shareable form, for team records: bits, not pixels.
//!
//! A team record may not carry a picture, and the signature the local index
//! compares (32 × 32 brightness) is a thumbnail of a face. What a record
//! carries instead, for the whole picture and for its centre (10 % trimmed
//! from each side), is:
//! - *shape*: the sign of each cell of a 16 × 16 brightness grid less its
//!   mean (256 bits), which aligns a crop;
//! - *detail*: each cell of 32 × 32 less the mean of the cells around it,
//!   as a sign where it is strong and nothing where it is near zero (2 ×
//!   1,024 bits), which tells apart portraits of one layout.
//!
//! 576 bytes per photo, shuffled and masked with the team key (the core's `src/team.rs`)
//! before they leave the browser. The photo being read keeps its full
//! signature, so the alignment search runs on its side: its 81 trimmed
//! windows are compared with the record's whole (the record is a crop of
//! it) and with the record's centre (it is a crop of the record); a first
//! pass on one word per window drops most records, then the best window of
//! the closest few ([`REFINE_BUDGET`]) is refined on the shape and, within
//! 1 % per side, on the detail, and the detail must agree
//! ([`SHARED_SAME_PHOTO`]). `tests/photo_eval.rs` measures it (figures in
//! the README).

use rustc_hash::FxHashMap;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use super::{
    across, climb, detail_values, less_mean, mixed_down, sum_of_squares, taps, trimmed_windows, DetailRows,
    PhotoSignature, Window, CENTRE_TRIM, FINE, GRID, MAX_TRIM, WHOLE,
};

const SHAPE_WORDS: usize = FINE * FINE / 64;
const DETAIL_WORDS: usize = super::GRID * super::GRID / 64;

/// One pattern's sign bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PartBits {
    shape: [u64; SHAPE_WORDS],
    /// `shape` pooled to 8 × 8 (derived, not stored).
    pooled: u64,
    detail: Ternary,
}

/// A pattern as signs where its values are strong, nothing where they are
/// near zero: a flat backdrop's cells carry no sign, so two portraits on
/// white do not agree by their margins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Ternary {
    sign: [u64; DETAIL_WORDS],
    strong: [u64; DETAIL_WORDS],
    /// How many cells are strong (derived, not stored).
    count: u32,
}

/// Share of the root mean square below which a detail value is weak.
const WEAK: f32 = 0.5;

fn ternary(values: &[f32]) -> Ternary {
    let weak_below = WEAK * (sum_of_squares(values) / values.len() as f32).sqrt();
    let mut out = Ternary { sign: [0; DETAIL_WORDS], strong: [0; DETAIL_WORDS], count: 0 };
    for ((chunk, strong), sign) in values.chunks(64).zip(&mut out.strong).zip(&mut out.sign) {
        // A weak cell's sign is noise and never compared: it is not kept.
        // Each word from 64 flags as bytes (this runs for every window a
        // lookup tries, and compares vectorise where shifts do not).
        let (mut strong_flags, mut sign_flags) = ([0u8; 64], [0u8; 64]);
        for ((s, p), v) in strong_flags.iter_mut().zip(&mut sign_flags).zip(chunk) {
            *s = u8::from(v.abs() >= weak_below);
            *p = u8::from(*v > 0.0);
        }
        *strong = packed_flags(&strong_flags);
        *sign = packed_flags(&sign_flags) & *strong;
    }
    out.count = out.strong.iter().map(|w| w.count_ones()).sum();
    out
}

/// 64 flags (bytes of 0 or 1) as the bits of a word, flag `i` at bit `i`:
/// eight at a time, a multiplication moves byte `i`'s bit to bit `56 + i`
/// (the other products land on distinct bits below 56, or above 63 where
/// they drop out of the word, so nothing carries into the byte kept).
fn packed_flags(flags: &[u8; 64]) -> u64 {
    const GATHER: u64 = 0x0102_0408_1020_4080;
    flags.chunks_exact(8).enumerate().fold(0, |word, (i, eight)| {
        let bytes = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        word | (bytes.wrapping_mul(GATHER) >> 56) << (8 * i)
    })
}

impl Ternary {
    /// The two patterns' correlation as ternary vectors.
    fn correlation(&self, other: &Ternary) -> f32 {
        let (mut both, mut differ) = (0u32, 0u32);
        for i in 0..DETAIL_WORDS {
            let strong = self.strong[i] & other.strong[i];
            both += strong.count_ones();
            differ += (strong & (self.sign[i] ^ other.sign[i])).count_ones();
        }
        if self.count == 0 || other.count == 0 {
            return 0.0;
        }
        (both as f32 - 2.0 * differ as f32) / ((self.count as f32) * (other.count as f32)).sqrt()
    }
}

/// What a team record carries of one photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharedPhoto {
    whole: PartBits,
    centre: PartBits,
}

fn signs<const N: usize>(values: &[f32]) -> [u64; N] {
    let mut out = [0u64; N];
    for (i, v) in values.iter().enumerate() {
        if *v > 0.0 {
            out[i / 64] |= 1 << (i % 64);
        }
    }
    out
}

fn shape_bits(sig: &PhotoSignature, window: Window) -> [u64; SHAPE_WORDS] {
    let [left, right, top, bottom] = window;
    shape_of_rows(&across(sig, left, right, FINE, 0..GRID), top, bottom)
}

/// The second half of [`shape_bits`], given the first ([`across`]): the
/// signs of the brightness less its mean (scaling keeps the signs).
fn shape_of_rows(rows: &[f32], top: f32, bottom: f32) -> [u64; SHAPE_WORDS] {
    signs(&less_mean(mixed_down(rows, &taps(top, bottom, FINE), FINE)))
}

fn part(sig: &PhotoSignature, window: Window) -> PartBits {
    let shape = shape_bits(sig, window);
    PartBits { shape, pooled: pooled(&shape), detail: ternary(&detail_values(sig, window)) }
}

/// Bytes of [`SharedPhoto::to_bytes`].
pub const SHARED_PHOTO_BYTES: usize = 2 * 8 * (SHAPE_WORDS + 2 * DETAIL_WORDS);

impl SharedPhoto {
    pub fn new(sig: &PhotoSignature) -> SharedPhoto {
        SharedPhoto { whole: part(sig, WHOLE), centre: part(sig, [CENTRE_TRIM; 4]) }
    }

    /// The bits as bytes (little-endian words: whole, then centre; each
    /// shape, detail signs, detail strengths).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SHARED_PHOTO_BYTES);
        for p in [&self.whole, &self.centre] {
            for word in p.shape.iter().chain(&p.detail.sign).chain(&p.detail.strong) {
                out.extend_from_slice(&word.to_le_bytes());
            }
        }
        out
    }

    /// Reads [`to_bytes`](Self::to_bytes); `None` for any other length.
    pub fn from_bytes(bytes: &[u8]) -> Option<SharedPhoto> {
        if bytes.len() != SHARED_PHOTO_BYTES {
            return None;
        }
        let mut words = bytes.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")));
        let mut part = || {
            let mut p = PartBits {
                shape: [0; SHAPE_WORDS],
                pooled: 0,
                detail: Ternary { sign: [0; DETAIL_WORDS], strong: [0; DETAIL_WORDS], count: 0 },
            };
            for w in p.shape.iter_mut().chain(&mut p.detail.sign).chain(&mut p.detail.strong) {
                *w = words.next().expect("length checked");
            }
            p.pooled = pooled(&p.shape);
            p.detail.count = p.detail.strong.iter().map(|w| w.count_ones()).sum();
            p
        };
        let whole = part();
        let centre = part();
        Some(SharedPhoto { whole, centre })
    }
}

/// Share of bits two arrays agree on.
fn agreement<const N: usize>(a: &[u64; N], b: &[u64; N]) -> f32 {
    1.0 - differing_bits(a, b) as f32 / (64 * N) as f32
}

fn differing_bits<const N: usize>(a: &[u64; N], b: &[u64; N]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
}

/// The correlation two patterns' sign agreement stands for: two signs agree
/// with probability `1 - acos(ρ)/π` for a correlation ρ.
fn as_correlation(agreement: f32) -> f32 {
    (std::f32::consts::PI * (1.0 - agreement)).cos()
}

// The thresholds below were chosen on the photo evaluation's sets
// (tests/photo_eval.rs), the first-pass ones so that they drop (almost) no
// copy there.

/// Shape agreement (as a correlation) a window must reach to be refined.
const SHARED_COARSE_MIN: f32 = 0.55;
/// Detail (as a ternary correlation) at the unrefined window below which a
/// pair is not refined (refining is most of the work).
const SHARED_PRE_MIN: f32 = 0.40;
/// Shape agreement after refining below which the pictures differ.
const SHARED_SAME_SHAPE: f32 = 0.80;
/// Detail agreement from which they are the same picture.
pub const SHARED_SAME_PHOTO: f32 = 0.75;

/// How far the detail may move a side of the window the shape found: a
/// longer walk aligns the eyes and mouths of different faces.
const DETAIL_REACH: f32 = 0.01;

/// Shared photos with their owners, their pooled shapes side by side (two
/// words per photo: whole and centre) for a query's first pass.
#[derive(Debug)]
pub struct SharedPhotoSet<K> {
    /// Each photo's owner, apart from the photos: a lookup asks few of them.
    owners: Vec<K>,
    photos: Vec<SharedPhoto>,
    pooled: Vec<u64>,
}

impl<K> Default for SharedPhotoSet<K> {
    fn default() -> Self {
        SharedPhotoSet { owners: Vec::new(), photos: Vec::new(), pooled: Vec::new() }
    }
}

impl<K> SharedPhotoSet<K> {
    pub fn push(&mut self, owner: K, photo: SharedPhoto) {
        self.pooled.extend([photo.whole.pooled, photo.centre.pooled]);
        self.owners.push(owner);
        self.photos.push(photo);
    }

    /// Keeps the photos whose owner `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&K) -> bool) {
        let kept: Vec<(K, SharedPhoto)> = std::mem::take(&mut self.owners)
            .into_iter()
            .zip(std::mem::take(&mut self.photos))
            .filter(|(owner, _)| keep(owner))
            .collect();
        (self.owners, self.photos) = kept.into_iter().unzip();
        self.pooled = self.photos.iter().flat_map(|p| [p.whole.pooled, p.centre.pooled]).collect();
    }

    pub fn len(&self) -> usize {
        self.photos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.photos.is_empty()
    }
}

/// Detail at the window the shape found below which it is not refined: on
/// the evaluation's sets the walk raised it by at most 0.24, so a pair below
/// this does not reach [`SHARED_SAME_PHOTO`] (and no copy there starts
/// below 0.54). The walk is most of the work of a lookup.
const DETAIL_WALK_MIN: f32 = 0.50;

/// A window as a key: each side's trim in steps of 0.5 % (a
/// [`STEPS_PER_UNIT`]th). Every window a comparison tries lies on this
/// lattice (the trims and the steps of the walks are multiples of it), so
/// the shape and detail of a window, worked out once, serve every shared
/// photo a lookup aligns with it.
type WindowKey = [u8; 4];
const STEPS_PER_UNIT: f32 = 200.0;

fn key_of(window: Window) -> WindowKey {
    window.map(|side| (side * STEPS_PER_UNIT).round() as u8)
}

/// A division, not a product with 0.005: correctly rounded, it gives
/// back a trim exactly (0.05, not 0.049999997), so a trimmed window read
/// through its key is the window itself.
fn window_of(key: WindowKey) -> Window {
    key.map(|steps| f32::from(steps) / STEPS_PER_UNIT)
}

/// The value kept for `key`, worked out by `compute` the first time.
fn memo<K: Copy + Eq + std::hash::Hash, V: Clone>(
    kept: &RefCell<FxHashMap<K, V>>,
    key: K,
    compute: impl FnOnce() -> V,
) -> V {
    if let Some(value) = kept.borrow().get(&key) {
        return value.clone();
    }
    let value = compute();
    kept.borrow_mut().insert(key, value.clone());
    value
}

/// A photo being read, ready to be compared with shared photos: its
/// signature, the shape of its 81 trimmed windows, and the shape and detail
/// of each window a comparison has needed (a lookup among thousands of
/// photos needs far fewer than it tries).
pub struct SharedQuery {
    signature: PhotoSignature,
    /// The 81 trimmed windows.
    windows: Vec<TrimmedWindow>,
    /// The windows' shapes pooled to 8 × 8 ([`pooled`]), for a first pass,
    /// each with the first window's index that pools to it.
    pooled: Vec<(u64, u32)>,
    /// The windows the walks have tried.
    shapes: RefCell<FxHashMap<WindowKey, [u64; SHAPE_WORDS]>>,
    details: RefCell<FxHashMap<WindowKey, Ternary>>,
    /// The first halves of their resampling, by left and right side: a walk
    /// moves one side at a time, so a move of the top or bottom reuses them.
    shape_rows: RefCell<FxHashMap<[u8; 2], Rc<Vec<f32>>>>,
    detail_rows: RefCell<FxHashMap<[u8; 2], Rc<DetailRows>>>,
}

/// A 16 × 16 shape's bits pooled to 8 × 8 (a bit set where 2 of the 4 or
/// more are): one word, so that a query passes over thousands of shared
/// photos quickly and looks closer only where it comes near.
fn pooled(shape: &[u64; SHAPE_WORDS]) -> u64 {
    let bit = |i: usize| (shape[i / 64] >> (i % 64)) & 1;
    let mut out = 0u64;
    for y in 0..FINE / 2 {
        for x in 0..FINE / 2 {
            let (i, j) = (2 * y * FINE + 2 * x, (2 * y + 1) * FINE + 2 * x);
            if bit(i) + bit(i + 1) + bit(j) + bit(j + 1) >= 2 {
                out |= 1 << (y * (FINE / 2) + x);
            }
        }
    }
    out
}

/// Most parts one lookup refines: those whose shape and detail agree most
/// (their correlations' sum). Measured on one machine's example runs: among
/// 6,518 variants of real portraits (`tests/photo_eval.rs`, which checks it)
/// a lookup finds 91 of 93 copies, none lost against refining all; among
/// 9,945 generated portraits of one face template (thousands alike) 85 of
/// 99 copies, where 88 match their original alone. Ranked by shape alone,
/// 32 lost a real copy (48 kept it); 24 ranked by the sum lost two
/// generated ones.
const REFINE_BUDGET: usize = 32;

/// One of a query's 81 trimmed windows: its shape, and its detail once a
/// comparison needs it.
struct TrimmedWindow {
    window: Window,
    shape: [u64; SHAPE_WORDS],
    detail: OnceCell<Ternary>,
}

/// A shared photo's part that passed the first passes, to be refined.
struct Candidate<'a> {
    shape: f32,
    detail: f32,
    /// The photo's place in the set.
    photo: usize,
    /// The trimmed window nearest it.
    window: usize,
    part: &'a PartBits,
    /// Its place among the candidates (by photo, whole before centre): the
    /// last tie-break, so that the budget never depends on the selection.
    order: usize,
}

/// The first pass: most pooled bits of 64 the nearest window may differ
/// by, and the least detail correlation there.
const FIRST_PASS_DETAIL: f32 = 0.1;
const POOLED_MAX_DIFFERENCE: u32 = 20;

impl SharedQuery {
    pub fn new(signature: PhotoSignature) -> SharedQuery {
        let mut query = SharedQuery {
            signature,
            windows: Vec::new(),
            pooled: Vec::new(),
            shapes: RefCell::default(),
            details: RefCell::default(),
            shape_rows: RefCell::default(),
            detail_rows: RefCell::default(),
        };
        // Through the lattice's memo, so the 81 windows share the first
        // halves of their resampling (nine lefts and rights) with the walks.
        let windows: Vec<_> = trimmed_windows()
            .map(|window| TrimmedWindow { window, shape: query.shape(key_of(window)), detail: OnceCell::new() })
            .collect();
        // `nearest_windows` packs a window's index into a byte.
        debug_assert!(windows.len() <= 256);
        // A window pooled like an earlier one never comes nearer than it (the
        // lowest index of equals wins): only the first is kept.
        for (index, trimmed) in windows.iter().enumerate() {
            let word = pooled(&trimmed.shape);
            if !query.pooled.iter().any(|(kept, _)| *kept == word) {
                query.pooled.push((word, index as u32));
            }
        }
        query.windows = windows;
        query
    }

    /// The detail of trimmed window `index`, worked out once.
    fn window_detail(&self, index: usize) -> &Ternary {
        let trimmed = &self.windows[index];
        trimmed.detail.get_or_init(|| self.detail(key_of(trimmed.window)))
    }

    /// The shape of a window a walk tries, worked out once.
    fn shape(&self, key: WindowKey) -> [u64; SHAPE_WORDS] {
        memo(&self.shapes, key, || {
            let [left, right, top, bottom] = window_of(key);
            let rows = memo(&self.shape_rows, [key[0], key[1]], || {
                Rc::new(across(&self.signature, left, right, FINE, 0..GRID))
            });
            shape_of_rows(&rows, top, bottom)
        })
    }

    /// The detail of a window a walk tries, worked out once.
    fn detail(&self, key: WindowKey) -> Ternary {
        memo(&self.details, key, || {
            let [left, right, top, bottom] = window_of(key);
            let rows =
                memo(&self.detail_rows, [key[0], key[1]], || Rc::new(DetailRows::new(&self.signature, left, right)));
            // As `detail_values`, the first half kept.
            ternary(&rows.mixed_down(top, bottom))
        })
    }

    /// How alike this photo and a shared one are (detail agreement as a
    /// correlation), where either may be a crop of the other; `None` when no
    /// window aligns.
    pub fn similarity(&self, shared: &SharedPhoto) -> Option<f32> {
        let nearest = self.nearest_windows(&[shared.whole.pooled, shared.centre.pooled]);
        self.aligned(&nearest, shared)
    }

    /// How alike this photo is to each photo of `set` that it may be (as
    /// [`similarity`](Self::similarity)), with the photo's owner, among the
    /// photos whose owner `keep` accepts (a replaced record's photo must not
    /// take a live one's place below). Of the parts that pass the first
    /// passes, the [`REFINE_BUDGET`] whose shape and detail agree most are
    /// refined (refining is most of the work); of equals, the later photo.
    pub fn similarities<'a, K>(&self, set: &'a SharedPhotoSet<K>, keep: impl Fn(&K) -> bool) -> Vec<(&'a K, f32)> {
        let similar = self.similar_photos(&set.photos, &set.pooled, &|at| keep(&set.owners[at]));
        similar.into_iter().map(|(at, similarity)| (&set.owners[at], similarity)).collect()
    }

    /// [`similarities`](Self::similarities) by the photos' places, `keep`
    /// asked of a place. Not generic, so that it is compiled (and optimised
    /// for speed in the wasm build) here rather than in each caller's crate.
    fn similar_photos(
        &self,
        photos: &[SharedPhoto],
        pooled: &[u64],
        keep: &dyn Fn(usize) -> bool,
    ) -> Vec<(usize, f32)> {
        let nearest = self.nearest_windows(pooled);
        let mut candidates: Vec<Candidate<'_>> = Vec::new();
        for (photo, (shared, nearest)) in photos.iter().zip(nearest.chunks_exact(2)).enumerate() {
            // Most photos end at the pooled shape.
            if nearest.iter().all(|packed| packed >> 8 > POOLED_MAX_DIFFERENCE) {
                continue;
            }
            let parts = [&shared.whole, &shared.centre];
            let passed = [0, 1].map(|i| self.candidate(nearest[i], parts[i]).map(|found| (found, parts[i])));
            // The owner is asked last, of the few that pass: reading it (a
            // record elsewhere in memory) costs more than these passes.
            if passed.iter().all(Option::is_none) || !keep(photo) {
                continue;
            }
            for ((window, shape, detail), part) in passed.into_iter().flatten() {
                let order = candidates.len();
                candidates.push(Candidate { shape, detail, photo, window, part, order });
            }
        }
        if candidates.len() > REFINE_BUDGET {
            candidates.select_nth_unstable_by(REFINE_BUDGET, |a, b| {
                (b.detail + b.shape).total_cmp(&(a.detail + a.shape)).then(b.order.cmp(&a.order))
            });
            candidates.truncate(REFINE_BUDGET);
        }
        candidates.sort_by_key(|c| c.photo);
        let mut out: Vec<(usize, f32)> = Vec::new();
        for Candidate { photo: at, window, part, .. } in candidates {
            let Some(similarity) = self.confirmed(window, part) else { continue };
            match out.last_mut() {
                Some((last, best)) if *last == at => *best = best.max(similarity),
                _ => out.push((at, similarity)),
            }
        }
        out
    }

    /// For each pooled shape, the nearest window's index and its distance,
    /// packed as `distance << 8 | index` (the lowest index of equals). One
    /// pass per window over all the words: every record pays this part of a
    /// lookup, so it runs as a tight loop.
    fn nearest_windows(&self, pooled: &[u64]) -> Vec<u32> {
        let mut nearest = vec![u32::MAX; pooled.len()];
        // 512 record parts (256 photos) at a time, so that every window's
        // pass over them reads from the first-level cache.
        for (bests, targets) in nearest.chunks_mut(512).zip(pooled.chunks(512)) {
            for &(window, index) in &self.pooled {
                for (best, target) in bests.iter_mut().zip(targets) {
                    *best = (*best).min(((window ^ target).count_ones() << 8) | index);
                }
            }
        }
        nearest
    }

    /// The similarity of `shared` given its parts' nearest windows.
    fn aligned(&self, nearest: &[u32], shared: &SharedPhoto) -> Option<f32> {
        [&shared.whole, &shared.centre]
            .into_iter()
            .zip(nearest)
            .filter_map(|(target, &packed)| {
                let (window, ..) = self.candidate(packed, target)?;
                self.confirmed(window, target)
            })
            .max_by(|a, b| a.total_cmp(b))
    }

    /// The first passes for one part given its nearest window (`packed` as
    /// [`nearest_windows`](Self::nearest_windows) gives it): the trimmed
    /// window whose shape is most like it, their shape agreement (as a
    /// correlation) and their detail correlation there, or `None` where they
    /// differ already.
    fn candidate(&self, packed: u32, target: &PartBits) -> Option<(usize, f32, f32)> {
        // The nearest window on the pooled shape, and its detail; most
        // portraits of one layout stop here.
        let (difference, nearest) = (packed >> 8, (packed & 0xff) as usize);
        if difference > POOLED_MAX_DIFFERENCE
            || self.window_detail(nearest).correlation(&target.detail) < FIRST_PASS_DETAIL
        {
            return None;
        }
        // The window whose shape differs by fewest bits (the last of equals).
        let mut best = (0, u32::MAX);
        for (i, trimmed) in self.windows.iter().enumerate() {
            let differ = differing_bits(&trimmed.shape, &target.shape);
            if differ <= best.1 {
                best = (i, differ);
            }
        }
        let coarse = as_correlation(1.0 - best.1 as f32 / (64 * SHAPE_WORDS) as f32);
        if coarse < SHARED_COARSE_MIN {
            return None;
        }
        let detail = self.window_detail(best.0).correlation(&target.detail);
        (detail >= SHARED_PRE_MIN).then_some((best.0, coarse, detail))
    }

    /// The similarity of a candidate ([`candidate`](Self::candidate)) once
    /// its window is refined on the shape and then on the detail; `None`
    /// where the refined shapes differ.
    fn confirmed(&self, window: usize, target: &PartBits) -> Option<f32> {
        let (window, shape) = self.refine(self.windows[window].window, target);
        (shape >= SHARED_SAME_SHAPE).then(|| self.refine_detail(window, target))
    }

    /// The detail correlation at `window`, moved by 1 and 0.5 % per side
    /// while it grows: the shape's signs align to about a cell of 16 × 16,
    /// the detail needs a cell of 32 × 32. Not moved from below [`DETAIL_WALK_MIN`].
    fn refine_detail(&self, window: Window, target: &PartBits) -> f32 {
        let score = |w: Window| self.detail(key_of(w)).correlation(&target.detail);
        let unrefined = score(window);
        if unrefined < DETAIL_WALK_MIN {
            return unrefined;
        }
        let limits =
            |side: usize| ((window[side] - DETAIL_REACH).max(0.0), (window[side] + DETAIL_REACH).min(MAX_TRIM));
        climb(window, &[0.01, 0.005], limits, score).1
    }

    /// The window nearest `target`'s shape, moved by 2, 1 and 0.5 % per side.
    fn refine(&self, window: Window, target: &PartBits) -> (Window, f32) {
        let score = |w: Window| as_correlation(agreement(&self.shape(key_of(w)), &target.shape));
        climb(window, &[0.02, 0.01, 0.005], |_| (0.0, MAX_TRIM), score)
    }
}
