//! The broadcast channel: a read-aloud script (`broadcast.txt`), television captions
//! (`broadcast.vtt`) and a loudspeaker bulletin (`bulletin.txt`) per explainer, and the
//! broadcast desk page listing them all.
//!
//! The body is rewritten for the ear: headings become spoken transitions, lists and
//! tables become sentences, components become sentences, questions and answers; links,
//! images and markup disappear (image descriptions are read). Abbreviations, dates and
//! numbers are then spoken out by `text::spoken`. An explainer without the `broadcast`
//! channel gets none of this.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use rayon::prelude::*;
use tera::Value;

use super::html::render;
use super::{Output, Sink};
use crate::content::Channel;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Lang;
use crate::render::components::{self, Component};
use crate::render::templates::Templates;
use crate::site::Site;
use crate::text::spoken::{speak, speak_counted, Glossary};
use crate::text::{syllable_count, words};

/// Caption lines: at most this many characters, two lines a cue.
pub const CAPTION_LINE: usize = 42;

/// A piece of the script as written (before it is spoken out).
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading(String),
    Paragraph(String),
}

/// What the desk page and the tests need to know of one script.
#[derive(Debug, Clone)]
pub struct Script {
    page: usize,
    syllables: usize,
    seconds: u32,
    bulletin_seconds: u32,
}

/// The desk's rows, one per explainer on the broadcast channel, in site order. Kept by
/// `loa serve` so an edit to one page redoes its scripts and the desk only.
#[derive(Default)]
pub struct Desk {
    items: Vec<(usize, Value)>,
}

/// Every page's script, captions and bulletin, and the desk, into `sink`.
pub fn outputs(site: &Site, templates: &Templates, sink: &Sink) -> Desk {
    let lang = Lang::from_code(&site.config.language);
    let items: Vec<(usize, Value)> = site
        .pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| p.on(Channel::Broadcast))
        .map(|(i, _)| {
            let (script, files) = match templates.memo() {
                Some(memo) => memo.broadcast(script_inputs(site, i), || page_outputs(site, i, lang)),
                None => page_outputs(site, i, lang),
            };
            sink.put_all(files);
            (i, desk_item(site, &script, lang))
        })
        .collect();
    let desk = Desk { items };
    sink.put(desk.render(templates));
    desk
}

impl Desk {
    fn render(&self, templates: &Templates) -> Result<Output, Diagnostic> {
        let items: Vec<Value> = self.items.iter().map(|(_, v)| v.clone()).collect();
        let entries = vec![("items", Value::from(items))];
        render(templates, "broadcast_desk.html", "broadcast/index.html".into(), entries)
    }

    /// Page `i`'s text changed: its three files and the desk, written again.
    pub fn update_body(
        &mut self,
        site: &Site,
        templates: &Templates,
        i: usize,
    ) -> (Vec<Output>, Diagnostics) {
        if !site.pages[i].on(Channel::Broadcast) {
            return (Vec::new(), Diagnostics::new());
        }
        let lang = Lang::from_code(&site.config.language);
        let (script, mut outputs) = page_outputs(site, i, lang);
        if let Ok(at) = self.items.binary_search_by_key(&i, |item| item.0) {
            self.items[at].1 = desk_item(site, &script, lang);
        }
        let (desk, diagnostics) = super::collect([self.render(templates)]);
        outputs.extend(desk);
        (outputs, diagnostics)
    }
}

/// Everything page `i`'s broadcast files are made from, hashed.
fn script_inputs(site: &Site, i: usize) -> blake3::Hash {
    let page = &site.pages[i];
    let f = &page.source.front;
    let c = &site.config;
    let numbers = [i, c.broadcast_rate as usize, c.bulletin_seconds as usize];
    let texts =
        [c.language.as_str(), &page.path, &f.title, f.summary.as_deref().unwrap_or("\0"), &page.source.body];
    crate::render::memo::hash_values(b"broadcast", &[(numbers, texts, &c.glossary)])
}

/// The length of an explainer's read-aloud script, as its `broadcast.txt` states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptFigures {
    /// Words as written.
    pub words: usize,
    /// Syllables as said (abbreviations, dates and numbers spoken out).
    pub syllables: usize,
    /// At the site's `broadcast_rate`.
    pub seconds: u32,
}

/// Page `i`'s script figures without making its files (for `loa report`).
pub fn figures(site: &Site, i: usize) -> ScriptFigures {
    let lang = Lang::from_code(&site.config.language);
    let (_, said) = spoken_blocks(site, i, lang);
    said_figures(&said, site.config.broadcast_rate)
}

