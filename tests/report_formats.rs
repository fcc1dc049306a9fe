//! The example site's report in every format, read back by the programs people open
//! them with: the .docx by python-docx and by LibreOffice (converted to PDF), the .xlsx
//! by openpyxl. (The HTML page is checked in Chromium with axe-core in browser.rs.)
//!
//! Skips, saying so loudly, where python-docx, openpyxl or LibreOffice are missing;
//! fails then on CI.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{available, loa, Run};
use serde_json::Value;

fn python_module(module: &str, package: &str) -> bool {
    available(
        &format!("python module {module}"),
        Command::new("python3").args(["-c", &format!("import {module}")]),
        &format!("pip install {package}"),
    )
}

/// The example site's report for October 2026 with its sample logs, as `file`.
fn example_report(file: &str) -> (PathBuf, Run) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("report-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(file);
    let root = env!("CARGO_MANIFEST_DIR");
    let logs = Path::new(root).join("logs");
    let run = loa(&[
        "report",
        "--root",
        root,
        "--from",
        "2026-10",
        "--access-log",
        logs.join("access.log").to_str().unwrap(),
        logs.join("access.log.1").to_str().unwrap(),
        logs.join("access.log.2.gz").to_str().unwrap(),
        "--broadcast-log",
        logs.join("phat-song-2026-10.csv").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    run.assert_ok();
    (out, run)
}

fn python_json(script: &str, file: &Path) -> Value {
    let out = Command::new("python3").args(["-c", script, file.to_str().unwrap()]).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json from python")
}

const READ_DOCX: &str = r#"
import json, sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
def mm(x): return round(x.mm)
print(json.dumps({
    "page": [mm(s.page_width), mm(s.page_height)],
    "margins": [mm(s.top_margin), mm(s.bottom_margin), mm(s.left_margin), mm(s.right_margin)],
    "first_page_differs": s.different_first_page_header_footer,
    "page_number_in_header": "PAGE" in s.header._element.xml,
    "first_header_empty": all(p.text == "" for p in s.first_page_header.paragraphs),
    "paragraphs": [p.text for p in d.paragraphs],
    "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
    "styles": d.styles.element.xml,
}))
"#;

#[test]
fn the_word_report_is_an_administrative_document_python_docx_can_read() {
    if !python_module("docx", "python-docx") {
        return;
    }
    let (file, _) = example_report("bao-cao.docx");
    let d = python_json(READ_DOCX, &file);
    assert_eq!(d["page"], serde_json::json!([210, 297]), "A4 portrait");
    assert_eq!(d["margins"], serde_json::json!([20, 20, 30, 15]), "top, bottom, left, right in mm");
    assert_eq!(d["first_page_differs"], true);
    assert_eq!(d["page_number_in_header"], true, "page numbers at the top");
    assert_eq!(d["first_header_empty"], true, "none on the first page");
    let styles = d["styles"].as_str().unwrap();
    assert!(styles.contains("Times New Roman") && styles.contains("w:val=\"28\""), "Times New Roman 14 pt");

    let header = &d["tables"][0][0];
    let left = header[0].as_str().unwrap();
    let right = header[1].as_str().unwrap();
    assert!(left.contains("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"), "{left}");
    assert!(left.contains("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH LẠNG SƠN"), "{left}");
    assert!(left.contains("Số: ……/BC-SKHCN"), "{left}");
    assert!(
        right.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && right.contains("Độc lập - Tự do - Hạnh phúc")
    );

    let paragraphs: Vec<&str> =
        d["paragraphs"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let at = |text: &str| {
        paragraphs.iter().position(|p| *p == text).unwrap_or_else(|| panic!("{text:?} in {paragraphs:#?}"))
    };
    assert!(
        right.contains("Lạng Sơn, ngày …… tháng …… năm 2026"),
        "place and date beside the number: {right}"
    );
    assert!(at("BÁO CÁO") < at("Kết quả phổ biến, tuyên truyền về chuyển đổi số tháng 10 năm 2026"));
    assert!(at("Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.") < at("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI"));
    assert!(at("II. KẾT QUẢ THỰC HIỆN") < at("1. Tổng hợp"));
    assert!(at("III. ĐÁNH GIÁ (ưu điểm, hạn chế, nguyên nhân)") < at("IV. ĐỀ XUẤT, KIẾN NGHỊ"));

    let tables = d["tables"].as_array().unwrap();
    let summary = &tables[1];
    assert_eq!(summary[0], serde_json::json!(["Chỉ tiêu", "Số lượng"]));
    let published = summary.as_array().unwrap().iter().find(|r| r[0] == "Số bài đăng trong kỳ").unwrap();
    assert_eq!(published[1], "9", "nine explainers dated October 2026");
    let views = summary.as_array().unwrap().iter().find(|r| r[0] == "Lượt xem trên cổng").unwrap();
    let views: u64 = views[1].as_str().unwrap().replace('.', "").parse().unwrap();
    assert!(views > 300, "{views}");
    let listed = tables.iter().any(|t| t.to_string().contains("Ứng dụng CNTT khác chuyển đổi số ở chỗ nào?"));
    assert!(listed, "the explainers' table");
    let signature = tables.last().unwrap()[0].to_string();
    assert!(signature.contains("Nơi nhận:") && signature.contains("GIÁM ĐỐC"), "{signature}");
}

#[test]
fn libreoffice_converts_the_word_report_to_pdf() {
    if !available(
        "LibreOffice",
        Command::new("soffice").arg("--version"),
        "apt-get install libreoffice-writer-nogui",
    ) || !available("pdftotext", Command::new("pdftotext").arg("-v"), "apt-get install poppler-utils")
    {
        return;
    }
    let (file, _) = example_report("bao-cao-pdf.docx");
    let dir = file.parent().unwrap();
    let profile = dir.join("libreoffice-profile");
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&file)
        .output()
        .expect("soffice");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = file.with_extension("pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"), "a PDF came out");
    let text = Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO", "Kính gửi", "GIÁM ĐỐC", "Hộ kinh doanh"]
    {
        assert!(text.contains(expected), "{expected:?} in the PDF:\n{text}");
    }
    let pages = text.matches('\u{c}').count();
    assert!((2..=12).contains(&pages), "{pages} pages");
}

const READ_XLSX: &str = r#"
import datetime, json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    rows = list(ws.iter_rows(min_row=1, max_row=4, values_only=True))
    kinds = [[type(v).__name__ for v in r] for r in rows[1:]]
    widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
    out[ws.title] = {"freeze": ws.freeze_panes, "header": list(rows[0]), "kinds": kinds,
                     "formats": [c.number_format for c in ws[2]] if ws.max_row > 1 else [],
                     "widths": widths}
print(json.dumps(out, default=str))
"#;

#[test]
fn the_spreadsheet_has_a_sheet_per_table_with_numbers_dates_and_a_frozen_header() {
    if !python_module("openpyxl", "openpyxl") {
        return;
    }
    let (file, _) = example_report("bao-cao.xlsx");
    let book = python_json(READ_XLSX, &file);
    for sheet in ["Tổng hợp", "Theo kênh", "Bài giải thích", "Báo đối tác", "Phát sóng", "Nguồn số liệu"]
    {
        assert_eq!(book[sheet]["freeze"], "A2", "{sheet}: header row frozen");
    }
    let explainers = &book["Bài giải thích"];
    assert_eq!(explainers["header"][0], "STT");
    assert_eq!(explainers["header"][1], "Tên bài");
    let kinds: Vec<&str> =
        explainers["kinds"][0].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(kinds[0], "int", "{kinds:?}");
    assert_eq!(kinds[1], "str");
    assert_eq!(kinds[4], "datetime", "dates are dates: {kinds:?}");
    assert_eq!(kinds[8], "int", "views are numbers: {kinds:?}");
    assert_eq!(explainers["formats"][4], "dd/mm/yyyy");
    assert_eq!(explainers["formats"][14], "[h]:mm:ss", "airtime is a duration");
    let title_width = explainers["widths"]["B"].as_f64().unwrap();
    assert!(title_width > 30.0, "the title column is wide: {title_width}");
    let stations = &book["Phát sóng"];
    assert_eq!(
        stations["header"],
        serde_json::json!(["Đài, trạm", "Lượt phát sóng", "Thời lượng phát sóng"])
    );
    assert_eq!(stations["kinds"][0][1], "int");
}

#[test]
fn markdown_json_and_csv_come_from_the_example_site_too() {
    let (md, run) = example_report("bao-cao.md");
    run.says("Đã ghi báo cáo");
    let md = std::fs::read_to_string(md).unwrap();
    assert!(
        md.contains("# BÁO CÁO") && md.contains("| Ứng dụng CNTT khác chuyển đổi số ở chỗ nào? |"),
        "{md}"
    );
    let (json, _) = example_report("bao-cao.json");
    let r: Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(r["schema"], "loa-report/1");
    assert_eq!(r["unit"], "Sở Khoa học và Công nghệ tỉnh Lạng Sơn");
    assert!(r["log"]["counted"].as_u64().unwrap() > 500);
    assert!(r["log"]["bots"].as_u64().unwrap() > 0 && r["log"]["malformed"].as_u64().unwrap() > 0);
    assert_eq!(r["airing_log"]["counted"], 16);
    let (csv, _) = example_report("bao-cao.csv");
    assert!(std::fs::read(&csv).unwrap().starts_with("\u{feff}STT,".as_bytes()));
    assert!(csv.with_file_name("bao-cao-partners.csv").is_file());
}
