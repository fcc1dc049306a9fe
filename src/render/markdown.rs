//! Markdown → HTML for one page: heading ids the Vietnamese way, a table of contents,
//! links written as file paths resolved to URLs, components, raw HTML sanitised.

use std::collections::HashSet;
use std::path::{Component as PathPart, Path, PathBuf};

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use super::components::{self, Component, ComponentError, FaqItem};
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::messages::{Lang, Message};
use crate::site::Site;
use crate::text::{closest, percent_decode, slugify, syllable_count};

/// A heading in the table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A page's body, rendered.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every heading id, for checking `#anchor` links.
    pub anchors: HashSet<String>,
    pub syllables: usize,
    pub faqs: Vec<FaqItem>,
    /// The words of the body without markup, for search and snippets (empty when the
    /// site writes no search index). With `facts_only`, just the snippet's words.
    pub plain: String,
    /// Taken from the build cache without its HTML and words (`crate::pack::bodies`):
    /// [`super::RenderedSite::page`] renders the body again where an output needs it.
    pub facts_only: bool,
}

/// An `#anchor` in a link, checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    /// The linked page's file below `content/` (not its place in the site's list, which
    /// a date edit changes while the body stays the same).
    pub page: Option<std::path::PathBuf>,
    pub anchor: String,
    pub written: String,
    pub span: Span,
}

/// Where the Markdown comes from.
pub struct Origin<'a> {
    pub file: &'a Path,
    /// The file's folder below `content/`.
    pub dir: &'a Path,
    /// The file line the body starts on.
    pub body_line: usize,
    /// The page being rendered, for `#anchor` links to itself.
    pub page: Option<usize>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The site's picture that `dest` names, written in a page of folder `dir` below
/// `content/`: beside it (`anh.jpg`, `../anh.jpg`) or from the site's root (`/a/anh.jpg`).
pub fn picture_at<'s>(site: &'s Site, dir: &Path, dest: &str) -> Option<&'s crate::images::Picture> {
    if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let decoded = crate::text::nfc(&percent_decode(path));
    let output = match decoded.strip_prefix('/') {
        Some(root) => root.to_string(),
        None => site.asset_by_source.get(&normalise(&dir.join(&decoded))?)?.clone(),
    };
    site.pictures.get(&output)
}

/// A heading being read: level, explicit id, classes, and the events inside it.
type OpenHeading<'e> = (HeadingLevel, Option<CowStr<'e>>, Vec<CowStr<'e>>, Vec<Event<'e>>);

/// A Markdown picture being read: its opening, the events of its description, the
/// description as text, its title, the picture loa resizes (if it is one), and where.
struct OpenImage<'e> {
    start: Event<'e>,
    /// Images inside this one's description (`![a ![b](x)](y)`): their text is part of it.
    depth: usize,
    inner: Vec<Event<'e>>,
    alt: String,
    title: String,
    picture: Option<crate::images::Picture>,
    offset: usize,
}

struct Renderer<'a> {
    site: &'a Site,
    origin: &'a Origin<'a>,
    body: &'a str,
    lang: Lang,
    out: Rendered,
    anchors_to_check: Vec<AnchorLink>,
    diagnostics: Diagnostics,
    components: Vec<String>,
    raw_html: bool,
    /// For each open link: whether it was dropped (it points to an unpublished page).
    open_links: Vec<bool>,
    keep_plain: bool,
    /// How many resized pictures the body has shown so far (the first is not lazy).
    pictures: usize,
    /// How many of the placeholders are pictures.
    pictures_placed: usize,
}

