//! `folio serve` over real HTTP on loopback, and `folio watch` edit scenarios
//! compared byte for byte with a clean build of the same sources.

mod support;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use support::{Running, Site, read_tree};

struct Server {
    run: Running,
    port: u16,
}

impl Server {
    fn start(site: &Site, extra: &[&str]) -> Server {
        Server::start_with_env(site, extra, &[])
    }

    fn start_with_env(site: &Site, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let root = site.root_string();
        let mut args = vec!["serve", "--root", &root, "--port", "0"];
        args.extend_from_slice(extra);
        let mut cmd = support::folio(&args);
        cmd.envs(env.iter().copied());
        let mut run = Running::spawn(cmd);
        let port = run.wait_for_port();
        Server { run, port }
    }

    fn get(&self, path: &str) -> Response {
        http_get(self.port, path)
    }
}

struct Response {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// A raw HTTP/1.1 GET: the path is sent exactly as given (no client-side
/// normalisation of `..`).
fn http_get(port: u16, path: &str) -> Response {
    http_request(port, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
}

/// Sends `head` (request line and headers, each ending in CRLF) and reads
/// the whole answer.
fn http_request(port: u16, head: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "{head}Connection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        headers: head,
        body: raw[split + 4..].to_vec(),
    }
}

#[test]
fn serves_pages_with_status_codes_and_content_types() {
    let site = Site::copy("basic");
    let server = Server::start(&site, &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("Welcome"));
    assert!(
        home.text()
            .contains("<script src=\"/_folio/live.js\"></script></body>")
    );

    let cases = [
        ("/articles/first/", 200, "text/html; charset=utf-8"),
        ("/style.css", 200, "text/css; charset=utf-8"),
        ("/atom.xml", 200, "application/atom+xml"),
        ("/sitemap.xml", 200, "application/xml"),
        ("/favicon.svg", 200, "image/svg+xml"),
        ("/robots.txt", 200, "text/plain; charset=utf-8"),
        ("/_folio/live.js", 200, "text/javascript; charset=utf-8"),
        ("/no/such/page/", 404, "text/html; charset=utf-8"),
    ];
    for (path, status, ctype) in cases {
        let r = server.get(path);
        assert_eq!(r.status, status, "{path}");
        assert_eq!(r.header("content-type").as_deref(), Some(ctype), "{path}");
    }
    let missing = server.get("/no/such/page/");
    assert!(
        missing.text().contains("Page not found") || missing.text().contains("not found"),
        "the site's 404 page"
    );
    let redirect = server.get("/articles/first");
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("location").as_deref(),
        Some("/articles/first/")
    );
}

#[test]
fn private_site_is_served_under_its_prefix_only() {
    let site = Site::copy("basic");
    let server = Server::start(&site, &[]);
    let plan = server.get("/_private/roadmaps/plan/");
    assert_eq!(plan.status, 200);
    assert!(plan.text().contains("PRIVATE-MARKER-ROADMAP-7f3a"));
    assert_eq!(
        server.get("/roadmaps/plan/").status,
        404,
        "not in the public site"
    );
    assert_eq!(server.get("/_private").status, 301);
    let not_found = server.get("/_private/nope/");
    assert_eq!(not_found.status, 404);
    assert!(
        not_found.text().contains("href=\"/_private/style.css\""),
        "private 404 links from its mount point"
    );
}

#[test]
fn traversal_attempts_get_404_and_never_a_file_outside() {
    let site = Site::copy("basic");
    site.write("secret.txt", "OUTSIDE-SECRET");
    let server = Server::start(&site, &[]);
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/_private/../../secret.txt",
        "/_private/%2e%2e/%2e%2e/etc/passwd",
        "/articles/..%2f..%2fsecret.txt",
        "//etc/passwd",
        "/site.toml",
        "/content/about.md",
    ] {
        let r = server.get(path);
        assert!(r.status == 404 || r.status == 400, "{path}: {}", r.status);
        assert!(
            !r.text().contains("OUTSIDE-SECRET") && !r.text().contains("root:"),
            "{path}"
        );
    }
}

#[test]
fn port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = Site::copy("basic");
    let root = site.root_string();
    let out = support::run_folio(&["serve", "--root", &root, "--port", &port]);
    out.assert_code(2);
    assert!(
        out.stderr
            .contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{}",
        out.stderr
    );
}

