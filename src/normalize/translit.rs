//! Latin spellings of names written in Cyrillic or Hangul, so that a name
//! in its own script can be compared with its romanised form.
//!
//! Cyrillic follows a common passport-style table; Hangul is decomposed
//! into jamo and written in Revised Romanization, the Korean family name
//! (the first syllable) split from the given name. Romanisation variants
//! (Kim/Gim, Lee/Yi/Rhee, Jin-woo/Jinu) are reconciled by [`korean_key`].
//! Han characters get their Mandarin reading (pinyin, from the
//! `han-pinyin.txt` dataset), family name first. A Han name that does not
//! match is never called "different": the same characters are read
//! differently in Cantonese, Japanese or Korean, so only a match means
//! something (see `name::compare`).

const CYRILLIC: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('ґ', "g"),
    ('д', "d"),
    ('е', "e"),
    ('є', "ye"),
    ('ё', "yo"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('і', "i"),
    ('ї', "yi"),
    ('й', "y"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "kh"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "shch"),
    ('ъ', ""),
    ('ы', "y"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
    ('ў', "u"),
    ('ј', "j"),
    ('љ', "lj"),
    ('њ', "nj"),
    ('ћ', "c"),
    ('ђ', "dj"),
    ('џ', "dz"),
];

const INITIALS: [&str; 19] =
    ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const MEDIALS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu",
    "ui", "i",
];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t",
    "t", "k", "t", "p", "t",
];

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether a word holds Han characters.
pub fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

/// Surname characters whose reading in names differs from their first
/// dictionary reading (单 Shan, 曾 Zeng…).
const SURNAME_READINGS: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('区', "ou"),
    ('查', "zha"),
    ('翟', "zhai"),
    ('乐', "yue"),
    ('盖', "ge"),
    ('覃', "qin"),
    ('缪', "miao"),
    ('秘', "bi"),
    ('繁', "po"),
];

/// Two-character Chinese surnames.
const COMPOUND_SURNAMES: &[&str] =
    &["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙"];

/// One reading per code point from U+4E00, indexed once per dataset.
fn han_readings() -> std::sync::Arc<Vec<Box<str>>> {
    type Table = std::sync::Arc<Vec<Box<str>>>;
    static CACHE: std::sync::Mutex<Option<(usize, Table)>> = std::sync::Mutex::new(None);
    // Blank lines are code points without a reading, so `rows()` (which
    // skips them) is not used here: only the `#` header is.
    crate::data::derived(&CACHE, crate::data::HAN_PINYIN, |text| {
        text.map(|t| t.lines().filter(|l| !l.starts_with('#')).map(Box::from).collect()).unwrap_or_default()
    })
}

fn han_reading(c: char) -> Option<String> {
    han_readings().get(c as usize - 0x4E00).filter(|r| !r.is_empty()).map(|r| r.to_string())
}

/// "王伟" → "wang wei"; "欧阳娜娜" → "ouyang nana". `None` when a
/// character has no known reading.
fn romanise_han(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let surname_len = if COMPOUND_SURNAMES.iter().any(|s| word.starts_with(s)) { 2 } else { 1 };
    let mut parts = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let reading = match SURNAME_READINGS.iter().find(|(s, _)| *s == *c).filter(|_| i == 0) {
            Some((_, r)) => (*r).to_string(),
            None => han_reading(*c)?,
        };
        parts.push(reading);
    }
    if chars.len() <= surname_len {
        return Some(parts.concat());
    }
    Some(format!("{} {}", parts[..surname_len].concat(), parts[surname_len..].concat()))
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn hangul_syllable(c: char) -> String {
    let index = c as u32 - 0xAC00;
    let (i, m, f) = (index / (21 * 28), (index % (21 * 28)) / 28, index % 28);
    format!("{}{}{}", INITIALS[i as usize], MEDIALS[m as usize], FINALS[f as usize])
}

/// Latin letters for a lower-cased word in Cyrillic, Hangul or Han; other
/// text is returned unchanged. Hangul keeps its syllables apart ("김진우" →
/// "gim jin u"): the boundaries are exact there, and romanised names join or
/// split given-name syllables at will (Jin-woo, Jinwoo), which the matchers
/// handle by joining adjacent parts.
pub fn romanise(word: &str) -> String {
    if word.is_ascii() {
        return word.to_string();
    }
    if !word.is_empty() && word.chars().all(is_han) {
        if let Some(latin) = romanise_han(word) {
            return latin;
        }
    }
    let hangul: Vec<char> = word.chars().filter(|c| is_hangul(*c)).collect();
    if !hangul.is_empty() && hangul.len() == word.chars().count() {
        return hangul.iter().map(|c| hangul_syllable(*c)).collect::<Vec<_>>().join(" ");
    }
    word.chars()
        .map(|c| CYRILLIC.iter().find(|(k, _)| *k == c).map_or_else(|| c.to_string(), |(_, v)| (*v).to_string()))
        .collect()
}

