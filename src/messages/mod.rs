//! The message catalogue: every sentence an editor reads, in Vietnamese and English.
//!
//! Code names a message by its key and arguments; the words live only here, side by
//! side in both languages, so a translator can read the whole catalogue at once.

use std::path::PathBuf;

mod deploy;
pub use deploy::DeployMessage;

/// The language messages are shown in (`--lang vi|en`, default: the site's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi` and anything starting with it is Vietnamese; everything else English.
    /// English for `en…`; Vietnamese for everything else, Tày and Nùng included: the
    /// people who write and read such sites read Vietnamese.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }
}

/// `1.234.567` (Vietnamese) or `1,234,567` (English).
pub fn number(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// One decimal: `1.234,5` (Vietnamese) or `1,234.5` (English).
/// Headings of the editors' guide (HUONG-DAN.md) that messages point to.
pub const GUIDE_COMPONENTS: &str = "Thành phần";
pub const GUIDE_LINKS: &str = "Liên kết và hình ảnh";
pub const GUIDE_TRANSLATIONS: &str = "Bản dịch";

pub fn decimal(x: f64, lang: Lang) -> String {
    let tenths = (x * 10.0).round().max(0.0) as u64;
    let point = if lang == Lang::Vi { ',' } else { '.' };
    format!("{}{point}{}", number(tenths / 10, lang), tenths % 10)
}

/// What kind of value a key needs, for "wrong type" messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    TextList,
    Bool,
    Integer,
    Date,
    Url,
    Channels,
    TaxonomyList,
    Mapping,
    DeployList,
    LanguageList,
    WidthList,
    Percent,
}

impl Expected {
    fn text(self, lang: Lang) -> &'static str {
        use Expected::*;
        match (self, lang) {
            (Text, Lang::Vi) => "một đoạn chữ",
            (Text, Lang::En) => "text",
            (TextList, Lang::Vi) => "một danh sách chữ, ví dụ [\"Chuyển đổi số\", \"Dữ liệu\"]",
            (TextList, Lang::En) => "a list of text, e.g. [\"Chuyển đổi số\", \"Dữ liệu\"]",
            (Bool, Lang::Vi) => "true hoặc false",
            (Bool, Lang::En) => "true or false",
            (Integer, Lang::Vi) => "một số nguyên, ví dụ 3",
            (Integer, Lang::En) => "a whole number, e.g. 3",
            (Date, Lang::Vi) => "một ngày dạng năm-tháng-ngày, ví dụ 2023-04-15",
            (Date, Lang::En) => "a date as year-month-day, e.g. 2023-04-15",
            (Url, Lang::Vi) => "một địa chỉ web đầy đủ, ví dụ https://example.gov.vn/chuyen-doi-so/",
            (Url, Lang::En) => "a full web address, e.g. https://example.gov.vn/chuyen-doi-so/",
            (Channels, Lang::Vi) => "một danh sách gồm portal, newspaper, broadcast",
            (Channels, Lang::En) => "a list of portal, newspaper, broadcast",
            (TaxonomyList, Lang::Vi) => "một danh sách dạng { name: topics, slug: chu-de, title: Chủ đề }",
            (TaxonomyList, Lang::En) => "a list like { name: topics, slug: chu-de, title: Chủ đề }",
            (Mapping, Lang::Vi) => "các cặp khóa: giá trị",
            (Mapping, Lang::En) => "key: value pairs",
            (DeployList, Lang::Vi) => {
                "một danh sách dạng - { name: cong-thong-tin, kind: ssh, host: may-chu, path: /srv/cds }"
            }
            (DeployList, Lang::En) => {
                "a list like - { name: cong-thong-tin, kind: ssh, host: server, path: /srv/cds }"
            }
            (LanguageList, Lang::Vi) => "một danh sách dạng - { code: en, name: English }",
            (LanguageList, Lang::En) => "a list like - { code: en, name: English }",
            (WidthList, Lang::Vi) => "một danh sách chiều rộng tính bằng điểm ảnh, ví dụ [480, 960, 1600]",
            (WidthList, Lang::En) => "a list of widths in pixels, e.g. [480, 960, 1600]",
            (Percent, Lang::Vi) => "một số từ 1 đến 100",
            (Percent, Lang::En) => "a number from 1 to 100",
        }
    }
}

/// Why a page was left out of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    Draft,
    Future,
    Expired,
}

