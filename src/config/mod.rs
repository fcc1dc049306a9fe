//! site.yaml: the site's settings, read once and checked key by key.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{Expected, Message};
use crate::yaml::{scalar_text, Fields, Value};

pub mod deploy;
pub mod languages;

pub use languages::LanguageConfig;

pub const CONFIG_FILE: &str = "site.yaml";

const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "publisher",
    "taxonomies",
    "footer",
    "unsafe_html",
    "reading_speed",
    "extra",
    "featured",
    "feed_limit",
    "glossary",
    "broadcast_rate",
    "bulletin_seconds",
    "loudspeaker_rate",
    "removed",
    "broadcast_opening",
    "broadcast_closing",
    "outputs",
    "report",
    "deploy",
    "languages",
    "default_language",
    "images",
];

/// Keys of the `report:` block.
pub const REPORT_KEYS: &[&str] =
    &["organisation", "parent", "recipient", "place", "signer_title", "signer", "symbol", "subject"];

/// Channels and extras a site can switch off in `outputs`.
pub const OUTPUTS: &[&str] = &["embed", "broadcast", "search", "feeds", "site_feed"];

/// A taxonomy declared in site.yaml: pages list terms under `name`, lists live at `slug`.
#[derive(Debug, Clone, PartialEq)]
pub struct TaxonomyConfig {
    pub name: String,
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Always ends with `/`; may carry a sub-path (`https://x.gov.vn/chuyen-doi-so/`).
    pub base_url: String,
    pub language: String,
    pub theme: String,
    /// The body that publishes the site, shown in the footer and in metadata.
    pub publisher: String,
    /// Lines for the footer (organisations, addresses): data, never code, because the
    /// bodies that issue such material get merged and renamed.
    pub footer: Vec<String>,
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Allows raw HTML in Markdown through unsanitised.
    pub unsafe_html: bool,
    /// Silent reading speed in syllables a minute, for "x phút đọc".
    pub reading_speed: u32,
    /// Abbreviations read out in full on air: `CNTT` → `công nghệ thông tin`.
    pub glossary: std::collections::BTreeMap<String, String>,
    /// Speaking rate for broadcast timing, in syllables a minute (233: national radio news).
    pub broadcast_rate: u32,
    /// Longest loudspeaker bulletin, in seconds of speech.
    pub bulletin_seconds: u32,
    /// Speaking rate of loudspeaker bulletins (outdoors, slower than studio news).
    pub loudspeaker_rate: u32,
    /// Addresses taken down on purpose (`/bo-di/`): no warning that they are gone.
    pub removed: Vec<String>,
    /// What a script and a bulletin begin and end with; `None`: the defaults.
    pub broadcast_opening: Option<String>,
    pub broadcast_closing: Option<String>,
    /// What the build writes besides the portal pages, lists, sitemap and 404:
    /// `embed`, `broadcast`, `search`, `feeds` (all feeds), `site_feed` (only `rss.xml`).
    pub outputs: Vec<String>,
    /// How many explainers each feed holds, newest first.
    pub feed_limit: usize,
    /// Pages the home page leads with, as paths below `content/`.
    pub featured: Vec<String>,
    /// Free-form values handed to templates as `config.extra`.
    pub extra: serde_json::Value,
    /// Who sends the dissemination report, to whom, from where (`loa report`).
    pub report: ReportConfig,
    /// Where `loa deploy` publishes the site; the first is the default.
    pub deploy: Vec<deploy::DeployTarget>,
    /// Every language of a multilingual site, the default first; empty for a site in
    /// one language (`language:`).
    pub languages: Vec<LanguageConfig>,
    /// Where this language's pages live inside the site: `""`, or `en/` for a
    /// translation (see [`SiteConfig::for_language`]).
    pub language_path: String,
    /// How pictures are resized and kept (`images:`).
    pub images: crate::images::Settings,
}

