//! `loa check`: everything a build validates, plus what an editor needs before
//! publishing. Writes nothing.

use std::path::Path;

use rayon::prelude::*;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::build::{make, AfterRender, BuildOptions, Made};
use crate::content::Channel;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, Span};
use crate::messages::{Lang, LeftOut, Message};
use crate::render::memo::Store;
use crate::site::Site;
use crate::text::spoken::{unknown_capitals, Glossary};

/// Longest title and summary that social cards show whole.
pub const TITLE_MAX: usize = 70;
pub const SUMMARY_MAX: usize = 160;

/// All problems found, and the site's language when it was known.
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub language: Option<String>,
}

/// Checks the site with its drafts: their problems are labelled, so that a page is
/// ready on the day its `draft: true` goes.
pub fn check(options: &BuildOptions) -> CheckReport {
    let options = BuildOptions { drafts: true, no_pictures: true, ..options.clone() };
    // The drafts are known from the site when it was made; when it was not, from the
    // files' front matter.
    let (mut report, drafts) = match make(&options, &|_| Ok(()), AfterRender::KeepBodies) {
        Err(failure) => (
            CheckReport { diagnostics: failure.diagnostics, language: failure.language },
            draft_files(&options.root),
        ),
        Ok(Made { site, mut diagnostics, translations, .. }) => {
            let sites: Vec<&Site> =
                std::iter::once(&site).chain(translations.iter().map(|(l, _)| &l.site)).collect();
            for s in &sites {
                diagnostics.extend(editor_checks(s, None));
            }
            diagnostics.extend(language_checks(&sites));
            // The drawings a build would clean, told now (nothing is written).
            for asset in site.assets.iter().filter(|a| a.path.to_ascii_lowercase().ends_with(".svg")) {
                for result in crate::outputs::pictures::svg(asset) {
                    if let Err(d) = result {
                        diagnostics.push(d);
                    }
                }
            }
            let drafts = sites
                .iter()
                .flat_map(|s| s.pages.iter())
                .filter(|p| p.source.front.draft)
                .map(|p| p.source.file.clone())
                .collect();
            (CheckReport { diagnostics, language: Some(site.config.language.clone()) }, drafts)
        }
    };
    report.diagnostics = report
        .diagnostics
        .into_iter_all()
        .map(|mut d| {
            d.draft = d.file.as_ref().is_some_and(|f| drafts.contains(f));
            d
        })
        .collect();
    report
}

/// The pages marked `draft: true`, by their file.
fn draft_files(root: &Path) -> std::collections::HashSet<std::path::PathBuf> {
    let content = root.join(crate::content::CONTENT_DIR);
    walkdir::WalkDir::new(&content)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| {
            let Ok(text) = std::fs::read_to_string(e.path()) else { return false };
            let Ok(split) = crate::content::front_matter::split(&text, e.path()) else { return false };
            split.yaml.is_some_and(|yaml| {
                yaml.lines().any(|l| {
                    let l = l.trim();
                    l.strip_prefix("draft:")
                        .is_some_and(|v| v.split('#').next().unwrap_or("").trim() == "true")
                })
            })
        })
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// How many untranslated pages a warning names before it only counts the rest.
const UNTRANSLATED_NAMED: usize = 20;

/// What a multilingual site's editors should know: for each language, the pages it has
/// not translated yet and the translations without an original; for a language whose
/// broadcast scripts pass numbers through as written, that they do.
pub fn language_checks(sites: &[&Site]) -> Diagnostics {
    let mut found = Diagnostics::new();
    let Some((default, others)) = sites.split_first() else { return found };
    let config_file = default.root.join(crate::config::CONFIG_FILE);
    let with_key = |site: &Site| -> std::collections::HashSet<String> {
        site.pages.iter().map(|p| p.key.clone()).collect()
    };
    let originals = with_key(default);
    for site in others {
        let c = &site.config;
        let translated = with_key(site);
        let missing: Vec<String> = default
            .pages
            .iter()
            .filter(|p| !translated.contains(&p.key))
            .map(|p| Path::new(crate::content::CONTENT_DIR).join(&p.source.rel).display().to_string())
            .collect();
        if !missing.is_empty() {
            let count = missing.len();
            let named = missing.into_iter().take(UNTRANSLATED_NAMED).collect();
            found.push(
                Diagnostic::warning(Message::Untranslated { lang: c.language.clone(), count, pages: named })
                    .help(Message::HelpUntranslated { lang: c.language.clone() }),
            );
        }
        for page in site.pages.iter().filter(|p| !originals.contains(&p.key)) {
            found.push(
                Diagnostic::warning(Message::TranslationWithoutOriginal { lang: c.language.clone() })
                    .in_file(&page.source.file)
                    .at_opt(page.source.front.title_span)
                    .help(Message::HelpTranslationKey),
            );
        }
        let on_air = site.pages.iter().any(|p| p.on(Channel::Broadcast));
        if c.writes("broadcast") && on_air && !c.speaks_vietnamese() {
            found.push(
                Diagnostic::warning(Message::SpokenAsWritten { lang: c.language.clone() })
                    .in_file(&config_file)
                    .help(Message::HelpSpokenAsWritten),
            );
        }
    }
    found
}

