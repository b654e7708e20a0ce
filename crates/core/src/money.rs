//! Money in integer fen (分), and the one rounding rule of the ledger.
//!
//! Every amount in the database and in every API is a `Money`. Fractions
//! (area × unit price, shares) are computed in `Decimal` and rounded once, at
//! the end of a line, half away from zero (四舍五入) — never banker's rounding.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

/// An amount in fen. `Money(12345)` is ¥123.45.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

/// Why a text is not an amount; the caller turns it into a message for its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("不是金额")]
    NotANumber,
    #[error("金额最多两位小数（精确到分）")]
    TooPrecise,
    #[error("金额太大")]
    TooLarge,
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn fen(self) -> i64 {
        self.0
    }

    pub fn from_yuan(yuan: i64) -> Money {
        Money(yuan * 100)
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// Rounds a yuan amount to the fen, half away from zero: 107.085 → 107.09.
    pub fn round_yuan(yuan: Decimal) -> Result<Money, MoneyError> {
        let fen = (yuan * Decimal::ONE_HUNDRED).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        fen.to_i64().map(Money).ok_or(MoneyError::TooLarge)
    }

    /// An exact amount in yuan (no more than two decimals), e.g. from a spreadsheet cell.
    pub fn from_yuan_exact(yuan: Decimal) -> Result<Money, MoneyError> {
        if yuan.normalize().scale() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        Money::round_yuan(yuan)
    }

    /// Reads an amount as people write it: "1,234.50", "¥50", "50元", " 12.5 ".
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let cleaned: String = text
            .trim()
            .trim_start_matches(['¥', '￥'])
            .trim_end_matches('元')
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' '))
            .collect();
        let value: Decimal = cleaned.parse().map_err(|_| MoneyError::NotANumber)?;
        Money::from_yuan_exact(value)
    }

    /// Share of this amount by weights, by the largest-remainder method: the
    /// shares always add up to the whole amount exactly.
    pub fn split_by(self, weights: &[Decimal]) -> Vec<Money> {
        let total: Decimal = weights.iter().sum();
        if weights.is_empty() || total.is_zero() {
            return vec![Money::ZERO; weights.len()];
        }
        let whole = Decimal::from(self.0);
        let exact: Vec<Decimal> = weights.iter().map(|w| whole * *w / total).collect();
        let mut shares: Vec<i64> = exact.iter().map(|e| e.floor().to_i64().unwrap_or(0)).collect();
        let mut left = self.0 - shares.iter().sum::<i64>();
        let mut order: Vec<usize> = (0..weights.len()).collect();
        order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
        for i in order.into_iter().cycle() {
            if left <= 0 {
                break;
            }
            shares[i] += 1;
            left -= 1;
        }
        shares.into_iter().map(Money).collect()
    }

    /// "1,234.50": thousands separators, for screens and printed documents.
    pub fn grouped(self) -> String {
        let plain = self.abs_string();
        let (int, frac) = plain.split_once('.').unwrap_or((&plain, "00"));
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        format!("{}{out}.{frac}", if self.0 < 0 { "-" } else { "" })
    }

    fn abs_string(self) -> String {
        let a = self.0.unsigned_abs();
        format!("{}.{:02}", a / 100, a % 100)
    }

    /// The amount in capital Chinese numerals as written on receipts:
    /// 壹仟贰佰叁拾肆元伍角整, 壹仟元零伍分, 壹万零壹拾元整.
    pub fn capitals(self) -> String {
        const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
        let a = self.0.unsigned_abs();
        let (yuan, jiao, fen) = (a / 100, (a / 10 % 10) as usize, (a % 10) as usize);
        let mut out = String::from(if self.0 < 0 { "负" } else { "" });
        if yuan > 0 {
            out += &integer_capitals(yuan);
            out.push('元');
        }
        match (jiao, fen) {
            (0, 0) if yuan == 0 => out.push_str("零元整"),
            (0, 0) => out.push('整'),
            (j, 0) => {
                out.push(DIGITS[j]);
                out.push_str("角整");
            }
            (0, f) => {
                if yuan > 0 {
                    out.push('零');
                }
                out.push(DIGITS[f]);
                out.push('分');
            }
            (j, f) => {
                out.push(DIGITS[j]);
                out.push('角');
                out.push(DIGITS[f]);
                out.push('分');
            }
        }
        out
    }
}

