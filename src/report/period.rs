//! The period a report covers: whole days in Vietnam time, written the way officers name
//! them (`2026-04-15`, `2026-04`, `2026-Q2`, `2026`).

use jiff::civil::Date;
use jiff::Timestamp;

use crate::text::dates::VIETNAM_OFFSET_HOURS;

/// From the first day to the last, both included, in Vietnam time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

/// Why `--from` and `--to` name no period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    /// A value in none of the forms.
    Unreadable(String),
    /// The last day before the first.
    Backwards(Date, Date),
}

/// What a period is called in a report's title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodName {
    Day(Date),
    Month { year: i16, month: i8 },
    Quarter { year: i16, quarter: i8 },
    Year(i16),
    Range(Date, Date),
}

impl Period {
    /// `--from` and `--to` as given: each names a day, month, quarter or year; the period
    /// runs from the first day of `from` to the last day of `to`. One alone stands for
    /// both; neither means the current month up to `today`.
    pub fn from_args(from: Option<&str>, to: Option<&str>, today: Date) -> Result<Period, PeriodError> {
        let first = from.map(parse_span).transpose().map_err(PeriodError::Unreadable)?;
        let last = to.map(parse_span).transpose().map_err(PeriodError::Unreadable)?;
        let period = match (first, last) {
            (Some(a), Some(b)) => Period { from: a.from, to: b.to },
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => Period { from: today.first_of_month(), to: today },
        };
        if period.to < period.from {
            return Err(PeriodError::Backwards(period.from, period.to));
        }
        Ok(period)
    }

    /// `2026-04-01` and `2026-04-30` as in the report's JSON.
    pub fn parse_dates(from: &str, to: &str) -> Option<Period> {
        let period = Period { from: from.parse().ok()?, to: to.parse().ok()? };
        (period.from <= period.to).then_some(period)
    }

    /// The first moment of the period.
    pub fn start(&self) -> Timestamp {
        vietnam_midnight(self.from)
    }

    /// The first moment after the period.
    pub fn end(&self) -> Timestamp {
        vietnam_midnight(self.to.tomorrow().unwrap_or(self.to))
    }

    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// Days since 1970-01-01 of the first and the last day, for quick tests per log line.
    pub fn day_numbers(&self) -> (i64, i64) {
        (day_number(self.from), day_number(self.to))
    }

    /// The widest name that fits exactly: a month, a quarter, a year, else a range.
    pub fn name(&self) -> PeriodName {
        let (from, to) = (self.from, self.to);
        let last_of = |d: Date| d.last_of_month();
        if from == to {
            return PeriodName::Day(from);
        }
        if from.day() != 1 || to != last_of(to) || from.year() != to.year() {
            return PeriodName::Range(from, to);
        }
        match (from.month(), to.month()) {
            (a, b) if a == b => PeriodName::Month { year: from.year(), month: a },
            (1, 12) => PeriodName::Year(from.year()),
            (a, b) if (a - 1) % 3 == 0 && b == a + 2 => {
                PeriodName::Quarter { year: from.year(), quarter: (a - 1) / 3 + 1 }
            }
            _ => PeriodName::Range(from, to),
        }
    }

