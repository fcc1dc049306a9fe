//! `loa serve` end to end: a real server on an ephemeral port, files edited, renamed and
//! deleted the ways editors' tools do, and what it serves afterwards.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{loa, page, snapshot, TestSite};

struct Server {
    child: Child,
    /// What the server says on stderr, line by line.
    log: std::sync::mpsc::Receiver<String>,
    /// `127.0.0.1:port`
    address: String,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &TestSite) -> Server {
    start_with(site, &[])
}

fn start_with(site: &TestSite, flags: &[&str]) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command.args(["serve", "--port", "0", "--root", site.root().to_str().unwrap()]).args(flags);
    spawn(command)
}

/// Starts `loa serve` as `command` says, and waits for the address it prints.
fn spawn(mut command: Command) -> Server {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start loa serve");
    let (tx, log) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url =
        line.split_whitespace().find(|w| w.starts_with("http://")).expect("the URL is printed").to_string();
    let rest = url.trim_start_matches("http://");
    let (address, base) = rest.split_at(rest.find('/').unwrap());
    Server { child, log, address: address.to_string(), base: base.to_string() }
}

/// The numbers of the next "rebuilt" line: (HTML files rendered, reused).
fn next_rebuild(server: &Server) -> (usize, usize) {
    loop {
        let line = server.log.recv_timeout(Duration::from_secs(20)).expect("a rebuild line");
        if let Some(rest) = line.strip_prefix("Đã dựng lại:") {
            let numbers: Vec<usize> = rest
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| !w.is_empty())
                .map(|w| w.parse().unwrap())
                .collect();
            return (numbers[1], numbers[2]);
        }
    }
}

/// The number of files of the next quick update (only the text of pages changed).
fn next_text_update(server: &Server) -> usize {
    loop {
        let line = server.log.recv_timeout(Duration::from_secs(20)).expect("an update line");
        assert!(!line.starts_with("Đã dựng lại:"), "a whole rebuild instead of the quick path");
        if let Some(rest) = line.strip_prefix("Đã cập nhật nội dung bài: viết lại ") {
            return rest.split(' ').next().unwrap().parse().unwrap();
        }
    }
}

/// Status code and body of a GET.
fn get(server: &Server, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, response[split + 4..].to_vec())
}

/// An open live-reload stream.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(server: &Server) -> Events {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        write!(stream, "GET {}__loa/events HTTP/1.1\r\nHost: localhost\r\n\r\n", server.base).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        // Headers, then the ": connected" comment.
        while reader.read_line(&mut line).unwrap() > 0 && !line.starts_with(": connected") {
            line.clear();
        }
        Events(reader)
    }

    /// The data of the next reload event.
    fn next(&mut self) -> serde_json::Value {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.0.read_line(&mut line).expect("a reload event in time") > 0, "stream closed");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data.trim()).unwrap();
            }
        }
    }
}

/// The served page without what the server adds to HTML: the live-reload script, the
/// link to the editor and the warnings panel.
fn strip_live(body: &[u8], base: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let tag = format!("<script src=\"{base}__loa/live.js\" data-base=\"{base}\"></script>");
    let mut text = text.replacen(&tag, "", 1);
    // The link to the page's form, which a build never writes.
    if let Some(start) = text.find("<p id=\"loa-edit\"") {
        let end = start + text[start..].find("</p>").unwrap() + "</p>".len();
        text.replace_range(start..end, "");
    }
    if let Some(start) = text.find("<details id=\"loa-warnings\"") {
        let end = start + text[start..].find("</details>").unwrap() + "</details>".len();
        text.replace_range(start..end, "");
    }
    text.into_bytes()
}

