//! Airings from broadcast logs: CSV files (UTF-8, with or without a byte-order mark,
//! comma or semicolon) with a header row `date,time,station,explainer,duration_seconds`,
//! as a playout system or a loudspeaker platform exports them. A row that cannot be
//! used is a warning with its line, never a silent drop.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::period::Period;

/// One airing of an explainer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Airing {
    pub page: usize,
    pub station: String,
    pub seconds: u64,
}

/// Why a row was not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The file has no header row with the five columns; `missing` names those absent.
    Header {
        missing: Vec<&'static str>,
    },
    UnknownExplainer {
        reference: String,
    },
    /// A value that cannot be read: its column, the column's name in the file, the value.
    BadValue {
        column: &'static str,
        header: String,
        value: String,
    },
    MissingValue {
        header: String,
    },
    /// Neither UTF-8 nor UTF-16 (a spreadsheet's "CSV" in the computer's old code page).
    NotUtf8,
    Unreadable {
        detail: String,
    },
}

#[derive(Debug, Clone)]
pub struct Warning {
    pub file: PathBuf,
    /// The line in the file (1-based), when it is a row's.
    pub line: Option<u64>,
    pub problem: RowProblem,
}

#[derive(Debug, Default)]
pub struct Airings {
    pub airings: Vec<Airing>,
    pub stats: super::model::AiringStats,
    pub warnings: Vec<Warning>,
}

/// The columns, with the Vietnamese names a station may use instead (compared as
/// slugs: tone marks, case, spaces and underscores do not matter).
const COLUMNS: [(&str, &[&str]); 5] = [
    ("date", &["ngay", "ngay-phat"]),
    ("time", &["gio", "gio-phat", "thoi-diem"]),
    ("station", &["dai", "tram", "dai-phat", "don-vi-phat"]),
    ("explainer", &["bai", "bai-viet", "duong-dan"]),
    ("duration_seconds", &["thoi-luong", "thoi-luong-giay", "so-giay", "duration"]),
];

/// Reads every file; `lookup` finds the page a row's `explainer` names.
pub fn read(files: &[PathBuf], period: &Period, lookup: &dyn Fn(&str) -> Option<usize>) -> Airings {
    let mut out = Airings::default();
    for file in files {
        read_file(file, period, lookup, &mut out);
    }
    out
}

fn read_file(file: &Path, period: &Period, lookup: &dyn Fn(&str) -> Option<usize>, out: &mut Airings) {
    let warn = |out: &mut Airings, line: Option<u64>, problem: RowProblem| {
        out.warnings.push(Warning { file: file.to_path_buf(), line, problem });
    };
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            warn(out, None, RowProblem::Unreadable { detail: e.to_string() });
            return;
        }
    };
    let Some(text) = decode(&bytes) else {
        warn(out, None, RowProblem::NotUtf8);
        return;
    };
    out.stats.files += 1;
    let text = crate::text::nfc(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let first_line = text.lines().next().unwrap_or("");
    let delimiter =
        if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        _ => {
            warn(out, Some(1), RowProblem::Header { missing: COLUMNS.map(|c| c.0).to_vec() });
            return;
        }
    };
    let names: Vec<String> = header.iter().map(crate::text::slugify).collect();
    let text_header: Vec<String> = header.iter().map(String::from).collect();
    let mut at = [usize::MAX; 5];
    for (n, (name, aliases)) in COLUMNS.iter().enumerate() {
        let english = crate::text::slugify(name);
        if let Some(i) = names.iter().position(|h| *h == english || aliases.contains(&h.as_str())) {
            at[n] = i;
        }
    }
    let missing: Vec<&'static str> =
        COLUMNS.iter().zip(at).filter(|(_, i)| *i == usize::MAX).map(|(c, _)| c.0).collect();
    if !missing.is_empty() {
        warn(out, Some(1), RowProblem::Header { missing });
        return;
    }
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line());
                out.stats.rows += 1;
                out.stats.bad += 1;
                warn(out, line, RowProblem::Unreadable { detail: e.to_string() });
                continue;
            }
        };
        let line = record.position().map(|p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        out.stats.rows += 1;
        let field = |n: usize| record.get(at[n]).unwrap_or("");
        let bad = |n: usize| RowProblem::BadValue {
            column: COLUMNS[n].0,
            header: text_header[at[n]].clone(),
            value: field(n).to_string(),
        };
        let row = (|| {
            for n in 0..COLUMNS.len() {
                if field(n).is_empty() {
                    return Err(RowProblem::MissingValue { header: text_header[at[n]].clone() });
                }
            }
            let date = parse_date(field(0)).ok_or_else(|| bad(0))?;
            if !valid_time(field(1)) {
                return Err(bad(1));
            }
            let seconds = parse_duration(field(4)).ok_or_else(|| bad(4))?;
            // A row outside the period is set aside before its explainer is looked for:
            // the site over the period may not hold a page published after it.
            if !period.contains(date) {
                return Ok(None);
            }
            let reference = field(3);
            let page = lookup(reference).ok_or_else(|| RowProblem::UnknownExplainer {
                reference: reference[..reference.find(['?', '#']).unwrap_or(reference.len())].to_string(),
            })?;
            Ok(Some((page, seconds)))
        })();
        match row {
            Ok(None) => out.stats.outside_period += 1,
            Ok(Some((page, seconds))) => {
                out.stats.counted += 1;
                let station = crate::text::nfc(field(2));
                out.airings.push(Airing { page, station, seconds });
            }
            Err(problem) => {
                match problem {
                    RowProblem::UnknownExplainer { .. } => out.stats.unknown_explainer += 1,
                    _ => out.stats.bad += 1,
                }
                warn(out, line, problem);
            }
        }
    }
}

