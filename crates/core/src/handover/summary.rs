//! 收费汇总 (per fee item) and 收缴率 (per building and overall).

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;
use serde::Serialize;

use super::store::{MonthBill, Moved, WaiverRow};
use super::{Month, SheetInfo, When, finish, rate};
use crate::arrears::rules::building_order;
use crate::arrears::store::OwingBill;
use crate::docs::xlsx::{Book, Cell, Kind, Ratio, col, ratio};
use crate::error::Result;
use crate::fees;
use crate::money::Money;

/// The line of 收费汇总 for money received that no bill has taken yet.
pub const PREPAID_ITEM: &str = "预存款（未指定账单）";

/// A fee item's month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ItemLine {
    pub item: String,
    /// 应收: the month's own bills.
    pub billed: Money,
    /// Received in the month for the month's own bills (当期).
    pub current: Money,
    /// Received in the month for earlier months' bills (收回欠费).
    pub arrears: Money,
    /// Received in the month for later months' bills, or kept as prepayment (预收).
    pub advance: Money,
    /// Prepayment applied to bills in the month by billing runs (预存抵扣): not money received.
    pub prepaid_applied: Money,
    /// Waivers given in the month on this item's bills (减免).
    pub waived: Money,
    /// What the month's own bills still owe at the month's end (欠收).
    pub unpaid: Money,
}

impl ItemLine {
    /// 实收 = 当期 + 收回欠费 + 预收.
    pub fn collected(&self) -> Money {
        self.current + self.arrears + self.advance
    }
}

pub(super) fn item_lines(conn: &Connection, month: &Month, bills: &[MonthBill], moved: &[Moved], waivers: &[WaiverRow], collected: Money) -> Result<Vec<ItemLine>> {
    let mut lines: BTreeMap<String, ItemLine> = BTreeMap::new();
    for b in bills {
        let l = item_line(&mut lines, &b.item);
        l.billed += b.amount;
        l.unpaid += b.owing();
    }
    for m in moved {
        let l = item_line(&mut lines, &m.item);
        match (m.from_prepaid, month.when(&m.period, m.opening)) {
            (true, _) => l.prepaid_applied += m.amount,
            (false, When::Current) => l.current += m.amount,
            (false, When::Before) => l.arrears += m.amount,
            (false, When::Ahead) => l.advance += m.amount,
        }
    }
    for w in waivers {
        item_line(&mut lines, &w.item).waived += w.amount;
    }
    // Fee items in the office's order, then the opening balances and anything else by name.
    let order: HashMap<String, usize> = fees::fee_items(conn)?.into_iter().enumerate().map(|(i, f)| (f.name, i)).collect();
    let mut out: Vec<ItemLine> = lines.into_values().collect();
    out.sort_by_key(|l| order.get(&l.item).copied().unwrap_or(usize::MAX));
    let to_bills: Money = out.iter().map(ItemLine::collected).sum();
    out.push(ItemLine { item: PREPAID_ITEM.into(), advance: collected - to_bills, ..ItemLine::default() });
    Ok(out)
}

fn item_line<'m>(lines: &'m mut BTreeMap<String, ItemLine>, item: &str) -> &'m mut ItemLine {
    lines.entry(item.to_string()).or_insert_with(|| ItemLine { item: item.to_string(), ..ItemLine::default() })
}

pub(super) fn items_sheet(book: &mut Book, lines: &[ItemLine]) -> Result<SheetInfo> {
    let columns = [
        col("收费项目", Kind::Text),
        col("应收", Kind::Money),
        col("实收", Kind::Money),
        col("其中：当期", Kind::Money),
        col("收回欠费", Kind::Money),
        col("预收", Kind::Money),
        col("预存抵扣", Kind::Money),
        col("减免", Kind::Money),
        col("欠收", Kind::Money),
    ];
    let mut sheet = book.sheet("收费汇总", &columns)?;
    for l in lines {
        let collected = format!("SUM({}:{})", sheet.here(3), sheet.here(5));
        sheet.write_row(&[
            Cell::text(&l.item),
            Cell::Money(l.billed),
            Cell::MoneyFormula(collected, l.collected()),
            Cell::Money(l.current),
            Cell::Money(l.arrears),
            Cell::Money(l.advance),
            Cell::Money(l.prepaid_applied),
            Cell::Money(l.waived),
            Cell::Money(l.unpaid),
        ])?;
    }
    finish(sheet, "收费汇总", "合计", &[])
}

/// A building's (or the estate's) collection in the month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RateLine {
    pub name: String,
    /// Units with a bill of the month (计费户数).
    pub units_billed: i64,
    /// Of them, units whose bills of the month owe nothing at the month's end (缴清户数).
    pub units_paid: i64,
    /// 当期应收: the month's own bills.
    pub billed: Money,
    /// 当期已缴: paid on them by the month's end, from any money (in the month, ahead, prepayment).
    pub paid: Money,
    /// 当期减免: waived on them by the month's end.
    pub waived: Money,
    /// 当期欠收: what they still owe at the month's end.
    pub unpaid: Money,
    /// 收回欠费: received in the month for earlier months' bills.
    pub recovered: Money,
    /// 月末旧欠: what earlier months' bills still owe at the month's end.
    pub old_arrears: Money,
}

