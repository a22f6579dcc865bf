//! Agency mode's records (issue #18): what a team shares about a case with
//! a verdict holds nothing but the listed fields, keyed with the team's
//! secret; another recruiter's case with the same phone or the same bio
//! template under another name is "seen by your team"; a wrong secret
//! matches nothing; a hostile document from the server is refused; the same
//! portrait cropped and re-compressed under another name is seen by the team,
//! as a likeness (at most medium), and its record holds no picture.

use vetter::analysis::CaseViews;
use vetter::model::{Profile, Site, Sourced};
use vetter::store::records::VerdictKind;
use vetter::store::Store;
use vetter::team::{TeamIndex, TeamKey, TeamRecord};

const SECRET: &str = "correct horse battery staple 42";
const NOW: u64 = 1_796_083_200_000;

const BIO: &str = "Senior full-stack engineer with 8 years of experience building scalable web \
applications for fintech and e-commerce clients. I specialise in React, Node.js and cloud \
infrastructure, and I deliver clean, tested code on time. I communicate daily, work in your \
time zone and treat every project as my own business.";

fn upwork(id: &str, name: &str, phone: Option<&str>, bio: Option<&str>) -> Profile {
    let mut p = Profile::empty(format!("https://www.upwork.com/freelancers/~01{id}"), Site::Upwork);
    p.name = Some(Sourced::new(name, "t"));
    p.phones = phone.iter().map(|n| Sourced::new(*n, "t")).collect();
    p.bio = bio.map(|b| Sourced::new(b, "t"));
    p.location = Some(Sourced::new("Austin, TX, United States", "t"));
    p.country = Some("US".into());
    p
}

/// Recruiter A's store: a case marked fraudulent, and its team record.
fn shared_case() -> (Store, String, TeamRecord) {
    let mut a = Store::new();
    let mut p = upwork("aaa111", "Daniel Kim", Some("+1 470 555 0123"), Some(BIO));
    p.emails = vec![Sourced::new("daniel.kim.dev@example.com", "t")];
    let key = a.ingest(p, NOW - 86_400_000).unwrap();
    assert!(a.set_verdict(
        &key,
        VerdictKind::Fraudulent,
        "the phone answers for another persona",
        "Ann Lee",
        NOW - 3_600_000
    ));
    let rules: Vec<String> = a.view(&key, NOW).unwrap().findings.iter().map(|f| f.id.clone()).collect();
    let record =
        TeamRecord::of_case(&TeamKey::new(SECRET).unwrap(), &a, &key, &rules, NOW).expect("a verdict: a record");
    (a, key, record)
}

#[test]
fn a_record_holds_only_the_listed_fields_and_nothing_readable() {
    let (_, _, record) = shared_case();
    let json = serde_json::to_string(&record).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let fields: Vec<&str> = doc.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields, ["_id", "identifiers", "rules", "schema", "templates", "type", "updated", "verdicts"]);
    for secret_thing in [
        "Daniel",
        "Kim",
        "4705550123",
        "+1 470",
        "daniel.kim.dev",
        "example.com",
        "upwork",
        "~01aaa111",
        "Austin",
        "fintech",
        "React",
    ] {
        assert!(!json.to_lowercase().contains(&secret_thing.to_lowercase()), "{secret_thing} in {json}");
    }
    // Its identifiers: the phone, the e-mail and the profile's address.
    assert_eq!(record.identifiers.len(), 3, "{:?}", record.identifiers);
    assert_eq!(record.templates.len(), 1);
    assert_eq!(record.verdicts[0].by, "Ann Lee");
    // A case without a verdict shares nothing.
    let mut b = Store::new();
    let key = b.ingest(upwork("bbb222", "Jo Doe", None, None), NOW).unwrap();
    assert!(TeamRecord::of_case(&TeamKey::new(SECRET).unwrap(), &b, &key, &[], NOW).is_none());
}

