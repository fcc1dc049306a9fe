//! Publishing: puts a build's files in the output folder only when every file is
//! made, so a failed build never leaves a half-built site. Two ways ([`Writer`]):
//!
//! - a whole build ([`Staging`]) writes a complete output set beside the output folder
//!   and swaps it in; unchanged files are hard-linked from the previous build (same
//!   bytes, same modification time), so deploying with rsync copies only what changed;
//! - with the build cache's ledger of the folder (`ledger.rs`), only the files that
//!   change are written beside it, then moved in one by one, and the files no longer
//!   made are removed ([`update::Update`]).
//!
//! loa only ever replaces a folder that it wrote itself (it leaves a marker file) or an
//! empty one.

pub mod ledger;
pub mod update;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::lock;
use crate::messages::Message;
use crate::outputs::{Body, Output};
use ledger::Entry;

/// The file that marks a folder as loa's output.
pub const MARKER: &str = ".loa-output";
pub const MARKER_TEXT: &str = "This folder is written by loa and replaced on every build.\n";

/// `dir` as an absolute path without `.` or `..`, with symbolic links in its parent
/// folders resolved, so checks and sibling folders see the real place.
fn resolve(dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    match (clean.parent().and_then(|p| fs::canonicalize(p).ok()), clean.file_name()) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => clean,
    }
}

/// May loa replace `dir`? Yes when it does not exist, is empty, or carries the marker;
/// never when it is a symbolic link, the site's folder or one of its source folders.
pub fn check_output_folder(dir: &Path, site_root: &Path) -> Result<(), Diagnostic> {
    let dir_abs = resolve(dir);
    let root_abs = fs::canonicalize(site_root).unwrap_or_else(|_| resolve(site_root));
    let protected = ["content", "static", "templates", "themes"].map(|d| root_abs.join(d));
    let is_source = root_abs.starts_with(&dir_abs) || protected.iter().any(|p| dir_abs.starts_with(p));
    if is_source || dir_abs.file_name().is_none() {
        return Err(Diagnostic::error(Message::OutputIsSourceFolder { path: dir.to_path_buf() })
            .help(Message::HelpOutputNotOurs));
    }
    let Ok(meta) = fs::symlink_metadata(&dir_abs) else { return Ok(()) };
    if is_mount_point(&dir_abs) {
        // loa replaces the output folder as a whole, which a mount point refuses: say so
        // before anything is written.
        return Err(Diagnostic::error(Message::OutputIsMountPoint { path: dir.to_path_buf() })
            .help(Message::HelpOutputIsMountPoint));
    }
    let is_ours = meta.is_dir() && dir_abs.join(MARKER).is_file();
    let is_empty = meta.is_dir() && fs::read_dir(&dir_abs).map(|mut d| d.next().is_none()).unwrap_or(false);
    if !meta.file_type().is_symlink() && (is_ours || is_empty) {
        Ok(())
    } else {
        Err(Diagnostic::error(Message::OutputNotOurs { path: dir.to_path_buf() })
            .help(Message::HelpOutputNotOurs))
    }
}

