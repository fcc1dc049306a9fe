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
//! kept. Malformed lines are quoted with the address, query strings and quoted fields
//! masked.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use memchr::memchr;
use rustc_hash::FxBuildHasher;

use super::bots::{Bots, Remembered};
use super::distinct::Distinct;
use super::model::{LogStats, Views};
use super::period::{days_from_civil, Period};

/// Bytes handed to a reader thread at a time.
const CHUNK: usize = 1 << 20;
/// Chunks in flight: with the ones being read, what bounds the memory for lines.
const IN_FLIGHT: usize = 4;
/// Partner hosts kept per explainer; the rest are counted under [`OTHER_HOST`].
const HOSTS_PER_EXPLAINER: usize = 64;
/// Malformed lines quoted in the report's messages.
const QUOTED: usize = 3;

/// The partner key of embed views whose Referer names no usable host (an address, a
/// malformed URL, or one host too many for an explainer).
pub const OTHER_HOST: &str = "*";

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
    pub fn new(base_path: &str, entries: Vec<(String, Target)>) -> Targets {
        let mut explainers = 0;
        let mut feeds = 0;
        let mut map = HashMap::with_capacity_and_hasher(entries.len(), FxBuildHasher);
        for (path, target) in entries {
            match target {
                Target::Explainer(i, _) => explainers = explainers.max(i as usize + 1),
                Target::Feed(i) => feeds = feeds.max(i as usize + 1),
            }
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

/// A log that could not be read to its end.
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub file: PathBuf,
    pub detail: String,
    /// Lines read before the problem (counted as usual).
    pub lines: u64,
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
                    let mut tally = Tally::new(targets, days, keyed.clone(), bots);
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
            match read_file(file, index, &to_workers, &spare) {
                Ok(()) => stats.files += 1,
                Err(problem) => {
                    stats.files += u64::from(problem.lines > 0);
                    unreadable.push(problem);
                }
            }
        }
        drop(to_workers);
        // A worker that panicked is a bug in loa; its counts are lost with it.
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });

    let mut total = Tally::new(targets, days, keyed, bots);
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
    Reach {
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

/// Whole lines of one file, with the number of the first.
struct Chunk {
    file: usize,
    first_line: u64,
    data: Vec<u8>,
}

/// Reads `file` (gzip or plain, told by its first bytes) and sends it on in chunks of
/// whole lines. A line longer than a chunk is counted as one malformed line.
fn read_file(
    file: &Path,
    index: usize,
    to_workers: &SyncSender<Chunk>,
    spare: &Receiver<Vec<u8>>,
) -> Result<(), Unreadable> {
    let problem =
        |e: std::io::Error, lines: u64| Unreadable { file: file.to_path_buf(), detail: e.to_string(), lines };
    let mut opened = std::fs::File::open(file).map_err(|e| problem(e, 0))?;
    let mut magic = [0u8; 2];
    let got = read_full(&mut opened, &mut magic).map_err(|e| problem(e, 0))?;
    let head = std::io::Cursor::new(magic[..got].to_vec());
    let mut source: Box<dyn Read> = if got == 2 && magic == [0x1f, 0x8b] {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, head.chain(opened))))
    } else {
        Box::new(head.chain(opened))
    };

    let mut line = 1u64;
    let mut carry: Vec<u8> = Vec::new();
    // Inside a line longer than a chunk: drop bytes up to its end.
    let mut overlong = false;
    loop {
        let mut buf = spare.try_recv().unwrap_or_else(|_| Vec::with_capacity(CHUNK + 4096));
        buf.clear();
        buf.append(&mut carry);
        // A damaged file (a gzip cut short) ends where it breaks: what came before counts.
        let (eof, broken) = match fill(&mut source, &mut buf, CHUNK) {
            Ok(eof) => (eof, None),
            Err(e) => (true, Some(e)),
        };
        if overlong {
            match memchr(b'\n', &buf) {
                Some(end) => {
                    buf.drain(..=end);
                    overlong = false;
                }
                None if !eof => continue,
                None => buf.clear(),
            }
        }
        let cut = if eof { buf.len() } else { memchr::memrchr(b'\n', &buf).map_or(0, |i| i + 1) };
        if cut == 0 && !eof {
            // No end of line in a whole chunk: one overlong, malformed line.
            let quoted = mask(&buf[..buf.len().min(200)]);
            let data = format!("{quoted}\n").into_bytes();
            let _ = to_workers.send(Chunk { file: index, first_line: line, data: overlong_marker(data) });
            line += 1;
            overlong = true;
            continue;
        }
        carry.extend_from_slice(&buf[cut..]);
        buf.truncate(cut);
        let lines = memchr::memchr_iter(b'\n', &buf).count() as u64
            + u64::from(eof && buf.last().is_some_and(|&b| b != b'\n'));
        if !buf.is_empty() {
            let chunk = Chunk { file: index, first_line: line, data: buf };
            if to_workers.send(chunk).is_err() {
                return Ok(());
            }
        }
        line += lines;
        if let Some(e) = broken {
            return Err(problem(e, line - 1));
        }
        if eof {
            return Ok(());
        }
    }
}

