//! The client-side search index: small JSON files the search script fetches on demand.
//!
//! - `search/meta.json`: every page's URL, title and section number, the section titles
//!   and the shard count;
//! - `search/s/<k>.json`: postings for the tokens whose hash falls in shard `k`;
//! - `search/p/<n>.json`: page `n`'s summary and text, for snippets of the top results.
//!
//! Tokens are syllables folded the Vietnamese way (`đổi` → `doi`) from the whole page;
//! from the title, summary and headings also pairs of neighbouring syllables
//! (`chuyen doi`), so multi-syllable words rank well, and the exact syllables with tones
//! in canonical placement, prefixed with `=`, so exact matches rank first.
//! The script (`themes/default/static/search.js`) folds queries the same way.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde_json::json;

use super::{Output, Sink};
use crate::render::memo::Remember;
use crate::render::RenderedSite;
use crate::site::Site;
use crate::text::canonical_tones;

/// A page's search tokens with their shards, remembered between rebuilds.
pub type Tokens = Arc<PageTokens>;

/// A page's tokens, each with its shard and weight; their text in one string, so the
/// build cache reads a page's tokens back with one UTF-8 check, not one per token.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct PageTokens {
    text: String,
    /// Per token: its shard, where it ends in `text`, its weight.
    entries: Vec<(u32, u32, u32)>,
}

impl PageTokens {
    fn push(&mut self, shard: u32, token: &str, weight: u32) {
        self.text.push_str(token);
        self.entries.push((shard, self.text.len() as u32, weight));
    }

    /// Shard, token and weight of each token.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str, u32)> {
        let mut start = 0;
        self.entries.iter().map(move |&(shard, end, weight)| {
            let token = self.text.get(start..end as usize).unwrap_or("");
            start = end as usize;
            (shard, token, weight)
        })
    }

    /// Whether each token ends after the last, inside the text, between characters
    /// (what the build cache reads back is checked before it is used).
    pub fn is_whole(&self) -> bool {
        let mut start = 0;
        self.entries.iter().all(|&(_, end, _)| {
            let end = end as usize;
            let fits = start <= end && self.text.is_char_boundary(end);
            start = end;
            fits
        })
    }
}

/// How much a token counts where it stands.
const WEIGHT_TITLE: u32 = 12;
const WEIGHT_SUMMARY: u32 = 4;
const WEIGHT_HEADING: u32 = 4;
const WEIGHT_BODY: u32 = 1;
/// Pages whose tokens are worked out together while the index is built.
const TOKENS_AT_ONCE: usize = 256;
/// Text kept per page for snippets.
const SNIPPET_TEXT: usize = 2500;

/// FNV-1a over the token's UTF-8 bytes; `search.js` computes the same.
pub fn shard_of(token: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in token.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards
}

/// Adds the tokens of `text` with `weight` to `counts`. Short texts (title, summary,
/// headings) give all three kinds of token; the body only folded syllables, which keeps
/// the index small and quick to build while exact tones and pairs still rank the pages
/// that are about the words first.
fn add_tokens(text: &str, weight: u32, short: bool, counts: &mut HashMap<String, u32>) {
    let mut syllable = Syllable::default();
    if !short {
        // Long texts repeat their words: fold each distinct one once.
        let mut seen: HashMap<&str, u32> = HashMap::default();
        for word in words(text) {
            *seen.entry(word).or_default() += 1;
        }
        for (word, n) in seen {
            syllable.fold(word);
            bump(counts, &syllable.folded, weight * n);
        }
        return;
    }
    // Pairs never reach across punctuation: "số, hòa" is not a word.
    let mut pair = String::new();
    for run in text.split(['.', ',', ';', ':', '!', '?', '(', ')', '"', '–']) {
        let mut previous = String::new();
        for word in words(run) {
            syllable.read(word);
            syllable.add(weight, counts);
            if !previous.is_empty() {
                pair.clear();
                pair.push_str(&previous);
                pair.push(' ');
                pair.push_str(&syllable.folded);
                bump(counts, &pair, weight);
            }
            previous.clear();
            previous.push_str(&syllable.folded);
        }
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_separator).filter(|w| !w.is_empty())
}

