//! The one URL function: every link loa writes goes through [`Urls`], so a site built
//! for `https://host/chuyen-doi-so/` works when copied under that path on any server.

/// Where the site lives, from `base_url`.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://host` (empty when base_url is a bare path).
    origin: String,
    /// `/chuyen-doi-so/`: always starts and ends with `/`.
    base_path: String,
}

impl Urls {
    /// `base_url` as normalised by the config: a full URL or a path, ending with `/`.
    pub fn new(base_url: &str) -> Urls {
        let (origin, path) = match base_url.find("://") {
            Some(i) => {
                let after = &base_url[i + 3..];
                let host_end = after.find('/').map_or(base_url.len(), |j| i + 3 + j);
                (&base_url[..host_end], &base_url[host_end..])
            }
            None => ("", base_url),
        };
        let mut base_path = path.to_string();
        if !base_path.starts_with('/') {
            base_path.insert(0, '/');
        }
        if !base_path.ends_with('/') {
            base_path.push('/');
        }
        Urls { origin: origin.to_string(), base_path }
    }

    /// The sub-path the site is served under (`/` or `/chuyen-doi-so/`).
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The URL path of `rel`, a path inside the site (`hieu-dung/cds/`, `style.css`).
    pub fn path(&self, rel: &str) -> String {
        let rel = rel.trim_start_matches('/');
        let mut out = String::with_capacity(self.base_path.len() + rel.len());
        out.push_str(&self.base_path);
        encode_into(rel, &mut out);
        out
    }

    /// The absolute URL of `rel`, for canonical links, sitemaps and feeds.
    pub fn permalink(&self, rel: &str) -> String {
        let mut out = self.origin.clone();
        out.push_str(&self.path(rel));
        out
    }

    /// An editor's link as written in Markdown: root-relative links (`/hoi-dap/`) are
    /// moved under the sub-path; everything else is kept.
    pub fn rebase(&self, href: &str) -> Option<String> {
        if !href.starts_with('/') || href.starts_with("//") {
            return None;
        }
        // The query and fragment are kept as written; only the path is moved.
        let split = href.find(['?', '#']).unwrap_or(href.len());
        let mut url = self.path(&href[..split]);
        url.push_str(&href[split..]);
        Some(url)
    }
}

/// Percent-encodes what may not stand in a URL path (spaces, non-ASCII letters).
fn encode_into(rel: &str, out: &mut String) {
    for b in rel.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/=&+:@!$'()*,;".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// `rel` as a safe path inside the output folder, or `None` when it could lead outside
/// (`..`, absolute, backslashes, drive letters) or is empty.
pub fn safe_output_path(rel: &str) -> Option<String> {
    let rel = rel.trim().trim_start_matches('/');
    if rel.contains(['\\', '\0', ':']) || rel.contains("//") {
        return None;
    }
    let mut parts = Vec::new();
    for part in rel.split('/') {
        match part {
            "" => {}
            "." | ".." => return None,
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_live_under_the_sub_path() {
        let u = Urls::new("https://x.gov.vn/chuyen-doi-so/");
        assert_eq!(u.base_path(), "/chuyen-doi-so/");
        assert_eq!(u.path("hieu-dung/cds/"), "/chuyen-doi-so/hieu-dung/cds/");
        assert_eq!(u.path(""), "/chuyen-doi-so/");
        assert_eq!(u.permalink("a/"), "https://x.gov.vn/chuyen-doi-so/a/");
        assert_eq!(u.rebase("/hoi-dap/").as_deref(), Some("/chuyen-doi-so/hoi-dap/"));
        assert_eq!(u.rebase("/hoi-dap/?a=1#muc").as_deref(), Some("/chuyen-doi-so/hoi-dap/?a=1#muc"));
        assert_eq!(u.path("báo cáo #1 100%.pdf"), "/chuyen-doi-so/b%C3%A1o%20c%C3%A1o%20%231%20100%25.pdf");
        assert_eq!(u.rebase("https://chinhphu.vn/"), None);
        assert_eq!(u.rebase("//cdn.example/x"), None);
        assert_eq!(u.path("ảnh sơ đồ.png"), "/chuyen-doi-so/%E1%BA%A3nh%20s%C6%A1%20%C4%91%E1%BB%93.png");
        let root = Urls::new("/");
        assert_eq!(root.permalink("a/"), "/a/");
    }

    #[test]
    fn output_paths_cannot_leave_the_output_folder() {
        assert_eq!(safe_output_path("/cu/bai-viet/").as_deref(), Some("cu/bai-viet"));
        for bad in ["../etc/passwd", "a/../../b", "/", "", "C:\\x", "a\\..\\b", "a/./b"] {
            assert_eq!(safe_output_path(bad), None, "{bad}");
        }
    }
}
