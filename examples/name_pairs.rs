//! Scores the name matcher on labelled name pairs kept OUTSIDE the
//! repository (public benchmarks on no package registry, which this project
//! does not commit): `cargo run --release --example name_pairs -- DIR`.
//!
//! DIR holds `pairs.csv` (`source,row,a,b,kind,label`: kind person, entity
//! or unknown; label 1 for the same name, 0 for another), and optionally
//! `relabel.csv` (`source,row,label,reason`: corrections of mislabelled
//! rows, applied and counted) and `nomenklatura_scores.csv`
//! (`source,row,score`: a peer's scores of the same pairs, shown beside).
//! Prints, per source, Vetter's precision and recall for "the same name"
//! (every part exact, from the critical score) and for "a match" (from the
//! high score), and the peer's at 0.9 and 0.7; `--misses` lists the pairs
//! Vetter gets wrong.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use vetter::screening::matcher::{score, tokens, CRITICAL, HIGH};
use vetter::screening::EntryKind;

struct Pair {
    source: String,
    row: String,
    a: String,
    b: String,
    kind: EntryKind,
    label: bool,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
    true_negative: usize,
}

impl Counts {
    fn add(&mut self, predicted: bool, label: bool) {
        match (predicted, label) {
            (true, true) => self.true_positive += 1,
            (true, false) => self.false_positive += 1,
            (false, true) => self.false_negative += 1,
            (false, false) => self.true_negative += 1,
        }
    }

    fn precision_recall(&self) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { "—".to_string() } else { format!("{:.3}", a as f64 / b as f64) };
        format!(
            "{} / {}",
            ratio(self.true_positive, self.true_positive + self.false_positive),
            ratio(self.true_positive, self.true_positive + self.false_negative)
        )
    }
}

fn records(path: &Path) -> Vec<csv::StringRecord> {
    let Ok(mut reader) = csv::ReaderBuilder::new().flexible(true).from_path(path) else { return vec![] };
    reader.records().filter_map(Result::ok).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")).map(Path::new) else {
        eprintln!("usage: name_pairs DIR [--misses]");
        std::process::exit(2);
    };
    let show_misses = args.iter().any(|a| a == "--misses");
    let relabel: HashMap<(String, String), bool> = records(&dir.join("relabel.csv"))
        .iter()
        .map(|r| ((r[0].to_string(), r[1].to_string()), &r[2] == "1"))
        .collect();
    let peer: HashMap<(String, String), f64> = records(&dir.join("nomenklatura_scores.csv"))
        .iter()
        .filter_map(|r| Some(((r[0].to_string(), r[1].to_string()), r[2].parse().ok()?)))
        .collect();
    let pairs: Vec<Pair> = records(&dir.join("pairs.csv"))
        .iter()
        .filter(|r| r.len() >= 6)
        .map(|r| {
            let key = (r[0].to_string(), r[1].to_string());
            Pair {
                label: relabel.get(&key).copied().unwrap_or(&r[5] == "1"),
                source: r[0].to_string(),
                row: r[1].to_string(),
                a: r[2].to_string(),
                b: r[3].to_string(),
                kind: if &r[4] == "entity" { EntryKind::Entity } else { EntryKind::Person },
            }
        })
        .collect();
    if pairs.is_empty() {
        eprintln!("no pairs in {}", dir.join("pairs.csv").display());
        std::process::exit(1);
    }
    // Per source: Vetter same name, Vetter a match, peer ≥ 0.9, peer ≥ 0.7.
    let mut by_source: BTreeMap<String, [Counts; 4]> = BTreeMap::new();
    let mut misses = Vec::new();
    for p in &pairs {
        let s = score(&tokens(&p.a), &tokens(&p.b), p.kind, p.kind);
        let same = s.score >= CRITICAL && s.exact;
        let matched = s.score >= HIGH;
        let counts = by_source.entry(p.source.clone()).or_default();
        counts[0].add(same, p.label);
        counts[1].add(matched, p.label);
        if let Some(&peer_score) = peer.get(&(p.source.clone(), p.row.clone())) {
            counts[2].add(peer_score >= 0.9, p.label);
            counts[3].add(peer_score >= 0.7, p.label);
        }
        if matched != p.label {
            misses.push(format!(
                "{} row {}: {:?} / {:?} labelled {} scored {:.2}",
                p.source, p.row, p.a, p.b, p.label, s.score
            ));
        }
    }
    println!(
        "{} pairs ({} relabelled)\n\n| source | pairs (same / other) | Vetter same name: precision / recall | Vetter a match | nomenklatura ≥ 0.9 | nomenklatura ≥ 0.7 |\n|---|---|---|---|---|---|",
        pairs.len(),
        relabel.len()
    );
    for (source, c) in &by_source {
        let positives = c[0].true_positive + c[0].false_negative;
        let negatives = c[0].false_positive + c[0].true_negative;
        let peer = |c: &Counts| {
            if c.true_positive + c.false_positive + c.false_negative + c.true_negative == 0 {
                "—".into()
            } else {
                c.precision_recall()
            }
        };
        println!(
            "| {source} | {} ({positives} / {negatives}) | {} | {} | {} | {} |",
            positives + negatives,
            c[0].precision_recall(),
            c[1].precision_recall(),
            peer(&c[2]),
            peer(&c[3])
        );
    }
    if show_misses {
        println!("\n{}", misses.join("\n"));
    }
}
