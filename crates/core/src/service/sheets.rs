//! The service desk on paper: the work order (工程维修单, A4, for the
//! technician to take along and the owner or the desk to sign), and the
//! month's sheets of the finance workbook — 业户需求 (the requests taken in the
//! month and where each stood at the month's end) and 维修汇总 (work orders by
//! category: carried in, reported, finished, average time to finish,
//! unfinished and still open at the month's end). Both are judged by the
//! times things happened, so a month comes out the same whenever exported.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::model::*;
use super::store::{self, Query};
use super::view::{self, minutes_between};
use crate::db::settings;
use crate::docs::pdf::{SheetBlock, SheetColumn, SheetDoc, SheetTable, sheet_pdf};
use crate::docs::xlsx::{Book, Cell, Kind, Sheet, col};
use crate::error::Result;
use crate::fees::Period;

/// The work order on A4; `printed_at` and `by` go in its footer. Phones are masked.
pub fn order_pdf(conn: &Connection, id: i64, printed_at: &str, by: &str) -> Result<Vec<u8>> {
    let o = view::order(conn, id)?;
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    Ok(sheet_pdf(&order_doc(&o, &estate, printed_at, by))?)
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() { "—".into() } else { text.to_string() }
}

fn order_doc(o: &Order, estate: &str, printed_at: &str, by: &str) -> SheetDoc {
    let opt = |t: &Option<String>| or_dash(t.as_deref().unwrap_or_default());
    let charge = match (&o.receipt_no, o.charge.is_positive()) {
        (_, false) => "不收费".to_string(),
        (Some(r), true) => format!("{} 元（已收，收据 {r}）", o.charge),
        (None, true) => format!("{} 元（未收，已记入该户账单）", o.charge),
    };
    let phone = if o.phone.is_empty() { "—".into() } else { crate::register::rules::mask_phone(&o.phone) };
    let fields = vec![
        ("维修单号".to_string(), o.order_no.clone()),
        ("来源".to_string(), o.source_text()),
        ("维修区域".to_string(), o.area_label.to_string()),
        ("房号".to_string(), or_dash(&o.unit)),
        ("维修类别".to_string(), o.category_label.to_string()),
        ("维修位置".to_string(), o.location.clone()),
        ("报修人".to_string(), or_dash(&o.caller)),
        ("联系电话".to_string(), phone),
        ("报修时间".to_string(), o.reported_at.clone()),
        ("派工时间".to_string(), opt(&o.dispatched_at)),
        ("维修人员".to_string(), or_dash(&o.technician)),
        ("到场时间".to_string(), opt(&o.arrived_at)),
        ("完工时间".to_string(), opt(&o.done_at)),
        ("维修用时".to_string(), o.hours_to_finish.map_or_else(|| "—".into(), |h| format!("{h} 小时"))),
        ("使用材料".to_string(), or_dash(&o.materials)),
        ("维修费".to_string(), charge),
        ("状态".to_string(), o.status_label.to_string()),
    ];
    let rows: Vec<Vec<String>> = o
        .steps
        .iter()
        .map(|s| {
            let mut said = Vec::new();
            if let Some(t) = &s.technician {
                said.push(format!("维修人员 {t}"));
            }
            if !s.materials.is_empty() {
                said.push(format!("材料：{}", s.materials));
            }
            if s.charge.is_positive() {
                said.push(format!("收费 {} 元", s.charge));
            }
            match (s.step, s.satisfied) {
                (OrderStatus::Visited, Some(true)) => said.push("业主满意".into()),
                (OrderStatus::Visited, Some(false)) => said.push("业主不满意".into()),
                (OrderStatus::Checked, Some(_)) => said.push("验收合格".into()),
                _ => {}
            }
            if !s.note.is_empty() {
                said.push(s.note.clone());
            }
            vec![s.happened_at.clone(), s.label.to_string(), s.operator.clone(), said.join("；")]
        })
        .collect();
    let column = |title: &str, share: f32| SheetColumn { title: title.into(), share, right: false };
    let mut blocks = vec![SheetBlock::Heading("故障描述".into()), SheetBlock::Text(o.description.clone()), SheetBlock::Heading("处理记录".into())];
    if rows.is_empty() {
        blocks.push(SheetBlock::Text("尚未派工。".into()));
    } else {
        blocks.push(SheetBlock::Table(SheetTable { columns: vec![column("时间", 3.2), column("步骤", 1.8), column("经办", 1.8), column("说明", 6.0)], rows, total: None }));
    }
    let confirm = if o.area == Area::Unit { "业主确认（签字）" } else { "验收人（签字）" };
    SheetDoc {
        title: "工程维修单".into(),
        issuer: format!("{estate}物业服务中心"),
        fields,
        blocks,
        signatures: vec!["维修人员（签字）".into(), confirm.into(), "前台（签字）".into()],
        footer: format!("{} 打印于 {} · {by}", o.order_no, printed_at.get(..16).unwrap_or(printed_at).replace('T', " ")),
    }
}

