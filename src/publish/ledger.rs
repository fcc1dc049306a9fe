//! The build cache's ledger: every file the last `loa build` put in an output folder,
//! with its size and modification time (is it still as written?), the hash of its bytes
//! (would this build write the same?) and, for a rendered page, the hash of what it was
//! rendered from (can the render be skipped?). Kept in `.loa-cache/build/` in the site's
//! folder, one ledger per output folder, valid only for the program that wrote it.
//!
//! A ledger that does not read back exactly as written (cut short, edited, from another
//! version of loa) is discarded whole: the next build is a cold one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::modified_nanos;

/// The cache's folder inside the site's folder.
pub const DIR: &str = ".loa-cache/build";
const HEADER: &str = "loa build cache 1\n";

/// One file of the output folder as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub size: u64,
    /// Nanoseconds since 1970.
    pub modified: u128,
    /// What the file holds: the hash of its bytes, or for a copied file the hash of its
    /// source's path, size and modification time.
    pub content: u128,
    /// For a rendered page, the hash of its template inputs.
    pub key: Option<u128>,
}

/// The first 128 bits of a hash: plenty to tell files apart, half the ledger's size.
pub use crate::render::memo::short;

/// The running program, as precisely as the system tells it: a rebuilt loa renders
/// differently, so what an older one remembered must not be reused.
pub fn program_stamp() -> Option<String> {
    let program = std::env::current_exe().and_then(fs::metadata).ok()?;
    Some(format!("{} {} {}", env!("CARGO_PKG_VERSION"), program.len(), modified_nanos(&program)))
}

/// What the ledger holds: the files, and the figures noted with some inputs (a
/// broadcast script's length, which the desk shows without making the script again).
#[derive(Debug, Default)]
pub struct Ledger {
    pub files: FxHashMap<String, Entry>,
    pub figures: FxHashMap<u128, Vec<u64>>,
}

/// Where the ledger of the output folder `out_dir` (absolute) lives.
fn place(root: &Path, out_dir: &Path) -> PathBuf {
    let name = short(&blake3::hash(out_dir.to_string_lossy().as_bytes()));
    root.join(DIR).join(format!("ledger-{name:032x}"))
}

/// The ledger of `out_dir`, if one was written by this program and reads back whole.
pub fn load(root: &Path, out_dir: &Path) -> Option<Ledger> {
    let text = fs::read_to_string(place(root, out_dir)).ok()?;
    let (body, sum) = text.strip_suffix('\n')?.rsplit_once('\n')?;
    let body = &text[..body.len() + 1];
    if sum.strip_prefix("sum\t")? != blake3::hash(body.as_bytes()).to_hex().as_str() {
        return None;
    }
    let mut lines = body.strip_prefix(HEADER)?.lines();
    let program = lines.next()?.strip_prefix("program\t")?;
    if Some(program) != program_stamp().as_deref() {
        return None;
    }
    let mut ledger = Ledger::default();
    for line in lines {
        if let Some(noted) = line.strip_prefix("n\t") {
            let mut fields = noted.split('\t');
            let key = u128::from_str_radix(fields.next()?, 16).ok()?;
            let figures: Vec<u64> = fields.map(str::parse).collect::<Result<_, _>>().ok()?;
            ledger.figures.insert(key, figures);
            continue;
        }
        // A path may hold anything but a tab or a line break, so it comes last.
        let [size, modified, content, key, path] =
            line.strip_prefix("f\t")?.splitn(5, '\t').collect::<Vec<_>>()[..]
        else {
            return None;
        };
        let key = match key {
            "-" => None,
            k => Some(u128::from_str_radix(k, 16).ok()?),
        };
        let entry = Entry {
            size: size.parse().ok()?,
            modified: modified.parse().ok()?,
            content: u128::from_str_radix(content, 16).ok()?,
            key,
        };
        // The ledger names the files a build may remove: only paths inside the output
        // folder, whoever wrote the file.
        if crate::site::safe_output_path(path).as_deref() != Some(path) {
            return None;
        }
        ledger.files.insert(path.to_string(), entry);
    }
    Some(ledger)
}

