//! The ledger's seal: every ledger row is tied to the audit chain, so a row
//! edited, inserted or deleted behind the program's back (sqlite3 on the file)
//! is found by `verify`, not only an edited audit entry.
//!
//! Each write transaction that inserted ledger rows ends with one `ledger.seal`
//! entry (in the same transaction, so inside the hash chain) listing every such
//! row as `[id, digest]` by table. The rows a transaction wrote are noted by
//! temporary triggers of the program's own connection (`watch`): a row written
//! by any other connection is never noted, hence never sealed. Rows that existed
//! before the seal were sealed once by the upgrade to it (`ledger.sealed`).
//!
//! A digest covers only columns that never change once written and hold no free
//! text: payer names, references, notes and reasons are left out, so erasing a
//! former tenant's personal data does not break the seal.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;

/// A transaction's seal of the ledger rows it wrote.
pub const SEAL: &str = "ledger.seal";
/// The seal of the rows already there when a file was upgraded to the seal.
pub const SEALED_AT_UPGRADE: &str = "ledger.sealed";

/// The most problems `check` describes one by one (all are counted).
const PROBLEMS_LISTED: usize = 100;
/// Rows per `ledger.sealed` entry, so no audit detail grows past a few hundred KB.
const ROWS_PER_UPGRADE_ENTRY: usize = 10_000;

/// A sealed table: its key and the columns that never change after writing.
/// Never change a table's list: digests already sealed were made from it.
struct Table {
    name: &'static str,
    label: &'static str,
    key: &'static str,
    columns: &'static [&'static str],
}

const TABLES: &[Table] = &[
    Table { name: "billing_runs", label: "计费批次", key: "id", columns: &["period_from", "period_to", "operator", "created_at"] },
    Table {
        name: "bills",
        label: "账单",
        key: "id",
        columns: &["unit_id", "kind", "fee_item_id", "period", "period_end", "price", "quantity", "amount", "run_id", "late_of", "created_at"],
    },
    // payer and reference are free text (a name, a phone): left out.
    Table { name: "payments", label: "收款", key: "id", columns: &["unit_id", "amount", "method", "paid_at", "operator"] },
    Table { name: "allocations", label: "收款分配", key: "id", columns: &["payment_id", "bill_id", "amount", "reverses_id", "run_id", "created_at"] },
    Table { name: "waivers", label: "减免", key: "id", columns: &["bill_id", "amount", "operator", "approved_by", "created_at"] },
    Table { name: "receipts", label: "收据", key: "id", columns: &["series", "number", "receipt_no", "payment_id", "issued_at", "operator"] },
    Table { name: "receipt_voids", label: "收据作废", key: "receipt_id", columns: &["operator", "approved_by", "created_at"] },
    // A reprint is its own row (the 补打 count is the number of rows), sealed as it is written.
    Table { name: "receipt_prints", label: "收据打印", key: "id", columns: &["receipt_id", "operator", "created_at"] },
    Table { name: "deposits", label: "押金", key: "id", columns: &["unit_id", "kind", "amount", "method", "received_at", "operator"] },
    Table {
        name: "deposit_refunds",
        label: "押金退还",
        key: "id",
        columns: &["deposit_id", "refunded", "deducted", "refunded_at", "operator", "approved_by"],
    },
    Table {
        name: "day_closes",
        label: "日结",
        key: "id",
        columns: &["clerk", "day", "receipts", "takings", "cash_expected", "cash_counted", "difference", "closed_by", "closed_at"],
    },
    // Deposit receipts (migration 0014) and their prints, as the fee receipts'.
    Table { name: "deposit_receipts", label: "押金收据", key: "id", columns: &["deposit_id", "series", "number", "receipt_no", "issued_at", "operator"] },
    Table { name: "deposit_receipt_prints", label: "押金收据打印", key: "id", columns: &["deposit_receipt_id", "operator", "created_at"] },
];

impl Table {
    fn select(&self) -> String {
        format!("SELECT {}, {} FROM {}", self.key, self.columns.join(", "), self.name)
    }

