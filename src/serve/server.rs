//! A small HTTP/1.1 server for the preview: GET and HEAD of files held in memory, and a
//! server-sent-events stream for live reload. Loopback by default; one thread a
//! connection, which is plenty for an editor's browser tabs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::{Listeners, State, LIVE_JS};
use crate::outputs::Body;

/// Connections served at once; more wait to be accepted.
const MAX_CONNECTIONS: usize = 256;

pub fn serve(listener: TcpListener, state: Arc<RwLock<State>>, listeners: Listeners, allow_remote: bool) {
    let open = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file handles or similar: wait a little instead of spinning.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if open.load(std::sync::atomic::Ordering::Relaxed) >= MAX_CONNECTIONS {
            drop(stream);
            continue;
        }
        let (state, listeners, open) = (state.clone(), listeners.clone(), open.clone());
        open.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let spawned = std::thread::Builder::new().spawn(move || {
            let _ = answer(stream, &state, &listeners, allow_remote);
            open.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        });
        if spawned.is_err() {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Is the `Host` header one of this machine's names? Refusing others stops a web page
/// from reading the preview (drafts included) through DNS rebinding. Only a loopback
/// address (`127.0.0.1`, `127.1.2.3`, `::1`, with or without a port) or `localhost` in
/// any case passes: a name that merely starts like one (`127.evil.example`) does not.
fn local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((inside, after)) if after.is_empty() || after.starts_with(':') => inside,
            _ => return false,
        },
        None => host
            .rsplit_once(':')
            .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
            .map_or(host, |(n, _)| n),
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The value of a `Host:` header line.
fn host_header(line: &[u8]) -> Option<String> {
    let line = String::from_utf8_lossy(line);
    let (name, value) = line.split_once(':')?;
    name.trim().eq_ignore_ascii_case("host").then(|| value.trim().to_string())
}

/// The method and the decoded path of a request, or the status that refuses it: a
/// foreign `Host` (403), a malformed line or a climbing path (400), a method other than
/// GET, HEAD and POST (405; POST is then taken only by the editor).
fn check_request(
    line: &[u8],
    host: Option<&str>,
    allow_remote: bool,
) -> Result<(String, String), &'static str> {
    if !allow_remote && host.is_some_and(|h| !local_host(h)) {
        return Err("403 Forbidden");
    }
    let request = String::from_utf8_lossy(line);
    let mut parts = request.split_whitespace();
    let (method, target, version) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if !target.starts_with('/') || !version.starts_with("HTTP/1.") {
        return Err("400 Bad Request");
    }
    if !matches!(method, "GET" | "HEAD" | "POST") {
        return Err("405 Method Not Allowed");
    }
    let path = crate::text::percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    // Files are looked up in memory, never on disk, but a climbing path is refused outright.
    if path.split(['/', '\\']).any(|part| part == "..") || path.contains('\0') {
        return Err("400 Bad Request");
    }
    Ok((method.to_string(), path))
}

/// The request parsing of [`answer`] on arbitrary bytes: the request line, then header
/// lines (for `loa::fuzz_targets`). Whatever it reads, a path it lets through never climbs.
pub(crate) fn fuzz_request(data: &[u8]) {
    let mut lines = data.split_inclusive(|&b| b == b'\n');
    let Some(line) = lines.next() else { return };
    let host = lines.take_while(|l| l.len() > 2).filter_map(host_header).last();
    for allow_remote in [false, true] {
        if let Ok((method, path)) = check_request(line, host.as_deref(), allow_remote) {
            assert!(matches!(method.as_str(), "GET" | "HEAD" | "POST"));
            assert!(!path.split(['/', '\\']).any(|p| p == "..") && !path.contains('\0'));
            assert!(allow_remote || host.as_deref().is_none_or(local_host));
        }
    }
}

/// The longest request line and header block read; browsers stay far below.
const MAX_REQUEST_LINE: u64 = 8 * 1024;
const MAX_HEADERS: u64 = 64 * 1024;

