//! Tera templates: the theme's (built into the binary for `default`, or from
//! `themes/<theme>/templates/`), overridden file by file by the site's `templates/`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::messages::Message;
use crate::site::Urls;

/// The parsed templates, ready to render from many threads.
pub struct Templates {
    tera: Tera,
    /// Plain asset name → fingerprinted name, filled once the static files are known.
    fingerprints: Arc<RwLock<HashMap<String, String>>>,
    /// The language being rendered: its folder (`""`, `en/`), and the static files,
    /// which every language shares at the site's root.
    here: Arc<RwLock<Here>>,
    /// Template name → the file it came from, for error messages.
    origins: BTreeMap<String, PathBuf>,
    /// A hash of every template's text, the site-wide values and the asset names: part
    /// of the key of every remembered render.
    inputs: blake3::Hash,
    memo: Option<Arc<super::memo::Memo>>,
    keys: Option<Arc<super::memo::CacheKeys>>,
    timings: Option<Arc<crate::timings::Timings>>,
}

impl Templates {
    /// Loads the theme's templates, then the site's, and parses them all.
    pub fn load(root: &Path, theme: &str, urls: &Urls) -> Result<Templates, Diagnostics> {
        let mut sources: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
        if theme == crate::theme::DEFAULT {
            for (name, text) in crate::theme::TEMPLATES {
                let origin = Path::new("themes/default/templates").join(name);
                sources.insert(name.to_string(), (text.to_string(), origin));
            }
        }
        let mut diagnostics = Diagnostics::new();
        for dir in [root.join("themes").join(theme).join("templates"), root.join("templates")] {
            read_dir_templates(&dir, &mut sources, &mut diagnostics);
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let fingerprints = Arc::new(RwLock::new(HashMap::new()));
        let here = Arc::new(RwLock::new(Here::default()));
        register_functions(&mut tera, urls, &fingerprints, &here);
        let origins: BTreeMap<String, PathBuf> =
            sources.iter().map(|(n, (_, o))| (n.clone(), o.clone())).collect();
        let mut hasher = blake3::Hasher::new();
        for (name, (text, _)) in &sources {
            hasher.update(name.as_bytes());
            hasher.update(&[0]);
            hasher.update(text.as_bytes());
            hasher.update(&[0]);
        }
        let inputs = hasher.finalize();
        let pairs: Vec<(String, String)> = sources.into_iter().map(|(n, (t, _))| (n, t)).collect();
        if let Err(e) = tera.add_raw_templates(pairs) {
            return Err(tera_diagnostic(&origins, &e).into());
        }
        Ok(Templates { tera, fingerprints, here, origins, inputs, memo: None, keys: None, timings: None })
    }

    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Records each render's time in `timings`.
    pub fn set_timings(&mut self, timings: Arc<crate::timings::Timings>) {
        self.timings = Some(timings);
    }

    /// The memo renders are remembered in, if any (`loa serve`).
    pub fn memo(&self) -> Option<&super::memo::Memo> {
        self.memo.as_deref()
    }

    /// Skips the renders the last build made from the same inputs, and notes this
    /// build's inputs for the next (`loa build` with its cache).
    pub fn set_keys(&mut self, keys: Option<Arc<super::memo::CacheKeys>>) {
        self.keys = keys;
    }

    /// What the build cache knows of the last build, if it is used.
    pub fn keys(&self) -> Option<&super::memo::CacheKeys> {
        self.keys.as_deref()
    }

    /// Remembers renders in `memo` from now on.
    pub fn set_memo(&mut self, memo: Option<Arc<super::memo::Memo>>) {
        self.memo = memo;
    }

    /// Renders `name` with `entries` for the file at `path`, or reuses the last render of
    /// that file when every input is the same: from the memo (`loa serve`), or `None`
    /// when the last `loa build` wrote it from the same inputs (the build cache).
    pub fn render_entries(
        &self,
        name: &str,
        path: &str,
        entries: Vec<(&'static str, tera::Value)>,
    ) -> Result<Option<Arc<Vec<u8>>>, Diagnostic> {
        let key = || {
            // Gathered, then hashed at once: blake3 is many times faster on one long
            // input than on many short ones.
            let mut all = Vec::with_capacity(64 * 1024);
            all.extend_from_slice(self.inputs.as_bytes());
            all.extend_from_slice(name.as_bytes());
            for (k, v) in &entries {
                tagged(&mut all, "e", k.as_bytes());
                value_bytes(&mut all, v);
            }
            blake3::hash(&all)
        };
        self.reuse_or_render(path, key, || self.render_with(name, &entries))
    }

    /// Like [`Templates::render_entries`] for values that are costly to build, given the
    /// hash of everything they are made from (`inputs`): when that, the template set and
    /// the site-wide values are the same as for the last render of `path`, the values
    /// are not even built.
    pub fn render_from_inputs(
        &self,
        name: &str,
        path: &str,
        inputs: &blake3::Hash,
        entries: impl FnOnce() -> Vec<(&'static str, tera::Value)>,
    ) -> Result<Option<Arc<Vec<u8>>>, Diagnostic> {
        let key = || {
            let mut all = Vec::with_capacity(128);
            all.extend_from_slice(self.inputs.as_bytes());
            tagged(&mut all, "t", name.as_bytes());
            tagged(&mut all, "i", inputs.as_bytes());
            blake3::hash(&all)
        };
        self.reuse_or_render(path, key, || self.render_with(name, &entries()))
    }

    /// Whether the last `loa build` wrote the file at `path` from inputs hashing to
    /// `key` (the build cache; always `false` without it). Notes the key for the next.
    pub fn made_before(&self, path: &str, key: &blake3::Hash) -> bool {
        self.memo.is_none() && self.keys.as_ref().is_some_and(|keys| keys.unchanged(path, key))
    }

    fn render_with(
        &self,
        name: &str,
        entries: &[(&'static str, tera::Value)],
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut context = Context::new();
        for (k, v) in entries {
            context.insert_value(*k, v.clone());
        }
        self.render(name, &context)
    }

    fn reuse_or_render(
        &self,
        path: &str,
        key: impl FnOnce() -> blake3::Hash,
        render: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<Option<Arc<Vec<u8>>>, Diagnostic> {
        match (&self.memo, &self.keys) {
            (Some(memo), _) => memo.html(path, key(), render).map(Some),
            (None, Some(keys)) => {
                if keys.unchanged(path, &key()) {
                    return Ok(None);
                }
                render().map(|html| Some(Arc::new(html)))
            }
            (None, None) => render().map(|html| Some(Arc::new(html))),
        }
    }

    /// Renders `name` to bytes (UTF-8 by construction, so not checked again).
    pub fn render(&self, name: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        let started = std::time::Instant::now();
        let mut out = Vec::with_capacity(16 * 1024);
        let result = self
            .tera
            .render_to(name, context, &mut out)
            .map(|()| out)
            .map_err(|e| tera_diagnostic(&self.origins, &e));
        if let Some(t) = &self.timings {
            t.template(name, started.elapsed());
        }
        result
    }
}

/// A Tera error as a diagnostic pointing at the template file and line.
/// `bytes` after a tag and their length, so no two values give the same bytes.
pub fn tagged(out: &mut Vec<u8>, tag: &str, bytes: &[u8]) {
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// A template value as bytes to hash: each string as it is, after its kind and length.
/// (Written as JSON, the values of every page of a large site took about a second.)
pub fn value_bytes(h: &mut Vec<u8>, v: &tera::Value) {
    use tera::value::ValueKind;
    match v.kind() {
        ValueKind::String => {
            tagged(h, if v.is_safe() { "S" } else { "s" }, v.as_str().unwrap_or("").as_bytes())
        }
        ValueKind::Bytes => tagged(h, "b", v.as_bytes().unwrap_or(&[])),
        ValueKind::Array => {
            let items = v.as_array().unwrap_or(&[]);
            tagged(h, "a", &(items.len() as u64).to_le_bytes());
            items.iter().for_each(|item| value_bytes(h, item));
        }
        ValueKind::Map => {
            let Some(map) = v.as_map() else { return tagged(h, "m", &[]) };
            tagged(h, "m", &(map.len() as u64).to_le_bytes());
            for (k, item) in map {
                tagged(h, "k", k.to_string().as_bytes());
                value_bytes(h, item);
            }
        }
        // Numbers, booleans, none: their kind's name, then as a template shows them.
        _ => tagged(h, v.name(), v.to_string().as_bytes()),
    }
}

fn tera_diagnostic(origins: &BTreeMap<String, PathBuf>, e: &tera::Error) -> Diagnostic {
    let help = Message::HelpTemplate;
    match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let file = origins.get(report.filename()).cloned().unwrap_or_else(|| report.filename().into());
            let span = report.span();
            Diagnostic::error(Message::TemplateError { detail: report.message().to_string() })
                .in_file(file)
                .at(Span::new(span.start_line, span.start_col + 1))
                .help(help)
        }
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error(Message::UnknownTemplate { name: name.clone() }).help(help)
        }
        _ => {
            let mut detail = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                detail.push_str(": ");
                detail.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::error(Message::TemplateError { detail }).help(help)
        }
    }
}

fn read_dir_templates(
    dir: &Path,
    sources: &mut BTreeMap<String, (String, PathBuf)>,
    diagnostics: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        let path = entry.path();
        let is_template = path.extension().is_some_and(|x| x == "html" || x == "xml" || x == "txt");
        if !entry.file_type().is_file() || !is_template {
            continue;
        }
        let name = path.strip_prefix(dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
        match crate::content::read_text(path) {
            Ok(text) => {
                sources.insert(name, (text, path.to_path_buf()));
            }
            Err(d) => diagnostics.push(d),
        }
    }
}

/// Where `url()` and `permalink()` point: the language's folder, except for static files.
#[derive(Debug, Default)]
struct Here {
    folder: String,
    statics: std::collections::HashSet<String>,
}

impl Here {
    /// `path` inside the site as the current language sees it: `search/` is `en/search/`
    /// in English, `favicon.svg` is the same file for every language.
    fn resolve<'a>(&self, path: &'a str) -> std::borrow::Cow<'a, str> {
        let path = path.trim_start_matches('/');
        if self.folder.is_empty() || self.statics.contains(path) {
            return path.into();
        }
        format!("{}{path}", self.folder).into()
    }
}

/// Functions templates can call: `url(path="...")` makes a link that honours the
/// site's sub-path (and, on a multilingual site, leads to the page's language);
/// `asset(path="style.css")` links a stylesheet or script by its fingerprinted name.
fn register_functions(
    tera: &mut Tera,
    urls: &Urls,
    fingerprints: &Arc<RwLock<HashMap<String, String>>>,
    here: &Arc<RwLock<Here>>,
) {
    let for_asset = (urls.clone(), Arc::clone(fingerprints));
    tera.register_function("asset", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        let (urls, names) = &for_asset;
        let names = names.read().map_err(|_| tera::Error::message("asset names unavailable"))?;
        Ok(urls.path(names.get(path.trim_start_matches('/')).map_or(path, String::as_str)))
    });
    // `capitalize` lowers every other letter ("15 september"); this only raises the first.
    tera.register_filter("upper_first", |text: &str, _: Kwargs, _: &State| crate::text::upper_first(text));
    let for_url = (urls.clone(), Arc::clone(here));
    tera.register_function("url", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        let here = for_url.1.read().map_err(|_| tera::Error::message("language unavailable"))?;
        Ok(for_url.0.path(&here.resolve(path)))
    });
    let for_permalink = (urls.clone(), Arc::clone(here));
    tera.register_function("permalink", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        let here = for_permalink.1.read().map_err(|_| tera::Error::message("language unavailable"))?;
        Ok(for_permalink.0.permalink(&here.resolve(path)))
    });
}

