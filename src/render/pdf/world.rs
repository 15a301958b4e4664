//! The closed world a CV is typeset in: one Typst source (the theme's
//! `cv.typ`), one data file (`cv.json`, the CV as JSON), the open fonts
//! that ship inside the binary (`typst-assets`) and a fixed date. Nothing
//! else exists in it: no system fonts, no other file, no package, no
//! network, no clock.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::date::Date;

/// The template's name inside the world.
pub const MAIN: &str = "cv.typ";
/// The data file the template reads with `json("cv.json")`.
pub const DATA: &str = "cv.json";

/// The standard library and the fonts, built once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// A file id in the world's one project.
pub fn id(name: &str) -> Option<FileId> {
    let path = VirtualPath::new(name).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, path).intern())
}

pub struct CvWorld {
    main: Source,
    data: Bytes,
    data_id: FileId,
    today: Date,
}

impl CvWorld {
    /// A world with `template` as its main source and `data` as `cv.json`.
    pub fn new(template: &str, data: Vec<u8>, today: Date) -> Option<CvWorld> {
        Some(CvWorld {
            main: Source::new(id(MAIN)?, template.to_string()),
            data: Bytes::new(data),
            data_id: id(DATA)?,
            today,
        })
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for CvWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        datetime(self.today)
    }
}

/// `date` as Typst's date.
pub fn datetime(date: Date) -> Option<Datetime> {
    Datetime::from_ymd(date.year, date.month, date.day)
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}
