//! The site graph: sections, pages, taxonomies and URLs, assembled from the content.
//!
//! Decides what is published (drafts, future and expired pages are left out), where every
//! item lives and in which order lists show them. Renders nothing and writes nothing.

pub mod languages;
pub mod urls;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::{SiteConfig, TaxonomyConfig};
use crate::content::{Channel, Content, Source};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{LeftOut, Message};
use crate::text::{collation_key, slugify};
pub use urls::{safe_output_path, Urls};

#[derive(Debug)]
pub struct Page {
    pub source: Source,
    pub slug: String,
    /// The page's folder inside the site, ending with `/` (`hieu-dung/cds-la-gi/`).
    pub path: String,
    pub section: usize,
    /// Where the page stands in its section's list.
    pub position: usize,
    /// For each taxonomy (in site.yaml order), the indexes of this page's terms.
    pub terms: Vec<Vec<usize>>,
    /// What pairs it with its translations: `translation_key:`, else its path below
    /// `content/` without the language code (`hieu-dung/a.md`).
    pub key: String,
}

#[derive(Debug)]
pub struct Section {
    /// The `_index.md`, when the folder has one.
    pub source: Option<Source>,
    /// The folder below `content/` (`""` for the home page).
    pub dir: PathBuf,
    pub title: String,
    /// `""` for the home page, else `hieu-dung/`.
    pub path: String,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Published pages, in list order.
    pub pages: Vec<usize>,
}

#[derive(Debug)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// `chu-de/du-lieu/`
    pub path: String,
    pub pages: Vec<usize>,
}

#[derive(Debug)]
pub struct Taxonomy {
    pub config: TaxonomyConfig,
    /// `chu-de/`
    pub path: String,
    /// In Vietnamese alphabetical order.
    pub terms: Vec<Term>,
}

/// A redirect from an old address to a page.
#[derive(Debug)]
pub struct Alias {
    /// A safe path inside the site, without slashes at either end.
    pub path: String,
    pub page: usize,
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct CopiedFile {
    pub file: PathBuf,
    /// A safe path inside the output folder.
    pub path: String,
}

#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub urls: Urls,
    /// Published pages, newest first (then by weight, then title).
    pub pages: Vec<Page>,
    /// `sections[0]` is the home page.
    pub sections: Vec<Section>,
    pub taxonomies: Vec<Taxonomy>,
    pub aliases: Vec<Alias>,
    /// Files beside the pages, copied with them.
    pub assets: Vec<CopiedFile>,
    pub left_out: Vec<(LeftOut, PathBuf)>,
    /// Source paths below `content/` of the pages left out, so links to them can be
    /// dropped with a warning rather than break every build the day a page expires.
    pub unpublished: HashSet<PathBuf>,
    /// Source path below `content/` → page index, for links written as file paths.
    pub page_by_source: HashMap<PathBuf, usize>,
    /// Source path below `content/` of every asset → its output path.
    pub asset_by_source: HashMap<PathBuf, String>,
    /// The next moment a page becomes due or expires, which changes the site.
    pub next_change: Option<jiff::Timestamp>,
    /// Every address of a page, section, term, alias and file beside the pages, without
    /// slashes at either end, for checking links written from the site's root.
    pub addresses: HashSet<String>,
    /// In a translation: where the default language's pages and sections are, by their
    /// path below `content/`, for links to pages this language has not translated.
    pub fallback: HashMap<PathBuf, String>,
    /// Each page's and section's versions in the site's languages (multilingual sites).
    pub translations: languages::Translations,
    /// The JPEGs and PNGs beside the pages, planned for resizing (filled by
    /// [`crate::images::plan`] before the Markdown is rendered; shared by every language).
    pub pictures: std::sync::Arc<crate::images::Table>,
}

/// What `build` was asked for that changes which pages are published.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection {
    pub drafts: bool,
    /// The moment that decides what is future or expired (default: now).
    pub now: Option<jiff::Timestamp>,
    /// For a report over a period: pages that expired after this moment were live in
    /// the period and stay in (default: `now`, as a build sees it).
    pub live_since: Option<jiff::Timestamp>,
}