/// The `report:` block: names for the report's header and signature, data because the
/// bodies that send and receive reports get merged and renamed. Every key is optional;
/// the report says which are missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportConfig {
    /// The reporting unit (`Sở Khoa học và Công nghệ tỉnh Lạng Sơn`).
    pub organisation: Option<String>,
    /// The body above it, first line of the header (`Ủy ban nhân dân tỉnh Lạng Sơn`).
    pub parent: Option<String>,
    /// Who receives it (`Kính gửi: …`).
    pub recipient: Option<String>,
    /// Where it is signed (`Lạng Sơn, ngày … tháng … năm …`).
    pub place: Option<String>,
    /// `Giám đốc`, or `KT. Giám đốc` over `Phó Giám đốc` written as two lines.
    pub signer_title: Option<String>,
    pub signer: Option<String>,
    /// The unit's symbol in the document number (`BC-SKHCN`); the number is left blank.
    pub symbol: Option<String>,
    /// What the report is about, before its period (`Kết quả phổ biến, tuyên truyền về
    /// chuyển đổi số`).
    pub subject: Option<String>,
}

impl SiteConfig {
    /// Reads `<root>/site.yaml`. Returns the settings when they are usable, and every
    /// problem found (warnings may come with settings).
    pub fn load(root: &Path) -> (Option<SiteConfig>, Diagnostics) {
        let path = root.join(CONFIG_FILE);
        let text = match crate::content::read_text(&path) {
            Ok(text) => text,
            Err(d) if !path.exists() => {
                let _ = d;
                let d = Diagnostic::error(Message::SiteConfigMissing { root: root.to_path_buf() })
                    .help(Message::HelpCreateSiteConfig);
                return (None, d.into());
            }
            Err(d) => return (None, d.into()),
        };
        Self::parse(&text, &path)
    }

