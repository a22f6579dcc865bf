//! The profile model: what Vetter reads from one page about one candidate.
//!
//! Every extracted value carries its [`Source`] (the page element it came
//! from), so that a finding can quote its evidence. The model is versioned
//! because it is persisted by the extension and exported by the CLI.

use serde::{Deserialize, Serialize};

/// Bumped whenever a stored profile would no longer deserialize as-is.
pub const PROFILE_SCHEMA_VERSION: u32 = 1;

/// The site a page belongs to; picks the adapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    Upwork,
    Github,
    Linkedin,
    /// Any other page, read by the generic extractor.
    Generic,
}

impl Site {
    pub fn label(self) -> &'static str {
        match self {
            Site::Upwork => "Upwork",
            Site::Github => "GitHub",
            Site::Linkedin => "LinkedIn",
            Site::Generic => "Website",
        }
    }
}

/// Where in the page a value was found (a CSS selector, a JSON-LD path, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sourced {
    pub value: String,
    pub source: String,
}

impl Sourced {
    pub fn new(value: impl Into<String>, source: impl Into<String>) -> Self {
        Sourced {
            value: value.into(),
            source: source.into(),
        }
    }
}

/// One candidate profile as read from one page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub schema: u32,
    /// The page address (from the browser, or a saved page's header).
    pub url: String,
    pub site: Site,
    pub name: Option<Sourced>,
    pub handle: Option<Sourced>,
    pub headline: Option<Sourced>,
    /// Claimed location as shown on the page.
    pub location: Option<Sourced>,
    #[serde(default)]
    pub emails: Vec<Sourced>,
    /// Links to the candidate's other profiles and personal sites (absolute URLs).
    #[serde(default)]
    pub links: Vec<Sourced>,
    /// Fields the adapter expected on this kind of page but could not read.
    #[serde(default)]
    pub missing: Vec<String>,
}

impl Profile {
    pub fn empty(url: impl Into<String>, site: Site) -> Self {
        Profile {
            schema: PROFILE_SCHEMA_VERSION,
            url: url.into(),
            site,
            name: None,
            handle: None,
            headline: None,
            location: None,
            emails: Vec::new(),
            links: Vec::new(),
            missing: Vec::new(),
        }
    }

    /// True when the page yielded nothing that identifies a person.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.handle.is_none()
            && self.headline.is_none()
            && self.location.is_none()
            && self.emails.is_empty()
    }

    /// A short label for evidence and lists: "GitHub: Jin Park".
    pub fn label(&self) -> String {
        let who = self
            .name
            .as_ref()
            .or(self.handle.as_ref())
            .map(|s| s.value.as_str())
            .unwrap_or("(no name)");
        format!("{}: {}", self.site.label(), who)
    }
}

/// A message thread or note received from the candidate (for behavioural flags).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Where it came from: a file path or a page address.
    pub source: String,
    pub text: String,
}
