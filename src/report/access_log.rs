//! Reach from web-server access logs: nginx and Apache `combined` and `common` lines,
//! plain or gzip, streamed a chunk at a time through a few reader threads, so memory
//! stays bounded whatever the log's size.
//!
//! Every line lands in exactly one count of [`LogStats`], tested in this order:
//! malformed, outside the period, outside the site's base path, HEAD, another method,
//! an answer other than 2xx or 304, a bot's user agent (except for feeds and oEmbed,
//! which programs read by design); what is left is counted for an explainer or a feed,
//! or as one of the site's other files.
//!
//! Privacy: addresses and user agents are only hashed (with a key made for the run and
//! never written) to count distinct readers and to remember which agents are bots;
//! query strings are cut off before a path is looked at; of a Referer only the host is
//! kept. Malformed lines are quoted through `log_line::mask`.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use rustc_hash::FxBuildHasher;

use super::bots::{Bots, Remembered};
use super::distinct::Distinct;
use super::log_line::{inside, mask, parse, partner_host, OTHER_HOST};
pub use super::log_reader::Unreadable;
use super::log_reader::{read_file, Chunk, OVERLONG};
use super::model::{LogStats, Views};
use super::period::Period;

/// Bytes handed to a reader thread at a time.
const CHUNK: usize = 1 << 20;
/// Chunks in flight: with the ones being read, what bounds the memory for lines.
const IN_FLIGHT: usize = 4;
/// Partner hosts a reader thread keeps per explainer (the rest go under [`OTHER_HOST`]);
/// the report keeps the [`HOSTS_SHOWN`] with most views once the threads' counts are
/// added up, so which hosts are shown never depends on which thread read which chunk.
const HOSTS_PER_THREAD: usize = 1024;
pub const HOSTS_SHOWN: usize = 64;
/// Malformed lines quoted in the report's messages.
const QUOTED: usize = 3;

/// What a request for a file of an explainer counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Portal,
    Embed,
    OEmbed,
    Broadcast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Page index, and which of its files.
    Explainer(u32, Hit),
    /// Index into the inventory's feeds.
    Feed(u32),
}

/// The site's files that count, by path inside the site, and where the site lives.
pub struct Targets {
    base_path: Vec<u8>,
    map: HashMap<Box<[u8]>, Target, FxBuildHasher>,
    explainers: usize,
    feeds: usize,
}

impl Targets {
    /// `explainers` pages and `feeds` feeds, of which `entries` name the files that count.
    pub fn new(base_path: &str, explainers: usize, feeds: usize, entries: Vec<(String, Target)>) -> Targets {
        let mut map = HashMap::with_capacity_and_hasher(entries.len(), FxBuildHasher);
        for (path, target) in entries {
            map.entry(path.into_bytes().into_boxed_slice()).or_insert(target);
        }
        Targets { base_path: base_path.as_bytes().to_vec(), map, explainers, feeds }
    }
}

/// Counts for one explainer.
#[derive(Debug, Clone, Default)]
pub struct ExplainerReach {
    pub views: Views,
    /// Embed views by Referer host (`""`: none).
    pub partners: Vec<(Box<str>, u64)>,
    /// Distinct (reader, day) pairs among portal and embed views.
    pub readers: Distinct,
}

/// A malformed line, quoted with everything personal masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    pub file: PathBuf,
    pub line: u64,
    pub text: String,
}

/// What one file held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileLines {
    pub lines: u64,
    pub malformed: u64,
    pub outside_period: u64,
}

/// Everything the access logs said about the site.
pub struct Reach {
    pub explainers: Vec<ExplainerReach>,
    /// Portal and embed views on each day of the period.
    pub daily: Vec<(u64, u64)>,
    pub feeds: Vec<u64>,
    pub stats: LogStats,
    pub quoted: Vec<Quoted>,
    pub unreadable: Vec<Unreadable>,
    /// Files named twice (the same file on disk): read once.
    pub repeated: Vec<PathBuf>,
    /// Lines per file given, in order (zero for a file not read).
    pub per_file: Vec<FileLines>,
}

