//! The words the theme shows (menus, labels, the search form), per language:
//! `i18n/<code>.yaml` in the theme (built in for the default theme), overridden by the
//! site's own `i18n/<code>.yaml`. A word a language lacks falls back to the theme's
//! Vietnamese, and `loa check` lists it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// The theme's own language: its file holds every key.
pub const BASE: &str = "vi";

/// The words for `lang`, and the keys that fell back to [`BASE`].
pub struct Strings {
    pub words: BTreeMap<String, String>,
    pub missing: Vec<String>,
}

/// Reads the words of `lang` for the site in `root` using `theme`.
pub fn strings(root: &Path, theme: &str, lang: &str) -> Result<Strings, Diagnostic> {
    let layers = |code: &str| -> Result<BTreeMap<String, String>, Diagnostic> {
        let mut words = BTreeMap::new();
        if theme == crate::theme::DEFAULT {
            if let Some((_, text)) =
                crate::theme::I18N.iter().find(|(name, _)| *name == format!("{code}.yaml"))
            {
                words.extend(parse(text, &Path::new("themes/default/i18n").join(format!("{code}.yaml")))?);
            }
        }
        for dir in [root.join("themes").join(theme).join("i18n"), root.join("i18n")] {
            let file = dir.join(format!("{code}.yaml"));
            if file.is_file() {
                let text = crate::content::read_text(&file)?;
                words.extend(parse(&text, &file)?);
            }
        }
        Ok(words)
    };
    let mut words = layers(BASE)?;
    if lang == BASE {
        return Ok(Strings { words, missing: Vec::new() });
    }
    let own = layers(lang)?;
    let missing = words.keys().filter(|k| !own.contains_key(*k)).cloned().collect();
    words.extend(own);
    Ok(Strings { words, missing })
}

fn parse(text: &str, file: &Path) -> Result<BTreeMap<String, String>, Diagnostic> {
    // A file of comments only (a language nobody has written yet) has no words.
    if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Ok(BTreeMap::new());
    }
    let mut fields = crate::yaml::Fields::parse(text, file, 0)?;
    let mut words = BTreeMap::new();
    for key in fields.keys() {
        if let Some(value) = fields.text(&key) {
            words.insert(key, value);
        }
    }
    Ok(words)
}
