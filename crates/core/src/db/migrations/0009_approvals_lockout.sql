-- Approvals and lockout (issue 5).
-- A supervisor-only row made by a clerk names the supervisor who approved it on
-- the spot beside the clerk in `operator`; NULL when the operator was allowed alone.
ALTER TABLE receipt_voids ADD COLUMN approved_by TEXT;
ALTER TABLE waivers ADD COLUMN approved_by TEXT;
ALTER TABLE deposit_refunds ADD COLUMN approved_by TEXT;

-- Wrong passwords in a row, per account; at the limit the account is locked
-- until `locked_until` (ISO-8601 with offset) and the count starts again.
ALTER TABLE staff ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0);
ALTER TABLE staff ADD COLUMN locked_until TEXT;
