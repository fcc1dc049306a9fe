//! `loa deploy`: the built site (`public/`) to the portal's server or storage, sending
//! only what changed, switching all at once where the target allows it, keeping
//! releases to roll back to, and recording each deploy in the site's deploy log.
//!
//! Deploy reads files, never the site's pages: the plan is a pure function of two
//! manifests (see [`plan`]); each kind of target does only transport and the switch.

pub mod dir;
pub mod log;
pub mod manifest;
pub mod plan;
pub mod releases;
pub mod s3;
pub mod ssh;

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::config::deploy::{DeployKind, DeployTarget};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{DeployMessage, Message};
use log::DeployRecord;
use manifest::Manifest;
use plan::Plan;
use releases::TargetState;

/// What `loa deploy` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct DeployOptions {
    pub root: PathBuf,
    pub target: Option<String>,
    pub dry_run: bool,
    /// Go ahead without asking, also past the `max_deletes` guard.
    pub yes: bool,
    pub list: bool,
    /// `--rollback` (to the release before the live one) or `--rollback NAME`.
    pub rollback: Option<Option<String>>,
}

/// How it went.
#[derive(Debug)]
pub enum Outcome {
    Listed { place: String, state: TargetState },
    WouldSend { place: String, counts: Counts },
    WouldChangeNothing { place: String },
    AlreadyLive { place: String, release: String },
    Deployed { place: String, record: DeployRecord, seconds: f64, log_failure: Option<Diagnostic> },
    RolledBack { place: String, record: DeployRecord, log_failure: Option<Diagnostic> },
    Cancelled,
}

/// What a finished deploy says (the command line and the editor's button alike).
pub fn deployed(place: String, record: DeployRecord, seconds: f64) -> Message {
    Message::Deploy(DeployMessage::Deployed {
        place,
        release: record.release,
        send: record.files_sent as usize,
        bytes: record.bytes_sent,
        unchanged: record.files_unchanged as usize,
        delete: record.files_deleted as usize,
        seconds,
    })
}

/// Files to send, keep and delete, and the bytes to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub send: usize,
    pub unchanged: usize,
    pub delete: usize,
    pub bytes: u64,
}

impl Counts {
    pub fn of(plan: &Plan) -> Counts {
        Counts {
            send: plan.send.len(),
            unchanged: plan.unchanged.len(),
            delete: plan.delete.len(),
            bytes: plan.bytes,
        }
    }
}

/// A target that keeps whole releases and switches between them (`dir`, `ssh`).
pub trait ReleaseTarget {
    /// How the target is named in messages: a folder, or `host:folder`.
    fn place(&self) -> String;
    fn state(&mut self) -> Result<TargetState, Diagnostic>;
    fn manifest(&mut self, release: &str) -> Result<Option<Manifest>, Diagnostic>;
    /// Puts the build into the target's incoming release, complete; nothing goes live.
    fn put(
        &mut self,
        source: &Path,
        build: &Manifest,
        plan: &Plan,
        live: Option<&str>,
    ) -> Result<(), Diagnostic>;
    /// Checks the incoming release against `build`, names it `name`, makes it live and
    /// removes the releases in `remove`.
    fn commit(&mut self, name: &str, build: &Manifest, remove: &[String]) -> Result<(), Diagnostic>;
    /// Makes the kept release `name` live.
    fn switch(&mut self, name: &str, remove: &[String]) -> Result<(), Diagnostic>;
}

/// The folder `loa deploy` sends: the default output of `loa build`.
pub fn source_dir(root: &Path) -> PathBuf {
    root.join("public")
}

