//! The command-line interface, declared with clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Checks NHS England health care arrangements against the Provider Selection Regime and
/// commissioning law, before they are published or signed.
#[derive(Debug, Parser)]
#[command(name = "psrlint", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check arrangement files (`*.arrangement.toml|json|yaml|yml`) in files and directories.
    Check(CheckArgs),
    /// Report on a register of arrangement files for a period: the annual summary of reg 25 and
    /// the monitoring report of reg 26 (Markdown, HTML, JSON or CSV).
    Report(ReportArgs),
    /// Explain a finding code: what the rule checks, why, the law it cites, and examples.
    Explain(ExplainArgs),
    /// List every rule with its code, severity, citation and pack.
    Rules(RulesArgs),
    /// Print the JSON Schema (2020-12) of the arrangement format, for editors.
    Schema(PackArgs),
    /// Run rule tests: each `NAME.arrangement.*` beside a `NAME.expected` must give exactly
    /// the findings listed there.
    Test(TestArgs),
    /// Show which provisions of each pack's instrument are covered by tested rules.
    Coverage(CoverageArgs),
    /// Format rule files (`*.psrl`) in the canonical layout.
    Fmt(FmtArgs),
    /// Draft the notice an arrangement calls for next (or the one `--type` names): each item of
    /// its Schedule, written from the record, with the gaps the record leaves and the findings
    /// that report them.
    Notice(NoticeArgs),
    /// Import published notices as arrangement files (checked as public records).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Run the language server (LSP over standard input and output) for editors: diagnostics,
    /// hover, completion and code actions in arrangement and rule files.
    Server(PackArgs),
    /// Write a new arrangement file for a kind (and process) of arrangement: every field the
    /// law needs, with a note on each; what psrlint knows filled in, the rest placeholders.
    New(NewArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print a man page (roff): psrlint's, or a command's; or write them all to a directory.
    Man(ManArgs),
}

/// Where the rules come from.
#[derive(Debug, Args, Clone, Default)]
pub struct PackArgs {
    /// A rule pack directory, or a directory of packs; repeat for more. Default: the packs
    /// shipped inside psrlint.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use this configuration file instead of the nearest `psrlint.toml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The output formats of `check`: psr-render's [`Format`](psr_render::Format), under the name the
/// CLI's modules know it by.
pub use psr_render::Format as OutputFormat;

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Errors only (the default).
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
}

/// `psrlint check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check (default: `.`); `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// The name to report for standard input (its extension picks the syntax; without it the
    /// syntax is guessed from the content).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Apply the law in force on this date (YYYY-MM-DD) instead of each file's decision date.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Only these codes or code prefixes (comma-separated or repeated).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Not these codes or code prefixes.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The lowest severity that makes the run fail.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Show why each finding fired, condition by condition.
    #[arg(long)]
    pub explain: bool,
    /// Print nothing when all checks pass; only findings otherwise.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print a count of findings per code.
    #[arg(long)]
    pub statistics: bool,
    /// Pass when no arrangement file is found (by default, checking nothing is an error, exit
    /// status 2).
    #[arg(long)]
    pub allow_empty: bool,
    /// The largest arrangement file accepted, in bytes (default 10 MiB).
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
    /// Check the files as published notices: apply only the rules a public record can show
    /// (the packs' `public_record_rules`). Files written by `psrlint import` are always checked so.
    #[arg(long)]
    pub public_record: bool,
    /// Rule packs and configuration.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, ready to publish on a website (the default).
    Markdown,
    /// One self-contained HTML page with charts and a table of findings.
    Html,
    /// The JSON report (docs/report-output.md, version 1).
    Json,
    /// CSV: one row per authority, then the totals.
    Csv,
}

/// `psrlint report`
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The register: arrangement files and directories (default: `.`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The financial year, 1 April to 31 March: `2025-26`.
    #[arg(long, value_name = "YYYY-YY", conflicts_with_all = ["from", "to"], required_unless_present_any = ["from", "to"])]
    pub year: Option<String>,
    /// The period's first day (YYYY-MM-DD, included).
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// The period's last day (YYYY-MM-DD, included).
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// Only the authority with this ODS code.
    #[arg(long, value_name = "ODS")]
    pub authority: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The largest arrangement file accepted, in bytes (default 10 MiB).
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
    /// Rule packs and configuration.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// The notices `psrlint notice` drafts (`notices[].type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NoticeType {
    /// Intention to follow the Most Suitable Provider Process (Schedule 5).
    MspIntention,
    /// The Competitive Process's notice inviting offers (Schedule 8).
    ContractNotice,
    /// Intention to award (Schedule 3, 6 or 10).
    IntentionToAward,
    /// Award (Schedule 2, 4, 7 or 11).
    ContractAward,
    /// Urgent award (Schedule 13).
    UrgentAward,
    /// Modification (Schedule 12).
    Modification,
    /// Urgent modification (Schedule 14).
    UrgentModification,
    /// Abandonment (reg 15(4)).
    Abandonment,
}

