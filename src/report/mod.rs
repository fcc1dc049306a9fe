//! `loa report`: what was published (the site), who read it (access logs) and who heard
//! it (broadcast logs), joined into the report a unit sends the provincial department;
//! or units' reports merged into the department's.
//!
//! Reads the `Site` and log files; writes only the report file(s) it is asked for. The
//! stages: period → inventory → reach → airings → `Report` → one format.

pub mod access_log;
pub mod airings;
pub mod bots;
pub mod deploys;
pub mod distinct;
pub mod formats;
pub mod inventory;
pub mod labels;
pub mod log_line;
pub mod log_reader;
pub mod merge;
pub mod model;
pub mod period;
pub mod tables;
pub mod unit;

use std::path::{Path, PathBuf};

use crate::config::{ReportConfig, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{Lang, Message};
use model::{Partner, Report, Station};
use period::Period;

/// What `loa report` was asked for.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    pub root: PathBuf,
    pub from: Option<String>,
    pub to: Option<String>,
    pub unit: Option<String>,
    pub access_logs: Vec<PathBuf>,
    pub broadcast_logs: Vec<PathBuf>,
    pub merge: Vec<PathBuf>,
    pub format: Option<String>,
    pub output: Option<PathBuf>,
}

/// The file types a report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
    Html,
    Md,
    Csv,
    Json,
}

