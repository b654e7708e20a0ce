//! 收款明细 (every receipt of the month, voids marked), 作废收据 and 减免明细.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::store::{Moved, ReceiptRow, VoidRow, WaiverRow};
use super::{Month, SheetInfo, finish, local_time};
use crate::docs::xlsx::{Book, Cell, Kind, col};
use crate::error::Result;
use crate::fees::Method;
use crate::money::Money;

/// A line of 收款明细: a receipt issued in the month, or the void in the
/// month of a receipt issued before it (amount 0, the reversal negative).
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptLine {
    pub at: NaiveDateTime,
    pub receipt_no: String,
    pub unit: String,
    pub payer: String,
    /// What the money paid: "物业服务费 2026-03、预存款".
    pub items: String,
    pub method: &'static str,
    pub clerk: String,
    pub amount: Money,
    /// The void's reversal counted this month (zero or negative).
    pub reversed: Money,
    pub status: String,
}

impl ReceiptLine {
    /// What the line adds to the month's takings.
    pub fn collected(&self) -> Money {
        self.amount + self.reversed
    }
}

pub(super) fn receipt_lines(month: &Month, receipts: Vec<ReceiptRow>, voids: &[VoidRow], moved: &[Moved]) -> Result<Vec<ReceiptLine>> {
    let items = items_paid(moved);
    let mut lines = Vec::with_capacity(receipts.len() + voids.len());
    for r in receipts {
        let void_now = r.void.as_ref().filter(|(at, _)| month.contains(at));
        let status = match (&r.void, void_now) {
            (Some((_, reason)), Some(_)) => format!("作废：{reason}"),
            (Some((at, _)), None) => format!("{} 作废，计入当月", at.get(..10).unwrap_or_default()),
            (None, _) => String::new(),
        };
        let (mut paid, settled) = items.get(&r.payment_id).cloned().unwrap_or_default();
        if r.amount > settled {
            paid.push("预存款".into());
        }
        lines.push(ReceiptLine {
            at: local_time(&r.paid_at)?,
            receipt_no: r.receipt_no,
            unit: r.unit,
            payer: r.payer,
            items: paid.join("、"),
            method: Method::label_of(&r.method),
            clerk: r.operator,
            amount: r.amount,
            reversed: if void_now.is_some() { -r.amount } else { Money::ZERO },
            status,
        });
    }
    for v in voids.iter().filter(|v| !month.contains(&v.paid_at)) {
        lines.push(ReceiptLine {
            at: local_time(&v.voided_at)?,
            receipt_no: v.receipt_no.clone(),
            unit: v.unit.clone(),
            payer: v.payer.clone(),
            items: "（见原收据）".into(),
            method: Method::label_of(&v.method),
            clerk: v.operator.clone(),
            amount: Money::ZERO,
            reversed: -v.amount,
            status: format!("冲销 {} 的收据：{}", v.paid_at.get(..10).unwrap_or_default(), v.reason),
        });
    }
    lines.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.receipt_no.cmp(&b.receipt_no)));
    Ok(lines)
}

/// Money a payment gave to bills when it was taken (not prepayment applied later, not reversals).
fn is_payment(m: &Moved) -> bool {
    !m.reversal && !m.from_prepaid
}

/// "物业服务费 2026-03" for each bill a payment of the month paid, and what it gave to bills, by payment.
fn items_paid(moved: &[Moved]) -> HashMap<i64, (Vec<String>, Money)> {
    let mut by_payment: HashMap<i64, (Vec<String>, Money)> = HashMap::new();
    for m in moved.iter().filter(|m| is_payment(m)) {
        let period = if m.period == m.period_end { m.period.clone() } else { format!("{}~{}", m.period, m.period_end) };
        let (items, settled) = by_payment.entry(m.payment_id).or_default();
        items.push(format!("{} {period}", m.item));
        *settled += m.amount;
    }
    by_payment
}

pub(super) fn receipts_sheet(book: &mut Book, lines: &[ReceiptLine]) -> Result<SheetInfo> {
    const COLUMNS: [crate::docs::xlsx::Column; 11] = [
        col("收款时间", Kind::DateTime),
        col("收据号", Kind::Text),
        col("房号", Kind::Text),
        col("交款人", Kind::Text),
        col("收费项目", Kind::Text),
        col("收款方式", Kind::Text),
        col("收款人", Kind::Text),
        col("收据金额", Kind::Money),
        col("作废冲销", Kind::Money),
        col("本月实收", Kind::Money),
        col("状态", Kind::Text),
    ];
    let mut sheet = book.sheet("收款明细", &COLUMNS)?;
    for l in lines {
        let collected = format!("{}+{}", sheet.here(7), sheet.here(8));
        sheet.write_row(&[
            Cell::DateTime(l.at),
            Cell::text(&l.receipt_no),
            Cell::text(&l.unit),
            Cell::text(&l.payer),
            Cell::text(&l.items),
            Cell::text(l.method),
            Cell::text(&l.clerk),
            Cell::Money(l.amount),
            Cell::Money(l.reversed),
            Cell::MoneyFormula(collected, l.collected()),
            Cell::text(&l.status),
        ])?;
    }
    finish(sheet, "收款明细", "合计", &[])
}

