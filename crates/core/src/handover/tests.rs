//! The March 2026 workbook of a three-unit estate with figures worked out by
//! hand, read back with calamine: every sheet's totals agree with each other
//! and with the ledger, and later events do not change the month.

use calamine::{Data, Range, Reader, Xlsx};
use rust_decimal::Decimal;

use super::*;
use crate::db::Db;
use crate::testing::{day, on, yuan};
use crate::deposits::{self, NewDeposit, NewRefund};
use crate::fees::{self, Basis, Method, NewFee, NewPayment};
use crate::register::{self, NewUnit, Unit, UnitType, rules as reg_rules};

fn unit(db: &mut Db, code: &str, area: &str) -> Unit {
    let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area(area).unwrap()), handover: None };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
}

fn pay(db: &mut Db, date: &str, u: &Unit, amount: &str, bills: Vec<i64>) -> String {
    on(db, date);
    let p = NewPayment { amount: yuan(amount), method: Method::Wechat, payer: "业主".into(), reference: String::new(), bills };
    db.write("王前台", |tx| fees::pay(tx, u, &p)).unwrap().receipt_no
}

fn void(db: &mut Db, date: &str, no: &str, reason: &str) {
    on(db, date);
    db.write("李主管", |tx| fees::void_receipt(tx, no, reason)).unwrap();
}

fn bill_run(db: &mut Db, date: &str, from: &str, to: &str) {
    on(db, date);
    let (from, to) = (Period::parse(from).unwrap(), Period::parse(to).unwrap());
    db.write("李主管", |tx| fees::run_billing(tx, from, to, &mut |_, _| ())).unwrap();
}

/// The id of a unit's bill for an item and month.
fn bill(db: &Db, u: &Unit, item: &str, period: &str) -> i64 {
    fees::bills(db.conn(), u).unwrap().into_iter().find(|b| b.item == item && b.period == period).unwrap().id
}

/// 1-1-101 (100 ㎡), 1-1-102 (80 ㎡), 2-1-201 (50 ㎡); 物业服务费 2.00/㎡ and
/// 垃圾清运费 10.00/户 a month: 210, 170 and 110 a month.
fn march_estate() -> (Db, [Unit; 3]) {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    on(&mut db, "2026-01-01");
    let units = [unit(&mut db, "1-1-101", "100"), unit(&mut db, "1-1-102", "80"), unit(&mut db, "2-1-201", "50")];
    for (name, basis, price) in [("物业服务费", Basis::Area, "2.00"), ("垃圾清运费", Basis::Unit, "10.00")] {
        let f = NewFee { name: name.into(), basis, price: price.parse::<Decimal>().unwrap(), unit_type: None, cycle_months: 1 };
        db.write("测试", |tx| fees::add_fee(tx, &f)).unwrap();
    }
    let [a, b, c] = units.clone();
    bill_run(&mut db, "2026-01-01", "2026-01", "2026-02");
    pay(&mut db, "2026-01-10", &b, "340.00", vec![]); // SF0000001: January and February
    pay(&mut db, "2026-02-15", &c, "500.00", vec![]); // SF0000002: January, February, 280.00 kept
    on(&mut db, "2026-02-01");
    let key = NewDeposit { kind: "钥匙押金".into(), amount: yuan("100.00"), method: Method::Cash, payer: "赵六".into(), note: String::new() };
    let key = db.write("王前台", |tx| deposits::take(tx, &c, &key)).unwrap();
    pay(&mut db, "2026-02-20", &a, "210.00", vec![]); // SF0000003: January, voided in March
    // March.
    bill_run(&mut db, "2026-03-01", "2026-03", "2026-03"); // 2-1-201's prepayment pays March (110.00)
    pay(&mut db, "2026-03-05", &a, "420.00", vec![]); // SF0000004: February (arrears) and March (current)
    bill_run(&mut db, "2026-03-08", "2026-04", "2026-04"); // April billed ahead; 2-1-201's prepayment pays it
    void(&mut db, "2026-03-10", "SF0000003", "收错户"); // January owed again
    let march_fee = bill(&db, &b, "物业服务费", "2026-03");
    pay(&mut db, "2026-03-12", &b, "500.00", vec![march_fee]); // SF0000005: 160.00 current, 340.00 kept
    pay(&mut db, "2026-03-15", &b, "100.00", vec![]); // SF0000006: kept, then voided next day
    void(&mut db, "2026-03-16", "SF0000006", "重复收款");
    pay(&mut db, "2026-03-18", &a, "110.00", vec![]); // SF0000007: January 物业服务费 (arrears)
    on(&mut db, "2026-03-20");
    let january = bill(&db, &a, "物业服务费", "2026-01");
    db.write("李主管", |tx| fees::waive(tx, january, yuan("50.00"), "漏水补偿")).unwrap();
    on(&mut db, "2026-03-28");
    let reno = NewDeposit { kind: "装修押金".into(), amount: yuan("2000.00"), method: Method::Transfer, payer: "张三".into(), note: String::new() };
    db.write("王前台", |tx| deposits::take(tx, &a, &reno)).unwrap();
    on(&mut db, "2026-03-29");
    let back = NewRefund { refund: yuan("80.00"), deduct: yuan("20.00"), reason: "钥匙损坏".into() };
    db.write("李主管", |tx| deposits::refund(tx, key.id, &back)).unwrap();
    (db, units)
}

