//! The editor inside `loa serve`: a list of every explainer, drafts included, and a
//! form per explainer and for a new one, under `__loa/edit/`, with a live preview
//! beside it, a toolbar, pictures uploaded beside the page, and Word documents and
//! the clipboard's HTML turned into Markdown. Saving writes only the front-matter
//! lines whose values changed and the body, through a temporary file renamed over
//! the page; a page changed on disk since its form was opened is not overwritten (both
//! versions are shown); the version replaced is kept (see [`history`]). Every write
//! carries the token of the editor's pages and comes from the preview's own origin.

mod history;
pub mod login;
mod preview;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::form::{Form, Upload};
use crate::build::BuildOptions;
use crate::config::SiteConfig;
use crate::content::{self, Channel, FrontMatter, CONTENT_DIR, SECTION_FILE};
use crate::text::push_escaped;
use history::History;

/// The largest picture taken (a phone's photo is a few megabytes).
const MAX_PICTURE: usize = 20 * 1024 * 1024;

/// What the editor answers: a status and a page, a redirect, or data for the form's
/// script (a status, its media type, the body).
pub enum Reply {
    Page(&'static str, String),
    SeeOther(String),
    Data(&'static str, &'static str, String),
}

/// The editor of the site in `root`, with the token its pages carry.
pub struct Editor {
    pub root: PathBuf,
    pub token: String,
    /// The preview's build options (its remembered renders and reads), for the live
    /// preview.
    pub options: BuildOptions,
    /// The password and sessions of an editor open to the network.
    pub login: Option<login::Login>,
}

/// A random hexadecimal string (the token, a session): the process's random hasher
/// keys, the time and a counter.
pub fn random_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut out = String::new();
    for _ in 0..2 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos(),
        );
        h.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

impl Editor {
    pub fn new(options: &BuildOptions, login: Option<login::Login>) -> Editor {
        Editor { root: options.root.clone(), token: random_hex(), options: options.clone(), login }
    }

