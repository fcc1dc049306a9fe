//! Log files into chunks of whole lines: plain or gzip (told by the first bytes, not the
//! name), a chunk at a time, so memory stays flat whatever a file's size. Knows nothing
//! of what a line means.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender};

use memchr::memchr;

/// Whole lines of one file, with the number of the first.
pub(super) struct Chunk {
    pub file: usize,
    pub first_line: u64,
    pub data: Vec<u8>,
}

/// A log that could not be read to its end.
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub file: PathBuf,
    pub detail: String,
    /// Lines read before the problem (counted as usual).
    pub lines: u64,
}

/// A stand-in for a line longer than a chunk: a NUL byte (no log line starts with one)
/// and the start of the line, so the counter knows it is malformed and can quote it.
pub(super) const OVERLONG: u8 = 0;

/// Reads `file` and sends it on in chunks of whole lines of about `size` bytes, taking
/// empty buffers from `spare` when there are some. A line with no end within a whole
/// chunk is sent as one [`OVERLONG`] stand-in and the rest of it is skipped. A damaged
/// file (a gzip cut short) ends where it breaks: what came before counts.
pub(super) fn read_file(
    file: &Path,
    index: usize,
    size: usize,
    to_workers: &SyncSender<Chunk>,
    spare: &Receiver<Vec<u8>>,
) -> Result<(), Unreadable> {
    let problem =
        |e: std::io::Error, lines: u64| Unreadable { file: file.to_path_buf(), detail: describe(&e), lines };
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
        let mut buf = spare.try_recv().unwrap_or_else(|_| Vec::with_capacity(size + 4096));
        buf.clear();
        buf.append(&mut carry);
        let (eof, broken) = match fill(&mut source, &mut buf, size) {
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
            if buf.len() < size {
                // What is left after an overlong line's end: the start of the next line.
                carry = buf;
                continue;
            }
            // No end of line in a whole chunk: one overlong, malformed line.
            let mut stand_in = vec![OVERLONG];
            stand_in.extend_from_slice(&buf[..buf.len().min(200)]);
            stand_in.push(b'\n');
            if to_workers.send(Chunk { file: index, first_line: line, data: stand_in }).is_err() {
                return Ok(());
            }
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

/// An I/O error in the words of the message catalogue's languages where it is a common
/// one; the system's text otherwise.
fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không có tệp này (file not found)".into(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc (permission denied)".into(),
        std::io::ErrorKind::IsADirectory => "đây là thư mục (a folder)".into(),
        _ => e.to_string(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::sync_channel;

    /// The lines `read_file` hands on, with their numbers (overlong ones as `None`).
    fn lines_read(text: &[u8], size: usize) -> Vec<(u64, Option<Vec<u8>>)> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("access.log");
        std::fs::write(&file, text).unwrap();
        let (to_workers, chunks) = sync_channel(1 << 16);
        let (_spare_in, spare) = sync_channel(1);
        read_file(&file, 0, size, &to_workers, &spare).unwrap();
        drop(to_workers);
        let mut out = Vec::new();
        for chunk in chunks.iter() {
            for (n, l) in (chunk.first_line..).zip(chunk.data.split_inclusive(|&b| b == b'\n')) {
                let l = l.strip_suffix(b"\n").unwrap_or(l);
                out.push((n, (l.first() != Some(&OVERLONG)).then(|| l.to_vec())));
            }
        }
        out
    }

    #[test]
    fn lines_arrive_whole_and_numbered_across_chunk_boundaries_and_overlong_lines() {
        // Lines of every length around the chunk size, overlong ones among them, in many
        // orders: each arrives once, with its number.
        let size = 64;
        let mut seed = 7u64;
        for _ in 0..300 {
            let mut text = Vec::new();
            let mut expected: Vec<Vec<u8>> = Vec::new();
            for n in 0..(seed % 9 + 1) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let len = (seed >> 33) as usize % (3 * size);
                let line: Vec<u8> = (0..len).map(|i| b'a' + ((i as u64 + n) % 26) as u8).collect();
                text.extend_from_slice(&line);
                text.push(b'\n');
                expected.push(line);
            }
            let got = lines_read(&text, size);
            assert_eq!(got.len(), expected.len(), "{} lines", expected.len());
            for ((n, line), (i, want)) in got.iter().zip(expected.iter().enumerate()) {
                assert_eq!(*n, i as u64 + 1);
                // A line as long as a chunk or longer is overlong; every other arrives whole.
                match line {
                    Some(l) => assert_eq!(l, want, "line {n}"),
                    None => assert!(want.len() >= size, "line {n} of {} bytes called overlong", want.len()),
                }
            }
        }
        // A last line without its end of line counts too.
        assert_eq!(lines_read(b"a\nb", size), vec![(1, Some(b"a".to_vec())), (2, Some(b"b".to_vec()))]);
    }
}
