//! The real photo sets `cargo xtask setup` prepares in
//! `target/suites/photos/` (provenance in `prepare.py`), as the photo
//! evaluation and the benches read them.

use image::RgbaImage;
use std::path::{Path, PathBuf};

pub fn real_set_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/suites/photos").join(name)
}

/// The first `limit` pictures of set `name` (files sorted by name) that
/// decode, and how many files were read; an error where the set is not set up.
pub fn decoded_real_set(name: &str, limit: usize) -> std::io::Result<(Vec<RgbaImage>, usize)> {
    let mut files =
        std::fs::read_dir(real_set_dir(name))?.map(|e| Ok(e?.path())).collect::<std::io::Result<Vec<_>>>()?;
    files.sort();
    files.truncate(limit);
    // Some files' names say JPEG for another format: the content decides.
    let decode = |p: &PathBuf| image::ImageReader::open(p).ok()?.with_guessed_format().ok()?.decode().ok();
    Ok((files.iter().filter_map(decode).map(|i| i.to_rgba8()).collect(), files.len()))
}

/// `picture` less `x` 40ths of its width on the left and on the right and
/// `y` 40ths of its height at the top and at the bottom, mirrored if asked.
pub fn cropped_variant(picture: &RgbaImage, x: u32, y: u32, mirrored: bool) -> RgbaImage {
    let (w, h) = picture.dimensions();
    let (dx, dy) = (w * x / 40, h * y / 40);
    let cropped = image::imageops::crop_imm(picture, dx, dy, w - 2 * dx, h - 2 * dy).to_image();
    if mirrored {
        image::imageops::flip_horizontal(&cropped)
    } else {
        cropped
    }
}
