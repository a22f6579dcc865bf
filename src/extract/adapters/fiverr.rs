//! Fiverr seller profiles: the current seller card and the 2015-2017
//! `itemprop` layout. See `tests/fixtures/pages/fiverr/SELECTORS.md`.

use super::{Adapter, EducationSpec, ReviewSpec};
use crate::model::Site;

pub const SELLER: Adapter = Adapter {
    site: Site::Fiverr,
    detect: &[".seller-card", ".user-profile-info"],
    scope: &["body"],
    name: &[".username-line .seller-display-name"],
    handle: &[".username-line .seller-username"],
    headline: &[".oneliner-wrapper small.oneliner", ".oneliner"],
    location: &["ul.user-stats li.location b", "ul.user-stats li.location strong"],
    member_since: &["ul.user-stats li.member-since b", "ul.user-stats li.member-since strong"],
    photo: &[".user-profile-image img.profile-pict-img", "img.profile-pict-img"],
    bio: &[".seller-profile .description p", "article.seller-desc"],
    languages: &[".seller-profile .languages li .title", ".seller-profile .languages li"],
    skills: &[".seller-profile .skills li"],
    text_blocks: &[".seller-profile .description"],
    education: Some(&EducationSpec {
        items: &[".seller-profile .education-list li"],
        school: &["p.text-body-2"],
        school_cut: None,
        degree: &[".title"],
        dates: &["p.text-body-2"],
    }),
    reviews: Some(&ReviewSpec {
        items: &["ul.review-list li.review-item"],
        reviewer: &["h5"],
        date: &["time.review-date@datetime", "time.review-date"],
        rating: &[".total-rating-out-five", ".rating-score"],
    }),
    text_patterns: &[("stat:reviews", r"\(([\d,.]+k?)\s+reviews?\)")],
    stats: &[
        ("rating", &[".oneliner-wrapper .rating-text strong"]),
        ("response_time_hours", &["ul.user-stats li.response-time b", "ul.user-stats li.response-time strong"]),
    ],
    expected: &["name", "location"],
    ..Adapter::NONE
};

pub const LEGACY: Adapter = Adapter {
    site: Site::Fiverr,
    detect: &[r#"span[itemprop="name"]"#],
    scope: &["body"],
    handle: &[r#"span[itemprop="name"]"#],
    headline: &["h1 > span"],
    photo: &[r#"[itemprop="logo"] a img"#, r#"[itemprop="image"]"#],
    bio: &[".seller-desc p"],
    text_blocks: &[".seller-desc"],
    reviews: Some(&ReviewSpec {
        items: &[".review-item", "li.review"],
        reviewer: &[".user-name", ".reviewer-name", "h5"],
        date: &[".review-date", "time"],
        rating: &[".review-rating"],
    }),
    stats: &[("rating", &[r#"span[itemprop="ratingValue"]"#]), ("reviews", &[r#"[itemprop="reviewCount"]"#])],
    labelled: &[
        ("location", "From", "li:has(> small)"),
        ("stat:response_time_hours", "Avg. Response Time", "li:has(> small)"),
    ],
    handle_from_url: true,
    expected: &["name"],
    ..Adapter::NONE
};