/// Runs `loa deploy` after the build. `confirm` is asked before anything is sent and
/// answers whether to go on.
pub fn run(
    options: &DeployOptions,
    confirm: &mut dyn FnMut(&Message) -> bool,
) -> Result<Outcome, Diagnostics> {
    let (config, diagnostics) = SiteConfig::load(&options.root);
    let Some(config) = config else { return Err(diagnostics) };
    let target = choose_target(&config.deploy, options.target.as_deref())?;
    let one = |d: Diagnostic| Diagnostics::from(d);
    if target.kind == DeployKind::S3 {
        return s3::run(target, options, confirm).map_err(one);
    }
    let lock = !(options.list || options.dry_run);
    let mut opened: Box<dyn ReleaseTarget> = match target.kind {
        DeployKind::Dir => {
            let path = crate::config::deploy::dir_path(target, &options.root);
            refuse_inside_site(&path, &options.root).map_err(one)?;
            Box::new(dir::DirTarget::open(&path, lock).map_err(one)?)
        }
        _ => Box::new(ssh::SshTarget::open(target, &options.root, lock).map_err(one)?),
    };
    if options.list {
        let state = opened.state().map_err(one)?;
        return Ok(Outcome::Listed { place: opened.place(), state });
    }
    match &options.rollback {
        Some(wanted) => rollback(opened.as_mut(), target, options, wanted.as_deref()).map_err(one),
        None => deploy(opened.as_mut(), target, options, confirm).map_err(one),
    }
}

pub fn choose_target<'a>(
    targets: &'a [DeployTarget],
    name: Option<&str>,
) -> Result<&'a DeployTarget, Diagnostics> {
    if targets.is_empty() {
        let d = Diagnostic::error(Message::Deploy(DeployMessage::NoTargets))
            .in_file(crate::config::CONFIG_FILE)
            .help(Message::Deploy(DeployMessage::HelpAddTarget));
        return Err(d.into());
    }
    crate::config::deploy::find(targets, name).ok_or_else(|| {
        let known: Vec<String> = targets.iter().map(|t| t.name.clone()).collect();
        let wanted = name.unwrap_or_default().to_string();
        let names: Vec<&str> = known.iter().map(String::as_str).collect();
        let mut d = Diagnostic::error(Message::Deploy(DeployMessage::UnknownTarget {
            name: wanted.clone(),
            known: known.clone(),
        }));
        if let Some(s) = crate::text::closest(&wanted, &names, 3) {
            d = d.help(Message::DidYouMean { suggestion: s.to_string() });
        }
        d.into()
    })
}

/// The build's manifest, once the build is known to have finished.
pub fn scan_build(root: &Path) -> Result<(PathBuf, Manifest), Diagnostic> {
    let source = source_dir(root);
    if !source.join(crate::publish::MARKER).is_file() {
        return Err(Diagnostic::error(Message::Deploy(DeployMessage::NoBuild { path: source }))
            .help(Message::Deploy(DeployMessage::HelpBuildFirst)));
    }
    let manifest = Manifest::scan(&source)?;
    Ok((source, manifest))
}

fn deploy(
    target: &mut dyn ReleaseTarget,
    config: &DeployTarget,
    options: &DeployOptions,
    confirm: &mut dyn FnMut(&Message) -> bool,
) -> Result<Outcome, Diagnostic> {
    let started = Instant::now();
    let (source, build) = scan_build(&options.root)?;
    let place = target.place();
    let state = target.state()?;
    let live = match &state.live {
        Some(live) => target.manifest(live)?.unwrap_or_default(),
        None => Manifest::default(),
    };
    let plan = plan::plan(&build, &live);
    let fingerprint = build.fingerprint();
    let live_is_build = state.live.is_some() && plan.is_empty() && live.fingerprint() == fingerprint;
    if options.dry_run {
        return Ok(if live_is_build {
            Outcome::WouldChangeNothing { place }
        } else {
            Outcome::WouldSend { place, counts: Counts::of(&plan) }
        });
    }
    if live_is_build {
        return Ok(Outcome::AlreadyLive { place, release: state.live.unwrap_or_default() });
    }
    let counts = Counts::of(&plan);
    if !confirmed(options, confirm, &place, counts) {
        return Ok(Outcome::Cancelled);
    }
    let name = state.new_name(jiff::Timestamp::now(), &fingerprint);
    target.put(&source, &build, &plan, state.live.as_deref())?;
    test_halt("before-switch");
    target.commit(&name, &build, &state.to_remove(&name, config.keep))?;
    let record = record(config, "deploy", &name, &fingerprint, counts);
    let log_failure = write_log(&options.root, &record);
    Ok(Outcome::Deployed { place, record, seconds: started.elapsed().as_secs_f64(), log_failure })
}