/// Whether a word holds Hangul (its comparison uses [`korean_key`]).
pub fn has_hangul(s: &str) -> bool {
    s.chars().any(is_hangul)
}

/// Surname spellings that are one name (Revised Romanization first).
const KOREAN_SURNAMES: &[&[&str]] = &[
    &["gim", "kim"],
    &["i", "lee", "yi", "rhee", "ri", "li", "rhie"],
    &["bak", "park", "pak", "bahk"],
    &["choe", "choi", "chae"],
    &["jeong", "jung", "chung", "joung", "jong", "chong", "cheong"],
    &["gang", "kang"],
    &["jo", "cho"],
    &["yun", "yoon"],
    &["jang", "chang"],
    &["im", "lim", "rim"],
    &["o", "oh"],
    &["sin", "shin"],
    &["gwon", "kwon"],
    &["an", "ahn"],
    &["yu", "ryu", "yoo", "ryoo"],
    &["seo", "suh", "so"],
    &["han"],
    &["hwang"],
    &["song"],
    &["hong"],
    &["geum", "kum", "keum"],
    &["myeong", "myong"],
    &["ju", "joo", "chu"],
    &["baek", "paek", "baik"],
    &["nam"],
    &["go", "ko"],
    &["mun", "moon"],
    &["yang"],
    &["bae", "pae"],
];

/// The Revised Romanization spelling of a Korean surname written in any of
/// its usual spellings ("Pak", "Park" → "bak"), if it is one.
pub fn korean_surname(part: &str) -> Option<&'static str> {
    KOREAN_SURNAMES.iter().find(|g| g.contains(&part)).map(|g| g[0])
}

/// Whether a lower-cased Latin word can be read as romanised Korean: a run
/// of syllables (an optional initial, a vowel, an optional final) as
/// Revised Romanization, McCune-Reischauer (breves folded away) and common
/// usage write them. "jinwoo", "songchol", "ryom" read so; "garcia",
/// "taylor", "joseph" do not. Short Western words may ("daniel"), so this
/// only gates the Korean merges: both names must read so.
pub fn reads_as_korean(word: &str) -> bool {
    const INITIALS: &[&str] = &[
        "kk", "tt", "pp", "ss", "jj", "tch", "ch", "sh", "ph", "th", "kh", "g", "k", "n", "d", "t", "r", "l", "m", "b",
        "p", "s", "j", "h",
    ];
    const VOWELS: &[&str] = &[
        "yae", "yeo", "wae", "weo", "woo", "eo", "eu", "ae", "ya", "ye", "yo", "yu", "wa", "wo", "we", "wi", "ui",
        "oe", "oo", "ee", "a", "e", "i", "o", "u",
    ];
    const FINALS: &[&str] = &["ng", "k", "n", "t", "l", "m", "p", "g", "b"];
    if word.is_empty() || !word.is_ascii() {
        return false;
    }
    // The first byte first: most candidates fail there, without a memcmp.
    fn starts(rest: &str, with: &str) -> bool {
        rest.as_bytes().first() == with.as_bytes().first() && rest.starts_with(with)
    }
    // fewest[i]: the fewest syllables that spell word[..i] (a name part has
    // at most 13); one pass over the positions, no backtracking.
    let mut fewest = vec![usize::MAX; word.len() + 1];
    fewest[0] = 0;
    for at in 0..word.len() {
        if fewest[at] >= 13 {
            continue;
        }
        let rest = &word[at..];
        let initials = INITIALS.iter().filter(|i| starts(rest, i)).map(|i| i.len()).chain([0]);
        for i in initials {
            for v in VOWELS.iter().filter(|v| starts(&rest[i..], v)) {
                let after = &rest[i + v.len()..];
                let finals = FINALS.iter().filter(|f| starts(after, f)).map(|f| f.len()).chain([0]);
                for f in finals {
                    let end = at + i + v.len() + f;
                    fewest[end] = fewest[end].min(fewest[at] + 1);
                }
            }
        }
    }
    fewest[word.len()] <= 13
}

