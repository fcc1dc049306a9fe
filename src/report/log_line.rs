//! One access-log line read field by field (nginx and Apache `combined` and `common`),
//! and a malformed line made fit to show: nothing here counts or keeps anything.

use memchr::memchr;

use super::period::days_from_civil;

/// The partner key of embed views whose Referer names no usable host (an address, a
/// malformed URL), and of hosts past the number kept per explainer.
pub const OTHER_HOST: &str = "*";

/// One line's fields, borrowed from it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Line<'a> {
    pub address: &'a [u8],
    /// Days since 1970 in Vietnam time.
    pub day: i64,
    pub method: &'a [u8],
    /// Without the query string; `None` when the request could not be read.
    pub path: Option<&'a [u8]>,
    pub status: u16,
    pub referer: Option<&'a [u8]>,
    pub user_agent: Option<&'a [u8]>,
}

/// `addr ident user [10/Oct/2026:13:55:36 +0700] "GET /p HTTP/1.1" 200 512 "ref" "ua"`;
/// the last two fields only in the combined format; anything after them is ignored.
pub(super) fn parse(line: &[u8]) -> Option<Line<'_>> {
    let space = memchr(b' ', line)?;
    let address = &line[..space];
    if address.is_empty() {
        return None;
    }
    let open = space + memchr(b'[', &line[space..])?;
    let time = line.get(open + 1..open + 27)?;
    if line.get(open + 27) != Some(&b']') {
        return None;
    }
    let day = vietnam_day(time)?;
    let rest = line.get(open + 28..)?.strip_prefix(b" \"")?;
    let (request, rest) = quoted(rest)?;
    // A request the server could not read (`""`, `"-"`, TLS bytes) leaves its line whole:
    // it is an unsuccessful request, not a malformed line.
    let mut parts = request.split(|&b| b == b' ');
    let method = parts.next().unwrap_or_default();
    let target = parts.next().filter(|t| !method.is_empty() && !t.is_empty());
    let rest = rest.strip_prefix(b" ")?;
    let status = rest.get(..3)?;
    if !status.iter().all(u8::is_ascii_digit) || rest.get(3).is_some_and(|&b| b != b' ') {
        return None;
    }
    let status = status.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    let rest = rest.get(4..).unwrap_or_default();
    let bytes_end = memchr(b' ', rest).unwrap_or(rest.len());
    let sent = &rest[..bytes_end];
    if sent.is_empty() || !(sent == b"-" || sent.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    let (referer, user_agent) = match rest.get(bytes_end..).and_then(|r| r.strip_prefix(b" \"")) {
        Some(r) => {
            let (referer, r) = quoted(r)?;
            let (ua, _) = quoted(r.strip_prefix(b" \"")?)?;
            (Some(referer), Some(ua))
        }
        None => (None, None),
    };
    Some(Line { address, day, method, path: target.map(path_of), status, referer, user_agent })
}

/// The text up to the closing quote (Apache escapes quotes inside as `\"`, nginx as
/// `\x22`), and what follows the quote.
pub(super) fn quoted(s: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut from = 0;
    loop {
        let at = from + memchr(b'"', &s[from..])?;
        let backslashes = s[..at].iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 0 {
            return Some((&s[..at], &s[at + 1..]));
        }
        from = at + 1;
    }
}

/// The path of a request target: an absolute URL's host dropped, the query string and
/// fragment cut off.
pub(super) fn path_of(target: &[u8]) -> &[u8] {
    let mut t = target;
    for scheme in [&b"http://"[..], b"https://"] {
        if let Some(rest) = t.strip_prefix(scheme) {
            t = memchr(b'/', rest).map_or(&b"/"[..], |i| &rest[i..]);
        }
    }
    let end = t.iter().position(|&b| b == b'?' || b == b'#').unwrap_or(t.len());
    &t[..end]
}

