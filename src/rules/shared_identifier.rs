//! `SHARED_IDENTIFIER`
//!
//! ## What it does
//! Indexes every normalised identifier of every other candidate (E.164
//! phones and WhatsApp links, canonical e-mail mailboxes, including those a
//! GitHub account commits with when GitHub checks are on, Telegram, Skype
//! and Discord handles, wallet addresses, IBANs with valid check digits)
//! and flags one that also belongs to this candidate. The evidence names both
//! candidates and where each saw the identifier.
//!
//! ## Why it matters
//! Facilitators run many identities at once (one published case: 60+ US
//! identities used at 300+ companies); one phone or mailbox behind two
//! "different" candidates is among the strongest signals there is.
//!
//! ## Known false positives
//! Shared company contacts: role mailboxes (`info@`, `jobs@`) never count,
//! and a phone both candidates list beside the same employer is taken for
//! that company's switchboard.

use super::history::same_organisation;
use super::{ui, ui_with, Evidence, Finding, Severity};
use crate::model::{Message, Profile};
use crate::normalize::contact::{email_canonical, is_role_address, phone_e164};
use std::collections::HashMap;

pub const ID: &str = "SHARED_IDENTIFIER";

/// Another candidate: a label for evidence ("Jin Park (GitHub)") and their material.
pub struct OtherCandidate<'a> {
    pub label: String,
    pub profiles: &'a [Profile],
    pub messages: &'a [Message],
}

/// (normalised identifier, kind) → where it was seen.
type Seen = HashMap<(String, &'static str), Vec<Evidence>>;

fn identifiers(profiles: &[Profile], messages: &[Message]) -> Seen {
    let mut seen: Seen = HashMap::new();
    let mut add = |key: String, kind: &'static str, at: &str, field: &str, raw: &str| {
        seen.entry((key, kind)).or_default().push(Evidence {
            profile: at.into(),
            field: field.into(),
            value: raw.into(),
            note: None,
            composed: false,
        });
    };
    let telegram = crate::extract::regex(r"(?i)\b(?:t\.me/|telegram[:\s]+@?)([a-z0-9_]{5,32})\b");
    let wallet =
        crate::extract::regex(r"\b(?:bc1[ac-hj-np-z02-9]{25,60}|0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33})\b");
    let whatsapp = crate::extract::regex(r"(?i)\bwa\.me/\+?([0-9]{7,15})\b");
    let messenger = crate::extract::regex(
        r"(?i)\b(skype|discord)(?:\s*(?:id|name|tag|handle|username))?\s*[:\-]\s*@?((?:live:)?[a-z0-9][a-z0-9_.,\-]{2,31}(?:#[0-9]{4})?)",
    );
    let iban = crate::extract::regex(r"\b([A-Z]{2}[0-9]{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?)\b");
    // The regexes run only on texts that can hold a match: most bios and
    // messages mention none, and the store indexes every profile's.
    let scan = |text: &str, at: &str, field: &str, seen_add: &mut dyn FnMut(String, &'static str, &str, &str, &str)| {
        if may_name_telegram(text) {
            for c in telegram.captures_iter(text) {
                seen_add(c[1].to_ascii_lowercase(), "Telegram handle", at, field, &c[0]);
            }
        }
        if memchr::memmem::find(text.as_bytes(), b"wa.me/").is_some() {
            // A WhatsApp link is a phone number: it matches the same number written anywhere.
            for c in whatsapp.captures_iter(text) {
                seen_add(format!("+{}", &c[1]), "phone", at, field, &c[0]);
            }
        }
        if contains_ignore_case(text, b"skype") || contains_ignore_case(text, b"discord") {
            for c in messenger.captures_iter(text) {
                let kind = if c[1].eq_ignore_ascii_case("skype") { "Skype handle" } else { "Discord handle" };
                seen_add(c[2].trim_end_matches(['.', ',']).to_ascii_lowercase(), kind, at, field, &c[0]);
            }
        }
        if text.as_bytes().windows(4).any(|w| {
            w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase() && w[2].is_ascii_digit() && w[3].is_ascii_digit()
        }) {
            for c in iban.captures_iter(text) {
                let compact: String = c[1].chars().filter(|c| !c.is_whitespace()).collect();
                if iban_checksum_ok(&compact) {
                    seen_add(compact, "bank account (IBAN)", at, field, &c[0]);
                }
            }
        }
        if may_hold_wallet(text) {
            for w in wallet.find_iter(text) {
                seen_add(w.as_str().to_string(), "wallet", at, field, w.as_str());
            }
        }
    };
    for p in profiles {
        for ph in &p.phones {
            if let Some(n) = phone_e164(&ph.value, p.country.as_deref()) {
                add(n, "phone", &p.url, "phone", &ph.value);
            }
        }
        for e in &p.emails {
            if let Some(n) = email_canonical(&e.value).filter(|n| !is_role_address(n)) {
                add(n, "e-mail", &p.url, "email", &e.value);
            }
        }
        // The addresses the GitHub account commits with (GitHub checks):
        // its own, never those of other people's commits in its repositories.
        for e in p.github.iter().flat_map(|h| h.own_emails()) {
            if let Some(n) = email_canonical(e).filter(|n| !is_role_address(n)) {
                add(n, "e-mail", &p.url, "commit author", e);
            }
        }
        let mut texts: Vec<(&str, &str)> = p.messages.iter().map(|m| (m.text.as_str(), "message")).collect();
        if let Some(b) = &p.bio {
            texts.push((&b.value, "bio"));
        }
        for (text, field) in texts {
            scan(text, &p.url, field, &mut add);
        }
    }
    let country = profiles.iter().find_map(|p| p.country.as_deref());
    let message_texts = profiles
        .iter()
        .flat_map(|p| p.messages.iter().map(move |m| (m.text.as_str(), p.url.as_str())))
        .chain(messages.iter().map(|m| (m.text.as_str(), m.source.as_str())));
    for m in messages {
        scan(&m.text, &m.source, "message", &mut add);
    }
    // A phone number or e-mail given in a message is the candidate's as much
    // as one on a page.
    for (text, at) in message_texts {
        for contact in super::contact_mismatch::contacts_in_text(text, country) {
            add(contact.key, if contact.is_phone { "phone" } else { "e-mail" }, at, "message", contact.raw);
        }
    }
    seen
}

