-- Erasing a former tenant's personal data (issue 5). The ledger stays whole:
-- amounts, dates, units and who took the money never change; only the payer's
-- name on the ledger rows that carry one may be replaced, and only by the
-- erasure's placeholder (已删除住户#<id>). The audit chain stays verifiable:
-- an entry's detail may be replaced only by the text recorded for it here, and
-- the erasure's own audit entry seals each redacted entry (audit/redact.rs).

CREATE TABLE audit_redactions (
    entry_id     INTEGER NOT NULL REFERENCES audit_log(id),  -- the entry whose detail was replaced
    redaction_id INTEGER NOT NULL REFERENCES audit_log(id),  -- the erasure's entry that seals it
    detail       TEXT NOT NULL,                               -- the detail as it reads since
    PRIMARY KEY (entry_id, redaction_id)
);
CREATE TRIGGER audit_redactions_write_once BEFORE UPDATE ON audit_redactions BEGIN SELECT RAISE(ABORT, 'audit entries are written once'); END;
CREATE TRIGGER audit_redactions_keep BEFORE DELETE ON audit_redactions BEGIN SELECT RAISE(ABORT, 'audit entries are never deleted'); END;

DROP TRIGGER audit_write_once;
CREATE TRIGGER audit_write_once BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor OR NEW.action IS NOT OLD.action
  OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
  OR NOT EXISTS (SELECT 1 FROM audit_redactions r WHERE r.entry_id = OLD.id AND r.detail = NEW.detail)
BEGIN SELECT RAISE(ABORT, 'audit entries are written once'); END;

DROP TRIGGER payments_write_once;
CREATE TRIGGER payments_write_once BEFORE UPDATE ON payments
WHEN NEW.id IS NOT OLD.id OR NEW.unit_id IS NOT OLD.unit_id OR NEW.amount IS NOT OLD.amount OR NEW.method IS NOT OLD.method
  OR NEW.reference IS NOT OLD.reference OR NEW.paid_at IS NOT OLD.paid_at OR NEW.operator IS NOT OLD.operator
  OR NEW.payer NOT GLOB '*已删除住户#*'
BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;

DROP TRIGGER deposits_write_once;
CREATE TRIGGER deposits_write_once BEFORE UPDATE ON deposits
WHEN NEW.id IS NOT OLD.id OR NEW.unit_id IS NOT OLD.unit_id OR NEW.kind IS NOT OLD.kind OR NEW.amount IS NOT OLD.amount
  OR NEW.method IS NOT OLD.method OR NEW.note IS NOT OLD.note OR NEW.received_at IS NOT OLD.received_at OR NEW.operator IS NOT OLD.operator
  OR NEW.payer NOT GLOB '*已删除住户#*'
BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;

DROP TRIGGER dunning_letters_write_once;
CREATE TRIGGER dunning_letters_write_once BEFORE UPDATE ON dunning_letters
WHEN NEW.id IS NOT OLD.id OR NEW.number IS NOT OLD.number OR NEW.letter_no IS NOT OLD.letter_no OR NEW.batch_id IS NOT OLD.batch_id
  OR NEW.unit_id IS NOT OLD.unit_id OR NEW.owed IS NOT OLD.owed OR NEW.late_fee IS NOT OLD.late_fee OR NEW.deadline IS NOT OLD.deadline
  OR NEW.issued_on IS NOT OLD.issued_on OR NEW.created_at IS NOT OLD.created_at
  OR NEW.addressee NOT GLOB '*已删除住户#*'
BEGIN SELECT RAISE(ABORT, 'dunning records are written once'); END;