/// Every file a fresh build writes is served with the same bytes.
fn assert_serves_a_fresh_build(site: &TestSite, server: &Server) {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("public");
    let run = loa(&["build", "--root", site.root().to_str().unwrap(), "--output", out_dir.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let built = snapshot(&out_dir);
    assert!(built.len() > 20);
    for (rel, bytes) in built {
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel == ".loa-output" {
            continue;
        }
        let (status, body) = get(server, &format!("{}{rel}", server.base));
        assert_eq!(status, 200, "{rel}");
        let body = if rel.ends_with(".html") { strip_live(&body, &server.base) } else { body };
        assert!(body == bytes, "{rel} differs from a fresh build");
    }
}

fn atomic_write(path: &Path, text: &str) {
    let temp = path.with_extension("md.tmp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn serve_tracks_edits_renames_deletes_and_errors() {
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/mot.md", &page("Một", "topics: [Dữ liệu]\n", "Bản đầu.")),
        ("content/tin/hai.md", &page("Hai", "topics: [Dữ liệu]\n", "Bài hai.")),
        ("content/khac/ba.md", &page("Ba", "topics: [Dịch vụ công]\n", "Bài ba.")),
    ]);
    let server = start(&site);
    assert_eq!(server.base, "/");
    assert_serves_a_fresh_build(&site, &server);
    let mut events = Events::open(&server);

    // An atomic save (temporary file renamed over the page).
    atomic_write(&site.path("content/tin/mot.md"), &page("Một", "topics: [Dữ liệu]\n", "Bản sửa."));
    let event = events.next();
    assert!(event["paths"].as_array().unwrap().iter().any(|p| p == "/tin/mot/index.html"), "{event}");
    assert!(
        !event["paths"].as_array().unwrap().iter().any(|p| p == "/tin/hai/index.html"),
        "only changed pages: {event}"
    );
    let (_, body) = get(&server, "/tin/mot/");
    assert!(String::from_utf8_lossy(&body).contains("Bản sửa."));
    // Only the text changed: the quick path made again just the files that show it
    // (lists show the title and summary, which did not change), and the site served is
    // still exactly a fresh build.
    let files = next_text_update(&server);
    assert!((5..40).contains(&files), "rewrote {files} files");
    assert_serves_a_fresh_build(&site, &server);

    // A new title shows in the section list, the term page and the other page's
    // related and next links: those are rendered again, not the rest.
    atomic_write(&site.path("content/tin/mot.md"), &page("Một mới", "topics: [Dữ liệu]\n", "Bản sửa."));
    let event = events.next();
    let paths = event["paths"].as_array().unwrap();
    for shown in
        ["/tin/mot/index.html", "/tin/index.html", "/chu-de/du-lieu/index.html", "/tin/hai/index.html"]
    {
        assert!(paths.iter().any(|p| p == shown), "{shown} not reloaded: {event}");
    }
    for unrelated in ["/khac/ba/index.html", "/khac/index.html", "/chu-de/dich-vu-cong/index.html"] {
        assert!(!paths.iter().any(|p| p == unrelated), "{unrelated} reloaded: {event}");
    }
    let (rendered, reused) = next_rebuild(&server);
    assert!(reused >= 4, "re-rendered {rendered}, reused {reused}");
    assert_serves_a_fresh_build(&site, &server);

    // A rename: the old address is gone, the new one is there.
    std::fs::rename(site.path("content/tin/hai.md"), site.path("content/tin/hai-moi.md")).unwrap();
    events.next();
    assert_eq!(get(&server, "/tin/hai/").0, 404);
    assert_eq!(get(&server, "/tin/hai-moi/").0, 200);

    // A broken file: the last good site stays, with the errors over every page.
    site.write("content/tin/hong.md", "---\ntitle: [chưa đóng\n---\n");
    let event = events.next();
    assert_eq!(event["all"], true);
    let (status, body) = get(&server, "/tin/mot/");
    let body = String::from_utf8_lossy(&body).to_string();
    assert_eq!(status, 200);
    assert!(body.contains("Bản sửa.") && body.contains("id=\"loa-errors\""), "overlay on the last good page");
    assert!(body.contains("content/tin/hong.md:2:"), "file and line in the overlay");
    // Fixing it (here: deleting it) removes the overlay.
    std::fs::remove_file(site.path("content/tin/hong.md")).unwrap();
    events.next();
    assert!(!String::from_utf8_lossy(&get(&server, "/tin/mot/").1).contains("loa-errors"));

    // A broken link typed into the text is an error too, not a quick update.
    let broken = page("Một mới", "topics: [Dữ liệu]\n", "Xem [bài cũ](khong-co.md).");
    atomic_write(&site.path("content/tin/mot.md"), &broken);
    assert_eq!(events.next()["all"], true);
    assert!(String::from_utf8_lossy(&get(&server, "/tin/mot/").1).contains("khong-co.md"));
    atomic_write(&site.path("content/tin/mot.md"), &page("Một mới", "topics: [Dữ liệu]\n", "Xem bài hai."));
    events.next();
    assert!(!String::from_utf8_lossy(&get(&server, "/tin/mot/").1).contains("loa-errors"));

    // Another page links to a heading of this one, then this one's date moves it in
    // its section's list (the remembered bodies do not change with the order): the link
    // is still checked against the page it names.
    let mot = |date: &str, heading: &str| {
        format!(
            "---\ntitle: \"Một mới\"\ndate: {date}\ntopics: [Dữ liệu]\n---\n\n## {heading}\n\nXem bài hai.\n"
        )
    };
    atomic_write(&site.path("content/tin/mot.md"), &mot("2024-03-01", "Mục một"));
    events.next();
    let link = page("Hai", "topics: [Dữ liệu]\n", "Xem [mục một](mot.md#muc-mot).");
    atomic_write(&site.path("content/tin/hai-moi.md"), &link);
    events.next();
    atomic_write(&site.path("content/tin/mot.md"), &mot("2023-01-01", "Mục một"));
    events.next();
    assert!(!String::from_utf8_lossy(&get(&server, "/tin/hai-moi/").1).contains("loa-errors"));
    assert_serves_a_fresh_build(&site, &server);
    atomic_write(&site.path("content/tin/mot.md"), &mot("2023-01-01", "Mục khác"));
    assert_eq!(events.next()["all"], true);
    let (_, body) = get(&server, "/tin/mot/");
    let body = String::from_utf8_lossy(&body).to_string();
    assert!(body.contains("content/tin/hai-moi.md") && body.contains("muc-mot"), "the broken link told");
    atomic_write(&site.path("content/tin/mot.md"), &mot("2023-01-01", "Mục một"));
    events.next();

    // After all that, what is served is what a fresh build writes.
    assert_serves_a_fresh_build(&site, &server);
}

/// A multilingual site in the preview: a translation's saved text takes the quick path,
/// only its own language's files change, and the preview is still a fresh build.
#[test]
fn serve_updates_a_saved_translation_quickly() {
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/mot.md", &page("Một", "", "Bản đầu.")),
        ("content/tin/mot.en.md", &page("One", "", "First text.")),
        ("content/tin/hai.md", &page("Hai", "", "Bài hai.")),
    ]);
    site.write("site.yaml", &format!("{}languages:\n  - code: vi\n  - code: en\n", common::SITE_YAML));
    let server = start(&site);
    assert_serves_a_fresh_build(&site, &server);
    let mut events = Events::open(&server);
    atomic_write(&site.path("content/tin/mot.en.md"), &page("One", "", "Second text."));
    let event = events.next();
    let paths = event["paths"].as_array().unwrap();
    assert!(paths.iter().any(|p| p == "/en/tin/one/index.html"), "{event}");
    assert!(!paths.iter().any(|p| p == "/tin/mot/index.html"), "the original is untouched: {event}");
    let files = next_text_update(&server);
    assert!((3..40).contains(&files), "rewrote {files} files");
    assert!(String::from_utf8_lossy(&get(&server, "/en/tin/one/").1).contains("Second text."));
    assert_serves_a_fresh_build(&site, &server);
    // The original's text, in turn, with its own language's site.
    atomic_write(&site.path("content/tin/mot.md"), &page("Một", "", "Bản sau."));
    events.next();
    next_text_update(&server);
    assert!(String::from_utf8_lossy(&get(&server, "/tin/mot/").1).contains("Bản sau."));
    assert_serves_a_fresh_build(&site, &server);
}

