//! A realistic demo estate for trying the program and for benchmarks:
//! Chinese names, mixed unit types, years of monthly bills, payments in the
//! habits real owners have (monthly, quarterly, a year ahead, not at all),
//! and 物业服务费's late fee (万分之三 a day after 15 grace days, not above the bill).

mod names;
mod parcels;

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, Duration, Local, NaiveDate, TimeZone};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::db::{Clock, Db};
use crate::error::Result;
use crate::fees::{self, Basis, Method, NewFee, NewPayment, Period};
use crate::latefee::{self, Rule};
use crate::money::Money;
use crate::register::{self, Area, NewPerson, NewUnit, Role, UnitCode, UnitType};

/// The largest demo estate: ten times the biggest estate the benchmarks use.
pub const MAX_UNITS: usize = 50_000;
pub const MAX_YEARS: u32 = 30;

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub units: usize,
    pub years: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    pub estate_name: String,
    pub units: usize,
    pub people: usize,
    pub bills: i64,
    pub payments: i64,
    pub units_in_arrears: usize,
    pub arrears: Money,
    /// Parcels and letters taken in over the last two months, and those still waiting.
    pub parcels: i64,
    pub parcels_waiting: i64,
}

/// How an owner pays.
#[derive(Clone, Copy)]
enum Habit {
    Monthly,
    Quarterly,
    YearAhead,
    Never,
}

const ESTATE: &str = "翠湖花园";
const OPERATOR: &str = "演示前台";

fn at(date: NaiveDate, hour: u32) -> Clock {
    let local = date.and_hms_opt(hour, 0, 0).unwrap_or_default();
    let t = Local.from_local_datetime(&local).earliest().map(|t| t.fixed_offset());
    Clock::Fixed(t.unwrap_or_else(|| local.and_utc().fixed_offset()))
}

/// Builds the demo estate in a new file at `path` (refuses an existing file).
pub fn create(path: &Path, o: &DemoOptions) -> Result<DemoSummary> {
    // Checked before anything is made: 10^12 units once asked for 96 TB and aborted.
    if !(1..=MAX_UNITS).contains(&o.units) || !(1..=MAX_YEARS).contains(&o.years) {
        let message = format!("演示小区的户数应为 1 到 {MAX_UNITS}，历史年数应为 1 到 {MAX_YEARS}。");
        return Err(register::RegisterError::BadInput(message).into());
    }
    let mut rng = fastrand::Rng::with_seed(o.seed);
    let today = chrono::Local::now().date_naive();
    let last = Period::of(today);
    let first = last.plus(-(o.years as i32 * 12) + 1);
    let mut db = Db::create(path, ESTATE)?;
    db.set_clock(at(first.first_day() - Duration::days(1), 9));
    let layout = layout(o.units);
    let habits = db.write(OPERATOR, |tx| {
        add_fees(tx)?;
        let mut habits = Vec::new();
        for (i, (code, unit_type, area)) in layout.iter().enumerate() {
            let handover = first.first_day() - Duration::days(rng.i64(30..2000));
            let unit = register::add_unit(tx, &NewUnit { code: code.clone(), unit_type: *unit_type, area: *area, handover: Some(handover) })?;
            let mut name = names::person(&mut rng);
            if i == 0 {
                // The README's first steps find 张三 by typing zs.
                name = "张三".into();
            }
            let owner = NewPerson { name, phones: vec![names::mobile(&mut rng)], id_number: None };
            register::add_occupant(tx, &unit, &owner, Role::Owner, handover)?;
            if *unit_type == UnitType::Residence && rng.u8(0..10) < 3 {
                let family = NewPerson { name: names::person(&mut rng), phones: vec![names::mobile(&mut rng)], id_number: None };
                register::add_occupant(tx, &unit, &family, Role::Family, handover)?;
            }
            let habit = match rng.u8(0..100) {
                0..70 => Habit::Monthly,
                70..85 => Habit::Quarterly,
                85..94 => Habit::YearAhead,
                _ => Habit::Never,
            };
            habits.push((unit, habit));
        }
        Ok(habits)
    })?;
    for period in first.through(last) {
        db.set_clock(at(period.first_day(), 9));
        db.write(OPERATOR, |tx| fees::run_billing(tx, period, period, &mut |_, _| {}).map(drop))?;
        let pay_day = period.first_day().with_day(rng.u32(5..25)).unwrap_or(period.first_day());
        if pay_day > today {
            continue;
        }
        db.set_clock(at(pay_day, 10));
        db.write(OPERATOR, |tx| {
            let owed_by_unit: HashMap<i64, Money> = fees::arrears(tx)?.into_iter().collect();
            for (unit, habit) in &habits {
                let owed = owed_by_unit.get(&unit.id).copied().unwrap_or(Money::ZERO);
                let amount = match habit {
                    Habit::Monthly if rng.u8(0..10) < 9 => owed,
                    Habit::Quarterly if period.month % 3 == 0 => owed,
                    Habit::YearAhead if period.month == 1 || period == first => owed * 13,
                    _ => Money::ZERO,
                };
                if amount.is_positive() {
                    let method = Method::ALL[rng.usize(0..Method::ALL.len())];
                    let payer = register::owner_names(tx, unit)?;
                    let p = NewPayment { amount, method, payer, reference: String::new(), bills: vec![] };
                    fees::pay(tx, unit, &p)?;
                }
            }
            tx.audit("demo.month", "estate", 0, serde_json::json!({ "period": period }))
        })?;
    }
    // Set after the history, so the history's payments collected no late fee
    // and its figures stay as they were; counted from the first month billed.
    let rule = Rule { daily_rate: Decimal::new(3, 4), grace_days: 15, cap_percent: Some(100), from: first.first_day() };
    db.write(OPERATOR, |tx| latefee::set_rule(tx, "物业服务费", &rule).map(drop))?;
    let units: Vec<register::Unit> = habits.into_iter().map(|(u, _)| u).collect();
    parcels::history(&mut db, &units, today, &mut rng)?;
    summary(&db, &units)
}