/// Renders `body`. Anchor links are returned for checking after all pages are rendered.
pub fn render(site: &Site, origin: &Origin, body: &str) -> (Rendered, Vec<AnchorLink>, Diagnostics) {
    let spaced = angle_spaced_links(body);
    let body: &str = &spaced;
    let lang = Lang::from_code(&site.config.language);
    let mut r = Renderer {
        site,
        origin,
        body,
        lang,
        out: Rendered::default(),
        anchors_to_check: Vec::new(),
        diagnostics: Diagnostics::new(),
        components: Vec::new(),
        raw_html: false,
        open_links: Vec::new(),
        keep_plain: site.config.writes("search"),
        // A page's own picture (`image:`) shows above its body.
        pictures: origin.page.map_or(0, |i| usize::from(site.pages[i].source.front.image.is_some())),
        pictures_placed: 0,
    };
    let events = r.transform(Parser::new_ext(body, options()).into_offset_iter());
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if r.raw_html && !site.config.unsafe_html {
        html = sanitiser().clean(&html).to_string();
    }
    if !r.components.is_empty() || html.contains(is_placeholder_char) {
        html = fill_placeholders(&html, &r.components);
    }
    // Every body is kept until the build ends: no spare capacity.
    html.shrink_to_fit();
    r.out.html = html;
    r.out.plain.shrink_to_fit();
    (r.out, r.anchors_to_check, r.diagnostics)
}

impl<'a> Renderer<'a> {
    /// Keeps body words for the search index; a site without search keeps none.
    fn plain(&mut self, text: &str) {
        if self.keep_plain {
            // A character reference (`&#xE000;`) can bring back what `nfc` took out
            // (U+E000 and U+E001 start with the byte 0xEE in UTF-8).
            if text.as_bytes().contains(&0xEE) {
                self.out.plain.extend(text.chars().filter(|c| !is_placeholder_char(*c)));
            } else {
                self.out.plain.push_str(text);
            }
        }
    }

    fn span(&self, offset: usize) -> Span {
        Span::at_offset(self.body, offset).shifted(self.origin.body_line - 1)
    }

