//! Estate-wide settings as key/value text. `change` is the one way a user
//! sets one: it checks the value, so the CLI and the desktop app accept and
//! refuse exactly the same things.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

use super::{DbError, Tx};
use crate::docs::pdf::PaperSize;
use crate::error::Result;

pub const ESTATE_NAME: &str = "estate_name";
pub const RECEIPT_HEADER: &str = "receipt_header";
pub const PAPER_SIZE: &str = "paper_size";
pub const RECEIPT_SERIES: &str = "receipt_series";
/// Minutes without input after which the desktop app locks and asks for the password again.
pub const IDLE_LOCK_MINUTES: &str = "idle_lock_minutes";

/// The day of a bill's first month on which it falls due (31 = the month's last day).
pub const DUE_DAY: &str = "due_day";

/// The office's telephone and address, printed on notices and dunning letters.
pub const OFFICE_PHONE: &str = "office_phone";
pub const OFFICE_ADDRESS: &str = "office_address";
/// How owners can pay (counter hours, bank account, QR code), printed on notices and letters.
pub const PAYMENT_INSTRUCTIONS: &str = "payment_instructions";
/// The body of the 催缴函 and the reminder text, with placeholders ({姓名} {房号}
/// {金额} {截止日期} {电话} {小区} {日期}); blank means the built-in text.
pub const DUNNING_LETTER_BODY: &str = "dunning_letter_body";
pub const DUNNING_REMINDER_TEXT: &str = "dunning_reminder_text";
/// The text sent with a billing notice ({小区} {业主} {房号} {期间} {金额} {截止日} {电话}); blank means the built-in text.
pub const NOTICE_MESSAGE_TEXT: &str = "notice_message_text";
/// The text sent when a parcel comes in ({小区} {收件人} {房号} {快递} {尾号} {取件码} {电话} {天数}); blank means the built-in text.
pub const PARCEL_MESSAGE_TEXT: &str = "parcel_message_text";
/// Days a parcel waits on the shelf before it is overdue and reminded (1–60, default 3).
pub const PARCEL_REMIND_DAYS: &str = "parcel_remind_days";

/// Where backups go (blank = a `backups` folder beside the estate file), how
/// many are kept, and how often the desktop app makes one while it runs.
pub const BACKUP_FOLDER: &str = "backup_folder";
pub const BACKUP_KEEP: &str = "backup_keep";
pub const BACKUP_INTERVAL_MINUTES: &str = "backup_interval_minutes";

/// When a key lent today is due back by default (HH:MM, the same day).
pub const KEY_DEFAULT_RETURN_TIME: &str = "key_default_return_time";
/// The office's closing time: keys lent for the day come back before it.
pub const KEY_DEFAULT_RETURN_TIME_DEFAULT: &str = "18:00";
/// The series of deposit receipts (押金收据), apart from the fee receipts' series.
pub const DEPOSIT_RECEIPT_SERIES: &str = "deposit_receipt_series";
/// The deposit the office takes for a resident card, a car card, an intercom
/// handset (yuan; blank or 0 = none).
pub const INVENTORY_CARD_DEPOSIT: &str = "inventory_card_deposit";
pub const INVENTORY_CAR_CARD_DEPOSIT: &str = "inventory_car_card_deposit";
pub const INVENTORY_HANDSET_DEPOSIT: &str = "inventory_handset_deposit";
/// Renovation (二次装修): the longest planned period (days), the shortest
/// waterproof test (hours), the working-hour rules printed on the permit, the
/// management fee per ㎡ of the unit's area, the rubbish removal fee and the
/// deposit of a permit (yuan).
pub const RENO_MAX_DAYS: &str = "reno_max_days";
pub const RENO_WATERPROOF_HOURS: &str = "reno_waterproof_hours";
pub const RENO_RULES_TEXT: &str = "reno_rules_text";
pub const RENO_FEE_PER_SQM: &str = "reno_fee_per_sqm";
pub const RENO_RUBBISH_FEE: &str = "reno_rubbish_fee";
pub const RENO_DEPOSIT: &str = "reno_deposit";
/// Meters: usage above this multiple of a meter's 12-month average is a spike
/// to confirm; shared (公摊) usage is split by area or per household.
pub const METER_SPIKE_MULTIPLE: &str = "meter_spike_multiple";
pub const METER_SHARE_BASIS: &str = "meter_share_basis";
/// The service desk: hours to respond to a request by its urgency, "24,4,1"
/// (一般, 紧急, 特急); a request still only recorded after them is late.
pub const SERVICE_RESPONSE_HOURS: &str = "service_response_hours";
/// A typo guard for an item's deposit: a handset costs hundreds, not tens of thousands.
const INVENTORY_DEPOSIT_MAX_FEN: i64 = 1_000_000;

