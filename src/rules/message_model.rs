//! A small on-device model of the requests the behavioural flags name:
//! one logistic regression per flag over hashed words, word pairs and
//! character 3–5-grams (so that Spanish, Portuguese, Russian and Ukrainian
//! inflections and misspellings share features), trained when first needed
//! from the labelled messages in `data/behaviour-train.jsonl` (compiled in
//! natively, loaded at run time by the wasm core like the other datasets).
//!
//! The word lists of [`super::behaviour`] recognise the wording they were
//! written from; the model generalises from examples. A sentence the model
//! scores above its flag's threshold is evidence, quoted as it stands, with
//! the words that weighed most named in the note.

use std::sync::{Arc, Mutex};

/// The flags the model scores, in its weight order. `CONTACT_CHANGE` is a
/// message announcing a new phone number or e-mail (`CONTACT_MISMATCH`).
pub const FLAGS: [&str; 9] = [
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

const BITS: u32 = 15;
const BUCKETS: usize = 1 << BITS;

/// How the model is trained (the defaults are what ships; see the README).
#[derive(Clone, Copy, Debug)]
pub struct Training {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
}

impl Default for Training {
    fn default() -> Training {
        Training { epochs: 12, learning_rate: 0.1, l2: 0.2 }
    }
}

/// The probability from which a message counts, per flag (in [`FLAGS`]
/// order): the lowest at which the model raised at most 1.5 % false alarms
/// on the training writers' sets, each scored by the model trained without
/// it, all 25,000 scores pooled (`examples/message_model.rs
/// --writer-thresholds`; until 2026-12-07 they were chosen the same way on
/// the 530-message development set, which moved them by up to 0.19).
pub const THRESHOLDS: [f32; FLAGS.len()] = [0.19, 0.10, 0.21, 0.18, 0.11, 0.30, 0.18, 0.24, 0.23];

/// The probability from which a message counts for a flag that is not its
/// likeliest. Chosen by leaving one writer's training set out in turn
/// (`examples/message_model.rs --writer`, whole rule, sets F–K, mean over
/// flags): the likeliest only, 73.7 % recall at 1.31 % false alarms; a
/// second from 0.5, 74.1 % at 1.32 %; every flag over its threshold, 76.2 %
/// at 1.70 %.
pub const SECOND_BEHAVIOUR: f32 = 0.5;

/// A trained model.
pub struct MessageModel {
    weights: Vec<f32>,
    bias: [f32; FLAGS.len()],
}

/// One feature of a text and, for explanations, what it stands for.
struct Feature {
    bucket: u32,
    text: String,
}

fn fnv(kind: u8, parts: &[&str]) -> u32 {
    let bytes = std::iter::once(kind).chain(parts.iter().flat_map(|p| p.bytes().chain(std::iter::once(0))));
    (crate::text::stable_hash(bytes) >> (64 - BITS)) as u32
}

/// Words (digits as 0, so numbers of one shape agree), adjacent pairs, and
/// the 3- to 5-grams of each word with its edges marked.
fn features(text: &str, keep_text: bool) -> Vec<Feature> {
    let folded: String =
        crate::normalize::fold(text).chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect();
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).take(400).collect();
    let mut out = Vec::with_capacity(words.len() * 12);
    let mut push = |bucket: u32, text: &dyn Fn() -> String| {
        out.push(Feature { bucket, text: if keep_text { text() } else { String::new() } });
    };
    for w in &words {
        push(fnv(b'w', &[w]), &|| (*w).to_string());
    }
    for pair in words.windows(2) {
        push(fnv(b'b', &[pair[0], pair[1]]), &|| format!("{} {}", pair[0], pair[1]));
    }
    for w in &words {
        let marked: Vec<char> = std::iter::once('<').chain(w.chars()).chain(std::iter::once('>')).collect();
        for n in 3..=5 {
            for gram in marked.windows(n) {
                let gram: String = gram.iter().collect();
                // Never shown: a note names whole words and pairs.
                push(fnv(b'c', &[&gram]), &String::new);
            }
        }
    }
    out.sort_by_key(|f| f.bucket);
    out.dedup_by_key(|f| f.bucket);
    out
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// A labelled message of the training data: its text and, per flag, whether it asks for it.
pub struct Example {
    pub text: String,
    pub flags: [bool; FLAGS.len()],
}

/// The examples of a JSON-lines text (`{"text": …, "flags": […]}` per line);
/// a line that does not read is skipped.
pub fn examples(jsonl: &str) -> Vec<Example> {
    jsonl
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let text = v.get("text")?.as_str()?.to_string();
            let labels: Vec<&str> = v.get("flags")?.as_array()?.iter().filter_map(|f| f.as_str()).collect();
            Some(Example { flags: FLAGS.map(|f| labels.contains(&f)), text })
        })
        .collect()
}

