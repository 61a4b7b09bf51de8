use clap::Parser;
use somsim::report::format::printable;

fn main() {
    // Interrupted (SIGINT, SIGTERM, SIGHUP), remove this run's temporary output files before
    // exiting: an output is either complete and in place, or absent.
    let _ = ctrlc::set_handler(|| {
        somsim::cli::output::remove_pending();
        std::process::exit(130);
    });
    let cli = somsim::cli::Cli::parse();
    if let Err(failure) = somsim::cli::run(cli) {
        match &failure {
            somsim::cli::Failure::Input(msg) => eprintln!("{}", printable(msg)),
            somsim::cli::Failure::Other(e) => eprintln!("error: {}", printable(&format!("{e:#}"))),
        }
        std::process::exit(failure.exit_code());
    }
}
