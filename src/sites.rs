//! Addresses: resolving links, and recognising which candidate profile an
//! address points at, so that profiles that link to each other join a case.

use crate::model::Site;

/// The parts of an absolute http(s) address that identity depends on.
#[derive(Debug, PartialEq, Eq)]
pub struct Address {
    pub host: String,
    pub path: String,
}

/// Splits an absolute `http(s)://` address. Other schemes (javascript:,
/// data:, mailto:) are not addresses of profiles and yield `None`.
pub fn parse(url: &str) -> Option<Address> {
    let url = url.trim();
    let rest = strip_prefix_ci(url, "https://").or_else(|| strip_prefix_ci(url, "http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let host = host_port.split(':').next().unwrap_or("").to_ascii_lowercase();
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
        return None;
    }
    let tail = &rest[end..];
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    let path = if tail.starts_with('/') { tail[..path_end].to_string() } else { "/".to_string() };
    Some(Address { host, path })
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &s[prefix.len()..])
}

/// Resolves `href` found on the page at `base` to an absolute http(s)
/// address, or `None` for other schemes and garbage.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    if parse(href).is_some() {
        return Some(encode_unsafe(href));
    }
    if has_scheme(href) {
        return None; // another scheme: mailto:, javascript:, data:
    }
    let scheme = if strip_prefix_ci(base, "http://").is_some() { "http" } else { "https" };
    let base_addr = parse(base)?;
    let absolute = if let Some(rest) = href.strip_prefix("//") {
        format!("{scheme}://{rest}")
    } else if href.starts_with('/') {
        format!("{scheme}://{}{href}", base_addr.host)
    } else {
        let dir = &base_addr.path[..base_addr.path.rfind('/').map_or(0, |i| i + 1)];
        format!("{scheme}://{}{dir}{href}", base_addr.host)
    };
    parse(&absolute).map(|_| encode_unsafe(&absolute))
}

/// Percent-encodes what a browser's URL parser would: spaces, quotes,
/// angle brackets and backticks.
fn encode_unsafe(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '`' => out.push_str("%60"),
            c => out.push(c),
        }
    }
    out
}

/// `scheme:` at the start, as in RFC 3986: a letter, then letters, digits, `+.-`.
fn has_scheme(href: &str) -> bool {
    let Some((scheme, _)) = href.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
}

/// Hosts whose first path segment names a person (or company) rather than
/// the site being personal: `twitter.com/NAME`.
const PER_USER_HOSTS: &[&str] = &[
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "medium.com",
    "dev.to",
    "gitlab.com",
    "bitbucket.org",
    "behance.net",
    "dribbble.com",
    "t.me",
    "codepen.io",
    "kaggle.com",
    "youtube.com",
];

/// Hosts of many people's pages that are never a candidate's personal site,
/// whoever links to them: webmail, document editors and cloud storage (a
/// résumé on Google Docs), link aggregators, code hosts, social networks and
/// site builders' shared hosts. Reading them because one candidate linked
/// one page would read the recruiter's own mail and documents.
const SHARED_HOSTS: &[&str] = &[
    "google.com",
    "mail.google.com",
    "docs.google.com",
    "drive.google.com",
    "sites.google.com",
    "outlook.com",
    "outlook.live.com",
    "office.com",
    "live.com",
    "yahoo.com",
    "mail.yahoo.com",
    "proton.me",
    "mail.proton.me",
    "icloud.com",
    "dropbox.com",
    "onedrive.live.com",
    "1drv.ms",
    "box.com",
    "notion.so",
    "linktr.ee",
    "linktree.com",
    "beacons.ai",
    "bio.link",
    "about.me",
    "bit.ly",
    "tinyurl.com",
    "calendly.com",
    "gist.github.com",
    "raw.githubusercontent.com",
    "sourceforge.net",
    "npmjs.com",
    "pypi.org",
    "crates.io",
    "reddit.com",
    "tiktok.com",
    "pinterest.com",
    "threads.net",
    "wa.me",
    "api.whatsapp.com",
    "discord.com",
    "discord.gg",
    "slack.com",
    "zoom.us",
    "teams.microsoft.com",
    "wix.com",
    "squarespace.com",
];

