//! The README's nginx snippet, exactly as written there, in Debian's nginx on a loopback
//! port serving the example site under `/chuyen-doi-so/`: types with their charset,
//! cache headers, CORS where the README promises it, `nosniff` everywhere, the site's
//! own 404 page, gzip, and the output marker kept from readers.
//!
//! Skips, saying so loudly, where nginx is missing; fails then on CI.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

struct Nginx {
    child: Child,
    port: u16,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn nginx() -> Option<PathBuf> {
    let found = ["/usr/sbin/nginx", "/usr/bin/nginx"].map(PathBuf::from).into_iter().find(|p| p.is_file());
    if found.is_none() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true but nginx is missing: .ci/run must install Debian's nginx-light");
        }
        eprintln!(
            "\n########## SKIPPED: nginx test, nginx not found (apt-get install nginx-light) ##########\n"
        );
    }
    found
}

/// The ```nginx block of the README, as written.
fn readme_snippet() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("```nginx\n").expect("an nginx block in the README") + "```nginx\n".len();
    readme[start..start + readme[start..].find("```").unwrap()].to_string()
}

fn start(dir: &Path, binary: &Path) -> Nginx {
    let www = dir.join("www");
    let run = common::loa(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output",
        www.join("chuyen-doi-so").to_str().unwrap(),
    ]);
    run.assert_ok();
    serve(dir, binary)
}

/// nginx with the README's snippet, serving `dir/www`.
fn serve(dir: &Path, binary: &Path) -> Nginx {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    for temp in ["body", "proxy", "fastcgi", "uwsgi", "scgi"] {
        std::fs::create_dir_all(dir.join("temp").join(temp)).unwrap();
    }
    let d = dir.display();
    let temps: String = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
        .iter()
        .zip(["body", "proxy", "fastcgi", "uwsgi", "scgi"])
        .map(|(directive, sub)| format!("    {directive}_temp_path {d}/temp/{sub};\n"))
        .collect();
    // As root the workers would drop to an account that cannot read a private folder.
    let user = if is_root() { "user root;\n" } else { "" };
    let conf = format!(
        "{user}worker_processes 1;\ndaemon off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\n\
         http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n\
         access_log {d}/access.log;\n{temps}    server {{\n        listen 127.0.0.1:{port};\n\
         server_name localhost;\n        root {d}/www;\n{}\n    }}\n}}\n",
        readme_snippet()
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    let child = Command::new(binary)
        .args(["-p", &dir.display().to_string(), "-e", &format!("{d}/error.log"), "-c"])
        .arg(dir.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nginx");
    let mut server = Nginx { child, port };
    // Ready when it accepts a connection (or gone, with its error).
    loop {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return server;
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            let log = std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
            panic!("nginx stopped ({status}): {log}");
        }
        std::thread::yield_now();
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Status, headers (lower-case names) and body of a GET, as a browser on a partner's
/// page asks for it.
fn get(server: &Nginx, path: &str) -> (u16, HashMap<String, String>, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nOrigin: https://baolangson.example.vn\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut headers: HashMap<String, String> = HashMap::new();
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            let entry = headers.entry(name.trim().to_ascii_lowercase()).or_default();
            if !entry.is_empty() {
                entry.push_str(", ");
            }
            entry.push_str(value.trim());
        }
    }
    let mut body = response[split + 4..].to_vec();
    if headers.get("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body);
    }
    (status, headers, body)
}

/// The body of a `Transfer-Encoding: chunked` response.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&raw[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 2 + size + 2..];
    }
    out
}

