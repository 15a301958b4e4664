//! The accept loop: limits on what a slow or greedy client can hold. Each
//! connection must send its request head within a timeout (a socket that
//! sends half a request, or sits idle between requests, is closed), at most
//! [`Limits::connections`] connections are open at once (the next ones wait
//! to be accepted until one ends), and live-reload streams have their own,
//! smaller cap (see `events_handler`), so they can never take every slot.
//!
//! `axum::serve` offers none of these knobs, so connections are served with
//! hyper's HTTP/1 server directly.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How long a client may take to send a request head.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Open connections at once.
pub const MAX_CONNECTIONS: usize = 256;
/// Open live-reload streams at once (one per open tab).
pub const MAX_LIVE_STREAMS: usize = 64;

/// The server's limits; [`Limits::from_env`] lets tests shorten the
/// header timeout (`FOLIO_SERVE_HEADER_TIMEOUT_MS`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub connections: usize,
    pub live_streams: usize,
}

impl Limits {
    pub fn from_env() -> Limits {
        let header_timeout = std::env::var("FOLIO_SERVE_HEADER_TIMEOUT_MS")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|&ms| ms > 0)
            .map_or(HEADER_TIMEOUT, Duration::from_millis);
        Limits {
            header_timeout,
            connections: MAX_CONNECTIONS,
            live_streams: MAX_LIVE_STREAMS,
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.connections));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // Over the cap, stop accepting: new clients wait in the kernel's
        // queue until a connection ends (at the latest, a silent one at the
        // header timeout).
        let slot = tokio::select! {
            () = &mut shutdown => return,
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => return,
            },
        };
        let stream = tokio::select! {
            () = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, as
                    // axum::serve does, rather than spin.
                    if !is_connection_error(&e) {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}
