//! LinkedIn-ready text from the CV: the headline (`basics.label`), the
//! About section (`basics.summary`) and, per work entry, the position title
//! (`position`) and description (`summary`, then the highlights as bullets),
//! each counted against LinkedIn's limits, which live in [`LIMITS`] alone.
//!
//! The text is meant to be published, so it is built from the **public**
//! view: a private achievement never becomes a LinkedIn highlight, even on
//! the private site's `/linkedin/` page.

use serde::Serialize;

use super::json_resume::Merged;
use crate::config::cv_variants::CvVariant;
use crate::content::Site;
use crate::content::cv::Cv;
use crate::content::resume::{Resume, Work};
use crate::content::view::Audience;
use crate::diagnostic::Diagnostic;

/// What a LinkedIn profile field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Headline,
    About,
    PositionTitle,
    PositionDescription,
}

/// One row of the limits table.
#[derive(Debug, Serialize)]
pub struct Limit {
    pub kind: FieldKind,
    pub name: &'static str,
    /// Characters allowed.
    pub max: usize,
    /// Characters shown before "see more", where LinkedIn cuts.
    pub preview: Option<usize>,
}

/// LinkedIn's limits, in one place.
pub const LIMITS: &[Limit] = &[
    Limit {
        kind: FieldKind::Headline,
        name: "Headline",
        max: 220,
        preview: None,
    },
    Limit {
        kind: FieldKind::About,
        name: "About",
        max: 2600,
        preview: Some(300),
    },
    Limit {
        kind: FieldKind::PositionTitle,
        name: "Position title",
        max: 100,
        preview: None,
    },
    Limit {
        kind: FieldKind::PositionDescription,
        name: "Position description",
        max: 2000,
        preview: None,
    },
];

impl FieldKind {
    pub fn limit(self) -> &'static Limit {
        LIMITS.iter().find(|l| l.kind == self).unwrap_or(&LIMITS[0])
    }
}

/// A text to paste, counted.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub kind: FieldKind,
    /// The field's name in the limits table (`Position title`).
    pub name: &'static str,
    /// e.g. `Headline`, `Every Cure: position title`.
    pub label: String,
    pub text: String,
    /// Characters (Unicode scalar values), as LinkedIn counts them.
    pub chars: usize,
    pub max: usize,
    /// Characters over `max` (0 when it fits).
    pub over: usize,
    /// Where the text comes from in the CV (`basics.label`).
    pub from: String,
}

