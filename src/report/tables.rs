//! The report's tables, made once from the `Report` and drawn by every format (Word,
//! spreadsheet, web page, Markdown, CSV), so the documents can never disagree.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::labels::{self, L};
use super::model::Report;
use crate::content::Channel;
use crate::messages::Lang;

/// Which table: also the CSV file's suffix and the spreadsheet's sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableId {
    Summary,
    Units,
    ByChannel,
    ByUnit,
    BySection,
    ByTopic,
    ByAudience,
    ByMonth,
    Explainers,
    Partners,
    Feeds,
    Stations,
    Deploys,
    Sources,
}

impl TableId {
    pub const ALL: [TableId; 14] = [
        TableId::Summary,
        TableId::Units,
        TableId::ByChannel,
        TableId::ByUnit,
        TableId::BySection,
        TableId::ByTopic,
        TableId::ByAudience,
        TableId::ByMonth,
        TableId::Explainers,
        TableId::Partners,
        TableId::Feeds,
        TableId::Stations,
        TableId::Deploys,
        TableId::Sources,
    ];

    /// `summary`, `by-unit` …: CSV file suffixes and stable names for tools.
    pub fn slug(self) -> &'static str {
        match self {
            TableId::Summary => "summary",
            TableId::Units => "units",
            TableId::ByChannel => "by-channel",
            TableId::ByUnit => "by-unit",
            TableId::BySection => "by-section",
            TableId::ByTopic => "by-topic",
            TableId::ByAudience => "by-audience",
            TableId::ByMonth => "by-month",
            TableId::Explainers => "explainers",
            TableId::Partners => "partners",
            TableId::Feeds => "feeds",
            TableId::Stations => "stations",
            TableId::Deploys => "deploys",
            TableId::Sources => "sources",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u64),
    Seconds(u64),
    Date(Date),
    Empty,
}

impl Cell {
    /// The cell as a reader sees it in a document (numbers in the language's format).
    pub fn shown(&self, lang: Lang) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => labels::number(*n, lang),
            Cell::Seconds(s) => labels::duration(*s, lang),
            Cell::Date(d) => labels::date(*d, lang),
            Cell::Empty => String::new(),
        }
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Count(_) | Cell::Seconds(_))
    }
}

#[derive(Debug, Clone)]
pub struct Column {
    pub label: String,
    /// Shown in the Word document too (A4 portrait holds few columns).
    pub in_document: bool,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub id: TableId,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// A last row of totals, when adding up makes sense.
    pub total: Option<Vec<Cell>>,
}

impl Table {
    fn new(id: TableId, title: L, lang: Lang, columns: &[(L, bool)]) -> Table {
        Table {
            id,
            title: title.text(lang).to_string(),
            columns: columns
                .iter()
                .map(|(l, in_document)| Column { label: l.text(lang).to_string(), in_document: *in_document })
                .collect(),
            rows: Vec::new(),
            total: None,
        }
    }

    /// Column indexes shown in the Word document.
    pub fn document_columns(&self) -> Vec<usize> {
        (0..self.columns.len()).filter(|&i| self.columns[i].in_document).collect()
    }
}

/// Every table of `report`, in the order the documents show them. Tables with nothing
/// to show are left out, except the summary and the sources.
pub fn tables(report: &Report, lang: Lang) -> Vec<Table> {
    let mut out = vec![summary(report, lang)];
    if !report.units.is_empty() {
        out.push(units(report, lang));
    }
    out.push(by_channel(report, lang));
    let by = |id, title, key: L, group: &dyn Fn(&super::model::Explainer) -> Vec<String>| {
        grouped(report, lang, id, title, key, group)
    };
    out.push(by(TableId::ByUnit, L::ByUnit, L::Unit, &|e| vec![or_missing(&e.unit, L::NoUnit, lang)]));
    out.push(by(TableId::BySection, L::BySection, L::Section, &|e| vec![section_name(e, lang)]));
    out.push(by(TableId::ByTopic, L::ByTopic, L::Topic, &|e| e.topics.clone()));
    out.push(by(TableId::ByAudience, L::ByAudience, L::Audience, &|e| e.audiences.clone()));
    out.push(by_month(report, lang));
    out.push(explainers(report, lang));
    out.push(partners(report, lang));
    out.push(feeds(report, lang));
    out.push(stations(report, lang));
    out.push(deploys(report, lang));
    out.retain(|t| !t.rows.is_empty() || matches!(t.id, TableId::Summary | TableId::Explainers));
    out.push(sources(report, lang));
    out
}

