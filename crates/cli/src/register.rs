//! `estate import`, `unit`, `transfer`, `vehicle`: the owner register.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use estate_core::register::import::{ImportOptions, RowProblem, import_owners_as};
use estate_core::register::{self as reg, NewPerson, NewUnit, Role, UnitType, rules};
use serde_json::json;

use estate_core::staff::Permission;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

fn bad(message: String) -> estate_core::Error {
    reg::RegisterError::BadInput(message).into()
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// 导入业主名册（.xlsx/.xls/.csv）：有问题的行全部列出，默认一行都不写入
    Owners {
        file: PathBuf,
        #[command(flatten)]
        flags: ImportFlags,
    },
}

/// The options every importer takes.
#[derive(Args)]
pub struct ImportFlags {
    /// 工作表名称（默认第一个）
    #[arg(long)]
    pub sheet: Option<String>,
    /// 只检查，不写入
    #[arg(long)]
    pub dry_run: bool,
    /// 跳过有问题的行，导入其余的行
    #[arg(long)]
    pub skip_bad_rows: bool,
}

impl ImportFlags {
    pub fn options(self) -> ImportOptions {
        ImportOptions { sheet: self.sheet, dry_run: self.dry_run, skip_bad_rows: self.skip_bad_rows }
    }
}

pub fn import(ctx: &Ctx, c: ImportCommand) -> estate_core::Result<Reply> {
    let ImportCommand::Owners { file, flags } = c;
    let mut db = ctx.open()?;
    let (dry_run, skip_bad_rows) = (flags.dry_run, flags.skip_bad_rows);
    let options = flags.options();
    let me = ctx.staff(&mut db)?;
    estate_core::staff::require(&me, Permission::Import)?;
    let report = import_owners_as(&mut db, &me.name, &file, &options, &mut |_, _| {})?;
    let counts = fields(&[
        ("新建房屋", report.units_created.to_string()),
        ("新建住户", report.people_created.to_string()),
        ("期初欠费", report.opening_balances.to_string()),
        ("跳过的行", report.skipped.to_string()),
    ]);
    Ok(import_reply(&report, counts, &report.errors, dry_run, skip_bad_rows))
}

/// An import's reply, for every importer: its counts, then every problem by row and
/// column and whether anything was written; exit 2 when problems kept it from writing.
pub fn import_reply(report: &impl serde::Serialize, counts: String, errors: &[RowProblem], dry_run: bool, skip_bad_rows: bool) -> Reply {
    let mut text = counts;
    if !errors.is_empty() {
        let rows: Vec<Vec<String>> = errors.iter().map(|e| vec![e.row.to_string(), e.column.clone(), e.message.clone()]).collect();
        text += &format!("\n发现 {} 处问题：\n", errors.len());
        text += &table(&["行", "列", "问题"], &rows, &[0]);
        if !skip_bad_rows {
            text += "\n没有写入任何数据。请改正后重新导入，或加 --skip-bad-rows 只导入没有问题的行。\n";
        }
    } else if dry_run {
        text += "\n检查通过（试导入，未写入）。\n";
    }
    let exit = if !errors.is_empty() && !skip_bad_rows { 2 } else { 0 };
    Reply { exit, ..Reply::new(report, text) }
}

#[derive(Subcommand)]
pub enum UnitCommand {
    /// 新增房屋
    Add {
        /// 房号，如 3-2-1502 或 3栋2单元1502
        unit: String,
        /// 房屋类型：住宅、商铺、车位、储藏室、办公
        #[arg(long = "type", default_value = "住宅")]
        unit_type: String,
        /// 建筑面积（㎡）
        #[arg(long, allow_hyphen_values = true)]
        area: Option<String>,
        /// 交房日期
        #[arg(long)]
        handover: Option<String>,
    },
    /// 查看房屋：住户（含历史）、车辆、过户记录
    Show { unit: String },
    /// 单元大事记：过户、入住迁出、装修、户内维修、投诉、法律催缴，新的在前
    History { unit: String },
    /// 登记住户（业主、共有人、租户、家属、授权人）
    Occupant {
        unit: String,
        #[arg(long)]
        name: String,
        /// 电话，多个用 / 分隔
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long)]
        id_number: Option<String>,
        /// owner 业主, co_owner 共有人, tenant 租户, family 家属, authorised 授权人
        #[arg(long, default_value = "owner")]
        role: String,
        /// 起始日期（默认今天）
        #[arg(long)]
        from: Option<String>,
    },
}

fn date_or_today(text: Option<&str>, db: &estate_core::Db) -> estate_core::Result<chrono::NaiveDate> {
    match text {
        Some(t) => rules::parse_date(t).map_err(bad),
        None => Ok(db.now().date_naive()),
    }
}

