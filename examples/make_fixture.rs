//! Turns a real saved page (kept outside the repository) into a fixture
//! the repository can hold: its skeleton (`vetter skeleton`: structure kept,
//! every personal value replaced) and an `.expected.json` made from what a
//! person read on the real page (`X.truth.json`, see `real_pages.rs`), put
//! through the same replacement.
//!
//! `cargo run --release --example make_fixture -- PAGE.html OUT_STEM`
//! writes `OUT_STEM.html` and `OUT_STEM.expected.json`.

use serde_json::{json, Map, Value};
use vetter::extract::values;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [page, stem] = &args[..] else {
        eprintln!("usage: make_fixture PAGE.html OUT_STEM");
        std::process::exit(2);
    };
    let html = String::from_utf8_lossy(&std::fs::read(page).expect("page")).into_owned();
    let truth_path = page.replace(".html", ".truth.json");
    let truth: Value = serde_json::from_str(&std::fs::read_to_string(&truth_path).expect("truth")).expect("truth json");
    let url = truth["url"].as_str().expect("the truth names the page's address");
    let skeleton = vetter::skeleton::skeleton(&html, Some(url)).unwrap_or_else(|e| panic!("{page}: {e}"));
    let fictional =
        |v: &Value| v.as_str().map(|s| skeleton.fictional(s.split_whitespace().collect::<Vec<_>>().join(" ").as_str()));
    let date = |v: &Value| fictional(v).and_then(|d| values::date(&d));
    let state = truth["state"].as_str().unwrap_or("profile");
    let read = vetter::extract::extract(None, &skeleton.html).unwrap_or_else(|e| panic!("{page}: {e}"));
    let mut expected = Map::new();
    expected.insert("url".into(), json!(skeleton.fictional(url)));
    expected.insert("site".into(), json!(read.site));
    let kind = match state {
        "profile" => "profile",
        "thread" => "thread",
        _ => "none",
    };
    expected.insert("kind".into(), json!(kind));
    let unread = match state {
        "signin" | "notfound" | "ratelimit" | "empty" => Some(state),
        // A list at a profile's address; lists at their own addresses are not read at all.
        "list" => read.unread.map(|u| u.key()),
        _ => None,
    };
    expected.insert("unread".into(), json!(unread));
    if state == "profile" {
        for key in ["name", "headline", "location"] {
            expected.insert(key.into(), json!(fictional(&truth[key])));
        }
        let jobs: Vec<Value> = truth["work"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|j| {
                json!({"title": fictional(&j["title"]), "employer": fictional(&j["employer"]),
                       "start": date(&j["start"]), "end": date(&j["end"])})
            })
            .collect();
        expected.insert("work".into(), Value::Array(jobs));
        let schools: Vec<Value> = truth["education"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                json!({"school": fictional(&e["school"]), "degree": fictional(&e["degree"]),
                       "start": date(&e["start"]), "end": date(&e["end"])})
            })
            .collect();
        expected.insert("education".into(), Value::Array(schools));
    }
    if state == "thread" {
        expected.insert("name".into(), json!(fictional(&truth["counterpart"])));
        // The truth holds each message's first 40 characters; the skeleton's
        // message must begin with them, replaced (a word cut at the 40th
        // character is replaced whole, so only whole words are compared).
        let messages: Vec<Value> = truth["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(read.messages.iter())
            .map(|(want, got)| {
                let prefix = want["text_starts_with"].as_str().unwrap_or_default();
                let whole_words = prefix.rsplit_once(' ').map_or(prefix, |(head, _)| head);
                let replaced = skeleton.fictional(whole_words);
                assert!(got.text.starts_with(&replaced), "{page}: message {got:?} does not start with {replaced:?}");
                json!({"author": fictional(&want["author"]), "text_starts_with": got.text.chars().take(40).collect::<String>()})
            })
            .collect();
        assert_eq!(messages.len(), truth["messages"].as_array().map_or(0, Vec::len), "{page}: messages read");
        expected.insert("messages".into(), Value::Array(messages));
    }
    std::fs::write(format!("{stem}.html"), &skeleton.html).expect("write the fixture");
    let mut text = serde_json::to_string_pretty(&Value::Object(expected)).expect("json");
    text.push('\n');
    std::fs::write(format!("{stem}.expected.json"), text).expect("write the expectation");
    eprintln!("{stem}: {} bytes, {} values replaced", skeleton.html.len(), skeleton.replaced);
}
