//! A Word document (`.docx`) read into blocks: headings (by the paragraph's style),
//! paragraphs, bold and italic runs, numbered and bulleted lists (by the document's
//! numbering), links, tables and pictures (with their alternative text). What a web
//! page cannot show (text boxes, equations, charts, embedded objects, footnotes) is
//! left out and named. Deleted tracked changes stay deleted. The archive is read with
//! limits, so a crafted file cannot fill the memory.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{Block, Span};

/// The most read of one part of the archive, and of all its pictures together.
const MAX_PART: u64 = 64 * 1024 * 1024;
const MAX_PICTURES: u64 = 200 * 1024 * 1024;

/// A document read: its title (its first heading), the rest of its text, its pictures
/// (named in the blocks by their place in the archive) and what was left out.
#[derive(Debug, Default)]
pub struct Document {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    pub pictures: Vec<Picture>,
    pub skipped: Vec<String>,
}

#[derive(Debug)]
pub struct Picture {
    /// Its place in the archive, e.g. `word/media/image1.png`.
    pub name: String,
    pub bytes: Vec<u8>,
    pub alt: String,
}

/// Reads a `.docx`; an error says in Vietnamese why the file is not one.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "tệp không phải tài liệu Word (.docx): không mở được như một tệp nén".to_string())?;
    let mut part = |name: &str| -> Option<Vec<u8>> {
        let file = archive.by_name(name).ok()?;
        let mut out = Vec::new();
        file.take(MAX_PART).read_to_end(&mut out).ok()?;
        Some(out)
    };
    let document = part("word/document.xml")
        .ok_or_else(|| "tệp không phải tài liệu Word (.docx): thiếu phần word/document.xml".to_string())?;
    let relations = relations(&part("word/_rels/document.xml.rels").unwrap_or_default());
    let styles = styles(&part("word/styles.xml").unwrap_or_default());
    let numbering = numbering(&part("word/numbering.xml").unwrap_or_default());
    let mut reader = DocReader::new(&relations, &styles, &numbering);
    reader.read(&document)?;
    let mut out = Document { skipped: reader.skipped, ..Document::default() };
    // The pictures the text uses, once each, in order.
    let mut total = 0u64;
    for target in &reader.pictures {
        if out.pictures.iter().any(|p| p.name == target.0) {
            continue;
        }
        let Ok(file) = archive.by_name(&target.0) else {
            out.skipped.push(format!("ảnh {} không có trong tệp", target.0));
            continue;
        };
        let mut data = Vec::new();
        let _ = file.take(MAX_PART.min(MAX_PICTURES - total)).read_to_end(&mut data);
        total += data.len() as u64;
        out.pictures.push(Picture { name: target.0.clone(), bytes: data, alt: target.1.clone() });
    }
    // The title: the first block when it is a heading, else the first title or top
    // heading anywhere.
    let mut blocks = reader.blocks;
    let first_heading = match blocks.iter().position(|b| !matches!(b, Block::Image { .. })) {
        Some(i) if matches!(blocks[i], Block::Heading(..)) => Some(i),
        _ => blocks.iter().position(|b| matches!(b, Block::Heading(1, _))),
    };
    if let Some(i) = first_heading {
        if let Block::Heading(_, spans) = blocks.remove(i) {
            out.title = Some(super::plain(&spans));
        }
    }
    out.blocks = blocks;
    let mut seen = Vec::new();
    out.skipped.retain(|s| {
        let new = !seen.contains(s);
        seen.push(s.clone());
        new
    });
    Ok(out)
}

fn local(e: &BytesStart) -> Vec<u8> {
    e.local_name().as_ref().to_vec()
}

/// An attribute by its local name (`w:val` → `val`), unescaped.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// An XML part's elements, for the small parts read whole: `each` gets every start
/// (or empty) element, and the local name of every end as `Err`.
fn each_element(xml: &[u8], mut each: impl FnMut(Result<&BytesStart, &[u8]>)) {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => each(Ok(&e)),
            Ok(Event::End(e)) => each(Err(e.local_name().as_ref())),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
}

