//! Vietnamese text: NFC, tone folding, slugs, syllables and dates.
//!
//! Pure functions on strings; nothing here knows about pages, files or templates.

pub mod dates;
pub mod spoken;

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `s` in Unicode NFC, the form Vietnamese keyboards (UniKey, TCVN 6909) produce.
///
/// Also drops the private-use characters U+E000 and U+E001, which the renderer uses as
/// placeholders, and C0 control characters other than tab and newline, which HTML forbids.
/// `text` with its first letter in capitals ("mã xác thực" → "Mã xác thực").
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

pub fn nfc(s: &str) -> String {
    if all_plainly_nfc(s) {
        return s.to_string();
    }
    let clean = |c: &char| !is_forbidden_char(*c);
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        if s.chars().any(is_forbidden_char) {
            return s.chars().filter(clean).collect();
        }
        return s.to_string();
    }
    s.nfc().filter(clean).collect()
}

/// Characters that are NFC whatever stands around them and are allowed: printable ASCII,
/// tab, newline, Latin-1 and Latin Extended letters, the precomposed Vietnamese letters
/// and common punctuation. Text made only of these is NFC already, which a few range
/// tests tell much sooner than the general check (a unit test proves the ranges).
/// [`all_plainly_nfc`] tests a whole text for them; a unit test proves the two agree.
#[cfg(test)]
fn plainly_nfc(c: char) -> bool {
    matches!(c, ' '..='~' | '\n' | '\t' | '\u{A0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{2027}')
}

/// Is `s` made only of characters that are NFC whatever stands around them and allowed
/// (`plainly_nfc`)? Read from the UTF-8 bytes without decoding them.
fn all_plainly_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    // A lead byte is followed by its continuation bytes: `s` is valid UTF-8.
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        i += match b[i] {
            b' '..=b'~' | b'\n' | b'\t' => 1,
            0xC2 if at(i + 1) >= 0xA0 => 2,                  // U+00A0–U+00BF
            0xC3..=0xC8 => 2,                                // U+00C0–U+023F
            0xC9 if at(i + 1) <= 0x8F => 2,                  // U+0240–U+024F
            0xE1 if (0xB8..=0xBB).contains(&at(i + 1)) => 3, // U+1E00–U+1EFF
            0xE2 if at(i + 1) == 0x80 && (0x90..=0xA7).contains(&at(i + 2)) => 3, // U+2010–U+2027
            _ => return false,
        };
    }
    true
}

fn is_forbidden_char(c: char) -> bool {
    matches!(c, '\u{E000}' | '\u{E001}' | '\r') || (c.is_control() && c != '\n' && c != '\t')
}

/// Folds one character the Vietnamese way: tone and vowel marks dropped, `đ` → `d`.
/// Letters with two marks (`ế`, `ộ`, `ữ`) fold fully. Case is kept.
pub fn fold_char(c: char, out: &mut String) {
    match c {
        'đ' => out.push('d'),
        'Đ' => out.push('D'),
        c if c.is_ascii() => out.push(c),
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.push(d);
            }
        }),
    }
}

/// The letter under the marks: `ộ` → `o`, `đ` → `d`.
fn base_letter(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    if c == 'đ' {
        return 'd';
    }
    let mut base = c;
    let mut first = true;
    decompose_canonical(c, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    base
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}')
}

/// `s` with every tone and vowel mark removed and `đ` → `d`, case kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A URL slug folded the Vietnamese way: NFC first, marks dropped, `đ` → `d`, lower case,
/// one `-` between words, ASCII letters and digits only.
///
/// `Chuyển đổi số là gì` → `chuyen-doi-so-la-gi`.
pub fn slugify(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for c in s.nfc() {
        fold_char(c, &mut folded);
    }
    let mut slug = String::with_capacity(folded.len());
    let mut pending_dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// The slug of a translation's title: [`slugify`], except that an apostrophe inside a
/// word joins it (Tày `t'ỏi` → `toi`, English `don't` → `dont`) rather than splitting
/// it in two. (Only for translations: the addresses of a site in one language stay as
/// they were.)
pub fn slugify_translated(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut joined = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let inside =
            i > 0 && chars[i - 1].is_alphanumeric() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if matches!(c, '\'' | '\u{2019}' | '\u{02BC}') && inside {
            continue;
        }
        joined.push(c);
    }
    slugify(&joined)
}

