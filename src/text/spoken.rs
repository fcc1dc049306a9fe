//! Vietnamese for the ear: numbers, decimals, percentages and dates as words, the way a
//! northern radio presenter reads them ("2023" → "hai nghìn không trăm hai mươi ba").
//!
//! Pure functions on text. Document numbers such as `749/QĐ-TTg` are left exactly as
//! written.

use std::collections::BTreeMap;

const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/// Words for a whole number: 0 to beyond a thousand billion.
pub fn number_words(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    const BILLION: u64 = 1_000_000_000;
    if n < BILLION {
        return below_billion(n, false);
    }
    // "một nghìn năm trăm tỷ": the billions are a number of their own, said once.
    let mut words = format!("{} tỷ", number_words(n / BILLION));
    let rest = n % BILLION;
    if rest > 0 {
        words.push(' ');
        words.push_str(&below_billion(rest, true));
    }
    words
}

/// Words for 1..1e9. `full` reads the leading group's hundreds even when zero, as in
/// "một tỷ không trăm linh năm triệu".
fn below_billion(n: u64, full: bool) -> String {
    let groups = [((n / 1_000_000) % 1000, "triệu"), ((n / 1000) % 1000, "nghìn"), (n % 1000, "")];
    let mut out: Vec<String> = Vec::new();
    for (group, unit) in groups {
        if group == 0 {
            // A whole group of zeros is silent: "một triệu không trăm linh một".
            continue;
        }
        out.push(group_words(group as u32, full || !out.is_empty()));
        if !unit.is_empty() {
            out.push(unit.to_string());
        }
    }
    out.join(" ")
}

/// Words for 1..=999. `full` reads the hundreds even when zero ("không trăm …").
fn group_words(n: u32, full: bool) -> String {
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let mut words: Vec<&str> = Vec::new();
    if h > 0 || full {
        words.push(DIGITS[h as usize]);
        words.push("trăm");
    }
    match t {
        0 => {
            if u > 0 && (h > 0 || full) {
                words.push("linh");
            }
            if u > 0 {
                words.push(DIGITS[u as usize]);
            }
        }
        1 => {
            words.push("mười");
            match u {
                0 => {}
                5 => words.push("lăm"),
                _ => words.push(DIGITS[u as usize]),
            }
        }
        _ => {
            words.push(DIGITS[t as usize]);
            words.push("mươi");
            match u {
                0 => {}
                1 => words.push("mốt"),
                4 => words.push("tư"),
                5 => words.push("lăm"),
                _ => words.push(DIGITS[u as usize]),
            }
        }
    }
    words.join(" ")
}

/// Words for a number written the Vietnamese way: `1.000`, `12,5`, `0,05`.
pub fn decimal_words(written: &str) -> Option<String> {
    let (whole, fraction) = match written.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (written, None),
    };
    let whole_digits: String = whole.chars().filter(|c| *c != '.').collect();
    if whole_digits.is_empty() || !whole_digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // A dot groups thousands: every group after the first has three digits.
    if whole.contains('.') && whole.split('.').skip(1).any(|g| g.len() != 3) {
        return None;
    }
    let mut words = number_words(whole_digits.parse().ok()?);
    if let Some(f) = fraction {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        words.push_str(" phẩy ");
        if f.starts_with('0') {
            let digits: Vec<&str> = f.chars().map(|c| DIGITS[c as usize - '0' as usize]).collect();
            words.push_str(&digits.join(" "));
        } else {
            words.push_str(&number_words(f.parse().ok()?));
        }
    }
    Some(words)
}

/// Month names as said aloud: tháng một … tháng tư … tháng mười hai.
fn month_words(m: u32) -> String {
    match m {
        1 => "giêng".to_string(),
        4 => "tư".to_string(),
        _ => number_words(u64::from(m)),
    }
}

fn month_spoken(m: u32) -> String {
    // "tháng giêng" is the lunar first month; for dates the radio says "tháng một".
    if m == 1 {
        "một".to_string()
    } else {
        month_words(m)
    }
}

