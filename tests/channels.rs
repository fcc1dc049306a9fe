//! Partner channels and channel rules: embeds, oEmbed, feeds, broadcast files.

mod common;

use common::{page, TestSite};

fn site_with_channels() -> TestSite {
    TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        (
            "content/tin/moi-kenh.md",
            &page(
                "Mọi kênh",
                "topics: [Dữ liệu]\nunit: Sở Khoa học và Công nghệ\nimage: anh.png\nimage_alt: Sơ đồ\n",
                "## Mục một\n\nNội dung [xem](chi-bao.md).",
            ),
        ),
        ("content/tin/chi-portal.md", &page("Chỉ cổng", "channels: [portal]\n", "Không nhúng.")),
        (
            "content/tin/chi-bao.md",
            &page("Chỉ báo", "channels: [newspaper]\ntopics: [Dữ liệu]\n", "Chỉ cho báo."),
        ),
        (
            "content/tin/chi-phat-thanh.md",
            &page("Chỉ phát thanh", "channels: [broadcast]\n", "Chỉ đọc trên loa."),
        ),
        ("content/tin/anh.png", "placeholder"),
    ])
}

#[test]
fn embed_pages_have_no_chrome_an_attribution_and_point_to_the_portal() {
    let site = site_with_channels();
    site.build(&[]).assert_ok();
    let embed = site.read("public/tin/moi-kenh/embed/index.html");
    assert!(embed.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/tin/moi-kenh/\">"));
    assert!(embed.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(embed.contains("target=\"_top\">Mọi kênh – Trang thử</a>"), "{embed}");
    assert!(!embed.contains("site-header") && !embed.contains("<nav"), "no site chrome");
    assert!(embed.contains("<h2 id=\"muc-mot\">"), "the explainer itself");
    // The explainer page offers the embed code and oEmbed discovery.
    let page = site.read("public/tin/moi-kenh/index.html");
    assert!(page.contains("Nhúng bài viết"));
    assert!(page.contains(
        "&lt;iframe class=&quot;loa-embed&quot; src=&quot;https://example.gov.vn/tin/moi-kenh/embed/&quot;"
    ));
    assert!(page.contains(
        "type=\"application/json+oembed\" href=\"https://example.gov.vn/tin/moi-kenh/oembed.json\""
    ));
    // Lists for partners' sidebars.
    assert!(site.read("public/embed/latest/index.html").contains("https://example.gov.vn/tin/moi-kenh/"));
    assert!(site.read("public/chu-de/du-lieu/embed/index.html").contains("Mọi kênh"));
    assert!(site.path("public/embed.js").is_file(), "embed.js keeps a stable name");
}

#[test]
fn oembed_responses_are_valid_rich_oembed_1_0() {
    let site = site_with_channels();
    site.build(&[]).assert_ok();
    for page in ["moi-kenh", "chi-bao"] {
        let text = site.read(&format!("public/tin/{page}/oembed.json"));
        let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(doc["version"], "1.0");
        assert_eq!(doc["type"], "rich");
        for key in ["html", "title", "provider_name", "provider_url", "author_name"] {
            assert!(doc[key].is_string(), "{page}: {key} must be a string: {doc}");
        }
        for key in ["width", "height"] {
            assert!(doc[key].as_u64().is_some_and(|n| n > 0), "{page}: {key} must be a positive integer");
        }
        let html = doc["html"].as_str().unwrap();
        let src = html.split("src=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(
            src,
            format!("https://example.gov.vn/tin/{page}/embed/"),
            "the iframe shows the embed page"
        );
        assert!(site.path(&format!("public/tin/{page}/embed/index.html")).is_file());
        assert_eq!(doc["provider_url"], "https://example.gov.vn/");
    }
}

#[test]
fn channel_rules_hold() {
    let site = site_with_channels();
    let run = site.build(&[]);
    // A link to a page that is not on the portal is dropped with a warning.
    run.assert_ok().says("chi-bao.md");
    let exists = |rel: &str| site.path(rel).exists();
    // Without newspaper: no embed page, no oEmbed, no embed box.
    assert!(!exists("public/tin/chi-portal/embed"));
    assert!(!exists("public/tin/chi-portal/oembed.json"));
    assert!(!site.read("public/tin/chi-portal/index.html").contains("Nhúng bài viết"));
    // Without portal: no portal page, sitemap or search entry, but the embed works.
    assert!(!exists("public/tin/chi-bao/index.html"));
    assert!(exists("public/tin/chi-bao/embed/index.html"));
    assert!(!site.read("public/sitemap.xml").contains("/tin/chi-bao/"));
    assert!(!site.read("public/search/meta.json").contains("chi-bao"));
    assert!(!site.read("public/tin/index.html").contains("Chỉ báo"), "not listed on the portal");
    assert!(!site.read("public/tin/moi-kenh/index.html").contains("href=\"/tin/chi-bao/\""));
    // Broadcast only: nothing for the portal or the newspaper.
    assert!(!exists("public/tin/chi-phat-thanh/index.html"));
    assert!(!exists("public/tin/chi-phat-thanh/embed"));
}
