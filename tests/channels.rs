//! Partner channels and channel rules: embeds, oEmbed, feeds, broadcast files.

mod common;

use common::{page, TestSite};

fn site_with_channels() -> TestSite {
    let site = TestSite::new(&[
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
    ]);
    site.write_bytes("content/tin/anh.png", &common::png(600, 400));
    site
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
    assert!(atom.contains("https://example.gov.vn/tin/anh."), "the picture's copies in full: {atom}");
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

const GLOSSARY: &str = "glossary:\n  CNTT: công nghệ thông tin\n  UBND: Ủy ban nhân dân\n  QĐ: quyết định\n";

fn broadcast_site() -> TestSite {
    let body = "Theo [Quyết định 749/QĐ-TTg](https://chinhphu.vn/) ngày 15/4/2023, **UBND** xã dùng CNTT.\n\n\
## Kết quả\n\nTỷ lệ đạt 12,5% và có 1.000 hồ sơ. ![Biểu đồ hồ sơ](bd.png)\n\n1. Mở ứng dụng\n2. Đăng nhập\n\n\
```comparison\nleft: \"Ứng dụng CNTT\"\nright: \"Chuyển đổi số\"\nrows:\n  - aspect: \"Mục tiêu\"\n    left: \"làm nhanh việc cũ\"\n    right: \"làm việc mới\"\n```\n\n\
```faq\n- q: \"Có mất phí không?\"\n  a: \"Không mất phí.\"\n```\n\n\
```quiz\nquestion: \"Ai dẫn dắt?\"\nchoices: [\"Kỹ thuật viên\", \"Người đứng đầu\"]\nanswer: 2\n```\n";
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/phat-song.md", &page("Phát sóng", "summary: Tóm tắt ngắn.\n", body)),
        ("content/tin/khong-phat.md", &page("Không phát", "channels: [portal, newspaper]\n", "x")),
    ]);
    site.write_bytes("content/tin/bd.png", &common::png(600, 400));
    site.write("site.yaml", &format!("{}{GLOSSARY}", common::SITE_YAML));
    site
}

#[test]
fn broadcast_scripts_are_plain_spoken_text() {
    let site = broadcast_site();
    site.build(&[]).assert_ok();
    let script = site.read("public/tin/phat-song/broadcast.txt");
    let (header, body) = script.split_once("----------------------------------------").unwrap();
    assert!(header.contains("Thời lượng ước tính:") && header.contains("233 âm tiết/phút"), "{header}");
    assert!(header.contains("Số tiếng khi viết:") && header.contains("Số tiếng khi đọc:"), "{header}");
    for markup in ["<", ">", "](", "**", "http", "#", "```", "bd.png"] {
        assert!(!body.contains(markup), "markup {markup:?} left in:\n{body}");
    }
    for said in [
        "Quyết định số bảy trăm bốn mươi chín của Thủ tướng Chính phủ ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi ba",
        "Ủy ban nhân dân xã dùng công nghệ thông tin.",
        "mười hai phẩy năm phần trăm",
        "một nghìn hồ sơ",
        "Tiếp theo, kết quả.",
        "Hình ảnh: Biểu đồ hồ sơ.",
        "Thứ nhất, mở ứng dụng. Thứ hai, đăng nhập.",
        "Về mục tiêu, ứng dụng công nghệ thông tin thì làm nhanh việc cũ; còn chuyển đổi số thì làm việc mới.",
        "Kính thưa bà con, sau đây là bài viết.",
        "Xin cảm ơn bà con đã lắng nghe.",
        "Hỏi: Có mất phí không? Đáp: Không mất phí.",
        "Đáp án đúng là B, Người đứng đầu.",
    ] {
        assert!(body.contains(said), "missing {said:?} in:\n{body}");
    }
    assert!(!site.path("public/tin/khong-phat/broadcast.txt").exists());
    assert!(!site.path("public/tin/khong-phat/bulletin.txt").exists());
}

/// Cues lasting exactly the one-second minimum.
fn short_cues(vtt: &str) -> usize {
    vtt.lines()
        .filter_map(|l| l.split_once(" --> "))
        .filter(|(a, b)| (vtt_seconds(b) - vtt_seconds(a) - 1.0).abs() < 1e-6)
        .count()
}

