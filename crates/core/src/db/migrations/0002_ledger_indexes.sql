-- A unit's bills and what was paid on them are read on every payment, balance
-- and statement. The partial unique index on bills cannot serve
-- "WHERE unit_id = ?" alone, and sums over allocations read only the index
-- when it carries the amount.
CREATE INDEX bills_by_unit ON bills(unit_id, period);
DROP INDEX allocations_by_bill;
CREATE INDEX allocations_by_bill ON allocations(bill_id, amount);
DROP INDEX allocations_by_payment;
CREATE INDEX allocations_by_payment ON allocations(payment_id, amount);
