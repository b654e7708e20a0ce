//! The pure rules of the controlled items and the count, tested alone.

use super::{CountLine, Difference, Expected, InventoryError};
use crate::money::Money;

/// The longest serial number kept (card numbers are 8–20 characters).
pub const MAX_SERIAL_CHARS: usize = 40;
/// The most items one stock entry adds: a box of cards, not a typo of a million.
pub const MAX_RANGE: usize = 1000;
/// Line numbers a refusal names before "…".
const LINES_NAMED: usize = 10;

/// A serial as stored: trimmed, not empty, not too long.
pub fn check_serial(text: &str) -> Result<String, InventoryError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(InventoryError::SerialEmpty);
    }
    if s.chars().count() > MAX_SERIAL_CHARS {
        let shown: String = s.chars().take(MAX_SERIAL_CHARS).collect();
        return Err(InventoryError::SerialTooLong(format!("{shown}…")));
    }
    Ok(s.to_string())
}

/// One serial, or a range `ZH0001..ZH0050` (same prefix, same number of
/// digits, first ≤ last, at most `MAX_RANGE`), as the serials it stands for.
pub fn expand_serials(text: &str) -> Result<Vec<String>, InventoryError> {
    let t = text.trim();
    let Some((first, last)) = t.split_once("..") else {
        return Ok(vec![check_serial(t)?]);
    };
    let bad = || InventoryError::BadRange(t.chars().take(60).collect());
    let (first, last) = (check_serial(first).map_err(|_| bad())?, check_serial(last).map_err(|_| bad())?);
    let split = |s: &str| {
        let digits = s.chars().rev().take_while(char::is_ascii_digit).count();
        let (prefix, number) = s.split_at(s.len() - digits);
        (prefix.to_string(), number.to_string())
    };
    let ((p1, n1), (p2, n2)) = (split(&first), split(&last));
    if p1 != p2 || n1.is_empty() || n1.len() != n2.len() || n1.len() > 12 {
        return Err(bad());
    }
    let (a, b): (u64, u64) = (n1.parse().map_err(|_| bad())?, n2.parse().map_err(|_| bad())?);
    if a > b || b - a >= MAX_RANGE as u64 {
        return Err(bad());
    }
    let width = n1.len();
    Ok((a..=b).map(|n| format!("{p1}{n:0width$}")).collect())
}

/// A deposit setting's text as an amount: blank or 0 means none.
pub fn deposit_amount(setting: Option<&str>) -> Result<Option<Money>, InventoryError> {
    let text = setting.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Ok(None);
    }
    let amount = Money::parse(text).map_err(|_| InventoryError::BadDepositSetting(text.to_string()))?;
    if amount.fen() < 0 {
        return Err(InventoryError::BadDepositSetting(text.to_string()));
    }
    Ok(amount.is_positive().then_some(amount))
}

/// A line's difference, if any. Lines expected out need no recording: an
/// issued card or a lent key is not in the office, as expected, unless found there.
pub fn difference(expected: Expected, found: Option<bool>) -> Option<Difference> {
    match (expected, found) {
        (Expected::Extra, _) => Some(Difference::Extra),
        (Expected::InOffice, Some(false)) => Some(Difference::Missing),
        (Expected::Out, Some(true)) => Some(Difference::FoundButOut),
        _ => None,
    }
}

/// What the sheet prints for a line.
pub fn status(expected: Expected, found: Option<bool>) -> &'static str {
    match (difference(expected, found), expected, found) {
        (Some(d), _, _) => d.label(),
        (None, Expected::InOffice, None) => "未点",
        (None, Expected::Out, None) => "已发出",
        _ => "相符",
    }
}

/// A count may close only when every line expected in the office is
/// recorded and every difference has its explanation.
pub fn check_close(lines: &[CountLine]) -> Result<(), InventoryError> {
    let unrecorded: Vec<i64> = lines.iter().filter(|l| l.expected == Expected::InOffice && l.found.is_none()).map(|l| l.line_no).collect();
    if !unrecorded.is_empty() {
        return Err(InventoryError::Unrecorded { count: unrecorded.len(), lines: named(&unrecorded) });
    }
    let unexplained: Vec<i64> = lines.iter().filter(|l| l.difference.is_some() && l.note.trim().is_empty()).map(|l| l.line_no).collect();
    if !unexplained.is_empty() {
        return Err(InventoryError::Unexplained { count: unexplained.len(), lines: named(&unexplained) });
    }
    Ok(())
}

