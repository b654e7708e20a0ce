//! The 钥匙借用登记表 of a period as an A4 sheet (the shared `sheet_pdf`),
//! and the loans as a sheet of the monthly workbook.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::{KeyError, Loan, LoanFilter, rules::minute};
use crate::db::settings;
use crate::docs::pdf::{SheetBlock, SheetColumn, SheetDoc, SheetTable, sheet_pdf};
use crate::docs::xlsx::{Book, Cell, Column, Kind, col};
use crate::error::Result;

/// The longest period one register covers.
const MAX_DAYS: i64 = 366;

/// The register of loans made from `from` to `to` (both days included), as
/// judged at `printed_at` (ISO-8601 with offset: overdue loans are marked as of then).
pub fn register_pdf(conn: &Connection, from: NaiveDate, to: NaiveDate, printed_at: &str) -> Result<Vec<u8>> {
    if to < from || (to - from).num_days() >= MAX_DAYS {
        return Err(KeyError::BadPeriod { from: from.to_string(), to: to.to_string() }.into());
    }
    let at = chrono::DateTime::parse_from_rfc3339(printed_at).map_err(|_| KeyError::BadDue(printed_at.chars().take(30).collect()))?;
    let filter = LoanFilter { from: Some(from), to: Some(to), ..LoanFilter::default() };
    let loans = super::loans(conn, &filter, at)?;
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    Ok(sheet_pdf(&register_doc(&loans, from, to, &estate, printed_at))?)
}

fn register_doc(loans: &[Loan], from: NaiveDate, to: NaiveDate, estate: &str, printed_at: &str) -> SheetDoc {
    let out = loans.iter().filter(|l| l.returned.is_none()).count();
    let late = loans.iter().filter(|l| l.overdue).count();
    let overrides: Vec<&Loan> = loans.iter().filter(|l| l.override_reason.is_some()).collect();
    let fields = vec![
        ("期间".to_string(), format!("{from} 至 {to}")),
        ("借出".to_string(), format!("{} 次", loans.len())),
        ("未还".to_string(), format!("{out} 次")),
        ("逾期（含逾期后归还）".to_string(), format!("{late} 次")),
    ];
    let mut blocks = Vec::new();
    if loans.is_empty() {
        blocks.push(SheetBlock::Text("本期间没有借出钥匙。".into()));
    } else {
        blocks.push(SheetBlock::Table(table(loans, from.year() == to.year())));
    }
    if !overrides.is_empty() {
        blocks.push(SheetBlock::Heading("主管特批借出（借用人不在业主授权内）".into()));
        for l in overrides {
            let approver = l.approved_by.as_deref().map_or_else(|| format!("主管 {}", l.operator), |a| format!("批准人 {a}，经办人 {}", l.operator));
            blocks.push(SheetBlock::Text(format!("第 {} 号 {} {} 借给 {}：{}（{}）", l.id, l.unit, l.hook, l.borrower, l.override_reason.as_deref().unwrap_or(""), approver)));
        }
    }
    blocks.push(SheetBlock::Text(format!(
        "时间为 {} 年的月-日 时:分。证件号码只登记最后 4 位。标“逾期”的：到应还时间没有还回（或逾期后才还回）。",
        from.year()
    )));
    SheetDoc {
        title: "钥匙借用登记表".into(),
        issuer: format!("{estate}物业服务中心"),
        fields,
        blocks,
        signatures: vec!["登记人（签字）".into(), "主管（签字）".into()],
        footer: format!("钥匙借用登记表 {from} 至 {to} · 打印于 {}", minute(printed_at)),
    }
}

