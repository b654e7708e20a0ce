//! The rules of key custody, pure and tested alone: what is typed, who may
//! borrow, when a key is due back.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::KeyError;
use super::model::{AuthKind, Authorisation, BorrowerKind, NewAuthorisation};

/// Identity documents the desk sees.
pub const ID_TYPES: [&str; 7] = ["身份证", "护照", "港澳通行证", "台胞证", "驾驶证", "工作证", "其他"];
/// The team named by an engineering authorisation.
pub const ENGINEERING: &str = "工程部";
/// A loan is due back within this many days: a longer date is a typing slip.
pub const MAX_LOAN_DAYS: i64 = 30;
const HOOK_MAX: usize = 20;
const NAME_MAX: usize = 50;
const TEXT_MAX: usize = 200;

/// A hook number as stored: trimmed, 1–20 characters.
pub fn hook(text: &str) -> Result<String, KeyError> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > HOOK_MAX {
        return Err(KeyError::BadHook);
    }
    Ok(t.to_string())
}

pub fn key_count(n: i64) -> Result<i64, KeyError> {
    if (1..=99).contains(&n) { Ok(n) } else { Err(KeyError::BadCount) }
}

/// A name that must be given (`what` names the field in the refusal).
pub fn name(text: &str, what: &'static str) -> Result<String, KeyError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(KeyError::Missing(what));
    }
    limited(t, what, NAME_MAX)
}

/// A free text that may be blank (description, note, condition).
pub fn text(text: &str, what: &'static str) -> Result<String, KeyError> {
    limited(text.trim(), what, TEXT_MAX)
}

/// A free text that must be given (purpose, override reason).
pub fn required_text(text: &str, what: &'static str) -> Result<String, KeyError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(KeyError::Missing(what));
    }
    limited(t, what, TEXT_MAX)
}

fn limited(t: &str, what: &'static str, max: usize) -> Result<String, KeyError> {
    if t.chars().count() > max {
        return Err(KeyError::TooLong(what, max));
    }
    Ok(t.to_string())
}

pub fn id_type(text: &str) -> Result<&'static str, KeyError> {
    let t = text.trim();
    let t = if t == "台湾居民来往大陆通行证" { "台胞证" } else { t };
    ID_TYPES.into_iter().find(|k| *k == t).ok_or_else(|| KeyError::BadIdType(t.chars().take(20).collect()))
}

/// Exactly the last four characters of a document number: digits, or X
/// (an ID card's check digit) and letters (passports). Anything longer is
/// refused without being kept or echoed: a full ID number never enters the file.
pub fn id_last4(text: &str) -> Result<String, KeyError> {
    let t = text.trim();
    if t.chars().count() != 4 || !t.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(KeyError::BadIdTail);
    }
    Ok(t.to_ascii_uppercase())
}

pub fn date(text: &str) -> Result<NaiveDate, KeyError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| KeyError::BadDate(text.trim().chars().take(20).collect()))
}

/// When a loan made at `now` is due back: `text` as "18:00" (today),
/// "2026-11-24 18:00", "2026-11-24" (that day at the default time), or blank
/// (today at the default time). It must be after `now` and within
/// `MAX_LOAN_DAYS`.
pub fn due(text: &str, now: DateTime<FixedOffset>, default_time: NaiveTime) -> Result<DateTime<FixedOffset>, KeyError> {
    let t = text.trim().replacen('T', " ", 1);
    let bad = || KeyError::BadDue(text.trim().chars().take(20).collect());
    let today = now.date_naive();
    let local: NaiveDateTime = if t.is_empty() {
        today.and_time(default_time)
    } else if let Ok(time) = NaiveTime::parse_from_str(&t, "%H:%M") {
        today.and_time(time)
    } else if let Ok(at) = NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M") {
        at
    } else if let Ok(day) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        day.and_time(default_time)
    } else {
        return Err(bad());
    };
    let at = now.offset().from_local_datetime(&local).single().ok_or_else(bad)?;
    if at <= now {
        return Err(KeyError::DueNotAhead { due: minute(&at.to_rfc3339()), now: minute(&now.to_rfc3339()) });
    }
    if at - now > Duration::days(MAX_LOAN_DAYS) {
        return Err(KeyError::DueTooFar(MAX_LOAN_DAYS));
    }
    Ok(at)
}