/// Recruiter B's store with `profile`, and the team's findings on it.
fn seen_by_team(secret: &str, record: &TeamRecord, profile: Profile) -> Vec<vetter::rules::Finding> {
    let mut b = Store::new();
    let key = b.ingest(profile, NOW).unwrap();
    let mut team = TeamIndex::new(TeamKey::new(secret).unwrap());
    team.put(TeamRecord::checked(&serde_json::to_string(record).unwrap(), NOW).unwrap());
    let mut view = b.view(&key, NOW).unwrap();
    team.apply(&mut view, &b, &key);
    view.findings.into_iter().filter(|f| f.id == "TEAM_MATCH").collect()
}

#[test]
fn the_same_phone_under_another_name_is_seen_by_the_team() {
    let (_, _, record) = shared_case();
    let found = seen_by_team(SECRET, &record, upwork("ccc333", "Michael Brown", Some("(470) 555-0123"), None));
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.severity, vetter::rules::Severity::High);
    assert!(
        f.explanation.contains("Ann Lee") && f.explanation.contains("the phone answers for another persona"),
        "{}",
        f.explanation
    );
    assert!(f.evidence.iter().any(|e| e.field == "phone" && e.value == "+14705550123"), "{:?}", f.evidence);
    // A wrong secret makes other tags: nothing matches.
    assert!(seen_by_team(
        "another team's secret phrase",
        &record,
        upwork("ccc333", "Michael Brown", Some("(470) 555-0123"), None)
    )
    .is_empty());
    // Someone unrelated: nothing.
    assert!(seen_by_team(SECRET, &record, upwork("ddd444", "Michael Brown", Some("+1 212 555 0199"), None)).is_empty());
}

#[test]
fn the_same_bio_template_with_a_number_and_a_skill_changed_is_seen_by_the_team() {
    let (_, _, record) = shared_case();
    let other = BIO.replace("8 years", "11 years").replace("React", "Angular");
    let found = seen_by_team(SECRET, &record, upwork("eee555", "Aleksei Petrov", None, Some(&other)));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].evidence.iter().any(|e| e.field == "bio"), "{:?}", found[0].evidence);
    // An ordinary bio of someone else: nothing.
    let own = "Backend developer who enjoys distributed systems, Rust and Go. I have maintained payment \
               services at two banks, mentor juniors, write about observability on my blog and run \
               a small open-source library for rate limiting used by a few hundred projects.";
    assert!(seen_by_team(SECRET, &record, upwork("fff666", "Aleksei Petrov", None, Some(own))).is_empty());
}

#[test]
fn disagreeing_verdicts_are_both_shown_and_the_own_record_synced_back_says_nothing() {
    let (mut a, key, _) = shared_case();
    a.set_verdict(&key, VerdictKind::NotFraudulent, "ID check passed on video", "Bo Chan", NOW - 1_000);
    let record = TeamRecord::of_case(&TeamKey::new(SECRET).unwrap(), &a, &key, &[], NOW).unwrap();
    let found = seen_by_team(SECRET, &record, upwork("ggg777", "Sam Reed", Some("+1 470 555 0123"), None));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].explanation.contains("Ann Lee") && found[0].explanation.contains("Bo Chan"),
        "{}",
        found[0].explanation
    );
    assert_eq!(found[0].severity, vetter::rules::Severity::High, "a fraudulent verdict stands among them");
    // Recruiter A's own case, with its record back from the server.
    let mut team = TeamIndex::new(TeamKey::new(SECRET).unwrap());
    team.put(record);
    assert!(team.findings(&a, &key).is_empty());
}

