//! The survey on paper: the A4 summary (满意度调查汇总, through
//! `docs::pdf::sheet`) — overall figures, a table by question and one by
//! building, each beside the survey before, and the comments by unit (no
//! names, no phones) — and the 满意度调查 sheet of the month's workbook.

use rusqlite::Connection;

use super::model::*;
use super::rules::{Hundredths, moved, percent, shown};
use super::{results, store};
use crate::db::settings;
use crate::docs::pdf::{SheetBlock, SheetColumn, SheetDoc, SheetTable, sheet_pdf};
use crate::docs::xlsx::{Book, Cell, Kind, Sheet, col};
use crate::error::Result;
use crate::fees::Period;

/// The summary on A4; `printed_at` and `by` go in its footer.
pub fn results_pdf(conn: &Connection, survey_id: i64, printed_at: &str, by: &str) -> Result<Vec<u8>> {
    let r = results(conn, survey_id)?;
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    Ok(sheet_pdf(&summary_doc(&r, &estate, printed_at, by))?)
}

fn summary_doc(r: &Results, estate: &str, printed_at: &str, by: &str) -> SheetDoc {
    let s = &r.survey;
    let o = &r.overall;
    let compared = r.previous.as_ref().map_or_else(|| "无（第一次调查）".to_string(), |p| format!("{}（{}）", p.name, p.period_label));
    let fields = vec![
        ("调查名称".to_string(), s.name.clone()),
        ("调查期间".to_string(), s.period_label.clone()),
        ("开始日期".to_string(), s.opened_on.clone()),
        ("结束日期".to_string(), s.closed_on.clone().unwrap_or_else(|| "进行中".into())),
        ("走访户数".to_string(), format!("{} / {} 户", o.visited, o.units)),
        ("覆盖率".to_string(), percent(o.coverage)),
        ("总平均分".to_string(), format!("{}（较上次 {}）", shown(o.figures.average), moved(o.figures.average_change))),
        ("满意率".to_string(), format!("{}（较上次 {} 个百分点）", percent(o.figures.satisfaction_rate), moved(o.figures.rate_change))),
        ("对比调查".to_string(), compared),
    ];
    let column = |title: &str, share: f32, right: bool| SheetColumn { title: title.into(), share, right };
    let question_rows: Vec<Vec<String>> = r
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Score)
        .map(|q| {
            let f = &q.figures;
            let (avg_moved, rate_moved) = if q.in_previous { (moved(f.average_change), moved(f.rate_change)) } else { ("新题".into(), "新题".into()) };
            vec![q.position.to_string(), q.text.clone(), q.answers.to_string(), shown(f.average), percent(f.satisfaction_rate), shown(f.previous_average), avg_moved, percent(f.previous_rate), rate_moved]
        })
        .collect();
    let building_rows: Vec<Vec<String>> = r.buildings.iter().chain(std::iter::once(o)).map(|b| building_row(b, &format!("{}栋", b.building))).collect();
    let mut blocks = vec![
        SheetBlock::Heading("按题目（评分 1–5 分，5 = 非常满意；满意率 = 4、5 分所占比例，其变化以百分点计）".into()),
        SheetBlock::Table(SheetTable {
            columns: vec![
                column("序号", 0.8, true),
                column("题目", 3.6, false),
                column("答卷", 0.9, true),
                column("平均分", 1.1, true),
                column("满意率", 1.4, true),
                column("上次平均分", 1.6, true),
                column("变化", 1.0, true),
                column("上次满意率", 1.6, true),
                column("变化", 1.0, true),
            ],
            rows: question_rows,
            total: Some(vec![String::new(), "合计（全部评分）".into(), o.figures.scores.to_string(), shown(o.figures.average), percent(o.figures.satisfaction_rate), shown(o.figures.previous_average), moved(o.figures.average_change), percent(o.figures.previous_rate), moved(o.figures.rate_change)]),
        }),
        SheetBlock::Heading("按楼栋".into()),
        SheetBlock::Table(SheetTable {
            columns: vec![
                column("楼栋", 1.2, false),
                column("走访 / 户数", 1.6, true),
                column("覆盖率", 1.3, true),
                column("平均分", 1.1, true),
                column("满意率", 1.3, true),
                column("平均分变化", 1.5, true),
                column("满意率变化", 1.5, true),
            ],
            total: building_rows.last().cloned().map(|mut t| {
                t[0] = "全小区".into();
                t
            }),
            rows: building_rows[..building_rows.len() - 1].to_vec(),
        }),
        SheetBlock::Heading("意见和建议".into()),
    ];
    if r.comments.is_empty() {
        blocks.push(SheetBlock::Text("没有收到意见。".into()));
    } else {
        let rows = r.comments.iter().map(|c| vec![c.unit.clone(), c.question.clone(), c.comment.clone()]).collect();
        blocks.push(SheetBlock::Table(SheetTable { columns: vec![column("房号", 1.3, false), column("题目", 2.6, false), column("意见", 7.0, false)], rows, total: None }));
    }
    SheetDoc {
        title: "业主满意度调查汇总".into(),
        issuer: format!("{estate}物业服务中心"),
        fields,
        blocks,
        signatures: vec!["制表（签字）".into(), "审核（签字）".into()],
        footer: format!("{} 打印于 {} · {by}", s.name, printed_at.get(..16).unwrap_or(printed_at).replace('T', " ")),
    }
}

