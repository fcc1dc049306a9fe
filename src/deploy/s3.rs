//! `s3` targets: S3-compatible object storage, through the object_store crate.
//!
//! Objects go live one by one, so the order keeps every link working: files at new paths
//! first, then changed files from assets to lists, deletions last (see [`super::plan`]);
//! a deploy that stops half-way is finished by the next one, which sends what still
//! differs. A file is sent when its MD5 differs from the ETag the storage reports (the
//! MD5 of an object stored in one piece) or its size does.
//!
//! Beside the site, under `<prefix>.loa/`, the storage keeps the lock (created only if
//! absent, refreshed while the deploy runs, taken over when its holder is gone), the
//! name of the live release and each release's manifest. Object storage keeps no old
//! files, so this machine keeps each release it sent (hard links into
//! `.loa/releases/<target>/` in the site's folder) to roll back to.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt as _;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Key;
use object_store::{
    Attribute, Attributes, ClientOptions, ObjectStore, ObjectStoreExt as _, PutMode, PutOptions, PutPayload,
    RetryConfig, UpdateVersion,
};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::manifest::{Entry, Manifest};
use super::plan::{self, Plan};
use super::releases::{self, Release, TargetState, MANIFEST_SUFFIX};
use super::{Counts, DeployOptions, Outcome};
use crate::config::deploy::DeployTarget;
use crate::diagnostics::Diagnostic;
use crate::messages::{DeployMessage, Message};

/// Uploads and deletions in flight at once.
const PARALLEL: usize = 8;
/// A lock not refreshed for this long belongs to a deploy that is gone.
const LOCK_STALE: Duration = Duration::from_secs(120);
const LOCK_REFRESH: Duration = Duration::from_secs(30);
/// The folder of loa's own objects, below the prefix.
const STATE: &str = ".loa/";

pub fn run(
    target: &DeployTarget,
    options: &DeployOptions,
    confirm: &mut dyn FnMut(&Message) -> bool,
) -> Result<Outcome, Diagnostic> {
    let bucket = Bucket::connect(target)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| bucket.failed(&e.to_string()))?;
    runtime.block_on(async {
        if options.list {
            let state = bucket.state().await?;
            return Ok(Outcome::Listed { place: bucket.place.clone(), state });
        }
        match &options.rollback {
            Some(wanted) => rollback(&bucket, target, options, wanted.as_deref()).await,
            None => {
                let (source, build) = super::scan_build(&options.root)?;
                let lock = if options.dry_run { None } else { Some(bucket.lock().await?) };
                let outcome = send(&bucket, target, options, confirm, &source, &build, None).await;
                if let Some(lock) = lock {
                    bucket.unlock(lock).await;
                }
                outcome
            }
        }
    })
}

async fn rollback(
    bucket: &Bucket,
    target: &DeployTarget,
    options: &DeployOptions,
    wanted: Option<&str>,
) -> Result<Outcome, Diagnostic> {
    let lock = bucket.lock().await?;
    let outcome = async {
        let state = bucket.state().await?;
        if state.live.is_none() {
            return Err(Diagnostic::error(Message::Deploy(DeployMessage::NothingLive {
                place: bucket.place.clone(),
            })));
        }
        let chosen = state.rollback_to(wanted).map_err(|unknown| match unknown {
            Some(release) => Diagnostic::error(Message::Deploy(DeployMessage::UnknownRelease {
                release: release.to_string(),
                known: state.names(),
            })),
            None => Diagnostic::error(Message::Deploy(DeployMessage::NoEarlierRelease {
                place: bucket.place.clone(),
            })),
        })?;
        let snapshot = snapshot_dir(&options.root, target, &chosen.name);
        let kept = snapshot.is_dir().then(|| Manifest::scan(&snapshot).ok()).flatten();
        let Some(build) = kept.filter(|m| chosen.name.ends_with(&m.fingerprint())) else {
            return Err(Diagnostic::error(Message::Deploy(DeployMessage::SnapshotMissing {
                release: chosen.name.clone(),
            }))
            .help(Message::Deploy(DeployMessage::HelpSnapshotMissing)));
        };
        let name = chosen.name.clone();
        let mut yes = |_: &Message| true;
        send(
            bucket,
            target,
            &DeployOptions { yes: true, ..options.clone() },
            &mut yes,
            &snapshot,
            &build,
            Some(name),
        )
        .await
    }
    .await;
    bucket.unlock(lock).await;
    outcome
}

