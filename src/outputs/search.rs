//! The client-side search index: small JSON files the search script fetches on demand.
//!
//! - `search/meta.json`: every page's URL, title and section, and the shard count;
//! - `search/s/<k>.json`: postings for the tokens whose hash falls in shard `k`;
//! - `search/p/<n>.json`: page `n`'s summary and text, for snippets of the top results.
//!
//! Tokens are syllables folded the Vietnamese way (`đổi` → `doi`), pairs of neighbouring
//! syllables (`chuyen doi`) so multi-syllable words rank well, and the exact syllables
//! with tones in canonical placement, prefixed with `=`, so exact matches rank first.
//! The script (`themes/default/static/search.js`) folds queries the same way.

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::json;

use super::Output;
use crate::render::RenderedSite;
use crate::site::Site;
use crate::text::{canonical_tones, fold};

/// How much a token counts where it stands.
const WEIGHT_TITLE: u32 = 12;
const WEIGHT_SUMMARY: u32 = 4;
const WEIGHT_HEADING: u32 = 4;
const WEIGHT_BODY: u32 = 1;
/// Text kept per page for snippets.
const SNIPPET_TEXT: usize = 6000;

/// FNV-1a over the token's UTF-8 bytes; `search.js` computes the same.
pub fn shard_of(token: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in token.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards
}

/// Lower-case syllables of `text`, letters and digits only.
fn syllables(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase())
}

/// Adds the tokens of `text` with `weight` to `counts`.
fn add_tokens(text: &str, weight: u32, counts: &mut HashMap<String, u32>) {
    // Pairs never reach across punctuation: "số, hòa" is not a word.
    for run in text.split(['.', ',', ';', ':', '!', '?', '(', ')', '"', '–']) {
        add_run(run, weight, counts);
    }
}

fn add_run(text: &str, weight: u32, counts: &mut HashMap<String, u32>) {
    let mut previous: Option<String> = None;
    for syllable in syllables(text) {
        let folded = fold(&syllable);
        *counts.entry(format!("={}", canonical_tones(&syllable))).or_default() += weight;
        if let Some(prev) = previous.take() {
            *counts.entry(format!("{prev} {folded}")).or_default() += weight;
        }
        *counts.entry(folded.clone()).or_default() += weight;
        previous = Some(folded);
    }
}

fn page_tokens(site: &Site, rendered: &RenderedSite, i: usize) -> HashMap<String, u32> {
    let page = &site.pages[i];
    let r = &rendered.pages[i];
    let mut counts = HashMap::new();
    add_tokens(&page.source.front.title, WEIGHT_TITLE, &mut counts);
    if let Some(summary) = &page.source.front.summary {
        add_tokens(summary, WEIGHT_SUMMARY, &mut counts);
    }
    for heading in &r.toc {
        add_tokens(&heading.title, WEIGHT_HEADING, &mut counts);
    }
    add_tokens(&r.plain, WEIGHT_BODY, &mut counts);
    counts
}

/// Number of shards: about one per eight pages, so each stays a few kilobytes.
fn shard_count(pages: usize) -> u32 {
    (pages / 8).clamp(4, 512) as u32
}

pub fn outputs(site: &Site, rendered: &RenderedSite) -> Vec<Output> {
    let shards = shard_count(site.pages.len());
    let per_page: Vec<HashMap<String, u32>> =
        (0..site.pages.len()).into_par_iter().map(|i| page_tokens(site, rendered, i)).collect();

    let mut postings: Vec<HashMap<&str, Vec<u32>>> = vec![HashMap::new(); shards as usize];
    for (page, counts) in per_page.iter().enumerate() {
        for (token, weight) in counts {
            let list = postings[shard_of(token, shards) as usize].entry(token.as_str()).or_default();
            list.push(page as u32);
            list.push((*weight).min(65_535));
        }
    }

    let mut outputs = Vec::with_capacity(site.pages.len() + shards as usize + 1);
    let pages: Vec<serde_json::Value> = site
        .pages
        .iter()
        .map(|p| json!([site.urls.path(&p.path), p.source.front.title, site.sections[p.section].title]))
        .collect();
    let meta = json!({ "version": 1, "shards": shards, "pages": pages });
    outputs.push(Output::bytes("search/meta.json", meta.to_string()));
    outputs.par_extend(postings.into_par_iter().enumerate().map(|(k, tokens)| {
        let mut sorted: Vec<(&str, Vec<u32>)> = tokens.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let map: serde_json::Map<String, serde_json::Value> =
            sorted.into_iter().map(|(t, list)| (t.to_string(), json!(list))).collect();
        Output::bytes(format!("search/s/{k}.json"), serde_json::Value::Object(map).to_string())
    }));
    outputs.par_extend(site.pages.par_iter().enumerate().map(|(i, p)| {
        let text = squeeze(&rendered.pages[i].plain, SNIPPET_TEXT);
        let fragment = json!({ "summary": p.source.front.summary.clone().unwrap_or_default(), "text": text });
        Output::bytes(format!("search/p/{i}.json"), fragment.to_string())
    }));
    outputs
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
    fn tokens_are_folded_paired_and_exact() {
        let mut counts = HashMap::new();
        add_tokens("Chuyển đổi số, hoà nhập", 1, &mut counts);
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
