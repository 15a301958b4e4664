//! `folio serve`: a development server on loopback. It builds both sites in
//! memory (never touching `public/` or `private/`), serves the public site at
//! `/` and the private one under `/_private/`, rebuilds on every change and
//! tells open tabs to reload over Server-Sent Events.
//!
//! Requests are answered only from the in-memory outputs, so no request path
//! (`..`, `%2e%2e`, absolute paths, symlinks) can ever reach the disk; only
//! when they name this machine (`host`, against DNS rebinding); and within
//! limits a slow or greedy client cannot exceed (`conn`).

mod conn;
mod drafts;
pub(crate) mod host;
pub mod live;
pub(crate) mod paths;

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{Semaphore, broadcast};

use crate::config::Overrides;
use crate::error::{Error, Result};
use crate::output::Outputs;
use crate::rebuild::{self, Rebuilder};
use crate::watch::{Batch, SourceWatcher};
use host::AllowedHosts;
use paths::{Lookup, SiteKind, content_type, lookup};

/// Where the private site is mounted.
pub const PRIVATE_PREFIX: &str = "/_private/";
/// The port `folio serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
}

/// What the server answers from; swapped after each good rebuild.
#[derive(Default)]
struct Sites {
    public: Outputs,
    private: Outputs,
    /// The current build errors, shown as an overlay on every page.
    errors: Option<Vec<String>>,
    /// The last good build's warnings, shown in a panel on every page.
    warnings: Vec<String>,
    /// The drafts it left out, for the 404 at their addresses.
    drafts: drafts::Drafts,
    /// Counts the rebuilds that changed what a page shows: each page
    /// carries the count it was served with, and a live-reload stream
    /// starts with the current one, so a page that missed a reload (it
    /// happened before the page's stream was open) reloads.
    generation: u64,
}

#[derive(Clone, Debug)]
enum LiveEvent {
    Reload,
    Css,
    BuildError(String),
    BuildOk,
}

struct App {
    sites: RwLock<Sites>,
    events: broadcast::Sender<LiveEvent>,
    /// The `Host` and `Origin` values a request may carry.
    hosts: AllowedHosts,
    /// One permit per open live-reload stream.
    live_streams: Arc<Semaphore>,
    /// How many live-reload streams may be open, for the refusal message.
    max_live_streams: usize,
    /// The address to tell a refused client to use.
    base_url: String,
}

/// Prints a line for the user (the CLI decides nothing here).
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// Runs the server until interrupted.
pub fn run(options: Options, log: Log) -> Result<()> {
    let listener = bind(options.bind, options.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot read the server's address: {e}")))?;
    let base_url = base_url(addr);
    let overrides = Overrides {
        drafts: options.drafts,
        ..Overrides::default()
    };
    let private_url = format!("{}{}", base_url.trim_end_matches('/'), PRIVATE_PREFIX);
    let adjust_base = base_url.clone();
    let mut rebuilder = Rebuilder::new(
        options.root.clone(),
        overrides,
        Box::new(move |c| {
            c.base_url = adjust_base.clone();
            c.private_base_path = PRIVATE_PREFIX.to_string();
        }),
    );
    // The config must load for the server to know what to watch.
    let config = rebuilder.config()?;
    let (events, _) = broadcast::channel(64);
    let limits = conn::Limits::from_env();
    let app = Arc::new(App {
        sites: RwLock::new(Sites::default()),
        events,
        hosts: AllowedHosts::for_bind(addr.ip()),
        live_streams: Arc::new(Semaphore::new(limits.live_streams)),
        max_live_streams: limits.live_streams,
        base_url: base_url.clone(),
    });
    // Watch before the first build, so no edit made meanwhile is missed.
    let mut watcher = SourceWatcher::new(&config)?;
    rebuild_once(&app, &mut rebuilder, &Batch::default(), &log);
    log(&format!(
        "serving {base_url} (private site: {private_url}); press Ctrl+C to stop"
    ));
    if !addr.ip().is_loopback() {
        log(&format!(
            "warning: listening on {}, not only on this machine: anyone who can reach it can read your private site at {private_url}",
            addr.ip()
        ));
    }
    if options.open {
        open_browser(&base_url, &log);
    }

    let watch_app = Arc::clone(&app);
    let watch_log = Arc::clone(&log);
    std::thread::Builder::new()
        .name("folio-watch".into())
        .spawn(move || {
            loop {
                let batch = watcher.next_batch();
                rebuild_once(&watch_app, &mut rebuilder, &batch, &watch_log);
            }
        })
        .map_err(|e| Error::Usage(format!("cannot start the watcher thread: {e}")))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::Usage(format!("cannot use the listening socket: {e}")))?;
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::Usage(format!("cannot use the listening socket: {e}")))?;
        let router = Router::new()
            .route("/_folio/events", get(events_handler))
            .route("/_folio/live.js", get(live_js))
            .fallback(get(file_handler))
            .layer(middleware::from_fn_with_state(Arc::clone(&app), host_guard))
            .with_state(app);
        conn::serve(listener, router, limits, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
        Ok(())
    })
}

