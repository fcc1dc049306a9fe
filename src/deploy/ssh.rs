//! `ssh` targets: the release layout of [`super::releases`] on a server, through the
//! system's `ssh` and `rsync`. The server needs rsync, a POSIX shell, GNU coreutils,
//! findutils and diffutils (`cmp`), gzip, awk and flock (util-linux): what Debian and
//! most Linux servers have.
//!
//! One ssh session holds the target's lock for the whole deploy (`flock` on the marker
//! file, released when the session ends, also when loa is killed) and carries the other
//! connections (OpenSSH connection sharing), so a deploy opens one connection:
//! 1. the session reports the releases, and the live manifest unless this machine kept
//!    it from its last deploy there; then it hard-links the live release into
//!    `releases/.incoming` (`cp -al`) while loa hashes the build;
//! 2. rsync sends the files whose content changed, by the list the plan made;
//! 3. a last command takes a patch of the live manifest (the files sent and deleted),
//!    rebuilds the new manifest and checks it against loa's MD5, removes the deleted
//!    files, checks every file's presence and size, and only then renames the release,
//!    swaps `current` and removes old releases in the background.
//!
//! `LOA_SSH` replaces the `ssh` command and its options (words separated by spaces), for
//! rsync's remote shell too: OpenSSH reads ~/.ssh/config from the user's home directory,
//! not from `$HOME`, so a port or key for one run goes there.

use std::io::{BufRead, BufReader, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use super::manifest::{self, Manifest};
use super::plan::Plan;
use super::releases::{
    self, Release, TargetState, CURRENT, INCOMING, MANIFEST_SUFFIX, RELEASES, TARGET_MARKER,
};
use super::ReleaseTarget;
use crate::config::deploy::DeployTarget;
use crate::diagnostics::Diagnostic;
use crate::messages::{DeployMessage, Message};

pub struct SshTarget {
    host: String,
    path: String,
    ssh: Vec<String>,
    /// The session holding the lock, and the folder of its shared-connection socket.
    session: Option<Session>,
    /// What the server reported last, until asked for.
    cached: Option<Found>,
    /// This machine's copy of the manifest it last sent there, so the server need not
    /// send it back: `<site>/.loa/manifests/<target>/`.
    manifests: PathBuf,
    /// What `put` sent, for `commit`: the live release, the files sent, the deleted.
    pending: Option<(Option<String>, Vec<manifest::Entry>, Vec<String>)>,
}

struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    _control: tempfile::TempDir,
    control_path: PathBuf,
}

