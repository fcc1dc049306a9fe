//! What editors bring from Word or a web page, as clean Markdown: the HTML of the
//! clipboard (pasted in the editor, [`html`]) and a `.docx` file (`loa import`, or the
//! upload in the editor's list, [`docx`]). Both read into [`Block`]s, written one way
//! here: headings, paragraphs, bold, italic, lists, links and tables; styles, fonts
//! and empty paragraphs dropped.

pub mod docx;
pub mod html;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::messages::Message;

/// A run of text with one look.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<String>,
}

/// A block of the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, Vec<Span>),
    Paragraph(Vec<Span>),
    Item {
        ordered: bool,
        level: usize,
        spans: Vec<Span>,
    },
    /// Rows of cells; the first row is the header.
    Table(Vec<Vec<Vec<Span>>>),
    Image {
        alt: String,
        src: String,
    },
}

/// The blocks as Markdown: headings start at `##` (the page's title is its `#`), one
/// blank line between blocks, none between the items of a list; NFC.
pub fn markdown(blocks: &[Block]) -> String {
    let top = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, spans) if !plain(spans).is_empty() => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let mut out = String::new();
    // Per level of the list being written: ordered or not, and the items so far.
    let mut numbers: Vec<(bool, usize)> = Vec::new();
    let mut previous_item = false;
    for block in blocks {
        let text = match block {
            Block::Heading(level, spans) => {
                let line = inline(spans, false);
                (!line.is_empty()).then(|| {
                    let level = (usize::from(*level) + 2).saturating_sub(usize::from(top)).clamp(2, 6);
                    format!("{} {line}", "#".repeat(level))
                })
            }
            Block::Paragraph(spans) => Some(inline(spans, false)).filter(|l| !l.is_empty()),
            Block::Item { ordered, level, spans } => {
                let line = inline(spans, false);
                (!line.is_empty()).then(|| {
                    // A list goes one level deeper at a time.
                    let level = (*level).min(numbers.len());
                    numbers.truncate(level + 1);
                    numbers.resize(level + 1, (*ordered, 0));
                    if numbers[level].0 != *ordered {
                        numbers[level] = (*ordered, 0);
                    }
                    numbers[level].1 += 1;
                    let indent = "   ".repeat(level);
                    match ordered {
                        true => format!("{indent}{}. {line}", numbers[level].1),
                        false => format!("{indent}- {line}"),
                    }
                })
            }
            Block::Table(rows) => table(rows),
            Block::Image { alt, src } => Some(format!("![{}]({})", escape(alt, false), link_target(src))),
        };
        let Some(text) = text else { continue };
        let item = matches!(block, Block::Item { .. });
        if !item {
            numbers.clear();
        }
        if !out.is_empty() {
            out.push_str(if item && previous_item { "\n" } else { "\n\n" });
        }
        out.push_str(&text);
        previous_item = item;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    crate::text::nfc(&out)
}

/// The text of spans, whitespace collapsed.
pub fn plain(spans: &[Span]) -> String {
    let joined: String = spans.iter().map(|s| s.text.as_str()).collect();
    collapse(&joined)
}

fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line of Markdown from spans: whitespace collapsed, neighbours with the same look
/// merged, `**`/`*` around the words only, links as `[text](address)`.
fn inline(spans: &[Span], in_table: bool) -> String {
    // Whitespace collapsed across spans, keeping one space where any was.
    let mut merged: Vec<Span> = Vec::new();
    let mut last_space = true;
    for span in spans {
        let mut text = String::new();
        for c in span.text.chars() {
            let space = c.is_whitespace() || c == '\u{a0}';
            if space && last_space {
                continue;
            }
            text.push(if space { ' ' } else { c });
            last_space = space;
        }
        if text.is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some(m) if m.bold == span.bold && m.italic == span.italic && m.link == span.link => {
                m.text.push_str(&text)
            }
            _ => merged.push(Span { text, ..span.clone() }),
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < merged.len() {
        let link = merged[i].link.clone();
        let mut inner = String::new();
        while i < merged.len() && merged[i].link == link {
            let s = &merged[i];
            let core = s.text.trim();
            let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
            let trail = &s.text[s.text.trim_end().len()..];
            let marker = match (s.bold, s.italic) {
                _ if core.is_empty() => "",
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                (false, false) => "",
            };
            inner.push_str(lead);
            inner.push_str(marker);
            inner.push_str(&escape(core, in_table));
            inner.push_str(marker);
            inner.push_str(trail);
            i += 1;
        }
        match link.as_deref().map(link_target).filter(|t| !t.is_empty()) {
            Some(target) if !inner.trim().is_empty() => {
                let (lead, core, trail) = (
                    &inner[..inner.len() - inner.trim_start().len()],
                    inner.trim(),
                    &inner[inner.trim_end().len()..],
                );
                out.push_str(&format!("{lead}[{core}]({target}){trail}"));
            }
            _ => out.push_str(&inner),
        }
    }
    let out = out.trim().to_string();
    // What would start a heading, a list or a quote at the start of a line is text. A
    // number is a list's only when a space follows its dot: "7.500 đồng" is a price.
    let numbered = |i: usize| {
        i > 0
            && out[..i].bytes().all(|b| b.is_ascii_digit())
            && out[i + 1..].chars().next().is_none_or(char::is_whitespace)
    };
    let starts_block =
        out.starts_with(['#', '>', '-', '+', '=']) || out.find(['.', ')']).is_some_and(numbered);
    match starts_block {
        true if out.starts_with(|c: char| c.is_ascii_digit()) => {
            let i = out.find(['.', ')']).unwrap_or(0);
            format!("{}\\{}", &out[..i], &out[i..])
        }
        true => format!("\\{out}"),
        false => out,
    }
}

/// Characters Markdown would read as markup, escaped (and `|` in a table's cell).
fn escape(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>') || (in_table && c == '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An address a page may link to: web and mail addresses and addresses within the
/// site; anything else (`javascript:`, `file:`) is dropped.
fn link_target(address: &str) -> String {
    let address = address.trim();
    let scheme = address.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let allowed = match &scheme {
        Some(s) if !s.contains(['/', '?', '#']) => matches!(s.as_str(), "http" | "https" | "mailto"),
        _ => true,
    };
    if !allowed || address.is_empty() {
        return String::new();
    }
    address
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

fn table(rows: &[Vec<Vec<Span>>]) -> Option<String> {
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| inline(c, true)).collect()).collect();
    let cells: Vec<Vec<String>> = cells.into_iter().filter(|r| r.iter().any(|c| !c.is_empty())).collect();
    let width = cells.iter().map(Vec::len).max()?;
    let line = |row: &[String]| {
        let mut l = String::from("|");
        for i in 0..width {
            l.push(' ');
            l.push_str(row.get(i).map_or("", String::as_str));
            l.push_str(" |");
        }
        l
    };
    let mut out = line(&cells[0]);
    out.push_str("\n|");
    out.push_str(&" --- |".repeat(width));
    for row in &cells[1..] {
        out.push('\n');
        out.push_str(&line(row));
    }
    Some(out)
}

/// What `loa import` made: the explainer, its pictures, the sections it created, and
/// what in the document could not be carried over.
pub struct Imported {
    pub path: PathBuf,
    pub pictures: Vec<PathBuf>,
    pub sections: Vec<PathBuf>,
    pub skipped: Vec<String>,
}

/// `loa import FILE.docx [--section S]`: a new draft explainer from a Word document,
/// titled by its first heading (or the file's name), its pictures beside it. Never
/// overwrites: names taken get `-2`, `-3` ….
pub fn import_docx(root: &Path, file: &Path, section: Option<&str>) -> Result<Imported, Diagnostic> {
    let fail = |detail: String| {
        Diagnostic::error(Message::ImportFailed { path: file.to_path_buf(), detail })
            .help(Message::HelpImportFailed)
    };
    let bytes = std::fs::read(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Diagnostic::error(Message::ImportFailed {
            path: file.to_path_buf(),
            detail: "không có tệp này".into(),
        })
        .help(Message::HelpImportMissing),
        _ => fail(e.to_string()),
    })?;
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let document = docx::read(&bytes).map_err(fail)?;
    let made = write_explainer(root, section.unwrap_or(""), &stem, document)?;
    Ok(made)
}

