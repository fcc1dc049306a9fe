//! Pictures for slow connections, end to end with the real binary: resized copies and
//! their `srcset`, sizes in the page, EXIF gone and orientation applied, the Open Graph
//! crop, the errors and warnings, the cache (reuse, recovery, cleaning) and SVG cleaning.

mod common;

use common::{jpeg_with_exif, page, TestSite};

const BODY: &str =
    "Đoạn đầu.\n\n![Đồi chè ở Lạng Sơn](doi-che.jpg \"Đồi chè\")\n\n![Tổ công nghệ số](to-cds.jpg)\n";

fn site_with_pictures() -> TestSite {
    let site = TestSite::new(&[(
        "content/tin/bai.md",
        &page(
            "Bài có ảnh",
            "summary: Tóm tắt.\nimage: doi-che.jpg\nimage_alt: Đồi chè\nimage_focus: \"50% 20%\"\n",
            BODY,
        ),
    )]);
    // 2000 × 1500 as stored, upright; 1200 × 900 stored but turned a quarter (EXIF 6).
    site.write_bytes("content/tin/doi-che.jpg", &jpeg_with_exif(2000, 1500, 1));
    site.write_bytes("content/tin/to-cds.jpg", &jpeg_with_exif(1200, 900, 6));
    site
}

/// Every file of the built site but the marker, by its BLAKE3 (short failure messages).
fn sums(site: &TestSite) -> std::collections::BTreeMap<std::path::PathBuf, String> {
    common::snapshot(&site.path("public"))
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with(".loa-output"))
        .map(|(rel, bytes)| (rel, blake3::hash(&bytes).to_hex().to_string()))
        .collect()
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    let image = image::load_from_memory(bytes).expect("a picture");
    (image.width(), image.height())
}

/// The key part of a copy's name (`doi-che.<key>-480.jpg`), from the page.
fn key_of(html: &str, stem: &str) -> String {
    let at = html.find(&format!("/tin/{stem}.")).expect("a copy of the picture") + stem.len() + 6;
    html[at..at + 10].to_string()
}

