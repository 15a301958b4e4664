//! Which icon a profile link gets: the JSON Resume `profiles[].network`
//! name (any case, spaces and dots ignored), else the link's host, else
//! the generic link icon. The icons themselves are inline SVG in the
//! theme (`partials/icon.html`), one per name returned here.

/// The icons `partials/icon.html` draws.
pub const ICONS: &[&str] = &[
    "github",
    "linkedin",
    "mastodon",
    "x",
    "bluesky",
    "gitlab",
    "stackoverflow",
    "email",
    "website",
    "link",
];

/// The icon for a profile on `network` at `url`.
pub fn for_profile(network: &str, url: Option<&str>) -> &'static str {
    let name: String = network
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let by_name = match name.as_str() {
        "github" => Some("github"),
        "linkedin" => Some("linkedin"),
        "mastodon" | "fediverse" => Some("mastodon"),
        "x" | "twitter" | "xtwitter" => Some("x"),
        "bluesky" | "bsky" => Some("bluesky"),
        "gitlab" => Some("gitlab"),
        "stackoverflow" | "stackexchange" => Some("stackoverflow"),
        "email" | "mail" | "e-mail" => Some("email"),
        "website" | "web" | "homepage" | "site" | "blog" => Some("website"),
        _ => None,
    };
    by_name.or_else(|| url.and_then(by_url)).unwrap_or("link")
}

fn by_url(url: &str) -> Option<&'static str> {
    if url.starts_with("mailto:") {
        return Some("email");
    }
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    Some(match host {
        "github.com" => "github",
        "linkedin.com" => "linkedin",
        "x.com" | "twitter.com" => "x",
        "bsky.app" => "bluesky",
        "gitlab.com" => "gitlab",
        "stackoverflow.com" => "stackoverflow",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_are_matched_by_name_in_any_spelling_then_by_host() {
        assert_eq!(for_profile("GitHub", None), "github");
        assert_eq!(for_profile("Stack Overflow", None), "stackoverflow");
        assert_eq!(for_profile("X (Twitter)", None), "x");
        assert_eq!(for_profile("Twitter", None), "x");
        assert_eq!(
            for_profile("", Some("https://www.linkedin.com/in/ada")),
            "linkedin"
        );
        assert_eq!(
            for_profile("Code", Some("https://gitlab.com/ada")),
            "gitlab"
        );
        assert_eq!(
            for_profile("Toots", Some("https://mastodon.social/@ada")),
            "link"
        );
        assert_eq!(
            for_profile("Mastodon", Some("https://hachyderm.io/@ada")),
            "mastodon"
        );
        assert_eq!(
            for_profile("Strava", Some("https://strava.com/ada")),
            "link"
        );
        for icon in ["github", "x", "stackoverflow", "link"] {
            assert!(ICONS.contains(&icon));
        }
    }
}
