//! The `folio` command line: parse arguments, run the library, print
//! diagnostics (coloured on a terminal, never with `NO_COLOR`) and map
//! outcomes to exit codes: 0 ok, 1 content errors, 2 usage or internal failure.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use folio::config::{Config, Overrides};
use folio::date::Date;
use folio::diagnostic::{Diagnostic, Severity};
use folio::error::Error;

mod cli;

/// mimalloc instead of glibc's malloc: a build allocates and frees many
/// small strings from both worker threads at once, and at 10,000 pages
/// glibc's allocator spent a fifth of the build's time in its own
/// bookkeeping (`benches/peers.rs`, CHANGELOG).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc commits memory to its arena as it is used rather than all at
/// once when the arena is reserved: a build's peak resident memory falls by
/// about a third at 1,000 pages and an eighth at 10,000, for no measurable
/// time at 1,000 pages and up to 4 % at 10,000 (README, Performance). The
/// arena is reserved by the first allocation, before `main`, so the option
/// is set from a constructor, as a default the environment
/// (`MIMALLOC_ARENA_EAGER_COMMIT`) still overrides.
#[cfg(all(target_os = "linux", feature = "mimalloc"))]
#[used]
#[unsafe(link_section = ".init_array")]
static ARENA_COMMIT_ON_DEMAND: extern "C" fn() = {
    /// `mi_option_arena_eager_commit`: its index in `mi_option_t`, the same
    /// in mimalloc 2 and 3 (`libmimalloc-sys` names no constant for it).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    extern "C" fn set() {
        // SAFETY: stores a value in mimalloc's table of options; nothing
        // else runs yet.
        unsafe { libmimalloc_sys::mi_option_set_default(ARENA_EAGER_COMMIT, 0) };
    }
    set
};

use cli::SiteArgs;
use cli::print::{errln, out, outln};

/// The heading of `-q` and `-v` in every command's help.
const GLOBAL: &str = "Global options";

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "A static-site generator for a career portfolio",
    after_help = "Run in a site's folder, or any folder inside it, or pass --root DIR.\nEach command's --help has its options and examples.\n\nExamples:\n  folio init my-career && cd my-career\n  folio new article \"My first post\"\n  folio serve --drafts\n  folio build"
)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    quiet: bool,
    /// Print more: what was checked, every file created.
    #[arg(short, long, global = true, conflicts_with = "quiet", help_heading = GLOBAL)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the public and the private site.
    #[command(
        after_help = "Examples:\n  folio build\n  folio build --drafts --out /tmp/preview\n  folio build --root ~/career --base-url https://me.example.org/"
    )]
    Build(BuildArgs),
    /// Serve both sites locally, rebuilding and reloading the browser on every edit.
    #[command(
        after_help = "The public site is at /, the private site under /_private/. Nothing is written to public/ or private/. Stop it with Ctrl+C.\n\nExamples:\n  folio serve\n  folio serve --drafts --open\n  folio serve --root ~/career --port 8080"
    )]
    Serve(ServeArgs),
    /// Rebuild into the output folders on every edit, without a server.
    #[command(
        after_help = "Stop it with Ctrl+C.\n\nExamples:\n  folio watch\n  folio watch --root ~/career --drafts"
    )]
    Watch(WatchArgs),
    /// Export the CV's facts for other tools.
    #[command(
        subcommand,
        after_help = "Examples:\n  folio export json-resume -o resume.json\n  folio export linkedin"
    )]
    Export(ExportCommand),
    /// Check the whole site (front matter, links, encoding), writing nothing.
    #[command(
        after_help = "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 could not run.\n\nExamples:\n  folio check\n  folio check --root ~/career --format json\n  folio check --fix --external"
    )]
    Check(cli::check::CheckArgs),
    /// Create a ready site to make your own.
    #[command(
        after_help = "It holds settings, a home page, an article, a roadmap, an achievement log, a CV, .gitignore and a GitHub Pages workflow.\n\nExamples:\n  folio init my-career\n  folio init --date 2026-03-14"
    )]
    Init(cli::scaffold::InitArgs),
    /// Start a new article, achievement or roadmap, dated today.
    #[command(
        after_help = "Kinds:\n  article      content/articles/<slug>.md, a draft until you remove `draft: true`\n  achievement  content/achievements/<date>-<slug>.md, one entry of the log\n  roadmap      content/roadmaps/<slug>.md, private\n\nThe slug is the title in ASCII: \"Café Über\" gives cafe-uber.\n\nExamples:\n  folio new article \"What I learned shipping RAG\"\n  folio new achievement \"Spoke at QCon\" --date 2026-03-14"
    )]
    New(cli::scaffold::NewArgs),
    /// Turn a roadmap's plain bullets into `- [ ]` tasks, so the dashboard tracks them.
    #[command(
        after_help = "Only list items without a checkbox change (`- item` becomes `- [ ] item`); every other byte of the file stays as it was. Without --section, the whole roadmap.\n\nExamples:\n  folio tasks growth-plan --section \"Year 1\" --dry-run\n  folio tasks content/roadmaps/growth-plan.md --section \"Year 1\""
    )]
    Tasks(cli::tasks::TasksArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  folio completions bash > ~/.local/share/bash-completion/completions/folio\n  folio completions zsh > ~/.zfunc/_folio\n  folio completions fish > ~/.config/fish/completions/folio.fish"
    )]
    Completions(cli::CompletionsArgs),
}