#[test]
fn hostile_documents_are_refused_with_a_reason() {
    let (_, _, record) = shared_case();
    let good: serde_json::Value = serde_json::to_value(&record).unwrap();
    let with = |path: &str, value: serde_json::Value| {
        let mut doc = good.clone();
        doc[path] = value;
        doc.to_string()
    };
    let cases = [
        ("not JSON".to_string(), "not a team record"),
        (with("type", "user".into()), "type"),
        (with("schema", 9.into()), "newer version"),
        (with("_id", "case:../../etc".into()), "malformed id"),
        (with("identifiers", serde_json::json!(["zz"])), "identifier tag"),
        (
            with("identifiers", serde_json::json!(vec!["0123456789abcdef0123456789abcdef"; 501])),
            "more than a record may",
        ),
        (with("templates", serde_json::json!(["<script>"])), "template"),
        (with("photos", serde_json::json!(["00ff"])), "photo hash"),
        (with("rules", serde_json::json!(["<b>x</b>"])), "rule id"),
        (with("verdicts", serde_json::json!([])), "without a verdict"),
        (with("verdicts", serde_json::json!([{"verdict": "fraudulent", "by": "", "at": 1}])), "unsigned"),
        (with("verdicts", serde_json::json!([{"verdict": "guilty", "by": "x", "at": 1}])), "not a team record"),
    ];
    for (doc, reason) in cases {
        let err = TeamRecord::checked(&doc, NOW).unwrap_err();
        assert!(err.contains(reason), "{reason}: {err}");
    }
    // Dates from the future are brought back to now; control characters go.
    let odd = with(
        "verdicts",
        serde_json::json!([{"verdict": "unsure", "by": "Eve\u{202e}", "reason": "a\u{0007}b", "at": NOW + 10_000}]),
    );
    let r = TeamRecord::checked(&odd, NOW).unwrap();
    assert_eq!((r.verdicts[0].at, r.verdicts[0].by.as_str()), (NOW, "Eve"));
    assert!(!r.verdicts[0].reason.contains('\u{0007}'));
}

#[test]
fn a_short_secret_is_refused() {
    assert!(TeamKey::new("short").unwrap_err().contains("16"));
}

/// A verdict that shares the case in full: the record carries the case
/// (its names and texts, by the recruiter's choice) for as long as that
/// verdict stands, and a colleague who matches it can import it.
#[test]
fn a_case_shared_in_full_goes_with_its_verdict_and_opens_for_a_colleague() {
    let (mut a, key, plain) = shared_case();
    assert!(plain.case.is_none(), "nothing in full without the recruiter's choice");
    let team_key = TeamKey::new(SECRET).unwrap();
    assert!(a.set_verdict_sharing(&key, VerdictKind::Fraudulent, "shared for the team", "Ann Lee", NOW - 1_000, true));
    let record = TeamRecord::of_case(&team_key, &a, &key, &[], NOW).unwrap();
    let case = record.case.as_deref().expect("shared in full");
    assert!(case.contains("Daniel Kim") && case.contains("fintech"));
    // Checked as the server's document, it is kept; a colleague's matching case is told, and can open it.
    let checked = TeamRecord::checked(&serde_json::to_string(&record).unwrap(), NOW).unwrap();
    let mut b = Store::new();
    let victor = b.ingest(upwork("ccc333", "Victor Lang", Some("(470) 555-0123"), None), NOW).unwrap();
    let mut team = TeamIndex::new(team_key.clone());
    team.put(checked.clone());
    let mut view = b.view(&victor, NOW).unwrap();
    team.apply(&mut view, &b, &victor);
    assert!(view.in_team);
    assert_eq!(view.team_shared.len(), 1, "{:?}", view.team_shared);
    assert_eq!((view.team_shared[0].record.as_str(), view.team_shared[0].by.as_str()), (record.id.as_str(), "Ann Lee"));
    let finding = view.findings.iter().find(|f| f.id == "TEAM_MATCH").unwrap();
    assert!(finding.explanation.contains("Ann Lee shared that case in full"), "{}", finding.explanation);
    let shared = team.shared_case(&record.id).unwrap();
    assert_eq!(b.import(shared, NOW).unwrap().0, 1);
    assert_eq!(b.get(&key).unwrap().profile.name.as_ref().unwrap().value, "Daniel Kim");

    // Ann stops sharing (a later verdict without it): the case leaves the record,
    // also when merged with the server's older version that still holds it.
    assert!(a.set_verdict(&key, VerdictKind::Fraudulent, "no longer shared", "Ann Lee", NOW - 500));
    let mut withdrawn = TeamRecord::of_case(&team_key, &a, &key, &[], NOW).unwrap();
    assert!(withdrawn.case.is_none());
    withdrawn.merge(&checked);
    assert!(withdrawn.case.is_none(), "the server's old copy does not bring it back");
    let mut server = checked.clone();
    server.merge(&withdrawn);
    assert!(server.case.is_none());
    // Another recruiter's sharing verdict keeps it shared.
    let mut bo = checked.clone();
    bo.verdicts.push(vetter::store::records::Verdict {
        verdict: VerdictKind::Unsure,
        reason: String::new(),
        by: "Bo Chan".into(),
        at: NOW - 100,
        shared: false,
    });
    let mut both = bo.clone();
    both.merge(&checked);
    assert!(both.case.is_some());
}

