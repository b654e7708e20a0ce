//! `estate fee`, `bill`, `balance`, `statement`, `pay`, `receipt`, `waive`: the fee ledger.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use estate_core::fees::{self, Basis, FeesError, Method, NewFee, NewPayment, Period, parse_price, price_text};
use estate_core::latefee::Waivers;
use estate_core::register as reg;
use estate_core::error::FileError;
use estate_core::{Money, notices};
use serde_json::json;

use estate_core::staff::Permission;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum FeeCommand {
    /// 新增收费项目（同名项目再加一次 = 给另一种房屋类型定价）
    Add {
        /// 收费项目名称，如 物业服务费
        #[arg(long)]
        name: String,
        /// area 按面积（元/㎡/月）, unit 按户（元/户/月）, quantity 按用量, once 一次性
        #[arg(long)]
        basis: String,
        /// 单价（元）
        #[arg(long, allow_hyphen_values = true)]
        price: String,
        /// 只对这种房屋类型：住宅、商铺、车位、储藏室、办公
        #[arg(long)]
        unit_type: Option<String>,
        /// 计费周期（月）：1、2、3、6、12
        #[arg(long, default_value_t = 1)]
        cycle: u32,
    },
    /// 列出收费项目和价格
    List,
    /// 给某一户单独定价
    UnitPrice {
        /// 房号，如 3-2-1502
        unit: String,
        /// 收费项目名称
        #[arg(long)]
        fee: String,
        /// 这一户的单价（元）
        #[arg(long)]
        price: String,
    },
    /// 录入按用量收费的用量（如水费吨数）
    Quantity {
        /// 房号，如 3-2-1502
        unit: String,
        /// 收费项目名称（按用量计费的项目）
        #[arg(long)]
        fee: String,
        /// 月份，如 2026-11
        #[arg(long)]
        period: String,
        /// 用量，如 12.5
        #[arg(long)]
        qty: String,
    },
}

fn fee_rows(items: &[fees::FeeItem]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for item in items {
        for p in &item.prices {
            rows.push(vec![
                item.name.clone(),
                item.basis.label().into(),
                format!("{} 个月", item.cycle_months),
                p.unit_type.clone().unwrap_or_else(|| "通用".into()),
                price_text(p.price),
            ]);
        }
    }
    rows
}

pub fn fee(ctx: &Ctx, c: FeeCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    match c {
        FeeCommand::Add { name, basis, price, unit_type, cycle } => {
            let unit_type = fees::parse_price_type(unit_type.as_deref().unwrap_or(""))?;
            let fee = NewFee { name, basis: Basis::parse(&basis)?, price: parse_price(&price)?, unit_type, cycle_months: cycle };
            let item = ctx.write(&mut db, Permission::EditFees, |tx| fees::add_fee(tx, &fee))?;
            let text = format!("已设置收费项目“{}”：\n{}", item.name, table(&["项目", "方式", "周期", "房屋类型", "单价"], &fee_rows(std::slice::from_ref(&item)), &[4]));
            Ok(Reply::new(&item, text))
        }
        FeeCommand::List => {
            let items = fees::fee_items(db.conn())?;
            let text = table(&["项目", "方式", "周期", "房屋类型", "单价"], &fee_rows(&items), &[4]);
            Ok(Reply::new(&json!({ "fees": items }), text))
        }
        FeeCommand::UnitPrice { unit, fee, price } => {
            let unit = reg::find_unit(db.conn(), &unit)?;
            let price = parse_price(&price)?;
            ctx.write(&mut db, Permission::EditFees, |tx| fees::set_unit_price(tx, &unit, &fee, price))?;
            let text = format!("{} 的“{fee}”单价改为 {}", unit.code, price_text(price));
            Ok(Reply::new(&json!({ "unit": unit.code, "fee": fee, "price": price_text(price) }), text))
        }
        FeeCommand::Quantity { unit, fee, period, qty } => {
            let unit = reg::find_unit(db.conn(), &unit)?;
            let period = Period::parse(&period)?;
            let q = fees::parse_quantity(&qty)?;
            ctx.write(&mut db, Permission::EditFees, |tx| fees::set_quantity(tx, &unit, &fee, period, q))?;
            let text = format!("已录入 {} {period} “{fee}”用量 {q}", unit.code);
            Ok(Reply::new(&json!({ "unit": unit.code, "fee": fee, "period": period, "quantity": q.to_string() }), text))
        }
    }
}

