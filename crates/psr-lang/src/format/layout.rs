//! Laying tokens out in lines: indentation, spacing and blank lines (see [`crate::format`]).

use super::lex::{Kind, Token};
use super::Shape;

/// A line waiting for the next line of code, which decides its indentation.
enum Pending<'a> {
    Blank,
    Comment(&'a str),
}

/// An open bracket: where the lines inside it and its closing line go, and the original
/// indentation of the first line inside it.
struct Frame {
    open: char,
    contents: usize,
    closer: usize,
    first: Option<usize>,
}

/// A brace level (or the top of the file): the indentation of its statements, of the
/// continuation lines of the statement being written, and the original indentation of the first
/// of those lines.
struct Level {
    indent: usize,
    cont: usize,
    first: Option<usize>,
}

/// The indentation of a continuation line written at `orig` columns, in a context whose lines
/// start at `base`: deeper than the context's first line by as much as it was written deeper.
fn relative(base: usize, first: &mut Option<usize>, orig: usize) -> usize {
    match *first {
        Some(f) => base + orig.saturating_sub(f),
        None => {
            *first = Some(orig);
            base
        }
    }
}

/// Lays out `tokens` (of a file whose structure is `shape`) in the canonical layout.
pub(crate) fn render(tokens: &[Token<'_>], shape: &Shape) -> String {
    let mut w = Writer {
        shape,
        out: Vec::new(),
        frames: Vec::new(),
        levels: vec![Level {
            indent: 0,
            cont: 2,
            first: None,
        }],
        seen_item: None,
        last_ends_open: false,
    };
    let mut pending = Vec::new();
    for line in split_lines(tokens, shape) {
        match line.as_slice() {
            [] => pending.push(Pending::Blank),
            [t] if t.kind == Kind::Comment => pending.push(Pending::Comment(t.text)),
            _ => {
                w.code_line(&line, &pending);
                pending.clear();
            }
        }
    }
    let gap = w.seen_item.is_some();
    w.flush(&pending, 0, true, gap);
    let mut text = w.out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// Cuts the token stream into lines: at line ends, and before a statement or a `}` that does
/// not begin its line. A `{` with only line ends before its `}` becomes `{}`.
fn split_lines<'t, 'a>(tokens: &'t [Token<'a>], shape: &Shape) -> Vec<Vec<&'t Token<'a>>> {
    let mut lines = vec![Vec::new()];
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        i += 1;
        if t.kind == Kind::Newline {
            lines.push(Vec::new());
            continue;
        }
        let Some(line) = lines.last_mut() else {
            continue;
        };
        let after_brace = line
            .last()
            .is_some_and(|p: &&Token<'_>| p.kind == Kind::Open('{'));
        let breaks = shape.stmts.contains(&t.start) || (t.kind == Kind::Close('}') && !after_brace);
        if breaks && !line.is_empty() {
            lines.push(vec![t]);
        } else {
            line.push(t);
        }
        if t.kind == Kind::Open('{') {
            let mut j = i;
            while tokens.get(j).is_some_and(|n| n.kind == Kind::Newline) {
                j += 1;
            }
            if tokens.get(j).is_some_and(|n| n.kind == Kind::Close('}')) {
                i = j;
            }
        }
    }
    if lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    lines
}

struct Writer<'s> {
    shape: &'s Shape,
    out: Vec<String>,
    frames: Vec<Frame>,
    levels: Vec<Level>,
    /// Whether a top-level declaration was written, and whether it was an `import`.
    seen_item: Option<bool>,
    /// Whether the last line written ends with an opening bracket.
    last_ends_open: bool,
}

impl Writer<'_> {
    fn level(&self) -> &Level {
        // The top level is never popped: `}` pops only levels its `{` pushed.
        &self.levels[self.levels.len() - 1]
    }

    /// Writes a line of code, after the blank and comment lines before it.
    fn code_line(&mut self, line: &[&Token<'_>], pending: &[Pending<'_>]) {
        let first = line[0];
        let is_stmt = self.shape.stmts.contains(&first.start);
        let last = self.levels.len() - 1;
        let level = &mut self.levels[last];
        let (indent, inside) = match (first.kind, self.frames.last_mut()) {
            (Kind::Close(_), Some(f)) => (f.closer, f.contents),
            (_, Some(f)) if f.open != '{' => {
                (relative(f.contents, &mut f.first, first.col), f.contents)
            }
            _ if is_stmt => {
                level.first = None;
                (level.indent, level.indent)
            }
            _ => (
                relative(level.cont, &mut level.first, first.col),
                level.cont,
            ),
        };
        let item = self
            .frames
            .is_empty()
            .then(|| self.shape.items.get(&first.start).copied())
            .flatten();
        let gap = match (item, self.seen_item) {
            (Some(import), Some(last_import)) => !(import && last_import),
            _ => false,
        };
        let closes = matches!(first.kind, Kind::Close(_));
        self.flush(pending, if closes { inside } else { indent }, closes, gap);
        if let Some(import) = item {
            self.seen_item = Some(import);
        }
        let level_at_start = self.levels.len() - 1;
        let (text, value) = self.layout(line, indent, is_stmt);
        if is_stmt {
            let level = &mut self.levels[level_at_start];
            level.cont = value.map_or(level.indent + 2, |(col, _)| col);
            level.first = value.map(|(_, orig)| orig);
        }
        self.last_ends_open = line
            .iter()
            .rev()
            .find(|t| t.kind != Kind::Comment)
            .is_some_and(|t| matches!(t.kind, Kind::Open(_)));
        self.out.push(text);
    }

    /// Writes pending blank and comment lines: comments at `indent`, at most one blank line in a
    /// row, none at the start of the file or of a block, none before a closing line (`closes`),
    /// and at least one before a new top-level declaration (`gap`).
    fn flush(&mut self, pending: &[Pending<'_>], indent: usize, closes: bool, gap: bool) {
        let mut lines: Vec<Option<&str>> = Vec::new();
        if gap {
            lines.push(None);
        }
        for p in pending {
            match p {
                Pending::Blank => lines.push(None),
                Pending::Comment(c) => lines.push(Some(c)),
            }
        }
        let mut blank_ok = !self.out.is_empty() && !self.last_ends_open;
        let mut blanks = 0;
        for l in lines {
            match l {
                None => blanks += 1,
                Some(c) => {
                    if blanks > 0 && blank_ok {
                        self.out.push(String::new());
                    }
                    blanks = 0;
                    blank_ok = true;
                    self.out.push(format!("{:indent$}{c}", ""));
                    self.last_ends_open = false;
                }
            }
        }
        if blanks > 0 && blank_ok && !closes {
            self.out.push(String::new());
        }
    }

    /// The text of one line of code, and for a statement the column where its value begins (the
    /// body of a `def`, or what follows the first `:` of anything else), now and as written.
    fn layout(
        &mut self,
        line: &[&Token<'_>],
        indent: usize,
        is_stmt: bool,
    ) -> (String, Option<(usize, usize)>) {
        let is_def = self.shape.defs.contains(&line[0].start);
        let mut text = " ".repeat(indent);
        let mut col = indent;
        let mut value_col = None;
        let mut seen_colon = false;
        for (n, t) in line.iter().enumerate() {
            if n > 0 {
                let spaces = spacing(line[n - 1], t, self.shape);
                text.push_str(&" ".repeat(spaces));
                col += spaces;
                let value = t.kind != Kind::Comment
                    && if is_def {
                        self.shape.bodies.contains(&t.start)
                    } else {
                        line[n - 1].kind == Kind::Colon && !seen_colon
                    };
                if is_stmt && value && value_col.is_none() {
                    value_col = Some((col, t.col));
                }
                seen_colon |= line[n - 1].kind == Kind::Colon;
            }
            let trailing = line[n + 1..].iter().all(|r| r.kind == Kind::Comment);
            match t.kind {
                Kind::Open('{') => {
                    let at = self.level().indent;
                    self.frames.push(Frame {
                        open: '{',
                        contents: at + 2,
                        closer: at,
                        first: None,
                    });
                    self.levels.push(Level {
                        indent: at + 2,
                        cont: at + 4,
                        first: None,
                    });
                }
                Kind::Open(c) if trailing => self.frames.push(Frame {
                    open: c,
                    contents: indent + 2,
                    closer: indent,
                    first: None,
                }),
                Kind::Open(c) => {
                    let first = line[n + 1..].first().map(|next| next.col);
                    self.frames.push(Frame {
                        open: c,
                        contents: col + 1,
                        closer: col,
                        first,
                    });
                }
                Kind::Close(c) => self.close(c),
                _ => {}
            }
            text.push_str(t.text);
            col = match t.text.rfind('\n') {
                Some(nl) => t.text[nl + 1..].chars().count(),
                None => col + t.text.chars().count(),
            };
        }
        (text, value_col)
    }

    fn close(&mut self, c: char) {
        let open = match c {
            '}' => '{',
            ')' => '(',
            _ => '[',
        };
        if self.frames.last().is_some_and(|f| f.open == open) {
            self.frames.pop();
            if open == '{' && self.levels.len() > 1 {
                self.levels.pop();
            }
        }
    }
}

/// How many spaces go between two tokens on one line.
fn spacing(prev: &Token<'_>, cur: &Token<'_>, shape: &Shape) -> usize {
    if shape.equals.contains(&prev.start) || shape.equals.contains(&cur.start) {
        return 1;
    }
    match (prev.kind, cur.kind) {
        (_, Kind::Colon) => 0,
        (Kind::Open('{'), Kind::Close('}')) => 0,
        (Kind::Colon, _) | (_, Kind::Open('{')) | (Kind::Close('}'), _) => 1,
        (Kind::Word | Kind::Text, Kind::Text) => 1,
        (Kind::Text, Kind::Word) if !cur.text.starts_with(',') => 1,
        (_, Kind::Comment) => cur.gap.max(1),
        _ => usize::from(cur.gap > 0),
    }
}
