//! Full-content feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1, for the site, each section
//! and each taxonomy term. Every link and image in them is an absolute URL, because
//! feed readers and partners' CMSs show the content away from the site.
//!
//! Only explainers whose channels include `portal` or `newspaper` are listed.

use atom_syndication as atom;
use rayon::prelude::*;

use super::{Output, Sink};
use crate::content::Channel;
use crate::render::RenderedSite;
use crate::site::Site;

/// One feed's scope: where it lives, its title and its pages (newest first).
struct Scope<'a> {
    /// `""`, `hieu-dung/` or `chu-de/du-lieu/`
    path: &'a str,
    title: String,
    pages: Vec<usize>,
}

/// Every feed, into `sink`.
pub fn outputs(site: &Site, rendered: &RenderedSite, sink: &Sink) {
    scopes(site).par_iter().for_each(|scope| sink.put_all(scope_files(site, rendered, scope)));
}

/// Page `i`'s text changed: the feeds that carry it, written again.
pub fn update_body(site: &Site, rendered: &RenderedSite, i: usize) -> Vec<Output> {
    let scopes = scopes(site);
    let carrying = scopes.iter().filter(|scope| scope.pages.contains(&i));
    carrying.flat_map(|scope| scope_files(site, rendered, scope)).collect()
}

/// A feed's files: Atom, RSS and JSON Feed, or the one RSS feed of `site_feed`.
fn scope_files(site: &Site, rendered: &RenderedSite, scope: &Scope) -> Vec<Output> {
    let entries: Vec<Entry> = scope.pages.iter().map(|&p| Entry::new(site, rendered, p)).collect();
    if !site.config.writes("feeds") {
        return vec![rss_feed(site, scope, &entries)];
    }
    vec![atom_feed(site, scope, &entries), rss_feed(site, scope, &entries), json_feed(site, scope, &entries)]
}

/// Every feed the site has: the site's, then each section's and each term's (only the
/// site's with `site_feed`).
fn scopes(site: &Site) -> Vec<Scope<'_>> {
    // A page off the portal is read at its embed page, so it needs embeds written.
    let embeds = site.config.writes("embed");
    let listed = |p: &usize| {
        let page = &site.pages[*p];
        page.on(Channel::Portal) || (embeds && page.on(Channel::Newspaper))
    };
    let limit = site.config.feed_limit;
    let mut scopes = vec![Scope {
        path: &site.config.language_path,
        title: site.config.title.clone(),
        pages: (0..site.pages.len()).filter(listed).take(limit).collect(),
    }];
    if !site.config.writes("feeds") {
        return scopes;
    }
    let mut by_section: Vec<Vec<usize>> = vec![Vec::new(); site.sections.len()];
    for p in (0..site.pages.len()).filter(listed) {
        let pages = &mut by_section[site.pages[p].section];
        if pages.len() < limit {
            pages.push(p);
        }
    }
    for (section, pages) in site.sections.iter().zip(by_section).skip(1) {
        if !site.shows(section) {
            continue;
        }
        scopes.push(Scope {
            path: &section.path,
            title: format!("{} – {}", section.title, site.config.title),
            pages,
        });
    }
    for taxonomy in &site.taxonomies {
        for term in &taxonomy.terms {
            let pages = term.pages.iter().copied().filter(listed).take(limit).collect();
            scopes.push(Scope {
                path: &term.path,
                title: format!("{} – {}", term.name, site.config.title),
                pages,
            });
        }
    }
    scopes
}

/// What every format says about one explainer.
struct Entry {
    title: String,
    url: String,
    summary: Option<String>,
    content: String,
    published: Option<String>,
    updated: Option<String>,
    author: String,
}

impl Entry {
    fn new(site: &Site, rendered: &RenderedSite, i: usize) -> Entry {
        let p = &site.pages[i];
        let f = &p.source.front;
        // A page kept off the portal is read where it can be: its embed page.
        let path = if p.on(Channel::Portal) { p.path.clone() } else { format!("{}embed/", p.path) };
        let url = site.urls.permalink(&path);
        Entry {
            title: f.title.clone(),
            content: absolute_links(&rendered.page(site, i).html, &origin(site), &url),
            url,
            summary: f.summary.clone(),
            published: f.date.map(|d| d.rfc3339()),
            updated: f.updated.or(f.date).map(|d| d.rfc3339()),
            author: f.unit.clone().unwrap_or_else(|| site.config.publisher.clone()),
        }
    }
}

/// `https://host` of the site, empty when base_url is a bare path.
fn origin(site: &Site) -> String {
    let base = site.urls.permalink("");
    base.strip_suffix(site.urls.base_path()).unwrap_or("").to_string()
}

/// Makes every `href`/`src` absolute: paths get the site's origin, `#anchors` the page's
/// URL; so does every address of a `srcset` (resized pictures).
pub fn absolute_links(html: &str, origin: &str, page_url: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find(['h', 's']) {
        let (before, at) = rest.split_at(i);
        out.push_str(before);
        if let Some(value) = at.strip_prefix("srcset=\"") {
            let end = value.find('"').unwrap_or(value.len());
            out.push_str("srcset=\"");
            let list: Vec<String> = value[..end]
                .split(", ")
                .map(|item| match item.starts_with('/') && !item.starts_with("//") {
                    true => format!("{origin}{item}"),
                    false => item.to_string(),
                })
                .collect();
            out.push_str(&list.join(", "));
            rest = &value[end..];
            continue;
        }
        let attr = ["href=\"", "src=\""].into_iter().find(|a| at.starts_with(a));
        let Some(attr) = attr else {
            out.push_str(&at[..1]);
            rest = &at[1..];
            continue;
        };
        out.push_str(attr);
        let value = &at[attr.len()..];
        if value.starts_with('/') && !value.starts_with("//") {
            out.push_str(origin);
        } else if value.starts_with('#') {
            out.push_str(page_url);
        }
        rest = value;
    }
    out.push_str(rest);
    out
}

