//! External links, only with `--external`: each URL once, fetched with a
//! short timeout from a few threads at a time, and listed as a note (it
//! answered), a warning (it may be fine: the server refused robots, rate
//! limited or timed out) or an error (it is gone: 404, 410, no such host).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Severity};

use crate::links::locate::Located;

/// How many requests run at once.
const PARALLEL: usize = 8;

/// What fetching one URL gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Status(u16),
    TimedOut,
    Failed(String),
}

/// Fetches every URL and lists it as a diagnostic at its first use.
pub fn check(links: &[(String, Located)], timeout: Duration) -> Vec<Diagnostic> {
    let outcomes = fetch_all(links.iter().map(|(u, _)| u.as_str()).collect(), timeout);
    links
        .iter()
        .zip(outcomes)
        .map(|((url, at), outcome)| at.apply(diagnostic(url, &outcome)))
        .collect()
}

fn diagnostic(url: &str, outcome: &Outcome) -> Diagnostic {
    let (severity, message) = match outcome {
        Outcome::Status(s @ 200..=399) => (Severity::Note, format!("external link `{url}`: {s}")),
        Outcome::Status(s @ (404 | 410)) => (
            Severity::Error,
            format!("external link `{url}` is gone: the server answered {s}"),
        ),
        Outcome::Status(s) => (
            Severity::Warning,
            format!("external link `{url}`: the server answered {s}"),
        ),
        Outcome::TimedOut => (
            Severity::Warning,
            format!("external link `{url}`: no answer in time"),
        ),
        Outcome::Failed(why) => (
            Severity::Error,
            format!("external link `{url}` could not be fetched: {why}"),
        ),
    };
    let d = Diagnostic::error("external-link", "", message);
    let d = Diagnostic { severity, ..d };
    match severity {
        Severity::Note => d,
        Severity::Warning => d.hint("open it in a browser: some sites refuse link checkers"),
        Severity::Error => {
            d.hint("update the address, link to an archived copy, or remove the link")
        }
    }
}

fn fetch_all(urls: Vec<&str>, timeout: Duration) -> Vec<Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!("folio-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let results: Vec<Mutex<Option<Outcome>>> = urls.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL.min(urls.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let outcome = fetch(&agent, url);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(outcome);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Outcome::Failed("not fetched".into()))
        })
        .collect()
}

fn fetch(agent: &ureq::Agent, url: &str) -> Outcome {
    match agent.get(url).call() {
        Ok(response) => Outcome::Status(response.status().as_u16()),
        Err(ureq::Error::Timeout(_)) => Outcome::TimedOut,
        Err(e) => Outcome::Failed(e.to_string()),
    }
}