/// Hosts that give each user a host of their own (`jane.github.io`,
/// `jane.notion.site`): the bare host is shared, a user's host is theirs.
const USER_SUBDOMAIN_HOSTS: &[&str] = &[
    "github.io",
    "gitlab.io",
    "notion.site",
    "wordpress.com",
    "blogspot.com",
    "wixsite.com",
    "carrd.co",
    "vercel.app",
    "netlify.app",
    "herokuapp.com",
    "pages.dev",
    "webflow.io",
    "framer.website",
];

/// Whether `host` is one of [`SHARED_HOSTS`] or under one
/// (`mail.google.com`), or the bare host of a builder that gives each user
/// their own (`notion.site`, not `jane.notion.site`).
fn is_shared_host(host: &str) -> bool {
    SHARED_HOSTS.iter().any(|shared| host == *shared || host.ends_with(&format!(".{shared}")))
        || USER_SUBDOMAIN_HOSTS.contains(&host)
}

/// GitHub paths that are site pages, not user pages.
const GITHUB_RESERVED: &[&str] = &[
    "about",
    "apps",
    "collections",
    "contact",
    "customer-stories",
    "enterprise",
    "explore",
    "features",
    "login",
    "marketplace",
    "new",
    "notifications",
    "orgs",
    "organizations",
    "pricing",
    "pulls",
    "issues",
    "search",
    "security",
    "settings",
    "signup",
    "site",
    "sponsors",
    "team",
    "topics",
    "trending",
    "join",
    "readme",
    "codespaces",
    "dashboard",
    "home",
    "logout",
    "resources",
    "solutions",
    "stars",
];

/// Whether a first path segment of `github.com` is one of GitHub's own
/// pages, not an account.
pub fn is_github_reserved(segment: &str) -> bool {
    GITHUB_RESERVED.iter().any(|r| r.eq_ignore_ascii_case(segment))
}

/// Which site serves this address.
pub fn site_of(url: &str) -> Site {
    let Some(addr) = parse(url) else {
        return Site::Generic;
    };
    site_of_host(&addr.host)
}

fn site_of_host(host: &str) -> Site {
    let host = host.strip_prefix("www.").unwrap_or(host);
    let is = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    if is("upwork.com") {
        Site::Upwork
    } else if is("freelancer.com") {
        Site::Freelancer
    } else if is("fiverr.com") {
        Site::Fiverr
    } else if is("toptal.com") {
        Site::Toptal
    } else if is("linkedin.com") {
        Site::Linkedin
    } else if host == "github.com" {
        Site::Github
    } else if is("indeed.com") {
        Site::Indeed
    } else if is("wellfound.com") || is("angel.co") {
        Site::Wellfound
    } else if host == "stackoverflow.com" {
        Site::Stackoverflow
    } else if is("guru.com") {
        Site::Guru
    } else if is("peopleperhour.com") {
        Site::Peopleperhour
    } else {
        Site::Generic
    }
}

/// Fiverr paths that are site pages, not sellers.
const FIVERR_RESERVED: &[&str] = &[
    "categories",
    "search",
    "pro",
    "support",
    "login",
    "join",
    "inbox",
    "start_selling",
    "resources",
    "cp",
    "levels",
    "logo-maker",
    "gigs",
    "users",
    "business",
    "community",
    "events",
    "stores",
    "seller_onboarding",
    "orders",
];

/// What an address shows, judged from the address alone, and the key of
/// the candidate (or thread) it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressKind {
    /// A candidate's profile page itself.
    Profile(String),
    /// A message thread.
    Thread(String),
    /// A sub-page (a repository, a gig) or a site page: no profile to read.
    Other,
}

