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

mod cli;

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "A static-site generator for a career portfolio",
    after_help = "Example:\n  folio init my-career && cd my-career && folio check && folio build"
)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more: what was checked, every file created.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
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
    /// Check the whole site without writing anything: front matter, links
    /// on both rendered sites, text encoding.
    #[command(
        after_help = "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 could not run.\n\nExamples:\n  folio check\n  folio check --root ~/career --format json\n  folio check --fix --external"
    )]
    Check(cli::check::CheckArgs),
    /// Create a ready site: settings, home page, an article, a roadmap, an
    /// achievement log, a CV, .gitignore and a GitHub Pages workflow.
    #[command(after_help = "Example:\n  folio init my-career")]
    Init(cli::scaffold::InitArgs),
    /// Start a new article, achievement or roadmap, dated today.
    #[command(
        after_help = "Examples:\n  folio new article \"What I learned shipping RAG\"\n  folio new achievement \"Spoke at QCon\" --date 2026-03-14"
    )]
    New(cli::scaffold::NewArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  folio completions bash > ~/.local/share/bash-completion/completions/folio\n  folio completions zsh > ~/.zfunc/_folio\n  folio completions fish > ~/.config/fish/completions/folio.fish"
    )]
    Completions(cli::CompletionsArgs),
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
    let v = cli::Verbosity {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let done = |r: Result<(), Error>| r.map(|()| ExitCode::SUCCESS);
    let result = match cli.command {
        Command::Build(args) => done(build(&args, v, &style)),
        Command::Check(args) => cli::check::run(&args, v),
        Command::Init(args) => done(cli::scaffold::init(&args, v)),
        Command::New(args) => done(cli::scaffold::new(&args, v)),
        Command::Completions(args) => done(cli::completions(&args)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            report_error(&e, &style);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn build(args: &BuildArgs, v: cli::Verbosity, style: &Style) -> Result<(), Error> {
    let overrides = Overrides {
        base_url: args.base_url.clone(),
        output_dir: args.out.clone(),
        private_output_dir: args.private_out.clone(),
        drafts: args.drafts,
    };
    let config = Config::load(&args.root, &overrides)?;
    let written = [config.output_dir.clone(), config.private_output_dir.clone()];
    let report = folio::build::build(config)?;
    if !v.quiet {
        for w in &report.warnings {
            eprintln!("{}", style.diagnostic(w));
        }
        println!(
            "built {} public and {} private pages in {} ms",
            report.public_pages,
            report.private_pages,
            report.elapsed.as_millis()
        );
        if v.verbose {
            println!("public site: {}", written[0].display());
            println!("private site: {}", written[1].display());
        }
    }
    Ok(())
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

    /// Colours for what is printed to stdout (`folio check`'s findings).
    fn for_stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    fn paint(&self, text: &str, severity: Severity) -> String {
        if !self.color {
            return text.to_string();
        }
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Note => "1;36",
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
            Severity::Note => ": note: ",
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
