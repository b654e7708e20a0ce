//! A renovation permit's whole life on a real (in-memory) database with the
//! clock fixed: every transition and every refusal, and the ledgers it touches.

use super::*;
use crate::db::Db;
use crate::register::{self, NewPerson, NewUnit, Role, UnitType, rules as reg_rules};
use crate::testing::{day, on, yuan};

/// 1-1-101 (90㎡) owned by 张三; 1-1-102, a parking space without an area.
fn estate() -> (Db, Unit) {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-11-02");
    let unit = add_unit(&mut db, "1-1-101", Some("90"));
    add_unit(&mut db, "1-1-102", None);
    let owner = NewPerson { name: "张三".into(), phones: vec![], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &unit, &owner, Role::Owner, day("2020-01-01"))).unwrap();
    (db, unit)
}

fn add_unit(db: &mut Db, code: &str, area: Option<&str>) -> Unit {
    let unit_type = if area.is_some() { UnitType::Residence } else { UnitType::Parking };
    let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type, area: area.map(|a| reg_rules::parse_area(a).unwrap()), handover: None };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
}

fn application() -> NewApplication {
    NewApplication {
        applicant: "张三".into(),
        authorisation: String::new(),
        contractor: "美家装饰公司".into(),
        foreman: "刘工".into(),
        foreman_phone: "13900001234".into(),
        workers: vec![NewWorker { name: "王师傅".into(), phone: "13700001111".into(), id_last4: "123x".into() }, NewWorker { name: "赵师傅".into(), phone: String::new(), id_last4: "0456".into() }],
        scope: vec!["墙体,水电".into()],
        planned_start: "2026-11-05".into(),
        planned_end: "2027-01-31".into(),
        attachments: "平面图 1 张，水电图 1 张".into(),
    }
}

fn cash(payer: &str) -> PayFees {
    PayFees { method: Method::Cash, payer: payer.into(), reference: String::new(), amount: None }
}

fn code(e: crate::Error) -> &'static str {
    e.code()
}

/// Applies, approves (as a supervisor), pays and issues: a permit with works under way.
fn issued(db: &mut Db, unit: &Unit) -> Permit {
    let p = db.write("王前台", |tx| apply(tx, unit, &application())).unwrap();
    db.write_approved("王前台", Some("李主管"), |tx| approve(tx, p.id, "")).unwrap();
    db.write("王前台", |tx| pay(tx, p.id, &cash("张三"))).unwrap();
    db.write("王前台", |tx| issue(tx, p.id)).unwrap()
}

fn waterproof_ok() -> NewWaterproof {
    NewWaterproof { started_at: "2026-11-10 09:00".into(), ended_at: "2026-11-12 09:00".into(), depth_cm: "2".into(), below_checked: true, below_note: "楼下 1-1-001 无渗漏".into(), passed: true, note: String::new() }
}