impl Site {
    fn collect_addresses(&self) -> HashSet<String> {
        let trim = |p: &str| p.trim_matches('/').to_string();
        let mut all: HashSet<String> = HashSet::new();
        all.extend(self.pages.iter().map(|p| trim(&p.path)));
        all.extend(self.sections.iter().filter(|s| self.shows(s)).map(|s| trim(&s.path)));
        for t in &self.taxonomies {
            all.insert(trim(&t.path));
            all.extend(t.terms.iter().map(|term| trim(&term.path)));
        }
        all.extend(self.aliases.iter().map(|a| trim(&a.path)));
        all.extend(self.assets.iter().map(|a| trim(&a.path)));
        all
    }

    /// Whether a link written from the site's root (`/hieu-dung/a/`) reaches something:
    /// a page, section, term, alias or file of the site, a file in `static/`, or a file
    /// a build writes (feeds, search, broadcast desk, embeds).
    pub fn publishes(&self, href: &str) -> bool {
        let path = href.split(['?', '#']).next().unwrap_or(href);
        let path = crate::text::percent_decode(path);
        let path = path.trim_matches('/');
        let path = path.strip_suffix("index.html").unwrap_or(path).trim_end_matches('/');
        // A language's own search page, desk and feeds are as generated as the default's.
        let own = self
            .config
            .languages
            .iter()
            .skip(1)
            .find_map(|l| {
                if path == l.path.trim_end_matches('/') {
                    Some("")
                } else {
                    path.strip_prefix(&l.path)
                }
            })
            .unwrap_or(path);
        let generated = own.is_empty()
            || [".xml", ".json", ".txt", ".vtt", ".js", ".css", ".svg", ".ico"]
                .iter()
                .any(|e| own.ends_with(e))
            || ["search", "broadcast", "embed", "404.html"]
                .iter()
                .any(|g| own == *g || own.starts_with(&format!("{g}/")))
            || own.ends_with("/embed");
        generated || self.addresses.contains(path) || self.root.join("static").join(path).is_file()
    }
}

impl Page {
    /// May this page go to `channel`?
    pub fn on(&self, channel: Channel) -> bool {
        self.source.front.channels.contains(channel)
    }
}

impl Site {
    pub fn assemble(
        root: &Path,
        config: SiteConfig,
        content: Content,
        selection: Selection,
    ) -> (Site, Diagnostics) {
        Site::assemble_language(root, config, content, selection, None)
    }

