//! Redirect pages for `aliases`: old addresses keep working after a page moves, its embed
//! page's address too (newspapers embed `<page>/embed/`).

use super::Output;
use crate::content::Channel;
use crate::render::components::push_escaped;
use crate::site::Site;

pub fn outputs(site: &Site) -> Vec<Output> {
    let mut out = Vec::new();
    for alias in &site.aliases {
        let page = &site.pages[alias.page];
        out.push(redirect(site, &format!("{}/index.html", alias.path), &page.path));
        if page.on(Channel::Newspaper) && site.config.writes("embed") {
            out.push(redirect(
                site,
                &format!("{}/embed/index.html", alias.path),
                &format!("{}embed/", page.path),
            ));
        }
    }
    out
}

/// A page at `at` that sends browsers on to the site path `to`.
fn redirect(site: &Site, at: &str, to: &str) -> Output {
    let target = site.urls.path(to);
    let mut escaped = String::new();
    push_escaped(&mut escaped, &target);
    // Search engines want the canonical address whole.
    let mut canonical = String::new();
    push_escaped(&mut canonical, &site.urls.permalink(to));
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{escaped}</title>\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={escaped}\">\n</head>\n<body>\n\
         <p><a href=\"{escaped}\">{escaped}</a></p>\n</body>\n</html>\n",
        lang = site.config.language,
    );
    Output::bytes(at.to_string(), html)
}
