//! The words of the report documents, Vietnamese and English side by side, and the
//! number and duration formats each language reads.

use crate::messages::Lang;

use super::period::PeriodName;

/// Every fixed text a report document shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum L {
    Report,
    SubjectPrefix,
    RespectfullyTo,
    NationalName,
    Motto,
    Number,
    DateLine,
    Recipients,
    AsAbove,
    Archive,
    SignaturePlace,
    SectionDirection,
    SectionResults,
    SectionAssessment,
    SectionProposals,
    ToFillIn,
    Intro,
    SourcesNote,
    EstimateNote,
    Summary,
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
    DeployTime,
    DeployTarget,
    DeployAction,
    Release,
    FilesSent,
    FilesDeleted,
    BytesSent,
    DeployedBy,
    Deploy,
    Rollback,
    DeployCount,
    Units,
    LogTable,
    Figure,
    Amount,
    Published,
    InReport,
    PortalViews,
    EmbedViews,
    OEmbed,
    Downloads,
    Readers,
    FeedFetches,
    PartnerSites,
    Airings,
    Airtime,
    Ordinal,
    Title,
    Unit,
    Section,
    Date,
    Channels,
    Words,
    ReadingTime,
    Channel,
    Views,
    Host,
    Direct,
    OtherHosts,
    Feed,
    Station,
    Period,
    From,
    To,
    ReportingUnit,
    Month,
    Topic,
    Audience,
    NoUnit,
    NoSection,
    Home,
    Total,
    Portal,
    Newspaper,
    Broadcast,
    LogFiles,
    LogLines,
    LogCounted,
    LogOtherFiles,
    LogBots,
    LogHead,
    LogOtherMethods,
    LogNotOk,
    LogOutside,
    LogOtherPaths,
    LogMalformed,
    AiringRows,
    AiringCounted,
    AiringOutside,
    AiringUnknown,
    AiringBad,
    ChartPerExplainer,
    ChartPerChannel,
    ChartPerWeek,
    ChartPerStation,
    WeekOf,
    NothingYet,
    Missing,
    GeneratedBy,
    Page,
}