    /// One language of the site; a translation (`default` given) shares the default
    /// language's files beside the pages and falls back to its pages in links.
    pub fn assemble_language(
        root: &Path,
        config: SiteConfig,
        content: Content,
        selection: Selection,
        default: Option<&Site>,
    ) -> (Site, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let prefix = config.language_path.clone();
        let languages = config.languages.clone();
        let urls = Urls::new(&config.base_url);
        let now = selection.now.unwrap_or_else(jiff::Timestamp::now);
        let live_since = selection.live_since.unwrap_or(now);
        let content_dir = root.join(crate::content::CONTENT_DIR);

        let mut sections = build_sections(&content.folders, content.section_files, &prefix, &mut diagnostics);
        if let Some(default) = default {
            // A section this language has no `_index` file for keeps the default title.
            for s in sections.iter_mut().filter(|s| s.source.is_none()) {
                if let Some(d) = default.sections.iter().find(|d| d.dir == s.dir) {
                    s.title.clone_from(&d.title);
                }
            }
        }

        let mut left_out = Vec::new();
        let mut unpublished = HashSet::new();
        let mut pages = Vec::new();
        let mut next_change: Option<jiff::Timestamp> = None;
        for source in content.pages {
            let f = &source.front;
            for moment in [f.date, f.expires].into_iter().flatten().map(|d| d.timestamp) {
                if moment > now && next_change.is_none_or(|t| moment < t) {
                    next_change = Some(moment);
                }
            }
            let reason = if f.draft && !selection.drafts {
                Some(LeftOut::Draft)
            } else if f.date.is_some_and(|d| d.timestamp > now) {
                Some(LeftOut::Future)
            } else if f.expires.is_some_and(|d| d.timestamp <= live_since) {
                Some(LeftOut::Expired)
            } else {
                None
            };
            if let Some(reason) = reason {
                left_out.push((reason, source.file.clone()));
                unpublished.insert(source.rel.clone());
                continue;
            }
            let dir = source.rel.parent().map(Path::to_path_buf).unwrap_or_default();
            let section = sections.iter().position(|s| s.dir == dir).unwrap_or(0);
            let base = crate::content::without_language(&source.rel, &languages);
            let stem = base.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            // A translation's address follows its own title, in its own language.
            let named_by = match (&f.slug, default.is_some()) {
                (Some(slug), _) => slug.as_str(),
                (None, true) => f.title.as_str(),
                (None, false) => stem.as_str(),
            };
            let slug = match default {
                Some(_) => crate::text::slugify_translated(named_by),
                None => slugify(named_by),
            };
            if slug.is_empty() {
                diagnostics.push(
                    Diagnostic::error(Message::EmptySlug { title: named_by.to_string() })
                        .in_file(&source.file)
                        .help(Message::HelpSetSlug),
                );
                continue;
            }
            let path = format!("{}{slug}/", sections[section].path);
            let key = f.translation_key.clone().unwrap_or_else(|| base.to_string_lossy().replace('\\', "/"));
            pages.push(Page { source, slug, path, section, position: 0, terms: Vec::new(), key });
        }

        pages.sort_by_cached_key(|p| {
            let f = &p.source.front;
            (std::cmp::Reverse(f.date), f.weight.unwrap_or(0), collation_key(&f.title), p.source.rel.clone())
        });
        // Lists, menus and neighbours are portal pages: a page kept off the portal has
        // no page there to link to, though its other channels still work.
        for (i, page) in pages.iter_mut().enumerate() {
            if page.on(Channel::Portal) {
                page.position = sections[page.section].pages.len();
                sections[page.section].pages.push(i);
            }
        }
        let taxonomies = build_taxonomies(&config, &prefix, &mut pages, &mut diagnostics);

        let mut aliases = Vec::new();
        for (i, page) in pages.iter().enumerate() {
            for (alias, span) in &page.source.front.aliases {
                match safe_output_path(&crate::text::percent_decode(alias)) {
                    Some(path) => aliases.push(Alias { path, page: i }),
                    None => diagnostics.push(
                        Diagnostic::error(Message::UnsafeAlias { alias: alias.clone() })
                            .in_file(&page.source.file)
                            .at_opt(*span)
                            .help(Message::HelpAlias),
                    ),
                }
            }
        }

        let mut asset_by_source = HashMap::new();
        let mut assets = Vec::new();
        for asset in content.assets {
            let dir = asset.rel.parent().map(Path::to_path_buf).unwrap_or_default();
            let section_path = sections.iter().find(|s| s.dir == dir).map_or("", |s| s.path.as_str());
            let name = asset.rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if let Some(kind) = not_the_image_it_says(&asset.file) {
                diagnostics.push(
                    // A JPEG or PNG is made into copies, which it cannot be: an error.
                    Diagnostic {
                        severity: match crate::images::is_raster(&asset.file) {
                            true => crate::diagnostics::Severity::Error,
                            false => crate::diagnostics::Severity::Warning,
                        },
                        ..Diagnostic::warning(Message::NotAnImage { name: name.clone(), kind })
                    }
                    .in_file(&asset.file)
                    .help(Message::HelpNotAnImage),
                );
            }
            if let Some(path) = safe_output_path(&format!("{section_path}{name}")) {
                asset_by_source.insert(asset.rel.clone(), path.clone());
                assets.push(CopiedFile { file: asset.file, path });
            }
        }
        if let Some(default) = default {
            // One copy of each picture serves every language.
            asset_by_source.clone_from(&default.asset_by_source);
        }
        // A page's own picture (`image:`) must be there, beside it or under static/, and
        // described on the portal (screen readers say the description).
        for page in &pages {
            let f = &page.source.front;
            if f.image.is_some()
                && f.image_alt.as_deref().is_none_or(|a| a.trim().is_empty())
                && page.on(Channel::Portal)
            {
                diagnostics.push(
                    Diagnostic::error(Message::ImageWithoutAlt)
                        .in_file(&page.source.file)
                        .at_opt(f.image_span)
                        .help(Message::HelpImageAltKey),
                );
            }
            let Some(image) = f.image.as_deref().filter(|i| !i.contains("://") && !i.starts_with('/')) else {
                continue;
            };
            let dir = page.source.rel.parent().unwrap_or(Path::new(""));
            if !asset_by_source.contains_key(&dir.join(image)) {
                diagnostics.push(
                    Diagnostic::error(Message::ImageMissing { image: image.to_string() })
                        .in_file(&page.source.file)
                        .at_opt(f.image_span)
                        .help(Message::HelpImageMissing),
                );
            }
        }

        // A translation answers to its own file name and to its original's (by name or
        // `translation_key`), so links written in the original still lead to it.
        let mut page_by_source: HashMap<PathBuf, usize> = HashMap::new();
        for (i, p) in pages.iter().enumerate() {
            page_by_source.insert(p.source.rel.clone(), i);
            // `p.key` is the original's path: its own file name without the language
            // code, or `translation_key:`.
            page_by_source.entry(PathBuf::from(&p.key)).or_insert(i);
        }
        let site = Site {
            root: root.to_path_buf(),
            config,
            urls,
            pages,
            sections,
            taxonomies,
            aliases,
            assets,
            left_out,
            unpublished,
            page_by_source,
            next_change,
            asset_by_source,
            addresses: HashSet::new(),
            fallback: HashMap::new(),
            translations: Default::default(),
            pictures: Default::default(),
        };
        let mut site = site;
        site.addresses = site.collect_addresses();
        if let Some(default) = default {
            site.fallback = default.paths_by_source();
            // Links to originals left out of the build, or kept off the portal, are
            // dropped with a warning as in the original (unless translated here).
            site.unpublished.extend(default.unpublished.iter().cloned());
            let off_portal = default.pages.iter().filter(|p| !p.on(Channel::Portal));
            site.unpublished.extend(off_portal.map(|p| p.source.rel.clone()));
        }
        site.check_duplicate_urls(&content_dir, &mut diagnostics);
        for path in &site.config.featured {
            let rel = PathBuf::from(path.trim_start_matches('/'));
            // A translation leads with the featured pages it has.
            if default.is_none()
                && !site.page_by_source.contains_key(&rel)
                && !site.unpublished.contains(&rel)
            {
                diagnostics.push(
                    Diagnostic::error(Message::LinkMissingPage { target: path.clone() })
                        .in_file(root.join(crate::config::CONFIG_FILE))
                        .help(Message::HelpCheckPath),
                );
            }
        }
        (site, diagnostics)
    }

