//! The data-subject export: everything kept about one person in one workbook
//! with the office's usual look (`docs::xlsx`). It is the person's own data,
//! so phones and the ID number are in full; only a supervisor makes it.

use std::path::Path;

use chrono::{DateTime, NaiveDate};
use rusqlite::Connection;

use serde_json::json;

use super::model::{Exported, PersonalData, Revealed};
use crate::db::{Tx, settings};
use crate::docs::xlsx::{Book, Cell, Column, Kind, col};
use crate::dunning::rules::Stage;
use crate::error::{FileError, Result};
use crate::fees::Method;
use crate::register::Role;

fn when(text: &str) -> Cell {
    match DateTime::parse_from_rfc3339(text) {
        Ok(t) => Cell::DateTime(t.naive_local()),
        Err(_) => Cell::text(text),
    }
}

fn day(text: &str) -> Cell {
    text.parse::<NaiveDate>().map_or_else(|_| Cell::text(text), Cell::Date)
}

/// Writes a sheet of `rows`, or one line saying there is nothing.
fn sheet(book: &mut Book, name: &str, columns: &[Column], rows: Vec<Vec<Cell>>) -> Result<()> {
    let mut s = book.sheet(name, columns)?;
    if rows.is_empty() {
        s.write_row(&[Cell::text("（没有记录）")])?;
    }
    for row in rows {
        s.write_row(&row)?;
    }
    s.finish()
}

/// The workbook of one person's data.
pub fn export_xlsx(conn: &Connection, data: &PersonalData) -> Result<Vec<u8>> {
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    let p = &data.person;
    let mut book = Book::new(&format!("{estate} 个人信息导出 住户编号 {}", p.id));
    let details = vec![
        vec![Cell::text("住户编号"), Cell::text(p.id.to_string())],
        vec![Cell::text("姓名"), Cell::text(&p.name)],
        vec![Cell::text("电话"), Cell::text(p.phones.join(" / "))],
        vec![Cell::text("身份证号"), Cell::text(p.id_number.clone().unwrap_or_default())],
        vec![Cell::text("登记时间"), when(&data.registered_at)],
    ];
    sheet(&mut book, "个人信息", &[col("项目", Kind::Text), col("内容", Kind::Text)], details)?;
    let ties = data
        .ties
        .iter()
        .map(|t| {
            let role = Role::parse(&t.role).map_or_else(|| t.role.clone(), |r| r.label().to_string());
            vec![Cell::text(&t.unit), Cell::text(role), day(&t.from), t.to.as_deref().map_or(Cell::text("至今"), day)]
        })
        .collect();
    sheet(&mut book, "房屋", &[col("房号", Kind::Text), col("身份", Kind::Text), col("起始日期", Kind::Date), col("结束日期", Kind::Date)], ties)?;
    let vehicles = data.vehicles.iter().map(|(plate, unit)| vec![Cell::text(plate), Cell::text(unit)]).collect();
    sheet(&mut book, "车辆", &[col("车牌", Kind::Text), col("房号", Kind::Text)], vehicles)?;
    let transfers = data
        .transfers
        .iter()
        .map(|t| vec![day(&t.date), Cell::text(&t.unit), Cell::text(&t.from_people), Cell::text(&t.to_person), Cell::text(&t.note)])
        .collect();
    let transfer_columns = [col("过户日期", Kind::Date), col("房号", Kind::Text), col("原业主", Kind::Text), col("新业主", Kind::Text), col("备注", Kind::Text)];
    sheet(&mut book, "过户", &transfer_columns, transfers)?;
    let payments = data
        .payments
        .iter()
        .map(|pay| {
            vec![
                Cell::text(&pay.receipt_no),
                when(&pay.paid_at),
                Cell::text(&pay.unit),
                Cell::Money(pay.amount),
                Cell::text(Method::label_of(&pay.method)),
                Cell::text(&pay.payer),
                Cell::text(if pay.voided { "已作废" } else { "" }),
            ]
        })
        .collect();
    let payment_columns = [
        col("收据号", Kind::Text),
        col("交款时间", Kind::DateTime),
        col("房号", Kind::Text),
        col("金额", Kind::Money),
        col("方式", Kind::Text),
        col("交款人", Kind::Text),
        col("状态", Kind::Text),
    ];
    sheet(&mut book, "缴费记录", &payment_columns, payments)?;
    let dunning = data
        .dunning
        .iter()
        .map(|d| {
            let stage = Stage::parse(&d.stage).map_or_else(|_| d.stage.clone(), |s| s.label().to_string());
            vec![day(&d.date), Cell::text(&d.unit), Cell::text(stage), Cell::text(&d.channel), Cell::text(&d.outcome), Cell::text(&d.operator)]
        })
        .collect();
    let dunning_columns =
        [col("日期", Kind::Date), col("房号", Kind::Text), col("阶段", Kind::Text), col("方式", Kind::Text), col("结果", Kind::Text), col("经办人", Kind::Text)];
    sheet(&mut book, "催缴记录", &dunning_columns, dunning)?;
    let requests = data
        .requests
        .iter()
        .map(|r| {
            let kind = r.subject_label.map_or_else(|| r.kind_label.to_string(), |s| format!("{}（{s}）", r.kind_label));
            vec![
                Cell::text(&r.request_no),
                Cell::text(&r.received_at),
                Cell::text(&r.unit),
                Cell::text(kind),
                Cell::text(&r.caller),
                Cell::text(&r.phone),
                Cell::text(r.channel_label),
                Cell::text(&r.content),
                Cell::text(r.status_label),
            ]
        })
        .collect();
    let request_columns = [
        col("编号", Kind::Text),
        col("受理时间", Kind::Text),
        col("房号", Kind::Text),
        col("类型", Kind::Text),
        col("来人", Kind::Text),
        col("电话", Kind::Text),
        col("渠道", Kind::Text),
        col("内容", Kind::Text),
        col("状态", Kind::Text),
    ];
    sheet(&mut book, "服务需求", &request_columns, requests)?;
    let surveys = data
        .surveys
        .iter()
        .map(|s| vec![Cell::text(&s.survey), day(&s.visited_on), Cell::text(&s.unit), Cell::text(&s.respondent), Cell::text(&s.visited_by), Cell::text(&s.answers)])
        .collect();
    let survey_columns =
        [col("调查", Kind::Text), col("走访日期", Kind::Date), col("房号", Kind::Text), col("答卷人", Kind::Text), col("走访人", Kind::Text), col("回答", Kind::Text)];
    sheet(&mut book, "满意度调查", &survey_columns, surveys)?;
    let audit = data
        .audit
        .iter()
        .map(|e| vec![Cell::Count(e.id), when(&e.at), Cell::text(&e.actor), Cell::text(&e.action), Cell::text(&e.detail)])
        .collect();
    let audit_columns = [col("序号", Kind::Number), col("时间", Kind::DateTime), col("操作人", Kind::Text), col("操作", Kind::Text), col("内容", Kind::Text)];
    sheet(&mut book, "操作记录", &audit_columns, audit)?;
    book.to_bytes()
}

