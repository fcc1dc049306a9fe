//! `--help` in the editor's language: the command-line texts of the catalogue laid over
//! clap's English ones. Vietnamese unless `--lang en` or the site's language says
//! otherwise.

use clap::{Arg, ArgAction, Command};

use crate::messages::Lang;

/// (command, argument) → (Vietnamese, English). An empty argument is the command itself.
const TEXTS: &[(&str, &str, &str, &str)] = &[
    (
        "",
        "",
        "Trình tạo trang tĩnh cho bài giải thích: cổng thông tin, báo điện tử và phát thanh",
        "Static site generator for public-awareness explainers: portal, newspaper and broadcast",
    ),
    (
        "",
        "lang",
        "Ngôn ngữ thông báo: vi hoặc en (mặc định: ngôn ngữ của trang)",
        "Language of messages: vi or en (default: the site's language)",
    ),
    (
        "build",
        "",
        "Dựng toàn bộ trang vào public/ (hoặc --output)",
        "Build the whole site into public/ (or --output)",
    ),
    (
        "build",
        "root",
        "Thư mục của trang, nơi có site.yaml (mặc định: thư mục hiện tại)",
        "The site's folder, where site.yaml is (default: the current folder)",
    ),
    (
        "build",
        "output",
        "Nơi ghi trang (mặc định: public/ trong thư mục trang)",
        "Where to write the site (default: public/ inside the site's folder)",
    ),
    (
        "build",
        "base_url",
        "Thay base_url trong site.yaml, ví dụ https://example.gov.vn/chuyen-doi-so/",
        "Replace base_url from site.yaml, e.g. https://example.gov.vn/chuyen-doi-so/",
    ),
    ("build", "drafts", "Đăng cả các bài có draft: true", "Include pages marked draft: true"),
    (
        "build",
        "timings",
        "In thời gian của từng bước và từng mẫu giao diện",
        "Print where the time went: per stage and per template",
    ),
    (
        "build",
        "no_cache",
        "Dựng và ghi lại mọi tệp, không dùng bộ nhớ đệm của lần dựng trước (.loa-cache/build/)",
        "Render and write every file, without the build cache (.loa-cache/build/)",
    ),
    (
        "serve",
        "",
        "Xem trước trang, tự dựng lại khi sửa tệp; trình duyệt tự tải lại",
        "Preview the site, rebuilding on every change; browser tabs reload themselves",
    ),
    (
        "serve",
        "root",
        "Thư mục của trang, nơi có site.yaml (mặc định: thư mục hiện tại)",
        "The site's folder, where site.yaml is (default: the current folder)",
    ),
    ("serve", "bind", "Địa chỉ lắng nghe (mặc định 127.0.0.1)", "Address to listen on (default 127.0.0.1)"),
    (
        "serve",
        "port",
        "Cổng lắng nghe (mặc định 1111; 0: cổng trống bất kỳ)",
        "Port to listen on (default 1111; 0: any free port)",
    ),
    (
        "serve",
        "no_drafts",
        "Ẩn các bài có draft: true (mặc định các bài nháp vẫn hiện, có dải BẢN NHÁP)",
        "Leave out pages marked draft: true (shown by default, with a DRAFT banner)",
    ),
    (
        "serve",
        "allow_remote",
        "Cho phép mở trên địa chỉ mà máy khác truy cập được",
        "Allow listening on an address other machines can reach",
    ),
    (
        "check",
        "",
        "Kiểm tra mọi thứ như khi dựng trang và những gì cần sửa trước khi đăng; không ghi tệp nào",
        "Check everything a build would, and what to fix before publishing; write nothing",
    ),
    (
        "check",
        "root",
        "Thư mục của trang, nơi có site.yaml (mặc định: thư mục hiện tại)",
        "The site's folder, where site.yaml is (default: the current folder)",
    ),
    (
        "check",
        "format",
        "text cho người đọc (mặc định), json cho công cụ",
        "text for people (default), json for tools",
    ),
    (
        "new",
        "",
        "Tạo tệp bài viết mới với phần thông tin đầu bài điền sẵn",
        "Create a new explainer file with its front matter filled in",
    ),
    (
        "new",
        "title",
        "Tiêu đề bài, ví dụ \"Chuyển đổi số là gì?\"",
        "The explainer's title, e.g. \"Chuyển đổi số là gì?\"",
    ),
    (
        "new",
        "section",
        "Thư mục mục trong content/, ví dụ hieu-dung",
        "The section folder below content/, e.g. hieu-dung",
    ),
    (
        "new",
        "root",
        "Thư mục của trang, nơi có site.yaml (mặc định: thư mục hiện tại)",
        "The site's folder, where site.yaml is (default: the current folder)",
    ),
    (
        "import",
        "",
        "Biến một tệp Word (.docx) thành bài nháp mới, ảnh đặt cạnh bài",
        "Turn a Word document (.docx) into a new draft explainer, its pictures beside it",
    ),
    ("import", "file", "Tệp Word, ví dụ bai-viet.docx", "The Word document, e.g. bai-viet.docx"),
    (
        "import",
        "section",
        "Thư mục mục trong content/, ví dụ hieu-dung",
        "The section folder below content/, e.g. hieu-dung",
    ),
    (
        "import",
        "root",
        "Thư mục của trang, nơi có site.yaml (mặc định: thư mục hiện tại)",
        "The site's folder, where site.yaml is (default: the current folder)",
    ),
    (
        "init",
        "",
        "Tạo trang mới trong một thư mục trống, dựng được ngay",
        "Create a new site in an empty folder, ready to build",
    ),
    (
        "init",
        "dir",
        "Thư mục sẽ chứa trang mới (chưa có hoặc trống)",
        "The folder to create the site in (missing or empty)",
    ),
    (
        "report",
        "",
        "Lập báo cáo kết quả phổ biến: bài đã đăng, lượt xem, lượt phát sóng trong kỳ; hoặc tổng hợp báo cáo các đơn vị",
        "Report what was published, read and aired in a period; or merge units' reports",
    ),
    (
        "report",
        "root",
        "Thư mục của trang, nơi có site.yaml (mặc định: thư mục hiện tại)",
        "The site's folder, where site.yaml is (default: the current folder)",
    ),
    (
        "report",
        "from",
        "Ngày, tháng, quý hoặc năm bắt đầu: 2026-04-15, 2026-04, 2026-Q2, 2026 (mặc định: tháng này đến hôm nay)",
        "First day, month, quarter or year: 2026-04-15, 2026-04, 2026-Q2, 2026 (default: this month up to today)",
    ),
    (
        "report",
        "to",
        "Ngày, tháng, quý hoặc năm kết thúc (mặc định: như --from)",
        "Last day, month, quarter or year (default: as --from)",
    ),
    (
        "report",
        "unit",
        "Chỉ các bài của đơn vị này (khóa unit: trong bài)",
        "Only the explainers of this unit (their unit: key)",
    ),
    (
        "report",
        "access_log",
        "Nhật ký truy cập của máy chủ web (combined hoặc common, có thể nén .gz), bao nhiêu tệp cũng được",
        "Web-server access logs (combined or common, plain or .gz), any number",
    ),
    (
        "report",
        "broadcast_log",
        "Nhật ký phát sóng CSV: date,time,station,explainer,duration_seconds",
        "Broadcast logs, CSV: date,time,station,explainer,duration_seconds",
    ),
    (
        "report",
        "merge",
        "Báo cáo JSON của các đơn vị cần tổng hợp",
        "Units' JSON reports to merge into one",
    ),
    (
        "report",
        "format",
        "docx, xlsx, html, md, csv hoặc json (mặc định: theo đuôi tệp --output; md)",
        "docx, xlsx, html, md, csv or json (default: from --output's extension; md)",
    ),
    (
        "report",
        "output",
        "Tệp cần ghi (mặc định: in Markdown ra màn hình)",
        "The file to write (default: Markdown on standard output)",
    ),
    (
        "deploy",
        "",
        "Đăng trang lên máy chủ hoặc kho của cổng: dựng, gửi phần đã đổi, chuyển sang bản mới một lần",
        "Publish the site to the portal's server or storage: build, send what changed, switch at once",
    ),
    (
        "deploy",
        "root",
        "Thư mục của trang, nơi có site.yaml (mặc định: thư mục hiện tại)",
        "The site's folder, where site.yaml is (default: the current folder)",
    ),
    (
        "deploy",
        "target",
        "Tên nơi đăng trong khối deploy: của site.yaml (mặc định: nơi đầu tiên)",
        "The target's name in the deploy: block of site.yaml (default: the first)",
    ),
    (
        "deploy",
        "dry_run",
        "Chỉ xem sẽ gửi, giữ, xóa những gì; không thay đổi gì",
        "Show what would be sent, kept and deleted; change nothing",
    ),
    (
        "deploy",
        "yes",
        "Không hỏi lại; cho phép xóa nhiều hơn max_deletes",
        "Do not ask; allow deleting more than max_deletes",
    ),
    (
        "deploy",
        "list",
        "Liệt kê các bản phát hành, đánh dấu bản đang chạy",
        "List the releases, the live one marked",
    ),
    (
        "deploy",
        "rollback",
        "Quay về bản trước bản đang chạy, hoặc về bản có tên RELEASE",
        "Switch back to the release before the live one, or to RELEASE",
    ),
    (
        "deploy",
        "no_build",
        "Đăng public/ như lần dựng trước để lại, không dựng lại",
        "Deploy public/ as the last build left it, without building",
    ),
];