/// Reads every log in `files` and counts what concerns the site.
pub fn read_logs(files: &[PathBuf], targets: &Targets, period: &Period, bots: &Bots) -> Reach {
    let keyed = RandomState::new();
    let days = period.day_numbers();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
    let (to_workers, from_reader) = sync_channel::<Chunk>(IN_FLIGHT);
    let (to_reader, spare) = sync_channel::<Vec<u8>>(IN_FLIGHT + workers + 1);
    let from_reader = Arc::new(Mutex::new(from_reader));

    let mut stats = LogStats::default();
    let mut unreadable = Vec::new();
    let mut repeated = Vec::new();
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let from_reader = Arc::clone(&from_reader);
                let to_reader = to_reader.clone();
                let keyed = keyed.clone();
                scope.spawn(move || {
                    let mut tally = Tally::new(targets, days, files.len(), keyed.clone(), bots);
                    let ctx = Context { targets, days, keyed };
                    while let Some(chunk) = next_chunk(&from_reader) {
                        tally.chunk(&ctx, &chunk);
                        // The reader may have stopped wanting buffers back.
                        let _ = to_reader.try_send(chunk.data);
                    }
                    tally
                })
            })
            .collect();
        drop(to_reader);
        let mut seen = HashSet::new();
        for (index, file) in files.iter().enumerate() {
            let identity = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
            if !seen.insert(identity) {
                repeated.push(file.clone());
                continue;
            }
            match read_file(file, index, CHUNK, &to_workers, &spare) {
                Ok(()) => stats.files += 1,
                Err(problem) => {
                    stats.files += u64::from(problem.lines > 0);
                    unreadable.push(problem);
                }
            }
        }
        drop(to_workers);
        // A worker that panicked is a bug in loa: the report would be short, so stop.
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });

    let mut total = Tally::new(targets, days, files.len(), keyed, bots);
    for tally in tallies {
        total.absorb(tally);
    }
    stats.add(&total.stats);
    total.quoted.sort_by_key(|q| (q.0, q.1));
    let quoted = total
        .quoted
        .into_iter()
        .take(QUOTED)
        .map(|(file, line, text)| Quoted { file: files[file].clone(), line, text })
        .collect();
    for reach in &mut total.explainers {
        keep_top_hosts(&mut reach.partners);
    }
    Reach {
        per_file: total.per_file,
        explainers: total.explainers,
        daily: total.daily,
        feeds: total.feeds,
        stats,
        quoted,
        unreadable,
        repeated,
    }
}

fn next_chunk(from_reader: &Mutex<Receiver<Chunk>>) -> Option<Chunk> {
    crate::lock(from_reader).recv().ok()
}

/// What a reader thread needs besides its own counts.
struct Context<'a> {
    targets: &'a Targets,
    /// First and last day of the period, as days since 1970 in Vietnam time.
    days: (i64, i64),
    keyed: RandomState,
}

/// One reader thread's counts.
struct Tally<'a> {
    per_file: Vec<FileLines>,
    explainers: Vec<ExplainerReach>,
    daily: Vec<(u64, u64)>,
    feeds: Vec<u64>,
    stats: LogStats,
    /// The first malformed lines this thread met: (file, line, masked text).
    quoted: Vec<(usize, u64, String)>,
    bots: Remembered<'a>,
}