/// Messenger accounts named in the profiles' bios and messages and in
/// `messages`, as (platform, handle, where), for IOC screening.
pub(crate) fn messenger_handles(profiles: &[Profile], messages: &[Message]) -> Vec<(&'static str, String, Evidence)> {
    let mut found: Vec<(&'static str, String, Evidence)> = identifiers(profiles, messages)
        .into_iter()
        .filter_map(|((handle, kind), seen)| {
            let platform = match kind {
                "Telegram handle" => "telegram",
                "Skype handle" => "skype",
                "Discord handle" => "discord",
                _ => return None,
            };
            Some(seen.into_iter().map(move |at| (platform, handle.clone(), at)))
        })
        .flatten()
        .collect();
    found.sort_by(|a, b| (&a.2.profile, &a.2.value).cmp(&(&b.2.profile, &b.2.value)));
    found
}

fn contains_ignore_case(text: &str, word: &[u8]) -> bool {
    text.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word))
}

fn may_name_telegram(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"t.me/").is_some() || contains_ignore_case(text, b"telegram")
}

/// ISO 13616 check digits (mod 97 = 1): a real IBAN, not any code that
/// looks like one.
fn iban_checksum_ok(iban: &str) -> bool {
    if !(15..=34).contains(&iban.len()) {
        return false;
    }
    let (head, tail) = iban.split_at(4);
    let mut rest = 0u32;
    for c in tail.chars().chain(head.chars()) {
        let v = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        rest = if v < 10 { (rest * 10 + v) % 97 } else { (rest * 100 + v) % 97 };
    }
    rest == 1
}

/// Wallet addresses are runs of 34+ letters and digits.
fn may_hold_wallet(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| word.len() >= 34)
}

