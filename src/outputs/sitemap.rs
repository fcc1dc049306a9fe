//! `sitemap.xml` and `robots.txt`.

use super::Output;
use crate::render::components::push_escaped;
use crate::site::Site;

pub fn outputs(site: &Site) -> Vec<Output> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut entry = |path: &str, lastmod: Option<String>| {
        xml.push_str("  <url><loc>");
        push_escaped(&mut xml, &site.urls.permalink(path));
        xml.push_str("</loc>");
        if let Some(date) = lastmod {
            xml.push_str("<lastmod>");
            xml.push_str(&date);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    };
    for section in &site.sections {
        entry(&section.path, None);
    }
    for page in site.pages.iter().filter(|p| p.on(crate::content::Channel::Portal)) {
        let f = &page.source.front;
        entry(&page.path, f.updated.or(f.date).map(|d| d.date.to_string()));
    }
    for taxonomy in &site.taxonomies {
        entry(&taxonomy.path, None);
        for term in &taxonomy.terms {
            entry(&term.path, None);
        }
    }
    xml.push_str("</urlset>\n");
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.urls.permalink("sitemap.xml"));
    vec![Output::bytes("sitemap.xml", xml), Output::bytes("robots.txt", robots)]
}