#[test]
fn serve_honours_the_sub_path_and_refuses_a_public_address() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("https://example.gov.vn/", "https://example.gov.vn/chuyen-doi-so/"),
    );
    let server = start(&site);
    assert_eq!(server.base, "/chuyen-doi-so/");
    let (status, body) = get(&server, "/chuyen-doi-so/a/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("<script src=\"/chuyen-doi-so/__loa/live.js\""));
    assert_eq!(get(&server, "/chuyen-doi-so/__loa/live.js").0, 200);
    // The server's root leads to the site; another address says where it is.
    assert_eq!(raw(&server, b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 303);
    let (status, body) = get(&server, "/khac/");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains("Trang xem thử nằm ở <a href=\"/chuyen-doi-so/\">"));
    drop(server);

    let refused =
        loa(&["serve", "--bind", "0.0.0.0", "--port", "0", "--root", site.root().to_str().unwrap()]);
    assert_eq!(refused.status, 2);
    assert!(refused.stderr.contains("--allow-remote"), "{}", refused.stderr);
}

/// The status line's code for a raw request.
fn raw(server: &Server, request: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[test]
fn hostile_requests_are_refused_and_the_server_stays_up() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    let server = start(&site);
    assert_eq!(raw(&server, b"GET /../bi-mat.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
    assert_eq!(raw(&server, b"GET /%2e%2e/%2E%2E/etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
    assert_eq!(raw(&server, b"GET /a/..%2f..%2fsite.yaml HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
    let long = format!("GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n", "a".repeat(20_000));
    assert_eq!(raw(&server, long.as_bytes()), 414);
    assert_eq!(raw(&server, b"\x16\x03\x01 not http at all\r\n\r\n"), 400);
    assert_eq!(raw(&server, b"DELETE /a/ HTTP/1.1\r\n\r\n"), 405);
    // DNS rebinding: a page from another site, its name pointed at 127.0.0.1, sends its
    // own name as Host. Only loopback addresses and localhost in any case are served.
    for foreign in ["127.evil.example", "127.0.0.1.nip.io", "evil.example:1111"] {
        let request = format!("GET /a/ HTTP/1.1\r\nHost: {foreign}\r\n\r\n");
        assert_eq!(raw(&server, request.as_bytes()), 403, "{foreign}");
    }
    for local in ["LOCALHOST", "127.0.0.1:1111", "[::1]:1111"] {
        let request = format!("GET /a/ HTTP/1.1\r\nHost: {local}\r\n\r\n");
        assert_eq!(raw(&server, request.as_bytes()), 200, "{local}");
    }
    assert_eq!(
        raw(&server, b"GET /site.yaml HTTP/1.1\r\nHost: localhost\r\n\r\n"),
        404,
        "only the built site is served"
    );
    // Still serving.
    assert_eq!(get(&server, "/a/").0, 200);
}

#[test]
fn a_burst_of_500_changes_ends_in_a_correct_site() {
    let site = TestSite::new(&[("content/tin/_index.md", "---\ntitle: Tin\n---\n")]);
    let server = start(&site);
    let mut events = Events::open(&server);
    for i in 0..500 {
        site.write(&format!("content/tin/bai-{i:03}.md"), &page(&format!("Bài {i}"), "", "Nội dung."));
    }
    // Rebuilds follow the burst until the last file is in.
    let mut rounds = 0;
    while get(&server, "/tin/bai-499/").0 != 200 {
        events.next();
        rounds += 1;
        assert!(rounds < 50, "the burst never settled");
    }
    // Any rebuild still under way ends with the same site.
    while server.log.recv_timeout(Duration::from_millis(800)).is_ok() {}
    assert_serves_a_fresh_build(&site, &server);

    // A checkout that changes the text of every page.
    for i in 0..500 {
        site.write(&format!("content/tin/bai-{i:03}.md"), &page(&format!("Bài {i}"), "", "Nội dung mới."));
    }
    while !String::from_utf8_lossy(&get(&server, "/tin/bai-499/").1).contains("Nội dung mới.") {
        events.next();
    }
    while server.log.recv_timeout(Duration::from_millis(800)).is_ok() {}
    assert_serves_a_fresh_build(&site, &server);
}

/// With `--root .` (the default), events arrive with absolute paths that a relative root
/// never matched: a `loa build` in another terminal made the preview rebuild. The next
/// rebuild line must be the one for the editor's change.
#[test]
fn a_build_into_public_does_not_make_a_relative_root_preview_rebuild() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "một"))]);
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command.args(["serve", "--port", "0"]).current_dir(site.root());
    let server = spawn(command);
    site.build(&[]).assert_ok();
    site.write("content/a.md", &page("A", "", "hai"));
    let first = loop {
        let line = server.log.recv_timeout(Duration::from_secs(20)).expect("a line about the edit");
        if line.starts_with("Đã dựng lại:") || line.starts_with("Đã cập nhật nội dung bài") {
            break line;
        }
    };
    assert!(first.starts_with("Đã cập nhật nội dung bài"), "a rebuild for the build's files first: {first}");
}

/// Two hundred clients that open a connection and send half a request, then wait: the
/// editor's browser is still answered at once.
#[test]
fn two_hundred_slow_clients_do_not_keep_the_editor_waiting() {
    let site = TestSite::new(&[("content/a.md", &page("A", "", "x"))]);
    let server = start(&site);
    let slow: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut s = TcpStream::connect(&server.address).unwrap();
            s.write_all(b"GET /a/ HTTP/1.1\r\nHost: localhost\r\n").unwrap();
            s
        })
        .collect();
    assert_eq!(get(&server, "/a/").0, 200);
    drop(slow);
    assert_eq!(get(&server, "/a/").0, 200);
}

