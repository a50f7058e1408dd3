//! How strict serde_norway, the other maintained YAML reader measured in `benches/yaml.rs`, is
//! on the inputs icsgov's own reader refuses: the evidence behind keeping serde-saphyr.

use icsgov::Model;

/// What each reader does with a text: `Ok` or the start of its error.
fn both(text: &str) -> (Result<(), String>, Result<(), String>) {
    let saphyr = Model::from_yaml_str(text)
        .map(|_| ())
        .map_err(|e| e.to_string());
    let norway = serde_norway::from_str::<Model>(text)
        .map(|_| ())
        .map_err(|e| e.to_string());
    (saphyr, norway)
}

#[test]
fn duplicate_keys_tags_and_alias_bombs() {
    // A key given twice in a body.
    let duplicate = "bodies:\n  - id: a\n    id: b\n    name: x\n    kind: nhs_england\n";
    let (s, n) = both(duplicate);
    assert!(s.is_err(), "serde-saphyr accepted a duplicate key");
    eprintln!("duplicate key: serde-saphyr {s:?}; serde_norway {n:?}");

    // A tag on a value.
    let tagged = "bodies:\n  - id: !custom a\n    name: x\n    kind: nhs_england\n";
    let (s, n) = both(tagged);
    assert!(s.is_err(), "serde-saphyr accepted a tag");
    // serde_norway drops the tag and reads the value: not as strict.
    assert!(n.is_ok(), "{n:?}");
    eprintln!("tag: serde-saphyr {s:?}; serde_norway {n:?}");

    // Nine levels of aliases, each ten times the last: a billion names.
    let mut bomb = String::from("extensions:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        let refs = vec![format!("*{prev}"); 10].join(",");
        bomb.push_str(&format!("  {n}: &{n} [{refs}]\n"));
        prev = n;
    }
    bomb.push_str("  all: *i\n");
    let started = std::time::Instant::now();
    let (s, n) = both(&bomb);
    assert!(s.is_err(), "serde-saphyr expanded an alias bomb");
    eprintln!(
        "alias bomb: serde-saphyr {s:?}; serde_norway {n:?} ({} ms for both)",
        started.elapsed().as_millis()
    );
}
