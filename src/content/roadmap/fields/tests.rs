//! Tasks fields read off the end of a line: each form, and property
//! tests over any order of any fields.

use super::*;

fn d(s: &str) -> Option<Date> {
    Some(Date::parse(s).unwrap())
}

fn kept(text: &str) -> (&str, Fields) {
    let (len, fields, errors) = split_fields(text);
    assert!(errors.is_empty(), "{errors:?}");
    (&text[..len], fields)
}

#[test]
fn every_emoji_field_is_read_from_the_end() {
    let (text, f) = kept(
        "Ship it ⏫ ➕ 2026-01-02 🛫 2026-01-03 ⏳ 2026-01-04 📅 2026-01-05 ✅ 2026-01-06 ❌ 2026-01-07",
    );
    assert_eq!(text, "Ship it");
    assert_eq!(f.priority, Some(Priority::High));
    assert_eq!(
        f.dates,
        Dates {
            created: d("2026-01-02"),
            start: d("2026-01-03"),
            scheduled: d("2026-01-04"),
            due: d("2026-01-05"),
            done: d("2026-01-06"),
            cancelled: d("2026-01-07"),
        }
    );
    for (emoji, p) in [
        ("🔺", Priority::Highest),
        ("⏫", Priority::High),
        ("🔼", Priority::Medium),
        ("🔽", Priority::Low),
        ("⏬", Priority::Lowest),
    ] {
        assert_eq!(kept(&format!("x {emoji}")).1.priority, Some(p));
    }
}

#[test]
fn tags_and_block_ids_between_fields_do_not_stop_the_reading() {
    let (text, f) = kept("Plan 📅 2021-09-12 #work ⏫ #q3");
    assert_eq!(text, "Plan");
    assert_eq!(f.tags, "#work #q3");
    assert_eq!(f.dates.due, d("2021-09-12"));
    assert_eq!(f.priority, Some(Priority::High));
    let (text, f) = kept("Plan ⏳ 2021-09-12 🔁 every day ^abc-123");
    assert_eq!(text, "Plan");
    assert_eq!(f.meta.block_id.as_deref(), Some("^abc-123"));
    assert_eq!(f.meta.recurrence.as_deref(), Some("every day"));
    assert_eq!(f.dates.scheduled, d("2021-09-12"));
    // A tag inside the description stays where it is.
    let (text, f) = kept("Call #home about rent 📅 2021-09-12");
    assert_eq!((text, f.tags.as_str()), ("Call #home about rent", ""));
    // Not a tag: `#` right after a letter, or punctuation in the name.
    assert_eq!(kept("see page#top").0, "see page#top");
}

#[test]
fn recurrence_on_completion_id_and_depends_on() {
    let (text, f) =
        kept("Pay rent 🔁 every month on the 1st 🏁 delete 🆔 rent-1 ⛔ bank_a, bank-b");
    assert_eq!(text, "Pay rent");
    assert_eq!(f.meta.recurrence.as_deref(), Some("every month on the 1st"));
    assert_eq!(f.meta.on_completion.as_deref(), Some("delete"));
    assert_eq!(f.meta.id.as_deref(), Some("rent-1"));
    assert_eq!(f.meta.depends_on, ["bank_a", "bank-b"]);
    // An action Tasks does not know is read and ignored, as Tasks does.
    let (text, f) = kept("x 🏁 archive");
    assert_eq!((text, f.meta.on_completion), ("x", None));
}

#[test]
fn fields_without_a_space_and_variation_selectors() {
    let (text, f) = kept("x 📅2022-07-02 ⏳2022-07-01🔁every week");
    assert_eq!(text, "x");
    assert_eq!(f.dates.due, d("2022-07-02"));
    assert_eq!(f.dates.scheduled, d("2022-07-01"));
    assert_eq!(f.meta.recurrence.as_deref(), Some("every week"));
    let (_, f) = kept("x 🗓\u{FE0F} 2026-06-30 ⏫\u{FE0F}");
    assert_eq!(f.dates.due, d("2026-06-30"));
    assert_eq!(f.priority, Some(Priority::High));
}