/// `rId` → (target, external?).
fn relations(xml: &[u8]) -> HashMap<String, (String, bool)> {
    let mut out = HashMap::new();
    each_element(xml, |e| {
        let Ok(e) = e else { return };
        if let (b"Relationship", Some(id), Some(target)) =
            (local(e).as_slice(), attr(e, b"Id"), attr(e, b"Target"))
        {
            let external = attr(e, b"TargetMode").is_some_and(|m| m == "External");
            out.insert(id, (target, external));
        }
    });
    out
}

/// What a paragraph style makes of its paragraphs.
#[derive(Default, Clone)]
struct Style {
    /// From the style's name (`heading 1`, `Title`), which Word keeps in English
    /// whatever the language of its menus.
    heading: Option<u8>,
    /// A list style's numbering (`List Bullet`, `List Number`).
    num_id: Option<String>,
    level: usize,
}

fn styles(xml: &[u8]) -> HashMap<String, Style> {
    let mut out: HashMap<String, Style> = HashMap::new();
    let mut current: Option<String> = None;
    each_element(xml, |e| {
        let Ok(e) = e else {
            if e == Err(b"style".as_slice()) {
                current = None;
            }
            return;
        };
        let name = local(e);
        if name == b"style" {
            current = attr(e, b"styleId");
            return;
        }
        let Some(style) = current.as_ref().map(|id| out.entry(id.clone()).or_default()) else { return };
        match name.as_slice() {
            b"name" => {
                let name = attr(e, b"val").unwrap_or_default().to_ascii_lowercase();
                let level = match name.as_str() {
                    "title" => Some(1),
                    _ => name.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok()),
                };
                style.heading = level.filter(|l| (1..=9).contains(l)).map(|l| l.min(6));
            }
            b"numId" => style.num_id = attr(e, b"val").filter(|v| v != "0"),
            b"ilvl" => style.level = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8),
            _ => {}
        }
    });
    out
}

/// (numId, level) → ordered?, from the numbering part.
fn numbering(xml: &[u8]) -> HashMap<(String, usize), bool> {
    let mut abstract_formats: HashMap<(String, usize), bool> = HashMap::new();
    let mut num_to_abstract: Vec<(String, String)> = Vec::new();
    let (mut abstract_id, mut level, mut num_id) = (None::<String>, 0usize, None::<String>);
    each_element(xml, |e| {
        let Ok(e) = e else {
            if e == Err(b"abstractNum".as_slice()) {
                abstract_id = None;
            }
            return;
        };
        match local(e).as_slice() {
            b"abstractNum" => abstract_id = attr(e, b"abstractNumId"),
            b"lvl" => level = attr(e, b"ilvl").and_then(|l| l.parse().ok()).unwrap_or(0),
            b"numFmt" => {
                if let (Some(a), Some(format)) = (&abstract_id, attr(e, b"val")) {
                    abstract_formats
                        .insert((a.clone(), level), !matches!(format.as_str(), "bullet" | "none"));
                }
            }
            b"num" => num_id = attr(e, b"numId"),
            b"abstractNumId" => {
                if let (Some(n), Some(a)) = (&num_id, attr(e, b"val")) {
                    num_to_abstract.push((n.clone(), a));
                }
            }
            _ => {}
        }
    });
    let mut out = HashMap::new();
    for (num, abs) in num_to_abstract {
        for ((a, level), ordered) in &abstract_formats {
            if *a == abs {
                out.insert((num.clone(), *level), *ordered);
            }
        }
    }
    out
}

#[derive(Default)]
struct Paragraph {
    style: Option<String>,
    num_id: Option<String>,
    level: usize,
    spans: Vec<Span>,
}

struct DocReader<'a> {
    relations: &'a HashMap<String, (String, bool)>,
    styles: &'a HashMap<String, Style>,
    numbering: &'a HashMap<(String, usize), bool>,
    blocks: Vec<Block>,
    /// Pictures used: (place in the archive, alternative text).
    pictures: Vec<(String, String)>,
    skipped: Vec<String>,
    paragraph: Option<Paragraph>,
    /// Tables being read (a table in a table is read into its cell's text): rows of cells.
    tables: Vec<Vec<Vec<Vec<Span>>>>,
    /// Pictures met since the last block was written, written after it.
    pending_pictures: Vec<Block>,
    bold: bool,
    italic: bool,
    link: Option<String>,
    in_paragraph_properties: bool,
    in_run_properties: bool,
    in_text: bool,
    /// Depth inside content left out (deleted text, text boxes, equations …).
    skipping: usize,
    alt: String,
}

