declare_rule! {
    /// ### What it checks
    ///
    /// That no waiver in the policy has passed its expiry date. An expired waiver no longer
    /// waives anything: the findings it covered count again.
    ///
    /// ### Why it matters
    ///
    /// A waiver accepts a known finding for a time, with a reason and an owner, so that it is
    /// looked at again. A waiver that outlives its date is a decision nobody has revisited.
    ///
    /// ### Example
    ///
    /// ```toml
    /// [[waivers]]
    /// rule = "population-range"
    /// entity = "nbh-u16644"
    /// reason = "Millom PCN serves a remote population; minimum waived by the commissioner"
    /// owner = "LSC ICB primary care team"
    /// expires = "2024-03-31"
    /// ```
    ///
    /// ### How to fix
    ///
    /// Fix the finding and remove the waiver, or, if it is still accepted, renew the waiver
    /// with a new expiry date.
    pub static EXPIRED_WAIVER = {
        code: "ICS901",
        name: "expired-waiver",
        severity: Error,
        basis: Structure("waivers are time-limited decisions: icsgov policy files"),
        summary: "no waiver in the policy has expired",
        subjects: policy,
    };
}
