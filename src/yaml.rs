//! The one place that parses YAML (site.yaml, front matter, component bodies).
//!
//! Keys are read one by one through [`Fields`], so every wrong type or unknown key is
//! reported with its line in the file and in the editor's language, not serde's English.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
pub use serde_yaml::{Mapping, Value};

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::messages::{Expected, Message};
use crate::text::closest;
use crate::text::dates::PageDate;

/// A YAML syntax or shape error, with its position inside the YAML text.
#[derive(Debug)]
pub struct YamlError {
    /// The parser's own words.
    pub detail: String,
    pub span: Option<Span>,
    pub problem: YamlProblem,
}

impl From<serde_yaml::Error> for YamlError {
    fn from(e: serde_yaml::Error) -> YamlError {
        let mut span = e.location().map(|l| Span::new(l.line(), l.column()));
        let full = e.to_string();
        // "found unexpected end of stream at line 4 column 1, while scanning a quoted
        // scalar at line 3 column 10": the construct left open is where to look.
        let (what, context) = match full.split_once(", while ") {
            Some((w, c)) => (w, Some(c)),
            None => (full.as_str(), None),
        };
        let strip = |t: &str| t.find(" at line ").map_or(t.to_string(), |i| t[..i].to_string());
        let mut detail = strip(what);
        if let Some(context) = context {
            if let Some(at) = context.find(" at line ").map(|i| &context[i + 9..]) {
                let mut numbers = at.split(" column ").map(|n| n.trim().parse::<usize>().ok());
                if let (Some(Some(line)), Some(Some(column))) = (numbers.next(), numbers.next()) {
                    span = Some(Span::new(line, column));
                }
            }
            detail = format!("{detail}, while {}", strip(context));
        }
        YamlError { detail, span, problem: YamlProblem::Other }
    }
}

/// Parses a YAML document into `T` (component bodies).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| explain(text, YamlError::from(e)))
}

/// What an editor did wrong, found in the text rather than taken from the parser's
/// words, which name what confused it, often a line later.
#[derive(Debug, Clone, PartialEq)]
pub enum YamlProblem {
    /// A Tab character in the indentation.
    Tab,
    /// A quote opened on this line and never closed; `fixed` is the line corrected.
    UnclosedQuote { fixed: String },
    /// A value holding `: ` without quotes.
    ColonInValue { fixed: String },
    /// `title:"x"`: no space after the colon.
    NoSpaceAfterColon { fixed: String },
    /// Lines of one level that do not line up.
    Indentation,
    /// A value of the wrong kind: what was written and what is needed, in words.
    WrongType { found: String, needed: String },
    /// A key the shape needs is missing.
    MissingKey { key: String },
    /// A key written twice; `first` is the line of the first.
    DuplicateKey { key: String, first: usize },
    /// A key the shape does not have, and the one it resembles.
    UnknownKey { key: String, near: Option<String> },
    /// Anything else: the parser's own words, shown as a detail.
    Other,
}

