//! Are two written names plausibly the same person?
//!
//! Tolerates case, diacritics, punctuation, order swaps ("Kim Daniel"),
//! omitted middle names, initials ("Daniel K."), nicknames (the `nicknames`
//! data package), small spelling variants (Jaro-Winkler), and names in
//! Cyrillic or Hangul (transliterated, with Korean romanisation variants).
//! Names in a script not transliterated (Han) are `Incomparable`, never
//! `Different`: not knowing is not a mismatch.

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

/// Nickname groups the data package lacks (Slavic diminutives, Ukrainian,
/// Russian and English forms of one name, Arabic names' romanisations);
/// each row is one given name's forms.
const EXTRA_NICKNAMES: &[&[&str]] = &[
    &["robert", "bob", "rob", "bobby", "robbie"],
    &["william", "bill", "will", "billy", "liam"],
    &["michael", "mike", "mick", "mikey", "mikhail", "mykhailo"],
    &["alexander", "aleksandr", "alex", "sasha", "aleksander", "alexandr", "oleksandr", "olexandr", "oleksander"],
    &["daniel", "dan", "danny"],
    &["katherine", "catherine", "kate", "katie", "cathy", "kathy"],
    &["elizabeth", "liz", "beth", "lisa", "eliza", "betty"],
    &["james", "jim", "jimmy", "jamie"],
    &["richard", "rick", "dick", "rich"],
    &["thomas", "tom", "tommy"],
    &["jonathan", "jon", "john", "johnny", "jack"],
    &["joseph", "joe", "joey"],
    &["christopher", "chris"],
    &["nicholas", "nick", "nicolas", "nikolai", "kolya", "mykola"],
    &["dmitry", "dmitri", "dima", "dmytro"],
    &["andrew", "andrii", "andriy", "andrey", "andrei", "andy"],
    &["sergey", "sergei", "serhii", "serhiy"],
    &["alexey", "aleksei", "alexei", "oleksii", "oleksiy"],
    &["vladimir", "volodymyr", "volodya"],
    &["eugene", "evgeny", "yevgeny", "yevhen", "evgenii", "zhenya"],
    &["yuri", "yury", "yurii", "yuriy"],
    &["paul", "pavel", "pavlo"],
    &["peter", "pyotr", "petro"],
    &["muhammad", "mohammed", "mohammad", "mohamed", "muhammed", "mohamad", "muhamad"],
    &["ahmed", "ahmad"],
    &["yusuf", "yousef", "youssef", "yousuf", "yusef"],
    &["hussein", "hussain", "husain", "hossein", "husein"],
    &["ivan", "vanya"],
    &["margaret", "maggie", "meg", "peggy"],
    &["anastasia", "nastya", "stacy"],
];

fn parts(name: &str) -> (Vec<String>, bool) {
    let korean = super::translit::has_hangul(name);
    // Romanise before folding: NFKD would split Hangul syllables into jamo.
    let lower = name.to_lowercase();
    let romanised: Vec<String> = lower.split_whitespace().map(super::translit::romanise).collect();
    let parts = fold(&romanised.join(" "))
        .split(' ')
        .filter(|t| !t.is_empty() && !IGNORED.contains(t))
        .map(str::to_string)
        .collect();
    (parts, korean)
}

/// Name or nickname → the canonical given names it belongs to.
type NicknameIndex = std::sync::Arc<std::collections::HashMap<String, Vec<u32>>>;

/// Built once from the `nicknames` data package (and rebuilt if that data
/// arrives later, as it does in the browser).
fn nickname_index() -> NicknameIndex {
    static CACHE: std::sync::Mutex<Option<(usize, NicknameIndex)>> = std::sync::Mutex::new(None);
    crate::data::derived(&CACHE, crate::data::NICKNAMES, |text| {
        let mut index: std::collections::HashMap<String, Vec<u32>> = std::collections::HashMap::new();
        let rows = text.map(crate::data::rows).into_iter().flatten().map(str::to_string);
        let extra = EXTRA_NICKNAMES.iter().map(|g| g.join("\t"));
        for (group, row) in rows.chain(extra).enumerate() {
            let (name, nicks) = row.split_once('\t').unwrap_or((row.as_str(), ""));
            for form in std::iter::once(name).chain(nicks.split([',', '\t'])).filter(|n| !n.is_empty()) {
                let ids = index.entry(form.to_string()).or_default();
                if !ids.contains(&(group as u32)) {
                    ids.push(group as u32);
                }
            }
        }
        index
    })
}

