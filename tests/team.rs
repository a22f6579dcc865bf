//! Agency mode's records (issue #18): what a team shares about a case with
//! a verdict holds nothing but the listed fields, keyed with the team's
//! secret; another recruiter's case with the same phone or the same bio
//! template under another name is "seen by your team"; a wrong secret
//! matches nothing; a hostile document from the server is refused.

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
