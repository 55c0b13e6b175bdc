//! Text a format holds for the end of its document (JSON's `findings` follow every file), kept in
//! memory up to a bound and past it in an anonymous temporary file, so that the memory a run
//! holds stays flat however many files it checks.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::PathBuf;

/// How much held text stays in memory before it goes to a temporary file, in bytes.
pub(crate) const SPILL_AT: usize = 2 * 1024 * 1024;

/// A temporary file for held text could not be made, written or read back. It reaches the caller
/// inside an [`io::Error`] (`io::Error::get_ref` downcasts to it), so that it can be told from a
/// failure to write the output itself.
#[derive(Debug, thiserror::Error)]
#[error("cannot hold the report's findings in a temporary file in `{}`: {source}", dir.display())]
pub struct SpillError {
    /// The directory the temporary file is (or was to be) made in.
    pub dir: PathBuf,
    /// Why.
    pub source: io::Error,
}

/// Text appended in order and copied out once, in the same order.
pub(crate) struct Spill {
    bound: usize,
    dir: PathBuf,
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
}

impl Spill {
    /// A store that keeps up to `bound` bytes in memory, then moves to a temporary file in `dir`.
    pub(crate) fn new(bound: usize, dir: PathBuf) -> Self {
        Spill {
            bound,
            dir,
            memory: Vec::new(),
            file: None,
        }
    }

    /// Writes everything held to `out`, in the order it came.
    pub(crate) fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.memory)?;
        let Some(writer) = self.file else {
            return Ok(());
        };
        let mut file = match writer.into_inner() {
            Ok(f) => f,
            Err(e) => return Err(spill_error(&self.dir, e.into_error())),
        };
        file.seek(SeekFrom::Start(0))
            .map_err(|e| spill_error(&self.dir, e))?;
        let mut buf = vec![0; 256 * 1024];
        loop {
            let n = match io::Read::read(&mut file, &mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(spill_error(&self.dir, e)),
            };
            out.write_all(&buf[..n])?;
        }
    }
}

/// `e`, said to have happened to a temporary file in `dir`.
fn spill_error(dir: &std::path::Path, e: io::Error) -> io::Error {
    io::Error::other(SpillError {
        dir: dir.to_path_buf(),
        source: e,
    })
}

impl Write for Spill {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.file.is_none() && self.memory.len() + buf.len() > self.bound {
            let file = tempfile::tempfile_in(&self.dir).map_err(|e| spill_error(&self.dir, e))?;
            let mut writer = BufWriter::with_capacity(256 * 1024, file);
            writer
                .write_all(&self.memory)
                .map_err(|e| spill_error(&self.dir, e))?;
            self.memory = Vec::new();
            self.file = Some(writer);
        }
        match &mut self.file {
            Some(w) => match w.write_all(buf) {
                Ok(()) => Ok(buf.len()),
                Err(e) => Err(spill_error(&self.dir, e)),
            },
            None => {
                if self.memory.capacity() == 0 {
                    // Room for everything up to the bound at once: growing by doubling would
                    // hold up to twice the bound, and both buffers while it copies.
                    self.memory.reserve_exact(self.bound.min(SPILL_AT));
                }
                self.memory.extend_from_slice(buf);
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces() -> Vec<String> {
        (0..200).map(|i| format!("piece {i} £é—\n")).collect()
    }

    #[test]
    fn text_past_the_bound_comes_back_whole_and_in_order() {
        let whole: String = pieces().concat();
        for bound in [0, 1, 17, 1_000, usize::MAX] {
            let mut spill = Spill::new(bound, std::env::temp_dir());
            for p in pieces() {
                spill
                    .write_all(p.as_bytes())
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            assert_eq!(spill.file.is_some(), bound < whole.len(), "bound {bound}");
            let mut out = Vec::new();
            spill.copy_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                String::from_utf8(out).unwrap_or_default(),
                whole,
                "bound {bound}"
            );
        }
    }

    #[test]
    fn a_temporary_directory_that_cannot_be_used_is_a_spill_error() {
        let dir = std::env::temp_dir().join("psrlint-no-such-directory/below");
        let mut spill = Spill::new(10, dir.clone());
        spill.write_all(b"short").unwrap_or_else(|e| panic!("{e}"));
        let e = spill
            .write_all(b"past the bound")
            .expect_err("no temporary file can be made there");
        let inner = e
            .get_ref()
            .and_then(|r| r.downcast_ref::<SpillError>())
            .expect("a SpillError");
        assert_eq!(inner.dir, dir);
        assert_eq!(inner.source.kind(), io::ErrorKind::NotFound);
        assert!(e
            .to_string()
            .starts_with("cannot hold the report's findings"));
    }
}
