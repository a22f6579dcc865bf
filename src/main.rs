//! The native `vetter` command; all logic is in the library.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = vetter::cli::main(&args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(code);
}