    /// Two items on one URL, or an item on an address loa writes itself (the search
    /// page, the broadcast desk, feeds, sitemap…): an error naming the file(s). Without
    /// it one of the two would be dropped or replaced in silence.
    fn check_duplicate_urls(&self, content_dir: &Path, diagnostics: &mut Diagnostics) {
        let config_file = self.root.join(crate::config::CONFIG_FILE);
        let mut seen: HashMap<String, Option<PathBuf>> = HashMap::new();
        let mut claim = |path: String, file: Option<PathBuf>, diagnostics: &mut Diagnostics| {
            // Case-insensitive file systems (Windows, macOS) hold one of two such paths.
            let key = path.trim_matches('/').to_lowercase();
            match (seen.get(&key), &file) {
                (None, _) => {
                    seen.insert(key, file);
                }
                (Some(Some(other)), Some(file)) => diagnostics.push(
                    Diagnostic::error(Message::DuplicateUrl {
                        url: self.urls.path(&path),
                        other: other.clone(),
                    })
                    .in_file(file)
                    .help(Message::HelpDuplicateUrl),
                ),
                (Some(None), Some(file)) | (Some(Some(file)), None) => diagnostics.push(
                    Diagnostic::error(Message::ReservedUrl { url: self.urls.path(&path) })
                        .in_file(file)
                        .help(Message::HelpDuplicateUrl),
                ),
                (Some(None), None) => {}
            }
        };
        // What loa writes itself comes first: `None` stands for loa.
        let c = &self.config;
        let here = c.language_path.as_str();
        let mut reserved: Vec<String> = vec![format!("{here}index.html")];
        if here.is_empty() {
            reserved.extend(["sitemap.xml", "robots.txt", "404.html"].map(String::from));
            // The other languages' folders.
            reserved.extend(c.languages.iter().skip(1).map(|l| l.path.clone()));
            if c.writes("embed") {
                reserved.push("embed.js".into());
            }
        }
        if c.writes("search") {
            reserved.push(format!("{here}search/"));
        }
        if c.writes("broadcast") {
            reserved.push(format!("{here}broadcast/"));
        }
        if c.writes("embed") {
            reserved.push(format!("{here}embed/latest/"));
        }
        if c.writes("feeds") {
            let lists =
                self.sections.iter().map(|s| s.path.as_str()).chain(self.taxonomies.iter().flat_map(|t| {
                    std::iter::once(t.path.as_str()).chain(t.terms.iter().map(|t| t.path.as_str()))
                }));
            for list in lists {
                reserved.extend(["atom.xml", "rss.xml", "feed.json"].map(|f| format!("{list}{f}")));
            }
        } else if c.writes("site_feed") {
            reserved.push(format!("{here}rss.xml"));
        }
        for p in &self.pages {
            for file in ["oembed.json", "broadcast.txt", "broadcast.vtt", "bulletin.txt", "embed/"] {
                reserved.push(format!("{}{file}", p.path));
            }
        }
        for path in reserved {
            claim(path, None, diagnostics);
        }
        for s in &self.sections {
            let file = s.source.as_ref().map_or_else(|| content_dir.join(&s.dir), |src| src.file.clone());
            claim(s.path.clone(), Some(file), diagnostics);
        }
        for p in &self.pages {
            claim(p.path.clone(), Some(p.source.file.clone()), diagnostics);
        }
        for t in &self.taxonomies {
            claim(t.path.clone(), Some(config_file.clone()), diagnostics);
        }
        for a in &self.aliases {
            claim(format!("{}/", a.path), Some(self.pages[a.page].source.file.clone()), diagnostics);
        }
        // A file beside the pages may not take the name of a list's or a page's file.
        let folders: Vec<&str> = self
            .sections
            .iter()
            .map(|s| s.path.as_str())
            .chain(self.pages.iter().map(|p| p.path.as_str()))
            .filter(|p| !p.is_empty())
            .collect();
        for folder in folders {
            claim(format!("{folder}index.html"), None, diagnostics);
        }
        for asset in &self.assets {
            claim(asset.path.clone(), Some(asset.file.clone()), diagnostics);
        }
    }

