//! Skipping a build that would write the same site again: `loa build` with nothing
//! changed since the last build checks that in milliseconds and touches no file.
//!
//! After each build the output folder's marker file records a fingerprint of everything
//! the build read (the loa program, the options, the path, size and modification time
//! of site.yaml and of every file below content/, templates/, static/ and themes/), the
//! next moment a page becomes due or expires, and each output file's size and
//! modification time. While all of that still holds, the folder is what a build would
//! write. A file changed within the last two seconds is not trusted to show its change
//! in its modification time, so it makes the next build a full one.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use crate::build::BuildOptions;
use crate::publish::{modified_nanos, MARKER, MARKER_TEXT};

/// The folders and files a build reads, below the site's root.
const INPUTS: &[&str] = &["site.yaml", "content", "templates", "static", "themes", "i18n"];
/// Modification times closer to now than this may hide a change.
const SETTLE: Duration = Duration::from_secs(2);

/// What the last build left, as recorded in the marker.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub inputs: String,
    /// Seconds since 1970 when a page becomes due or expires, if one does.
    pub valid_until: Option<i64>,
    pub pages: usize,
    pub sections: usize,
    pub terms: usize,
    pub warnings: usize,
    /// Output path, size, modification time in nanoseconds.
    pub files: Vec<(String, u64, u128)>,
}

/// The fingerprint of everything a build with `options` reads, or `None` when a file
/// changed too recently to be sure of it.
pub fn fingerprint(options: &BuildOptions) -> Option<String> {
    let mut hasher = blake3::Hasher::new();
    let program = crate::publish::ledger::program_stamp()?;
    let settled = SystemTime::now().checked_sub(SETTLE)?;
    let settled = settled.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_nanos();
    let described = format!(
        "{program} {:?} {:?} {:?}",
        options.drafts,
        options.base_url,
        crate::build::output_dir(options),
    );
    hasher.update(described.as_bytes());
    for name in INPUTS {
        let walker = walkdir::WalkDir::new(options.root.join(name)).sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                // Missing folders are fine; anything unreadable means "do build".
                Err(e) if e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) => {
                    continue
                }
                Err(_) => return None,
            };
            let meta = entry.metadata().ok()?;
            let modified = modified_nanos(&meta);
            if modified > settled {
                return None;
            }
            let line = format!("{}\t{}\t{}\n", entry.path().display(), meta.len(), modified);
            hasher.update(line.as_bytes());
        }
    }
    Some(hasher.finalize().to_hex().to_string())
}

/// The record in `dir`'s marker, if there is one.
fn read(dir: &Path) -> Option<Record> {
    let text = fs::read_to_string(dir.join(MARKER)).ok()?;
    let mut record = Record::default();
    for line in text.strip_prefix(MARKER_TEXT)?.lines() {
        // A path may hold anything but a tab or a line break, so it comes last.
        let fields: Vec<&str> = line.splitn(4, '\t').collect();
        match fields[..] {
            ["inputs", v] => record.inputs = v.to_string(),
            ["valid-until", v] => record.valid_until = Some(v.parse().ok()?),
            ["counts", pages, sections, terms_warnings] => {
                let (terms, warnings) = terms_warnings.split_once('\t')?;
                record.pages = pages.parse().ok()?;
                record.sections = sections.parse().ok()?;
                record.terms = terms.parse().ok()?;
                record.warnings = warnings.parse().ok()?;
            }
            ["file", size, modified, path] => {
                record.files.push((path.to_string(), size.parse().ok()?, modified.parse().ok()?))
            }
            _ => return None,
        }
    }
    Some(record)
}

/// The output files the last build in `dir` recorded, whatever changed since.
pub fn recorded_files(dir: &Path) -> Option<Vec<String>> {
    read(dir).map(|r| r.files.into_iter().map(|(path, _, _)| path).collect())
}

/// The last build's record, when `dir` still holds exactly what it wrote and the inputs
/// still have `fingerprint`.
pub fn current(dir: &Path, fingerprint: &str) -> Option<Record> {
    let record = read(dir)?;
    if record.inputs != fingerprint || record.files.is_empty() {
        return None;
    }
    if record.valid_until.is_some_and(|t| jiff::Timestamp::now().as_second() >= t) {
        return None;
    }
    let intact = record.files.par_iter().all(|(path, size, modified)| {
        fs::symlink_metadata(dir.join(path))
            .is_ok_and(|m| m.is_file() && m.len() == *size && modified_nanos(&m) == *modified)
    });
    intact.then_some(record)
}

/// Writes the record of a finished build into `dir`'s marker; `record.files` are the
/// files the build wrote, as [`crate::publish::Staging::finish`] returns them.
pub fn record(dir: &Path, mut record: Record) -> std::io::Result<()> {
    // Paths with a tab or a line break cannot be recorded: such a site always builds.
    if record.files.iter().any(|(path, _, _)| path.contains(['\t', '\n', '\r'])) {
        record.files.clear();
    }
    record.files.sort_unstable();
    let mut text = String::from(MARKER_TEXT);
    text.push_str(&format!("inputs\t{}\n", record.inputs));
    if let Some(t) = record.valid_until {
        text.push_str(&format!("valid-until\t{t}\n"));
    }
    text.push_str(&format!(
        "counts\t{}\t{}\t{}\t{}\n",
        record.pages, record.sections, record.terms, record.warnings
    ));
    for (path, size, modified) in &record.files {
        text.push_str(&format!("file\t{size}\t{modified}\t{path}\n"));
    }
    fs::write(dir.join(MARKER), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_holds_until_a_page_becomes_due_and_while_the_files_are_there() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.html"), "a").unwrap();
        let meta = fs::metadata(dir.path().join("a.html")).unwrap();
        let files = vec![("a.html".to_string(), meta.len(), modified_nanos(&meta))];
        let soon = jiff::Timestamp::now().as_second() + 3600;
        let record =
            Record { inputs: "abc".into(), valid_until: Some(soon), pages: 1, files, ..Default::default() };
        super::record(dir.path(), record.clone()).unwrap();
        let kept = current(dir.path(), "abc").expect("still current");
        assert_eq!((kept.pages, kept.valid_until, kept.files.len()), (1, Some(soon), 1));
        assert!(current(dir.path(), "abd").is_none(), "other inputs");

        let past = Record { valid_until: Some(jiff::Timestamp::now().as_second() - 1), ..record };
        super::record(dir.path(), past.clone()).unwrap();
        assert!(current(dir.path(), "abc").is_none(), "a page became due or expired");

        super::record(dir.path(), Record { valid_until: None, ..past }).unwrap();
        fs::write(dir.path().join("a.html"), "changed").unwrap();
        assert!(current(dir.path(), "abc").is_none(), "an output file changed");
    }
}