#[test]
fn a_permit_goes_from_application_to_close_and_every_step_names_who_and_when() {
    let (mut db, unit) = estate();
    let p = db.write("王前台", |tx| apply(tx, &unit, &application())).unwrap();
    assert_eq!((p.status, p.applicant_role.as_str(), p.scope.clone()), (Status::Applied, "owner", vec!["墙体".to_string(), "水电".to_string()]));
    assert_eq!(p.workers.iter().map(|w| (w.id_last4.as_str(), w.pass_no.as_str())).collect::<Vec<_>>(), [("123X", "SG0001-01"), ("0456", "SG0001-02")]);
    assert!(p.rules_text.contains("周日"), "the working-hour rules are kept with the permit");

    let p = db.write_approved("王前台", Some("李主管"), |tx| approve(tx, p.id, "图纸齐全")).unwrap();
    assert_eq!((p.status, p.steps[0].operator.as_str(), p.steps[0].approved_by.as_deref()), (Status::Approved, "王前台", Some("李主管")));

    let due = fees_due(db.conn(), &unit).unwrap();
    assert_eq!((due.management, due.rubbish, due.deposit, due.total), (yuan("270"), yuan("300"), yuan("2000"), yuan("2570")));
    let p = db.write("王前台", |tx| pay(tx, p.id, &cash("张三"))).unwrap();
    let paid = p.paid.clone().unwrap();
    assert_eq!((p.status, paid.fees, paid.receipt_no.as_str(), paid.deposit, paid.deposit_receipt_no.as_deref()), (Status::Paid, yuan("570"), "SF0000001", yuan("2000"), Some("YJ0000001")));
    let bills = fees::bills(db.conn(), &unit).unwrap();
    assert!(bills.iter().any(|b| b.item == MANAGEMENT_ITEM && b.amount == yuan("270") && b.outstanding == Money::ZERO), "{bills:?}");
    assert!(bills.iter().any(|b| b.item == RUBBISH_ITEM && b.amount == yuan("300") && b.outstanding == Money::ZERO));

    let p = db.write("王前台", |tx| issue(tx, p.id)).unwrap();
    assert_eq!((p.status, p.permit_no.as_deref()), (Status::Issued, Some("ZX2026-0001")));

    on(&mut db, "2026-11-12");
    let inspection = NewInspection { day: String::new(), inspector: "巡查员老周".into(), findings: vec!["垃圾:楼道堆放建筑垃圾".into()], deadline: "2026-11-14".into(), note: String::new() };
    let p = db.write("王前台", |tx| inspect(tx, p.id, &inspection)).unwrap();
    assert_eq!((p.inspections.len(), p.inspections[0].results["垃圾"].as_str(), p.inspections[0].results["消防"].as_str()), (1, Some("problem"), Some("ok")));
    let v = &p.violations[0];
    assert_eq!((v.item.as_str(), v.deadline, v.fixed.is_none()), ("垃圾", day("2026-11-14"), true));
    on(&mut db, "2026-11-15");
    assert!(open_violations(db.conn(), day("2026-11-15")).unwrap()[0].overdue, "an open violation past its deadline is marked");
    let refused = db.write("王前台", |tx| request_completion(tx, p.id, "")).unwrap_err();
    assert_eq!(code(refused), "reno.open_violations");
    let fixed = db.write("王前台", |tx| fix(tx, v.id, "已清运，复查合格")).unwrap();
    assert_eq!((fixed.fixed.as_ref().unwrap().operator.as_str(), fixed.overdue), ("王前台", false));
    assert!(open_violations(db.conn(), day("2026-11-15")).unwrap().is_empty());

    let t = db.write("王前台", |tx| waterproof(tx, p.id, &waterproof_ok())).unwrap();
    assert_eq!((t.hours, t.depth_cm.as_str(), t.passed), (48, "2.0", true));
    let slip = db.write("王前台", |tx| release(tx, p.id, &NewRelease { items: "旧门 2 扇".into(), plate: "沪a12345".into(), owner_confirm: "张三".into(), guard: "门岗老陈".into(), released_at: String::new() })).unwrap();
    assert_eq!((slip.slip_no.as_str(), slip.plate.as_str(), slip.permit_no.as_deref()), ("FX20261115-001", "沪A12345", Some("ZX2026-0001")));

    let p = db.write_approved("王前台", Some("李主管"), |tx| extend(tx, p.id, "2027-02-28", "春节停工")).unwrap();
    assert_eq!((p.end, p.planned_end, p.extensions[0].approved_by.as_deref()), (day("2027-02-28"), day("2027-01-31"), Some("李主管")));

    let p = db.write("王前台", |tx| request_completion(tx, p.id, "施工完毕")).unwrap();
    assert_eq!(p.status, Status::CompletionRequested);
    let p = db.write_approved("王前台", Some("李主管"), |tx| rectify(tx, p.id, &["外立面".into()], "空调外机位置不符，移回规定位置")).unwrap();
    assert_eq!((p.status, p.steps.last().unwrap().detail["checklist"]["外立面"].as_str()), (Status::Rectify, Some("problem")));
    let p = db.write("王前台", |tx| request_completion(tx, p.id, "已整改")).unwrap();
    let p = db.write_approved("王前台", Some("李主管"), |tx| accept(tx, p.id, &[], "验收合格")).unwrap();
    assert_eq!(p.status, Status::Accepted);

    let p = db.write_approved("王前台", Some("李主管"), |tx| refund(tx, p.id, &["300:楼道墙面损坏修复".into(), "200：垃圾清运".into()], "")).unwrap();
    let paid = p.paid.clone().unwrap();
    assert_eq!((p.status, paid.refunded, paid.deducted, paid.held), (Status::Refunded, yuan("1500"), yuan("500"), Money::ZERO));
    assert_eq!(p.deductions.iter().map(|d| (d.amount, d.reason.as_str())).collect::<Vec<_>>(), [(yuan("300"), "楼道墙面损坏修复"), (yuan("200"), "垃圾清运")]);
    let d = deposits::deposit(db.conn(), paid.deposit_id).unwrap();
    assert_eq!((d.refunds[0].approved_by.as_deref(), d.refunds[0].reason.as_str()), (Some("李主管"), "楼道墙面损坏修复 300.00 元；垃圾清运 200.00 元"));

    let p = db.write("王前台", |tx| close(tx, p.id, "")).unwrap();
    assert_eq!(p.status, Status::Closed);
    let labels: Vec<&str> = p.steps.iter().map(|s| s.label).collect();
    assert_eq!(labels, ["已批准", "已缴费", "施工中", "待验收", "整改中", "待验收", "已验收", "押金已退", "已关闭"]);

    let v = crate::audit::verify(db.conn()).unwrap();
    assert_eq!((v.first_broken, v.ledger.problem_count), (None, 0), "the audit chain and the ledger seals hold after a whole permit");
    assert!(v.ledger.sealed >= 6, "bills, payment, allocations, receipt, deposit and its refund are sealed: {v:?}");
    let actions: Vec<String> = db.conn().prepare("SELECT action FROM audit_log WHERE action LIKE 'reno.%'").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(["reno.apply", "reno.approved", "reno.paid", "reno.issued", "reno.inspect", "reno.fix", "reno.waterproof", "reno.release", "reno.extend", "reno.accepted", "reno.refunded", "reno.closed"].iter().all(|a| actions.iter().any(|x| x == a)), "{actions:?}");
}