    pub fn home(&self) -> &Section {
        &self.sections[0]
    }

    /// The page before and after `page` in its section's list.
    pub fn neighbours(&self, page: usize) -> (Option<usize>, Option<usize>) {
        let list = &self.sections[self.pages[page].section].pages;
        let i = self.pages[page].position;
        let prev = i.checked_sub(1).map(|j| list[j]);
        (prev, list.get(i + 1).copied())
    }

    /// The sections from the home page down to `section`, for breadcrumbs.
    pub fn ancestors(&self, section: usize) -> Vec<usize> {
        let mut chain = vec![section];
        let mut current = section;
        while let Some(parent) = self.sections[current].parent {
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }

    /// Pages that share the most terms with `page`, for "related explainers". Looks at
    /// the newest `RELATED_SCAN` pages of each term, so the work per page stays the same
    /// however large the site grows (a term on half of 10,000 pages would otherwise make
    /// this quadratic).
    pub fn related(&self, page: usize, limit: usize) -> Vec<usize> {
        const RELATED_SCAN: usize = 200;
        // The newest pages of each of the page's terms, in site order as term lists are.
        let mut lists: Vec<&[usize]> = Vec::new();
        for (t, terms) in self.pages[page].terms.iter().enumerate() {
            for &term in terms {
                let pages = &self.taxonomies[t].terms[term].pages;
                lists.push(&pages[..pages.len().min(RELATED_SCAN)]);
            }
        }
        // Merged in site order, each page counted once per list it is in; the `limit`
        // pages sharing the most terms are kept, among equals the earlier (newer) one.
        let mut best: Vec<(usize, usize)> = Vec::with_capacity(limit + 1);
        while let Some(next) = lists.iter().filter_map(|l| l.first()).min().copied() {
            let mut shared = 0;
            for list in &mut lists {
                if list.first() == Some(&next) {
                    *list = &list[1..];
                    shared += 1;
                }
            }
            let at = best.partition_point(|&(n, _)| n >= shared);
            if next != page && at < limit {
                best.insert(at, (shared, next));
                best.truncate(limit);
            }
        }
        best.into_iter().map(|(_, p)| p).collect()
    }

    pub fn term_count(&self) -> usize {
        self.taxonomies.iter().map(|t| t.terms.len()).sum()
    }
}

fn build_sections(
    folders: &[PathBuf],
    files: Vec<Source>,
    prefix: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<Section> {
    let mut files: HashMap<PathBuf, Source> =
        files.into_iter().map(|s| (s.rel.parent().map(Path::to_path_buf).unwrap_or_default(), s)).collect();
    let mut folders: Vec<PathBuf> = folders.to_vec();
    if !folders.iter().any(|f| f.as_os_str().is_empty()) {
        folders.insert(0, PathBuf::new());
    }
    // Parents before children.
    folders.sort_by_key(|f| f.components().count());
    let mut sections: Vec<Section> = Vec::new();
    for dir in folders {
        let source = files.remove(&dir);
        let parent = dir.parent().and_then(|p| sections.iter().position(|s| s.dir == p));
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let title = source
            .as_ref()
            .map(|s| s.front.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| name.clone());
        let path = match parent {
            None => prefix.to_string(),
            Some(p) => {
                let slug_source = source.as_ref().and_then(|s| s.front.slug.clone()).unwrap_or(name.clone());
                let slug = slugify(&slug_source);
                if slug.is_empty() {
                    diagnostics.push(
                        Diagnostic::error(Message::EmptySlug { title: slug_source })
                            .help(Message::HelpSetSlug),
                    );
                    continue;
                }
                format!("{}{slug}/", sections[p].path)
            }
        };
        let index = sections.len();
        if let Some(p) = parent {
            sections[p].children.push(index);
        }
        sections.push(Section { source, dir, title, path, parent, children: Vec::new(), pages: Vec::new() });
    }
    // Menus list sections by weight, then in alphabetical order.
    let keys: Vec<_> = sections
        .iter()
        .map(|s| (s.source.as_ref().and_then(|src| src.front.weight).unwrap_or(0), collation_key(&s.title)))
        .collect();
    for s in &mut sections {
        s.children.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
    }
    sections
}

fn build_taxonomies(
    config: &SiteConfig,
    prefix: &str,
    pages: &mut [Page],
    diagnostics: &mut Diagnostics,
) -> Vec<Taxonomy> {
    let mut taxonomies = Vec::new();
    for (t, tc) in config.taxonomies.iter().enumerate() {
        let mut by_slug: HashMap<String, usize> = HashMap::new();
        // Where each term was first written: two names that fold to one address ("Thuê",
        // "Thuế") are an error, not silently one term; case alone does not count.
        let mut first_file: Vec<PathBuf> = Vec::new();
        let mut terms: Vec<Term> = Vec::new();
        let path = format!("{prefix}{}/", tc.slug);
        for (i, page) in pages.iter_mut().enumerate() {
            let mut mine = Vec::new();
            if !page.on(Channel::Portal) {
                page.terms.push(mine);
                continue;
            }
            for name in page.source.front.taxonomies.get(&tc.name).into_iter().flatten() {
                let slug = slugify(name);
                if slug.is_empty() {
                    continue;
                }
                let term = match by_slug.get(&slug) {
                    Some(&term) => {
                        let first = &terms[term].name;
                        if first.to_lowercase() != name.to_lowercase() {
                            diagnostics.push(
                                Diagnostic::error(Message::TermsCollide {
                                    taxonomy: tc.title.clone(),
                                    name: name.clone(),
                                    other: first.clone(),
                                    other_file: first_file[term].clone(),
                                })
                                .in_file(&page.source.file)
                                .help(Message::HelpTermsCollide),
                            );
                            continue;
                        }
                        term
                    }
                    None => {
                        terms.push(Term {
                            name: name.clone(),
                            path: format!("{path}{slug}/"),
                            slug: slug.clone(),
                            pages: Vec::new(),
                        });
                        first_file.push(Path::new(crate::content::CONTENT_DIR).join(&page.source.rel));
                        by_slug.insert(slug, terms.len() - 1);
                        terms.len() - 1
                    }
                };
                if !mine.contains(&term) {
                    mine.push(term);
                    terms[term].pages.push(i);
                }
            }
            debug_assert_eq!(page.terms.len(), t);
            page.terms.push(mine);
        }
        // Alphabetical order, then renumber the pages' term indexes to match.
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_by_cached_key(|&i| collation_key(&terms[i].name));
        let mut new_index = vec![0; terms.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        for page in pages.iter_mut() {
            for term in &mut page.terms[t] {
                *term = new_index[*term];
            }
        }
        let mut slots: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
        let terms = order.iter().filter_map(|&i| slots[i].take()).collect();
        taxonomies.push(Taxonomy { config: tc.clone(), path, terms });
    }
    taxonomies
}

/// What a file named like a picture really holds, when it is not a picture (told by its
/// first bytes, not its name): `None` for a picture, or a file that is not named as one.
pub(crate) fn not_the_image_it_says(file: &Path) -> Option<String> {
    let ext = file.extension()?.to_string_lossy().to_lowercase();
    if !matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "gif" | "webp" | "avif" | "svg") {
        return None;
    }
    let mut head = [0u8; 512];
    let n = std::io::Read::read(&mut std::fs::File::open(file).ok()?, &mut head).ok()?;
    let head = &head[..n];
    let picture = head.starts_with(&[0xFF, 0xD8, 0xFF])
        || head.starts_with(b"\x89PNG")
        || head.starts_with(b"GIF8")
        || head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP"
        || head.len() >= 12 && &head[4..8] == b"ftyp" && matches!(&head[8..12], b"avif" | b"avis")
        || String::from_utf8_lossy(head).contains("<svg");
    if picture {
        return None;
    }
    let kind = if head.starts_with(b"%PDF") {
        "PDF"
    } else if head.starts_with(b"PK") {
        "Word, Excel hoặc ZIP"
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "Word hoặc Excel cũ"
    } else if head.starts_with(b"II*") || head.starts_with(b"MM\0*") {
        "TIFF"
    } else if head.starts_with(b"BM") {
        "BMP"
    } else if head.len() >= 12 && &head[4..8] == b"ftyp" {
        "HEIC"
    } else {
        "?"
    };
    Some(kind.to_string())
}
