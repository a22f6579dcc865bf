//! Text hygiene for values read from untrusted pages.
//!
//! Pages are hostile input: a "name" may be 100 kB long or hold markup and
//! bidi controls. Values are kept as inert text, whitespace-collapsed and
//! capped, so no later step has to care.

/// Longest value kept for a single field, in characters.
pub const MAX_FIELD_CHARS: usize = 300;
/// Longest free-text block (bio, overview) kept, in characters.
pub const MAX_BLOCK_CHARS: usize = 5_000;

/// Collapses runs of whitespace, trims, and caps at `max` characters
/// (an ellipsis marks the cut).
pub fn clean(raw: &str, max: usize) -> String {
    let mut out = String::with_capacity(raw.len().min(max * 4));
    let mut chars = 0;
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        if chars >= max {
            out.push('…');
            return out;
        }
        out.push(c);
        chars += 1;
    }
    out
}

/// Truncates to at most `max_bytes`, on a character boundary.
pub fn truncate_bytes(s: &str, max_bytes: usize) -> &str {
    if s.len() <= max_bytes {
        return s;
    }
    let mut end = max_bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Characters that reorder displayed text (bidi overrides and isolates).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// FNV-1a over `bytes`: a small hash that, unlike std's, is the same on
/// every build and platform, for digests that are stored.
pub fn stable_hash(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(FNV_OFFSET, fnv1a_step)
}

/// One byte of FNV-1a: every FNV hash of the project is made of this step.
pub const fn fnv1a_step(hash: u64, byte: u8) -> u64 {
    (hash ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3)
}

/// [`stable_hash`] at compile time (of source files, say), continuing
/// from `hash` (start from [`FNV_OFFSET`]) so that several files chain.
pub const fn fnv1a_from(bytes: &[u8], mut hash: u64) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        hash = fnv1a_step(hash, bytes[i]);
        i += 1;
    }
    hash
}

pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// [`stable_hash`] at compile time.
pub const fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(bytes, FNV_OFFSET)
}

/// The UTC calendar date (year, month 1-12, day 1-31) of a time in
/// milliseconds since the epoch (Howard Hinnant's days-to-civil algorithm).
pub fn civil_date(ms: u64) -> (i64, u32, u32) {
    let days = (ms / 86_400_000) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// "2026-11-27 14:05 UTC": a time as reports, notes and evidence write it.
pub fn date_time(ms: u64) -> String {
    let (y, m, d) = civil_date(ms);
    let minutes = ms / 60_000 % (24 * 60);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_and_caps() {
        assert_eq!(clean("  Daniel \n\t Kim ", 50), "Daniel Kim");
        assert_eq!(clean("abcdef", 3), "abc…");
        assert_eq!(clean(&"x".repeat(100_000), MAX_FIELD_CHARS).chars().count(), MAX_FIELD_CHARS + 1);
    }

    #[test]
    fn truncates_on_char_boundary() {
        assert_eq!(truncate_bytes("héllo", 2), "h");
        assert_eq!(truncate_bytes("héllo", 3), "hé");
        assert_eq!(truncate_bytes("abc", 10), "abc");
    }
}