/// Is `dir` where another file system is mounted (its device differs from its parent's)?
#[cfg(unix)]
fn is_mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(dir), dir.parent().map(fs::metadata)) {
        (Ok(d), Some(Ok(p))) => d.is_dir() && d.dev() != p.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_mount_point(_: &Path) -> bool {
    false
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    dir.with_file_name(format!(".{name}.{suffix}"))
}

/// How a build's files reach the output folder.
pub enum Writer {
    /// Every file, into a new folder swapped in at the end.
    Whole(Staging),
    /// Only the files that change, moved in at the end.
    Changes(update::Update),
}

impl Writer {
    /// With the ledger of `dir`'s last build (the build cache), only what changes is
    /// written; without one, the whole folder.
    pub fn begin(
        dir: &Path,
        site_root: &Path,
        ledger: Option<rustc_hash::FxHashMap<String, Entry>>,
    ) -> Result<Writer, Diagnostic> {
        match ledger {
            Some(ledger) if resolve(dir).join(MARKER).is_file() => {
                check_output_folder(dir, site_root)?;
                update::Update::begin(dir, ledger).map(Writer::Changes)
            }
            _ => Staging::begin(dir, site_root).map(Writer::Whole),
        }
    }

    /// The template inputs of the pages the output folder holds as the last build left
    /// them: a page whose inputs hash the same need not be rendered.
    pub fn previous_keys(&self) -> rustc_hash::FxHashMap<String, u128> {
        match self {
            Writer::Whole(_) => Default::default(),
            Writer::Changes(update) => update.previous_keys(),
        }
    }

    pub fn write(&self, output: &Output) -> Result<(), Diagnostic> {
        match self {
            Writer::Whole(staging) => staging.write(output),
            Writer::Changes(update) => update.write(output),
        }
    }

    /// Puts the build in place; returns each file as the ledger records it.
    pub fn finish(self) -> Result<Vec<(String, Entry)>, Diagnostic> {
        match self {
            Writer::Whole(staging) => staging.finish(),
            Writer::Changes(update) => update.finish(),
        }
    }
}

/// A build's files on their way into the output folder: written beside it as they are
/// made, then swapped in by [`Staging::finish`] only when every file is there. Dropped
/// unfinished (the build failed), it removes what it wrote and leaves the folder as it was.
pub struct Staging {
    dir: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    /// Each file written, as the ledger records it.
    written: Mutex<Vec<(String, Entry)>>,
    /// The highest folder above the staging folder that did not exist before.
    made_from: Option<PathBuf>,
    /// Whether there is a previous build to link unchanged files from.
    had_previous: bool,
    folders: Folders,
    finished: bool,
    /// Held for the whole build: a second build into the same folder is refused rather
    /// than sharing (and deleting) this one's staging folder. The system lets it go when
    /// the process ends, however it ends.
    _lock: fs::File,
}

/// Folders made in a staging folder so far: most hold several files (page, embed,
/// scripts), so each is made once.
#[derive(Default)]
struct Folders(Mutex<HashSet<PathBuf>>);

impl Folders {
    /// Makes the folder `target` goes in, below `staging`, unless it is there already.
    fn make_for(&self, target: &Path, staging: &Path) -> io::Result<()> {
        if let Some(parent) = target.parent().filter(|p| *p != staging) {
            if !lock(&self.0).contains(parent) {
                fs::create_dir_all(parent)?;
                lock(&self.0).insert(parent.to_path_buf());
            }
        }
        Ok(())
    }
}

/// Takes the output folder `dir`'s lock and makes its staging folder, empty and marked,
/// after removing what an interrupted run left (putting back a previous site that a run
/// stopped between its two renames left under `old`). Returns the lock.
fn open_staging(dir: &Path, staging: &Path, old: &Path) -> Result<fs::File, Diagnostic> {
    let lock = take_lock(&sibling(dir, "loa-lock"), dir)?;
    if !dir.exists() && old.join(MARKER).is_file() {
        fs::rename(old, dir).map_err(|e| write_failed(old, e))?;
    }
    for leftover in [staging, old] {
        remove_own_folder(leftover).map_err(|e| write_failed(leftover, e))?;
    }
    fs::create_dir_all(staging).map_err(|e| write_failed(staging, e))?;
    fs::write(staging.join(MARKER), MARKER_TEXT).map_err(|e| write_failed(staging, e))?;
    Ok(lock)
}

fn write_failed(path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(Message::WriteFailed { path: path.to_path_buf(), detail: e.to_string() })
}

impl Staging {
    /// Checks that loa may replace `dir` and opens an empty staging folder beside it.
    pub fn begin(dir: &Path, site_root: &Path) -> Result<Staging, Diagnostic> {
        check_output_folder(dir, site_root)?;
        let dir = resolve(dir);
        let staging = sibling(&dir, "loa-staging");
        let old = sibling(&dir, "loa-old");
        // Folders made for the output's place, removed again if the build fails.
        let made_from = staging.ancestors().skip(1).take_while(|a| !a.exists()).last().map(Path::to_path_buf);
        let lock = open_staging(&dir, &staging, &old)?;
        let had_previous = dir.is_dir();
        Ok(Staging {
            dir,
            staging,
            old,
            made_from,
            written: Mutex::default(),
            had_previous,
            folders: Folders::default(),
            finished: false,
            _lock: lock,
        })
    }

    /// Writes one file, or links it from the previous build when its bytes are the same.
    pub fn write(&self, output: &Output) -> Result<(), Diagnostic> {
        let target = self.staging.join(&output.path);
        let previous = self.dir.join(&output.path);
        let fail = |e| write_failed(&previous, e);
        self.folders.make_for(&target, &self.staging).map_err(fail)?;
        let content = content_of(&output.body).map_err(fail)?;
        let previous = self.had_previous.then_some(previous.as_path());
        let meta = write_one(output, previous, &target).map_err(fail)?;
        let entry = Entry { size: meta.len(), modified: modified_nanos(&meta), content, key: None };
        lock(&self.written).push((output.path.clone(), entry));
        Ok(())
    }

    /// Swaps the staged files in; returns each file as the ledger records it.
    /// On Linux the two folders are exchanged in one step, so there is no moment without
    /// a site; elsewhere (or where the file system cannot) with two renames, putting the
    /// previous site back if the second fails.
    pub fn finish(mut self) -> Result<Vec<(String, Entry)>, Diagnostic> {
        let (dir, staging, old) = (&self.dir, &self.staging, &self.old);
        if dir.exists() {
            if exchange(staging, dir).is_ok() {
                // The previous site now sits in the staging folder: the next run removes
                // it if this one cannot.
                let _ = remove_own_folder(staging);
            } else {
                fs::rename(dir, old).map_err(|e| write_failed(dir, e))?;
                if let Err(e) = fs::rename(staging, dir) {
                    // Put the previous site back where it was.
                    let _ = fs::rename(old, dir);
                    return Err(write_failed(dir, e));
                }
                // The new site is live; a leftover old tree is removed by the next run.
                let _ = remove_own_folder(old);
            }
        } else {
            // `begin` made the staging folder, and so the output's parent, beside it.
            fs::rename(staging, dir).map_err(|e| write_failed(dir, e))?;
        }
        self.finished = true;
        Ok(std::mem::take(&mut *lock(&self.written)))
    }
}

/// Swaps two folders in one step (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "no atomic exchange here"))
}