/// An authorisation as stored: a contractor has both dates, the engineering
/// team its own name, dates in order.
pub fn authorisation(a: &NewAuthorisation) -> Result<NewAuthorisation, KeyError> {
    let name = match a.kind {
        AuthKind::Engineering if a.name.trim().is_empty() => ENGINEERING.to_string(),
        AuthKind::Engineering => limited(a.name.trim(), "授权名称", NAME_MAX)?,
        AuthKind::Person => name(&a.name, "被授权人姓名")?,
        AuthKind::Contractor => name(&a.name, "施工方名称")?,
    };
    if a.kind == AuthKind::Contractor && (a.from.is_none() || a.to.is_none()) {
        return Err(KeyError::ContractorDates);
    }
    if let (Some(from), Some(to)) = (a.from, a.to)
        && to < from
    {
        return Err(KeyError::DatesReversed { from: from.to_string(), to: to.to_string() });
    }
    Ok(NewAuthorisation { kind: a.kind, name, from: a.from, to: a.to })
}

/// Names match ignoring spaces inside and around them ("美家装饰 刘工" = "美家装饰刘工").
pub fn same_name(a: &str, b: &str) -> bool {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    squash(a) == squash(b)
}

fn in_force(a: &Authorisation, on: NaiveDate) -> bool {
    a.from.is_none_or(|f| f <= on) && a.to.is_none_or(|t| on <= t)
}

fn dates(a: &Authorisation) -> String {
    match (a.from, a.to) {
        (Some(f), Some(t)) => format!("{f} 至 {t}"),
        (Some(f), None) => format!("{f} 起"),
        (None, Some(t)) => format!("至 {t}"),
        (None, None) => "长期".into(),
    }
}

/// Whether `borrower`, as `kind`, may take the key on `on`: `Ok` with the
/// basis (业主（登记册）, 书面授权…), or `Err` with the reason a clerk reads.
/// `owners` are the unit's current owners on the register.
pub fn may_borrow(kind: BorrowerKind, borrower: &str, on: NaiveDate, owners: &[String], auths: &[Authorisation]) -> Result<String, String> {
    let of = |k: AuthKind| auths.iter().filter(move |a| a.kind == k);
    match kind {
        BorrowerKind::Owner => {
            if owners.iter().any(|o| same_name(o, borrower)) {
                Ok("业主（登记册）".into())
            } else if owners.is_empty() {
                Err("登记册上这户没有在册业主".into())
            } else {
                Err(format!("登记册上这户的业主是{}，没有“{}”", owners.iter().map(|o| format!("“{o}”")).collect::<Vec<_>>().join("、"), borrower.trim()))
            }
        }
        BorrowerKind::Authorised => named(of(AuthKind::Person), borrower, on, "书面授权", "业主的书面授权里没有这个人"),
        BorrowerKind::Contractor => named(of(AuthKind::Contractor), borrower, on, "施工授权", "业主没有授权这个施工方"),
        BorrowerKind::Staff => {
            let team: Vec<&Authorisation> = of(AuthKind::Engineering).collect();
            match team.iter().find(|a| in_force(a, on)) {
                Some(a) => Ok(format!("工程部授权（{}）", dates(a))),
                None if team.is_empty() => Err("业主没有授权工程部（物业员工）借用".into()),
                None => Err(format!("业主给工程部的授权期限是 {}，今天不在期内", team.iter().map(|a| dates(a)).collect::<Vec<_>>().join("、"))),
            }
        }
    }
}

fn named<'a>(auths: impl Iterator<Item = &'a Authorisation>, borrower: &str, on: NaiveDate, basis: &str, missing: &str) -> Result<String, String> {
    let matching: Vec<&Authorisation> = auths.filter(|a| same_name(&a.name, borrower)).collect();
    match matching.iter().find(|a| in_force(a, on)) {
        Some(a) => Ok(format!("{basis}（{}）", dates(a))),
        None if matching.is_empty() => Err(missing.to_string()),
        None => Err(format!("授权期限是 {}，{on} 不在期内", matching.iter().map(|a| dates(a)).collect::<Vec<_>>().join("、"))),
    }
}

/// "2026-11-23T18:00:00+08:00" as "2026-11-23 18:00".
pub fn minute(at: &str) -> String {
    at.get(..16).map_or_else(|| at.to_string(), |t| t.replacen('T', " ", 1))
}

