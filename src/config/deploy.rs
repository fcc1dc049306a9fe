//! The `deploy:` block of site.yaml: where `loa deploy` publishes the site. Only names
//! and places live here; a key that looks like a credential is an error, because
//! site.yaml travels with the site (shared folders, version control) and secrets belong
//! in the environment, the SSH agent or ~/.ssh/config.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Span};
use crate::messages::{DeployMessage, Expected, Message};
use crate::yaml::{scalar_text, Fields, Value};

/// Releases a `dir` or `ssh` target keeps unless `keep` says otherwise.
pub const DEFAULT_KEEP: usize = 5;
/// Deletions an `s3` deploy makes at most unless `max_deletes` says otherwise.
pub const DEFAULT_MAX_DELETES: usize = 256;

const COMMON_KEYS: &[&str] = &["name", "kind", "keep"];
const DIR_KEYS: &[&str] = &["path"];
const SSH_KEYS: &[&str] = &["host", "path"];
const S3_KEYS: &[&str] = &["bucket", "endpoint", "region", "prefix", "max_deletes"];

/// Parts of key names that mark a credential.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "access_key",
    "private_key",
    "credential",
    "api_key",
    "identity",
    "key_file",
    "auth",
    "pass",
    "mat_khau",
    "matkhau",
    "bi_mat",
];

/// Where a target's files go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeployKind {
    /// A folder on this machine or a mounted share.
    Dir,
    /// A folder on a server, reached with the system's `rsync` and `ssh`.
    Ssh,
    /// S3-compatible object storage.
    S3,
}

impl DeployKind {
    pub fn name(self) -> &'static str {
        match self {
            DeployKind::Dir => "dir",
            DeployKind::Ssh => "ssh",
            DeployKind::S3 => "s3",
        }
    }

    fn parse(text: &str) -> Option<DeployKind> {
        match text.trim() {
            "dir" => Some(DeployKind::Dir),
            "ssh" => Some(DeployKind::Ssh),
            "s3" => Some(DeployKind::S3),
            _ => None,
        }
    }

    fn keys(self) -> &'static [&'static str] {
        match self {
            DeployKind::Dir => DIR_KEYS,
            DeployKind::Ssh => SSH_KEYS,
            DeployKind::S3 => S3_KEYS,
        }
    }
}

/// One entry of `deploy:`.
#[derive(Debug, Clone, PartialEq)]
pub struct DeployTarget {
    pub name: String,
    pub kind: DeployKind,
    /// `dir`: a folder (relative to the site's folder); `ssh`: a folder on the server.
    pub path: String,
    /// `ssh`: `user@host` or a ~/.ssh/config alias.
    pub host: String,
    pub bucket: String,
    /// `s3`: the service's address; none means Amazon S3.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// `s3`: the folder inside the bucket, empty or ending with `/`.
    pub prefix: String,
    pub keep: usize,
    pub max_deletes: usize,
    /// The line of the target's entry in site.yaml.
    pub span: Option<Span>,
}

/// Reads `deploy:`; problems go into `fields`.
pub fn read(fields: &mut Fields, text: &str) -> Vec<DeployTarget> {
    let Some((value, span)) = fields.value("deploy") else {
        return Vec::new();
    };
    let file = fields.file().to_path_buf();
    let lines = item_key_lines(text, span.map_or(0, |s| s.line));
    let Value::Sequence(items) = value else {
        fields.report(
            Diagnostic::error(Message::WrongType { key: "deploy".into(), expected: Expected::DeployList })
                .in_file(&file)
                .at_opt(span)
                .help(Message::HelpWriteAs { expected: Expected::DeployList }),
        );
        return Vec::new();
    };
    let mut targets: Vec<DeployTarget> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let at = |key: &str| {
            lines
                .iter()
                .find(|(i, k, _)| *i == index && k == key)
                .or_else(|| lines.iter().find(|(i, _, _)| *i == index))
                .map(|(_, _, line)| Span::new(*line, 1))
                .or(span)
        };
        let mut problem = |d: Diagnostic| fields.report(d.in_file(&file));
        if let Some(target) = read_target(item, index, &at, &mut problem) {
            if let Some(first) = targets.iter().find(|t| t.name == target.name) {
                let first_line = first.span.map_or(0, |s| s.line);
                problem(
                    Diagnostic::error(Message::Deploy(DeployMessage::DuplicateName {
                        name: target.name.clone(),
                        first_line,
                    }))
                    .at_opt(at("name")),
                );
                continue;
            }
            targets.push(target);
        }
    }
    targets
}

