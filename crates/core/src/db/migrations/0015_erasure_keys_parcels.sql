-- Erasing a former tenant's personal data reaches the key and parcel books
-- (issues 5 and 6): the name of a borrower, of whoever brought a key back, of
-- an authorised person, of whoever left or took back a set of keys, and of
-- whoever collected a parcel may be replaced, and only by the erasure's
-- placeholder (已删除住户#<id>). Nothing else of these rows ever changes.
-- (A parcel's recipient could already be replaced: 0013.)

DROP TRIGGER key_authorisations_write_once;
CREATE TRIGGER key_authorisations_write_once BEFORE UPDATE ON key_authorisations
WHEN NEW.id IS NOT OLD.id OR NEW.key_id IS NOT OLD.key_id OR NEW.kind IS NOT OLD.kind OR NEW.valid_from IS NOT OLD.valid_from
  OR NEW.valid_to IS NOT OLD.valid_to OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.operator IS NOT OLD.operator
  OR NEW.name NOT GLOB '*已删除住户#*'
BEGIN SELECT RAISE(ABORT, 'key records are written once'); END;

DROP TRIGGER key_loans_write_once;
CREATE TRIGGER key_loans_write_once BEFORE UPDATE ON key_loans
WHEN NEW.id IS NOT OLD.id OR NEW.key_id IS NOT OLD.key_id OR NEW.borrower_kind IS NOT OLD.borrower_kind OR NEW.id_type IS NOT OLD.id_type
  OR NEW.id_last4 IS NOT OLD.id_last4 OR NEW.purpose IS NOT OLD.purpose OR NEW.out_at IS NOT OLD.out_at OR NEW.due_at IS NOT OLD.due_at
  OR NEW.operator IS NOT OLD.operator OR NEW.approved_by IS NOT OLD.approved_by OR NEW.override_reason IS NOT OLD.override_reason
  OR NEW.borrower NOT GLOB '*已删除住户#*'
BEGIN SELECT RAISE(ABORT, 'key records are written once'); END;

DROP TRIGGER key_returns_write_once;
CREATE TRIGGER key_returns_write_once BEFORE UPDATE ON key_returns
WHEN NEW.id IS NOT OLD.id OR NEW.loan_id IS NOT OLD.loan_id OR NEW.returned_at IS NOT OLD.returned_at
  OR NEW.condition IS NOT OLD.condition OR NEW.operator IS NOT OLD.operator
  OR NEW.returned_by NOT GLOB '*已删除住户#*'
BEGIN SELECT RAISE(ABORT, 'key records are written once'); END;

-- A set of keys: its hand-back to the owner, once (as in 0012), or an erasure
-- replacing who left it or who took it back.
DROP TRIGGER custody_keys_release_once;
CREATE TRIGGER custody_keys_release_once BEFORE UPDATE ON custody_keys
WHEN NEW.id IS NOT OLD.id OR NEW.unit_id IS NOT OLD.unit_id OR NEW.hook IS NOT OLD.hook
  OR NEW.key_count IS NOT OLD.key_count OR NEW.description IS NOT OLD.description
  OR NEW.deposited_on IS NOT OLD.deposited_on OR NEW.note IS NOT OLD.note OR NEW.recorded_at IS NOT OLD.recorded_at
  OR NEW.operator IS NOT OLD.operator
  OR (NEW.deposited_by IS NOT OLD.deposited_by AND NEW.deposited_by NOT GLOB '*已删除住户#*')
  OR (OLD.returned_on IS NOT NULL AND (NEW.returned_on IS NOT OLD.returned_on OR NEW.returned_by IS NOT OLD.returned_by
      OR (NEW.returned_to IS NOT OLD.returned_to AND NEW.returned_to NOT GLOB '*已删除住户#*')))
  OR (OLD.returned_on IS NULL AND NEW.deposited_by IS NOT OLD.deposited_by AND NEW.returned_on IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'a key deposit is written once; only its return to the owner is added, once'); END;

DROP TRIGGER parcel_pickups_write_once;
CREATE TRIGGER parcel_pickups_write_once BEFORE UPDATE ON parcel_pickups
WHEN NEW.id IS NOT OLD.id OR NEW.parcel_id IS NOT OLD.parcel_id OR NEW.collector IS NOT OLD.collector
  OR NEW.with_code IS NOT OLD.with_code OR NEW.note IS NOT OLD.note OR NEW.picked_at IS NOT OLD.picked_at OR NEW.operator IS NOT OLD.operator
  OR NEW.collector_name NOT GLOB '*已删除住户#*'
BEGIN SELECT RAISE(ABORT, 'parcel rows are written once'); END;
