//! psrlint's language server (`psrlint server`): the Language Server Protocol over standard input
//! and output, built on `lsp-server` (rust-analyzer's protocol scaffold) and `lsp-types`.
//!
//! - Arrangement files (`*.arrangement.toml|json|yaml|yml`): diagnostics on open, change and
//!   save with the codes, ranges, messages, help and citations of `psrlint check`; hover on a
//!   finding, a key, an enum value or an ODS code; completion of keys, enum values, ODS codes in
//!   force on the decision date, the `includes` items the rules require and waiver codes; code
//!   actions to add missing `includes` items or a waiver skeleton. Only the changed document is
//!   re-checked.
//! - Rule files (`*.psrl`): the packs' problems as diagnostics (with unsaved buffers), hover on a
//!   declared name or a built-in function, go to definition.
//!
//! Positions are UTF-16 code units, as the protocol requires. The configuration and rule packs
//! come from a [`Host`], which the command line implements as `check` loads them.

mod arrangement;
pub mod diagnostics;
mod host;
mod rulefile;
mod server;
mod state;
pub mod text;

pub use host::{Filter, Host, HostError, Workspace};
pub use server::{capabilities, run};

/// Why the server stopped without a clean shutdown.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The client broke the protocol.
    #[error("language server protocol error: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    /// The `initialize` parameters could not be read.
    #[error("invalid initialize parameters: {0}")]
    Json(#[from] serde_json::Error),
    /// Reading or writing standard input or output failed.
    #[error("cannot read or write the client's messages: {0}")]
    Io(#[from] std::io::Error),
    /// The client went away.
    #[error("the client disconnected")]
    Disconnected,
}

/// Serves one client over standard input and output until it shuts the server down.
pub fn serve_stdio(host: &dyn Host) -> Result<(), ServerError> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    run(&connection, host)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}
