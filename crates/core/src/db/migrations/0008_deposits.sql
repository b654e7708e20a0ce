-- The deposit ledger (押金): money held for someone — a renovation deposit, a
-- key or access-card deposit — owed back to them, so a liability and never
-- income. A deposit is written once when taken; each refund is a new row
-- giving back part or all of what is held, less deductions with their reason.
CREATE TABLE deposits (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    kind        TEXT NOT NULL CHECK (length(trim(kind)) > 0),   -- 装修押金, 钥匙押金, 门禁卡押金, 其他
    amount      INTEGER NOT NULL CHECK (amount > 0),
    payer       TEXT NOT NULL DEFAULT '',
    method      TEXT NOT NULL CHECK (method IN ('cash', 'card', 'wechat', 'alipay', 'transfer')),
    note        TEXT NOT NULL DEFAULT '',
    received_at TEXT NOT NULL,
    operator    TEXT NOT NULL
);
CREATE INDEX deposits_by_unit ON deposits(unit_id);

CREATE TABLE deposit_refunds (
    id          INTEGER PRIMARY KEY,
    deposit_id  INTEGER NOT NULL REFERENCES deposits(id),
    refunded    INTEGER NOT NULL CHECK (refunded >= 0),          -- paid back to the payer
    deducted    INTEGER NOT NULL CHECK (deducted >= 0),          -- kept by the office, with its reason
    reason      TEXT NOT NULL DEFAULT '',
    refunded_at TEXT NOT NULL,
    operator    TEXT NOT NULL,
    CHECK (refunded + deducted > 0),
    CHECK (deducted = 0 OR length(trim(reason)) > 0)
);
CREATE INDEX deposit_refunds_by_deposit ON deposit_refunds(deposit_id);

CREATE TRIGGER deposits_write_once BEFORE UPDATE ON deposits BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER deposits_keep BEFORE DELETE ON deposits BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
CREATE TRIGGER deposit_refunds_write_once BEFORE UPDATE ON deposit_refunds BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER deposit_refunds_keep BEFORE DELETE ON deposit_refunds BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
-- Nothing is given back beyond what was taken, whatever writes the row.
CREATE TRIGGER deposit_refunds_within_held BEFORE INSERT ON deposit_refunds
WHEN NEW.refunded + NEW.deducted > (SELECT d.amount - COALESCE((SELECT SUM(r.refunded + r.deducted) FROM deposit_refunds r WHERE r.deposit_id = d.id), 0)
                                    FROM deposits d WHERE d.id = NEW.deposit_id)
BEGIN SELECT RAISE(ABORT, 'a refund cannot exceed what the deposit still holds'); END;

-- The monthly workbook reads one month of payments and one month's bills:
-- found by time and by period instead of walking years of ledger.
CREATE INDEX payments_by_time ON payments(paid_at);
CREATE INDEX bills_by_period ON bills(period);

-- What each payment has not yet given to bills (its prepayment), kept by
-- triggers in the same transaction as the ledger row (as bill_outstanding is),
-- so the month-end prepayment balances read the few payments holding money,
-- or touched since, instead of summing every payment ever taken. Derived
-- data: the ledger property test compares it with the ledger rows.
CREATE TABLE payment_unapplied (
    payment_id INTEGER PRIMARY KEY REFERENCES payments(id),
    unapplied  INTEGER NOT NULL
);
CREATE INDEX payments_holding ON payment_unapplied(payment_id) WHERE unapplied > 0;
INSERT INTO payment_unapplied (payment_id, unapplied)
SELECT p.id, p.amount - COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.payment_id = p.id), 0) FROM payments p;
CREATE TRIGGER payment_unapplied_paid AFTER INSERT ON payments BEGIN
    INSERT INTO payment_unapplied (payment_id, unapplied) VALUES (NEW.id, NEW.amount);
END;
CREATE TRIGGER payment_unapplied_allocated AFTER INSERT ON allocations BEGIN
    UPDATE payment_unapplied SET unapplied = unapplied - NEW.amount WHERE payment_id = NEW.payment_id;
END;