/// Refuses a request whose `Host` (or `Origin`, when sent) does not name
/// this server: see the `host` module.
async fn host_guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let host_ok = host.is_some_and(|h| app.hosts.allows_host(h));
    let origin_ok = headers
        .get(header::ORIGIN)
        .is_none_or(|o| o.to_str().is_ok_and(|o| app.hosts.allows_origin(o)));
    if host_ok && origin_ok {
        return next.run(request).await;
    }
    let (what, value) = if host_ok {
        ("origin", headers.get(header::ORIGIN))
    } else {
        ("host", headers.get(header::HOST))
    };
    let value = value.map_or_else(
        || "(none)".into(),
        |v| String::from_utf8_lossy(v.as_bytes()).into_owned(),
    );
    let message = format!(
        "folio serve: blocked a request for {what} {value:?}: this server answers only to localhost \
         and its own addresses, a guard against DNS rebinding (see `folio serve` in the README). \
         Open {} instead.\n",
        app.base_url
    );
    plain(StatusCode::FORBIDDEN, message)
}

fn plain(status: StatusCode, message: String) -> Response {
    let mut r = (status, message).into_response();
    let headers = r.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn bind(ip: IpAddr, port: u16) -> Result<TcpListener> {
    TcpListener::bind(SocketAddr::new(ip, port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            Error::Usage(format!(
                "port {port} on {ip} is already in use: stop the program using it, or pass --port with another number (--port 0 picks a free one)"
            ))
        } else {
            Error::Usage(format!("cannot listen on {ip}:{port}: {e}"))
        }
    })
}

fn base_url(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{}/", addr.port())
}

/// Rebuilds, publishes the result to the server and the open tabs, and
/// prints one line (or the diagnostics).
fn rebuild_once(app: &App, rebuilder: &mut Rebuilder, batch: &Batch, log: &Log) {
    let what = batch.describe();
    match rebuilder.rebuild(&batch.paths) {
        Ok(rebuilt) => {
            for w in &rebuilt.warnings {
                log(&w.to_string());
            }
            let had_errors;
            {
                let mut sites = app.sites.write().unwrap_or_else(|p| p.into_inner());
                had_errors = sites.errors.take().is_some();
                if had_errors || !rebuilt.is_empty() {
                    sites.generation += 1;
                }
                sites.warnings = live::warning_messages(&rebuilt.warnings);
                if let Some(last) = rebuilder.last() {
                    sites.public = last.public.clone();
                    sites.private = last.private.clone();
                    sites.drafts = drafts::Drafts::of(&last.site);
                }
            }
            log(&rebuilt.summary(&what));
            if had_errors {
                let _ = app.events.send(LiveEvent::BuildOk);
            }
            if rebuilt.css_only() {
                let _ = app.events.send(LiveEvent::Css);
            } else if !rebuilt.is_empty() {
                let _ = app.events.send(LiveEvent::Reload);
            }
        }
        Err(e) => {
            let diags = rebuild::diagnostics(&e);
            // Publish the errors before saying so: whoever reads the log
            // line can rely on the overlay being in place.
            let messages = live::overlay_messages(&diags);
            let json = live::script_json(&messages);
            {
                let mut sites = app.sites.write().unwrap_or_else(|p| p.into_inner());
                sites.errors = Some(messages);
                sites.generation += 1;
            }
            let _ = app.events.send(LiveEvent::BuildError(json));
            for d in &diags {
                log(&d.to_string());
            }
            log(&format!(
                "build failed ({what}): still serving the last good version"
            ));
        }
    }
}

