//! `estate export monthly`: the month's workbook for finance.

use std::path::PathBuf;

use clap::Subcommand;
use estate_core::fees::Period;
use estate_core::handover;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// 月度报表（Excel）：收款明细、收费汇总、收缴率、欠费账龄、预存款余额、押金台账、减免明细、作废收据、日结汇总、盘点
    Monthly {
        /// 月份，如 2026-03
        #[arg(long)]
        period: String,
        /// 保存为，如 2026-03月度报表.xlsx
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn export(ctx: &Ctx, c: ExportCommand) -> estate_core::Result<Reply> {
    let ExportCommand::Monthly { period, out } = c;
    let period = Period::parse(&period)?;
    let mut db = ctx.open()?;
    estate_core::staff::require(&ctx.staff(&mut db)?, estate_core::staff::Permission::ExportReports)?;
    let done = handover::export(db.conn(), period, &out)?;
    let h = &done.headline;
    let rows: Vec<Vec<String>> = done.sheets.iter().map(|s| vec![s.name.clone(), s.rows.to_string()]).collect();
    let text = format!(
        "已导出 {}年{}月 月度报表：{}\n\n{}\n{}",
        period.year,
        period.month,
        done.file,
        table(&["工作表", "行数"], &rows, &[1]),
        fields(&[
            ("应收", format!("{} 元", h.billed.grouped())),
            ("实收", format!("{} 元", h.collected.grouped())),
            ("收费率", h.collection_rate.clone()),
            ("户收费率", h.household_rate.clone()),
            ("清缴率", h.clearance_rate.clone()),
            ("月末欠费", format!("{} 元", h.arrears.grouped())),
            ("月末预存款", format!("{} 元", h.prepaid.grouped())),
            ("月末押金", format!("{} 元", h.deposits_held.grouped())),
        ])
    );
    Ok(Reply::new(&done, text))
}
