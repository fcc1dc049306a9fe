//! The portal's HTML pages: explainers, sections, the home page, taxonomy lists and
//! terms, and the 404 page, through the Tera templates.
//!
//! Template data is built once per page and section and shared (Tera values are
//! reference-counted), never re-serialised for every list a page appears in.

use rayon::prelude::*;
use tera::{Map, Value};

use super::{Output, Sink};
use crate::content::Channel;
use crate::diagnostics::Diagnostic;
use crate::messages::{Lang, Message};
use crate::render::templates::Templates;
use crate::render::RenderedSite;
use crate::site::Site;
use crate::text::dates::{long_date, short_date, PageDate};
use crate::text::reading_minutes;

/// A template's variables by name.
pub type Entries = Vec<(&'static str, Value)>;

/// Renders `template` with `entries` into the file at `path`.
pub fn render(
    templates: &Templates,
    template: &str,
    path: String,
    entries: Entries,
) -> Result<Output, Diagnostic> {
    output(templates.render_entries(template, &path, entries), path)
}

/// How many newest explainers the home page lists.
const HOME_LATEST: usize = 10;
const RELATED: usize = 4;

/// Template values built once per site and shared by every channel that renders pages.
pub struct Values {
    pub lang: Lang,
    /// Per page: what lists show (title, url, summary, dates …).
    pub page_summaries: Vec<Value>,
    /// Per section: title, url, summary.
    pub section_summaries: Vec<Value>,
    /// Per page, the pages its related block shows.
    pub related: Vec<Vec<usize>>,
    /// Per page, the hash of everything its full value is made of but its body
    /// ([`page_inputs`]).
    pub page_inputs: Vec<blake3::Hash>,
}

impl Values {
    /// The hash of everything page `i`'s full value is made of, its body included: a
    /// page whose inputs hash the same as at its last render is not built again.
    pub fn page_key(&self, rendered: &RenderedSite, i: usize) -> blake3::Hash {
        let mut h = blake3::Hasher::new();
        h.update(self.page_inputs[i].as_bytes());
        h.update(rendered.keys[i].as_bytes());
        h.finalize()
    }
}

fn map(entries: Vec<(&'static str, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in entries {
        m.insert(k.into(), v);
    }
    Value::from(m)
}

fn opt_text(v: &Option<String>) -> Value {
    v.as_ref().map_or_else(Value::none, |s| Value::from(s.as_str()))
}

fn date_values(prefix: &'static str, date: Option<PageDate>, lang: Lang) -> Vec<(&'static str, Value)> {
    let (iso, long, short) = match date {
        Some(d) => (
            Value::from(d.rfc3339()),
            Value::from(long_date(d.date, lang == Lang::Vi)),
            Value::from(short_date(d.date)),
        ),
        None => (Value::none(), Value::none(), Value::none()),
    };
    match prefix {
        "date" => vec![("date", iso), ("date_long", long), ("date_short", short)],
        _ => vec![("updated", iso), ("updated_long", long), ("updated_short", short)],
    }
}

pub fn build_values(site: &Site, rendered: &RenderedSite) -> Values {
    let lang = Lang::from_code(&site.config.language);
    let section_summaries: Vec<Value> = site
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let summary = s.source.as_ref().and_then(|src| src.front.summary.clone());
            map(vec![
                ("title", Value::from(s.title.as_str())),
                ("url", Value::from(site.urls.path(&s.path))),
                ("permalink", Value::from(site.urls.permalink(&s.path))),
                ("summary", opt_text(&summary)),
                ("page_count", Value::from(s.pages.len())),
                ("is_home", Value::from(i == 0)),
            ])
        })
        .collect();
    let page_summaries = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let f = &p.source.front;
            let mut entries = vec![
                ("title", Value::from(f.title.as_str())),
                ("url", Value::from(site.urls.path(&p.path))),
                ("permalink", Value::from(site.urls.permalink(&p.path))),
                ("summary", opt_text(&f.summary)),
                ("section", section_summaries[p.section].clone()),
                (
                    "reading_time",
                    Value::from(reading_minutes(rendered.pages[i].syllables, site.config.reading_speed)),
                ),
                ("unit", opt_text(&f.unit)),
            ];
            entries.extend(date_values("date", f.date, lang));
            map(entries)
        })
        .collect();
    let related = site.pages.par_iter().enumerate().map(|(i, _)| site.related(i, RELATED)).collect();
    let mut values = Values { lang, page_summaries, section_summaries, related, page_inputs: Vec::new() };
    values.page_inputs = all_page_inputs(site, &values);
    values
}

