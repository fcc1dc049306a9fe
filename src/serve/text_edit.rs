//! The quick path of a preview rebuild: an editor saved the text of explainers and
//! nothing else changed. Only the files that show that text are made again: the page,
//! its embed page and oEmbed, its broadcast files and the desk, the search shards its
//! words fall in and the feeds that carry it. Lists, terms, related blocks and the
//! sitemap show none of the text, so they stay as they are.
//!
//! Anything more (a new, deleted or renamed file, front matter, a heading, a different
//! reading time, a problem in the text) returns `None`, and the whole site is rebuilt.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::{self, CONTENT_DIR};
use crate::outputs::{Kept, Output};
use crate::render::markdown::{self, Origin};
use crate::render::templates::Templates;
use crate::render::RenderedSite;
use crate::site::Site;
use crate::text::reading_minutes;

/// More edited pages than this at once are rebuilt with the whole site.
const MAX_PAGES: usize = 16;

/// The last good build, kept between rebuilds: each language's site (the default
/// first), and the templates.
pub struct Snapshot {
    pub languages: Vec<(Site, RenderedSite, Kept)>,
    pub templates: Templates,
}

/// The files to serve anew after the text of the pages in `changed` was saved, or
/// `None` when the change needs a full rebuild.
pub fn files(root: &Path, snapshot: &mut Snapshot, changed: &[PathBuf]) -> Option<Vec<Output>> {
    // Lists shared by the pages (the desk, feeds) are made once per edited page: for a
    // checkout that touches many pages, one whole build is quicker.
    if changed.len() > MAX_PAGES {
        return None;
    }
    // Each language's edits are made with its own site (a translation is
    // `name.<code>.md`); an edit to two languages at once is rebuilt whole.
    let Snapshot { languages, templates } = snapshot;
    let config = &languages.first()?.0.config;
    let mut which = changed.iter().map(|p| content::language_of(p, &config.languages));
    let l = which.next()?;
    if which.any(|other| other != l) {
        return None;
    }
    let (site, rendered, kept) = languages.get_mut(l)?;
    let edits = read_edits(root, site, changed)?;
    let rate = site.config.reading_speed;
    let mut bodies = Vec::new();
    for (i, body) in edits {
        let page = &site.pages[i];
        let dir = page.source.rel.parent().unwrap_or(Path::new(""));
        let origin = Origin { file: &page.source.file, dir, body_line: page.source.body_line, page: Some(i) };
        let (new, anchor_links, diagnostics) = markdown::render(site, &origin, &body);
        let old = &rendered.pages[i];
        let same_shape = new.anchors == old.anchors
            && reading_minutes(new.syllables, rate) == reading_minutes(old.syllables, rate);
        // Edited pages keep their anchors, so those of the last build are the ones to
        // check `#anchor` links against.
        let anchors_found = anchor_links.iter().all(|link| {
            let page = link.page.as_ref().map(|rel| site.page_by_source.get(rel));
            page.is_none_or(|p| p.is_some_and(|&p| rendered.pages[p].anchors.contains(&link.anchor)))
        });
        if !diagnostics.is_empty() || !same_shape || !anchors_found {
            return None;
        }
        bodies.push((i, body, new));
    }
    let edited: Vec<usize> = bodies.iter().map(|(i, _, _)| *i).collect();
    for (i, body, new) in bodies {
        site.pages[i].source.body = body;
        rendered.pages[i] = std::sync::Arc::new(new);
        rendered.keys[i] = crate::render::markdown_key(&rendered.table, site, i);
    }
    // Files shared by several edited pages (the desk, a feed) come out once per page;
    // the last is made with every edit in place.
    let mut by_path: HashMap<String, Output> = HashMap::new();
    for i in edited {
        let (outputs, diagnostics) = crate::outputs::body_edit(site, rendered, templates, kept, i);
        if !diagnostics.is_empty() {
            return None;
        }
        by_path.extend(outputs.into_iter().map(|o| (o.path.clone(), o)));
    }
    Some(by_path.into_values().collect())
}

/// The saved pages whose text, and only their text, changed: `(page, new body)`.
fn read_edits(root: &Path, site: &Site, changed: &[PathBuf]) -> Option<Vec<(usize, std::sync::Arc<str>)>> {
    // The watcher reports absolute paths.
    let content_dir = std::path::absolute(root.join(CONTENT_DIR)).ok()?;
    let mut edits = Vec::new();
    for path in changed {
        let rel = content::nfc_path(path.strip_prefix(&content_dir).ok()?);
        let &i = site.page_by_source.get(&rel)?;
        if site.pages[i].source.rel != rel {
            // A translation found by its original's name: the original changed.
            return None;
        }
        let old = &site.pages[i].source;
        let (new, diagnostics) = content::read_source(old.file.clone(), old.rel.clone(), &site.config);
        let new = new?;
        if !diagnostics.is_empty() || new.front != old.front || new.body_line != old.body_line {
            return None;
        }
        if new.body != old.body {
            edits.push((i, new.body));
        }
    }
    Some(edits)
}