/// Where old and new spelling put the tone mark differently (`hòa`/`hoà`, `khỏe`/`khoẻ`,
/// `thúy`/`thuý`): in a syllable ending in `oa`, `oe` or `uy` (not `quy`), this moves the
/// tone mark to the first vowel, so both spellings compare equal. Input is one lower-case
/// syllable; Tày and Nùng words pass through unchanged unless they end the same way.
pub fn canonical_tones(syllable: &str) -> std::borrow::Cow<'_, str> {
    // Only syllables ending in oa, oe or uy (with any marks) can need it.
    let mut tail = syllable.chars().rev().map(base_letter);
    let (last, before) = (tail.next(), tail.next());
    if !matches!((before, last), (Some('o'), Some('a' | 'e')) | (Some('u'), Some('y'))) {
        return syllable.into();
    }
    let decomposed: Vec<char> = syllable.nfd().collect();
    let is_tone = |c: char| matches!(c, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}');
    let letters: Vec<(usize, char)> =
        decomposed.iter().copied().enumerate().filter(|(_, c)| !is_combining_mark(*c)).collect();
    let n = letters.len();
    if n >= 2 {
        let (i1, first) = letters[n - 2];
        let (i2, second) = letters[n - 1];
        let pair = matches!((first, second), ('o', 'a') | ('o', 'e') | ('u', 'y'));
        let after_q = first == 'u' && n >= 3 && letters[n - 3].1 == 'q';
        let tone_at = (i2 + 1..decomposed.len()).find(|&k| is_tone(decomposed[k]));
        let first_has_tone = (i1 + 1..i2).any(|k| is_tone(decomposed[k]));
        if pair && !after_q && !first_has_tone {
            if let Some(k) = tone_at {
                let mut moved = decomposed.clone();
                let tone = moved.remove(k);
                moved.insert(i1 + 1, tone);
                return moved.into_iter().nfc().collect::<String>().into();
            }
        }
    }
    syllable.into()
}

/// The words of `text`, as `str::split_whitespace` gives them, found from the UTF-8
/// bytes a character at a time: Vietnamese text is mostly multi-byte letters, which the
/// standard splitter decodes one by one.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        while i < bytes.len() {
            match step(bytes, i) {
                (true, len) => i += len,
                (false, _) => break,
            }
        }
        if i >= bytes.len() {
            self.at = i;
            return None;
        }
        let start = i;
        while i < bytes.len() {
            match step(bytes, i) {
                (true, _) => break,
                (false, len) => i += len,
            }
        }
        self.at = i;
        Some(&self.text[start..i])
    }
}

/// What starts at byte `i` of a text (at a character's first byte): white space or not,
/// and its length in bytes. A character at a time, by the length its first byte gives.
#[inline(always)]
fn step(bytes: &[u8], i: usize) -> (bool, usize) {
    match bytes[i] {
        b'\t'..=b'\r' | b' ' => (true, 1),
        0..=0x7F => (false, 1),
        // Letters with tone marks (U+1EA0–U+1EF9) start with 0xE1; of the characters it
        // starts, only U+1680 is a space.
        0xE1 if bytes[i + 1..].starts_with(&[0x9A, 0x80]) => (true, 3),
        lead @ (0xC2 | 0xE2 | 0xE3) => match space_len(bytes, i) {
            0 => (false, if lead == 0xC2 { 2 } else { 3 }),
            n => (true, n),
        },
        0x80..=0xDF => (false, 2),
        0xE0..=0xEF => (false, 3),
        _ => (false, 4),
    }
}

/// The length in bytes of the white space (Unicode `White_Space`) starting at `i`, or 0.
#[inline]
fn space_len(bytes: &[u8], i: usize) -> usize {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => 1,
        b if b < 0xC2 => 0,
        // U+0085, U+00A0
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        // U+1680
        0xE1 if next(1) == 0x9A && next(2) == 0x80 => 3,
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
        0xE2 if next(1) == 0x80 && matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if next(1) == 0x81 && next(2) == 0x9F => 3,
        // U+3000
        0xE3 if next(1) == 0x80 && next(2) == 0x80 => 3,
        _ => 0,
    }
}