    fn history(&self) -> History<'_> {
        History { root: &self.root }
    }

    /// A GET below `__loa/edit/` (`rest`: what follows it).
    pub fn get(&self, rest: &str, query: &str, base: &str, problems: &HashMap<PathBuf, usize>) -> Reply {
        let config = SiteConfig::load(&self.root).0;
        let Some(config) = config else {
            return Reply::Page(
                "500 Internal Server Error",
                page("Lỗi", "<p>site.yaml có lỗi: xem cửa sổ dòng lệnh.</p>"),
            );
        };
        match rest {
            "" => Reply::Page(
                "200 OK",
                self.list(&config, base, problems, &super::form::parse_urlencoded(query.as_bytes())),
            ),
            "huong-dan" => Reply::Page("200 OK", guide(base)),
            "new" => {
                // A new page starts as a draft, as with `hugo new`: a page saved half-written
                // does not go to the portal until the writer unticks «Bản nháp».
                let fresh = Fields {
                    channels: all_channels(),
                    who: history::system_user(),
                    draft: true,
                    ..Fields::default()
                };
                Reply::Page("200 OK", self.form(&config, base, None, &fresh, ""))
            }
            rel => match self.source(rel) {
                Some(file) => {
                    let text = std::fs::read_to_string(&file).unwrap_or_default();
                    let fields = Fields::from_file(&file, rel, &config);
                    let mut html = self.form(&config, base, Some(rel), &fields, &hash(&text));
                    // What the last action did, said where a screen reader hears it.
                    let said = match query {
                        "da-luu" => Some(("da-luu", "Đã lưu.")),
                        "da-khoi-phuc" => Some(("da-khoi-phuc", "Đã khôi phục bản cũ.")),
                        _ => None,
                    };
                    if let (Some((id, text)), Some(at)) = (said, html.find("</h1>")) {
                        html.insert_str(at + 5, &format!("<p id=\"{id}\" role=\"status\">{text}</p>"));
                    }
                    Reply::Page("200 OK", html)
                }
                None => Reply::Page("404 Not Found", page("Không có bài này", "<p>Không có bài này.</p>")),
            },
        }
    }

    /// A POST below `__loa/edit/`: the token and the origin checked by the caller.
    pub fn post(&self, rest: &str, base: &str, form: &Form) -> Reply {
        let Some(config) = SiteConfig::load(&self.root).0 else {
            return Reply::Page("500 Internal Server Error", page("Lỗi", "<p>site.yaml có lỗi.</p>"));
        };
        match rest {
            "dang" => return self.publish(&config, base, form.one("confirm") == "1"),
            "dan" => {
                let markdown = crate::import::html::to_markdown(form.one("html"));
                return Reply::Data("200 OK", "text/plain; charset=utf-8", markdown);
            }
            "xem-thu" => return self.preview(&config, form),
            "anh" => return self.picture(form),
            "nhap-word" => return self.import_word(base, form),
            _ => {}
        }
        if !form.one("restore").is_empty() {
            return self.restore(rest, base, form.one("restore"), form);
        }
        let mut fields = Fields::from_form(form);
        if fields.title.trim().is_empty() {
            let body = "<p role=\"alert\">Bài cần có tiêu đề.</p>";
            return Reply::Page("422 Unprocessable Entity", page("Thiếu tiêu đề", body));
        }
        let file = match rest {
            "new" => None,
            rel => match self.source(rel) {
                Some(file) => Some(file),
                None => {
                    return Reply::Page("404 Not Found", page("Không có bài này", "<p>Không có bài này.</p>"))
                }
            },
        };
        // A picture chosen in "Ảnh" goes beside the page, and the page names it.
        if let Some(upload) = form.file("image_file") {
            let dir = match &file {
                Some(f) => f.parent().map(Path::to_path_buf).unwrap_or_default(),
                None => match self.section_dir(&fields.section) {
                    Some(dir) => dir,
                    None => return no_section(),
                },
            };
            match save_picture(&dir, upload) {
                Ok(name) => fields.image = name,
                Err(reply) => return reply,
            }
        }
        let Some(file) = file else { return self.create(&config, base, &fields) };
        let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
        let wanted = updated(&on_disk, &file, &config, &fields);
        let base_hash = form.one("base").to_string();
        if hash(&on_disk) != base_hash {
            // Someone (another tab, a text editor) saved the page since this form opened.
            let mut body = String::from(
                "<p role=\"alert\">Bài này đã được sửa ở nơi khác sau khi bạn mở. Chưa lưu gì. \
                 Dưới đây là cả hai bản: chép phần cần giữ rồi mở lại bài.</p>",
            );
            body.push_str("<h2>Bản của bạn</h2><pre id=\"ban-cua-ban\">");
            push_escaped(&mut body, &wanted);
            body.push_str("</pre><h2>Bản đang có trên máy</h2><pre id=\"ban-tren-may\">");
            push_escaped(&mut body, &on_disk);
            body.push_str(&format!(
                "</pre><p><a href=\"{base}__loa/edit/{}\">Mở lại bài</a></p>",
                escape(rest)
            ));
            return Reply::Page("409 Conflict", page("Bài đã thay đổi", &body));
        }
        if wanted != on_disk {
            let history = self.history();
            if let Err(e) =
                history.before_write(rest, &file, &on_disk).and_then(|()| write_atomically(&file, &wanted))
            {
                return Reply::Page(
                    "500 Internal Server Error",
                    page(
                        "Chưa lưu được",
                        &format!("<p role=\"alert\">Chưa lưu được: {}</p>", escape(&e.to_string())),
                    ),
                );
            }
            history.after_write(&file, &fields.who, &format!("Sửa bài: {}", fields.title));
        }
        Reply::SeeOther(format!("{base}__loa/edit/{}?da-luu", encode(rest)))
    }

    /// The folder of a section below `content/`, when it is one of the site's.
    fn section_dir(&self, section: &str) -> Option<PathBuf> {
        let section = section.trim().trim_matches('/');
        let folder_ok = section.is_empty()
            || crate::site::safe_output_path(section)
                .is_some_and(|s| !s.split('/').any(|p| p.starts_with('.')));
        let dir = self.root.join(CONTENT_DIR).join(section);
        (folder_ok && dir.is_dir() && self.inside_content(&dir)).then_some(dir)
    }

    /// The live preview of the form's text (see [`preview`]), as JSON.
    fn preview(&self, config: &SiteConfig, form: &Form) -> Reply {
        let fields = Fields::from_form(form);
        let (file, original) = match self.source(form.one("page")) {
            Some(file) => {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                (file, text)
            }
            None => {
                let Some(dir) = self.section_dir(&fields.section) else { return no_section() };
                let stem = crate::text::slugify(&fields.title);
                let stem = if stem.is_empty() { "bai-moi".to_string() } else { stem };
                (dir.join(format!("{stem}.md")), "---\ntitle: x\n---\n".to_string())
            }
        };
        let text = updated(&original, &file, config, &fields);
        Reply::Data("200 OK", "application/json", preview::preview(&self.options, &file, &text))
    }

    /// A picture for the text (the toolbar's "Chèn ảnh"): saved beside the page; its
    /// file name is the answer.
    fn picture(&self, form: &Form) -> Reply {
        let dir = match self.source(form.one("page")) {
            Some(file) => file.parent().map(Path::to_path_buf),
            None => self.section_dir(form.one("section")),
        };
        let (Some(dir), Some(upload)) = (dir, form.file("file")) else {
            return Reply::Data(
                "422 Unprocessable Entity",
                "text/plain; charset=utf-8",
                "Chưa chọn ảnh.".into(),
            );
        };
        match save_picture(&dir, upload) {
            Ok(name) => Reply::Data("200 OK", "text/plain; charset=utf-8", name),
            Err(_) => {
                Reply::Data("422 Unprocessable Entity", "text/plain; charset=utf-8", NOT_A_PICTURE.into())
            }
        }
    }

    /// "Nhập từ Word" in the list: the document becomes a draft in the chosen section;
    /// the answer says what was left out and leads to its form.
    fn import_word(&self, base: &str, form: &Form) -> Reply {
        let back = format!("<p><a href=\"{base}__loa/edit/\">Danh sách bài</a></p>");
        let Some(upload) = form.file("file") else {
            let body = format!("{back}<p role=\"alert\">Chưa chọn tệp Word.</p>");
            return Reply::Page("422 Unprocessable Entity", page("Chưa nhập được", &body));
        };
        let Some(_) = self.section_dir(form.one("section")) else { return no_section() };
        let document = match crate::import::docx::read(&upload.bytes) {
            Ok(d) => d,
            Err(why) => {
                let body = format!(
                    "{back}<p role=\"alert\">Chưa nhập được «{}»: {}. Mở tệp trong Word hoặc LibreOffice rồi lưu lại dưới dạng Word (.docx).</p>",
                    escape(&upload.name),
                    escape(&why)
                );
                return Reply::Page("422 Unprocessable Entity", page("Chưa nhập được", &body));
            }
        };
        let stem = upload.name.rsplit_once('.').map_or(upload.name.as_str(), |(s, _)| s);
        match crate::import::write_explainer(&self.root, form.one("section"), stem, document) {
            Ok(made) => {
                let content = self.root.join(CONTENT_DIR);
                let rel = made
                    .path
                    .strip_prefix(&content)
                    .unwrap_or(&made.path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let mut body = format!(
                    "{back}<p role=\"status\">Đã nhập «{}» thành bản nháp. <a href=\"{base}__loa/edit/{}\">Mở bài để xem lại</a></p>",
                    escape(&upload.name),
                    encode(&rel)
                );
                if made.skipped.is_empty() {
                    body.push_str("<p>Đã chuyển hết nội dung.</p>");
                } else {
                    body.push_str(
                        "<h2>Chưa chuyển được</h2><p>Xem lại những phần này trong tệp Word:</p><ul>",
                    );
                    for s in &made.skipped {
                        body.push_str(&format!("<li>{}</li>", escape(s)));
                    }
                    body.push_str("</ul>");
                }
                Reply::Page("200 OK", page("Đã nhập từ Word", &body))
            }
            Err(d) => {
                let body = format!(
                    "{back}<p role=\"alert\">{}</p>",
                    escape(&d.render(crate::messages::Lang::Vi, &self.root))
                );
                Reply::Page("500 Internal Server Error", page("Chưa nhập được", &body))
            }
        }
    }

    /// `content/<rel>` when it is an explainer's Markdown file of this site: no
    /// climbing, no link, no section file.
    fn source(&self, rel: &str) -> Option<PathBuf> {
        let rel = rel.split(['?', '#']).next()?;
        let safe = crate::site::safe_output_path(rel)?;
        if !safe.ends_with(".md")
            || safe.rsplit('/').next() == Some(SECTION_FILE)
            || safe.split('/').any(|p| p.starts_with('.'))
        {
            return None;
        }
        let file = self.root.join(CONTENT_DIR).join(&safe);
        let meta = std::fs::symlink_metadata(&file).ok()?;
        (meta.is_file() && self.inside_content(file.parent()?)).then_some(file)
    }

    /// Is `dir` really below `content/` (no folder on the way is a link elsewhere)?
    fn inside_content(&self, dir: &Path) -> bool {
        let content = std::fs::canonicalize(self.root.join(CONTENT_DIR));
        let dir = std::fs::canonicalize(dir);
        matches!((content, dir), (Ok(c), Ok(d)) if d.starts_with(&c))
    }

    /// "Đăng lên cổng": the checks of `loa check` first; with problems that block it,
    /// those; else, once confirmed, the build and the deploy to the first target of
    /// site.yaml, as `loa deploy` does, and what it did.
    fn publish(&self, config: &SiteConfig, base: &str, confirmed: bool) -> Reply {
        use crate::messages::{DeployMessage as D, Lang, Message};
        let back = format!("<p><a href=\"{base}__loa/edit/\">Danh sách bài</a></p>");
        let Some(target) = config.deploy.first() else {
            return Reply::Page(
                "409 Conflict",
                page("Chưa có nơi đăng", &format!("{back}<p role=\"alert\">{NO_TARGET}</p>")),
            );
        };
        let options = crate::build::BuildOptions { root: self.root.clone(), ..Default::default() };
        let report = crate::check::check(&options);
        let problems = |d: &crate::diagnostics::Diagnostics| {
            let mut pre = String::from("<pre>");
            push_escaped(&mut pre, &d.clone().sorted().render(Lang::Vi, &self.root));
            pre.push_str("</pre>");
            pre
        };
        // A draft's errors are shown but do not block: drafts are not published.
        let blocking = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error && !d.draft)
            .count();
        if blocking > 0 {
            let body = format!(
                "{back}<p role=\"alert\">Chưa đăng được: trang còn {blocking} lỗi. Sửa hết lỗi rồi đăng lại.</p>{}",
                problems(&report.diagnostics)
            );
            return Reply::Page("422 Unprocessable Entity", page("Chưa đăng được", &body));
        }
        if !confirmed {
            let warnings = report.diagnostics.iter().count();
            let mut body = format!("{back}<p>Kiểm tra xong: không có lỗi, {warnings} cảnh báo. Trang sẽ được dựng lại và đăng lên «");
            push_escaped(&mut body, &target.name);
            body.push_str("».</p>");
            if warnings > 0 {
                body.push_str(&problems(&report.diagnostics));
            }
            body.push_str(&format!(
                "<form method=\"post\" action=\"{base}__loa/edit/dang\"><input type=\"hidden\" name=\"token\" value=\"{}\">\
                 <input type=\"hidden\" name=\"confirm\" value=\"1\"><p><button type=\"submit\">Xác nhận đăng</button></p></form>",
                self.token
            ));
            return Reply::Page("200 OK", page("Đăng lên cổng", &body));
        }
        if let Err(failure) = crate::build::build(&options) {
            let body = format!(
                "{back}<p role=\"alert\">Chưa đăng được: không dựng được trang.</p>{}",
                problems(&failure.diagnostics)
            );
            return Reply::Page("422 Unprocessable Entity", page("Chưa đăng được", &body));
        }
        let deploy =
            crate::deploy::DeployOptions { root: self.root.clone(), yes: true, ..Default::default() };
        let said = match crate::deploy::run(&deploy, &mut |_| true) {
            Ok(crate::deploy::Outcome::Deployed { place, record, seconds, .. }) => {
                crate::deploy::deployed(place, record, seconds).text(Lang::Vi)
            }
            Ok(crate::deploy::Outcome::AlreadyLive { place, release }) => {
                Message::Deploy(D::AlreadyLive { place, release }).text(Lang::Vi)
            }
            Ok(_) => "Không có gì để đăng.".to_string(),
            Err(d) => {
                let body = format!("{back}<p role=\"alert\">Chưa đăng được.</p>{}", problems(&d));
                return Reply::Page("502 Bad Gateway", page("Chưa đăng được", &body));
            }
        };
        let mut body = format!("{back}<p role=\"status\">");
        push_escaped(&mut body, &said);
        body.push_str("</p>");
        Reply::Page("200 OK", page("Đã đăng", &body))
    }

    /// Puts back the version `id` (the one replaced is kept in turn).
    fn restore(&self, rel: &str, base: &str, id: &str, form: &Form) -> Reply {
        let history = self.history();
        let found = self.source(rel).and_then(|file| history.text(rel, &file, id).map(|old| (file, old)));
        let Some((file, old)) = found else {
            return Reply::Page("404 Not Found", page("Không có bản này", "<p>Không có bản này.</p>"));
        };
        let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
        if form.one("base") != hash(&on_disk) {
            let body = format!("<p role=\"alert\">Bài này đã được sửa ở nơi khác sau khi bạn mở. Chưa khôi phục gì.</p><p><a href=\"{base}__loa/edit/{}\">Mở lại bài</a></p>", encode(rel));
            return Reply::Page("409 Conflict", page("Bài đã thay đổi", &body));
        }
        if let Err(e) =
            history.before_write(rel, &file, &on_disk).and_then(|()| write_atomically(&file, &old))
        {
            return Reply::Page(
                "500 Internal Server Error",
                page("Chưa khôi phục được", &escape(&e.to_string())),
            );
        }
        let who = Fields::from_form(form).who;
        history.after_write(&file, &who, &format!("Khôi phục bản trước của {rel}"));
        Reply::SeeOther(format!("{base}__loa/edit/{}?da-khoi-phuc", encode(rel)))
    }

    fn create(&self, config: &SiteConfig, base: &str, fields: &Fields) -> Reply {
        let section = fields.section.trim().trim_matches('/');
        let Some(dir) = self.section_dir(section) else { return no_section() };
        let stem = crate::text::slugify(&fields.title);
        let stem = if stem.is_empty() { "bai-moi".to_string() } else { stem };
        let text = updated("---\ntitle: x\n---\n", &dir.join("x.md"), config, fields);
        // Never over another file: `-2`, `-3` … until a name is free.
        match crate::import::create_new(&dir, &stem, "md", text.as_bytes()) {
            Ok((file, name)) => {
                self.history().after_write(&file, &fields.who, &format!("Bài mới: {}", fields.title));
                let rel = if section.is_empty() { name } else { format!("{section}/{name}") };
                Reply::SeeOther(format!("{base}__loa/edit/{}?da-luu", encode(&rel)))
            }
            Err(d) => Reply::Page(
                "500 Internal Server Error",
                page("Chưa lưu được", &escape(&d.render(crate::messages::Lang::Vi, &self.root))),
            ),
        }
    }

    /// Every explainer, drafts included: title, section, date, status, problems.
    fn list(
        &self,
        config: &SiteConfig,
        base: &str,
        problems: &HashMap<PathBuf, usize>,
        filters: &HashMap<String, Vec<String>>,
    ) -> String {
        let wanted = |k: &str| {
            filters.get(k).and_then(|v| v.first()).map(|v| v.trim().to_string()).unwrap_or_default()
        };
        let (search, status_filter) = (wanted("q"), wanted("trang-thai"));
        let folded_search = crate::text::fold(&search).to_lowercase();
        let mut rows: Vec<(String, String)> = Vec::new();
        let now = jiff::Timestamp::now();
        for Explainer { path, rel, rel_text, source } in explainers(&self.root, config) {
            let path = path.as_path();
            let (title, date, status) = match &source {
                Some(s) => {
                    let f = &s.front;
                    let status = if f.draft {
                        "Bản nháp"
                    } else if f.date.is_some_and(|d| d.timestamp > now) {
                        "Chưa đến ngày"
                    } else if f.expires.is_some_and(|d| d.timestamp <= now) {
                        "Hết hạn"
                    } else {
                        "Đã đăng"
                    };
                    (
                        f.title.clone(),
                        f.date.map(|d| crate::text::dates::short_date(d.date)).unwrap_or_default(),
                        status,
                    )
                }
                None => (rel_text.clone(), String::new(), "Có lỗi"),
            };
            let section = rel.parent().map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
            let count = problems.get(path).copied().unwrap_or(0);
            let mut row = String::from("<tr><td><a href=\"");
            row.push_str(&format!("{base}__loa/edit/{}", encode(&rel_text)));
            row.push_str("\">");
            push_escaped(&mut row, &title);
            row.push_str("</a></td><td>");
            push_escaped(&mut row, if section.is_empty() { "(trang chủ)" } else { &section });
            row.push_str(&format!(
                "</td><td>{}</td><td>{status}</td><td>{}</td></tr>",
                escape(&date),
                if count == 0 { "—".to_string() } else { count.to_string() }
            ));
            let matches_search = folded_search.is_empty()
                || crate::text::fold(&title).to_lowercase().contains(&folded_search)
                || rel_text.contains(&search);
            if matches_search && (status_filter.is_empty() || status_filter == status) {
                rows.push((title.to_lowercase(), row));
            }
        }
        rows.sort();
        let mut body = format!(
            "<p><a class=\"button\" href=\"{base}__loa/edit/new\">Bài mới</a> <a href=\"{base}\">Xem trang</a> \
             <a href=\"{base}__loa/edit/huong-dan\">Hướng dẫn</a></p>"
        );
        // "Đăng lên cổng": disabled, and said why, without a target in site.yaml.
        body.push_str(&format!("<form method=\"post\" action=\"{base}__loa/edit/dang\"><input type=\"hidden\" name=\"token\" value=\"{}\"><p>", self.token));
        if config.deploy.is_empty() {
            body.push_str(&format!("<button type=\"submit\" disabled aria-describedby=\"chua-co-noi-dang\">Đăng lên cổng</button> <span id=\"chua-co-noi-dang\" class=\"hint\">{NO_TARGET}</span>"));
        } else {
            body.push_str("<button type=\"submit\">Đăng lên cổng</button>");
        }
        body.push_str("</p></form>");
        // A Word document becomes a draft.
        body.push_str(&format!(
            "<form method=\"post\" action=\"{base}__loa/edit/nhap-word\" enctype=\"multipart/form-data\" class=\"nhap-word\">\
             <input type=\"hidden\" name=\"token\" value=\"{}\"><fieldset><legend>Nhập bài từ Word</legend>\
             <p><label for=\"tep-word\">Tệp Word (.docx)</label><input type=\"file\" id=\"tep-word\" name=\"file\" \
             accept=\".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document\" required></p>\
             <p><label for=\"muc-nhap\">Mục của bài nhập</label><select id=\"muc-nhap\" name=\"section\">",
            self.token
        ));
        for folder in sections(&self.root) {
            body.push_str(&format!("<option value=\"{}\">", escape(&folder)));
            push_escaped(&mut body, if folder.is_empty() { "(trang chủ)" } else { &folder });
            body.push_str("</option>");
        }
        body.push_str("</select></p><p><button type=\"submit\">Nhập từ Word</button></p></fieldset></form>");
        // Filters that work without a script: a GET form.
        body.push_str(&format!("<form method=\"get\" action=\"{base}__loa/edit/\" class=\"filters\"><p><label for=\"q\">Tìm bài</label><input id=\"q\" name=\"q\" value=\""));
        push_escaped(&mut body, &search);
        body.push_str("\"></p><p><label for=\"trang-thai\">Trạng thái</label><select id=\"trang-thai\" name=\"trang-thai\"><option value=\"\">Tất cả</option>");
        for status in STATUSES {
            let selected = if status == status_filter { " selected" } else { "" };
            body.push_str(&format!("<option{selected}>{status}</option>"));
        }
        body.push_str("</select></p><p><button type=\"submit\">Lọc</button></p></form>");
        body.push_str("<table><caption>Các bài giải thích</caption><thead><tr><th scope=\"col\">Tiêu đề</th><th scope=\"col\">Mục</th><th scope=\"col\">Ngày đăng</th><th scope=\"col\">Trạng thái</th><th scope=\"col\">Vấn đề</th></tr></thead><tbody>");
        for (_, row) in rows {
            body.push_str(&row);
        }
        body.push_str("</tbody></table>");
        page("Sửa bài", &body)
    }

    fn form(
        &self,
        config: &SiteConfig,
        base: &str,
        rel: Option<&str>,
        f: &Fields,
        base_hash: &str,
    ) -> String {
        let action = match rel {
            Some(rel) => format!("{base}__loa/edit/{}", encode(rel)),
            None => format!("{base}__loa/edit/new"),
        };
        let mut b = format!(
            "<p><a href=\"{base}__loa/edit/\">Danh sách bài</a> <a href=\"{base}__loa/edit/huong-dan\">Hướng dẫn</a></p>\
             <div class=\"soan\"><form id=\"bai\" method=\"post\" action=\"{}\" enctype=\"multipart/form-data\" data-page=\"{}\" data-base=\"{}\">",
            escape(&action),
            escape(rel.unwrap_or("")),
            escape(base),
        );
        b.push_str(&format!("<input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"base\" value=\"{}\">", self.token, escape(base_hash)));
        // Each field has a place for the problems the preview finds in it.
        let text = |b: &mut String, id: &str, label: &str, value: &str, extra: &str| {
            b.push_str(&format!(
                "<p><label for=\"{id}\">{label}</label><input id=\"{id}\" name=\"{id}\" value=\""
            ));
            push_escaped(b, value);
            b.push_str(&format!("\"{extra}></p><p id=\"{id}-van-de\" class=\"van-de\" hidden></p>"));
        };
        text(
            &mut b,
            "title",
            "Tiêu đề",
            &f.title,
            " required maxlength=\"200\" aria-describedby=\"title-dem title-van-de\"",
        );
        b.push_str("<p id=\"title-dem\" class=\"hint\" aria-live=\"polite\"></p>");
        b.push_str("<p><label for=\"summary\">Tóm tắt</label>");
        b.push_str("<textarea id=\"summary\" name=\"summary\" rows=\"3\" aria-describedby=\"summary-dem summary-van-de\">");
        push_escaped(&mut b, &f.summary);
        b.push_str("</textarea></p><p id=\"summary-dem\" class=\"hint\" aria-live=\"polite\"></p><p id=\"summary-van-de\" class=\"van-de\" hidden></p>");
        text(
            &mut b,
            "date",
            "Ngày đăng",
            &f.date,
            " type=\"date\" aria-describedby=\"date-doc date-van-de\"",
        );
        b.push_str("<p id=\"date-doc\" class=\"hint\" aria-live=\"polite\"></p>");
        // The section of a new page; an existing page stays where its file is.
        b.push_str("<p><label for=\"section\">Mục</label><select id=\"section\" name=\"section\"");
        if rel.is_some() {
            b.push_str(" disabled");
        }
        b.push('>');
        for folder in sections(&self.root) {
            let selected = if folder == f.section { " selected" } else { "" };
            b.push_str(&format!("<option value=\"{}\"{selected}>", escape(&folder)));
            // The section's title, as readers see it, with its folder.
            let index = self.root.join(CONTENT_DIR).join(&folder).join(SECTION_FILE);
            let title = match index.is_file() {
                true => content::read_source(index, PathBuf::from(&folder).join(SECTION_FILE), config).0,
                false => None,
            }
            .map(|s| s.front.title)
            .filter(|t| !t.trim().is_empty());
            let label = match (folder.is_empty(), title) {
                (true, _) => "(trang chủ)".to_string(),
                (false, Some(title)) => format!("{title} ({folder})"),
                (false, None) => folder.clone(),
            };
            push_escaped(&mut b, &label);
            b.push_str("</option>");
        }
        b.push_str("</select></p>");
        // One reading of every explainer serves the suggestions and the link picker.
        let all = explainers(&self.root, config);
        let terms = site_terms(&all);
        for (id, label) in [("topics", "Chủ đề"), ("audiences", "Đối tượng")] {
            if config.taxonomy(id).is_some() {
                text(
                    &mut b,
                    id,
                    label,
                    &f.terms.get(id).map(|t| t.join(", ")).unwrap_or_default(),
                    &format!(" list=\"goi-y-{id}\" autocomplete=\"off\" aria-describedby=\"tach-phay {id}-van-de\""),
                );
                b.push_str(&format!("<datalist id=\"goi-y-{id}\">"));
                for term in terms.get(id).into_iter().flatten() {
                    b.push_str("<option value=\"");
                    push_escaped(&mut b, term);
                    b.push_str("\">");
                }
                b.push_str("</datalist>");
            }
        }
        b.push_str("<p id=\"tach-phay\" class=\"hint\">Chủ đề, đối tượng: cách nhau bằng dấu phẩy; gõ vài chữ để chọn từ những chủ đề đã có.</p>");
        b.push_str("<fieldset><legend>Kênh</legend>");
        for (channel, label) in [
            (Channel::Portal, "Cổng thông tin"),
            (Channel::Newspaper, "Báo"),
            (Channel::Broadcast, "Phát thanh"),
        ] {
            let name = channel_name(channel);
            let checked = if f.channels.contains(&name.to_string()) { " checked" } else { "" };
            b.push_str(&format!("<label><input type=\"checkbox\" name=\"channels\" value=\"{name}\"{checked}> {label}</label> "));
        }
        b.push_str("</fieldset><p id=\"channels-van-de\" class=\"van-de\" hidden></p>");
        text(&mut b, "unit", "Đơn vị", &f.unit, " aria-describedby=\"unit-van-de\"");
        b.push_str(
            "<p><label for=\"image_file\">Ảnh</label><input type=\"file\" id=\"image_file\" name=\"image_file\" \
             accept=\"image/jpeg,image/png,image/webp,image/gif\" aria-describedby=\"anh-goi-y\"></p>\
             <p id=\"anh-goi-y\" class=\"hint\">Ảnh JPEG, PNG, WebP hoặc GIF, đến 20 MB; ảnh được lưu cạnh bài khi bấm «Lưu».</p>",
        );
        text(&mut b, "image", "Tên tệp ảnh", &f.image, " aria-describedby=\"image-van-de\"");
        text(&mut b, "image_alt", "Mô tả ảnh", &f.image_alt, " aria-describedby=\"image_alt-van-de\"");
        let draft = if f.draft { " checked" } else { "" };
        b.push_str(&format!(
            "<p><label><input type=\"checkbox\" name=\"draft\" value=\"true\"{draft}> Bản nháp</label></p>"
        ));
        b.push_str("<p><label for=\"who\">Người sửa</label><input id=\"who\" name=\"who\" autocomplete=\"name\" value=\"");
        push_escaped(&mut b, &f.who);
        b.push_str("\" aria-describedby=\"who-goi-y\"></p><p id=\"who-goi-y\" class=\"hint\">Tên ghi vào lịch sử sửa bài.</p>");
        // The toolbar: shown by the script, without which it could do nothing.
        b.push_str("<div class=\"toolbar\" role=\"group\" aria-label=\"Định dạng nội dung\" hidden>");
        for (action, label, keys) in [
            ("heading", "Đề mục", ""),
            ("bold", "Chữ đậm", " aria-keyshortcuts=\"Control+B\""),
            ("italic", "Chữ nghiêng", " aria-keyshortcuts=\"Control+I\""),
            ("list", "Danh sách", ""),
            ("numbered", "Danh sách số", ""),
        ] {
            b.push_str(&format!("<button type=\"button\" data-format=\"{action}\"{keys}>{label}</button> "));
        }
        for (dialog, label) in [
            ("hop-lien-ket", "Liên kết tới bài khác"),
            ("hop-anh", "Chèn ảnh"),
            ("hop-so-sanh", "Chèn bảng so sánh"),
            ("hop-hoi-dap", "Chèn hỏi đáp"),
            ("hop-cau-hoi", "Chèn câu hỏi"),
        ] {
            b.push_str(&format!("<button type=\"button\" data-dialog=\"{dialog}\">{label}</button> "));
        }
        b.push_str("</div>");
        b.push_str("<p><label for=\"body\">Nội dung</label><textarea id=\"body\" name=\"body\" rows=\"24\" aria-describedby=\"dan-tu-word body-van-de\">");
        push_escaped(&mut b, &f.body);
        b.push_str(
            "</textarea></p><p id=\"dan-tu-word\" class=\"hint\">Dán từ Word hay trang web: đề mục, chữ đậm, chữ nghiêng, \
             danh sách, liên kết và bảng được giữ; kiểu chữ và dòng trống bị bỏ.</p>\
             <div id=\"body-van-de\" class=\"van-de\" hidden></div><div id=\"general-van-de\" class=\"van-de\" hidden></div>\
             <p><button type=\"submit\">Lưu</button></p></form>",
        );
        b.push_str(
            "<section id=\"xem-truoc\" aria-labelledby=\"xem-truoc-tieu-de\" hidden><h2 id=\"xem-truoc-tieu-de\">Xem trước</h2>\
             <p id=\"xem-truoc-trang-thai\" role=\"status\" class=\"hint\"></p>\
             <iframe id=\"khung-xem-truoc\" title=\"Xem trước bài\" sandbox=\"allow-same-origin\"></iframe></section></div>",
        );
        if let Some(rel) = rel {
            let versions =
                self.source(rel).map(|file| self.history().versions(rel, &file)).unwrap_or_default();
            if !versions.is_empty() {
                b.push_str("<h2 id=\"cac-ban-cu\">Các bản đã lưu trước</h2><ul>");
                let history = self.history();
                let file = self.source(rel).unwrap_or_default();
                // Each version can be read before it is put back (the newest twenty).
                for (n, v) in versions.into_iter().enumerate() {
                    let who = v.who.as_deref().map(|w| format!(" ({})", escape(w))).unwrap_or_default();
                    let text = match n < 20 {
                        true => history.text(rel, &file, &v.id).unwrap_or_default(),
                        false => String::new(),
                    };
                    b.push_str(&format!(
                        "<li><form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"token\" value=\"{}\">\
                         <input type=\"hidden\" name=\"base\" value=\"{}\"><input type=\"hidden\" name=\"restore\" value=\"{}\">\
                         Bản lúc {}{who} <button type=\"submit\">Khôi phục</button></form>",
                        escape(&action),
                        self.token,
                        escape(base_hash),
                        escape(&v.id),
                        escape(&v.when)
                    ));
                    if !text.is_empty() {
                        b.push_str("<details><summary>Xem bản này</summary><pre>");
                        push_escaped(&mut b, &text);
                        b.push_str("</pre></details>");
                    }
                    b.push_str("</li>");
                }
                b.push_str("</ul>");
            }
        }
        b.push_str(&component_dialogs());
        b.push_str(&Self::link_and_picture_dialogs(&all));
        b.push_str("<script>");
        b.push_str(EDITOR_JS);
        b.push_str("</script>");
        let title = if rel.is_some() { "Sửa bài" } else { "Bài mới" };
        page_with(title, &b, true)
    }

    /// The dialogs of "Liên kết tới bài khác" (every explainer, searched by title) and
    /// "Chèn ảnh".
    fn link_and_picture_dialogs(all: &[Explainer]) -> String {
        let pages: Vec<serde_json::Value> = all
            .iter()
            .map(|e| {
                let title = e.source.as_ref().map_or(e.rel_text.as_str(), |s| s.front.title.as_str());
                serde_json::json!({ "t": title, "p": e.rel_text })
            })
            .collect();
        // In a script element: `<` written as `\u003c` so no text can close it.
        let json = serde_json::Value::Array(pages).to_string().replace('<', "\\u003c");
        format!(
            "<script type=\"application/json\" id=\"cac-bai\">{json}</script>\
             <dialog id=\"hop-lien-ket\" data-kind=\"link\" aria-labelledby=\"hop-lien-ket-tieu-de\"><form>\
             <h2 id=\"hop-lien-ket-tieu-de\">Liên kết tới bài khác</h2>\
             <p><label for=\"lk-tim\">Tìm bài theo tiêu đề</label><input id=\"lk-tim\" autocomplete=\"off\" aria-controls=\"lk-ket-qua\"></p>\
             <fieldset><legend>Chọn bài</legend><div id=\"lk-ket-qua\" aria-live=\"polite\"></div></fieldset>\
             <p><label for=\"lk-chu\">Chữ hiện ra</label><input id=\"lk-chu\" name=\"text\"></p>\
             <p><button type=\"submit\">Chèn</button> <button type=\"button\" data-cancel>Thôi</button></p></form></dialog>\
             <dialog id=\"hop-anh\" data-kind=\"picture\" aria-labelledby=\"hop-anh-tieu-de\"><form>\
             <h2 id=\"hop-anh-tieu-de\">Chèn ảnh vào bài</h2>\
             <p><label for=\"anh-tep\">Tệp ảnh</label><input type=\"file\" id=\"anh-tep\" name=\"file\" accept=\"image/jpeg,image/png,image/webp,image/gif\" required></p>\
             <p><label for=\"anh-mo-ta\">Mô tả ảnh cho người không xem được</label><input id=\"anh-mo-ta\" name=\"alt\" required></p>\
             <p id=\"anh-loi\" role=\"alert\" class=\"van-de\"></p>\
             <p><button type=\"submit\">Chèn</button> <button type=\"button\" data-cancel>Thôi</button></p></form></dialog>"
        )
    }
}

