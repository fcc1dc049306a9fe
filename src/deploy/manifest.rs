//! The list of a release's files: path, size and content hash, sorted by path. A deploy
//! compares the build's manifest with the live release's to know what to send, and
//! checks the copy against it before the switch.
//!
//! As text (kept gzipped beside each release): a header line with the counts, then
//! `hash<TAB>size<TAB>path` per file. The hash is the first 128 bits of BLAKE3: enough to
//! tell contents apart, and half the bytes to carry over a slow line.

use std::fs;
use std::io::{Read as _, Write as _};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::messages::{DeployMessage, Message};
use crate::publish::MARKER;

pub const HEADER: &str = "loa-release 1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Relative, with `/`, never starting with `/` or holding `..`.
    pub path: String,
    pub size: u64,
    /// 32 lower-case hex digits.
    pub hash: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub entries: Vec<Entry>,
}

/// What a manifest's header line says, read without the rest (for `--list`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub bytes: u64,
}

impl Manifest {
    /// Every file below `dir` but the build's marker, hashed in parallel. A link or a
    /// name a release cannot carry is an error naming the file.
    pub fn scan(dir: &Path) -> Result<Manifest, Diagnostic> {
        let mut paths = Vec::new();
        for entry in walkdir::WalkDir::new(dir).min_depth(1) {
            let entry = entry.map_err(|e| unreadable(dir, &e.to_string()))?;
            if entry.file_type().is_dir() {
                continue;
            }
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let Some(path) = relative.to_str().map(|p| p.replace('\\', "/")) else {
                return Err(bad_name(entry.path()));
            };
            if path == MARKER {
                continue;
            }
            if !entry.file_type().is_file() {
                return Err(Diagnostic::error(Message::Deploy(DeployMessage::NotAPlainFile {
                    path: entry.path().to_path_buf(),
                })));
            }
            if path.contains(['\t', '\n', '\r']) {
                return Err(bad_name(entry.path()));
            }
            paths.push(path);
        }
        // By bytes, as `get` searches and the server's `LC_ALL=C sort` orders: walking
        // order puts `embed/x` before `embed-frame.js`.
        paths.sort_unstable();
        let entries = paths
            .into_par_iter()
            .map(|path| {
                let full = dir.join(&path);
                let (size, hash) = hash_file(&full).map_err(|e| unreadable(&full, &e.to_string()))?;
                Ok(Entry { path, size, hash })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        Ok(Manifest { entries })
    }

    pub fn totals(&self) -> Totals {
        Totals { files: self.entries.len(), bytes: self.entries.iter().map(|e| e.size).sum() }
    }

    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.binary_search_by(|e| e.path.as_str().cmp(path)).ok().map(|i| &self.entries[i])
    }

    /// Twelve hex digits naming this exact set of files and contents.
    pub fn fingerprint(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        for e in &self.entries {
            hasher.update(e.hash.as_bytes());
            hasher.update(&e.size.to_le_bytes());
            hasher.update(e.path.as_bytes());
            hasher.update(b"\n");
        }
        hasher.finalize().to_hex()[..12].to_string()
    }

    pub fn to_text(&self) -> String {
        let totals = self.totals();
        let mut text = format!("{HEADER}\t{}\t{}\t{}\n", totals.files, totals.bytes, self.fingerprint());
        for e in &self.entries {
            text.push_str(&format!("{}\t{}\t{}\n", e.hash, e.size, e.path));
        }
        text
    }

    pub fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        parse_header(lines.next()?)?;
        let entries = lines
            .map(|line| {
                let mut fields = line.splitn(3, '\t');
                let hash = fields.next()?.to_string();
                let size = fields.next()?.parse().ok()?;
                let path = fields.next()?.to_string();
                safe_relative(&path).then_some(Entry { path, size, hash })
            })
            .collect::<Option<Vec<_>>>()?;
        let sorted = entries.windows(2).all(|w| w[0].path < w[1].path);
        sorted.then_some(Manifest { entries })
    }

    pub fn to_gzip(&self) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = encoder.write_all(self.to_text().as_bytes());
        encoder.finish().unwrap_or_default()
    }

    pub fn from_gzip(bytes: &[u8]) -> Option<Manifest> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut text).ok()?;
        Manifest::parse(&text)
    }
}

