//! What templates see of the CV: the basics, the work entries grouped by
//! employer with their merged highlights, the other JSON Resume sections,
//! and the JSON-LD `Person` built from the same facts.

use serde::Serialize;
use serde_json::{Map, Value as Json, json};

use super::achievements::employer_anchor;
use crate::content::Visibility;
use crate::content::resume::{PartialDate, Resume, Text, Url, Work, legacy};
use crate::export::json_resume::Merged;

#[derive(Serialize, Default)]
pub struct ProfileLink {
    pub network: String,
    pub username: String,
    pub url: Option<String>,
    /// Marked `visibility: private` (only the private site has these).
    pub is_private: bool,
    /// The icon `partials/icon.html` draws for it ([`super::icons`]).
    pub icon: &'static str,
}

#[derive(Serialize, Default)]
pub struct BasicsCtx {
    pub name: String,
    pub label: String,
    /// A site-local image path (images on other hosts are not shown).
    pub image: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub url_display: Option<String>,
    pub summary: String,
    /// `City, Region, CC`, or empty.
    pub location: String,
    pub profiles: Vec<ProfileLink>,
    /// The fields `basics.visibility` makes private (`phone`,
    /// `location.address`); always empty on the public site.
    pub private: Vec<String>,
}

#[derive(Serialize)]
pub struct HighlightCtx {
    pub text: String,
    /// The achievement it came from (`achievements/#id`), if any.
    pub path: Option<String>,
    pub is_private: bool,
}

#[derive(Serialize)]
pub struct RoleCtx {
    pub position: Option<String>,
    pub dates: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub location: Option<String>,
    pub summary: Option<String>,
    pub highlights: Vec<HighlightCtx>,
    /// Marked `visibility: private` (only the private site has these).
    pub is_private: bool,
}

#[derive(Serialize)]
pub struct EmployerCtx {
    pub name: String,
    /// Anchor on the CV page (`work-every-cure`).
    pub id: String,
    pub url: Option<String>,
    pub url_display: Option<String>,
    pub description: Option<String>,
    pub roles: Vec<RoleCtx>,
}

/// The CV page's `cv` variable.
#[derive(Serialize)]
pub struct CvCtx {
    pub basics: BasicsCtx,
    pub work: Vec<EmployerCtx>,
    /// The other sections: JSON Resume objects as written, plus `dates`
    /// and `url_display` on each entry.
    pub volunteer: Vec<Json>,
    pub education: Vec<Json>,
    pub awards: Vec<Json>,
    pub certificates: Vec<Json>,
    pub publications: Vec<Json>,
    pub skills: Vec<Json>,
    pub languages: Vec<Json>,
    pub interests: Vec<Json>,
    pub references: Vec<Json>,
    pub projects: Vec<Json>,
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| t.as_str().trim().to_string())
        .filter(|t| !t.is_empty())
}

/// `https://www.example.org/x/` → `example.org/x`.
pub fn url_display(url: &str) -> String {
    let s = url.split_once("://").map_or(url, |(_, rest)| rest);
    let s = s.strip_prefix("www.").unwrap_or(s);
    s.strip_suffix('/').unwrap_or(s).to_string()
}

/// `Dec 2013 – Dec 2014`, `Dec 2013 – present`, `2014`.
pub fn dates(start: Option<&PartialDate>, end: Option<&PartialDate>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s == e => s.display(),
        (Some(s), Some(e)) => format!("{} – {}", s.display(), e.display()),
        (Some(s), None) => format!("{} – present", s.display()),
        (None, Some(e)) => e.display(),
        (None, None) => String::new(),
    }
}

pub fn basics(resume: &Resume) -> BasicsCtx {
    let Some(b) = &resume.basics else {
        return BasicsCtx::default();
    };
    let loc = b.location.as_ref();
    let location: Vec<String> = loc
        .map(|l| [text(&l.city), text(&l.region), text(&l.country_code)])
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    let image = text(&b.portrait().cloned()).filter(|i| !i.contains(':') && !i.starts_with("//"));
    BasicsCtx {
        name: text(&b.name).unwrap_or_default(),
        label: text(&b.label).unwrap_or_default(),
        image: image.map(|i| i.trim_start_matches('/').to_string()),
        email: b.email.as_ref().map(|e| e.as_str().to_string()),
        phone: text(&b.phone),
        url: b.link().map(|u| u.as_str().to_string()),
        url_display: b.link().map(|u| url_display(u.as_str())),
        summary: text(&b.summary).unwrap_or_default(),
        location: location.join(", "),
        profiles: b
            .profiles
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|p| ProfileLink {
                network: text(&p.network).unwrap_or_default(),
                username: text(&p.username).unwrap_or_default(),
                url: p.url.as_ref().map(|u| u.as_str().to_string()),
                is_private: p.visibility == Some(Visibility::Private),
                icon: super::icons::for_profile(
                    p.network.as_ref().map_or("", |n| n.as_str()),
                    p.url.as_ref().map(|u| u.as_str()),
                ),
            })
            .collect(),
        private: b
            .visibility
            .as_ref()
            .map(|v| v.private().map(str::to_string).collect())
            .unwrap_or_default(),
    }
}