    fn transform<'e>(
        &mut self,
        parser: impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    ) -> Vec<Event<'e>> {
        let mut events = Vec::new();
        let mut heading: Option<OpenHeading<'e>> = None;
        let mut code: Option<(String, usize, String)> = None;
        let mut alerts: Vec<bool> = Vec::new();
        let mut image: Option<OpenImage<'e>> = None;
        for (event, range) in parser {
            if let Some((_, _, body)) = &mut code {
                match event {
                    Event::Text(t) => body.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let (name, start, body) = code.take().unwrap_or_default();
                        events.push(self.component(&name, start, &body));
                    }
                    _ => {}
                }
                continue;
            }
            let event = match event {
                Event::Start(Tag::Heading { level, id, classes, .. }) => {
                    heading = Some((level, id, classes, Vec::new()));
                    continue;
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, id, classes, inner)) = heading.take() {
                        self.heading(level, id, classes, inner, &mut events);
                    }
                    continue;
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    if !fence_closed(&self.body[range.clone()]) {
                        self.diagnostics.push(
                            Diagnostic::error(Message::FenceNotClosed {
                                opening: self.body[range.clone()]
                                    .lines()
                                    .next()
                                    .unwrap_or("")
                                    .trim()
                                    .to_string(),
                            })
                            .in_file(self.origin.file)
                            .at(self.span(range.start))
                            .help(Message::HelpFenceNotClosed),
                        );
                    }
                    let name = info.split_whitespace().next().unwrap_or("").to_string();
                    if components::NAMES.contains(&name.as_str()) {
                        code = Some((name, range.start, String::new()));
                        continue;
                    }
                    if let Some(suggestion) = near_component(&name) {
                        self.diagnostics.push(
                            Diagnostic::error(Message::ComponentLooksLike {
                                written: name,
                                suggestion: suggestion.into(),
                            })
                            .in_file(self.origin.file)
                            .at(self.span(range.start))
                            .help(Message::HelpComponentShape { component: suggestion.into() }),
                        );
                    }
                    Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dropped = self.is_unpublished(&dest_url, range.start);
                    self.open_links.push(dropped);
                    if dropped {
                        continue;
                    }
                    let dest_url = self.link(&dest_url, range.start).map_or(dest_url, CowStr::from);
                    Event::Start(Tag::Link { link_type, dest_url, title, id })
                }
                Event::End(TagEnd::Link) => {
                    if self.open_links.pop().unwrap_or(false) {
                        continue;
                    }
                    Event::End(TagEnd::Link)
                }
                Event::Start(Tag::Image { .. }) if image.is_some() => {
                    // An image inside a description: its words are the description's.
                    if let Some(open) = &mut image {
                        open.depth += 1;
                    }
                    continue;
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    let picture = self.picture_of(&dest_url);
                    let dest_url = self.link(&dest_url, range.start).map_or(dest_url, CowStr::from);
                    image = Some(OpenImage {
                        depth: 0,
                        title: title.to_string(),
                        start: Event::Start(Tag::Image { link_type, dest_url, title, id }),
                        inner: Vec::new(),
                        alt: String::new(),
                        picture,
                        offset: range.start,
                    });
                    continue;
                }

                Event::Start(Tag::BlockQuote(kind)) => {
                    alerts.push(kind.is_some());
                    match kind {
                        Some(kind) => Event::Html(alert_open(kind, self.lang).into()),
                        None => Event::Start(Tag::BlockQuote(None)),
                    }
                }
                Event::End(TagEnd::BlockQuote(kind)) => {
                    if alerts.pop().unwrap_or(false) {
                        Event::Html("</div>\n".into())
                    } else {
                        Event::End(TagEnd::BlockQuote(kind))
                    }
                }
                // A labelled mark instead of a bare, unlabelled checkbox.
                Event::TaskListMarker(done) => Event::Html(task_marker(done, self.lang).into()),
                Event::Html(_) | Event::InlineHtml(_) => {
                    self.raw_html = true;
                    event
                }
                Event::Text(ref t) => {
                    self.out.syllables += syllable_count(t);
                    self.plain(t);
                    event
                }
                Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                    self.plain(" ");
                    event
                }
                other => other,
            };
            if image.is_some() {
                // The description of a picture: read, then the picture as a whole.
                let nested = image.as_ref().is_some_and(|o| o.depth > 0);
                if matches!(event, Event::End(TagEnd::Image)) && nested {
                    if let Some(open) = &mut image {
                        open.depth -= 1;
                    }
                } else if matches!(event, Event::End(TagEnd::Image)) {
                    let done = image.take().map(|open| self.image(open)).unwrap_or_default();
                    match &mut heading {
                        Some((_, _, _, inner)) => inner.extend(done),
                        None => events.extend(done),
                    }
                } else if let Some(open) = &mut image {
                    match &event {
                        Event::Text(t) | Event::Code(t) => open.alt.push_str(t),
                        Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
                        _ => {}
                    }
                    open.inner.push(event);
                }
                continue;
            }
            match &mut heading {
                Some((_, _, _, inner)) => inner.push(event),
                None => events.push(event),
            }
        }
        events
    }

    fn heading<'e>(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'e>>,
        classes: Vec<CowStr<'e>>,
        inner: Vec<Event<'e>>,
        events: &mut Vec<Event<'e>>,
    ) {
        let mut title = String::new();
        for e in &inner {
            if let Event::Text(t) | Event::Code(t) = e {
                title.push_str(t);
            }
        }
        let base = id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&title));
        let base = if base.is_empty() { "muc".to_string() } else { base };
        let mut id = base.clone();
        let mut n = 1;
        while self.out.anchors.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.out.anchors.insert(id.clone());
        let level_number = level as u8;
        if matches!(level_number, 2 | 3) {
            self.out.toc.push(TocEntry {
                level: level_number,
                id: id.clone(),
                title: title.trim().to_string(),
            });
        }
        events.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs: Vec::new() }));
        events.extend(inner);
        events.push(Event::End(TagEnd::Heading(level)));
        self.plain(" ");
    }

    /// The resized picture a Markdown image shows, when it is one of the site's JPEGs or
    /// PNGs (written as a path beside the page, or from the site's root).
    fn picture_of(&self, dest: &str) -> Option<crate::images::Picture> {
        picture_at(self.site, self.origin.dir, dest).cloned()
    }

    /// A Markdown image, read to its end: `<picture>` with every width for one of the
    /// site's pictures (through a placeholder, after sanitising), else as written. A
    /// picture without a description on a page of the portal is an error: screen
    /// readers and the broadcast script say the description.
    fn image<'e>(&mut self, open: OpenImage<'e>) -> Vec<Event<'e>> {
        let alt = open.alt.trim();
        let on_portal =
            self.origin.page.is_none_or(|i| self.site.pages[i].on(crate::content::Channel::Portal));
        if alt.is_empty() && on_portal {
            self.diagnostics.push(
                Diagnostic::error(Message::ImageWithoutAlt)
                    .in_file(self.origin.file)
                    .at(self.span(open.offset))
                    .help(Message::HelpImageAlt),
            );
        }
        let Some(picture) = open.picture else {
            let mut events = vec![open.start];
            events.extend(open.inner);
            events.push(Event::End(TagEnd::Image));
            return events;
        };
        let first = self.pictures == 0;
        self.pictures += 1;
        let n = self.components.len();
        self.pictures_placed += 1;
        self.components.push(picture.html(&self.site.urls, alt, &open.title, first, ""));
        vec![Event::Html(format!("\u{E000}{}:{n}\u{E001}", placeholder_key()).into())]
    }

    /// A component's block becomes a placeholder, filled after sanitising.
    fn component<'e>(&mut self, name: &str, start: usize, body: &str) -> Event<'e> {
        match Component::parse(name, body) {
            Ok(component) => {
                if let Component::Faq(items) = &component {
                    self.out.faqs.extend(items.iter().cloned());
                }
                let plain = component.plain_text();
                self.out.syllables += syllable_count(&plain);
                self.plain(" ");
                self.plain(&plain);
                self.plain(" ");
                let n = self.components.len();
                // Components are numbered among themselves (`cmp-1`), pictures aside.
                let number = n + 1 - self.pictures_placed;
                self.components.push(component.html(number, self.lang));
                Event::Html(format!("\u{E000}{}:{n}\u{E001}\n", placeholder_key()).into())
            }
            Err(error) => {
                // The YAML starts on the line after the fence.
                let fence = self.span(start);
                let (message, span, help) = match error {
                    ComponentError::Yaml(e) => {
                        let help = match Message::for_yaml_problem(&e.problem) {
                            Message::HelpYamlQuotes => Message::HelpComponentShape { component: name.into() },
                            help => help,
                        };
                        (
                            Message::ComponentMalformed {
                                component: name.into(),
                                problem: e.problem,
                                detail: e.detail,
                            },
                            e.span.map_or(fence, |s| s.shifted(fence.line)),
                            help,
                        )
                    }
                    ComponentError::QuizAnswer { answer, choices } => {
                        // At the `answer:` line inside the block.
                        let span = body
                            .lines()
                            .position(|l| l.trim_start().starts_with("answer:"))
                            .map_or(fence, |n| Span::new(fence.line + 1 + n, 1));
                        (Message::QuizAnswerOutOfRange { answer, choices }, span, Message::HelpQuizAnswer)
                    }
                };
                self.diagnostics
                    .push(Diagnostic::error(message).in_file(self.origin.file).at(span).help(help));
                Event::Html("".into())
            }
        }
    }

    /// The URL a Markdown link or image should point to, or `None` to keep it as written.
    fn link(&mut self, dest: &str, offset: usize) -> Option<String> {
        if has_scheme(dest) && !safe_scheme(dest) {
            // javascript:, data: … — the sanitiser removes them (these pages end up inside
            // newspaper sites).
            self.raw_html = true;
            return None;
        }
        if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
            return None;
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            if let Some(page) = self.origin.page {
                let own = self.site.pages[page].source.rel.clone();
                self.check_anchor(Some(own), anchor, "", offset);
            }
            return None;
        }
        if let Some(url) = self.site.urls.rebase(dest) {
            if !self.site.publishes(dest) {
                self.diagnostics.push(
                    Diagnostic::warning(Message::LinkRootMissing { target: dest.to_string() })
                        .in_file(self.origin.file)
                        .at(self.span(offset))
                        .help(Message::HelpLinkRootMissing),
                );
            }
            return Some(url);
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let decoded = percent_decode(path);
        let target = normalise(&self.origin.dir.join(crate::text::nfc(&decoded)));
        let site = self.site;
        let found = target.as_ref().and_then(|t| {
            if t.extension().is_some_and(|x| x == "md") {
                if let Some(&page) = site.page_by_source.get(t) {
                    return Some((site.pages[page].path.clone(), Some(page), true));
                }
                let is_section = t.file_name().is_some_and(|n| n == crate::content::SECTION_FILE);
                let dir = t.parent().unwrap_or(Path::new(""));
                return site
                    .sections
                    .iter()
                    .find(|s| is_section && s.dir == dir && site.shows(s))
                    .map(|s| (s.path.clone(), None, false));
            }
            site.asset_by_source.get(t).map(|p| (p.clone(), None, false))
        });
        // A translation links to the original of a page it has not translated.
        let found = found
            .or_else(|| target.as_ref().and_then(|t| site.fallback.get(t)).map(|p| (p.clone(), None, false)));
        let Some((rel, page, is_page)) = found else {
            // A page whose own front matter is broken is reported there; its links are
            // not broken as well.
            let exists = target
                .as_ref()
                .is_some_and(|t| site.root.join(crate::content::CONTENT_DIR).join(t).is_file());
            if exists && path.ends_with(".md") {
                return None;
            }
            let message = if path.ends_with(".md") {
                Message::LinkMissingPage { target: path.to_string() }
            } else {
                Message::LinkMissingFile { target: path.to_string() }
            };
            // The file the editor probably meant: same folder, name alike but for marks,
            // capitals and spaces.
            let wanted = slugify(path.rsplit('/').next().unwrap_or(path));
            let near = site
                .page_by_source
                .keys()
                .chain(site.asset_by_source.keys())
                .filter_map(|k| k.to_str())
                .find(|k| slugify(k.rsplit('/').next().unwrap_or(k)) == wanted)
                .map(|k| k.to_string());
            let help = match near {
                Some(k) => Message::DidYouMean { suggestion: relative_to(self.origin.dir, Path::new(&k)) },
                None => Message::HelpCheckPath,
            };
            self.diagnostics
                .push(Diagnostic::error(message).in_file(self.origin.file).at(self.span(offset)).help(help));
            return None;
        };
        let mut url = site.urls.path(&rel);
        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
            if is_page {
                let page = page.map(|p| site.pages[p].source.rel.clone());
                self.check_anchor(page, fragment, path, offset);
            }
            url.push('#');
            url.push_str(fragment);
        }
        Some(url)
    }

    /// Is `dest` a page that exists but is left out of this build? Then the link is
    /// dropped with a warning and its text kept.
    fn is_unpublished(&mut self, dest: &str, offset: usize) -> bool {
        if has_scheme(dest) || dest.starts_with('/') || dest.starts_with('#') {
            return false;
        }
        let path = dest.split(['#', '?']).next().unwrap_or(dest);
        let target = normalise(&self.origin.dir.join(crate::text::nfc(&percent_decode(path))));
        let site = self.site;
        let off_portal = |t: &PathBuf| {
            site.page_by_source.get(t).is_some_and(|&p| !site.pages[p].on(crate::content::Channel::Portal))
        };
        // A translation may have its own page where the original is left out.
        let left_out = |t: &PathBuf| site.unpublished.contains(t) && !site.page_by_source.contains_key(t);
        if !target.is_some_and(|t| left_out(&t) || off_portal(&t)) {
            return false;
        }
        self.diagnostics.push(
            Diagnostic::warning(Message::LinkToUnpublished { target: path.to_string() })
                .in_file(self.origin.file)
                .at(self.span(offset)),
        );
        true
    }

    fn check_anchor(&mut self, page: Option<PathBuf>, anchor: &str, written: &str, offset: usize) {
        self.anchors_to_check.push(AnchorLink {
            page,
            anchor: anchor.to_string(),
            written: written.to_string(),
            span: self.span(offset),
        });
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            dest[..i].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) && i > 0
        }
        None => false,
    }
}