/// The file's text: UTF-8 (with or without a byte-order mark), or UTF-16 with its mark
/// (what some spreadsheet programs write as "Unicode text").
fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest.chunks_exact(2).map(|p| unit([p[0], p[1]])).collect();
        String::from_utf16(&units).ok()
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => std::str::from_utf8(bytes).ok().map(String::from),
    }
}

/// `2026-04-15`, or the way Vietnamese offices write it: `15/04/2026`, `15/4/2026`.
fn parse_date(text: &str) -> Option<Date> {
    if let Ok(d) = text.parse::<Date>() {
        return Some(d);
    }
    let mut parts = text.split(['/', '-', '.']);
    let day: i8 = parts.next()?.parse().ok()?;
    let month: i8 = parts.next()?.parse().ok()?;
    let year: i16 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || year < 1900 {
        return None;
    }
    Date::new(year, month, day).ok()
}

/// `06:30`, `6:30`, `18:05:09`, `6h30`.
fn valid_time(text: &str) -> bool {
    let parts: Vec<&str> = text.split([':', 'h', 'H']).collect();
    let numbers: Option<Vec<u32>> =
        parts.iter().map(|p| if p.len() <= 2 && !p.is_empty() { p.parse().ok() } else { None }).collect();
    match numbers.as_deref() {
        Some([h, m]) => *h < 24 && *m < 60,
        Some([h, m, s]) => *h < 24 && *m < 60 && *s < 61,
        _ => false,
    }
}

/// Whole seconds: `219`, `219,5` or `219.5` (rounded), minutes and seconds `3:39`, or
/// hours, minutes and seconds `0:03:39` (a spreadsheet's time); at most a day.
fn parse_duration(text: &str) -> Option<u64> {
    const DAY: u64 = 86_400;
    if text.contains(':') {
        let parts: Option<Vec<u64>> = text.split(':').map(|p| p.trim().parse::<u64>().ok()).collect();
        let seconds = match parts?.as_slice() {
            [m, s] if *s < 60 => m.checked_mul(60)?.checked_add(*s)?,
            [h, m, s] if *m < 60 && *s < 60 => h.checked_mul(3600)?.checked_add(m * 60 + s)?,
            _ => return None,
        };
        return (seconds <= DAY).then_some(seconds);
    }
    let seconds: f64 = text.replace(',', ".").parse().ok()?;
    (seconds.is_finite() && (0.0..=DAY as f64).contains(&seconds)).then(|| seconds.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_times_and_durations_as_stations_write_them() {
        assert_eq!(parse_date("2026-04-15"), Some(jiff::civil::date(2026, 4, 15)));
        assert_eq!(parse_date("15/4/2026"), Some(jiff::civil::date(2026, 4, 15)));
        assert_eq!(parse_date("31/04/2026"), None);
        assert_eq!(parse_date("04/15"), None);
        assert!(valid_time("06:30") && valid_time("6h30") && valid_time("18:05:09"));
        assert!(!valid_time("25:00") && !valid_time("sáng") && !valid_time("6"));
        assert_eq!(parse_duration("219"), Some(219));
        assert_eq!(parse_duration("219,6"), Some(220));
        assert_eq!(parse_duration("3:39"), Some(219));
        assert_eq!(parse_duration("0:03:39"), Some(219));
        assert_eq!(parse_duration("99999999999999999:00"), None);
        assert_eq!(parse_duration("25:00:00"), None);
        assert_eq!(parse_duration("-5"), None);
        assert_eq!(parse_duration("ba phút"), None);
        assert_eq!(decode(b"\xFF\xFEa\x00,\x00").as_deref(), Some("a,"));
        assert_eq!(decode("ngày".as_bytes()).as_deref(), Some("ngày"));
        assert_eq!(decode(b"ng\xE0y"), None, "a Windows code page is not guessed");
    }
}