    pub fn parse(text: &str, path: &Path) -> (Option<SiteConfig>, Diagnostics) {
        let mut fields = match Fields::parse(text, path, 0) {
            Ok(f) => f,
            Err(d) => return (None, d.into()),
        };
        let title = fields.required_text("title", "Chuyển đổi số Lạng Sơn");
        let description = fields.text("description").unwrap_or_default();
        let base_url = fields.text("base_url").unwrap_or_else(|| "/".to_string());
        let base_url = check_base_url(&base_url, &mut fields, path);
        let language = checked(&mut fields, "language", "vi", is_language_tag, Message::BadLanguage, path);
        let theme = checked(&mut fields, "theme", "default", is_theme_name, Message::BadTheme, path);
        let publisher = fields.text("publisher").unwrap_or_default();
        let footer = fields.text_list("footer").unwrap_or_default();
        let unsafe_html = fields.bool("unsafe_html").unwrap_or(false);
        let reading_speed = fields.integer("reading_speed").unwrap_or(250).clamp(1, 2000) as u32;
        let taxonomies = read_taxonomies(&mut fields);
        // `/hieu-dung/a.md`, `content/hieu-dung/a.md` and `hieu-dung/a.md` name one file.
        let featured = fields
            .text_list("featured")
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let p = p.trim().trim_start_matches("./").trim_start_matches('/');
                p.strip_prefix("content/").unwrap_or(p).to_string()
            })
            .collect();
        let feed_limit = fields.integer("feed_limit").unwrap_or(20).clamp(1, 10_000) as usize;
        let broadcast_rate = fields.integer("broadcast_rate").unwrap_or(233).clamp(60, 600) as u32;
        let bulletin_seconds = fields.integer("bulletin_seconds").unwrap_or(90).clamp(10, 3600) as u32;
        let loudspeaker_rate = fields.integer("loudspeaker_rate").unwrap_or(190).clamp(60, 600) as u32;
        let broadcast_opening = fields.text("broadcast_opening");
        let removed = fields.text_list("removed").unwrap_or_default();
        let broadcast_closing = fields.text("broadcast_closing");
        let glossary = read_glossary(&mut fields);
        let outputs = read_outputs(&mut fields);
        let report = read_report(&mut fields);
        let deploy = deploy::read(&mut fields, text);
        let languages = languages::read(&mut fields, text);
        let images = read_images(&mut fields);
        let language = languages.first().map_or(language, |l| l.code.clone());
        let extra_value = fields.value("extra");
        // Templates see `extra`: a credential there would be one step from a page.
        if let Some((value, span)) = &extra_value {
            let file = fields.file().to_path_buf();
            for key in secret_keys(value, "extra") {
                fields.report(
                    Diagnostic::error(Message::Deploy(crate::messages::DeployMessage::SecretInConfig {
                        key,
                    }))
                    .in_file(&file)
                    .at_opt(*span)
                    .help(Message::Deploy(crate::messages::DeployMessage::HelpWhereSecretsGo)),
                );
            }
        }
        let extra =
            extra_value.and_then(|(v, _)| serde_json::to_value(v).ok()).unwrap_or(serde_json::Value::Null);
        let diagnostics = fields.finish(KNOWN_KEYS);
        let config = match (title, base_url) {
            (Some(title), Some(base_url)) if !diagnostics.has_errors() => Some(SiteConfig {
                title,
                description,
                base_url,
                language,
                theme,
                publisher,
                footer,
                taxonomies,
                unsafe_html,
                reading_speed,
                featured,
                feed_limit,
                glossary,
                broadcast_rate,
                bulletin_seconds,
                loudspeaker_rate,
                removed,
                broadcast_opening,
                broadcast_closing,
                outputs,
                extra,
                report,
                deploy,
                languages,
                language_path: String::new(),
                images,
            }),
            _ => None,
        };
        (config, diagnostics)
    }

    /// Replaces base_url (the `--base-url` flag).
    pub fn override_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        match normalise_base_url(url) {
            Some(u) => {
                self.base_url = u;
                Ok(())
            }
            None => Err(Diagnostic::error(Message::BadBaseUrl { value: url.to_string() })
                .help(Message::HelpWriteAs { expected: Expected::Url })),
        }
    }

    /// The settings as seen by one language's pages: its code, folder, title,
    /// description, reading speed, glossary, broadcast words and taxonomy titles.
    pub fn for_language(&self, l: &LanguageConfig) -> SiteConfig {
        let mut c = self.clone();
        c.language = l.code.clone();
        c.language_path = l.path.clone();
        if let Some(title) = &l.title {
            c.title = title.clone();
        }
        if let Some(description) = &l.description {
            c.description = description.clone();
        }
        if let Some(speed) = l.reading_speed {
            c.reading_speed = speed;
        }
        // A translation's script is read in its own language: the site's Vietnamese
        // expansions stay out of it unless its numbers are read the Vietnamese way too.
        match &l.glossary {
            Some(glossary) => c.glossary = glossary.clone(),
            None if !l.speaks_vietnamese() => c.glossary.clear(),
            None => {}
        }
        if l.broadcast_opening.is_some() {
            c.broadcast_opening = l.broadcast_opening.clone();
        }
        if l.broadcast_closing.is_some() {
            c.broadcast_closing = l.broadcast_closing.clone();
        }
        for t in &mut c.taxonomies {
            if let Some(title) = l.taxonomy_titles.get(&t.name) {
                t.title = title.clone();
            }
        }
        c
    }

    /// Are this language's numbers, dates and document numbers read the Vietnamese way
    /// on air? Always for a site of one language (as before there were languages).
    pub fn speaks_vietnamese(&self) -> bool {
        self.languages.iter().find(|l| l.code == self.language).is_none_or(LanguageConfig::speaks_vietnamese)
    }

    /// What broadcast scripts expand: the Vietnamese readings and the glossary, or, in a
    /// language loa cannot read aloud, only the language's own glossary.
    pub fn spoken_glossary(&self) -> crate::text::spoken::Glossary<'_> {
        match self.speaks_vietnamese() {
            true => crate::text::spoken::Glossary::new(&self.glossary),
            false => crate::text::spoken::Glossary::as_written(&self.glossary),
        }
    }

    /// Is this site written in more than one language (`languages:`)?
    pub fn multilingual(&self) -> bool {
        !self.languages.is_empty()
    }

    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyConfig> {
        self.taxonomies.iter().find(|t| t.name == name)
    }

    pub fn theme_dir(&self, root: &Path) -> PathBuf {
        root.join("themes").join(&self.theme)
    }
}

