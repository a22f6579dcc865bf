//! Free-text locations ("Austin, TX", "Kyiv, Ukraine", "Valencia, ES") to a
//! country, with a compact GeoNames gazetteer (see `data/README.md`).
//!
//! Resolution is conservative: an ambiguous place ("Valencia" alone is in
//! Spain and Venezuela) stays unresolved, because a wrong guess would make
//! a consistent candidate look inconsistent.

use super::fold;
use std::collections::HashMap;

// Countries and US states are small and always compiled in; the city list
// is a runtime dataset in the browser (see `crate::data`).
const COUNTRIES_TSV: &str = include_str!("../../data/countries.tsv");
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
    /// Folded city name → (country, population, UTC offsets in January and
    /// July in minutes), largest first.
    cities: HashMap<String, Vec<City>>,
    /// Country → the UTC offsets (minutes, winter and summer) of its cities.
    offsets: HashMap<&'static str, Vec<i32>>,
    /// Whether the city dataset was available when this was built.
    has_cities: bool,
}

#[derive(Clone, Copy)]
struct City {
    country: &'static str,
    population: u64,
    offsets: [i32; 2],
}

fn gazetteer() -> std::sync::Arc<Gazetteer> {
    // Rebuilt once when the city dataset arrives (the browser loads it at start).
    static G: std::sync::RwLock<Option<std::sync::Arc<Gazetteer>>> = std::sync::RwLock::new(None);
    if let Some(g) = G.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
        if g.has_cities || crate::data::text(crate::data::CITIES).is_none() {
            return g.clone();
        }
    }
    let built = std::sync::Arc::new(build());
    *G.write().unwrap_or_else(|e| e.into_inner()) = Some(built.clone());
    built
}

fn build() -> Gazetteer {
    let rows = |tsv: &'static str| tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty());
    let mut g = Gazetteer {
        countries: HashMap::new(),
        names: HashMap::new(),
        calling_codes: HashMap::new(),
        states: HashMap::new(),
        cities: HashMap::new(),
        offsets: HashMap::new(),
        has_cities: false,
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
    if let Some(cities) = crate::data::text(crate::data::CITIES) {
        g.has_cities = true;
        for row in crate::data::rows(&cities) {
            let f: Vec<&str> = row.split('\t').collect();
            let [name, cc, pop, _tz, jan, jul] = f[..] else { continue };
            // The country code must be one we know, so it can be 'static.
            let Some((&country, _)) = g.names.get_key_value(cc) else { continue };
            let offsets = [jan.parse().unwrap_or(0), jul.parse().unwrap_or(0)];
            let entry = g.cities.entry(fold(name)).or_default();
            entry.push(City { country, population: pop.parse().unwrap_or(0), offsets });
            entry.sort_by_key(|c| std::cmp::Reverse(c.population));
            let known = g.offsets.entry(country).or_default();
            for o in offsets {
                if !known.contains(&o) {
                    known.push(o);
                }
            }
        }
    }
    g
}

/// The English short name of a country code ("PL" → "Poland").
pub fn country_name(iso2: &str) -> &'static str {
    gazetteer().names.get(iso2).copied().unwrap_or("an unknown country")
}

/// The international calling code of a country ("PL" → "48").
pub fn calling_code(iso2: &str) -> Option<&'static str> {
    gazetteer().calling_codes.get(iso2).copied()
}

/// Every country with this calling code ("1" → US, CA, and the Caribbean).
pub fn countries_with_calling_code(code: &str) -> Vec<&'static str> {
    let g = gazetteer();
    let mut found: Vec<&'static str> = g.calling_codes.iter().filter(|(_, c)| **c == code).map(|(cc, _)| *cc).collect();
    found.sort_unstable();
    found
}

/// Resolves free text to a country, or `None` when it is absent, placeless
/// ("Remote") or ambiguous.
pub fn resolve(raw: &str) -> Option<Place> {
    let g = gazetteer();
    let g = &*g;
    let parts: Vec<(String, &str)> = raw
        .split([',', '/', '|', '·', '(', ')', '—', '–', ';'])
        .map(|p| (fold(p), p.trim()))
        .filter(|(f, _)| !f.is_empty() && !PLACELESS.contains(&f.as_str()))
        .collect();
    let city_country = |folded: &str| -> Option<&'static str> { city(g, folded).map(|c| c.country) };
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

/// The city a folded name means: unambiguous, or one place ten times the
/// size of any namesake.
fn city(g: &Gazetteer, folded: &str) -> Option<City> {
    let name = CITY_ALIASES.iter().find(|(a, _)| *a == folded).map_or(folded, |(_, c)| c);
    match g.cities.get(name)?.as_slice() {
        [one] => Some(*one),
        [first, second, ..] if first.population >= second.population.saturating_mul(10) => Some(*first),
        _ => None,
    }
}

/// The UTC offsets (minutes; winter and summer time) a location can have:
/// its city's when the text names a known city of that country, else every
/// offset of the country's cities. Empty when unknown.
pub fn utc_offsets(raw: &str, country: &str) -> Vec<i32> {
    let g = gazetteer();
    let from_city =
        raw.split([',', '/', '|', '(', ')']).find_map(|part| city(&g, &fold(part)).filter(|c| c.country == country));
    match from_city {
        Some(c) => c.offsets.to_vec(),
        None => g.offsets.get(country).cloned().unwrap_or_default(),
    }
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
    fn offsets_come_from_the_city_or_the_country() {
        assert_eq!(utc_offsets("Warsaw, Poland", "PL"), vec![60, 120]);
        assert_eq!(utc_offsets("Seoul", "KR"), vec![540, 540]);
        let us = utc_offsets("United States", "US");
        assert!(us.contains(&-300) && us.contains(&-480), "{us:?}");
    }

    #[test]
    fn names_countries() {
        assert_eq!(country_name("PL"), "Poland");
    }
}
