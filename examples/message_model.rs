//! Measures the message model and chooses its thresholds without the
//! held-out sets: `cargo run --release --example message_model` trains on the shipped
//! training data minus the development set's items, scores the development
//! set (`tests/fixtures/messages/behaviour-eval.jsonl`), and prints per flag
//! the recall and false alarms at several thresholds (model alone, each
//! message whole, as the rule reads them).
//!
//! `--writers [--epochs N --rate R --l2 L]` leaves each helper's training
//! set out in turn and scores the model trained without it (how the settings
//! are chosen); `--writer-thresholds` chooses the shipped thresholds on all
//! of them pooled (`THRESHOLDS`); `--writer X` runs the whole rule on set X
//! with the model trained without it; `--pipeline` the whole rule on the
//! development set.

use vetter::rules::message_model::{examples, Example, MessageModel, Training, FLAGS};

fn main() {
    let train = std::fs::read_to_string("data/behaviour-train.jsonl").expect("data/behaviour-train.jsonl");
    let dev = std::fs::read_to_string("tests/fixtures/messages/behaviour-eval.jsonl").expect("the development set");
    let without_dev: String =
        train.lines().filter(|l| !l.contains("\"development set ")).map(|l| format!("{l}\n")).collect();
    if std::env::args().any(|a| a == "--pipeline") {
        pipeline(&without_dev, &dev);
        return;
    }
    // Leave one writer out: train without the training set written by one
    // helper session ("(set C)"), and run the whole rule on that set — text
    // written independently of the word lists, read without the held-out set.
    if let Some(writer) = std::env::args().skip_while(|a| a != "--writer").nth(1) {
        let (theirs, rest) = split_writer(&train, &writer);
        pipeline(&rest, &theirs);
        return;
    }
    // Every writer left out in turn (the model alone): for comparing how
    // features and settings carry to wording the model never saw.
    if std::env::args().any(|a| a == "--writers") {
        writers(&train);
        return;
    }
    if std::env::args().any(|a| a == "--writer-thresholds") {
        writer_thresholds(&train);
        return;
    }
    let grid = std::env::args().any(|a| a == "--grid");
    let train_set = examples(&without_dev);
    let dev = examples(&dev);
    println!("trained on {} examples; development set {}", train_set.len(), dev.len());
    let settings: Vec<Training> = if grid {
        let mut all = Vec::new();
        for epochs in [16, 32] {
            for learning_rate in [0.05f32, 0.1, 0.2] {
                for l2 in [1e-3f32, 3e-3, 1e-2] {
                    all.push(Training { epochs, learning_rate, l2 });
                }
            }
        }
        all
    } else {
        vec![Training::default()]
    };
    for training in settings {
        let model = MessageModel::train_with(&train_set, training);
        report(&model, &dev, training, !grid);
    }
}

/// Per flag, recall at the threshold where the development set's false
/// alarms are at most 1.5 %; and, with `detail`, recall and false alarms at
/// fixed thresholds.
fn report(model: &MessageModel, dev: &[Example], training: Training, detail: bool) {
    // As the rule reads messages: each one whole (" || " separates two).
    let scored: Vec<([f32; FLAGS.len()], [bool; FLAGS.len()])> = dev
        .iter()
        .map(|e| {
            let mut best = [0f32; FLAGS.len()];
            for message in e.text.split(" || ") {
                for (b, v) in best.iter_mut().zip(model.scores(message)) {
                    *b = b.max(v);
                }
            }
            (best, e.flags)
        })
        .collect();
    let at_threshold = |at: usize, threshold: f32| {
        let (mut pos, mut found, mut neg, mut alarms) = (0, 0, 0, 0);
        for (scores, flags) in &scored {
            let hit = scores[at] >= threshold;
            if flags[at] {
                pos += 1;
                found += usize::from(hit);
            } else {
                neg += 1;
                alarms += usize::from(hit);
            }
        }
        (found as f64 / pos.max(1) as f64, alarms as f64 / neg.max(1) as f64)
    };
    let mut recalls = Vec::new();
    let mut thresholds = Vec::new();
    for at in 0..FLAGS.len() {
        // The lowest threshold (in hundredths) keeping false alarms at most 1.5 %.
        let (threshold, recall) = (1..100)
            .map(|t| (t, at_threshold(at, t as f32 / 100.0)))
            .find(|(_, (_, alarms))| *alarms <= 0.015)
            .map_or((100, 0.0), |(t, (recall, _))| (t, recall));
        recalls.push(recall);
        thresholds.push(format!("{:.2}", threshold as f32 / 100.0));
    }
    let mean = recalls.iter().sum::<f64>() / recalls.len() as f64;
    let shown: Vec<String> = recalls.iter().map(|r| format!("{:.0}", 100.0 * r)).collect();
    println!("{training:?}: mean recall at ≤ 1.5 % false alarms {:.1} % [{}]", 100.0 * mean, shown.join(" "));
    println!("  thresholds [{}]", thresholds.join(", "));
    if detail {
        for threshold in [0.3f32, 0.5, 0.7, 0.9] {
            println!("threshold {threshold}");
            for (at, flag) in FLAGS.iter().enumerate() {
                let (recall, alarms) = at_threshold(at, threshold);
                println!("  {flag:24} recall {:5.1} %  false alarms {:4.1} %", 100.0 * recall, 100.0 * alarms);
            }
        }
    }
}