/// Sends what differs between `source` and the bucket. `rollback_to` names the kept
/// release being restored; a deploy makes a new release name.
async fn send(
    bucket: &Bucket,
    target: &DeployTarget,
    options: &DeployOptions,
    confirm: &mut dyn FnMut(&Message) -> bool,
    source: &Path,
    build: &Manifest,
    rollback_to: Option<String>,
) -> Result<Outcome, Diagnostic> {
    let started = std::time::Instant::now();
    let place = bucket.place.clone();
    let kept = bucket.state().await?;
    let live = kept.live.clone();
    let stored = bucket.list_site().await?;
    let local = md5_manifest(source, build)?;
    let plan = plan::plan(&local, &stored);
    let fingerprint = build.fingerprint();
    let is_live = live.as_deref().is_some_and(|l| l.ends_with(&fingerprint));
    if options.dry_run {
        return Ok(if plan.is_empty() && is_live {
            Outcome::WouldChangeNothing { place }
        } else {
            Outcome::WouldSend { place, counts: Counts::of(&plan) }
        });
    }
    if plan.is_empty() && is_live {
        return Ok(Outcome::AlreadyLive { place, release: live.unwrap_or_default() });
    }
    if plan.delete.len() > target.max_deletes && !options.yes {
        return Err(Diagnostic::error(Message::Deploy(DeployMessage::TooManyDeletes {
            count: plan.delete.len(),
            max: target.max_deletes,
            place,
        }))
        .help(Message::Deploy(DeployMessage::HelpTooManyDeletes)));
    }
    let counts = Counts::of(&plan);
    if !super::confirmed(options, confirm, &place, counts) {
        return Ok(Outcome::Cancelled);
    }
    bucket.upload(source, &local, &plan).await?;
    bucket.delete(&plan.delete).await?;
    let action = if rollback_to.is_some() { "rollback" } else { "deploy" };
    let name = rollback_to.unwrap_or_else(|| kept.new_name(jiff::Timestamp::now(), &fingerprint));
    bucket.put_state(&format!("releases/{name}{MANIFEST_SUFFIX}"), build.to_gzip()).await?;
    bucket.put_state("current", name.clone().into_bytes()).await?;
    let kept = bucket.state().await?;
    if action == "deploy" {
        // Without the copy only rolling back is lost; the deploy itself is done.
        let _ = keep_snapshot(&options.root, target, &name, source, build);
    }
    let remove = kept.to_remove(&name, target.keep);
    bucket.forget(&remove).await;
    forget_snapshots(&options.root, target, &name, target.keep);
    let record = super::record(target, action, &name, &fingerprint, counts);
    let log_failure = super::write_log(&options.root, &record);
    Ok(if action == "rollback" {
        Outcome::RolledBack { place, record, log_failure }
    } else {
        Outcome::Deployed { place, record, seconds: started.elapsed().as_secs_f64(), log_failure }
    })
}

