//! Reading list files. Every reader checks the whole file first and fails
//! with the line and the reason, so that a malformed or truncated file is
//! rejected whole and the lists in force stay as they were.
//!
//! Formats: the built-in CSV (`data/sanctions/`), OFAC's `SDN.CSV` with
//! `ALT.CSV` (aliases) beside it, OpenSanctions `targets.simple.csv`, and
//! the IOC CSV `type,value,source[,confidence,expires]`.

use super::{Entry, EntryKind, Indicator, IndicatorKind, List, Marks};
use crate::normalize::contact::{email_canonical, phone_e164};
use std::collections::HashMap;
use std::fmt;

/// Why a list file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based line of the file, or 0 when the problem is the whole file.
    pub line: u64,
    pub reason: String,
    /// The file the problem is in, when it is not the one imported (the
    /// `ALT.CSV` beside an `SDN.CSV`).
    pub file: Option<String>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}, ")?;
        }
        if self.line == 0 {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "line {}: {}", self.line, self.reason)
        }
    }
}

impl std::error::Error for ImportError {}

fn err(line: u64, reason: impl Into<String>) -> ImportError {
    ImportError { line, reason: reason.into(), file: None }
}

/// Finds the quoting damage of a list file, where it is: a quoted field
/// that never ends (a file cut short, or a stray quote opening a field that
/// swallows the rest), a quoted field that runs over a line end (list files
/// have none: two stray quotes), a quote inside a quoted field that is
/// neither doubled nor its end. Lines count `\n` (CRLF files too).
fn check_quotes(text: &str) -> Result<(), ImportError> {
    let bytes = text.as_bytes();
    let (mut line, mut i) = (1u64, 0usize);
    let mut field_start = true;
    while i < bytes.len() {
        match bytes[i] {
            b'"' if field_start => {
                let opened = line;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Err(err(
                                opened,
                                "a quoted field opened here never ends: the file is cut short or has a stray quote",
                            ))
                        }
                        Some(b'\n') => {
                            return Err(err(
                                opened,
                                "a quoted field opened here runs over the end of the line: a stray quote",
                            ))
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            match bytes.get(i) {
                                None | Some(b',' | b'\n' | b'\r') => break,
                                // OFAC pads some fields after the quote ("x" ,).
                                Some(b' ') => break,
                                Some(_) => return Err(err(line, "a quote inside a quoted field: a stray quote")),
                            }
                        }
                        Some(_) => i += 1,
                    }
                }
                field_start = false;
            }
            b'\n' => {
                line += 1;
                i += 1;
                field_start = true;
            }
            b',' => {
                i += 1;
                field_start = true;
            }
            b' ' | b'\t' | b'\r' if field_start => i += 1,
            _ => {
                i += 1;
                field_start = false;
            }
        }
    }
    Ok(())
}

/// Every record of a CSV text, with its line; quoting damage (a truncated
/// file, a stray quote) is an import error at the line it starts on.
fn records(text: &str, headers: bool) -> Result<Vec<(u64, Vec<String>)>, ImportError> {
    check_quotes(text)?;
    let mut reader =
        csv::ReaderBuilder::new().has_headers(headers).comment(Some(b'#')).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut lines = LineCounter::new(text);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
            err(line, format!("not valid CSV ({e}); is the file complete?"))
        })?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        out.push((line, record.iter().map(|f| f.trim().to_string()).collect()));
    }
    Ok(out)
}

/// The line of a byte offset, counting `\n` (csv's own line numbers are
/// one short in CRLF files), for offsets that only grow.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text: text.as_bytes(), at: 0, line: 1 }
    }

    fn line_at(&mut self, byte: u64) -> u64 {
        let mut to = (byte as usize).min(self.text.len());
        // A record after a CRLF is said to start at the LF: it starts after.
        while matches!(self.text.get(to), Some(b'\r' | b'\n')) {
            to += 1;
        }
        if to >= self.at {
            self.line += memchr::memchr_iter(b'\n', &self.text[self.at..to]).count() as u64;
            self.at = to;
        }
        self.line
    }
}

