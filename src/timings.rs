//! Where a build's time went: per stage and per template, for `--timings`; and the
//! progress line an editor sees on a terminal during a long build.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Timings {
    /// Name, time taken, peak resident memory so far (bytes, where the system says).
    stages: Mutex<Vec<(&'static str, Duration, Option<u64>)>>,
    templates: Mutex<HashMap<String, (u32, Duration)>>,
    /// Lines said after the stages (`pictures: 3 made, 9 from the cache`).
    notes: Mutex<Vec<String>>,
    /// Show the stage being worked on (an interactive terminal only).
    progress: bool,
}

impl std::fmt::Debug for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Timings")
    }
}

impl Timings {
    /// With `progress`, each stage is announced on stderr when stderr is a terminal.
    pub fn new(progress: bool) -> Timings {
        Timings { progress: progress && std::io::stderr().is_terminal(), ..Default::default() }
    }

    /// Runs `f` as the stage `name`, timing it.
    pub fn stage<T>(&self, name: &'static str, f: impl FnOnce() -> T) -> T {
        if self.progress {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K… {name}");
            let _ = err.flush();
        }
        let started = Instant::now();
        let result = f();
        if let Ok(mut stages) = self.stages.lock() {
            stages.push((name, started.elapsed(), peak_memory()));
        }
        result
    }

    /// A line for the report, after the stages.
    pub fn note(&self, line: String) {
        if let Ok(mut notes) = self.notes.lock() {
            notes.push(line);
        }
    }

    pub fn template(&self, name: &str, took: Duration) {
        if let Ok(mut map) = self.templates.lock() {
            let entry = map.entry(name.to_string()).or_default();
            entry.0 += 1;
            entry.1 += took;
        }
    }

    /// Clears the progress line.
    pub fn done(&self) {
        if self.progress {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }

    /// The report: stages in order, then templates slowest first (total time; templates
    /// render in parallel, so their sum can exceed the wall time).
    pub fn report(&self) -> String {
        let mut out = String::from("stage                          time   peak memory\n");
        if let Ok(stages) = self.stages.lock() {
            for (name, took, peak) in stages.iter() {
                let peak = peak.map_or_else(|| "-".to_string(), |b| format!("{} MiB", b >> 20));
                out.push_str(&format!("{name:<28} {:>8.1} ms {peak:>10}\n", took.as_secs_f64() * 1000.0));
            }
        }
        if let Ok(notes) = self.notes.lock() {
            for line in notes.iter() {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push_str("\ntemplate                       renders      total    average\n");
        if let Ok(map) = self.templates.lock() {
            let mut rows: Vec<_> = map.iter().collect();
            rows.sort_by_key(|row| std::cmp::Reverse(row.1 .1));
            for (name, (count, total)) in rows {
                let avg = total.as_secs_f64() * 1000.0 / f64::from((*count).max(1));
                out.push_str(&format!(
                    "{name:<28} {count:>9} {:>8.1} ms {avg:>7.3} ms\n",
                    total.as_secs_f64() * 1000.0
                ));
            }
        }
        out
    }
}

/// The most memory the process has held so far (Linux: `VmHWM`; elsewhere unknown).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
