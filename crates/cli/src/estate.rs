//! `estate init`, `demo`, `settings`, `audit`: the estate file itself.

use clap::{Args, Subcommand};
use estate_core::db::{Db, settings as keys};
use estate_core::docs::pdf::PaperSize;
use estate_core::{audit as core_audit, demo as core_demo};
use serde_json::json;

use estate_core::staff::Permission;

use crate::Ctx;
use crate::reply::{Reply, fields};

#[derive(Args)]
pub struct InitArgs {
    /// 小区名称
    #[arg(long)]
    name: String,
}

pub fn init(ctx: &Ctx, a: InitArgs) -> estate_core::Result<Reply> {
    Db::create(&ctx.db_path, &a.name)?;
    let path = ctx.db_path.display().to_string();
    let text = format!("已新建小区“{}”：{path}", a.name.trim());
    Ok(Reply::new(&json!({ "db": path, "name": a.name.trim() }), text))
}

#[derive(Args)]
pub struct DemoArgs {
    /// 户数
    #[arg(long, default_value_t = 300)]
    units: usize,
    /// 历史年数（每月计费、收款）
    #[arg(long, default_value_t = 3)]
    years: u32,
    /// 随机种子（相同种子生成相同的小区）
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

pub fn demo(ctx: &Ctx, a: DemoArgs) -> estate_core::Result<Reply> {
    let options = core_demo::DemoOptions { units: a.units, years: a.years, seed: a.seed };
    let summary = core_demo::create(&ctx.db_path, &options)?;
    let text = fields(&[
        ("演示小区", summary.estate_name.clone()),
        ("文件", ctx.db_path.display().to_string()),
        ("房屋", summary.units.to_string()),
        ("住户", summary.people.to_string()),
        ("账单", summary.bills.to_string()),
        ("收款", summary.payments.to_string()),
        ("欠费户数", summary.units_in_arrears.to_string()),
        ("欠费合计", format!("{} 元", summary.arrears.grouped())),
        ("快递", format!("{} 件（待取 {} 件）", summary.parcels, summary.parcels_waiting)),
    ]);
    Ok(Reply::new(&summary, text))
}

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// 显示全部设置
    Show,
    /// 设置一项：estate_name 小区名称, receipt_header 收据抬头, paper_size 纸张(241x140|a5|a4), receipt_series 收据字头, idle_lock_minutes 空闲锁屏分钟数(1-120)
    Set { key: String, value: String },
}

pub fn settings(ctx: &Ctx, c: SettingsCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    if let SettingsCommand::Set { key, value } = c {
        // The core checks the value, so the CLI and the desktop app accept the same things.
        ctx.write(&mut db, Permission::EditSettings, |tx| keys::change(tx, &key, &value))?;
    }
    let mut all = serde_json::Map::new();
    let mut rows = Vec::new();
    for s in keys::all(db.conn())? {
        let shown = match s.key {
            keys::PAPER_SIZE => PaperSize::from_code(&s.value).unwrap_or_default().label().to_string(),
            _ => s.value.clone(),
        };
        rows.push((s.label, shown));
        all.insert(s.key.to_string(), json!(s.value));
    }
    Ok(Reply::new(&all, fields(&rows)))
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// 校验审计链是否完整、每条账目是否与封存记录一致
    Verify,
}

pub fn audit(ctx: &Ctx, c: AuditCommand) -> estate_core::Result<Reply> {
    let db = ctx.open()?;
    let AuditCommand::Verify = c;
    let v = core_audit::verify(db.conn())?;
    let mut text = match v.first_broken {
        None => format!("审计记录完整，共 {} 条。\n", v.entries),
        Some(id) => format!("审计记录第 {id} 条起对不上：记录可能被改动过。请保留数据库文件并联系管理员。\n"),
    };
    let ledger = &v.ledger;
    if ledger.problem_count == 0 {
        text.push_str(&format!("账目 {} 条，均与封存记录一致。\n", ledger.rows));
    } else {
        text.push_str(&format!("账目 {} 条中有 {} 条与封存记录对不上（可能在程序之外被改动、删除或插入）。请保留数据库文件并联系管理员：\n", ledger.rows, ledger.problem_count));
        for p in &ledger.problems {
            text.push_str(&format!("  {}\n", p.message));
        }
        if ledger.problem_count > ledger.problems.len() {
            text.push_str(&format!("  ……另有 {} 条未列出。\n", ledger.problem_count - ledger.problems.len()));
        }
    }
    let exit = if v.first_broken.is_some() || ledger.problem_count > 0 { 1 } else { 0 };
    Ok(Reply { exit, ..Reply::new(&v, text) })
}