/// Writes the export to `out` and says what it holds. Audited (who exported
/// whose data; the file's name is left out, it may hold the person's name):
/// the file is saved inside the write, so an export that could not be saved is not recorded.
pub fn export(tx: &mut Tx, person_id: i64, out: &Path) -> Result<Exported> {
    let data = super::personal_data(tx, person_id)?;
    FileError::write(out, &export_xlsx(tx, &data)?)?;
    let exported = Exported {
        person_id,
        file: out.display().to_string(),
        units: data.ties.len(),
        vehicles: data.vehicles.len(),
        transfers: data.transfers.len(),
        payments: data.payments.len(),
        dunning: data.dunning.len(),
        requests: data.requests.len(),
        surveys: data.surveys.len(),
        audit: data.audit.len(),
    };
    let counts = json!({ "units": exported.units, "payments": exported.payments, "requests": exported.requests, "surveys": exported.surveys, "audit": exported.audit });
    tx.audit("person.export", "person", person_id, counts)?;
    Ok(exported)
}

/// One person's phones and ID number in full, for a supervisor at the person
/// screen; every reveal is audited (who looked at whose data, nothing more).
pub fn reveal(tx: &mut Tx, person_id: i64) -> Result<Revealed> {
    let p = super::person(tx, person_id)?;
    tx.audit("person.reveal", "person", person_id, json!({}))?;
    Ok(Revealed { id: p.id, name: p.name, phones: p.phones, id_number: p.id_number })
}
