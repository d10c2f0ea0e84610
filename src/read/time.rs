//! Timestamps as the ECS API and the AWS CLI write them (facts section 11): ISO 8601 strings
//! (`2025-03-04T10:20:30.123000+01:00`, `...Z`) or, with the CLI's `cli_timestamp_format` set
//! to `none`, epoch seconds with a fraction. Read by hand in whole milliseconds since the Unix
//! epoch (UTC): no date crate pays for its bytes in the browser build. Nothing here panics; a
//! text that is not one of these forms, or a date outside the years 1970 to 9999, reads as
//! `None`.

use crate::read::Value;

/// The latest instant read: the end of the year 9999, in milliseconds.
const MAX_MILLIS: i64 = 253_402_300_799_999;

/// A recorded time as milliseconds since 1970-01-01T00:00:00Z.
pub fn read(value: &Value) -> Option<i64> {
    match value {
        Value::Number(seconds) => from_seconds(*seconds),
        Value::String(text) => match crate::scalar::parse_number(text) {
            Some(seconds) => from_seconds(seconds),
            None => parse_iso(text.trim()),
        },
        _ => None,
    }
}

fn from_seconds(seconds: f64) -> Option<i64> {
    let millis = (seconds * 1000.0).round();
    (millis.is_finite() && (0.0..=MAX_MILLIS as f64).contains(&millis)).then_some(millis as i64)
}

/// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z`, `±HH:MM`, `±HHMM` or `±HH` (a space may stand
/// for the `T`; no offset is read as UTC, as the CLI's `iso8601` format never omits it).
fn parse_iso(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let number = |from: usize, len: usize| -> Option<i64> {
        let digits = bytes.get(from..from + len)?;
        digits.iter().try_fold(0i64, |total, &byte| {
            byte.is_ascii_digit()
                .then(|| total * 10 + i64::from(byte - b'0'))
        })
    };
    let at = |index: usize, expected: &[u8]| bytes.get(index).is_some_and(|b| expected.contains(b));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":")) {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
    let (hour, minute) = (number(11, 2)?, number(14, 2)?);
    let mut index = 16;
    let mut second = 0;
    let mut millis = 0;
    if at(index, b":") {
        second = number(index + 1, 2)?;
        index += 3;
        if at(index, b".,") {
            index += 1;
            let start = index;
            while bytes.get(index).is_some_and(u8::is_ascii_digit) {
                index += 1;
            }
            if index == start {
                return None;
            }
            // Milliseconds from the first three digits, rounded by the fourth.
            let digit =
                |offset: usize| number(start + offset, 1).filter(|_| start + offset < index);
            millis = (0..3)
                .map(|offset| digit(offset).unwrap_or(0))
                .fold(0, |total, d| total * 10 + d)
                + i64::from(digit(3).is_some_and(|d| d >= 5));
        }
    }
    let offset_minutes = match bytes.get(index) {
        None => 0,
        Some(b'Z' | b'z') if index + 1 == bytes.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let hours = number(index + 1, 2)?;
            let minutes = match bytes.len() - index {
                3 => 0,
                5 => number(index + 3, 2)?,
                6 if at(index + 3, b":") => number(index + 4, 2)?,
                _ => return None,
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            let total = hours * 60 + minutes;
            if sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    // A leap second (`:60`) is read as the second after `:59`, as most clocks do.
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_minutes * 60;
    let total = seconds * 1000 + millis;
    (0..=MAX_MILLIS).contains(&total).then_some(total)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Milliseconds since the epoch as ISO 8601 in UTC: `2025-03-04T09:20:30Z`, with `.123` when
/// the milliseconds are not zero.
pub fn format(millis: i64) -> String {
    let millis = millis.clamp(0, MAX_MILLIS);
    let (days, rest) = (millis.div_euclid(86_400_000), millis.rem_euclid(86_400_000));
    // Howard Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let (hour, minute, second, fraction) = (
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000,
    );
    let mut text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}");
    if fraction != 0 {
        text.push_str(&format!(".{fraction:03}"));
    }
    text.push('Z');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Option<i64> {
        read(&Value::String(value.to_owned()))
    }

    #[test]
    fn reads_the_forms_the_cli_writes() {
        let base = text("2025-03-04T09:20:30Z").unwrap();
        assert_eq!(format(base), "2025-03-04T09:20:30Z");
        assert_eq!(text("2025-03-04T10:20:30+01:00"), Some(base));
        assert_eq!(text("2025-03-04T01:20:30-0800"), Some(base));
        assert_eq!(text("2025-03-04T09:20:30.123000+00:00"), Some(base + 123));
        assert_eq!(text("2025-03-04T09:20:30.9996Z"), Some(base + 1000));
        assert_eq!(
            read(&Value::Number(base as f64 / 1000.0 + 0.25)),
            Some(base + 250)
        );
        assert_eq!(text("1741080030.5"), Some(base + 500));
        assert_eq!(format(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            format(text("2024-02-29T23:59:59.5Z").unwrap()),
            "2024-02-29T23:59:59.500Z"
        );
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in [
            "",
            "yesterday",
            "2025-02-29T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-01-01T24:00:00Z",
            "2025-01-01T00:00:00.Z",
            "2025-01-01T00:00:00+1",
            "2025-01-01T00:00:00Zjunk",
            "1969-12-31T23:59:59Z",
            "-5",
            "1e300",
            "NaN",
            "2025-01-01T00:00:00+99:00",
            "२०२५-01-01T00:00:00Z",
        ] {
            assert_eq!(text(bad), None, "{bad:?}");
        }
        assert_eq!(read(&Value::Bool(true)), None);
        assert_eq!(read(&Value::Number(f64::INFINITY)), None);
    }
}
