//! Output channels: each module turns the site into files (relative path, bytes) and
//! puts each into a [`Sink`] as soon as it is made, without touching the disk itself.
//! A new channel is one new module and one line in [`all`].

pub mod aliases;
pub mod broadcast;
pub mod embed;
pub mod feeds;
pub mod files;
pub mod html;
pub mod pictures;
pub mod search;
pub mod sitemap;

use std::path::PathBuf;
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lock;
use crate::messages::Message;
use crate::render::templates::Templates;
use crate::render::RenderedSite;
use crate::site::Site;

/// What a file's bytes are.
#[derive(Debug, Clone)]
pub enum Body {
    /// Made by loa; shared, not copied, with the preview's memo of the same file.
    Bytes(std::sync::Arc<Vec<u8>>),
    /// Copied from this file as it is (images, static files).
    Copy(PathBuf),
    /// What the last `loa build` wrote at this path, rendered from the same inputs: the
    /// build cache leaves the file as it is (see `render::memo::CacheKeys`).
    Unchanged,
}

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct Output {
    /// A safe path inside the output folder (`hieu-dung/cds/index.html`).
    pub path: String,
    pub body: Body,
}

impl Output {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Output {
        Output { path: path.into(), body: Body::Bytes(std::sync::Arc::new(bytes.into())) }
    }
}

/// Sorts rendered files from problems: a channel reports every failed file, not the first.
pub fn collect(results: impl IntoIterator<Item = Result<Output, Diagnostic>>) -> (Vec<Output>, Diagnostics) {
    let mut outputs = Vec::new();
    let mut diagnostics = Diagnostics::new();
    for result in results {
        match result {
            Ok(o) => outputs.push(o),
            Err(d) => diagnostics.push(d),
        }
    }
    (outputs, diagnostics)
}

/// Where the channels put each file as soon as it is made: into the staging folder
/// (`loa build`), into memory (`loa serve`) or nowhere (`loa check`), so a build never
/// holds the whole site's files at once. The first file put on a path wins (generated
/// pages come before static files); paths are compared without case, as Windows and
/// macOS file systems do.
pub struct Sink<'a> {
    keep: &'a (dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
    seen: Mutex<FxHashSet<String>>,
    problems: Mutex<Diagnostics>,
}

impl<'a> Sink<'a> {
    pub fn new(keep: &'a (dyn Fn(Output) -> Result<(), Diagnostic> + Sync)) -> Sink<'a> {
        Sink { keep, seen: Mutex::default(), problems: Mutex::default() }
    }

    /// A made file, or the problem that kept it from being made.
    pub fn put(&self, result: Result<Output, Diagnostic>) {
        if result.as_ref().map_or(true, |o| self.claim(&o.path)) {
            self.keep_claimed(result);
        }
    }

    pub fn put_all(&self, outputs: impl IntoIterator<Item = Output>) {
        outputs.into_iter().for_each(|o| self.put(Ok(o)));
    }

    /// Files of which the earlier wins a path they share (static files over page
    /// assets; a taxonomy page over the search page): paths claimed in order, files
    /// then kept in parallel.
    pub fn put_in_order(&self, results: Vec<Result<Output, Diagnostic>>) {
        let claimed: Vec<_> =
            results.into_iter().filter(|r| r.as_ref().map_or(true, |o| self.claim(&o.path))).collect();
        claimed.into_par_iter().for_each(|r| self.keep_claimed(r));
    }

    fn keep_claimed(&self, result: Result<Output, Diagnostic>) {
        if let Err(d) = result.and_then(self.keep) {
            lock(&self.problems).push(d);
        }
    }

    fn claim(&self, path: &str) -> bool {
        let key = if path.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            path.to_lowercase()
        } else {
            path.to_string()
        };
        lock(&self.seen).insert(key)
    }

