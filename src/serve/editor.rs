//! The editor inside `loa serve` (first part): a list of every explainer, drafts
//! included, and a form per explainer and for a new one, under `__loa/edit/`. Saving
//! writes only the front-matter lines whose values changed and the body, through a
//! temporary file renamed over the page; a page changed on disk since its form was
//! opened is not overwritten (both versions are shown); the version replaced is kept in
//! `.loa-history/`. Every write carries the token of the editor's pages and comes from
//! the preview's own origin.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::content::{self, Channel, FrontMatter, CONTENT_DIR, SECTION_FILE};
use crate::text::push_escaped;

/// The largest form accepted (the text of an explainer is far smaller).
pub const MAX_FORM: usize = 2 * 1024 * 1024;

/// What the editor answers: a status and a page, or a redirect.
pub enum Reply {
    Page(&'static str, String),
    SeeOther(String),
}

/// The editor of the site in `root`, with the token its pages carry.
pub struct Editor {
    pub root: PathBuf,
    pub token: String,
}

impl Editor {
    pub fn new(root: &Path) -> Editor {
        // Unguessable by another site: the process's random hasher keys and the time.
        use std::hash::{BuildHasher, Hasher};
        let mut token = String::new();
        for _ in 0..2 {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_nanos(),
            );
            token.push_str(&format!("{:016x}", h.finish()));
        }
        Editor { root: root.to_path_buf(), token }
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
            "" => Reply::Page("200 OK", self.list(&config, base, problems, &parse_form(query.as_bytes()))),
            "huong-dan" => Reply::Page("200 OK", guide(base)),
            "new" => {
                let fresh = Fields { channels: all_channels(), ..Fields::default() };
                Reply::Page("200 OK", self.form(&config, base, None, &fresh, ""))
            }
            rel => match self.source(rel) {
                Some(file) => {
                    let text = std::fs::read_to_string(&file).unwrap_or_default();
                    let fields = Fields::from_file(&file, rel, &config);
                    Reply::Page("200 OK", self.form(&config, base, Some(rel), &fields, &hash(&text)))
                }
                None => Reply::Page("404 Not Found", page("Không có bài này", "<p>Không có bài này.</p>")),
            },
        }
    }

    /// A POST below `__loa/edit/`: the token and the origin checked by the caller.
    pub fn post(&self, rest: &str, base: &str, form: &HashMap<String, Vec<String>>) -> Reply {
        let Some(config) = SiteConfig::load(&self.root).0 else {
            return Reply::Page("500 Internal Server Error", page("Lỗi", "<p>site.yaml có lỗi.</p>"));
        };
        if rest == "dang" {
            let confirmed = form.get("confirm").is_some_and(|v| v.iter().any(|x| x == "1"));
            return self.publish(&config, base, confirmed);
        }
        if let Some(stamp) = form.get("restore").and_then(|v| v.first()) {
            return self.restore(rest, base, stamp, form);
        }
        let fields = Fields::from_form(form);
        if fields.title.trim().is_empty() {
            let body = "<p role=\"alert\">Bài cần có tiêu đề.</p>";
            return Reply::Page("422 Unprocessable Entity", page("Thiếu tiêu đề", body));
        }
        if rest == "new" {
            return self.create(&config, base, &fields);
        }
        let Some(file) = self.source(rest) else {
            return Reply::Page("404 Not Found", page("Không có bài này", "<p>Không có bài này.</p>"));
        };
        let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
        let wanted = updated(&on_disk, &file, &config, &fields);
        let base_hash = form.get("base").and_then(|v| v.first()).cloned().unwrap_or_default();
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
            if let Err(e) = self.keep_history(rest, &on_disk).and_then(|()| write_atomically(&file, &wanted))
            {
                return Reply::Page(
                    "500 Internal Server Error",
                    page(
                        "Chưa lưu được",
                        &format!("<p role=\"alert\">Chưa lưu được: {}</p>", escape(&e.to_string())),
                    ),
                );
            }
        }
        Reply::SeeOther(format!("{base}__loa/edit/{}?da-luu", encode(rest)))
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

    /// Puts back the version saved at `stamp` (the one replaced is kept in turn).
    fn restore(&self, rel: &str, base: &str, stamp: &str, form: &HashMap<String, Vec<String>>) -> Reply {
        let valid = !stamp.is_empty() && stamp.bytes().all(|b| b.is_ascii_digit() || b"TZ.".contains(&b));
        let (Some(file), true) = (self.source(rel), valid) else {
            return Reply::Page("404 Not Found", page("Không có bản này", "<p>Không có bản này.</p>"));
        };
        let Ok(old) = std::fs::read_to_string(self.root.join(HISTORY).join(rel).join(format!("{stamp}.md")))
        else {
            return Reply::Page("404 Not Found", page("Không có bản này", "<p>Không có bản này.</p>"));
        };
        let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
        if form.get("base").and_then(|v| v.first()).is_none_or(|b| *b != hash(&on_disk)) {
            let body = format!("<p role=\"alert\">Bài này đã được sửa ở nơi khác sau khi bạn mở. Chưa khôi phục gì.</p><p><a href=\"{base}__loa/edit/{}\">Mở lại bài</a></p>", encode(rel));
            return Reply::Page("409 Conflict", page("Bài đã thay đổi", &body));
        }
        if let Err(e) = self.keep_history(rel, &on_disk).and_then(|()| write_atomically(&file, &old)) {
            return Reply::Page(
                "500 Internal Server Error",
                page("Chưa khôi phục được", &escape(&e.to_string())),
            );
        }
        Reply::SeeOther(format!("{base}__loa/edit/{}?da-khoi-phuc", encode(rel)))
    }

    /// The versions kept of `rel`, newest first: (stamp, when in Vietnam time).
    fn versions(&self, rel: &str) -> Vec<(String, String)> {
        let dir = self.root.join(HISTORY).join(rel);
        let mut stamps: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".md").map(str::to_string))
            .collect();
        stamps.sort_unstable_by(|a, b| b.cmp(a));
        stamps
            .into_iter()
            .map(|s| {
                let when = jiff::Timestamp::strptime("%Y%m%dT%H%M%S%.fZ", &s)
                    .ok()
                    .map(|t| {
                        let vietnam = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
                        t.to_zoned_datetime(vietnam).strftime("%H:%M:%S ngày %d/%m/%Y").to_string()
                    })
                    .unwrap_or_else(|| s.clone());
                (s, when)
            })
            .collect()
    }

    fn keep_history(&self, rel: &str, text: &str) -> std::io::Result<()> {
        let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S%.fZ").to_string();
        let dir = self.root.join(HISTORY).join(rel);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{stamp}.md")), text)
    }

    fn create(&self, config: &SiteConfig, base: &str, fields: &Fields) -> Reply {
        let section = fields.section.trim().trim_matches('/');
        let folder_ok = section.is_empty()
            || crate::site::safe_output_path(section)
                .is_some_and(|s| !s.split('/').any(|p| p.starts_with('.')));
        let dir = self.root.join(CONTENT_DIR).join(section);
        if !folder_ok || !dir.is_dir() || !self.inside_content(&dir) {
            return Reply::Page(
                "422 Unprocessable Entity",
                page("Không có mục này", "<p role=\"alert\">Không có mục này.</p>"),
            );
        }
        let stem = crate::text::slugify(&fields.title);
        let stem = if stem.is_empty() { "bai-moi".to_string() } else { stem };
        let text = updated("---\ntitle: x\n---\n", &dir.join("x.md"), config, fields);
        // Never over another file: `-2`, `-3` … until a name is free.
        for n in 1..1000 {
            let name = if n == 1 { format!("{stem}.md") } else { format!("{stem}-{n}.md") };
            let file = dir.join(&name);
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&file) {
                Ok(mut f) => {
                    use std::io::Write;
                    if let Err(e) = f.write_all(text.as_bytes()) {
                        let _ = std::fs::remove_file(&file);
                        return Reply::Page(
                            "500 Internal Server Error",
                            page("Chưa lưu được", &escape(&e.to_string())),
                        );
                    }
                    let rel = if section.is_empty() { name } else { format!("{section}/{name}") };
                    return Reply::SeeOther(format!("{base}__loa/edit/{}?da-luu", encode(&rel)));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Reply::Page(
                        "500 Internal Server Error",
                        page("Chưa lưu được", &escape(&e.to_string())),
                    )
                }
            }
        }
        Reply::Page(
            "500 Internal Server Error",
            page("Chưa lưu được", "<p>Không tìm được tên tệp còn trống.</p>"),
        )
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
        let content_dir = self.root.join(CONTENT_DIR);
        let mut rows: Vec<(String, String)> = Vec::new();
        let now = jiff::Timestamp::now();
        let walker = walkdir::WalkDir::new(&content_dir).sort_by_file_name().into_iter().flatten();
        for entry in walker.filter(|e| e.file_type().is_file()) {
            let path = entry.path();
            let rel = content::nfc_path(path.strip_prefix(&content_dir).unwrap_or(path));
            let rel_text = rel.to_string_lossy().replace('\\', "/");
            let hidden = rel_text.split('/').any(|p| p.starts_with('.'));
            if hidden || !rel_text.ends_with(".md") || rel.file_name().is_some_and(|n| n == SECTION_FILE) {
                continue;
            }
            let (source, _) = content::read_source(path.to_path_buf(), rel.clone(), config);
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
            "<p><a href=\"{base}__loa/edit/\">Danh sách bài</a></p><form method=\"post\" action=\"{}\">",
            escape(&action)
        );
        b.push_str(&format!("<input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"base\" value=\"{}\">", self.token, escape(base_hash)));
        let text = |b: &mut String, id: &str, label: &str, value: &str, extra: &str| {
            b.push_str(&format!(
                "<p><label for=\"{id}\">{label}</label><input id=\"{id}\" name=\"{id}\" value=\""
            ));
            push_escaped(b, value);
            b.push_str(&format!("\"{extra}></p>"));
        };
        text(
            &mut b,
            "title",
            "Tiêu đề",
            &f.title,
            " required maxlength=\"200\" aria-describedby=\"title-dem\"",
        );
        b.push_str("<p id=\"title-dem\" class=\"hint\" aria-live=\"polite\"></p>");
        b.push_str("<p><label for=\"summary\">Tóm tắt</label>");
        b.push_str("<textarea id=\"summary\" name=\"summary\" rows=\"3\" aria-describedby=\"summary-dem\">");
        push_escaped(&mut b, &f.summary);
        b.push_str("</textarea></p><p id=\"summary-dem\" class=\"hint\" aria-live=\"polite\"></p>");
        text(&mut b, "date", "Ngày đăng", &f.date, " type=\"date\"");
        // The section of a new page; an existing page stays where its file is.
        b.push_str("<p><label for=\"section\">Mục</label><select id=\"section\" name=\"section\"");
        if rel.is_some() {
            b.push_str(" disabled");
        }
        b.push('>');
        for folder in sections(&self.root) {
            let selected = if folder == f.section { " selected" } else { "" };
            b.push_str(&format!("<option value=\"{}\"{selected}>", escape(&folder)));
            push_escaped(&mut b, if folder.is_empty() { "(trang chủ)" } else { &folder });
            b.push_str("</option>");
        }
        b.push_str("</select></p>");
        for (id, label, taxonomy) in [("topics", "Chủ đề", "topics"), ("audiences", "Đối tượng", "audiences")]
        {
            if config.taxonomy(taxonomy).is_some() {
                text(
                    &mut b,
                    id,
                    label,
                    &f.terms.get(taxonomy).map(|t| t.join(", ")).unwrap_or_default(),
                    " aria-describedby=\"tach-phay\"",
                );
            }
        }
        b.push_str("<p id=\"tach-phay\" class=\"hint\">Chủ đề, đối tượng: cách nhau bằng dấu phẩy.</p>");
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
        b.push_str("</fieldset>");
        text(&mut b, "unit", "Đơn vị", &f.unit, "");
        text(&mut b, "image", "Ảnh", &f.image, "");
        text(&mut b, "image_alt", "Mô tả ảnh", &f.image_alt, "");
        let draft = if f.draft { " checked" } else { "" };
        b.push_str(&format!(
            "<p><label><input type=\"checkbox\" name=\"draft\" value=\"true\"{draft}> Bản nháp</label></p>"
        ));
        // Shown by the script: without it they could do nothing.
        b.push_str("<p>");
        for (dialog, label) in [
            ("hop-so-sanh", "Chèn bảng so sánh"),
            ("hop-hoi-dap", "Chèn hỏi đáp"),
            ("hop-cau-hoi", "Chèn câu hỏi"),
        ] {
            b.push_str(&format!("<button type=\"button\" data-dialog=\"{dialog}\" hidden>{label}</button> "));
        }
        b.push_str("</p>");
        b.push_str("<p><label for=\"body\">Nội dung</label><textarea id=\"body\" name=\"body\" rows=\"24\">");
        push_escaped(&mut b, &f.body);
        b.push_str("</textarea></p><p><button type=\"submit\">Lưu</button></p></form>");
        if let Some(rel) = rel {
            let versions = self.versions(rel);
            if !versions.is_empty() {
                b.push_str("<h2 id=\"cac-ban-cu\">Các bản đã lưu trước</h2><ul>");
                for (stamp, when) in versions {
                    b.push_str(&format!(
                        "<li><form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"token\" value=\"{}\">\
                         <input type=\"hidden\" name=\"base\" value=\"{}\"><input type=\"hidden\" name=\"restore\" value=\"{}\">\
                         Bản lúc {} <button type=\"submit\">Khôi phục</button></form></li>",
                        escape(&action), self.token, escape(base_hash), escape(&stamp), escape(&when)
                    ));
                }
                b.push_str("</ul>");
            }
        }
        b.push_str(&component_dialogs());
        b.push_str("<script>");
        b.push_str(EDITOR_JS);
        b.push_str("</script>");
        let title = if rel.is_some() { "Sửa bài" } else { "Bài mới" };
        page(title, &b)
    }
}