#[derive(Subcommand)]
pub enum BillCommand {
    /// 计费：给每户符合条件的房屋出账，重复执行不会重复出账
    Run {
        /// 单月，如 2026-11
        #[arg(long, conflicts_with_all = ["from", "to"])]
        period: Option<String>,
        /// 起始月份（与 --to 一起用），如 2026-01
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// 结束月份（含），如 2026-12
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// 只预览将出的账单（按收费项目），不写入
        #[arg(long)]
        dry_run: bool,
    },
    /// 收费通知单：每户一页的 PDF（按楼栋、房号排序），可另存短信群发表格
    Notices {
        /// 月份 2026-11，或季度 2026-Q4
        #[arg(long)]
        period: String,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
        /// 同时保存短信群发表格（xlsx：房号、业主、手机、金额、短信内容）
        #[arg(long)]
        messages: Option<PathBuf>,
        /// 只出这一栋，如 3 或 3栋
        #[arg(long)]
        building: Option<String>,
        /// 按哪一天的收款计算（默认今天），如 2026-11-23
        #[arg(long)]
        as_of: Option<String>,
    },
}

pub fn bill(ctx: &Ctx, c: BillCommand) -> estate_core::Result<Reply> {
    let (period, from, to, dry_run) = match c {
        BillCommand::Run { period, from, to, dry_run } => (period, from, to, dry_run),
        BillCommand::Notices { period, out, messages, building, as_of } => return bill_notices(ctx, &period, &out, messages, building, as_of),
    };
    let (from, to) = match (period, from, to) {
        (Some(p), _, _) => (Period::parse(&p)?, Period::parse(&p)?),
        (None, Some(f), Some(t)) => (Period::parse(&f)?, Period::parse(&t)?),
        _ => return Err(FeesError::BadPeriod("（未填写）请用 --period 2026-11 或 --from 2026-01 --to 2026-12".into()).into()),
    };
    let mut db = ctx.open()?;
    let r = match dry_run {
        true => fees::preview_billing(db.conn(), from, to)?.report,
        false => ctx.write(&mut db, Permission::RunBilling, |tx| fees::run_billing(tx, from, to, &mut |_, _| {}))?,
    };
    let items: Vec<Vec<String>> = r
        .items
        .iter()
        .map(|i| vec![i.item.clone(), i.bills.to_string(), i.total.grouped(), i.skipped_existing.to_string(), i.not_billed_missing_data.to_string()])
        .collect();
    let text = fields(&[
        ("计费期间", if from == to { from.to_string() } else { format!("{from} 至 {to}") }),
        ("预览", if dry_run { "是（未写入）".into() } else { "否".into() }),
        ("出账户数", format!("{} 户（共 {} 户，已出过 {} 户）", r.units_billed, r.units_total, r.units_already_billed)),
        ("新出账单", format!("{} 笔", r.bills)),
        ("金额合计", format!("{} 元", r.total.grouped())),
        ("已有未重出", format!("{} 笔", r.skipped_existing)),
        ("缺面积/用量", format!("{} 笔未出", r.not_billed_missing_data)),
        ("预存抵扣", format!("{} 元", r.prepaid_applied.grouped())),
    ]) + "\n" + &table(&["项目", "新出", "金额", "已有", "缺数据"], &items, &[1, 2, 3, 4]);
    Ok(Reply::new(&r, text))
}

