//! The HTML pages in a real browser: headless Chromium opens `report --format html` and `check
//! --format html` over the shipped examples, with a harness that records console errors, works
//! the findings table's filters and sorting, runs axe-core (WCAG 2.0-2.2 A and AA rules) and
//! lists every resource the page fetched; the results are read back from the dumped DOM.
//! Screenshots are kept in `target/browser-test/` (and copied to `docs/img/` with
//! `PSRLINT_UPDATE_SCREENSHOT=1`).
//!
//! Needs `chromium` and the npm package `axe-core` (`.ci/run` installs both). Without them the test
//! says `SKIPPED:` loudly, except under CI (`CI` set), where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn work_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let dir = target.join("browser-test");
    std::fs::create_dir_all(&dir).expect("a directory for the browser test");
    dir
}

/// Skips (loudly) outside CI, fails in CI.
fn unavailable(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what}: the browser test must run in CI (.ci/run installs it)");
    }
    eprintln!("SKIPPED: browser test of the HTML report: {what}");
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let out = Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()?;
            let path = String::from_utf8(out.stdout).ok()?;
            (out.status.success() && !path.trim().is_empty()).then(|| PathBuf::from(path.trim()))
        })
}

fn axe(dir: &Path) -> Option<String> {
    if let Some(p) = std::env::var_os("AXE_CORE_JS") {
        return std::fs::read_to_string(p).ok();
    }
    let file = dir.join("npm/node_modules/axe-core/axe.min.js");
    if !file.exists() {
        let _ = Command::new("npm")
            .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
            .arg(dir.join("npm"))
            .arg("axe-core")
            .status();
    }
    std::fs::read_to_string(file).ok()
}

const HARNESS_HEAD: &str = r#"<script>
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); });
["error", "warn"].forEach(function (level) {
  var original = console[level];
  console[level] = function () { window.__errors.push(level + ": " + Array.prototype.join.call(arguments, " ")); original.apply(console, arguments); };
});
</script>"#;

const HARNESS_TEST: &str = r##"<script>
(async function () {
  var out = {};
  try {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tbody tr"));
    var visible = function () { return rows.filter(function (r) { return !r.hidden; }); };
    out.total = rows.length;
    var select = document.getElementById("filter-code");
    out.code = select.options[1].value;
    select.value = out.code;
    select.dispatchEvent(new Event("change"));
    out.visible = visible().length;
    out.all_match = visible().every(function (r) { return r.dataset.code === out.code; });
    out.status = document.getElementById("findings-shown").textContent;
    select.value = "";
    select.dispatchEvent(new Event("change"));
    out.after_reset = visible().length;
    var severity = document.getElementById("filter-severity");
    severity.value = severity.options[1].value;
    severity.dispatchEvent(new Event("change"));
    out.severity_all_match = visible().every(function (r) { return r.dataset.severity === severity.value; });
    severity.value = "";
    severity.dispatchEvent(new Event("change"));
    var text = document.getElementById("filter-text");
    text.value = "no finding says this";
    text.dispatchEvent(new Event("input"));
    out.none_visible = visible().length;
    text.value = "";
    text.dispatchEvent(new Event("input"));
    var th = document.querySelector("#findings thead th:nth-child(2)");
    th.querySelector("button").click();
    out.sort = th.getAttribute("aria-sort");
    var codes = Array.prototype.map.call(document.querySelectorAll("#findings tbody tr"), function (r) { return r.dataset.code; });
    out.sorted = codes.every(function (c, i) { return i === 0 || codes[i - 1].localeCompare(c, undefined, { numeric: true }) <= 0; });
    var result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    out.violations = result.violations.map(function (v) {
      return { id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); }) };
    });
    out.passes = result.passes.length;
    out.resources = performance.getEntriesByType("resource").map(function (e) { return e.name; });
  } catch (e) {
    out.exception = String(e && e.stack || e);
  }
  out.errors = window.__errors;
  var pre = document.createElement("pre");
  pre.id = "test-results";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}());
</script>"##;

fn chromium_args(browser: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--hide-scrollbars",
    ]);
    c
}