/// What happens in April must not change March's workbook.
fn april(db: &mut Db, units: &[Unit; 3]) {
    pay(db, "2026-04-02", &units[1], "50.00", vec![]);
    void(db, "2026-04-03", "SF0000005", "金额有误");
}

fn march() -> Period {
    Period::parse("2026-03").unwrap()
}

fn read(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
}

/// The totals row (the last) of a sheet, by column title, in fen.
fn totals(range: &Range<Data>, title: &str) -> Money {
    let col = (0..range.width()).find(|&c| range.get_value((0, c as u32)) == Some(&Data::String(title.into()))).unwrap_or_else(|| panic!("no column {title}"));
    cell_money(range, range.height() as u32 - 1, col as u32)
}

fn cell_money(range: &Range<Data>, row: u32, col: u32) -> Money {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => Money((f * 100.0).round() as i64),
        other => panic!("not a number at ({row}, {col}): {other:?}"),
    }
}

fn ratio_at(range: &Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        other => panic!("not a ratio at ({row}, {col}): {other:?}"),
    }
}

#[test]
fn the_month_in_figures() {
    let (db, _) = march_estate();
    let m = monthly(db.conn(), march()).unwrap();
    let h = m.headline();
    assert_eq!((h.billed, h.collected, h.arrears, h.prepaid, h.deposits_held), (yuan("490"), yuan("820"), yuan("60"), yuan("400"), yuan("2000")));
    assert_eq!((h.collection_rate.as_str(), h.household_rate.as_str(), h.clearance_rate.as_str()), ("97.96%", "66.67%", "68.75%"));
    assert_eq!((h.receipts, h.voids), (4, 2));

    let lines: Vec<(&str, Money, Money)> = m.receipts.iter().map(|r| (r.receipt_no.as_str(), r.amount, r.reversed)).collect();
    assert_eq!(
        lines,
        [
            ("SF0000004", yuan("420"), Money::ZERO),
            ("SF0000003", Money::ZERO, yuan("-210")),
            ("SF0000005", yuan("500"), Money::ZERO),
            ("SF0000006", yuan("100"), yuan("-100")),
            ("SF0000007", yuan("110"), Money::ZERO),
        ]
    );
    assert_eq!(m.receipts[0].items, "物业服务费 2026-02、垃圾清运费 2026-02、物业服务费 2026-03、垃圾清运费 2026-03");
    assert_eq!(m.receipts[2].items, "物业服务费 2026-03、预存款");
    assert_eq!(m.receipts[1].status, "冲销 2026-02-20 的收据：收错户");
    assert_eq!(m.receipts[3].status, "作废：重复收款");

    let item = |name: &str| m.items.iter().find(|l| l.item == name).unwrap().clone();
    let fee = item("物业服务费");
    assert_eq!(
        (fee.billed, fee.current, fee.arrears, fee.advance, fee.prepaid_applied, fee.waived, fee.unpaid),
        (yuan("460"), yuan("360"), yuan("110"), yuan("0"), yuan("200"), yuan("50"), yuan("0"))
    );
    let rubbish = item("垃圾清运费");
    assert_eq!(
        (rubbish.billed, rubbish.current, rubbish.arrears, rubbish.prepaid_applied, rubbish.unpaid),
        (yuan("30"), yuan("10"), yuan("0"), yuan("20"), yuan("10"))
    );
    assert_eq!(item(summary::PREPAID_ITEM).advance, yuan("340"), "2-1-102's 340.00 kept; the voided 100.00 nets out");
    assert_eq!(m.items.iter().map(|l| l.item.as_str()).collect::<Vec<_>>(), ["物业服务费", "垃圾清运费", summary::PREPAID_ITEM]);

    let one = &m.buildings[0];
    assert_eq!((one.name.as_str(), one.units_billed, one.units_paid), ("1", 2, 1));
    assert_eq!((one.billed, one.paid, one.unpaid, one.recovered, one.old_arrears), (yuan("380"), yuan("370"), yuan("10"), yuan("110"), yuan("50")));
    let two = &m.buildings[1];
    assert_eq!((two.billed, two.paid, two.clearance_rate()), (yuan("110"), yuan("110"), None), "paid by prepayment; no old arrears");

    let prepaid: Vec<(&str, Money, Money)> = m.prepaid.iter().map(|p| (p.unit.as_str(), p.start, p.end)).collect();
    assert_eq!(prepaid, [("1-1-102", yuan("0"), yuan("340")), ("2-1-201", yuan("280"), yuan("60"))]);
    let deposits: Vec<(i64, Money, Money, Money, Money, Money)> = m.deposits.iter().map(|d| (d.id, d.start, d.taken, d.refunded, d.deducted, d.end())).collect();
    assert_eq!(deposits, [(1, yuan("100"), yuan("0"), yuan("80"), yuan("20"), yuan("0")), (2, yuan("0"), yuan("2000"), yuan("0"), yuan("0"), yuan("2000"))]);
    assert_eq!(m.deposits[0].reasons, "钥匙损坏");
}