#[test]
fn steps_cannot_be_skipped_and_each_refusal_says_what_comes_first() {
    let (mut db, unit) = estate();
    let p = db.write("王前台", |tx| apply(tx, &unit, &application())).unwrap();
    for (what, result) in [
        ("pay before approval", db.write("王前台", |tx| pay(tx, p.id, &cash("张三"))).map(|_| ())),
        ("issue before paying", db.write("王前台", |tx| issue(tx, p.id)).map(|_| ())),
        ("inspect before the permit", db.write("王前台", |tx| inspect(tx, p.id, &NewInspection { inspector: "老周".into(), ..Default::default() })).map(|_| ())),
        ("complete before works", db.write("王前台", |tx| request_completion(tx, p.id, "")).map(|_| ())),
        ("refund before acceptance", db.write("王前台", |tx| refund(tx, p.id, &[], "")).map(|_| ())),
        ("close before refund", db.write("王前台", |tx| close(tx, p.id, "")).map(|_| ())),
    ] {
        let e = result.expect_err(what);
        assert_eq!(e.code(), "reno.wrong_step", "{what}");
        assert!(e.to_string().contains("请先由主管审批"), "{what}: {e}");
    }
    db.write("李主管", |tx| approve(tx, p.id, "")).unwrap();
    let e = db.write("王前台", |tx| issue(tx, p.id)).unwrap_err();
    assert!(e.to_string().contains("不能发证") && e.to_string().contains("estate reno pay"), "no permit before fees and deposit: {e}");
    db.write("王前台", |tx| pay(tx, p.id, &cash("张三"))).unwrap();
    let e = db.write("王前台", |tx| pay(tx, p.id, &cash("张三"))).unwrap_err();
    assert_eq!(e.code(), "reno.wrong_step", "fees are taken once");
    db.write("王前台", |tx| issue(tx, p.id)).unwrap();
    let e = db.write("王前台", |tx| refund(tx, p.id, &[], "")).unwrap_err();
    assert!(e.to_string().contains("不能退押金"), "{e}");
    let e = db.write("李主管", |tx| accept(tx, p.id, &[], "")).unwrap_err();
    assert_eq!(e.code(), "reno.wrong_step", "acceptance waits for the completion request");
}

#[test]
fn the_database_itself_refuses_a_skipped_step_and_changes_to_a_permit() {
    let (mut db, unit) = estate();
    let p = db.write("王前台", |tx| apply(tx, &unit, &application())).unwrap();
    let c = db.conn();
    let skipped = c.execute("INSERT INTO reno_steps (permit_id, step, permit_no, at, operator) VALUES (?1, 'issued', 'ZX2026-0099', 'x', 'x')", [p.id]);
    assert!(skipped.unwrap_err().to_string().contains("out of order"));
    let refund = c.execute("INSERT INTO reno_steps (permit_id, step, refund_id, at, operator) VALUES (?1, 'refunded', 1, 'x', 'x')", [p.id]);
    assert!(refund.is_err());
    assert!(c.execute("UPDATE reno_permits SET status = 'accepted' WHERE id = ?1", [p.id]).unwrap_err().to_string().contains("only by its steps"));
    assert!(c.execute("UPDATE reno_permits SET contractor = '别家' WHERE id = ?1", [p.id]).is_err());
    assert!(c.execute("DELETE FROM reno_permits WHERE id = ?1", [p.id]).is_err());
    assert!(c.execute("INSERT INTO reno_steps (permit_id, step, at, operator) VALUES (?1, 'rejected', 'x', 'x')", [p.id]).is_err(), "a rejection without a reason");
}

