//! Generated head-and-shoulders portraits, shared by the photo evaluation
//! (`tests/photo_eval.rs`) and the team lookup bench (`benches/store.rs`).

use image::RgbaImage;

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let z = (self.0 ^ (self.0 >> 33)).wrapping_mul(0xff51afd7ed558ccd);
        z ^ (z >> 33)
    }

    pub fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }

    pub fn colour(&mut self, low: f64, high: f64) -> [f64; 3] {
        [self.range(low, high), self.range(low, high), self.range(low, high)]
    }
}

fn mix(a: [f64; 3], b: [f64; 3], t: f64) -> [f64; 3] {
    [0, 1, 2].map(|k| a[k] * (1.0 - t) + b[k] * t)
}

/// A generated head-and-shoulders portrait; `seed` picks every feature.
pub fn portrait(seed: u64, width: u32, height: u32) -> RgbaImage {
    let mut r = Rng(seed.wrapping_mul(7919) + 13);
    let backdrop = r.next() % 4;
    let (bg1, bg2) = (r.colour(20.0, 240.0), r.colour(20.0, 240.0));
    let stripe = r.range(6.0, 30.0);
    let (cx, cy) = (r.range(0.38, 0.62), r.range(0.35, 0.5));
    let rx = r.range(0.13, 0.22);
    let ry = rx * r.range(1.2, 1.5);
    let skin_light = r.range(60.0, 230.0);
    let skin = [skin_light, skin_light * r.range(0.7, 0.85), skin_light * r.range(0.5, 0.7)];
    let hair = [r.range(10.0, 120.0), r.range(10.0, 90.0), r.range(5.0, 60.0)];
    let hair_length = r.range(0.0, 0.9);
    let clothing = r.colour(10.0, 240.0);
    let shoulders = r.range(0.3, 0.48);
    let light = r.range(-1.0, 1.0);
    let blobs: Vec<(f64, f64, f64, [f64; 3])> =
        (0..6).map(|_| (r.range(0.0, 1.0), r.range(0.0, 1.0), r.range(0.05, 0.3), r.colour(0.0, 255.0))).collect();
    let mut noise = Rng(seed ^ 0xabcdef);
    RgbaImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (f64::from(x) / f64::from(width), f64::from(y) / f64::from(height));
        let mut c = match backdrop {
            0 => bg1,
            1 => mix(bg1, bg2, fy),
            2 if ((fx * f64::from(width) / stripe) as u32) % 2 == 0 => bg1,
            2 => bg2,
            _ => blobs.iter().fold(bg1, |c, (bx, by, radius, colour)| {
                let d = ((fx - bx).powi(2) + (fy - by).powi(2)).sqrt() / radius;
                if d < 1.0 {
                    mix(c, *colour, 1.0 - d)
                } else {
                    c
                }
            }),
        };
        let top = cy + ry * 1.1;
        let sx = (fx - cx) / shoulders;
        if fy > top && sx.abs() < 1.0 - 0.6 * (1.0 - ((fy - top) / 0.15).min(1.0)) {
            c = clothing;
        }
        if fy > cy && fy < top + 0.05 && (fx - cx).abs() < rx * 0.45 {
            c = skin.map(|v| v * 0.85);
        }
        let (hx, hy) = ((fx - cx) / (rx * 1.15), (fy - cy + ry * 0.1) / (ry * 1.1));
        if hx * hx + hy * hy < 1.0 && fy < cy + ry * hair_length {
            c = hair;
        }
        let (dx, dy) = ((fx - cx) / rx, (fy - cy) / ry);
        if dx * dx + dy * dy < 1.0 {
            c = skin.map(|v| v * (1.0 + 0.25 * light * dx - 0.1 * dy));
            if dy < -0.55 + 0.1 * (dx * 6.0).sin() {
                c = hair;
            }
            for eye in [-0.38, 0.38] {
                let (ex, ey) = ((dx - eye) / 0.16, (dy + 0.1) / 0.07);
                if ex * ex + ey * ey < 1.0 {
                    c = [40.0, 30.0, 30.0];
                }
                if (dx - eye).abs() < 0.2 && (dy + 0.28).abs() < 0.03 {
                    c = hair;
                }
            }
            if dx.abs() < 0.3 && (dy - 0.5 - 0.05 * dx * dx).abs() < 0.04 {
                c = [150.0, 60.0, 60.0];
            }
            if dx.abs() < 0.08 && dy > 0.05 && dy < 0.3 {
                c = c.map(|v| v * 0.85);
            }
        }
        let shade = 1.0 + 0.15 * light * (fx - 0.5);
        let grain = noise.range(-9.0, 9.0);
        let [red, green, blue] = c.map(|v| (v * shade + grain).clamp(0.0, 255.0) as u8);
        image::Rgba([red, green, blue, 255])
    })
}
