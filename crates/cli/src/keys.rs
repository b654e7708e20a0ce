//! `estate key`: keys held in custody (托管钥匙) — deposit, authorise, lend,
//! return, hand back to the owner, list, and the 钥匙借用登记表 as PDF.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use estate_core::error::FileError;
use estate_core::keys::{self, AuthKind, BorrowerKind, CustodyKey, KeyError, Loan, LoanFilter, NewAuthorisation, NewKey, NewLoan, NewReturn, rules};
use estate_core::register as reg;
use estate_core::staff::Permission;
use estate_core::Result;
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

/// The owner's written consent beyond named persons, as `deposit` and `authorise` take it.
#[derive(Args)]
pub struct Grant {
    /// 业主同意工程部（物业员工）借用
    #[arg(long)]
    engineering: bool,
    /// 业主授权的装修施工方（须写 --from 和 --to）
    #[arg(long)]
    contractor: Option<String>,
    /// 施工授权开始日期
    #[arg(long)]
    from: Option<String>,
    /// 施工授权结束日期
    #[arg(long)]
    to: Option<String>,
}

impl Grant {
    /// The engineering team's and the contractor's authorisations given.
    fn authorisations(self) -> Result<Vec<NewAuthorisation>> {
        let mut out = Vec::new();
        if self.engineering {
            out.push(NewAuthorisation { kind: AuthKind::Engineering, name: String::new(), from: None, to: None });
        }
        if let Some(name) = self.contractor {
            out.push(NewAuthorisation { kind: AuthKind::Contractor, name, from: date(self.from.as_deref())?, to: date(self.to.as_deref())? });
        }
        Ok(out)
    }
}

#[derive(Subcommand)]
pub enum KeyCommand {
    /// 存放钥匙：房号、挂钩号、把数、存放人，业主书面授权的借用人
    Deposit {
        /// 房号，如 3-2-1502
        unit: String,
        /// 挂钩号，如 A-01（在柜的钥匙里不能重复）
        #[arg(long)]
        hook: String,
        /// 钥匙把数（1 到 99）
        #[arg(long, default_value_t = 1, allow_hyphen_values = true)]
        count: i64,
        /// 说明，如 入户门、信箱
        #[arg(long, default_value = "")]
        description: String,
        /// 存放人（通常是业主）
        #[arg(long)]
        by: String,
        /// 存放日期（默认今天），如 2026-11-23
        #[arg(long)]
        on: Option<String>,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
        /// 业主书面授权的借用人（可写多次）
        #[arg(long = "authorise")]
        persons: Vec<String>,
        #[command(flatten)]
        grant: Grant,
    },
    /// 补登业主的书面授权：--person 姓名、--engineering 或 --contractor 名称（加起止日期）
    Authorise {
        /// 挂钩号
        hook: String,
        /// 被授权人姓名
        #[arg(long)]
        person: Option<String>,
        #[command(flatten)]
        grant: Grant,
    },
    /// 借出钥匙：核对借用人是否在业主授权内，证件只登记后 4 位
    Lend {
        /// 挂钩号
        hook: String,
        /// 借用人姓名
        #[arg(long)]
        borrower: String,
        /// 借用人类别：owner 业主、authorised 授权人、contractor 施工方、staff 员工
        #[arg(long = "as")]
        kind: String,
        /// 证件类型：身份证、护照、港澳通行证、台胞证、驾驶证、工作证、其他
        #[arg(long, default_value = "身份证")]
        id_type: String,
        /// 证件号码最后 4 位（不收完整号码）
        #[arg(long)]
        id_last4: String,
        /// 借用事由
        #[arg(long)]
        purpose: String,
        /// 应还时间：18:00（今天）或 2026-11-24 18:00；默认今天的 key_default_return_time
        #[arg(long, default_value = "")]
        due: String,
        /// 借用人不在授权内时由主管特批，写明原因（前台须 --approver 主管当场授权）
        #[arg(long = "override")]
        override_reason: Option<String>,
    },
    /// 登记归还
    Return {
        /// 挂钩号
        hook: String,
        /// 归还人
        #[arg(long)]
        by: String,
        /// 钥匙状况，如 完好
        #[arg(long, default_value = "")]
        condition: String,
    },
    /// 钥匙退还业主（不再托管，挂钩空出）
    Release {
        /// 挂钩号
        hook: String,
        /// 领回人
        #[arg(long)]
        to: String,
        /// 退还日期（默认今天）
        #[arg(long)]
        on: Option<String>,
    },
    /// 在柜和借出的钥匙；--all 含已退还业主的；--overdue 只列逾期未还的借出
    List {
        /// 房号
        unit: Option<String>,
        /// 含已退还业主的钥匙
        #[arg(long)]
        all: bool,
        /// 只列逾期未还
        #[arg(long)]
        overdue: bool,
    },
    /// 借用记录：按借出日期、房号；--open 只列未还
    Loans {
        /// 开始日期
        #[arg(long)]
        from: Option<String>,
        /// 结束日期
        #[arg(long)]
        to: Option<String>,
        /// 房号
        #[arg(long)]
        unit: Option<String>,
        /// 只列未还
        #[arg(long)]
        open: bool,
    },
    /// 钥匙借用登记表（A4 PDF）
    Pdf {
        /// 开始日期
        #[arg(long)]
        from: String,
        /// 结束日期
        #[arg(long)]
        to: String,
        /// 保存为
        #[arg(long)]
        out: PathBuf,
    },
}

