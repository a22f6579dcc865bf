//! The extension's icon, drawn at build time at each size the stores and
//! browsers ask for (generated files are not committed): a white lens with
//! a tick on a dark blue rounded square. Shapes are signed distance
//! functions, so every size is drawn sharp and anti-aliased, not scaled.

use crate::util::Result;
use std::path::Path;

/// Sizes named in `manifest.json`'s `icons` and `action.default_icon`.
pub const SIZES: [u32; 4] = [16, 32, 48, 128];

const BACKGROUND: [f32; 3] = [30.0, 58.0, 138.0];
const MARK: [f32; 3] = [255.0, 255.0, 255.0];

/// Writes `icons/{size}.png` for every size under `dir`.
pub fn write_all(dir: &Path) -> Result {
    let icons = dir.join("icons");
    std::fs::create_dir_all(&icons).map_err(|e| format!("{}: {e}", icons.display()))?;
    for size in SIZES {
        let path = icons.join(format!("{size}.png"));
        let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), size, size);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| format!("{}: {e}", path.display()))?;
        writer.write_image_data(&draw(size)).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// RGBA pixels of the icon at `size`×`size`.
fn draw(size: u32) -> Vec<u8> {
    let n = size as f32;
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            // Pixel centre in unit coordinates; distances are scaled to pixels for the edge.
            let (px, py) = ((x as f32 + 0.5) / n, (y as f32 + 0.5) / n);
            let cover = |distance: f32| (0.5 - distance * n).clamp(0.0, 1.0);
            let tile = cover(rounded_square(px, py, 0.5, 0.47, 0.2));
            let lens = (length(px - 0.44, py - 0.44) - 0.25).abs() - 0.055;
            let handle = segment(px, py, (0.63, 0.63), (0.80, 0.80)) - 0.075;
            let tick =
                segment(px, py, (0.33, 0.45), (0.41, 0.53)).min(segment(px, py, (0.41, 0.53), (0.55, 0.36))) - 0.042;
            let mark = cover(lens.min(handle).min(tick));
            for channel in 0..3 {
                let value = BACKGROUND[channel] * (1.0 - mark) + MARK[channel] * mark;
                pixels.push(value.round() as u8);
            }
            pixels.push((tile * 255.0).round() as u8);
        }
    }
    pixels
}

fn length(x: f32, y: f32) -> f32 {
    (x * x + y * y).sqrt()
}

/// Signed distance to a square centred at (`centre`, `centre`) with half side `half` and corner radius `radius`.
fn rounded_square(x: f32, y: f32, centre: f32, half: f32, radius: f32) -> f32 {
    let qx = (x - centre).abs() - half + radius;
    let qy = (y - centre).abs() - half + radius;
    length(qx.max(0.0), qy.max(0.0)) + qx.max(qy).min(0.0) - radius
}

/// Distance to the segment from `a` to `b`.
fn segment(x: f32, y: f32, a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((x - a.0) * dx + (y - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    length(x - a.0 - t * dx, y - a.1 - t * dy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alpha(pixels: &[u8], size: u32, x: u32, y: u32) -> u8 {
        pixels[((y * size + x) * 4 + 3) as usize]
    }

    #[test]
    fn the_tile_is_opaque_inside_and_transparent_at_the_corners() {
        let pixels = draw(128);
        assert_eq!(alpha(&pixels, 128, 64, 64), 255);
        assert_eq!(alpha(&pixels, 128, 0, 0), 0);
        // The lens ring is white, its centre the background colour.
        let at = |x: u32, y: u32| pixels[((y * 128 + x) * 4) as usize];
        assert_eq!(at(56 - 32, 56), 255);
        assert_eq!(at(56, 56 - 14), BACKGROUND[0] as u8);
    }
}
