//! The UI strings of what Rust renders (panel, dossier), from the
//! extension's `_locales/<lang>/messages.json`: the same catalogue the
//! scripts read through `chrome.i18n`. Natively the English file is
//! compiled in; the browser hands the wasm core the user's language as the
//! `messages.json` dataset (see [`crate::data`]).

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Deserialize)]
struct Entry {
    message: String,
    #[serde(default)]
    placeholders: HashMap<String, Placeholder>,
}

#[derive(Deserialize)]
struct Placeholder {
    content: String,
}

type Catalogue = HashMap<String, String>;

/// Messages with their named placeholders ($NAME$) already turned into
/// positions ($1), as chrome.i18n does.
fn catalogue() -> Arc<Catalogue> {
    static SLOT: Mutex<Option<(usize, Arc<Catalogue>)>> = Mutex::new(None);
    crate::data::derived(&SLOT, crate::data::MESSAGES, |text| {
        let entries: HashMap<String, Entry> = text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
        entries
            .into_iter()
            .map(|(key, e)| {
                let mut message = e.message;
                for (name, p) in &e.placeholders {
                    message = message.replace(&format!("${}$", name.to_uppercase()), &p.content);
                }
                (key, message)
            })
            .collect()
    })
}

/// The message `key` with `$1`, `$2`… replaced by `args`; when the catalogue
/// lacks it (not loaded yet; a test checks no key is missing), the key and
/// the arguments, so that nothing they say is lost.
pub fn ui_with(key: &str, args: &[&str]) -> String {
    let catalogue = catalogue();
    let Some(message) = catalogue.get(key) else {
        return if args.is_empty() { key.to_string() } else { format!("{key}: {}", args.join(", ")) };
    };
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('$', Some(d)) if d.is_ascii_digit() => {
                let n = d.to_digit(10).unwrap_or(0) as usize;
                chars.next();
                out.push_str(args.get(n.wrapping_sub(1)).copied().unwrap_or(""));
            }
            ('$', Some('$')) => {
                chars.next();
                out.push('$');
            }
            _ => out.push(c),
        }
    }
    out
}

pub fn ui(key: &str) -> String {
    ui_with(key, &[])
}

/// Why a flag matters, in a line (`flag_<ID>_why`); `None` for a flag the
/// catalogue does not explain (a test requires every flag to have one).
pub fn why_it_matters(flag: &str) -> Option<String> {
    let key = format!("flag_{flag}_why");
    catalogue().contains_key(&key).then(|| ui_with("whyMatters", &[&ui(&key)]))
}

/// Why a page gave nothing to read ("LinkedIn shows a sign-in wall:
/// nothing was read"), for a page the site showed something else on.
pub fn unread_reason(profile: &crate::model::Profile) -> Option<String> {
    use crate::model::Unread;
    let key = match profile.unread? {
        Unread::SignInWall => "unreadSignInWall",
        Unread::NotFound => "unreadNotFound",
        Unread::Challenge => "unreadChallenge",
        Unread::List => "unreadList",
        Unread::Empty => "unreadEmpty",
    };
    Some(ui_with(key, &[profile.site.label()]))
}

/// A severity or risk level ("high") in the user's language.
pub fn level_label(level: &str) -> String {
    ui(match level {
        "none" => "level_none",
        "info" => "level_info",
        "low" => "level_low",
        "medium" => "level_medium",
        "high" => "level_high",
        "critical" => "level_critical",
        other => return other.to_string(),
    })
}

/// The label of an evidence field ("time zone" → "Time zone"). Fields stay
/// English identifiers in the data (reports' JSON, the CLI); only what is
/// shown is translated. Unknown fields are shown as they are.
pub fn field_label(field: &str) -> String {
    ui(match field {
        "name" => "fieldName",
        "handle" => "fieldHandle",
        "headline" => "fieldHeadline",
        "location" => "fieldLocation",
        "email" => "fieldEmail",
        "e-mail domain" => "fieldEmailDomain",
        "phone" => "fieldPhone",
        "work" => "fieldWork",
        "education" => "fieldEducation",
        "message" => "fieldMessage",
        "bio" => "fieldBio",
        "photo" => "fieldPhoto",
        "time zone" => "fieldTimeZone",
        "portfolio" => "fieldPortfolio",
        "bids" => "fieldBids",
        "reviews" => "fieldReviews",
        "experience" => "fieldExperience",
        "employer" => "fieldEmployer",
        "company in message" => "fieldCompanyInMessage",
        "wallet in message" => "fieldWalletInMessage",
        "link" => "fieldLink",
        "page" => "page",
        other => return other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_come_from_the_catalogue_with_their_placeholders() {
        assert_eq!(ui("panelNoProfile"), "No candidate profile was read on this page.");
        assert_eq!(ui_with("badgeText", &["high", "70"]), "Vetter · high · 70/100");
        assert_eq!(ui("noSuchKey"), "noSuchKey");
        assert_eq!(ui_with("noSuchKey", &["junk.html", "2"]), "noSuchKey: junk.html, 2");
    }
}
