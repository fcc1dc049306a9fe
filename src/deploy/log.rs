//! The deploy log: one line per deploy or rollback in `deploys.csv` beside site.yaml,
//! kept with the site as evidence of publication and read back by `loa report`.
//!
//! Lines are appended under a lock on the file, so two deploys to different targets at
//! once each add a whole line.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file's name in the site's folder.
pub const LOG_FILE: &str = "deploys.csv";

const COLUMNS: &[&str] = &[
    "time",
    "target",
    "kind",
    "action",
    "release",
    "fingerprint",
    "files_sent",
    "files_unchanged",
    "files_deleted",
    "bytes_sent",
    "user",
    "host",
];

/// One deploy or rollback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeployRecord {
    /// UTC, RFC 3339 (`2026-11-30T09:15:02Z`).
    pub time: String,
    pub target: String,
    /// `dir`, `ssh` or `s3`.
    pub kind: String,
    /// `deploy` or `rollback`.
    pub action: String,
    pub release: String,
    pub fingerprint: String,
    pub files_sent: u64,
    pub files_unchanged: u64,
    pub files_deleted: u64,
    pub bytes_sent: u64,
    /// The operating-system user and machine that ran it.
    pub user: String,
    pub host: String,
}

pub fn path(root: &Path) -> PathBuf {
    root.join(LOG_FILE)
}

/// Appends `record`, writing the header first when the file is new.
pub fn append(root: &Path, record: &DeployRecord) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new().create(true).append(true).read(true).open(path(root))?;
    file.lock()?;
    let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    if file.metadata()?.len() == 0 {
        writer.write_record(COLUMNS).map_err(std::io::Error::other)?;
    }
    writer.serialize(record).map_err(std::io::Error::other)?;
    let bytes = writer.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
    file.write_all(&bytes)?;
    file.sync_all()
}

/// Every record in the log, oldest first; lines that do not read are skipped and counted.
pub fn read(root: &Path) -> std::io::Result<(Vec<DeployRecord>, usize)> {
    let text = match fs::read(path(root)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(e),
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_slice());
    let mut records = Vec::new();
    let mut skipped = 0;
    for row in reader.deserialize::<DeployRecord>() {
        match row {
            Ok(r) => records.push(r),
            Err(_) => skipped += 1,
        }
    }
    Ok((records, skipped))
}

/// Who runs this deploy: the login name and the machine's name.
pub fn who() -> (String, String) {
    let user = account_name()
        .or_else(|| {
            ["USER", "LOGNAME", "USERNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
        })
        .unwrap_or_else(|| "?".into());
    let host = fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "?".into());
    (user, host)
}

/// The name of the account this process runs as, from the system's user list: the
/// environment says whatever the caller set.
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt as _;
    let uid = fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_appended_under_one_header_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let record = DeployRecord {
            time: "2026-11-30T09:15:02Z".into(),
            target: "cong".into(),
            kind: "ssh".into(),
            action: "deploy".into(),
            release: "20261130T091502Z-0123456789ab".into(),
            fingerprint: "0123456789ab".into(),
            files_sent: 3,
            files_unchanged: 300,
            files_deleted: 1,
            bytes_sent: 4096,
            user: "bien-tap, \"vien\"".into(),
            host: "may-1".into(),
        };
        append(dir.path(), &record).unwrap();
        append(dir.path(), &DeployRecord { action: "rollback".into(), ..record.clone() }).unwrap();
        let text = fs::read_to_string(path(dir.path())).unwrap();
        assert_eq!(text.lines().filter(|l| l.starts_with("time,")).count(), 1, "{text}");
        let (records, skipped) = read(dir.path()).unwrap();
        assert_eq!((records.len(), skipped), (2, 0));
        assert_eq!(records[0], record, "a comma and quotes in a name survive");
        assert_eq!(records[1].action, "rollback");
        assert_eq!(read(&dir.path().join("none")).unwrap(), (Vec::new(), 0));
    }
}
