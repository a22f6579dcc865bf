//! The behavioural flags measured on a labelled set of messages the rules
//! were not written from (`tests/fixtures/messages/`, provenance per item:
//! wording quoted from public reports, advisories, scam write-ups and
//! forums, paraphrases and translations into Spanish, Portuguese, Russian
//! and Ukrainian, and ordinary recruiting and freelancing messages as
//! negatives). Prints recall and false alarms per flag and language (the
//! README's table) and requires at least today's figures, so that a change
//! that loses recall or adds false alarms fails.
//!
//! `CONTACT_CHANGE` items announce a new phone number or e-mail; they are
//! scored as `CONTACT_MISMATCH` against a profile showing other contacts.

use std::collections::BTreeMap;
use vetter::analysis::analyse;
use vetter::model::{Message, Profile, Site, Sourced};

const SET: &str = include_str!("fixtures/messages/behaviour-eval.jsonl");

struct Item {
    id: String,
    text: String,
    lang: String,
    flags: Vec<String>,
}

fn items() -> Vec<Item> {
    SET.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            Item {
                id: v["id"].as_str().unwrap().to_string(),
                text: v["text"].as_str().unwrap().to_string(),
                lang: v["lang"].as_str().unwrap().to_string(),
                flags: v["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect(),
            }
        })
        .collect()
}

/// The flags Vetter raises on one item: its text as the candidate's
/// messages in one thread (" || " separates two messages), beside a profile
/// with contacts of its own.
fn raised(item: &Item) -> Vec<String> {
    let mut profile = Profile::empty("https://www.upwork.com/freelancers/~01eval", Site::Upwork);
    profile.name = Some(Sourced::new("Alex Morgan", "t"));
    profile.emails = vec![Sourced::new("alex.morgan@example.com", "t")];
    profile.phones = vec![Sourced::new("+1 202 555 0143", "t")];
    let messages: Vec<Message> =
        item.text.split(" || ").map(|text| Message { source: item.id.clone(), text: text.to_string() }).collect();
    analyse(&[profile], &messages, 0)
        .findings
        .into_iter()
        .map(|f| if f.id == "CONTACT_MISMATCH" { "CONTACT_CHANGE".to_string() } else { f.id })
        .collect()
}

#[derive(Default)]
struct Counts {
    positives: usize,
    found: usize,
    negatives: usize,
    false_alarms: usize,
    /// Positives and found in the held-out half.
    held_out: (usize, usize),
}

/// The half an item is in: the word lists were tuned on the misses of the
/// other half only ("dev"), so recall on this one ("held out") says how
/// they carry to wording they were not written from. An item and its
/// translations are in the same half.
fn held_out(id: &str) -> bool {
    let family = ["-es", "-pt", "-ru", "-uk"].iter().fold(id, |id, s| id.strip_suffix(s).unwrap_or(id));
    let hash = family.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    hash % 2 == 1
}

