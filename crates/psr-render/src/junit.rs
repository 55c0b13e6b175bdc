//! `--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure Pipelines): one
//! `<testsuite name="psrlint">`, one `<testcase>` per checked file (`classname` and `name` are
//! its path), and one `<failure type="CODE">` per unwaived error or warning finding, whose text is
//! the concise line `path:line:col: CODE severity: message`. Infos and waived findings do not
//! fail a test case.
//!
//! The XML is written by hand: the document has four element types, and every text and
//! attribute goes through [`escape`], which also drops characters that XML 1.0 cannot carry.
//!
//! Buffers, as little as it can: the counts of tests and failures open the document, so each
//! file's `<testcase>` element is rendered by the thread that checked it and kept, as text, until
//! the last file is in.

use crate::emit::{Emitter, FileStream, Part};
use crate::line::finding_line;
use crate::Summary;
use psr_engine::{FileReport, Finding, Severity};
use std::io::{self, Write};

/// The JUnit format.
pub struct JunitEmitter;

/// Whether a finding fails its test case.
fn failing(f: &Finding) -> bool {
    f.waived.is_none() && f.severity >= Severity::Warning
}

impl Emitter for JunitEmitter {
    fn part(&self, file: &FileReport) -> io::Result<Part> {
        let path = escape(&file.path);
        let mut found = file.findings.iter().filter(|f| failing(f)).peekable();
        if found.peek().is_none() {
            return Ok(Part::now(
                format!("    <testcase classname=\"{path}\" name=\"{path}\"/>\n").into(),
            ));
        }
        let mut text = format!("    <testcase classname=\"{path}\" name=\"{path}\">\n");
        for f in found {
            text.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                escape(&f.code),
                escape(&f.message),
                escape(&finding_line(file, f, true))
            ));
        }
        text.push_str("    </testcase>\n");
        Ok(Part::now(text.into()))
    }

    fn begin(&self, _out: &mut dyn Write) -> io::Result<Box<dyn FileStream + '_>> {
        Ok(Box::new(Cases::default()))
    }
}

/// The test cases so far, and how many fail.
#[derive(Default)]
struct Cases {
    cases: Vec<Box<str>>,
    failures: usize,
}

impl FileStream for Cases {
    fn file(&mut self, file: &FileReport, part: Part, _out: &mut dyn Write) -> io::Result<()> {
        self.failures += usize::from(file.findings.iter().any(failing));
        self.cases.push(part.now);
        Ok(())
    }

    fn finish(self: Box<Self>, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let (tests, failures) = (self.cases.len(), self.failures);
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="psrlint" tests="{tests}" failures="{failures}" errors="0">"#
        )?;
        writeln!(
            out,
            r#"  <testsuite name="psrlint" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#
        )?;
        for case in &self.cases {
            out.write_all(case.as_bytes())?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

/// Escapes text for an XML attribute value or element content: the five predefined entities,
/// tab, line feed and carriage return as character references (so that attribute values keep
/// them), and U+FFFD in place of the characters XML 1.0 does not allow (other control
/// characters, lone surrogates cannot occur in `str`, U+FFFE and U+FFFF).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Control characters XML allows (C1, bidirectional formatting) are made visible too.
    for c in crate::safe::printable(s, false).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        assert_eq!(
            escape(r#"a & b < c > "d" 'e'"#),
            "a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(escape("x\ny\r\n\tz"), "x&#10;y&#13;&#10;&#9;z");
        // Control characters are shown, never passed on: a lone carriage return, BEL, NUL, ESC.
        assert_eq!(escape("bell\u{7}\u{0}\r\u{1b}\u{FFFF}"), "bell␇␀␍␛\u{FFFD}");
        assert_eq!(escape("£ é “q”"), "£ é “q”");
        assert_eq!(escape("]]>"), "]]&gt;");
    }
}
