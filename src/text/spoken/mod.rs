//! Vietnamese for the ear: what an announcer says for a written text. Numbers,
//! decimals, percentages, dates ("ngày mồng năm tháng tư"), times, quarters, ranks,
//! fractions, money, phone numbers (digit by digit, in groups), web and e-mail addresses
//! (spelled), abbreviations (a built-in glossary that site.yaml's extends) and document
//! numbers ("Quyết định số bảy trăm bốn mươi chín của Thủ tướng Chính phủ").
//!
//! Pure functions on text; the page keeps the written form.

mod addresses;
pub mod documents;
mod glossary;
pub mod numbers;

pub use documents::is_document_number;
pub use glossary::{unknown_capitals, Glossary};
pub use numbers::{date_words, decimal_words, number_words};
use numbers::{day_words, digit_words, fraction_words, month_spoken, roman};

/// Splits `s` into leading punctuation, the core and trailing punctuation.
fn trim_punctuation(s: &str) -> (&str, &str, &str) {
    let is_edge =
        |c: char| matches!(c, '(' | ')' | '"' | '“' | '”' | '\'' | ',' | '.' | ';' | ':' | '!' | '?' | '…');
    // Most words have no punctuation at either end.
    if s.chars().next().is_some_and(|c| !is_edge(c)) && s.chars().next_back().is_some_and(|c| !is_edge(c)) {
        return ("", s, "");
    }
    let start = s.find(|c: char| !is_edge(c)).unwrap_or(s.len());
    let end =
        s.rfind(|c: char| !is_edge(c)).map_or(start, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let end = end.max(start);
    (&s[..start], &s[start..end], &s[end..])
}

/// Reads a written text aloud (see the module's introduction).
pub fn speak(text: &str, glossary: Glossary) -> String {
    speak_each(text, glossary, |_, _| {})
}

/// [`speak`], and how many syllables each written word (as [`super::words`] splits
/// `text`) became when said; their sum is the syllable count of the spoken text.
pub fn speak_counted(text: &str, glossary: Glossary) -> (String, Vec<u32>) {
    let mut counts = Vec::new();
    let spoken = speak_each(text, glossary, |written, said| {
        counts.push(match said {
            // Said as written: one word, a syllable if it has a letter or a digit; a
            // foreign word ("Facebook", "Internet") as many as its groups of vowels.
            None => foreign_syllables(written).unwrap_or(u32::from(super::is_syllable(written))),
            Some(said) => super::syllable_count(said) as u32,
        })
    });
    (spoken, counts)
}

/// How many syllables a foreign word takes to say, counted by its groups of vowels;
/// `None` for a Vietnamese word (one syllable, whatever its letters).
fn foreign_syllables(written: &str) -> Option<u32> {
    let (_, core, _) = trim_punctuation(written);
    let bytes = core.as_bytes();
    if bytes.len() <= 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let vowel = |b: u8| matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    // Vietnamese syllables have one vowel group and no f, j, w, z; a word with more, or
    // with those letters, was borrowed.
    let groups = (0..bytes.len()).filter(|&i| vowel(bytes[i]) && (i == 0 || !vowel(bytes[i - 1]))).count();
    let borrowed =
        groups > 1 || bytes.iter().any(|b| matches!(b.to_ascii_lowercase(), b'f' | b'j' | b'w' | b'z'));
    borrowed.then_some(groups.max(1) as u32)
}

/// Words after which a number is a phone number.
const PHONE_WORDS: [&str; 8] =
    ["gọi", "điện thoại", "đường dây nóng", "tổng đài", "hotline", "bấm", "quay số", "gọi số"];

/// Words after which `1/7` is a day and a month.
const DATE_WORDS: [&str; 9] = ["ngày", "dịp", "từ", "đến", "trước", "sau", "hôm", "vào", "tới"];

/// What was said before a word, for the words that depend on it.
struct Context<'a> {
    /// Everything said so far.
    before: &'a str,
    /// The written words that follow (read only for document numbers).
    rest: &'a [&'a str],
    /// The word said just before, in lower case, without its punctuation.
    previous: String,
}

