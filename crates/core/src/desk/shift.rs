//! Desk actions of the shift handover (`Permission::Service`, as the service
//! desk): the signed-in clerk hands over, the next one acknowledges.

use crate::db::Db;
use crate::error::Result;
use crate::shift::{self, Handover};
use crate::staff::{Permission, Staff, require};

/// The signed-in clerk's handover of what is open now, with their note.
pub fn shift_hand_over(db: &mut Db, staff: &Staff, note: &str) -> Result<Handover> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| shift::hand_over(tx, note))
}

/// The signed-in clerk acknowledges someone else's handover (接班确认).
pub fn shift_acknowledge(db: &mut Db, staff: &Staff, handover: &str, note: &str) -> Result<Handover> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| {
        let id = shift::find(tx, handover)?;
        shift::acknowledge(tx, id, note)
    })
}
