//! The store: linking, manual links, persistence records, retention,
//! export/import and reuse across cases.

use super::*;
// The store's behaviour is read through the case views built on it.
use crate::analysis::{CaseView, CaseViews};
use crate::model::{Site, Sourced};
use crate::reuse::photo::testing::{portrait, resize};

fn profile(url: &str, name: &str, links: &[&str]) -> Profile {
    let mut p = Profile::empty(url, sites::site_of(url));
    p.name = Some(Sourced::new(name, "t"));
    p.links = links.iter().map(|l| Sourced::new(*l, "t")).collect();
    p
}

fn ids(view: &CaseView) -> Vec<&str> {
    view.findings.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn a_link_in_either_direction_joins_a_case() {
    let mut s = Store::new();
    let up = s.ingest(profile("https://www.upwork.com/freelancers/~01a", "Daniel K.", &[]), 1).unwrap();
    let gh = s.ingest(profile("https://github.com/dk", "Jin Park", &["https://www.upwork.com/freelancers/~01a"]), 2);
    let other = s.ingest(profile("https://github.com/someone", "Someone Else", &[]), 3).unwrap();
    let gh = gh.unwrap();
    assert_eq!(s.case_of(&up), vec![gh.clone(), up.clone()]);
    assert_eq!(s.case_of(&other), vec![other.clone()]);
    let view = s.view(&up, 0).unwrap();
    assert!(ids(&view).contains(&"NAME_MISMATCH"));
    assert_eq!(view.keys, vec![gh, up]);
    assert_eq!(view.profiles[0].first_seen, Some(2));
}

#[test]
fn a_shared_email_joins_a_case_unless_the_names_contradict() {
    let mut s = Store::new();
    let mut a = profile("https://github.com/a1", "Ann Lee", &[]);
    a.emails.push(Sourced::new("x.y@gmail.com", "t"));
    let mut b = profile("https://jane.example/", "Ann Lee", &[]);
    b.emails.push(Sourced::new("XY+jobs@Gmail.com", "t"));
    let mut c = profile("https://c.example/", "Bo Chan", &[]);
    c.emails.push(Sourced::new("xy@gmail.com", "t"));
    let ka = s.ingest(a, 1).unwrap();
    s.ingest(b, 1).unwrap();
    let kc = s.ingest(c, 1).unwrap();
    assert_eq!(s.case_of(&ka).len(), 2);
    assert_eq!(s.case_of(&kc), vec![kc.clone()]);
    assert!(ids(&s.view(&kc, 0).unwrap()).contains(&"SHARED_IDENTIFIER"));
}

#[test]
fn the_same_phone_in_two_formats_flags_two_differently_named_candidates() {
    let mut s = Store::new();
    let mut a = profile("https://github.com/aaa1", "Daniel Foster", &[]);
    a.phones.push(Sourced::new("+1 (470) 555-0123", "t"));
    let mut b = profile("https://github.com/bbb2", "Jin Park", &[]);
    b.phones.push(Sourced::new("001 470 555 0123", "t"));
    let (ka, kb) = (s.ingest(a, 1).unwrap(), s.ingest(b, 1).unwrap());
    assert_ne!(s.case_of(&ka), s.case_of(&kb));
    for (key, other) in [(&ka, "Jin Park"), (&kb, "Daniel Foster")] {
        let view = s.view(key, 0).unwrap();
        let f = view.findings.iter().find(|f| f.id == "SHARED_IDENTIFIER").expect("flagged");
        assert!(f.explanation.contains(other), "{}", f.explanation);
        let graph = view.graph.expect("a persona graph");
        assert_eq!(graph.nodes.len(), 2);
        assert!(graph.nodes[1].label.contains(other));
    }
}

#[test]
fn a_same_name_only_suggests_and_manual_links_and_separations_hold() {
    let mut s = Store::new();
    let a = s.ingest(profile("https://github.com/dkim1", "Daniel Kim", &[]), 1).unwrap();
    let b = s.ingest(profile("https://stackoverflow.com/users/1/dkim", "Kim, Daniel", &[]), 2).unwrap();
    assert_eq!(s.case_of(&a), vec![a.clone()]);
    let view = s.view(&a, 0).unwrap();
    assert_eq!(view.suggestions.iter().map(|x| x.key.as_str()).collect::<Vec<_>>(), vec![b.as_str()]);
    assert!(s.link(&a, &b));
    assert_eq!(s.case_of(&a).len(), 2);
    assert!(s.view(&a, 0).unwrap().suggestions.is_empty());
    assert!(s.separate(std::slice::from_ref(&b)));
    assert_eq!(s.case_of(&a), vec![a.clone()]);
    assert!(s.view(&a, 0).unwrap().suggestions.is_empty(), "separated on purpose: not suggested again");
    assert!(!s.separate(std::slice::from_ref(&a)), "nothing left to split");
}

#[test]
fn splitting_beats_an_automatic_link() {
    let mut s = Store::new();
    let a = s.ingest(profile("https://github.com/dk", "Jin Park", &["https://dk.example/"]), 1).unwrap();
    let b = s.ingest(profile("https://dk.example/", "Jin Park", &[]), 1).unwrap();
    let c =
        s.ingest(profile("https://www.upwork.com/freelancers/~01c", "Jin Park", &["https://dk.example/"]), 1).unwrap();
    assert_eq!(s.case_of(&a).len(), 3);
    assert!(s.separate(std::slice::from_ref(&c)));
    assert_eq!(s.case_of(&a), vec![a.clone(), b.clone()]);
    assert_eq!(s.case_of(&c), vec![c]);
}

#[test]
fn records_persist_one_by_one_and_a_damaged_record_loses_only_itself() {
    let mut s = Store::new();
    let a = s.ingest(profile("https://github.com/a1", "Ann Lee", &[]), 5).unwrap();
    let b = s.ingest(profile("https://github.com/b2", "Bo Chan", &[]), 6).unwrap();
    assert!(s.add_note(&a, "called her <b>twice</b>", 7));
    assert!(s.set_check(&a, "video_interview", CheckStatus::Done, "camera on", 8));
    assert!(!s.set_check(&a, "no_such_item", CheckStatus::Done, "", 8));
    let changes = s.take_changes();
    assert_eq!(changes.put.len(), 2);
    assert!(s.take_changes().is_empty());
    let mut records: Vec<(String, String)> = changes.put;
    records[1].1.truncate(20); // b's record damaged
    let mut back = Store::new();
    let rejected = back.load_records(records.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].key, b);
    let view = back.view(&a, 9).unwrap();
    assert_eq!(view.notes[0].text, "called her <b>twice</b>");
    assert_eq!(view.checklist["video_interview"].status, CheckStatus::Done);
    assert_eq!(back.get(&a).unwrap().first_seen, 5);
}