/// Said when an upload is not a picture a page can show.
const NOT_A_PICTURE: &str =
    "Tệp tải lên không phải ảnh JPEG, PNG, WebP hay GIF (hoặc lớn hơn 20 MB). Chưa lưu gì.";

fn no_section() -> Reply {
    Reply::Page(
        "422 Unprocessable Entity",
        page("Không có mục này", "<p role=\"alert\">Không có mục này.</p>"),
    )
}

/// An uploaded picture, checked by its content (not its name), written beside the
/// page under a name from its own, never over another file; the name written.
fn save_picture(dir: &Path, upload: &Upload) -> Result<String, Reply> {
    let refuse = || {
        Reply::Page(
            "422 Unprocessable Entity",
            page("Chưa lưu", &format!("<p role=\"alert\">{NOT_A_PICTURE}</p>")),
        )
    };
    let kind = crate::import::picture_kind(&upload.bytes).ok_or_else(refuse)?;
    // Its header must read as a picture of a sensible size too.
    let size = imagesize::blob_size(&upload.bytes).map_err(|_| refuse())?;
    if upload.bytes.len() > MAX_PICTURE || size.width == 0 || size.height == 0 {
        return Err(refuse());
    }
    let stem = upload.name.rsplit_once('.').map_or(upload.name.as_str(), |(s, _)| s);
    let stem = crate::text::slugify(stem);
    let stem = if stem.is_empty() { "anh".to_string() } else { stem };
    crate::import::create_new(dir, &stem, kind, &upload.bytes).map(|(_, name)| name).map_err(|d| {
        Reply::Page(
            "500 Internal Server Error",
            page("Chưa lưu được", &escape(&d.render(crate::messages::Lang::Vi, dir))),
        )
    })
}

