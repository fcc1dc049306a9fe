//! Front matter: the YAML between `---` lines at the top of a Markdown file.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::messages::{Expected, Message};
use crate::text::dates::PageDate;
use crate::yaml::Fields;

/// Where an explainer may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Portal,
    Newspaper,
    Broadcast,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Portal, Channel::Newspaper, Channel::Broadcast];

    pub fn name(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::Newspaper => "newspaper",
            Channel::Broadcast => "broadcast",
        }
    }
}

/// A set of channels; all of them unless the front matter says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Channels([bool; 3]);

impl Default for Channels {
    fn default() -> Channels {
        Channels([true; 3])
    }
}

impl Channels {
    pub fn contains(&self, c: Channel) -> bool {
        self.0[c as usize]
    }

    pub fn names(&self) -> Vec<&'static str> {
        Channel::ALL.iter().filter(|c| self.contains(**c)).map(|c| c.name()).collect()
    }
}

/// The keys a page or section may carry. Taxonomy keys come from site.yaml.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: Option<String>,
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub draft: bool,
    pub slug: Option<String>,
    pub weight: Option<i64>,
    /// Taxonomy name → terms as written.
    pub taxonomies: BTreeMap<String, Vec<String>>,
    pub unit: Option<String>,
    pub channels: Channels,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub expires: Option<PageDate>,
    pub aliases: Vec<(String, Option<Span>)>,
    pub template: Option<String>,
    /// What the loudspeaker bulletin must say, in the editor's words.
    pub key_points: Vec<String>,
    /// Pairs translations whose file names differ (multilingual sites).
    pub translation_key: Option<String>,
    /// Where the Open Graph crop of `image` centres: percent from the left and the top.
    pub image_focus: (u8, u8),
    /// The line of the `title:` key, to point at a page as a whole.
    pub title_span: Option<Span>,
    /// The line of the `image:` key.
    pub image_span: Option<Span>,
    /// The line of the `summary:` key.
    pub summary_span: Option<Span>,
}

/// What a section's `_index.md` may set; page-only keys there would silently do nothing.
const SECTION_KEYS: &[&str] = &["title", "summary", "slug", "weight", "template"];

const PAGE_KEYS: &[&str] = &[
    "title",
    "summary",
    "date",
    "updated",
    "draft",
    "slug",
    "weight",
    "unit",
    "channels",
    "image",
    "image_alt",
    "expires",
    "aliases",
    "template",
    "key_points",
    "translation_key",
    "image_focus",
];

/// A Markdown file cut in two.
pub struct Split<'a> {
    pub yaml: Option<&'a str>,
    pub body: &'a str,
    /// The 1-based line the body starts on.
    pub body_line: usize,
}

/// Cuts `text` into front matter and body. A file without a leading `---` line has no
/// front matter; one that opens but never closes is an error.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let rest = match text.strip_prefix("\u{feff}").unwrap_or(text).strip_prefix("---") {
        Some(r) if r.starts_with('\n') => &r[1..],
        _ => return Ok(Split { yaml: None, body: text, body_line: 1 }),
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + yaml.matches('\n').count() + 1;
            return Ok(Split { yaml: Some(yaml), body, body_line });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(Message::FrontMatterUnclosed)
        .in_file(file)
        .at(Span::new(1, 1))
        .help(Message::HelpCloseFrontMatter))
}

