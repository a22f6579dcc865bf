//! Guru freelancer (and company) profiles. See
//! `tests/fixtures/pages/guru/SELECTORS.md`: the page's JSON-LD `Person`
//! backs up the header markup.

use super::{Adapter, ReviewSpec};
use crate::model::Site;

pub const PROFILE: Adapter = Adapter {
    site: Site::Guru,
    scope: &["#profile", "main", "body"],
    // The "Company" badge sits inside the heading.
    name: &["h1.profile-header__name@own", "h1@own"],
    headline: &["h2.profile-header__tagline"],
    location: &[".profile-header__location"],
    photo: &["img.profile-avatar__img"],
    bio: &[".profile-about__text"],
    skills: &["ul.skillsList li"],
    profile_links: &[".profile-links a[href]", ".profile-about a[href]"],
    text_blocks: &[".profile-about__text"],
    reviews: Some(&ReviewSpec {
        items: &["li.feedback-item"],
        reviewer: &[".feedback-item__employer"],
        date: &[".feedback-item__date"],
        rating: &[".rating-value", ".feedback-item__rating"],
    }),
    stats: &[("hourly_rate", &[".profile-header__rate strong"]), ("reviews", &[".feedback-count"])],
    labelled: &[("member_since", "Member Since", ".profile-stats li")],
    json_ld: true,
    bio_boilerplate: &["Review the skills and services offered by"],
    expected: &["name", "location"],
    ..Adapter::NONE
};
