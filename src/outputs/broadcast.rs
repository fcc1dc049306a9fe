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
use crate::render::memo::CacheKeys;
use crate::render::templates::Templates;
use crate::site::Site;
use crate::text::spoken::{speak, speak_counted, Glossary};
use crate::text::{syllable_count, words};

/// Caption lines: at most this many characters, two lines a cue.
pub const CAPTION_LINE: usize = 42;

/// Tables with more rows than this are not read out row by row.
const TABLE_ROWS_READ: usize = 5;

/// A piece of the script as written (before it is spoken out).
#[derive(Debug, Clone, PartialEq)]
enum Block {
    /// A section's heading, said after a transition ("Tiếp theo, …").
    Heading(String),
    /// A heading said as it is: the first of the body, or right after another heading.
    Title(String),
    Paragraph(String),
    /// A paragraph that carries the message (a comparison row, a question and its
    /// answer): the bulletin says these.
    Point(String),
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

/// A page's broadcast files with what the desk says of them.
pub type PageFiles = (Script, Vec<Output>);

/// Every page's script, captions and bulletin, and the desk, into `sink`; with a memo
/// (`loa serve`), a page's files are made again only when their inputs changed.
pub fn outputs(
    site: &Site,
    templates: &Templates,
    sink: &Sink,
    memo: Option<&crate::render::memo::Store<PageFiles>>,
) -> Desk {
    let lang = Lang::from_code(&site.config.language);
    let items: Vec<(usize, Value)> = site
        .pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| p.on(Channel::Broadcast))
        .map(|(i, _)| {
            let (mut script, files) = match (memo, templates.keys()) {
                (Some(memo), _) => memo.remember(script_inputs(site, i), || page_outputs(site, i, lang)),
                (None, Some(keys)) => cached_outputs(site, i, lang, keys),
                (None, None) => page_outputs(site, i, lang),
            };
            // The same script may be remembered from when the page had another place.
            script.page = i;
            sink.put_all(files);
            (i, desk_item(site, &script, lang))
        })
        .collect();
    let desk = Desk { items };
    sink.put(desk.render(site, templates));
    desk
}

impl Desk {
    fn render(&self, site: &Site, templates: &Templates) -> Result<Output, Diagnostic> {
        let items: Vec<Value> = self.items.iter().map(|(_, v)| v.clone()).collect();
        let entries = vec![("items", Value::from(items))];
        render(
            templates,
            "broadcast_desk.html",
            format!("{}broadcast/index.html", site.config.language_path),
            entries,
        )
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
        let (desk, diagnostics) = super::collect([self.render(site, templates)]);
        outputs.extend(desk);
        (outputs, diagnostics)
    }
}

/// Everything page `i`'s broadcast files are made from, hashed: the page's address,
/// title, summary, key points and text, and site.yaml's rates, words and glossary.
fn script_inputs(site: &Site, i: usize) -> blake3::Hash {
    let page = &site.pages[i];
    let f = &page.source.front;
    let c = &site.config;
    let lang = Lang::from_code(&c.language);
    let numbers = [c.broadcast_rate as usize, c.loudspeaker_rate as usize, c.bulletin_seconds as usize];
    let site_words =
        [c.language.clone(), opening(site, lang), closing(site, lang), c.speaks_vietnamese().to_string()];
    let settings =
        crate::render::memo::hash_values(b"broadcast", &[(numbers, site_words, &f.key_points, &c.glossary)]);
    let texts = [page.path.as_str(), &f.title, f.summary.as_deref().unwrap_or("\0"), &page.source.body];
    crate::render::memo::hash_texts(settings.as_bytes(), &texts)
}

