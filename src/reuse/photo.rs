//! Profile photos reused across candidates: perceptual hashes and a
//! Hamming-distance index.
//!
//! A photo is hashed with Blockhash (256 bits) from its pixels, which the
//! browser decodes (or the CLI, natively). Resizing and re-compression move
//! a few bits, a crop of 1-2 % per side about 8-14 (the tests measure it);
//! a different picture moves about half. The index is multi-index
//! hashing: the 256 bits, shuffled, are cut into 16 chunks of 16 bits, and
//! two hashes within 15 bits of each other must agree exactly on at least
//! one chunk (pigeonhole), so a query reads 16 buckets instead of every
//! stored photo.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

pub const HASH_BYTES: usize = 32;
const CHUNKS: usize = 16;
/// Bits (of 256) within which two photos count as the same picture. The
/// index finds everything within `CHUNKS - 1` bits.
pub const SAME_PHOTO_BITS: u32 = 15;
/// Brightness spread (standard deviation, 0-255) below which a picture is a
/// flat placeholder, not a photo.
const MIN_PHOTO_SPREAD: f64 = 12.0;
/// Smallest picture worth hashing.
const MIN_SIDE: u32 = 16;

/// A photo's perceptual hash.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PhotoHash(pub [u8; HASH_BYTES]);

impl std::fmt::Debug for PhotoHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhotoHash({})", self.to_hex())
    }
}

impl PhotoHash {
    pub fn distance(&self, other: &PhotoHash) -> u32 {
        self.0.iter().zip(other.0.iter()).map(|(a, b)| (a ^ b).count_ones()).sum()
    }

    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn from_hex(hex: &str) -> Option<PhotoHash> {
        if hex.len() != HASH_BYTES * 2 || !hex.is_ascii() {
            return None;
        }
        let mut out = [0u8; HASH_BYTES];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok()?;
        }
        Some(PhotoHash(out))
    }

    /// The 16-bit chunk `n` of the shuffled hash.
    fn chunk(&self, n: usize) -> u16 {
        (0..16).fold(0u16, |acc, i| {
            let bit = SHUFFLE[n * 16 + i];
            let set = self.0[bit / 8] >> (bit % 8) & 1;
            acc << 1 | u16::from(set)
        })
    }
}

/// A fixed shuffle of the 256 bit positions, so that a chunk mixes bits
/// from all over the picture (neighbouring blocks are correlated: a plain
/// background would otherwise make a few chunks very crowded).
const SHUFFLE: [usize; 256] = {
    let mut order = [0usize; 256];
    let mut i = 0;
    while i < 256 {
        // 167 is odd, hence coprime with 256: a permutation.
        order[i] = (i * 167 + 61) % 256;
        i += 1;
    }
    order
};

/// Why a picture was not hashed as a photo.
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

impl blockhash::Image for Rgba<'_> {
    const MAX_BRIGHTNESS: u32 = 255 * 3;

    fn dimensions(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn brightness(&self, x: u32, y: u32) -> u32 {
        self.over_white(x, y).iter().sum()
    }
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

    /// The points of a grid of at most about 64 × 64 over the picture: the
    /// placeholder checks look at these, not every pixel.
    fn sample_grid(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let step_x = (self.width / 64).max(1) as usize;
        let step_y = (self.height / 64).max(1) as usize;
        (0..self.height).step_by(step_y).flat_map(move |y| (0..self.width).step_by(step_x).map(move |x| (x, y)))
    }
}

/// Hashes a picture from its RGBA pixels (row-major, 4 bytes per pixel).
pub fn hash_rgba(width: u32, height: u32, pixels: &[u8]) -> Result<PhotoHash, NotAPhoto> {
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
    Ok(PhotoHash(blockhash::blockhash256(&image).into()))
}