pub const IDLE_LOCK_DEFAULT: u32 = 10;
/// A month of daily closes.
pub const BACKUP_KEEP_DEFAULT: u32 = 30;
const BACKUP_KEEP_MAX: u32 = 1000;
/// Every two hours: a morning's takings at most are at risk between closes.
pub const BACKUP_INTERVAL_DEFAULT: u32 = 120;
/// Once a day at least (0 turns the timer off).
const BACKUP_INTERVAL_MAX: u32 = 1440;
/// Bills fall due when their period starts: fees are paid in advance.
pub const DUE_DAY_DEFAULT: u32 = 1;
/// Up to two hours: longer leaves a signed-in desk, and its cash, open too long.
const IDLE_LOCK_MAX: u32 = 120;

/// The settings a user may change, with their Chinese names, in display order.
pub const SETTABLE: [(&str, &str); 31] = [
    (ESTATE_NAME, "小区名称"),
    (RECEIPT_HEADER, "收据抬头"),
    (PAPER_SIZE, "收据纸张"),
    (RECEIPT_SERIES, "收据字头"),
    (IDLE_LOCK_MINUTES, "空闲锁屏（分钟）"),
    (DUE_DAY, "缴费截止日"),
    (OFFICE_PHONE, "服务中心电话"),
    (OFFICE_ADDRESS, "服务中心地址"),
    (PAYMENT_INSTRUCTIONS, "缴费方式"),
    (DUNNING_LETTER_BODY, "催缴函正文"),
    (DUNNING_REMINDER_TEXT, "催缴提醒短信"),
    (NOTICE_MESSAGE_TEXT, "收费通知短信"),
    (PARCEL_MESSAGE_TEXT, "快递取件短信"),
    (PARCEL_REMIND_DAYS, "快递催取天数"),
    (BACKUP_FOLDER, "备份文件夹"),
    (BACKUP_KEEP, "备份保留份数"),
    (BACKUP_INTERVAL_MINUTES, "定时备份间隔（分钟）"),
    (KEY_DEFAULT_RETURN_TIME, "借出钥匙默认归还时间"),
    (DEPOSIT_RECEIPT_SERIES, "押金收据字头"),
    (INVENTORY_CARD_DEPOSIT, "住户卡押金（元）"),
    (INVENTORY_CAR_CARD_DEPOSIT, "车卡押金（元）"),
    (INVENTORY_HANDSET_DEPOSIT, "可视对讲机押金（元）"),
    (RENO_MAX_DAYS, "装修最长工期（天）"),
    (RENO_WATERPROOF_HOURS, "闭水试验最短时长（小时）"),
    (RENO_RULES_TEXT, "装修施工时间规定"),
    (RENO_FEE_PER_SQM, "装修管理费（元/㎡）"),
    (RENO_RUBBISH_FEE, "装修垃圾清运费（元/户）"),
    (RENO_DEPOSIT, "装修押金（元）"),
    (METER_SPIKE_MULTIPLE, "抄表用量突增倍数"),
    (METER_SHARE_BASIS, "公摊分摊方式（area 按面积 / household 按户）"),
    (SERVICE_RESPONSE_HOURS, "需求响应时限（小时：一般,紧急,特急）"),
];

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn get_or(conn: &Connection, key: &str, default: &str) -> Result<String> {
    Ok(get(conn, key)?.unwrap_or_else(|| default.to_string()))
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The value as it will be stored (trimmed), or the refusal that lists what may be set.
pub fn validate(key: &str, value: &str) -> Result<String> {
    let value = value.trim();
    let valid = match key {
        PAPER_SIZE => PaperSize::from_code(value).is_some(),
        RECEIPT_SERIES | DEPOSIT_RECEIPT_SERIES => !value.is_empty() && value.len() <= 6 && value.chars().all(|c| c.is_ascii_alphanumeric()),
        INVENTORY_CARD_DEPOSIT | INVENTORY_CAR_CARD_DEPOSIT | INVENTORY_HANDSET_DEPOSIT => {
            value.is_empty() || crate::money::Money::parse(value).is_ok_and(|m| (0..=INVENTORY_DEPOSIT_MAX_FEN).contains(&m.fen()))
        }
        ESTATE_NAME => !value.is_empty(),
        RECEIPT_HEADER | OFFICE_ADDRESS => true,
        OFFICE_PHONE => value.chars().count() <= 40,
        PAYMENT_INSTRUCTIONS | DUNNING_REMINDER_TEXT | NOTICE_MESSAGE_TEXT | PARCEL_MESSAGE_TEXT => value.chars().count() <= 300,
        PARCEL_REMIND_DAYS => crate::parcels::rules::parse_days(value).is_ok(),
        DUNNING_LETTER_BODY => value.chars().count() <= 1000,
        IDLE_LOCK_MINUTES => value.parse::<u32>().is_ok_and(|m| (1..=IDLE_LOCK_MAX).contains(&m)),
        DUE_DAY => value.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)),
        BACKUP_FOLDER => value.chars().count() <= 500,
        BACKUP_KEEP => value.parse::<u32>().is_ok_and(|n| (1..=BACKUP_KEEP_MAX).contains(&n)),
        BACKUP_INTERVAL_MINUTES => value.parse::<u32>().is_ok_and(|m| m <= BACKUP_INTERVAL_MAX),
        KEY_DEFAULT_RETURN_TIME => value.len() == 5 && chrono::NaiveTime::parse_from_str(value, "%H:%M").is_ok(),
        RENO_MAX_DAYS | RENO_WATERPROOF_HOURS | RENO_RULES_TEXT | RENO_FEE_PER_SQM | RENO_RUBBISH_FEE | RENO_DEPOSIT => crate::reno::rules::setting_valid(key, value),
        METER_SPIKE_MULTIPLE | METER_SHARE_BASIS => crate::meters::setting_valid(key, value),
        SERVICE_RESPONSE_HOURS => crate::service::rules::response_hours(value).is_ok(),
        _ => false,
    };
    if !valid {
        let Some((_, label)) = SETTABLE.iter().find(|(k, _)| *k == key) else {
            // Keys only: with every label the list grew past what a refusal should say (labels: `settings show`).
            let known: Vec<&str> = SETTABLE.iter().map(|(k, _)| *k).collect();
            return Err(DbError::UnknownSetting(key.chars().take(40).collect(), known.join("，")).into());
        };
        return Err(DbError::BadSetting(format!("{key}（{label}）"), value.chars().take(40).collect(), accepts(key)).into());
    }
    Ok(value.to_string())
}