#[test]
fn binding_beyond_loopback_says_so() {
    let site = Site::copy("basic");
    let mut server = Server::start(&site, &["--bind", "0.0.0.0"]);
    // The warning goes to stderr and may come before or after the address.
    let warning = "warning: listening on 0.0.0.0, not only on this machine";
    if !server.run.seen.iter().any(|l| l.contains(warning)) {
        server.run.wait_for(warning);
    }
    // Reached over the network: by any address, still not by another name.
    let port = server.port;
    for host in [format!("192.0.2.7:{port}"), format!("localhost:{port}")] {
        assert_eq!(get_with_host(port, "/", &host).status, 200, "{host}");
    }
    assert_eq!(
        get_with_host(port, "/_private/", &format!("evil.example:{port}")).status,
        403
    );
    #[cfg(target_os = "linux")]
    {
        let name = fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
        let host = format!("{}:{port}", name.trim());
        assert_eq!(get_with_host(port, "/", &host).status, 200, "{host}");
    }
}

/// A request naming `host`, for `path`.
fn get_with_host(port: u16, path: &str, host: &str) -> Response {
    http_request(port, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n"))
}

#[test]
fn other_host_names_get_403_against_dns_rebinding() {
    let site = Site::copy("basic");
    let server = Server::start(&site, &[]);
    let port = server.port;
    for path in [
        "/",
        "/_private/roadmaps/plan/",
        "/_folio/events",
        "/style.css",
    ] {
        for host in [
            "evil.example".to_string(),
            format!("evil.example:{port}"),
            format!("localhost.evil.example:{port}"),
        ] {
            let r = get_with_host(port, path, &host);
            assert_eq!(r.status, 403, "{path} for {host}");
            assert!(!r.text().contains("PRIVATE-MARKER"), "{path} for {host}");
            assert!(
                r.text().contains("DNS rebinding")
                    && r.text().contains(&format!("http://127.0.0.1:{port}/")),
                "the refusal says why and where to go: {}",
                r.text()
            );
        }
    }
    let no_host = http_request(port, "GET / HTTP/1.1\r\n");
    assert_eq!(no_host.status, 403, "a request without Host");
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
    ] {
        let r = get_with_host(port, "/_private/roadmaps/plan/", &host);
        assert_eq!(r.status, 200, "{host}");
        assert!(r.text().contains("PRIVATE-MARKER-ROADMAP-7f3a"), "{host}");
    }
    // A cross-site page opening the live-reload stream carries its Origin.
    let cross = http_request(
        port,
        &format!(
            "GET /_folio/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://evil.example\r\n"
        ),
    );
    assert_eq!(cross.status, 403);
}

#[test]
fn a_partial_request_head_is_closed_after_the_header_timeout() {
    let site = Site::copy("basic");
    let server = Server::start_with_env(&site, &[], &[("FOLIO_SERVE_HEADER_TIMEOUT_MS", "500")]);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let started = std::time::Instant::now();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1")
        .unwrap();
    let mut rest = Vec::new();
    let read = stream.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(
        read.is_ok(),
        "the server still holds a half-sent request after {waited:?}: {read:?}"
    );
    assert!(
        waited >= Duration::from_millis(400),
        "closed before the timeout ({waited:?})"
    );
    // The server is still there for everyone else.
    assert_eq!(server.get("/").status, 200);
}

/// How many sockets process `pid` holds open.
#[cfg(target_os = "linux")]
fn open_sockets(pid: u32) -> usize {
    fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .filter_map(|e| fs::read_link(e.ok()?.path()).ok())
        .filter(|target| target.to_string_lossy().starts_with("socket:"))
        .count()
}

#[test]
#[cfg(target_os = "linux")]
fn connections_beyond_the_cap_wait_until_slow_ones_time_out() {
    let site = Site::copy("basic");
    let server = Server::start_with_env(&site, &[], &[("FOLIO_SERVE_HEADER_TIMEOUT_MS", "3000")]);
    // Once a request is answered, the server has all its own sockets.
    assert_eq!(server.get("/").status, 200);
    let before = open_sockets(server.run.pid());
    // Silent sockets: more than the server serves at once.
    let silent: Vec<_> = (0..300)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("connect"))
        .collect();
    let mut held = 0;
    for _ in 0..25 {
        std::thread::sleep(Duration::from_millis(100));
        held = held.max(open_sockets(server.run.pid()) - before);
    }
    assert!(
        (200..=256).contains(&held),
        "the server held {held} of 300 silent connections at once"
    );
    // The silent ones are dropped at the header timeout, and the waiting
    // ones, then a real request, get their turn.
    let started = std::time::Instant::now();
    assert_eq!(server.get("/").status, 200);
    assert!(started.elapsed() < Duration::from_secs(9));
    drop(silent);
}