/// Standard deviation of brightness over a sample grid (0-255 scale).
fn brightness_spread(image: &Rgba<'_>) -> f64 {
    use blockhash::Image;
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

/// Stored photo hashes by owner, queried by Hamming distance.
pub struct PhotoIndex<K> {
    hashes: HashMap<K, PhotoHash>,
    chunks: Vec<HashMap<u16, Vec<K>>>,
}

impl<K: Clone + Eq + Hash> Default for PhotoIndex<K> {
    fn default() -> Self {
        PhotoIndex { hashes: HashMap::new(), chunks: vec![HashMap::new(); CHUNKS] }
    }
}

impl<K: Clone + Eq + Hash> PhotoIndex<K> {
    pub fn insert(&mut self, owner: K, hash: PhotoHash) {
        self.remove(&owner);
        for (n, table) in self.chunks.iter_mut().enumerate() {
            table.entry(hash.chunk(n)).or_default().push(owner.clone());
        }
        self.hashes.insert(owner, hash);
    }

    pub fn remove(&mut self, owner: &K) {
        let Some(hash) = self.hashes.remove(owner) else { return };
        for (n, table) in self.chunks.iter_mut().enumerate() {
            let key = hash.chunk(n);
            if let Some(owners) = table.get_mut(&key) {
                owners.retain(|o| o != owner);
                if owners.is_empty() {
                    table.remove(&key);
                }
            }
        }
    }

    /// Stored photos within `max_bits` (at most 15) of `hash`, nearest first.
    pub fn within(&self, hash: &PhotoHash, max_bits: u32) -> Vec<(K, u32)> {
        debug_assert!(max_bits < CHUNKS as u32, "the index only guarantees distances below {CHUNKS}");
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (n, table) in self.chunks.iter().enumerate() {
            for owner in table.get(&hash.chunk(n)).into_iter().flatten() {
                if seen.insert(owner) {
                    let d = self.hashes[owner].distance(hash);
                    if d <= max_bits {
                        out.push((owner.clone(), d));
                    }
                }
            }
        }
        out.sort_by_key(|(_, d)| *d);
        out
    }

    /// The same query by comparing with every stored photo (for tests and
    /// the benchmark's baseline).
    pub fn within_brute_force(&self, hash: &PhotoHash, max_bits: u32) -> Vec<(K, u32)> {
        let mut out: Vec<(K, u32)> =
            self.hashes.iter().map(|(k, h)| (k.clone(), h.distance(hash))).filter(|(_, d)| *d <= max_bits).collect();
        out.sort_by_key(|(_, d)| *d);
        out
    }

    pub fn get(&self, owner: &K) -> Option<&PhotoHash> {
        self.hashes.get(owner)
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

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
                let v = (60.0 + 80.0 * fy + face + wave).clamp(0.0, 255.0) as u8;
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

    #[test]
    fn a_resized_copy_hashes_close_and_another_picture_far() {
        let original = portrait(200, 200, 1);
        let a = hash_rgba(200, 200, &original).unwrap();
        let small = resize(&original, 200, 200, 96, 96);
        let b = hash_rgba(96, 96, &small).unwrap();
        assert!(a.distance(&b) <= SAME_PHOTO_BITS, "resized: {}", a.distance(&b));
        let other = hash_rgba(200, 200, &portrait(200, 200, 4)).unwrap();
        assert!(a.distance(&other) > 40, "different: {}", a.distance(&other));
        assert_eq!(PhotoHash::from_hex(&a.to_hex()), Some(a));
    }

    fn crop(px: &[u8], w: u32, h: u32, margin: u32) -> (u32, u32, Vec<u8>) {
        let (nw, nh) = (w - 2 * margin, h - 2 * margin);
        let mut out = Vec::with_capacity((nw * nh * 4) as usize);
        for y in margin..h - margin {
            let row = ((y * w + margin) * 4) as usize;
            out.extend_from_slice(&px[row..row + (nw * 4) as usize]);
        }
        (nw, nh, out)
    }

    #[test]
    fn a_slightly_cropped_copy_still_counts_as_the_same_picture() {
        let original = portrait(200, 200, 1);
        let a = hash_rgba(200, 200, &original).unwrap();
        for margin in [2, 4] {
            let (w, h, px) = crop(&original, 200, 200, margin);
            let d = a.distance(&hash_rgba(w, h, &px).unwrap());
            eprintln!("crop {margin}px each side: {d} bits");
            assert!(d <= SAME_PHOTO_BITS, "cropped {margin}px: {d}");
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
            assert_eq!(hash_rgba(size, size, &silhouette(size, noise)), Err(NotAPhoto::Placeholder), "{size} ±{noise}");
        }
        for seed in 0..12 {
            assert!(hash_rgba(160, 160, &portrait(160, 160, seed)).is_ok(), "portrait {seed}");
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
        assert!(hash_rgba(200, 200, &headshot).is_ok(), "a lit face on a plain backdrop is a photo");
    }

    #[test]
    fn flat_pictures_and_bad_buffers_are_not_photos() {
        let grey = vec![200u8; 64 * 64 * 4];
        assert_eq!(hash_rgba(64, 64, &grey), Err(NotAPhoto::Placeholder));
        assert_eq!(hash_rgba(64, 64, &grey[..100]), Err(NotAPhoto::BadPixels));
        assert_eq!(hash_rgba(8, 8, &grey[..256]), Err(NotAPhoto::TooSmall));
        assert!(is_placeholder_address("https://www.gravatar.com/avatar/00?d=mp"));
        assert!(!is_placeholder_address("https://avatars.githubusercontent.com/u/1234?v=4"));
    }

    #[test]
    fn the_index_finds_exactly_what_a_full_scan_finds() {
        let mut index = PhotoIndex::default();
        let base = hash_rgba(120, 120, &portrait(120, 120, 2)).unwrap();
        let mut state = 7u64;
        for i in 0..2_000u32 {
            let mut h = base;
            // Flip a pseudo-random number of bits: some near, most far.
            state = crate::reuse::mix(state);
            let flips = if i % 50 == 0 { (state % 12) as usize } else { 40 + (state % 60) as usize };
            for f in 0..flips {
                let bit = (crate::reuse::mix(state + f as u64) % 256) as usize;
                h.0[bit / 8] ^= 1 << (bit % 8);
            }
            index.insert(i, h);
        }
        let sorted = |mut v: Vec<(u32, u32)>| {
            v.sort();
            v
        };
        let fast = sorted(index.within(&base, SAME_PHOTO_BITS));
        assert!(fast.len() >= 20, "{}", fast.len());
        assert_eq!(fast, sorted(index.within_brute_force(&base, SAME_PHOTO_BITS)));
        index.remove(&0);
        assert!(index.within(&base, SAME_PHOTO_BITS).iter().all(|(k, _)| *k != 0));
    }
}
