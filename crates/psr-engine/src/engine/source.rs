//! An arrangement file to check, and the syntax it is written in.

use psr_source::Syntax;

/// An arrangement file to check.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path to show.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// The syntax its name says; an unknown name is guessed from the content.
    pub fn syntax(&self) -> Syntax {
        Syntax::from_path(std::path::Path::new(&self.path))
            .unwrap_or_else(|| Syntax::guess(&self.bytes))
    }
}
