//! Stored text as a list line shows it: a time to the minute, free text cut short.

use chrono::DateTime;

/// A stored time to the minute: ISO-8601 becomes "2026-11-23 09:05"; a day, or a
/// time already written so, stays as it is.
pub fn minute(text: &str) -> String {
    DateTime::parse_from_rfc3339(text).map_or_else(|_| text.to_string(), |t| t.format("%Y-%m-%d %H:%M").to_string())
}

/// Free text cut to `max` characters, the cut marked with "…".
pub fn cut(text: &str, max: usize) -> String {
    let kept: String = text.chars().take(max).collect();
    if kept.chars().count() < text.chars().count() { format!("{kept}…") } else { kept }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_come_to_the_minute_and_texts_are_cut_with_a_mark() {
        assert_eq!(minute("2026-11-23T09:05:41+08:00"), "2026-11-23 09:05");
        assert_eq!(minute("2026-11-23"), "2026-11-23");
        assert_eq!(minute("2026-11-23 09:05"), "2026-11-23 09:05");
        assert_eq!(cut("楼上漏水到我家", 4), "楼上漏水…");
        assert_eq!(cut("楼上漏水", 4), "楼上漏水");
    }
}