fn bill_notices(ctx: &Ctx, period: &str, out: &Path, messages: Option<PathBuf>, building: Option<String>, as_of: Option<String>) -> estate_core::Result<Reply> {
    let db = ctx.open()?;
    let as_of = estate_core::arrears::read_as_of(as_of.as_deref().unwrap_or(""), db.now().date_naive())?;
    let filter = notices::Filter::read(period, building.as_deref().unwrap_or(""))?;
    let batch = notices::notices(db.conn(), &filter, as_of)?;
    let pdf = estate_core::docs::pdf::notices_pdf(&batch, &mut |_, _| {})?;
    FileError::write(out, &pdf)?;
    if let Some(path) = &messages {
        FileError::write(path, &notices::messages_xlsx(&batch, &notices::message_template(db.conn())?)?)?;
    }
    let s = batch.summary();
    let file = out.display().to_string();
    let messages = messages.map(|p| p.display().to_string());
    let mut rows = vec![
        ("通知期间", format!("{}（{}）", s.period_label, s.period)),
        ("通知单", format!("{} 份，{} 页（每户一页）", s.notices, s.notices)),
        ("未出通知", format!("{} 户（本期无账单且无欠费）", s.skipped)),
        ("应缴合计", format!("{} 元", s.total_due.grouped())),
        ("缴费截止日", s.due_date.to_string()),
        ("计算日", s.as_of.to_string()),
        ("PDF", file.clone()),
    ];
    if let Some(path) = &messages {
        rows.push(("短信表格", format!("{path}（{} 户没有手机号）", s.without_mobile)));
    }
    let mut reply = serde_json::to_value(&s).unwrap_or_default();
    reply["pages"] = json!(s.notices);
    reply["file"] = json!(file);
    reply["messages"] = json!(messages);
    Ok(Reply::new(&reply, fields(&rows)))
}

#[derive(Args)]
pub struct UnitArg {
    /// 房号，如 3-2-1502
    unit: String,
}

fn bill_rows(bills: &[fees::BillLine]) -> Vec<Vec<String>> {
    bills
        .iter()
        .map(|b| vec![b.id.to_string(), b.item.clone(), b.period.clone(), b.amount.grouped(), b.paid.grouped(), b.waived.grouped(), b.outstanding.grouped()])
        .collect()
}

pub fn balance(ctx: &Ctx, a: UnitArg) -> estate_core::Result<Reply> {
    let db = ctx.open()?;
    let unit = reg::find_unit(db.conn(), &a.unit)?;
    let b = fees::balance(db.conn(), &unit)?;
    let mut text = fields(&[
        ("房号", b.unit.clone()),
        ("业主", reg::owner_names(db.conn(), &unit)?),
        ("欠费", format!("{} 元", b.owed.grouped())),
        ("预存", format!("{} 元", b.prepaid.grouped())),
    ]);
    if !b.bills.is_empty() {
        text += "\n未缴账单：\n";
        text += &table(&["账单号", "项目", "期间", "应收", "已收", "减免", "未缴"], &bill_rows(&b.bills), &[3, 4, 5, 6]);
    }
    Ok(Reply::new(&b, text))
}

pub fn statement(ctx: &Ctx, a: UnitArg) -> estate_core::Result<Reply> {
    let db = ctx.open()?;
    let unit = reg::find_unit(db.conn(), &a.unit)?;
    let s = fees::statement(db.conn(), &unit)?;
    let rows: Vec<Vec<String>> = s
        .lines
        .iter()
        .map(|l| {
            let show = |m: Money| if m.is_zero() { String::new() } else { m.grouped() };
            vec![l.date.clone(), l.text.clone(), show(l.charge), show(l.credit), l.balance.grouped()]
        })
        .collect();
    let mut text = format!("{} 对账单\n", s.unit);
    text += &table(&["日期", "摘要", "应收", "收款/减免", "余额"], &rows, &[2, 3, 4]);
    text += &format!("\n欠费 {} 元，预存 {} 元\n", s.owed.grouped(), s.prepaid.grouped());
    Ok(Reply::new(&s, text))
}

#[derive(Args)]
pub struct PayArgs {
    /// 房号，如 3-2-1502
    unit: String,
    /// 金额（元），如 300.00
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// cash 现金, card 银行卡, wechat 微信, alipay 支付宝, transfer 转账
    #[arg(long)]
    method: String,
    /// 交款人（默认为业主）
    #[arg(long)]
    payer: Option<String>,
    /// 凭证号/交易参考号
    #[arg(long = "ref", default_value = "")]
    reference: String,
    /// 指定要缴的账单号（可多次），不指定则从最早的欠费缴起
    #[arg(long = "bill")]
    bills: Vec<i64>,
    /// 减免这笔收款所缴账单的违约金（主管），写明原因
    #[arg(long)]
    waive_late_fee: Option<String>,
}

