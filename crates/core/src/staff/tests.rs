//! Staff rules on an in-memory estate: hashing, sign-in, the first supervisor,
//! the permission table and its refusals.

use super::*;
use crate::db::Db;

const PW: &str = "desk-2026";

fn estate_with_supervisor() -> (Db, Staff) {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    let boss = db.write("李主管", |tx| create_first_supervisor(tx, " 李主管 ", PW)).unwrap();
    (db, boss)
}

fn add(db: &mut Db, by: &Staff, name: &str, role: StaffRole) -> Result<Staff> {
    db.write(&by.name, |tx| add_staff(tx, by, name, role, PW))
}

fn signin(db: &mut Db, name: &str, password: &str) -> Result<Staff> {
    sign_in(db, name, password, Check::SignIn)
}

fn staff_rows(db: &Db) -> i64 {
    db.conn().query_row("SELECT COUNT(*) FROM staff", [], |r| r.get(0)).unwrap()
}

#[test]
fn passwords_are_salted_argon2id_and_verify() {
    let a = password::hash(PW).unwrap();
    let b = password::hash(PW).unwrap();
    assert!(a.starts_with("$argon2id$"), "{a}");
    assert_ne!(a, b, "each hash has its own salt");
    assert!(password::verify(PW, &a).unwrap());
    assert!(!password::verify("desk-2027", &a).unwrap());
    assert!(!password::verify(PW, "not a hash").err().unwrap().to_string().contains(PW));
}

#[test]
fn the_first_supervisor_is_made_once() {
    let (mut db, boss) = estate_with_supervisor();
    assert!(has_staff(db.conn()).unwrap());
    assert_eq!((boss.name.as_str(), boss.role, boss.active), ("李主管", StaffRole::Supervisor, true));
    let e = db.write("路人", |tx| create_first_supervisor(tx, "路人", PW)).err().unwrap();
    assert_eq!(e.code(), "staff.already_set_up");
    assert_eq!(staff_rows(&db), 1);
    let empty = Db::in_memory("x").unwrap();
    assert!(!has_staff(empty.conn()).unwrap());
}

#[test]
fn sign_in_gives_one_answer_for_a_wrong_name_or_password() {
    let (mut db, boss) = estate_with_supervisor();
    assert_eq!(signin(&mut db, "李主管", PW).unwrap(), boss);
    assert_eq!(signin(&mut db, " 李主管 ", PW).unwrap().id, boss.id, "the name is trimmed");
    let wrong_pw = signin(&mut db, "李主管", "desk-2027").err().unwrap();
    let wrong_name = signin(&mut db, "王前台", PW).err().unwrap();
    assert_eq!(wrong_pw.code(), "staff.bad_credentials");
    assert_eq!(wrong_pw.body(), wrong_name.body());
    assert!(wrong_pw.to_string().starts_with("姓名或密码不对"));

    let clerk = add(&mut db, &boss, "Wang Fang", StaffRole::Clerk).unwrap();
    assert_eq!(signin(&mut db, "wang fang", PW).unwrap().id, clerk.id, "Latin names ignore case");
    db.write(&boss.name, |tx| deactivate(tx, &boss, "Wang Fang")).unwrap();
    assert_eq!(signin(&mut db, "Wang Fang", PW).err().unwrap().code(), "staff.inactive");
    // A deactivated account with a wrong password looks like any wrong password.
    assert_eq!(signin(&mut db, "Wang Fang", "wrong-one").err().unwrap().code(), "staff.bad_credentials");
}

#[test]
fn the_permission_table() {
    use Permission::*;
    let clerk = [TakePayment, Reprint, EditRegister, Import, Dunning, CloseDay, Keys, Parcels, Inventory, Renovation, ReadMeters, Service, View];
    for p in Permission::ALL {
        assert!(rules::permits(StaffRole::Supervisor, p), "{p:?}");
        assert_eq!(rules::permits(StaffRole::Clerk, p), clerk.contains(&p), "{p:?}");
        assert_eq!(rules::permits(StaffRole::Finance, p), matches!(p, View | ExportReports), "{p:?}");
    }
}