impl<'a> Tally<'a> {
    fn new(
        targets: &Targets,
        days: (i64, i64),
        files: usize,
        keyed: RandomState,
        bots: &'a Bots,
    ) -> Tally<'a> {
        Tally {
            per_file: vec![FileLines::default(); files],
            explainers: vec![ExplainerReach::default(); targets.explainers],
            daily: vec![(0, 0); (days.1 - days.0 + 1).max(0) as usize],
            feeds: vec![0; targets.feeds],
            stats: LogStats::default(),
            quoted: Vec::new(),
            bots: Remembered::new(bots, keyed),
        }
    }

    fn chunk(&mut self, ctx: &Context, chunk: &Chunk) {
        let lines = chunk.data.split_inclusive(|&b| b == b'\n');
        for (number, raw) in (chunk.first_line..).zip(lines) {
            let line = raw.strip_suffix(b"\n").unwrap_or(raw);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            self.stats.lines += 1;
            self.per_file[chunk.file].lines += 1;
            self.line(ctx, line, chunk.file, number);
        }
    }

    fn line(&mut self, ctx: &Context, text: &[u8], file: usize, number: u64) {
        // An overlong line arrives as a stand-in starting with a NUL byte.
        let Some(line) = parse(text).filter(|_| text.first() != Some(&OVERLONG)) else {
            self.stats.malformed += 1;
            self.per_file[file].malformed += 1;
            self.quote(file, number, text.strip_prefix(&[OVERLONG]).unwrap_or(text));
            return;
        };
        if line.day < ctx.days.0 || line.day > ctx.days.1 {
            self.stats.outside_period += 1;
            self.per_file[file].outside_period += 1;
            return;
        }
        let Some(path) = line.path else {
            self.stats.not_ok += 1;
            return;
        };
        let Some(rel) = inside(&ctx.targets.base_path, path) else {
            self.stats.other_paths += 1;
            return;
        };
        match line.method {
            b"GET" => {}
            b"HEAD" => {
                self.stats.head += 1;
                return;
            }
            _ => {
                self.stats.other_methods += 1;
                return;
            }
        }
        if !(200..300).contains(&line.status) && line.status != 304 {
            self.stats.not_ok += 1;
            return;
        }
        let decoded;
        let rel = if rel.contains(&b'%') {
            decoded = crate::text::percent_decode(&String::from_utf8_lossy(rel)).into_bytes();
            &decoded[..]
        } else {
            rel
        };
        let target = ctx.targets.map.get(rel).copied();
        // Feeds and oEmbed answers are read by programs (feed readers, partners' content
        // systems) by design: they count whoever fetched them. Views are people's.
        let for_programs = matches!(target, Some(Target::Feed(_) | Target::Explainer(_, Hit::OEmbed)));
        let agent = line.user_agent.map(|ua| self.bots.classify(ua));
        if !for_programs && agent.is_some_and(|a| a.bot) {
            self.stats.bots += 1;
            return;
        }
        match target {
            None => self.stats.other_files += 1,
            Some(Target::Feed(i)) => {
                self.stats.counted += 1;
                self.feeds[i as usize] += 1;
            }
            Some(Target::Explainer(i, hit)) => {
                self.stats.counted += 1;
                let reach = &mut self.explainers[i as usize];
                match hit {
                    Hit::Portal => {
                        reach.views.portal += 1;
                        self.daily[(line.day - ctx.days.0) as usize].0 += 1;
                    }
                    Hit::Embed => {
                        reach.views.embed += 1;
                        self.daily[(line.day - ctx.days.0) as usize].1 += 1;
                        add_partner(&mut reach.partners, &partner_host(line.referer), 1);
                    }
                    Hit::OEmbed => reach.views.oembed += 1,
                    Hit::Broadcast => reach.views.broadcast_downloads += 1,
                }
                if matches!(hit, Hit::Portal | Hit::Embed) {
                    // The agent's keyed hash stands in for the agent itself.
                    let reader = ctx.keyed.hash_one((line.address, agent.map(|a| a.hash), line.day));
                    reach.readers.insert(reader);
                }
            }
        }
    }

    fn quote(&mut self, file: usize, number: u64, text: &[u8]) {
        let key = (file, number);
        if self.quoted.len() >= QUOTED && self.quoted.iter().all(|q| (q.0, q.1) < key) {
            return;
        }
        self.quoted.push((file, number, mask(text)));
        self.quoted.sort_by_key(|q| (q.0, q.1));
        self.quoted.truncate(QUOTED);
    }

    fn absorb(&mut self, other: Tally) {
        for (mine, theirs) in self.per_file.iter_mut().zip(other.per_file) {
            mine.lines += theirs.lines;
            mine.malformed += theirs.malformed;
            mine.outside_period += theirs.outside_period;
        }
        for (mine, theirs) in self.explainers.iter_mut().zip(other.explainers) {
            mine.views.add(&theirs.views);
            for (host, n) in &theirs.partners {
                add_partner(&mut mine.partners, host, *n);
            }
            mine.readers.merge(&theirs.readers);
        }
        for (mine, theirs) in self.feeds.iter_mut().zip(other.feeds) {
            *mine += theirs;
        }
        for (mine, theirs) in self.daily.iter_mut().zip(other.daily) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
        }
        self.stats.add(&other.stats);
        self.quoted.extend(other.quoted);
    }
}

fn add_partner(partners: &mut Vec<(Box<str>, u64)>, host: &str, n: u64) {
    if let Some(entry) = partners.iter_mut().find(|(h, _)| &**h == host) {
        entry.1 += n;
    } else if partners.len() < HOSTS_PER_THREAD || host == OTHER_HOST {
        partners.push((host.into(), n));
    } else {
        add_partner(partners, OTHER_HOST, n);
    }
}

/// The [`HOSTS_SHOWN`] hosts with most views (then by name) and "opened directly" kept;
/// the others added to [`OTHER_HOST`].
fn keep_top_hosts(partners: &mut Vec<(Box<str>, u64)>) {
    let named = partners.iter().filter(|(h, _)| !h.is_empty() && &**h != OTHER_HOST).count();
    if named <= HOSTS_SHOWN {
        return;
    }
    partners.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut kept = Vec::new();
    let mut other = 0;
    let mut shown = 0;
    for (host, n) in partners.drain(..) {
        if host.is_empty() {
            kept.push((host, n));
        } else if &*host != OTHER_HOST && shown < HOSTS_SHOWN {
            shown += 1;
            kept.push((host, n));
        } else {
            other += n;
        }
    }
    kept.push((OTHER_HOST.into(), other));
    *partners = kept;
}