/// Writes a read document as a new draft explainer in `content/<section>/`.
pub fn write_explainer(
    root: &Path,
    section: &str,
    file_stem: &str,
    document: docx::Document,
) -> Result<Imported, Diagnostic> {
    let docx::Document { title, mut blocks, pictures, mut skipped } = document;
    let title =
        title.filter(|t| !t.is_empty()).unwrap_or_else(|| crate::scaffold::section_title(file_stem.trim()));
    let title = crate::text::nfc(&title);
    let stem = crate::text::slugify(&title);
    let stem = if stem.is_empty() { "bai-nhap-tu-word".to_string() } else { stem };
    let content = root.join(crate::content::CONTENT_DIR);
    let section = section.trim().trim_matches('/');
    let dir = match section {
        "" => content.clone(),
        s => content.join(crate::site::safe_output_path(s).ok_or_else(|| {
            Diagnostic::error(Message::UnsafeSection { section: s.to_string() })
                .help(Message::HelpUnsafeSection)
        })?),
    };
    let new_folders = crate::scaffold::missing_sections(root, &dir);
    std::fs::create_dir_all(&dir).map_err(|e| write_failed(&dir, e))?;
    // The pictures first, so the text names the files really written.
    let mut written = Vec::new();
    for (n, picture) in pictures.iter().enumerate() {
        let Some(kind) = picture_kind(&picture.bytes) else {
            skipped.push(format!("ảnh {} ({}): loại ảnh trang web không hiển thị được", n + 1, picture.name));
            blocks.retain(|b| !matches!(b, Block::Image { src, .. } if *src == picture.name));
            continue;
        };
        let (path, name) = create_new(&dir, &format!("{stem}-anh-{}", n + 1), kind, &picture.bytes)?;
        for block in &mut blocks {
            if let Block::Image { src, .. } = block {
                if *src == picture.name {
                    *src = name.clone();
                }
            }
        }
        if picture.alt.trim().is_empty() {
            skipped.push(format!("ảnh {} ({name}) chưa có mô tả: thêm mô tả trước khi đăng", n + 1));
        }
        written.push(path);
    }
    let today = crate::text::dates::today();
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!("---\ntitle: \"{quoted}\"\ndate: {today}\ndraft: true\n---\n\n{}", markdown(&blocks));
    let (path, _) = create_new(&dir, &stem, "md", text.as_bytes())?;
    let sections = crate::scaffold::write_section_indexes(&new_folders)?;
    Ok(Imported { path, pictures: written, sections, skipped })
}

/// The file extension of a picture a page can show, by its first bytes.
pub fn picture_kind(bytes: &[u8]) -> Option<&'static str> {
    match image::guess_format(bytes).ok()? {
        image::ImageFormat::Jpeg => Some("jpg"),
        image::ImageFormat::Png => Some("png"),
        image::ImageFormat::WebP => Some("webp"),
        image::ImageFormat::Gif => Some("gif"),
        _ => None,
    }
}

/// Writes `<stem>.<ext>` in `dir`, or `<stem>-2.<ext>` … when taken; the path and name.
pub fn create_new(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<(PathBuf, String), Diagnostic> {
    for n in 1..1000 {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem}-{n}.{ext}") };
        let path = dir.join(&name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                return std::io::Write::write_all(&mut f, bytes).map(|()| (path.clone(), name)).map_err(|e| {
                    let _ = std::fs::remove_file(&path);
                    write_failed(&path, e)
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(write_failed(&path, e)),
        }
    }
    Err(write_failed(&dir.join(stem), std::io::Error::other("no free name")))
}

fn write_failed(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Message::WriteFailed { path: path.to_path_buf(), detail: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Span {
        Span { text: text.into(), ..Span::default() }
    }

    #[test]
    fn blocks_are_written_as_plain_markdown() {
        let bold = Span { text: "đậm ".into(), bold: true, ..Span::default() };
        let link = Span {
            text: "cổng".into(),
            link: Some("https://dichvucong.gov.vn/a b".into()),
            ..Span::default()
        };
        let blocks = vec![
            Block::Heading(1, vec![s("Mở đầu")]),
            Block::Paragraph(vec![s("Chữ "), bold, s("và "), link, s(".")]),
            Block::Paragraph(vec![s("  \u{a0} ")]),
            Block::Item { ordered: false, level: 0, spans: vec![s("một")] },
            Block::Item { ordered: false, level: 1, spans: vec![s("con")] },
            Block::Item { ordered: true, level: 0, spans: vec![s("2. không phải số")] },
            Block::Table(vec![vec![vec![s("A|B")], vec![s("C")]], vec![vec![s("1")]]]),
            Block::Paragraph(vec![s("# không phải đề mục *sao*")]),
            Block::Paragraph(vec![s("7.500 đồng một cân.")]),
        ];
        assert_eq!(
            markdown(&blocks),
            "## Mở đầu\n\nChữ **đậm** và [cổng](https://dichvucong.gov.vn/a%20b).\n\n- một\n   - con\n1. 2\\. không phải số\n\n\
             | A\\|B | C |\n| --- | --- |\n| 1 |  |\n\n\\# không phải đề mục \\*sao\\*\n\n7.500 đồng một cân.\n"
        );
    }

    #[test]
    fn script_addresses_are_dropped() {
        let link = Span { text: "bấm".into(), link: Some("JavaScript:alert(1)".into()), ..Span::default() };
        assert_eq!(markdown(&[Block::Paragraph(vec![link])]), "bấm\n");
    }
}
