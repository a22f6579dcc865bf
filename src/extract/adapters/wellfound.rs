//! Wellfound (formerly AngelList Talent) candidate profiles, current and the
//! older angel.co layout. See `tests/fixtures/pages/wellfound/SELECTORS.md`:
//! the current markup is less well documented than other sites', so
//! structural fallbacks (`main h1`) follow the `data-test` ones.

use super::{Adapter, EducationSpec, WorkSpec};
use crate::model::Site;

pub const CURRENT: Adapter = Adapter {
    site: Site::Wellfound,
    detect: &[r#"main[data-test="UserProfile"]"#, r#"[data-test="ProfileName"]"#],
    scope: &[r#"main[data-test="UserProfile"]"#, "main", "body"],
    name: &[r#"[data-test="ProfileName"]"#, "main h1"],
    headline: &[r#"[data-test="ProfileTagline"]"#, "main h2"],
    location: &[r#"[data-test="ProfileLocation"] span"#],
    bio: &[r#"[data-test="ProfileBio"]"#],
    photo: &[r#"img[data-test="ProfileAvatar"]"#],
    skills: &[r#"[data-test="SkillsSection"] [data-test="SkillTag"]"#, r#"[data-test="SkillTag"]"#],
    profile_links: &[r#"[data-test="ProfileSocialLinks"] a[href]"#],
    text_blocks: &[r#"[data-test="ProfileBio"]"#],
    work: Some(&WorkSpec {
        items: &[r#"[data-test="ExperienceItem"]"#],
        title: &[r#"[data-test="ExperienceRole"]"#],
        employer: &[r#"[data-test="ExperienceCompany"]"#],
        dates: &[r#"[data-test="ExperienceDates"]"#],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &[r#"[data-test="EducationItem"]"#],
        school: &[r#"[data-test="EducationSchool"]"#],
        school_cut: None,
        degree: &[r#"[data-test="EducationDegree"]"#],
        dates: &[r#"[data-test="EducationDates"]"#],
    }),
    expected: &["name", "location"],
    ..Adapter::NONE
};

pub const ANGELLIST: Adapter = Adapter {
    site: Site::Wellfound,
    detect: &[".profiles-show", "h1.js-name"],
    scope: &["body"],
    name: &[r#"h1.js-name"#, r#"h1[itemprop="name"]"#],
    headline: &["h2.js-bio"],
    location: &["span.js-location_tags a.tag"],
    bio: &[".section.about .profile-text p", ".profile-text p"],
    photo: &[".subheader-photo img"],
    skills: &[".js-skill_tags a.tag"],
    profile_links: &[".profile-links a[href]"],
    text_blocks: &[".section.about .profile-text"],
    work: Some(&WorkSpec {
        items: &[".experience_container .experience"],
        title: &[".role-title"],
        employer: &["a.js-company-link", ".company-name"],
        dates: &[".dates"],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &[".section.education .college-row", ".college-row"],
        school: &[".college-name"],
        school_cut: None,
        degree: &[".degree"],
        dates: &[".dates"],
    }),
    expected: &["name", "location"],
    ..Adapter::NONE
};
