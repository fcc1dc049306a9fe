//! Every kind of mistake an editor makes is reported with its file, line and a fix,
//! all in one run, and the build exits with 1.

mod common;

use common::{loa, page, TestSite};

#[test]
fn bad_yaml_is_reported_at_its_line_in_the_file() {
    // Line 1 is ---, so the broken third YAML line is line 4 of the file.
    let site = TestSite::new(&[(
        "content/a.md",
        "---\ntitle: A\ndate: 2024-01-01\nsummary: \"chưa đóng ngoặc\n---\nx\n",
    )]);
    site.build(&[]).assert_fails().says("YAML không hợp lệ").says("content/a.md:4:").says("ngoặc kép");
}

#[test]
fn a_missing_title_and_a_wrong_type_are_errors_with_lines() {
    let site = TestSite::new(&[
        ("content/a.md", "---\nsummary: Không có tiêu đề\n---\nx\n"),
        ("content/b.md", "---\ntitle: B\ndate: 2024-01-01\ndraft: có\nweight: nặng\n---\nx\n"),
    ]);
    site.build(&[])
        .assert_fails()
        .says("thiếu khóa bắt buộc `title`")
        .says("content/a.md:1:1")
        .says("`draft` phải là true hoặc false")
        .says("content/b.md:4:1")
        .says("`weight` phải là một số nguyên")
        .says("content/b.md:5:1")
        .says("3 lỗi");
}

#[test]
fn a_bad_date_is_an_error() {
    let site = TestSite::new(&[("content/a.md", "---\ntitle: A\ndate: 15/04/2023\n---\nx\n")]);
    site.build(&[])
        .assert_fails()
        .says("`date: 15/04/2023` không phải là một ngày hợp lệ")
        .says("a.md:3:1")
        .says("2023-04-15");
}

#[test]
fn an_unknown_key_is_a_warning_with_a_suggestion() {
    let site = TestSite::new(&[("content/a.md", "---\ntitle: A\nsumary: Tóm tắt\n---\nx\n")]);
    site.build(&[])
        .assert_ok()
        .says("cảnh báo: khóa `sumary` không được dùng")
        .says("a.md:3:1")
        .says("`summary`");
    site.write("site.yaml", &format!("{}titel: X\n", common::SITE_YAML));
    site.build(&[]).assert_ok().says("site.yaml:").says("`title`");
}

#[test]
fn a_malformed_component_is_reported_at_the_line_inside_its_body() {
    let body =
        "Mở đầu.\n\n```comparison\nleft: A\nright: B\nrows:\n  - aspect: X\n    left: 1\n    rigth: 2\n```\n";
    let site = TestSite::new(&[("content/a.md", &page("A", "", body))]);
    // front matter: lines 1-4, blank line 5, body from line 6: fence at 8, `rigth` at 14.
    site.build(&[]).assert_fails().says("khối `comparison` viết chưa đúng").says("rigth").says("a.md:14:");
}

#[test]
fn a_quiz_answer_out_of_range_is_an_error() {
    let body = "```quiz\nquestion: Hỏi?\nchoices: [\"Một\", \"Hai\"]\nanswer: 3\n```\n";
    let site = TestSite::new(&[("content/a.md", &page("A", "", body))]);
    site.build(&[]).assert_fails().says("`answer: 3` nhưng câu hỏi chỉ có 2 lựa chọn").says("a.md:9:1");
}

#[test]
fn a_misspelt_component_name_gets_a_did_you_mean() {
    let body = "\n```comparision\nleft: A\n```\n\n```python\nprint(1)\n```\n";
    let site = TestSite::new(&[("content/a.md", &page("A", "", body))]);
    let run = site.build(&[]);
    run.assert_fails().says("`comparision`").says("`comparison`").says("a.md:7:");
    assert!(!run.stderr.contains("python"), "an ordinary code block is fine: {}", run.stderr);
}

#[test]
fn links_to_missing_pages_anchors_and_files_are_errors_with_lines() {
    let body = "Dòng một.\n\nXem [bài](khong-co.md).\n\nXem [mục](b.md#khong-co-muc) và [mục đúng](b.md#muc-tieu).\n\n![ảnh](thieu.png)\n\n[Trong bài](#khong-co)\n";
    let site = TestSite::new(&[
        ("content/a.md", &page("A", "", body)),
        ("content/b.md", &page("B", "", "## Mục tiêu\n\nx")),
    ]);
    site.build(&[])
        .assert_fails()
        .says("liên kết tới `khong-co.md` nhưng không có bài viết đó")
        .says("a.md:8:")
        .says("bài đó không có tiêu đề mục `khong-co-muc`")
        .says("a.md:10:")
        .says("muc-tieu")
        .says("liên kết tới tệp `thieu.png`")
        .says("a.md:12:")
        .says("a.md:14:");
}

