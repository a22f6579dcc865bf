//! Toptal talent résumés: the current page and the older `resume_*`
//! layout. See `tests/fixtures/pages/toptal/SELECTORS.md`.

use super::{Adapter, EducationSpec, WorkSpec};
use crate::model::Site;

pub const CURRENT: Adapter = Adapter {
    site: Site::Toptal,
    detect: &[".tpl-header", "h1.tpl-name"],
    scope: &["body"],
    name: &["h1.tpl-name", "main h1"],
    headline: &[".tpl-fact-role@own"],
    location: &[".tpl-fact-location@own"],
    member_since: &[".tpl-fact-since"],
    photo: &["img.tpl-photo", "aside img"],
    bio: &["p.tpl-bio"],
    skills: &[".tpl-expertise .tpl-tag"],
    text_blocks: &["p.tpl-bio"],
    work: Some(&WorkSpec {
        items: &["li.tpl-employment"],
        title: &[".tpl-employment-role"],
        employer: &[".tpl-employment-company"],
        dates: &[".tpl-employment-period"],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &["li.tpl-education"],
        school: &[".tpl-school-name", ".tpl-education-school"],
        school_cut: Some(" - "),
        degree: &[".tpl-education-degree"],
        dates: &[".tpl-education-period"],
    }),
    text_patterns: &[("member_since", r"member since\s+([A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|[A-Za-z]+\.?\s+\d{4}|\d{4})")],
    expected: &["name", "location"],
    ..Adapter::NONE
};

pub const LEGACY: Adapter = Adapter {
    site: Site::Toptal,
    detect: &[".resume_top-info_name"],
    scope: &["body"],
    name: &[".resume_top-info_name"],
    headline: &[".resume_top-info_name@data-target-role", ".resume_top-info_short_description@data-talent_title"],
    member_since: &[".resume_top-info_since"],
    photo: &[".resume_top-photo_wrapper img.resume_top-photo", "img.resume_top-photo"],
    bio: &[".resume_top-info_bio"],
    skills: &[".resume_top-tags a.tag.is-expert, .resume_top-tags a.tag.is-strong"],
    text_blocks: &[".resume_top-info_bio"],
    work: Some(&WorkSpec {
        items: &[".js-employments .resume_section-content_item"],
        title: &[".resume_section-content_title"],
        // "Company (Country)"
        employer: &[".resume_section-content_subtitle"],
        employer_cut: Some(" ("),
        dates: &[".resume_section-content_range"],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &[".js-educations .resume_section-content_item"],
        school: &[".resume_section-content_subtitle"],
        school_cut: Some(" - "),
        degree: &[".resume_section-content_title"],
        dates: &[".resume_section-content_range"],
    }),
    // "Data Scientist in Bengaluru, India"
    text_patterns: &[("location", r"[A-Za-z] in ([A-Z][^\n]*?)\s+Member since")],
    expected: &["name", "location"],
    ..Adapter::NONE
};
