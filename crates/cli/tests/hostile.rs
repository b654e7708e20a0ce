//! Hostile and broken input on every command of the real binary. Every leaf
//! command `estate --help` lists has a line in `TEMPLATES` (a command added
//! without one fails `every_command_has_hostile_cases`). A template is a
//! command that works, with slots (`@kind:value`); each slot in turn gets every
//! hostile value (empty, wrong type, negative, zero, absurd, a fraction of a
//! fen, 2026-02-30, an unknown unit, SQL-looking text, 100,000 characters)
//! while the others keep their good values, on a fresh copy of a prepared
//! estate. A value the slot's kind cannot take must end in exit 2 with one
//! `{code, message}` object in Chinese and every row of the file unchanged; one
//! it may take (SQL-looking text as a payer's name) must leave the ledger whole.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

#[path = "../../core/tests/support/fingerprint.rs"]
mod fingerprint;
#[path = "../../core/tests/support/ledger.rs"]
mod ledger;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use estate_core::db::Db;
use fingerprint::fingerprint;
use serde_json::Value;

const SQL: &str = "1'; DROP TABLE bills;--";
const HUGE: &str = "1000000000000";

/// 100,000 characters. ASCII, because Linux caps one argument at 128 KiB: 100,000
/// hanzi (300 KB in UTF-8) cannot even reach a program's command line.
fn long_text() -> String {
    "x".repeat(100_000)
}

/// Every value each slot is given in turn.
fn hostile_values() -> Vec<String> {
    ["", "abc", "-1", "0", "1e12", HUGE, "0.001", "2026-02-30", "9-9-999", SQL].map(String::from).into_iter().chain([long_text()]).collect()
}

/// Which hostile values a slot of this kind may accept (the command may still refuse them).
fn may_accept(kind: &str, value: &str) -> bool {
    let long = value.chars().count() > 1000;
    match kind {
        // Free text typed by a clerk: anything but nothing or a novel.
        "text" => !value.is_empty() && !long,
        // Optional free text.
        "opt" => !long,
        // A new unit's code: what parses as one.
        "newunit" => !value.is_empty() && !long && value != SQL,
        // A report's filter (or a read's choice): a bound, a building or a name that finds nothing is no error.
        "filter" => !long,
        // A day where blank means today (reports, defaults).
        "asof" => value.is_empty(),
        // A price or a quantity: a fraction of a fen per ㎡ is a real price; zero tonnes a real reading.
        "price" => value == "0.001",
        "qty" => value == "0" || value == "0.001",
        // A daily late-fee rate: 0.001 (0.1% a day) is under the 1% typo guard.
        "rate" => value == "0.001",
        // An optional phone: blank, or digits with dashes as a landline is written.
        "phone" => value.is_empty() || value == "2026-02-30",
        // Amounts where zero means "none".
        "amount0" => value == "0",
        // A count or a number of days where zero is meaningful.
        "count" => value == "0",
        // Optional phone or ID number: blank means none.
        "blank" => value.is_empty(),
        // amount, unit, date, period, strict (a choice, a number, an id), out, file.
        _ => false,
    }
}

/// Slots whose value names a file: only values that cannot land inside the source tree.
fn values_for(kind: &str) -> Vec<String> {
    match kind {
        "out" | "file" => vec![String::new(), "/没有这个文件夹/x.pdf".into(), format!("/tmp/{}", "长".repeat(5000))],
        _ => hostile_values(),
    }
}