#[test]
fn a_field_written_twice_keeps_the_one_further_left() {
    let (_, f) = kept("x 📅 2026-01-01 📅 2026-02-02 🔽 ⏫");
    assert_eq!(f.dates.due, d("2026-01-01"));
    assert_eq!(f.priority, Some(Priority::Low));
}

#[test]
fn dataview_fields() {
    let (text, f) = kept("Write [due:: 2026-06-30] (priority:: low) [repeat:: every day]");
    assert_eq!(text, "Write");
    assert_eq!(f.dates.due, d("2026-06-30"));
    assert_eq!(f.priority, Some(Priority::Low));
    assert_eq!(f.meta.recurrence.as_deref(), Some("every day"));
}

#[test]
fn reading_stops_at_other_text() {
    let (text, f) = kept("Meet on 📅 2026-01-05 with Bob");
    assert_eq!(text, "Meet on 📅 2026-01-05 with Bob");
    assert_eq!(f, Fields::default());
    assert_eq!(kept("see [link text]").0, "see [link text]");
    assert_eq!(kept("a [note:: x]").0, "a [note:: x]");
    assert_eq!(kept("2 ^ 3").0, "2 ^ 3");
}

#[test]
fn impossible_dates_say_not_a_real_day() {
    let (len, f, errors) = split_fields("Plan 📅 2024-02-30");
    assert_eq!(len, 4);
    assert_eq!(f.dates.due, None);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].text, "📅 2024-02-30");
    assert_eq!(
        errors[0].message,
        "`2024-02-30` is not a real day (February 2024 has 29 days)"
    );
    let (_, _, errors) = split_fields("Plan ✅ 2026-13-01");
    assert_eq!(
        errors[0].message,
        "`2026-13-01` is not a real day (there is no month 13)"
    );
    let (_, _, errors) = split_fields("Plan [due:: 2026-04-31]");
    assert!(
        errors[0].message.contains("April 2026 has 30 days"),
        "{errors:?}"
    );
    let (_, _, errors) = split_fields("Plan [due:: soon]");
    assert!(errors[0].message.contains("`soon`"), "{errors:?}");
}

