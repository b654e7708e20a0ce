-- Late fees (违约金). A rule per fee item says how a bill of that item accrues
-- a late fee once past its due date and the grace days; a late fee collected
-- or waived is itself a bill naming the bill it is for (`late_of`).
CREATE TABLE late_fee_rules (
    fee_item_id INTEGER PRIMARY KEY REFERENCES fee_items(id),
    daily_rate  TEXT NOT NULL,                     -- exact decimal, e.g. '0.0003' = 万分之三 a day
    grace_days  INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 365),
    cap_percent INTEGER CHECK (cap_percent IS NULL OR cap_percent BETWEEN 1 AND 100),  -- of the bill's amount
    from_date   TEXT NOT NULL,                     -- no day before this one is charged
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL
);

-- A late-fee bill: kind 'charge', the principal's fee item, period = the month it was assessed.
ALTER TABLE bills ADD COLUMN late_of INTEGER REFERENCES bills(id);
CREATE INDEX bills_late_of ON bills(late_of) WHERE late_of IS NOT NULL;

-- One bill per unit, item and period still holds for the bills a run makes;
-- a bill's late fees are billed in whatever month they are assessed.
DROP INDEX bills_once_per_period;
CREATE UNIQUE INDEX bills_once_per_period ON bills(unit_id, fee_item_id, period) WHERE fee_item_id IS NOT NULL AND late_of IS NULL;
