//! The SQL of staff accounts, and only that.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Staff, StaffRole};
use crate::db::DbError;
use crate::error::Result;

const COLUMNS: &str = "id, name, role, active, created_at, locked_until";

fn from_row(r: &Row) -> rusqlite::Result<(Staff, String)> {
    let role: String = r.get(2)?;
    // The CHECK constraint keeps other texts out; one that got in anyway is
    // reported as a damaged row rather than guessed at.
    let role = StaffRole::parse(&role)
        .map_err(|_| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, format!("岗位 {role}").into()))?;
    let staff = Staff { id: r.get(0)?, name: r.get(1)?, role, active: r.get(3)?, created_at: r.get(4)?, locked_until: r.get(5)? };
    Ok((staff, r.get(6)?))
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM staff", [], |r| r.get(0))?)
}

/// The account and its stored hash. Name matching ignores Latin case (the column is NOCASE).
pub fn by_name(conn: &Connection, name: &str) -> Result<Option<(Staff, String)>> {
    let sql = format!("SELECT {COLUMNS}, password_hash FROM staff WHERE name = ?1");
    Ok(conn.query_row(&sql, [name], from_row).optional()?)
}

pub fn all(conn: &Connection) -> Result<Vec<Staff>> {
    let sql = format!("SELECT {COLUMNS}, password_hash FROM staff ORDER BY active DESC, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.map(|r| r.map(|(s, _)| s)).collect::<Result<_, _>>()?)
}

pub fn insert(conn: &Connection, name: &str, role: StaffRole, hash: &str, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO staff (name, role, password_hash, active, created_at) VALUES (?1, ?2, ?3, 1, ?4)",
        params![name, role.code(), hash, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_hash(conn: &Connection, id: i64, hash: &str) -> Result<()> {
    one_row(conn.execute("UPDATE staff SET password_hash = ?2 WHERE id = ?1", params![id, hash])?, id)
}

/// Wrong passwords in a row since the last right one (or the last lock).
pub fn failed_sign_ins(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT failed_sign_ins FROM staff WHERE id = ?1", [id], |r| r.get(0))?)
}

pub fn set_lock(conn: &Connection, id: i64, failed: i64, locked_until: Option<&str>) -> Result<()> {
    one_row(conn.execute("UPDATE staff SET failed_sign_ins = ?2, locked_until = ?3 WHERE id = ?1", params![id, failed, locked_until])?, id)
}

pub fn set_active(conn: &Connection, id: i64, active: bool) -> Result<()> {
    one_row(conn.execute("UPDATE staff SET active = ?2 WHERE id = ?1", params![id, active])?, id)
}

fn one_row(changed: usize, id: i64) -> Result<()> {
    if changed != 1 {
        return Err(DbError::Internal(format!("员工记录 {id} 没有更新")).into());
    }
    Ok(())
}
