//! `loa build`: the stages in order, nothing else.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{LeftOut, Message};
use crate::outputs::{Kept, Output, Remembered, Sink};
use crate::publish::{ledger, Writer};
use crate::render::memo::{CacheKeys, MarkdownResult, Remember};
use crate::render::templates::Templates;
use crate::render::RenderedSite;
use crate::site::{Selection, Site};
use crate::unchanged;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Renders remembered from the previous build (`loa serve`).
    pub memo: Option<std::sync::Arc<crate::memo::Memo>>,
    /// Files read by the previous build (`loa serve`).
    pub reads: Option<std::sync::Arc<crate::content::ReadCache>>,
    /// Where the time goes (`--timings`), and the progress line on a terminal.
    pub timings: std::sync::Arc<crate::timings::Timings>,
    /// Leave the pictures unmade (`loa check` writes nothing; it reads their headers).
    pub no_pictures: bool,
    /// A page's file and the text the editor holds for it, unsaved: the live preview,
    /// which makes only the portal's pages and the broadcast files.
    pub unsaved: Option<(PathBuf, String)>,
    /// Build every file, without the build cache (`--no-cache`).
    pub no_cache: bool,
    /// The inputs of the pages the output folder already holds (set by [`build`]).
    pub html_keys: Option<std::sync::Arc<crate::render::memo::CacheKeys>>,
    /// Search tokens kept on disk (set by [`build`]).
    pub tokens: Option<std::sync::Arc<crate::pack::Pack<crate::outputs::search::Tokens>>>,
    /// What rendered bodies tell of their pages, kept on disk (set by [`build`]).
    pub bodies: Option<std::sync::Arc<crate::pack::Pack<MarkdownResult>>>,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub terms: usize,
    pub files: usize,
    pub seconds: f64,
    pub left_out: Vec<(LeftOut, PathBuf)>,
    /// Warnings (a failed build returns its errors instead).
    pub diagnostics: Diagnostics,
    pub language: String,
    /// Nothing changed since the last build, which had this many warnings; nothing was
    /// written.
    pub unchanged: Option<usize>,
}

impl BuildReport {
    pub fn summary(&self) -> Message {
        if let Some(warnings) = self.unchanged {
            return Message::NothingChanged { files: self.files, warnings };
        }
        Message::BuildSummary {
            pages: self.pages,
            sections: self.sections,
            terms: self.terms,
            files: self.files,
            seconds: self.seconds,
        }
    }
}

/// A failed build: every problem found, and the site's language when it was known.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Diagnostics,
    pub language: Option<String>,
}

/// One language of the site, assembled and rendered (a site without `languages:` has
/// one).
pub struct Language {
    pub site: Site,
    pub rendered: RenderedSite,
}

/// The templates, or the problems that kept them from loading.
type Loaded = Result<Templates, Diagnostics>;

/// Loads and assembles the site in each of its languages (the default first), and
/// loads the templates: everything before the Markdown is rendered. Fails only when
/// site.yaml does; the other problems come back with what could be made, so the bodies
/// are still rendered and every error of the run is listed.
pub fn assemble_stage(options: &BuildOptions) -> Result<(Vec<Site>, Loaded, Diagnostics), BuildFailure> {
    let root = &options.root;
    let t = &options.timings;
    if let Some(memo) = &options.memo {
        memo.start_build();
    }
    let (config, mut diagnostics) = t.stage("site.yaml", || SiteConfig::load(root));
    let fail = |diagnostics: Diagnostics, language: Option<String>| BuildFailure { diagnostics, language };
    let Some(mut config) = config else { return Err(fail(diagnostics, None)) };
    let language = Some(config.language.clone());
    if let Some(url) = &options.base_url {
        if let Err(d) = config.override_base_url(url) {
            diagnostics.push(d);
            return Err(fail(diagnostics, language));
        }
    }

    let (content, d) = t.stage("read content", || {
        crate::content::load(root, &config, options.reads.as_deref(), options.unsaved.as_ref())
    });
    diagnostics.extend(d);
    let urls = crate::site::Urls::new(&config.base_url);
    let templates = t.stage("load templates", || Templates::load(root, &config.theme, &urls));
    let selection = Selection { drafts: options.drafts, ..Selection::default() };
    let (mut sites, d) =
        t.stage("assemble site", || crate::site::languages::assemble_all(root, config, content, selection));
    diagnostics.extend(d);
    if let Some(default) = sites.first() {
        let assets: Vec<(PathBuf, String)> =
            default.assets.iter().map(|a| (a.file.clone(), a.path.clone())).collect();
        let (table, d) = t.stage("read pictures", || crate::images::plan(&assets, &default.config.images));
        diagnostics.extend(d);
        let table = std::sync::Arc::new(table);
        for site in &mut sites {
            site.pictures = std::sync::Arc::clone(&table);
        }
    }
    let templates = templates.map(|mut templates| {
        templates.set_memo(options.memo.as_ref().map(|m| m.render.clone()));
        templates.set_keys(options.html_keys.clone());
        templates.set_timings(options.timings.clone());
        templates
    });
    Ok((sites, templates, diagnostics))
}

