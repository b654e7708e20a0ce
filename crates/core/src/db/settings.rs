//! Estate-wide settings as key/value text.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

pub const ESTATE_NAME: &str = "estate_name";
pub const RECEIPT_HEADER: &str = "receipt_header";
pub const PAPER_SIZE: &str = "paper_size";
pub const RECEIPT_SERIES: &str = "receipt_series";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn get_or(conn: &Connection, key: &str, default: &str) -> Result<String> {
    Ok(get(conn, key)?.unwrap_or_else(|| default.to_string()))
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
