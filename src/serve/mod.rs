//! `loa serve`: the site from memory at `http://127.0.0.1:1111/<sub-path>/`, rebuilt when
//! a file changes, with tabs reloading themselves and build errors shown over the page.
//!
//! The served bytes are those a build would write (the live-reload script tag and, while
//! there are errors, the error overlay are added to HTML responses only). The last good
//! site keeps being served while the content has errors.

mod editor;
mod form;
pub(crate) mod server;
mod text_edit;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use crate::build::{prepare, BuildOptions, Made};
use crate::diagnostics::Diagnostics;
use crate::messages::{Lang, Message};
use crate::outputs::{Body, Output};

/// What the server hands out: the last good site and the errors of the last build.
pub struct State {
    /// URL path below the site's sub-path (`hieu-dung/a/index.html`) → body.
    pub files: HashMap<String, Body>,
    /// The site's sub-path (`/` or `/chuyen-doi-so/`).
    pub base_path: String,
    /// The overlay to show on every page, empty when the last build was good.
    pub errors: Option<String>,
    /// The panel of the last good build's warnings, shown at the foot of every page.
    pub warnings: Option<String>,
    /// Pages marked `draft: true` (their served paths), shown with a banner.
    pub drafts: std::collections::HashSet<String>,
    pub lang: Lang,
    /// The editor (none on a server open to the network).
    pub editor: Option<Arc<editor::Editor>>,
    /// Each explainer's served page → its file below `content/`, for "Sửa bài này".
    pub sources: HashMap<String, String>,
    /// How many problems the last build found in each file, for the editor's list.
    pub problems: HashMap<PathBuf, usize>,
}

/// Open live-reload connections, each fed reload events.
pub type Listeners = Arc<Mutex<Vec<std::sync::mpsc::Sender<String>>>>;

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    pub allow_remote: bool,
}

pub fn run(options: ServeOptions, lang_flag: Option<&str>) -> Result<(), String> {
    let memo = Some(Arc::new(crate::memo::Memo::default()));
    let reads = Some(Arc::new(crate::content::ReadCache::default()));
    let build_options = BuildOptions {
        root: options.root.clone(),
        drafts: options.drafts,
        memo,
        reads,
        ..Default::default()
    };
    let lang = Lang::from_code(lang_flag.unwrap_or(&site_language(&options.root)));
    if !options.bind.is_loopback() {
        if !options.allow_remote {
            return Err(Message::ServeRemoteRefused { bind: options.bind.to_string() }.text(lang));
        }
        eprintln!("{}", Message::ServeRemoteWarning { bind: options.bind.to_string() }.text(lang));
    }
    let state = Arc::new(RwLock::new(State {
        files: HashMap::new(),
        base_path: "/".into(),
        errors: None,
        warnings: None,
        drafts: Default::default(),
        lang,
        editor: editor(&build_options, options.allow_remote, lang),
        sources: HashMap::new(),
        problems: HashMap::new(),
    }));
    let listeners: Listeners = Arc::new(Mutex::new(Vec::new()));
    let mut rebuilder =
        Rebuilder { options: build_options, state: state.clone(), listeners, lang, snapshot: None };
    rebuilder.rebuild(&[]);

    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        let port = options.port;
        match e.kind() {
            std::io::ErrorKind::AddrInUse => Message::PortBusy { port }.text(lang),
            std::io::ErrorKind::PermissionDenied => Message::PortDenied { port }.text(lang),
            _ => Message::ServeFailed { detail: e.to_string() }.text(lang),
        }
    })?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let base_path = state.read().map(|s| s.base_path.clone()).unwrap_or_else(|_| "/".into());
    println!("{}", Message::Serving { url: format!("http://{address}{base_path}") }.text(lang));

    let listeners = rebuilder.listeners.clone();
    let watcher =
        watch::start(&options.root, move |changed| rebuilder.rebuild(changed)).map_err(|e| e.to_string())?;
    server::serve(listener, state, listeners, options.allow_remote);
    drop(watcher);
    Ok(())
}

/// The editor: on loopback always; open to the network only with a password.
fn editor(options: &BuildOptions, allow_remote: bool, lang: Lang) -> Option<Arc<editor::Editor>> {
    if !allow_remote {
        return Some(Arc::new(editor::Editor::new(options, None)));
    }
    let login = editor::login::Login::from_env();
    let message = match login.is_some() {
        true => Message::EditorPassword { variable: editor::login::PASSWORD_VARIABLE },
        false => Message::EditorOff { variable: editor::login::PASSWORD_VARIABLE },
    };
    eprintln!("{}", message.text(lang));
    login.map(|login| Arc::new(editor::Editor::new(options, Some(login))))
}

fn site_language(root: &Path) -> String {
    crate::config::SiteConfig::load(root).0.map_or_else(|| "vi".to_string(), |c| c.language)
}

