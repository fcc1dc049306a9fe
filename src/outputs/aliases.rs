//! Redirect pages for `aliases`: old addresses keep working after a page moves.

use super::Output;
use crate::render::components::push_escaped;
use crate::site::Site;

pub fn outputs(site: &Site) -> Vec<Output> {
    site.aliases
        .iter()
        .map(|alias| {
            let target = site.urls.path(&site.pages[alias.page].path);
            let mut escaped = String::new();
            push_escaped(&mut escaped, &target);
            // Search engines want the canonical address whole.
            let mut canonical = String::new();
            push_escaped(&mut canonical, &site.urls.permalink(&site.pages[alias.page].path));
            let html = format!(
                "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{escaped}</title>\n\
                 <link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n\
                 <meta http-equiv=\"refresh\" content=\"0; url={escaped}\">\n</head>\n<body>\n\
                 <p><a href=\"{escaped}\">{escaped}</a></p>\n</body>\n</html>\n",
                lang = site.config.language,
            );
            Output::bytes(format!("{}/index.html", alias.path), html)
        })
        .collect()
}
