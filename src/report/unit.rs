//! One unit's report: the site over the period (`inventory`), joined with what its access
//! logs (`access_log`) and broadcast logs (`airings`) say, into a `Report`.

use std::collections::BTreeMap;

use super::model::{self, DayViews, Explainer, Feed, Partner, Report, SiteInfo, Station, SCHEMA};
use super::period::Period;
use super::{access_log, airings, bots, inventory, Failure, ReportOptions};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, Span};
use crate::messages::Message;

/// One unit's report, from its site and its logs.
pub fn unit_report(options: &ReportOptions, period: Period) -> Result<(Report, Diagnostics), Failure> {
    let (inventory, mut diagnostics) =
        inventory::Inventory::load(&options.root, period).map_err(|mut d| {
            d.push(Diagnostic::error(Message::ReportSiteErrors));
            Failure::Errors(d)
        })?;
    let site = &inventory.site;

    // `--unit`: only its explainers count, and the unit is named as they write it.
    let unit_of = |i: usize| site.pages[i].source.front.unit.as_deref().unwrap_or("");
    let wanted = options.unit.as_deref().map(crate::text::slugify);
    let kept: Vec<bool> = (0..site.pages.len())
        .map(|i| wanted.as_ref().is_none_or(|w| crate::text::slugify(unit_of(i)) == *w))
        .collect();
    let unit_name = match &options.unit {
        Some(typed) => match kept.iter().position(|&k| k) {
            Some(i) => Some(unit_of(i).to_string()),
            None => {
                diagnostics.push(Diagnostic::warning(Message::ReportUnitUnknown { unit: typed.clone() }));
                Some(typed.clone())
            }
        },
        None => None,
    };

    let mut errors = Diagnostics::new();
    let reach = if options.access_logs.is_empty() {
        diagnostics.push(Diagnostic::warning(Message::ReportNoAccessLog).help(Message::HelpAccessLog));
        None
    } else {
        let bots = bots::Bots::new();
        let targets = inventory.targets(&kept, options.unit.is_none());
        let reach = access_log::read_logs(&options.access_logs, &targets, &period, &bots);
        log_problems(options, &reach, period, &mut errors, &mut diagnostics);
        Some(reach)
    };

    let lookup = |reference: &str| inventory.lookup(reference);
    let aired = airings::read(&options.broadcast_logs, &period, &lookup);
    for w in &aired.warnings {
        let (message, help, error) = airing_message(&w.problem);
        let d = Diagnostic::warning(message)
            .in_file(&w.file)
            .at_opt(w.line.map(|l| Span::new(l as usize, 1)))
            .help_opt(help);
        if error {
            errors.push(Diagnostic { severity: Severity::Error, ..d });
        } else {
            diagnostics.push(d);
        }
    }
    if errors.has_errors() {
        errors.extend(diagnostics);
        return Err(Failure::Errors(errors));
    }

    // Airings of other units' explainers belong to their reports.
    let mut aired_by_page: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    let mut stations: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for a in aired.airings.iter().filter(|a| kept[a.page]) {
        let e = aired_by_page.entry(a.page).or_default();
        e.0 += 1;
        e.1 += a.seconds;
        let s = stations.entry(a.station.clone()).or_default();
        s.0 += 1;
        s.1 += a.seconds;
    }
    // Which pages the report lists: published in the period, or read, fetched or aired.
    let read = |i: usize| reach.as_ref().is_some_and(|r| r.explainers[i].views != model::Views::default());
    let pages: Vec<usize> = (0..site.pages.len())
        .filter(|&i| kept[i])
        .filter(|&i| inventory.published_in_period(i) || read(i) || aired_by_page.contains_key(&i))
        .collect();
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

    let config = &site.config;
    let unit = unit_name.unwrap_or_else(|| {
        config.report.organisation.clone().unwrap_or_else(|| {
            if config.publisher.is_empty() {
                config.title.clone()
            } else {
                config.publisher.clone()
            }
        })
    });
    // Feeds carry every unit's explainers: they belong to the site's own report. Only
    // the feeds fetched in the period are listed.
    let feeds = match (&reach, &options.unit) {
        (Some(r), None) => inventory
            .feeds
            .iter()
            .zip(&r.feeds)
            .filter(|(_, &fetches)| fetches > 0)
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
        stations: super::sorted_stations(
            stations
                .into_iter()
                .map(|(station, (airings, secs))| Station { station, airings, airtime_seconds: secs })
                .collect(),
        ),
        log: reach.as_ref().map(|r| r.stats).unwrap_or_default(),
        units: Vec::new(),
        airing_log: aired.stats,
        daily,
        generator: super::generator(),
        site: Some(SiteInfo { title: config.title.clone(), url: config.base_url.clone() }),
        deploys: Vec::new(),
    };
    // Deploys publish the whole site: they belong to the site's own report.
    let mut report = report;
    if options.unit.is_none() {
        let (deploys, warning) = super::deploys::in_period(&options.root, period, &report.unit);
        report.deploys = deploys;
        if let Some(warning) = warning {
            diagnostics.push(warning);
        }
    }
    Ok((report, diagnostics))
}

