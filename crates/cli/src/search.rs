//! `estate search`: the desk's one search box, from the command line.

use clap::Args;
use estate_core::search::Index;
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, table};

#[derive(Args)]
pub struct SearchArgs {
    /// 房号（3-2-1502、3栋2单元1502、3-2-15）、姓名、拼音首字母（zs）、电话后四位或车牌
    query: String,
    /// 最多显示几条
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

pub fn search(ctx: &Ctx, a: SearchArgs) -> estate_core::Result<Reply> {
    let db = ctx.open()?;
    let hits = Index::load(db.conn())?.find(&a.query, a.limit);
    let text = if hits.is_empty() {
        format!("没有找到“{}”。可以输入房号（3-2-1502）、姓名、拼音首字母（zs）、电话后四位或车牌。", a.query.trim())
    } else {
        let rows: Vec<Vec<String>> =
            hits.iter().map(|h| vec![h.kind.label().into(), h.title.clone(), h.detail.clone(), h.why_label.into()]).collect();
        table(&["类别", "名称", "详情", "匹配"], &rows, &[])
    };
    Ok(Reply::new(&json!({ "hits": hits }), text))
}