/// Page `i`'s broadcast files, left as they are when the last `loa build` made them
/// from the same inputs and noted the script's figures (the build cache).
fn cached_outputs(site: &Site, i: usize, lang: Lang, keys: &CacheKeys) -> PageFiles {
    let key = script_inputs(site, i);
    let paths = file_names(&site.pages[i].path);
    // Every path is noted for the next build, so no short cut through the list.
    let same: Vec<bool> = paths.iter().map(|p| keys.unchanged(p, &key)).collect();
    if let (true, Some(&[syllables, seconds, bulletin_seconds])) =
        (same.iter().all(|s| *s), keys.figures(&key).as_deref())
    {
        let script = Script {
            page: i,
            syllables: syllables as usize,
            seconds: seconds as u32,
            bulletin_seconds: bulletin_seconds as u32,
        };
        keys.note_figures(&key, vec![syllables, seconds, bulletin_seconds]);
        let files = paths.into_iter().map(|path| Output { path, body: super::Body::Unchanged }).collect();
        return (script, files);
    }
    let (script, files) = page_outputs(site, i, lang);
    let figures =
        vec![script.syllables as u64, u64::from(script.seconds), u64::from(script.bulletin_seconds)];
    keys.note_figures(&key, figures);
    (script, files)
}

/// A page's three broadcast files: script, captions, bulletin.
fn file_names(page_path: &str) -> [String; 3] {
    ["broadcast.txt", "broadcast.vtt", "bulletin.txt"].map(|name| format!("{page_path}{name}"))
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
    let mut blocks = vec![Block::Paragraph(opening(site, lang)), Block::Paragraph(sentence(&f.title))];
    if let Some(summary) = &f.summary {
        blocks.push(Block::Paragraph(sentence(summary)));
    }
    let mut after_heading = true;
    for block in body_blocks(&site.pages[i].source.body, lang) {
        let block = match block {
            // Transitions go between sections only: not before the first, not twice.
            // A heading ends with its full stop, in the captions too.
            Block::Heading(h) if after_heading => Block::Title(sentence(&h)),
            Block::Heading(h) => Block::Heading(sentence(&h)),
            Block::Paragraph(p) => match for_the_ear(&p) {
                Some(p) => Block::Paragraph(p),
                None => continue,
            },
            other => other,
        };
        after_heading = matches!(block, Block::Heading(_) | Block::Title(_));
        blocks.push(block);
    }
    blocks.push(Block::Paragraph(closing(site, lang)));
    let glossary = site.config.spoken_glossary();
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
    let glossary = site.config.spoken_glossary();
    let rate = site.config.broadcast_rate;
    let (blocks, said) = spoken_blocks(site, i, lang);
    let body = said.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n\n");
    let ScriptFigures { words: word_count, syllables, seconds } = said_figures(&said, rate);
    let header =
        script_header(&f.title, &speak(&f.title, glossary), seconds, rate, word_count, syllables, lang);
    let text = format!("{header}\n\n{body}\n");

    let loudspeaker = site.config.loudspeaker_rate;
    let head = 2 + usize::from(f.summary.is_some());
    let points = Points { head, key_points: &f.key_points };
    let bulletin = bulletin(&blocks, &said, points, glossary, loudspeaker, site.config.bulletin_seconds);
    let bulletin_seconds = seconds_for(syllable_count(&bulletin), loudspeaker);
    let captions = captions(&blocks, &said, rate);
    let [script_file, captions_file, bulletin_file] = file_names(&page.path);
    let files = vec![
        Output::bytes(script_file, text),
        Output::bytes(captions_file, captions),
        Output::bytes(bulletin_file, bulletin),
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
            Block::Title(h) => speak_counted(&sentence(h), glossary),
            Block::Paragraph(p) | Block::Point(p) => speak_counted(p, glossary),
        };
        let syllables = counts.iter().sum::<u32>() as usize;
        let written = match block {
            // A transition is words before the heading; `sentence` keeps its word count.
            Block::Heading(h) => counts.split_off(counts.len().saturating_sub(words(h).count())),
            _ => counts,
        };
        Said { text, syllables, written }
    }
}