/// Rebuilds the served site after changes, keeping the last good build.
pub struct Rebuilder {
    pub options: BuildOptions,
    pub state: Arc<RwLock<State>>,
    pub listeners: Listeners,
    pub lang: Lang,
    snapshot: Option<text_edit::Snapshot>,
}

impl Rebuilder {
    /// After `changed` files changed (none known: everything may have): the quick path
    /// when only the text of pages changed, else a whole build in memory.
    pub fn rebuild(&mut self, changed: &[PathBuf]) {
        let started = std::time::Instant::now();
        let good = self.state.read().is_ok_and(|s| s.errors.is_none());
        let quick = match &mut self.snapshot {
            Some(snapshot) if good && !changed.is_empty() => {
                text_edit::files(&self.options.root, snapshot, changed)
            }
            _ => None,
        };
        match quick {
            Some(outputs) => {
                let files = outputs.len();
                let changed =
                    self.serve(outputs.into_iter().map(|Output { path, body }| (path, body)), false);
                let millis = started.elapsed().as_millis();
                eprintln!("{}", Message::TextUpdated { files, changed, millis }.text(self.lang));
            }
            None => {
                if let Some(reads) = &self.options.reads {
                    reads.forget((!changed.is_empty()).then_some(changed));
                }
                self.rebuild_all()
            }
        }
    }

    /// Builds in memory; on success swaps the served site and reloads the tabs whose
    /// page changed; on failure keeps the last good site and shows the errors on every
    /// page.
    fn rebuild_all(&mut self) {
        let (options, lang) = (&self.options, self.lang);
        let root = &options.root;
        match prepare(options) {
            Ok((Made { site, rendered, templates, kept, mut diagnostics, translations, .. }, outputs)) => {
                // The editor's warnings too (a missing summary, an image without a
                // description): in the terminal and at the foot of every page.
                let checks = options.memo.as_ref().map(|m| &m.checks);
                diagnostics.extend(crate::check::editor_checks(&site, checks));
                for (language, _) in &translations {
                    diagnostics.extend(crate::check::editor_checks(&language.site, checks));
                }
                // Addresses the last `loa build` published that this site no longer has.
                let before = crate::addresses::published(&crate::build::output_dir(options));
                let after = crate::addresses::of_files(outputs.iter().map(|o| o.path.as_str()));
                diagnostics.extend(crate::addresses::lost(&before, &after, &site));
                let diagnostics = diagnostics.sorted();
                if !diagnostics.is_empty() {
                    eprint!("{}", diagnostics.render(lang, root));
                }
                let drafts = std::iter::once(&site)
                    .chain(translations.iter().map(|(l, _)| &l.site))
                    .flat_map(|s| s.pages.iter())
                    .filter(|p| p.source.front.draft)
                    .flat_map(|p| [format!("{}index.html", p.path), format!("{}embed/index.html", p.path)])
                    .collect();
                let sources = std::iter::once(&site)
                    .chain(translations.iter().map(|(l, _)| &l.site))
                    .flat_map(|s| s.pages.iter())
                    .map(|p| {
                        (format!("{}index.html", p.path), p.source.rel.to_string_lossy().replace('\\', "/"))
                    })
                    .collect();
                let problems = count_problems(&diagnostics);
                let first = self.snapshot.is_none();
                let (pages, base_path) = (site.pages.len(), site.urls.base_path().to_string());
                let mut languages = vec![(site, rendered, kept)];
                languages.extend(translations.into_iter().map(|(l, kept)| (l.site, l.rendered, kept)));
                self.snapshot = Some(text_edit::Snapshot { languages, templates });
                if let Ok(mut s) = self.state.write() {
                    s.base_path = base_path;
                    s.warnings = (!diagnostics.is_empty()).then(|| warnings_panel(&diagnostics, lang, root));
                    s.drafts = drafts;
                    s.sources = sources;
                    s.problems = problems;
                }
                let files = outputs.into_iter().map(|Output { path, body }| (path, body));
                let changed = self.serve(files, true);
                let stats = self.options.memo.as_ref().map(|m| m.take_stats()).unwrap_or_default();
                if !first {
                    let (rendered, reused) = (stats.rendered, stats.reused);
                    eprintln!("{}", Message::Rebuilt { pages, changed, rendered, reused }.text(lang));
                }
            }
            Err(failure) => {
                let diagnostics = failure.diagnostics.sorted();
                eprint!("{}", diagnostics.render(lang, root));
                let overlay = overlay(&diagnostics, lang, root);
                if let Ok(mut s) = self.state.write() {
                    s.errors = Some(overlay);
                    s.problems = count_problems(&diagnostics);
                }
                notify_all(&self.listeners, &serde_json::json!({ "all": true, "paths": [] }).to_string());
            }
        }
    }

