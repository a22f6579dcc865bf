//! Normalisation of what people write: names and locations.

pub mod chinese;
pub mod contact;
pub mod location;
pub mod name;
pub mod translit;
pub mod unicode;

/// Compatibility-decomposes, drops diacritics, lower-cases, and turns every
/// run of non-alphanumerics into one space: "  José-María O'Neil " →
/// "jose maria o neil".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in unicode::decompose_without_marks(s).chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(fold("  José-María O'Neil "), "jose maria o neil");
        assert_eq!(fold("ŁÓDŹ"), "łodz"); // Ł has no decomposition; it stays a letter
        assert_eq!(fold("Ｄａｎｉｅｌ"), "daniel"); // full-width forms (NFKC/NFKD)
    }
}
