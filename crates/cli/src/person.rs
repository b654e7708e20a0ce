//! `estate person export`, `estate person erase`: one person's data, for a
//! supervisor — exported for them in full, or erased once they have moved out.

use std::path::PathBuf;

use clap::Subcommand;
use estate_core::privacy;
use estate_core::staff::Permission;

use crate::Ctx;
use crate::reply::{Reply, fields};

#[derive(Subcommand)]
pub enum PersonCommand {
    /// 导出一位住户的全部个人信息（Excel，完整号码，本人申请查阅时用；需主管）
    Export {
        /// 住户编号（estate unit show 房号 的住户表里有），或只有一人用的姓名
        person: String,
        /// 保存为，如 张三-个人信息.xlsx
        #[arg(long)]
        to: PathBuf,
    },
    /// 删除已迁出租户的个人信息：姓名改为“已删除住户#编号”，电话、身份证号、车辆清除，账目不变（需主管）
    Erase {
        /// 住户编号，或只有一人用的姓名
        person: String,
        /// 删除原因（记入审计记录）
        #[arg(long)]
        reason: String,
    },
}

pub fn person(ctx: &Ctx, c: PersonCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    match c {
        PersonCommand::Export { person, to } => {
            let found = privacy::find_person(db.conn(), &person)?;
            let done = ctx.write(&mut db, Permission::ExportPersonalData, |tx| privacy::export(tx, found.id, &to))?;
            let text = format!(
                "已导出住户 {}（编号 {}）的个人信息：{}\n\n{}",
                found.name,
                found.id,
                done.file,
                fields(&[
                    ("房屋", done.units.to_string()),
                    ("车辆", done.vehicles.to_string()),
                    ("过户", done.transfers.to_string()),
                    ("缴费", done.payments.to_string()),
                    ("催缴", done.dunning.to_string()),
                    ("服务需求", done.requests.to_string()),
                    ("满意度调查", done.surveys.to_string()),
                    ("操作记录", done.audit.to_string()),
                ])
            );
            Ok(Reply::new(&done, text))
        }
        PersonCommand::Erase { person, reason } => {
            let found = privacy::find_person(db.conn(), &person)?;
            let done = ctx.write(&mut db, Permission::ErasePersonalData, |tx| privacy::erase(tx, found.id, &reason))?;
            let text = format!(
                "已删除住户 {}（编号 {}）的个人信息，现名 {}。收款、收据、账单和余额不变。\n\n{}",
                found.name,
                found.id,
                done.placeholder,
                fields(&[
                    ("改名的收款", done.payments.to_string()),
                    ("改名的押金", done.deposits.to_string()),
                    ("改名的催缴函", done.letters.to_string()),
                    ("改名的钥匙记录", done.key_records.to_string()),
                    ("改名的快递记录", done.parcel_records.to_string()),
                    ("改名的服务需求", done.service_records.to_string()),
                    ("删除的车辆", done.vehicles.to_string()),
                    ("遮去的审计记录", done.audit_entries.to_string()),
                ])
            );
            Ok(Reply::new(&done, text))
        }
    }
}
