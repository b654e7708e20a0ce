//! `estate deposit`: the deposit ledger (押金) — take (with its 押金收据 number),
//! print the receipt, refund with deductions, list.

use std::path::PathBuf;

use clap::Subcommand;
use estate_core::deposits::{self, Deposit, NewDeposit, NewRefund};
use estate_core::fees::{self, Method};
use estate_core::register as reg;
use estate_core::{Money, Result};

use estate_core::staff::Permission;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum DepositCommand {
    /// 收押金
    Take {
        /// 房号，如 3-2-1502
        unit: String,
        /// 类别：装修押金、钥匙押金、门禁卡押金、车卡押金、对讲机押金、其他（也可写 装修、钥匙、门禁卡）
        #[arg(long)]
        kind: String,
        /// 金额（元），如 2000.00
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        /// cash 现金（默认）, card 银行卡, wechat 微信, alipay 支付宝, transfer 转账
        #[arg(long, default_value = "cash")]
        method: String,
        /// 交款人（默认为业主）
        #[arg(long)]
        payer: Option<String>,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 退押金：退还一部分或全部，可扣除（须写原因）
    Refund {
        /// 押金编号（见 deposit list）
        id: i64,
        /// 退还金额（元）
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        /// 扣除金额（元）
        #[arg(long, allow_hyphen_values = true, default_value = "0")]
        deduct: String,
        /// 扣除原因
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 打印押金收据 PDF（第一次为原件，以后为补打）
    Receipt {
        /// 押金编号（见 deposit list）
        id: i64,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
    },
    /// 押金台账：全部或一户；--held 只列还有在押金额的
    List {
        /// 房号
        unit: Option<String>,
        /// 只列尚未退完的押金
        #[arg(long)]
        held: bool,
    },
}

pub fn deposit(ctx: &Ctx, c: DepositCommand) -> Result<Reply> {
    match c {
        DepositCommand::Take { unit, kind, amount, method, payer, note } => {
            let (amount, method) = (fees::parse_amount(&amount)?, Method::parse(&method)?);
            deposits::rules::parse_kind(&kind)?;
            let mut db = ctx.open()?;
            let unit = reg::find_unit(db.conn(), &unit)?;
            let payer = match payer {
                Some(p) => p,
                None => reg::owner_names(db.conn(), &unit)?,
            };
            let new = NewDeposit { kind, amount, method, payer, note };
            let d = ctx.write(&mut db, Permission::TakePayment, |tx| deposits::take(tx, &unit, &new))?;
            Ok(Reply::new(&d, one(&d, "已收押金")))
        }
        DepositCommand::Refund { id, amount, deduct, reason } => {
            let new = NewRefund { refund: fees::parse_amount(&amount)?, deduct: fees::parse_amount(&deduct)?, reason };
            let mut db = ctx.open()?;
            let d = ctx.write(&mut db, Permission::RefundDeposit, |tx| deposits::refund(tx, id, &new))?;
            Ok(Reply::new(&d, one(&d, "已退押金")))
        }
        DepositCommand::Receipt { id, out } => {
            let mut db = ctx.open()?;
            // Saved inside the transaction: a file that cannot be written is not a print.
            let printed = ctx.write(&mut db, Permission::Reprint, |tx| {
                let printed = deposits::receipt::print(tx, id)?;
                estate_core::error::FileError::write(&out, &printed.pdf)?;
                Ok(printed)
            })?;
            let path = out.display().to_string();
            let mark = if printed.reprint == 0 { String::new() } else { format!("（补打 {}）", printed.reprint) };
            let json = serde_json::json!({ "deposit": id, "receipt_no": printed.receipt_no, "reprint": printed.reprint, "file": path, "bytes": printed.pdf.len() });
            Ok(Reply::new(&json, format!("押金收据 {}{mark} 已保存到 {path}", printed.receipt_no)))
        }
        DepositCommand::List { unit, held } => {
            let db = ctx.open()?;
            let unit = unit.map(|u| reg::find_unit(db.conn(), &u)).transpose()?;
            let list = deposits::list(db.conn(), unit.as_ref(), held)?;
            let held_total: Money = list.iter().map(|d| d.held).sum();
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|d| {
                    let day = d.received_at.get(..10).unwrap_or_default().to_string();
                    vec![d.id.to_string(), day, d.unit.clone(), d.kind.clone(), d.payer.clone(), d.amount.grouped(), d.refunded.grouped(), d.deducted.grouped(), d.held.grouped()]
                })
                .collect();
            let mut text = format!("押金 {} 笔，在押合计 {} 元\n", list.len(), held_total.grouped());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["编号", "收取日期", "房号", "类别", "交款人", "金额", "已退", "已扣", "在押"], &rows, &[0, 5, 6, 7, 8]);
            }
            Ok(Reply::new(&serde_json::json!({ "deposits": list, "held": held_total, "count": list.len() }), text))
        }
    }
}

/// One deposit after a take or a refund.
pub fn one(d: &Deposit, title: &str) -> String {
    let mut rows = vec![
        ("押金编号", d.id.to_string()),
        ("押金收据", d.receipt_no.clone().unwrap_or_else(|| "（未开，打印时编号）".into())),
        ("房号", d.unit.clone()),
        ("类别", d.kind.clone()),
        ("交款人", d.payer.clone()),
        ("金额", format!("{} 元（{}）", d.amount.grouped(), d.method)),
    ];
    if !d.refunds.is_empty() {
        rows.push(("已退", format!("{} 元", d.refunded.grouped())));
        rows.push(("已扣", format!("{} 元", d.deducted.grouped())));
    }
    rows.push(("在押", format!("{} 元", d.held.grouped())));
    format!("{title}\n{}", fields(&rows))
}
