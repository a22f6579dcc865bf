//! Core timings (`cargo xtask bench`): analysing a case, and extracting
//! profile pages of realistic and worst-case composition.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vetter::analysis::analyse;
use vetter::model::{Message, Profile, Site, Sourced};

fn case(n: usize) -> Vec<Profile> {
    let names = ["Daniel Kim", "Daniel K.", "Jin Park", "Kim Daniel", "Dan Kim"];
    let places = ["Austin, TX", "Austin, United States", "Warsaw, Poland", "Kyiv, Ukraine", "Seoul"];
    (0..n)
        .map(|i| {
            let mut p = Profile::empty(format!("https://github.com/user{i}"), Site::Github);
            p.name = Some(Sourced::new(names[i % names.len()], "bench"));
            p.location = Some(Sourced::new(places[i % places.len()], "bench"));
            p
        })
        .collect()
}

/// A 2 MB profile page made like real saved ones: about 60 % inline
/// scripts and JSON state, 15 % inline SVG icons (1,690), the rest dense
/// markup (2,486 repository cards, 12,430 elements), around a GitHub
/// profile fixture: about 16,000 elements, 14,300 of them left for the
/// parser once the pre-pass has emptied the icons.
fn realistic_page() -> String {
    let profile = include_str!("../tests/fixtures/pages/github/complete.html");
    let script = format!(
        "<script>window.__STATE__ = {{\"items\": [{}]}};</script>\n",
        r#"{"id": 1, "html": "<div class=\"x\">x</div>", "n": "name"},"#.repeat(200)
    );
    let svg = "<svg class=\"octicon\" viewBox=\"0 0 16 16\"><path d=\"M8 0C3.58 0 0 3.58 0 8c0 4.42 3.58 8 8 8s8-3.58 8-8-3.58-8-8-8zm0 14.5A6.5 6.5 0 1 1 8 1.5a6.5 6.5 0 0 1 0 13z\"></path></svg>\n";
    let card = "<li class=\"repo-item\"><h3><a href=\"/obondarenko-dev/some-repo\">some-repo</a></h3><p class=\"desc\">A repository description of moderate length.</p><span class=\"lang\">Rust</span></li>\n";
    let mut page = String::with_capacity(2_100_000);
    let body_at = profile.find("</body>").unwrap_or(profile.len());
    page.push_str(&profile[..body_at]);
    while page.len() < 1_250_000 {
        page.push_str(&script);
    }
    while page.len() < 1_550_000 {
        page.push_str(svg);
    }
    page.push_str("<ul class=\"repos\">");
    while page.len() < 2_000_000 {
        page.push_str(card);
    }
    page.push_str("</ul>");
    page.push_str(&profile[body_at..]);
    page
}

/// The worst case: 2 MB of dense markup, nothing to skip (~60,000 elements).
fn dense_page() -> String {
    format!(
        "<!-- saved from url=(0027)https://github.com/someone -->\n<html><body><div class=\"h-card\"><span class=\"p-name vcard-fullname\">Jane Doe</span></div>{}</body></html>",
        "<div class=\"repo\"><a href=\"/someone/repo\">repo</a><p>description of a repository</p></div>".repeat(22_000)
    )
}

fn bench(c: &mut Criterion) {
    // 2026-11-27, so "present" and account ages are fixed.
    const NOW_MS: u64 = 1_795_776_000_000;
    let ten = case(10);
    c.bench_function("analyse case of 10 profiles", |b| b.iter(|| analyse(black_box(&ten), &[], NOW_MS)));
    let messages: Vec<Message> = (0..20)
        .map(|i| Message {
            source: format!("thread-{i}.txt"),
            text: [
                "Thanks, the fix is deployed.",
                "Let's continue on Telegram, t.me/devx",
                "USDT TRC20 is fine",
                "Can we do the call tomorrow at 10?",
            ][i % 4]
                .repeat(3),
        })
        .collect();
    c.bench_function("analyse case of 10 profiles and 20 messages", |b| {
        b.iter(|| analyse(black_box(&ten), black_box(&messages), NOW_MS))
    });
    // The message model is trained once per worker, at the first message.
    let training = vetter::rules::message_model::examples(&vetter::data::text(vetter::data::BEHAVIOUR_TRAIN).unwrap());
    c.bench_function(&format!("train the message model ({} examples)", training.len()), |b| {
        b.iter(|| vetter::rules::message_model::MessageModel::train(black_box(&training)))
    });
    // GitHub history (issue #17): every signal over an account of 1,000 commits.
    let mut github = Profile::empty("https://github.com/bench-dev", vetter::model::Site::Github);
    let mut history = vetter::github::History {
        login: "bench-dev".into(),
        created: 1_500_000_000,
        fetched: 1_796_083_200,
        ..Default::default()
    };
    history.repos = (0..10)
        .map(|r| vetter::github::Repo { name: format!("repo{r}"), created: 1_500_000_000, ..Default::default() })
        .collect();
    history.commits = (0..1_000)
        .map(|i: i64| vetter::github::Commit {
            repo: format!("repo{}", i % 10),
            sha: format!("{i:040x}"),
            date: 1_500_000_000 + i * 250_000,
            author_name: "Bench Dev".into(),
            author_email: format!("dev{}@example.com", i % 3),
            author_login: Some("bench-dev".into()),
            message: "Update".into(),
            ..Default::default()
        })
        .collect();
    github.github = Some(history);
    let mut claimed = Profile::empty("https://www.upwork.com/freelancers/~01bench", vetter::model::Site::Upwork);
    claimed.location = Some(vetter::model::Sourced::new("New York, NY, United States", "t"));
    claimed.country = Some("US".into());
    let account = [github, claimed];
    c.bench_function("GitHub history signals of an account with 1,000 commits", |b| {
        b.iter(|| {
            vetter::rules::github_history::check(&vetter::rules::CaseInput {
                profiles: black_box(&account),
                messages: &[],
                now_month: 0,
            })
        })
    });
    let realistic = realistic_page();
    assert!(vetter::extract::extract(None, &realistic).unwrap().name.is_some());
    c.bench_function(&format!("extract realistic page ({} KB)", realistic.len() / 1024), |b| {
        b.iter(|| vetter::extract::extract(None, black_box(&realistic)))
    });
    // Skeletons of real LinkedIn pages (2025 logged-in profile view, 1.8 MB;
    // its messaging view, 1.5 MB): the real structure, scripts and weight.
    for (label, page) in [
        ("LinkedIn 2025 profile", include_str!("../tests/fixtures/pages/linkedin/real-2025-loggedin.html")),
        ("LinkedIn 2025 thread", include_str!("../tests/fixtures/pages/linkedin/real-2025-thread.html")),
    ] {
        assert!(!vetter::extract::extract(None, page).unwrap().is_empty());
        c.bench_function(&format!("extract {label} ({} KB)", page.len() / 1024), |b| {
            b.iter(|| vetter::extract::extract(None, black_box(page)))
        });
    }
    let dense = dense_page();
    let mut group = c.benchmark_group("worst case");
    group.sample_size(10);
    group.bench_function(format!("extract dense markup ({} KB)", dense.len() / 1024), |b| {
        b.iter(|| vetter::extract::extract(None, black_box(&dense)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