fn building_row(b: &BuildingResult, name: &str) -> Vec<String> {
    let f = &b.figures;
    vec![name.to_string(), format!("{} / {}", b.visited, b.units), percent(b.coverage), shown(f.average), percent(f.satisfaction_rate), moved(f.average_change), moved(f.rate_change)]
}

/// The results of the surveys closed in `period` (by their close day), oldest half-year first.
pub fn month_results(conn: &Connection, period: Period) -> Result<Vec<Results>> {
    let (from, until) = (period.first_day().to_string(), period.next().first_day().to_string());
    store::closed_between(conn, &from, &until)?.into_iter().map(|id| results(conn, id)).collect()
}

fn rate_cell(h: Option<Hundredths>) -> Cell {
    Cell::Percent(h.map(|h| h.as_f64() / 100.0))
}

fn decimal(h: Option<Hundredths>) -> Cell {
    Cell::Decimal(h.map(Hundredths::as_f64))
}

/// 满意度调查: for each survey closed in the month, a row per score question,
/// per building and for the whole estate, with the change since the survey before.
pub fn results_sheet<'b>(book: &'b mut Book, name: &str, all: &[Results]) -> Result<Sheet<'b>> {
    let columns = [
        col("调查", Kind::Text),
        col("调查期间", Kind::Text),
        col("分项", Kind::Text),
        col("题目 / 楼栋", Kind::Text),
        col("评分数", Kind::Number),
        col("走访户数", Kind::Number),
        col("户数", Kind::Number),
        col("覆盖率", Kind::Percent),
        col("平均分", Kind::Number),
        col("满意率", Kind::Percent),
        col("上次平均分", Kind::Number),
        col("平均分变化", Kind::Number),
        col("上次满意率", Kind::Percent),
        col("满意率变化（百分点）", Kind::Number),
    ];
    let mut sheet = book.sheet(name, &columns)?;
    for r in all {
        let figures = |f: &Figures| [decimal(f.average), rate_cell(f.satisfaction_rate), decimal(f.previous_average), decimal(f.average_change), rate_cell(f.previous_rate), decimal(f.rate_change)];
        for q in r.questions.iter().filter(|q| q.kind == QuestionKind::Score) {
            let mut row = vec![Cell::text(&r.survey.name), Cell::text(&r.survey.period_label), Cell::text("题目"), Cell::text(format!("{}. {}", q.position, q.text)), Cell::Count(q.answers), Cell::Blank, Cell::Blank, Cell::Blank];
            let [avg, rate, pavg, davg, prate, drate] = figures(&q.figures);
            row.extend([avg, rate, pavg, davg, prate, drate]);
            sheet.write_row(&row)?;
        }
        for (what, b) in r.buildings.iter().map(|b| ("楼栋", b)).chain(std::iter::once(("全小区", &r.overall))) {
            let label = if what == "楼栋" { format!("{}栋", b.building) } else { b.building.clone() };
            let mut row = vec![Cell::text(&r.survey.name), Cell::text(&r.survey.period_label), Cell::text(what), Cell::text(label), Cell::Count(b.figures.scores), Cell::Count(b.visited), Cell::Count(b.units), rate_cell(b.coverage)];
            row.extend(figures(&b.figures));
            sheet.write_row(&row)?;
        }
    }
    Ok(sheet)
}