/// Opens a live-reload stream and reads its status line.
fn open_live_stream(port: u16) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(b"GET /_folio/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    (stream, String::from_utf8_lossy(&head).into_owned())
}

#[test]
fn live_reload_streams_are_capped_and_pages_still_answer() {
    let site = Site::copy("basic");
    let server = Server::start(&site, &[]);
    let streams: Vec<_> = (0..100).map(|_| open_live_stream(server.port)).collect();
    let open = streams
        .iter()
        .filter(|(_, head)| head.starts_with("HTTP/1.1 200"))
        .count();
    let refused: Vec<_> = streams
        .iter()
        .filter(|(_, head)| head.starts_with("HTTP/1.1 503"))
        .collect();
    assert!(open > 0 && open < 100, "{open} of 100 streams open");
    assert_eq!(open + refused.len(), 100);
    let mut body = String::new();
    let (mut first, _) = open_live_stream(server.port);
    first.read_to_string(&mut body).unwrap();
    assert!(
        body.contains("too many live-reload connections"),
        "the refusal says why: {body}"
    );
    let page = server.get("/");
    assert_eq!(
        page.status, 200,
        "pages are served with every stream slot taken"
    );
    drop(streams);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (_, head) = open_live_stream(server.port);
        if head.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "closed streams never gave their slots back: {head}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Raises this process's soft limit on open files towards `want` (never
/// past the hard limit) and returns the limit now in force.
#[cfg(target_os = "linux")]
fn raise_open_file_limit(want: u64) -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write `limit`.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return 0;
        }
        if limit.rlim_cur < want {
            let raised = libc::rlimit {
                rlim_cur: want.min(limit.rlim_max),
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    limit.rlim_cur
}

/// Ctrl-C stops the server even with a tab's live-reload stream open (it
/// used to wait for every stream to end).
#[test]
#[cfg(target_os = "linux")]
fn interrupt_stops_the_server_with_a_live_reload_stream_open() {
    let site = Site::copy("basic");
    let server = Server::start(&site, &[]);
    let (_stream, head) = open_live_stream(server.port);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let pid = server.run.pid();
    // SAFETY: sends a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid as libc::pid_t, libc::SIGINT) }, 0);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        // Exited and not yet reaped: a zombie.
        let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        if status.is_empty() || status.contains("State:\tZ") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "folio serve still runs 10 s after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The resident memory of process `pid`, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[test]
#[cfg(target_os = "linux")]
fn memory_returns_after_thousands_of_live_reload_streams_close() {
    let site = Site::copy("basic");
    let server = Server::start(&site, &[]);
    for _ in 0..20 {
        assert_eq!(server.get("/").status, 200);
        assert_eq!(server.get("/_private/").status, 200);
    }
    let pid = server.run.pid();
    let start = rss_kib(pid);
    // 5,000 streams asked for at once (fewer if this process may not open
    // that many sockets), then all closed.
    let count = raise_open_file_limit(5_200).saturating_sub(200).min(5_000);
    assert!(
        count >= 500,
        "too few sockets allowed for this test: {count}"
    );
    let streams: Vec<_> = (0..count)
        .map(|i| {
            if i % 100 == 99 {
                // Let the server keep up, so no connection waits out a
                // dropped SYN (a second each).
                std::thread::sleep(Duration::from_millis(30));
            }
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
            s.write_all(b"GET /_folio/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let peak = rss_kib(pid);
    drop(streams);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(server.get("/").status, 200);
    let end = rss_kib(pid);
    eprintln!(
        "folio serve RSS: start {start} KiB, with 5,000 streams asked for {peak} KiB, after they closed {end} KiB"
    );
    assert!(
        end < start + 10 * 1024,
        "memory did not come back: {start} KiB at start, {end} KiB after the streams closed (peak {peak} KiB)"
    );
}

#[test]
fn serve_never_writes_output_folders_and_build_output_has_no_reload_script() {
    let site = Site::copy("basic");
    {
        let server = Server::start(&site, &[]);
        assert_eq!(server.get("/").status, 200);
    }
    assert!(!site.path("public").exists() && !site.path("private").exists());
    site.build(&[]).assert_ok();
    for (path, bytes) in read_tree(&site.public_dir())
        .into_iter()
        .chain(read_tree(&site.private_dir()))
    {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("_folio") && !text.contains("EventSource"),
            "{path} has the reload script"
        );
    }
}

#[test]
fn bad_edit_keeps_serving_the_last_good_page_then_recovers() {
    let site = Site::copy("basic");
    let mut server = Server::start(&site, &[]);
    site.write(
        "content/about.md",
        "---\ntitle: About\nmenu: 1\n---\nFirst version.\n",
    );
    server.run.wait_for("rebuilt (content/about.md)");
    assert!(server.get("/about/").text().contains("First version."));

    site.write(
        "content/about.md",
        "---\ntitle: [broken\n---\nBroken version.\n",
    );
    server.run.wait_for("build failed");
    let page = server.get("/about/");
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("First version."),
        "last good page still served"
    );
    assert!(
        page.text()
            .contains("window.__folioErrors=[\"content/about.md:"),
        "overlay data in the page"
    );

    site.write(
        "content/about.md",
        "---\ntitle: About\nmenu: 1\n---\nFixed version.\n",
    );
    server.run.wait_for("rebuilt (content/about.md)");
    let page = server.get("/about/");
    assert!(page.text().contains("Fixed version."));
    assert!(!page.text().contains("__folioErrors"), "overlay cleared");
}

/// A file of `static/` dropped at a page's address while serving is the
/// same error as in a build: the page is still served, from the last good
/// render, with the error in the overlay data; removing the file recovers.
#[test]
fn a_static_file_on_a_page_is_an_error_under_serve_and_the_page_stays() {
    let site = Site::copy("basic");
    let mut server = Server::start(&site, &[]);
    site.write("static/about/index.html", "<p>my own about page</p>\n");
    server.run.wait_for(
        "static/about/index.html: error: this file would replace the page /about/ (made from content/about.md)",
    );
    server.run.wait_for("build failed");
    let page = server.get("/about/");
    assert_eq!(page.status, 200);
    assert!(
        !page.text().contains("my own about page"),
        "the page, not the file"
    );
    assert!(
        page.text()
            .contains("window.__folioErrors=[\"static/about/index.html:"),
        "overlay data in the page"
    );
    fs::remove_file(site.path("static/about/index.html")).unwrap();
    server.run.wait_for("rebuilt");
    assert!(!server.get("/about/").text().contains("__folioErrors"));
}

/// The rebuild count a served page carries.
fn generation_of(page: &Response) -> String {
    let text = page.text();
    let at = text
        .find("window.__folioGeneration=")
        .expect("the page carries its rebuild count")
        + "window.__folioGeneration=".len();
    text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// A page whose live-reload stream opens only after a rebuild (the edit
/// came between loading the page and the stream connecting) still learns
/// of it: the stream starts with the rebuild count, which then differs
/// from the page's, and the page reloads. A failed rebuild counts too.
#[test]
fn a_live_stream_opened_after_a_rebuild_says_the_page_is_old() {
    let site = Site::copy("basic");
    let mut server = Server::start(&site, &[]);
    let page = server.get("/about/");
    let served = generation_of(&page);
    let first_event = |port| {
        let (mut stream, head) = open_live_stream(port);
        assert!(head.contains("200"), "{head}");
        let mut text = String::new();
        let mut byte = [0u8; 1];
        while !text.ends_with("\n\n") {
            match stream.read(&mut byte) {
                Ok(1) => text.push(byte[0] as char),
                _ => break,
            }
        }
        text
    };
    assert!(
        first_event(server.port).contains(&format!("event: generation\ndata: {served}\n")),
        "a stream opened before any rebuild agrees with the page"
    );
    site.write(
        "content/about.md",
        "---\ntitle: About\nmenu: 1\n---\nAn edit the page missed.\n",
    );
    server.run.wait_for("rebuilt (content/about.md)");
    let event = first_event(server.port);
    assert!(event.contains("event: generation\n"), "{event}");
    assert!(
        !event.contains(&format!("data: {served}\n")),
        "the count moved on: {event}"
    );
    let now = generation_of(&server.get("/about/"));
    assert!(
        event.contains(&format!("data: {now}\n")),
        "{event} vs {now}"
    );
    site.write("content/about.md", "---\ntitle: [broken\n---\n");
    server.run.wait_for("build failed");
    assert_ne!(
        generation_of(&server.get("/about/")),
        now,
        "an error counts"
    );
}

#[test]
fn template_and_config_errors_do_not_stop_the_server() {
    let site = Site::copy("basic");
    let mut server = Server::start(&site, &[]);
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ nope( }}{% endblock content %}",
    );
    server.run.wait_for("build failed");
    site.write(
        "site.toml",
        "title = \"x\"\nbase_url = \"https://x.org/\"\nbogus = 1\n",
    );
    server.run.wait_for("build failed");
    assert_eq!(server.get("/").status, 200);
    fs::remove_file(site.path("templates/page.html")).unwrap();
    let toml = "title = \"Renamed Site\"\nbase_url = \"https://x.org/\"\n";
    site.write("site.toml", toml);
    server.run.wait_for("rebuilt");
    server.run.settle(Duration::from_millis(300));
    assert!(server.get("/").text().contains("Renamed Site"));
}

/// `folio watch` on a copy of `basic`; each scenario edits the sources, waits
/// for the rebuild, and compares the output with a clean build.
struct Watched {
    site: Site,
    run: Running,
}

impl Watched {
    fn start() -> Watched {
        Watched::start_on(Site::copy("basic"))
    }

    fn start_on(site: Site) -> Watched {
        let root = site.root_string();
        let public = site.public_dir();
        let private = site.private_dir();
        let mut run = Running::start(&[
            "watch",
            "--root",
            &root,
            "--out",
            public.to_str().unwrap(),
            "--private-out",
            private.to_str().unwrap(),
        ]);
        run.wait_for("rebuilt (startup)");
        Watched { site, run }
    }

    /// Waits for the loop to go quiet, then compares with a clean build.
    #[track_caller]
    fn assert_matches_clean_build(&mut self) {
        self.run.settle(Duration::from_millis(400));
        let clean = tempfile::tempdir().unwrap();
        let public = clean.path().join("public");
        let private = clean.path().join("private");
        support::output_of(
            &mut self
                .site
                .build_command_into(&public, &private, &["--no-cache"]),
        )
        .assert_ok();
        assert_trees_equal(&self.site.public_dir(), &public);
        assert_trees_equal(&self.site.private_dir(), &private);
    }
}

#[test]
fn watch_starts_from_a_stale_build_cache_and_matches_a_clean_build() {
    // `folio build` leaves a cache; then an article's text and a title other
    // pages link to change, so every stored body is stale (its code blocks
    // are reused) and one is wrong outright.
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    let first = site.path("content/articles/first.md");
    let text = fs::read_to_string(&first).unwrap();
    fs::write(
        &first,
        text.replace("The opening paragraph", "A new opening"),
    )
    .unwrap();
    let second = site.path("content/articles/second.md");
    let text = fs::read_to_string(&second).unwrap();
    fs::write(&second, text.replacen("title:", "title: Renamed", 1)).unwrap();
    let mut w = Watched::start_on(site);
    w.assert_matches_clean_build();
    assert!(
        w.site
            .read_public("articles/first/index.html")
            .contains("A new opening")
    );
}

#[track_caller]
fn assert_trees_equal(incremental: &Path, clean: &Path) {
    let a = read_tree(incremental);
    let b = read_tree(clean);
    let a_keys: Vec<_> = a.keys().collect();
    let b_keys: Vec<_> = b.keys().collect();
    assert_eq!(a_keys, b_keys, "same files");
    for (k, v) in &a {
        assert!(b[k] == *v, "{k} differs from a clean build");
    }
}

#[test]
fn watch_edit_article_body_and_title() {
    let mut w = Watched::start();
    let text = fs::read_to_string(w.site.path("content/articles/second.md")).unwrap();
    w.site.write(
        "content/articles/second.md",
        &text
            .replace("Second Thoughts", "Second Opinions")
            .replace("Same heading", "Changed heading"),
    );
    w.run.wait_for("rebuilt (content/articles/second.md)");
    w.assert_matches_clean_build();
    assert!(
        fs::read_to_string(w.site.public("articles/index.html"))
            .unwrap()
            .contains("Second Opinions")
    );
}

#[test]
fn watch_add_and_delete_pages() {
    let mut w = Watched::start();
    w.site
        .write("content/now.md", "---\ntitle: Now\n---\nWhat I do now.\n");
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.public("now/index.html").exists());
    fs::remove_file(w.site.path("content/now.md")).unwrap();
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(!w.site.public("now/index.html").exists());
    assert!(!w.site.public("now").exists(), "emptied folder removed");
}

#[test]
fn watch_rename_a_folder() {
    let mut w = Watched::start();
    fs::rename(w.site.path("content/notes"), w.site.path("content/journal")).unwrap();
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.private("journal/journal/index.html").exists());
    assert!(!w.site.private("notes").exists());
}