#[test]
fn the_sheets_tie_out_with_each_other_and_with_the_ledger() {
    let (db, units) = march_estate();
    let m = monthly(db.conn(), march()).unwrap();
    let (bytes, sheets) = m.workbook().unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["收款明细", "收费汇总", "收缴率", "欠费账龄", "预存款余额", "押金台账", "减免明细", "作废收据", "日结汇总", "钥匙借用", "盘点", "抄表", "公摊分摊", "业户需求", "维修汇总", "满意度调查"]);
    let mut book = read(bytes);
    assert_eq!(book.sheet_names(), names);
    let sheet = |book: &mut Xlsx<_>, name: &str| book.worksheet_range(name).unwrap();
    let (receipts, items, rates, aged, prepaid, held, waived, voided) = (
        sheet(&mut book, "收款明细"),
        sheet(&mut book, "收费汇总"),
        sheet(&mut book, "收缴率"),
        sheet(&mut book, "欠费账龄"),
        sheet(&mut book, "预存款余额"),
        sheet(&mut book, "押金台账"),
        sheet(&mut book, "减免明细"),
        sheet(&mut book, "作废收据"),
    );
    // Takings: 收款明细 = 收费汇总 实收, and the voids sheet is the reversals.
    assert_eq!(totals(&receipts, "本月实收"), yuan("820"));
    assert_eq!(totals(&receipts, "收据金额"), yuan("1130"));
    assert_eq!(totals(&items, "实收"), totals(&receipts, "本月实收"));
    assert_eq!(totals(&voided, "金额"), -totals(&receipts, "作废冲销"));
    assert_eq!(totals(&items, "实收"), totals(&items, "其中：当期") + totals(&items, "收回欠费") + totals(&items, "预收"));
    // Billing: 收费汇总 = 收缴率, and the month's bills are paid, waived or still owed.
    let overall = rates.height() as u32 - 1;
    assert_eq!(rates.get_value((overall, 0)), Some(&Data::String("全小区".into())));
    assert_eq!(totals(&rates, "当期应收"), totals(&items, "应收"));
    assert_eq!(totals(&rates, "当期欠收"), totals(&items, "欠收"));
    assert_eq!(totals(&rates, "收回欠费"), totals(&items, "收回欠费"));
    assert_eq!(totals(&rates, "当期应收"), totals(&rates, "当期已缴") + totals(&rates, "当期减免") + totals(&rates, "当期欠收"));
    assert!((ratio_at(&rates, overall, 8) - 480.0 / 490.0).abs() < 1e-12, "收费率 carried by the totals formula");
    assert!((ratio_at(&rates, overall, 11) - 110.0 / 160.0).abs() < 1e-12, "清缴率");
    assert!((ratio_at(&rates, overall, 3) - 2.0 / 3.0).abs() < 1e-12, "户收费率");
    assert_eq!(totals(&waived, "减免金额"), totals(&items, "减免"));
    // Arrears: the ageing sheet is the arrears report, which is this month's and older bills still owed.
    let report = arrears::report(db.conn(), day("2026-03-31"), &Filter::default()).unwrap();
    assert_eq!(totals(&aged, "欠费合计"), report.total.total);
    assert_eq!(totals(&aged, "欠费合计"), totals(&rates, "当期欠收") + totals(&rates, "月末旧欠"));
    assert_eq!(totals(&aged, "0–30天") + totals(&aged, "31–90天"), yuan("60"));
    // Prepayment: the month-end balance is the ledger's, and it moved by what was kept less what was applied.
    let ledger: Money = units.iter().map(|u| fees::balance(db.conn(), u).unwrap().prepaid).sum();
    assert_eq!(totals(&prepaid, "月末余额"), ledger);
    let kept = cell_money(&items, 3, 2);
    assert_eq!(items.get_value((3, 0)), Some(&Data::String(summary::PREPAID_ITEM.into())));
    assert_eq!(totals(&prepaid, "月末余额") - totals(&prepaid, "月初余额"), kept - totals(&items, "预存抵扣"));
    // Deposits: held at the end is the deposit ledger's, and start + taken − back − kept = end.
    let in_hand: Money = deposits::list(db.conn(), None, true).unwrap().iter().map(|d| d.held).sum();
    assert_eq!(totals(&held, "月末在押"), in_hand);
    assert_eq!(totals(&held, "月初在押") + totals(&held, "本月收取") - totals(&held, "本月退还") - totals(&held, "本月扣除"), totals(&held, "月末在押"));
    // Totals are formulas that carry their value.
    let formulas = book.worksheet_formula("收款明细").unwrap();
    assert_eq!(formulas.get_value((6, 9)).map(String::as_str), Some("SUBTOTAL(9,J2:J6)"));
    assert_eq!(formulas.get_value((1, 9)).map(String::as_str), Some("H2+I2"));
    assert!(matches!(receipts.get_value((1, 0)), Some(Data::DateTime(_))), "times are Excel dates");
}