fn add_fees(tx: &mut crate::db::Tx) -> Result<()> {
    let fee = |name: &str, basis, price: &str, unit_type| NewFee {
        name: name.into(),
        basis,
        price: price.parse().unwrap_or_default(),
        unit_type: Some(unit_type),
        cycle_months: 1,
    };
    for f in [
        fee("物业服务费", Basis::Area, "2.20", UnitType::Residence),
        fee("物业服务费", Basis::Area, "4.50", UnitType::Shop),
        fee("物业服务费", Basis::Area, "3.00", UnitType::Office),
        fee("车位管理费", Basis::Unit, "80", UnitType::Parking),
        fee("生活垃圾清运费", Basis::Unit, "10", UnitType::Residence),
    ] {
        fees::add_fee(tx, &f)?;
    }
    Ok(())
}

/// Residential towers of 18 floors × 2 entrances × 2 flats, shops along the
/// street, parking spaces underground: about 80/10/10 by count.
fn layout(count: usize) -> Vec<(UnitCode, UnitType, Option<Area>)> {
    let code = |b: String, e: &str, r: String| UnitCode { building: b, entrance: e.to_string(), room: r };
    let shops = count / 12;
    let parking = count / 10;
    let homes = count - shops - parking;
    let mut out = Vec::with_capacity(count);
    for i in 0..homes {
        let (building, rest) = (i / 72 + 1, i % 72);
        let (entrance, floor, flat) = (rest / 36 + 1, rest % 36 / 2 + 1, rest % 2 + 1);
        let area = [8950, 10885, 12820, 14375][(i * 7) % 4];
        out.push((code(building.to_string(), &entrance.to_string(), format!("{floor}{flat:02}")), UnitType::Residence, Some(Area(area))));
    }
    for i in 0..shops {
        out.push((code("S1".into(), "", format!("{}", 101 + i)), UnitType::Shop, Some(Area(4500 + (i as i64 % 5) * 1250))));
    }
    for i in 0..parking {
        out.push((code("P".into(), "", format!("{:03}", i + 1)), UnitType::Parking, None));
    }
    out
}

fn summary(db: &Db, units: &[register::Unit]) -> Result<DemoSummary> {
    let count = |sql: &str| -> Result<i64> { Ok(db.conn().query_row(sql, [], |r| r.get(0))?) };
    let owing = fees::arrears(db.conn())?;
    Ok(DemoSummary {
        estate_name: ESTATE.into(),
        units: units.len(),
        people: count("SELECT COUNT(*) FROM people")? as usize,
        bills: count("SELECT COUNT(*) FROM bills")?,
        payments: count("SELECT COUNT(*) FROM payments")?,
        units_in_arrears: owing.len(),
        arrears: owing.iter().map(|(_, owed)| *owed).sum(),
        parcels: count("SELECT COUNT(*) FROM parcels")?,
        parcels_waiting: count("SELECT COUNT(*) FROM parcel_waiting")?,
    })
}
