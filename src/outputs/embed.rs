//! The newspaper channel: embed pages for iframes, "latest explainers" lists for
//! partners' sidebars, and oEmbed responses.
//!
//! An explainer without the `newspaper` channel gets none of these.

use rayon::prelude::*;
use tera::Value;

use super::html::{self, render, Values};
use super::{Output, Sink};
use crate::content::Channel;
use crate::diagnostics::Diagnostic;
use crate::render::templates::Templates;
use crate::render::RenderedSite;
use crate::site::Site;

/// How many explainers an embeddable list shows.
const LATEST: usize = 10;
/// oEmbed sizes: partners' columns are about this wide; the height is a first guess
/// that `embed.js` corrects to the content's height.
pub const EMBED_WIDTH: u32 = 640;
pub const EMBED_HEIGHT: u32 = 600;

/// The one-line code a web desk pastes to embed `page_path` (an embed page's folder).
pub fn snippet(site: &Site, embed_path: &str, title: &str) -> String {
    let mut escaped_title = String::new();
    crate::render::components::push_escaped(&mut escaped_title, title);
    format!(
        "<iframe class=\"loa-embed\" src=\"{src}\" title=\"{escaped_title}\" width=\"100%\" height=\"{EMBED_HEIGHT}\" \
         style=\"border:0;width:100%;max-width:100%;height:{EMBED_HEIGHT}px\" loading=\"lazy\"></iframe>\
         <script async src=\"{js}\"></script>",
        src = site.urls.permalink(embed_path),
        js = site.urls.permalink("embed.js"),
    )
}

/// Every embed page and oEmbed response, and the lists of latest explainers, into `sink`.
pub fn outputs(site: &Site, rendered: &RenderedSite, templates: &Templates, values: &Values, sink: &Sink) {
    site.pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| p.on(Channel::Newspaper))
        .flat_map_iter(|(i, _)| page_outputs(site, rendered, templates, values, i))
        .for_each(|r| sink.put(r));

    // Latest explainers, site-wide and per term, for partners' sidebars.
    let on_both = |p: &usize| site.pages[*p].on(Channel::Newspaper) && site.pages[*p].on(Channel::Portal);
    let latest: Vec<usize> = (0..site.pages.len()).filter(on_both).take(LATEST).collect();
    let list = |title: &str, url: String, pages: &[usize], path: String| {
        let value = html::list(&values.page_summaries, pages);
        let entries = vec![("title", Value::from(title)), ("url", Value::from(url)), ("pages", value)];
        render(templates, "embed_list.html", path, entries)
    };
    sink.put(list(
        &site.config.title,
        site.urls.permalink(&site.config.language_path),
        &latest,
        format!("{}embed/latest/index.html", site.config.language_path),
    ));
    for taxonomy in &site.taxonomies {
        for term in &taxonomy.terms {
            let pages: Vec<usize> = term.pages.iter().copied().filter(on_both).take(LATEST).collect();
            let path = format!("{}embed/index.html", term.path);
            sink.put(list(&term.name, site.urls.permalink(&term.path), &pages, path));
        }
    }
}

/// Page `i`'s embed page and oEmbed response.
pub fn page_outputs(
    site: &Site,
    rendered: &RenderedSite,
    templates: &Templates,
    values: &Values,
    i: usize,
) -> [Result<Output, Diagnostic>; 2] {
    let entries = || {
        let mut page = html::page_value(site, rendered, values, i);
        if let Some(m) = page.as_map() {
            let mut m = m.clone();
            m.insert(
                "content".into(),
                Value::safe_string(&links_leave_the_frame(&rendered.page(site, i).html)),
            );
            page = Value::from(m);
        }
        vec![("page", page)]
    };
    let key = values.page_key(rendered, i);
    let path = format!("{}embed/index.html", site.pages[i].path);
    let page = html::output(templates.render_from_inputs("embed.html", &path, &key, entries), path);
    // The oEmbed response shows the page's title, unit and picture, and the site's
    // settings: all in the page's inputs, but the size of an image that is not one of
    // the site's pictures, read from its file.
    let p = &site.pages[i];
    let oembed_path = format!("{}oembed.json", p.path);
    let keyed = p.source.front.image.is_none() || super::pictures::page_picture(site, p).is_some();
    let oembed_key = blake3::hash(&[b"oembed".as_slice(), values.page_inputs[i].as_bytes()].concat());
    let oembed = if keyed && templates.made_before(&oembed_path, &oembed_key) {
        Output { path: oembed_path, body: super::Body::Unchanged }
    } else {
        oembed(site, i)
    };
    [page, Ok(oembed)]
}

