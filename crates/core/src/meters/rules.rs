//! The pure rules of meter readings: reading values, usage across rollover
//! and replacement, the anomaly checks, tiered prices and the 公摊 split.
//! No database here; `mod.rs` feeds these with rows.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::model::{AnomalyKind, Tier};
use crate::fees::Period;
use crate::money::Money;

/// Readings are kept in hundredths of a unit (0.01 m³, 0.01 kWh): exact sums, no floats.
pub const SCALE: i64 = 100;

/// Register digits a meter may have (a 5-digit register runs 00000–99999).
pub const DIGITS_MIN: u32 = 3;
pub const DIGITS_MAX: u32 = 9;
pub const DIGITS_DEFAULT: u32 = 5;

/// The usage that a 12-month average is multiplied by before usage is called a spike.
pub const SPIKE_MULTIPLE_DEFAULT: &str = "3";
/// A spike is judged only against at least this many earlier months of usage.
pub const SPIKE_MIN_HISTORY: usize = 3;
/// How many earlier months the average looks back over.
pub const AVERAGE_MONTHS: i32 = 12;

/// The first value the register cannot show, in hundredths: 10^digits units.
pub fn register_end(digits: u32) -> i64 {
    10i64.pow(digits) * SCALE
}

/// A reading as typed or read from a cell ("01234", "1234.5"), in hundredths:
/// not negative, at most two decimals, and inside the register's digits.
pub fn parse_reading(text: &str, digits: u32) -> Result<i64, String> {
    let t = text.trim().replace([',', '，'], "");
    let value: Decimal = t.parse().map_err(|_| format!("读数“{}”不是数字", text.trim()))?;
    reading_from_decimal(value, digits).map_err(|reason| format!("读数“{}”{reason}", text.trim()))
}

/// A reading from a number, with the reason it is refused ("不能是负数", …).
pub fn reading_from_decimal(value: Decimal, digits: u32) -> Result<i64, String> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err("不能是负数".into());
    }
    let hundredths = value * Decimal::from(SCALE);
    if hundredths.fract() != Decimal::ZERO {
        return Err("最多两位小数".into());
    }
    let v = hundredths.to_i64().ok_or_else(|| "太大".to_string())?;
    if v >= register_end(digits) {
        return Err(format!("超出 {digits} 位表盘（最大 {}）", "9".repeat(digits as usize)));
    }
    Ok(v)
}

/// Shows hundredths as the clerk reads them: 123400 → "1234", 3601 → "36.01".
pub fn show(hundredths: i64) -> String {
    Decimal::new(hundredths, 2).normalize().to_string()
}

pub fn to_decimal(hundredths: i64) -> Decimal {
    Decimal::new(hundredths, 2).normalize()
}

/// What one reading used since the register value before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Usage in hundredths; `rollover` when the register passed its end on the way.
    Usage { usage: i64, rollover: bool },
    /// Lower than the value before it, and not a plausible rollover.
    Lower,
}

/// Usage from `last` to `value` on a register of `digits` digits. A lower value
/// is a rollover when the usage it implies (end − last + value) is under a
/// tenth of the register (99950 → 00030 on five digits: 80); anything else is `Lower`.
pub fn step(last: i64, value: i64, digits: u32) -> Step {
    if value >= last {
        return Step::Usage { usage: value - last, rollover: false };
    }
    let end = register_end(digits);
    let rolled = end - last + value;
    if rolled <= end / 10 { Step::Usage { usage: rolled, rollover: true } } else { Step::Lower }
}

/// One event of a meter's life, in period order (a replacement sorts before
/// the reading of its own month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Reading { period: Period, value: i64 },
    /// The old register's final value and the new one's first value (and digits).
    Swap { period: Period, old_final: i64, new_start: i64, digits: u32 },
}

impl Event {
    fn key(&self) -> (Period, u8) {
        match self {
            Event::Swap { period, .. } => (*period, 0),
            Event::Reading { period, .. } => (*period, 1),
        }
    }
}

/// A reading with the usage it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub period: Period,
    pub value: i64,
    /// The register value it is measured from (the last reading, or the new meter's start).
    pub last: i64,
    /// `None` when the reading is lower than the last one (not a rollover).
    pub usage: Option<i64>,
    pub rollover: bool,
    /// A meter replaced since the last reading: the old register's part of the usage.
    pub swapped: Option<i64>,
}

