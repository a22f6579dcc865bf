//! Profile photos reused across candidates: a signature per photo and a
//! comparison that aligns crops.
//!
//! Sites crop and re-encode the pictures people upload, so one portrait on
//! two profiles differs by a crop of a few percent on each side, a size and
//! a JPEG quality. A fixed perceptual hash (Blockhash, used before) moved
//! past its threshold with crops of 2 %. Here a photo is kept as a
//! *signature*: the mean brightness of a 32 × 32 grid over the whole
//! picture and the mean colour of an 8 × 8 grid (1,152 bytes, kept instead
//! of the pixels: a blurred thumbnail the size of an icon). Two signatures
//! are compared by template matching:
//! 1. each picture, trimmed by 0, 5 or 10 % on each side (81 windows), is
//!    correlated with the other whole at 8 × 8 (normalised
//!    cross-correlation); pairs below [`COARSE_MIN`] stop here;
//! 2. the best window is refined, each side moved by 2, 1 and 0.5 % while
//!    the correlation at 16 × 16 grows; light and shade must agree
//!    ([`SAME_SHAPE`]), and so must the colours;
//! 3. the aligned pictures' *detail* (each cell of 32 × 32 less the mean of
//!    the cells around it) must agree ([`SAME_PHOTO`]): portraits of one
//!    layout (aligned faces, studio headshots on one backdrop) share their
//!    light and shade but not their detail.
//!
//! `tests/photo_eval.rs` measures it on real and generated portraits with
//! copies cropped by up to 10 % per side, resized to 100 px and saved at
//! JPEG quality 50 (figures in the README).

pub mod shared;

use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;

/// Side of the brightness grid a signature keeps.
const GRID: usize = 32;
/// Side of the colour grid a signature keeps.
const COLOUR_GRID: usize = 8;
/// Side of the grid windows are first compared on, and then refined on.
const COARSE: usize = 8;
const FINE: usize = 16;
/// Trims tried for each side of a picture before refining.
const TRIMS: [f32; 3] = [0.0, 0.05, 0.10];
/// Largest trim a refined window may reach, per side.
const MAX_TRIM: f32 = 0.16;
/// Coarse correlation below which a pair is not refined.
const COARSE_MIN: f32 = 0.80;
/// Refined correlation of light and shade (16 × 16) below which two photos
/// are different pictures.
const SAME_SHAPE: f32 = 0.90;
/// Correlation of the aligned pictures' detail (32 × 32, each cell less the
/// mean of the 5 × 5 cells around it) from which they are the same picture:
/// portraits of one layout (aligned faces, studio headshots on one backdrop)
/// share their light and shade but not their detail.
pub const SAME_PHOTO: f32 = 0.80;
const DETAIL_RADIUS: usize = 2;
/// Mean colour difference (of 255) of the aligned pictures above which they
/// are different pictures, however alike their light and shade.
const MAX_COLOUR_DIFFERENCE: f32 = 9.0;
/// Brightness spread (standard deviation, 0-255) below which a picture is a
/// flat placeholder, not a photo.
const MIN_PHOTO_SPREAD: f64 = 12.0;
/// Smallest picture worth comparing.
const MIN_SIDE: u32 = 16;
const SIGNATURE_PREFIX: &str = "s1:";

/// A photo's signature: brightness on a 32 × 32 grid, colour (blue and red
/// difference, offset by 128) on an 8 × 8 grid.
#[derive(Clone, PartialEq, Eq)]
pub struct PhotoSignature {
    luma: Vec<u8>,
    colour: Vec<[u8; 2]>,
}

impl std::fmt::Debug for PhotoSignature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhotoSignature({}…)", &self.to_text()[..19])
    }
}

impl PhotoSignature {
    /// The stored form: a version prefix and hex.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(SIGNATURE_PREFIX.len() + 2 * (GRID * GRID + 2 * COLOUR_GRID * COLOUR_GRID));
        out.push_str(SIGNATURE_PREFIX);
        for b in self.luma.iter().chain(self.colour.iter().flatten()) {
            out.push_str(&format!("{b:02x}"));
        }
        out
    }

    /// Reads the stored form; `None` for anything else, including the
    /// Blockhash hex of earlier versions (the photo is then fetched again).
    pub fn from_text(text: &str) -> Option<PhotoSignature> {
        let hex = text.strip_prefix(SIGNATURE_PREFIX)?;
        let n = GRID * GRID + 2 * COLOUR_GRID * COLOUR_GRID;
        if hex.len() != 2 * n || !hex.is_ascii() {
            return None;
        }
        let bytes: Option<Vec<u8>> = (0..n).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect();
        let bytes = bytes?;
        let (luma, colour) = bytes.split_at(GRID * GRID);
        Some(PhotoSignature { luma: luma.to_vec(), colour: colour.chunks_exact(2).map(|c| [c[0], c[1]]).collect() })
    }

    fn colour_at(&self, x: f32, y: f32, channel: usize) -> f32 {
        bilinear(COLOUR_GRID, x, y, |i| f32::from(self.colour[i][channel]))
    }
}