impl MessageModel {
    /// Trains on `examples` (deterministically: the same examples give the
    /// same model). Logistic regression per flag, AdaGrad, binary features.
    pub fn train(examples: &[Example]) -> MessageModel {
        MessageModel::train_with(examples, Training::default())
    }

    /// [`MessageModel::train`] with other settings (to choose them).
    pub fn train_with(examples: &[Example], training: Training) -> MessageModel {
        let Training { epochs, learning_rate, l2 } = training;
        let encoded: Vec<Vec<u32>> =
            examples.iter().map(|e| features(&e.text, false).into_iter().map(|f| f.bucket).collect()).collect();
        let mut weights = vec![0f32; FLAGS.len() * BUCKETS];
        let mut squares = vec![1e-8f32; FLAGS.len() * BUCKETS];
        let mut bias = [0f32; FLAGS.len()];
        let mut bias_squares = [1e-8f32; FLAGS.len()];
        // A fixed interleaving stands for shuffling: examples are written
        // grouped by flag, and the order must not be the lesson.
        let n = examples.len();
        let order: Vec<usize> = (0..n).map(|i| (i * 7919) % n.max(1)).collect();
        let distinct = order.iter().collect::<std::collections::HashSet<_>>().len() == n;
        let order: Vec<usize> = if distinct { order } else { (0..n).collect() };
        for _ in 0..epochs {
            for &i in &order {
                let buckets = &encoded[i];
                for (flag, wanted) in examples[i].flags.iter().enumerate() {
                    let row = &mut weights[flag * BUCKETS..(flag + 1) * BUCKETS];
                    let score = bias[flag] + buckets.iter().map(|&b| row[b as usize]).sum::<f32>();
                    let gradient = sigmoid(score) - f32::from(u8::from(*wanted));
                    let squares_row = &mut squares[flag * BUCKETS..(flag + 1) * BUCKETS];
                    for &b in buckets {
                        let g = gradient + l2 * row[b as usize];
                        squares_row[b as usize] += g * g;
                        row[b as usize] -= learning_rate * g / squares_row[b as usize].sqrt();
                    }
                    bias_squares[flag] += gradient * gradient;
                    bias[flag] -= learning_rate * gradient / bias_squares[flag].sqrt();
                }
            }
        }
        MessageModel { weights, bias }
    }

    /// The probability that `text` asks for each flag.
    pub fn scores(&self, text: &str) -> [f32; FLAGS.len()] {
        let buckets: Vec<u32> = features(text, false).into_iter().map(|f| f.bucket).collect();
        std::array::from_fn(|flag| {
            let row = &self.weights[flag * BUCKETS..(flag + 1) * BUCKETS];
            sigmoid(self.bias[flag] + buckets.iter().map(|&b| row[b as usize]).sum::<f32>())
        })
    }

    /// The probability that `text` asks for `flag`, when the model knows it.
    pub fn score(&self, flag: &str, text: &str) -> Option<f32> {
        let at = FLAGS.iter().position(|f| *f == flag)?;
        Some(self.scores(text)[at])
    }

