//! The deploys of the period, read from the site's deploys.csv (written by `loa deploy`):
//! when the site went to the portal, which release, how much was sent and by whom.

use std::path::Path;

use jiff::civil::Date;

use super::model::Deploy;
use super::period::Period;
use crate::diagnostics::Diagnostic;
use crate::messages::{DeployMessage, Message};

/// The site's deploys whose Vietnam date falls in `period`, oldest first, with a
/// warning when the log has rows that cannot be read.
pub fn in_period(root: &Path, period: Period, unit: &str) -> (Vec<Deploy>, Option<Diagnostic>) {
    let path = crate::deploy::log::path(root);
    let (records, skipped) = match crate::deploy::log::read(root) {
        Ok(read) => read,
        Err(e) => {
            let d =
                Diagnostic::warning(Message::Deploy(DeployMessage::LogUnreadable { detail: e.to_string() }))
                    .in_file(&path);
            return (Vec::new(), Some(d));
        }
    };
    let warning = (skipped > 0).then(|| {
        Diagnostic::warning(Message::Deploy(DeployMessage::LogRowsSkipped { skipped })).in_file(&path)
    });
    let mut deploys: Vec<Deploy> = records
        .into_iter()
        .filter(|r| vietnam_date(&r.time).is_some_and(|d| period.contains(d)))
        .map(|record| Deploy { unit: unit.to_string(), record })
        .collect();
    deploys.sort_by(|a, b| a.record.time.cmp(&b.record.time));
    (deploys, warning)
}

/// The calendar day in Vietnam of a UTC time such as `2026-11-30T20:15:02Z`.
pub fn vietnam_date(time: &str) -> Option<Date> {
    let ts: jiff::Timestamp = time.parse().ok()?;
    Some(ts.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7))).date())
}

/// `30/11/2026 16:15` (Vietnamese) or `2026-11-30 16:15` (English), Vietnam time.
pub fn vietnam_time(time: &str, lang: crate::messages::Lang) -> String {
    let Ok(ts) = time.parse::<jiff::Timestamp>() else { return time.to_string() };
    let local = ts.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)));
    match lang {
        crate::messages::Lang::Vi => local.strftime("%d/%m/%Y %H:%M").to_string(),
        crate::messages::Lang::En => local.strftime("%Y-%m-%d %H:%M").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deploy_belongs_to_the_day_it_was_in_vietnam() {
        assert_eq!(vietnam_date("2026-10-31T17:30:00Z"), Some(jiff::civil::date(2026, 11, 1)));
        assert_eq!(vietnam_date("2026-10-31T16:59:59Z"), Some(jiff::civil::date(2026, 10, 31)));
        assert_eq!(vietnam_date("hôm qua"), None);
        assert_eq!(vietnam_time("2026-10-31T17:30:00Z", crate::messages::Lang::Vi), "01/11/2026 00:30");
    }
}
