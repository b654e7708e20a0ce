-- Renovation permits (二次装修): application, approval, fees and deposit,
-- the permit, inspections, waterproof tests, release slips, extensions,
-- acceptance, deposit refund, close.
--
-- The permit row is the application; only its `status` changes, and only by
-- the trigger that follows a step written to `reno_steps`. Steps are written
-- once, and the database refuses a step that does not follow the status
-- (no permit before fees and deposit, no refund before acceptance, ...).
-- Fees are bills of the fee ledger (`reno_bills` names them), the deposit is a
-- deposit of the deposit ledger: money never lives in these tables.

CREATE TABLE reno_permits (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units(id),
    applicant      TEXT NOT NULL CHECK (length(trim(applicant)) > 0),
    applicant_role TEXT NOT NULL CHECK (applicant_role IN ('owner', 'authorised')),
    authorisation  TEXT NOT NULL DEFAULT '',     -- the owner's 委托书, by reference
    contractor     TEXT NOT NULL CHECK (length(trim(contractor)) > 0),
    foreman        TEXT NOT NULL CHECK (length(trim(foreman)) > 0),
    foreman_phone  TEXT NOT NULL CHECK (length(trim(foreman_phone)) > 0),
    scope          TEXT NOT NULL CHECK (length(scope) > 0),   -- 墙体、地面、… in a fixed order
    planned_start  TEXT NOT NULL,
    planned_end    TEXT NOT NULL CHECK (planned_end > planned_start),
    attachments    TEXT NOT NULL DEFAULT '',
    rules_text     TEXT NOT NULL,                -- the working-hour rules as applied for
    status         TEXT NOT NULL DEFAULT 'applied' CHECK (status IN
                   ('applied', 'approved', 'rejected', 'paid', 'issued', 'completion_requested', 'rectify', 'accepted', 'refunded', 'closed')),
    applied_at     TEXT NOT NULL,
    operator       TEXT NOT NULL,
    CHECK ((applicant_role = 'owner') OR length(trim(authorisation)) > 0)
);
CREATE INDEX reno_permits_by_unit ON reno_permits(unit_id);
CREATE INDEX reno_permits_by_status ON reno_permits(status);
-- Only the status changes, and only to what a step says (the trigger below).
CREATE TRIGGER reno_permits_written_once BEFORE UPDATE ON reno_permits
WHEN NEW.id IS NOT OLD.id OR NEW.unit_id IS NOT OLD.unit_id OR NEW.applicant IS NOT OLD.applicant OR NEW.applicant_role IS NOT OLD.applicant_role
  OR NEW.authorisation IS NOT OLD.authorisation OR NEW.contractor IS NOT OLD.contractor OR NEW.foreman IS NOT OLD.foreman
  OR NEW.foreman_phone IS NOT OLD.foreman_phone OR NEW.scope IS NOT OLD.scope OR NEW.planned_start IS NOT OLD.planned_start
  OR NEW.planned_end IS NOT OLD.planned_end OR NEW.attachments IS NOT OLD.attachments OR NEW.rules_text IS NOT OLD.rules_text
  OR NEW.applied_at IS NOT OLD.applied_at OR NEW.operator IS NOT OLD.operator
  OR NEW.status IS NOT (SELECT s.step FROM reno_steps s WHERE s.permit_id = NEW.id ORDER BY s.id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'a renovation permit changes only by its steps'); END;
CREATE TRIGGER reno_permits_keep BEFORE DELETE ON reno_permits BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
-- One permit under way per unit: a new application waits until the last is closed or rejected.
CREATE UNIQUE INDEX reno_permits_one_open ON reno_permits(unit_id) WHERE status NOT IN ('rejected', 'closed');

-- The workers named on the application, each with a pass (出入证). Only the
-- last four characters of an ID number are kept.
CREATE TABLE reno_workers (
    id         INTEGER PRIMARY KEY,
    permit_id  INTEGER NOT NULL REFERENCES reno_permits(id),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone      TEXT NOT NULL DEFAULT '',
    id_last4   TEXT NOT NULL CHECK (length(id_last4) = 4),
    pass_no    TEXT NOT NULL UNIQUE
);
CREATE INDEX reno_workers_by_permit ON reno_workers(permit_id);