fn is_latin(token: &str) -> bool {
    token.chars().all(|c| c.is_ascii_alphanumeric() || ('\u{00C0}'..='\u{024F}').contains(&c))
}

/// Are `a` and `b` forms of one given name (Bob ~ Robert, and two
/// nicknames of one name: Bob ~ Rob)?
fn nickname_of(a: &str, b: &str) -> bool {
    let index = nickname_index();
    match (index.get(a), index.get(b)) {
        (Some(x), Some(y)) => x.iter().any(|g| y.contains(g)),
        _ => false,
    }
}

/// How well part `a` matches part `b`: 1.0 exact, else nickname, variant
/// spelling or initial; 0 for no match. The bool marks an initial match.
fn part_match(a: &str, b: &str, korean: bool) -> (f64, bool) {
    if a == b {
        return (1.0, false);
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.chars().count() == 1 {
        // A one-letter Korean surname key ("i" for Lee/Ri) can meet its initial ("R").
        let fits = long.starts_with(short)
            || korean && (super::translit::initial_fits(short, long) || super::translit::initial_fits(long, short));
        return if fits { (0.9, true) } else { (0.0, false) };
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
    let verdict = compare_parts(a, b);
    // A Han name read in Mandarin that does not match may be the same name
    // read in Cantonese, Japanese or Korean: only a match is evidence.
    if verdict == NameVerdict::Different && (super::translit::has_han(a) || super::translit::has_han(b)) {
        return NameVerdict::Incomparable;
    }
    verdict
}

fn compare_parts(a: &str, b: &str) -> NameVerdict {
    let ((mut pa, ka), (mut pb, kb)) = (parts(a), parts(b));
    if ka || kb {
        // One side was Hangul: compare spelling-independent Korean keys.
        pa = pa.iter().map(|p| super::translit::korean_key(p)).collect();
        pb = pb.iter().map(|p| super::translit::korean_key(p)).collect();
    }
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
            .map(|(text, idx)| (idx, part_match(part, text, ka || kb)))
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
        // Ukrainian, Russian and English forms; Arabic names' romanisations.
        assert_eq!(compare("Oleksandr Koval", "Alexander Koval"), Same);
        assert_eq!(compare("Dmytro Shevchenko", "Dmitry Shevchenko"), Same);
        assert_eq!(compare("Andrii Melnyk", "Andrew Melnyk"), Same);
        assert_eq!(compare("Mohammed Al-Sayed", "Muhammad Al Sayed"), Same);
        assert_eq!(compare("Youssef Benali", "Yusuf Benali"), Same);
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
    fn names_in_their_own_script_match_their_romanisation() {
        assert_eq!(compare("김진우", "Jin-woo Kim"), Same);
        assert_eq!(compare("이민호", "Lee Min-ho"), Same);
        assert_eq!(compare("Олена Бондаренко", "Olena Bondarenko"), Same);
        assert_eq!(compare("Александр Петров", "Alexander Petrov"), Same);
        assert_eq!(compare("Sasha Petrov", "Aleksandr Petrov"), Same);
        assert_eq!(compare("리철호", "Chol Ho R."), Compatible, "McCune-Reischauer with the surname as an initial");
    }

    #[test]
    fn different_people_in_another_script_differ() {
        assert_eq!(compare("박지성", "Daniel Kim"), Different);
        assert_eq!(compare("Иван Сидоров", "Olena Bondarenko"), Different);
    }

    #[test]
    fn han_names_match_their_pinyin_and_are_never_called_different() {
        assert_eq!(compare("王伟", "Wei Wang"), Same);
        assert_eq!(compare("欧阳娜娜", "Nana Ouyang"), Same);
        assert_eq!(compare("佐藤陽翔", "Haruto Sato"), Incomparable, "a Japanese reading is not a mismatch");
        assert_eq!(compare("", "Jin Kim"), Incomparable);
    }
}