impl Field {
    fn new(kind: FieldKind, label: String, text: String, from: String) -> Self {
        let chars = text.chars().count();
        let max = kind.limit().max;
        Field {
            kind,
            name: kind.limit().name,
            label,
            text,
            chars,
            max,
            over: chars.saturating_sub(max),
            from,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Position {
    pub company: String,
    /// `Dec 2013 – Dec 2014`, `2021 – present`, or empty.
    pub dates: String,
    pub title: Field,
    pub description: Field,
}

#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub headline: Field,
    pub about: Field,
    /// What LinkedIn shows of About before "see more".
    pub about_preview: String,
    /// Whether About is longer than that preview.
    pub about_cut: bool,
    pub positions: Vec<Position>,
}

impl Profile {
    /// The profile from the site's public CV with its public achievements.
    pub fn for_site(site: &Site) -> Option<Profile> {
        let view = site.view(Audience::Public);
        let merged = Merged::for_view(&view)?;
        Some(Profile::build(&merged.resume, |i| view.cv_work_source(i)))
    }

    /// The profile from the site's public CV variant `variant`.
    pub fn for_variant(site: &Site, variant: &CvVariant) -> Option<Profile> {
        let view = site.view(Audience::Public);
        let (merged, from) = Merged::for_view(&view)?.variant(variant);
        Some(Profile::build(&merged.resume, |i| {
            view.cv_work_source(from.get(i).copied().unwrap_or(i))
        }))
    }

    pub fn new(resume: &Resume) -> Profile {
        Profile::build(resume, |i| i)
    }

    /// The profile of `resume`, whose work entry `i` is `work[source(i)]`
    /// in the CV file.
    fn build(resume: &Resume, source: impl Fn(usize) -> usize) -> Profile {
        let basics = resume.basics.clone().unwrap_or_default();
        let text = |t: &Option<crate::content::resume::Text>| {
            t.as_ref()
                .map(|t| t.as_str().trim().to_string())
                .unwrap_or_default()
        };
        let about = Field::new(
            FieldKind::About,
            "About".into(),
            text(&basics.summary),
            "basics.summary".into(),
        );
        let preview_len = FieldKind::About.limit().preview.unwrap_or(usize::MAX);
        let about_preview = if about.chars > preview_len {
            let cut: String = about.text.chars().take(preview_len).collect();
            format!("{}…", cut.trim_end())
        } else {
            about.text.clone()
        };
        let positions = resume
            .work
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, w)| position(source(i), w))
            .collect();
        Profile {
            headline: Field::new(
                FieldKind::Headline,
                "Headline".into(),
                text(&basics.label),
                "basics.label".into(),
            ),
            about_cut: about.chars > preview_len,
            about,
            about_preview,
            positions,
        }
    }

    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        [&self.headline, &self.about].into_iter().chain(
            self.positions
                .iter()
                .flat_map(|p| [&p.title, &p.description]),
        )
    }

    /// A warning for every field over its limit, naming the overflow, at
    /// the field in the CV when it can be found there.
    pub fn warnings(&self, cv: &Cv) -> Vec<Diagnostic> {
        let cv_path = &cv.source;
        self.fields()
            .filter(|f| f.over > 0)
            .map(|f| {
                let d = Diagnostic::warning(
                    "linkedin",
                    cv_path,
                    format!(
                        "LinkedIn {} is {} characters: {} over the limit of {}",
                        f.label, f.chars, f.over, f.max
                    ),
                )
                .hint(format!("shorten `{}` in {}", f.from, cv_path.display()));
                match written_at(cv, &f.from) {
                    Some((line, col)) => d.at_in(&cv.text, line, col),
                    None => d,
                }
            })
            .collect()
    }

    /// The plain text of `folio export linkedin`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for f in self.fields() {
            let mut head = format!("== {} — {} of {} characters", f.label, f.chars, f.max);
            if f.over > 0 {
                head.push_str(&format!(", {} OVER", f.over));
            }
            if let Some(p) = f.kind.limit().preview {
                head.push_str(&format!(" (the first {p} show before \"see more\")"));
            }
            out.push_str(&head);
            out.push_str(" ==\n");
            if f.text.is_empty() {
                out.push_str(&format!("(empty: set `{}` in the CV)\n", f.from));
            } else {
                out.push_str(&f.text);
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}

/// The site's LinkedIn warnings (fields over their limits), for `build`.
pub fn warnings_for(site: &Site) -> Vec<Diagnostic> {
    match (&site.cv, Profile::for_site(site)) {
        (Some(cv), Some(profile)) => profile.warnings(cv),
        _ => Vec::new(),
    }
}

/// Where a field's text is written in the CV: `from` is `basics.label` or
/// `work[2].summary and highlights`; the first part, else the highlights,
/// else the object holding them.
fn written_at(cv: &Cv, from: &str) -> Option<(usize, usize)> {
    let first = from.split(" and ").next().unwrap_or(from);
    cv.locate(first)
        .or_else(|| {
            from.ends_with(" and highlights")
                .then(|| cv.locate(&first.replace(".summary", ".highlights")))
                .flatten()
        })
        .or_else(|| cv.locate(first.rsplit_once('.')?.0))
}