/// Renders one language's bodies (`--timings`: "render Markdown").
fn render(options: &BuildOptions, site: &Site) -> (RenderedSite, Diagnostics) {
    let memo: Option<&dyn Remember<MarkdownResult>> = match (&options.memo, &options.bodies) {
        (Some(memo), _) => Some(memo.render.markdown()),
        (None, Some(pack)) => Some(&**pack),
        (None, None) => None,
    };
    options.timings.stage("render Markdown", || crate::render::render_site(site, memo))
}

/// Loads, assembles and renders the site's bodies, in each of its languages (the default
/// first): everything before the outputs.
pub fn render_stage(options: &BuildOptions) -> Result<(Vec<Language>, Templates, Diagnostics), BuildFailure> {
    let (sites, templates, mut diagnostics) = assemble_stage(options)?;
    let mut languages = Vec::with_capacity(sites.len());
    for site in sites {
        let (rendered, d) = render(options, &site);
        diagnostics.extend(d);
        languages.push(Language { site, rendered });
    }
    let language = languages.first().map(|l| l.site.config.language.clone());
    match templates {
        Ok(templates) if !diagnostics.has_errors() => Ok((languages, templates, diagnostics)),
        Ok(_) => Err(BuildFailure { diagnostics, language }),
        Err(d) => {
            diagnostics.extend(d);
            Err(BuildFailure { diagnostics, language })
        }
    }
}

/// A site made, with what `loa serve` keeps to redo parts of it later.
pub struct Made {
    /// The default language's site.
    pub site: Site,
    pub rendered: RenderedSite,
    pub templates: Templates,
    pub kept: Kept,
    /// The other languages of a multilingual site, in site.yaml's order.
    pub translations: Vec<(Language, Kept)>,
    /// The pictures' cache, with what this build took from it and put in it.
    pub pictures: crate::images::cache::Cache,
    /// How many files were made.
    pub files: usize,
    /// Warnings (a failed build returns its errors instead).
    pub diagnostics: Diagnostics,
}

/// What the site keeps of its pages' Markdown once it is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterRender {
    /// Everything (`loa serve` and `loa check` read the Markdown again).
    KeepBodies,
    /// Only what outputs still need: a build without broadcast drops the bodies, about
    /// a quarter of its peak memory.
    DropBodies,
}

