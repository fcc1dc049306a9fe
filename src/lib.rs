//! loa: Markdown explainers → one static site for the portal, the newspaper and the
//! broadcasters. See ARCHITECTURE.md for the map.

pub mod addresses;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod deploy;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzz_targets;
pub mod help;
pub mod images;
pub mod import;
pub mod media_type;
pub mod memo;
pub mod messages;
pub mod outputs;
pub mod pack;
pub mod publish;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod theme;
pub mod timings;
pub mod unchanged;
pub mod yaml;

/// A mutex's contents, also after a thread panicked holding it: that thread's build
/// has already failed, and what it guarded (lists of files and problems) stays whole.
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