/// The one file in `dir` named `<stem>.<8 hex>.<ext>`.
fn hashed(dir: &Path, stem: &str, ext: &str) -> String {
    common::fingerprinted(dir, stem, ext).file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn the_readme_nginx_snippet_serves_what_the_readme_promises() {
    let Some(binary) = nginx() else { return };
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &binary);
    let site = dir.path().join("www/chuyen-doi-so");
    let page = "/chuyen-doi-so/hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/";
    let css = format!("/chuyen-doi-so/{}", hashed(&site, "style", "css"));
    let js = format!("/chuyen-doi-so/{}", hashed(&site, "loa", "js"));
    let mut problems = Vec::new();
    let mut expect = |path: &str, header: &str, wanted: &str| {
        let (status, headers, _) = get(&server, path);
        let got = headers.get(header).cloned().unwrap_or_default();
        if status != 200 || !got.contains(wanted) {
            problems.push(format!("{path}: {status}, {header}: {got:?}, wanted {wanted:?}"));
        }
    };
    let types = [
        ("/chuyen-doi-so/", "text/html; charset=utf-8"),
        (css.as_str(), "text/css; charset=utf-8"),
        (js.as_str(), "application/javascript; charset=utf-8"),
        ("/chuyen-doi-so/embed.js", "application/javascript; charset=utf-8"),
        ("/chuyen-doi-so/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/chuyen-doi-so/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/chuyen-doi-so/feed.json", "application/feed+json; charset=utf-8"),
        ("/chuyen-doi-so/hieu-dung/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/chuyen-doi-so/sitemap.xml", "text/xml; charset=utf-8"),
        ("/chuyen-doi-so/search/meta.json", "application/json; charset=utf-8"),
        ("/chuyen-doi-so/favicon.svg", "image/svg+xml; charset=utf-8"),
    ];
    let page_files = [
        (format!("{page}oembed.json"), "application/json; charset=utf-8"),
        (format!("{page}broadcast.vtt"), "text/vtt; charset=utf-8"),
        (format!("{page}broadcast.txt"), "text/plain; charset=utf-8"),
        (format!("{page}embed/"), "text/html; charset=utf-8"),
    ];
    let all: Vec<(String, &str)> =
        types.iter().map(|(p, t)| (p.to_string(), *t)).chain(page_files.iter().cloned()).collect();
    for (path, content_type) in &all {
        expect(path, "content-type", content_type);
        expect(path, "x-content-type-options", "nosniff");
    }
    for path in [css.as_str(), js.as_str()] {
        expect(path, "cache-control", "max-age=31536000, immutable");
    }
    expect("/chuyen-doi-so/embed.js", "cache-control", "max-age=3600");
    let shared = [
        "/chuyen-doi-so/rss.xml".to_string(),
        "/chuyen-doi-so/atom.xml".into(),
        "/chuyen-doi-so/feed.json".into(),
        "/chuyen-doi-so/search/meta.json".into(),
        format!("{page}oembed.json"),
        format!("{page}broadcast.vtt"),
    ];
    for path in &shared {
        expect(path, "access-control-allow-origin", "*");
    }
    expect("/chuyen-doi-so/", "content-security-policy", "frame-ancestors 'self'");
    expect(&format!("{page}embed/"), "content-security-policy", "https://baolangson.example.vn");
    expect("/chuyen-doi-so/", "content-encoding", "gzip");
    expect("/chuyen-doi-so/feed.json", "content-encoding", "gzip");
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The site's own 404 page, with its status; the marker is not served.
    let (status, headers, body) = get(&server, "/chuyen-doi-so/khong-co-trang-nay/");
    assert_eq!(status, 404);
    assert!(headers["content-type"].contains("text/html"), "{headers:?}");
    let page_404 = std::fs::read(site.join("404.html")).unwrap();
    let plain =
        if headers.get("content-encoding").is_some_and(|e| e == "gzip") { gunzip(&body) } else { body };
    assert_eq!(plain, page_404, "the site's 404 page");
    assert!(headers.get("x-content-type-options").is_some_and(|v| v.contains("nosniff")));
    assert_eq!(get(&server, "/chuyen-doi-so/.loa-output").0, 404);
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

/// The README's publishing layout: the example site deployed to a `dir` target, its
/// `current` link reached as `/chuyen-doi-so` (`ln -s /srv/cds/current …`), served with
/// the snippet. A deploy and a rollback change what readers get at once.
#[test]
fn a_deployed_release_is_served_through_current_and_switches_at_once() {
    let Some(binary) = nginx() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "themes"] {
        for entry in walkdir::WalkDir::new(example.join(part)).into_iter().flatten() {
            let to = site.join(entry.path().strip_prefix(example).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
    let target = dir.path().join("srv/cds");
    let yaml = std::fs::read_to_string(example.join("site.yaml")).unwrap();
    let deploy = format!("deploy:\n  - name: cong\n    kind: dir\n    path: {}\n", target.display());
    std::fs::write(site.join("site.yaml"), format!("{yaml}\n{deploy}")).unwrap();
    let root = site.to_str().unwrap();
    common::loa(&["deploy", "--root", root]).assert_ok();
    std::fs::create_dir_all(dir.path().join("www")).unwrap();
    std::os::unix::fs::symlink(target.join("current"), dir.path().join("www/chuyen-doi-so")).unwrap();
    let server = serve(dir.path(), &binary);

    let page = "/chuyen-doi-so/hieu-dung/ung-dung-cntt-khac-chuyen-doi-so/";
    let read = |path: &str| {
        let (status, headers, body) = get(&server, path);
        assert_eq!(status, 200, "{path}");
        let plain =
            if headers.get("content-encoding").is_some_and(|e| e == "gzip") { gunzip(&body) } else { body };
        String::from_utf8(plain).unwrap()
    };
    let sentence = "Câu này được thêm để thử đăng bản mới.";
    assert!(!read(page).contains(sentence));
    let source = site.join("content/hieu-dung/ung-dung-cntt-khac-chuyen-doi-so.md");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, format!("{text}\n{sentence}\n")).unwrap();
    common::loa(&["deploy", "--root", root]).assert_ok();
    assert!(read(page).contains(sentence), "the new release is served at once");
    common::loa(&["deploy", "--root", root, "--rollback"]).assert_ok();
    assert!(!read(page).contains(sentence), "the rollback is served at once");
    assert_eq!(get(&server, "/chuyen-doi-so/.loa-output").0, 404);
}
