//! What a deploy sends, keeps and deletes: a pure function of the build's manifest and
//! the live one.
//!
//! Order matters where files go live one by one (object storage): files at new paths go
//! first, since no live page links to them yet; then changed files, assets before pages
//! before the home page, lists, feeds and the sitemap; deletions last. So at every moment
//! of an upload each link on a live page leads to a file that is there.

use std::collections::HashSet;

use super::manifest::{Entry, Manifest};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Indexes into the build's manifest, in the order to send them.
    pub send: Vec<usize>,
    /// Ranges of `send` that may go at once; each only after the one before is there.
    pub groups: Vec<std::ops::Range<usize>>,
    /// Indexes into the build's manifest of files the live release has as they are.
    pub unchanged: Vec<usize>,
    /// Paths the live release has and the build has not.
    pub delete: Vec<String>,
    /// Bytes of the files to send.
    pub bytes: u64,
}

impl Plan {
    /// Nothing to send or delete: the build is what is live.
    pub fn is_empty(&self) -> bool {
        self.send.is_empty() && self.delete.is_empty()
    }
}

/// Compares by size and hash, so a file rebuilt with the same content is not sent again.
pub fn plan(build: &Manifest, live: &Manifest) -> Plan {
    let lists = list_folders(build);
    let mut send: Vec<(bool, u8, usize)> = Vec::new();
    let mut unchanged = Vec::new();
    for (i, entry) in build.entries.iter().enumerate() {
        match live.get(&entry.path) {
            Some(old) if old.size == entry.size && old.hash == entry.hash => unchanged.push(i),
            old => send.push((old.is_some(), rank(entry, &lists), i)),
        }
    }
    send.sort_unstable();
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (at, pair) in send.windows(2).enumerate() {
        if (pair[0].0, pair[0].1) != (pair[1].0, pair[1].1) {
            let start = groups.last().map_or(0, |g| g.end);
            groups.push(start..at + 1);
        }
    }
    if !send.is_empty() {
        groups.push(groups.last().map_or(0, |g| g.end)..send.len());
    }
    let delete =
        live.entries.iter().filter(|e| build.get(&e.path).is_none()).map(|e| e.path.clone()).collect();
    let send: Vec<usize> = send.into_iter().map(|(_, _, i)| i).collect();
    let bytes = send.iter().map(|&i| build.entries[i].size).sum();
    Plan { send, groups, unchanged, delete, bytes }
}

/// 0: assets (styles, scripts, pictures, broadcast files); 1: pages and their embeds;
/// 2: what lists pages (the home page, section and topic lists, feeds, the sitemap).
fn rank(entry: &Entry, lists: &HashSet<&str>) -> u8 {
    let path = entry.path.as_str();
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "xml" => 2,
        "html" | "json" => {
            let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
            let is_list = path == "index.html" || path == "404.html" || path.ends_with("feed.json");
            if is_list || (path.ends_with("/index.html") && lists.contains(folder)) {
                2
            } else {
                1
            }
        }
        _ => 0,
    }
}

/// Folders holding an `index.html` that are above another page's folder: lists.
fn list_folders(build: &Manifest) -> HashSet<&str> {
    let mut lists = HashSet::new();
    for entry in &build.entries {
        let Some(folder) = entry.path.strip_suffix("/index.html") else { continue };
        let mut rest = folder;
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !lists.insert(parent) {
                break;
            }
            rest = parent;
        }
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(files: &[(&str, &str)]) -> Manifest {
        let mut entries: Vec<Entry> = files
            .iter()
            .map(|(p, h)| Entry { path: p.to_string(), size: h.len() as u64, hash: h.to_string() })
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Manifest { entries }
    }

    #[test]
    fn new_files_go_first_then_changed_ones_from_assets_to_lists_and_deletions_last() {
        let live = manifest(&[
            ("index.html", "h1"),
            ("hieu-dung/index.html", "l1"),
            ("hieu-dung/a/index.html", "a1"),
            ("hieu-dung/b/index.html", "b1"),
            ("style.1111.css", "s1"),
            ("rss.xml", "r1"),
            ("sitemap.xml", "m1"),
        ]);
        let build = manifest(&[
            ("index.html", "h2"),
            ("hieu-dung/index.html", "l2"),
            ("hieu-dung/a/index.html", "a2"),
            ("hieu-dung/c/index.html", "c1"),
            ("hieu-dung/c/broadcast.txt", "t1"),
            ("style.2222.css", "s2"),
            ("rss.xml", "r2"),
            ("sitemap.xml", "m1"),
        ]);
        let plan = plan(&build, &live);
        let sent: Vec<&str> = plan.send.iter().map(|&i| build.entries[i].path.as_str()).collect();
        assert_eq!(
            sent,
            [
                "hieu-dung/c/broadcast.txt",
                "style.2222.css",
                "hieu-dung/c/index.html",
                "hieu-dung/a/index.html",
                "hieu-dung/index.html",
                "index.html",
                "rss.xml",
            ]
        );
        assert_eq!(
            plan.groups,
            [0..2, 2..3, 3..4, 4..7],
            "new assets, new pages, changed pages, changed lists"
        );
        assert_eq!(plan.unchanged.len(), 1, "the sitemap is the same");
        assert_eq!(plan.delete, ["hieu-dung/b/index.html", "style.1111.css"]);
        assert_eq!(plan.bytes, 2 * 7);
        assert!(!plan.is_empty());
    }

    #[test]
    fn the_same_build_plans_nothing() {
        let build = manifest(&[("index.html", "h"), ("a/index.html", "a")]);
        let plan = plan(&build, &build.clone());
        assert!(plan.is_empty());
        assert_eq!(plan.unchanged.len(), 2);
        let first = super::plan(&build, &Manifest::default());
        assert_eq!(first.send.len(), 2, "a first deploy sends everything");
    }
}