/// Every message loa shows, by key.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    LabelError,
    LabelWarning,
    LabelDraft,
    LabelHelp,

    // reading files
    SiteConfigMissing {
        root: PathBuf,
    },
    HelpCreateSiteConfig,
    ReadFailed {
        detail: String,
    },
    NotUtf8,
    HelpSaveAsUtf8,
    ContentFolderMissing,

    // YAML and keys
    YamlSyntax {
        problem: crate::yaml::YamlProblem,
        detail: String,
    },
    HelpYamlQuotes,
    /// The line as it should read.
    HelpYamlFixed {
        fixed: String,
    },
    HelpYamlTab,
    HelpYamlIndent,
    FrontMatterUnclosed,
    HelpCloseFrontMatter,
    FrontMatterNotMapping,
    MissingKey {
        key: String,
    },
    HelpAddKey {
        key: String,
        example: String,
    },
    WrongType {
        key: String,
        expected: Expected,
    },
    HelpWriteAs {
        expected: Expected,
    },
    UnknownKey {
        key: String,
    },
    DidYouMean {
        suggestion: String,
    },
    HelpKnownKeys {
        keys: String,
    },
    BadDate {
        key: String,
        value: String,
    },
    BadChannel {
        value: String,
    },
    UnknownOutput {
        name: String,
    },
    BadBaseUrl {
        value: String,
    },
    BadLanguage(String),
    BadLanguageCode(String),
    BadTheme(String),
    BadTaxonomySlug {
        name: String,
    },
    EmptySlug {
        title: String,
    },
    HelpSetSlug,

    // Markdown and components
    ComponentMalformed {
        component: String,
        problem: crate::yaml::YamlProblem,
        detail: String,
    },
    HelpComponentShape {
        component: String,
    },
    ComponentLooksLike {
        written: String,
        suggestion: String,
    },
    FenceNotClosed {
        opening: String,
    },
    AddressMoved {
        old: String,
        new: String,
    },
    HelpAddressMoved {
        alias: String,
    },
    AddressGone {
        old: String,
    },
    HelpAddressGone {
        address: String,
    },
    LinkRootMissing {
        target: String,
    },
    HelpLinkRootMissing,
    NotAnImage {
        name: String,
        kind: String,
    },
    HelpNotAnImage,
    ImageMissing {
        image: String,
    },
    HelpImageMissing,
    DuplicateTitle {
        other: PathBuf,
    },
    HelpDuplicateTitle,
    HelpFenceNotClosed,
    QuizAnswerOutOfRange {
        answer: i64,
        choices: usize,
    },
    HelpQuizAnswer,
    LinkMissingPage {
        target: String,
    },
    LinkMissingAnchor {
        target: String,
        anchor: String,
    },
    HelpKnownAnchors {
        anchors: String,
    },
    LinkMissingFile {
        target: String,
    },
    LinkToUnpublished {
        target: String,
    },
    HelpCheckPath,

    // the site as a whole
    DuplicateUrl {
        url: String,
        other: PathBuf,
    },
    ReservedUrl {
        url: String,
    },
    LinkSkipped,
    HelpLinkSkipped,
    HelpDuplicateUrl,
    TermsCollide {
        taxonomy: String,
        name: String,
        other: String,
        other_file: PathBuf,
    },
    HelpTermsCollide,
    UnsafeAlias {
        alias: String,
    },
    HelpAlias,
    UnknownTemplate {
        name: String,
    },
    TemplateError {
        detail: String,
    },
    HelpTemplate,

    // publishing
    OutputNotOurs {
        path: PathBuf,
    },
    HelpOutputNotOurs,
    OutputIsSourceFolder {
        path: PathBuf,
    },
    OutputBusy {
        path: PathBuf,
    },
    OutputIsMountPoint {
        path: PathBuf,
    },
    HelpOutputIsMountPoint,
    HelpOutputBusy,
    WriteFailed {
        path: PathBuf,
        detail: String,
    },

    // check, new, init
    MissingSummary,
    TooLong {
        key: String,
        length: usize,
        max: usize,
    },
    ImageWithoutAlt,
    HelpImageAlt,
    UnknownAbbreviation {
        word: String,
    },
    HelpGlossary {
        word: String,
    },
    HelpImageAltKey,
    CheckSummary {
        errors: usize,
        warnings: usize,
    },
    WouldOverwrite {
        path: PathBuf,
    },
    HelpWouldOverwrite,
    Created {
        path: PathBuf,
    },
    /// `loa new`: the draft, the sections it made, how to publish.
    CreatedDraft {
        path: PathBuf,
        sections: Vec<PathBuf>,
    },
    InitNotEmpty {
        path: PathBuf,
    },
    HelpInitNotEmpty,
    /// `loa import`: a file that is not a Word document it can read.
    ImportFailed {
        path: PathBuf,
        detail: String,
    },
    HelpImportFailed,
    HelpImportMissing,
    /// `loa import`: the draft, its pictures, the sections made, what was left out.
    Imported {
        path: PathBuf,
        pictures: Vec<PathBuf>,
        sections: Vec<PathBuf>,
        skipped: Vec<String>,
    },
    InitDone {
        path: PathBuf,
    },

    // serve
    PortBusy {
        port: u16,
    },
    PortDenied {
        port: u16,
    },
    ServeFailed {
        detail: String,
    },
    Utf16,
    PlaceholderSummary,
    I18nMissing {
        lang: String,
        keys: Vec<String>,
    },
    DefaultLanguageUnknown {
        code: String,
    },
    LanguageTwice {
        code: String,
    },
    BadLanguagePath {
        code: String,
        path: String,
    },
    HelpLanguages,
    TranslationTwice {
        key: String,
        other: PathBuf,
    },
    HelpTranslationKey,
    ImageUnreadable {
        detail: String,
    },
    HelpImageUnreadable,
    ImageLarge {
        name: String,
        megabytes: f64,
    },
    HelpImageLarge,
    ImageSmall {
        name: String,
        width: u32,
        smallest: u32,
    },
    HelpImageSmall,
    SvgCleaned {
        removed: Vec<String>,
    },
    HelpSvgCleaned,
    BadImageFocus {
        value: String,
    },
    Untranslated {
        lang: String,
        count: usize,
        pages: Vec<String>,
    },
    HelpUntranslated {
        lang: String,
    },
    TranslationWithoutOriginal {
        lang: String,
    },
    SpokenAsWritten {
        lang: String,
    },
    HelpSpokenAsWritten,
    HelpI18nMissing {
        lang: String,
    },
    UnsafeSection {
        section: String,
    },
    HelpUnsafeSection,
    PlaceholderSectionTitle {
        title: String,
    },
    HelpPlaceholderSectionTitle,
    HelpPlaceholderSummary,
    Serving {
        url: String,
    },
    Rebuilt {
        pages: usize,
        changed: usize,
        rendered: usize,
        reused: usize,
    },
    TextUpdated {
        files: usize,
        changed: usize,
        millis: u128,
    },
    NothingChanged {
        files: usize,
        warnings: usize,
    },
    WarningsTitle {
        warnings: usize,
    },
    DraftBanner,
    OverlayTitle {
        errors: usize,
    },
    ServeRemoteRefused {
        bind: String,
    },
    ServeRemoteWarning {
        bind: String,
    },
    /// `--allow-remote` without a password: the editor is off.
    EditorOff {
        variable: &'static str,
    },
    /// `--allow-remote` with a password: the editor asks for it.
    EditorPassword {
        variable: &'static str,
    },

    // the summary
    BuildSummary {
        pages: usize,
        sections: usize,
        terms: usize,
        files: usize,
        seconds: f64,
    },
    HelpLeftOut {
        reason: LeftOut,
        date: String,
    },
    PageLeftOut {
        reason: LeftOut,
        file: PathBuf,
    },
    BuildFailed {
        errors: usize,
    },
    WarningCount {
        warnings: usize,
    },

    // report
    ReportBadPeriod {
        value: String,
    },
    HelpPeriodForms,
    ReportUnknownFormat {
        value: String,
    },
    HelpReportFormats,
    ReportNeedsOutput {
        format: String,
    },
    HelpReportOutput,
    ReportOutputIsInput {
        path: PathBuf,
    },
    HelpReportOutputElsewhere,
    ReportSiteErrors,
    ReportNoAccessLog,
    HelpAccessLog,
    ReportLogUnreadable {
        detail: String,
        lines: u64,
    },
    ReportFileRepeated,
    ReportMalformedLines {
        count: u64,
    },
    ReportMalformedLine {
        text: String,
    },
    HelpLogFormat,
    ReportAiringHeader {
        missing: String,
    },
    HelpAiringHeader,
    ReportAiringUnknown {
        reference: String,
    },
    HelpAiringExplainer,
    ReportAiringBadValue {
        column: String,
        value: String,
    },
    ReportAiringMissing {
        column: String,
    },
    ReportAiringUnreadable {
        detail: String,
    },
    HelpAiringValue {
        column: String,
    },
    ReportAiringNotUtf8,
    HelpAiringUtf8,
    ReportNotAnAccessLog {
        lines: u64,
    },
    ReportNothingInPeriod {
        from: String,
        to: String,
    },
    ReportToBeforeFrom {
        from: String,
        to: String,
    },
    ReportFormatMismatch {
        format: String,
    },
    ReportMergePartial {
        unit: String,
    },
    ReportMergeOutside {
        unit: String,
        from: String,
        to: String,
    },
    ReportMissingSettings {
        keys: Vec<String>,
    },
    HelpReportSettings {
        keys: Vec<String>,
    },
    ReportUnitUnknown {
        unit: String,
    },
    ReportNotAReport {
        detail: String,
    },
    ReportMergeAlone,
    HelpMergeInput,
    ReportOtherSchema {
        schema: String,
    },
    HelpOtherSchema,
    ReportRepeated {
        unit: String,
        from: String,
        to: String,
    },
    ReportSameUnitOverlaps {
        unit: String,
    },
    ReportOtherPeriod {
        unit: String,
        from: String,
        to: String,
    },
    ReportWritten {
        path: PathBuf,
        explainers: usize,
    },
    ReportTablesBeside {
        count: usize,
    },
    ReportWriteFailed {
        path: PathBuf,
        detail: String,
    },
    /// Everything `loa deploy` says, in its own catalogue file.
    Deploy(DeployMessage),
}

/// A YAML problem in plain words; the parser's own only for what has no name.
fn yaml_problem(problem: &crate::yaml::YamlProblem, detail: &str, vi: bool) -> String {
    use crate::yaml::YamlProblem::*;
    let kind = |written: &str| -> String {
        let w = written.trim();
        let (vi_word, en_word) = if w.starts_with("string") {
            (
                format!("chữ {}", w.trim_start_matches("string").trim()),
                format!("text {}", w.trim_start_matches("string").trim()),
            )
        } else if w.starts_with("integer")
            || w.starts_with("floating point")
            || w == "i64"
            || w == "u32"
            || w == "usize"
            || w == "u64"
        {
            let n = w.split_whitespace().nth(if w.starts_with("floating") { 2 } else { 1 }).unwrap_or("");
            (format!("một số {n}").trim().to_string(), format!("a number {n}").trim().to_string())
        } else if w.starts_with("sequence") || w.starts_with("a sequence") {
            ("một danh sách (các dòng bắt đầu bằng -)".into(), "a list (lines starting with -)".into())
        } else if w.starts_with("map") || w.starts_with("struct") || w.starts_with("a map") {
            ("các dòng khóa: giá trị".into(), "lines of key: value".into())
        } else if w.starts_with("a string") || w.contains("string") {
            ("một đoạn chữ".into(), "some text".into())
        } else if w.starts_with("boolean") || w == "a boolean" {
            ("true hoặc false".into(), "true or false".into())
        } else {
            (w.to_string(), w.to_string())
        };
        if vi {
            vi_word
        } else {
            en_word
        }
    };
    match (problem, vi) {
        (Tab, true) => "dòng này thụt lề bằng ký tự Tab; YAML chỉ nhận dấu cách".into(),
        (Tab, false) => "this line is indented with a Tab; YAML takes only spaces".into(),
        (UnclosedQuote { .. }, true) => "ngoặc kép mở ở dòng này chưa được đóng".into(),
        (UnclosedQuote { .. }, false) => "the quote opened on this line is never closed".into(),
        (ColonInValue { .. }, true) => {
            "giá trị có dấu hai chấm (:) nên bị hiểu nhầm thành một khóa mới".into()
        }
        (ColonInValue { .. }, false) => "the value holds a colon (:) and reads as a new key".into(),
        (NoSpaceAfterColon { .. }, true) => "thiếu dấu cách sau dấu hai chấm".into(),
        (NoSpaceAfterColon { .. }, false) => "a space is missing after the colon".into(),
        (Indentation, true) => "thụt lề không đều: các dòng cùng cấp không thẳng cột".into(),
        (Indentation, false) => "uneven indentation: lines of one level do not line up".into(),
        (WrongType { found, needed }, true) => {
            format!("viết {} nhưng ở đây cần {}", kind(found), kind(needed))
        }
        (WrongType { found, needed }, false) => {
            format!("{} is written where {} is needed", kind(found), kind(needed))
        }
        (DuplicateKey { key, first }, true) => {
            format!("khóa `{key}` viết hai lần (lần đầu ở dòng {first}); gộp lại thành một khối")
        }
        (DuplicateKey { key, first }, false) => {
            format!("the key `{key}` is written twice (first on line {first}); merge them into one")
        }
        (MissingKey { key }, true) => format!("thiếu khóa `{key}`"),
        (MissingKey { key }, false) => format!("the key `{key}` is missing"),
        (UnknownKey { key, near: Some(near) }, true) => {
            format!("không có khóa `{key}` trong khối này; có phải `{near}`?")
        }
        (UnknownKey { key, near: Some(near) }, false) => {
            format!("this block has no key `{key}`; did you mean `{near}`?")
        }
        (UnknownKey { key, near: None }, true) => format!("không có khóa `{key}` trong khối này"),
        (UnknownKey { key, near: None }, false) => format!("this block has no key `{key}`"),
        (Other, true) => format!("chỗ này viết sai cú pháp (chi tiết: {detail})"),
        (Other, false) => format!("the syntax is wrong here (detail: {detail})"),
    }
}

