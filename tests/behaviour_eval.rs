//! The behavioural flags measured on five labelled sets of messages: the
//! development set the word lists were written from, and four held-out sets,
//! each written by someone who saw neither the rules, the training data nor
//! the other sets (`tests/fixtures/messages/`, provenance per item:
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

/// The development set: the word lists were written from its misses.
const DEV_SET: &str = include_str!("fixtures/messages/behaviour-eval.jsonl");
/// The held-out set, written later by someone who saw neither the rules nor
/// the development set; the rules were never tuned on it (its misses are
/// not printed, only counted).
const HELD_OUT_SET: &str = include_str!("fixtures/messages/behaviour-heldout.jsonl");
/// The second held-out set, written on 2026-12-07 by another writer under
/// the same rule, when the first had been scored five times.
const SECOND_HELD_OUT_SET: &str = include_str!("fixtures/messages/behaviour-heldout-2.jsonl");
/// The third held-out set, written on 2026-12-07 by a third writer under
/// the same rule and centred on the hiring side (recruiters' InMail, HR
/// and onboarding e-mail, a contractor's messages to their manager).
const THIRD_HELD_OUT_SET: &str = include_str!("fixtures/messages/behaviour-heldout-3.jsonl");

/// The fourth held-out set, written on 2026-12-07 by a fourth writer under
/// the same rule, set in developer communities and job boards (Djinni,
/// Workana, GitHub issues, Discord and Telegram job channels, account-rental
/// offers, founders' chats).
const FOURTH_HELD_OUT_SET: &str = include_str!("fixtures/messages/behaviour-heldout-4.jsonl");

struct Item {
    id: String,
    text: String,
    lang: String,
    flags: Vec<String>,
}

fn items(set: &str) -> Vec<Item> {
    set.lines()
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
}