/// What a setting takes, said when a value is refused.
fn accepts(key: &str) -> String {
    match key {
        PAPER_SIZE => "纸张可选 241x140、a5、a4".into(),
        RECEIPT_SERIES => "字头为 1 到 6 个字母或数字".into(),
        DEPOSIT_RECEIPT_SERIES => "字头为 1 到 6 个字母或数字，且与收费收据的字头不同".into(),
        INVENTORY_CARD_DEPOSIT | INVENTORY_CAR_CARD_DEPOSIT | INVENTORY_HANDSET_DEPOSIT => format!("押金为 0 到 {} 元，0 或空为不收", INVENTORY_DEPOSIT_MAX_FEN / 100),
        ESTATE_NAME => "小区名称不能为空".into(),
        OFFICE_PHONE => "最多 40 个字".into(),
        PAYMENT_INSTRUCTIONS | DUNNING_REMINDER_TEXT | NOTICE_MESSAGE_TEXT | PARCEL_MESSAGE_TEXT => "最多 300 个字".into(),
        PARCEL_REMIND_DAYS => "天数为 1 到 60".into(),
        DUNNING_LETTER_BODY => "最多 1000 个字".into(),
        IDLE_LOCK_MINUTES => format!("分钟数为 1 到 {IDLE_LOCK_MAX}"),
        DUE_DAY => "为 1 到 31 的整数（31 为月末）".into(),
        BACKUP_FOLDER => "文件夹路径最多 500 个字".into(),
        BACKUP_KEEP => format!("份数为 1 到 {BACKUP_KEEP_MAX}"),
        BACKUP_INTERVAL_MINUTES => format!("分钟数为 0 到 {BACKUP_INTERVAL_MAX}，0 为不定时备份"),
        KEY_DEFAULT_RETURN_TIME => "写成 18:00 这样的时间".into(),
        RENO_MAX_DAYS | RENO_WATERPROOF_HOURS | RENO_RULES_TEXT | RENO_FEE_PER_SQM | RENO_RUBBISH_FEE | RENO_DEPOSIT => crate::reno::rules::setting_accepts(key).into(),
        METER_SPIKE_MULTIPLE | METER_SHARE_BASIS => crate::meters::setting_accepts(key).into(),
        SERVICE_RESPONSE_HOURS => "写三个小时数：一般,紧急,特急，如 24,4,1（每个 1 到 720）".into(),
        _ => "请用 estate settings show 查看当前的设置".into(),
    }
}