/// Whether a loan is out past its time at the moment `at`: due before `at`
/// and not back by then (not returned, or returned after `at`).
pub fn out_late_at(due_at: &str, returned_at: Option<&str>, at: DateTime<FixedOffset>) -> bool {
    let back_by_then = returned_at.and_then(|r| DateTime::parse_from_rfc3339(r).ok()).is_some_and(|back| back <= at);
    !back_by_then && overdue(due_at, None, at)
}

/// Whether a loan due at `due_at` and returned at `returned_at` (if at all)
/// is overdue as of `at` (all ISO-8601 with offset). Unreadable times count
/// as overdue: a key is never hidden because a time could not be read.
pub fn overdue(due_at: &str, returned_at: Option<&str>, at: DateTime<FixedOffset>) -> bool {
    let parse = |s: &str| DateTime::parse_from_rfc3339(s).ok();
    let Some(due) = parse(due_at) else { return true };
    match returned_at.map(parse) {
        Some(Some(back)) if back <= at => back > due,
        Some(None) => true,
        _ => due < at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn auth(kind: AuthKind, name: &str, from: Option<&str>, to: Option<&str>) -> Authorisation {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Authorisation { id: 1, kind, kind_label: kind.label(), name: name.into(), from: from.map(d), to: to.map(d), recorded_at: String::new(), operator: String::new() }
    }

    #[test]
    fn only_the_last_four_characters_of_an_id_are_taken() {
        assert_eq!(id_last4(" 123x ").unwrap(), "123X");
        assert_eq!(id_last4("0007").unwrap(), "0007");
        for bad in ["110101198001010011", "12345", "123", "", "12 4", "一二三四", "12-4"] {
            let e = id_last4(bad).unwrap_err();
            assert!(matches!(e, KeyError::BadIdTail), "{bad}");
            assert!(!e.to_string().contains("11010119800101"), "the refusal never echoes what was typed: {e}");
        }
        assert_eq!(id_type("台湾居民来往大陆通行证").unwrap(), "台胞证");
        assert!(matches!(id_type("学生证"), Err(KeyError::BadIdType(_))));
    }

    #[test]
    fn hooks_counts_and_names_are_checked() {
        assert_eq!(hook(" A-01 ").unwrap(), "A-01");
        assert!(matches!(hook(" "), Err(KeyError::BadHook)));
        assert!(matches!(hook(&"1".repeat(21)), Err(KeyError::BadHook)));
        assert!(key_count(1).is_ok() && key_count(99).is_ok());
        assert!(matches!(key_count(0), Err(KeyError::BadCount)) && matches!(key_count(100), Err(KeyError::BadCount)));
        assert!(matches!(name("  ", "借用人"), Err(KeyError::Missing("借用人"))));
        assert!(matches!(name(&"张".repeat(51), "借用人"), Err(KeyError::TooLong("借用人", 50))));
        assert_eq!(text("", "说明").unwrap(), "");
        assert!(matches!(required_text(" ", "用途"), Err(KeyError::Missing("用途"))));
    }

    #[test]
    fn a_loan_is_due_today_at_the_default_time_unless_said() {
        let now = at("2026-11-23T09:30:00+08:00");
        let six = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
        assert_eq!(due("", now, six).unwrap(), at("2026-11-23T18:00:00+08:00"));
        assert_eq!(due("12:00", now, six).unwrap(), at("2026-11-23T12:00:00+08:00"));
        assert_eq!(due("2026-11-24 10:00", now, six).unwrap(), at("2026-11-24T10:00:00+08:00"));
        assert_eq!(due("2026-11-25", now, six).unwrap(), at("2026-11-25T18:00:00+08:00"));
        assert!(matches!(due("09:00", now, six), Err(KeyError::DueNotAhead { .. })));
        assert!(matches!(due("2027-01-01", now, six), Err(KeyError::DueTooFar(30))));
        for bad in ["25:00", "明天", "2026-02-30", "abc"] {
            assert!(matches!(due(bad, now, six), Err(KeyError::BadDue(_))), "{bad}");
        }
        // Lent after the office's closing time: the default is already past, so a time must be given.
        assert!(matches!(due("", at("2026-11-23T19:00:00+08:00"), six), Err(KeyError::DueNotAhead { .. })));
    }

    #[test]
    fn who_may_borrow_and_why_not() {
        let on = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let owners = vec!["张三".to_string()];
        let auths = vec![
            auth(AuthKind::Person, "李四", None, None),
            auth(AuthKind::Contractor, "美家装饰 刘工", Some("2026-11-01"), Some("2026-11-30")),
            auth(AuthKind::Contractor, "旧装修队", Some("2026-01-01"), Some("2026-02-28")),
        ];
        assert_eq!(may_borrow(BorrowerKind::Owner, " 张三 ", on, &owners, &auths).unwrap(), "业主（登记册）");
        assert!(may_borrow(BorrowerKind::Owner, "李四", on, &owners, &auths).unwrap_err().contains("业主是“张三”"));
        assert!(may_borrow(BorrowerKind::Owner, "张三", on, &[], &auths).unwrap_err().contains("没有在册业主"));
        assert_eq!(may_borrow(BorrowerKind::Authorised, "李四", on, &owners, &auths).unwrap(), "书面授权（长期）");
        assert_eq!(may_borrow(BorrowerKind::Authorised, "王五", on, &owners, &auths).unwrap_err(), "业主的书面授权里没有这个人");
        assert!(may_borrow(BorrowerKind::Contractor, "美家装饰刘工", on, &owners, &auths).unwrap().contains("2026-11-01 至 2026-11-30"));
        assert!(may_borrow(BorrowerKind::Contractor, "旧装修队", on, &owners, &auths).unwrap_err().contains("不在期内"));
        assert_eq!(may_borrow(BorrowerKind::Contractor, "李四", on, &owners, &auths).unwrap_err(), "业主没有授权这个施工方");
        assert!(may_borrow(BorrowerKind::Staff, "老陈", on, &owners, &auths).unwrap_err().contains("没有授权工程部"));
        let team = [auth(AuthKind::Engineering, ENGINEERING, None, Some("2026-10-31"))];
        assert!(may_borrow(BorrowerKind::Staff, "老陈", on, &owners, &team).unwrap_err().contains("不在期内"));
        let team = [auth(AuthKind::Engineering, ENGINEERING, None, None)];
        assert!(may_borrow(BorrowerKind::Staff, "老陈", on, &owners, &team).is_ok());
    }

    #[test]
    fn authorisations_need_names_and_a_contractor_its_dates() {
        let d = |s: &str| Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        let team = authorisation(&NewAuthorisation { kind: AuthKind::Engineering, name: " ".into(), from: None, to: None }).unwrap();
        assert_eq!(team.name, ENGINEERING);
        assert!(matches!(authorisation(&NewAuthorisation { kind: AuthKind::Person, name: "".into(), from: None, to: None }), Err(KeyError::Missing(_))));
        assert!(matches!(authorisation(&NewAuthorisation { kind: AuthKind::Contractor, name: "美家".into(), from: d("2026-11-01"), to: None }), Err(KeyError::ContractorDates)));
        assert!(matches!(
            authorisation(&NewAuthorisation { kind: AuthKind::Contractor, name: "美家".into(), from: d("2026-11-30"), to: d("2026-11-01") }),
            Err(KeyError::DatesReversed { .. })
        ));
    }

    #[test]
    fn overdue_is_judged_at_a_moment() {
        let due = "2026-11-23T18:00:00+08:00";
        assert!(!overdue(due, None, at("2026-11-23T17:59:00+08:00")));
        assert!(overdue(due, None, at("2026-11-23T18:01:00+08:00")));
        assert!(!overdue(due, Some("2026-11-23T17:00:00+08:00"), at("2026-11-24T09:00:00+08:00")));
        assert!(overdue(due, Some("2026-11-23T19:00:00+08:00"), at("2026-11-24T09:00:00+08:00")), "returned late");
        assert!(overdue(due, Some("2026-11-24T10:00:00+08:00"), at("2026-11-23T23:59:59+08:00")), "still out at that moment");
        assert!(overdue("garbled", None, at("2026-11-23T09:00:00+08:00")));
        // Out past its time at a moment: a key back late is no longer out.
        assert!(!out_late_at(due, Some("2026-11-23T19:00:00+08:00"), at("2026-11-24T09:00:00+08:00")));
        assert!(out_late_at(due, Some("2026-11-23T19:00:00+08:00"), at("2026-11-23T18:30:00+08:00")));
        assert!(out_late_at(due, None, at("2026-11-23T18:30:00+08:00")));
        assert!(!out_late_at(due, None, at("2026-11-23T17:30:00+08:00")));
    }
}
