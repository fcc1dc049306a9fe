//! Numbers, decimals, months and dates as words, the way a northern radio presenter
//! reads them ("2023" → "hai nghìn không trăm hai mươi ba").

pub const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

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
pub fn month_words(m: u32) -> String {
    match m {
        1 => "giêng".to_string(),
        4 => "tư".to_string(),
        _ => number_words(u64::from(m)),
    }
}

pub fn month_spoken(m: u32) -> String {
    // "tháng giêng" is the lunar first month; for dates the radio says "tháng một".
    if m == 1 {
        "một".to_string()
    } else {
        month_words(m)
    }
}

/// A date said aloud: "ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi ba".
pub fn date_words(day: u32, month: u32, year: Option<i32>) -> String {
    let mut s = format!("ngày {} tháng {}", day_words(day), month_spoken(month));
    if let Some(y) = year {
        s.push_str(&format!(" năm {}", number_words(y.unsigned_abs().into())));
    }
    s
}

/// A day of the month: "mồng" before the first ten, as announcers say them.
pub fn day_words(day: u32) -> String {
    if (1..=10).contains(&day) {
        format!("mồng {}", number_words(u64::from(day)))
    } else {
        number_words(u64::from(day))
    }
}

/// Digit by digit: `0912` → "không chín một hai".
pub fn digit_words(digits: &str) -> String {
    let words: Vec<&str> =
        digits.chars().filter(char::is_ascii_digit).map(|c| DIGITS[c as usize - '0' as usize]).collect();
    words.join(" ")
}

/// `1/3` → "một phần ba", `3/4` → "ba phần tư": a share of a whole.
pub fn fraction_words(top: u32, bottom: u32) -> String {
    let bottom = if bottom == 4 { "tư".to_string() } else { number_words(u64::from(bottom)) };
    format!("{} phần {bottom}", number_words(u64::from(top)))
}

/// Roman numerals as quarters and terms use them: I to XII.
pub fn roman(numeral: &str) -> Option<u32> {
    const ALL: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    ALL.iter().position(|r| *r == numeral).map(|i| i as u32 + 1)
}