impl Drop for Session {
    fn drop(&mut self) {
        // Closing its input ends the remote shell, which lets go of the lock.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// What the first command found on the server.
struct Found {
    state: TargetState,
    live_manifest: Option<Vec<u8>>,
}

impl SshTarget {
    /// Opens the target; with `lock`, holds its lock and has the server hard-link the
    /// live release into `releases/.incoming` while this machine hashes the build.
    pub fn open(target: &DeployTarget, root: &Path, lock: bool) -> Result<SshTarget, Diagnostic> {
        let path = target.path.strip_prefix("~/").unwrap_or(&target.path).to_string();
        let mut ssh: Vec<String> = match std::env::var("LOA_SSH") {
            Ok(words) if !words.trim().is_empty() => words.split_whitespace().map(String::from).collect(),
            _ => vec!["ssh".to_string()],
        };
        ssh.extend(["-o", "ConnectTimeout=30"].map(String::from));
        if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            // Nobody can answer a password prompt: fail at once instead of hanging.
            ssh.extend(["-o", "BatchMode=yes"].map(String::from));
        }
        let manifests = root.join(".loa").join("manifests").join(&target.name);
        let mut target = SshTarget {
            host: target.host.clone(),
            path,
            ssh,
            session: None,
            cached: None,
            manifests,
            pending: None,
        };
        if lock {
            let (session, found) = target.lock()?;
            target.session = Some(session);
            target.cached = Some(found);
        }
        Ok(target)
    }

    /// The release whose manifest this machine keeps, if any.
    fn cached_release(&self) -> Option<String> {
        std::fs::read_dir(&self.manifests).ok()?.flatten().find_map(|e| {
            let name = e.file_name().to_str()?.strip_suffix(MANIFEST_SUFFIX)?.to_string();
            releases::is_release_name(&name).then_some(name)
        })
    }

    /// Keeps `manifest` as the one of `release`, replacing the one kept before. Without
    /// it the next deploy only asks the server for it.
    fn keep_manifest(&self, release: &str, manifest: &Manifest) {
        let _ = std::fs::remove_dir_all(&self.manifests);
        if std::fs::create_dir_all(&self.manifests).is_ok() {
            let _ = std::fs::write(
                self.manifests.join(format!("{release}{MANIFEST_SUFFIX}")),
                manifest.to_gzip(),
            );
        }
    }

    fn place_name(&self) -> String {
        format!("{}:{}", self.host, self.path)
    }

    /// The ssh command line, sharing the locked session's connection when there is one.
    fn ssh_words(&self) -> Vec<String> {
        let mut words = self.ssh.clone();
        if let Some(session) = &self.session {
            words.extend([
                "-o".to_string(),
                format!("ControlPath={}", session.control_path.display()),
                "-o".to_string(),
                "ControlMaster=no".to_string(),
            ]);
        }
        words
    }

    /// Runs `script` with `sh` on the server, `input` on its standard input.
    fn remote(&self, script: &str, input: &[u8]) -> Result<Vec<u8>, Diagnostic> {
        let words = self.ssh_words();
        let child = Command::new(&words[0])
            .args(&words[1..])
            .arg(&self.host)
            .arg(format!("sh -c {}", quote(script)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| self.spawn_failed("ssh", "openssh-client", e))?;
        self.finish(child, input)
    }

    /// Feeds `input` to `child` while reading what it says (neither side can block the
    /// other), and hands back its output, or its complaint when it failed.
    fn finish(&self, mut child: Child, input: &[u8]) -> Result<Vec<u8>, Diagnostic> {
        let mut stdin = child.stdin.take();
        let output = std::thread::scope(|scope| {
            let writer = scope.spawn(move || {
                if let Some(mut stdin) = stdin.take() {
                    let _ = stdin.write_all(input);
                }
            });
            let output = child.wait_with_output();
            let _ = writer.join();
            output
        })
        .map_err(|e| self.failed(&e.to_string()))?;
        if !output.status.success() {
            return Err(self.failed(&String::from_utf8_lossy(&output.stderr)));
        }
        Ok(output.stdout)
    }

    /// Opens the session that holds the lock and reads what the server has.
    fn lock(&self) -> Result<(Session, Found), Diagnostic> {
        let control =
            tempfile::Builder::new().prefix("loa-ssh-").tempdir().map_err(|e| self.failed(&e.to_string()))?;
        let control_path = control.path().join("c");
        let mut child = Command::new(&self.ssh[0])
            .args(&self.ssh[1..])
            .args(["-o", "ControlMaster=yes", "-o"])
            .arg(format!("ControlPath={}", control_path.display()))
            .arg(&self.host)
            .arg(format!("sh -c {}", quote(&self.state_script(true))))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| self.spawn_failed("ssh", "openssh-client", e))?;
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().ok_or_else(|| self.failed("no output"))?);
        let mut session = Session { child, stdin, stdout, _control: control, control_path };
        match read_found(&mut session.stdout) {
            Ok(Reply::Found(found)) => Ok((session, found)),
            Ok(other) => Err(self.refusal(other)),
            Err(e) => {
                drop(session.stdin.take());
                let mut stderr = String::new();
                if let Some(mut err) = session.child.stderr.take() {
                    let _ = err.read_to_string(&mut stderr);
                }
                Err(self.failed(if stderr.trim().is_empty() { &e } else { &stderr }))
            }
        }
    }

