//! The profile model: what Vetter reads from one page about one candidate.
//!
//! Every extracted value carries its [`Source`] (the page element it came
//! from), so that a finding can quote its evidence. The model is versioned
//! because it is persisted by the extension and exported by the CLI.

use serde::{Deserialize, Serialize};

/// The profile model's version. 2 added everything after `links`; stored
/// version-1 profiles still load (the new fields default to empty) and are
/// refreshed the next time their page is read.
pub const PROFILE_SCHEMA_VERSION: u32 = 2;

/// The site a page belongs to; picks the adapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    Upwork,
    Freelancer,
    Fiverr,
    Toptal,
    Linkedin,
    Github,
    Indeed,
    Wellfound,
    Stackoverflow,
    Guru,
    Peopleperhour,
    /// Any other page, read by the generic extractor.
    Generic,
}

impl Site {
    pub fn label(self) -> &'static str {
        match self {
            Site::Upwork => "Upwork",
            Site::Freelancer => "Freelancer",
            Site::Fiverr => "Fiverr",
            Site::Toptal => "Toptal",
            Site::Linkedin => "LinkedIn",
            Site::Github => "GitHub",
            Site::Indeed => "Indeed",
            Site::Wellfound => "Wellfound",
            Site::Stackoverflow => "Stack Overflow",
            Site::Guru => "Guru",
            Site::Peopleperhour => "PeoplePerHour",
            Site::Generic => "Website",
        }
    }
}

/// What a page shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// One candidate's profile.
    #[default]
    Profile,
    /// A message thread with the candidate.
    Thread,
    /// No single candidate (search results, a site page).
    None,
}

/// Why a page gave no profile although it was read: the site showed
/// something else where the profile should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unread {
    /// A sign-in or sign-up wall instead of the profile.
    SignInWall,
    /// The site says the profile does not exist or is not visible.
    NotFound,
    /// A rate limit, captcha or bot check.
    Challenge,
    /// Search results or a list of people, not one person's profile.
    List,
    /// An empty page: the site had not drawn the profile yet.
    Empty,
}

impl Unread {
    /// A short stable key (CLI output, tests).
    pub fn key(self) -> &'static str {
        match self {
            Unread::SignInWall => "signin",
            Unread::NotFound => "notfound",
            Unread::Challenge => "ratelimit",
            Unread::List => "list",
            Unread::Empty => "empty",
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
        Sourced { value: value.into(), source: source.into() }
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
    #[serde(default)]
    pub kind: PageKind,
    /// Why nothing was read, when the site showed a wall, an error or a
    /// list instead of a profile (`kind` is then `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unread: Option<Unread>,
    /// ISO 3166-1 alpha-2 country the location names, when it names one.
    #[serde(default)]
    pub country: Option<String>,
    /// Time zone, local time or working hours, as shown.
    #[serde(default)]
    pub time_zone: Option<Sourced>,
    #[serde(default)]
    pub languages: Vec<Sourced>,
    /// Phone numbers as shown.
    #[serde(default)]
    pub phones: Vec<Sourced>,
    /// The profile photo's address.
    #[serde(default)]
    pub photo: Option<Sourced>,
    #[serde(default)]
    pub work: Vec<Job>,
    #[serde(default)]
    pub education: Vec<Schooling>,
    #[serde(default)]
    pub skills: Vec<String>,
    /// "YYYY-MM" or "YYYY".
    #[serde(default)]
    pub member_since: Option<Sourced>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Figures the site shows: `total_jobs`, `job_success`, `hours`,
    /// `rating`, `reviews`, `hourly_rate`, `bids`, `bids_won`, `reputation`…
    #[serde(default)]
    pub stats: std::collections::BTreeMap<String, Stat>,
    /// About / overview / bio text.
    #[serde(default)]
    pub bio: Option<Sourced>,
    /// Messages of a thread page.
    #[serde(default)]
    pub messages: Vec<ThreadMessage>,
    /// Content metrics of a personal/portfolio site.
    #[serde(default)]
    pub portfolio: Option<PortfolioMetrics>,
    /// A GitHub account's public history, when the user turned GitHub
    /// checks on and it was fetched (issue #17).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github: Option<crate::github::History>,
}

/// A position in a work history. Dates are "YYYY-MM", "YYYY" or "present".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub employer: Option<String>,
    pub title: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub source: String,
    /// The kind of employment as the page shows it ("Full-time",
    /// "Part-time", "Freelance"), when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment: Option<String>,
}

/// An entry of an education history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schooling {
    pub school: String,
    pub degree: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub source: String,
}

/// A client review. `date` is "YYYY-MM-DD", "YYYY-MM" or "YYYY".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub reviewer: Option<String>,
    pub date: Option<String>,
    /// Stars out of 5.
    pub rating: Option<f64>,
    pub source: String,
}

/// A figure shown on a profile, with where it was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    pub value: f64,
    pub source: String,
}

/// One message of a thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadMessage {
    pub author: Option<String>,
    pub text: String,
    pub source: String,
}

/// What `SIMPLE_PORTFOLIO` needs to know about a personal site.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioMetrics {
    /// Words of visible text.
    pub words: u32,
    /// Project cards or items shown.
    pub projects: u32,
    /// Of those, how many link to an outside project (repository, live site).
    pub project_links: u32,
    /// The site builder or template that made the page (`meta generator`, builder markup).
    pub generator: Option<String>,
    /// Placeholder text found ("lorem ipsum", "Your Name").
    pub placeholders: Vec<String>,
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
            kind: PageKind::Profile,
            unread: None,
            country: None,
            time_zone: None,
            languages: Vec::new(),
            phones: Vec::new(),
            photo: None,
            work: Vec::new(),
            education: Vec::new(),
            skills: Vec::new(),
            member_since: None,
            reviews: Vec::new(),
            stats: Default::default(),
            bio: None,
            messages: Vec::new(),
            portfolio: None,
            github: None,
        }
    }

    /// True when the page yielded nothing that identifies a person or
    /// carries their words.
    pub fn is_empty(&self) -> bool {
        self.kind == PageKind::None
            || (self.name.is_none()
                && self.handle.is_none()
                && self.headline.is_none()
                && self.location.is_none()
                && self.emails.is_empty()
                && self.phones.is_empty()
                && self.messages.is_empty())
    }

    /// A short label for evidence and lists: "GitHub: Jin Park".
    pub fn label(&self) -> String {
        let who = self.name.as_ref().or(self.handle.as_ref()).map(|s| s.value.as_str()).unwrap_or("(no name)");
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