    /// The calendar months the period touches, in order (`2026-04`).
    pub fn months(&self) -> Vec<(i16, i8)> {
        let mut months = Vec::new();
        let mut d = self.from.first_of_month();
        while d <= self.to {
            months.push((d.year(), d.month()));
            match d.last_of_month().tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        months
    }
}

/// One of the forms an officer writes: a day, a month, a quarter or a year, year first
/// (`2026-04-15`, `2026-04`, `2026-Q2`, `2026`) or the way Vietnamese documents write
/// them (`15/04/2026`, `04/2026`, `Q2/2026`).
fn parse_span(text: &str) -> Result<Period, String> {
    let t = text.trim();
    let bad = || t.to_string();
    if let Ok(day) = t.parse::<Date>() {
        return Ok(Period { from: day, to: day });
    }
    let (year, rest) = match t.split('/').collect::<Vec<_>>().as_slice() {
        [d, m, y] => {
            let day = Date::new(
                y.parse().map_err(|_| bad())?,
                m.parse().map_err(|_| bad())?,
                d.parse().map_err(|_| bad())?,
            )
            .map_err(|_| bad())?;
            return Ok(Period { from: day, to: day });
        }
        [part, y] => (*y, *part),
        _ => t.split_once('-').unwrap_or((t, "")),
    };
    let year: i16 = year.parse().map_err(|_| bad())?;
    if !(1900..=9999).contains(&year) {
        return Err(bad());
    }
    let whole = |first: i8, last: i8| -> Result<Period, String> {
        let from = Date::new(year, first, 1).map_err(|_| bad())?;
        let to = Date::new(year, last, 1).map_err(|_| bad())?.last_of_month();
        Ok(Period { from, to })
    };
    if rest.is_empty() {
        return whole(1, 12);
    }
    if let Some(q) = rest.strip_prefix(['Q', 'q']) {
        return match q.parse::<i8>() {
            Ok(q @ 1..=4) => whole(3 * q - 2, 3 * q),
            _ => Err(bad()),
        };
    }
    match rest.parse::<i8>() {
        Ok(m @ 1..=12) if rest.len() <= 2 && (rest.len() == 2 || t.contains('/')) => whole(m, m),
        _ => Err(bad()),
    }
}

fn vietnam_midnight(date: Date) -> Timestamp {
    let offset = jiff::tz::Offset::constant(VIETNAM_OFFSET_HOURS);
    offset.to_timestamp(date.to_datetime(jiff::civil::Time::midnight())).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Days since 1970-01-01 (negative before).
pub fn day_number(date: Date) -> i64 {
    days_from_civil(i64::from(date.year()), i64::from(date.month()), i64::from(date.day()))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm): the
/// log reader calls it for every line, where building a `jiff` date would cost more.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn officers_name_periods_as_days_months_quarters_and_years() {
        let today = date(2026, 11, 30);
        let cases = [
            ("2026-04-15", None, (date(2026, 4, 15), date(2026, 4, 15))),
            ("2026-04", None, (date(2026, 4, 1), date(2026, 4, 30))),
            ("2026-02", None, (date(2026, 2, 1), date(2026, 2, 28))),
            ("2026-Q2", None, (date(2026, 4, 1), date(2026, 6, 30))),
            ("2026-q4", None, (date(2026, 10, 1), date(2026, 12, 31))),
            ("2026", None, (date(2026, 1, 1), date(2026, 12, 31))),
            ("2026-04", Some("2026-Q3"), (date(2026, 4, 1), date(2026, 9, 30))),
            ("15/04/2026", None, (date(2026, 4, 15), date(2026, 4, 15))),
            ("10/2026", None, (date(2026, 10, 1), date(2026, 10, 31))),
            ("4/2026", None, (date(2026, 4, 1), date(2026, 4, 30))),
            ("Q2/2026", None, (date(2026, 4, 1), date(2026, 6, 30))),
        ];
        for (from, to, (a, b)) in cases {
            let p = Period::from_args(Some(from), to, today).unwrap();
            assert_eq!((p.from, p.to), (a, b), "{from} {to:?}");
        }
        let default = Period::from_args(None, None, today).unwrap();
        assert_eq!((default.from, default.to), (date(2026, 11, 1), today));
        for bad in [
            "2026-13",
            "2026-Q5",
            "26",
            "2026-4",
            "tháng 4",
            "2026-02-30",
            "",
            "13/2026",
            "31/02/2026",
            "1/2/3/4",
        ] {
            assert!(Period::from_args(Some(bad), None, today).is_err(), "{bad}");
        }
        assert_eq!(
            Period::from_args(Some("2026-05"), Some("2026-04"), today),
            Err(PeriodError::Backwards(date(2026, 5, 1), date(2026, 4, 30)))
        );
    }

    #[test]
    fn periods_are_named_by_the_widest_calendar_unit_that_fits() {
        let p = |a, b| Period { from: a, to: b }.name();
        assert_eq!(p(date(2026, 4, 1), date(2026, 6, 30)), PeriodName::Quarter { year: 2026, quarter: 2 });
        assert_eq!(p(date(2026, 4, 1), date(2026, 4, 30)), PeriodName::Month { year: 2026, month: 4 });
        assert_eq!(p(date(2026, 1, 1), date(2026, 12, 31)), PeriodName::Year(2026));
        assert_eq!(p(date(2026, 4, 2), date(2026, 4, 2)), PeriodName::Day(date(2026, 4, 2)));
        assert!(matches!(p(date(2026, 4, 1), date(2026, 5, 31)), PeriodName::Range(..)));
        assert!(matches!(p(date(2026, 4, 1), date(2026, 11, 15)), PeriodName::Range(..)));
    }

    #[test]
    fn day_numbers_agree_with_jiff() {
        for d in
            [date(1970, 1, 1), date(2000, 2, 29), date(2026, 3, 1), date(1969, 12, 31), date(2099, 12, 31)]
        {
            let expected = d.since(date(1970, 1, 1)).unwrap().get_days() as i64;
            assert_eq!(day_number(d), expected, "{d}");
        }
        let p = Period { from: date(2026, 4, 1), to: date(2026, 4, 30) };
        assert_eq!(p.end().as_second() - p.start().as_second(), 30 * 86_400);
        assert_eq!(p.start().to_string(), "2026-03-31T17:00:00Z");
    }
}