#[test]
fn two_pages_on_one_url_name_both_files() {
    let site = TestSite::new(&[
        ("content/mot.md", &page("Một", "", "x")),
        ("content/hai.md", &page("Hai", "slug: mot\n", "x")),
    ]);
    site.build(&[]).assert_fails().says("cùng ra một địa chỉ /mot/").says("hai.md").says("mot.md");
}

#[test]
fn a_template_error_names_the_template_and_its_line() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>ok</p>\n{{ page.title | khong_co_bo_loc }}\n{% endblock main %}\n");
    site.build(&[]).assert_fails().says("lỗi mẫu giao diện").says("khong_co_bo_loc");
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>ok</p>\n{{ page.no_such_key }}\n{% endblock main %}\n");
    site.build(&[]).assert_fails().says("templates/page.html:4:").says("no_such_key");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n",
    );
    site.build(&[]).assert_fails().says("templates/page.html:3:");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_with_its_line() {
    let site = TestSite::new(&[]);
    // "Chuyển đổi" typed in the old TCVN3 encoding on line 4.
    site.write_bytes("content/cu.md", b"---\ntitle: A\n---\nChuy\xd6n \xae\xe6i\n");
    site.build(&[]).assert_fails().says("không phải văn bản UTF-8").says("cu.md:4:").says("UniKey");
}

#[test]
fn every_error_of_a_run_is_reported_not_just_the_first() {
    let site = TestSite::new(&[
        ("content/a.md", "---\ntitle: [không đóng\n---\nx\n"),
        ("content/b.md", &page("B", "", "[x](thieu.md)")),
        ("content/c.md", "---\nsummary: thiếu title\n---\n"),
    ]);
    let run = site.build(&[]);
    run.assert_fails().says("a.md").says("b.md").says("c.md").says("3 lỗi");
}

#[test]
fn messages_speak_english_when_asked() {
    let site = TestSite::new(&[("content/a.md", "---\nsummary: no title\n---\nx\n")]);
    site.build(&["--lang", "en"])
        .assert_fails()
        .says("error: the required key `title` is missing")
        .says("how to fix");
    let ok = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    let run = ok.build(&["--lang", "en"]);
    assert!(run.assert_ok().stdout.starts_with("Built 1 pages"), "{}", run.stdout);
}

#[test]
fn a_missing_site_yaml_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let run = loa(&["build", "--root", dir.path().to_str().unwrap()]);
    run.assert_fails().says("không tìm thấy site.yaml").says("--root");
}

#[test]
fn page_keys_in_a_section_file_are_warned_about() {
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\ndraft: true\n---\n"),
        ("content/tin/a.md", &page("A", "", "x")),
    ]);
    site.build(&[]).assert_ok().says("khóa `draft` không được dùng").says("tin/_index.md:3:1");
}