-- The permit's life: each step after the application, once, in order.
CREATE TABLE reno_steps (
    id          INTEGER PRIMARY KEY,
    permit_id   INTEGER NOT NULL REFERENCES reno_permits(id),
    step        TEXT NOT NULL CHECK (step IN
                ('approved', 'rejected', 'paid', 'issued', 'completion_requested', 'rectify', 'accepted', 'refunded', 'closed')),
    note        TEXT NOT NULL DEFAULT '',        -- the reason of a rejection or rectification; remarks
    detail      TEXT NOT NULL DEFAULT '{}',      -- JSON: the acceptance checklist, the deductions
    permit_no   TEXT UNIQUE,                     -- ZX2026-0001, on the step that issues the permit
    payment_id  INTEGER UNIQUE REFERENCES payments(id),
    deposit_id  INTEGER UNIQUE REFERENCES deposits(id),
    refund_id   INTEGER UNIQUE REFERENCES deposit_refunds(id),
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    approved_by TEXT,
    CHECK ((step = 'issued') = (permit_no IS NOT NULL)),
    CHECK ((step = 'paid') = (deposit_id IS NOT NULL)),
    CHECK (step = 'paid' OR payment_id IS NULL),
    CHECK ((step = 'refunded') = (refund_id IS NOT NULL)),
    CHECK (step NOT IN ('rejected', 'rectify') OR length(trim(note)) > 0)
);
CREATE INDEX reno_steps_by_permit ON reno_steps(permit_id);
CREATE TRIGGER reno_steps_in_order BEFORE INSERT ON reno_steps
WHEN NOT EXISTS (SELECT 1 FROM reno_permits p WHERE p.id = NEW.permit_id AND p.status || '>' || NEW.step IN
     ('applied>approved', 'applied>rejected', 'approved>paid', 'paid>issued', 'issued>completion_requested',
      'completion_requested>accepted', 'completion_requested>rectify', 'rectify>completion_requested',
      'accepted>refunded', 'refunded>closed'))
BEGIN SELECT RAISE(ABORT, 'a renovation step out of order'); END;
CREATE TRIGGER reno_steps_move_status AFTER INSERT ON reno_steps
BEGIN UPDATE reno_permits SET status = NEW.step WHERE id = NEW.permit_id; END;

-- The fee ledger's bills made for a permit (管理费, 垃圾清运费).
CREATE TABLE reno_bills (
    bill_id    INTEGER PRIMARY KEY REFERENCES bills(id),
    permit_id  INTEGER NOT NULL REFERENCES reno_permits(id),
    kind       TEXT NOT NULL CHECK (kind IN ('management', 'rubbish'))
);
CREATE INDEX reno_bills_by_permit ON reno_bills(permit_id);

-- Extensions of the planned end: each a new row; the latest end counts.
CREATE TABLE reno_extensions (
    id          INTEGER PRIMARY KEY,
    permit_id   INTEGER NOT NULL REFERENCES reno_permits(id),
    old_end     TEXT NOT NULL,
    new_end     TEXT NOT NULL CHECK (new_end > old_end),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    approved_by TEXT
);
CREATE INDEX reno_extensions_by_permit ON reno_extensions(permit_id);

-- Daily inspections (日检), their checklist as JSON {"承重墙": "ok", ...}.
CREATE TABLE reno_inspections (
    id         INTEGER PRIMARY KEY,
    permit_id  INTEGER NOT NULL REFERENCES reno_permits(id),
    day        TEXT NOT NULL,
    inspector  TEXT NOT NULL CHECK (length(trim(inspector)) > 0),
    results    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL
);
CREATE INDEX reno_inspections_by_permit ON reno_inspections(permit_id);

-- A violation found on an inspection, to be put right by a deadline.
CREATE TABLE reno_violations (
    id             INTEGER PRIMARY KEY,
    inspection_id  INTEGER NOT NULL REFERENCES reno_inspections(id),
    permit_id      INTEGER NOT NULL REFERENCES reno_permits(id),
    item           TEXT NOT NULL,
    description    TEXT NOT NULL CHECK (length(trim(description)) > 0),
    deadline       TEXT NOT NULL
);
CREATE INDEX reno_violations_by_permit ON reno_violations(permit_id);
-- Its follow-up: put right, once.
CREATE TABLE reno_violation_fixes (
    violation_id  INTEGER PRIMARY KEY REFERENCES reno_violations(id),
    note          TEXT NOT NULL CHECK (length(trim(note)) > 0),
    fixed_at      TEXT NOT NULL,
    operator      TEXT NOT NULL
);