#[test]
fn a_shared_case_that_does_not_read_or_that_no_one_shared_is_refused() {
    let (mut a, key, _) = shared_case();
    a.set_verdict_sharing(&key, VerdictKind::Fraudulent, "", "Ann Lee", NOW - 1_000, true);
    let record = TeamRecord::of_case(&TeamKey::new(SECRET).unwrap(), &a, &key, &[], NOW).unwrap();
    let mut doc = serde_json::to_value(&record).unwrap();
    doc["case"] = "{\"format\": \"vetter-export\", \"profiles\": 5}".into();
    assert!(TeamRecord::checked(&doc.to_string(), NOW).unwrap_err().contains("does not read"));
    let (_, _, unshared) = shared_case();
    let mut doc = serde_json::to_value(&unshared).unwrap();
    doc["case"] = serde_json::to_value(&record).unwrap()["case"].clone();
    assert!(TeamRecord::checked(&doc.to_string(), NOW).unwrap_err().contains("no recruiter shared"));
}

/// A photo-like picture: light and shade at several scales from `seed`, so
/// that no two seeds share their detail.
fn picture(seed: u64, width: u32, height: u32) -> image::RgbaImage {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let waves: Vec<[f64; 5]> = (0..24).map(|_| [next() * 20.0, next() * 20.0, next() * 6.3, next(), next()]).collect();
    image::RgbaImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (f64::from(x) / f64::from(width), f64::from(y) / f64::from(height));
        let v: f64 = waves.iter().map(|[a, b, phase, weight, _]| weight * (a * fx + b * fy + phase).sin()).sum();
        let tint: f64 = waves.iter().take(6).map(|[a, b, phase, _, w]| w * (b * fx - a * fy + phase).cos()).sum();
        let l = (128.0 + 28.0 * v).clamp(0.0, 255.0);
        image::Rgba([
            (l + 12.0 * tint).clamp(0.0, 255.0) as u8,
            l as u8,
            (l - 12.0 * tint).clamp(0.0, 255.0) as u8,
            255,
        ])
    })
}

/// What a site makes of an upload: cropped on each side, 100 px, JPEG 50.
fn site_copy(original: &image::RgbaImage) -> image::RgbaImage {
    use image::ImageEncoder;
    let (w, h) = original.dimensions();
    let cropped = image::imageops::crop_imm(original, w * 7 / 100, h * 3 / 100, w * 85 / 100, h * 88 / 100).to_image();
    let small = image::imageops::resize(&cropped, 100, 100 * 88 / 85 * h / w, image::imageops::FilterType::Triangle);
    let rgb = image::DynamicImage::ImageRgba8(small).to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 50)
        .write_image(&rgb, rgb.width(), rgb.height(), image::ExtendedColorType::Rgb8)
        .unwrap();
    image::load_from_memory(&jpeg).unwrap().to_rgba8()
}

fn with_photo(store: &mut Store, key: &str, url: &str, picture: &image::RgbaImage) {
    assert!(store.set_photo(key, url, picture.width(), picture.height(), picture.as_raw()));
}

fn photo_profile(id: &str, name: &str) -> Profile {
    let mut p = upwork(id, name, None, None);
    p.photo = Some(Sourced::new(format!("https://photos.example/{id}.jpg"), "t"));
    p
}

/// Ann's case with a portrait, marked fraudulent: its store, key and portrait.
fn judged_case_with_portrait() -> (Store, String, image::RgbaImage) {
    let portrait = picture(7, 300, 400);
    let mut a = Store::new();
    let key = a.ingest(photo_profile("aaa111", "Daniel Kim"), NOW - 86_400_000).unwrap();
    with_photo(&mut a, &key, "https://photos.example/aaa111.jpg", &portrait);
    assert!(a.set_verdict(&key, VerdictKind::Fraudulent, "fake identity", "Ann Lee", NOW - 3_600_000));
    (a, key, portrait)
}