/// Checks, stores and audits one setting. Returns the value stored.
pub fn change(tx: &mut Tx, key: &str, value: &str) -> Result<String> {
    let value = validate(key, value)?;
    check_series_apart(tx, key, &value)?;
    set(tx, key, &value)?;
    tx.audit("settings.set", "settings", 0, json!({ "key": key, "value": value }))?;
    Ok(value)
}

/// Fee receipts and deposit receipts never share a series: each series'
/// numbers must run without gaps in its own table. The series the other kind
/// uses now, or ever used, is refused.
fn check_series_apart(conn: &Connection, key: &str, value: &str) -> Result<()> {
    let (other, other_table, label) = match key {
        RECEIPT_SERIES => (deposit_receipt_series(conn)?, "deposit_receipts", "押金收据"),
        DEPOSIT_RECEIPT_SERIES => (get_or(conn, RECEIPT_SERIES, crate::fees::DEFAULT_SERIES)?, "receipts", "收款收据"),
        _ => return Ok(()),
    };
    let used: bool = conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {other_table} WHERE series = ?1)"), [value], |r| r.get(0))?;
    if other == value || used {
        return Err(DbError::SeriesInUse(value.to_string(), label).into());
    }
    Ok(())
}

/// The deposit receipts' series; `YJ` (押金) when unset.
pub fn deposit_receipt_series(conn: &Connection) -> Result<String> {
    Ok(get(conn, DEPOSIT_RECEIPT_SERIES)?.filter(|v| !v.trim().is_empty()).unwrap_or_else(|| DEPOSIT_SERIES_DEFAULT.to_string()))
}

/// The default series of deposit receipts.
pub const DEPOSIT_SERIES_DEFAULT: &str = "YJ";

