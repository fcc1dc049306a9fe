//! The build cache: `loa build` after an edit writes only what changes into the output
//! folder, and what it leaves there is byte for byte what a cold build writes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{snapshot, TestSite};

/// The example site (three languages, pictures, every channel) in a temporary folder.
fn example() -> TestSite {
    let site = TestSite::new(&[]);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(repo.join("content"))
        .into_iter()
        .chain(walkdir::WalkDir::new(repo.join("themes")))
    {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(repo).unwrap().to_str().unwrap().to_string();
            site.write_bytes(&rel, &std::fs::read(entry.path()).unwrap());
        }
    }
    site.write_bytes("site.yaml", &std::fs::read(repo.join("site.yaml")).unwrap());
    site
}

/// Every file of an output folder but loa's marker (which holds modification times).
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = snapshot(dir);
    all.remove(Path::new(".loa-output"));
    all
}

/// Gives the page or section in `file` another title.
fn set_title(file: &Path, title: &str) {
    let old = std::fs::read_to_string(file).unwrap();
    let new: Vec<String> = old
        .lines()
        .map(|l| if l.starts_with("title:") { format!("title: \"{title}\"") } else { l.to_string() })
        .collect();
    std::fs::write(file, new.join("\n") + "\n").unwrap();
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

/// Builds with the cache into public/ and cold into cold/, and says where they differ.
fn compare_with_a_cold_build(site: &TestSite, after: &str) {
    site.build(&[]).assert_ok();
    let cold = site.path("cold");
    site.build(&["--no-cache", "--output", cold.to_str().unwrap()]).assert_ok();
    let (cached, cold) = (files(&site.path("public")), files(&cold));
    let differ: Vec<_> = cached
        .keys()
        .chain(cold.keys())
        .filter(|p| cached.get(*p) != cold.get(*p))
        .map(|p| p.display().to_string())
        .collect();
    assert!(differ.is_empty(), "after {after}, these files differ from a cold build: {differ:?}");
}

#[test]
#[cfg(unix)]
fn builds_after_every_kind_of_edit_equal_cold_builds_and_touch_only_what_changed() {
    let site = example();
    site.build(&[]).assert_ok();
    let public = site.path("public");
    let folder = inode(&public);
    let untouched = public.join("hoi-dap/cau-hoi-thuong-gap/index.html");
    let untouched_at = std::fs::metadata(&untouched).unwrap().modified().unwrap();

    let text = site.path("content/nguoi-dan/an-toan-tren-mang.md");
    let old = std::fs::read_to_string(&text).unwrap();
    std::fs::write(&text, format!("{old}\nMột câu mới về mật khẩu mạnh.\n")).unwrap();
    // Only the edited page's search tokens are made again.
    let timings = site.build(&["--timings"]);
    timings.assert_ok();
    let note = timings.stderr.lines().find(|l| l.starts_with("build cache:")).unwrap_or_default().to_string();
    let rendered: Vec<usize> =
        note.split(' ').filter_map(|w| w.trim_end_matches([',', ';']).parse().ok()).collect();
    assert!(rendered.len() == 2 && rendered[0] > 10, "{note}");
    assert!(rendered[1] <= 1, "only the edited page is made again: {note}");
    compare_with_a_cold_build(&site, "a sentence added");
    assert!(site
        .read("public/nguoi-dan/an-toan-tren-mang/index.html")
        .contains("Một câu mới về mật khẩu mạnh."));
    assert_eq!(inode(&public), folder, "the output folder was updated in place, not replaced");
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        untouched_at,
        "another page was written"
    );

    let replace = |file: &Path, from: &str, to: &str| {
        let old = std::fs::read_to_string(file).unwrap();
        assert!(old.contains(from), "{from} in {}", file.display());
        std::fs::write(file, old.replacen(from, to, 1)).unwrap();
    };
    let edits: &[(&str, &dyn Fn())] = &[
        ("a title changed", &|| set_title(&text, "Đặt mật khẩu mạnh")),
        // Its place in its section's list, so its neighbours' and theirs.
        ("a date changed", &|| replace(&text, "date: 2026-10-08", "date: 2025-01-15")),
        // Terms and related blocks of other pages.
        ("topics changed", &|| replace(&text, "topics: [\"An toàn thông tin\", ", "topics: [")),
        ("a summary changed", &|| replace(&text, "summary: \"Những chiêu", "summary: \"Các chiêu")),
        // Off the newspaper: its embed page and oEmbed go, the desk and lists change.
        ("channels changed", &|| {
            replace(&text, "\nweight: 3\n", "\nweight: 3\nchannels: [portal, broadcast]\n")
        }),
        // The same file name, other pixels: the page's picture and its copies change.
        ("a picture replaced", &|| {
            let pictures = site.path("content/hieu-dung");
            std::fs::copy(pictures.join("cntt-va-cds.png"), pictures.join("ba-tru-cot.png")).unwrap();
        }),
        ("the bulletin's key points given", &|| {
            let old = std::fs::read_to_string(&text).unwrap();
            std::fs::write(
                &text,
                old.replacen("\ntitle:", "\nkey_points: [\"Không đọc mã OTP cho ai\"]\ntitle:", 1),
            )
            .unwrap();
        }),
        ("site.yaml's broadcast closing changed", &|| {
            let yaml = site.path("site.yaml");
            let old = std::fs::read_to_string(&yaml).unwrap();
            std::fs::write(&yaml, format!("{old}\nbroadcast_closing: \"Hẹn gặp lại bà con.\"\n")).unwrap();
        }),
        ("a new page", &|| {
            site.write("content/nguoi-dan/moi.md", &common::page("Bài hoàn toàn mới", "", "Nội dung."))
        }),
        ("a page renamed", &|| {
            std::fs::rename(site.path("content/nguoi-dan/moi.md"), site.path("content/nguoi-dan/doi-ten.md"))
                .unwrap()
        }),
        ("a page deleted", &|| std::fs::remove_file(site.path("content/nguoi-dan/doi-ten.md")).unwrap()),
        ("a section's _index.md changed", &|| {
            set_title(&site.path("content/nguoi-dan/_index.md"), "Cho bà con")
        }),
        ("a template changed", &|| {
            let base = site.path("themes/default/templates/base.html");
            let old = std::fs::read_to_string(&base).unwrap();
            std::fs::write(&base, old.replacen("</body>", "<!-- mẫu mới --></body>", 1)).unwrap();
        }),
    ];
    for (what, edit) in edits {
        edit();
        compare_with_a_cold_build(&site, what);
    }
    assert!(!public.join("nguoi-dan/doi-ten").exists() && !public.join("nguoi-dan/moi").exists());
    assert!(site.read("public/nguoi-dan/an-toan-tren-mang/bulletin.txt").contains("Không đọc mã"));
    assert!(site.read("public/hoi-dap/cau-hoi-thuong-gap/broadcast.txt").contains("Hẹn gặp lại bà con."));
    assert!(site.read("public/hoi-dap/cau-hoi-thuong-gap/index.html").contains("<!-- mẫu mới -->"));
    assert_eq!(inode(&public), folder);

    // A file changed by hand in the output folder is written again.
    std::fs::write(&untouched, "sửa tay").unwrap();
    compare_with_a_cold_build(&site, "an output file changed by hand");

    // A damaged ledger is discarded: a cold build, the same files.
    let ledgers = site.path(".loa-cache/build");
    for ledger in std::fs::read_dir(&ledgers).unwrap() {
        let ledger = ledger.unwrap().path();
        if !ledger.file_name().unwrap().to_string_lossy().starts_with("ledger-") {
            continue;
        }
        let text = std::fs::read_to_string(&ledger).unwrap();
        std::fs::write(&ledger, text.replacen("index.html", "index.htm", 1)).unwrap();
    }
    site.write("content/nguoi-dan/moi.md", &common::page("Bài sau khi hỏng sổ", "", "Nội dung."));
    compare_with_a_cold_build(&site, "a damaged ledger");
    assert_ne!(inode(&public), folder, "a cold build replaces the folder");

    // Damaged packs: their entries are made again.
    for name in ["tokens.pack", "bodies.pack"] {
        let pack = ledgers.join(name);
        let mut bytes = std::fs::read(&pack).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        std::fs::write(&pack, bytes).unwrap();
    }
    set_title(&text, "Mật khẩu mạnh");
    compare_with_a_cold_build(&site, "damaged packs");

    // A heading another page links to renamed: that page's body is not rendered again,
    // but its link is checked as a cold build checks it.
    let heading = "## Những chiêu lừa thường gặp";
    replace(&text, heading, "## Các chiêu lừa");
    let fails = site.build(&[]);
    fails.assert_fails().says("cau-hoi-thuong-gap.md").says("nhung-chieu-lua-thuong-gap");
    let cold = site.build(&["--no-cache", "--output", site.path("cold").to_str().unwrap()]);
    assert_eq!(cold.assert_fails().stderr, fails.stderr);
    replace(&text, "## Các chiêu lừa", heading);
    compare_with_a_cold_build(&site, "the heading given back");

    // Without the cache folder, the same.
    std::fs::remove_dir_all(site.path(".loa-cache")).unwrap();
    std::fs::remove_file(site.path("content/nguoi-dan/moi.md")).unwrap();
    compare_with_a_cold_build(&site, "the cache deleted");
}