fn answer(
    mut stream: TcpStream,
    state: &Arc<RwLock<State>>,
    listeners: &Listeners,
    allow_remote: bool,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = Vec::new();
    (&mut reader).take(MAX_REQUEST_LINE).read_until(b'\n', &mut request)?;
    if !request.ends_with(b"\n") {
        return respond(&mut stream, "414 URI Too Long", "text/plain", b"", false);
    }
    let mut headers = (&mut reader).take(MAX_HEADERS);
    let mut header = Vec::new();
    let mut host = None;
    let (mut origin, mut length, mut content_type, mut cookie) = (None, 0usize, String::new(), String::new());
    loop {
        header.clear();
        if headers.read_until(b'\n', &mut header)? <= 2 {
            break;
        }
        if let Some(value) = host_header(&header) {
            host = Some(value);
        }
        let line = String::from_utf8_lossy(&header);
        if let Some((name, value)) = line.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "origin" => origin = Some(value.trim().to_string()),
                "content-length" => length = value.trim().parse().unwrap_or(usize::MAX),
                "content-type" => content_type = value.trim().to_string(),
                "cookie" => cookie = value.trim().to_string(),
                _ => {}
            }
        }
    }
    let (method, path) = match check_request(&request, host.as_deref(), allow_remote) {
        Ok(request) => request,
        Err(status) => {
            drain(&mut reader, length);
            return respond(&mut stream, status, "text/plain", b"", false);
        }
    };
    let method = method.as_str();
    let (base, lang, errors) = match state.read() {
        Ok(s) => (s.base_path.clone(), s.lang, s.errors.clone()),
        Err(_) => return Ok(()),
    };
    let Some(rel) = path
        .strip_prefix(&base)
        .map(str::to_string)
        .or_else(|| (path.clone() + "/" == base).then(String::new))
    else {
        // Outside the sub-path: the server's root leads to the site, anything else
        // points there.
        if path == "/" && method != "POST" {
            return see_other(&mut stream, &base, None);
        }
        let body = format!(
            "<!doctype html><html lang=\"vi\"><meta charset=utf-8><title>Không có trang này</title>\
             <p>Không có trang này. Trang xem thử nằm ở <a href=\"{base}\">{base}</a>.</p></html>"
        );
        return respond(
            &mut stream,
            "404 Not Found",
            "text/html; charset=utf-8",
            body.as_bytes(),
            method == "HEAD",
        );
    };
    if rel == "__loa/edit" || rel.starts_with("__loa/edit/") {
        let rest = rel.strip_prefix("__loa/edit").unwrap_or("").trim_start_matches('/');
        let rest = rest.split('?').next().unwrap_or("");
        // The list's filters come in the query, which `check_request` leaves out.
        let target = String::from_utf8_lossy(&request).split_whitespace().nth(1).unwrap_or("").to_string();
        let query = target.split_once('?').map(|(_, q)| q.split('#').next().unwrap_or("").to_string());
        let from = stream.peer_addr().map(|a| a.ip()).unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
        return edit(
            &mut stream,
            &mut reader,
            state,
            Request {
                method,
                rest,
                query: query.as_deref().unwrap_or(""),
                base: &base,
                host: host.as_deref(),
                origin: origin.as_deref(),
                length,
                content_type: &content_type,
                cookie: &cookie,
                from,
            },
        );
    }
    if method == "POST" {
        drain(&mut reader, length);
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"", false);
    }
    if rel == "__loa/events" {
        return events(stream, listeners);
    }
    if rel == "__loa/live.js" {
        return respond(
            &mut stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes(),
            method == "HEAD",
        );
    }
    let body = {
        let Ok(s) = state.read() else { return Ok(()) };
        let candidates = [rel.clone(), format!("{rel}index.html"), format!("{rel}/index.html")];
        let found = candidates.iter().find_map(|c| s.files.get(c.as_str()).map(|b| (c.clone(), b.clone())));
        match found {
            Some(hit) => Some(hit),
            None => s.files.get("404.html").map(|b| ("404.html".to_string(), b.clone())),
        }
    };
    let Some((file, body)) = body else {
        return respond(&mut stream, "404 Not Found", "text/plain", b"", method == "HEAD");
    };
    let status = if file == "404.html" && rel != "404.html" { "404 Not Found" } else { "200 OK" };
    let mut bytes = match body {
        Body::Bytes(b) => b.to_vec(),
        // A file swapped for a link since the build could point anywhere: not served.
        Body::Copy(p) => match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_file() => std::fs::read(p).unwrap_or_default(),
            _ => return respond(&mut stream, "404 Not Found", "text/plain", b"", method == "HEAD"),
        },
        // Only `loa build` leaves files unchanged (the preview has no build cache).
        Body::Unchanged => return respond(&mut stream, "404 Not Found", "text/plain", b"", method == "HEAD"),
    };
    if file.ends_with(".html") {
        let (warnings, draft) = match state.read() {
            Ok(s) => (s.warnings.clone(), s.drafts.contains(&file)),
            Err(_) => (None, false),
        };
        bytes = inject(&bytes, &base, errors.as_deref(), lang);
        if let Some(panel) = warnings.filter(|_| errors.is_none()) {
            bytes = before_body_end(&bytes, &panel);
        }
        if draft {
            bytes = after_body_start(&bytes, &super::draft_banner(lang));
        }
        let source = state.read().ok().and_then(|s| s.sources.get(&file).cloned());
        let editing = state.read().is_ok_and(|s| s.editor.is_some());
        if let Some(source) = source.filter(|_| editing) {
            bytes = after_body_start(&bytes, &super::edit_link(&base, &source));
        }
    }
    respond(&mut stream, status, crate::media_type::content_type(&file), &bytes, method == "HEAD")
}

