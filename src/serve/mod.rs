//! `loa serve`: the site from memory at `http://127.0.0.1:1111/<sub-path>/`, rebuilt when
//! a file changes, with tabs reloading themselves and build errors shown over the page.
//!
//! The served bytes are those a build would write (the live-reload script tag and, while
//! there are errors, the error overlay are added to HTML responses only). The last good
//! site keeps being served while the content has errors.

mod server;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use crate::build::{prepare, BuildOptions};
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
    pub lang: Lang,
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
    let memo = Some(Arc::new(crate::render::memo::Memo::default()));
    let build_options =
        BuildOptions { root: options.root.clone(), drafts: options.drafts, memo, ..Default::default() };
    let lang = Lang::from_code(lang_flag.unwrap_or(&site_language(&options.root)));
    if !options.bind.is_loopback() {
        if !options.allow_remote {
            return Err(Message::ServeRemoteRefused { bind: options.bind.to_string() }.text(lang));
        }
        eprintln!("{}", Message::ServeRemoteWarning { bind: options.bind.to_string() }.text(lang));
    }
    let state =
        Arc::new(RwLock::new(State { files: HashMap::new(), base_path: "/".into(), errors: None, lang }));
    let listeners: Listeners = Arc::new(Mutex::new(Vec::new()));
    rebuild(&build_options, &state, &listeners, lang);

    let listener =
        TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let base_path = state.read().map(|s| s.base_path.clone()).unwrap_or_else(|_| "/".into());
    println!("{}", Message::Serving { url: format!("http://{address}{base_path}") }.text(lang));

    let watcher = watch::start(&options.root, {
        let (state, listeners, build_options) = (state.clone(), listeners.clone(), build_options.clone());
        move || rebuild(&build_options, &state, &listeners, lang)
    })
    .map_err(|e| e.to_string())?;
    server::serve(listener, state, listeners, options.allow_remote);
    drop(watcher);
    Ok(())
}

fn site_language(root: &Path) -> String {
    crate::config::SiteConfig::load(root).0.map_or_else(|| "vi".to_string(), |c| c.language)
}

/// Builds in memory; on success swaps the served site and reloads the tabs whose page
/// changed; on failure keeps the last good site and shows the errors on every page.
pub fn rebuild(options: &BuildOptions, state: &Arc<RwLock<State>>, listeners: &Listeners, lang: Lang) {
    let root = &options.root;
    match prepare(options) {
        Ok((site, outputs, warnings)) => {
            if !warnings.is_empty() {
                eprint!("{}", warnings.clone().sorted().render(lang, root));
            }
            let files: HashMap<String, Body> =
                outputs.into_iter().map(|Output { path, body }| (path, body)).collect();
            let Ok(mut s) = state.write() else { return };
            let had_errors = s.errors.take().is_some();
            let first = s.files.is_empty();
            let changed: Vec<String> = files
                .iter()
                .filter(|(path, body)| !same_body(s.files.get(*path), body))
                .filter(|(path, _)| path.ends_with(".html"))
                .map(|(path, _)| format!("{}{}", site.urls.base_path(), path))
                .collect();
            s.files = files;
            s.base_path = site.urls.base_path().to_string();
            drop(s);
            let stats = options.memo.as_ref().map(|m| m.take_stats()).unwrap_or_default();
            if !first {
                let (pages, rendered, reused) = (site.pages.len(), stats.rendered, stats.reused);
                eprintln!(
                    "{}",
                    Message::Rebuilt { pages, changed: changed.len(), rendered, reused }.text(lang)
                );
            }
            let event = serde_json::json!({ "all": had_errors, "paths": changed }).to_string();
            notify_all(listeners, &event);
        }
        Err(failure) => {
            let diagnostics = failure.diagnostics.sorted();
            eprint!("{}", diagnostics.render(lang, root));
            let overlay = overlay(&diagnostics, lang, root);
            if let Ok(mut s) = state.write() {
                s.errors = Some(overlay);
            }
            notify_all(listeners, &serde_json::json!({ "all": true, "paths": [] }).to_string());
        }
    }
}

fn same_body(old: Option<&Body>, new: &Body) -> bool {
    match (old, new) {
        (Some(Body::Bytes(a)), Body::Bytes(b)) => a == b,
        (Some(Body::Copy(a)), Body::Copy(b)) => a == b,
        _ => false,
    }
}

fn notify_all(listeners: &Listeners, event: &str) {
    if let Ok(mut list) = listeners.lock() {
        list.retain(|tx| tx.send(event.to_string()).is_ok());
    }
}

/// The build's errors as a box over the page, in the site's language.
fn overlay(diagnostics: &Diagnostics, lang: Lang, root: &Path) -> String {
    let mut items = String::new();
    for d in diagnostics.iter() {
        let mut text = String::new();
        crate::render::components::push_escaped(&mut text, &d.render(lang, root));
        items.push_str(&format!("<li><pre>{text}</pre></li>"));
    }
    let title = Message::OverlayTitle { errors: diagnostics.error_count() }.text(lang);
    format!(
        "<div id=\"loa-errors\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;\
         z-index:99999;background:#fff4f4;color:#5c0000;border-bottom:4px solid #b00020;padding:1rem;\
         font:16px/1.5 system-ui,sans-serif\"><h2 style=\"margin:0 0 .5rem\">{title}</h2><ol>{items}</ol></div>"
    )
}

pub const LIVE_JS: &str = include_str!("live.js");