const TEMPLATE_VI: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";
const TEMPLATE_EN: &str = "{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}";

fn text(lang: Lang, command: &str, arg: &str) -> Option<&'static str> {
    TEXTS.iter().find(|t| t.0 == command && t.1 == arg).map(|t| if lang == Lang::Vi { t.2 } else { t.3 })
}

/// The help flag, worded in `lang`.
fn help_flag(lang: Lang) -> Arg {
    let words = if lang == Lang::Vi { "In hướng dẫn này" } else { "Print this help" };
    Arg::new("help").short('h').long("help").action(ArgAction::Help).help(words)
}

fn version_flag(lang: Lang) -> Arg {
    let words = if lang == Lang::Vi { "In số phiên bản" } else { "Print the version" };
    Arg::new("version").short('V').long("version").action(ArgAction::Version).help(words)
}

fn localise(command: Command, name: &str, lang: Lang) -> Command {
    let (options, commands, arguments) = match lang {
        Lang::Vi => ("Tùy chọn", "Lệnh", "Tham số"),
        Lang::En => ("Options", "Commands", "Arguments"),
    };
    let mut command = command
        .help_template(if lang == Lang::Vi { TEMPLATE_VI } else { TEMPLATE_EN })
        .disable_help_flag(true)
        .arg(help_flag(lang))
        .subcommand_help_heading(commands);
    if let Some(about) = text(lang, name, "") {
        command = command.about(about);
    }
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let words = text(lang, name, &id).or_else(|| text(lang, "", &id));
        command = command.mut_arg(&id, |arg| {
            let heading = if arg.is_positional() { arguments } else { options };
            // Defaults and choices are said in the help text, in the reader's language.
            let arg = arg.help_heading(heading);
            let arg = if arg.get_action().takes_values() {
                arg.hide_default_value(true).hide_possible_values(true)
            } else {
                arg
            };
            match words {
                Some(w) => arg.help(w),
                None => arg,
            }
        });
    }
    command
}

