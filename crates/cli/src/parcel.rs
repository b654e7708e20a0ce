//! `estate parcel`: parcels and letters at the desk (快递/信件) — intake from a
//! scanned number, texts for the messaging service, pickup by code, unit or
//! phone tail, the list, return to the courier, reminders, labels.

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};
use clap::{ArgGroup, Args, Subcommand};
use estate_core::arrears::read_as_of;
use estate_core::desk::save_messages;
use estate_core::parcels::{self, Filter, Find, Messages, NewParcel, NewPickup, Parcel, Phones, Status, rules};
use estate_core::staff::Permission;
use estate_core::{Db, Result, register as reg};
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum ParcelCommand {
    /// 快递入库：扫描单号（信件可不填），房号，收件人；打出取件码
    In(InArgs),
    /// 生成取件通知短信（Excel 或 CSV，交短信平台），并记下通知时间
    Notify {
        /// 保存到的文件：.xlsx 或 .csv
        #[arg(long)]
        out: PathBuf,
        /// 只通知这些快递（编号，可多个）；不写则通知所有还没通知过的待取快递
        #[arg(long = "id")]
        ids: Vec<i64>,
    },
    /// 取件：按取件码、房号、手机尾号或编号
    Pickup(PickupArgs),
    /// 快递登记簿：默认最近 30 天，最新的在前
    List(ListArgs),
    /// 退回快递员（超期未取、拒收、地址不对）
    Return {
        /// 快递编号（见 parcel list）
        id: i64,
        /// 交给了谁（快递员姓名或工号）
        #[arg(long)]
        taken_by: String,
        /// 原因
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 催取：存放超过设定天数（parcel_remind_days）的待取快递，生成提醒短信
    Remind {
        /// 保存到的文件：.xlsx 或 .csv
        #[arg(long)]
        out: PathBuf,
    },
    /// 打印取件标签（60×40 毫米，每件一张）
    Label {
        /// 快递编号，可多个
        #[arg(required = true)]
        ids: Vec<i64>,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct InArgs {
    /// 快递单号（扫码枪扫入）；信件可不填
    tracking: Option<String>,
    /// 房号，如 3-2-1502
    #[arg(long)]
    unit: String,
    /// 快递公司（顺丰、中通、zto…）；不填则按单号判断
    #[arg(long, default_value = "")]
    carrier: String,
    /// 收件人；不填则取这户上次的收件人或业主
    #[arg(long, default_value = "")]
    recipient: String,
    /// 大小：小件 small（默认）、中件 medium、大件 large
    #[arg(long, default_value = "")]
    size: String,
    /// 货架号，如 A3（取件码以它开头）
    #[arg(long, default_value = "A")]
    shelf: String,
    /// 类别：parcel 快递（默认）或 letter 信件
    #[arg(long, default_value = "parcel")]
    kind: String,
}

#[derive(Args)]
#[command(group(ArgGroup::new("which").required(true).args(["code", "unit", "phone", "ids"])))]
pub struct PickupArgs {
    /// 取件码，如 A-1024
    #[arg(long)]
    code: Option<String>,
    /// 房号：这户所有待取的快递
    #[arg(long)]
    unit: Option<String>,
    /// 手机尾号 4 位：这户所有待取的快递
    #[arg(long)]
    phone: Option<String>,
    /// 快递编号，可多个
    #[arg(long = "id")]
    ids: Vec<i64>,
    /// 取件人：recipient 本人（默认）、family 家人、proxy 他人代取、mailbox 投入信箱（信件）
    #[arg(long = "by", default_value = "recipient")]
    collector: String,
    /// 取件人姓名
    #[arg(long, default_value = "")]
    name: String,
    /// 备注（没有取件码替别人取件时必填）
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args)]
pub struct ListArgs {
    /// 从哪天起（默认 30 天前）
    #[arg(long)]
    from: Option<String>,
    /// 到哪天（默认今天）
    #[arg(long)]
    to: Option<String>,
    /// 状态：waiting 待取、collected 已取、returned 已退回
    #[arg(long, default_value = "")]
    status: String,
    /// 房号
    #[arg(long)]
    unit: Option<String>,
}

pub fn parcel(ctx: &Ctx, c: ParcelCommand) -> Result<Reply> {
    match c {
        ParcelCommand::In(a) => {
            let new = NewParcel { kind: a.kind, carrier: a.carrier, tracking_no: a.tracking.unwrap_or_default(), unit: a.unit, recipient: a.recipient, size: a.size, shelf: a.shelf };
            let mut db = ctx.open()?;
            let p = ctx.write(&mut db, Permission::Parcels, |tx| parcels::intake(tx, &new))?;
            Ok(Reply::new(&p, one(&p, "已入库")))
        }
        ParcelCommand::Notify { out, ids } => {
            let ids = (!ids.is_empty()).then_some(ids);
            let mut db = ctx.open()?;
            let m = ctx.write(&mut db, Permission::Parcels, |tx| messages(parcels::notify(tx, ids.as_deref(), Phones::Full)?, &out))?;
            Ok(sent(&m, &out, "取件通知"))
        }
        ParcelCommand::Remind { out } => {
            let mut db = ctx.open()?;
            let m = ctx.write(&mut db, Permission::Parcels, |tx| messages(parcels::remind(tx, Phones::Full)?, &out))?;
            Ok(sent(&m, &out, "催取提醒"))
        }
        ParcelCommand::Pickup(a) => pickup(ctx, a),
        ParcelCommand::List(a) => list(ctx, a),
        ParcelCommand::Return { id, taken_by, reason } => {
            let mut db = ctx.open()?;
            let p = ctx.write(&mut db, Permission::Parcels, |tx| parcels::return_to_courier(tx, id, &taken_by, &reason))?;
            Ok(Reply::new(&p, one(&p, "已退回快递员")))
        }
        ParcelCommand::Label { ids, out } => {
            let db = ctx.open()?;
            let pdf = parcels::labels_pdf(db.conn(), &ids, db.now().date_naive())?;
            estate_core::error::FileError::write(&out, &pdf)?;
            let text = format!("取件标签 {} 张（60×40 毫米）已保存：{}", ids.len(), out.display());
            Ok(Reply::new(&json!({ "labels": ids.len(), "out": out }), text))
        }
    }
}

/// The round's texts saved for the messaging service (exported in the same transaction as recorded).
fn messages(m: Messages, out: &Path) -> Result<Messages> {
    save_messages(out, &m)?;
    Ok(m)
}

fn sent(m: &Messages, out: &Path, what: &str) -> Reply {
    let mut text = format!("{what}短信 {} 条已保存：{}\n", m.messages.len(), out.display());
    if !m.without_phone.is_empty() {
        let units: Vec<String> = m.without_phone.iter().map(|p| format!("{}（{}）", p.unit, p.pickup_code)).collect();
        text += &format!("没有手机号、请电话或留条通知的 {} 件：{}\n", units.len(), units.join("、"));
    }
    Reply::new(&json!({ "messages": m.messages.len(), "without_phone": m.without_phone, "out": out }), text)
}

fn pickup(ctx: &Ctx, a: PickupArgs) -> Result<Reply> {
    let how = NewPickup { code: None, collector: rules::parse_collector(&a.collector)?, collector_name: a.name, note: a.note };
    let mut db = ctx.open()?;
    let taken: Vec<Parcel> = if let Some(code) = a.code {
        vec![ctx.write(&mut db, Permission::Parcels, |tx| parcels::pickup_by_code(tx, &code, &how))?]
    } else {
        let today = db.now().date_naive();
        let ids: Vec<i64> = match (a.unit, a.phone) {
            (Some(unit), _) => ids_of(&db, &Find::Unit(unit), today)?,
            (None, Some(tail)) => ids_of(&db, &Find::PhoneTail(tail), today)?,
            (None, None) => a.ids,
        };
        ctx.write(&mut db, Permission::Parcels, |tx| parcels::pickup(tx, &ids, &how))?
    };
    let rows: Vec<Vec<String>> = taken.iter().map(row).collect();
    let text = format!("已取件 {} 件\n\n{}", taken.len(), table(&HEADER, &rows, &[0, 9]));
    Ok(Reply::new(&json!({ "parcels": taken, "count": taken.len() }), text))
}

fn ids_of(db: &Db, by: &Find, today: NaiveDate) -> Result<Vec<i64>> {
    Ok(parcels::find_waiting(db.conn(), by, today)?.iter().map(|p| p.id).collect())
}

fn list(ctx: &Ctx, a: ListArgs) -> Result<Reply> {
    let db = ctx.open()?;
    let today = db.now().date_naive();
    let to = read_as_of(a.to.as_deref().unwrap_or(""), today)?;
    let from = read_as_of(a.from.as_deref().unwrap_or(""), to - Duration::days(29))?;
    let status = match a.status.trim() {
        "" => None,
        "waiting" | "待取" => Some(Status::Waiting),
        "collected" | "已取" => Some(Status::Collected),
        "returned" | "已退回" => Some(Status::Returned),
        other => return Err(reg::RegisterError::BadInput(format!("状态“{}”不认识：waiting 待取、collected 已取、returned 已退回。", other.chars().take(20).collect::<String>())).into()),
    };
    let unit_id = a.unit.map(|u| reg::find_unit(db.conn(), &u)).transpose()?.map(|u| u.id);
    let found = parcels::list(db.conn(), &Filter { from: Some(from), to: Some(to), status, unit_id, kind: None }, today)?;
    let waiting = found.iter().filter(|p| p.status == Status::Waiting).count();
    let overdue = found.iter().filter(|p| p.overdue).count();
    let mut text = format!("{from} 至 {to}：快递信件 {} 件，待取 {waiting} 件，超期未取 {overdue} 件\n", found.len());
    if !found.is_empty() {
        text += "\n";
        text += &table(&HEADER, &found.iter().map(row).collect::<Vec<_>>(), &[0, 9]);
    }
    Ok(Reply::new(&json!({ "from": from, "to": to, "parcels": found, "count": found.len(), "waiting": waiting, "overdue": overdue }), text))
}

const HEADER: [&str; 10] = ["编号", "到件时间", "取件码", "房号", "收件人", "快递公司", "单号", "类别", "状态", "存放天数"];

fn row(p: &Parcel) -> Vec<String> {
    let status = if p.overdue { format!("{}（超期）", p.status_label) } else { p.status_label.to_string() };
    let when = p.received_at.get(..16).unwrap_or_default().replace('T', " ");
    vec![p.id.to_string(), when, p.pickup_code.clone(), p.unit.clone(), p.recipient.clone(), p.carrier.clone(), p.tracking_no.clone(), p.kind_label.into(), status, p.days.to_string()]
}

/// One parcel after intake or return.
fn one(p: &Parcel, title: &str) -> String {
    let mut rows = vec![("取件码", p.pickup_code.clone()), ("编号", p.id.to_string()), ("房号", p.unit.clone()), ("收件人", p.recipient.clone()), ("类别", p.kind_label.into())];
    if !p.tracking_no.is_empty() {
        rows.push(("单号", format!("{}（{}）", p.tracking_no, p.carrier)));
    }
    if !p.shelf.is_empty() {
        rows.push(("货架", p.shelf.clone()));
    }
    rows.push(("状态", p.status_label.into()));
    if let Some(r) = &p.returned {
        rows.push(("交给", r.taken_by.clone()));
    }
    format!("{title}\n{}", fields(&rows))
}
