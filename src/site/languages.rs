//! A multilingual site: one [`Site`] per language, assembled from one reading of
//! `content/`, then paired: each page and section learns its versions in the other
//! languages, for `hreflang` links, the language switcher and the sitemap.

use std::collections::HashMap;
use std::path::Path;

use super::{Selection, Site};
use crate::config::SiteConfig;
use crate::content::Content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;

/// One language's version of a page or section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub code: String,
    /// The language's name in itself (`English`).
    pub name: String,
    /// The page's folder inside the site (`en/hieu-dung/a/`); the language's home
    /// when `missing`.
    pub path: String,
    /// This language has no version of it: `path` is the language's home page.
    pub missing: bool,
    /// The version the page itself is.
    pub current: bool,
}

/// Every page's and section's versions, one per language of the site in site.yaml's
/// order (default first); empty in a site of one language.
#[derive(Debug, Default)]
pub struct Translations {
    pub pages: Vec<Vec<Version>>,
    pub sections: Vec<Vec<Version>>,
    /// Each language's home page, for pages that are not translated as such (lists,
    /// search, the broadcast desk).
    pub homes: Vec<Version>,
}

impl Translations {
    /// The version `hreflang="x-default"` points to: the default language's, or the
    /// first language that has one.
    pub fn x_default(versions: &[Version]) -> Option<&Version> {
        versions.iter().find(|v| !v.missing)
    }
}

impl Site {
    /// Does this language have the section: its own `_index` file, pages in it, or the
    /// home page? (Every language has every folder; a translation without either is an
    /// empty list that menus leave out.)
    pub fn shows(&self, section: &super::Section) -> bool {
        !self.config.multilingual()
            || section.parent.is_none()
            || section.source.is_some()
            || !section.pages.is_empty()
            || section.children.iter().any(|&c| self.shows(&self.sections[c]))
    }

    /// Where each page and section is, by its file below `content/` (a section by its
    /// `_index.md`), for links from a translation to pages it lacks.
    pub fn paths_by_source(&self) -> HashMap<std::path::PathBuf, String> {
        let mut paths: HashMap<_, _> = self
            .page_by_source
            .iter()
            .filter(|(_, &i)| self.pages[i].on(crate::content::Channel::Portal))
            .map(|(rel, &i)| (rel.clone(), self.pages[i].path.clone()))
            .collect();
        for s in &self.sections {
            paths.insert(s.dir.join(crate::content::SECTION_FILE), s.path.clone());
        }
        paths
    }
}

/// Assembles the site in each of its languages (one [`Site`] for a site without
/// `languages:`), the default language first.
pub fn assemble_all(
    root: &Path,
    config: SiteConfig,
    content: Content,
    selection: Selection,
) -> (Vec<Site>, Diagnostics) {
    if !config.multilingual() {
        let (site, d) = Site::assemble(root, config, content, selection);
        return (vec![site], d);
    }
    let mut diagnostics = Diagnostics::new();
    let languages = config.languages.clone();
    let mut sites: Vec<Site> = Vec::with_capacity(languages.len());
    for (language, part) in languages.iter().zip(content.by_language(&languages)) {
        let (site, d) =
            Site::assemble_language(root, config.for_language(language), part, selection, sites.first());
        diagnostics.extend(d);
        sites.push(site);
    }
    diagnostics.extend(collisions(&sites));
    // A link written from the site's root may lead to any language's page.
    let every: std::collections::HashSet<String> =
        sites.iter().flat_map(|s| s.addresses.iter().cloned()).collect();
    for site in &mut sites {
        site.addresses.clone_from(&every);
    }
    let (translations, d) = pair(&sites);
    diagnostics.extend(d);
    for (site, t) in sites.iter_mut().zip(translations) {
        site.translations = t;
    }
    (sites, diagnostics)
}

