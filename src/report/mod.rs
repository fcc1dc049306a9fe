//! `loa report`: what was published (the site), who read it (access logs) and who heard
//! it (broadcast logs), joined into the report a unit sends the provincial department;
//! or units' reports merged into the department's.
//!
//! Reads the `Site` and log files; writes only the report file(s) it is asked for. The
//! stages: period → inventory → reach → airings → `Report` → one format.

pub mod access_log;
pub mod airings;
pub mod bots;
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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{ReportConfig, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::messages::{Lang, Message};
use model::{DayViews, Explainer, Feed, Partner, Report, SiteInfo, Station, SCHEMA};
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
    let period =
        Period::from_args(options.from.as_deref(), options.to.as_deref(), today).map_err(|value| {
            Failure::Usage(
                Diagnostic::error(Message::ReportBadPeriod { value }).help(Message::HelpPeriodForms),
            )
        })?;
    check_output(options)?;
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
        let (report, d) = unit_report(options, period)?;
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
        let (report, warnings) = merge::merge(reports, unit, explicit);
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
    let format = match (&options.format, &options.output) {
        (Some(name), _) => Format::parse(name).ok_or_else(|| unknown(name))?,
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

/// Refuses an output that would overwrite the site's sources or the report's inputs.
fn check_output(options: &ReportOptions) -> Result<(), Failure> {
    let Some(out) = &options.output else { return Ok(()) };
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let out_abs = absolute(out);
    let root = absolute(&options.root);
    let sources = ["content", "templates", "themes", "static"].map(|d| root.join(d));
    let inputs = options.access_logs.iter().chain(&options.broadcast_logs).chain(&options.merge);
    let clashes = sources.iter().any(|s| out_abs.starts_with(s))
        || out_abs == root.join(crate::config::CONFIG_FILE)
        || inputs.map(|i| absolute(i)).any(|i| i == out_abs);
    if clashes {
        return Err(Failure::Usage(
            Diagnostic::error(Message::ReportOutputIsInput { path: out.clone() })
                .help(Message::HelpReportOutputElsewhere),
        ));
    }
    Ok(())
}

/// One unit's report, from its site and its logs.
fn unit_report(options: &ReportOptions, period: Period) -> Result<(Report, Diagnostics), Failure> {
    let (inventory, mut diagnostics) =
        inventory::Inventory::load(&options.root, period).map_err(|mut d| {
            d.push(Diagnostic::error(Message::ReportSiteErrors));
            Failure::Errors(d)
        })?;
    let site = &inventory.site;

    let mut errors = Diagnostics::new();
    let reach = if options.access_logs.is_empty() {
        diagnostics.push(Diagnostic::warning(Message::ReportNoAccessLog).help(Message::HelpAccessLog));
        None
    } else {
        let bots = bots::Bots::new();
        let reach = access_log::read_logs(&options.access_logs, &inventory.targets(), &period, &bots);
        for problem in &reach.unreadable {
            let d = Diagnostic::error(Message::ReportLogUnreadable {
                detail: problem.detail.clone(),
                lines: problem.lines,
            })
            .in_file(&problem.file);
            // A damaged end costs its tail; a file that cannot be opened costs it all.
            if problem.lines == 0 {
                errors.push(d);
            } else {
                diagnostics.push(Diagnostic { severity: crate::diagnostics::Severity::Warning, ..d });
            }
        }
        for file in &reach.repeated {
            diagnostics.push(Diagnostic::warning(Message::ReportFileRepeated).in_file(file));
        }
        if reach.stats.malformed > 0 {
            diagnostics.push(
                Diagnostic::warning(Message::ReportMalformedLines { count: reach.stats.malformed })
                    .help(Message::HelpLogFormat),
            );
            for q in &reach.quoted {
                diagnostics.push(
                    Diagnostic::warning(Message::ReportMalformedLine { text: q.text.clone() })
                        .in_file(&q.file)
                        .at(Span::new(q.line as usize, 1)),
                );
            }
        }
        Some(reach)
    };

    let lookup = |reference: &str| inventory.lookup(reference);
    let aired = airings::read(&options.broadcast_logs, &period, &lookup);
    for w in &aired.warnings {
        let (message, help, error) = airing_message(&w.problem);
        let d =
            Diagnostic::warning(message).in_file(&w.file).at_opt(w.line.map(|l| Span::new(l as usize, 1)));
        let d = d.help_opt(help);
        if error {
            errors.push(Diagnostic { severity: crate::diagnostics::Severity::Error, ..d });
        } else {
            diagnostics.push(d);
        }
    }
    if errors.has_errors() {
        errors.extend(diagnostics);
        return Err(Failure::Errors(errors));
    }

    // Which pages the report lists: published in the period, or read, fetched or aired.
    let mut aired_by_page: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    let mut stations: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for a in &aired.airings {
        let e = aired_by_page.entry(a.page).or_default();
        e.0 += 1;
        e.1 += a.seconds;
        let s = stations.entry(a.station.clone()).or_default();
        s.0 += 1;
        s.1 += a.seconds;
    }
    let wanted_unit = options.unit.as_deref().map(crate::text::slugify);
    let of_unit = |i: usize| {
        wanted_unit.as_deref().is_none_or(|u| {
            crate::text::slugify(site.pages[i].source.front.unit.as_deref().unwrap_or("")) == u
        })
    };
    let read = |i: usize| reach.as_ref().is_some_and(|r| r.explainers[i].views != model::Views::default());
    let pages: Vec<usize> = (0..site.pages.len())
        .filter(|&i| of_unit(i))
        .filter(|&i| inventory.published_in_period(i) || read(i) || aired_by_page.contains_key(&i))
        .collect();
    if let Some(unit) = &options.unit {
        if !(0..site.pages.len()).any(of_unit) {
            diagnostics.push(Diagnostic::warning(Message::ReportUnitUnknown { unit: unit.clone() }));
        }
    }
    let mut explainers = inventory.rows(&pages);
    for (row, &i) in explainers.iter_mut().zip(&pages) {
        if let Some(r) = &reach {
            let e = &r.explainers[i];
            row.views = e.views;
            row.readers_estimate = e.readers.estimate();
            row.partners = e.partners.iter().map(|(h, n)| (h.to_string(), *n)).collect();
        }
        if let Some(&(n, seconds)) = aired_by_page.get(&i) {
            row.airings = n;
            row.airtime_seconds = seconds;
        }
    }
    if options.unit.is_some() {
        // Airings of other units' explainers belong to their reports.
        let kept: std::collections::HashSet<usize> = pages.iter().copied().collect();
        stations.clear();
        for a in aired.airings.iter().filter(|a| kept.contains(&a.page)) {
            let s = stations.entry(a.station.clone()).or_default();
            s.0 += 1;
            s.1 += a.seconds;
        }
    }

    let config = &site.config;
    let unit = options.unit.clone().unwrap_or_else(|| {
        config.report.organisation.clone().unwrap_or_else(|| {
            if config.publisher.is_empty() {
                config.title.clone()
            } else {
                config.publisher.clone()
            }
        })
    });
    let feeds = match (&reach, &options.unit) {
        // Feeds carry every unit's explainers: they belong to the site's own report.
        (Some(r), None) => inventory
            .feeds
            .iter()
            .zip(&r.feeds)
            .map(|(path, &fetches)| Feed { path: site.urls.path(path), fetches })
            .collect(),
        _ => Vec::new(),
    };
    let daily = match &reach {
        Some(r) => {
            let mut day = period.from;
            let mut out = Vec::new();
            for &(portal, embed) in &r.daily {
                out.push(DayViews { date: day.to_string(), portal, embed });
                day = day.tomorrow().unwrap_or(day);
            }
            out
        }
        None => Vec::new(),
    };
    let report = Report {
        schema: SCHEMA.to_string(),
        period: model::PeriodDates { from: period.from.to_string(), to: period.to.to_string() },
        unit,
        partners: partners_of(&explainers),
        explainers,
        feeds,
        stations: sorted_stations(
            stations
                .into_iter()
                .map(|(station, (airings, secs))| Station { station, airings, airtime_seconds: secs })
                .collect(),
        ),
        log: reach.as_ref().map(|r| r.stats).unwrap_or_default(),
        units: Vec::new(),
        airing_log: aired.stats,
        daily,
        generator: generator(),
        site: Some(SiteInfo { title: config.title.clone(), url: config.base_url.clone() }),
    };
    Ok((report, diagnostics))
}

/// Embed views by partner, over every explainer, most first.
fn partners_of(explainers: &[Explainer]) -> Vec<Partner> {
    let mut by_host: BTreeMap<&str, u64> = BTreeMap::new();
    for e in explainers {
        for (host, n) in &e.partners {
            *by_host.entry(host).or_default() += n;
        }
    }
    sorted_partners(
        by_host.into_iter().map(|(host, views)| Partner { host: host.to_string(), views }).collect(),
    )
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

fn airing_message(problem: &airings::RowProblem) -> (Message, Option<Message>, bool) {
    use airings::RowProblem::*;
    match problem {
        Header { missing } => (
            Message::ReportAiringHeader { missing: missing.join(", ") },
            Some(Message::HelpAiringHeader),
            true,
        ),
        UnknownExplainer { reference } => (
            Message::ReportAiringUnknown { reference: reference.clone() },
            Some(Message::HelpAiringExplainer),
            false,
        ),
        BadDate { value } => {
            (Message::ReportAiringBadValue { column: "date".into(), value: value.clone() }, None, false)
        }
        BadTime { value } => {
            (Message::ReportAiringBadValue { column: "time".into(), value: value.clone() }, None, false)
        }
        BadDuration { value } => (
            Message::ReportAiringBadValue { column: "duration_seconds".into(), value: value.clone() },
            None,
            false,
        ),
        MissingValue { column } => (Message::ReportAiringMissing { column: column.to_string() }, None, false),
        Unreadable { detail } => (Message::ReportAiringUnreadable { detail: detail.clone() }, None, true),
    }
}

fn merge_error(e: merge::MergeError) -> Diagnostic {
    match e {
        merge::MergeError::Unreadable { file, detail } => {
            Diagnostic::error(Message::ReadFailed { detail }).in_file(file)
        }
        merge::MergeError::NotAReport { file, detail } => {
            Diagnostic::error(Message::ReportNotAReport { detail })
                .in_file(file)
                .help(Message::HelpMergeInput)
        }
        merge::MergeError::OtherSchema { file, schema } => {
            Diagnostic::error(Message::ReportOtherSchema { schema })
                .in_file(file)
                .help(Message::HelpOtherSchema)
        }
    }
}

fn merge_warning(w: merge::MergeWarning) -> Diagnostic {
    match w {
        merge::MergeWarning::Repeated { file, unit, from, to } => {
            Diagnostic::warning(Message::ReportRepeated { unit, from, to }).in_file(file)
        }
        merge::MergeWarning::SameUnitOverlaps { file, unit } => {
            Diagnostic::warning(Message::ReportSameUnitOverlaps { unit }).in_file(file)
        }
        merge::MergeWarning::OtherPeriod { file, unit, from, to } => {
            Diagnostic::warning(Message::ReportOtherPeriod { unit, from, to }).in_file(file)
        }
    }
}

/// The report's files: one, or for CSV one per table (`name.csv` holds the explainers,
/// `name-summary.csv` … the others). Each is written beside itself first and renamed
/// into place, so a reader never opens half a report.
pub fn write(made: &Made, output: Option<&Path>) -> Result<Vec<PathBuf>, Diagnostic> {
    let files = formats::render(made);
    let Some(output) = output else {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        if let Some((_, bytes)) = files.first() {
            let _ = out.write_all(bytes);
        }
        return Ok(Vec::new());
    };
    let mut written = Vec::new();
    for (suffix, bytes) in files {
        let path = match suffix {
            None => output.to_path_buf(),
            Some(suffix) => {
                let stem = output.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                output.with_file_name(format!("{stem}-{suffix}.csv"))
            }
        };
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
