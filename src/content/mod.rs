//! Files → values: reads `content/`, splits front matter, normalises text to NFC.
//!
//! Knows nothing of URLs, templates or output; the site graph is built from what this
//! module returns.

pub mod front_matter;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::messages::Message;
pub use front_matter::{Channel, Channels, FrontMatter};

pub const CONTENT_DIR: &str = "content";
pub const SECTION_FILE: &str = "_index.md";

/// One Markdown file: a page, or a section's `_index.md`.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file on disk.
    pub file: PathBuf,
    /// Its path below `content/`, NFC (a file saved as NFD on a Mac reads the same).
    pub rel: PathBuf,
    pub front: FrontMatter,
    /// Shared (`Arc`) with the preview's read cache, which keeps every file's reading.
    pub body: std::sync::Arc<str>,
    /// The file line the body starts on (1-based), to report Markdown problems in place.
    pub body_line: usize,
}

/// A file beside the pages (an image, a PDF), copied with them.
#[derive(Debug, Clone)]
pub struct Asset {
    pub file: PathBuf,
    /// Its path below `content/`, NFC.
    pub rel: PathBuf,
}

/// Everything below `content/`.
#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Source>,
    /// `_index.md` files, by folder.
    pub section_files: Vec<Source>,
    /// Every folder below `content/` (relative, NFC), the root `""` first.
    pub folders: Vec<PathBuf>,
    pub assets: Vec<Asset>,
}

/// The language a Markdown file below `content/` is written in: `name.<code>.md` and
/// `_index.<code>.md` belong to the language `<code>` (by its index in `languages`),
/// every other file to the default (index 0).
pub fn language_of(rel: &Path, languages: &[crate::config::LanguageConfig]) -> usize {
    let Some(stem) = rel.file_stem().and_then(|s| s.to_str()) else { return 0 };
    let Some((_, code)) = stem.rsplit_once('.') else { return 0 };
    languages.iter().position(|l| l.code.eq_ignore_ascii_case(code)).unwrap_or(0)
}

/// A file's path with its language code taken out (`a/b.en.md` → `a/b.md`,
/// `a/_index.en.md` → `a/_index.md`): what pairs a translation with its original.
pub fn without_language(rel: &Path, languages: &[crate::config::LanguageConfig]) -> PathBuf {
    let Some(stem) = rel.file_stem().and_then(|s| s.to_str()) else { return rel.to_path_buf() };
    match stem.rsplit_once('.') {
        Some((base, code)) if languages.iter().any(|l| l.code.eq_ignore_ascii_case(code)) => {
            rel.with_file_name(format!("{base}.md"))
        }
        _ => rel.to_path_buf(),
    }
}

impl Content {
    /// The content of each language of `languages`, in that order: pages and section
    /// files by their names (see [`language_of`]); every language sees every folder;
    /// the files beside the pages go with the default language, once for all.
    pub fn by_language(self, languages: &[crate::config::LanguageConfig]) -> Vec<Content> {
        let mut parts: Vec<Content> = languages
            .iter()
            .map(|_| Content { folders: self.folders.clone(), ..Content::default() })
            .collect();
        if parts.is_empty() {
            return vec![self];
        }
        parts[0].assets = self.assets;
        for source in self.pages.into_iter().chain(self.section_files) {
            let part = &mut parts[language_of(&source.rel, languages)];
            if without_language(&source.rel, languages).file_name().is_some_and(|n| n == SECTION_FILE) {
                part.section_files.push(source);
            } else {
                part.pages.push(source);
            }
        }
        parts
    }
}

/// Reads a text file: UTF-8 required, NFC out.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(Message::ReadFailed { detail: e.to_string() }).in_file(path))?;
    // simdutf8 checks Vietnamese text (letters of one, two and three bytes mixed) many
    // times faster than the standard check; copying the checked text is cheaper still.
    match simdutf8::compat::from_utf8(&bytes) {
        Ok(text) => Ok(crate::text::nfc(text)),
        Err(_) if is_utf16(&bytes) => {
            Err(Diagnostic::error(Message::Utf16).in_file(path).help(Message::HelpSaveAsUtf8))
        }
        Err(e) => {
            let before = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            Err(Diagnostic::error(Message::NotUtf8)
                .in_file(path)
                .at(Span::at_offset(&before, before.len()))
                .help(Message::HelpSaveAsUtf8))
        }
    }
}

/// UTF-16 text: a byte-order mark, or every other byte zero as ASCII letters give.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(200)];
    head.len() >= 8 && head.iter().skip(1).step_by(2).filter(|b| **b == 0).count() * 4 >= head.len() * 3 / 2
}

/// NFC form of a path below `content/`.
pub fn nfc_path(p: &Path) -> PathBuf {
    p.components().map(|c| crate::text::nfc(&c.as_os_str().to_string_lossy())).collect()
}