#[derive(Subcommand)]
enum ExportCommand {
    /// The CV as JSON Resume, with the public achievements merged in as highlights.
    #[command(
        after_help = "Examples:\n  folio export json-resume -o resume.json\n  folio export json-resume --variant leadership"
    )]
    JsonResume(JsonResumeArgs),
    /// LinkedIn-ready text (headline, About, positions) with character counts.
    #[command(
        after_help = "Examples:\n  folio export linkedin > linkedin.txt\n  folio export linkedin --variant leadership"
    )]
    Linkedin(LinkedinArgs),
}

#[derive(Args)]
struct LinkedinArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The CV variant `[cv.variants.NAME]` of site.toml instead of the whole CV.
    #[arg(long, value_name = "NAME")]
    variant: Option<String>,
}

#[derive(Args)]
struct JsonResumeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The CV variant `[cv.variants.NAME]` of site.toml instead of the whole CV.
    #[arg(long, value_name = "NAME")]
    variant: Option<String>,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Address to listen on; anything but loopback exposes your private site.
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = folio::serve::DEFAULT_PORT)]
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
    #[command(flatten)]
    site: SiteArgs,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Public output folder, relative to the site [default: output_dir in
    /// site.toml, else public/]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Private output folder, relative to the site [default:
    /// private_output_dir in site.toml, else private/]
    #[arg(long, value_name = "DIR")]
    private_out: Option<PathBuf>,
    /// When another folio is writing this site, skip the write (reported as
    /// a failed rebuild; the next edit tries again) instead of waiting.
    #[arg(long)]
    no_wait: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Override `base_url` from site.toml.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Public output folder, relative to the site [default: output_dir in
    /// site.toml, else public/]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Private output folder, relative to the site [default:
    /// private_output_dir in site.toml, else private/]
    #[arg(long, value_name = "DIR")]
    private_out: Option<PathBuf>,
    /// The date overdue objectives are judged on [default: SOURCE_DATE_EPOCH,
    /// else today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = Date::parse)]
    today: Option<Date>,
    /// Neither read nor write the build cache (.folio-cache/ in the site).
    #[arg(long)]
    no_cache: bool,
    /// When another folio is writing this site, fail (exit 2) instead of waiting.
    #[arg(long)]
    no_wait: bool,
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
        Command::Serve(args) => done(serve(args, cli.quiet)),
        Command::Watch(args) => done(watch(args, cli.quiet)),
        Command::Export(cmd) => done(export(&cmd, cli.quiet, &style)),
        Command::Check(args) => cli::check::run(&args, v),
        Command::Init(args) => done(cli::scaffold::init(&args, v)),
        Command::New(args) => done(cli::scaffold::new(&args, v)),
        Command::Tasks(args) => done(cli::tasks::run(&args, v)),
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
        today: args.today,
    };
    let config = Config::load(&args.site.root(), &overrides)?;
    let _lock = lock_site(&config.root, "folio build", args.no_wait)?;
    let written = [config.output_dir.clone(), config.private_output_dir.clone()];
    let report = folio::build::build(config, !args.no_cache)?;
    if !v.quiet {
        for w in &report.warnings {
            errln!("{}", style.diagnostic(w));
        }
        outln!(
            "built {} public and {} private pages{} in {} ms{}{}",
            report.public_pages,
            report.private_pages,
            if report.private_encrypted {
                " (encrypted)"
            } else {
                ""
            },
            report.elapsed.as_millis(),
            if report.unchanged {
                " (nothing changed since the last build)"
            } else {
                ""
            },
            folio::build::drafts_note(report.drafts)
        );
        if v.verbose {
            outln!("public site: {}", written[0].display());
            outln!("private site: {}", written[1].display());
        }
    }
    Ok(())
}

/// Takes the site's lock for `what`, saying so when it has to wait.
fn lock_site(
    root: &std::path::Path,
    what: &str,
    no_wait: bool,
) -> Result<folio::site_lock::SiteLock, Error> {
    use folio::site_lock::{SiteLock, Wait};
    let wait = if no_wait { Wait::No } else { Wait::Yes };
    SiteLock::acquire(root, what, wait, &|line| eprintln!("{line}"))
}

fn serve(args: ServeArgs, quiet: bool) -> Result<(), Error> {
    let options = folio::serve::Options {
        root: args.site.root(),
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
    let wait = if args.no_wait {
        folio::site_lock::Wait::No
    } else {
        folio::site_lock::Wait::Yes
    };
    folio::watch::run(args.site.root(), overrides, wait, &|line: &str| {
        log_line(line, quiet)
    })
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

fn export(cmd: &ExportCommand, quiet: bool, style: &Style) -> Result<(), Error> {
    let (result, output) = match cmd {
        ExportCommand::JsonResume(a) => (
            folio::export::json_resume(&a.site.root(), a.variant.as_deref()),
            a.output.as_ref(),
        ),
        ExportCommand::Linkedin(a) => (
            folio::export::linkedin(&a.site.root(), a.variant.as_deref()),
            None,
        ),
    };
    let export = result?;
    if !quiet {
        for w in &export.warnings {
            errln!("{}", style.diagnostic(w));
        }
    }
    match output {
        Some(path) => std::fs::write(path, &export.text).map_err(|e| Error::io("writing", path, e)),
        None => {
            out!("{}", export.text);
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
                errln!("{}\n", style.diagnostic(d));
            }
            errln!(
                "{}: {e}; nothing was written",
                style.paint("error", Severity::Error)
            );
        }
        other => errln!("{}: {other}", style.paint("error", Severity::Error)),
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
            (": note: ", Severity::Note),
        ] {
            if text.contains(label) {
                let name = label.trim_matches([':', ' ']);
                return text.replacen(label, &format!(": {}: ", self.paint(name, severity)), 1);
            }
        }
        text.to_string()
    }
}
