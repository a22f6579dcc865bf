//! Compatibility decomposition (NFKD) with combining marks removed: the one
//! Unicode table-driven step of name folding. Natively it is the
//! `unicode-normalization` crate; in the browser the engine's own
//! `String.prototype.normalize` and `\p{M}`, the same Unicode algorithms,
//! which saves the wasm module its largest tables. `tests/web.rs` checks
//! that both give the same results.

#[cfg(not(target_arch = "wasm32"))]
pub fn decompose_without_marks(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        return s.to_string();
    }
    s.nfkd().filter(|c| !is_combining_mark(*c)).collect()
}

#[cfg(target_arch = "wasm32")]
pub fn decompose_without_marks(s: &str) -> String {
    // JS values are not Send; the wasm core is single-threaded, so a
    // thread-local holds the compiled pattern.
    thread_local! {
        static MARKS: js_sys::RegExp = js_sys::RegExp::new("\\p{M}+", "gu");
    }
    if s.is_ascii() {
        return s.to_string();
    }
    let normalized = js_sys::JsString::from(s).normalize("NFKD");
    MARKS.with(|re| String::from(normalized.replace_by_pattern(re, "")))
}