/// A date said aloud: "ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi ba".
pub fn date_words(day: u32, month: u32, year: Option<i32>) -> String {
    let mut s = format!("ngày {} tháng {}", number_words(u64::from(day)), month_spoken(month));
    if let Some(y) = year {
        s.push_str(&format!(" năm {}", number_words(y.unsigned_abs().into())));
    }
    s
}

/// Is this token a document number (`749/QĐ-TTg`, `42/2022/NĐ-CP`, `49-NQ/TU`)?
pub fn is_document_number(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit())
        && token.chars().any(char::is_uppercase)
        && token.contains(['/', '-'])
}

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

/// Reads a written text aloud: abbreviations from `glossary` expanded, dates, numbers,
/// decimals, percentages and ranges turned into words, document numbers kept as written.
pub fn speak(text: &str, glossary: &BTreeMap<String, String>) -> String {
    speak_each(text, glossary, |_, _| {})
}

/// [`speak`], and how many syllables each written word (as [`super::words`] splits
/// `text`) became when said; their sum is the syllable count of the spoken text.
pub fn speak_counted(text: &str, glossary: &BTreeMap<String, String>) -> (String, Vec<u32>) {
    let mut counts = Vec::new();
    let spoken = speak_each(text, glossary, |written, said| {
        counts.push(match said {
            // Said as written: one word, a syllable if it has a letter or a digit.
            None => u32::from(super::is_syllable(written)),
            Some(said) => super::syllable_count(said) as u32,
        })
    });
    (spoken, counts)
}

/// Speaks `text`, telling `each` every written word and what was said for it when that
/// differs from the word (a word not said at all is said as "").
fn speak_each(
    text: &str,
    glossary: &BTreeMap<String, String>,
    mut each: impl FnMut(&str, Option<&str>),
) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    // Where the previous token starts in `out`, for "ngày" before a date.
    let mut previous_start = 0;
    for token in super::words(text) {
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
        if !out.is_empty() {
            out.push(' ');
        }
        let previous = &out[previous_start..start];
        match said_otherwise(core, glossary).then(|| speak_token(core, previous, glossary)) {
            Some(spoken) => {
                let said = out.len();
                out.push_str(lead);
                out.push_str(&spoken);
                out.push_str(trail);
                each(token, Some(&out[said..]));
            }
            None => {
                out.push_str(token);
                each(token, None);
            }
        }
        previous_start = if start == 0 { 0 } else { start + 1 };
    }
    out
}

/// Is a word said other than written? Most are plain words: no digits, no abbreviation.
fn said_otherwise(core: &str, glossary: &BTreeMap<String, String>) -> bool {
    core.bytes().any(|b| b.is_ascii_digit()) || glossary.contains_key(core)
}

fn ends_with_ignoring_case(text: &str, tail: &str) -> bool {
    let tail = tail.to_lowercase();
    let start = text.len().saturating_sub(tail.len() + 16);
    let start = (start..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    text[start..].to_lowercase().ends_with(&tail)
}

fn speak_token(core: &str, previous: &str, glossary: &BTreeMap<String, String>) -> String {
    if core.is_empty() {
        return String::new();
    }
    if is_document_number(core) {
        return core.to_string();
    }
    if let Some(expansion) = glossary.get(core) {
        return expansion.clone();
    }
    if let Some(words) = date_token(core, previous) {
        return words;
    }
    let before = previous.to_lowercase();
    if let Ok(n) = core.parse::<u32>() {
        // "tháng 4" → "tháng tư"; "thứ 1" → "thứ nhất", "thứ 4" → "thứ tư".
        if before.ends_with("tháng") && (1..=12).contains(&n) {
            return month_spoken(n);
        }
        if before.ends_with("thứ") {
            match n {
                1 => return "nhất".to_string(),
                4 => return "tư".to_string(),
                _ => {}
            }
        }
    }
    // Phone numbers and codes with a leading zero are read digit by digit.
    if core.len() > 1 && core.starts_with('0') && core.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let digits: Vec<&str> =
            core.chars().filter(char::is_ascii_digit).map(|c| DIGITS[c as usize - '0' as usize]).collect();
        return digits.join(" ");
    }
    if let Some(number) = core.strip_suffix('%') {
        if let Some(words) = decimal_words(number) {
            return format!("{words} phần trăm");
        }
    }
    if let Some(words) = decimal_words(core) {
        return words;
    }
    // Ranges: 2–5, 2-5, 2025–2030.
    for dash in ['–', '-'] {
        if let Some((a, b)) = core.split_once(dash) {
            if let (Some(x), Some(y)) = (decimal_words(a), decimal_words(b)) {
                return format!("{x} đến {y}");
            }
        }
    }
    core.to_string()
}

