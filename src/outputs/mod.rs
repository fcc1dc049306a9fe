//! Output channels: each module turns the site into files as (relative path, bytes),
//! without touching the disk. A new channel is one new module and one line below.

pub mod aliases;
pub mod broadcast;
pub mod embed;
pub mod feeds;
pub mod files;
pub mod html;
pub mod search;
pub mod sitemap;

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::render::templates::Templates;
use crate::render::RenderedSite;
use crate::site::Site;

/// What a file's bytes are.
#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Vec<u8>),
    /// Copied from this file as it is (images, static files).
    Copy(PathBuf),
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
        Output { path: path.into(), body: Body::Bytes(bytes.into()) }
    }
}

/// Sorts rendered files from problems: a channel reports every failed file, not the first.
pub fn collect(
    results: impl IntoIterator<Item = Result<Output, crate::diagnostics::Diagnostic>>,
) -> (Vec<Output>, Diagnostics) {
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

/// Every file of the site, from every channel.
pub fn all(
    site: &Site,
    rendered: &RenderedSite,
    templates: &mut Templates,
    t: &crate::timings::Timings,
) -> (Vec<Output>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut outputs = Vec::new();
    let (files, fingerprints) = t.stage("static files", || files::outputs(site));
    templates.set_fingerprints(fingerprints);
    let values = t.stage("template data", || html::build_values(site, rendered));
    templates.set_globals(html::globals(site, &values));
    let templates = &*templates;
    let mut channel = |(files, d): (Vec<Output>, Diagnostics)| {
        outputs.extend(files);
        diagnostics.extend(d);
    };
    channel(t.stage("portal pages", || html::outputs(site, rendered, templates, &values)));
    let writes = |output: &str| site.config.writes(output);
    if writes("embed") {
        channel(t.stage("embeds and oEmbed", || embed::outputs(site, rendered, templates, &values)));
    }
    if writes("broadcast") {
        channel(t.stage("broadcast", || broadcast::outputs(site, templates)));
    }
    channel((t.stage("aliases", || aliases::outputs(site)), Diagnostics::new()));
    channel((t.stage("sitemap", || sitemap::outputs(site)), Diagnostics::new()));
    if writes("search") {
        channel((t.stage("search index", || search::outputs(site, rendered)), Diagnostics::new()));
    }
    if writes("feeds") || writes("site_feed") {
        channel((t.stage("feeds", || feeds::outputs(site, rendered)), Diagnostics::new()));
    }
    outputs.extend(files);
    (outputs, diagnostics)
}
