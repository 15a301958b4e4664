//! `folio tasks` on the command line: which roadmap and section, the dry
//! run's diff on standard output, and a one-line summary. The edit itself
//! is [`folio::scaffold::tasks`].

use clap::Args;

use folio::error::Result;
use folio::scaffold::{diff, tasks};

use super::print::{errln, out};
use super::{SiteArgs, Verbosity};

#[derive(Args)]
pub struct TasksArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The roadmap: a path, or a file name in content/roadmaps/ (`.md`
    /// may be left out)
    roadmap: String,
    /// Only this section and its subsections: its heading's text (any
    /// case), or a part of it found in one heading only
    #[arg(long, value_name = "NAME")]
    section: Option<String>,
    /// Print the change as a unified diff; write nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: &TasksArgs, v: Verbosity) -> Result<()> {
    let root = args.site.root();
    let path = tasks::locate(&root, &args.roadmap)?;
    let (old, converted) = tasks::apply(&path, args.section.as_deref(), args.dry_run)?;
    // Named from the site's root, as `git diff` names files.
    let shown = path
        .strip_prefix(&root)
        .or_else(|_| path.strip_prefix("."))
        .unwrap_or(&path)
        .display()
        .to_string();
    let n = converted.lines.len();
    let items = if n == 1 { "bullet" } else { "bullets" };
    if args.dry_run {
        out!(
            "{}",
            diff::unified(&shown, &old, &converted.text, &converted.lines)
        );
        if !v.quiet {
            errln!("{shown}: {n} plain {items} would become tasks (dry run: nothing written)");
        }
    } else if !v.quiet {
        if n == 0 {
            errln!("{shown}: no plain bullets to turn into tasks; nothing written");
        } else {
            errln!("{shown}: {n} plain {items} are now `- [ ]` tasks");
        }
    }
    Ok(())
}
