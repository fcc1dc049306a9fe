//! `--format csv`: one CSV file per table, UTF-8 with a byte-order mark so spreadsheet
//! programs show Vietnamese letters. `report.csv` holds the explainers; the other tables
//! go beside it as `report-summary.csv`, `report-by-channel.csv`, … (`TableId::slug`).
//! Numbers are plain digits, durations whole seconds, dates `YYYY-MM-DD`; a text that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is prefixed with `'`.

use crate::messages::Lang;
use crate::report::tables::{Cell, Table, TableId};

pub fn render(tables: &[Table], lang: Lang) -> Vec<(Option<&'static str>, Vec<u8>)> {
    let mut files: Vec<(Option<&'static str>, Vec<u8>)> = Vec::new();
    for table in tables {
        let name = if table.id == TableId::Explainers { None } else { Some(table.id.slug()) };
        files.push((name, table_csv(table, lang)));
    }
    // The explainers first: it is the file asked for, and what standard output shows.
    files.sort_by_key(|(name, _)| name.is_some());
    files
}

fn table_csv(table: &Table, lang: Lang) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut bytes);
        let seconds = |i: usize| {
            table.rows.iter().chain(table.total.as_ref()).any(|r| matches!(r.get(i), Some(Cell::Seconds(_))))
        };
        let unit = if lang == Lang::Vi { " (giây)" } else { " (seconds)" };
        let header: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| if seconds(i) { format!("{}{unit}", c.label) } else { c.label.clone() })
            .map(|t| guard(&t))
            .collect();
        let _ = w.write_record(&header);
        for row in table.rows.iter().chain(table.total.as_ref()) {
            let _ = w.write_record(row.iter().map(cell));
        }
        let _ = w.flush();
    }
    bytes
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => guard(t),
        Cell::Count(n) | Cell::Seconds(n) => n.to_string(),
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
