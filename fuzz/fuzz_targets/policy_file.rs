//! Any bytes as a policy file, in TOML and in JSON: reading never panics, and a policy that
//! reads validates the worked example with its rule levels, ranges and waivers applied,
//! deterministically.
#![no_main]

use icsgov::{Date, Model, Policy, Validator};
use libfuzzer_sys::fuzz_target;

const EXAMPLE: &str = include_str!("../../examples/lancashire-south-cumbria.json");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let model = Model::from_json_str(EXAMPLE).expect("the worked example loads");
    for policy in [Policy::from_toml_str(text), Policy::from_json_str(text)] {
        let Ok(policy) = policy else { continue };
        let today = Date::new(2025, 10, 1).expect("a real date");
        let run = || {
            let mut report = Validator::new(&policy).as_of(today).validate(&model);
            let about_policy = policy.apply_waivers(&mut [&mut report], today);
            (report, about_policy)
        };
        assert_eq!(run(), run());
        // A policy that reads writes back out as JSON and reads again to the same policy.
        let json = serde_json::to_string(&policy).expect("a policy serialises");
        let again = Policy::from_json_str(&json).expect("written policy reads");
        assert_eq!(again, policy);
    }
});
