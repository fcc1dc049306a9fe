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

/// Every file of the site, from every channel.
pub fn all(site: &Site, rendered: &RenderedSite, templates: &mut Templates) -> (Vec<Output>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut outputs = Vec::new();
    let (files, fingerprints) = files::outputs(site);
    templates.set_fingerprints(fingerprints);
    let values = html::build_values(site, rendered);
    templates.set_globals(html::globals(site, &values));
    let templates = &*templates;
    let (html, d) = html::outputs(site, rendered, templates, &values);
    outputs.extend(html);
    diagnostics.extend(d);
    let (embeds, d) = embed::outputs(site, rendered, templates, &values);
    outputs.extend(embeds);
    diagnostics.extend(d);
    let (broadcast, d) = broadcast::outputs(site, templates);
    outputs.extend(broadcast);
    diagnostics.extend(d);
    outputs.extend(aliases::outputs(site));
    outputs.extend(sitemap::outputs(site));
    outputs.extend(search::outputs(site, rendered));
    outputs.extend(feeds::outputs(site, rendered));
    outputs.extend(files);
    (outputs, diagnostics)
}