impl Context<'_> {
    fn after(&self, words: &[&str]) -> bool {
        if words.contains(&self.previous.as_str()) {
            return true;
        }
        // Words of several syllables ("đường dây nóng"): the end of what was said.
        let tail = self.tail(40);
        words.iter().any(|w| w.contains(' ') && tail.strip_suffix(w).is_some_and(|t| t.ends_with(' ')))
    }

    /// The end of what was said, in lower case, without trailing punctuation.
    fn tail(&self, bytes: usize) -> String {
        let start = self.before.len().saturating_sub(bytes);
        let start = (start..=self.before.len()).find(|&i| self.before.is_char_boundary(i)).unwrap_or(0);
        let tail = self.before[start..].trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        format!(" {tail}")
    }
}

/// Speaks `text`, telling `each` every written word and what was said for it when that
/// differs from the word (a word not said at all is said as "").
fn speak_each(text: &str, glossary: Glossary, mut each: impl FnMut(&str, Option<&str>)) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let tokens: Vec<&str> = super::words(text).collect();
    // Within a phone number or a list of them ("113, 114 hoặc 115").
    let mut phone = false;
    for (i, token) in tokens.iter().copied().enumerate() {
        let (lead, core, trail) = trim_punctuation(token);
        // "ứng dụng công nghệ thông tin (CNTT)": the written definition is not said twice.
        if lead == "(" && trail.starts_with(')') {
            if let Some(expansion) = glossary.get(core) {
                if ends_with_ignoring_case(&out, expansion) {
                    out.push_str(&trail[1..]);
                    each(token, Some(""));
                    continue;
                }
            }
        }
        let start = out.len();
        // Most words are said as written: no digit, no abbreviation, no address.
        if !said_otherwise(core, glossary) {
            phone = phone && matches!(core, "hoặc" | "và");
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(token);
            each(token, None);
            continue;
        }
        let sentence_start = out.trim_end().is_empty() || out.trim_end().ends_with(['.', '!', '?', '…']);
        let context =
            Context { before: &out[..start], previous: last_word(&out[..start]), rest: &tokens[i + 1..] };
        let phone_here = lead.is_empty()
            && (is_phone_start(core, &context)
                || phone && is_phone_group(core)
                || phone && is_emergency(core));
        let spoken = if phone_here {
            let next_continues = trail.is_empty()
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| is_phone_group(trim_punctuation(n).1) && !n.starts_with('('));
            Some(format!("{}{}", phone_words(core), if next_continues { "," } else { "" }))
        } else {
            Some(speak_token(core, &context, glossary))
        };
        phone = phone_here || phone && matches!(core, "hoặc" | "và");
        if !out.is_empty() {
            out.push(' ');
        }
        match spoken {
            Some(mut spoken) => {
                if sentence_start {
                    spoken = super::upper_first(&spoken);
                }
                let said = out.len();
                // ".gov.vn": the dot of a domain's ending is said too.
                if lead.ends_with('.') && addresses::is_address(&format!("x{lead}{core}")) {
                    out.push_str(&lead[..lead.len() - 1]);
                    out.push_str("chấm ");
                } else {
                    out.push_str(lead);
                }
                out.push_str(&spoken);
                out.push_str(trail);
                each(token, Some(&out[said..]));
            }
            None => {
                out.push_str(token);
                each(token, None);
            }
        }
    }
    out
}

/// The last word of `text`, in lower case, without punctuation.
fn last_word(text: &str) -> String {
    let word = text.split_whitespace().next_back().unwrap_or("");
    trim_punctuation(word).1.to_lowercase()
}

/// Is a word said other than written? Most are plain words: no digits, no abbreviation,
/// no address.
fn said_otherwise(core: &str, glossary: Glossary) -> bool {
    if glossary.as_written {
        return glossary.knows(core);
    }
    core.bytes().any(|b| b.is_ascii_digit())
        || glossary.knows(core)
        || core == "đ"
        || core.starts_with(['I', 'V', 'X']) && roman(core).is_some()
        || core.contains('.') && addresses::is_address(core)
}

fn ends_with_ignoring_case(text: &str, tail: &str) -> bool {
    let tail = tail.to_lowercase();
    let start = text.len().saturating_sub(tail.len() + 16);
    let start = (start..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    text[start..].to_lowercase().ends_with(&tail)
}

/// Digits of a phone number, possibly grouped with dots or dashes.
fn phone_digits(core: &str) -> Option<Vec<&str>> {
    let groups: Vec<&str> = core.split(['.', '-']).collect();
    groups.iter().all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit())).then_some(groups)
}