fn vtt_seconds(t: &str) -> f64 {
    let parts: Vec<f64> = t.split(':').map(|p| p.parse().unwrap()).collect();
    parts[0] * 3600.0 + parts[1] * 60.0 + parts[2]
}

#[test]
fn captions_parse_with_increasing_times_and_short_lines() {
    let site = broadcast_site();
    site.build(&[]).assert_ok();
    let vtt = site.read("public/tin/phat-song/broadcast.vtt");
    let mut blocks = vtt.split("\n\n").filter(|b| !b.trim().is_empty());
    assert_eq!(blocks.next(), Some("WEBVTT"));
    let mut last_end = 0.0;
    let mut cues = 0;
    for block in blocks {
        let lines: Vec<&str> = block.lines().collect();
        assert!(lines[0].parse::<u32>().is_ok(), "cue id: {block}");
        let (start, end) = lines[1].split_once(" --> ").expect("timing line");
        let (start, end) = (vtt_seconds(start), vtt_seconds(end));
        assert!(start >= last_end - 1e-9 && end > start, "times go forward: {block}");
        last_end = end;
        let text = &lines[2..];
        assert!((1..=2).contains(&text.len()), "one or two lines: {block}");
        for line in text {
            assert!(line.chars().count() <= 42, "line too long: {line:?}");
        }
        cues += 1;
    }
    assert!(cues > 5);
    assert!(vtt.contains("749/QĐ-TTg"), "numbers and document numbers stay whole");
    // Cues are timed by what the script says for their words, with pauses at sentence
    // ends: together they last at least as long as the script's syllables take, counted
    // here from the script's text (tokens holding a letter or a digit), less the two
    // syllables of each spoken "Tiếp theo," that has no caption.
    let script = site.read("public/tin/phat-song/broadcast.txt");
    let body = script.split("----------------------------------------").nth(1).unwrap();
    let said = body.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() as f64;
    let transitions = body.matches("Tiếp theo, ").count() as f64;
    assert!(transitions >= 1.0);
    let spoken = (said - 2.0 * transitions) * 60.0 / 233.0;
    assert!(
        last_end >= spoken - 0.01,
        "captions end at {last_end} s, the script's syllables take {spoken} s"
    );
    // What is added: 0.3 s at each sentence's end, and cues stretched to one second.
    let ends = vtt
        .split("\n\n")
        .skip(1)
        .flat_map(|c| c.lines().skip(2))
        .flat_map(str::split_whitespace)
        .filter(|w| w.ends_with(['.', '?', '!', '…']))
        .count() as f64;
    assert!(
        last_end <= spoken + 0.3 * ends + short_cues(&vtt) as f64 + 0.01,
        "pauses and minimums only: {last_end} s for {spoken} s ({ends} sentence ends)"
    );
}

#[test]
fn the_bulletin_fits_its_limit_and_the_desk_lists_broadcast_explainers() {
    let site = broadcast_site();
    site.write("site.yaml", &format!("{}{GLOSSARY}bulletin_seconds: 20\n", common::SITE_YAML));
    site.build(&[]).assert_ok();
    let bulletin = site.read("public/tin/phat-song/bulletin.txt");
    assert!(bulletin.starts_with("Kính thưa bà con, sau đây là bài viết.\n\nPhát sóng."), "{bulletin}");
    assert!(bulletin.trim_end().ends_with("Xin cảm ơn bà con đã lắng nghe."), "{bulletin}");
    let syllables = bulletin.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    assert!(
        syllables as f64 * 60.0 / 190.0 <= 20.0,
        "{syllables} syllables at the loudspeaker rate: {bulletin}"
    );
    let desk = site.read("public/broadcast/index.html");
    assert!(desk.contains("/tin/phat-song/broadcast.txt") && desk.contains("/tin/phat-song/broadcast.vtt"));
    assert!(desk.contains("/tin/phat-song/bulletin.txt"));
    assert!(desk.contains(" giây"), "durations are shown");
    assert!(!desk.contains("Không phát"), "no desk entry without the broadcast channel");
}

