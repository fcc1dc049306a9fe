//! Multilingual sites end to end: a Vietnamese, English and Tày fixture built by the real
//! binary; addresses, `hreflang` sets, the sitemap's alternates, the switcher, theme
//! words, feeds, search, broadcast and `loa check` per language; and a site of one
//! language, whose output must not change.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{loa, page, snapshot, TestSite};

const SITE_YAML: &str = concat!(
    "title: Chuyển đổi số thử\n",
    "base_url: https://example.gov.vn/cds/\n",
    "publisher: UBND tỉnh thử\n",
    "taxonomies:\n",
    "  - { name: topics, slug: chu-de, title: Chủ đề }\n",
    "languages:\n",
    "  - code: vi\n",
    "    name: Tiếng Việt\n",
    "  - code: en\n",
    "    name: English\n",
    "    title: Digital transformation test\n",
    "    taxonomies: { topics: Topics }\n",
    "    glossary: { DTI: digital transformation index }\n",
    "    broadcast_closing: Thank you for listening.\n",
    "  - code: tyz\n",
    "    spoken: vi\n",
);

fn three_languages() -> TestSite {
    let site = TestSite::new(&[
        ("content/_index.md", "---\ntitle: Trang chủ thử\n---\n\nLời chào.\n"),
        ("content/_index.en.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        ("content/hieu-dung/_index.md", "---\ntitle: Hiểu đúng\n---\n"),
        ("content/hieu-dung/_index.en.md", "---\ntitle: Understanding\n---\n"),
        (
            "content/hieu-dung/cds-la-gi.md",
            &page(
                "Chuyển đổi số là gì",
                "topics: [Dữ liệu]\n",
                "Xem thêm [bài về dữ liệu](du-lieu.md). Năm 2025 có 1.234 người.",
            ),
        ),
        (
            "content/hieu-dung/cds-la-gi.en.md",
            &page(
                "What is digital transformation",
                "topics: [Data]\n",
                "See also [the page on data](du-lieu.md) and [services](dich-vu.md). In 2025 there were 1,234 people. \
                 The DTI rose.\n\n![A chart](so-do.png)",
            ),
        ),
        ("content/hieu-dung/cds-la-gi.tyz.md", &page("Chuyển đổi số mằn lăng", "", "Pỉ noọng t'ỏi slư Tày.")),
        (
            "content/hieu-dung/du-lieu.md",
            &page(
                "Dữ liệu là tài nguyên",
                "topics: [Dữ liệu]\n",
                "Dữ liệu quý. [Search](/en/search/), [English](/en/hieu-dung/what-is-digital-transformation/).",
            ),
        ),
        (
            "content/hieu-dung/chi-tieng-anh.en.md",
            &page("Only in English", "", "No original. [People](../nguoi-dan/_index.md), [draft](../nguoi-dan/nhap.md)."),
        ),
        ("content/hieu-dung/dich-vu.md", &page("Dịch vụ công", "", "Nộp hồ sơ trực tuyến.")),
        (
            "content/hieu-dung/public-services.en.md",
            &page("Online public services", "translation_key: hieu-dung/dich-vu.md\n", "File online."),
        ),
        ("i18n/tyz.yaml", "home: \"Đâư rườn\"\n"),
        ("content/nguoi-dan/_index.md", "---\ntitle: Người dân\n---\n"),
        ("content/nguoi-dan/so-tay.md", &page("Sổ tay", "", "Chưa dịch.")),
        ("content/nguoi-dan/nhap.md", &page("Bản nháp", "draft: true\n", "Chưa xong.")),
        ("content/nguoi-dan/chi-phat-thanh.en.md", &page("Radio only", "channels: [broadcast]\n", "On air.")),
        ("content/nguoi-dan/chi-phat-thanh.md", &page("Chỉ phát thanh", "", "Trên sóng.")),
    ]);
    site.write_bytes("content/hieu-dung/so-do.png", &common::png(600, 400));
    site.write("site.yaml", SITE_YAML);
    site
}

/// `(hreflang, href)` of every alternate link in a page's head.
fn alternates(html: &str) -> BTreeSet<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (lang, rest) = rest.split_once("\" href=\"").expect("href");
            let href = rest.split_once('"').expect("end").0;
            (lang.to_string(), href.to_string())
        })
        .collect()
}

