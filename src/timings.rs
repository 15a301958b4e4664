//! Phase timings for profiling a build: with `FOLIO_TIMINGS=1` in the
//! environment, each phase of the pipeline prints its wall time to stderr,
//! and (on Linux) the process's resident memory when it ended.

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("FOLIO_TIMINGS").is_some_and(|v| v != "0"))
}

/// Runs `f`, printing how long it took when timings are on.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let value = f();
    // A closed stderr must not stop the build (`eprintln!` would panic).
    let _ = writeln!(
        std::io::stderr(),
        "folio timing: {name:<22} {:>8.1} ms {:>6} MB resident",
        start.elapsed().as_secs_f64() * 1000.0,
        resident_mb().map_or_else(|| "?".to_string(), |mb| mb.to_string())
    );
    value
}

/// Prints `line` when timings are on (what a phase did, not how long).
pub fn note(line: impl FnOnce() -> String) {
    if enabled() {
        let _ = writeln!(std::io::stderr(), "folio timing: {}", line());
    }
}

/// Resident memory in MB, from `/proc/self/statm` (pages of 4 KiB).
fn resident_mb() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / (1024 * 1024))
}
