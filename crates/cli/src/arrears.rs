//! `estate arrears`: who owes, for how long, by unit, building and fee item.

use clap::Args;
use estate_core::arrears::{self, Filter};

use crate::Ctx;
use crate::reply::{Reply, table};

#[derive(Args)]
pub struct ArrearsArgs {
    /// 只看这一栋，如 3 或 3栋
    #[arg(long)]
    building: Option<String>,
    /// 只看最早一笔欠费已逾期至少这么多天的房屋
    #[arg(long, default_value_t = 0)]
    min_days: i64,
    /// 只看欠费至少这么多元的房屋
    #[arg(long)]
    min_amount: Option<String>,
    /// 按哪一天计算（默认今天），如 2026-11-23
    #[arg(long)]
    as_of: Option<String>,
}

pub fn arrears(ctx: &Ctx, a: ArrearsArgs) -> estate_core::Result<Reply> {
    let db = ctx.open()?;
    let as_of = arrears::read_as_of(a.as_of.as_deref().unwrap_or(""), db.now().date_naive())?;
    let filter = Filter::read(a.building.as_deref().unwrap_or(""), a.min_days, a.min_amount.as_deref().unwrap_or(""))?;
    let r = arrears::report(db.conn(), as_of, &filter)?;
    let mut header = vec!["房号", "业主", "欠费合计"];
    header.extend(r.brackets);
    header.push("最长逾期");
    let rows: Vec<Vec<String>> = r
        .units
        .iter()
        .map(|u| {
            let mut row = vec![u.unit.clone(), u.owners.clone(), u.aged.total.grouped()];
            row.extend(u.aged.brackets.iter().map(|m| m.grouped()));
            row.push(format!("{} 天", u.oldest_days));
            row
        })
        .collect();
    let mut text = format!(
        "截至 {}（每期首月 {} 日为缴费截止日）：欠费 {} 户，合计 {} 元\n\n",
        r.as_of,
        r.due_day,
        r.units.len(),
        r.total.total.grouped()
    );
    if !rows.is_empty() {
        text += &table(&header, &rows, &[2, 3, 4, 5, 6, 7, 8]);
        let groups = |title: &str, list: &[arrears::Group]| {
            let mut h = vec![title, "欠费合计"];
            h.extend(r.brackets);
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|g| [g.name.clone(), g.aged.total.grouped()].into_iter().chain(g.aged.brackets.iter().map(|m| m.grouped())).collect())
                .collect();
            table(&h, &rows, &[1, 2, 3, 4, 5, 6])
        };
        text += &format!("\n按楼栋：\n{}\n按收费项目：\n{}", groups("楼栋", &r.by_building), groups("项目", &r.by_item));
    }
    Ok(Reply::new(&r, text))
}
