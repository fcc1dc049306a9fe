//! The HTML of a clipboard (Word, LibreOffice, a web page, Google Docs) as Markdown.
//! The HTML is cleaned by ammonia first (scripts, styles sheets, comments and Word's
//! `<xml>` blocks gone, only structural tags kept, well-formed), then its few tags are
//! read into a small tree here: Word's list paragraphs
//! (`mso-list`) become list items without their typed bullet, and a `font-weight` or
//! `font-style` in a style counts as bold or italic. Pictures are left out: a page
//! cannot load them from elsewhere; they are added through the editor's picture button.

use super::{Block, Span};

/// Markdown for the HTML on a clipboard.
pub fn to_markdown(html: &str) -> String {
    super::markdown(&read(html))
}

/// The blocks of an HTML fragment.
pub fn read(html: &str) -> Vec<Block> {
    let tags = [
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "div",
        "br",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "span",
        "font",
        "a",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "blockquote",
        "section",
        "article",
    ];
    let document = ammonia::Builder::empty()
        .add_tags(tags)
        .add_generic_attributes(["style", "class"])
        .add_tag_attributes("a", ["href"])
        .add_clean_content_tags(["xml", "title", "noscript", "template"])
        .link_rel(None)
        .clean(html)
        .to_string();
    let root = Node::Element {
        name: String::new(),
        style: String::new(),
        class: String::new(),
        href: None,
        children: tree(&document),
    };
    let mut reader = Reader::default();
    reader.walk(&root, Look::default());
    reader.flush();
    reader.blocks
}

#[derive(Clone, Default)]
struct Look {
    bold: bool,
    italic: bool,
    link: Option<String>,
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    spans: Vec<Span>,
    /// The lists around the text: ordered or not.
    lists: Vec<bool>,
    /// A Word list paragraph being read: its level.
    word_item: Option<usize>,
}

/// An element of the cleaned HTML, or its text.
enum Node {
    Text(String),
    Element { name: String, style: String, class: String, href: Option<String>, children: Vec<Node> },
}

/// The tree of ammonia's output: only the tags allowed above, attributes quoted and
/// escaped, `<br>` the one empty element.
fn tree(html: &str) -> Vec<Node> {
    let mut stack: Vec<Node> = vec![Node::Element {
        name: String::new(),
        style: String::new(),
        class: String::new(),
        href: None,
        children: Vec::new(),
    }];
    let push = |stack: &mut Vec<Node>, node: Node| {
        if let Some(Node::Element { children, .. }) = stack.last_mut() {
            children.push(node);
        }
    };
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            push(&mut stack, Node::Text(unescape(rest)));
            break;
        };
        if open > 0 {
            push(&mut stack, Node::Text(unescape(&rest[..open])));
        }
        let close = rest[open..].find('>').map_or(rest.len(), |i| open + i);
        let tag = &rest[open + 1..close.min(rest.len())];
        rest = rest.get(close + 1..).unwrap_or("");
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            if stack.iter().skip(1).any(|n| matches!(n, Node::Element { name: m, .. } if m == name)) {
                while let Some(node) = stack.pop() {
                    let done = matches!(&node, Node::Element { name: m, .. } if m == name);
                    push(&mut stack, node);
                    if done {
                        break;
                    }
                }
            }
            continue;
        }
        let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
        let name = tag[..name_end].trim_end_matches('/').to_ascii_lowercase();
        let attrs = &tag[name_end..];
        let get = |wanted: &str| {
            let at = attrs.find(&format!(" {wanted}=\""))? + wanted.len() + 3;
            let end = attrs[at..].find('"')? + at;
            Some(unescape(&attrs[at..end]))
        };
        let node = Node::Element {
            style: get("style").unwrap_or_default().to_ascii_lowercase(),
            class: get("class").unwrap_or_default(),
            href: get("href"),
            name: name.clone(),
            children: Vec::new(),
        };
        if name == "br" {
            push(&mut stack, node);
        } else {
            stack.push(node);
        }
    }
    while stack.len() > 1 {
        let node = stack.pop().expect("more than one");
        push(&mut stack, node);
    }
    match stack.pop() {
        Some(Node::Element { children, .. }) => children,
        _ => Vec::new(),
    }
}