fn bilinear(side: usize, x: f32, y: f32, value: impl Fn(usize) -> f32) -> f32 {
    let ((x0, x1, ax), (y0, y1, ay)) = (axis_taps(side, x), axis_taps(side, y));
    let top = value(y0 * side + x0) * (1.0 - ax) + value(y0 * side + x1) * ax;
    let bottom = value(y1 * side + x0) * (1.0 - ax) + value(y1 * side + x1) * ax;
    top * (1.0 - ay) + bottom * ay
}

/// The two grid cells a point (0-1) of one axis lies between, and the
/// weight of the second.
fn axis_taps(side: usize, at: f32) -> (usize, usize, f32) {
    let f = (at * side as f32 - 0.5).clamp(0.0, (side - 1) as f32);
    let near = f as usize;
    (near, (near + 1).min(side - 1), f - near as f32)
}

/// A part of a picture: the share trimmed from its left, right, top and
/// bottom.
type Window = [f32; 4];
const WHOLE: Window = [0.0; 4];

/// The brightness of `window` on a `side × side` grid, with its mean taken
/// away and scaled to length 1, so that a dot product of two is their
/// normalised cross-correlation.
fn pattern(sig: &PhotoSignature, window: Window, side: usize) -> Vec<f32> {
    to_unit_length(centred(sig, window, side))
}

/// [`pattern`] before it is scaled.
fn centred(sig: &PhotoSignature, window: Window, side: usize) -> Vec<f32> {
    less_mean(sampled(sig, window, side))
}

fn less_mean(mut values: Vec<f32>) -> Vec<f32> {
    let mean = lane_sum(&values, |v| v) / values.len() as f32;
    values.iter_mut().for_each(|v| *v -= mean);
    values
}

/// The brightness of `window` at the centres of a `side × side` grid.
fn sampled(sig: &PhotoSignature, window: Window, side: usize) -> Vec<f32> {
    let [left, right, top, bottom] = window;
    let rows = taps(top, bottom, side);
    // Only the source rows the window reaches are resampled across.
    let reached = rows[0].0..rows[side - 1].1 + 1;
    mixed_down(&across(sig, left, right, side, reached), &rows, side)
}

/// Where the centres of `side` cells between `near` and `1 - far` of an
/// axis fall on the signature's grid ([`axis_taps`]). Bilinear
/// interpolation is separable: the neighbours and weights of each column and
/// row are worked out once, not once per cell.
fn taps(near: f32, far: f32, side: usize) -> Vec<(usize, usize, f32)> {
    let span = 1.0 - near - far;
    (0..side).map(|c| axis_taps(GRID, near + span * ((c as f32 + 0.5) / side as f32))).collect()
}

/// The first half of [`sampled`]: the signature's rows in `reached`
/// resampled across `left..1 - right` at the centres of `side` columns
/// (the other rows left at zero). A comparison that moves a window's top
/// and bottom keeps this and does only the second half (`shared.rs`).
fn across(sig: &PhotoSignature, left: f32, right: f32, side: usize, reached: Range<usize>) -> Vec<f32> {
    let columns = taps(left, right, side);
    let mut out = vec![0.0f32; GRID * side];
    // Plain loops: an iterator chain here did not vectorise.
    for y in reached {
        let row = &sig.luma[y * GRID..(y + 1) * GRID];
        for (o, &(x0, x1, ax)) in out[y * side..(y + 1) * side].iter_mut().zip(&columns) {
            *o = f32::from(row[x0]) * (1.0 - ax) + f32::from(row[x1]) * ax;
        }
    }
    out
}

/// The second half: rows of [`across`] mixed down at `rows` ([`taps`]).
fn mixed_down(across: &[f32], rows: &[(usize, usize, f32)], side: usize) -> Vec<f32> {
    let mut out = Vec::with_capacity(side * rows.len());
    for &(y0, y1, ay) in rows {
        let (top, bottom) = (&across[y0 * side..(y0 + 1) * side], &across[y1 * side..(y1 + 1) * side]);
        out.extend(top.iter().zip(bottom).map(|(t, b)| t * (1.0 - ay) + b * ay));
    }
    out
}

fn to_unit_length(mut values: Vec<f32>) -> Vec<f32> {
    let norm = sum_of_squares(&values).sqrt().max(1e-3);
    values.iter_mut().for_each(|v| *v /= norm);
    values
}

/// Sums in eight lanes: one running sum waits on each addition, and these
/// run for every window a comparison tries.
fn lane_sum(values: &[f32], term: impl Fn(f32) -> f32) -> f32 {
    let mut lanes = [0.0f32; 8];
    let chunks = values.chunks_exact(8);
    let rest: f32 = chunks.remainder().iter().map(|&v| term(v)).sum();
    for chunk in chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            *lane += term(v);
        }
    }
    lanes.iter().sum::<f32>() + rest
}

fn sum_of_squares(values: &[f32]) -> f32 {
    lane_sum(values, |v| v * v)
}

/// The local detail of `window` on the signature's grid: each value less
/// the mean of its neighbours within [`DETAIL_RADIUS`], scaled to length 1.
/// Large flat areas (a backdrop, a white cut-out's margin) weigh nothing
/// here, so two portraits of one layout differ by their faces.
fn detail(sig: &PhotoSignature, window: Window) -> Vec<f32> {
    to_unit_length(detail_values(sig, window))
}