/// Between words: ASCII punctuation and spaces, and the Unicode blocks of spaces,
/// punctuation and symbols. A quick test instead of `!char::is_alphanumeric`, which is
/// slow on the non-ASCII letters Vietnamese text is full of.
fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{0080}'..='\u{00BF}' | '×' | '÷' | '\u{2000}'..='\u{2BFF}' | '\u{3000}'..='\u{303F}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF0F}')
}

/// One syllable in its indexed forms, with buffers reused from word to word.
#[derive(Default)]
struct Syllable {
    lower: String,
    folded: String,
    exact: String,
}

impl Syllable {
    /// The folded form only (body words index nothing else).
    fn fold(&mut self, word: &str) {
        self.folded.clear();
        for c in word.chars() {
            match c.is_ascii() {
                true => self.folded.push(c.to_ascii_lowercase()),
                false => c.to_lowercase().for_each(|l| crate::text::fold_char(l, &mut self.folded)),
            }
        }
    }

    /// The lower-case and folded forms.
    fn read(&mut self, word: &str) {
        self.fold(word);
        self.lower.clear();
        self.lower.extend(word.chars().flat_map(char::to_lowercase));
    }

    /// Adds the folded form and, when it has marks, the exact one.
    fn add(&mut self, weight: u32, counts: &mut HashMap<String, u32>) {
        if self.folded != self.lower {
            self.exact.clear();
            self.exact.push('=');
            self.exact.push_str(&canonical_tones(&self.lower));
            bump(counts, &self.exact, weight);
        }
        bump(counts, &self.folded, weight);
    }
}

fn bump(counts: &mut HashMap<String, u32>, token: &str, weight: u32) {
    match counts.get_mut(token) {
        Some(w) => *w += weight,
        None => {
            counts.insert(token.to_string(), weight);
        }
    }
}

fn page_tokens(site: &Site, rendered: &RenderedSite, i: usize) -> HashMap<String, u32> {
    let page = &site.pages[i];
    let r = rendered.page(site, i);
    let mut counts = HashMap::with_capacity_and_hasher(1024, Default::default());
    add_tokens(&page.source.front.title, WEIGHT_TITLE, true, &mut counts);
    if let Some(summary) = &page.source.front.summary {
        add_tokens(summary, WEIGHT_SUMMARY, true, &mut counts);
    }
    for heading in &r.toc {
        add_tokens(&heading.title, WEIGHT_HEADING, true, &mut counts);
    }
    add_tokens(&r.plain, WEIGHT_BODY, false, &mut counts);
    counts
}

/// Number of shards: about one per page, so a query of a few words downloads a few
/// small files, whatever the size of the site.
fn shard_count(pages: usize) -> u32 {
    pages.next_power_of_two().clamp(16, 4096) as u32
}

/// One shard's postings: token → `(page, weight)` in page order (the tokens are sorted
/// when the shard is written).
type Shard = HashMap<Box<str>, Vec<(u32, u32)>>;

/// Postings by shard: token → `(page, weight)` in page order. Kept by `loa serve` so an
/// edit to one page rewrites only the shards that page's words fall in.
pub struct Index {
    shards: Vec<Shard>,
    /// Per page, the shards its tokens fall in.
    page_shards: Vec<Vec<u32>>,
}

/// Page `i`'s tokens with their shards; none for a page off the portal.
fn shard_tokens(site: &Site, rendered: &RenderedSite, i: usize, shards: u32) -> PageTokens {
    let mut tokens = PageTokens::default();
    if !site.pages[i].on(crate::content::Channel::Portal) {
        return tokens;
    }
    for (token, weight) in page_tokens(site, rendered, i) {
        tokens.push(shard_of(&token, shards), &token, weight.min(65_535));
    }
    tokens
}

/// Everything page `i`'s tokens are made from, hashed.
fn token_inputs(site: &Site, rendered: &RenderedSite, i: usize, shards: u32) -> blake3::Hash {
    let page = &site.pages[i];
    let f = &page.source.front;
    let r = &rendered.pages[i];
    let headings: Vec<&str> = r.toc.iter().map(|h| h.title.as_str()).collect();
    let portal = page.on(crate::content::Channel::Portal);
    let texts = (portal, shards, &f.title, &f.summary, headings);
    let settings = crate::render::memo::hash_values(b"search", &[texts]);
    // The body's words are those of the Markdown its key was made from.
    crate::render::memo::hash_texts(settings.as_bytes(), &[&rendered.keys[i].to_hex()])
}