#[test]
fn the_preview_shows_drafts_under_a_banner_and_warnings_in_a_panel() {
    let site = TestSite::new(&[
        ("content/nhap.md", &page("Bài nháp", "summary: Tóm tắt.\ndraft: true\n", "Nội dung nháp.")),
        ("content/dang.md", "---\ntitle: Bài đã đăng\ndate: 2024-01-01\n---\nKhông có tóm tắt.\n"),
    ]);
    let server = start(&site);
    let (status, body) = get(&server, &format!("{}nhap/", server.base));
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, 200, "drafts are previewed by default");
    assert!(body.contains("id=\"loa-draft\"") && body.contains("BẢN NHÁP"), "{body}");
    let (_, published) = get(&server, &format!("{}dang/", server.base));
    let published = String::from_utf8(published).unwrap();
    assert!(!published.contains("BẢN NHÁP"), "no banner on a published page");
    // The editor's warning, on every page, folded so it does not hide the page.
    let panel = &published[published.find("<details id=\"loa-warnings\"").expect("a warnings panel")..];
    assert!(!panel.starts_with("<details id=\"loa-warnings\" open"), "folded: {panel}");
    assert!(panel.contains("chưa có tóm tắt") && panel.contains("dang.md"), "{panel}");
    assert!(!panel[..panel.find("</details>").unwrap()].contains("<pre"), "not in a monospace font");
    let mut said = String::new();
    while let Ok(line) = server.log.recv_timeout(Duration::from_millis(500)) {
        said.push_str(&line);
        said.push('\n');
    }
    assert!(said.contains("chưa có tóm tắt"), "the terminal says it too:\n{said}");

    let hidden = start_with(&site, &["--no-drafts"]);
    assert_eq!(get(&hidden, &format!("{}nhap/", hidden.base)).0, 404);
}

#[test]
fn a_busy_port_is_said_with_the_fix() {
    let site = TestSite::new(&[("content/a.md", &page("A", "summary: x\n", "x"))]);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = loa(&["serve", "--root", site.root().to_str().unwrap(), "--port", &port]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains(&format!("cổng {port} đang có chương trình khác dùng")), "{}", run.stderr);
    assert!(run.stderr.contains("--port"), "{}", run.stderr);
}

/// A POST of a form to the preview: status, `Location` and body. `origin`: the `Origin`
/// header, `host` the `Host` header.
fn post(
    server: &Server,
    path: &str,
    form: &[(&str, &str)],
    origin: &str,
    host: &str,
) -> (u16, String, String) {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    let body: Vec<String> = form.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    let body = body.join("&");
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let location = head.lines().find_map(|l| l.strip_prefix("Location: ")).unwrap_or("").to_string();
    (status, location, body.to_string())
}

