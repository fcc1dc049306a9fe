//! Addresses that a build would take away. Newspapers embed explainers and readers keep
//! links: an address the last build published that this one no longer has is reported,
//! naming the old address and, when the page lives on under a new one, the alias that
//! keeps the old address working.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::site::Site;

/// The addresses (`hieu-dung/a/`) among output files: each folder with an `index.html`.
pub fn of_files<'a>(files: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    files.filter_map(|f| f.strip_suffix("index.html")).map(str::to_string).collect()
}

/// Warnings for the addresses in `before` that `after` no longer has: the page's
/// address once (its embed page goes with it), with the alias to add when a page of the
/// same name now lives elsewhere.
pub fn lost(before: &BTreeSet<String>, after: &BTreeSet<String>, site: &Site) -> Diagnostics {
    let mut found = Diagnostics::new();
    // Addresses site.yaml's `removed` says were taken down on purpose.
    let acknowledged = |address: &str| {
        site.config.removed.iter().any(|r| {
            let r = r.trim().trim_matches('/');
            !r.is_empty() && (address.trim_end_matches('/') == r || address.starts_with(&format!("{r}/")))
        })
    };
    let gone: Vec<&String> = before.difference(after).filter(|a| !acknowledged(a)).collect();
    for old in &gone {
        if let Some(parent) = old.strip_suffix("embed/") {
            if gone.iter().any(|g| g.as_str() == parent) {
                continue;
            }
        }
        let name = old.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let moved = site
            .pages
            .iter()
            .find(|p| !name.is_empty() && p.path.trim_end_matches('/').rsplit('/').next() == Some(name));
        let url = site.urls.path(old);
        let d = match moved {
            Some(page) => {
                Diagnostic::warning(Message::AddressMoved { old: url, new: site.urls.path(&page.path) })
                    .in_file(&page.source.file)
                    .at_opt(page.source.front.title_span)
                    .help(Message::HelpAddressMoved { alias: format!("/{old}") })
            }
            None => Diagnostic::warning(Message::AddressGone { old: url })
                .help(Message::HelpAddressGone { address: format!("/{old}") }),
        };
        found.push(d);
    }
    found
}

/// The addresses the build in `out_dir` published, from its marker; empty when there
/// was none.
pub fn published(out_dir: &Path) -> BTreeSet<String> {
    crate::unchanged::recorded_files(out_dir)
        .map(|files| of_files(files.iter().map(String::as_str)))
        .unwrap_or_default()
}
