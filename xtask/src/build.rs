//! `cargo xtask build`: wasm core → wasm-bindgen → wasm-opt (when the npm
//! `binaryen` package is installed) → `dist/chrome/` (unpacked extension),
//! `dist/vetter-chrome-VERSION.zip` (for the Chrome Web Store and Edge),
//! `dist/firefox/` + `dist/vetter-firefox-VERSION.zip` (made from the same
//! `manifest.json`) and `dist/www/` (the no-install page).

use crate::util::{self, root, Result};
use std::fs;
use std::io::Write;
use std::path::Path;

const WASM: &str = "target/wasm32-unknown-unknown/wasm-release/vetter.wasm";
const PKG: &str = "target/wasm-pkg";
/// The message model, trained natively when building (see `vetter model`).
const MODEL: &str = "target/behaviour-model.bin";

pub fn run() -> Result {
    util::run("cargo", &["build", "--lib", "--profile", "wasm-release", "--target", "wasm32-unknown-unknown"])?;
    let root = root();
    let _ = fs::remove_dir_all(root.join(PKG));
    util::run("wasm-bindgen", &["--target", "web", "--no-typescript", "--out-dir", PKG, "--out-name", "vetter", WASM])?;
    let bg = format!("{PKG}/vetter_bg.wasm");
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    if wasm_opt.exists() {
        // Debian's wasm-opt 108 emits modules that fail at start; npm's binaryen is current.
        let features = [
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-reference-types",
            "--enable-multivalue",
            "--enable-simd",
        ];
        let mut args = vec!["-Oz", bg.as_str(), "-o", bg.as_str()];
        args.extend(features);
        util::run(wasm_opt.to_str().expect("utf-8 path"), &args)?;
    } else {
        eprintln!("NOTE: wasm-opt not found (npm ci installs it); the wasm is not size-optimised");
    }

    // Trained here (a few seconds natively, with the tests' build of the
    // command) so that no browser trains it (seconds more in wasm).
    util::run("cargo", &["run", "--quiet", "--bin", "vetter", "--", "model", "-o", MODEL])?;

    let version = env!("CARGO_PKG_VERSION");
    check_manifest_version(&root.join("manifest.json"), version)?;
    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    let chrome = dist.join("chrome");
    copy_file(&root.join("manifest.json"), &chrome.join("manifest.json"))?;
    copy_dir(&root.join("extension"), &chrome.join("extension"))?;
    copy_dir(&root.join("_locales"), &chrome.join("_locales"))?;
    copy_dir(&root.join(PKG), &chrome.join("pkg"))?;
    crate::icon::write_all(&chrome)?;
    check_manifest_files(&chrome)?;
    // Reference data the wasm core loads at run time (see src/data.rs), and
    // the message model (its training data stays out of the package).
    for name in ["cities.tsv", "disposable-domains.txt", "nicknames.tsv", "han-pinyin.txt"] {
        copy_file(&root.join("data").join(name), &chrome.join("data").join(name))?;
        copy_file(&root.join("data").join(name), &dist.join("www/data").join(name))?;
    }
    copy_file(&root.join(MODEL), &chrome.join("data/behaviour-model.bin"))?;
    copy_file(&root.join(MODEL), &dist.join("www/data/behaviour-model.bin"))?;
    let www = dist.join("www");
    copy_dir(&root.join("www"), &www)?;
    copy_file(&root.join("_locales/en/messages.json"), &www.join("data/messages.json"))?;
    copy_dir(&root.join(PKG), &www.join("pkg"))?;
    // The page shows findings with the panel's styles.
    copy_file(&root.join("extension/panel.css"), &www.join("panel.css"))?;
    let zip_path = dist.join(format!("vetter-chrome-{version}.zip"));
    zip_dir(&chrome, &zip_path)?;
    let firefox = dist.join("firefox");
    copy_dir(&chrome, &firefox)?;
    let manifest = fs::read_to_string(root.join("manifest.json")).map_err(|e| format!("manifest.json: {e}"))?;
    fs::write(firefox.join("manifest.json"), firefox_manifest(&manifest)?).map_err(|e| e.to_string())?;
    let firefox_zip = dist.join(format!("vetter-firefox-{version}.zip"));
    zip_dir(&firefox, &firefox_zip)?;

    let wasm = fs::read(root.join(&bg)).map_err(|e| format!("{bg}: {e}"))?;
    println!(
        "wasm core: {} bytes raw, {} bytes gzip -9\nextension: {}\nstore zip: {}\nfirefox: {} ({})\nwww: {}",
        wasm.len(),
        gzip_len(&wasm),
        chrome.display(),
        zip_path.display(),
        firefox.display(),
        firefox_zip.display(),
        www.display()
    );
    Ok(())
}

