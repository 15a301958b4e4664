//! Every line the command line prints goes through here. A standard output
//! or error closed early (`folio build 2>&1 | head -c 10`) would make
//! `println!` panic (exit code 101); here a failed write ends folio with
//! exit code 2, "could not run", without a word, since there is nowhere
//! left to say it.

use std::fmt;
use std::io::Write;

/// Prints to standard output, like `print!`.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::print::to_stdout(format_args!($($arg)*)) };
}

/// Prints a line to standard output, like `println!`.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::print::to_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Prints a line to standard error, like `eprintln!`.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::print::to_stderr(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {errln, out, outln};

/// The exit code when folio cannot print what it has to say.
pub const CLOSED_OUTPUT: i32 = 2;

pub fn to_stdout(args: fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    write_or_exit(&mut out, args);
}

pub fn to_stderr(args: fmt::Arguments) {
    let mut err = std::io::stderr().lock();
    write_or_exit(&mut err, args);
}

/// Writes and flushes `args`, or ends the process with [`CLOSED_OUTPUT`].
fn write_or_exit(w: &mut impl Write, args: fmt::Arguments) {
    if w.write_fmt(args).and_then(|()| w.flush()).is_err() {
        std::process::exit(CLOSED_OUTPUT);
    }
}
