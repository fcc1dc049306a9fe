//! The `Report` value: counts only, never an address, user agent, cookie or query
//! string. Its JSON form is the shape in SPEC.md §Report (`loa-report/1`), read back when
//! the department merges units' reports.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "loa-report/1";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub schema: String,
    pub period: PeriodDates,
    /// The reporting unit (site.yaml `report.organisation`, else `publisher`).
    pub unit: String,
    pub explainers: Vec<Explainer>,
    pub feeds: Vec<Feed>,
    pub partners: Vec<Partner>,
    pub stations: Vec<Station>,
    pub log: LogStats,
    /// One entry per unit in a merged report; empty in a unit's own report.
    #[serde(default)]
    pub units: Vec<UnitTotals>,
    /// What the broadcast logs held.
    #[serde(default)]
    pub airing_log: AiringStats,
    /// Portal and embed views day by day (Vietnam time), for charts and months.
    #[serde(default)]
    pub daily: Vec<DayViews>,
    /// Which program wrote it (`loa 0.1.0`).
    #[serde(default)]
    pub generator: String,
    /// The site's title and address, when the report was made from a site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteInfo>,
    /// The deploys of the period (`loa deploy`), as evidence of publication.
    #[serde(default)]
    pub deploys: Vec<Deploy>,
}

/// One deploy from the site's deploys.csv.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Deploy {
    /// The unit whose site it was: the report's unit, or in a merged report the unit
    /// that reported it.
    #[serde(default)]
    pub unit: String,
    #[serde(flatten)]
    pub record: crate::deploy::log::DeployRecord,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PeriodDates {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DayViews {
    /// `2026-04-15`
    pub date: String,
    pub portal: u64,
    pub embed: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SiteInfo {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Explainer {
    /// The page's URL path, base path included (`/chuyen-doi-so/hieu-dung/cds-la-gi/`).
    pub path: String,
    /// Its file below `content/`.
    pub source: String,
    pub title: String,
    pub unit: String,
    /// The section's path without slashes at the ends (`hieu-dung`; `""` for the home).
    pub section: String,
    /// The section's title (`Hiểu đúng`).
    #[serde(default)]
    pub section_title: String,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Terms of the site's other taxonomies, by taxonomy name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub other_terms: BTreeMap<String, Vec<String>>,
    pub channels: Vec<String>,
    /// `2026-03-10`, or `null` for a page without a date.
    pub date: Option<String>,
    pub published_in_period: bool,
    pub words: u64,
    pub syllables: u64,
    /// The read-aloud script's length (0 when the explainer is not on the broadcast channel).
    pub broadcast_seconds: u64,
    pub views: Views,
    /// Distinct readers per day on the portal and in embeds, summed over the days (an
    /// estimate: ±2 %).
    pub readers_estimate: u64,
    /// Embed views by the Referer's host (`""`: no Referer).
    pub partners: BTreeMap<String, u64>,
    pub airings: u64,
    pub airtime_seconds: u64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct Views {
    pub portal: u64,
    pub embed: u64,
    pub oembed: u64,
    pub broadcast_downloads: u64,
}

impl Views {
    /// Adds `other`'s counts (saturating: merged reports come from files).
    pub fn add(&mut self, other: &Views) {
        self.portal = self.portal.saturating_add(other.portal);
        self.embed = self.embed.saturating_add(other.embed);
        self.oembed = self.oembed.saturating_add(other.oembed);
        self.broadcast_downloads = self.broadcast_downloads.saturating_add(other.broadcast_downloads);
    }

    /// Views by readers: the page on the portal and in newspapers' embeds.
    pub fn read(&self) -> u64 {
        self.portal + self.embed
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Feed {
    pub path: String,
    pub fetches: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Partner {
    pub host: String,
    pub views: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Station {
    pub station: String,
    pub airings: u64,
    pub airtime_seconds: u64,
}

/// What the access logs held, line by line: every line lands in exactly one count
/// after `files` and `lines`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct LogStats {
    pub files: u64,
    pub lines: u64,
    /// Counted for an explainer or a feed.
    pub counted: u64,
    pub bots: u64,
    pub malformed: u64,
    pub outside_period: u64,
    /// Requests for paths outside the site's base path (other sites on the server).
    pub other_paths: u64,
    /// Answered with anything but 2xx or 304.
    pub not_ok: u64,
    pub head: u64,
    /// Methods other than GET and HEAD.
    #[serde(default)]
    pub other_methods: u64,
    /// Successful reads of the site's other files: home, lists, search, styles, images.
    #[serde(default)]
    pub other_files: u64,
}

impl LogStats {
    pub fn add(&mut self, o: &LogStats) {
        self.files = self.files.saturating_add(o.files);
        self.lines = self.lines.saturating_add(o.lines);
        self.counted = self.counted.saturating_add(o.counted);
        self.bots = self.bots.saturating_add(o.bots);
        self.malformed = self.malformed.saturating_add(o.malformed);
        self.outside_period = self.outside_period.saturating_add(o.outside_period);
        self.other_paths = self.other_paths.saturating_add(o.other_paths);
        self.not_ok = self.not_ok.saturating_add(o.not_ok);
        self.head = self.head.saturating_add(o.head);
        self.other_methods = self.other_methods.saturating_add(o.other_methods);
        self.other_files = self.other_files.saturating_add(o.other_files);
    }
}

/// What the broadcast logs held, row by row.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct AiringStats {
    pub files: u64,
    pub rows: u64,
    pub counted: u64,
    pub outside_period: u64,
    /// Rows naming no explainer of the site.
    pub unknown_explainer: u64,
    /// Rows that could not be read (a bad date, time or duration, a missing column).
    pub bad: u64,
}

impl AiringStats {
    pub fn add(&mut self, o: &AiringStats) {
        self.files = self.files.saturating_add(o.files);
        self.rows = self.rows.saturating_add(o.rows);
        self.counted = self.counted.saturating_add(o.counted);
        self.outside_period = self.outside_period.saturating_add(o.outside_period);
        self.unknown_explainer = self.unknown_explainer.saturating_add(o.unknown_explainer);
        self.bad = self.bad.saturating_add(o.bad);
    }
}

/// One unit's line in a merged report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UnitTotals {
    pub unit: String,
    pub period: PeriodDates,
    /// Explainers in its report (published in the period, or read or aired in it).
    pub explainers: u64,
    pub published_in_period: u64,
    pub views: Views,
    pub readers_estimate: u64,
    pub feed_fetches: u64,
    pub airings: u64,
    pub airtime_seconds: u64,
}

impl Report {
    /// The totals of this report, as one unit's line.
    pub fn totals(&self) -> UnitTotals {
        let mut views = Views::default();
        let (mut readers, mut airings, mut airtime, mut published) = (0, 0, 0, 0);
        for e in &self.explainers {
            views.add(&e.views);
            readers = e.readers_estimate.saturating_add(readers);
            airings = e.airings.saturating_add(airings);
            airtime = e.airtime_seconds.saturating_add(airtime);
            published += u64::from(e.published_in_period);
        }
        UnitTotals {
            unit: self.unit.clone(),
            period: self.period.clone(),
            explainers: self.explainers.len() as u64,
            published_in_period: published,
            views,
            readers_estimate: readers,
            feed_fetches: self.feeds.iter().fold(0u64, |n, f| n.saturating_add(f.fetches)),
            airings,
            airtime_seconds: airtime,
        }
    }
}