/// The whole command line with help texts in `lang`.
pub fn command(base: Command, lang: Lang) -> Command {
    let names: Vec<String> = base.get_subcommands().map(|c| c.get_name().to_string()).collect();
    let mut root = localise(base, "", lang)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(version_flag(lang));
    root =
        root.mut_arg("version", |a| a.help_heading(if lang == Lang::Vi { "Tùy chọn" } else { "Options" }));
    for name in names {
        root = root.mut_subcommand(&name, |sub| localise(sub, &name, lang));
    }
    root
}

/// The language for help and usage errors, decided before the arguments are parsed:
/// `--lang`, else the language of the site at `--root` (or here), else Vietnamese.
pub fn early_lang(args: &[String]) -> Lang {
    let value_of = |flag: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            a.strip_prefix(&format!("{flag}="))
                .map(str::to_string)
                .or_else(|| (a == flag).then(|| args.get(i + 1).cloned()).flatten())
        })
    };
    if let Some(lang) = value_of("--lang") {
        // An unknown language is a usage mistake, said in Vietnamese.
        return if lang == "en" { Lang::En } else { Lang::Vi };
    }
    let root = value_of("--root").unwrap_or_else(|| ".".into());
    let text = std::fs::read_to_string(std::path::Path::new(&root).join(crate::config::CONFIG_FILE))
        .unwrap_or_default();
    let language = text
        .lines()
        .find_map(|l| l.strip_prefix("language:"))
        .map(|v| v.trim().trim_matches('"').to_string());
    Lang::from_code(language.as_deref().unwrap_or("vi"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_flag_has_its_vietnamese_text() {
        let base = <crate::cli::Cli as clap::CommandFactory>::command();
        let mut missing = Vec::new();
        for sub in base.get_subcommands() {
            let name = sub.get_name();
            if text(Lang::Vi, name, "").is_none() {
                missing.push(name.to_string());
            }
            // Hidden flags (kept for old scripts) are not shown.
            for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                if text(Lang::Vi, name, id).or_else(|| text(Lang::Vi, "", id)).is_none() {
                    missing.push(format!("{name} --{id}"));
                }
            }
        }
        assert!(missing.is_empty(), "no Vietnamese help for: {missing:?}");
    }
}