const VI: &str = "https://example.gov.vn/cds/hieu-dung/cds-la-gi/";
const EN: &str = "https://example.gov.vn/cds/en/hieu-dung/what-is-digital-transformation/";
const TYZ: &str = "https://example.gov.vn/cds/tyz/hieu-dung/chuyen-doi-so-man-lang/";

#[test]
fn each_language_lives_in_its_folder_and_every_version_names_all_the_others() {
    let site = three_languages();
    site.build(&[]).assert_ok();
    // Addresses: the default language at the root, translations by their own titles.
    let vi = site.read("public/hieu-dung/cds-la-gi/index.html");
    let en = site.read("public/en/hieu-dung/what-is-digital-transformation/index.html");
    let tyz = site.read("public/tyz/hieu-dung/chuyen-doi-so-man-lang/index.html");
    assert!(vi.contains("<html lang=\"vi\">") && en.contains("<html lang=\"en\">"));
    assert!(tyz.contains("<html lang=\"tyz\">"));
    // The same set on each version, itself included, and x-default on the original.
    let expected: BTreeSet<(String, String)> =
        [("vi", VI), ("en", EN), ("tyz", TYZ), ("x-default", VI)].map(|(l, u)| (l.into(), u.into())).into();
    for (name, html) in [("vi", &vi), ("en", &en), ("tyz", &tyz)] {
        assert_eq!(alternates(html), expected, "{name}");
    }
    // Pairs named differently are joined by translation_key.
    let services = site.read("public/hieu-dung/dich-vu/index.html");
    assert!(alternates(&services)
        .contains(&("en".into(), "https://example.gov.vn/cds/en/hieu-dung/online-public-services/".into())));
    // An untranslated page names only itself.
    let data = site.read("public/hieu-dung/du-lieu/index.html");
    let url = "https://example.gov.vn/cds/hieu-dung/du-lieu/".to_string();
    assert_eq!(alternates(&data), [("vi".to_string(), url.clone()), ("x-default".into(), url)].into());
    // A version off the portal has no page to lead to: it counts as missing.
    let radio = site.read("public/nguoi-dan/chi-phat-thanh/index.html");
    assert_eq!(alternates(&radio).len(), 2, "only itself and x-default: {radio}");
    // A translation without original is published, linked to no other version.
    let alone = site.read("public/en/hieu-dung/only-in-english/index.html");
    assert_eq!(alternates(&alone).len(), 2, "itself and x-default");
    // Sections and home pages are paired by folder.
    let en_home = site.read("public/en/index.html");
    assert!(alternates(&en_home).contains(&("vi".into(), "https://example.gov.vn/cds/".into())));
    assert!(en_home.contains("<title>Digital transformation test</title>"), "the language's title");
}

#[test]
fn the_switcher_leads_to_the_translation_or_says_there_is_none() {
    let site = three_languages();
    site.build(&[]).assert_ok();
    let vi = site.read("public/hieu-dung/cds-la-gi/index.html");
    assert!(vi.contains("<nav class=\"languages\" aria-label=\"Ngôn ngữ\">"), "{vi}");
    assert!(vi.contains("<span aria-current=\"page\" lang=\"vi\">Tiếng Việt</span>"));
    assert!(vi.contains(
        "<a href=\"/cds/en/hieu-dung/what-is-digital-transformation/\" hreflang=\"en\" lang=\"en\">English</a></li>"
    ));
    assert!(vi.contains(
        "<a href=\"/cds/tyz/hieu-dung/chuyen-doi-so-man-lang/\" hreflang=\"tyz\" lang=\"tyz\">Tày</a>"
    ));
    // No translation: the language's home, and the reader is told.
    let data = site.read("public/hieu-dung/du-lieu/index.html");
    assert!(data.contains(
        "<a href=\"/cds/en/\" hreflang=\"en\" lang=\"en\">English</a> <span class=\"meta\">(chưa có bản dịch, về trang chủ)</span>"
    ));
    let alone = site.read("public/en/hieu-dung/only-in-english/index.html");
    assert!(alone.contains(
        "<a href=\"/cds/\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a> <span class=\"meta\">(not translated yet: home page)</span>"
    ));
    // Lists and the search page lead to each language's home.
    let search = site.read("public/en/search/index.html");
    assert!(search.contains("<a href=\"/cds/\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a></li>"));
    assert!(search.contains("data-index=\"/cds/en/search/\""), "each language searches its own index");
}