    /// The words of `text` that weighed most towards `flag` (at most three,
    /// whole words and pairs only), for the evidence note.
    pub fn reasons(&self, flag: &str, text: &str) -> Vec<String> {
        let Some(at) = FLAGS.iter().position(|f| *f == flag) else { return vec![] };
        let row = &self.weights[at * BUCKETS..(at + 1) * BUCKETS];
        let mut weighed: Vec<(f32, String)> = features(text, true)
            .into_iter()
            .filter(|f| f.text.chars().count() > 2)
            .map(|f| (row[f.bucket as usize], f.text))
            .filter(|(w, _)| *w > 0.0)
            .collect();
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
        weighed.into_iter().take(3).map(|(_, t)| t).collect()
    }
}

/// Whether the model finds `text` (one message) asking for `flag` (its
/// likeliest flag from that flag's threshold, another from
/// [`SECOND_BEHAVIOUR`]), and
/// the part to quote: the sentence that weighs most, or the whole of a
/// message that has no sentence of its own. The message is judged whole, as
/// the model learnt from whole messages: a sentence alone says less.
pub fn asking<'a>(model: &MessageModel, flag: &str, text: &'a str) -> Option<(&'a str, f32)> {
    asking_scored(model, flag, text, &model.scores(text))
}

/// [`asking`] with the scores of `text` already computed (one message is
/// asked about every behaviour: score it once).
pub fn asking_scored<'a>(
    model: &MessageModel,
    flag: &str,
    text: &'a str,
    scores: &[f32; FLAGS.len()],
) -> Option<(&'a str, f32)> {
    let at = FLAGS.iter().position(|f| *f == flag)?;
    let score = scores[at];
    // The likeliest behaviour from its threshold; another only where the
    // model is more sure (a message may ask for two things).
    if score < THRESHOLDS[at] || score < SECOND_BEHAVIOUR && scores.iter().any(|&other| other > score) {
        return None;
    }
    let quote = text
        .split_inclusive(['.', '!', '?', '\n'])
        .map(str::trim)
        .filter(|s| s.len() > 2)
        .map(|s| (s, model.scores(s)[at]))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(text.trim(), |(s, _)| s);
    Some((quote, score))
}

/// The model trained on the shipped training data, once per loaded dataset;
/// in wasm, the model file the extension was built with ([`restore_shipped`])
/// — the browser never trains (`None` inside until it is given the file).
pub fn shipped() -> Arc<Option<MessageModel>> {
    crate::data::derived(&SHIPPED, crate::data::BEHAVIOUR_TRAIN, |text| {
        if cfg!(target_arch = "wasm32") {
            return None;
        }
        let examples = examples(text?);
        (!examples.is_empty()).then(|| MessageModel::train(&examples))
    })
}

type Shipped = Mutex<Option<(usize, Arc<Option<MessageModel>>)>>;
static SHIPPED: Shipped = Mutex::new(None);

const MODEL_MAGIC: &[u8] = b"vetter message model 2\n";

/// Texts whose features a model file records (as a fingerprint): in several
/// scripts, with digits, marks and punctuation, so that a model made by a
/// build whose features differ (folding, hashing, n-grams, flags) is refused.
const FEATURE_PROBES: [&str; 3] = [
    "Pls send ur WhatsApp #, I'll pay 50% via USDT (TRC-20) – Ça va? Não, señor.",
    "Мій номер змінився: пишіть у Телеграм, оплату на картку друга; ещё ёлка.",
    "ΑΒΓ 你好 مرحبا İstanbul straße ﬁle",
];

// The stamps hash the same on every platform (FNV over bytes): the file is
// written natively and read in wasm.

/// What a model file is usable by: a build with these flags and features.
fn feature_stamp() -> [u8; 8] {
    let flags = FLAGS.iter().flat_map(|f| f.bytes().chain([0]));
    let buckets = (BUCKETS as u64).to_le_bytes();
    let probes = FEATURE_PROBES.iter().flat_map(|p| features(p, false)).flat_map(|f| f.bucket.to_le_bytes());
    crate::text::stable_hash(flags.chain(buckets).chain(probes)).to_le_bytes()
}