/// Schemes a link may use; anything else (javascript:, data:, vbscript:) is removed.
fn safe_scheme(dest: &str) -> bool {
    let scheme = dest.split(':').next().unwrap_or("").to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
}

/// `a/./b/../c.md` → `a/c.md`; `None` when it climbs out of `content/`.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            PathPart::Normal(p) => out.push(p),
            PathPart::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            PathPart::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// `[…](Hướng Dẫn Nộp Hồ Sơ.md)`: a file's real name, spaces and all, which Markdown
/// does not take as a link. Such destinations get the angle brackets Markdown wants
/// (`](<…>)`), so the link is resolved, or reported, like any other. Code is left alone.
pub(crate) fn angle_spaced_links(body: &str) -> std::borrow::Cow<'_, str> {
    // Only a destination holding a space before its `)` needs anything done.
    let spaced = body.match_indices("](").any(|(at, _)| {
        let rest = &body[at + 2..];
        let end = rest.find([')', '\n']).unwrap_or(rest.len());
        rest[..end].contains(' ')
    });
    if !spaced {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len() + 16);
    let mut fence: Option<char> = None;
    let mut changed = false;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let mark = trimmed.chars().next();
            fence = match fence {
                Some(open) if Some(open) == mark => None,
                None => mark,
                open => open,
            };
        }
        if fence.is_some() || !line.contains("](") || line.contains('`') {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            let Some(end) = rest.find(')') else { break };
            let dest = &rest[..end];
            let spaced = dest.contains(' ')
                && !dest.starts_with('<')
                && !dest.contains(['"', '\'', '(', '['])
                && dest.rsplit('/').next().is_some_and(|name| name.contains('.'));
            if spaced {
                out.push('<');
                out.push_str(dest.trim());
                out.push('>');
                rest = &rest[end..];
                changed = true;
            }
        }
        out.push_str(rest);
    }
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(body)
    }
}