/// One working command per leaf (some leaves have two, for options that exclude each other).
/// `{dir}` is the case's own folder, `{today}` today, `{seed}` the register fixture.
const TEMPLATES: &[&[&str]] = &[
    &["init", "--name", "@opt:新小区"],
    &["demo", "--units", "@count:3", "--years", "@count:1", "--seed", "@filter:7"],
    &["settings", "show"],
    &["settings", "set", "@strict:due_day", "@strict:15"],
    &["settings", "set", "office_phone", "@opt:0571-88886666"],
    &["audit", "verify"],
    &["import", "owners", "@file:{seed}", "--sheet", "@strict:业主登记"],
    &["unit", "add", "@newunit:5-1-101", "--type", "@strict:住宅", "--area", "@amount:88.5", "--handover", "@date:2020-01-01"],
    &["unit", "show", "@unit:1-1-101"],
    &["unit", "history", "@unit:1-1-101"],
    &["unit", "occupant", "@unit:1-1-101", "--name", "@text:李四", "--phone", "@phone:13900000002", "--role", "@strict:tenant", "--from", "@date:2026-01-01"],
    &["unit", "occupant", "1-1-101", "--name", "王五", "--id-number", "@blank:11010519491231002X"],
    &["transfer", "@unit:1-1-101", "--to", "@text:赵六", "--phone", "@phone:13700000003", "--date", "@date:2026-11-01", "--note", "@opt:买卖"],
    &["vehicle", "add", "@unit:1-1-101", "--plate", "@strict:浙A12345"],
    &["person", "export", "@strict:张三", "--to", "@out:{dir}/p.xlsx"],
    &["person", "erase", "@strict:李租户", "--reason", "@text:本人申请删除"],
    &["fee", "add", "--name", "@text:停车费", "--basis", "@strict:unit", "--price", "@price:100", "--unit-type", "@blank:商铺", "--cycle", "@strict:3"],
    &["fee", "list"],
    &["fee", "unit-price", "@unit:1-1-101", "--fee", "@strict:物业服务费", "--price", "@price:1.5"],
    &["fee", "quantity", "@unit:1-1-101", "--fee", "@strict:水费", "--period", "@period:2026-11", "--qty", "@qty:12.5"],
    &["bill", "run", "--period", "@period:2026-12"],
    &["bill", "run", "--from", "@period:2026-12", "--to", "@period:2027-01", "--dry-run"],
    &["bill", "notices", "--period", "@period:2026-11", "--out", "@out:{dir}/n.pdf", "--building", "@filter:1", "--as-of", "@asof:2026-11-30"],
    &["bill", "notices", "--period", "2026-11", "--out", "{dir}/n.pdf", "--messages", "@out:{dir}/n.xlsx"],
    &["balance", "@unit:1-1-101"],
    &["statement", "@unit:1-1-101"],
    &["pay", "@unit:1-1-101", "--amount", "@amount:100", "--method", "@strict:cash", "--payer", "@opt:张三", "--ref", "@opt:4200001234"],
    &["pay", "1-1-101", "--amount", "10", "--method", "cash", "--bill", "@strict:2", "--waive-late-fee", "@text:困难户"],
    &["receipt", "pdf", "@strict:SF0000001", "--out", "@out:{dir}/r.pdf"],
    &["receipt", "void", "@strict:SF0000001", "--reason", "@text:收错户"],
    &["waive", "@strict:3", "--amount", "@amount:10", "--reason", "@text:困难户"],
    &["arrears", "--building", "@filter:1", "--min-days", "@filter:0", "--min-amount", "@filter:10", "--as-of", "@asof:2026-11-30"],
    &["deposit", "take", "@unit:1-1-101", "--kind", "@strict:装修", "--amount", "@amount:2000", "--method", "@strict:cash", "--payer", "@opt:张三", "--note", "@opt:押金"],
    &["deposit", "refund", "@strict:1", "--amount", "@amount0:100", "--deduct", "@amount0:50", "--reason", "@opt:损坏墙面"],
    &["deposit", "list", "@unit:1-1-101"],
    &[
        "key", "deposit", "@unit:1-1-101", "--hook", "@text:B-01", "--count", "@strict:2", "--description", "@opt:入户门", "--by", "@text:张三", "--on", "@asof:{today}",
        "--note", "@opt:业主出差", "--authorise", "@text:李四", "--contractor", "@text:美家装饰", "--from", "@date:2026-11-01", "--to", "@date:2099-12-31",
    ],
    &["key", "deposit", "1-1-101", "--hook", "B-02", "--by", "张三", "--engineering"],
    &["key", "authorise", "@strict:A-01", "--person", "@text:王五"],
    &["key", "authorise", "A-01", "--contractor", "@text:美家装饰", "--from", "@date:2026-11-01", "--to", "@date:2099-12-31"],
    &["key", "authorise", "A-01", "--engineering"],
    &[
        "key", "lend", "@strict:A-01", "--borrower", "@text:李四", "--as", "@strict:authorised", "--id-type", "@strict:身份证", "--id-last4", "@text:123X", "--purpose",
        "@text:开窗通风", "--due", "@asof:23:59",
    ],
    &["key", "lend", "A-01", "--borrower", "王五", "--as", "authorised", "--id-last4", "0007", "--purpose", "查漏水", "--due", "23:59", "--override", "@text:业主电话同意"],
    &["key", "return", "@strict:A-02", "--by", "@text:张三", "--condition", "@opt:完好"],
    &["key", "release", "@strict:A-01", "--to", "@text:张三", "--on", "@asof:{today}"],
    &["key", "list", "@unit:1-1-101", "--all"],
    &["key", "list", "--overdue"],
    &["key", "loans", "--from", "@asof:2026-01-01", "--to", "@asof:2099-12-31", "--unit", "@filter:1-1-101", "--open"],
    &["key", "pdf", "--from", "@date:2026-11-01", "--to", "@date:2026-11-30", "--out", "@out:{dir}/k.pdf"],
    &["deposit", "receipt", "@strict:1", "--out", "@out:{dir}/d.pdf"],
    &["card", "add", "--kind", "@strict:住户卡", "@text:ZH0100", "--name", "@opt:新卡"],
    &["card", "issue", "@unit:1-1-101", "--kind", "@strict:住户卡", "--serial", "@strict:ZH0001", "--to", "@blank:张三", "--method", "@strict:cash", "--note", "@opt:新卡"],
    &["card", "return", "@strict:ZH0002", "--kind", "@blank:住户卡", "--by", "@opt:张三", "--note", "@opt:完好"],
    &["card", "return", "ZH0002", "--deduct", "@amount0:10", "--reason", "@opt:卡片损坏"],
    &["card", "list", "--kind", "@filter:住户卡", "--unit", "@unit:1-1-101", "--out"],
    &["card", "list", "--in-stock"],
    &["count", "start", "--period", "@period:2026-03"],
    &["count", "record", "@strict:1", "@strict:1", "--found", "--note", "@opt:在柜里"],
    &["count", "record", "1", "--extra", "@text:C0099", "--kind", "@blank:车卡", "--note", "@text:抽屉里找到"],
    &["count", "close", "@strict:1"],
    &["count", "list"],
    &["count", "show", "@strict:1"],
    &["count", "pdf", "@strict:1", "--out", "@out:{dir}/c.pdf"],
    &["export", "monthly", "--period", "@period:2026-11", "--out", "@out:{dir}/m.xlsx"],
    &["dunning", "letters", "--as-of", "@asof:{today}", "--min-days", "@filter:0", "--building", "@filter:1", "--stage", "@filter:未催缴", "--deadline-days", "@strict:15", "--out", "@out:{dir}/l.pdf"],
    &["dunning", "letters", "--min-amount", "@filter:10", "--out", "{dir}/l.pdf"],
    &["dunning", "record", "@unit:1-1-101", "--stage", "@strict:提醒", "--channel", "@strict:电话", "--outcome", "@opt:答应月底交", "--promised", "@asof:2026-12-01", "--dispute", "@opt:嫌贵", "--date", "@asof:2026-11-20"],
    &["dunning", "deliver", "@strict:CJ0000001", "--date", "@asof:{today}", "--signed-by", "@opt:张三", "--note", "@opt:本人签收"],
    &["dunning", "deliver", "--contact", "@strict:1", "--date", "{today}", "--mail-no", "@text:XA123456789CN"],
    &["dunning", "list", "@unit:1-1-101"],
    &["dunning", "list", "--building", "@filter:1", "--stage", "@filter:催缴函", "--as-of", "@asof:2026-11-30"],
    &["dunning", "warnings", "--as-of", "@asof:2026-11-30"],
    &["dunning", "reminders", "--as-of", "@asof:2026-11-30", "--deadline-days", "@strict:15", "--out", "@out:{dir}/r.xlsx"],
    &["close", "day", "--date", "@asof:{today}", "--clerk", "@strict:前台", "--cash-counted", "@amount0:300", "--note", "@opt:无"],
    &["close", "show", "--date", "@asof:{today}", "--clerk", "@filter:前台"],
    &["close", "list", "--month", "@period:2026-11"],
    &["close", "sheet", "--date", "@asof:{today}", "--out", "@out:{dir}/s.pdf"],
    &["late-fee", "set", "@strict:物业服务费", "--rate", "@rate:万分之三", "--grace", "@count:15", "--cap-percent", "@strict:10", "--from", "@asof:2099-01-01"],
    &["late-fee", "clear", "@strict:物业服务费"],
    &["late-fee", "list"],
    &["late-fee", "show", "@unit:1-1-101", "--as-of", "@asof:2026-11-30"],
    &["parcel", "in", "@text:SF1234567890999", "--unit", "@unit:1-1-101", "--carrier", "@opt:顺丰", "--recipient", "@opt:张三", "--size", "@opt:小", "--shelf", "@opt:B", "--kind", "@opt:parcel"],
    &["parcel", "notify", "--out", "@out:{dir}/n.xlsx", "--id", "@strict:1"],
    &["parcel", "pickup", "--code", "@strict:A-1001", "--by", "@strict:proxy", "--name", "@opt:王姐", "--note", "@opt:邻居"],
    &["parcel", "pickup", "--unit", "@unit:1-1-101", "--by", "family", "--note", "@text:儿子"],
    &["parcel", "pickup", "--phone", "@strict:0001"],
    &["parcel", "pickup", "--id", "@strict:2", "--by", "recipient"],
    &["parcel", "list", "--from", "@asof:2026-11-01", "--to", "@asof:{today}", "--status", "@filter:waiting", "--unit", "@unit:1-1-101"],
    &["parcel", "return", "@strict:1", "--taken-by", "@text:顺丰小李", "--reason", "@opt:超期未取"],
    &["parcel", "remind", "--out", "@out:{dir}/r.xlsx"],
    &["parcel", "label", "@strict:1", "--out", "@out:{dir}/l.pdf"],
    &[
        "reno", "apply", "@unit:3-1-109", "--applicant", "@text:王五", "--authorisation", "@opt:委托书", "--contractor", "@text:美家装饰", "--foreman", "@text:刘工",
        "--foreman-phone", "@phone:13900001234", "--worker", "@strict:王师傅,123X", "--scope", "@strict:墙体", "--start", "@strict:{today}", "--end", "@strict:{soon}",
        "--attachments", "@opt:平面图",
    ],
    &["reno", "approve", "@strict:1", "--note", "@opt:同意"],
    &["reno", "reject", "@strict:1", "--reason", "@text:图纸不全"],
    &["reno", "pay", "@strict:2", "--method", "@strict:transfer", "--payer", "@opt:张三", "--reference", "@opt:转账", "--amount", "@strict:2600"],
    &["reno", "issue", "@strict:3"],
    &["reno", "inspect", "@strict:4", "--inspector", "@text:老周", "--day", "@asof:{today}", "--problem", "@strict:垃圾:楼道堆放", "--deadline", "@asof:{today}", "--note", "@opt:无"],
    &["reno", "fix", "@strict:1", "--note", "@text:已清运"],
    &[
        "reno", "waterproof", "@strict:4", "--start", "@strict:2026-01-01 08:00", "--end", "@strict:2026-01-03 08:00", "--depth", "@strict:2", "--below-checked",
        "--below-note", "@opt:无渗漏", "--result", "@strict:pass", "--note", "@opt:无",
    ],
    &["reno", "release", "@strict:4", "--items", "@text:旧门", "--plate", "@opt:沪A12345", "--owner", "@text:张三", "--guard", "@text:老陈", "--at", "@asof:{today} 09:00"],
    &["reno", "extend", "@strict:4", "--to", "@strict:{later}", "--reason", "@text:春节停工"],
    &["reno", "complete", "@strict:8", "--note", "@opt:完工"],
    &["reno", "accept", "@strict:5", "--note", "@opt:合格"],
    &["reno", "rectify", "@strict:5", "--problem", "@strict:外立面", "--reason", "@text:空调外机移位"],
    &["reno", "refund", "@strict:6", "--deduct", "@strict:300:墙面损坏", "--note", "@opt:无"],
    &["reno", "close", "@strict:7", "--note", "@opt:无"],
    &["reno", "list", "@unit:3-1-104", "--status", "@strict:issued"],
    &["reno", "list", "--overdue"],
    &["reno", "list", "--violations"],
    &["reno", "list", "--summary"],
    &["reno", "show", "@strict:4"],
    &["reno", "permit-pdf", "@strict:4", "--out", "@out:{dir}/zx.pdf"],
    &["reno", "slip-pdf", "@strict:FX20260101-001", "--out", "@out:{dir}/fx.pdf"],
    &["reno", "voucher-pdf", "@strict:7", "--out", "@out:{dir}/yj.pdf"],
    &["meter", "add", "@unit:2-1-101", "--kind", "@strict:电", "--period", "@asof:2026-11", "--serial", "@opt:E-1"],
    &["meter", "replace", "@unit:1-1-101", "--period", "@asof:2026-12", "--old-final", "@strict:20", "--new-start", "0", "--note", "@opt:表坏"],
    &["meter", "read", "@unit:1-1-101", "@qty:20", "--kind", "@strict:水", "--period", "@strict:2026-12"],
    &["meter", "correct", "@unit:1-1-101", "@qty:12", "--period", "@strict:2026-11", "--reason", "@text:抄错"],
    &["meter", "confirm", "@unit:2-1-101", "--period", "@strict:2026-11", "--anomaly", "@strict:missing", "--note", "@text:空置"],
    &["meter", "import", "@file:{seed}", "--period", "@strict:2026-11", "--kind", "@strict:水"],
    &["meter", "check", "--period", "@strict:2026-11"],
    &["meter", "allocate", "@strict:1栋电梯", "--period", "@strict:2026-11", "--basis", "@strict:household"],
    &["meter", "fee", "@strict:水费", "--tiers", "@opt:50:2.70,:3.55"],
    &["meter", "fee"],
    &["meter", "list", "--period", "@strict:2026-11"],
    &["meter", "list", "--meters"],
    &["meter", "list", "--allocations", "--period", "@strict:2026-11"],
    &["meter", "sheet", "--period", "@strict:2026-11", "--out", "@out:{dir}/m.pdf"],
    &[
        "request", "add", "@unit:1-1-101", "--kind", "@strict:投诉", "--subject", "@strict:收费", "--urgency", "@opt:紧急", "--caller", "@text:张三",
        "--phone", "@phone:13800000001", "--channel", "@strict:电话", "--at", "@asof:{today} 00:01", "--content", "@text:楼上漏水",
    ],
    &["request", "step", "@strict:1", "@strict:classified", "--valid", "@strict:yes", "--note", "@opt:有效投诉"],
    &["request", "step", "2", "replied", "--how", "@strict:电话", "--note", "@text:明天上门"],
    &["request", "withhold", "@strict:1", "--note", "@opt:不交"],
    &["request", "list", "@unit:1-1-101", "--kind", "@strict:投诉"],
    &["request", "list", "--open"],
    &["request", "list", "--late"],
    &["request", "show", "@strict:1"],
    &["order", "add", "--request", "@strict:2", "--area", "@strict:户内", "--category", "@strict:给排水", "--location", "@text:厨房", "--description", "@opt:漏水"],
    &["order", "add", "--area", "户内", "--unit", "@unit:1-1-101", "--category", "门窗锁具", "--location", "入户门", "--description", "@text:门锁坏"],
    &["order", "dispatch", "@strict:1", "--technician", "@text:赵师傅"],
    &["order", "arrive", "@strict:2"],
    &["order", "done", "@strict:3", "--materials", "@opt:水龙头", "--charge", "@amount0:80", "--method", "@strict:cash", "--payer", "@opt:张三", "--note", "@opt:无"],
    &["order", "check", "@strict:4", "--note", "@opt:合格"],
    &["order", "visit", "@strict:5", "--satisfied", "@strict:yes", "--note", "@opt:满意"],
    &["order", "close", "@strict:6", "--note", "@opt:无"],
    &["order", "list", "@unit:1-1-101", "--open"],
    &["order", "show", "@strict:1"],
    &["order", "pdf", "@strict:3", "--out", "@out:{dir}/wx.pdf"],
    &["inspect", "items", "--checklist", "@strict:公共区域", "--all"],
    &["inspect", "item-add", "--checklist", "@strict:公共区域", "@text:消防通道"],
    &["inspect", "item-rename", "--checklist", "@strict:公共区域", "@strict:电梯", "@text:电梯及扶梯"],
    &["inspect", "item-retire", "--checklist", "@strict:公共区域", "@strict:绿化"],
    &["inspect", "item-move", "--checklist", "@strict:公共区域", "@strict:电梯", "--to", "@strict:1"],
    &["inspect", "start", "--checklist", "@strict:空置房", "--unit", "@unit:4-1-101", "--inspector", "@text:老周", "--on", "@asof:{today}"],
    &["inspect", "record", "@strict:1", "@strict:电梯", "--fault", "--note", "@text:按钮失灵"],
    &["inspect", "finish", "@strict:2"],
    &["inspect", "order", "@strict:3", "@strict:1", "--category", "@strict:公共设施", "--location", "@opt:东门", "--description", "@opt:灯不亮"],
    &["inspect", "list", "--month", "@period:2026-11", "--unit", "@unit:4-1-101"],
    &["inspect", "show", "@strict:1"],
    &["inspect", "due"],
    &["inspect", "pdf", "@strict:1", "--out", "@out:{dir}/xj.pdf"],
    &["notice", "template", "list"],
    &["notice", "template", "show", "@strict:停水通知"],
    &["notice", "template", "add", "@text:停气通知", "--title", "@text:停气通知", "--body", "@text:各位住户：明天停气"],
    &["notice", "template", "set", "@strict:停电通知", "--title", "@opt:紧急停电通知", "--body", "@opt:各位住户：明天停电"],
    &["notice", "add", "--template", "@strict:消防演练通知", "--set", "@strict:开始=周六上午9:00", "--set", "地点=中心广场", "--set", "电话=0571-88886666", "--date", "@asof:{today}"],
    &["notice", "list"],
    &["notice", "show", "@strict:1"],
    &["notice", "pdf", "@strict:1", "--out", "@out:{dir}/gg.pdf"],
    &["notice", "text", "@strict:1"],
    &["notice", "text", "1", "--out", "@out:{dir}/gg.txt"],
    &["notice", "withdraw", "@strict:1", "--reason", "@text:停水改期"],
    &["survey", "add", "@text:2027年上半年调查", "--period", "@strict:2027-H1", "--opened", "@asof:{today}", "--copy-last"],
    &["survey", "question", "@strict:2", "--score", "@text:绿化养护"],
    &["survey", "question", "2", "--comment", "@text:其他意见"],
    &["survey", "answer", "@strict:2", "@unit:2-1-101", "--score", "@strict:5,4", "--comment", "@opt:电梯有异响", "--respondent", "@opt:李租户", "--by", "@opt:王前台", "--on", "@asof:{today}"],
    &["survey", "close", "@strict:2", "--on", "@asof:{today}"],
    &["survey", "list"],
    &["survey", "show", "@strict:1"],
    &["survey", "results", "@strict:1"],
    &["survey", "pdf", "@strict:1", "--out", "@out:{dir}/s.pdf"],
    &["shift", "handover", "--note", "@opt:明早跟进漏水投诉"],
    &["shift", "ack", "@strict:1", "--note", "@opt:已看"],
    &["shift", "list", "--open"],
    &["shift", "show", "@strict:1"],
    &["staff", "list"],
    &["staff", "add", "@text:李主管", "--role", "@strict:主管"],
    &["staff", "unlock", "@strict:王前台"],
    &["search", "@opt:张三", "--limit", "@filter:20"],
    &["backup", "list", "--dir", "@file:{dir}"],
    &["restore", "@file:{seed}"],
];