impl L {
    pub fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = self.pair();
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    fn pair(self) -> (&'static str, &'static str) {
        use L::*;
        match self {
            Report => ("BÁO CÁO", "REPORT"),
            SubjectPrefix => ("Kết quả phổ biến, tuyên truyền", "Results of dissemination"),
            RespectfullyTo => ("Kính gửi", "To"),
            NationalName => ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
            Motto => ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
            Number => ("Số", "No."),
            DateLine => ("ngày … tháng … năm", "date"),
            Recipients => ("Nơi nhận:", "Recipients:"),
            AsAbove => ("- Như trên;", "- As above;"),
            Archive => ("- Lưu: VT.", "- Archive: VT."),
            SignaturePlace => ("(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name, seal)"),
            SectionDirection => ("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "I. DIRECTION AND ORGANISATION"),
            SectionResults => ("II. KẾT QUẢ THỰC HIỆN", "II. RESULTS"),
            SectionAssessment => ("III. ĐÁNH GIÁ (ưu điểm, hạn chế, nguyên nhân)", "III. ASSESSMENT (strengths, limits, causes)"),
            SectionProposals => ("IV. ĐỀ XUẤT, KIẾN NGHỊ", "IV. PROPOSALS"),
            ToFillIn => ("………………………………………………………………………………", "………………………………………………………………………………"),
            Intro => (
                "Số liệu dưới đây do phần mềm loa tổng hợp từ nội dung đã đăng, nhật ký truy cập của máy chủ cổng thông tin và nhật ký phát sóng.",
                "The figures below were compiled by loa from the published content, the portal's web-server access logs and the broadcast logs.",
            ),
            SourcesNote => (
                "Lượt xem chỉ tính các yêu cầu GET thành công (mã 2xx, 304) của người đọc; đã loại trừ máy tìm kiếm, bot, công cụ giám sát, yêu cầu HEAD, yêu cầu lỗi và yêu cầu ngoài kỳ báo cáo.",
                "Views count only successful GET requests (2xx, 304) by readers; search engines, bots, monitors, HEAD requests, failed requests and requests outside the period are left out.",
            ),
            EstimateNote => (
                "Số người đọc là ước tính: số người khác nhau mỗi ngày, cộng qua các ngày trong kỳ.",
                "Readers are an estimate: distinct readers each day, summed over the days of the period.",
            ),
            Summary => ("Tổng hợp", "Summary"),
            ByChannel => ("Theo kênh", "By channel"),
            ByUnit => ("Theo đơn vị biên soạn", "By issuing unit"),
            BySection => ("Theo chuyên mục", "By section"),
            ByTopic => ("Theo chủ đề", "By topic"),
            ByAudience => ("Theo đối tượng", "By audience"),
            ByMonth => ("Theo tháng", "By month"),
            Explainers => ("Danh sách bài giải thích", "Explainers"),
            Partners => ("Báo, trang đối tác nhúng bài", "Partner sites embedding explainers"),
            Feeds => ("Lượt tải nguồn tin RSS, Atom, JSON Feed (không phải bản tin loa)", "Feed fetches (RSS, Atom, JSON Feed)"),
            Stations => ("Phát sóng theo đài, trạm truyền thanh", "Airings by station"),
            Deploys => ("Các lần đăng lên cổng thông tin", "Deploys to the portal"),
            DeployTime => ("Thời gian", "Time"),
            DeployTarget => ("Nơi đăng", "Target"),
            DeployAction => ("Việc", "Action"),
            Release => ("Bản phát hành", "Release"),
            FilesSent => ("Số tệp gửi", "Files sent"),
            FilesDeleted => ("Số tệp xóa", "Files deleted"),
            BytesSent => ("Số byte gửi", "Bytes sent"),
            DeployedBy => ("Người đăng", "Deployed by"),
            Deploy => ("Đăng bản mới", "Deploy"),
            Rollback => ("Quay lại bản trước", "Rollback"),
            DeployCount => ("Số lần đăng lên cổng", "Deploys to the portal"),
            Units => ("Theo đơn vị báo cáo", "By reporting unit"),
            LogTable => ("Nguồn số liệu", "Data sources"),
            Figure => ("Chỉ tiêu", "Figure"),
            Amount => ("Số lượng", "Amount"),
            Published => ("Số bài đăng trong kỳ", "Published in the period"),
            InReport => ("Số bài có lượt xem, tải hoặc phát trong kỳ", "Explainers read, fetched or aired"),
            PortalViews => ("Lượt xem trên cổng", "Portal views"),
            EmbedViews => ("Lượt xem qua báo nhúng", "Views in partners' pages"),
            OEmbed => ("Lượt lấy mã nhúng (oEmbed)", "oEmbed fetches"),
            Downloads => ("Lượt tải kịch bản phát thanh", "Broadcast file downloads"),
            Readers => ("Người đọc (ước tính)", "Readers (estimate)"),
            FeedFetches => ("Lượt tải nguồn tin RSS, Atom", "Feed fetches"),
            PartnerSites => ("Số trang đối tác", "Partner sites"),
            Airings => ("Lượt phát sóng", "Airings"),
            Airtime => ("Thời lượng phát sóng", "Airtime"),
            Ordinal => ("STT", "No."),
            Title => ("Tên bài", "Title"),
            Unit => ("Đơn vị", "Unit"),
            Section => ("Chuyên mục", "Section"),
            Date => ("Ngày đăng", "Published"),
            Channels => ("Kênh", "Channels"),
            Words => ("Số từ", "Words"),
            ReadingTime => ("Thời lượng đọc", "Read-aloud length"),
            Channel => ("Kênh", "Channel"),
            Views => ("Lượt xem, tải", "Views, fetches"),
            Host => ("Trang đối tác", "Partner site"),
            Direct => ("Không rõ trang (mở trực tiếp)", "Unknown page (opened directly)"),
            OtherHosts => ("Trang khác, địa chỉ IP", "Other sites, IP addresses"),
            Feed => ("Bản tin", "Feed"),
            Station => ("Đài, trạm", "Station"),
            Period => ("Kỳ báo cáo", "Period"),
            From => ("Từ ngày", "From"),
            To => ("Đến ngày", "To"),
            ReportingUnit => ("Đơn vị báo cáo", "Reporting unit"),
            Month => ("Tháng", "Month"),
            Topic => ("Chủ đề", "Topic"),
            Audience => ("Đối tượng", "Audience"),
            NoUnit => ("(chưa ghi đơn vị)", "(no unit given)"),
            NoSection => ("(trang chủ)", "(home)"),
            Home => ("Trang chủ", "Home"),
            Total => ("Tổng cộng", "Total"),
            Portal => ("Cổng thông tin", "Portal"),
            Newspaper => ("Báo (nhúng bài)", "Newspaper (embeds)"),
            Broadcast => ("Phát thanh, truyền thanh", "Broadcast"),
            LogFiles => ("Tệp nhật ký truy cập đã đọc", "Access log files read"),
            LogLines => ("Dòng nhật ký", "Log lines"),
            LogCounted => ("Dòng được tính cho bài, nguồn tin", "Lines counted for explainers and feeds"),
            LogOtherFiles => ("Dòng của tệp khác trong trang (trang chủ, danh sách, ảnh)", "Lines for the site's other files (home, lists, images)"),
            LogBots => ("Loại trừ: máy tìm kiếm, bot, giám sát", "Left out: crawlers, bots, monitors"),
            LogHead => ("Loại trừ: yêu cầu HEAD", "Left out: HEAD requests"),
            LogOtherMethods => ("Loại trừ: phương thức khác GET", "Left out: other methods"),
            LogNotOk => ("Loại trừ: yêu cầu không thành công", "Left out: unsuccessful requests"),
            LogOutside => ("Loại trừ: ngoài kỳ báo cáo", "Left out: outside the period"),
            LogOtherPaths => ("Loại trừ: trang web khác trên máy chủ", "Left out: other sites on the server"),
            LogMalformed => ("Loại trừ: dòng không đọc được", "Left out: unreadable lines"),
            AiringRows => ("Dòng nhật ký phát sóng", "Broadcast log rows"),
            AiringCounted => ("Phát sóng: dòng được tính", "Broadcast: rows counted"),
            AiringOutside => ("Phát sóng, loại trừ: ngoài kỳ báo cáo", "Broadcast, left out: outside the period"),
            AiringUnknown => ("Phát sóng, loại trừ: không rõ bài", "Broadcast, left out: unknown explainer"),
            AiringBad => ("Phát sóng, loại trừ: dòng không đọc được", "Broadcast, left out: unreadable rows"),
            ChartPerExplainer => ("Lượt xem theo bài (10 bài nhiều nhất)", "Views per explainer (top 10)"),
            ChartPerChannel => ("Lượt xem, tải theo kênh", "Views and fetches per channel"),
            ChartPerWeek => ("Lượt xem theo tuần", "Views per week"),
            ChartPerStation => ("Lượt phát sóng theo đài, trạm", "Airings per station"),
            WeekOf => ("Tuần từ", "Week of"),
            NothingYet => ("Không có số liệu trong kỳ.", "No figures in the period."),
            Missing => ("(chưa khai báo trong site.yaml)", "(not set in site.yaml)"),
            GeneratedBy => ("Lập bằng", "Made with"),
            Page => ("Trang", "Page"),
        }
    }
}

pub use crate::messages::{decimal, number};

/// `1 giờ 05 phút 09 giây`, `3 phút 39 giây`, `45 giây` (or the English).
pub fn duration(seconds: u64, lang: Lang) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match lang {
        Lang::Vi if h > 0 => format!("{} giờ {m:02} phút {s:02} giây", number(h, lang)),
        Lang::Vi if m > 0 => format!("{m} phút {s:02} giây"),
        Lang::Vi => format!("{s} giây"),
        Lang::En if h > 0 => format!("{} h {m:02} min {s:02} s", number(h, lang)),
        Lang::En if m > 0 => format!("{m} min {s:02} s"),
        Lang::En => format!("{s} s"),
    }
}

