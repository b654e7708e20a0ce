-- Staff accounts: who may sign in at the desk and what their role lets them do.
-- The password is kept only as an Argon2id PHC string (salt and parameters inside it).
-- Accounts are deactivated, never deleted: receipts and the audit log name them.
CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    role          TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'finance')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL
);
CREATE TRIGGER staff_keep BEFORE DELETE ON staff BEGIN SELECT RAISE(ABORT, 'staff accounts are deactivated, never deleted'); END;
