//! `loa build` end to end: the real binary on small sites in temporary folders.

mod common;

use common::{fingerprinted, gzip_size, loa, page, snapshot, TestSite};

fn repo_root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

#[test]
fn the_example_site_builds_with_every_kind_of_output() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("public");
    let run = loa(&["build", "--root", repo_root(), "--output", out_dir.to_str().unwrap()]);
    run.assert_ok();
    // 12 explainers in Vietnamese, 3 in English and 1 in Tày; 6 + 3 + 2 lists.
    assert!(run.stdout.starts_with("Đã dựng 16 bài, 11 mục"), "summary: {}", run.stdout);
    assert!(run.stdout.contains("tệp trong"), "summary: {}", run.stdout);
    let read =
        |rel: &str| std::fs::read_to_string(out_dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    for rel in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "search/index.html",
        "search/meta.json",
        "chu-de/index.html",
        "doi-tuong/index.html",
        "en/index.html",
        "en/hieu-dung/how-does-applying-it-differ-from-digital-transformation/index.html",
        "en/hoi-dap/index.html",
        "en/search/meta.json",
        "en/atom.xml",
        "tyz/hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/index.html",
    ] {
        assert!(out_dir.join(rel).is_file(), "{rel} missing");
    }
    let core = read("hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/index.html");
    // comparison: a real table with a caption and header cells
    assert!(core.contains("<caption id=\"cmp-1\">"));
    assert!(core.contains("<th scope=\"col\">Khía cạnh</th>"));
    assert!(core.matches("<th scope=\"row\">").count() >= 8, "at least 8 aspects");
    // faq: details plus FAQPage JSON-LD
    assert!(core.contains("<details class=\"faq-item\">"));
    assert!(core.contains("\"@type\":\"FAQPage\""));
    // quiz: the answer is there without JavaScript
    assert!(core.contains("<details class=\"quiz-answer\">"));
    assert!(core.contains("Đáp án đúng: B."));
    // one h1, a table of contents, the Vietnamese date
    assert_eq!(core.matches("<h1").count(), 1);
    assert!(core.contains("href=\"#so-sanh-theo-tung-khia-canh\""));
    assert!(core.contains("Ngày 15 tháng 9 năm 2026"));
    // the alias redirects to the page
    let alias = read("cu/cntt-va-cds/index.html");
    assert!(alias.contains("url=/chuyen-doi-so/hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/"));
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://example.gov.vn/chuyen-doi-so/hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/</loc>"
    ));
    assert!(read("robots.txt").contains("Sitemap: https://example.gov.vn/chuyen-doi-so/sitemap.xml"));
    // footer organisations come from site.yaml
    assert!(read("index.html").contains("Ủy ban nhân dân tỉnh Lạng Sơn"));
}

/// Every `href`, `src` and CSS `url()` in the built site.
fn links_in(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attr in ["href=\"", "src=\"", "url("] {
        let mut rest = text;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find(['"', ')']).unwrap_or(rest.len());
            links.push(rest[..end].trim_matches('\'').to_string());
        }
    }
    links
}

#[test]
fn under_a_sub_path_every_link_starts_with_it_or_is_external() {
    let site = TestSite::new(&[
        ("content/_index.md", "---\ntitle: Trang chủ\n---\nXem [hỏi đáp](/hoi-dap/).\n"),
        ("content/hoi-dap/_index.md", "---\ntitle: Hỏi đáp\n---\n"),
        ("content/hoi-dap/mot.md", &page("Một", "topics: [Dữ liệu]\naliases: [/cu/mot/]\n", "[Hai](hai.md#phan-b), ![sơ đồ](so-do.png), [gốc](/hoi-dap/hai/) và [ngoài](https://chinhphu.vn/)")),
        ("content/hoi-dap/hai.md", &page("Hai", "", "## Phần B\n\nNội dung.")),
        ("static/extra.css", "body { background: url(/so-do.png); }"),
    ]);
    site.write_bytes("content/hoi-dap/so-do.png", &common::png(600, 400));
    site.build(&["--base-url", "https://portal.example.gov.vn/chuyen-doi-so"]).assert_ok();
    let mut checked = 0;
    for (rel, bytes) in snapshot(&site.path("public")) {
        let name = rel.to_string_lossy();
        if !(name.ends_with(".html") || name.ends_with(".css")) {
            continue;
        }
        for link in links_in(&String::from_utf8_lossy(&bytes)) {
            let ok =
                link.starts_with("/chuyen-doi-so/") || link.starts_with("https://") || link.starts_with('#');
            assert!(ok, "{name}: {link} is outside /chuyen-doi-so/");
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} links checked");
    let mot = site.read("public/hoi-dap/mot/index.html");
    assert!(mot.contains("href=\"/chuyen-doi-so/hoi-dap/hai/#phan-b\""));
    assert!(mot.contains("src=\"/chuyen-doi-so/hoi-dap/so-do."), "a copy of the picture: {mot}");
    assert!(site.read("public/index.html").contains("href=\"/chuyen-doi-so/hoi-dap/\""));
    let css = std::fs::read_to_string(fingerprinted(&site.path("public"), "extra", "css")).unwrap();
    assert!(css.contains("url(/chuyen-doi-so/so-do.png)"));
    assert!(site
        .read("public/sitemap.xml")
        .contains("<loc>https://portal.example.gov.vn/chuyen-doi-so/hoi-dap/mot/</loc>"));
    assert!(site.path("public/hoi-dap/so-do.png").is_file());
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "Nội dung."))]);
    site.build(&[]).assert_ok();
    let before = snapshot(&site.path("public"));
    assert!(before.len() > 3);
    site.write("content/b.md", &page("B", "", "Bài mới."));
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title | no_such_filter }}\n{% endblock main %}\n");
    site.build(&[]).assert_fails().says("page.html").says("Thư mục đầu ra vẫn giữ nguyên");
    assert_eq!(snapshot(&site.path("public")), before);
    assert!(!site.path(".public.loa-staging").exists());

    // Files are staged as they are made: a page failing after others were written
    // still leaves the last site as it was and no staging folder behind.
    std::fs::remove_file(site.path("templates/page.html")).unwrap();
    let many: Vec<(String, String)> =
        (0..40).map(|n| (format!("content/c{n}.md"), page(&format!("C{n}"), "", "Thêm."))).collect();
    many.iter().for_each(|(path, text)| site.write(path, text));
    site.write("content/z.md", &page("Z", "template: khong-co.html\n", "Mẫu sai."));
    site.build(&[]).assert_fails().says("khong-co.html").says("Thư mục đầu ra vẫn giữ nguyên");
    assert_eq!(snapshot(&site.path("public")), before);
    assert!(!site.path(".public.loa-staging").exists());

    // An output folder whose parents do not exist yet: a failed build leaves none behind.
    let deep = site.path("ban-dung/moi/public");
    site.build(&["--output", deep.to_str().unwrap()]).assert_fails().says("khong-co.html");
    assert!(!site.path("ban-dung").exists(), "folders made for a failed build stay");
}