#[test]
fn version_1_stores_migrate() {
    let mut old = BTreeMap::new();
    let p = profile("https://github.com/a1", "Ann Lee", &[]);
    old.insert("github:a1", serde_json::json!({"profile": p, "first_seen": 3, "last_seen": 4}));
    let v1 = serde_json::json!({"version": 1, "profiles": old}).to_string();
    let mut s = Store::new();
    assert_eq!(s.migrate_v1(&v1), Ok(1));
    assert_eq!(s.take_changes().put.len(), 1, "every migrated profile is written as a record");
    assert!(matches!(s.migrate_v1("{\"version\":1,\"profiles\":"), Err(StoreError::Corrupt(_))));
    // The old document is read again (its removal failed last time) after a
    // note was written: the note stays.
    assert!(s.add_note("github:a1", "asked for a video call", 10));
    assert_eq!(s.migrate_v1(&v1), Ok(1));
    assert_eq!(s.view("github:a1", 11).unwrap().notes.len(), 1, "a second migration keeps newer records");
}

#[test]
fn retention_forgets_old_profiles_and_their_links() {
    let mut s = Store::new();
    let day = DAY_MS;
    let old = s.ingest(profile("https://github.com/old1", "Ann Lee", &[]), day).unwrap();
    let new = s.ingest(profile("https://github.com/new1", "Bo Chan", &[]), 95 * day).unwrap();
    s.link(&old, &new);
    s.take_changes();
    assert_eq!(s.purge_expired(100 * day), 1);
    assert!(s.get(&old).is_none());
    assert!(s.get(&new).unwrap().linked_to.is_empty());
    let changes = s.take_changes();
    assert_eq!(changes.delete, vec![old]);
    assert_eq!(changes.put.len(), 1);
    s.set_retention_days(0);
    assert_eq!(s.purge_expired(10_000 * day), 0, "0 keeps everything");
    assert!(s.take_changes().settings.is_some());
}

