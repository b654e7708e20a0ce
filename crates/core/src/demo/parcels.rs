//! The demo's parcel shelf: two months of couriers' drops (about one parcel a
//! day for every eight homes, a few letters), each texted the day it came,
//! most collected within two days, a few returned to the courier after a
//! week, the last days' still waiting. Written through `parcels::` as the desk
//! writes them, a day at a time on that day's clock.

use chrono::{Duration, NaiveDate};

use super::{OPERATOR, at};
use crate::db::Db;
use crate::error::Result;
use crate::parcels::{self, Collector, NewParcel, NewPickup, Phones};
use crate::register::{Unit, UnitType};

/// Days of history: the desk's 30-day list is full, and older parcels are there to leave out.
const DAYS: i64 = 60;
/// Carriers by their share of an estate's parcels, with the prefix their numbers carry.
const CARRIERS: [(&str, &str, u8); 8] =
    [("中通快递", "", 25), ("圆通速递", "YT", 15), ("韵达快递", "", 15), ("申通快递", "", 8), ("极兔速递", "JT", 10), ("顺丰速运", "SF", 12), ("京东物流", "JDVA", 12), ("邮政EMS", "", 3)];

enum Leaves {
    Collected(Collector, Option<String>),
    Returned,
}

/// Parcels for the estate's homes over the last `DAYS` days up to `today`.
pub(super) fn history(db: &mut Db, units: &[Unit], today: NaiveDate, rng: &mut fastrand::Rng) -> Result<()> {
    let homes: Vec<&Unit> = units.iter().filter(|u| u.unit_type == UnitType::Residence).collect();
    if homes.is_empty() {
        return Ok(());
    }
    let per_day = homes.len().div_ceil(8);
    let mut seq: u64 = 0;
    let mut leaving: Vec<(NaiveDate, i64, Leaves)> = Vec::new();
    for back in (0..=DAYS).rev() {
        let day = today - Duration::days(back);
        db.set_clock(at(day, 10));
        let arrived = db.write(OPERATOR, |tx| {
            let mut arrived = Vec::new();
            for _ in 0..per_day + rng.usize(0..=per_day / 3) {
                seq += 1;
                let unit = homes[rng.usize(0..homes.len())];
                let new = if rng.u8(0..100) < 3 {
                    NewParcel { kind: "letter".into(), unit: unit.code.clone(), shelf: "L".into(), ..NewParcel::default() }
                } else {
                    let (carrier, tracking) = carrier_and_number(rng, seq);
                    let size = ["small", "small", "small", "medium", "large"][rng.usize(0..5)];
                    let shelf = ["A", "B", "C", "D"][rng.usize(0..4)];
                    NewParcel { carrier: carrier.into(), tracking_no: tracking, unit: unit.code.clone(), size: size.into(), shelf: shelf.into(), ..NewParcel::default() }
                };
                let p = parcels::intake(tx, &new)?;
                arrived.push((p.id, p.pickup_code, new.kind == "letter"));
            }
            // The day's texts, as the desk sends them after a drop; homes without a mobile are skipped.
            parcels::notify(tx, None, Phones::Full)?;
            Ok(arrived)
        })?;
        for (id, code, letter) in arrived {
            let roll = rng.u8(0..100);
            let (after, how) = match roll {
                _ if letter => (0, Leaves::Collected(Collector::Mailbox, None)),
                0..30 => (0, Leaves::Collected(Collector::Recipient, Some(code))),
                30..65 => (1, Leaves::Collected(Collector::Recipient, Some(code))),
                65..80 => (2, Leaves::Collected(Collector::Family, None)),
                80..88 => (3, Leaves::Collected(Collector::Proxy, Some(code))),
                88..95 => (rng.i64(4..7), Leaves::Collected(Collector::Recipient, None)),
                _ => (7, Leaves::Returned),
            };
            leaving.push((day + Duration::days(after), id, how));
        }
        let due: Vec<(NaiveDate, i64, Leaves)> = leaving.extract_if(.., |(on, _, _)| *on <= day).collect();
        if due.is_empty() {
            continue;
        }
        db.set_clock(at(day, 18));
        db.write(OPERATOR, |tx| {
            for (_, id, how) in &due {
                match how {
                    Leaves::Collected(collector, code) => {
                        let note = if code.is_none() && *collector == Collector::Family { "家人代取，核对了房号和收件人姓名" } else { "" };
                        let how = NewPickup { code: code.clone(), collector: *collector, collector_name: String::new(), note: note.into() };
                        parcels::pickup(tx, &[*id], &how)?;
                    }
                    Leaves::Returned => drop(parcels::return_to_courier(tx, *id, "快递员", "超期未取")?),
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// A carrier by its share, and a number of the shape it prints, unique by `seq`.
fn carrier_and_number(rng: &mut fastrand::Rng, seq: u64) -> (&'static str, String) {
    let mut roll = rng.u8(0..100);
    let (name, prefix, _) = CARRIERS.iter().find(|(_, _, share)| roll < *share || { roll -= share; false }).copied().unwrap_or(CARRIERS[0]);
    let number = if name == "邮政EMS" { format!("E{}{:09}CN", (b'A' + rng.u8(0..26)) as char, seq) } else { format!("{prefix}{:05}{seq:09}", rng.u32(0..100_000)) };
    (name, number)
}
