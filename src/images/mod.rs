//! Pictures for slow connections. Every JPEG and PNG beside the pages is planned before
//! the Markdown is rendered (its size read from its header, its orientation from its
//! EXIF, its content hashed), so pages can name each resized copy with its width and
//! height; the copies themselves are made with the site's files (`process.rs`), kept in
//! `.loa-cache/images/` between builds (`cache.rs`). SVG drawings are copied after
//! `svg.rs` has checked them.
//!
//! A picture at `hieu-dung/anh.jpg` becomes `hieu-dung/anh.<key>-480.jpg`,
//! `…-480.webp`, and so on for each width up to its own, and `hieu-dung/anh.jpg` itself is
//! the largest copy, re-encoded (so a link to the original works and carries no EXIF).

pub mod cache;
pub mod process;
pub mod svg;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::text::push_escaped;

/// The widths made unless site.yaml's `images.widths` says otherwise.
pub const DEFAULT_WIDTHS: [u32; 3] = [480, 960, 1600];
/// The Open Graph picture's size (what social sites and chat apps show).
pub const OG_SIZE: (u32, u32) = (1200, 630);
/// Originals larger than this are worth a warning: they slow every build that is not
/// cached, and usually mean a phone photo went in untouched.
pub const LARGE_ORIGINAL: u64 = 5 * 1024 * 1024;
/// Bumped when the way copies are made changes, so old cache entries are not reused.
const PROCESS_VERSION: &str = "loa-images-1";

/// `images:` in site.yaml.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Widths in pixels, ascending, never larger than the original.
    pub widths: Vec<u32>,
    /// JPEG and WebP quality, 1–100.
    pub quality: u8,
    /// The cache's size limit in MiB.
    pub cache_mib: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { widths: DEFAULT_WIDTHS.to_vec(), quality: 75, cache_mib: 1024 }
    }
}

/// A picture's encoding, kept for its copies (plus WebP for all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// One original picture and the copies made of it.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The original on disk.
    pub file: PathBuf,
    /// Its path in the output (`hieu-dung/anh.jpg`): the largest copy goes there.
    pub path: String,
    pub format: Format,
    /// Its size once turned the way its EXIF says.
    pub width: u32,
    pub height: u32,
    /// The hash of its bytes and the settings: names its copies and its cache entry.
    pub key: String,
    /// The widths of its copies, ascending (its own width when it is smaller than all).
    pub widths: Vec<u32>,
    pub quality: u8,
}

impl Picture {
    /// The copy `width` wide in `ext` (`jpg`, `png`, `webp`).
    pub fn copy_path(&self, width: u32, ext: &str) -> String {
        let (stem, _) = self.path.rsplit_once('.').unwrap_or((&self.path, ""));
        format!("{stem}.{}-{width}.{ext}", &self.key[..10])
    }

    /// The Open Graph copy, cropped around `focus` (percent from the left and the top).
    pub fn og_path(&self, focus: (u8, u8)) -> String {
        let (stem, _) = self.path.rsplit_once('.').unwrap_or((&self.path, ""));
        format!("{stem}.{}-og-{}-{}.jpg", &self.key[..10], focus.0, focus.1)
    }

    /// The height of the copy `width` wide.
    pub fn height_at(&self, width: u32) -> u32 {
        ((u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width.max(1)))
        .max(1) as u32
    }

    pub fn largest(&self) -> u32 {
        self.widths.last().copied().unwrap_or(self.width)
    }

    /// The copy closest to `wanted` pixels wide without going under it (or the largest).
    pub fn width_for(&self, wanted: u32) -> u32 {
        self.widths.iter().copied().find(|&w| w >= wanted).unwrap_or_else(|| self.largest())
    }

    fn srcset(&self, ext: &str, urls: &crate::site::Urls) -> String {
        let list: Vec<String> =
            self.widths.iter().map(|&w| format!("{} {w}w", urls.path(&self.copy_path(w, ext)))).collect();
        list.join(", ")
    }

    /// `<picture>` for this picture: WebP first, then its own format, every width with
    /// `sizes` for the page's column; `width` and `height` so the page does not move
    /// as it loads; lazy unless it is the first picture of the page. `alt` and `title`
    /// are escaped here.
    pub fn html(&self, urls: &crate::site::Urls, alt: &str, title: &str, first: bool, class: &str) -> String {
        let mut html = String::with_capacity(512);
        html.push_str("<picture><source type=\"image/webp\" srcset=\"");
        push_escaped(&mut html, &self.srcset("webp", urls));
        html.push_str("\" sizes=\"");
        html.push_str(SIZES);
        html.push_str("\"><img");
        if !class.is_empty() {
            html.push_str(" class=\"");
            html.push_str(class);
            html.push('"');
        }
        html.push_str(" src=\"");
        push_escaped(&mut html, &urls.path(&self.copy_path(self.width_for(960), self.format.extension())));
        html.push_str("\" srcset=\"");
        push_escaped(&mut html, &self.srcset(self.format.extension(), urls));
        html.push_str("\" sizes=\"");
        html.push_str(SIZES);
        let largest = self.largest();
        html.push_str(&format!("\" width=\"{largest}\" height=\"{}\" alt=\"", self.height_at(largest)));
        push_escaped(&mut html, alt);
        html.push('"');
        if !title.is_empty() {
            html.push_str(" title=\"");
            push_escaped(&mut html, title);
            html.push('"');
        }
        if !first {
            html.push_str(" loading=\"lazy\"");
        }
        html.push_str(" decoding=\"async\"></picture>");
        html
    }

