//! The release layout shared by `dir` and `ssh` targets, and the choices made on it:
//!
//! ```text
//! <path>/.loa-target                   marks the folder as loa's; locked while a deploy runs
//! <path>/releases/<name>/              one whole site per release
//! <path>/releases/<name>.loa-release.gz  its manifest, written once the copy checked out
//! <path>/releases/.incoming/           the release being sent; never served
//! <path>/current -> releases/<name>    the live release: the web server's document root
//! ```
//! A release counts only once its manifest is there, so a deploy killed half-way leaves
//! at most an `.incoming` folder that the next deploy starts over.

use super::manifest::Totals;

pub const TARGET_MARKER: &str = ".loa-target";
pub const TARGET_MARKER_TEXT: &str =
    "This folder holds releases made by loa deploy; `current` links the live one.\n";
pub const RELEASES: &str = "releases";
pub const CURRENT: &str = "current";
pub const INCOMING: &str = ".incoming";
pub const MANIFEST_SUFFIX: &str = ".loa-release.gz";

/// One release a target keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub name: String,
    /// From its manifest's first line, when that could be read.
    pub totals: Option<Totals>,
}

/// What a target holds: its releases, oldest first, and which one is live.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetState {
    pub releases: Vec<Release>,
    pub live: Option<String>,
}

impl TargetState {
    pub fn names(&self) -> Vec<String> {
        self.releases.iter().map(|r| r.name.clone()).collect()
    }

    /// The release to roll back to: `wanted`, or the newest one older than the live one.
    pub fn rollback_to<'a>(&'a self, wanted: Option<&'a str>) -> Result<&'a Release, Option<&'a str>> {
        match wanted {
            Some(name) => self.releases.iter().find(|r| r.name == name).ok_or(Some(name)),
            None => {
                let live = self.live.as_deref().unwrap_or("");
                self.releases.iter().rev().find(|r| r.name.as_str() < live).ok_or(None)
            }
        }
    }

    /// The name of a release made `now`: later than every release here, so that names
    /// keep the order deploys happened in even two in one second or after the clock
    /// went back.
    pub fn new_name(&self, now: jiff::Timestamp, fingerprint: &str) -> String {
        let newest = self.releases.iter().filter_map(|r| name_time(&r.name)).max();
        let second = jiff::Timestamp::from_second(now.as_second()).unwrap_or(now);
        let at = match newest {
            Some(newest) if newest >= second => {
                newest.checked_add(jiff::SignedDuration::from_secs(1)).unwrap_or(now)
            }
            _ => now,
        };
        release_name(at, fingerprint)
    }

    /// Releases to remove once `new` is live: all but the newest `keep`, never `new`.
    pub fn to_remove(&self, new: &str, keep: usize) -> Vec<String> {
        let mut names: Vec<&str> =
            self.releases.iter().map(|r| r.name.as_str()).filter(|n| *n != new).collect();
        names.sort_unstable();
        let keep_old = keep.saturating_sub(1);
        let cut = names.len().saturating_sub(keep_old);
        names[..cut].iter().map(|n| n.to_string()).collect()
    }
}

/// `20261130T091502Z-0123456789ab`: when, in UTC, and which build. Sorting names sorts
/// releases by time.
pub fn release_name(now: jiff::Timestamp, fingerprint: &str) -> String {
    format!("{}-{fingerprint}", now.strftime("%Y%m%dT%H%M%SZ"))
}

/// The time a release name carries.
fn name_time(name: &str) -> Option<jiff::Timestamp> {
    let parsed = jiff::fmt::strtime::parse("%Y%m%dT%H%M%SZ", name.get(..16)?).ok()?;
    parsed.to_datetime().ok()?.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp())
}

pub fn is_release_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    name.len() == 29
        && bytes[8] == b'T'
        && bytes[15] == b'Z'
        && bytes[16] == b'-'
        && bytes[..8].iter().chain(&bytes[9..15]).all(u8::is_ascii_digit)
        && bytes[17..].iter().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
}

/// `30/11/2026 16:15` in Vietnam time (UTC+7 all year), for lists people read.
pub fn local_time(name: &str) -> String {
    let Some(ts) = name_time(name) else { return String::new() };
    let vietnam = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
    ts.to_zoned_datetime(vietnam).strftime("%d/%m/%Y %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(names: &[&str], live: &str) -> TargetState {
        TargetState {
            releases: names.iter().map(|n| Release { name: n.to_string(), totals: None }).collect(),
            live: Some(live.to_string()),
        }
    }

    #[test]
    fn names_sort_by_time_and_read_back_as_vietnam_time() {
        let ts: jiff::Timestamp = "2026-11-30T09:15:02Z".parse().unwrap();
        let name = release_name(ts, "0123456789ab");
        assert_eq!(name, "20261130T091502Z-0123456789ab");
        assert!(is_release_name(&name));
        assert_eq!(local_time(&name), "30/11/2026 16:15");
        for bad in [".incoming", "20261130T091502Z-0123456789aB", "x0261130T091502Z-0123456789ab", "current"]
        {
            assert!(!is_release_name(bad), "{bad}");
        }
    }

    #[test]
    fn rollback_goes_to_the_release_before_the_live_one_or_the_named_one() {
        let s = state(&["a1", "a2", "a3"], "a3");
        assert_eq!(s.rollback_to(None).map(|r| r.name.as_str()), Ok("a2"));
        let after_rollback = state(&["a1", "a2", "a3"], "a2");
        assert_eq!(after_rollback.rollback_to(None).map(|r| r.name.as_str()), Ok("a1"));
        assert_eq!(s.rollback_to(Some("a1")).map(|r| r.name.as_str()), Ok("a1"));
        assert_eq!(s.rollback_to(Some("zz")), Err(Some("zz")));
        assert_eq!(state(&["a1"], "a1").rollback_to(None), Err(None));
    }

    #[test]
    fn a_new_name_comes_after_every_release_even_within_one_second() {
        let now: jiff::Timestamp = "2026-11-30T09:15:02.400Z".parse().unwrap();
        let empty = TargetState::default();
        assert_eq!(empty.new_name(now, "aaaaaaaaaaaa"), "20261130T091502Z-aaaaaaaaaaaa");
        let same_second = state(&["20261130T091502Z-ffffffffffff"], "20261130T091502Z-ffffffffffff");
        assert_eq!(same_second.new_name(now, "aaaaaaaaaaaa"), "20261130T091503Z-aaaaaaaaaaaa");
        let clock_behind = state(&["20261130T100000Z-ffffffffffff"], "20261130T100000Z-ffffffffffff");
        assert_eq!(clock_behind.new_name(now, "aaaaaaaaaaaa"), "20261130T100001Z-aaaaaaaaaaaa");
        let older = state(&["20261129T100000Z-ffffffffffff"], "20261129T100000Z-ffffffffffff");
        assert_eq!(older.new_name(now, "aaaaaaaaaaaa"), "20261130T091502Z-aaaaaaaaaaaa");
    }

    #[test]
    fn pruning_keeps_the_newest_and_the_new_one() {
        let s = state(&["a1", "a2", "a3", "a4"], "a4");
        assert_eq!(s.to_remove("a5", 3), ["a1", "a2"]);
        assert_eq!(s.to_remove("a5", 1), ["a1", "a2", "a3", "a4"]);
        assert_eq!(s.to_remove("a5", 10), Vec::<String>::new());
    }
}
