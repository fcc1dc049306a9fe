//! What `loa deploy` says, in Vietnamese and English: the settings in site.yaml, the
//! targets, the plan, the outcome.

use std::path::PathBuf;

use super::{decimal, number, Lang};

#[derive(Debug, Clone, PartialEq)]
pub enum DeployMessage {
    DuplicateName {
        name: String,
        first_line: usize,
    },
    SecretInConfig {
        key: String,
    },
    HelpWhereSecretsGo,
    BadTargetName {
        name: String,
    },
    HelpTargetName,
    BadKind {
        name: String,
        kind: String,
    },
    MissingKey {
        name: String,
        key: String,
        kind: &'static str,
    },
    BadValue {
        name: String,
        key: String,
        value: String,
    },
    NotAPlainFile {
        path: PathBuf,
    },
    ReadFailed {
        path: PathBuf,
        detail: String,
    },
    UnsendableName {
        path: PathBuf,
    },
    NoTargets,
    HelpAddTarget,
    UnknownTarget {
        name: String,
        known: Vec<String>,
    },
    NoBuild {
        path: PathBuf,
    },
    HelpBuildFirst,
    TargetInsideSite {
        place: String,
    },
    TargetForeign {
        place: String,
    },
    HelpTargetForeign,
    TargetBusy {
        place: String,
        holder: String,
    },
    HelpTargetBusy,
    WriteFailed {
        place: String,
        detail: String,
    },
    CheckFailed {
        place: String,
        detail: String,
    },
    SshFailed {
        place: String,
        detail: String,
    },
    HelpSsh,
    ProgramMissing {
        program: &'static str,
    },
    HelpProgramMissing {
        package: &'static str,
    },
    RemoteProgramMissing {
        place: String,
        detail: String,
    },
    S3Failed {
        place: String,
        detail: String,
    },
    S3NoCredentials {
        place: String,
    },
    HelpS3,
    TooManyDeletes {
        count: usize,
        max: usize,
        place: String,
    },
    HelpTooManyDeletes,
    NoEarlierRelease {
        place: String,
    },
    UnknownRelease {
        release: String,
        known: Vec<String>,
    },
    SnapshotMissing {
        release: String,
    },
    HelpSnapshotMissing,
    NothingLive {
        place: String,
    },
    LogFailed {
        path: PathBuf,
        detail: String,
    },
    /// `loa report` reading deploys.csv.
    LogUnreadable {
        detail: String,
    },
    LogRowsSkipped {
        skipped: usize,
    },
    /// `--dry-run`: what would happen.
    WouldSend {
        place: String,
        send: usize,
        bytes: u64,
        unchanged: usize,
        delete: usize,
    },
    WouldChangeNothing {
        place: String,
    },
    Deployed {
        place: String,
        release: String,
        send: usize,
        bytes: u64,
        unchanged: usize,
        delete: usize,
        seconds: f64,
    },
    AlreadyLive {
        place: String,
        release: String,
    },
    RolledBack {
        place: String,
        release: String,
    },
    ListHeading {
        place: String,
    },
    ListLine {
        release: String,
        time: String,
        files: Option<usize>,
        bytes: Option<u64>,
        live: bool,
    },
    ListEmpty,
    Confirm {
        place: String,
        send: usize,
        bytes: u64,
        delete: usize,
    },
    Cancelled,
}

/// `4,2 MB`, `812 kB`, `96 byte`: sizes as an editor reads them.
pub fn size(bytes: u64, lang: Lang) -> String {
    const K: f64 = 1000.0;
    let b = bytes as f64;
    if b < K {
        return format!("{} byte", number(bytes, lang));
    }
    let (value, unit) = if b < K * K {
        (b / K, "kB")
    } else if b < K * K * K {
        (b / (K * K), "MB")
    } else {
        (b / (K * K * K), "GB")
    };
    format!("{} {unit}", decimal(value, lang))
}

