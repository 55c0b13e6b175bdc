//! `--format github`: GitHub Actions workflow commands, one per unwaived finding, so that
//! findings show as annotations on the lines of a pull request:
//!
//! ```text
//! ::error file=examples/a.arrangement.toml,line=31,col=8,endLine=31,endColumn=24,title=PSR012::message
//! ```
//!
//! Errors are `error`, warnings `warning`, infos `notice`. Waived findings are not written. A
//! finding about a whole file is placed on line 1. GitHub takes a column range only within one
//! line, so a finding spanning lines gives `line` and `endLine` only. Data is escaped as the
//! Actions toolkit does (`%`, `\r`, `\n`), and property values also escape `:` and `,`.
//!
//! Streams: each file's commands are rendered by the thread that checked it and written in its
//! turn.

use crate::emit::{Emitter, FileStream, InTurn, Part};
use crate::run::slash_path;
use psr_engine::{FileReport, Finding, Severity};
use std::io::{self, Write};

/// The GitHub format: one workflow command per unwaived finding, and nothing else.
pub struct GithubEmitter;

impl Emitter for GithubEmitter {
    fn part(&self, file: &FileReport) -> io::Result<Part> {
        let mut text = String::new();
        for f in file.findings.iter().filter(|f| f.waived.is_none()) {
            text.push_str(&command(file, f));
            text.push('\n');
        }
        Ok(Part::now(text.into()))
    }

    fn begin(&self, _out: &mut dyn Write) -> io::Result<Box<dyn FileStream + '_>> {
        Ok(Box::new(InTurn))
    }
}

/// The workflow command of one finding (without the line ending).
pub fn command(file: &FileReport, f: &Finding) -> String {
    let kind = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = vec![format!("file={}", escape_property(&slash_path(&file.path)))];
    match f.span {
        None => props.push("line=1".into()),
        Some(s) => {
            let (a, b) = (file.line_col(s.start), file.line_col(s.end));
            props.push(format!("line={}", a.line));
            if a.line == b.line {
                props.push(format!("col={}", a.column));
                props.push(format!("endLine={}", b.line));
                props.push(format!("endColumn={}", b.column));
            } else {
                props.push(format!("endLine={}", b.line));
            }
        }
    }
    props.push(format!("title={}", escape_property(&f.code)));
    format!("::{kind} {}::{}", props.join(","), escape_data(&message(f)))
}

/// The annotation's text: the message, then the help line and the law it cites.
fn message(f: &Finding) -> String {
    let mut s = f.message.clone();
    if let Some(h) = &f.help {
        s.push_str("\nhelp: ");
        s.push_str(h);
    }
    if let Some(c) = &f.citation {
        s.push_str(&format!(
            "\nlaw: {}, {} <{}>",
            c.instrument, c.provision, c.url
        ));
    }
    s
}

/// Escapes a command's message: `%`, `\r`, `\n`; any other control character is made visible
/// (it would reach the terminal of whoever reads the log).
pub fn escape_data(s: &str) -> String {
    crate::safe::printable(s, false)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as [`escape_data`], and `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        // `%` first, so that an escape is not escaped again.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_data("a\x1b[31m\rb"), "a␛[31m␍b");
    }
}
