//! Any bytes as one or two CSV publications: the importers never panic, and what they build
//! validates without panicking.
#![no_main]

use icsgov::import::{import, ImportOptions, Publication};
use icsgov::{Policy, Validator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Split at the first NUL into two files, so combinations of publications are explored.
    let (a, b) = match data.iter().position(|&x| x == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &data[..0]),
    };
    let mut sources = vec![Publication { name: "a.csv", bytes: a }];
    if !b.is_empty() {
        sources.push(Publication { name: "b.csv", bytes: b });
    }
    for lenient in [false, true] {
        let options = ImportOptions { lenient, include_closed: lenient };
        if let Ok(imported) = import(&sources, &options) {
            let _ = Validator::new(&Policy::default()).validate(&imported.model);
        }
    }
});