/// Warnings for things that build fine but should be fixed before publishing. With
/// `memo` (`loa serve`), a page's own are worked out again only when its file or the
/// site's settings changed.
pub fn editor_checks(site: &Site, memo: Option<&Store<Diagnostics>>) -> Diagnostics {
    let mut found = Diagnostics::new();
    let settings = blake3::hash(format!("{:?}", site.config).as_bytes());
    let glossary = site.config.spoken_glossary();
    let pages: Vec<Diagnostics> = site
        .pages
        .par_iter()
        .map(|page| {
            // An abbreviation in the title is placed by reading the title's line in the
            // file, which the page's values do not show (quotes): never remembered.
            let by_values_only = unknown_capitals(&page.source.front.title, glossary).is_empty();
            match memo {
                Some(memo) if by_values_only => {
                    let s = &page.source;
                    let key = crate::render::memo::hash_texts(
                        settings.as_bytes(),
                        &[
                            &s.file.to_string_lossy(),
                            &s.body_line.to_string(),
                            &format!("{:?}", s.front),
                            &s.body,
                        ],
                    );
                    memo.remember(key, || page_checks(site, page))
                }
                _ => page_checks(site, page),
            }
        })
        .collect();
    pages.into_iter().for_each(|d| found.extend(d));
    // The theme's words the site's language lacks (shown in Vietnamese meanwhile).
    let c = &site.config;
    match crate::render::i18n::strings(&site.root, &c.theme, &c.language) {
        Ok(strings) if !strings.missing.is_empty() => found.push(
            Diagnostic::warning(Message::I18nMissing { lang: c.language.clone(), keys: strings.missing })
                .help(Message::HelpI18nMissing { lang: c.language.clone() }),
        ),
        Ok(_) => {}
        Err(d) => found.push(d),
    }
    // Sections still titled with their folder's name, as `loa new` made them.
    for section in &site.sections {
        let Some(source) = &section.source else { continue };
        let folder = section.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !folder.is_empty()
            && folder.contains('-')
            && section.title == crate::scaffold::section_title(&folder)
        {
            found.push(
                Diagnostic::warning(Message::PlaceholderSectionTitle { title: section.title.clone() })
                    .in_file(&source.file)
                    .at_opt(source.front.title_span)
                    .help(Message::HelpPlaceholderSectionTitle),
            );
        }
    }
    // Two pages with one title (letters and marks alike, capitals aside).
    let mut titles: std::collections::HashMap<String, std::path::PathBuf> = std::collections::HashMap::new();
    for page in &site.pages {
        let key = crate::text::nfc(page.source.front.title.trim()).to_lowercase();
        let rel = Path::new(crate::content::CONTENT_DIR).join(&page.source.rel);
        match titles.get(&key) {
            Some(other) => found.push(
                Diagnostic::warning(Message::DuplicateTitle { other: other.clone() })
                    .in_file(&page.source.file)
                    .at_opt(page.source.front.title_span)
                    .help(Message::HelpDuplicateTitle),
            ),
            None => {
                titles.insert(key, rel);
            }
        }
    }
    for (reason, file) in &site.left_out {
        if matches!(reason, LeftOut::Future | LeftOut::Expired) {
            // Point at the date that decides it, and say what to do.
            let key = if *reason == LeftOut::Future { "date:" } else { "expires:" };
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let at = text.lines().position(|l| l.starts_with(key));
            let value = at.and_then(|n| text.lines().nth(n)).map(|l| l[key.len()..].trim().to_string());
            let mut d = Diagnostic::warning(Message::PageLeftOut { reason: *reason, file: file.clone() })
                .in_file(file);
            if let Some(n) = at {
                d = d.at(Span::new(n + 1, 1));
            }
            found.push(d.help(Message::HelpLeftOut { reason: *reason, date: value.unwrap_or_default() }));
        }
    }
    found
}

