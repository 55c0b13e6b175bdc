//! Expectation files (`NAME.expected`): the concise findings a test file must produce, one per
//! line, `line:col: CODE severity: message`, without a path so that the files can move (a line
//! feed in a message shows as `␊`).
//!
//! Lines starting with `#` are comments. An expectation that the file has no findings is the
//! single line `# no findings`; a file with neither findings nor that line is empty, and an
//! empty expectation fails, so that a forgotten file never passes by accident.

use psr_engine::FileReport;

/// The line that says a test file must have no findings.
pub const NO_FINDINGS: &str = "# no findings";

/// An expectation file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// Comment lines before the first finding (kept when blessing), without `# no findings`.
    pub header: Vec<String>,
    /// The finding lines, trailing whitespace removed.
    pub findings: Vec<String>,
    /// Whether the file has the `# no findings` line.
    pub none_marker: bool,
}

/// What is wrong with an expectation, before comparing it with anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Neither findings nor `# no findings`.
    Empty,
    /// Both findings and `# no findings`.
    Contradictory,
}

impl Expectation {
    /// Reads the text of an expectation file.
    pub fn parse(text: &str) -> Expectation {
        let mut e = Expectation {
            header: Vec::new(),
            findings: Vec::new(),
            none_marker: false,
        };
        for line in text.lines().map(str::trim_end) {
            if line.trim().is_empty() {
                continue;
            }
            if line.trim() == NO_FINDINGS {
                e.none_marker = true;
            } else if line.starts_with('#') {
                if e.findings.is_empty() {
                    e.header.push(line.to_string());
                }
            } else {
                e.findings.push(line.to_string());
            }
        }
        e
    }

    /// Whether it can be compared with findings.
    pub fn problem(&self) -> Option<Problem> {
        match (self.findings.is_empty(), self.none_marker) {
            (true, false) => Some(Problem::Empty),
            (false, true) => Some(Problem::Contradictory),
            _ => None,
        }
    }

    /// The lines to compare and show in a diff: the findings, or `# no findings`.
    pub fn lines(&self) -> Vec<String> {
        if self.findings.is_empty() && self.none_marker {
            vec![NO_FINDINGS.to_string()]
        } else {
            self.findings.clone()
        }
    }

    /// The codes its findings name (the word after `line:col:`).
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.findings
            .iter()
            .filter_map(|l| l.split_whitespace().nth(1))
    }

    /// The text to write when blessing `actual` (the lines of [`lines_of`]), keeping the header.
    pub fn blessed(&self, actual: &[String]) -> String {
        let mut out = String::new();
        for line in self.header.iter().chain(actual) {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// The expectation lines a report gives: its findings in order (psr-render's one-line form
/// without the path), or `# no findings`.
pub fn lines_of(report: &FileReport) -> Vec<String> {
    let lines: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            psr_render::line::finding_line(report, f, false)
                .trim_end()
                .to_string()
        })
        .collect();
    if lines.is_empty() {
        vec![NO_FINDINGS.to_string()]
    } else {
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_comments_and_the_marker_are_told_apart() {
        let e = Expectation::parse(
            "# why\n3:1: PSR010 error: m  \n\n# later\n4:2: PSR011 warning: n\n",
        );
        assert_eq!(e.header, vec!["# why"]);
        assert_eq!(
            e.findings,
            vec!["3:1: PSR010 error: m", "4:2: PSR011 warning: n"]
        );
        assert_eq!(e.codes().collect::<Vec<_>>(), vec!["PSR010", "PSR011"]);
        assert_eq!(e.problem(), None);
    }

    #[test]
    fn empty_and_contradictory_expectations_are_problems() {
        assert_eq!(Expectation::parse("").problem(), Some(Problem::Empty));
        assert_eq!(
            Expectation::parse("# just a comment\n\n").problem(),
            Some(Problem::Empty)
        );
        assert_eq!(
            Expectation::parse("# no findings\n1:1: A1 error: x\n").problem(),
            Some(Problem::Contradictory)
        );
        let none = Expectation::parse("# about this file\n# no findings\n");
        assert_eq!(none.problem(), None);
        assert_eq!(none.lines(), vec![NO_FINDINGS]);
    }

    #[test]
    fn blessing_keeps_the_header_comments() {
        let e = Expectation::parse("# about\n# no findings\n");
        assert_eq!(
            e.blessed(&["1:1: A1 error: x".to_string()]),
            "# about\n1:1: A1 error: x\n"
        );
        assert_eq!(
            Expectation::parse("").blessed(&[NO_FINDINGS.to_string()]),
            "# no findings\n"
        );
    }
}
