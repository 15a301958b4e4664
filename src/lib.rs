//! folio: a static-site generator for a career portfolio.
//!
//! One pipeline, data flowing one way, and imports too: a module names only
//! modules below it (`tests/architecture.rs` holds the floors and fails on
//! any import cycle or upward import):
//!
//! ```text
//! site root ──load──▶ Site ──view(Public)──▶ render ──▶ Outputs ──write──▶ public/
//!                          └─view(Private)─▶ render ──▶ Outputs ──write──▶ private/
//! ```
//!
//! - on the ground floor, small types every step may name: [`audience`]
//!   (`Audience`, `Visibility`, and `Seen`, which audiences see a thing),
//!   [`error`], [`diagnostic`], [`date`], [`slug`], [`yaml`];
//! - [`config`] reads `site.toml` (its `[private]` table in
//!   [`config::private`]);
//! - [`content`] walks `content/`, reads front matter and renders each body's
//!   markdown once ([`markdown`], [`highlight`]) into the typed [`content::Site`];
//! - [`yaml`] parses every YAML text (front matter, `cv.yaml`), behind one
//!   guard against nesting deep enough to hang the parser;
//! - [`content::view`] is the audience boundary: the only place that decides
//!   what the public and the private site get. Its rules are private to it;
//!   other steps get its answers as data (markdown gets [`audience::Seen`]
//!   for each page and link target);
//! - [`content::roadmap`] reads roadmaps into data; [`progress`] rolls them
//!   up for the private dashboard; [`history`] fills the dates a roadmap
//!   leaves open from its git history;
//! - [`render`] turns one view and the theme into [`output::Outputs`];
//! - [`export`] turns one view's CV and achievements into `resume.json` and
//!   LinkedIn text (used by `render` and by `folio export`);
//! - [`crypt`] seals the private outputs before they are written, when
//!   `[private] encrypt` is on (`build` and `watch`, never `serve`);
//! - [`links`] checks the links of both rendered sites ([`render::Rendered`])
//!   before anything is written;
//! - [`output`] is the only module that writes the sites (atomically);
//!   [`build_cache`] keeps `.folio-cache/`, what a later build may reuse;
//!   [`site_lock`] lets one folio at a time write a site;
//! - [`build`] strings the steps together ([`timings`] measures them);
//! - [`watch`] turns file events into rebuilds ([`rebuild`]) for `folio watch`
//!   and for [`serve`], the development server with live reload.
//! - [`check`] lints the sources and the rendered sites without writing
//!   (`folio check`; it renders through [`build`] and calls [`links`]);
//! - [`scaffold`] writes new sites and pages (`folio init`, `folio new`).

// Diagnostics are errors on the cold path; boxing them would only add noise.
#![allow(clippy::result_large_err)]

pub mod audience;
pub mod build;
pub mod build_cache;
pub mod cache;
pub mod calendar;
pub mod check;
pub mod config;
pub mod content;
pub mod crypt;
pub mod date;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod highlight;
pub mod history;
pub mod html;
pub mod images;
pub mod links;
pub mod markdown;
pub mod mojibake;
pub mod output;
pub mod percent;
pub mod progress;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site_lock;
pub mod slug;
pub mod timings;
pub mod watch;
pub mod yaml;