/// The words of a page's body a search result shows (`search/p/<i>.json`).
pub fn snippet(plain: &str) -> String {
    squeeze(plain, SNIPPET_TEXT)
}

fn shards_of(tokens: &PageTokens) -> Vec<u32> {
    let mut shards: Vec<u32> = tokens.entries.iter().map(|t| t.0).collect();
    shards.sort_unstable();
    shards.dedup();
    shards
}

impl Index {
    /// The index of every page; with a memo (`loa serve`), a page's tokens are worked out
    /// again only when its words changed.
    pub fn new(site: &Site, rendered: &RenderedSite, memo: Option<&dyn Remember<Tokens>>) -> Index {
        let count = shard_count(site.pages.len());
        let tokens_of = |i: usize| {
            let make = || Arc::new(shard_tokens(site, rendered, i, count));
            match memo {
                Some(memo) => memo.remember(token_inputs(site, rendered, i, count), &make),
                None => make(),
            }
        };
        let mut shards: Vec<Shard> = vec![Shard::default(); count as usize];
        let run = (count as usize).div_ceil(4 * rayon::current_num_threads()).max(1);
        let mut page_shards = Vec::with_capacity(site.pages.len());
        // A few hundred pages' tokens at a time, not the whole site's at once. Pages are
        // posted in order, so each token's list is sorted by page.
        for first in (0..site.pages.len()).step_by(TOKENS_AT_ONCE) {
            let pages = first..(first + TOKENS_AT_ONCE).min(site.pages.len());
            let per_page: Vec<Tokens> = pages.into_par_iter().map(tokens_of).collect();
            // Each worker posts into its own run of shards.
            shards.par_chunks_mut(run).enumerate().for_each(|(n, own)| {
                let from = (n * run) as u32;
                for (page, tokens) in (first..).zip(&per_page) {
                    for (shard, token, weight) in tokens.iter() {
                        if let Some(shard) = own.get_mut(shard.wrapping_sub(from) as usize) {
                            post(shard, token, (page as u32, weight));
                        }
                    }
                }
            });
            page_shards.extend(per_page.iter().map(|tokens| shards_of(tokens)));
        }
        Index { shards, page_shards }
    }

    /// Every file of the index, into `sink`.
    pub fn outputs(&self, site: &Site, rendered: &RenderedSite, sink: &Sink) {
        sink.put(Ok(meta(site, self.shards.len())));
        self.shards.par_iter().enumerate().for_each(|(k, shard)| sink.put(Ok(shard_file(site, k, shard))));
        (0..site.pages.len())
            .into_par_iter()
            .filter(|&i| site.pages[i].on(crate::content::Channel::Portal))
            .for_each(|i| sink.put(Ok(fragment(site, rendered, i))));
    }

    /// Page `i`'s text changed (not its title or summary): its postings are replaced and
    /// the files that changed with them returned.
    pub fn update_body(&mut self, site: &Site, rendered: &RenderedSite, i: usize) -> Vec<Output> {
        if !site.pages[i].on(crate::content::Channel::Portal) {
            return Vec::new();
        }
        let page = i as u32;
        let tokens = shard_tokens(site, rendered, i, self.shards.len() as u32);
        let mut touched = shards_of(&tokens);
        touched.extend(std::mem::replace(&mut self.page_shards[i], touched.clone()));
        touched.sort_unstable();
        touched.dedup();
        for &k in &touched {
            let shard = &mut self.shards[k as usize];
            for list in shard.values_mut() {
                if let Ok(at) = list.binary_search_by_key(&page, |p| p.0) {
                    list.remove(at);
                }
            }
            shard.retain(|_, list| !list.is_empty());
        }
        for (k, token, weight) in tokens.iter() {
            post(&mut self.shards[k as usize], token, (page, weight));
        }
        let mut outputs: Vec<Output> =
            touched.iter().map(|&k| shard_file(site, k as usize, &self.shards[k as usize])).collect();
        outputs.push(fragment(site, rendered, i));
        outputs
    }
}

/// Adds `posting` to `token`'s list in page order; the token is copied only when new.
fn post(shard: &mut Shard, token: &str, posting: (u32, u32)) {
    match shard.get_mut(token) {
        // A whole build adds pages in order: most postings go at the end.
        Some(list) if list.last().is_none_or(|p| p.0 < posting.0) => list.push(posting),
        Some(list) => {
            let at = list.partition_point(|p| p.0 < posting.0);
            list.insert(at, posting);
        }
        None => {
            shard.insert(token.into(), vec![posting]);
        }
    }
}

