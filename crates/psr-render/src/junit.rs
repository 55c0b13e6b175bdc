//! `--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure Pipelines): one
//! `<testsuite name="psrlint">`, one `<testcase>` per checked file (`classname` and `name` are
//! its path), and one `<failure type="CODE">` per unwaived error or warning finding, whose text is
//! the concise line `path:line:col: CODE severity: message`. Infos and waived findings do not
//! fail a test case.
//!
//! The XML is written by hand: the document has four element types, and every text and
//! attribute goes through [`escape`], which also drops characters that XML 1.0 cannot carry.

use crate::RunReport;
use psr_engine::{FileReport, Finding, Severity};
use std::io::{self, Write};

/// Writes the JUnit XML document, with a final newline.
pub fn render(report: &RunReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let failing = |f: &&Finding| f.waived.is_none() && f.severity >= Severity::Warning;
    let tests = report.files.len();
    let failures = report
        .files
        .iter()
        .filter(|r| r.findings.iter().any(|f| failing(&f)))
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="psrlint" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="psrlint" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#
    )?;
    for file in report.files {
        let path = escape(&file.path);
        let found: Vec<&Finding> = file.findings.iter().filter(failing).collect();
        if found.is_empty() {
            writeln!(out, r#"    <testcase classname="{path}" name="{path}"/>"#)?;
            continue;
        }
        writeln!(out, r#"    <testcase classname="{path}" name="{path}">"#)?;
        for f in found {
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                escape(&f.code),
                escape(&f.message),
                escape(&line(file, f))
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

/// `path:line:col: CODE severity: message`
fn line(file: &FileReport, f: &Finding) -> String {
    let lc = file.line_col(f.span.map_or(0, |s| s.start));
    format!(
        "{}:{}:{}: {} {}: {}",
        file.path,
        lc.line,
        lc.column,
        f.code,
        f.severity.as_str(),
        f.message
    )
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
