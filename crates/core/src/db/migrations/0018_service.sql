-- The service desk (issue 9, first half): requests and complaints (业户服务需求
-- / 投诉登记) with their steps, and repair work orders (工程维修单).
--
-- A request row is what was taken at the desk; only its `status` changes, and
-- only by the trigger that follows a step written to `service_steps` (and the
-- caller's name and phone, only to the erasure's placeholder and blank). The
-- steps are written once and the database refuses one out of order: no close
-- without a reply (an invalid complaint may close with its reason), no return
-- visit before the reply. The same holds for work orders: no return visit or
-- check before the repair is done. A repair charged to the owner is a bill of
-- the fee ledger (`work_order_bills` names it): money never lives here.
--
-- Later parts of the service desk fit beside these tables: an inspection
-- finding opens a work order with source 'inspection' and `source_ref` naming
-- the finding; the unit's history reads requests and orders by unit_id.

CREATE TABLE service_requests (
    id           INTEGER PRIMARY KEY,
    request_no   TEXT NOT NULL UNIQUE,              -- TS20261123-001 (complaint) / XQ20261123-001 (others)
    kind         TEXT NOT NULL CHECK (kind IN ('consult', 'service', 'repair', 'complaint')),
    subject      TEXT CHECK (subject IN ('service_quality', 'fees', 'activities', 'emergency', 'neighbours', 'other')),
    urgency      TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent', 'emergency')),
    unit_id      INTEGER REFERENCES units(id),      -- NULL for a public matter
    caller       TEXT NOT NULL CHECK (length(trim(caller)) > 0),
    phone        TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL CHECK (channel IN ('phone', 'visit', 'on_behalf', 'letter', 'box', 'staff', 'online')),
    received_at  TEXT NOT NULL,                     -- when it came in (2026-11-23 09:05), local time
    content      TEXT NOT NULL CHECK (length(trim(content)) > 0),
    status       TEXT NOT NULL DEFAULT 'recorded' CHECK (status IN
                 ('recorded', 'classified', 'investigated', 'assigned', 'proposed', 'replied', 'visited', 'summarised', 'closed')),
    recorded_at  TEXT NOT NULL,
    operator     TEXT NOT NULL,                     -- who took it: its owner until it is closed
    CHECK ((kind = 'complaint') = (subject IS NOT NULL))
);
CREATE INDEX service_requests_by_unit ON service_requests(unit_id);
CREATE INDEX service_requests_by_status ON service_requests(status);
CREATE INDEX service_requests_by_received ON service_requests(received_at);
CREATE TRIGGER service_requests_written_once BEFORE UPDATE ON service_requests
WHEN NEW.id IS NOT OLD.id OR NEW.request_no IS NOT OLD.request_no OR NEW.kind IS NOT OLD.kind OR NEW.subject IS NOT OLD.subject
  OR NEW.urgency IS NOT OLD.urgency OR NEW.unit_id IS NOT OLD.unit_id OR NEW.channel IS NOT OLD.channel
  OR NEW.received_at IS NOT OLD.received_at OR NEW.content IS NOT OLD.content
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.operator IS NOT OLD.operator
  OR (NEW.caller IS NOT OLD.caller AND NEW.caller NOT GLOB '*已删除住户#*')
  OR (NEW.phone IS NOT OLD.phone AND NEW.phone <> '')
  OR NEW.status IS NOT coalesce((SELECT s.step FROM service_steps s WHERE s.request_id = NEW.id ORDER BY s.id DESC LIMIT 1), 'recorded')
BEGIN SELECT RAISE(ABORT, 'a service request changes only by its steps'); END;
CREATE TRIGGER service_requests_keep BEFORE DELETE ON service_requests BEGIN SELECT RAISE(ABORT, 'service rows are never deleted'); END;

-- A complaint tied to its unit's arrears: the owner withholds fees over it
-- (以投诉为由拒缴). Noted once, while the complaint is open; the arrears list,
-- dunning and the unit card show it.
CREATE TABLE service_withholding (
    request_id  INTEGER PRIMARY KEY REFERENCES service_requests(id),
    note        TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL
);
CREATE TRIGGER service_withholding_of_open_complaint BEFORE INSERT ON service_withholding
WHEN NOT EXISTS (SELECT 1 FROM service_requests r WHERE r.id = NEW.request_id AND r.kind = 'complaint'
                 AND r.unit_id IS NOT NULL AND r.status <> 'closed')