/// Classifies an address of one of the supported sites (generic sites are
/// always `Profile`, keyed by host).
pub fn classify(url: &str) -> AddressKind {
    let Some(addr) = parse(url) else {
        return AddressKind::Other;
    };
    let host = addr.host.strip_prefix("www.").unwrap_or(&addr.host).to_string();
    let segs: Vec<String> = addr.path.split('/').filter(|s| !s.is_empty()).map(|s| s.to_ascii_lowercase()).collect();
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    let profile = |key: String| AddressKind::Profile(key);
    match site_of_host(&host) {
        Site::Upwork => match s[..] {
            ["freelancers", id] => profile(format!("upwork:{}", id.trim_start_matches('~'))),
            ["fl", slug] => profile(format!("upwork:{slug}")),
            ["ab" | "nx", "messages", "rooms", room, ..] | ["messages", "rooms", room, ..] => {
                AddressKind::Thread(format!("upwork-thread:{room}"))
            }
            _ => AddressKind::Other,
        },
        Site::Freelancer => match s[..] {
            ["u", user] => profile(format!("freelancer:{user}")),
            _ => AddressKind::Other,
        },
        Site::Fiverr => match s[..] {
            [user] if !FIVERR_RESERVED.contains(&user) => profile(format!("fiverr:{user}")),
            _ => AddressKind::Other,
        },
        Site::Toptal => match s.iter().position(|p| *p == "resume") {
            Some(i) if i + 2 == s.len() => profile(format!("toptal:{}", s[i + 1])),
            _ => AddressKind::Other,
        },
        Site::Linkedin => match s[..] {
            // Sub-routes (/details/experience/, /overlay/contact-info/) show the same profile.
            ["in" | "pub", slug, ..] => profile(format!("linkedin:{slug}")),
            ["messaging", "thread", id, ..] => AddressKind::Thread(format!("linkedin-thread:{id}")),
            _ => AddressKind::Other,
        },
        Site::Github => match s[..] {
            [user] if !GITHUB_RESERVED.contains(&user) => profile(format!("github:{user}")),
            _ => AddressKind::Other,
        },
        Site::Indeed => match s[..] {
            ["p", id] => profile(format!("indeed:{id}")),
            ["r", name, id] => profile(format!("indeed:{name}/{id}")),
            ["resume", id] => profile(format!("indeed:{id}")),
            _ => AddressKind::Other,
        },
        Site::Wellfound => match s[..] {
            ["u", slug] | ["p", slug] => profile(format!("wellfound:{slug}")),
            _ => AddressKind::Other,
        },
        Site::Stackoverflow => match s[..] {
            ["users", id] | ["users", id, _] if id.chars().all(|c| c.is_ascii_digit()) => {
                profile(format!("stackoverflow:{id}"))
            }
            _ => AddressKind::Other,
        },
        Site::Guru => match s[..] {
            ["freelancers", slug, ..] if s.len() <= 3 => profile(format!("guru:{slug}")),
            _ => AddressKind::Other,
        },
        Site::Peopleperhour => match s[..] {
            ["freelancer", .., slug] if s.len() <= 3 => profile(format!("peopleperhour:{slug}")),
            _ => AddressKind::Other,
        },
        Site::Generic => match (PER_USER_HOSTS.contains(&host.as_str()), s.first()) {
            (true, Some(user)) => profile(format!("{host}:{}", user.trim_start_matches('@'))),
            (true, None) => AddressKind::Other,
            (false, _) if is_shared_host(&host) => AddressKind::Other,
            // The address itself (host and path): a personal site is the
            // page linked and the pages under it, never a whole host.
            (false, _) => profile(web_key(&host, &s)),
        },
    }
}

/// `web:host/path` of a page of a personal site, path segments lower-cased,
/// an index page the same as its folder.
fn web_key(host: &str, segments: &[&str]) -> String {
    let mut key = format!("web:{host}");
    let last = segments.len().saturating_sub(usize::from(
        segments.last().is_some_and(|s| matches!(*s, "index.html" | "index.htm" | "index.php")),
    ));
    for segment in &segments[..last] {
        key.push('/');
        key.push_str(segment);
    }
    key
}

/// The keys of a personal-site page and of every folder above it, the page
/// first: `web:jane.example/blog/post`, `web:jane.example/blog`,
/// `web:jane.example`. A linked address covers the pages under it.
pub fn web_key_and_parents(key: &str) -> impl Iterator<Item = &str> {
    let mut next = key.strip_prefix("web:").map(|_| key);
    std::iter::from_fn(move || {
        let current = next?;
        next = current.rsplit_once('/').map(|(parent, _)| parent).filter(|p| p.len() > "web:".len());
        Some(current)
    })
}

/// Is this address a candidate's profile page itself (not one of its
/// sub-pages, such as a GitHub repository or a Fiverr gig)?
pub fn is_profile_page(url: &str) -> bool {
    matches!(classify(url), AddressKind::Profile(_))
}

