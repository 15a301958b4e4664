//! The commands around writing — `check`, `init`, `new`, `tasks`, `completions` —
//! as the command line sees them: their arguments and how their results are
//! printed. The work itself is in the library (`folio::check`,
//! `folio::scaffold`); `main.rs` only dispatches here.

pub mod check;
pub mod print;
pub mod scaffold;
pub mod tasks;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use folio::error::{Error, Result};

/// `--root`, the same for every command that works on a site.
#[derive(Args)]
pub struct SiteArgs {
    /// The site's folder, holding site.toml [default: the nearest folder
    /// holding one, from the current folder up]
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

impl SiteArgs {
    /// The `--root` given, else the site found from the current folder up
    /// ([`folio::config::root::find`]).
    pub fn root(&self) -> PathBuf {
        match &self.root {
            Some(root) => root.clone(),
            None => std::env::current_dir()
                .map(|cwd| folio::config::root::find(&cwd))
                .unwrap_or_else(|_| PathBuf::from(".")),
        }
    }
}

/// How much to print, from the global `-q` / `-v`.
#[derive(Debug, Clone, Copy)]
pub struct Verbosity {
    pub quiet: bool,
    pub verbose: bool,
}

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

/// Prints the completion script for the shell.
pub fn completions(args: &CompletionsArgs) -> Result<()> {
    let mut cmd = crate::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "folio", &mut out);
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Error::io("writing", "standard output", e))
}
