//! What was published: the site read exactly as a build reads it, with the same draft,
//! future and expiry rules, evaluated over the report's period (a page that expired in
//! the middle of it was live in it).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::access_log::{Hit, Target, Targets};
use super::model::{Explainer, Views};
use super::period::Period;
use crate::config::SiteConfig;
use crate::content::Channel;
use crate::diagnostics::Diagnostics;
use crate::outputs::broadcast::{figures, ScriptFigures};
use crate::site::{Selection, Site};

/// The feed files a site may write in each list.
const FEED_FILES: [&str; 3] = ["atom.xml", "rss.xml", "feed.json"];

pub struct Inventory {
    pub site: Site,
    pub period: Period,
    /// Page folder inside the site (`hieu-dung/cds-la-gi/`) → page.
    by_path: HashMap<String, usize>,
    /// Paths inside the site of every feed a list can have.
    pub feeds: Vec<String>,
    /// Each page's read-aloud figures, worked out once; the Markdown is then dropped, so
    /// the site's text is not held while the logs are read.
    figures: Vec<ScriptFigures>,
}

impl Inventory {
    /// Reads the site at `root` as a build over `period` would see it. Errors in the
    /// site are returned; a report needs the site a build would publish.
    pub fn load(root: &Path, period: Period) -> Result<(Inventory, Diagnostics), Diagnostics> {
        let (config, mut diagnostics) = SiteConfig::load(root);
        let Some(config) = config else { return Err(diagnostics) };
        let (content, d) = crate::content::load(root, &config, None, None);
        diagnostics.extend(d);
        // Live at some moment of the period: due before its end (or now, if that is
        // sooner), not expired before its start.
        let now = jiff::Timestamp::now().min(period.end());
        let selection = Selection { drafts: false, now: Some(now), live_since: Some(period.start()) };
        // The default language's explainers (a multilingual site's translations are
        // assembled to be told apart from them, then left out).
        let (sites, d) = crate::site::languages::assemble_all(root, config, content, selection);
        diagnostics.extend(d);
        let Some(site) = sites.into_iter().next() else { return Err(diagnostics) };
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let by_path = site.pages.iter().enumerate().map(|(i, p)| (p.path.clone(), i)).collect();
        let mut lists: Vec<&str> = vec![""];
        lists.extend(site.sections.iter().map(|s| s.path.as_str()).filter(|p| !p.is_empty()));
        lists.extend(site.taxonomies.iter().flat_map(|t| t.terms.iter().map(|term| term.path.as_str())));
        let feeds = lists.iter().flat_map(|list| FEED_FILES.map(|f| format!("{list}{f}"))).collect();
        let mut site = site;
        let figures = (0..site.pages.len()).into_par_iter().map(|i| figures(&site, i)).collect();
        site.pages.iter_mut().for_each(|p| p.source.body = std::sync::Arc::from(""));
        Ok((Inventory { site, period, by_path, feeds, figures }, diagnostics))
    }

    /// Every file of the explainers `kept` says, and of every feed when `feeds`, by its
    /// path inside the site; other pages' files count as the site's other files.
    pub fn targets(&self, kept: &[bool], feeds: bool) -> Targets {
        let mut entries = Vec::new();
        for (i, page) in self.site.pages.iter().enumerate() {
            if !kept[i] {
                continue;
            }
            let i = i as u32;
            let p = &page.path;
            entries.push((p.clone(), Target::Explainer(i, Hit::Portal)));
            entries.push((format!("{p}index.html"), Target::Explainer(i, Hit::Portal)));
            entries.push((p.trim_end_matches('/').to_string(), Target::Explainer(i, Hit::Portal)));
            entries.push((format!("{p}embed/"), Target::Explainer(i, Hit::Embed)));
            entries.push((format!("{p}embed/index.html"), Target::Explainer(i, Hit::Embed)));
            entries.push((format!("{p}oembed.json"), Target::Explainer(i, Hit::OEmbed)));
            for file in ["broadcast.txt", "broadcast.vtt", "bulletin.txt"] {
                entries.push((format!("{p}{file}"), Target::Explainer(i, Hit::Broadcast)));
            }
        }
        for (n, feed) in self.feeds.iter().enumerate().filter(|_| feeds) {
            entries.push((feed.clone(), Target::Feed(n as u32)));
        }
        Targets::new(self.site.urls.base_path(), self.site.pages.len(), self.feeds.len(), entries)
    }

