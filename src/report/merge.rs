//! The department's report: units' JSON reports combined, a line per unit and the
//! province's totals. The same unit and period twice is counted once; periods that
//! differ or overlap are warned about, never silently mixed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::{Explainer, Feed, Partner, Report, Station, UnitTotals, SCHEMA};
use super::period::Period;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    Unreadable {
        file: PathBuf,
        detail: String,
    },
    /// Not JSON, or JSON without loa's `schema`.
    NotAReport {
        file: PathBuf,
        detail: String,
    },
    /// A loa report of another schema version.
    OtherSchema {
        file: PathBuf,
        schema: String,
    },
    /// A merged report holding a unit already counted together with others: its figures
    /// cannot be taken apart to count that unit once.
    Partial {
        file: PathBuf,
        unit: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeWarning {
    /// This unit's report for this period was given already: counted once.
    Repeated { file: PathBuf, unit: String, from: String, to: String },
    /// The same unit again, for a period that overlaps one already counted.
    SameUnitOverlaps { file: PathBuf, unit: String },
    /// A unit's period is not the merged report's.
    OtherPeriod { file: PathBuf, unit: String, from: String, to: String },
    /// A report for a period that does not meet the one asked for: left out.
    Outside { file: PathBuf, unit: String, from: String, to: String },
}

/// Reads one unit's report, refusing anything that is not a `loa-report/1`.
pub fn read(file: &Path) -> Result<Report, MergeError> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| MergeError::Unreadable { file: file.to_path_buf(), detail: e.to_string() })?;
    let not_a_report = |detail: String| MergeError::NotAReport { file: file.to_path_buf(), detail };
    let value: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| not_a_report(e.to_string()))?;
    match value.get("schema").and_then(|s| s.as_str()) {
        Some(SCHEMA) => {}
        Some(other) if other.starts_with("loa-report/") => {
            return Err(MergeError::OtherSchema { file: file.to_path_buf(), schema: other.to_string() })
        }
        _ => return Err(not_a_report("\"schema\": \"loa-report/1\"".into())),
    }
    let report: Report = serde_json::from_value(value).map_err(|e| not_a_report(e.to_string()))?;
    if Period::parse_dates(&report.period.from, &report.period.to).is_none() {
        return Err(not_a_report(format!("period {} – {}", report.period.from, report.period.to)));
    }
    Ok(report)
}