pub fn unit(ctx: &Ctx, c: UnitCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    match c {
        UnitCommand::Add { unit, unit_type, area, handover } => {
            let new = NewUnit {
                code: rules::parse_unit_code(&unit).map_err(bad)?,
                unit_type: UnitType::parse(&unit_type)
                    .ok_or_else(|| bad(format!("房屋类型“{unit_type}”不认识，可选：住宅、商铺、车位、储藏室、办公")))?,
                area: area.as_deref().map(rules::parse_area).transpose().map_err(bad)?,
                handover: handover.as_deref().map(rules::parse_date).transpose().map_err(bad)?,
            };
            let saved = ctx.write(&mut db, Permission::EditRegister, |tx| reg::add_unit(tx, &new))?;
            Ok(Reply::new(&saved, format!("已新增房屋 {}（{}）", saved.code, saved.unit_type.label())))
        }
        UnitCommand::Show { unit } => {
            let found = reg::find_unit(db.conn(), &unit)?;
            let card = reg::unit_card(db.conn(), &found)?;
            // Phones and ID numbers leave the core masked (`register::Person`).
            Ok(Reply::new(&card, card_text(&card)))
        }
        UnitCommand::History { unit } => {
            let found = reg::find_unit(db.conn(), &unit)?;
            let events = estate_core::history::unit_history(db.conn(), &found)?;
            let rows: Vec<Vec<String>> = events.iter().map(|e| vec![e.at.clone(), e.kind_label.to_string(), e.text.clone(), e.reference.clone()]).collect();
            let mut text = format!("{} 大事记 {} 条\n", found.code, events.len());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["时间", "类别", "事项", "编号"], &rows, &[]);
            }
            Ok(Reply::new(&serde_json::json!({ "unit": found.code, "events": events, "count": events.len() }), text))
        }
        UnitCommand::Occupant { unit, name, phone, id_number, role, from } => {
            let found = reg::find_unit(db.conn(), &unit)?;
            let role = Role::parse(&role).ok_or_else(|| bad(format!("身份“{role}”不认识，可选：owner 业主、co_owner 共有人、tenant 租户、family 家属、authorised 授权人")))?;
            let person = NewPerson { name, phones: rules::parse_phones(&phone).map_err(bad)?, id_number };
            let from = date_or_today(from.as_deref(), &db)?;
            let (saved, created) = ctx.write(&mut db, Permission::EditRegister, |tx| reg::add_occupant(tx, &found, &person, role, from))?;
            let text = format!("已登记 {} 为 {} 的{}{}", saved.name, found.code, role.label(), if created { "" } else { "（已有档案）" });
            Ok(Reply::new(&json!({ "unit": found.code, "person_id": saved.id, "name": saved.name, "role": role.code(), "created": created }), text))
        }
    }
}

fn card_text(card: &reg::UnitCard) -> String {
    let u = &card.unit;
    let mut out = fields(&[
        ("房号", u.code.clone()),
        ("类型", u.unit_type.label().to_string()),
        ("建筑面积", u.area.map(|a| format!("{a} ㎡")).unwrap_or_else(|| "—".into())),
        ("交房日期", u.handover.map(|d| d.to_string()).unwrap_or_else(|| "—".into())),
    ]);
    let rows: Vec<Vec<String>> = card
        .occupancies
        .iter()
        .map(|o| {
            let phones: Vec<String> = o.person.phones.iter().map(|p| rules::mask_phone(p)).collect();
            let to = o.to.map(|d| d.to_string()).unwrap_or_else(|| "至今".into());
            vec![o.role.label().into(), o.person.name.clone(), o.person.id.to_string(), phones.join(" / "), format!("{} ~ {to}", o.from)]
        })
        .collect();
    out += "\n住户：\n";
    out += &table(&["身份", "姓名", "住户编号", "电话", "期间"], &rows, &[2]);
    if !card.vehicles.is_empty() {
        let plates: Vec<&str> = card.vehicles.iter().map(|v| v.plate.as_str()).collect();
        out += &format!("\n车辆：{}\n", plates.join("、"));
    }
    for t in &card.transfers {
        out += &format!("\n过户 {}：{} → {}", t.date, t.from_people, t.to_person);
    }
    out
}

#[derive(Args)]
pub struct TransferArgs {
    unit: String,
    /// 新业主姓名
    #[arg(long)]
    to: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long)]
    id_number: Option<String>,
    /// 过户日期（新业主从这天起）
    #[arg(long)]
    date: String,
    #[arg(long, default_value = "")]
    note: String,
}

pub fn transfer(ctx: &Ctx, a: TransferArgs) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    let unit = reg::find_unit(db.conn(), &a.unit)?;
    let person = NewPerson { name: a.to, phones: rules::parse_phones(&a.phone).map_err(bad)?, id_number: a.id_number };
    let date = rules::parse_date(&a.date).map_err(bad)?;
    let t = ctx.write(&mut db, Permission::EditRegister, |tx| reg::transfer(tx, &unit, &person, date, &a.note))?;
    let text = format!("{} 已过户：{} → {}（{} 起）。欠费和预存随房屋不变。", unit.code, t.from_people, t.to_person, t.date);
    Ok(Reply::new(&t, text))
}

#[derive(Subcommand)]
pub enum VehicleCommand {
    /// 登记车辆
    Add {
        unit: String,
        #[arg(long)]
        plate: String,
    },
}

pub fn vehicle(ctx: &Ctx, c: VehicleCommand) -> estate_core::Result<Reply> {
    let VehicleCommand::Add { unit, plate } = c;
    let mut db = ctx.open()?;
    let unit = reg::find_unit(db.conn(), &unit)?;
    let v = ctx.write(&mut db, Permission::EditRegister, |tx| reg::add_vehicle(tx, &unit, &plate, None))?;
    Ok(Reply::new(&v, format!("已登记车辆 {} → {}", v.plate, unit.code)))
}
