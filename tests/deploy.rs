//! `loa deploy` to the three kinds of target, each a real one: a folder, OpenSSH's sshd
//! with the system's rsync, and the s3s-fs S3 server, both started on loopback for the
//! test and stopped by their process id.
//!
//! For each kind: what a first deploy and a one-page change send, a deploy killed half-way
//! (leaves the live site byte for byte as it was, the next deploy completes), a second
//! deploy refused while one runs, and rollback to the previous release byte for byte.
//!
//! The ssh and s3 tests skip, saying so loudly, where sshd, rsync or s3s-fs are missing;
//! with `CI=true` they fail instead.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{page, snapshot, Run, TestSite};

// ---------------------------------------------------------------------------------------
// The site, and running loa against it

const DEPLOY_HALT: &str = "LOA_TEST_HALT";

fn site(targets: &str) -> TestSite {
    let site = TestSite::new(&[
        ("content/hieu-dung/_index.md", "---\ntitle: Hiểu đúng\n---\n"),
        (
            "content/hieu-dung/cds-la-gi.md",
            &page("Chuyển đổi số là gì", "", "Chuyển đổi số là thay đổi cách làm việc."),
        ),
        (
            "content/hieu-dung/cntt.md",
            &page("Ứng dụng CNTT", "", "Ứng dụng công nghệ thông tin là một bước."),
        ),
        ("content/nguoi-dan/dich-vu-cong.md", &page("Dịch vụ công trực tuyến", "", "Nộp hồ sơ trên mạng.")),
    ]);
    let yaml = site.read("site.yaml");
    site.write("site.yaml", &format!("{yaml}deploy:\n{targets}"));
    site
}

/// Edits one page's text: a change an editor makes.
fn edit_one_page(site: &TestSite) {
    let text = site.read("content/hieu-dung/cntt.md");
    site.write("content/hieu-dung/cntt.md", &text.replace("là một bước.", "chỉ là một bước đầu."));
}

