//! The template environment (minijinja): the HTML pages, autoescaped because their names end in
//! `.html` (every text from an arrangement file is escaped), and the Markdown report, escaped for
//! Markdown with the `md` filter.

use crate::error::ReportError;
use minijinja::{Environment, Value};

/// The environment with every template.
pub fn environment() -> Result<Environment<'static>, ReportError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, source) in [
        ("page.html", include_str!("../templates/page.html")),
        ("macros.html", include_str!("../templates/macros.html")),
        ("report.html", include_str!("../templates/report.html")),
        ("check.html", include_str!("../templates/check.html")),
        ("report.md", include_str!("../templates/report.md")),
    ] {
        env.add_template(name, source)
            .map_err(|e| ReportError::Render(format!("template {name}: {e:#}")))?;
    }
    env.add_global(
        "style",
        Value::from_safe_string(include_str!("../templates/style.css").into()),
    );
    env.add_global(
        "script",
        Value::from_safe_string(include_str!("../templates/table.js").into()),
    );
    env.add_filter("md", markdown_escape);
    Ok(env)
}

/// Renders template `name` with `context`.
pub fn render(name: &str, context: Value) -> Result<String, ReportError> {
    let env = environment()?;
    env.get_template(name)
        .and_then(|t| t.render(context))
        .map_err(|e| ReportError::Render(format!("{e:#}")))
}

/// Escapes text for a Markdown table cell or paragraph: the characters Markdown would read as
/// markup, and line breaks.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
