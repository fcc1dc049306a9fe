//! `sitemap.xml` and `robots.txt`.

use super::Output;
use crate::render::components::push_escaped;
use crate::site::languages::{Translations, Version};
use crate::site::Site;

/// `sitemap.xml` with every language's addresses (`sites`, the default first) and
/// `robots.txt`. On a multilingual site each page and section also has `xhtml:link`
/// alternates to its versions (itself included) and `x-default`, as search engines read
/// them.
pub fn outputs(sites: &[&Site]) -> Vec<Output> {
    let Some(first) = sites.first() else { return Vec::new() };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if first.config.multilingual() {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for site in sites {
        let mut entry = |path: &str, lastmod: Option<String>, versions: Option<&Vec<Version>>| {
            xml.push_str("  <url><loc>");
            push_escaped(&mut xml, &site.urls.permalink(path));
            xml.push_str("</loc>");
            if let Some(date) = lastmod {
                xml.push_str("<lastmod>");
                xml.push_str(&date);
                xml.push_str("</lastmod>");
            }
            let versions = versions.map(Vec::as_slice).unwrap_or_default();
            let present: Vec<&Version> = versions.iter().filter(|v| !v.missing).collect();
            let x_default = Translations::x_default(versions);
            let links =
                present.iter().map(|v| (v.code.as_str(), *v)).chain(x_default.map(|v| ("x-default", v)));
            for (code, v) in links {
                xml.push_str("\n    <xhtml:link rel=\"alternate\" hreflang=\"");
                push_escaped(&mut xml, code);
                xml.push_str("\" href=\"");
                push_escaped(&mut xml, &site.urls.permalink(&v.path));
                xml.push_str("\"/>");
            }
            xml.push_str("</url>\n");
        };
        for (i, section) in site.sections.iter().enumerate() {
            if site.shows(section) {
                entry(&section.path, None, site.translations.sections.get(i));
            }
        }
        for (i, page) in site.pages.iter().enumerate().filter(|(_, p)| p.on(crate::content::Channel::Portal))
        {
            let f = &page.source.front;
            let lastmod = f.updated.or(f.date).map(|d| d.date.to_string());
            entry(&page.path, lastmod, site.translations.pages.get(i));
        }
        for taxonomy in &site.taxonomies {
            entry(&taxonomy.path, None, None);
            for term in &taxonomy.terms {
                entry(&term.path, None, None);
            }
        }
    }
    xml.push_str("</urlset>\n");
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", first.urls.permalink("sitemap.xml"));
    vec![Output::bytes("sitemap.xml", xml), Output::bytes("robots.txt", robots)]
}
