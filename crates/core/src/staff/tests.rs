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
    assert_eq!(sign_in(db.conn(), "李主管", PW).unwrap(), boss);
    assert_eq!(sign_in(db.conn(), " 李主管 ", PW).unwrap().id, boss.id, "the name is trimmed");
    let wrong_pw = sign_in(db.conn(), "李主管", "desk-2027").err().unwrap();
    let wrong_name = sign_in(db.conn(), "王前台", PW).err().unwrap();
    assert_eq!(wrong_pw.code(), "staff.bad_credentials");
    assert_eq!(wrong_pw.body(), wrong_name.body());
    assert!(wrong_pw.to_string().starts_with("姓名或密码不对"));

    let clerk = add(&mut db, &boss, "Wang Fang", StaffRole::Clerk).unwrap();
    assert_eq!(sign_in(db.conn(), "wang fang", PW).unwrap().id, clerk.id, "Latin names ignore case");
    db.write(&boss.name, |tx| deactivate(tx, &boss, "Wang Fang")).unwrap();
    assert_eq!(sign_in(db.conn(), "Wang Fang", PW).err().unwrap().code(), "staff.inactive");
    // A deactivated account with a wrong password looks like any wrong password.
    assert_eq!(sign_in(db.conn(), "Wang Fang", "wrong-one").err().unwrap().code(), "staff.bad_credentials");
}

#[test]
fn the_permission_table() {
    use Permission::*;
    let clerk = [TakePayment, Reprint, EditRegister, Import, Dunning, CloseDay, View];
    for p in Permission::ALL {
        assert!(rules::permits(StaffRole::Supervisor, p), "{p:?}");
        assert_eq!(rules::permits(StaffRole::Clerk, p), clerk.contains(&p), "{p:?}");
        assert_eq!(rules::permits(StaffRole::Finance, p), matches!(p, View | ExportReports), "{p:?}");
    }
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
    for weak in ["12345", "      ", " abc12 "] {
        let e = db.write(&boss.name, |tx| add_staff(tx, &boss, "新人", StaffRole::Clerk, weak)).err().unwrap();
        assert_eq!(e.code(), "staff.weak_password", "{weak:?}");
        assert!(weak.trim().is_empty() || !e.to_string().contains(weak.trim()), "the password is never echoed");
    }
    // Six Chinese characters are six characters, not eighteen bytes, and enough.
    db.write(&boss.name, |tx| add_staff(tx, &boss, "新人", StaffRole::Clerk, "春眠不觉晓啊")).unwrap();
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
    assert_eq!(sign_in(db.conn(), "王前台", PW).err().unwrap().code(), "staff.bad_credentials");
    let e = db.write(&clerk.name, |tx| change_password(tx, &clerk, PW, "mine-456")).err().unwrap();
    assert_eq!(e.code(), "staff.bad_old_password");
    db.write(&clerk.name, |tx| change_password(tx, &clerk, "reset-123", "mine-456")).unwrap();
    assert!(sign_in(db.conn(), "王前台", "mine-456").is_ok());
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
    assert!(sign_in(db.conn(), "王前台", PW).is_ok());
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