#[test]
fn deleting_a_case_or_everything() {
    let mut s = Store::new();
    let a = s.ingest(profile("https://github.com/dk", "Jin Park", &["https://dk.example/"]), 1).unwrap();
    s.ingest(profile("https://dk.example/", "Jin Park", &[]), 1).unwrap();
    s.ingest(profile("https://github.com/x1", "Ann Lee", &[]), 1).unwrap();
    assert_eq!(s.delete_case(&a), 2);
    assert_eq!(s.len(), 1);
    assert_eq!(s.delete_all(), 1);
    assert_eq!(s.take_changes().delete.len(), 3);
}

#[test]
fn export_and_import_round_trip_and_merge() {
    let mut s = Store::new();
    let a = s.ingest(profile("https://github.com/dk", "Jin Park", &["https://dk.example/"]), 1).unwrap();
    s.ingest(profile("https://dk.example/", "Jin Park", &[]), 1).unwrap();
    s.ingest(profile("https://github.com/x1", "Ann Lee", &[]), 1).unwrap();
    s.add_note(&a, "asked for ID", 2);
    let one_case = s.export(std::slice::from_ref(&a), 3);
    let mut other = Store::new();
    other.ingest(profile("https://github.com/dk", "Jin Park", &[]), 5).unwrap();
    assert_eq!(other.import(&one_case, 10), Ok((2, 0)));
    assert_eq!(other.len(), 2);
    assert_eq!(other.get(&a).unwrap().notes.len(), 1);
    assert_eq!(other.get(&a).unwrap().last_seen, 5, "the newer copy of the page is kept");
    assert!(matches!(
        other.import("{\"format\":\"vetter-cases\",\"schema\":2,\"profiles\":[{]}", 10),
        Err(StoreError::Corrupt(_))
    ));
    assert_eq!(other.len(), 2, "a broken file imports nothing");
    assert_eq!(other.import("[1,2]", 10), Err(StoreError::NotCases));
}