#[test]
fn the_same_portrait_cropped_under_another_name_is_a_likeness_seen_by_the_team() {
    let (a, key, portrait) = judged_case_with_portrait();
    let team_key = TeamKey::new(SECRET).unwrap();
    let record = TeamRecord::of_case(&team_key, &a, &key, &[], NOW).unwrap();
    assert_eq!(record.photos.len(), 1, "the photo's shareable bits go");
    // Not the signature the browser keeps (a thumbnail), and another
    // team's key makes other bits.
    let signature = a.get(&key).unwrap().photo.as_ref().unwrap().hash.clone().unwrap();
    let json = serde_json::to_string(&record).unwrap();
    assert!(!json.contains(&signature[3..40]), "no signature in {json}");
    let elsewhere = TeamRecord::of_case(&TeamKey::new("another team's secret phrase").unwrap(), &a, &key, &[], NOW);
    assert_ne!(elsewhere.unwrap().photos, record.photos);

    // Bo's store: the same portrait as a site copy, under another name.
    let seen = |secret: &str, picture: &image::RgbaImage| {
        let mut b = Store::new();
        let key = b.ingest(photo_profile("vvv999", "Victor Lang"), NOW).unwrap();
        with_photo(&mut b, &key, "https://photos.example/vvv999.jpg", picture);
        let mut team = TeamIndex::new(TeamKey::new(secret).unwrap());
        team.put(TeamRecord::checked(&serde_json::to_string(&record).unwrap(), NOW).unwrap());
        let mut view = b.view(&key, NOW).unwrap();
        team.apply(&mut view, &b, &key);
        view.findings.into_iter().filter(|f| f.id == "TEAM_MATCH").collect::<Vec<_>>()
    };
    let found = seen(SECRET, &site_copy(&portrait));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, vetter::rules::Severity::Medium, "a likeness alone is at most medium");
    assert!(found[0].explanation.contains("Only a photo matches"), "{}", found[0].explanation);
    let evidence = &found[0].evidence[0];
    assert_eq!((evidence.field.as_str(), evidence.value.as_str()), ("photo", "https://photos.example/vvv999.jpg"));
    // Another picture, or another team's secret: nothing.
    assert!(seen(SECRET, &site_copy(&picture(8, 300, 400))).is_empty());
    assert!(seen("another team's secret phrase", &site_copy(&portrait)).is_empty());
}

/// Records come back from the server each time they change: a replaced
/// record's photos are not compared any more, and many replacements keep
/// one match, not one per version.
#[test]
fn a_replaced_record_is_compared_by_its_latest_photos_only() {
    let (a, key, portrait) = judged_case_with_portrait();
    let record = TeamRecord::of_case(&TeamKey::new(SECRET).unwrap(), &a, &key, &[], NOW).unwrap();
    let without_photo = TeamRecord { photos: Vec::new(), ..record.clone() };
    let json = |r: &TeamRecord| serde_json::to_string(r).unwrap();

    let mut b = Store::new();
    let reader = b.ingest(photo_profile("vvv999", "Victor Lang"), NOW).unwrap();
    with_photo(&mut b, &reader, "https://photos.example/vvv999.jpg", &site_copy(&portrait));
    let mut team = TeamIndex::new(TeamKey::new(SECRET).unwrap());
    let team_matches = |team: &TeamIndex| {
        let mut view = b.view(&reader, NOW).unwrap();
        team.apply(&mut view, &b, &reader);
        view.findings.iter().filter(|f| f.id == "TEAM_MATCH").map(|f| f.evidence.len()).collect::<Vec<_>>()
    };
    // 200 versions: the set of photos compared is compacted along the way,
    // and until then the old versions' photos (as alike as the latest) must
    // not take its place among the few a lookup refines.
    for version in 0..200 {
        team.put(TeamRecord::checked(&json(&record), NOW).unwrap());
        if version < 80 || version % 20 == 0 {
            assert_eq!(team_matches(&team), vec![1], "one record, one photo evidence, at version {version}");
        }
    }
    team.put(TeamRecord::checked(&json(&without_photo), NOW).unwrap());
    assert_eq!(team_matches(&team), Vec::<usize>::new(), "the latest version has no photo");
    team.put(TeamRecord::checked(&json(&record), NOW).unwrap());
    assert_eq!(team_matches(&team), vec![1]);
    team.remove(&record.id);
    assert_eq!(team_matches(&team), Vec::<usize>::new());
}