#[test]
fn a_folder_loa_did_not_write_is_never_replaced() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    site.write("public/bao-cao-quan-trong.docx", "do not lose me");
    site.build(&[]).assert_fails().says("không do loa tạo ra").says("--output");
    assert_eq!(site.read("public/bao-cao-quan-trong.docx"), "do not lose me");
    // An empty folder is fine.
    let empty = site.path("empty-out");
    std::fs::create_dir_all(&empty).unwrap();
    site.build(&["--output", empty.to_str().unwrap()]).assert_ok();
    assert!(empty.join("a/index.html").is_file());
    // The site's own folder is never an output folder.
    site.build(&["--output", site.root().to_str().unwrap()]).assert_fails();
    assert!(site.path("site.yaml").is_file());
}

#[test]
fn a_renamed_page_leaves_no_stale_file_and_unchanged_files_are_not_rewritten() {
    let site = TestSite::new(&[
        ("content/cu.md", &page("Bài", "", "Nội dung.")),
        ("content/khac.md", &page("Khác", "", "Không đổi.")),
    ]);
    site.build(&[]).assert_ok();
    assert!(site.path("public/cu/index.html").is_file());
    let css = fingerprinted(&site.path("public"), "style", "css");
    let css_before = std::fs::metadata(&css).unwrap().modified().unwrap();
    std::fs::rename(site.path("content/cu.md"), site.path("content/moi.md")).unwrap();
    site.build(&[]).assert_ok();
    assert!(!site.path("public/cu").exists(), "stale page left behind");
    assert!(site.path("public/moi/index.html").is_file());
    let css_after = std::fs::metadata(&css).unwrap().modified().unwrap();
    assert_eq!(css_before, css_after, "an unchanged file was rewritten");
}

#[test]
fn related_explainers_share_the_most_terms_newest_first() {
    let dated = |title: &str, date: &str, topics: &str| {
        format!("---\ntitle: {title}\ndate: {date}\ntopics: [{topics}]\n---\n\nNội dung.\n")
    };
    let site = TestSite::new(&[
        ("content/a.md", &dated("A", "2024-01-01", "Dữ liệu, Dịch vụ công")),
        ("content/b.md", &dated("B", "2024-01-02", "Dữ liệu, Dịch vụ công")),
        ("content/c.md", &dated("C", "2024-01-03", "Dữ liệu")),
        ("content/d.md", &dated("D", "2024-01-04", "Nông nghiệp")),
        ("content/e.md", &dated("E", "2024-01-05", "Dịch vụ công")),
    ]);
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    let related = &html[html.find("class=\"related\"").expect("a related block")..];
    let related = &related[..related.find("</section>").unwrap()];
    let at = |u: &str| related.find(&format!("href=\"{u}\"")).unwrap_or_else(|| panic!("{u}: {related}"));
    assert!(at("/b/") < at("/e/") && at("/e/") < at("/c/"), "two shared terms first, then newest: {related}");
    assert!(!related.contains("/d/") && !related.contains("href=\"/a/\""), "{related}");
}

