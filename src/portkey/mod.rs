//! The Portkey Gateway module's `.tfvars` (or `.tfvars.json`) as one more reader of an ECS
//! service: the text is read, type-checked against the module's variables (`schema.rs`,
//! `typecheck.rs`) and checked (`checks/`), giving the gateway's one checked service in the same
//! shape every other source's service takes (`service::ServiceOutcome`), so that the timeline,
//! the policy and `compare` take it alike.

use crate::checks;
use crate::diagnostic::{Code, Diagnostic};
use crate::options::Format;
use crate::read;
use crate::service::{FileAssumptions, ServiceOutcome};
use crate::typecheck;

/// The name the module's one service is listed under.
pub const SERVICE_NAME: &str = "gateway";

/// Reads, type-checks and checks `source`; `None` when nothing could be read at all (the
/// diagnostics say why).
pub fn check(
    source: &str,
    format: Option<Format>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ServiceOutcome> {
    let (document, found) = read::read(source, format);
    diagnostics.extend(found);
    let nothing_read =
        document.attributes.is_empty() && diagnostics.iter().any(|d| d.code == Code::SyntaxError);
    if nothing_read {
        return None;
    }
    let typed = typecheck::check(source, &document, diagnostics);
    let checked = checks::run(source, &typed, diagnostics);
    Some(ServiceOutcome {
        checked,
        // The module sets no deployment bake or rolling percents that the timeline's
        // assumptions would take from the file: its documented defaults stand.
        assumptions: FileAssumptions::default(),
        notes: Vec::new(),
    })
}
