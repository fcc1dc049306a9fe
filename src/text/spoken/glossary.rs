//! Abbreviations as said aloud: the ones every Vietnamese administrative text uses,
//! built in, extended or overridden by site.yaml's `glossary`.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Common abbreviations of administrative, legal and technology texts and how an
/// announcer says them.
const BUILT_IN: &[(&str, &str)] = &[
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("TW", "Trung ương"),
    ("BCH", "Ban Chấp hành"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("ĐBQH", "đại biểu Quốc hội"),
    ("QH", "Quốc hội"),
    ("CP", "Chính phủ"),
    ("TTg", "Thủ tướng"),
    ("QĐ", "quyết định"),
    ("NĐ", "nghị định"),
    ("NQ", "nghị quyết"),
    ("CNTT", "công nghệ thông tin"),
    ("CĐS", "chuyển đổi số"),
    ("KH&CN", "khoa học và công nghệ"),
    ("KHCN", "khoa học và công nghệ"),
    ("TT&TT", "thông tin và truyền thông"),
    ("TTTT", "thông tin và truyền thông"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
    ("BKHCN", "Bộ Khoa học và Công nghệ"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("STTTT", "Sở Thông tin và Truyền thông"),
    ("NN&PTNT", "nông nghiệp và phát triển nông thôn"),
    ("PTNT", "phát triển nông thôn"),
    ("GD&ĐT", "giáo dục và đào tạo"),
    ("TN&MT", "tài nguyên và môi trường"),
    ("KT-XH", "kinh tế - xã hội"),
    ("NTM", "nông thôn mới"),
    ("OCOP", "ô cốp"),
    ("HTX", "hợp tác xã"),
    ("DN", "doanh nghiệp"),
    ("TNHH", "trách nhiệm hữu hạn"),
    ("THPT", "trung học phổ thông"),
    ("THCS", "trung học cơ sở"),
    ("TP", "thành phố"),
    ("TP.HCM", "Thành phố Hồ Chí Minh"),
    ("TPHCM", "Thành phố Hồ Chí Minh"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("CCCD", "căn cước công dân"),
    ("CSDL", "cơ sở dữ liệu"),
    ("DVC", "dịch vụ công"),
    ("DVCTT", "dịch vụ công trực tuyến"),
    ("TTHC", "thủ tục hành chính"),
    ("ĐVHC", "đơn vị hành chính"),
    ("CBCCVC", "cán bộ, công chức, viên chức"),
    ("ATTT", "an toàn thông tin"),
    ("ANM", "an ninh mạng"),
    ("VNeID", "vê en e ai đi"),
    ("OTP", "mã xác thực một lần"),
    ("QR", "kiu a"),
    ("CH", "xê hát"),
    ("SMS", "tin nhắn ét em ét"),
    ("AI", "trí tuệ nhân tạo"),
    ("IoT", "Internet vạn vật"),
    ("2G", "hai giê"),
    ("3G", "ba giê"),
    ("4G", "bốn giê"),
    ("5G", "năm giê"),
    ("GDP", "tổng sản phẩm trong nước"),
    ("GRDP", "tổng sản phẩm trên địa bàn"),
    ("DTI", "chỉ số chuyển đổi số"),
    ("PCI", "chỉ số năng lực cạnh tranh cấp tỉnh"),
    ("PAPI", "chỉ số hiệu quả quản trị và hành chính công cấp tỉnh"),
    ("SIPAS", "chỉ số hài lòng về sự phục vụ hành chính"),
    ("PAR", "chỉ số cải cách hành chính"),
    ("ATM", "a tê em"),
    ("USD", "đô la Mỹ"),
    ("VNĐ", "đồng"),
    ("VND", "đồng"),
    ("STT", "số thứ tự"),
    ("LHQ", "Liên hợp quốc"),
    ("ASEAN", "A-xê-an"),
    ("VNPT", "vê en pê tê"),
    ("PC-Covid", "pê xê Cô-vít"),
];

fn built_in() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| BUILT_IN.iter().copied().collect())
}

/// The abbreviations a site's scripts expand: site.yaml's, then the built-in ones.
#[derive(Clone, Copy)]
pub struct Glossary<'a> {
    site: Option<&'a BTreeMap<String, String>>,
    /// Text in a language other than Vietnamese: only the site's own words are
    /// expanded; numbers, dates, document numbers and the built-in abbreviations are
    /// left as written (their reading is Vietnamese).
    pub(super) as_written: bool,
}

impl<'a> Glossary<'a> {
    pub fn new(site: &'a BTreeMap<String, String>) -> Glossary<'a> {
        Glossary { site: Some(site), as_written: false }
    }

    /// A language whose numbers loa cannot read: only `site`'s expansions are said.
    pub fn as_written(site: &'a BTreeMap<String, String>) -> Glossary<'a> {
        Glossary { site: Some(site), as_written: true }
    }

    /// Only the built-in abbreviations.
    pub fn built_in() -> Glossary<'static> {
        Glossary { site: None, as_written: false }
    }

    pub fn get(&self, word: &str) -> Option<&str> {
        if let Some(said) = self.site.and_then(|s| s.get(word)) {
            return Some(said);
        }
        if self.as_written {
            return None;
        }
        // Every built-in abbreviation starts with a capital or a digit: most words are
        // known not to be one without hashing them.
        let first = word.chars().next()?;
        if !(first.is_uppercase() || first.is_ascii_digit()) {
            return None;
        }
        built_in().get(word).copied()
    }

    pub fn knows(&self, word: &str) -> bool {
        self.get(word).is_some()
    }
}

/// Words in `text` written in capitals (two letters or more: `CNTT`, `KH&CN`) that
/// `glossary` cannot say, each once, in order; Roman numerals and document numbers are
/// said otherwise and left out.
pub fn unknown_capitals(text: &str, glossary: Glossary) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for token in crate::text::words(text) {
        let (_, core, _) = super::trim_punctuation(token);
        let letters = core.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = letters >= 2
            && core.chars().all(|c| c.is_uppercase() || c == '&' || c.is_ascii_digit())
            && !core.chars().all(|c| c.is_ascii_digit());
        if !capitals
            || glossary.knows(core)
            || super::numbers::roman(core).is_some()
            || super::documents::is_document_number(core)
            || found.iter().any(|f| f == core)
        {
            continue;
        }
        found.push(core.to_string());
    }
    found
}
