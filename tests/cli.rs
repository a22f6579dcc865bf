//! The `vetter` command, run as a user would (see docs/cli.md).

use std::process::Command;

fn vetter(args: &[&str]) -> (i32, String, String) {
    vetter_caching_in(&std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-cache"), args)
}

/// `vetter` with its cache of compiled lists in `cache` (never the user's).
fn vetter_caching_in(cache: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vetter"))
        .env("VETTER_CACHE_DIR", cache)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("vetter runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn json_report_has_the_documented_shape_worst_case_first() {
    let (code, out, _) = vetter(&["scan", "--json", "demo/maria-gonzalez", "demo/daniel-kim"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cases = report["cases"].as_array().unwrap();
    assert_eq!(cases[0]["case"], "demo/daniel-kim");
    assert_eq!(cases[0]["risk"]["level"], "high");
    assert_eq!(cases[0]["profiles"].as_array().unwrap().len(), 3);
    let ids: Vec<&str> = cases[0]["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    for expected in [
        "CRYPTO_PAYMENT_REQUEST",
        "OFF_PLATFORM_REQUEST",
        "AVAILABILITY_EVASION",
        "NAME_MISMATCH",
        "LOCATION_MISMATCH",
        "SIMPLE_PORTFOLIO",
    ] {
        assert!(ids.contains(&expected), "{expected} missing from {ids:?}");
    }
    let finding = cases[0]["findings"].as_array().unwrap().iter().find(|f| f["id"] == "NAME_MISMATCH").unwrap();
    for key in ["severity", "title", "explanation", "guidance"] {
        assert!(finding[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    let evidence = finding["evidence"].as_array().unwrap();
    assert!(evidence.iter().any(|e| e["value"] == "Jin Park" && e["profile"] == "https://github.com/dkim-builds"));
    assert_eq!(cases[1]["case"], "demo/maria-gonzalez");
    assert_eq!(cases[1]["risk"]["level"], "none");
    assert_eq!(cases[1]["findings"].as_array().unwrap().len(), 0);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 0);
}

#[test]
fn text_report_names_findings_and_evidence() {
    let (code, out, _) = vetter(&["scan", "demo/daniel-kim"]);
    assert_eq!(code, 0);
    assert!(out.contains("[medium] LOCATION_MISMATCH"), "{out}");
    assert!(out.contains("\"Warsaw, Poland\" (read as Poland)"), "{out}");
    assert!(out.contains("why: CRYPTO_PAYMENT_REQUEST (high, weight 45)"), "{out}");
}

#[test]
fn unreadable_input_is_skipped_with_its_reason_and_exit_1() {
    let dir = std::env::temp_dir().join(format!("vetter-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("noaddress.html"), "<p>hello</p>").unwrap();
    std::fs::copy("demo/daniel-kim/github.html", dir.join("github.html")).unwrap();
    let (code, out, _) = vetter(&["scan", "--json", dir.to_str().unwrap(), "no/such/dir"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["cases"].as_array().unwrap().len(), 1, "the readable case is still processed");
    let skipped = report["skipped"].as_array().unwrap();
    assert!(skipped.iter().any(|s| s["path"].as_str().unwrap().ends_with("noaddress.html")
        && s["reason"].as_str().unwrap().contains("address")));
    assert!(skipped.iter().any(|s| s["path"] == "no/such/dir"));
}

/// A saved GitHub page of "Hyon Kwon", the name the list tests screen.
const HYON_KWON_PAGE: &str = "<!-- saved from url=(0026)https://github.com/hkwon77 -->\n<div class=h-card><span class='p-name vcard-fullname'>Hyon Kwon</span></div>";

#[test]
fn imported_lists_add_matches_and_a_bad_list_is_skipped_not_fatal() {
    let dir = std::env::temp_dir().join(format!("vetter-lists-{}", std::process::id()));
    let case = dir.join("case");
    std::fs::create_dir_all(&case).unwrap();
    std::fs::write(case.join("page.html"), HYON_KWON_PAGE).unwrap();
    let sdn = dir.join("SDN.CSV");
    std::fs::write(&sdn, "90001,\"KWON, Hyon\",\"individual\",\"DPRK2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n")
        .unwrap();
    let broken = dir.join("broken.csv");
    std::fs::write(&broken, "type,value,source\nwallet,nope,rumour\n").unwrap();
    let (code, out, _) = vetter(&[
        "scan",
        "--json",
        "--sanctions",
        sdn.to_str().unwrap(),
        "--iocs",
        broken.to_str().unwrap(),
        case.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1, "a list that cannot be imported is reported");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report["skipped"][0]["reason"].as_str().unwrap().contains("line 2"));
    let finding = &report["cases"][0]["findings"][0];
    assert_eq!(finding["id"], "SANCTIONS_MATCH");
    // The same name, and nothing else the list records on the page: a
    // potential match to verify, not a verdict.
    assert_eq!(finding["severity"], "high");
    assert_eq!(finding["title"], "Same name as a listed person");
}

/// Lists are compiled once and loaded from the cache after; the cache
/// follows the files (a changed file is read again) and a damaged cache is
/// rebuilt, never trusted.
#[test]
fn compiled_lists_are_cached_and_follow_their_files() {
    let dir = std::env::temp_dir().join(format!("vetter-list-cache-{}", std::process::id()));
    let (case, cache) = (dir.join("case"), dir.join("cache"));
    std::fs::create_dir_all(&case).unwrap();
    std::fs::write(case.join("page.html"), HYON_KWON_PAGE).unwrap();
    let sdn = dir.join("SDN.CSV");
    let row =
        |name: &str| format!("90001,\"{name}\",\"individual\",\"DPRK2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
    std::fs::write(&sdn, row("KWON, Hyon")).unwrap();
    let args = ["scan", "--json", "--sanctions", sdn.to_str().unwrap(), case.to_str().unwrap()];
    let listed = |out: &str| {
        let report: serde_json::Value = serde_json::from_str(out).unwrap();
        report["cases"][0]["findings"].as_array().unwrap().iter().any(|f| f["id"] == "SANCTIONS_MATCH")
    };
    let (code, first, _) = vetter_caching_in(&cache, &args);
    assert_eq!(code, 0);
    assert!(listed(&first));
    let stored = cache.join("lists.bin");
    let compiled = std::fs::read(&stored).expect("the compiled lists are cached");
    let written = std::fs::metadata(&stored).unwrap().modified().unwrap();
    let (_, second, _) = vetter_caching_in(&cache, &args);
    assert_eq!(second, first, "the cached lists answer as the parsed ones");
    assert_eq!(std::fs::metadata(&stored).unwrap().modified().unwrap(), written, "a cache hit writes nothing");

    let mut damaged = compiled.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x20;
    std::fs::write(&stored, &damaged).unwrap();
    let (_, third, _) = vetter_caching_in(&cache, &args);
    assert_eq!(third, first, "a damaged cache is rebuilt");
    assert_eq!(std::fs::read(&stored).unwrap(), compiled);

    std::fs::write(&sdn, row("PARK, Ji Hoon")).unwrap();
    let (_, changed, _) = vetter_caching_in(&cache, &args);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!listed(&changed), "a changed list file is read again: {changed}");
}

#[test]
fn the_same_phone_on_two_candidates_flags_both_cases() {
    let root = std::env::temp_dir().join(format!("vetter-shared-{}", std::process::id()));
    let page = |url: &str, name: &str, phone: &str| {
        format!(
            "<!-- saved from url=({:04}){url} -->\n<title>{name}</title><script type=\"application/ld+json\">{{\"@type\":\"Person\",\"name\":\"{name}\",\"telephone\":\"{phone}\"}}</script>",
            url.len()
        )
    };
    for (dir, url, name, phone) in [
        ("a", "https://daniel-foster.example/", "Daniel Foster", "+1 (470) 555-0123"),
        ("b", "https://jin-park.example/", "Jin Park", "+1 470 555 0123"),
        ("c", "https://someone-else.example/", "Ana Silva", "+351 555 010 999"),
    ] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        std::fs::write(root.join(dir).join("site.html"), page(url, name, phone)).unwrap();
    }
    let dirs: Vec<String> = ["a", "b", "c"].iter().map(|d| root.join(d).display().to_string()).collect();
    let (code, out, _) = vetter(&["scan", "--json", &dirs[0], &dirs[1], &dirs[2]]);
    std::fs::remove_dir_all(&root).unwrap();
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    for case in report["cases"].as_array().unwrap() {
        let shared = case["findings"].as_array().unwrap().iter().any(|f| f["id"] == "SHARED_IDENTIFIER");
        let is_c = case["case"].as_str().unwrap().ends_with('c');
        assert_eq!(shared, !is_c, "{}", case["case"]);
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(vetter(&[]).0, 2);
    assert_eq!(vetter(&["scan"]).0, 2);
    assert_eq!(vetter(&["scan", "--bogus", "demo"]).0, 2);
    assert_eq!(vetter(&["--help"]).0, 0);
}

#[test]
fn scan_reads_saved_pages_of_every_supported_site() {
    let sites = [
        "upwork",
        "freelancer",
        "fiverr",
        "toptal",
        "linkedin",
        "github",
        "indeed",
        "wellfound",
        "stackoverflow",
        "guru",
        "peopleperhour",
    ];
    let dirs: Vec<String> = sites.iter().map(|s| format!("tests/fixtures/pages/{s}")).collect();
    let mut args = vec!["scan", "--json"];
    args.extend(dirs.iter().map(String::as_str));
    let (code, out, err) = vetter(&args);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Only the pages of sign-in walls, errors, bot checks and lists (most of
    // them modelled on real ones) are skipped, each with the reason.
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(code, i32::from(!skipped.is_empty()), "{err}");
    assert!(skipped.len() >= 4, "{skipped:?}");
    for s in skipped {
        let (path, reason) = (s["path"].as_str().unwrap(), s["reason"].as_str().unwrap());
        assert!(
            (path.contains("/real-") || path.ends_with("authwall.html")) && reason.contains("nothing was read"),
            "{path}: {reason}"
        );
    }
    for site in sites {
        let case = report["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["case"].as_str().unwrap().ends_with(site))
            .unwrap_or_else(|| panic!("no case for {site}"));
        let profiles = case["profiles"].as_array().unwrap();
        assert!(profiles.len() >= 3, "{site}: {} profiles", profiles.len());
        assert!(profiles.iter().all(|p| p["site"] == site), "{site}: {profiles:?}");
        assert!(profiles.iter().all(|p| p["name"].is_string() || p["handle"].is_string()), "{site}");
    }
}

const TEMPLATE: &str =
    "Hello! I am NAME, a senior full stack engineer with 8 years of experience building scalable web \
    applications for startups and enterprises across fintech, healthcare and e-commerce. I take ownership of every \
    project from the first sketch to deployment, communicate daily and deliver clean, tested code on time.";

/// A saved personal site with a bio and a photo saved beside it.
fn candidate_dir(root: &std::path::Path, dir: &str, name: &str, bio: &str, photo: Option<(u32, u8)>) -> String {
    let path = root.join(dir);
    std::fs::create_dir_all(path.join("site_files")).unwrap();
    let url = format!("https://{dir}-portfolio.example/");
    let first = name.split(' ').next().unwrap();
    let html = format!(
        "<!-- saved from url=({:04}){url} -->\n<title>{name}</title><script type=\"application/ld+json\">{{\"@type\":\"Person\",\"name\":\"{name}\",\"description\":\"{}\",\"image\":\"site_files/me.png\"}}</script>",
        url.len(),
        bio.replace("NAME", first)
    );
    std::fs::write(path.join("site.html"), html).unwrap();
    if let Some((side, pose)) = photo {
        // A synthetic portrait: a bright oval on a gradient with texture.
        let img = image::RgbaImage::from_fn(side, side, |x, y| {
            let (fx, fy) = (x as f64 / side as f64, y as f64 / side as f64);
            // `pose` moves the face and changes the background: another picture.
            let pose = f64::from(pose);
            let (dx, dy) = ((fx - 0.5 + pose * 0.15) / 0.28, (fy - 0.45) / 0.36);
            let face = if dx * dx + dy * dy < 1.0 { 110.0 } else { 0.0 };
            let v = (50.0 + 90.0 * fy + face + 40.0 * (fx * (9.0 + 4.0 * pose)).sin() * (fy * 6.0).cos())
                .clamp(0.0, 255.0) as u8;
            image::Rgba([v, v.saturating_sub(20), v / 2, 255])
        });
        img.save(path.join("site_files/me.png")).unwrap();
    }
    path.display().to_string()
}

fn flags_of(report: &serde_json::Value, case_suffix: &str) -> Vec<String> {
    let case = report["cases"].as_array().unwrap().iter().find(|c| c["case"].as_str().unwrap().ends_with(case_suffix));
    case.unwrap()["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_shared_bio_template_and_photo_flag_both_candidates_and_a_stranger_stays_clear() {
    let root = std::env::temp_dir().join(format!("vetter-reuse-{}", std::process::id()));
    let edited = TEMPLATE.replace("8 years", "9 years").replace("daily", "every day");
    let other = "Data scientist and former statistics teacher. I turn messy spreadsheets into clear dashboards, \
        explain results to people who are not analysts, and work mostly in Python and R with a paid trial first.";
    let a = candidate_dir(&root, "a", "Daniel Kim", TEMPLATE, Some((240, 0)));
    let b = candidate_dir(&root, "b", "Ahmed Salem", &edited, Some((97, 0)));
    let c = candidate_dir(&root, "c", "Maria Gonzalez", other, Some((240, 1)));
    let (code, out, err) = vetter(&["scan", "--json", &a, &b, &c]);
    std::fs::remove_dir_all(&root).unwrap();
    assert_eq!(code, 0, "{err}\n{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    for case in ["a", "b"] {
        let flags = flags_of(&report, case);
        assert!(flags.contains(&"TEMPLATE_REUSE".to_string()), "{case}: {flags:?}");
        assert!(flags.contains(&"PHOTO_REUSE".to_string()), "{case}: {flags:?}");
    }
    assert!(flags_of(&report, "c").iter().all(|f| !f.ends_with("_REUSE")), "{:?}", flags_of(&report, "c"));
    let a_case =
        report["cases"].as_array().unwrap().iter().find(|c| c["case"].as_str().unwrap().ends_with('a')).unwrap();
    let template = a_case["findings"].as_array().unwrap().iter().find(|f| f["id"] == "TEMPLATE_REUSE").unwrap();
    assert!(template["explanation"].as_str().unwrap().contains("Ahmed Salem"), "{template}");
}

#[test]
fn a_persistent_store_compares_a_new_case_with_earlier_runs() {
    let root = std::env::temp_dir().join(format!("vetter-store-{}", std::process::id()));
    let store = root.join("store");
    let a = candidate_dir(&root, "a", "Daniel Kim", TEMPLATE, Some((240, 0)));
    let (code, _, err) = vetter(&["scan", "--json", "--store", store.to_str().unwrap(), &a]);
    assert_eq!(code, 0, "{err}");
    let records = std::fs::read_dir(&store).unwrap().count();
    assert!(records >= 1, "the first run's case is stored");
    let b = candidate_dir(&root, "b", "Ahmed Salem", TEMPLATE, Some((120, 0)));
    let (_, out, _) = vetter(&["scan", "--json", "--store", store.to_str().unwrap(), &b]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let flags = flags_of(&report, "b");
    assert!(flags.contains(&"TEMPLATE_REUSE".to_string()) && flags.contains(&"PHOTO_REUSE".to_string()), "{flags:?}");
    // A damaged record is reported and left on disk; the rest still counts.
    // Records are named by their key, hex-encoded: `dir:<folder>|<address>`.
    let key = format!("dir:{a}|https://a-portfolio.example/");
    let victim = store.join(format!("{}.json", key.bytes().map(|b| format!("{b:02x}")).collect::<String>()));
    assert!(victim.is_file(), "{}", victim.display());
    std::fs::write(&victim, "{\"schema\":2,").unwrap();
    let (code, out, _) = vetter(&["scan", "--json", "--store", store.to_str().unwrap(), &b]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report["skipped"][0]["reason"].as_str().unwrap().contains("left as it is"), "{report}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "{\"schema\":2,");
    std::fs::remove_dir_all(&root).unwrap();
}

/// A real LinkedIn career (the skeleton of a saved page): a co-founded
/// company and two board seats, marked "Full-time", held with a job.
#[test]
fn board_seats_on_a_real_profile_are_not_flagged() {
    let dir = std::env::temp_dir().join(format!("vetter-board-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("tests/fixtures/pages/linkedin/real-2024-loggedin-board.html", dir.join("profile.html")).unwrap();
    let (code, out, err) = vetter(&["scan", "--json", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let case = &report["cases"][0];
    assert_eq!(case["profiles"][0]["work"].as_array().unwrap().len(), 5, "{case}");
    assert_eq!(case["findings"], serde_json::json!([]), "{case}");
}

/// A page of a supported site that gives fewer fields than the site shows
/// says which ones, in the text report and in the JSON.
#[test]
fn partial_reads_name_the_fields_not_read() {
    let dir = std::env::temp_dir().join(format!("vetter-partial-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("tests/fixtures/pages/linkedin/sparse.html", dir.join("profile.html")).unwrap();
    let (_, text, _) = vetter(&["scan", dir.to_str().unwrap()]);
    let (_, json, _) = vetter(&["scan", "--json", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(text.contains("! Location not found on this page: the site's layout may have changed"), "{text}");
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(report["cases"][0]["profiles"][0]["missing"].as_array().unwrap().contains(&serde_json::json!("location")));
}

/// Issue #15: two different candidates whose overviews are the same 60
/// words except one number and one technology are one template.
#[test]
fn overviews_differing_by_a_number_and_a_technology_are_one_template() {
    let root = std::env::temp_dir().join(format!("vetter-overview-{}", std::process::id()));
    let overview = "I am a results-driven software engineer with YEARS years of hands-on experience designing, \
        building and maintaining web platforms with TECH for clients in North America and Europe. I care about \
        clear communication, honest estimates and code that the next developer can read. I am available for long \
        term contracts, comfortable with agile teams, and I reply to messages within a few hours on working days.";
    assert!((55..=65).contains(&overview.split_whitespace().count()), "{}", overview.split_whitespace().count());
    let a = candidate_dir(&root, "a", "Daniel Kim", &overview.replace("YEARS", "7").replace("TECH", "React"), None);
    let b = candidate_dir(&root, "b", "Ahmed Salem", &overview.replace("YEARS", "9").replace("TECH", "Angular"), None);
    let (code, out, err) = vetter(&["scan", "--json", &a, &b]);
    std::fs::remove_dir_all(&root).unwrap();
    assert_eq!(code, 0, "{err}\n{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    for case in ["a", "b"] {
        assert!(
            flags_of(&report, case).contains(&"TEMPLATE_REUSE".to_string()),
            "{case}: {:?}",
            flags_of(&report, case)
        );
    }
}

/// Issue #15: reviews mostly from one client, read from a marketplace page
/// that shows reviewers and dates, are RATING_ANOMALY; the same page with
/// its reviews from different clients is not.
#[test]
fn reviews_mostly_from_one_client_on_a_page_are_a_rating_anomaly() {
    let page = std::fs::read_to_string("tests/fixtures/pages/freelancer/complete.html").unwrap();
    let start = page.find("<fl-list-item>").unwrap();
    let end = page[start..].find("</fl-list-item>").unwrap() + start + "</fl-list-item>".len();
    let first_review = &page[start..end];
    assert!(first_review.contains("@harborlane_ops"), "the first review is harborlane_ops'");
    // Three more reviews by the same client, on other days.
    let more: String = ["Jan 3, 2025", "Dec 9, 2024", "Oct 21, 2024"]
        .iter()
        .map(|day| first_review.replace("Feb 11, 2025", day).replace("11 Feb 2025", day))
        .collect();
    let repeated = format!("{}{more}{}", &page[..end], &page[end..]);
    let root = std::env::temp_dir().join(format!("vetter-reviews-{}", std::process::id()));
    for (dir, html) in [("one-client", &repeated), ("many-clients", &page)] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        std::fs::write(root.join(dir).join("profile.html"), html).unwrap();
    }
    let (one, many) = (root.join("one-client"), root.join("many-clients"));
    let (code, out, err) = vetter(&["scan", "--json", one.to_str().unwrap(), many.to_str().unwrap()]);
    std::fs::remove_dir_all(&root).unwrap();
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(flags_of(&report, "one-client").contains(&"RATING_ANOMALY".to_string()), "{out}");
    assert!(!flags_of(&report, "many-clients").contains(&"RATING_ANOMALY".to_string()), "{out}");
}

#[test]
fn model_writes_the_trained_message_model_the_core_takes_back() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-behaviour-model.bin");
    let (code, _, err) = vetter(&["model", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("message model written to"), "{err}");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(vetter::rules::message_model::restore_shipped(&bytes), Ok(()));
    for usage in [&["model"][..], &["model", "-o"], &["model", "--json", "x"], &["model", "-o", "a", "b"]] {
        assert_eq!(vetter(usage).0, 2, "{usage:?}");
    }
    let (code, _, err) = vetter(&["model", "-o", "/nonexistent-dir/model.bin"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot write /nonexistent-dir/model.bin"), "{err}");
}
