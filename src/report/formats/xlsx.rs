//! `--format xlsx`: one sheet per table, numbers as numbers, dates as dates, durations
//! as durations, the header row frozen and columns as wide as their contents.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as CellFormat, Workbook, Worksheet, XlsxError};

use super::Document;
use crate::messages::Lang;
use crate::report::tables::{Cell, Table, TableId};

/// The workbook, or why the library refused it.
pub fn render(doc: &Document) -> Result<Vec<u8>, String> {
    workbook(doc).map_err(|e| e.to_string())
}

/// Longest text a cell holds (Excel's limit is 32,767 characters).
const CELL_TEXT: usize = 32_000;

fn workbook(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let properties =
        DocProperties::new().set_title(&doc.subject).set_author(&doc.organisation).set_subject(&doc.subject);
    book.set_properties(&properties);
    let header = CellFormat::new().set_bold().set_background_color("DDE4EE").set_text_wrap();
    let count = CellFormat::new().set_num_format("#,##0");
    let date =
        CellFormat::new().set_num_format(if doc.lang == Lang::Vi { "dd/mm/yyyy" } else { "yyyy-mm-dd" });
    let duration = CellFormat::new().set_num_format("[h]:mm:ss");
    let bold = CellFormat::new().set_bold();
    for table in &doc.tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(table.id, doc.lang))?;
        write_table(sheet, table, &header, &count, &date, &duration, &bold)?;
    }
    book.save_to_buffer()
}

fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    header: &CellFormat,
    count: &CellFormat,
    date: &CellFormat,
    duration: &CellFormat,
    bold: &CellFormat,
) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = table.columns.iter().map(|c| c.label.chars().count().min(24)).collect();
    for (col, c) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, &c.label, header)?;
    }
    let rows = table.rows.iter().map(|r| (r, false)).chain(table.total.iter().map(|r| (r, true)));
    for (n, (row, total)) in rows.enumerate() {
        let r = n as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            let width = match cell {
                Cell::Text(t) => {
                    let t: String = t.chars().take(CELL_TEXT).collect();
                    if total {
                        sheet.write_string_with_format(r, c, &t, bold)?;
                    } else {
                        sheet.write_string(r, c, &t)?;
                    }
                    t.chars().count()
                }
                Cell::Count(v) => {
                    sheet.write_number_with_format(r, c, *v as f64, count)?;
                    v.to_string().len() + 2
                }
                Cell::Seconds(s) => {
                    sheet.write_number_with_format(r, c, *s as f64 / 86_400.0, duration)?;
                    9
                }
                Cell::Date(d) => {
                    // Spreadsheets hold dates from 1900 on; an older one stays text.
                    let when = u16::try_from(d.year())
                        .ok()
                        .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
                    match when {
                        Some(when) => sheet.write_date_with_format(r, c, &when, date)?,
                        None => sheet.write_string(r, c, d.to_string())?,
                    };
                    10
                }
                Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(width);
            }
        }
    }
    for (col, w) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(id: TableId, lang: Lang) -> &'static str {
    let (vi, en) = match id {
        TableId::Summary => ("Tổng hợp", "Summary"),
        TableId::Units => ("Đơn vị báo cáo", "Reporting units"),
        TableId::ByChannel => ("Theo kênh", "By channel"),
        TableId::ByUnit => ("Theo đơn vị", "By unit"),
        TableId::BySection => ("Theo chuyên mục", "By section"),
        TableId::ByTopic => ("Theo chủ đề", "By topic"),
        TableId::ByAudience => ("Theo đối tượng", "By audience"),
        TableId::ByMonth => ("Theo tháng", "By month"),
        TableId::Explainers => ("Bài giải thích", "Explainers"),
        TableId::Partners => ("Báo đối tác", "Partners"),
        TableId::Feeds => ("Bản tin", "Feeds"),
        TableId::Stations => ("Phát sóng", "Airings"),
        TableId::Deploys => ("Đăng lên cổng", "Deploys"),
        TableId::Sources => ("Nguồn số liệu", "Sources"),
    };
    if lang == Lang::Vi {
        vi
    } else {
        en
    }
}