#[test]
fn a_build_with_nothing_changed_writes_nothing() {
    let site = TestSite::new(&[
        ("content/tin/a.md", &page("Bài A", "", "Nội dung A.")),
        ("content/tin/b.md", &page("Bài B", "", "Nội dung B.")),
    ]);
    common::age(site.root());
    site.build(&[]).assert_ok();
    let public = site.path("public");
    let (bytes, times) = (snapshot(&public), common::modified_times(&public));
    let run = site.build(&[]);
    run.assert_ok();
    assert!(run.stdout.contains("Không có gì thay đổi"), "{}", run.stdout);
    assert_eq!(common::modified_times(&public), times, "a file was written");
    assert_eq!(snapshot(&public), bytes);

    // A file deleted from the output is noticed and written again.
    std::fs::remove_file(site.path("public/tin/a/index.html")).unwrap();
    let run = site.build(&[]);
    assert!(run.stdout.contains("Đã dựng"), "{}", run.stdout);
    assert!(site.path("public/tin/a/index.html").is_file());

    // An edit is noticed, even one saved in the same second as the last build.
    site.write("content/tin/b.md", &page("Bài B", "", "Nội dung mới."));
    site.build(&[]).assert_ok();
    assert!(site.read("public/tin/b/index.html").contains("Nội dung mới."));

    // Other options make another site.
    common::age(site.root());
    site.build(&[]).assert_ok();
    let run = site.build(&["--base-url", "https://example.gov.vn/khac/"]);
    assert!(run.stdout.contains("Đã dựng"), "{}", run.stdout);
    assert!(site.read("public/tin/a/index.html").contains("/khac/tin/b/"));
}

#[test]
fn nfd_file_names_give_the_nfc_slug_and_twins_collide() {
    let nfd: String = "Chuyển đổi số.md".chars().flat_map(unicode_decomposed).collect();
    assert_ne!(nfd, "Chuyển đổi số.md");
    let site = TestSite::new(&[(&format!("content/{nfd}"), &page("Chuyển đổi số", "", "Nội dung."))]);
    site.build(&[]).assert_ok();
    assert!(site.path("public/chuyen-doi-so/index.html").is_file());
    site.write("content/Chuyển đổi số.md", &page("Bản NFC", "", "Trùng."));
    if std::fs::read_dir(site.path("content")).unwrap().count() == 2 {
        // The file system keeps both names apart (Linux does): a duplicate URL.
        site.build(&[]).assert_fails().says("/chuyen-doi-so/").says("Chuyển đổi số.md");
    }
}

fn unicode_decomposed(c: char) -> Vec<char> {
    use unicode_normalization::UnicodeNormalization;
    c.to_string().nfd().collect()
}

#[test]
fn script_in_markdown_and_in_front_matter_comes_out_inert() {
    let site = TestSite::new(&[(
        "content/a.md",
        "---\ntitle: \"Tin <script>alert(1)</script> mới\"\nsummary: \"<img src=x onerror=alert(2)>\"\n---\n\n[bấm](javascript:alert(5)) và ![x](JavaScript:alert(6)) Đoạn <script>alert(3)</script> văn <b onclick=\"alert(4)\">đậm</b> và <span lang=\"tyz\">slon</span>.\n\n<iframe src=\"https://evil.example/\"></iframe>\n",
    )]);
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("onclick"));
    assert!(!html.contains("<iframe"));
    assert!(
        html.contains("Tin &lt;script&gt;alert(1)&lt;&#x2F;script&gt; mới")
            || html.contains("Tin &lt;script&gt;alert(1)&lt;/script&gt; mới"),
        "{html}"
    );
    assert!(html.contains("<b>đậm</b>"));
    assert!(!html.contains("javascript:"), "javascript: links are removed");
    assert!(html.contains("<span lang=\"tyz\">slon</span>"));
    // unsafe_html lets raw HTML through when the site asks for it.
    site.write("site.yaml", &format!("{}unsafe_html: true\n", common::SITE_YAML));
    site.build(&[]).assert_ok();
    assert!(site.read("public/a/index.html").contains("<iframe src=\"https://evil.example/\">"));
}

#[test]
fn drafts_future_and_expired_pages_are_left_out_and_listed() {
    let site = TestSite::new(&[
        ("content/nhap.md", &page("Nháp", "draft: true\n", "x")),
        ("content/tuong-lai.md", "---\ntitle: Sau này\ndate: 2999-01-01\n---\nx\n"),
        ("content/het-han.md", &page("Hết hạn", "expires: 2001-01-01\n", "x")),
        ("content/hien-tai.md", &page("Hiện tại", "", "x")),
    ]);
    let run = site.build(&[]);
    run.assert_ok().says("bỏ qua bản nháp").says("nhap.md").says("chưa đến ngày đăng").says("đã hết hạn");
    assert!(run.stdout.contains("Đã dựng 1 bài"), "{}", run.stdout);
    assert!(!site.path("public/nhap").exists());
    assert!(!site.path("public/tuong-lai").exists());
    assert!(!site.path("public/het-han").exists());
    site.build(&["--drafts"]).assert_ok();
    assert!(site.path("public/nhap/index.html").is_file());
}

