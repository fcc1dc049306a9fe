//! Web and e-mail addresses spelled for the ear: `dichvucong.gov.vn` →
//! "dichvucong chấm gốp chấm vê en", `hotro@langson.gov.vn` → "hotro a còng …".

use super::numbers::digit_words;

/// Endings that make a word an address.
const TOP_LEVEL: [&str; 9] = ["vn", "com", "org", "net", "gov", "edu", "info", "io", "int"];

/// Parts of addresses said as announcers say them.
const SAID: &[(&str, &str)] = &[
    ("www", "vê kép vê kép vê kép"),
    ("gov", "gốp"),
    ("vn", "vê en"),
    ("com", "com"),
    ("org", "o rờ gờ"),
    ("net", "nét"),
    ("edu", "e đu"),
    ("info", "in phô"),
    ("io", "i o"),
];

/// Letter names, for short parts spelled out.
fn letter(c: char) -> Option<&'static str> {
    Some(match c.to_ascii_lowercase() {
        'a' => "a",
        'b' => "bê",
        'c' => "xê",
        'd' => "dê",
        'e' => "e",
        'f' => "ép",
        'g' => "giê",
        'h' => "hát",
        'i' => "i",
        'j' => "gi",
        'k' => "ca",
        'l' => "e lờ",
        'm' => "em",
        'n' => "en",
        'o' => "o",
        'p' => "pê",
        'q' => "quy",
        'r' => "e rờ",
        's' => "ét",
        't' => "tê",
        'u' => "u",
        'v' => "vê",
        'w' => "vê kép",
        'x' => "ích",
        'y' => "i dài",
        'z' => "dét",
        _ => return None,
    })
}

/// Is `word` a web or e-mail address?
pub fn is_address(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    let host = lower.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && TOP_LEVEL.contains(labels.last().unwrap_or(&""))
}

/// Says an address part by part.
pub fn speak(address: &str) -> String {
    let lower = address.to_ascii_lowercase();
    let rest = ["https://", "http://"].iter().find_map(|p| lower.strip_prefix(p)).unwrap_or(&lower);
    let rest = rest.trim_end_matches('/');
    let mut words: Vec<String> = Vec::new();
    let mut part = String::new();
    let flush = |part: &mut String, words: &mut Vec<String>| {
        if !part.is_empty() {
            words.push(say_part(part));
            part.clear();
        }
    };
    for c in rest.chars() {
        let separator = match c {
            '.' => Some("chấm"),
            '@' => Some("a còng"),
            '/' => Some("gạch chéo"),
            '-' => Some("gạch ngang"),
            '_' => Some("gạch dưới"),
            _ => None,
        };
        match separator {
            Some(s) => {
                flush(&mut part, &mut words);
                words.push(s.to_string());
            }
            None => part.push(c),
        }
    }
    flush(&mut part, &mut words);
    words.join(" ")
}

fn say_part(part: &str) -> String {
    if let Some((_, said)) = SAID.iter().find(|(p, _)| *p == part) {
        return said.to_string();
    }
    if part.chars().all(|c| c.is_ascii_digit()) {
        return digit_words(part);
    }
    // Short parts are letters; longer ones are read as words.
    if part.chars().count() <= 3 {
        let letters: Option<Vec<&str>> = part.chars().map(letter).collect();
        if let Some(letters) = letters {
            return letters.join(" ");
        }
    }
    part.to_string()
}
