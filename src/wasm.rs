//! PLACEHOLDER: the JavaScript boundary.