/// Why "Đăng lên cổng" cannot be used.
const NO_TARGET: &str = "Chưa khai báo nơi đăng: cán bộ công nghệ thông tin thêm khối deploy: vào site.yaml (xem README, mục Publishing to the portal).";

/// What the list says of each explainer.
const STATUSES: [&str; 5] = ["Bản nháp", "Đã đăng", "Chưa đến ngày", "Hết hạn", "Có lỗi"];

/// A short guide for editors, inside the editor.
fn guide(base: &str) -> String {
    let body = format!(
        "<p><a href=\"{base}__loa/edit/\">Danh sách bài</a></p>\
<h2>Viết một bài</h2><p>Bấm «Bài mới», điền tiêu đề, chọn mục, viết nội dung rồi bấm «Lưu». Tiêu đề nên dưới 70 ký tự, \
tóm tắt dưới 160: số ký tự hiện ngay dưới ô. Bài còn đang viết thì đánh dấu «Bản nháp»: bài không lên cổng cho tới khi bỏ dấu này.</p>\
<h2>Định dạng nội dung</h2><ul><li>Đề mục: dòng bắt đầu bằng <code>## </code>.</li><li>Chữ đậm: <code>**chữ**</code>; chữ nghiêng: <code>*chữ*</code>.</li>\
<li>Danh sách: mỗi dòng bắt đầu bằng <code>- </code>, hoặc <code>1. </code> cho danh sách đánh số.</li>\
<li>Liên kết tới bài khác: <code>[chữ hiện ra](../muc/ten-bai.md)</code>.</li><li>Ảnh đặt cạnh bài: <code>![mô tả ảnh](ten-anh.jpg)</code>; bài trên cổng bắt buộc có mô tả.</li></ul>\
<h2>Bảng so sánh, hỏi đáp, câu hỏi</h2><p>Đặt con trỏ vào chỗ muốn chèn trong ô «Nội dung», bấm «Chèn bảng so sánh», «Chèn hỏi đáp» hoặc «Chèn câu hỏi», \
điền các ô rồi bấm «Chèn». Phần chèn vào có thể sửa tiếp ngay trong ô nội dung.</p>\
<h2>Lưu và khôi phục</h2><p>Mỗi lần lưu, bản cũ được giữ lại; danh sách «Các bản đã lưu trước» ở cuối trang sửa bài có nút «Khôi phục» \
để đưa một bản cũ trở lại. Nếu bài đã được sửa ở nơi khác trong lúc bạn đang sửa, loa không ghi đè mà hiện cả hai bản để bạn chọn.</p>\
<h2>Trước khi đăng</h2><p>Trang xem thử hiện lỗi ở đầu trang và cảnh báo ở cuối trang. Sửa hết lỗi rồi mới đăng.</p>"
    );
    page("Hướng dẫn sửa bài", &body)
}

