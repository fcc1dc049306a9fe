//! The live preview beside the form: the page as loa renders it from the form's
//! unsaved text, through the same in-memory build as the preview (its remembered
//! renders and reads, so only this page is made again), with each problem placed in
//! the form field it concerns, or at its line of the text.

use std::path::Path;

use crate::build::BuildOptions;
use crate::diagnostics::{Diagnostics, Severity};
use crate::messages::Lang;

/// What the preview answers, as JSON: the page's HTML (with a `<base>` so its links
/// and styles load from the preview) and the problems.
pub fn preview(options: &BuildOptions, file: &Path, text: &str) -> String {
    let options = BuildOptions {
        unsaved: Some((file.to_path_buf(), text.to_string())),
        drafts: true,
        timings: Default::default(),
        ..options.clone()
    };
    let (page, diagnostics) = match crate::build::prepare(&options) {
        Ok((made, outputs)) => {
            let mut diagnostics = made.diagnostics;
            let sites = std::iter::once(&made.site).chain(made.translations.iter().map(|(l, _)| &l.site));
            let mut page = None;
            for site in sites {
                let found = site.pages.iter().find(|p| p.source.file == file).filter(|_| page.is_none());
                if let Some(p) = found {
                    // Only this page's warnings are shown: only its are worked out.
                    diagnostics.extend(crate::check::page_checks(site, p));
                    let path = format!("{}index.html", p.path);
                    let html = outputs.iter().find(|o| o.path == path).and_then(|o| match &o.body {
                        crate::outputs::Body::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
                        crate::outputs::Body::Copy(_) | crate::outputs::Body::Unchanged => None,
                    });
                    let base = crate::site::Urls::new(site.urls.base_path()).path(&p.path);
                    page = html.map(|h| with_base(&h, &base));
                }
            }
            (page, diagnostics)
        }
        Err(failure) => (None, failure.diagnostics),
    };
    let problems: Vec<serde_json::Value> = placed(&diagnostics, file, text, &options.root);
    serde_json::json!({ "page": page, "problems": problems }).to_string()
}

/// `<base href>` first in the head, so the page's relative addresses resolve.
fn with_base(html: &str, base: &str) -> String {
    let mut tag = String::from("<base href=\"");
    crate::text::push_escaped(&mut tag, base);
    tag.push_str("\">");
    match html.find("<head>") {
        Some(i) => format!("{}{tag}{}", &html[..i + 6], &html[i + 6..]),
        None => format!("{tag}{html}"),
    }
}

/// The problems to show: the form field each concerns (by the front-matter key on
/// its line; the text's line for the body), in Vietnamese.
fn placed(diagnostics: &Diagnostics, file: &Path, text: &str, root: &Path) -> Vec<serde_json::Value> {
    let lines: Vec<&str> = text.lines().collect();
    // The body starts after the second `---` line and the blank line the form writes.
    let body_start = lines.iter().skip(1).position(|l| l.trim_end() == "---").map_or(0, |i| i + 3);
    let mut out = Vec::new();
    // This page's problems, and the errors that stop the build wherever they are (a
    // heading renamed here breaks a link to it from another page).
    let concerns = |d: &&crate::diagnostics::Diagnostic| {
        d.severity == Severity::Error || d.file.as_deref().is_some_and(|f| f == file)
    };
    for d in diagnostics.iter().filter(concerns) {
        let line = d.span.map(|s| s.line);
        let elsewhere = d.file.as_deref().filter(|f| *f != file);
        let (field, body_line) = match line {
            _ if elsewhere.is_some() => ("general".to_string(), None),
            Some(l) if l > body_start => ("body".to_string(), Some(l - body_start)),
            Some(l) if l >= 1 => {
                let key =
                    lines.get(l - 1).and_then(|t| t.split_once(':')).map(|(k, _)| k.trim()).unwrap_or("");
                (field_of(key, &d.message), None)
            }
            _ => (field_of("", &d.message), None),
        };
        out.push(serde_json::json!({
            "field": field,
            "line": body_line,
            "error": d.severity == Severity::Error,
            "text": d.message.text(Lang::Vi),
            "help": d.help.as_ref().map(|h| h.text(Lang::Vi)),
            "where": elsewhere.map(|f| f.strip_prefix(root).unwrap_or(f).display().to_string()),
        }));
    }
    out
}

/// The form field of a front-matter key (a few problems are reported on the line of
/// the key they are about to be added beside).
fn field_of(key: &str, message: &crate::messages::Message) -> String {
    use crate::messages::Message as M;
    match message {
        M::MissingSummary | M::PlaceholderSummary => return "summary".into(),
        M::ImageWithoutAlt if key == "image" || key == "image_alt" => return "image_alt".into(),
        _ => {}
    }
    match key {
        "title" | "summary" | "date" | "unit" | "image" | "image_alt" | "topics" | "audiences"
        | "channels" | "draft" => key.to_string(),
        _ => "general".into(),
    }
}
