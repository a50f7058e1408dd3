//! Pictures: graph output for the worked example (snapshots), Graphviz accepting the DOT, and
//! the diagram in README kept in step with the tool.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn graph(args: &[&str]) -> String {
    let out = Command::cargo_bin("icsgov")
        .unwrap()
        .current_dir(root())
        .arg("graph")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const EXAMPLE: &str = "examples/lancashire-south-cumbria.json";

#[test]
fn mermaid_of_the_example() {
    let text = graph(&[EXAMPLE]);
    assert!(text.starts_with("flowchart TD\n"));
    insta::assert_snapshot!("mermaid-example", text);
}

#[test]
fn one_place_with_chosen_relationships_and_findings_highlighted() {
    let text = graph(&[
        "tests/fixtures/datasets/lsc-with-faults.json",
        "--root",
        "south-cumbria",
        "--relationships",
        "influences,delegates_to",
    ]);
    // South Cumbria, its neighbourhoods and its partnership; the ICB it relates to.
    assert!(text.contains("place South Cumbria"));
    assert!(text.contains("Millom"));
    assert!(!text.contains("Pennine Lancashire"), "{text}");
    assert!(text.contains("|influences|"));
    assert!(!text.contains("|is accountable to|"));
    // The invented network's population is out of range (ICS103) and its place is short
    // (ICS105).
    let invented = graph(&[
        "tests/fixtures/datasets/lsc-with-faults.json",
        "--root",
        "invented-place",
    ]);
    assert!(invented.contains("⚠ ICS103"), "{invented}");
    assert!(invented.contains("⚠ ICS105"), "{invented}");
    insta::assert_snapshot!("mermaid-south-cumbria", text);
}

#[test]
fn as_of_draws_the_structure_in_force() {
    let history = "examples/lancashire-south-cumbria-history.json";
    let before = graph(&[history, "--as-of", "2021-06-01"]);
    assert!(before.contains("NHS Morecambe Bay CCG") && !before.contains("Integrated Care Board"));
    let after = graph(&[history, "--as-of", "2024-01-01"]);
    assert!(!after.contains("NHS Morecambe Bay CCG") && after.contains("Integrated Care Board"));
}

#[test]
fn graphviz_accepts_the_dot() {
    let dot = graph(&[EXAMPLE, "--format", "dot"]);
    insta::assert_snapshot!("dot-example", dot);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("example.dot");
    std::fs::write(&file, &dot).unwrap();
    // Graphviz is not part of a fresh machine: the README's test command must pass without it,
    // so the rendering is checked where `dot` is installed, and always in CI, which installs it
    // and sets ICSGOV_REQUIRE_DOT.
    let out = match std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&file)
        .output()
    {
        Ok(out) => out,
        Err(e) if std::env::var_os("ICSGOV_REQUIRE_DOT").is_none() => {
            eprintln!("Graphviz `dot` is not installed ({e}): the DOT text was checked, its rendering was not");
            return;
        }
        Err(e) => panic!("Graphviz `dot` must be installed (.ci/run installs it): {e}"),
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

#[test]
fn bad_graph_arguments_exit_2() {
    for args in [
        vec![EXAMPLE, "--root", "nowhere"],
        vec![EXAMPLE, "--relationships", "likes"],
        vec!["missing.json"],
    ] {
        Command::cargo_bin("icsgov")
            .unwrap()
            .current_dir(root())
            .arg("graph")
            .args(&args)
            .assert()
            .code(2);
    }
}

/// docs/cli.md shows the example's diagram between markers; `ICSGOV_BLESS=1` rewrites it.
#[test]
fn docs_cli_embeds_the_generated_diagram() {
    let diagram = graph(&[
        EXAMPLE,
        "--relationships",
        "accountable_to,approves_constitution,reviews,convenes,influences,member_of,part_of",
    ]);
    let block = format!("<!-- graph:start (generated: cargo run -- graph examples/lancashire-south-cumbria.json --relationships accountable_to,approves_constitution,reviews,convenes,influences,member_of,part_of) -->\n```mermaid\n{diagram}```\n<!-- graph:end -->");
    let path = root().join("docs/cli.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find("<!-- graph:start")
        .expect("docs/cli.md has a graph:start marker");
    let end = readme
        .find("<!-- graph:end -->")
        .expect("docs/cli.md has a graph:end marker")
        + "<!-- graph:end -->".len();
    if std::env::var_os("ICSGOV_BLESS").is_some() {
        std::fs::write(
            &path,
            format!("{}{block}{}", &readme[..start], &readme[end..]),
        )
        .unwrap();
        return;
    }
    assert!(
        readme[start..end] == block,
        "the diagram in docs/cli.md is stale; run `ICSGOV_BLESS=1 cargo test -p icsgov-cli --test graph`"
    );
}

#[test]
fn the_html_report_is_one_self_contained_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    Command::cargo_bin("icsgov")
        .unwrap()
        .current_dir(root())
        .args([
            "report",
            "tests/fixtures/datasets/lsc-with-faults.json",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(1);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("id=\"count-error\">1<") && html.contains("id=\"count-warning\">2<"));
    assert_eq!(html.matches("<tr class=\"sev-").count(), 3);
    let without_svg_namespace = html.replace("http://www.w3.org/2000/svg", "");
    for external in ["http://", "https://", " src=", "<link", "@import"] {
        assert!(
            !without_svg_namespace.contains(external),
            "the page refers outside itself: {external}"
        );
    }
}

/// The HTML report loses no footprint: two footprints `within` each other have no place in
/// the tier tree, so they are listed on their own, with their findings marked.
#[test]
fn the_html_report_lists_footprints_the_tree_cannot_reach() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("circle.json");
    std::fs::write(
        &data,
        r#"{"footprints": [
            {"id": "place-a", "name": "Place <A>", "tier": "place", "within": "place-b"},
            {"id": "place-b", "name": "Place B", "tier": "place", "within": "place-a"},
            {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"}
        ]}"#,
    )
    .unwrap();
    let page = dir.path().join("report.html");
    Command::cargo_bin("icsgov")
        .unwrap()
        .arg("report")
        .arg(&data)
        .arg("-o")
        .arg(&page)
        .assert()
        .code(1);
    let html = std::fs::read_to_string(&page).unwrap();
    let tiers = &html[html.find("id=\"tiers\"").unwrap()..];
    let tiers = &tiers[..tiers.find("</section>").unwrap()];
    for id in ["place-a", "place-b", "lsc"] {
        assert!(
            tiers.contains(&format!("data-footprint=\"{id}\"")),
            "{id} is missing from the tier section"
        );
    }
    assert!(tiers.contains("Not in the tree (2)"), "{tiers}");
    assert!(tiers.contains("Place &lt;A&gt;"), "{tiers}");
    assert!(tiers.contains("⚠"), "{tiers}");
}

