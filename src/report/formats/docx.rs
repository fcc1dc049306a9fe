//! `--format docx`: the report as the administrative document the department receives,
//! laid out after Nghị định 30/2020/NĐ-CP, Phụ lục I: A4 portrait, margins 20 mm top and
//! bottom, 30 mm left, 15 mm right; Times New Roman, body 14 pt; the issuing body and the
//! national motto side by side at the top; number and symbol left for the clerk; place
//! and date; title, subject and "Kính gửi"; numbered sections; "Nơi nhận" beside the
//! signer's title; page numbers at the top centre from page 2.

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, Table as DocxTable, TableCell, TableCellBorder, TableCellBorderPosition,
    TableCellBorders, TableRow, WidthType,
};

use super::Document;
use crate::report::labels::L;
use crate::report::tables::{Cell, Table};

/// Twentieths of a point per millimetre.
const MM: f64 = 56.692_913;
const A4: (u32, u32) = (11_906, 16_838);
/// The width between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11_906 - 1_701 - 850;
const FONT: &str = "Times New Roman";
/// Sizes in half-points.
const BODY: usize = 28;
const HEADER: usize = 26;
const TABLE: usize = 22;
const SMALL: usize = 24;
const RULE: &str = "——————";

/// The document, or why it could not be packed.
pub fn render(doc: &Document) -> Result<Vec<u8>, String> {
    let l = doc.lang;
    let mm = |v: f64| (v * MM).round() as i32;
    let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let page_number = Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new()).size(BODY);
    let mut docx = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new().top(mm(20.0)).bottom(mm(20.0)).left(mm(30.0)).right(mm(15.0)).header(mm(10.0)),
        )
        .default_fonts(fonts)
        .default_size(BODY)
        .header(Header::new().add_paragraph(page_number))
        .first_header(Header::new())
        .title_pg()
        .created_at(&format!("{}T00:00:00Z", doc.today))
        .updated_at(&format!("{}T00:00:00Z", doc.today));

    // The two-column header: issuing body on the left, the national motto on the right.
    let mut left = vec![];
    if let Some(parent) = &doc.parent {
        left.push(centred(parent, HEADER, false, false));
    }
    left.push(centred(&doc.organisation, HEADER, true, false));
    left.push(centred(RULE, HEADER, false, false));
    left.push(centred(&doc.number, HEADER, false, false));
    // The place and date sit in the right column, on the line of the number.
    let right = vec![
        centred(L::NationalName.text(l), SMALL, true, false),
        centred(L::Motto.text(l), HEADER + 2, true, false),
        centred(RULE, HEADER, false, false),
        centred(&doc.place_date, HEADER + 2, false, true),
    ];
    docx = docx.add_table(two_columns(left, right, 4_100));

    docx = docx
        .add_paragraph(
            centred(L::Report.text(l), BODY, true, false).line_spacing(LineSpacing::new().before(240)),
        )
        .add_paragraph(centred(&doc.subject, BODY, true, false))
        .add_paragraph(centred(RULE, BODY, false, false))
        .add_paragraph(
            centred(&doc.recipient, BODY, false, false).line_spacing(LineSpacing::new().after(240)),
        );

    let [direction, results, assessment, proposals] = doc.sections();
    docx = docx.add_paragraph(heading(direction)).add_paragraph(body(L::ToFillIn.text(l)));
    docx = docx.add_paragraph(heading(results));
    for note in &doc.notes {
        docx = docx.add_paragraph(body(note));
    }
    for (n, table) in doc.tables.iter().enumerate() {
        docx = docx.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(doc.table_heading(n)).bold().italic().size(BODY))
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(120).after(60)),
        );
        if table.rows.is_empty() {
            docx = docx.add_paragraph(body(L::NothingYet.text(l)));
        } else {
            docx = docx.add_table(data_table(table, doc.lang));
        }
    }
    docx = docx.add_paragraph(heading(assessment)).add_paragraph(body(L::ToFillIn.text(l)));
    docx = docx.add_paragraph(heading(proposals)).add_paragraph(body(L::ToFillIn.text(l)));

    // Bottom: recipients on the left, the signer on the right.
    let recipients = vec![
        Paragraph::new().add_run(Run::new().add_text(L::Recipients.text(l)).bold().italic().size(SMALL)),
        Paragraph::new().add_run(Run::new().add_text(L::AsAbove.text(l)).size(TABLE)),
        Paragraph::new().add_run(Run::new().add_text(L::Archive.text(l)).size(TABLE)),
    ];
    let mut signer: Vec<Paragraph> =
        doc.signer_title.iter().map(|t| centred(t, HEADER, true, false)).collect();
    signer.push(centred(L::SignaturePlace.text(l), SMALL, false, true));
    for _ in 0..3 {
        signer.push(Paragraph::new());
    }
    if !doc.signer.is_empty() {
        signer.push(centred(&doc.signer, BODY, true, false));
    }
    docx = docx.add_paragraph(Paragraph::new()).add_table(two_columns(recipients, signer, TEXT_WIDTH / 2));
    docx = docx.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(&doc.colophon).italic().size(20))
            .line_spacing(LineSpacing::new().before(480)),
    );

    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.into_inner())
}