    /// The digest of a row read by `select`: SHA-256 over the table's name and
    /// every value with its type and length, cut to 128 bits.
    fn digest(&self, row: &Row) -> rusqlite::Result<[u8; 16]> {
        let mut h = Sha256::new();
        h.update((self.name.len() as u64).to_le_bytes());
        h.update(self.name.as_bytes());
        for i in 0..=self.columns.len() {
            match row.get_ref(i)? {
                ValueRef::Null => h.update([0]),
                ValueRef::Integer(n) => {
                    h.update([1]);
                    h.update(n.to_le_bytes());
                }
                ValueRef::Real(x) => {
                    h.update([2]);
                    h.update(x.to_bits().to_le_bytes());
                }
                ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                    h.update([3]);
                    h.update((bytes.len() as u64).to_le_bytes());
                    h.update(bytes);
                }
            }
        }
        let mut digest = [0; 16];
        digest.copy_from_slice(&h.finalize()[..16]);
        Ok(digest)
    }
}

/// Notes every ledger row this connection inserts, for the seal at commit.
/// Temporary objects: they live on this connection only, never in the file.
pub(crate) fn watch(conn: &Connection) -> Result<()> {
    let mut sql = String::from("CREATE TEMP TABLE IF NOT EXISTS ledger_written (tbl INTEGER NOT NULL, row_id INTEGER NOT NULL);");
    for (i, t) in TABLES.iter().enumerate() {
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS seal_{name} AFTER INSERT ON main.{name} BEGIN INSERT INTO ledger_written VALUES ({i}, NEW.{key}); END;",
            name = t.name,
            key = t.key,
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Forgets rows noted outside a write transaction (inserted on the program's
/// connection without `Db::write`), so the next write never seals them.
pub(crate) fn forget_unsealed(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM temp.ledger_written", [])?;
    Ok(())
}

/// Appends the `ledger.seal` entry for the ledger rows this transaction wrote, if any.
pub(crate) fn seal_written(conn: &Connection, at: &str, actor: &str) -> Result<()> {
    // Most writes (sign-ins, settings, the register) touch no ledger table: one query says so.
    let written: Vec<i64> =
        conn.prepare_cached("SELECT DISTINCT tbl FROM temp.ledger_written")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut rows = serde_json::Map::new();
    let mut sealed = 0;
    for (i, t) in TABLES.iter().enumerate().filter(|(i, _)| written.contains(&(*i as i64))) {
        let sql = format!("{} WHERE {} IN (SELECT row_id FROM temp.ledger_written WHERE tbl = ?1) ORDER BY {}", t.select(), t.key, t.key);
        let digests = digests(conn, t, &sql, params![i as i64])?;
        if !digests.is_empty() {
            sealed += digests.len();
            rows.insert(t.name.into(), digests.into());
        }
    }
    if sealed > 0 {
        super::append(conn, at, actor, SEAL, "ledger", sealed as i64, &rows.into())?;
        conn.execute("DELETE FROM temp.ledger_written", [])?;
    }
    Ok(())
}

/// Seals every ledger row already in the file, in entries of at most
/// `ROWS_PER_UPGRADE_ENTRY` rows: run once, by the upgrade that brings the seal
/// (migration 0010, `LEDGER_SEAL` in db/migrate.rs).
pub(crate) fn seal_existing(conn: &Connection, at: &str, actor: &str) -> Result<()> {
    for t in TABLES {
        // A table a later migration makes (deposit receipts, 0014) is not there yet: it has nothing to seal.
        let exists: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)", [t.name], |r| r.get(0))?;
        if !exists {
            continue;
        }
        let all = digests(conn, t, &format!("{} ORDER BY {}", t.select(), t.key), [])?;
        for chunk in all.chunks(ROWS_PER_UPGRADE_ENTRY) {
            let mut detail = serde_json::Map::new();
            detail.insert(t.name.into(), chunk.to_vec().into());
            super::append(conn, at, actor, SEALED_AT_UPGRADE, "ledger", chunk.len() as i64, &detail.into())?;
        }
    }
    Ok(())
}

/// `[id, digest]` of every row `sql` (the table's `select` and a filter) reads.
fn digests(conn: &Connection, t: &Table, sql: &str, args: impl rusqlite::Params) -> Result<Vec<serde_json::Value>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        out.push(serde_json::json!([id, hex::encode(t.digest(r)?)]));
    }
    Ok(out)
}

