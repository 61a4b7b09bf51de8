use clap::Parser;

fn main() {
    let cli = somsim::cli::Cli::parse();
    if let Err(failure) = somsim::cli::run(cli) {
        match &failure {
            somsim::cli::Failure::Input(msg) => eprintln!("{msg}"),
            somsim::cli::Failure::Other(e) => eprintln!("error: {e:#}"),
        }
        std::process::exit(failure.exit_code());
    }
}
