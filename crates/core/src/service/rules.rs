//! The pure rules of the service desk, tested alone: numbers, times, which
//! step may follow which (and the refusal that says why not), what is late.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::ServiceError;
use super::model::*;

/// Hours to respond to a request still only recorded: 一般, 紧急, 特急.
pub const RESPONSE_HOURS_DEFAULT: [i64; 3] = [24, 4, 1];
pub const RESPONSE_HOURS_TEXT: &str = "24,4,1";
/// Days after the reply by which a complaint's return visit is due.
pub const VISIT_DAYS: i64 = 3;
/// Stored times: local, to the minute.
pub const TIME: &str = "%Y-%m-%d %H:%M";

/// The complaint path, in order.
pub const COMPLAINT_PATH: [Status; 9] = [
    Status::Recorded,
    Status::Classified,
    Status::Investigated,
    Status::Assigned,
    Status::Proposed,
    Status::Replied,
    Status::Visited,
    Status::Summarised,
    Status::Closed,
];

/// A step as typed: its code (classified), its status label (已定性) or the
/// action as the desk says it (定性, 调查原因, 指派责任人, 处理方案, 答复, 回访, 总结, 关闭).
pub fn parse_step(text: &str) -> Option<Status> {
    let t = text.trim();
    let said = match t {
        "定性" => Some(Status::Classified),
        "调查" | "调查原因" => Some(Status::Investigated),
        "指派" | "指派责任人" => Some(Status::Assigned),
        "方案" | "处理方案" => Some(Status::Proposed),
        "答复" | "答复业主" => Some(Status::Replied),
        "回访" => Some(Status::Visited),
        "总结" => Some(Status::Summarised),
        "关闭" => Some(Status::Closed),
        _ => None,
    };
    said.or_else(|| Status::parse(t)).filter(|s| *s != Status::Recorded)
}

pub fn step_names() -> String {
    "定性、调查原因、指派责任人、处理方案、答复、回访、总结、关闭".into()
}

/// A coded choice as typed, or the refusal listing the choices.
pub fn choice<T>(what: &'static str, text: &str, parse: fn(&str) -> Option<T>, labels: fn() -> String) -> Result<T, ServiceError> {
    parse(text).ok_or_else(|| ServiceError::BadChoice { what, text: text.trim().chars().take(20).collect(), choices: labels() })
}

/// "TS20261123-001" for a complaint, "XQ20261123-001" for any other request: the day it was taken and its place that day.
pub fn request_no(kind: Kind, day: NaiveDate, n: i64) -> String {
    let prefix = if kind == Kind::Complaint { "TS" } else { "XQ" };
    format!("{prefix}{}-{n:03}", day.format("%Y%m%d"))
}

/// "WX20261123-001".
pub fn order_no(day: NaiveDate, n: i64) -> String {
    format!("WX{}-{n:03}", day.format("%Y%m%d"))
}

/// A time as typed (2026-11-23 09:00, with a T, or seconds); blank is `now`. Never later than now.
pub fn time(text: &str, now: NaiveDateTime) -> Result<NaiveDateTime, ServiceError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(trim_seconds(now));
    }
    let at = parse_time(t).ok_or_else(|| ServiceError::BadTime(t.chars().take(20).collect()))?;
    if at > now {
        return Err(ServiceError::FutureTime(at.format(TIME).to_string()));
    }
    Ok(at)
}

pub fn parse_time(t: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t.trim(), f).ok())
}

/// A deadline as typed: a time, or a day (meaning its 18:00).
pub fn deadline(text: &str, now: NaiveDateTime) -> Result<NaiveDateTime, ServiceError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ServiceError::Required("处理期限"));
    }
    let at = parse_time(t)
        .or_else(|| crate::register::rules::parse_date(t).ok().and_then(|d| d.and_hms_opt(18, 0, 0)))
        .ok_or_else(|| ServiceError::BadTime(t.chars().take(20).collect()))?;
    if at <= now {
        return Err(ServiceError::DeadlinePast { deadline: at.format(TIME).to_string() });
    }
    Ok(at)
}

fn trim_seconds(t: NaiveDateTime) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&t.format(TIME).to_string(), TIME).unwrap_or(t)
}

/// The response hours as set ("24,4,1": 一般, 紧急, 特急), each at least 1.
pub fn response_hours(text: &str) -> Result<[i64; 3], ServiceError> {
    let bad = || ServiceError::BadResponseHours(text.trim().chars().take(20).collect());
    let parts: Vec<i64> = text.split([',', '，', '/', ' ']).filter(|p| !p.trim().is_empty()).map(|p| p.trim().parse::<i64>()).collect::<Result<_, _>>().map_err(|_| bad())?;
    match parts.as_slice() {
        [a, b, c] if [*a, *b, *c].iter().all(|h| (1..=720).contains(h)) => Ok([*a, *b, *c]),
        _ => Err(bad()),
    }
}

