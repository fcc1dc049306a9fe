//! The editor's commands besides build: `check`, `new`, `init`.

mod common;

use common::{loa, page, TestSite};

#[test]
fn check_reports_what_to_fix_before_publishing_and_writes_nothing() {
    let long_title =
        "Một tiêu đề rất dài dành cho thẻ chia sẻ trên mạng xã hội, dài hơn bảy mươi ký tự nhiều";
    let site = TestSite::new(&[
        // Off the portal, a picture without a description is a warning (on it, an error).
        (
            "content/a.md",
            "---\ntitle: Không tóm tắt\ndate: 2024-01-01\nchannels: [broadcast]\n---\n\n![](anh.png)\n",
        ),
        ("content/b.md", &page(long_title, "summary: Có tóm tắt.\n", "x")),
        ("content/c.md", "---\ntitle: Sau này\nsummary: x\ndate: 2999-01-01\n---\nx\n"),
    ]);
    site.write_bytes("content/anh.png", &common::png(600, 400));
    let root = site.root().to_str().unwrap().to_string();
    let run = loa(&["check", "--root", &root]);
    assert_eq!(run.status, 0, "warnings only: {}", run.stdout);
    for expected in [
        "chưa có tóm tắt",
        "a.md:2:1",
        "chưa có lời mô tả (alt)",
        "a.md:7:1",
        "`title` dài",
        "chưa đến ngày đăng",
        "0 lỗi, 4 cảnh báo",
    ] {
        assert!(run.stdout.contains(expected), "{expected:?} missing from:\n{}", run.stdout);
    }
    assert!(!site.path("public").exists(), "check writes nothing");

    site.write("content/d.md", "---\ntitle: D\n---\n[x](thieu.md)\n");
    let run = loa(&["check", "--root", &root, "--format", "json"]);
    assert_eq!(run.status, 1);
    let report: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("JSON");
    assert_eq!(report["errors"], 1);
    let error = report["diagnostics"].as_array().unwrap().iter().find(|d| d["severity"] == "error").unwrap();
    assert_eq!(error["file"], "content/d.md");
    assert_eq!(error["line"], 4);
    assert!(error["message"].as_str().unwrap().contains("thieu.md"));
    assert!(error["help"].is_string());
}

#[test]
fn check_warns_about_abbreviations_the_broadcast_cannot_say() {
    let site = TestSite::new(&[
        (
            "content/phat.md",
            &page(
                "Chỉ tiêu KPI",
                "summary: Đo bằng KPI.\n",
                "UBND xã giao KPI và BSC.\n\nCNTT giúp theo dõi BSC.",
            ),
        ),
        ("content/web.md", &page("Chỉ web", "summary: x\nchannels: [portal]\n", "Chỉ tiêu XYZ.")),
    ]);
    let root = site.root().to_str().unwrap().to_string();
    let run = loa(&["check", "--root", &root]);
    assert_eq!(run.status, 0, "warnings only: {}", run.stdout);
    assert!(run.stdout.contains("chữ viết tắt \"KPI\" chưa có cách đọc"), "{}", run.stdout);
    assert!(run.stdout.contains("phat.md:2:"), "KPI is pointed at in the title: {}", run.stdout);
    assert!(run.stdout.contains("chữ viết tắt \"BSC\""), "{}", run.stdout);
    assert!(run.stdout.contains("phat.md:7:"), "BSC where it first stands: {}", run.stdout);
    assert_eq!(
        run.stdout.matches("chưa có cách đọc").count(),
        2,
        "each once; UBND and CNTT are known: {}",
        run.stdout
    );
    assert!(!run.stdout.contains("XYZ"), "a page not read on air: {}", run.stdout);

    site.write(
        "site.yaml",
        &format!("{}glossary:\n  KPI: chỉ số đánh giá\n  BSC: thẻ điểm cân bằng\n", common::SITE_YAML),
    );
    let run = loa(&["check", "--root", &root]);
    assert!(!run.stdout.contains("chưa có cách đọc"), "{}", run.stdout);
}

#[test]
fn new_creates_a_draft_with_a_folded_slug_and_never_overwrites() {
    let site = TestSite::new(&[]);
    let root = site.root().to_str().unwrap().to_string();
    let run = loa(&["new", "Đề án 06: định danh điện tử", "--section", "nguoi-dan", "--root", &root]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("(bản nháp)") && run.stdout.contains("draft: false"), "{}", run.stdout);
    assert!(run.stdout.contains("nguoi-dan/_index.md"), "the new section is named: {}", run.stdout);
    assert_eq!(site.read("content/nguoi-dan/_index.md"), "---\ntitle: \"Nguoi dan\"\n---\n");
    let check = loa(&["check", "--root", &root]);
    assert!(check.stdout.contains("tiêu đề mục \"Nguoi dan\" vẫn là tên thư mục"), "{}", check.stdout);
    assert!(check.stdout.contains("nguoi-dan/_index.md:2:1"), "{}", check.stdout);
    let bad = loa(&["new", "Bài", "--section", "../../ngoai", "--root", &root]);
    assert!(bad.stderr.contains("--section là một thư mục bên trong content/"), "{}", bad.stderr);
    let path = site.path("content/nguoi-dan/de-an-06-dinh-danh-dien-tu.md");
    assert!(run.stdout.contains(path.to_str().unwrap()), "prints the path: {}", run.stdout);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title: \"Đề án 06: định danh điện tử\""));
    assert!(text.contains("draft: true") && text.contains("summary:") && text.contains("channels:"));
    std::fs::write(&path, "sửa tay").unwrap();
    let again = loa(&["new", "Đề án 06: định danh điện tử", "--section", "nguoi-dan", "--root", &root]);
    assert_eq!(again.status, 1);
    assert!(again.stderr.contains("không ghi đè"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "sửa tay");
    std::fs::write(&path, &text).unwrap();
    // The new file builds (as a draft, with --drafts).
    site.build(&["--drafts"]).assert_ok();
    assert!(site.path("public/nguoi-dan/de-an-06-dinh-danh-dien-tu/index.html").is_file());
}

