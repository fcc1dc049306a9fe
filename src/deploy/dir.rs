//! `dir` targets: releases in a folder on this machine or a mounted share. Files the live
//! release has as they are get hard-linked, the rest copied; the copy is hashed against
//! the build's manifest before one rename swaps the `current` link.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{self, Manifest};
use super::plan::Plan;
use super::releases::{
    self, Release, TargetState, CURRENT, INCOMING, MANIFEST_SUFFIX, RELEASES, TARGET_MARKER,
};
use super::ReleaseTarget;
use crate::diagnostics::Diagnostic;
use crate::messages::{DeployMessage, Message};

pub struct DirTarget {
    path: PathBuf,
    /// Held while the deploy runs; others asking for it are refused.
    _lock: Option<fs::File>,
}

impl DirTarget {
    /// Opens the target. To change it (`lock`), a missing or empty folder is set up and
    /// the lock taken; to look, nothing is written.
    pub fn open(path: &Path, lock: bool) -> Result<DirTarget, Diagnostic> {
        let place = path.display().to_string();
        let fail = |e: std::io::Error| write_failed(&place, e);
        match fs::symlink_metadata(path) {
            Ok(meta) if !meta.is_dir() => return Err(foreign(&place)),
            Ok(_) if !path.join(TARGET_MARKER).is_file() => {
                if fs::read_dir(path).map_err(fail)?.next().is_some() {
                    return Err(foreign(&place));
                }
            }
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(fail(e)),
        }
        if !lock {
            return Ok(DirTarget { path: path.to_path_buf(), _lock: None });
        }
        fs::create_dir_all(path.join(RELEASES)).map_err(fail)?;
        let marker = path.join(TARGET_MARKER);
        if !marker.is_file() {
            fs::write(&marker, releases::TARGET_MARKER_TEXT).map_err(fail)?;
        }
        let file = fs::OpenOptions::new().read(true).write(true).open(&marker).map_err(fail)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Diagnostic::error(Message::Deploy(DeployMessage::TargetBusy {
                    place,
                    holder: String::new(),
                }))
                .help(Message::Deploy(DeployMessage::HelpTargetBusy)))
            }
            Err(fs::TryLockError::Error(e)) => return Err(fail(e)),
        }
        Ok(DirTarget { path: path.to_path_buf(), _lock: Some(file) })
    }

    fn releases_dir(&self) -> PathBuf {
        self.path.join(RELEASES)
    }

    fn place(&self) -> String {
        self.path.display().to_string()
    }

    /// Makes `current` point at `name` with one rename.
    fn point_current_at(&self, name: &str) -> std::io::Result<()> {
        let temporary = self.path.join(format!(".{CURRENT}.{}", std::process::id()));
        let _ = fs::remove_file(&temporary);
        std::os::unix::fs::symlink(Path::new(RELEASES).join(name), &temporary)?;
        fs::rename(&temporary, self.path.join(CURRENT))
    }
}

impl ReleaseTarget for DirTarget {
    fn place(&self) -> String {
        DirTarget::place(self)
    }

    fn state(&mut self) -> Result<TargetState, Diagnostic> {
        let mut state = TargetState::default();
        let entries = match fs::read_dir(self.releases_dir()) {
            Ok(entries) => entries,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(state),
            Err(e) => return Err(write_failed(&self.place(), e)),
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(name) = file_name.to_str().and_then(|n| n.strip_suffix(MANIFEST_SUFFIX)) else {
                continue;
            };
            if releases::is_release_name(name) && self.releases_dir().join(name).is_dir() {
                let totals = fs::read(entry.path()).ok().and_then(|b| manifest::gzip_totals(&b));
                state.releases.push(Release { name: name.to_string(), totals });
            }
        }
        state.releases.sort_by(|a, b| a.name.cmp(&b.name));
        let link = fs::read_link(self.path.join(CURRENT)).ok();
        state.live = link
            .and_then(|l| l.file_name().and_then(|n| n.to_str()).map(String::from))
            .filter(|n| state.releases.iter().any(|r| &r.name == n));
        Ok(state)
    }

