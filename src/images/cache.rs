//! The copies of pictures, kept between builds in `.loa-cache/images/<key>/` in the
//! site's folder (loa reads nothing else there, and the site's own files ignore it).
//! An entry is a folder named by the hash of the original and the settings, holding the
//! copies and `sums` (the BLAKE3 of each): an entry whose files do not match their sums
//! is made again, never published. After a build, entries no page used are removed,
//! then the oldest until the cache is within its size limit.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Where the cache lives inside a site's folder.
pub const DIR: &str = ".loa-cache/images";

pub struct Cache {
    /// `None`: nothing is kept (a build that writes no files).
    dir: Option<PathBuf>,
    used: Mutex<HashSet<String>>,
    made: AtomicUsize,
    reused: AtomicUsize,
}

impl Cache {
    /// The cache of the site in `root`.
    pub fn open(root: &Path) -> Cache {
        Cache::at(Some(root.join(DIR)))
    }

    /// No cache: every copy is made.
    pub fn none() -> Cache {
        Cache::at(None)
    }

    fn at(dir: Option<PathBuf>) -> Cache {
        Cache { dir, used: Mutex::default(), made: AtomicUsize::new(0), reused: AtomicUsize::new(0) }
    }

    /// The files of entry `key` named `names`, when every one is there and matches its
    /// sum; `None` otherwise.
    pub fn get(&self, key: &str, names: &[String]) -> Option<Vec<(String, Vec<u8>)>> {
        let entry = self.dir.as_ref()?.join(key);
        let sums = std::fs::read_to_string(entry.join("sums")).ok()?;
        let sum_of = |name: &str| {
            sums.lines()
                .find_map(|l| l.split_once("  ").filter(|(_, n)| *n == name).map(|(s, _)| s.to_string()))
        };
        let mut files = Vec::with_capacity(names.len());
        for name in names {
            let bytes = std::fs::read(entry.join(name)).ok()?;
            if blake3::hash(&bytes).to_hex().as_str() != sum_of(name)? {
                return None;
            }
            files.push((name.clone(), bytes));
        }
        crate::lock(&self.used).insert(key.to_string());
        self.reused.fetch_add(1, Ordering::Relaxed);
        // Recently used entries are the last to go when the cache is over its limit.
        let _ = std::fs::File::open(entry.join("sums"))
            .and_then(|f| f.set_modified(std::time::SystemTime::now()));
        Some(files)
    }

    /// Keeps `files` as entry `key`: written beside it, then renamed into place, so a
    /// build stopped halfway leaves no entry that looks whole. Failing to keep them only
    /// costs the next build the work.
    pub fn put(&self, key: &str, files: &[(String, Vec<u8>)]) {
        crate::lock(&self.used).insert(key.to_string());
        self.made.fetch_add(1, Ordering::Relaxed);
        let Some(dir) = &self.dir else { return };
        static PUTS: AtomicUsize = AtomicUsize::new(0);
        let n = PUTS.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".tmp-{key}-{}-{n}", std::process::id()));
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&temp)?;
            let mut sums = String::new();
            for (name, bytes) in files {
                std::fs::write(temp.join(name), bytes)?;
                sums.push_str(&format!("{}  {name}\n", blake3::hash(bytes).to_hex()));
            }
            std::fs::write(temp.join("sums"), sums)?;
            let entry = dir.join(key);
            if entry.exists() {
                std::fs::remove_dir_all(&entry)?;
            }
            std::fs::rename(&temp, &entry)
        };
        if write().is_err() {
            let _ = std::fs::remove_dir_all(&temp);
        }
    }

    /// How many pictures were made, and how many taken from the cache.
    pub fn counts(&self) -> (usize, usize) {
        (self.made.load(Ordering::Relaxed), self.reused.load(Ordering::Relaxed))
    }

    /// Removes the entries this build did not use, then the least recently used until
    /// the cache holds at most `limit_mib`. Only after a whole build: a preview or a
    /// failed build may not have asked for every picture.
    pub fn clean(&self, limit_mib: u64) {
        let Some(dir) = &self.dir else { return };
        let Ok(read) = std::fs::read_dir(dir) else { return };
        let used = crate::lock(&self.used).clone();
        let mut kept: Vec<(std::time::SystemTime, u64, PathBuf)> = Vec::new();
        for entry in read.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if !used.contains(&name) {
                let _ = std::fs::remove_dir_all(&path);
                continue;
            }
            let size: u64 = walkdir::WalkDir::new(&path)
                .into_iter()
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum();
            let touched = std::fs::metadata(path.join("sums"))
                .and_then(|m| m.modified())
                .unwrap_or(std::time::SystemTime::UNIX_EPOCH);
            kept.push((touched, size, path));
        }
        let mut total: u64 = kept.iter().map(|(_, s, _)| s).sum();
        kept.sort();
        for (_, size, path) in kept {
            if total <= limit_mib.saturating_mul(1024 * 1024) {
                break;
            }
            if std::fs::remove_dir_all(&path).is_ok() {
                total -= size;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_keeps_what_a_build_used_within_its_limit() {
        let root = tempfile::tempdir().unwrap();
        let names = vec!["480.jpg".to_string()];
        let files = vec![("480.jpg".to_string(), vec![7u8; 600 * 1024])];
        let first = Cache::open(root.path());
        first.put("aaa", &files);
        first.put("bbb", &files);
        first.clean(1024);
        // A later build uses only one picture: the other entry goes.
        let second = Cache::open(root.path());
        assert_eq!(second.get("aaa", &names).map(|f| f.len()), Some(1));
        second.clean(1024);
        let dir = root.path().join(DIR);
        assert!(dir.join("aaa").is_dir() && !dir.join("bbb").exists());
        // Over its limit, the least recently used entries go until it fits.
        let third = Cache::open(root.path());
        third.put("ccc", &files);
        assert!(third.get("aaa", &names).is_some());
        third.clean(1);
        let left = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(left, 1, "600 KiB entries under a 1 MiB limit: one is kept");
        assert_eq!(third.counts(), (1, 1));
    }
}
