//! The month's reading list (抄表清单) and allocation table (公摊分摊表): as
//! A4 sheets through the shared `sheet_pdf`, and as sheets of the monthly
//! workbook (`handover`).

use rusqlite::Connection;

use super::model::{Allocation, ReadingLine, ShareBasis};
use crate::db::settings;
use crate::docs::pdf::{SheetBlock, SheetColumn, SheetDoc, SheetTable, sheet_pdf};
use crate::docs::xlsx::{Book, Cell, Kind, Sheet, col};
use crate::error::Result;
use crate::fees::Period;
use crate::money::Money;

fn minute(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

fn columns(cols: &[(&str, f32, bool)]) -> Vec<SheetColumn> {
    cols.iter().map(|&(t, share, right)| SheetColumn { title: t.into(), share, right }).collect()
}

/// What the anomaly column shows: each anomaly, and who confirmed it with what note.
fn anomaly_text(l: &ReadingLine) -> String {
    let mut parts: Vec<String> = l
        .anomalies
        .iter()
        .map(|a| match &a.confirmed {
            Some(c) => format!("{}，已确认（{}：{}）", a.label, c.by, c.note),
            None => format!("{}，未确认", a.label),
        })
        .collect();
    if l.rollover {
        parts.push("表盘翻转".into());
    }
    if let Some(s) = &l.swapped {
        parts.push(format!("换表，旧表用量 {s}"));
    }
    parts.join("；")
}

/// The reading list of a month as an A4 sheet, printed at `printed_at` (ISO-8601).
pub fn reading_pdf(conn: &Connection, period: Period, printed_at: &str) -> Result<Vec<u8>> {
    let lines = super::reading_list(conn, period)?;
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    Ok(sheet_pdf(&reading_doc(&lines, period, &estate, printed_at))?)
}

fn reading_doc(lines: &[ReadingLine], period: Period, estate: &str, printed_at: &str) -> SheetDoc {
    let read = lines.iter().filter(|l| l.value.is_some()).count();
    let anomalies: usize = lines.iter().map(|l| l.anomalies.len()).sum();
    let open: usize = lines.iter().map(|l| l.anomalies.iter().filter(|a| a.confirmed.is_none()).count()).sum();
    let fields = vec![
        ("月份".to_string(), format!("{}年{}月", period.year, period.month)),
        ("表数".to_string(), format!("{} 块，已抄 {read} 块", lines.len())),
        ("异常".to_string(), format!("{anomalies} 个")),
        ("未确认".to_string(), format!("{open} 个")),
    ];
    let mut blocks = Vec::new();
    if lines.is_empty() {
        blocks.push(SheetBlock::Text("没有登记的表。".into()));
    } else {
        let rows = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                vec![
                    (i + 1).to_string(),
                    l.meter.clone(),
                    l.last.clone(),
                    l.value.clone().unwrap_or_else(|| "未抄".into()),
                    l.usage.clone().unwrap_or_default(),
                    l.average.clone().unwrap_or_default(),
                    anomaly_text(l),
                ]
            })
            .collect();
        let cols = [("序号", 0.5, true), ("表", 2.0, false), ("上次读数", 0.8, true), ("本月读数", 0.8, true), ("用量", 0.7, true), ("月均", 0.55, true), ("异常 / 说明", 2.5, false)];
        blocks.push(SheetBlock::Table(SheetTable { columns: columns(&cols), rows, total: None }));
    }
    blocks.push(SheetBlock::Text(
        "用量 = 本月读数 − 上次读数；表盘走满一圈时加上整圈，换表的月份加上旧表最后读数与上次读数之差。月均为此前 12 个月（至少 3 个月）的平均用量。未确认的异常不能出账。".into(),
    ));
    SheetDoc {
        title: "抄表清单".into(),
        issuer: format!("{estate}物业服务中心"),
        fields,
        blocks,
        signatures: vec!["抄表人（签字）".into(), "复核（签字）".into()],
        footer: format!("抄表清单 {period} · 打印于 {}", minute(printed_at)),
    }
}

/// The allocation table of a month as an A4 sheet.
pub fn allocation_pdf(conn: &Connection, period: Period, printed_at: &str) -> Result<Vec<u8>> {
    let all = super::allocations(conn, period)?;
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    Ok(sheet_pdf(&allocation_doc(&all, period, &estate, printed_at))?)
}

fn weight_title(basis: ShareBasis) -> &'static str {
    if basis == ShareBasis::Area { "面积（㎡）" } else { "户数" }
}

