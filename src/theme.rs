//! The default theme, built into the binary so a site that names `theme: default` builds
//! without a `themes/default/` folder. Files on disk, when present, take precedence.

pub const DEFAULT: &str = "default";

macro_rules! theme_files {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/", $dir, "/", $name)))),*]
    };
}

/// `themes/default/templates/*`, by name.
pub const TEMPLATES: &[(&str, &str)] = theme_files!("templates":
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "taxonomy_list.html",
    "taxonomy_term.html",
    "404.html",
    "search.html",
    "embed.html",
    "embed_list.html",
    "broadcast_desk.html",
    "partials/hreflang.html",
    "partials/languages.html",
    "partials/page_list.html",
    "partials/search_form.html",
);

/// `themes/default/i18n/*`: the words the theme shows, per language.
pub const I18N: &[(&str, &str)] = theme_files!("i18n":
    "vi.yaml",
    "en.yaml",
    "tyz.yaml",
    "nut.yaml",
);

/// `themes/default/static/*`, copied to the output root.
pub const STATIC: &[(&str, &str)] = theme_files!("static":
    "style.css",
    "loa.js",
    "search.js",
    "embed.js",
    "embed-frame.js",
    "favicon.svg",
);

#[cfg(test)]
mod tests {
    use super::*;

    /// A file added to the theme folder but not to the lists above would be missing from
    /// sites that rely on the built-in theme.
    #[test]
    fn every_theme_file_is_built_in() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        for (dir, list) in [("templates", TEMPLATES), ("static", STATIC), ("i18n", I18N)] {
            let base = root.join(dir);
            for entry in
                walkdir::WalkDir::new(&base).into_iter().flatten().filter(|e| e.file_type().is_file())
            {
                let name = entry.path().strip_prefix(&base).unwrap().to_string_lossy().replace('\\', "/");
                assert!(list.iter().any(|(n, _)| *n == name), "{dir}/{name} is not in src/theme.rs");
            }
        }
    }
}