fn rollback(
    target: &mut dyn ReleaseTarget,
    config: &DeployTarget,
    options: &DeployOptions,
    wanted: Option<&str>,
) -> Result<Outcome, Diagnostic> {
    let place = target.place();
    let state = target.state()?;
    if state.live.is_none() {
        return Err(Diagnostic::error(Message::Deploy(DeployMessage::NothingLive { place })));
    }
    let chosen = state.rollback_to(wanted).map_err(|unknown| match unknown {
        Some(release) => Diagnostic::error(Message::Deploy(DeployMessage::UnknownRelease {
            release: release.to_string(),
            known: state.names(),
        })),
        None => Diagnostic::error(Message::Deploy(DeployMessage::NoEarlierRelease { place: place.clone() })),
    })?;
    let name = chosen.name.clone();
    if state.live.as_deref() == Some(name.as_str()) {
        return Ok(Outcome::AlreadyLive { place, release: name });
    }
    target.switch(&name, &[])?;
    let fingerprint = name.rsplit_once('-').map_or("", |(_, f)| f).to_string();
    let files = chosen.totals.map_or(0, |t| t.files);
    let counts = Counts { send: 0, unchanged: files, delete: 0, bytes: 0 };
    let record = record(config, "rollback", &name, &fingerprint, counts);
    let log_failure = write_log(&options.root, &record);
    Ok(Outcome::RolledBack { place, record, log_failure })
}

/// The log line of a deploy or rollback that just finished.
pub fn record(
    config: &DeployTarget,
    action: &str,
    release: &str,
    fingerprint: &str,
    counts: Counts,
) -> DeployRecord {
    let (user, host) = log::who();
    DeployRecord {
        time: jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        target: config.name.clone(),
        kind: config.kind.name().to_string(),
        action: action.to_string(),
        release: release.to_string(),
        fingerprint: fingerprint.to_string(),
        files_sent: counts.send as u64,
        files_unchanged: counts.unchanged as u64,
        files_deleted: counts.delete as u64,
        bytes_sent: counts.bytes,
        user,
        host,
    }
}

pub fn write_log(root: &Path, record: &DeployRecord) -> Option<Diagnostic> {
    log::append(root, record).err().map(|e| {
        Diagnostic::warning(Message::Deploy(DeployMessage::LogFailed {
            path: log::path(root),
            detail: e.to_string(),
        }))
    })
}

/// A `dir` target inside the site's own folder (its content, its output) would be read
/// as content or wiped by the next build: refused before anything is written.
fn refuse_inside_site(target: &Path, root: &Path) -> Result<(), Diagnostic> {
    let real = |p: &Path| {
        // The nearest folder that exists, made absolute, with what is not there yet.
        let mut existing = p.to_path_buf();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut full = std::fs::canonicalize(&existing).unwrap_or(existing);
        full.extend(rest.iter().rev());
        full
    };
    let (target, root) = (real(target), real(root));
    if target.starts_with(&root) || root.starts_with(&target) {
        return Err(Diagnostic::error(Message::Deploy(DeployMessage::TargetInsideSite {
            place: target.display().to_string(),
        }))
        .help(Message::Deploy(DeployMessage::HelpTargetForeign)));
    }
    Ok(())
}

/// Whether to go on: `--yes`, or the answer to the question (asked on a terminal only).
pub(crate) fn confirmed(
    options: &DeployOptions,
    confirm: &mut dyn FnMut(&Message) -> bool,
    place: &str,
    counts: Counts,
) -> bool {
    let question = DeployMessage::Confirm {
        place: place.to_string(),
        send: counts.send,
        bytes: counts.bytes,
        delete: counts.delete,
    };
    options.yes || confirm(&Message::Deploy(question))
}

/// For the tests that kill a deploy at a known point: with `LOA_TEST_HALT` set to
/// `point`, the deploy says so on standard error and waits there to be killed.
pub fn test_halt(point: &str) {
    if std::env::var("LOA_TEST_HALT").is_ok_and(|p| p == point) {
        eprintln!("loa: halted at {point}");
        loop {
            std::thread::park();
        }
    }
}
