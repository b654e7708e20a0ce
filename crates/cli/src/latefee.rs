//! `estate late-fee`: a late-fee rule (违约金) per fee item, and a unit's late fees to date.

use clap::Subcommand;
use estate_core::arrears::read_as_of;
use estate_core::latefee::{self, RuleInfo};
use estate_core::register as reg;
use serde_json::json;

use estate_core::staff::Permission;

use crate::Ctx;
use crate::reply::{Reply, table};

#[derive(Subcommand)]
pub enum LateFeeCommand {
    /// 设违约金规则（同一项目再设一次即修改）
    Set {
        /// 收费项目名称，如 物业服务费
        item: String,
        /// 日费率：0.0003、0.03% 或 万分之三
        #[arg(long)]
        rate: String,
        /// 缴费截止日之后的宽限天数（0–365）
        #[arg(long)]
        grace: i64,
        /// 封顶：违约金不超过账单金额的百分之几（1–100，100 = 不超过本金）；不填不封顶
        #[arg(long)]
        cap_percent: Option<i64>,
        /// 从哪一天起计违约金（默认今天），如 2026-01-01
        #[arg(long)]
        from: Option<String>,
    },
    /// 取消某个收费项目的违约金规则
    Clear {
        /// 收费项目名称
        item: String,
    },
    /// 列出违约金规则
    List,
    /// 某户每笔欠费到某天的违约金
    Show {
        /// 房号，如 3-2-1502
        unit: String,
        /// 算到哪一天（默认今天），如 2026-11-23
        #[arg(long)]
        as_of: Option<String>,
    },
}

fn rule_rows(rules: &[RuleInfo]) -> Vec<Vec<String>> {
    rules
        .iter()
        .map(|r| {
            let cap = r.rule.cap_percent.map_or("不封顶".to_string(), |p| format!("{p}%"));
            vec![r.item.clone(), r.rule.daily_rate.normalize().to_string(), format!("{} 天", r.rule.grace_days), cap, r.rule.from.to_string(), r.set_by.clone()]
        })
        .collect()
}

const RULE_HEADER: [&str; 6] = ["项目", "日费率", "宽限", "封顶", "起算日期", "设置人"];

pub fn late_fee(ctx: &Ctx, c: LateFeeCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    let today = db.now().date_naive();
    match c {
        LateFeeCommand::Set { item, rate, grace, cap_percent, from } => {
            let rule = latefee::read_rule(&rate, grace, cap_percent, from.as_deref().unwrap_or(""), today)?;
            let info = ctx.write(&mut db, Permission::EditFees, |tx| latefee::set_rule(tx, &item, &rule))?;
            let text = format!("已设置“{}”的违约金规则：\n{}", info.item, table(&RULE_HEADER, &rule_rows(std::slice::from_ref(&info)), &[]));
            Ok(Reply::new(&info, text))
        }
        LateFeeCommand::Clear { item } => {
            ctx.write(&mut db, Permission::EditFees, |tx| latefee::clear_rule(tx, &item))?;
            Ok(Reply::new(&json!({ "item": item.trim(), "cleared": true }), format!("已取消“{}”的违约金规则，此后不再计违约金。", item.trim())))
        }
        LateFeeCommand::List => {
            let rules = latefee::list_rules(db.conn())?;
            let text = match rules.is_empty() {
                true => "还没有设违约金规则。".to_string(),
                false => table(&RULE_HEADER, &rule_rows(&rules), &[]),
            };
            Ok(Reply::new(&json!({ "rules": rules }), text))
        }
        LateFeeCommand::Show { unit, as_of } => {
            let as_of = read_as_of(as_of.as_deref().unwrap_or(""), today)?;
            let unit = reg::find_unit(db.conn(), &unit)?;
            let r = latefee::unit_late_fees(db.conn(), &unit, as_of)?;
            let rows: Vec<Vec<String>> = r
                .bills
                .iter()
                .map(|b| {
                    let fee = b.late_fee.grouped() + if b.capped { "（已封顶）" } else { "" };
                    vec![b.bill_id.to_string(), b.item.clone(), b.period.clone(), b.due.to_string(), b.outstanding.grouped(), format!("{} 天", b.days), b.assessed.grouped(), fee]
                })
                .collect();
            let mut text = format!("{} 截至 {} 的违约金：合计 {} 元\n", r.unit, r.as_of, r.total.grouped());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["账单号", "项目", "期间", "截止日", "未缴", "计费天数", "已计收", "违约金"], &rows, &[4, 5, 6, 7]);
            }
            Ok(Reply::new(&r, text))
        }
    }
}
