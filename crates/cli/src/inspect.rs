//! `estate inspect`: inspections (巡检) — the two checklists and their items
//! (a supervisor edits them), rounds started, answered item by item (正常, or
//! 异常 with what was found), finished, a work order opened from a finding,
//! the list, one round, what is due, and the round's sheet as PDF.

use std::path::PathBuf;

use clap::Subcommand;
use estate_core::Result;
use estate_core::error::FileError;
use estate_core::fees::Period;
use estate_core::inspections::{self, Checklist, InspectError, Item, NewFindingOrder, NewRound, Round, rules};
use estate_core::register as reg;
use estate_core::staff::Permission;
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum InspectCommand {
    /// 巡检表的检查项（不写 --checklist 两张都列；--all 连已停用的）
    Items {
        /// 巡检表：公共区域 或 空置房
        #[arg(long)]
        checklist: Option<String>,
        #[arg(long)]
        all: bool,
    },
    /// 主管：给巡检表添加检查项（排在最后）
    ItemAdd {
        #[arg(long)]
        checklist: String,
        /// 检查项名称
        name: String,
    },
    /// 主管：检查项改名（已开始的巡检记录保留原名）
    ItemRename {
        #[arg(long)]
        checklist: String,
        /// 检查项名称或序号
        item: String,
        /// 新名称
        name: String,
    },
    /// 主管：停用检查项（以后的巡检不再有它，以前的记录保留）
    ItemRetire {
        #[arg(long)]
        checklist: String,
        /// 检查项名称或序号
        item: String,
    },
    /// 主管：调整检查项的顺序
    ItemMove {
        #[arg(long)]
        checklist: String,
        /// 检查项名称或序号
        item: String,
        /// 移到第几项
        #[arg(long)]
        to: String,
    },
    /// 开始一次巡检：公共区域，或某一户空置房（--unit）
    Start {
        /// 巡检表：公共区域（每周）或 空置房（每月，每户一次）
        #[arg(long)]
        checklist: String,
        /// 空置房的房号
        #[arg(long, default_value = "")]
        unit: String,
        /// 巡检人
        #[arg(long)]
        inspector: String,
        /// 巡检日期（默认今天，不能是以后的日子）
        #[arg(long, default_value = "")]
        on: String,
    },
    /// 填一项结果：--ok 正常，或 --fault 异常并写明情况（--note）；每项只填一次
    Record {
        /// 巡检编号（XJ…）
        round: String,
        /// 检查项名称或序号
        item: String,
        #[arg(long)]
        ok: bool,
        #[arg(long)]
        fault: bool,
        /// 情况说明（异常必填）
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 完成巡检（每项都填了才能完成；完成后不再修改）
    Finish { round: String },
    /// 异常项开维修单：公共区域巡检开公共区域维修单，空置房开该户的户内维修单；每项只开一张
    Order {
        round: String,
        /// 异常的检查项名称或序号
        item: String,
        /// 维修类别：给排水、电路、门窗锁具、墙地面、公共设施、其他
        #[arg(long)]
        category: String,
        /// 维修位置（默认检查项名称，空置房加房号）
        #[arg(long, default_value = "")]
        location: String,
        /// 故障描述（默认巡检时写的情况）
        #[arg(long, default_value = "")]
        description: String,
    },
    /// 巡检记录列表（新的在前）；--month 某月，--unit 某户空置房
    List {
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        unit: Option<String>,
    },
    /// 一次巡检的全部结果
    Show { round: String },
    /// 该巡检了：近 7 天没有公共区域巡检，本月还没巡检的空置房
    Due,
    /// 打印巡检记录表（A4 PDF；未填的项留空，可带去现场勾选）
    Pdf {
        round: String,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn inspect(ctx: &Ctx, c: InspectCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    let (r, title): (Round, String) = match c {
        InspectCommand::Items { checklist, all } => {
            let lists = match checklist {
                Some(c) => vec![rules::checklist(&c)?],
                None => Checklist::ALL.to_vec(),
            };
            let mut items = Vec::new();
            for c in lists {
                items.extend(inspections::items(db.conn(), c, all)?);
            }
            let text = items_text(&items);
            return Ok(Reply::new(&json!({ "items": items, "count": items.len() }), text));
        }
        InspectCommand::ItemAdd { checklist, name } => {
            let c = rules::checklist(&checklist)?;
            let it = ctx.write(&mut db, Permission::EditSettings, |tx| inspections::add_item(tx, c, &name))?;
            return Ok(item_reply(&it, format!("已添加检查项“{}”（{}巡检表第 {} 项）", it.name, it.checklist_label, it.position)));
        }
        InspectCommand::ItemRename { checklist, item, name } => {
            let c = rules::checklist(&checklist)?;
            let it = ctx.write(&mut db, Permission::EditSettings, |tx| inspections::rename_item(tx, c, &item, &name))?;
            return Ok(item_reply(&it, format!("检查项已改名为“{}”", it.name)));
        }
        InspectCommand::ItemRetire { checklist, item } => {
            let c = rules::checklist(&checklist)?;
            let it = ctx.write(&mut db, Permission::EditSettings, |tx| inspections::retire_item(tx, c, &item))?;
            return Ok(item_reply(&it, format!("检查项“{}”已停用，以后的巡检不再有它", it.name)));
        }
        InspectCommand::ItemMove { checklist, item, to } => {
            let c = rules::checklist(&checklist)?;
            let items = ctx.write(&mut db, Permission::EditSettings, |tx| inspections::move_item(tx, c, &item, &to))?;
            let text = items_text(&items);
            return Ok(Reply::new(&json!({ "items": items, "count": items.len() }), text));
        }
        InspectCommand::Start { checklist, unit, inspector, on } => {
            let new = NewRound { checklist, unit, inspector, on };
            let r = ctx.write(&mut db, Permission::Service, |tx| inspections::start(tx, &new))?;
            let title = format!("已开始巡检 {}（{} 项待填）", r.round_no, r.items);
            (r, title)
        }
        InspectCommand::Record { round, item, ok, fault, note } => {
            if ok == fault {
                return Err(InspectError::OkOrFault.into());
            }
            let id = inspections::find(db.conn(), &round)?;
            let r = ctx.write(&mut db, Permission::Service, |tx| inspections::record(tx, id, &item, ok, &note))?;
            let title = format!("已填 {}/{} 项", r.answered, r.items);
            (r, title)
        }
        InspectCommand::Finish { round } => {
            let id = inspections::find(db.conn(), &round)?;
            let r = ctx.write(&mut db, Permission::Service, |tx| inspections::finish(tx, id))?;
            let title = if r.faults > 0 { format!("巡检完成，异常 {} 项（可开维修单：estate inspect order）", r.faults) } else { "巡检完成，全部正常".to_string() };
            (r, title)
        }
        InspectCommand::Order { round, item, category, location, description } => {
            let id = inspections::find(db.conn(), &round)?;
            let o = NewFindingOrder { category, location, description };
            let order = ctx.write(&mut db, Permission::Service, |tx| inspections::open_order(tx, id, &item, &o))?;
            let text = format!("已开维修单 {}（{}，{}）\n下一步：派工（estate order dispatch {}）", order.order_no, order.area_label, order.source_text(), order.order_no);
            return Ok(Reply::new(&order, text));
        }
        InspectCommand::List { month, unit } => {
            let month = month.map(|m| Period::parse(&m)).transpose()?;
            let unit = unit.map(|u| reg::find_unit(db.conn(), &u)).transpose()?;
            let lines = inspections::list(db.conn(), month, unit.map(|u| u.id))?;
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| vec![l.round_no.clone(), l.title.into(), dash(&l.unit), l.inspected_on.clone(), l.inspector.clone(), format!("{}/{}", l.answered, l.items), l.faults.to_string(), l.orders.to_string(), l.status_label.into()])
                .collect();
            let mut text = format!("巡检记录 {} 次\n", lines.len());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["编号", "巡检表", "房号", "巡检日期", "巡检人", "已填", "异常", "维修单", "状态"], &rows, &[5, 6, 7]);
            }
            return Ok(Reply::new(&json!({ "rounds": lines, "count": lines.len() }), text));
        }
        InspectCommand::Show { round } => {
            let id = inspections::find(db.conn(), &round)?;
            (inspections::round(db.conn(), id)?, "巡检记录".into())
        }
        InspectCommand::Due => {
            let due = inspections::due(db.conn(), db.now().date_naive())?;
            let text = if due.is_empty() {
                "巡检都已按时完成。".to_string()
            } else {
                let rows: Vec<Vec<String>> = due.iter().map(|d| vec![d.checklist_label.into(), dash(&d.unit), d.text.clone()]).collect();
                format!("该巡检了 {} 项\n\n{}", due.len(), table(&["巡检表", "房号", "说明"], &rows, &[]))
            };
            return Ok(Reply::new(&json!({ "due": due, "count": due.len() }), text));
        }
        InspectCommand::Pdf { round, out } => {
            let me = ctx.staff(&mut db)?;
            let id = inspections::find(db.conn(), &round)?;
            let pdf = inspections::round_pdf(db.conn(), id, &db.now().to_rfc3339(), &me.name)?;
            FileError::write(&out, &pdf)?;
            let path = out.display().to_string();
            let r = inspections::round(db.conn(), id)?;
            return Ok(Reply::new(&json!({ "round_no": r.round_no, "file": path, "bytes": pdf.len() }), format!("巡检记录表 {} 已保存到 {path}", r.round_no)));
        }
    };
    let text = round_text(&r, &title);
    Ok(Reply::new(&r, text))
}