/// The section as readers know it: its title, else its folder.
fn section_name(e: &super::model::Explainer, lang: Lang) -> String {
    match (e.section_title.is_empty(), e.section.is_empty()) {
        (false, _) => e.section_title.clone(),
        (true, false) => e.section.clone(),
        (true, true) => L::NoSection.text(lang).to_string(),
    }
}

fn or_missing(text: &str, missing: L, lang: Lang) -> String {
    if text.is_empty() {
        missing.text(lang).to_string()
    } else {
        text.to_string()
    }
}

fn summary(report: &Report, lang: Lang) -> Table {
    let totals = report.totals();
    let mut t = Table::new(TableId::Summary, L::Summary, lang, &[(L::Figure, true), (L::Amount, true)]);
    let rows: [(L, Cell); 12] = [
        (L::Published, Cell::Count(totals.published_in_period)),
        (L::InReport, Cell::Count(totals.explainers)),
        (L::PortalViews, Cell::Count(totals.views.portal)),
        (L::EmbedViews, Cell::Count(totals.views.embed)),
        (L::Readers, Cell::Count(totals.readers_estimate)),
        (L::OEmbed, Cell::Count(totals.views.oembed)),
        (L::Downloads, Cell::Count(totals.views.broadcast_downloads)),
        (L::FeedFetches, Cell::Count(totals.feed_fetches)),
        (L::PartnerSites, Cell::Count(report.partners.iter().filter(|p| is_site(&p.host)).count() as u64)),
        (L::Airings, Cell::Count(totals.airings)),
        (L::Airtime, Cell::Seconds(totals.airtime_seconds)),
        (
            L::DeployCount,
            Cell::Count(report.deploys.iter().filter(|d| d.record.action == "deploy").count() as u64),
        ),
    ];
    let period = match super::period::Period::parse_dates(&report.period.from, &report.period.to) {
        Some(p) => format!("{} – {}", labels::date(p.from, lang), labels::date(p.to, lang)),
        None => format!("{} – {}", report.period.from, report.period.to),
    };
    t.rows = vec![
        vec![text(L::ReportingUnit.text(lang)), text(&report.unit)],
        vec![text(L::Period.text(lang)), text(&period)],
    ];
    t.rows.extend(rows.into_iter().map(|(l, c)| vec![text(l.text(lang)), c]));
    t
}

/// A text cell: control characters (which Word and terminals choke on) replaced by `�`.
pub fn text(s: &str) -> Cell {
    Cell::Text(s.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect())
}

/// A partner key naming a real site (not "opened directly" or "other").
pub fn is_site(host: &str) -> bool {
    !host.is_empty() && host != super::log_line::OTHER_HOST
}

fn units(report: &Report, lang: Lang) -> Table {
    let mut t = Table::new(
        TableId::Units,
        L::Units,
        lang,
        &[
            (L::Unit, true),
            (L::From, false),
            (L::To, false),
            (L::Published, true),
            (L::PortalViews, true),
            (L::EmbedViews, true),
            (L::Readers, false),
            (L::FeedFetches, false),
            (L::Airings, true),
            (L::Airtime, false),
        ],
    );
    let day = |d: &str| d.parse::<Date>().map_or_else(|_| text(d), Cell::Date);
    for u in &report.units {
        t.rows.push(vec![
            text(&u.unit),
            day(&u.period.from),
            day(&u.period.to),
            Cell::Count(u.published_in_period),
            Cell::Count(u.views.portal),
            Cell::Count(u.views.embed),
            Cell::Count(u.readers_estimate),
            Cell::Count(u.feed_fetches),
            Cell::Count(u.airings),
            Cell::Seconds(u.airtime_seconds),
        ]);
    }
    // The province's totals are the merged report's: an explainer two units both
    // published is one explainer.
    let all = report.totals();
    t.total = Some(vec![
        text(L::Total.text(lang)),
        day(&report.period.from),
        day(&report.period.to),
        Cell::Count(all.published_in_period),
        Cell::Count(all.views.portal),
        Cell::Count(all.views.embed),
        Cell::Count(all.readers_estimate),
        Cell::Count(all.feed_fetches),
        Cell::Count(all.airings),
        Cell::Seconds(all.airtime_seconds),
    ]);
    t
}

