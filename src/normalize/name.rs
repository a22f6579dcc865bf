//! Are two written names plausibly the same person?
//!
//! Tolerates case, diacritics, punctuation, order swaps ("Kim Daniel"),
//! omitted middle names, initials ("Daniel K."), common nicknames and small
//! spelling variants (Jaro-Winkler). Names written in a script we cannot
//! yet compare (Hangul, Han, Cyrillic before transliteration) are
//! `Incomparable`, never `Different`: not knowing is not a mismatch.

use super::fold;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameVerdict {
    /// Every part of the shorter name matches a part of the longer one.
    Same,
    /// Same, but only through initials ("Daniel K." ~ "Daniel Kim").
    Compatible,
    /// Some part of the shorter name matches nothing in the other.
    Different,
    /// One of the names has nothing comparable (empty, or another script).
    Incomparable,
}

/// Jaro-Winkler similarity from which two name parts count as spelling
/// variants of each other (Aleksandr/Alexandr 0.97, Daniel/Danial 0.93,
/// while Daniel/Dmitri is 0.62 and Park/Pak 0.93 is also accepted).
const VARIANT_SIMILARITY: f64 = 0.88;

/// Titles and suffixes that are not part of who someone is.
const IGNORED: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "prof", "jr", "sr", "ii", "iii", "iv", "phd", "md", "mba"];

/// A few common English nickname groups; each row is one given name's forms.
const NICKNAMES: &[&[&str]] = &[
    &["robert", "bob", "rob", "bobby", "robbie"],
    &["william", "bill", "will", "billy", "liam"],
    &["michael", "mike", "mick", "mikey"],
    &["alexander", "aleksandr", "alex", "sasha", "aleksander", "alexandr"],
    &["daniel", "dan", "danny"],
    &["katherine", "catherine", "kate", "katie", "cathy", "kathy"],
    &["elizabeth", "liz", "beth", "lisa", "eliza", "betty"],
    &["james", "jim", "jimmy", "jamie"],
    &["richard", "rick", "dick", "rich"],
    &["thomas", "tom", "tommy"],
    &["jonathan", "jon", "john", "johnny", "jack"],
    &["joseph", "joe", "joey"],
    &["christopher", "chris"],
    &["nicholas", "nick", "nicolas", "nikolai", "kolya"],
    &["dmitry", "dmitri", "dima"],
    &["ivan", "vanya"],
    &["margaret", "maggie", "meg", "peggy"],
    &["anastasia", "nastya", "stacy"],
];

fn parts(name: &str) -> Vec<String> {
    fold(name).split(' ').filter(|t| !t.is_empty() && !IGNORED.contains(t)).map(str::to_string).collect()
}

fn is_latin(token: &str) -> bool {
    token.chars().all(|c| c.is_ascii_alphanumeric() || ('\u{00C0}'..='\u{024F}').contains(&c))
}

fn nickname_of(a: &str, b: &str) -> bool {
    NICKNAMES.iter().any(|group| group.contains(&a) && group.contains(&b))
}

/// How well part `a` matches part `b`: 1.0 exact, else nickname, variant
/// spelling or initial; 0 for no match. The bool marks an initial match.
fn part_match(a: &str, b: &str) -> (f64, bool) {
    if a == b {
        return (1.0, false);
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.chars().count() == 1 {
        return if long.starts_with(short) { (0.9, true) } else { (0.0, false) };
    }
    if nickname_of(a, b) {
        return (0.95, false);
    }
    let jw = strsim::jaro_winkler(a, b);
    if short.chars().count() >= 3 && jw >= VARIANT_SIMILARITY {
        return (jw, false);
    }
    (0.0, false)
}

/// Compares two written names.
pub fn compare(a: &str, b: &str) -> NameVerdict {
    let (pa, pb) = (parts(a), parts(b));
    if pa.is_empty() || pb.is_empty() || !pa.iter().all(|t| is_latin(t)) || !pb.iter().all(|t| is_latin(t)) {
        return NameVerdict::Incomparable;
    }
    // Joined or hyphenated given names: "Kum-Hyok" / "Kumhyok".
    if pa.concat() == pb.concat() {
        return NameVerdict::Same;
    }
    let (short, long) = if pa.len() <= pb.len() { (pa, pb) } else { (pb, pa) };
    // Candidates: each part of the longer name, and each adjacent pair
    // joined ("kum hyok" for "kumhyok").
    let mut candidates: Vec<(String, Vec<usize>)> =
        long.iter().cloned().enumerate().map(|(i, t)| (t, vec![i])).collect();
    candidates.extend(long.windows(2).enumerate().map(|(i, w)| (w.concat(), vec![i, i + 1])));
    let mut used = vec![false; long.len()];
    let mut via_initial = false;
    // Longest parts first, so that initials take what is left.
    let mut order: Vec<&String> = short.iter().collect();
    order.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for part in order {
        let best = candidates
            .iter()
            .filter(|(_, idx)| idx.iter().all(|i| !used[*i]))
            .map(|(text, idx)| (idx, part_match(part, text)))
            .filter(|(_, (score, _))| *score > 0.0)
            .max_by(|x, y| x.1 .0.total_cmp(&y.1 .0));
        match best {
            Some((idx, (_, initial))) => {
                idx.iter().for_each(|i| used[*i] = true);
                via_initial |= initial;
            }
            None => return NameVerdict::Different,
        }
    }
    if via_initial {
        NameVerdict::Compatible
    } else {
        NameVerdict::Same
    }
}

#[cfg(test)]
mod tests {
    use super::NameVerdict::*;
    use super::*;

    #[test]
    fn same_person_written_differently_matches() {
        assert_eq!(compare("Daniel Kim", "kim, daniel"), Same);
        assert_eq!(compare("María González", "Maria Gonzalez"), Same);
        assert_eq!(compare("John Michael Smith", "John Smith"), Same);
        assert_eq!(compare("Bob Jones", "Robert Jones"), Same);
        assert_eq!(compare("Aleksandr Petrov", "Alexander Petrov"), Same);
        assert_eq!(compare("Kum-Hyok Song", "Song Kumhyok"), Same);
        assert_eq!(compare("Dr. Jane Doe PhD", "Jane Doe"), Same);
    }

    #[test]
    fn initials_are_compatible() {
        assert_eq!(compare("Daniel K.", "Daniel Kim"), Compatible);
        assert_eq!(compare("María G.", "Maria Gonzalez"), Compatible);
    }

    #[test]
    fn different_people_differ() {
        assert_eq!(compare("Daniel K.", "Jin Park"), Different);
        assert_eq!(compare("Daniel Kim", "Daniel Park"), Different);
        assert_eq!(compare("Olena Bondarenko", "Oksana Bondarenko"), Different);
    }

    #[test]
    fn other_scripts_are_not_judged_yet() {
        assert_eq!(compare("김진", "Jin Kim"), Incomparable);
        assert_eq!(compare("", "Jin Kim"), Incomparable);
    }
}
