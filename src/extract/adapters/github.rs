//! GitHub user pages (current layout and the ~2019 one). See
//! `tests/fixtures/pages/SELECTORS.md`.

use super::{Adapter, WorkSpec};
use crate::model::Site;

pub const PROFILE: Adapter = Adapter {
    site: Site::Github,
    scope: &[".h-card", ".vcard", "body"],
    name: &[".vcard-fullname", r#"[itemprop="name"]"#, ".p-name"],
    handle: &[".vcard-username", r#"[itemprop="additionalName"]"#],
    // GitHub has no headline: the bio stands in for it.
    headline: &[".user-profile-bio", ".p-note"],
    location: &[r#"[itemprop="homeLocation"] .p-label"#, r#"[itemprop="homeLocation"]"#],
    time_zone: &[r#"[itemprop="localTime"] .p-label"#, r#"[data-test-selector="profile-timezone"]"#],
    bio: &[".user-profile-bio", ".p-note"],
    photo: &["img.avatar-user", "a.u-photo img", "img.avatar"],
    // Website and social accounts. Bio mentions of organisations and the
    // "worksFor" link are employers, not the candidate's own profiles.
    profile_links: &[r#"[itemprop="url"] a[href]"#, r#"[itemprop="social"] a[href]"#, r#".vcard-details a[rel~="me"]"#],
    text_blocks: &[".user-profile-bio"],
    work: Some(&WorkSpec {
        items: &[r#"[itemprop="worksFor"]"#],
        employer: &[".p-org", "span"],
        current: true,
        ..WorkSpec::NONE
    }),
    expected: &["name", "location"],
    handle_from_url: true,
    ..Adapter::NONE
};
