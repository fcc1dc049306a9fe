//! Rendering: Markdown bodies to HTML (with components), and the Tera templates.
//!
//! Works on the assembled [`Site`]; writes nothing to disk.

pub mod components;
pub mod i18n;
pub mod markdown;
pub mod memo;
pub mod templates;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::site::Site;
pub use markdown::{Rendered, TocEntry};

/// The rendered bodies of every page and section, by the same indexes as in [`Site`].
#[derive(Debug)]
pub struct RenderedSite {
    /// Shared with the preview's memo (`Arc`), so it holds each body once.
    pub pages: Vec<std::sync::Arc<Rendered>>,
    pub sections: Vec<Rendered>,
    /// Per page, the hash of what its body was rendered from ([`markdown_key`]).
    pub keys: Vec<blake3::Hash>,
    /// The hash of what every body's links resolve against.
    pub table: blake3::Hash,
    /// Bodies rendered again by [`RenderedSite::page`], once each.
    again: Vec<std::sync::OnceLock<std::sync::Arc<Rendered>>>,
}

impl Default for RenderedSite {
    fn default() -> Self {
        RenderedSite {
            pages: Vec::new(),
            sections: Vec::new(),
            keys: Vec::new(),
            table: blake3::Hash::from_bytes([0; 32]),
            again: Vec::new(),
        }
    }
}

impl RenderedSite {
    /// Page `i`'s body, rendered: as kept, or rendered again now when the build cache
    /// gave only its facts (a page one of whose files is made again).
    pub fn page(&self, site: &Site, i: usize) -> std::sync::Arc<Rendered> {
        let kept = &self.pages[i];
        if !kept.facts_only {
            return kept.clone();
        }
        let render =
            || std::sync::Arc::new(markdown::render(site, &origin(site, i), &site.pages[i].source.body).0);
        match self.again.get(i) {
            Some(once) => once.get_or_init(render).clone(),
            None => render(),
        }
    }
}

/// Where page `i`'s body comes from.
fn origin(site: &Site, i: usize) -> markdown::Origin<'_> {
    let p = &site.pages[i];
    let dir = p.source.rel.parent().unwrap_or(std::path::Path::new(""));
    markdown::Origin { file: &p.source.file, dir, body_line: p.source.body_line, page: Some(i) }
}

/// The hash of what page `i`'s body is rendered from: the link table, its file, whether
/// it has a picture of its own above the body, and its Markdown. Two renders from the
/// same key give the same result. Not its place in the site's list: a page moved by a
/// date edit keeps its body.
pub fn markdown_key(table: &blake3::Hash, site: &Site, i: usize) -> blake3::Hash {
    let p = &site.pages[i];
    let mut h = blake3::Hasher::new();
    h.update(table.as_bytes());
    h.update(p.source.file.to_string_lossy().as_bytes());
    h.update(&[u8::from(p.source.front.image.is_some())]);
    h.update(&(p.source.body_line as u64).to_le_bytes());
    h.update(p.source.body.as_bytes());
    h.finalize()
}