impl Message {
    /// The help for a YAML problem: the corrected line when there is one.
    pub fn for_yaml_problem(problem: &crate::yaml::YamlProblem) -> Message {
        use crate::yaml::YamlProblem::*;
        match problem {
            UnclosedQuote { fixed } | ColonInValue { fixed } | NoSpaceAfterColon { fixed } => {
                Message::HelpYamlFixed { fixed: fixed.clone() }
            }
            Tab => Message::HelpYamlTab,
            Indentation => Message::HelpYamlIndent,
            _ => Message::HelpYamlQuotes,
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use Message::*;
        let vi = lang == Lang::Vi;
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            LabelError => pick("lỗi".into(), "error".into()),
            LabelWarning => pick("cảnh báo".into(), "warning".into()),
            LabelDraft => pick("bản nháp".into(), "draft".into()),
            LabelHelp => pick("cách sửa".into(), "how to fix".into()),

            SiteConfigMissing { root } => pick(
                format!("không tìm thấy site.yaml trong thư mục {}", root.display()),
                format!("no site.yaml in the folder {}", root.display()),
            ),
            HelpCreateSiteConfig => pick(
                "chạy lệnh trong thư mục của trang, hoặc chỉ rõ thư mục bằng --root".into(),
                "run loa inside the site's folder, or name the folder with --root".into(),
            ),
            ReadFailed { detail } => {
                pick(format!("không đọc được tệp: {detail}"), format!("cannot read the file: {detail}"))
            }
            NotUtf8 => pick(
                "tệp không phải văn bản UTF-8 (có thể được lưu bằng bảng mã cũ như TCVN3 hoặc VNI)".into(),
                "the file is not UTF-8 text (it may be saved in an old encoding such as TCVN3 or VNI)".into(),
            ),
            HelpSaveAsUtf8 => pick(
                "mở tệp và lưu lại với bảng mã UTF-8 (Unicode); với văn bản cũ, dùng công cụ chuyển mã của UniKey".into(),
                "open the file and save it again as UTF-8 (Unicode); for old documents use UniKey's converter".into(),
            ),
            ContentFolderMissing => pick(
                "không có thư mục content/ chứa các bài viết".into(),
                "there is no content/ folder with the explainers".into(),
            ),

            YamlSyntax { problem, detail } => pick(
                format!("YAML không hợp lệ: {}", yaml_problem(problem, detail, true)),
                format!("invalid YAML: {}", yaml_problem(problem, detail, false)),
            ),
            HelpYamlFixed { fixed } => pick(format!("sửa dòng này thành: {fixed}"), format!("make the line read: {fixed}")),
            HelpYamlTab => pick(
                "thay mỗi Tab bằng hai dấu cách (trình soạn thảo thường có lệnh đổi Tab thành dấu cách)".into(),
                "replace each Tab with two spaces (editors can usually convert tabs to spaces)".into(),
            ),
            HelpYamlIndent => pick(
                "các dòng cùng cấp phải bắt đầu thẳng cột, bằng dấu cách; mục con lùi vào hai dấu cách".into(),
                "lines of one level start in the same column, with spaces; items below them two spaces further in".into(),
            ),
            HelpYamlQuotes => pick(
                "mỗi dòng có dạng khóa: giá trị; đặt giá trị có dấu hai chấm (:) hoặc dấu # trong ngoặc kép \"...\"".into(),
                "each line reads key: value; put values that contain a colon (:) or # in double quotes \"...\"".into(),
            ),
            FrontMatterUnclosed => pick(
                "phần thông tin đầu bài (front matter) mở bằng --- nhưng không có dòng --- để đóng".into(),
                "the front matter opens with --- but has no closing --- line".into(),
            ),
            HelpCloseFrontMatter => pick(
                "thêm một dòng chỉ có --- ngay sau các dòng thông tin, trước nội dung bài".into(),
                "add a line with only --- after the front matter keys, before the text".into(),
            ),
            FrontMatterNotMapping => pick(
                "phần thông tin đầu bài phải gồm các dòng khóa: giá trị".into(),
                "the front matter must be lines of key: value".into(),
            ),
            MissingKey { key } => pick(format!("thiếu khóa bắt buộc `{key}`"), format!("the required key `{key}` is missing")),
            HelpAddKey { key, example } => pick(
                format!("thêm một dòng `{key}: {example}`"),
                format!("add a line `{key}: {example}`"),
            ),
            WrongType { key, expected } => pick(
                format!("`{key}` phải là {}", expected.text(lang)),
                format!("`{key}` must be {}", expected.text(lang)),
            ),
            HelpWriteAs { expected } => pick(
                format!("viết giá trị thành {}", expected.text(lang)),
                format!("write the value as {}", expected.text(lang)),
            ),
            UnknownKey { key } => pick(
                format!("khóa `{key}` không được dùng và sẽ bị bỏ qua"),
                format!("the key `{key}` is not used and will be ignored"),
            ),
            DidYouMean { suggestion } => {
                pick(format!("có phải bạn muốn viết `{suggestion}`?"), format!("did you mean `{suggestion}`?"))
            }
            HelpKnownKeys { keys } => pick(format!("các khóa dùng được: {keys}"), format!("known keys: {keys}")),
            BadDate { key, value } => pick(
                format!("`{key}: {value}` không phải là một ngày hợp lệ"),
                format!("`{key}: {value}` is not a valid date"),
            ),
            BadChannel { value } => pick(
                format!("kênh `{value}` không tồn tại"),
                format!("there is no channel `{value}`"),
            ),
            UnknownOutput { name } => pick(
                format!("`outputs` có `{name}`, không phải loại đầu ra nào"),
                format!("`outputs` names `{name}`, which is no output"),
            ),
            BadLanguageCode(value) => pick(
                format!("`code: {value}` trong `languages` không phải mã ngôn ngữ; viết như vi, en, tyz (Tày), nut (Nùng)"),
                format!("`code: {value}` in `languages` is not a language code; write it like vi, en, tyz (Tày), nut (Nùng)"),
            ),
            BadLanguage(value) => pick(
                format!("`language: {value}` không phải mã ngôn ngữ; viết như vi, en, tyz (Tày), nut (Nùng)"),
                format!("`language: {value}` is not a language code; write it like vi, en, tyz (Tày), nut (Nùng)"),
            ),
            BadTheme(value) => pick(
                format!("`theme: {value}` phải là tên một thư mục trong themes/ (chữ, số, - và _), không phải đường dẫn"),
                format!("`theme: {value}` must be the name of a folder in themes/ (letters, digits, - and _), not a path"),
            ),
            BadBaseUrl { value } => pick(
                format!("base_url `{value}` không phải địa chỉ web đầy đủ"),
                format!("base_url `{value}` is not a full web address"),
            ),
            BadTaxonomySlug { name } => pick(
                format!("phân loại `{name}` cần có name, slug và title; slug chỉ gồm chữ thường không dấu, số và dấu -"),
                format!("taxonomy `{name}` needs name, slug and title; the slug may hold only a-z, 0-9 and -"),
            ),
            EmptySlug { title } => pick(
                format!("không tạo được đường dẫn từ `{title}` (không còn chữ cái hay chữ số nào)"),
                format!("no URL can be made from `{title}` (no letters or digits left)"),
            ),
            HelpSetSlug => pick(
                "thêm khóa `slug:` với chữ thường không dấu, ví dụ slug: chuyen-doi-so".into(),
                "add a `slug:` key in plain lower-case letters, e.g. slug: chuyen-doi-so".into(),
            ),

            ComponentMalformed { component, problem, detail } => pick(
                format!("khối `{component}` viết chưa đúng: {}", yaml_problem(problem, detail, true)),
                format!("the `{component}` block is malformed: {}", yaml_problem(problem, detail, false)),
            ),
            HelpComponentShape { component } => pick(
                format!("xem mẫu khối `{component}` trong HUONG-DAN.md, mục \"{GUIDE_COMPONENTS}\""),
                format!("see the `{component}` example in HUONG-DAN.md, section \"{GUIDE_COMPONENTS}\" (README: Components)"),
            ),
            ComponentLooksLike { written, suggestion } => pick(
                format!("khối mã `{written}` không phải thành phần nào; có phải bạn muốn viết `{suggestion}`?"),
                format!("the code block `{written}` names no component; did you mean `{suggestion}`?"),
            ),
            NotAnImage { name, kind } if kind == "?" => pick(
                format!("tệp {name} mang tên ảnh nhưng không phải ảnh; trình duyệt sẽ không hiện được"),
                format!("the file {name} is named as a picture but is not one; browsers cannot show it"),
            ),
            NotAnImage { name, kind } => pick(
                format!("tệp {name} mang tên ảnh nhưng không phải ảnh (nội dung là {kind}); trình duyệt sẽ không hiện được"),
                format!("the file {name} is named as a picture but is not one (it holds {kind}); browsers cannot show it"),
            ),
            HelpNotAnImage => pick(
                "mở tệp bằng chương trình xem ảnh rồi lưu lại dưới dạng JPG hoặc PNG (ảnh HEIC của điện thoại cũng cần chuyển)".into(),
                "open it in a picture viewer and save it as JPG or PNG (phones' HEIC pictures need converting too)".into(),
            ),
            ImageMissing { image } => pick(
                format!("không có tệp ảnh `{image}` bên cạnh bài"),
                format!("there is no picture `{image}` beside the page"),
            ),
            HelpImageMissing => pick(
                "đặt ảnh vào cùng thư mục với bài và viết đúng tên tệp (kể cả chữ hoa, chữ thường), hoặc bỏ dòng image".into(),
                "put the picture in the page's folder and write its file name exactly (capitals too), or remove the image line".into(),
            ),
            DuplicateTitle { other } => pick(
                format!("đã có bài cùng tiêu đề: {}; người đọc và máy tìm kiếm khó phân biệt", other.display()),
                format!("another page has the same title: {}; readers and search engines cannot tell them apart", other.display()),
            ),
            HelpDuplicateTitle => pick(
                "đặt cho mỗi bài một tiêu đề riêng, nói rõ điều bài đó khác".into(),
                "give each page a title of its own, saying what sets it apart".into(),
            ),
            LinkRootMissing { target } => pick(
                format!("liên kết tới `{target}` nhưng trang không có địa chỉ đó"),
                format!("the link goes to `{target}` but the site has no such address"),
            ),
            HelpLinkRootMissing => pick(
                format!("liên kết tới bài khác nên viết bằng tên tệp .md của bài (ví dụ ../hieu-dung/bai.md): loa tự tính địa chỉ và báo khi bài đổi chỗ; xem HUONG-DAN.md, mục \"{GUIDE_LINKS}\""),
                "link to another page by its .md file (../hieu-dung/page.md): loa works out the address and tells you when the page moves".into(),
            ),
            AddressMoved { old, new } => pick(
                format!("địa chỉ {old} đã đăng lần trước nay không còn; bài có lẽ đã chuyển sang {new}, báo và trang đối tác đang dẫn tới địa chỉ cũ sẽ gặp trang lỗi"),
                format!("the address {old} published last time is gone; the page seems to have moved to {new}, and newspapers and partners linking to the old one will get an error page"),
            ),
            HelpAddressMoved { alias } => pick(
                format!("thêm vào phần đầu bài dòng aliases: [\"{alias}\"] để địa chỉ cũ tự chuyển sang địa chỉ mới"),
                format!("add the line aliases: [\"{alias}\"] to the page's front matter, so the old address leads to the new one"),
            ),
            AddressGone { old } => pick(
                format!("địa chỉ {old} đã đăng lần trước nay không còn: ai đang dẫn tới đó sẽ gặp trang lỗi"),
                format!("the address {old} published last time is gone: whoever links to it gets an error page"),
            ),
            HelpAddressGone { address } => pick(
                format!("nếu bài đổi tên hoặc chuyển mục, thêm aliases: [\"{address}\"] vào bài mới; nếu bỏ hẳn có chủ ý, ghi vào site.yaml: removed: [\"{address}\"]"),
                format!("if the page was renamed or moved, add aliases: [\"{address}\"] to it; if it was taken down on purpose, say so in site.yaml: removed: [\"{address}\"]"),
            ),
            FenceNotClosed { opening } => pick(
                format!("khối mở bằng dòng {opening} không có dòng đóng: phần còn lại của bài bị coi là mã"),
                format!("the block opened by the line {opening} is never closed: the rest of the page becomes code"),
            ),
            HelpFenceNotClosed => pick(
                "thêm một dòng chỉ có ``` ở cuối khối".into(),
                "add a line holding only ``` where the block ends".into(),
            ),
            QuizAnswerOutOfRange { answer, choices } => pick(
                format!("`answer: {answer}` nhưng câu hỏi chỉ có {choices} lựa chọn"),
                format!("`answer: {answer}` but the quiz has only {choices} choices"),
            ),
            HelpQuizAnswer => pick(
                "answer là số thứ tự của lựa chọn đúng, đếm từ 1".into(),
                "answer is the number of the right choice, counting from 1".into(),
            ),
            LinkMissingPage { target } => pick(
                format!("liên kết tới `{target}` nhưng không có bài viết đó"),
                format!("link to `{target}`, but there is no such page"),
            ),
            LinkMissingAnchor { target, anchor } => pick(
                format!("liên kết tới `{target}#{anchor}` nhưng bài đó không có tiêu đề mục `{anchor}`"),
                format!("link to `{target}#{anchor}`, but that page has no heading `{anchor}`"),
            ),
            HelpKnownAnchors { anchors } if anchors.is_empty() => pick(
                "bài đó không có tiêu đề mục nào (##): bỏ phần #… để liên kết tới cả bài".into(),
                "that page has no headings (##): drop the #… part to link to the whole page".into(),
            ),
            HelpKnownAnchors { anchors } => pick(
                format!("các tiêu đề mục có trong bài: {anchors}"),
                format!("the page's headings: {anchors}"),
            ),
            LinkToUnpublished { target } => pick(
                format!("liên kết tới `{target}`, bài này không có trên cổng thông tin (bản nháp, chưa đến ngày, hết hạn hoặc không đăng kênh portal) nên liên kết bị bỏ, chỉ giữ chữ"),
                format!("link to `{target}`, a page that is not on the portal (draft, future, expired or without the portal channel): the link is left out, its text kept"),
            ),
            LinkMissingFile { target } => pick(
                format!("liên kết tới tệp `{target}` nhưng tệp không tồn tại"),
                format!("link to the file `{target}`, which does not exist"),
            ),
            HelpCheckPath => pick(
                "đường dẫn tính từ thư mục của bài viết; kiểm tra tên tệp và thư mục (../ để lên một cấp)".into(),
                "paths start from the page's folder; check the file and folder names (../ goes up one level)".into(),
            ),

            DuplicateUrl { url, other } => pick(
                format!("hai nội dung cùng ra một địa chỉ {url} (trùng với {})", other.display()),
                format!("two items land on the same URL {url} (also {})", other.display()),
            ),
            LinkSkipped => pick(
                "đây là một liên kết (symlink), loa không đi theo nên tệp này không được đăng".into(),
                "this is a link (symlink); loa does not follow links, so it is not published".into(),
            ),
            HelpLinkSkipped => pick(
                "chép tệp thật vào đây thay cho liên kết".into(),
                "copy the real file here instead of the link".into(),
            ),
            ReservedUrl { url } => pick(
                format!("địa chỉ {url} là của một tệp loa tự tạo (trang tìm kiếm, bàn phát thanh, bản tin, sơ đồ trang, tệp của một bài…); nội dung này sẽ đè lên hoặc bị bỏ"),
                format!("the address {url} belongs to a file loa writes itself (the search page, the broadcast desk, a feed, the sitemap, a page's file…); this item would replace it or be dropped"),
            ),
            TermsCollide { taxonomy, name, other, other_file } => pick(
                format!(
                    "{taxonomy} \"{name}\" và \"{other}\" (trong {}) chỉ khác nhau ở dấu nên trùng một địa chỉ; loa không gộp chúng",
                    other_file.display()
                ),
                format!(
                    "{taxonomy} \"{name}\" and \"{other}\" (in {}) differ only by their marks, so they share one address; loa does not merge them",
                    other_file.display()
                ),
            ),
            HelpTermsCollide => pick(
                "nếu là một, viết giống nhau ở cả hai bài; nếu là hai, đổi tên một cái cho khác chữ (ví dụ \"Thuế\" và \"Thuê nhà\")".into(),
                "if they are one, write them the same in both; if two, rename one so the letters differ (\"Thuế\" and \"Thuê nhà\")".into(),
            ),
            HelpDuplicateUrl => pick(
                "đổi tên một trong hai tệp, hoặc đặt `slug:` khác cho một bài".into(),
                "rename one of the files, or give one page a different `slug:`".into(),
            ),
            UnsafeAlias { alias } => pick(
                format!("địa chỉ cũ (alias) `{alias}` không hợp lệ"),
                format!("the alias `{alias}` is not a valid path"),
            ),
            HelpAlias => pick(
                "viết alias là đường dẫn trong trang, ví dụ /cu/bai-viet/, không có .. hay http://".into(),
                "write an alias as a path inside the site, e.g. /old/page/, without .. or http://".into(),
            ),
            UnknownTemplate { name } => pick(
                format!("không có mẫu giao diện (template) `{name}`"),
                format!("there is no template `{name}`"),
            ),
            TemplateError { detail } => pick(
                format!("lỗi mẫu giao diện: {detail}"),
                format!("template error: {detail}"),
            ),
            HelpTemplate => pick(
                "sửa mẫu ở dòng được chỉ ra; mẫu trong templates/ của trang sẽ thay mẫu cùng tên của giao diện".into(),
                "fix the template at the line shown; a template in the site's templates/ replaces the theme's one of the same name".into(),
            ),

            OutputNotOurs { path } => pick(
                format!("thư mục {} đã có tệp không do loa tạo ra; loa không ghi đè để tránh mất dữ liệu", path.display()),
                format!("the folder {} holds files loa did not write; loa will not replace it, so nothing is lost", path.display()),
            ),
            HelpOutputNotOurs => pick(
                "chọn thư mục khác bằng --output, hoặc tự xóa/đổi tên thư mục đó nếu chắc chắn không cần".into(),
                "choose another folder with --output, or delete or rename that folder yourself if you are sure".into(),
            ),
            OutputIsSourceFolder { path } => pick(
                format!("thư mục đầu ra {} chứa hoặc trùng thư mục nguồn của trang", path.display()),
                format!("the output folder {} contains or is the site's source folder", path.display()),
            ),
            OutputIsMountPoint { path } => pick(
                format!("thư mục đầu ra {} là nơi gắn một ổ đĩa (mount point); loa thay cả thư mục mỗi lần dựng nên không thay được nó", path.display()),
                format!("the output folder {} is a mount point; loa replaces the whole folder on each build, which a mount point does not allow", path.display()),
            ),
            HelpOutputIsMountPoint => pick(
                "chọn một thư mục con bên trong nó, ví dụ --output /srv/www/chuyen-doi-so, và trỏ máy chủ web vào đó".into(),
                "choose a folder inside it, e.g. --output /srv/www/chuyen-doi-so, and point the web server there".into(),
            ),
            OutputBusy { path } => pick(
                format!("một lần dựng khác đang ghi vào {}; lần này dừng lại, không thay đổi gì", path.display()),
                format!("another build is writing {}; this one stops and changes nothing", path.display()),
            ),
            HelpOutputBusy => pick(
                "đợi lần dựng kia xong rồi chạy lại".into(),
                "wait for the other build to finish, then run again".into(),
            ),
            WriteFailed { path, detail } => pick(
                format!("không ghi được {}: {detail}; bản dựng trước vẫn giữ nguyên", path.display()),
                format!("cannot write {}: {detail}; the previous build is left as it was", path.display()),
            ),

            MissingSummary => pick(
                "bài chưa có tóm tắt (summary); danh sách, mạng xã hội và bản tin loa đều cần nó".into(),
                "the page has no summary; lists, social cards and bulletins need one".into(),
            ),
            TooLong { key, length, max } => pick(
                format!("`{key}` dài {length} ký tự; thẻ chia sẻ trên mạng xã hội chỉ hiện khoảng {max}"),
                format!("`{key}` is {length} characters; social cards show about {max}"),
            ),
            UnknownAbbreviation { word } => pick(
                format!("chữ viết tắt \"{word}\" chưa có cách đọc: bản phát thanh sẽ đọc nguyên chữ"),
                format!("no one knows how to say the abbreviation \"{word}\": the broadcast script reads it as written"),
            ),
            HelpGlossary { word } => pick(
                format!("thêm vào glossary trong site.yaml một dòng {word}: <cách đọc>, hoặc viết đầy đủ lần đầu"),
                format!("add a line {word}: <how to say it> under glossary in site.yaml, or write it out the first time"),
            ),
            ImageWithoutAlt => pick(
                "hình ảnh chưa có lời mô tả (alt) cho người khiếm thị và cho bản đọc phát thanh".into(),
                "an image has no description (alt text) for blind readers and the broadcast script".into(),
            ),
            HelpImageAlt => pick(
                "viết mô tả trong ngoặc vuông: ![Sơ đồ ba trụ cột](so-do.png)".into(),
                "write the description in the brackets: ![Diagram of the three pillars](diagram.png)".into(),
            ),
            HelpImageAltKey => pick(
                "thêm khóa image_alt: \"mô tả hình\"".into(),
                "add the key image_alt: \"what the picture shows\"".into(),
            ),
            CheckSummary { errors, warnings } => pick(
                format!("Kiểm tra xong: {errors} lỗi, {warnings} cảnh báo."),
                format!("Check finished: {errors} error(s), {warnings} warning(s)."),
            ),
            WouldOverwrite { path } => pick(
                format!("tệp {} đã có; loa không ghi đè", path.display()),
                format!("the file {} already exists; loa does not overwrite it", path.display()),
            ),
            HelpWouldOverwrite => pick(
                "đặt tiêu đề khác, hoặc mở tệp đã có để sửa".into(),
                "choose another title, or open the existing file".into(),
            ),
            Created { path } => pick(format!("Đã tạo {}", path.display()), format!("Created {}", path.display())),
            CreatedDraft { path, sections } => {
                let made: Vec<String> = sections.iter().map(|s| s.display().to_string()).collect();
                let (vi_sections, en_sections) = match made.is_empty() {
                    true => (String::new(), String::new()),
                    false => (
                        format!(
                            "\nĐã tạo mục mới {} với tiêu đề lấy từ tên thư mục; sửa tiêu đề ở đó cho có dấu.",
                            made.join(", ")
                        ),
                        format!("\nCreated the new section {} with a title from the folder's name; correct it there.", made.join(", ")),
                    ),
                };
                pick(
                    format!(
                        "Đã tạo {} (bản nháp).{vi_sections}\nBài đang là bản nháp (draft: true): loa serve cho xem trước, loa check kiểm tra; \
                         khi muốn đăng, đổi dòng draft: true thành draft: false.",
                        path.display()
                    ),
                    format!(
                        "Created {} (a draft).{en_sections}\nThe page is a draft (draft: true): loa serve previews it, loa check checks it; \
                         to publish it, change draft: true to draft: false.",
                        path.display()
                    ),
                )
            }
            InitNotEmpty { path } => pick(
                format!("thư mục {} đã có tệp; loa chỉ tạo trang mới trong thư mục trống", path.display()),
                format!("the folder {} is not empty; loa creates a new site only in an empty folder", path.display()),
            ),
            ImportFailed { path, detail } => pick(
                format!("không nhập được {}: {detail}", path.display()),
                format!("could not import {}: {detail}", path.display()),
            ),
            HelpImportFailed => pick(
                "mở tệp trong Word hoặc LibreOffice rồi lưu lại dưới dạng Word (.docx)".into(),
                "open the file in Word or LibreOffice and save it as a Word document (.docx)".into(),
            ),
            HelpImportMissing => pick(
                "kiểm tra tên tệp và thư mục; đường dẫn tính từ thư mục đang đứng khi gõ lệnh".into(),
                "check the file's name and folder; the path is from the folder the command runs in".into(),
            ),
            Imported { path, pictures, sections, skipped } => {
                let list = |items: &[PathBuf]| items.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
                let mut vi = format!("Đã nhập thành bản nháp {}.", path.display());
                let mut en = format!("Imported as the draft {}.", path.display());
                if !pictures.is_empty() {
                    vi.push_str(&format!("\nẢnh đặt cạnh bài: {}.", list(pictures)));
                    en.push_str(&format!("\nPictures beside it: {}.", list(pictures)));
                }
                if !sections.is_empty() {
                    vi.push_str(&format!("\nĐã tạo mục mới {}; sửa tiêu đề ở đó cho có dấu.", list(sections)));
                    en.push_str(&format!("\nCreated the new section {}; correct its title there.", list(sections)));
                }
                if skipped.is_empty() {
                    vi.push_str("\nĐã chuyển hết nội dung.");
                    en.push_str("\nEverything was converted.");
                } else {
                    vi.push_str("\nChưa chuyển được (xem lại trong tệp Word):");
                    en.push_str("\nNot converted (see the Word file) [in Vietnamese]:");
                    for s in skipped {
                        vi.push_str(&format!("\n  - {s}"));
                        en.push_str(&format!("\n  - {s}"));
                    }
                }
                vi.push_str("\nMở bài để xem lại (loa serve, rồi «Sửa bài»), bỏ dấu bản nháp khi muốn đăng.");
                en.push_str("\nOpen it to review (loa serve, then the editor) and clear draft when it is ready.");
                pick(vi, en)
            }
            HelpInitNotEmpty => pick(
                "chọn một thư mục mới, ví dụ: loa init trang-moi".into(),
                "choose a new folder, e.g. loa init new-site".into(),
            ),
            InitDone { path } => pick(
                format!("Đã tạo trang mới trong {}. Dựng thử: loa build --root {}", path.display(), path.display()),
                format!("Created a new site in {}. Build it: loa build --root {}", path.display(), path.display()),
            ),
            PortBusy { port } => pick(
                format!("lỗi: cổng {port} đang có chương trình khác dùng (có thể là một loa serve khác đang chạy)\n  cách sửa: đóng chương trình kia, hoặc chọn cổng khác: loa serve --port 1112"),
                format!("error: port {port} is in use by another program (perhaps another loa serve)\n  how to fix: close it, or choose another port: loa serve --port 1112"),
            ),
            PortDenied { port } => pick(
                format!("lỗi: không được phép mở cổng {port}\n  cách sửa: chọn cổng từ 1024 trở lên, ví dụ loa serve --port 1111"),
                format!("error: not allowed to open port {port}\n  how to fix: choose a port of 1024 or above, e.g. loa serve --port 1111"),
            ),
            ServeFailed { detail } => {
                pick(format!("lỗi: không mở được bản xem trước: {detail}"), format!("error: cannot start the preview: {detail}"))
            }
            Utf16 => pick(
                "tệp được lưu dạng UTF-16 (\"Unicode\" của Notepad hoặc Word), loa cần UTF-8".into(),
                "the file is saved as UTF-16 (Notepad's or Word's \"Unicode\"); loa needs UTF-8".into(),
            ),
            UnsafeSection { section } => pick(
                format!("mục `{section}` không dùng được: --section là một thư mục bên trong content/"),
                format!("the section `{section}` cannot be used: --section is a folder inside content/"),
            ),
            HelpUnsafeSection => pick(
                "viết tên thư mục bằng chữ thường không dấu, ví dụ --section hieu-dung hoặc --section nguoi-dan/dich-vu".into(),
                "write the folder in plain lower-case letters, e.g. --section hieu-dung or --section nguoi-dan/dich-vu".into(),
            ),
            PlaceholderSectionTitle { title } => pick(
                format!("tiêu đề mục \"{title}\" vẫn là tên thư mục, chưa có dấu"),
                format!("the section title \"{title}\" is still the folder's name, without its marks"),
            ),
            HelpPlaceholderSectionTitle => pick(
                "sửa dòng title trong _index.md của mục, ví dụ title: \"Hiểu đúng\"".into(),
                "correct the title line in the section's _index.md, e.g. title: \"Hiểu đúng\"".into(),
            ),
            DefaultLanguageUnknown { code } => pick(
                format!("`default_language: {code}` không có trong danh sách `languages`"),
                format!("`default_language: {code}` is not one of `languages`"),
            ),
            LanguageTwice { code } => pick(
                format!("ngôn ngữ `{code}` được kê hai lần trong `languages`"),
                format!("the language `{code}` is listed twice in `languages`"),
            ),
            BadLanguagePath { code, path } => pick(
                format!("thư mục `{path}` của ngôn ngữ `{code}` không dùng được: cần chữ thường không dấu, số và dấu -, và mỗi ngôn ngữ một thư mục riêng"),
                format!("the folder `{path}` of the language `{code}` cannot be used: it needs lower-case letters without marks, digits and -, and a folder of its own"),
            ),
            ImageUnreadable { detail } => pick(
                format!("không đọc được ảnh này: {detail}"),
                format!("this picture cannot be read: {detail}"),
            ),
            HelpImageUnreadable => pick(
                "mở ảnh bằng phần mềm xem ảnh rồi lưu lại thành JPEG hoặc PNG; nếu tệp tải về chưa xong, tải lại".into(),
                "open the picture in an image viewer and save it again as JPEG or PNG; if its download did not finish, download it again".into(),
            ),
            ImageLarge { name, megabytes } => pick(
                format!("ảnh {name} nặng {} MB: trang chỉ gửi bản thu nhỏ, nhưng mỗi lần dựng không có bộ đệm đều phải xử lý nó", crate::messages::decimal(*megabytes, Lang::Vi)),
                format!("the picture {name} weighs {} MB: pages send only resized copies, but every build without the cache must process it", crate::messages::decimal(*megabytes, Lang::En)),
            ),
            HelpImageLarge => pick(
                "thu nhỏ ảnh còn khoảng 2000 điểm ảnh chiều ngang trước khi đưa vào".into(),
                "resize it to about 2000 pixels wide before adding it".into(),
            ),
            ImageSmall { name, width, smallest } => pick(
                format!("ảnh {name} chỉ rộng {width} điểm ảnh, nhỏ hơn cỡ nhỏ nhất ({smallest}): trên màn hình lớn sẽ bị mờ"),
                format!("the picture {name} is only {width} pixels wide, less than the smallest width ({smallest}): it will look blurred on large screens"),
            ),
            HelpImageSmall => pick(
                "dùng ảnh gốc lớn hơn nếu có".into(),
                "use a larger original if there is one".into(),
            ),
            SvgCleaned { removed } => pick(
                format!("hình vẽ SVG có phần có thể chạy mã hoặc tải thứ khác từ ngoài, đã bỏ đi khi đăng: {}", removed.join(", ")),
                format!("the SVG drawing had parts that could run code or load things from elsewhere, left out when published: {}", removed.join(", ")),
            ),
            HelpSvgCleaned => pick(
                "xuất lại hình vẽ dạng \"SVG thuần\" (plain SVG) từ phần mềm vẽ".into(),
                "export the drawing again as plain SVG from the drawing program".into(),
            ),
            BadImageFocus { value } => pick(
                format!("`image_focus: {value}` cần hai số phần trăm: cách mép trái và cách mép trên, ví dụ \"50% 30%\""),
                format!("`image_focus: {value}` needs two percentages: from the left and from the top, e.g. \"50% 30%\""),
            ),
            TranslationTwice { key, other } => pick(
                format!("hai bài cùng ngôn ngữ là bản dịch của `{key}`; bài kia: {}", other.display()),
                format!("two pages in one language are translations of `{key}`; the other: {}", other.display()),
            ),
            HelpTranslationKey => pick(
                "mỗi ngôn ngữ một bản dịch: sửa hoặc bỏ translation_key ở một trong hai bài".into(),
                "one translation per language: change or remove translation_key in one of the two".into(),
            ),
            Untranslated { lang, count, pages } => {
                let more = count.saturating_sub(pages.len());
                let list = pages.join("\n  ");
                pick(
                    format!("{count} bài chưa có bản dịch `{lang}` (người đọc `{lang}` được đưa về trang chủ của ngôn ngữ đó):\n  {list}{}", if more > 0 { format!("\n  … và {more} bài nữa") } else { String::new() }),
                    format!("{count} {} no `{lang}` translation yet (`{lang}` readers are sent to that language's home page):\n  {list}{}", if *count == 1 { "page has" } else { "pages have" }, if more > 0 { format!("\n  … and {more} more") } else { String::new() }),
                )
            }
            HelpUntranslated { lang } => pick(
                format!("bản dịch là tệp tên-bài.{lang}.md đặt cạnh bài gốc; xem HUONG-DAN.md, mục \"{GUIDE_TRANSLATIONS}\""),
                format!("a translation is a file name.{lang}.md beside the original (README: Languages)"),
            ),
            TranslationWithoutOriginal { lang } => pick(
                format!("bài `{lang}` này không có bài gốc tiếng mặc định: bài vẫn được đăng, nhưng không liên kết với bản nào"),
                format!("this `{lang}` page has no original in the default language: it is published, linked to no other version"),
            ),
            SpokenAsWritten { lang } => pick(
                format!("kịch bản phát thanh bằng `{lang}`: số, ngày và số văn bản để nguyên như viết, vì loa chỉ biết cách đọc tiếng Việt"),
                format!("broadcast scripts in `{lang}`: numbers, dates and document numbers are left as written, as loa reads them only in Vietnamese"),
            ),
            HelpSpokenAsWritten => pick(
                "nếu phát thanh viên đọc số bằng tiếng Việt, thêm spoken: vi vào ngôn ngữ đó trong languages của site.yaml; từ viết tắt thì ghi vào glossary của ngôn ngữ đó".into(),
                "if the announcer reads numbers in Vietnamese, add spoken: vi to that language in site.yaml's languages; abbreviations go in that language's glossary".into(),
            ),
            HelpLanguages => pick(
                "viết như: languages: [{ code: vi, name: Tiếng Việt }, { code: en, name: English }, { code: tyz, name: Tày }]; ngôn ngữ đầu (hoặc default_language) ở gốc trang, các ngôn ngữ khác ở thư mục riêng, mặc định /<mã>/ (đổi bằng path:)".into(),
                "write it like: languages: [{ code: vi, name: Tiếng Việt }, { code: en, name: English }, { code: tyz, name: Tày }]; the first (or default_language) is at the site's root, the others in a folder each, /<code>/ unless path: says otherwise".into(),
            ),
            I18nMissing { lang, keys } => pick(
                format!("giao diện chưa có {} chữ bằng ngôn ngữ `{lang}`, đang dùng tiếng Việt: {}", keys.len(), keys.join(", ")),
                format!("the theme lacks {} words in `{lang}`, shown in Vietnamese meanwhile: {}", keys.len(), keys.join(", ")),
            ),
            HelpI18nMissing { lang } => pick(
                format!("viết các chữ đó vào i18n/{lang}.yaml trong thư mục của trang, mỗi dòng khóa: \"chữ\" (xem themes/default/i18n/vi.yaml)"),
                format!("write them in i18n/{lang}.yaml in the site's folder, a line key: \"words\" each (see themes/default/i18n/vi.yaml)"),
            ),
            PlaceholderSummary => pick(
                "tóm tắt vẫn là câu mẫu của loa new".into(),
                "the summary is still loa new's placeholder".into(),
            ),
            HelpPlaceholderSummary => pick(
                "viết một hai câu nói bài này giúp bà con điều gì".into(),
                "write one or two sentences on what the page tells readers".into(),
            ),
            Serving { url } => pick(
                format!("Xem trước tại {url} (Ctrl+C để dừng)"),
                format!("Previewing at {url} (Ctrl+C to stop)"),
            ),
            Rebuilt { pages, changed, rendered, reused } => pick(
                format!("Đã dựng lại: {pages} bài; dựng lại {rendered} tệp HTML, giữ nguyên {reused}; {changed} trang thay đổi"),
                format!("Rebuilt: {pages} pages; {rendered} HTML files rendered, {reused} reused; {changed} pages changed"),
            ),
            TextUpdated { files, changed, millis } => pick(
                format!("Đã cập nhật nội dung bài: viết lại {files} tệp, {changed} trang thay đổi ({millis} ms)"),
                format!("Updated the text: {files} files rewritten, {changed} pages changed ({millis} ms)"),
            ),
            NothingChanged { files, warnings: 0 } => pick(
                format!("Không có gì thay đổi từ lần dựng trước: {files} tệp giữ nguyên, không ghi tệp nào"),
                format!("Nothing changed since the last build: {files} files kept, none written"),
            ),
            NothingChanged { files, warnings } => pick(
                format!("Không có gì thay đổi từ lần dựng trước: {files} tệp giữ nguyên, không ghi tệp nào; lần dựng đó có {warnings} cảnh báo, xem lại bằng loa check"),
                format!("Nothing changed since the last build: {files} files kept, none written; that build had {warnings} warning(s), see them with loa check"),
            ),
            WarningsTitle { warnings } => pick(
                format!("{warnings} cảnh báo nên sửa trước khi đăng (bấm để xem)"),
                format!("{warnings} warnings to fix before publishing (click to see them)"),
            ),
            DraftBanner => pick(
                "BẢN NHÁP: bài này chưa đăng (draft: true). Khi muốn đăng, đổi thành draft: false.".into(),
                "DRAFT: this page is not published (draft: true). To publish it, change it to draft: false.".into(),
            ),
            OverlayTitle { errors } => pick(
                format!("Có {errors} lỗi: trang đang hiện bản dựng tốt gần nhất"),
                format!("{errors} error(s): showing the last good build"),
            ),
            ServeRemoteRefused { bind } => pick(
                format!("loa serve chỉ mở trên máy này; {bind} cho phép máy khác truy cập. Nếu thật sự cần, thêm --allow-remote"),
                format!("loa serve listens on this machine only; {bind} lets other machines in. If you really need it, add --allow-remote"),
            ),
            ServeRemoteWarning { bind } => pick(
                format!("cảnh báo: bản xem trước mở cho mọi máy truy cập được {bind}, kể cả bản nháp"),
                format!("warning: the preview is open to every machine that can reach {bind}, drafts included"),
            ),
            EditorOff { variable } => pick(
                format!("trình sửa bài tắt khi mở ra mạng; muốn bật thì đặt mật khẩu trong biến môi trường {variable}"),
                format!("the editor is off on a preview open to the network; set a password in the environment variable {variable} to turn it on"),
            ),
            EditorPassword { variable } => pick(
                format!("trình sửa bài mở ra mạng, cần mật khẩu ({variable}); dùng trong mạng nội bộ tin cậy hoặc sau HTTPS"),
                format!("the editor is open to the network behind the password in {variable}; use it on a trusted network or behind HTTPS"),
            ),
            BuildSummary { pages, sections, terms, files, seconds } => pick(
                format!(
                    "Đã dựng {pages} bài, {sections} mục, {terms} thuật ngữ, {files} tệp trong {} giây",
                    format!("{seconds:.2}").replace('.', ",")
                ),
                format!("Built {pages} pages, {sections} sections, {terms} terms, {files} files in {seconds:.2} s"),
            ),
            HelpLeftOut { reason, date } => match reason {
                LeftOut::Future => pick(
                    format!("ngày đăng là {date}: bài tự lên cổng khi dựng lại từ ngày đó; muốn đăng ngay thì sửa date thành hôm nay"),
                    format!("the page is dated {date}: it goes live when the site is built on or after that day; to publish now, set date to today"),
                ),
                _ => pick(
                    format!("bài hết hạn từ {date}; muốn đăng lại thì sửa hoặc bỏ dòng expires"),
                    format!("the page expired on {date}; to publish it again, change or remove the expires line"),
                ),
            },
            PageLeftOut { reason, file } => {
                let f = file.display();
                match reason {
                    LeftOut::Draft => pick(format!("bỏ qua bản nháp: {f}"), format!("left out, draft: {f}")),
                    LeftOut::Future => {
                        pick(format!("bỏ qua, chưa đến ngày đăng: {f}"), format!("left out, dated in the future: {f}"))
                    }
                    LeftOut::Expired => pick(format!("bỏ qua, đã hết hạn: {f}"), format!("left out, expired: {f}")),
                }
            }
            BuildFailed { errors } => pick(
                format!("Không dựng được trang: {errors} lỗi. Thư mục đầu ra vẫn giữ nguyên như trước."),
                format!("The build failed with {errors} error(s). The output folder is left as it was."),
            ),
            WarningCount { warnings } => {
                pick(format!("{warnings} cảnh báo"), format!("{warnings} warning(s)"))
            }

            ReportBadPeriod { value } => pick(
                format!("không hiểu kỳ báo cáo `{value}`"),
                format!("`{value}` is not a period loa understands"),
            ),
            HelpPeriodForms => pick(
                "viết một ngày (2026-04-15 hoặc 15/04/2026), một tháng (2026-04 hoặc 04/2026), một quý (2026-Q2 hoặc Q2/2026) hoặc một năm (2026); --to không được trước --from".into(),
                "write a day (2026-04-15 or 15/04/2026), a month (2026-04 or 04/2026), a quarter (2026-Q2 or Q2/2026) or a year (2026); --to may not come before --from".into(),
            ),
            ReportUnknownFormat { value } => pick(
                format!("không biết định dạng báo cáo `{value}`"),
                format!("`{value}` is not a report format"),
            ),
            HelpReportFormats => pick(
                "dùng --format docx, xlsx, html, md, csv hoặc json, hoặc đặt tên tệp --output có đuôi tương ứng (bao-cao.docx)".into(),
                "use --format docx, xlsx, html, md, csv or json, or an --output file name with that extension (report.docx)".into(),
            ),
            ReportNeedsOutput { format } => pick(
                format!("báo cáo dạng {format} phải ghi ra tệp"),
                format!("a {format} report must be written to a file"),
            ),
            HelpReportOutput => pick(
                "thêm --output, ví dụ --output bao-cao-quy-2.docx".into(),
                "add --output, e.g. --output report-q2.docx".into(),
            ),
            ReportOutputIsInput { path } => pick(
                format!("{} là tệp nguồn của trang hoặc tệp đầu vào của báo cáo; loa không ghi đè lên nó", path.display()),
                format!("{} is one of the site's sources or one of the report's inputs; loa will not write over it", path.display()),
            ),
            HelpReportOutputElsewhere => pick(
                "ghi báo cáo ra chỗ khác, ví dụ --output bao-cao/quy-2.docx".into(),
                "write the report somewhere else, e.g. --output reports/q2.docx".into(),
            ),
            ReportSiteErrors => pick(
                "trang có lỗi nên chưa lập được báo cáo: báo cáo cần nội dung đúng như khi dựng trang".into(),
                "the site has errors, so no report was made: the report needs the site exactly as a build reads it".into(),
            ),
            ReportNoAccessLog => pick(
                "chưa có nhật ký truy cập: báo cáo chỉ liệt kê bài đã đăng, chưa có lượt xem".into(),
                "no access log given: the report lists what was published, without views".into(),
            ),
            HelpAccessLog => pick(
                "thêm --access-log với tệp nhật ký của máy chủ web, ví dụ --access-log /var/log/nginx/access.log*".into(),
                "add --access-log with the web server's log files, e.g. --access-log /var/log/nginx/access.log*".into(),
            ),
            ReportLogUnreadable { detail, lines: 0 } => pick(
                format!("không đọc được tệp nhật ký: {detail}"),
                format!("cannot read the log file: {detail}"),
            ),
            ReportLogUnreadable { detail, lines } => pick(
                format!("tệp nhật ký hỏng sau dòng {lines}: {detail}; đã tính {lines} dòng đầu"),
                format!("the log file is damaged after line {lines}: {detail}; its first {lines} lines were counted"),
            ),
            ReportFileRepeated => pick(
                "tệp này đã được đưa vào; chỉ tính một lần".into(),
                "this file was given already; it is counted once".into(),
            ),
            ReportMalformedLines { count } => pick(
                format!("{count} dòng nhật ký không đúng dạng combined hay common, đã bỏ qua; các dòng đầu như sau"),
                format!("{count} log line(s) are neither combined nor common format and were skipped; the first ones follow"),
            ),
            ReportMalformedLine { text } => pick(
                format!("dòng không đọc được: {text}"),
                format!("unreadable line: {text}"),
            ),
            HelpLogFormat => pick(
                "loa đọc nhật ký nginx, Apache dạng combined hoặc common (log_format mặc định)".into(),
                "loa reads nginx and Apache logs in the combined or common format (the default log_format)".into(),
            ),
            ReportAiringHeader { missing } => pick(
                format!("nhật ký phát sóng thiếu cột {missing}; tệp này không được tính"),
                format!("the broadcast log has no column {missing}; the file is not counted"),
            ),
            HelpAiringHeader => pick(
                "dòng đầu phải là: date,time,station,explainer,duration_seconds".into(),
                "the first row must be: date,time,station,explainer,duration_seconds".into(),
            ),
            ReportAiringUnknown { reference } => pick(
                format!("không tìm thấy bài `{reference}` trong trang; dòng này không được tính"),
                format!("no explainer `{reference}` in the site; the row is not counted"),
            ),
            HelpAiringExplainer => pick(
                "ghi đường dẫn của bài (/chuyen-doi-so/hieu-dung/cds-la-gi/), địa chỉ đầy đủ hoặc tệp nguồn (hieu-dung/cds-la-gi.md)".into(),
                "write the explainer's path (/chuyen-doi-so/hieu-dung/cds-la-gi/), its full address or its source file (hieu-dung/cds-la-gi.md)".into(),
            ),
            ReportAiringBadValue { column, value } => pick(
                format!("cột {column} có giá trị `{value}` không đọc được; dòng này không được tính"),
                format!("column {column} holds `{value}`, which cannot be read; the row is not counted"),
            ),
            ReportAiringMissing { column } => pick(
                format!("dòng thiếu giá trị cột {column}; dòng này không được tính"),
                format!("the row has no {column}; it is not counted"),
            ),
            ReportAiringUnreadable { detail } => pick(
                format!("không đọc được nhật ký phát sóng: {detail}"),
                format!("cannot read the broadcast log: {detail}"),
            ),
            HelpAiringValue { column } => pick(
                match column.as_str() {
                    "date" => "viết ngày dạng 2026-10-02 hoặc 02/10/2026".to_string(),
                    "time" => "viết giờ dạng 06:30, 6h30 hoặc 18:05:09".to_string(),
                    _ => "viết số giây (244), phút:giây (4:04) hoặc giờ:phút:giây (0:04:04), tối đa một ngày".to_string(),
                },
                match column.as_str() {
                    "date" => "write the date as 2026-10-02 or 02/10/2026".to_string(),
                    "time" => "write the time as 06:30, 6h30 or 18:05:09".to_string(),
                    _ => "write seconds (244), minutes:seconds (4:04) or hours:minutes:seconds (0:04:04), at most a day".to_string(),
                },
            ),
            ReportAiringNotUtf8 => pick(
                "nhật ký phát sóng không phải chữ Unicode (UTF-8); tệp này không được tính".into(),
                "the broadcast log is not Unicode text (UTF-8); the file is not counted".into(),
            ),
            HelpAiringUtf8 => pick(
                "mở tệp bằng Excel rồi chọn Tệp > Lưu thành > \"CSV UTF-8 (phân tách bằng dấu phẩy)\"".into(),
                "open the file in Excel and choose File > Save As > \"CSV UTF-8 (Comma delimited)\"".into(),
            ),
            ReportNotAnAccessLog { lines } => pick(
                format!("không dòng nào trong {lines} dòng là nhật ký truy cập dạng combined hay common: tệp này không phải nhật ký truy cập của máy chủ web"),
                format!("none of its {lines} lines is an access-log line in the combined or common format: this is not a web server's access log"),
            ),
            ReportNothingInPeriod { from, to } => pick(
                format!("không dòng nhật ký truy cập nào thuộc kỳ báo cáo {from} – {to}; kiểm tra lại --from, --to hoặc tệp nhật ký"),
                format!("no access-log line falls in the period {from} – {to}; check --from, --to or the log files"),
            ),
            ReportToBeforeFrom { from, to } => pick(
                format!("--to ({to}) ở trước --from ({from})"),
                format!("--to ({to}) comes before --from ({from})"),
            ),
            ReportFormatMismatch { format } => pick(
                format!("--format {format} không khớp với đuôi của tệp --output"),
                format!("--format {format} does not match the extension of the --output file"),
            ),
            ReportMergePartial { unit } => pick(
                format!("tệp này gộp nhiều đơn vị, trong đó {unit} đã có ở tệp khác; không tách được để tính một lần"),
                format!("this file merges several units, and {unit} is in another file already; they cannot be separated to count it once"),
            ),
            ReportMergeOutside { unit, from, to } => pick(
                format!("báo cáo của {unit} cho kỳ {from} – {to} nằm ngoài kỳ tổng hợp; không được tính"),
                format!("the report of {unit} for {from} – {to} lies outside the merged period; it is not counted"),
            ),
            ReportMissingSettings { keys } => pick(
                format!("khối report: trong site.yaml chưa có {}; báo cáo để trống những chỗ đó", keys.join(", ")),
                format!("the report: block of site.yaml has no {}; the report leaves those blank", keys.join(", ")),
            ),
            HelpReportSettings { keys } => {
                let lines: String = keys.iter().map(|k| format!("\n      {k}: …")).collect();
                pick(
                    format!("thêm vào site.yaml, ví dụ\n    report:{lines}"),
                    format!("add to site.yaml, e.g.\n    report:{lines}"),
                )
            }
            ReportUnitUnknown { unit } => pick(
                format!("không có bài nào của đơn vị `{unit}` (khóa unit trong bài)"),
                format!("no explainer has the unit `{unit}` (the unit key of a page)"),
            ),
            ReportMergeAlone => pick(
                "--merge tổng hợp các báo cáo JSON đã có, không đọc nhật ký hay lọc đơn vị; bỏ --access-log, --broadcast-log, --unit, hoặc lập báo cáo JSON riêng rồi đưa vào --merge".into(),
                "--merge combines existing JSON reports and reads no logs and no unit; leave out --access-log, --broadcast-log and --unit, or make a JSON report of your own and give it to --merge".into(),
            ),
            ReportNotAReport { detail } => pick(
                format!("tệp này không phải báo cáo JSON của loa ({detail})"),
                format!("this file is not a loa JSON report ({detail})"),
            ),
            HelpMergeInput => pick(
                "mỗi đơn vị lập báo cáo bằng loa report --format json --output don-vi.json rồi gửi tệp đó".into(),
                "each unit makes its report with loa report --format json --output unit.json and sends that file".into(),
            ),
            ReportOtherSchema { schema } => pick(
                format!("báo cáo theo phiên bản {schema}, loa này chỉ đọc loa-report/1"),
                format!("the report is in version {schema}; this loa reads loa-report/1 only"),
            ),
            HelpOtherSchema => pick(
                "dùng cùng phiên bản loa với đơn vị đã lập báo cáo, hoặc nhờ đơn vị lập lại".into(),
                "use the same loa version as the unit that made it, or ask the unit to make it again".into(),
            ),
            ReportRepeated { unit, from, to } => pick(
                format!("báo cáo của {unit} cho kỳ {from} – {to} đã có; chỉ tính một lần"),
                format!("the report of {unit} for {from} – {to} was given already; it is counted once"),
            ),
            ReportSameUnitOverlaps { unit } => pick(
                format!("{unit} có hai báo cáo trùng một phần thời gian; số liệu phần trùng bị tính hai lần"),
                format!("{unit} has two reports whose periods overlap; the overlap is counted twice"),
            ),
            ReportOtherPeriod { unit, from, to } => pick(
                format!("báo cáo của {unit} cho kỳ {from} – {to}, khác kỳ của báo cáo tổng hợp"),
                format!("the report of {unit} covers {from} – {to}, not the merged report's period"),
            ),
            ReportWritten { path, explainers } => pick(
                format!("Đã ghi báo cáo {} ({explainers} bài)", path.display()),
                format!("Wrote the report {} ({explainers} explainers)", path.display()),
            ),
            ReportTablesBeside { count } => pick(
                format!("và {count} bảng khác bên cạnh, mỗi bảng một tệp CSV"),
                format!("and {count} other tables beside it, a CSV file each"),
            ),
            ReportWriteFailed { path, detail } => pick(
                format!("không ghi được {}: {detail}", path.display()),
                format!("cannot write {}: {detail}", path.display()),
            ),
            Deploy(message) => message.text(lang),
        }
    }
}

#[cfg(test)]
mod guide_tests {
    #[test]
    fn hints_point_to_headings_the_guide_has() {
        let guide = include_str!("../../HUONG-DAN.md");
        for heading in [super::GUIDE_COMPONENTS, super::GUIDE_LINKS, super::GUIDE_TRANSLATIONS] {
            assert!(
                guide.lines().any(|l| l == format!("## {heading}")),
                "HUONG-DAN.md has no heading {heading:?}"
            );
        }
    }
}
