//! Fairness: no rule may read a country, nationality, script or name origin
//! as a signal. Candidates who are consistent across their profiles must
//! score `none` wherever they are from, including when one profile writes
//! the name in its own script and another romanises it.

use vetter::analysis::analyse;
use vetter::model::{Job, PortfolioMetrics, Profile, Schooling, Site, Sourced};
use vetter::score::Level;

/// (country code, city, country as written, UTC offset, calling code,
///  name in its own script or romanised again, romanised name, short form)
type Candidate =
    (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

const CANDIDATES: &[Candidate] = &[
    ("KP", "Pyongyang", "North Korea", "UTC+9", "850", "리철호", "Ri Chol Ho", "Chol Ho R."),
    ("KR", "Seoul", "South Korea", "UTC+9", "82", "김민수", "Kim Min-su", "Min-su K."),
    ("CN", "Shenyang", "China", "UTC+8", "86", "王伟", "Wang Wei", "Wei W."),
    ("RU", "Moscow", "Russia", "UTC+3", "7", "Дмитрий Иванов", "Dmitry Ivanov", "Dmitry I."),
    ("UA", "Kyiv", "Ukraine", "UTC+2", "380", "Олена Коваль", "Olena Koval", "Olena K."),
    ("VN", "Hanoi", "Vietnam", "UTC+7", "84", "Nguyễn Văn An", "Nguyen Van An", "An N."),
    ("NG", "Lagos", "Nigeria", "UTC+1", "234", "Chukwuemeka Okafor", "Chukwuemeka Okafor", "Chukwuemeka O."),
    ("IN", "Bengaluru", "India", "UTC+5:30", "91", "Priya Raghavan", "Priya Raghavan", "Priya R."),
    ("PK", "Karachi", "Pakistan", "UTC+5", "92", "Hira Siddiqui", "Hira Siddiqui", "Hira S."),
    ("US", "Austin", "United States", "UTC-6", "1", "Daniel Foster", "Dan Foster", "Daniel F."),
    ("PL", "Warsaw", "Poland", "UTC+1", "48", "Katarzyna Wiśniewska", "Katarzyna Wisniewska", "Katarzyna W."),
    ("BR", "São Paulo", "Brazil", "UTC-3", "55", "João Silva", "Joao Silva", "João S."),
    ("GB", "London", "United Kingdom", "UTC+0", "44", "Callum Reid", "Callum Reid", "Callum R."),
    ("EG", "Cairo", "Egypt", "UTC+2", "20", "Karim Hassan", "Karim Hassan", "Karim H."),
    ("PH", "Manila", "Philippines", "UTC+8", "63", "Jasmine Reyes", "Jasmine Reyes", "Jasmine R."),
    ("KE", "Nairobi", "Kenya", "UTC+3", "254", "Wanjiru Kamau", "Wanjiru Kamau", "Wanjiru K."),
    ("JP", "Tokyo", "Japan", "UTC+9", "81", "Sato Haruto", "Haruto Sato", "Haruto S."),
    ("RO", "Bucharest", "Romania", "UTC+2", "40", "Ioana Marinescu", "Ioana Marinescu", "Ioana M."),
];

fn s(v: &str) -> Sourced {
    Sourced::new(v, "fairness test")
}

fn consistent_candidate(c: &Candidate, i: usize) -> Vec<Profile> {
    let (cc, city, country, tz, code, native, romanised, short) = *c;
    let slug = format!("candidate{i}");
    let job = Job {
        employer: Some(format!("{city} Software House")),
        title: Some("Software Engineer".into()),
        start: Some("2019-03".into()),
        end: Some("present".into()),
        source: "t".into(),
        employment: None,
    };
    let school = Schooling {
        school: format!("{city} Technical University"),
        degree: Some("BSc".into()),
        start: Some("2014".into()),
        end: Some("2018".into()),
        source: "t".into(),
    };
    let phone = format!("+{code} 555 010 {:03}", 100 + i);
    let email = format!("{slug}@example.com");
    let with_country = |p: &mut Profile, location: String| {
        p.country = vetter::normalize::location::resolve(&location).map(|pl| pl.country.to_string());
        p.location = Some(s(&location));
    };

    let mut upwork = Profile::empty(format!("https://www.upwork.com/freelancers/~0{i}"), Site::Upwork);
    upwork.name = Some(s(short));
    with_country(&mut upwork, format!("{city}, {country}"));
    upwork.time_zone = Some(s(tz));
    upwork.work = vec![job.clone()];

    let mut github = Profile::empty(format!("https://github.com/{slug}"), Site::Github);
    github.name = Some(s(romanised));
    with_country(&mut github, city.to_string());
    github.emails = vec![s(&email)];
    github.work = vec![Job { title: None, start: None, ..job.clone() }];

    let mut site = Profile::empty(format!("https://{slug}.example/"), Site::Generic);
    site.name = Some(s(native));
    with_country(&mut site, format!("{city}, {cc}"));
    site.phones = vec![s(&phone)];
    site.emails = vec![s(&email)];
    site.time_zone = Some(s(tz));
    site.portfolio =
        Some(PortfolioMetrics { words: 650, projects: 4, project_links: 3, generator: None, placeholders: vec![] });

    // A profile that writes the employer and school in the candidate's own
    // script, and the working hours as an ASCII range.
    let mut linkedin = Profile::empty(format!("https://www.linkedin.com/in/{slug}"), Site::Linkedin);
    linkedin.name = Some(s(romanised));
    with_country(&mut linkedin, format!("{city}, {country}"));
    linkedin.time_zone = Some(s(&format!("Mon-Fri 9-18 {tz}")));
    let (employer, school_name) = match in_own_script(cc) {
        Some((e, s)) => (e.to_string(), s.to_string()),
        None => (job.employer.clone().unwrap_or_default(), school.school.clone()),
    };
    linkedin.work = vec![Job { employer: Some(employer), ..job.clone() }];
    linkedin.education = vec![Schooling { school: school_name, ..school.clone() }];

    site.work = vec![job];
    site.education = vec![school];
    vec![upwork, github, site, linkedin]
}

/// The employer and school as a profile in the candidate's own script
/// writes them (translated, so no rule can match them to the English).
fn in_own_script(cc: &str) -> Option<(&'static str, &'static str)> {
    match cc {
        "KP" => Some(("평양 쏘프트웨어 하우스", "평양기술대학")),
        "KR" => Some(("서울 소프트웨어 하우스", "서울기술대학교")),
        "CN" => Some(("沈阳软件公司", "沈阳技术大学")),
        "RU" => Some(("Московский софтверный дом", "Московский технический университет")),
        "UA" => Some(("Київський програмний дім", "Київський технічний університет")),
        "JP" => Some(("東京ソフトウェアハウス", "東京技術大学")),
        "EG" => Some(("بيت القاهرة للبرمجيات", "جامعة القاهرة التقنية")),
        _ => None,
    }
}

#[test]
fn consistent_candidates_score_none_wherever_they_are_from() {
    // 2026-11-27
    let now_ms = 1_795_776_000_000;
    let mut failures = Vec::new();
    for (i, c) in CANDIDATES.iter().enumerate() {
        let profiles = consistent_candidate(c, i);
        let analysis = analyse(&profiles, &[], now_ms);
        if analysis.risk.level != Level::None || !analysis.findings.is_empty() {
            failures.push(format!(
                "{} ({}): {:?}",
                c.6,
                c.0,
                analysis.findings.iter().map(|f| (&f.id, &f.evidence)).collect::<Vec<_>>()
            ));
        }
    }
    assert!(CANDIDATES.len() >= 15);
    assert!(failures.is_empty(), "consistent candidates were flagged:\n{}", failures.join("\n"));
}

#[test]
fn the_same_structure_with_a_real_inconsistency_is_flagged_everywhere() {
    // The control: the test above is not silent because the rules are blind.
    let now_ms = 1_795_776_000_000;
    for (i, c) in CANDIDATES.iter().enumerate() {
        let mut profiles = consistent_candidate(c, i);
        profiles[1].name = Some(s("Someone Else Entirely"));
        let ids: Vec<String> = analyse(&profiles, &[], now_ms).findings.into_iter().map(|f| f.id).collect();
        assert!(ids.contains(&"NAME_MISMATCH".to_string()), "{} ({}): {ids:?}", c.6, c.0);
    }
}