fn urgency_index(u: Urgency) -> usize {
    match u {
        Urgency::Normal => 0,
        Urgency::Urgent => 1,
        Urgency::Emergency => 2,
    }
}

/// May `want` follow `status` on a request of `kind`? `valid` is the
/// complaint's classification once made. The refusal says why not.
pub fn check_step(no: &str, kind: Kind, status: Status, valid: Option<bool>, want: Status) -> Result<(), ServiceError> {
    let wrong = |hint: String| ServiceError::WrongStep { no: no.to_string(), status: status.label(), action: want.action(), hint };
    if status == Status::Closed {
        return Err(wrong("已关闭的需求不能再办理；有新情况请另行登记。".into()));
    }
    let replied = matches!(status, Status::Replied | Status::Visited | Status::Summarised);
    if kind == Kind::Complaint {
        if status == Status::Classified && valid == Some(false) {
            return if want == Status::Closed { Ok(()) } else { Err(wrong("已定为无效投诉：按定性的原因答复后关闭（estate request step … closed）。".into())) };
        }
        let at = COMPLAINT_PATH.iter().position(|s| *s == status).unwrap_or(0);
        let to = COMPLAINT_PATH.iter().position(|s| *s == want).unwrap_or(0);
        if to == at + 1 {
            return Ok(());
        }
        if want == Status::Closed && !replied {
            return Err(ServiceError::CloseWithoutReply(no.to_string()));
        }
        if want == Status::Visited && !replied {
            return Err(ServiceError::VisitBeforeReply(no.to_string()));
        }
        if to > at + 1 {
            return Err(ServiceError::SkipStep(no.to_string(), COMPLAINT_PATH[at + 1].action()));
        }
        return Err(wrong(next_hint(kind, status, valid).into()));
    }
    if matches!(want, Status::Classified | Status::Investigated | Status::Proposed | Status::Summarised) {
        return Err(ServiceError::ComplaintOnly(want.action()));
    }
    let ok = matches!(
        (status, want),
        (Status::Recorded, Status::Assigned | Status::Replied) | (Status::Assigned, Status::Replied) | (Status::Replied, Status::Visited | Status::Closed) | (Status::Visited, Status::Closed)
    );
    if ok {
        return Ok(());
    }
    if want == Status::Closed && !replied {
        return Err(ServiceError::CloseWithoutReply(no.to_string()));
    }
    if want == Status::Visited && !replied {
        return Err(ServiceError::VisitBeforeReply(no.to_string()));
    }
    Err(wrong(next_hint(kind, status, valid).into()))
}

/// What to do next from here.
pub fn next_hint(kind: Kind, status: Status, valid: Option<bool>) -> &'static str {
    if kind != Kind::Complaint {
        return match status {
            Status::Recorded => "下一步：指派责任人，或直接答复业主。",
            Status::Assigned => "下一步：答复业主。",
            Status::Replied => "下一步：回访业主，或关闭。",
            Status::Visited => "下一步：关闭。",
            _ => "已关闭。",
        };
    }
    match status {
        Status::Recorded => "下一步：定性（有效或无效投诉）。",
        Status::Classified if valid == Some(false) => "无效投诉：写明原因后关闭。",
        Status::Classified => "下一步：调查原因。",
        Status::Investigated => "下一步：指派责任人和处理期限。",
        Status::Assigned => "下一步：登记处理方案。",
        Status::Proposed => "下一步：答复业主（时间、方式、答复内容）。",
        Status::Replied => "下一步：回访业主（是否满意、意见）。",
        Status::Visited => "下一步：总结和教训。",
        Status::Summarised => "下一步：关闭。",
        Status::Closed => "已关闭。",
    }
}

/// The times lateness is judged by: when it came in, its deadline once
/// assigned, when the owner was answered.
#[derive(Debug, Clone, Copy)]
pub struct Times {
    pub received: NaiveDateTime,
    pub deadline: Option<NaiveDateTime>,
    pub replied: Option<NaiveDateTime>,
}

/// What is late on a request at `now`: a recorded one past its response
/// hours, an assigned one past its deadline, a replied complaint not visited
/// within `VISIT_DAYS`.
pub fn late(kind: Kind, urgency: Urgency, status: Status, times: Times, now: NaiveDateTime, hours: [i64; 3]) -> Option<Late> {
    let Times { received, deadline, replied } = times;
    let (what, text, due) = match status {
        Status::Recorded => {
            let h = hours[urgency_index(urgency)];
            ("response", format!("超过响应时限（{}，{h} 小时）未处理", urgency.label()), received + Duration::hours(h))
        }
        Status::Assigned | Status::Proposed => ("deadline", "超过处理期限未答复业主".to_string(), deadline?),
        Status::Replied if kind == Kind::Complaint => ("visit", format!("答复后 {VISIT_DAYS} 天未回访"), replied? + Duration::days(VISIT_DAYS)),
        _ => return None,
    };
    (now > due).then(|| Late { what, text, due: due.format(TIME).to_string() })
}

