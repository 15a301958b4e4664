//! Following a field path through a CV's JSON text (already known to
//! parse): the byte offsets of the key and of the value, through objects
//! and lists, strings with escapes skipped whole.

use super::{Spot, Step};

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// The offset just past the JSON string starting at `i`.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match b.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The offset just past the JSON value starting at `i`.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let (mut depth, mut j) = (0usize, i);
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while b.get(j).is_some_and(|c| !b",]} \t\r\n".contains(c)) {
                j += 1;
            }
            Some(j)
        }
    }
}

/// Follows the path through the JSON text (already known to parse).
pub(super) fn locate_json(text: &str, steps: &[Step<'_>]) -> Option<Spot> {
    let b = text.as_bytes();
    let mut at = skip_ws(b, 0);
    let mut key = at;
    for step in steps {
        match (step, b.get(at)?) {
            (Step::Key(k), b'{') => {
                let mut i = skip_ws(b, at + 1);
                loop {
                    if b.get(i) != Some(&b'"') {
                        return None;
                    }
                    let end = skip_string(b, i)?;
                    let name: String = serde_json::from_str(&text[i..end]).ok()?;
                    let colon = skip_ws(b, end);
                    if b.get(colon) != Some(&b':') {
                        return None;
                    }
                    let value = skip_ws(b, colon + 1);
                    if name == *k {
                        (key, at) = (i, value);
                        break;
                    }
                    i = skip_ws(b, skip_value(b, value)?);
                    if b.get(i) != Some(&b',') {
                        return None;
                    }
                    i = skip_ws(b, i + 1);
                }
            }
            (Step::Index(n), b'[') => {
                let mut i = skip_ws(b, at + 1);
                for _ in 0..*n {
                    i = skip_ws(b, skip_value(b, i)?);
                    if b.get(i) != Some(&b',') {
                        return None;
                    }
                    i = skip_ws(b, i + 1);
                }
                if b.get(i).is_none_or(|c| *c == b']') {
                    return None;
                }
                (key, at) = (i, i);
            }
            _ => return None,
        }
    }
    let value = if b.get(at) == Some(&b'"') { at + 1 } else { at };
    Some(Spot {
        key,
        value: Some(value),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{locate, spot};
    use proptest::prelude::*;
    use serde_json::Value;

    #[test]
    fn json_keys_in_order() {
        let json =
            "{\n  \"basics\": {\n    \"name\": \"Ada\",\n    \"label\": \"Engineer\"\n  }\n}\n";
        assert_eq!(locate(json, "basics.label", true), Some((4, 5)));
        assert_eq!(locate(json, "work[0].position", true), None);
        let json = "{\"work\": [\n  {\"name\": \"A\", \"x\": [1, {\"name\": \"}\"}]},\n  {\"name\": \"B\",\n   \"url\": \"\"}\n]}";
        assert_eq!(locate(json, "work[1].url", true), Some((4, 4)));
        assert_eq!(locate(json, "work[1]", true), Some((3, 3)));
        let s = spot(json, "work[1].url", true).unwrap();
        assert_eq!(crate::diagnostic::line_col(json, s.value.unwrap()), (4, 12));
        assert_eq!(locate(json, "work[2]", true), None);
    }

    /// JSON trees whose keys may hold quotes, backslashes and braces.
    fn tree() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(Value::from),
            "[a-z{}\\[\\]\"\\\\ ,:]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map("[a-zA-Z0-9_$ \"\\\\{}]{1,5}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Every path in `v` (as `a.b[2].c`), with the value there.
    fn paths(v: &Value, at: String, out: &mut Vec<(String, Value)>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let p = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    out.push((p.clone(), x.clone()));
                    paths(x, p, out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let p = format!("{at}[{i}]");
                    out.push((p.clone(), x.clone()));
                    paths(x, p, out);
                }
            }
            _ => {}
        }
    }

    proptest! {
        /// In JSON, compact or pretty, every field is found at its key and
        /// its value reads back as that value.
        #[test]
        fn json_fields_are_found_at_their_key_and_value(
            fields in prop::collection::btree_map("[a-z]{1,4}", tree(), 1..4),
            pretty in any::<bool>(),
        ) {
            let v = Value::Object(fields.into_iter().collect());
            let text = if pretty {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                serde_json::to_string(&v).unwrap()
            };
            let mut all = Vec::new();
            paths(&v, String::new(), &mut all);
            for (path, want) in all {
                let step_key = path.rsplit(['.', '[']).next().unwrap();
                let s = spot(&text, &path, true);
                prop_assert!(s.is_some(), "{} not found in {}", path, text);
                let s = s.unwrap();
                if !path.ends_with(']') {
                    let key = serde_json::to_string(step_key).unwrap();
                    prop_assert!(text[s.key..].starts_with(&key), "{path}: {}", &text[s.key..]);
                }
                let value = s.value.unwrap();
                let from = if want.is_string() { value - 1 } else { value };
                let got = serde_json::Deserializer::from_str(&text[from..])
                    .into_iter::<Value>()
                    .next()
                    .unwrap()
                    .unwrap();
                prop_assert_eq!(got, want, "{}", path);
            }
        }
    }
}
