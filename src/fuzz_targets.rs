//! Entry points for fuzzing (`fuzz/`, cargo-fuzz) and for replaying the fuzz corpus in
//! `cargo test` (`tests/fuzz_corpus.rs`): each takes arbitrary bytes and must neither
//! panic nor hang, whatever they hold. Not part of loa's interface.

use std::path::Path;
use std::sync::OnceLock;

use crate::config::SiteConfig;
use crate::content::front_matter::{split, FrontMatter};
use crate::render::components::Component;
use crate::site::{Selection, Site};

/// A fuzz target: arbitrary bytes in, no panic out.
pub type Target = fn(&[u8]);

/// The fuzz targets by name, for the corpus replay.
pub const TARGETS: &[(&str, Target)] = &[
    ("front_matter", front_matter),
    ("component", component),
    ("markdown", markdown),
    ("text", text),
    ("log_line", log_line),
    ("request", request),
    ("site_yaml", site_yaml),
    ("clipboard_html", clipboard_html),
    ("word_document", word_document),
];

fn config() -> &'static SiteConfig {
    static CONFIG: OnceLock<SiteConfig> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let yaml = "title: Thử\nbase_url: https://example.gov.vn/cds/\ntaxonomies:\n  - { name: topics, slug: chu-de, title: Chủ đề }\nglossary:\n  CNTT: công nghệ thông tin\n";
        SiteConfig::parse(yaml, Path::new("site.yaml")).0.expect("the fuzz site.yaml parses")
    })
}

/// A file's text: front matter split off and read key by key.
pub fn front_matter(data: &[u8]) {
    let text = crate::text::nfc(&String::from_utf8_lossy(data));
    if let Ok(parts) = split(&text, Path::new("a.md")) {
        let _ = FrontMatter::read(parts.yaml, Path::new("a.md"), config(), false);
        let _ = FrontMatter::read(parts.yaml, Path::new("_index.md"), config(), true);
    }
}

/// A component body; the first byte picks the component.
pub fn component(data: &[u8]) {
    let Some((&which, body)) = data.split_first() else { return };
    let name = crate::render::components::NAMES[usize::from(which) % 3];
    if let Ok(c) = Component::parse(name, &String::from_utf8_lossy(body)) {
        let _ = c.html(1, crate::messages::Lang::Vi);
        let _ = c.plain_text();
    }
}

/// A page body rendered with components, links and anchors, then spoken for broadcast.
pub fn markdown(data: &[u8]) {
    static SITE: OnceLock<Site> = OnceLock::new();
    let site = SITE.get_or_init(|| {
        let (site, _) =
            Site::assemble(Path::new("/fuzz"), config().clone(), Default::default(), Selection::default());
        site
    });
    let body = crate::text::nfc(&String::from_utf8_lossy(data));
    let origin = crate::render::markdown::Origin {
        file: Path::new("/fuzz/content/tin/a.md"),
        dir: Path::new("tin"),
        body_line: 3,
        page: None,
    };
    let _ = crate::render::markdown::render(site, &origin, &body);
}

/// Vietnamese text: slugs, folding, tone placement, words, syllables, spoken form.
pub fn text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::text::slugify(&text);
    let _ = crate::text::fold(&text);
    let _ = crate::text::nfc(&text);
    let _ = crate::text::syllable_count(&text);
    for word in crate::text::words(&text).take(1000) {
        let _ = crate::text::canonical_tones(&word.to_lowercase());
    }
    let _ = crate::text::spoken::speak(&text, crate::text::spoken::Glossary::new(&config().glossary));
    let _ = crate::text::percent_decode(&text);
}

/// An access-log line, read and masked.
pub fn log_line(data: &[u8]) {
    crate::report::log_line::fuzz(data);
}

/// A request to the preview server, as its first bytes arrive.
pub fn request(data: &[u8]) {
    crate::serve::server::fuzz_request(data);
}

/// site.yaml as an editor might write it.
pub fn site_yaml(data: &[u8]) {
    let text = crate::text::nfc(&String::from_utf8_lossy(data));
    let _ = SiteConfig::parse(&text, Path::new("site.yaml"));
}

/// The clipboard's HTML as the editor's paste reads it: Markdown out, and no link or
/// picture in it that leads anywhere but the web, mail or the site.
pub fn clipboard_html(data: &[u8]) {
    use pulldown_cmark::{Event, Parser, Tag};
    let markdown = crate::import::html::to_markdown(&String::from_utf8_lossy(data));
    for event in Parser::new(&markdown) {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            let scheme = dest_url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
            let fine = scheme.is_none_or(|s| {
                s.contains(['/', '?', '#']) || ["http", "https", "mailto"].contains(&s.as_str())
            });
            assert!(fine, "{dest_url} in {markdown}");
        }
    }
}

/// A Word document as `loa import` reads it (a zip archive of XML parts).
pub fn word_document(data: &[u8]) {
    if let Ok(document) = crate::import::docx::read(data) {
        let _ = crate::import::markdown(&document.blocks);
    }
}