#[test]
fn lists_are_sorted_by_date_then_weight_and_taxonomies_get_pages() {
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/cu.md", "---\ntitle: Cũ\ndate: 2023-01-01\ntopics: [Dữ liệu]\n---\nx\n"),
        (
            "content/tin/moi-b.md",
            "---\ntitle: Mới B\ndate: 2024-05-01\nweight: 2\ntopics: [Dữ liệu, Đô thị]\n---\nx\n",
        ),
        (
            "content/tin/moi-a.md",
            "---\ntitle: Mới A\ndate: 2024-05-01\nweight: 1\ntopics: [\"dữ liệu\"]\n---\nx\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let list = site.read("public/tin/index.html");
    let pos = |t: &str| list.find(&format!(">{t}</a>")).unwrap_or_else(|| panic!("{t} not listed"));
    assert!(pos("Mới A") < pos("Mới B") && pos("Mới B") < pos("Cũ"));
    let term = site.read("public/chu-de/du-lieu/index.html");
    assert_eq!(term.matches("<h2><a").count(), 3, "one term for Dữ liệu and dữ liệu");
    let terms = site.read("public/chu-de/index.html");
    assert!(terms.find("/chu-de/du-lieu/").unwrap() < terms.find("/chu-de/do-thi/").unwrap(), "d before đ");
}

#[test]
fn a_site_without_a_theme_folder_uses_the_built_in_theme_and_templates_override_it() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    assert!(!site.path("themes").exists());
    site.build(&[]).assert_ok();
    assert!(site.read("public/a/index.html").contains("class=\"skip-link\""));
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Riêng: {{ page.title }}</h1>{% endblock main %}",
    );
    site.build(&[]).assert_ok();
    assert!(site.read("public/a/index.html").contains("<h1>Riêng: A</h1>"));
}

#[test]
fn an_alias_cannot_write_outside_the_output_folder() {
    let site = TestSite::new(&[("content/a.md", &page("A", "aliases: [\"../../ngoai\"]\n", "x"))]);
    site.build(&[]).assert_fails().says("alias").says("a.md:4:1");
    assert!(!site.root().parent().unwrap().join("ngoai").exists());
    assert!(!site.path("ngoai").exists());
}

#[test]
fn wrong_usage_exits_with_2() {
    assert_eq!(loa(&["build", "--no-such-flag"]).status, 2);
    assert_eq!(loa(&["frobnicate"]).status, 2);
}

#[test]
fn markdown_extensions_and_vietnamese_heading_ids() {
    let body = "## Mục tiêu\n\nCó chú thích[^1].\n\n## Mục tiêu\n\n### Đặc điểm {#rieng}\n\n| Cột | Giá trị |\n|---|---|\n| a | ~~b~~ |\n\n- [x] xong\n- [ ] chưa\n\n> [!WARNING]\n> Không chia sẻ mã OTP.\n\n[^1]: Nguồn: Quyết định 749/QĐ-TTg.\n";
    let site = TestSite::new(&[("content/a.md", &page("A", "", body))]);
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    assert!(html.contains("<h2 id=\"muc-tieu\">Mục tiêu</h2>"), "{html}");
    assert!(html.contains("<h2 id=\"muc-tieu-1\">Mục tiêu</h2>"), "duplicate headings get distinct ids");
    assert!(html.contains("<h3 id=\"rieng\">Đặc điểm</h3>"));
    assert!(html.contains("<table>") && html.contains("<del>b</del>"));
    assert!(html.contains("aria-label=\"đã xong\">☑</span>"), "task list items are labelled");
    assert!(html.contains("class=\"alert alert-warning\"") && html.contains("Cảnh báo"));
    assert!(html.contains("footnote-definition"));
}

#[test]
fn odd_output_paths_are_refused_or_resolved_safely() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    // `.` and `..` forms resolve to the real folder: the site's folder is refused.
    site.build(&["--output", &format!("{}/content/..", site.root().display())]).assert_fails();
    site.build(&["--output", &format!("{}/x/../content/out", site.root().display())]).assert_fails();
    assert!(!site.path("content/out").exists());
    // A symbolic link as the output folder is never replaced.
    #[cfg(unix)]
    {
        let target = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(target.path(), site.path("public")).unwrap();
        site.build(&[]).assert_fails().says("không do loa tạo ra");
        assert!(std::fs::symlink_metadata(site.path("public")).unwrap().file_type().is_symlink());
    }
}

#[test]
fn a_run_stopped_between_its_renames_gets_the_previous_site_back() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    site.build(&[]).assert_ok();
    std::fs::rename(site.path("public"), site.path(".public.loa-old")).unwrap();
    site.write("templates/page.html", "{% broken");
    let before = snapshot(&site.path(".public.loa-old"));
    site.build(&[]).assert_fails();
    site.build(&[]).assert_fails();
    // The previous site is back where the web server looks, whole, and nowhere else.
    assert_eq!(snapshot(&site.path("public")), before);
    assert!(!site.path(".public.loa-old").exists());
    std::fs::remove_file(site.path("templates/page.html")).unwrap();
    site.build(&[]).assert_ok();
    assert!(site.path("public/a/index.html").is_file());
    assert!(!site.path(".public.loa-old").exists());
}