#[test]
fn an_application_is_refused_with_the_reason_and_nothing_is_written() {
    let (mut db, unit) = estate();
    let cases: Vec<(&str, NewApplication)> = vec![
        ("reno.not_owner", NewApplication { applicant: "路人甲".into(), ..application() }),
        ("reno.bad_scope", NewApplication { scope: vec!["墙体,屋顶".into()], ..application() }),
        ("reno.no_scope", NewApplication { scope: vec![], ..application() }),
        ("reno.end_before_start", NewApplication { planned_end: "2026-11-05".into(), ..application() }),
        ("reno.too_long", NewApplication { planned_end: "2027-06-30".into(), ..application() }),
        ("reno.start_in_past", NewApplication { planned_start: "2026-11-01".into(), ..application() }),
        ("reno.bad_date", NewApplication { planned_end: "明年".into(), ..application() }),
        ("reno.id_last4", NewApplication { workers: vec![NewWorker { name: "王师傅".into(), phone: String::new(), id_last4: "110101199003071234".into() }], ..application() }),
        ("reno.bad_phone", NewApplication { foreman_phone: "call me".into(), ..application() }),
        ("reno.required", NewApplication { contractor: " ".into(), ..application() }),
    ];
    for (expected, a) in cases {
        let e = db.write("王前台", |tx| apply(tx, &unit, &a)).unwrap_err();
        assert_eq!(e.code(), expected, "{e}");
        assert!(e.is_input());
        assert!(!e.to_string().contains("110101199003071234"), "a whole ID number is never repeated: {e}");
    }
    let n: i64 = db.conn().query_row("SELECT COUNT(*) FROM reno_permits", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
    let stored: i64 = db.conn().query_row("SELECT COUNT(*) FROM reno_workers WHERE length(id_last4) <> 4", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, 0);

    let by_proxy = db.write("王前台", |tx| apply(tx, &unit, &NewApplication { applicant: "张小三".into(), authorisation: "业主委托书 2026-11-01".into(), ..application() })).unwrap();
    assert_eq!(by_proxy.applicant_role, "authorised", "someone the owner authorised in writing may apply");
    let e = db.write("王前台", |tx| apply(tx, &unit, &application())).unwrap_err();
    assert_eq!(e.code(), "reno.already_open", "one permit under way per unit");
    db.write("李主管", |tx| reject(tx, by_proxy.id, "图纸不全，请补水电图")).unwrap();
    let again = db.write("王前台", |tx| apply(tx, &unit, &application())).unwrap();
    assert_eq!(again.status, Status::Applied, "after a rejection the owner may apply again");
    assert_eq!(db.write("李主管", |tx| reject(tx, again.id, " ")).unwrap_err().code(), "reno.reject_reason");

    db.write("测试", |tx| settings::change(tx, settings::RENO_MAX_DAYS, "30")).unwrap();
    let other = add_unit(&mut db, "2-1-101", Some("80"));
    let e = db.write("王前台", |tx| apply(tx, &other, &NewApplication { authorisation: "委托书".into(), ..application() })).unwrap_err();
    assert!(e.to_string().contains("最长 30 天"), "the longest period is a setting: {e}");
}

#[test]
fn fees_follow_the_settings_and_a_unit_without_area_is_refused() {
    let (mut db, unit) = estate();
    db.write("测试", |tx| {
        settings::change(tx, settings::RENO_FEE_PER_SQM, "2.5")?;
        settings::change(tx, settings::RENO_RUBBISH_FEE, "0")?;
        settings::change(tx, settings::RENO_DEPOSIT, "3000")
    })
    .unwrap();
    let due = fees_due(db.conn(), &unit).unwrap();
    assert_eq!((due.management, due.rubbish, due.deposit, due.management_basis.as_str()), (yuan("225"), Money::ZERO, yuan("3000"), "90.00㎡ × 2.50 元/㎡"));
    let p = db.write("王前台", |tx| apply(tx, &unit, &application())).unwrap();
    db.write("李主管", |tx| approve(tx, p.id, "")).unwrap();
    let e = db.write("王前台", |tx| pay(tx, p.id, &PayFees { amount: Some(yuan("3000")), ..cash("张三") })).unwrap_err();
    assert_eq!(e.code(), "reno.wrong_amount", "a counted amount must be the total: {e}");
    let p = db.write("王前台", |tx| pay(tx, p.id, &PayFees { amount: Some(yuan("3225")), ..cash("张三") })).unwrap();
    assert_eq!(fees::bills(db.conn(), &unit).unwrap().len(), 1, "a zero fee makes no bill");
    assert_eq!(p.paid.unwrap().fees, yuan("225"));

    let bare = crate::register::find_unit(db.conn(), "1-1-102").unwrap();
    assert_eq!(fees_due(db.conn(), &bare).unwrap_err().code(), "reno.no_area");
    let items = fees::fee_items(db.conn()).unwrap();
    let reno_item = items.iter().find(|i| i.name == MANAGEMENT_ITEM).unwrap();
    assert!(reno_item.prices.is_empty(), "the renovation items carry no price, so billing runs never bill them");
    let run = db.write("测试", |tx| fees::run_billing(tx, Period::parse("2026-11").unwrap(), Period::parse("2026-12").unwrap(), &mut |_, _| {})).unwrap();
    assert_eq!(run.bills, 0, "no fee item with a price: nothing billed to other units");
}

#[test]
fn inspections_waterproof_tests_and_acceptance_keep_their_rules() {
    let (mut db, unit) = estate();
    let p = issued(&mut db, &unit);
    on(&mut db, "2026-11-12");
    let bad_item = NewInspection { inspector: "老周".into(), findings: vec!["屋顶:漏水".into()], ..Default::default() };
    assert_eq!(db.write("王前台", |tx| inspect(tx, p.id, &bad_item)).unwrap_err().code(), "reno.bad_check_item");
    let early = NewInspection { inspector: "老周".into(), day: "2026-11-04".into(), ..Default::default() };
    assert_eq!(db.write("王前台", |tx| inspect(tx, p.id, &early)).unwrap_err().code(), "reno.inspection_day");
    let back = NewInspection { inspector: "老周".into(), findings: vec!["消防".into()], deadline: "2026-11-11".into(), ..Default::default() };
    assert_eq!(db.write("王前台", |tx| inspect(tx, p.id, &back)).unwrap_err().code(), "reno.deadline_before_day");
    let clean = NewInspection { inspector: "老周".into(), ..Default::default() };
    let after = db.write("王前台", |tx| inspect(tx, p.id, &clean)).unwrap();
    assert!(after.violations.is_empty() && after.inspections[0].results.as_object().unwrap().values().all(|v| v == "ok"));
    let default_deadline = db.write("王前台", |tx| inspect(tx, p.id, &NewInspection { inspector: "老周".into(), findings: vec!["施工时间:午休时间电钻".into()], ..Default::default() })).unwrap();
    let v = default_deadline.violations[0].clone();
    assert_eq!(v.deadline, day("2026-11-15"), "three days to put it right when no deadline is named");
    db.write("王前台", |tx| fix(tx, v.id, "已告知施工队")).unwrap();
    assert_eq!(db.write("王前台", |tx| fix(tx, v.id, "再登记")).unwrap_err().code(), "reno.violation_fixed");
    assert_eq!(db.write("王前台", |tx| fix(tx, 999, "x")).unwrap_err().code(), "reno.violation_not_found");

    let short = NewWaterproof { ended_at: "2026-11-11 08:00".into(), ..waterproof_ok() };
    let e = db.write("王前台", |tx| waterproof(tx, p.id, &short)).unwrap_err();
    assert!(e.to_string().contains("23 小时") && e.to_string().contains("至少 48 小时"), "{e}");
    let failed = NewWaterproof { passed: false, ended_at: "2026-11-12 08:00".into(), started_at: "2026-11-09 08:00".into(), ..waterproof_ok() };
    db.write("王前台", |tx| waterproof(tx, p.id, &failed)).unwrap();
    db.write("王前台", |tx| request_completion(tx, p.id, "")).unwrap();
    let e = db.write("李主管", |tx| accept(tx, p.id, &[], "")).unwrap_err();
    assert_eq!(e.code(), "reno.needs_waterproof", "水电 in the scope needs a passed waterproof test: {e}");
    let e = db.write("李主管", |tx| accept(tx, p.id, &["防水".into()], "")).unwrap_err();
    assert!(e.code() == "reno.accept_with_problems" && e.to_string().contains("estate reno rectify"), "{e}");
    db.write("李主管", |tx| rectify(tx, p.id, &["防水".into()], "重做闭水试验")).unwrap();
    assert!(db.write("王前台", |tx| waterproof(tx, p.id, &waterproof_ok())).unwrap().passed);
    db.write("王前台", |tx| request_completion(tx, p.id, "")).unwrap();
    assert_eq!(db.write("李主管", |tx| accept(tx, p.id, &[], "")).unwrap().status, Status::Accepted);
    let e = db.write("王前台", |tx| inspect(tx, p.id, &clean)).unwrap_err();
    assert_eq!(e.code(), "reno.wrong_step", "no inspection once the works are accepted");

    let e = db.write("李主管", |tx| refund(tx, p.id, &["2500:损坏电梯".into()], "")).unwrap_err();
    assert!(e.code() == "reno.deductions_too_large" && e.to_string().contains("2000.00"), "{e}");
    assert_eq!(db.write("李主管", |tx| refund(tx, p.id, &["损坏电梯".into()], "")).unwrap_err().code(), "reno.bad_deduction");
    let all_kept = db.write("李主管", |tx| refund(tx, p.id, &["2000:损坏电梯轿厢".into()], "")).unwrap();
    assert_eq!((all_kept.paid.as_ref().unwrap().refunded, all_kept.paid.as_ref().unwrap().deducted), (Money::ZERO, yuan("2000")));
    db.write("王前台", |tx| close(tx, p.id, "")).unwrap();
    let e = db.write("王前台", |tx| release(tx, p.id, &NewRelease { items: "x".into(), owner_confirm: "张三".into(), guard: "老陈".into(), ..Default::default() })).unwrap_err();
    assert_eq!(e.code(), "reno.wrong_step", "no slips on a closed permit");
}

#[test]
fn extensions_and_the_reports_by_status_overdue_and_violations() {
    let (mut db, unit) = estate();
    let p = issued(&mut db, &unit);
    assert_eq!(db.write("李主管", |tx| extend(tx, p.id, "2027-01-31", "x")).unwrap_err().code(), "reno.extend_not_later");
    assert_eq!(db.write("李主管", |tx| extend(tx, p.id, "2027-02-10", " ")).unwrap_err().code(), "reno.extend_reason");
    let other = add_unit(&mut db, "2-1-101", Some("80"));
    db.write("王前台", |tx| apply(tx, &other, &NewApplication { authorisation: "委托书".into(), ..application() })).unwrap();

    let counts = status_counts(db.conn()).unwrap();
    let count_of = |s: Status| counts.iter().find(|c| c.status == s).unwrap().count;
    assert_eq!((count_of(Status::Issued), count_of(Status::Applied), counts.len()), (1, 1, 10));
    assert!(overdue(db.conn(), day("2027-01-31")).unwrap().is_empty());
    let late = overdue(db.conn(), day("2027-02-01")).unwrap();
    assert_eq!(late.iter().map(|l| l.unit.as_str()).collect::<Vec<_>>(), ["1-1-101"], "works past their end and not accepted");
    db.write("李主管", |tx| extend(tx, p.id, "2027-02-28", "春节停工")).unwrap();
    assert!(overdue(db.conn(), day("2027-02-01")).unwrap().is_empty(), "an extension moves the end");
    let lines = list(db.conn(), Some(Status::Issued), None, day("2026-11-02")).unwrap();
    assert_eq!((lines.len(), lines[0].permit_no.as_deref(), lines[0].end), (1, Some("ZX2026-0001"), day("2027-02-28")));
    assert_eq!(find(db.conn(), "zx2026-0001").unwrap(), p.id);
    assert_eq!(find(db.conn(), &p.id.to_string()).unwrap(), p.id);
    assert_eq!(find(db.conn(), "ZX2026-0999").unwrap_err().code(), "reno.not_found");
}

#[test]
fn the_renovation_deposit_is_held_then_refunded_in_the_deposit_ledger() {
    let (mut db, unit) = estate();
    let p = issued(&mut db, &unit);
    let held = deposits::list(db.conn(), Some(&unit), true).unwrap();
    assert_eq!((held.len(), held[0].kind.as_str(), held[0].held), (1, "装修押金", yuan("2000")));
    on(&mut db, "2026-11-20");
    db.write("王前台", |tx| waterproof(tx, p.id, &waterproof_ok())).unwrap();
    db.write("王前台", |tx| request_completion(tx, p.id, "")).unwrap();
    db.write("李主管", |tx| accept(tx, p.id, &[], "")).unwrap();
    db.write("李主管", |tx| refund(tx, p.id, &[], "")).unwrap();
    assert!(deposits::list(db.conn(), Some(&unit), true).unwrap().is_empty(), "nothing held after the refund");
    let all = deposits::list(db.conn(), Some(&unit), false).unwrap();
    assert_eq!((all[0].refunded, all[0].deducted), (yuan("2000"), Money::ZERO));
}

/// The 押金台账 sheet of a month's workbook, read back: (kind, column) as numbers.
fn deposit_sheet(db: &Db, period: &str) -> Vec<(String, f64, f64, f64)> {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("month.xlsx");
    crate::handover::export(db.conn(), Period::parse(period).unwrap(), &out).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let range = book.worksheet_range("押金台账").unwrap();
    let col = |title: &str| (0..range.width()).find(|&c| range.get_value((0, c as u32)) == Some(&Data::String(title.into()))).unwrap() as u32;
    let num = |r: u32, c: u32| match range.get_value((r, c)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        _ => 0.0,
    };
    let (kind, taken, refunded, end) = (col("类别"), col("本月收取"), col("本月退还"), col("月末在押"));
    (1..range.height() as u32)
        .filter_map(|r| match range.get_value((r, kind)) {
            Some(Data::String(k)) if k == "装修押金" => Some((k.clone(), num(r, taken), num(r, refunded), num(r, end))),
            _ => None,
        })
        .collect()
}

#[test]
fn the_workbook_shows_the_renovation_deposit_held_then_refunded() {
    let (mut db, unit) = estate();
    let p = issued(&mut db, &unit);
    assert_eq!(deposit_sheet(&db, "2026-11"), [("装修押金".to_string(), 2000.0, 0.0, 2000.0)], "held at the end of November");
    on(&mut db, "2026-12-10");
    db.write("王前台", |tx| waterproof(tx, p.id, &waterproof_ok())).unwrap();
    db.write("王前台", |tx| request_completion(tx, p.id, "")).unwrap();
    db.write("李主管", |tx| accept(tx, p.id, &[], "")).unwrap();
    db.write("李主管", |tx| refund(tx, p.id, &[], "")).unwrap();
    assert_eq!(deposit_sheet(&db, "2026-12"), [("装修押金".to_string(), 0.0, 2000.0, 0.0)], "refunded in December");
}

/// The PDF's text with every space and line break taken out: a value wrapped
/// in its cell or spread by `-layout` still reads as one run.
fn pdf_words(pdf: &[u8]) -> String {
    crate::testing::pdf_text(pdf).chars().filter(|c| !c.is_whitespace()).collect()
}

/// `pdf_words` of a PDF whose first page must be `w`×`h` mm.
fn pdf_words_on(pdf: &[u8], (w, h): (f32, f32)) -> String {
    let (pw, ph) = crate::testing::pdf_page_mm(pdf);
    assert!((pw - w).abs() < 0.5 && (ph - h).abs() < 0.5, "page {pw}×{ph} mm, expected {w}×{h}");
    pdf_words(pdf)
}

fn assert_reads(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "missing {e:?} in {text}");
    }
}