    fn refusal(&self, reply: Reply) -> Diagnostic {
        let place = self.place_name();
        match reply {
            Reply::Foreign => Diagnostic::error(Message::Deploy(DeployMessage::TargetForeign { place }))
                .help(Message::Deploy(DeployMessage::HelpTargetForeign)),
            Reply::Busy(holder) => {
                Diagnostic::error(Message::Deploy(DeployMessage::TargetBusy { place, holder }))
                    .help(Message::Deploy(DeployMessage::HelpTargetBusy))
            }
            Reply::Missing(program) => {
                Diagnostic::error(Message::Deploy(DeployMessage::RemoteProgramMissing {
                    place,
                    detail: program,
                }))
            }
            Reply::Found(_) => self.failed("unexpected reply"),
        }
    }

    /// The script that reports the target's releases and the live manifest; with
    /// `lock`, it sets the folder up, takes the lock first and keeps it until its input
    /// closes.
    fn state_script(&self, lock: bool) -> String {
        let (user, host) = super::log::who();
        let holder = format!("{user}@{host}, {}", jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M:%SZ"));
        let setup = if lock {
            format!(
                "mkdir -p {releases} || exit 3\n\
                 [ -f {marker} ] || printf '%s' {marker_text} > {marker} || exit 3\n\
                 for p in flock gzip cp find sort comm cmp awk md5sum; do command -v $p >/dev/null 2>&1 || {{ echo \"loa:missing $p\"; exit 0; }}; done\n\
                 exec 9<>{marker}\n\
                 flock -n 9 || {{ echo \"loa:busy $(cat .loa-holder 2>/dev/null)\"; exit 0; }}\n\
                 printf '%s\\n' {holder} > .loa-holder\n",
                releases = RELEASES,
                marker = TARGET_MARKER,
                marker_text = quote(releases::TARGET_MARKER_TEXT),
                holder = quote(&holder),
            )
        } else {
            "[ -d . ] || exit 0\n".to_string()
        };
        // Holding the lock, the session goes on to link the live release into
        // `.incoming` (the slow part on the server) while loa hashes the build.
        let hold = if lock {
            format!(
                "rm -rf {releases}/{INCOMING} {releases}/{INCOMING}.*\n\
                 if [ -n \"$live\" ]; then cp -al \"{releases}/$live\" {releases}/{INCOMING}; else mkdir {releases}/{INCOMING}; fi \
                 && echo loa:linked || echo loa:link-failed\n\
                 cat >/dev/null\nrm -f .loa-holder\n",
                releases = RELEASES,
            )
        } else {
            String::new()
        };
        let have = quote(&self.cached_release().unwrap_or_default());
        format!(
            "p={path}\n\
             if [ -e \"$p\" ] && [ ! -f \"$p/{marker}\" ]; then\n\
               if [ ! -d \"$p\" ] || [ -n \"$(ls -A \"$p\" 2>/dev/null)\" ]; then echo loa:foreign; exit 0; fi\n\
             fi\n\
             if [ ! -d \"$p\" ]; then {missing}; fi\n\
             cd \"$p\" || exit 3\n\
             {setup}\
             live=$(readlink {current} 2>/dev/null || true); live=${{live##*/}}\n\
             echo \"loa:live $live\"\n\
             for m in {releases}/*{suffix}; do\n\
               [ -f \"$m\" ] || continue\n\
               n=${{m#{releases}/}}; n=${{n%{suffix}}}\n\
               [ -d \"{releases}/$n\" ] || continue\n\
               echo \"loa:release $n $(gzip -dc \"$m\" 2>/dev/null | head -n 1 | tr '\\t' ' ')\"\n\
             done\n\
             if [ -n \"$live\" ] && [ \"$live\" != {have} ] && [ -f \"{releases}/$live{suffix}\" ]; then\n\
               echo \"loa:manifest $(wc -c < \"{releases}/$live{suffix}\")\"\n\
               cat \"{releases}/$live{suffix}\"\n\
             fi\n\
             echo loa:end\n\
             {hold}",
            path = quote(&self.path),
            marker = TARGET_MARKER,
            missing = if lock { "mkdir -p \"$p\" || exit 3" } else { "echo loa:end; exit 0" },
            current = CURRENT,
            releases = RELEASES,
            suffix = MANIFEST_SUFFIX,
            have = have,
        )
    }

    fn found(&mut self) -> Result<Found, Diagnostic> {
        if let Some(found) = self.cached.take() {
            return Ok(found);
        }
        let output = self.remote(&self.state_script(false), b"")?;
        match read_found(&mut BufReader::new(output.as_slice())) {
            Ok(Reply::Found(found)) => Ok(found),
            Ok(other) => Err(self.refusal(other)),
            Err(e) => Err(self.failed(&e)),
        }
    }

    fn spawn_failed(&self, program: &'static str, package: &'static str, e: std::io::Error) -> Diagnostic {
        if e.kind() == std::io::ErrorKind::NotFound {
            Diagnostic::error(Message::Deploy(DeployMessage::ProgramMissing { program }))
                .help(Message::Deploy(DeployMessage::HelpProgramMissing { package }))
        } else {
            self.failed(&e.to_string())
        }
    }

    fn failed(&self, detail: &str) -> Diagnostic {
        Diagnostic::error(Message::Deploy(DeployMessage::SshFailed {
            place: self.place_name(),
            detail: crate::text::printable(detail.trim()),
        }))
        .help(Message::Deploy(DeployMessage::HelpSsh))
    }

    fn in_releases(&self, body: &str) -> String {
        format!("cd {} || exit 3\n{body}", quote(&format!("{}/{RELEASES}", self.path)))
    }
}

enum Reply {
    Found(Found),
    Foreign,
    Busy(String),
    Missing(String),
}

/// Reads the state script's lines up to `loa:end`.
fn read_found(reader: &mut dyn BufRead) -> Result<Reply, String> {
    let mut found = Found { state: TargetState::default(), live_manifest: None };
    let mut live = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            return Err("the server closed the connection".into());
        }
        let text = line.trim_end_matches('\n');
        let (word, rest) = text.split_once(' ').unwrap_or((text, ""));
        match word {
            "loa:foreign" => return Ok(Reply::Foreign),
            "loa:busy" => return Ok(Reply::Busy(crate::text::printable(rest.trim()))),
            "loa:missing" => return Ok(Reply::Missing(crate::text::printable(rest.trim()))),
            "loa:live" => live = rest.trim().to_string(),
            "loa:release" => {
                let (name, header) = rest.split_once(' ').unwrap_or((rest, ""));
                if releases::is_release_name(name) {
                    // The server printed the header's tabs as spaces.
                    let totals = header.strip_prefix(manifest::HEADER).and_then(|rest| {
                        manifest::parse_header(&format!("{}{}", manifest::HEADER, rest.replace(' ', "\t")))
                    });
                    found.state.releases.push(Release { name: name.to_string(), totals });
                }
            }
            "loa:manifest" => {
                let size: usize = rest.trim().parse().map_err(|_| "a bad manifest size".to_string())?;
                let mut bytes = vec![0; size.min(1 << 30)];
                reader.read_exact(&mut bytes).map_err(|e| e.to_string())?;
                found.live_manifest = Some(bytes);
            }
            "loa:end" => break,
            _ => {}
        }
    }
    found.state.releases.sort_by(|a, b| a.name.cmp(&b.name));
    found.state.live = Some(live).filter(|l| found.state.releases.iter().any(|r| &r.name == l));
    Ok(Reply::Found(found))
}

