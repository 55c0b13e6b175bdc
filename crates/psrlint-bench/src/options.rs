//! The options the benchmark binaries share — `--bin PATH`, `--examples DIR`, `--runs N` — with
//! their defaults in this repository, read once here; each binary adds its own options.

use std::path::PathBuf;

/// The options every binary that runs psrlint over the examples takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    /// The psrlint binary to measure (`--bin`; default: this repository's release build).
    pub bin: PathBuf,
    /// The example arrangements the inputs are made from (`--examples`; default: `examples/`).
    pub examples: PathBuf,
    /// How many runs to take the best of (`--runs`, above 0).
    pub runs: usize,
}

/// The value that follows an option, taken when the option asks for it.
pub struct Value<'a> {
    name: &'a str,
    rest: &'a mut dyn Iterator<Item = String>,
}

impl Value<'_> {
    /// The value as text; an error when the option is the last argument.
    pub fn text(&mut self) -> Result<String, String> {
        self.rest
            .next()
            .ok_or_else(|| format!("{} needs a value", self.name))
    }
}

impl Common {
    /// Reads the command line: the shared options here, every other argument given to `own`
    /// (with its value, should it take one), which answers whether it knew it. `-h` and `--help`
    /// give `usage` as the error.
    pub fn parse(
        runs: usize,
        usage: &str,
        own: impl FnMut(&str, &mut Value) -> Result<bool, String>,
    ) -> Result<Common, String> {
        Common::parse_from(std::env::args().skip(1), runs, usage, own)
    }

    /// [`Common::parse`] over the arguments given (without the program's name).
    pub fn parse_from(
        args: impl IntoIterator<Item = String>,
        runs: usize,
        usage: &str,
        mut own: impl FnMut(&str, &mut Value) -> Result<bool, String>,
    ) -> Result<Common, String> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut o = Common {
            bin: root.join("target/release/psrlint"),
            examples: root.join("examples"),
            runs,
        };
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            let mut value = Value {
                name: &a,
                rest: &mut args,
            };
            match a.as_str() {
                "--bin" => o.bin = PathBuf::from(value.text()?),
                "--examples" => o.examples = PathBuf::from(value.text()?),
                "--runs" => {
                    o.runs = value
                        .text()?
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| "--runs takes a number above 0".to_string())?
                }
                "-h" | "--help" => return Err(usage.into()),
                other => {
                    if !own(other, &mut value)? {
                        return Err(format!("unknown argument {other}"));
                    }
                }
            }
        }
        Ok(o)
    }

    /// An error saying how to build the binary, when `--bin` names no file.
    pub fn check_bin(&self) -> Result<(), String> {
        match self.bin.is_file() {
            true => Ok(()),
            false => Err(format!(
                "{} does not exist: run `cargo build --release` first",
                self.bin.display()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<(Common, Vec<String>), String> {
        let mut seen = Vec::new();
        let common =
            Common::parse_from(args.iter().map(|a| a.to_string()), 3, "usage: x", |a, v| {
                match a {
                    "--own" => seen.push(v.text()?),
                    "--flag" => seen.push("flag".into()),
                    _ => return Ok(false),
                }
                Ok(true)
            })?;
        Ok((common, seen))
    }

    #[test]
    fn shared_and_own_options_are_read_in_turn() {
        let (o, seen) =
            parse(&["--runs", "7", "--own", "a", "--bin", "/b", "--flag"]).expect("read");
        assert_eq!(o.runs, 7);
        assert_eq!(o.bin, PathBuf::from("/b"));
        assert!(o.examples.ends_with("examples"));
        assert_eq!(seen, ["a", "flag"]);
        assert_eq!(parse(&[]).expect("read").0.runs, 3);
    }

    #[test]
    fn bad_arguments_say_what_is_wrong() {
        assert_eq!(
            parse(&["--runs", "0"]).expect_err("refused"),
            "--runs takes a number above 0"
        );
        assert_eq!(
            parse(&["--own"]).expect_err("refused"),
            "--own needs a value"
        );
        assert_eq!(
            parse(&["--bin"]).expect_err("refused"),
            "--bin needs a value"
        );
        assert_eq!(
            parse(&["--what"]).expect_err("refused"),
            "unknown argument --what"
        );
        assert_eq!(parse(&["-h"]).expect_err("refused"), "usage: x");
    }
}
