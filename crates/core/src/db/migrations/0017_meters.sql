-- Water, electricity and gas meters: each unit's own and the shared ones
-- (a building's or the estate's common lighting, lifts, pumps), their monthly
-- readings, replacements, the clerk's confirmations of anomalies, tiered
-- prices of metered fee items, and the 公摊 allocations of shared meters.
--
-- Readings are in hundredths of a unit (0.01 m³ / kWh). Money is never held
-- here except the allocation shares, which the billing run turns into bills of
-- the fee ledger (one per unit, item and month: the ledger's unique index
-- keeps a second run from billing them again).

CREATE TABLE meters (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('water', 'electricity', 'gas')),
    unit_id       INTEGER REFERENCES units(id),      -- NULL for a shared meter
    name          TEXT NOT NULL DEFAULT '',          -- a shared meter's name; '' for a unit's
    building      TEXT,                              -- a shared meter's building; NULL = the estate
    parent_id     INTEGER REFERENCES meters(id),     -- the shared meter a unit's meter sits under
    digits        INTEGER NOT NULL CHECK (digits BETWEEN 3 AND 9),
    start_value   INTEGER NOT NULL CHECK (start_value >= 0),
    start_period  TEXT NOT NULL,
    fee_item_id   INTEGER NOT NULL REFERENCES fee_items(id),
    serial        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    operator      TEXT NOT NULL,
    CHECK ((unit_id IS NULL) = (length(name) > 0)),
    CHECK (unit_id IS NULL OR building IS NULL),
    CHECK (parent_id IS NULL OR unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX meters_one_per_unit_kind ON meters(unit_id, kind) WHERE unit_id IS NOT NULL;
CREATE UNIQUE INDEX meters_shared_name ON meters(name) WHERE unit_id IS NULL;
CREATE INDEX meters_by_parent ON meters(parent_id);

-- A replacement: the old register's final value and the new one's start, in one row.
CREATE TABLE meter_swaps (
    id          INTEGER PRIMARY KEY,
    meter_id    INTEGER NOT NULL REFERENCES meters(id),
    period      TEXT NOT NULL,
    old_final   INTEGER NOT NULL CHECK (old_final >= 0),
    new_start   INTEGER NOT NULL CHECK (new_start >= 0),
    digits      INTEGER NOT NULL CHECK (digits BETWEEN 3 AND 9),
    old_serial  TEXT NOT NULL DEFAULT '',
    new_serial  TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    operator    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (meter_id, period)
);

-- One reading per meter and month; a correction changes it (the audit log keeps before and after).
CREATE TABLE meter_readings (
    meter_id    INTEGER NOT NULL REFERENCES meters(id),
    period      TEXT NOT NULL,
    value       INTEGER NOT NULL CHECK (value >= 0),
    source      TEXT NOT NULL CHECK (source IN ('desk', 'import')),
    operator    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    corrected   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (meter_id, period)
) WITHOUT ROWID;
CREATE INDEX meter_readings_by_period ON meter_readings(period);

-- A clerk's confirmation of an anomaly, for the reading value it saw
-- (NULL for a missing reading): a corrected value needs confirming again.
CREATE TABLE meter_confirmations (
    meter_id    INTEGER NOT NULL REFERENCES meters(id),
    period      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('lower', 'missing', 'spike', 'zero_occupied')),
    value       INTEGER,
    usage       INTEGER,
    note        TEXT NOT NULL CHECK (length(trim(note)) > 0),
    operator    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (meter_id, period, kind)
);

-- Tiered prices of a metered fee item (its own single price applies without them).
CREATE TABLE meter_tiers (
    fee_item_id INTEGER NOT NULL REFERENCES fee_items(id),
    seq         INTEGER NOT NULL,
    upto        TEXT,                                 -- NULL for the last band
    price       TEXT NOT NULL,
    PRIMARY KEY (fee_item_id, seq)
);

-- A shared meter's month split over units; a new allocation of the same meter
-- and month replaces the old one (refused once any of it is billed).
CREATE TABLE meter_allocations (
    id           INTEGER PRIMARY KEY,
    meter_id     INTEGER NOT NULL REFERENCES meters(id),
    period       TEXT NOT NULL,
    basis        TEXT NOT NULL CHECK (basis IN ('area', 'household')),
    meter_usage  INTEGER NOT NULL,
    units_usage  INTEGER NOT NULL,
    price        TEXT NOT NULL,
    total        INTEGER NOT NULL CHECK (total >= 0),
    fee_item_id  INTEGER NOT NULL REFERENCES fee_items(id),
    operator     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (meter_id, period)
);

CREATE TABLE meter_shares (
    allocation_id INTEGER NOT NULL REFERENCES meter_allocations(id) ON DELETE CASCADE,
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    seq           INTEGER NOT NULL,
    weight        TEXT NOT NULL,
    amount        INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (allocation_id, unit_id)
);
