declare_rule! {
    /// ### What it checks
    ///
    /// That every waiver in the policy matches at least one finding: its rule found something
    /// about its entity in this run.
    ///
    /// ### Why it matters
    ///
    /// A waiver that matches nothing is either out of date (the finding was fixed) or wrong
    /// (a typo in the rule or the entity id), and in both cases it would silently waive a
    /// future finding nobody has looked at.
    ///
    /// ### Example
    ///
    /// ```toml
    /// [[waivers]]
    /// rule = "ICS103"
    /// entity = "nbh-does-not-exist"
    /// reason = "agreed at the March board"
    /// owner = "LSC ICB data team"
    /// expires = "2030-03-31"
    /// ```
    ///
    /// ### How to fix
    ///
    /// Remove the waiver if the finding is fixed; otherwise correct its rule or entity.
    pub static UNMATCHED_WAIVER = {
        code: "ICS902",
        name: "unmatched-waiver",
        severity: Warning,
        basis: Structure("waivers name real findings: icsgov policy files"),
        summary: "every waiver in the policy matches a finding",
        subjects: policy,
    };
}