fn dash(text: &str) -> String {
    if text.is_empty() { "—".into() } else { text.to_string() }
}

fn item_reply(it: &Item, title: String) -> Reply {
    Reply::new(it, title)
}

fn items_text(items: &[Item]) -> String {
    let mut text = String::new();
    for c in Checklist::ALL {
        let mine: Vec<&Item> = items.iter().filter(|i| i.checklist == c).collect();
        if mine.is_empty() {
            continue;
        }
        let rows: Vec<Vec<String>> = mine.iter().map(|i| vec![if i.retired { "—".into() } else { i.position.to_string() }, i.name.clone(), (if i.retired { "已停用" } else { "在用" }).into()]).collect();
        text += &format!("{}（{} 项在用）\n{}\n", c.title(), mine.iter().filter(|i| !i.retired).count(), table(&["序号", "检查项", "状态"], &rows, &[0]));
    }
    text.trim_end().to_string()
}

fn round_text(r: &Round, title: &str) -> String {
    let mut rows = vec![("编号", r.round_no.clone()), ("巡检表", r.title.into())];
    if !r.unit.is_empty() {
        rows.push(("房号", r.unit.clone()));
    }
    rows.push(("巡检日期", r.inspected_on.clone()));
    rows.push(("巡检人", r.inspector.clone()));
    rows.push(("状态", format!("{}（已填 {}/{}，异常 {}）", r.status_label, r.answered, r.items, r.faults)));
    let lines: Vec<Vec<String>> = r
        .answers
        .iter()
        .map(|a| {
            let order = match (&a.order_no, a.order_status_label) {
                (Some(no), Some(s)) => format!("{no}（{s}）"),
                _ => String::new(),
            };
            vec![a.position.to_string(), a.item.clone(), a.result_label.into(), a.note.clone(), order]
        })
        .collect();
    format!("{title}\n{}\n\n{}", fields(&rows), table(&["序号", "检查项", "结果", "情况", "维修单"], &lines, &[0]))
}