/// The explainer's HTML with `target="_top"` on every link that leaves the page, so a
/// reader who follows one inside a newspaper's frame gets the whole window (a portal page
/// inside the frame is refused by the portal's frame headers). Links within the page
/// (`#…`: contents, footnotes) stay in the frame.
pub fn links_leave_the_frame(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find("<a ") {
        let Some(len) = rest[at..].find('>') else { break };
        let tag = &rest[at..at + len];
        out.push_str(&rest[..at]);
        let inside_page = tag.contains(" href=\"#");
        if inside_page || tag.contains(" target=") {
            out.push_str(tag);
        } else {
            out.push_str("<a target=\"_top\" ");
            out.push_str(&tag[3..]);
        }
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out
}

/// An oEmbed 1.0 `rich` response for page `i`.
fn oembed(site: &Site, i: usize) -> Output {
    let p = &site.pages[i];
    let f = &p.source.front;
    let embed_path = format!("{}embed/", p.path);
    let mut doc = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "title": f.title,
        "html": snippet(site, &embed_path, &f.title),
        "width": EMBED_WIDTH,
        "height": EMBED_HEIGHT,
        "provider_name": site.config.title,
        "provider_url": site.urls.permalink(&site.config.language_path),
        "cache_age": 86_400,
    });
    if let Some(unit) = f.unit.as_ref().or(Some(&site.config.publisher)).filter(|u| !u.is_empty()) {
        doc["author_name"] = unit.clone().into();
    }
    if let Some((url, width, height)) = thumbnail(site, i) {
        doc["thumbnail_url"] = url.into();
        doc["thumbnail_width"] = width.into();
        doc["thumbnail_height"] = height.into();
    }
    Output::bytes(format!("{}oembed.json", p.path), doc.to_string())
}

/// The page's image, when it is a file of the site whose size can be read.
fn thumbnail(site: &Site, i: usize) -> Option<(String, usize, usize)> {
    let p = &site.pages[i];
    if let Some(pic) = super::pictures::page_picture(site, p) {
        // The smallest copy: partners show thumbnails small.
        let w = pic.widths.first().copied().unwrap_or(pic.width);
        let url = site.urls.permalink(&pic.copy_path(w, pic.format.extension()));
        return Some((url, w as usize, pic.height_at(w) as usize));
    }
    let image = p.source.front.image.as_ref()?;
    let dir = p.source.rel.parent().unwrap_or(std::path::Path::new(""));
    let out_path = site.asset_by_source.get(&dir.join(image))?;
    let asset = site.assets.iter().find(|a| &a.path == out_path)?;
    let size = imagesize::size(&asset.file).ok()?;
    Some((site.urls.permalink(out_path), size.width, size.height))
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_leave_the_frame_but_anchors_stay() {
        let html = "<p><a href=\"/x/\">x</a> <a href=\"#muc\">m</a> <a title=\"t\" href=\"https://a.vn\" rel=\"noopener\">a</a> <a href=\"/y/\" target=\"_blank\">y</a></p>";
        assert_eq!(
            super::links_leave_the_frame(html),
            "<p><a target=\"_top\" href=\"/x/\">x</a> <a href=\"#muc\">m</a> <a target=\"_top\" title=\"t\" href=\"https://a.vn\" rel=\"noopener\">a</a> <a href=\"/y/\" target=\"_blank\">y</a></p>"
        );
    }
}
