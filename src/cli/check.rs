//! `folio check` on the command line: its options, the findings printed as
//! text (like a build's errors, to stdout) or as a JSON array, and the exit
//! code: 0 clean (warnings allowed), 1 errors found.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, ValueEnum};

use folio::check::{self, Options, Report};
use folio::diagnostic::Severity;
use folio::error::{Error, Result};

use super::Verbosity;
use super::print::{errln, outln};
use crate::Style;

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    site: super::SiteArgs,
    /// How to print the findings: text for people, json for editors and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Repair mojibake in place (only the garbled characters change).
    #[arg(long)]
    fix: bool,
    /// List external links and fetch each once.
    #[arg(long)]
    external: bool,
    /// Seconds to wait for each external link.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    timeout: u64,
    /// Check as if building with --drafts.
    #[arg(long)]
    drafts: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    // No doc comments here: they would switch `--help` to its long layout,
    // unlike every other command's. `--format`'s own help says what each is.
    Text,
    Json,
}

pub fn run(args: &CheckArgs, v: Verbosity) -> Result<ExitCode> {
    let options = Options {
        drafts: args.drafts,
        fix: args.fix,
        external: args.external,
        timeout: Duration::from_secs(args.timeout.max(1)),
    };
    let report = match check::run(&args.site.root(), &options) {
        Ok(r) => r,
        // site.toml itself has errors: those are the findings.
        Err(Error::Content(diagnostics)) => Report {
            diagnostics,
            ..Report::default()
        },
        Err(e) => return Err(e),
    };
    match args.format {
        Format::Json => print_json(&report, v)?,
        Format::Text => print_text(&report, v),
    }
    Ok(if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_json(report: &Report, v: Verbosity) -> Result<()> {
    if !v.quiet {
        for f in &report.fixed {
            errln!("{}", fixed_line(f));
        }
    }
    let json = serde_json::to_string_pretty(&report.diagnostics)
        .map_err(|e| Error::Usage(format!("could not write JSON: {e}")))?;
    outln!("{json}");
    Ok(())
}

fn print_text(report: &Report, v: Verbosity) {
    let style = Style::for_stdout();
    if !v.quiet {
        for f in &report.fixed {
            outln!("{}", fixed_line(f));
        }
    }
    let shown = report
        .diagnostics
        .iter()
        .filter(|d| !v.quiet || d.is_error());
    for d in shown {
        outln!("{}\n", style.diagnostic(d));
    }
    if v.quiet {
        return;
    }
    if v.verbose {
        outln!(
            "checked {} source files and {} pages ({} links, {} external)",
            report.files,
            report.pages,
            report.urls,
            report.external
        );
    }
    outln!("{}", summary(report, &style));
}

fn fixed_line(f: &check::Fixed) -> String {
    let s = if f.runs == 1 { "" } else { "s" };
    format!(
        "fixed {} run{s} of mojibake in {}",
        f.runs,
        f.path.display()
    )
}

fn summary(report: &Report, style: &Style) -> String {
    let (errors, warnings) = (report.errors(), report.warnings());
    if errors == 0 && warnings == 0 {
        return "no problems found".to_string();
    }
    let plural = folio::error::count;
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(style.paint(&plural(errors, "error"), Severity::Error));
    }
    if warnings > 0 {
        parts.push(style.paint(&plural(warnings, "warning"), Severity::Warning));
    }
    format!("found {}", parts.join(" and "))
}
