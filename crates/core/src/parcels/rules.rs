//! What a parcel's fields may be and when it may leave the shelf: pure rules, tested alone.

use chrono::NaiveDate;

use super::ParcelError;
use super::model::{Collector, Kind, Size, Status};

/// The carriers a desk sees most, by their Chinese name, with a short code for the command line.
pub const CARRIERS: [(&str, &str); 10] = [
    ("顺丰速运", "sf"),
    ("京东物流", "jd"),
    ("中通快递", "zto"),
    ("圆通速递", "yto"),
    ("韵达快递", "yunda"),
    ("申通快递", "sto"),
    ("极兔速递", "jt"),
    ("邮政EMS", "ems"),
    ("德邦快递", "deppon"),
    ("其他", "other"),
];

/// A letter needs no carrier; when none is given it came by post.
pub const LETTER_CARRIER: &str = "邮政EMS";

/// Days on the shelf after which a reminder is due, when the setting is unset.
pub const REMIND_DAYS_DEFAULT: u32 = 3;
pub const REMIND_DAYS_MAX: u32 = 60;

/// The text sent with a pickup code, when the setting `parcel_message_text` is blank.
pub const DEFAULT_TEMPLATE: &str = "【{小区}】{收件人}您好，您的{快递}（单号尾号{尾号}）已到物业服务中心，取件码 {取件码}，请凭取件码到前台领取。咨询电话：{电话}";

const MAX_RECIPIENT_CHARS: usize = 40;

/// A carrier as typed: its name, a short form of it (顺丰, 中通) or its code.
pub fn parse_carrier(text: &str) -> Result<&'static str, ParcelError> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    CARRIERS
        .iter()
        .find(|(name, code)| *name == t || *code == lower || (t.chars().count() >= 2 && name.starts_with(t)) || (lower == "邮政" && *code == "ems"))
        .map(|(name, _)| *name)
        .ok_or_else(|| ParcelError::BadCarrier(t.chars().take(20).collect(), CARRIERS.map(|(n, _)| n).join("、")))
}

/// The carrier a tracking number's shape names, where it names one: the
/// letter prefixes the big carriers print (SF…, JD…, YT…, JT…, DPK…) and the
/// international postal form (two letters, nine digits, CN). Numbers of digits
/// only are shared by several carriers, so those are left to the clerk.
pub fn detect_carrier(tracking: &str) -> Option<&'static str> {
    let digits_after = |prefix: &str, min: usize| tracking.strip_prefix(prefix).is_some_and(|rest| rest.len() >= min && rest.bytes().all(|b| b.is_ascii_digit()));
    let b = tracking.as_bytes();
    if digits_after("SF", 10) {
        Some("顺丰速运")
    } else if tracking.starts_with("JD") && tracking.len() >= 12 {
        Some("京东物流")
    } else if digits_after("YT", 10) {
        Some("圆通速递")
    } else if digits_after("JT", 10) {
        Some("极兔速递")
    } else if digits_after("DPK", 8) {
        Some("德邦快递")
    } else if b.len() == 13 && b[..2].iter().all(u8::is_ascii_uppercase) && b[2..11].iter().all(u8::is_ascii_digit) && tracking.ends_with("CN") {
        Some("邮政EMS")
    } else {
        None
    }
}

/// A tracking number as the scanner typed it: spaces dropped, upper case, 6–40 letters, digits or dashes.
pub fn normalize_tracking(text: &str) -> Result<String, ParcelError> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let ok = (6..=40).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !ok {
        return Err(ParcelError::BadTracking(t.chars().take(40).collect()));
    }
    Ok(t)
}

pub fn parse_kind(text: &str) -> Result<Kind, ParcelError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "parcel" | "快递" | "包裹" => Ok(Kind::Parcel),
        "letter" | "信件" | "信" => Ok(Kind::Letter),
        other => Err(ParcelError::BadKind(other.chars().take(20).collect())),
    }
}

/// A parcel's size; blank is a small parcel, and a letter has none.
pub fn parse_size(text: &str, kind: Kind) -> Result<Option<Size>, ParcelError> {
    let t = text.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Ok((kind == Kind::Parcel).then_some(Size::Small));
    }
    Size::ALL
        .into_iter()
        .find(|s| s.code() == t || s.label() == t || s.label().starts_with(t.as_str()) || s.code().starts_with(t.as_str()) && t.len() == 1)
        .map(Some)
        .ok_or_else(|| ParcelError::BadSize(t.chars().take(20).collect()))
}