/// Issue #16: an imported file was trusted: a record filed under another
/// candidate's key, dates in the future, explanations that name no
/// evidence (covering any), control and bidi characters in text.
#[test]
fn an_imported_file_is_checked_like_a_page() {
    let mut s = Store::new();
    let a = s.ingest(profile("https://github.com/dk", "Jin Park", &[]), 1).unwrap();
    s.explain(&a, "NAME_MISMATCH", "Ann", "seen the ID", 2);
    let export = s.export(&[], 3);
    let mut doc: serde_json::Value = serde_json::from_str(&export).unwrap();
    let record = doc["profiles"][0].clone();
    // Filed under another candidate's key.
    let mut misfiled = record.clone();
    misfiled["key"] = "github:someone-else".into();
    // From the future, with an explanation naming no evidence and hostile text.
    let mut hostile = record.clone();
    hostile["stored"]["last_seen"] = 9_999_999_999_999u64.into();
    hostile["stored"]["first_seen"] = 9_999_999_999_999u64.into();
    hostile["stored"]["explained"]["NAME_MISMATCH"]["evidence"] = serde_json::Value::Null;
    hostile["stored"]["profile"]["name"]["value"] = "Jin\u{0}\u{202e}kraP \u{7}Park".into();
    hostile["stored"]["profile"]["bio"] = serde_json::json!({"value": "x".repeat(100_000), "source": "t"});
    doc["profiles"] = serde_json::json!([misfiled, hostile]);
    let mut other = Store::new();
    assert_eq!(other.import(&doc.to_string(), 1_000), Ok((1, 1)));
    assert!(other.get("github:someone-else").is_none(), "a misfiled record is left out");
    let got = other.get(&a).unwrap();
    assert_eq!((got.first_seen, got.last_seen), (1_000, 1_000), "no date after the import");
    assert!(got.explained.is_empty(), "an explanation naming no evidence would cover any");
    assert_eq!(got.profile.name.as_ref().unwrap().value, "JinkraP Park");
    assert_eq!(got.profile.bio.as_ref().unwrap().value.chars().count(), 20_000);
}

#[test]
fn a_selection_joins_the_case_of_its_page() {
    let mut s = Store::new();
    let page = s.ingest(profile("https://github.com/dk", "Jin Park", &[]), 1).unwrap();
    let sel = s.ingest_selection("https://github.com/dk", "Jin: let's move to Telegram\nok", 2).unwrap();
    assert_eq!(s.case_of(&page), vec![page.clone(), sel.clone()]);
    assert_eq!(s.get(&sel).unwrap().profile.messages.len(), 2);
    assert_eq!(s.ingest_selection("https://github.com/dk", "   ", 3), None);
}

#[test]
fn linked_pages_are_recognised() {
    let mut s = Store::new();
    s.ingest(profile("https://github.com/dk", "Jin Park", &["https://dk.example/"]), 1).unwrap();
    assert!(s.is_linked("https://dk.example/about"));
    assert!(!s.is_linked("https://other.example/"));
}

/// Issue #16: a link to webmail, a document or a link aggregator made every
/// page of that host part of the candidate's case; a personal site is the
/// linked address and the pages under it.
#[test]
fn a_linked_address_covers_its_pages_and_never_a_shared_host() {
    let mut s = Store::new();
    let links = [
        "https://mail.google.com/mail/u/0/",
        "https://docs.google.com/document/d/1cv/edit",
        "https://linktr.ee/jinpark",
        "https://portfolio.example/~jin/",
    ];
    let dk = s.ingest(profile("https://github.com/dk", "Jin Park", &links), 1).unwrap();
    for url in [
        "https://mail.google.com/mail/u/0/#inbox",
        "https://docs.google.com/document/d/other/edit",
        "https://linktr.ee/someone",
    ] {
        assert!(!s.is_linked(url), "{url}");
    }
    assert!(s.is_linked("https://portfolio.example/~jin/projects"));
    assert!(!s.is_linked("https://portfolio.example/~ann/"), "another user's folder on the same host");
    assert!(!s.is_linked("https://portfolio.example/"));
    // A page under the linked folder is that site's profile, in the case.
    let site = s.ingest(profile("https://portfolio.example/~jin/projects", "Jin Park", &[]), 2).unwrap();
    assert_eq!(site, "web:portfolio.example/~jin");
    assert!(s.case_of(&dk).contains(&site));
    assert_eq!(s.linked_sites(&dk), vec!["https://portfolio.example/~jin/".to_string()], "shared hosts are not sites");
    // Two candidates linking two pages of one aggregator are not one case.
    let a = s.ingest(profile("https://github.com/ann", "Ann Lee", &["https://linktr.ee/a"]), 3).unwrap();
    let b = s.ingest(profile("https://github.com/bo", "Bo Chan", &["https://linktr.ee/b"]), 3).unwrap();
    assert!(!s.case_of(&a).contains(&b));
}