/// The component a fence name was meant to be: a misspelling (`quizz`), another word for
/// it (`compare`) or its Vietnamese name (`so-sanh`, `hỏi đáp`, `câu hỏi`).
fn near_component(name: &str) -> Option<&'static str> {
    if name.len() < 2 || components::NAMES.contains(&name) {
        return None;
    }
    const OTHER_NAMES: [(&str, &str); 14] = [
        ("so-sanh", "comparison"),
        ("sosanh", "comparison"),
        ("bang-so-sanh", "comparison"),
        ("compare", "comparison"),
        ("versus", "comparison"),
        ("hoi-dap", "faq"),
        ("hoidap", "faq"),
        ("hoi-va-dap", "faq"),
        ("faqs", "faq"),
        ("qa", "faq"),
        ("cau-hoi", "quiz"),
        ("cauhoi", "quiz"),
        ("trac-nghiem", "quiz"),
        ("kiem-tra", "quiz"),
    ];
    let folded = slugify(name);
    if let Some((_, component)) = OTHER_NAMES.iter().find(|(other, _)| *other == folded) {
        return Some(component);
    }
    if name.len() < 3 {
        return None;
    }
    closest(&name.to_lowercase(), &components::NAMES, 2)
}

/// Whether the fenced block at `block` (its source range) is closed by a fence line; an
/// unclosed one runs to the end of the page.
fn fence_closed(block: &str) -> bool {
    let opening = block.lines().next().unwrap_or("").trim_start();
    let mark = opening.chars().next().unwrap_or('`');
    let width = opening.chars().take_while(|c| *c == mark).count();
    block.lines().skip(1).any(|l| {
        let l = l.trim();
        l.chars().take_while(|c| *c == mark).count() >= width && l.chars().all(|c| c == mark)
    })
}