/// The path inside the site, when `path` is under the base path (`/chuyen-doi-so` alone
/// is the home page too).
pub(super) fn inside<'a>(base: &[u8], path: &'a [u8]) -> Option<&'a [u8]> {
    if let Some(rel) = path.strip_prefix(base) {
        return Some(rel);
    }
    (base.len() > 1 && path == &base[..base.len() - 1]).then_some(&b""[..])
}

/// `10/Oct/2026:13:55:36 +0700` → the calendar day in Vietnam (UTC+7), as days since 1970.
pub(super) fn vietnam_day(t: &[u8]) -> Option<i64> {
    let num = |s: &[u8]| -> Option<i64> {
        s.iter().try_fold(0i64, |n, &d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
    };
    if t[2] != b'/' || t[6] != b'/' || t[11] != b':' || t[14] != b':' || t[17] != b':' || t[20] != b' ' {
        return None;
    }
    let day = num(&t[0..2])?;
    let month = match &t[3..6] {
        b"Jan" => 1,
        b"Feb" => 2,
        b"Mar" => 3,
        b"Apr" => 4,
        b"May" => 5,
        b"Jun" => 6,
        b"Jul" => 7,
        b"Aug" => 8,
        b"Sep" => 9,
        b"Oct" => 10,
        b"Nov" => 11,
        b"Dec" => 12,
        _ => return None,
    };
    let year = num(&t[7..11])?;
    let (hour, minute, second) = (num(&t[12..14])?, num(&t[15..17])?, num(&t[18..20])?);
    let sign = match t[21] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let offset = sign * (num(&t[22..24])? * 60 + num(&t[24..26])?);
    let days_in_month = [
        31,
        if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if day < 1 || day > days_in_month[month as usize - 1] || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let utc_minutes = days_from_civil(year, month, day) * 1440 + hour * 60 + minute - offset;
    Some((utc_minutes + 7 * 60).div_euclid(1440))
}

/// The partner a Referer names: its host in lower case, without `www.`, port or user;
/// `""` without a Referer; [`OTHER_HOST`] for an address or something unreadable.
pub(super) fn partner_host(referer: Option<&[u8]>) -> String {
    let Some(r) = referer.filter(|r| !r.is_empty() && *r != b"-") else { return String::new() };
    let Some(scheme_end) = r.windows(3).position(|w| w == b"://") else { return OTHER_HOST.into() };
    let rest = &r[scheme_end + 3..];
    let authority =
        &rest[..rest.iter().position(|&b| b == b'/' || b == b'?' || b == b'#').unwrap_or(rest.len())];
    let host_port = authority.rsplit(|&b| b == b'@').next().unwrap_or(authority);
    let host = match host_port.iter().rposition(|&b| b == b':') {
        Some(i) if host_port[i + 1..].iter().all(u8::is_ascii_digit) => &host_port[..i],
        _ => host_port,
    };
    let host = host.to_ascii_lowercase();
    // `baolangson.vn.` (fully qualified) is `baolangson.vn`.
    let host = host.strip_suffix(b".").unwrap_or(&host);
    let host = host.strip_prefix(b"www.").unwrap_or(host);
    let is_name = !host.is_empty()
        && host.len() <= 253
        && host.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && host.iter().any(u8::is_ascii_alphabetic)
        && !host.starts_with(b".")
        && !host.starts_with(b"-");
    if !is_name {
        return OTHER_HOST.into();
    }
    String::from_utf8_lossy(host).into_owned()
}

/// [`parse`] and [`mask`] on arbitrary bytes (for `loa::fuzz_targets`): a parsed line's
/// day is a real calendar day, and a masked line holds no control character.
pub fn fuzz(data: &[u8]) {
    if let Some(line) = parse(data) {
        let _ = partner_host(line.referer);
        assert!((-1_000_000..3_000_000).contains(&line.day));
    }
    assert!(!mask(data).chars().any(char::is_control));
}

/// A malformed line fit to be shown. When its time and request can be found: `••• [time]
/// "METHOD /path" …`, the query string cut and everything else left out (address, user,
/// status, Referer, user agent). Otherwise its first 60 characters with quoted text
/// left out, query strings cut and anything that looks like an address masked. Control
/// characters (terminal escapes) never pass.
pub fn mask(line: &[u8]) -> String {
    let text: String = String::from_utf8_lossy(&line[..line.len().min(4096)])
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if let Some(shown) = request_of(&text) {
        return shown;
    }
    let mut out = String::new();
    let mut in_quote = false;
    let mut in_query = false;
    for c in text.chars().take(60) {
        match c {
            '"' if in_quote => in_quote = false,
            '"' => {
                in_quote = true;
                out.push_str("\"…\"");
            }
            _ if in_quote => {}
            '?' => {
                in_query = true;
                out.push_str("?…");
            }
            ' ' => {
                in_query = false;
                out.push(' ');
            }
            _ if in_query => {}
            c => out.push(c),
        }
    }
    if text.chars().count() > 60 {
        out.push('…');
    }
    mask_addresses(&out)
}

/// `••• [time] "METHOD /path" …` when the line holds a bracketed time followed by a quoted
/// request.
fn request_of(text: &str) -> Option<String> {
    let open = text.find('[')?;
    let close = open + text[open..].find(']')?;
    let time = &text[open + 1..close];
    if time.chars().count() > 40 {
        return None;
    }
    let after = &text[close + 1..];
    let start = after.find('"')? + 1;
    let request = after[start..].split('"').next().unwrap_or("");
    let mut parts = request.split(' ');
    let method = parts.next().unwrap_or("");
    if method.is_empty() || method.len() > 12 || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let target = parts.next().unwrap_or("");
    let target = &target[..target.find(['?', '#']).unwrap_or(target.len())];
    let cut = if request.contains(['?', '#']) { "?…" } else { "" };
    let target: String = target.chars().take(120).collect();
    Some(mask_addresses(&format!("••• [{time}] \"{method} {target}{cut}\" …")))
}

/// Every run of hex digits, dots and colons that looks like an IPv4 or IPv6 address
/// (with or without a port) replaced by `•••`.
fn mask_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if looks_like_address(run) {
            out.push_str("•••");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() || c == '.' || c == ':' {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Four dotted numbers (a port after them allowed), or hex groups of at most four digits
/// joined by colons the way IPv6 writes them (`::` somewhere, or eight groups).
fn looks_like_address(run: &str) -> bool {
    let t = run.trim_matches(|c| c == '.' || c == ':');
    let v4 = t.split(':').next().unwrap_or(t);
    let dotted = v4.split('.').count() == 4
        && v4.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let groups_ok = t.split(':').all(|g| g.len() <= 4 || g.contains('.'));
    let v6 = (run.contains("::") || t.matches(':').count() == 7) && groups_ok;
    dotted || v6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_and_common_lines_are_read_field_by_field() {
        let l = parse(br#"203.0.113.9 - - [15/Apr/2026:08:30:00 +0700] "GET /chuyen-doi-so/a/?utm=x HTTP/1.1" 200 5120 "https://www.baolangson.vn/bai" "Mozilla/5.0 \"quoted\"""#).unwrap();
        assert_eq!(l.address, b"203.0.113.9");
        assert_eq!(l.method, b"GET");
        assert_eq!(l.path, Some(&b"/chuyen-doi-so/a/"[..]));
        assert_eq!(l.status, 200);
        assert_eq!(l.referer, Some(&b"https://www.baolangson.vn/bai"[..]));
        assert_eq!(l.user_agent, Some(&br#"Mozilla/5.0 \"quoted\""#[..]));
        assert_eq!(l.day, days_from_civil(2026, 4, 15));
        let c =
            parse(br#"2001:db8::1 - bob [15/Apr/2026:08:30:00 +0700] "GET http://x.vn/p HTTP/1.0" 304 -"#)
                .unwrap();
        assert_eq!((c.path, c.status, c.referer, c.user_agent), (Some(&b"/p"[..]), 304, None, None));
        let unreadable =
            parse(br#"1.2.3.4 - - [15/Apr/2026:08:30:00 +0700] "\x16\x03\x01" 400 0 "-" "-""#).unwrap();
        assert_eq!((unreadable.path, unreadable.status), (None, 400));
        for bad in [
            &b""[..],
            b"garbage",
            b"1.2.3.4 - - [15/Apr/2026:08:30:00 +0700] \"GET /a HTTP/1.1\" 2000 1",
            b"1.2.3.4 - - [31/Apr/2026:08:30:00 +0700] \"GET /a HTTP/1.1\" 200 1",
            b"1.2.3.4 - - [15/Foo/2026:08:30:00 +0700] \"GET /a HTTP/1.1\" 200 1",
            b"1.2.3.4 - - [15/Apr/2026:08:30:00 +0700] \"GET /a HTTP/1.1",
        ] {
            assert!(parse(bad).is_none(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn times_count_on_the_vietnamese_calendar_day() {
        let day = |t: &str| vietnam_day(t.as_bytes()).unwrap();
        assert_eq!(day("14/Apr/2026:17:00:00 +0000"), days_from_civil(2026, 4, 15));
        assert_eq!(day("14/Apr/2026:16:59:59 +0000"), days_from_civil(2026, 4, 14));
        assert_eq!(day("15/Apr/2026:00:10:00 +0700"), days_from_civil(2026, 4, 15));
        assert_eq!(day("31/Dec/2025:20:00:00 -0500"), days_from_civil(2026, 1, 1));
        assert!(vietnam_day(b"29/Feb/2026:00:00:00 +0700").is_none());
        assert!(vietnam_day(b"29/Feb/2024:00:00:00 +0700").is_some());
    }

    #[test]
    fn partners_are_hosts_without_www_port_or_user() {
        let host = |r: &str| partner_host(Some(r.as_bytes()));
        assert_eq!(host("https://www.BaoLangSon.vn:443/tin/bai-1.html?id=3"), "baolangson.vn");
        assert_eq!(host("http://user:pw@langson.gov.vn/"), "langson.gov.vn");
        assert_eq!(host("android-app://com.zing.zalo/"), "com.zing.zalo");
        assert_eq!(host("-"), "");
        assert_eq!(partner_host(None), "");
        assert_eq!(host("http://203.0.113.7/embed"), OTHER_HOST);
        assert_eq!(host("http://[2001:db8::1]/"), OTHER_HOST);
        assert_eq!(host("https://baolangson.vn./x"), "baolangson.vn");
        assert_eq!(host("<script>"), OTHER_HOST);
    }

    #[test]
    fn quoted_lines_show_no_address_user_query_or_user_agent() {
        let line = br#"203.0.113.9 - bob [15/Apr/2026:08:30:00 +0700] "GET /a?token=secret HTTP/1.1" 200 "https://x.vn/?q=1" "Mozilla/5.0 \"Secret UA\" (X)" 2001:db8::7"#;
        let shown = mask(line);
        assert_eq!(shown, "••• [15/Apr/2026:08:30:00 +0700] \"GET /a?…\" …");
        let garbage = mask(b"host 203.0.113.9:51234 [2001:db8::1]:443 said \"Mozilla secret\" /x?k=v tail");
        for secret in ["203.0.113.9", "51234", "2001:db8::1", "Mozilla", "secret", "k=v"] {
            assert!(!garbage.contains(secret), "{secret} in {garbage}");
        }
        assert!(garbage.starts_with("host ••• [•••]:443 said"), "{garbage}");
        assert!(mask(&[b'x'; 1000]).chars().count() <= 61);
        assert!(!mask(b"garbage \x1b[31mred\x1b[0m \x07").chars().any(char::is_control));
        assert!(!mask(b"1.2.3.4 - - [x] \"\x1b]0;title\x07\" 400").chars().any(char::is_control));
    }
}