/// Combines `reports` into the report of `unit` for `period` (default: from the earliest
/// start to the latest end among them; given, reports that do not meet it are left out).
/// Explainers of the same site (or unit, for reports without one) and path are one row.
pub fn merge(
    reports: Vec<(PathBuf, Report)>,
    unit: String,
    period: Option<Period>,
) -> Result<(Report, Vec<MergeWarning>), MergeError> {
    let mut warnings = Vec::new();
    let asked = period;
    let span = reports
        .iter()
        .filter_map(|(_, r)| Period::parse_dates(&r.period.from, &r.period.to))
        .reduce(|a, b| Period { from: a.from.min(b.from), to: a.to.max(b.to) });
    let period = period.or(span);
    let (from, to) =
        period.map_or((String::new(), String::new()), |p| (p.from.to_string(), p.to.to_string()));

    let mut units: Vec<UnitTotals> = Vec::new();
    let mut explainers: Vec<Explainer> = Vec::new();
    let mut by_path: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut feeds: BTreeMap<String, u64> = BTreeMap::new();
    let mut partners: BTreeMap<String, u64> = BTreeMap::new();
    let mut stations: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut log = super::model::LogStats::default();
    let mut airing_log = super::model::AiringStats::default();
    let mut daily: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut deploys: Vec<super::model::Deploy> = Vec::new();

    for (file, report) in reports {
        let lines = if report.units.is_empty() { vec![report.totals()] } else { report.units.clone() };
        let counted = |l: &UnitTotals| units.iter().any(|u| u.unit == l.unit && u.period == l.period);
        if let Some(line) = lines.iter().find(|l| counted(l)) {
            if !lines.iter().all(counted) {
                return Err(MergeError::Partial { file, unit: line.unit.clone() });
            }
            let (from, to) = (line.period.from.clone(), line.period.to.clone());
            warnings.push(MergeWarning::Repeated { file, unit: line.unit.clone(), from, to });
            continue;
        }
        let own = Period::parse_dates(&report.period.from, &report.period.to);
        if let (Some(asked), Some(own)) = (asked, own) {
            if !asked.overlaps(&own) {
                let (from, to) = (report.period.from.clone(), report.period.to.clone());
                warnings.push(MergeWarning::Outside { file, unit: report.unit.clone(), from, to });
                continue;
            }
        }
        for line in &lines {
            let here = Period::parse_dates(&line.period.from, &line.period.to);
            let overlaps = units.iter().any(|u| {
                u.unit == line.unit
                    && Period::parse_dates(&u.period.from, &u.period.to)
                        .zip(here)
                        .is_some_and(|(a, b)| a.overlaps(&b))
            });
            if overlaps {
                warnings.push(MergeWarning::SameUnitOverlaps { file: file.clone(), unit: line.unit.clone() });
            }
            if here != period {
                warnings.push(MergeWarning::OtherPeriod {
                    file: file.clone(),
                    unit: line.unit.clone(),
                    from: line.period.from.clone(),
                    to: line.period.to.clone(),
                });
            }
        }
        units.extend(lines);
        let site = report.site.as_ref().map_or_else(|| report.unit.clone(), |s| s.url.clone());
        for e in report.explainers {
            let key = (site.clone(), e.path.clone());
            match by_path.get(&key) {
                Some(&at) => add_explainer(&mut explainers[at], &e),
                None => {
                    by_path.insert(key, explainers.len());
                    explainers.push(e);
                }
            }
        }
        for f in report.feeds {
            let entry = feeds.entry(f.path).or_default();
            *entry = entry.saturating_add(f.fetches);
        }
        for p in report.partners {
            let entry = partners.entry(p.host).or_default();
            *entry = entry.saturating_add(p.views);
        }
        for s in report.stations {
            let entry = stations.entry(s.station).or_default();
            entry.0 = entry.0.saturating_add(s.airings);
            entry.1 = entry.1.saturating_add(s.airtime_seconds);
        }
        for d in report.daily {
            let entry = daily.entry(d.date).or_default();
            entry.0 = entry.0.saturating_add(d.portal);
            entry.1 = entry.1.saturating_add(d.embed);
        }
        log.add(&report.log);
        airing_log.add(&report.airing_log);
        deploys.extend(report.deploys.into_iter().map(|mut d| {
            if d.unit.is_empty() {
                d.unit = report.unit.clone();
            }
            d
        }));
    }
    deploys.sort_by(|a, b| (&a.record.time, &a.unit).cmp(&(&b.record.time, &b.unit)));

    let report = Report {
        schema: SCHEMA.to_string(),
        period: super::model::PeriodDates { from, to },
        unit,
        explainers,
        feeds: feeds.into_iter().map(|(path, fetches)| Feed { path, fetches }).collect(),
        partners: super::sorted_partners(
            partners.into_iter().map(|(host, views)| Partner { host, views }).collect(),
        ),
        stations: super::sorted_stations(
            stations
                .into_iter()
                .map(|(station, (airings, airtime_seconds))| Station { station, airings, airtime_seconds })
                .collect(),
        ),
        log,
        units,
        airing_log,
        daily: daily
            .into_iter()
            .map(|(date, (portal, embed))| super::model::DayViews { date, portal, embed })
            .collect(),
        generator: super::generator(),
        site: None,
        deploys,
    };
    Ok((report, warnings))
}

fn add_explainer(into: &mut Explainer, e: &Explainer) {
    into.views.add(&e.views);
    into.readers_estimate = into.readers_estimate.saturating_add(e.readers_estimate);
    into.airings = into.airings.saturating_add(e.airings);
    into.airtime_seconds = into.airtime_seconds.saturating_add(e.airtime_seconds);
    into.published_in_period |= e.published_in_period;
    for (host, n) in &e.partners {
        let entry = into.partners.entry(host.clone()).or_default();
        *entry = entry.saturating_add(*n);
    }
}
