//! Installs what the build and the tests need, skipping what is present,
//! so that one command works on a fresh machine.

use crate::util::{self, output, Result};
use std::path::Path;

pub fn run() -> Result {
    if !output("rustup", &["target", "list", "--installed"]).is_some_and(|t| t.contains("wasm32-unknown-unknown")) {
        util::run("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }
    let wanted = locked_wasm_bindgen_version()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if !have.split_whitespace().any(|w| w == wanted) {
        // No `--locked`: the registry mirror lacks some pinned transitive versions.
        util::run("cargo", &["install", "wasm-bindgen-cli", "--version", &wanted])?;
    }
    if !Path::new("/usr/bin/chromium").exists() || !Path::new("/usr/bin/chromedriver").exists() {
        util::run("apt-get", &["update", "-qq"])?;
        util::run_env(
            "apt-get",
            &["install", "-y", "-qq", "--no-install-recommends", "chromium", "chromium-driver", "openssl"],
            &[("DEBIAN_FRONTEND", "noninteractive")],
        )?;
    }
    if !npm_install_is_current() {
        util::run("npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    Ok(())
}

/// `node_modules` exists and is newer than the lockfile.
fn npm_install_is_current() -> bool {
    let modified = |p: &str| std::fs::metadata(util::root().join(p)).and_then(|m| m.modified()).ok();
    matches!((modified("node_modules/.package-lock.json"), modified("package-lock.json")), (Some(i), Some(l)) if i >= l)
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(util::root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}