/// Takes the output folder's lock, or says another build holds it.
fn take_lock(path: &Path, dir: &Path) -> Result<fs::File, Diagnostic> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| write_failed(parent, e))?;
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| write_failed(path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            Err(Diagnostic::error(Message::OutputBusy { path: dir.to_path_buf() })
                .help(Message::HelpOutputBusy))
        }
        Err(fs::TryLockError::Error(e)) => Err(write_failed(path, e)),
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_own_folder(&self.staging);
            if let Some(top) = &self.made_from {
                // The lock file sits in a folder this build made: it goes with it.
                let _ = fs::remove_file(sibling(&self.dir, "loa-lock"));
                // Only empty folders go: `remove_dir` refuses any other.
                for folder in self.staging.ancestors().skip(1) {
                    let _ = fs::remove_dir(folder);
                    if folder == top {
                        break;
                    }
                }
            }
        }
    }
}

/// Removes a staging or old folder left by an interrupted run, but only if it is ours.
/// The marker goes last, so a run killed halfway leaves a folder the next run still
/// knows as its own (before, a folder without its marker refused every later build).
fn remove_own_folder(dir: &Path) -> io::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    // An empty folder is what a run killed between making the folder and marking it
    // (or between unmarking and removing it) leaves: nothing to lose.
    if fs::read_dir(dir)?.next().is_none() {
        return fs::remove_dir(dir);
    }
    if !dir.join(MARKER).is_file() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a folder of this name exists and was not written by loa",
        ));
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    fs::remove_file(dir.join(MARKER))?;
    fs::remove_dir(dir)
}