impl Format {
    fn parse(name: &str) -> Option<Format> {
        Some(match name.trim().trim_start_matches('.').to_ascii_lowercase().as_str() {
            "docx" => Format::Docx,
            "xlsx" => Format::Xlsx,
            "html" | "htm" => Format::Html,
            "md" | "markdown" => Format::Md,
            "csv" => Format::Csv,
            "json" => Format::Json,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// A document a person reads, which names the sender and the recipient.
    fn is_document(self) -> bool {
        matches!(self, Format::Docx | Format::Html | Format::Md)
    }
}

/// Why no report was written.
#[derive(Debug)]
pub enum Failure {
    /// The command line asks for something impossible (exit status 2).
    Usage(Diagnostic),
    /// The site or an input has errors (exit status 1).
    Errors(Diagnostics),
}

/// Names for the document's header and signature, from site.yaml's `report:` block.
#[derive(Debug, Clone, Default)]
pub struct Letterhead {
    pub config: ReportConfig,
    /// The day the report is made, in Vietnam.
    pub today: jiff::civil::Date,
}

/// A report made, in the language it is written in, with what to tell the user.
pub struct Made {
    pub report: Report,
    pub letterhead: Letterhead,
    pub lang: Lang,
    pub format: Format,
    pub diagnostics: Diagnostics,
}

/// `loa 0.1.0`
pub fn generator() -> String {
    format!("loa {}", env!("CARGO_PKG_VERSION"))
}

/// Checks the command line and makes the report (nothing is written yet).
pub fn make(options: &ReportOptions, lang_flag: Option<&str>) -> Result<Made, Failure> {
    let format = output_format(options)?;
    let today = crate::text::dates::today();
    let period = Period::from_args(options.from.as_deref(), options.to.as_deref(), today).map_err(|e| {
        let message = match e {
            period::PeriodError::Unreadable(value) => Message::ReportBadPeriod { value },
            period::PeriodError::Backwards(from, to) => {
                Message::ReportToBeforeFrom { from: from.to_string(), to: to.to_string() }
            }
        };
        Failure::Usage(Diagnostic::error(message).help(Message::HelpPeriodForms))
    })?;
    check_output(options, format)?;
    let reads_logs = !options.access_logs.is_empty() || !options.broadcast_logs.is_empty();
    if !options.merge.is_empty() && (reads_logs || options.unit.is_some()) {
        return Err(Failure::Usage(Diagnostic::error(Message::ReportMergeAlone)));
    }
    let config = SiteConfig::load(&options.root).0;
    let site_lang = config.as_ref().map(|c| c.language.clone());
    let lang = Lang::from_code(lang_flag.or(site_lang.as_deref()).unwrap_or("vi"));
    let letterhead =
        Letterhead { config: config.as_ref().map(|c| c.report.clone()).unwrap_or_default(), today };
    let named = |c: &SiteConfig| {
        c.report.organisation.clone().filter(|o| !o.is_empty()).unwrap_or_else(|| {
            if c.publisher.is_empty() {
                c.title.clone()
            } else {
                c.publisher.clone()
            }
        })
    };

    let mut diagnostics = Diagnostics::new();
    let report = if options.merge.is_empty() {
        let (report, d) = unit::unit_report(options, period)?;
        diagnostics.extend(d);
        report
    } else {
        let mut reports = Vec::new();
        let mut errors = Diagnostics::new();
        for file in &options.merge {
            match merge::read(file) {
                Ok(r) => reports.push((file.clone(), r)),
                Err(e) => errors.push(merge_error(e)),
            }
        }
        if errors.has_errors() {
            return Err(Failure::Errors(errors));
        }
        let unit = config.as_ref().map(named).unwrap_or_default();
        let explicit = (options.from.is_some() || options.to.is_some()).then_some(period);
        let (report, warnings) =
            merge::merge(reports, unit, explicit).map_err(|e| Failure::Errors(merge_error(e).into()))?;
        diagnostics.extend(warnings.into_iter().map(merge_warning).collect());
        report
    };
    if format.is_document() {
        let c = &letterhead.config;
        let settings = [
            ("organisation", &c.organisation),
            ("parent", &c.parent),
            ("recipient", &c.recipient),
            ("place", &c.place),
            ("signer_title", &c.signer_title),
        ];
        let keys: Vec<String> =
            settings.iter().filter(|(_, v)| v.is_none()).map(|(k, _)| k.to_string()).collect();
        if !keys.is_empty() {
            diagnostics.push(
                Diagnostic::warning(Message::ReportMissingSettings { keys: keys.clone() })
                    .in_file(options.root.join(crate::config::CONFIG_FILE))
                    .help(Message::HelpReportSettings { keys }),
            );
        }
    }
    Ok(Made { report, letterhead, lang, format, diagnostics })
}

/// The format asked for, or the one the output's extension names (Markdown on stdout).
fn output_format(options: &ReportOptions) -> Result<Format, Failure> {
    let unknown = |value: &str| {
        Failure::Usage(
            Diagnostic::error(Message::ReportUnknownFormat { value: value.to_string() })
                .help(Message::HelpReportFormats),
        )
    };
    let from_extension = options
        .output
        .as_ref()
        .and_then(|out| out.extension())
        .and_then(|e| Format::parse(&e.to_string_lossy()));
    let format = match (&options.format, &options.output) {
        (Some(name), _) => {
            let format = Format::parse(name).ok_or_else(|| unknown(name))?;
            if from_extension.is_some_and(|e| e != format) {
                return Err(Failure::Usage(
                    Diagnostic::error(Message::ReportFormatMismatch { format: format.name().into() })
                        .help(Message::HelpReportFormats),
                ));
            }
            format
        }
        (None, Some(out)) => {
            let ext = out.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            Format::parse(&ext).ok_or_else(|| unknown(&out.display().to_string()))?
        }
        (None, None) => Format::Md,
    };
    if options.output.is_none() && matches!(format, Format::Docx | Format::Xlsx) {
        return Err(Failure::Usage(
            Diagnostic::error(Message::ReportNeedsOutput { format: format.name().into() })
                .help(Message::HelpReportOutput),
        ));
    }
    Ok(format)
}

/// Refuses an output that would overwrite the site's sources or the report's inputs,
/// however its path is spelled (`..`, links): every file the report would write is
/// compared with them after both are resolved.
fn check_output(options: &ReportOptions, format: Format) -> Result<(), Failure> {
    let Some(out) = &options.output else { return Ok(()) };
    let root = resolve(&options.root);
    let sources = ["content", "templates", "themes", "static"].map(|d| root.join(d));
    let inputs: Vec<PathBuf> = options
        .access_logs
        .iter()
        .chain(&options.broadcast_logs)
        .chain(&options.merge)
        .map(|i| resolve(i))
        .collect();
    for file in output_files(out, format) {
        let target = resolve(&file);
        let clashes = sources.iter().any(|s| target.starts_with(s))
            || target == root.join(crate::config::CONFIG_FILE)
            || inputs.contains(&target);
        if clashes {
            return Err(Failure::Usage(
                Diagnostic::error(Message::ReportOutputIsInput { path: file })
                    .help(Message::HelpReportOutputElsewhere),
            ));
        }
    }
    Ok(())
}

/// `path` made absolute, through links and `..`: the deepest folder that exists is
/// resolved by the system, what follows it is joined as written (without `.` and `..`).
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if let Ok(real) = std::fs::canonicalize(&absolute) {
        return real;
    }
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    while let (Some(parent), Some(name)) = (base.parent(), base.file_name()) {
        rest.push(name.to_owned());
        base = parent;
        if let Ok(real) = std::fs::canonicalize(base) {
            let mut out = real;
            for part in rest.iter().rev() {
                if part == ".." {
                    out.pop();
                } else if part != "." {
                    out.push(part);
                }
            }
            return out;
        }
    }
    absolute
}

/// Every file the report writes for `output`: it, and for CSV the other tables beside it.
fn output_files(output: &Path, format: Format) -> Vec<PathBuf> {
    let mut files = vec![output.to_path_buf()];
    if format == Format::Csv {
        files.extend(tables::TableId::ALL.iter().filter_map(|t| table_file(output, *t)));
    }
    files
}

/// Where CSV table `table` goes beside `output` (`bao-cao-summary.csv`); `None` for the
/// explainers, which go to `output` itself.
fn table_file(output: &Path, table: tables::TableId) -> Option<PathBuf> {
    if table == tables::TableId::Explainers {
        return None;
    }
    let stem = output.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Some(output.with_file_name(format!("{stem}-{}.csv", table.slug())))
}

/// Most views first, then by name.
pub fn sorted_partners(mut partners: Vec<Partner>) -> Vec<Partner> {
    partners.sort_by(|a, b| b.views.cmp(&a.views).then_with(|| a.host.cmp(&b.host)));
    partners
}

/// Most airings first, then in Vietnamese alphabetical order.
pub fn sorted_stations(mut stations: Vec<Station>) -> Vec<Station> {
    stations.sort_by_cached_key(|s| (std::cmp::Reverse(s.airings), crate::text::collation_key(&s.station)));
    stations
}

fn merge_error(e: merge::MergeError) -> Diagnostic {
    match e {
        merge::MergeError::Unreadable { file, detail } => {
            Diagnostic::error(Message::ReadFailed { detail }).in_file(file)
        }
        merge::MergeError::NotAReport { file, detail } => {
            Diagnostic::error(Message::ReportNotAReport { detail: crate::text::printable(&detail) })
                .in_file(file)
                .help(Message::HelpMergeInput)
        }
        merge::MergeError::Partial { file, unit } => {
            Diagnostic::error(Message::ReportMergePartial { unit: crate::text::printable(&unit) })
                .in_file(file)
                .help(Message::HelpMergeInput)
        }
        merge::MergeError::OtherSchema { file, schema } => {
            Diagnostic::error(Message::ReportOtherSchema { schema: crate::text::printable(&schema) })
                .in_file(file)
                .help(Message::HelpOtherSchema)
        }
    }
}

fn merge_warning(w: merge::MergeWarning) -> Diagnostic {
    use crate::text::printable;
    match w {
        merge::MergeWarning::Repeated { file, unit, from, to } => {
            Diagnostic::warning(Message::ReportRepeated {
                unit: printable(&unit),
                from: printable(&from),
                to: printable(&to),
            })
            .in_file(file)
        }
        merge::MergeWarning::SameUnitOverlaps { file, unit } => {
            Diagnostic::warning(Message::ReportSameUnitOverlaps { unit: printable(&unit) }).in_file(file)
        }
        merge::MergeWarning::OtherPeriod { file, unit, from, to } => {
            Diagnostic::warning(Message::ReportOtherPeriod {
                unit: printable(&unit),
                from: printable(&from),
                to: printable(&to),
            })
            .in_file(file)
        }
        merge::MergeWarning::Outside { file, unit, from, to } => {
            Diagnostic::warning(Message::ReportMergeOutside {
                unit: printable(&unit),
                from: printable(&from),
                to: printable(&to),
            })
            .in_file(file)
        }
    }
}

/// The report's files: one, or for CSV one per table (`name.csv` holds the explainers,
/// `name-summary.csv` … the others). Each file is written beside itself first and
/// renamed into place, so a reader never opens half a file.
pub fn write(made: &Made, output: Option<&Path>) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = output.map_or_else(|| PathBuf::from("-"), Path::to_path_buf);
    let files = formats::render(made)
        .map_err(|detail| Diagnostic::error(Message::ReportWriteFailed { path: shown, detail }))?;
    let Some(output) = output else {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        if let Some((_, bytes)) = files.first() {
            let _ = out.write_all(bytes);
        }
        return Ok(Vec::new());
    };
    let mut written = Vec::new();
    for (table, bytes) in files {
        let path = table.and_then(|t| table_file(output, t)).unwrap_or_else(|| output.to_path_buf());
        let fail = |e: std::io::Error| {
            Diagnostic::error(Message::ReportWriteFailed { path: path.clone(), detail: e.to_string() })
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = path.with_file_name(format!(".{name}.loa-{}", std::process::id()));
        let result = std::fs::write(&temporary, &bytes).and_then(|()| std::fs::rename(&temporary, &path));
        if let Err(e) = result {
            let _ = std::fs::remove_file(&temporary);
            return Err(fail(e));
        }
        written.push(path);
    }
    Ok(written)
}