-- Waterproof tests (闭水试验).
CREATE TABLE reno_waterproof_tests (
    id             INTEGER PRIMARY KEY,
    permit_id      INTEGER NOT NULL REFERENCES reno_permits(id),
    started_at     TEXT NOT NULL,
    ended_at       TEXT NOT NULL CHECK (ended_at > started_at),
    depth_mm       INTEGER NOT NULL CHECK (depth_mm > 0),
    below_checked  INTEGER NOT NULL CHECK (below_checked IN (0, 1)),
    below_note     TEXT NOT NULL DEFAULT '',
    passed         INTEGER NOT NULL CHECK (passed IN (0, 1)),
    note           TEXT NOT NULL DEFAULT '',
    at             TEXT NOT NULL,
    operator       TEXT NOT NULL
);
CREATE INDEX reno_waterproof_by_permit ON reno_waterproof_tests(permit_id);

-- Goods release slips (物品放行条).
CREATE TABLE reno_release_slips (
    id             INTEGER PRIMARY KEY,
    permit_id      INTEGER NOT NULL REFERENCES reno_permits(id),
    slip_no        TEXT NOT NULL UNIQUE,
    items          TEXT NOT NULL CHECK (length(trim(items)) > 0),
    plate          TEXT NOT NULL DEFAULT '',
    owner_confirm  TEXT NOT NULL CHECK (length(trim(owner_confirm)) > 0),
    guard          TEXT NOT NULL CHECK (length(trim(guard)) > 0),
    released_at    TEXT NOT NULL,
    at             TEXT NOT NULL,
    operator       TEXT NOT NULL
);
CREATE INDEX reno_release_by_permit ON reno_release_slips(permit_id);

CREATE TRIGGER reno_workers_write_once BEFORE UPDATE ON reno_workers BEGIN SELECT RAISE(ABORT, 'renovation rows are written once'); END;
CREATE TRIGGER reno_workers_keep BEFORE DELETE ON reno_workers BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
CREATE TRIGGER reno_steps_write_once BEFORE UPDATE ON reno_steps BEGIN SELECT RAISE(ABORT, 'renovation rows are written once'); END;
CREATE TRIGGER reno_steps_keep BEFORE DELETE ON reno_steps BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
CREATE TRIGGER reno_bills_write_once BEFORE UPDATE ON reno_bills BEGIN SELECT RAISE(ABORT, 'renovation rows are written once'); END;
CREATE TRIGGER reno_bills_keep BEFORE DELETE ON reno_bills BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
CREATE TRIGGER reno_extensions_write_once BEFORE UPDATE ON reno_extensions BEGIN SELECT RAISE(ABORT, 'renovation rows are written once'); END;
CREATE TRIGGER reno_extensions_keep BEFORE DELETE ON reno_extensions BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
CREATE TRIGGER reno_inspections_write_once BEFORE UPDATE ON reno_inspections BEGIN SELECT RAISE(ABORT, 'renovation rows are written once'); END;
CREATE TRIGGER reno_inspections_keep BEFORE DELETE ON reno_inspections BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
CREATE TRIGGER reno_violations_write_once BEFORE UPDATE ON reno_violations BEGIN SELECT RAISE(ABORT, 'renovation rows are written once'); END;
CREATE TRIGGER reno_violations_keep BEFORE DELETE ON reno_violations BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
CREATE TRIGGER reno_violation_fixes_write_once BEFORE UPDATE ON reno_violation_fixes BEGIN SELECT RAISE(ABORT, 'renovation rows are written once'); END;
CREATE TRIGGER reno_violation_fixes_keep BEFORE DELETE ON reno_violation_fixes BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
CREATE TRIGGER reno_waterproof_write_once BEFORE UPDATE ON reno_waterproof_tests BEGIN SELECT RAISE(ABORT, 'renovation rows are written once'); END;
CREATE TRIGGER reno_waterproof_keep BEFORE DELETE ON reno_waterproof_tests BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
CREATE TRIGGER reno_release_write_once BEFORE UPDATE ON reno_release_slips BEGIN SELECT RAISE(ABORT, 'renovation rows are written once'); END;
CREATE TRIGGER reno_release_keep BEFORE DELETE ON reno_release_slips BEGIN SELECT RAISE(ABORT, 'renovation rows are never deleted'); END;
-- No completion while a violation is open, whatever writes the step.
CREATE TRIGGER reno_no_completion_with_open_violation BEFORE INSERT ON reno_steps
WHEN NEW.step IN ('completion_requested', 'accepted')
 AND EXISTS (SELECT 1 FROM reno_violations v WHERE v.permit_id = NEW.permit_id
             AND NOT EXISTS (SELECT 1 FROM reno_violation_fixes f WHERE f.violation_id = v.id))
BEGIN SELECT RAISE(ABORT, 'a renovation violation is still open'); END;