/// [`detail`] before it is scaled.
fn detail_values(sig: &PhotoSignature, window: Window) -> Vec<f32> {
    let [left, right, top, bottom] = window;
    DetailRows::new(sig, left, right).mixed_down(top, bottom)
}

/// The first half of [`detail_values`] for one left and right: the
/// signature's rows resampled across ([`across`]), and each such row's sums
/// over the cells within [`DETAIL_RADIUS`] divided by their count. A
/// neighbourhood's mean is separable (a mean across, then a mean down), so
/// windows that differ only in top and bottom share this (`shared.rs`).
struct DetailRows {
    plain: Vec<f32>,
    means_across: Vec<f32>,
}

impl DetailRows {
    fn new(sig: &PhotoSignature, left: f32, right: f32) -> DetailRows {
        const SIDE: usize = GRID;
        const RADIUS: usize = DETAIL_RADIUS;
        let plain = across(sig, left, right, SIDE, 0..GRID);
        let mut means_across = vec![0.0f32; SIDE * GRID];
        for (row, out) in plain.chunks_exact(SIDE).zip(means_across.chunks_exact_mut(SIDE)) {
            // Box sums added a whole row at a time: cell x adds
            // row[x + offset - RADIUS] where that exists.
            for offset in 0..=2 * RADIUS {
                let (from, to) = (RADIUS.saturating_sub(offset), (SIDE + RADIUS - offset).min(SIDE));
                for (o, v) in out[from..to].iter_mut().zip(&row[from + offset - RADIUS..]) {
                    *o += v;
                }
            }
            out.iter_mut().zip(&NEIGHBOURS).for_each(|(o, n)| *o /= n);
        }
        DetailRows { plain, means_across }
    }

    /// The detail of the window from `top` to `1 - bottom`: each cell less
    /// the mean of its neighbourhood.
    fn mixed_down(&self, top: f32, bottom: f32) -> Vec<f32> {
        const SIDE: usize = GRID;
        let rows = taps(top, bottom, SIDE);
        let mut values = mixed_down(&self.plain, &rows, SIDE);
        let means_across = mixed_down(&self.means_across, &rows, SIDE);
        let row = |y: usize| &means_across[y * SIDE..(y + 1) * SIDE];
        // The sums down over the rows within DETAIL_RADIUS, kept running:
        // each next row adds the row entering and takes away the one leaving.
        let mut sums = [0.0f32; SIDE];
        for y in 0..DETAIL_RADIUS {
            sums.iter_mut().zip(row(y)).for_each(|(s, v)| *s += v);
        }
        for (y, out) in values.chunks_exact_mut(SIDE).enumerate() {
            if let Some(entering) = (y + DETAIL_RADIUS < SIDE).then(|| row(y + DETAIL_RADIUS)) {
                sums.iter_mut().zip(entering).for_each(|(s, v)| *s += v);
            }
            if let Some(leaving) = y.checked_sub(DETAIL_RADIUS + 1).map(row) {
                sums.iter_mut().zip(leaving).for_each(|(s, v)| *s -= v);
            }
            let count = NEIGHBOURS[y];
            out.iter_mut().zip(&sums).for_each(|(o, s)| *o -= s / count);
        }
        values
    }
}

/// How many cells of a row or column lie within [`DETAIL_RADIUS`] of each
/// (fewer at the edges), worked out once: dividing by a table runs as whole
/// rows at a time.
const NEIGHBOURS: [f32; GRID] = {
    let mut cells = [0.0f32; GRID];
    let mut at = 0;
    while at < GRID {
        let low = at.saturating_sub(DETAIL_RADIUS);
        let high = if at + DETAIL_RADIUS < GRID { at + DETAIL_RADIUS + 1 } else { GRID };
        cells[at] = (high - low) as f32;
        at += 1;
    }
    cells
};

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Mean colour difference between `window` of `a` and the whole of `b`.
fn colour_difference(a: &PhotoSignature, window: Window, b: &PhotoSignature) -> f32 {
    let [left, right, top, bottom] = window;
    let n = COLOUR_GRID;
    let mut sum = 0.0;
    for i in 0..n * n {
        let (cx, cy) = (((i % n) as f32 + 0.5) / n as f32, ((i / n) as f32 + 0.5) / n as f32);
        let (ax, ay) = (left + (1.0 - left - right) * cx, top + (1.0 - top - bottom) * cy);
        for channel in 0..2 {
            sum += (a.colour_at(ax, ay, channel) - b.colour_at(cx, cy, channel)).abs();
        }
    }
    sum / (2 * n * n) as f32
}

/// A coarse pattern, quantised to bytes (a unit vector's values times
/// [`QUANTUM`], never clipped): the stored side of the coarse step, 64 bytes.
type Coarse = [i8; COARSE * COARSE];
const QUANTUM: f32 = 127.0;
/// The trims of the stored centre pattern, per side.
const CENTRE_TRIM: f32 = 0.10;