/// Syllables in a Vietnamese text: the space-separated tokens that hold a letter or a digit.
/// The unit of reading and speaking time.
pub fn syllable_count(text: &str) -> usize {
    // `words(text).filter(is_syllable).count()` in one pass: a word counts at its first
    // letter or digit.
    let bytes = text.as_bytes();
    let (mut count, mut counted, mut i) = (0, false, 0);
    while i < bytes.len() {
        let (space, len) = step(bytes, i);
        if space {
            counted = false;
        } else if !counted
            && (bytes[i].is_ascii_alphanumeric()
                || bytes[i] >= 0x80 && text[i..].chars().next().is_some_and(char::is_alphanumeric))
        {
            count += 1;
            counted = true;
        }
        i += len;
    }
    count
}

/// Does a space-separated token count as a syllable (it holds a letter or a digit)?
pub fn is_syllable(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_alphanumeric()) || word.chars().any(char::is_alphanumeric)
}

/// Minutes to read `syllables` at `per_minute`, never less than one.
pub fn reading_minutes(syllables: usize, per_minute: u32) -> u32 {
    let per_minute = per_minute.max(1) as usize;
    syllables.div_ceil(per_minute).max(1) as u32
}

/// Text from an input (a log, a CSV file, a JSON report) fit to show in a message or a
/// document: control characters (terminal escapes among them) replaced by `�`, at most
/// 200 characters.
pub fn printable(text: &str) -> String {
    let mut out: String =
        text.chars().take(200).map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect();
    if text.chars().nth(200).is_some() {
        out.push('…');
    }
    out
}

