//! Remembering rendered work between rebuilds (`loa serve`): a page body or an HTML file
//! is rendered again only when something it was made from changed. [`Store`] is the
//! one way of remembering; the channels keep their own stores (`outputs::ChannelMemo`),
//! and `crate::memo` holds both for a build.
//!
//! Each entry is keyed by a hash of all its inputs (for HTML: the template set, the
//! site-wide values and the page's own template values; for Markdown: the body and the
//! table of link targets), so a reused result is byte-for-byte what a fresh render would
//! give, and an edit re-renders exactly the outputs whose inputs it touched.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::markdown::{AnchorLink, Rendered};
use crate::diagnostics::Diagnostics;

/// A body rendered: the HTML and what it tells of the page, its `#anchor` links to
/// check, and its problems.
pub type MarkdownResult = (Arc<Rendered>, Vec<AnchorLink>, Diagnostics);

/// Where a value made from inputs hashing to a key is remembered: the preview's
/// [`Store`] in memory, or the build cache's pack on disk (`crate::pack`).
pub trait Remember<V>: Sync {
    /// The value remembered under `key`, or `make()` it and remember it.
    fn remember(&self, key: blake3::Hash, make: &dyn Fn() -> V) -> V;
}

impl<V: Clone + Send> Remember<V> for Store<V> {
    fn remember(&self, key: blake3::Hash, make: &dyn Fn() -> V) -> V {
        Store::remember(self, key, make)
    }
}

/// Entries used by the last build (`current`) and the one before (`previous`): what
/// neither used is dropped, so a long preview session does not grow without end.
struct Generations<K, V> {
    current: HashMap<K, V>,
    previous: HashMap<K, V>,
}

impl<K, V> Default for Generations<K, V> {
    fn default() -> Self {
        Generations { current: HashMap::new(), previous: HashMap::new() }
    }
}

impl<K: std::hash::Hash + Eq + Clone, V: Clone> Generations<K, V> {
    fn get(&mut self, key: &K) -> Option<V> {
        if let Some(v) = self.current.get(key) {
            return Some(v.clone());
        }
        let v = self.previous.remove(key)?;
        self.current.insert(key.clone(), v.clone());
        Some(v)
    }

    fn turn(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }
}

/// Values remembered under the hash of their inputs, those the last two builds used.
pub struct Store<V>(Mutex<Generations<blake3::Hash, V>>);

impl<V> Default for Store<V> {
    fn default() -> Self {
        Store(Mutex::new(Generations::default()))
    }
}

impl<V: Clone> Store<V> {
    /// The value remembered under `key`, or `make()` it and remember it.
    pub fn remember(&self, key: blake3::Hash, make: impl FnOnce() -> V) -> V {
        if let Some(hit) = self.0.lock().ok().and_then(|mut m| m.get(&key)) {
            return hit;
        }
        let value = make();
        if let Ok(mut m) = self.0.lock() {
            m.current.insert(key, value.clone());
        }
        value
    }

    /// A build starts: what the one before did not use is dropped after it.
    pub fn turn(&self) {
        if let Ok(mut m) = self.0.lock() {
            m.turn();
        }
    }
}

/// A file's HTML with the hash of its inputs; shared with the served file (`Arc`), so
/// the preview holds each page once.
type KeyedHtml = (blake3::Hash, Arc<Vec<u8>>);

/// The renders remembered: HTML files by path, Markdown bodies by their inputs.
#[derive(Default)]
pub struct Memo {
    html: Mutex<Generations<String, KeyedHtml>>,
    markdown: Store<MarkdownResult>,
    rendered: AtomicUsize,
    reused: AtomicUsize,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// How much of the last build was rendered and how much reused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MemoStats {
    pub rendered: usize,
    pub reused: usize,
}

impl Memo {
    /// The HTML for `path` if its inputs hash to `key`, else `render()` it and remember.
    pub fn html<E>(
        &self,
        path: &str,
        key: blake3::Hash,
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Arc<Vec<u8>>, E> {
        if let Ok(mut map) = self.html.lock() {
            if let Some((k, html)) = map.get(&path.to_string()) {
                if k == key {
                    self.reused.fetch_add(1, Ordering::Relaxed);
                    return Ok(html);
                }
            }
        }
        let html = Arc::new(render()?);
        self.rendered.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut map) = self.html.lock() {
            map.current.insert(path.to_string(), (key, html.clone()));
        }
        Ok(html)
    }