fn quantise(pattern: &[f32]) -> Coarse {
    let mut out = [0i8; COARSE * COARSE];
    for (o, v) in out.iter_mut().zip(pattern) {
        *o = (v * QUANTUM).round().clamp(-127.0, 127.0) as i8;
    }
    out
}

/// Side of the pooled pattern the coarse step bounds its products with.
const POOLED: usize = COARSE / 2;

/// A coarse pattern with what bounds its dot products cheaply: its
/// projection on 2 × 2 blocks (an orthonormal basis: each block's sum
/// halved) and the length of the rest. For any two patterns
/// `a·b = Pa·Pb + a⊥·b⊥ ≤ Pa·Pb + |a⊥||b⊥|` (Cauchy–Schwarz), so a pair
/// whose bound is below [`COARSE_MIN`] is skipped without the full product:
/// an exact pruning, found alignments are the same.
#[derive(Clone, Debug)]
struct CoarsePattern {
    values: Coarse,
    pooled: [f32; POOLED * POOLED],
    rest: f32,
}

impl CoarsePattern {
    fn new(pattern: &[f32]) -> CoarsePattern {
        let values = quantise(pattern);
        let mut pooled = [0f32; POOLED * POOLED];
        for (i, v) in values.iter().enumerate() {
            let (x, y) = (i % COARSE, i / COARSE);
            pooled[(y / 2) * POOLED + x / 2] += f32::from(*v) / 2.0;
        }
        let total: f32 = values.iter().map(|v| f32::from(*v) * f32::from(*v)).sum();
        let projected: f32 = pooled.iter().map(|v| v * v).sum();
        CoarsePattern { values, pooled, rest: (total - projected).max(0.0).sqrt() }
    }

    /// At least [`coarse_dot`] of the two, for a sixteenth of the work.
    fn bound(&self, other: &CoarsePattern) -> f32 {
        let pooled: f32 = self.pooled.iter().zip(&other.pooled).map(|(a, b)| a * b).sum();
        // A little over, for the rounding of the float sums.
        (pooled + self.rest * other.rest) / (QUANTUM * QUANTUM) + 1e-4
    }

    fn dot(&self, other: &CoarsePattern) -> f32 {
        coarse_dot(&self.values, &other.values)
    }
}

fn coarse_dot(a: &Coarse, b: &Coarse) -> f32 {
    a.iter().zip(b).map(|(x, y)| i32::from(*x) * i32::from(*y)).sum::<i32>() as f32 / (QUANTUM * QUANTUM)
}

/// A signature with the two coarse patterns other photos are compared with:
/// the whole picture, and its centre (10 % trimmed from each side). A
/// picture that is a crop of this one matches a window of it near the
/// centre's; one that this is a crop of has a window matching the whole.
#[derive(Clone, Debug)]
pub struct PreparedPhoto {
    signature: PhotoSignature,
    whole: CoarsePattern,
    centre: CoarsePattern,
}

impl PreparedPhoto {
    pub fn new(signature: PhotoSignature) -> PreparedPhoto {
        let whole = CoarsePattern::new(&pattern(&signature, WHOLE, COARSE));
        let centre = CoarsePattern::new(&pattern(&signature, [CENTRE_TRIM; 4], COARSE));
        PreparedPhoto { signature, whole, centre }
    }

    pub fn signature(&self) -> &PhotoSignature {
        &self.signature
    }

    /// This photo's 81 trimmed windows, as a query compares them.
    fn windows(&self) -> Vec<(Window, CoarsePattern)> {
        trimmed_windows().map(|w| (w, CoarsePattern::new(&pattern(&self.signature, w, COARSE)))).collect()
    }
}

/// Every window with each side trimmed by one of [`TRIMS`] (81), left
/// outermost: the windows a query compares.
fn trimmed_windows() -> impl Iterator<Item = Window> {
    TRIMS.into_iter().flat_map(|left| {
        TRIMS.into_iter().flat_map(move |right| {
            TRIMS.into_iter().flat_map(move |top| TRIMS.into_iter().map(move |bottom| [left, right, top, bottom]))
        })
    })
}

/// How alike two photos are (the correlation of their aligned detail, up to
/// 1), where either may be a crop of the other; `None` when no alignment
/// comes near, or their light and shade or colours differ. `new` is the
/// photo being compared (its windows are worked out here), `stored` one
/// compared with.
pub fn similarity(new: &PreparedPhoto, stored: &PreparedPhoto) -> Option<f32> {
    similarity_with(new, &new.windows(), stored)
}

