//! `estate meter`: water, electricity and gas meters — add, replace, read,
//! correct, confirm, import, check, allocate (公摊), fee (tiered prices), list
//! and sheet (the reading list and the allocation table as PDF).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use estate_core::fees::Period;
use estate_core::meters::{self, AnomalyKind, Meter, MeterKind, MetersError, NewMeter, NewSwap, ReadingLine, ShareBasis};
use estate_core::staff::Permission;
use estate_core::{Db, Result};
use serde_json::json;

use crate::Ctx;
use crate::register::ImportFlags;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum MeterCommand {
    /// 登记表：房屋的表写房号，公用表（电梯、公共照明、水泵）写 --name（主管）
    Add {
        /// 房号，如 3-2-1502（公用表不写）
        unit: Option<String>,
        /// 表类：水、电、燃气
        #[arg(long)]
        kind: String,
        /// 公用表的表名，如 3栋电梯
        #[arg(long, default_value = "")]
        name: String,
        /// 公用表所属楼栋（不写为全小区）
        #[arg(long, default_value = "")]
        building: String,
        /// 房屋的表挂在哪块公用表（总表）下面
        #[arg(long, default_value = "")]
        under: String,
        /// 表盘位数（默认 5）
        #[arg(long, default_value = "")]
        digits: String,
        /// 登记时的表底读数（默认 0）
        #[arg(long, default_value = "")]
        start: String,
        /// 从哪个月开始抄表（默认本月）
        #[arg(long, default_value = "")]
        period: String,
        /// 收费项目（默认 水费/电费/燃气费，公用表 公摊水费/公摊电费/公摊燃气费）
        #[arg(long, default_value = "")]
        fee: String,
        /// 表号
        #[arg(long, default_value = "")]
        serial: String,
    },
    /// 换表：旧表最后读数和新表起始读数一次登记（主管）
    Replace {
        /// 房号或公用表名
        meter: String,
        #[arg(long)]
        kind: Option<String>,
        /// 换表的月份（默认本月）
        #[arg(long, default_value = "")]
        period: String,
        /// 旧表最后读数
        #[arg(long)]
        old_final: String,
        /// 新表起始读数（默认 0）
        #[arg(long, default_value = "")]
        new_start: String,
        /// 新表表盘位数（默认同旧表）
        #[arg(long, default_value = "")]
        digits: String,
        /// 新表表号
        #[arg(long, default_value = "")]
        serial: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 录入本月读数
    Read(ReadingArgs),
    /// 更正读数，写明原因
    Correct {
        #[command(flatten)]
        reading: ReadingArgs,
        #[arg(long)]
        reason: String,
    },
    /// 确认异常（读数无误），写明说明：lower 小于上月、missing 未抄表、spike 用量突增、zero_occupied 有人住用量为零
    Confirm {
        meter: String,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        period: Option<String>,
        /// 异常：lower、missing、spike、zero_occupied（或中文）
        #[arg(long)]
        anomaly: String,
        #[arg(long)]
        note: String,
    },
    /// 导入工程部的抄表表格（.xlsx/.xls/.csv）：有问题的行全部列出，默认一行都不写入
    Import {
        file: PathBuf,
        /// 月份
        #[arg(long)]
        period: String,
        /// 表格里没有表类列时的表类
        #[arg(long)]
        kind: Option<String>,
        #[command(flatten)]
        flags: ImportFlags,
    },
    /// 出账前检查：小于上月、未抄表、用量突增、有人住用量为零
    Check {
        #[arg(long)]
        period: Option<String>,
    },
    /// 公摊分摊：公用表用量（或总表减分表）按面积或按户分到各户（主管）
    Allocate {
        /// 公用表名
        meter: String,
        #[arg(long)]
        period: Option<String>,
        /// area 按面积、household 按户（默认取设置 meter_share_basis）
        #[arg(long)]
        basis: Option<String>,
    },
    /// 阶梯价格：如 --tiers "50:2.70,80:3.55,:4.80"；--tiers "" 取消；不写则列出
    Fee {
        /// 按用量的收费项目，如 水费
        fee: Option<String>,
        #[arg(long)]
        tiers: Option<String>,
    },
    /// 抄表清单（某月各表读数、用量、异常）；--meters 列出登记的表；--allocations 列出公摊分摊
    List {
        #[arg(long)]
        period: Option<String>,
        #[arg(long)]
        meters: bool,
        #[arg(long)]
        allocations: bool,
    },
    /// 打印抄表清单或公摊分摊表（PDF）
    Sheet {
        #[arg(long)]
        period: Option<String>,
        /// 打印公摊分摊表（默认抄表清单）
        #[arg(long)]
        allocations: bool,
        /// 保存到（.pdf）
        #[arg(long)]
        out: PathBuf,
    },
}

/// Which meter, the reading and the month.
#[derive(Args)]
pub struct ReadingArgs {
    /// 房号或公用表名
    meter: String,
    /// 读数
    #[arg(allow_hyphen_values = true)]
    value: String,
    /// 表类（房屋有多块表时）：水、电、燃气
    #[arg(long)]
    kind: Option<String>,
    /// 月份（默认本月）
    #[arg(long)]
    period: Option<String>,
}

fn kind_of(kind: &Option<String>) -> Result<Option<MeterKind>> {
    kind.as_deref().map(MeterKind::parse).transpose().map_err(Into::into)
}

fn period_or_now(db: &Db, period: &Option<String>) -> Result<Period> {
    match period {
        Some(p) => Ok(Period::parse(p)?),
        None => Ok(Period::of(db.now().date_naive())),
    }
}

pub fn meter(ctx: &Ctx, c: MeterCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    match c {
        MeterCommand::Add { unit, kind, name, building, under, digits, start, period, fee, serial } => {
            let new = NewMeter { kind, unit: unit.unwrap_or_default(), name, building, under, digits, start, period, fee, serial };
            let m = ctx.write(&mut db, Permission::ManageMeters, |tx| meters::add_meter(tx, &new))?;
            Ok(Reply::new(&m, format!("已登记{}\n{}", m.label(), meter_fields(&m))))
        }
        MeterCommand::Replace { meter, kind, period, old_final, new_start, digits, serial, note } => {
            let m = meters::find_meter(db.conn(), &meter, kind_of(&kind)?)?;
            let swap = NewSwap { period, old_final, new_start, digits, serial, note };
            let m = ctx.write(&mut db, Permission::ManageMeters, |tx| meters::replace(tx, &m, &swap))?;
            Ok(Reply::new(&m, format!("已登记换表：{}\n{}", m.label(), meter_fields(&m))))
        }
        MeterCommand::Read(ReadingArgs { meter, value, kind, period }) => {
            let m = meters::find_meter(db.conn(), &meter, kind_of(&kind)?)?;
            let period = period_or_now(&db, &period)?;
            let line = ctx.write(&mut db, Permission::ReadMeters, |tx| meters::read(tx, &m, period, &value))?;
            Ok(Reply::new(&line, line_text("已录入读数", &line)))
        }
        MeterCommand::Correct { reading: ReadingArgs { meter, value, kind, period }, reason } => {
            let m = meters::find_meter(db.conn(), &meter, kind_of(&kind)?)?;
            let period = period_or_now(&db, &period)?;
            let line = ctx.write(&mut db, Permission::ReadMeters, |tx| meters::correct(tx, &m, period, &value, &reason))?;
            Ok(Reply::new(&line, line_text("已更正读数", &line)))
        }
        MeterCommand::Confirm { meter, kind, period, anomaly, note } => {
            let m = meters::find_meter(db.conn(), &meter, kind_of(&kind)?)?;
            let period = period_or_now(&db, &period)?;
            let kind = AnomalyKind::parse(&anomaly).ok_or_else(|| MetersError::NoSuchAnomaly { meter: m.label(), period: period.to_string(), kind: anomaly.clone() })?;
            let a = ctx.write(&mut db, Permission::ReadMeters, |tx| meters::confirm(tx, &m, period, kind, &note))?;
            let text = format!("已确认异常\n{}", fields(&[("表", a.meter.clone()), ("月份", a.period.clone()), ("异常", format!("{}：{}", a.label, a.message)), ("说明", note.trim().to_string())]));
            Ok(Reply::new(&a, text))
        }
        MeterCommand::Import { file, period, kind, flags } => {
            let period = Period::parse(&period)?;
            let kind = kind_of(&kind)?;
            let me = ctx.staff(&mut db)?;
            estate_core::staff::require(&me, Permission::ReadMeters)?;
            estate_core::staff::require(&me, Permission::Import)?;
            let (dry_run, skip_bad_rows) = (flags.dry_run, flags.skip_bad_rows);
            let options = flags.options();
            let report = meters::import::import_readings(&mut db, &me.name, &file, period, kind, &options, &mut |_, _| {})?;
            let counts = fields(&[
                ("数据行", report.rows.to_string()),
                ("写入读数", report.written.to_string()),
                ("已录入未变", report.unchanged.to_string()),
                ("跳过的行", report.skipped.to_string()),
            ]);
            Ok(crate::register::import_reply(&report, counts, &report.errors, dry_run, skip_bad_rows))
        }
        MeterCommand::Check { period } => {
            let period = period_or_now(&db, &period)?;
            let report = meters::check(db.conn(), period)?;
            let mut text = format!("{} 抄表检查：{} 块表，{} 个读数，异常 {} 个，未确认 {} 个\n", report.period, report.meters, report.readings, report.anomalies.len(), report.unconfirmed);
            if !report.anomalies.is_empty() {
                let rows: Vec<Vec<String>> = report
                    .anomalies
                    .iter()
                    .map(|a| {
                        let state = a.confirmed.as_ref().map(|c| format!("已确认（{}：{}）", c.by, c.note)).unwrap_or_else(|| "未确认".into());
                        vec![a.meter.clone(), a.label.to_string(), a.message.clone(), state]
                    })
                    .collect();
                text += "\n";
                text += &table(&["表", "异常", "情况", "处理"], &rows, &[]);
            }
            if report.unconfirmed > 0 {
                text += "\n未确认的异常要逐一确认（estate meter confirm，写明说明）或更正读数（estate meter correct），否则不能出账。\n";
            }
            Ok(Reply::new(&report, text))
        }
        MeterCommand::Allocate { meter, period, basis } => {
            let period = period_or_now(&db, &period)?;
            let basis = basis.as_deref().map(ShareBasis::parse).transpose()?;
            let m = meters::find_meter(db.conn(), &meter, None)?;
            let a = ctx.write(&mut db, Permission::ManageMeters, |tx| meters::allocate(tx, &m, period, basis))?;
            Ok(Reply::new(&a, allocation_text(&a)))
        }
        MeterCommand::Fee { fee, tiers } => match (fee, tiers) {
            (Some(fee), Some(tiers)) => {
                let t = ctx.write(&mut db, Permission::EditFees, |tx| meters::set_tiers(tx, &fee, &tiers))?;
                let shown = meters::rules::tiers_text(&t);
                let text = if t.is_empty() { format!("已取消“{fee}”的阶梯价格，按单一单价计费") } else { format!("已设置“{fee}”阶梯价格：{shown}") };
                Ok(Reply::new(&json!({ "fee": fee, "tiers": t, "text": shown }), text))
            }
            (Some(fee), None) => {
                let t = meters::tiers_of(db.conn(), &fee)?;
                let shown = meters::rules::tiers_text(&t);
                let text = if t.is_empty() { format!("“{fee}”没有阶梯价格，按单一单价计费") } else { format!("“{fee}”阶梯价格：{shown}") };
                Ok(Reply::new(&json!({ "fee": fee, "tiers": t, "text": shown }), text))
            }
            (None, _) => {
                let all = meters::all_tiers(db.conn())?;
                let rows: Vec<Vec<String>> = all.iter().map(|(f, t)| vec![f.clone(), meters::rules::tiers_text(t)]).collect();
                let text = if rows.is_empty() { "没有设置阶梯价格。".to_string() } else { table(&["收费项目", "阶梯（上限:单价）"], &rows, &[]) };
                let items: Vec<_> = all.iter().map(|(f, t)| json!({ "fee": f, "tiers": t, "text": meters::rules::tiers_text(t) })).collect();
                Ok(Reply::new(&json!({ "fees": items }), text))
            }
        },
        MeterCommand::List { period, meters: list_meters, allocations } => {
            if list_meters {
                let all = meters::meters(db.conn())?;
                let rows: Vec<Vec<String>> = all
                    .iter()
                    .map(|m| vec![m.id.to_string(), m.label(), m.parent.clone().unwrap_or_default(), m.digits.to_string(), format!("{}（{}）", m.start, m.start_period), m.fee.clone(), m.serial.clone()])
                    .collect();
                let text = format!("登记的表 {} 块\n\n{}", all.len(), table(&["编号", "表", "所属总表", "位数", "表底", "收费项目", "表号"], &rows, &[0, 3]));
                return Ok(Reply::new(&json!({ "meters": all, "count": all.len() }), text));
            }
            let period = period_or_now(&db, &period)?;
            if allocations {
                let all = meters::allocations(db.conn(), period)?;
                let text = if all.is_empty() { format!("{period} 没有公摊分摊。") } else { all.iter().map(allocation_text).collect::<Vec<_>>().join("\n") };
                return Ok(Reply::new(&json!({ "period": period, "allocations": all }), text));
            }
            let lines = meters::reading_list(db.conn(), period)?;
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| {
                    let flags: Vec<String> = l.anomalies.iter().map(|a| format!("{}{}", a.label, if a.confirmed.is_some() { "（已确认）" } else { "" })).collect();
                    vec![l.meter.clone(), l.last.clone(), l.value.clone().unwrap_or_else(|| "—".into()), l.usage.clone().unwrap_or_default(), l.average.clone().unwrap_or_default(), flags.join("，")]
                })
                .collect();
            let read = lines.iter().filter(|l| l.value.is_some()).count();
            let text = format!("{period} 抄表清单：{} 块表，已抄 {read}\n\n{}", lines.len(), table(&["表", "上次读数", "本月读数", "用量", "月均", "异常"], &rows, &[1, 2, 3, 4]));
            Ok(Reply::new(&json!({ "period": period, "lines": lines, "count": lines.len(), "read": read }), text))
        }
        MeterCommand::Sheet { period, allocations, out } => {
            let period = period_or_now(&db, &period)?;
            let at = db.now().to_rfc3339();
            let (bytes, what) = if allocations {
                (meters::view::allocation_pdf(db.conn(), period, &at)?, "公摊分摊表")
            } else {
                (meters::view::reading_pdf(db.conn(), period, &at)?, "抄表清单")
            };
            estate_core::error::FileError::write(&out, &bytes)?;
            let text = format!("已保存{what}（{period}）：{}", out.display());
            Ok(Reply::new(&json!({ "period": period, "file": out.display().to_string(), "kind": what }), text))
        }
    }
}