/// The idle lock in minutes; the default when unset (an estate made before the setting existed).
pub fn idle_lock_minutes(conn: &Connection) -> Result<u32> {
    Ok(get(conn, IDLE_LOCK_MINUTES)?.and_then(|v| v.parse().ok()).unwrap_or(IDLE_LOCK_DEFAULT))
}

/// The day bills fall due; the default when unset.
pub fn due_day(conn: &Connection) -> Result<u32> {
    Ok(get(conn, DUE_DAY)?.and_then(|v| v.parse().ok()).unwrap_or(DUE_DAY_DEFAULT))
}

/// How many backups the folder keeps; the default when unset.
pub fn backup_keep(conn: &Connection) -> Result<u32> {
    Ok(get(conn, BACKUP_KEEP)?.and_then(|v| v.parse().ok()).unwrap_or(BACKUP_KEEP_DEFAULT))
}

/// Minutes between the desktop app's timed backups (0 = none); the default when unset.
pub fn backup_interval_minutes(conn: &Connection) -> Result<u32> {
    Ok(get(conn, BACKUP_INTERVAL_MINUTES)?.and_then(|v| v.parse().ok()).unwrap_or(BACKUP_INTERVAL_DEFAULT))
}

/// The time of day a key lent is due back by default; the default when unset.
pub fn key_default_return_time(conn: &Connection) -> Result<chrono::NaiveTime> {
    let stored = get(conn, KEY_DEFAULT_RETURN_TIME)?.and_then(|v| chrono::NaiveTime::parse_from_str(&v, "%H:%M").ok());
    Ok(stored.unwrap_or(chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default()))
}

/// Who the office's papers are from (the 落款 of letters, permits and posted
/// notices): the receipt header, else the estate's name with 物业服务中心.
pub fn office_name(conn: &Connection) -> Result<String> {
    Ok(match get_or(conn, RECEIPT_HEADER, "")?.trim() {
        "" => format!("{}物业服务中心", get_or(conn, ESTATE_NAME, "")?.trim()),
        header => header.to_string(),
    })
}

/// A text setting, or `default` when it is unset or blank.
pub fn text_or_default(conn: &Connection, key: &str, default: &str) -> Result<String> {
    Ok(get(conn, key)?.filter(|v| !v.trim().is_empty()).unwrap_or_else(|| default.to_string()))
}

/// One setting as a settings screen shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Setting {
    pub key: &'static str,
    pub label: &'static str,
    /// The stored text; for the idle lock, the minutes in force (default included).
    pub value: String,
}

