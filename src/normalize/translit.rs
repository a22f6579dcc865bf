//! Latin spellings of names written in Cyrillic or Hangul, so that a name
//! in its own script can be compared with its romanised form.
//!
//! Cyrillic follows a common passport-style table; Hangul is decomposed
//! into jamo and written in Revised Romanization, the Korean family name
//! (the first syllable) split from the given name. Romanisation variants
//! (Kim/Gim, Lee/Yi/Rhee, Jin-woo/Jinu) are reconciled by [`korean_key`].
//! Han characters are not transliterated here: a reading needs a
//! dictionary too large for the wasm budget, so such names stay
//! incomparable (never "different").

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

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn hangul_syllable(c: char) -> String {
    let index = c as u32 - 0xAC00;
    let (i, m, f) = (index / (21 * 28), (index % (21 * 28)) / 28, index % 28);
    format!("{}{}{}", INITIALS[i as usize], MEDIALS[m as usize], FINALS[f as usize])
}

/// Latin letters for a lower-cased word in Cyrillic or Hangul; other text
/// is returned unchanged. A Korean name written as one word ("김진우") is
/// split after its first syllable, the family name ("gim jinu").
pub fn romanise(word: &str) -> String {
    let hangul: Vec<char> = word.chars().filter(|c| is_hangul(*c)).collect();
    if !hangul.is_empty() && hangul.len() == word.chars().count() {
        let syllables: Vec<String> = hangul.iter().map(|c| hangul_syllable(*c)).collect();
        return if (2..=4).contains(&syllables.len()) {
            format!("{} {}", syllables[0], syllables[1..].concat())
        } else {
            syllables.concat()
        };
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
    &["jeong", "jung", "chung", "joung"],
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

/// A spelling-independent key for a romanised Korean name part: surname
/// variants become one, and the usual alternatives are merged: the vowels
/// ㅓ/ㅜ/ㅗ, which Revised Romanization, McCune-Reischauer and common usage
/// write eo/ŏ/o/u/oo/woo (Cheol/Chol, Jinu/Jinwoo), and k/g, t/d, p/b,
/// ch/j, r/l. Coarse on purpose: it decides "could be the same", and a
/// wrong "different" would flag a consistent person.
pub fn korean_key(part: &str) -> String {
    if part.chars().count() == 1 {
        return part.to_string(); // an initial: see `initial_fits`
    }
    if let Some(group) = KOREAN_SURNAMES.iter().find(|g| g.contains(&part)) {
        return group[0].to_string();
    }
    let mut s = part.to_string();
    for (from, to) in
        [("woo", "o"), ("oo", "o"), ("wu", "o"), ("eo", "o"), ("eu", "o"), ("u", "o"), ("ee", "i"), ("ae", "e")]
    {
        s = s.replace(from, to);
    }
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
        || korean_key(letter) == korean_key(&key[..key.len().min(1)])
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
        assert_eq!(romanise("김진우"), "gim jinu");
        assert_eq!(romanise("박"), "bak");
        assert_eq!(romanise("daniel"), "daniel");
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
