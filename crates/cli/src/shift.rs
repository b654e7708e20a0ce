//! `estate shift`: the shift handover (交接班). The signed-in clerk
//! (`--operator`) hands over what is open with a note; the next clerk
//! acknowledges it (接班确认); the handovers are listed and shown as written.

use clap::Subcommand;
use estate_core::Result;
use estate_core::shift::{self, Handover};
use estate_core::staff::Permission;
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum ShiftCommand {
    /// 交班：把现在未办结的事（本人受理的需求、维修单、借出的钥匙、超期快递、超期装修）连同交班说明记下来，交给下一班
    Handover {
        /// 交班说明
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 接班确认：确认同事的交班记录（不能确认自己的）
    Ack {
        /// 交班记录编号
        handover: String,
        /// 接班备注
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 交班记录列表（新的在前）；--open 只列未确认的
    List {
        #[arg(long)]
        open: bool,
    },
    /// 一份交班记录：交班时未办结的事、交班说明、接班确认
    Show { handover: String },
}

/// "2026-12-06 18:30" from a stored time.
fn minute(text: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(text).map_or_else(|_| text.to_string(), |t| t.format("%Y-%m-%d %H:%M").to_string())
}

fn or_dash(text: &str) -> String {
    if text.is_empty() { "—".into() } else { text.to_string() }
}

fn ack_text(h: &Handover) -> String {
    match &h.ack {
        Some(a) if a.note.is_empty() => format!("{} 于 {} 确认接班", a.operator, minute(&a.at)),
        Some(a) => format!("{} 于 {} 确认接班：{}", a.operator, minute(&a.at), a.note),
        None => "未确认".into(),
    }
}

fn handover_text(h: &Handover, title: &str) -> String {
    let mut out = format!(
        "{title}\n{}",
        fields(&[
            ("交班记录", h.id.to_string()),
            ("交班人", h.operator.clone()),
            ("日期", h.day.clone()),
            ("交班时间", minute(&h.made_at)),
            ("未办结", format!("{} 件（超时 {} 件）", h.open_count, h.late_count)),
            ("交班说明", or_dash(&h.note)),
            ("接班", ack_text(h)),
        ])
    );
    for (name, items) in h.snapshot.titled() {
        if items.is_empty() {
            continue;
        }
        let rows: Vec<Vec<String>> = items.iter().map(|i| vec![i.reference.clone(), or_dash(&i.unit), i.text.clone(), i.since.clone(), i.late.clone().unwrap_or_default()]).collect();
        out += &format!("\n{name}（{} 件）\n{}", items.len(), table(&["编号", "房号", "内容", "起始", "超时"], &rows, &[]));
    }
    out
}

pub fn shift(ctx: &Ctx, c: ShiftCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    let (h, title) = match c {
        ShiftCommand::Handover { note } => {
            let h = ctx.write(&mut db, Permission::Service, |tx| shift::hand_over(tx, &note))?;
            let title = format!("{} 已交班（交班记录 {}），等同事接班确认", h.operator, h.id);
            (h, title)
        }
        ShiftCommand::Ack { handover, note } => {
            let id = shift::find(db.conn(), &handover)?;
            let h = ctx.write(&mut db, Permission::Service, |tx| shift::acknowledge(tx, id, &note))?;
            let title = format!("已确认接班（{} 交的班）", h.operator);
            (h, title)
        }
        ShiftCommand::List { open } => {
            let list = shift::list(db.conn(), open)?;
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|h| vec![h.id.to_string(), h.day.clone(), h.operator.clone(), minute(&h.made_at), h.open_count.to_string(), h.late_count.to_string(), ack_text(h)])
                .collect();
            let mut text = format!("交班记录 {} 份\n", list.len());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["编号", "日期", "交班人", "交班时间", "未办结", "超时", "接班"], &rows, &[0, 4, 5]);
            }
            return Ok(Reply::new(&json!({ "handovers": list, "count": list.len() }), text));
        }
        ShiftCommand::Show { handover } => {
            let id = shift::find(db.conn(), &handover)?;
            (shift::handover(db.conn(), id)?, "交班记录".to_string())
        }
    };
    let text = handover_text(&h, &title);
    Ok(Reply::new(&h, text))
}
