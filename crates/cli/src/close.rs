//! `estate close`: the daily close (日结) of a clerk's day, its preview, the
//! list of closes and the handover sheet.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use estate_core::arrears::read_as_of;
use estate_core::close::{self, DaySummary, Line, rules};
use estate_core::error::FileError;
use estate_core::fees::{self, Period};
use serde_json::json;

use estate_core::staff::Permission;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Args)]
pub struct DayArgs {
    /// 哪一天（默认今天），如 2026-11-23
    #[arg(long, visible_alias = "as-of")]
    date: Option<String>,
    /// 收款人（默认为 --operator）
    #[arg(long)]
    clerk: Option<String>,
}

#[derive(Subcommand)]
pub enum CloseCommand {
    /// 日结：清点现金，记下差额，锁定这一天的收款
    Day {
        #[command(flatten)]
        day: DayArgs,
        /// 清点的现金（元）
        #[arg(long, allow_hyphen_values = true)]
        cash_counted: String,
        /// 备注（现金有差额时必填）
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 日结预览：这一天按收款方式、收费项目的汇总和作废收据（与日结的数字相同）
    Show {
        #[command(flatten)]
        day: DayArgs,
    },
    /// 已日结的记录
    List {
        /// 只看这个月，如 2026-11
        #[arg(long)]
        month: Option<String>,
    },
    /// 打印日结交接单 PDF（先日结）
    Sheet {
        #[command(flatten)]
        day: DayArgs,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
    },
}

/// Closing one's own day is 日结; another clerk's needs a supervisor.
fn close_permission(ctx: &Ctx, clerk: &str) -> Permission {
    if clerk == ctx.operator.trim() { Permission::CloseDay } else { Permission::CloseAnyDay }
}

pub fn close(ctx: &Ctx, c: CloseCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    let today = db.now().date_naive();
    let which = |d: &DayArgs| -> estate_core::Result<(String, chrono::NaiveDate)> {
        let clerk = d.clerk.clone().unwrap_or_else(|| ctx.operator.clone());
        Ok((clerk.trim().to_string(), read_as_of(d.date.as_deref().unwrap_or(""), today)?))
    };
    match c {
        CloseCommand::Day { day, cash_counted, note } => {
            let (clerk, day) = which(&day)?;
            let counted = fees::parse_amount(&cash_counted)?;
            let summary = ctx.write(&mut db, close_permission(ctx, &clerk), |tx| close::close_day(tx, &clerk, day, counted, &note))?;
            let closed = close::backed_up(&ctx.db_path, summary, db.now().naive_local());
            let s = &closed.summary;
            let backed_up = match (&closed.backup.made, &closed.backup.problem) {
                (Some(m), _) => format!("已备份：{}", m.backup.file),
                (None, Some(p)) => format!("注意：日结已完成，但备份没有做成：{}", p.message),
                (None, None) => String::new(),
            };
            Ok(Reply::new(&closed, format!("{} {} 已日结，这一天的收款已锁定。\n{backed_up}\n\n{}", s.clerk, s.day, summary_text(s))))
        }
        CloseCommand::Show { day } => {
            let (clerk, day) = which(&day)?;
            let s = close::summary(db.conn(), &clerk, day)?;
            Ok(Reply::new(&s, summary_text(&s)))
        }
        CloseCommand::List { month } => {
            let month = month.as_deref().map(Period::parse).transpose()?;
            let list = close::closes(db.conn(), month)?;
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|c| {
                    vec![
                        c.day.to_string(),
                        c.clerk.clone(),
                        c.receipts.to_string(),
                        c.takings.grouped(),
                        c.cash_expected.grouped(),
                        c.cash_counted.grouped(),
                        c.difference.grouped(),
                        c.note.clone(),
                        c.closed_by.clone(),
                    ]
                })
                .collect();
            let title = month.map_or("全部日结".to_string(), |m| format!("{m} 的日结"));
            let text = if rows.is_empty() {
                format!("{title}：没有记录。")
            } else {
                format!("{title}：{} 条\n\n{}", rows.len(), table(&["日期", "收款人", "笔数", "实收", "应有现金", "实点现金", "差额", "备注", "日结人"], &rows, &[2, 3, 4, 5, 6]))
            };
            Ok(Reply::new(&json!({ "month": month, "closes": list }), text))
        }
        CloseCommand::Sheet { day, out } => {
            let (clerk, day) = which(&day)?;
            let pdf = close::handover_sheet(db.conn(), &clerk, day, &db.now().to_rfc3339())?;
            FileError::write(&out, &pdf)?;
            let path = out.display().to_string();
            Ok(Reply::new(&json!({ "clerk": clerk, "date": day, "file": path, "bytes": pdf.len() }), format!("{clerk} {day} 的日结交接单已保存到 {path}")))
        }
    }
}

