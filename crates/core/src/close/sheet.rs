//! The handover sheet (日结交接单): a closed day on A4, handed with the cash to
//! finance and signed by both.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{CloseError, DayClose, DaySummary, Line, rules};
use crate::db::settings;
use crate::docs::pdf::{SheetBlock, SheetColumn, SheetDoc, SheetTable, sheet_pdf};
use crate::error::Result;

/// The sheet of `clerk`'s closed `day`; `printed_at` goes in its footer.
/// A day not yet closed has no sheet: the count comes first.
pub fn handover_sheet(conn: &Connection, clerk: &str, day: NaiveDate, printed_at: &str) -> Result<Vec<u8>> {
    let s = super::summary(conn, clerk, day)?;
    let Some(close) = s.close.clone() else {
        return Err(CloseError::NotClosed { clerk: s.clerk, day }.into());
    };
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    Ok(sheet_pdf(&sheet_doc(&s, &close, &estate, printed_at))?)
}

fn sheet_doc(s: &DaySummary, close: &DayClose, estate: &str, printed_at: &str) -> SheetDoc {
    let range = match (&s.first_receipt, &s.last_receipt) {
        (Some(first), Some(last)) => format!("{first} 至 {last}（共 {} 张，作废 {} 张）", s.receipt_count, s.voided.iter().filter(|v| !v.reversal).count()),
        _ => "当日未开收据".into(),
    };
    let fields = [
        ("收款人", s.clerk.clone()),
        ("收款日期", s.day.to_string()),
        ("日结人", close.closed_by.clone()),
        ("日结时间", minute(&close.closed_at)),
        ("收据号", range),
    ];
    let methods: Vec<&Line> = s.totals.by_method.iter().map(|m| &m.line).collect();
    let mut blocks = vec![
        SheetBlock::Heading("一、按收款方式".into()),
        SheetBlock::Table(lines_table("收款方式", &methods, &s.totals.total)),
        SheetBlock::Heading("二、按收费项目".into()),
    ];
    if s.totals.by_item.is_empty() {
        blocks.push(SheetBlock::Text("当日无收款。".into()));
    } else {
        blocks.push(SheetBlock::Table(lines_table("收费项目", &s.totals.by_item.iter().collect::<Vec<_>>(), &s.totals.total)));
    }
    blocks.push(SheetBlock::Heading("三、作废收据".into()));
    if s.voided.is_empty() {
        blocks.push(SheetBlock::Text("当日无作废收据。".into()));
    } else {
        blocks.push(SheetBlock::Table(voided_table(s)));
        blocks.push(SheetBlock::Text("当日作废：当日收、当日作废，不计入实收；冲回：以前日期的收据今日作废，从今日实收中减去，原日期的日结不变。".into()));
    }
    blocks.push(SheetBlock::Heading("四、现金清点".into()));
    blocks.push(SheetBlock::Table(SheetTable {
        columns: columns(&[("应有现金（元）", 1.0, true), ("实点现金（元）", 1.0, true), ("差额（元）", 1.0, true), ("结果", 0.8, true)]),
        rows: vec![vec![
            close.cash_expected.grouped(),
            close.cash_counted.grouped(),
            close.difference.grouped(),
            rules::difference_label(close.difference).into(),
        ]],
        total: None,
    }));
    blocks.push(SheetBlock::Text(format!("备注：{}", if close.note.is_empty() { "无" } else { &close.note })));
    blocks.push(SheetBlock::Text(format!(
        "实收合计 {} 元（{}），其中现金 {} 元，实点现金 {} 元。",
        close.takings.grouped(),
        if close.takings.fen() < 0 { format!("负{}", (-close.takings).capitals()) } else { close.takings.capitals() },
        close.cash_expected.grouped(),
        close.cash_counted.grouped()
    )));
    // Keys handed over with the day only when there are some: a day without keeps its one page.
    if !s.overdue_keys.is_empty() {
        blocks.push(SheetBlock::Heading("五、到期未还的钥匙".into()));
        blocks.push(SheetBlock::Table(keys_table(s)));
    }
    SheetDoc {
        title: "收款日结交接单".into(),
        issuer: format!("{estate}物业服务中心"),
        fields: fields.into_iter().map(|(l, v)| (l.to_string(), v)).collect(),
        blocks,
        signatures: vec!["交款人（收款员签字）".into(), "接收人（财务签字）".into()],
        footer: format!("{} {} 日结交接单 · 打印于 {}", s.clerk, s.day, minute(printed_at)),
    }
}

pub(crate) fn columns(list: &[(&str, f32, bool)]) -> Vec<SheetColumn> {
    list.iter().map(|&(title, share, right)| SheetColumn { title: title.into(), share, right }).collect()
}

/// A by-method or by-item table: receipts taken, reversals, what is left, and the total.
fn lines_table(first: &str, lines: &[&Line], total: &Line) -> SheetTable {
    let row = |l: &Line| vec![l.name.clone(), l.count.to_string(), l.taken.grouped(), reversed(l), l.amount.grouped()];
    SheetTable {
        columns: columns(&[(first, 1.6, false), ("笔数", 0.6, true), ("收款（元）", 1.2, true), ("冲回（元）", 1.2, true), ("实收（元）", 1.2, true)]),
        rows: lines.iter().map(|l| row(l)).collect(),
        total: Some(row(total)),
    }
}

fn reversed(l: &Line) -> String {
    if l.reversals == 0 { String::new() } else { format!("-{}（{} 笔）", l.reversed.grouped(), l.reversals) }
}

fn voided_table(s: &DaySummary) -> SheetTable {
    SheetTable {
        columns: columns(&[("收据号", 1.15, false), ("房号", 0.9, false), ("方式", 0.6, false), ("金额（元）", 0.95, true), ("收款日期", 0.95, false), ("作废", 0.95, false), ("原因", 1.5, false)]),
        rows: s
            .voided
            .iter()
            .map(|v| {
                vec![
                    v.receipt_no.clone(),
                    v.unit.clone(),
                    v.method_label.into(),
                    v.amount.grouped(),
                    v.paid_on.to_string(),
                    if v.reversal { "冲回".into() } else { "当日作废".into() },
                    format!("{}（{}）", v.reason, v.voided_by),
                ]
            })
            .collect(),
        total: None,
    }
}

fn keys_table(s: &DaySummary) -> SheetTable {
    SheetTable {
        columns: columns(&[("房号", 0.9, false), ("挂钩", 0.6, false), ("借用人", 1.8, false), ("事由", 1.1, false), ("借出", 1.2, false), ("应还", 1.2, false)]),
        rows: s
            .overdue_keys
            .iter()
            .map(|l| vec![l.unit.clone(), l.hook.clone(), format!("{}（{}）", l.borrower, l.borrower_kind_label), l.purpose.clone(), minute(&l.out_at), minute(&l.due_at)])
            .collect(),
        total: None,
    }
}

/// "2026-01-10T18:00:00+08:00" as "2026-01-10 18:00".
pub(crate) fn minute(at: &str) -> String {
    at.get(..16).map_or_else(|| at.to_string(), |t| t.replacen('T', " ", 1))
}
