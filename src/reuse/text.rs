//! Near-duplicate texts across candidates: word shingles, MinHash
//! signatures and banded locality-sensitive hashing.
//!
//! A text becomes the set of its 5-word shingles after masking what a
//! template's user swaps in (their own name and handle, numbers, their
//! skills). MinHash estimates the Jaccard similarity of two such sets from
//! 96 minima; cutting the signature into 32 bands of 3 makes texts with
//! similarity ≥ 0.5 share a band with probability ≥ 0.98 while unrelated
//! texts (≤ 0.1) almost never do, so a query reads a few buckets instead of
//! every stored text. Candidates are then compared exactly, shingle by
//! shingle, which also yields the matching passage for the evidence.
//!
//! Hand-written rather than `gaoya`: that crate seeds its hashes from the
//! OS (getrandom's JS backend in wasm), which makes results vary between
//! runs; here every hash is seeded and deterministic, in ~200 lines.

use super::mix;
use crate::normalize::fold;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

const SHINGLE_WORDS: usize = 5;
const BANDS: usize = 32;
const ROWS: usize = 3;
const HASHES: usize = BANDS * ROWS;
/// Texts shorter than this, in words, are too short to call a template.
pub const MIN_WORDS: usize = 25;
/// A shingle with more masked words than this says nothing on its own.
const MAX_MASKED_PER_SHINGLE: usize = 3;
/// Estimated similarity from which an index hit is worth an exact look.
const CANDIDATE_SIMILARITY: f32 = 0.3;

const MASK_NAME: &str = "\u{1}name";
const MASK_NUMBER: &str = "\u{1}n";
const MASK_SKILL: &str = "\u{1}skill";

/// A word of a text: where it is, and its folded form (or a mask).
#[derive(Clone, Debug)]
struct Word {
    start: usize,
    end: usize,
    form: String,
}

/// A text ready for comparison: its words and their shingle hashes.
#[derive(Clone, Debug)]
pub struct Prepared {
    text: String,
    words: Vec<Word>,
    /// Hash of the shingle starting at each word; `None` for shingles that
    /// are mostly masks.
    shingles: Vec<Option<u64>>,
}

/// What the template's user swaps in, masked before comparing.
#[derive(Default)]
pub struct Masks {
    names: HashSet<String>,
    skills: HashSet<String>,
}

impl Masks {
    /// `names`: the candidate's name and handle; `skills`: their skill list.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>, skills: impl IntoIterator<Item = &'a str>) -> Masks {
        let words = |items: &mut dyn Iterator<Item = &'a str>| -> HashSet<String> {
            items
                .flat_map(|s| fold(s).split(' ').map(str::to_string).collect::<Vec<_>>())
                .filter(|w| !w.is_empty())
                .collect()
        };
        Masks { names: words(&mut names.into_iter()), skills: words(&mut skills.into_iter()) }
    }

    /// Both candidates' masks at once, for an exact comparison.
    pub fn union(&self, other: &Masks) -> Masks {
        Masks {
            names: self.names.union(&other.names).cloned().collect(),
            skills: self.skills.union(&other.skills).cloned().collect(),
        }
    }
}

/// Splits `text` into words, folded and masked; `None` when it is too
/// short to compare.
pub fn prepare(text: &str, masks: &Masks) -> Option<Prepared> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(word(text, s, i, masks));
                start = None;
            }
            _ => {}
        }
    }
    if words.len() < MIN_WORDS {
        return None;
    }
    let shingles = words
        .windows(SHINGLE_WORDS)
        .map(|w| {
            let masked = w.iter().filter(|w| w.form.starts_with('\u{1}')).count();
            (masked <= MAX_MASKED_PER_SHINGLE).then(|| shingle_hash(w))
        })
        .collect();
    Some(Prepared { text: text.to_string(), words, shingles })
}

fn word(text: &str, start: usize, end: usize, masks: &Masks) -> Word {
    let raw = &text[start..end];
    let form = if raw.is_ascii() { raw.to_ascii_lowercase() } else { fold(raw) };
    let form = if form.chars().all(|c| c.is_ascii_digit()) {
        MASK_NUMBER.to_string()
    } else if masks.names.contains(&form) {
        MASK_NAME.to_string()
    } else if masks.skills.contains(&form) {
        MASK_SKILL.to_string()
    } else {
        form
    };
    Word { start, end, form }
}

fn shingle_hash(words: &[Word]) -> u64 {
    words.iter().fold(0xcbf2_9ce4_8422_2325, |h, w| {
        w.form.bytes().chain(std::iter::once(0)).fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    })
}