/// A shelf as the clerk names it: 1–6 letters or digits, upper case; blank = none.
pub fn parse_shelf(text: &str) -> Result<String, ParcelError> {
    let t = text.trim().to_ascii_uppercase();
    if t.len() > 6 || !t.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ParcelError::BadShelf(t.chars().take(20).collect()));
    }
    Ok(t)
}

pub fn parse_collector(text: &str) -> Result<Collector, ParcelError> {
    let t = text.trim().to_ascii_lowercase();
    Collector::ALL
        .into_iter()
        .find(|c| c.code() == t || c.label() == t || (t == "代取" && *c == Collector::Proxy) || (t == "信箱" && *c == Collector::Mailbox))
        .ok_or_else(|| ParcelError::BadCollector(t.chars().take(20).collect()))
}

pub fn check_recipient(name: &str) -> Result<String, ParcelError> {
    let name = name.trim();
    if name.chars().count() > MAX_RECIPIENT_CHARS {
        return Err(ParcelError::RecipientTooLong);
    }
    Ok(name.to_string())
}

/// A pickup code as it is said or typed (a3 1024, A3-1024) reduced to the key kept for it: A31024.
pub fn pickup_key(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase()
}

/// The code for the `n`th (1000–9999) place on `shelf`: the shelf, a dash, four digits.
/// The digits always number four, so the key without its dash is unambiguous.
pub fn pickup_code(shelf: &str, n: u32) -> String {
    if shelf.is_empty() { format!("{n}") } else { format!("{shelf}-{n}") }
}

/// The numbers to try for the next code, after `last_id` parcels: the next in
/// turn first (consecutive parcels get consecutive numbers), then on round 9999 → 1000.
pub fn code_numbers(last_id: i64) -> impl Iterator<Item = u32> {
    let start = (last_id + 1).rem_euclid(9000) as u32;
    (0..9000u32).map(move |step| 1000 + (start + step) % 9000)
}

/// The last 4 digits of a phone, as a collector says them.
pub fn phone_tail(text: &str) -> Result<String, ParcelError> {
    let t = text.trim();
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ParcelError::BadPhoneTail(t.chars().take(20).collect()));
    }
    Ok(t.to_string())
}

/// Reminder days as typed (CLI, settings): 1–60.
pub fn parse_days(text: &str) -> Result<u32, ParcelError> {
    text.trim().parse::<u32>().ok().filter(|d| (1..=REMIND_DAYS_MAX).contains(d)).ok_or_else(|| ParcelError::BadDays(text.trim().chars().take(20).collect()))
}

/// Where a parcel stands when someone asks for it.
pub struct OnShelf<'a> {
    pub kind: Kind,
    pub code: &'a str,
    pub status: Status,
    /// When it was collected or returned.
    pub left_at: &'a str,
}

/// May this parcel be handed over so? A parcel that left cannot leave again;
/// a code that is given must be its own; only letters go into a mailbox; and
/// someone else's parcel handed over without its code needs the clerk's note.
pub fn check_pickup(p: &OnShelf, code: Option<&str>, collector: Collector, note: &str) -> Result<(), ParcelError> {
    let at = p.left_at.get(..16).unwrap_or(p.left_at).replace('T', " ");
    match p.status {
        Status::Collected => return Err(ParcelError::AlreadyCollected { code: p.code.to_string(), at }),
        Status::Returned => return Err(ParcelError::AlreadyReturned { code: p.code.to_string(), at }),
        Status::Waiting => {}
    }
    if let Some(given) = code.filter(|c| pickup_key(c) != pickup_key(p.code)) {
        return Err(ParcelError::WrongCode { given: given.trim().chars().take(20).collect(), code: p.code.to_string() });
    }
    if collector == Collector::Mailbox && p.kind != Kind::Letter {
        return Err(ParcelError::MailboxLettersOnly);
    }
    let someone_else = matches!(collector, Collector::Family | Collector::Proxy);
    if code.is_none() && someone_else && note.trim().is_empty() {
        return Err(ParcelError::NoteNeeded);
    }
    Ok(())
}