/// How a ledger row disagrees with its seal.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Tamper {
    /// The row is there but its sealed columns differ from the seal.
    Edited,
    /// A sealed row is gone.
    Deleted,
    /// A row no seal names: written behind the program's back.
    Unsealed,
}

/// One ledger row that does not match the seal.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    pub table: &'static str,
    pub row_id: i64,
    pub kind: Tamper,
    pub message: String,
}

/// The ledger rows checked against their seals.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct LedgerCheck {
    /// Ledger rows read.
    pub rows: i64,
    /// Rows named by a seal entry.
    pub sealed: i64,
    /// How many rows disagree with the seal.
    pub problem_count: usize,
    /// The first of them (at most 100), table by table in id order.
    pub problems: Vec<Problem>,
}

impl LedgerCheck {
    fn report(&mut self, t: &Table, row_id: i64, kind: Tamper) {
        self.problem_count += 1;
        if self.problems.len() < PROBLEMS_LISTED {
            let what = format!("{}（{}）第 {row_id} 条", t.label, t.name);
            let message = match kind {
                Tamper::Edited => format!("{what}在程序之外被改动过：内容与封存时不同。"),
                Tamper::Deleted => format!("{what}被删除了：封存时有这一条，现在没有。"),
                Tamper::Unsealed => format!("{what}没有封存记录：不是本程序写入的，可能是在程序之外插入的。"),
            };
            self.problems.push(Problem { table: t.name, row_id, kind, message });
        }
    }
}

/// Recomputes the digest of every ledger row and compares it with the sealed
/// one: an edited row, a sealed row that is gone and a row no seal names are
/// each reported with its table and id.
pub fn check(conn: &Connection) -> Result<LedgerCheck> {
    let mut sealed = sealed_digests(conn)?;
    let mut check = LedgerCheck::default();
    for (t, sealed) in TABLES.iter().zip(&mut sealed) {
        sealed.sort_by_key(|(id, _)| *id);
        check.sealed += sealed.len() as i64;
        let mut stmt = conn.prepare(&format!("{} ORDER BY {}", t.select(), t.key))?;
        let mut rows = stmt.query([])?;
        let mut next = sealed.iter().peekable();
        while let Some(r) = rows.next()? {
            check.rows += 1;
            let id: i64 = r.get(0)?;
            // Sealed rows before this one are gone.
            while let Some((gone, _)) = next.next_if(|(s, _)| *s < id) {
                check.report(t, *gone, Tamper::Deleted);
            }
            match next.next_if(|(s, _)| *s == id) {
                Some((_, digest)) if *digest == t.digest(r)? => {}
                Some(_) => check.report(t, id, Tamper::Edited),
                None => check.report(t, id, Tamper::Unsealed),
            }
        }
        for (gone, _) in next {
            check.report(t, *gone, Tamper::Deleted);
        }
    }
    Ok(check)
}

/// A row's id and the digest its seal holds.
type Sealed = (i64, [u8; 16]);

/// Every sealed (id, digest), by table in `TABLES` order. An entry whose detail
/// no longer parses was edited: the chain reports it, and its rows show as unsealed.
fn sealed_digests(conn: &Connection) -> Result<Vec<Vec<Sealed>>> {
    let mut by_table = vec![Vec::new(); TABLES.len()];
    let mut stmt = conn.prepare("SELECT detail FROM audit_log WHERE action IN (?1, ?2) ORDER BY id")?;
    let mut rows = stmt.query(params![SEAL, SEALED_AT_UPGRADE])?;
    while let Some(r) = rows.next()? {
        let detail: String = r.get(0)?;
        let Ok(tables) = serde_json::from_str::<std::collections::BTreeMap<&str, Vec<(i64, &str)>>>(&detail) else { continue };
        for (name, rows) in tables {
            let Some(i) = TABLES.iter().position(|t| t.name == name) else { continue };
            for (id, digest) in rows {
                // A digest that is not 32 hex digits matches no row: the row shows as edited.
                let mut bytes = [0; 16];
                if hex::decode_to_slice(digest, &mut bytes).is_err() {
                    bytes = [0; 16];
                }
                by_table[i].push((id, bytes));
            }
        }
    }
    Ok(by_table)
}
