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

/// A photo-like JPEG `width` × `height` as a phone would save it: with an EXIF block
/// holding `orientation`, a camera make (`LOA-TEST-CAMERA`) and a GPS latitude.
pub fn jpeg_with_exif(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    use image::ImageEncoder;
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            pixels.extend([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x + y) % 256) as u8]);
        }
    }
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    // TIFF, big-endian: IFD0 with Make, Orientation and a GPS IFD pointer; the GPS IFD
    // with a latitude reference.
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = Vec::new();
        e.extend(tag.to_be_bytes());
        e.extend(kind.to_be_bytes());
        e.extend(count.to_be_bytes());
        e.extend(value);
        e
    };
    tiff.extend(3u16.to_be_bytes());
    tiff.extend(entry(0x010F, 2, 16, 50u32.to_be_bytes()));
    let o = orientation.to_be_bytes();
    tiff.extend(entry(0x0112, 3, 1, [o[0], o[1], 0, 0]));
    tiff.extend(entry(0x8825, 4, 1, 66u32.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    tiff.extend(b"LOA-TEST-CAMERA\0");
    tiff.extend(1u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"N\0\0\0"));
    tiff.extend(0u32.to_be_bytes());
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend(b"Exif\0\0");
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// A real PNG picture `width` × `height` (two colours).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let pixels: Vec<u8> =
        (0..width * height).flat_map(|i| if i % 7 == 0 { [20, 60, 120] } else { [240, 240, 230] }).collect();
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// Is this a CI run (`CI=true`), where a missing outside program fails a test?
pub fn on_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// Does `probe` run? When not, says loudly that the test skips (and fails on CI).
pub fn available(what: &str, probe: &mut Command, install: &str) -> bool {
    let ok = probe.output().is_ok_and(|o| o.status.success());
    if !ok {
        if on_ci() {
            panic!("CI=true but {what} is missing: .ci/run must install it ({install})");
        }
        eprintln!("\n########## SKIPPED: {what} not found. Install it with: {install} ##########\n");
    }
    ok
}
