//! PeoplePerHour freelancer profiles, current and ~2018-2021 layouts. See
//! `tests/fixtures/pages/peopleperhour/SELECTORS.md`.

use super::{Adapter, ReviewSpec};
use crate::model::Site;

const REVIEWS: ReviewSpec = ReviewSpec {
    items: &["li.item.participant.feedback"],
    reviewer: &["h6.participant-name"],
    date: &["time.message-time"],
    // Stars are drawn: the rating is the number of lit ones.
    rating: &["count:.feedback-rating span.active"],
};

/// "Member since", "Projects worked on"… in the member-stats widget.
const STATS: &[(&str, &str, &str)] = &[
    ("member_since", "Member since", ".memberStats-item"),
    ("stat:total_jobs", "Projects worked on", ".memberStats-item"),
    ("stat:rating", "Rating", ".memberStats-item"),
    ("stat:reviews", "Reviews", ".memberStats-item"),
];

pub const CURRENT: Adapter = Adapter {
    site: Site::Peopleperhour,
    detect: &[".member-summary", "div.member-name"],
    scope: &["#member-profile", "body"],
    name: &["div.member-name h1"],
    headline: &["p.member-job"],
    location: &["div.member-location p"],
    photo: &["div.user-avatar img"],
    bio: &["span.js-about-full-text", ".about-container"],
    skills: &["div.skill-tags a.tag-item"],
    profile_links: &[".about-container a[href]", ".member-links a[href]"],
    text_blocks: &["span.js-about-full-text"],
    reviews: Some(&REVIEWS),
    stats: &[
        ("rating", &["div.total-rating"]),
        ("reviews", &["div.total-reviews"]),
        ("hourly_rate", &["span.member-cost > div"]),
    ],
    labelled: STATS,
    expected: &["name", "location"],
    ..Adapter::NONE
};

pub const LEGACY: Adapter = Adapter {
    site: Site::Peopleperhour,
    detect: &["div.details h1"],
    scope: &["body"],
    // The title and the place are <p>s inside the heading.
    name: &["div.details h1@own"],
    headline: &["div.details h1 p.member-title"],
    location: &["div.details h1 p.member-locality"],
    photo: &[".member-photo img"],
    bio: &[".widget-about .about-text"],
    skills: &["div.widget-tag-list a"],
    profile_links: &[".widget-about a[href]"],
    text_blocks: &[".widget-about .about-text"],
    reviews: Some(&REVIEWS),
    stats: &[("hourly_rate", &[".member-rate .rate-value"])],
    labelled: STATS,
    expected: &["name", "location"],
    ..Adapter::NONE
};