#[test]
fn the_permit_pdf_is_refused_before_the_permit_is_issued_then_carries_the_permit() {
    let (mut db, unit) = estate();
    db.write("测试", |tx| crate::db::settings::change(tx, crate::db::settings::OFFICE_PHONE, "0571-88886666")).unwrap();
    let p = db.write("王前台", |tx| apply(tx, &unit, &application())).unwrap();
    let refused = permit_pdf(db.conn(), p.id).unwrap_err();
    assert_eq!(code(refused), "reno.not_issued");
    db.write_approved("王前台", Some("李主管"), |tx| approve(tx, p.id, "")).unwrap();
    db.write("王前台", |tx| pay(tx, p.id, &cash("张三"))).unwrap();
    let refused = permit_pdf(db.conn(), p.id).unwrap_err();
    assert!(refused.to_string().contains("“已缴费”") && refused.to_string().contains("estate reno issue"), "{refused}");
    db.write("王前台", |tx| issue(tx, p.id)).unwrap();

    let text = pdf_words_on(&permit_pdf(db.conn(), p.id).unwrap(), (210.0, 297.0));
    assert_reads(&text, &[
        "测试小区物业服务中心",
        "装修许可证",
        "许可证号：ZX2026-0001",
        "房号1-1-101",
        "业主张三（业主）",
        "施工单位美家装饰公司",
        "施工负责人刘工电话13900001234",
        "施工期限2026年11月5日至2027年1月31日",
        "施工范围墙体、水电",
        "王师傅（出入证SG0001-01）、赵师傅（出入证SG0001-02）",
        "施工时间及管理规定",
        "1.工作日8:00–12:00、14:00–18:00可施工",
        "2.12:00–14:00不得进行有噪声的作业",
        "3.周日及法定节假日不得施工",
        "物业服务中心电话：0571-88886666",
        "发证日期：2026年11月2日",
        "（盖章）",
    ]);

    // An extension shows the new end and says the old one.
    db.write_approved("王前台", Some("李主管"), |tx| extend(tx, p.id, "2027-02-28", "春节停工")).unwrap();
    let text = pdf_words(&permit_pdf(db.conn(), p.id).unwrap());
    // Two lines now, the label centred beside them: read without it.
    assert!(text.replace("施工期限", "").contains("2026年11月5日至2027年2月28日（已延期，原定2027年1月31日完工）"), "{text}");
}

