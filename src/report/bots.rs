//! Crawlers, bots and monitors, told by their User-Agent from `crawlers.txt` (derived
//! from the npm package crawler-user-agents, MIT: see crawlers.LICENSE).
//!
//! A log repeats a few thousand user agents millions of times, so each reader thread
//! keeps the answers it already gave; the patterns run once per distinct agent.

use std::collections::HashMap;
use std::hash::BuildHasher;

use regex::bytes::Regex;

const PATTERNS: &str = include_str!("crawlers.txt");

/// Distinct user agents remembered per thread before the memory is cleared.
const REMEMBERED: usize = 100_000;

pub struct Bots {
    any: Regex,
}

impl Bots {
    pub fn new() -> Bots {
        let mut kept: Vec<&str> = Vec::new();
        let mut removed: Vec<&str> = Vec::new();
        for line in PATTERNS.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            match line.strip_prefix('!') {
                Some(pattern) => removed.push(pattern),
                None => kept.push(line),
            }
        }
        kept.retain(|p| !removed.contains(p));
        let alternation = kept.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|");
        // Part of the program: a pattern the crate cannot compile fails the tests.
        let any = regex::bytes::RegexBuilder::new(&alternation)
            .unicode(false)
            .size_limit(64 << 20)
            .build()
            .expect("crawlers.txt compiles");
        Bots { any }
    }

    pub fn is_bot(&self, user_agent: &[u8]) -> bool {
        self.any.is_match(user_agent)
    }
}

impl Default for Bots {
    fn default() -> Self {
        Bots::new()
    }
}

/// One thread's memory of the agents it has classified, by a keyed hash of the agent.
pub struct Remembered<'a> {
    bots: &'a Bots,
    keyed: std::collections::hash_map::RandomState,
    answers: HashMap<u64, bool, rustc_hash::FxBuildHasher>,
}

impl<'a> Remembered<'a> {
    pub fn new(bots: &'a Bots, keyed: std::collections::hash_map::RandomState) -> Remembered<'a> {
        Remembered { bots, keyed, answers: HashMap::default() }
    }

    pub fn is_bot(&mut self, user_agent: &[u8]) -> bool {
        self.classify(user_agent).bot
    }

    /// Is the agent a bot, and its keyed hash (which stands in for the agent when
    /// counting distinct readers).
    pub fn classify(&mut self, user_agent: &[u8]) -> Agent {
        let hash = self.keyed.hash_one(user_agent);
        if let Some(&bot) = self.answers.get(&hash) {
            return Agent { bot, hash };
        }
        if self.answers.len() >= REMEMBERED {
            self.answers.clear();
        }
        let bot = self.bots.is_bot(user_agent);
        self.answers.insert(hash, bot);
        Agent { bot, hash }
    }
}

/// What a reader thread knows of a user agent.
#[derive(Debug, Clone, Copy)]
pub struct Agent {
    pub bot: bool,
    pub hash: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawlers_and_monitors_are_bots_and_people_are_not() {
        let bots = Bots::new();
        let robots = [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
            "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
            "curl/8.5.0",
            "check_curl/v2.4.0 (monitoring-plugins 2.4.0, libcurl/7.88.1)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        ];
        let people = [
            "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/120.0.0 Chrome/114.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Linux; Android 11; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0.0.0 Mobile Safari/537.36 Zalo android/12345 ZaloTheme/light ZaloLanguage/vi",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22G100 Safari/604.1 MetaIAB Facebook",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            "-",
        ];
        let keyed = std::collections::hash_map::RandomState::new();
        let mut remembered = Remembered::new(&bots, keyed);
        for _ in 0..2 {
            for ua in robots {
                assert!(remembered.is_bot(ua.as_bytes()), "{ua}");
            }
            for ua in people {
                assert!(!remembered.is_bot(ua.as_bytes()), "{ua}");
            }
        }
    }
}
