//! Phone numbers and e-mail addresses in a comparable form.
//!
//! Phones become E.164 (`+14705550123`) with the GeoNames calling-code
//! table: enough to compare numbers written differently and to say which
//! country a number belongs to, at a fraction of the size of a full
//! libphonenumber port (see `../shared/data-packages.md`). A number written
//! without its country code is resolved only when the profile's country is
//! known, and otherwise left alone rather than guessed.

use super::location;

/// `"+1 (470) 555-0123"` → `"+14705550123"`. `default_country` (ISO-2)
/// gives the country code for numbers written without one.
pub fn phone_e164(raw: &str, default_country: Option<&str>) -> Option<String> {
    let trimmed = raw.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if !(7..=15).contains(&digits.len()) {
        return None;
    }
    if trimmed.starts_with('+') {
        return Some(format!("+{digits}"));
    }
    if let Some(international) = digits.strip_prefix("00") {
        return Some(format!("+{international}"));
    }
    let code = location::calling_code(default_country?)?;
    // National numbers drop their trunk prefix ("0") after the country code.
    let national =
        if code == "1" { digits.strip_prefix('1').unwrap_or(&digits) } else { digits.trim_start_matches('0') };
    Some(format!("+{code}{national}"))
}

/// The countries an E.164 number can belong to (several share `+1` and `+7`).
pub fn phone_countries(e164: &str) -> Vec<&'static str> {
    let digits = e164.trim_start_matches('+');
    // Calling codes are prefix-free: the longest matching prefix is the code.
    (1..=4)
        .rev()
        .find_map(|len| {
            let prefix = digits.get(..len)?;
            let found = location::countries_with_calling_code(prefix);
            (!found.is_empty()).then_some(found)
        })
        .unwrap_or_default()
}

/// The mailbox an address reaches: lower-cased, and for Gmail without dots
/// and `+tags` (`J.Doe+jobs@GMail.com` → `jdoe@gmail.com`).
pub fn email_canonical(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_start_matches("mailto:").to_ascii_lowercase();
    let (local, domain) = raw.rsplit_once('@')?;
    if local.is_empty() || !domain.contains('.') {
        return None;
    }
    let domain = if domain == "googlemail.com" { "gmail.com" } else { domain };
    let local = match domain {
        "gmail.com" => local.split('+').next().unwrap_or(local).replace('.', ""),
        "outlook.com" | "hotmail.com" | "live.com" | "yahoo.com" | "proton.me" | "protonmail.com" | "icloud.com" => {
            local.split('+').next().unwrap_or(local).to_string()
        }
        _ => local.to_string(),
    };
    Some(format!("{local}@{domain}"))
}

/// Shared role mailboxes (`info@`, `jobs@`) name a company, not a person.
pub fn is_role_address(email: &str) -> bool {
    const ROLES: &[&str] = &[
        "info",
        "contact",
        "hello",
        "hr",
        "jobs",
        "careers",
        "office",
        "admin",
        "support",
        "sales",
        "team",
        "mail",
        "enquiries",
        "inquiries",
        "recruiting",
        "noreply",
        "no-reply",
    ];
    email.split('@').next().is_some_and(|local| ROLES.contains(&local))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_written_differently_agree() {
        let a = phone_e164("+1 (470) 555-0123", None);
        assert_eq!(a.as_deref(), Some("+14705550123"));
        assert_eq!(phone_e164("001-470-555-0123", None), a);
        assert_eq!(phone_e164("(470) 555-0123", Some("US")), a);
        assert_eq!(phone_e164("0501 234 567", Some("UA")).as_deref(), Some("+380501234567"));
        assert_eq!(phone_e164("555 0123", None), None, "too short");
        assert_eq!(phone_e164("0501 234 567", None), None, "no country to resolve it");
    }

    #[test]
    fn numbers_name_their_countries() {
        assert_eq!(phone_countries("+48555010123"), vec!["PL"]);
        assert!(phone_countries("+14705550123").contains(&"US"));
        assert!(phone_countries("+14705550123").contains(&"CA"));
        assert_eq!(phone_countries("+380501234567"), vec!["UA"]);
        assert_eq!(phone_countries("+850123456789"), vec!["KP"]);
    }

    #[test]
    fn emails_reach_the_same_mailbox() {
        assert_eq!(email_canonical("J.Doe+jobs@GMail.com").as_deref(), Some("jdoe@gmail.com"));
        assert_eq!(email_canonical("j.doe@example.com").as_deref(), Some("j.doe@example.com"));
        assert!(is_role_address("info@acme.example"));
        assert!(!is_role_address("jane@acme.example"));
    }
}