/// Why "Đăng lên cổng" cannot be used.
const NO_TARGET: &str = "Chưa khai báo nơi đăng nên nút này chưa dùng được. Hãy nhờ cán bộ công nghệ thông tin khai báo nơi đăng lên cổng trong tệp site.yaml.";

/// What the list says of each explainer.
const STATUSES: [&str; 5] = ["Bản nháp", "Đã đăng", "Chưa đến ngày", "Hết hạn", "Có lỗi"];

/// A short guide for editors, inside the editor.
fn guide(base: &str) -> String {
    let body = format!(
        "<p><a href=\"{base}__loa/edit/\">Danh sách bài</a></p>\
<h2>Viết một bài</h2><p>Bấm «Bài mới», điền tiêu đề, chọn mục, viết nội dung rồi bấm «Lưu». Tiêu đề nên dưới 70 ký tự, \
tóm tắt dưới 160: số ký tự hiện ngay dưới ô. Bài mới là «Bản nháp»: bài không lên cổng cho tới khi bạn bỏ dấu này rồi lưu. \
Chỉ nút «Lưu» mới lưu bài; phím Enter trong các ô không lưu.</p>\
<h2>Định dạng nội dung</h2><p>Các nút trên ô «Nội dung» làm sẵn việc này: «Đề mục», «Chữ đậm» (Ctrl+B), «Chữ nghiêng» (Ctrl+I), \
«Danh sách», «Danh sách số». Nếu muốn gõ tay:</p><ul><li>Đề mục: dòng bắt đầu bằng <code>## </code>.</li><li>Chữ đậm: <code>**chữ**</code>; chữ nghiêng: <code>*chữ*</code>.</li>\
<li>Danh sách: mỗi dòng bắt đầu bằng <code>- </code>, hoặc <code>1. </code> cho danh sách đánh số.</li>\
<li>Liên kết tới bài khác: nút «Liên kết tới bài khác», gõ vài chữ của tiêu đề bài kia (có dấu hay không) rồi chọn bài.</li>\
<li>Ảnh: nút «Chèn ảnh», chọn tệp ảnh trên máy và viết mô tả ảnh cho người không xem được; ảnh được lưu cạnh bài. Bài trên cổng bắt buộc có mô tả.</li></ul>\
<h2>Dán từ Word, nhập tệp Word</h2><p>Chép đoạn văn trong Word, LibreOffice hay trang web rồi dán vào ô «Nội dung»: đề mục, chữ đậm, chữ nghiêng, \
danh sách, liên kết và bảng được giữ; phông chữ, màu và dòng trống bị bỏ. Cả một tệp Word (.docx) thì dùng ô «Nhập bài từ Word» ở danh sách bài: \
bài mới là bản nháp, ảnh trong tệp được lưu cạnh bài, và loa kể ra phần chưa chuyển được (hộp văn bản, công thức, biểu đồ…).</p>\
<h2>Bảng so sánh, hỏi đáp, câu hỏi</h2><p>Đặt con trỏ vào chỗ muốn chèn trong ô «Nội dung», bấm «Chèn bảng so sánh», «Chèn hỏi đáp» hoặc «Chèn câu hỏi», \
điền các ô rồi bấm «Chèn». Phần chèn vào có thể sửa tiếp ngay trong ô nội dung.</p>\
<h2>Xem trước</h2><p>Trên màn hình rộng, bài hiện ngay bên phải biểu mẫu, đúng như sẽ đăng, cập nhật khi bạn ngừng gõ; chưa cần lưu. \
Lỗi và cảnh báo hiện ngay dưới ô có vấn đề; lỗi trong nội dung kèm số dòng.</p>\
<h2>Lưu và khôi phục</h2><p>Mỗi lần lưu, bản cũ được giữ lại; danh sách «Các bản đã lưu trước» ở cuối trang sửa bài ghi giờ lưu \
(và tên ở ô «Người sửa» khi thư mục trang được quản lý bằng git), có «Xem bản này» để đọc lại và nút «Khôi phục» để đưa bản đó trở lại. \
Khôi phục cũng là một lần lưu: bản đang có vẫn được giữ trong danh sách. Nếu bài đã được sửa ở nơi khác trong lúc bạn đang sửa, \
loa không ghi đè mà hiện cả hai bản để bạn chép phần cần giữ.</p>\
<h2>Trước khi đăng</h2><p>Trang xem thử hiện lỗi ở đầu trang và cảnh báo ở cuối trang. Sửa hết lỗi rồi mới đăng.</p>\
<h2>Đăng lên cổng</h2><p>Nút «Đăng lên cổng» ở danh sách bài kiểm tra cả trang như lệnh <code>loa check</code>, kể ra lỗi nếu có, \
hỏi lại bạn rồi mới đăng và báo kết quả. Nếu trang chưa được khai báo nơi đăng, nút này mờ đi và có dòng giải thích bên cạnh.</p>"
    );
    page("Hướng dẫn sửa bài", &body)
}