/// Before, the first file put on a path won in silence: a page `search.md` replaced the
/// search page, an alias `/embed/latest/` was dropped, a file `index.html` beside the
/// pages was dropped.
#[test]
fn items_on_addresses_loa_writes_itself_are_errors_naming_them() {
    let site = TestSite::new(&[
        ("content/search.md", &page("Tìm kiếm riêng", "", "x")),
        ("content/broadcast.md", &page("Phát thanh riêng", "", "x")),
        ("content/tin/bai.md", &page("Bài", "aliases: [\"/embed/latest/\"]\n", "x")),
        ("content/tin/index.html", "<p>trang tự làm</p>"),
        ("content/tin/rss.xml", "<rss/>"),
    ]);
    let before = site.build(&[]);
    before.assert_fails();
    for file in [
        "content/search.md",
        "content/broadcast.md",
        "content/tin/bai.md",
        "content/tin/index.html",
        "content/tin/rss.xml",
    ] {
        before.says(file);
    }
    before.says("là của một tệp loa tự tạo");
    assert!(!site.path("public").exists(), "nothing is written");
    // With search and broadcast switched off, those two addresses are free.
    site.write("site.yaml", &format!("{}outputs: [embed, feeds]\n", common::SITE_YAML));
    let run = site.build(&[]);
    assert!(!run.stderr.contains("content/search.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("content/broadcast.md"), "{}", run.stderr);
    run.says("content/tin/index.html");
}

/// site.yaml values land in HTML attributes, JSON and scripts (base_url in oembed.json's
/// `html`, language in alias pages, the theme as a folder): before, `"` and `<` passed and
/// `theme: ../..` read templates from anywhere.
#[test]
fn site_yaml_values_that_could_break_out_of_html_are_errors_with_their_lines() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    site.write(
        "site.yaml",
        "title: T\nbase_url: \"https://x.vn/\\\"><script>alert(1)</script>/\"\nlanguage: \"vi\\\"><b>\"\ntheme: ../../etc\n",
    );
    site.build(&[])
        .assert_fails()
        .says("site.yaml:2:1")
        .says("`language: vi\"><b>` không phải mã ngôn ngữ")
        .says("site.yaml:3:1")
        .says("`theme: ../../etc` phải là tên một thư mục")
        .says("site.yaml:4:1");
    site.write("site.yaml", common::SITE_YAML);
    let run =
        loa(&["build", "--root", site.root().to_str().unwrap(), "--base-url", "https://x.vn/'onload='x/"]);
    run.assert_fails().says("https://x.vn/'onload='x/");
}

// ---------------------------------------------------------------------------------------
// Nothing broken is published in silence.

#[test]
fn a_link_written_with_a_file_name_and_spaces_resolves_or_names_the_closest_file() {
    let site = TestSite::new(&[
        ("content/huong-dan/Hướng Dẫn Nộp Hồ Sơ.md", &page("Hướng dẫn nộp hồ sơ", "", "x")),
        ("content/huong-dan/doc-them.md", &page("Đọc thêm", "", "x")),
        ("content/huong-dan/bai.md", &page("Bài", "", "Xem [hướng dẫn](Hướng Dẫn Nộp Hồ Sơ.md) trước.")),
    ]);
    site.build(&[]).assert_ok();
    let html = site.read("public/huong-dan/bai/index.html");
    assert!(
        html.contains("href=\"/huong-dan/huong-dan-nop-ho-so/\""),
        "resolved to the page's address: {html}"
    );
    assert!(!html.contains("]("), "no raw Markdown left: {html}");

    site.write("content/huong-dan/bai.md", &page("Bài", "", "Xem [đọc thêm](Doc Them.md) trước."));
    site.build(&[])
        .assert_fails()
        .says("Doc Them.md")
        .says("content/huong-dan/bai.md:6:")
        .says("doc-them.md");
}

#[test]
fn links_from_the_site_root_are_checked_against_the_site() {
    let site = TestSite::new(&[
        (
            "content/a.md",
            &page("A", "", "Có [trang B](/b/), [tìm kiếm](/search/) và [trang mất](/khong-co/)."),
        ),
        ("content/b.md", &page("B", "", "x")),
    ]);
    let run = site.build(&[]);
    run.assert_ok().says("`/khong-co/`").says("content/a.md:6:");
    assert_eq!(
        run.stderr.matches("không có địa chỉ đó").count(),
        1,
        "/b/ and /search/ exist: {}",
        run.stderr
    );
}

#[test]
fn a_missing_picture_and_a_file_that_is_not_one_are_reported() {
    let site = TestSite::new(&[
        ("content/a.md", &page("A", "image: anh-bia.jpg\nimage_alt: Ảnh bìa\n", "x")),
        ("content/b.md", &page("B", "image: so-do.JPG\nimage_alt: Sơ đồ\n", "x")),
    ]);
    site.write_bytes("content/so-do.JPG", b"%PDF-1.7 not a picture");
    let run = site.build(&[]);
    run.assert_fails().says("`anh-bia.jpg`").says("content/a.md:4:1");
    assert!(
        run.stderr.contains("so-do.JPG mang tên ảnh nhưng không phải ảnh (nội dung là PDF)"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_pages_with_one_title_are_warned_about() {
    let site = TestSite::new(&[
        ("content/a.md", &page("Dịch vụ công trực tuyến", "summary: x\n", "x")),
        ("content/b.md", &page("Dịch vụ công trực tuyến", "summary: y\n", "y")),
    ]);
    let run = loa(&["check", "--root", site.root().to_str().unwrap()]);
    assert_eq!(run.status, 0);
    assert!(run.stdout.contains("đã có bài cùng tiêu đề: content/a.md"), "{}", run.stdout);
    assert!(run.stdout.contains("content/b.md:2:1"), "{}", run.stdout);
}

#[test]
fn fences_named_another_way_or_left_open_are_errors_with_their_line() {
    for (written, meant) in
        [("so-sanh", "comparison"), ("compare", "comparison"), ("hoi-dap", "faq"), ("cau-hoi", "quiz")]
    {
        let site =
            TestSite::new(&[("content/a.md", &page("A", "", &format!("```{written}\nleft: x\n```\n")))]);
        site.build(&[])
            .assert_fails()
            .says(&format!("khối mã `{written}` không phải thành phần nào; có phải bạn muốn viết `{meant}`?"))
            .says("content/a.md:6:1");
    }
    let site = TestSite::new(&[(
        "content/a.md",
        &page("A", "", "Mở đầu.\n\n```faq\n- q: Hỏi?\n  a: Đáp.\n\nPhần sau."),
    )]);
    site.build(&[])
        .assert_fails()
        .says("khối mở bằng dòng \x60\x60\x60faq không có dòng đóng")
        .says("content/a.md:8:1");
}

#[test]
fn yaml_mistakes_are_explained_in_plain_words_where_they_were_made() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "---\ntitle: \"Chữ ký số là gì?\nsummary: Tóm tắt.\n---\nx\n",
            "ngoặc kép mở ở dòng này chưa được đóng",
            "a.md:2:8",
            "sửa dòng này thành: title: \"Chữ ký số là gì?\"",
        ),
        (
            "---\ntitle: Chuyển đổi số: hiểu đúng\n---\nx\n",
            "giá trị có dấu hai chấm (:) nên bị hiểu nhầm thành một khóa mới",
            "a.md:2:",
            "sửa dòng này thành: title: \"Chuyển đổi số: hiểu đúng\"",
        ),
        ("---\ntitle:\"Dữ liệu\"\n---\nx\n", "thiếu dấu cách sau dấu hai chấm", "a.md:2:6", "title: \"Dữ liệu\""),
        ("---\ntitle: A\ntopics:\n\t- Dữ liệu\n---\nx\n", "thụt lề bằng ký tự Tab", "a.md:4:1", "hai dấu cách"),
        ("---\ntitle: A\nsummary: x\n  date: 2024-01-01\n---\nx\n", "thụt lề không đều", "a.md:4:1", "thẳng cột"),
        ("---\ntitle: A\nsummary: x\ntitle: B\n---\nx\n", "khóa `title` viết hai lần (lần đầu ở dòng 2)", "a.md:4:1", "khóa: giá trị"),
        (
            "---\ntitle: A\n---\n```quiz\nquestion: Hỏi?\nchoices: [Một, Hai]\nanswer: hai\n```\n",
            "khối `quiz` viết chưa đúng: viết chữ \"hai\" nhưng ở đây cần một số",
            "a.md:7:",
            "HUONG-DAN.md",
        ),
        (
            "---\ntitle: A\n---\n```comparison\nleft: A\nright: B\nrows:\n  - aspect: x\n    lef: y\n    right: z\n```\n",
            "không có khóa `lef` trong khối này; có phải `left`?",
            "a.md:9:",
            "mục \"Thành phần\"",
        ),
    ];
    for (text, said, at, fix) in cases {
        let site = TestSite::new(&[("content/a.md", text)]);
        let run = site.build(&[]);
        run.assert_fails().says(said).says(at).says(fix);
        for english in
            ["did not find expected", "mapping values", "invalid type", "expected i64", "unknown field"]
        {
            assert!(!run.stderr.contains(english), "the parser's English as the message:\n{}", run.stderr);
        }
    }
}

#[test]
fn a_utf16_file_is_named_as_such_and_a_broken_page_does_not_break_links_to_it() {
    let site = TestSite::new(&[("content/b.md", &page("B", "", "Xem [bài A](a.md)."))]);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("---\ntitle: A\n---\nx\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    site.write_bytes("content/a.md", &utf16);
    let run = site.build(&[]);
    run.assert_fails().says("UTF-16").says("content/a.md");
    assert!(!run.stderr.contains("TCVN3"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("liên kết tới `a.md`"),
        "the link to a broken page is not blamed: {}",
        run.stderr
    );
}

#[test]
fn a_component_fence_with_a_language_after_its_name_is_still_the_component() {
    let body = "```comparison yaml\nleft: A\nright: B\nrows:\n  - aspect: Mục tiêu\n    left: x\n    right: y\n```\n";
    let site = TestSite::new(&[("content/a.md", &page("A", "", body))]);
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    assert!(html.contains("class=\"comparison\"") && !html.contains("<code"), "{html}");
}

#[test]
fn an_anchor_into_a_page_without_headings_says_so() {
    let site = TestSite::new(&[
        ("content/a.md", &page("A", "", "Xem [B](b.md#muc-nao-do).")),
        ("content/b.md", &page("B", "", "Không có tiêu đề mục.")),
    ]);
    site.build(&[]).assert_fails().says("muc-nao-do").says("bài đó không có tiêu đề mục nào");
}
