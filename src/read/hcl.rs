//! PLACEHOLDER
use super::Document;
use crate::diagnostic::Diagnostic;
pub fn read(_source: &str) -> (Document, Vec<Diagnostic>) {
    unimplemented!()
}