#[test]
fn watch_change_a_tag() {
    let mut w = Watched::start();
    let text = fs::read_to_string(w.site.path("content/articles/first.md")).unwrap();
    w.site.write(
        "content/articles/first.md",
        &text.replace("tags: [rust, career]", "tags: [go, career]"),
    );
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.public("tags/go/index.html").exists());
    assert!(!w.site.public("tags/rust").exists());
}

#[test]
fn watch_edit_a_template_and_the_config() {
    let mut w = Watched::start();
    w.site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"tpl-edit\">{{ page.title }}</p>{% endblock content %}",
    );
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(
        fs::read_to_string(w.site.public("about/index.html"))
            .unwrap()
            .contains("tpl-edit")
    );
    let toml = fs::read_to_string(w.site.path("site.toml")).unwrap();
    w.site
        .write("site.toml", &toml.replace("Basic Fixture", "Edited Title"));
    w.run.wait_for("rebuilt (site.toml)");
    w.assert_matches_clean_build();
    assert!(
        fs::read_to_string(w.site.public("index.html"))
            .unwrap()
            .contains("Edited Title")
    );
}

#[test]
fn watch_handles_write_temp_then_rename_saves() {
    let mut w = Watched::start();
    let tmp = w.site.path("content/.about.md.tmp-save");
    fs::write(&tmp, "---\ntitle: About\nmenu: 1\n---\nSaved by rename.\n").unwrap();
    fs::rename(&tmp, w.site.path("content/about.md")).unwrap();
    w.run.wait_for("rebuilt (content/about.md)");
    w.assert_matches_clean_build();
    assert!(
        fs::read_to_string(w.site.public("about/index.html"))
            .unwrap()
            .contains("Saved by rename.")
    );
}