#[test]
fn empty_pages_are_not_stored() {
    let mut s = Store::new();
    assert_eq!(s.ingest(Profile::empty("https://github.com/x", Site::Github), 1), None);
}

const TEMPLATE: &str = "Hello! I am {name}, a senior full stack engineer with 8 years of experience building \
    scalable web applications for startups and enterprises across fintech, healthcare and e-commerce. I take \
    ownership of every project from the first sketch to deployment, communicate daily and deliver clean, tested \
    code on time. Let us build something great together.";

fn with_bio(url: &str, name: &str, bio: &str) -> Profile {
    let mut p = profile(url, name, &[]);
    p.bio = Some(Sourced::new(bio.replace("{name}", name.split(' ').next().unwrap()), "t"));
    p
}

#[test]
fn a_bio_template_shared_by_two_candidates_flags_both_pointing_at_each_other() {
    let mut s = Store::new();
    let a = s.ingest(with_bio("https://www.upwork.com/freelancers/~01a", "Daniel Kim", TEMPLATE), 1).unwrap();
    let edited = TEMPLATE.replace("8 years", "9 years").replace("daily", "every day");
    let b = s.ingest(with_bio("https://www.upwork.com/freelancers/~02b", "Ahmed Salem", &edited), 1).unwrap();
    for (key, other) in [(&a, "Ahmed Salem"), (&b, "Daniel Kim")] {
        let view = s.view(key, 0).unwrap();
        let f = view.findings.iter().find(|f| f.id == "TEMPLATE_REUSE").expect("flagged");
        assert!(f.explanation.contains(other), "{}", f.explanation);
        assert!(f.evidence.iter().all(|e| e.value.contains("scalable web applications")), "{:?}", f.evidence);
    }
    // One candidate's two profiles repeating their own bio is not reuse.
    let mut s = Store::new();
    let a = s.ingest(with_bio("https://www.upwork.com/freelancers/~01a", "Daniel Kim", TEMPLATE), 1).unwrap();
    let own_site = s.ingest(with_bio("https://dk.example/", "Daniel Kim", TEMPLATE), 1).unwrap();
    assert!(s.link(&a, &own_site));
    assert!(!ids(&s.view(&a, 0).unwrap()).contains(&"TEMPLATE_REUSE"));
}

#[test]
fn the_same_photo_resized_flags_both_candidates_but_placeholders_do_not() {
    let mut s = Store::new();
    let mut a = profile("https://github.com/aaa1", "Daniel Foster", &[]);
    a.photo = Some(Sourced::new("https://avatars.example/a.jpg", "t"));
    let mut b = profile("https://github.com/bbb2", "Jin Park", &[]);
    b.photo = Some(Sourced::new("https://avatars.example/b.jpg", "t"));
    let (ka, kb) = (s.ingest(a, 1).unwrap(), s.ingest(b, 1).unwrap());
    assert_eq!(s.photo_to_fetch(&ka).as_deref(), Some("https://avatars.example/a.jpg"));
    let picture = portrait(240, 240, 3);
    assert!(s.set_photo(&ka, "https://avatars.example/a.jpg", 240, 240, &picture));
    assert!(s.set_photo(&kb, "https://avatars.example/b.jpg", 100, 100, &resize(&picture, 240, 240, 100, 100)));
    assert!(!s.set_photo(&kb, "https://avatars.example/stale.jpg", 100, 100, &picture), "not its photo any more");
    assert_eq!(s.photo_to_fetch(&ka), None, "hashed already");
    let view = s.view(&ka, 0).unwrap();
    let f = view.findings.iter().find(|f| f.id == "PHOTO_REUSE").expect("flagged");
    assert!(f.explanation.contains("Jin Park"));
    // A flat default avatar is never hashed.
    let mut c = profile("https://github.com/ccc3", "Ann Lee", &[]);
    c.photo = Some(Sourced::new("https://avatars.example/c.png", "t"));
    let kc = s.ingest(c, 1).unwrap();
    assert!(s.set_photo(&kc, "https://avatars.example/c.png", 64, 64, &vec![230; 64 * 64 * 4]));
    assert!(s.get(&kc).unwrap().photo.as_ref().unwrap().hash.is_none());
}

