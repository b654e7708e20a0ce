-- Dunning (催缴): every contact attempt, every printed 催缴函 and every proven
-- delivery. They are evidence (a delivered demand restarts the limitation
-- period), so like the ledger they are written once and never deleted.

-- One attempt to get a unit to pay: a reminder, a letter handed over, a visit, a lawyer.
CREATE TABLE dunning_contacts (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    stage         TEXT NOT NULL CHECK (stage IN ('reminder', 'letter', 'visit', 'legal')),
    channel       TEXT NOT NULL CHECK (channel IN ('电话', '短信', '微信', '上门', '邮寄', '当面', '律师')),
    contact_date  TEXT NOT NULL,                   -- YYYY-MM-DD
    operator      TEXT NOT NULL,                   -- who made the contact
    outcome       TEXT NOT NULL DEFAULT '',
    promised_date TEXT,                            -- the day the owner promised to pay
    dispute       TEXT NOT NULL DEFAULT '',        -- why the owner disputes the debt, if they do
    owed          INTEGER NOT NULL CHECK (owed >= 0),  -- the unit's arrears that day, fen
    created_at    TEXT NOT NULL
);
CREATE INDEX dunning_contacts_by_unit ON dunning_contacts(unit_id, contact_date);

-- One printing of a batch of letters, with the filters that picked the units.
CREATE TABLE dunning_batches (
    id         INTEGER PRIMARY KEY,
    as_of      TEXT NOT NULL,
    filter     TEXT NOT NULL,                      -- JSON, as the clerk chose it
    letters    INTEGER NOT NULL,
    operator   TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- One printed 催缴函. Numbers (CJ0000001) are contiguous and never reused.
CREATE TABLE dunning_letters (
    id        INTEGER PRIMARY KEY,
    number    INTEGER NOT NULL UNIQUE,
    letter_no TEXT NOT NULL UNIQUE,
    batch_id  INTEGER NOT NULL REFERENCES dunning_batches(id),
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    addressee TEXT NOT NULL,
    owed      INTEGER NOT NULL CHECK (owed > 0),   -- arrears demanded, fen
    late_fee  INTEGER NOT NULL CHECK (late_fee >= 0),
    deadline  TEXT NOT NULL,                       -- pay by, YYYY-MM-DD
    issued_on TEXT NOT NULL,                       -- the letter's date (the batch's as-of day)
    created_at TEXT NOT NULL
);
CREATE INDEX dunning_letters_by_unit ON dunning_letters(unit_id, issued_on);

-- Proof that a demand reached the owner: a letter or a contact, with at least
-- one of a signature, a registered-mail number or a note.
CREATE TABLE dunning_deliveries (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    letter_id    INTEGER REFERENCES dunning_letters(id),
    contact_id   INTEGER REFERENCES dunning_contacts(id),
    delivered_on TEXT NOT NULL,                    -- YYYY-MM-DD
    signed_by    TEXT NOT NULL DEFAULT '',
    mail_no      TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    operator     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    CHECK ((letter_id IS NULL) <> (contact_id IS NULL)),
    CHECK (length(trim(signed_by)) + length(trim(mail_no)) + length(trim(note)) > 0)
);
CREATE INDEX dunning_deliveries_by_unit ON dunning_deliveries(unit_id, delivered_on);

CREATE TRIGGER dunning_contacts_write_once BEFORE UPDATE ON dunning_contacts BEGIN SELECT RAISE(ABORT, 'dunning records are written once'); END;
CREATE TRIGGER dunning_contacts_keep BEFORE DELETE ON dunning_contacts BEGIN SELECT RAISE(ABORT, 'dunning records are never deleted'); END;
CREATE TRIGGER dunning_batches_write_once BEFORE UPDATE ON dunning_batches BEGIN SELECT RAISE(ABORT, 'dunning records are written once'); END;
CREATE TRIGGER dunning_batches_keep BEFORE DELETE ON dunning_batches BEGIN SELECT RAISE(ABORT, 'dunning records are never deleted'); END;
CREATE TRIGGER dunning_letters_write_once BEFORE UPDATE ON dunning_letters BEGIN SELECT RAISE(ABORT, 'dunning records are written once'); END;
CREATE TRIGGER dunning_letters_keep BEFORE DELETE ON dunning_letters BEGIN SELECT RAISE(ABORT, 'dunning records are never deleted'); END;
CREATE TRIGGER dunning_deliveries_write_once BEFORE UPDATE ON dunning_deliveries BEGIN SELECT RAISE(ABORT, 'dunning records are written once'); END;
CREATE TRIGGER dunning_deliveries_keep BEFORE DELETE ON dunning_deliveries BEGIN SELECT RAISE(ABORT, 'dunning records are never deleted'); END;