const FLAGS: [&str; 9] = [
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

/// Per-flag counts and per-language recall of one set, with the misses and
/// false alarms as lines (id, flag, text).
struct Scored {
    by_flag: BTreeMap<&'static str, Counts>,
    by_lang: BTreeMap<String, (usize, usize)>,
    missed: Vec<String>,
    alarms: Vec<String>,
}

fn score(items: &[Item]) -> Scored {
    let mut scored = Scored { by_flag: BTreeMap::new(), by_lang: BTreeMap::new(), missed: vec![], alarms: vec![] };
    for item in items {
        let got = raised(item);
        for flag in FLAGS {
            let c = scored.by_flag.entry(flag).or_default();
            let want = item.flags.iter().any(|f| f == flag);
            let has = got.iter().any(|f| f == flag);
            if want {
                c.positives += 1;
                c.found += usize::from(has);
                let lang = scored.by_lang.entry(item.lang.clone()).or_default();
                lang.0 += 1;
                lang.1 += usize::from(has);
                if !has {
                    scored.missed.push(format!("{flag} {}: {}", item.id, item.text));
                }
            } else {
                c.negatives += 1;
                c.false_alarms += usize::from(has);
                if has {
                    scored.alarms.push(format!("{flag} {}: {}", item.id, item.text));
                }
            }
        }
    }
    scored
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[test]
fn behavioural_flags_on_messages_the_rules_were_not_written_from() {
    let sets = [
        ("fourth held-out", items(FOURTH_HELD_OUT_SET), FOURTH_HELD_OUT_FLOORS),
        ("third held-out", items(THIRD_HELD_OUT_SET), THIRD_HELD_OUT_FLOORS),
        ("second held-out", items(SECOND_HELD_OUT_SET), SECOND_HELD_OUT_FLOORS),
        ("held-out", items(HELD_OUT_SET), HELD_OUT_FLOORS),
        ("development", items(DEV_SET), DEV_FLOORS),
    ];
    for (set, items, _) in &sets {
        assert!(items.len() >= 400, "{set}: {} items", items.len());
    }
    let scored: Vec<Scored> = sets.iter().map(|(_, items, _)| score(items)).collect();
    let mut table = String::from("| flag |");
    for (set, items, _) in &sets {
        table.push_str(&format!(" {set} ({} messages): recall | false alarms |", items.len()));
    }
    table.push_str(&format!("\n|---|{}\n", "---|---|".repeat(sets.len())));
    for flag in FLAGS {
        table.push_str(&format!("| `{flag}` |"));
        for s in &scored {
            let c = &s.by_flag[flag];
            table.push_str(&format!(
                " {:.0} % ({} of {}) | {:.1} % ({} of {}) |",
                pct(c.found, c.positives),
                c.found,
                c.positives,
                pct(c.false_alarms, c.negatives),
                c.false_alarms,
                c.negatives
            ));
        }
        table.push('\n');
    }
    for ((set, _, _), s) in sets.iter().zip(&scored) {
        let langs: Vec<String> =
            s.by_lang.iter().map(|(l, (n, found))| format!("{l} {:.0} % of {n}", pct(*found, *n))).collect();
        table.push_str(&format!("{set} recall by language: {}\n", langs.join(", ")));
    }
    // Only the development set's misses are printed: the held-out sets'
    // are never read, so that the rules are not tuned on them.
    let dev = sets.iter().zip(&scored).find(|((set, _, _), _)| *set == "development").map(|(_, s)| s).unwrap();
    eprintln!(
        "{table}missed (development set):\n{}\nfalse alarms (development set):\n{}",
        dev.missed.join("\n"),
        dev.alarms.join("\n")
    );
    // Today's figures as floors: a rule change must not lose recall or add
    // false alarms on any set.
    for ((set, _, floors), scored) in sets.iter().zip(&scored) {
        for &(flag, found, false_alarms) in *floors {
            let c = &scored.by_flag[flag];
            assert!(c.found >= found, "{set} {flag}: {} found, at least {found} expected", c.found);
            assert!(
                c.false_alarms <= false_alarms,
                "{set} {flag}: {} false alarms, at most {false_alarms}",
                c.false_alarms
            );
        }
    }
}

/// (flag, at least found, at most false alarms), measured on 2026-12-07
/// with the word lists and the message model (training sets A–Z, thresholds
/// chosen by leaving one writer out). The development set is part of the
/// model's training data: its figures are not a measure, only a guard.
const DEV_FLOORS: &[(&str, usize, usize)] = &[
    ("OFF_PLATFORM_REQUEST", 33, 1),
    ("CRYPTO_PAYMENT_REQUEST", 29, 3),
    ("PAYMENT_DETAILS_CHANGE", 33, 0),
    ("ACCOUNT_SWITCH_REQUEST", 28, 0),
    ("SHIPPING_MISMATCH", 28, 6),
    ("IDENTITY_BORROWING", 40, 0),
    ("PAYMENT_WITHOUT_WORK", 28, 2),
    ("AVAILABILITY_EVASION", 29, 1),
    ("CONTACT_CHANGE", 28, 2),
];
const HELD_OUT_FLOORS: &[(&str, usize, usize)] = &[
    ("OFF_PLATFORM_REQUEST", 25, 5),
    ("CRYPTO_PAYMENT_REQUEST", 26, 6),
    ("PAYMENT_DETAILS_CHANGE", 27, 1),
    ("ACCOUNT_SWITCH_REQUEST", 24, 1),
    ("SHIPPING_MISMATCH", 25, 7),
    ("IDENTITY_BORROWING", 28, 1),
    ("PAYMENT_WITHOUT_WORK", 24, 4),
    ("AVAILABILITY_EVASION", 22, 3),
    ("CONTACT_CHANGE", 24, 5),
];
/// Measured on arrival (2026-12-07): recall 81/90/74/97/90/74/90/83/89 %;
/// these floors are after training sets N to Z and thresholds chosen by
/// leaving one writer out.
const THIRD_HELD_OUT_FLOORS: &[(&str, usize, usize)] = &[
    ("OFF_PLATFORM_REQUEST", 27, 5),
    ("CRYPTO_PAYMENT_REQUEST", 30, 5),
    ("PAYMENT_DETAILS_CHANGE", 26, 6),
    ("ACCOUNT_SWITCH_REQUEST", 27, 1),
    ("SHIPPING_MISMATCH", 27, 10),
    ("IDENTITY_BORROWING", 36, 4),
    ("PAYMENT_WITHOUT_WORK", 29, 2),
    ("AVAILABILITY_EVASION", 32, 5),
    ("CONTACT_CHANGE", 27, 10),
];
/// Measured once on arrival (2026-12-07, training sets A–N): recall
/// 79/88/79/70/87/82/76/67/87 %; these floors are after training sets O–Z
/// and thresholds chosen by leaving one writer out.
const FOURTH_HELD_OUT_FLOORS: &[(&str, usize, usize)] = &[
    ("OFF_PLATFORM_REQUEST", 32, 10),
    ("CRYPTO_PAYMENT_REQUEST", 22, 12),
    ("PAYMENT_DETAILS_CHANGE", 21, 1),
    ("ACCOUNT_SWITCH_REQUEST", 20, 3),
    ("SHIPPING_MISMATCH", 22, 6),
    ("IDENTITY_BORROWING", 34, 4),
    ("PAYMENT_WITHOUT_WORK", 20, 2),
    ("AVAILABILITY_EVASION", 29, 2),
    ("CONTACT_CHANGE", 30, 6),
];
const SECOND_HELD_OUT_FLOORS: &[(&str, usize, usize)] = &[
    ("OFF_PLATFORM_REQUEST", 22, 6),
    ("CRYPTO_PAYMENT_REQUEST", 26, 5),
    ("PAYMENT_DETAILS_CHANGE", 27, 3),
    ("ACCOUNT_SWITCH_REQUEST", 24, 1),
    ("SHIPPING_MISMATCH", 25, 4),
    ("IDENTITY_BORROWING", 33, 7),
    ("PAYMENT_WITHOUT_WORK", 25, 14),
    ("AVAILABILITY_EVASION", 28, 2),
    ("CONTACT_CHANGE", 23, 9),
];
