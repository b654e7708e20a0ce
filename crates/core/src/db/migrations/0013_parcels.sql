-- Parcels and letters (快递/信件) held at the desk. Each event is its own row,
-- written once: the intake, every notification or reminder sent, the pickup,
-- the return to the courier. Whether a parcel is waiting is derived from
-- those rows; `parcel_waiting` keeps the parcels still on the shelf (kept by
-- triggers in the same transaction, like bill_outstanding), so the pickup
-- code and the tracking number are unique among them by the database itself.
CREATE TABLE parcels (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('parcel', 'letter')),
    carrier     TEXT NOT NULL DEFAULT '',                 -- 顺丰速运, 中通快递, … ('' for a letter brought by hand)
    tracking_no TEXT NOT NULL DEFAULT '',                 -- as scanned, upper case; a letter may have none
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    recipient   TEXT NOT NULL DEFAULT '',                 -- the name on the label
    person_id   INTEGER REFERENCES people(id),            -- the occupant of that name, when there is one
    size        TEXT NOT NULL DEFAULT '' CHECK (size IN ('', 'small', 'medium', 'large')),
    shelf       TEXT NOT NULL DEFAULT '',
    pickup_code TEXT NOT NULL CHECK (length(pickup_code) > 0),  -- A3-1024: the shelf, then four digits
    received_at TEXT NOT NULL,
    operator    TEXT NOT NULL,
    CHECK (kind = 'letter' OR length(tracking_no) > 0)
);
CREATE INDEX parcels_by_time ON parcels(received_at);
CREATE INDEX parcels_by_unit ON parcels(unit_id);

-- A message sent about a parcel: the first notification, or a reminder.
CREATE TABLE parcel_notices (
    id        INTEGER PRIMARY KEY,
    parcel_id INTEGER NOT NULL REFERENCES parcels(id),
    kind      TEXT NOT NULL CHECK (kind IN ('notify', 'remind')),
    sent_at   TEXT NOT NULL,
    operator  TEXT NOT NULL
);
CREATE INDEX parcel_notices_by_parcel ON parcel_notices(parcel_id);

CREATE TABLE parcel_pickups (
    id             INTEGER PRIMARY KEY,
    parcel_id      INTEGER NOT NULL UNIQUE REFERENCES parcels(id),
    collector      TEXT NOT NULL CHECK (collector IN ('recipient', 'family', 'proxy', 'mailbox')),
    collector_name TEXT NOT NULL DEFAULT '',
    with_code      INTEGER NOT NULL CHECK (with_code IN (0, 1)),
    note           TEXT NOT NULL DEFAULT '',
    picked_at      TEXT NOT NULL,
    operator       TEXT NOT NULL,
    -- Someone else's parcel without its code: the clerk says why it was handed over.
    CHECK (with_code = 1 OR collector IN ('recipient', 'mailbox') OR length(trim(note)) > 0)
);

CREATE TABLE parcel_returns (
    id          INTEGER PRIMARY KEY,
    parcel_id   INTEGER NOT NULL UNIQUE REFERENCES parcels(id),
    taken_by    TEXT NOT NULL CHECK (length(trim(taken_by)) > 0),  -- the courier who took it back
    reason      TEXT NOT NULL DEFAULT '',
    returned_at TEXT NOT NULL,
    operator    TEXT NOT NULL
);

-- Derived: the parcels on the shelf now. pickup_key is the code without its dash.
CREATE TABLE parcel_waiting (
    parcel_id   INTEGER PRIMARY KEY REFERENCES parcels(id),
    pickup_key  TEXT NOT NULL UNIQUE,
    tracking_no TEXT NOT NULL
);
CREATE UNIQUE INDEX parcel_waiting_tracking ON parcel_waiting(tracking_no) WHERE tracking_no <> '';

CREATE TRIGGER parcels_wait AFTER INSERT ON parcels BEGIN
    INSERT INTO parcel_waiting (parcel_id, pickup_key, tracking_no) VALUES (NEW.id, replace(NEW.pickup_code, '-', ''), NEW.tracking_no);
END;
-- Only a waiting parcel is picked up or returned, whatever writes the row.
CREATE TRIGGER parcel_pickups_waiting BEFORE INSERT ON parcel_pickups
WHEN NOT EXISTS (SELECT 1 FROM parcel_waiting WHERE parcel_id = NEW.parcel_id)
BEGIN SELECT RAISE(ABORT, 'the parcel is no longer waiting'); END;
CREATE TRIGGER parcel_returns_waiting BEFORE INSERT ON parcel_returns
WHEN NOT EXISTS (SELECT 1 FROM parcel_waiting WHERE parcel_id = NEW.parcel_id)
BEGIN SELECT RAISE(ABORT, 'the parcel is no longer waiting'); END;
CREATE TRIGGER parcel_pickups_leave AFTER INSERT ON parcel_pickups BEGIN
    DELETE FROM parcel_waiting WHERE parcel_id = NEW.parcel_id;
END;
CREATE TRIGGER parcel_returns_leave AFTER INSERT ON parcel_returns BEGIN
    DELETE FROM parcel_waiting WHERE parcel_id = NEW.parcel_id;
END;

-- Written once; only an erasure of a former tenant's data (privacy/) may replace the name on the label.
CREATE TRIGGER parcels_write_once BEFORE UPDATE ON parcels
WHEN NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.carrier IS NOT OLD.carrier OR NEW.tracking_no IS NOT OLD.tracking_no
  OR NEW.unit_id IS NOT OLD.unit_id OR NEW.size IS NOT OLD.size OR NEW.shelf IS NOT OLD.shelf OR NEW.pickup_code IS NOT OLD.pickup_code
  OR NEW.received_at IS NOT OLD.received_at OR NEW.operator IS NOT OLD.operator
  OR NEW.recipient NOT GLOB '*已删除住户#*'
BEGIN SELECT RAISE(ABORT, 'parcel rows are written once'); END;
CREATE TRIGGER parcels_keep BEFORE DELETE ON parcels BEGIN SELECT RAISE(ABORT, 'parcel rows are never deleted'); END;
CREATE TRIGGER parcel_notices_write_once BEFORE UPDATE ON parcel_notices BEGIN SELECT RAISE(ABORT, 'parcel rows are written once'); END;
CREATE TRIGGER parcel_notices_keep BEFORE DELETE ON parcel_notices BEGIN SELECT RAISE(ABORT, 'parcel rows are never deleted'); END;
CREATE TRIGGER parcel_pickups_write_once BEFORE UPDATE ON parcel_pickups BEGIN SELECT RAISE(ABORT, 'parcel rows are written once'); END;
CREATE TRIGGER parcel_pickups_keep BEFORE DELETE ON parcel_pickups BEGIN SELECT RAISE(ABORT, 'parcel rows are never deleted'); END;
CREATE TRIGGER parcel_returns_write_once BEFORE UPDATE ON parcel_returns BEGIN SELECT RAISE(ABORT, 'parcel rows are written once'); END;
CREATE TRIGGER parcel_returns_keep BEFORE DELETE ON parcel_returns BEGIN SELECT RAISE(ABORT, 'parcel rows are never deleted'); END;