pub fn cv(merged: &Merged<'_>) -> CvCtx {
    let r = &merged.resume;
    CvCtx {
        basics: basics(r),
        work: employers(merged),
        volunteer: section("volunteer", &r.volunteer),
        education: section("education", &r.education),
        awards: section("awards", &r.awards),
        certificates: section("certificates", &r.certificates),
        publications: section("publications", &r.publications),
        skills: section("skills", &r.skills),
        languages: section("languages", &r.languages),
        interests: section("interests", &r.interests),
        references: section("references", &r.references),
        projects: section("projects", &r.projects),
    }
}

/// Work entries grouped by employer, in the order employers first appear.
fn employers(merged: &Merged<'_>) -> Vec<EmployerCtx> {
    let mut out: Vec<EmployerCtx> = Vec::new();
    let work = merged.resume.work.as_deref().unwrap_or_default();
    for (i, w) in work.iter().enumerate() {
        let name = text(&w.employer().cloned()).unwrap_or_default();
        let role = role(merged, i, w);
        match out.iter_mut().find(|e| !name.is_empty() && e.name == name) {
            Some(e) => {
                e.roles.push(role);
                e.url = e.url.take().or_else(|| w.link().map(|u| u.as_str().into()));
                e.description = e.description.take().or_else(|| text(&w.description));
            }
            None => {
                let mut id = employer_anchor(&name);
                if out.iter().any(|e| e.id == id) {
                    id = format!("{id}-{}", i + 1);
                }
                out.push(EmployerCtx {
                    id,
                    url: w.link().map(|u| u.as_str().to_string()),
                    url_display: w.link().map(|u| url_display(u.as_str())),
                    description: text(&w.description),
                    roles: vec![role],
                    name,
                })
            }
        }
    }
    for e in &mut out {
        e.url_display = e.url.as_deref().map(url_display);
    }
    out
}

fn role(merged: &Merged<'_>, index: usize, w: &Work) -> RoleCtx {
    let highlights = w
        .highlights
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|h| {
            let source = merged.source_of(index, h.as_str());
            HighlightCtx {
                text: h.to_string(),
                path: source.map(|a| format!("achievements/#{}", a.id)),
                is_private: source.is_some_and(|a| a.visibility == Visibility::Private),
            }
        })
        .collect();
    RoleCtx {
        position: text(&w.position),
        dates: dates(w.start_date.as_ref(), w.end_date.as_ref()),
        start_date: w.start_date.as_ref().map(|d| d.as_str().to_string()),
        end_date: w.end_date.as_ref().map(|d| d.as_str().to_string()),
        location: text(&w.location),
        summary: text(&w.summary),
        highlights,
        is_private: w.visibility == Some(Visibility::Private),
    }
}

/// A section's entries as JSON objects, with `dates`, `url_display` and
/// `is_private`; the 0.x keys of `name` also under their 1.0 names.
fn section<T: Serialize>(name: &str, list: &Option<Vec<T>>) -> Vec<Json> {
    list.as_deref()
        .unwrap_or_default()
        .iter()
        .map(|entry| {
            let mut v = serde_json::to_value(entry).unwrap_or(Json::Null);
            if let Json::Object(map) = &mut v {
                legacy::upgrade_entry(name, map);
                let date = |k: &str| {
                    map.get(k)
                        .and_then(Json::as_str)
                        .map(|s| PartialDate(s.to_string()))
                };
                let shown = match date("date").or_else(|| date("releaseDate")) {
                    Some(on) => on.display(),
                    None => dates(date("startDate").as_ref(), date("endDate").as_ref()),
                };
                let url = map.get("url").and_then(Json::as_str).map(url_display);
                map.insert("dates".into(), Json::String(shown));
                map.insert("url_display".into(), url.map_or(Json::Null, Json::String));
                let private = map.get("visibility").and_then(Json::as_str) == Some("private");
                map.insert("is_private".into(), Json::Bool(private));
            }
            v
        })
        .collect()
}