/// The text of serialized HTML: its character references decoded.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "nbsp" => Some('\u{a0}'),
            "#39" | "apos" => Some('\''),
            n => n
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A style's value for `property`, e.g. `font-weight` in `font-weight:700; color:red`.
fn style_value<'a>(style: &'a str, property: &str) -> Option<&'a str> {
    style.split(';').find_map(|d| {
        let (k, v) = d.split_once(':')?;
        (k.trim() == property).then(|| v.trim())
    })
}

impl Reader {
    fn walk(&mut self, node: &Node, look: Look) {
        let (name, style, class, href, nodes) = match node {
            Node::Text(text) => {
                let span = Span { text: text.clone(), bold: look.bold, italic: look.italic, link: look.link };
                self.spans.push(span);
                return;
            }
            Node::Element { name, style, class, href, children } => (name, style, class, href, children),
        };
        if style_value(style, "display") == Some("none") || style.contains("mso-hide:all") {
            return;
        }
        let mut look = look;
        match style_value(style, "font-weight") {
            Some("bold" | "bolder" | "600" | "700" | "800" | "900") => look.bold = true,
            Some("normal" | "400" | "300" | "lighter") => look.bold = false,
            _ => {}
        }
        match style_value(style, "font-style") {
            Some("italic" | "oblique") => look.italic = true,
            Some("normal") => look.italic = false,
            _ => {}
        }
        let children = |reader: &mut Reader, look: Look| {
            for child in nodes {
                reader.walk(child, look.clone());
            }
        };
        match name.as_str() {
            "b" | "strong" if style_value(style, "font-weight").is_none() => {
                children(self, Look { bold: true, ..look })
            }
            "i" | "em" if style_value(style, "font-style").is_none() => {
                children(self, Look { italic: true, ..look })
            }
            "a" => {
                let link = href.clone().filter(|h| !h.trim().is_empty() && !h.starts_with('#'));
                children(self, Look { link: link.or(look.link.clone()), ..look })
            }
            "br" => self.flush(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                children(self, look);
                let level = name[1..].parse().unwrap_or(2);
                let spans = std::mem::take(&mut self.spans);
                self.blocks.push(Block::Heading(level, spans));
            }
            "p" | "div" | "blockquote" | "section" | "article" => {
                self.flush();
                // Word writes a list as paragraphs styled `mso-list: l0 level2 lfo1`.
                let word_list = style.contains("mso-list") || class.starts_with("MsoListParagraph");
                if word_list {
                    let level = style
                        .split("level")
                        .nth(1)
                        .and_then(|l| l.split(|c: char| !c.is_ascii_digit()).next())
                        .and_then(|l| l.parse::<usize>().ok())
                        .unwrap_or(1);
                    self.word_item = Some(level.saturating_sub(1));
                }
                if class == "MsoTitle" {
                    children(self, look);
                    let spans = std::mem::take(&mut self.spans);
                    self.blocks.push(Block::Heading(1, spans));
                } else {
                    children(self, look);
                    self.flush();
                }
                self.word_item = None;
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.push(name == "ol");
                children(self, look);
                self.flush();
                self.lists.pop();
            }
            "li" => {
                self.flush();
                children(self, look);
                self.flush();
            }
            "table" => {
                self.flush();
                let mut rows = Vec::new();
                collect_rows(nodes, &mut rows);
                self.blocks.push(Block::Table(rows));
            }
            _ => children(self, look),
        }
    }

    /// The text read so far as a paragraph, or a list item inside a list.
    fn flush(&mut self) {
        let mut spans = std::mem::take(&mut self.spans);
        if super::plain(&spans).is_empty() {
            return;
        }
        if let Some(level) = self.word_item {
            let ordered = strip_typed_marker(&mut spans);
            self.blocks.push(Block::Item { ordered, level, spans });
        } else if let Some(&ordered) = self.lists.last() {
            self.blocks.push(Block::Item { ordered, level: self.lists.len() - 1, spans });
        } else {
            self.blocks.push(Block::Paragraph(spans));
        }
    }
}

