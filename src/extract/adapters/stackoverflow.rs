//! Stack Overflow user pages (current layout and the ~2019 `#user-card`).
//! See `tests/fixtures/pages/stackoverflow/SELECTORS.md`.

use super::Adapter;
use crate::model::Site;

pub const PROFILE: Adapter = Adapter {
    site: Site::Stackoverflow,
    scope: &["#mainbar-full", "#user-card", "#content", "body"],
    name: &["div.fs-headline2", ".profile-user--name div.fw-bold", ".profile-user--name"],
    headline: &["div.fs-title.fc-black-400", ".profile-user--role"],
    location: &[
        "li:has(svg.iconLocation) .wmx2",
        "li:has(svg.iconLocation) .fl1",
        "li:has(svg.iconLocation) div.flex--item + div.flex--item",
    ],
    bio: &[".js-about-me-content", ".profile-user--bio"],
    member_since: &["li:has(svg.iconCake) span[title]@title", "li:has(svg.iconHistory) span[title]@title"],
    photo: &[
        r#".js-usermini-avatar-container img[width="128"]"#,
        ".js-usermini-avatar-container img",
        "img.avatar-user",
    ],
    // Top tags are derived from activity, not claimed: not skills.
    profile_links: &[
        r#"ul.s-anchors a[rel~="me"]"#,
        r#"li:has(svg.iconLink) a[rel~="me"]"#,
        r#"li:has(svg.iconGitHub) a[rel~="me"]"#,
    ],
    text_blocks: &[".js-about-me-content", ".profile-user--bio"],
    stats: &[("reputation", &["#avatar-card .fs-title"])],
    text_patterns: &[
        ("stat:reputation", r"([\d,.]+k?)\s+reputation"),
        ("stat:answers", r"([\d,.]+k?)\s+answers"),
        ("stat:questions", r"([\d,.]+k?)\s+questions"),
    ],
    expected: &["name"],
    ..Adapter::NONE
};