fn read_target(
    item: &Value,
    index: usize,
    at: &dyn Fn(&str) -> Option<Span>,
    problem: &mut dyn FnMut(Diagnostic),
) -> Option<DeployTarget> {
    let Value::Mapping(map) = item else {
        problem(
            Diagnostic::error(Message::WrongType {
                key: format!("deploy[{}]", index + 1),
                expected: Expected::DeployList,
            })
            .at_opt(at(""))
            .help(Message::HelpWriteAs { expected: Expected::DeployList }),
        );
        return None;
    };
    let mut secret_found = false;
    for (key, value) in map {
        let key = scalar_text(key).unwrap_or_default();
        if looks_secret(&key, value) {
            secret_found = true;
            problem(
                Diagnostic::error(Message::Deploy(DeployMessage::SecretInConfig { key: key.clone() }))
                    .at_opt(at(&key))
                    .help(Message::Deploy(DeployMessage::HelpWhereSecretsGo)),
            );
        }
    }
    let get = |key: &str| {
        map.get(key).and_then(scalar_text).map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
    };
    let name = get("name").unwrap_or_default();
    if !is_target_name(&name) {
        problem(
            Diagnostic::error(Message::Deploy(DeployMessage::BadTargetName { name: name.clone() }))
                .at_opt(at("name"))
                .help(Message::Deploy(DeployMessage::HelpTargetName)),
        );
        return None;
    }
    let Some(kind) = get("kind").as_deref().and_then(DeployKind::parse) else {
        problem(
            Diagnostic::error(Message::Deploy(DeployMessage::BadKind {
                name: name.clone(),
                kind: get("kind").unwrap_or_default(),
            }))
            .at_opt(at("kind")),
        );
        return None;
    };
    let mut ok = !secret_found;
    for (key, _) in map {
        let key = scalar_text(key).unwrap_or_default();
        if COMMON_KEYS.contains(&key.as_str())
            || kind.keys().contains(&key.as_str())
            || looks_secret(&key, &Value::Null)
        {
            continue;
        }
        let known: Vec<&str> = COMMON_KEYS.iter().chain(kind.keys()).copied().collect();
        let help = match crate::text::closest(&key, &known, 3) {
            Some(s) => Message::DidYouMean { suggestion: s.to_string() },
            None => Message::HelpKnownKeys { keys: known.join(", ") },
        };
        problem(
            Diagnostic::warning(Message::UnknownKey { key: format!("deploy.{name}.{key}") })
                .at_opt(at(&key))
                .help(help),
        );
    }
    let mut required = |key: &str, valid: fn(&str) -> bool| -> String {
        match get(key) {
            Some(v) if valid(&v) => v,
            found => {
                ok = false;
                let message = match found {
                    None => DeployMessage::MissingKey {
                        name: name.clone(),
                        key: key.to_string(),
                        kind: kind.name(),
                    },
                    Some(value) => {
                        DeployMessage::BadValue { name: name.clone(), key: key.to_string(), value }
                    }
                };
                problem(Diagnostic::error(Message::Deploy(message)).at_opt(at(key)));
                String::new()
            }
        }
    };
    let (path, host, bucket) = match kind {
        DeployKind::Dir => (required("path", is_safe_path), String::new(), String::new()),
        DeployKind::Ssh => (required("path", is_safe_path), required("host", is_ssh_host), String::new()),
        DeployKind::S3 => (String::new(), String::new(), required("bucket", is_bucket_name)),
    };
    let endpoint = get("endpoint");
    if let Some(endpoint) = &endpoint {
        let plain = endpoint.starts_with("https://") || endpoint.starts_with("http://");
        if !plain || endpoint.contains(|c: char| c.is_whitespace() || c.is_control()) {
            ok = false;
            problem(
                Diagnostic::error(Message::Deploy(DeployMessage::BadValue {
                    name: name.clone(),
                    key: "endpoint".into(),
                    value: endpoint.clone(),
                }))
                .at_opt(at("endpoint"))
                .help(Message::HelpWriteAs { expected: Expected::Url }),
            );
        }
    }
    let mut prefix = get("prefix").unwrap_or_default().trim_matches('/').to_string();
    if !prefix.is_empty() {
        if !is_safe_path(&prefix) || prefix.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
            ok = false;
            problem(
                Diagnostic::error(Message::Deploy(DeployMessage::BadValue {
                    name: name.clone(),
                    key: "prefix".into(),
                    value: prefix.clone(),
                }))
                .at_opt(at("prefix")),
            );
        }
        prefix.push('/');
    }
    let mut count = |key: &str, default: usize| -> usize {
        match map.get(key) {
            None | Some(Value::Null) => default,
            Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n >= 1) => n.as_u64().unwrap_or(1) as usize,
            Some(_) => {
                ok = false;
                problem(
                    Diagnostic::error(Message::WrongType {
                        key: format!("deploy.{name}.{key}"),
                        expected: Expected::Integer,
                    })
                    .at_opt(at(key))
                    .help(Message::HelpWriteAs { expected: Expected::Integer }),
                );
                default
            }
        }
    };
    let keep = count("keep", DEFAULT_KEEP);
    let max_deletes = count("max_deletes", DEFAULT_MAX_DELETES);
    ok.then(|| DeployTarget {
        name: name.clone(),
        kind,
        path,
        host,
        bucket,
        endpoint,
        region: get("region"),
        prefix,
        keep,
        max_deletes,
        span: at("name"),
    })
}