/// The value of the hidden field `name` in an editor page.
fn hidden(html: &str, name: &str) -> String {
    let at = html.find(&format!("name=\"{name}\" value=\"")).expect("the field") + name.len() + 15;
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

/// The editor in the preview: the list (drafts included), the form with its labels, a
/// save that rewrites only what changed, a new page named from its title, a conflicting
/// save refused with both versions, and writes without the token, from another origin or
/// with a foreign Host refused with nothing written.
#[test]
fn the_editor_saves_only_what_changed_and_refuses_foreign_writes() {
    let original = "---\n# ghi chú\ntitle: \"Một\"\nweight: 2\ntopics: [Dữ liệu]\nsummary: Tóm tắt cũ.\n---\n\nBản đầu.\n";
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/mot.md", original),
        ("content/tin/nhap.md", &page("Bản nháp chưa đăng", "draft: true\n", "Chưa xong.")),
    ]);
    let server = start(&site);
    let origin = format!("http://{}", server.address);
    let (status, list) = get(&server, "/__loa/edit/");
    let list = String::from_utf8_lossy(&list).to_string();
    assert_eq!(status, 200);
    for shown in
        ["Một", "Bản nháp chưa đăng", "Bản nháp", "Đã đăng", "Bài mới", "href=\"/__loa/edit/tin/mot.md\""]
    {
        assert!(list.contains(shown), "{shown} missing from the list: {list}");
    }
    // Filters without a script: words of the title without tone marks, or a status.
    let (_, found) = get(&server, "/__loa/edit/?q=ban+nhap&trang-thai=");
    let found = String::from_utf8_lossy(&found).to_string();
    assert!(
        found.contains("Bản nháp chưa đăng") && !found.contains("href=\"/__loa/edit/tin/mot.md\""),
        "{found}"
    );
    let (_, published) = get(&server, "/__loa/edit/?trang-thai=%C4%90%C3%A3+%C4%91%C4%83ng");
    let published = String::from_utf8_lossy(&published).to_string();
    assert!(
        published.contains("href=\"/__loa/edit/tin/mot.md\"") && !published.contains("Bản nháp chưa đăng")
    );
    let (status, guide) = get(&server, "/__loa/edit/huong-dan");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&guide).contains("<h1>Hướng dẫn sửa bài</h1>"));
    // The preview links each explainer to its form.
    let (_, preview) = get(&server, "/tin/mot/");
    assert!(String::from_utf8_lossy(&preview).contains(">Sửa bài này</a>"));
    let (status, form) = get(&server, "/__loa/edit/tin/mot.md");
    let form = String::from_utf8_lossy(&form).to_string();
    assert_eq!(status, 200);
    for label in [
        "Tiêu đề",
        "Tóm tắt",
        "Ngày đăng",
        "Mục",
        "Chủ đề",
        "Kênh",
        "Cổng thông tin",
        "Báo",
        "Phát thanh",
        "Đơn vị",
        "Ảnh",
        "Mô tả ảnh",
        "Bản nháp",
        "Nội dung",
        "Lưu",
    ] {
        assert!(
            form.contains(&format!(">{label}<")) || form.contains(&format!("> {label}<")),
            "{label} missing: {form}"
        );
    }
    let token = hidden(&form, "token");
    let base = hidden(&form, "base");
    let good: Vec<(&str, &str)> = vec![
        ("token", &token),
        ("base", &base),
        ("title", "Một"),
        ("summary", "Tóm tắt cũ."),
        ("date", ""),
        ("topics", "Dữ liệu"),
        ("channels", "portal"),
        ("channels", "newspaper"),
        ("channels", "broadcast"),
        ("body", "Bản sửa."),
    ];
    // Refused: no token, another origin, a foreign Host. Nothing written.
    let no_token: Vec<(&str, &str)> = good.iter().filter(|(k, _)| *k != "token").copied().collect();
    assert_eq!(post(&server, "/__loa/edit/tin/mot.md", &no_token, &origin, "localhost").0, 403);
    assert_eq!(post(&server, "/__loa/edit/tin/mot.md", &good, "http://evil.example", "localhost").0, 403);
    assert_eq!(post(&server, "/__loa/edit/tin/mot.md", &good, &origin, "evil.example").0, 403);
    assert_eq!(site.read("content/tin/mot.md"), original, "refused writes leave the file");
    // The editor's own save: the body and nothing else changed, comments and order kept.
    let host = server.address.clone();
    let (status, location, _) =
        post(&server, "/__loa/edit/tin/mot.md", &good, &format!("http://{host}"), &host);
    assert_eq!((status, location.as_str()), (303, "/__loa/edit/tin/mot.md?da-luu"));
    assert_eq!(site.read("content/tin/mot.md"), original.replace("Bản đầu.", "Bản sửa."));
    let history = std::fs::read_dir(site.path(".loa-history/tin/mot.md")).unwrap().count();
    assert_eq!(history, 1, "the replaced version is kept");
    // Saved again from the stale form: the page changed since, both versions shown.
    let (status, _, body) = post(&server, "/__loa/edit/tin/mot.md", &good, &format!("http://{host}"), &host);
    assert_eq!(status, 409);
    assert!(body.contains("id=\"ban-cua-ban\"") && body.contains("id=\"ban-tren-may\""), "{body}");
    assert_eq!(site.read("content/tin/mot.md"), original.replace("Bản đầu.", "Bản sửa."));
    // "Khôi phục" puts the first version back, keeping the one it replaces.
    let (_, form) = get(&server, "/__loa/edit/tin/mot.md");
    let form = String::from_utf8_lossy(&form).to_string();
    assert_eq!(form.matches(">Khôi phục</button>").count(), 1, "{form}");
    // Told in Vietnam's time, and readable before it is put back.
    let label = form.split("Bản lúc ").nth(1).unwrap().split(" <button").next().unwrap();
    assert!(label.contains(" ngày ") && label.contains('/'), "{label}");
    assert!(form.contains("<summary>Xem bản này</summary><pre>"), "{form}");
    assert!(form.contains("Bản đầu."), "the kept version's text is shown: {form}");
    let stamp = hidden(&form, "restore");
    let restore = [("token", token.as_str()), ("base", &hidden(&form, "base")), ("restore", &stamp)];
    let (status, location, _) =
        post(&server, "/__loa/edit/tin/mot.md", &restore, &format!("http://{host}"), &host);
    assert_eq!((status, location.as_str()), (303, "/__loa/edit/tin/mot.md?da-khoi-phuc"));
    assert_eq!(site.read("content/tin/mot.md"), original);
    assert_eq!(std::fs::read_dir(site.path(".loa-history/tin/mot.md")).unwrap().count(), 2);
    // A new page: named from its title, never over another file.
    let new = [
        ("token", token.as_str()),
        ("title", "Một"),
        ("section", "tin"),
        ("channels", "portal"),
        ("body", "Bài mới."),
    ];
    let (status, location, _) = post(&server, "/__loa/edit/new", &new, &format!("http://{host}"), &host);
    assert_eq!((status, location.as_str()), (303, "/__loa/edit/tin/mot-2.md?da-luu"));
    let created = site.read("content/tin/mot-2.md");
    assert_eq!(created, "---\ntitle: \"Một\"\nchannels: [portal]\n---\n\nBài mới.\n");
}