    fn manifest(&mut self, release: &str) -> Result<Option<Manifest>, Diagnostic> {
        let path = self.releases_dir().join(format!("{release}{MANIFEST_SUFFIX}"));
        match fs::read(&path) {
            Ok(bytes) => Ok(Manifest::from_gzip(&bytes)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(write_failed(&self.place(), e)),
        }
    }

    fn put(
        &mut self,
        source: &Path,
        build: &Manifest,
        plan: &Plan,
        live: Option<&str>,
    ) -> Result<(), Diagnostic> {
        let place = self.place();
        let incoming = self.releases_dir().join(INCOMING);
        remove_tree(&incoming).map_err(|e| write_failed(&place, e))?;
        fs::create_dir_all(&incoming).map_err(|e| write_failed(&place, e))?;
        let live_dir = live.map(|l| self.releases_dir().join(l));
        let folders: std::collections::BTreeSet<&str> =
            build.entries.iter().filter_map(|e| e.path.rsplit_once('/').map(|(d, _)| d)).collect();
        for folder in folders {
            fs::create_dir_all(incoming.join(folder)).map_err(|e| write_failed(&place, e))?;
        }
        let linked: std::collections::HashSet<usize> = plan.unchanged.iter().copied().collect();
        build.entries.par_iter().enumerate().try_for_each(|(i, entry)| {
            let to = incoming.join(&entry.path);
            if let (true, Some(live_dir)) = (linked.contains(&i), &live_dir) {
                if fs::hard_link(live_dir.join(&entry.path), &to).is_ok() {
                    return Ok(());
                }
            }
            copy_with_time(&source.join(&entry.path), &to).map_err(|e| write_failed(&place, e))
        })?;
        // A linked file may have been edited in place on the target since its release was
        // made: the check below catches it, and it is copied afresh.
        let (mismatched, extra) = check(&incoming, build);
        for path in &extra {
            let _ = fs::remove_file(incoming.join(path));
        }
        for path in &mismatched {
            let to = incoming.join(path);
            let _ = fs::remove_file(&to);
            copy_with_time(&source.join(path), &to).map_err(|e| write_failed(&place, e))?;
        }
        let (wrong, extra) = check(&incoming, build);
        if let Some(path) = wrong.first().or(extra.first()) {
            return Err(Diagnostic::error(Message::Deploy(DeployMessage::CheckFailed {
                place,
                detail: path.clone(),
            })));
        }
        Ok(())
    }

    fn commit(&mut self, name: &str, build: &Manifest, remove: &[String]) -> Result<(), Diagnostic> {
        let place = self.place();
        let releases = self.releases_dir();
        let fail = |e| write_failed(&place, e);
        if releases.join(name).exists() {
            remove_tree(&releases.join(name)).map_err(fail)?;
        }
        fs::rename(releases.join(INCOMING), releases.join(name)).map_err(fail)?;
        let manifest_path = releases.join(format!("{name}{MANIFEST_SUFFIX}"));
        let temporary = releases.join(format!(".{name}{MANIFEST_SUFFIX}"));
        fs::write(&temporary, build.to_gzip()).map_err(fail)?;
        fs::rename(&temporary, &manifest_path).map_err(fail)?;
        self.switch(name, remove)
    }

    fn switch(&mut self, name: &str, remove: &[String]) -> Result<(), Diagnostic> {
        let place = self.place();
        self.point_current_at(name).map_err(|e| write_failed(&place, e))?;
        for old in remove.iter().filter(|old| old.as_str() != name && releases::is_release_name(old)) {
            // The manifest goes first: a release without one no longer counts.
            let _ = fs::remove_file(self.releases_dir().join(format!("{old}{MANIFEST_SUFFIX}")));
            let _ = remove_tree(&self.releases_dir().join(old));
        }
        Ok(())
    }
}

/// Paths of the files in `dir` that differ from `build` (missing, other size or content),
/// and of files there that `build` does not list.
fn check(dir: &Path, build: &Manifest) -> (Vec<String>, Vec<String>) {
    let mut wrong: Vec<String> = build
        .entries
        .par_iter()
        .filter(|e| {
            !manifest::hash_file(&dir.join(&e.path))
                .is_ok_and(|(size, hash)| size == e.size && hash == e.hash)
        })
        .map(|e| e.path.clone())
        .collect();
    wrong.sort();
    let extra = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .filter(|entry| !entry.file_type().is_dir())
        .map(|entry| {
            entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/")
        })
        .filter(|relative| build.get(relative).is_none())
        .collect();
    (wrong, extra)
}

fn copy_with_time(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::copy(from, to)?;
    if let Ok(modified) = fs::metadata(from).and_then(|m| m.modified()) {
        let _ = fs::File::options().write(true).open(to).and_then(|f| f.set_modified(modified));
    }
    Ok(())
}

fn remove_tree(path: &Path) -> std::io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn foreign(place: &str) -> Diagnostic {
    Diagnostic::error(Message::Deploy(DeployMessage::TargetForeign { place: place.to_string() }))
        .help(Message::Deploy(DeployMessage::HelpTargetForeign))
}

fn write_failed(place: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Message::Deploy(DeployMessage::WriteFailed {
        place: place.to_string(),
        detail: e.to_string(),
    }))
}