/// The form's script: counters, the toolbar and its small forms, paste from Word, the
/// live preview.
const EDITOR_JS: &str = include_str!("editor.js");

/// The small forms that write a comparison, an FAQ or a quiz block into the text.
fn component_dialogs() -> String {
    let field = |id: &str, name: &str, label: &str| {
        format!("<p><label for=\"{id}\">{label}</label><input id=\"{id}\" name=\"{name}\"></p>")
    };
    let end = "<p><button type=\"submit\">Chèn</button> <button type=\"button\" data-cancel>Thôi</button></p></form></dialog>";
    let mut html = String::from(
        "<dialog id=\"hop-so-sanh\" data-kind=\"comparison\" aria-labelledby=\"hop-so-sanh-tieu-de\"><form>\
         <h2 id=\"hop-so-sanh-tieu-de\">Bảng so sánh</h2>",
    );
    html.push_str(&field("ss-ten", "cmp_title", "Tên bảng"));
    html.push_str(&field("ss-trai", "left", "Tên cột trái"));
    html.push_str(&field("ss-phai", "right", "Tên cột phải"));
    for n in 1..=4 {
        html.push_str(&format!("<fieldset><legend>Dòng {n}</legend>"));
        html.push_str(&field(&format!("ss-kc-{n}"), "aspect", &format!("Khía cạnh {n}")));
        html.push_str(&field(&format!("ss-t-{n}"), "left_cell", &format!("Bên trái {n}")));
        html.push_str(&field(&format!("ss-p-{n}"), "right_cell", &format!("Bên phải {n}")));
        html.push_str("</fieldset>");
    }
    html.push_str(end);
    html.push_str(
        "<dialog id=\"hop-hoi-dap\" data-kind=\"faq\" aria-labelledby=\"hop-hoi-dap-tieu-de\"><form>\
         <h2 id=\"hop-hoi-dap-tieu-de\">Hỏi đáp</h2>",
    );
    for n in 1..=3 {
        html.push_str(&field(&format!("hd-h-{n}"), "q", &format!("Câu hỏi {n}")));
        html.push_str(&field(&format!("hd-d-{n}"), "a", &format!("Trả lời {n}")));
    }
    html.push_str(end);
    html.push_str(
        "<dialog id=\"hop-cau-hoi\" data-kind=\"quiz\" aria-labelledby=\"hop-cau-hoi-tieu-de\"><form>\
         <h2 id=\"hop-cau-hoi-tieu-de\">Câu hỏi tự kiểm tra</h2>",
    );
    html.push_str(&field("ch-hoi", "question", "Câu hỏi"));
    for n in 1..=4 {
        html.push_str(&field(&format!("ch-lc-{n}"), "choice", &format!("Lựa chọn {n}")));
    }
    html.push_str("<p><label for=\"ch-dung\">Đáp án đúng</label><select id=\"ch-dung\" name=\"answer\">");
    for n in 1..=4 {
        html.push_str(&format!("<option value=\"{n}\">Lựa chọn {n}</option>"));
    }
    html.push_str("</select></p>");
    html.push_str(&field("ch-giai-thich", "explain", "Giải thích"));
    html.push_str(end);
    html
}