/// Runs the harness over `page` and checks what it found; keeps a screenshot as `shot`.
fn check_page(browser: &Path, axe_js: &str, dir: &Path, page: &Path, shot: &str) {
    let html = std::fs::read_to_string(page).expect("the page");
    let harness = html
        .replacen("</head>", &format!("{HARNESS_HEAD}</head>"), 1)
        .replacen(
            "</body>",
            &format!("<script>{axe_js}</script>{HARNESS_TEST}</body>"),
            1,
        );
    let harness_path = dir.join(format!("{shot}-harness.html"));
    std::fs::write(&harness_path, harness).expect("the harness");
    let out = chromium_args(browser)
        .arg("--virtual-time-budget=60000")
        .arg("--dump-dom")
        .arg(format!("file://{}", harness_path.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom.find("<pre id=\"test-results\">").unwrap_or_else(|| {
        panic!(
            "no results in the DOM; stderr:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let rest = &dom[start + "<pre id=\"test-results\">".len()..];
    let json = rest[..rest.find("</pre>").expect("end of results")]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let r: serde_json::Value = serde_json::from_str(&json).expect("results are JSON");
    eprintln!("{shot}: {r}");
    assert!(r.get("exception").is_none(), "{shot}: {r}");
    assert_eq!(r["errors"], serde_json::json!([]), "{shot}: console errors");
    assert_eq!(
        r["resources"],
        serde_json::json!([]),
        "{shot}: the page fetched something"
    );
    let total = r["total"].as_u64().expect("rows");
    let visible = r["visible"].as_u64().expect("visible");
    assert!(
        total > 1 && visible >= 1 && visible < total,
        "{shot}: the code filter: {r}"
    );
    assert_eq!(r["all_match"], true, "{shot}");
    assert_eq!(r["severity_all_match"], true, "{shot}");
    assert_eq!(r["after_reset"].as_u64(), Some(total), "{shot}");
    assert_eq!(r["none_visible"], 0, "{shot}");
    assert_eq!(
        r["status"],
        format!("Showing {visible} of {total} findings.")
    );
    assert_eq!(r["sort"], "ascending");
    assert_eq!(r["sorted"], true);
    assert_eq!(
        r["violations"],
        serde_json::json!([]),
        "{shot}: accessibility violations"
    );
    assert!(
        r["passes"].as_u64().unwrap_or(0) > 10,
        "axe ran its rules: {r}"
    );

    let png = dir.join(format!("{shot}.png"));
    let status = chromium_args(browser)
        .arg("--window-size=1280,1600")
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(png.exists(), "{}", String::from_utf8_lossy(&status.stderr));
    if std::env::var_os("PSRLINT_UPDATE_SCREENSHOT").is_some() {
        std::fs::copy(&png, root().join("docs/img").join(format!("{shot}.png")))
            .expect("copy the screenshot");
    }
}

#[test]
fn html_pages_render_filter_and_pass_axe_in_chromium() {
    let Some(browser) = chromium() else {
        return unavailable("chromium is not installed (apt-get install chromium)");
    };
    let dir = work_dir();
    let Some(axe_js) = axe(&dir) else {
        return unavailable("the npm package axe-core is not installed and npm could not fetch it");
    };
    let report = dir.join("report.html");
    let check = dir.join("check.html");
    let status = Command::new(env!("CARGO_BIN_EXE_psrlint"))
        .current_dir(root())
        .env("PSRLINT_TODAY", "2026-01-01")
        .args([
            "report",
            "--year",
            "2024-25",
            "examples/",
            "--format",
            "html",
            "-o",
        ])
        .arg(&report)
        .status()
        .expect("psrlint runs");
    assert!(status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_psrlint"))
        .current_dir(root())
        .env("PSRLINT_TODAY", "2026-01-01")
        .args(["check", "examples/", "--format", "html"])
        .output()
        .expect("psrlint runs");
    std::fs::write(&check, &out.stdout).expect("the check page");
    check_page(&browser, &axe_js, &dir, &report, "report");
    check_page(&browser, &axe_js, &dir, &check, "check");
}