/// Names the real cause of `error` in `text` (the YAML, its first line numbered 1) and
/// points at the line where the editor went wrong.
pub fn explain(text: &str, mut error: YamlError) -> YamlError {
    let lines: Vec<&str> = text.lines().collect();
    let at = |n: usize, column: usize| Some(Span::new(n + 1, column));
    for (n, line) in lines.iter().enumerate() {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        if indent.contains('\t') {
            error.problem = YamlProblem::Tab;
            error.span = at(n, indent.find('\t').unwrap_or(0) + 1);
            return error;
        }
    }
    for (n, line) in lines.iter().enumerate() {
        let Some((key, value)) = key_value(line) else { continue };
        let value_trim = value.trim();
        if value.starts_with(|c: char| !c.is_whitespace()) && !value.starts_with("//") {
            let fixed = format!("{key}: {}", value.trim());
            error.problem = YamlProblem::NoSpaceAfterColon { fixed };
            error.span = at(n, key.len() + 1);
            return error;
        }
        if let Some(quote) = value_trim.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let closing = value_trim[1..].chars().filter(|c| *c == quote).count();
            let escaped = if quote == '"' { value_trim.matches("\\\"").count() } else { 0 };
            if (closing - escaped.min(closing)) == 0 {
                let fixed = format!("{}{quote}", line.trim_end());
                error.problem = YamlProblem::UnclosedQuote { fixed };
                error.span = at(n, line.find(quote).unwrap_or(0) + 1);
                return error;
            }
            continue;
        }
        let plain = !value_trim.starts_with(['[', '{', '|', '>', '&', '*', '!']);
        if plain && value_trim.contains(": ") {
            let fixed = format!("{key}: \"{}\"", value_trim.replace('"', "'"));
            error.problem = YamlProblem::ColonInValue { fixed };
            error.span = at(n, line.find(": ").map_or(1, |i| i + 3));
            return error;
        }
    }
    // A key indented under a line whose value is already given: "summary: x" then
    // "  date: …".
    // A list item's keys start after its "- ".
    let indent_of =
        |l: &str| l.len() - l.trim_start().len() + if l.trim_start().starts_with("- ") { 2 } else { 0 };
    for n in 1..lines.len() {
        let (line, before) = (lines[n], lines[n - 1]);
        let given =
            key_value(before).is_some_and(|(_, v)| !v.trim().is_empty() && !v.trim().starts_with(['|', '>']));
        if key_value(line).is_some()
            && given
            && indent_of(line) > indent_of(before)
            && !line.trim_start().starts_with("- ")
        {
            error.problem = YamlProblem::Indentation;
            error.span = at(n, 1);
            return error;
        }
    }
    let detail = error.detail.clone();
    if let Some(key) = detail.split("duplicate entry with key \"").nth(1).and_then(|r| r.split('"').next()) {
        let at_key: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| key_value(l).is_some_and(|(k, _)| k == key))
            .map(|(n, _)| n)
            .collect();
        if let [first, second, ..] = at_key[..] {
            error.problem = YamlProblem::DuplicateKey { key: key.to_string(), first: first + 1 };
            error.span = at(second, 1);
            return error;
        }
    }
    error.problem = if detail.contains("indentation")
        || detail.contains("did not find expected key")
        || detail.contains("expected <block end>")
        || detail.contains("did not find expected '-'")
    {
        YamlProblem::Indentation
    } else if let Some(rest) = detail.split("invalid type: ").nth(1) {
        let (found, needed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        YamlProblem::WrongType { found: found.to_string(), needed: needed.to_string() }
    } else if let Some(key) = detail.split("missing field `").nth(1).and_then(|r| r.split('`').next()) {
        YamlProblem::MissingKey { key: key.to_string() }
    } else if let Some(key) = detail.split("unknown field `").nth(1).and_then(|r| r.split('`').next()) {
        let known: Vec<&str> = detail
            .split("expected ")
            .nth(1)
            .map(|r| r.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let near = crate::text::closest(key, &known, 3).map(str::to_string);
        YamlProblem::UnknownKey { key: key.to_string(), near }
    } else {
        YamlProblem::Other
    };
    error
}

/// `key: value` of a line holding a plain key (a list item's too), the value as
/// written after the colon.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start().trim_start_matches("- ");
    if trimmed.starts_with('#') {
        return None;
    }
    let colon = trimmed.find(':')?;
    let key = &trimmed[..colon];
    let simple = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    simple.then(|| (key, &trimmed[colon + 1..]))
}

/// A YAML mapping read key by key. Problems are collected, never thrown.
pub struct Fields {
    file: PathBuf,
    /// Lines before the YAML text in its file (front matter starts after `---`).
    line_offset: usize,
    entries: Vec<(String, Value, Option<Span>)>,
    used: HashSet<String>,
    diagnostics: Diagnostics,
}

impl Fields {
    /// Reads `text` as a mapping. `line_offset` is the number of file lines before it.
    pub fn parse(text: &str, file: &Path, line_offset: usize) -> Result<Fields, Diagnostic> {
        let value: Value = if text.trim().is_empty() {
            Value::Mapping(Mapping::new())
        } else {
            serde_yaml::from_str(text).map_err(|e| {
                let mut e = explain(text, YamlError::from(e));
                if let YamlProblem::DuplicateKey { first, .. } = &mut e.problem {
                    *first += line_offset;
                }
                let help = Message::for_yaml_problem(&e.problem);
                Diagnostic::error(Message::YamlSyntax { problem: e.problem, detail: e.detail })
                    .in_file(file)
                    .at_opt(e.span.map(|s| s.shifted(line_offset)))
                    .help(help)
            })?
        };
        let Value::Mapping(map) = value else {
            // `title:"x"` reads as one word, not a key: say what is missing.
            let e =
                explain(text, YamlError { detail: String::new(), span: None, problem: YamlProblem::Other });
            if let YamlProblem::NoSpaceAfterColon { .. } = e.problem {
                let help = Message::for_yaml_problem(&e.problem);
                return Err(Diagnostic::error(Message::YamlSyntax { problem: e.problem, detail: e.detail })
                    .in_file(file)
                    .at_opt(e.span.map(|s| s.shifted(line_offset)))
                    .help(help));
            }
            return Err(Diagnostic::error(Message::FrontMatterNotMapping)
                .in_file(file)
                .at(Span::new(line_offset + 1, 1))
                .help(Message::HelpYamlQuotes));
        };
        let lines = top_level_key_lines(text);
        let entries = map
            .into_iter()
            .map(|(k, v)| {
                let key = scalar_text(&k).unwrap_or_default();
                let span = lines
                    .iter()
                    .find(|(name, _)| *name == key)
                    .map(|(_, line)| Span::new(line + line_offset, 1));
                (key, v, span)
            })
            .collect();
        Ok(Fields {
            file: file.to_path_buf(),
            line_offset,
            entries,
            used: HashSet::new(),
            diagnostics: Diagnostics::new(),
        })
    }

    fn take(&mut self, key: &str) -> Option<(Value, Option<Span>)> {
        self.used.insert(key.to_string());
        self.entries.iter().find(|(k, v, _)| k == key && !v.is_null()).map(|(_, v, span)| (v.clone(), *span))
    }