/// The warnings of [`editor_checks`] about one page's own file (the editor's live
/// preview asks for its page's only).
pub fn page_checks(site: &Site, page: &crate::site::Page) -> Diagnostics {
    let mut found = Diagnostics::new();
    let f = &page.source.front;
    let file = &page.source.file;
    match &f.summary {
        None => {
            found.push(Diagnostic::warning(Message::MissingSummary).in_file(file).at_opt(f.title_span).help(
                Message::HelpAddKey {
                    key: "summary".into(), example: "\"Một hai câu tóm tắt.\"".into()
                },
            ))
        }
        Some(s) if s.trim() == crate::scaffold::SUMMARY_PLACEHOLDER => found.push(
            Diagnostic::warning(Message::PlaceholderSummary)
                .in_file(file)
                .at_opt(f.summary_span)
                .help(Message::HelpPlaceholderSummary),
        ),
        Some(s) if s.chars().count() > SUMMARY_MAX => found.push(
            Diagnostic::warning(Message::TooLong {
                key: "summary".into(),
                length: s.chars().count(),
                max: SUMMARY_MAX,
            })
            .in_file(file)
            .at_opt(f.summary_span),
        ),
        _ => {}
    }
    if f.title.chars().count() > TITLE_MAX {
        found.push(
            Diagnostic::warning(Message::TooLong {
                key: "title".into(),
                length: f.title.chars().count(),
                max: TITLE_MAX,
            })
            .in_file(file)
            .at_opt(f.title_span),
        );
    }
    // On the portal a picture without a description is an error of the build; off
    // it (broadcast, newspaper only), a warning.
    let off_portal = !page.on(Channel::Portal);
    let without_alt = match off_portal {
        true => images_without_alt(&page.source.body, page.source.body_line),
        false => Vec::new(),
    };
    for span in without_alt {
        found.push(
            Diagnostic::warning(Message::ImageWithoutAlt).in_file(file).at(span).help(Message::HelpImageAlt),
        );
    }
    if f.channels.contains(Channel::Broadcast) && site.config.speaks_vietnamese() {
        unknown_abbreviations(page, site.config.spoken_glossary(), &mut found);
    }
    if off_portal && f.image.is_some() && f.image_alt.as_deref().is_none_or(str::is_empty) {
        found.push(
            Diagnostic::warning(Message::ImageWithoutAlt)
                .in_file(file)
                .at_opt(f.image_span)
                .help(Message::HelpImageAltKey),
        );
    }
    found
}

/// Capitals in a broadcast explainer's title, summary and body that no glossary can say:
/// each once per page, where it first stands.
fn unknown_abbreviations(page: &crate::site::Page, glossary: Glossary, found: &mut Diagnostics) {
    let source = &page.source;
    let f = &source.front;
    let mut seen: Vec<String> = Vec::new();
    let title_line = f.title_span.map(|s| s.line);
    let lines = [(title_line, f.title.as_str()), (None, f.summary.as_deref().unwrap_or(""))]
        .into_iter()
        .chain(source.body.lines().enumerate().map(|(i, l)| (Some(source.body_line + i), l)));
    for (line, text) in lines {
        for word in unknown_capitals(text, glossary) {
            if seen.contains(&word) {
                continue;
            }
            // In the title, the column counts from the start of the file's line.
            let written = match (line, line == title_line) {
                (Some(n), true) => std::fs::read_to_string(&source.file)
                    .ok()
                    .and_then(|t| t.lines().nth(n - 1).map(str::to_string))
                    .unwrap_or_else(|| text.to_string()),
                _ => text.to_string(),
            };
            let column = written.find(word.as_str()).map_or(1, |at| written[..at].chars().count() + 1);
            let mut d = Diagnostic::warning(Message::UnknownAbbreviation { word: word.clone() })
                .in_file(&source.file);
            if let Some(line) = line {
                d = d.at(Span::new(line, column));
            }
            found.push(d.help(Message::HelpGlossary { word: word.clone() }));
            seen.push(word);
        }
    }
}

/// Where Markdown images have no description.
fn images_without_alt(body: &str, body_line: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, crate::render::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { .. }) => open = Some((range.start, String::new())),
            Event::Text(t) => {
                if let Some((_, alt)) = &mut open {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = open.take() {
                    if alt.trim().is_empty() {
                        spans.push(Span::at_offset(body, start).shifted(body_line - 1));
                    }
                }
            }
            _ => {}
        }
    }
    spans
}

/// The report as JSON, for tools:
/// `{"errors": n, "warnings": n, "diagnostics": [{"severity", "file", "line", "column",
/// "message", "help"}]}`.
pub fn to_json(diagnostics: &Diagnostics, lang: Lang, root: &Path) -> String {
    let items: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": if d.severity == Severity::Error { "error" } else { "warning" },
                "file": d.file.as_ref().map(|f| f.strip_prefix(root).unwrap_or(f).display().to_string()),
                "line": d.span.map(|s| s.line),
                "column": d.span.map(|s| s.column),
                "message": d.message.text(lang),
                "help": d.help.as_ref().map(|h| h.text(lang)),
                "draft": d.draft,
            })
        })
        .collect();
    let errors = diagnostics.error_count();
    serde_json::json!({ "errors": errors, "warnings": items.len() - errors, "diagnostics": items })
        .to_string()
}