/// A parcel may go back to the courier only from the shelf, to someone named.
pub fn check_return(p: &OnShelf, taken_by: &str) -> Result<(), ParcelError> {
    check_pickup(p, None, Collector::Recipient, "")?;
    if taken_by.trim().is_empty() {
        return Err(ParcelError::TakenByNeeded);
    }
    Ok(())
}

/// Whole days between the day it came in and `until`.
pub fn days_on_shelf(received_at: &str, until: NaiveDate) -> i64 {
    let day = received_at.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    day.map_or(0, |d| (until - d).num_days().max(0))
}

/// The last 4 characters of a tracking number, as the message quotes it.
pub fn tail(tracking: &str) -> String {
    let chars: Vec<char> = tracking.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

/// Fills a message template: {小区} {收件人} {房号} {快递} {尾号} {取件码} {电话} {天数}.
pub fn fill(template: &str, fields: &[(&str, &str)]) -> String {
    crate::docs::placeholders::fill(template, fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriers_are_told_from_the_numbers_that_say_so() {
        assert_eq!(detect_carrier("SF1234567890123"), Some("顺丰速运"));
        assert_eq!(detect_carrier("JDVA12345678901"), Some("京东物流"));
        assert_eq!(detect_carrier("YT7412345678901"), Some("圆通速递"));
        assert_eq!(detect_carrier("JT0001234567890"), Some("极兔速递"));
        assert_eq!(detect_carrier("DPK12345678"), Some("德邦快递"));
        assert_eq!(detect_carrier("EA123456789CN"), Some("邮政EMS"));
        assert_eq!(detect_carrier("75312345678901"), None, "digits only: several carriers use them");
        assert_eq!(detect_carrier("SF12AB"), None);
    }

    #[test]
    fn carriers_are_chosen_by_name_short_name_or_code() {
        assert_eq!(parse_carrier("顺丰速运").unwrap(), "顺丰速运");
        assert_eq!(parse_carrier("中通").unwrap(), "中通快递");
        assert_eq!(parse_carrier(" ZTO ").unwrap(), "中通快递");
        assert_eq!(parse_carrier("邮政").unwrap(), "邮政EMS");
        let err = parse_carrier("闪送").unwrap_err();
        assert!(err.to_string().contains("顺丰速运、京东物流"), "{err}");
        assert!(parse_carrier("").is_err() && parse_carrier("中").is_err());
    }

    #[test]
    fn tracking_numbers_are_read_as_scanned() {
        assert_eq!(normalize_tracking(" sf 1234 5678 9012\n").unwrap(), "SF123456789012");
        assert_eq!(normalize_tracking("JD-0012-3456").unwrap(), "JD-0012-3456");
        for bad in ["", "12345", "x".repeat(41).as_str(), "1'; DROP TABLE", "单号123456"] {
            assert!(matches!(normalize_tracking(bad), Err(ParcelError::BadTracking(_))), "{bad}");
        }
    }

    #[test]
    fn kinds_sizes_shelves_and_collectors_are_read_in_chinese_or_english() {
        assert_eq!(parse_kind("").unwrap(), Kind::Parcel);
        assert_eq!(parse_kind("信件").unwrap(), Kind::Letter);
        assert!(parse_kind("箱子").is_err());
        assert_eq!(parse_size("", Kind::Parcel).unwrap(), Some(Size::Small));
        assert_eq!(parse_size("", Kind::Letter).unwrap(), None);
        assert_eq!(parse_size("大", Kind::Parcel).unwrap(), Some(Size::Large));
        assert_eq!(parse_size("medium", Kind::Parcel).unwrap(), Some(Size::Medium));
        assert_eq!(parse_size("m", Kind::Parcel).unwrap(), Some(Size::Medium));
        assert!(matches!(parse_size("巨大", Kind::Parcel), Err(ParcelError::BadSize(_))));
        assert_eq!(parse_shelf(" a3 ").unwrap(), "A3");
        assert_eq!(parse_shelf("").unwrap(), "");
        assert!(matches!(parse_shelf("A-3"), Err(ParcelError::BadShelf(_))));
        assert!(matches!(parse_shelf("ABCDEFG"), Err(ParcelError::BadShelf(_))));
        assert_eq!(parse_collector("家人").unwrap(), Collector::Family);
        assert_eq!(parse_collector("代取").unwrap(), Collector::Proxy);
        assert_eq!(parse_collector("mailbox").unwrap(), Collector::Mailbox);
        assert!(matches!(parse_collector("快递员"), Err(ParcelError::BadCollector(_))));
        assert!(check_recipient(&"名".repeat(41)).is_err());
        assert_eq!(parse_days("7").unwrap(), 7);
        assert!(parse_days("0").is_err() && parse_days("61").is_err() && parse_days("x").is_err());
    }

    #[test]
    fn pickup_codes_are_the_shelf_and_four_digits_said_any_way() {
        assert_eq!(pickup_code("A3", 1024), "A3-1024");
        assert_eq!(pickup_code("", 1024), "1024");
        assert_eq!(pickup_key(" a3 1024 "), "A31024");
        assert_eq!(pickup_key("A3-1024"), "A31024");
        let first: Vec<u32> = code_numbers(0).take(3).collect();
        assert_eq!(first, [1001, 1002, 1003], "the first parcel gets 1001");
        assert_eq!(code_numbers(8998).take(2).collect::<Vec<_>>(), [9999, 1000], "wraps round");
        assert_eq!(code_numbers(5).count(), 9000, "every number is tried once");
        assert_eq!(phone_tail("1234").unwrap(), "1234");
        assert!(phone_tail("123").is_err() && phone_tail("12a4").is_err() && phone_tail("13800001234").is_err());
    }

    fn on_shelf(kind: Kind, status: Status) -> OnShelf<'static> {
        OnShelf { kind, code: "A-1001", status, left_at: "2026-11-20T15:30:00+08:00" }
    }

    #[test]
    fn a_parcel_leaves_once_and_someone_else_without_the_code_needs_a_note() {
        let waiting = on_shelf(Kind::Parcel, Status::Waiting);
        assert!(check_pickup(&waiting, Some("a 1001"), Collector::Proxy, "").is_ok(), "the code is enough");
        assert!(check_pickup(&waiting, None, Collector::Recipient, "").is_ok(), "the recipient in person");
        assert!(matches!(check_pickup(&waiting, None, Collector::Family, " "), Err(ParcelError::NoteNeeded)));
        assert!(matches!(check_pickup(&waiting, None, Collector::Proxy, ""), Err(ParcelError::NoteNeeded)));
        assert!(check_pickup(&waiting, None, Collector::Family, "儿子，看过业主短信").is_ok());
        assert!(matches!(check_pickup(&waiting, Some("A-1002"), Collector::Recipient, ""), Err(ParcelError::WrongCode { .. })));
        assert!(matches!(check_pickup(&waiting, None, Collector::Mailbox, ""), Err(ParcelError::MailboxLettersOnly)));
        assert!(check_pickup(&on_shelf(Kind::Letter, Status::Waiting), None, Collector::Mailbox, "").is_ok());
        let err = check_pickup(&on_shelf(Kind::Parcel, Status::Collected), Some("A-1001"), Collector::Recipient, "").unwrap_err();
        assert!(matches!(err, ParcelError::AlreadyCollected { .. }) && err.to_string().contains("2026-11-20 15:30"), "{err}");
        assert!(matches!(check_pickup(&on_shelf(Kind::Parcel, Status::Returned), None, Collector::Recipient, ""), Err(ParcelError::AlreadyReturned { .. })));
        assert!(matches!(check_return(&waiting, " "), Err(ParcelError::TakenByNeeded)));
        assert!(check_return(&waiting, "顺丰小李").is_ok());
        assert!(matches!(check_return(&on_shelf(Kind::Parcel, Status::Returned), "x"), Err(ParcelError::AlreadyReturned { .. })));
    }

    #[test]
    fn days_tails_and_messages() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(days_on_shelf("2026-11-20T18:00:00+08:00", d), 3);
        assert_eq!(days_on_shelf("2026-11-24T08:00:00+08:00", d), 0);
        assert_eq!(tail("SF1234567890"), "7890");
        assert_eq!(tail("12"), "12");
        assert_eq!(fill("{收件人}：{取件码}{未知}", &[("收件人", "张三"), ("取件码", "A-1001")]), "张三：A-1001{未知}");
    }
}