/// Bytes to hash for `value`.
fn value_hash(value: &Value) -> blake3::Hash {
    let mut bytes = Vec::with_capacity(512);
    crate::render::templates::value_bytes(&mut bytes, value);
    blake3::hash(&bytes)
}

/// Every page's [`Values::page_inputs`]: what [`page_value`] reads, but the rendered body
/// (whose own key is in `RenderedSite::keys`), hashed without building the value. It
/// holds the site's settings, the page's front matter, folder, file and picture, the
/// values of the pages and sections it shows (its own list entry, neighbours, related
/// pages, breadcrumbs), its terms and its translations.
fn all_page_inputs(site: &Site, values: &Values) -> Vec<blake3::Hash> {
    use crate::render::templates::tagged;
    let everywhere = blake3::hash(format!("{:?}{:?}", site.config, values.lang).as_bytes());
    let summaries: Vec<blake3::Hash> = values.page_summaries.par_iter().map(value_hash).collect();
    // A section's trail: the breadcrumbs' values, and every ancestor's title and folder
    // (the breadcrumb JSON-LD names them all).
    let trails: Vec<blake3::Hash> = (0..site.sections.len())
        .map(|s| {
            let mut bytes = Vec::new();
            crate::render::templates::value_bytes(&mut bytes, &breadcrumbs(site, values, s));
            for a in site.ancestors(s) {
                tagged(&mut bytes, "t", site.sections[a].title.as_bytes());
                tagged(&mut bytes, "p", site.sections[a].path.as_bytes());
            }
            blake3::hash(&bytes)
        })
        .collect();
    let none = blake3::hash(b"none");
    site.pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let mut bytes = Vec::with_capacity(1024);
            bytes.extend_from_slice(everywhere.as_bytes());
            tagged(&mut bytes, "f", format!("{:?}", p.source.front).as_bytes());
            tagged(&mut bytes, "r", p.source.rel.to_string_lossy().as_bytes());
            tagged(&mut bytes, "p", p.path.as_bytes());
            let picture = super::pictures::page_picture(site, p);
            tagged(&mut bytes, "i", format!("{picture:?}").as_bytes());
            bytes.extend_from_slice(summaries[i].as_bytes());
            bytes.extend_from_slice(trails[p.section].as_bytes());
            let (prev, next) = site.neighbours(i);
            for j in [prev, next] {
                bytes.extend_from_slice(j.map_or(&none, |j| &summaries[j]).as_bytes());
            }
            tagged(&mut bytes, "n", &(values.related[i].len() as u64).to_le_bytes());
            for &j in &values.related[i] {
                bytes.extend_from_slice(summaries[j].as_bytes());
            }
            for (t, taxonomy) in site.taxonomies.iter().enumerate() {
                tagged(&mut bytes, "x", taxonomy.config.name.as_bytes());
                for &term in &p.terms[t] {
                    tagged(&mut bytes, "t", taxonomy.terms[term].name.as_bytes());
                    tagged(&mut bytes, "u", taxonomy.terms[term].path.as_bytes());
                }
            }
            crate::render::templates::value_bytes(
                &mut bytes,
                &versions(site, site.translations.pages.get(i)),
            );
            blake3::hash(&bytes)
        })
        .collect()
}

pub fn list(values: &[Value], indexes: &[usize]) -> Value {
    Value::from(indexes.iter().map(|&i| values[i].clone()).collect::<Vec<Value>>())
}