fn position(index: usize, w: &Work) -> Position {
    let company = w
        .employer()
        .map_or_else(|| format!("Work entry {}", index + 1), |n| n.to_string());
    let mut description = w
        .summary
        .as_ref()
        .map(|s| s.as_str().trim().to_string())
        .unwrap_or_default();
    let highlights = w.highlights.as_deref().unwrap_or_default();
    if !highlights.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        let bullets: Vec<String> = highlights.iter().map(|h| format!("• {h}")).collect();
        description.push_str(&bullets.join("\n"));
    }
    let dates = match (&w.start_date, &w.end_date) {
        (Some(s), Some(e)) => format!("{} – {}", s.display(), e.display()),
        (Some(s), None) => format!("{} – present", s.display()),
        (None, Some(e)) => format!("until {}", e.display()),
        (None, None) => String::new(),
    };
    Position {
        title: Field::new(
            FieldKind::PositionTitle,
            format!("{company}: position title"),
            w.position
                .as_ref()
                .map(|p| p.as_str().trim().to_string())
                .unwrap_or_default(),
            format!("work[{index}].position"),
        ),
        description: Field::new(
            FieldKind::PositionDescription,
            format!("{company}: description"),
            description,
            format!("work[{index}].summary and highlights"),
        ),
        company,
        dates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(yaml: &str) -> Profile {
        Profile::new(&serde_yaml::from_str(yaml).unwrap())
    }

    #[test]
    fn limits_are_linkedins() {
        let max = |k: FieldKind| k.limit().max;
        assert_eq!(max(FieldKind::Headline), 220);
        assert_eq!(max(FieldKind::About), 2600);
        assert_eq!(FieldKind::About.limit().preview, Some(300));
        assert_eq!(max(FieldKind::PositionTitle), 100);
        assert_eq!(max(FieldKind::PositionDescription), 2000);
    }

    #[test]
    fn fields_over_a_limit_are_warnings_naming_the_overflow() {
        let label = "é".repeat(221);
        let yaml = format!(
            "basics:\n  label: {label}\n  summary: {}\nwork:\n  - name: Acme\n    position: {}\n",
            "a".repeat(2600),
            "T".repeat(105)
        );
        let p = profile(&yaml);
        assert_eq!((p.headline.chars, p.headline.over), (221, 1));
        assert_eq!((p.about.chars, p.about.over), (2600, 0));
        assert_eq!(p.about_preview.chars().count(), 301, "300 and an ellipsis");
        let cv = Cv {
            resume: serde_yaml::from_str(&yaml).unwrap(),
            source: "content/cv.yaml".into(),
            text: yaml.clone(),
        };
        let w = p.warnings(&cv);
        let at: Vec<(usize, usize)> = w.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(at, [(2, 3), (6, 5)], "at the fields in the CV");
        let messages: Vec<&str> = w.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "LinkedIn Headline is 221 characters: 1 over the limit of 220",
                "LinkedIn Acme: position title is 105 characters: 5 over the limit of 100",
            ]
        );
        assert_eq!(
            w[0].hint.as_deref(),
            Some("shorten `basics.label` in content/cv.yaml")
        );
        assert!(
            p.text()
                .contains("== Headline — 221 of 220 characters, 1 OVER ==")
        );
    }

    #[test]
    fn a_position_is_its_summary_then_its_highlights() {
        let p = profile(
            "work:\n  - name: Acme\n    startDate: 2021-04\n    summary: Led the team.\n    highlights: [Shipped v2, Hired 5]\n  - name: Old\n",
        );
        let acme = &p.positions[0];
        assert_eq!(
            acme.description.text,
            "Led the team.\n\n• Shipped v2\n• Hired 5"
        );
        assert_eq!(acme.dates, "Apr 2021 – present");
        assert_eq!(acme.title.text, "");
        assert!(
            p.text()
                .contains("(empty: set `work[0].position` in the CV)")
        );
        assert_eq!(p.positions[1].description.chars, 0);
    }
}