fn by_channel(report: &Report, lang: Lang) -> Table {
    let mut t = Table::new(
        TableId::ByChannel,
        L::ByChannel,
        lang,
        &[(L::Channel, true), (L::Published, true), (L::Views, true), (L::Airings, true), (L::Airtime, true)],
    );
    let totals = report.totals();
    for channel in Channel::ALL {
        let published = report
            .explainers
            .iter()
            .filter(|e| e.published_in_period && e.channels.iter().any(|c| c == channel.name()))
            .count() as u64;
        let (views, airings, airtime) = match channel {
            Channel::Portal => (totals.views.portal, Cell::Empty, Cell::Empty),
            Channel::Newspaper => (totals.views.embed + totals.views.oembed, Cell::Empty, Cell::Empty),
            Channel::Broadcast => (
                totals.views.broadcast_downloads,
                Cell::Count(totals.airings),
                Cell::Seconds(totals.airtime_seconds),
            ),
        };
        t.rows.push(vec![
            text(labels::channel(channel.name(), lang)),
            Cell::Count(published),
            Cell::Count(views),
            airings,
            airtime,
        ]);
    }
    t
}

/// Explainers grouped by a key (an explainer may fall in several groups: topics).
fn grouped(
    report: &Report,
    lang: Lang,
    id: TableId,
    title: L,
    key: L,
    group: &dyn Fn(&super::model::Explainer) -> Vec<String>,
) -> Table {
    let mut t = Table::new(
        id,
        title,
        lang,
        &[
            (key, true),
            (L::Published, true),
            (L::PortalViews, true),
            (L::EmbedViews, true),
            (L::Airings, true),
        ],
    );
    let mut groups: BTreeMap<(Vec<u16>, String), [u64; 4]> = BTreeMap::new();
    for e in &report.explainers {
        for name in group(e) {
            let g = groups.entry((crate::text::collation_key(&name), name)).or_default();
            g[0] += u64::from(e.published_in_period);
            g[1] += e.views.portal;
            g[2] += e.views.embed;
            g[3] += e.airings;
        }
    }
    for ((_, name), [published, portal, embed, airings]) in groups {
        t.rows.push(vec![
            text(&name),
            Cell::Count(published),
            Cell::Count(portal),
            Cell::Count(embed),
            Cell::Count(airings),
        ]);
    }
    t
}

fn by_month(report: &Report, lang: Lang) -> Table {
    let mut t = Table::new(
        TableId::ByMonth,
        L::ByMonth,
        lang,
        &[(L::Month, true), (L::Published, true), (L::PortalViews, true), (L::EmbedViews, true)],
    );
    let Some(period) = super::period::Period::parse_dates(&report.period.from, &report.period.to) else {
        return t;
    };
    for (year, month) in period.months() {
        let in_month = |date: &str| date.get(..7) == Some(&format!("{year:04}-{month:02}")[..]);
        let published = report
            .explainers
            .iter()
            .filter(|e| e.published_in_period && e.date.as_deref().is_some_and(in_month))
            .count() as u64;
        let (portal, embed) = report
            .daily
            .iter()
            .filter(|d| in_month(&d.date))
            .fold((0, 0), |(p, e), d| (p + d.portal, e + d.embed));
        let name = match lang {
            Lang::Vi => format!("{month:02}/{year}"),
            Lang::En => format!("{year}-{month:02}"),
        };
        t.rows.push(vec![text(&name), Cell::Count(published), Cell::Count(portal), Cell::Count(embed)]);
    }
    t
}

fn explainers(report: &Report, lang: Lang) -> Table {
    let mut t = Table::new(
        TableId::Explainers,
        L::Explainers,
        lang,
        &[
            (L::Ordinal, true),
            (L::Title, true),
            (L::Unit, false),
            (L::Section, false),
            (L::Date, true),
            (L::Channels, false),
            (L::Words, false),
            (L::ReadingTime, false),
            (L::PortalViews, true),
            (L::EmbedViews, true),
            (L::OEmbed, false),
            (L::Downloads, false),
            (L::Readers, false),
            (L::Airings, true),
            (L::Airtime, false),
        ],
    );
    let mut sum = [0u64; 7];
    for (n, e) in report.explainers.iter().enumerate() {
        let channels: Vec<&str> = e.channels.iter().map(|c| labels::channel(c, lang)).collect();
        let date = e.date.as_deref().and_then(|d| d.parse::<Date>().ok()).map_or(Cell::Empty, Cell::Date);
        t.rows.push(vec![
            Cell::Count(n as u64 + 1),
            text(&e.title),
            text(&e.unit),
            text(&section_name(e, lang)),
            date,
            text(&channels.join(", ")),
            Cell::Count(e.words),
            if e.broadcast_seconds > 0 { Cell::Seconds(e.broadcast_seconds) } else { Cell::Empty },
            Cell::Count(e.views.portal),
            Cell::Count(e.views.embed),
            Cell::Count(e.views.oembed),
            Cell::Count(e.views.broadcast_downloads),
            Cell::Count(e.readers_estimate),
            Cell::Count(e.airings),
            Cell::Seconds(e.airtime_seconds),
        ]);
        for (s, v) in sum.iter_mut().zip([
            e.views.portal,
            e.views.embed,
            e.views.oembed,
            e.views.broadcast_downloads,
            e.readers_estimate,
            e.airings,
            e.airtime_seconds,
        ]) {
            *s += v;
        }
    }
    let mut total = vec![Cell::Empty, text(L::Total.text(lang))];
    total.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
    total.extend(sum[..6].iter().map(|&n| Cell::Count(n)));
    total.push(Cell::Seconds(sum[6]));
    t.total = Some(total);
    t
}