#[test]
fn behavioural_flags_on_messages_the_rules_were_not_written_from() {
    let items = items();
    assert!(items.len() >= 400, "{} items", items.len());
    let flags = [
        "OFF_PLATFORM_REQUEST",
        "CRYPTO_PAYMENT_REQUEST",
        "PAYMENT_DETAILS_CHANGE",
        "ACCOUNT_SWITCH_REQUEST",
        "SHIPPING_MISMATCH",
        "IDENTITY_BORROWING",
        "PAYMENT_WITHOUT_WORK",
        "AVAILABILITY_EVASION",
        "CONTACT_CHANGE",
    ];
    let mut by_flag: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut by_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut missed: Vec<String> = Vec::new();
    let mut alarms: Vec<String> = Vec::new();
    for item in &items {
        let got = raised(item);
        for flag in flags {
            let c = by_flag.entry(flag).or_default();
            let want = item.flags.iter().any(|f| f == flag);
            let has = got.iter().any(|f| f == flag);
            if want {
                c.positives += 1;
                c.found += usize::from(has);
                if held_out(&item.id) {
                    c.held_out.0 += 1;
                    c.held_out.1 += usize::from(has);
                }
                let lang = by_lang.entry(item.lang.clone()).or_default();
                lang.0 += 1;
                lang.1 += usize::from(has);
                if !has && !held_out(&item.id) {
                    missed.push(format!("{flag} {}: {}", item.id, item.text));
                }
            } else {
                c.negatives += 1;
                c.false_alarms += usize::from(has);
                if has && !held_out(&item.id) {
                    alarms.push(format!("{flag} {}: {}", item.id, item.text));
                }
            }
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    let mut table =
        String::from("| flag | positives | recall | held-out recall | false alarms |\n|---|---|---|---|---|\n");
    for (flag, c) in &by_flag {
        table.push_str(&format!(
            "| `{flag}` | {} | {:.0} % ({}) | {:.0} % ({} of {}) | {:.1} % ({} of {}) |\n",
            c.positives,
            pct(c.found, c.positives),
            c.found,
            pct(c.held_out.1, c.held_out.0),
            c.held_out.1,
            c.held_out.0,
            pct(c.false_alarms, c.negatives),
            c.false_alarms,
            c.negatives
        ));
    }
    let langs: Vec<String> =
        by_lang.iter().map(|(l, (n, found))| format!("{l} {:.0} % of {n}", pct(*found, *n))).collect();
    eprintln!(
        "{} messages\n{table}recall by language: {}\nmissed (dev half):\n{}\nfalse alarms (dev half):\n{}",
        items.len(),
        langs.join(", "),
        missed.join("\n"),
        alarms.join("\n")
    );
    // Today's figures (2026-12-06) as floors: a rule change must not lose
    // recall or add false alarms. Issue #15's target (90 % recall, at most
    // 2 % false alarms per flag) is not reached yet.
    let floor: &[(&str, usize, usize)] = &[
        // (flag, at least found, at most false alarms)
        ("OFF_PLATFORM_REQUEST", FLOOR_OFF_PLATFORM.0, FLOOR_OFF_PLATFORM.1),
        ("CRYPTO_PAYMENT_REQUEST", FLOOR_CRYPTO.0, FLOOR_CRYPTO.1),
        ("PAYMENT_DETAILS_CHANGE", FLOOR_PAYMENT_DETAILS.0, FLOOR_PAYMENT_DETAILS.1),
        ("ACCOUNT_SWITCH_REQUEST", FLOOR_ACCOUNT_SWITCH.0, FLOOR_ACCOUNT_SWITCH.1),
        ("SHIPPING_MISMATCH", FLOOR_SHIPPING.0, FLOOR_SHIPPING.1),
        ("IDENTITY_BORROWING", FLOOR_IDENTITY.0, FLOOR_IDENTITY.1),
        ("PAYMENT_WITHOUT_WORK", FLOOR_WITHOUT_WORK.0, FLOOR_WITHOUT_WORK.1),
        ("AVAILABILITY_EVASION", FLOOR_AVAILABILITY.0, FLOOR_AVAILABILITY.1),
        ("CONTACT_CHANGE", FLOOR_CONTACT.0, FLOOR_CONTACT.1),
    ];
    for &(flag, found, false_alarms) in floor {
        let c = &by_flag[flag];
        assert!(c.found >= found, "{flag}: {} found, at least {found} expected", c.found);
        assert!(c.false_alarms <= false_alarms, "{flag}: {} false alarms, at most {false_alarms}", c.false_alarms);
    }
}

// (found, false alarms) measured on 2026-12-06.
const FLOOR_OFF_PLATFORM: (usize, usize) = (27, 1);
const FLOOR_CRYPTO: (usize, usize) = (27, 2);
const FLOOR_PAYMENT_DETAILS: (usize, usize) = (27, 0);
const FLOOR_ACCOUNT_SWITCH: (usize, usize) = (25, 1);
const FLOOR_SHIPPING: (usize, usize) = (24, 0);
const FLOOR_IDENTITY: (usize, usize) = (21, 0);
const FLOOR_WITHOUT_WORK: (usize, usize) = (25, 0);
const FLOOR_AVAILABILITY: (usize, usize) = (28, 1);
const FLOOR_CONTACT: (usize, usize) = (23, 2);