/// Page `i` as blocks, each spoken once: the script, its timing and the captions'
/// timing all come from that.
fn spoken_blocks(site: &Site, i: usize, lang: Lang) -> (Vec<Block>, Vec<Said>) {
    let f = &site.pages[i].source.front;
    let mut blocks = vec![Block::Paragraph(sentence(&f.title))];
    if let Some(summary) = &f.summary {
        blocks.push(Block::Paragraph(sentence(summary)));
    }
    blocks.extend(body_blocks(&site.pages[i].source.body, lang));
    let glossary = Glossary::new(&site.config.glossary);
    let said = blocks.iter().map(|b| Said::new(b, lang, glossary)).collect();
    (blocks, said)
}

fn said_figures(said: &[Said], rate: u32) -> ScriptFigures {
    let syllables: usize = said.iter().map(|s| s.syllables).sum();
    let words: usize = said.iter().map(|s| s.written.len()).sum();
    ScriptFigures { words, syllables, seconds: seconds_for(syllables, rate) }
}

fn page_outputs(site: &Site, i: usize, lang: Lang) -> (Script, Vec<Output>) {
    let page = &site.pages[i];
    let f = &page.source.front;
    let glossary = Glossary::new(&site.config.glossary);
    let rate = site.config.broadcast_rate;
    let (blocks, said) = spoken_blocks(site, i, lang);
    let body = said.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n\n");
    let ScriptFigures { words: word_count, syllables, seconds } = said_figures(&said, rate);
    let header = script_header(&f.title, seconds, rate, word_count, syllables, lang);
    let text = format!("{header}\n\n{body}\n");

    let bulletin = bulletin(&blocks, &said, glossary, rate, site.config.bulletin_seconds);
    let bulletin_seconds = seconds_for(syllable_count(&bulletin), rate);
    let captions = captions(&blocks, &said, rate);
    let files = vec![
        Output::bytes(format!("{}broadcast.txt", page.path), text),
        Output::bytes(format!("{}broadcast.vtt", page.path), captions),
        Output::bytes(format!("{}bulletin.txt", page.path), bulletin),
    ];
    (Script { page: i, syllables, seconds, bulletin_seconds }, files)
}

/// One block said aloud (a heading as its spoken transition).
struct Said {
    text: String,
    syllables: usize,
    /// Syllables said for each written word of the block, as `words` splits it.
    written: Vec<u32>,
}

impl Said {
    fn new(block: &Block, lang: Lang, glossary: Glossary) -> Said {
        let (text, mut counts) = match block {
            Block::Heading(h) => speak_counted(&transition(h, lang), glossary),
            Block::Paragraph(p) => speak_counted(p, glossary),
        };
        let syllables = counts.iter().sum::<u32>() as usize;
        let written = match block {
            // A transition is words before the heading; `sentence` keeps its word count.
            Block::Heading(h) => counts.split_off(counts.len().saturating_sub(words(h).count())),
            Block::Paragraph(_) => counts,
        };
        Said { text, syllables, written }
    }
}

fn block_text(b: &Block) -> &str {
    match b {
        Block::Heading(t) | Block::Paragraph(t) => t,
    }
}

/// Seconds to read `syllables` at `rate` syllables a minute.
fn seconds_for(syllables: usize, rate: u32) -> u32 {
    ((syllables as f64) * 60.0 / f64::from(rate.max(1))).round() as u32
}

/// "3 phút 12 giây"
pub fn duration_words(seconds: u32, lang: Lang) -> String {
    let (m, s) = (seconds / 60, seconds % 60);
    match lang {
        Lang::Vi if m == 0 => format!("{s} giây"),
        Lang::Vi => format!("{m} phút {s} giây"),
        Lang::En if m == 0 => format!("{s} s"),
        Lang::En => format!("{m} min {s} s"),
    }
}

fn script_header(title: &str, seconds: u32, rate: u32, words: usize, syllables: usize, lang: Lang) -> String {
    let d = duration_words(seconds, lang);
    match lang {
        Lang::Vi => format!(
            "KỊCH BẢN ĐỌC: {title}\nThời lượng ước tính: {d} (tốc độ {rate} âm tiết/phút)\nSố từ: {words}. Số âm tiết khi đọc: {syllables}.\n----------------------------------------"
        ),
        Lang::En => format!(
            "READ-ALOUD SCRIPT: {title}\nEstimated duration: {d} (at {rate} syllables a minute)\nWords: {words}. Syllables read: {syllables}.\n----------------------------------------"
        ),
    }
}

