//! The pictures beside the pages: every JPEG and PNG as resized copies (own format and
//! WebP, each width) plus the Open Graph crops pages ask for, taken from the cache or
//! made and kept there; every SVG drawing cleaned of anything active. Written once for
//! all languages.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use super::{Output, Sink};
use crate::diagnostics::Diagnostic;
use crate::images::cache::Cache;
use crate::images::{process, Picture};
use crate::messages::Message;
use crate::site::Site;

/// Every picture's files into `sink`; `sites` are the site's languages (their pages'
/// `image:` keys decide which Open Graph crops are made).
pub fn outputs(sites: &[&Site], cache: &Cache, sink: &Sink) {
    let Some(default) = sites.first() else { return };
    // By the picture's key: the same picture at two addresses shares one cache entry,
    // which must hold every crop either asks for.
    let mut focuses: HashMap<&str, BTreeSet<(u8, u8)>> = HashMap::new();
    for site in sites {
        for page in &site.pages {
            if let Some(picture) = page_picture(site, page) {
                focuses.entry(picture.key.as_str()).or_default().insert(page.source.front.image_focus);
            }
        }
    }
    let pictures: Vec<&Picture> = default.pictures.by_path.values().collect();
    pictures.par_iter().for_each(|picture| {
        let wanted: Vec<(u8, u8)> =
            focuses.get(picture.key.as_str()).into_iter().flatten().copied().collect();
        for result in files(picture, &wanted, cache) {
            sink.put(result);
        }
    });
    default
        .assets
        .par_iter()
        .filter(|a| a.path.to_ascii_lowercase().ends_with(".svg"))
        .for_each(|asset| svg(asset).into_iter().for_each(|r| sink.put(r)));
}

/// The picture a page's `image:` names, when it is one of the site's JPEGs or PNGs.
pub fn page_picture<'s>(site: &'s Site, page: &crate::site::Page) -> Option<&'s Picture> {
    let dir = page.source.rel.parent().unwrap_or(std::path::Path::new(""));
    crate::render::markdown::picture_at(site, dir, page.source.front.image.as_deref()?)
}

/// One picture's files, from the cache when its entry is whole, else made (and kept).
fn files(picture: &Picture, focuses: &[(u8, u8)], cache: &Cache) -> Vec<Result<Output, Diagnostic>> {
    let names = process::copy_names(picture, focuses);
    let made = match cache.get(&picture.key, &names) {
        Some(files) => files,
        None => match process::make(picture, focuses) {
            Ok(files) => {
                cache.put(&picture.key, &files);
                files
            }
            Err(detail) => {
                return vec![Err(Diagnostic::error(Message::ImageUnreadable { detail })
                    .in_file(&picture.file)
                    .help(Message::HelpImageUnreadable))]
            }
        },
    };
    let largest = format!("{}.{}", picture.largest(), picture.format.extension());
    let mut outputs = Vec::with_capacity(made.len() + 1);
    for (name, bytes) in made {
        if name == largest {
            // The original's own address: its largest copy, without its EXIF.
            outputs.push(Ok(Output::bytes(picture.path.clone(), bytes.clone())));
        }
        let path = match name.strip_prefix("og-").and_then(|f| f.strip_suffix(".jpg")) {
            Some(focus) => {
                let (x, y) = focus.split_once('-').unwrap_or(("50", "50"));
                picture.og_path((x.parse().unwrap_or(50), y.parse().unwrap_or(50)))
            }
            None => {
                let (width, ext) = name.split_once('.').unwrap_or((&name, ""));
                picture.copy_path(width.parse().unwrap_or(0), ext)
            }
        };
        outputs.push(Ok(Output::bytes(path, bytes)));
    }
    outputs
}

/// An SVG drawing, cleaned; what was taken out is a warning on the file (the cleaned
/// drawing is published all the same).
pub fn svg(asset: &crate::site::CopiedFile) -> Vec<Result<Output, Diagnostic>> {
    let unreadable = |detail: String| {
        Diagnostic::error(Message::ImageUnreadable { detail })
            .in_file(&asset.file)
            .help(Message::HelpImageUnreadable)
    };
    let read = std::fs::read(&asset.file).map_err(|e| unreadable(e.to_string()));
    let (clean, removed) = match read.and_then(|b| crate::images::svg::sanitise(&b).map_err(unreadable)) {
        Ok(done) => done,
        Err(d) => return vec![Err(d)],
    };
    let mut results = vec![Ok(Output::bytes(asset.path.clone(), clean))];
    if !removed.is_empty() {
        results.push(Err(Diagnostic::warning(Message::SvgCleaned { removed })
            .in_file(&asset.file)
            .help(Message::HelpSvgCleaned)));
    }
    results
}