fn split_list(field: &str) -> Vec<String> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "-0-").then(|| s.to_string())
}

/// What a list's remarks say of an entry: OFAC's `SDN.CSV` remarks and the
/// built-in list's notes ("DOB 14 Jun 1974; nationality Russia; Email
/// Address x@example.com; a.k.a. 'HIDDEN COBRA'; Linked To: NAME.").
struct Remarks {
    marks: Marks,
    /// Names the remarks give as a.k.a., f.k.a. or n.k.a., with that kind.
    aliases: Vec<(String, String)>,
}

fn remarks(text: &str) -> Remarks {
    let mut marks = Marks::default();
    let mut aliases = Vec::new();
    let lower = text.to_ascii_lowercase();
    for c in clauses(text, &lower, &["a.k.a.", "f.k.a.", "n.k.a."], r"(?i)^([afn]\.k\.a\.),?\s*'([^']{2,120})'") {
        aliases.push((c[2].trim().to_string(), c[1].to_ascii_lowercase()));
    }
    for c in clauses(text, &lower, &["dob"], r"(?i)^DOB\s+(?:circa\s+|approximately\s+)?([^;]{4,40})") {
        marks.birth_years.extend(years(&c[1]));
    }
    let nationality =
        r"(?i)^(?:nationality|citizen|citizenship)(?:\s+and\s+citizen)?\s+([A-Za-z ,.'-]{3,40}?)\s*(?:;|\.|$)";
    for c in clauses(text, &lower, &["nationality", "citizen"], nationality) {
        marks.countries.extend(country_code(&c[1]));
    }
    for c in clauses(text, &lower, &["email address"], r"(?i)^Email Address\s+([^\s;]+@[^\s;]+?)\.?(?:;|\s|$)") {
        marks.identifiers.extend(normalise_indicator(IndicatorKind::Email, &c[1]));
    }
    let phone = r"(?i)^(?:Phone(?: Number)?|Telephone)\s+(\+?[0-9][0-9 ()-]{6,20})";
    for c in clauses(text, &lower, &["phone", "telephone"], phone) {
        marks.identifiers.extend(normalise_indicator(IndicatorKind::Phone, &c[1]));
    }
    let wallet = r"(?i)^Digital Currency Address - [A-Z]{2,6}\s+([A-Za-z0-9]{20,100})";
    for c in clauses(text, &lower, &["digital currency address"], wallet) {
        marks.identifiers.extend(normalise_indicator(IndicatorKind::Wallet, &c[1]));
    }
    for c in clauses(text, &lower, &["linked to"], r"(?i)^Linked To:?\s+([^;]{3,120}?)\s*(?:;|\.\s|\.$|$)") {
        marks.linked.push(c[1].trim().to_string());
    }
    // Two keywords may start the same clause ("nationality and citizen",
    // "Phone" after "Telephone"): each value once, in the list's order.
    for found in [&mut marks.identifiers, &mut marks.linked] {
        let mut seen = std::collections::HashSet::new();
        found.retain(|v| seen.insert(v.clone()));
    }
    marks.countries.sort();
    marks.countries.dedup();
    marks.birth_years.sort_unstable();
    marks.birth_years.dedup();
    Remarks { marks, aliases }
}

/// The captures of `pattern` (anchored with `^`) wherever one of `keywords`
/// (lower case) starts a word of `text`. Finding the keyword first and
/// matching only there keeps reading a 15,000-entry SDN file fast: an
/// unanchored case-insensitive search of every remark is most of its cost.
/// `lower` is `text` in ASCII lower case (same byte offsets).
fn clauses<'t>(text: &'t str, lower: &str, keywords: &[&str], pattern: &'static str) -> Vec<regex_lite::Captures<'t>> {
    let re = crate::extract::regex(pattern);
    let mut starts: Vec<usize> = keywords
        .iter()
        .flat_map(|k| lower.match_indices(k).map(|(at, _)| at))
        .filter(|&at| !lower[..at].ends_with(|c: char| c.is_ascii_alphanumeric()))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts.into_iter().filter_map(|at| re.captures(&text[at..])).collect()
}

