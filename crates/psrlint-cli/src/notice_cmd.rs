//! `psrlint notice`: checks one arrangement file, then drafts the notice it calls for with the
//! packs' notice templates (`psr-notice`). Exit status 0 when every item is written from the
//! record, 1 when the draft has gaps (or the file cannot be read as an arrangement), 2 when
//! psrlint cannot do its job (a bad option, pack or template, or a notice the record does not
//! call for).

use crate::args::{NoticeArgs, NoticeFormat, NoticeType};
use crate::config::Settings;
use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_engine::{CheckOptions, Engine, Severity, SourceFile};
use psr_notice::{Choice, FindingCount, Format, NoticeSet};
use std::process::ExitCode;
use std::sync::Arc;

/// Runs `notice`.
pub fn run(args: NoticeArgs) -> Result<ExitCode, CliError> {
    let settings = Settings::load(args.packs.config.as_deref())?;
    if !args.file.is_file() {
        return Err(CfgError::MissingPath {
            path: args.file.display().to_string(),
        }
        .into());
    }
    let compiled = crate::packs::load_for(&args.packs, &settings)?;
    crate::render_lang_warnings(&compiled.warnings);
    let files = crate::packs::notice_files(&args.packs, &settings)?;
    let set = NoticeSet::load(&files, &compiled.program)?;
    let engine = Engine::new(Arc::new(compiled.program));
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|e| CfgError::Io {
        context: format!("cannot read `{shown}`"),
        source: e,
    })?;
    let mut options = CheckOptions::new(crate::today());
    if let Some(m) = settings.max_file_size {
        options.max_file_size = m;
    }
    let choice = match args.notice_type {
        Some(t) => Choice::Type(type_name(t).to_string()),
        None => Choice::Next,
    };
    let mut drafted = None;
    let report = engine.check_reading(
        &SourceFile {
            path: shown.clone(),
            bytes,
        },
        &options,
        &mut |reading| drafted = Some(psr_notice::draft(&set, reading, &choice, &shown)),
    );
    let Some(drafted) = drafted else {
        for f in &report.findings {
            eprintln!("{shown}: {} {}: {}", f.code, f.severity.as_str(), f.message);
        }
        let e = psr_notice::NoticeError::NotValid {
            path: shown,
            count: report.findings.len(),
        };
        crate::report_error(CliError::Notice(e));
        return Ok(ExitCode::from(1));
    };
    let mut draft = drafted?;
    let live: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.waived.is_none())
        .collect();
    let codes: Vec<String> = live.iter().map(|f| f.code.clone()).collect();
    draft.note_check(
        &codes,
        FindingCount {
            errors: live
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count(),
            warnings: live
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count(),
        },
    );
    let format = match args.format {
        NoticeFormat::Markdown => Format::Markdown,
        NoticeFormat::Text => Format::Text,
        NoticeFormat::Json => Format::Json,
    };
    let text = psr_notice::render(&draft, format);
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| CfgError::Io {
            context: format!("cannot write `{}`", path.display()),
            source: e,
        })?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| CfgError::Io {
                    context: "cannot write the draft".into(),
                    source: e,
                })?;
        }
    }
    let gaps = draft.gaps().count();
    if gaps > 0 {
        eprintln!(
            "the draft is incomplete: {gaps} fact(s) it needs are not in the record (listed under \"Gaps\")"
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The `notices[].type` value of a `--type`.
fn type_name(t: NoticeType) -> &'static str {
    match t {
        NoticeType::MspIntention => "msp-intention",
        NoticeType::ContractNotice => "contract-notice",
        NoticeType::IntentionToAward => "intention-to-award",
        NoticeType::ContractAward => "contract-award",
        NoticeType::UrgentAward => "urgent-award",
        NoticeType::Modification => "modification",
        NoticeType::UrgentModification => "urgent-modification",
        NoticeType::Abandonment => "abandonment",
    }
}