/// What a file will hold, as the ledger records it: the hash of made bytes, or of a
/// copied file's path, size and modification time (a video is not read to hash it).
fn content_of(body: &Body) -> io::Result<u128> {
    match body {
        Body::Bytes(bytes) => Ok(ledger::short(&blake3::hash(bytes))),
        Body::Copy(source) => {
            let meta = fs::metadata(source)?;
            let described = format!("{}\0{}\0{}", source.display(), meta.len(), modified_nanos(&meta));
            Ok(ledger::short(&blake3::hash(described.as_bytes())))
        }
        Body::Unchanged => Err(gone()),
    }
}

/// A file said to be unchanged that the previous build did not leave.
fn gone() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "the previous build's file is not there any more")
}

/// Writes one file into the staging folder (its folder exists), or links it from the
/// previous build when its bytes are the same (keeping its modification time); returns
/// the file's metadata.
fn write_one(output: &Output, previous: Option<&Path>, target: &Path) -> io::Result<fs::Metadata> {
    if let Some(previous) = previous {
        let same = match &output.body {
            Body::Bytes(bytes) => same_bytes(previous, bytes),
            Body::Copy(source) => same_file_content(previous, source),
            Body::Unchanged => return Err(gone()),
        };
        if same && fs::hard_link(previous, target).is_ok() {
            return fs::symlink_metadata(target);
        }
    }
    write_body(&output.body, target)?;
    // Read once the file is closed: some file systems (NTFS, NFS) set the time then.
    fs::symlink_metadata(target)
}

/// Writes a made or copied file at `target`, whose folder exists.
fn write_body(body: &Body, target: &Path) -> io::Result<()> {
    match body {
        Body::Bytes(bytes) => fs::write(target, bytes.as_slice()),
        Body::Copy(source) => fs::copy(source, target).map(|_| ()),
        Body::Unchanged => Err(gone()),
    }
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => fs::read(path).is_ok_and(|old| old == bytes),
        _ => false,
    }
}

fn same_file_content(previous: &Path, source: &Path) -> bool {
    match (fs::metadata(previous), fs::metadata(source)) {
        (Ok(a), Ok(b)) if a.is_file() && a.len() == b.len() => same_stream(previous, source).unwrap_or(false),
        _ => false,
    }
}

/// Compares two files a block at a time, so a large copied file (a video) never sits in
/// memory, let alone twice.
fn same_stream(a: &Path, b: &Path) -> std::io::Result<bool> {
    const BLOCK: usize = 64 * 1024;
    let (mut a, mut b) = (fs::File::open(a)?, fs::File::open(b)?);
    let (mut x, mut y) = (vec![0u8; BLOCK], vec![0u8; BLOCK]);
    loop {
        let n = read_block(&mut a, &mut x)?;
        let m = read_block(&mut b, &mut y)?;
        if n != m || x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Fills `buf` as far as the file goes.
fn read_block(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read;
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn mount_points_are_told_from_plain_folders() {
        assert!(super::is_mount_point(std::path::Path::new("/proc")));
        let plain = tempfile::tempdir().unwrap();
        assert!(!super::is_mount_point(&plain.path().join("public")));
        std::fs::create_dir(plain.path().join("public")).unwrap();
        assert!(!super::is_mount_point(&plain.path().join("public")));
    }
}

/// A file's modification time in nanoseconds since 1970 (0 when unknown).
pub fn modified_nanos(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}