/// The four-digit years in a date or a range ("14 Jun 1974", "1970 to 1972").
fn years(text: &str) -> Vec<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (1900..=2030).contains(y))
        .collect()
}

/// "Korea, North" → "KP"; a country name or code as lists write them.
pub fn country_code(name: &str) -> Option<String> {
    let n = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let known = [
        ("korea, north", "KP"),
        ("north korea", "KP"),
        ("democratic people's republic of korea", "KP"),
        ("korea, south", "KR"),
        ("south korea", "KR"),
        ("russia", "RU"),
        ("china", "CN"),
    ];
    if let Some((_, code)) = known.iter().find(|(k, _)| *k == n) {
        return Some((*code).to_string());
    }
    if n.len() == 2 && n.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(n.to_ascii_uppercase());
    }
    crate::normalize::location::resolve(name).map(|place| place.country.to_string())
}

/// The built-in format: `id,type,name,aliases,programs,designated,country,source_url,notes`.
pub fn builtin(text: &str) -> Result<List, ImportError> {
    let mut entries = Vec::new();
    for (line, f) in records(text, true)? {
        if f.len() < 8 {
            return Err(err(line, format!("expected 9 columns, found {}", f.len())));
        }
        let kind = match f[1].as_str() {
            "individual" | "person" => EntryKind::Person,
            "entity" | "organization" | "company" => EntryKind::Entity,
            other => return Err(err(line, format!("unknown type {other:?} (individual or entity)"))),
        };
        if f[2].is_empty() {
            return Err(err(line, "empty name"));
        }
        let notes = remarks(f.get(8).map_or("", String::as_str));
        let mut marks = notes.marks;
        marks.alias_kinds = notes.aliases.into_iter().collect();
        marks.countries.extend(non_empty(&f[6]).and_then(|c| country_code(&c)));
        marks.countries.dedup();
        entries.push(Entry {
            id: f[0].clone(),
            kind,
            name: f[2].clone(),
            aliases: split_list(&f[3]),
            programs: split_list(&f[4]),
            designated: non_empty(&f[5]),
            country: non_empty(&f[6]),
            source: f[7].clone(),
            marks,
        });
    }
    if entries.is_empty() {
        return Err(err(0, "the list holds no entries"));
    }
    Ok(List {
        name: "Built-in DPRK IT-worker designations".into(),
        origin: "built in".into(),
        dated: Some("2026-11-27".into()),
        entries,
        indicators: vec![],
    })
}

/// OFAC's `SDN.CSV` (no header; `ent_num, name, type, program, …, remarks`;
/// `-0-` for empty), with `ALT.CSV` (`ent_num, alt_num, type, name, remarks`).
pub fn ofac(sdn: &str, alt: Option<&str>, origin: &str) -> Result<List, ImportError> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_num: HashMap<String, usize> = HashMap::new();
    for (line, f) in records(sdn, false)? {
        if f.len() == 1 && f[0].trim_matches(char::from(0x1a)).is_empty() {
            continue; // the end-of-file marker OFAC appends
        }
        if f.len() != 12 {
            return Err(err(line, format!("an SDN.CSV row has 12 columns, this one {}", f.len())));
        }
        if f[0].parse::<u64>().is_err() {
            return Err(err(line, format!("ent_num {:?} is not a number", f[0])));
        }
        let kind = match f[2].to_ascii_lowercase().as_str() {
            "individual" => EntryKind::Person,
            "-0-" | "" => EntryKind::Entity,
            _ => continue, // vessels and aircraft are not candidates or employers
        };
        by_num.insert(f[0].clone(), entries.len());
        let mut remarks = remarks(&f[11]);
        let remark_aliases: Vec<String> = remarks.aliases.iter().map(|(name, _)| name.clone()).collect();
        remarks.marks.alias_kinds = remarks.aliases.into_iter().collect();
        entries.push(Entry {
            id: format!("ofac-{}", f[0]),
            kind,
            name: f[1].clone(),
            aliases: remark_aliases,
            programs: f[3]
                .split(['[', ']', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty() && *p != "-0-")
                .map(str::to_string)
                .collect(),
            designated: None,
            country: None,
            source: format!("OFAC SDN list, entry {}", f[0]),
            marks: remarks.marks,
        });
    }
    if entries.is_empty() {
        return Err(err(0, "no persons or entities in SDN.CSV"));
    }
    if let Some(alt) = alt {
        let in_alt = |e: ImportError| ImportError { file: Some("ALT.CSV".into()), ..e };
        for (line, f) in records(alt, false).map_err(in_alt)? {
            if f.len() == 1 {
                continue;
            }
            if f.len() != 5 {
                return Err(in_alt(err(line, format!("an ALT.CSV row has 5 columns, this one {}", f.len()))));
            }
            if let (Some(&i), Some(name)) = (by_num.get(&f[0]), non_empty(&f[3])) {
                entries[i].aliases.push(name);
            }
        }
    }
    Ok(List { name: "OFAC SDN".into(), origin: origin.into(), dated: None, entries, indicators: vec![] })
}