impl Templates {
    /// Tells `asset()` the fingerprinted names of stylesheets and scripts.
    pub fn set_fingerprints(&mut self, names: HashMap<String, String>) {
        let mut sorted: Vec<(&String, &String)> = names.iter().collect();
        sorted.sort();
        self.inputs = super::memo::hash_values(self.inputs.as_bytes(), &sorted);
        if let Ok(mut map) = self.fingerprints.write() {
            *map = names;
        }
    }

    /// The static files' names (shared by every language) and the folder of the
    /// language rendered from now on (`""` or `en/`), for `url()` and `permalink()`.
    pub fn set_language(&mut self, folder: &str, statics: impl IntoIterator<Item = String>) {
        if let Ok(mut here) = self.here.write() {
            here.folder = folder.to_string();
            here.statics.extend(statics);
            // `url()` leads to a static file at the root, so the names are inputs too.
            let mut names: Vec<&String> = here.statics.iter().collect();
            names.sort();
            self.inputs = super::memo::hash_values(self.inputs.as_bytes(), &[&folder.to_string()]);
            self.inputs = super::memo::hash_values(self.inputs.as_bytes(), &names);
        }
    }

    /// Values every template sees (`config`, `site`, …), set once per build.
    pub fn set_globals(&mut self, values: Vec<(&'static str, tera::Value)>) {
        let all: Vec<(&str, &tera::Value)> = values.iter().map(|(k, v)| (*k, v)).collect();
        self.inputs = super::memo::hash_values(self.inputs.as_bytes(), &all);
        let global = self.tera.global_context();
        for (key, value) in values {
            global.insert_value(key, value);
        }
    }
}
