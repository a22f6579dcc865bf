//! Freelancer.com user profiles: the Angular app (2021-2025) and the older
//! server-rendered page. See `tests/fixtures/pages/freelancer/SELECTORS.md`.

use super::{Adapter, EducationSpec, ReviewSpec, WorkSpec};
use crate::model::Site;

pub const APP: Adapter = Adapter {
    site: Site::Freelancer,
    detect: &["app-user-profile"],
    scope: &["app-user-profile", "body"],
    name: &["app-user-profile-summary-name .DisplayName h3", "app-user-profile-summary-name h3"],
    handle: &["app-user-profile-summary-name .Username"],
    headline: &["app-user-profile-summary-tagline h2"],
    location: &["app-user-profile-summary-information .SupplementaryInfo .Location", "fl-flag img[title]@title"],
    time_zone: &["app-user-profile-summary-information .LocalTime"],
    bio: &["app-user-profile-summary-description-redesign > div", "app-user-profile-summary-description div"],
    photo: &[".ProfileAvatar img.ProfileImage", "fl-user-avatar img"],
    skills: &["app-user-profile-skills .UserProfileSkill a", ".UserProfileSkill"],
    text_blocks: &["app-user-profile-summary-description-redesign", "app-user-profile-summary-description"],
    work: Some(&WorkSpec {
        items: &["app-user-profile-experiences .ExperienceItem"],
        title: &["h3.Title", ".Title"],
        employer: &[".Company"],
        dates: &[".Dates"],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &["app-user-profile-educations .EducationItem"],
        school: &[".School"],
        school_cut: None,
        degree: &[".Degree h3", ".Degree"],
        dates: &[".Dates"],
    }),
    reviews: Some(&ReviewSpec {
        items: &["app-user-profile-reviews fl-review-card", "fl-review-card"],
        reviewer: &[".Reviewer a.ReviewerLink", ".Reviewer"],
        date: &["fl-relative-time .NativeElement", "fl-relative-time"],
        rating: &["fl-rating .ValueText"],
    }),
    stats: &[
        ("hourly_rate", &["app-user-profile-summary-information .HourlyRate"]),
        ("rating", &["app-user-profile-summary-rating fl-rating .ValueText"]),
        ("reviews", &["app-user-profile-summary-rating .ReviewCount"]),
    ],
    text_patterns: &[("member_since", r"Joined\s+([A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|[A-Za-z]+\.?\s+\d{4}|\d{4})")],
    expected: &["name", "headline", "location"],
    ..Adapter::NONE
};

pub const LEGACY: Adapter = Adapter {
    site: Site::Freelancer,
    detect: &[".profile-intro-username"],
    scope: &["body"],
    name: &["h1.profile-intro-username@own", "h2.profile-intro-username@own"],
    handle: &[".profile-intro-handle"],
    headline: &[".profile-user-byline"],
    location: &[".profile-location", r#"span[itemprop="addressLocality"]"#, ".PageProfile-info-locality"],
    bio: &[".profile-about-description", ".profile-about p"],
    photo: &[".profile-avatar img", "img.profile-avatar-image"],
    skills: &["#skills .VerificationsList-label a", "#skills a"],
    text_blocks: &[".profile-about-description", ".profile-about"],
    work: Some(&WorkSpec {
        items: &[".profile-experience .profile-experience-item"],
        title: &[".profile-experience-title"],
        employer: &[".profile-experience-company"],
        dates: &[".profile-experience-dates"],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &[".profile-education .profile-experience-item"],
        school: &[".profile-experience-company"],
        school_cut: None,
        degree: &[".profile-experience-title"],
        dates: &[".profile-experience-dates"],
    }),
    reviews: Some(&ReviewSpec {
        items: &["#profile-reviews .user-review", ".user-review"],
        reviewer: &[".user-review-reviewer", ".user-review-controls a"],
        date: &[".user-review-date", "time"],
        rating: &[".Rating@data-star_rating", r#"[itemprop="ratingValue"]@content"#, ".user-review-rating"],
    }),
    stats: &[
        ("rating", &[r#"meta[itemprop="ratingValue"]@content"#]),
        ("reviews", &[r#"meta[itemprop="reviewCount"]@content"#]),
        ("hourly_rate", &[".profile-hourly-rate"]),
    ],
    text_patterns: &[(
        "member_since",
        r"(?:Member since|Joined)\s+([A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|[A-Za-z]+\.?\s+\d{4}|\d{4})",
    )],
    expected: &["name", "location"],
    ..Adapter::NONE
};
