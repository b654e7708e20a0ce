-- Controlled items (卡证与设备) and the monthly count (盘点), and receipts for deposits.

-- Deposit receipts (押金收据): every deposit taken gets a number of its own
-- series (setting deposit_receipt_series, default YJ) from the same counter
-- as fee receipts (receipt_series), inside the deposit's transaction. A
-- series holds either fee receipts or deposit receipts, never both, so each
-- series stays contiguous. Deposits taken before this version get their
-- number when their receipt is first printed.
CREATE TABLE deposit_receipts (
    id          INTEGER PRIMARY KEY,
    deposit_id  INTEGER NOT NULL UNIQUE REFERENCES deposits(id),
    series      TEXT NOT NULL REFERENCES receipt_series(series),
    number      INTEGER NOT NULL,
    receipt_no  TEXT NOT NULL UNIQUE,
    issued_at   TEXT NOT NULL,
    operator    TEXT NOT NULL,
    UNIQUE (series, number)
);
CREATE TABLE deposit_receipt_prints (
    id                 INTEGER PRIMARY KEY,
    deposit_receipt_id INTEGER NOT NULL REFERENCES deposit_receipts(id),
    operator           TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX deposit_receipt_prints_by_receipt ON deposit_receipt_prints(deposit_receipt_id);
CREATE TRIGGER deposit_receipts_write_once BEFORE UPDATE ON deposit_receipts BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER deposit_receipts_keep BEFORE DELETE ON deposit_receipts BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
CREATE TRIGGER deposit_receipt_prints_write_once BEFORE UPDATE ON deposit_receipt_prints BEGIN SELECT RAISE(ABORT, 'ledger rows are written once'); END;
CREATE TRIGGER deposit_receipt_prints_keep BEFORE DELETE ON deposit_receipt_prints BEGIN SELECT RAISE(ABORT, 'ledger rows are never deleted'); END;
CREATE TRIGGER deposit_receipts_own_series BEFORE INSERT ON deposit_receipts
WHEN EXISTS (SELECT 1 FROM receipts WHERE series = NEW.series)
BEGIN SELECT RAISE(ABORT, 'a receipt series is either for fees or for deposits'); END;
CREATE TRIGGER receipts_own_series BEFORE INSERT ON receipts
WHEN EXISTS (SELECT 1 FROM deposit_receipts WHERE series = NEW.series)
BEGIN SELECT RAISE(ABORT, 'a receipt series is either for fees or for deposits'); END;

-- The office's controlled items: resident cards, car cards, intercom handsets
-- and others, each with its serial number (unique within its kind).
CREATE TABLE inventory_items (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('resident_card', 'car_card', 'handset', 'other')),
    serial    TEXT NOT NULL CHECK (length(trim(serial)) > 0),
    name      TEXT NOT NULL DEFAULT '',          -- what an 'other' item is (遥控器, 车位锁钥匙)
    added_at  TEXT NOT NULL,
    added_by  TEXT NOT NULL,
    UNIQUE (kind, serial)
);
CREATE TRIGGER inventory_items_write_once BEFORE UPDATE ON inventory_items BEGIN SELECT RAISE(ABORT, 'inventory rows are written once'); END;
CREATE TRIGGER inventory_items_keep BEFORE DELETE ON inventory_items BEGIN SELECT RAISE(ABORT, 'inventory rows are never deleted'); END;

