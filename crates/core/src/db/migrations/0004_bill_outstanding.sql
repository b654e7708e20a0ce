-- What each bill still owes, kept by triggers in the same transaction as the
-- ledger row that changes it (a new bill, an allocation or its reversal, a
-- waiver), so arrears and dunning read the few open bills instead of summing
-- the whole ledger. Derived data: it can always be rebuilt from the ledger,
-- and a test compares it with the ledger after random sequences of work.
CREATE TABLE bill_outstanding (
    bill_id     INTEGER PRIMARY KEY REFERENCES bills(id),
    outstanding INTEGER NOT NULL
);
CREATE INDEX bills_open ON bill_outstanding(bill_id) WHERE outstanding > 0;

INSERT INTO bill_outstanding (bill_id, outstanding)
SELECT b.id, b.amount
    - COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.bill_id = b.id), 0)
    - COALESCE((SELECT SUM(w.amount) FROM waivers w WHERE w.bill_id = b.id), 0)
FROM bills b;

CREATE TRIGGER bill_outstanding_billed AFTER INSERT ON bills BEGIN
    INSERT INTO bill_outstanding (bill_id, outstanding) VALUES (NEW.id, NEW.amount);
END;
CREATE TRIGGER bill_outstanding_allocated AFTER INSERT ON allocations BEGIN
    UPDATE bill_outstanding SET outstanding = outstanding - NEW.amount WHERE bill_id = NEW.bill_id;
END;
CREATE TRIGGER bill_outstanding_waived AFTER INSERT ON waivers BEGIN
    UPDATE bill_outstanding SET outstanding = outstanding - NEW.amount WHERE bill_id = NEW.bill_id;
END;

-- A report as of an earlier day looks at what was paid or waived since.
CREATE INDEX allocations_by_time ON allocations(created_at);
CREATE INDEX waivers_by_time ON waivers(created_at);