#[test]
fn a_link_to_a_page_left_out_is_dropped_with_a_warning() {
    let site = TestSite::new(&[
        ("content/a.md", &page("A", "", "Xem [bài nháp](nhap.md) nhé.")),
        ("content/nhap.md", &page("Nháp", "draft: true\n", "x")),
    ]);
    site.build(&[]).assert_ok().says("cảnh báo").says("nhap.md").says("a.md:6:");
    let html = site.read("public/a/index.html");
    assert!(html.contains("Xem bài nháp nhé."), "{html}");
    site.build(&["--drafts"]).assert_ok();
    assert!(site.read("public/a/index.html").contains("href=\"/nhap/\""));
}

#[test]
fn pages_are_light_and_load_nothing_from_elsewhere() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("public");
    loa(&["build", "--root", repo_root(), "--output", out_dir.to_str().unwrap()]).assert_ok();
    let css = std::fs::read(fingerprinted(&out_dir, "style", "css")).unwrap();
    let js = std::fs::read(fingerprinted(&out_dir, "loa", "js")).unwrap();
    let weight = |rel: &str| {
        let html = std::fs::read(out_dir.join(rel)).unwrap();
        gzip_size(&html) + gzip_size(&css) + gzip_size(&js)
    };
    let explainer = weight("hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/index.html");
    let home = weight("index.html");
    println!("gzip weight: explainer {explainer} B, home {home} B (HTML + CSS + JS)");
    assert!(explainer <= 30 * 1024, "explainer: {explainer} bytes gzip");
    assert!(home <= 40 * 1024, "home: {home} bytes gzip");
    for (rel, bytes) in snapshot(&out_dir) {
        let name = rel.to_string_lossy();
        if !name.ends_with(".html") && !name.ends_with(".css") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for pattern in ["src=\"http", "src=\"//", "@import", "stylesheet\" href=\"http", "url(http", "url(//"]
        {
            assert!(!text.contains(pattern), "{name} loads from elsewhere: {pattern}");
        }
    }
}

#[test]
fn timings_give_each_stage_its_time_and_the_peak_memory_so_far() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "Nội dung."))]);
    let run = site.build(&["--timings"]);
    run.assert_ok().says("peak memory");
    let line = |stage: &str| {
        let found = run.stderr.lines().find(|l| l.starts_with(stage));
        found.unwrap_or_else(|| panic!("no {stage:?} in:\n{}", run.stderr)).to_string()
    };
    for stage in ["read content", "render Markdown", "portal pages", "broadcast", "publish"] {
        let line = line(stage);
        assert!(line.contains(" ms"), "{line}");
        if cfg!(target_os = "linux") {
            let mib: u64 = line.split_whitespace().rev().nth(1).and_then(|n| n.parse().ok()).expect(&line);
            assert!(mib > 0 && line.ends_with("MiB"), "{line}");
        }
    }
    assert!(line("page.html").split_whitespace().nth(1) == Some("1"), "one page rendered");
}

#[test]
fn a_static_file_wins_over_a_page_file_and_a_page_over_a_static_file_every_time() {
    let site = TestSite::new(&[
        ("content/a.md", &page("A", "", "Nội dung.")),
        ("content/ghi-chu.txt", "from content"),
        ("static/ghi-chu.txt", "from static"),
        ("static/a/index.html", "a static page"),
    ]);
    for _ in 0..5 {
        site.build(&["--output", site.path("out").to_str().unwrap()]).assert_ok();
        assert_eq!(site.read("out/ghi-chu.txt"), "from static");
        assert!(site.read("out/a/index.html").contains("Nội dung."), "the generated page wins");
        std::fs::remove_dir_all(site.path("out")).unwrap();
    }
}

/// Components go in after sanitising, where a placeholder made of private-use characters
/// stands. Character references bring those characters back past `nfc`; they must never
/// make a component appear inside an attribute, nor leak into any output.
#[test]
fn placeholders_cannot_be_forged_with_character_references() {
    let comparison = "```comparison\nleft: \"A\"\nright: \"B\"\nrows:\n  - aspect: \"Mục tiêu\"\n    left: \"x\"\n    right: \"y\"\n```";
    let body = format!(
        "[liên kết](/x/ \"&#xE000;0&#xE001;\") và &#xE000;0&#xE001; trong chữ.\n\n\
         <span title=\"&#xE000;0&#xE001;\">html</span>\n\n{comparison}\n"
    );
    let site = TestSite::new(&[("content/tin/bai.md", &page("Bài", "", &body))]);
    site.build(&[]).assert_ok();
    let html = site.read("public/tin/bai/index.html");
    assert_eq!(html.matches("<table").count(), 1, "the component once: {html}");
    assert!(
        !html.contains("title=\"<") && !html.contains("title=\"\n<"),
        "no component in an attribute: {html}"
    );
    for (path, bytes) in common::snapshot(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(['\u{E000}', '\u{E001}']), "{} holds a placeholder character", path.display());
    }
}