/// A spelling-independent key for a romanised Korean name part: surname
/// variants become one, and the usual alternatives are merged: the vowels
/// ㅓ/ㅜ/ㅗ, which Revised Romanization, McCune-Reischauer and common usage
/// write eo/ŏ/o/u/oo/woo (Cheol/Chol, Jinu/Jinwoo), and k/g, t/d, p/b,
/// ch/j, r/l. Coarse on purpose: it decides "could be the same", and a
/// wrong "different" would flag a consistent person.
pub fn korean_key(part: &str) -> String {
    // A lone consonant is an initial (see `initial_fits`); a lone vowel is a
    // syllable (우 "u", 이 "i").
    if part.chars().count() == 1 && !matches!(part, "a" | "e" | "i" | "o" | "u") {
        return part.to_string();
    }
    if let Some(group) = KOREAN_SURNAMES.iter().find(|g| g.contains(&part)) {
        return group[0].to_string();
    }
    merge_consonants(&merge_vowels(part))
}

/// A composing phonetic form for joined and split given names: only
/// merges that never span a syllable boundary (u/oo → o, and the consonant
/// pairs), so the form of "seun" is the forms of "se" and "un" joined.
pub fn korean_plain(part: &str) -> String {
    merge_consonants(&part.replace("oo", "o").replace('u', "o"))
}

/// The vowel digraph merges of [`korean_key`]: ㅓ/ㅜ/ㅗ written eo/ŏ/o/u/oo/woo.
fn merge_vowels(part: &str) -> String {
    let mut s = part.to_string();
    for (from, to) in
        [("woo", "o"), ("oo", "o"), ("wu", "o"), ("eo", "o"), ("eu", "o"), ("u", "o"), ("ee", "i"), ("ae", "e")]
    {
        s = s.replace(from, to);
    }
    s
}

fn merge_consonants(part: &str) -> String {
    let mut s = part.to_string();
    for (from, to) in [("ch", "j"), ("sh", "s"), ("k", "g"), ("t", "d"), ("p", "b"), ("r", "l"), ("h", "")] {
        s = s.replace(from, to);
    }
    s
}

/// Can the initial `letter` stand for the name part keyed `key`? "R." for
/// Ri/Rhee (key "i"), "K." for Kim (key "gim").
pub fn initial_fits(letter: &str, key: &str) -> bool {
    key.starts_with(letter)
        || KOREAN_SURNAMES.iter().any(|g| g[0] == key && g.iter().any(|v| v.starts_with(letter)))
        || [("k", "g"), ("t", "d"), ("p", "b"), ("c", "j"), ("r", "l")]
            .iter()
            .any(|(a, b)| letter == *a && key.starts_with(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_and_hangul_become_latin() {
        assert_eq!(romanise("олена"), "olena");
        assert_eq!(romanise("бондаренко"), "bondarenko");
        assert_eq!(romanise("김진우"), "gim jin u");
        assert_eq!(romanise("박"), "bak");
        assert_eq!(romanise("daniel"), "daniel");
        assert_eq!(romanise("王伟"), "wang wei");
        assert_eq!(romanise("欧阳娜娜"), "ouyang nana");
        assert_eq!(romanise("单雄信"), "shan xiongxin");
    }

    #[test]
    fn korean_reading() {
        for w in
            ["jinwoo", "songchol", "ryom", "kwanghun", "tongmyong", "kum", "hyok", "yeong", "young", "phil", "daniel"]
        {
            assert!(reads_as_korean(w), "{w}");
        }
        for w in ["garcia", "taylor", "joseph", "khaled", "khalifa", "sergey", "gorge", "smith"] {
            assert!(!reads_as_korean(w), "{w}");
        }
    }

    #[test]
    fn korean_variants_share_a_key() {
        assert_eq!(korean_key("kim"), korean_key("gim"));
        assert_eq!(korean_key("lee"), korean_key("i"));
        assert_eq!(korean_key("park"), korean_key("bak"));
        assert_eq!(korean_key("jinwoo"), korean_key("jinu"));
        assert_ne!(korean_key("jinu"), korean_key("minho"));
        assert!(initial_fits("r", &korean_key("ri")));
        assert!(initial_fits("k", &korean_key("kim")));
        assert!(!initial_fits("p", &korean_key("kim")));
    }
}