fn block_text(b: &Block) -> &str {
    match b {
        Block::Heading(t) | Block::Title(t) | Block::Paragraph(t) | Block::Point(t) => t,
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

fn script_header(
    title: &str,
    spoken: &str,
    seconds: u32,
    rate: u32,
    words: usize,
    syllables: usize,
    lang: Lang,
) -> String {
    let d = duration_words(seconds, lang);
    // The title as it is said, when that differs from how it is written.
    let said = match (spoken == title, lang) {
        (true, _) => String::new(),
        (false, Lang::Vi) => format!("\nĐọc là: {spoken}"),
        (false, Lang::En) => format!("\nSaid: {spoken}"),
    };
    match lang {
        Lang::Vi => format!(
            "KỊCH BẢN ĐỌC: {title}{said}\nThời lượng ước tính: {d} (tốc độ {rate} âm tiết/phút)\nSố tiếng khi viết: {words}. Số tiếng khi đọc: {syllables}.\n----------------------------------------"
        ),
        Lang::En => format!(
            "READ-ALOUD SCRIPT: {title}{said}\nEstimated duration: {d} (at {rate} syllables a minute)\nSyllables written: {words}. Syllables read: {syllables}.\n----------------------------------------"
        ),
    }
}

fn transition(heading: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tiếp theo, {}", sentence(&lower_first_word(heading))),
        Lang::En => format!("Next: {}", sentence(heading)),
    }
}

/// What a script and a bulletin open with: site.yaml's `broadcast_opening`, or a greeting.
fn opening(site: &Site, lang: Lang) -> String {
    match (&site.config.broadcast_opening, lang) {
        (Some(text), _) => sentence(text),
        (None, Lang::Vi) => "Kính thưa bà con, sau đây là bài viết.".to_string(),
        (None, Lang::En) => "Here is our explainer.".to_string(),
    }
}

/// What they close with: site.yaml's `broadcast_closing`, or where to read it again.
fn closing(site: &Site, lang: Lang) -> String {
    let title = &site.config.title;
    match (&site.config.broadcast_closing, lang) {
        (Some(text), _) => sentence(text),
        (None, Lang::Vi) => {
            format!("Bà con có thể đọc lại bài này trên trang {title}. Xin cảm ơn bà con đã lắng nghe.")
        }
        (None, Lang::En) => format!("You can read it again on {title}. Thank you for listening."),
    }
}

/// Phrases that only make sense on a screen.
/// (Only phrases that name the screen: "đường link" is what scams send, and advice
/// about it must be heard.)
/// Each as written mid-sentence and at a sentence's start.
const SCREEN_ONLY: [(&str, &str); 7] = [
    ("bấm vào", "Bấm vào"),
    ("nhấn vào", "Nhấn vào"),
    ("nhấp vào", "Nhấp vào"),
    ("xem bảng", "Xem bảng"),
    ("xem hình", "Xem hình"),
    ("xem thêm", "Xem thêm"),
    ("xem chi tiết", "Xem chi tiết"),
];

/// Whether `text` holds a phrase that points at the screen.
fn points_at_screen(text: &str) -> bool {
    SCREEN_ONLY.iter().any(|(mid, start)| text.contains(mid) || text.contains(start))
}

/// The same said for the ear.
/// ("ở trên" is left alone: "ở trên mạng", "ở trên nương" are not about the page.)
const FOR_THE_EAR: [(&str, &str); 3] =
    [("Dưới đây là", "Sau đây là"), ("dưới đây", "sau đây"), ("bảng sau", "phần sau")];

/// A paragraph rewritten for listeners: sentences that point at the screen dropped,
/// "dưới đây" said as "sau đây", lists of names in brackets ("(CH Play, App Store)")
/// left out. `None` when nothing is left.
fn for_the_ear(paragraph: &str) -> Option<String> {
    // Most paragraphs have nothing of the screen: left as they are, without a pass.
    let screen = points_at_screen(paragraph) || FOR_THE_EAR.iter().any(|(s, _)| paragraph.contains(s));
    if !screen && !paragraph.contains(" (") {
        return (!paragraph.trim().is_empty()).then(|| paragraph.to_string());
    }
    let text = without_bracketed_names(paragraph);
    let kept: Vec<&str> = sentences(&text).into_iter().filter(|s| !points_at_screen(s)).collect();
    let mut joined = tidy(&kept.join(" "));
    for (screen, ear) in FOR_THE_EAR {
        if joined.contains(screen) {
            joined = joined.replace(screen, ear);
        }
    }
    (!joined.is_empty()).then_some(joined)
}

/// Drops brackets that hold only names or abbreviations: "(CH Play, App Store)".
fn without_bracketed_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(" (") {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let inside = &rest[open + 2..close];
        let names = !inside.is_empty()
            && inside
                .split([',', ' ', '/'])
                .filter(|w| !w.is_empty())
                .all(|w| w.starts_with(|c: char| c.is_uppercase()))
            && inside.split_whitespace().count() > 1;
        out.push_str(&rest[..open]);
        if !names {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A paragraph cut into sentences (at `.`, `?`, `!` followed by a space).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '?' | '!') && text[i + 1..].starts_with(' ') {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
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

/// Lower-cases the first letter of a heading after "Tiếp theo,", unless it begins a name
/// ("Lạng Sơn": the next word is capitalised too) or is an abbreviation or a brand
/// ("VNeID": a capital inside the word).
fn lower_first_word(text: &str) -> String {
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or("");
    let name = words.next().is_some_and(|w| w.starts_with(char::is_uppercase));
    let inner_capital = first.chars().skip(1).any(char::is_uppercase);
    if name || inner_capital {
        return text.to_string();
    }
    lower_first(text)
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
                // A whole sentence each side, the cell after "thì" (or "là" when it is
                // a noun phrase the editor wrote with it): "Về hạ tầng, ứng dụng CNTT
                // thì dùng máy chủ riêng; còn chuyển đổi số thì dùng điện toán đám mây."
                let aspect = lower_first(&row.aspect);
                let cell = |text: &str| {
                    let text = lower_first(text.trim().trim_end_matches('.'));
                    if text.starts_with("là ") {
                        text
                    } else {
                        format!("thì {text}")
                    }
                };
                blocks.push(Block::Point(if vi {
                    format!(
                        "Về {aspect}, {} {}; còn {} {}.",
                        lower_first(&c.left),
                        cell(&row.left),
                        lower_first(&c.right),
                        cell(&row.right)
                    )
                } else {
                    let cell = |text: &str| lower_first(text.trim().trim_end_matches('.'));
                    format!(
                        "On {aspect}: {} {}; {} {}.",
                        lower_first(&c.left),
                        cell(&row.left),
                        lower_first(&c.right),
                        cell(&row.right)
                    )
                }));
            }
            blocks
        }
        Component::Faq(items) => items
            .iter()
            .map(|item| {
                let (q, a) = if vi { ("Hỏi", "Đáp") } else { ("Question", "Answer") };
                Block::Point(format!("{q}: {} {a}: {}", sentence(&item.q), sentence(&item.a)))
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
    let markdown = crate::render::markdown::angle_spaced_links(markdown);
    for event in Parser::new_ext(&markdown, crate::render::markdown::options()) {
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
                    if rows.len() > TABLE_ROWS_READ {
                        blocks.push(Block::Paragraph(match lang {
                            Lang::Vi => "Số liệu chi tiết có trên cổng thông tin.".to_string(),
                            Lang::En => "The detailed figures are on the portal.".to_string(),
                        }));
                        continue;
                    }
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

/// The loudspeaker bulletin: the opening, the title, the summary, then the points that
/// carry the message as long as they fit in `limit_seconds` at `rate` — the editor's
/// `key_points`, else the comparison rows, questions and answers and each section's
/// most informative sentence — and the closing. No point ends on a colon.
fn bulletin(
    blocks: &[Block],
    said: &[Said],
    points: Points,
    glossary: Glossary,
    rate: u32,
    limit_seconds: u32,
) -> String {
    let Points { head, key_points } = points;
    let budget = (f64::from(limit_seconds) * f64::from(rate) / 60.0) as usize;
    let spoken = |text: &str| {
        let text = speak(text, glossary);
        let n = syllable_count(&text);
        (text, n)
    };
    // Opening, title and summary, as the script says them; the closing is kept for last.
    let closing = said.last().map(|s| (s.text.clone(), s.syllables)).unwrap_or_default();
    let mut kept: Vec<String> = Vec::new();
    let mut used = closing.1;
    for s in said.iter().take(head) {
        if used + s.syllables > budget && kept.len() >= 2 {
            break;
        }
        used += s.syllables;
        kept.push(s.text.clone());
    }
    let candidates: Vec<String> = if key_points.is_empty() {
        message_points(&blocks[head..blocks.len().saturating_sub(1)])
    } else {
        key_points.iter().map(|p| sentence(p)).collect()
    };
    for point in candidates.iter().filter(|p| !p.trim_end().ends_with(':')) {
        // Said aloud, a point is about as long as written or longer (only a bracketed
        // abbreviation after its own words is left out): one whose written syllables
        // already exceed what is left is not spoken out at all.
        if used + syllable_count(point) > budget {
            continue;
        }
        let (text, n) = spoken(point);
        if used + n <= budget {
            used += n;
            kept.push(text);
        }
    }
    kept.push(closing.0);
    kept.join("\n\n") + "\n"
}

/// Where the body starts among the blocks (after the opening, the title and the
/// summary), and the editor's own key points.
#[derive(Clone, Copy)]
struct Points<'a> {
    head: usize,
    key_points: &'a [String],
}

/// The points of a body, in order: comparison rows and questions with their answers as
/// they are, and the most informative sentence of each section's paragraphs.
fn message_points(body: &[Block]) -> Vec<String> {
    let mut points = Vec::new();
    let mut section: Vec<&str> = Vec::new();
    let flush = |section: &mut Vec<&str>, points: &mut Vec<String>| {
        if let Some(best) = most_informative(section) {
            points.push(best);
        }
        section.clear();
    };
    for block in body {
        match block {
            Block::Heading(_) | Block::Title(_) => flush(&mut section, &mut points),
            Block::Point(p) => {
                // What the section said before the component comes before it.
                flush(&mut section, &mut points);
                points.push(p.clone());
            }
            Block::Paragraph(p) => section.push(p),
        }
    }
    flush(&mut section, &mut points);
    points
}

/// The sentence of `paragraphs` that says most in a breath: the longest of those that
/// neither ask, nor lead into a list, nor run past 45 syllables.
fn most_informative(paragraphs: &[&str]) -> Option<String> {
    paragraphs
        .iter()
        .flat_map(|p| sentences(p))
        .filter(|s| !s.ends_with([':', '?']) && !s.starts_with("Hình ảnh:") && !s.starts_with("Picture:"))
        // An item taken out of its list ("Thứ năm, …") sounds like a weekday.
        .filter(|s| {
            !ORDINALS_VI.iter().any(|o| s.starts_with(&format!("{o},"))) && !s.starts_with("Tiếp theo,")
        })
        .map(|s| (syllable_count(s), s))
        .filter(|(n, _)| (6..=45).contains(n))
        .max_by_key(|(n, _)| *n)
        .map(|(_, s)| sentence(s))
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

/// Shortest and longest cue, in seconds.
const CUE_MIN: f64 = 1.0;
const CUE_MAX: f64 = 7.0;
/// The pause an announcer takes at the end of a sentence, in seconds.
const SENTENCE_PAUSE: f64 = 0.3;
/// How many words a line break may move back to keep a name or a date whole.
const BACK_OFF: usize = 3;

/// One written word of the captions and how long it is said.
struct CaptionWord<'a> {
    text: &'a str,
    /// Characters, counted once.
    chars: usize,
    seconds: f64,
    /// The first word of a block: it starts a new line.
    starts_block: bool,
}

/// WebVTT captions: the written words, cues of at most two lines of `CAPTION_LINE`
/// characters lasting 1 to 7 seconds, timed by the syllables the script says for them at
/// `rate` with a pause at each sentence's end. Lines break only between words, and not
/// inside a name, a number with its unit or a date; each block starts a new line.
fn captions(blocks: &[Block], said: &[Said], rate: u32) -> String {
    let per_syllable = 60.0 / f64::from(rate.max(1));
    let mut stream: Vec<CaptionWord> = Vec::new();
    for (block, said) in blocks.iter().zip(said) {
        for (n, (word, &syllables)) in words(block_text(block)).zip(&said.written).enumerate() {
            let pause = if word.ends_with(['.', '?', '!', '…']) { SENTENCE_PAUSE } else { 0.0 };
            let seconds = f64::from(syllables) * per_syllable + pause;
            stream.push(CaptionWord {
                text: word,
                chars: word.chars().count(),
                seconds,
                starts_block: n == 0,
            });
        }
    }
    let cues = cue_layout(&stream);
    let mut out = String::with_capacity(stream.iter().map(|w| w.text.len() + 1).sum::<usize>() * 2);
    out.push_str("WEBVTT\n\n");
    let mut at = 0.0;
    for (n, cue) in cues.iter().enumerate() {
        let length = cue.iter().flatten().map(|&i| stream[i].seconds).sum::<f64>().max(CUE_MIN);
        out.push_str(itoa::Buffer::new().format(n + 1));
        out.push('\n');
        push_timestamp(&mut out, at);
        out.push_str(" --> ");
        push_timestamp(&mut out, at + length);
        out.push('\n');
        for (l, line) in cue.iter().enumerate() {
            if l > 0 {
                out.push('\n');
            }
            for (w, &i) in line.iter().enumerate() {
                if w > 0 {
                    out.push(' ');
                }
                // Cue text is markup in WebVTT: `<`, `&` and `-->` would break the cue.
                let word = stream[i].text;
                match word.contains(['&', '<', '>']) {
                    false => out.push_str(word),
                    true => {
                        out.push_str(&word.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"))
                    }
                }
            }
        }
        out.push_str("\n\n");
        at += length;
    }
    out
}

/// Cues of lines of word indexes.
fn cue_layout(stream: &[CaptionWord]) -> Vec<Vec<Vec<usize>>> {
    let chars = |line: &[usize]| line.iter().map(|&i| stream[i].chars + 1).sum::<usize>().saturating_sub(1);
    let seconds = |cue: &[Vec<usize>]| cue.iter().flatten().map(|&i| stream[i].seconds).sum::<f64>();
    // Where each word's block ends, so a block's last word or two never sit alone.
    let mut block_end = vec![0; stream.len()];
    for i in (0..stream.len()).rev() {
        block_end[i] = if i + 1 < stream.len() && !stream[i + 1].starts_block { block_end[i + 1] } else { i };
    }
    let carry = |line: &mut Vec<usize>, i: usize| -> Vec<usize> {
        let carried = glued_tail(stream, line, i);
        // Words the new line will hold at least: the rest of the block and what was carried.
        let rest = block_end[i] - i + 1 + carried.len();
        let wanted = 3usize.saturating_sub(rest);
        if wanted == 0 || stream[i].starts_block || line.len() <= wanted + 1 {
            return carried;
        }
        let moved = line[line.len() - wanted..].iter().chain(&carried).copied().chain(i..=block_end[i]);
        if moved.map(|w| stream[w].chars + 1).sum::<usize>() > CAPTION_LINE + 1 {
            return carried;
        }
        let mut more = line.split_off(line.len() - wanted);
        more.extend(carried);
        more
    };
    let mut cues: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut cue: Vec<Vec<usize>> = vec![Vec::new()];
    // The current line's width and the cue's length, kept as words are added and
    // worked out again only when a break moves words.
    let (mut line_chars, mut cue_seconds) = (0usize, 0f64);
    for (i, word) in stream.iter().enumerate() {
        let line_empty = cue.last().is_none_or(Vec::is_empty);
        let new_line = !line_empty && (word.starts_block || line_chars + 1 + word.chars > CAPTION_LINE);
        let too_long = cue_seconds > 0.0 && cue_seconds + word.seconds > CUE_MAX;
        if too_long || new_line && cue.len() == 2 {
            // A new cue, taking along the words glued to this one.
            let carried = carry(cue.last_mut().expect("a line"), i);
            cue.retain(|l| !l.is_empty());
            cues.push(std::mem::replace(&mut cue, vec![carried]));
            (line_chars, cue_seconds) = (chars(&cue[0]), seconds(&cue));
        } else if new_line {
            let carried = carry(cue.last_mut().expect("a line"), i);
            cue.push(carried);
            (line_chars, cue_seconds) = (chars(cue.last().expect("a line")), seconds(&cue));
        }
        let line = cue.last_mut().expect("a line");
        line_chars += if line.is_empty() { word.chars } else { word.chars + 1 };
        cue_seconds += word.seconds;
        line.push(i);
    }
    cue.retain(|l| !l.is_empty());
    cues.push(cue);
    cues.retain(|c| !c.is_empty());
    cues
}

/// The words at the end of `line` that must go with word `next` (a name, a number and
/// its unit, a date), taken off `line`; none when breaking there is fine, when `next`
/// starts a block, or when more than [`BACK_OFF`] words or the whole line would move.
fn glued_tail(stream: &[CaptionWord], line: &mut Vec<usize>, next: usize) -> Vec<usize> {
    if stream[next].starts_block {
        return Vec::new();
    }
    let mut cut = line.len();
    let mut at = next;
    while cut > 0 && glued(stream[at - 1].text, stream[at].text) {
        cut -= 1;
        at -= 1;
        if line.len() - cut > BACK_OFF || cut == 0 {
            return Vec::new();
        }
    }
    line.split_off(cut)
}

/// Words a caption never separates: a name's syllables ("Lạng Sơn"), a capitalised term
/// ("Đề án"), a number and what it counts ("12,5 %", "1.000 hồ"), a date ("ngày 10 tháng 10").
fn glued(a: &str, b: &str) -> bool {
    if a.ends_with(['.', ',', ';', ':', '?', '!', '…', ')']) || b.starts_with(['(', '–', '—', '-']) {
        return false;
    }
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let digit = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    const BEFORE_NUMBERS: [&str; 9] = ["ngày", "mồng", "tháng", "năm", "quý", "số", "thứ", "lúc", "khóa"];
    upper(a) && b.chars().count() <= 6
        || crate::text::spoken::is_document_number(b)
        || digit(a) && !digit(b) && b.chars().count() <= 6
        || BEFORE_NUMBERS.contains(&a.to_lowercase().as_str()) && digit(b)
        || digit(a) && matches!(b, "tháng" | "năm")
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

    #[test]
    fn only_short_tables_are_read_row_by_row() {
        let row = |n: usize| format!("| Năm {n} | {n} xã |\n");
        let table =
            |rows: usize| format!("| Năm | Số xã |\n|---|---|\n{}", (1..=rows).map(row).collect::<String>());
        assert_eq!(body_blocks(&table(5), Lang::Vi).len(), 5);
        assert_eq!(
            body_blocks(&table(6), Lang::Vi),
            [Block::Paragraph("Số liệu chi tiết có trên cổng thông tin.".into())]
        );
    }

    #[test]
    fn screen_phrases_are_rewritten_or_dropped_for_listeners() {
        let p =
            "Dưới đây là các bước. Bấm vào nút Đăng ký. Tải ứng dụng từ kho (CH Play, App Store) về máy. \
                 Xem bảng sau để so sánh. Ứng dụng công nghệ thông tin (CNTT) khác.";
        assert_eq!(
            for_the_ear(p).as_deref(),
            Some(
                "Sau đây là các bước. Tải ứng dụng từ kho về máy. Ứng dụng công nghệ thông tin (CNTT) khác."
            )
        );
        assert_eq!(for_the_ear("Xem thêm tại đây."), None);
        // Advice about links is heard; "ở trên mạng" is not about the page.
        let advice = "Không mở đường link lạ gửi qua tin nhắn. Bà con ở trên nương cũng nghe được.";
        assert_eq!(for_the_ear(advice).as_deref(), Some(advice));
        assert_eq!(lower_first_word("VNeID giúp gì"), "VNeID giúp gì");
        assert_eq!(lower_first_word("Lạng Sơn hưởng ứng ra sao"), "Lạng Sơn hưởng ứng ra sao");
        assert_eq!(lower_first_word("Các bước"), "các bước");
    }

    fn cues(vtt: &str) -> Vec<(f64, f64, Vec<String>)> {
        let seconds = |t: &str| {
            let p: Vec<f64> = t.split(':').map(|x| x.parse().unwrap()).collect();
            p[0] * 3600.0 + p[1] * 60.0 + p[2]
        };
        vtt.split("\n\n")
            .skip(1)
            .filter(|c| !c.is_empty())
            .map(|c| {
                let lines: Vec<&str> = c.lines().collect();
                let (a, b) = lines[1].split_once(" --> ").unwrap();
                (seconds(a), seconds(b), lines[2..].iter().map(|l| l.to_string()).collect())
            })
            .collect()
    }

    #[test]
    fn captions_last_one_to_seven_seconds_and_never_split_a_name_or_a_date() {
        let text = "Hội nghị của Tỉnh ủy Lạng Sơn bàn về chuyển đổi số được tổ chức vào ngày 10 tháng 10 \
                    tại thành phố Lạng Sơn, có ông Nguyễn Mạnh Hùng dự và phát biểu, với 1.000 đại biểu \
                    từ các xã, phường trong tỉnh cùng tham gia Đề án 06 về dữ liệu dân cư.";
        let blocks = vec![
            Block::Paragraph("Phát sóng.".into()),
            Block::Paragraph(text.into()),
            Block::Paragraph("Xin cảm ơn.".into()),
        ];
        let said: Vec<Said> = blocks.iter().map(|b| Said::new(b, Lang::Vi, Glossary::built_in())).collect();
        let vtt = captions(&blocks, &said, 233);
        let all = cues(&vtt);
        for (n, (start, end, lines)) in all.iter().enumerate() {
            let length = end - start;
            assert!((1.0 - 1e-6..=7.0 + 1e-6).contains(&length), "{length} s: {lines:?}\n{vtt}");
            let words: usize = lines.iter().map(|l| l.split_whitespace().count()).sum();
            assert!(words > 2 || n + 1 == all.len(), "a cue of {words} words: {lines:?}\n{vtt}");
            for line in lines {
                assert!(line.split_whitespace().count() >= 2, "a word alone on a line: {line:?}\n{vtt}");
                for (a, b) in
                    [("Lạng", "Sơn"), ("Tỉnh", "ủy"), ("Đề", "án"), ("Mạnh", "Hùng"), ("1.000", "đại")]
                {
                    assert!(!line.ends_with(a) || line.ends_with(&format!("{a} {b}")), "{a} | {b}:\n{vtt}");
                }
                assert!(
                    !line.ends_with("ngày") && !line.ends_with(" 10") && !line.ends_with("tháng"),
                    "{vtt}"
                );
            }
        }
        let total: f64 = all.last().unwrap().1;
        let syllables: usize = said.iter().map(|s| s.syllables).sum();
        assert!(total >= syllables as f64 * 60.0 / 233.0, "pauses are added, nothing is cut");
    }
}
