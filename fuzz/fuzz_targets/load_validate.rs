//! Any bytes, as JSON and as YAML: loading never panics, and whatever loads validates (as of a
//! date and across its timeline) without panicking, deterministically.
#![no_main]

use icsgov::{Date, Format, Model, Policy, Validator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let policy = Policy::default();
    for format in [Format::Json, Format::Yaml] {
        if let Ok(model) = Model::from_slice(data, format) {
            let timeline = Validator::new(&policy).validate(&model);
            assert_eq!(timeline, Validator::new(&policy).validate(&model));
            if let Some(d) = Date::new(2023, 4, 1) {
                let _ = Validator::new(&policy).as_of(d).validate(&model);
                let _ = model.snapshot(d);
            }
            // Whatever loads writes back out and loads again to the same model.
            let again = Model::from_json_str(&model.to_json_string()).expect("written JSON loads");
            assert_eq!(again, model);
        }
    }
});