/// A large file beside the pages (a video) is compared with its previous copy a block at
/// a time: before, both were read whole into memory (400 MB for a 200 MB file).
#[test]
fn a_large_copied_file_is_compared_without_holding_it_in_memory() {
    let site = TestSite::new(&[("content/tin/bai.md", &page("Bài", "", "![Phim](phim.mp4)"))]);
    let video = std::fs::File::create(site.path("content/tin/phim.mp4")).unwrap();
    video.set_len(200 << 20).unwrap();
    site.build(&[]).assert_ok();
    site.write("content/tin/bai.md", &page("Bài", "", "![Phim](phim.mp4) Thêm một câu."));
    let run = site.build(&["--timings"]);
    run.assert_ok();
    let peak: u64 = run
        .stderr
        .lines()
        .find(|l| l.starts_with("publish"))
        .and_then(|l| l.split_whitespace().rev().nth(1))
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(peak < 150, "peak {peak} MiB while publishing a 200 MB file");
    assert_eq!(std::fs::metadata(site.path("public/tin/phim.mp4")).unwrap().len(), 200 << 20);
}

/// Links in `content/` and `static/` are not followed (they could publish any file on the
/// machine): before, they were skipped without a word. `featured` names a file below
/// `content/` however it is written: before, `/tin/a.md` passed the check and was then
/// never featured.
#[cfg(unix)]
#[test]
fn links_are_skipped_with_a_warning_and_featured_paths_are_normalised() {
    let site =
        TestSite::new(&[("content/tin/a.md", &page("Bài nổi bật", "", "x")), ("static/that.txt", "x")]);
    site.write("site.yaml", &format!("{}featured: [\"/tin/a.md\"]\n", common::SITE_YAML));
    std::os::unix::fs::symlink("/etc/hostname", site.path("content/tin/lien-ket.md")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", site.path("static/lien-ket.txt")).unwrap();
    let run = site.build(&[]);
    run.assert_ok().says("content/tin/lien-ket.md").says("static/lien-ket.txt").says("liên kết (symlink)");
    assert!(!site.path("public/lien-ket.txt").exists());
    let home = site.read("public/index.html");
    assert!(home.contains("class=\"featured\"") && home.contains("Bài nổi bật"), "{home}");
}

/// Two builds into one folder shared its staging folder and could delete each other's
/// files, letting a mixed tree go live. A build now holds a lock beside the output; a
/// second one is refused and changes nothing.
#[test]
fn a_second_build_into_the_same_folder_is_refused_and_changes_nothing() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    site.build(&[]).assert_ok();
    let before = snapshot(&site.path("public"));
    site.write("content/a.md", &page("A", "", "đã sửa"));
    let lock = std::fs::OpenOptions::new().write(true).open(site.path(".public.loa-lock")).unwrap();
    lock.lock().unwrap();
    site.build(&[]).assert_fails().says("một lần dựng khác đang ghi vào");
    assert_eq!(snapshot(&site.path("public")), before, "the output is as it was");
    assert!(!site.path(".public.loa-staging").exists());
    lock.unlock().unwrap();
    site.build(&[]).assert_ok();
    assert!(site.read("public/a/index.html").contains("đã sửa"));
}

/// Killed at random moments, a build never leaves the output partial or missing, nor a
/// folder that blocks the next build (before: within 3 to 15 kills, a leftover folder
/// without its marker refused every later build).
#[cfg(unix)]
#[test]
fn builds_killed_at_random_moments_leave_a_whole_site_and_the_next_build_works() {
    let mut files = vec![("content/tin/_index.md".to_string(), "---\ntitle: Tin\n---\n".to_string())];
    for n in 0..150 {
        files.push((
            format!("content/tin/bai-{n}.md"),
            page(
                &format!("Bài {n}"),
                "topics: [Dữ liệu]\n",
                &"Chuyển đổi số là thay đổi cách làm việc. ".repeat(40),
            ),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = TestSite::new(&refs);
    site.build(&[]).assert_ok();
    let whole = snapshot(&site.path("public"))
        .into_keys()
        .filter(|p| !p.ends_with(".loa-output"))
        .collect::<Vec<_>>();
    // A cold build's length, to spread the kills over it.
    let started = std::time::Instant::now();
    site.build(&["--output", site.path("timing").to_str().unwrap()]).assert_ok();
    let span = started.elapsed().as_micros().max(1000) as u64;
    let mut seed = 12345u64;
    for trial in 0..100 {
        // Change something so every build is a full one.
        site.write("content/tin/bai-0.md", &page("Bài 0", "topics: [Dữ liệu]\n", &format!("Lần {trial}.")));
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let wait = std::time::Duration::from_micros((seed >> 33) % span);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["build", "--root", site.root().to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let _ = child.kill();
        let _ = child.wait();
        let now: Vec<_> =
            snapshot(&site.path("public")).into_keys().filter(|p| !p.ends_with(".loa-output")).collect();
        assert_eq!(now, whole, "trial {trial}: the output is a whole site after a kill {wait:?} in");
    }
    site.build(&[]).assert_ok();
}

/// Enormous inputs end in a build, not a crash or a hang: a 10 MB explainer, a list of
/// 100,000 items, quotes nested 50,000 deep and lists nested 3,000 deep. (A 67 MB
/// explainer built in 4.6 s with the release binary: BENCHMARKS.md.)
#[test]
fn enormous_inputs_build() {
    let big = format!("{}\n", ("Chuyển đổi số là thay đổi cách làm việc. ".repeat(20) + "\n\n").repeat(9000));
    let list: String = (0..100_000).map(|i| format!("- mục {i}\n")).collect();
    let nested = format!(
        "{} sâu\n\n{}",
        ">".repeat(50_000),
        (0..3000).map(|i| format!("{}- a\n", "  ".repeat(i))).collect::<String>()
    );
    let site = TestSite::new(&[
        ("content/lon.md", &page("Lớn", "", &big)),
        ("content/danh-sach.md", &page("Danh sách", "", &list)),
        ("content/long-nhau.md", &page("Lồng nhau", "", &nested)),
    ]);
    site.build(&[]).assert_ok();
    assert!(site.read("public/danh-sach/index.html").contains("mục 99999"));
    assert!(site.read("public/long-nhau/index.html").contains("sâu"));
    assert!(std::fs::metadata(site.path("public/lon/index.html")).unwrap().len() > 10_000_000);
}

/// An output folder that is a mount point cannot be replaced by renaming: before, a whole
/// build ran and then failed on "Device or resource busy"; now it stops at once, saying
/// what to do. Needs permission to mount a tmpfs (root on Linux); skipped otherwise.
#[cfg(target_os = "linux")]
#[test]
fn an_output_folder_that_is_a_mount_point_is_refused_before_anything_is_written() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    let mount = site.path("o-dia");
    std::fs::create_dir(&mount).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "tmpfs"])
        .arg(&mount)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("\n########## SKIPPED: cannot mount a tmpfs here (needs root) ##########\n");
        return;
    }
    let run = site.build(&["--output", mount.to_str().unwrap()]);
    let _ = std::process::Command::new("umount").arg(&mount).status();
    run.assert_fails().says("là nơi gắn một ổ đĩa (mount point)").says("--output /srv/www/chuyen-doi-so");
    assert!(!site.path(".o-dia.loa-staging").exists(), "nothing staged");
}