/// Without broadcast, a build drops each page's Markdown once rendered; the pages whose
/// bodies came from the cache keep theirs, for when they are made again.
#[test]
fn a_site_without_broadcast_builds_the_same_with_the_cache() {
    let site = example();
    let yaml = site.path("site.yaml");
    let old = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{old}\noutputs: [embed, search, feeds]\n")).unwrap();
    site.build(&[]).assert_ok();
    let text = site.path("content/nguoi-dan/an-toan-tren-mang.md");
    // The title shows on its neighbours' and related pages, whose bodies come from the
    // cache; the date moves it and them in the lists and feeds.
    set_title(&text, "Đặt mật khẩu mạnh");
    compare_with_a_cold_build(&site, "a title changed, without broadcast");
    let old = std::fs::read_to_string(&text).unwrap();
    std::fs::write(&text, old.replacen("date: 2026-10-08", "date: 2025-01-15", 1)).unwrap();
    compare_with_a_cold_build(&site, "a date changed, without broadcast");
    assert!(
        site.read("public/rss.xml").contains("Điện thoại thông minh giúp bà con"),
        "feeds carry the body"
    );
}

#[test]
fn a_failed_build_with_the_cache_leaves_the_output_as_it_was() {
    let site = TestSite::new(&[
        ("content/tin/a.md", &common::page("Bài A", "", "Nội dung A.")),
        ("content/tin/b.md", &common::page("Bài B", "", "Nội dung B.")),
    ]);
    site.build(&[]).assert_ok();
    let before = snapshot(&site.path("public"));
    site.write("content/tin/a.md", &common::page("Bài A", "", "Nội dung A đã sửa."));
    site.write("content/tin/b.md", "---\ntitle: [không đóng\n---\n");
    site.build(&[]).assert_fails();
    assert_eq!(snapshot(&site.path("public")), before);
    assert!(!site.root().join(".public.loa-staging").exists(), "the files written for the build are gone");
}