pub fn pay(ctx: &Ctx, a: PayArgs) -> estate_core::Result<Reply> {
    let amount = fees::parse_amount(&a.amount)?;
    let method = Method::parse(&a.method)?;
    let mut db = ctx.open()?;
    let unit = reg::find_unit(db.conn(), &a.unit)?;
    let payer = match a.payer {
        Some(p) => p,
        None => reg::owner_names(db.conn(), &unit)?,
    };
    let p = NewPayment { amount, method, payer, reference: a.reference, bills: a.bills };
    let waivers = a.waive_late_fee.map_or(Waivers::None, Waivers::All);
    let r = ctx.write(&mut db, if waivers.is_none() { Permission::TakePayment } else { Permission::Waive }, |tx| fees::pay_with(tx, &unit, &p, &waivers))?;
    let rows: Vec<Vec<String>> = r.allocated.iter().map(|x| vec![x.item.clone(), x.period.clone(), x.amount.grouped()]).collect();
    let mut text = fields(&[
        ("收据号", r.receipt_no.clone()),
        ("房号", r.unit.clone()),
        ("收款", format!("{} 元（{}）", r.amount.grouped(), method.label())),
        ("其中违约金", format!("{} 元", r.late_fees.grouped())),
        ("转入预存", format!("{} 元", r.prepaid.grouped())),
        ("尚欠", format!("{} 元", r.owed_after.grouped())),
    ]);
    if !rows.is_empty() {
        text += "\n本次缴纳：\n";
        text += &table(&["项目", "期间", "金额"], &rows, &[2]);
    }
    if !r.late_fees_waived.is_empty() {
        let waived: Vec<Vec<String>> = r.late_fees_waived.iter().map(|w| vec![w.item.clone(), w.amount.grouped(), w.reason.clone()]).collect();
        text += "\n减免违约金：\n";
        text += &table(&["项目", "金额", "原因"], &waived, &[1]);
    }
    Ok(Reply::new(&r, text))
}

#[derive(Subcommand)]
pub enum ReceiptCommand {
    /// 生成收据 PDF（第一次为原件，之后标“补打”）
    Pdf {
        /// 收据号，如 SF0000123
        receipt_no: String,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
    },
    /// 作废收据（收据号保留，款项冲回）
    Void {
        /// 收据号，如 SF0000123
        receipt_no: String,
        /// 作废原因（必填）
        #[arg(long)]
        reason: String,
    },
}

pub fn receipt(ctx: &Ctx, c: ReceiptCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    match c {
        ReceiptCommand::Pdf { receipt_no, out } => {
            // The file is written inside the transaction: if it cannot be
            // saved, the print is not recorded and the next one is still the original.
            let pdf = ctx.write(&mut db, Permission::Reprint, |tx| {
                let pdf = fees::print_receipt(tx, &receipt_no)?;
                estate_core::error::FileError::write(&out, &pdf)?;
                Ok(pdf)
            })?;
            let path = out.display().to_string();
            Ok(Reply::new(&json!({ "receipt_no": receipt_no.trim(), "file": path, "bytes": pdf.len() }), format!("收据 {} 已保存到 {path}", receipt_no.trim())))
        }
        ReceiptCommand::Void { receipt_no, reason } => {
            let v = ctx.write(&mut db, Permission::VoidReceipt, |tx| fees::void_receipt(tx, &receipt_no, &reason))?;
            let mut text = format!("收据 {} 已作废，{} 元已冲回。该户现欠 {} 元。", v.receipt_no, v.amount.grouped(), v.owed_after.grouped());
            if let Some(approver) = &v.approved_by {
                text += &format!("\n作废人：{}，批准人：{approver}", v.operator);
            }
            Ok(Reply::new(&v, text))
        }
    }
}

#[derive(Args)]
pub struct WaiveArgs {
    /// 账单号（见 balance）
    bill: i64,
    /// 减免金额（元），不超过账单未缴部分
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// 减免原因（必填）
    #[arg(long)]
    reason: String,
}

pub fn waive(ctx: &Ctx, a: WaiveArgs) -> estate_core::Result<Reply> {
    let amount = fees::parse_amount(&a.amount)?;
    let mut db = ctx.open()?;
    let w = ctx.write(&mut db, Permission::Waive, |tx| fees::waive(tx, a.bill, amount, &a.reason))?;
    let text = format!("账单 {} 已减免 {} 元，尚欠 {} 元。", w.bill_id, w.amount.grouped(), w.outstanding_after.grouped());
    Ok(Reply::new(&w, text))
}