/// One category's work orders in a month (or the whole month's, as 合计).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderMonthLine {
    pub category: &'static str,
    /// Unfinished at the month's start (结转).
    pub carried_in: i64,
    pub reported: i64,
    /// Finished in the month (a done step in it).
    pub finished: i64,
    /// Average minutes from reported to done, over those finished in the month.
    pub average_minutes: Option<i64>,
    /// Not yet done at the month's end: they carry over to the next month.
    pub unfinished_at_end: i64,
    /// Not yet closed at the month's end.
    pub open_at_end: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthSummary {
    pub period: String,
    /// The requests received in the month, each as it stood at the month's end.
    pub requests: Vec<RequestLine>,
    /// One line per category, every category listed.
    pub orders: Vec<OrderMonthLine>,
    pub total: OrderMonthLine,
}

const DONE: [OrderStatus; 4] = [OrderStatus::Done, OrderStatus::Checked, OrderStatus::Visited, OrderStatus::Closed];

/// The month's requests and work orders.
pub fn month_summary(conn: &Connection, period: Period) -> Result<MonthSummary> {
    let (from, until) = (period.first_day().to_string(), period.next().first_day().to_string());
    let end = period.next().first_day().and_hms_opt(0, 0, 0).unwrap_or_default();
    let mut requests = view::list(conn, &Query { received: Some((from.clone(), until.clone())), ..Query::default() }, end)?;
    for r in &mut requests {
        r.status = store::request_status_at(conn, r.id, &until)?;
        r.status_label = r.status.label();
        r.late = None;
    }
    // Each order's status at the month's start and end, and its last done in the month.
    let mut at_start: HashMap<i64, OrderStatus> = HashMap::new();
    let mut at_end: HashMap<i64, OrderStatus> = HashMap::new();
    let mut done_in: HashMap<i64, String> = HashMap::new();
    for (order, step, happened) in store::order_steps_until(conn, &until)? {
        if happened < from {
            at_start.insert(order, step);
        }
        at_end.insert(order, step);
        if step == OrderStatus::Done && happened >= from {
            done_in.insert(order, happened);
        }
    }
    let heads = store::order_heads(conn, false, None, Some(until.as_str()))?;
    let mut lines: Vec<OrderMonthLine> = Category::ALL.iter().map(|c| empty(c.label())).collect();
    let mut minutes: Vec<Vec<i64>> = vec![Vec::new(); Category::ALL.len()];
    for h in &heads {
        let Some(i) = Category::ALL.iter().position(|c| *c == h.category) else { continue };
        let line = &mut lines[i];
        let start = at_start.get(&h.id).copied().unwrap_or(OrderStatus::Reported);
        let end_status = at_end.get(&h.id).copied().unwrap_or(OrderStatus::Reported);
        if h.reported_at < from {
            line.carried_in += i64::from(!DONE.contains(&start));
        } else {
            line.reported += 1;
        }
        if let Some(done) = done_in.get(&h.id) {
            line.finished += 1;
            if let Some(m) = minutes_between(&h.reported_at, Some(done)) {
                minutes[i].push(m);
            }
        }
        line.unfinished_at_end += i64::from(!DONE.contains(&end_status));
        line.open_at_end += i64::from(end_status != OrderStatus::Closed);
    }
    let mut total = empty("合计");
    for (line, mins) in lines.iter_mut().zip(&minutes) {
        line.average_minutes = average(mins);
        total.carried_in += line.carried_in;
        total.reported += line.reported;
        total.finished += line.finished;
        total.unfinished_at_end += line.unfinished_at_end;
        total.open_at_end += line.open_at_end;
    }
    total.average_minutes = average(&minutes.concat());
    Ok(MonthSummary { period: period.to_string(), requests, orders: lines, total })
}