fn check_base_url(url: &str, fields: &mut Fields, path: &Path) -> Option<String> {
    let normalised = normalise_base_url(url);
    if normalised.is_none() {
        let span = fields.span_of("base_url");
        fields.report(
            Diagnostic::error(Message::BadBaseUrl { value: url.to_string() })
                .in_file(path)
                .at_opt(span)
                .help(Message::HelpWriteAs { expected: Expected::Url }),
        );
    }
    normalised
}

/// A text key whose value must have a certain form (it lands in HTML attributes or names
/// a folder): an error with its line when it has not, and the default is used.
fn checked(
    fields: &mut Fields,
    key: &str,
    default: &str,
    valid: fn(&str) -> bool,
    message: fn(String) -> Message,
    path: &Path,
) -> String {
    let value = fields.text(key).unwrap_or_else(|| default.to_string());
    if valid(&value) {
        return value;
    }
    let span = fields.span_of(key);
    fields.report(Diagnostic::error(message(value)).in_file(path).at_opt(span));
    default.to_string()
}

/// A BCP 47 language tag as sites write them: `vi`, `en`, `tyz`, `zh-Hant`, `en-US`.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A theme is a folder below `themes/`: a plain name, never a path.
fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `https://host/sub` → `https://host/sub/`; a bare path (`/`, `/sub/`) is allowed too,
/// for sites that are only ever served from one host. Characters that would end an HTML
/// attribute or a script string (`"`, `'`, `<`, `>`, `\`, `` ` ``) are refused.
fn normalise_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .map(|r| r.split_once('/').map_or(r, |(host, _)| host));
    let valid = match rest {
        Some(host) => !host.is_empty() && !host.contains(char::is_whitespace),
        None => url.starts_with('/'),
    };
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "?#\"'<>\\`{}|^".contains(c);
    if !valid || url.contains(forbidden) {
        return None;
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Some(url)
}

fn read_outputs(fields: &mut Fields) -> Vec<String> {
    let span = fields.span_of("outputs");
    let Some(list) = fields.text_list("outputs") else {
        return ["embed", "broadcast", "search", "feeds"].map(String::from).to_vec();
    };
    let file = fields.file().to_path_buf();
    for name in &list {
        if !OUTPUTS.contains(&name.as_str()) {
            let help = match crate::text::closest(name, OUTPUTS, 3) {
                Some(s) => Message::DidYouMean { suggestion: s.to_string() },
                None => Message::HelpKnownKeys { keys: OUTPUTS.join(", ") },
            };
            fields.report(
                Diagnostic::error(Message::UnknownOutput { name: name.clone() })
                    .in_file(&file)
                    .at_opt(span)
                    .help(help),
            );
        }
    }
    list
}

impl SiteConfig {
    /// Does the site write this output (`embed`, `broadcast`, `search`, `feeds`)?
    pub fn writes(&self, output: &str) -> bool {
        self.outputs.iter().any(|o| o == output)
    }
}

fn read_glossary(fields: &mut Fields) -> std::collections::BTreeMap<String, String> {
    let Some((value, span)) = fields.value("glossary") else {
        return Default::default();
    };
    let pairs: Option<std::collections::BTreeMap<String, String>> = match &value {
        Value::Mapping(m) => {
            m.iter().map(|(k, v)| Some((scalar_text(k)?, crate::text::nfc(&scalar_text(v)?)))).collect()
        }
        _ => None,
    };
    pairs.unwrap_or_else(|| {
        let file = fields.file().to_path_buf();
        fields.report(
            Diagnostic::error(Message::WrongType { key: "glossary".into(), expected: Expected::Mapping })
                .in_file(file)
                .at_opt(span)
                .help(Message::HelpWriteAs { expected: Expected::Mapping }),
        );
        Default::default()
    })
}