#[test]
fn a_permit_for_an_authorised_person_names_the_owner_and_the_authorisation() {
    let (mut db, unit) = estate();
    let a = NewApplication { applicant: "李四".into(), authorisation: "委托书 WT-07".into(), ..application() };
    let p = db.write("王前台", |tx| apply(tx, &unit, &a)).unwrap();
    db.write("李主管", |tx| approve(tx, p.id, "")).unwrap();
    db.write("王前台", |tx| pay(tx, p.id, &cash("李四"))).unwrap();
    db.write("王前台", |tx| issue(tx, p.id)).unwrap();
    let doc = permit_doc(db.conn(), p.id).unwrap();
    assert_eq!(doc.owner, "张三；李四 受托办理（委托书：委托书 WT-07）");
}

#[test]
fn release_slips_print_three_to_a_sheet_with_every_field() {
    let (mut db, unit) = estate();
    let p = issued(&mut db, &unit);
    on(&mut db, "2026-11-06");
    let slip = |items: &str, plate: &str| NewRelease { items: items.into(), plate: plate.into(), owner_confirm: "张三".into(), guard: "门岗老陈".into(), released_at: "2026-11-06 15:30".into() };
    for (items, plate) in [("旧门 2 扇、旧橱柜 1 套", "沪A12345"), ("废弃瓷砖 20 袋", ""), ("旧马桶 1 个", "浙B88888"), ("旧窗框 4 个", "")] {
        db.write("王前台", |tx| release(tx, p.id, &slip(items, plate))).unwrap();
    }
    assert_eq!(code(slips_pdf(db.conn(), &["FX20261106-009".into()]).unwrap_err()), "reno.slip_not_found");
    assert_eq!(code(slips_pdf(db.conn(), &[]).unwrap_err()), "reno.required");

    let text = pdf_words_on(&slips_pdf(db.conn(), &["fx20261106-001".into()]).unwrap(), (210.0, 297.0));
    assert_reads(&text, &["物品放行条", "No.FX20261106-001", "房号1-1-101", "装修许可证ZX2026-0001", "放行物品旧门2扇、旧橱柜1套", "车牌号沪A12345", "放行时间2026-11-0615:30", "业主确认张三（签字）", "门岗放行门岗老陈", "开单：王前台"]);
    let nos: Vec<String> = (1..=4).map(|n| format!("FX20261106-{n:03}")).collect();
    let four = slips_pdf(db.conn(), &nos).unwrap();
    let text = crate::testing::pdf_text(&four);
    assert_eq!(text.matches('\u{c}').count(), 2, "four slips take two pages (three to a sheet)");
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(["FX20261106-001", "FX20261106-002", "FX20261106-003"].iter().all(|n| pages[0].contains(n)) && pages[1].contains("FX20261106-004"), "{text}");
}