/// Walks a meter's events from its start value and digits: each reading's
/// usage, replacements carried into the next reading (old final − last, plus
/// new reading − new start: 1200→1250 final, new 0→30 gives 50 + 30 = 80).
/// A lower reading that is kept becomes the base of the next one.
pub fn usages(start: i64, digits: u32, events: &mut [Event]) -> Vec<Usage> {
    events.sort_by_key(Event::key);
    let (mut last, mut digits, mut carry) = (start, digits, None::<i64>);
    let mut out = Vec::new();
    for e in events.iter() {
        match *e {
            Event::Swap { old_final, new_start, digits: d, .. } => {
                carry = Some(carry.unwrap_or(0) + (old_final - last).max(0));
                last = new_start;
                digits = d;
            }
            Event::Reading { period, value } => {
                let (usage, rollover) = match step(last, value, digits) {
                    Step::Usage { usage, rollover } => (Some(usage + carry.unwrap_or(0)), rollover),
                    Step::Lower => (None, false),
                };
                out.push(Usage { period, value, last, usage, rollover, swapped: carry });
                last = value;
                carry = None;
            }
        }
    }
    out
}

/// The average monthly usage over the `AVERAGE_MONTHS` before `period`, from
/// the usages known (lower readings left out), when there are enough of them.
pub fn average_before(history: &[Usage], period: Period) -> Option<Decimal> {
    let from = period.plus(-AVERAGE_MONTHS);
    let used: Vec<i64> = history.iter().filter(|u| u.period >= from && u.period < period).filter_map(|u| u.usage).collect();
    if used.len() < SPIKE_MIN_HISTORY {
        return None;
    }
    Some(Decimal::from(used.iter().sum::<i64>()) / Decimal::from(used.len() as i64))
}

/// Usage above `multiple` × the average (36.01 against an average of 12 at 3×; 36.00 is not).
pub fn is_spike(usage: i64, average: Decimal, multiple: Decimal) -> bool {
    Decimal::from(usage) > average * multiple
}

/// What is wrong with a meter's month, every finding at once, in a fixed order.
/// `reading` is `None` when the month has no reading. `occupied` is whether
/// someone lives in the unit (always false for a shared meter).
pub fn anomalies(reading: Option<&Usage>, average: Option<Decimal>, multiple: Decimal, occupied: bool) -> Vec<AnomalyKind> {
    let Some(r) = reading else { return vec![AnomalyKind::Missing] };
    let Some(usage) = r.usage else { return vec![AnomalyKind::Lower] };
    let mut out = Vec::new();
    if usage == 0 && occupied {
        out.push(AnomalyKind::ZeroOccupied);
    }
    if average.is_some_and(|a| is_spike(usage, a, multiple)) {
        out.push(AnomalyKind::Spike);
    }
    out
}

/// Tiered price of a month's usage, rounded once at the end: each tier's
/// price applies to the part of the usage inside it. An empty tier list is
/// the item's single price (`flat`).
pub fn tiered_amount(usage: Decimal, tiers: &[Tier]) -> Result<Money, String> {
    let mut total = Decimal::ZERO;
    let mut from = Decimal::ZERO;
    for t in tiers {
        let upto = t.upto.unwrap_or(Decimal::MAX);
        if usage > from {
            total += (usage.min(upto) - from) * t.price;
        }
        from = upto;
        if t.upto.is_none() {
            break;
        }
    }
    Money::round_yuan(total).map_err(|e| e.to_string())
}

/// Tiers as the office writes them: "50:2.70,80:3.55,:4.80" (up to 50 at 2.70,
/// 50–80 at 3.55, above 80 at 4.80). Bounds rise; only the last is open.
pub fn parse_tiers(text: &str) -> Result<Vec<Tier>, String> {
    let mut tiers = Vec::new();
    let parts: Vec<&str> = text.split([',', '，', ';', '；']).map(str::trim).filter(|p| !p.is_empty()).collect();
    for (i, part) in parts.iter().enumerate() {
        let (upto, price) = part.split_once([':', '：']).ok_or_else(|| format!("“{part}”应写成 上限:单价，如 50:2.70"))?;
        let price: Decimal = crate::fees::parse_price(price).map_err(|_| format!("“{part}”的单价“{}”不对", price.trim()))?;
        let upto = match upto.trim() {
            "" if i + 1 == parts.len() => None,
            "" => return Err("只有最后一档可以不写上限".into()),
            u => Some(u.parse::<Decimal>().ok().filter(|d| *d > Decimal::ZERO).ok_or_else(|| format!("“{part}”的上限“{u}”不对"))?.normalize()),
        };
        if let (Some(prev), Some(u)) = (tiers.last().and_then(|t: &Tier| t.upto), upto)
            && u <= prev
        {
            return Err(format!("阶梯上限要逐档增加（{} 之后写了 {}）", prev, u));
        }
        tiers.push(Tier { upto, price });
    }
    if tiers.is_empty() {
        return Err("至少写一档，如 50:2.70,:3.55".into());
    }
    if tiers.last().is_some_and(|t| t.upto.is_some()) {
        return Err("最后一档不写上限（如 :4.80），超出各档的用量才有价".into());
    }
    Ok(tiers)
}