/// `images: { widths: [480, 960, 1600], quality: 75, cache_mb: 1024 }`, every key
/// optional.
fn read_images(fields: &mut Fields) -> crate::images::Settings {
    let mut settings = crate::images::Settings::default();
    let Some((value, span)) = fields.value("images") else { return settings };
    let file = fields.file().to_path_buf();
    let wrong = |fields: &mut Fields, key: &str, expected: Expected| {
        fields.report(
            Diagnostic::error(Message::WrongType { key: format!("images.{key}"), expected })
                .in_file(&file)
                .at_opt(span)
                .help(Message::HelpWriteAs { expected }),
        );
    };
    let Value::Mapping(map) = value else {
        wrong(fields, "", Expected::Mapping);
        return settings;
    };
    for (key, value) in &map {
        let key = scalar_text(key).unwrap_or_default();
        match key.as_str() {
            "widths" => {
                let widths: Option<Vec<u32>> = match value {
                    Value::Sequence(items) => items
                        .iter()
                        .map(|v| v.as_u64().filter(|w| (16..=8192).contains(w)).map(|w| w as u32))
                        .collect(),
                    _ => None,
                };
                match widths.filter(|w| !w.is_empty()) {
                    Some(mut widths) => {
                        widths.sort_unstable();
                        widths.dedup();
                        settings.widths = widths;
                    }
                    None => wrong(fields, "widths", Expected::WidthList),
                }
            }
            "quality" => match value.as_u64().filter(|q| (1..=100).contains(q)) {
                Some(q) => settings.quality = q as u8,
                None => wrong(fields, "quality", Expected::Percent),
            },
            "cache_mb" => match value.as_u64() {
                Some(mb) => settings.cache_mib = mb,
                None => wrong(fields, "cache_mb", Expected::Integer),
            },
            _ => unknown_key_in(fields, "images", &key, &["widths", "quality", "cache_mb"], span),
        }
    }
    settings
}

/// A key of the `block:` of site.yaml that the block does not know: a warning with the
/// nearest known key, or the list of them.
fn unknown_key_in(
    fields: &mut Fields,
    block: &str,
    key: &str,
    known: &[&str],
    at: Option<crate::diagnostics::Span>,
) {
    let help = match crate::text::closest(key, known, 3) {
        Some(s) => Message::DidYouMean { suggestion: s.to_string() },
        None => Message::HelpKnownKeys { keys: known.join(", ") },
    };
    let file = fields.file().to_path_buf();
    fields.report(
        Diagnostic::warning(Message::UnknownKey { key: format!("{block}.{key}") })
            .in_file(file)
            .at_opt(at)
            .help(help),
    );
}

fn read_report(fields: &mut Fields) -> ReportConfig {
    let Some((value, span)) = fields.value("report") else {
        return ReportConfig::default();
    };
    let file = fields.file().to_path_buf();
    let Value::Mapping(map) = value else {
        fields.report(
            Diagnostic::error(Message::WrongType { key: "report".into(), expected: Expected::Mapping })
                .in_file(file)
                .at_opt(span)
                .help(Message::HelpWriteAs { expected: Expected::Mapping }),
        );
        return ReportConfig::default();
    };
    let mut report = ReportConfig::default();
    for (key, value) in &map {
        let key = scalar_text(key).unwrap_or_default();
        let text = scalar_text(value).map(|t| crate::text::nfc(t.trim())).filter(|t| !t.is_empty());
        let slot = match key.as_str() {
            "organisation" => &mut report.organisation,
            "parent" => &mut report.parent,
            "recipient" => &mut report.recipient,
            "place" => &mut report.place,
            "signer_title" => &mut report.signer_title,
            "signer" => &mut report.signer,
            "symbol" => &mut report.symbol,
            "subject" => &mut report.subject,
            _ => {
                unknown_key_in(fields, "report", &key, REPORT_KEYS, span);
                continue;
            }
        };
        if text.is_none() && !value.is_null() {
            fields.report(
                Diagnostic::error(Message::WrongType {
                    key: format!("report.{key}"),
                    expected: Expected::Text,
                })
                .in_file(&file)
                .at_opt(span)
                .help(Message::HelpWriteAs { expected: Expected::Text }),
            );
        }
        *slot = text;
    }
    report
}