#[test]
fn watch_survives_a_storm_of_saves() {
    let mut w = Watched::start();
    for i in 0..200 {
        w.site.write(
            "content/about.md",
            &format!("---\ntitle: About\nmenu: 1\n---\nSave number {i}.\n"),
        );
    }
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(
        fs::read_to_string(w.site.public("about/index.html"))
            .unwrap()
            .contains("Save number 199.")
    );
}

#[test]
fn watch_keeps_the_last_good_output_on_a_bad_edit() {
    let mut w = Watched::start();
    let before = read_tree(&w.site.public_dir());
    w.site
        .write("content/articles/first.md", "---\ndate: not-a-date\n---\n");
    w.run.wait_for("build failed");
    assert_eq!(read_tree(&w.site.public_dir()), before);
    w.site.write(
        "content/articles/first.md",
        "---\ntitle: First\ndate: 2026-03-14\n---\nBack.\n\n## Part Two\n\nStill linked to.\n",
    );
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
}

#[test]
fn watch_keeps_paginated_lists_in_step() {
    let mut w = Watched::start();
    let toml = fs::read_to_string(w.site.path("site.toml")).unwrap();
    w.site.write(
        "site.toml",
        &toml.replace("language = \"en\"", "language = \"en\"\npaginate = 1"),
    );
    w.run.wait_for("rebuilt (site.toml)");
    w.assert_matches_clean_build();
    w.site.write(
        "content/articles/third.md",
        "---\ntitle: Third\ndate: 2026-06-01\ntags: [career]\n---\nNewest.\n",
    );
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.public("articles/page/3/index.html").exists());
    fs::remove_file(w.site.path("content/articles/third.md")).unwrap();
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(!w.site.public("articles/page/3").exists());
}