#[test]
fn theme_words_dates_and_links_follow_the_language_and_fall_back_to_vietnamese() {
    let site = three_languages();
    site.build(&[]).assert_ok();
    let en = site.read("public/en/hieu-dung/what-is-digital-transformation/index.html");
    assert!(en.contains(">Skip to main content</a>"));
    assert!(en.contains(">1 March 2024</time>"), "an English date");
    assert!(en.contains("<nav aria-label=\"Sections\">"));
    // A link to a page the language has not translated leads to the original; to one it
    // has (here paired by translation_key), to the translation.
    assert!(en.contains("href=\"/cds/hieu-dung/du-lieu/\""), "{en}");
    assert!(en.contains("href=\"/cds/en/hieu-dung/online-public-services/\""), "{en}");
    // One copy of a picture serves every language.
    assert!(en.contains("src=\"/cds/hieu-dung/so-do."), "{en}");
    assert!(
        site.path("public/hieu-dung/so-do.png").is_file()
            && !site.path("public/en/hieu-dung/so-do.png").exists()
    );
    // Shared files stay at the root; the language's own pages and lists in its folder.
    assert!(en.contains("href=\"/cds/favicon.svg\""));
    assert!(en.contains("<a href=\"/cds/en/\">Digital transformation test</a>"));
    assert!(en.contains("<a href=\"/cds/en/chu-de/data/\">Data</a>"));
    assert!(site.read("public/en/chu-de/index.html").contains("Topics"));
    // A section English has no page or `_index` for is not in its lists; links to it
    // lead to the original's section; a link to an original left out is dropped.
    let en_home = site.read("public/en/index.html");
    assert!(!en_home.contains("/cds/en/nguoi-dan/") && !site.path("public/en/nguoi-dan/index.html").exists());
    let only = site.read("public/en/hieu-dung/only-in-english/index.html");
    assert!(only.contains("href=\"/cds/nguoi-dan/\""), "{only}");
    assert!(!only.contains("nhap"), "the draft's link is dropped: {only}");
    // Tày: the site's own word, the rest in Vietnamese until someone writes them.
    let tyz = site.read("public/tyz/hieu-dung/chuyen-doi-so-man-lang/index.html");
    assert!(tyz.contains(">Đâư rườn</a>"), "the site's i18n/tyz.yaml");
    assert!(tyz.contains(">Bỏ qua, đến nội dung chính</a>"), "falls back to Vietnamese");
    assert!(tyz.contains("Ngày 1 tháng 3 năm 2024"));
    // Static files and the sitemap exist once.
    assert!(!site.path("public/en/404.html").exists() && !site.path("public/en/sitemap.xml").exists());
    assert!(!site.path("public/en/favicon.svg").exists());
}

#[test]
fn the_sitemap_lists_every_language_with_reciprocal_alternates() {
    let site = three_languages();
    site.build(&[]).assert_ok();
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    // Each version's entry names all three and x-default.
    for own in [VI, EN, TYZ] {
        let start = sitemap.find(&format!("<loc>{own}</loc>")).unwrap_or_else(|| panic!("{own} missing"));
        let entry = &sitemap[start..start + sitemap[start..].find("</url>").expect("end")];
        for (lang, url) in [("vi", VI), ("en", EN), ("tyz", TYZ), ("x-default", VI)] {
            let link = format!("<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{url}\"/>");
            assert!(entry.contains(&link), "{own}: {link}");
        }
    }
    assert!(sitemap.contains("<loc>https://example.gov.vn/cds/en/hieu-dung/only-in-english/</loc>"));
    assert!(!sitemap.contains("<loc>https://example.gov.vn/cds/en/can-bo/"), "no empty lists");
}