fn similarity_with(new: &PreparedPhoto, windows: &[(Window, CoarsePattern)], stored: &PreparedPhoto) -> Option<f32> {
    // The window of `new` most like `target`, if one reaches COARSE_MIN;
    // windows whose bound cannot beat the best so far are skipped.
    let best = |target: &CoarsePattern| {
        let mut found: Option<(Window, f32)> = None;
        for (w, p) in windows {
            let floor = found.map_or(COARSE_MIN, |(_, c)| c);
            if p.bound(target) < floor {
                continue;
            }
            let c = p.dot(target);
            if c >= floor && found.is_none_or(|(_, best)| c > best) {
                found = Some((*w, c));
            }
        }
        found
    };
    // `stored` is a crop of `new`: one of new's windows is stored's whole.
    let stored_inside = best(&stored.whole).map(|(w, _)| (new, stored, w));
    // `new` is a crop of `stored`: stored's centre is one of new's windows,
    // from which follows where new lies in stored.
    let new_inside = best(&stored.centre).map(|(w, _)| {
        let axis = |near: f32, far: f32| {
            let span = (1.0 - 2.0 * CENTRE_TRIM) / (1.0 - near - far).max(0.5);
            let (near, far) = (CENTRE_TRIM - near * span, CENTRE_TRIM - far * span);
            (near.clamp(0.0, MAX_TRIM), far.clamp(0.0, MAX_TRIM))
        };
        let ((left, right), (top, bottom)) = (axis(w[0], w[1]), axis(w[2], w[3]));
        (stored, new, [left, right, top, bottom])
    });
    [stored_inside, new_inside]
        .into_iter()
        .flatten()
        .filter_map(|(outer, inner, window)| {
            let (window, shape) = refine(&outer.signature, &inner.signature, window);
            if shape < SAME_SHAPE
                || colour_difference(&outer.signature, window, &inner.signature) > MAX_COLOUR_DIFFERENCE
            {
                return None;
            }
            Some(dot(&detail(&outer.signature, window), &detail(&inner.signature, WHOLE)))
        })
        .max_by(|x, y| x.total_cmp(y))
}

/// Moves each side of `window` of `outer` while the correlation with the
/// whole of `inner` grows, in steps of 2 %, then 1 %, then 0.5 %.
fn refine(outer: &PhotoSignature, inner: &PhotoSignature, window: Window) -> (Window, f32) {
    let target = pattern(inner, WHOLE, FINE);
    climb(window, &[0.02, 0.01, 0.005], |_| (0.0, MAX_TRIM), |w| dot(&pattern(outer, w, FINE), &target))
}

/// Moves each side of `window` by each of `steps` in turn, within
/// `limits(side)`, while `score` grows (a coordinate ascent); the window
/// reached and its score.
fn climb(
    mut window: Window,
    steps: &[f32],
    limits: impl Fn(usize) -> (f32, f32),
    score: impl Fn(Window) -> f32,
) -> (Window, f32) {
    let mut best = score(window);
    for step in steps {
        let mut improved = true;
        while improved {
            improved = false;
            for side in 0..4 {
                let (low, high) = limits(side);
                for direction in [-1.0, 1.0] {
                    let mut tried = window;
                    tried[side] = (tried[side] + direction * step).clamp(low, high);
                    if tried == window {
                        continue;
                    }
                    let s = score(tried);
                    if s > best + 1e-5 {
                        (best, window, improved) = (s, tried, true);
                    }
                }
            }
        }
    }
    (window, best)
}

/// Why a picture was not taken as a photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotAPhoto {
    TooSmall,
    /// Its pixels do not add up to `width × height × 4` bytes.
    BadPixels,
    /// Flat or nearly flat: a placeholder or a default avatar.
    Placeholder,
}

struct Rgba<'a> {
    width: u32,
    height: u32,
    pixels: &'a [u8],
}

impl Rgba<'_> {
    /// A pixel's red, green and blue as it shows on a white page: transparent
    /// pixels count as white, as they show on most pages.
    fn over_white(&self, x: u32, y: u32) -> [u32; 3] {
        let i = ((y * self.width + x) * 4) as usize;
        let p = &self.pixels[i..i + 4];
        let alpha = u32::from(p[3]);
        [p[0], p[1], p[2]].map(|c| (u32::from(c) * alpha + 255 * (255 - alpha)) / 255)
    }

    fn brightness(&self, x: u32, y: u32) -> u32 {
        self.over_white(x, y).iter().sum()
    }

    /// The points of a grid of at most about 64 × 64 over the picture: the
    /// placeholder checks look at these, not every pixel.
    fn sample_grid(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let step_x = (self.width / 64).max(1) as usize;
        let step_y = (self.height / 64).max(1) as usize;
        (0..self.height).step_by(step_y).flat_map(move |y| (0..self.width).step_by(step_x).map(move |x| (x, y)))
    }

    /// Mean brightness (BT.601 luma) of each cell of a `GRID × GRID` grid
    /// and mean colour of each cell of a `COLOUR_GRID` grid, over the whole
    /// picture whatever its shape.
    fn signature(&self) -> PhotoSignature {
        let mut luma = vec![(0f64, 0u32); GRID * GRID];
        let mut colour = vec![(0f64, 0f64, 0u32); COLOUR_GRID * COLOUR_GRID];
        for y in 0..self.height {
            let gy = (y as usize * GRID) / self.height as usize;
            let cy = (y as usize * COLOUR_GRID) / self.height as usize;
            for x in 0..self.width {
                let [r, g, b] = self.over_white(x, y).map(f64::from);
                let lum = 0.299 * r + 0.587 * g + 0.114 * b;
                let cell = &mut luma[gy * GRID + (x as usize * GRID) / self.width as usize];
                cell.0 += lum;
                cell.1 += 1;
                let cell = &mut colour[cy * COLOUR_GRID + (x as usize * COLOUR_GRID) / self.width as usize];
                cell.0 += 0.564 * (b - lum);
                cell.1 += 0.713 * (r - lum);
                cell.2 += 1;
            }
        }
        // A picture narrower than the grid leaves cells empty: they take
        // their left (or upper) neighbour's value.
        let mut last = 0u8;
        let luma = luma
            .iter()
            .map(|&(sum, n)| {
                if n > 0 {
                    last = (sum / f64::from(n)).round().clamp(0.0, 255.0) as u8;
                }
                last
            })
            .collect();
        let mut last = [128u8; 2];
        let colour = colour
            .iter()
            .map(|&(blue, red, n)| {
                if n > 0 {
                    let n = f64::from(n);
                    last = [blue, red].map(|c| (128.0 + c / n).round().clamp(0.0, 255.0) as u8);
                }
                last
            })
            .collect();
        PhotoSignature { luma, colour }
    }
}

