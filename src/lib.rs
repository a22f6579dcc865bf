//! Vetter's core: reads candidate profile pages, links the profiles of one
//! candidate into a case, and cross-checks them for the inconsistencies
//! that public guidance on DPRK IT workers names as red flags.
//!
//! Everything here is platform-free and tested natively; the browser layer
//! ([`web`], wasm32 only) and the `vetter` command ([`cli`]) are thin.
//!
//! ```
//! let html = r#"<!-- saved from url=(0026)https://github.com/jdoe42 -->
//!   <span class="p-name vcard-fullname">Jane Doe</span>"#;
//! let profile = vetter::extract::extract(None, html)?;
//! assert_eq!(profile.name.unwrap().value, "Jane Doe");
//! # Ok::<(), vetter::extract::ExtractError>(())
//! ```
//!
//! # Untrusted input
//! Pages are hostile input. Extraction caps the page size
//! ([`extract::MAX_PAGE_BYTES`]) and every field's length, keeps values as
//! inert text, and [`render`] escapes them. No input is meant to panic.

pub mod analysis;
pub mod checklist;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod data;
pub mod extract;
pub mod github;
pub mod i18n;
pub mod model;
pub mod normalize;
pub mod render;
pub mod reuse;
pub mod rules;
pub mod score;
pub mod screening;
pub mod sites;
#[cfg(not(target_arch = "wasm32"))]
pub mod skeleton;
pub mod store;
pub mod team;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod web;