/// Capitals of a whole number of yuan, in groups of four digits (个, 万, 亿):
/// a run of zeros inside the number is read as one 零, trailing zeros not at all.
fn integer_capitals(n: u64) -> String {
    const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    const PLACES: [&str; 4] = ["", "拾", "佰", "仟"];
    const GROUPS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 10_000);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut zero_pending = false;
    for (g, &value) in groups.iter().enumerate().rev() {
        if value == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (zero_pending || value < 1000) {
            out.push('零');
        }
        let digits = [value / 1000, value / 100 % 10, value / 10 % 10, value % 10];
        let mut started = false;
        let mut inner_zero = false;
        for (i, &d) in digits.iter().enumerate() {
            if d == 0 {
                inner_zero = started;
                continue;
            }
            if inner_zero {
                out.push('零');
                inner_zero = false;
            }
            out.push(DIGITS[d as usize]);
            out.push_str(PLACES[3 - i]);
            started = true;
        }
        out.push_str(GROUPS[g]);
        zero_pending = false;
    }
    out
}

impl fmt::Display for Money {
    /// "1234.50": two decimals, no separators — the form of the JSON contract.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < 0 {
            f.write_str("-")?;
        }
        f.write_str(&self.abs_string())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl Mul<i64> for Money {
    type Output = Money;
    fn mul(self, n: i64) -> Money {
        Money(self.0 * n)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, o: Money) {
        self.0 -= o.0;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_away_from_zero_once() {
        // 88.50 ㎡ × 1.21 元 = 107.085 → 107.09 (banker's rounding would give 107.08)
        assert_eq!(Money::round_yuan(d("88.50") * d("1.21")).unwrap(), Money(10709));
        assert_eq!(Money::round_yuan(d("0.125")).unwrap(), Money(13));
        assert_eq!(Money::round_yuan(d("-0.125")).unwrap(), Money(-13));
        assert_eq!(Money::round_yuan(d("0.124")).unwrap(), Money(12));
    }

    #[test]
    fn parses_amounts_as_written() {
        assert_eq!(Money::parse("1,234.50").unwrap(), Money(123450));
        assert_eq!(Money::parse("¥50").unwrap(), Money(5000));
        assert_eq!(Money::parse(" 50元 ").unwrap(), Money(5000));
        assert_eq!(Money::parse("-1").unwrap(), Money(-100));
        assert_eq!(Money::parse("0.10").unwrap(), Money(10));
        assert_eq!(Money::parse("12.345"), Err(MoneyError::TooPrecise));
        assert_eq!(Money::parse("abc"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse(""), Err(MoneyError::NotANumber));
    }

    #[test]
    fn displays_two_decimals_and_groups_thousands() {
        assert_eq!(Money(36000).to_string(), "360.00");
        assert_eq!(Money(-5).to_string(), "-0.05");
        assert_eq!(Money(123456789).grouped(), "1,234,567.89");
        assert_eq!(Money(-100000).grouped(), "-1,000.00");
        assert_eq!(Money(99).grouped(), "0.99");
        assert_eq!(serde_json::to_string(&Money(5000)).unwrap(), "\"50.00\"");
    }

    #[test]
    fn capitals_follow_the_receipt_rules() {
        let cases = [
            (123450, "壹仟贰佰叁拾肆元伍角整"),
            (100005, "壹仟元零伍分"),
            (1001000, "壹万零壹拾元整"),
            (1000, "壹拾元整"),
            (0, "零元整"),
            (50, "伍角整"),
            (5, "伍分"),
            (36000, "叁佰陆拾元整"),
            (10000000, "壹拾万元整"),
            (10000100, "壹拾万零壹元整"),
            (100010000, "壹佰万零壹佰元整"),
            (1000000000, "壹仟万元整"),
            (10000000000, "壹亿元整"),
            (10000000100, "壹亿零壹元整"),
            (10100000000, "壹亿零壹佰万元整"),
            (120034, "壹仟贰佰元叁角肆分"),
            (100203, "壹仟零贰元零叁分"),
            (-1050, "负壹拾元伍角整"),
        ];
        for (fen, text) in cases {
            assert_eq!(Money(fen).capitals(), text, "{fen} fen");
        }
    }

    #[test]
    fn split_adds_up_exactly() {
        let shares = Money(10000).split_by(&[d("1"), d("1"), d("1")]);
        assert_eq!(shares, vec![Money(3334), Money(3333), Money(3333)]);
        let shares = Money(101).split_by(&[d("88.5"), d("120.25"), d("66")]);
        assert_eq!(shares.iter().copied().sum::<Money>(), Money(101));
        assert_eq!(Money(100).split_by(&[]), Vec::<Money>::new());
    }
}
