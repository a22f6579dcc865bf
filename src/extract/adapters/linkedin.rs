//! LinkedIn: the public (logged-out) profile, the logged-in profile view and
//! messaging threads. See `tests/fixtures/pages/linkedin/SELECTORS.md`.
//! The logged-in view writes every text twice (`aria-hidden` and
//! `visually-hidden`); only the `aria-hidden` copy is read.

use super::{Adapter, EducationSpec, Strategies, ThreadSpec, WorkSpec};
use crate::model::{Site, Unread};

pub const PUBLIC: Adapter = Adapter {
    site: Site::Linkedin,
    detect: &["section.top-card-layout", "h1.top-card-layout__title"],
    scope: &["main#main-content", "main", "body"],
    name: &["h1.top-card-layout__title"],
    headline: &["h2.top-card-layout__headline"],
    // A div; the follower and connection counts beside it are spans.
    location: &[
        "h3.top-card-layout__first-subline > div.top-card__subline-item",
        "div.top-card__subline-item",
        // 2024: the place, then "Contact Info" in one line.
        "h3.top-card-layout__first-subline div.not-first-middot > span:first-child",
    ],
    bio: &[
        r#"section[data-section="summary"] .core-section-container__content p"#,
        r#"section[data-section="summary"] p"#,
    ],
    photo: &[
        "img.top-card__profile-image:not(.artdeco-entity-image--ghost)@data-delayed-url",
        "img.top-card__profile-image:not(.artdeco-entity-image--ghost)",
    ],
    languages: &[r#"section[data-section="languages"] li h3"#],
    text_blocks: &[".websites__url-text"],
    work: Some(&WorkSpec {
        items: &[
            "li.experience-item, li.experience-group",
            r#"section[data-section="experience"] li.profile-section-card"#,
        ],
        title: &["h3.profile-section-card__title", ".experience-item__title"],
        employer: &["h4.profile-section-card__subtitle", ".experience-item__subtitle"],
        dates: &[".date-range"],
        // Several positions at one employer, under its name.
        roles: &["li.experience-group-position"],
        group_employer: &[".experience-group-header__company"],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &["li.education__list-item"],
        school: &["h3.profile-section-card__title"],
        school_cut: None,
        // Degree, then field of study; a third part is the grade ("First Class").
        degree: &["all:.education__item--degree-info:nth-of-type(-n+2)"],
        dates: &[".education__item--duration", ".date-range"],
    }),
    json_ld: true,
    expected: &["name", "headline", "location"],
    states: STATES,
    strategies: Some(&Strategies { top_card: &[], contact_link: &[], ..STRATEGIES }),
    ..Adapter::NONE
};

/// The stable parts of LinkedIn's profiles, from the 2024 and 2025 logged-in
/// views (Ember, generated class names), the 2025-26 "SDUI" markup
/// (`componentkey`) and the public view: the contact-info overlay link and
/// the top card's `componentkey`, the section anchors (`#experience`), the
/// entries' `data-view-name`, and the public view's item classes.
const STRATEGIES: Strategies = Strategies {
    top_card: &[
        r#"[componentkey*="Topcard" i]"#,
        "#top-card-text-details-contact-info",
        r#"a[href*="/overlay/contact-info"]"#,
        "section[data-member-id]",
        ".pv-top-card",
    ],
    contact_link: &["#top-card-text-details-contact-info", r#"a[href*="/overlay/contact-info"]"#],
    experience: &[
        "#experience",
        r#"[componentkey*="ExperienceTopLevelSection" i]"#,
        r#"section[data-section="experience"]"#,
    ],
    education: &[
        "#education",
        r#"[componentkey*="EducationTopLevelSection" i]"#,
        r#"section[data-section="educations"]"#,
        "section.education",
    ],
    entry: &[
        r#"[data-view-name="profile-component-entity"]"#,
        r#"[componentkey*="entity" i]"#,
        "li.experience-item",
        "li.education__list-item",
        "li.profile-section-card",
    ],
};

/// LinkedIn's own signs: the page key of the sign-in wall and of the guest
/// home page it shows instead of a profile, and the tracking names of its
/// "profile not found" page (whatever the title's language).
const STATES: &[(Unread, &str)] = &[
    (Unread::SignInWall, r#"meta[name="pageKey"][content^="auth_wall"]"#),
    (Unread::SignInWall, r#"meta[name="pageKey"][content*="guest-home"]"#),
    (Unread::SignInWall, r#"meta[name="pageKey"][content*="login"]"#),
    // The sign-in wall's join form, as scrapers detect it (none of the real
    // public profile pages holds it).
    (Unread::SignInWall, r#".authwall-join-form, h1[data-test-id="authwall-join-form__title"], form#join-form"#),
    (Unread::NotFound, r#"[data-tracking-control-name^="public_profile_not-found"]"#),
];

/// The logged-in view, and the layout for any LinkedIn profile page that is
/// not the public view (recruiters see this one).
pub const LOGGED_IN: Adapter = Adapter {
    site: Site::Linkedin,
    detect: &[],
    // The contact-info dialog sits outside <main>.
    scope: &["body"],
    name: &["h1.text-heading-xlarge", ".pv-text-details__left-panel h1", ".pv-top-card-section__name"],
    headline: &[".pv-top-card div.text-body-medium.break-words", ".pv-top-card-section__headline"],
    location: &[
        ".pv-top-card span.text-body-small.inline.t-black--light.break-words",
        ".pv-top-card .text-body-small.inline",
        ".pv-top-card-section__location",
    ],
    bio: &[r#"section:has(> #about) .inline-show-more-text--is-collapsed span[aria-hidden="true"]"#],
    photo: &["img.pv-top-card-profile-picture__image--show", ".pv-top-card-profile-picture img"],
    languages: &[r#"section:has(> #languages) li div.t-bold > span[aria-hidden="true"]"#],
    skills: &[r#"section:has(> #skills) li div.t-bold > span[aria-hidden="true"]"#],
    phones: &[".ci-phone li > span.t-14", ".ci-phone span.t-14"],
    profile_links: &[".ci-websites a[href]"],
    text_blocks: &[".ci-email"],
    work: Some(&WorkSpec {
        items: &[r#"section:has(> #experience) ul.pvs-list > li.artdeco-list__item"#],
        title: &[r#"div.t-bold > span[aria-hidden="true"]"#],
        employer: &[r#"span.t-14.t-normal:not(.t-black--light) > span[aria-hidden="true"]"#],
        dates: &[r#".pvs-entity__caption-wrapper"#],
        employer_cut: Some(" · "),
        roles: &["li.pvs-list__paged-list-item"],
        group_employer: &[r#"div.t-bold > span[aria-hidden="true"]"#],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &[r#"section:has(> #education) ul.pvs-list > li.artdeco-list__item"#],
        school: &[r#"div.t-bold > span[aria-hidden="true"]"#],
        school_cut: None,
        degree: &[r#"span.t-14.t-normal:not(.t-black--light) > span[aria-hidden="true"]"#],
        dates: &[".pvs-entity__caption-wrapper"],
    }),
    expected: &["name", "headline", "location"],
    states: STATES,
    strategies: Some(&STRATEGIES),
    ..Adapter::NONE
};

pub const MESSAGING: Adapter = Adapter {
    site: Site::Linkedin,
    detect: &[".msg-s-message-list", ".msg-thread"],
    thread: Some(&ThreadSpec {
        scope: &[".msg-thread", "main", "body"],
        counterpart: &[".msg-title-bar h2.msg-entity-lockup__entity-title", ".msg-entity-lockup__entity-title"],
        counterpart_headline: &[".msg-title-bar .msg-entity-lockup__subtitle"],
        counterpart_photo: &[".msg-title-bar img.msg-entity-lockup__entity-image"],
        counterpart_links: &[".msg-title-bar a[href*=\"/in/\"]"],
        items: &["li.msg-s-message-list__event"],
        author: &[".msg-s-message-group__name"],
        text: &["p.msg-s-event-listitem__body", ".msg-s-event-listitem__body"],
    }),
    ..Adapter::NONE
};
