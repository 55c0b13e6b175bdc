//! The language server's answer time (see docs/performance.md and docs/editors.md).
//!
//! `cargo run --release -p psrlint-bench --bin lsp-latency -- [--bin PATH] [--file FILE] [--edits N]`
//! starts `psrlint server`, opens FILE (default: a typical example with one finding), then sends N
//! edits (default 200) as an editor does, one incremental `didChange` at a time, each typing or
//! deleting a character in a value, and measures the time from sending the change to receiving the
//! diagnostics of that version: the median, 95th percentile and worst.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lsp-latency: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut bin = root.join("target/release/psrlint");
    let mut file =
        root.join("examples/violation-intention-notice-missing-conflicts.arrangement.toml");
    let mut edits = 200usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().ok_or_else(|| format!("{a} needs a value"))?;
        match a.as_str() {
            "--bin" => bin = PathBuf::from(value),
            "--file" => file = PathBuf::from(value),
            "--edits" => edits = value.parse().map_err(|_| "--edits takes a number")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let file = file.canonicalize().map_err(|e| e.to_string())?;
    let uri = format!("file://{}", file.display());
    let mut child = Command::new(&bin)
        .arg("server")
        .current_dir(file.parent().unwrap_or(&root))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let mut stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let mut send = |v: Value| -> Result<(), String> {
        let body = v.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).map_err(|e| e.to_string())?;
        stdin.flush().map_err(|e| e.to_string())
    };
    send(
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }),
    )?;
    read_until(&mut stdout, |m| m["id"] == 1)?;
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }))?;
    send(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": uri, "languageId": "toml", "version": 0, "text": text } } }),
    )?;
    read_until(&mut stdout, |m| m["params"]["version"] == 0)?;
    // Type and delete a character at the end of the `title` value, in turn.
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.starts_with("title = \"")
                .then(|| (i, l.encode_utf16().count() - 1))
        })
        .ok_or("the file has no `title = \"...\"` line")?;
    let mut times: Vec<Duration> = Vec::with_capacity(edits);
    for version in 1..=edits {
        let change = if version % 2 == 1 {
            json!({ "range": { "start": { "line": line, "character": column }, "end": { "line": line, "character": column } }, "text": "x" })
        } else {
            json!({ "range": { "start": { "line": line, "character": column }, "end": { "line": line, "character": column + 1 } }, "text": "" })
        };
        let start = Instant::now();
        send(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": { "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] } }),
        )?;
        read_until(&mut stdout, |m| m["params"]["version"] == version)?;
        times.push(start.elapsed());
    }
    send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }))?;
    read_until(&mut stdout, |m| m["id"] == 2)?;
    send(json!({ "jsonrpc": "2.0", "method": "exit", "params": null }))?;
    let _ = child.wait();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{} edits of {}: median {:.2} ms, p95 {:.2} ms, worst {:.2} ms (change sent -> diagnostics received)",
        times.len(),
        file.display(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3
    );
    Ok(())
}

/// Reads messages until one satisfies `done`.
fn read_until(
    r: &mut BufReader<ChildStdout>,
    done: impl Fn(&Value) -> bool,
) -> Result<Value, String> {
    loop {
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                return Err("the server closed its output".into());
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().map_err(|_| "a bad Content-Length")?;
            }
        }
        let mut body = vec![0; length];
        r.read_exact(&mut body).map_err(|e| e.to_string())?;
        let v: Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        if done(&v) {
            return Ok(v);
        }
    }
}