/// What every page body's links resolve against, and whether bodies keep their words
/// for search: when it changes, every body is rendered again.
fn link_table_hash(site: &Site) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    let c = &site.config;
    let search = if c.writes("search") { "search" } else { "no search" };
    for part in
        [c.base_url.as_str(), c.language.as_str(), if c.unsafe_html { "unsafe" } else { "safe" }, search]
    {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    // In the order of their files, not of the site's list (which dates decide).
    let mut pages: Vec<&crate::site::Page> = site.pages.iter().collect();
    pages.sort_unstable_by(|a, b| a.source.rel.cmp(&b.source.rel));
    for p in pages {
        h.update(p.source.rel.to_string_lossy().as_bytes());
        h.update(p.path.as_bytes());
        // Of the channels, bodies show only whether a page is on the portal (a link to
        // a page off it is told; so is a picture without a description on it).
        h.update(&[u8::from(p.on(crate::content::Channel::Portal))]);
        h.update(&[0]);
    }
    for s in &site.sections {
        h.update(s.dir.to_string_lossy().as_bytes());
        h.update(s.path.as_bytes());
        h.update(&[0]);
    }
    let mut assets: Vec<_> = site.asset_by_source.iter().collect();
    assets.sort();
    for (rel, path) in assets {
        h.update(rel.to_string_lossy().as_bytes());
        h.update(path.as_bytes());
        h.update(&[0]);
    }
    if c.multilingual() {
        // Links of a translation also lead to the original's pages, and root links to
        // any language's addresses.
        let mut fallback: Vec<_> = site.fallback.iter().collect();
        fallback.sort();
        for (rel, path) in fallback {
            h.update(rel.to_string_lossy().as_bytes());
            h.update(path.as_bytes());
            h.update(&[0]);
        }
        let mut keys: Vec<&String> = site.pages.iter().map(|p| &p.key).collect();
        keys.sort_unstable();
        for p in keys {
            h.update(p.as_bytes());
            h.update(&[0]);
        }
    }
    // A root link (`/chu-de/...`) is told when it leads nowhere: to none of the site's
    // addresses and no file in static/ (`Site::publishes`).
    let mut addresses: Vec<_> = site.addresses.iter().collect();
    addresses.sort();
    for a in addresses {
        h.update(a.as_bytes());
        h.update(&[0]);
    }
    let statics = walkdir::WalkDir::new(site.root.join("static")).sort_by_file_name();
    for entry in statics.into_iter().flatten() {
        h.update(entry.path().to_string_lossy().as_bytes());
        h.update(&[u8::from(entry.file_type().is_file())]);
    }
    // A page shows its pictures' copies by a hash of their bytes: a changed picture
    // changes every page that shows it.
    let mut pictures: Vec<_> = site.pictures.by_path.iter().map(|(p, pic)| (p, &pic.key)).collect();
    pictures.sort();
    for (path, key) in pictures {
        h.update(path.as_bytes());
        h.update(key.as_bytes());
        h.update(&[0]);
    }
    let mut unpublished: Vec<_> = site.unpublished.iter().collect();
    unpublished.sort();
    for rel in unpublished {
        h.update(rel.to_string_lossy().as_bytes());
        h.update(&[0]);
    }
    h.finalize()
}

/// Renders every page and section body in parallel, then checks `#anchor` links. With a
/// memo, bodies whose text and link table did not change are not rendered again.
pub fn render_site(
    site: &Site,
    memo: Option<&dyn memo::Remember<memo::MarkdownResult>>,
) -> (RenderedSite, Diagnostics) {
    let table = link_table_hash(site);
    let pages: Vec<_> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let origin = origin(site, i);
            let render = || {
                let (rendered, anchors, diagnostics) = markdown::render(site, &origin, &p.source.body);
                (std::sync::Arc::new(rendered), anchors, diagnostics)
            };
            let key = markdown_key(&table, site, i);
            let result = match memo {
                Some(memo) => memo.remember(key, &render),
                None => render(),
            };
            (key, result)
        })
        .collect();
    let sections: Vec<_> = site
        .sections
        .par_iter()
        .map(|s| match &s.source {
            Some(src) => {
                let origin =
                    markdown::Origin { file: &src.file, dir: &s.dir, body_line: src.body_line, page: None };
                markdown::render(site, &origin, &src.body)
            }
            None => Default::default(),
        })
        .collect();

    let mut diagnostics = Diagnostics::new();
    let mut anchor_links = Vec::new();
    let mut rendered = RenderedSite { table, ..RenderedSite::default() };
    for (i, (key, (r, anchors, d))) in pages.into_iter().enumerate() {
        diagnostics.extend(d);
        anchor_links.extend(anchors.into_iter().map(|a| (site.pages[i].source.file.clone(), a)));
        rendered.pages.push(r);
        rendered.keys.push(key);
        rendered.again.push(std::sync::OnceLock::new());
    }
    for (r, _, d) in sections {
        diagnostics.extend(d);
        rendered.sections.push(r);
    }
    for (file, link) in anchor_links {
        let Some(&page) = link.page.as_ref().and_then(|rel| site.page_by_source.get(rel)) else { continue };
        let anchors = &rendered.pages[page].anchors;
        if !anchors.contains(&link.anchor) {
            let mut known: Vec<&str> = anchors.iter().map(String::as_str).collect();
            known.sort_unstable();
            let help = match crate::text::closest(&link.anchor, &known, 3) {
                Some(s) => Message::DidYouMean { suggestion: s.to_string() },
                None => Message::HelpKnownAnchors { anchors: known.join(", ") },
            };
            diagnostics.push(
                Diagnostic::error(Message::LinkMissingAnchor { target: link.written, anchor: link.anchor })
                    .in_file(file)
                    .at(link.span)
                    .help(help),
            );
        }
    }
    (rendered, diagnostics)
}