/// Drops the leading "ngày" of a spoken date when the text said it just before.
fn after_ngay(words: String, previous: &str) -> String {
    if previous.to_lowercase().ends_with("ngày") {
        words.strip_prefix("ngày ").map(str::to_string).unwrap_or(words)
    } else {
        words
    }
}

/// `15/4/2023`, `05/3/2023`, `2023-04-15` → a full date; `7/2022` after "tháng" → month
/// and year; `10/10` → day and month.
fn date_token(core: &str, previous: &str) -> Option<String> {
    let parts: Vec<&str> = core.split('/').collect();
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok())?
    };
    if let [d, m, y] = parts[..] {
        let (d, m, y) = (num(d)?, num(m)?, num(y)?);
        if (1..=31).contains(&d) && (1..=12).contains(&m) && y >= 1000 {
            return Some(after_ngay(date_words(d, m, Some(y as i32)), previous));
        }
        return None;
    }
    if let [a, b] = parts[..] {
        let (a, b) = (num(a)?, num(b)?);
        let after_month = previous.to_lowercase().ends_with("tháng");
        // Without "ngày" before it, 24/7 or 1/3 is not a date: keep it as written.
        let after_day = previous.to_lowercase().ends_with("ngày");
        if after_month && (1..=12).contains(&a) && b >= 1000 {
            return Some(format!("{} năm {}", month_spoken(a), number_words(u64::from(b))));
        }
        if after_day && (1..=31).contains(&a) && (1..=12).contains(&b) {
            return Some(after_ngay(date_words(a, b, None), previous));
        }
        return None;
    }
    let iso: Vec<&str> = core.split('-').collect();
    if let [y, m, d] = iso[..] {
        if y.len() == 4 && m.len() == 2 && d.len() == 2 {
            let (y, m, d) = (num(y)?, num(m)?, num(d)?);
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                return Some(after_ngay(date_words(d, m, Some(y as i32)), previous));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_speech_gives_each_written_word_its_spoken_syllables() {
        let glossary = BTreeMap::from([("CNTT".to_string(), "công nghệ thông tin".to_string())]);
        let text = "Ứng dụng công nghệ thông tin (CNTT) theo Quyết định 749/QĐ-TTg ngày 3/6/2020: \
                    12,5% xã, 1.000 hồ sơ, tháng 4, thứ 1; gọi 0912 345 678 – CNTT. «Xong» — 2–5.";
        let (spoken, counts) = speak_counted(text, &glossary);
        assert_eq!(spoken, speak(text, &glossary));
        assert_eq!(counts.len(), crate::text::words(text).count());
        assert_eq!(counts.iter().sum::<u32>() as usize, crate::text::syllable_count(&spoken));
        let written: Vec<&str> = crate::text::words(text).collect();
        let said = |word: &str| counts[written.iter().position(|w| *w == word).unwrap()];
        assert_eq!((said("(CNTT)"), said("12,5%"), said("Ứng"), said("–")), (0, 6, 1, 0));
    }

    #[test]
    fn whole_numbers_read_the_northern_radio_way() {
        let cases: &[(u64, &str)] = &[
            (0, "không"),
            (1, "một"),
            (4, "bốn"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (55, "năm mươi lăm"),
            (100, "một trăm"),
            (101, "một trăm linh một"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (115, "một trăm mười lăm"),
            (999, "chín trăm chín mươi chín"),
            (1000, "một nghìn"),
            (1005, "một nghìn không trăm linh năm"),
            (1010, "một nghìn không trăm mười"),
            (2023, "hai nghìn không trăm hai mươi ba"),
            (10_000, "mười nghìn"),
            (100_000, "một trăm nghìn"),
            (238_000, "hai trăm ba mươi tám nghìn"),
            (813_978, "tám trăm mười ba nghìn chín trăm bảy mươi tám"),
            (1_000_000, "một triệu"),
            (1_000_001, "một triệu không trăm linh một"),
            (12_500_000, "mười hai triệu năm trăm nghìn"),
            (1_000_000_000, "một tỷ"),
            (2_500_000_000, "hai tỷ năm trăm triệu"),
            (1_000_000_000_000, "một nghìn tỷ"),
            (1_500_000_000_000, "một nghìn năm trăm tỷ"),
            (1_005_000_000, "một tỷ không trăm linh năm triệu"),
            (1_000_000_001, "một tỷ không trăm linh một"),
        ];
        for (n, words) in cases {
            assert_eq!(number_words(*n), *words, "{n}");
        }
    }

    #[test]
    fn decimals_percentages_and_thousands_separators() {
        let glossary = BTreeMap::new();
        let cases = [
            ("12,5%", "mười hai phẩy năm phần trăm"),
            ("80%", "tám mươi phần trăm"),
            ("12,52%", "mười hai phẩy năm mươi hai phần trăm"),
            ("0,05", "không phẩy không năm"),
            ("1.000", "một nghìn"),
            ("813.978", "tám trăm mười ba nghìn chín trăm bảy mươi tám"),
            ("2–5", "hai đến năm"),
        ];
        for (written, spoken) in cases {
            assert_eq!(speak(written, &glossary), spoken, "{written}");
        }
    }

    #[test]
    fn dates_are_spoken_and_document_numbers_kept() {
        let glossary: BTreeMap<String, String> = [("CNTT", "công nghệ thông tin"), ("QĐ", "quyết định")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(
            speak("Quyết định 749/QĐ-TTg ngày 03/6/2020 về CNTT.", &glossary),
            "Quyết định 749/QĐ-TTg ngày ba tháng sáu năm hai nghìn không trăm hai mươi về công nghệ thông tin."
        );
        assert_eq!(
            speak("là ứng dụng công nghệ thông tin (CNTT). Rồi", &glossary),
            "là ứng dụng công nghệ thông tin. Rồi"
        );
        assert_eq!(
            speak("ngày 15/4/2023", &glossary),
            "ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi ba"
        );
        assert_eq!(speak("tháng 7/2022", &glossary), "tháng bảy năm hai nghìn không trăm hai mươi hai");
        assert_eq!(speak("Ngày 10/10 hằng năm", &glossary), "Ngày mười tháng mười hằng năm");
        assert_eq!(speak("phục vụ 24/7, giảm 1/3", &glossary), "phục vụ 24/7, giảm 1/3");
        assert_eq!(speak("Tháng 7/2022", &glossary), "Tháng bảy năm hai nghìn không trăm hai mươi hai");
        assert_eq!(speak("tháng 4, lần thứ 4, thứ 1", &glossary), "tháng tư, lần thứ tư, thứ nhất");
        assert_eq!(speak("gọi 0912.345.678", &glossary), "gọi không chín một hai ba bốn năm sáu bảy tám");
        assert_eq!(
            speak("(2023-04-15)", &glossary),
            "(ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi ba)"
        );
        for kept in ["42/2022/NĐ-CP", "244/CĐSQG-CSS", "49-NQ/TU", "06/QĐ-TTg"] {
            assert_eq!(speak(kept, &glossary), kept);
        }
    }
}
