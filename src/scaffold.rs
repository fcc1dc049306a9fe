//! `loa new` and `loa init`: files an editor starts from. Never overwrites anything.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::messages::Message;

/// Creates `content/<section>/<slug>.md` for `title` and returns its path.
/// The summary `loa new` writes for the editor to replace; `loa check` warns while it
/// is still there.
pub const SUMMARY_PLACEHOLDER: &str = "Viết một hai câu tóm tắt bài ở đây.";

/// What `loa new` made: the explainer, and the `_index.md` of each section folder it
/// had to create.
pub struct NewExplainer {
    pub path: PathBuf,
    pub sections: Vec<PathBuf>,
}

pub fn new_explainer(root: &Path, title: &str, section: Option<&str>) -> Result<NewExplainer, Diagnostic> {
    let title = crate::text::nfc(title.trim());
    let slug = crate::text::slugify(&title);
    if slug.is_empty() {
        return Err(Diagnostic::error(Message::EmptySlug { title }).help(Message::HelpSetSlug));
    }
    let mut dir = root.join(crate::content::CONTENT_DIR);
    if let Some(section) = section {
        let section = crate::site::safe_output_path(section).ok_or_else(|| {
            Diagnostic::error(Message::UnsafeSection { section: section.to_string() })
                .help(Message::HelpUnsafeSection)
        })?;
        dir = dir.join(section);
    }
    let new_folders = missing_sections(root, &dir);
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(Diagnostic::error(Message::WouldOverwrite { path: path.clone() })
            .help(Message::HelpWouldOverwrite));
    }
    let today = crate::text::dates::today();
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "---\ntitle: \"{quoted}\"\nsummary: \"{SUMMARY_PLACEHOLDER}\"\ndate: {today}\ndraft: true\nchannels: [portal, newspaper, broadcast]\n---\n\n## Ý chính thứ nhất\n\nViết nội dung ở đây.\n"
    );
    write_new(&path, &text)?;
    let sections = write_section_indexes(&new_folders)?;
    Ok(NewExplainer { path, sections })
}

/// The folders from `content/` down to `dir` that do not exist yet, deepest first.
pub fn missing_sections(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let content = root.join(crate::content::CONTENT_DIR);
    dir.ancestors()
        .take_while(|a| *a != content && a.starts_with(&content))
        .filter(|a| !a.exists())
        .map(Path::to_path_buf)
        .collect()
}

/// Folders that did not exist become sections with an `_index.md`, so menus show a
/// title rather than the folder's name; the files written.
pub fn write_section_indexes(new_folders: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut sections = Vec::new();
    for folder in new_folders.iter().rev() {
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let index = folder.join(crate::content::SECTION_FILE);
        let title = section_title(&name).replace('"', "'");
        write_new(&index, &format!("---\ntitle: \"{title}\"\n---\n"))?;
        sections.push(index);
    }
    Ok(sections)
}

/// A first title for a section from its folder's name: `hieu-dung` → "Hieu dung" (the
/// editor adds the tone marks a folder name cannot hold).
pub fn section_title(folder: &str) -> String {
    crate::text::upper_first(folder.replace(['-', '_'], " ").trim())
}

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error(Message::WriteFailed { path: path.to_path_buf(), detail: e.to_string() })
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    // create_new: never replace a file that appeared meanwhile.
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(fail)?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(fail)
}

const SITE_YAML: &str = "title: Trang giải thích mới
description: Những bài viết ngắn, dễ hiểu cho người dân
base_url: https://example.gov.vn/
language: vi
theme: default
publisher: Tên cơ quan ban hành
footer:
  - Tên đơn vị biên soạn
taxonomies:
  - { name: topics, slug: chu-de, title: Chủ đề }
glossary:
  CNTT: công nghệ thông tin
  UBND: Ủy ban nhân dân
";

/// A new site in `dir` (missing or empty) that builds at once.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Diagnostic::error(Message::InitNotEmpty { path: dir.to_path_buf() })
            .help(Message::HelpInitNotEmpty));
    }
    let mut files: Vec<(PathBuf, String)> = vec![
        (dir.join("site.yaml"), SITE_YAML.to_string()),
        (dir.join(".gitignore"), "/public\n/.public.loa-*\n/.loa/\n/.loa-cache/\n/.loa-history/\n".to_string()),
        (
            dir.join("content/_index.md"),
            "---\ntitle: Trang chủ\n---\n\nLời chào ngắn gửi bạn đọc.\n".to_string(),
        ),
        (
            dir.join("content/gioi-thieu/_index.md"),
            "---\ntitle: Giới thiệu\nsummary: Những bài viết đầu tiên.\n---\n".to_string(),
        ),
        (
            dir.join("content/gioi-thieu/bai-viet-dau-tien.md"),
            "---\ntitle: \"Bài viết đầu tiên\"\nsummary: \"Bài mẫu: sửa hoặc xóa bài này.\"\ndate: 2026-01-01\ntopics: [\"Giới thiệu\"]\n---\n\n## Cách viết một bài\n\nMỗi bài là một tệp Markdown trong thư mục content/. Phần đầu tệp, giữa hai dòng ---, ghi tiêu đề, tóm tắt và ngày đăng.\n".to_string(),
        ),
    ];
    let theme = dir.join("themes").join(crate::theme::DEFAULT);
    for (name, text) in crate::theme::TEMPLATES {
        files.push((theme.join("templates").join(name), text.to_string()));
    }
    for (name, text) in crate::theme::STATIC {
        files.push((theme.join("static").join(name), text.to_string()));
    }
    for (path, text) in &files {
        write_new(path, text)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}
