//! Dates in front matter and the ways Vietnamese readers write them.
//!
//! Front matter dates are calendar dates (`2023-04-15`) or RFC 3339 times. A date
//! without a time means midnight in Vietnam (UTC+7), the only time zone the
//! province's readers live in.

use jiff::civil::{Date, DateTime};
use jiff::tz::Offset;
use jiff::Timestamp;

/// Vietnam's offset from UTC: +7 hours, no daylight saving.
pub const VIETNAM_OFFSET_HOURS: i8 = 7;

const VIETNAM: Offset = Offset::constant(VIETNAM_OFFSET_HOURS);

/// A moment given in front matter, kept with the calendar date readers see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageDate {
    pub timestamp: Timestamp,
    pub date: Date,
}

impl PageDate {
    /// Parses `2023-04-15`, `2023-04-15 08:30`, `2023-04-15T08:30:00` (Vietnam time)
    /// or an RFC 3339 time with an offset (`2023-04-15T08:30:00+07:00`).
    pub fn parse(text: &str) -> Option<PageDate> {
        let text = text.trim();
        if let Ok(ts) = text.parse::<Timestamp>() {
            let date = VIETNAM.to_datetime(ts).date();
            return Some(PageDate { timestamp: ts, date });
        }
        let civil = match text.replacen(' ', "T", 1).parse::<DateTime>() {
            Ok(dt) => dt,
            Err(_) => text.parse::<Date>().ok()?.to_datetime(jiff::civil::Time::midnight()),
        };
        let timestamp = VIETNAM.to_timestamp(civil).ok()?;
        Some(PageDate { timestamp, date: civil.date() })
    }

    /// `2023-04-15T00:00:00+07:00`, for machines (JSON-LD, sitemaps, feeds).
    pub fn rfc3339(&self) -> String {
        format!("{}+07:00", VIETNAM.to_datetime(self.timestamp).strftime("%Y-%m-%dT%H:%M:%S"))
    }
}

/// Today's date in Vietnam.
pub fn today() -> Date {
    VIETNAM.to_datetime(Timestamp::now()).date()
}

/// "ngày 5 tháng 4 năm 2023" (Vietnamese) or "5 April 2023" (English).
pub fn long_date(date: Date, vietnamese: bool) -> String {
    if vietnamese {
        format!("ngày {} tháng {} năm {}", date.day(), date.month(), date.year())
    } else {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[(date.month() - 1) as usize];
        format!("{} {} {}", date.day(), month, date.year())
    }
}

/// "05/04/2023": the short form Vietnamese readers use (day first).
pub fn short_date(date: Date) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_vietnamese_way() {
        let d = PageDate::parse("2023-04-05").unwrap();
        assert_eq!(long_date(d.date, true), "ngày 5 tháng 4 năm 2023");
        assert_eq!(short_date(d.date), "05/04/2023");
        assert_eq!(long_date(d.date, false), "5 April 2023");
        assert_eq!(d.rfc3339(), "2023-04-05T00:00:00+07:00");
    }

    #[test]
    fn times_with_offsets_keep_the_vietnamese_calendar_date() {
        let d = PageDate::parse("2023-04-14T20:00:00Z").unwrap();
        assert_eq!(short_date(d.date), "15/04/2023");
        let d = PageDate::parse("2023-04-15 08:30").unwrap();
        assert_eq!(d.rfc3339(), "2023-04-15T08:30:00+07:00");
        assert!(PageDate::parse("15/04/2023").is_none());
        assert!(PageDate::parse("2023-02-30").is_none());
    }
}