/// OpenSanctions `targets.simple.csv` (with its header).
pub fn opensanctions(text: &str, origin: &str) -> Result<List, ImportError> {
    check_quotes(text)?;
    let mut lines = LineCounter::new(text);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| err(1, format!("no header row ({e})")))?.clone();
    let col =
        |name: &str| headers.iter().position(|h| h == name).ok_or_else(|| err(1, format!("missing column {name:?}")));
    let (id, schema, name, aliases) = (col("id")?, col("schema")?, col("name")?, col("aliases")?);
    let (sanctions, countries) = (col("sanctions").ok(), col("countries").ok());
    let (birth_dates, emails, phones) = (col("birth_date").ok(), col("emails").ok(), col("phones").ok());
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| err(e.position().map_or(0, |p| lines.line_at(p.byte())), format!("not valid CSV ({e})")))?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        // A row cut short (a truncated file) has fewer columns than the header.
        if record.len() != headers.len() {
            return Err(err(line, format!("a row has {} columns, the header {}", record.len(), headers.len())));
        }
        let get = |i: usize| record.get(i).unwrap_or("").trim();
        let kind = match get(schema) {
            "Person" => EntryKind::Person,
            "Organization" | "Company" | "LegalEntity" | "PublicBody" => EntryKind::Entity,
            "" => return Err(err(line, "empty schema")),
            _ => continue, // vessels, aircraft, addresses
        };
        if get(name).is_empty() {
            return Err(err(line, "empty name"));
        }
        entries.push(Entry {
            id: get(id).to_string(),
            kind,
            name: get(name).to_string(),
            aliases: split_list(get(aliases)),
            programs: sanctions.map(|i| split_list(get(i))).unwrap_or_default(),
            designated: None,
            country: countries.map(get).and_then(non_empty),
            source: format!("OpenSanctions {}", get(id)),
            marks: Marks {
                birth_years: birth_dates.map(|i| years(get(i))).unwrap_or_default(),
                countries: countries
                    .map(|i| split_list(get(i)).iter().map(|c| c.to_ascii_uppercase()).collect())
                    .unwrap_or_default(),
                identifiers: [(emails, IndicatorKind::Email), (phones, IndicatorKind::Phone)]
                    .iter()
                    .filter_map(|(col, kind)| col.map(|i| (i, *kind)))
                    .flat_map(|(i, kind)| {
                        split_list(get(i)).into_iter().filter_map(move |v| normalise_indicator(kind, &v))
                    })
                    .collect(),
                ..Marks::default()
            },
        });
    }
    if entries.is_empty() {
        return Err(err(0, "no persons or organisations in the file"));
    }
    Ok(List { name: "OpenSanctions".into(), origin: origin.into(), dated: None, entries, indicators: vec![] })
}