/// HTML-escapes `text` onto `out` (element content and quoted attribute values alike).
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Decodes `%XX` escapes in a path written by an editor (`S%C6%A1%20%C4%91%E1%BB%93.png`).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Levenshtein distance, for "did you mean" hints on short names.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `word` within `max` edits, if any.
pub fn closest<'a>(word: &str, candidates: &[&'a str], max: usize) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// A sort key that orders Vietnamese words as a dictionary does: base letters in the
/// Vietnamese alphabet order (a ă â b c d đ e ê …), then tones (none, huyền, hỏi, ngã,
/// sắc, nặng) as a tie-breaker. Byte order would put `Đ`, `ơ` and `ư` after `z`.
pub fn collation_key(s: &str) -> Vec<u16> {
    // Syllable by syllable, as dictionaries order them: the letters, then a mark lower
    // than any letter, then the tone; so "Y tế" comes before "Ý kiến", and "an" before
    // "anh".
    let mut key = Vec::with_capacity(s.len() + 8);
    let mut tone = 0u16;
    let mut in_syllable = false;
    let end_syllable = |key: &mut Vec<u16>, tone: &mut u16| {
        key.push(1);
        key.push(2 + *tone);
        *tone = 0;
    };
    for c in s.nfd() {
        let c = c.to_lowercase().next().unwrap_or(c);
        if c.is_whitespace() || c == '-' {
            if in_syllable {
                end_syllable(&mut key, &mut tone);
                in_syllable = false;
            }
            continue;
        }
        match c {
            '\u{0300}' => tone = 1,
            '\u{0309}' => tone = 2,
            '\u{0303}' => tone = 3,
            '\u{0301}' => tone = 4,
            '\u{0323}' => tone = 5,
            // The vowel marks make new letters that sort right after their base.
            '\u{0306}' | '\u{0302}' | '\u{031B}' => {
                if let Some(last) = key.last_mut() {
                    *last += if c == '\u{0302}' { 2 } else { 1 };
                    if c == '\u{031B}' && matches!(*last / 4, x if x == u16::from(b'o')) {
                        // ơ comes after ô: o, ô (+2), ơ (+3)
                        *last += 2;
                    }
                }
            }
            'đ' => key.push(u16::from(b'd') * 4 + 1),
            c if (c as u32) < 0x80 => key.push(u16::from(c as u8) * 4),
            c => key.push(0x4000 + (c as u32 & 0x3FFF) as u16),
        }
        in_syllable = true;
    }
    if in_syllable {
        end_syllable(&mut key, &mut tone);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_as_split_whitespace_does() {
        let mut all = String::from("Chuyển  đổi\u{3000}số\u{A0}là gì? ");
        all.extend((0..=0x10FFFF).filter_map(char::from_u32).flat_map(|c| ['a', c, 'ễ']));
        assert!(words(&all).eq(all.split_whitespace()));
        let syllables = all.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        assert_eq!(syllable_count(&all), syllables);
        assert_eq!(syllable_count(" Ờ, “ừ” – ý kiến 12,5% … \u{3000}đ\u{A0}! "), 6);
        assert_eq!(words(" \n ").count(), 0);
    }

    #[test]
    fn plain_characters_are_nfc_and_allowed_wherever_they_stand() {
        use unicode_normalization::char::canonical_combining_class;
        let plain = (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| plainly_nfc(c));
        for c in plain {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(!is_forbidden_char(c), "{c:?}");
        }
        let mut one = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(all_plainly_nfc(c.encode_utf8(&mut one)), plainly_nfc(c), "{c:?}");
        }
        assert!(all_plainly_nfc("Chuyển đổi số – “dễ” hiểu…\n") && !all_plainly_nfc("số → xã"));
        let decomposed = "Chuye\u{302}\u{309}n đô\u{309}i so\u{302}\u{301}";
        assert_eq!(nfc(decomposed), "Chuyển đổi số");
    }

    #[test]
    fn slugs_fold_the_vietnamese_way() {
        let cases = [
            ("Chuyển đổi số là gì", "chuyen-doi-so-la-gi"),
            ("Ứng dụng CNTT khác chuyển đổi số", "ung-dung-cntt-khac-chuyen-doi-so"),
            ("Đề án 06", "de-an-06"),
            ("ĐẶC ĐIỂM", "dac-diem"),
            ("Chính quyền số", "chinh-quyen-so"),
            ("Kinh tế số", "kinh-te-so"),
            ("Xã hội số", "xa-hoi-so"),
            ("Dịch vụ công trực tuyến", "dich-vu-cong-truc-tuyen"),
            ("Tổ công nghệ số cộng đồng", "to-cong-nghe-so-cong-dong"),
            ("Dữ liệu là tài nguyên", "du-lieu-la-tai-nguyen"),
            ("An toàn trên mạng", "an-toan-tren-mang"),
            ("Người đứng đầu dẫn dắt", "nguoi-dung-dau-dan-dat"),
            ("Ngày Chuyển đổi số quốc gia 10/10", "ngay-chuyen-doi-so-quoc-gia-10-10"),
            ("Cửa khẩu số Hữu Nghị", "cua-khau-so-huu-nghi"),
            ("Thuỷ lợi và thủy sản", "thuy-loi-va-thuy-san"),
            ("Hoà hợp, hòa bình", "hoa-hop-hoa-binh"),
            ("Ưu tiên ứng dụng", "uu-tien-ung-dung"),
            ("Quyết định 749/QĐ-TTg", "quyet-dinh-749-qd-ttg"),
            ("Ấp Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ", "ap-o-o-o-o-o-o-o-o-o"),
            ("Bình dân học vụ số", "binh-dan-hoc-vu-so"),
            ("  Khoảng   trắng -- thừa  ", "khoang-trang-thua"),
            ("Hỏi & đáp: 5 câu?", "hoi-dap-5-cau"),
            ("Lạng Sơn", "lang-son"),
            ("Slon phuối Tày–Nùng", "slon-phuoi-tay-nung"),
        ];
        for (title, slug) in cases {
            assert_eq!(slugify(title), slug, "slug of {title:?}");
        }
    }

    /// Tày and Nùng (Latin script of 1961): Vietnamese letters and tone marks fold the
    /// same way; `f`, `j`, `w`, `z` and the clusters `sl`, `bj`, `mj` stay; the breve
    /// of `ĭ`/`ŭ` goes like any mark; doubled vowels stay doubled (`khiing`); an
    /// apostrophe inside a word joins it (`t'ỏi` → `toi`), one between words is a dash.
    #[test]
    fn tay_and_nung_words_fold_to_their_letters() {
        let cases = [
            ("Pỉ noọng Tày", "pi-noong-tay"),
            ("Slư Tày – Nùng", "slu-tay-nung"),
            ("Mjạc fạ wả zăng", "mjac-fa-wa-zang"),
            ("Khiing khuúp", "khiing-khuup"),
            ("T'ỏi bjoóc", "toi-bjooc"),
            ("mĭ ŭ", "mi-u"),
            ("Đâư rườn", "dau-ruon"),
            ("don't 'quoted'", "dont-quoted"),
            ("Nàng ʼa", "nang-a"),
        ];
        for (title, slug) in cases {
            assert_eq!(slugify_translated(title), slug, "slug of {title:?}");
        }
        // A page of the default language keeps the address it always had.
        assert_eq!(slugify("T'ỏi don't"), "t-oi-don-t");
    }

    #[test]
    fn nfd_input_gives_the_same_slug_and_text_as_nfc() {
        let nfc_text = "Chuyển đổi số";
        let nfd_text: String = nfc_text.nfd().collect();
        assert_ne!(nfc_text, nfd_text);
        assert_eq!(nfc(&nfd_text), nfc_text);
        assert_eq!(slugify(&nfd_text), slugify(nfc_text));
    }

    #[test]
    fn nfc_drops_placeholder_and_control_characters() {
        assert_eq!(nfc("a\u{E000}b\u{1}c\r\n"), "abc\n");
    }

    #[test]
    fn syllables_are_space_separated_tokens_with_letters() {
        assert_eq!(syllable_count("Chuyển đổi số là gì?"), 5);
        assert_eq!(syllable_count("Năm 2023 – tăng 12,5%"), 4);
        assert_eq!(reading_minutes(0, 250), 1);
        assert_eq!(reading_minutes(251, 250), 2);
    }

    #[test]
    fn old_and_new_tone_placement_compare_equal() {
        for (old, new) in [("hòa", "hoà"), ("khỏe", "khoẻ"), ("thúy", "thuý"), ("hóa", "hoá"), ("lòe", "loè")]
        {
            assert_eq!(canonical_tones(new), old, "{new}");
            assert_eq!(canonical_tones(old), old, "{old}");
        }
        for kept in ["quý", "hoàn", "toán", "đổi", "số", "slon"] {
            assert_eq!(canonical_tones(kept), kept);
        }
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("S%C6%A1%20%C4%91%E1%BB%93.png"), "Sơ đồ.png");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn did_you_mean_finds_near_names() {
        assert_eq!(closest("comparision", &["comparison", "faq", "quiz"], 2), Some("comparison"));
        assert_eq!(closest("tittle", &["title", "summary"], 2), Some("title"));
        assert_eq!(closest("python", &["comparison", "faq", "quiz"], 2), None);
    }

    #[test]
    fn collation_puts_vietnamese_letters_in_alphabet_order() {
        let mut words = vec!["Đồng", "Xã", "Ấp", "An", "Dân", "Ơn", "Ôn", "Ong", "Ư", "U", "Zê"];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(words, ["An", "Ấp", "Dân", "Đồng", "Ong", "Ôn", "Ơn", "U", "Ư", "Xã", "Zê"]);
        let mut tones = vec!["má", "mạ", "ma", "mã", "mả", "mà"];
        tones.sort_by_key(|w| collation_key(w));
        assert_eq!(tones, ["ma", "mà", "mả", "mã", "má", "mạ"]);
        // Tones count syllable by syllable, after the letters of their syllable.
        let mut terms = vec!["Ý kiến", "Y tế", "Anh", "Án", "Thuế", "Thuê nhà", "An toàn"];
        terms.sort_by_key(|w| collation_key(w));
        assert_eq!(terms, ["An toàn", "Án", "Anh", "Thuê nhà", "Thuế", "Y tế", "Ý kiến"]);
    }
}
