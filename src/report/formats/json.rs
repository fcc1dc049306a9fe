//! `--format json`: the `Report` as SPEC.md §Report gives it (`loa-report/1`), the form
//! units send the department for merging.

use crate::report::model::Report;

pub fn render(report: &Report) -> Vec<u8> {
    // A value made of strings, numbers and lists always serialises.
    let mut bytes = serde_json::to_vec_pretty(report).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