/// A stable key for the candidate profile or thread an address shows,
/// equal for every spelling of the same address (`https://www.GitHub.com/Foo/`
/// and `github.com/foo?tab=repositories`). `None` for site pages and
/// sub-pages (a repository is not its owner's profile: it may be anyone's).
pub fn profile_key(url: &str) -> Option<String> {
    match classify(url) {
        AddressKind::Profile(key) | AddressKind::Thread(key) => Some(key),
        AddressKind::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_spelling_of_the_address() {
        assert_eq!(profile_key("https://www.GitHub.com/Foo/"), Some("github:foo".into()));
        assert_eq!(profile_key("https://github.com/foo?tab=repositories"), Some("github:foo".into()));
        assert_eq!(profile_key("https://github.com/features"), None);
        assert_eq!(profile_key("https://www.upwork.com/freelancers/~01abc?viewMode=1"), Some("upwork:01abc".into()));
        assert_eq!(profile_key("https://de.linkedin.com/in/jane-doe"), Some("linkedin:jane-doe".into()));
        assert_eq!(profile_key("https://jane.example/about"), Some("web:jane.example/about".into()));
        assert_eq!(profile_key("https://jane.example/"), Some("web:jane.example".into()));
        assert_eq!(profile_key("https://jane.example/Blog/index.html?x=1"), Some("web:jane.example/blog".into()));
        assert_eq!(profile_key("https://x.com/@jane"), Some("x.com:jane".into()));
        assert_eq!(profile_key("javascript:alert(1)"), None);
    }

    /// Issue #16: a personal site is the linked address and the pages under
    /// it; webmail, document editors, link aggregators and other shared
    /// hosts are never anyone's personal site.
    #[test]
    fn shared_hosts_are_never_personal_sites_and_a_site_is_its_address() {
        for url in [
            "https://mail.google.com/mail/u/0/#inbox",
            "https://docs.google.com/document/d/1abc/edit",
            "https://drive.google.com/file/d/1abc",
            "https://linktr.ee/jane",
            "https://outlook.live.com/mail/0/",
            "https://notion.site/",
            "https://www.dropbox.com/s/abc/cv.pdf",
        ] {
            assert_eq!(profile_key(url), None, "{url}");
        }
        // A builder's host of one user is that user's site.
        assert_eq!(profile_key("https://jane.notion.site/Resume-123"), Some("web:jane.notion.site/resume-123".into()));
        assert_eq!(profile_key("https://jane.github.io/"), Some("web:jane.github.io".into()));
        let parents: Vec<&str> = web_key_and_parents("web:jane.example/blog/post").collect();
        assert_eq!(parents, ["web:jane.example/blog/post", "web:jane.example/blog", "web:jane.example"]);
        assert_eq!(web_key_and_parents("github:jane").count(), 0);
    }

    #[test]
    fn profile_pages_are_told_from_their_sub_pages() {
        assert!(is_profile_page("https://github.com/foo?tab=overview"));
        assert!(!is_profile_page("https://github.com/foo/repo"));
        assert!(!is_profile_page("https://github.com/features"));
        assert!(is_profile_page("https://www.upwork.com/freelancers/~01abc"));
        assert!(!is_profile_page("https://www.upwork.com/nx/search/talent/"));
    }

    #[test]
    fn resolves_relative_links_and_refuses_other_schemes() {
        let base = "https://github.com/foo";
        assert_eq!(resolve(base, "/bar").as_deref(), Some("https://github.com/bar"));
        assert_eq!(resolve(base, "//x.com/y").as_deref(), Some("https://x.com/y"));
        assert_eq!(resolve("https://a.example/dir/page", "other").as_deref(), Some("https://a.example/dir/other"));
        assert_eq!(resolve(base, "javascript:alert(1)"), None);
        assert_eq!(resolve(base, "mailto:a@b.c"), None);
        assert_eq!(resolve(base, "#top"), None);
        assert_eq!(resolve(base, " JavaScript:alert(1)"), None);
        assert_eq!(resolve(base, "data:text/html,x"), None);
    }

    #[test]
    fn hosts_are_validated() {
        assert!(parse("https://exa mple.com/").is_none());
        assert_eq!(parse("https://user@Host.example:8443/p?q").unwrap().host, "host.example");
    }
}
