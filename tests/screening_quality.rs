//! Precision and recall of the sanctions matcher on a labelled set of name
//! pairs built from the built-in list: spelling variants of listed names
//! (must match) and near-misses (must not reach `critical`).

use vetter::screening::matcher::{score, tokens, CRITICAL, HIGH};
use vetter::screening::{builtin, EntryKind};

/// Variants people write of a listed "FAMILY, Given Names" or company name.
fn variants(name: &str, kind: EntryKind) -> Vec<String> {
    let mut out = Vec::new();
    if kind == EntryKind::Person {
        let (family, given) = name.split_once(',').map_or((name, ""), |(f, g)| (f.trim(), g.trim()));
        let g: Vec<&str> = given.split_whitespace().collect();
        let title = |s: &str| s[..1].to_uppercase() + &s[1..].to_lowercase();
        let fam = title(family);
        let given_t: Vec<String> = g.iter().map(|s| title(s)).collect();
        out.push(format!("{} {fam}", given_t.join(" ")));
        out.push(format!("{fam} {}", given_t.join("-")));
        out.push(format!("{fam} {}", given_t.concat()));
        out.push(format!("{} {fam}", given_t.join("-")));
        out.push(name.to_uppercase());
        out.push(format!("{fam}, {}", given_t.join(" ")));
        let korean = [
            ("Kim", "Gim"),
            ("Kum", "Geum"),
            ("Jo", "Cho"),
            ("Song", "Seong"),
            ("Chol", "Cheol"),
            ("Hun", "Hoon"),
            ("Un", "Eun"),
        ];
        let swapped: Vec<String> = std::iter::once(fam.clone())
            .chain(given_t.iter().cloned())
            .map(|w| korean.iter().find(|(a, _)| *a == w).map_or(w.clone(), |(_, b)| (*b).to_string()))
            .collect();
        out.push(swapped.join(" "));
        out.push(format!("{} {}", swapped[1..].join("-"), swapped[0]));
    } else {
        let base = name.to_lowercase();
        out.push(base.clone());
        out.push(base.replace("limited liability company", "llc"));
        out.push(base.replace("corporation", "company"));
        out.push(base.replace("corporation", "corp."));
        out.push(base.replace("co., ltd", "company limited"));
        out.push(name.to_string());
        out.push(format!("{name} (branch)").replace(" (branch)", ""));
        out.push(base.split_whitespace().map(|w| w[..1].to_uppercase() + &w[1..]).collect::<Vec<_>>().join(" "));
    }
    out
}

/// Names that share something with a listed name but are someone else.
fn near_misses(name: &str, kind: EntryKind) -> Vec<String> {
    if kind == EntryKind::Person {
        let (family, given) = name.split_once(',').map_or((name, ""), |(f, g)| (f.trim(), g.trim()));
        let first_given = given.split_whitespace().next().unwrap_or("Min");
        vec![
            family.to_string(),
            format!("Daniel {family}"),
            format!("{family} Ji Hoon"),
            format!("Park {given}"),
            format!("{family} {first_given} Soo"),
            format!("Emma {family}"),
            format!("{first_given} Smith"),
            format!("Robert {family} Johnson"),
        ]
    } else {
        let words: Vec<&str> = name.split_whitespace().collect();
        let key = words.iter().find(|w| !["KOREA", "THE", "CHOSUN"].contains(w)).unwrap_or(&words[0]);
        vec![
            format!("{key} Games Studio"),
            format!("{key} Kim"),
            (*key).to_string(),
            format!("Korea Trading Company"),
            format!("{key} Capital Partners GmbH"),
            format!("Global {key} Logistics"),
            format!("Emma {key}"),
            format!("{key} Medical Clinic"),
        ]
    }
}

#[test]
fn precision_and_recall_on_labelled_pairs() {
    let list = builtin();
    let (mut tp, mut fn_, mut fp, mut tn) = (0, 0, 0, 0);
    let (mut tp_high, mut fp_high) = (0, 0);
    let mut misses = Vec::new();
    let mut pairs = 0;
    for entry in &list.entries {
        let listed = tokens(&entry.name);
        for v in variants(&entry.name, entry.kind) {
            pairs += 1;
            let s = score(&tokens(&v), &listed, entry.kind, entry.kind).score;
            if s >= CRITICAL {
                tp += 1;
            } else {
                fn_ += 1;
                misses.push(format!("missed {v:?} for {:?} ({s:.2})", entry.name));
            }
            tp_high += usize::from(s >= HIGH);
        }
        for n in near_misses(&entry.name, entry.kind) {
            pairs += 1;
            let s = score(&tokens(&n), &listed, entry.kind, entry.kind).score;
            if s >= CRITICAL {
                fp += 1;
                misses.push(format!("false hit {n:?} for {:?} ({s:.2})", entry.name));
            } else {
                tn += 1;
            }
            if s >= HIGH {
                fp_high += 1;
                misses.push(format!("near-miss at high {n:?} for {:?} ({s:.2})", entry.name));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    eprintln!(
        "{pairs} labelled pairs: critical precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fn_}, tn {tn}); \
         at the high threshold: {tp_high} variants and {fp_high} near-misses\n{}",
        misses.join("\n")
    );
    assert!(pairs >= 200, "{pairs} pairs");
    // The labelled set is fixed, so the scores are exact: what the README
    // states (precision and recall 1.000) is what is required, and no more
    // near-misses than today reach the high threshold.
    assert_eq!((fp, fn_), (0, 0), "precision {precision:.3}, recall {recall:.3}");
    assert!(fp_high <= 3, "{fp_high} near-misses reach the high threshold");
}