#[test]
fn the_bulletin_carries_the_message_comparison_answers_and_key_points() {
    let site = broadcast_site();
    site.write(
        "content/tin/mo-dau.md",
        &page(
            "Mở đầu",
            "summary: Một bài có phần mở đầu.\n",
            "## Các bước\n\nBà con làm theo các bước sau đây:\n\n1. Mở ứng dụng\n2. Đăng nhập\n\n\
             ## Lợi ích\n\nNộp hồ sơ trên mạng giúp bà con đỡ mất hai ngày đi lại lên huyện như trước đây. Rất tiện.\n",
        ),
    );
    site.build(&[]).assert_ok();
    let bulletin = site.read("public/tin/phat-song/bulletin.txt");
    for said in [
        "Về mục tiêu, ứng dụng công nghệ thông tin thì làm nhanh việc cũ; còn chuyển đổi số thì làm việc mới.",
        "Hỏi: Có mất phí không? Đáp: Không mất phí.",
    ] {
        assert!(bulletin.contains(said), "missing {said:?} in:\n{bulletin}");
    }
    let other = site.read("public/tin/mo-dau/bulletin.txt");
    assert!(other.contains("đỡ mất hai ngày đi lại"), "a section's most informative sentence:\n{other}");
    let script = site.read("public/tin/mo-dau/broadcast.txt");
    assert!(script.contains("\n\nCác bước.\n\n") && !script.contains("Tiếp theo, các bước"), "{script}");
    assert!(script.contains("Tiếp theo, lợi ích."), "transitions between sections only:\n{script}");
    for line in bulletin.lines().chain(other.lines()) {
        assert!(!line.trim_end().ends_with(':'), "a point ends on a colon: {line:?}");
    }
    let syllables = other.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    assert!(syllables as f64 * 60.0 / 190.0 <= 90.0);

    // The editor's key points come instead of the rest.
    let text = site.read("content/tin/mo-dau.md");
    site.write(
        "content/tin/mo-dau.md",
        &text.replace("summary:", "key_points:\n  - Nộp hồ sơ tại nhà\nsummary:"),
    );
    site.build(&[]).assert_ok();
    let other = site.read("public/tin/mo-dau/bulletin.txt");
    assert!(other.contains("Nộp hồ sơ tại nhà."), "{other}");
    assert!(!other.contains("đỡ mất hai ngày"), "{other}");

    // Opening and closing come from site.yaml when set; the loudspeaker rate too.
    site.write(
        "site.yaml",
        &format!(
            "{}{GLOSSARY}broadcast_opening: Đài truyền thanh xã xin kính chào bà con\nbroadcast_closing: Hết tin\n",
            common::SITE_YAML
        ),
    );
    site.build(&[]).assert_ok();
    let bulletin = site.read("public/tin/phat-song/bulletin.txt");
    assert!(bulletin.starts_with("Đài truyền thanh xã xin kính chào bà con."), "{bulletin}");
    assert!(bulletin.trim_end().ends_with("Hết tin."), "{bulletin}");
    let script = site.read("public/tin/phat-song/broadcast.txt");
    assert!(
        script.contains("Đài truyền thanh xã xin kính chào bà con.")
            && script.trim_end().ends_with("Hết tin.")
    );
}

#[test]
fn outputs_switch_whole_channels_off() {
    let site = site_with_channels();
    site.write("site.yaml", &format!("{}outputs: [site_feed]\n", common::SITE_YAML));
    site.build(&[]).assert_ok();
    for gone in [
        "public/tin/moi-kenh/embed",
        "public/tin/moi-kenh/oembed.json",
        "public/search",
        "public/broadcast",
        "public/atom.xml",
        "public/tin/rss.xml",
    ] {
        assert!(!site.path(gone).exists(), "{gone} should not be written");
    }
    assert!(site.path("public/rss.xml").is_file(), "the one site feed");
    let page = site.read("public/tin/moi-kenh/index.html");
    assert!(!page.contains("Nhúng bài viết") && !page.contains("/search/") && !page.contains("atom.xml"));
    site.write("site.yaml", &format!("{}outputs: [embeds]\n", common::SITE_YAML));
    site.build(&[]).assert_fails().says("`embeds`").says("`embed`");
}

#[test]
fn a_summary_with_markup_stays_text_in_every_feed() {
    let hostile = "\\\"><script>alert(3)</script> & <b>đậm</b>";
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/bai.md", &page("Bài", &format!("summary: \"{hostile}\"\n"), "Nội dung.")),
    ]);
    site.build(&[]).assert_ok();
    let shown = "\"><script>alert(3)</script> & <b>đậm</b>";
    // RSS: a description is HTML to readers, so the text arrives escaped in it.
    let rss = rss::Channel::read_from(site.read("public/rss.xml").as_bytes()).unwrap();
    let description = rss.items()[0].description().unwrap();
    assert!(!description.contains('<'), "{description}");
    assert_eq!(description, "&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;");
    // Atom: a summary without a type is text; JSON Feed: `summary` is plain text by definition.
    let atom = site.read("public/atom.xml");
    assert!(atom.contains("<summary>&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"), "{atom}");
    let json: serde_json::Value = serde_json::from_str(&site.read("public/feed.json")).unwrap();
    assert_eq!(json["items"][0]["summary"], shown);
}