/// A photo's signature from its RGBA pixels (row-major, 4 bytes per pixel).
pub fn signature_rgba(width: u32, height: u32, pixels: &[u8]) -> Result<PhotoSignature, NotAPhoto> {
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(NotAPhoto::TooSmall);
    }
    if (width as usize).checked_mul(height as usize).and_then(|n| n.checked_mul(4)) != Some(pixels.len()) {
        return Err(NotAPhoto::BadPixels);
    }
    let image = Rgba { width, height, pixels };
    if brightness_spread(&image) < MIN_PHOTO_SPREAD || is_low_detail(&image) {
        return Err(NotAPhoto::Placeholder);
    }
    Ok(image.signature())
}

/// Standard deviation of brightness over a sample grid (0-255 scale).
fn brightness_spread(image: &Rgba<'_>) -> f64 {
    let (mut n, mut sum, mut sum_sq) = (0f64, 0f64, 0f64);
    for (x, y) in image.sample_grid() {
        let b = f64::from(image.brightness(x, y)) / 3.0;
        n += 1.0;
        sum += b;
        sum_sq += b * b;
    }
    let mean = sum / n;
    (sum_sq / n - mean * mean).max(0.0).sqrt()
}

/// Share of the sampled pixels the four commonest colours may cover before
/// a picture counts as drawn, not photographed.
const MAX_FEW_COLOURS_SHARE: f64 = 0.92;

/// A drawing of a few flat colours (a site's silhouette avatar, an
/// identicon, initials on a disc), saved or re-encoded so that its address
/// no longer says what it is: its four commonest colours, coarsely binned
/// (8 levels a channel, so JPEG noise and anti-aliased edges stay in their
/// bins), cover nearly all of it. A photograph's light, skin and hair spread
/// over many.
fn is_low_detail(image: &Rgba<'_>) -> bool {
    let mut bins = vec![0u32; 512];
    let mut n = 0u32;
    for (x, y) in image.sample_grid() {
        let [r, g, b] = image.over_white(x, y).map(|c| (c / 32) as usize);
        bins[r * 64 + g * 8 + b] += 1;
        n += 1;
    }
    bins.sort_unstable_by(|a, b| b.cmp(a));
    let top: u32 = bins[..4].iter().sum();
    // And few colours of any weight: a plain-backdrop headshot has its
    // backdrop and suit in two bins, but its skin's light spreads over many.
    let significant = bins.iter().take_while(|&&count| count * 100 >= n).count();
    f64::from(top) >= MAX_FEW_COLOURS_SHARE * f64::from(n) && significant <= 6
}

/// Addresses of the sites' default avatars and generated placeholders.
pub fn is_placeholder_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "default-avatar",
        "default_avatar",
        "defaultavatar",
        "avatar-default",
        "avatar_default",
        "placeholder",
        "no-photo",
        "nophoto",
        "no_image",
        "anonymous",
        "ghost-person",
        "blank-profile",
        "identicon",
        "d=mp",
        "d=identicon",
        "/avatars/default",
    ];
    MARKERS.iter().any(|m| lower.contains(m))
}

/// Stored photos by owner, compared with a new one by [`similarity`].
/// Every stored photo is compared (crop-tolerant matching has no exact
/// index): the coarse step is 162 dot products of 64 bytes per stored
/// photo, and only near pairs are refined.
pub struct PhotoIndex<K> {
    photos: HashMap<K, PreparedPhoto>,
}

impl<K: Clone + Eq + Hash> Default for PhotoIndex<K> {
    fn default() -> Self {
        PhotoIndex { photos: HashMap::new() }
    }
}

impl<K: Clone + Eq + Hash> PhotoIndex<K> {
    pub fn insert(&mut self, owner: K, signature: PhotoSignature) {
        self.photos.insert(owner, PreparedPhoto::new(signature));
    }

    pub fn remove(&mut self, owner: &K) {
        self.photos.remove(owner);
    }