BEGIN SELECT RAISE(ABORT, 'only an open complaint of a unit is tied to its arrears'); END;
CREATE TRIGGER service_withholding_write_once BEFORE UPDATE ON service_withholding BEGIN SELECT RAISE(ABORT, 'service rows are written once'); END;
CREATE TRIGGER service_withholding_keep BEFORE DELETE ON service_withholding BEGIN SELECT RAISE(ABORT, 'service rows are never deleted'); END;

-- A request's steps after it was taken, each once, in order, by whom and when.
CREATE TABLE service_steps (
    id             INTEGER PRIMARY KEY,
    request_id     INTEGER NOT NULL REFERENCES service_requests(id),
    step           TEXT NOT NULL CHECK (step IN
                   ('classified', 'investigated', 'assigned', 'proposed', 'replied', 'visited', 'summarised', 'closed')),
    valid          INTEGER CHECK (valid IN (0, 1)),           -- classified: a valid complaint or not
    responsible    TEXT,                                      -- assigned: the person who answers for it
    deadline       TEXT,                                      -- assigned: by when (2026-11-25 18:00)
    reply_channel  TEXT CHECK (reply_channel IN ('phone', 'visit', 'letter', 'online', 'in_person')),   -- replied: how
    happened_at    TEXT NOT NULL,                             -- when it happened (the reply's time), local time
    satisfied      INTEGER CHECK (satisfied IN (0, 1)),       -- visited
    note           TEXT NOT NULL DEFAULT '',                  -- the reason, cause, plan, what was said, comments, summary
    lesson         TEXT NOT NULL DEFAULT '',                  -- summarised: the lesson drawn
    at             TEXT NOT NULL,
    operator       TEXT NOT NULL,
    CHECK ((step = 'classified') = (valid IS NOT NULL)),
    CHECK ((step = 'assigned') = (responsible IS NOT NULL AND deadline IS NOT NULL)),
    CHECK ((step = 'replied') = (reply_channel IS NOT NULL)),
    CHECK ((step = 'visited') = (satisfied IS NOT NULL)),
    CHECK (step IN ('assigned', 'visited', 'closed') OR (step = 'classified' AND valid = 1) OR length(trim(note)) > 0)
);
CREATE INDEX service_steps_by_request ON service_steps(request_id);
-- Complaints walk the whole path; an invalid one may close at once with its reason.
-- Other requests: an optional assignment, then the reply, an optional return visit, close.
CREATE TRIGGER service_steps_in_order BEFORE INSERT ON service_steps
WHEN NOT EXISTS (SELECT 1 FROM service_requests r WHERE r.id = NEW.request_id AND (
       (r.kind = 'complaint' AND r.status || '>' || NEW.step IN
         ('recorded>classified', 'investigated>assigned', 'assigned>proposed', 'proposed>replied',
          'replied>visited', 'visited>summarised', 'summarised>closed'))
    OR (r.kind = 'complaint' AND r.status = 'classified' AND NEW.step = 'investigated'
        AND (SELECT s.valid FROM service_steps s WHERE s.request_id = r.id AND s.step = 'classified') = 1)
    OR (r.kind = 'complaint' AND r.status = 'classified' AND NEW.step = 'closed'
        AND (SELECT s.valid FROM service_steps s WHERE s.request_id = r.id AND s.step = 'classified') = 0)
    OR (r.kind <> 'complaint' AND r.status || '>' || NEW.step IN
         ('recorded>assigned', 'recorded>replied', 'assigned>replied', 'replied>visited', 'replied>closed', 'visited>closed'))))
BEGIN SELECT RAISE(ABORT, 'a service step out of order'); END;
CREATE TRIGGER service_steps_move_status AFTER INSERT ON service_steps
BEGIN UPDATE service_requests SET status = NEW.step WHERE id = NEW.request_id; END;
CREATE TRIGGER service_steps_write_once BEFORE UPDATE ON service_steps BEGIN SELECT RAISE(ABORT, 'service rows are written once'); END;
CREATE TRIGGER service_steps_keep BEFORE DELETE ON service_steps BEGIN SELECT RAISE(ABORT, 'service rows are never deleted'); END;

-- Repair work orders (工程维修单), from a request or on their own.
CREATE TABLE work_orders (
    id           INTEGER PRIMARY KEY,
    order_no     TEXT NOT NULL UNIQUE,              -- WX20261123-001
    request_id   INTEGER REFERENCES service_requests(id),
    source       TEXT NOT NULL CHECK (source IN ('desk', 'request', 'inspection')),
    source_ref   TEXT NOT NULL DEFAULT '',          -- what opened it, when not a request (an inspection finding, later)
    area         TEXT NOT NULL CHECK (area IN ('public', 'unit')),
    unit_id      INTEGER REFERENCES units(id),
    category     TEXT NOT NULL CHECK (category IN ('water', 'electric', 'doors', 'building', 'facilities', 'other')),
    location     TEXT NOT NULL CHECK (length(trim(location)) > 0),
    description  TEXT NOT NULL CHECK (length(trim(description)) > 0),
    reported_at  TEXT NOT NULL,                     -- local time the fault was reported
    status       TEXT NOT NULL DEFAULT 'reported' CHECK (status IN
                 ('reported', 'dispatched', 'arrived', 'done', 'checked', 'visited', 'closed')),
    recorded_at  TEXT NOT NULL,
    operator     TEXT NOT NULL,
    CHECK ((area = 'unit') = (unit_id IS NOT NULL)),
    CHECK ((source = 'request') = (request_id IS NOT NULL))
);
CREATE INDEX work_orders_by_unit ON work_orders(unit_id);
CREATE INDEX work_orders_by_request ON work_orders(request_id);
CREATE INDEX work_orders_by_reported ON work_orders(reported_at);
CREATE TRIGGER work_orders_written_once BEFORE UPDATE ON work_orders
WHEN NEW.id IS NOT OLD.id OR NEW.order_no IS NOT OLD.order_no OR NEW.request_id IS NOT OLD.request_id OR NEW.source IS NOT OLD.source
  OR NEW.source_ref IS NOT OLD.source_ref OR NEW.area IS NOT OLD.area OR NEW.unit_id IS NOT OLD.unit_id OR NEW.category IS NOT OLD.category
  OR NEW.location IS NOT OLD.location OR NEW.description IS NOT OLD.description OR NEW.reported_at IS NOT OLD.reported_at
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.operator IS NOT OLD.operator
  OR NEW.status IS NOT (SELECT s.step FROM work_order_steps s WHERE s.order_id = NEW.id ORDER BY s.id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'a work order changes only by its steps'); END;
CREATE TRIGGER work_orders_keep BEFORE DELETE ON work_orders BEGIN SELECT RAISE(ABORT, 'service rows are never deleted'); END;

CREATE TABLE work_order_steps (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES work_orders(id),
    step         TEXT NOT NULL CHECK (step IN ('dispatched', 'arrived', 'done', 'checked', 'visited', 'closed')),
    technician   TEXT,                              -- dispatched: who goes
    happened_at  TEXT NOT NULL,                     -- when it happened, local time
    materials    TEXT NOT NULL DEFAULT '',          -- done: what was used
    charge       INTEGER NOT NULL DEFAULT 0 CHECK (charge >= 0),   -- done: fen billed to the owner
    bill_id      INTEGER UNIQUE REFERENCES bills(id),
    satisfied    INTEGER CHECK (satisfied IN (0, 1)),   -- visited; checked: passed
    note         TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    operator     TEXT NOT NULL,
    CHECK ((step = 'dispatched') = (technician IS NOT NULL AND length(trim(technician)) > 0)),
    CHECK ((step IN ('visited', 'checked')) = (satisfied IS NOT NULL)),
    CHECK ((charge > 0) = (bill_id IS NOT NULL)),
    CHECK (step = 'done' OR (charge = 0 AND materials = ''))
);
CREATE INDEX work_order_steps_by_order ON work_order_steps(order_id);
-- A repair found wanting after it was done is dispatched again (返修).
CREATE TRIGGER work_order_steps_in_order BEFORE INSERT ON work_order_steps
WHEN NOT EXISTS (SELECT 1 FROM work_orders o WHERE o.id = NEW.order_id AND (
       o.status || '>' || NEW.step IN ('reported>dispatched', 'dispatched>arrived', 'arrived>done', 'done>dispatched',
                                       'checked>closed', 'visited>closed')
    OR (o.status = 'done' AND NEW.step = 'checked' AND o.area = 'public')
    OR (o.status = 'done' AND NEW.step = 'visited' AND o.area = 'unit')))
BEGIN SELECT RAISE(ABORT, 'a work order step out of order'); END;
CREATE TRIGGER work_order_steps_move_status AFTER INSERT ON work_order_steps
BEGIN UPDATE work_orders SET status = NEW.step WHERE id = NEW.order_id; END;
CREATE TRIGGER work_order_steps_write_once BEFORE UPDATE ON work_order_steps BEGIN SELECT RAISE(ABORT, 'service rows are written once'); END;
CREATE TRIGGER work_order_steps_keep BEFORE DELETE ON work_order_steps BEGIN SELECT RAISE(ABORT, 'service rows are never deleted'); END;