fn centred(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    let mut run = Run::new().add_text(text).size(size);
    if bold {
        run = run.bold();
    }
    if italic {
        run = run.italic();
    }
    Paragraph::new().align(AlignmentType::Center).add_run(run)
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(text).bold().size(BODY))
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(240).after(120))
}

/// A body paragraph: 14 pt, first line indented 1.27 cm, 6 pt after.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(720)), None, None)
        .add_run(Run::new().add_text(text).size(BODY))
        .line_spacing(LineSpacing::new().after(120))
}

/// Two columns without borders, the left `left_width` wide.
fn two_columns(left: Vec<Paragraph>, right: Vec<Paragraph>, left_width: usize) -> DocxTable {
    let cell = |paragraphs: Vec<Paragraph>, width: usize| {
        paragraphs
            .into_iter()
            .fold(TableCell::new(), |c, p| c.add_paragraph(p))
            .width(width, WidthType::Dxa)
            .set_borders(TableCellBorders::with_empty())
    };
    DocxTable::without_borders(vec![TableRow::new(vec![
        cell(left, left_width),
        cell(right, TEXT_WIDTH - left_width),
    ])])
    .set_grid(vec![left_width, TEXT_WIDTH - left_width])
    .width(TEXT_WIDTH, WidthType::Dxa)
}

/// A table of figures: the columns meant for the document, header row in bold, numbers
/// right-aligned, 11 pt.
fn data_table(table: &Table, lang: crate::messages::Lang) -> DocxTable {
    let columns = table.document_columns();
    let rows: Vec<&Vec<Cell>> = table.rows.iter().chain(table.total.as_ref()).collect();
    let numeric: Vec<bool> =
        columns.iter().map(|&i| rows.iter().any(|r| r.get(i).is_some_and(|c| c.is_number()))).collect();
    // Numbers and dates as wide as they need (a header word per line); texts share the rest.
    let fixed: Vec<Option<usize>> = columns
        .iter()
        .map(|&i| {
            let longest = rows.iter().filter_map(|r| r.get(i)).map(|c| c.shown(lang).chars().count()).max();
            let figures =
                rows.iter().any(|r| r.get(i).is_some_and(|c| !matches!(c, Cell::Empty | Cell::Text(_))));
            figures.then(|| (longest.unwrap_or(1) * 110 + 300).clamp(1_300, 2_200))
        })
        .collect();
    let used: usize = fixed.iter().flatten().sum();
    let texts = fixed.iter().filter(|f| f.is_none()).count().max(1);
    let wide = TEXT_WIDTH.saturating_sub(used) / texts;
    let widths: Vec<usize> = fixed.iter().map(|f| f.unwrap_or(wide)).collect();
    let border = |p| TableCellBorder::new(p).border_type(BorderType::Single).size(4).color("000000");
    let borders = [
        TableCellBorderPosition::Top,
        TableCellBorderPosition::Bottom,
        TableCellBorderPosition::Left,
        TableCellBorderPosition::Right,
    ]
    .into_iter()
    .fold(TableCellBorders::with_empty(), |b, p| b.set(border(p)));
    let cell = |text: &str, width: usize, bold: bool, right: bool| {
        let mut run = Run::new().add_text(text).size(TABLE);
        if bold {
            run = run.bold();
        }
        let align = if right { AlignmentType::Right } else { AlignmentType::Left };
        TableCell::new()
            .add_paragraph(Paragraph::new().align(align).add_run(run))
            .width(width, WidthType::Dxa)
            .set_borders(borders.clone())
    };
    let header = columns
        .iter()
        .zip(&widths)
        .map(|(&i, &w)| cell(&table.columns[i].label, w, true, false))
        .collect::<Vec<_>>();
    let mut rows = vec![TableRow::new(header).cant_split()];
    for (row, total) in table.rows.iter().map(|r| (r, false)).chain(table.total.iter().map(|r| (r, true))) {
        let cells = columns
            .iter()
            .zip(&widths)
            .zip(&numeric)
            .map(|((&i, &w), &n)| cell(&row.get(i).map(|c| c.shown(lang)).unwrap_or_default(), w, total, n))
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    DocxTable::new(rows).set_grid(widths).width(TEXT_WIDTH, WidthType::Dxa)
}