/// What the form holds.
#[derive(Debug, Default, Clone)]
struct Fields {
    title: String,
    summary: String,
    date: String,
    section: String,
    terms: HashMap<String, Vec<String>>,
    channels: Vec<String>,
    unit: String,
    image: String,
    image_alt: String,
    draft: bool,
    body: String,
    /// Who saved: signs the git commit.
    who: String,
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Portal => "portal",
        Channel::Newspaper => "newspaper",
        Channel::Broadcast => "broadcast",
    }
}

impl Fields {
    fn from_file(file: &Path, rel: &str, config: &SiteConfig) -> Fields {
        let (source, _) = content::read_source(file.to_path_buf(), PathBuf::from(rel), config);
        let Some(s) = source else {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            return Fields {
                body: text,
                channels: all_channels(),
                who: history::system_user(),
                ..Fields::default()
            };
        };
        let f = &s.front;
        Fields {
            title: f.title.clone(),
            summary: f.summary.clone().unwrap_or_default(),
            date: f.date.map(|d| d.date.to_string()).unwrap_or_default(),
            section: Path::new(rel)
                .parent()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default(),
            terms: f.taxonomies.clone().into_iter().collect(),
            channels: f.channels.names().into_iter().map(String::from).collect(),
            unit: f.unit.clone().unwrap_or_default(),
            image: f.image.clone().unwrap_or_default(),
            image_alt: f.image_alt.clone().unwrap_or_default(),
            draft: f.draft,
            body: s.body.trim_start_matches(['\r', '\n']).to_string(),
            who: history::system_user(),
        }
    }