/// Two builds started together into one folder: each either finishes or is refused by the
/// other's lock, and the output is a whole site either way (before: both failed, and an
/// output with up to 467 files missing could go live).
#[test]
fn two_builds_at_once_leave_a_whole_site() {
    let files: Vec<(String, String)> = (0..300)
        .map(|n| (format!("content/bai-{n}.md"), page(&format!("Bài {n}"), "", &"Nội dung. ".repeat(50))))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = TestSite::new(&refs);
    site.build(&[]).assert_ok();
    let whole: Vec<_> =
        snapshot(&site.path("public")).into_keys().filter(|p| !p.ends_with(".loa-output")).collect();
    for round in 0..5 {
        site.write("content/bai-0.md", &page("Bài 0", "", &format!("Lần {round}.")));
        let start = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
                .args(["build", "--root", site.root().to_str().unwrap()])
                .output()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(start);
            let b = s.spawn(start);
            (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
        });
        for run in [&a, &b] {
            let said = String::from_utf8_lossy(&run.stderr);
            assert!(run.status.success() || said.contains("một lần dựng khác đang ghi vào"), "{said}");
        }
        assert!(a.status.success() || b.status.success(), "one of the two built");
        let now: Vec<_> =
            snapshot(&site.path("public")).into_keys().filter(|p| !p.ends_with(".loa-output")).collect();
        assert_eq!(now, whole, "round {round}");
        assert!(site.read("public/bai-0/index.html").contains(&format!("Lần {round}.")));
    }
}

#[test]
fn terms_differing_only_by_tone_are_an_error_naming_both_files() {
    let site = TestSite::new(&[
        ("content/a.md", &page("Thuế", "topics: [Thuế]\n", "x")),
        ("content/b.md", &page("Thuê nhà", "topics: [Thuê]\n", "x")),
        ("content/c.md", &page("Hoa", "topics: [thuế]\n", "x")),
    ]);
    let run = site.build(&[]);
    run.assert_fails().says("\"Thuê\"").says("content/b.md");
    let other = if run.stderr.contains("content/a.md") { "a.md" } else { "c.md" };
    assert!(run.stderr.contains(&format!("(trong content/{other})")), "the other file: {}", run.stderr);
    assert_eq!(run.stderr.matches("lỗi:").count(), 1, "case alone is one term: {}", run.stderr);
    assert!(!site.path("public").exists());
}

#[test]
fn terms_sort_syllable_by_syllable_and_pages_show_their_unit_and_update() {
    let site = TestSite::new(&[(
        "content/a.md",
        &page(
            "Bài A",
            "topics: [Ý kiến, Y tế, An toàn, Án]\nunit: Trung tâm thử\nupdated: 2024-06-02\n",
            "x",
        ),
    )]);
    site.build(&[]).assert_ok();
    let list = site.read("public/chu-de/index.html");
    let at = |name: &str| list.find(&format!(">{name}<")).unwrap_or_else(|| panic!("{name} in {list}"));
    assert!(at("An toàn") < at("Án") && at("Án") < at("Y tế") && at("Y tế") < at("Ý kiến"), "{list}");
    let html = site.read("public/a/index.html");
    assert!(html.contains("Đơn vị biên soạn: Trung tâm thử"), "{html}");
    assert!(html.contains("cập nhật <time datetime=\"2024-06-02"), "{html}");
    let embed = site.read("public/a/embed/index.html");
    assert!(embed.contains("Cập nhật <time datetime=\"2024-06-02"), "{embed}");
}