    /// The line the key stands on, in the file's numbering.
    pub fn span_of(&self, key: &str) -> Option<Span> {
        self.entries.iter().find(|(k, _, _)| k == key).and_then(|(_, _, s)| *s)
    }

    /// The first line of the YAML text, in the file's numbering.
    pub fn start(&self) -> Span {
        Span::new(self.line_offset.max(1), 1)
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Records a problem found by the caller while interpreting a value.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn wrong_type(&mut self, key: &str, span: Option<Span>, expected: Expected) {
        let d = Diagnostic::error(Message::WrongType { key: key.to_string(), expected })
            .in_file(&self.file)
            .at_opt(span)
            .help(Message::HelpWriteAs { expected });
        self.diagnostics.push(d);
    }

    /// A text value; numbers and booleans are read as text too.
    pub fn text(&mut self, key: &str) -> Option<String> {
        let (value, span) = self.take(key)?;
        match scalar_text(&value) {
            Some(t) => Some(crate::text::nfc(&t)),
            None => {
                self.wrong_type(key, span, Expected::Text);
                None
            }
        }
    }

    /// Like [`Fields::text`], but an error when the key is absent.
    pub fn required_text(&mut self, key: &str, example: &str) -> Option<String> {
        let present = self.entries.iter().any(|(k, v, _)| k == key && !v.is_null());
        if !present {
            self.used.insert(key.to_string());
            let d = Diagnostic::error(Message::MissingKey { key: key.to_string() })
                .in_file(&self.file)
                .at(self.start())
                .help(Message::HelpAddKey { key: key.to_string(), example: example.to_string() });
            self.diagnostics.push(d);
            return None;
        }
        self.text(key)
    }

    /// A list of texts; a single text is a list of one.
    pub fn text_list(&mut self, key: &str) -> Option<Vec<String>> {
        let (value, span) = self.take(key)?;
        let items = match &value {
            Value::Sequence(seq) => seq.iter().map(scalar_text).collect::<Option<Vec<_>>>(),
            other => scalar_text(other).map(|t| vec![t]),
        };
        match items {
            Some(items) => Some(items.iter().map(|t| crate::text::nfc(t.trim())).collect()),
            None => {
                self.wrong_type(key, span, Expected::TextList);
                None
            }
        }
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let (value, span) = self.take(key)?;
        match value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(key, span, Expected::Bool);
                None
            }
        }
    }

    pub fn integer(&mut self, key: &str) -> Option<i64> {
        let (value, span) = self.take(key)?;
        match value.as_i64() {
            Some(n) => Some(n),
            None => {
                self.wrong_type(key, span, Expected::Integer);
                None
            }
        }
    }

    pub fn date(&mut self, key: &str) -> Option<PageDate> {
        let (value, span) = self.take(key)?;
        let Some(text) = scalar_text(&value) else {
            self.wrong_type(key, span, Expected::Date);
            return None;
        };
        let parsed = PageDate::parse(&text);
        if parsed.is_none() {
            let d = Diagnostic::error(Message::BadDate { key: key.to_string(), value: text })
                .in_file(&self.file)
                .at_opt(span)
                .help(Message::HelpWriteAs { expected: Expected::Date });
            self.diagnostics.push(d);
        }
        parsed
    }

    /// The raw value, for keys whose shape the caller checks itself.
    /// Every key, in the order written.
    pub fn keys(&self) -> Vec<String> {
        self.entries.iter().map(|(k, _, _)| k.clone()).collect()
    }

    pub fn value(&mut self, key: &str) -> Option<(Value, Option<Span>)> {
        self.take(key)
    }

    /// Warns about every key nobody asked for, with a "did you mean" where one is close,
    /// and hands back all that was found.
    pub fn finish(mut self, known: &[&str]) -> Diagnostics {
        let unknown: Vec<(String, Option<Span>)> = self
            .entries
            .iter()
            .filter(|(k, _, _)| !self.used.contains(k))
            .map(|(k, _, s)| (k.clone(), *s))
            .collect();
        for (key, span) in unknown {
            let help = match closest(&key, known, 2) {
                Some(s) => Message::DidYouMean { suggestion: s.to_string() },
                None => Message::HelpKnownKeys { keys: known.join(", ") },
            };
            let d =
                Diagnostic::warning(Message::UnknownKey { key }).in_file(&self.file).at_opt(span).help(help);
            self.diagnostics.push(d);
        }
        self.diagnostics
    }
}

/// A scalar as text; `None` for lists, mappings and null.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// The 1-based line of each top-level `key:` in a block mapping.
fn top_level_key_lines(text: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(first) = line.chars().next() else { continue };
        if first.is_whitespace() || matches!(first, '#' | '-' | '{' | '}' | '[' | ']') {
            continue;
        }
        if let Some(colon) = line.find(':') {
            let key = line[..colon].trim().trim_matches(|c| c == '"' || c == '\'');
            found.push((key.to_string(), i + 1));
        }
    }
    found
}