/// Site-wide template values: `config`, `site`, `lang`, `base_path`.
pub fn globals(site: &Site, values: &Values) -> Vec<(&'static str, Value)> {
    let c = &site.config;
    let config = map(vec![
        ("title", Value::from(c.title.as_str())),
        ("description", Value::from(c.description.as_str())),
        ("base_url", Value::from(c.base_url.as_str())),
        ("language", Value::from(c.language.as_str())),
        ("publisher", Value::from(c.publisher.as_str())),
        ("footer", Value::from(c.footer.iter().map(|s| Value::from(s.as_str())).collect::<Vec<_>>())),
        ("extra", Value::from_serializable(&c.extra)),
        ("outputs", Value::from(c.outputs.iter().map(|o| Value::from(o.as_str())).collect::<Vec<_>>())),
    ]);
    let taxonomies = site
        .taxonomies
        .iter()
        .map(|t| {
            map(vec![
                ("name", Value::from(t.config.name.as_str())),
                ("title", Value::from(t.config.title.as_str())),
                ("url", Value::from(site.urls.path(&t.path))),
            ])
        })
        .collect::<Vec<_>>();
    let shown: Vec<usize> =
        site.home().children.iter().copied().filter(|&s| site.shows(&site.sections[s])).collect();
    let nav = list(&values.section_summaries, &shown);
    let site_value = map(vec![("sections", nav), ("taxonomies", Value::from(taxonomies))]);
    // A broken i18n file is reported by the check that reads it (`loa check`); here
    // the build uses what it can.
    let words =
        crate::render::i18n::strings(&site.root, &c.theme, &c.language).map(|s| s.words).unwrap_or_default();
    let t = Value::from_serializable(&words);
    vec![
        ("config", config),
        ("site", site_value),
        ("t", t),
        ("lang", Value::from(c.language.as_str())),
        ("base_path", Value::from(site.urls.base_path())),
        ("languages", versions(site, Some(&site.translations.homes))),
    ]
}

fn breadcrumbs(site: &Site, values: &Values, section: usize) -> Value {
    let shown: Vec<usize> =
        site.ancestors(section).into_iter().filter(|&s| site.shows(&site.sections[s])).collect();
    list(&values.section_summaries, &shown)
}