fn is_phone_start(core: &str, context: &Context) -> bool {
    let Some(groups) = phone_digits(core) else { return false };
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    (core.starts_with('0') && digits >= 3)
        || ((core.starts_with("1800") || core.starts_with("1900")) && digits >= 8)
        || (3..=11).contains(&digits) && context.after(&PHONE_WORDS)
}

fn is_phone_group(core: &str) -> bool {
    (2..=4).contains(&core.len()) && core.bytes().all(|b| b.is_ascii_digit())
}

/// The emergency numbers, said digit by digit in a list of phone numbers.
fn is_emergency(core: &str) -> bool {
    matches!(core, "111" | "112" | "113" | "114" | "115" | "1022")
}

/// "không chín một hai, ba bốn năm, sáu bảy tám": groups as written, or of four then
/// three digits when written together.
fn phone_words(core: &str) -> String {
    let groups = phone_digits(core).unwrap_or_default();
    if groups.len() > 1 {
        return groups.iter().map(|g| digit_words(g)).collect::<Vec<_>>().join(", ");
    }
    let digits = core.as_bytes();
    if digits.len() < 8 {
        return digit_words(core);
    }
    let mut parts = vec![&core[..4]];
    let mut at = 4;
    while at < digits.len() {
        let end = if digits.len() - at <= 4 { digits.len() } else { at + 3 };
        parts.push(&core[at..end]);
        at = end;
    }
    parts.iter().map(|p| digit_words(p)).collect::<Vec<_>>().join(", ")
}

fn speak_token(core: &str, context: &Context, glossary: Glossary) -> String {
    if core.is_empty() {
        return String::new();
    }
    if addresses::is_address(core) {
        return addresses::speak(core);
    }
    if context.previous == "quý" {
        if let Some(words) = quarter_words(core) {
            return words;
        }
    }
    if is_document_number(core) {
        let after = context.rest.iter().take(12).copied().collect::<Vec<_>>().join(" ").to_lowercase();
        let named = |issuer: &str| {
            let issuer = issuer.to_lowercase();
            context.tail(120).contains(&issuer) || after.contains(&issuer)
        };
        return documents::speak(core, context.tail(40).trim(), &named).unwrap_or_else(|| core.to_string());
    }
    if let Some(expansion) = glossary.get(core) {
        return without_repeated_head(expansion, context);
    }
    if core == "đ" {
        return "đồng".to_string();
    }
    if let Some(amount) = core.strip_suffix('đ').and_then(decimal_words) {
        return format!("{amount} đồng");
    }
    if let Some(words) = time_words(core) {
        return words;
    }
    if let Some(words) = date_token(core, context) {
        return words;
    }
    if let Ok(n) = core.parse::<u32>() {
        // "tháng 4" → "tháng tư"; "thứ 1" → "thứ nhất", "thứ 4" → "thứ tư"; "ngày 03".
        match context.previous.as_str() {
            "tháng" if (1..=12).contains(&n) => return month_spoken(n),
            "ngày" if (1..=31).contains(&n) => return day_words(n),
            "thứ" if n == 1 => return "nhất".to_string(),
            "thứ" if n == 4 => return "tư".to_string(),
            _ => {}
        }
        return number_words(u64::from(n));
    }
    if let Some(number) = core.strip_suffix('%') {
        if let Some(words) = decimal_words(number) {
            return format!("{words} phần trăm");
        }
    }
    if let Some(words) = decimal_words(core) {
        return words;
    }
    // Ranges: 2–5, 2-5, 2025–2030, 10-15%.
    for dash in ['–', '-'] {
        if let Some((a, b)) = core.split_once(dash) {
            let (b, percent) = match b.strip_suffix('%') {
                Some(b) => (b, " phần trăm"),
                None => (b, ""),
            };
            if let (Some(x), Some(y)) = (decimal_words(a), decimal_words(b)) {
                return format!("{x} đến {y}{percent}");
            }
        }
    }
    // Ranks "thứ 16/63", shares "1/3", and the rest "24/7".
    if let Some((a, b)) = core.split_once('/') {
        if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) {
            if context.previous != "thứ" && a < b && (2..=10).contains(&b) {
                return fraction_words(a, b);
            }
            // "10/10", "2/9": a day and a month, wherever they stand ("24/7" is not).
            if context.previous != "thứ" && (1..=31).contains(&a) && (1..=12).contains(&b) && core != "24/7"
            {
                let words = date_words(a, b, None);
                return words.strip_prefix("ngày ").map(str::to_string).unwrap_or(words);
            }
            return format!("{} trên {}", number_words(u64::from(a)), number_words(u64::from(b)));
        }
    }
    core.to_string()
}