fn deploy(site: &TestSite, args: &[&str], env: &[(String, String)]) -> Run {
    let out = deploy_command(site, args, env).output().expect("run loa");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn deploy_command(site: &TestSite, args: &[&str], env: &[(String, String)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command.args(["deploy", "--root"]).arg(site.root()).args(args).stdin(Stdio::null());
    command.envs(env.iter().map(|(k, v)| (k, v)));
    command
}

/// A deploy stopped by the test at `point`, as a killed or cut-off deploy stops there.
struct Halted {
    child: Child,
}

impl Halted {
    fn start(site: &TestSite, args: &[&str], env: &[(String, String)], point: &str) -> Halted {
        let mut command = deploy_command(site, args, env);
        command.env(DEPLOY_HALT, point).stdout(Stdio::null()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("run loa");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut said = String::new();
        loop {
            match lines.next() {
                Some(Ok(line)) if line == format!("loa: halted at {point}") => break,
                Some(Ok(line)) => said.push_str(&format!("{line}\n")),
                _ => panic!("the deploy ended before {point}:\n{said}"),
            }
        }
        Halted { child }
    }

    /// SIGKILL, as a power cut or `kill -9` would stop it.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Halted {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every file below `dir` (through a `current` link) with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(&dir.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", dir.display())))
}

/// Asserts two sets of files are the same, naming the paths that differ.
#[track_caller]
fn assert_same(found: &BTreeMap<PathBuf, Vec<u8>>, wanted: &BTreeMap<PathBuf, Vec<u8>>) {
    let differ: Vec<&PathBuf> =
        found.keys().chain(wanted.keys()).filter(|p| found.get(*p) != wanted.get(*p)).collect();
    assert!(differ.is_empty(), "{} files differ: {differ:?}", differ.len());
}

/// The build's files as they should be published: all but the output folder's marker.
fn built(site: &TestSite) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = snapshot(&site.path("public"));
    files.remove(Path::new(".loa-output"));
    assert!(files.len() > 20, "a real build: {:?}", files.keys());
    files
}

/// `gửi N tệp` out of the deploy's summary.
fn sent(run: &Run) -> usize {
    let text = &run.stdout;
    let at = text.find(" gửi ").unwrap_or_else(|| panic!("no count sent in:\n{text}\n{}", run.stderr))
        + " gửi ".len();
    text[at..].split(' ').next().unwrap().replace('.', "").parse().unwrap()
}

fn command_output(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The deploys.csv rows as maps of column → value.
fn log_rows(site: &TestSite) -> Vec<BTreeMap<String, String>> {
    let text = site.read("deploys.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| header.iter().map(|h| h.to_string()).zip(l.split(',').map(String::from)).collect())
        .collect()
}

/// Runs `attempt` until it stops reporting the target busy: a killed deploy's remote
/// session ends a moment after the kill, when the server sees the connection close.
fn until_not_busy(mut attempt: impl FnMut() -> Run) -> Run {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let run = attempt();
        if !run.stderr.contains("một lần đăng khác đang chạy") || Instant::now() > deadline {
            return run;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn needed(what: &str, found: bool, install: &str) -> bool {
    if !found {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true but {what} is missing: .ci/run must install it ({install})");
        }
        eprintln!("\n########## SKIPPED: {what} not found ({install}) ##########\n");
    }
    found
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

// ---------------------------------------------------------------------------------------
// dir

fn dir_site(target: &Path) -> TestSite {
    site(&format!("  - name: may-chu\n    kind: dir\n    path: {}\n    keep: 3\n", target.display()))
}

#[test]
fn a_dir_deploy_switches_a_whole_release_and_a_one_page_change_sends_only_what_changed() {
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("www");
    let site = dir_site(&target);

    let first = deploy(&site, &[], &[]);
    first.assert_ok();
    assert!(first.stdout.contains("Đã dựng"), "it builds first:\n{}", first.stdout);
    let files = built(&site);
    assert_eq!(sent(&first), files.len(), "{}", first.stdout);
    let link = std::fs::read_link(target.join("current")).unwrap();
    assert!(link.starts_with("releases"), "a relative link into releases/: {link:?}");
    assert_same(&tree(&target.join("current")), &files);

    edit_one_page(&site);
    let dry = deploy(&site, &["--dry-run"], &[]);
    dry.assert_ok();
    let before = snapshot(&target);
    let second = deploy(&site, &[], &[]);
    second.assert_ok();
    let changed = sent(&second);
    assert_eq!(
        sent(&dry),
        changed,
        "the dry run told what the deploy did:\n{}\n{}",
        dry.stdout,
        second.stdout
    );
    assert!(
        changed > 0 && changed * 4 < files.len(),
        "a one-page change sends a few files: {}",
        second.stdout
    );
    assert_same(&tree(&target.join("current")), &built(&site));

    // Files the change did not touch are the live release's own, hard-linked.
    use std::os::unix::fs::MetadataExt as _;
    let releases: Vec<PathBuf> = {
        let mut r: Vec<PathBuf> = std::fs::read_dir(target.join("releases"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .collect();
        r.sort();
        r
    };
    assert_eq!(releases.len(), 2);
    let style = common::fingerprinted(&releases[1], "style", "css");
    let old_style = releases[0].join(style.file_name().unwrap());
    assert_eq!(std::fs::metadata(&style).unwrap().ino(), std::fs::metadata(&old_style).unwrap().ino());
    assert_eq!(
        snapshot(&target).len(),
        before.len() + files.len() + 1,
        "a new release and its manifest, old kept"
    );

    // Nothing changed: nothing sent, no new release.
    let again = deploy(&site, &[], &[]);
    again.assert_ok();
    assert!(again.stdout.contains("đã chạy đúng bản dựng này"), "{}", again.stdout);

    let rows = log_rows(&site);
    assert_eq!(rows.len(), 2, "two deploys recorded: {rows:?}");
    assert_eq!(rows[0]["target"], "may-chu");
    assert_eq!(rows[0]["action"], "deploy");
    assert_eq!(rows[0]["files_sent"], files.len().to_string());
    assert_eq!(rows[1]["files_sent"], changed.to_string());
    assert_eq!(rows[1]["release"], link_name(&target));
    assert_eq!(rows[1]["user"], command_output("id", &["-un"]));
    assert_eq!(rows[1]["host"], std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap().trim());
    assert!(rows[1]["bytes_sent"].parse::<u64>().unwrap() > 0);
}

fn link_name(target: &Path) -> String {
    std::fs::read_link(target.join("current")).unwrap().file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_dry_run_changes_nothing_and_lists_show_the_live_release() {
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("www");
    let site = dir_site(&target);
    let dry = deploy(&site, &["--dry-run"], &[]);
    dry.assert_ok();
    assert!(dry.stdout.contains("Chạy thử"), "{}", dry.stdout);
    assert!(!target.exists(), "a dry run made the target");
    assert!(!site.path("deploys.csv").exists());

    deploy(&site, &[], &[]).assert_ok();
    let first = link_name(&target);
    edit_one_page(&site);
    deploy(&site, &[], &[]).assert_ok();
    let second = link_name(&target);
    let before = snapshot(&target);
    let dry = deploy(&site, &["--dry-run"], &[]);
    assert_same(&snapshot(&target), &before);
    assert!(dry.stdout.contains("đã đúng bản dựng này"), "{}", dry.stdout);

    let list = deploy(&site, &["--list"], &[]);
    list.assert_ok();
    let lines: Vec<&str> = list.stdout.lines().filter(|l| l.contains("2026") || l.contains("20")).collect();
    let live: Vec<&&str> = lines.iter().filter(|l| l.contains("đang chạy")).collect();
    assert_eq!(live.len(), 1, "{}", list.stdout);
    assert!(live[0].contains(&second), "{}", list.stdout);
    assert!(list.stdout.contains(&first), "{}", list.stdout);
    assert_same(&snapshot(&target), &before);
}

#[test]
fn rollback_restores_the_previous_release_byte_for_byte_and_names_are_checked() {
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("www");
    let site = dir_site(&target);
    deploy(&site, &[], &[]).assert_ok();
    let first = tree(&target.join("current"));
    let first_name = link_name(&target);
    edit_one_page(&site);
    deploy(&site, &[], &[]).assert_ok();
    let second_name = link_name(&target);
    assert_ne!(tree(&target.join("current")), first);

    let back = deploy(&site, &["--rollback"], &[]);
    back.assert_ok();
    assert!(back.stdout.contains(&first_name), "{}", back.stdout);
    assert_same(&tree(&target.join("current")), &first);
    assert_eq!(link_name(&target), first_name);

    let unknown = deploy(&site, &["--rollback", "20990101T000000Z-000000000000"], &[]);
    unknown.assert_fails().says("20990101T000000Z-000000000000");
    assert!(unknown.stderr.contains(&second_name), "the known releases are named:\n{}", unknown.stderr);

    deploy(&site, &["--rollback", &second_name], &[]).assert_ok();
    assert_eq!(link_name(&target), second_name);
    let rows = log_rows(&site);
    assert_eq!(rows.iter().filter(|r| r["action"] == "rollback").count(), 2, "{rows:?}");

    // Past `keep` (3 here), the oldest releases go; the live one never does.
    for text in ["Một.", "Hai.", "Ba."] {
        site.write("content/nguoi-dan/dich-vu-cong.md", &page("Dịch vụ công trực tuyến", "", text));
        deploy(&site, &[], &[]).assert_ok();
    }
    let kept: Vec<String> = std::fs::read_dir(target.join("releases"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".gz"))
        .collect();
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert!(kept.contains(&link_name(&target)));
    assert_same(&tree(&target.join("current")), &built(&site));
}

#[test]
fn a_killed_dir_deploy_leaves_the_live_site_and_a_second_deploy_is_refused_meanwhile() {
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("www");
    let site = dir_site(&target);
    deploy(&site, &[], &[]).assert_ok();
    let live = snapshot(&target.join("current").canonicalize().unwrap());
    let live_name = link_name(&target);

    edit_one_page(&site);
    let halted = Halted::start(&site, &[], &[], "before-switch");
    let second = deploy(&site, &["--no-build"], &[]);
    second.assert_fails().says("một lần đăng khác đang chạy");
    halted.kill();

    assert_eq!(link_name(&target), live_name);
    assert_same(&tree(&target.join("current")), &live);
    let next = deploy(&site, &["--no-build"], &[]);
    next.assert_ok();
    assert_same(&tree(&target.join("current")), &built(&site));
    assert_eq!(log_rows(&site).len(), 2, "the killed deploy is not recorded");
}

#[test]
fn a_foreign_folder_is_refused_and_left_as_it_was() {
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("www");
    std::fs::create_dir_all(target.join("tin-tuc")).unwrap();
    std::fs::write(target.join("index.html"), "<p>cổng cũ</p>").unwrap();
    std::fs::write(target.join("tin-tuc/bai.html"), "<p>bài cũ</p>").unwrap();
    let before = snapshot(&target);
    let site = dir_site(&target);
    let run = deploy(&site, &[], &[]);
    run.assert_fails().says("không do loa deploy tạo").says(&target.display().to_string());
    assert_same(&snapshot(&target), &before);
    assert!(std::fs::read_dir(&target).unwrap().count() == 2, "nothing added");
}

#[test]
fn a_build_with_errors_is_never_deployed() {
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("www");
    let site = dir_site(&target);
    deploy(&site, &[], &[]).assert_ok();
    let live = tree(&target.join("current"));
    site.write("content/hieu-dung/hong.md", "---\ntitle: [chưa đóng\n---\nNội dung.\n");
    let run = deploy(&site, &[], &[]);
    run.assert_fails().says("hong.md");
    assert_same(&tree(&target.join("current")), &live);
    assert_eq!(log_rows(&site).len(), 1);
}

#[test]
fn secrets_in_site_yaml_are_refused_without_repeating_them() {
    let place = tempfile::tempdir().unwrap();
    let site = site(&format!(
        "  - name: kho\n    kind: s3\n    bucket: cds\n    endpoint: http://127.0.0.1:9\n    secret_access_key: \
         wJalrXUtnFEMIK7MDENGbPxRfiCYz\n  - name: may\n    kind: dir\n    path: {}\n",
        place.path().join("www").display()
    ));
    let run = deploy(&site, &["--target", "may"], &[]);
    run.assert_fails().says("site.yaml").says("secret_access_key").says("AWS_SECRET_ACCESS_KEY");
    assert!(!run.stderr.contains("wJalrXUtnFEMIK7MDENGbPxRfiCYz"), "the secret was echoed:\n{}", run.stderr);
    assert!(!place.path().join("www").exists());
    assert!(!site.path("public").exists(), "nothing built either");
}

#[test]
fn secrets_under_extra_and_targets_inside_the_site_are_refused() {
    let place = tempfile::tempdir().unwrap();
    let site = dir_site(&place.path().join("www"));
    let yaml = site.read("site.yaml");
    site.write("site.yaml", &format!("{yaml}extra:\n  ban_do:\n    api_key: sk-0123456789abcdef\n"));
    let run = deploy(&site, &[], &[]);
    run.assert_fails().says("extra.ban_do.api_key");
    assert!(!run.stderr.contains("sk-0123456789abcdef"), "{}", run.stderr);

    for inside in ["content/dang", "public/dang", "."] {
        let site = site_with_target(inside);
        let run = deploy(&site, &[], &[]);
        run.assert_fails().says("nằm trong thư mục của trang");
        assert!(!site.path(inside).join("releases").exists(), "{inside}: nothing written");
    }
}

fn site_with_target(path: &str) -> TestSite {
    site(&format!("  - name: trong\n    kind: dir\n    path: {path}\n"))
}

#[test]
fn an_unknown_target_is_named_with_the_known_ones() {
    let place = tempfile::tempdir().unwrap();
    let site = dir_site(&place.path().join("www"));
    let run = deploy(&site, &["--target", "may-chuu"], &[]);
    assert_eq!(run.status, 2, "a usage mistake: {}", run.stderr);
    run.says("may-chuu").says("may-chu");
    assert!(!site.path("public").exists(), "said before building");
}

// ---------------------------------------------------------------------------------------
// ssh: Debian's OpenSSH server and the system's rsync

struct Sshd {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sshd {
    fn start() -> Option<Sshd> {
        let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"].into_iter().find(|p| Path::new(p).is_file());
        let tools = ["ssh", "ssh-keygen", "rsync"].iter().all(|t| Command::new(t).arg("-V").output().is_ok());
        if !needed("sshd, ssh or rsync", sshd.is_some() && tools, "apt-get install openssh-server rsync") {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for key in ["host_key", "user_key"] {
            let made = Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C", "loa-test", "-f"])
                .arg(d.join(key))
                .status()
                .unwrap();
            assert!(made.success());
        }
        std::fs::copy(d.join("user_key.pub"), d.join("authorized_keys")).unwrap();
        let port = free_port();
        let host_key = std::fs::read_to_string(d.join("host_key.pub")).unwrap();
        let mut words = host_key.split_whitespace();
        let (kind, key) = (words.next().unwrap(), words.next().unwrap());
        std::fs::write(d.join("known_hosts"), format!("[127.0.0.1]:{port} {kind} {key}\n")).unwrap();
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n\
             AuthorizedKeysFile {d}/authorized_keys\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             UsePAM no\nPermitRootLogin prohibit-password\nStrictModes no\nLogLevel VERBOSE\n",
            d = d.display()
        );
        std::fs::write(d.join("sshd_config"), config).unwrap();
        // The privilege-separation folder Debian's package makes at boot.
        let _ = std::fs::create_dir_all("/run/sshd");
        let mut child = Command::new(sshd.unwrap())
            .args(["-D", "-e", "-f"])
            .arg(d.join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut said = String::new();
        loop {
            match lines.next() {
                Some(Ok(line)) if line.contains("Server listening on") => break,
                Some(Ok(line)) => said.push_str(&format!("{line}\n")),
                _ => panic!("sshd did not start:\n{said}"),
            }
        }
        // Keep reading its log so it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Some(Sshd { child, dir, port })
    }

    fn env(&self) -> Vec<(String, String)> {
        let d = self.dir.path().display();
        let ssh = format!(
            "ssh -F /dev/null -p {} -i {d}/user_key -o IdentitiesOnly=yes -o UserKnownHostsFile={d}/known_hosts \
             -o StrictHostKeyChecking=yes -o BatchMode=yes",
            self.port
        );
        vec![("LOA_SSH".into(), ssh)]
    }

    fn host(&self) -> String {
        format!("{}@127.0.0.1", command_output("id", &["-un"]))
    }
}

fn ssh_site(server: &Sshd, path: &Path) -> TestSite {
    site(&format!(
        "  - name: cong\n    kind: ssh\n    host: {}\n    path: {}\n",
        server.host(),
        path.display()
    ))
}

#[test]
fn an_ssh_deploy_sends_changed_files_switches_atomically_and_rolls_back() {
    let Some(server) = Sshd::start() else { return };
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("srv/cds");
    let site = ssh_site(&server, &target);
    let env = server.env();

    let first = deploy(&site, &[], &env);
    first.assert_ok();
    let files = built(&site);
    assert_eq!(sent(&first), files.len(), "{}", first.stdout);
    assert_same(&tree(&target.join("current")), &files);
    let first_tree = tree(&target.join("current"));
    let first_name = link_name(&target);

    edit_one_page(&site);
    let dry = deploy(&site, &["--dry-run"], &env);
    dry.assert_ok();
    let second = deploy(&site, &[], &env);
    second.assert_ok();
    let changed = sent(&second);
    assert_eq!(sent(&dry), changed);
    assert!(changed > 0 && changed * 4 < files.len(), "{}", second.stdout);
    assert_same(&tree(&target.join("current")), &built(&site));
    let rows = log_rows(&site);
    assert_eq!(rows.last().unwrap()["kind"], "ssh");
    assert_eq!(rows.last().unwrap()["files_sent"], changed.to_string());

    let list = deploy(&site, &["--list"], &env);
    list.assert_ok();
    assert!(list.stdout.contains(&first_name), "{}", list.stdout);
    assert!(
        list.stdout.lines().any(|l| l.contains(&link_name(&target)) && l.contains("đang chạy")),
        "{}",
        list.stdout
    );

    deploy(&site, &["--rollback"], &env).assert_ok();
    assert_eq!(link_name(&target), first_name);
    assert_same(&tree(&target.join("current")), &first_tree);
}

#[test]
fn a_killed_ssh_deploy_leaves_the_live_site_and_a_second_deploy_is_refused_meanwhile() {
    let Some(server) = Sshd::start() else { return };
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("cds");
    let site = ssh_site(&server, &target);
    let env = server.env();
    deploy(&site, &[], &env).assert_ok();
    let live = tree(&target.join("current"));
    let live_name = link_name(&target);

    edit_one_page(&site);
    let halted = Halted::start(&site, &[], &env, "after-rsync");
    deploy(&site, &["--no-build"], &env).assert_fails().says("một lần đăng khác đang chạy");
    halted.kill();
    assert_eq!(link_name(&target), live_name);
    assert_same(&tree(&target.join("current")), &live);

    let next = until_not_busy(|| deploy(&site, &["--no-build"], &env));
    next.assert_ok();
    assert_same(&tree(&target.join("current")), &built(&site));
}

#[test]
fn an_ssh_target_holding_other_files_is_refused_and_left_as_it_was() {
    let Some(server) = Sshd::start() else { return };
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("html");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("index.html"), "<p>trang cũ</p>").unwrap();
    let before = snapshot(&target);
    let site = ssh_site(&server, &target);
    deploy(&site, &[], &server.env()).assert_fails().says("không do loa deploy tạo");
    assert_same(&snapshot(&target), &before);
}

// ---------------------------------------------------------------------------------------
// s3: the s3s-fs server

struct S3 {
    child: Child,
    root: tempfile::TempDir,
    port: u16,
}

impl Drop for S3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ACCESS_KEY: &str = "loa-test-access";
const SECRET_KEY: &str = "loa-test-secret";

impl S3 {
    fn start() -> Option<S3> {
        let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/bin/s3s-fs");
        let binary = if local.is_file() {
            Some(local)
        } else {
            Command::new("s3s-fs").arg("--version").output().ok().map(|_| PathBuf::from("s3s-fs"))
        };
        let install = "cargo install --root target/tools s3s-fs --version 0.14.1 --features binary --locked";
        if !needed("s3s-fs", binary.is_some(), install) {
            return None;
        }
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("kho")).unwrap();
        let port = free_port();
        let child = Command::new(binary.unwrap())
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--access-key", ACCESS_KEY])
            .args(["--secret-key", SECRET_KEY])
            .arg(root.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = S3 { child, root, port };
        // It says nothing when ready: wait for its port to answer.
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "s3s-fs did not start on port {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(server)
    }

    fn env(&self) -> Vec<(String, String)> {
        vec![
            ("AWS_ACCESS_KEY_ID".into(), ACCESS_KEY.into()),
            ("AWS_SECRET_ACCESS_KEY".into(), SECRET_KEY.into()),
            ("AWS_REGION".into(), "us-east-1".into()),
        ]
    }

    /// The site's objects as the server stores them, loa's own state left out.
    fn site_objects(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        snapshot(&self.root.path().join("kho/cds"))
            .into_iter()
            .filter(|(p, _)| !p.starts_with(".loa"))
            .collect()
    }

    /// Content-Type and Cache-Control of one object, read back through the S3 API.
    fn headers(&self, key: &str) -> (String, String) {
        use object_store::ObjectStoreExt as _;
        let store = object_store::aws::AmazonS3Builder::new()
            .with_endpoint(format!("http://127.0.0.1:{}", self.port))
            .with_allow_http(true)
            .with_bucket_name("kho")
            .with_region("us-east-1")
            .with_access_key_id(ACCESS_KEY)
            .with_secret_access_key(SECRET_KEY)
            .build()
            .unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let got = runtime.block_on(store.get(&object_store::path::Path::from(key))).unwrap();
        let attribute = |a| got.attributes.get(&a).map(|v| v.to_string()).unwrap_or_default();
        (attribute(object_store::Attribute::ContentType), attribute(object_store::Attribute::CacheControl))
    }
}

fn s3_site(server: &S3, extra: &str) -> TestSite {
    site(&format!(
        "  - name: kho\n    kind: s3\n    bucket: kho\n    endpoint: http://127.0.0.1:{}\n    prefix: cds/\n{extra}",
        server.port
    ))
}

#[test]
fn an_s3_deploy_sends_what_differs_with_types_and_cache_headers() {
    let Some(server) = S3::start() else { return };
    let site = s3_site(&server, "");
    let env = server.env();

    let no_keys = deploy(&site, &[], &[]);
    no_keys.assert_fails().says("AWS_ACCESS_KEY_ID");
    assert!(server.site_objects().is_empty());

    let first = deploy(&site, &[], &env);
    first.assert_ok();
    let files = built(&site);
    assert_eq!(sent(&first), files.len(), "{}", first.stdout);
    assert_same(&server.site_objects(), &files);

    let (html_type, html_cache) = server.headers("cds/index.html");
    assert_eq!(html_type, "text/html; charset=utf-8");
    assert_eq!(html_cache, "public, max-age=300");
    let style = common::fingerprinted(&site.path("public"), "style", "css");
    let style_key = format!("cds/{}", style.file_name().unwrap().to_string_lossy());
    let (css_type, css_cache) = server.headers(&style_key);
    assert_eq!(css_type, "text/css; charset=utf-8");
    assert_eq!(css_cache, "public, max-age=31536000, immutable");
    assert!(server.headers("cds/rss.xml").0.starts_with("application/rss+xml; charset=utf-8"));

    let again = deploy(&site, &["--dry-run"], &env);
    assert!(again.stdout.contains("đã đúng bản dựng này"), "{}", again.stdout);

    edit_one_page(&site);
    let second = deploy(&site, &[], &env);
    second.assert_ok();
    assert!(sent(&second) > 0 && sent(&second) * 4 < files.len(), "{}", second.stdout);
    assert_same(&server.site_objects(), &built(&site));
    assert_eq!(log_rows(&site).last().unwrap()["kind"], "s3");
}

#[test]
fn a_killed_s3_deploy_keeps_every_published_link_working_and_the_next_one_finishes() {
    let Some(server) = S3::start() else { return };
    let site = s3_site(&server, "");
    let env = server.env();
    deploy(&site, &[], &env).assert_ok();
    let before = server.site_objects();

    // A new explainer: its page must be there before the lists that link to it.
    site.write("content/nguoi-dan/vneid.md", &page("Tài khoản định danh điện tử", "", "Mở ứng dụng VNeID."));
    let halted = Halted::start(&site, &[], &env, "after-upload-1");
    deploy(&site, &["--no-build"], &env).assert_fails().says("một lần đăng khác đang chạy");
    halted.kill();

    let during = server.site_objects();
    let home = Path::new("index.html");
    assert_eq!(during[home], before[home], "the home page still lists the old set");
    let new_page = Path::new("nguoi-dan/vneid/index.html");
    for (path, bytes) in &during {
        if before.get(path) != Some(bytes) {
            assert!(
                !before.contains_key(path) || path == new_page,
                "only the new page went up first: {path:?}"
            );
        }
    }

    let next = deploy(&site, &["--no-build"], &env);
    next.assert_ok();
    assert_same(&server.site_objects(), &built(&site));
}

#[test]
fn s3_rollback_restores_the_previous_release_and_many_deletes_need_yes() {
    let Some(server) = S3::start() else { return };
    let site = s3_site(&server, "    max_deletes: 3\n");
    let env = server.env();
    deploy(&site, &[], &env).assert_ok();
    let first = server.site_objects();
    edit_one_page(&site);
    deploy(&site, &[], &env).assert_ok();
    assert_ne!(server.site_objects(), first);

    let back = deploy(&site, &["--rollback"], &env);
    back.assert_ok();
    assert_same(&server.site_objects(), &first);

    // Removing two explainers deletes their pages and more: past max_deletes it stops.
    std::fs::remove_file(site.path("content/hieu-dung/cntt.md")).unwrap();
    std::fs::remove_file(site.path("content/nguoi-dan/dich-vu-cong.md")).unwrap();
    let before = server.site_objects();
    let guarded = deploy(&site, &[], &env);
    guarded.assert_fails().says("max_deletes").says("--yes");
    assert_same(&server.site_objects(), &before);
    deploy(&site, &["--yes", "--no-build"], &env).assert_ok();
    assert_same(&server.site_objects(), &built(&site));
}

// ---------------------------------------------------------------------------------------
// The deploys in the dissemination report

#[test]
fn the_report_lists_the_deploys_of_its_period_as_evidence_of_publication() {
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("www");
    let site = dir_site(&target);
    deploy(&site, &[], &[]).assert_ok();
    let release = link_name(&target);
    // A row the report cannot read is left out with a warning, the others kept.
    let log = site.read("deploys.csv");
    site.write("deploys.csv", &format!("{log}không phải một dòng,\n"));
    let root = site.root().to_str().unwrap();

    let json = common::loa(&["report", "--root", root, "--format", "json"]);
    json.assert_ok();
    assert!(json.stderr.contains("1 dòng của nhật ký đăng bài"), "{}", json.stderr);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let deploys = report["deploys"].as_array().unwrap();
    assert_eq!(deploys.len(), 1, "{deploys:?}");
    assert_eq!(deploys[0]["release"], release.as_str());
    assert_eq!(deploys[0]["target"], "may-chu");
    assert_eq!(deploys[0]["action"], "deploy");
    assert_eq!(deploys[0]["files_sent"], built(&site).len() as u64);

    let markdown = common::loa(&["report", "--root", root]);
    markdown.assert_ok();
    assert!(markdown.stdout.contains("Các lần đăng lên cổng thông tin"), "{}", markdown.stdout);
    assert!(markdown.stdout.contains("Đăng bản mới"), "{}", markdown.stdout);

    let other = common::loa(&["report", "--root", root, "--from", "2020-01", "--format", "json"]);
    other.assert_ok();
    let report: serde_json::Value = serde_json::from_str(&other.stdout).unwrap();
    assert_eq!(report["deploys"].as_array().map(Vec::len), Some(0), "a deploy outside the period");

    // The department's merged report keeps each unit's deploys, named by unit.
    let unit_json = place.path().join("don-vi.json");
    std::fs::write(&unit_json, &json.stdout).unwrap();
    let merged = common::loa(&["report", "--merge", unit_json.to_str().unwrap(), "--format", "json"]);
    merged.assert_ok();
    let report: serde_json::Value = serde_json::from_str(&merged.stdout).unwrap();
    assert_eq!(report["deploys"][0]["release"], release.as_str());
    assert_eq!(report["deploys"][0]["unit"], "UBND tỉnh thử");
}
