//! `--format concise`: one line per finding, `path:line:col: CODE severity: message` (see
//! [`crate::line`]), and nothing else. Streams: each file's lines are rendered by the thread that
//! checked it and written in its turn.

use crate::emit::{Emitter, FileStream, InTurn, Part};
use crate::line::finding_line;
use psr_engine::FileReport;
use std::io::{self, Write};

/// The concise format.
pub struct ConciseEmitter;

impl Emitter for ConciseEmitter {
    fn part(&self, file: &FileReport) -> io::Result<Part> {
        let mut text = String::new();
        for f in &file.findings {
            text.push_str(&finding_line(file, f, true));
            text.push('\n');
        }
        Ok(Part::now(text.into()))
    }

    fn begin(&self, _out: &mut dyn Write) -> io::Result<Box<dyn FileStream + '_>> {
        Ok(Box::new(InTurn))
    }
}
