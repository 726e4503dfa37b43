//! The `apigw-cost` binary: parse the command line, run, print any error, exit 0/1/2.

fn main() {
    let cli = apigw_cost::cli::parse();
    if let Err(e) = apigw_cost::cli::run(cli) {
        apigw_cost::cli::to_stderr(&e);
        std::process::exit(e.exit_code());
    }
}
