//! Writes what the browser timing of a team lookup reads
//! (`tests/e2e/team-lookup.test.mjs`): 10,000 team records of judged cases,
//! each with a generated portrait of one drawn template (the photo
//! evaluation's generator, the stress case of `benches/store.rs`: thousands
//! of look-alikes come near), keyed with the secret below, as `records.jsonl`;
//! and another portrait's pixels (64 × 80 RGBA) as `query.rgba`.
//! `cargo run --example team_records -- DIR`.

#[path = "../tests/photo_eval/portraits.rs"]
mod portraits;

use std::io::Write;
use vetter::model::{Profile, Site, Sourced};
use vetter::reuse::photo::signature_rgba;
use vetter::store::records::VerdictKind;
use vetter::store::Store;
use vetter::team::{TeamKey, TeamRecord};

/// The team secret the records are keyed with (the test joins with it).
const SECRET: &str = "a team secret of some length";

/// A portrait of `seed`, or of the next seed where one comes out too plain
/// to be taken as a photo (as `benches/store.rs` picks them).
fn portrait(seed: u64) -> image::RgbaImage {
    (seed..)
        .step_by(1_000_000)
        .map(|s| portraits::portrait(s, 64, 80))
        .find(|p| signature_rgba(64, 80, p.as_raw()).is_ok())
        .expect("a portrait")
}

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: team_records DIR"));
    std::fs::create_dir_all(&dir)?;
    let key = TeamKey::new(SECRET).expect("a long enough secret");
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("records.jsonl"))?);
    let mut store = Store::new();
    for i in 0..10_000u64 {
        let url = format!("https://photos.example/{i}.jpg");
        let mut p = Profile::empty(format!("https://github.com/member{i}"), Site::Github);
        p.name = Some(Sourced::new(format!("Member {i}"), "bench"));
        p.photo = Some(Sourced::new(url.clone(), "bench"));
        let k = store.ingest(p, 1).expect("a profile");
        let signature = signature_rgba(64, 80, portrait(i).as_raw()).expect("a photo");
        store.set_photo_signature(&k, &url, &signature);
        store.set_verdict(&k, VerdictKind::Fraudulent, "bench", "Ann", 2);
        let record = TeamRecord::of_case(&key, &store, &k, &["NAME_MISMATCH".to_string()], 3).expect("a record");
        writeln!(out, "{}", serde_json::to_string(&record).expect("JSON"))?;
    }
    out.flush()?;
    std::fs::write(dir.join("query.rgba"), portrait(99_999).as_raw())
}