#[test]
fn personal_data_in_full_and_its_erasure_are_a_supervisors_alone() {
    assert_eq!(Permission::ALL.len(), 31, "every permission is in ALL (the desk lists them from it)");
    for p in [Permission::ExportPersonalData, Permission::ErasePersonalData] {
        assert!(Permission::ALL.contains(&p));
        assert_eq!(rules::who_may(p), "主管", "{p:?}");
        assert!(!rules::approvable(StaffRole::Clerk, p), "{p:?}: no approval on the spot, a supervisor signs in");
    }
    assert_eq!(require_err(Permission::ErasePersonalData), "删除住户的个人信息需要主管权限。请主管登录后操作。");
}

fn require_err(p: Permission) -> String {
    let clerk = Staff { id: 9, name: "王前台".into(), role: StaffRole::Clerk, active: true, created_at: String::new(), locked_until: None };
    require(&clerk, p).err().map(|e| e.to_string()).unwrap_or_default()
}

#[test]
fn a_refusal_names_who_may_do_it() {
    let (mut db, boss) = estate_with_supervisor();
    let clerk = add(&mut db, &boss, "王前台", StaffRole::Clerk).unwrap();
    let finance = add(&mut db, &boss, "赵会计", StaffRole::Finance).unwrap();
    let e = require(&clerk, Permission::VoidReceipt).err().unwrap();
    assert_eq!(e.code(), "staff.forbidden");
    assert_eq!(e.to_string(), "作废收据需要主管权限。请主管登录后操作。");
    let e = require(&finance, Permission::TakePayment).err().unwrap();
    assert_eq!(e.to_string(), "收款需要前台或主管权限。请前台或主管登录后操作。");
    assert!(require(&finance, Permission::View).is_ok());
    assert!(require(&boss, Permission::ManageStaff).is_ok());
    let gone = Staff { active: false, ..boss };
    assert_eq!(require(&gone, Permission::View).err().unwrap().code(), "staff.inactive");
}

#[test]
fn only_a_supervisor_adds_staff_and_names_and_passwords_are_checked() {
    let (mut db, boss) = estate_with_supervisor();
    let clerk = add(&mut db, &boss, "王前台", StaffRole::Clerk).unwrap();
    assert_eq!(add(&mut db, &clerk, "新人", StaffRole::Clerk).err().unwrap().code(), "staff.forbidden");
    assert_eq!(add(&mut db, &boss, "王前台", StaffRole::Finance).err().unwrap().code(), "staff.exists");
    assert_eq!(add(&mut db, &boss, "  ", StaffRole::Clerk).err().unwrap().code(), "staff.name_required");
    for weak in ["1234567", "        ", " abc1234 "] {
        let e = db.write(&boss.name, |tx| add_staff(tx, &boss, "新人", StaffRole::Clerk, weak)).err().unwrap();
        assert_eq!(e.code(), "staff.weak_password", "{weak:?}");
        assert!(weak.trim().is_empty() || !e.to_string().contains(weak.trim()), "the password is never echoed");
    }
    // Eight Chinese characters are eight characters, not twenty-four bytes, and enough.
    db.write(&boss.name, |tx| add_staff(tx, &boss, "新人", StaffRole::Clerk, "春眠不觉晓处处闻")).unwrap();
    assert_eq!(staff_rows(&db), 3);
    let names: Vec<_> = list_staff(db.conn()).unwrap().into_iter().map(|s| (s.name, s.role)).collect();
    assert_eq!(names, [("李主管".into(), StaffRole::Supervisor), ("王前台".into(), StaffRole::Clerk), ("新人".into(), StaffRole::Clerk)]);
}

