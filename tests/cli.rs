//! The `vetter` command, run as a user would (see docs/cli.md).

use std::process::Command;

fn vetter(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vetter"))
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

#[test]
fn imported_lists_add_matches_and_a_bad_list_is_skipped_not_fatal() {
    let dir = std::env::temp_dir().join(format!("vetter-lists-{}", std::process::id()));
    let case = dir.join("case");
    std::fs::create_dir_all(&case).unwrap();
    std::fs::write(
        case.join("page.html"),
        "<!-- saved from url=(0026)https://github.com/hkwon77 -->\n<div class=h-card><span class='p-name vcard-fullname'>Hyon Kwon</span></div>",
    )
    .unwrap();
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
    assert_eq!(finding["severity"], "critical");
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
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
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
