//! The browser layer, run in headless Chromium by wasm-bindgen-test
//! (`cargo xtask test` runs it; natively this file is empty).
#![cfg(target_arch = "wasm32")]

use vetter::web::{load_data, render_panel, scan_files, warm_up, Engine};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const UPWORK: &str = include_str!("../demo/daniel-kim/upwork.html");
const GITHUB: &str = include_str!("../demo/daniel-kim/github.html");

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap()
}

#[wasm_bindgen_test]
fn engine_links_two_pages_into_one_case_and_its_records_reload() {
    let mut engine = Engine::new();
    let up = json(&engine.ingest("https://www.upwork.com/freelancers/~01demo0001", UPWORK, 1.0, None, None).unwrap());
    assert_eq!(up["status"], "profile");
    let gh = json(&engine.ingest("https://github.com/dkim-builds", GITHUB, 2.0, None, None).unwrap());
    assert_eq!(gh["case"].as_array().unwrap().len(), 2);
    assert_eq!(gh["level"], "medium");

    let changes = json(&engine.take_changes());
    let records = changes["put"].to_string();
    let mut restored = Engine::new();
    assert_eq!(restored.load_records(&records).unwrap(), "[]");
    assert_eq!(restored.profile_count(), 2);
    let view = restored.view(up["key"].as_str().unwrap(), 0.0, None).unwrap();
    let flags: Vec<String> =
        json(&view)["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(flags, ["LOCATION_MISMATCH", "NAME_MISMATCH"]);
    let html = render_panel(&view).unwrap();
    assert!(html.contains("Jin Park") && html.contains("data-flag=\"NAME_MISMATCH\""));
}

#[wasm_bindgen_test]
fn folding_in_the_browser_matches_native_folding() {
    // Same expectations as the native unit tests of `normalize::fold`.
    use vetter::normalize::fold;
    assert_eq!(fold("  José-María O'Neil "), "jose maria o neil");
    assert_eq!(fold("ŁÓDŹ"), "łodz");
    assert_eq!(fold("Ｄａｎｉｅｌ"), "daniel");
    assert_eq!(fold("Nguyễn Văn An"), "nguyen van an");
    assert_eq!(vetter::normalize::name::compare("김진우", "Jin-woo Kim"), vetter::normalize::name::NameVerdict::Same);
}

#[wasm_bindgen_test]
fn a_damaged_record_is_rejected_by_name_and_a_corrupt_v1_store_is_an_error() {
    let mut engine = Engine::new();
    let rejected = json(&engine.load_records(r#"[["github:a1","{\"schema\":2,"]]"#).unwrap());
    assert_eq!(rejected[0]["key"], "github:a1");
    assert!(engine.migrate_v1("{\"version\":1,").is_err());
    assert_eq!(engine.profile_count(), 0);
}

#[wasm_bindgen_test]
fn photo_pixels_from_the_browser_are_hashed() {
    let mut engine = Engine::new();
    let up = json(&engine.ingest("https://www.upwork.com/freelancers/~01demo0001", UPWORK, 1.0, None, None).unwrap());
    let key = up["key"].as_str().unwrap();
    let photo = up["photo"].as_str().expect("the demo page has a photo");
    let pixels: Vec<u8> = (0..64u32 * 64)
        .flat_map(|i| {
            let v = ((i % 64) * 4) as u8;
            [v, v, 255 - v, 255]
        })
        .collect();
    assert!(engine.set_photo(key, photo, 64, 64, &pixels));
    assert!(!engine.set_photo(key, "https://elsewhere.example/x.jpg", 64, 64, &pixels));
}

#[wasm_bindgen_test]
fn pages_without_a_profile_are_answered_as_none() {
    let mut engine = Engine::new();
    let out = json(&engine.ingest("https://github.com/dkim-builds/some-repo", GITHUB, 1.0, None, None).unwrap());
    assert_eq!(out["status"], "none");
    assert_eq!(engine.profile_count(), 0);
}

#[wasm_bindgen_test]
fn a_tag_with_100_000_attributes_does_not_overflow_the_browser_stack() {
    let attrs: String = (0..100_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let page = GITHUB.replacen("<body", &format!("<body{attrs}"), 1);
    let mut engine = Engine::new();
    let out = json(&engine.ingest("https://github.com/dkim-builds", &page, 1.0, None, None).unwrap());
    assert_eq!(out["status"], "profile");
}

#[wasm_bindgen_test]
fn dropped_files_are_analysed_as_one_case() {
    // As the www page does: the UI strings in the user's language.
    load_data("messages.json", include_str!("../_locales/en/messages.json")).unwrap();
    let files = serde_json::json!([
        {"name": "upwork.html", "text": UPWORK},
        {"name": "github.html", "text": GITHUB},
        {"name": "junk.html", "text": "<p>no address</p>"},
    ]);
    let view = json(&scan_files(&files.to_string(), 0.0).unwrap());
    assert_eq!(view["profiles"].as_array().unwrap().len(), 2);
    assert_eq!(view["findings"].as_array().unwrap().len(), 2);
    let notice = view["notices"][0].as_str().unwrap();
    assert!(notice.starts_with("junk.html: the page's address is unknown"), "{notice}");
    assert_eq!(view["findings"][0]["title"], "Claimed locations disagree");
}

#[wasm_bindgen_test]
fn the_warm_up_renders_an_example_case_with_findings() {
    assert!(warm_up() > 1_000, "the example case renders its profiles and findings");
}
