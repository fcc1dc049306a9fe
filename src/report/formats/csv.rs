//! `--format csv`: one CSV file per table, UTF-8 with a byte-order mark so spreadsheet
//! programs show Vietnamese letters. `report.csv` holds the explainers; the other tables
//! go beside it as `report-summary.csv`, `report-by-channel.csv`, … (`TableId::slug`).
//! Numbers are plain digits, durations whole seconds (or `h:mm:ss` among other figures),
//! dates `YYYY-MM-DD`; a text that a spreadsheet would run as a formula (`=`, `+`, `-`,
//! `@`) is prefixed with `'`.

use crate::messages::Lang;
use crate::report::tables::{Cell, Table, TableId};

pub fn render(tables: &[Table], lang: Lang) -> Vec<super::File> {
    let mut files: Vec<super::File> = Vec::new();
    for table in tables {
        let name = if table.id == TableId::Explainers { None } else { Some(table.id) };
        files.push((name, table_csv(table, lang)));
    }
    // The explainers first: it is the file asked for, and what standard output shows.
    files.sort_by_key(|(name, _)| name.is_some());
    files
}

fn table_csv(table: &Table, lang: Lang) -> Vec<u8> {
    let rows: Vec<&Vec<Cell>> = table.rows.iter().chain(table.total.as_ref()).collect();
    // A column of durations is written in seconds and says so in its heading; a duration
    // among other figures (the summary's airtime) is written h:mm:ss.
    let in_seconds: Vec<bool> = (0..table.columns.len())
        .map(|i| {
            let cells = || rows.iter().filter_map(|r| r.get(i)).filter(|c| **c != Cell::Empty);
            cells().any(|c| matches!(c, Cell::Seconds(_))) && cells().all(|c| matches!(c, Cell::Seconds(_)))
        })
        .collect();
    let unit = if lang == Lang::Vi { " (giây)" } else { " (seconds)" };
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut bytes);
        let header = table.columns.iter().zip(&in_seconds).map(|(c, &secs)| {
            if secs {
                guard(&format!("{}{unit}", c.label))
            } else {
                guard(&c.label)
            }
        });
        let _ = w.write_record(header);
        for row in &rows {
            let _ = w.write_record(row.iter().zip(&in_seconds).map(|(c, &secs)| cell(c, secs)));
        }
        let _ = w.flush();
    }
    bytes
}

fn cell(c: &Cell, in_seconds: bool) -> String {
    match c {
        Cell::Text(t) => guard(t),
        Cell::Count(n) => n.to_string(),
        Cell::Seconds(n) if in_seconds => n.to_string(),
        Cell::Seconds(n) => format!("{}:{:02}:{:02}", n / 3600, n / 60 % 60, n % 60),
        Cell::Date(d) => d.to_string(),
        Cell::Empty => String::new(),
    }
}

/// Keeps spreadsheet programs from reading a text as a formula.
fn guard(text: &str) -> String {
    let one_line = text.replace(['\r', '\n'], " ");
    if one_line.starts_with(['=', '+', '-', '@', '\t']) {
        format!("'{one_line}")
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_are_defused() {
        assert_eq!(super::guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::guard("Chuyển đổi số"), "Chuyển đổi số");
    }
}