/// The form's script: counters and the components' small forms.
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

/// Where the versions a save replaced are kept, in the site's folder.
pub const HISTORY: &str = ".loa-history";

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
            return Fields { body: text, channels: all_channels(), ..Fields::default() };
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
        }
    }

    fn from_form(form: &HashMap<String, Vec<String>>) -> Fields {
        let one = |k: &str| {
            crate::text::nfc(form.get(k).and_then(|v| v.first()).map_or("", String::as_str))
                .trim()
                .to_string()
        };
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
            channels: form.get("channels").cloned().unwrap_or_default(),
            unit: one("unit"),
            image: one("image"),
            image_alt: one("image_alt"),
            draft: form.get("draft").is_some_and(|v| v.iter().any(|x| x == "true")),
            body: {
                let body =
                    crate::text::nfc(form.get("body").and_then(|v| v.first()).map_or("", String::as_str));
                format!("{}\n", body.replace("\r\n", "\n").trim_end())
            },
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
    let mut html = String::from("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
    push_escaped(&mut html, title);
    html.push_str(" – loa</title><style>body{font:18px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}\
label{display:block;font-weight:600;margin-top:.5rem}fieldset label{display:inline;font-weight:400;margin-right:1rem}\
input:not([type=checkbox]),select,textarea{width:100%;font:inherit;padding:.3rem;box-sizing:border-box;border:1px solid #555}\
textarea#body{font-family:ui-monospace,monospace}button,.button{font:inherit;padding:.4rem 1rem;background:#12305a;color:#fff;border:0;text-decoration:none;display:inline-block}\
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;text-align:left;padding:.3rem}.hint{color:#444;font-size:.9rem}\
pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem}a{color:#0b4f8a}dialog{max-width:40rem;width:90vw}\
button[data-cancel]{background:#555}</style></head><body><main><h1>");
    push_escaped(&mut html, title);
    html.push_str("</h1>");
    html.push_str(body);
    html.push_str("</main></body></html>");
    html
}

/// A form body (`application/x-www-form-urlencoded`): every value of every name.
pub fn parse_form(body: &[u8]) -> HashMap<String, Vec<String>> {
    let mut form: HashMap<String, Vec<String>> = HashMap::new();
    for pair in body.split(|&b| b == b'&') {
        let pair = String::from_utf8_lossy(pair).replace('+', " ");
        let (k, v) = pair.split_once('=').unwrap_or((&pair, ""));
        form.entry(crate::text::percent_decode(k)).or_default().push(crate::text::percent_decode(v));
    }
    form
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