fn table(loans: &[Loan], short: bool) -> SheetTable {
    let columns = [
        ("号", 0.4, true),
        ("房号 挂钩", 1.0, false),
        ("借用人", 1.3, false),
        ("证件", 0.85, false),
        ("事由", 1.1, false),
        ("借出", 0.85, false),
        ("应还", 0.85, false),
        ("归还", 1.15, false),
        ("归还人", 1.15, false),
        ("经办", 0.8, false),
    ];
    // Within one year the year is left out, so a time fits its column on two lines.
    let when = |at: &str| if short { minute(at).get(5..).map_or_else(|| minute(at), str::to_string) } else { minute(at) };
    SheetTable {
        columns: columns.iter().map(|&(t, share, right)| SheetColumn { title: t.into(), share, right }).collect(),
        rows: loans
            .iter()
            .map(|l| {
                let back = match &l.returned {
                    Some(r) => format!("{}{}", when(&r.returned_at), if l.overdue { " 逾期" } else { "" }),
                    None if l.overdue => "逾期未还".into(),
                    None => "未还".into(),
                };
                let by = l.returned.as_ref().map(|r| join(&r.returned_by, &r.condition)).unwrap_or_default();
                let clerks = match &l.returned {
                    Some(r) if r.operator != l.operator => format!("{} / {}", l.operator, r.operator),
                    _ => l.operator.clone(),
                };
                vec![
                    l.id.to_string(),
                    format!("{} {}", l.unit, l.hook),
                    format!("{} {}", l.borrower, l.borrower_kind_label),
                    format!("{} {}", l.id_type, l.id_last4),
                    l.purpose.clone(),
                    when(&l.out_at),
                    when(&l.due_at),
                    back,
                    by,
                    clerks,
                ]
            })
            .collect(),
        total: None,
    }
}

fn join(a: &str, b: &str) -> String {
    if b.is_empty() { a.to_string() } else { format!("{a}，{b}") }
}

/// The columns of the workbook's 钥匙借用 sheet.
pub const LOAN_COLUMNS: [Column; 13] = [
    col("号", Kind::Number),
    col("房号", Kind::Text),
    col("挂钩", Kind::Text),
    col("借用人", Kind::Text),
    col("类别", Kind::Text),
    col("证件", Kind::Text),
    col("事由", Kind::Text),
    col("借出时间", Kind::DateTime),
    col("应还时间", Kind::DateTime),
    col("归还时间", Kind::DateTime),
    col("归还人", Kind::Text),
    col("状态", Kind::Text),
    col("经办人 / 特批", Kind::Text),
];

/// Writes the loans as rows of the workbook's 钥匙借用 sheet (the caller finishes the sheet).
pub fn loans_sheet<'b>(book: &'b mut Book, name: &str, loans: &[Loan]) -> Result<crate::docs::xlsx::Sheet<'b>> {
    let time = |s: &str| chrono::DateTime::parse_from_rfc3339(s).map_or(Cell::text(s), |t| Cell::DateTime(t.naive_local()));
    let mut sheet = book.sheet(name, &LOAN_COLUMNS)?;
    for l in loans {
        let status = match (&l.returned, l.overdue) {
            (Some(_), true) => "逾期归还",
            (Some(_), false) => "已还",
            (None, true) => "逾期未还",
            (None, false) => "未还",
        };
        let clerk = match (&l.override_reason, &l.approved_by) {
            (Some(reason), Some(by)) => format!("{}；特批：{reason}（{by}）", l.operator),
            (Some(reason), None) => format!("{}；特批：{reason}", l.operator),
            _ => l.operator.clone(),
        };
        sheet.write_row(&[
            Cell::Count(l.id),
            Cell::text(&l.unit),
            Cell::text(&l.hook),
            Cell::text(&l.borrower),
            Cell::text(l.borrower_kind_label),
            Cell::text(format!("{} 尾号{}", l.id_type, l.id_last4)),
            Cell::text(&l.purpose),
            time(&l.out_at),
            time(&l.due_at),
            l.returned.as_ref().map_or(Cell::Blank, |r| time(&r.returned_at)),
            Cell::text(l.returned.as_ref().map(|r| join(&r.returned_by, &r.condition)).unwrap_or_default()),
            Cell::text(status),
            Cell::text(clerk),
        ])?;
    }
    Ok(sheet)
}
