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

/// Every `href`/`src` value in `html`.
fn link_values(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for piece in html.split(attr).skip(1) {
            found.push(piece.split('"').next().unwrap_or("").to_string());
        }
    }
    found
}

#[test]
fn feeds_parse_hold_full_content_with_absolute_urls_and_respect_channels() {
    let site = site_with_channels();
    site.write(
        "content/tin/moi-kenh.md",
        &page(
            "Mọi kênh",
            "topics: [Dữ liệu]\n",
            "## Mục một\n\nXem [mục](#muc-mot), [trang chủ](/tin/) và ![ảnh](anh.png).",
        ),
    );
    site.build(&[]).assert_ok();
    for dir in ["", "tin/", "chu-de/du-lieu/"] {
        let atom = atom_syndication::Feed::read_from(site.read(&format!("public/{dir}atom.xml")).as_bytes())
            .expect("Atom parses");
        let rss = rss::Channel::read_from(site.read(&format!("public/{dir}rss.xml")).as_bytes())
            .expect("RSS parses");
        let json: serde_json::Value =
            serde_json::from_str(&site.read(&format!("public/{dir}feed.json"))).unwrap();
        assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
        let json_items = json["items"].as_array().unwrap();
        assert_eq!(atom.entries().len(), rss.items().len());
        assert_eq!(atom.entries().len(), json_items.len());
        let titles: Vec<&str> = atom.entries().iter().map(|e| e.title().as_str()).collect();
        assert!(titles.contains(&"Mọi kênh"), "{dir}: {titles:?}");
        assert!(!titles.contains(&"Chỉ phát thanh"), "broadcast-only pages are not in feeds");
        if dir == "tin/" {
            assert!(titles.contains(&"Chỉ cổng") && titles.contains(&"Chỉ báo"));
        }
        for entry in atom.entries() {
            let content = entry.content().and_then(|c| c.value()).unwrap_or_default();
            for link in link_values(content) {
                assert!(
                    link.starts_with("https://example.gov.vn/"),
                    "{dir}: relative link {link} in {}",
                    entry.title().as_str()
                );
            }
            assert!(entry.links()[0].href().starts_with("https://"));
        }
        for item in rss.items() {
            for link in link_values(item.content().unwrap_or_default()) {
                assert!(link.starts_with("https://"), "{dir}: {link}");
            }
        }
        for item in json_items {
            for link in link_values(item["content_html"].as_str().unwrap()) {
                assert!(link.starts_with("https://"), "{dir}: {link}");
            }
        }
    }
    let atom = site.read("public/atom.xml");
    assert!(atom.contains("https://example.gov.vn/tin/moi-kenh/#muc-mot"));
    assert!(atom.contains("https://example.gov.vn/tin/anh.png"));
    // A newspaper-only page is read at its embed page.
    assert!(atom.contains("https://example.gov.vn/tin/chi-bao/embed/"));
}

#[test]
fn feeds_hold_the_newest_twenty_by_default() {
    let files: Vec<(String, String)> = (1..=25)
        .map(|i| {
            (format!("content/bai-{i:02}.md"), format!("---\ntitle: Bài {i}\ndate: 2024-01-{i:02}\n---\nx\n"))
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = TestSite::new(&refs);
    site.build(&[]).assert_ok();
    let atom = atom_syndication::Feed::read_from(site.read("public/atom.xml").as_bytes()).unwrap();
    assert_eq!(atom.entries().len(), 20);
    assert_eq!(atom.entries()[0].title().as_str(), "Bài 25");
    site.write("site.yaml", &format!("{}feed_limit: 5\n", common::SITE_YAML));
    site.build(&[]).assert_ok();
    let rss = rss::Channel::read_from(site.read("public/rss.xml").as_bytes()).unwrap();
    assert_eq!(rss.items().len(), 5);
}
