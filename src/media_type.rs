//! What kind of file a path names, for the headers it is served with: the preview
//! server's Content-Type, and the Content-Type and Cache-Control objects are stored
//! with in object storage.

/// The Content-Type, with the charset for text.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.').map_or("", |(_, e)| e) {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" if name == "feed.json" => "application/feed+json; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" if name == "rss.xml" => "application/rss+xml; charset=utf-8",
        "xml" if name == "atom.xml" => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "vtt" => "text/vtt; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        _ => "application/octet-stream",
    }
}

/// How long browsers and caches may keep a file: fingerprinted assets (`style.71c7b249.css`)
/// never change under their name, so a year; pages, lists and feeds change with every
/// edit, so five minutes; other files (pictures, documents) a day.
pub fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let parts: Vec<&str> = name.split('.').collect();
    let fingerprinted = parts.len() >= 3
        && parts[1..parts.len() - 1].iter().any(|p| p.len() >= 8 && p.bytes().all(|b| b.is_ascii_hexdigit()));
    if fingerprinted {
        return "public, max-age=31536000, immutable";
    }
    match parts.last().copied().unwrap_or("") {
        "html" => "public, max-age=300",
        // Feeds, oEmbed, the search index, captions and embed.js, as the README's nginx
        // snippet serves them.
        "xml" | "json" | "txt" | "vtt" | "js" | "css" => "public, max-age=3600",
        _ => "public, max-age=86400",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_carries_its_charset_and_fingerprinted_assets_are_kept_a_year() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("hieu-dung/rss.xml"), "application/rss+xml; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("a/oembed.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("a.b/x"), "application/octet-stream");
        assert_eq!(cache_control("style.71c7b249.css"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("a/index.html"), "public, max-age=300");
        assert_eq!(cache_control("rss.xml"), "public, max-age=3600");
        assert_eq!(cache_control("embed.js"), "public, max-age=3600");
        assert_eq!(cache_control("anh/lua.jpg"), "public, max-age=86400");
        assert_eq!(cache_control("favicon.svg"), "public, max-age=86400");
    }
}