/// A stand-in line for an overlong one: starts with a byte no log line starts with, so
/// the parser counts it as malformed and quotes the masked start that follows.
fn overlong_marker(mut masked: Vec<u8>) -> Vec<u8> {
    masked.insert(0, 0);
    masked
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Reads until `buf` holds `want` bytes or the source ends; true at the end. Reads
/// into the buffer's spare room without clearing it first.
fn fill(source: &mut dyn Read, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    let missing = want.saturating_sub(buf.len());
    let got = source.take(missing as u64).read_to_end(buf)?;
    Ok(got < missing)
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
    explainers: Vec<ExplainerReach>,
    daily: Vec<(u64, u64)>,
    feeds: Vec<u64>,
    stats: LogStats,
    /// The first malformed lines this thread met: (file, line, masked text).
    quoted: Vec<(usize, u64, String)>,
    bots: Remembered<'a>,
}

impl<'a> Tally<'a> {
    fn new(targets: &Targets, days: (i64, i64), keyed: RandomState, bots: &'a Bots) -> Tally<'a> {
        Tally {
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
            self.line(ctx, line, chunk.file, number);
        }
    }

    fn line(&mut self, ctx: &Context, text: &[u8], file: usize, number: u64) {
        // An overlong line arrives as a masked stand-in starting with a NUL byte.
        let Some(line) = parse(text).filter(|_| text.first() != Some(&0)) else {
            self.stats.malformed += 1;
            self.quote(file, number, text);
            return;
        };
        if line.day < ctx.days.0 || line.day > ctx.days.1 {
            self.stats.outside_period += 1;
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
        let shown = match text.first() {
            // An overlong line arrives already masked (see `overlong_marker`).
            Some(0) => String::from_utf8_lossy(&text[1..]).into_owned(),
            _ => mask(text),
        };
        self.quoted.push((file, number, shown));
        self.quoted.sort_by_key(|q| (q.0, q.1));
        self.quoted.truncate(QUOTED);
    }

    fn absorb(&mut self, other: Tally) {
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
    } else if partners.len() < HOSTS_PER_EXPLAINER || host == OTHER_HOST {
        partners.push((host.into(), n));
    } else {
        add_partner(partners, OTHER_HOST, n);
    }
}

/// One line's fields, borrowed from it.
#[derive(Debug, PartialEq, Eq)]
struct Line<'a> {
    address: &'a [u8],
    /// Days since 1970 in Vietnam time.
    day: i64,
    method: &'a [u8],
    /// Without the query string; `None` when the request could not be read.
    path: Option<&'a [u8]>,
    status: u16,
    referer: Option<&'a [u8]>,
    user_agent: Option<&'a [u8]>,
}

/// `addr ident user [10/Oct/2026:13:55:36 +0700] "GET /p HTTP/1.1" 200 512 "ref" "ua"`;
/// the last two fields only in the combined format; anything after them is ignored.
fn parse(line: &[u8]) -> Option<Line<'_>> {
    let space = memchr(b' ', line)?;
    let address = &line[..space];
    if address.is_empty() {
        return None;
    }
    let open = space + memchr(b'[', &line[space..])?;
    let time = line.get(open + 1..open + 27)?;
    if line.get(open + 27) != Some(&b']') {
        return None;
    }
    let day = vietnam_day(time)?;
    let rest = line.get(open + 28..)?.strip_prefix(b" \"")?;
    let (request, rest) = quoted(rest)?;
    // A request the server could not read (`""`, `"-"`, TLS bytes) leaves its line whole:
    // it is an unsuccessful request, not a malformed line.
    let mut parts = request.split(|&b| b == b' ');
    let method = parts.next().unwrap_or_default();
    let target = parts.next().filter(|t| !method.is_empty() && !t.is_empty());
    let rest = rest.strip_prefix(b" ")?;
    let status = rest.get(..3)?;
    if !status.iter().all(u8::is_ascii_digit) || rest.get(3).is_some_and(|&b| b != b' ') {
        return None;
    }
    let status = status.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    let rest = rest.get(4..).unwrap_or_default();
    let bytes_end = memchr(b' ', rest).unwrap_or(rest.len());
    let sent = &rest[..bytes_end];
    if sent.is_empty() || !(sent == b"-" || sent.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    let (referer, user_agent) = match rest.get(bytes_end..).and_then(|r| r.strip_prefix(b" \"")) {
        Some(r) => {
            let (referer, r) = quoted(r)?;
            let (ua, _) = quoted(r.strip_prefix(b" \"")?)?;
            (Some(referer), Some(ua))
        }
        None => (None, None),
    };
    Some(Line { address, day, method, path: target.map(path_of), status, referer, user_agent })
}

/// The text up to the closing quote (Apache escapes quotes inside as `\"`, nginx as
/// `\x22`), and what follows the quote.
fn quoted(s: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut from = 0;
    loop {
        let at = from + memchr(b'"', &s[from..])?;
        let backslashes = s[..at].iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 0 {
            return Some((&s[..at], &s[at + 1..]));
        }
        from = at + 1;
    }
}

/// The path of a request target: an absolute URL's host dropped, the query string and
/// fragment cut off.
fn path_of(target: &[u8]) -> &[u8] {
    let mut t = target;
    for scheme in [&b"http://"[..], b"https://"] {
        if let Some(rest) = t.strip_prefix(scheme) {
            t = memchr(b'/', rest).map_or(&b"/"[..], |i| &rest[i..]);
        }
    }
    let end = t.iter().position(|&b| b == b'?' || b == b'#').unwrap_or(t.len());
    &t[..end]
}

/// The path inside the site, when `path` is under the base path (`/chuyen-doi-so` alone
/// is the home page too).
fn inside<'a>(base: &[u8], path: &'a [u8]) -> Option<&'a [u8]> {
    if let Some(rel) = path.strip_prefix(base) {
        return Some(rel);
    }
    (base.len() > 1 && path == &base[..base.len() - 1]).then_some(&b""[..])
}

