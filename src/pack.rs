//! The build cache's packs: values that are dear to make and cheap to read back (search
//! tokens, what rendered bodies tell of their pages), kept on disk in `.loa-cache/build/`
//! between `loa build`s under the hash of their inputs, so a build after a small change
//! makes again only what changed. (Whole rendered bodies were tried: reading 126 MB of
//! them back at 10,000 pages took as long as rendering them, most of it checking their
//! UTF-8 again; BENCHMARKS.md.)
//!
//! A pack is one file: a header naming the program that wrote it, the entries, then an
//! index of them. A build reads the entries it needs from the last pack (never the
//! whole file into memory) and writes every entry it used into a new pack as it goes,
//! which replaces the old one only when the build succeeds: what no build uses any more
//! is dropped. Each entry carries the hash of its bytes; an entry that does not match it,
//! or a pack from another program, is not used, and the value is made again.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostics, Span};
use crate::outputs::search::Tokens;
use crate::publish::ledger::{program_stamp, short};
use crate::render::components::FaqItem;
use crate::render::markdown::{AnchorLink, Rendered, TocEntry};
use crate::render::memo::{MarkdownResult, Remember};

const MAGIC: &[u8] = b"loa pack 1\n";
const END: &[u8] = b"loa-pack-end";
/// A pack stops growing here; what does not fit is made again by the next build.
pub const LIMIT: u64 = 1 << 30;

/// The search tokens' pack in the site's `.loa-cache/build/`.
pub fn tokens(root: &Path) -> io::Result<Pack<Tokens>> {
    Pack::open(
        &root.join(crate::publish::ledger::DIR),
        "tokens.pack",
        |t: &Tokens| postcard::to_stdvec(&**t).ok(),
        |b| {
            let tokens: crate::outputs::search::PageTokens = postcard::from_bytes(b).ok()?;
            tokens.is_whole().then(|| std::sync::Arc::new(tokens))
        },
    )
}

/// What a page's body tells of it, kept in the bodies' pack: all that the pages whose
/// files are not made again need (reading time, headings, anchors, questions, the
/// snippet's words, the `#anchor` links to check), without its HTML.
#[derive(serde::Serialize, serde::Deserialize)]
struct Facts {
    toc: Vec<(u8, String, String)>,
    anchors: Vec<String>,
    syllables: u64,
    faqs: Vec<(String, String)>,
    snippet: String,
    /// `#anchor` links: page's file, anchor, as written, line, column.
    links: Vec<(Option<String>, String, String, u64, u64)>,
}

/// The rendered bodies' facts in the site's `.loa-cache/build/`, by the hash of what each
/// body is rendered from. A body that came with problems is not kept (they must be
/// reported again). Reading the whole bodies back cost as much as rendering them; their
/// facts are a tenth of the bytes, and a body is rendered again only for a page one of
/// whose files is made again (`RenderedSite::page`).
pub fn bodies(root: &Path) -> io::Result<Pack<MarkdownResult>> {
    Pack::open(&root.join(crate::publish::ledger::DIR), "bodies.pack", encode_facts, decode_facts)
}

fn encode_facts((r, links, diagnostics): &MarkdownResult) -> Option<Vec<u8>> {
    if !diagnostics.is_empty() || r.facts_only {
        return None;
    }
    let facts = Facts {
        toc: r.toc.iter().map(|t| (t.level, t.id.clone(), t.title.clone())).collect(),
        anchors: r.anchors.iter().cloned().collect(),
        syllables: r.syllables as u64,
        faqs: r.faqs.iter().map(|f| (f.q.clone(), f.a.clone())).collect(),
        snippet: crate::outputs::search::snippet(&r.plain),
        links: links
            .iter()
            .map(|l| {
                let (line, column) = (l.span.line as u64, l.span.column as u64);
                // A file name that is not UTF-8 is not kept: the body is rendered again.
                let page = match &l.page {
                    Some(p) => Some(p.to_str()?.to_string()),
                    None => None,
                };
                Some((page, l.anchor.clone(), l.written.clone(), line, column))
            })
            .collect::<Option<_>>()?,
    };
    postcard::to_stdvec(&facts).ok()
}

fn decode_facts(bytes: &[u8]) -> Option<MarkdownResult> {
    let facts: Facts = postcard::from_bytes(bytes).ok()?;
    let rendered = Rendered {
        toc: facts.toc.into_iter().map(|(level, id, title)| TocEntry { level, id, title }).collect(),
        anchors: facts.anchors.into_iter().collect(),
        syllables: usize::try_from(facts.syllables).ok()?,
        faqs: facts.faqs.into_iter().map(|(q, a)| FaqItem { q, a }).collect(),
        plain: facts.snippet,
        facts_only: true,
        ..Rendered::default()
    };
    let links = facts
        .links
        .into_iter()
        .map(|(page, anchor, written, line, column)| AnchorLink {
            page: page.map(std::path::PathBuf::from),
            anchor,
            written,
            span: Span::new(line as usize, column as usize),
        })
        .collect();
    Some((std::sync::Arc::new(rendered), links, Diagnostics::new()))
}

