-- Keys held in custody (托管钥匙) and their loans (issue 6).
--
-- A set of keys an owner leaves at the office: the unit, how many keys, the
-- hook (挂钩号) it hangs on, who brought it and when. `returned_on` is set once,
-- when the set goes back to its owner; until then its hook is taken (a hook
-- number is unique among the keys held). Nothing else of the row ever changes.
CREATE TABLE custody_keys (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    hook         TEXT NOT NULL CHECK (length(trim(hook)) > 0),
    key_count    INTEGER NOT NULL CHECK (key_count BETWEEN 1 AND 99),
    description  TEXT NOT NULL DEFAULT '',          -- 入户门、信箱、车库…
    deposited_by TEXT NOT NULL CHECK (length(trim(deposited_by)) > 0),
    deposited_on TEXT NOT NULL,                     -- YYYY-MM-DD
    note         TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL,
    operator     TEXT NOT NULL,
    returned_on  TEXT NULL,                         -- YYYY-MM-DD, back to the owner
    returned_to  TEXT NULL,
    returned_by  TEXT NULL,                         -- the clerk who handed them back
    CHECK (returned_on IS NULL OR returned_on >= deposited_on)
);
CREATE UNIQUE INDEX custody_keys_hook_held ON custody_keys(hook) WHERE returned_on IS NULL;
CREATE INDEX custody_keys_by_unit ON custody_keys(unit_id);
-- Only the hand-back is ever written after the deposit, and only once.
CREATE TRIGGER custody_keys_release_once BEFORE UPDATE ON custody_keys
WHEN OLD.returned_on IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.unit_id IS NOT OLD.unit_id OR NEW.hook IS NOT OLD.hook
  OR NEW.key_count IS NOT OLD.key_count OR NEW.description IS NOT OLD.description OR NEW.deposited_by IS NOT OLD.deposited_by
  OR NEW.deposited_on IS NOT OLD.deposited_on OR NEW.note IS NOT OLD.note OR NEW.recorded_at IS NOT OLD.recorded_at
  OR NEW.operator IS NOT OLD.operator
BEGIN SELECT RAISE(ABORT, 'a key deposit is written once; only its return to the owner is added, once'); END;
CREATE TRIGGER custody_keys_keep BEFORE DELETE ON custody_keys BEGIN SELECT RAISE(ABORT, 'key records are never deleted'); END;

-- The owner's written authorisation: who may borrow the keys. A named person,
-- the engineering team (工程部), or a renovation contractor between two dates.
-- Written once; an authorisation ends by its own dates.
CREATE TABLE key_authorisations (
    id          INTEGER PRIMARY KEY,
    key_id      INTEGER NOT NULL REFERENCES custody_keys(id),
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'engineering', 'contractor')),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    valid_from  TEXT NULL,                          -- YYYY-MM-DD
    valid_to    TEXT NULL,
    recorded_at TEXT NOT NULL,
    operator    TEXT NOT NULL,
    CHECK (kind <> 'contractor' OR (valid_from IS NOT NULL AND valid_to IS NOT NULL)),
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX key_authorisations_by_key ON key_authorisations(key_id);
CREATE TRIGGER key_authorisations_write_once BEFORE UPDATE ON key_authorisations BEGIN SELECT RAISE(ABORT, 'key records are written once'); END;
CREATE TRIGGER key_authorisations_keep BEFORE DELETE ON key_authorisations BEGIN SELECT RAISE(ABORT, 'key records are never deleted'); END;

-- A loan: who took the keys, the identity document seen (its type and the last
-- four characters only: never a whole ID number), why, when it is due back,
-- the clerk; an unauthorised borrower only with a supervisor's recorded reason.
CREATE TABLE key_loans (
    id              INTEGER PRIMARY KEY,
    key_id          INTEGER NOT NULL REFERENCES custody_keys(id),
    borrower        TEXT NOT NULL CHECK (length(trim(borrower)) > 0),
    borrower_kind   TEXT NOT NULL CHECK (borrower_kind IN ('owner', 'authorised', 'contractor', 'staff')),
    id_type         TEXT NOT NULL CHECK (length(trim(id_type)) > 0),
    id_last4        TEXT NOT NULL CHECK (length(id_last4) = 4),
    purpose         TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
    out_at          TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    operator        TEXT NOT NULL,
    approved_by     TEXT NULL,
    override_reason TEXT NULL,                      -- set when lent to someone not authorised
    CHECK (due_at > out_at)
);
CREATE INDEX key_loans_by_key ON key_loans(key_id);
CREATE INDEX key_loans_by_time ON key_loans(out_at);

-- A return: when, who brought the keys back, in what state, the clerk.
CREATE TABLE key_returns (
    id          INTEGER PRIMARY KEY,
    loan_id     INTEGER NOT NULL UNIQUE REFERENCES key_loans(id),
    returned_at TEXT NOT NULL,
    returned_by TEXT NOT NULL CHECK (length(trim(returned_by)) > 0),
    condition   TEXT NOT NULL DEFAULT '',
    operator    TEXT NOT NULL
);
CREATE TRIGGER key_loans_write_once BEFORE UPDATE ON key_loans BEGIN SELECT RAISE(ABORT, 'key records are written once'); END;
CREATE TRIGGER key_loans_keep BEFORE DELETE ON key_loans BEGIN SELECT RAISE(ABORT, 'key records are never deleted'); END;
CREATE TRIGGER key_returns_write_once BEFORE UPDATE ON key_returns BEGIN SELECT RAISE(ABORT, 'key records are written once'); END;
CREATE TRIGGER key_returns_keep BEFORE DELETE ON key_returns BEGIN SELECT RAISE(ABORT, 'key records are never deleted'); END;
-- Whatever writes the row: a key out is not lent again, nor one back with its owner.
CREATE TRIGGER key_loans_one_out BEFORE INSERT ON key_loans
WHEN EXISTS (SELECT 1 FROM key_loans l WHERE l.key_id = NEW.key_id AND NOT EXISTS (SELECT 1 FROM key_returns r WHERE r.loan_id = l.id))
BEGIN SELECT RAISE(ABORT, 'the key is out on loan'); END;
CREATE TRIGGER key_loans_held_only BEFORE INSERT ON key_loans
WHEN (SELECT returned_on FROM custody_keys WHERE id = NEW.key_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the key has gone back to its owner'); END;
-- Nor handed back to the owner while out.
CREATE TRIGGER custody_keys_release_when_in BEFORE UPDATE OF returned_on ON custody_keys
WHEN NEW.returned_on IS NOT NULL AND EXISTS (SELECT 1 FROM key_loans l WHERE l.key_id = NEW.id AND NOT EXISTS (SELECT 1 FROM key_returns r WHERE r.loan_id = l.id))
BEGIN SELECT RAISE(ABORT, 'the key is out on loan'); END;
