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
        /// Print where the time went: per stage and per template
        #[arg(long)]
        timings: bool,
        /// Render and write every file, without the build cache (.loa-cache/build/)
        #[arg(long)]
        no_cache: bool,
    },
    /// Preview the site, rebuilding on every change; browser tabs reload themselves
    Serve {
        /// The site's folder (where site.yaml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on (0: any free port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Leave out pages marked draft: true (shown by default, with a banner)
        #[arg(long)]
        no_drafts: bool,
        /// Kept for old scripts: drafts are shown by default
        #[arg(long, hide = true)]
        drafts: bool,
        /// Allow listening on an address other machines can reach
        #[arg(long)]
        allow_remote: bool,
    },
    /// Check everything a build would, and what to fix before publishing; write nothing
    Check {
        /// The site's folder (where site.yaml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// text for people, json for tools
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// Create a new explainer file with its front matter filled in
    New {
        /// The explainer's title, e.g. "Chuyển đổi số là gì?"
        title: String,
        /// The section folder below content/, e.g. hieu-dung
        #[arg(long)]
        section: Option<String>,
        /// The site's folder (where site.yaml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Turn a Word document (.docx) into a new draft explainer, its pictures beside it
    Import {
        /// The Word document, e.g. bai-viet.docx
        file: PathBuf,
        /// The section folder below content/, e.g. hieu-dung
        #[arg(long)]
        section: Option<String>,
        /// The site's folder (where site.yaml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new site in an empty folder, ready to build
    Init {
        /// The folder to create the site in (missing or empty)
        dir: PathBuf,
    },
    /// Report what was published, read and aired in a period; or merge units' reports
    Report {
        /// The site's folder (where site.yaml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// First day, month, quarter or year: 2026-04-15, 2026-04, 2026-Q2, 2026
        #[arg(long)]
        from: Option<String>,
        /// Last day, month, quarter or year (default: as --from; neither: this month)
        #[arg(long)]
        to: Option<String>,
        /// Only the explainers of this unit (their `unit:`)
        #[arg(long)]
        unit: Option<String>,
        /// Web-server access logs (combined or common, plain or .gz), any number
        #[arg(long = "access-log", value_name = "FILE", num_args = 1.., action = clap::ArgAction::Append)]
        access_log: Vec<PathBuf>,
        /// Broadcast logs (CSV: date,time,station,explainer,duration_seconds)
        #[arg(long = "broadcast-log", value_name = "FILE", num_args = 1.., action = clap::ArgAction::Append)]
        broadcast_log: Vec<PathBuf>,
        /// Units' JSON reports to merge into one
        #[arg(long, value_name = "REPORT.json", num_args = 1.., action = clap::ArgAction::Append)]
        merge: Vec<PathBuf>,
        /// docx, xlsx, html, md, csv or json (default: from --output's extension; md)
        #[arg(long)]
        format: Option<String>,
        /// The file to write (default: Markdown on standard output)
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Publish the site to the portal's server or storage: build, send what changed, switch at once
    Deploy {
        /// The site's folder (where site.yaml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The target's name in the deploy: block of site.yaml (default: the first)
        #[arg(long)]
        target: Option<String>,
        /// Show what would be sent, kept and deleted; change nothing
        #[arg(long)]
        dry_run: bool,
        /// Do not ask; allow deleting more than max_deletes
        #[arg(long)]
        yes: bool,
        /// List the releases, the live one marked
        #[arg(long, conflicts_with_all = ["dry_run", "rollback"])]
        list: bool,
        /// Switch back to the release before the live one, or to RELEASE
        #[arg(long, value_name = "RELEASE", num_args = 0..=1, default_missing_value = "", conflicts_with = "dry_run")]
        rollback: Option<String>,
        /// Deploy public/ as the last build left it, without building
        #[arg(long)]
        no_build: bool,
    },
}

pub fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let lang = crate::help::early_lang(&args);
    let parsed = crate::help::command(<Cli as clap::CommandFactory>::command(), lang)
        .try_get_matches_from(&args)
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            if !e.use_stderr() {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            match usage_error_vi(&e).filter(|_| lang == Lang::Vi) {
                Some(text) => eprintln!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Build { root, output, base_url, drafts, timings, no_cache } => {
            let progress = std::sync::Arc::new(crate::timings::Timings::new(true));
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                timings: progress,
                no_cache,
                ..Default::default()
            };
            let code = run_build(&options, cli.lang.as_deref());
            if timings {
                eprint!("{}", options.timings.report());
            }
            code
        }
        Command::Serve { root, bind, port, no_drafts, drafts: _, allow_remote } => {
            let options = crate::serve::ServeOptions { root, bind, port, drafts: !no_drafts, allow_remote };
            match crate::serve::run(options, cli.lang.as_deref()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("{message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Check { root, format } => run_check(&root, &format, cli.lang.as_deref()),
        Command::New { title, section, root } => {
            let lang = message_lang(cli.lang.as_deref(), &root);
            report_one(
                crate::scaffold::new_explainer(&root, &title, section.as_deref()),
                lang,
                &root,
                |made| Message::CreatedDraft { path: made.path, sections: made.sections },
            )
        }
        Command::Import { file, section, root } => {
            let lang = message_lang(cli.lang.as_deref(), &root);
            report_one(crate::import::import_docx(&root, &file, section.as_deref()), lang, &root, |made| {
                Message::Imported {
                    path: made.path,
                    pictures: made.pictures,
                    sections: made.sections,
                    skipped: made.skipped,
                }
            })
        }
        Command::Report { root, from, to, unit, access_log, broadcast_log, merge, format, output } => {
            let options = crate::report::ReportOptions {
                root,
                from,
                to,
                unit,
                access_logs: access_log,
                broadcast_logs: broadcast_log,
                merge,
                format,
                output,
            };
            run_report(&options, cli.lang.as_deref())
        }
        Command::Deploy { root, target, dry_run, yes, list, rollback, no_build } => {
            let rollback = rollback.map(|r| Some(r).filter(|r| !r.is_empty()));
            let builds = !no_build && !list && rollback.is_none();
            // A target site.yaml does not have is a usage mistake: said before building.
            if let (Some(config), Some(_)) = (crate::config::SiteConfig::load(&root).0, &target) {
                if let Err(d) = crate::deploy::choose_target(&config.deploy, target.as_deref()) {
                    let lang = message_lang(cli.lang.as_deref(), &root);
                    eprint!("{}", d.sorted().render(lang, &root));
                    return ExitCode::from(2);
                }
            }
            if builds {
                let options = BuildOptions { root: root.clone(), ..Default::default() };
                if run_build(&options, cli.lang.as_deref()) != ExitCode::SUCCESS {
                    return ExitCode::from(1);
                }
            }
            let options = crate::deploy::DeployOptions { root, target, dry_run, yes, list, rollback };
            run_deploy(&options, cli.lang.as_deref())
        }
        Command::Init { dir } => {
            let lang = Lang::from_code(cli.lang.as_deref().unwrap_or("vi"));
            report_one(crate::scaffold::init(&dir).map(|_| dir.clone()), lang, &dir, |path| {
                Message::InitDone { path }
            })
        }
    }
}

/// `--lang`, else the site's language from site.yaml, else Vietnamese.
fn message_lang(flag: Option<&str>, root: &std::path::Path) -> Lang {
    if let Some(flag) = flag {
        return Lang::from_code(flag);
    }
    let (config, _) = crate::config::SiteConfig::load(root);
    Lang::from_code(config.map_or("vi".to_string(), |c| c.language).as_str())
}

fn report_one<T>(
    result: Result<T, crate::diagnostics::Diagnostic>,
    lang: Lang,
    root: &std::path::Path,
    done: impl FnOnce(T) -> Message,
) -> ExitCode {
    match result {
        Ok(value) => {
            println!("{}", done(value).text(lang));
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(lang, root));
            ExitCode::from(1)
        }
    }
}

fn run_check(root: &std::path::Path, format: &str, lang_flag: Option<&str>) -> ExitCode {
    let options = BuildOptions { root: root.to_path_buf(), ..Default::default() };
    let report = crate::check::check(&options);
    let lang = Lang::from_code(lang_flag.or(report.language.as_deref()).unwrap_or("vi"));
    let diagnostics = report.diagnostics.sorted();
    let errors = diagnostics.error_count();
    if format == "json" {
        println!("{}", crate::check::to_json(&diagnostics, lang, root));
    } else {
        print!("{}", diagnostics.render(lang, root));
        let warnings = diagnostics.iter().count() - errors;
        println!("{}", Message::CheckSummary { errors, warnings }.text(lang));
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_report(options: &crate::report::ReportOptions, lang_flag: Option<&str>) -> ExitCode {
    let root = &options.root;
    let fallback = || message_lang(lang_flag, root);
    let made = match crate::report::make(options, lang_flag) {
        Ok(made) => made,
        Err(crate::report::Failure::Usage(d)) => {
            eprintln!("{}", d.render(fallback(), root));
            return ExitCode::from(2);
        }
        Err(crate::report::Failure::Errors(diagnostics)) => {
            eprint!("{}", diagnostics.sorted().render(fallback(), root));
            return ExitCode::from(1);
        }
    };
    let lang = made.lang;
    eprint!("{}", made.diagnostics.clone().sorted().render(lang, root));
    match crate::report::write(&made, options.output.as_deref()) {
        Ok(written) => {
            if let Some(path) = written.first().cloned() {
                let explainers = made.report.explainers.len();
                eprintln!("{}", Message::ReportWritten { path, explainers }.text(lang));
            }
            if written.len() > 1 {
                eprintln!("{}", Message::ReportTablesBeside { count: written.len() - 1 }.text(lang));
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(lang, root));
            ExitCode::from(1)
        }
    }
}

fn run_deploy(options: &crate::deploy::DeployOptions, lang_flag: Option<&str>) -> ExitCode {
    use crate::deploy::Outcome;
    use crate::messages::DeployMessage as D;
    let root = &options.root;
    let lang = message_lang(lang_flag, root);
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stdin());
    let mut confirm = |question: &Message| {
        if !interactive {
            return true;
        }
        eprint!("{}", question.text(lang));
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        matches!(answer.trim().to_lowercase().as_str(), "c" | "có" | "co" | "y" | "yes")
    };
    let outcome = match crate::deploy::run(options, &mut confirm) {
        Ok(outcome) => outcome,
        Err(diagnostics) => {
            eprint!("{}", diagnostics.sorted().render(lang, root));
            return ExitCode::from(1);
        }
    };
    let say = |m: D| println!("{}", Message::Deploy(m).text(lang));
    match outcome {
        Outcome::Listed { place, state } => {
            say(D::ListHeading { place });
            if state.releases.is_empty() {
                say(D::ListEmpty);
            }
            for release in state.releases.iter().rev() {
                say(D::ListLine {
                    time: crate::deploy::releases::local_time(&release.name),
                    files: release.totals.map(|t| t.files),
                    bytes: release.totals.map(|t| t.bytes),
                    live: state.live.as_deref() == Some(release.name.as_str()),
                    release: release.name.clone(),
                });
            }
        }
        Outcome::WouldSend { place, counts } => say(D::WouldSend {
            place,
            send: counts.send,
            bytes: counts.bytes,
            unchanged: counts.unchanged,
            delete: counts.delete,
        }),
        Outcome::WouldChangeNothing { place } => say(D::WouldChangeNothing { place }),
        Outcome::AlreadyLive { place, release } => say(D::AlreadyLive { place, release }),
        Outcome::Deployed { place, record, seconds, log_failure } => {
            println!("{}", crate::deploy::deployed(place, record, seconds).text(lang));
            if let Some(d) = log_failure {
                eprintln!("{}", d.render(lang, root));
            }
        }
        Outcome::RolledBack { place, record, log_failure } => {
            say(D::RolledBack { place, release: record.release });
            if let Some(d) = log_failure {
                eprintln!("{}", d.render(lang, root));
            }
        }
        Outcome::Cancelled => {
            say(D::Cancelled);
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
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

/// A usage mistake said in Vietnamese, with the way to see the right usage; `None` for
/// the kinds clap's own text explains better.
fn usage_error_vi(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let suggested = get(ContextKind::SuggestedArg).or_else(|| get(ContextKind::SuggestedSubcommand));
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn {}", get(ContextKind::InvalidArg)?),
        ErrorKind::InvalidSubcommand => format!("không có lệnh {}", get(ContextKind::InvalidSubcommand)?),
        ErrorKind::MissingRequiredArgument => format!("thiếu {}", get(ContextKind::InvalidArg)?),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "chưa nói lệnh nào: build, serve, check, new, init, report hoặc deploy".to_string()
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "giá trị {} không dùng được cho {}{}",
            get(ContextKind::InvalidValue).map(|v| format!("\"{v}\"")).unwrap_or_default(),
            get(ContextKind::InvalidArg)?,
            get(ContextKind::ValidValue).map(|v| format!(" (dùng: {v})")).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => format!(
            "không dùng {} cùng với {}",
            get(ContextKind::InvalidArg)?,
            get(ContextKind::PriorArg).unwrap_or_else(|| "tùy chọn kia".into())
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("thừa giá trị {}", get(ContextKind::InvalidValue)?)
        }
        _ => return None,
    };
    let mut text = format!("lỗi: {what}");
    if let Some(s) = suggested {
        text.push_str(&format!("\n  có phải ý bạn là: {s}"));
    }
    text.push_str("\n  cách sửa: xem cách dùng bằng loa --help (hoặc loa <lệnh> --help)");
    Some(text)
}