#[test]
fn feeds_search_and_broadcast_are_per_language() {
    let site = three_languages();
    site.build(&[]).assert_ok();
    let (vi_feed, en_feed) = (site.read("public/atom.xml"), site.read("public/en/atom.xml"));
    assert!(en_feed.contains("What is digital transformation") && !en_feed.contains("Dữ liệu là tài nguyên"));
    assert!(vi_feed.contains("Dữ liệu là tài nguyên") && !vi_feed.contains("What is digital transformation"));
    assert!(
        en_feed.contains("<link href=\"https://example.gov.vn/cds/en/atom.xml\" rel=\"self\""),
        "{en_feed}"
    );
    let en_meta = site.read("public/en/search/meta.json");
    assert!(en_meta.contains("/cds/en/hieu-dung/what-is-digital-transformation/"));
    assert!(!en_meta.contains("cds-la-gi"), "{en_meta}");
    assert!(!site.read("public/search/meta.json").contains("/cds/en/"));
    // English scripts keep numbers as written; Tày with `spoken: vi` reads them in
    // Vietnamese; Vietnamese as always.
    let en_script = site.read("public/en/hieu-dung/what-is-digital-transformation/broadcast.txt");
    assert!(en_script.contains("In 2025 there were 1,234 people."), "{en_script}");
    assert!(en_script.contains("The digital transformation index rose."), "its own glossary: {en_script}");
    assert!(
        en_script.starts_with("READ-ALOUD SCRIPT") || en_script.contains("Here is our explainer."),
        "{en_script}"
    );
    let vi_script = site.read("public/hieu-dung/cds-la-gi/broadcast.txt");
    assert!(vi_script.contains("Năm hai nghìn không trăm hai mươi lăm có một nghìn"), "{vi_script}");
    assert!(site.path("public/en/broadcast/index.html").is_file());
    assert!(site.path("public/en/embed/latest/index.html").is_file());
    let oembed = site.read("public/en/hieu-dung/what-is-digital-transformation/oembed.json");
    assert!(oembed.contains("\"provider_url\":\"https://example.gov.vn/cds/en/\""), "{oembed}");
}