pub fn page_value(site: &Site, rendered: &RenderedSite, values: &Values, i: usize) -> Value {
    let lang = values.lang;
    let p = &site.pages[i];
    let f = &p.source.front;
    let r = rendered.page(site, i);
    let Some(summary) = values.page_summaries[i].as_map() else { return Value::none() };
    let mut m = summary.clone();
    let mut put = |k: &'static str, v: Value| {
        m.insert(k.into(), v);
    };
    put("content", Value::safe_string(&r.html));
    put("toc", Value::from_serializable(&r.toc));
    put("syllables", Value::from(r.syllables));
    let faq = (!r.faqs.is_empty()).then(|| crate::render::components::faq_json_ld(&r.faqs));
    put("faq_json_ld", faq.map_or_else(Value::none, |j| Value::safe_string(&j)));
    for (k, v) in date_values("updated", f.updated, lang) {
        put(k, v);
    }
    put("channels", Value::from(f.channels.names()));
    let picture = super::pictures::page_picture(site, p);
    let image = match picture {
        Some(pic) => Some(site.urls.path(&pic.copy_path(pic.width_for(960), pic.format.extension()))),
        None => f.image.as_ref().map(|src| image_url(site, p, src)),
    };
    put("image", image.as_ref().map_or_else(Value::none, |u| Value::from(u.as_str())));
    // Social sites and chat apps get the 1200 × 630 crop, with its size.
    let og =
        picture.map(|pic| (site.urls.permalink(&pic.og_path(f.image_focus)), pic.og_crop(f.image_focus).1));
    let image_permalink = match &og {
        Some((url, _)) => Some(url.clone()),
        None => image.as_ref().map(|u| absolute(site, u)),
    };
    put("image_permalink", image_permalink.as_ref().map_or_else(Value::none, |u| Value::from(u.as_str())));
    put("image_width", og.as_ref().map_or_else(Value::none, |(_, (w, _))| Value::from(*w)));
    put("image_height", og.as_ref().map_or_else(Value::none, |(_, (_, h))| Value::from(*h)));
    let alt = f.image_alt.as_deref().unwrap_or("");
    let lead = picture.map(|pic| pic.html(&site.urls, alt, "", true, "lead-image"));
    put("image_picture", lead.map_or_else(Value::none, |h| Value::safe_string(&h)));
    let embed_path = format!("{}embed/", p.path);
    let newspaper = p.on(Channel::Newspaper) && site.config.writes("embed");
    let snippet = newspaper.then(|| super::embed::snippet(site, &embed_path, &f.title));
    put("embed_snippet", snippet.map_or_else(Value::none, Value::from));
    let oembed = newspaper.then(|| site.urls.permalink(&format!("{}oembed.json", p.path)));
    put("oembed_url", oembed.map_or_else(Value::none, Value::from));
    put("article_json_ld", Value::safe_string(&article_json_ld(site, i, image_permalink.as_deref())));
    put("breadcrumb_json_ld", Value::safe_string(&breadcrumb_json_ld(site, i, lang)));
    put("image_alt", opt_text(&f.image_alt));
    put("breadcrumbs", breadcrumbs(site, values, p.section));
    let (prev, next) = site.neighbours(i);
    let pick = |o: Option<usize>| o.map_or_else(Value::none, |j| values.page_summaries[j].clone());
    put("prev", pick(prev));
    put("next", pick(next));
    put("related", list(&values.page_summaries, &values.related[i]));
    let mut terms = Map::new();
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        let items: Vec<Value> = p.terms[t]
            .iter()
            .map(|&term| {
                let term = &taxonomy.terms[term];
                map(vec![
                    ("name", Value::from(term.name.as_str())),
                    ("url", Value::from(site.urls.path(&term.path))),
                ])
            })
            .collect();
        terms.insert(taxonomy.config.name.clone().into(), Value::from(items));
    }
    put("terms", Value::from(terms));
    put("translations", versions(site, site.translations.pages.get(i)));
    Value::from(m)
}

/// A page's or section's versions in every language of the site (`translations`): code,
/// name, url, permalink, `missing` (then url is that language's home), `current`. Empty
/// in a site of one language.
fn versions(site: &Site, versions: Option<&Vec<crate::site::languages::Version>>) -> Value {
    let all = versions.map(Vec::as_slice).unwrap_or_default();
    let x_default = crate::site::languages::Translations::x_default(all);
    let items = all.iter().map(|v| {
        map(vec![
            ("code", Value::from(v.code.as_str())),
            ("name", Value::from(v.name.as_str())),
            ("url", Value::from(site.urls.path(&v.path))),
            ("permalink", Value::from(site.urls.permalink(&v.path))),
            ("missing", Value::from(v.missing)),
            ("current", Value::from(v.current)),
            ("x_default", Value::from(x_default.is_some_and(|x| std::ptr::eq(x, v)))),
        ])
    });
    Value::from(items.collect::<Vec<_>>())
}

/// An absolute URL for a path this site wrote (`/chuyen-doi-so/a.png`).
fn absolute(site: &Site, url: &str) -> String {
    if url.contains("://") {
        return url.to_string();
    }
    let base = site.urls.permalink("");
    let origin = base.strip_suffix(site.urls.base_path()).unwrap_or("");
    format!("{origin}{url}")
}

