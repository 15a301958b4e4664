//! folio: a static-site generator for a career portfolio.
//!
//! One pipeline, data flowing one way:
//!
//! ```text
//! site root ──load──▶ Site ──view(Public)──▶ render ──▶ Outputs ──write──▶ public/
//!                          └─view(Private)─▶ render ──▶ Outputs ──write──▶ private/
//! ```
//!
//! - [`config`] reads `site.toml`;
//! - [`content`] walks `content/`, reads front matter and renders each body's
//!   markdown once ([`markdown`], [`highlight`]) into the typed [`content::Site`];
//! - [`content::view`] is the audience boundary: the only place that decides
//!   what the public and the private site get;
//! - [`render`] turns one view and the theme into [`output::Outputs`];
//! - [`crypt`] seals the private outputs before they are written, when
//!   `[private] encrypt` is on (`build` and `watch`, never `serve`);
//! - [`output`] is the only module that writes to disk (atomically);
//! - [`build`] strings the steps together;
//! - [`watch`] turns file events into rebuilds ([`rebuild`]) for `folio watch`
//!   and for [`serve`], the development server with live reload.

// Diagnostics are errors on the cold path; boxing them would only add noise.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cache;
pub mod config;
pub mod content;
pub mod crypt;
pub mod date;
pub mod diagnostic;
pub mod error;
pub mod highlight;
pub mod markdown;
pub mod output;
pub mod rebuild;
pub mod render;
pub mod serve;
pub mod slug;
pub mod watch;