/// Firefox's manifest from the one `manifest.json` (written for Chrome):
/// a background script instead of a service worker, a sidebar instead of
/// the side panel, a gecko id and minimum version, no Chrome-only keys.
fn firefox_manifest(chrome: &str) -> Result<String> {
    use serde_json::{json, Value};
    let mut m: Value = serde_json::from_str(chrome).map_err(|e| format!("manifest.json: {e}"))?;
    let o = m.as_object_mut().ok_or("manifest.json is not an object")?;
    o.remove("minimum_chrome_version");
    let worker = o["background"]["service_worker"].clone();
    o.insert("background".into(), json!({ "scripts": [worker], "type": "module" }));
    if let Some(panel) = o.remove("side_panel") {
        o.insert(
            "sidebar_action".into(),
            json!({ "default_panel": panel["default_path"], "default_title": "__MSG_actionTitle__" }),
        );
    }
    if let Some(Value::Array(permissions)) = o.get_mut("permissions") {
        permissions.retain(|p| p != "sidePanel");
    }
    // Firefox gives every install its own moz-extension:// origin already.
    if let Some(Value::Array(resources)) = o.get_mut("web_accessible_resources") {
        for r in resources.iter_mut().filter_map(Value::as_object_mut) {
            r.remove("use_dynamic_url");
        }
    }
    o.insert(
        "browser_specific_settings".into(),
        json!({ "gecko": {
            "id": "vetter@vetter-extension.org",
            "strict_min_version": "140.0",
            // Nothing leaves the machine (README, privacy).
            "data_collection_permissions": { "required": ["none"] }
        }, "gecko_android": { "strict_min_version": "142.0" } }),
    );
    serde_json::to_string_pretty(&m).map_err(|e| e.to_string())
}

/// Every icon `manifest.json` names is in the package (a missing one makes
/// the browsers refuse the whole extension).
fn check_manifest_files(dir: &Path) -> Result {
    let text = fs::read_to_string(dir.join("manifest.json")).map_err(|e| format!("manifest.json: {e}"))?;
    let m: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("manifest.json: {e}"))?;
    for icons in [&m["icons"], &m["action"]["default_icon"]] {
        for path in icons.as_object().into_iter().flat_map(|o| o.values()).filter_map(|v| v.as_str()) {
            if !dir.join(path).is_file() {
                return Err(format!("manifest.json names {path}, which the build did not make"));
            }
        }
    }
    Ok(())
}

fn check_manifest_version(manifest: &Path, version: &str) -> Result {
    let text = fs::read_to_string(manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    if text.contains(&format!("\"version\": \"{version}\"")) {
        Ok(())
    } else {
        Err(format!("manifest.json's \"version\" must be the crate's version {version}"))
    }
}

fn copy_file(from: &Path, to: &Path) -> Result {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::copy(from, to).map(|_| ()).map_err(|e| format!("copy {}: {e}", from.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(path.file_name().expect("entries have names"));
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy_file(&path, &target)?;
        }
    }
    Ok(())
}

fn zip_dir(dir: &Path, zip_path: &Path) -> Result {
    let file = fs::File::create(zip_path).map_err(|e| format!("{}: {e}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut stack = vec![dir.to_path_buf()];
    let mut files = Vec::new();
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort(); // reproducible archive order
    for path in files {
        let name = path.strip_prefix(dir).expect("inside dir").to_string_lossy().replace('\\', "/");
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(&fs::read(&path).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    }
    zip.finish().map_err(|e| e.to_string())?;
    Ok(())
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("in-memory write");
    enc.finish().expect("in-memory write").len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_locked_wasm_bindgen_version() {
        let v = crate::setup::locked_wasm_bindgen_version().unwrap();
        assert!(v.starts_with("0.2."), "{v}");
    }
}