#[test]
fn later_events_do_not_change_the_month() {
    let (mut db, units) = march_estate();
    let before = monthly(db.conn(), march()).unwrap();
    april(&mut db, &units);
    let after = monthly(db.conn(), march()).unwrap();
    assert_eq!(after.headline(), before.headline());
    assert_eq!(after.items, before.items);
    assert_eq!(after.buildings, before.buildings);
    assert_eq!(after.prepaid, before.prepaid);
    let sf5 = after.receipts.iter().find(|r| r.receipt_no == "SF0000005").unwrap();
    assert_eq!((sf5.collected(), sf5.status.as_str()), (yuan("500"), "2026-04-03 作废，计入当月"));
    let april = monthly(db.conn(), Period::parse("2026-04").unwrap()).unwrap();
    assert_eq!(april.headline().collected, yuan("-450"), "April: 50.00 taken, March's 500.00 voided");
}

#[test]
fn an_empty_month_still_makes_every_sheet() {
    let db = Db::in_memory("空小区").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2026-03.xlsx");
    let done = export(db.conn(), march(), &out).unwrap();
    let rows: Vec<u32> = done.sheets.iter().map(|s| s.rows).collect();
    assert_eq!(rows, [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0], "收费汇总 always has its 预存款 line, 维修汇总 a line per category");
    assert_eq!((done.headline.collected, done.headline.collection_rate.as_str()), (Money::ZERO, ""));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let receipts = book.worksheet_range("收款明细").unwrap();
    assert_eq!(receipts.get_value((1, 0)), Some(&Data::String("（本月没有记录）".into())));
    assert_eq!(totals(&receipts, "本月实收"), Money::ZERO);
    let refused = export(db.conn(), march(), &dir.path().join("no-such-folder").join("x.xlsx")).unwrap_err();
    assert_eq!(refused.code(), "file.cannot_write");
}

