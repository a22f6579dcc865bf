//! Free-text locations ("Austin, TX", "Kyiv, Ukraine", "Valencia, ES") to a
//! country, with a compact GeoNames gazetteer (see `data/README.md`).
//!
//! Resolution is conservative: an ambiguous place ("Valencia" alone is in
//! Spain and Venezuela) stays unresolved, because a wrong guess would make
//! a consistent candidate look inconsistent.

use super::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

const COUNTRIES_TSV: &str = include_str!("../../data/countries.tsv");
const CITIES_TSV: &str = include_str!("../../data/cities.tsv");
const US_STATES_TSV: &str = include_str!("../../data/us_states.tsv");

/// Names people commonly use that GeoNames does not list as the country name.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("usa", "US"),
    ("united states of america", "US"),
    ("america", "US"),
    ("uk", "GB"),
    ("great britain", "GB"),
    ("britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northern ireland", "GB"),
    ("russian federation", "RU"),
    ("republic of korea", "KR"),
    ("korea", "KR"),
    ("dprk", "KP"),
    ("democratic people s republic of korea", "KP"),
    ("czech republic", "CZ"),
    ("turkiye", "TR"),
    ("uae", "AE"),
    ("viet nam", "VN"),
    ("holland", "NL"),
    ("the netherlands", "NL"),
    ("prc", "CN"),
    ("mainland china", "CN"),
    ("ivory coast", "CI"),
    ("burma", "MM"),
    ("macedonia", "MK"),
    ("swaziland", "SZ"),
    ("cape verde", "CV"),
    ("east timor", "TL"),
    ("vatican", "VA"),
];

/// Well-known exonyms and old spellings of large cities.
const CITY_ALIASES: &[(&str, &str)] = &[
    ("kiev", "kyiv"),
    ("kharkov", "kharkiv"),
    ("odessa", "odesa"),
    ("bombay", "mumbai"),
    ("calcutta", "kolkata"),
    ("madras", "chennai"),
    ("bangalore", "bengaluru"),
    ("peking", "beijing"),
    ("canton", "guangzhou"),
    ("saigon", "ho chi minh city"),
    ("hcmc", "ho chi minh city"),
    ("nyc", "new york city"),
    ("new york", "new york city"),
    ("sf", "san francisco"),
    ("la", "los angeles"),
    ("warszawa", "warsaw"),
    ("praha", "prague"),
    ("wien", "vienna"),
    ("munchen", "munich"),
    ("koln", "cologne"),
    ("lisboa", "lisbon"),
    ("roma", "rome"),
    ("milano", "milan"),
    ("moskva", "moscow"),
    ("sankt peterburg", "saint petersburg"),
    ("st petersburg", "saint petersburg"),
];

/// Words that say "no fixed place" rather than name one.
const PLACELESS: &[&str] = &["remote", "worldwide", "anywhere", "global", "earth", "online", "home"];

/// A resolved location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// ISO 3166-1 alpha-2 code.
    pub country: &'static str,
    /// The part of the text that decided it.
    pub matched: String,
}

struct Gazetteer {
    countries: HashMap<String, &'static str>,
    names: HashMap<&'static str, &'static str>,
    calling_codes: HashMap<&'static str, &'static str>,
    states: HashMap<String, &'static str>,
    /// Folded city name → (country, population), largest first.
    cities: HashMap<String, Vec<(&'static str, u64)>>,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let rows = |tsv: &'static str| tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty());
        let mut g = Gazetteer {
            countries: HashMap::new(),
            names: HashMap::new(),
            calling_codes: HashMap::new(),
            states: HashMap::new(),
            cities: HashMap::new(),
        };
        for row in rows(COUNTRIES_TSV) {
            let f: Vec<&'static str> = row.split('\t').collect();
            if let [iso2, iso3, name, code] = f[..] {
                g.countries.insert(fold(name), iso2);
                g.countries.insert(iso3.to_ascii_lowercase(), iso2);
                g.names.insert(iso2, name);
                g.calling_codes.insert(iso2, code);
            }
        }
        for (alias, iso2) in COUNTRY_ALIASES {
            g.countries.insert((*alias).to_string(), iso2);
        }
        for row in rows(US_STATES_TSV) {
            if let Some((code, name)) = row.split_once('\t') {
                g.states.insert(fold(name), code);
            }
        }
        for row in rows(CITIES_TSV) {
            let f: Vec<&'static str> = row.split('\t').collect();
            if let [name, cc, pop, _tz] = f[..] {
                let entry = g.cities.entry(fold(name)).or_default();
                entry.push((cc, pop.parse().unwrap_or(0)));
                entry.sort_by_key(|(_, p)| std::cmp::Reverse(*p));
            }
        }
        g
    })
}