/// What a model was trained from.
fn data_stamp(training: &str) -> [u8; 8] {
    crate::text::stable_hash(training.bytes()).to_le_bytes()
}

/// The model trained on the training data, as a file: the extension's build
/// writes it (`vetter model`) and the extension reads it at start, so the
/// browser never trains (seconds in wasm) and runs the very model the
/// evaluations measured natively. Trains it if need be; `None` without
/// training data.
pub fn shipped_bytes() -> Option<Vec<u8>> {
    let training = crate::data::text(crate::data::BEHAVIOUR_TRAIN)?;
    let model = shipped();
    let model = model.as_ref().as_ref()?;
    let mut out = Vec::with_capacity(MODEL_MAGIC.len() + 16 + 4 * (FLAGS.len() + model.weights.len()));
    out.extend_from_slice(MODEL_MAGIC);
    out.extend_from_slice(&feature_stamp());
    out.extend_from_slice(&data_stamp(&training));
    for value in model.bias.iter().chain(&model.weights) {
        out.extend_from_slice(&value.to_le_bytes());
    }
    Some(out)
}

/// Why a model file was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum ModelRefused {
    NotAModel,
    /// Made by a build whose features differ.
    OtherFeatures,
    /// Trained from other training data than the data loaded now.
    OtherData,
    /// Cut short or too long.
    WrongLength,
    /// A weight that is not a finite number.
    NotANumber,
}

impl std::fmt::Display for ModelRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ModelRefused::NotAModel => "not a Vetter message model",
            ModelRefused::OtherFeatures => "made by another version of Vetter",
            ModelRefused::OtherData => "trained from other training data than the data loaded",
            ModelRefused::WrongLength => "cut short or too long",
            ModelRefused::NotANumber => "a weight is not a number",
        })
    }
}

