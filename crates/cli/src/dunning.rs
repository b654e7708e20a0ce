//! `estate dunning`: contacts, letters, deliveries, limitation warnings, reminder texts.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use estate_core::dunning::{self, ContactForm, DeliveryForm, LetterOptions, Pick, rules};
use estate_core::error::FileError;
use estate_core::{Db, arrears, register};
use serde_json::json;

use estate_core::staff::Permission;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

/// Which units: the arrears report's filters plus the stage reached.
#[derive(Args)]
pub struct PickArgs {
    /// 只看最早一笔欠费已逾期至少这么多天的房屋
    #[arg(long, default_value_t = 0)]
    min_days: i64,
    /// 只看欠费至少这么多元的房屋
    #[arg(long)]
    min_amount: Option<String>,
    /// 只看这一栋，如 3 或 3栋
    #[arg(long)]
    building: Option<String>,
    /// 只看催缴到这一阶段的房屋：未催缴、提醒、催缴函、上门、律师函·诉讼
    #[arg(long)]
    stage: Option<String>,
    /// 按哪一天计算（默认今天），如 2026-11-23
    #[arg(long)]
    as_of: Option<String>,
}

impl PickArgs {
    fn read(&self, db: &Db) -> estate_core::Result<(Pick, chrono::NaiveDate)> {
        let pick = Pick::read(self.building.as_deref().unwrap_or(""), self.min_days, self.min_amount.as_deref().unwrap_or(""), self.stage.as_deref().unwrap_or(""))?;
        Ok((pick, as_of(db, &self.as_of)?))
    }
}

fn as_of(db: &Db, text: &Option<String>) -> estate_core::Result<chrono::NaiveDate> {
    arrears::read_as_of(text.as_deref().unwrap_or(""), db.now().date_naive())
}

#[derive(Subcommand)]
pub enum DunningCommand {
    /// 打印催缴函：按条件选出的每户一封，合在一个 PDF 里，并登记函件编号
    Letters {
        #[command(flatten)]
        pick: PickArgs,
        /// 缴费期限：函件日期之后多少天（1–90，默认 15）
        #[arg(long, default_value_t = rules::DEADLINE_DAYS_DEFAULT)]
        deadline_days: u32,
        /// 每封函件下方附送达回执
        #[arg(long)]
        with_slip: bool,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
    },
    /// 登记一次催缴联系
    Record {
        /// 房号，如 3-2-1502
        unit: String,
        /// 阶段：提醒、催缴函、上门、律师函·诉讼
        #[arg(long)]
        stage: String,
        /// 方式：电话、短信、微信、上门、邮寄、当面、律师
        #[arg(long)]
        channel: String,
        /// 联系结果，如 答应月底交
        #[arg(long)]
        outcome: Option<String>,
        /// 业主承诺的缴费日期
        #[arg(long)]
        promised: Option<String>,
        /// 业主提出的异议
        #[arg(long)]
        dispute: Option<String>,
        /// 联系日期（默认今天）
        #[arg(long)]
        date: Option<String>,
    },
    /// 登记送达：催缴函编号（或 --contact 联系记录号），送达日期，签收人/单号/说明至少一项
    Deliver {
        /// 催缴函编号，如 CJ0000012
        letter_no: Option<String>,
        /// 送达的是这条联系记录（见 dunning list 房号）
        #[arg(long)]
        contact: Option<i64>,
        /// 送达日期
        #[arg(long)]
        date: String,
        /// 签收人
        #[arg(long)]
        signed_by: Option<String>,
        /// 挂号信/快递单号
        #[arg(long)]
        mail_no: Option<String>,
        /// 送达说明，如 张贴于门上并拍照
        #[arg(long)]
        note: Option<String>,
    },
    /// 不给房号：欠费房屋的催缴阶段和最近联系；给房号：这一户的联系记录和催缴函
    List {
        /// 房号，如 3-2-1502
        unit: Option<String>,
        #[command(flatten)]
        pick: PickArgs,
    },
    /// 诉讼时效预警：欠费将满或已满三年且此后没有已送达的催缴
    Warnings {
        /// 按哪一天计算（默认今天）
        #[arg(long)]
        as_of: Option<String>,
    },
    /// 导出催缴短信表（手机号、姓名、房号、金额、短信内容），供群发平台导入
    Reminders {
        #[command(flatten)]
        pick: PickArgs,
        /// 短信里的缴费期限：多少天后（1–90，默认 15）
        #[arg(long, default_value_t = rules::DEADLINE_DAYS_DEFAULT)]
        deadline_days: u32,
        /// 保存到的 xlsx 文件
        #[arg(long)]
        out: PathBuf,
    },
}