/// A late fee collected in March is 违约金's own line of 收费汇总, billed and collected
/// in March, not 物业服务费's: January's 200.00 at 万分之三 after 15 grace days,
/// 16 January to 5 March (49 days) = 2.94.
#[test]
fn a_late_fee_collected_is_its_own_line() {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    on(&mut db, "2026-01-01");
    let a = unit(&mut db, "1-1-101", "100");
    let f = NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "2.00".parse::<Decimal>().unwrap(), unit_type: None, cycle_months: 1 };
    db.write("测试", |tx| fees::add_fee(tx, &f)).unwrap();
    let rule = crate::latefee::read_rule("万分之三", 14, None, "2026-01-01", day("2026-01-01")).unwrap();
    db.write("测试", |tx| crate::latefee::set_rule(tx, "物业服务费", &rule)).unwrap();
    bill_run(&mut db, "2026-01-01", "2026-01", "2026-01");
    pay(&mut db, "2026-03-05", &a, "202.94", vec![]);
    let m = monthly(db.conn(), Period::parse("2026-03").unwrap()).unwrap();
    let late = m.items.iter().find(|l| l.item == "违约金").unwrap();
    assert_eq!((late.billed, late.current, late.arrears), (yuan("2.94"), yuan("2.94"), Money::ZERO));
    let fee = m.items.iter().find(|l| l.item == "物业服务费").unwrap();
    assert_eq!((fee.billed, fee.arrears), (Money::ZERO, yuan("200.00")));
}

/// March with closes: 王前台 closes 2 March (no money), 5, 10 and 15 March and
/// leaves 12, 16 (a void only) and 18 March open; 赵前台 takes 50.00 cash on 20 March and
/// counts 49.50.
fn march_with_closes() -> Db {
    let (mut db, units) = march_estate();
    on(&mut db, "2026-03-20");
    let cash = NewPayment { amount: yuan("50.00"), method: Method::Cash, payer: "业主".into(), reference: String::new(), bills: vec![] };
    db.write("赵前台", |tx| fees::pay(tx, &units[2], &cash)).unwrap();
    on(&mut db, "2026-03-31");
    for (clerk, date, counted, note) in
        [("王前台", "2026-03-02", "0", ""), ("王前台", "2026-03-05", "0", ""), ("王前台", "2026-03-10", "0", ""), ("王前台", "2026-03-15", "0", ""), ("赵前台", "2026-03-20", "49.50", "找零多找 0.50 元")]
    {
        db.write(clerk, |tx| crate::close::close_day(tx, clerk, day(date), yuan(counted), note)).unwrap();
    }
    db
}