/// Schema.org `Article` for search engines and social sites, safe inside `<script>`.
/// Schema.org `BreadcrumbList` for page `i`: the home page, its sections, the page — the
/// trail the page shows above its title.
fn breadcrumb_json_ld(site: &Site, i: usize, lang: crate::messages::Lang) -> String {
    let p = &site.pages[i];
    let mut items: Vec<(String, String)> = site
        .ancestors(p.section)
        .into_iter()
        .map(|s| {
            let section = &site.sections[s];
            let name = match (s, lang) {
                (0, crate::messages::Lang::Vi) => "Trang chủ".to_string(),
                (0, crate::messages::Lang::En) => "Home".to_string(),
                _ => section.title.clone(),
            };
            (name, site.urls.permalink(&section.path))
        })
        .collect();
    items.push((p.source.front.title.clone(), site.urls.permalink(&p.path)));
    let list: Vec<serde_json::Value> = items
        .into_iter()
        .enumerate()
        .map(|(n, (name, url))| serde_json::json!({"@type": "ListItem", "position": n + 1, "name": name, "item": url}))
        .collect();
    let doc = serde_json::json!({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": list});
    crate::render::components::script_safe_json(&doc)
}

fn article_json_ld(site: &Site, i: usize, image: Option<&str>) -> String {
    let p = &site.pages[i];
    let f = &p.source.front;
    let publisher = serde_json::json!({ "@type": "Organization", "name": site.config.publisher });
    let author = f
        .unit
        .as_ref()
        .map_or(publisher.clone(), |u| serde_json::json!({ "@type": "Organization", "name": u }));
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": f.title,
        "inLanguage": site.config.language,
        "mainEntityOfPage": site.urls.permalink(&p.path),
        "publisher": publisher,
        "author": author,
    });
    let fields = [
        ("description", f.summary.clone()),
        ("datePublished", f.date.map(|d| d.rfc3339())),
        ("dateModified", f.updated.or(f.date).map(|d| d.rfc3339())),
        ("image", image.map(str::to_string)),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            doc[key] = serde_json::Value::String(v);
        }
    }
    crate::render::components::script_safe_json(&doc)
}

/// An image named in front matter: a file beside the page, a root-relative path or a URL.
fn image_url(site: &Site, page: &crate::site::Page, src: &str) -> String {
    if src.contains("://") {
        return src.to_string();
    }
    if let Some(url) = site.urls.rebase(src) {
        return url;
    }
    let dir = page.source.rel.parent().unwrap_or(std::path::Path::new(""));
    match site.asset_by_source.get(&dir.join(src)) {
        Some(path) => site.urls.path(path),
        None => site.urls.path(&format!("{}{src}", site.sections[page.section].path)),
    }
}

/// The pages site.yaml names under `featured`, published ones only.
fn featured_pages(site: &Site) -> Vec<usize> {
    site.config
        .featured
        .iter()
        .filter_map(|path| site.page_by_source.get(std::path::Path::new(path)).copied())
        .filter(|&p| site.pages[p].on(Channel::Portal))
        .collect()
}

/// Pages on the portal, newest first.
pub fn portal_pages(site: &Site) -> impl Iterator<Item = usize> + '_ {
    (0..site.pages.len()).filter(|&p| site.pages[p].on(Channel::Portal))
}

fn section_value(site: &Site, rendered: &RenderedSite, values: &Values, i: usize) -> Value {
    let s = &site.sections[i];
    let Some(summary) = values.section_summaries[i].as_map() else { return Value::none() };
    let mut m = summary.clone();
    m.insert("content".into(), Value::safe_string(&rendered.sections[i].html));
    m.insert("pages".into(), list(&values.page_summaries, &s.pages));
    let shown: Vec<usize> = s.children.iter().copied().filter(|&c| site.shows(&site.sections[c])).collect();
    m.insert("subsections".into(), list(&values.section_summaries, &shown));
    m.insert("breadcrumbs".into(), breadcrumbs(site, values, i));
    m.insert("translations".into(), versions(site, site.translations.sections.get(i)));
    Value::from(m)
}

/// Page `i`'s portal page, if it is on the portal.
pub fn page_output(
    site: &Site,
    rendered: &RenderedSite,
    templates: &Templates,
    values: &Values,
    i: usize,
) -> Result<Option<Output>, Diagnostic> {
    let p = &site.pages[i];
    if !p.on(Channel::Portal) {
        return Ok(None);
    }
    let template = p.source.front.template.as_deref().unwrap_or("page.html");
    if !templates.has(template) {
        return Err(Diagnostic::error(Message::UnknownTemplate { name: template.to_string() })
            .in_file(&p.source.file)
            .at_opt(p.source.front.title_span)
            .help(Message::HelpTemplate));
    }
    let path = format!("{}index.html", p.path);
    let key = values.page_key(rendered, i);
    let entries = || vec![("page", page_value(site, rendered, values, i))];
    output(templates.render_from_inputs(template, &path, &key, entries), path).map(Some)
}