/// "Đăng lên cổng" in the editor: the checks, a confirmation, then the build and the
/// deploy to site.yaml's first target; a site with errors is not published; a site
/// without a target has the button disabled and says why.
#[test]
fn the_editor_publishes_after_the_checks_and_a_confirmation() {
    let target = tempfile::tempdir().unwrap();
    let site = TestSite::new(&[("content/tin/mot.md", &page("Một", "summary: Tóm tắt.\n", "Bài một."))]);
    site.write(
        "site.yaml",
        &format!(
            "{}deploy:\n  - {{ name: thu, kind: dir, path: {} }}\n",
            common::SITE_YAML,
            target.path().display()
        ),
    );
    let server = start(&site);
    let host = server.address.clone();
    let origin = format!("http://{host}");
    let (_, list) = get(&server, "/__loa/edit/");
    let list = String::from_utf8_lossy(&list).to_string();
    assert!(list.contains("<button type=\"submit\">Đăng lên cổng</button>"), "{list}");
    let token = hidden(&list, "token");
    let (status, _, body) = post(&server, "/__loa/edit/dang", &[("token", &token)], &origin, &host);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Xác nhận đăng") && !target.path().join("current").exists(), "{body}");
    let (status, _, body) =
        post(&server, "/__loa/edit/dang", &[("token", &token), ("confirm", "1")], &origin, &host);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<h1>Đã đăng</h1>"), "{body}");
    assert!(target.path().join("current/tin/mot/index.html").is_file());
    // With an error in a published page: told, nothing sent.
    let releases = || std::fs::read_dir(target.path().join("releases")).unwrap().count();
    let before = releases();
    site.write("content/tin/hai.md", &page("Hai", "summary: x\n", "[thiếu](khong-co.md)"));
    let (status, _, body) =
        post(&server, "/__loa/edit/dang", &[("token", &token), ("confirm", "1")], &origin, &host);
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("Chưa đăng được") && body.contains("khong-co.md"), "{body}");
    assert_eq!(releases(), before);
    // Without a target: the button is there, disabled, and says why.
    let bare = TestSite::new(&[("content/a.md", &page("A", "summary: x\n", "x"))]);
    let server = start(&bare);
    let (_, list) = get(&server, "/__loa/edit/");
    let list = String::from_utf8_lossy(&list).to_string();
    assert!(list.contains("disabled aria-describedby=\"chua-co-noi-dang\">Đăng lên cổng</button>"), "{list}");
    assert!(list.contains("Chưa khai báo nơi đăng"));
}

/// The form of the page «Một» (summary «Tóm tắt.», every channel) as the editor sends
/// it, with `extra` fields.
fn saved_form<'a>(token: &'a str, base: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("token", token),
        ("base", base),
        ("title", "Một"),
        ("summary", "Tóm tắt."),
        ("channels", "portal"),
        ("channels", "newspaper"),
        ("channels", "broadcast"),
    ];
    fields.extend_from_slice(extra);
    fields
}

/// A request with any body and headers: (status, head, body).
fn send(server: &Server, head: &str, body: &[u8]) -> (u16, String, String) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    let origin = format!("http://{}", server.address);
    write!(
        stream,
        "{head}\r\nHost: {}\r\nOrigin: {origin}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        server.address,
        body.len()
    )
    .unwrap();
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (head.split_whitespace().nth(1).unwrap().parse().unwrap(), head.to_string(), body.to_string())
}