#[test]
fn the_day_sheet_lists_every_close_and_every_unclosed_day_that_took_money() {
    let db = march_with_closes();
    let m = monthly(db.conn(), march()).unwrap();
    // Day, clerk, closed, receipts, 现金, 微信, takings, voids.
    type Row<'a> = (String, &'a str, bool, u32, Money, Money, Money, usize);
    let lines: Vec<Row> =
        m.days.iter().map(|d| (d.day.to_string(), d.clerk.as_str(), d.close.is_some(), d.receipts, d.by_method[0], d.by_method[2], d.takings, d.voids)).collect();
    let z = Money::ZERO;
    assert_eq!(
        lines,
        [
            ("2026-03-02".into(), "王前台", true, 0, z, z, z, 0),
            ("2026-03-05".into(), "王前台", true, 1, z, yuan("420"), yuan("420"), 0),
            ("2026-03-10".into(), "王前台", true, 0, z, yuan("-210"), yuan("-210"), 1),
            ("2026-03-12".into(), "王前台", false, 1, z, yuan("500"), yuan("500"), 0),
            ("2026-03-15".into(), "王前台", true, 1, z, yuan("100"), yuan("100"), 0),
            ("2026-03-16".into(), "王前台", false, 0, z, yuan("-100"), yuan("-100"), 1),
            ("2026-03-18".into(), "王前台", false, 1, z, yuan("110"), yuan("110"), 0),
            ("2026-03-20".into(), "赵前台", true, 1, yuan("50"), z, yuan("50"), 0),
        ]
    );
    // A closed day's figures are the ones it was closed with.
    for d in m.days.iter().filter(|d| d.close.is_some()) {
        let c = d.close.as_ref().unwrap();
        assert_eq!((c.receipts, c.takings, c.cash_expected), (d.receipts, d.takings, d.cash_expected), "{}", d.day);
    }
    let zhao = m.days.last().unwrap().close.as_ref().unwrap();
    assert_eq!((zhao.cash_counted, zhao.difference, zhao.note.as_str()), (yuan("49.50"), yuan("-0.50"), "找零多找 0.50 元"));
}