    pub fn mime(&self) -> &'static str {
        self.format.mime()
    }

    /// The Open Graph crop around `focus`: the part taken (left, top, width, height, in
    /// the upright original's pixels) and the size it is made (1200 × 630, or smaller
    /// when the picture is: never enlarged).
    pub fn og_crop(&self, focus: (u8, u8)) -> ((f64, f64, f64, f64), (u32, u32)) {
        let (w, h) = (f64::from(self.width), f64::from(self.height));
        let ratio = f64::from(OG_SIZE.0) / f64::from(OG_SIZE.1);
        let (cw, ch) = if w / h > ratio { (h * ratio, h) } else { (w, w / ratio) };
        let place = |size: f64, part: f64, at: u8| {
            (size * f64::from(at) / 100.0 - part / 2.0).clamp(0.0, size - part)
        };
        let (left, top) = (place(w, cw, focus.0), place(h, ch, focus.1));
        let out_w = (cw.round() as u32).clamp(1, OG_SIZE.0);
        let out_h = ((f64::from(out_w) / ratio).round() as u32).max(1);
        ((left, top, cw, ch), (out_w, out_h))
    }
}

/// How wide a picture shows: the page's column (42rem) on wide screens, the screen less
/// its margins on phones.
const SIZES: &str = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";

/// Every picture of the site, by its output path.
#[derive(Debug, Default)]
pub struct Table {
    pub by_path: HashMap<String, Picture>,
    pub settings: Settings,
}

impl Table {
    pub fn get(&self, path: &str) -> Option<&Picture> {
        self.by_path.get(path)
    }
}

/// Is this file a picture loa makes copies of?
pub fn is_raster(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jpg" | "jpeg" | "png"))
}

/// Reads the header, EXIF orientation and hash of every JPEG and PNG among `assets`
/// (file on disk, output path), in parallel. A file that cannot be read as a picture is
/// an error naming it; a large original or one narrower than the smallest width, a
/// warning.
pub fn plan(assets: &[(PathBuf, String)], settings: &Settings) -> (Table, Diagnostics) {
    let results: Vec<Planned> = assets
        .par_iter()
        .filter(|(file, _)| is_raster(file))
        .map(|(file, path)| plan_one(file, path, settings))
        .collect();
    let mut table = Table { by_path: HashMap::new(), settings: settings.clone() };
    let mut diagnostics = Diagnostics::new();
    for result in results {
        match result {
            Ok((picture, warning)) => {
                if let Some(w) = warning {
                    diagnostics.push(w);
                }
                table.by_path.insert(picture.path.clone(), picture);
            }
            Err(d) => d.into_iter().for_each(|d| diagnostics.push(d)),
        }
    }
    (table, diagnostics)
}

/// A picture, and a warning about it; or an error (`None`: told elsewhere).
type Planned = Result<(Picture, Option<Diagnostic>), Option<Diagnostic>>;

fn plan_one(file: &Path, path: &str, settings: &Settings) -> Planned {
    let unreadable = |detail: String| {
        Some(
            Diagnostic::error(Message::ImageUnreadable { detail })
                .in_file(file)
                .help(Message::HelpImageUnreadable),
        )
    };
    let bytes = std::fs::read(file).map_err(|e| unreadable(e.to_string()))?;
    let header = process::header(&bytes).map_err(|detail| {
        // A file that is no picture at all (a PDF named .jpg) is told by the site's
        // check of what files hold, with what it is instead.
        match crate::site::not_the_image_it_says(file) {
            Some(_) => None,
            None => unreadable(detail),
        }
    })?;
    let mut hasher = blake3::Hasher::new();
    hasher.update(PROCESS_VERSION.as_bytes());
    hasher.update(format!("{:?} {}", settings.widths, settings.quality).as_bytes());
    hasher.update(&bytes);
    let key = hasher.finalize().to_hex().to_string();
    let mut widths: Vec<u32> = settings.widths.iter().copied().filter(|&w| w <= header.width).collect();
    let small = widths.is_empty();
    if small {
        widths.push(header.width);
    }
    let picture = Picture {
        file: file.to_path_buf(),
        path: path.to_string(),
        format: header.format,
        width: header.width,
        height: header.height,
        key,
        widths,
        quality: settings.quality,
    };
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let warning = if bytes.len() as u64 > LARGE_ORIGINAL {
        Some(
            Diagnostic::warning(Message::ImageLarge { name, megabytes: bytes.len() as f64 / 1_048_576.0 })
                .in_file(file)
                .help(Message::HelpImageLarge),
        )
    } else if small {
        let smallest = settings.widths.first().copied().unwrap_or(0);
        Some(
            Diagnostic::warning(Message::ImageSmall { name, width: header.width, smallest })
                .in_file(file)
                .help(Message::HelpImageSmall),
        )
    } else {
        None
    };
    Ok((picture, warning))
}