/// Pairs pages by their key and sections by their folder, across languages. Two pages of
/// one language with one key are an error naming both.
fn pair(sites: &[Site]) -> (Vec<Translations>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    // key → the page's index in each language.
    let mut by_key: HashMap<&str, Vec<Option<usize>>> = HashMap::new();
    for (l, site) in sites.iter().enumerate() {
        // A version off the portal has no page to link to: it counts as missing.
        for (i, page) in site.pages.iter().enumerate().filter(|(_, p)| p.on(crate::content::Channel::Portal))
        {
            let slots = by_key.entry(page.key.as_str()).or_insert_with(|| vec![None; sites.len()]);
            match slots[l] {
                Some(other) => diagnostics.push(
                    Diagnostic::error(Message::TranslationTwice {
                        key: page.key.clone(),
                        other: site.pages[other].source.file.clone(),
                    })
                    .in_file(&page.source.file)
                    .help(Message::HelpTranslationKey),
                ),
                None => slots[l] = Some(i),
            }
        }
    }
    let homes: Vec<Version> = sites
        .iter()
        .map(|s| Version {
            code: s.config.language.clone(),
            name: name_of(s),
            path: s.home().path.clone(),
            missing: false,
            current: false,
        })
        .collect();
    let versions = |l: usize, found: &dyn Fn(&Site) -> Option<String>| -> Vec<Version> {
        sites
            .iter()
            .enumerate()
            .map(|(k, site)| match found(site) {
                Some(path) => Version { path, current: k == l, ..homes[k].clone() },
                None => Version { missing: true, ..homes[k].clone() },
            })
            .collect()
    };
    let mut all = Vec::with_capacity(sites.len());
    for (l, site) in sites.iter().enumerate() {
        let pages = site
            .pages
            .iter()
            .map(|page| {
                let Some(slots) = by_key.get(page.key.as_str()) else { return Vec::new() };
                versions(l, &|other: &Site| {
                    let k = sites.iter().position(|s| std::ptr::eq(s, other))?;
                    slots[k].map(|i| other.pages[i].path.clone())
                })
            })
            .collect();
        let sections = site
            .sections
            .iter()
            .map(|section| {
                versions(l, &|other: &Site| {
                    other
                        .sections
                        .iter()
                        .find(|s| s.dir == section.dir && other.shows(s))
                        .map(|s| s.path.clone())
                })
            })
            .collect();
        let homes = homes.iter().enumerate().map(|(k, h)| Version { current: k == l, ..h.clone() }).collect();
        all.push(Translations { pages, sections, homes });
    }
    (all, diagnostics)
}

/// Pages and redirects of different languages on one address (a translation's alias on
/// a page of the original, a section of the default language inside another language's
/// folder): an error naming both files, as within one language.
fn collisions(sites: &[Site]) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    // Address → the language that claimed it first, and the file.
    let mut seen: HashMap<String, (usize, std::path::PathBuf)> = HashMap::new();
    for (l, site) in sites.iter().enumerate() {
        let pages = site.pages.iter().map(|p| (p.path.clone(), p.source.file.clone()));
        let aliases =
            site.aliases.iter().map(|a| (format!("{}/", a.path), site.pages[a.page].source.file.clone()));
        for (path, file) in pages.chain(aliases) {
            let key = path.trim_matches('/').to_lowercase();
            match seen.get(&key) {
                // Within one language, `Site::check_duplicate_urls` has told it already.
                Some((other_l, other)) if *other_l != l => diagnostics.push(
                    Diagnostic::error(Message::DuplicateUrl {
                        url: site.urls.path(&path),
                        other: other.clone(),
                    })
                    .in_file(&file)
                    .help(Message::HelpDuplicateUrl),
                ),
                Some(_) => {}
                None => {
                    seen.insert(key, (l, file));
                }
            }
        }
    }
    diagnostics
}

fn name_of(site: &Site) -> String {
    site.config
        .languages
        .iter()
        .find(|l| l.code == site.config.language)
        .map_or_else(|| site.config.language.clone(), |l| l.name.clone())
}
