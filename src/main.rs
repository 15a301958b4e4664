//! The `folio` command line: parse arguments, run the library, print
//! diagnostics (coloured on a terminal, never with `NO_COLOR`) and map
//! outcomes to exit codes: 0 ok, 1 content errors, 2 usage or internal failure.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use folio::config::{Config, Overrides};
use folio::diagnostic::{Diagnostic, Severity};
use folio::error::Error;

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "A static-site generator for a career portfolio"
)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the public and the private site.
    #[command(
        after_help = "Example:\n  folio build --root ~/career --base-url https://me.example.org/"
    )]
    Build(BuildArgs),
    /// Export the CV's facts for other tools.
    #[command(subcommand)]
    Export(ExportCommand),
}

#[derive(Subcommand)]
enum ExportCommand {
    /// The CV as JSON Resume, with the public achievements merged in as highlights.
    #[command(after_help = "Example:\n  folio export json-resume -o resume.json")]
    JsonResume(JsonResumeArgs),
    /// LinkedIn-ready text (headline, About, positions) with character counts.
    Linkedin(SiteArgs),
}

#[derive(Args)]
struct SiteArgs {
    /// The site's folder (holding site.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Args)]
struct JsonResumeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    /// The site's folder (holding site.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Override `base_url` from site.toml.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Public output folder (default: public/ in the site).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Private output folder (default: private/ in the site).
    #[arg(long, value_name = "DIR")]
    private_out: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = Style::detect();
    let result = match cli.command {
        Command::Build(args) => build(&args, cli.quiet, &style),
        Command::Export(cmd) => export(&cmd, cli.quiet, &style),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report_error(&e, &style);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn build(args: &BuildArgs, quiet: bool, style: &Style) -> Result<(), Error> {
    let overrides = Overrides {
        base_url: args.base_url.clone(),
        output_dir: args.out.clone(),
        private_output_dir: args.private_out.clone(),
        drafts: args.drafts,
    };
    let config = Config::load(&args.root, &overrides)?;
    let report = folio::build::build(config)?;
    if !quiet {
        for w in &report.warnings {
            eprintln!("{}", style.diagnostic(w));
        }
        println!(
            "built {} public and {} private pages in {} ms",
            report.public_pages,
            report.private_pages,
            report.elapsed.as_millis()
        );
    }
    Ok(())
}

fn export(cmd: &ExportCommand, quiet: bool, style: &Style) -> Result<(), Error> {
    let (result, output) = match cmd {
        ExportCommand::JsonResume(a) => {
            (folio::export::json_resume(&a.site.root), a.output.as_ref())
        }
        ExportCommand::Linkedin(a) => (folio::export::linkedin(&a.root), None),
    };
    let export = result?;
    if !quiet {
        for w in &export.warnings {
            eprintln!("{}", style.diagnostic(w));
        }
    }
    match output {
        Some(path) => std::fs::write(path, &export.text).map_err(|e| Error::io("writing", path, e)),
        None => {
            print!("{}", export.text);
            Ok(())
        }
    }
}

fn report_error(e: &Error, style: &Style) {
    match e {
        Error::Content(diags) => {
            let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
            sorted.sort_by(|a, b| {
                b.severity
                    .cmp(&a.severity)
                    .then_with(|| a.path.cmp(&b.path))
                    .then_with(|| (a.line, a.col).cmp(&(b.line, b.col)))
            });
            for d in sorted {
                eprintln!("{}\n", style.diagnostic(d));
            }
            eprintln!(
                "{}: {e}; nothing was written",
                style.paint("error", Severity::Error)
            );
        }
        other => eprintln!("{}: {other}", style.paint("error", Severity::Error)),
    }
}

/// Terminal colours, on only for a terminal without `NO_COLOR`.
struct Style {
    color: bool,
}

impl Style {
    fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stderr().is_terminal(),
        }
    }

    fn paint(&self, text: &str, severity: Severity) -> String {
        if !self.color {
            return text.to_string();
        }
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    fn diagnostic(&self, d: &Diagnostic) -> String {
        let plain = d.to_string();
        if !self.color {
            return plain;
        }
        let label = match d.severity {
            Severity::Error => ": error: ",
            Severity::Warning => ": warning: ",
        };
        plain.replacen(
            label,
            &format!(
                ": {}: ",
                self.paint(label.trim_matches([':', ' ']), d.severity)
            ),
            1,
        )
    }
}
