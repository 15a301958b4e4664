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
    /// Serve both sites locally, rebuilding and reloading the browser on every edit.
    #[command(
        after_help = "Example:\n  folio serve --root ~/career --open\n\nThe public site is at /, the private site under /_private/. Nothing is written to public/ or private/."
    )]
    Serve(ServeArgs),
    /// Rebuild into the output folders on every edit, without a server.
    #[command(after_help = "Example:\n  folio watch --root ~/career")]
    Watch(WatchArgs),
}

#[derive(Args)]
struct ServeArgs {
    /// The site's folder (holding site.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Address to listen on; anything but loopback exposes your private site.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct WatchArgs {
    /// The site's folder (holding site.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Public output folder (default: public/ in the site).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Private output folder (default: private/ in the site).
    #[arg(long, value_name = "DIR")]
    private_out: Option<PathBuf>,
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
        Command::Serve(args) => serve(args, cli.quiet),
        Command::Watch(args) => watch(args, cli.quiet),
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
            "built {} public and {} private pages{} in {} ms",
            report.public_pages,
            report.private_pages,
            if report.private_encrypted {
                " (encrypted)"
            } else {
                ""
            },
            report.elapsed.as_millis()
        );
    }
    Ok(())
}

fn serve(args: ServeArgs, quiet: bool) -> Result<(), Error> {
    let options = folio::serve::Options {
        root: args.root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
    };
    folio::serve::run(
        options,
        std::sync::Arc::new(move |line: &str| log_line(line, quiet)),
    )
}

fn watch(args: WatchArgs, quiet: bool) -> Result<(), Error> {
    let overrides = Overrides {
        output_dir: args.out,
        private_output_dir: args.private_out,
        drafts: args.drafts,
        ..Overrides::default()
    };
    folio::watch::run(args.root, overrides, &|line: &str| log_line(line, quiet))
}

/// Prints a line of the rebuild loop: diagnostics and warnings to stderr,
/// progress to stdout (unless quiet). Lines are flushed at once.
fn log_line(line: &str, quiet: bool) {
    use std::io::Write;
    let is_problem = line.contains(": error: ")
        || line.contains(": warning: ")
        || line.starts_with("build failed")
        || line.starts_with("warning:");
    if is_problem {
        let style = Style::detect();
        let _ = writeln!(std::io::stderr(), "{}", style.colorize(line));
    } else if !quiet {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
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
        self.colorize(&d.to_string())
    }

    /// Colours the first `error:`/`warning:` label of a rendered diagnostic.
    fn colorize(&self, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        for (label, severity) in [
            (": error: ", Severity::Error),
            (": warning: ", Severity::Warning),
        ] {
            if text.contains(label) {
                let name = label.trim_matches([':', ' ']);
                return text.replacen(label, &format!(": {}: ", self.paint(name, severity)), 1);
            }
        }
        text.to_string()
    }
}
