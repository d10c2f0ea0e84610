//! Terraform's conversion rules applied against the module's declared variable types.
//! PLACEHOLDER.

use crate::diagnostic::{Diagnostic, Span};
use crate::read::{Document, Entry};

/// The document after conversion to the declared types.
///
/// Values keep the raw [`crate::read::Value`] shape with scalars converted (`"10"` becomes the
/// number 10) and unknown object attributes dropped; absent `optional` attributes stay absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Typed {
    /// Declared variables whose value converted, in source order.
    pub variables: Vec<Entry>,
    /// Declared variables that are set but whose value does not convert.
    pub invalid: Vec<(String, Span)>,
}

impl Typed {
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.variables.iter().find(|entry| entry.key == name)
    }

    pub fn is_invalid(&self, name: &str) -> bool {
        self.invalid.iter().any(|(invalid, _)| invalid == name)
    }
}

pub fn check(_document: &Document, _diagnostics: &mut Vec<Diagnostic>) -> Typed {
    unimplemented!()
}