/// Formats of `notice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NoticeFormat {
    /// Markdown (the default).
    Markdown,
    /// Plain text, to paste into a platform's form.
    Text,
    /// JSON: each item named by its Schedule paragraph.
    Json,
}

/// `psrlint notice`
#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// The arrangement file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The notice to draft (default: the one the record calls for next).
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub notice_type: Option<NoticeType>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = NoticeFormat::Markdown)]
    pub format: NoticeFormat,
    /// Write the draft to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Rule packs and configuration.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// `psrlint explain`
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A finding code: `PSR012`, `COM003`, `ARR008`, `RL002`, ...
    pub code: String,
    /// Rule packs and configuration.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// Formats of `rules` and `coverage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table for people.
    Text,
    /// JSON for programs.
    Json,
}

/// `psrlint rules`
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// List psrlint's own codes (ARR, WVR, RL, CFG, IMP, RPT) instead of the packs' rules.
    #[arg(long)]
    pub own: bool,
    /// Rule packs and configuration.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// `psrlint test`
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Directories with rule tests (default: `rules/`).
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Write the actual findings as the new expectations.
    #[arg(long)]
    pub bless: bool,
    /// Rule packs and configuration.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// `psrlint coverage`
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// Directories with rule tests (default: `rules/`).
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Fail when fewer than this percentage of in-scope provisions are covered by tested rules.
    #[arg(long, value_name = "PERCENT")]
    pub min: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Rule packs and configuration.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// `psrlint fmt`
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Rule files or directories (default: `rules/`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// List files that are not formatted and exit 1; change nothing.
    #[arg(long, conflicts_with = "write")]
    pub check: bool,
    /// Rewrite files that are not formatted (atomically).
    #[arg(long)]
    pub write: bool,
}

/// `psrlint import`: what to import.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Read OCDS 1.1 release packages, record packages or compiled releases (as Find a Tender
    /// publishes them) and write one arrangement file per Provider Selection Regime notice.
    Ocds(ImportOcdsArgs),
}

/// Syntaxes `import` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportSyntax {
    /// `*.arrangement.toml`, with a comment on each field saying where it was read.
    Toml,
    /// `*.arrangement.json`, with `imported_from.notes`.
    Json,
    /// `*.arrangement.yaml`, with `imported_from.notes`.
    Yaml,
}

/// `psrlint import ocds`
#[derive(Debug, Args)]
pub struct ImportOcdsArgs {
    /// OCDS JSON files, or directories of them (`*.json`); `-` reads standard input.
    #[arg(value_name = "FILE|DIR|-", required = true)]
    pub paths: Vec<PathBuf>,
    /// The directory to write the arrangement files to (created when missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// The syntax of the files written.
    #[arg(long = "to", value_enum, default_value_t = ImportSyntax::Toml)]
    pub syntax: ImportSyntax,
}

/// `psrlint man`
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (`check` prints psrlint-check(1)); default: psrlint(1).
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Option<String>,
    /// Write every page (psrlint.1, psrlint-check.1, ...) into this directory.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `psrlint completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete_shell::Shell,
}

/// Shells for completions.
pub mod clap_complete_shell {
    /// A shell psrlint can write completions for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
    pub enum Shell {
        /// Bash
        Bash,
        /// Zsh
        Zsh,
        /// Fish
        Fish,
        /// PowerShell
        Powershell,
        /// Elvish
        Elvish,
    }
}

/// The syntax `psrlint new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewSyntax {
    /// TOML, with a comment on each field (the default).
    Toml,
    /// JSON (no comments).
    Json,
    /// YAML, with a comment on each field.
    Yaml,
}

/// `psrlint new`
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The kind of arrangement (`arrangement.kind`: award, framework, framework-call-off,
    /// modification, urgent-award, urgent-modification, delegation, joint-working, partnership).
    /// Without it, on a terminal, psrlint asks.
    #[arg(value_name = "KIND")]
    pub kind: Option<String>,
    /// The process (`process.type`), for every kind but the agreements.
    #[arg(long, value_name = "PROCESS")]
    pub process: Option<String>,
    /// The authority's ODS code (an ICB, or an NHS England region Y56..Y63): its name and type are
    /// filled in from the ICB register on the decision date.
    #[arg(long, value_name = "ODS")]
    pub authority: Option<String>,
    /// The decision date (YYYY-MM-DD; default: today): the law in force on it decides the fields.
    #[arg(long, value_name = "DATE")]
    pub decision_date: Option<String>,
    /// Write to this file instead of standard output (never replacing one without --force).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The syntax (default: from the --output name, else TOML).
    #[arg(long, value_enum)]
    pub syntax: Option<NewSyntax>,
    /// Replace an existing --output file.
    #[arg(long)]
    pub force: bool,
    /// Where the rules come from.
    #[command(flatten)]
    pub packs: PackArgs,
}