/// Every settable setting, in display order.
pub fn all(conn: &Connection) -> Result<Vec<Setting>> {
    let mut out = Vec::new();
    for (key, label) in SETTABLE {
        let value = match key {
            IDLE_LOCK_MINUTES => idle_lock_minutes(conn)?.to_string(),
            DUE_DAY => due_day(conn)?.to_string(),
            BACKUP_KEEP => backup_keep(conn)?.to_string(),
            BACKUP_INTERVAL_MINUTES => backup_interval_minutes(conn)?.to_string(),
            KEY_DEFAULT_RETURN_TIME => key_default_return_time(conn)?.format("%H:%M").to_string(),
            DUNNING_LETTER_BODY => text_or_default(conn, key, crate::dunning::LETTER_BODY_DEFAULT)?,
            DUNNING_REMINDER_TEXT => text_or_default(conn, key, crate::dunning::REMINDER_DEFAULT)?,
            NOTICE_MESSAGE_TEXT => crate::notices::message_template(conn)?,
            PARCEL_MESSAGE_TEXT => crate::parcels::message_template(conn)?,
            PARCEL_REMIND_DAYS => crate::parcels::remind_days(conn)?.to_string(),
            DEPOSIT_RECEIPT_SERIES => deposit_receipt_series(conn)?,
            RENO_MAX_DAYS => text_or_default(conn, key, &crate::reno::rules::MAX_DAYS_DEFAULT.to_string())?,
            RENO_WATERPROOF_HOURS => text_or_default(conn, key, &crate::reno::rules::WATERPROOF_HOURS_DEFAULT.to_string())?,
            RENO_RULES_TEXT => text_or_default(conn, key, crate::reno::rules::RULES_TEXT_DEFAULT)?,
            RENO_FEE_PER_SQM => text_or_default(conn, key, crate::reno::FEE_PER_SQM_DEFAULT)?,
            RENO_RUBBISH_FEE => text_or_default(conn, key, crate::reno::RUBBISH_FEE_DEFAULT)?,
            RENO_DEPOSIT => text_or_default(conn, key, crate::reno::DEPOSIT_DEFAULT)?,
            METER_SPIKE_MULTIPLE => text_or_default(conn, key, crate::meters::rules::SPIKE_MULTIPLE_DEFAULT)?,
            METER_SHARE_BASIS => text_or_default(conn, key, "area")?,
            SERVICE_RESPONSE_HOURS => text_or_default(conn, key, crate::service::rules::RESPONSE_HOURS_TEXT)?,
            _ => get(conn, key)?.unwrap_or_default(),
        };
        out.push(Setting { key, label, value });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn the_idle_lock_defaults_to_ten_minutes_and_takes_one_to_a_hundred_and_twenty() {
        let mut db = Db::in_memory("x").unwrap();
        assert_eq!(idle_lock_minutes(db.conn()).unwrap(), 10);
        for bad in ["0", "121", "-5", "十", "", "2.5"] {
            let e = db.write("张", |tx| change(tx, IDLE_LOCK_MINUTES, bad)).err().unwrap();
            assert_eq!(e.code(), "settings.invalid", "{bad}");
        }
        assert_eq!(db.write("张", |tx| change(tx, IDLE_LOCK_MINUTES, " 30 ")).unwrap(), "30");
        assert_eq!(idle_lock_minutes(db.conn()).unwrap(), 30);
        let shown = all(db.conn()).unwrap();
        assert_eq!(shown.iter().find(|s| s.key == IDLE_LOCK_MINUTES).unwrap().value, "30");
    }

    #[test]
    fn unknown_keys_are_refused_with_the_list_of_keys_and_bad_values_with_what_the_key_takes() {
        let e = validate("colour", "red").err().unwrap();
        assert_eq!(e.code(), "settings.invalid");
        assert!(e.to_string().contains("没有设置项“colour”") && SETTABLE.iter().all(|(k, _)| e.to_string().contains(k)), "{e}");
        for (key, value, says) in [(PAPER_SIZE, "B5", "241x140、a5、a4"), (RECEIPT_SERIES, "收费", "1 到 6 个字母或数字"), (RECEIPT_SERIES, "ABCDEFG", "字头"), (ESTATE_NAME, " ", "不能为空"), (BACKUP_KEEP, "0", "1 到 1000")] {
            let e = validate(key, value).err().unwrap();
            assert_eq!(e.code(), "settings.invalid");
            assert!(e.to_string().contains(key) && e.to_string().contains(says), "{e}");
        }
        assert_eq!(validate(PAPER_SIZE, " a5 ").unwrap(), "a5");
    }

    #[test]
    fn the_office_contacts_are_free_text_with_a_length_limit() {
        assert_eq!(validate(OFFICE_PHONE, " 0571-88886666 ").unwrap(), "0571-88886666");
        assert!(validate(OFFICE_PHONE, &"1".repeat(41)).is_err());
        assert_eq!(validate(OFFICE_ADDRESS, "").unwrap(), "");
        assert_eq!(validate(PAYMENT_INSTRUCTIONS, &"缴".repeat(300)).unwrap().chars().count(), 300);
        let e = validate(PAYMENT_INSTRUCTIONS, &"缴".repeat(301)).err().unwrap();
        assert!(e.to_string().contains("payment_instructions"), "{e}");
    }
}
