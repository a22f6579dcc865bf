//! Reading list files. Every reader checks the whole file first and fails
//! with the line and the reason, so that a malformed or truncated file is
//! rejected whole and the lists in force stay as they were.
//!
//! Formats: the built-in CSV (`data/sanctions/`), OFAC's `SDN.CSV` with
//! `ALT.CSV` (aliases) beside it, OpenSanctions `targets.simple.csv`, and
//! the IOC CSV `type,value,source[,confidence,expires]`.

use super::{Entry, EntryKind, Indicator, IndicatorKind, List};
use crate::normalize::contact::{email_canonical, phone_e164};
use std::collections::HashMap;
use std::fmt;

/// Why a list file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based line of the file, or 0 when the problem is the whole file.
    pub line: u64,
    pub reason: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "line {}: {}", self.line, self.reason)
        }
    }
}

impl std::error::Error for ImportError {}

fn err(line: u64, reason: impl Into<String>) -> ImportError {
    ImportError { line, reason: reason.into() }
}

/// Every record of a CSV text, with its line; a CSV error (an unterminated
/// quote in a truncated file) is an import error.
fn records(text: &str, headers: bool) -> Result<Vec<(u64, Vec<String>)>, ImportError> {
    // Quotes come in pairs (an escaped quote is doubled): an odd count
    // means a field never closed, a file cut short.
    if text.matches('"').count() % 2 == 1 {
        let line = text.rfind('"').map_or(0, |at| text[..at].lines().count() as u64);
        return Err(err(line, "a quoted field never ends: the file looks truncated"));
    }
    let mut reader =
        csv::ReaderBuilder::new().has_headers(headers).comment(Some(b'#')).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            err(line, format!("not valid CSV ({e}); is the file complete?"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        out.push((line, record.iter().map(|f| f.trim().to_string()).collect()));
    }
    Ok(out)
}

fn split_list(field: &str) -> Vec<String> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "-0-").then(|| s.to_string())
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
        entries.push(Entry {
            id: f[0].clone(),
            kind,
            name: f[2].clone(),
            aliases: split_list(&f[3]),
            programs: split_list(&f[4]),
            designated: non_empty(&f[5]),
            country: non_empty(&f[6]),
            source: f[7].clone(),
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
        entries.push(Entry {
            id: format!("ofac-{}", f[0]),
            kind,
            name: f[1].clone(),
            aliases: Vec::new(),
            programs: f[3]
                .split(['[', ']', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty() && *p != "-0-")
                .map(str::to_string)
                .collect(),
            designated: None,
            country: None,
            source: format!("OFAC SDN list, entry {}", f[0]),
        });
    }
    if entries.is_empty() {
        return Err(err(0, "no persons or entities in SDN.CSV"));
    }
    if let Some(alt) = alt {
        for (line, f) in records(alt, false)? {
            if f.len() == 1 {
                continue;
            }
            if f.len() != 5 {
                return Err(err(line, format!("an ALT.CSV row has 5 columns, this one {}", f.len())));
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
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| err(1, format!("no header row ({e})")))?.clone();
    let col =
        |name: &str| headers.iter().position(|h| h == name).ok_or_else(|| err(1, format!("missing column {name:?}")));
    let (id, schema, name, aliases) = (col("id")?, col("schema")?, col("name")?, col("aliases")?);
    let (sanctions, countries) = (col("sanctions").ok(), col("countries").ok());
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| err(e.position().map_or(0, |p| p.line()), format!("not valid CSV ({e})")))?;
        let line = record.position().map_or(0, |p| p.line());
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