/// An expansion without the words the text just said: "mã OTP" is "mã xác thực một
/// lần", not "mã mã …".
fn without_repeated_head(expansion: &str, context: &Context) -> String {
    let words: Vec<&str> = expansion.split(' ').collect();
    let tail = context.tail(60);
    for k in (1..words.len()).rev() {
        let head = words[..k].join(" ").to_lowercase();
        if tail.ends_with(&format!(" {head}")) {
            return words[k..].join(" ");
        }
    }
    expansion.to_string()
}

/// `8h30`, `8h`, `08h00`, `8:30` → "tám giờ ba mươi".
fn time_words(core: &str) -> Option<String> {
    let (h, m) = core.split_once('h').or_else(|| core.split_once(':'))?;
    let hour: u32 = (!h.is_empty() && h.len() <= 2).then(|| h.parse().ok())??;
    let minutes: u32 = if m.is_empty() && core.contains('h') {
        0
    } else if m.len() == 2 {
        m.parse().ok()?
    } else {
        return None;
    };
    if hour > 24 || minutes > 59 {
        return None;
    }
    let mut words = format!("{} giờ", number_words(u64::from(hour)));
    if minutes > 0 {
        words.push_str(&format!(" {}", number_words(u64::from(minutes))));
    }
    Some(words)
}

/// `I`, `IV/2025` after "quý" → "một", "bốn năm hai nghìn không trăm hai mươi lăm".
fn quarter_words(core: &str) -> Option<String> {
    let (numeral, year) = match core.split_once('/') {
        Some((n, y)) => (n, Some(y.parse::<u64>().ok()?)),
        None => (core, None),
    };
    let n = roman(numeral)
        .filter(|n| *n <= 4)
        .or_else(|| numeral.parse().ok().filter(|n| (1..=4).contains(n)))?;
    let mut words = number_words(u64::from(n));
    if let Some(y) = year {
        words.push_str(&format!(" năm {}", number_words(y)));
    }
    Some(words)
}

/// `15/4/2023`, `05/3/2023`, `2023-04-15` → a full date; `7/2022` after "tháng" → month
/// and year; `1/7` after "ngày", "từ", "dịp" … → day and month.
fn date_token(core: &str, context: &Context) -> Option<String> {
    let after_ngay = |words: String| -> String {
        if context.previous == "ngày" {
            words.strip_prefix("ngày ").map(str::to_string).unwrap_or(words)
        } else {
            words
        }
    };
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let parts: Vec<&str> = core.split('/').collect();
    if let [d, m, y] = parts[..] {
        let (d, m, y) = (num(d)?, num(m)?, num(y)?);
        if (1..=31).contains(&d) && (1..=12).contains(&m) && y >= 1000 {
            return Some(after_ngay(date_words(d, m, Some(y as i32))));
        }
        return None;
    }
    if let [a, b] = parts[..] {
        let (a, b) = (num(a)?, num(b)?);
        if context.previous == "tháng" && (1..=12).contains(&a) && b >= 1000 {
            return Some(format!("{} năm {}", month_spoken(a), number_words(u64::from(b))));
        }
        if context.after(&DATE_WORDS) && (1..=31).contains(&a) && (1..=12).contains(&b) {
            let words = date_words(a, b, None);
            return Some(words.strip_prefix("ngày ").map(str::to_string).unwrap_or(words));
        }
        return None;
    }
    let iso: Vec<&str> = core.split('-').collect();
    if let [y, m, d] = iso[..] {
        if y.len() == 4 && m.len() == 2 && d.len() == 2 {
            let (y, m, d) = (num(y)?, num(m)?, num(d)?);
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                return Some(after_ngay(date_words(d, m, Some(y as i32))));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
