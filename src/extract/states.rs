//! Pages that stand where a profile should be but are something else: a
//! sign-in wall, "profile not found", a rate limit or bot check, an empty
//! page the site had not drawn yet. Read from what every site shows (the
//! title, challenge widgets, an empty body) and from what each site's
//! adapter lists (`Adapter::states`), so that such a page is reported as
//! unread, with the reason, and never becomes a candidate.

use super::{block_text, element_text, selector};
use crate::model::Unread;
use scraper::Html;

/// Words of a page's title that say what it is, in the languages the
/// section headings are read in.
pub(crate) const TITLES: &[(Unread, &[&str])] = &[
    (
        Unread::SignInWall,
        &[
            "sign up",
            "sign in",
            "log in",
            "login",
            "join linkedin",
            "log in or sign up",
            "sign in to ",
            "log in to ",
            "iniciar sesión",
            "se connecter",
            "anmelden",
            "entrar",
        ],
    ),
    (
        Unread::Challenge,
        &[
            "just a moment",
            "attention required",
            "access denied",
            "too many requests",
            "verify you are human",
            "security check",
            "are you a robot",
            "captcha",
            "unusual traffic",
            "security verification",
            "rate limit",
            "un instant",
            "einen moment",
            "un momento",
        ],
    ),
    (
        Unread::NotFound,
        &[
            "page not found",
            "profile not found",
            "user not found",
            "404",
            "not found",
            "this page doesn't exist",
            "this page doesn’t exist",
            "page unavailable",
            "profile unavailable",
            "página no encontrada",
            "page introuvable",
            "seite nicht gefunden",
            "página não encontrada",
        ],
    ),
];

/// Widgets of bot checks and captchas.
const CHALLENGE_WIDGETS: &str = "#challenge-form, #cf-challenge-running, .cf-turnstile, .g-recaptcha, .h-captcha, \
     iframe[src*=captcha], [data-sitekey]";

/// A page with a challenge widget is a bot check only when it shows
/// little else (a personal site may have a captcha on its contact form).
const CHALLENGE_MAX_WORDS: usize = 60;

/// What stands on the page instead of a profile, if anything. `site`
/// holds the adapter's own signs (a selector per state).
pub fn detect(doc: &Html, site: &[(Unread, &'static str)]) -> Option<Unread> {
    for (state, css) in site {
        if doc.select(selector(css)).next().is_some() {
            return Some(*state);
        }
    }
    let title = doc.select(selector("title")).next().map(|t| element_text(t, 200).to_lowercase()).unwrap_or_default();
    // The title's first part names the page ("Page not found · GitHub").
    let head = title.split(['|', '·', '–', '—']).next().unwrap_or_default().trim();
    for (state, words) in TITLES {
        let found = words.iter().any(|w| {
            head == w.trim_end()
                || (w.ends_with(' ') && head.starts_with(w))
                || (*state != Unread::SignInWall && head.starts_with(w))
                || (w.len() > 9 && title.contains(w))
        });
        if found {
            return Some(*state);
        }
    }
    let words = doc.select(selector("body")).next().map(|b| block_text(b).split_whitespace().count()).unwrap_or(0);
    if words <= CHALLENGE_MAX_WORDS && doc.select(selector(CHALLENGE_WIDGETS)).next().is_some() {
        return Some(Unread::Challenge);
    }
    // A short page that says it is an error ("not found" sent as text).
    if words <= 12 {
        let text = doc.select(selector("body")).next().map(|b| block_text(b).to_lowercase()).unwrap_or_default();
        for (state, phrases) in TITLES.iter().filter(|(s, _)| *s != Unread::SignInWall) {
            if phrases.iter().any(|w| text.trim() == w.trim() || text.starts_with(w)) {
                return Some(*state);
            }
        }
    }
    // A redirect or script challenge with nothing to read.
    if words < 3 && doc.select(selector(r#"meta[http-equiv="refresh" i]"#)).next().is_some() {
        return Some(Unread::Challenge);
    }
    None
}

/// Whether a page that gave no profile was empty: a shell the site fills
/// in later (no words to read, no structured data).
pub fn is_empty_page(doc: &Html) -> bool {
    let words = doc.select(selector("body")).next().map(|b| block_text(b).split_whitespace().count()).unwrap_or(0);
    words < 3 && doc.select(selector(r#"script[type="application/ld+json" i]"#)).next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(html: &str) -> Option<Unread> {
        detect(&Html::parse_document(html), &[])
    }

    #[test]
    fn titles_walls_and_challenges() {
        assert_eq!(
            state("<title>Page not found · GitHub</title><p>Find code, projects and people</p>"),
            Some(Unread::NotFound)
        );
        assert_eq!(state("<title>Profile Not Found | LinkedIn</title><p>x y z w</p>"), Some(Unread::NotFound));
        assert_eq!(state("<title>Just a moment...</title><p>Checking your browser</p>"), Some(Unread::Challenge));
        let captcha = "<title>Example</title><p>Please confirm</p><div class=\"g-recaptcha\" data-sitekey=\"k\"></div>";
        assert_eq!(state(captcha), Some(Unread::Challenge));
        assert_eq!(
            state("<meta http-equiv=\"refresh\" content=\"1;url=https://www.linkedin.com\"><script>x()</script>"),
            Some(Unread::Challenge)
        );
        assert!(is_empty_page(&Html::parse_document("<title>LinkedIn</title><body></body>")));
        // An error sent as a few words of text.
        assert_eq!(state("<pre>not found</pre>"), Some(Unread::NotFound));
        assert_eq!(state("<h1>404 Not Found</h1><hr><p>nginx</p>"), Some(Unread::NotFound));
        assert_eq!(state("<p>Too Many Requests</p>"), Some(Unread::Challenge));
        assert!(!is_empty_page(&Html::parse_document("<p>Hyon Kwon</p><p>Seoul</p>")));
    }

    #[test]
    fn sign_in_titles_only_when_they_are_the_whole_title() {
        assert_eq!(state("<title>Sign Up | LinkedIn</title><h1>Join LinkedIn</h1>"), Some(Unread::SignInWall));
        assert_eq!(state("<title>LinkedIn: Log In or Sign Up</title><p>Welcome</p>"), Some(Unread::SignInWall));
        assert_eq!(state("<title>Sign in to GitHub · GitHub</title><p>Username</p>"), Some(Unread::SignInWall));
        assert_eq!(state("<title>Login systems I built - Ana Lima</title><p>Engineer in Porto</p>"), None);
    }

    #[test]
    fn a_profile_with_a_contact_form_captcha_or_a_404_in_its_text_is_read() {
        let words = "I build payment systems and write about them. ".repeat(20);
        let page = format!("<title>Ana Lima</title><p>{words}</p><form><div class=\"g-recaptcha\"></div></form>");
        assert_eq!(state(&page), None);
        assert_eq!(state("<title>Ana Lima — fixed 404 pages at Acme</title><p>Engineer in Porto</p>"), None);
    }
}