/// `10/Oct/2026:13:55:36 +0700` → the calendar day in Vietnam (UTC+7), as days since 1970.
fn vietnam_day(t: &[u8]) -> Option<i64> {
    let num = |s: &[u8]| -> Option<i64> {
        s.iter().try_fold(0i64, |n, &d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
    };
    if t[2] != b'/' || t[6] != b'/' || t[11] != b':' || t[14] != b':' || t[17] != b':' || t[20] != b' ' {
        return None;
    }
    let day = num(&t[0..2])?;
    let month = match &t[3..6] {
        b"Jan" => 1,
        b"Feb" => 2,
        b"Mar" => 3,
        b"Apr" => 4,
        b"May" => 5,
        b"Jun" => 6,
        b"Jul" => 7,
        b"Aug" => 8,
        b"Sep" => 9,
        b"Oct" => 10,
        b"Nov" => 11,
        b"Dec" => 12,
        _ => return None,
    };
    let year = num(&t[7..11])?;
    let (hour, minute, second) = (num(&t[12..14])?, num(&t[15..17])?, num(&t[18..20])?);
    let sign = match t[21] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let offset = sign * (num(&t[22..24])? * 60 + num(&t[24..26])?);
    let days_in_month = [
        31,
        if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if day < 1 || day > days_in_month[month as usize - 1] || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let utc_minutes = days_from_civil(year, month, day) * 1440 + hour * 60 + minute - offset;
    Some((utc_minutes + 7 * 60).div_euclid(1440))
}

/// The partner a Referer names: its host in lower case, without `www.`, port or user;
/// `""` without a Referer; [`OTHER_HOST`] for an address or something unreadable.
fn partner_host(referer: Option<&[u8]>) -> String {
    let Some(r) = referer.filter(|r| !r.is_empty() && *r != b"-") else { return String::new() };
    let Some(scheme_end) = r.windows(3).position(|w| w == b"://") else { return OTHER_HOST.into() };
    let rest = &r[scheme_end + 3..];
    let authority =
        &rest[..rest.iter().position(|&b| b == b'/' || b == b'?' || b == b'#').unwrap_or(rest.len())];
    let host_port = authority.rsplit(|&b| b == b'@').next().unwrap_or(authority);
    let host = match host_port.iter().rposition(|&b| b == b':') {
        Some(i) if host_port[i + 1..].iter().all(u8::is_ascii_digit) => &host_port[..i],
        _ => host_port,
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix(b"www.").unwrap_or(&host);
    let is_name = !host.is_empty()
        && host.len() <= 253
        && host.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && host.iter().any(u8::is_ascii_alphabetic)
        && !host.starts_with(b".")
        && !host.starts_with(b"-");
    if !is_name {
        return OTHER_HOST.into();
    }
    String::from_utf8_lossy(host).into_owned()
}

/// A log line fit to be shown: the client address and anything else that looks like an
/// address masked, query strings cut, every quoted field after the request replaced by
/// `"…"`, control characters (terminal escapes) replaced, at most 120 characters.
pub fn mask(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(&line[..line.len().min(400)]);
    let mut out = String::new();
    let mut quotes_seen = 0;
    let mut in_quote = false;
    let mut in_query = false;
    for (n, token) in text.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        if n == 0 && !token.starts_with('"') {
            out.push_str("•••");
            continue;
        }
        let mut shown = String::new();
        for c in token.chars() {
            match c {
                '"' => {
                    if in_quote {
                        in_quote = false;
                        in_query = false;
                        if quotes_seen > 1 {
                            shown.push('…');
                        }
                        shown.push('"');
                    } else {
                        in_quote = true;
                        quotes_seen += 1;
                        shown.push('"');
                    }
                }
                _ if in_quote && quotes_seen > 1 => {}
                '?' => {
                    in_query = true;
                    shown.push_str("?…");
                }
                _ if in_query => {}
                // Control characters (terminal escapes among them) are shown as such.
                c if c.is_control() => shown.push('\u{FFFD}'),
                _ => shown.push(c),
            }
        }
        in_query = false;
        if looks_like_address(&shown) {
            shown = "•••".into();
        }
        out.push_str(&shown);
    }
    if out.chars().count() > 120 {
        out = out.chars().take(119).collect();
        out.push('…');
    }
    out
}

/// Four dotted numbers, or hex groups with two or more colons (IPv4, IPv6).
fn looks_like_address(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_ascii_hexdigit() && c != ':' && c != '.');
    let dotted = t.split('.').count() == 4
        && t.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let colons =
        t.matches(':').count() >= 2 && t.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    dotted || colons
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_and_common_lines_are_read_field_by_field() {
        let l = parse(br#"203.0.113.9 - - [15/Apr/2026:08:30:00 +0700] "GET /chuyen-doi-so/a/?utm=x HTTP/1.1" 200 5120 "https://www.baolangson.vn/bai" "Mozilla/5.0 \"quoted\"""#).unwrap();
        assert_eq!(l.address, b"203.0.113.9");
        assert_eq!(l.method, b"GET");
        assert_eq!(l.path, Some(&b"/chuyen-doi-so/a/"[..]));
        assert_eq!(l.status, 200);
        assert_eq!(l.referer, Some(&b"https://www.baolangson.vn/bai"[..]));
        assert_eq!(l.user_agent, Some(&br#"Mozilla/5.0 \"quoted\""#[..]));
        assert_eq!(l.day, days_from_civil(2026, 4, 15));
        let c =
            parse(br#"2001:db8::1 - bob [15/Apr/2026:08:30:00 +0700] "GET http://x.vn/p HTTP/1.0" 304 -"#)
                .unwrap();
        assert_eq!((c.path, c.status, c.referer, c.user_agent), (Some(&b"/p"[..]), 304, None, None));
        let unreadable =
            parse(br#"1.2.3.4 - - [15/Apr/2026:08:30:00 +0700] "\x16\x03\x01" 400 0 "-" "-""#).unwrap();
        assert_eq!((unreadable.path, unreadable.status), (None, 400));
        for bad in [
            &b""[..],
            b"garbage",
            b"1.2.3.4 - - [15/Apr/2026:08:30:00 +0700] \"GET /a HTTP/1.1\" 2000 1",
            b"1.2.3.4 - - [31/Apr/2026:08:30:00 +0700] \"GET /a HTTP/1.1\" 200 1",
            b"1.2.3.4 - - [15/Foo/2026:08:30:00 +0700] \"GET /a HTTP/1.1\" 200 1",
            b"1.2.3.4 - - [15/Apr/2026:08:30:00 +0700] \"GET /a HTTP/1.1",
        ] {
            assert!(parse(bad).is_none(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn times_count_on_the_vietnamese_calendar_day() {
        let day = |t: &str| vietnam_day(t.as_bytes()).unwrap();
        assert_eq!(day("14/Apr/2026:17:00:00 +0000"), days_from_civil(2026, 4, 15));
        assert_eq!(day("14/Apr/2026:16:59:59 +0000"), days_from_civil(2026, 4, 14));
        assert_eq!(day("15/Apr/2026:00:10:00 +0700"), days_from_civil(2026, 4, 15));
        assert_eq!(day("31/Dec/2025:20:00:00 -0500"), days_from_civil(2026, 1, 1));
        assert!(vietnam_day(b"29/Feb/2026:00:00:00 +0700").is_none());
        assert!(vietnam_day(b"29/Feb/2024:00:00:00 +0700").is_some());
    }

    #[test]
    fn partners_are_hosts_without_www_port_or_user() {
        let host = |r: &str| partner_host(Some(r.as_bytes()));
        assert_eq!(host("https://www.BaoLangSon.vn:443/tin/bai-1.html?id=3"), "baolangson.vn");
        assert_eq!(host("http://user:pw@langson.gov.vn/"), "langson.gov.vn");
        assert_eq!(host("android-app://com.zing.zalo/"), "com.zing.zalo");
        assert_eq!(host("-"), "");
        assert_eq!(partner_host(None), "");
        assert_eq!(host("http://203.0.113.7/embed"), OTHER_HOST);
        assert_eq!(host("http://[2001:db8::1]/"), OTHER_HOST);
        assert_eq!(host("<script>"), OTHER_HOST);
    }

    #[test]
    fn quoted_lines_show_no_address_query_or_user_agent() {
        let shown = mask(br#"203.0.113.9 - - [15/Apr/2026:08:30:00 +0700] "GET /a?token=secret HTTP/1.1" 200 1 "https://x.vn/?q=1" "Mozilla/5.0 (Secret UA)" 2001:db8::7"#);
        assert!(
            !shown.contains("203.0.113.9") && !shown.contains("secret") && !shown.contains("Secret UA"),
            "{shown}"
        );
        assert!(!shown.contains("2001:db8::7") && !shown.contains("q=1"), "{shown}");
        assert!(shown.contains("GET /a?…"), "{shown}");
        assert!(mask(&[b'x'; 1000]).chars().count() <= 120);
        assert!(!mask(b"garbage \x1b[31mred\x1b[0m \x07").chars().any(char::is_control));
    }
}
