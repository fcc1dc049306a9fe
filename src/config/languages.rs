//! The `languages:` block of site.yaml: the languages a site is written in. The default
//! language (`default_language:`, else the first) is served at the site's root, every
//! other under its own folder (`/en/`, `/tyz/`). A site without the block has one
//! language, `language:`, at the root, exactly as before.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Span};
use crate::messages::{Expected, Message};
use crate::yaml::{scalar_text, Fields, Value};

const KEYS: &[&str] = &[
    "code",
    "name",
    "title",
    "description",
    "path",
    "reading_speed",
    "glossary",
    "spoken",
    "taxonomies",
    "broadcast_opening",
    "broadcast_closing",
];

/// One language of a multilingual site.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageConfig {
    /// BCP 47 / ISO 639-3 code as written (`vi`, `en`, `tyz`, `nut`).
    pub code: String,
    /// Its name in its own language (`Tiếng Việt`, `English`, `Tày`), for the switcher.
    pub name: String,
    /// The site's title and description in this language (default: the site's).
    pub title: Option<String>,
    pub description: Option<String>,
    /// Where its pages live inside the site: `""` for the default language, else
    /// `path:` or the code, ending with `/` (`en/`).
    pub path: String,
    /// Silent reading speed for this language (words or syllables a minute).
    pub reading_speed: Option<u32>,
    /// Abbreviations read out in full in this language's broadcast scripts.
    pub glossary: Option<BTreeMap<String, String>>,
    /// `vi`: read numbers, dates and document numbers the Vietnamese way on air. Other
    /// languages pass them through as written unless this says so.
    pub spoken: Option<String>,
    /// Taxonomy titles in this language, by taxonomy name (`topics: Topics`).
    pub taxonomy_titles: BTreeMap<String, String>,
    pub broadcast_opening: Option<String>,
    pub broadcast_closing: Option<String>,
}

impl LanguageConfig {
    /// Are numbers, dates and document numbers read the Vietnamese way on air in this
    /// language (Vietnamese itself, or `spoken: vi`)?
    pub fn speaks_vietnamese(&self) -> bool {
        let vi = |code: &str| code.eq_ignore_ascii_case("vi") || code.to_ascii_lowercase().starts_with("vi-");
        vi(&self.code) || self.spoken.as_deref().is_some_and(vi)
    }
}

/// The names a few languages call themselves by, for sites that give no `name:`.
fn own_name(code: &str) -> String {
    match code.to_ascii_lowercase().as_str() {
        "vi" => "Tiếng Việt",
        "en" => "English",
        "tyz" => "Tày",
        "nut" => "Nùng",
        "fr" => "Français",
        "zh" => "中文",
        _ => code,
    }
    .to_string()
}

/// Reads `languages:` and `default_language:`; the default language comes first in the
/// list returned. Empty when the site has no `languages:` block.
pub fn read(fields: &mut Fields, text: &str) -> Vec<LanguageConfig> {
    let default = fields.text("default_language");
    let default_span = fields.span_of("default_language");
    let Some((value, span)) = fields.value("languages") else {
        if let Some(code) = default {
            let file = fields.file().to_path_buf();
            fields.report(
                Diagnostic::error(Message::DefaultLanguageUnknown { code })
                    .in_file(file)
                    .at_opt(default_span)
                    .help(Message::HelpLanguages),
            );
        }
        return Vec::new();
    };
    let file = fields.file().to_path_buf();
    let Value::Sequence(items) = value else {
        fields.report(
            Diagnostic::error(Message::WrongType {
                key: "languages".into(),
                expected: Expected::LanguageList,
            })
            .in_file(&file)
            .at_opt(span)
            .help(Message::HelpWriteAs { expected: Expected::LanguageList }),
        );
        return Vec::new();
    };
    let mut languages: Vec<LanguageConfig> = Vec::new();
    for item in &items {
        let get = |k: &str| item.get(k).and_then(scalar_text).map(|t| crate::text::nfc(t.trim()));
        let code = get("code").unwrap_or_default();
        // The line of this language's `code:`, when it can be found.
        let at = line_of(text, &code).or(span);
        let problem = |fields: &mut Fields, message: Message, help: Message| {
            fields.report(Diagnostic::error(message).in_file(&file).at_opt(at).help(help));
        };
        if !matches!(item, Value::Mapping(_)) || code.is_empty() {
            problem(
                fields,
                Message::WrongType { key: "languages".into(), expected: Expected::LanguageList },
                Message::HelpWriteAs { expected: Expected::LanguageList },
            );
            continue;
        }
        if !super::is_language_tag(&code) {
            problem(fields, Message::BadLanguageCode(code.clone()), Message::HelpLanguages);
            continue;
        }
        if languages.iter().any(|l| l.code.eq_ignore_ascii_case(&code)) {
            problem(fields, Message::LanguageTwice { code: code.clone() }, Message::HelpLanguages);
            continue;
        }
        if let Value::Mapping(map) = item {
            for key in map.keys().filter_map(scalar_text) {
                if !KEYS.contains(&key.as_str()) {
                    super::unknown_key_in(fields, "languages", &key, KEYS, at);
                }
            }
        }
        let path = get("path").unwrap_or_else(|| code.to_ascii_lowercase());
        let path = path.trim_matches('/').to_string();
        if path.is_empty() || path != crate::text::slugify(&path) {
            problem(
                fields,
                Message::BadLanguagePath { code: code.clone(), path: path.clone() },
                Message::HelpLanguages,
            );
            continue;
        }
        let text_map = |k: &str| -> Option<BTreeMap<String, String>> {
            match item.get(k)? {
                Value::Mapping(m) => m
                    .iter()
                    .map(|(k, v)| Some((scalar_text(k)?, crate::text::nfc(&scalar_text(v)?))))
                    .collect(),
                _ => None,
            }
        };
        languages.push(LanguageConfig {
            name: get("name").unwrap_or_else(|| own_name(&code)),
            title: get("title"),
            description: get("description"),
            path: format!("{path}/"),
            reading_speed: item.get("reading_speed").and_then(Value::as_u64).map(|n| n.clamp(1, 2000) as u32),
            glossary: text_map("glossary"),
            spoken: get("spoken"),
            taxonomy_titles: text_map("taxonomies").unwrap_or_default(),
            broadcast_opening: get("broadcast_opening"),
            broadcast_closing: get("broadcast_closing"),
            code,
        });
    }
    if languages.is_empty() {
        return languages;
    }
    let first = match default {
        Some(code) => match languages.iter().position(|l| l.code.eq_ignore_ascii_case(&code)) {
            Some(i) => i,
            None => {
                fields.report(
                    Diagnostic::error(Message::DefaultLanguageUnknown { code })
                        .in_file(&file)
                        .at_opt(default_span)
                        .help(Message::HelpLanguages),
                );
                0
            }
        },
        None => 0,
    };
    let default = languages.remove(first);
    languages.insert(0, LanguageConfig { path: String::new(), ..default });
    // Two languages in one folder would write over each other.
    let mut seen = std::collections::HashSet::new();
    for l in &languages {
        if !seen.insert(l.path.clone()) {
            fields.report(
                Diagnostic::error(Message::BadLanguagePath { code: l.code.clone(), path: l.path.clone() })
                    .in_file(&file)
                    .at_opt(line_of(text, &l.code).or(span))
                    .help(Message::HelpLanguages),
            );
        }
    }
    languages
}