fn allocation_doc(all: &[Allocation], period: Period, estate: &str, printed_at: &str) -> SheetDoc {
    let total: Money = all.iter().map(|a| a.total).sum();
    let fields = vec![
        ("月份".to_string(), format!("{}年{}月", period.year, period.month)),
        ("公用表".to_string(), format!("{} 块", all.len())),
        ("分摊合计".to_string(), format!("{} 元", total.grouped())),
    ];
    let mut blocks = Vec::new();
    if all.is_empty() {
        blocks.push(SheetBlock::Text("本月没有公摊分摊。".into()));
    }
    for a in all {
        blocks.push(SheetBlock::Heading(format!("{}（{}，{}）", a.meter, a.fee, a.basis.label())));
        let usage = if a.units_usage == "0" { format!("用量 {}", a.meter_usage) } else { format!("总表用量 {} − 分表用量 {} = {}", a.meter_usage, a.units_usage, a.shared_usage) };
        blocks.push(SheetBlock::Text(format!("{usage}，单价 {} 元，合计 {} 元，按最大余数法分到分，各户之和等于合计。", a.price, a.total.grouped())));
        let rows = a.shares.iter().enumerate().map(|(i, s)| vec![(i + 1).to_string(), s.unit.clone(), s.weight.clone(), s.amount.grouped()]).collect();
        let weights: rust_decimal::Decimal = a.shares.iter().filter_map(|s| s.weight.parse::<rust_decimal::Decimal>().ok()).sum();
        let cols = [("序号", 0.5, true), ("房号", 1.6, false), (weight_title(a.basis), 1.2, true), ("分摊金额（元）", 1.4, true)];
        let total = Some(vec![String::new(), format!("合计 {} 户", a.shares.len()), weights.normalize().to_string(), a.total.grouped()]);
        blocks.push(SheetBlock::Table(SheetTable { columns: columns(&cols), rows, total }));
    }
    SheetDoc {
        title: "公摊分摊表".into(),
        issuer: format!("{estate}物业服务中心"),
        fields,
        blocks,
        signatures: vec!["经办人（签字）".into(), "主管（签字）".into()],
        footer: format!("公摊分摊表 {period} · 打印于 {}", minute(printed_at)),
    }
}

/// The month's reading list as rows of the workbook's 抄表 sheet (the caller finishes the sheet).
pub fn reading_sheet<'b>(book: &'b mut Book, name: &str, lines: &[ReadingLine]) -> Result<Sheet<'b>> {
    let cols = [
        col("表", Kind::Text),
        col("表类", Kind::Text),
        col("房号 / 表名", Kind::Text),
        col("上次读数", Kind::Text),
        col("本月读数", Kind::Text),
        col("用量", Kind::Text),
        col("近12月月均", Kind::Text),
        col("异常", Kind::Count),
        col("异常 / 说明", Kind::Text),
    ];
    let mut sheet = book.sheet(name, &cols)?;
    for l in lines {
        sheet.write_row(&[
            Cell::text(&l.meter),
            Cell::text(l.kind.label()),
            Cell::text(l.unit.clone().unwrap_or_else(|| l.name.clone())),
            Cell::text(&l.last),
            Cell::text(l.value.clone().unwrap_or_else(|| "未抄".into())),
            Cell::text(l.usage.clone().unwrap_or_default()),
            Cell::text(l.average.clone().unwrap_or_default()),
            Cell::Count(l.anomalies.len() as i64),
            Cell::text(anomaly_text(l)),
        ])?;
    }
    Ok(sheet)
}

/// The month's allocations as rows of the workbook's 公摊分摊 sheet, one row per unit's share.
pub fn allocation_sheet<'b>(book: &'b mut Book, name: &str, all: &[Allocation]) -> Result<Sheet<'b>> {
    let cols = [
        col("公用表", Kind::Text),
        col("收费项目", Kind::Text),
        col("分摊方式", Kind::Text),
        col("分摊用量", Kind::Text),
        col("单价", Kind::Text),
        col("房号", Kind::Text),
        col("面积 / 户", Kind::Text),
        col("分摊金额", Kind::Money),
    ];
    let mut sheet = book.sheet(name, &cols)?;
    for a in all {
        for s in &a.shares {
            sheet.write_row(&[
                Cell::text(&a.meter),
                Cell::text(&a.fee),
                Cell::text(a.basis.label()),
                Cell::text(&a.shared_usage),
                Cell::text(&a.price),
                Cell::text(&s.unit),
                Cell::text(&s.weight),
                Cell::Money(s.amount),
            ])?;
        }
    }
    Ok(sheet)
}
