//! `estate request` and `estate order`: the service desk — requests and
//! complaints with their steps (受理、定性、调查、指派、方案、答复、回访、总结、关闭),
//! and repair work orders (派工、到场、完工、验收或回访、关闭, the work order PDF).

use std::path::PathBuf;

use clap::Subcommand;
use estate_core::error::FileError;
use estate_core::fees::Method;
use estate_core::register::{self as reg, rules::mask_phone};
use estate_core::service::{self, Kind, NewDone, NewOrder, NewRequest, NewStep, Order, Query, Request, ServiceError};
use estate_core::staff::Permission;
use estate_core::Result;
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum RequestCommand {
    /// 受理业户需求或投诉：房号（公共事项不写）、来人、渠道、时间、内容；投诉写类别
    Add {
        /// 房号，如 3-2-1502；公共事项不写
        unit: Option<String>,
        /// 类型：咨询、服务、报修、投诉
        #[arg(long)]
        kind: String,
        /// 投诉类别：服务质量、收费、社区活动、紧急事件、毗邻关系、其他（投诉必填）
        #[arg(long, default_value = "")]
        subject: String,
        /// 紧急程度：一般、紧急、特急（默认一般）
        #[arg(long, default_value = "")]
        urgency: String,
        /// 来人或来电人
        #[arg(long)]
        caller: String,
        /// 联系电话
        #[arg(long, default_value = "")]
        phone: String,
        /// 渠道：电话、来访、代述、信函、意见箱、员工转达、线上
        #[arg(long)]
        channel: String,
        /// 受理时间，如 "2026-11-23 09:05"（默认现在）
        #[arg(long, default_value = "")]
        at: String,
        /// 需求内容（业户的原话）
        #[arg(long)]
        content: String,
    },
    /// 登记下一步：classified 定性、investigated 调查原因、assigned 指派、proposed 处理方案、replied 答复、visited 回访、summarised 总结、closed 关闭
    Step {
        /// 编号（TS…/XQ…）
        request: String,
        /// 步骤（英文或中文：定性、调查原因、指派责任人、处理方案、答复、回访、总结、关闭）
        step: String,
        /// 定性：yes 有效 或 no 无效（无效须写 --note 原因）
        #[arg(long)]
        valid: Option<String>,
        /// 指派：责任人
        #[arg(long, default_value = "")]
        responsible: String,
        /// 指派：处理期限，如 2026-11-25 或 "2026-11-25 12:00"
        #[arg(long, default_value = "")]
        deadline: String,
        /// 答复：方式（电话、上门、书面、线上、面谈）
        #[arg(long, default_value = "")]
        how: String,
        /// 发生时间（默认现在）
        #[arg(long, default_value = "")]
        at: String,
        /// 回访：yes 满意 或 no 不满意
        #[arg(long)]
        satisfied: Option<String>,
        /// 原因、调查结果、处理方案、答复内容、回访意见或总结
        #[arg(long, default_value = "")]
        note: String,
        /// 总结：教训
        #[arg(long, default_value = "")]
        lesson: String,
    },
    /// 投诉关联欠费：业主以投诉为由拒缴（欠费表、催缴和房屋卡片上显示）
    Withhold {
        request: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 需求列表；--open 未关闭，--late 超时未办（首页提醒）
    List {
        /// 房号
        unit: Option<String>,
        #[arg(long)]
        open: bool,
        #[arg(long)]
        late: bool,
        /// 类型：咨询、服务、报修、投诉
        #[arg(long)]
        kind: Option<String>,
    },
    /// 一件需求的全部记录
    Show { request: String },
}

#[derive(Subcommand)]
pub enum OrderCommand {
    /// 开维修单：从需求开（--request）或单独开；公共区域或户内
    Add {
        /// 来自的需求编号（TS…/XQ…）
        #[arg(long, default_value = "")]
        request: String,
        /// 区域：公共区域 或 户内
        #[arg(long)]
        area: String,
        /// 房号（户内；从需求开时默认需求的房号）
        #[arg(long, default_value = "")]
        unit: String,
        /// 类别：给排水、电路、门窗锁具、墙地面、公共设施、其他
        #[arg(long)]
        category: String,
        /// 维修位置
        #[arg(long)]
        location: String,
        /// 故障描述（从需求开时默认需求内容）
        #[arg(long, default_value = "")]
        description: String,
        /// 报修时间（默认需求的受理时间，或现在）
        #[arg(long, default_value = "")]
        at: String,
    },
    /// 派工（完工后验收不合格也用它返修）
    Dispatch {
        order: String,
        #[arg(long)]
        technician: String,
        #[arg(long, default_value = "")]
        at: String,
    },
    /// 维修人员到场
    Arrive {
        order: String,
        #[arg(long, default_value = "")]
        at: String,
    },
    /// 完工：材料、向业主收取的维修费（户内；写 --method 当场收款开收据，不写则记入该户账单）
    Done {
        order: String,
        #[arg(long, default_value = "")]
        at: String,
        #[arg(long, default_value = "")]
        materials: String,
        /// 维修费（元）
        #[arg(long)]
        charge: Option<String>,
        /// 当场收款方式：cash、card、wechat、alipay、transfer
        #[arg(long)]
        method: Option<String>,
        /// 交款人（默认业主）
        #[arg(long, default_value = "")]
        payer: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 公共区域维修验收（--fail 不合格：请重新派工）
    Check {
        order: String,
        #[arg(long)]
        fail: bool,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 户内维修回访业主：yes 满意 或 no 不满意
    Visit {
        order: String,
        #[arg(long)]
        satisfied: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, default_value = "")]
        at: String,
    },
    /// 关闭维修单（验收或回访后）
    Close {
        order: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 维修单列表；--open 未关闭的
    List {
        /// 房号
        unit: Option<String>,
        #[arg(long)]
        open: bool,
    },
    /// 一张维修单
    Show { order: String },
    /// 打印维修单（A4 PDF）
    Pdf {
        order: String,
        #[arg(long)]
        out: PathBuf,
    },
}

fn yes_no(what: &'static str, text: &str) -> Result<bool> {
    match text.trim() {
        "yes" | "y" | "是" | "有效" | "满意" => Ok(true),
        "no" | "n" | "否" | "无效" | "不满意" => Ok(false),
        other => Err(ServiceError::BadChoice { what, text: other.chars().take(20).collect(), choices: "yes、no".into() }.into()),
    }
}

pub fn request(ctx: &Ctx, c: RequestCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    let now = db.now().naive_local();
    let (r, title): (Request, String) = match c {
        RequestCommand::Add { unit, kind, subject, urgency, caller, phone, channel, at, content } => {
            let unit = unit.map(|u| reg::find_unit(db.conn(), &u)).transpose()?;
            let new = NewRequest { kind, subject, urgency, caller, phone, channel, received_at: at, content };
            let r = ctx.write(&mut db, Permission::Service, |tx| service::record(tx, unit.as_ref(), &new))?;
            let title = format!("已受理 {}（受理人 {}）", r.request_no, r.owner);
            (r, title)
        }
        RequestCommand::Step { request, step, valid, responsible, deadline, how, at, satisfied, note, lesson } => {
            let s = NewStep {
                step,
                valid: valid.map(|v| yes_no("定性", &v)).transpose()?,
                responsible,
                deadline,
                reply_channel: how,
                at,
                satisfied: satisfied.map(|v| yes_no("是否满意", &v)).transpose()?,
                note,
                lesson,
            };
            let id = service::find(db.conn(), &request)?;
            let r = ctx.write(&mut db, Permission::Service, |tx| service::step(tx, id, &s))?;
            let title = format!("{} {}", r.request_no, r.status_label);
            (r, title)
        }
        RequestCommand::Withhold { request, note } => {
            let id = service::find(db.conn(), &request)?;
            (ctx.write(&mut db, Permission::Service, |tx| service::withhold(tx, id, &note))?, "已关联欠费（业主以投诉为由拒缴）".into())
        }
        RequestCommand::List { unit, open, late, kind } => {
            let unit = unit.map(|u| reg::find_unit(db.conn(), &u)).transpose()?;
            let kind = kind.map(|k| service::rules::choice("需求类型", &k, Kind::parse, Kind::labels)).transpose()?;
            let mut lines = if late { service::late(db.conn(), now)? } else { service::list(db.conn(), &Query { open_only: open, kind, unit_id: unit.as_ref().map(|u| u.id), received: None }, now)? };
            lines.retain(|l| unit.as_ref().is_none_or(|u| u.code == l.unit) && kind.is_none_or(|k| k == l.kind));
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| {
                    let what = match l.subject_label {
                        Some(s) => format!("{}（{s}）", l.kind_label),
                        None => l.kind_label.to_string(),
                    };
                    let mut flags = Vec::new();
                    if l.withholding {
                        flags.push("拒缴".to_string());
                    }
                    if let Some(late) = &l.late {
                        flags.push(late.text.clone());
                    }
                    vec![l.request_no.clone(), what, l.urgency_label.into(), or_public(&l.unit), l.received_at.clone(), short(&l.content), l.status_label.into(), l.owner.clone(), flags.join("，")]
                })
                .collect();
            let mut text = format!("业户需求 {} 件\n", lines.len());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["编号", "类型", "紧急", "房号", "受理时间", "内容", "状态", "受理人", "提示"], &rows, &[]);
            }
            return Ok(Reply::new(&json!({ "requests": lines, "count": lines.len() }), text));
        }
        RequestCommand::Show { request } => {
            let id = service::find(db.conn(), &request)?;
            (service::request(db.conn(), id, now)?, "业户需求".into())
        }
    };
    let mut r = r;
    r.phone = mask_phone(&r.phone);
    let text = request_text(&r, &title);
    Ok(Reply::new(&r, text))
}

