//! `--format html`: one self-contained page to read on screen or print on A4, with the
//! tables and SVG charts (views per explainer, per channel, per week; airings per
//! station), each chart described in words for screen readers. Nothing is loaded from
//! anywhere; every text is escaped for the HTML or SVG it lands in.

use std::fmt::Write as _;

use super::Document;
use crate::messages::Lang;
use crate::report::labels::{self, L};
use crate::report::model::Report;
use crate::report::tables::Table;

const STYLE: &str = r#"
:root { color: #111; background: #fff; font-family: "Times New Roman", Times, serif; font-size: 18px; line-height: 1.45; }
body { margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
.letterhead { display: grid; grid-template-columns: 1fr 1.3fr; gap: 1rem; text-align: center; }
.letterhead p { margin: 0; }
.strong { font-weight: bold; }
.rule { display: block; width: 40%; margin: .2rem auto .4rem; border: 0; border-top: 1px solid #111; }
.place-date { font-style: italic; }
h1 { text-align: center; font-size: 1.3rem; margin: 1.5rem 0 .2rem; }
.subject { text-align: center; font-weight: bold; margin: 0 0 1rem; }
.recipient { text-align: center; }
h2 { font-size: 1.1rem; margin-top: 1.6rem; }
h3 { font-size: 1rem; margin-top: 1.3rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .85rem; }
caption { text-align: left; font-style: italic; padding-bottom: .2rem; }
th, td { border: 1px solid #555; padding: .2rem .4rem; vertical-align: top; }
th { background: #eef1f5; }
td.n { text-align: right; white-space: nowrap; }
tr.total td, tr.total th { font-weight: bold; }
figure { margin: 1rem 0; }
figcaption { font-weight: bold; }
svg { max-width: 100%; height: auto; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: 2rem; }
.signatures .signer { text-align: center; }
.recipients { font-size: .8rem; }
.colophon { margin-top: 2rem; font-size: .8rem; color: #333; }
@media print {
  @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
  :root { font-size: 13pt; }
  main { max-width: none; padding: 0; }
  table { font-size: 9pt; page-break-inside: auto; }
  tr, figure { page-break-inside: avoid; }
  .scroll { overflow: visible; }
}
"#;

pub fn render(doc: &Document, report: &Report) -> String {
    let l = doc.lang;
    let mut out = String::with_capacity(64 * 1024);
    let lang_code = if l == Lang::Vi { "vi" } else { "en" };
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{lang_code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} – {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        L::Report.text(l),
        esc(&doc.subject)
    );
    out.push_str("<div class=\"letterhead\">\n<div>\n");
    if let Some(parent) = &doc.parent {
        let _ = writeln!(out, "<p>{}</p>", esc(parent));
    }
    let _ = writeln!(out, "<p class=\"strong\">{}</p><hr class=\"rule\">", esc(&doc.organisation));
    let _ = writeln!(out, "<p>{}</p>\n</div>\n<div>", esc(&doc.number));
    let _ = writeln!(out, "<p class=\"strong\">{}</p>", L::NationalName.text(l));
    let _ = writeln!(out, "<p class=\"strong\">{}</p><hr class=\"rule\">", L::Motto.text(l));
    let _ = writeln!(out, "<p class=\"place-date\">{}</p>\n</div>\n</div>", esc(&doc.place_date));
    let _ = writeln!(out, "<h1>{}</h1>\n<p class=\"subject\">{}</p>", L::Report.text(l), esc(&doc.subject));
    let _ = writeln!(out, "<p class=\"recipient\">{}</p>", esc(&doc.recipient));

    let [direction, results, assessment, proposals] = doc.sections();
    let _ = writeln!(out, "<h2>{direction}</h2>\n<p>{}</p>", L::ToFillIn.text(l));
    let _ = writeln!(out, "<h2>{results}</h2>");
    for note in &doc.notes {
        let _ = writeln!(out, "<p>{}</p>", esc(note));
    }
    charts(&mut out, report, l);
    for (n, table) in doc.tables.iter().enumerate() {
        let _ = writeln!(out, "<h3 id=\"{}\">{}</h3>", table.id.slug(), esc(&doc.table_heading(n)));
        table_html(&mut out, table, l);
    }
    let _ = writeln!(out, "<h2>{assessment}</h2>\n<p>{}</p>", L::ToFillIn.text(l));
    let _ = writeln!(out, "<h2>{proposals}</h2>\n<p>{}</p>", L::ToFillIn.text(l));

    out.push_str("<div class=\"signatures\">\n<div class=\"recipients\">\n");
    let _ = writeln!(
        out,
        "<p><strong><em>{}</em></strong><br>{}<br>{}</p>\n</div>\n<div class=\"signer\">",
        L::Recipients.text(l),
        L::AsAbove.text(l),
        L::Archive.text(l)
    );
    let titles: Vec<String> = doc.signer_title.iter().map(|t| esc(t)).collect();
    let _ = writeln!(out, "<p class=\"strong\">{}</p>", titles.join("<br>"));
    let _ = writeln!(out, "<p><em>{}</em></p>", L::SignaturePlace.text(l));
    if !doc.signer.is_empty() {
        let _ = writeln!(out, "<p class=\"strong\" style=\"margin-top:4rem\">{}</p>", esc(&doc.signer));
    }
    out.push_str("</div>\n</div>\n");
    let _ = writeln!(out, "<p class=\"colophon\">{}</p>", esc(&doc.colophon));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn table_html(out: &mut String, table: &Table, lang: Lang) {
    if table.rows.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", L::NothingYet.text(lang));
        return;
    }
    let label = esc(&table.title);
    let _ = writeln!(out, "<div class=\"scroll\" role=\"region\" aria-label=\"{label}\" tabindex=\"0\">");
    let _ = writeln!(out, "<table>\n<caption>{label}</caption>\n<thead><tr>");
    for c in &table.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(&c.label));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (row, total) in table.rows.iter().map(|r| (r, false)).chain(table.total.iter().map(|r| (r, true))) {
        out.push_str(if total { "<tr class=\"total\">" } else { "<tr>" });
        for cell in row {
            let class = if cell.is_number() { " class=\"n\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", esc(&cell.shown(lang)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// The charts of section II, each skipped when it has nothing to show.
fn charts(out: &mut String, report: &Report, lang: Lang) {
    let mut top: Vec<(String, u64)> =
        report.explainers.iter().map(|e| (e.title.clone(), e.views.read())).filter(|(_, n)| *n > 0).collect();
    top.sort_by_key(|item| std::cmp::Reverse(item.1));
    top.truncate(10);
    bar_chart(out, "chart-explainers", L::ChartPerExplainer.text(lang), &top, lang);

    let totals = report.totals();
    let channels: Vec<(String, u64)> = [
        (L::PortalViews, totals.views.portal),
        (L::EmbedViews, totals.views.embed),
        (L::OEmbed, totals.views.oembed),
        (L::Downloads, totals.views.broadcast_downloads),
        (L::FeedFetches, totals.feed_fetches),
    ]
    .into_iter()
    .map(|(l, n)| (l.text(lang).to_string(), n))
    .collect();
    if channels.iter().any(|(_, n)| *n > 0) {
        bar_chart(out, "chart-channels", L::ChartPerChannel.text(lang), &channels, lang);
    }

    let mut weeks: Vec<(String, u64)> = Vec::new();
    for (n, day) in report.daily.iter().enumerate() {
        if n % 7 == 0 {
            let start =
                day.date.parse::<jiff::civil::Date>().map(|d| labels::date(d, lang)).unwrap_or_default();
            weeks.push((format!("{} {start}", L::WeekOf.text(lang)), 0));
        }
        if let Some(week) = weeks.last_mut() {
            week.1 += day.portal + day.embed;
        }
    }
    if weeks.iter().any(|(_, n)| *n > 0) {
        bar_chart(out, "chart-weeks", L::ChartPerWeek.text(lang), &weeks, lang);
    }

    let stations: Vec<(String, u64)> =
        report.stations.iter().take(15).map(|s| (s.station.clone(), s.airings)).collect();
    bar_chart(out, "chart-stations", L::ChartPerStation.text(lang), &stations, lang);
}

/// A horizontal bar chart in SVG: a label, a bar and the number on each line. The
/// figure's caption names it; its description lists every value for screen readers.
fn bar_chart(out: &mut String, id: &str, title: &str, items: &[(String, u64)], lang: Lang) {
    if items.is_empty() {
        return;
    }
    const WIDTH: u32 = 720;
    const LABEL: u32 = 300;
    const ROW: u32 = 26;
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = ROW * items.len() as u32 + 10;
    let desc: Vec<String> =
        items.iter().map(|(label, n)| format!("{label}: {}", labels::number(*n, lang))).collect();
    let _ = writeln!(out, "<figure>\n<figcaption id=\"{id}-title\">{}</figcaption>", esc(title));
    let _ = writeln!(
        out,
        "<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let _ = writeln!(out, "<desc id=\"{id}-desc\">{}</desc>", esc(&desc.join("; ")));
    for (n, (label, value)) in items.iter().enumerate() {
        let y = n as u32 * ROW + 5;
        let bar = ((*value as f64 / max as f64) * f64::from(WIDTH - LABEL - 90)).round() as u32;
        let shown: String = if label.chars().count() > 42 {
            label.chars().take(41).chain(std::iter::once('…')).collect()
        } else {
            label.clone()
        };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" fill=\"#111\">{}</text>\
             <rect x=\"{LABEL}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"#1f4e79\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#111\">{}</text>",
            LABEL - 8,
            y + 16,
            esc(&shown),
            bar.max(1),
            ROW - 8,
            LABEL + bar.max(1) + 6,
            y + 16,
            esc(&labels::number(*value, lang))
        );
    }
    out.push_str("</svg>\n</figure>\n");
}

/// Escapes text for HTML and SVG content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::text::push_escaped(&mut out, text);
    out
}
