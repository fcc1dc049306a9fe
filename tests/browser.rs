//! The example site in a real browser: Debian's Chromium, headless, driven from Rust
//! against a local server. Accessibility (axe-core), layout at 360 px, search, the quiz
//! with and without JavaScript, and screenshots under `target/screenshots/`.
//!
//! Finds Chromium through `$CHROME` or `PATH`; skips, saying so loudly, where there is
//! none, and fails then on CI.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use headless_chrome::protocol::cdp::{Emulation, Page};
use headless_chrome::{Browser, LaunchOptions, Tab};

const PREFIX: &str = "/chuyen-doi-so/";

/// The browser: `$CHROME` when set, else the first of these on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROME").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).flat_map(|dir| names.map(|n| dir.join(n))).find(|p| p.is_file())
}

fn chromium_available() -> bool {
    if chromium().is_some() {
        return true;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "CI=true but no Chromium ($CHROME, or chromium on PATH): .ci/run must install Debian's chromium"
        );
    }
    eprintln!(
        "\n########## SKIPPED: browser test, no Chromium ($CHROME, or chromium on PATH). ##########\n\
         ########## Install it with: apt-get install chromium                            ##########\n"
    );
    false
}

/// The example site built under the sub-path and served on a local port, once per run.
fn site_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--base-url", PREFIX, "--output"])
            .arg(&out)
            .output()
            .expect("run loa");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let port = serve(out);
        format!("http://127.0.0.1:{port}{PREFIX}")
    })
}

/// A small static file server on loopback: `PREFIX` maps to `dir`, folders to their
/// `index.html`, anything missing to `404.html` with status 404.
fn serve(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || answer(stream, &dir));
        }
    });
    port
}

fn answer(mut stream: TcpStream, dir: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let file = path.strip_prefix(PREFIX).filter(|p| !p.contains("..")).map(|p| {
        let f = dir.join(p);
        if f.is_dir() {
            f.join("index.html")
        } else {
            f
        }
    });
    let (status, body, file) = match file.filter(|f| f.is_file()) {
        Some(f) => ("200 OK", std::fs::read(&f).unwrap(), f),
        None => ("404 Not Found", std::fs::read(dir.join("404.html")).unwrap(), dir.join("404.html")),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn browser() -> Browser {
    let options = LaunchOptions::default_builder()
        .path(chromium())
        .sandbox(false)
        .headless(true)
        .window_size(Some((1280, 900)))
        // Two cores running several browsers at once can be quiet for a while.
        .idle_browser_timeout(std::time::Duration::from_secs(300))
        .args(vec![
            std::ffi::OsStr::new("--disable-gpu"),
            std::ffi::OsStr::new("--disable-quic"),
            std::ffi::OsStr::new("--no-first-run"),
            std::ffi::OsStr::new("--disable-background-networking"),
            std::ffi::OsStr::new("--disable-component-update"),
            std::ffi::OsStr::new("--disable-sync"),
            // A name that resolves to this machine, as in a DNS-rebinding attack.
            std::ffi::OsStr::new("--host-resolver-rules=MAP evil.example 127.0.0.1"),
        ])
        .build()
        .expect("launch options");
    Browser::new(options).expect("start chromium")
}

fn set_width(tab: &Tab, width: u32) {
    set_size(tab, width, if width < 600 { 800 } else { 900 });
}

fn set_size(tab: &Tab, width: u32, height: u32) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("set viewport");
}

/// Emulates the reader's `prefers-color-scheme`.
fn color_scheme(tab: &Tab, scheme: &str) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: None,
        features: Some(vec![Emulation::MediaFeature {
            name: "prefers-color-scheme".into(),
            value: scheme.into(),
        }]),
    })
    .expect("emulate colour scheme");
}

fn open<'t>(tab: &'t Tab, path: &str) -> &'t Tab {
    tab.navigate_to(&format!("{}{path}", site_url())).expect("navigate").wait_until_navigated().expect("load")
}

fn eval_string(tab: &Tab, js: &str, promise: bool) -> String {
    let value = tab.evaluate(js, promise).expect("evaluate").value;
    match value {
        Some(serde_json::Value::String(s)) => s,
        other => other.map(|v| v.to_string()).unwrap_or_default(),
    }
}

fn screenshot(tab: &Tab, name: &str, width: u32) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = tab
        .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    let path = dir.join(format!("{name}-{width}.png"));
    std::fs::write(&path, png).unwrap();
    println!("screenshot: {}", path.display());
}

/// How far the open page scrolls sideways, in CSS pixels ("0": not at all).
fn sideways(tab: &Tab) -> String {
    eval_string(
        tab,
        "String(document.documentElement.scrollWidth - document.documentElement.clientWidth)",
        false,
    )
}

/// The vendored axe-core, to inject into pages.
fn axe_script() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vendor/axe-core/axe.min.js"))
        .expect("vendored axe-core")
}

/// axe-core's violations on the open page, as JSON (`[]` when there are none).
fn axe_violations(tab: &Tab, axe: &str) -> String {
    tab.evaluate(axe, false).expect("inject axe");
    eval_string(
        tab,
        "axe.run(document).then(r => JSON.stringify(r.violations.map(v => \
         ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))",
        true,
    )
}