/// A rendered file, or the note that it is as the last build left it.
pub fn output(
    html: Result<Option<std::sync::Arc<Vec<u8>>>, Diagnostic>,
    path: String,
) -> Result<Output, Diagnostic> {
    let body = match html? {
        Some(html) => super::Body::Bytes(html),
        None => super::Body::Unchanged,
    };
    Ok(Output { path, body })
}

/// Every HTML page of the portal, into `sink`.
pub fn outputs(site: &Site, rendered: &RenderedSite, templates: &Templates, values: &Values, sink: &Sink) {
    let render = |template: &str, path: String, entries: Vec<(&'static str, Value)>| {
        render(templates, template, path, entries)
    };

    (0..site.pages.len())
        .into_par_iter()
        .filter_map(|i| page_output(site, rendered, templates, values, i).transpose())
        .for_each(|r| sink.put(r));

    (0..site.sections.len()).into_par_iter().filter(|&i| site.shows(&site.sections[i])).for_each(|i| {
        let section = section_value(site, rendered, values, i);
        let output = if i == 0 {
            let latest: Vec<usize> = portal_pages(site).take(HOME_LATEST).collect();
            let latest = list(&values.page_summaries, &latest);
            let featured = list(&values.page_summaries, &featured_pages(site));
            render(
                "index.html",
                format!("{}index.html", site.config.language_path),
                vec![("section", section), ("latest", latest), ("featured", featured)],
            )
        } else {
            let template = site.sections[i]
                .source
                .as_ref()
                .and_then(|s| s.front.template.clone())
                .unwrap_or_else(|| "section.html".into());
            render(&template, format!("{}index.html", site.sections[i].path), vec![("section", section)])
        };
        sink.put(output);
    });

    // Taxonomy and term pages (a term lists many pages), 404 and search: their data is
    // made here, rendered in parallel below, and the first of a path wins.
    let mut others: Vec<(&str, String, Entries)> = Vec::new();
    for t in &site.taxonomies {
        let terms: Vec<Value> = t
            .terms
            .iter()
            .map(|term| {
                map(vec![
                    ("name", Value::from(term.name.as_str())),
                    ("url", Value::from(site.urls.path(&term.path))),
                    ("permalink", Value::from(site.urls.permalink(&term.path))),
                    ("count", Value::from(term.pages.len())),
                ])
            })
            .collect();
        let taxonomy = map(vec![
            ("name", Value::from(t.config.name.as_str())),
            ("title", Value::from(t.config.title.as_str())),
            ("url", Value::from(site.urls.path(&t.path))),
            ("terms", Value::from(terms.clone())),
        ]);
        others.push((
            "taxonomy_list.html",
            format!("{}index.html", t.path),
            vec![("taxonomy", taxonomy.clone())],
        ));
        for (term, value) in t.terms.iter().zip(terms) {
            let Some(m) = value.as_map() else { continue };
            let mut m = m.clone();
            m.insert("pages".into(), list(&values.page_summaries, &term.pages));
            others.push((
                "taxonomy_term.html",
                format!("{}index.html", term.path),
                vec![("taxonomy", taxonomy.clone()), ("term", Value::from(m))],
            ));
        }
    }
    let here = &site.config.language_path;
    if here.is_empty() {
        others.push(("404.html", "404.html".into(), vec![]));
    }
    if site.config.writes("search") {
        others.push(("search.html", format!("{here}search/index.html"), vec![]));
    }
    let others = others.into_par_iter().map(|(template, path, entries)| render(template, path, entries));
    sink.put_in_order(others.collect());
}