    /// How many files were put, and every problem met.
    pub fn finish(self) -> (usize, Diagnostics) {
        let files = self.seen.into_inner().unwrap_or_else(|e| e.into_inner()).len();
        (files, self.problems.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}

/// What a build keeps besides its files, so `loa serve` can redo only the part of each
/// channel that an edit to one page's text touched.
pub struct Kept {
    pub values: html::Values,
    search: Option<search::Index>,
    desk: broadcast::Desk,
}

impl Kept {
    /// Forgets what only a later quick update would need (the search postings): a
    /// build that is done with a language keeps its memory for the next.
    pub fn lighten(&mut self) {
        self.search = None;
    }
}

/// What the channels remember between rebuilds (`loa serve`), by the hash of their
/// inputs: each page's broadcast files and its search tokens.
#[derive(Default)]
pub struct ChannelMemo {
    pub broadcast: crate::render::memo::Store<broadcast::PageFiles>,
    pub search: crate::render::memo::Store<search::Tokens>,
}

impl ChannelMemo {
    /// A build starts (see [`crate::render::memo::Store::turn`]).
    pub fn turn(&self) {
        self.broadcast.turn();
        self.search.turn();
    }
}

/// Where the channels remember their work: the preview's memo, or for search tokens
/// the build cache's pack; nowhere by default.
#[derive(Clone, Copy, Default)]
pub struct Remembered<'a> {
    pub broadcast: Option<&'a crate::render::memo::Store<broadcast::PageFiles>>,
    pub tokens: Option<&'a dyn crate::render::memo::Remember<search::Tokens>>,
}

impl<'a> Remembered<'a> {
    /// All of the preview's memo.
    pub fn memo(memo: &'a ChannelMemo) -> Remembered<'a> {
        Remembered { broadcast: Some(&memo.broadcast), tokens: Some(&memo.search) }
    }
}

/// Every file of the site, from every channel, into `sink`; with `pages_only` (the
/// editor's live preview), only the portal's pages and the broadcast files, whose
/// problems the editor is shown: embeds, search and feeds are left unmade (the pages
/// are the same either way).
pub fn all(
    site: &Site,
    rendered: &RenderedSite,
    templates: &mut Templates,
    t: &crate::timings::Timings,
    sink: &Sink,
    pages_only: bool,
    memo: Remembered,
) -> Kept {
    // The static files and the files beside the pages are shared by every language:
    // the default language (at the site's root) writes them.
    let root = site.config.language_path.is_empty();
    let mut files = Vec::new();
    if root {
        let (made, fingerprints, links) = t.stage("static files", || files::outputs(site));
        for link in links {
            sink.put(Err(Diagnostic::warning(Message::LinkSkipped)
                .in_file(link)
                .help(Message::HelpLinkSkipped)));
        }
        templates.set_fingerprints(fingerprints);
        files = made;
    }
    let values = t.stage("template data", || html::build_values(site, rendered));
    enter_language(site, templates, &values, files.iter().map(|f| f.path.clone()));
    let templates = &*templates;
    t.stage("portal pages", || html::outputs(site, rendered, templates, &values, sink));
    let writes = |output: &str| site.config.writes(output);
    if writes("embed") && !pages_only {
        t.stage("embeds and oEmbed", || embed::outputs(site, rendered, templates, &values, sink));
    }
    let mut desk = broadcast::Desk::default();
    if writes("broadcast") {
        desk = t.stage("broadcast", || broadcast::outputs(site, templates, sink, memo.broadcast));
    }
    t.stage("aliases", || sink.put_all(aliases::outputs(site)));
    let mut search = None;
    if writes("search") && !pages_only {
        let index = t.stage("search index", || search::Index::new(site, rendered, memo.tokens));
        t.stage("search files", || index.outputs(site, rendered, sink));
        search = Some(index);
    }
    if (writes("feeds") || writes("site_feed")) && !pages_only {
        t.stage("feeds", || feeds::outputs(site, rendered, sink));
    }
    t.stage("copy static files", || sink.put_in_order(files.into_iter().map(Ok).collect()));
    Kept { values, search, desk }
}

/// Makes the templates render `site`'s language: its words and lists (`config`, `site`,
/// `t`, …) and, on a multilingual site, where `url()` leads (`statics`: the shared
/// static files, given once).
fn enter_language(
    site: &Site,
    templates: &mut Templates,
    values: &html::Values,
    statics: impl IntoIterator<Item = String>,
) {
    if site.config.multilingual() {
        templates.set_language(&site.config.language_path, statics);
    }
    templates.set_globals(html::globals(site, values));
}

/// The files that show page `i`'s text, after only its text changed (not its front
/// matter, headings or reading time; the caller checks): its portal page, embed page and
/// oEmbed, broadcast files and the desk, the search shards its words fall in and the
/// feeds that carry it. Lists, terms and related blocks show none of the text.
pub fn body_edit(
    site: &Site,
    rendered: &RenderedSite,
    templates: &mut Templates,
    kept: &mut Kept,
    i: usize,
) -> (Vec<Output>, Diagnostics) {
    if site.config.multilingual() {
        // The templates were left in the language rendered last.
        enter_language(site, templates, &kept.values, []);
    }
    let templates = &*templates;
    let writes = |output: &str| site.config.writes(output);
    let mut results = vec![html::page_output(site, rendered, templates, &kept.values, i).transpose()];
    if writes("embed") && site.pages[i].on(crate::content::Channel::Newspaper) {
        results.extend(embed::page_outputs(site, rendered, templates, &kept.values, i).map(Some));
    }
    let (mut outputs, mut diagnostics) = collect(results.into_iter().flatten());
    if writes("broadcast") {
        let (files, d) = kept.desk.update_body(site, templates, i);
        outputs.extend(files);
        diagnostics.extend(d);
    }
    if let Some(index) = &mut kept.search {
        outputs.extend(index.update_body(site, rendered, i));
    }
    if writes("feeds") || writes("site_feed") {
        outputs.extend(feeds::update_body(site, rendered, i));
    }
    (outputs, diagnostics)
}
