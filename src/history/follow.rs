//! Following one file's tasks through its committed versions cheaply: the
//! rule of [`super::tasks`] (equal texts first, then word similarity for
//! the leftovers), on numbers instead of strings.
//!
//! Each distinct task line is normalised once, each distinct normalised
//! text gets a number and its word set once, and each blob is split into
//! task lines once (a version that returns, as after a revert, is not read
//! again). Pairing two versions is then one pass over a hash map of
//! numbers; word similarity is computed only between the tasks left
//! unpaired in the two versions. The maps hash with `rustc-hash`: their
//! keys are task lines and object ids of the site's own repository, and
//! SipHash was a tenth of a cold read.

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use super::tasks::{self, Tracked};
use crate::config::tasks::TaskStatuses;

/// One task of one version: its text's number and whether it is done.
type Seen = (u32, bool);

/// The tasks of one file, version after version.
pub struct Follow<'s> {
    statuses: &'s TaskStatuses,
    /// Normalised text of each number.
    keys: Vec<String>,
    /// Sorted word numbers of each text number.
    words: Vec<Vec<u32>>,
    ids: HashMap<String, u32>,
    word_ids: HashMap<String, u32>,
    /// A task line as written (after its marker) → its text number
    /// (`None`: nothing left once normalised).
    lines: HashMap<Box<str>, Option<u32>>,
    /// The task items of each blob read so far.
    blobs: HashMap<gix::ObjectId, Rc<[Seen]>>,
    /// After the latest version: (text, added day, done day).
    state: Vec<(u32, i64, Option<i64>)>,
}

impl<'s> Follow<'s> {
    /// Starts from `tracked`, what an earlier read knew (empty: nothing).
    pub fn new(statuses: &'s TaskStatuses, tracked: &[Tracked]) -> Follow<'s> {
        let mut f = Follow {
            statuses,
            keys: Vec::new(),
            words: Vec::new(),
            ids: HashMap::default(),
            word_ids: HashMap::default(),
            lines: HashMap::default(),
            blobs: HashMap::default(),
            state: Vec::new(),
        };
        f.state = tracked
            .iter()
            .map(|t| (f.intern(&t.key), t.added, t.done))
            .collect();
        f
    }

    /// One more version, the blob `id` (whose text `read` gives, called
    /// only the first time `id` is seen), committed on `day`.
    pub fn version(
        &mut self,
        id: gix::ObjectId,
        day: i64,
        read: impl FnOnce() -> Result<String, String>,
    ) -> Result<(), String> {
        let seen = match self.blobs.get(&id) {
            Some(seen) => Rc::clone(seen),
            None => {
                let text = read()?;
                let seen: Rc<[Seen]> = self.parse(&text).into();
                self.blobs.insert(id, Rc::clone(&seen));
                seen
            }
        };
        self.advance(&seen, day);
        Ok(())
    }

    /// The file is gone in the version of `day`: its tasks with it.
    pub fn removed(&mut self, day: i64) {
        self.advance(&[], day);
    }

    /// What is known after the latest version.
    pub fn tracked(&self) -> Vec<Tracked> {
        self.state
            .iter()
            .map(|&(id, added, done)| Tracked {
                key: self.keys[id as usize].clone(),
                added,
                done,
            })
            .collect()
    }

    fn parse(&mut self, text: &str) -> Vec<Seen> {
        let mut out = Vec::new();
        for (line, done) in tasks::task_lines(text, self.statuses) {
            let id = match self.lines.get(line) {
                Some(&id) => id,
                None => {
                    let key = tasks::normalise(line);
                    let id = (!key.is_empty()).then(|| self.intern(&key));
                    self.lines.insert(line.into(), id);
                    id
                }
            };
            if let Some(id) = id {
                out.push((id, done));
            }
        }
        out
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let mut words: Vec<u32> = key
            .split(' ')
            .map(|w| {
                let next = self.word_ids.len() as u32;
                *self.word_ids.entry(w.to_owned()).or_insert(next)
            })
            .collect();
        words.sort_unstable();
        words.dedup();
        let id = self.keys.len() as u32;
        self.keys.push(key.to_owned());
        self.words.push(words);
        self.ids.insert(key.to_owned(), id);
        id
    }

    /// [`tasks::advance`] on numbers.
    fn advance(&mut self, version: &[Seen], day: i64) {
        let old: Vec<u32> = self.state.iter().map(|s| s.0).collect();
        let new: Vec<u32> = version.iter().map(|s| s.0).collect();
        let words = &self.words;
        let paired = tasks::pair_with(&old, &new, |o, n| {
            dice(&words[old[o] as usize], &words[new[n] as usize])
        });
        let state = paired
            .into_iter()
            .zip(version)
            .map(|(prev, &(id, done))| {
                let prev = prev.map(|i| self.state[i]);
                let done = match (done, prev) {
                    (false, _) => None,
                    (true, Some(p)) => p.2.or(Some(day)),
                    (true, None) => Some(day),
                };
                (id, prev.map_or(day, |p| p.1), done)
            })
            .collect();
        self.state = state;
    }
}

/// Dice coefficient of two sorted, deduplicated word sets: what
/// [`tasks::similarity`] computes from the texts.
fn dice(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * common) as f64 / (a.len() + b.len()).max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(n: u8) -> gix::ObjectId {
        gix::ObjectId::from_bytes_or_panic(&[n; 20])
    }

    /// The numbers give what the string rule gives, version after version,
    /// rewording, moving, ticking and removing included.
    #[test]
    fn following_by_numbers_agrees_with_the_string_rule() {
        let statuses = TaskStatuses::default();
        let versions = [
            "- [ ] write the parser\n- [ ] ship release one\n- [ ] old idea\n",
            "- [ ] ship release one\n- [x] write the new parser\n- [ ] brand new task\n",
            "## B\n- [x] ship release one ✅ 2026-01-01\n- [x] write the new parser\n",
            "- [ ] ship release one\n- [x] write the new fast parser\n- [ ] Brand-new task!\n",
        ];
        let mut f = Follow::new(&statuses, &[]);
        let mut by_strings: Vec<Tracked> = Vec::new();
        for (i, text) in versions.iter().enumerate() {
            let day = 10 * i as i64;
            f.version(blob(i as u8), day, || Ok((*text).to_owned()))
                .unwrap();
            by_strings = tasks::advance(&by_strings, &tasks::extract(text, &statuses), day);
            assert_eq!(f.tracked(), by_strings, "after version {i}");
        }
        f.removed(50);
        assert!(f.tracked().is_empty());
    }

    #[test]
    fn a_blob_seen_before_is_not_read_again() {
        let statuses = TaskStatuses::default();
        let mut f = Follow::new(&statuses, &[]);
        f.version(blob(1), 1, || Ok("- [ ] a\n".into())).unwrap();
        f.version(blob(2), 2, || Ok("- [x] a\n".into())).unwrap();
        f.version(blob(1), 3, || Err("read again".into())).unwrap();
        assert_eq!(f.tracked()[0].done, None);
        assert_eq!(f.tracked()[0].added, 1);
    }

    #[test]
    fn dice_of_word_numbers_is_the_dice_of_words() {
        assert_eq!(
            dice(&[1, 2, 3], &[2, 3, 4]),
            tasks::similarity("a b c", "b c d")
        );
        assert_eq!(dice(&[], &[]), 0.0);
    }
}