    /// Where rendered bodies are remembered.
    pub fn markdown(&self) -> &Store<MarkdownResult> {
        &self.markdown
    }

    /// Starts a build: entries the previous build did not use are dropped after it.
    pub fn start_build(&self) {
        if let Ok(mut m) = self.html.lock() {
            m.turn();
        }
        self.markdown.turn();
    }

    /// The counts since the last call, then zero.
    pub fn take_stats(&self) -> MemoStats {
        MemoStats {
            rendered: self.rendered.swap(0, Ordering::Relaxed),
            reused: self.reused.swap(0, Ordering::Relaxed),
        }
    }
}

/// What the build cache's ledger knows of the files the last `loa build` left in the
/// output folder: the hash of the inputs each was made from, by path, so a file whose
/// inputs hash the same is not made again; and the figures noted with some inputs (a
/// broadcast script's length, which the desk shows). This build's are noted for the next.
#[derive(Debug, Default)]
pub struct CacheKeys {
    previous: rustc_hash::FxHashMap<String, u128>,
    made: Mutex<Vec<(String, u128)>>,
    figures: rustc_hash::FxHashMap<u128, Vec<u64>>,
    noted: Mutex<Vec<(u128, Vec<u64>)>>,
}

impl CacheKeys {
    pub fn new(
        previous: rustc_hash::FxHashMap<String, u128>,
        figures: rustc_hash::FxHashMap<u128, Vec<u64>>,
    ) -> CacheKeys {
        CacheKeys { previous, made: Mutex::default(), figures, noted: Mutex::default() }
    }

    /// The figures the last build noted with inputs hashing to `key`.
    pub fn figures(&self, key: &blake3::Hash) -> Option<Vec<u64>> {
        self.figures.get(&short(key)).cloned()
    }

    /// Notes figures for the next build.
    pub fn note_figures(&self, key: &blake3::Hash, figures: Vec<u64>) {
        if let Ok(mut noted) = self.noted.lock() {
            noted.push((short(key), figures));
        }
    }

    /// The figures noted by this build.
    pub fn take_figures(&self) -> Vec<(u128, Vec<u64>)> {
        self.noted.lock().map(|mut n| std::mem::take(&mut *n)).unwrap_or_default()
    }

    /// Notes that the file at `path` is made from inputs hashing to `key`; says whether
    /// the last build made it from the same.
    pub fn unchanged(&self, path: &str, key: &blake3::Hash) -> bool {
        let key = short(key);
        if let Ok(mut made) = self.made.lock() {
            made.push((path.to_string(), key));
        }
        self.previous.get(path) == Some(&key)
    }

    /// The inputs noted by this build, by path.
    pub fn take(&self) -> rustc_hash::FxHashMap<String, u128> {
        self.made.lock().map(|mut m| std::mem::take(&mut *m).into_iter().collect()).unwrap_or_default()
    }
}

/// The first 128 bits of a hash, as the build cache's ledger keeps it.
pub fn short(hash: &blake3::Hash) -> u128 {
    let mut first = [0u8; 16];
    first.copy_from_slice(&hash.as_bytes()[..16]);
    u128::from_le_bytes(first)
}

/// A hasher that serde can write JSON into.
pub struct HashWriter(pub blake3::Hasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The hash of texts, each after its length, hashed at once: for long texts (a page's
/// Markdown), much faster than through JSON.
pub fn hash_texts(seed: &[u8], texts: &[&str]) -> blake3::Hash {
    let mut all = Vec::with_capacity(seed.len() + texts.iter().map(|t| t.len() + 8).sum::<usize>());
    all.extend_from_slice(seed);
    for text in texts {
        all.extend_from_slice(&(text.len() as u64).to_le_bytes());
        all.extend_from_slice(text.as_bytes());
    }
    blake3::hash(&all)
}

/// The hash of serialisable values, in order.
pub fn hash_values<T: serde::Serialize>(seed: &[u8], values: &[T]) -> blake3::Hash {
    let mut w = HashWriter(blake3::Hasher::new());
    w.0.update(seed);
    for v in values {
        let _ = serde_json::to_writer(&mut w, v);
        w.0.update(&[0]);
    }
    w.0.finalize()
}
