//! A notice out of the program: the A4 page for the notice board and the
//! plain text for messaging. Neither is made of a withdrawn notice.

use rusqlite::Connection;

use super::{BulletinError, get, rules};
use crate::docs::pdf::{BulletinDoc, bulletin_pdf};
use crate::error::Result;

fn live(conn: &Connection, id: i64, action: &'static str) -> Result<super::Bulletin> {
    let b = get(conn, id)?;
    if let Some(w) = &b.withdrawn {
        return Err(BulletinError::Withdrawn { no: b.bulletin_no, at: w.at.get(..10).unwrap_or_default().to_string(), reason: w.reason.clone(), action }.into());
    }
    Ok(b)
}

/// The notice as an A4 PDF; `seal` leaves a marked place for the office's stamp (盖章处).
pub fn pdf(conn: &Connection, id: i64, seal: bool) -> Result<Vec<u8>> {
    let b = live(conn, id, "打印")?;
    let doc = BulletinDoc { number: b.bulletin_no, title: b.title, body: b.body, issuer: b.issuer, date: b.date_text, seal };
    Ok(bulletin_pdf(&doc)?)
}

/// The notice as plain text (title, body, 落款 and date) to paste into a message.
pub fn text(conn: &Connection, id: i64) -> Result<String> {
    Ok(rules::plain_text(&live(conn, id, "复制或导出文本")?))
}