/// Projects for the home page: those marked `featured: true`, else the
/// latest three by date (undated ones keep the CV's order, after).
pub fn featured_projects(resume: &Resume) -> Vec<Json> {
    let all = resume.projects.as_deref().unwrap_or_default();
    let featured: Vec<_> = all
        .iter()
        .filter(|p| p.featured == Some(true))
        .cloned()
        .collect();
    let chosen = if featured.is_empty() {
        let mut sorted: Vec<_> = all.iter().enumerate().collect();
        sorted.sort_by(|(i, a), (j, b)| {
            let key =
                |p: &crate::content::resume::Project| p.end_date.clone().or(p.start_date.clone());
            key(b).cmp(&key(a)).then(i.cmp(j))
        });
        sorted.into_iter().take(3).map(|(_, p)| p.clone()).collect()
    } else {
        featured
    };
    let mut projects = section("projects", &Some(chosen));
    // A card shows a site-local `image` only (from the site root), like
    // the photo: pictures on other hosts are not shown.
    for p in &mut projects {
        if let Some(map) = p.as_object_mut() {
            let local = map
                .get("image")
                .and_then(Json::as_str)
                .map(str::trim)
                .filter(|i| !i.is_empty() && !i.contains(':') && !i.starts_with("//"))
                .map(|i| Json::String(i.trim_start_matches('/').to_string()));
            map.insert("image".into(), local.unwrap_or(Json::Null));
        }
    }
    projects
}

/// The JSON-LD `Person` (without `@context`) the CV describes. `url` is
/// the person's own site when the CV names none.
pub fn person(resume: &Resume, fallback_name: &str, site_url: &str) -> Json {
    let b = resume.basics.clone().unwrap_or_default();
    let mut p = Map::new();
    let mut put = |k: &str, v: Option<Json>| {
        if let Some(v) = v {
            p.insert(k.into(), v);
        }
    };
    put("@type", Some(json!("Person")));
    put(
        "name",
        Some(json!(
            text(&b.name).unwrap_or_else(|| fallback_name.to_string())
        )),
    );
    put("jobTitle", text(&b.label).map(Json::from));
    put("description", text(&b.summary).map(Json::from));
    let own_url = b.link().map(Url::as_str).unwrap_or(site_url);
    put("url", Some(json!(own_url)));
    put("email", b.email.as_ref().map(|e| json!(e.as_str())));
    put("telephone", text(&b.phone).map(Json::from));
    if let Some(l) = &b.location {
        let mut a = Map::new();
        a.insert("@type".into(), json!("PostalAddress"));
        for (k, v) in [
            ("streetAddress", &l.address),
            ("postalCode", &l.postal_code),
            ("addressLocality", &l.city),
            ("addressRegion", &l.region),
            ("addressCountry", &l.country_code),
        ] {
            if let Some(v) = text(v) {
                a.insert(k.into(), json!(v));
            }
        }
        put("address", (a.len() > 1).then_some(Json::Object(a)));
    }
    let same_as: Vec<&str> = b
        .profiles
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter_map(|pr| pr.url.as_ref().map(Url::as_str))
        .collect();
    put("sameAs", (!same_as.is_empty()).then(|| json!(same_as)));
    let org = |kind: &str, name: Option<String>, url: Option<&Url>| {
        name.map(|n| {
            let mut o = json!({"@type": kind, "name": n});
            if let Some(u) = url {
                o["url"] = json!(u.as_str());
            }
            o
        })
    };
    let current: Vec<Json> = resume
        .work
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|w| w.start_date.is_some() && w.end_date.is_none())
        .filter_map(|w| org("Organization", text(&w.employer().cloned()), w.link()))
        .collect();
    put("worksFor", (!current.is_empty()).then(|| json!(current)));
    let schools: Vec<Json> = resume
        .education
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter_map(|e| {
            org(
                "EducationalOrganization",
                text(&e.institution),
                e.url.as_ref(),
            )
        })
        .collect();
    put("alumniOf", (!schools.is_empty()).then(|| json!(schools)));
    let names = |list: Vec<Option<String>>| {
        let v: Vec<String> = list.into_iter().flatten().collect();
        (!v.is_empty()).then(|| json!(v))
    };
    put(
        "knowsAbout",
        names(
            resume
                .skills
                .as_deref()
                .unwrap_or_default()
                .iter()
                .map(|s| text(&s.name))
                .collect(),
        ),
    );
    put(
        "knowsLanguage",
        names(
            resume
                .languages
                .as_deref()
                .unwrap_or_default()
                .iter()
                .map(|l| text(&l.language))
                .collect(),
        ),
    );
    put(
        "award",
        names(
            resume
                .awards
                .as_deref()
                .unwrap_or_default()
                .iter()
                .map(|a| text(&a.title))
                .collect(),
        ),
    );
    Json::Object(p)
}