/// The whole rule (word lists, then the model) on the development set, with
/// the model trained without it: recall and false alarms per flag, and the
/// false alarms' texts.
fn pipeline(without_dev: &str, dev_jsonl: &str) {
    use vetter::model::{Message, Profile, Site, Sourced};
    vetter::data::load(vetter::data::BEHAVIOUR_TRAIN, without_dev).unwrap();
    let mut counts = [(0usize, 0usize, 0usize, 0usize); FLAGS.len()];
    let mut alarms = Vec::new();
    let mut missed = Vec::new();
    let model = MessageModel::train(&examples(without_dev));
    for line in dev_jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let wanted: Vec<&str> = v["flags"].as_array().unwrap().iter().filter_map(|f| f.as_str()).collect();
        let mut profile = Profile::empty("https://www.upwork.com/freelancers/~01eval", Site::Upwork);
        profile.name = Some(Sourced::new("Alex Morgan", "t"));
        profile.emails = vec![Sourced::new("alex.morgan@example.com", "t")];
        profile.phones = vec![Sourced::new("+1 202 555 0143", "t")];
        let messages: Vec<Message> =
            text.split(" || ").map(|t| Message { source: "dev".into(), text: t.to_string() }).collect();
        let got: Vec<String> = vetter::analysis::analyse(&[profile], &messages, 0)
            .findings
            .into_iter()
            .map(|f| if f.id == "CONTACT_MISMATCH" { "CONTACT_CHANGE".to_string() } else { f.id })
            .collect();
        for (at, flag) in FLAGS.iter().enumerate() {
            let (want, has) = (wanted.contains(flag), got.iter().any(|g| g == flag));
            let c = &mut counts[at];
            if want {
                c.0 += 1;
                c.1 += usize::from(has);
                if !has {
                    // Would the model alone have named it (its likeliest flag, over its threshold)?
                    let scores = model.scores(text);
                    let top = scores.iter().all(|&s| s <= scores[at]);
                    let alone = top && scores[at] >= vetter::rules::message_model::THRESHOLDS[at];
                    missed.push(format!(
                        "{flag} (model alone {}: {:.2}): {text}",
                        if alone { "yes" } else { "no" },
                        scores[at]
                    ));
                }
            } else {
                c.2 += 1;
                c.3 += usize::from(has);
                if has {
                    alarms.push(format!("{flag}: {text}"));
                }
            }
        }
    }
    for (flag, (pos, found, neg, fa)) in FLAGS.iter().zip(counts) {
        println!(
            "{flag:24} recall {:5.1} % ({found}/{pos})  false alarms {:4.1} % ({fa}/{neg})",
            100.0 * found as f64 / pos as f64,
            100.0 * fa as f64 / neg as f64
        );
    }
    for a in alarms {
        println!("  false alarm {a}");
    }
    for m in missed {
        println!("  missed {m}");
    }
}