#[test]
fn a_picture_many_candidates_share_is_a_default_avatar() {
    let mut s = Store::new();
    let picture = portrait(120, 120, 5);
    let names = ["Ann Lee", "Bo Chan", "Cy Diaz", "Di Evans", "Ed Fox", "Flo Gray"];
    let keys: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut p = profile(&format!("https://github.com/user{i}x"), n, &[]);
            p.photo = Some(Sourced::new(format!("https://avatars.example/{i}.png"), "t"));
            let k = s.ingest(p, 1).unwrap();
            s.set_photo(&k, &format!("https://avatars.example/{i}.png"), 120, 120, &picture);
            k
        })
        .collect();
    assert!(!ids(&s.view(&keys[0], 0).unwrap()).contains(&"PHOTO_REUSE"));
}

/// A case of an Upwork and a GitHub profile that link to each other, with
/// a note, a checklist item and an explanation written on it.
fn annotated_case(s: &mut Store, day: u64) -> (String, String) {
    let up = s.ingest(profile("https://www.upwork.com/freelancers/~01jp", "Daniel K.", &[]), day).unwrap();
    let gh =
        s.ingest(profile("https://github.com/jpark", "Jin Park", &["https://www.upwork.com/freelancers/~01jp"]), day);
    let gh = gh.unwrap();
    // The panel writes on the case's first key.
    let first = s.case_of(&up)[0].clone();
    assert_eq!(first, gh);
    assert!(s.add_note(&first, "asked for a video call", day + 1));
    assert!(s.set_check(&first, "video_interview", CheckStatus::Done, "", day + 1));
    assert!(s.explain(&first, "NAME_MISMATCH", "Ann", "uses a western first name at work", day + 1));
    (up, gh)
}

#[test]
fn separating_a_case_leaves_what_was_written_with_both_halves() {
    let mut s = Store::new();
    let (up, gh) = annotated_case(&mut s, 10);
    assert!(s.separate(std::slice::from_ref(&gh)));
    for key in [&up, &gh] {
        let view = s.view(key, 20).unwrap();
        assert_eq!(view.keys.len(), 1, "separated");
        assert_eq!(view.notes.len(), 1, "{key} keeps the note");
        assert_eq!(view.checklist["video_interview"].status, CheckStatus::Done);
        assert!(view.explained.contains_key("NAME_MISMATCH"));
    }
}

#[test]
fn the_oldest_profile_of_a_case_expiring_keeps_what_was_written() {
    let mut s = Store::new();
    let (up, gh) = annotated_case(&mut s, DAY_MS);
    // Only the Upwork profile is seen again; the GitHub one, holding the
    // notes, expires.
    s.ingest(
        profile("https://www.upwork.com/freelancers/~01jp", "Daniel K.", &["https://github.com/jpark"]),
        80 * DAY_MS,
    );
    assert_eq!(s.purge_expired(95 * DAY_MS), 1);
    assert!(s.get(&gh).is_none());
    let view = s.view(&up, 95 * DAY_MS).unwrap();
    assert_eq!(view.notes.len(), 1);
    assert_eq!(view.checklist["video_interview"].status, CheckStatus::Done);
    assert!(view.explained.contains_key("NAME_MISMATCH"));
}