#[test]
fn passwords_are_reset_by_a_supervisor_or_changed_with_the_old_one() {
    let (mut db, boss) = estate_with_supervisor();
    let clerk = add(&mut db, &boss, "王前台", StaffRole::Clerk).unwrap();
    let e = db.write(&clerk.name, |tx| set_password(tx, &clerk, "李主管", "taken-over")).err().unwrap();
    assert_eq!(e.code(), "staff.forbidden");
    db.write(&boss.name, |tx| set_password(tx, &boss, "王前台", "reset-123")).unwrap();
    assert_eq!(signin(&mut db, "王前台", PW).err().unwrap().code(), "staff.bad_credentials");
    let e = db.write(&clerk.name, |tx| change_password(tx, &clerk, PW, "mine-456")).err().unwrap();
    assert_eq!(e.code(), "staff.bad_old_password");
    db.write(&clerk.name, |tx| change_password(tx, &clerk, "reset-123", "mine-456")).unwrap();
    assert!(signin(&mut db, "王前台", "mine-456").is_ok());
    assert_eq!(db.write("x", |tx| set_password(tx, &boss, "无此人", "whatever1")).err().unwrap().code(), "staff.not_found");
}

#[test]
fn deactivation_keeps_the_account_and_is_not_for_oneself() {
    let (mut db, boss) = estate_with_supervisor();
    add(&mut db, &boss, "王前台", StaffRole::Clerk).unwrap();
    let e = db.write(&boss.name, |tx| deactivate(tx, &boss, "李主管")).err().unwrap();
    assert_eq!(e.code(), "staff.cannot_deactivate_self");
    let off = db.write(&boss.name, |tx| deactivate(tx, &boss, "王前台")).unwrap();
    assert!(!off.active);
    assert!(db.conn().execute("DELETE FROM staff WHERE id = ?1", [off.id]).is_err(), "accounts are never deleted");
    assert!(db.write(&boss.name, |tx| reactivate(tx, &boss, "王前台")).unwrap().active);
    assert!(signin(&mut db, "王前台", PW).is_ok());
}

#[test]
fn no_password_or_hash_reaches_the_audit_log() {
    let (mut db, boss) = estate_with_supervisor();
    add(&mut db, &boss, "王前台", StaffRole::Clerk).unwrap();
    db.write(&boss.name, |tx| set_password(tx, &boss, "王前台", "reset-123")).unwrap();
    let mut stmt = db.conn().prepare("SELECT action, detail FROM audit_log WHERE entity = 'staff'").unwrap();
    let rows: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
    assert_eq!(rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["staff.first_supervisor", "staff.add", "staff.set_password"]);
    for (_, detail) in rows {
        assert!(!detail.contains(PW) && !detail.contains("reset-123") && !detail.contains("argon2"), "{detail}");
    }
    let json = serde_json::to_string(&list_staff(db.conn()).unwrap()).unwrap();
    assert!(!json.contains("argon2") && !json.contains("password"), "{json}");
}

#[test]
fn roles_read_codes_and_labels() {
    assert_eq!(StaffRole::parse("主管").unwrap(), StaffRole::Supervisor);
    assert_eq!(StaffRole::parse(" Clerk ").unwrap(), StaffRole::Clerk);
    assert_eq!(StaffRole::parse("财务").unwrap(), StaffRole::Finance);
    assert_eq!(crate::Error::from(StaffRole::parse("保安").err().unwrap()).code(), "staff.bad_role");
}

#[test]
fn passwords_are_eight_characters_not_a_run_and_not_the_name() {
    let refused = |pw: &str, name: &str| rules::check_password(pw, name).err().map(|e| crate::Error::from(e).code());
    for simple in ["88888888", "12345678", "87654321", "abcdefgh", "ABCDEFGHI"] {
        assert_eq!(refused(simple, "王前台"), Some("staff.weak_password"), "{simple}");
    }
    assert_eq!(refused("王前台2026!", "王前台"), Some("staff.weak_password"));
    assert_eq!(refused("wangfang-1", "Wang"), Some("staff.weak_password"), "the name is found ignoring case");
    assert_eq!(rules::check_password("王前台2026!", "王前台").err().unwrap().to_string(), "密码里不能有自己的姓名。请换一个密码。");
    assert_eq!(refused("1234567", "王"), Some("staff.weak_password"));
    assert_eq!(refused("desk-2026", "王前台"), None);
    assert_eq!(refused("12345679", "王前台"), None, "a run broken once is allowed");
}