/// What the access logs' reading found wrong: a file that cannot be read or holds no
/// access-log line at all is an error; a damaged end, a file given twice, malformed
/// lines and logs with nothing in the period are warnings.
fn log_problems(
    options: &ReportOptions,
    reach: &access_log::Reach,
    period: Period,
    errors: &mut Diagnostics,
    diagnostics: &mut Diagnostics,
) {
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
            diagnostics.push(Diagnostic { severity: Severity::Warning, ..d });
        }
    }
    for (file, lines) in options.access_logs.iter().zip(&reach.per_file) {
        if lines.lines > 0 && lines.malformed == lines.lines {
            errors.push(
                Diagnostic::error(Message::ReportNotAnAccessLog { lines: lines.lines })
                    .in_file(file)
                    .help(Message::HelpLogFormat),
            );
        }
    }
    for file in &reach.repeated {
        diagnostics.push(Diagnostic::warning(Message::ReportFileRepeated).in_file(file));
    }
    let stats = &reach.stats;
    if stats.malformed > 0 {
        diagnostics.push(
            Diagnostic::warning(Message::ReportMalformedLines { count: stats.malformed })
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
    let readable = stats.lines - stats.malformed;
    if readable > 0 && stats.outside_period == readable {
        diagnostics.push(Diagnostic::warning(Message::ReportNothingInPeriod {
            from: period.from.to_string(),
            to: period.to.to_string(),
        }));
    }
}

/// Embed views by partner, over every explainer, most first.
fn partners_of(explainers: &[Explainer]) -> Vec<Partner> {
    let mut by_host: BTreeMap<&str, u64> = BTreeMap::new();
    for e in explainers {
        for (host, n) in &e.partners {
            *by_host.entry(host).or_default() += n;
        }
    }
    super::sorted_partners(
        by_host.into_iter().map(|(host, views)| Partner { host: host.to_string(), views }).collect(),
    )
}

/// The message of a broadcast-log problem, its help, and whether it is an error.
fn airing_message(problem: &airings::RowProblem) -> (Message, Option<Message>, bool) {
    use airings::RowProblem::*;
    let printable = crate::text::printable;
    match problem {
        Header { missing } => (
            Message::ReportAiringHeader { missing: missing.join(", ") },
            Some(Message::HelpAiringHeader),
            true,
        ),
        UnknownExplainer { reference } => (
            Message::ReportAiringUnknown { reference: printable(reference) },
            Some(Message::HelpAiringExplainer),
            false,
        ),
        BadValue { column, header, value } => (
            Message::ReportAiringBadValue { column: printable(header), value: printable(value) },
            Some(Message::HelpAiringValue { column: column.to_string() }),
            false,
        ),
        MissingValue { header } => (Message::ReportAiringMissing { column: printable(header) }, None, false),
        NotUtf8 => (Message::ReportAiringNotUtf8, Some(Message::HelpAiringUtf8), true),
        Unreadable { detail } => (Message::ReportAiringUnreadable { detail: detail.clone() }, None, true),
    }
}
