//! Organisation policy (contract section 6). PLACEHOLDER until the policy issue.

use crate::checks::Checked;
use crate::diagnostic::Diagnostic;
use crate::options::Policy;
use crate::timeline::{Assumptions, Timeline};

pub fn check(
    _policy: &Policy,
    _checked: &Checked,
    _timeline: Option<&Timeline>,
    _assumptions: &Assumptions,
) -> Vec<Diagnostic> {
    Vec::new()
}