#[test]
fn an_explanation_covers_the_evidence_it_was_given_for() {
    let mut s = Store::new();
    let (up, _) = annotated_case(&mut s, 10);
    let view = s.view(&up, 20).unwrap();
    assert!(ids(&view).contains(&"NAME_MISMATCH"));
    assert_eq!(view.risk.score, 0, "explained, so not counted");
    // A third name turns up on a profile that joins the case.
    s.ingest(profile("https://jp.example/", "Olga Petrova", &["https://github.com/jpark"]), 30).unwrap();
    let view = s.view(&up, 40).unwrap();
    assert!(view.risk.score > 0, "new evidence: the finding counts again");
    assert!(!view.explained.contains_key("NAME_MISMATCH"));
    assert!(view.notes.iter().any(|n| n.text.contains("uses a western first name at work")), "{:?}", view.notes);
}

#[test]
fn verdicts_keep_their_history_and_a_disagreement_stands() {
    use records::{standing_verdicts, VerdictKind};
    let mut s = Store::new();
    let up = s.ingest(profile("https://www.upwork.com/freelancers/~01a", "Daniel K.", &[]), 1).unwrap();
    let gh = s.ingest(profile("https://github.com/dk", "Jin Park", &["https://www.upwork.com/freelancers/~01a"]), 2);
    let gh = gh.unwrap();
    assert!(!s.set_verdict(&up, VerdictKind::Unsure, "no name", "", 3), "a verdict is signed");
    assert!(!s.set_verdict("upwork:nobody", VerdictKind::Unsure, "", "Ann", 3));
    assert!(s.set_verdict(&up, VerdictKind::Unsure, "waiting for the video call", "Ann", 10));
    assert!(s.set_verdict(&up, VerdictKind::Fraudulent, "same phone as a rejected persona", "Ann", 20));
    // Another recruiter, on another profile of the same case, disagrees.
    assert!(s.set_verdict(&gh, VerdictKind::NotFraudulent, "passed the ID check", "Bo", 30));
    let view = s.view(&gh, 40).unwrap();
    assert_eq!(view.verdicts.len(), 3, "the history is kept");
    let standing: Vec<(&str, VerdictKind)> =
        standing_verdicts(&view.verdicts).iter().map(|v| (v.by.as_str(), v.verdict)).collect();
    assert_eq!(standing, vec![("Bo", VerdictKind::NotFraudulent), ("Ann", VerdictKind::Fraudulent)]);
    let html = crate::render::panel_html(&view);
    assert!(html.contains(r#"data-verdict="fraudulent""#) && html.contains(r#"data-verdict="not_fraudulent""#));
    assert!(html.contains(&crate::render::escape(&crate::i18n::ui("verdictConflict"))), "a disagreement is said");

    // Exported and imported elsewhere, and merged with that copy: nothing lost, nothing doubled.
    let export = s.export(&view.keys, 50);
    let mut elsewhere = Store::new();
    elsewhere.import(&export, 60).unwrap();
    elsewhere.set_verdict(&up, VerdictKind::Fraudulent, "confirmed", "Cy", 70);
    s.import(&elsewhere.export(&view.keys, 80), 90).unwrap();
    let merged = s.view(&up, 100).unwrap();
    assert_eq!(merged.verdicts.len(), 4, "{:?}", merged.verdicts);
    assert_eq!(standing_verdicts(&merged.verdicts)[0].by, "Cy");

    // Split in two, both halves keep what was said about the case.
    assert!(s.separate(std::slice::from_ref(&gh)));
    assert_eq!(s.view(&gh, 110).unwrap().verdicts.len(), 4);
    assert_eq!(s.view(&up, 110).unwrap().verdicts.len(), 4);
}

#[test]
fn an_imported_verdict_cannot_be_dated_in_the_future() {
    let mut s = Store::new();
    let up = s.ingest(profile("https://www.upwork.com/freelancers/~01a", "Daniel K.", &[]), 1).unwrap();
    s.set_verdict(&up, records::VerdictKind::Fraudulent, "x", "Ann", 5_000);
    let export = s.export(std::slice::from_ref(&up), 5_000);
    let mut other = Store::new();
    other.import(&export, 2_000).unwrap();
    assert_eq!(other.view(&up, 2_000).unwrap().verdicts[0].at, 2_000);
}
