//! The SQL of the notice board, and only its SQL.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{Bulletin, Filled, TemplateText, Withdrawal};
use crate::db::Tx;
use crate::error::Result;

/// A template's row (what `Template` adds is worked out in `mod.rs`).
pub struct TemplateRow {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub body: String,
    pub updated_at: String,
    pub updated_by: String,
    pub used: i64,
}

const TEMPLATE: &str = "SELECT t.id, t.name, t.title, t.body, t.updated_at, t.updated_by,
        (SELECT COUNT(*) FROM bulletins b WHERE b.template_id = t.id)
     FROM bulletin_templates t";

fn template_row(row: &Row) -> rusqlite::Result<TemplateRow> {
    Ok(TemplateRow { id: row.get(0)?, name: row.get(1)?, title: row.get(2)?, body: row.get(3)?, updated_at: row.get(4)?, updated_by: row.get(5)?, used: row.get(6)? })
}

pub fn templates(conn: &Connection) -> Result<Vec<TemplateRow>> {
    let mut stmt = conn.prepare_cached(&format!("{TEMPLATE} ORDER BY t.id"))?;
    let rows = stmt.query_map([], template_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn template(conn: &Connection, id: i64) -> Result<Option<TemplateRow>> {
    Ok(conn.prepare_cached(&format!("{TEMPLATE} WHERE t.id = ?1"))?.query_row([id], template_row).optional()?)
}

pub fn template_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM bulletin_templates WHERE name = ?1")?.query_row([name], |r| r.get(0)).optional()?)
}

pub fn insert_template(tx: &Tx, t: &TemplateText) -> Result<i64> {
    tx.prepare_cached("INSERT INTO bulletin_templates (name, title, body, created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?4, ?5)")?
        .execute(params![t.name, t.title, t.body, tx.now_text(), tx.actor()])?;
    Ok(tx.last_insert_rowid())
}

pub fn update_template(tx: &Tx, id: i64, t: &TemplateText) -> Result<()> {
    tx.prepare_cached("UPDATE bulletin_templates SET name = ?2, title = ?3, body = ?4, updated_at = ?5, updated_by = ?6 WHERE id = ?1")?
        .execute(params![id, t.name, t.title, t.body, tx.now_text(), tx.actor()])?;
    Ok(())
}

/// How many notices were numbered with `prefix` (the day's so far).
pub fn count_numbers(conn: &Connection, prefix: &str) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT COUNT(*) FROM bulletins WHERE bulletin_no LIKE ?1 || '%'")?.query_row([prefix], |r| r.get(0))?)
}

pub struct BulletinRow<'a> {
    pub bulletin_no: &'a str,
    pub template_id: i64,
    pub template_name: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub issuer: &'a str,
    pub dated: &'a str,
    pub filled: &'a [Filled],
}

pub fn insert_bulletin(tx: &Tx, b: &BulletinRow) -> Result<i64> {
    let filled: Vec<[&str; 2]> = b.filled.iter().map(|f| [f.name.as_str(), f.value.as_str()]).collect();
    let filled = serde_json::to_string(&filled).unwrap_or_else(|_| "[]".into());
    tx.prepare_cached(
        "INSERT INTO bulletins (bulletin_no, template_id, template_name, title, body, issuer, dated, filled, issued_at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![b.bulletin_no, b.template_id, b.template_name, b.title, b.body, b.issuer, b.dated, filled, tx.now_text(), tx.actor()])?;
    Ok(tx.last_insert_rowid())
}

pub fn insert_withdrawal(tx: &Tx, id: i64, reason: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO bulletin_withdrawals (bulletin_id, reason, at, operator) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![id, reason, tx.now_text(), tx.actor()])?;
    Ok(())
}

const BULLETIN: &str = "SELECT b.id, b.bulletin_no, b.template_id, b.template_name, b.title, b.body, b.issuer, b.dated, b.filled,
        b.issued_at, b.operator, w.reason, w.at, w.operator
     FROM bulletins b LEFT JOIN bulletin_withdrawals w ON w.bulletin_id = b.id";

fn bulletin(row: &Row) -> rusqlite::Result<Bulletin> {
    let filled: String = row.get(8)?;
    // Written by `insert_bulletin` only: anything else is a broken row, not an empty list.
    let pairs: Vec<(String, String)> = serde_json::from_str(&filled).map_err(|e| rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e)))?;
    let dated: String = row.get(7)?;
    let reason: Option<String> = row.get(11)?;
    Ok(Bulletin {
        id: row.get(0)?,
        bulletin_no: row.get(1)?,
        template_id: row.get(2)?,
        template_name: row.get(3)?,
        title: row.get(4)?,
        body: row.get(5)?,
        issuer: row.get(6)?,
        date_text: chrono::NaiveDate::parse_from_str(&dated, "%Y-%m-%d").map(crate::dunning::rules::chinese_date).unwrap_or_else(|_| dated.clone()),
        dated,
        filled: pairs.into_iter().map(|(name, value)| Filled { name, value }).collect(),
        issued_at: row.get(9)?,
        operator: row.get(10)?,
        withdrawn: match reason {
            Some(reason) => Some(Withdrawal { reason, at: row.get(12)?, operator: row.get(13)? }),
            None => None,
        },
    })
}

pub fn bulletin_by_id(conn: &Connection, id: i64) -> Result<Option<Bulletin>> {
    Ok(conn.prepare_cached(&format!("{BULLETIN} WHERE b.id = ?1"))?.query_row([id], bulletin).optional()?)
}

pub fn bulletin_by_no(conn: &Connection, no: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM bulletins WHERE bulletin_no = ?1")?.query_row([no], |r| r.get(0)).optional()?)
}

/// Every notice, newest first.
pub fn bulletins(conn: &Connection) -> Result<Vec<Bulletin>> {
    let mut stmt = conn.prepare_cached(&format!("{BULLETIN} ORDER BY b.id DESC"))?;
    let rows = stmt.query_map([], bulletin)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