impl FrontMatter {
    /// Reads the keys of one file. Sections may omit `title`.
    pub fn read(
        yaml: Option<&str>,
        file: &Path,
        config: &SiteConfig,
        is_section: bool,
    ) -> (Option<FrontMatter>, Diagnostics) {
        // Front matter starts on the file's second line, after `---`.
        let mut fields = match Fields::parse(yaml.unwrap_or(""), file, 1) {
            Ok(f) => f,
            Err(d) => return (None, d.into()),
        };
        if is_section {
            let front = FrontMatter {
                title_span: fields.span_of("title"),
                title: fields.text("title").unwrap_or_default(),
                summary: fields.text("summary"),
                slug: fields.text("slug"),
                weight: fields.integer("weight"),
                template: fields.text("template"),
                ..FrontMatter::default()
            };
            let diagnostics = fields.finish(SECTION_KEYS);
            return ((!diagnostics.has_errors()).then_some(front), diagnostics);
        }
        let title = fields.required_text("title", "Chuyển đổi số là gì?");
        let mut front = FrontMatter {
            title_span: fields.span_of("title"),
            image_span: fields.span_of("image"),
            summary_span: fields.span_of("summary"),
            title: title.clone().unwrap_or_default(),
            summary: fields.text("summary"),
            date: fields.date("date"),
            updated: fields.date("updated"),
            draft: fields.bool("draft").unwrap_or(false),
            slug: fields.text("slug"),
            weight: fields.integer("weight"),
            unit: fields.text("unit"),
            image: fields.text("image"),
            image_alt: fields.text("image_alt"),
            expires: fields.date("expires"),
            template: fields.text("template"),
            translation_key: fields.text("translation_key"),
            ..FrontMatter::default()
        };
        front.image_focus = read_focus(&mut fields);
        front.channels = read_channels(&mut fields);
        front.key_points = fields.text_list("key_points").unwrap_or_default();
        if let Some(aliases) = fields.text_list("aliases") {
            let span = fields.span_of("aliases");
            front.aliases = aliases.into_iter().map(|a| (a, span)).collect();
        }
        for taxonomy in &config.taxonomies {
            if let Some(terms) = fields.text_list(&taxonomy.name) {
                let terms = terms.into_iter().filter(|t| !t.is_empty()).collect();
                front.taxonomies.insert(taxonomy.name.clone(), terms);
            }
        }
        let mut known: Vec<&str> = PAGE_KEYS.to_vec();
        known.extend(config.taxonomies.iter().map(|t| t.name.as_str()));
        let diagnostics = fields.finish(&known);
        let usable = title.is_some() && !diagnostics.has_errors();
        (usable.then_some(front), diagnostics)
    }
}

/// `image_focus: "30% 40%"` (or `30 40`): where the Open Graph crop centres; the
/// middle when not given.
fn read_focus(fields: &mut Fields) -> (u8, u8) {
    let span = fields.span_of("image_focus");
    let Some(text) = fields.text("image_focus") else { return (50, 50) };
    let numbers: Vec<Option<u8>> = text
        .split([' ', ','])
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.trim().trim_end_matches('%').parse::<u8>().ok().filter(|n| *n <= 100))
        .collect();
    if let [Some(x), Some(y)] = numbers[..] {
        return (x, y);
    }
    let file = fields.file().to_path_buf();
    fields.report(
        crate::diagnostics::Diagnostic::error(Message::BadImageFocus { value: text })
            .in_file(file)
            .at_opt(span),
    );
    (50, 50)
}

fn read_channels(fields: &mut Fields) -> Channels {
    let Some(names) = fields.text_list("channels") else {
        return Channels::default();
    };
    let span = fields.span_of("channels");
    let mut set = [false; 3];
    for name in names {
        match Channel::ALL.iter().find(|c| c.name() == name.to_lowercase()) {
            Some(c) => set[*c as usize] = true,
            None => {
                let file = fields.file().to_path_buf();
                let help = match crate::text::closest(&name, &["portal", "newspaper", "broadcast"], 3) {
                    Some(s) => Message::DidYouMean { suggestion: s.to_string() },
                    None => Message::HelpWriteAs { expected: Expected::Channels },
                };
                fields.report(
                    Diagnostic::error(Message::BadChannel { value: name })
                        .in_file(file)
                        .at_opt(span)
                        .help(help),
                );
            }
        }
    }
    Channels(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_the_body_line() {
        let text = "---\ntitle: A\ndate: 2024-01-02\n---\n\nBody\n";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, Some("title: A\ndate: 2024-01-02\n"));
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_line, 5);
        assert!(split("---\ntitle: A\n", Path::new("a.md")).is_err());
        assert!(split("No front matter", Path::new("a.md")).unwrap().yaml.is_none());
    }
}