fn is_hidden_or_temporary(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// Reads every file below `<root>/content`; with a cache (`loa serve`), only the files
/// that changed since the last read. `unsaved`: a page's text as the editor holds it,
/// read instead of its file (or as a new file), never kept in the cache.
pub fn load(
    root: &Path,
    config: &SiteConfig,
    cache: Option<&ReadCache>,
    unsaved: Option<&(PathBuf, String)>,
) -> (Content, Diagnostics) {
    let dir = root.join(CONTENT_DIR);
    let mut diagnostics = Diagnostics::new();
    if !dir.is_dir() {
        diagnostics.push(Diagnostic::error(Message::ContentFolderMissing).in_file(&dir));
        return (Content::default(), diagnostics);
    }
    let mut markdown = Vec::new();
    let mut content = Content::default();
    let walker = WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden_or_temporary(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| dir.clone());
                diagnostics
                    .push(Diagnostic::error(Message::ReadFailed { detail: e.to_string() }).in_file(path));
                continue;
            }
        };
        let rel = nfc_path(entry.path().strip_prefix(&dir).unwrap_or(entry.path()));
        // A link could publish a file from anywhere on the machine: not followed, said.
        if entry.path_is_symlink() {
            diagnostics.push(
                Diagnostic::warning(Message::LinkSkipped)
                    .in_file(entry.path())
                    .help(Message::HelpLinkSkipped),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            content.folders.push(rel);
        } else if rel.extension().is_some_and(|x| x == "md") {
            markdown.push((entry.into_path(), rel));
        } else {
            content.assets.push(Asset { file: entry.into_path(), rel });
        }
    }
    let mut unsaved_read = None;
    if let Some((file, text)) = unsaved {
        markdown.retain(|(f, _)| f != file);
        if let Ok(rel) = file.strip_prefix(&dir) {
            unsaved_read = Some(source_from_text(file.clone(), nfc_path(rel), config, text));
        }
    }
    let mut parsed: Vec<(Option<Source>, Diagnostics)> = match cache {
        None => markdown.into_par_iter().map(|(file, rel)| read_source(file, rel, config)).collect(),
        Some(cache) => cache.read_all(markdown, config),
    };
    parsed.extend(unsaved_read);
    for (source, diags) in parsed {
        diagnostics.extend(diags);
        if let Some(source) = source {
            if source.rel.file_name().is_some_and(|n| n == SECTION_FILE) {
                content.section_files.push(source);
            } else {
                content.pages.push(source);
            }
        }
    }
    (content, diagnostics)
}

pub fn read_source(file: PathBuf, rel: PathBuf, config: &SiteConfig) -> (Option<Source>, Diagnostics) {
    match read_text(&file) {
        Ok(text) => source_from_text(file, rel, config, &text),
        Err(d) => (None, d.into()),
    }
}

/// A page or section file's text read as [`read_source`] reads the file.
pub fn source_from_text(
    file: PathBuf,
    rel: PathBuf,
    config: &SiteConfig,
    text: &str,
) -> (Option<Source>, Diagnostics) {
    let is_section = without_language(&rel, &config.languages).file_name().is_some_and(|n| n == SECTION_FILE);
    match front_matter::split(text, &file) {
        Err(d) => (None, d.into()),
        Ok(split) => {
            let (front, diags) = FrontMatter::read(split.yaml, &file, config, is_section);
            let source = front.map(|front| Source {
                file,
                rel,
                front,
                body: std::sync::Arc::from(split.body),
                body_line: split.body_line,
            });
            (source, diags)
        }
    }
}

/// What a file read gave.
type Read = (Option<Source>, Diagnostics);
/// A file's size and modification time.
type Stamp = (u64, std::time::SystemTime);
/// Each file's stamp and read.
type Reads = std::collections::HashMap<PathBuf, (Stamp, Read)>;

/// The files read by the last build, for `loa serve`: a file is read again when its size
/// or modification time changed, when the watcher names it, or when site.yaml changed.
#[derive(Default)]
pub struct ReadCache {
    /// The site.yaml they were read with (its `Debug` form), and each file's stamp and read.
    files: std::sync::Mutex<(String, Reads)>,
}

impl std::fmt::Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReadCache")
    }
}

impl ReadCache {
    /// Forgets `paths` (all files when `None`): the watcher saw them change.
    pub fn forget(&self, paths: Option<&[PathBuf]>) {
        if let Ok(mut files) = self.files.lock() {
            match paths {
                Some(paths) => paths.iter().for_each(|p| {
                    files.1.remove(p);
                }),
                None => files.1.clear(),
            }
        }
    }

    fn read_all(&self, markdown: Vec<(PathBuf, PathBuf)>, config: &SiteConfig) -> Vec<Read> {
        let config_key = format!("{config:?}");
        let old = match self.files.lock() {
            Ok(mut files) if files.0 == config_key => std::mem::take(&mut files.1),
            _ => Default::default(),
        };
        let read: Vec<(PathBuf, Option<Stamp>, Read)> = markdown
            .into_par_iter()
            .map(|(file, rel)| {
                let stamp = std::fs::metadata(&file).ok().and_then(|m| Some((m.len(), m.modified().ok()?)));
                let kept = old.get(&file).filter(|(old_stamp, _)| Some(*old_stamp) == stamp);
                let result = match kept {
                    Some((_, kept)) => kept.clone(),
                    None => read_source(file.clone(), rel, config),
                };
                (file, stamp, result)
            })
            .collect();
        let mut kept = Reads::new();
        let mut results = Vec::with_capacity(read.len());
        for (file, stamp, result) in read {
            if let Some(stamp) = stamp {
                kept.insert(file, (stamp, result.clone()));
            }
            results.push(result);
        }
        if let Ok(mut files) = self.files.lock() {
            *files = (config_key, kept);
        }
        results
    }
}