impl DeployMessage {
    pub fn text(&self, lang: Lang) -> String {
        use DeployMessage::*;
        let vi = lang == Lang::Vi;
        let pick = |v: String, e: String| if vi { v } else { e };
        let n = |x: usize| number(x as u64, lang);
        match self {
            DuplicateName { name, first_line } => pick(
                format!("hai nơi đăng cùng tên \"{name}\" (nơi đầu ở dòng {first_line}); hãy đổi tên một nơi để --target chọn đúng"),
                format!("two targets are named \"{name}\" (the first on line {first_line}); rename one so that --target can tell them apart"),
            ),
            SecretInConfig { key } => pick(
                format!("\"{key}\" trông như mật khẩu hoặc khóa truy cập; site.yaml không được chứa thông tin đăng nhập"),
                format!("\"{key}\" looks like a password or an access key; site.yaml must not hold credentials"),
            ),
            HelpWhereSecretsGo => pick(
                "xóa dòng này. Khóa kho S3 đặt trong biến môi trường AWS_ACCESS_KEY_ID và \
                 AWS_SECRET_ACCESS_KEY; khóa SSH nạp vào ssh-agent hoặc khai báo IdentityFile trong ~/.ssh/config"
                    .into(),
                "remove this line. S3 keys go in the environment variables AWS_ACCESS_KEY_ID and \
                 AWS_SECRET_ACCESS_KEY; SSH keys go in ssh-agent or as IdentityFile in ~/.ssh/config"
                    .into(),
            ),
            BadTargetName { name } => pick(
                format!("tên nơi đăng \"{name}\" không hợp lệ"),
                format!("the target name \"{name}\" is not valid"),
            ),
            HelpTargetName => pick(
                "đặt name bằng chữ thường không dấu, số và dấu gạch, ví dụ name: cong-thong-tin".into(),
                "write name in lower-case letters, digits and hyphens, e.g. name: cong-thong-tin".into(),
            ),
            BadKind { name, kind } => pick(
                format!("nơi đăng \"{name}\": kind \"{kind}\" không có; hãy chọn dir, ssh hoặc s3"),
                format!("target \"{name}\": there is no kind \"{kind}\"; choose dir, ssh or s3"),
            ),
            MissingKey { name, key, kind } => pick(
                format!("nơi đăng \"{name}\" (loại {kind}) thiếu {key}"),
                format!("target \"{name}\" ({kind}) is missing {key}"),
            ),
            BadValue { name, key, value } if key == "bucket" => pick(
                format!("nơi đăng \"{name}\": bucket \"{value}\" không dùng được: tên bucket dài 3 đến 63 ký tự, chỉ gồm chữ thường, số, dấu chấm và dấu -"),
                format!("target \"{name}\": bucket \"{value}\" cannot be used: bucket names are 3 to 63 lower-case letters, digits, dots and hyphens"),
            ),
            BadValue { name, key, value } => pick(
                format!("nơi đăng \"{name}\": {key} \"{value}\" không dùng được (ký tự đặc biệt hoặc dấu - ở đầu)"),
                format!("target \"{name}\": {key} \"{value}\" cannot be used (special characters or a leading -)"),
            ),
            NotAPlainFile { path } => pick(
                format!("{} không phải tệp thường (liên kết hoặc thiết bị); bản đăng chỉ mang tệp thường", path.display()),
                format!("{} is not a plain file (a link or a device); a release carries plain files only", path.display()),
            ),
            ReadFailed { path, detail } => pick(
                format!("không đọc được {}: {detail}", path.display()),
                format!("cannot read {}: {detail}", path.display()),
            ),
            UnsendableName { path } => pick(
                format!("tên tệp {} có ký tự không gửi được (xuống dòng, tab hoặc không phải UTF-8); hãy đổi tên", path.display()),
                format!("the file name {} has characters that cannot be sent (line break, tab or not UTF-8); rename it", path.display()),
            ),
            NoTargets => pick(
                "site.yaml chưa khai báo nơi đăng (khối deploy:)".into(),
                "site.yaml names no place to publish to (the deploy: block)".into(),
            ),
            HelpAddTarget => pick(
                "thêm vào site.yaml, ví dụ:\ndeploy:\n  - name: cong-thong-tin\n    kind: ssh\n    host: portal.example.gov.vn\n    path: /srv/cds".into(),
                "add to site.yaml, e.g.:\ndeploy:\n  - name: cong-thong-tin\n    kind: ssh\n    host: portal.example.gov.vn\n    path: /srv/cds".into(),
            ),
            UnknownTarget { name, known } => pick(
                format!("không có nơi đăng \"{name}\"; site.yaml có: {}", known.join(", ")),
                format!("there is no target \"{name}\"; site.yaml has: {}", known.join(", ")),
            ),
            NoBuild { path } => pick(
                format!("chưa có bản dựng hoàn chỉnh trong {}", path.display()),
                format!("there is no finished build in {}", path.display()),
            ),
            HelpBuildFirst => pick(
                "chạy loa build trước, hoặc bỏ --no-build để loa deploy tự dựng".into(),
                "run loa build first, or leave out --no-build so loa deploy builds".into(),
            ),
            TargetInsideSite { place } => pick(
                format!("{place} nằm trong thư mục của trang (hoặc chứa nó): bản dựng sau sẽ đọc nhầm hoặc xóa mất; loa không đăng vào đó"),
                format!("{place} is inside the site's folder (or holds it): the next build would read it as content or wipe it; loa will not deploy there"),
            ),
            TargetForeign { place } => pick(
                format!("{place} đã có tệp không do loa deploy tạo; loa không ghi vào đó để khỏi xóa nhầm"),
                format!("{place} holds files that loa deploy did not make; loa will not write there, so nothing is lost"),
            ),
            HelpTargetForeign => pick(
                "chọn một thư mục trống hoặc chưa có (loa sẽ tạo releases/ và liên kết current trong đó), \
                 rồi đặt thư mục gốc của máy chủ web là <thư mục>/current"
                    .into(),
                "choose an empty or missing folder (loa makes releases/ and the current link in it), \
                 then point the web server's document root at <folder>/current"
                    .into(),
            ),
            TargetBusy { place, holder } => pick(
                format!("một lần đăng khác đang chạy tới {place}{}; lần này dừng lại, không thay đổi gì", held_by(holder)),
                format!("another deploy to {place} is running{}; this one stops and changes nothing", held_by(holder)),
            ),
            HelpTargetBusy => pick(
                "chờ lần đăng kia xong rồi chạy lại".into(),
                "wait for the other deploy to finish, then run this again".into(),
            ),
            WriteFailed { place, detail } => pick(
                format!("không ghi được vào {place}: {detail}; bản đang chạy không bị đổi"),
                format!("cannot write to {place}: {detail}; the live release is unchanged"),
            ),
            CheckFailed { place, detail } => pick(
                format!("bản sao trên {place} không khớp với bản dựng ({detail}); chưa chuyển sang bản mới"),
                format!("the copy on {place} does not match the build ({detail}); nothing was switched"),
            ),
            SshFailed { place, detail } => pick(
                format!("không làm được việc trên {place} qua ssh: {detail}; bản đang chạy không bị đổi"),
                format!("ssh to {place} failed: {detail}; the live release is unchanged"),
            ),
            HelpSsh => pick(
                "thử `ssh <host>` trong cửa sổ lệnh; khóa đặt trong ssh-agent hoặc ~/.ssh/config; \
                 lệnh ssh và tùy chọn riêng đặt trong biến LOA_SSH, ví dụ LOA_SSH=\"ssh -p 2222\""
                    .into(),
                "try `ssh <host>` in a terminal; keys go in ssh-agent or ~/.ssh/config; \
                 a different ssh command or options go in LOA_SSH, e.g. LOA_SSH=\"ssh -p 2222\""
                    .into(),
            ),
            ProgramMissing { program } => pick(
                format!("máy này chưa có chương trình {program}"),
                format!("this machine has no {program} program"),
            ),
            HelpProgramMissing { package } => pick(
                format!("cài gói {package}, ví dụ: sudo apt install {package}"),
                format!("install the {package} package, e.g.: sudo apt install {package}"),
            ),
            RemoteProgramMissing { place, detail } => pick(
                format!("máy chủ {place} thiếu chương trình cần dùng: {detail}"),
                format!("the server {place} lacks a program loa needs: {detail}"),
            ),
            S3Failed { place, detail } => pick(
                format!("kho {place} trả lỗi: {detail}"),
                format!("the storage {place} answered with an error: {detail}"),
            ),
            S3NoCredentials { place } => pick(
                format!("chưa có khóa truy cập kho {place}: thiếu biến môi trường AWS_ACCESS_KEY_ID hoặc AWS_SECRET_ACCESS_KEY"),
                format!("no keys for the storage {place}: AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY is not set"),
            ),
            HelpS3 => pick(
                "kiểm tra endpoint, bucket và khóa trong biến môi trường AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY \
                 (và AWS_REGION nếu kho yêu cầu); chạy lại sẽ gửi tiếp phần còn thiếu"
                    .into(),
                "check endpoint, bucket and the keys in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY \
                 (and AWS_REGION if the service needs it); running again sends what is still missing"
                    .into(),
            ),
            TooManyDeletes { count, max, place } => pick(
                format!("lần đăng này sẽ xóa {} tệp trên {place}, quá giới hạn max_deletes là {}; chưa gửi gì", n(*count), n(*max)),
                format!("this deploy would delete {} files on {place}, more than max_deletes ({}); nothing was sent", n(*count), n(*max)),
            ),
            HelpTooManyDeletes => pick(
                "xem trước bằng --dry-run; nếu đúng là cần xóa, chạy lại với --yes hoặc nâng max_deletes".into(),
                "look first with --dry-run; if the deletions are meant, run again with --yes or raise max_deletes".into(),
            ),
            NoEarlierRelease { place } => pick(
                format!("{place} không còn bản nào trước bản đang chạy để quay lại"),
                format!("{place} keeps no release older than the live one to go back to"),
            ),
            UnknownRelease { release, known } => pick(
                format!("không có bản phát hành \"{release}\"; các bản còn giữ: {}", known.join(", ")),
                format!("there is no release \"{release}\"; the kept ones are: {}", known.join(", ")),
            ),
            SnapshotMissing { release } => pick(
                format!("máy này không còn giữ nội dung của bản {release} để gửi lại"),
                format!("this machine no longer holds the files of release {release} to send again"),
            ),
            HelpSnapshotMissing => pick(
                "chỉ máy đã đăng bản đó giữ bản sao (trong .loa/releases/); hãy quay lại từ máy đó, \
                 hoặc dựng lại nội dung cũ rồi đăng"
                    .into(),
                "only the machine that published it keeps a copy (in .loa/releases/); roll back from there, \
                 or rebuild the old content and deploy it"
                    .into(),
            ),
            NothingLive { place } => pick(
                format!("{place} chưa có bản nào đang chạy"),
                format!("{place} has no live release yet"),
            ),
            LogFailed { path, detail } => pick(
                format!("đã đăng nhưng không ghi được nhật ký {}: {detail}", path.display()),
                format!("deployed, but cannot write the log {}: {detail}", path.display()),
            ),
            LogUnreadable { detail } => pick(
                format!("không đọc được nhật ký đăng bài ({detail}); báo cáo không liệt kê các lần đăng"),
                format!("cannot read the deploy log ({detail}); the report lists no deploys"),
            ),
            LogRowsSkipped { skipped } => pick(
                format!("{} dòng của nhật ký đăng bài không đọc được, đã bỏ qua; các dòng khác vẫn được liệt kê", n(*skipped)),
                format!("{} rows of the deploy log cannot be read and are left out; the others are listed", n(*skipped)),
            ),
            WouldSend { place, send, bytes, unchanged, delete } => pick(
                format!(
                    "Chạy thử, không thay đổi gì. Tới {place} sẽ gửi {} tệp ({}), giữ nguyên {} tệp, xóa {} tệp.",
                    n(*send),
                    size(*bytes, lang),
                    n(*unchanged),
                    n(*delete)
                ),
                format!(
                    "Dry run, nothing changed. To {place}: would send {} files ({}), keep {} unchanged, delete {}.",
                    n(*send),
                    size(*bytes, lang),
                    n(*unchanged),
                    n(*delete)
                ),
            ),
            WouldChangeNothing { place } => pick(
                format!("Chạy thử: {place} đã đúng bản dựng này, không có gì để gửi."),
                format!("Dry run: {place} already has this build; nothing to send."),
            ),
            Deployed { place, release, send, bytes, unchanged, delete, seconds } => pick(
                format!(
                    "Đã đăng lên {place}: bản {release}, gửi {} tệp ({}), giữ nguyên {} tệp, xóa {} tệp, trong {} giây.",
                    n(*send),
                    size(*bytes, lang),
                    n(*unchanged),
                    n(*delete),
                    format!("{seconds:.2}").replace('.', ",")
                ),
                format!(
                    "Deployed to {place}: release {release}, sent {} files ({}), {} unchanged, {} deleted, in {seconds:.2} s.",
                    n(*send),
                    size(*bytes, lang),
                    n(*unchanged),
                    n(*delete),
                ),
            ),
            AlreadyLive { place, release } => pick(
                format!("{place} đã chạy đúng bản dựng này ({release}); không gửi gì."),
                format!("{place} already runs this build ({release}); nothing sent."),
            ),
            RolledBack { place, release } => pick(
                format!("Đã quay {place} về bản {release}."),
                format!("Rolled {place} back to release {release}."),
            ),
            ListHeading { place } => pick(format!("Các bản phát hành trên {place}:"), format!("Releases on {place}:")),
            ListLine { release, time, files, bytes, live } => {
                let counts = match (files, bytes) {
                    (Some(f), Some(b)) => pick(format!("{} tệp, {}", n(*f), size(*b, lang)), format!("{} files, {}", n(*f), size(*b, lang))),
                    _ => String::new(),
                };
                let mark = if *live { pick(" ← đang chạy".into(), " ← live".into()) } else { String::new() };
                format!("{} {release}  {time}  {counts}{mark}", if *live { '*' } else { ' ' })
            }
            ListEmpty => pick("(chưa có bản nào)".into(), "(none yet)".into()),
            Confirm { place, send, bytes, delete } => pick(
                format!("Gửi {} tệp ({}) và xóa {} tệp trên {place}? Gõ c rồi Enter để đăng: ", n(*send), size(*bytes, lang), n(*delete)),
                format!("Send {} files ({}) and delete {} on {place}? Type y and Enter to deploy: ", n(*send), size(*bytes, lang), n(*delete)),
            ),
            Cancelled => pick("Đã hủy, không thay đổi gì.".into(), "Cancelled; nothing changed.".into()),
        }
    }
}

fn held_by(holder: &str) -> String {
    if holder.is_empty() {
        String::new()
    } else {
        format!(" ({holder})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_the_way_each_language_writes_numbers() {
        assert_eq!(size(96, Lang::Vi), "96 byte");
        assert_eq!(size(4_180_000, Lang::Vi), "4,2 MB");
        assert_eq!(size(4_180_000, Lang::En), "4.2 MB");
        assert_eq!(size(812_400, Lang::Vi), "812,4 kB");
        assert_eq!(size(1_500_000_000, Lang::En), "1.5 GB");
    }
}
