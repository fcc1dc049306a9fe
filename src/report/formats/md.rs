//! `--format md` (and the report on standard output): the letter and its tables in
//! Markdown, every text escaped so a title cannot become markup or raw HTML.

use std::fmt::Write as _;

use super::Document;
use crate::report::labels::L;
use crate::report::tables::Table;

pub fn render(doc: &Document) -> String {
    let l = doc.lang;
    let mut out = String::new();
    if let Some(parent) = &doc.parent {
        let _ = writeln!(out, "{}  ", escape(parent));
    }
    let _ = writeln!(out, "**{}**  ", escape(&doc.organisation));
    let _ = writeln!(out, "{}\n", escape(&doc.number));
    let _ = writeln!(out, "**{}**  ", L::NationalName.text(l));
    let _ = writeln!(out, "**{}**\n", L::Motto.text(l));
    let _ = writeln!(out, "*{}*\n", escape(&doc.place_date));
    let _ = writeln!(out, "# {}\n", L::Report.text(l));
    let _ = writeln!(out, "**{}**\n", escape(&doc.subject));
    let _ = writeln!(out, "{}\n", escape(&doc.recipient));
    let [direction, results, assessment, proposals] = doc.sections();
    let _ = writeln!(out, "## {direction}\n\n{}\n", L::ToFillIn.text(l));
    let _ = writeln!(out, "## {results}\n");
    for note in &doc.notes {
        let _ = writeln!(out, "{}\n", escape(note));
    }
    for (n, table) in doc.tables.iter().enumerate() {
        let _ = writeln!(out, "### {}\n", escape(&doc.table_heading(n)));
        table_md(&mut out, table, l);
    }
    let _ = writeln!(out, "## {assessment}\n\n{}\n", L::ToFillIn.text(l));
    let _ = writeln!(out, "## {proposals}\n\n{}\n", L::ToFillIn.text(l));
    let _ =
        writeln!(out, "**{}**  \n{}  \n{}\n", L::Recipients.text(l), L::AsAbove.text(l), L::Archive.text(l));
    for line in &doc.signer_title {
        let _ = writeln!(out, "**{}**  ", escape(line));
    }
    let _ = writeln!(out, "*{}*\n", L::SignaturePlace.text(l));
    if !doc.signer.is_empty() {
        let _ = writeln!(out, "**{}**\n", escape(&doc.signer));
    }
    let _ = writeln!(out, "---\n\n{}", escape(&doc.colophon));
    out
}

fn table_md(out: &mut String, table: &Table, lang: crate::messages::Lang) {
    if table.rows.is_empty() {
        let _ = writeln!(out, "{}\n", L::NothingYet.text(lang));
        return;
    }
    let row = |out: &mut String, cells: Vec<String>| {
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    };
    row(out, table.columns.iter().map(|c| escape(&c.label)).collect());
    let rule =
        table
            .columns
            .iter()
            .enumerate()
            .map(|(i, _)| {
                if table.rows.iter().any(|r| r.get(i).is_some_and(|c| c.is_number())) {
                    "---:"
                } else {
                    "---"
                }
            })
            .map(String::from)
            .collect();
    row(out, rule);
    for cells in table.rows.iter().chain(table.total.as_ref()) {
        row(out, cells.iter().map(|c| escape(&c.shown(lang))).collect());
    }
    out.push('\n');
}

/// Text that reads as itself in Markdown and in a table cell: markup characters and
/// HTML escaped, line breaks made spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            // Terminal escapes and other control characters never reach the reader.
            c if c.is_control() => out.push('\u{FFFD}'),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_cannot_become_markup() {
        let e = super::escape("<script>x</script> | [a](javascript:b) *c*\nd");
        assert_eq!(e, "&lt;script&gt;x&lt;/script&gt; \\| \\[a\\](javascript:b) \\*c\\* d");
    }
}