#[test]
fn serve_shows_an_encrypted_site_in_plain_text_without_a_passphrase() {
    // `[private] encrypt = true` applies to build and watch output only: the
    // owner previews on loopback, and no passphrase is needed.
    let site = Site::copy("encrypted");
    let server = Server::start(&site, &[]);
    let plan = server.get("/_private/roadmaps/plan/");
    assert_eq!(plan.status, 200);
    assert!(plan.text().contains("PRIVATE-MARKER-DASHBOARD-5b1d"));
    assert!(!plan.text().contains("folio-envelope"));
    let data = server.get("/_private/roadmaps/data.json");
    assert!(data.text().contains("PRIVATE-MARKER-JSON-77aa"));
    assert!(!site.private_dir().exists(), "serve writes nothing");
}

#[test]
fn watch_finds_a_link_broken_by_removing_its_target_from_an_unchanged_page() {
    let mut w = Watched::start();
    // A template link on every page to the second article.
    w.site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p><a href=\"{{ root }}articles/second/\">Second</a></p>{% endblock content %}",
    );
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    // Remove the second article; nothing else links to it from content.
    let first = fs::read_to_string(w.site.path("content/articles/first.md")).unwrap();
    w.site.write(
        "content/articles/first.md",
        &first.replace("See [the second one](second.md) and", "See"),
    );
    w.run.wait_for("rebuilt");
    fs::remove_file(w.site.path("content/articles/second.md")).unwrap();
    let line = w.run.wait_for("error: link to `../articles/second/`");
    assert!(line.contains("no such page in the built site"), "{line}");
    w.run.wait_for("build failed");
    assert!(
        w.site.public("articles/second/index.html").exists(),
        "last good output kept"
    );
}