/// Before, 38 of the 118 links in the example's embeds stayed inside the partner's frame,
/// where the portal's frame headers turn them into an error box.
#[test]
fn every_link_of_an_embed_that_leaves_the_page_opens_the_whole_window() {
    let out = tempfile::tempdir().unwrap();
    let run = common::loa(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output",
        out.path().to_str().unwrap(),
    ]);
    run.assert_ok();
    let mut links = 0;
    for (path, bytes) in common::snapshot(out.path()) {
        let path = path.to_string_lossy().replace('\\', "/");
        if !path.ends_with("embed/index.html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        // An alias's embed page sends the frame on to the page's embed: it stays inside.
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        for tag in html.split("<a ").skip(1).map(|t| &t[..t.find('>').unwrap()]) {
            links += 1;
            let inside = tag.contains("href=\"#");
            assert!(inside || tag.contains("target=\"_top\""), "{path}: <a {tag}>");
        }
    }
    assert!(links > 100, "{links} links checked");
}

/// What the W3C feed validator, extruct and Lighthouse asked for: RSS names its own
/// address, explainers carry their breadcrumbs as data, every kind of page has Open Graph
/// tags, there is an icon, and an alias's canonical address is whole.
#[test]
fn feeds_pages_and_aliases_carry_what_validators_expect() {
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin tức\n---\n"),
        ("content/tin/bai.md", &page("Bài", "topics: [Dữ liệu]\naliases: [\"/cu/bai/\"]\n", "Nội dung.")),
    ]);
    site.build(&[]).assert_ok();
    let rss = rss::Channel::read_from(site.read("public/rss.xml").as_bytes()).unwrap();
    let links = rss.atom_ext().map(|a| a.links().to_vec()).unwrap_or_default();
    assert!(
        links.iter().any(|l| l.rel() == "self" && l.href() == "https://example.gov.vn/rss.xml"),
        "{links:?}"
    );
    let section_rss = rss::Channel::read_from(site.read("public/tin/rss.xml").as_bytes()).unwrap();
    assert_eq!(section_rss.atom_ext().unwrap().links()[0].href(), "https://example.gov.vn/tin/rss.xml");

    let html = site.read("public/tin/bai/index.html");
    let start = html.find("\"BreadcrumbList\"").expect("a BreadcrumbList");
    let script = &html[html[..start].rfind("<script").unwrap()..];
    let json = &script[script.find('>').unwrap() + 1..script.find("</script>").unwrap()];
    let crumbs: serde_json::Value = serde_json::from_str(json).unwrap();
    let items = crumbs["itemListElement"].as_array().unwrap();
    let trail: Vec<(u64, &str, &str)> = items
        .iter()
        .map(|i| (i["position"].as_u64().unwrap(), i["name"].as_str().unwrap(), i["item"].as_str().unwrap()))
        .collect();
    assert_eq!(
        trail,
        [
            (1, "Trang chủ", "https://example.gov.vn/"),
            (2, "Tin tức", "https://example.gov.vn/tin/"),
            (3, "Bài", "https://example.gov.vn/tin/bai/")
        ]
    );

    for page in [
        "index.html",
        "tin/index.html",
        "chu-de/du-lieu/index.html",
        "chu-de/index.html",
        "search/index.html",
        "broadcast/index.html",
        "tin/bai/index.html",
    ] {
        let html = site.read(&format!("public/{page}"));
        assert!(html.contains("<meta property=\"og:title\""), "{page}: og:title");
        assert!(html.contains("<meta property=\"og:type\""), "{page}: og:type");
        assert!(html.contains("<link rel=\"icon\" href=\"/favicon.svg\""), "{page}: icon");
    }
    assert!(site.read("public/favicon.svg").starts_with("<svg"));
    let alias = site.read("public/cu/bai/index.html");
    assert!(alias.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/tin/bai/\">"), "{alias}");
}