/// Writes the ledger of `out_dir` (absolute): the temporary file renamed over the old
/// one, so a reader sees the old ledger or the new, never half of one.
pub fn save(
    root: &Path,
    out_dir: &Path,
    files: &[(String, Entry)],
    figures: &[(u128, Vec<u64>)],
) -> io::Result<()> {
    let Some(program) = program_stamp() else { return forget(root, out_dir) };
    let mut text = String::with_capacity(HEADER.len() + files.len() * 120);
    text.push_str(HEADER);
    text.push_str(&format!("program\t{program}\n"));
    for (path, e) in files {
        if path.contains(['\t', '\n', '\r']) {
            // Such a path cannot be recorded: the next build is a cold one.
            return forget(root, out_dir);
        }
        let key = e.key.map_or_else(|| "-".to_string(), |k| format!("{k:032x}"));
        text.push_str(&format!("f\t{}\t{}\t{:032x}\t{key}\t{path}\n", e.size, e.modified, e.content));
    }
    for (key, figures) in figures {
        text.push_str(&format!("n\t{key:032x}"));
        for figure in figures {
            text.push_str(&format!("\t{figure}"));
        }
        text.push('\n');
    }
    let sum = blake3::hash(text.as_bytes()).to_hex();
    text.push_str(&format!("sum\t{sum}\n"));
    let place = place(root, out_dir);
    let folder = root.join(DIR);
    fs::create_dir_all(&folder)?;
    let mut temporary = tempfile::NamedTempFile::new_in(&folder)?;
    io::Write::write_all(&mut temporary, text.as_bytes())?;
    temporary.persist(&place).map_err(|e| e.error)?;
    Ok(())
}

/// Drops the ledger of `out_dir`: the next build into it is a cold one.
pub fn forget(root: &Path, out_dir: &Path) -> io::Result<()> {
    match fs::remove_file(place(root, out_dir)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_reads_back_as_written_and_any_change_discards_it() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        let files = vec![
            ("index.html".to_string(), Entry { size: 5, modified: 17, content: 0xabc, key: Some(0xdef) }),
            ("a b/tệp.txt".to_string(), Entry { size: 0, modified: 1, content: 2, key: None }),
        ];
        save(site.path(), &out, &files, &[(0x42, vec![3, 0, 7])]).unwrap();
        let read = load(site.path(), &out).expect("reads back");
        assert_eq!(read.files.len(), 2);
        assert_eq!(read.files["index.html"], files[0].1);
        assert_eq!(read.files["a b/tệp.txt"], files[1].1);
        assert_eq!(read.figures[&0x42], [3, 0, 7]);
        assert!(load(site.path(), &site.path().join("other")).is_none(), "another output folder");

        let file = place(site.path(), &out);
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, text.replace("\t17\t", "\t18\t")).unwrap();
        assert!(load(site.path(), &out).is_none(), "an edited ledger is discarded");
        fs::write(&file, &text[..text.len() / 2]).unwrap();
        assert!(load(site.path(), &out).is_none(), "a ledger cut short is discarded");
        let other_program = text.replacen("program\t", "program\tx", 1);
        let body = &other_program[..other_program.rfind("sum\t").unwrap()];
        let resummed = format!("{body}sum\t{}\n", blake3::hash(body.as_bytes()).to_hex());
        fs::write(&file, resummed).unwrap();
        assert!(load(site.path(), &out).is_none(), "another program's ledger is not used");
        // A path leading out of the output folder makes the whole ledger unusable.
        let outside = vec![("../site.yaml".to_string(), files[0].1)];
        save(site.path(), &out, &outside, &[]).unwrap();
        assert!(load(site.path(), &out).is_none(), "a path outside the output folder");
        forget(site.path(), &out).unwrap();
        assert!(!file.exists());
    }
}