impl ReleaseTarget for SshTarget {
    fn place(&self) -> String {
        self.place_name()
    }

    fn state(&mut self) -> Result<TargetState, Diagnostic> {
        let found = self.found()?;
        let state = found.state.clone();
        self.cached = Some(found);
        Ok(state)
    }

    fn manifest(&mut self, release: &str) -> Result<Option<Manifest>, Diagnostic> {
        if let Some(Found { state, live_manifest: Some(bytes) }) = &self.cached {
            if state.live.as_deref() == Some(release) {
                return Ok(Manifest::from_gzip(bytes));
            }
        }
        if self.cached_release().as_deref() == Some(release) {
            let kept = std::fs::read(self.manifests.join(format!("{release}{MANIFEST_SUFFIX}"))).ok();
            if let Some(manifest) = kept.and_then(|b| Manifest::from_gzip(&b)) {
                return Ok(Some(manifest));
            }
        }
        let script = self.in_releases(&format!(
            "cat {} 2>/dev/null || true",
            quote(&format!("{release}{MANIFEST_SUFFIX}"))
        ));
        let bytes = self.remote(&script, b"")?;
        Ok(Manifest::from_gzip(&bytes))
    }

    fn put(
        &mut self,
        source: &Path,
        build: &Manifest,
        plan: &Plan,
        live: Option<&str>,
    ) -> Result<(), Diagnostic> {
        self.wait_linked(live)?;
        let sent = plan.send.iter().map(|&i| build.entries[i].clone()).collect();
        self.pending = Some((live.map(String::from), sent, plan.delete.clone()));
        if plan.send.is_empty() {
            return Ok(());
        }
        let mut list = Vec::new();
        for &i in &plan.send {
            list.extend_from_slice(build.entries[i].path.as_bytes());
            list.push(0);
        }
        let shell = self.ssh_words().join(" ");
        let mut source_arg = source.as_os_str().to_owned();
        source_arg.push("/");
        let destination = format!("{}:{}/{RELEASES}/{INCOMING}/", self.host, self.path);
        let child = Command::new("rsync")
            // Every listed file changed: `--ignore-times` sends it even when its size and
            // time match the linked old copy (a page rebuilt within the same second).
            .args(["-a", "--ignore-times", "--files-from=-", "--from0", "-e"])
            .arg(&shell)
            .arg(&source_arg)
            .arg(&destination)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| self.spawn_failed("rsync", "rsync", e))?;
        self.finish(child, &list)?;
        super::test_halt("after-rsync");
        Ok(())
    }

    fn commit(&mut self, name: &str, build: &Manifest, remove: &[String]) -> Result<(), Diagnostic> {
        let (live, sent, deleted) = self.pending.take().unwrap_or_default();
        // The server rebuilds the new manifest from the live one and what changed, and
        // checks it against this one's MD5; only when that fails is the whole one sent.
        let script = self.commit_script(name, live.as_deref(), remove);
        let mut output = self.remote(&script, &patch(build, &sent, &deleted, false))?;
        if String::from_utf8_lossy(&output).lines().any(|l| l == "loa:need-manifest") {
            let script = self.commit_script(name, None, remove);
            output = self.remote(&script, &patch(build, &build.entries, &deleted, true))?;
        }
        self.expect_switched(&output)?;
        self.keep_manifest(name, build);
        Ok(())
    }

    fn switch(&mut self, name: &str, remove: &[String]) -> Result<(), Diagnostic> {
        let script = format!(
            "[ -d {n} ] || {{ echo 'loa:mismatch no such release'; exit 0; }}\n{}",
            self.switch_script(name, remove),
            n = quote(name)
        );
        let output = self.remote(&self.in_releases(&script), b"")?;
        self.expect_switched(&output)
    }
}

