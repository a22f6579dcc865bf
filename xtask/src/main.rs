//! Project tasks: `cargo xtask <task>`. This file only dispatches.

mod build;
mod icon;
mod setup;
mod util;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <task>

  build           build the wasm core, the unpacked extension (dist/chrome) and its zip, and www (dist/www)
  demo [--headless] [--team]
                  build, serve the bundled demo pages and open Chromium with the extension on them;
                  --headless (automatic without a display) prints each panel's findings and saves screenshots;
                  --team shows agency mode: a team server on loopback and two recruiters' browser profiles
  test            everything: fmt, clippy, cargo test, wasm tests in Chromium, end-to-end browser suite
  bench           criterion benchmarks of the core
  setup           install what the others need (wasm target, wasm-bindgen-cli, Chromium, npm packages)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build::run(),
        Some("demo") => demo(&args[1..]),
        Some("test") => test(),
        Some("bench") => {
            util::run("cargo", &["bench", "--bench", "analysis", "--bench", "screening", "--bench", "store"])
        }
        Some("setup") => setup::run(),
        _ => {
            eprintln!("{HELP}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn demo(args: &[String]) -> util::Result {
    setup::run()?;
    build::run()?;
    let headless = args.iter().any(|a| a == "--headless") || std::env::var_os("DISPLAY").is_none();
    let mut node_args = vec!["tests/e2e/demo.mjs"];
    if headless {
        node_args.push("--headless");
    }
    if args.iter().any(|a| a == "--team") {
        node_args.push("--team");
    }
    util::run("node", &node_args)
}

fn test() -> util::Result {
    setup::run()?;
    util::run("cargo", &["fmt", "--all", "--check"])?;
    util::run("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    util::run("cargo", &["test", "--workspace"])?;
    // The browser layer, in headless Chromium (runner configured in .cargo/config.toml).
    util::run_env(
        "cargo",
        &["test", "--target", "wasm32-unknown-unknown", "--test", "web"],
        &[("CHROMEDRIVER", "/usr/bin/chromedriver")],
    )?;
    build::run()?;
    util::run("node", &["--test", "--test-concurrency=1", "tests/e2e/"])
}