/// The English short name of a country code ("PL" → "Poland").
pub fn country_name(iso2: &str) -> &'static str {
    gazetteer().names.get(iso2).copied().unwrap_or("an unknown country")
}

/// The international calling code of a country ("PL" → "48").
pub fn calling_code(iso2: &str) -> Option<&'static str> {
    gazetteer().calling_codes.get(iso2).copied()
}

/// Resolves free text to a country, or `None` when it is absent, placeless
/// ("Remote") or ambiguous.
pub fn resolve(raw: &str) -> Option<Place> {
    let g = gazetteer();
    let parts: Vec<(String, &str)> = raw
        .split([',', '/', '|', '·', '(', ')', '—', '–', ';'])
        .map(|p| (fold(p), p.trim()))
        .filter(|(f, _)| !f.is_empty() && !PLACELESS.contains(&f.as_str()))
        .collect();
    let city_country = |folded: &str| -> Option<&'static str> {
        let name = CITY_ALIASES.iter().find(|(a, _)| *a == folded).map_or(folded, |(_, c)| c);
        let found = g.cities.get(name)?;
        // Unambiguous, or one place ten times the size of any namesake.
        match found.as_slice() {
            [(cc, _)] => Some(cc),
            [(cc, p1), (_, p2), ..] if *p1 >= p2.saturating_mul(10) => Some(cc),
            _ => None,
        }
    };
    // The country is usually last ("Kyiv, Ukraine"); a US state too ("Austin, TX").
    for (folded, original) in parts.iter().rev() {
        let as_state = if original.len() == 2 && original.chars().all(|c| c.is_ascii_uppercase()) {
            g.states.values().any(|code| code == original)
        } else {
            g.states.contains_key(folded)
        };
        let as_country = g.countries.get(folded).copied().or_else(|| {
            // Two-letter codes only when written in capitals: "in" is a word, "IN" a code.
            (original.len() == 2 && original.chars().all(|c| c.is_ascii_uppercase()))
                .then(|| g.names.get_key_value(*original).map(|(k, _)| *k))
                .flatten()
        });
        let place = |cc: &'static str| Some(Place { country: cc, matched: original.to_string() });
        match (as_country, as_state) {
            // "Atlanta, Georgia" vs "Tbilisi, Georgia": the city decides.
            (Some(cc), true) => {
                let others_in_us = parts.iter().any(|(f, _)| f != folded && city_country(f) == Some("US"));
                return place(if others_in_us { "US" } else { cc });
            }
            (Some(cc), false) => return place(cc),
            (None, true) => return place("US"),
            (None, false) => {}
        }
    }
    parts.iter().find_map(|(folded, original)| {
        city_country(folded).map(|cc| Place { country: cc, matched: original.to_string() })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(raw: &str) -> Option<&'static str> {
        resolve(raw).map(|p| p.country)
    }

    #[test]
    fn resolves_common_forms() {
        assert_eq!(cc("Austin, TX"), Some("US"));
        assert_eq!(cc("Austin, United States"), Some("US"));
        assert_eq!(cc("Kyiv, Ukraine"), Some("UA"));
        assert_eq!(cc("Kiev"), Some("UA"));
        assert_eq!(cc("Warsaw, Poland"), Some("PL"));
        assert_eq!(cc("Valencia, ES"), Some("ES"));
        assert_eq!(cc("Valencia, Spain"), Some("ES"));
        assert_eq!(cc("São Paulo"), Some("BR"));
        assert_eq!(cc("Pyongyang, North Korea"), Some("KP"));
        assert_eq!(cc("Seoul"), Some("KR"));
        assert_eq!(cc("Atlanta, Georgia"), Some("US"));
        assert_eq!(cc("Tbilisi, Georgia"), Some("GE"));
    }

    #[test]
    fn ambiguous_or_placeless_stays_unresolved() {
        assert_eq!(cc("Valencia"), None);
        assert_eq!(cc("Remote"), None);
        assert_eq!(cc("Remote — EU"), None);
        assert_eq!(cc("in the cloud"), None);
        assert_eq!(cc(""), None);
    }

    #[test]
    fn names_countries() {
        assert_eq!(country_name("PL"), "Poland");
    }
}