/// A `multipart/form-data` POST as a browser sends it: fields, then files (field, file
/// name, bytes).
fn post_multipart(
    server: &Server,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> (u16, String, String) {
    let boundary = "----loaBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        write!(body, "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
            .unwrap();
    }
    for (name, file, bytes) in files {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .unwrap();
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{boundary}--\r\n").unwrap();
    let head = format!("POST {path} HTTP/1.1\r\nContent-Type: multipart/form-data; boundary={boundary}");
    send(server, &head, &body)
}

/// Pictures and Word documents sent to the editor are checked by their content and
/// written beside the page, never over another file; pasted HTML comes back as
/// Markdown; the live preview renders the unsaved text and places its problems.
#[test]
fn the_editor_takes_pictures_word_documents_and_pasted_html() {
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/mot.md", "---\ntitle: \"Một\"\nsummary: Tóm tắt.\n---\n\nBản đầu.\n"),
    ]);
    let server = start(&site);
    let (_, form) = get(&server, "/__loa/edit/tin/mot.md");
    let form = String::from_utf8_lossy(&form).to_string();
    let token = hidden(&form, "token");
    // The live preview's frame runs no script.
    assert!(form
        .contains("<iframe id=\"khung-xem-truoc\" title=\"Xem trước bài\" sandbox=\"allow-same-origin\">"));
    let png = common::png(30, 20);
    // The toolbar's picture: beside the page, under a name from its own.
    let picture = |name: &str, bytes: &[u8]| {
        post_multipart(
            &server,
            "/__loa/edit/anh",
            &[("token", &token), ("page", "tin/mot.md")],
            &[("file", name, bytes)],
        )
    };
    let (status, _, name) = picture("Ruộng lúa.PNG", &png);
    assert_eq!((status, name.as_str()), (200, "ruong-lua.png"));
    assert_eq!(std::fs::read(site.path("content/tin/ruong-lua.png")).unwrap(), png);
    assert_eq!(picture("Ruộng lúa.png", &png).2, "ruong-lua-2.png");
    // A file named like a picture that is not one: refused, nothing written.
    let (status, _, said) = picture("anh.jpg", b"<script>alert(1)</script>");
    assert_eq!(status, 422, "{said}");
    assert!(said.contains("không phải ảnh"), "{said}");
    assert!(!site.path("content/tin/anh.jpg").exists());
    // Without the token: refused.
    let (status, ..) =
        post_multipart(&server, "/__loa/edit/anh", &[("page", "tin/mot.md")], &[("file", "b.png", &png)]);
    assert_eq!(status, 403);
    assert!(!site.path("content/tin/b.png").exists());

    // "Ảnh" in the form: the page names the picture saved beside it.
    let base = hidden(&form, "base");
    let fields =
        saved_form(&token, &base, &[("image_alt", "Ruộng bậc thang mùa lúa chín"), ("body", "Bản đầu.")]);
    let (status, head, _) =
        post_multipart(&server, "/__loa/edit/tin/mot.md", &fields, &[("image_file", "ruong.png", &png)]);
    assert_eq!(status, 303, "{head}");
    assert_eq!(
        site.read("content/tin/mot.md"),
        "---\ntitle: \"Một\"\nsummary: Tóm tắt.\nimage: \"ruong.png\"\nimage_alt: \"Ruộng bậc thang mùa lúa chín\"\n---\n\nBản đầu.\n"
    );

    // Pasted from Word: clean Markdown.
    let word = "<p class=MsoNormal><b><span style='font-family:Arial'>Lưu ý</span></b><span>: mang theo <i>căn cước</i>.<o:p></o:p></span></p>\
                <p class=MsoNormal>&nbsp;</p><p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>·&nbsp;&nbsp;<![endif]>Điện thoại</p>";
    let (status, _, markdown) = post(
        &server,
        "/__loa/edit/dan",
        &[("token", &token), ("html", word)],
        &format!("http://{}", server.address),
        &server.address,
    );
    assert_eq!((status, markdown.as_str()), (200, "**Lưu ý**: mang theo *căn cước*.\n\n- Điện thoại\n"));

    // The live preview: the unsaved text rendered, its problems in their fields.
    let preview_fields = [
        ("token", token.as_str()),
        ("page", "tin/mot.md"),
        ("title", "Một tiêu đề dài hơn bảy mươi ký tự để thẻ chia sẻ trên mạng xã hội phải cắt bớt đi"),
        ("channels", "portal"),
        ("body", "Chữ **mới** chưa lưu.\n\n[Hỏng](khong-co.md)"),
    ];
    let (status, _, json) = post_multipart(&server, "/__loa/edit/xem-thu", &preview_fields, &[]);
    assert_eq!(status, 200, "{json}");
    let answer: serde_json::Value = serde_json::from_str(&json).unwrap();
    let problems = answer["problems"].as_array().unwrap();
    let at = |field: &str| problems.iter().filter(|p| p["field"] == field).collect::<Vec<_>>();
    assert_eq!(at("body").len(), 1, "{json}");
    assert_eq!((at("body")[0]["line"].as_u64(), at("body")[0]["error"].as_bool()), (Some(3), Some(true)));
    assert!(answer["page"].is_null(), "a page with an error is not shown: {json}");
    let fixed = [
        preview_fields[0],
        preview_fields[1],
        preview_fields[2],
        preview_fields[3],
        ("body", "Chữ **mới** chưa lưu."),
    ];
    let (_, _, json) = post_multipart(&server, "/__loa/edit/xem-thu", &fixed, &[]);
    let answer: serde_json::Value = serde_json::from_str(&json).unwrap();
    let page = answer["page"].as_str().expect("the page");
    assert!(page.contains("<strong>mới</strong>") && page.contains("<base href=\"/tin/mot/\">"), "{page}");
    let problems = answer["problems"].as_array().unwrap();
    assert!(problems.iter().any(|p| p["field"] == "title" && p["error"] == false), "{json}");
    assert!(problems.iter().any(|p| p["field"] == "summary"), "{json}");
    // Nothing was saved by the preview.
    assert!(site.read("content/tin/mot.md").contains("Bản đầu."));

    // A Word document made by python-docx, imported from the list.
    let made = Command::new("python3")
        .args(["-c", "import docx,sys; d=docx.Document(); d.add_heading('Lịch tiếp dân', 1); d.add_paragraph('Sáng thứ Hai hằng tuần.'); d.save(sys.argv[1])"])
        .arg(site.path("lich.docx"))
        .output();
    if !made.is_ok_and(|o| o.status.success()) {
        assert!(!common::on_ci(), "CI=true but python-docx is missing");
        eprintln!("\n########## SKIPPED: the Word upload: python-docx not found (pip install python-docx) ##########\n");
        return;
    }
    let docx = std::fs::read(site.path("lich.docx")).unwrap();
    let (status, _, page) = post_multipart(
        &server,
        "/__loa/edit/nhap-word",
        &[("token", &token), ("section", "tin")],
        &[("file", "lich.docx", &docx)],
    );
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("href=\"/__loa/edit/tin/lich-tiep-dan.md\"") && page.contains("Đã chuyển hết nội dung"),
        "{page}"
    );
    assert!(site
        .read("content/tin/lich-tiep-dan.md")
        .ends_with("draft: true\n---\n\nSáng thứ Hai hằng tuần.\n"));
    let (status, _, page) = post_multipart(
        &server,
        "/__loa/edit/nhap-word",
        &[("token", &token), ("section", "tin")],
        &[("file", "x.docx", b"not a zip")],
    );
    assert_eq!(status, 422);
    assert!(page.contains("lưu lại dưới dạng Word (.docx)"), "{page}");
}