#[test]
fn init_makes_a_site_that_builds_at_once_and_refuses_a_non_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("trang-moi");
    let run = loa(&["init", target.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(target.join("site.yaml").is_file());
    assert!(target.join("themes/default/templates/page.html").is_file());
    let build = loa(&["build", "--root", target.to_str().unwrap()]);
    assert_eq!(build.status, 0, "{}", build.stderr);
    assert!(target.join("public/gioi-thieu/bai-viet-dau-tien/index.html").is_file());
    let again = loa(&["init", target.to_str().unwrap()]);
    assert_eq!(again.status, 1);
    assert!(again.stderr.contains("thư mục trống"));
}

#[test]
fn help_speaks_vietnamese_by_default_and_english_when_asked() {
    let vi = loa(&["--help"]);
    assert_eq!(vi.status, 0);
    assert!(vi.stdout.contains("Cách dùng:") && vi.stdout.contains("Dựng toàn bộ trang"), "{}", vi.stdout);
    let build = loa(&["build", "--help"]);
    assert!(build.stdout.contains("Đăng cả các bài có draft: true"), "{}", build.stdout);
    let en = loa(&["--lang", "en", "new", "--help"]);
    assert!(en.stdout.contains("Usage:") && en.stdout.contains("The explainer's title"), "{}", en.stdout);
    // A site in English gets English help.
    let site = TestSite::new(&[]);
    site.write("site.yaml", &common::SITE_YAML.replace("language: vi", "language: en"));
    let run = loa(&["check", "--root", site.root().to_str().unwrap(), "--help"]);
    assert!(run.stdout.contains("Usage:"), "{}", run.stdout);
}

#[test]
fn check_checks_drafts_and_labels_their_problems() {
    let site = TestSite::new(&[(
        "content/nhap.md",
        &page("Nháp", "summary: x\ndraft: true\n", "```quizz\nquestion: x\n```\n\n[hỏng](khong-co.md)"),
    )]);
    let root = site.root().to_str().unwrap().to_string();
    assert_eq!(site.build(&[]).status, 0, "a build leaves the draft out");
    let run = loa(&["check", "--root", &root]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(run.stdout.contains("nhap.md:8:1 (bản nháp)"), "{}", run.stdout);
    assert!(run.stdout.contains("`quiz`") && run.stdout.contains("khong-co.md"), "{}", run.stdout);
    let json = loa(&["check", "--root", &root, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert!(report["diagnostics"].as_array().unwrap().iter().all(|d| d["draft"] == true), "{report}");
}

#[test]
fn usage_mistakes_are_said_in_vietnamese_with_the_nearest_command() {
    let site = TestSite::new(&[]);
    let root = site.root().to_str().unwrap();
    for (args, said) in [
        (vec!["buidl"], "lỗi: không có lệnh buidl\n  có phải ý bạn là: build"),
        (
            vec!["build", "--root", root, "--draft"],
            "lỗi: không có tùy chọn --draft\n  có phải ý bạn là: --drafts",
        ),
        (vec!["check", "--root", root, "--format", "xml"], "giá trị \"xml\" không dùng được cho --format"),
        (vec!["deploy", "--root", root, "--list", "--dry-run"], "không dùng --list cùng với --dry-run"),
    ] {
        let run = loa(&args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{args:?}:\n{}", run.stderr);
        assert!(run.stderr.contains("loa --help"), "{}", run.stderr);
    }
    let english = loa(&["--lang", "en", "buidl"]);
    assert!(english.stderr.contains("unrecognized subcommand"), "{}", english.stderr);
}

#[test]
fn check_names_the_date_that_holds_a_page_back_and_the_placeholder_summary() {
    let site = TestSite::new(&[
        ("content/sau.md", "---\ntitle: Sau này\nsummary: x\ndate: 2999-01-01\n---\nx\n"),
        ("content/mau.md", "---\ntitle: Mẫu\nsummary: \"Viết một hai câu tóm tắt bài ở đây.\"\n---\nx\n"),
    ]);
    let run = loa(&["check", "--root", site.root().to_str().unwrap()]);
    assert!(run.stdout.contains("sau.md:4:1"), "{}", run.stdout);
    assert!(
        run.stdout.contains("ngày đăng là 2999-01-01") && run.stdout.contains("sửa date thành hôm nay"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("tóm tắt vẫn là câu mẫu của loa new") && run.stdout.contains("mau.md:3:1"),
        "{}",
        run.stdout
    );
}