/// Reads and drops a refused request's body (up to the editor's limit), so that closing
/// the connection does not reset it before the client reads the answer.
fn drain(reader: &mut BufReader<TcpStream>, length: usize) {
    let _ = std::io::copy(&mut reader.take(length.min(super::form::MAX_UPLOAD) as u64), &mut std::io::sink());
}

/// What the editor is asked.
struct Request<'a> {
    method: &'a str,
    /// What follows `__loa/edit/`.
    rest: &'a str,
    /// The query (`q=…&trang-thai=…`), for the list's filters.
    query: &'a str,
    base: &'a str,
    host: Option<&'a str>,
    origin: Option<&'a str>,
    length: usize,
    content_type: &'a str,
    cookie: &'a str,
    /// The address the request came from (login attempts are counted per address).
    from: std::net::IpAddr,
}

/// The editor's pages and writes. A write is refused (403, nothing written) without the
/// token of the editor's pages or from another origin; on a server open to the network
/// the editor is off, or, with a password set, asks for it first.
fn edit(
    stream: &mut TcpStream,
    reader: &mut BufReader<TcpStream>,
    state: &Arc<RwLock<State>>,
    request: Request,
) -> std::io::Result<()> {
    let Request { method, rest, query, base, host, origin, length, content_type, cookie, from } = request;
    let (editor, problems) = match state.read() {
        Ok(s) => (s.editor.clone(), s.problems.clone()),
        Err(_) => return Ok(()),
    };
    let Some(editor) = editor else {
        return respond(
            stream,
            "403 Forbidden",
            "text/plain; charset=utf-8",
            "Trình sửa bài tắt khi mở ra mạng (--allow-remote) mà chưa đặt mật khẩu trong biến môi trường LOA_EDIT_PASSWORD.".as_bytes(),
            false,
        );
    };
    // Behind a proxy that speaks HTTPS the origin is `https://` the same host.
    let same_origin = match (origin, host) {
        (Some(o), Some(h)) => o == format!("http://{h}") || o == format!("https://{h}"),
        _ => false,
    };
    if let Some(login) = &editor.login {
        if rest == "dang-nhap" {
            return log_in(stream, reader, login, LogIn { method, base, length, same_origin, from });
        }
        if !login.allows(cookie) {
            drain(reader, length);
            if method == "POST" {
                let said = "Chưa đăng nhập: mở lại trang sửa bài để đăng nhập.";
                return respond(stream, "403 Forbidden", "text/plain; charset=utf-8", said.as_bytes(), false);
            }
            return see_other(stream, &format!("{base}__loa/edit/dang-nhap"), None);
        }
    }
    let reply = match method {
        "POST" => {
            let multipart = content_type.to_ascii_lowercase().starts_with("multipart/");
            let limit = if multipart { super::form::MAX_UPLOAD } else { super::form::MAX_FORM };
            if length > limit {
                drain(reader, length);
                let said = "Tệp quá lớn: tối đa 32 MB một lần gửi (ảnh đến 20 MB).";
                return respond(
                    stream,
                    "413 Content Too Large",
                    "text/plain; charset=utf-8",
                    said.as_bytes(),
                    false,
                );
            }
            let mut body = vec![0u8; length];
            reader.read_exact(&mut body)?;
            let form = super::form::parse(content_type, &body);
            let token_ok = form.fields.get("token").is_some_and(|t| t.len() == 1 && t[0] == editor.token);
            if !same_origin || !token_ok {
                return respond(
                    stream,
                    "403 Forbidden",
                    "text/plain; charset=utf-8",
                    "Không lưu: yêu cầu không đến từ trang sửa bài này.".as_bytes(),
                    false,
                );
            }
            editor.post(rest, base, &form)
        }
        _ => editor.get(rest, query, base, &problems),
    };
    match reply {
        super::editor::Reply::Page(status, html) => {
            respond(stream, status, "text/html; charset=utf-8", html.as_bytes(), method == "HEAD")
        }
        super::editor::Reply::Data(status, kind, body) => {
            respond(stream, status, kind, body.as_bytes(), method == "HEAD")
        }
        super::editor::Reply::SeeOther(location) => see_other(stream, &location, None),
    }
}

