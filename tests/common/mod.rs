//! Helpers for the integration tests: a small site in a temporary folder, and the real
//! `loa` binary run against it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub const SITE_YAML: &str = "title: Trang thử\nbase_url: https://example.gov.vn/\nlanguage: vi\n\
publisher: UBND tỉnh thử\ntaxonomies:\n  - { name: topics, slug: chu-de, title: Chủ đề }\n";

impl TestSite {
    /// A site with site.yaml and the given files (path below the site root → text).
    pub fn new(files: &[(&str, &str)]) -> TestSite {
        let site = TestSite { dir: tempfile::tempdir().expect("temp dir") };
        site.write("site.yaml", SITE_YAML);
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "--root"];
        let root = self.root().to_str().unwrap().to_string();
        all.push(&root);
        all.extend_from_slice(args);
        loa(&all)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }
}

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(self.status, 0, "loa failed:\n{}\n{}", self.stdout, self.stderr);
        self
    }

    pub fn assert_fails(&self) -> &Run {
        assert_eq!(self.status, 1, "loa should have failed with 1:\n{}\n{}", self.stdout, self.stderr);
        self
    }

    /// Asserts stderr holds `text`, showing all of it when it does not.
    pub fn says(&self, text: &str) -> &Run {
        assert!(self.stderr.contains(text), "expected {text:?} in:\n{}", self.stderr);
        self
    }
}

pub fn loa(args: &[&str]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_loa")).args(args).output().expect("run loa");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file below `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// A page's Markdown with front matter.
pub fn page(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2024-03-01\n{extra}---\n\n{body}\n")
}

/// The one file in `dir` named `<stem>.<hash>.<ext>` (fingerprinted stylesheets and scripts).
pub fn fingerprinted(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(&format!("{stem}."))
                && name.ends_with(&format!(".{ext}"))
                && name.matches('.').count() == 2
        })
        .collect();
    assert_eq!(found.len(), 1, "one fingerprinted {stem}.*.{ext} in {}: {found:?}", dir.display());
    found[0].clone()
}

/// Bytes after `gzip -9`, as a server would send them.
pub fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut child = Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    child.wait_with_output().unwrap().stdout.len()
}

/// Sets the modification time of everything below `dir` to an hour ago, as if the files
/// had been saved long before the build.
pub fn age(dir: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let file = std::fs::File::open(entry.path()).unwrap();
        file.set_modified(past).unwrap();
    }
}

/// Every file below `dir` with its modification time.
pub fn modified_times(dir: &Path) -> BTreeMap<PathBuf, std::time::SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}