/// The IOC CSV: `type,value,source[,confidence,expires]` with a header.
pub fn iocs(text: &str, origin: &str) -> Result<List, ImportError> {
    let mut indicators = Vec::new();
    for (line, f) in records(text, true)? {
        if f.len() < 3 {
            return Err(err(line, format!("expected type,value,source; found {} columns", f.len())));
        }
        let kind = match f[0].to_ascii_lowercase().as_str() {
            "email" => IndicatorKind::Email,
            "domain" => IndicatorKind::Domain,
            "handle" => IndicatorKind::Handle,
            "phone" => IndicatorKind::Phone,
            "wallet" => IndicatorKind::Wallet,
            "name" => IndicatorKind::Name,
            other => {
                return Err(err(line, format!("unknown type {other:?} (email, domain, handle, phone, wallet, name)")))
            }
        };
        let value =
            normalise_indicator(kind, &f[1]).ok_or_else(|| err(line, format!("{:?} is not a valid {}", f[1], f[0])))?;
        let confidence = match f.get(3).map(String::as_str) {
            None | Some("") => None,
            Some(c) => Some(
                c.parse::<f64>()
                    .ok()
                    .filter(|c| (0.0..=1.0).contains(c))
                    .ok_or_else(|| err(line, format!("confidence {c:?} is not between 0 and 1")))?,
            ),
        };
        let expires = match f.get(4).map(String::as_str) {
            None | Some("") => None,
            Some(d) if d.len() == 10 && crate::extract::values::date(d).is_some_and(|p| p.len() == 10) => {
                Some(d.to_string())
            }
            Some(d) => return Err(err(line, format!("expires {d:?} is not a YYYY-MM-DD date"))),
        };
        indicators.push(Indicator { kind, value, source: f[2].clone(), confidence, expires });
    }
    if indicators.is_empty() {
        return Err(err(0, "the file holds no indicators"));
    }
    Ok(List { name: format!("IOC list {origin}"), origin: origin.into(), dated: None, entries: vec![], indicators })
}

/// The form indicators and page values are compared in.
pub fn normalise_indicator(kind: IndicatorKind, raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match kind {
        IndicatorKind::Email => email_canonical(raw),
        IndicatorKind::Phone => phone_e164(raw, None),
        IndicatorKind::Domain => Some(raw.trim_start_matches("www.").to_ascii_lowercase()).filter(|d| d.contains('.')),
        IndicatorKind::Handle => Some(raw.trim_start_matches('@').to_ascii_lowercase()),
        IndicatorKind::Wallet => {
            Some(raw.to_string()).filter(|w| w.len() >= 20 && w.chars().all(|c| c.is_ascii_alphanumeric()))
        }
        IndicatorKind::Name => Some(raw.to_string()),
    }
}

