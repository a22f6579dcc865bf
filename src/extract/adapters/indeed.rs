//! Indeed résumés: the employer résumé view (`resumes.indeed.com/resume/…`)
//! and the older public `/r/` pages. See `tests/fixtures/pages/indeed/SELECTORS.md`.

use super::{Adapter, EducationSpec, WorkSpec};
use crate::model::Site;

pub const RESUME: Adapter = Adapter {
    site: Site::Indeed,
    detect: &[".rezemp-ResumeDisplay-body", r#"[class*="ResumeDisplay"]"#],
    scope: &[".rezemp-ResumeDisplay-body", "body"],
    name: &[".rezemp-ResumeDisplay-body > div:first-child > .rezemp-u-h2", ".rezemp-u-h2"],
    headline: &[".rezemp-ResumeDisplay-body > div:first-child > .rezemp-u-h4"],
    location: &[".rezemp-ResumeDisplay-body > div:first-child div.icl-u-textColor--secondary"],
    bio: &[".rezemp-ResumeDisplay-body > div:first-child > div:not([class]):not(:has(.icl-u-textColor--secondary))"],
    skills: &[
        r#".rezemp-ResumeDisplaySection:has(.rezemp-ResumeDisplaySection-header) .rezemp-ResumeDisplaySection-content > div > span > span:first-child"#,
    ],
    profile_links: &[".rezemp-ResumeDisplaySection a[href]"],
    text_blocks: &[".rezemp-ResumeDisplaySection-content"],
    work: Some(&WorkSpec {
        items: &[".rezemp-WorkExperience"],
        title: &[".rezemp-u-h4"],
        employer: &[".rezemp-WorkExperience-subtitle span.icl-u-textBold"],
        dates: &[".rezemp-WorkExperience-subtitle .icl-u-textColor--tertiary"],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &[".rezemp-ResumeDisplaySection-content > div:has(.rezemp-ResumeDisplay-university)"],
        school: &[".rezemp-ResumeDisplay-university span.icl-u-textBold"],
        school_cut: None,
        degree: &[".rezemp-ResumeDisplay-itemTitle"],
        dates: &[".rezemp-ResumeDisplay-date"],
    }),
    expected: &["name", "location"],
    ..Adapter::NONE
};

pub const LEGACY: Adapter = Adapter {
    site: Site::Indeed,
    detect: &["#resume_body", "h1#resume-contact"],
    scope: &["#resume_body", ".resume-body", "body"],
    name: &[r#"h1#resume-contact[itemprop="name"]"#, r#"h1[itemprop="name"]"#],
    headline: &["h2#headline"],
    location: &["p#headline_location"],
    bio: &["p#res_summary"],
    skills: &["#skills-section p", ".skills-content p"],
    profile_links: &[".links-content p.link_url a[href]"],
    text_blocks: &["#additionalinfo-section p", ".additionalInfo-content"],
    work: Some(&WorkSpec {
        items: &[".work-experience-section"],
        title: &["p.work_title"],
        employer: &["div.work_company > span.bold"],
        dates: &["p.work_dates"],
        ..WorkSpec::NONE
    }),
    education: Some(&EducationSpec {
        items: &[".education-section"],
        school: &["div.edu_school > span.bold"],
        school_cut: None,
        degree: &["p.edu_title"],
        dates: &["p.edu_dates"],
    }),
    expected: &["name", "location"],
    ..Adapter::NONE
};
