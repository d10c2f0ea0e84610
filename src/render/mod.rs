//! Renderers that turn diagnostics into text for people and tools (contract section 5).
//!
//! Each renderer takes plain [`Diagnostic`](crate::Diagnostic) values and the source they point
//! into, and returns a `String`: [`human`] draws rustc-style code frames, [`sarif`] writes SARIF
//! 2.1.0 for code-scanning tools. The JSON form is [`crate::report`]. None of them does I/O.

pub mod diff;
pub mod human;
#[cfg(feature = "observed")]
pub mod observed;
pub mod sarif;