/// Reads a sanctions file of any supported format, telling them apart by
/// their first line; `alt` is the text of an `ALT.CSV` found beside an
/// `SDN.CSV`.
pub fn sanctions_file(text: &str, alt: Option<&str>, origin: &str) -> Result<List, ImportError> {
    let first = text.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#')).unwrap_or("");
    if first.starts_with("id,schema,name") || first.starts_with("\"id\",\"schema\"") {
        opensanctions(text, origin)
    } else if first.starts_with("id,type,name") {
        builtin(text).map(|l| List { origin: origin.into(), name: format!("Sanctions list {origin}"), ..l })
    } else if first.split(',').next().is_some_and(|n| n.trim().parse::<u64>().is_ok()) {
        ofac(text, alt, origin)
    } else {
        Err(err(
            1,
            "not a known sanctions format (OFAC SDN.CSV, OpenSanctions targets.simple.csv, or Vetter's list CSV)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_list_parses_with_its_aliases() {
        let list = builtin(super::super::BUILTIN_CSV).unwrap();
        assert!(list.entries.len() >= 14);
        let saenal = list.entries.iter().find(|e| e.name.contains("SAENAL")).unwrap();
        assert_eq!(saenal.kind, EntryKind::Entity);
        assert!(saenal.aliases.len() >= 3);
    }

    #[test]
    fn remarks_give_what_tells_an_entry_apart_and_its_aliases() {
        let list = builtin(super::super::BUILTIN_CSV).unwrap();
        let asatryan = list.entries.iter().find(|e| e.name == "ASATRYAN, Gayk").unwrap();
        assert_eq!(asatryan.marks.birth_years, [1974]);
        assert_eq!(asatryan.marks.countries, ["RU"]);
        let llc = list.entries.iter().find(|e| e.name == "ASATRYAN LIMITED LIABILITY COMPANY").unwrap();
        assert_eq!(llc.marks.linked, ["ASATRYAN, Gayk"]);
        // OFAC's remarks: DOB, nationality, e-mail, a wallet, the aliases only
        // the remarks give (with their kind), and links to other entries.
        let sdn = "1,\"LAZARUS GROUP\",-0- ,\"CYBER2] [DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'HIDDEN COBRA'; a.k.a. 'GUARDIANS OF PEACE'; f.k.a. 'WHOIS TEAM'; Linked To: RECONNAISSANCE GENERAL BUREAU.\"\n\
                   2,\"PAK, Jin Hyok\",\"individual\",\"CYBER2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1984; nationality Korea, North; Email Address jin.pak@example.com; Digital Currency Address - XBT 1KkTZqnmQRs3AkmWx2JsLYoXf5tFXSBLu8; Linked To: LAZARUS GROUP.\"\n";
        let list = ofac(sdn, None, "SDN.CSV").unwrap();
        let lazarus = &list.entries[0];
        assert_eq!(lazarus.aliases, ["HIDDEN COBRA", "GUARDIANS OF PEACE", "WHOIS TEAM"]);
        assert_eq!(lazarus.marks.alias_kinds["WHOIS TEAM"], "f.k.a.");
        assert_eq!(lazarus.marks.linked, ["RECONNAISSANCE GENERAL BUREAU"]);
        let pak = &list.entries[1];
        assert_eq!(pak.marks.birth_years, [1984]);
        assert_eq!(pak.marks.countries, ["KP"]);
        assert!(pak.marks.identifiers.contains(&"jin.pak@example.com".to_string()), "{:?}", pak.marks.identifiers);
        assert_eq!(pak.marks.identifiers.len(), 2, "{:?}", pak.marks.identifiers);
        assert_eq!(pak.marks.linked, ["LAZARUS GROUP"]);
        // "Hidden Cobra" is found now.
        let lists = crate::screening::Lists::new(vec![list]);
        assert_eq!(lists.index.search("Hidden Cobra", EntryKind::Entity).first().map(|h| h.owner.1), Some(0));
    }

    #[test]
    fn reads_ofac_sdn_with_aliases() {
        let sdn = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Havana, Cuba.\"\n\
                   53824,\"ASATRYAN, Gayk\",\"individual\",\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 14 Jun 1974.\"\n\
                   9,\"SOME SHIP\",\"vessel\",\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n\u{1a}\n";
        let alt = "53824,1001,\"aka\",\"ASATRYAN, Gaik\",-0- \n";
        let list = ofac(sdn, Some(alt), "SDN.CSV").unwrap();
        assert_eq!(list.entries.len(), 2, "vessels are skipped");
        assert_eq!(list.entries[1].aliases, vec!["ASATRYAN, Gaik"]);
        assert_eq!(list.entries[1].programs, vec!["DPRK3"]);
    }

    fn sdn_row(n: usize) -> String {
        format!("{n},\"PERSON, Number {n}\",\"individual\",\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1980.\"")
    }

    /// The damage named in issue #14, each refused with the file and the line
    /// where it is.
    #[test]
    fn damaged_list_files_are_refused_where_the_damage_is() {
        // OpenSanctions: cut in the middle of a row, or in a quoted field.
        let header = "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change";
        let row = |i: usize| {
            format!("NK-{i},Person,\"KIM, Chol {i}\",,1980,kp,,,,,,us_ofac_sdn,2024-01-01,2024-01-01,2024-01-01")
        };
        let whole = format!("{header}\n{}\n{}\n{}\n", row(1), row(2), row(3));
        assert_eq!(opensanctions(&whole, "t").unwrap().entries.len(), 3);
        let cut_in_row = &whole[..whole.len() - 30];
        assert_eq!(opensanctions(cut_in_row, "t").unwrap_err().line, 4);
        let cut_in_quote = &whole[..whole.rfind("Chol 3").unwrap()];
        let e = opensanctions(cut_in_quote, "t").unwrap_err();
        assert_eq!((e.line, e.reason.contains("never ends")), (4, true), "{e}");
        let stray = whole.replace("NK-2,Person,", "NK-2,Person,\"");
        assert_eq!(opensanctions(&stray, "t").unwrap_err().line, 3);
        // OFAC, CRLF: a short row is reported at its own line.
        let mut rows: Vec<String> = (1..=5).map(sdn_row).collect();
        rows[3] = "4,\"PERSON, Short\",\"individual\"".into();
        assert_eq!(ofac(&rows.join("\r\n"), None, "x").unwrap_err().line, 4);
        // A stray quote at line 5,001 of 6,000 is reported there, not at the end.
        let mut rows: Vec<String> = (1..=6_000).map(sdn_row).collect();
        rows[5_000] = rows[5_000].replace("\"DPRK3\"", "\"DPRK3");
        let e = ofac(&rows.join("\r\n"), None, "x").unwrap_err();
        assert_eq!(e.line, 5_001, "{e}");
        // Two stray quotes (a quoted field running over lines) are refused too.
        let mut rows: Vec<String> = (1..=20).map(sdn_row).collect();
        rows[6] = rows[6].replace("-0- ,\"DOB", "\"-0- ,\"DOB");
        rows[9] = rows[9].replace(",-0- ,", ",\"-0- ,");
        assert_eq!(ofac(&rows.join("\n"), None, "x").unwrap_err().line, 7);
        // A bad ALT.CSV is named as such.
        let alt = "1,1001,\"aka\",\"PERSON, Alias\",-0- \n2,1002,\"aka\"\n";
        let e = ofac(&(1..=3).map(sdn_row).collect::<Vec<_>>().join("\n"), Some(alt), "SDN.CSV").unwrap_err();
        assert_eq!((e.file.as_deref(), e.line), (Some("ALT.CSV"), 2));
        assert!(e.to_string().starts_with("ALT.CSV, line 2: "), "{e}");
    }

    #[test]
    fn malformed_and_truncated_files_are_refused_with_the_line() {
        let truncated =
            "53824,\"ASATRYAN, Gayk\",\"individual\",\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 14 Jun";
        assert!(ofac(truncated, None, "x").is_err());
        let short = "53824,\"ASATRYAN, Gayk\",\"individual\"\n";
        assert_eq!(ofac(short, None, "x").unwrap_err().line, 1);
        let bad_ioc = "type,value,source\nemail,a@example.com,court record\nwallet,xyz,rumour\n";
        let e = iocs(bad_ioc, "x").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.reason.contains("not a valid wallet"));
        assert!(sanctions_file("hello,world\n", None, "x").is_err());
    }

    #[test]
    fn reads_opensanctions_and_iocs() {
        let os = "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change\n\
                  NK-1,Person,Kim Se Un,KIM Se-un,,kp,,,US OFAC,,,us_ofac_sdn,,,\n\
                  NK-2,Vessel,Ship,,,,,,,,,x,,,\n";
        let list = sanctions_file(os, None, "targets.simple.csv").unwrap();
        assert_eq!(list.entries.len(), 1);
        assert_eq!(list.entries[0].aliases, vec!["KIM Se-un"]);
        let iocs = iocs(include_str!("../../data/iocs/example.csv"), "example.csv").unwrap();
        assert_eq!(iocs.indicators.iter().filter(|i| i.kind == IndicatorKind::Email).count(), 1);
    }
}