fn text(o: Option<String>) -> String {
    o.unwrap_or_default()
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub fn dunning(ctx: &Ctx, c: DunningCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    match c {
        DunningCommand::Letters { pick, deadline_days, with_slip, out } => {
            let (pick, as_of) = pick.read(&db)?;
            let options = LetterOptions { as_of, deadline_days, with_slip };
            let batch = ctx.write(&mut db, Permission::Dunning, |tx| {
                let (batch, pdf) = dunning::print_letters(tx, &pick, options, &mut |_, _| ())?;
                FileError::write(&out, &pdf)?;
                Ok(batch)
            })?;
            let path = out.display().to_string();
            let text = format!(
                "催缴函 {} 封（{}–{}），合计 {} 元，缴费期限 {}，已保存到 {path}",
                batch.letters,
                batch.first_no,
                batch.last_no,
                batch.total.grouped(),
                batch.deadline
            );
            let mut value = serde_json::to_value(&batch).unwrap_or_default();
            value["file"] = json!(path);
            Ok(Reply::new(&value, text))
        }
        DunningCommand::Record { unit, stage, channel, outcome, promised, dispute, date } => {
            let form = ContactForm { unit, stage, channel, date: text(date), outcome: text(outcome), promised: text(promised), dispute: text(dispute) };
            let c = ctx.write(&mut db, Permission::Dunning, |tx| dunning::record_contact(tx, &form))?;
            let text = format!("已登记 {} {} {}（{}），当日欠费 {} 元。联系记录 #{}", c.unit, c.date, c.stage_label, c.channel, c.owed.grouped(), c.id);
            Ok(Reply::new(&c, text))
        }
        DunningCommand::Deliver { letter_no, contact, date, signed_by, mail_no, note } => {
            let form = DeliveryForm { letter_no: text(letter_no), contact_id: contact, date, signed_by: text(signed_by), mail_no: text(mail_no), note: text(note) };
            let d = ctx.write(&mut db, Permission::Dunning, |tx| dunning::record_delivery(tx, &form))?;
            let text = format!("已登记送达：{}（{}），{} 送达。", d.what, d.unit, d.delivered_on);
            Ok(Reply::new(&d, text))
        }
        DunningCommand::List { unit: Some(unit), .. } => {
            let unit = register::find_unit(db.conn(), &unit)?;
            let h = dunning::history(db.conn(), Some(&unit))?;
            let contacts: Vec<Vec<String>> = h
                .contacts
                .iter()
                .map(|c| vec![format!("#{}", c.id), c.date.to_string(), c.stage_label.into(), c.channel.clone(), c.operator.clone(), c.outcome.clone(), day(c.promised), c.dispute.clone(), c.owed.grouped(), day(c.delivered_on)])
                .collect();
            let letters: Vec<Vec<String>> = h
                .letters
                .iter()
                .map(|l| vec![l.letter_no.clone(), l.issued_on.to_string(), l.owed.grouped(), l.deadline.to_string(), day(l.delivered_on)])
                .collect();
            let mut out = format!("{} 的催缴记录：联系 {} 次，催缴函 {} 封\n", unit.code, h.contacts.len(), h.letters.len());
            if !contacts.is_empty() {
                out += &format!("\n{}", table(&["记录", "日期", "阶段", "方式", "经办人", "结果", "承诺缴费", "异议", "当日欠费", "送达"], &contacts, &[8]));
            }
            if !letters.is_empty() {
                out += &format!("\n{}", table(&["函件编号", "日期", "欠费", "缴费期限", "送达"], &letters, &[2]));
            }
            Ok(Reply::new(&h, out))
        }
        DunningCommand::List { unit: None, pick } => {
            let (pick, as_of) = pick.read(&db)?;
            let list = dunning::units(db.conn(), as_of, &pick)?;
            let rows: Vec<Vec<String>> = list
                .units
                .iter()
                .map(|u| {
                    let warning = u.warning.map(|w| w.label()).unwrap_or_default();
                    vec![u.unit.clone(), u.owners.clone(), u.owed.grouped(), format!("{} 天", u.oldest_days), u.stage_label.into(), day(u.last_contact), u.last_note.clone(), warning.into()]
                })
                .collect();
            let mut out = format!("截至 {}：欠费 {} 户，合计 {} 元\n", list.as_of, list.units.len(), list.total.grouped());
            if !rows.is_empty() {
                out += &format!("\n{}", table(&["房号", "业主", "欠费", "最长逾期", "阶段", "最近联系", "情况", "时效"], &rows, &[2, 3]));
            }
            Ok(Reply::new(&list, out))
        }
        DunningCommand::Warnings { as_of: text } => {
            let as_of = as_of(&db, &text)?;
            let w = dunning::warnings(db.conn(), as_of)?;
            let rows: Vec<Vec<String>> = w
                .units
                .iter()
                .map(|u| vec![u.unit.clone(), u.owners.clone(), u.level_label.into(), u.ends.to_string(), u.owing.grouped(), u.bills.len().to_string(), day(u.last_delivery)])
                .collect();
            let mut out = format!("截至 {}：{} 户欠费的三年诉讼时效已满或 {} 天内将满\n", w.as_of, w.units.len(), w.warn_days);
            if !rows.is_empty() {
                out += &format!("\n{}", table(&["房号", "业主", "时效", "最早届满", "涉及欠费", "笔数", "最近送达"], &rows, &[4, 5]));
                out += "\n请尽快送达催缴函并登记送达（签收人或挂号信单号）；已届满的欠费，送达不能恢复时效，需业主书面确认还款。";
            }
            Ok(Reply::new(&w, out))
        }
        DunningCommand::Reminders { pick, deadline_days, out } => {
            let (pick, as_of) = pick.read(&db)?;
            let r = dunning::reminders(db.conn(), as_of, &pick, deadline_days)?;
            FileError::write(&out, &dunning::reminders_xlsx(&r)?)?;
            let path = out.display().to_string();
            let mut text = fields(&[("短信条数", r.rows.len().to_string()), ("没有业主手机号", r.without_phone.len().to_string()), ("已保存到", path.clone())]);
            if !r.without_phone.is_empty() {
                text += &format!("没有手机号的房屋（请改用其他方式催缴）：{}\n", r.without_phone.join("、"));
            }
            let value = json!({ "rows": r.rows.len(), "without_phone": r.without_phone, "file": path });
            Ok(Reply::new(&value, text))
        }
    }
}