/// Shows tiers as they are written: "50:2.70,80:3.55,:4.80".
pub fn tiers_text(tiers: &[Tier]) -> String {
    tiers.iter().map(|t| format!("{}:{}", t.upto.map(|u| u.to_string()).unwrap_or_default(), crate::fees::price_text(t.price))).collect::<Vec<_>>().join(",")
}

/// Splits a shared amount over weights (areas, or 1 per household) by the
/// largest-remainder method: every share is rounded down to the fen, and the
/// fen left over go one each to the largest remainders; equal remainders go
/// to the earlier unit in the list (the register's order of unit codes).
pub fn split(total: Money, weights: &[Decimal]) -> Vec<Money> {
    total.split_by(weights)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    fn r(s: &str) -> i64 {
        parse_reading(s, 5).unwrap()
    }

    #[test]
    fn readings_are_read_in_hundredths_inside_the_register() {
        assert_eq!(r("01234"), 123_400);
        assert_eq!(r("36.01"), 3601);
        assert_eq!(r("99999.99"), 9_999_999);
        assert!(parse_reading("100000", 5).unwrap_err().contains("超出 5 位表盘"));
        assert!(parse_reading("-1", 5).unwrap_err().contains("负数"));
        assert!(parse_reading("1.234", 5).unwrap_err().contains("两位小数"));
        assert!(parse_reading("一千", 5).unwrap_err().contains("不是数字"));
        assert_eq!(show(3601), "36.01");
        assert_eq!(show(123_400), "1234");
    }

    #[test]
    fn rollover_of_a_five_digit_register() {
        // 99950 → 00030: the register passed 99999; usage 80.
        assert_eq!(step(r("99950"), r("30"), 5), Step::Usage { usage: r("80"), rollover: true });
        // 1200 → 1100 is not a rollover (it would be 99,900 units): lower than last.
        assert_eq!(step(r("1200"), r("1100"), 5), Step::Lower);
        assert_eq!(step(r("1200"), r("1236.01"), 5), Step::Usage { usage: 3601, rollover: false });
        // The same readings on a 6-digit register are not a rollover either.
        assert_eq!(step(r("99950"), r("30"), 6), Step::Lower);
    }

    #[test]
    fn replacement_adds_the_old_meters_last_part() {
        // Old meter read 1200 in October, its final reading 1250 at the swap in
        // November; the new meter starts at 0 and reads 30: usage 50 + 30 = 80.
        let mut events = vec![
            Event::Reading { period: p("2026-11"), value: r("30") },
            Event::Swap { period: p("2026-11"), old_final: r("1250"), new_start: 0, digits: 5 },
            Event::Reading { period: p("2026-10"), value: r("1200") },
        ];
        let u = usages(r("1000"), 5, &mut events);
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].usage, Some(r("200")));
        assert_eq!(u[1].usage, Some(r("80")));
        assert_eq!(u[1].swapped, Some(r("50")));
        assert_eq!(u[1].last, 0);
        // A reading lower than the new meter's start is lower than last.
        let mut events = vec![
            Event::Reading { period: p("2026-10"), value: r("1200") },
            Event::Swap { period: p("2026-11"), old_final: r("1250"), new_start: r("10"), digits: 5 },
            Event::Reading { period: p("2026-11"), value: r("5") },
        ];
        assert_eq!(usages(r("1000"), 5, &mut events)[1].usage, None);
    }

    #[test]
    fn a_lower_reading_kept_is_the_base_of_the_next() {
        let mut events = vec![
            Event::Reading { period: p("2026-09"), value: r("500") },
            Event::Reading { period: p("2026-10"), value: r("400") },
            Event::Reading { period: p("2026-11"), value: r("420") },
        ];
        let u = usages(0, 5, &mut events);
        assert_eq!(u.iter().map(|u| u.usage).collect::<Vec<_>>(), vec![Some(r("500")), None, Some(r("20"))]);
    }

    fn history(values: &[&str]) -> Vec<Usage> {
        // Usage of 12 in each month from 2025-11 on: readings rising by the given steps.
        let mut events = Vec::new();
        let mut value = 0;
        for (i, v) in values.iter().enumerate() {
            value += r(v);
            events.push(Event::Reading { period: p("2025-11").plus(i as i32), value });
        }
        usages(0, 5, &mut events)
    }

    #[test]
    fn spike_above_three_times_the_twelve_month_average() {
        let h = history(&["12"; 12]);
        let avg = average_before(&h, p("2026-11")).unwrap();
        assert_eq!(avg, Decimal::from(1200));
        let three = Decimal::from(3);
        assert!(is_spike(3601, avg, three), "36.01 against an average of 12 at 3× is a spike");
        assert!(!is_spike(3600, avg, three), "36.00 is not");
        // The average looks back 12 months only: a huge month 13 months ago is forgotten.
        let mut old = vec!["500"];
        old.extend(["12"; 12]);
        let h = history(&old);
        assert_eq!(average_before(&h, p("2026-12")).unwrap(), Decimal::from(1200));
        // Fewer than 3 months of history: no average, no spike judged.
        assert_eq!(average_before(&history(&["12", "12"]), p("2026-01")), None);
    }

    #[test]
    fn each_anomaly_is_found() {
        let three = Decimal::from(3);
        let avg = Some(Decimal::from(1200));
        let at = |value, usage| Usage { period: p("2026-11"), value, last: 0, usage, rollover: false, swapped: None };
        assert_eq!(anomalies(None, avg, three, true), vec![AnomalyKind::Missing]);
        assert_eq!(anomalies(Some(&at(5, None)), avg, three, true), vec![AnomalyKind::Lower]);
        assert_eq!(anomalies(Some(&at(5, Some(0))), avg, three, true), vec![AnomalyKind::ZeroOccupied]);
        assert_eq!(anomalies(Some(&at(5, Some(0))), avg, three, false), vec![]);
        assert_eq!(anomalies(Some(&at(5, Some(3601))), avg, three, true), vec![AnomalyKind::Spike]);
        assert_eq!(anomalies(Some(&at(5, Some(3600))), avg, three, true), vec![]);
        // No history: zero is still judged, a spike is not.
        assert_eq!(anomalies(Some(&at(5, Some(99_999))), None, three, true), vec![]);
    }

    #[test]
    fn tiered_water_and_electricity_rounded_once() {
        let water = parse_tiers("50:2.70, 80:3.55, :4.80").unwrap();
        assert_eq!(tiers_text(&water), "50:2.70,80:3.55,:4.80");
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(tiered_amount(d("35"), &water).unwrap(), Money(9450)); // 35 × 2.70
        assert_eq!(tiered_amount(d("80"), &water).unwrap(), Money(24150)); // 50 × 2.70 + 30 × 3.55
        assert_eq!(tiered_amount(d("100"), &water).unwrap(), Money(33750)); // + 20 × 4.80
        assert_eq!(tiered_amount(d("0"), &water).unwrap(), Money(0));
        // Electricity 0.5283 to 180 kWh, 0.5783 to 280, 0.8283 above. 195 kWh:
        // 95.094 + 8.6745 = 103.7685 → 103.77 (rounding each tier would give 95.09 + 8.67 = 103.76).
        let power = parse_tiers("180:0.5283,280:0.5783,:0.8283").unwrap();
        assert_eq!(tiered_amount(d("195"), &power).unwrap(), Money(10377));
        assert_eq!(tiered_amount(d("300"), &power).unwrap(), Money(16949)); // 95.094 + 57.83 + 16.566 = 169.49
    }

    #[test]
    fn tiers_are_refused_when_they_make_no_sense() {
        assert!(parse_tiers("").is_err());
        assert!(parse_tiers("50:2.70").unwrap_err().contains("最后一档不写上限"));
        assert!(parse_tiers("80:2.70,50:3.55,:4.80").unwrap_err().contains("逐档增加"));
        assert!(parse_tiers(":2.70,50:3.55").unwrap_err().contains("只有最后一档"));
        assert!(parse_tiers("50:abc,:3").is_err());
        assert_eq!(parse_tiers(":2.70").unwrap().len(), 1);
    }

    #[test]
    fn shares_add_up_to_the_fen() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // 1,000.00 over three households: the fen left over goes to the first unit.
        assert_eq!(split(Money(100_000), &[d("1"), d("1"), d("1")]), vec![Money(33_334), Money(33_333), Money(33_333)]);
        // By area 88.5 / 120.25 / 66: 322.111… / 437.665… / 240.218…; two fen left go to .838 and .665.
        let shares = split(Money(100_000), &[d("88.5"), d("120.25"), d("66")]);
        assert_eq!(shares, vec![Money(32_211), Money(43_767), Money(24_022)]);
        assert_eq!(shares.iter().copied().sum::<Money>(), Money(100_000));
        // Awkward totals always add up.
        for total in [1, 2, 99_999, 123_457] {
            let s = split(Money(total), &[d("88.5"), d("120.25"), d("66"), d("66"), d("0.01")]);
            assert_eq!(s.iter().copied().sum::<Money>(), Money(total));
        }
    }
}
