-- Inspections (巡检, issue 9): the estate's checklists and the rounds walked
-- with them. Two checklists: 'public' (每周公共区域巡检, weekly, the public
-- areas) and 'vacant' (每月空置房巡检, monthly, one round per vacant unit).
--
-- Items are the office's to edit (a supervisor): added, renamed, moved,
-- retired — never deleted, as past rounds name them. A round copies the
-- active items when it is started (their name and place then), so a later
-- rename or retirement never changes what a past round says, and a retired
-- item is on no new round. Each answer (正常 / 异常 with a note) is written
-- once; a round is finished once every item is answered, and then nothing of
-- it changes. A finding (an 异常 answer) may open one work order: source
-- 'inspection' (already allowed by 0018), source_ref = 'XJ20261123-001/3'
-- (the round's number / the item's place on it).

CREATE TABLE inspection_items (
    id          INTEGER PRIMARY KEY,
    checklist   TEXT NOT NULL CHECK (checklist IN ('public', 'vacant')),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position    INTEGER NOT NULL CHECK (position > 0),   -- order on the sheet
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);
-- Two active items of one checklist never share a name (a retired one may come back as a new item).
CREATE UNIQUE INDEX inspection_items_active_name ON inspection_items(checklist, name) WHERE retired = 0;
CREATE TRIGGER inspection_items_keep BEFORE DELETE ON inspection_items BEGIN SELECT RAISE(ABORT, 'inspection items are retired, never deleted'); END;
CREATE TRIGGER inspection_items_stay_retired BEFORE UPDATE ON inspection_items
WHEN NEW.id IS NOT OLD.id OR NEW.checklist IS NOT OLD.checklist OR (OLD.retired = 1 AND NEW.retired = 0)
BEGIN SELECT RAISE(ABORT, 'an inspection item keeps its checklist and stays retired'); END;

INSERT INTO inspection_items (checklist, name, position) VALUES
    ('public', '楼道照明', 1), ('public', '清洁卫生', 2), ('public', '路面铺装', 3), ('public', '井盖', 4),
    ('public', '游乐设施', 5), ('public', '单元门及对讲', 6), ('public', '电梯', 7), ('public', '绿化', 8),
    ('vacant', '门窗', 1), ('vacant', '水电已关闭', 2), ('vacant', '渗漏', 3), ('vacant', '垃圾杂物', 4);

CREATE TABLE inspection_rounds (
    id            INTEGER PRIMARY KEY,
    round_no      TEXT NOT NULL UNIQUE,              -- XJ20261123-001: the day it was recorded, its place that day
    checklist     TEXT NOT NULL CHECK (checklist IN ('public', 'vacant')),
    unit_id       INTEGER REFERENCES units(id),      -- the vacant unit inspected; NULL for the public areas
    inspected_on  TEXT NOT NULL,                     -- the day it was walked (2026-11-23), never after it was recorded
    inspector     TEXT NOT NULL CHECK (length(trim(inspector)) > 0),
    finished_at   TEXT,                              -- NULL while answers are still being written
    finished_by   TEXT,
    recorded_at   TEXT NOT NULL,
    operator      TEXT NOT NULL,
    CHECK ((checklist = 'vacant') = (unit_id IS NOT NULL)),
    CHECK ((finished_at IS NULL) = (finished_by IS NULL))
);
CREATE INDEX inspection_rounds_by_day ON inspection_rounds(inspected_on);
CREATE INDEX inspection_rounds_by_unit ON inspection_rounds(unit_id);
-- Only the finish is ever written to a round, once, and only when every item is answered.
CREATE TRIGGER inspection_rounds_written_once BEFORE UPDATE ON inspection_rounds
WHEN NEW.id IS NOT OLD.id OR NEW.round_no IS NOT OLD.round_no OR NEW.checklist IS NOT OLD.checklist OR NEW.unit_id IS NOT OLD.unit_id
  OR NEW.inspected_on IS NOT OLD.inspected_on OR NEW.inspector IS NOT OLD.inspector OR NEW.recorded_at IS NOT OLD.recorded_at
  OR NEW.operator IS NOT OLD.operator OR OLD.finished_at IS NOT NULL
  OR EXISTS (SELECT 1 FROM inspection_results r WHERE r.round_id = NEW.id AND r.ok IS NULL)
BEGIN SELECT RAISE(ABORT, 'an inspection round is finished once, with every item answered, and never changed'); END;
CREATE TRIGGER inspection_rounds_keep BEFORE DELETE ON inspection_rounds BEGIN SELECT RAISE(ABORT, 'inspection rows are never deleted'); END;

-- One line per item of the round, copied from the checklist when it was started.
CREATE TABLE inspection_results (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES inspection_rounds(id),
    item_id      INTEGER NOT NULL REFERENCES inspection_items(id),
    item_name    TEXT NOT NULL,                     -- the item's name when the round was started
    position     INTEGER NOT NULL,                  -- its place on this round (1, 2, …)
    ok           INTEGER CHECK (ok IN (0, 1)),      -- NULL until answered: 1 正常, 0 异常
    note         TEXT NOT NULL DEFAULT '',
    answered_at  TEXT,
    answered_by  TEXT,
    UNIQUE (round_id, item_id),
    UNIQUE (round_id, position),
    CHECK (ok IS NOT 0 OR length(trim(note)) > 0),
    CHECK ((ok IS NULL) = (answered_at IS NULL) AND (ok IS NULL) = (answered_by IS NULL))
);
CREATE INDEX inspection_results_by_round ON inspection_results(round_id);
CREATE TRIGGER inspection_results_only_at_start BEFORE INSERT ON inspection_results
WHEN NEW.ok IS NOT NULL OR EXISTS (SELECT 1 FROM inspection_results r WHERE r.round_id = NEW.round_id AND r.ok IS NOT NULL)
  OR (SELECT finished_at FROM inspection_rounds WHERE id = NEW.round_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a round gets its items when it is started'); END;
CREATE TRIGGER inspection_results_answered_once BEFORE UPDATE ON inspection_results
WHEN NEW.id IS NOT OLD.id OR NEW.round_id IS NOT OLD.round_id OR NEW.item_id IS NOT OLD.item_id OR NEW.item_name IS NOT OLD.item_name
  OR NEW.position IS NOT OLD.position OR OLD.ok IS NOT NULL OR NEW.ok IS NULL
BEGIN SELECT RAISE(ABORT, 'an inspection answer is written once'); END;
CREATE TRIGGER inspection_results_keep BEFORE DELETE ON inspection_results BEGIN SELECT RAISE(ABORT, 'inspection rows are never deleted'); END;

-- One work order per finding, and only for a finding (an 异常 answer).
CREATE UNIQUE INDEX work_orders_one_per_finding ON work_orders(source_ref) WHERE source = 'inspection';
CREATE TRIGGER work_orders_from_a_finding BEFORE INSERT ON work_orders
WHEN NEW.source = 'inspection' AND NOT EXISTS (
    SELECT 1 FROM inspection_results r JOIN inspection_rounds o ON o.id = r.round_id
    WHERE o.round_no || '/' || r.position = NEW.source_ref AND r.ok = 0
      AND (o.unit_id IS NEW.unit_id) AND (NEW.area = CASE o.checklist WHEN 'public' THEN 'public' ELSE 'unit' END))
BEGIN SELECT RAISE(ABORT, 'an inspection work order names a finding of a round'); END;