#[test]
fn pictures_become_resized_copies_in_a_picture_element_with_their_size() {
    let site = site_with_pictures();
    site.build(&[]).assert_ok();
    let html = site.read("public/tin/bai/index.html");
    let key = key_of(&html, "doi-che");
    for w in [480, 960, 1600] {
        for ext in ["jpg", "webp"] {
            let file = format!("public/tin/doi-che.{key}-{w}.{ext}");
            let bytes = std::fs::read(site.path(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            if ext == "jpg" {
                assert_eq!(size_of(&bytes), (w, w * 3 / 4), "{file}");
            }
        }
    }
    // Never enlarged: no 2000-pixel copy is made of a 2000-pixel original beyond 1600.
    assert!(!site.path(&format!("public/tin/doi-che.{key}-2000.jpg")).exists());
    assert!(html.contains(&format!(
        "<source type=\"image/webp\" srcset=\"/tin/doi-che.{key}-480.webp 480w, /tin/doi-che.{key}-960.webp 960w, /tin/doi-che.{key}-1600.webp 1600w\""
    )));
    // The lead picture (`image:`) is first: not lazy; the body's are.
    assert!(html.contains(&format!(
        "<img class=\"lead-image\" src=\"/tin/doi-che.{key}-960.jpg\" srcset=\"/tin/doi-che.{key}-480.jpg 480w, /tin/doi-che.{key}-960.jpg 960w, /tin/doi-che.{key}-1600.jpg 1600w\" sizes=\"(min-width: 44rem) 42rem, calc(100vw - 2rem)\" width=\"1600\" height=\"1200\" alt=\"Đồi chè\" decoding=\"async\">"
    )), "{html}");
    assert!(html.contains(
        "width=\"1600\" height=\"1200\" alt=\"Đồi chè ở Lạng Sơn\" title=\"Đồi chè\" loading=\"lazy\""
    ));
    // Turned upright: stored 1200 × 900, shown 900 × 1200; copies 480 wide only up to
    // its own width.
    let turned = key_of(&html, "to-cds");
    assert!(html.contains("width=\"480\" height=\"640\" alt=\"Tổ công nghệ số\" loading=\"lazy\""), "{html}");
    let copy = std::fs::read(site.path(&format!("public/tin/to-cds.{turned}-480.jpg"))).unwrap();
    assert_eq!(size_of(&copy), (480, 640));
    // The original's address holds its largest copy.
    assert_eq!(size_of(&std::fs::read(site.path("public/tin/doi-che.jpg")).unwrap()), (1600, 1200));
}

#[test]
fn no_exif_or_location_leaves_the_site() {
    let site = site_with_pictures();
    site.build(&[]).assert_ok();
    let mut pictures = 0;
    for (rel, bytes) in common::snapshot(&site.path("public")) {
        let name = rel.to_string_lossy().to_string();
        if [".jpg", ".webp", ".png"].iter().any(|e| name.ends_with(e)) {
            pictures += 1;
            for needle in [&b"Exif"[..], b"LOA-TEST-CAMERA"] {
                assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{name} keeps {needle:?}");
            }
        }
    }
    assert_eq!(pictures, 11, "6 copies and an Open Graph crop of one, 2 of the other, and both originals");
}

#[test]
fn the_open_graph_picture_is_cropped_to_1200_by_630_and_partners_get_absolute_sizes() {
    let site = site_with_pictures();
    site.build(&[]).assert_ok();
    let html = site.read("public/tin/bai/index.html");
    let key = key_of(&html, "doi-che");
    let og = format!("tin/doi-che.{key}-og-50-20.jpg");
    assert!(html.contains(&format!("<meta property=\"og:image\" content=\"https://example.gov.vn/{og}\">")));
    assert!(html.contains("<meta property=\"og:image:width\" content=\"1200\">"));
    assert!(html.contains("<meta property=\"og:image:height\" content=\"630\">"));
    assert_eq!(size_of(&std::fs::read(site.path(&format!("public/{og}"))).unwrap()), (1200, 630));
    let oembed = site.read("public/tin/bai/oembed.json");
    assert!(
        oembed.contains(&format!("\"thumbnail_url\":\"https://example.gov.vn/tin/doi-che.{key}-480.jpg\"")),
        "{oembed}"
    );
    assert!(
        oembed.contains("\"thumbnail_width\":480") && oembed.contains("\"thumbnail_height\":360"),
        "{oembed}"
    );
    // Feeds carry every address of a srcset absolute.
    let feed = site.read("public/atom.xml");
    assert!(feed.contains(&format!("https://example.gov.vn/tin/doi-che.{key}-480.webp 480w, https://example.gov.vn/tin/doi-che.{key}-960.webp 960w")), "{feed}");
}

#[test]
fn a_second_build_takes_every_picture_from_the_cache_and_a_damaged_entry_is_made_again() {
    let site = site_with_pictures();
    let run = site.build(&["--timings"]);
    run.assert_ok();
    assert!(run.stderr.contains("pictures: 2 made, 0 from the cache"), "{}", run.stderr);
    let first = sums(&site);
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let run = site.build(&["--timings"]);
    assert!(run.stderr.contains("pictures: 0 made, 2 from the cache"), "{}", run.stderr);
    assert_eq!(sums(&site), first, "the cache gives the same files");
    // A damaged copy in the cache is found by its sum, made again, never published.
    let cache = site.path(".loa-cache/images");
    let entry = std::fs::read_dir(&cache).unwrap().flatten().next().unwrap().path();
    let damaged = entry.join("480.webp");
    let mut bytes = std::fs::read(&damaged).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    std::fs::write(&damaged, &bytes).unwrap();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let run = site.build(&["--timings"]);
    assert!(run.stderr.contains("pictures: 1 made, 1 from the cache"), "{}", run.stderr);
    assert_eq!(sums(&site), first, "no damaged byte published");
    // A picture no page uses any more leaves the cache after the next build.
    std::fs::remove_file(site.path("content/tin/to-cds.jpg")).unwrap();
    site.write("content/tin/bai.md", &page("Bài có ảnh", "summary: Tóm tắt.\n", "Không còn ảnh."));
    site.build(&[]).assert_ok();
    let entries = std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(entries, 1, "only doi-che.jpg's entry is left");
}

#[test]
fn broken_undescribed_large_and_small_pictures_are_told_with_their_files() {
    // A picture without a description on the portal: an error at its line.
    let site = TestSite::new(&[("content/a.md", &page("A", "summary: x\n", "Chữ.\n\n![](anh.jpg)\n"))]);
    site.write_bytes("content/anh.jpg", &jpeg_with_exif(600, 400, 1));
    site.build(&["--lang", "en"]).assert_fails().says("an image has no description").says("a.md:9:");
    // Off the portal it is a warning of `loa check`.
    site.write("content/a.md", &page("A", "summary: x\nchannels: [broadcast]\n", "Chữ.\n\n![](anh.jpg)\n"));
    site.build(&[]).assert_ok();
    // `image:` without `image_alt:` on the portal is an error too.
    site.write("content/a.md", &page("A", "summary: x\nimage: anh.jpg\n", "Chữ."));
    site.build(&["--lang", "en"]).assert_fails().says("an image has no description").says("a.md:5:");
    // Cut short, or not a picture at all: an error naming the file; nothing is built.
    let site =
        TestSite::new(&[("content/a.md", &page("A", "summary: x\n", "![Ảnh](hong.jpg) ![Ảnh](gia.png)"))]);
    let whole = jpeg_with_exif(600, 400, 1);
    site.write_bytes("content/hong.jpg", &whole[..whole.len() / 2]);
    site.write("content/gia.png", "đây là chữ, không phải ảnh");
    let run = site.build(&["--lang", "en"]);
    run.assert_fails().says("this picture cannot be read").says("hong.jpg").says("cut short").says("gia.png");
    assert!(!site.path("public").exists());
    // Narrower than the smallest width: a warning, one copy at its own width.
    let site = TestSite::new(&[("content/a.md", &page("A", "summary: x\n", "![Ảnh nhỏ](nho.jpg)"))]);
    site.write_bytes("content/nho.jpg", &jpeg_with_exif(300, 200, 1));
    let run = site.build(&["--lang", "en"]);
    run.assert_ok().says("only 300 pixels wide");
    assert!(site.read("public/a/index.html").contains("-300.webp 300w\""));
}

#[test]
fn a_large_original_is_a_warning() {
    use image::ImageEncoder;
    // Noise does not compress: a PNG over 5 MB.
    let (w, h) = (1500u32, 1200u32);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let noise: Vec<u8> = (0..w * h * 3)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&noise, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    assert!(png.len() > 5 * 1024 * 1024);
    let site = TestSite::new(&[("content/a.md", &page("A", "summary: x\n", "![Nhiễu](nhieu.png)"))]);
    site.write_bytes("content/nhieu.png", &png);
    site.build(&["--lang", "en"]).assert_ok().says("the picture nhieu.png weighs 5.").says("nhieu.png");
}

#[test]
fn svg_drawings_are_published_without_anything_active() {
    let site = TestSite::new(&[("content/a.md", &page("A", "summary: x\n", "![Sơ đồ](so-do.svg)"))]);
    site.write(
        "content/so-do.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script>\
         <image href=\"https://tracker.example/p.png\"/><rect width=\"10\" height=\"10\"/></svg>",
    );
    site.build(&["--lang", "en"]).assert_ok().says("the SVG drawing had parts").says("<script>");
    let svg = site.read("public/so-do.svg");
    assert!(svg.contains("<rect width=\"10\" height=\"10\"/>"), "{svg}");
    for gone in ["alert", "tracker.example"] {
        assert!(!svg.contains(gone), "{gone}: {svg}");
    }
}

/// Odd sizes decoded at half scale still crop inside the picture; a phone photo with
/// data after its end marker (a Samsung trailer, a motion clip) is a whole photo.
#[test]
fn odd_sizes_and_phone_trailers_make_their_copies() {
    let mut photo = jpeg_with_exif(3207, 2001, 1);
    photo.extend(b"SEFH\0\0\0\x01motion-clip-bytes-follow-the-end-marker");
    photo.extend(vec![0u8; 4096]);
    let site = TestSite::new(&[(
        "content/a.md",
        &page(
            "A",
            "summary: x\nimage: dien-thoai.jpg\nimage_alt: Ảnh điện thoại\nimage_focus: \"100% 100%\"\n",
            "x",
        ),
    )]);
    site.write_bytes("content/dien-thoai.jpg", &photo);
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    let at = html.find("/dien-thoai.").expect("a copy of the photo") + "/dien-thoai.".len();
    let key = &html[at..at + 10];
    let og = std::fs::read(site.path(&format!("public/dien-thoai.{key}-og-100-100.jpg"))).unwrap();
    assert_eq!(size_of(&og), (1200, 630));
}
