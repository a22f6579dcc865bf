//! Material reused across candidates: near-identical texts (bid and bio
//! templates) and photos. Both are indexed so that a store of 100,000
//! profiles answers "who else has this?" without comparing with everyone.

/// Photos: a crate of their own (`crates/photo`), built for speed in the
/// wasm where the rest is built for size (a team lookup compares a photo
/// with thousands).
pub use vetter_photo as photo;
pub mod text;

/// SplitMix64's finaliser: a fast, well-mixed, seedable 64-bit hash step.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