fn or_public(unit: &str) -> String {
    if unit.is_empty() { "公共".into() } else { unit.to_string() }
}

fn short(text: &str) -> String {
    let cut: String = text.chars().take(16).collect();
    if cut.chars().count() < text.chars().count() { format!("{cut}…") } else { cut }
}

fn request_text(r: &Request, title: &str) -> String {
    let mut rows = vec![
        ("编号", r.request_no.clone()),
        ("类型", r.subject_label.map_or_else(|| r.kind_label.to_string(), |s| format!("{}（{s}）", r.kind_label))),
        ("紧急程度", r.urgency_label.into()),
        ("房号", or_public(&r.unit)),
        ("来人", if r.phone.is_empty() { r.caller.clone() } else { format!("{} {}", r.caller, r.phone) }),
        ("渠道", r.channel_label.into()),
        ("受理时间", r.received_at.clone()),
        ("内容", r.content.clone()),
        ("受理人", r.owner.clone()),
        ("状态", r.status_label.into()),
    ];
    if let Some(w) = &r.withheld {
        rows.push(("关联欠费", if w.note.is_empty() { "业主以投诉为由拒缴".into() } else { format!("业主以投诉为由拒缴：{}", w.note) }));
    }
    if !r.orders.is_empty() {
        rows.push(("维修单", r.orders.join("、")));
    }
    if let Some(l) = &r.late {
        rows.push(("超时", format!("{}（应于 {}）", l.text, l.due)));
    }
    rows.push(("下一步", r.next.trim_start_matches("下一步：").to_string()));
    let mut text = format!("{title}\n{}", fields(&rows));
    if !r.steps.is_empty() {
        let steps: Vec<Vec<String>> = r
            .steps
            .iter()
            .map(|s| {
                let mut said = Vec::new();
                match (s.valid, s.satisfied) {
                    (Some(v), _) => said.push((if v { "有效投诉" } else { "无效投诉" }).to_string()),
                    (_, Some(v)) => said.push((if v { "满意" } else { "不满意" }).to_string()),
                    _ => {}
                }
                if let (Some(who), Some(by)) = (&s.responsible, &s.deadline) {
                    said.push(format!("责任人 {who}，期限 {by}"));
                }
                if let Some(how) = s.reply_channel_label {
                    said.push(format!("{how}答复"));
                }
                for t in [&s.note, &s.lesson] {
                    if !t.is_empty() {
                        said.push(t.clone());
                    }
                }
                vec![s.happened_at.clone(), s.label.into(), s.operator.clone(), said.join("；")]
            })
            .collect();
        text = format!("{}\n\n{}", text.trim_end(), table(&["时间", "步骤", "经办", "内容"], &steps, &[]));
    }
    text
}