/// Elements whose content is left out, and what the editor is told.
fn left_out(name: &[u8]) -> Option<Option<&'static str>> {
    Some(match name {
        b"del" | b"moveFrom" | b"instrText" | b"delText" => None,
        b"txbxContent" => Some("hộp văn bản (text box)"),
        b"oMath" | b"oMathPara" => Some("công thức toán"),
        b"object" => Some("đối tượng nhúng"),
        b"chart" => Some("biểu đồ"),
        b"footnoteReference" | b"endnoteReference" => Some("chú thích cuối trang"),
        b"commentReference" => Some("ghi chú bên lề (comment)"),
        _ => return None,
    })
}

fn on(e: &BytesStart) -> bool {
    attr(e, b"val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off" | "none"))
}

impl<'a> DocReader<'a> {
    fn new(
        relations: &'a HashMap<String, (String, bool)>,
        styles: &'a HashMap<String, Style>,
        numbering: &'a HashMap<(String, usize), bool>,
    ) -> Self {
        DocReader {
            relations,
            styles,
            numbering,
            blocks: Vec::new(),
            pictures: Vec::new(),
            skipped: Vec::new(),
            paragraph: None,
            tables: Vec::new(),
            pending_pictures: Vec::new(),
            bold: false,
            italic: false,
            link: None,
            in_paragraph_properties: false,
            in_run_properties: false,
            in_text: false,
            skipping: 0,
            alt: String::new(),
        }
    }