/// A receipt voided in the month.
#[derive(Debug, Clone, PartialEq)]
pub struct VoidLine {
    pub voided_at: NaiveDateTime,
    pub receipt_no: String,
    pub paid_at: NaiveDateTime,
    pub unit: String,
    pub payer: String,
    pub method: &'static str,
    pub clerk: String,
    pub amount: Money,
    pub reason: String,
    pub operator: String,
    /// The supervisor who approved the void on the spot ('' when the operator needed no approval).
    pub approved_by: String,
}

impl VoidLine {
    pub(super) fn from_row(v: VoidRow) -> Result<VoidLine> {
        Ok(VoidLine {
            voided_at: local_time(&v.voided_at)?,
            receipt_no: v.receipt_no,
            paid_at: local_time(&v.paid_at)?,
            unit: v.unit,
            payer: v.payer,
            method: Method::label_of(&v.method),
            clerk: v.clerk,
            amount: v.amount,
            reason: v.reason,
            operator: v.operator,
            approved_by: v.approved_by.unwrap_or_default(),
        })
    }
}

pub(super) fn voids_sheet(book: &mut Book, lines: &[VoidLine]) -> Result<SheetInfo> {
    let columns = [
        col("作废时间", Kind::DateTime),
        col("收据号", Kind::Text),
        col("收款时间", Kind::DateTime),
        col("房号", Kind::Text),
        col("交款人", Kind::Text),
        col("收款方式", Kind::Text),
        col("收款人", Kind::Text),
        col("金额", Kind::Money),
        col("作废原因", Kind::Text),
        col("作废人", Kind::Text),
        col("授权主管", Kind::Text),
    ];
    let mut sheet = book.sheet("作废收据", &columns)?;
    for v in lines {
        sheet.write_row(&[
            Cell::DateTime(v.voided_at),
            Cell::text(&v.receipt_no),
            Cell::DateTime(v.paid_at),
            Cell::text(&v.unit),
            Cell::text(&v.payer),
            Cell::text(v.method),
            Cell::text(&v.clerk),
            Cell::Money(v.amount),
            Cell::text(&v.reason),
            Cell::text(&v.operator),
            Cell::text(&v.approved_by),
        ])?;
    }
    finish(sheet, "作废收据", "合计", &[])
}

/// A waiver given in the month.
#[derive(Debug, Clone, PartialEq)]
pub struct WaiverLine {
    pub at: NaiveDateTime,
    pub unit: String,
    pub item: String,
    pub period: String,
    pub amount: Money,
    pub reason: String,
    pub operator: String,
    /// The supervisor who approved the waiver on the spot ('' when the operator needed no approval).
    pub approved_by: String,
}

impl WaiverLine {
    pub(super) fn from_row(w: WaiverRow) -> Result<WaiverLine> {
        let approved_by = w.approved_by.unwrap_or_default();
        Ok(WaiverLine { at: local_time(&w.at)?, unit: w.unit, item: w.item, period: w.period, amount: w.amount, reason: w.reason, operator: w.operator, approved_by })
    }
}

pub(super) fn waivers_sheet(book: &mut Book, lines: &[WaiverLine]) -> Result<SheetInfo> {
    let columns = [
        col("减免时间", Kind::DateTime),
        col("房号", Kind::Text),
        col("收费项目", Kind::Text),
        col("账期", Kind::Text),
        col("减免金额", Kind::Money),
        col("原因", Kind::Text),
        col("经办人", Kind::Text),
        col("授权主管", Kind::Text),
    ];
    let mut sheet = book.sheet("减免明细", &columns)?;
    for w in lines {
        sheet.write_row(&[
            Cell::DateTime(w.at),
            Cell::text(&w.unit),
            Cell::text(&w.item),
            Cell::text(&w.period),
            Cell::Money(w.amount),
            Cell::text(&w.reason),
            Cell::text(&w.operator),
            Cell::text(&w.approved_by),
        ])?;
    }
    finish(sheet, "减免明细", "合计", &[])
}
