//! Every word a finding shows comes from the `_locales` catalogue: with a
//! pseudo-locale loaded (each English message wrapped in ⟪…⟫), every flag's
//! title, explanation, guidance and evidence note, and every persona-graph
//! edge, carries the marks. A string left in English in Rust would not.
//!
//! Its own test binary, because it replaces the process-wide catalogue.

use vetter::analysis::{analyse, CaseViews};
use vetter::model::{Job, Message, PortfolioMetrics, Profile, Review, Schooling, Site, Sourced, Stat};
use vetter::reuse::photo::signature_rgba;
use vetter::rules::Finding;
use vetter::store::Store;

const NOW_MS: u64 = 1_795_776_000_000; // 2026-11-27

fn pseudo_catalogue() -> String {
    let mut messages: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(include_str!("../_locales/en/messages.json")).unwrap();
    for entry in messages.values_mut() {
        let text = entry["message"].as_str().unwrap().to_string();
        entry["message"] = format!("⟪{text}⟫").into();
    }
    serde_json::to_string(&messages).unwrap()
}

fn job(employer: &str, title: &str, start: &str, end: &str) -> Job {
    Job {
        employer: Some(employer.into()),
        title: Some(title.into()),
        start: Some(start.into()),
        end: Some(end.into()),
        source: "t".into(),
        employment: None,
    }
}

/// One candidate whose profiles and messages trip every case rule.
fn inconsistent_case() -> (Vec<Profile>, Vec<Message>) {
    let mut up = Profile::empty("https://www.upwork.com/freelancers/~01abc", Site::Upwork);
    up.name = Some(Sourced::new("Daniel Kim", "t"));
    up.location = Some(Sourced::new("Austin, TX", "t"));
    up.country = Some("US".into());
    up.time_zone = Some(Sourced::new("UTC+9", "t"));
    up.phones.push(Sourced::new("+1 512 555 0101", "t"));
    up.emails.push(Sourced::new("dan.kim@mailinator.com", "t"));
    up.work.push(job("Google", "Engineer", "2019-01", "2022-12"));
    up.work.push(job("Fortuna LLC", "Developer", "2019-01", "2022-12"));
    up.member_since = Some(Sourced::new("2026-09", "t"));
    for day in 1..=6 {
        up.reviews.push(Review {
            reviewer: Some("Acme Client".into()),
            date: Some(format!("2026-10-0{day}")),
            rating: Some(5.0),
            source: "t".into(),
        });
    }
    up.stats.insert("bids".into(), Stat { value: 120.0, source: "t".into() });
    up.stats.insert("bids_won".into(), Stat { value: 1.0, source: "t".into() });
    up.education.push(Schooling {
        school: "University of Texas".into(),
        degree: None,
        start: Some("2015".into()),
        end: Some("2012".into()),
        source: "t".into(),
    });
    let mut gh = Profile::empty("https://github.com/jinpark", Site::Github);
    gh.name = Some(Sourced::new("Jin Park", "t"));
    gh.location = Some(Sourced::new("Warsaw, Poland", "t"));
    gh.country = Some("PL".into());
    gh.phones.push(Sourced::new("+48 22 555 0102", "t"));
    gh.emails.push(Sourced::new("jin@example.org", "t"));
    gh.work.push(job("Epam", "Engineer", "2019-01", "2022-12"));
    gh.education.push(Schooling {
        school: "Warsaw University".into(),
        degree: None,
        start: None,
        end: None,
        source: "t".into(),
    });
    gh.headline = Some(Sourced::new("Engineer with 15+ years of experience", "t"));
    let mut site = Profile::empty("https://jinpark.example/", Site::Generic);
    site.name = Some(Sourced::new("Jin Park", "t"));
    site.portfolio = Some(PortfolioMetrics {
        words: 60,
        projects: 0,
        project_links: 0,
        generator: Some("Wix".into()),
        placeholders: vec!["Lorem ipsum".into()],
    });
    let said = [
        "Let's continue on Telegram, t.me/devhelper77",
        "Please pay in USDT.",
        "My bank account has changed, use the new one.",
        "My upwork account was suspended.",
        "Please send the laptop to a different address.",
        "Can I borrow your identity for a contract?",
        "Please pay up front.",
        "I can't do video calls.",
    ];
    let messages = said.iter().map(|t| Message { source: "thread.txt".into(), text: (*t).into() }).collect();
    (vec![up, gh, site], messages)
}

/// Wholly written by the catalogue: one or more ⟪messages⟫ and nothing else
/// outside them but spaces and list separators.
fn from_catalogue(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '⟪' => depth += 1,
            '⟫' => depth -= 1,
            c if depth == 0 && !c.is_whitespace() && c != ';' && c != ',' => return false,
            _ => {}
        }
    }
    depth == 0 && text.contains('⟪')
}

/// Evidence values Vetter composes (the others quote the pages as they are).
const COMPOSED_FIELDS: &[&str] = &["bids", "portfolio", "reviews", "experience", "work"];