/// Removes the bullet or number Word types before a list paragraph's text (`·`, `o`,
/// `§`, `1.`, `a)`); whether it was a number.
fn strip_typed_marker(spans: &mut [Span]) -> bool {
    let Some(first) = spans.iter_mut().find(|s| !s.text.trim().is_empty()) else { return false };
    let text = first.text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    let marker_end = text.find(|c: char| c.is_whitespace() || c == '\u{a0}').unwrap_or(text.len());
    let marker = &text[..marker_end];
    let bullet = matches!(
        marker,
        "·" | "•" | "o" | "§" | "▪" | "■" | "-" | "–" | "*" | "\u{f0b7}" | "\u{f0a7}" | "\u{f0d8}"
    );
    let number = marker.len() > 1
        && marker.ends_with(['.', ')'])
        && marker[..marker.len() - 1].chars().all(|c| c.is_ascii_alphanumeric());
    if bullet || number {
        first.text = text[marker_end..].to_string();
        // The marker may sit alone in its span, its spaces in the next ones.
        if first.text.trim().is_empty() {
            first.text.clear();
        }
    }
    number
}

fn collect_rows(nodes: &[Node], rows: &mut Vec<Vec<Vec<Span>>>) {
    for child in nodes {
        let Node::Element { name, children: inner, .. } = child else { continue };
        match name.as_str() {
            "tr" => {
                let mut row = Vec::new();
                for cell in inner {
                    if let Node::Element { name, children: inside_cell, .. } = cell {
                        if name != "td" && name != "th" {
                            continue;
                        }
                        let mut reader = Reader::default();
                        for inside in inside_cell {
                            reader.walk(inside, Look::default());
                        }
                        reader.flush();
                        // A cell is one line: its paragraphs joined by a space.
                        let mut spans = Vec::new();
                        for block in reader.blocks {
                            if let Block::Paragraph(s) | Block::Heading(_, s) | Block::Item { spans: s, .. } =
                                block
                            {
                                if !spans.is_empty() {
                                    spans.push(Span { text: " ".into(), ..Span::default() });
                                }
                                spans.extend(s);
                            }
                        }
                        row.push(spans);
                    }
                }
                rows.push(row);
            }
            "table" => {}
            _ => collect_rows(inner, rows),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_clipboard_html_becomes_clean_markdown() {
        let html = r#"<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><title>x</title>
<style>p.MsoNormal{margin:0cm;font-family:"Times New Roman"}</style><xml><o:DocumentProperties><o:Author>Nguyễn Văn A</o:Author></o:DocumentProperties></xml></head>
<body lang=VI><!--StartFragment-->
<h1 style='margin-top:12pt'><span style='font-family:Arial'>Dịch vụ công trực tuyến<o:p></o:p></span></h1>
<p class=MsoNormal><span style='font-size:13pt'>Người dân có thể <b>nộp hồ sơ</b> tại <a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công</a> mà <i>không cần</i> đến trụ sở.<o:p></o:p></span></p>
<p class=MsoNormal>&nbsp;<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Đăng nhập bằng VNeID<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span>o<span>&nbsp;&nbsp; </span></span><![endif]>Chọn thủ tục<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]>1.<span>&nbsp;&nbsp; </span><![endif]>Bước một</p>
<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal><b>Trước</b></p></td><td><p class=MsoNormal><b>Sau</b></p></td></tr>
<tr><td><p class=MsoNormal>Giấy tờ</p><p>bản cứng</p></td><td><p class=MsoNormal>Trực tuyến</p></td></tr></table>
<script>alert(1)</script><img src="https://example.com/x.png" alt="ảnh ngoài">
<!--EndFragment--></body></html>"#;
        assert_eq!(
            to_markdown(html),
            "## Dịch vụ công trực tuyến\n\n\
             Người dân có thể **nộp hồ sơ** tại [Cổng Dịch vụ công](https://dichvucong.gov.vn/) mà *không cần* đến trụ sở.\n\n\
             - Đăng nhập bằng VNeID\n   - Chọn thủ tục\n1. Bước một\n\n\
             | **Trước** | **Sau** |\n| --- | --- |\n| Giấy tờ bản cứng | Trực tuyến |\n"
        );
    }

    #[test]
    fn google_docs_wrapper_is_not_bold_and_styles_make_bold() {
        let html = r#"<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Chú ý:</span><span style="font-weight:400"> mang theo căn cước.</span></p><ul><li>một</li><li>hai<ol><li>nhỏ</li></ol></li></ul></b>"#;
        assert_eq!(to_markdown(html), "**Chú ý:** mang theo căn cước.\n\n- một\n- hai\n   1. nhỏ\n");
    }
}
