//! `estate init`, `demo`, `settings`, `audit`: the estate file itself.

use clap::{Args, Subcommand};
use estate_core::db::{Db, settings as keys};
use estate_core::docs::pdf::PaperSize;
use estate_core::{audit as core_audit, demo as core_demo};
use serde_json::json;

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
    ]);
    Ok(Reply::new(&summary, text))
}

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// 显示全部设置
    Show,
    /// 设置一项：estate_name 小区名称, receipt_header 收据抬头, paper_size 纸张(241x140|a5|a4), receipt_series 收据字头
    Set { key: String, value: String },
}

const SETTABLE: [(&str, &str); 4] = [
    (keys::ESTATE_NAME, "小区名称"),
    (keys::RECEIPT_HEADER, "收据抬头"),
    (keys::PAPER_SIZE, "收据纸张"),
    (keys::RECEIPT_SERIES, "收据字头"),
];

pub fn settings(ctx: &Ctx, c: SettingsCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    if let SettingsCommand::Set { key, value } = c {
        let value = value.trim().to_string();
        let valid = match key.as_str() {
            keys::PAPER_SIZE => PaperSize::from_code(&value).is_some(),
            keys::RECEIPT_SERIES => !value.is_empty() && value.len() <= 6 && value.chars().all(|c| c.is_ascii_alphanumeric()),
            keys::ESTATE_NAME => !value.is_empty(),
            keys::RECEIPT_HEADER => true,
            _ => false,
        };
        if !valid {
            return Err(estate_core::db::DbError::BadSetting(key, value).into());
        }
        db.write(&ctx.operator, |tx| {
            keys::set(tx, &key, &value)?;
            tx.audit("settings.set", "settings", 0, json!({ "key": key, "value": value }))
        })?;
    }
    let mut all = serde_json::Map::new();
    let mut rows = Vec::new();
    for (key, label) in SETTABLE {
        let value = keys::get(db.conn(), key)?.unwrap_or_default();
        let shown = match key {
            keys::PAPER_SIZE => PaperSize::from_code(&value).unwrap_or_default().label().to_string(),
            _ => value.clone(),
        };
        rows.push((label, shown));
        all.insert(key.to_string(), json!(value));
    }
    Ok(Reply::new(&all, fields(&rows)))
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// 校验审计链是否完整
    Verify,
}

pub fn audit(ctx: &Ctx, c: AuditCommand) -> estate_core::Result<Reply> {
    let db = ctx.open()?;
    let AuditCommand::Verify = c;
    let v = core_audit::verify(db.conn())?;
    let text = match v.first_broken {
        None => format!("审计记录完整，共 {} 条。", v.entries),
        Some(id) => format!("审计记录第 {id} 条起对不上：记录可能被改动过。请保留数据库文件并联系管理员。"),
    };
    let exit = if v.first_broken.is_some() { 1 } else { 0 };
    Ok(Reply { exit, ..Reply::new(&v, text) })
}
