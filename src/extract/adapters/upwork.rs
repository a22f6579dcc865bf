//! Upwork: freelancer profiles (current "air3" layout, ~2021 "up-" layout)
//! and message rooms. See `tests/fixtures/pages/SELECTORS.md`.

use super::{Adapter, EducationSpec, ReviewSpec, ThreadSpec, WorkSpec};
use crate::model::Site;

pub const PROFILE: Adapter = Adapter {
    site: Site::Upwork,
    scope: &["[data-qa-profile-viewer-uid]", "main", "body"],
    // Sidebars ("People also viewed") use the same itemprops for other people.
    name: &[r#"[itemprop="name"]"#, ".identity-content h1"],
    headline: &[
        ".title-vertical",
        r#"[data-test="freelancer-title"]"#,
        "section.up-card-section > div > div > div > h2",
    ],
    location: &[r#"[itemprop="address"]"#, r#"[itemprop="country-name"]"#, r#"[data-test="location"]"#],
    bio: &[
        r#"[data-test="truncation-text-by-chars"] .text-pre-line"#,
        ".air3-line-clamp .text-pre-line",
        ".up-line-clamp-v2 .text-pre-line",
    ],
    member_since: &["p.member-since", ".member-since"],
    photo: &["img.air3-avatar", ".cfe-ui-profile-photo img", "img.up-avatar", r#"meta[property="og:image"]"#],
    languages: &[r#"[data-test="language"]"#, ".languages li", "ul.list-unstyled > li strong"],
    skills: &["#hor-anc-id-skills .skill-name", ".skills .air3-token", ".up-skill-badge", r#"[data-test="skill"]"#],
    profile_links: &[r#"[data-test="truncation-text-by-chars"] a[href]"#],
    text_blocks: &[
        r#"[data-test="truncation-text-by-chars"]"#,
        ".air3-line-clamp .text-pre-line",
        ".up-line-clamp-v2 .text-pre-line",
    ],
    work: Some(&WorkSpec {
        items: &[r#"[data-test="employment-item"]"#, "section.up-card-section li"],
        title: &[],
        employer: &[],
        combined: Some((&["h4"], " | ")),
        dates: &[".text-light-on-inverse", ".text-muted", ".text-light"],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        // The ~2021 layout lists education and languages alike; items
        // without a school heading are skipped.
        items: &[r#"[data-test="education-item"]"#, "ul.list-unstyled > li > div"],
        school: &[r#"[data-test="education-school"]"#, "h5"],
        school_cut: None,
        degree: &[r#"[data-test="education-degree"]"#, "h5 + div"],
        dates: &[r#"[data-test="education-dates"]"#, ".text-muted"],
    }),
    reviews: Some(&ReviewSpec {
        items: &[".assignments-item"],
        reviewer: &[r#"[data-test="client-name"]"#, ".client-name"],
        date: &[".d-flex > .text-base-sm", ".d-flex > .text-muted"],
        rating: &[".air3-rating-value-text", ".up-rating-value-text"],
    }),
    stats: &[(
        "hourly_rate",
        &[".overview-card strong", r#"[data-test="hourly-rate"]"#, "h3[role=\"presentation\"] > span"],
    )],
    text_patterns: &[
        ("stat:job_success", r"(\d{1,3})%\s*Job Success"),
        ("stat:total_jobs", r"([\d,]+)\s*Total jobs"),
        ("stat:hours", r"([\d,]+)\s*Total hours"),
        ("stat:hours", r"Total hours:?\s*([\d,]+)"),
        ("member_since", r"Member since\s+([A-Za-z]+\.?\s+\d{4}|\d{4})"),
        ("time_zone", r"(\d{1,2}:\d{2}\s*[AaPp][Mm]\s*local time)"),
    ],
    thread: Some(&ThreadSpec {
        scope: &[".room-messages", r#"[data-test="room"]"#, "main", "body"],
        counterpart: &[".room-header .up-d-room-title", r#"[data-test="room-title"]"#, ".room-header h2"],
        // The room's subtitle is the job, not the freelancer's headline.
        counterpart_headline: &[],
        counterpart_photo: &[],
        counterpart_links: &[".room-header a[href]", r#"[data-test="room-title"] a[href]"#],
        items: &[".up-d-story-item"],
        author: &[r#"[data-test="story-header"] .user-name"#],
        // The message itself, not a quoted reply (`.reply-wrapper`) beside it.
        text: &[r#"[data-test="story-message"]"#],
    }),
    expected: &["name", "headline", "location"],
    ..Adapter::NONE
};