/// An issued permit taken to acceptance on 2026-12-10 (a waterproof test, completion, acceptance).
fn accepted(db: &mut Db, unit: &Unit) -> Permit {
    let p = issued(db, unit);
    on(db, "2026-12-10");
    db.write("王前台", |tx| waterproof(tx, p.id, &waterproof_ok())).unwrap();
    db.write("王前台", |tx| request_completion(tx, p.id, "")).unwrap();
    db.write("李主管", |tx| accept(tx, p.id, &[], "")).unwrap()
}

#[test]
fn the_refund_voucher_lists_each_deduction_and_names_clerk_and_supervisor() {
    let (mut db, unit) = estate();
    let p = accepted(&mut db, &unit);
    assert_eq!(code(voucher_pdf(db.conn(), p.id).unwrap_err()), "reno.not_refunded");
    on(&mut db, "2026-12-20");
    db.write_approved("王前台", Some("李主管"), |tx| refund(tx, p.id, &["300:楼道墙面损坏修复".into(), "200：垃圾清运".into()], "")).unwrap();

    let text = pdf_words_on(&voucher_pdf(db.conn(), p.id).unwrap(), (210.0, 148.0));
    assert_reads(&text, &[
        "装修押金退还单",
        "许可证号：ZX2026-0001",
        "退还日期：2026年12月20日",
        "房号1-1-101",
        "交款人张三",
        "押金收据YJ0000001",
        "收取押金¥2,000.00",
        "1楼道墙面损坏修复300.00",
        "2垃圾清运200.00",
        "合计扣款合计500.00",
        "实退金额人民币（大写）壹仟伍佰元整¥1,500.00",
        "经办人：王前台审批主管：李主管",
        "领款人（签字）：",
    ]);
    // The permit can still print its voucher once closed.
    db.write("王前台", |tx| close(tx, p.id, "")).unwrap();
    assert!(pdf_words(&voucher_pdf(db.conn(), p.id).unwrap()).contains("¥1,500.00"));
}

#[test]
fn a_supervisor_refunding_alone_is_printed_once_not_as_a_pair() {
    let (mut db, unit) = estate();
    let p = accepted(&mut db, &unit);
    db.write("李主管", |tx| refund(tx, p.id, &[], "")).unwrap();
    let doc = voucher_doc(db.conn(), p.id).unwrap();
    assert_eq!((doc.operator.as_str(), doc.approver.as_deref(), doc.refunded), ("李主管", None, yuan("2000")));
    let text = pdf_words(&voucher_pdf(db.conn(), p.id).unwrap());
    assert!(text.contains("经办及审批（主管）：李主管"), "{text}");
    assert!(!text.contains("审批主管：") && !text.contains("经办人："), "no misleading pair: {text}");
    assert!(text.contains("无扣款0.00") && text.contains("合计扣款合计0.00") && text.contains("贰仟元整¥2,000.00"), "{text}");
}
