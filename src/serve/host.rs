//! Which `Host` (and `Origin`) a request may name: the guard against DNS
//! rebinding. A web page the owner visits could point its own name at
//! 127.0.0.1 and then read the private site through the browser; such a
//! request still carries the page's name in `Host`, so the server answers
//! only names that can only mean this machine.
//!
//! The rule follows Vite's `server.allowedHosts` default: the host name is
//! checked, the port is not. Always allowed: `localhost` and `*.localhost`
//! (browsers resolve them to loopback themselves), the loopback addresses
//! (`127.0.0.0/8`, `[::1]`) and the `--bind` address. When bound beyond
//! loopback, any IP address literal is allowed too (an address cannot be
//! rebound), and so are this machine's host name and `NAME.local`. Every
//! other name, a missing `Host`, or one that does not parse, is refused.

use std::net::IpAddr;

/// The names the server answers to; built once when the server starts.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    bind: IpAddr,
    /// This machine's host name, lowercased, when bound beyond loopback.
    machine: Option<String>,
}

impl AllowedHosts {
    /// The rule for a server listening on `bind`, on a machine called
    /// `machine` (only used when `bind` is not loopback).
    pub fn new(bind: IpAddr, machine: Option<String>) -> AllowedHosts {
        let machine = machine
            .map(|m| m.trim().trim_end_matches('.').to_ascii_lowercase())
            .filter(|m| !m.is_empty() && !bind.is_loopback());
        AllowedHosts { bind, machine }
    }

    /// For a server on `bind`, with this machine's host name.
    pub fn for_bind(bind: IpAddr) -> AllowedHosts {
        let machine = (!bind.is_loopback())
            .then(|| gethostname::gethostname().to_string_lossy().into_owned());
        AllowedHosts::new(bind, machine)
    }

    /// Whether a `Host` header value (`name`, `name:port`, `[v6]:port`)
    /// names this server.
    pub fn allows_host(&self, value: &str) -> bool {
        match parse_host(value) {
            Some(Host::Ip(ip)) => self.allows_ip(ip),
            Some(Host::Name(name)) => self.allows_name(&name),
            None => false,
        }
    }

    /// Whether an `Origin` header value (`scheme://host[:port]`) names this
    /// server. `null` (a sandboxed frame, a file) does not.
    pub fn allows_origin(&self, value: &str) -> bool {
        let Some(rest) = value
            .strip_prefix("http://")
            .or_else(|| value.strip_prefix("https://"))
        else {
            return false;
        };
        !rest.contains('/') && self.allows_host(rest)
    }

    fn allows_ip(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        ip.is_loopback() || ip == self.bind.to_canonical() || !self.bind.is_loopback()
    }

    fn allows_name(&self, name: &str) -> bool {
        name == "localhost"
            || name.ends_with(".localhost")
            || self
                .machine
                .as_deref()
                .is_some_and(|m| name == m || name.strip_suffix(".local") == Some(m))
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Host {
    Ip(IpAddr),
    /// A lowercased DNS name.
    Name(String),
}

/// Splits off and checks the port, and reads the host as an address
/// literal or a DNS name. `None` for anything malformed.
fn parse_host(value: &str) -> Option<Host> {
    let value = value.trim();
    let (host, port) = if let Some(rest) = value.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        let ip: std::net::Ipv6Addr = inside.parse().ok()?;
        return valid_port(port).then_some(Host::Ip(IpAddr::V6(ip)));
    } else {
        match value.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (value, None),
        }
    };
    if !valid_port(port) || host.is_empty() {
        return None;
    }
    if let Ok(ip) = host.parse::<std::net::Ipv4Addr>() {
        return Some(Host::Ip(IpAddr::V4(ip)));
    }
    let name = host.to_ascii_lowercase();
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    name.split('.').all(label_ok).then_some(Host::Name(name))
}

fn valid_port(port: Option<&str>) -> bool {
    port.is_none_or(|p| {
        !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> AllowedHosts {
        AllowedHosts::new("127.0.0.1".parse().unwrap(), None)
    }

    #[test]
    fn loopback_server_answers_only_names_of_this_machine() {
        let hosts = loopback();
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "app.localhost:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.0.0.1:9",
            "127.1.2.3:1111",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1111",
        ] {
            assert!(hosts.allows_host(ok), "{ok} must be allowed");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example:1111",
            "evillocalhost:1111",
            "127.0.0.1.nip.io:1111",
            "0.0.0.0:1111",
            "192.168.1.5:1111",
            "[::]:1111",
            "[fe80::1]:1111",
            "",
            ":1111",
            "localhost:",
            "localhost:99999",
            "localhost:11a",
            "local host",
            "localhost:1111:1",
            "::1",
            "[::1",
            "[::1]x",
            "[::1%25eth0]:1111",
            "localhost/x",
            "user@localhost",
        ] {
            assert!(!hosts.allows_host(bad), "{bad:?} must be refused");
        }
    }

    #[test]
    fn bind_address_is_allowed() {
        let hosts = AllowedHosts::new("::1".parse().unwrap(), None);
        assert!(hosts.allows_host("[::1]:1111"));
        assert!(!hosts.allows_host("evil.example"));
    }

    #[test]
    fn beyond_loopback_allows_address_literals_and_the_machine_name() {
        let hosts = AllowedHosts::new("0.0.0.0".parse().unwrap(), Some("Laptop".into()));
        for ok in [
            "192.168.1.5:1111",
            "10.0.0.2",
            "[fe80::1]:1111",
            "localhost:1111",
            "laptop:1111",
            "LAPTOP.local:1111",
        ] {
            assert!(hosts.allows_host(ok), "{ok} must be allowed");
        }
        for bad in ["evil.example:1111", "laptop.evil.example", "laptopx:1111"] {
            assert!(!hosts.allows_host(bad), "{bad:?} must be refused");
        }
    }

    #[test]
    fn machine_name_is_ignored_on_loopback() {
        let hosts = AllowedHosts::new("127.0.0.1".parse().unwrap(), Some("laptop".into()));
        assert!(!hosts.allows_host("laptop:1111"));
    }

    #[test]
    fn origins_follow_the_same_rule() {
        let hosts = loopback();
        assert!(hosts.allows_origin("http://localhost:1111"));
        assert!(hosts.allows_origin("http://127.0.0.1:1111"));
        assert!(hosts.allows_origin("http://[::1]:1111"));
        assert!(!hosts.allows_origin("https://evil.example"));
        assert!(!hosts.allows_origin("http://evil.example:1111"));
        assert!(!hosts.allows_origin("null"));
        assert!(!hosts.allows_origin("file://"));
        assert!(!hosts.allows_origin("http://localhost:1111/x"));
    }
}