    fn read(&mut self, xml: &[u8]) -> Result<(), String> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        loop {
            let event =
                reader.read_event_into(&mut buf).map_err(|e| format!("phần word/document.xml hỏng: {e}"))?;
            match event {
                Event::Eof => break,
                Event::Start(e) => {
                    let name = local(&e);
                    if self.skipping > 0 {
                        self.skipping += 1;
                    } else if let Some(note) = left_out(&name) {
                        self.skipping = 1;
                        self.skipped.extend(note.map(String::from));
                    } else {
                        self.start(&name, &e, false);
                    }
                }
                Event::Empty(e) => {
                    let name = local(&e);
                    if self.skipping == 0 {
                        match left_out(&name) {
                            Some(note) => self.skipped.extend(note.map(String::from)),
                            None => self.start(&name, &e, true),
                        }
                    }
                }
                Event::End(e) => {
                    if self.skipping > 0 {
                        self.skipping -= 1;
                    } else {
                        self.end(e.local_name().as_ref());
                    }
                }
                Event::Text(t) if self.in_text && self.skipping == 0 => {
                    let text = t.decode().map_err(|e| e.to_string())?.into_owned();
                    self.push_text(text);
                }
                Event::GeneralRef(r) if self.in_text && self.skipping == 0 => {
                    let text = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => match &*r {
                            b"amp" => "&".to_string(),
                            b"lt" => "<".to_string(),
                            b"gt" => ">".to_string(),
                            b"quot" => "\"".to_string(),
                            b"apos" => "'".to_string(),
                            _ => String::new(),
                        },
                    };
                    self.push_text(text);
                }
                _ => {}
            }
            buf.clear();
        }
        Ok(())
    }

    fn push_text(&mut self, text: String) {
        let span = Span { text, bold: self.bold, italic: self.italic, link: self.link.clone() };
        if let Some(p) = &mut self.paragraph {
            p.spans.push(span);
        }
    }

    fn start(&mut self, name: &[u8], e: &BytesStart, empty: bool) {
        match name {
            b"p" if !empty => self.paragraph = Some(Paragraph::default()),
            b"pPr" if !empty => self.in_paragraph_properties = true,
            b"rPr" if !empty => self.in_run_properties = true,
            b"pStyle" if self.in_paragraph_properties => {
                if let Some(p) = &mut self.paragraph {
                    p.style = attr(e, b"val");
                }
            }
            b"numId" if self.in_paragraph_properties => {
                if let Some(p) = &mut self.paragraph {
                    p.num_id = attr(e, b"val").filter(|v| v != "0");
                }
            }
            b"ilvl" if self.in_paragraph_properties => {
                if let Some(p) = &mut self.paragraph {
                    p.level = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8);
                }
            }
            b"r" => {
                self.bold = false;
                self.italic = false;
            }
            b"b" if self.in_run_properties && !self.in_paragraph_properties => self.bold = on(e),
            b"i" if self.in_run_properties && !self.in_paragraph_properties => self.italic = on(e),
            b"t" if !empty => self.in_text = true,
            b"tab" | b"br" | b"cr" if !self.in_paragraph_properties => self.push_text(" ".into()),
            b"hyperlink" if !empty => {
                self.link = attr(e, b"id")
                    .and_then(|id| self.relations.get(&id))
                    .filter(|(_, external)| *external)
                    .map(|(target, _)| target.clone());
            }
            b"docPr" => self.alt = attr(e, b"descr").or_else(|| attr(e, b"title")).unwrap_or_default(),
            b"blip" | b"imagedata" => {
                let id = attr(e, b"embed").or_else(|| attr(e, b"id"));
                let target = id.and_then(|id| self.relations.get(&id)).filter(|(_, external)| !external);
                match target {
                    Some((target, _)) => {
                        let place =
                            format!("word/{}", target.trim_start_matches('/').trim_start_matches("word/"));
                        let alt = crate::text::nfc(std::mem::take(&mut self.alt).trim());
                        self.pictures.push((place.clone(), alt.clone()));
                        self.pending_pictures.push(Block::Image { alt, src: place });
                    }
                    None => self.skipped.push("ảnh liên kết ra ngoài tài liệu".into()),
                }
            }
            b"tbl" if !empty => self.tables.push(Vec::new()),
            b"tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.push(Vec::new());
                }
            }
            b"tc" if !empty => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(Vec::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"pPr" => self.in_paragraph_properties = false,
            b"rPr" => self.in_run_properties = false,
            b"t" => self.in_text = false,
            b"hyperlink" => self.link = None,
            b"p" => {
                let Some(p) = self.paragraph.take() else { return };
                if let Some(cell) =
                    self.tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut())
                {
                    if !cell.is_empty() {
                        cell.push(Span { text: " ".into(), ..Span::default() });
                    }
                    cell.extend(p.spans);
                    return;
                }
                let style = p.style.as_ref().and_then(|s| self.styles.get(s)).cloned().unwrap_or_default();
                let heading = style.heading.or_else(|| {
                    let id = p.style.as_deref().unwrap_or("");
                    id.strip_prefix("Heading").and_then(|n| n.parse::<u8>().ok()).map(|n| n.clamp(1, 6))
                });
                // The paragraph's own numbering, else its style's.
                let list = match &p.num_id {
                    Some(num) => Some((num.clone(), p.level)),
                    None => style.num_id.clone().map(|n| (n, style.level)),
                };
                let block = match (heading, list) {
                    (Some(level), _) => Block::Heading(level, p.spans),
                    (None, Some((num, level))) => Block::Item {
                        ordered: self.numbering.get(&(num, level)).copied().unwrap_or(false),
                        level,
                        spans: p.spans,
                    },
                    (None, None) => Block::Paragraph(p.spans),
                };
                self.blocks.push(block);
                self.blocks.append(&mut self.pending_pictures);
            }
            b"tbl" => {
                let Some(rows) = self.tables.pop() else { return };
                match self.tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
                    // A table in a table: its text joins the outer cell.
                    Some(cell) => {
                        for row in rows {
                            for c in row {
                                cell.push(Span { text: " ".into(), ..Span::default() });
                                cell.extend(c);
                            }
                        }
                    }
                    None => {
                        self.blocks.push(Block::Table(rows));
                        self.blocks.append(&mut self.pending_pictures);
                    }
                }
            }
            _ => {}
        }
    }
}