/// In a git repository every save is a commit signed with the editor's name, and
/// "Khôi phục" puts back the version of an earlier commit.
#[test]
fn the_editor_keeps_saves_as_git_commits_signed_by_the_editor() {
    let original = "---\ntitle: \"Một\"\nsummary: Tóm tắt.\n---\n\nBản đầu.\n";
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/mot.md", original),
    ]);
    let git = |args: &[&str]| {
        let out = Command::new("git").arg("-C").arg(site.root()).args(args).output().expect("git");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    git(&["init", "--quiet"]);
    git(&["add", "."]);
    git(&[
        "-c",
        "user.name=Quản trị",
        "-c",
        "user.email=qt@example.gov.vn",
        "commit",
        "--quiet",
        "-m",
        "đầu",
    ]);
    // Edited in a text editor and never committed: kept before the browser's save.
    site.write("content/tin/mot.md", &original.replace("Bản đầu.", "Bản sửa tay."));
    // The site's folder given relative to where loa runs, as editors type it.
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    let name = site.root().file_name().unwrap().to_str().unwrap().to_string();
    command.current_dir(site.root().parent().unwrap()).args(["serve", "--port", "0", "--root", &name]);
    let server = spawn(command);
    let origin = format!("http://{}", server.address);
    let (_, form) = get(&server, "/__loa/edit/tin/mot.md");
    let form = String::from_utf8_lossy(&form).to_string();
    let (token, base) = (hidden(&form, "token"), hidden(&form, "base"));
    let save = saved_form(&token, &base, &[("who", "Nguyễn Thị Lan"), ("body", "Bản trong trình duyệt.")]);
    assert_eq!(post(&server, "/__loa/edit/tin/mot.md", &save, &origin, &server.address).0, 303);
    let log = git(&["log", "--format=%an|%cn|%s", "--", "content/tin/mot.md"]);
    assert_eq!(
        log,
        "Nguyễn Thị Lan|loa|Sửa bài: Một\nloa|loa|Bản trên máy trước khi sửa trong trình duyệt\nQuản trị|Quản trị|đầu\n"
    );
    assert_eq!(git(&["status", "--porcelain"]), "", "nothing left uncommitted");
    // The form lists the earlier versions with their authors; restoring the first.
    let (_, form) = get(&server, "/__loa/edit/tin/mot.md");
    let form = String::from_utf8_lossy(&form).to_string();
    assert!(
        form.contains("(Quản trị)") && form.contains("(loa)") && !form.contains("(Nguyễn Thị Lan)"),
        "{form}"
    );
    let first = git(&["rev-list", "--max-parents=0", "HEAD"]).trim().to_string();
    assert!(form.contains(&format!("name=\"restore\" value=\"{first}\"")), "{form}");
    let restore = [
        ("token", token.as_str()),
        ("base", &hidden(&form, "base")),
        ("restore", &first),
        ("who", "Nguyễn Thị Lan"),
    ];
    let (status, location, _) = post(&server, "/__loa/edit/tin/mot.md", &restore, &origin, &server.address);
    assert_eq!((status, location.as_str()), (303, "/__loa/edit/tin/mot.md?da-khoi-phuc"));
    assert_eq!(site.read("content/tin/mot.md"), original);
    assert!(git(&["log", "-1", "--format=%an %s"]).starts_with("Nguyễn Thị Lan Khôi phục"));
    assert!(!site.path(".loa-history").exists(), "git keeps the history, not a folder");
}

/// Open to the network, the editor is off without a password; with one it asks for it,
/// holds a session in an HttpOnly, SameSite=Strict cookie, and makes an address that
/// got it wrong five times wait.
#[test]
fn the_editor_open_to_the_network_asks_for_a_password() {
    let site = TestSite::new(&[("content/tin/mot.md", &page("Một", "", "Bài."))]);
    let server = start_with(&site, &["--allow-remote"]);
    assert_eq!(get(&server, "/__loa/edit/").0, 403);
    let (_, preview) = get(&server, "/tin/mot/");
    assert!(!String::from_utf8_lossy(&preview).contains("Sửa bài này"));
    drop(server);

    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command
        .args(["serve", "--port", "0", "--allow-remote", "--root", site.root().to_str().unwrap()])
        .env("LOA_EDIT_PASSWORD", "lúa chín 2026");
    let server = spawn(command);
    let (status, head, _) = send(&server, "GET /__loa/edit/ HTTP/1.1", b"");
    assert_eq!(status, 303);
    assert!(head.contains("Location: /__loa/edit/dang-nhap"), "{head}");
    let (status, login) = get(&server, "/__loa/edit/dang-nhap");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&login).contains("type=\"password\""));
    let log_in = |password: &str| {
        let body = format!("password={}", password.replace(' ', "+"));
        send(
            &server,
            "POST /__loa/edit/dang-nhap HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
            body.as_bytes(),
        )
    };
    let (status, head, _) = log_in("l%C3%BAa ch%C3%ADn 2026");
    assert_eq!(status, 303, "{head}");
    let cookie =
        head.lines().find_map(|l| l.strip_prefix("Set-Cookie: ")).expect("a session cookie").to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let session = cookie.split(';').next().unwrap().to_string();
    let (status, _, list) = send(&server, &format!("GET /__loa/edit/ HTTP/1.1\r\nCookie: {session}"), b"");
    assert_eq!(status, 200);
    assert!(list.contains("Bài mới"));
    // Writes without the session are refused.
    let (status, ..) = send(
        &server,
        "POST /__loa/edit/dan HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
        b"html=x",
    );
    assert_eq!(status, 403);
    for _ in 0..5 {
        assert_eq!(log_in("sai").0, 403);
    }
    let (status, _, said) = log_in("l%C3%BAa ch%C3%ADn 2026");
    assert_eq!(status, 429);
    assert!(said.contains("thử lại sau 15 phút"), "{said}");
    // The session opened before still works.
    assert_eq!(send(&server, &format!("GET /__loa/edit/ HTTP/1.1\r\nCookie: {session}"), b"").0, 200);
}