#[test]
fn watch_sees_files_added_and_removed_between_edits_that_reuse_the_listing() {
    // An edit to a known file reuses the last listing of content/; every
    // other report (a new file, a new folder, a removal, an edit beside an
    // addition in one batch) must walk again and match a clean build.
    let mut w = Watched::start();
    let about = "---\ntitle: About\nmenu: 1\n---\n";
    w.site
        .write("content/about.md", &format!("{about}First edit.\n"));
    w.run.wait_for("rebuilt (content/about.md)");
    w.assert_matches_clean_build();
    // An asset beside an article, and a link to it.
    w.site.write(
        "content/articles/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.private("articles/chart.svg").exists());
    // Linked from a public page, it goes public too.
    w.site.write(
        "content/about.md",
        &format!("{about}See [the chart](articles/chart.svg).\n"),
    );
    w.run.wait_for("rebuilt (content/about.md)");
    w.assert_matches_clean_build();
    assert!(w.site.public("articles/chart.svg").exists());
    // A new folder with a page in it.
    fs::create_dir(w.site.path("content/projects")).unwrap();
    w.site.write(
        "content/projects/alpha.md",
        "---\ntitle: Alpha\n---\nA project.\n",
    );
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.public("projects/alpha/index.html").exists());
    // An edit and a new page in one batch.
    w.site.write(
        "content/about.md",
        &format!("{about}Second edit: [the chart](articles/chart.svg).\n"),
    );
    w.site
        .write("content/beta.md", "---\ntitle: Beta\n---\nAnother page.\n");
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.public("beta/index.html").exists());
    // Removing the linked asset breaks the link: the build fails and the
    // last good output stays; putting it back recovers.
    fs::remove_file(w.site.path("content/articles/chart.svg")).unwrap();
    w.run.wait_for("build failed");
    assert!(
        w.site.public("articles/chart.svg").exists(),
        "last good output kept"
    );
    w.site
        .write("content/about.md", &format!("{about}No chart.\n"));
    w.run.wait_for("rebuilt (content/about.md)");
    w.assert_matches_clean_build();
    assert!(!w.site.public("articles/chart.svg").exists());
    // A removed page, then an edit to a file the listing still holds.
    fs::remove_file(w.site.path("content/projects/alpha.md")).unwrap();
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(!w.site.public("projects/alpha").exists());
    w.site
        .write("content/beta.md", "---\ntitle: Beta\n---\nEdited.\n");
    w.run.wait_for("rebuilt (content/beta.md)");
    w.assert_matches_clean_build();
}

