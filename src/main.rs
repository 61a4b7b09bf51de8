fn main() {
    // Interrupted (SIGINT, SIGTERM, SIGHUP), remove this run's temporary output files before
    // exiting: an output is either complete and in place, or absent.
    let _ = ctrlc::set_handler(|| {
        somsim::cli::output::remove_pending();
        std::process::exit(130);
    });
    let cli = somsim::cli::Cli::parse_args();
    // The command's language: its `--lang`, else `SOMSIM_LANG`.
    let lang = cli.lang();
    if let Err(failure) = somsim::cli::run(cli) {
        // Not `eprintln!`, which panics (exit code 101) when standard error is a closed pipe.
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "{}", failure.render(lang));
        std::process::exit(failure.exit_code());
    }
}