#[test]
fn seats_are_drawn_unless_the_relationships_chosen_leave_them_out() {
    let all = graph(&[EXAMPLE, "--as-of", "2024-01-01"]);
    assert!(all.contains("David Flory<br/>(person)"), "{all}");
    assert!(all.contains("-->|chair|"), "{all}");
    let seats = graph(&[EXAMPLE, "--relationships", "seats,committee_of"]);
    assert!(seats.contains("Kevin Lavery<br/>(person)"));
    assert!(seats.contains("|is a committee of|"));
    assert!(!seats.contains("|is accountable to|"));
    let none = graph(&[EXAMPLE, "--relationships", "accountable_to"]);
    assert!(!none.contains("(person)"), "{none}");
    let dot = graph(&[EXAMPLE, "--format", "dot", "--relationships", "seats"]);
    assert!(
        dot.contains("[shape=ellipse, label=\"David Flory\\n(person)\"]"),
        "{dot}"
    );
}

#[test]
fn the_html_report_has_a_board_panel_per_icb() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    Command::cargo_bin("icsgov")
        .unwrap()
        .current_dir(root())
        .args([EXAMPLE_REPORT, EXAMPLE, "--as-of", "2024-01-01", "-o"])
        .arg(&out)
        .assert()
        .code(1);
    let html = std::fs::read_to_string(&out).unwrap();
    let panel = &html[html.find("<div class=\"board\" id=\"board-QE1\">").unwrap()..];
    let panel = &panel[..panel.find("</div>").unwrap()];
    for text in [
        "David Flory",
        "Kevin Lavery",
        "Kevin McGee",
        "records this board in part",
        "Quality Committee",
        "commissioning dental services",
    ] {
        assert!(panel.contains(text), "{text} missing from {panel}");
    }
    // Specialised services were delegated from 1 April 2024: not on the day shown.
    assert!(!panel.contains("specialised"), "{panel}");

    // Names from the data are escaped.
    let data = dir.path().join("hostile.json");
    std::fs::write(
        &data,
        r#"{"bodies": [{"id": "icb-x", "name": "NHS <b>Example</b> ICB", "kind": "integrated_care_board"}],
            "people": [{"id": "p-x", "name": "<script>alert(1)</script>"}],
            "memberships": [{"person": "p-x", "role": "chair", "body": "icb-x"}]}"#,
    )
    .unwrap();
    let page = dir.path().join("hostile.html");
    Command::cargo_bin("icsgov")
        .unwrap()
        .args(["report"])
        .arg(&data)
        .arg("-o")
        .arg(&page)
        .assert()
        .code(1);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<b>Example</b>"));
}

const EXAMPLE_REPORT: &str = "report";