/// Loads, assembles and renders the site and makes every file, handing each to `keep`
/// as soon as it is made (so the whole site is never held in memory at once).
pub fn make(
    options: &BuildOptions,
    keep: &(dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
    after: AfterRender,
) -> Result<Made, BuildFailure> {
    let (sites, templates, mut diagnostics) = assemble_stage(options)?;
    let language = sites.first().map(|s| s.config.language.clone());
    let (mut templates, unloaded) = match templates {
        Ok(templates) => (Some(templates), None),
        Err(d) => (None, Some(d)),
    };
    let sink = Sink::new(keep);
    // The sitemap needs no rendered page, only every language's addresses: first, so
    // a file of the same name in static/ does not replace it.
    let all: Vec<&Site> = sites.iter().collect();
    options.timings.stage("sitemap", || sink.put_all(crate::outputs::sitemap::outputs(&all)));
    // One language at a time: rendered, its files made, and (in a build) its rendered
    // bodies dropped before the next, so a site in three languages never holds three
    // languages' HTML. A language with errors stops the files, not the rendering of the
    // others: every error of the run is listed.
    let mut made: Vec<(Language, Kept)> = Vec::with_capacity(sites.len());
    for mut site in sites {
        let (mut rendered, d) = render(options, &site);
        diagnostics.extend(d);
        let Some(templates) = templates.as_mut().filter(|_| !diagnostics.has_errors()) else {
            continue;
        };
        if after == AfterRender::DropBodies && !site.config.writes("broadcast") {
            // Once rendered, the Markdown is read again only by broadcast scripts and for
            // the bodies the build cache gave as facts (rendered again for a page that is
            // made again): those keep theirs.
            for (p, r) in site.pages.iter_mut().zip(&rendered.pages) {
                if !r.facts_only {
                    p.source.body = std::sync::Arc::from("");
                }
            }
        }
        let mut kept = crate::outputs::all(
            &site,
            &rendered,
            templates,
            &options.timings,
            &sink,
            options.unsaved.is_some(),
            match (&options.memo, &options.tokens) {
                (Some(memo), _) => Remembered::memo(&memo.channels),
                (None, Some(tokens)) => Remembered { tokens: Some(&**tokens), ..Remembered::default() },
                (None, None) => Remembered::default(),
            },
        );
        if after == AfterRender::DropBodies {
            rendered = RenderedSite::default();
            site.pages.iter_mut().for_each(|p| p.source.body = std::sync::Arc::from(""));
            kept.lighten();
        }
        made.push((Language { site, rendered }, kept));
    }
    let pictures = match options.no_pictures {
        true => crate::images::cache::Cache::none(),
        false => crate::images::cache::Cache::open(&options.root),
    };
    if !options.no_pictures && !made.is_empty() {
        let sites: Vec<&Site> = made.iter().map(|(l, _)| &l.site).collect();
        options.timings.stage("pictures", || crate::outputs::pictures::outputs(&sites, &pictures, &sink));
        let (made, reused) = pictures.counts();
        options.timings.note(format!("pictures: {made} made, {reused} from the cache"));
    }
    let (files, problems) = sink.finish();
    diagnostics.extend(problems);
    diagnostics.extend(unloaded.unwrap_or_default());
    let mut made = made.into_iter();
    let first = made.next().filter(|_| !diagnostics.has_errors());
    let (Some((Language { site, rendered }, kept)), Some(templates)) = (first, templates) else {
        return Err(BuildFailure { diagnostics, language });
    };
    Ok(Made { site, rendered, templates, kept, translations: made.collect(), pictures, files, diagnostics })
}

/// Makes the site with every file kept in memory (`loa serve`).
pub fn prepare(options: &BuildOptions) -> Result<(Made, Vec<Output>), BuildFailure> {
    let outputs = Mutex::new(Vec::new());
    let keep = |o: Output| {
        crate::lock(&outputs).push(o);
        Ok(())
    };
    let made = make(options, &keep, AfterRender::KeepBodies)?;
    Ok((made, outputs.into_inner().unwrap_or_else(|e| e.into_inner())))
}

/// `loa build`: the whole site into the output folder, or nothing at all. Each file goes
/// into a staging folder as soon as it is made (see [`crate::publish::Staging`]). When
/// nothing changed since the last build, nothing is written (see [`crate::unchanged`]).
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let out_dir = output_dir(options);
    let fingerprint = unchanged::fingerprint(options);
    if let Some(last) = fingerprint.as_deref().and_then(|f| unchanged::current(&out_dir, f)) {
        return Ok(BuildReport {
            pages: last.pages,
            sections: last.sections,
            terms: last.terms,
            files: last.files.len(),
            seconds: started.elapsed().as_secs_f64(),
            left_out: Vec::new(),
            diagnostics: Diagnostics::new(),
            language: SiteConfig::load(&options.root).0.map_or_else(|| "vi".into(), |c| c.language),
            unchanged: Some(last.warnings),
        });
    }
    // The build cache: the ledger of what the output folder holds lets this build
    // write only the files that change, and skip rendering the pages that do not.
    let previous = match options.no_cache {
        true => None,
        false => ledger::load(&options.root, &out_dir_abs(&out_dir)),
    };
    let (files, figures) = previous.map_or_else(Default::default, |l| (Some(l.files), l.figures));
    let writer = Writer::begin(&out_dir, &options.root, files).map_err(|d| BuildFailure {
        diagnostics: d.into(),
        language: SiteConfig::load(&options.root).0.map(|c| c.language),
    })?;
    let keys = std::sync::Arc::new(CacheKeys::new(writer.previous_keys(), figures));
    // Search tokens from the last builds, by the hash of their inputs.
    let (tokens, bodies) = match options.no_cache {
        true => (None, None),
        false => (
            crate::pack::tokens(&options.root).ok().map(std::sync::Arc::new),
            crate::pack::bodies(&options.root).ok().map(std::sync::Arc::new),
        ),
    };
    let options = &BuildOptions {
        html_keys: Some(keys.clone()),
        tokens: tokens.clone(),
        bodies: bodies.clone(),
        ..options.clone()
    };
    let before = crate::addresses::published(&out_dir);
    // A failed build drops the writer, which removes what it wrote: the last site stays.
    let Made { site, files, mut diagnostics, translations, pictures, .. } =
        make(options, &|o| writer.write(&o), AfterRender::DropBodies)?;
    let language = site.config.language.clone();
    // Every language's pages, sections and terms count.
    let all = || std::iter::once(&site).chain(translations.iter().map(|(l, _)| &l.site));
    let pages: usize = all().map(|s| s.pages.len()).sum();
    let sections: usize = all().map(|s| s.sections.iter().filter(|x| s.shows(x)).count()).sum();
    let terms: usize = all().map(Site::term_count).sum();
    // Until the new ledger is written, the next build is a cold one.
    let _ = ledger::forget(&options.root, &out_dir_abs(&out_dir));
    let written = options.timings.stage("publish", || writer.finish());
    options.timings.done();
    let mut written = match written {
        Ok(written) => written,
        Err(d) => {
            diagnostics.push(d);
            return Err(BuildFailure { diagnostics, language: Some(language) });
        }
    };
    let keys_figures = keys.take_figures();
    let keys = keys.take();
    for (path, entry) in &mut written {
        entry.key = keys.get(path).copied();
    }
    // Without the ledger the next build is a cold one; nothing else depends on it.
    let _ = ledger::save(&options.root, &out_dir_abs(&out_dir), &written, &keys_figures);
    if let Some(tokens) = &tokens {
        options.timings.note(tokens.note());
        let _ = tokens.finish();
    }
    if let Some(bodies) = &bodies {
        options.timings.note(bodies.note());
        let _ = bodies.finish();
    }
    let written: Vec<(String, u64, u128)> =
        written.into_iter().map(|(path, e)| (path, e.size, e.modified)).collect();
    let after = crate::addresses::of_files(written.iter().map(|(path, _, _)| path.as_str()));
    diagnostics.extend(crate::addresses::lost(&before, &after, &site));
    let record = unchanged::Record {
        inputs: fingerprint.unwrap_or_default(),
        // The first moment any language's page becomes due or expires.
        valid_until: all().filter_map(|s| s.next_change).min().map(|t| t.as_second()),
        pages,
        sections,
        terms,
        warnings: diagnostics.iter().count(),
        files: written,
    };
    // The cache keeps what this site uses, within its limit.
    pictures.clean(site.config.images.cache_mib);
    // Without the record the next build is a full one; nothing else depends on it.
    let _ = unchanged::record(&out_dir, record);
    Ok(BuildReport {
        pages,
        sections,
        terms,
        files,
        seconds: started.elapsed().as_secs_f64(),
        left_out: site
            .left_out
            .into_iter()
            .chain(translations.into_iter().flat_map(|(l, _)| l.site.left_out))
            .collect(),
        diagnostics,
        language,
        unchanged: None,
    })
}

/// `--output`, or `public/` inside the site.
pub fn output_dir(options: &BuildOptions) -> PathBuf {
    options.output.clone().unwrap_or_else(|| options.root.join("public"))
}

/// The output folder as an absolute path: the build cache keeps one ledger per folder.
fn out_dir_abs(out_dir: &Path) -> PathBuf {
    std::path::absolute(out_dir).unwrap_or_else(|_| out_dir.to_path_buf())
}

/// The site root as given, for showing paths relative to it.
pub fn display_root(options: &BuildOptions) -> &Path {
    &options.root
}
