//! `loa import`: Word documents made by real writers (python-docx, and LibreOffice
//! converting a page) become draft explainers with their pictures beside them.
//!
//! Skips, saying so loudly, where python-docx or LibreOffice are missing; fails then
//! on CI.

mod common;

use std::path::Path;
use std::process::Command;

use common::{available, loa, TestSite};

/// A document as an editor writes one in Word: a heading, formatted text, a bulleted
/// and a numbered list, a link, a table, a picture with its description, an equation.
const MAKE_DOCX: &str = r#"
import sys, docx
from docx.shared import Inches
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
from docx.opc.constants import RELATIONSHIP_TYPE
from lxml import etree
d = docx.Document()
d.add_heading("Dịch vụ công trực tuyến cho bà con", level=1)
p = d.add_paragraph("Người dân có thể ")
p.add_run("nộp hồ sơ").bold = True
p.add_run(" mà ")
p.add_run("không cần").italic = True
p.add_run(" đến trụ sở <xã>.")
d.add_paragraph("")
d.add_heading("Các bước", level=2)
d.add_paragraph("Đăng nhập bằng VNeID", style="List Bullet")
d.add_paragraph("Chọn thủ tục", style="List Bullet")
d.add_paragraph("Nộp hồ sơ và lệ phí", style="List Number")
p = d.add_paragraph("Xem ")
rid = p.part.relate_to("https://dichvucong.gov.vn/", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
h = OxmlElement("w:hyperlink"); h.set(qn("r:id"), rid)
r = OxmlElement("w:r"); t = OxmlElement("w:t"); t.text = "Cổng Dịch vụ công"; r.append(t); h.append(r)
p._p.append(h)
table = d.add_table(rows=2, cols=2)
for (i, j), text in {(0, 0): "Trước", (0, 1): "Sau", (1, 0): "Giấy tờ | bản cứng", (1, 1): "Trực tuyến"}.items():
    table.cell(i, j).text = text
d.add_picture(sys.argv[2], width=Inches(2))
d.inline_shapes[0]._inline.docPr.set("descr", "Sơ đồ ba bước nộp hồ sơ")
p = d.add_paragraph("Lệ phí: ")
etree.SubElement(p._p, "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath")
d.save(sys.argv[1])
"#;

#[test]
fn a_document_made_with_python_docx_becomes_a_draft_explainer() {
    if !available(
        "python module docx",
        Command::new("python3").args(["-c", "import docx"]),
        "pip install python-docx",
    ) {
        return;
    }
    let site = TestSite::new(&[("content/dich-vu/_index.md", "---\ntitle: Dịch vụ công\n---\n")]);
    let work = tempfile::tempdir().unwrap();
    let (docx, picture) = (work.path().join("bai-viet.docx"), work.path().join("so-do.png"));
    std::fs::write(&picture, common::png(40, 30)).unwrap();
    let made = Command::new("python3")
        .args(["-c", MAKE_DOCX, docx.to_str().unwrap(), picture.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let root = site.root().to_str().unwrap();
    let run = loa(&["import", docx.to_str().unwrap(), "--section", "dich-vu", "--root", root]);
    run.assert_ok();
    for said in ["dich-vu-cong-truc-tuyen-cho-ba-con.md", "bản nháp", "Chưa chuyển được", "công thức toán"]
    {
        assert!(run.stdout.contains(said), "{said:?} in {}", run.stdout);
    }
    let page = site.read("content/dich-vu/dich-vu-cong-truc-tuyen-cho-ba-con.md");
    let today = Command::new("date").args(["+%Y-%m-%d"]).env("TZ", "Asia/Ho_Chi_Minh").output().unwrap();
    let today = String::from_utf8_lossy(&today.stdout).trim().to_string();
    assert_eq!(
        page,
        format!(
            "---\ntitle: \"Dịch vụ công trực tuyến cho bà con\"\ndate: {today}\ndraft: true\n---\n\n\
             Người dân có thể **nộp hồ sơ** mà *không cần* đến trụ sở \\<xã\\>.\n\n\
             ## Các bước\n\n\
             - Đăng nhập bằng VNeID\n- Chọn thủ tục\n1. Nộp hồ sơ và lệ phí\n\n\
             Xem [Cổng Dịch vụ công](https://dichvucong.gov.vn/)\n\n\
             | Trước | Sau |\n| --- | --- |\n| Giấy tờ \\| bản cứng | Trực tuyến |\n\n\
             ![Sơ đồ ba bước nộp hồ sơ](dich-vu-cong-truc-tuyen-cho-ba-con-anh-1.png)\n\n\
             Lệ phí:\n"
        )
    );
    // The picture is the one in the document, beside the page.
    assert_eq!(
        std::fs::read(site.path("content/dich-vu/dich-vu-cong-truc-tuyen-cho-ba-con-anh-1.png")).unwrap(),
        common::png(40, 30)
    );
    // The draft builds, its picture shown.
    site.build(&["--drafts"]).assert_ok();
    let html = site.read("public/dich-vu/dich-vu-cong-truc-tuyen-cho-ba-con/index.html");
    assert!(html.contains("alt=\"Sơ đồ ba bước nộp hồ sơ\""), "{html}");
    assert!(html.contains("<table>"), "{html}");
    // A second import never overwrites the first.
    loa(&["import", docx.to_str().unwrap(), "--section", "dich-vu", "--root", root]).assert_ok();
    assert!(site.path("content/dich-vu/dich-vu-cong-truc-tuyen-cho-ba-con-2.md").is_file());
    assert_eq!(page, site.read("content/dich-vu/dich-vu-cong-truc-tuyen-cho-ba-con.md"));
}

#[test]
fn a_document_saved_by_libreoffice_keeps_its_lists_and_table() {
    if !available(
        "LibreOffice",
        Command::new("soffice").arg("--version"),
        "apt install libreoffice-writer-nogui",
    ) {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let html = work.path().join("huong-dan.html");
    std::fs::write(
        &html,
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>x</title></head><body>\
         <h1>Thanh toán lệ phí trực tuyến</h1><p>Có <b>ba cách</b> trả tiền:</p>\
         <ol><li>Thẻ ngân hàng</li><li>Ví điện tử</li></ol><ul><li>Giữ biên lai</li></ul>\
         <table><tr><td>Cách</td><td>Phí</td></tr><tr><td>Thẻ</td><td>0 đồng</td></tr></table></body></html>",
    )
    .unwrap();
    let profile = format!("-env:UserInstallation=file://{}", work.path().join("profile").display());
    let converted = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(work.path())
        .arg(&html)
        .output()
        .unwrap();
    let docx = work.path().join("huong-dan.docx");
    assert!(docx.is_file(), "{}", String::from_utf8_lossy(&converted.stderr));
    let site = TestSite::new(&[]);
    let run = loa(&["import", docx.to_str().unwrap(), "--root", site.root().to_str().unwrap()]);
    run.assert_ok();
    let page = site.read("content/thanh-toan-le-phi-truc-tuyen.md");
    let body = page.split("---\n\n").nth(1).unwrap_or_default();
    assert_eq!(
        body,
        "Có **ba cách** trả tiền:\n\n1. Thẻ ngân hàng\n2. Ví điện tử\n- Giữ biên lai\n\n\
         | Cách | Phí |\n| --- | --- |\n| Thẻ | 0 đồng |\n",
        "{page}"
    );
}

#[test]
fn a_file_that_is_not_a_word_document_is_refused_with_what_to_do() {
    let site = TestSite::new(&[]);
    let file = site.path("ghi-chu.docx");
    std::fs::write(&file, "chỉ là chữ").unwrap();
    let run = loa(&["import", file.to_str().unwrap(), "--root", site.root().to_str().unwrap()]);
    run.assert_fails().says("không nhập được").says("lưu lại dưới dạng Word (.docx)");
    assert!(!Path::new(&site.path("content")).exists());
    let run = loa(&["import", "khong-co.docx", "--root", site.root().to_str().unwrap()]);
    run.assert_fails().says("không có tệp này").says("kiểm tra tên tệp và thư mục");
}
