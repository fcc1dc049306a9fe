//! Document numbers read the way announcers read them: `749/QĐ-TTg` after "Quyết định"
//! is "số bảy trăm bốn mươi chín của Thủ tướng Chính phủ"; the page keeps the symbol.

use super::numbers::number_words;

/// Is this token a document number (`749/QĐ-TTg`, `42/2022/NĐ-CP`, `49-NQ/TU`)?
pub fn is_document_number(token: &str) -> bool {
    token.starts_with(|c: char| c.is_ascii_digit())
        && token.chars().any(char::is_uppercase)
        && token.contains(['/', '-'])
}

/// Kinds of document, by the letters of their symbol.
const KINDS: &[(&str, &str)] = &[
    ("QĐ", "quyết định"),
    ("NĐ", "nghị định"),
    ("NQ", "nghị quyết"),
    ("TT", "thông tư"),
    ("TTLT", "thông tư liên tịch"),
    ("CT", "chỉ thị"),
    ("KH", "kế hoạch"),
    ("CV", "công văn"),
    ("TB", "thông báo"),
    ("BC", "báo cáo"),
    ("HD", "hướng dẫn"),
    ("CĐ", "công điện"),
    ("KL", "kết luận"),
    ("L", "luật"),
];

/// Who issues them.
const ISSUERS: &[(&str, &str)] = &[
    ("TTg", "Thủ tướng Chính phủ"),
    ("CP", "Chính phủ"),
    ("TW", "Trung ương"),
    ("TU", "Tỉnh ủy"),
    ("BCT", "Bộ Chính trị"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    ("VPCP", "Văn phòng Chính phủ"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
    ("BKHCN", "Bộ Khoa học và Công nghệ"),
    ("BCA", "Bộ Công an"),
    ("BNV", "Bộ Nội vụ"),
    ("BTC", "Bộ Tài chính"),
    ("BTP", "Bộ Tư pháp"),
    ("BYT", "Bộ Y tế"),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("NHNN", "Ngân hàng Nhà nước"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("STTTT", "Sở Thông tin và Truyền thông"),
];

fn kind(code: &str) -> Option<&'static str> {
    KINDS.iter().find(|(c, _)| *c == code).map(|(_, k)| *k)
}

fn issuer(code: &str) -> Option<String> {
    if let Some((_, name)) = ISSUERS.iter().find(|(c, _)| *c == code) {
        return Some(name.to_string());
    }
    // `QH15`: the National Assembly of the 15th term.
    let term = code.strip_prefix("QH")?;
    let n: u64 = term.parse().ok()?;
    Some(format!("Quốc hội khóa {}", number_words(n)))
}

/// The parts of a symbol: number, year, kind, issuers.
struct Symbol {
    number: u64,
    year: Option<u64>,
    kind: Option<&'static str>,
    issuers: Vec<String>,
}

fn parse(symbol: &str) -> Option<Symbol> {
    let (head, rest) = symbol.split_once(['/', '-'])?;
    let number: u64 = head.parse().ok()?;
    let mut year = None;
    let mut kind_found = None;
    let mut issuers = Vec::new();
    for part in rest.split(['/', '-']) {
        if part.len() == 4
            && part.chars().all(|c| c.is_ascii_digit())
            && year.is_none()
            && kind_found.is_none()
        {
            year = part.parse().ok();
        } else if let (None, Some(k)) = (kind_found, kind(part)) {
            kind_found = Some(k);
        } else if let Some(name) = issuer(part) {
            issuers.push(name);
        }
    }
    Some(Symbol { number, year, kind: kind_found, issuers })
}

/// How to say `symbol`, given what was said just before (`before`, lower case): the
/// kind is said unless the text just named it, "số" unless it was just said.
/// `named` tells whether the text around already names an issuer ("… của Chính phủ"
/// after the symbol, "Ủy ban nhân dân tỉnh ban hành …" before it): it is not said twice.
pub fn speak(symbol: &str, before: &str, named_near: &dyn Fn(&str) -> bool) -> Option<String> {
    let s = parse(symbol)?;
    let mut words: Vec<String> = Vec::new();
    let said_so = before == "số" || before.ends_with(" số");
    let named = s.kind.is_some_and(|k| before.trim_end_matches(" số").ends_with(k));
    if let (false, false, Some(k)) = (named, said_so, s.kind) {
        words.push(k.to_string());
    }
    if !said_so {
        words.push("số".to_string());
    }
    words.push(number_words(s.number));
    if let Some(y) = s.year {
        words.push(format!("năm {}", number_words(y)));
    }
    let issuers: Vec<&String> = s.issuers.iter().filter(|i| !named_near(i)).collect();
    if !issuers.is_empty() {
        let names: Vec<&str> = issuers.iter().map(|i| i.as_str()).collect();
        words.push(format!("của {}", names.join(" và ")));
    }
    Some(words.join(" "))
}
