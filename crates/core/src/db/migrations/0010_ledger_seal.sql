-- The ledger's seal (audit/seal.rs). Every write that inserts ledger rows ends
-- with a `ledger.seal` audit entry holding a digest of each row, so `estate
-- audit verify` finds a row edited, inserted or deleted outside the program.
-- The upgrade to this version seals the rows already in the file once
-- (`ledger.sealed` entries, written by the program right after this SQL).
-- `verify` reads the seal entries by action instead of walking every entry twice.
CREATE INDEX audit_by_action ON audit_log(action);
