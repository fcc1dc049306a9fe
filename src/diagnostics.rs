//! Everything a run found wrong, collected and reported together.
//!
//! A diagnostic names the file, the line and column where known, what is wrong and how
//! to fix it. The words come from the message catalogue; nothing here knows about pages.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::messages::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub line: usize,
    pub column: usize,
}

impl Span {
    pub fn new(line: usize, column: usize) -> Span {
        Span { line, column }
    }

    /// The line and column of byte `offset` in `text` (columns count characters).
    pub fn at_offset(text: &str, offset: usize) -> Span {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Span { line, column: before[line_start..].chars().count() + 1 }
    }

    /// This span moved down by `lines` lines: for a span inside an embedded block
    /// (front matter, a component) reported in the file's own numbering.
    pub fn shifted(self, lines: usize) -> Span {
        Span { line: self.line + lines, column: self.column }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: Option<PathBuf>,
    pub span: Option<Span>,
    pub message: Box<Message>,
    pub help: Option<Box<Message>>,
    /// Found in a page marked `draft: true` (`loa check` checks drafts too).
    pub draft: bool,
}

impl Diagnostic {
    pub fn error(message: Message) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            span: None,
            message: Box::new(message),
            help: None,
            draft: false,
        }
    }

    pub fn warning(message: Message) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    pub fn at_opt(mut self, span: Option<Span>) -> Diagnostic {
        self.span = span;
        self
    }

    pub fn help(mut self, help: Message) -> Diagnostic {
        self.help = Some(Box::new(help));
        self
    }

    pub fn help_opt(mut self, help: Option<Message>) -> Diagnostic {
        self.help = help.map(Box::new);
        self
    }

    /// The diagnostic as an editor reads it:
    /// ```text
    /// lỗi: <what is wrong>
    ///   --> content/a.md:3:7
    ///   cách sửa: <how to fix it>
    /// ```
    /// Paths are shown relative to `root` when they lie inside it.
    pub fn render(&self, lang: Lang, root: &Path) -> String {
        let label = match self.severity {
            Severity::Error => Message::LabelError,
            Severity::Warning => Message::LabelWarning,
        };
        let mut out = format!("{}: {}", label.text(lang), self.message.text(lang));
        if let Some(file) = &self.file {
            let shown = file.strip_prefix(root).unwrap_or(file);
            let _ = write!(out, "\n  --> {}", shown.display());
            if let Some(span) = self.span {
                let _ = write!(out, ":{}:{}", span.line, span.column);
            }
            if self.draft {
                let _ = write!(out, " ({})", Message::LabelDraft.text(lang));
            }
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\n  {}: {}", Message::LabelHelp.text(lang), help.text(lang));
        }
        out
    }
}

/// Everything a build found wrong, reported together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_iter_all(self) -> impl Iterator<Item = Diagnostic> {
        self.0.into_iter()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Errors first, then by file and position, so a report reads top to bottom.
    pub fn sorted(mut self) -> Diagnostics {
        self.0.sort_by(|a, b| (a.severity, &a.file, a.span).cmp(&(b.severity, &b.file, b.span)));
        // A broken template fails every page that uses it: say it once.
        self.0.dedup_by(|a, b| a.file == b.file && a.span == b.span && a.message == b.message);
        self
    }

    pub fn render(&self, lang: Lang, root: &Path) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(lang, root));
            out.push_str("\n\n");
        }
        out
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Diagnostics {
        Diagnostics(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let text = "một\nhai ba\nbốn";
        assert_eq!(Span::at_offset(text, 0), Span::new(1, 1));
        assert_eq!(Span::at_offset(text, text.find("ba").unwrap()), Span::new(2, 5));
        assert_eq!(Span::at_offset(text, text.find("bốn").unwrap() + 2), Span::new(3, 2));
    }
}