/// An optional day: blank means none (the default).
fn date(text: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    Ok(text.map(str::trim).filter(|t| !t.is_empty()).map(rules::date).transpose()?)
}

fn borrower_kind(text: &str) -> Result<BorrowerKind> {
    Ok(BorrowerKind::parse(text).ok_or_else(|| KeyError::BadBorrowerKind(text.trim().chars().take(20).collect()))?)
}

pub fn key(ctx: &Ctx, c: KeyCommand) -> Result<Reply> {
    match c {
        KeyCommand::Deposit { unit, hook, count, description, by, on, note, persons, grant } => {
            let mut authorisations: Vec<NewAuthorisation> = persons.into_iter().map(|name| NewAuthorisation { kind: AuthKind::Person, name, from: None, to: None }).collect();
            authorisations.extend(grant.authorisations()?);
            let new = NewKey { hook, key_count: count, description, deposited_by: by, deposited_on: date(on.as_deref())?, note, authorisations };
            let mut db = ctx.open()?;
            let unit = reg::find_unit(db.conn(), &unit)?;
            let k = ctx.write(&mut db, Permission::Keys, |tx| keys::deposit(tx, &unit, &new))?;
            Ok(Reply::new(&k, key_text(&k, "已存放钥匙")))
        }
        KeyCommand::Authorise { hook, person, grant } => {
            let person = person.map(|name| NewAuthorisation { kind: AuthKind::Person, name, from: None, to: None });
            let a = match (person, grant.authorisations()?.as_slice()) {
                (Some(a), []) => a,
                (None, [a]) => a.clone(),
                _ => return Err(KeyError::BadAuthKind("请只写 --person、--engineering、--contractor 其中一个".into()).into()),
            };
            let mut db = ctx.open()?;
            let k = keys::find(db.conn(), &hook)?;
            let k = ctx.write(&mut db, Permission::Keys, |tx| keys::authorise(tx, k.id, &a))?;
            Ok(Reply::new(&k, key_text(&k, "已登记授权")))
        }
        KeyCommand::Lend { hook, borrower, kind, id_type, id_last4, purpose, due, override_reason } => {
            let loan = NewLoan { borrower, borrower_kind: borrower_kind(&kind)?, id_type, id_last4, purpose, due, override_reason };
            let mut db = ctx.open()?;
            let k = keys::find(db.conn(), &hook)?;
            let overriding = loan.override_reason.is_some() && keys::needs_override(db.conn(), k.id, &loan, db.now().date_naive())?;
            let permission = if overriding { Permission::OverrideKeyLoan } else { Permission::Keys };
            let l = ctx.write(&mut db, permission, |tx| keys::lend(tx, k.id, &loan))?;
            Ok(Reply::new(&l, loan_text(&l, "已借出")))
        }
        KeyCommand::Return { hook, by, condition } => {
            let mut db = ctx.open()?;
            let k = keys::find(db.conn(), &hook)?;
            let l = ctx.write(&mut db, Permission::Keys, |tx| keys::take_back(tx, k.id, &NewReturn { returned_by: by, condition }))?;
            let title = if l.overdue { "已归还（逾期）" } else { "已归还" };
            Ok(Reply::new(&l, loan_text(&l, title)))
        }
        KeyCommand::Release { hook, to, on } => {
            let on = date(on.as_deref())?;
            let mut db = ctx.open()?;
            let k = keys::find(db.conn(), &hook)?;
            let k = ctx.write(&mut db, Permission::Keys, |tx| keys::release(tx, k.id, &to, on))?;
            Ok(Reply::new(&k, key_text(&k, "钥匙已退还业主")))
        }
        KeyCommand::List { unit, all, overdue } => {
            let db = ctx.open()?;
            let unit = unit.map(|u| reg::find_unit(db.conn(), &u)).transpose()?;
            if overdue {
                let mut list = keys::overdue(db.conn(), db.now())?;
                if let Some(u) = &unit {
                    list.retain(|l| l.unit == u.code);
                }
                let text = if list.is_empty() { "没有逾期未还的钥匙。".to_string() } else { format!("逾期未还 {} 串\n\n{}", list.len(), loans_table(&list)) };
                return Ok(Reply::new(&json!({ "overdue": list, "count": list.len() }), text));
            }
            let list = keys::list(db.conn(), !all, unit.as_ref(), db.now())?;
            let out = list.iter().filter(|k| k.out.is_some()).count();
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|k| {
                    let who = k.out.as_ref().map(|l| format!("{}，应还 {}", l.borrower, rules::minute(&l.due_at))).unwrap_or_default();
                    vec![k.hook.clone(), k.unit.clone(), k.key_count.to_string(), k.description.clone(), k.status_label.into(), who]
                })
                .collect();
            let mut text = format!("钥匙 {} 串，借出 {} 串\n", list.len(), out);
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["挂钩", "房号", "把数", "说明", "状态", "借用人"], &rows, &[2]);
            }
            Ok(Reply::new(&json!({ "keys": list, "count": list.len(), "out": out }), text))
        }
        KeyCommand::Loans { from, to, unit, open } => {
            let filter = LoanFilter { from: date(from.as_deref())?, to: date(to.as_deref())?, unit, open_only: open };
            let db = ctx.open()?;
            let list = keys::loans(db.conn(), &filter, db.now())?;
            let text = if list.is_empty() { "没有借用记录。".to_string() } else { format!("借用记录 {} 条\n\n{}", list.len(), loans_table(&list)) };
            Ok(Reply::new(&json!({ "loans": list, "count": list.len() }), text))
        }
        KeyCommand::Pdf { from, to, out } => {
            let (from, to) = (rules::date(&from)?, rules::date(&to)?);
            let db = ctx.open()?;
            let pdf = keys::register_pdf(db.conn(), from, to, &db.now().to_rfc3339())?;
            FileError::write(&out, &pdf)?;
            let path = out.display().to_string();
            Ok(Reply::new(&json!({ "from": from, "to": to, "file": path, "bytes": pdf.len() }), format!("{from} 至 {to} 的钥匙借用登记表已保存到 {path}")))
        }
    }
}