#[test]
fn closed_and_unclosed_takings_add_up_to_the_receipts_sheet() {
    let db = march_with_closes();
    let (bytes, sheets) = monthly(db.conn(), march()).unwrap().workbook().unwrap();
    assert_eq!(sheets[8], SheetInfo { name: "日结汇总".into(), rows: 8 });
    let mut book = read(bytes);
    let (receipts, days) = (book.worksheet_range("收款明细").unwrap(), book.worksheet_range("日结汇总").unwrap());
    assert_eq!(totals(&receipts, "本月实收"), yuan("870"), "820.00 of 王前台, 50.00 of 赵前台");
    assert_eq!(totals(&days, "已日结实收"), yuan("360"), "420 − 210 + 100 + 50");
    assert_eq!(totals(&days, "未日结实收"), yuan("510"), "500 − 100 (a void on a day left open) + 110");
    assert_eq!(totals(&days, "已日结实收") + totals(&days, "未日结实收"), totals(&receipts, "本月实收"));
    let methods: Money = ["现金", "银行卡", "微信", "支付宝", "转账"].iter().map(|m| totals(&days, m)).sum();
    assert_eq!(methods, totals(&receipts, "本月实收"));
    assert_eq!((totals(&days, "应有现金"), totals(&days, "实点现金"), totals(&days, "差额")), (yuan("50"), yuan("49.50"), yuan("-0.50")));
    assert_eq!((days.get_value((9, 3)), days.get_value((9, 11))), (Some(&Data::Float(5.0)), Some(&Data::Float(2.0))), "receipts and voids counted");
    // The unclosed days are marked, with nothing counted.
    let unclosed: Vec<u32> = (1..days.height() as u32 - 1).filter(|&r| days.get_value((r, 2)) == Some(&Data::String("未日结".into()))).collect();
    assert_eq!(unclosed, [4, 6, 7]);
    assert!(unclosed.iter().all(|&r| days.get_value((r, 13)) == Some(&Data::Empty) && days.get_value((r, 16)) == Some(&Data::Empty)), "no count, no closer");
    assert!(matches!(days.get_value((8, 17)), Some(Data::DateTime(_))), "closed at is an Excel time");
    // Row takings and the totals are formulas carrying their values.
    let formulas = book.worksheet_formula("日结汇总").unwrap();
    assert_eq!(formulas.get_value((2, 9)).map(String::as_str), Some("SUM(E3:I3)"));
    assert_eq!(formulas.get_value((4, 10)).map(String::as_str), Some("SUM(E5:I5)"));
    assert_eq!(formulas.get_value((9, 9)).map(String::as_str), Some("SUBTOTAL(9,J2:J9)"));
    assert_eq!(cell_money(&days, 2, 9), yuan("420"));
}

/// The text cells of a sheet's column, by its title, below the header.
fn column_text(range: &Range<Data>, title: &str) -> Vec<String> {
    let col = (0..range.width()).find(|&c| range.get_value((0, c as u32)) == Some(&Data::String(title.into()))).unwrap_or_else(|| panic!("no column {title}"));
    (1..range.height() as u32)
        .map(|row| match range.get_value((row, col as u32)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        })
        .collect()
}

/// A clerk's void, waiver and refund approved by a supervisor on the spot name
/// both; a supervisor's own name the supervisor alone.
#[test]
fn the_approving_supervisor_stands_beside_the_clerk_on_voids_waivers_and_refunds() {
    let (mut db, units) = march_estate();
    on(&mut db, "2026-03-30");
    db.write_approved("王前台", Some("李主管"), |tx| fees::void_receipt(tx, "SF0000007", "收错户")).unwrap();
    let march_fee = bill(&db, &units[1], "垃圾清运费", "2026-03");
    db.write_approved("王前台", Some("李主管"), |tx| fees::waive(tx, march_fee, yuan("5.00"), "空置")).unwrap();
    let reno = deposits::list(db.conn(), None, false).unwrap().into_iter().find(|d| d.kind == "装修押金").unwrap();
    let back = NewRefund { refund: yuan("500.00"), deduct: yuan("0"), reason: String::new() };
    db.write_approved("王前台", Some("李主管"), |tx| deposits::refund(tx, reno.id, &back)).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2026-03.xlsx");
    export(db.conn(), march(), &out).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let voids = book.worksheet_range("作废收据").unwrap();
    let rows = |r: &Range<Data>, a: &str, b: &str| column_text(r, a).into_iter().zip(column_text(r, b)).filter(|(clerk, _)| !clerk.is_empty()).collect::<Vec<_>>();
    let named = |pairs: &[(&str, &str)]| pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
    assert_eq!(rows(&voids, "作废人", "授权主管"), named(&[("李主管", ""), ("李主管", ""), ("王前台", "李主管")]));
    let waivers = book.worksheet_range("减免明细").unwrap();
    assert_eq!(rows(&waivers, "经办人", "授权主管"), named(&[("李主管", ""), ("王前台", "李主管")]));
    let held = book.worksheet_range("押金台账").unwrap();
    assert_eq!(rows(&held, "退还经办人", "授权主管"), named(&[("李主管", ""), ("王前台", "李主管")]), "the key deposit's refund, then the renovation deposit's");
}