fn read_taxonomies(fields: &mut Fields) -> Vec<TaxonomyConfig> {
    let Some((value, span)) = fields.value("taxonomies") else {
        return Vec::new();
    };
    let file = fields.file().to_path_buf();
    let Value::Sequence(items) = value else {
        fields.report(
            Diagnostic::error(Message::WrongType {
                key: "taxonomies".into(),
                expected: Expected::TaxonomyList,
            })
            .in_file(&file)
            .at_opt(span)
            .help(Message::HelpWriteAs { expected: Expected::TaxonomyList }),
        );
        return Vec::new();
    };
    let mut taxonomies = Vec::new();
    for item in items {
        let get = |k: &str| item.get(k).and_then(scalar_text);
        let name = get("name").unwrap_or_default();
        let slug = get("slug").unwrap_or_else(|| crate::text::slugify(&name));
        let title = get("title").unwrap_or_else(|| name.clone());
        let slug_ok = !slug.is_empty() && slug == crate::text::slugify(&slug);
        if name.is_empty() || !slug_ok {
            fields.report(
                Diagnostic::error(Message::BadTaxonomySlug { name: name.clone() })
                    .in_file(&file)
                    .at_opt(span)
                    .help(Message::HelpWriteAs { expected: Expected::TaxonomyList }),
            );
            continue;
        }
        taxonomies.push(TaxonomyConfig { name, slug, title: crate::text::nfc(&title) });
    }
    taxonomies
}

/// The keys below `value` (named `path.key`) that hold or name a credential.
fn secret_keys(value: &Value, path: &str) -> Vec<String> {
    let mut found = Vec::new();
    match value {
        Value::Mapping(map) => {
            for (k, v) in map {
                let key = scalar_text(k).unwrap_or_default();
                let key = key.as_str();
                let here = format!("{path}.{key}");
                if deploy::looks_secret(key, v) {
                    found.push(here);
                } else {
                    found.extend(secret_keys(v, &here));
                }
            }
        }
        Value::Sequence(items) => {
            for v in items {
                found.extend(secret_keys(v, path));
            }
        }
        _ => {}
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_their_sub_path_and_end_with_a_slash() {
        assert_eq!(
            normalise_base_url("https://x.gov.vn/chuyen-doi-so").as_deref(),
            Some("https://x.gov.vn/chuyen-doi-so/")
        );
        assert_eq!(normalise_base_url("https://x.gov.vn").as_deref(), Some("https://x.gov.vn/"));
        assert_eq!(normalise_base_url("/").as_deref(), Some("/"));
        assert_eq!(normalise_base_url("x.gov.vn"), None);
        assert_eq!(normalise_base_url("https:///a"), None);
        for hostile in
            ["https://x.vn/\"><script>", "https://x.vn/a'b", "/a<b/", "https://x.vn/\\", "https://x.vn/`"]
        {
            assert_eq!(normalise_base_url(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn languages_are_tags_and_themes_are_names() {
        for tag in ["vi", "en", "tyz", "en-US", "zh-Hant"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in ["", "v", "vi\"><script>", "vi_VN", "en--US", "tiếng việt"] {
            assert!(!is_language_tag(tag), "{tag}");
        }
        assert!(is_theme_name("default") && is_theme_name("cong-thong-tin_2"));
        for name in ["../../etc", "/abs", "a/b", "", ".."] {
            assert!(!is_theme_name(name), "{name}");
        }
    }

    #[test]
    fn wrong_types_and_unknown_keys_are_reported_with_their_lines() {
        let text = "title: Trang thử\nbase_url: https://x.gov.vn/\nunsafe_html: có\npublsher: UBND\n";
        let (config, diags) = SiteConfig::parse(text, Path::new("site.yaml"));
        assert!(config.is_none());
        let rendered = diags.render(crate::messages::Lang::En, Path::new("."));
        assert!(rendered.contains("`unsafe_html` must be true or false"), "{rendered}");
        assert!(rendered.contains("site.yaml:3:1"), "{rendered}");
        assert!(rendered.contains("did you mean `publisher`?"), "{rendered}");
        assert!(rendered.contains("site.yaml:4:1"), "{rendered}");
    }
}