impl SshTarget {
    /// Waits for the locked session to have linked the live release into `.incoming`
    /// (or does it now, without a session).
    fn wait_linked(&mut self, live: Option<&str>) -> Result<(), Diagnostic> {
        let Some(session) = self.session.as_mut() else {
            let from_live = match live {
                Some(live) => format!("cp -al {} {INCOMING} || exit 4\n", quote(live)),
                None => format!("mkdir {INCOMING} || exit 4\n"),
            };
            self.remote(&self.in_releases(&format!("rm -rf {INCOMING}\n{from_live}")), b"")?;
            return Ok(());
        };
        let mut line = String::new();
        let failure = loop {
            line.clear();
            match session.stdout.read_line(&mut line) {
                Ok(0) | Err(_) => break "the server closed the connection",
                Ok(_) if line.trim_end() == "loa:linked" => return Ok(()),
                Ok(_) if line.trim_end() == "loa:link-failed" => {
                    break "cannot link the live release into releases/.incoming"
                }
                Ok(_) => {}
            }
        };
        Err(self.failed(failure))
    }

    /// From inside `releases/`: reads the patch (see [`patch`]) on standard input, makes
    /// the new manifest, removes the deleted files, checks that every file is there
    /// with its size, then switches.
    fn commit_script(&self, name: &str, live: Option<&str>, remove: &[String]) -> String {
        let live_entries = match live {
            Some(live) => format!("gzip -dc {} | tail -n +2", quote(&format!("{live}{MANIFEST_SUFFIX}"))),
            None => ":".to_string(),
        };
        let check = format!(
            "[ -d {i} ] || {{ echo 'loa:mismatch no incoming release'; exit 0; }}\n\
             tab=$(printf '\\t')\n\
             cat > {i}.patch\n\
             grep \"^D$tab\" {i}.patch | cut -f2- | while IFS= read -r f; do rm -f -- \"{i}/$f\"; done\n\
             find {i} -mindepth 1 -depth -type d -empty -delete\n\
             {{ head -n 1 {i}.patch | cut -f2-\n\
               {{ if [ \"$(sed -n 2p {i}.patch | cut -f1)\" = M ]; then {live_entries} | \
                    LC_ALL=C awk -F '\\t' 'NR == FNR {{ if ($1 == \"D\") d[$2] = 1; else if ($1 == \"E\") d[$4] = 1; next }} !($3 in d)' {i}.patch -; fi\n\
                 grep \"^E$tab\" {i}.patch | cut -f2-; }} | LC_ALL=C sort -t \"$tab\" -k3,3; }} > {i}.manifest\n\
             [ \"$(md5sum < {i}.manifest | cut -d ' ' -f1)\" = \"$(sed -n 2p {i}.patch | cut -f2)\" ] || {{ echo loa:need-manifest; exit 0; }}\n\
             tail -n +2 {i}.manifest | cut -f2- | LC_ALL=C sort > {i}.expected\n\
             (cd {i} && find . -type f -printf '%s\\t%P\\n') | LC_ALL=C sort > {i}.found\n\
             if ! cmp -s {i}.expected {i}.found; then\n\
               echo \"loa:mismatch $(LC_ALL=C comm -3 {i}.expected {i}.found | head -n 3 | tr '\\t\\n' '  ')\"; exit 0\n\
             fi\n\
             gzip -c {i}.manifest > {i}.manifest.gz || exit 5\n\
             rm -f {i}.expected {i}.found {i}.patch {i}.manifest\n\
             rm -rf {name}\n\
             mv {i} {name} && mv {i}.manifest.gz {name}{MANIFEST_SUFFIX} || exit 5\n",
            i = INCOMING,
            name = quote(name),
        );
        self.in_releases(&format!("{check}{}", self.switch_script(name, remove)))
    }

