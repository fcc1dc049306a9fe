//! Files copied as they are: the theme's and the site's `static/` folders, and the
//! files that sit beside the pages in `content/`. Stylesheets have their root-relative
//! `url(/…)` moved under the site's sub-path. Stylesheets and scripts get a content hash
//! in their names (`style.3f9a0c1d.css`) so servers can let browsers keep them for a year.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use walkdir::WalkDir;

use super::{Body, Output};
use crate::site::{safe_output_path, Site, Urls};

/// Scripts other sites link to, which keep their names.
const STABLE_NAMES: &[&str] = &["embed.js"];

/// The copied files, for each fingerprinted one its plain name → its hashed name, and
/// the links found in the static folders (not followed: a link could publish a file
/// from anywhere on the machine).
pub fn outputs(site: &Site) -> (Vec<Output>, HashMap<String, String>, Vec<std::path::PathBuf>) {
    // Later sources replace earlier ones: built-in theme, theme folder, site static/.
    let mut files: BTreeMap<String, Body> = BTreeMap::new();
    if site.config.theme == crate::theme::DEFAULT {
        for (name, text) in crate::theme::STATIC {
            files.insert(name.to_string(), Body::Bytes(std::sync::Arc::new(text.as_bytes().to_vec())));
        }
    }
    let theme_static = site.config.theme_dir(&site.root).join("static");
    let mut links = Vec::new();
    for dir in [theme_static, site.root.join("static")] {
        collect_dir(&dir, &mut files, &mut links);
    }
    let mut fingerprints = HashMap::new();
    let mut outputs: Vec<Output> = files
        .into_iter()
        .map(|(path, body)| {
            // Partners include embed.js by a URL that must not change.
            if !(path.ends_with(".css") || path.ends_with(".js")) || STABLE_NAMES.contains(&path.as_str()) {
                return Output { path, body };
            }
            let body = if path.ends_with(".css") { rebase_css(body, &site.urls) } else { body };
            let hashed = fingerprinted(&path, &body);
            fingerprints.insert(path, hashed.clone());
            Output { path: hashed, body }
        })
        .collect();
    for asset in &site.assets {
        // Pictures are resized and drawings cleaned (`pictures.rs`), not copied.
        if site.pictures.get(&asset.path).is_some() || asset.path.to_ascii_lowercase().ends_with(".svg") {
            continue;
        }
        outputs.push(Output { path: asset.path.clone(), body: Body::Copy(asset.file.clone()) });
    }
    (outputs, fingerprints, links)
}

/// `style.css` → `style.<8 hex digits of the content hash>.css`.
fn fingerprinted(path: &str, body: &Body) -> String {
    let hash = match body {
        Body::Bytes(b) => blake3::hash(b),
        // Read a block at a time: a static file may be large.
        Body::Copy(p) => {
            let mut hasher = blake3::Hasher::new();
            let _ = std::fs::File::open(p).and_then(|f| hasher.update_reader(f).map(|_| ()));
            hasher.finalize()
        }
        // Static files are always made: never left unchanged by the build cache.
        Body::Unchanged => return path.to_string(),
    };
    let hex = hash.to_hex();
    match path.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", &hex[..8]),
        None => path.to_string(),
    }
}

fn collect_dir(dir: &Path, files: &mut BTreeMap<String, Body>, links: &mut Vec<std::path::PathBuf>) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir).into_iter().flatten() {
        if entry.path_is_symlink() {
            links.push(entry.into_path());
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = crate::text::nfc(&rel.to_string_lossy().replace('\\', "/"));
        if let Some(path) = safe_output_path(&rel) {
            files.insert(path, Body::Copy(entry.into_path()));
        }
    }
}

fn rebase_css(body: Body, urls: &Urls) -> Body {
    let text = match &body {
        Body::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Body::Copy(p) => match std::fs::read_to_string(p) {
            Ok(t) => t,
            Err(_) => return body,
        },
        Body::Unchanged => return body,
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("url(") {
        out.push_str(&rest[..i + 4]);
        rest = &rest[i + 4..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
        if let Some(q) = quote {
            out.push(q);
            rest = &rest[1..];
        }
        if rest.starts_with('/') && !rest.starts_with("//") {
            out.push_str(urls.base_path());
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    Body::Bytes(std::sync::Arc::new(out.into_bytes()))
}