fn meter_fields(m: &Meter) -> String {
    fields(&[
        ("编号", m.id.to_string()),
        ("表", m.label()),
        ("所属总表", m.parent.clone().unwrap_or_else(|| "—".into())),
        ("表盘位数", m.digits.to_string()),
        ("表底读数", format!("{}（{} 起）", m.start, m.start_period)),
        ("收费项目", m.fee.clone()),
        ("表号", m.serial.clone()),
    ])
}

fn line_text(title: &str, l: &ReadingLine) -> String {
    let mut rows = vec![
        ("表", l.meter.clone()),
        ("月份", l.period.clone()),
        ("上次读数", l.last.clone()),
        ("本月读数", l.value.clone().unwrap_or_default()),
        ("用量", l.usage.clone().unwrap_or_else(|| "—".into())),
    ];
    if l.rollover {
        rows.push(("说明", "表盘已走满一圈（翻转）".into()));
    }
    if let Some(s) = &l.swapped {
        rows.push(("换表", format!("旧表用量 {s} 已计入")));
    }
    for a in &l.anomalies {
        rows.push(("异常", format!("{}：{}{}", a.label, a.message, if a.confirmed.is_some() { "（已确认）" } else { "" })));
    }
    format!("{title}\n{}", fields(&rows))
}

fn allocation_text(a: &meters::Allocation) -> String {
    let head = fields(&[
        ("公用表", a.meter.clone()),
        ("月份", a.period.clone()),
        ("用量", format!("{}（总表 {} − 分表 {}）", a.shared_usage, a.meter_usage, a.units_usage)),
        ("单价", format!("{} 元（{}）", a.price, a.fee)),
        ("合计", format!("{} 元", a.total.grouped())),
        ("分摊方式", a.basis.label().to_string()),
    ]);
    let rows: Vec<Vec<String>> = a.shares.iter().map(|s| vec![s.unit.clone(), s.weight.clone(), s.amount.grouped()]).collect();
    let weight = if a.basis == ShareBasis::Area { "面积（㎡）" } else { "户数" };
    format!("{}{head}\n{}", if a.replaced { "已重新分摊（替换原分摊）\n" } else { "" }, table(&["房号", weight, "分摊金额"], &rows, &[1, 2]))
}
