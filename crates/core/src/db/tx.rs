//! The write transaction handed to every change.

use std::ops::Deref;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, Transaction};

use super::DbError;
use crate::error::Result;

/// A write in progress: the transaction, who is making it (and the supervisor
/// who approved it on the spot, for a clerk's supervisor-only action), and when.
pub struct Tx<'c> {
    tx: Transaction<'c>,
    actor: String,
    approver: Option<String>,
    now: DateTime<FixedOffset>,
    audited: bool,
    changes_at_start: u64,
}

impl<'c> Tx<'c> {
    pub(super) fn begin(conn: &'c mut Connection, actor: &str, approver: Option<&str>, now: DateTime<FixedOffset>) -> Result<Tx<'c>> {
        // IMMEDIATE: take the write lock now, so a receipt number read here cannot race another writer.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        crate::audit::seal::forget_unsealed(&tx)?;
        let changes_at_start = tx.total_changes();
        Ok(Tx { tx, actor: actor.to_string(), approver: approver.map(str::to_string), now, audited: false, changes_at_start })
    }

    pub(super) fn commit(self) -> Result<()> {
        // A write that changed rows must say so in the audit log; one that changed nothing need not.
        if !self.audited && self.tx.total_changes() != self.changes_at_start {
            return Err(DbError::Internal("改动没有审计记录，已撤销".into()).into());
        }
        // The ledger rows written here are sealed in the same transaction (audit/seal.rs).
        crate::audit::seal::seal_written(&self.tx, &self.now_text(), &self.actor)?;
        self.tx.commit()?;
        Ok(())
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The supervisor who approved this write on the spot, if it needed one.
    pub fn approver(&self) -> Option<&str> {
        self.approver.as_deref()
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }

    pub fn now_text(&self) -> String {
        self.now.to_rfc3339()
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// Appends a hash-chained audit entry inside this transaction. An approved
    /// write's entries carry `approved_by` in their detail (inside the hash).
    pub fn audit(&mut self, action: &str, entity: &str, entity_id: i64, mut detail: serde_json::Value) -> Result<()> {
        if let (Some(approver), Some(fields)) = (&self.approver, detail.as_object_mut()) {
            fields.insert("approved_by".into(), approver.clone().into());
        }
        crate::audit::append(&self.tx, &self.now_text(), &self.actor, action, entity, entity_id, &detail)?;
        self.audited = true;
        Ok(())
    }
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}