fn at(db: &mut Db, time: &str) {
    db.set_clock(crate::db::Clock::Fixed(chrono::DateTime::parse_from_rfc3339(time).unwrap()));
}

#[test]
fn five_wrong_passwords_in_a_row_lock_the_account_for_fifteen_minutes() {
    let (mut db, boss) = estate_with_supervisor();
    add(&mut db, &boss, "王前台", StaffRole::Clerk).unwrap();
    at(&mut db, "2026-11-23T09:00:00+08:00");
    for _ in 0..4 {
        assert_eq!(signin(&mut db, "王前台", "wrong-pass").err().unwrap().code(), "staff.bad_credentials");
    }
    // A right password in between starts the count again.
    assert!(signin(&mut db, "王前台", PW).is_ok());
    for _ in 0..4 {
        signin(&mut db, "王前台", "wrong-pass").err().unwrap();
    }
    let e = signin(&mut db, "王前台", "wrong-pass").err().unwrap();
    assert_eq!(e.code(), "staff.locked");
    assert_eq!(e.to_string(), "账号“王前台”密码连续输错 5 次，已锁定。请 15 分钟后再试，或请主管解锁。");
    let locked: Option<String> = db.conn().query_row("SELECT locked_until FROM staff WHERE name = '王前台'", [], |r| r.get(0)).unwrap();
    assert_eq!(locked.as_deref(), Some("2026-11-23T09:15:00+08:00"), "the lock is kept in the database");

    // Locked: even the right password is refused, saying how long is left (rounded up).
    at(&mut db, "2026-11-23T09:05:30+08:00");
    let e = signin(&mut db, "王前台", PW).err().unwrap();
    assert_eq!((e.code(), e.to_string().contains("请 10 分钟后再试")), ("staff.locked", true), "{e}");
    // Other accounts are not touched.
    assert!(signin(&mut db, "李主管", PW).is_ok());
    // After fifteen minutes the right password works again.
    at(&mut db, "2026-11-23T09:15:00+08:00");
    assert!(signin(&mut db, "王前台", PW).is_ok());
    let actions: Vec<String> = db.conn().prepare("SELECT action FROM audit_log WHERE action LIKE 'staff.%' ORDER BY id").unwrap()
        .query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    assert_eq!(actions.iter().filter(|a| *a == "staff.sign_in_failed").count(), 8);
    assert_eq!(actions.iter().filter(|a| *a == "staff.locked").count(), 1);
}

#[test]
fn a_supervisor_unlocks_an_account_and_a_reset_lifts_the_lock() {
    let (mut db, boss) = estate_with_supervisor();
    let clerk = add(&mut db, &boss, "王前台", StaffRole::Clerk).unwrap();
    add(&mut db, &boss, "张前台", StaffRole::Clerk).unwrap();
    for name in ["王前台", "张前台"] {
        for _ in 0..5 {
            signin(&mut db, name, "wrong-pass").err().unwrap();
        }
    }
    let listed = list_staff(db.conn()).unwrap();
    assert!(listed.iter().filter(|s| s.role == StaffRole::Clerk).all(|s| s.locked_until.is_some()));
    assert_eq!(db.write(&clerk.name, |tx| unlock(tx, &clerk, "张前台")).err().unwrap().code(), "staff.forbidden");
    assert_eq!(db.write(&boss.name, |tx| unlock(tx, &boss, "王前台")).unwrap().locked_until, None);
    assert!(signin(&mut db, "王前台", PW).is_ok());
    db.write(&boss.name, |tx| set_password(tx, &boss, "张前台", "fresh-start")).unwrap();
    assert!(signin(&mut db, "张前台", "fresh-start").is_ok());
}