    /// Serves `files` (all of the site when `whole`, else those made again), clears the
    /// error overlay and tells the tabs whose page changed. Returns how many changed.
    fn serve(&self, files: impl Iterator<Item = (String, Body)>, whole: bool) -> usize {
        let Ok(mut s) = self.state.write() else { return 0 };
        let had_errors = s.errors.take().is_some();
        let mut changed = Vec::new();
        let mut served = if whole { HashMap::new() } else { std::mem::take(&mut s.files) };
        for (path, body) in files {
            let old = if whole { s.files.get(&path) } else { served.get(&path) };
            if path.ends_with(".html") && !same_body(old, &body) {
                changed.push(format!("{}{}", s.base_path, path));
            }
            served.insert(path, body);
        }
        s.files = served;
        drop(s);
        let event = serde_json::json!({ "all": had_errors, "paths": changed }).to_string();
        notify_all(&self.listeners, &event);
        changed.len()
    }
}

fn same_body(old: Option<&Body>, new: &Body) -> bool {
    match (old, new) {
        (Some(Body::Bytes(a)), Body::Bytes(b)) => std::sync::Arc::ptr_eq(a, b) || a == b,
        (Some(Body::Copy(a)), Body::Copy(b)) => a == b,
        _ => false,
    }
}

fn notify_all(listeners: &Listeners, event: &str) {
    if let Ok(mut list) = listeners.lock() {
        list.retain(|tx| tx.send(event.to_string()).is_ok());
    }
}

/// Diagnostics as list items, in the page's own font (a monospace font puts Vietnamese
/// tone marks on the wrong letters).
fn items(diagnostics: &Diagnostics, lang: Lang, root: &Path) -> String {
    let mut items = String::new();
    for d in diagnostics.iter() {
        let mut text = String::new();
        crate::render::components::push_escaped(&mut text, &d.render(lang, root));
        items.push_str(&format!("<li style=\"white-space:pre-wrap;margin:.25rem 0\">{text}</li>"));
    }
    items
}

/// The build's errors as a box over the top of the page, in the site's language; it can
/// be folded away (a `<details>`, no script needed).
fn overlay(diagnostics: &Diagnostics, lang: Lang, root: &Path) -> String {
    let title = Message::OverlayTitle { errors: diagnostics.error_count() }.text(lang);
    format!(
        "<details id=\"loa-errors\" open role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;\
         z-index:99999;background:#fff4f4;color:#5c0000;border-bottom:4px solid #b00020;padding:.5rem 1rem;\
         font:16px/1.5 system-ui,sans-serif\"><summary style=\"cursor:pointer;font-weight:700;font-size:1.1rem\">{title}</summary>\
         <ol>{}</ol></details>",
        items(diagnostics, lang, root)
    )
}

/// The warnings of a good build as a panel at the foot of the page, folded to one line
/// so it never hides the page.
fn warnings_panel(diagnostics: &Diagnostics, lang: Lang, root: &Path) -> String {
    let title = Message::WarningsTitle { warnings: diagnostics.iter().count() }.text(lang);
    format!(
        "<details id=\"loa-warnings\" role=\"status\" style=\"position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;\
         z-index:99998;background:#fffbe6;color:#3d2e00;border-top:3px solid #8a6d00;padding:.25rem 1rem;\
         font:15px/1.5 system-ui,sans-serif\"><summary style=\"cursor:pointer;font-weight:700\">{title}</summary>\
         <ol>{}</ol></details>",
        items(diagnostics, lang, root)
    )
}

/// How many problems each file has.
fn count_problems(diagnostics: &Diagnostics) -> HashMap<PathBuf, usize> {
    let mut counts = HashMap::new();
    for d in diagnostics.iter() {
        if let Some(file) = &d.file {
            *counts.entry(file.clone()).or_insert(0) += 1;
        }
    }
    counts
}

/// The link from a preview page to its form (never in a build).
pub fn edit_link(base: &str, source: &str) -> String {
    let href = crate::site::Urls::new(base).path(&format!("__loa/edit/{source}"));
    format!(
        "<p id=\"loa-edit\" style=\"margin:0;padding:.3rem 1rem;background:#12305a;font:600 16px/1.5 system-ui,sans-serif\">\
         <a href=\"{href}\" style=\"color:#fff\">Sửa bài này</a></p>"
    )
}

/// The banner over a draft's preview.
pub fn draft_banner(lang: Lang) -> String {
    format!(
        "<div id=\"loa-draft\" role=\"note\" style=\"background:#5c3b00;color:#fff;text-align:center;padding:.4rem 1rem;\
         font:700 16px/1.5 system-ui,sans-serif\">{}</div>",
        Message::DraftBanner.text(lang)
    )
}

pub const LIVE_JS: &str = include_str!("live.js");