const MAIN_PAGES: &[(&str, &str)] = &[
    ("home", ""),
    ("section", "hieu-dung/"),
    ("explainer", "hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/"),
    ("term", "chu-de/chuyen-doi-so/"),
    ("search", "search/?q=chuyen%20doi%20so"),
    ("404", "khong-co-trang-nay/"),
    ("broadcast-desk", "broadcast/"),
    ("embed", "hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/embed/"),
    ("home-en", "en/"),
    ("explainer-tyz", "tyz/hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/"),
];

#[test]
fn axe_finds_no_violations_and_nothing_scrolls_sideways_at_360px() {
    if !chromium_available() {
        return;
    }
    let axe = axe_script();
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    let mut problems = Vec::new();
    for (name, path) in MAIN_PAGES {
        for width in [360, 1280] {
            set_width(&tab, width);
            open(&tab, path);
            if *name == "search" {
                tab.wait_for_element("#search-results li").expect("search results");
            }
            let overflow = sideways(&tab);
            if width == 360 && overflow != "0" {
                problems.push(format!("{name} scrolls sideways by {overflow}px at 360px"));
            }
            screenshot(&tab, name, width);
        }
        for scheme in ["light", "dark"] {
            color_scheme(&tab, scheme);
            let violations = axe_violations(&tab, &axe);
            if violations != "[]" {
                problems.push(format!("{name} ({scheme}): axe violations {violations}"));
            }
        }
        color_scheme(&tab, "light");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The folded titles of the results listed for `query`.
fn search(tab: &Tab, query: &str) -> Vec<String> {
    open(tab, "search/");
    tab.wait_for_element("#search-q").unwrap().click().unwrap();
    tab.type_str(query).unwrap();
    tab.press_key("Enter").unwrap();
    tab.wait_for_element("#search-results li").expect("results");
    let titles = eval_string(
        tab,
        "JSON.stringify([...document.querySelectorAll('#search-results li h2')].map(h => loaSearch.fold(h.textContent)))",
        false,
    );
    serde_json::from_str(&titles).unwrap()
}

#[test]
fn search_without_tone_marks_lists_the_expected_explainers_first() {
    if !chromium_available() {
        return;
    }
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    let titles = search(&tab, "chuyen doi so");
    assert!(titles[0].contains("chuyen doi so"), "first result for 'chuyen doi so': {titles:?}");
    let titles = search(&tab, "doi");
    let has_doi = |t: &String| t.split(|c: char| !c.is_alphanumeric()).any(|w| w == "doi");
    assert!(has_doi(&titles[0]), "first result for 'doi': {titles:?}");
    let status = eval_string(&tab, "document.getElementById('search-status').textContent", false);
    assert!(status.starts_with("Tìm thấy"), "{status}");
    // The script folds, hashes and places tones exactly as the index builder does.
    assert_eq!(eval_string(&tab, "String(loaSearch.fnv('a'))", false), 0xe40c_292cu32.to_string());
    assert_eq!(eval_string(&tab, "loaSearch.canonical('hoà')", false), "hòa");
    assert_eq!(eval_string(&tab, "loaSearch.canonical('quý')", false), "quý");
    assert_eq!(eval_string(&tab, "loaSearch.fold('Đổi mới')", false), "doi moi");
    // A snippet highlights the match.
    let mark = eval_string(&tab, "document.querySelector('#search-results mark')?.textContent ?? ''", false);
    assert_eq!(crate_fold(&mark), "doi", "highlighted: {mark:?}");
}

/// A reader on the Vietnamese explainer picks English in the language switcher and lands
/// on its translation, which axe finds clean in both colour schemes; English search
/// finds English explainers.
#[test]
fn the_language_switcher_leads_to_the_translation() {
    if !chromium_available() {
        return;
    }
    let axe = axe_script();
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    set_width(&tab, 360);
    open(&tab, "hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/");
    tab.wait_for_element("nav.languages a[hreflang='en']").expect("switcher").click().expect("click");
    tab.wait_for_element("html[lang='en'] h1").expect("the English page");
    let url = tab.get_url();
    assert!(
        url.ends_with("/en/hieu-dung/how-does-applying-it-differ-from-digital-transformation/"),
        "landed on {url}"
    );
    assert_eq!(eval_string(&tab, "document.documentElement.lang", false), "en");
    let h1 = eval_string(&tab, "document.querySelector('h1').textContent", false);
    assert_eq!(h1, "How does applying IT differ from digital transformation?");
    let current =
        eval_string(&tab, "document.querySelector('nav.languages [aria-current]').textContent", false);
    assert_eq!(current, "English");
    let overflow = sideways(&tab);
    assert_eq!(overflow, "0", "the English explainer scrolls sideways at 360px");
    screenshot(&tab, "explainer-en", 360);
    for scheme in ["light", "dark"] {
        color_scheme(&tab, scheme);
        assert_eq!(axe_violations(&tab, &axe), "[]", "{scheme}");
    }
    color_scheme(&tab, "light");
    // Back to Vietnamese by the switcher, and the Tày sample is one more step away.
    tab.wait_for_element("nav.languages a[hreflang='vi']").unwrap().click().unwrap();
    tab.wait_for_element("html[lang='vi'] h1").expect("the Vietnamese page");
    assert!(tab.get_url().ends_with("/hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/"), "{}", tab.get_url());
    // English search reads the English index.
    open(&tab, "en/search/");
    tab.wait_for_element("#search-q").unwrap().click().unwrap();
    tab.type_str("pillars").unwrap();
    tab.press_key("Enter").unwrap();
    tab.wait_for_element("#search-results li").expect("results");
    let first =
        eval_string(&tab, "document.querySelector('#search-results li a').getAttribute('href')", false);
    assert!(first.contains("/en/hieu-dung/"), "first English result: {first}");
}

/// The difference explainer with its diagram on a 360-pixel phone: the page does not
/// move as the lazy picture arrives (Chromium's layout-shift entries), only the
/// smallest copy is fetched, and HTML, stylesheet, script and picture stay within
/// 100 KB (text as gzip would send it).
#[test]
fn pictures_do_not_move_the_page_and_a_phone_fetches_the_small_copy() {
    if !chromium_available() {
        return;
    }
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    set_size(&tab, 360, 740);
    open(&tab, "hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/");
    let shift = eval_string(
        &tab,
        "new Promise(done => {\
           let shift = 0;\
           const seen = new PerformanceObserver(list => list.getEntries().forEach(e => shift += e.value));\
           seen.observe({type: 'layout-shift', buffered: true});\
           window.scrollTo(0, document.body.scrollHeight);\
           const pics = [...document.images].filter(i => i.closest('picture'));\
           Promise.all(pics.map(i => i.complete ? 1 : new Promise(r => { i.onload = r; i.onerror = r; })))\
             .then(() => { seen.takeRecords().forEach(e => shift += e.value); done(String(shift)); });\
         })",
        true,
    );
    assert_eq!(shift, "0", "the page moved as pictures loaded");
    let fetched = eval_string(
        &tab,
        "JSON.stringify(performance.getEntriesByType('resource').map(r => new URL(r.name).pathname))",
        false,
    );
    let fetched: Vec<String> = serde_json::from_str(&fetched).unwrap();
    let pictures: Vec<&String> = fetched.iter().filter(|p| p.contains("cntt-va-cds")).collect();
    assert!(!pictures.is_empty() && pictures.iter().all(|p| p.ends_with("-480.webp")), "{fetched:?}");
    // What the phone downloaded: text gzipped, as the portal's server sends it.
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
    let mut total = 0usize;
    let page = std::fs::read(root.join("hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/index.html")).unwrap();
    total += common::gzip_size(&page);
    for path in &fetched {
        let Some(rel) = path.strip_prefix(PREFIX) else { continue };
        let bytes = std::fs::read(root.join(rel)).unwrap_or_default();
        total += if rel.ends_with(".webp") || rel.ends_with(".jpg") {
            bytes.len()
        } else {
            common::gzip_size(&bytes)
        };
    }
    println!("the difference explainer at 360 px: {total} bytes");
    assert!(total <= 100 * 1024, "{total} bytes at 360 px");
}

/// `loa serve` of the site in `root` on a free port, and the address it prints.
fn preview(root: &Path) -> (std::process::Child, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start loa serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect("the address").to_string();
    (child, url)
}

/// The editor of `loa serve` on the example site: the list, the guide and an
/// explainer's form are axe-clean, and "Sửa bài này" on the preview leads to the form.
#[test]
fn the_editor_pages_are_accessible() {
    if !chromium_available() {
        return;
    }
    let (mut child, url) = preview(Path::new(env!("CARGO_MANIFEST_DIR")));
    let axe = axe_script();
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    let mut problems = Vec::new();
    tab.navigate_to(&format!("{url}hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab.wait_for_element("#loa-edit a").expect("Sửa bài này").click().unwrap();
    tab.wait_for_element("textarea#body").expect("the form");
    assert!(
        tab.get_url().ends_with("__loa/edit/hieu-dung/ung-dung-cntt-khac-chuyen-doi-so.md"),
        "{}",
        tab.get_url()
    );
    for (name, width) in [("form", 1280), ("form", 768)] {
        set_width(&tab, width);
        let violations = axe_violations(&tab, &axe);
        if violations != "[]" {
            problems.push(format!("{name} at {width}: {violations}"));
        }
        if sideways(&tab) != "0" {
            problems.push(format!("{name} scrolls sideways at {width}"));
        }
    }
    for (name, page) in [("list", ""), ("guide", "huong-dan")] {
        tab.navigate_to(&format!("{url}__loa/edit/{page}")).unwrap().wait_until_navigated().unwrap();
        let violations = axe_violations(&tab, &axe);
        if violations != "[]" {
            problems.push(format!("{name}: {violations}"));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Evaluates `condition` (a JavaScript expression) until it holds, then `value`; gives
/// up after 20 s with what `value` was.
fn wait_for_js(tab: &Tab, condition: &str, value: &str) -> String {
    let js = format!(
        "new Promise(done => {{ const start = Date.now(); const look = () => {{ \
           if ({condition}) done(String({value})); \
           else if (Date.now() - start > 20000) done('TIMED OUT: ' + String({value})); \
           else requestAnimationFrame(look); }}; look(); }})"
    );
    let got = eval_string(tab, &js, true);
    assert!(!got.starts_with("TIMED OUT"), "waiting for {condition}: {got}");
    got
}

/// An editor writes a new explainer in the browser: a title, a section, a comparison
/// through its small form, a picture chosen in "Ảnh" with its description; the live
/// preview shows it with the missing summary said under "Tóm tắt"; saved, the file on
/// disk holds exactly that, the picture lies beside it, and the site builds.
#[test]
fn an_editor_writes_a_new_explainer_with_a_comparison() {
    if !chromium_available() {
        return;
    }
    let site = common::TestSite::new(&[("content/tin/_index.md", "---\ntitle: Tin\n---\n")]);
    let photo = site.path("so-tay.png");
    std::fs::write(&photo, common::png(64, 48)).unwrap();
    let (mut child, url) = preview(site.root());
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{url}__loa/edit/new")).unwrap().wait_until_navigated().unwrap();
    tab.wait_for_element("#title").unwrap().click().unwrap();
    tab.type_str("Sổ tay dịch vụ công").unwrap();
    // Enter in a one-line field does not save the half-written page.
    tab.press_key("Enter").unwrap();
    eval_string(&tab, "document.getElementById('section').value = 'tin'", false);
    tab.wait_for_element("button[data-dialog='hop-so-sanh']").unwrap().click().unwrap();
    let cells = [
        ("ss-ten", "Trước và sau"),
        ("ss-trai", "Trước"),
        ("ss-phai", "Sau"),
        ("ss-kc-1", "Nộp hồ sơ"),
        ("ss-t-1", "Đến trụ sở"),
        ("ss-p-1", "Trên điện thoại \"thông minh\""),
    ];
    for (id, text) in cells {
        tab.wait_for_element(&format!("#{id}")).unwrap().click().unwrap();
        tab.type_str(text).unwrap();
    }
    tab.wait_for_element("#hop-so-sanh button[type='submit']").unwrap().click().unwrap();
    // The writer goes on in the text, not on the toolbar's button.
    wait_for_js(&tab, "document.activeElement.id === 'body'", "document.activeElement.outerHTML");
    // A new page starts as a draft; this one is published.
    let draft = eval_string(&tab, "String(document.querySelector('[name=draft]').checked)", false);
    assert_eq!(draft, "true");
    tab.wait_for_element("[name=draft]").unwrap().click().unwrap();
    tab.wait_for_element("#image_file").unwrap().set_input_files(&[photo.to_str().unwrap()]).unwrap();
    tab.wait_for_element("#image_alt").unwrap().click().unwrap();
    tab.type_str("Cuốn sổ tay trên bàn").unwrap();
    // The preview, made from the unsaved form, and the missing summary under its field.
    let shown = wait_for_js(
        &tab,
        "document.getElementById('khung-xem-truoc').srcdoc.includes('Trên điện thoại') && \
         !document.getElementById('summary-van-de').hidden",
        "document.getElementById('summary-van-de').textContent",
    );
    assert!(shown.contains("chưa có tóm tắt"), "{shown}");
    tab.wait_for_element("form#bai > p > button[type='submit']").unwrap().click().unwrap();
    tab.wait_for_element("#da-luu").expect("the saved page's form says so");
    let saved_url = tab.get_url();
    let _ = child.kill();
    let _ = child.wait();
    assert!(saved_url.ends_with("__loa/edit/tin/so-tay-dich-vu-cong.md?da-luu"), "{saved_url}");
    let saved = site.read("content/tin/so-tay-dich-vu-cong.md");
    let block = "```comparison\ntitle: \"Trước và sau\"\nleft: \"Trước\"\nright: \"Sau\"\nrows:\n  - aspect: \"Nộp hồ sơ\"\n    left: \"Đến trụ sở\"\n    right: \"Trên điện thoại \\\"thông minh\\\"\"\n```\n";
    assert_eq!(
        saved,
        format!(
            "---\ntitle: \"Sổ tay dịch vụ công\"\nimage: \"so-tay.png\"\nimage_alt: \"Cuốn sổ tay trên bàn\"\n---\n\n{block}"
        )
    );
    assert_eq!(std::fs::read(site.path("content/tin/so-tay.png")).unwrap(), common::png(64, 48));
    assert!(!site.path("content/so-tay-dich-vu-cong.md").exists(), "Enter in the title saved the page");
    site.build(&[]).assert_ok();
    let page = site.read("public/tin/so-tay-dich-vu-cong/index.html");
    assert!(page.contains("Trên điện thoại &quot;thông minh&quot;"), "{page}");
}

/// An editor pastes from Word, makes a word bold and links another explainer found by
/// its title typed without tone marks; the saved file keeps its untouched lines. A save
/// over a file changed meanwhile shows both versions and writes nothing; "Khôi phục"
/// puts the first version back.
#[test]
fn an_editor_pastes_from_word_uses_the_toolbar_and_never_loses_work() {
    if !chromium_available() {
        return;
    }
    let original = "---\n# ghi chú của biên tập viên\ntitle: 'Một'\nweight: 2\nsummary: Tóm tắt đủ dài cho bài.\n---\n\nBản đầu.\n";
    let site = common::TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/mot.md", original),
        ("content/tin/hai.md", "---\ntitle: Hướng dẫn nộp hồ sơ\nsummary: Các bước.\n---\n\nBước một.\n"),
    ]);
    let (mut child, url) = preview(site.root());
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{url}__loa/edit/tin/mot.md")).unwrap().wait_until_navigated().unwrap();
    tab.wait_for_element("#body").unwrap();
    // Word puts HTML like this on the clipboard.
    let word = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style>p.MsoNormal{font-family:Calibri}</style></head><body><!--StartFragment-->\
        <p class=MsoNormal><b><span style='font-family:Arial'>Lưu ý</span></b><span>: mang theo <i>căn cước</i>.<o:p></o:p></span></p>\
        <p class=MsoNormal>&nbsp;<o:p></o:p></p>\
        <p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span>&nbsp;&nbsp; </span></span><![endif]>Điện thoại<o:p></o:p></p>\
        <!--EndFragment--></body></html>";
    let paste = format!(
        "(() => {{ const body = document.getElementById('body'); body.value = body.value.trimEnd() + '\\n\\n'; \
           body.setSelectionRange(body.value.length, body.value.length); body.focus(); \
           const data = new DataTransfer(); data.setData('text/html', {}); data.setData('text/plain', 'Lưu ý'); \
           body.dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: data, bubbles: true, cancelable: true }})); }})()",
        serde_json::to_string(word).unwrap()
    );
    eval_string(&tab, &paste, false);
    let pasted = wait_for_js(
        &tab,
        "document.getElementById('body').value.includes('Điện thoại')",
        "document.getElementById('body').value",
    );
    assert_eq!(pasted, "Bản đầu.\n\n**Lưu ý**: mang theo *căn cước*.\n\n- Điện thoại");
    // Bold through the toolbar.
    eval_string(&tab, "(() => { const b = document.getElementById('body'); const at = b.value.indexOf('Điện thoại'); b.setSelectionRange(at, at + 'Điện thoại'.length); })()", false);
    tab.wait_for_element("button[data-format='bold']").unwrap().click().unwrap();
    // A link to another explainer, found without tone marks.
    eval_string(&tab, "(() => { const b = document.getElementById('body'); b.value += '\\n\\nXem '; b.setSelectionRange(b.value.length, b.value.length); })()", false);
    tab.wait_for_element("button[data-dialog='hop-lien-ket']").unwrap().click().unwrap();
    tab.wait_for_element("#lk-tim").unwrap().click().unwrap();
    tab.type_str("nop ho so").unwrap();
    wait_for_js(
        &tab,
        "document.querySelector('#lk-ket-qua input:checked')",
        "document.getElementById('lk-ket-qua').textContent",
    );
    tab.wait_for_element("#hop-lien-ket button[type='submit']").unwrap().click().unwrap();
    let body = "Bản đầu.\n\n**Lưu ý**: mang theo *căn cước*.\n\n- **Điện thoại**\n\nXem [Hướng dẫn nộp hồ sơ](hai.md)";
    assert_eq!(eval_string(&tab, "document.getElementById('body').value", false), body);
    // The form with the preview and its problems is accessible at both widths.
    wait_for_js(
        &tab,
        "document.getElementById('khung-xem-truoc').srcdoc.includes('Hướng dẫn nộp hồ sơ')",
        "1",
    );
    let axe = axe_script();
    for width in [1280, 768] {
        set_width(&tab, width);
        assert_eq!(axe_violations(&tab, &axe), "[]", "the form at {width}");
        assert_eq!(sideways(&tab), "0", "the form scrolls sideways at {width}");
    }
    tab.wait_for_element("form#bai > p > button[type='submit']").unwrap().click().unwrap();
    tab.wait_for_element("#da-luu").expect("the saved page's form says so");
    let saved = site.read("content/tin/mot.md");
    assert_eq!(saved, original.replace("Bản đầu.\n", &format!("{body}\n")));
    // Changed on disk while the form is open: the save shows both versions.
    let elsewhere = saved.replace("Bản đầu.", "Bản sửa ở máy khác.");
    site.write("content/tin/mot.md", &elsewhere);
    tab.wait_for_element("#body").unwrap().click().unwrap();
    tab.type_str(" thêm").unwrap();
    tab.wait_for_element("form#bai > p > button[type='submit']").unwrap().click().unwrap();
    let theirs =
        tab.wait_for_element("#ban-tren-may").expect("both versions shown").get_inner_text().unwrap();
    assert_eq!(theirs.trim_end(), elsewhere.trim_end());
    assert_eq!(site.read("content/tin/mot.md"), elsewhere, "nothing written over the other change");
    // "Khôi phục" the first version.
    tab.navigate_to(&format!("{url}__loa/edit/tin/mot.md")).unwrap().wait_until_navigated().unwrap();
    tab.wait_for_element("#cac-ban-cu + ul li:last-child button").unwrap().click().unwrap();
    tab.wait_for_element("#da-khoi-phuc").expect("the restored page's form says so");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(site.read("content/tin/mot.md"), original);
}

/// Another site open in the same browser cannot write through the editor: its request
/// is refused for its origin even with the right token, a page reached through a name
/// that resolves to this machine is refused for its Host, and the editor's own page
/// cannot write without the token. The file stays as it was.
#[test]
fn another_site_in_the_browser_cannot_write_through_the_editor() {
    if !chromium_available() {
        return;
    }
    let original = "---\ntitle: \"Một\"\nsummary: Tóm tắt.\n---\n\nBản đầu.\n";
    let site = common::TestSite::new(&[("content/tin/mot.md", original)]);
    let (mut child, url) = preview(site.root());
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{url}__loa/edit/tin/mot.md")).unwrap().wait_until_navigated().unwrap();
    tab.wait_for_element("#body").unwrap();
    let token = eval_string(&tab, "document.querySelector('[name=token]').value", false);
    let base = eval_string(&tab, "document.querySelector('[name=base]').value", false);
    let write = |token: &str| {
        format!(
            "fetch({}, {{ method: 'POST', body: new URLSearchParams({{ token: {}, base: {}, title: 'Bị chiếm', body: 'x' }}) }})\
             .then(r => String(r.status), e => 'blocked: ' + e)",
            serde_json::to_string(&format!("{url}__loa/edit/tin/mot.md")).unwrap(),
            serde_json::to_string(token).unwrap(),
            serde_json::to_string(&base).unwrap()
        )
    };
    // The editor's own page, without the token.
    assert_eq!(eval_string(&tab, &write(""), true), "403");
    // Another site (another port is another origin), with the token.
    open(&tab, "");
    let sent = eval_string(
        &tab,
        &write(&token).replace("{ method: 'POST'", "{ method: 'POST', mode: 'no-cors'"),
        true,
    );
    assert!(sent == "0" || sent.starts_with("blocked"), "{sent}");
    // A name that resolves to this machine: not even a page is served (403, which
    // Chromium shows as its own error page).
    let port = url.trim_start_matches("http://127.0.0.1:").split('/').next().unwrap().to_string();
    let rebound = tab
        .navigate_to(&format!("http://evil.example:{port}/__loa/edit/"))
        .and_then(|t| t.wait_until_navigated().map(|_| ()));
    match rebound {
        Err(e) => assert!(e.to_string().contains("ERR_HTTP_RESPONSE_CODE_FAILURE"), "{e}"),
        Ok(()) => {
            let shown = eval_string(&tab, "document.body ? document.body.innerText : ''", false);
            assert!(!shown.contains("Bài mới") && !shown.contains("Một"), "{shown}");
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(site.read("content/tin/mot.md"), original, "nothing written");
}

fn crate_fold(s: &str) -> String {
    loa::text::fold(s).to_lowercase()
}

#[test]
fn the_quiz_answers_with_javascript_and_still_shows_the_answer_without_it() {
    if !chromium_available() {
        return;
    }
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    open(&tab, "hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/");
    let right = eval_string(&tab, "(q => q.querySelector('input[value=\"' + q.dataset.answer + '\"]').id)(document.querySelector('.quiz'))", false);
    let wrong = eval_string(&tab, "(q => q.querySelector('input:not([value=\"' + q.dataset.answer + '\"])').id)(document.querySelector('.quiz'))", false);
    let feedback = || eval_string(&tab, "document.querySelector('.quiz .quiz-feedback').textContent", false);
    tab.find_element(&format!("label[for='{wrong}']")).unwrap().click().unwrap();
    assert!(feedback().starts_with("Chưa đúng"), "{}", feedback());
    tab.find_element(&format!("label[for='{right}']")).unwrap().click().unwrap();
    assert_eq!(feedback(), "Đúng rồi!");

    let no_js = browser.new_tab().unwrap();
    no_js.call_method(Emulation::SetScriptExecutionDisabled { value: true }).unwrap();
    // Tall enough that the quiz is on screen: clicks go to coordinates, with no script.
    set_size(&no_js, 1280, 8000);
    open(&no_js, "hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/");
    let click = |selector: &str| {
        let quad = no_js.find_element(selector).unwrap().get_box_model().unwrap().content;
        let middle = headless_chrome::browser::tab::point::Point {
            x: (quad.top_left.x + quad.bottom_right.x) / 2.0,
            y: (quad.top_left.y + quad.bottom_right.y) / 2.0,
        };
        no_js.click_point(middle).unwrap();
    };
    // Page scripts are off; DevTools may still read the page.
    let state = || {
        eval_string(&no_js, "JSON.stringify([document.querySelector('.quiz details').open, document.querySelector('.quiz .quiz-answer').innerText])", false)
    };
    assert!(state().starts_with("[false,"), "the answer starts folded away: {}", state());
    click(&format!("label[for='{wrong}']"));
    assert_eq!(
        eval_string(&no_js, "document.querySelector('.quiz .quiz-feedback').textContent", false),
        "",
        "no script ran"
    );
    click(".quiz .quiz-answer summary");
    let shown = state();
    assert!(shown.starts_with("[true,") && shown.contains("Đáp án đúng: B."), "the answer is shown: {shown}");
}

/// Search budgets on the 1,000-page benchmark corpus (see BENCHMARKS.md):
/// `cargo test --release --test browser -- --ignored --nocapture search_budgets`
#[test]
#[ignore = "a benchmark: needs ../shared/bench and a release build"]
fn search_budgets_on_1000_pages() {
    if !chromium_available() {
        return;
    }
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-bench");
    let corpus = work.join("corpus");
    let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
    let status = std::process::Command::new("python3")
        .arg(&generator)
        .args(["--pages", "1000", "--flavor", "loa", "--seed", "1", "--out"])
        .arg(&corpus)
        .status()
        .expect("python3");
    assert!(status.success());

    // Indexing time: the search output alone, median of 7.
    let options = loa::build::BuildOptions { root: corpus.clone(), ..Default::default() };
    let (mut languages, _, _) = loa::build::render_stage(&options).expect("corpus renders");
    let loa::build::Language { site, rendered } = languages.remove(0);
    let mut times: Vec<f64> = (0..7)
        .map(|_| {
            let t = std::time::Instant::now();
            let count = |_| Ok(());
            let sink = loa::outputs::Sink::new(&count);
            loa::outputs::search::Index::new(&site, &rendered, None).outputs(&site, &rendered, &sink);
            assert!(sink.finish().0 > 1000);
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("indexing {} pages: median {:.3} s", site.pages.len(), times[3]);

    let out = work.join("public");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["build", "--base-url", PREFIX, "--root"])
        .arg(&corpus)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let port = serve(out.clone());
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    set_width(&tab, 360);
    tab.call_method(Emulation::SetCPUThrottlingRate { rate: 4.0 }).unwrap();
    tab.navigate_to(&format!("http://127.0.0.1:{port}{PREFIX}search/"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab.wait_for_element("#search-q").unwrap().click().unwrap();
    tab.type_str("chuyen doi so").unwrap();
    tab.press_key("Enter").unwrap();
    tab.wait_for_element("#search-results li").unwrap();
    let fetched = eval_string(
        &tab,
        "JSON.stringify(performance.getEntriesByType('resource').filter(e => e.name.includes('/search')).map(e => e.name))",
        false,
    );
    let urls: Vec<String> = serde_json::from_str(&fetched).unwrap();
    let (mut raw, mut gz) = (0, 0);
    for url in &urls {
        let rel = url.split(PREFIX).nth(1).unwrap().split('?').next().unwrap();
        let bytes = std::fs::read(out.join(rel)).unwrap();
        raw += bytes.len();
        gz += common::gzip_size(&bytes);
    }
    println!("first search downloads {} files: {raw} B raw, {gz} B gzip", urls.len());
    let timing = eval_string(
        &tab,
        "(async () => { const qs = ['chuyen doi so', 'dich vu cong', 'doi', 'du lieu mo', 'an toan thong tin'];
           for (const q of qs) await loaSearch.rank(q);
           const t = [];
           for (let i = 0; i < 5; i++) for (const q of qs) { const s = performance.now(); await loaSearch.rank(q); t.push(performance.now() - s); }
           t.sort((a, b) => a - b);
           return JSON.stringify({median: t[Math.floor(t.length / 2)], max: t[t.length - 1]}); })()",
        true,
    );
    println!("query time at CPU throttling x4, index loaded: {timing} ms");
}

/// A partner's page on another origin with two loa iframes, embed.js, and a third frame
/// from yet another origin that forges resize messages.
#[test]
fn embedded_iframes_take_their_contents_height_and_ignore_forged_messages() {
    if !chromium_available() {
        return;
    }
    let site = site_url();
    let forger_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("forger");
    std::fs::create_dir_all(&forger_dir).unwrap();
    std::fs::write(
        forger_dir.join("index.html"),
        // Forges a resize when told to, once embed.js is surely listening, then says so.
        "<!doctype html><title>x</title><script>addEventListener('message', e => { if (e.data && e.data.go) { \
         parent.postMessage({loa: 'resize', height: 7}, '*'); parent.postMessage({loa: 'resize', height: 9}, '*'); \
         parent.postMessage({forgerDone: true}, '*'); } });</script>",
    )
    .unwrap();
    let forger = format!("http://127.0.0.1:{}{PREFIX}", serve(forger_dir));
    let host_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("partner");
    std::fs::create_dir_all(&host_dir).unwrap();
    let frame = |path: &str| {
        format!("<iframe class=\"loa-embed\" src=\"{site}{path}\" title=\"{path}\" style=\"border:0;width:400px;height:600px\"></iframe>")
    };
    let host = format!(
        "<!doctype html><html lang=\"vi\"><title>Báo đối tác</title><body style=\"margin:0\">\
         {}{}<iframe id=\"forger\" src=\"{forger}\" title=\"forger\"></iframe>\
         <script async src=\"{site}embed.js\"></script>\
         <script>window.postMessage({{loa: 'resize', height: 9}}, '*');</script></body></html>",
        frame("hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/embed/"),
        frame("nguoi-dan/an-toan-tren-mang/embed/"),
    );
    std::fs::write(host_dir.join("index.html"), host).unwrap();
    let host_url = format!("http://127.0.0.1:{}{PREFIX}", serve(host_dir));

    let browser = browser();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&host_url).unwrap().wait_until_navigated().unwrap();
    let heights = eval_string(
        &tab,
        "new Promise(done => { const read = () => [...document.querySelectorAll('iframe.loa-embed')].map(f => f.getBoundingClientRect().height);
           const check = () => { const h = read(); if (h.every(x => x !== 600)) done(JSON.stringify(h)); else setTimeout(check, 50); };
           check(); })",
        true,
    );
    let heights: Vec<f64> = serde_json::from_str(&heights).unwrap();
    // Each frame is as tall as its page laid out 400 px wide.
    let own = browser.new_tab().unwrap();
    set_size(&own, 400, 600);
    for (h, path) in heights
        .iter()
        .zip(["hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/embed/", "nguoi-dan/an-toan-tren-mang/embed/"])
    {
        open(&own, path);
        let content: f64 =
            eval_string(&own, "String(document.documentElement.getBoundingClientRect().height)", false)
                .parse()
                .unwrap();
        assert!((h - content.ceil()).abs() <= 2.0, "{path}: iframe {h}px, content {content}px");
        assert!(*h > 1000.0, "{path}: {h}px");
    }
    // Now that embed.js has resized both frames, the page forges a message itself and
    // the other origin's frame forges two; messages from one window arrive in order, so
    // when the forger's "done" arrives, embed.js has seen its forgeries.
    let after = eval_string(
        &tab,
        "new Promise(done => { addEventListener('message', e => { if (e.data && e.data.forgerDone) \
           done(JSON.stringify([...document.querySelectorAll('iframe.loa-embed')].map(f => f.getBoundingClientRect().height))); }); \
           window.postMessage({loa: 'resize', height: 9}, '*'); \
           document.getElementById('forger').contentWindow.postMessage({go: true}, '*'); })",
        true,
    );

    assert_eq!(serde_json::from_str::<Vec<f64>>(&after).unwrap(), heights);
}

/// The dissemination report as a web page: made from the example site and its sample
/// logs, accessible (axe-core), self-contained, readable on a phone, charts described.
#[test]
fn the_html_report_is_accessible_self_contained_and_fits_a_phone() {
    if !chromium_available() {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-html");
    std::fs::create_dir_all(&dir).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let logs = Path::new(root).join("logs");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["report", "--root", root, "--from", "2026-10", "--access-log"])
        .arg(logs.join("access.log"))
        .arg(logs.join("access.log.1"))
        .arg(logs.join("access.log.2.gz"))
        .arg("--broadcast-log")
        .arg(logs.join("phat-song-2026-10.csv"))
        .arg("--output")
        .arg(dir.join("bao-cao.html"))
        .output()
        .expect("run loa");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    // What the test server answers for anything else (the browser asks for a favicon).
    std::fs::write(dir.join("404.html"), "").unwrap();
    let url = format!("http://127.0.0.1:{}{PREFIX}bao-cao.html", serve(dir));
    let axe = axe_script();
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    let mut problems = Vec::new();
    for width in [360, 1280] {
        set_width(&tab, width);
        tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
        let overflow = eval_string(
            &tab,
            "String(document.documentElement.scrollWidth - document.documentElement.clientWidth)",
            false,
        );
        if overflow != "0" {
            problems.push(format!("scrolls sideways by {overflow}px at {width}px"));
        }
        screenshot(&tab, "report", width);
    }
    let violations = axe_violations(&tab, &axe);
    if violations != "[]" {
        problems.push(format!("axe violations {violations}"));
    }
    // Nothing loaded from anywhere: no stylesheet, script, image or font.
    let loaded = eval_string(&tab, "String(performance.getEntriesByType('resource').length)", false);
    if loaded != "0" {
        problems.push(format!("{loaded} resources loaded"));
    }
    // Every chart is an image named by its caption and described in words.
    let charts = eval_string(
        &tab,
        "JSON.stringify([...document.querySelectorAll('svg[role=img]')].map(s => \
         s.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' | ')))",
        false,
    );
    let charts: Vec<String> = serde_json::from_str(&charts).unwrap();
    assert_eq!(charts.len(), 4, "{charts:?}");
    assert!(
        charts[0].starts_with("Lượt xem theo bài")
            && charts[0].contains("quốc gia 10/10: có từ bao giờ và để làm gì?: 182;"),
        "{charts:?}"
    );
    assert!(charts[3].contains("Đài PT-TH tỉnh: 6"), "{charts:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
