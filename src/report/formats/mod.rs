//! One file per format, each a function of the `Report` to bytes. The Word document, the
//! web page and the Markdown share one `Document`: the administrative letter around the
//! tables (Nghị định 30/2020/NĐ-CP, Phụ lục I).

pub mod csv;
pub mod docx;
pub mod html;
pub mod json;
pub mod md;
pub mod xlsx;

use super::labels::{self, L};
use super::tables::{tables, Table};
use super::{Format, Made};
use crate::messages::Lang;

/// A file of the report: `None` for the file asked for, a table for the CSV tables
/// beside it; and its bytes.
pub type File = (Option<super::tables::TableId>, Vec<u8>);

/// The report's files, or why a format's library refused it.
pub fn render(made: &Made) -> Result<Vec<File>, String> {
    Ok(match made.format {
        Format::Json => vec![(None, json::render(&made.report))],
        Format::Csv => csv::render(&tables(&made.report, made.lang), made.lang),
        Format::Md => vec![(None, md::render(&Document::new(made)).into_bytes())],
        Format::Html => vec![(None, html::render(&Document::new(made), &made.report).into_bytes())],
        Format::Docx => vec![(None, docx::render(&Document::new(made))?)],
        Format::Xlsx => vec![(None, xlsx::render(&Document::new(made))?)],
    })
}

/// A blank for the clerk or the signer to fill in.
pub const BLANK: &str = "……";

/// The letter around the tables, every text ready to show.
pub struct Document {
    pub lang: Lang,
    /// The body above the unit, in capitals (none: left out).
    pub parent: Option<String>,
    /// The reporting unit, in capitals.
    pub organisation: String,
    /// `Số: ……/BC-SKHCN`
    pub number: String,
    /// `Lạng Sơn, ngày …… tháng …… năm 2026`
    pub place_date: String,
    /// `Kết quả phổ biến, tuyên truyền … quý II năm 2026`
    pub subject: String,
    /// `Kính gửi: Sở Khoa học và Công nghệ tỉnh Lạng Sơn.`
    pub recipient: String,
    /// Sentences above the tables of section II.
    pub notes: Vec<String>,
    pub tables: Vec<Table>,
    /// The signer's title in capitals, one line each (`KT. GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`).
    pub signer_title: Vec<String>,
    pub signer: String,
    /// `Báo cáo lập bằng loa 0.1.0 ngày 30/11/2026.`
    pub colophon: String,
    /// The day the report is made.
    pub today: jiff::civil::Date,
}

impl Document {
    pub fn new(made: &Made) -> Document {
        let lang = made.lang;
        let c = &made.letterhead.config;
        let report = &made.report;
        let upper = |s: &str| s.to_uppercase();
        let organisation = c.organisation.clone().unwrap_or_else(|| report.unit.clone());
        let symbol = c.symbol.clone().unwrap_or_else(|| "BC-".to_string() + BLANK);
        let year = made.letterhead.today.year();
        let place = c.place.clone().unwrap_or_else(|| BLANK.to_string());
        let place_date = match lang {
            Lang::Vi => format!("{place}, ngày {BLANK} tháng {BLANK} năm {year}"),
            Lang::En => format!("{place}, {BLANK} {year}"),
        };
        let period = super::period::Period::parse_dates(&report.period.from, &report.period.to);
        let period_words = period.map(|p| labels::period(p.name(), lang)).unwrap_or_default();
        let about = match (&c.subject, &report.site, lang) {
            (Some(subject), _, _) => subject.clone(),
            (None, Some(site), Lang::Vi) => {
                format!("{} nội dung trang “{}”", L::SubjectPrefix.text(lang), site.title)
            }
            (None, Some(site), Lang::En) => format!("{} of “{}”", L::SubjectPrefix.text(lang), site.title),
            (None, None, _) => L::SubjectPrefix.text(lang).to_string(),
        };
        let recipient = c.recipient.clone().unwrap_or_else(|| BLANK.to_string());
        let recipient = recipient.trim_end_matches('.').to_string();
        let mut notes = vec![L::Intro.text(lang).to_string()];
        if report.log.files > 0 || !report.units.is_empty() {
            notes.push(L::SourcesNote.text(lang).to_string());
            notes.push(L::EstimateNote.text(lang).to_string());
        }
        let signer_title = c
            .signer_title
            .as_deref()
            .unwrap_or(BLANK)
            .split('\n')
            .map(|l| upper(l.trim()))
            .filter(|l| !l.is_empty())
            .collect();
        let colophon = match lang {
            Lang::Vi => format!(
                "{} {} ngày {}.",
                L::GeneratedBy.text(lang),
                report.generator,
                labels::date(made.letterhead.today, lang)
            ),
            Lang::En => format!(
                "{} {} on {}.",
                L::GeneratedBy.text(lang),
                report.generator,
                labels::date(made.letterhead.today, lang)
            ),
        };
        let clean = |s: &str| s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>();
        Document {
            lang,
            parent: c.parent.as_deref().map(upper),
            organisation: clean(&upper(&organisation)),
            number: format!("{}: {BLANK}/{symbol}", L::Number.text(lang)),
            place_date,
            subject: clean(format!("{about} {period_words}").trim()),
            recipient: clean(&format!("{}: {recipient}.", L::RespectfullyTo.text(lang))),
            notes,
            tables: tables(report, lang),
            signer_title,
            signer: c.signer.clone().unwrap_or_default(),
            colophon,
            today: made.letterhead.today,
        }
    }

    /// The numbered headings of the body; section II holds the tables.
    pub fn sections(&self) -> [&'static str; 4] {
        let l = self.lang;
        [
            L::SectionDirection.text(l),
            L::SectionResults.text(l),
            L::SectionAssessment.text(l),
            L::SectionProposals.text(l),
        ]
    }

    /// `1. Tổng hợp`
    pub fn table_heading(&self, n: usize) -> String {
        format!("{}. {}", n + 1, self.tables[n].title)
    }
}