fn key_text(k: &CustodyKey, title: &str) -> String {
    let auths: Vec<String> = k
        .authorisations
        .iter()
        .map(|a| match (a.from, a.to) {
            (Some(f), Some(t)) => format!("{}（{}，{f} 至 {t}）", a.name, a.kind_label),
            _ => format!("{}（{}）", a.name, a.kind_label),
        })
        .collect();
    let mut rows = vec![
        ("挂钩", k.hook.clone()),
        ("房号", k.unit.clone()),
        ("钥匙", format!("{} 把 {}", k.key_count, k.description)),
        ("存放人", format!("{}（{}）", k.deposited_by, k.deposited_on)),
        ("授权借用", if auths.is_empty() { "只限业主本人".into() } else { auths.join("、") }),
        ("状态", k.status_label.to_string()),
    ];
    if let (Some(on), Some(to)) = (k.returned_on, &k.returned_to) {
        rows.push(("退还业主", format!("{on} 由 {to} 领回")));
    }
    format!("{title}\n{}", fields(&rows))
}

fn loan_text(l: &Loan, title: &str) -> String {
    let mut rows = vec![
        ("借用编号", l.id.to_string()),
        ("钥匙", format!("{} {}", l.hook, l.unit)),
        ("借用人", format!("{}（{}）", l.borrower, l.borrower_kind_label)),
        ("证件", format!("{} 尾号 {}", l.id_type, l.id_last4)),
        ("事由", l.purpose.clone()),
        ("借出", rules::minute(&l.out_at)),
        ("应还", rules::minute(&l.due_at)),
        ("经办人", l.operator.clone()),
    ];
    if let Some(reason) = &l.override_reason {
        rows.push(("主管特批", format!("{reason}（{}）", l.approved_by.as_deref().unwrap_or(&l.operator))));
    }
    if let Some(r) = &l.returned {
        rows.push(("归还", format!("{} {} {}", rules::minute(&r.returned_at), r.returned_by, r.condition)));
    }
    format!("{title}\n{}", fields(&rows))
}

fn loans_table(list: &[Loan]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|l| {
            let back = l.returned.as_ref().map(|r| rules::minute(&r.returned_at)).unwrap_or_else(|| if l.overdue { "逾期未还".into() } else { "未还".into() });
            vec![l.id.to_string(), l.hook.clone(), l.unit.clone(), format!("{}（{}）", l.borrower, l.borrower_kind_label), l.purpose.clone(), rules::minute(&l.out_at), rules::minute(&l.due_at), back]
        })
        .collect();
    table(&["编号", "挂钩", "房号", "借用人", "事由", "借出", "应还", "归还"], &rows, &[0])
}