/// The line that says `code: <code>` in site.yaml, for errors about that language.
fn line_of(text: &str, code: &str) -> Option<Span> {
    if code.is_empty() {
        return None;
    }
    text.lines().enumerate().find_map(|(i, line)| {
        let rest = line.trim_start().trim_start_matches("- ").trim_start_matches('{').trim_start();
        let value = rest.strip_prefix("code:")?.trim();
        let value = value.split([',', '}', '#']).next()?.trim().trim_matches(['"', '\'']);
        (value == code).then(|| Span::new(i + 1, line.len() - line.trim_start().len() + 1))
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::SiteConfig;
    use crate::messages::Lang;

    fn parse(yaml: &str) -> (Option<SiteConfig>, String) {
        let text = format!("title: Thử\nbase_url: https://x.gov.vn/\n{yaml}");
        let (config, d) = SiteConfig::parse(&text, Path::new("site.yaml"));
        (config, d.render(Lang::En, Path::new(".")))
    }

    #[test]
    fn the_default_language_is_at_the_root_and_the_others_in_their_folders() {
        let (config, out) = parse(
            "default_language: vi\nlanguages:\n  - { code: en, title: Digital transformation in Lạng Sơn }\n  - code: vi\n  - code: tyz\n    path: tay\n",
        );
        let config = config.unwrap_or_else(|| panic!("{out}"));
        let codes: Vec<_> = config.languages.iter().map(|l| (l.code.as_str(), l.path.as_str())).collect();
        assert_eq!(codes, [("vi", ""), ("en", "en/"), ("tyz", "tay/")]);
        assert_eq!(config.language, "vi");
        assert_eq!(config.languages[1].name, "English");
        assert_eq!(config.languages[2].name, "Tày");
        let en = config.for_language(&config.languages[1]);
        assert_eq!((en.language.as_str(), en.language_path.as_str()), ("en", "en/"));
        assert_eq!(en.title, "Digital transformation in Lạng Sơn");
    }

    #[test]
    fn malformed_codes_twice_named_languages_and_an_unknown_default_are_errors_with_lines() {
        let (config, out) = parse("languages:\n  - code: vi\n  - code: \"en_US\"\n  - code: vi\n");
        assert!(config.is_none());
        assert!(out.contains("`code: en_US` in `languages` is not a language code"), "{out}");
        assert!(out.contains("site.yaml:5:"), "{out}");
        assert!(out.contains("`vi` is listed twice"), "{out}");
        let (config, out) = parse("default_language: fr\nlanguages:\n  - code: vi\n  - code: en\n");
        assert!(config.is_none());
        assert!(out.contains("`default_language: fr` is not one of `languages`"), "{out}");
        assert!(out.contains("site.yaml:3:"), "{out}");
        // Unknown but well-formed codes are fine.
        let (config, out) = parse("languages:\n  - code: vi\n  - code: ium\n");
        assert!(config.is_some_and(|c| c.languages[1].path == "ium/"), "{out}");
    }

    #[test]
    fn a_site_without_languages_has_none() {
        let (config, _) = parse("language: vi\n");
        let config = config.expect("valid");
        assert!(config.languages.is_empty());
        assert_eq!(config.language_path, "");
    }
}