    fn from_form(form: &Form) -> Fields {
        let one = |k: &str| crate::text::nfc(form.one(k)).trim().to_string();
        let list = |k: &str| {
            one(k)
                .split([',', ';'])
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
        };
        let mut terms = HashMap::new();
        terms.insert("topics".to_string(), list("topics"));
        terms.insert("audiences".to_string(), list("audiences"));
        Fields {
            title: one("title"),
            summary: one("summary"),
            date: one("date"),
            section: one("section"),
            terms,
            channels: form.fields.get("channels").cloned().unwrap_or_default(),
            unit: one("unit"),
            image: one("image"),
            image_alt: one("image_alt"),
            draft: form.fields.get("draft").is_some_and(|v| v.iter().any(|x| x == "true")),
            body: {
                let body = crate::text::nfc(form.one("body"));
                format!("{}\n", body.replace("\r\n", "\n").trim_end())
            },
            who: Some(one("who")).filter(|w| !w.is_empty()).unwrap_or_else(history::system_user),
        }
    }
}

fn all_channels() -> Vec<String> {
    ["portal", "newspaper", "broadcast"].map(String::from).to_vec()
}

/// The page's new text: the front-matter lines of the keys whose values changed
/// rewritten (added at the end, or removed when emptied), every other line kept as it
/// was (order, comments, quoting), the body replaced; the file's line endings kept.
fn updated(original: &str, file: &Path, config: &SiteConfig, f: &Fields) -> String {
    let crlf = original.contains("\r\n");
    let text = original.replace("\r\n", "\n");
    let (front_lines, _) = split_lines(&text);
    let current = content::front_matter::split(&text, file)
        .ok()
        .and_then(|s| FrontMatter::read(s.yaml, file, config, false).0)
        .unwrap_or_default();
    let quoted = |v: &str| format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""));
    let list = |v: &[String]| format!("[{}]", v.iter().map(|t| quoted(t)).collect::<Vec<_>>().join(", "));
    let text_key = |old: Option<&str>, new: &str| -> Option<Option<String>> {
        (old.unwrap_or("") != new).then(|| (!new.is_empty()).then(|| quoted(new)))
    };
    // key → None: leave; Some(None): remove; Some(Some(v)): write `key: v`.
    let mut changes: Vec<(String, Option<Option<String>>)> = vec![
        ("title".into(), (current.title != f.title).then(|| Some(quoted(&f.title)))),
        ("summary".into(), text_key(current.summary.as_deref(), &f.summary)),
        (
            "date".into(),
            (current.date.map(|d| d.date.to_string()).unwrap_or_default() != f.date)
                .then(|| (!f.date.is_empty()).then(|| f.date.clone())),
        ),
        ("unit".into(), text_key(current.unit.as_deref(), &f.unit)),
        ("image".into(), text_key(current.image.as_deref(), &f.image)),
        ("image_alt".into(), text_key(current.image_alt.as_deref(), &f.image_alt)),
        ("draft".into(), (current.draft != f.draft).then(|| f.draft.then(|| "true".to_string()))),
    ];
    for t in &config.taxonomies {
        let old = current.taxonomies.get(&t.name).cloned().unwrap_or_default();
        let new = f.terms.get(&t.name).cloned().unwrap_or_default();
        changes.push((t.name.clone(), (old != new).then(|| (!new.is_empty()).then(|| list(&new)))));
    }
    let old_channels: Vec<String> = current.channels.names().into_iter().map(String::from).collect();
    let mut new_channels: Vec<String> =
        all_channels().into_iter().filter(|c| f.channels.contains(c)).collect();
    new_channels.dedup();
    if old_channels != new_channels {
        let all = new_channels.len() == 3;
        changes.push(("channels".into(), Some((!all).then(|| format!("[{}]", new_channels.join(", "))))));
    }
    let mut lines: Vec<String> = front_lines.iter().map(|l| l.to_string()).collect();
    for (key, change) in changes {
        let Some(change) = change else { continue };
        let start = lines.iter().position(|l| l.split_once(':').is_some_and(|(k, _)| k == key));
        match (start, change) {
            (Some(i), value) => {
                // The key's own line and the indented lines of its value below it.
                let mut end = i + 1;
                while end < lines.len()
                    && (lines[end].starts_with(' ')
                        || lines[end].starts_with('\t')
                        || lines[end].starts_with("- "))
                {
                    end += 1;
                }
                match value {
                    Some(v) => {
                        lines.splice(i..end, [format!("{key}: {v}")]);
                    }
                    None => {
                        lines.drain(i..end);
                    }
                }
            }
            (None, Some(v)) => lines.push(format!("{key}: {v}")),
            (None, None) => {}
        }
    }
    let mut out = String::from("---\n");
    for line in &lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("---\n\n");
    out.push_str(f.body.trim_start_matches('\n'));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