/// The build's files with their MD5, to compare with the ETags the storage lists.
fn md5_manifest(source: &Path, build: &Manifest) -> Result<Manifest, Diagnostic> {
    let entries = build
        .entries
        .par_iter()
        .map(|e| {
            let full = source.join(&e.path);
            let bytes = std::fs::read(&full).map_err(|err| {
                Diagnostic::error(Message::Deploy(DeployMessage::ReadFailed {
                    path: full.clone(),
                    detail: err.to_string(),
                }))
            })?;
            let hash = format!("{:x}", <md5::Md5 as md5::Digest>::digest(&bytes));
            Ok(Entry { path: e.path.clone(), size: e.size, hash })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    Ok(Manifest { entries })
}

struct Bucket {
    store: Arc<AmazonS3>,
    prefix: String,
    place: String,
}

/// Who holds the lock, stored in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Holder {
    user: String,
    host: String,
    pid: u32,
    /// Seconds since 1970 of the last refresh.
    beat: i64,
}

struct Lock {
    refresher: tokio::task::JoinHandle<()>,
}

impl Bucket {
    fn connect(target: &DeployTarget) -> Result<Bucket, Diagnostic> {
        let place = format!("s3://{}/{}", target.bucket, target.prefix);
        let has = |v: &str| std::env::var(v).is_ok_and(|x| !x.is_empty());
        if !has("AWS_ACCESS_KEY_ID") || !has("AWS_SECRET_ACCESS_KEY") {
            return Err(Diagnostic::error(Message::Deploy(DeployMessage::S3NoCredentials { place }))
                .help(Message::Deploy(DeployMessage::HelpS3)));
        }
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&target.bucket)
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(30),
                ..Default::default()
            })
            .with_client_options(ClientOptions::new().with_connect_timeout(Duration::from_secs(10)));
        if let Some(endpoint) = &target.endpoint {
            builder = builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
        }
        if let Some(region) = &target.region {
            builder = builder.with_region(region);
        }
        let store = builder.build().map_err(|e| s3_failed(&place, &e))?;
        Ok(Bucket { store: Arc::new(store), prefix: target.prefix.clone(), place })
    }

    fn key(&self, path: &str) -> Key {
        Key::from(format!("{}{path}", self.prefix))
    }

    fn state_key(&self, name: &str) -> Key {
        self.key(&format!("{STATE}{name}"))
    }

    fn failed(&self, detail: &str) -> Diagnostic {
        Diagnostic::error(Message::Deploy(DeployMessage::S3Failed {
            place: self.place.clone(),
            detail: detail.to_string(),
        }))
        .help(Message::Deploy(DeployMessage::HelpS3))
    }

    /// The site's objects, with their ETags as hashes; loa's own objects left out.
    async fn list_site(&self) -> Result<Manifest, Diagnostic> {
        let prefix = self.prefix.trim_end_matches('/');
        let prefix_key = (!prefix.is_empty()).then(|| Key::from(prefix));
        let mut listing = self.store.list(prefix_key.as_ref());
        let mut entries = Vec::new();
        while let Some(item) = listing.next().await {
            let meta = item.map_err(|e| s3_failed(&self.place, &e))?;
            let key = meta.location.as_ref();
            let Some(path) = key.strip_prefix(self.prefix.as_str()) else { continue };
            if path.starts_with(STATE) || !super::manifest::safe_relative(path) {
                continue;
            }
            let hash = meta.e_tag.unwrap_or_default().trim_matches('"').to_ascii_lowercase();
            entries.push(Entry { path: path.to_string(), size: meta.size, hash });
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        // Some servers list objects without their ETags: asked one by one, then.
        let mut heads =
            futures_util::stream::iter(entries.iter_mut().filter(|e| e.hash.is_empty()).map(|entry| async {
                let meta =
                    self.store.head(&self.key(&entry.path)).await.map_err(|e| s3_failed(&self.place, &e))?;
                entry.hash = meta.e_tag.unwrap_or_default().trim_matches('"').to_ascii_lowercase();
                Ok::<(), Diagnostic>(())
            }))
            .buffer_unordered(PARALLEL * 2);
        while let Some(done) = heads.next().await {
            done?;
        }
        drop(heads);
        Ok(Manifest { entries })
    }

    async fn get_state(&self, name: &str) -> Result<Option<Vec<u8>>, Diagnostic> {
        match self.store.get(&self.state_key(name)).await {
            Ok(got) => Ok(Some(got.bytes().await.map_err(|e| s3_failed(&self.place, &e))?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(s3_failed(&self.place, &e)),
        }
    }

    async fn put_state(&self, name: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.store
            .put(&self.state_key(name), PutPayload::from(bytes))
            .await
            .map(|_| ())
            .map_err(|e| s3_failed(&self.place, &e))
    }

    /// The live release's name.
    async fn current(&self) -> Result<Option<String>, Diagnostic> {
        let bytes = self.get_state("current").await?;
        Ok(bytes
            .map(|b| String::from_utf8_lossy(&b).trim().to_string())
            .filter(|n| releases::is_release_name(n)))
    }

    /// The releases whose manifests the bucket keeps, and the live one.
    async fn state(&self) -> Result<TargetState, Diagnostic> {
        let folder = self.state_key("releases");
        let mut listing = self.store.list(Some(&folder));
        let mut names = Vec::new();
        while let Some(item) = listing.next().await {
            let meta = item.map_err(|e| s3_failed(&self.place, &e))?;
            let file = meta.location.filename().unwrap_or_default().to_string();
            if let Some(name) = file.strip_suffix(MANIFEST_SUFFIX).filter(|n| releases::is_release_name(n)) {
                names.push(name.to_string());
            }
        }
        names.sort();
        let mut state = TargetState { releases: Vec::new(), live: self.current().await? };
        for name in names {
            let bytes = self.get_state(&format!("releases/{name}{MANIFEST_SUFFIX}")).await?;
            let totals = bytes.and_then(|b| super::manifest::gzip_totals(&b));
            state.releases.push(Release { name, totals });
        }
        Ok(state)
    }

    /// Sends the plan's files, group by group: each group only once the one before is
    /// all there.
    async fn upload(&self, source: &Path, local: &Manifest, plan: &Plan) -> Result<(), Diagnostic> {
        let mut sent = 0usize;
        for group in &plan.groups {
            let mut uploads = futures_util::stream::iter(plan.send[group.clone()].iter().map(|&i| {
                let entry = &local.entries[i];
                self.upload_one(source.join(&entry.path), entry.path.clone())
            }))
            .buffer_unordered(PARALLEL);
            while let Some(done) = uploads.next().await {
                done?;
                sent += 1;
                super::test_halt(&format!("after-upload-{sent}"));
            }
        }
        Ok(())
    }

    async fn upload_one(&self, file: PathBuf, path: String) -> Result<(), Diagnostic> {
        let bytes = tokio::task::spawn_blocking({
            let file = file.clone();
            move || std::fs::read(file)
        })
        .await
        .map_err(|e| self.failed(&e.to_string()))?
        .map_err(|e| {
            Diagnostic::error(Message::Deploy(DeployMessage::ReadFailed {
                path: file,
                detail: e.to_string(),
            }))
        })?;
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, crate::media_type::content_type(&path).into());
        attributes.insert(Attribute::CacheControl, crate::media_type::cache_control(&path).into());
        let options = PutOptions { attributes, ..Default::default() };
        self.store
            .put_opts(&self.key(&path), PutPayload::from(bytes), options)
            .await
            .map_err(|e| s3_failed(&self.place, &e))?;
        Ok(())
    }

    async fn delete(&self, paths: &[String]) -> Result<(), Diagnostic> {
        let mut deletions = futures_util::stream::iter(paths.iter().map(|p| {
            let key = self.key(p);
            async move {
                match self.store.delete(&key).await {
                    Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                    Err(e) => Err(s3_failed(&self.place, &e)),
                }
            }
        }))
        .buffer_unordered(PARALLEL);
        while let Some(done) = deletions.next().await {
            done?;
        }
        Ok(())
    }

    /// Removes the manifests of releases no longer kept.
    async fn forget(&self, names: &[String]) {
        for name in names {
            let _ = self.store.delete(&self.state_key(&format!("releases/{name}{MANIFEST_SUFFIX}"))).await;
        }
    }

    /// Takes the bucket's lock: creates it if absent, takes it over if its holder is
    /// gone, and keeps it fresh until [`Bucket::unlock`].
    async fn lock(&self) -> Result<Lock, Diagnostic> {
        let key = self.state_key("lock");
        let (user, host) = super::log::who();
        let holder =
            |beat: i64| Holder { user: user.clone(), host: host.clone(), pid: std::process::id(), beat };
        let body = |h: &Holder| PutPayload::from(serde_json::to_vec(h).unwrap_or_default());
        let now = || jiff::Timestamp::now().as_second();
        let created = self
            .store
            .put_opts(&key, body(&holder(now())), PutOptions { mode: PutMode::Create, ..Default::default() })
            .await;
        let mut e_tag = match created {
            Ok(result) => result.e_tag,
            Err(object_store::Error::AlreadyExists { .. })
            | Err(object_store::Error::Precondition { .. }) => {
                let got = self.store.get(&key).await.map_err(|e| s3_failed(&self.place, &e))?;
                let version =
                    UpdateVersion { e_tag: got.meta.e_tag.clone(), version: got.meta.version.clone() };
                let bytes = got.bytes().await.map_err(|e| s3_failed(&self.place, &e))?;
                let other: Option<Holder> = serde_json::from_slice(&bytes).ok();
                let gone = other.as_ref().is_none_or(|o| {
                    let stale = now() - o.beat > LOCK_STALE.as_secs() as i64;
                    let dead_here = o.host == host && !Path::new(&format!("/proc/{}", o.pid)).exists();
                    stale || dead_here
                });
                if !gone {
                    let holder = other.map(|o| format!("{}@{}", o.user, o.host)).unwrap_or_default();
                    return Err(Diagnostic::error(Message::Deploy(DeployMessage::TargetBusy {
                        place: self.place.clone(),
                        holder: crate::text::printable(&holder),
                    }))
                    .help(Message::Deploy(DeployMessage::HelpTargetBusy)));
                }
                let taken = self
                    .store
                    .put_opts(
                        &key,
                        body(&holder(now())),
                        PutOptions { mode: PutMode::Update(version), ..Default::default() },
                    )
                    .await;
                match taken {
                    Ok(result) => result.e_tag,
                    Err(_) => {
                        return Err(Diagnostic::error(Message::Deploy(DeployMessage::TargetBusy {
                            place: self.place.clone(),
                            holder: String::new(),
                        }))
                        .help(Message::Deploy(DeployMessage::HelpTargetBusy)))
                    }
                }
            }
            Err(e) => return Err(s3_failed(&self.place, &e)),
        };
        let store = Arc::clone(&self.store);
        let refreshed = holder(0);
        let refresher = tokio::spawn(async move {
            loop {
                tokio::time::sleep(LOCK_REFRESH).await;
                let fresh = Holder { beat: jiff::Timestamp::now().as_second(), ..refreshed.clone() };
                let version = UpdateVersion { e_tag: e_tag.clone(), version: None };
                let options = PutOptions { mode: PutMode::Update(version), ..Default::default() };
                match store.put_opts(&key, body(&fresh), options).await {
                    Ok(result) => e_tag = result.e_tag,
                    Err(_) => break,
                }
            }
        });
        Ok(Lock { refresher })
    }

    async fn unlock(&self, lock: Lock) {
        lock.refresher.abort();
        let _ = self.store.delete(&self.state_key("lock")).await;
    }
}

fn s3_failed(place: &str, e: &object_store::Error) -> Diagnostic {
    Diagnostic::error(Message::Deploy(DeployMessage::S3Failed {
        place: place.to_string(),
        detail: crate::text::printable(&e.to_string()),
    }))
    .help(Message::Deploy(DeployMessage::HelpS3))
}

/// Where this machine keeps the files of a release it sent to `target`.
fn snapshot_dir(root: &Path, target: &DeployTarget, release: &str) -> PathBuf {
    snapshots(root, target).join(release)
}

fn snapshots(root: &Path, target: &DeployTarget) -> PathBuf {
    root.join(".loa").join("releases").join(&target.name)
}

/// Hard-links the build's files into the release's snapshot (copies where links fail).
/// A build never changes a file in place, so the links keep the release as it was.
fn keep_snapshot(
    root: &Path,
    target: &DeployTarget,
    release: &str,
    source: &Path,
    build: &Manifest,
) -> std::io::Result<()> {
    let dir = snapshot_dir(root, target, release);
    let partial = dir.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    for entry in &build.entries {
        let to = partial.join(&entry.path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let from = source.join(&entry.path);
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to)?;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&partial, &dir)
}

/// Removes all but the newest `keep` snapshots, never `current`.
fn forget_snapshots(root: &Path, target: &DeployTarget, current: &str, keep: usize) {
    let Ok(entries) = std::fs::read_dir(snapshots(root, target)) else { return };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|n| releases::is_release_name(n) && n != current)
        .collect();
    names.sort();
    let cut = names.len().saturating_sub(keep.saturating_sub(1));
    for name in &names[..cut] {
        let _ = std::fs::remove_dir_all(snapshots(root, target).join(name));
    }
}