/// A key named like a credential, or a value that is one (a private key, an access key
/// id, a password inside an address, `user:password@host`).
pub fn looks_secret(key: &str, value: &Value) -> bool {
    let key = key.to_ascii_lowercase().replace('-', "_");
    if SECRET_WORDS.iter().any(|w| key.contains(w)) || key == "key" || key == "pass" {
        return true;
    }
    let Some(text) = scalar_text(value) else { return false };
    let text = text.trim();
    let access_key_id = text.len() == 20
        && (text.starts_with("AKIA") || text.starts_with("ASIA"))
        && text.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let password_in_address =
        text.split_once("://").and_then(|(_, rest)| rest.split('/').next()).is_some_and(|authority| {
            authority.contains('@') && authority.split('@').next().is_some_and(|u| u.contains(':'))
        });
    // `deploy:MatKhau@portal`: the ssh form of a password in an address.
    let password_in_host = !text.contains("://")
        && !text.contains(char::is_whitespace)
        && text.split_once('@').is_some_and(|(user, _)| user.contains(':'));
    text.contains("PRIVATE KEY") || access_key_id || password_in_address || password_in_host
}

/// Target names are used on the command line and in the deploy log.
fn is_target_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A folder name that is safe inside a quoted shell word and in rsync's arguments.
fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(|c: char| c.is_control() || c == '\'' || c == '\\')
        && !path.starts_with('-')
}

/// `host`, `user@host`, an alias, or an IPv6 address in brackets; never an option.
fn is_ssh_host(host: &str) -> bool {
    !host.starts_with('-')
        && host.len() <= 255
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-@[]:".contains(&b))
}

/// S3 bucket names: lower-case letters, digits, dots and hyphens.
fn is_bucket_name(bucket: &str) -> bool {
    (3..=63).contains(&bucket.len())
        && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

/// Line of each `key:` of each list item below the line `from` (1-based), as
/// (item index, key, line). An item starts at a line whose first non-space is `-`.
fn item_key_lines(text: &str, from: usize) -> Vec<(usize, String, usize)> {
    let mut found = Vec::new();
    let mut item: Option<usize> = None;
    for (i, line) in text.lines().enumerate().skip(from) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.len() == trimmed.len() && !trimmed.starts_with('-') {
            break;
        }
        let rest = match trimmed.strip_prefix('-') {
            Some(rest) => {
                item = Some(item.map_or(0, |n| n + 1));
                rest.trim_start()
            }
            None => trimmed,
        };
        if let (Some(n), Some((key, _))) = (item, rest.split_once(':')) {
            found.push((n, key.trim().trim_matches(|c| c == '"' || c == '\'').to_string(), i + 1));
        }
    }
    found
}

/// The target `name`, or the first one.
pub fn find<'a>(targets: &'a [DeployTarget], name: Option<&str>) -> Option<&'a DeployTarget> {
    match name {
        Some(name) => targets.iter().find(|t| t.name == name),
        None => targets.first(),
    }
}

