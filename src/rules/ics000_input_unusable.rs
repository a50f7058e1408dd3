declare_rule! {
    /// ### What it checks
    ///
    /// That every input named for a run could be read as a dataset: the file exists and can
    /// be read, it is well-formed JSON or YAML (or a recognised CSV publication), and it
    /// matches the dataset format. The finding is at the line and column where reading
    /// stopped, with what was expected there.
    ///
    /// ### Why it matters
    ///
    /// Nothing in a file that cannot be read was checked. A run that left it out and reported
    /// only the other files would look clean to a pipeline that reads SARIF, JUnit or
    /// annotations, so the file is reported as a finding in every output format, and the run
    /// exits 2. A policy cannot turn this rule off, waive it or baseline it.
    ///
    /// ### Example
    ///
    /// ```text
    /// {"footprints": [{"id": "lsc", "tier": "county"}]}
    /// ```
    ///
    /// `county` is not a tier: the file reads as JSON but not as a dataset.
    ///
    /// ### How to fix
    ///
    /// Correct the file at the line and column given (`icsgov schema model` prints the
    /// format), or leave it out of the run.
    pub static INPUT_UNUSABLE = {
        code: "ICS000",
        name: "input-unusable",
        severity: Error,
        basis: Structure("a dataset that cannot be read cannot be checked"),
        summary: "every input can be read as a dataset",
        subjects: input,
    };
}
