//! Printing a batch of 催缴函: the units the pick lets through, in building
//! and unit order (for hand delivery), one letter each, numbered and recorded
//! in the same transaction so a delivery can name its letter.

use std::collections::HashMap;

use serde_json::json;

use super::model::{LetterBatch, LetterOptions, Pick, StagePick};
use super::rules::{self, Fill};
use super::{DunningError, LETTER_BODY_DEFAULT, store};
use crate::db::{Tx, settings};
use crate::docs::pdf::{LetterDoc, LetterLine, letters_pdf};
use crate::error::Result;
use crate::fees::Period;
use crate::money::Money;
use crate::search::rules::code_order;

/// Records the batch and its letters and returns the PDF (every letter in one
/// file). `progress(done, total)` follows the layout, letter by letter.
pub fn print_letters(tx: &mut Tx, pick: &Pick, options: LetterOptions, progress: &mut dyn FnMut(usize, usize)) -> Result<(LetterBatch, Vec<u8>)> {
    let as_of = options.as_of;
    let deadline = rules::deadline(as_of, options.deadline_days)?;
    let mut picked = super::units(tx, as_of, pick)?.units;
    if picked.is_empty() {
        return Err(DunningError::NothingPicked.into());
    }
    picked.sort_by_cached_key(|u| code_order(&u.unit));
    let mut bills = super::due_bills(tx, as_of)?;
    let late_fees: HashMap<i64, Money> = crate::latefee::estate_late_fees(tx, as_of)?.units.into_iter().map(|u| (u.unit_id, u.total)).collect();
    let estate = settings::get_or(tx, settings::ESTATE_NAME, "")?;
    let issuer = settings::office_name(tx)?;
    let template = settings::text_or_default(tx, settings::DUNNING_LETTER_BODY, LETTER_BODY_DEFAULT)?;
    let phone = settings::get_or(tx, settings::OFFICE_PHONE, "")?;
    let (address, payment) = (settings::get_or(tx, settings::OFFICE_ADDRESS, "")?, settings::get_or(tx, settings::PAYMENT_INSTRUCTIONS, "")?);

    let first = store::next_letter_number(tx)?;
    let filter = json!({
        "building": pick.arrears.building,
        "min_days": pick.arrears.min_days,
        "min_amount": pick.arrears.min_amount,
        "stage": match pick.stage { StagePick::Any => "", StagePick::NotContacted => "未催缴", StagePick::At(s) => s.label() },
        "deadline_days": options.deadline_days,
    });
    let (actor, now) = (tx.actor().to_string(), tx.now_text());
    let batch_id = store::insert_batch(tx, as_of, &filter.to_string(), picked.len(), &actor, &now)?;
    let mut docs = Vec::with_capacity(picked.len());
    for (i, unit) in picked.iter().enumerate() {
        let number = first + i as i64;
        let letter_no = rules::letter_no(number);
        let lines = itemise(bills.remove(&unit.unit_id).unwrap_or_default());
        let owed: Money = lines.iter().map(|l| l.amount).sum();
        let late_fee = late_fees.get(&unit.unit_id).copied().unwrap_or(Money::ZERO);
        let fill = Fill {
            name: &unit.owners,
            unit: &unit.unit,
            amount: &owed.grouped(),
            deadline: &rules::chinese_date(deadline),
            phone: &phone,
            estate: &estate,
            date: &rules::chinese_date(as_of),
        };
        let row = store::NewLetterRow {
            number,
            letter_no: &letter_no,
            batch_id,
            unit_id: unit.unit_id,
            addressee: &unit.owners,
            owed,
            late_fee,
            deadline,
            issued_on: as_of,
        };
        store::insert_letter(tx, &row, &now)?;
        docs.push(LetterDoc {
            letter_no,
            issuer: issuer.clone(),
            addressee: unit.owners.clone(),
            unit_code: unit.unit.clone(),
            body: rules::fill(&template, &fill),
            lines,
            // A unit without a late fee (no rule, or still in its grace days) has no such line.
            late_fee: late_fee.is_positive().then_some(late_fee),
            total: owed + late_fee,
            deadline,
            payment: payment.clone(),
            address: address.clone(),
            phone: phone.clone(),
            date: as_of,
            with_slip: options.with_slip,
        });
    }
    let total = docs.iter().map(|d| d.total).sum();
    let batch = LetterBatch {
        batch_id,
        letters: docs.len(),
        first_no: rules::letter_no(first),
        last_no: rules::letter_no(first + docs.len() as i64 - 1),
        total,
        deadline,
    };
    tx.audit("dunning.letters", "dunning_batches", batch_id, json!({ "letters": batch.letters, "first": batch.first_no, "last": batch.last_no, "as_of": as_of, "filter": filter }))?;
    let pdf = letters_pdf(&docs, progress)?;
    Ok((batch, pdf))
}

/// One line per fee item, in the order its debt began (the bills come oldest
/// first), with its months written as runs.
fn itemise(bills: Vec<super::DueBill>) -> Vec<LetterLine> {
    let mut items: Vec<(String, Vec<Period>, Money)> = Vec::new();
    for b in bills {
        match items.iter_mut().find(|(name, ..)| *name == b.bill.item) {
            Some((_, periods, amount)) => {
                periods.push(b.period);
                *amount += b.bill.owing;
            }
            None => items.push((b.bill.item, vec![b.period], b.bill.owing)),
        }
    }
    items
        .into_iter()
        .map(|(item, mut periods, amount)| {
            periods.sort();
            LetterLine { item, periods: rules::period_ranges(&periods), amount }
        })
        .collect()
}