fn open_browser(url: &str, log: &Log) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        log(&format!("could not start {opener}; open {url} yourself"));
    }
}

async fn live_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        live::LIVE_JS,
    )
        .into_response()
}

async fn events_handler(State(app): State<Arc<App>>) -> Response {
    // The permit lives as long as the stream: it is released when the tab
    // goes away and the connection closes.
    let Ok(permit) = Arc::clone(&app.live_streams).try_acquire_owned() else {
        let mut refused = plain(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "folio serve: too many live-reload connections ({} open); close some tabs of this site\n",
                app.max_live_streams
            ),
        );
        // Give the connection's slot back too.
        refused
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return refused;
    };
    let rx = app.events.subscribe();
    // Read after subscribing: a rebuild in between is both in the count
    // and among the events (a page then reloads once more, never misses).
    let generation = app
        .sites
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .generation;
    let first = Event::default()
        .event("generation")
        .data(generation.to_string());
    let first = futures_util::stream::once(async move { Ok::<_, Infallible>(first) });
    let stream = futures_util::stream::unfold((rx, permit), |(mut rx, permit)| async move {
        loop {
            match rx.recv().await {
                Ok(event) => {
                    let sse = match event {
                        LiveEvent::Reload => Event::default().event("reload").data("reload"),
                        LiveEvent::Css => Event::default().event("css").data("css"),
                        LiveEvent::BuildError(json) => {
                            Event::default().event("build-error").data(json)
                        }
                        LiveEvent::BuildOk => Event::default().event("build-ok").data("ok"),
                    };
                    return Some((Ok::<_, Infallible>(sse), (rx, permit)));
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(futures_util::StreamExt::chain(first, stream))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

async fn file_handler(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let sites = app.sites.read().unwrap_or_else(|p| p.into_inner());
    let errors = live::Overlay {
        errors: sites.errors.as_deref(),
        warnings: &sites.warnings,
        generation: sites.generation,
    };
    let pick = |kind: SiteKind| match kind {
        SiteKind::Public => &sites.public,
        SiteKind::Private => &sites.private,
    };
    let not_found = |kind| match sites.drafts.page_for(kind, uri.path()) {
        Some(page) => respond(StatusCode::NOT_FOUND, "404.html", &page, errors),
        None => not_found(pick(kind), errors),
    };
    match lookup(uri.path(), |kind, key| pick(kind).contains(key)) {
        Lookup::File(kind, key) => match pick(kind).get(&key) {
            Some(bytes) => respond(StatusCode::OK, &key, bytes, errors),
            None => not_found(kind),
        },
        Lookup::Redirect(location) => {
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&location) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Lookup::NotFound(kind) => not_found(kind),
    }
}

fn not_found(site: &Outputs, errors: live::Overlay<'_>) -> Response {
    match site.get("404.html") {
        Some(page) => respond(StatusCode::NOT_FOUND, "404.html", page, errors),
        None => respond(
            StatusCode::NOT_FOUND,
            "404.html",
            b"<!doctype html><title>Not found</title><body><p>Not found.</p></body>",
            errors,
        ),
    }
}

fn respond(status: StatusCode, key: &str, bytes: &[u8], errors: live::Overlay<'_>) -> Response {
    let ctype = content_type(key);
    let body = if ctype.starts_with("text/html") {
        live::inject(bytes, errors)
    } else {
        bytes.to_vec()
    };
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    r
}