    /// Stored photos that are the same picture as `owner`'s, most alike
    /// first, with their similarity (0-1).
    pub fn same_picture(&self, owner: &K) -> Vec<(K, f32)> {
        let Some(photo) = self.photos.get(owner) else { return Vec::new() };
        let windows = photo.windows();
        let mut out: Vec<(K, f32)> = self
            .photos
            .iter()
            .filter(|(k, _)| *k != owner)
            .filter_map(|(k, other)| {
                similarity_with(photo, &windows, other).filter(|s| *s >= SAME_PHOTO).map(|s| (k.clone(), s))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    pub fn get(&self, owner: &K) -> Option<&PhotoSignature> {
        self.photos.get(owner).map(PreparedPhoto::signature)
    }

    pub fn len(&self) -> usize {
        self.photos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.photos.is_empty()
    }
}

/// SplitMix64's finaliser: a fast, well-mixed, seedable 64-bit hash step
/// (the core's MinHash and team keys use it too: `vetter::reuse::mix`).
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Pictures for tests, here and in the core's tests (not part of the API).
#[doc(hidden)]
pub mod testing {
    use super::mix;

    /// A synthetic "portrait": a lit oval on a gradient, with texture, so
    /// that it has structure at several scales like a photo.
    pub fn portrait(width: u32, height: u32, seed: u32) -> Vec<u8> {
        let mut px = Vec::with_capacity((width * height * 4) as usize);
        for y in 0..height {
            for x in 0..width {
                let (fx, fy) = (x as f64 / width as f64, y as f64 / height as f64);
                let dx = (fx - 0.5 - 0.05 * f64::from(seed % 3)) / 0.28;
                let dy = (fy - 0.45) / 0.36;
                let face = if dx * dx + dy * dy < 1.0 { 120.0 } else { 0.0 };
                let wave = 40.0 * ((fx * (7 + seed % 5) as f64).sin() * (fy * (5 + seed % 7) as f64).cos());
                // Features of this picture alone (as a face and its light
                // are): patches of light and shade on a 20 × 20 grid.
                let patch = (fx * 20.0) as u64 * 20 + (fy * 20.0) as u64;
                let feature = (mix(patch ^ u64::from(seed) << 32) % 48) as f64 - 24.0;
                let v = (60.0 + 80.0 * fy + face + wave + feature).clamp(0.0, 255.0) as u8;
                px.extend_from_slice(&[v, v.saturating_sub(20), v / 2, 255]);
            }
        }
        px
    }

    /// Nearest-neighbour resize, for the tests.
    pub fn resize(px: &[u8], w: u32, h: u32, nw: u32, nh: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity((nw * nh * 4) as usize);
        for y in 0..nh {
            for x in 0..nw {
                let (sx, sy) = (x * w / nw, y * h / nh);
                let i = ((sy * w + sx) * 4) as usize;
                out.extend_from_slice(&px[i..i + 4]);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{portrait, resize};
    use super::*;

    fn prepared(width: u32, height: u32, px: &[u8]) -> PreparedPhoto {
        PreparedPhoto::new(signature_rgba(width, height, px).unwrap())
    }

    #[test]
    fn a_resized_copy_is_the_same_picture_and_another_picture_is_not() {
        let original = portrait(200, 200, 1);
        let a = prepared(200, 200, &original);
        let b = prepared(96, 96, &resize(&original, 200, 200, 96, 96));
        assert!(similarity(&a, &b).is_some_and(|s| s >= SAME_PHOTO), "resized: {:?}", similarity(&a, &b));
        let other = prepared(200, 200, &portrait(200, 200, 4));
        assert!(similarity(&a, &other).is_none_or(|s| s < SAME_PHOTO), "different: {:?}", similarity(&a, &other));
        let text = a.signature().to_text();
        assert_eq!(PhotoSignature::from_text(&text).as_ref(), Some(a.signature()));
        // Blockhash hex of earlier versions, damaged or foreign text: not a signature.
        assert_eq!(PhotoSignature::from_text(&"3c5a96e1f00f7b21".repeat(4)), None);
        assert_eq!(PhotoSignature::from_text(&text[..text.len() - 2]), None);
        assert_eq!(PhotoSignature::from_text(&text.replace("s1:", "s9:")), None);
    }

    /// The part of a picture between the given trims (pixels).
    fn crop(px: &[u8], w: u32, h: u32, [left, right, top, bottom]: [u32; 4]) -> (u32, u32, Vec<u8>) {
        let (nw, nh) = (w - left - right, h - top - bottom);
        let mut out = Vec::with_capacity((nw * nh * 4) as usize);
        for y in top..h - bottom {
            let row = ((y * w + left) * 4) as usize;
            out.extend_from_slice(&px[row..row + (nw * 4) as usize]);
        }
        (nw, nh, out)
    }

    /// Issue #15: a crop of a few percent per side (as sites crop uploads)
    /// was a different picture to the fixed hash.
    #[test]
    fn a_cropped_copy_still_counts_as_the_same_picture() {
        let original = portrait(200, 200, 1);
        let a = prepared(200, 200, &original);
        for trims in [[4, 4, 4, 4], [16, 2, 0, 10], [0, 20, 20, 0], [12, 12, 18, 6]] {
            let (w, h, px) = crop(&original, 200, 200, trims);
            let small = resize(&px, w, h, w / 2, h / 2);
            let b = prepared(w / 2, h / 2, &small);
            for (new, stored) in [(&a, &b), (&b, &a)] {
                let alike = similarity(new, stored);
                assert!(alike.is_some_and(|s| s >= SAME_PHOTO), "cropped {trims:?}: {alike:?}");
            }
        }
    }

    /// A two-tone silhouette avatar (head and shoulders), as sites draw
    /// their default pictures.
    fn silhouette(size: u32, noise: u32) -> Vec<u8> {
        let mut px = Vec::with_capacity((size * size * 4) as usize);
        for y in 0..size {
            for x in 0..size {
                let (fx, fy) = (x as f64 / size as f64 - 0.5, y as f64 / size as f64);
                let head = fx * fx + (fy - 0.38) * (fy - 0.38) < 0.04;
                let shoulders = fy > 0.7 && fx * fx + (fy - 1.05) * (fy - 1.05) < 0.16;
                let base: u8 = if head || shoulders { 160 } else { 225 };
                // Re-encoding noise, repeatable.
                let jitter = ((x * 7 + y * 13) % (2 * noise + 1)) as i32 - noise as i32;
                let v = (i32::from(base) + jitter).clamp(0, 255) as u8;
                px.extend_from_slice(&[v, v, v.saturating_add(8), 255]);
            }
        }
        px
    }

    /// Issue #15: a plain two-tone silhouette saved locally was PHOTO_REUSE
    /// between two candidates. A drawing of a few colours is never a photo;
    /// the synthetic portraits (gradients, light, texture) still are.
    #[test]
    fn drawings_of_a_few_colours_are_placeholders_and_portraits_are_not() {
        for (size, noise) in [(200, 0), (200, 4), (96, 6), (400, 2)] {
            assert_eq!(
                signature_rgba(size, size, &silhouette(size, noise)),
                Err(NotAPhoto::Placeholder),
                "{size} ±{noise}"
            );
        }
        for seed in 0..12 {
            assert!(signature_rgba(160, 160, &portrait(160, 160, seed)).is_ok(), "portrait {seed}");
        }
        // A headshot on a plain backdrop: most of it backdrop and suit, the
        // face lit from one side.
        let headshot: Vec<u8> = (0..200u32 * 200)
            .flat_map(|i| {
                let (x, y) = (f64::from(i % 200) / 200.0 - 0.5, f64::from(i / 200) / 200.0);
                let face = x * x / 0.04 + (y - 0.4) * (y - 0.4) / 0.07 < 1.0;
                let v = if face {
                    (150.0 + 180.0 * x + 60.0 * (y - 0.4)).clamp(0.0, 255.0) as u8
                } else if y > 0.72 {
                    30
                } else {
                    245
                };
                [v, (f64::from(v) * 0.8) as u8, (f64::from(v) * 0.65) as u8, 255]
            })
            .collect();
        assert!(signature_rgba(200, 200, &headshot).is_ok(), "a lit face on a plain backdrop is a photo");
    }

    #[test]
    fn flat_pictures_and_bad_buffers_are_not_photos() {
        let grey = vec![200u8; 64 * 64 * 4];
        assert_eq!(signature_rgba(64, 64, &grey), Err(NotAPhoto::Placeholder));
        assert_eq!(signature_rgba(64, 64, &grey[..100]), Err(NotAPhoto::BadPixels));
        assert_eq!(signature_rgba(8, 8, &grey[..256]), Err(NotAPhoto::TooSmall));
        assert!(is_placeholder_address("https://www.gravatar.com/avatar/00?d=mp"));
        assert!(!is_placeholder_address("https://avatars.githubusercontent.com/u/1234?v=4"));
    }

    /// The pruning bound is never below the product it stands for, so the
    /// coarse step finds what comparing every window would.
    #[test]
    fn the_coarse_bound_never_undercuts_the_product() {
        let photos: Vec<PreparedPhoto> = (0..6).map(|seed| prepared(120, 150, &portrait(120, 150, seed))).collect();
        let mut compared = 0;
        for a in &photos {
            for (_, window) in a.windows() {
                for b in &photos {
                    for target in [&b.whole, &b.centre] {
                        assert!(
                            window.bound(target) >= window.dot(target),
                            "{} < {}",
                            window.bound(target),
                            window.dot(target)
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert_eq!(compared, 6 * 81 * 12);
    }

    #[test]
    fn the_index_finds_the_same_picture_and_forgets_removed_ones() {
        let mut index = PhotoIndex::default();
        let original = portrait(160, 160, 2);
        index.insert(0u32, signature_rgba(160, 160, &original).unwrap());
        let (w, h, px) = crop(&original, 160, 160, [8, 0, 4, 12]);
        index.insert(1, signature_rgba(w, h, &px).unwrap());
        for seed in 3..8 {
            index.insert(seed, signature_rgba(160, 160, &portrait(160, 160, seed)).unwrap());
        }
        let found: Vec<u32> = index.same_picture(&0).into_iter().map(|(k, _)| k).collect();
        assert_eq!(found, vec![1]);
        assert_eq!(index.same_picture(&1).into_iter().map(|(k, _)| k).collect::<Vec<_>>(), vec![0]);
        index.remove(&1);
        assert!(index.same_picture(&0).is_empty());
        assert_eq!(index.len(), 6);
    }
}
