//! Parsing the values pages show: dates and date ranges, numbers, language
//! lists. Lenient in what they accept, exact in what they return.

/// "March 2019", "Mar 2019", "03/2019", "2019-03", "2019" → "2019-03" /
/// "2019"; "Present", "Current", "Now" → "present".
pub fn date(text: &str) -> Option<String> {
    let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
    if t.is_empty() {
        return None;
    }
    if PRESENT.iter().any(|w| t.starts_with(w)) {
        return Some("present".into());
    }
    let words: Vec<&str> =
        t.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '/' | '-')).filter(|w| !w.is_empty()).collect();
    let year = words
        .iter()
        .find_map(|w| (w.len() == 4).then(|| w.parse::<u16>().ok()).flatten().filter(|y| (1940..=2100).contains(y)))?;
    let month = words.iter().find_map(|w| month_number(w)).or_else(|| {
        // Numeric month next to the year: "03/2019", "2019-03", "2019-03-17".
        words.iter().filter(|w| w.len() <= 2).find_map(|w| w.parse::<u8>().ok().filter(|m| (1..=12).contains(m)))
    });
    let day =
        if words.len() >= 3 && words[0].len() == 4 && month_number(words[1]).is_none() {
            // ISO "2019-03-17"
            words.get(2).and_then(|d| d.parse::<u8>().ok()).filter(|d| (1..=31).contains(d))
        } else {
            // "Apr 4, 2025" or "4 Apr 2025": a day right beside the month name.
            let at = words.iter().position(|w| month_number(w).is_some());
            at.and_then(|i| {
                [i.checked_sub(1), Some(i + 1)].into_iter().flatten().filter_map(|j| words.get(j)).find_map(|w| {
                    (w.len() <= 2).then(|| w.parse::<u8>().ok()).flatten().filter(|d| (1..=31).contains(d))
                })
            })
        };
    Some(match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    })
}

/// Like [`date`], at most to the month: "2016-05-11 08:14:02Z" → "2016-05".
pub fn month(text: &str) -> Option<String> {
    date(text).map(|d| d.chars().take(7).collect())
}

/// "Present" in the languages section headings are read in (English,
/// Spanish, French, German, Portuguese), lower-cased.
pub(crate) const PRESENT: &[&str] = &[
    "present",
    "current",
    "now",
    "today",
    "ongoing",
    "actualidad",
    "presente",
    "actual",
    "aujourd",
    "heute",
    "atual",
    "o momento",
];

/// Month names' first letters in the same languages: a word names month
/// `i + 1` when it starts with one of `MONTHS[i]` and is a month's length.
pub(crate) const MONTHS: [&[&str]; 12] = [
    &["jan", "ene", "janv"],
    &["feb", "fév", "fev"],
    &["mar", "mär"],
    &["apr", "abr", "avr"],
    &["may", "mai"],
    &["jun", "juin"],
    &["jul", "juil"],
    &["aug", "ago", "août", "aoû"],
    &["sep", "set"],
    &["oct", "okt", "out"],
    &["nov"],
    &["dec", "dic", "déc", "dez"],
];

fn month_number(word: &str) -> Option<u8> {
    let letters = word.chars().count();
    if !(3..=10).contains(&letters) || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let word = word.to_lowercase();
    MONTHS.iter().position(|names| names.iter().any(|m| word.starts_with(m))).map(|i| i as u8 + 1)
}

/// "Mar 2019 - Present · 5 yrs", "2011-2017", "2019 – 2021" → (start, end).
pub fn date_range(text: &str) -> (Option<String>, Option<String>) {
    let text = text.split('·').next().unwrap_or(text);
    // Split on a dash between two dates; a hyphen inside "2019-03" is not one.
    for sep in [" - ", " – ", " — ", " to ", "–", "—"] {
        if let Some((a, b)) = text.split_once(sep) {
            return (date(a), date(b));
        }
    }
    // "2011-2017": a hyphen between two years.
    if let Some((a, b)) = text.trim().split_once('-') {
        if a.trim().len() == 4 && b.trim().len() == 4 {
            return (date(a), date(b));
        }
    }
    (date(text), None)
}

/// The first number in `text`: "$55.00/hr" → 55, "3,200 hours" → 3200,
/// "98% Job Success" → 98, "4.9 (12 reviews)" → 4.9, "1.2k" → 1200.
pub fn number(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(rest.len());
    let digits = rest[..end].trim_end_matches(['.', ',']).replace(',', "");
    let value: f64 = digits.parse().ok()?;
    let multiplier = match rest[end..].chars().next() {
        Some('k' | 'K') => 1_000.0,
        Some('m' | 'M') if !rest[end..].to_ascii_lowercase().starts_with("mo") => 1_000_000.0,
        _ => 1.0,
    };
    Some(value * multiplier)
}

/// "English: Fluent", "Ukrainian (Native)", "Spanish - Conversational" → the language name.
pub fn language(text: &str) -> Option<String> {
    let name = text.split([':', '(', '·', '|', ',']).next()?.split(" - ").next()?.trim();
    (!name.is_empty() && name.chars().any(char::is_alphabetic)).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date("March 2019").as_deref(), Some("2019-03"));
        assert_eq!(date("Sept. 2020").as_deref(), Some("2020-09"));
        assert_eq!(date("03/2019").as_deref(), Some("2019-03"));
        assert_eq!(date("2019-03-17").as_deref(), Some("2019-03-17"));
        assert_eq!(date("May 17, 2024").as_deref(), Some("2024-05-17"));
        assert_eq!(date("17 May 2024").as_deref(), Some("2024-05-17"));
        assert_eq!(date("Feb 2022 3 years 9 months").as_deref(), Some("2022-02"));
        assert_eq!(date("2017").as_deref(), Some("2017"));
        assert_eq!(date("Present").as_deref(), Some("present"));
        assert_eq!(date("soon"), None);
        assert_eq!(date("Member since"), None);
    }

    #[test]
    fn ranges() {
        assert_eq!(date_range("Mar 2019 - Present · 5 yrs 2 mos"), (Some("2019-03".into()), Some("present".into())));
        assert_eq!(date_range("2011-2017"), (Some("2011".into()), Some("2017".into())));
        assert_eq!(date_range("January 2016 – August 2020"), (Some("2016-01".into()), Some("2020-08".into())));
        assert_eq!(date_range("2019"), (Some("2019".into()), None));
    }

    #[test]
    fn numbers() {
        assert_eq!(number("$55.00/hr"), Some(55.0));
        assert_eq!(number("3,200 Total hours"), Some(3200.0));
        assert_eq!(number("98% Job Success"), Some(98.0));
        assert_eq!(number("4.9 (12 reviews)"), Some(4.9));
        assert_eq!(number("1.2k followers"), Some(1200.0));
        assert_eq!(number("12 months"), Some(12.0));
        assert_eq!(number("none"), None);
    }

    #[test]
    fn languages() {
        assert_eq!(language("English: Fluent").as_deref(), Some("English"));
        assert_eq!(language("Ukrainian (Native)").as_deref(), Some("Ukrainian"));
        assert_eq!(language("Spanish - Conversational").as_deref(), Some("Spanish"));
    }
}