impl Prepared {
    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The distinct shingle hashes of the text.
    pub fn shingle_set(&self) -> HashSet<u64> {
        self.shingles.iter().flatten().copied().collect()
    }

    /// The MinHash signature: for each seeded hash function, the least
    /// hash over the shingles.
    pub fn signature(&self) -> Box<[u32; HASHES]> {
        let mut sig = Box::new([u32::MAX; HASHES]);
        for s in self.shingle_set() {
            for (i, slot) in sig.iter_mut().enumerate() {
                let h = mix(s ^ SEEDS[i]) as u32;
                if h < *slot {
                    *slot = h;
                }
            }
        }
        sig
    }

    fn passage(&self, from_word: usize, to_word: usize) -> &str {
        &self.text[self.words[from_word].start..self.words[to_word].end]
    }
}

const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut i = 0;
    let mut state = 0x005e_ed0f_7e3a_u64;
    while i < HASHES {
        // splitmix64, by hand: `const fn` cannot call the helper's closures.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

/// How two texts overlap, with the longest shared passage of each.
#[derive(Clone, Debug, PartialEq)]
pub struct Overlap {
    /// Jaccard similarity of the informative shingles.
    pub similarity: f32,
    /// Share of the shorter text's shingles found in the other.
    pub containment: f32,
    pub shared_shingles: usize,
    pub passage_a: String,
    pub passage_b: String,
}

/// Shared shingles needed before two texts count as one template (a passage
/// of about a dozen words that are not names, numbers or skills).
const MIN_SHARED_SHINGLES: usize = 8;
/// Jaccard similarity, or containment of the shorter text, that makes a template.
pub const TEMPLATE_SIMILARITY: f32 = 0.5;
pub const TEMPLATE_CONTAINMENT: f32 = 0.7;

/// A text's shingles that are not boilerplate, computed once per text.
pub fn informative(p: &Prepared, is_boilerplate: &dyn Fn(u64) -> bool) -> HashSet<u64> {
    p.shingles.iter().flatten().copied().filter(|h| !is_boilerplate(*h)).collect()
}

/// Compares two texts exactly; `is_boilerplate` says which shingles are
/// common to so many texts that they prove nothing (site chrome).
pub fn compare(a: &Prepared, b: &Prepared, is_boilerplate: &dyn Fn(u64) -> bool) -> Option<Overlap> {
    compare_informative(a, &informative(a, is_boilerplate), b, &informative(b, is_boilerplate))
}

/// [`compare`] with each text's informative shingles already computed.
pub fn compare_informative(a: &Prepared, sa: &HashSet<u64>, b: &Prepared, sb: &HashSet<u64>) -> Option<Overlap> {
    let shared = sa.iter().filter(|h| sb.contains(h)).count();
    if shared < MIN_SHARED_SHINGLES {
        return None;
    }
    let similarity = shared as f32 / (sa.len() + sb.len() - shared) as f32;
    let containment = shared as f32 / sa.len().min(sb.len()) as f32;
    if similarity < TEMPLATE_SIMILARITY && containment < TEMPLATE_CONTAINMENT {
        return None;
    }
    // The longest run of consecutive shared shingles in `a`, and where the
    // same shingles stand in `b`.
    let (mut best, mut run_start) = ((0, 0), None);
    for (i, s) in a.shingles.iter().enumerate() {
        match (s.filter(|h| sb.contains(h)), run_start) {
            (Some(_), None) => run_start = Some(i),
            (None, Some(st)) => {
                if i - st > best.1 - best.0 {
                    best = (st, i);
                }
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = run_start {
        if a.shingles.len() - st > best.1 - best.0 {
            best = (st, a.shingles.len());
        }
    }
    let (first, last) = (a.shingles[best.0]?, a.shingles[best.1 - 1]?);
    let position_in_b = |h: u64| b.shingles.iter().position(|s| *s == Some(h));
    let (b_first, b_last) = (position_in_b(first)?, position_in_b(last)?);
    let passage_b = if b_first <= b_last { b.passage(b_first, b_last + SHINGLE_WORDS - 1) } else { "" };
    Some(Overlap {
        similarity,
        containment,
        shared_shingles: shared,
        passage_a: a.passage(best.0, best.1 - 1 + SHINGLE_WORDS - 1).to_string(),
        passage_b: passage_b.to_string(),
    })
}

/// Texts indexed by owner, answering "which stored texts look like this
/// one?" from a few LSH buckets.
pub struct TextIndex<K> {
    docs: Vec<Option<(K, Box<[u32; HASHES]>)>>,
    free: Vec<u32>,
    buckets: HashMap<u64, Vec<u32>>,
    by_owner: HashMap<K, Vec<u32>>,
    /// How many texts hold each shingle, approximately (count-min sketch),
    /// to recognise boilerplate.
    frequency: CountMin,
    texts: usize,
}

impl<K: Clone + Eq + Hash> Default for TextIndex<K> {
    fn default() -> Self {
        TextIndex {
            docs: Vec::new(),
            free: Vec::new(),
            buckets: HashMap::new(),
            by_owner: HashMap::new(),
            frequency: CountMin::default(),
            texts: 0,
        }
    }
}

fn band_key(band: usize, rows: &[u32]) -> u64 {
    rows.iter().fold(mix(band as u64), |h, r| mix(h ^ u64::from(*r)))
}

/// Texts in which a shingle must appear before it counts as boilerplate:
/// 2 % of the texts, and never fewer than 20.
const BOILERPLATE_MIN_TEXTS: u32 = 20;

impl<K: Clone + Eq + Hash> TextIndex<K> {
    pub fn insert(&mut self, owner: K, text: &Prepared) {
        let signature = text.signature();
        let id = match self.free.pop() {
            Some(id) => id,
            None => {
                self.docs.push(None);
                (self.docs.len() - 1) as u32
            }
        };
        for (band, rows) in signature.chunks(ROWS).enumerate() {
            self.buckets.entry(band_key(band, rows)).or_default().push(id);
        }
        for s in text.shingle_set() {
            self.frequency.add(s, 1);
        }
        self.texts += 1;
        self.by_owner.entry(owner.clone()).or_default().push(id);
        self.docs[id as usize] = Some((owner, signature));
    }

    /// Forgets every text of `owner`; `texts` are the same texts as
    /// inserted, so that the boilerplate counts go down by exactly what
    /// they went up (a page seen again must not count twice).
    pub fn remove<'a>(&mut self, owner: &K, texts: impl IntoIterator<Item = &'a Prepared>) {
        if self.by_owner.contains_key(owner) {
            for t in texts {
                for s in t.shingle_set() {
                    self.frequency.sub(s);
                }
            }
        }
        for id in self.by_owner.remove(owner).unwrap_or_default() {
            if let Some((_, signature)) = self.docs[id as usize].take() {
                for (band, rows) in signature.chunks(ROWS).enumerate() {
                    let key = band_key(band, rows);
                    if let Some(ids) = self.buckets.get_mut(&key) {
                        ids.retain(|d| *d != id);
                        if ids.is_empty() {
                            self.buckets.remove(&key);
                        }
                    }
                }
                self.free.push(id);
                self.texts -= 1;
            }
        }
    }

    /// Owners of stored texts whose estimated similarity to `text` is worth
    /// an exact comparison, most similar first (one entry per owner).
    pub fn neighbours(&self, text: &Prepared) -> Vec<(K, f32)> {
        let signature = text.signature();
        let mut seen = HashSet::new();
        let mut best: HashMap<K, f32> = HashMap::new();
        for (band, rows) in signature.chunks(ROWS).enumerate() {
            for id in self.buckets.get(&band_key(band, rows)).into_iter().flatten() {
                if !seen.insert(*id) {
                    continue;
                }
                let Some((owner, other)) = &self.docs[*id as usize] else { continue };
                let same = signature.iter().zip(other.iter()).filter(|(a, b)| a == b).count();
                let estimate = same as f32 / HASHES as f32;
                if estimate >= CANDIDATE_SIMILARITY {
                    let e = best.entry(owner.clone()).or_insert(0.0);
                    *e = e.max(estimate);
                }
            }
        }
        let mut out: Vec<(K, f32)> = best.into_iter().collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    /// Does this shingle appear in so many texts that it proves nothing?
    pub fn is_boilerplate(&self, shingle: u64) -> bool {
        let limit = BOILERPLATE_MIN_TEXTS.max((self.texts / 50) as u32);
        self.frequency.estimate(shingle) >= limit
    }

    pub fn len(&self) -> usize {
        self.texts
    }

    pub fn is_empty(&self) -> bool {
        self.texts == 0
    }
}

/// A count-min sketch of shingle frequencies: 4 rows of 2^16 saturating
/// counters (512 KB), an over-estimate that never under-counts.
struct CountMin {
    rows: Vec<u16>,
}

const SKETCH_DEPTH: usize = 4;
const SKETCH_WIDTH: usize = 1 << 16;

impl Default for CountMin {
    fn default() -> Self {
        CountMin { rows: vec![0; SKETCH_DEPTH * SKETCH_WIDTH] }
    }
}

impl CountMin {
    fn slots(key: u64) -> impl Iterator<Item = usize> {
        (0..SKETCH_DEPTH).map(move |d| d * SKETCH_WIDTH + (mix(key ^ SEEDS[d]) as usize % SKETCH_WIDTH))
    }

    fn add(&mut self, key: u64, n: u16) {
        for s in Self::slots(key) {
            self.rows[s] = self.rows[s].saturating_add(n);
        }
    }

    fn sub(&mut self, key: u64) {
        for s in Self::slots(key) {
            // A saturated counter stays saturated: it no longer knows its count.
            if self.rows[s] != u16::MAX {
                self.rows[s] = self.rows[s].saturating_sub(1);
            }
        }
    }

    fn estimate(&self, key: u64) -> u32 {
        Self::slots(key).map(|s| u32::from(self.rows[s])).min().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "Hello, I am Daniel, a senior full stack engineer with 8 years of experience building \
        scalable web applications for startups and enterprises across fintech, healthcare and e-commerce. \
        I take ownership of every project from the first sketch to deployment, communicate daily and \
        deliver clean, tested code on time. Let us build something great together.";

    fn masks(name: &str) -> Masks {
        Masks::new([name], ["React", "Node.js"])
    }

    #[test]
    fn a_template_with_another_name_and_small_edits_matches_and_quotes_the_passage() {
        let a = prepare(TEMPLATE, &masks("Daniel Kim")).unwrap();
        let edited = TEMPLATE.replace("Daniel", "Ahmed").replace("8 years", "9 years").replace("daily", "every day");
        let b = prepare(&edited, &masks("Ahmed Salem")).unwrap();
        let overlap = compare(&a, &b, &|_| false).expect("one template");
        assert!(overlap.similarity > 0.6, "{overlap:?}");
        assert!(overlap.passage_a.contains("scalable web applications"), "{}", overlap.passage_a);
        assert!(overlap.passage_b.contains("scalable web applications"), "{}", overlap.passage_b);
        let mut index = TextIndex::default();
        index.insert("ahmed", &b);
        assert_eq!(index.neighbours(&a).first().map(|n| n.0), Some("ahmed"));
    }

    #[test]
    fn unrelated_texts_and_short_common_phrases_do_not_match() {
        let a = prepare(TEMPLATE, &masks("Daniel Kim")).unwrap();
        let other = "I am a data scientist who loves turning messy spreadsheets into clear dashboards. Before \
            freelancing I taught statistics at a community college for six years, and I still enjoy explaining \
            results to people who are not analysts. I work mostly in Python and R, and I am happy to start with a paid trial.";
        let b = prepare(other, &masks("Maria Gonzalez")).unwrap();
        assert_eq!(compare(&a, &b, &|_| false), None);
        let mut index = TextIndex::default();
        index.insert("maria", &b);
        assert!(index.neighbours(&a).is_empty());
        assert!(prepare("Full stack developer with 8 years of experience", &masks("x")).is_none());
    }

    #[test]
    fn boilerplate_shared_by_many_texts_is_not_evidence() {
        let chrome = "Top Rated Plus freelancer on this marketplace with verified identity payment method \
            verified and a one hundred percent job success score over the last twelve months of work";
        let mut index = TextIndex::default();
        let bios: Vec<Prepared> = (0..30)
            .map(|i| {
                let own = format!(
                    "{chrome}. Personal note number {i}: I enjoy {} and {} most.",
                    ["hiking", "chess", "music"][i % 3],
                    i * 7
                );
                prepare(&own, &Masks::default()).unwrap()
            })
            .collect();
        for (i, b) in bios.iter().enumerate() {
            index.insert(i, b);
        }
        let boiler = |h| index.is_boilerplate(h);
        assert_eq!(compare(&bios[0], &bios[1], &boiler), None);
        assert!(
            compare(&bios[0], &bios[1], &|_| false).is_some(),
            "the control: without boilerplate removal they match"
        );
    }

    #[test]
    fn a_text_indexed_again_and_again_does_not_become_boilerplate() {
        let a = prepare(TEMPLATE, &masks("Daniel Kim")).unwrap();
        let mut index = TextIndex::default();
        for _ in 0..100 {
            index.remove(&"a", [&a]);
            index.insert("a", &a);
        }
        assert!(a.shingle_set().iter().all(|h| !index.is_boilerplate(*h)));
    }

    #[test]
    fn removed_texts_are_no_longer_found() {
        let a = prepare(TEMPLATE, &masks("Daniel Kim")).unwrap();
        let mut index = TextIndex::default();
        index.insert("a", &a);
        index.insert("b", &a);
        index.remove(&"a", [&a]);
        assert_eq!(index.neighbours(&a).into_iter().map(|n| n.0).collect::<Vec<_>>(), vec!["b"]);
        assert_eq!(index.len(), 1);
    }
}