/// The day as the preview and the close print it.
fn summary_text(s: &DaySummary) -> String {
    let state = match &s.close {
        Some(c) => format!("已日结（{} {}）", c.closed_by, c.closed_at.get(..16).unwrap_or(&c.closed_at).replacen('T', " ", 1)),
        None => "未日结".into(),
    };
    let receipts = match (&s.first_receipt, &s.last_receipt) {
        (Some(a), Some(b)) => format!("{a} 至 {b}，共 {} 张", s.receipt_count),
        _ => "无".into(),
    };
    let mut text = fields(&[
        ("收款人", s.clerk.clone()),
        ("日期", format!("{}  {state}", s.day)),
        ("收据", receipts),
        ("实收合计", format!("{} 元（{} 笔）", s.totals.total.amount.grouped(), s.totals.total.count)),
        ("应有现金", format!("{} 元", s.totals.cash_expected.grouped())),
    ]);
    if let Some(c) = &s.close {
        text += &fields(&[
            ("实点现金", format!("{} 元", c.cash_counted.grouped())),
            ("差额", format!("{} 元（{}）", c.difference.grouped(), rules::difference_label(c.difference))),
            ("备注", if c.note.is_empty() { "无".into() } else { c.note.clone() }),
        ]);
    }
    let methods: Vec<&Line> = s.totals.by_method.iter().map(|m| &m.line).collect();
    text += &format!("\n按收款方式：\n{}", lines_table("方式", &methods, &s.totals.total));
    let items: Vec<&Line> = s.totals.by_item.iter().collect();
    text += &format!("\n按收费项目：\n{}", lines_table("项目", &items, &s.totals.total));
    if !s.voided.is_empty() {
        let rows: Vec<Vec<String>> = s
            .voided
            .iter()
            .map(|v| {
                let kind = if v.reversal { "冲回" } else { "当日作废" };
                vec![v.receipt_no.clone(), v.unit.clone(), v.method_label.into(), v.amount.grouped(), v.paid_on.to_string(), kind.into(), v.reason.clone()]
            })
            .collect();
        text += &format!("\n作废收据：\n{}", table(&["收据号", "房号", "方式", "金额", "收款日期", "类别", "原因"], &rows, &[3]));
    }
    if !s.overdue_keys.is_empty() {
        let rows: Vec<Vec<String>> = s.overdue_keys.iter().map(|l| vec![l.unit.clone(), l.hook.clone(), l.borrower.clone(), minute(&l.due_at)]).collect();
        text += &format!("\n到期未还的钥匙：\n{}", table(&["房号", "挂钩", "借用人", "应还时间"], &rows, &[]));
    }
    text
}

fn minute(at: &str) -> String {
    estate_core::keys::rules::minute(at)
}

fn lines_table(first: &str, lines: &[&Line], total: &Line) -> String {
    let row = |l: &Line| vec![l.name.clone(), l.count.to_string(), l.taken.grouped(), l.reversed.grouped(), l.amount.grouped()];
    let rows: Vec<Vec<String>> = lines.iter().map(|l| row(l)).chain([row(total)]).collect();
    table(&[first, "笔数", "收款", "冲回", "实收"], &rows, &[1, 2, 3, 4])
}
