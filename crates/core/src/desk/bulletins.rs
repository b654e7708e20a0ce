//! Desk actions of the notice board (公告通知). Templates are the office's
//! public wording, like the 催缴函 body and the message texts kept in the
//! settings, so adding or editing one is a supervisor's (`EditSettings`);
//! issuing a notice from a template and withdrawing one is front-desk work
//! (`Service`); printing and copying the text write nothing (`View`).

use crate::bulletins::{self, Bulletin, NewBulletin, Template, TemplateText};
use crate::db::Db;
use crate::error::Result;
use crate::staff::{Permission, Staff, require};

pub fn notice_template_add(db: &mut Db, staff: &Staff, t: &TemplateText) -> Result<Template> {
    require(staff, Permission::EditSettings)?;
    db.write(&staff.name, |tx| bulletins::add_template(tx, t))
}

/// A new version of the template named `template` (its name or id); blank fields stay.
pub fn notice_template_edit(db: &mut Db, staff: &Staff, template: &str, t: &TemplateText) -> Result<Template> {
    require(staff, Permission::EditSettings)?;
    db.write(&staff.name, |tx| {
        let id = bulletins::find_template(tx, template)?;
        bulletins::edit_template(tx, id, t)
    })
}

pub fn notice_issue(db: &mut Db, staff: &Staff, n: &NewBulletin) -> Result<Bulletin> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| bulletins::issue(tx, n))
}

pub fn notice_withdraw(db: &mut Db, staff: &Staff, notice: &str, reason: &str) -> Result<Bulletin> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| {
        let id = bulletins::find(tx, notice)?;
        bulletins::withdraw(tx, id, reason)
    })
}

/// The notice as an A4 PDF (refused once withdrawn).
pub fn notice_pdf(db: &Db, staff: &Staff, notice: &str, seal: bool) -> Result<Vec<u8>> {
    require(staff, Permission::View)?;
    let id = bulletins::find(db.conn(), notice)?;
    bulletins::pdf(db.conn(), id, seal)
}

/// The notice as plain text for messaging (refused once withdrawn).
pub fn notice_text(db: &Db, staff: &Staff, notice: &str) -> Result<String> {
    require(staff, Permission::View)?;
    let id = bulletins::find(db.conn(), notice)?;
    bulletins::text(db.conn(), id)
}
