//! Site adapters as data: which elements hold which field, per site, with
//! fallbacks for older layouts. A site's DOM change is an edit here.

use super::{first_text, links, mailto_links, scan_text_blocks, selector};
use crate::model::{Profile, Site, Sourced};
use crate::sites;
use scraper::Html;

/// Where one site shows each field. Selectors are tried in order; the first
/// that yields text wins (current layout first, then older ones).
pub struct Adapter {
    pub site: Site,
    /// The profile's container, tried in order; fields are looked up inside
    /// the first that exists (else in the whole page). Scoping keeps other
    /// people's cards out, and keeps the work proportional to the profile.
    pub scope: &'static [&'static str],
    pub name: &'static [&'static str],
    pub handle: &'static [&'static str],
    pub headline: &'static [&'static str],
    pub location: &'static [&'static str],
    /// Anchors that point at the candidate's other profiles and sites.
    pub profile_links: &'static [&'static str],
    /// Free-text blocks (bio, overview) scanned for URLs and e-mails.
    pub text_blocks: &'static [&'static str],
    /// Fields a profile page of this site normally shows; the ones not
    /// found are reported as `missing`, so the panel can say so.
    pub expected: &'static [&'static str],
    /// The handle is the first path segment of the address.
    pub handle_from_url: bool,
}

pub const UPWORK: Adapter = Adapter {
    site: Site::Upwork,
    scope: &["[data-qa-profile-viewer-uid]", "main", "body"],
    // Scoped to the profile container: sidebars ("People also viewed") show
    // other freelancers' names and places with the same markup.
    name: &[
        r#"[data-qa-profile-viewer-uid] [itemprop="name"]"#,
        r#".cfe-ui-profile-identity [itemprop="name"]"#,
        ".identity-content h1",
        r#"h2[itemprop="name"]"#,
    ],
    handle: &[],
    headline: &[
        "[data-qa-profile-viewer-uid] .title-vertical",
        r#"[data-test="freelancer-title"]"#,
        "section.up-card-section > div > div > div > h2",
    ],
    location: &[
        r#"[data-qa-profile-viewer-uid] [itemprop="address"]"#,
        r#"#location-time-vertical [itemprop="address"]"#,
        r#".cfe-ui-profile-identity [itemprop="address"]"#,
        r#"[data-qa-profile-viewer-uid] [itemprop="country-name"]"#,
        r#"[data-test="location"]"#,
    ],
    profile_links: &[r#"[data-test="truncation-text-by-chars"] a[href]"#],
    text_blocks: &[
        r#"[data-qa-profile-viewer-uid] [data-test="truncation-text-by-chars"]"#,
        ".air3-line-clamp .text-pre-line",
        ".up-line-clamp-v2 .text-pre-line",
        r#"[itemprop="description"]"#,
    ],
    expected: &["name", "headline", "location"],
    handle_from_url: false,
};

pub const GITHUB: Adapter = Adapter {
    site: Site::Github,
    scope: &[".h-card", ".vcard", "body"],
    name: &[
        ".h-card .vcard-fullname",
        r#".h-card [itemprop="name"]"#,
        ".vcard-fullname",
    ],
    handle: &[
        ".h-card .vcard-username",
        r#".h-card [itemprop="additionalName"]"#,
    ],
    headline: &[".h-card .user-profile-bio", ".h-card .p-note"],
    location: &[
        r#"[itemprop="homeLocation"] .p-label"#,
        r#"[itemprop="homeLocation"]"#,
    ],
    // Website and social accounts. Bio mentions of organisations and the
    // "worksFor" link are employers, not the candidate's own profiles.
    profile_links: &[
        r#"[itemprop="url"] a[href]"#,
        r#"[itemprop="social"] a[href]"#,
        r#".vcard-details a[rel~="me"]"#,
    ],
    text_blocks: &[".h-card .user-profile-bio"],
    expected: &["name", "location"],
    handle_from_url: true,
};

pub fn for_site(site: Site) -> Option<&'static Adapter> {
    match site {
        Site::Upwork => Some(&UPWORK),
        Site::Github => Some(&GITHUB),
        Site::Linkedin | Site::Generic => None,
    }
}

/// Reads a profile page with `adapter`.
pub fn apply(adapter: &Adapter, doc: &Html, url: &str) -> Profile {
    let root = adapter
        .scope
        .iter()
        .find_map(|css| doc.select(selector(css)).next())
        .unwrap_or_else(|| doc.root_element());
    let mut p = Profile::empty(url, adapter.site);
    p.name = first_text(root, adapter.name);
    p.handle = first_text(root, adapter.handle)
        .map(|h| Sourced::new(h.value.trim_start_matches('@'), h.source));
    if p.handle.is_none() && adapter.handle_from_url {
        p.handle = sites::parse(url)
            .and_then(|a| {
                a.path
                    .split('/')
                    .find(|s| !s.is_empty())
                    .map(str::to_string)
            })
            .map(|h| Sourced::new(h, "page address"));
    }
    p.headline = first_text(root, adapter.headline);
    p.location = first_text(root, adapter.location);
    links(root, url, adapter.profile_links, &mut p.links);
    scan_text_blocks(root, adapter.text_blocks, &mut p);
    mailto_links(root, &mut p);
    for field in adapter.expected {
        let found = match *field {
            "name" => p.name.is_some(),
            "headline" => p.headline.is_some(),
            "location" => p.location.is_some(),
            _ => true,
        };
        if !found {
            p.missing.push((*field).to_string());
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_adapter_selector_parses() {
        for a in [&UPWORK, &GITHUB] {
            for css in [
                a.name,
                a.handle,
                a.headline,
                a.location,
                a.profile_links,
                a.text_blocks,
            ]
            .concat()
            {
                let _ = selector(css);
            }
        }
    }
}
