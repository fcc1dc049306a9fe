//! Rendering: Markdown bodies to HTML (with components), and the Tera templates.
//!
//! Works on the assembled [`Site`]; writes nothing to disk.

pub mod components;
pub mod markdown;
pub mod templates;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::site::Site;
pub use markdown::{Rendered, TocEntry};

/// The rendered bodies of every page and section, by the same indexes as in [`Site`].
#[derive(Debug, Default)]
pub struct RenderedSite {
    pub pages: Vec<Rendered>,
    pub sections: Vec<Rendered>,
}

/// Renders every page and section body in parallel, then checks `#anchor` links.
pub fn render_site(site: &Site) -> (RenderedSite, Diagnostics) {
    let pages: Vec<_> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let dir = p.source.rel.parent().unwrap_or(std::path::Path::new(""));
            let origin =
                markdown::Origin { file: &p.source.file, dir, body_line: p.source.body_line, page: Some(i) };
            markdown::render(site, &origin, &p.source.body)
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
    let mut rendered = RenderedSite::default();
    for (i, (r, anchors, d)) in pages.into_iter().enumerate() {
        diagnostics.extend(d);
        anchor_links.extend(anchors.into_iter().map(|a| (site.pages[i].source.file.clone(), a)));
        rendered.pages.push(r);
    }
    for (r, _, d) in sections {
        diagnostics.extend(d);
        rendered.sections.push(r);
    }
    for (file, link) in anchor_links {
        let Some(page) = link.page else { continue };
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