fn alert_open(kind: BlockQuoteKind, lang: Lang) -> String {
    let (class, vi, en) = match kind {
        BlockQuoteKind::Note => ("note", "Lưu ý", "Note"),
        BlockQuoteKind::Tip => ("tip", "Mẹo", "Tip"),
        BlockQuoteKind::Important => ("important", "Quan trọng", "Important"),
        BlockQuoteKind::Warning => ("warning", "Cảnh báo", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Thận trọng", "Caution"),
    };
    let title = if lang == Lang::Vi { vi } else { en };
    format!("<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{title}</p>\n")
}

fn task_marker(done: bool, lang: Lang) -> String {
    let (symbol, label) = match (done, lang) {
        (true, Lang::Vi) => ("☑", "đã xong"),
        (false, Lang::Vi) => ("☐", "chưa xong"),
        (true, Lang::En) => ("☑", "done"),
        (false, Lang::En) => ("☐", "not done"),
    };
    format!("<span class=\"task\" role=\"img\" aria-label=\"{label}\">{symbol}</span> ")
}

/// The secret part of this run's placeholders. Component HTML goes in after sanitising,
/// where a placeholder stands; the key, drawn at random for the run, means no input can
/// write one (a character reference `&#xE000;` in text or raw HTML decodes to the
/// marker characters, but never to the key).
fn placeholder_key() -> &'static str {
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        use std::hash::BuildHasher;
        let keyed = std::collections::hash_map::RandomState::new();
        format!("{:016x}{:016x}", keyed.hash_one(1u8), keyed.hash_one(2u8))
    })
}

