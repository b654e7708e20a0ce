//! `estate reno`: renovation permits (二次装修) from application to deposit
//! refund — apply, approve or reject, pay, issue, inspect and fix, waterproof
//! tests, release slips, extend, complete, accept or rectify, refund, close,
//! list and show.

use std::path::PathBuf;

use clap::Subcommand;
use estate_core::error::FileError;
use estate_core::fees::Method;
use estate_core::register::{self as reg, rules::mask_phone};
use estate_core::reno::{self, NewApplication, NewInspection, NewRelease, NewWaterproof, NewWorker, PayFees, Permit, RenoError, Status};
use estate_core::staff::Permission;
use estate_core::Result;
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum RenoCommand {
    /// 装修申请：房号、申请人（业主或持委托书的受托人）、施工单位、负责人、工人、范围、计划工期
    Apply {
        /// 房号，如 3-2-1502
        unit: String,
        /// 申请人（登记在册的业主；他人须写 --authorisation）
        #[arg(long)]
        applicant: String,
        /// 业主委托书（编号或说明），申请人不是业主时必填
        #[arg(long, default_value = "")]
        authorisation: String,
        /// 施工单位
        #[arg(long)]
        contractor: String,
        /// 施工负责人
        #[arg(long)]
        foreman: String,
        /// 施工负责人电话
        #[arg(long)]
        foreman_phone: String,
        /// 工人：姓名,电话,证件后4位（电话可省：姓名,证件后4位），可写多次
        #[arg(long = "worker")]
        workers: Vec<String>,
        /// 施工范围：墙体、地面、水电、防水、门窗、阳台、空调（逗号分隔或写多次）
        #[arg(long, required = true)]
        scope: Vec<String>,
        /// 计划开工日期，如 2026-11-25
        #[arg(long)]
        start: String,
        /// 计划完工日期
        #[arg(long)]
        end: String,
        /// 图纸、附件（写明名称或编号）
        #[arg(long, default_value = "")]
        attachments: String,
    },
    /// 批准装修申请（主管；前台须 --approver 主管当场授权）
    Approve {
        /// 装修登记编号或许可证号
        permit: String,
        /// 审批意见
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 驳回装修申请，写明原因（主管）
    Reject {
        permit: String,
        /// 驳回原因
        #[arg(long)]
        reason: String,
    },
    /// 收装修管理费、垃圾清运费（开收款收据）和装修押金（开押金收据）
    Pay {
        permit: String,
        /// 付款方式：cash 现金、card 银行卡、wechat 微信、alipay 支付宝、transfer 转账
        #[arg(long, default_value = "cash")]
        method: String,
        /// 交款人（默认申请人）
        #[arg(long)]
        payer: Option<String>,
        /// 付款参考号
        #[arg(long, default_value = "")]
        reference: String,
        /// 实收金额（写了就须与应收合计一致）
        #[arg(long)]
        amount: Option<String>,
    },
    /// 发放装修许可证（已缴费后）
    Issue { permit: String },
    /// 日检：巡查人、问题项（项目:情况，可写多次），整改期限
    Inspect {
        permit: String,
        /// 巡查人
        #[arg(long)]
        inspector: String,
        /// 巡查日期（默认今天）
        #[arg(long, default_value = "")]
        day: String,
        /// 问题：承重墙、防水、消防、垃圾、施工时间、楼道卫生 之一，可加 :情况，可写多次；未写的项目为合格
        #[arg(long = "problem")]
        problems: Vec<String>,
        /// 整改期限（默认巡查日后 3 天）
        #[arg(long, default_value = "")]
        deadline: String,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 违规整改复查：登记已整改
    Fix {
        /// 违规编号
        violation: i64,
        /// 复查情况
        #[arg(long)]
        note: String,
    },
    /// 闭水试验：开始、结束时间（至少 reno_waterproof_hours 小时），水深，楼下查看，结果
    Waterproof {
        permit: String,
        /// 开始时间，如 "2026-11-20 09:00"
        #[arg(long)]
        start: String,
        /// 结束时间
        #[arg(long)]
        end: String,
        /// 蓄水深度（厘米）
        #[arg(long)]
        depth: String,
        /// 已查看楼下住户
        #[arg(long)]
        below_checked: bool,
        /// 楼下查看情况
        #[arg(long, default_value = "")]
        below_note: String,
        /// 结果：pass 合格 或 fail 不合格
        #[arg(long)]
        result: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 物品放行条：物品、车牌、业主确认、门岗放行
    Release {
        permit: String,
        /// 放行物品
        #[arg(long)]
        items: String,
        /// 车牌
        #[arg(long, default_value = "")]
        plate: String,
        /// 业主确认人
        #[arg(long)]
        owner: String,
        /// 放行门岗
        #[arg(long)]
        guard: String,
        /// 放行时间（默认现在）
        #[arg(long, default_value = "")]
        at: String,
    },
    /// 延期：新的完工日期和原因（主管）
    Extend {
        permit: String,
        /// 新的完工日期
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
    },
    /// 申请竣工验收（违规未整改完不能申请）
    Complete {
        permit: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 竣工验收通过（主管）；不合格项请用 rectify
    Accept {
        permit: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 验收不通过，要求整改（主管）：不合格项和整改内容
    Rectify {
        permit: String,
        /// 不合格项：承重墙、防水、水电、门窗、外立面、公共部位，可写多次
        #[arg(long = "problem")]
        problems: Vec<String>,
        /// 整改内容
        #[arg(long)]
        reason: String,
    },
    /// 退装修押金（主管）：扣款写 金额:原因，可写多次；其余全部退还
    Refund {
        permit: String,
        /// 扣款，如 300:楼道墙面损坏修复
        #[arg(long = "deduct")]
        deductions: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 关闭装修登记（押金已退后）
    Close {
        permit: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 装修登记列表；--status 按状态，--overdue 逾期未完工，--violations 未整改的违规，--summary 按状态统计
    List {
        /// 房号
        unit: Option<String>,
        /// 状态：applied、approved、rejected、paid、issued、completion_requested、rectify、accepted、refunded、closed（或中文）
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        violations: bool,
        #[arg(long)]
        summary: bool,
    },
    /// 一份装修登记的全部记录
    Show { permit: String },
    /// 打印装修许可证（A4，张贴在户门上；发证后才能打印）
    PermitPdf {
        /// 装修登记编号或许可证号
        permit: String,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
    },
    /// 打印物品放行条（每张 A4 三联，沿虚线裁开）
    SlipPdf {
        /// 放行条编号，如 FX20261123-001，可多个
        #[arg(required = true)]
        slips: Vec<String>,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
    },
    /// 打印装修押金退还单（A5 横向；退押金后才能打印）
    VoucherPdf {
        /// 装修登记编号或许可证号
        permit: String,
        /// 保存到的 PDF 文件
        #[arg(long)]
        out: PathBuf,
    },
}

/// A worker as typed: 姓名,电话,证件后4位 or 姓名,证件后4位.
fn worker(text: &str) -> Result<NewWorker> {
    let parts: Vec<&str> = text.split([',', '，']).map(str::trim).collect();
    match parts.as_slice() {
        [name, phone, last4] => Ok(NewWorker { name: name.to_string(), phone: phone.to_string(), id_last4: last4.to_string() }),
        [name, last4] => Ok(NewWorker { name: name.to_string(), phone: String::new(), id_last4: last4.to_string() }),
        _ => Err(RenoError::Required("工人（写成 姓名,电话,证件后4位）").into()),
    }
}

fn passed(text: &str) -> Result<bool> {
    match text.trim() {
        "pass" | "合格" | "通过" => Ok(true),
        "fail" | "不合格" | "不通过" => Ok(false),
        _ => Err(RenoError::Required("试验结果（pass 合格 或 fail 不合格）").into()),
    }
}

pub fn reno(ctx: &Ctx, c: RenoCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    let today = db.now().date_naive();
    let (permit, title): (Permit, String) = match c {
        RenoCommand::Apply { unit, applicant, authorisation, contractor, foreman, foreman_phone, workers, scope, start, end, attachments } => {
            let workers = workers.iter().map(|w| worker(w)).collect::<Result<Vec<_>>>()?;
            let a = NewApplication { applicant, authorisation, contractor, foreman, foreman_phone, workers, scope, planned_start: start, planned_end: end, attachments };
            let unit = reg::find_unit(db.conn(), &unit)?;
            (ctx.write(&mut db, Permission::Renovation, |tx| reno::apply(tx, &unit, &a))?, "已登记装修申请".into())
        }
        RenoCommand::Approve { permit, note } => {
            let id = reno::find(db.conn(), &permit)?;
            let p = ctx.write(&mut db, Permission::ApproveRenovation, |tx| reno::approve(tx, id, &note))?;
            // The approval is written: what the fees come to is told when it can be worked out.
            let due = reg::find_unit(db.conn(), &p.unit).and_then(|u| reno::fees_due(db.conn(), &u));
            let title = match due {
                Ok(due) => format!("已批准。下一步收费（estate reno pay {}）：管理费 {} 元（{}）、垃圾清运费 {} 元、押金 {} 元，合计 {} 元", p.id, due.management, due.management_basis, due.rubbish, due.deposit, due.total),
                Err(e) => format!("已批准。收费前请先处理：{e}"),
            };
            (p, title)
        }
        RenoCommand::Reject { permit, reason } => {
            let id = reno::find(db.conn(), &permit)?;
            (ctx.write(&mut db, Permission::ApproveRenovation, |tx| reno::reject(tx, id, &reason))?, "已驳回".into())
        }
        RenoCommand::Pay { permit, method, payer, reference, amount } => {
            let method = Method::parse(&method)?;
            let amount = amount.map(|a| estate_core::fees::parse_amount(&a)).transpose()?;
            let id = reno::find(db.conn(), &permit)?;
            let payer = match payer {
                Some(p) => p,
                None => reno::permit(db.conn(), id, today)?.applicant,
            };
            let pay = PayFees { method, payer, reference, amount };
            (ctx.write(&mut db, Permission::Renovation, |tx| reno::pay(tx, id, &pay))?, "已收费和押金".into())
        }
        RenoCommand::Issue { permit } => {
            let id = reno::find(db.conn(), &permit)?;
            let p = ctx.write(&mut db, Permission::Renovation, |tx| reno::issue(tx, id))?;
            let title = format!("已发放装修许可证 {}", p.permit_no.clone().unwrap_or_default());
            (p, title)
        }
        RenoCommand::Inspect { permit, inspector, day, problems, deadline, note } => {
            let id = reno::find(db.conn(), &permit)?;
            let i = NewInspection { day, inspector, findings: problems, deadline, note };
            let p = ctx.write(&mut db, Permission::Renovation, |tx| reno::inspect(tx, id, &i))?;
            let title = if i.findings.is_empty() { "已登记巡查：全部合格".to_string() } else { format!("已登记巡查：{} 项违规，须限期整改", i.findings.len()) };
            (p, title)
        }
        RenoCommand::Fix { violation, note } => {
            let v = ctx.write(&mut db, Permission::Renovation, |tx| reno::fix(tx, violation, &note))?;
            let text = format!("违规 {} 已整改\n{}", v.id, fields(&[("房号", v.unit.clone()), ("项目", v.item.clone()), ("情况", v.description.clone()), ("复查", note)]));
            return Ok(Reply::new(&v, text));
        }
        RenoCommand::Waterproof { permit, start, end, depth, below_checked, below_note, result, note } => {
            let w = NewWaterproof { started_at: start, ended_at: end, depth_cm: depth, below_checked, below_note, passed: passed(&result)?, note };
            let id = reno::find(db.conn(), &permit)?;
            let t = ctx.write(&mut db, Permission::Renovation, |tx| reno::waterproof(tx, id, &w))?;
            let rows = [
                ("时间", format!("{} 至 {}（{} 小时）", t.started_at, t.ended_at, t.hours)),
                ("水深", format!("{} 厘米", t.depth_cm)),
                ("楼下查看", if t.below_checked { format!("已查看 {}", t.below_note) } else { "未查看".into() }),
                ("结果", (if t.passed { "合格" } else { "不合格" }).into()),
            ];
            return Ok(Reply::new(&t, format!("已登记闭水试验\n{}", fields(&rows))));
        }
        RenoCommand::Release { permit, items, plate, owner, guard, at } => {
            let r = NewRelease { items, plate, owner_confirm: owner, guard, released_at: at };
            let id = reno::find(db.conn(), &permit)?;
            let s = ctx.write(&mut db, Permission::Renovation, |tx| reno::release(tx, id, &r))?;
            let rows = [
                ("放行条", s.slip_no.clone()),
                ("房号", s.unit.clone()),
                ("物品", s.items.clone()),
                ("车牌", s.plate.clone()),
                ("业主确认", s.owner_confirm.clone()),
                ("门岗放行", format!("{} {}", s.guard, s.released_at)),
            ];
            return Ok(Reply::new(&s, format!("已开放行条\n{}", fields(&rows))));
        }
        RenoCommand::Extend { permit, to, reason } => {
            let id = reno::find(db.conn(), &permit)?;
            (ctx.write(&mut db, Permission::ApproveRenovation, |tx| reno::extend(tx, id, &to, &reason))?, "已延期".into())
        }
        RenoCommand::Complete { permit, note } => {
            let id = reno::find(db.conn(), &permit)?;
            (ctx.write(&mut db, Permission::Renovation, |tx| reno::request_completion(tx, id, &note))?, "已申请竣工验收".into())
        }
        RenoCommand::Accept { permit, note } => {
            let id = reno::find(db.conn(), &permit)?;
            (ctx.write(&mut db, Permission::ApproveRenovation, |tx| reno::accept(tx, id, &[], &note))?, "验收合格".into())
        }
        RenoCommand::Rectify { permit, problems, reason } => {
            let id = reno::find(db.conn(), &permit)?;
            (ctx.write(&mut db, Permission::ApproveRenovation, |tx| reno::rectify(tx, id, &problems, &reason))?, "已要求整改".into())
        }
        RenoCommand::Refund { permit, deductions, note } => {
            let id = reno::find(db.conn(), &permit)?;
            (ctx.write(&mut db, Permission::RefundDeposit, |tx| reno::refund(tx, id, &deductions, &note))?, "已退装修押金".into())
        }
        RenoCommand::Close { permit, note } => {
            let id = reno::find(db.conn(), &permit)?;
            (ctx.write(&mut db, Permission::Renovation, |tx| reno::close(tx, id, &note))?, "已关闭".into())
        }
        RenoCommand::List { unit, status, overdue, violations, summary } => return list(&db, today, unit, status, overdue, violations, summary),
        RenoCommand::PermitPdf { permit, out } => {
            let id = reno::find(db.conn(), &permit)?;
            let pdf = reno::permit_pdf(db.conn(), id)?;
            FileError::write(&out, &pdf)?;
            let no = reno::permit(db.conn(), id, today)?.permit_no.unwrap_or_default();
            let path = out.display().to_string();
            let text = format!("装修许可证 {no} 已保存到 {path}");
            return Ok(Reply::new(&json!({ "permit": id, "permit_no": no, "file": path, "bytes": pdf.len() }), text));
        }
        RenoCommand::SlipPdf { slips, out } => {
            let found = reno::release_slips(db.conn(), &slips)?;
            let pdf = reno::slips_pdf(db.conn(), &slips)?;
            FileError::write(&out, &pdf)?;
            let path = out.display().to_string();
            let nos: Vec<&str> = found.iter().map(|s| s.slip_no.as_str()).collect();
            let text = format!("物品放行条 {} 张（{}）已保存到 {path}", nos.len(), nos.join("、"));
            return Ok(Reply::new(&json!({ "slips": nos, "file": path, "bytes": pdf.len() }), text));
        }
        RenoCommand::VoucherPdf { permit, out } => {
            let id = reno::find(db.conn(), &permit)?;
            let doc = reno::voucher_doc(db.conn(), id)?;
            let pdf = estate_core::docs::pdf::refund_voucher_pdf(&doc)?;
            FileError::write(&out, &pdf)?;
            let path = out.display().to_string();
            let deducted: estate_core::money::Money = doc.deductions.iter().map(|(m, _)| *m).sum();
            let text = format!("装修押金退还单已保存到 {path}：押金 {} 元，扣款 {} 元，实退 {} 元", doc.deposit, deducted, doc.refunded);
            let json = json!({ "permit": id, "permit_no": doc.permit_no, "deposit": doc.deposit, "deducted": deducted, "refunded": doc.refunded, "file": path, "bytes": pdf.len() });
            return Ok(Reply::new(&json, text));
        }
        RenoCommand::Show { permit } => {
            let id = reno::find(db.conn(), &permit)?;
            (reno::permit(db.conn(), id, today)?, "装修登记".into())
        }
    };
    let permit = masked(permit);
    let text = permit_text(&permit, &title);
    Ok(Reply::new(&permit, text))
}

/// Phones leave the command line masked, in text and JSON, as `unit show`'s do.
fn masked(mut p: Permit) -> Permit {
    p.foreman_phone = mask_phone(&p.foreman_phone);
    for w in &mut p.workers {
        w.phone = mask_phone(&w.phone);
    }
    p
}

fn list(db: &estate_core::Db, today: chrono::NaiveDate, unit: Option<String>, status: Option<String>, overdue: bool, violations: bool, summary: bool) -> Result<Reply> {
    let conn = db.conn();
    // The unit narrows every list, so a unit that does not exist is refused whatever is asked.
    let unit = unit.map(|u| reg::find_unit(conn, &u)).transpose()?;
    if summary {
        let mut counts = reno::status_counts(conn)?;
        if let Some(u) = &unit {
            let lines = reno::list(conn, None, Some(u), today)?;
            counts.iter_mut().for_each(|c| c.count = lines.iter().filter(|l| l.status == c.status).count());
        }
        let rows: Vec<Vec<String>> = counts.iter().map(|c| vec![c.label.to_string(), c.count.to_string()]).collect();
        return Ok(Reply::new(&json!({ "statuses": counts }), format!("装修登记按状态\n\n{}", table(&["状态", "件数"], &rows, &[1]))));
    }
    if violations {
        let mut list = reno::open_violations(conn, today)?;
        list.retain(|v| unit.as_ref().is_none_or(|u| u.code == v.unit));
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|v| vec![v.id.to_string(), v.unit.clone(), v.day.to_string(), v.item.clone(), v.description.clone(), v.deadline.to_string(), (if v.overdue { "已逾期" } else { "" }).into()])
            .collect();
        let text = if list.is_empty() { "没有未整改的违规。".to_string() } else { format!("未整改违规 {} 项\n\n{}", list.len(), table(&["编号", "房号", "巡查日", "项目", "情况", "整改期限", ""], &rows, &[0])) };
        return Ok(Reply::new(&json!({ "violations": list, "count": list.len() }), text));
    }
    let status = match status {
        Some(s) => Some(Status::parse(&s).ok_or_else(|| RenoError::NotFound(format!("状态“{}”", s.chars().take(20).collect::<String>())))?),
        None => None,
    };
    let mut lines = reno::list(conn, status, unit.as_ref(), today)?;
    if overdue {
        lines.retain(|l| l.overdue);
    }
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            let flags = [(l.overdue, "逾期".to_string()), (l.open_violations > 0, format!("违规 {}", l.open_violations))];
            let flags: Vec<String> = flags.into_iter().filter(|(on, _)| *on).map(|(_, t)| t).collect();
            vec![l.id.to_string(), l.permit_no.clone().unwrap_or_default(), l.unit.clone(), l.applicant.clone(), l.contractor.clone(), l.status_label.into(), format!("{} 至 {}", l.planned_start, l.end), flags.join("，")]
        })
        .collect();
    let mut text = format!("装修登记 {} 份\n", lines.len());
    if !rows.is_empty() {
        text += "\n";
        text += &table(&["编号", "许可证号", "房号", "申请人", "施工单位", "状态", "工期", "提示"], &rows, &[0]);
    }
    Ok(Reply::new(&json!({ "permits": lines, "count": lines.len() }), text))
}

/// A permit as the desk reads it: phones masked.
fn permit_text(p: &Permit, title: &str) -> String {
    let mut rows = vec![
        ("编号", p.id.to_string()),
        ("许可证号", p.permit_no.clone().unwrap_or_else(|| "（未发证）".into())),
        ("房号", p.unit.clone()),
        ("状态", p.status_label.to_string()),
        ("申请人", if p.applicant_role == "owner" { format!("{}（业主）", p.applicant) } else { format!("{}（委托：{}）", p.applicant, p.authorisation) }),
        ("施工单位", p.contractor.clone()),
        ("负责人", format!("{} {}", p.foreman, p.foreman_phone)),
        ("施工范围", p.scope.join("、")),
        ("工期", format!("{} 至 {}{}", p.planned_start, p.end, if p.overdue { "（已逾期）" } else { "" })),
    ];
    if !p.workers.is_empty() {
        let w: Vec<String> = p.workers.iter().map(|w| format!("{}（证件尾号 {}，出入证 {}）", w.name, w.id_last4, w.pass_no)).collect();
        rows.push(("工人", w.join("、")));
    }
    if let Some(paid) = &p.paid {
        rows.push(("费用", format!("{} 元，收据 {}", paid.fees, paid.receipt_no)));
        rows.push(("押金", format!("{} 元，押金收据 {}，在押 {} 元", paid.deposit, paid.deposit_receipt_no.clone().unwrap_or_default(), paid.held)));
        if paid.refunded.is_positive() || paid.deducted.is_positive() {
            rows.push(("退还", format!("退 {} 元，扣 {} 元", paid.refunded, paid.deducted)));
        }
    }
    let open = p.violations.iter().filter(|v| v.fixed.is_none()).count();
    if !p.inspections.is_empty() {
        rows.push(("巡查", format!("{} 次，未整改违规 {} 项", p.inspections.len(), open)));
    }
    if let Some(t) = p.waterproof_tests.last() {
        rows.push(("闭水试验", format!("{} 小时，{}", t.hours, if t.passed { "合格" } else { "不合格" })));
    }
    if let Some(last) = p.steps.last() {
        let by = match &last.approved_by {
            Some(a) => format!("{}（{} 授权）", last.operator, a),
            None => last.operator.clone(),
        };
        rows.push(("最近一步", format!("{} {} {}{}", last.label, last.at.get(..16).unwrap_or_default().replace('T', " "), by, if last.note.is_empty() { String::new() } else { format!("：{}", last.note) })));
    }
    format!("{title}\n{}", fields(&rows))
}
