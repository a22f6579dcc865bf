//! The verification checklist, from the recommendations of the 2022 US
//! State/Treasury/FBI advisory on DPRK IT workers: what a hiring team does
//! before and after an offer, tracked per case (pending / done / failed).
//! Each step's wording and reason are UI strings (`check_<id>`,
//! `check_<id>_why` in `_locales`).

use crate::i18n::ui;

/// The steps, by their stored ids: video interview, ID document, education,
/// employment, shipping address, bank account, remote-desktop tools, references.
pub const ITEMS: &[&str] = &[
    "video_interview",
    "id_document",
    "education_verified",
    "employment_verified",
    "shipping_address",
    "bank_account",
    "no_remote_desktop",
    "independent_references",
];

pub fn is_item(id: &str) -> bool {
    ITEMS.contains(&id)
}

/// What to do, in the user's language.
pub fn label(id: &str) -> String {
    ui(&format!("check_{id}"))
}

/// Why it matters, in the user's language.
pub fn why(id: &str) -> String {
    ui(&format!("check_{id}_why"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_step_has_its_wording_and_reason() {
        for id in super::ITEMS {
            assert_ne!(super::label(id), format!("check_{id}"));
            assert_ne!(super::why(id), format!("check_{id}_why"));
        }
    }
}