#[test]
fn a_clerks_supervisor_only_action_needs_a_supervisors_sign_in_on_the_spot() {
    let (mut db, boss) = estate_with_supervisor();
    let clerk = add(&mut db, &boss, "王前台", StaffRole::Clerk).unwrap();
    let finance = add(&mut db, &boss, "赵会计", StaffRole::Finance).unwrap();
    add(&mut db, &boss, "张前台", StaffRole::Clerk).unwrap();
    let ok = Approval { name: "李主管".into(), password: PW.into() };
    let v = Permission::VoidReceipt;

    assert_eq!(authorize(&mut db, &boss, v, None).unwrap(), None, "a supervisor acts alone");
    assert_eq!(authorize(&mut db, &clerk, Permission::TakePayment, None).unwrap(), None);
    let e = authorize(&mut db, &clerk, v, None).err().unwrap();
    assert_eq!((e.code(), e.to_string().as_str()), ("staff.approval_needed", "作废收据需要主管授权。请主管当场输入自己的姓名和密码授权，或请主管登录后操作。"));
    let wrong = Approval { password: "wrong-pass".into(), ..ok.clone() };
    assert_eq!(authorize(&mut db, &clerk, v, Some(&wrong)).err().unwrap().code(), "staff.approver_bad_credentials");
    let nobody = Approval { name: "无此人".into(), ..ok.clone() };
    assert_eq!(authorize(&mut db, &clerk, v, Some(&nobody)).err().unwrap().code(), "staff.approver_bad_credentials");
    let other_clerk = Approval { name: "张前台".into(), ..ok.clone() };
    let e = authorize(&mut db, &clerk, v, Some(&other_clerk)).err().unwrap();
    assert_eq!((e.code(), e.to_string().as_str()), ("staff.approver_not_supervisor", "“张前台”不是主管，不能授权作废收据。请在岗的主管输入自己的姓名和密码。"));
    assert_eq!(authorize(&mut db, &clerk, v, Some(&ok)).unwrap().as_deref(), Some("李主管"));
    // Finance stays read-only, approved or not; some supervisor work is never done by approval.
    assert_eq!(authorize(&mut db, &finance, v, Some(&ok)).err().unwrap().code(), "staff.forbidden");
    assert_eq!(authorize(&mut db, &clerk, Permission::ManageStaff, Some(&ok)).err().unwrap().code(), "staff.forbidden");
    // A restore replaces everything: a clerk's needs a supervisor on the spot too.
    let e = authorize(&mut db, &clerk, Permission::Restore, None).err().unwrap();
    assert_eq!((e.code(), e.to_string().as_str()), ("staff.approval_needed", "从备份恢复需要主管授权。请主管当场输入自己的姓名和密码授权，或请主管登录后操作。"));
    assert_eq!(authorize(&mut db, &clerk, Permission::Restore, Some(&ok)).unwrap().as_deref(), Some("李主管"));
    assert_eq!(authorize(&mut db, &finance, Permission::Restore, Some(&ok)).err().unwrap().code(), "staff.forbidden");
    // A wrong approver password counts towards the supervisor's lock.
    for _ in 0..5 {
        authorize(&mut db, &clerk, v, Some(&wrong)).err().unwrap();
    }
    assert_eq!(authorize(&mut db, &clerk, v, Some(&ok)).err().unwrap().code(), "staff.locked");
    assert!(!format!("{ok:?}").contains(PW), "an approval never prints its password");
}

#[test]
fn the_approvable_actions() {
    use Permission::*;
    for p in Permission::ALL {
        let expected = matches!(p, VoidReceipt | Waive | RefundDeposit | EditFees | EditBilled | Restore | OverrideKeyLoan | SignOffCount | ApproveRenovation | ManageMeters | Surveys);
        assert_eq!(rules::approvable(StaffRole::Clerk, p), expected, "{p:?}");
        assert!(!rules::approvable(StaffRole::Finance, p), "{p:?}");
        assert!(!rules::permits(StaffRole::Clerk, p) || !expected, "{p:?} is supervisor-only");
    }
}
