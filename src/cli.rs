//! Command-line parsing only: one function per command.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{build, BuildOptions};
use crate::messages::{Lang, Message};

#[derive(Parser, Debug)]
#[command(name = "loa", version, about = "Static site generator for public-awareness explainers")]
pub struct Cli {
    /// Language of messages: vi or en (default: the site's language)
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    pub lang: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the whole site into public/ (or --output)
    Build {
        /// The site's folder (where site.yaml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: public/ inside the site's folder)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace base_url from site.yaml, e.g. https://example.gov.vn/chuyen-doi-so/
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked draft: true
        #[arg(long)]
        drafts: bool,
    },
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Build { root, output, base_url, drafts } => {
            let options = BuildOptions { root, output, base_url, drafts };
            run_build(&options, cli.lang.as_deref())
        }
    }
}

fn run_build(options: &BuildOptions, lang_flag: Option<&str>) -> ExitCode {
    let lang_of = |site_language: Option<&str>| Lang::from_code(lang_flag.or(site_language).unwrap_or("vi"));
    let root = crate::build::display_root(options);
    let stderr = std::io::stderr();
    match build(options) {
        Ok(report) => {
            let lang = lang_of(Some(&report.language));
            let mut err = stderr.lock();
            let _ = write!(err, "{}", report.diagnostics.clone().sorted().render(lang, root));
            for (reason, file) in &report.left_out {
                let shown = file.strip_prefix(root).unwrap_or(file).to_path_buf();
                let _ = writeln!(err, "{}", Message::PageLeftOut { reason: *reason, file: shown }.text(lang));
            }
            println!("{}", report.summary().text(lang));
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let lang = lang_of(failure.language.as_deref());
            let diagnostics = failure.diagnostics.sorted();
            let mut err = stderr.lock();
            let _ = write!(err, "{}", diagnostics.render(lang, root));
            let _ =
                writeln!(err, "{}", Message::BuildFailed { errors: diagnostics.error_count() }.text(lang));
            ExitCode::from(1)
        }
    }
}
