//! The bodies of the editor's POST requests: URL-encoded forms, and multipart forms
//! when they carry a file (a picture, a Word document).

use std::collections::HashMap;

/// The largest URL-encoded form accepted (the text of an explainer is far smaller).
pub const MAX_FORM: usize = 2 * 1024 * 1024;
/// The largest multipart form accepted: a Word document with its pictures, or a photo.
pub const MAX_UPLOAD: usize = 32 * 1024 * 1024;

/// A form's fields (every value of every name) and files.
#[derive(Debug, Default)]
pub struct Form {
    pub fields: HashMap<String, Vec<String>>,
    pub files: Vec<Upload>,
}

/// A file sent with a form.
#[derive(Debug)]
pub struct Upload {
    /// The form field it came in.
    pub field: String,
    /// Its name on the sender's machine (only the last part of a path is kept).
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Form {
    /// The first value of `name`, or "".
    pub fn one(&self, name: &str) -> &str {
        self.fields.get(name).and_then(|v| v.first()).map_or("", String::as_str)
    }

    /// The file sent in `field`, when one was chosen.
    pub fn file(&self, field: &str) -> Option<&Upload> {
        self.files.iter().find(|f| f.field == field && !f.bytes.is_empty())
    }
}

/// A body of the given `Content-Type`.
pub fn parse(content_type: &str, body: &[u8]) -> Form {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'));
    match (content_type.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"), boundary) {
        (true, Some(boundary)) if !boundary.is_empty() => multipart(body, boundary),
        _ => Form { fields: parse_urlencoded(body), files: Vec::new() },
    }
}

/// A form body (`application/x-www-form-urlencoded`): every value of every name.
pub fn parse_urlencoded(body: &[u8]) -> HashMap<String, Vec<String>> {
    let mut form: HashMap<String, Vec<String>> = HashMap::new();
    for pair in body.split(|&b| b == b'&') {
        let pair = String::from_utf8_lossy(pair).replace('+', " ");
        let (k, v) = pair.split_once('=').unwrap_or((&pair, ""));
        form.entry(crate::text::percent_decode(k)).or_default().push(crate::text::percent_decode(v));
    }
    form
}

/// `multipart/form-data` (RFC 7578): parts between `--boundary` lines, each with a
/// `Content-Disposition` naming its field and, for a file, the file's name.
fn multipart(body: &[u8], boundary: &str) -> Form {
    let mut form = Form::default();
    let delimiter = format!("--{boundary}");
    let finder = memchr::memmem::Finder::new(delimiter.as_bytes());
    let starts: Vec<usize> = finder.find_iter(body).collect();
    for pair in starts.windows(2) {
        let part = &body[pair[0] + delimiter.len()..pair[1]];
        // Each part: CRLF, headers, a blank line, the content, CRLF.
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let Some(split) = memchr::memmem::find(part, b"\r\n\r\n") else { continue };
        let (headers, content) = (String::from_utf8_lossy(&part[..split]), &part[split + 4..]);
        let disposition = headers
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.trim().eq_ignore_ascii_case("content-disposition").then(|| value.to_string())
            })
            .unwrap_or_default();
        let Some(field) = parameter(&disposition, "name") else { continue };
        match parameter(&disposition, "filename") {
            Some(name) => {
                let name = name.rsplit(['/', '\\']).next().unwrap_or("").to_string();
                form.files.push(Upload { field, name, bytes: content.to_vec() });
            }
            None => form.fields.entry(field).or_default().push(String::from_utf8_lossy(content).into_owned()),
        }
    }
    form
}

/// A quoted parameter of a header value: `name="x"` → `x` (browsers escape `"` as %22).
fn parameter(header: &str, wanted: &str) -> Option<String> {
    header.split(';').map(str::trim).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case(wanted)).then(|| v.trim().trim_matches('"').replace("%22", "\""))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multipart_form_gives_its_fields_and_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nB\xc3\xa0i m\xe1\xbb\x9bi\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"C:\\\\anh\\\\ruong lua.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\x00\x01\r\n\x02\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\r\n\r\n--XyZ--\r\n";
        let form = parse("multipart/form-data; boundary=XyZ", body);
        assert_eq!(form.one("title"), "Bài mới");
        let file = form.file("image_file").unwrap();
        assert_eq!((file.name.as_str(), file.bytes.as_slice()), ("ruong lua.jpg", &b"\x00\x01\r\n\x02"[..]));
        assert!(form.file("empty").is_none());
        let plain = parse("application/x-www-form-urlencoded", b"a=1&a=2&b=x+y%21");
        assert_eq!(plain.fields["a"], ["1", "2"]);
        assert_eq!(plain.one("b"), "x y!");
    }
}