/// A case over what a team document holds is not shared in full; its record
/// and verdict still go, and the panel tells the recruiter who asked.
#[test]
fn a_case_too_large_to_share_in_full_says_so_in_the_panel() {
    let (mut a, key, _) = shared_case();
    let long_note = "a long interview transcript line ".repeat(60);
    for i in 0..800 {
        assert!(a.add_note(&key, &format!("{i} {long_note}"), NOW - 2_000));
    }
    let team_key = TeamKey::new(SECRET).unwrap();
    let view_of = |a: &Store| {
        let mut view = a.view(&key, NOW).unwrap();
        TeamIndex::new(team_key.clone()).apply(&mut view, a, &key);
        view
    };
    // Not asked to share: no notice.
    assert_eq!(view_of(&a).team_share_too_large, None);
    assert!(a.set_verdict_sharing(&key, VerdictKind::Fraudulent, "share it", "Ann Lee", NOW - 1_000, true));
    let record = TeamRecord::of_case(&team_key, &a, &key, &[], NOW).unwrap();
    assert!(record.case.is_none(), "over 1.5 MB: the case stays home");
    assert!(!record.verdicts.is_empty() && !record.identifiers.is_empty(), "its record still goes");
    let view = view_of(&a);
    assert!(view.team_share_too_large.is_some_and(|bytes| bytes > 1_500_000), "{:?}", view.team_share_too_large);
    let html = vetter::render::panel_html(&view);
    assert!(html.contains("too large to share in full"), "the panel says so");
}

#[test]
fn a_profile_judged_on_the_command_line_is_seen_by_a_colleague_in_the_browser() {
    // The CLI keys a profile by its case folder and page; the browser by the
    // profile's address. No contact, no bio: only the address is in common.
    let mut cli = Store::new();
    let key = cli
        .ingest_keyed(
            "dir:cases/kim|https://www.upwork.com/freelancers/~01ccc333".into(),
            upwork("ccc333", "D. Kim", None, None),
            NOW,
        )
        .unwrap();
    assert!(cli.set_verdict(&key, VerdictKind::Fraudulent, "rented account", "Cy Diaz", NOW));
    let record = TeamRecord::of_case(&TeamKey::new(SECRET).unwrap(), &cli, &key, &[], NOW).unwrap();
    let findings = seen_by_team(SECRET, &record, upwork("ccc333", "Daniel Kim", None, None));
    let team = findings.iter().find(|f| f.id == "TEAM_MATCH").expect("seen by the team by its address");
    assert!(team.evidence.iter().any(|e| e.field == "profile" && e.value.contains("~01ccc333")), "{team:?}");
    // Another profile's address is not.
    let findings = seen_by_team(SECRET, &record, upwork("ddd444", "Daniel Kim", None, None));
    assert!(!findings.iter().any(|f| f.id == "TEAM_MATCH"), "{findings:?}");
}

#[test]
fn selections_made_on_one_page_are_not_one_profile_to_the_team() {
    // Two texts selected on the same web page (a messenger, a recruiting
    // tool) are two cases; the page's address is no identifier of either.
    let page = |text: &str| {
        let mut p = Profile::empty("https://web.whatsapp.example/", Site::Generic);
        p.name = Some(Sourced::new(text, "t"));
        p
    };
    let mut a = Store::new();
    let key = a.ingest_keyed("selection:1".into(), page("Sam Wu"), NOW).unwrap();
    assert!(a.set_verdict(&key, VerdictKind::Fraudulent, "rented account", "Ann Lee", NOW));
    let record = TeamRecord::of_case(&TeamKey::new(SECRET).unwrap(), &a, &key, &[], NOW).unwrap();
    let mut b = Store::new();
    let other = b.ingest_keyed("selection:2".into(), page("Lee Park"), NOW).unwrap();
    let mut team = TeamIndex::new(TeamKey::new(SECRET).unwrap());
    team.put(record);
    assert!(team.findings(&b, &other).is_empty());
}