/// The normalised identifiers of a candidate, as index keys
/// ("phone:+14705550123"), for finding other candidates that share one.
pub fn identifier_keys(profiles: &[Profile], messages: &[Message]) -> Vec<String> {
    let mut keys: Vec<String> =
        identifiers(profiles, messages).into_keys().map(|(k, kind)| format!("{kind}:{k}")).collect();
    keys.sort();
    keys
}

/// The index keys of the e-mails a GitHub account commits with.
pub fn commit_email_keys(history: &crate::github::History) -> Vec<String> {
    history
        .own_emails()
        .into_iter()
        .filter_map(email_canonical)
        .filter(|n| !is_role_address(n))
        .map(|n| format!("e-mail:{n}"))
        .collect()
}

fn employers(profiles: &[Profile]) -> Vec<&str> {
    profiles.iter().flat_map(|p| p.work.iter().filter_map(|j| j.employer.as_deref())).collect()
}

pub fn check(profiles: &[Profile], messages: &[Message], others: &[OtherCandidate<'_>]) -> Vec<Finding> {
    if others.is_empty() {
        return Vec::new();
    }
    let mine = identifiers(profiles, messages);
    if mine.is_empty() {
        return Vec::new();
    }
    let my_employers = employers(profiles);
    let mut evidence = Vec::new();
    let mut shared_with = Vec::new();
    for other in others {
        let theirs = identifiers(other.profiles, other.messages);
        let common_employer =
            employers(other.profiles).iter().any(|e| my_employers.iter().any(|m| same_organisation(e, m)));
        for ((key, kind), here) in &mine {
            let Some(there) = theirs.get(&(key.clone(), *kind)) else { continue };
            if *kind == "phone" && common_employer {
                continue; // both list the same employer: its switchboard
            }
            let kind = kind_label(kind);
            evidence.extend(here.iter().cloned().map(|mut e| {
                e.note = Some(ui_with("ev_identifier", &[&kind, key]));
                e
            }));
            evidence.extend(there.iter().cloned().map(|mut e| {
                e.note = Some(ui_with("ev_sameIdentifier", &[&kind, &other.label]));
                e
            }));
            if !shared_with.contains(&other.label) {
                shared_with.push(other.label.clone());
            }
        }
    }
    if evidence.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        id: ID.into(),
        severity: Severity::High,
        title: ui("flag_SHARED_IDENTIFIER_title"),
        explanation: ui_with("flag_SHARED_IDENTIFIER_explain", &[&shared_with.join(", ")]),
        evidence,
        guidance: ui("flag_SHARED_IDENTIFIER_guidance"),
    }]
}