impl RateLine {
    /// 收费率 = 当期已缴 ÷ 当期应收.
    pub fn collection_rate(&self) -> Option<f64> {
        rate(self.paid, self.billed)
    }

    /// 户收费率 = 缴清户数 ÷ 计费户数.
    pub fn household_rate(&self) -> Option<f64> {
        ratio(self.units_paid, self.units_billed)
    }

    /// 清缴率 = 收回欠费 ÷ (收回欠费 + 月末旧欠).
    pub fn clearance_rate(&self) -> Option<f64> {
        rate(self.recovered, self.recovered + self.old_arrears)
    }

    fn add(&mut self, o: &RateLine) {
        self.units_billed += o.units_billed;
        self.units_paid += o.units_paid;
        self.billed += o.billed;
        self.paid += o.paid;
        self.waived += o.waived;
        self.unpaid += o.unpaid;
        self.recovered += o.recovered;
        self.old_arrears += o.old_arrears;
    }
}

/// Per building (numbered ones in number order) and the whole estate.
pub(super) fn rate_lines(month: &Month, bills: &[MonthBill], moved: &[Moved], owing: &[OwingBill]) -> (Vec<RateLine>, RateLine) {
    let mut lines: HashMap<String, RateLine> = HashMap::new();
    let mut owing_units: HashMap<i64, (String, bool)> = HashMap::new();
    for b in bills {
        let l = rate_line(&mut lines, &b.building);
        l.billed += b.amount;
        l.paid += b.paid;
        l.waived += b.waived;
        l.unpaid += b.owing();
        let unit = owing_units.entry(b.unit_id).or_insert_with(|| (b.building.clone(), false));
        unit.1 |= b.owing().is_positive();
    }
    for (building, owes) in owing_units.values() {
        let l = rate_line(&mut lines, building);
        l.units_billed += 1;
        l.units_paid += i64::from(!owes);
    }
    for m in moved.iter().filter(|m| !m.from_prepaid && month.when(&m.period, m.opening) == When::Before) {
        rate_line(&mut lines, &m.building).recovered += m.amount;
    }
    for o in owing.iter().filter(|o| month.when(&o.period, o.opening) == When::Before) {
        rate_line(&mut lines, &o.building).old_arrears += o.owing;
    }
    let mut buildings: Vec<RateLine> = lines.into_values().collect();
    buildings.sort_by_key(|l| building_order(&l.name));
    let mut overall = RateLine { name: "全小区".into(), ..RateLine::default() };
    buildings.iter().for_each(|b| overall.add(b));
    (buildings, overall)
}

fn rate_line<'m>(lines: &'m mut HashMap<String, RateLine>, building: &str) -> &'m mut RateLine {
    lines.entry(building.to_string()).or_insert_with(|| RateLine { name: building.to_string(), ..RateLine::default() })
}

pub(super) fn rates_sheet(book: &mut Book, buildings: &[RateLine], overall: &RateLine) -> Result<SheetInfo> {
    let columns = [
        col("楼栋", Kind::Text),
        col("计费户数", Kind::Count),
        col("缴清户数", Kind::Count),
        col("户收费率", Kind::Percent),
        col("当期应收", Kind::Money),
        col("当期已缴", Kind::Money),
        col("当期减免", Kind::Money),
        col("当期欠收", Kind::Money),
        col("收费率", Kind::Percent),
        col("收回欠费", Kind::Money),
        col("月末旧欠", Kind::Money),
        col("清缴率", Kind::Percent),
    ];
    let mut sheet = book.sheet("收缴率", &columns)?;
    for l in buildings {
        let (households, collection) = (format!("IFERROR({}/{},\"\")", sheet.here(2), sheet.here(1)), format!("IFERROR({}/{},\"\")", sheet.here(5), sheet.here(4)));
        let clearance = format!("IFERROR({}/({}+{}),\"\")", sheet.here(9), sheet.here(9), sheet.here(10));
        sheet.write_row(&[
            Cell::text(building_label(&l.name)),
            Cell::Count(l.units_billed),
            Cell::Count(l.units_paid),
            Cell::PercentFormula(households, l.household_rate()),
            Cell::Money(l.billed),
            Cell::Money(l.paid),
            Cell::Money(l.waived),
            Cell::Money(l.unpaid),
            Cell::PercentFormula(collection, l.collection_rate()),
            Cell::Money(l.recovered),
            Cell::Money(l.old_arrears),
            Cell::PercentFormula(clearance, l.clearance_rate()),
        ])?;
    }
    let ratios = [Ratio { at: 3, num: 2, den: &[1] }, Ratio { at: 8, num: 5, den: &[4] }, Ratio { at: 11, num: 9, den: &[9, 10] }];
    finish(sheet, "收缴率", &overall.name, &ratios)
}

/// "3栋" for a numbered building; a lettered one (S1, P) as it is.
fn building_label(code: &str) -> String {
    if code.parse::<u64>().is_ok() { format!("{code}栋") } else { code.to_string() }
}