#[test]
fn an_address_the_last_build_published_is_never_lost_in_silence() {
    let site = TestSite::new(&[
        ("content/cds-la-gi.md", &page("Chuyển đổi số là gì", "", "x")),
        ("content/bo-di.md", &page("Bài sẽ bỏ", "", "y")),
        ("content/giu.md", &page("Bài giữ", "", "z")),
    ]);
    site.build(&[]).assert_ok();
    // Moved into a section, and one page deleted.
    let text = site.read("content/cds-la-gi.md");
    std::fs::remove_file(site.path("content/cds-la-gi.md")).unwrap();
    std::fs::remove_file(site.path("content/bo-di.md")).unwrap();
    site.write("content/hieu-dung/cds-la-gi.md", &text);
    let run = site.build(&[]);
    run.assert_ok()
        .says("địa chỉ /cds-la-gi/ đã đăng lần trước nay không còn; bài có lẽ đã chuyển sang /hieu-dung/cds-la-gi/")
        .says("content/hieu-dung/cds-la-gi.md:2:1")
        .says("aliases: [\"/cds-la-gi/\"]")
        .says("địa chỉ /bo-di/ đã đăng lần trước nay không còn");
    assert!(!run.stderr.contains("/cds-la-gi/embed/"), "the embed goes with its page: {}", run.stderr);
    assert!(!run.stderr.contains("/giu/"), "{}", run.stderr);

    assert!(run.stderr.contains("removed: [\"/bo-di/\"]"), "how to say it was on purpose: {}", run.stderr);
    // A rebuild does not repeat what the last one said.
    let run = site.build(&["--base-url", "https://example.gov.vn/"]);
    assert!(!run.stderr.contains("không còn"), "{}", run.stderr);

    // Moved again, with the alias written at once: the old address and its embed page
    // lead to the new ones, and nothing is lost.
    let moved = text.replace("---\n\n", "aliases: [\"/hieu-dung/cds-la-gi/\"]\n---\n\n");
    std::fs::remove_file(site.path("content/hieu-dung/cds-la-gi.md")).unwrap();
    site.write("content/nguoi-dan/cds-la-gi.md", &moved);
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("không còn"), "{}", run.stderr);
    assert!(site.read("public/hieu-dung/cds-la-gi/index.html").contains("/nguoi-dan/cds-la-gi/"));
    assert!(site.read("public/hieu-dung/cds-la-gi/embed/index.html").contains("/nguoi-dan/cds-la-gi/embed/"));
}

#[test]
fn an_address_taken_down_on_purpose_is_acknowledged_in_site_yaml() {
    let site = TestSite::new(&[
        ("content/bo-di.md", &page("Bỏ đi", "", "x")),
        ("content/giu.md", &page("Giữ", "", "y")),
    ]);
    site.build(&[]).assert_ok();
    std::fs::remove_file(site.path("content/bo-di.md")).unwrap();
    site.write("site.yaml", &format!("{}removed: [\"/bo-di/\"]\n", common::SITE_YAML));
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("không còn"), "{}", run.stderr);
}

#[test]
fn theme_words_come_from_i18n_files_with_a_fallback_that_check_lists() {
    let site = TestSite::new(&[("content/a.md", &page("Bài A", "summary: x\n", "Nội dung."))]);
    // Tày: nothing written yet, so every word is Vietnamese and check lists them.
    site.write("site.yaml", &common::SITE_YAML.replace("language: vi", "language: tyz"));
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    assert!(html.contains("<html lang=\"tyz\"") && html.contains("phút đọc"), "{html}");
    let check = common::loa(&["check", "--root", site.root().to_str().unwrap()]);
    assert!(
        check.stdout.contains("giao diện chưa có") && check.stdout.contains("min_read"),
        "{}",
        check.stdout
    );

    // The site's own i18n file: its words win, the rest still fall back.
    site.write("i18n/tyz.yaml", "min_read: \"phút tỉn\"\n");
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    assert!(html.contains("phút tỉn") && html.contains("Bỏ qua, đến nội dung chính"), "{html}");
    let check = common::loa(&["check", "--root", site.root().to_str().unwrap()]);
    assert!(!check.stdout.contains(" min_read"), "written now: {}", check.stdout);

    // An English site has every word.
    site.write("site.yaml", &common::SITE_YAML.replace("language: vi", "language: en"));
    site.build(&[]).assert_ok();
    assert!(site.read("public/a/index.html").contains("min read"));
    let check = common::loa(&["check", "--root", site.root().to_str().unwrap()]);
    assert!(
        !check.stdout.contains("theme lacks") && !check.stdout.contains("giao diện chưa có"),
        "{}",
        check.stdout
    );
}
