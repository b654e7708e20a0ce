-- EstateDesk schema, version 1. Shipped migrations are never edited.
-- Money columns are INTEGER fen. Prices are exact decimal TEXT (元 per basis unit).
-- Times are ISO-8601 text with offset; dates are YYYY-MM-DD; periods are YYYY-MM.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Register -------------------------------------------------------------------

CREATE TABLE buildings (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE
);

CREATE TABLE units (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,            -- 楼栋-单元-房号, e.g. 3-2-1502
    building_id   INTEGER NOT NULL REFERENCES buildings(id),
    entrance      TEXT NOT NULL,                   -- 单元; '' where the building has none
    room          TEXT NOT NULL,
    unit_type     TEXT NOT NULL CHECK (unit_type IN ('住宅', '商铺', '车位', '储藏室', '办公')),
    area_centi    INTEGER CHECK (area_centi IS NULL OR area_centi > 0),  -- m² × 100
    handover_date TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phones     TEXT NOT NULL DEFAULT '',           -- normalised, comma separated
    id_number  TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX people_by_name ON people(name);
CREATE UNIQUE INDEX people_by_id_number ON people(id_number) WHERE id_number IS NOT NULL;

CREATE TABLE occupancies (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    role       TEXT NOT NULL CHECK (role IN ('owner', 'co_owner', 'tenant', 'family', 'authorised')),
    from_date  TEXT NOT NULL,
    to_date    TEXT,                               -- NULL while current
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX occupancies_by_unit ON occupancies(unit_id);
CREATE INDEX occupancies_by_person ON occupancies(person_id);

CREATE TABLE transfers (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    date        TEXT NOT NULL,
    from_people TEXT NOT NULL,                     -- names of the owners whose occupancy ended
    to_person_id INTEGER NOT NULL REFERENCES people(id),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE vehicles (
    id         INTEGER PRIMARY KEY,
    plate      TEXT NOT NULL UNIQUE,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    person_id  INTEGER REFERENCES people(id),
    created_at TEXT NOT NULL
);

-- Fees -----------------------------------------------------------------------

CREATE TABLE fee_items (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    basis        TEXT NOT NULL CHECK (basis IN ('area', 'unit', 'quantity', 'once')),
    cycle_months INTEGER NOT NULL DEFAULT 1 CHECK (cycle_months IN (1, 2, 3, 6, 12)),
    created_at   TEXT NOT NULL
);

-- A price for every unit type (unit_type '' = all types without their own price).
CREATE TABLE fee_prices (
    fee_item_id INTEGER NOT NULL REFERENCES fee_items(id),
    unit_type   TEXT NOT NULL,
    price       TEXT NOT NULL,
    PRIMARY KEY (fee_item_id, unit_type)
);

CREATE TABLE unit_fee_overrides (
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    fee_item_id INTEGER NOT NULL REFERENCES fee_items(id),
    price       TEXT NOT NULL,
    PRIMARY KEY (unit_id, fee_item_id)
);

-- Quantities for quantity-based items (e.g. water tonnes), per unit and period.
CREATE TABLE fee_quantities (
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    fee_item_id INTEGER NOT NULL REFERENCES fee_items(id),
    period      TEXT NOT NULL,
    quantity    TEXT NOT NULL,
    PRIMARY KEY (unit_id, fee_item_id, period)
);

-- Ledger: rows are written once; corrections are new rows. ---------------------

CREATE TABLE billing_runs (
    id          INTEGER PRIMARY KEY,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    operator    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE bills (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    kind        TEXT NOT NULL CHECK (kind IN ('opening', 'charge')),
    fee_item_id INTEGER REFERENCES fee_items(id),  -- NULL for an opening balance
    period      TEXT NOT NULL,                     -- first month billed
    period_end  TEXT NOT NULL,                     -- last month billed
    price       TEXT NOT NULL DEFAULT '',
    quantity    TEXT NOT NULL DEFAULT '',
    amount      INTEGER NOT NULL CHECK (amount > 0),
    run_id      INTEGER REFERENCES billing_runs(id),
    created_at  TEXT NOT NULL,
    CHECK ((kind = 'opening') = (fee_item_id IS NULL))
);
CREATE UNIQUE INDEX bills_once_per_period ON bills(unit_id, fee_item_id, period) WHERE fee_item_id IS NOT NULL;
CREATE UNIQUE INDEX bills_one_opening ON bills(unit_id) WHERE kind = 'opening';

CREATE TABLE payments (
    id        INTEGER PRIMARY KEY,
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    amount    INTEGER NOT NULL CHECK (amount > 0),
    method    TEXT NOT NULL CHECK (method IN ('cash', 'card', 'wechat', 'alipay', 'transfer')),
    payer     TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    paid_at   TEXT NOT NULL,
    operator  TEXT NOT NULL
);
CREATE INDEX payments_by_unit ON payments(unit_id);

-- Money of a payment applied to a bill. A reversal is a negative row naming what it reverses.
CREATE TABLE allocations (
    id          INTEGER PRIMARY KEY,
    payment_id  INTEGER NOT NULL REFERENCES payments(id),
    bill_id     INTEGER NOT NULL REFERENCES bills(id),
    amount      INTEGER NOT NULL CHECK (amount <> 0),
    reverses_id INTEGER UNIQUE REFERENCES allocations(id),
    run_id      INTEGER REFERENCES billing_runs(id),  -- set when prepayment was applied by a billing run
    created_at  TEXT NOT NULL
);
CREATE INDEX allocations_by_bill ON allocations(bill_id);
CREATE INDEX allocations_by_payment ON allocations(payment_id);

CREATE TABLE waivers (
    id         INTEGER PRIMARY KEY,
    bill_id    INTEGER NOT NULL REFERENCES bills(id),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    operator   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX waivers_by_bill ON waivers(bill_id);

CREATE TABLE receipt_series (
    series      TEXT PRIMARY KEY,
    last_number INTEGER NOT NULL
);

CREATE TABLE receipts (
    id         INTEGER PRIMARY KEY,
    series     TEXT NOT NULL REFERENCES receipt_series(series),
    number     INTEGER NOT NULL,
    receipt_no TEXT NOT NULL UNIQUE,
    payment_id INTEGER NOT NULL UNIQUE REFERENCES payments(id),
    issued_at  TEXT NOT NULL,
    operator   TEXT NOT NULL,
    UNIQUE (series, number)
);

CREATE TABLE receipt_voids (
    receipt_id INTEGER PRIMARY KEY REFERENCES receipts(id),  -- a receipt is voided once
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    operator   TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE receipt_prints (
    id         INTEGER PRIMARY KEY,
    receipt_id INTEGER NOT NULL REFERENCES receipts(id),
    operator   TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Audit: append-only, each entry's hash covers the one before it. --------------

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- The write-once rule, enforced by the database itself.
CREATE TRIGGER bills_write_once BEFORE UPDATE ON bills BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER bills_keep BEFORE DELETE ON bills BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
CREATE TRIGGER payments_write_once BEFORE UPDATE ON payments BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER payments_keep BEFORE DELETE ON payments BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
CREATE TRIGGER allocations_write_once BEFORE UPDATE ON allocations BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER allocations_keep BEFORE DELETE ON allocations BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
CREATE TRIGGER waivers_write_once BEFORE UPDATE ON waivers BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER waivers_keep BEFORE DELETE ON waivers BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
CREATE TRIGGER receipts_write_once BEFORE UPDATE ON receipts BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER receipts_keep BEFORE DELETE ON receipts BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
CREATE TRIGGER receipt_voids_write_once BEFORE UPDATE ON receipt_voids BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER receipt_voids_keep BEFORE DELETE ON receipt_voids BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
CREATE TRIGGER audit_write_once BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit entries are written once'); END;
CREATE TRIGGER audit_keep BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit entries are never deleted'); END;