#[test]
fn watch_catches_cv_roadmap_and_static_edits_that_reuse_the_listing() {
    // Edits to files the listing holds (the CV data, a roadmap) and outside
    // content/ (a static file) reuse it; each must still reach the output.
    let mut w = Watched::start_on(Site::copy("identity"));
    let cv = fs::read_to_string(w.site.path("content/cv.yaml")).unwrap();
    w.site.write(
        "content/cv.yaml",
        &cv.replace("VP Engineering", "Chief Listing Officer"),
    );
    w.run.wait_for("rebuilt (content/cv.yaml)");
    w.assert_matches_clean_build();
    let cv_page = w.site.private_dir().join("cv/index.html");
    let public_cv = w.site.public("cv/index.html");
    let shown = [cv_page, public_cv]
        .iter()
        .any(|p| fs::read_to_string(p).is_ok_and(|t| t.contains("Chief Listing Officer")));
    assert!(shown, "the CV edit reached a CV page");

    let mut w = Watched::start();
    let plan = fs::read_to_string(w.site.path("content/roadmaps/plan.md")).unwrap();
    w.site.write(
        "content/roadmaps/plan.md",
        &plan.replace(
            "- [ ] open item",
            "- [ ] open item\n- [ ] LISTING-ROADMAP-EDIT",
        ),
    );
    w.run.wait_for("rebuilt (content/roadmaps/plan.md)");
    w.assert_matches_clean_build();
    assert!(
        fs::read_to_string(w.site.private("roadmaps/plan/index.html"))
            .unwrap()
            .contains("LISTING-ROADMAP-EDIT")
    );
    w.site.write("static/CNAME", "listing.example.org\n");
    w.run.wait_for("rebuilt (static/CNAME)");
    w.assert_matches_clean_build();
    assert_eq!(
        fs::read_to_string(w.site.public("CNAME")).unwrap(),
        "listing.example.org\n"
    );
}

#[test]
fn watch_follows_dates_drafts_and_visibility_as_a_clean_build_does() {
    // Each edit moves an article in the lists, the feed and the sitemap, or
    // takes it out of the public site; after each, the watched output is
    // byte for byte a clean build's (feed and sitemap are reused between
    // rebuilds only while their inputs are unchanged).
    let mut w = Watched::start();
    let path = "content/articles/third.md";
    let text =
        "---\ntitle: Third Take\ndate: 2026-02-01\ntags: [career]\n---\nTHIRD-BODY-1a2b opens.\n";
    w.site.write(path, text);
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    // A later date: the newest article now, first in lists and the feed.
    let newer = text.replace("date: 2026-02-01", "date: 2026-07-01");
    w.site.write(path, &newer);
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.read_public("sitemap.xml").contains("2026-07-01"));
    // The body alone: the feed carries the new text.
    w.site
        .write(path, &newer.replace("THIRD-BODY-1a2b", "THIRD-EDIT-3c4d"));
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.read_public("atom.xml").contains("THIRD-EDIT-3c4d"));
    // A draft: gone from the public site.
    w.site
        .write(path, &newer.replace("tags:", "draft: true\ntags:"));
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    // Private: gone from every public file at once.
    w.site.write(
        path,
        &newer
            .replace("tags:", "visibility: private\ntags:")
            .replace("THIRD-BODY-1a2b", "THIRD-PRIVATE-5e6f"),
    );
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    for (file, bytes) in support::read_tree(&w.site.public_dir()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("THIRD-PRIVATE-5e6f"), "{file} shows it");
        assert!(!text.contains("Third Take"), "{file} lists it");
    }
    // Public again.
    w.site.write(path, text);
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    assert!(w.site.read_public("atom.xml").contains("Third Take"));
}

#[test]
fn watch_recovers_from_a_refused_link_and_matches_a_clean_build() {
    // A rebuild the link check refuses is not kept; the next one starts its
    // link check from the last good render, not from the refused one.
    let mut w = Watched::start();
    let about = fs::read_to_string(w.site.path("content/about.md")).unwrap();
    w.site.write(
        "content/about.md",
        &format!("{about}\n<a href=\"../nowhere-9f8e/\">gone</a>\n"),
    );
    w.run.wait_for("build failed");
    w.site
        .write("content/about.md", &about.replace("About", "About Again"));
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
    w.site.write("content/about.md", &about);
    w.run.wait_for("rebuilt");
    w.assert_matches_clean_build();
}