pub fn order(ctx: &Ctx, c: OrderCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    let (o, title): (Order, String) = match c {
        OrderCommand::Add { request, area, unit, category, location, description, at } => {
            let new = NewOrder { request, area, unit, category, location, description, reported_at: at };
            let o = ctx.write(&mut db, Permission::Service, |tx| service::open_order(tx, &new))?;
            let title = format!("已开维修单 {}", o.order_no);
            (o, title)
        }
        OrderCommand::Dispatch { order, technician, at } => {
            let id = service::find_order(db.conn(), &order)?;
            (ctx.write(&mut db, Permission::Service, |tx| service::dispatch(tx, id, &technician, &at))?, "已派工".into())
        }
        OrderCommand::Arrive { order, at } => {
            let id = service::find_order(db.conn(), &order)?;
            (ctx.write(&mut db, Permission::Service, |tx| service::arrive(tx, id, &at))?, "维修人员已到场".into())
        }
        OrderCommand::Done { order, at, materials, charge, method, payer, note } => {
            let charge = charge.map(|c| estate_core::fees::parse_amount(&c)).transpose()?;
            let pay = method.map(|m| Method::parse(&m)).transpose()?;
            if pay.is_some() {
                ctx.authorize(&mut db, Permission::TakePayment)?;
            }
            let d = NewDone { at, materials, charge, pay, payer, note };
            let id = service::find_order(db.conn(), &order)?;
            let o = ctx.write(&mut db, Permission::Service, |tx| service::done(tx, id, &d))?;
            let title = match (&o.receipt_no, o.charge.is_positive()) {
                (Some(r), _) => format!("已完工，收维修费 {} 元，收据 {r}", o.charge),
                (None, true) => format!("已完工，维修费 {} 元已记入 {} 的账单", o.charge, o.unit),
                _ => "已完工".to_string(),
            };
            (o, title)
        }
        OrderCommand::Check { order, fail, note } => {
            let id = service::find_order(db.conn(), &order)?;
            (ctx.write(&mut db, Permission::Service, |tx| service::check(tx, id, !fail, &note))?, "验收合格".into())
        }
        OrderCommand::Visit { order, satisfied, note, at } => {
            let satisfied = yes_no("是否满意", &satisfied)?;
            let id = service::find_order(db.conn(), &order)?;
            (ctx.write(&mut db, Permission::Service, |tx| service::visit(tx, id, satisfied, &note, &at))?, "已回访".into())
        }
        OrderCommand::Close { order, note } => {
            let id = service::find_order(db.conn(), &order)?;
            (ctx.write(&mut db, Permission::Service, |tx| service::close_order(tx, id, &note))?, "已关闭".into())
        }
        OrderCommand::List { unit, open } => {
            let unit = unit.map(|u| reg::find_unit(db.conn(), &u)).transpose()?;
            let lines = service::orders(db.conn(), open, unit.as_ref().map(|u| u.id))?;
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| {
                    vec![l.order_no.clone(), l.area_label.into(), if l.unit.is_empty() { "—".into() } else { l.unit.clone() }, l.category_label.into(), l.location.clone(), short(&l.description), l.technician.clone(), l.reported_at.clone(), l.status_label.into(), if l.charge.is_positive() { l.charge.to_string() } else { String::new() }]
                })
                .collect();
            let mut text = format!("维修单 {} 张\n", lines.len());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["单号", "区域", "房号", "类别", "位置", "故障", "维修人员", "报修时间", "状态", "维修费"], &rows, &[9]);
            }
            return Ok(Reply::new(&json!({ "orders": lines, "count": lines.len() }), text));
        }
        OrderCommand::Show { order } => {
            let id = service::find_order(db.conn(), &order)?;
            (service::order(db.conn(), id)?, "维修单".into())
        }
        OrderCommand::Pdf { order, out } => {
            let me = ctx.staff(&mut db)?;
            let id = service::find_order(db.conn(), &order)?;
            let pdf = service::order_pdf(db.conn(), id, &db.now().to_rfc3339(), &me.name)?;
            FileError::write(&out, &pdf)?;
            let path = out.display().to_string();
            let o = service::order(db.conn(), id)?;
            return Ok(Reply::new(&json!({ "order_no": o.order_no, "file": path, "bytes": pdf.len() }), format!("维修单 {} 已保存到 {path}", o.order_no)));
        }
    };
    let mut o = o;
    o.phone = mask_phone(&o.phone);
    let text = order_text(&o, &title);
    Ok(Reply::new(&o, text))
}