    /// The page a broadcast log names: its path (`/chuyen-doi-so/hieu-dung/cds/`), its
    /// URL, one of its files, or its source file (`hieu-dung/cds.md`).
    pub fn lookup(&self, reference: &str) -> Option<usize> {
        let mut r = reference.trim();
        if let Some(rest) = r.strip_prefix("https://").or_else(|| r.strip_prefix("http://")) {
            r = rest.find('/').map_or("/", |i| &rest[i..]);
        }
        r = &r[..r.find(['?', '#']).unwrap_or(r.len())];
        let decoded = crate::text::nfc(&crate::text::percent_decode(r));
        let r = decoded.as_str();
        if r.to_ascii_lowercase().ends_with(".md") {
            let rel = r.trim_start_matches('/');
            let rel = rel.strip_prefix("content/").unwrap_or(rel);
            return self.site.page_by_source.get(&PathBuf::from(rel)).copied();
        }
        let base = self.site.urls.base_path();
        let rel = r.strip_prefix(base).or_else(|| r.strip_prefix(base.trim_end_matches('/'))).unwrap_or(r);
        // The page's folder, or one of its files: whole path segments are dropped, and
        // the path as written is tried first (a page may be called `embed`).
        let mut segments: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
        loop {
            let mut path = segments.join("/");
            path.push('/');
            if let Some(&i) = self.by_path.get(&path) {
                return Some(i);
            }
            match segments.last() {
                Some(
                    &("index.html" | "broadcast.txt" | "broadcast.vtt" | "bulletin.txt" | "oembed.json"
                    | "embed"),
                ) => {
                    segments.pop();
                }
                _ => return None,
            }
        }
    }

    /// Was page `i` published within the period?
    pub fn published_in_period(&self, i: usize) -> bool {
        self.site.pages[i].source.front.date.is_some_and(|d| self.period.contains(d.date))
    }

    /// The rows of pages `pages`.
    pub fn rows(&self, pages: &[usize]) -> Vec<Explainer> {
        pages.iter().map(|&i| self.row(i)).collect()
    }

    fn row(&self, i: usize) -> Explainer {
        let site = &self.site;
        let page = &site.pages[i];
        let f = &page.source.front;
        let figures = self.figures[i];
        let mut topics = Vec::new();
        let mut audiences = Vec::new();
        let mut other_terms = std::collections::BTreeMap::new();
        for (name, terms) in &f.taxonomies {
            match name.as_str() {
                "topics" => topics = terms.clone(),
                "audiences" => audiences = terms.clone(),
                _ if site.config.taxonomy(name).is_some() => {
                    other_terms.insert(name.clone(), terms.clone());
                }
                _ => {}
            }
        }
        let on_air = page.on(Channel::Broadcast) && site.config.writes("broadcast");
        Explainer {
            path: site.urls.path(&page.path),
            source: page.source.rel.to_string_lossy().replace('\\', "/"),
            title: f.title.clone(),
            unit: f.unit.clone().unwrap_or_default(),
            section: site.sections[page.section].path.trim_matches('/').to_string(),
            section_title: site.sections[page.section].title.clone(),
            topics,
            audiences,
            other_terms,
            channels: f.channels.names().into_iter().map(String::from).collect(),
            date: f.date.map(|d| d.date.to_string()),
            published_in_period: self.published_in_period(i),
            words: figures.words as u64,
            syllables: figures.syllables as u64,
            broadcast_seconds: if on_air { u64::from(figures.seconds) } else { 0 },
            views: Views::default(),
            readers_estimate: 0,
            partners: Default::default(),
            airings: 0,
            airtime_seconds: 0,
        }
    }
}