fn is_placeholder_char(c: char) -> bool {
    c == '\u{E000}' || c == '\u{E001}'
}

/// Puts each component's HTML where its placeholder stands; marker characters that are
/// not this run's placeholders (brought in by character references) are dropped.
fn fill_placeholders(html: &str, components: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + components.iter().map(String::len).sum::<usize>());
    let key = placeholder_key();
    let mut rest = html;
    while let Some(start) = rest.find('\u{E000}') {
        out.push_str(&rest[..start]);
        let inner_start = start + '\u{E000}'.len_utf8();
        let component = rest[inner_start..].find('\u{E001}').and_then(|len| {
            let inner = &rest[inner_start..inner_start + len];
            let n: usize = inner.strip_prefix(key)?.strip_prefix(':')?.parse().ok()?;
            Some((components.get(n)?, inner_start + len + '\u{E001}'.len_utf8()))
        });
        match component {
            Some((html, end)) => {
                out.push_str(html);
                rest = &rest[end..];
            }
            None => rest = &rest[inner_start..],
        }
    }
    out.push_str(rest);
    out.retain(|c| !is_placeholder_char(c));
    // A placeholder inside a paragraph leaves it empty around the component.
    out.replace("<p></p>\n", "")
}

/// What raw HTML in Markdown may keep: the tags Markdown itself produces, plus `lang`
/// for foreign-language passages. Never `svg`, `math`, scripts, styles or event handlers.
fn sanitiser() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "lang", "dir", "title"])
        .add_tags(["input", "details", "summary", "section", "figure", "figcaption", "mark"])
        .add_tag_attributes("input", ["type", "disabled", "checked"])
        .rm_tags(["svg", "math"])
        .link_rel(Some("noopener"));
    b
}

/// `to` (below `content/`) written relative to the folder `from` (below `content/`).
fn relative_to(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out: Vec<String> = vec!["..".to_string(); from.len() - common];
    out.extend(to_parts[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_inside_content() {
        assert_eq!(normalise(Path::new("a/./b/../c.md")), Some(PathBuf::from("a/c.md")));
        assert_eq!(normalise(Path::new("a/../../c.md")), None);
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("../a.md"));
        assert!(!has_scheme("a.md#x:y"));
    }
}