/// A `dir` target's folder: relative paths are relative to the site's folder.
pub fn dir_path(target: &DeployTarget, root: &Path) -> std::path::PathBuf {
    root.join(&target.path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;

    fn parse(yaml: &str) -> (Vec<DeployTarget>, String) {
        let text = format!("title: T\n{yaml}");
        let (config, diagnostics) = SiteConfig::parse(&text, Path::new("site.yaml"));
        let shown = diagnostics.render(crate::messages::Lang::En, Path::new("."));
        (config.map(|c| c.deploy).unwrap_or_default(), shown)
    }

    #[test]
    fn targets_of_each_kind_are_read_with_their_defaults() {
        let (targets, shown) = parse(
            "deploy:\n  - name: cong\n    kind: ssh\n    host: deploy@portal.example.vn\n    path: /srv/cds\n  \
             - name: kho\n    kind: s3\n    bucket: cds-langson\n    endpoint: http://127.0.0.1:9000\n    prefix: /chuyen-doi-so\n    max_deletes: 10\n  \
             - name: chia-se\n    kind: dir\n    path: ../portal\n    keep: 3\n",
        );
        assert_eq!(shown, "", "no problems");
        assert_eq!(targets.len(), 3);
        assert_eq!(
            (targets[0].kind, targets[0].keep, targets[0].host.as_str()),
            (DeployKind::Ssh, 5, "deploy@portal.example.vn")
        );
        assert_eq!((targets[1].prefix.as_str(), targets[1].max_deletes), ("chuyen-doi-so/", 10));
        assert_eq!((targets[2].kind, targets[2].keep), (DeployKind::Dir, 3));
        assert_eq!(targets[1].span, Some(Span::new(7, 1)));
        assert_eq!(find(&targets, None).map(|t| t.name.as_str()), Some("cong"));
        assert_eq!(find(&targets, Some("kho")).map(|t| t.name.as_str()), Some("kho"));
    }

    #[test]
    fn credentials_are_refused_by_their_key_or_their_look_without_repeating_them() {
        let (targets, shown) = parse(
            "deploy:\n  - name: kho\n    kind: s3\n    bucket: cds\n    secret_access_key: abc123SECRET\n  \
             - name: may\n    kind: ssh\n    host: a\n    path: /srv\n    password: hunter2\n  \
             - name: ba\n    kind: s3\n    bucket: cds\n    endpoint: https://u:p4ss@s3.example.vn\n  \
             - name: bon\n    kind: ssh\n    host: deploy:MatKhau2026@portal.example.vn\n    path: /srv\n  \
             - name: nam\n    kind: ssh\n    host: a\n    path: /srv\n    mat_khau: hunter3\n",
        );
        assert!(targets.is_empty(), "{targets:?}");
        assert!(shown.contains("site.yaml:6"), "{shown}");
        assert!(
            shown.contains("secret_access_key") && shown.contains("password") && shown.contains("endpoint"),
            "{shown}"
        );
        assert!(shown.contains("AWS_SECRET_ACCESS_KEY") && shown.contains("~/.ssh/config"), "{shown}");
        assert!(shown.contains("\"host\"") && shown.contains("mat_khau"), "{shown}");
        for secret in ["abc123SECRET", "hunter2", "p4ss", "MatKhau2026", "hunter3"] {
            assert!(!shown.contains(secret), "the secret itself is never shown: {shown}");
        }
    }

    #[test]
    fn hostile_hosts_paths_and_names_are_refused() {
        let (targets, shown) = parse(
            "deploy:\n  - name: a\n    kind: ssh\n    host: -oProxyCommand=evil\n    path: /srv\n  \
             - name: b\n    kind: ssh\n    host: portal\n    path: \"/srv/x'; rm -rf /\"\n  \
             - name: C D\n    kind: dir\n    path: x\n  - name: d\n    kind: ftp\n  - name: e\n    kind: dir\n",
        );
        assert!(targets.is_empty(), "{targets:?}");
        for expected in ["host", "path", "C D", "ftp", "missing"] {
            assert!(shown.contains(expected), "{expected}: {shown}");
        }
    }

    #[test]
    fn two_targets_with_one_name_and_unknown_keys_are_reported() {
        let (targets, shown) = parse(
            "deploy:\n  - name: a\n    kind: dir\n    path: x\n  - name: a\n    kind: dir\n    path: z\n",
        );
        assert!(targets.is_empty(), "a site.yaml with errors is refused whole: {targets:?}");
        assert!(shown.contains("site.yaml:6"), "the second `a` is pointed at: {shown}");
        assert!(shown.contains("line 3"), "and the first: {shown}");

        let (targets, shown) = parse("deploy:\n  - name: a\n    kind: dir\n    path: x\n    bukcet: y\n");
        assert_eq!(targets.len(), 1, "an unknown key is a warning, as elsewhere in site.yaml");
        assert!(shown.starts_with("warning"), "{shown}");
        assert!(shown.contains("deploy.a.bukcet") && shown.contains("site.yaml:6"), "{shown}");
    }
}