    /// From inside `releases/`: swap `current` to `name` with one rename, then remove
    /// the old releases, manifests first.
    fn switch_script(&self, name: &str, remove: &[String]) -> String {
        let mut script = format!(
            "ln -sfn {target} ../.{CURRENT}.tmp && mv -T ../.{CURRENT}.tmp ../{CURRENT} || exit 6\necho loa:switched\n",
            target = quote(&format!("{RELEASES}/{name}")),
        );
        // Old releases are renamed out of the list at once and deleted in the background:
        // the deploy is done when `current` has switched.
        for old in remove.iter().filter(|o| o.as_str() != name && releases::is_release_name(o)) {
            script.push_str(&format!(
                "rm -f {m}; mv {o} {o2} 2>/dev/null\n",
                m = quote(&format!("{old}{MANIFEST_SUFFIX}")),
                o = quote(old),
                o2 = quote(&format!(".removing-{old}")),
            ));
        }
        script.push_str("(rm -rf .removing-* </dev/null >/dev/null 2>&1 &)\n");
        script
    }

    fn expect_switched(&self, output: &[u8]) -> Result<(), Diagnostic> {
        let text = String::from_utf8_lossy(output);
        if text.lines().any(|l| l == "loa:switched") {
            return Ok(());
        }
        let detail = text.lines().find_map(|l| l.strip_prefix("loa:mismatch ")).unwrap_or(text.trim());
        Err(Diagnostic::error(Message::Deploy(DeployMessage::CheckFailed {
            place: self.place_name(),
            detail: crate::text::printable(detail),
        })))
    }
}