/// Takes a model file ([`shipped_bytes`]) as the shipped model, if this
/// build's features are the ones it was made for, it reads whole, and (when
/// training data is loaded, as natively) it was trained from that data.
pub fn restore_shipped(bytes: &[u8]) -> Result<(), ModelRefused> {
    let rest = bytes.strip_prefix(MODEL_MAGIC).ok_or(ModelRefused::NotAModel)?;
    let (features, rest) = rest.split_at_checked(8).ok_or(ModelRefused::WrongLength)?;
    let (data, rest) = rest.split_at_checked(8).ok_or(ModelRefused::WrongLength)?;
    if features != feature_stamp() {
        return Err(ModelRefused::OtherFeatures);
    }
    let training = crate::data::text(crate::data::BEHAVIOUR_TRAIN);
    if training.as_ref().is_some_and(|t| data != data_stamp(t)) {
        return Err(ModelRefused::OtherData);
    }
    if rest.len() != 4 * FLAGS.len() * (1 + BUCKETS) {
        return Err(ModelRefused::WrongLength);
    }
    let values: Vec<f32> = rest.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    if !values.iter().all(|v| v.is_finite()) {
        return Err(ModelRefused::NotANumber);
    }
    let mut bias = [0f32; FLAGS.len()];
    bias.copy_from_slice(&values[..FLAGS.len()]);
    let model = MessageModel { weights: values[FLAGS.len()..].to_vec(), bias };
    // Filed as `derived` files what it builds, under the training data's
    // length (none in the browser, which is given the model, not the data).
    let built_from = training.map_or(0, |t| t.len());
    *SHIPPED.lock().unwrap_or_else(|e| e.into_inner()) = Some((built_from, Arc::new(Some(model))));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_file_is_taken_only_when_it_reads_and_fits_these_features_and_this_data() {
        let bytes = shipped_bytes().expect("the training data is compiled in natively");
        let text = "my account got blocked, can you pay my cousin this month?";
        let before = shipped().as_ref().as_ref().unwrap().scores(text);
        assert_eq!(restore_shipped(&bytes), Ok(()));
        assert_eq!(shipped().as_ref().as_ref().unwrap().scores(text), before);
        let stamps_at = MODEL_MAGIC.len();
        let with = |at: usize, value: &[u8]| {
            let mut changed = bytes.clone();
            changed[at..at + value.len()].copy_from_slice(value);
            changed
        };
        let other_features = with(stamps_at, &[bytes[stamps_at] ^ 1]);
        let other_data = with(stamps_at + 8, &[bytes[stamps_at + 8] ^ 1]);
        let not_a_number = with(stamps_at + 16, &f32::NAN.to_le_bytes());
        let mut longer = bytes.clone();
        longer.extend_from_slice(&[0; 4]);
        let cases: [(&[u8], ModelRefused); 7] = [
            (&other_features, ModelRefused::OtherFeatures),
            (&other_data, ModelRefused::OtherData),
            (&not_a_number, ModelRefused::NotANumber),
            (&bytes[..bytes.len() - 1], ModelRefused::WrongLength),
            (&longer, ModelRefused::WrongLength),
            (&bytes[..stamps_at + 3], ModelRefused::WrongLength),
            (&bytes[..3], ModelRefused::NotAModel),
        ];
        for (refused, why) in cases {
            assert_eq!(restore_shipped(refused), Err(why));
        }
        // A refused file leaves the model as it was.
        assert_eq!(shipped().as_ref().as_ref().unwrap().scores(text), before);
    }

    #[test]
    fn each_feature_probe_yields_features_of_its_own() {
        // A probe folded away, or one repeating another, would check nothing.
        let buckets: Vec<Vec<u32>> =
            FEATURE_PROBES.iter().map(|p| features(p, false).iter().map(|f| f.bucket).collect()).collect();
        for (probe, own) in FEATURE_PROBES.iter().zip(&buckets) {
            assert!(own.len() > 50, "{probe}: {} features", own.len());
            let elsewhere = buckets.iter().filter(|b| *b != own).flatten().collect::<std::collections::HashSet<_>>();
            assert!(own.iter().filter(|b| !elsewhere.contains(b)).count() > 40, "{probe}");
        }
    }

    fn example(text: &str, flag: Option<&str>) -> Example {
        Example { text: text.into(), flags: FLAGS.map(|f| Some(f) == flag) }
    }

    #[test]
    fn the_model_learns_requests_from_examples_and_generalises_inflections() {
        let mut data = Vec::new();
        for (text, flag) in [
            ("let's continue on telegram please", Some("OFF_PLATFORM_REQUEST")),
            ("can we move to whatsapp, it is faster", Some("OFF_PLATFORM_REQUEST")),
            ("write me on telegram instead of here", Some("OFF_PLATFORM_REQUEST")),
            ("I built a telegram bot for the client", None),
            ("the meeting is at 10 tomorrow", None),
            ("invoice sent through the platform", None),
            ("please review the pull request", None),
        ] {
            data.push(example(text, flag));
        }
        let model = MessageModel::train(&data);
        let off = |t: &str| model.score("OFF_PLATFORM_REQUEST", t).unwrap();
        assert!(off("shall we continue on telegramm?") > off("the meeting moved to 11"));
        let threshold = THRESHOLDS[0];
        assert!(off("continue on telegram") > threshold);
        assert!(off("please review the invoice") < threshold);
        assert!(!model.reasons("OFF_PLATFORM_REQUEST", "continue on telegram").is_empty());
        // A note names words and pairs of the message, never the pieces of
        // words the model also weighs ("ele" of a misspelt "telegramm").
        let text = "pls continue on telegramm";
        let reasons = model.reasons("OFF_PLATFORM_REQUEST", text);
        assert!(!reasons.is_empty());
        for reason in &reasons {
            assert!(format!(" {text} ").contains(&format!(" {reason} ")), "{reason:?} in {reasons:?}");
        }
        // Deterministic: the same examples, the same scores.
        assert_eq!(MessageModel::train(&data).scores("telegram"), model.scores("telegram"));
    }
}
