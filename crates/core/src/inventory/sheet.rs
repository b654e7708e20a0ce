//! The count sheet (盘点表, A4): the count's figures, its differences with
//! their explanations, the whole expected list line by line, and signature
//! lines for the counter and the supervisor who signed it off.

use rusqlite::Connection;

use super::{Count, CountLine, Expected};
use crate::close::sheet::{columns, minute};
use crate::db::settings;
use crate::docs::pdf::{SheetBlock, SheetDoc, SheetTable, sheet_pdf};
use crate::error::Result;

/// The sheet of count `id`; `printed_at` goes in its footer. An open count
/// prints too (a working copy to count from), marked as not yet signed off.
pub fn count_sheet(conn: &Connection, id: i64, printed_at: &str) -> Result<Vec<u8>> {
    let c = super::count(conn, id)?;
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    Ok(sheet_pdf(&sheet_doc(&c, &estate, printed_at))?)
}

fn sheet_doc(c: &Count, estate: &str, printed_at: &str) -> SheetDoc {
    let (state, signed) = match &c.closed {
        Some(close) => (format!("已结束（{} {}）", minute(&close.closed_at), close.closed_by), close.signed_off_by.clone()),
        None => ("盘点中，未签字结束".to_string(), "—".to_string()),
    };
    let out = c.lines.iter().filter(|l| l.expected == Expected::Out).count();
    let fields = vec![
        ("盘点月份".to_string(), c.period.clone()),
        ("开始".to_string(), format!("{} {}", minute(&c.started_at), c.started_by)),
        ("应在库".to_string(), format!("{} 件，已点 {} 件", c.in_office, c.recorded)),
        ("已发出".to_string(), format!("{out} 件")),
        ("差异".to_string(), format!("{} 处（未说明 {} 处）", c.differences, c.unexplained)),
        ("状态".to_string(), state),
        ("签字主管".to_string(), signed),
    ];
    let differences: Vec<&CountLine> = c.lines.iter().filter(|l| l.difference.is_some()).collect();
    let mut blocks = vec![SheetBlock::Heading("一、差异及说明".into())];
    if differences.is_empty() {
        blocks.push(SheetBlock::Text("无差异：账实相符。".into()));
    } else {
        blocks.push(SheetBlock::Table(SheetTable {
            columns: columns(&[("行号", 0.5, true), ("类别", 0.9, false), ("编号", 1.3, false), ("差异", 1.1, false), ("说明", 2.6, false)]),
            rows: differences.iter().map(|l| vec![l.line_no.to_string(), l.kind_label.clone(), l.label.clone(), l.status.to_string(), l.note.clone()]).collect(),
            total: None,
        }));
    }
    blocks.push(SheetBlock::Heading("二、盘点清单".into()));
    if c.lines.is_empty() {
        blocks.push(SheetBlock::Text("清单为空：盘点开始时没有登记任何物品。".into()));
    } else {
        blocks.push(SheetBlock::Table(SheetTable {
            columns: columns(&[("行号", 0.5, true), ("类别", 0.9, false), ("编号", 1.3, false), ("应在", 0.8, false), ("位置 / 领用", 1.6, false), ("结果", 0.9, false), ("说明", 1.6, false)]),
            rows: c
                .lines
                .iter()
                .map(|l| vec![l.line_no.to_string(), l.kind_label.clone(), l.label.clone(), l.expected.label().into(), l.place.clone(), l.status.into(), l.note.clone()])
                .collect(),
            total: None,
        }));
    }
    SheetDoc {
        title: "卡证与钥匙盘点表".into(),
        issuer: format!("{estate}物业服务中心"),
        fields,
        blocks,
        signatures: vec!["盘点人（签字）".into(), "主管（签字）".into()],
        footer: format!("{} 盘点表 · 打印于 {}", c.period, minute(printed_at)),
    }
}