/// A login attempt (see [`super::editor::login`]).
struct LogIn<'a> {
    method: &'a str,
    base: &'a str,
    length: usize,
    same_origin: bool,
    from: std::net::IpAddr,
}

fn log_in(
    stream: &mut TcpStream,
    reader: &mut BufReader<TcpStream>,
    login: &super::editor::login::Login,
    request: LogIn,
) -> std::io::Result<()> {
    use super::editor::login::{page, Attempt, COOKIE};
    let LogIn { method, base, length, same_origin, from } = request;
    let html = |status, said: &str| (status, page(base, said));
    let (status, body) = if method != "POST" {
        drain(reader, length);
        html("200 OK", "")
    } else if !same_origin || length > super::form::MAX_FORM {
        drain(reader, length);
        html("403 Forbidden", "Yêu cầu không đến từ trang đăng nhập này.")
    } else {
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body)?;
        let form = super::form::parse_urlencoded(&body);
        let password = form.get("password").and_then(|v| v.first()).map_or("", String::as_str);
        match login.attempt(from, password) {
            Attempt::Opened(session) => {
                // Sent back only to this server, never read by a script or sent by another site.
                let cookie = format!("{COOKIE}={session}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
                return see_other(stream, &format!("{base}__loa/edit/"), Some(&cookie));
            }
            Attempt::Wrong => html("403 Forbidden", "Sai mật khẩu."),
            Attempt::Wait(minutes) => {
                html("429 Too Many Requests", &format!("Sai mật khẩu nhiều lần: thử lại sau {minutes} phút."))
            }
        }
    };
    respond(stream, status, "text/html; charset=utf-8", body.as_bytes(), method == "HEAD")
}

fn see_other(stream: &mut TcpStream, location: &str, cookie: Option<&str>) -> std::io::Result<()> {
    let cookie = cookie.map(|c| format!("Set-Cookie: {c}\r\n")).unwrap_or_default();
    let header = format!(
        "HTTP/1.1 303 See Other\r\nLocation: {location}\r\n{cookie}Content-Length: 0\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(header.as_bytes())?;
    stream.flush()
}

/// Adds the live-reload script, and the error overlay while the build has errors.
fn inject(html: &[u8], base: &str, errors: Option<&str>, _lang: crate::messages::Lang) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = format!("<script src=\"{base}__loa/live.js\" data-base=\"{base}\"></script>");
    if let Some(overlay) = errors {
        extra.push_str(overlay);
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

fn before_body_end(html: &[u8], extra: &str) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

fn after_body_start(html: &[u8], extra: &str) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let at = html.find("<body").and_then(|i| html[i..].find('>').map(|j| i + j + 1));
    match at {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{extra}{html}").into_bytes(),
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A server-sent-events stream: one `reload` event a rebuild, a comment every 15 s to
/// keep the connection open.
fn events(mut stream: TcpStream, listeners: &Listeners) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n",
    )?;
    stream.flush()?;
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    if let Ok(mut list) = listeners.lock() {
        list.push(tx);
    }
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => stream.write_all(format!("event: reload\ndata: {event}\n\n").as_bytes())?,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => stream.write_all(b": ping\n\n")?,
            Err(_) => return Ok(()),
        }
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::local_host;

    #[test]
    fn only_loopback_addresses_and_localhost_are_local() {
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "localhost.",
            "127.0.0.1:1111",
            "127.1.2.3",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(local_host(host), "{host}");
        }
        for host in [
            "127.evil.example",
            "127.0.0.1.nip.io",
            "localhost.evil.example",
            "evil.example",
            "[::1]evil",
            "10.0.0.1",
            "",
            "127.0.0.1:80:80",
            "[2001:db8::1]:1111",
        ] {
            assert!(!local_host(host), "{host}");
        }
    }
}