/// The counts in a manifest's first line.
pub fn parse_header(line: &str) -> Option<Totals> {
    let mut fields = line.split('\t');
    (fields.next()? == HEADER).then_some(())?;
    Some(Totals { files: fields.next()?.parse().ok()?, bytes: fields.next()?.parse().ok()? })
}

/// The counts in the first line of a gzipped manifest.
pub fn gzip_totals(bytes: &[u8]) -> Option<Totals> {
    let mut head = [0u8; 256];
    let mut decoder = flate2::read::GzDecoder::new(bytes);
    let mut filled = 0;
    while filled < head.len() {
        match decoder.read(&mut head[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    let text = std::str::from_utf8(&head[..filled]).ok().or_else(|| {
        let valid = std::str::from_utf8(&head[..filled]).err()?.valid_up_to();
        std::str::from_utf8(&head[..valid]).ok()
    })?;
    parse_header(text.lines().next()?)
}

/// A path that stays inside the folder it is joined to.
pub fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(['\t', '\n', '\r', '\\', '\0'])
        && path.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
}

/// Size and hash of one file, read in blocks.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = fs::File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    let size = std::io::copy(&mut file, &mut hasher)?;
    Ok((size, hasher.finalize().to_hex()[..32].to_string()))
}

fn unreadable(path: &Path, detail: &str) -> Diagnostic {
    Diagnostic::error(Message::Deploy(DeployMessage::ReadFailed {
        path: path.to_path_buf(),
        detail: detail.into(),
    }))
}

fn bad_name(path: &Path) -> Diagnostic {
    Diagnostic::error(Message::Deploy(DeployMessage::UnsendableName { path: path.to_path_buf() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_survives_text_and_gzip_and_names_its_contents() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a/b")).unwrap();
        fs::write(dir.path().join("a/b/index.html"), "<p>xin chào</p>").unwrap();
        fs::write(dir.path().join("style.css"), "p{}").unwrap();
        fs::write(dir.path().join("a-b.js"), "").unwrap();
        fs::write(dir.path().join(MARKER), "marker").unwrap();
        let manifest = Manifest::scan(dir.path()).unwrap();
        let paths: Vec<&str> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
        // By bytes, `-` before `/`, as the server's `LC_ALL=C sort` orders them.
        assert_eq!(
            paths,
            ["a-b.js", "a/b/index.html", "style.css"],
            "the build's marker is not part of a release"
        );
        assert_eq!(manifest.totals(), Totals { files: 3, bytes: 16 + 3 });
        assert_eq!(Manifest::parse(&manifest.to_text()).as_ref(), Some(&manifest));
        assert_eq!(Manifest::from_gzip(&manifest.to_gzip()).as_ref(), Some(&manifest));
        assert_eq!(gzip_totals(&manifest.to_gzip()), Some(manifest.totals()));
        assert_eq!(manifest.get("style.css").map(|e| e.size), Some(3));
        assert_eq!(manifest.get("a/b/index.html").map(|e| e.size), Some(16));

        let before = manifest.fingerprint();
        fs::write(dir.path().join("style.css"), "p{x}").unwrap();
        assert_ne!(Manifest::scan(dir.path()).unwrap().fingerprint(), before, "a change in content");
    }

    #[test]
    fn manifests_that_would_leave_the_folder_are_refused() {
        for path in ["../x", "/etc/passwd", "a/../../x", "a//b", "a\\b", "."] {
            let text = format!("{HEADER}\t1\t1\tf\n{}\t1\t{path}\n", "0".repeat(32));
            assert_eq!(Manifest::parse(&text), None, "{path}");
        }
        let unsorted = format!("{HEADER}\t2\t2\tf\nh\t1\tb\nh\t1\ta\n");
        assert_eq!(Manifest::parse(&unsorted), None);
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_output_are_named_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("passwd")).unwrap();
        let error = Manifest::scan(dir.path()).unwrap_err();
        assert!(error.message.text(crate::messages::Lang::En).contains("passwd"));
    }
}
