//! `WORK_HOURS_MISMATCH`
//!
//! ## What it does
//! Reads a stated time zone or working hours ("UTC+9", "GMT-5", "+09:00",
//! "9:00–17:00 CET") and compares its offset with the UTC offsets of the
//! claimed location (its city's, or every offset of its country). Fires when
//! no offset of the place is within two hours of the stated one.
//!
//! ## Why it matters
//! The advisory names assessed location and hours that do not fit the claimed
//! location, and an inability to work during business hours.
//!
//! ## Known false positives
//! Someone who deliberately works another continent's hours and says so in
//! their time zone field; summer time is allowed for.

use super::{ui, ui_with, CaseInput, Evidence, Finding, Severity};
use crate::normalize::location::{country_name, utc_offsets};

pub const ID: &str = "WORK_HOURS_MISMATCH";

/// Offsets (minutes) of the abbreviations people write, in standard time.
const ZONES: &[(&str, i32)] = &[
    ("utc", 0),
    ("gmt", 0),
    ("wet", 0),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("eet", 120),
    ("eest", 180),
    ("msk", 180),
    ("ist", 330),
    ("pkt", 300),
    ("ict", 420),
    ("wib", 420),
    ("cst", -360),
    ("est", -300),
    ("edt", -240),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
    ("jst", 540),
    ("kst", 540),
    ("aest", 600),
    ("aedt", 660),
    ("sgt", 480),
    ("hkt", 480),
    ("wat", 60),
    ("cat", 120),
    ("eat", 180),
];

/// The UTC offset a stated time zone means, in minutes.
pub fn stated_offset(text: &str) -> Option<i32> {
    let lower = text.to_ascii_lowercase();
    // "UTC+9", "GMT -05:00", "(UTC+02:00)", or an offset that starts the
    // text ("+09:00"). A sign anywhere else is not an offset: in
    // "9-5 GMT" or "10:00-18:00 UTC+3" it joins the hours of a range.
    let attached = crate::extract::regex(r"\b(?:utc|gmt)\s*([+\-\u{2212}])\s*(\d{1,2})(?::?(\d{2}))?\b");
    let leading = crate::extract::regex(r"^\s*\(?([+\-\u{2212}])(\d{1,2})(?::?(\d{2}))?\b");
    if lower.contains("utc")
        || lower.contains("gmt")
        || lower.trim_start().trim_start_matches('(').starts_with(['+', '-', '\u{2212}'])
    {
        if let Some(c) = attached
            .captures_iter(&lower)
            .chain(leading.captures(&lower))
            .find(|c| c[2].parse::<i32>().is_ok_and(|h| h <= 14))
        {
            let sign = if &c[1] == "+" { 1 } else { -1 };
            let hours: i32 = c[2].parse().ok()?;
            let minutes: i32 = c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
            return Some(sign * (hours * 60 + minutes));
        }
        if lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == "utc" || w == "gmt") {
            return Some(0);
        }
    }
    lower.split(|c: char| !c.is_ascii_alphabetic()).find_map(|w| ZONES.iter().find(|(z, _)| *z == w).map(|(_, o)| *o))
}

pub fn check(case: &CaseInput<'_>) -> Vec<Finding> {
    let mut evidence = Vec::new();
    for p in case.profiles {
        let (Some(tz), Some(loc), Some(country)) = (&p.time_zone, &p.location, &p.country) else { continue };
        let Some(stated) = stated_offset(&tz.value) else { continue };
        let place = utc_offsets(&loc.value, country);
        if place.is_empty() || place.iter().any(|o| (o - stated).abs() <= 120) {
            continue;
        }
        evidence.push(Evidence {
            profile: p.url.clone(),
            field: "time zone".into(),
            value: tz.value.clone(),
            note: Some(format!("UTC{}", fmt_offset(stated))),
            composed: false,
        });
        evidence.push(Evidence {
            profile: p.url.clone(),
            field: "location".into(),
            value: loc.value.clone(),
            note: Some(ui_with(
                "ev_utcOffsets",
                &[country_name(country), &place.iter().map(|o| fmt_offset(*o)).collect::<Vec<_>>().join("/")],
            )),
            composed: false,
        });
    }
    if evidence.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        id: ID.into(),
        severity: Severity::Medium,
        title: ui("flag_WORK_HOURS_MISMATCH_title"),
        explanation: ui("flag_WORK_HOURS_MISMATCH_explain"),
        evidence,
        guidance: ui("flag_WORK_HOURS_MISMATCH_guidance"),
    }]
}

fn fmt_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    if m % 60 == 0 {
        format!("{sign}{}", m / 60)
    } else {
        format!("{sign}{}:{:02}", m / 60, m % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Profile, Site, Sourced};

    fn run(location: &str, tz: &str) -> usize {
        let mut p = Profile::empty("https://a.example/", Site::Generic);
        p.location = Some(Sourced::new(location, "t"));
        p.country = crate::normalize::location::resolve(location).map(|pl| pl.country.to_string());
        p.time_zone = Some(Sourced::new(tz, "t"));
        check(&CaseInput { profiles: &[p], messages: &[], now_month: 0 }).len()
    }

    #[test]
    fn reads_stated_offsets() {
        assert_eq!(stated_offset("UTC+9"), Some(540));
        assert_eq!(stated_offset("(GMT -05:00) Eastern"), Some(-300));
        assert_eq!(stated_offset("Mon–Fri, 9:00–17:00 CET"), Some(60));
        assert_eq!(stated_offset("+05:30"), Some(330));
        assert_eq!(stated_offset("9:41 pm local time"), None);
        // Hour ranges written with ASCII hyphens are not offsets.
        assert_eq!(stated_offset("Mon-Fri 9:00-18:00 UTC+3"), Some(180));
        assert_eq!(stated_offset("9-5 GMT"), Some(0));
        assert_eq!(stated_offset("10-6 UTC+9"), Some(540));
        assert_eq!(stated_offset("09:00-17:00 (UTC\u{2212}05:00)"), Some(-300));
        assert_eq!(stated_offset("(+02:00) Kyiv"), Some(120));
    }

    #[test]
    fn consistent_hours_written_with_ranges_do_not_fire() {
        assert_eq!(run("Moscow, Russia", "Mon-Fri 9:00-18:00 UTC+3"), 0);
        assert_eq!(run("London, United Kingdom", "9-5 GMT"), 0);
        assert_eq!(run("Seoul, South Korea", "10-6 UTC+9"), 0);
        // Controls: the places resolve, so a real mismatch still fires.
        assert_eq!(run("Seoul, South Korea", "10-6 UTC-5"), 1);
        assert_eq!(run("Moscow, Russia", "Mon-Fri 9:00-18:00 UTC-8"), 1);
        assert_eq!(run("London, United Kingdom", "9-5 GMT+8"), 1);
    }

    #[test]
    fn fires_when_hours_are_far_from_the_place() {
        assert_eq!(run("New York, United States", "UTC+9"), 1);
        assert_eq!(run("Warsaw, Poland", "UTC-8"), 1);
    }

    #[test]
    fn silent_for_summer_time_neighbours_and_big_countries() {
        assert_eq!(run("Warsaw, Poland", "UTC+2"), 0, "summer time");
        assert_eq!(run("Austin, United States", "PST"), 0, "the US spans -5..-8 and more");
        assert_eq!(run("Gdańsk, Poland", "Mon–Fri, 9:00–17:00 CET"), 0);
    }
}
