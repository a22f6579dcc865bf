//! The native `vetter` command; all logic is in the library.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = vetter::cli::main(&args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(code);
}

// The command is native only; on wasm32 (built while testing the browser
// layer) there is nothing to run.
#[cfg(target_arch = "wasm32")]
fn main() {}
