//! Every save kept: a git commit of the page, with the editor's name as its author,
//! when the site is in a git repository; otherwise a copy of the version replaced in
//! `.loa-history/<page>/<time>.md`, a folder the build never reads.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the versions a save replaced are kept when the site is not in git.
pub const HISTORY: &str = ".loa-history";

/// A kept version: how to ask for it again, when it was saved (Vietnam time) and by
/// whom (git only).
pub struct Version {
    pub id: String,
    pub when: String,
    pub who: Option<String>,
}

pub struct History<'a> {
    pub root: &'a Path,
}

impl History<'_> {
    fn git(&self) -> Command {
        let mut git = Command::new("git");
        git.arg("-C").arg(self.root).env("GIT_TERMINAL_PROMPT", "0");
        git
    }

    /// `file` as git, run in the site's folder, names it.
    fn in_root<'f>(&self, file: &'f Path) -> &'f Path {
        file.strip_prefix(self.root).unwrap_or(file)
    }

    /// Is the site's folder inside a git work tree?
    fn in_git(&self) -> bool {
        self.git()
            .args(["rev-parse", "--is-inside-work-tree"])
            .output()
            .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"true"))
    }

    /// Keeps `on_disk`, the version about to be replaced: in git, committed first when
    /// it is not already (a page edited in a text editor and never committed); else
    /// copied into `.loa-history/`.
    pub fn before_write(&self, rel: &str, file: &Path, on_disk: &str) -> std::io::Result<()> {
        if self.in_git() {
            let dirty = self
                .git()
                .args(["status", "--porcelain", "--"])
                .arg(self.in_root(file))
                .output()
                .map(|o| !o.stdout.is_empty())
                .unwrap_or(true);
            if !dirty || self.commit(file, "loa", "Bản trên máy trước khi sửa trong trình duyệt").is_ok()
            {
                return Ok(());
            }
        }
        let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S%.fZ").to_string();
        let dir = self.root.join(HISTORY).join(rel);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{stamp}.md")), on_disk)
    }

    /// After a save: in git, the page committed with `who` as its author.
    pub fn after_write(&self, file: &Path, who: &str, message: &str) {
        if self.in_git() {
            let _ = self.commit(file, who, message);
        }
    }

    fn commit(&self, file: &Path, who: &str, message: &str) -> std::io::Result<()> {
        let file = self.in_root(file);
        let add = self.git().args(["add", "--"]).arg(file).output()?;
        let who = if who.trim().is_empty() { "loa" } else { who.trim() };
        // Only this page is committed, whatever else is staged; loa is the committer.
        let commit = self
            .git()
            .env("GIT_COMMITTER_NAME", "loa")
            .env("GIT_COMMITTER_EMAIL", "loa@localhost")
            .args(["commit", "--quiet", "--no-verify", "-m", message])
            .arg(format!("--author={} <loa@localhost>", who.replace(['<', '>', '\n'], " ")))
            .arg("--")
            .arg(file)
            .output()?;
        match add.status.success() && commit.status.success() {
            true => Ok(()),
            false => Err(std::io::Error::other(String::from_utf8_lossy(&commit.stderr).into_owned())),
        }
    }

    /// The versions kept of the page `rel` (file `file`), newest first, leaving out one
    /// that is the same as the page now.
    pub fn versions(&self, rel: &str, file: &Path) -> Vec<Version> {
        let now = std::fs::read_to_string(file).unwrap_or_default();
        let mut versions = Vec::new();
        if self.in_git() {
            let log =
                self.git().args(["log", "--format=%H%x09%an%x09%at", "--"]).arg(self.in_root(file)).output();
            let log = log.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
            for line in log.lines() {
                let mut parts = line.splitn(3, '\t');
                let (Some(id), Some(who), Some(at)) = (parts.next(), parts.next(), parts.next()) else {
                    continue;
                };
                let when = at.parse::<i64>().ok().and_then(|s| jiff::Timestamp::from_second(s).ok());
                versions.push(Version {
                    id: id.to_string(),
                    when: when.map(vietnam_time).unwrap_or_default(),
                    who: Some(who.to_string()),
                });
            }
        }
        let mut stamps: Vec<String> = std::fs::read_dir(self.root.join(HISTORY).join(rel))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".md").map(str::to_string))
            .collect();
        stamps.sort_unstable_by(|a, b| b.cmp(a));
        versions.extend(stamps.into_iter().map(|s| {
            // The name is a UTC time without an offset: read as a civil time, then in UTC.
            let when = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S%.fZ", &s)
                .ok()
                .and_then(|t| jiff::tz::TimeZone::UTC.to_timestamp(t).ok())
                .map(vietnam_time);
            Version { when: when.unwrap_or_else(|| s.clone()), id: s, who: None }
        }));
        if versions.first().is_some_and(|v| self.text(rel, file, &v.id).as_deref() == Some(now.as_str())) {
            versions.remove(0);
        }
        versions
    }

    /// The text of the version `id` (a commit, or a time in `.loa-history/`).
    pub fn text(&self, rel: &str, file: &Path, id: &str) -> Option<String> {
        if id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
            let relative = self.in_root(file).to_string_lossy().replace('\\', "/");
            let out = self.git().args(["show", &format!("{id}:./{relative}")]).output().ok()?;
            return out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned());
        }
        let valid = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit() || b"TZ.".contains(&b));
        let path: PathBuf = self.root.join(HISTORY).join(rel).join(format!("{id}.md"));
        valid.then(|| std::fs::read_to_string(path).ok()).flatten()
    }
}

fn vietnam_time(t: jiff::Timestamp) -> String {
    let vietnam = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
    t.to_zoned_datetime(vietnam).strftime("%H:%M:%S ngày %d/%m/%Y").to_string()
}

/// The name a save is signed with when the form gives none: the system's user.
pub fn system_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "loa".to_string())
}
