-- Shift handover (交接班, issue 9): at the end of a clerk's day what is open is
-- written down for the next clerk, who acknowledges it on signing in.
--
-- A handover keeps a snapshot (JSON) of what was open when it was made — the
-- clerk's own open requests (late ones marked), the open work orders, keys
-- lent and not back, parcels waiting past the reminder days, renovations
-- overdue — with the clerk's note (交班说明): what was handed over stays as it
-- was, however things moved since. The snapshot holds numbers, units and
-- short texts, never a resident's name or phone, so an erasure has nothing to
-- find here. One handover per clerk and day. Written once, never deleted.
CREATE TABLE shift_handovers (
    id        INTEGER PRIMARY KEY,
    day       TEXT NOT NULL,                          -- the clerk's day (2026-12-06)
    operator  TEXT NOT NULL,                          -- who hands over
    made_at   TEXT NOT NULL,                          -- ISO-8601 with offset
    note      TEXT NOT NULL DEFAULT '',               -- 交班说明
    snapshot  TEXT NOT NULL CHECK (json_valid(snapshot)),
    UNIQUE (operator, day)
);
CREATE TRIGGER shift_handovers_write_once BEFORE UPDATE ON shift_handovers BEGIN SELECT RAISE(ABORT, 'handovers are written once'); END;
CREATE TRIGGER shift_handovers_keep BEFORE DELETE ON shift_handovers BEGIN SELECT RAISE(ABORT, 'handovers are never deleted'); END;

-- The acknowledgement (接班确认): once per handover, by someone else.
CREATE TABLE shift_acks (
    handover_id  INTEGER PRIMARY KEY REFERENCES shift_handovers(id),
    operator     TEXT NOT NULL,                       -- who took over
    at           TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER shift_acks_not_own BEFORE INSERT ON shift_acks
WHEN EXISTS (SELECT 1 FROM shift_handovers h WHERE h.id = NEW.handover_id AND h.operator = NEW.operator)
BEGIN SELECT RAISE(ABORT, 'a handover is acknowledged by someone else'); END;
CREATE TRIGGER shift_acks_write_once BEFORE UPDATE ON shift_acks BEGIN SELECT RAISE(ABORT, 'handovers are written once'); END;
CREATE TRIGGER shift_acks_keep BEFORE DELETE ON shift_acks BEGIN SELECT RAISE(ABORT, 'handovers are never deleted'); END;
