//! The editor on a preview open to the network (`--allow-remote`): only with a
//! password from the environment variable `LOA_EDIT_PASSWORD` (never from site.yaml,
//! which is published with the site's sources). A right password opens a session held
//! in a cookie (`HttpOnly`, `SameSite=Strict`, for 12 hours); five wrong ones from one
//! address in 15 minutes make that address wait.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The environment variable that holds the password.
pub const PASSWORD_VARIABLE: &str = "LOA_EDIT_PASSWORD";
/// The session cookie's name.
pub const COOKIE: &str = "loa_phien";
const SESSION: Duration = Duration::from_secs(12 * 60 * 60);
const WINDOW: Duration = Duration::from_secs(15 * 60);
const TRIES: usize = 5;

pub struct Login {
    password: String,
    sessions: Mutex<HashMap<String, Instant>>,
    failures: Mutex<HashMap<IpAddr, Vec<Instant>>>,
}

/// What a login attempt gives.
pub enum Attempt {
    /// The session's cookie value.
    Opened(String),
    Wrong,
    /// Too many wrong passwords from this address: minutes to wait.
    Wait(u64),
}

impl Login {
    /// From the environment: `None` when the variable is unset or empty.
    pub fn from_env() -> Option<Login> {
        let password = std::env::var(PASSWORD_VARIABLE).ok().filter(|p| !p.is_empty())?;
        Some(Login { password, sessions: Mutex::default(), failures: Mutex::default() })
    }

    pub fn attempt(&self, from: IpAddr, password: &str) -> Attempt {
        let now = Instant::now();
        let mut failures = crate::lock(&self.failures);
        let recent = failures.entry(from).or_default();
        recent.retain(|t| now.duration_since(*t) < WINDOW);
        if recent.len() >= TRIES {
            let waited = now.duration_since(recent[0]);
            return Attempt::Wait(WINDOW.saturating_sub(waited).as_secs().div_ceil(60).max(1));
        }
        if !same(password.as_bytes(), self.password.as_bytes()) {
            recent.push(now);
            return Attempt::Wrong;
        }
        failures.remove(&from);
        let session = format!("{}{}", super::random_hex(), super::random_hex());
        let mut sessions = crate::lock(&self.sessions);
        sessions.retain(|_, at| now.duration_since(*at) < SESSION);
        sessions.insert(session.clone(), now);
        Attempt::Opened(session)
    }

    /// Does the request's `Cookie` header hold an open session?
    pub fn allows(&self, cookie_header: &str) -> bool {
        let now = Instant::now();
        let sessions = crate::lock(&self.sessions);
        cookie_header.split(';').filter_map(|c| c.trim().split_once('=')).any(|(name, value)| {
            name == COOKIE && sessions.get(value).is_some_and(|at| now.duration_since(*at) < SESSION)
        })
    }
}

/// Compares in a time that does not depend on where the texts differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i % b.len().max(1)).copied().unwrap_or(0));
    }
    diff == 0
}

/// The login page.
pub fn page(base: &str, said: &str) -> String {
    let alert = if said.is_empty() { String::new() } else { format!("<p role=\"alert\">{said}</p>") };
    super::page(
        "Đăng nhập để sửa bài",
        &format!(
            "{alert}<form method=\"post\" action=\"{base}__loa/edit/dang-nhap\"><p><label for=\"mat-khau\">Mật khẩu</label>\
             <input type=\"password\" id=\"mat-khau\" name=\"password\" autocomplete=\"current-password\" required></p>\
             <p><button type=\"submit\">Đăng nhập</button></p></form>\
             <p class=\"hint\">Mật khẩu do cán bộ chạy loa serve đặt trong biến môi trường {PASSWORD_VARIABLE}.</p>"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_passwords_make_an_address_wait_and_a_right_one_opens_a_session() {
        let login =
            Login { password: "mật khẩu".into(), sessions: Mutex::default(), failures: Mutex::default() };
        let (one, two): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        for _ in 0..5 {
            assert!(matches!(login.attempt(one, "sai"), Attempt::Wrong));
        }
        assert!(matches!(login.attempt(one, "mật khẩu"), Attempt::Wait(15)));
        let Attempt::Opened(session) = login.attempt(two, "mật khẩu") else { panic!("not opened") };
        assert!(login.allows(&format!("a=b; {COOKIE}={session}")));
        assert!(!login.allows(&format!("{COOKIE}=khac")));
        assert!(!same(b"abc", b"abcd") && same(b"abc", b"abc") && !same(b"", b"a"));
    }
}