/// "1、4、9" — the first few line numbers, then "…".
fn named(lines: &[i64]) -> String {
    let mut text = lines.iter().take(LINES_NAMED).map(i64::to_string).collect::<Vec<_>>().join("、");
    if lines.len() > LINES_NAMED {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_expands_with_its_prefix_and_zero_padding() {
        assert_eq!(expand_serials(" ZH0098..ZH0101 ").unwrap(), ["ZH0098", "ZH0099", "ZH0100", "ZH0101"]);
        assert_eq!(expand_serials("A-7").unwrap(), ["A-7"]);
        assert_eq!(expand_serials("007..007").unwrap(), ["007"]);
        for bad in ["C1..C1000", "ZH0010..ZH0001", "ZH0001..CH0002", "ZH..ZH", "ZH0001..", "..ZH0001", "A0000..A1000", "1..99999999999999"] {
            assert!(matches!(expand_serials(bad), Err(InventoryError::BadRange(_))), "{bad}");
        }
        assert_eq!(expand_serials("A000..A999").unwrap().len(), 1000);
    }

    #[test]
    fn a_serial_is_trimmed_not_empty_and_not_a_novel() {
        assert_eq!(check_serial("  ZH0001 ").unwrap(), "ZH0001");
        assert!(matches!(check_serial("  "), Err(InventoryError::SerialEmpty)));
        assert!(matches!(check_serial(&"9".repeat(41)), Err(InventoryError::SerialTooLong(_))));
        assert!(check_serial(&"9".repeat(40)).is_ok());
    }

    #[test]
    fn a_deposit_setting_of_blank_or_zero_charges_nothing() {
        assert_eq!(deposit_amount(None).unwrap(), None);
        assert_eq!(deposit_amount(Some(" ")).unwrap(), None);
        assert_eq!(deposit_amount(Some("0")).unwrap(), None);
        assert_eq!(deposit_amount(Some("50")).unwrap(), Some(Money(5000)));
        assert!(matches!(deposit_amount(Some("五十")), Err(InventoryError::BadDepositSetting(_))));
        assert!(matches!(deposit_amount(Some("-5")), Err(InventoryError::BadDepositSetting(_))));
    }

    #[test]
    fn differences_are_missing_found_but_out_and_extra() {
        use Expected::*;
        assert_eq!(difference(InOffice, Some(true)), None);
        assert_eq!(difference(InOffice, None), None);
        assert_eq!(difference(InOffice, Some(false)), Some(Difference::Missing));
        assert_eq!(difference(Out, None), None);
        assert_eq!(difference(Out, Some(false)), None);
        assert_eq!(difference(Out, Some(true)), Some(Difference::FoundButOut));
        assert_eq!(difference(Extra, Some(true)), Some(Difference::Extra));
        assert_eq!((status(InOffice, None), status(InOffice, Some(true)), status(Out, None), status(InOffice, Some(false))), ("未点", "相符", "已发出", "缺失"));
    }

    fn line(no: i64, expected: Expected, found: Option<bool>, note: &str) -> CountLine {
        CountLine {
            id: no,
            line_no: no,
            kind: "resident_card".into(),
            kind_label: "住户卡".into(),
            label: format!("ZH{no:04}"),
            place: "库存".into(),
            expected,
            found,
            note: note.into(),
            recorded_by: String::new(),
            recorded_at: String::new(),
            difference: difference(expected, found),
            status: status(expected, found),
        }
    }

    #[test]
    fn a_count_closes_only_when_every_line_is_counted_and_every_difference_explained() {
        use Expected::*;
        let good = [line(1, InOffice, Some(true), ""), line(2, Out, None, ""), line(3, InOffice, Some(false), "上月遗失未报"), line(4, Extra, Some(true), "抽屉里找到")];
        assert!(check_close(&good).is_ok());
        let unrecorded = [line(1, InOffice, None, ""), line(2, InOffice, Some(false), "")];
        let e = check_close(&unrecorded).unwrap_err();
        assert!(matches!(&e, InventoryError::Unrecorded { count: 1, lines } if lines == "1"), "{e}");
        let unexplained = [line(1, InOffice, Some(false), " "), line(2, Out, Some(true), ""), line(3, Out, Some(true), "住户退回未登记")];
        let e = check_close(&unexplained).unwrap_err();
        assert!(matches!(&e, InventoryError::Unexplained { count: 2, lines } if lines == "1、2"), "{e}");
        let many: Vec<CountLine> = (1..=12).map(|n| line(n, InOffice, None, "")).collect();
        assert!(check_close(&many).unwrap_err().to_string().contains("第 1、2、3、4、5、6、7、8、9、10… 行"));
    }
}