/// What `commit` sends: a line `H<TAB>` + the new manifest's header, a line
/// `M|F<TAB>md5` (merge with the live manifest, or the full list follows) with the MD5 of
/// the new manifest's text, `D<TAB>path` per deleted file and `E<TAB>hash<TAB>size<TAB>path`
/// per file sent (every file, with `full`).
fn patch(build: &Manifest, sent: &[manifest::Entry], deleted: &[String], full: bool) -> Vec<u8> {
    let text = build.to_text();
    let header = text.lines().next().unwrap_or_default();
    let sum = format!("{:x}", <md5::Md5 as md5::Digest>::digest(text.as_bytes()));
    let mut out = format!("H\t{header}\n{}\t{sum}\n", if full { "F" } else { "M" });
    for path in deleted {
        out.push_str(&format!("D\t{path}\n"));
    }
    for e in sent {
        out.push_str(&format!("E\t{}\t{}\t{}\n", e.hash, e.size, e.path));
    }
    out.into_bytes()
}

/// `text` as one word for a POSIX shell.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_the_shell() {
        assert_eq!(quote("/srv/cds"), "'/srv/cds'");
        assert_eq!(quote("a'b"), "'a'\\''b'");
        assert_eq!(quote("$(rm -rf /)"), "'$(rm -rf /)'");
    }

    #[test]
    fn the_servers_report_is_read_with_the_live_manifest() {
        let manifest = Manifest {
            entries: vec![manifest::Entry { path: "index.html".into(), size: 3, hash: "0".repeat(32) }],
        };
        let gz = manifest.to_gzip();
        let mut reply = b"loa:live 20261130T091502Z-0123456789ab\nloa:release 20261130T091502Z-0123456789ab loa-release 1 1 3 x\nloa:release junk\n".to_vec();
        reply.extend(format!("loa:manifest {}\n", gz.len()).as_bytes());
        reply.extend(&gz);
        reply.extend(b"loa:end\n");
        let Ok(Reply::Found(found)) = read_found(&mut BufReader::new(reply.as_slice())) else {
            panic!("a reply")
        };
        assert_eq!(found.state.live.as_deref(), Some("20261130T091502Z-0123456789ab"));
        assert_eq!(found.state.releases[0].totals, Some(manifest::Totals { files: 1, bytes: 3 }));
        assert_eq!(found.state.releases.len(), 1, "junk is skipped");
        assert_eq!(Manifest::from_gzip(&found.live_manifest.unwrap()), Some(manifest));
        assert!(
            matches!(read_found(&mut BufReader::new(&b"loa:busy ai@may, 2026\n"[..])), Ok(Reply::Busy(h)) if h == "ai@may, 2026")
        );
        assert!(read_found(&mut BufReader::new(&b"loa:live x\n"[..])).is_err(), "cut short");
    }
}
