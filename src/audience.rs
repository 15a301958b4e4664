//! The small words of the audience boundary, on the ground floor so every
//! step of the pipeline can name them: the two [`Audience`]s, a page's
//! [`Visibility`], and [`Seen`], which audiences see a thing. These are
//! data only: the rules that decide them live in [`crate::content::view`].

/// One of the two sites a build makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    Public,
    Private,
}

impl Audience {
    pub fn name(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Private => "private",
        }
    }
}

/// What a page's front matter asks for (`visibility:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Public,
    Private,
}

/// Which audiences see a page or file, as decided by
/// [`crate::content::view`]: markdown reads it to refuse links across the
/// boundary without knowing the rules itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Seen {
    pub public: bool,
    pub private: bool,
}

impl Seen {
    /// Whether `audience` sees it.
    pub fn by(self, audience: Audience) -> bool {
        match audience {
            Audience::Public => self.public,
            Audience::Private => self.private,
        }
    }
}