impl Pack<MarkdownResult> {
    /// What was taken from the pack (`--timings`).
    pub fn note(&self) -> String {
        let (reused, made) = self.counts();
        format!("build cache: bodies {reused} read back, {made} rendered")
    }
}

impl Pack<Tokens> {
    /// What was taken from the pack (`--timings`).
    pub fn note(&self) -> String {
        let (reused, made) = self.counts();
        format!("build cache: search tokens {reused} reused, {made} made")
    }
}

impl<V> std::fmt::Debug for Pack<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pack({})", self.place.display())
    }
}

/// Where an entry lies in a pack: offset, length, hash of its bytes.
type Place = (u64, u32, u128);

/// The last build's pack, read an entry at a time.
struct Old {
    file: fs::File,
    index: FxHashMap<[u8; 32], Place>,
}

/// The pack this build writes.
struct New {
    file: io::BufWriter<tempfile::NamedTempFile>,
    at: u64,
    index: Vec<([u8; 32], Place)>,
}

/// One pack of values of one kind, with how they are written and read.
pub struct Pack<V> {
    place: PathBuf,
    old: Option<Old>,
    new: Mutex<Option<New>>,
    encode: fn(&V) -> Option<Vec<u8>>,
    decode: fn(&[u8]) -> Option<V>,
    reused: AtomicUsize,
    made: AtomicUsize,
}

impl<V> Pack<V> {
    /// Opens the pack `name` in `folder`: the last build's entries, if it left any this
    /// program can use, and a new pack beside it. `encode` gives `None` for a value not
    /// to keep (one that came with problems, which must be reported again).
    pub fn open(
        folder: &Path,
        name: &str,
        encode: fn(&V) -> Option<Vec<u8>>,
        decode: fn(&[u8]) -> Option<V>,
    ) -> io::Result<Pack<V>> {
        let place = folder.join(name);
        let old = fs::File::open(&place).ok().and_then(|f| read_index(f).ok().flatten());
        fs::create_dir_all(folder)?;
        let mut file = io::BufWriter::new(tempfile::NamedTempFile::new_in(folder)?);
        let header = header();
        file.write_all(&header)?;
        let new = New { file, at: header.len() as u64, index: Vec::new() };
        let (reused, made) = (AtomicUsize::new(0), AtomicUsize::new(0));
        Ok(Pack { place, old, new: Mutex::new(Some(new)), encode, decode, reused, made })
    }

    /// How many values were taken from the last pack and how many were made.
    pub fn counts(&self) -> (usize, usize) {
        (self.reused.load(Ordering::Relaxed), self.made.load(Ordering::Relaxed))
    }

    /// Ends the new pack with its index and puts it in place of the last one.
    pub fn finish(&self) -> io::Result<()> {
        let taken = self.new.lock().map(|mut n| n.take()).unwrap_or_default();
        let Some(mut new) = taken else { return Ok(()) };
        let mut index = Vec::with_capacity(new.index.len() * 60);
        for (key, (at, len, sum)) in &new.index {
            index.extend_from_slice(key);
            index.extend_from_slice(&at.to_le_bytes());
            index.extend_from_slice(&len.to_le_bytes());
            index.extend_from_slice(&sum.to_le_bytes());
        }
        new.file.write_all(&index)?;
        new.file.write_all(&(new.index.len() as u64).to_le_bytes())?;
        new.file.write_all(&short(&blake3::hash(&index)).to_le_bytes())?;
        new.file.write_all(END)?;
        let file = new.file.into_inner().map_err(|e| e.into_error())?;
        file.persist(&self.place).map_err(|e| e.error)?;
        Ok(())
    }

    /// The bytes kept under `key` by the last build, if they are whole.
    fn read_old(&self, key: &[u8; 32]) -> Option<Vec<u8>> {
        let old = self.old.as_ref()?;
        let &(at, len, sum) = old.index.get(key)?;
        let mut bytes = vec![0; len as usize];
        read_at(&old.file, &mut bytes, at).ok()?;
        (short(&blake3::hash(&bytes)) == sum).then_some(bytes)
    }

    /// Adds an entry to the new pack (while it is under the limit).
    fn keep(&self, key: &[u8; 32], bytes: &[u8]) {
        let sum = short(&blake3::hash(bytes));
        let Ok(mut guard) = self.new.lock() else { return };
        let Some(new) = guard.as_mut() else { return };
        if new.at + bytes.len() as u64 > LIMIT {
            return;
        }
        if new.file.write_all(bytes).is_err() {
            // A pack that could not be written whole is not used: the build goes on.
            *guard = None;
            return;
        }
        new.index.push((*key, (new.at, bytes.len() as u32, sum)));
        new.at += bytes.len() as u64;
    }
}