-- An item handed to a person of a unit, with the deposit taken for it (if any).
CREATE TABLE inventory_issues (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES inventory_items(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    deposit_id  INTEGER UNIQUE REFERENCES deposits(id),
    note        TEXT NOT NULL DEFAULT '',
    issued_at   TEXT NOT NULL,
    operator    TEXT NOT NULL
);
CREATE INDEX inventory_issues_by_item ON inventory_issues(item_id);
CREATE INDEX inventory_issues_by_unit ON inventory_issues(unit_id);

-- Its return: who brought it back, the condition, the deposit refund.
CREATE TABLE inventory_returns (
    issue_id     INTEGER PRIMARY KEY REFERENCES inventory_issues(id),   -- returned once
    returned_by  TEXT NOT NULL CHECK (length(trim(returned_by)) > 0),
    note         TEXT NOT NULL DEFAULT '',
    refund_id    INTEGER UNIQUE REFERENCES deposit_refunds(id),
    returned_at  TEXT NOT NULL,
    operator     TEXT NOT NULL
);
CREATE TRIGGER inventory_issues_write_once BEFORE UPDATE ON inventory_issues BEGIN SELECT RAISE(ABORT, 'inventory rows are written once'); END;
CREATE TRIGGER inventory_issues_keep BEFORE DELETE ON inventory_issues BEGIN SELECT RAISE(ABORT, 'inventory rows are never deleted'); END;
CREATE TRIGGER inventory_returns_write_once BEFORE UPDATE ON inventory_returns BEGIN SELECT RAISE(ABORT, 'inventory rows are written once'); END;
CREATE TRIGGER inventory_returns_keep BEFORE DELETE ON inventory_returns BEGIN SELECT RAISE(ABORT, 'inventory rows are never deleted'); END;
-- An item out cannot be handed out again, whatever writes the row.
CREATE TRIGGER inventory_issues_one_out BEFORE INSERT ON inventory_issues
WHEN EXISTS (SELECT 1 FROM inventory_issues i WHERE i.item_id = NEW.item_id
             AND NOT EXISTS (SELECT 1 FROM inventory_returns r WHERE r.issue_id = i.id))
BEGIN SELECT RAISE(ABORT, 'the item is out'); END;

-- The monthly count (盘点): the expected list made from the register when it
-- starts, what was found on each line (a later record of a line replaces an
-- earlier one; nothing is edited), and its close, signed off by a supervisor.
CREATE TABLE inventory_counts (
    id          INTEGER PRIMARY KEY,
    period      TEXT NOT NULL UNIQUE,            -- the month counted, 2026-11
    started_at  TEXT NOT NULL,
    started_by  TEXT NOT NULL
);
CREATE TABLE inventory_count_lines (
    id          INTEGER PRIMARY KEY,
    count_id    INTEGER NOT NULL REFERENCES inventory_counts(id),
    line_no     INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('resident_card', 'car_card', 'handset', 'other', 'key')),
    item_id     INTEGER REFERENCES inventory_items(id),
    key_id      INTEGER,                           -- custody_keys(id) of the keys part
    label       TEXT NOT NULL CHECK (length(trim(label)) > 0),   -- serial, or key tag and unit
    expected    TEXT NOT NULL CHECK (expected IN ('in_office', 'out', 'extra')),
    place       TEXT NOT NULL DEFAULT '',          -- 库存 / 挂钩 H-12 / 3-2-1502 张三 / 借出 李师傅
    UNIQUE (count_id, line_no)
);
CREATE TABLE inventory_count_records (
    id          INTEGER PRIMARY KEY,
    line_id     INTEGER NOT NULL REFERENCES inventory_count_lines(id),
    found       INTEGER NOT NULL CHECK (found IN (0, 1)),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX inventory_count_records_by_line ON inventory_count_records(line_id);
CREATE TABLE inventory_count_closes (
    count_id       INTEGER PRIMARY KEY REFERENCES inventory_counts(id),   -- closed once
    closed_at      TEXT NOT NULL,
    closed_by      TEXT NOT NULL,
    signed_off_by  TEXT NOT NULL,                  -- the supervisor: the closer, or who approved a clerk's close
    differences    INTEGER NOT NULL
);
CREATE TRIGGER inventory_counts_write_once BEFORE UPDATE ON inventory_counts BEGIN SELECT RAISE(ABORT, 'inventory rows are written once'); END;
CREATE TRIGGER inventory_counts_keep BEFORE DELETE ON inventory_counts BEGIN SELECT RAISE(ABORT, 'inventory rows are never deleted'); END;
CREATE TRIGGER inventory_count_lines_write_once BEFORE UPDATE ON inventory_count_lines BEGIN SELECT RAISE(ABORT, 'inventory rows are written once'); END;
CREATE TRIGGER inventory_count_lines_keep BEFORE DELETE ON inventory_count_lines BEGIN SELECT RAISE(ABORT, 'inventory rows are never deleted'); END;
CREATE TRIGGER inventory_count_records_write_once BEFORE UPDATE ON inventory_count_records BEGIN SELECT RAISE(ABORT, 'inventory rows are written once'); END;
CREATE TRIGGER inventory_count_records_keep BEFORE DELETE ON inventory_count_records BEGIN SELECT RAISE(ABORT, 'inventory rows are never deleted'); END;
CREATE TRIGGER inventory_count_closes_write_once BEFORE UPDATE ON inventory_count_closes BEGIN SELECT RAISE(ABORT, 'inventory rows are written once'); END;
CREATE TRIGGER inventory_count_closes_keep BEFORE DELETE ON inventory_count_closes BEGIN SELECT RAISE(ABORT, 'inventory rows are never deleted'); END;
-- A closed count cannot change, whatever writes the row.
CREATE TRIGGER inventory_count_lines_open BEFORE INSERT ON inventory_count_lines
WHEN EXISTS (SELECT 1 FROM inventory_count_closes WHERE count_id = NEW.count_id)
BEGIN SELECT RAISE(ABORT, 'the count is closed'); END;
CREATE TRIGGER inventory_count_records_open BEFORE INSERT ON inventory_count_records
WHEN EXISTS (SELECT 1 FROM inventory_count_closes c JOIN inventory_count_lines l ON l.count_id = c.count_id WHERE l.id = NEW.line_id)
BEGIN SELECT RAISE(ABORT, 'the count is closed'); END;
