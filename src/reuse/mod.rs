//! Material reused across candidates: near-identical texts (bid and bio
//! templates) and photos. Both are indexed so that a store of 100,000
//! profiles answers "who else has this?" without comparing with everyone.

/// Photos: a crate of their own (`crates/photo`), built for speed in the
/// wasm where the rest is built for size (a team lookup compares a photo
/// with thousands).
pub use vetter_photo as photo;
pub mod text;

/// SplitMix64's finaliser (kept in the photo crate, which cannot depend on
/// the core).
pub(crate) use photo::mix;
