//! `estate card` and `estate count`: controlled items (住户卡, 车卡, 可视对讲机,
//! other items) — stock, issue with the deposit and its receipt, return with
//! the refund — and the monthly count (盘点) with its sheet.

use std::path::PathBuf;

use clap::{ArgGroup, Subcommand};
use estate_core::desk::{ReturnForm, read_return};
use estate_core::error::FileError;
use estate_core::fees::{self, Method, Period};
use estate_core::inventory::{self, Count, Item, ItemFilter, ItemKind, Movement, NewIssue, sheet};
use estate_core::register as reg;
use estate_core::staff::Permission;
use estate_core::{Money, Result};
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum CardCommand {
    /// 入库：登记卡证或设备的编号（可写范围 ZH0001..ZH0050）
    Add {
        /// 类别：住户卡、车卡、可视对讲机、其他（或 resident、car、handset、other）
        #[arg(long)]
        kind: String,
        /// 编号，或范围 ZH0001..ZH0050（一次最多 1000 个）
        serial: String,
        /// 其他物品的名称（如 遥控器）
        #[arg(long, default_value = "")]
        name: String,
    },
    /// 发放给本户登记的住户；设了押金的类别同时收押金并开押金收据
    Issue {
        /// 房号，如 3-2-1502
        unit: String,
        /// 类别：住户卡、车卡、可视对讲机、其他
        #[arg(long)]
        kind: String,
        /// 编号
        #[arg(long)]
        serial: String,
        /// 领取人（本户登记的住户；默认为业主）
        #[arg(long)]
        to: Option<String>,
        /// 押金的收款方式：cash 现金（默认）, card 银行卡, wechat 微信, alipay 支付宝, transfer 转账
        #[arg(long, default_value = "cash")]
        method: String,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 退回：押金全额退还；损坏可扣除（须写原因，需主管）
    Return {
        /// 编号
        serial: String,
        /// 类别（编号在几个类别里都有时必填）
        #[arg(long, default_value = "")]
        kind: String,
        /// 交回人（默认为领取人）
        #[arg(long, default_value = "")]
        by: String,
        /// 物品状况
        #[arg(long, default_value = "")]
        note: String,
        /// 从押金中扣除的金额（元），默认 0
        #[arg(long, allow_hyphen_values = true, default_value = "0")]
        deduct: String,
        /// 扣除原因
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 卡证台账：在库和已发出的物品
    List {
        /// 只列这一类
        #[arg(long)]
        kind: Option<String>,
        /// 只列发给这一户的
        #[arg(long)]
        unit: Option<String>,
        /// 只列已发出的
        #[arg(long, conflicts_with = "in_stock")]
        out: bool,
        /// 只列在库的
        #[arg(long)]
        in_stock: bool,
    },
}

#[derive(Subcommand)]
pub enum CountCommand {
    /// 开始盘点：按登记生成应盘清单（在库、已发出、托管钥匙）
    Start {
        /// 盘点月份（默认本月），如 2026-11
        #[arg(long)]
        period: Option<String>,
    },
    /// 记录盘点结果：某一行找到或缺失；或清单外多出的物品（须写说明）
    #[command(group(ArgGroup::new("result").required(true).args(["found", "missing", "extra"])))]
    Record {
        /// 盘点编号（见 count list）
        id: i64,
        /// 行号（见 count show）
        #[arg(required_unless_present = "extra", conflicts_with = "extra")]
        line: Option<i64>,
        /// 找到了
        #[arg(long)]
        found: bool,
        /// 没找到
        #[arg(long)]
        missing: bool,
        /// 清单外多出的物品的编号
        #[arg(long)]
        extra: Option<String>,
        /// 多出物品的类别（默认 其他）
        #[arg(long, default_value = "", requires = "extra")]
        kind: String,
        /// 说明：差异的原因（结束盘点前每处差异都要有）
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 结束盘点：每处差异都有说明，由主管签字（前台须 --approver 主管授权）
    Close {
        /// 盘点编号
        id: i64,
    },
    /// 盘点记录
    List,
    /// 查看一次盘点的清单和差异
    Show {
        /// 盘点编号
        id: i64,
    },
    /// 打印盘点表 PDF
    Pdf {
        /// 盘点编号
        id: i64,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn card(ctx: &Ctx, c: CardCommand) -> Result<Reply> {
    match c {
        CardCommand::Add { kind, serial, name } => {
            let kind = ItemKind::parse(&kind)?;
            let mut db = ctx.open()?;
            let added = ctx.write(&mut db, Permission::Inventory, |tx| inventory::add_items(tx, kind, &[serial], &name))?;
            let (first, last) = (added.first().map(|i| i.serial.as_str()).unwrap_or(""), added.last().map(|i| i.serial.as_str()).unwrap_or(""));
            let text = format!("已入库{} {} 件：{first} 至 {last}", kind.label(), added.len());
            Ok(Reply::new(&json!({ "kind": kind, "added": added.len(), "items": added }), text))
        }
        CardCommand::Issue { unit, kind, serial, to, method, note } => {
            let req = NewIssue { kind: ItemKind::parse(&kind)?, serial, holder: to.unwrap_or_default(), method: Method::parse(&method)?, note };
            let mut db = ctx.open()?;
            let unit = reg::find_unit(db.conn(), &unit)?;
            let m = ctx.write(&mut db, Permission::Inventory, |tx| inventory::issue(tx, &unit, &req))?;
            Ok(Reply::new(&m, movement(&m, "已发放")))
        }
        CardCommand::Return { serial, kind, by, note, deduct, reason } => {
            // On the command line the amount is always written (default 0): a blank one is a mistake, not "none".
            fees::parse_amount(&deduct)?;
            let req = read_return(&ReturnForm { kind, serial, returned_by: by, note, deduct, reason })?;
            // Refunding the deposit taken is part of the return; keeping some back is a deposit deduction.
            let permission = if req.deduct.is_positive() { Permission::RefundDeposit } else { Permission::Inventory };
            let mut db = ctx.open()?;
            let m = ctx.write(&mut db, permission, |tx| inventory::return_item(tx, &req))?;
            Ok(Reply::new(&m, movement(&m, "已退回")))
        }
        CardCommand::List { kind, unit, out, in_stock } => {
            let db = ctx.open()?;
            let kind = kind.map(|k| ItemKind::parse(&k)).transpose()?;
            let unit_id = unit.map(|u| reg::find_unit(db.conn(), &u)).transpose()?.map(|u| u.id);
            let out = if out { Some(true) } else if in_stock { Some(false) } else { None };
            let list = inventory::items(db.conn(), &ItemFilter { kind, unit_id, out, ..Default::default() })?;
            let issued = list.iter().filter(|i| i.out.is_some()).count();
            let held: Money = list.iter().filter_map(|i| i.out.as_ref()).map(|o| o.deposit_held).sum();
            let mut text = format!("共 {} 件：在库 {}，已发出 {}；押金在押 {} 元\n", list.len(), list.len() - issued, issued, held.grouped());
            if !list.is_empty() {
                text += "\n";
                text += &table(&["类别", "编号", "名称", "状态", "房号", "领取人", "发放日期", "押金在押", "押金收据"], &list.iter().map(item_row).collect::<Vec<_>>(), &[7]);
            }
            Ok(Reply::new(&json!({ "items": list, "count": list.len(), "out": issued, "deposit_held": held }), text))
        }
    }
}

fn item_row(i: &Item) -> Vec<String> {
    let mut row = vec![i.kind_label.to_string(), i.serial.clone(), i.name.clone()];
    match &i.out {
        None => row.extend(["在库".to_string(), String::new(), String::new(), String::new(), String::new(), String::new()]),
        Some(o) => row.extend([
            "已发出".to_string(),
            o.unit.clone(),
            o.holder.clone(),
            o.issued_at.get(..10).unwrap_or_default().to_string(),
            o.deposit_held.grouped(),
            o.receipt_no.clone().unwrap_or_default(),
        ]),
    }
    row
}

fn movement(m: &Movement, title: &str) -> String {
    let mut rows = vec![("物品", format!("{}“{}”", m.item.kind_label, m.item.serial)), ("房号", m.unit.clone()), ("领取人", m.holder.clone())];
    if !m.returned_by.is_empty() {
        rows.push(("交回人", m.returned_by.clone()));
    }
    match &m.deposit {
        Some(d) if m.returned_by.is_empty() => {
            rows.push(("押金", format!("{} 元（{}），押金编号 {}", d.amount.grouped(), d.method, d.id)));
            rows.push(("押金收据", d.receipt_no.clone().unwrap_or_default()));
        }
        Some(d) => {
            rows.push(("退还押金", format!("{} 元", m.refunded.grouped())));
            if m.deducted.is_positive() {
                rows.push(("扣除", format!("{} 元", m.deducted.grouped())));
            }
            rows.push(("押金在押", format!("{} 元（押金编号 {}）", d.held.grouped(), d.id)));
        }
        None => rows.push(("押金", "无".into())),
    }
    format!("{title}\n{}", fields(&rows))
}

pub fn count(ctx: &Ctx, c: CountCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    match c {
        CountCommand::Start { period } => {
            let period = period.map(|p| Period::parse(&p)).transpose()?;
            let c = ctx.write(&mut db, Permission::Inventory, |tx| inventory::start_count(tx, period))?;
            Ok(Reply::new(&c, format!("已开始盘点 {}（盘点编号 {}）\n{}", c.period, c.id, count_text(&c))))
        }
        CountCommand::Record { id, line, found, extra, kind, note, .. } => {
            let c = match (extra, line) {
                (Some(label), _) => {
                    let kind = if kind.trim().is_empty() { None } else { Some(ItemKind::parse(&kind)?) };
                    ctx.write(&mut db, Permission::Inventory, |tx| inventory::record_extra(tx, id, kind, &label, &note))?
                }
                // clap requires a line unless --extra is given; without one the core names line 0 as not found.
                (None, line) => ctx.write(&mut db, Permission::Inventory, |tx| inventory::record(tx, id, line.unwrap_or(0), found, &note))?,
            };
            Ok(Reply::new(&c, format!("已记录。\n{}", figures(&c))))
        }
        CountCommand::Close { id } => {
            let c = ctx.write(&mut db, Permission::SignOffCount, |tx| inventory::close_count(tx, id))?;
            let signed = c.closed.as_ref().map(|x| x.signed_off_by.clone()).unwrap_or_default();
            Ok(Reply::new(&c, format!("盘点 {} 已结束，签字主管：{signed}\n{}", c.period, figures(&c))))
        }
        CountCommand::List => {
            let list = inventory::list_counts(db.conn())?;
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|c| {
                    let (state, signed) = c.closed.as_ref().map_or(("盘点中".to_string(), String::new()), |x| ("已结束".into(), x.signed_off_by.clone()));
                    vec![c.id.to_string(), c.period.clone(), c.started_by.clone(), c.lines.to_string(), c.differences.to_string(), state, signed]
                })
                .collect();
            let mut text = format!("盘点 {} 次\n", list.len());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["编号", "月份", "开始人", "行数", "差异", "状态", "签字主管"], &rows, &[0, 3, 4]);
            }
            Ok(Reply::new(&json!({ "counts": list }), text))
        }
        CountCommand::Show { id } => {
            let c = inventory::count(db.conn(), id)?;
            Ok(Reply::new(&c, count_text(&c)))
        }
        CountCommand::Pdf { id, out } => {
            let pdf = sheet::count_sheet(db.conn(), id, &db.now().to_rfc3339())?;
            FileError::write(&out, &pdf)?;
            let path = out.display().to_string();
            Ok(Reply::new(&json!({ "count": id, "file": path, "bytes": pdf.len() }), format!("盘点表已保存到 {path}")))
        }
    }
}

fn figures(c: &Count) -> String {
    let state = match &c.closed {
        Some(x) => format!("已结束（签字主管 {}）", x.signed_off_by),
        None => "盘点中".into(),
    };
    fields(&[
        ("盘点", format!("{} {}（编号 {}）", c.period, state, c.id)),
        ("应在库", format!("{} 件，已点 {} 件", c.in_office, c.recorded)),
        ("差异", format!("{} 处，未说明 {} 处", c.differences, c.unexplained)),
    ])
}

fn count_text(c: &Count) -> String {
    let rows: Vec<Vec<String>> = c
        .lines
        .iter()
        .map(|l| vec![l.line_no.to_string(), l.kind_label.clone(), l.label.clone(), l.expected.label().into(), l.place.clone(), l.status.into(), l.note.clone()])
        .collect();
    let mut text = figures(c);
    if !rows.is_empty() {
        text += "\n";
        text += &table(&["行号", "类别", "编号", "应在", "位置/领用", "结果", "说明"], &rows, &[0]);
    }
    text
}
