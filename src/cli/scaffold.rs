//! `folio init` and `folio new` on the command line.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use folio::date::Date;
use folio::error::Result;
use folio::scaffold::{self, NewKind};

use super::Verbosity;
use super::print::{errln, outln};

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create the site in (made if missing).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The date to put on the sample pages [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Date>,
}

#[derive(Args)]
pub struct NewArgs {
    /// What to create (see Kinds below)
    #[arg(value_enum)]
    kind: Kind,
    /// Its title; the file name is made from it.
    title: String,
    #[command(flatten)]
    site: super::SiteArgs,
    /// The date to put in the front matter [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Date>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    // Described in `folio new --help` ("Kinds:"): doc comments here would
    // switch the help to its long layout, unlike every other command's.
    Article,
    Achievement,
    Roadmap,
}

fn parse_date(text: &str) -> std::result::Result<Date, String> {
    Date::parse(text)
}

pub fn init(args: &InitArgs, v: Verbosity) -> Result<()> {
    let today = args.date.unwrap_or_else(scaffold::today);
    let written = scaffold::init(&args.dir, today)?;
    if v.quiet {
        return Ok(());
    }
    if v.verbose {
        for rel in &written {
            outln!("created {}", args.dir.join(rel).display());
        }
    }
    let dir = args.dir.display();
    outln!(
        "created a new folio site in {dir} ({} files)",
        written.len()
    );
    let cd = if args.dir == std::path::Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", shell_word(&dir.to_string()))
    };
    let public = format!("http://127.0.0.1:{}/", folio::serve::DEFAULT_PORT);
    let private = format!(
        "http://127.0.0.1:{}{}",
        folio::serve::DEFAULT_PORT,
        folio::serve::PRIVATE_PREFIX
    );
    outln!("next: {cd}folio serve");
    outln!("  then open {public} for the public site and {private} for the private one");
    outln!("  (roadmaps, achievements, the whole CV); edit site.toml to make it yours");
    Ok(())
}

/// `text` as one word for a POSIX shell: quoted unless it is plainly safe.
fn shell_word(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./+@%:,".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

pub fn new(args: &NewArgs, v: Verbosity) -> Result<()> {
    let kind = match args.kind {
        Kind::Article => NewKind::Article,
        Kind::Achievement => NewKind::Achievement,
        Kind::Roadmap => NewKind::Roadmap,
    };
    let date = args.date.unwrap_or_else(scaffold::today);
    let path = scaffold::new_page(&args.site.root(), kind, &args.title, date)?;
    let shown = path.strip_prefix(".").unwrap_or(&path);
    // The path is the command's result: printed even with -q, for scripts.
    outln!("{}", shown.display());
    if v.verbose {
        errln!("dated {date}; open it in your editor and write");
    }
    if kind == NewKind::Article && !v.quiet {
        // What every new user trips over: say it where they look.
        errln!(
            "note: this article is a draft (`draft: true` in its front matter): `folio build` and `folio serve` leave it out"
        );
        errln!("  preview it: folio serve --drafts");
        errln!("  publish it: delete the `draft: true` line");
    }
    Ok(())
}