/// `search/meta.json`: every page's URL, title and section, and the section titles.
fn meta(site: &Site, shards: usize) -> Output {
    let section_titles: Vec<&str> = site.sections.iter().map(|s| s.title.as_str()).collect();
    let pages: Vec<serde_json::Value> = site
        .pages
        .iter()
        .map(|p| match p.on(crate::content::Channel::Portal) {
            true => json!([site.urls.path(&p.path), p.source.front.title, p.section]),
            false => serde_json::Value::Null,
        })
        .collect();
    let meta = json!({ "version": 1, "shards": shards, "sections": section_titles, "pages": pages });
    Output::bytes(format!("{}search/meta.json", site.config.language_path), meta.to_string())
}

/// `search/s/<k>.json`. Each list is written delta-encoded, `[page gap, weight, page gap,
/// weight, …]`, which keeps the numbers short.
fn shard_file(site: &Site, k: usize, shard: &Shard) -> Output {
    let mut json = String::with_capacity(shard.values().map(|l| l.len() * 8 + 16).sum());
    let mut numbers = itoa::Buffer::new();
    json.push('{');
    let mut sorted: Vec<_> = shard.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (n, (token, list)) in sorted.into_iter().enumerate() {
        if n > 0 {
            json.push(',');
        }
        // Tokens are letters, digits, spaces and `=`: nothing to escape in JSON.
        json.push('"');
        json.push_str(token);
        json.push_str("\":[");
        let mut last_page = 0;
        for (j, (page, weight)) in list.iter().enumerate() {
            if j > 0 {
                json.push(',');
            }
            json.push_str(numbers.format(page - last_page));
            json.push(',');
            json.push_str(numbers.format(*weight));
            last_page = *page;
        }
        json.push(']');
    }
    json.push('}');
    Output::bytes(format!("{}search/s/{k}.json", site.config.language_path), json)
}

/// `search/p/<i>.json`: page `i`'s summary and text, for snippets.
fn fragment(site: &Site, rendered: &RenderedSite, i: usize) -> Output {
    let text = squeeze(&rendered.pages[i].plain, SNIPPET_TEXT);
    let summary = site.pages[i].source.front.summary.clone().unwrap_or_default();
    let fragment = json!({ "summary": summary, "text": text });
    Output::bytes(format!("{}search/p/{i}.json", site.config.language_path), fragment.to_string())
}

/// `text` with runs of white space as one space, cut at a character boundary.
fn squeeze(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max));
    for word in text.split_whitespace() {
        if out.len() + word.len() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_read_back_only_when_each_ends_in_its_text() {
        let mut tokens = PageTokens::default();
        tokens.push(3, "đổi", 2);
        tokens.push(7, "so", 1);
        assert!(tokens.is_whole());
        assert_eq!(tokens.iter().collect::<Vec<_>>(), [(3, "đổi", 2), (7, "so", 1)]);
        // Inside a letter, past the end, or before the last token's end: not used.
        for entries in [vec![(3, 1, 2)], vec![(3, 99, 2)], vec![(3, 6, 2), (7, 2, 1)]] {
            let damaged = PageTokens { text: tokens.text.clone(), entries };
            assert!(!damaged.is_whole(), "{damaged:?}");
        }
    }

    #[test]
    fn tokens_are_folded_paired_and_exact() {
        let mut counts = HashMap::default();
        add_tokens("Chuyển đổi số, hoà nhập", 1, true, &mut counts);
        for token in ["chuyen", "doi", "so", "chuyen doi", "doi so", "=chuyển", "=đổi", "=hòa", "hoa"] {
            assert!(counts.contains_key(token), "{token} missing from {counts:?}");
        }
        assert!(!counts.contains_key("so hoa"), "no pair across punctuation");
    }

    #[test]
    fn shards_match_the_script() {
        // Published FNV-1a 32-bit values; search.js must agree (see the browser test).
        assert_eq!(shard_of("a", u32::MAX), 0xe40c_292c);
        assert_eq!(shard_of("foobar", u32::MAX), 0xbf9c_f968);
    }
}