/// What kind of identifier, in the user's language. The kinds themselves
/// stay English: they are part of the index keys.
fn kind_label(kind: &str) -> String {
    ui(match kind {
        "phone" => "identifierPhone",
        "e-mail" => "identifierEmail",
        "Telegram handle" => "identifierTelegram",
        "Skype handle" => "identifierSkype",
        "Discord handle" => "identifierDiscord",
        "bank account (IBAN)" => "identifierIban",
        "wallet" => "identifierWallet",
        other => return other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Job, Site, Sourced};

    fn candidate(url: &str, name: &str, phone: &str, email: &str, employer: Option<&str>) -> Vec<Profile> {
        let mut p = Profile::empty(url, Site::Generic);
        p.name = Some(Sourced::new(name, "t"));
        p.phones.push(Sourced::new(phone, "t"));
        p.emails.push(Sourced::new(email, "t"));
        if let Some(e) = employer {
            p.work.push(Job {
                employer: Some(e.into()),
                title: None,
                start: None,
                end: None,
                source: "t".into(),
                employment: None,
            });
        }
        vec![p]
    }

    fn shared(a: &[Profile], b: &[Profile]) -> (usize, usize) {
        let other_b = [OtherCandidate { label: "B".into(), profiles: b, messages: &[] }];
        let other_a = [OtherCandidate { label: "A".into(), profiles: a, messages: &[] }];
        (check(a, &[], &other_b).len(), check(b, &[], &other_a).len())
    }

    #[test]
    fn the_same_number_in_two_formats_flags_both_candidates() {
        let a = candidate("https://a.example/", "Daniel Foster", "+1 (470) 555-0123", "dfoster@example.com", None);
        let b = candidate("https://b.example/", "Jin Park", "001 470 555 0123", "jpark@example.org", None);
        assert_eq!(shared(&a, &b), (1, 1));
    }

    #[test]
    fn a_company_switchboard_or_info_address_does_not() {
        let a = candidate("https://a.example/", "Ann Lee", "+1 470 555 0100", "info@acme.example", Some("Acme Inc"));
        let b = candidate("https://b.example/", "Bo Chan", "+1 470 555 0100", "info@acme.example", Some("ACME"));
        assert_eq!(shared(&a, &b), (0, 0));
    }

    #[test]
    fn whatsapp_skype_discord_and_bank_accounts_count_and_bad_ibans_do_not() {
        let a = candidate("https://a.example/", "Ann Lee", "+44 20 7946 0001", "ann@example.com", None);
        let b = candidate("https://b.example/", "Bo Chan", "+1 470 555 0123", "bo@example.com", None);
        let shared_with = |text: &str| {
            let msgs = [Message { source: "b.txt".into(), text: text.into() }];
            let others = [OtherCandidate { label: "Bo Chan".into(), profiles: &b, messages: &msgs }];
            let mut a2 = a.clone();
            a2[0].bio = Some(Sourced::new(
                "Skype: dev.helper77 | Discord - coder#1234 | wa.me/14705550123 | IBAN DE89 3704 0044 0532 0130 00",
                "t",
            ));
            check(&a2, &[], &others)
                .into_iter()
                .flat_map(|f| f.evidence)
                .filter_map(|e| e.note)
                .collect::<Vec<_>>()
                .join(" / ")
        };
        assert!(shared_with("ok").contains("phone number +14705550123"), "a WhatsApp link is Bo's phone");
        assert!(shared_with("skype: Dev.Helper77").contains("Skype handle dev.helper77"));
        assert!(shared_with("add me on discord: coder#1234").contains("Discord handle coder#1234"));
        assert!(shared_with("pay to DE89370400440532013000").contains("bank account (IBAN) DE89370400440532013000"));
        assert!(iban_checksum_ok("GB82WEST12345698765432"));
        assert!(!iban_checksum_ok("DE89370400440532013001"), "one digit off");
    }

    /// Issue #15: a number announced in a message ("my number changed, use
    /// … from now on") links candidates like one on a page.
    #[test]
    fn a_phone_or_e_mail_given_in_a_message_links_candidates() {
        let a = candidate("https://a.example/", "Ann Lee", "+44 7700 900123", "ann@example.com", None);
        let b = candidate("https://b.example/", "Bo Chan", "+1 470 555 0102", "bo@example.com", None);
        let msgs = [Message {
            source: "b.txt".into(),
            text: "My number changed, please use +44 7700 900 123 from now on, or ann@example.com.".into(),
        }];
        let others = [OtherCandidate { label: "Bo Chan".into(), profiles: &b, messages: &msgs }];
        let notes: Vec<String> =
            check(&a, &[], &others).into_iter().flat_map(|f| f.evidence).filter_map(|e| e.note).collect();
        let notes = notes.join(" / ");
        assert!(notes.contains("+447700900123"), "{notes}");
        assert!(notes.contains("ann@example.com"), "{notes}");
    }

    #[test]
    fn a_telegram_handle_or_wallet_in_messages_links_candidates() {
        let a = candidate("https://a.example/", "Ann Lee", "+1 470 555 0101", "ann@example.com", None);
        let b = candidate("https://b.example/", "Bo Chan", "+1 470 555 0102", "bo@example.com", None);
        let msgs = [Message { source: "b.txt".into(), text: "write me at t.me/dev_helper_77".into() }];
        let mut a2 = a.clone();
        a2[0].bio = Some(Sourced::new("Contact: telegram @dev_helper_77", "t"));
        let others = [OtherCandidate { label: "Bo Chan".into(), profiles: &b, messages: &msgs }];
        assert_eq!(check(&a2, &[], &others).len(), 1);
        assert_eq!(check(&a, &[], &others).len(), 0);
    }
}