fn feed_updated(entries: &[Entry]) -> String {
    entries
        .iter()
        .filter_map(|e| e.updated.clone())
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into())
}

fn atom_feed(site: &Site, scope: &Scope, entries: &[Entry]) -> Output {
    let date = |s: &str| atom::FixedDateTime::parse_from_rfc3339(s).ok();
    let self_url = site.urls.permalink(&format!("{}atom.xml", scope.path));
    let mut feed = atom::Feed {
        title: scope.title.clone().into(),
        id: self_url.clone(),
        updated: date(&feed_updated(entries)).unwrap_or_default(),
        lang: Some(site.config.language.clone()),
        ..Default::default()
    };
    feed.links = vec![
        atom::Link {
            href: self_url,
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Default::default()
        },
        atom::Link { href: site.urls.permalink(scope.path), rel: "alternate".into(), ..Default::default() },
    ];
    feed.authors = vec![atom::Person { name: site.config.publisher.clone(), ..Default::default() }];
    feed.entries = entries
        .iter()
        .map(|e| atom::Entry {
            title: e.title.clone().into(),
            id: e.url.clone(),
            updated: e.updated.as_deref().and_then(date).unwrap_or_default(),
            published: e.published.as_deref().and_then(date),
            authors: vec![atom::Person { name: e.author.clone(), ..Default::default() }],
            links: vec![atom::Link { href: e.url.clone(), rel: "alternate".into(), ..Default::default() }],
            summary: e.summary.clone().map(Into::into),
            content: Some(atom::Content {
                value: Some(e.content.clone()),
                content_type: Some("html".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect();
    Output::bytes(format!("{}atom.xml", scope.path), feed.to_string())
}

fn rfc2822(rfc3339: &str) -> Option<String> {
    let ts: jiff::Timestamp = rfc3339.parse().ok()?;
    let offset = jiff::tz::Offset::constant(crate::text::dates::VIETNAM_OFFSET_HOURS);
    let zoned = ts.to_zoned_datetime(jiff::tz::TimeZone::fixed(offset));
    jiff::fmt::rfc2822::to_string(&zoned).ok()
}

/// Plain text as HTML that shows it as it is.
fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::text::push_escaped(&mut out, text);
    out
}

fn rss_feed(site: &Site, scope: &Scope, entries: &[Entry]) -> Output {
    let items = entries
        .iter()
        .map(|e| rss::Item {
            title: Some(e.title.clone()),
            link: Some(e.url.clone()),
            // RSS readers and partners' systems take a description as HTML: the plain
            // summary is escaped so that it stays text there.
            description: e.summary.as_deref().map(html_text),
            content: Some(e.content.clone()),
            author: None,
            guid: Some(rss::Guid { value: e.url.clone(), permalink: true }),
            pub_date: e.published.as_deref().and_then(rfc2822),
            ..Default::default()
        })
        .collect();
    // `atom:link rel="self"`: where the feed lives, as feed validators ask.
    let self_link = rss::extension::atom::Link {
        href: site.urls.permalink(&format!("{}rss.xml", scope.path)),
        rel: "self".into(),
        mime_type: Some("application/rss+xml".into()),
        ..Default::default()
    };
    let channel = rss::Channel {
        atom_ext: Some(rss::extension::atom::AtomExtension { links: vec![self_link] }),
        title: scope.title.clone(),
        link: site.urls.permalink(scope.path),
        description: html_text(&site.config.description),
        language: Some(site.config.language.clone()),
        last_build_date: rfc2822(&feed_updated(entries)),
        items,
        namespaces: [("content".to_string(), "http://purl.org/rss/1.0/modules/content/".to_string())]
            .into_iter()
            .collect(),
        ..Default::default()
    };
    Output::bytes(format!("{}rss.xml", scope.path), channel.to_string())
}

fn json_feed(site: &Site, scope: &Scope, entries: &[Entry]) -> Output {
    let items: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            let mut item = serde_json::json!({
                "id": e.url,
                "url": e.url,
                "title": e.title,
                "content_html": e.content,
                "authors": [{ "name": e.author }],
                "language": site.config.language,
            });
            if let Some(s) = &e.summary {
                item["summary"] = s.clone().into();
            }
            if let Some(d) = &e.published {
                item["date_published"] = d.clone().into();
            }
            if let Some(d) = &e.updated {
                item["date_modified"] = d.clone().into();
            }
            item
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.title,
        "home_page_url": site.urls.permalink(scope.path),
        "feed_url": site.urls.permalink(&format!("{}feed.json", scope.path)),
        "description": site.config.description,
        "language": site.config.language,
        "authors": [{ "name": site.config.publisher }],
        "items": items,
    });
    Output::bytes(format!("{}feed.json", scope.path), feed.to_string())
}