/// One field of a generated task line: how it is written, and what
/// reading it must give.
#[derive(Debug, Clone)]
enum Gen {
    Priority(usize),
    Date(usize, Date),
    Recurrence(&'static str),
    OnCompletion(&'static str),
    Id(&'static str),
    DependsOn(&'static str),
    Tag(&'static str),
}

const PRIORITIES: [(&str, Priority); 5] = [
    ("🔺", Priority::Highest),
    ("⏫", Priority::High),
    ("🔼", Priority::Medium),
    ("🔽", Priority::Low),
    ("⏬", Priority::Lowest),
];
const DATE_EMOJI: [&str; 6] = ["📅", "✅", "🛫", "⏳", "❌", "➕"];

fn written(g: &Gen, glued: bool) -> String {
    let sep = if glued { "" } else { " " };
    match g {
        Gen::Priority(i) => PRIORITIES[*i].0.to_string(),
        Gen::Date(i, d) => format!("{}{sep}{d}", DATE_EMOJI[*i]),
        Gen::Recurrence(r) => format!("🔁{sep}{r}"),
        Gen::OnCompletion(a) => format!("🏁{sep}{a}"),
        Gen::Id(id) => format!("🆔{sep}{id}"),
        Gen::DependsOn(ids) => format!("⛔{sep}{ids}"),
        Gen::Tag(t) => t.to_string(),
    }
}

fn field() -> impl proptest::strategy::Strategy<Value = Gen> {
    use proptest::prelude::*;
    let date = (2000i32..2031, 1u8..13, 1u8..29)
        .prop_map(|(y, m, d)| Date::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap());
    prop_oneof![
        (0usize..5).prop_map(Gen::Priority),
        ((0usize..6), date).prop_map(|(i, d)| Gen::Date(i, d)),
        proptest::sample::select(vec![
            "every day",
            "every week on Monday",
            "every 2 months when done"
        ])
        .prop_map(Gen::Recurrence),
        proptest::sample::select(vec!["keep", "delete"]).prop_map(Gen::OnCompletion),
        proptest::sample::select(vec!["abc123", "a_b-c"]).prop_map(Gen::Id),
        proptest::sample::select(vec!["x1", "x1,y2", "x1, y2"]).prop_map(Gen::DependsOn),
        proptest::sample::select(vec!["#work", "#q3", "#a/b"]).prop_map(Gen::Tag),
    ]
}

proptest::proptest! {
    /// Any description followed by any fields, tags and a block id, in
    /// any order, with or without spaces: the description and every
    /// field come back (a field of one kind written once each).
    #[test]
    fn fields_in_any_order_are_all_read(
        description in "[A-Za-z][A-Za-z ]{0,20}[A-Za-z]",
        fields in proptest::collection::vec(field(), 0..8),
        glued in proptest::collection::vec(proptest::bool::ANY, 8),
        block in proptest::option::of("[a-z0-9-]{1,8}"),
    ) {
        // One field of each kind (a tag may repeat).
        let mut seen = std::collections::HashSet::new();
        let fields: Vec<Gen> = fields
            .into_iter()
            .filter(|g| {
                let key = match g {
                    Gen::Priority(_) => "p".to_string(),
                    Gen::Date(i, _) => format!("d{i}"),
                    Gen::Recurrence(_) => "r".into(),
                    Gen::OnCompletion(_) => "o".into(),
                    Gen::Id(_) => "i".into(),
                    Gen::DependsOn(_) => "n".into(),
                    Gen::Tag(t) => format!("t{t}{}", seen.len()),
                };
                seen.insert(key)
            })
            .collect();
        let mut line = description.clone();
        for (k, g) in fields.iter().enumerate() {
            line.push(' ');
            line.push_str(&written(g, glued[k]));
        }
        if let Some(b) = &block {
            line.push_str(&format!(" ^{b}"));
        }
        let (keep, f, errors) = split_fields(&line);
        proptest::prop_assert!(errors.is_empty(), "{:?}", errors);
        proptest::prop_assert_eq!(&line[..keep], description.as_str(), "{}", line);
        let mut tags = Vec::new();
        for g in &fields {
            match g {
                Gen::Priority(i) => proptest::prop_assert_eq!(f.priority, Some(PRIORITIES[*i].1)),
                Gen::Date(i, d) => {
                    let got = match i {
                        0 => f.dates.due,
                        1 => f.dates.done,
                        2 => f.dates.start,
                        3 => f.dates.scheduled,
                        4 => f.dates.cancelled,
                        _ => f.dates.created,
                    };
                    proptest::prop_assert_eq!(got, Some(*d), "{}", line);
                }
                Gen::Recurrence(r) => proptest::prop_assert_eq!(f.meta.recurrence.as_deref(), Some(*r)),
                Gen::OnCompletion(a) => proptest::prop_assert_eq!(f.meta.on_completion.as_deref(), Some(*a)),
                Gen::Id(id) => proptest::prop_assert_eq!(f.meta.id.as_deref(), Some(*id)),
                Gen::DependsOn(ids) => {
                    let want: Vec<String> = ids.split(',').map(|s| s.trim().to_string()).collect();
                    proptest::prop_assert_eq!(&f.meta.depends_on, &want);
                }
                Gen::Tag(t) => tags.push(*t),
            }
        }
        proptest::prop_assert_eq!(f.tags, tags.join(" "));
        proptest::prop_assert_eq!(f.meta.block_id, block.map(|b| format!("^{b}")));
    }

    /// Whatever the text (made of the characters fields are made of),
    /// reading never panics and the description is a prefix of it
    /// ending on a character boundary.
    #[test]
    fn any_text_reads_without_panic(
        text in "[a-z0-9 #^,!_\\-\\[\\]():📅✅🔁🆔⛔🏁⏫🗓\u{FE0F}]{0,40}",
    ) {
        let (keep, _, _) = split_fields(&text);
        proptest::prop_assert!(text.is_char_boundary(keep) && keep <= text.len());
    }
}