/// The front matter's lines (without the `---` lines) and the rest.
fn split_lines(text: &str) -> (Vec<&str>, &str) {
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return (Vec::new(), text);
    }
    let mut front = Vec::new();
    let mut consumed = text.find('\n').map_or(text.len(), |i| i + 1);
    for line in lines {
        consumed += line.len();
        if line.trim_end() == "---" {
            return (front, &text[consumed..]);
        }
        front.push(line.trim_end_matches(['\n', '\r']));
    }
    (Vec::new(), text)
}

fn write_atomically(file: &Path, text: &str) -> std::io::Result<()> {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = file.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// An explainer's file below `content/`, read (`None` when it has errors).
struct Explainer {
    path: PathBuf,
    rel: PathBuf,
    rel_text: String,
    source: Option<content::Source>,
}

/// Every explainer of the site, drafts included, in file-name order: no section file,
/// nothing hidden.
fn explainers(root: &Path, config: &SiteConfig) -> Vec<Explainer> {
    let dir = root.join(CONTENT_DIR);
    let mut all = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().flatten() {
        let rel = content::nfc_path(entry.path().strip_prefix(&dir).unwrap_or(entry.path()));
        let rel_text = rel.to_string_lossy().replace('\\', "/");
        if !entry.file_type().is_file()
            || !rel_text.ends_with(".md")
            || rel_text.split('/').any(|p| p.starts_with('.'))
            || rel.file_name().is_some_and(|n| n == SECTION_FILE)
        {
            continue;
        }
        let source = content::read_source(entry.path().to_path_buf(), rel.clone(), config).0;
        all.push(Explainer { path: entry.into_path(), rel, rel_text, source });
    }
    all
}

/// The terms the site's pages already use, per taxonomy, for the fields' suggestions.
fn site_terms(all: &[Explainer]) -> HashMap<String, Vec<String>> {
    let mut terms: HashMap<String, std::collections::BTreeSet<String>> = HashMap::new();
    for source in all.iter().filter_map(|e| e.source.as_ref()) {
        for (taxonomy, values) in &source.front.taxonomies {
            terms.entry(taxonomy.clone()).or_default().extend(values.iter().cloned());
        }
    }
    terms.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect()
}

/// Every folder below `content/`, the root first.
fn sections(root: &Path) -> Vec<String> {
    let dir = root.join(CONTENT_DIR);
    let mut all = vec![String::new()];
    for entry in walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name().into_iter().flatten() {
        if entry.file_type().is_dir() {
            let rel = content::nfc_path(entry.path().strip_prefix(&dir).unwrap_or(entry.path()));
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.split('/').any(|p| p.starts_with('.')) {
                all.push(rel);
            }
        }
    }
    all
}

fn hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..32].to_string()
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    push_escaped(&mut out, text);
    out
}

/// A path for a URL: each part percent-encoded where needed.
fn encode(rel: &str) -> String {
    crate::site::Urls::new("/").path(rel).trim_start_matches('/').to_string()
}

/// The editor's pages: self-contained, Vietnamese, readable at 1280 px and usable at 768.
fn page(title: &str, body: &str) -> String {
    page_with(title, body, false)
}

/// A page of the editor; `wide`: the form and its preview side by side from 1100 px.
fn page_with(title: &str, body: &str, wide: bool) -> String {
    let mut html = String::from("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
    push_escaped(&mut html, title);
    html.push_str(" – loa</title><style>body{font:18px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}\
label{display:block;font-weight:600;margin-top:.5rem}fieldset label{display:inline;font-weight:400;margin-right:1rem}\
input:not([type=checkbox]),select,textarea{width:100%;font:inherit;padding:.3rem;box-sizing:border-box;border:1px solid #555}\
button,.button{font:inherit;padding:.4rem 1rem;background:#12305a;color:#fff;border:0;text-decoration:none;display:inline-block}\
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;text-align:left;padding:.3rem}.hint{color:#444;font-size:.9rem}\
pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;font:inherit}\
button:disabled{background:#e4e4e4;color:#444;border:1px dashed #555;cursor:not-allowed}\
:focus-visible{outline:3px solid #c25e00;outline-offset:2px}a{color:#0b4f8a}dialog{max-width:40rem;width:90vw}\
button[data-cancel]{background:#555}.van-de{color:#8b0000}.van-de li{margin:.2rem 0}.toolbar{margin-top:.75rem}.toolbar button{margin:.15rem 0}\
main.wide{max-width:none}#khung-xem-truoc{width:100%;height:80vh;border:1px solid #555;background:#fff}\
@media (min-width:1100px){body:has(main.wide){max-width:none}.soan{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem;align-items:start}#xem-truoc{position:sticky;top:0}}\
</style></head><body><main");
    if wide {
        html.push_str(" class=\"wide\"");
    }
    html.push_str("><h1>");
    push_escaped(&mut html, title);
    html.push_str("</h1>");
    html.push_str(body);
    html.push_str("</main></body></html>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Fields {
        fn from_file_text(text: &str, config: &SiteConfig) -> Fields {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("a.md");
            std::fs::write(&file, text).unwrap();
            Fields::from_file(&file, "a.md", config)
        }
    }

    #[test]
    fn only_changed_keys_are_rewritten_and_the_rest_kept_as_written() {
        let config = SiteConfig::parse(
            "title: T\nbase_url: /\ntaxonomies:\n  - { name: topics, slug: chu-de, title: Chủ đề }\n",
            Path::new("site.yaml"),
        )
        .0
        .unwrap();
        let original = "---\n# ghi chú của biên tập viên\ntitle: 'Cũ'\nweight: 3\ntopics:\n  - Dữ liệu\nsummary: Tóm tắt\n---\n\nThân bài cũ.\n";
        let mut f = Fields::from_file_text(original, &config);
        f.title = "Mới \"hay\"".into();
        f.body = "Thân bài mới.\n".into();
        let out = updated(original, Path::new("a.md"), &config, &f);
        assert_eq!(
            out,
            "---\n# ghi chú của biên tập viên\ntitle: \"Mới \\\"hay\\\"\"\nweight: 3\ntopics:\n  - Dữ liệu\nsummary: Tóm tắt\n---\n\nThân bài mới.\n"
        );
        // Emptied: removed; a new key: added at the end; CRLF kept.
        let mut g = f.clone();
        g.summary.clear();
        g.draft = true;
        let out = updated(&original.replace('\n', "\r\n"), Path::new("a.md"), &config, &g);
        assert!(out.contains("weight: 3\r\ntopics:\r\n  - Dữ liệu\r\ndraft: true\r\n---"), "{out}");
        assert!(!out.contains("summary"));
    }
}