impl<V: Send> Remember<V> for Pack<V> {
    fn remember(&self, key: blake3::Hash, make: &dyn Fn() -> V) -> V {
        let key = *key.as_bytes();
        if let Some(bytes) = self.read_old(&key) {
            if let Some(value) = (self.decode)(&bytes) {
                self.keep(&key, &bytes);
                self.reused.fetch_add(1, Ordering::Relaxed);
                return value;
            }
        }
        let value = make();
        self.made.fetch_add(1, Ordering::Relaxed);
        if let Some(bytes) = (self.encode)(&value) {
            self.keep(&key, &bytes);
        }
        value
    }
}

/// The header: the format and the program (a rebuilt loa may make other bytes).
fn header() -> Vec<u8> {
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(program_stamp().unwrap_or_default().as_bytes());
    header.push(b'\n');
    header
}

/// Reads `buf.len()` bytes at `at`, from many threads at once.
#[cfg(unix)]
fn read_at(file: &fs::File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &fs::File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, at)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

/// The index of a pack this program wrote, or `None`.
fn read_index(mut file: fs::File) -> io::Result<Option<Old>> {
    let expected = header();
    let mut start = vec![0; expected.len()];
    file.read_exact(&mut start)?;
    let size = file.metadata()?.len();
    let tail = (8 + 16 + END.len()) as u64;
    if start != expected || size < expected.len() as u64 + tail {
        return Ok(None);
    }
    let mut footer = vec![0; tail as usize];
    file.seek(SeekFrom::Start(size - tail))?;
    file.read_exact(&mut footer)?;
    let count = u64::from_le_bytes(footer[..8].try_into().unwrap_or_default());
    let sum = u128::from_le_bytes(footer[8..24].try_into().unwrap_or_default());
    let Some(length) = count.checked_mul(60).filter(|l| *l <= size - tail) else { return Ok(None) };
    if &footer[24..] != END {
        return Ok(None);
    }
    let mut index = vec![0; length as usize];
    file.seek(SeekFrom::Start(size - tail - length))?;
    file.read_exact(&mut index)?;
    if short(&blake3::hash(&index)) != sum {
        return Ok(None);
    }
    let entries = index
        .chunks_exact(60)
        .map(|e| {
            let mut key = [0; 32];
            key.copy_from_slice(&e[..32]);
            let at = u64::from_le_bytes(e[32..40].try_into().unwrap_or_default());
            let len = u32::from_le_bytes(e[40..44].try_into().unwrap_or_default());
            let sum = u128::from_le_bytes(e[44..60].try_into().unwrap_or_default());
            (key, (at, len, sum))
        })
        // An entry said to lie beyond the file is not read (nor memory set aside for it).
        .filter(|(_, (at, len, _))| at.checked_add(u64::from(*len)).is_some_and(|end| end <= size))
        .collect();
    Ok(Some(Old { file, index: entries }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(dir: &Path) -> Pack<String> {
        Pack::open(
            dir,
            "words",
            |v: &String| Some(v.as_bytes().to_vec()),
            |b| String::from_utf8(b.to_vec()).ok(),
        )
        .unwrap()
    }

    #[test]
    fn values_come_back_from_the_last_pack_and_a_damaged_one_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (blake3::hash(b"a"), blake3::hash(b"b"));
        let first = pack(dir.path());
        assert_eq!(first.remember(a, &|| "một".to_string()), "một");
        assert_eq!(first.remember(b, &|| "hai".to_string()), "hai");
        assert_eq!(first.counts(), (0, 2));
        first.finish().unwrap();

        let second = pack(dir.path());
        assert_eq!(second.remember(a, &|| unreachable!("kept")), "một");
        assert_eq!(second.counts(), (1, 0));
        // `b` was not used: the next pack drops it.
        second.finish().unwrap();
        let third = pack(dir.path());
        assert_eq!(third.remember(b, &|| "hai lại".to_string()), "hai lại");
        third.finish().unwrap();

        // A changed byte in an entry: made again, not used.
        let file = dir.path().join("words");
        let mut bytes = fs::read(&file).unwrap();
        let at = bytes.windows(3).position(|w| w == "hai".as_bytes()).unwrap();
        bytes[at] = b'X';
        fs::write(&file, &bytes).unwrap();
        let fourth = pack(dir.path());
        assert_eq!(fourth.remember(b, &|| "làm lại".to_string()), "làm lại");
        assert_eq!(fourth.counts(), (0, 1));
        drop(fourth);
        // A pack left unfinished (a failed build) leaves the last one in place.
        assert_eq!(fs::read(&file).unwrap(), bytes);

        // Cut short: not used at all.
        fs::write(&file, &bytes[..bytes.len() - 5]).unwrap();
        let fifth = pack(dir.path());
        assert_eq!(fifth.remember(a, &|| "mới".to_string()), "mới");
    }
}