fn check_translated(f: &Finding) {
    for (part, text) in [("title", &f.title), ("explanation", &f.explanation), ("guidance", &f.guidance)] {
        assert!(from_catalogue(text), "{} {part} not from the catalogue: {text}", f.id);
    }
    let why = vetter::i18n::why_it_matters(&f.id).unwrap_or_else(|| panic!("{} has no why-it-matters line", f.id));
    assert!(why.starts_with('⟪') && why.contains("⟫"), "{} why-it-matters not from the catalogue: {why}", f.id);
    for e in &f.evidence {
        // A note is words (translated) or a bare normalised value ("+14705550123", "UTC+9").
        if let Some(note) = &e.note {
            assert!(from_catalogue(note) || !note.contains(' '), "{} note not from the catalogue: {note}", f.id);
        }
        if COMPOSED_FIELDS.contains(&e.field.as_str()) {
            assert!(from_catalogue(&e.value), "{} {} value not from the catalogue: {}", f.id, e.field, e.value);
        }
    }
}

#[test]
fn every_finding_and_graph_label_comes_from_the_loaded_catalogue() {
    vetter::data::load("messages.json", &pseudo_catalogue()).unwrap();
    let personas =
        "email,jin@example.org,Court filing (fictional test data),0.9,\nname,Jin Park,Research note (fictional),,\n";
    vetter::screening::set_imported(vec![vetter::screening::import::iocs(personas, "test").unwrap()]);

    let (profiles, messages) = inconsistent_case();
    let analysis = analyse(&profiles, &messages, NOW_MS);
    let mut fired: Vec<&str> = analysis.findings.iter().map(|f| f.id.as_str()).collect();
    analysis.findings.iter().for_each(check_translated);
    assert!(!analysis.risk.reasons.is_empty());
    for reason in &analysis.risk.reasons {
        assert!(from_catalogue(reason), "score reason not from the catalogue: {reason}");
    }
    for level in ["none", "info", "low", "medium", "high", "critical"] {
        assert!(from_catalogue(&vetter::i18n::level_label(level)), "level {level}");
    }

    // Two candidates sharing a bio, a photo and a phone: the cross-case flags.
    let mut store = Store::new();
    let bio = "I am a senior full stack engineer with deep experience building scalable web platforms for fintech \
               startups, leading teams across time zones and delivering reliable products on schedule for every client.";
    // A picture with light, shade and texture (a photo, not a flat placeholder).
    let pixels: Vec<u8> = (0..64u32 * 64)
        .flat_map(|i| {
            let (x, y) = (i % 64, i / 64);
            [(x * 4) as u8, (y * 4) as u8, ((x * y) % 251) as u8, 255]
        })
        .collect();
    let signature = signature_rgba(64, 64, &pixels).unwrap();
    let mut keys = Vec::new();
    for (url, name) in [("https://github.com/annlee", "Ann Lee"), ("https://github.com/bochan", "Bo Chan")] {
        let mut p = Profile::empty(url, Site::Github);
        p.name = Some(Sourced::new(name, "t"));
        p.bio = Some(Sourced::new(bio.replace("I am", &format!("I am {name},")), "t"));
        p.phones.push(Sourced::new("+1 470 555 0123", "t"));
        p.photo = Some(Sourced::new(format!("{url}.png"), "t"));
        let key = store.ingest(p, NOW_MS).unwrap();
        store.set_photo_signature(&key, &format!("{url}.png"), &signature);
        keys.push(key);
    }
    let view = store.view(&keys[1], NOW_MS).unwrap();
    view.findings.iter().for_each(check_translated);
    let cross: Vec<&str> = view.findings.iter().map(|f| f.id.as_str()).collect();
    fired.extend(cross);
    let graph = view.graph.expect("a persona graph");
    assert!(!graph.edges.is_empty());
    for edge in &graph.edges {
        assert!(edge.kind.starts_with('⟪'), "graph edge not from the catalogue: {}", edge.kind);
    }

    // The case must really trip the rules, or the checks above prove nothing.
    fired.sort_unstable();
    fired.dedup();
    let expected = [
        "ACCOUNT_SWITCH_REQUEST",
        "AVAILABILITY_EVASION",
        "BID_ANOMALY",
        "CONTACT_MISMATCH",
        "CRYPTO_PAYMENT_REQUEST",
        "DISPOSABLE_EMAIL",
        "HISTORY_MISMATCH",
        "IDENTITY_BORROWING",
        "IOC_MATCH",
        "LOCATION_MISMATCH",
        "NAME_MISMATCH",
        "OFF_PLATFORM_REQUEST",
        "PAYMENT_DETAILS_CHANGE",
        "PAYMENT_WITHOUT_WORK",
        "PHOTO_REUSE",
        "RATING_ANOMALY",
        "SANCTIONS_MATCH",
        "SHARED_IDENTIFIER",
        "SHIPPING_MISMATCH",
        "SIMPLE_PORTFOLIO",
        "TEMPLATE_REUSE",
        "TIMELINE_IMPLAUSIBLE",
        "WORK_HOURS_MISMATCH",
    ];
    let missing: Vec<&&str> = expected.iter().filter(|id| !fired.contains(id)).collect();
    assert!(missing.is_empty(), "rules that did not fire: {missing:?} (fired: {fired:?})");
}