/// For each helper's training set: the model trained without it, scored on
/// it alone — per flag, recall at the lowest threshold keeping false alarms
/// on that set at most 1.5 %; then the mean over writers and flags.
fn writers(train: &str) {
    let marks = writer_marks(train);
    let mut all = Vec::new();
    for writer in &marks {
        let (theirs, rest) = split_writer(train, writer);
        let model = MessageModel::train_with(&examples(&rest), settings());
        let theirs = examples(&theirs);
        let scored: Vec<([f32; FLAGS.len()], [bool; FLAGS.len()])> =
            theirs.iter().map(|e| (model.scores(&e.text), e.flags)).collect();
        let mut line = Vec::new();
        for at in 0..FLAGS.len() {
            let positives = scored.iter().filter(|(_, f)| f[at]).count();
            if positives < 20 {
                line.push("  - ".to_string());
                continue;
            }
            let negatives = scored.iter().filter(|(_, f)| !f[at]).count();
            let recall = (1..100)
                .map(|t| t as f32 / 100.0)
                .find(|&t| {
                    let alarms = scored.iter().filter(|(s, f)| !f[at] && s[at] >= t).count();
                    alarms as f64 <= 0.015 * negatives as f64
                })
                .map_or(0.0, |t| scored.iter().filter(|(s, f)| f[at] && s[at] >= t).count() as f64 / positives as f64);
            all.push(recall);
            line.push(format!("{:3.0}", 100.0 * recall));
        }
        println!("set {writer}: [{}]", line.join(" "));
    }
    println!("mean recall over writers and flags: {:.1} %", 100.0 * all.iter().sum::<f64>() / all.len().max(1) as f64);
}

/// Thresholds chosen on every writer's set, each scored by the model trained
/// without it (pooled): per flag the lowest with at most 1.5 % false alarms.
fn writer_thresholds(train: &str) {
    let marks = writer_marks(train);
    let mut scored: Vec<([f32; FLAGS.len()], [bool; FLAGS.len()], String)> = Vec::new();
    for writer in &marks {
        let (theirs, rest) = split_writer(train, writer);
        let model = MessageModel::train_with(&examples(&rest), settings());
        scored.extend(examples(&theirs).iter().map(|e| (model.scores(&e.text), e.flags, writer.clone())));
        eprintln!("set {writer} scored");
    }
    let current = vetter::rules::message_model::THRESHOLDS;
    for (at, flag) in FLAGS.iter().enumerate() {
        let positives = scored.iter().filter(|(_, f, _)| f[at]).count();
        let negatives = scored.len() - positives;
        let at_threshold = |t: f32| {
            let found = scored.iter().filter(|(s, f, _)| f[at] && s[at] >= t).count();
            let alarms = scored.iter().filter(|(s, f, _)| !f[at] && s[at] >= t).count();
            (found as f64 / positives as f64, alarms as f64 / negatives as f64)
        };
        let chosen = (1..100).map(|t| t as f32 / 100.0).find(|&t| at_threshold(t).1 <= 0.015).unwrap_or(1.0);
        let (r, a) = at_threshold(chosen);
        let (rc, ac) = at_threshold(current[at]);
        // Per writer at the chosen threshold: the spread.
        let per_writer: Vec<String> = marks
            .iter()
            .filter_map(|w| {
                let mine: Vec<_> = scored.iter().filter(|(_, _, x)| x == w).collect();
                let pos = mine.iter().filter(|(_, f, _)| f[at]).count();
                (pos >= 20).then(|| {
                    let found = mine.iter().filter(|(s, f, _)| f[at] && s[at] >= chosen).count();
                    format!("{:.0}", 100.0 * found as f64 / pos as f64)
                })
            })
            .collect();
        println!(
            "{flag:24} chosen {chosen:.2}: recall {:.1} % false alarms {:.2} % | current {:.2}: {:.1} % / {:.2} % | writers [{}]",
            100.0 * r,
            100.0 * a,
            current[at],
            100.0 * rc,
            100.0 * ac,
            per_writer.join(" ")
        );
    }
}

/// Training settings from `--epochs N --rate R --l2 L` (else the defaults).
fn settings() -> Training {
    let arg = |name: &str| std::env::args().skip_while(|a| a != name).nth(1).and_then(|v| v.parse::<f32>().ok());
    let d = Training::default();
    Training {
        epochs: arg("--epochs").map_or(d.epochs, |e| e as usize),
        learning_rate: arg("--rate").unwrap_or(d.learning_rate),
        l2: arg("--l2").unwrap_or(d.l2),
    }
}

/// The helpers' set marks (`(set X)` in a training line's source).
fn writer_marks(train: &str) -> std::collections::BTreeSet<String> {
    train
        .lines()
        .filter_map(|l| l.split("(set ").nth(1).and_then(|rest| rest.split(')').next()).map(str::to_string))
        .filter(|w| w.len() == 1)
        .collect()
}

/// The training lines one helper wrote (`(set X)` in their source) and the rest.
fn split_writer(train: &str, writer: &str) -> (String, String) {
    let mark = format!("(set {writer})");
    let (theirs, rest): (Vec<&str>, Vec<&str>) = train.lines().partition(|l| l.contains(&mark));
    (theirs.join("\n"), rest.join("\n"))
}