/// May `want` follow `status` on a work order of `area`?
pub fn check_order_step(no: &str, area: Area, status: OrderStatus, want: OrderStatus) -> Result<(), ServiceError> {
    use OrderStatus::*;
    let done = matches!(status, Done | Checked | Visited);
    let ok = match (status, want) {
        (Reported, Dispatched) | (Dispatched, Arrived) | (Arrived, Done) | (Done, Dispatched) | (Checked | Visited, Closed) => true,
        (Done, Checked) => area == Area::Public,
        (Done, Visited) => area == Area::Unit,
        _ => false,
    };
    if ok {
        return Ok(());
    }
    if matches!(want, Checked | Visited | Closed) && !done {
        return Err(ServiceError::NotDone { no: no.to_string(), action: want.action() });
    }
    if want == Visited && area == Area::Public {
        return Err(ServiceError::PublicHasNoVisit(no.to_string()));
    }
    if want == Checked && area == Area::Unit {
        return Err(ServiceError::UnitHasNoCheck(no.to_string()));
    }
    let hint = match status {
        Reported => "下一步：派工（estate order dispatch）。",
        Dispatched => "下一步：登记到场（estate order arrive）。",
        Arrived => "下一步：登记完工（estate order done）。",
        Done if area == Area::Public => "下一步：验收（estate order check）。",
        Done => "下一步：回访业主（estate order visit）。",
        Checked | Visited => "下一步：关闭（estate order close）。",
        Closed => "已关闭。",
    };
    Err(ServiceError::WrongStep { no: no.to_string(), status: status.label(), action: want.action(), hint: hint.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        parse_time(s).unwrap()
    }

    #[test]
    fn numbers_name_the_day_and_the_kind() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(request_no(Kind::Complaint, day, 1), "TS20261123-001");
        assert_eq!(request_no(Kind::Repair, day, 12), "XQ20261123-012");
        assert_eq!(order_no(day, 1000), "WX20261123-1000");
    }

    #[test]
    fn times_are_typed_to_the_minute_and_never_ahead_of_now() {
        let now = t("2026-11-23 09:30:41");
        assert_eq!(time("", now).unwrap(), t("2026-11-23 09:30"));
        assert_eq!(time("2026-11-23T08:05", now).unwrap(), t("2026-11-23 08:05"));
        assert_eq!(time("2026-11-23 10:00", now).unwrap_err().to_string(), "时间 2026-11-23 10:00 还没到，请写已经发生的时间。");
        assert!(matches!(time("昨天", now), Err(ServiceError::BadTime(_))));
        assert_eq!(deadline("2026-11-25", now).unwrap(), t("2026-11-25 18:00"));
        assert!(matches!(deadline("2026-11-23 09:00", now), Err(ServiceError::DeadlinePast { .. })));
    }

    #[test]
    fn steps_are_typed_as_codes_labels_or_the_desks_words() {
        assert_eq!(parse_step("定性"), Some(Status::Classified));
        assert_eq!(parse_step("investigated"), Some(Status::Investigated));
        assert_eq!(parse_step("已答复"), Some(Status::Replied));
        assert_eq!(parse_step(" 关闭 "), Some(Status::Closed));
        assert_eq!(parse_step("recorded"), None, "taking it is not a step");
        assert_eq!(parse_step("close"), None);
    }

    #[test]
    fn response_hours_are_three_numbers() {
        assert_eq!(response_hours("24,4,1").unwrap(), [24, 4, 1]);
        assert_eq!(response_hours("48，8，2").unwrap(), [48, 8, 2]);
        for bad in ["", "24,4", "24,4,0", "a,b,c", "24,4,1,1"] {
            assert!(response_hours(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_complaint_walks_its_path_in_order_and_each_refusal_says_why() {
        let mut status = Status::Recorded;
        for want in &COMPLAINT_PATH[1..] {
            check_step("TS1", Kind::Complaint, status, Some(true), *want).unwrap();
            status = *want;
        }
        let e = |status, want| check_step("TS1", Kind::Complaint, status, Some(true), want).unwrap_err().to_string();
        assert_eq!(e(Status::Proposed, Status::Closed), "还没有答复业主，不能关闭 TS1。请先登记答复（什么时间、用什么方式、答复了什么）。");
        assert_eq!(e(Status::Assigned, Status::Visited), "还没有答复业主，不能回访 TS1。请先登记答复，再回访。");
        assert_eq!(e(Status::Classified, Status::Assigned), "投诉 TS1 要依次办理：定性 → 调查原因 → 指派责任人 → 处理方案 → 答复 → 回访 → 总结 → 关闭，不能跳过“登记调查原因”。");
        assert_eq!(e(Status::Replied, Status::Closed), "投诉 TS1 要依次办理：定性 → 调查原因 → 指派责任人 → 处理方案 → 答复 → 回访 → 总结 → 关闭，不能跳过“登记回访”。");
        assert_eq!(e(Status::Closed, Status::Visited), "TS1 现在是“已关闭”，不能登记回访。已关闭的需求不能再办理；有新情况请另行登记。");
        assert!(e(Status::Visited, Status::Replied).contains("下一步：总结和教训"));
        // An invalid complaint closes at once with its reason, and does nothing else.
        check_step("TS1", Kind::Complaint, Status::Classified, Some(false), Status::Closed).unwrap();
        assert!(check_step("TS1", Kind::Complaint, Status::Classified, Some(false), Status::Investigated).unwrap_err().to_string().contains("无效投诉"));
    }

    #[test]
    fn other_requests_are_answered_then_closed() {
        let ok = |s, w| check_step("XQ1", Kind::Repair, s, None, w).is_ok();
        assert!(ok(Status::Recorded, Status::Replied) && ok(Status::Recorded, Status::Assigned) && ok(Status::Assigned, Status::Replied));
        assert!(ok(Status::Replied, Status::Closed) && ok(Status::Replied, Status::Visited) && ok(Status::Visited, Status::Closed));
        assert!(matches!(check_step("XQ1", Kind::Consult, Status::Recorded, None, Status::Closed), Err(ServiceError::CloseWithoutReply(_))));
        assert!(matches!(check_step("XQ1", Kind::Service, Status::Assigned, None, Status::Visited), Err(ServiceError::VisitBeforeReply(_))));
        assert!(matches!(check_step("XQ1", Kind::Service, Status::Recorded, None, Status::Classified), Err(ServiceError::ComplaintOnly("定性"))));
    }

    #[test]
    fn late_means_past_response_hours_past_the_deadline_or_no_visit_after_the_reply() {
        let received = t("2026-11-23 09:00");
        let hours = RESPONSE_HOURS_DEFAULT;
        let times = Times { received, deadline: Some(t("2026-11-24 18:00")), replied: Some(t("2026-11-24 10:00")) };
        let late_at = |status, urgency, now: &str| late(Kind::Complaint, urgency, status, times, t(now), hours);
        assert_eq!(late_at(Status::Recorded, Urgency::Urgent, "2026-11-23 13:00"), None, "exactly 4 hours is on time");
        let l = late_at(Status::Recorded, Urgency::Urgent, "2026-11-23 13:01").unwrap();
        assert_eq!((l.what, l.text.as_str(), l.due.as_str()), ("response", "超过响应时限（紧急，4 小时）未处理", "2026-11-23 13:00"));
        assert_eq!(late_at(Status::Recorded, Urgency::Normal, "2026-11-24 08:59"), None);
        assert_eq!(late_at(Status::Classified, Urgency::Normal, "2026-12-30 00:00"), None);
        assert_eq!(late_at(Status::Proposed, Urgency::Normal, "2026-11-24 18:01").unwrap().due, "2026-11-24 18:00");
        let v = late_at(Status::Replied, Urgency::Normal, "2026-11-27 10:01").unwrap();
        assert_eq!((v.what, v.due.as_str()), ("visit", "2026-11-27 10:00"));
        let repair = Times { received, deadline: None, replied: Some(received) };
        assert_eq!(late(Kind::Repair, Urgency::Normal, Status::Replied, repair, t("2027-01-01 00:00"), hours), None, "only complaints must be visited");
    }

    #[test]
    fn a_work_order_is_done_before_it_is_checked_or_visited() {
        use OrderStatus::*;
        check_order_step("WX1", Area::Unit, Done, Visited).unwrap();
        check_order_step("WX1", Area::Public, Done, Checked).unwrap();
        check_order_step("WX1", Area::Public, Done, Dispatched).unwrap();
        assert_eq!(check_order_step("WX1", Area::Unit, Arrived, Visited).unwrap_err().to_string(), "还没有完工，不能回访 WX1。请先登记完工（estate order done）。");
        assert!(matches!(check_order_step("WX1", Area::Public, Done, Visited), Err(ServiceError::PublicHasNoVisit(_))));
        assert!(matches!(check_order_step("WX1", Area::Unit, Done, Checked), Err(ServiceError::UnitHasNoCheck(_))));
        assert!(matches!(check_order_step("WX1", Area::Unit, Dispatched, Closed), Err(ServiceError::NotDone { .. })));
        assert!(check_order_step("WX1", Area::Unit, Done, Closed).unwrap_err().to_string().contains("回访业主"));
    }
}
