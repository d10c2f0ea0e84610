//! Terraform's conversions between scalars, below both the readers and the type checker.
//!
//! A tfvars value is converted to its variable's declared type by these rules (facts section 6):
//! a string holding a number converts to a number, only `"true"` and `"false"` convert to a bool,
//! and numbers print without a trailing `.0`. The HCL reader uses them for object keys and the
//! type checker for every scalar, so both agree on what a value means.

/// Terraform's string-to-number conversion: the whole string must be a number, with no spaces.
pub fn parse_number(text: &str) -> Option<f64> {
    if text.is_empty() || text.trim() != text {
        return None;
    }
    let valid = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !valid {
        return None;
    }
    text.parse::<f64>().ok().filter(|number| number.is_finite())
}

/// Terraform's string-to-bool conversion: only `"true"` and `"false"`.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A number as Terraform prints it: no trailing `.0` on whole numbers.
pub fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_follow_terraform() {
        assert_eq!(parse_number("10"), Some(10.0));
        assert_eq!(parse_number("-1.5e2"), Some(-150.0));
        assert_eq!(parse_number(" 10"), None);
        assert_eq!(parse_number("ten"), None);
        assert_eq!(parse_number("1e400"), None);
        assert_eq!(parse_bool("true"), Some(true));
        assert_eq!(parse_bool("True"), None);
        assert_eq!(format_number(5.0), "5");
        assert_eq!(format_number(-0.5), "-0.5");
        assert_eq!(format_number(1e20), "100000000000000000000");
    }
}
