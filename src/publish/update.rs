//! A build that knows, from the build cache's ledger, what the output folder holds: only
//! the files whose bytes change are written, beside the folder, and only once the whole
//! build has succeeded are they moved in (each in one step) and the files no longer made
//! removed. A failed build drops what it wrote and leaves the folder as it was.
//!
//! A file is trusted to be what the ledger says while its size and modification time
//! are: one changed or removed by hand since is written again.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::ledger::Entry;
use super::{
    content_of, gone, modified_nanos, open_staging, remove_own_folder, resolve, sibling, write_body,
    write_failed, Folders,
};
use crate::diagnostics::Diagnostic;
use crate::lock;
use crate::outputs::{Body, Output};

pub struct Update {
    dir: PathBuf,
    staging: PathBuf,
    /// The files of the last build that are still as it left them.
    intact: FxHashMap<String, Entry>,
    /// Every file of the last build, to remove those this one does not make.
    recorded: Vec<String>,
    /// Each file of this build, as the ledger records it.
    made: Mutex<Vec<(String, Entry)>>,
    /// The files written into the staging folder, to move into the output folder.
    staged: Mutex<Vec<String>>,
    folders: Folders,
    finished: bool,
    _lock: fs::File,
}

impl Update {
    /// Opens an update of `dir`, which holds a build whose files `ledger` lists. The
    /// caller has checked that loa may write `dir`.
    pub fn begin(dir: &Path, ledger: FxHashMap<String, Entry>) -> Result<Update, Diagnostic> {
        let dir = resolve(dir);
        let staging = sibling(&dir, "loa-staging");
        let lock = open_staging(&dir, &staging, &sibling(&dir, "loa-old"))?;
        let recorded: Vec<String> = ledger.keys().cloned().collect();
        let intact = ledger
            .into_par_iter()
            .filter(|(path, e)| {
                fs::symlink_metadata(dir.join(path))
                    .is_ok_and(|m| m.is_file() && m.len() == e.size && modified_nanos(&m) == e.modified)
            })
            .collect();
        Ok(Update {
            dir,
            staging,
            intact,
            recorded,
            made: Mutex::default(),
            staged: Mutex::default(),
            folders: Folders::default(),
            finished: false,
            _lock: lock,
        })
    }

    /// The template inputs of the rendered files still as the last build left them.
    pub fn previous_keys(&self) -> FxHashMap<String, u128> {
        self.intact.iter().filter_map(|(path, e)| Some((path.clone(), e.key?))).collect()
    }

    /// Takes one file of the build: nothing to do when the folder holds its bytes
    /// already, else it is written into the staging folder.
    pub fn write(&self, output: &Output) -> Result<(), Diagnostic> {
        let fail = |e| write_failed(&self.dir.join(&output.path), e);
        let old = self.intact.get(&output.path);
        if let Body::Unchanged = output.body {
            let entry = *old.ok_or_else(gone).map_err(fail)?;
            lock(&self.made).push((output.path.clone(), entry));
            return Ok(());
        }
        let content = content_of(&output.body).map_err(fail)?;
        if let Some(old) = old.filter(|e| e.content == content) {
            lock(&self.made).push((output.path.clone(), Entry { key: None, ..*old }));
            return Ok(());
        }
        let target = self.staging.join(&output.path);
        self.folders.make_for(&target, &self.staging).map_err(fail)?;
        write_body(&output.body, &target).map_err(fail)?;
        let meta = fs::symlink_metadata(&target).map_err(fail)?;
        let entry = Entry { size: meta.len(), modified: modified_nanos(&meta), content, key: None };
        lock(&self.made).push((output.path.clone(), entry));
        lock(&self.staged).push(output.path.clone());
        Ok(())
    }

    /// Puts the build in place: removes the last build's files that this one does not
    /// make, moves the written ones in, and returns every file as the ledger records it.
    pub fn finish(mut self) -> Result<Vec<(String, Entry)>, Diagnostic> {
        let made = std::mem::take(&mut *lock(&self.made));
        let staged = std::mem::take(&mut *lock(&self.staged));
        let now: FxHashSet<&str> = made.iter().map(|(p, _)| p.as_str()).collect();
        // First the files no longer made: a page's folder may have become a file.
        for path in self.recorded.iter().filter(|p| !now.contains(p.as_str())) {
            let file = self.dir.join(path);
            match fs::remove_file(&file) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(write_failed(&file, e)),
                _ => remove_empty_folders(&file, &self.dir),
            }
        }
        for path in &staged {
            let (from, to) = (self.staging.join(path), self.dir.join(path));
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(|e| write_failed(parent, e))?;
            }
            fs::rename(&from, &to).map_err(|e| write_failed(&to, e))?;
        }
        self.finished = true;
        // Only empty folders and the marker are left in it.
        let _ = remove_own_folder(&self.staging);
        Ok(made)
    }
}

/// Removes the folders above `file` that it leaves empty, up to `top`.
fn remove_empty_folders(file: &Path, top: &Path) {
    for folder in file.ancestors().skip(1) {
        if folder == top || fs::remove_dir(folder).is_err() {
            break;
        }
    }
}

impl Drop for Update {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_own_folder(&self.staging);
        }
    }
}
