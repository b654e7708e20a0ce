//! The round on paper (巡检记录表, A4 through `docs::pdf::sheet`): printed
//! blank when it is started, for the inspector to take along and tick, or
//! filled in once answered, with the work orders of its findings.

use rusqlite::Connection;

use super::model::Round;
use crate::db::settings;
use crate::docs::pdf::{SheetBlock, SheetColumn, SheetDoc, SheetTable, sheet_pdf};
use crate::error::Result;

/// The round as an A4 PDF; `printed_at` and `by` go in its footer.
pub fn round_pdf(conn: &Connection, id: i64, printed_at: &str, by: &str) -> Result<Vec<u8>> {
    let r = super::round(conn, id)?;
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    Ok(sheet_pdf(&round_doc(&r, &estate, printed_at, by))?)
}

fn round_doc(r: &Round, estate: &str, printed_at: &str, by: &str) -> SheetDoc {
    let mut fields = vec![("巡检编号".to_string(), r.round_no.clone()), ("巡检表".to_string(), r.title.to_string())];
    if !r.unit.is_empty() {
        fields.push(("房号".to_string(), r.unit.clone()));
    }
    fields.push(("巡检日期".to_string(), r.inspected_on.clone()));
    fields.push(("巡检人".to_string(), r.inspector.clone()));
    let status = match &r.finished_at {
        Some(at) => format!("已完成（{}）", at.get(..16).unwrap_or(at).replace('T', " ")),
        None => format!("进行中（已填 {}/{} 项）", r.answered, r.items),
    };
    fields.push(("状态".to_string(), status));
    fields.push(("异常".to_string(), format!("{} 项，已开维修单 {} 张", r.faults, r.orders)));
    let rows: Vec<Vec<String>> = r
        .answers
        .iter()
        .map(|a| {
            let result = match a.ok {
                Some(true) => "正常".to_string(),
                Some(false) => "异常".to_string(),
                None => "□正常 □异常".to_string(),
            };
            let order = match (&a.order_no, a.order_status_label) {
                (Some(no), Some(s)) => format!("{no}（{s}）"),
                (Some(no), None) => no.clone(),
                _ => String::new(),
            };
            vec![a.position.to_string(), a.item.clone(), result, a.note.clone(), order]
        })
        .collect();
    let column = |title: &str, share: f32| SheetColumn { title: title.into(), share, right: false };
    let blocks = vec![
        SheetBlock::Heading("检查项目".into()),
        SheetBlock::Table(SheetTable { columns: vec![column("序号", 0.8), column("检查项", 2.4), column("结果", 2.0), column("情况说明", 4.4), column("维修单", 4.2)], rows, total: None }),
    ];
    SheetDoc {
        title: format!("{}记录表", r.title),
        issuer: format!("{estate}物业服务中心"),
        fields,
        blocks,
        signatures: vec!["巡检人（签字）".into(), "前台（签字）".into()],
        footer: format!("{} 打印于 {} · {by}", r.round_no, printed_at.get(..16).unwrap_or(printed_at).replace('T', " ")),
    }
}