fn order_text(o: &Order, title: &str) -> String {
    let opt = |t: &Option<String>| t.clone().unwrap_or_else(|| "—".into());
    let mut rows = vec![
        ("单号", o.order_no.clone()),
        ("来源", o.source_text()),
        ("区域", o.area_label.into()),
        ("房号", if o.unit.is_empty() { "—".into() } else { o.unit.clone() }),
        ("类别", o.category_label.into()),
        ("位置", o.location.clone()),
        ("故障", o.description.clone()),
        ("报修时间", o.reported_at.clone()),
        ("维修人员", if o.technician.is_empty() { "（未派工）".into() } else { o.technician.clone() }),
        ("派工 / 到场 / 完工", format!("{} / {} / {}", opt(&o.dispatched_at), opt(&o.arrived_at), opt(&o.done_at))),
        ("状态", o.status_label.into()),
    ];
    if !o.materials.is_empty() {
        rows.push(("材料", o.materials.clone()));
    }
    if o.charge.is_positive() {
        rows.push(("维修费", match &o.receipt_no {
            Some(r) => format!("{} 元，收据 {r}", o.charge),
            None => format!("{} 元，未收 {} 元", o.charge, o.outstanding),
        }));
    }
    if let Some(h) = o.hours_to_finish {
        rows.push(("用时", format!("{h} 小时")));
    }
    format!("{title}\n{}", fields(&rows))
}