fn empty(category: &'static str) -> OrderMonthLine {
    OrderMonthLine { category, carried_in: 0, reported: 0, finished: 0, average_minutes: None, unfinished_at_end: 0, open_at_end: 0 }
}

fn average(values: &[i64]) -> Option<i64> {
    (!values.is_empty()).then(|| (values.iter().sum::<i64>() as f64 / values.len() as f64).round() as i64)
}

/// 业户需求: the month's requests, a row each (the caller's phone is not exported).
pub fn requests_sheet<'b>(book: &'b mut Book, name: &str, lines: &[RequestLine]) -> Result<Sheet<'b>> {
    let columns = [
        col("编号", Kind::Text),
        col("类型", Kind::Text),
        col("投诉类别", Kind::Text),
        col("紧急程度", Kind::Text),
        col("房号", Kind::Text),
        col("来人/来电", Kind::Text),
        col("渠道", Kind::Text),
        col("受理时间", Kind::DateTime),
        col("内容", Kind::Text),
        col("受理人", Kind::Text),
        col("月末状态", Kind::Text),
        col("关联欠费", Kind::Count),
    ];
    let mut sheet = book.sheet(name, &columns)?;
    for l in lines {
        sheet.write_row(&[
            Cell::text(&l.request_no),
            Cell::text(l.kind_label),
            Cell::text(l.subject_label.unwrap_or_default()),
            Cell::text(l.urgency_label),
            Cell::text(if l.unit.is_empty() { "公共" } else { &l.unit }),
            Cell::text(&l.caller),
            Cell::text(l.channel_label),
            super::rules::parse_time(&l.received_at).map_or_else(|| Cell::text(&l.received_at), Cell::DateTime),
            Cell::text(&l.content),
            Cell::text(&l.owner),
            Cell::text(l.status_label),
            Cell::Count(i64::from(l.withholding)),
        ])?;
    }
    Ok(sheet)
}

/// 维修汇总: one row per category; the totals row sums the counts.
pub fn orders_sheet<'b>(book: &'b mut Book, name: &str, s: &MonthSummary) -> Result<Sheet<'b>> {
    let columns = [
        col("维修类别", Kind::Text),
        col("上月结转未完工", Kind::Count),
        col("本月报修", Kind::Count),
        col("本月完工", Kind::Count),
        col("平均完工用时（分钟）", Kind::Number),
        col("月末未完工（结转下月）", Kind::Count),
        col("月末未关闭", Kind::Count),
    ];
    let mut sheet = book.sheet(name, &columns)?;
    for l in &s.orders {
        sheet.write_row(&[
            Cell::text(l.category),
            Cell::Count(l.carried_in),
            Cell::Count(l.reported),
            Cell::Count(l.finished),
            l.average_minutes.map_or(Cell::Blank, Cell::Count),
            Cell::Count(l.unfinished_at_end),
            Cell::Count(l.open_at_end),
        ])?;
    }
    Ok(sheet)
}