/// `15/04/2026` or `2026-04-15`.
pub fn date(d: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => crate::text::dates::short_date(d),
        Lang::En => d.to_string(),
    }
}

/// The subject's period: `quý II năm 2026`, `tháng 4 năm 2026`, `từ ngày 01/04/2026 đến
/// ngày 15/05/2026`.
pub fn period(name: PeriodName, lang: Lang) -> String {
    const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
    match (name, lang) {
        (PeriodName::Day(d), Lang::Vi) => format!("ngày {}", date(d, lang)),
        (PeriodName::Month { year, month }, Lang::Vi) => format!("tháng {month} năm {year}"),
        (PeriodName::Quarter { year, quarter }, Lang::Vi) => {
            format!("quý {} năm {year}", ROMAN[(quarter - 1) as usize])
        }
        (PeriodName::Year(year), Lang::Vi) => format!("năm {year}"),
        (PeriodName::Range(a, b), Lang::Vi) => {
            format!("từ ngày {} đến ngày {}", date(a, lang), date(b, lang))
        }
        (PeriodName::Day(d), Lang::En) => format!("on {d}"),
        (PeriodName::Month { year, month }, Lang::En) => format!("in {year}-{month:02}"),
        (PeriodName::Quarter { year, quarter }, Lang::En) => format!("in Q{quarter} {year}"),
        (PeriodName::Year(year), Lang::En) => format!("in {year}"),
        (PeriodName::Range(a, b), Lang::En) => format!("from {a} to {b}"),
    }
}

pub fn channel(name: &str, lang: Lang) -> &'static str {
    match name {
        "portal" => L::Portal.text(lang),
        "newspaper" => L::Newspaper.text(lang),
        _ => L::Broadcast.text(lang),
    }
}

/// How a partner key reads: a host, "opened directly", or "other sites".
pub fn host(key: &str, lang: Lang) -> String {
    match key {
        "" => L::Direct.text(lang).to_string(),
        super::log_line::OTHER_HOST => L::OtherHosts.text(lang).to_string(),
        host => host.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_durations_read_the_vietnamese_way() {
        assert_eq!(number(1_234_567, Lang::Vi), "1.234.567");
        assert_eq!(number(999, Lang::Vi), "999");
        assert_eq!(number(1_000, Lang::En), "1,000");
        assert_eq!(decimal(1234.5, Lang::Vi), "1.234,5");
        assert_eq!(decimal(0.04, Lang::Vi), "0,0");
        assert_eq!(duration(219, Lang::Vi), "3 phút 39 giây");
        assert_eq!(duration(3_909, Lang::Vi), "1 giờ 05 phút 09 giây");
        assert_eq!(duration(45, Lang::En), "45 s");
        let q2 = PeriodName::Quarter { year: 2026, quarter: 2 };
        assert_eq!(period(q2, Lang::Vi), "quý II năm 2026");
    }
}