fn transition(heading: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tiếp theo: {}", sentence(heading)),
        Lang::En => format!("Next: {}", sentence(heading)),
    }
}

/// `text` trimmed, ending with a full stop unless it already ends a sentence.
fn sentence(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() || t.ends_with(['.', '?', '!', ':', '…']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// Lower-cases the first letter, unless the first word is an abbreviation (CNTT, UBND).
fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    if first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first_word.chars().all(|c| !c.is_lowercase())
    {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

const ORDINALS_VI: [&str; 10] = [
    "Thứ nhất",
    "Thứ hai",
    "Thứ ba",
    "Thứ tư",
    "Thứ năm",
    "Thứ sáu",
    "Thứ bảy",
    "Thứ tám",
    "Thứ chín",
    "Thứ mười",
];

/// A list said as sentences: "Thứ nhất, …. Thứ hai, …." or one sentence an item.
fn list_sentences(items: &[String], ordered: bool, lang: Lang) -> String {
    items
        .iter()
        .enumerate()
        .map(|(n, item)| match (ordered, lang) {
            (true, Lang::Vi) if n < ORDINALS_VI.len() => {
                format!("{}, {}", ORDINALS_VI[n], sentence(&lower_first(item)))
            }
            (true, Lang::Vi) => format!("Tiếp theo, {}", sentence(&lower_first(item))),
            (true, Lang::En) => format!("Step {}: {}", n + 1, sentence(item)),
            (false, _) => sentence(item),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A component said aloud.
fn component_blocks(component: &Component, lang: Lang) -> Vec<Block> {
    let vi = lang == Lang::Vi;
    match component {
        Component::Comparison(c) => {
            let mut blocks = Vec::new();
            let intro = match (&c.title, vi) {
                (Some(t), true) => format!("So sánh: {}", sentence(t)),
                (None, true) => format!("So sánh {} và {}.", c.left, c.right),
                (Some(t), false) => format!("Comparison: {}", sentence(t)),
                (None, false) => format!("Comparing {} and {}.", c.left, c.right),
            };
            blocks.push(Block::Paragraph(intro));
            for row in &c.rows {
                let (about, but) = if vi { ("Về", "còn") } else { ("On", "while") };
                blocks.push(Block::Paragraph(format!(
                    "{about} {}: {} {}; {but} {} {}",
                    lower_first(&row.aspect),
                    lower_first(&c.left),
                    lower_first(row.left.trim_end_matches('.')),
                    lower_first(&c.right),
                    sentence(&lower_first(&row.right))
                )));
            }
            blocks
        }
        Component::Faq(items) => items
            .iter()
            .map(|item| {
                let (q, a) = if vi { ("Hỏi", "Đáp") } else { ("Question", "Answer") };
                Block::Paragraph(format!("{q}: {} {a}: {}", sentence(&item.q), sentence(&item.a)))
            })
            .collect(),
        Component::Quiz(q) => {
            let letters = ["A", "B", "C", "D", "E", "F", "G", "H"];
            let choices: Vec<String> = q
                .choices
                .iter()
                .enumerate()
                .map(|(n, c)| format!("{}, {}", letters.get(n).unwrap_or(&"-"), c.trim_end_matches('.')))
                .collect();
            let right = (q.answer - 1) as usize;
            let answer =
                format!("{}, {}", letters.get(right).unwrap_or(&"-"), q.choices[right].trim_end_matches('.'));
            let mut text = if vi {
                format!(
                    "Câu hỏi: {} Các lựa chọn: {}. Đáp án đúng là {}.",
                    sentence(&q.question),
                    choices.join("; "),
                    answer
                )
            } else {
                format!(
                    "Question: {} The choices: {}. The right answer is {}.",
                    sentence(&q.question),
                    choices.join("; "),
                    answer
                )
            };
            if let Some(e) = &q.explain {
                text.push(' ');
                text.push_str(&sentence(e));
            }
            vec![Block::Paragraph(text)]
        }
    }
}

/// The body rewritten as blocks of plain sentences.
fn body_blocks(markdown: &str, lang: Lang) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    // Open lists: ordered?, items so far, the item being read.
    let mut lists: Vec<(bool, Vec<String>)> = Vec::new();
    let mut table: Option<(Vec<String>, Vec<Vec<String>>)> = None;
    let mut row: Vec<String> = Vec::new();
    let mut code: Option<(String, String)> = None;
    let mut skip = 0usize; // inside footnote definitions, HTML, plain code
    let mut image_alt: Option<String> = None;
    // Image descriptions are read after the paragraph they stand in.
    let mut pictures: Vec<String> = Vec::new();
    let mut alert_prefix: Option<&str> = None;
    for event in Parser::new_ext(markdown, crate::render::markdown::options()) {
        if let Some((name, body)) = &mut code {
            match event {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    if let Ok(c) = Component::parse(name, body) {
                        blocks.extend(component_blocks(&c, lang));
                    }
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let name = info.split_whitespace().next().unwrap_or("").to_string();
                if components::NAMES.contains(&name.as_str()) {
                    code = Some((name, String::new()));
                } else {
                    skip += 1;
                }
            }
            Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::FootnoteDefinition(_))
            | Event::Start(Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::CodeBlock)
            | Event::End(TagEnd::FootnoteDefinition)
            | Event::End(TagEnd::HtmlBlock) => skip = skip.saturating_sub(1),
            _ if skip > 0 => {}
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                alert_prefix = Some(match (kind, lang) {
                    (
                        pulldown_cmark::BlockQuoteKind::Warning | pulldown_cmark::BlockQuoteKind::Caution,
                        Lang::Vi,
                    ) => "Cảnh báo: ",
                    (_, Lang::Vi) => "Lưu ý: ",
                    (
                        pulldown_cmark::BlockQuoteKind::Warning | pulldown_cmark::BlockQuoteKind::Caution,
                        Lang::En,
                    ) => "Warning: ",
                    (_, Lang::En) => "Note: ",
                });
            }
            Event::Start(Tag::Image { .. }) => image_alt = Some(String::new()),
            Event::End(TagEnd::Image) => {
                if let Some(alt) = image_alt.take().filter(|a| !a.trim().is_empty()) {
                    if text.trim().is_empty() && lists.is_empty() && table.is_none() {
                        // A picture on its own: its description is read after the paragraph.
                        let label = if lang == Lang::Vi { "Hình ảnh" } else { "Picture" };
                        pictures.push(format!("{label}: {}", sentence(&alt)));
                    } else if text.trim_end().ends_with(['.', '?', '!', '…', ':']) {
                        // After a sentence: a sentence of its own, where it stands.
                        let label = if lang == Lang::Vi { "Hình ảnh" } else { "Picture" };
                        text.push_str(&format!(" {label}: {}", sentence(&alt)));
                    } else {
                        // Inside a sentence: read where it stands, so the sentence does
                        // not stop short ("Xem trang và.").
                        let label = if lang == Lang::Vi { "hình ảnh" } else { "the picture" };
                        text.push_str(&format!("{label} {}", alt.trim()));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                // Character references can bring back the renderer's marker characters.
                let t = t.chars().filter(|c| !matches!(c, '\u{E000}' | '\u{E001}'));
                match &mut image_alt {
                    Some(alt) => alt.extend(t),
                    None => text.extend(t),
                }
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Heading(_)) => {
                blocks.push(Block::Heading(std::mem::take(&mut text).trim().to_string()));
            }
            Event::End(TagEnd::Paragraph) if lists.is_empty() && table.is_none() => {
                let mut para = tidy(&std::mem::take(&mut text));
                if let Some(prefix) = alert_prefix.take() {
                    para = format!("{prefix}{para}");
                }
                if !para.is_empty() {
                    blocks.push(Block::Paragraph(para));
                }
                blocks.extend(pictures.drain(..).map(Block::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => text.push(' '),
            Event::Start(Tag::List(start)) => {
                // A list inside an item: what the item said so far stays with it.
                lists.push((start.is_some(), Vec::new()));
            }
            Event::End(TagEnd::Item) => {
                let item = tidy(&std::mem::take(&mut text));
                if let Some((_, items)) = lists.last_mut() {
                    if !item.is_empty() {
                        items.push(item);
                    }
                }
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((ordered, items)) = lists.pop() {
                    let said = list_sentences(&items, ordered, lang);
                    match lists.last_mut() {
                        // A nested list joins its parent item.
                        Some(_) => {
                            text.push(' ');
                            text.push_str(&said);
                        }
                        None => blocks.push(Block::Paragraph(said)),
                    }
                }
            }
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new())),
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut text).trim().to_string()),
            Event::End(TagEnd::TableHead) => {
                if let Some((head, _)) = &mut table {
                    *head = std::mem::take(&mut row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some((_, rows)) = &mut table {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((head, rows)) = table.take() {
                    for r in rows {
                        let pairs: Vec<String> = r
                            .iter()
                            .enumerate()
                            .map(|(n, cell)| match head.get(n) {
                                Some(h) if !h.is_empty() => format!("{h}: {cell}"),
                                _ => cell.clone(),
                            })
                            .collect();
                        blocks.push(Block::Paragraph(sentence(&pairs.join("; "))));
                    }
                }
            }
            _ => {}
        }
    }
    blocks
}

/// Title, summary and the key points (each heading and the first sentence under it),
/// spoken, as long as they fit in `limit_seconds`.
fn bulletin(blocks: &[Block], said: &[Said], glossary: Glossary, rate: u32, limit_seconds: u32) -> String {
    let budget = (f64::from(limit_seconds) * f64::from(rate) / 60.0) as usize;
    let mut kept: Vec<String> = Vec::new();
    let mut used = 0;
    let mut add = |text: String, syllables: usize, kept: &mut Vec<String>| -> bool {
        if used + syllables > budget {
            return false;
        }
        used += syllables;
        kept.push(text);
        true
    };
    // Title and summary come first, as the script says them.
    for (block, said) in blocks.iter().zip(said).take(2) {
        let fits = match block {
            Block::Paragraph(_) => add(said.text.clone(), said.syllables, &mut kept),
            Block::Heading(h) => {
                let text = speak(h, glossary);
                let n = syllable_count(&text);
                add(text, n, &mut kept)
            }
        };
        if !fits {
            break;
        }
    }
    let mut iter = blocks.iter().skip(2).peekable();
    while let Some(block) = iter.next() {
        if let Block::Heading(h) = block {
            let mut point = sentence(h);
            if let Some(Block::Paragraph(p)) = iter.peek() {
                let first = first_sentence(p);
                point = format!("{point} {first}");
            }
            let text = speak(&point, glossary);
            let n = syllable_count(&text);
            if !add(text, n, &mut kept) {
                break;
            }
        }
    }
    kept.join("\n\n") + "\n"
}

/// One space between words, none before punctuation.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() && !word.starts_with(['.', ',', ';', ':']) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn first_sentence(p: &str) -> String {
    let end = p
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '?' | '!') && p[i + 1..].starts_with(' '))
        .map(|(i, _)| i + 1);
    sentence(&p[..end.unwrap_or(p.len())])
}

/// WebVTT captions: the written words, cues of at most two lines of `CAPTION_LINE`
/// characters, timed by the syllables the script says for them at `rate`. Lines break
/// only between words, so no syllable and no number is ever split.
fn captions(blocks: &[Block], said: &[Said], rate: u32) -> String {
    let mut out = String::with_capacity(said.iter().map(|s| s.text.len() * 2).sum());
    out.push_str("WEBVTT\n\n");
    let mut cue = Cue { rate, ..Cue::default() };
    for (block, said) in blocks.iter().zip(said) {
        // Characters on the cue's current line.
        let mut line = 0;
        for (word, &syllables) in words(block_text(block)).zip(&said.written) {
            let chars = word.chars().count();
            if line > 0 && line + 1 + chars > CAPTION_LINE {
                line = 0;
                cue.lines += 1;
                match cue.lines {
                    2 => cue.write(&mut out),
                    _ => cue.text.push('\n'),
                }
            }
            if line > 0 {
                cue.text.push(' ');
                line += 1;
            }
            // Cue text is markup in WebVTT: `<`, `&` and `-->` would break the cue.
            match word.contains(['&', '<', '>']) {
                false => cue.text.push_str(word),
                true => {
                    cue.text.push_str(&word.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"))
                }
            }
            line += chars;
            cue.syllables += syllables;
        }
        // A block never shares a cue with the next.
        if !cue.text.is_empty() {
            cue.write(&mut out);
        }
    }
    out
}

/// The cue being filled, and where the captions stand.
#[derive(Default)]
struct Cue {
    rate: u32,
    /// Cues written so far, and when the last one ended (seconds).
    written: usize,
    at: f64,
    text: String,
    lines: usize,
    syllables: u32,
}

impl Cue {
    fn write(&mut self, out: &mut String) {
        let length = f64::from(self.syllables.max(1)) * 60.0 / f64::from(self.rate.max(1));
        self.written += 1;
        out.push_str(itoa::Buffer::new().format(self.written));
        out.push('\n');
        push_timestamp(out, self.at);
        out.push_str(" --> ");
        push_timestamp(out, self.at + length);
        out.push('\n');
        out.push_str(&self.text);
        out.push_str("\n\n");
        self.at += length;
        self.text.clear();
        (self.lines, self.syllables) = (0, 0);
    }
}

/// `hh:mm:ss.mmm`
fn push_timestamp(out: &mut String, seconds: f64) {
    let ms = (seconds * 1000.0).round() as u64;
    let parts =
        [(ms / 3_600_000, 2, ":"), (ms / 60_000 % 60, 2, ":"), (ms / 1000 % 60, 2, "."), (ms % 1000, 3, "")];
    let mut digits = itoa::Buffer::new();
    for (n, width, after) in parts {
        let n = digits.format(n);
        (n.len()..width).for_each(|_| out.push('0'));
        out.push_str(n);
        out.push_str(after);
    }
}

fn desk_item(site: &Site, script: &Script, lang: Lang) -> Value {
    let p = &site.pages[script.page];
    let mut m = tera::Map::new();
    let mut put = |k: &'static str, v: Value| {
        m.insert(k.into(), v);
    };
    put("title", Value::from(p.source.front.title.as_str()));
    let url = p.on(Channel::Portal).then(|| site.urls.path(&p.path));
    put("url", url.map_or_else(Value::none, Value::from));
    put("script", Value::from(site.urls.path(&format!("{}broadcast.txt", p.path))));
    put("captions", Value::from(site.urls.path(&format!("{}broadcast.vtt", p.path))));
    put("bulletin", Value::from(site.urls.path(&format!("{}bulletin.txt", p.path))));
    put("duration", Value::from(duration_words(script.seconds, lang)));
    put("bulletin_duration", Value::from(duration_words(script.bulletin_seconds, lang)));
    put("syllables", Value::from(script.syllables));
    put("unit", p.source.front.unit.as_deref().map_or_else(Value::none, Value::from));
    Value::from(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_tables_and_headings_become_sentences() {
        let md = "## Các bước\n\n1. Mở ứng dụng\n2. Đăng nhập\n\n- Một ý\n- Ý khác\n\n| Tiêu chí | Giá trị |\n|---|---|\n| Mục tiêu | Phục vụ dân |\n\nXem [trang](https://x.vn) và ![Sơ đồ ba trụ cột](a.png).\n\n![Bản đồ tỉnh](b.png)\n";
        let blocks = body_blocks(md, Lang::Vi);
        assert_eq!(blocks[0], Block::Heading("Các bước".into()));
        assert_eq!(blocks[1], Block::Paragraph("Thứ nhất, mở ứng dụng. Thứ hai, đăng nhập.".into()));
        assert_eq!(blocks[2], Block::Paragraph("Một ý. Ý khác.".into()));
        assert_eq!(blocks[3], Block::Paragraph("Tiêu chí: Mục tiêu; Giá trị: Phục vụ dân.".into()));
        assert_eq!(blocks[4], Block::Paragraph("Xem trang và hình ảnh Sơ đồ ba trụ cột.".into()));
        assert_eq!(blocks[5], Block::Paragraph("Hình ảnh: Bản đồ tỉnh.".into()));
    }

    #[test]
    fn captions_never_pass_two_lines_of_42() {
        let blocks = vec![Block::Paragraph("Chuyển đổi số là quá trình thay đổi tổng thể và toàn diện của cá nhân, tổ chức về cách sống, cách làm việc và phương thức sản xuất dựa trên các công nghệ số, theo Quyết định 749/QĐ-TTg.".into())];
        let said: Vec<Said> = blocks.iter().map(|b| Said::new(b, Lang::Vi, Glossary::built_in())).collect();
        let vtt = captions(&blocks, &said, 233);
        assert!(vtt.starts_with("WEBVTT\n\n"));
        for cue in vtt.split("\n\n").skip(1).filter(|c| !c.is_empty()) {
            let lines: Vec<&str> = cue.lines().skip(2).collect();
            assert!(lines.len() <= 2, "{cue}");
            assert!(lines.iter().all(|l| l.chars().count() <= CAPTION_LINE), "{cue}");
        }
        assert!(vtt.contains("749/QĐ-TTg"));
    }
}