#[test]
fn check_names_untranslated_pages_translations_without_original_and_missing_words() {
    let site = three_languages();
    let run = loa(&["check", "--lang", "en", "--root", site.root().to_str().unwrap()]);
    assert_eq!(run.status, 0, "warnings only: {}", run.stdout);
    for expected in [
        "3 pages have no `en` translation yet",
        "content/hieu-dung/du-lieu.md",
        "5 pages have no `tyz` translation yet",
        "content/hieu-dung/chi-tieng-anh.en.md",
        "this `en` page has no original in the default language",
        "the theme lacks",
        "broadcast scripts in `en`: numbers, dates and document numbers are left as written",
    ] {
        assert!(run.stdout.contains(expected), "{expected:?} missing from:\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("in `tyz`: numbers"), "spoken: vi reads Tày numbers: {}", run.stdout);
    // Links written from the root to another language's pages and search reach them.
    assert!(!run.stdout.contains("the site has no such address"), "{}", run.stdout);
    assert!(!site.path("public").exists(), "check writes nothing");
}

/// The "nothing changed" check covers translations: an untouched site writes nothing,
/// an edited translation is built again.
#[test]
fn an_edited_translation_is_built_again_and_an_untouched_site_is_not() {
    let site = three_languages();
    common::age(site.root());
    site.build(&[]).assert_ok();
    let run = site.build(&[]);
    assert!(run.stdout.contains("Không có gì thay đổi"), "{}", run.stdout);
    site.write("content/hieu-dung/cds-la-gi.en.md", &page("What is digital transformation", "", "Edited."));
    let run = site.build(&[]);
    assert!(run.stdout.contains("Đã dựng"), "{}", run.stdout);
    assert!(site.read("public/en/hieu-dung/what-is-digital-transformation/index.html").contains("Edited."));
}

#[test]
fn bad_language_settings_are_errors_with_their_lines_and_nothing_is_built() {
    let site = three_languages();
    site.write("site.yaml", &SITE_YAML.replace("code: tyz", "code: \"t y z\""));
    site.build(&["--lang", "en"])
        .assert_fails()
        .says("`code: t y z` in `languages` is not a language code")
        .says("site.yaml:15:");
    assert!(!site.path("public").exists());
    // A section of the default language in another language's folder.
    let site = three_languages();
    site.write("content/en/_index.md", "---\ntitle: Tiếng Anh\n---\n");
    site.build(&[]).assert_fails().says("/cds/en/");
    // A translation's redirect on a page of the original.
    let site = three_languages();
    site.write(
        "content/hieu-dung/du-lieu.en.md",
        &page("Data", "aliases: [/hieu-dung/cds-la-gi/]\n", "Data is a resource."),
    );
    site.build(&["--lang", "en"]).assert_fails().says("/cds/hieu-dung/cds-la-gi/").says("du-lieu.en.md");
    // Two translations of one page in one language.
    let site = three_languages();
    site.write(
        "content/hieu-dung/khac.en.md",
        &page("Another", "translation_key: hieu-dung/cds-la-gi.md\n", "x"),
    );
    site.build(&["--lang", "en"])
        .assert_fails()
        .says("two pages in one language are translations of `hieu-dung/cds-la-gi.md`");
}

/// `languages:` with one language still writes the sitemap and robots.txt.
#[test]
fn a_languages_block_of_one_language_still_has_a_sitemap() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    site.write("site.yaml", &format!("{}languages:\n  - code: vi\n", common::SITE_YAML));
    site.build(&[]).assert_ok();
    assert!(site.read("public/sitemap.xml").contains("<loc>https://example.gov.vn/a/</loc>"));
    assert!(site.path("public/robots.txt").is_file());
}

/// A site of one language: its files as a site built before loa had languages (the
/// sums in `tests/golden/one-language.txt`, made by that build). After an intended
/// change to the theme, write them anew with `LOA_BLESS=1 cargo test --test languages`.
#[test]
fn a_site_of_one_language_is_built_as_before_languages() {
    let site = TestSite::new(&[
        ("content/_index.md", "---\ntitle: Trang chủ thử\n---\n\nLời chào.\n"),
        ("content/hieu-dung/_index.md", "---\ntitle: Hiểu đúng\nsummary: Các khái niệm.\n---\n"),
        (
            "content/hieu-dung/cds-la-gi.md",
            &page(
                "Chuyển đổi số là gì",
                "summary: Giải thích ngắn.\ntopics: [Dữ liệu, Chính quyền số]\nupdated: 2024-05-02\n",
                "## Khái niệm\n\nNăm 2025 có 1.234 người dùng [dịch vụ](dich-vu.md).\n\n```faq\n- q: Có mất tiền không?\n  a: Không.\n```\n",
            ),
        ),
        ("content/hieu-dung/dich-vu.md", &page("Dịch vụ công", "topics: [Dữ liệu]\n", "Nộp hồ sơ trực tuyến.")),
        ("content/hieu-dung/tieng-anh.en.md", &page("Trang tên có đuôi en", "", "Một trang bình thường.")),
    ]);
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("https://example.gov.vn/", "https://example.gov.vn/cds/"),
    );
    site.build(&[]).assert_ok();
    let sums: BTreeMap<String, String> = snapshot(&site.path("public"))
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with(".loa-output"))
        .map(|(rel, bytes)| {
            (rel.to_string_lossy().replace('\\', "/"), blake3::hash(&bytes).to_hex().to_string())
        })
        .collect();
    let listing: String = sums.iter().map(|(rel, sum)| format!("{sum}  {rel}\n")).collect();
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/one-language.txt");
    if std::env::var_os("LOA_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &listing).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).expect("tests/golden/one-language.txt");
    assert_eq!(listing, expected, "a site of one language built differently");
}