fn partners(report: &Report, lang: Lang) -> Table {
    let mut t = Table::new(TableId::Partners, L::Partners, lang, &[(L::Host, true), (L::EmbedViews, true)]);
    for p in &report.partners {
        t.rows.push(vec![text(&labels::host(&p.host, lang)), Cell::Count(p.views)]);
    }
    t
}

fn feeds(report: &Report, lang: Lang) -> Table {
    let mut t = Table::new(TableId::Feeds, L::Feeds, lang, &[(L::Feed, true), (L::FeedFetches, true)]);
    for f in report.feeds.iter().filter(|f| f.fetches > 0) {
        t.rows.push(vec![text(&f.path), Cell::Count(f.fetches)]);
    }
    t
}

fn stations(report: &Report, lang: Lang) -> Table {
    let mut t = Table::new(
        TableId::Stations,
        L::Stations,
        lang,
        &[(L::Station, true), (L::Airings, true), (L::Airtime, true)],
    );
    for s in &report.stations {
        t.rows.push(vec![text(&s.station), Cell::Count(s.airings), Cell::Seconds(s.airtime_seconds)]);
    }
    t
}

/// Each deploy to the portal: when, where, what was sent and by whom.
fn deploys(report: &Report, lang: Lang) -> Table {
    let merged = !report.units.is_empty();
    let mut columns = vec![(L::DeployTime, true)];
    if merged {
        columns.push((L::ReportingUnit, true));
    }
    columns.extend([
        (L::DeployTarget, true),
        (L::DeployAction, true),
        (L::Release, false),
        (L::FilesSent, true),
        (L::FilesDeleted, false),
        (L::BytesSent, false),
        (L::DeployedBy, false),
    ]);
    let mut t = Table::new(TableId::Deploys, L::Deploys, lang, &columns);
    for d in &report.deploys {
        let r = &d.record;
        let action = if r.action == "rollback" { L::Rollback } else { L::Deploy };
        let mut row = vec![text(&super::deploys::vietnam_time(&r.time, lang))];
        if merged {
            row.push(text(&d.unit));
        }
        row.extend([
            text(&r.target),
            text(action.text(lang)),
            text(&r.release),
            Cell::Count(r.files_sent),
            Cell::Count(r.files_deleted),
            Cell::Count(r.bytes_sent),
            text(&format!("{}@{}", r.user, r.host)),
        ]);
        t.rows.push(row);
    }
    t
}

fn sources(report: &Report, lang: Lang) -> Table {
    let mut t = Table::new(TableId::Sources, L::LogTable, lang, &[(L::Figure, true), (L::Amount, true)]);
    let log = &report.log;
    let air = &report.airing_log;
    let rows = [
        (L::LogFiles, log.files),
        (L::LogLines, log.lines),
        (L::LogCounted, log.counted),
        (L::LogOtherFiles, log.other_files),
        (L::LogBots, log.bots),
        (L::LogHead, log.head),
        (L::LogOtherMethods, log.other_methods),
        (L::LogNotOk, log.not_ok),
        (L::LogOutside, log.outside_period),
        (L::LogOtherPaths, log.other_paths),
        (L::LogMalformed, log.malformed),
        (L::AiringRows, air.rows),
        (L::AiringCounted, air.counted),
        (L::AiringOutside, air.outside_period),
        (L::AiringUnknown, air.unknown_explainer),
        (L::AiringBad, air.bad),
    ];
    t.rows = rows.into_iter().map(|(l, n)| vec![text(l.text(lang)), Cell::Count(n)]).collect();
    t
}