/// Commands that make a new file rather than open one: each case gets a path with no file yet.
const MAKES_THE_FILE: [&str; 2] = ["init", "demo"];

fn estate(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_estate"));
    c.arg("--db").arg(db).arg("--json").env_remove("ESTATE_OPERATOR").env("ESTATE_PASSWORD", "desk-2026").stdin(Stdio::null());
    c
}

fn ok(db: &Path, args: &[&str]) {
    let out = estate(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

/// An estate with a bit of everything the templates touch: units, an owner, fee
/// items (one by quantity), bills, receipt SF0000001, deposit 1, letter CJ0000001, contact 1,
/// keys A-01 (in) and A-02 (out), parcels 1 and 2 waiting for 1-1-101 (codes A-1001, A-1002),
/// card ZH0001 in stock and ZH0002 issued with its deposit, count 1 (2026-02) open with every line counted,
/// notice 1 (停水通知) issued.
fn prepared(dir: &Path) -> PathBuf {
    let db = dir.join("prepared.db");
    ok(&db, &["init", "--name", "测试小区"]);
    ok(&db, &["unit", "add", "1-1-101", "--area", "100"]);
    ok(&db, &["unit", "add", "2-1-101", "--area", "80"]);
    ok(&db, &["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800000001"]);
    ok(&db, &["unit", "occupant", "2-1-101", "--name", "李租户", "--phone", "13900000009", "--role", "tenant", "--from", "2025-01-01"]);
    ok(&db, &["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2.00"]);
    ok(&db, &["fee", "add", "--name", "水费", "--basis", "quantity", "--price", "3.5"]);
    ok(&db, &["bill", "run", "--from", "2026-01", "--to", "2026-11"]);
    ok(&db, &["pay", "1-1-101", "--amount", "300", "--method", "cash"]);
    ok(&db, &["deposit", "take", "1-1-101", "--kind", "装修", "--amount", "2000"]);
    ok(&db, &["card", "add", "--kind", "住户卡", "ZH0001..ZH0002"]);
    ok(&db, &["settings", "set", "inventory_card_deposit", "50"]);
    ok(&db, &["card", "issue", "1-1-101", "--kind", "住户卡", "--serial", "ZH0002"]);
    ok(&db, &["count", "start", "--period", "2026-02"]);
    ok(&db, &["count", "record", "1", "1", "--found"]);
    ok(&db, &["late-fee", "set", "物业服务费", "--rate", "万分之三", "--grace", "15", "--from", "2099-01-01"]);
    ok(&db, &["dunning", "record", "2-1-101", "--stage", "提醒", "--channel", "电话", "--date", "2026-11-20"]);
    ok(&db, &["dunning", "letters", "--out", dir.join("letters.pdf").to_str().unwrap()]);
    ok(&db, &["key", "deposit", "1-1-101", "--hook", "A-01", "--by", "张三", "--authorise", "李四"]);
    ok(&db, &["key", "deposit", "1-1-101", "--hook", "A-02", "--by", "张三"]);
    let tomorrow = chrono::Local::now().date_naive().succ_opt().unwrap();
    ok(&db, &["key", "lend", "A-02", "--borrower", "张三", "--as", "owner", "--id-last4", "1234", "--purpose", "取物", "--due", &format!("{tomorrow} 12:00")]);
    ok(&db, &["parcel", "in", "SF1234567890123", "--unit", "1-1-101"]);
    ok(&db, &["parcel", "in", "SF1234567890124", "--unit", "1-1-101"]);
    renovations(&db);
    meters(&db);
    service(&db);
    inspections(&db);
    ok(&db, &["notice", "add", "--template", "停水通知", "--set", "原因=管道检修", "--set", "开始=8:00", "--set", "结束=18:00", "--set", "范围=1栋", "--set", "电话=0571-88886666"]);
    surveys(&db);
    db
}

/// A vacant home 4-1-101 and three public rounds: 1 just started, 2 with every
/// item answered (not finished), 3 with item 1 a fault and no work order yet.
fn inspections(db: &Path) {
    ok(db, &["unit", "add", "4-1-101", "--area", "90"]);
    for _ in 0..3 {
        ok(db, &["inspect", "start", "--checklist", "公共区域", "--inspector", "老周"]);
    }
    for n in 1..=8 {
        ok(db, &["inspect", "record", "2", &n.to_string(), "--ok"]);
    }
    ok(db, &["inspect", "record", "3", "1", "--fault", "--note", "灯不亮"]);
}

/// Survey 1 (2026-H1: two score questions and a comment one, answered by 1-1-101, closed)
/// and survey 2 (2026-H2, its questions taken over, open, no answers yet).
fn surveys(db: &Path) {
    ok(db, &["survey", "add", "2026年上半年调查", "--period", "2026-H1"]);
    ok(db, &["survey", "question", "1", "--score", "客服服务"]);
    ok(db, &["survey", "question", "1", "--score", "保洁"]);
    ok(db, &["survey", "question", "1", "--comment", "意见"]);
    ok(db, &["survey", "answer", "1", "1-1-101", "--score", "5,4", "--comment", "很好"]);
    ok(db, &["survey", "close", "1"]);
    ok(db, &["survey", "add", "2026年下半年调查", "--period", "2026-H2", "--copy-last"]);
}

/// Water meters on 1-1-101 (read 10 in 2026-11) and 2-1-101 (not read: a missing
/// reading to confirm), and the shared meter 1栋电梯 (read 100) to allocate.
fn meters(db: &Path) {
    ok(db, &["fee", "add", "--name", "公摊电费", "--basis", "quantity", "--price", "0.8"]);
    ok(db, &["meter", "add", "1-1-101", "--kind", "水", "--period", "2026-11"]);
    ok(db, &["meter", "add", "2-1-101", "--kind", "水", "--period", "2026-11"]);
    ok(db, &["meter", "add", "--kind", "电", "--name", "1栋电梯", "--building", "1", "--period", "2026-11"]);
    ok(db, &["meter", "read", "1-1-101", "10", "--period", "2026-11"]);
    ok(db, &["meter", "read", "1栋电梯", "100", "--period", "2026-11"]);
}

/// Requests 1 (a complaint, recorded) and 2 (a repair, recorded) on 1-1-101, and
/// work orders 1 to 6 one at each step: reported (public), dispatched, arrived,
/// done (public), done (in-unit), checked; handover 1 by 王前台, not yet acknowledged.
fn service(db: &Path) {
    ok(db, &["request", "add", "1-1-101", "--kind", "投诉", "--subject", "收费", "--caller", "张三", "--channel", "电话", "--content", "漏水"]);
    ok(db, &["request", "add", "1-1-101", "--kind", "报修", "--caller", "张三", "--channel", "电话", "--content", "水龙头坏"]);
    let orders: [(&str, &[&str]); 6] = [
        ("公共区域", &[]),
        ("户内", &["dispatch"]),
        ("户内", &["dispatch", "arrive"]),
        ("公共区域", &["dispatch", "arrive", "done"]),
        ("户内", &["dispatch", "arrive", "done"]),
        ("公共区域", &["dispatch", "arrive", "done", "check"]),
    ];
    for (n, (area, steps)) in orders.iter().enumerate() {
        let unit: &[&str] = if *area == "户内" { &["--unit", "1-1-101"] } else { &[] };
        ok(db, &[&["order", "add", "--area", area, "--category", "电路", "--location", "楼道", "--description", "灯不亮"][..], unit].concat());
        let id = (n + 1).to_string();
        for step in *steps {
            let extra: &[&str] = if *step == "dispatch" { &["--technician", "钱电工"] } else { &[] };
            ok(db, &[&["order", step, &id][..], extra].concat());
        }
    }
    ok(db, &["--operator", "王前台", "shift", "handover", "--note", "漏水投诉未办结"]);
}

/// Renovation permits 1 to 8 on units 3-1-101 to 3-1-108, one at each step the
/// `reno` templates start from: 1 applied, 2 approved, 3 paid, 4 issued with
/// violation 1 open, 5 completion requested, 6 accepted, 7 refunded, 8 issued.
fn renovations(db: &Path) {
    let today = chrono::Local::now().date_naive();
    let (start, end) = (today.to_string(), (today + chrono::Duration::days(30)).to_string());
    for n in 1..=9 {
        let unit = format!("3-1-10{n}");
        ok(db, &["unit", "add", &unit, "--area", "100"]);
        if n == 9 {
            break;
        }
        let apply = ["reno", "apply", &unit, "--applicant", "王五", "--authorisation", "委托书", "--contractor", "美家装饰", "--foreman", "刘工"];
        ok(db, &[&apply[..], &["--foreman-phone", "13900001234", "--scope", "墙体", "--start", &start, "--end", &end]].concat());
        let id = n.to_string();
        let steps: &[&[&str]] = &[
            &["reno", "approve", &id],
            &["reno", "pay", &id, "--method", "transfer"],
            &["reno", "issue", &id],
            &["reno", "complete", &id],
            &["reno", "accept", &id],
            &["reno", "refund", &id],
        ];
        let upto = match n {
            1 => 0,
            2 => 1,
            3 => 2,
            4 | 8 => 3,
            5 => 4,
            6 => 5,
            _ => 6,
        };
        for step in &steps[..upto] {
            ok(db, step);
        }
        if n == 4 {
            ok(db, &["reno", "inspect", &id, "--inspector", "老周", "--problem", "垃圾:楼道堆放"]);
        }
    }
}

struct Case {
    args: Vec<String>,
    may_accept: bool,
    label: String,
}

/// A template's part as (kind, good value) when it is a slot.
fn slot(part: &str) -> Option<(&str, &str)> {
    part.strip_prefix('@').and_then(|s| s.split_once(':'))
}

/// Every case of every template: each slot given each of its kind's hostile values.
fn cases(dir_marker: &str) -> Vec<Case> {
    let today = chrono::Local::now().date_naive().to_string();
    let seed = fixture("messy-register.xlsx").to_string_lossy().into_owned();
    let day = |n: i64| (chrono::Local::now().date_naive() + chrono::Duration::days(n)).to_string();
    let (soon, later) = (day(30), day(90));
    let fill = |s: &str| s.replace("{today}", &today).replace("{soon}", &soon).replace("{later}", &later).replace("{seed}", &seed).replace("{dir}", dir_marker);
    let mut out = Vec::new();
    for template in TEMPLATES {
        let good: Vec<String> = template.iter().map(|p| fill(slot(p).map_or(p, |(_, v)| v))).collect();
        for (i, part) in template.iter().enumerate() {
            let Some((kind, _)) = slot(part) else { continue };
            for value in values_for(kind) {
                let mut args = good.clone();
                args[i] = value.clone();
                let shown: String = if value.chars().count() > 40 { format!("{}…（{} 字）", value.chars().take(8).collect::<String>(), value.chars().count()) } else { value.clone() };
                out.push(Case { label: format!("{} [{kind} {shown:?}]", good.join(" ")), args, may_accept: may_accept(kind, &value) });
            }
        }
        // And an argument the command does not take.
        let mut extra = good.clone();
        extra.push(SQL.into());
        out.push(Case { label: format!("{} + a stray argument", good.join(" ")), args: extra, may_accept: false });
    }
    out
}

/// Raw English a clerk should never be shown.
const ENGLISH: [&str; 9] = ["error", "invalid", "failed", "constraint", "sqlite", "panick", "unwrap", "no such", "expected"];

/// Runs one case on its own copy of the prepared estate; returns a problem, or None.
fn run_case(prepared: &Path, case: &Case) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("estate.db");
    let fresh = MAKES_THE_FILE.contains(&case.args[0].as_str());
    if !fresh {
        std::fs::copy(prepared, &db).unwrap();
    }
    let args: Vec<String> = case.args.iter().map(|a| a.replace("{dir}", &dir.path().to_string_lossy())).collect();
    let before = (!fresh).then(|| fingerprint(&Db::open(&db).unwrap()));
    // Output to files, not pipes: a message echoing 100,000 characters would fill a pipe and stall the child.
    let (out_file, err_file) = (dir.path().join("stdout"), dir.path().join("stderr"));
    let mut child = estate(&db)
        .args(&args)
        .current_dir(dir.path())
        .stdout(std::fs::File::create(&out_file).unwrap())
        .stderr(std::fs::File::create(&err_file).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            return Some("still running after 60 s".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = child.wait().unwrap();
    let stdout = std::fs::read_to_string(&out_file).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_file).unwrap_or_default();
    let value: Option<Value> = serde_json::from_str(stdout.trim()).ok();
    let code = status.code();
    if code == Some(0) {
        if !case.may_accept {
            return Some(format!("accepted (exit 0): {}", stdout.chars().take(300).collect::<String>()));
        }
        if fresh {
            return None;
        }
        let after = Db::open(&db).unwrap();
        ledger::assert_whole(&after, &case.label);
        return None;
    }
    let Some(value) = value else {
        return Some(format!("exit {code:?} without one JSON object: {} {}", stdout.chars().take(300).collect::<String>(), stderr.chars().take(500).collect::<String>()));
    };
    let message = value["message"].as_str().unwrap_or_default();
    let problem = if code != Some(2) {
        Some(format!("exit {code:?} (bad input is exit 2): {value}"))
    } else if value.as_object().map(|o| o.len()) != Some(2) || !value["code"].is_string() {
        Some(format!("not {{code, message}}: {value}"))
    } else if !message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        Some(format!("not in Chinese: {value}"))
    } else if message.chars().count() > 1000 {
        // The longest honest message lists every settable key (an unknown `settings set` key);
        // it grows with each part's settings. An echo of the 100,000-character input is far longer.
        Some(format!("a message of {} characters (echoes the input?)", message.chars().count()))
    } else {
        // A word the case typed itself may be quoted back; any other is the program's raw English.
        let english = ENGLISH.iter().find(|w| message.to_lowercase().contains(*w) && !case.args.iter().any(|a| a.to_lowercase().contains(*w)));
        english.map(|word| format!("raw English ({word}) in the message: {value}"))
    };
    if problem.is_some() {
        return problem;
    }
    match before {
        Some(before) if fingerprint(&Db::open(&db).unwrap()) != before => Some(format!("refused ({}) but wrote something", value["code"])),
        None if db.exists() => Some(format!("refused ({}) but made the file", value["code"])),
        _ => None,
    }
}

/// The leaf commands `estate --help` lists, walking down the command groups.
fn leaf_commands(path: &[String]) -> Vec<Vec<String>> {
    let out = Command::new(env!("CARGO_BIN_EXE_estate")).args(path).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let Some(list) = help.split("Commands:\n").nth(1) else { return vec![path.to_vec()] };
    let names: Vec<String> = list
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    names.iter().flat_map(|n| leaf_commands(&[path.to_vec(), vec![n.clone()]].concat())).collect()
}

#[test]
fn every_command_has_hostile_cases() {
    let leaves: BTreeSet<String> = leaf_commands(&[]).into_iter().map(|p| p.join(" ")).collect();
    assert!(leaves.len() > 40 && leaves.contains("pay") && leaves.contains("receipt void"), "{leaves:?}");
    let covered: BTreeSet<String> = TEMPLATES
        .iter()
        .map(|t| t.iter().take_while(|p| !p.starts_with('-') && !p.starts_with('@')).copied().collect::<Vec<_>>())
        // The longest run of leading words that names a command: a leaf may sit three deep (notice template add);
        // the words after it are the template's plain arguments. None: all the words, reported as unknown below.
        .map(|words| (1..=words.len().min(3)).rev().map(|n| words[..n].join(" ")).find(|w| leaves.contains(w)).unwrap_or_else(|| words.join(" ")))
        .collect();
    let missing: Vec<&String> = leaves.difference(&covered).collect();
    assert!(missing.is_empty(), "commands without hostile cases in TEMPLATES: {missing:?}");
    let unknown: Vec<&String> = covered.difference(&leaves).collect();
    assert!(unknown.is_empty(), "TEMPLATES names commands that do not exist: {unknown:?}");
}

#[test]
fn every_command_refuses_hostile_input_in_chinese_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let prepared = prepared(dir.path());
    let cases = cases("{dir}");
    let started = Instant::now();
    let queue = Mutex::new(cases.iter().collect::<Vec<_>>());
    let problems = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| {
                loop {
                    let Some(case) = queue.lock().unwrap().pop() else { break };
                    let took = Instant::now();
                    let problem = run_case(&prepared, case);
                    if took.elapsed() > Duration::from_secs(10) {
                        eprintln!("hostile input: slow case ({:?}): {}", took.elapsed(), case.label);
                    }
                    if let Some(p) = problem {
                        problems.lock().unwrap().push(format!("{}: {p}", case.label));
                    }
                }
            });
        }
    });
    let problems = problems.into_inner().unwrap();
    eprintln!("hostile input: {} cases over {} templates in {:?}, {} problems", cases.len(), TEMPLATES.len(), started.elapsed(), problems.len());
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
