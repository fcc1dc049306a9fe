//! Watching the site's folder: content, templates, themes, static files and site.yaml.
//!
//! Survives what editors' tools do: one save that makes several events, atomic saves
//! (write a temporary file, rename it over the old one), bursts of hundreds of files
//! (a git checkout), deletes and renames. Events are gathered until the folder has been
//! quiet for a moment, then one rebuild runs; events during a rebuild cause one more.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the folder must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(30);
/// The longest a rebuild waits for quiet: a steady stream of events (a tool writing
/// logs into the folder, a long checkout) must not starve it.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// Is this a change worth a rebuild? Not reads, not the output, not editors' temp files.
fn relevant(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let first =
        rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    // `.loa-cache`, `.loa-history` and `.loa` are loa's own (the pictures' copies, the
    // editor's saved versions, deploy records): a
    // rebuild writes them, and must not be woken by its own writes.
    if matches!(first.as_str(), "public" | "target" | ".git" | ".loa-cache" | ".loa" | ".loa-history")
        || first.starts_with(".public.loa-")
    {
        return false;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name == "4913";
    !temporary
}

/// Starts watching `root`; `rebuild` runs on a worker thread after each quiet burst,
/// with the files the burst touched, or with none when they are not known (the system
/// dropped events): then everything is rebuilt.
pub fn start(
    root: &Path,
    mut rebuild: impl FnMut(&[PathBuf]) + Send + 'static,
) -> notify::Result<RecommendedWatcher> {
    let (tx, rx) = mpsc::channel::<Option<Vec<PathBuf>>>();
    // Events come with absolute paths: a relative root (`--root .`, the default) would
    // match none of them, and the output folder would not be left out.
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let root_for_events: PathBuf = root.clone();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let event = match result {
            Ok(event) => event,
            Err(_) => {
                let _ = tx.send(None);
                return;
            }
        };
        if event.need_rescan() {
            let _ = tx.send(None);
            return;
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        let paths: Vec<PathBuf> = event.paths.into_iter().filter(|p| relevant(&root_for_events, p)).collect();
        if !paths.is_empty() {
            let _ = tx.send(Some(paths));
        }
    })?;
    watcher.watch(&root, RecursiveMode::Recursive)?;
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut changed = gather(first, &rx, QUIET, MAX_WAIT).unwrap_or_default();
            changed.sort();
            changed.dedup();
            // A half-written file fails to read or parse: the next event rebuilds again,
            // and until then the last good site is served.
            rebuild(&changed);
        }
    });
    Ok(watcher)
}

/// The rest of a burst: events until `quiet` passes without one, or `max` since the first.
/// `None` (events were lost) stays `None`.
fn gather(
    first: Option<Vec<PathBuf>>,
    rx: &mpsc::Receiver<Option<Vec<PathBuf>>>,
    quiet: Duration,
    max: Duration,
) -> Option<Vec<PathBuf>> {
    let started = std::time::Instant::now();
    let mut changed = first;
    while let Some(left) = max.checked_sub(started.elapsed()) {
        let Ok(more) = rx.recv_timeout(quiet.min(left)) else { break };
        changed = changed.zip(more).map(|(mut all, more)| {
            all.extend(more);
            all
        });
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_output_and_temp_files_are_ignored() {
        let root = Path::new("/site");
        assert!(relevant(root, Path::new("/site/content/a.md")));
        assert!(relevant(root, Path::new("/site/site.yaml")));
        assert!(!relevant(root, Path::new("/site/public/a/index.html")));
        assert!(!relevant(root, Path::new("/site/.public.loa-staging/x")));
        assert!(!relevant(root, Path::new("/site/content/.a.md.swp")));
        assert!(!relevant(root, Path::new("/site/content/a.md~")));
        assert!(!relevant(root, Path::new("/site/content/4913")));
        assert!(!relevant(root, Path::new("/site/.loa-cache/images/ab12/sums")));
    }

    #[test]
    fn a_steady_stream_of_events_does_not_starve_the_rebuild() {
        let (tx, rx) = mpsc::channel();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let sending = stop.clone();
        let sender = std::thread::spawn(move || {
            let mut n = 0u64;
            while !sending.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = tx.send(Some(vec![PathBuf::from(format!("/site/content/{n}.md"))]));
                n += 1;
                std::thread::yield_now();
            }
        });
        // Events never pause for 30 ms; the burst still ends.
        let got =
            gather(Some(vec![PathBuf::from("/site/content/a.md")]), &rx, QUIET, Duration::from_millis(200));
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        sender.join().unwrap();
        assert!(got.is_some_and(|paths| paths.len() > 1));
    }
}
