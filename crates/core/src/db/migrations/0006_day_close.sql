-- The daily close (日结): one row per clerk per day, written once. The figures
-- are those of the day's summary at the moment of closing (takings net of
-- voids, cash expected from the ledger, cash counted by the clerk). After it
-- the day is locked: no payment or void lands on a closed (clerk, day).
CREATE TABLE day_closes (
    id            INTEGER PRIMARY KEY,
    clerk         TEXT NOT NULL CHECK (length(trim(clerk)) > 0),   -- payments.operator of the day
    day           TEXT NOT NULL,                                   -- YYYY-MM-DD
    receipts      INTEGER NOT NULL CHECK (receipts >= 0),          -- receipts counted in the takings
    takings       INTEGER NOT NULL,                                -- fen, net of reversals
    cash_expected INTEGER NOT NULL,
    cash_counted  INTEGER NOT NULL CHECK (cash_counted >= 0),
    difference    INTEGER NOT NULL CHECK (difference = cash_counted - cash_expected),
    note          TEXT NOT NULL DEFAULT '' CHECK (difference = 0 OR length(trim(note)) > 0),
    closed_by     TEXT NOT NULL,
    closed_at     TEXT NOT NULL,
    UNIQUE (clerk, day)
);
CREATE INDEX day_closes_by_day ON day_closes(day);
CREATE TRIGGER day_closes_write_once BEFORE UPDATE ON day_closes BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER day_closes_keep BEFORE DELETE ON day_closes BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;

-- A clerk's day is read by who took the money and when, and by the voids made that day.
CREATE INDEX payments_by_operator ON payments(operator, paid_at);
CREATE INDEX receipt_voids_by_time ON receipt_voids(created_at);
