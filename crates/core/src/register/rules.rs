//! Pure rules of the register: reading unit codes, areas, phones, ID numbers
//! and dates the way offices write them. Each returns a short Chinese reason
//! on failure; the caller adds where (field, row, column).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::model::{Area, UnitCode};

pub(crate) const BUILDING_MARKS: [&str; 5] = ["号楼", "栋", "幢", "座", "楼"];
pub(crate) const ENTRANCE_MARKS: [&str; 1] = ["单元"];
pub(crate) const ROOM_MARKS: [&str; 2] = ["室", "号"];

fn strip_marks(text: &str, marks: &[&str]) -> String {
    let t = text.trim();
    let t = marks.iter().find_map(|m| t.strip_suffix(m)).unwrap_or(t);
    let t = t.trim();
    // Room numbers stored as numbers arrive as "1502.0".
    t.strip_suffix(".0").filter(|s| s.chars().all(|c| c.is_ascii_digit())).unwrap_or(t).to_string()
}

fn valid_part(p: &str) -> bool {
    !p.is_empty() && p.chars().all(|c| c.is_alphanumeric()) && !p.contains(['-', '栋', '单', '元'])
}

/// Builds a code from a register's three columns: ("3栋", "2单元", "1502室") → 3-2-1502.
pub fn unit_code_from_parts(building: &str, entrance: &str, room: &str) -> Result<UnitCode, String> {
    let code = UnitCode {
        building: strip_marks(building, &BUILDING_MARKS),
        entrance: strip_marks(entrance, &ENTRANCE_MARKS),
        room: strip_marks(room, &ROOM_MARKS),
    };
    if !valid_part(&code.building) {
        return Err(format!("楼栋“{}”认不出，应写成 3 或 3栋", building.trim()));
    }
    if !code.entrance.is_empty() && !valid_part(&code.entrance) {
        return Err(format!("单元“{}”认不出，应写成 2 或 2单元", entrance.trim()));
    }
    if !valid_part(&code.room) {
        return Err(format!("房号“{}”认不出，应写成 1502 或 1502室", room.trim()));
    }
    Ok(code)
}

/// A building as a clerk names it: "3", "3栋", "3号楼" → "3".
pub fn building_code(text: &str) -> Result<String, String> {
    let code = strip_marks(text, &BUILDING_MARKS);
    if !valid_part(&code) {
        return Err(format!("楼栋“{}”认不出，应写成 3 或 3栋", text.trim()));
    }
    Ok(code)
}

/// Reads a unit code as a clerk types it: "3-2-1502", "3栋2单元1502室", "3号楼2单元1502", "S1-105".
pub fn parse_unit_code(text: &str) -> Result<UnitCode, String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let wrong = || format!("房号“{}”认不出，应写成 楼栋-单元-房号，例如 3-2-1502 或 3栋2单元1502", text.trim());
    let dashed: Vec<&str> = t.split(['-', '－', '—']).collect();
    match dashed.as_slice() {
        [b, e, r] => return unit_code_from_parts(b, e, r).map_err(|_| wrong()),
        [b, r] => return unit_code_from_parts(b, "", r).map_err(|_| wrong()),
        [_] => {}
        _ => return Err(wrong()),
    }
    let (building, rest) = BUILDING_MARKS
        .iter()
        .filter_map(|m| t.split_once(m))
        .min_by_key(|(b, _)| b.len())
        .ok_or_else(wrong)?;
    let (entrance, room) = rest.split_once("单元").unwrap_or(("", rest));
    unit_code_from_parts(building, entrance, room).map_err(|_| wrong())
}

/// Reads an area such as "89.50㎡", "89.5平米", "1,234.50" into hundredths of a m².
pub fn parse_area(text: &str) -> Result<Area, String> {
    let t = text.trim();
    let number = ["平方米", "平米", "㎡", "m²", "m2", "平"]
        .iter()
        .find_map(|u| t.strip_suffix(u))
        .unwrap_or(t)
        .replace([',', '，'], "");
    let value: Decimal = number.trim().parse().map_err(|_| format!("面积“{t}”不是数字，应写成 89.50"))?;
    area_from_decimal(value).ok_or_else(|| format!("面积“{t}”应大于 0、不超过 100000，最多两位小数"))
}

pub fn area_from_decimal(value: Decimal) -> Option<Area> {
    let centi = (value * Decimal::ONE_HUNDRED).normalize();
    if value <= Decimal::ZERO || value > Decimal::from(100_000) || centi.scale() > 0 {
        return None;
    }
    i64::try_from(centi.mantissa()).ok().map(Area)
}

/// The separators between phones in one cell or field.
const PHONE_SEPARATORS: [char; 7] = ['/', ',', '，', '、', ';', '；', '|'];

/// Splits and normalises a phone cell: "138 0000 0001/139-0000-0002" → ["13800000001", "13900000002"].
/// Landlines keep their area-code dash: "0571-88886666". A refusal shows the number masked.
pub fn parse_phones(text: &str) -> Result<Vec<String>, String> {
    text.split(PHONE_SEPARATORS).map(str::trim).filter(|p| !p.is_empty()).map(parse_phone).collect()
}

/// As `parse_phones`, but a number shown masked (138****1234, as the desk sends
/// back a phone it was only shown masked) is kept as it is, for the write to
/// match against the numbers on file.
pub fn parse_phones_keeping_masked(text: &str) -> Result<Vec<String>, String> {
    text.split(PHONE_SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| if is_masked(p) { Ok(p.to_string()) } else { parse_phone(p) })
        .collect()
}

pub fn is_masked(phone: &str) -> bool {
    phone.contains('*')
}

fn parse_phone(part: &str) -> Result<String, String> {
    let digits: String = part.chars().filter(|c| !matches!(c, ' ' | '-' | '－' | '(' | ')' | '（' | '）')).collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits).to_string();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("电话“{}”里有不是数字的字符", mask_phone(part)));
    }
    let phone = match digits.len() {
        11 if digits.starts_with('1') => digits,
        10..=12 if digits.starts_with('0') => {
            let area_len = if matches!(&digits[..2], "01" | "02") { 3 } else { 4 };
            format!("{}-{}", &digits[..area_len], &digits[area_len..])
        }
        7 | 8 => digits,
        _ => return Err(format!("电话“{}”位数不对：手机应为 11 位，座机应带区号", mask_phone(part))),
    };
    Ok(phone)
}

/// Checks an 18-digit resident ID number (GB 11643) including its check digit.
pub fn check_id_number(text: &str) -> Result<String, String> {
    let id = text.trim().to_uppercase();
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 18 || !chars[..17].iter().all(char::is_ascii_digit) {
        return Err("身份证号应为 18 位（最后一位可以是 X）".into());
    }
    let sum: u32 = chars[..17].iter().zip(WEIGHTS).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    if CHECK[(sum % 11) as usize] != chars[17] {
        return Err("身份证号校验位不对，请核对是否抄错".into());
    }
    Ok(id)
}

/// Reads a date as registers write it: 2019-05-01, 2019/5/1, 2019.05.01, 2019年5月1日, 20190501.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let wrong = || format!("日期“{t}”认不出，应写成 2019-05-01");
    let unified: String = t
        .trim_end_matches('日')
        .chars()
        .map(|c| if matches!(c, '/' | '.' | '年' | '月') { '-' } else { c })
        .collect();
    let parts: Vec<&str> = unified.split('-').collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (y.parse().ok(), m.parse().ok(), d.parse().ok()),
        // 20190501: eight ASCII digits (byte slicing below is safe only on ASCII).
        [all] if all.len() == 8 && all.is_ascii() => (all[..4].parse().ok(), all[4..6].parse().ok(), all[6..].parse().ok()),
        _ => return Err(wrong()),
    };
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) if (1900..=2200).contains(&y) => NaiveDate::from_ymd_opt(y, m, d).ok_or_else(wrong),
        _ => Err(wrong()),
    }
}

/// 13800001234 → 138****1234; other numbers keep their first 3 and last 4 characters.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let keep: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{keep}{}{tail}", "*".repeat(chars.len() - 7))
}

/// 11010519491231002X → 110105********002X: where from, never who.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(t: &str) -> String {
        parse_unit_code(t).unwrap().to_string()
    }

    #[test]
    fn unit_codes_come_from_the_registers_own_words() {
        assert_eq!(unit_code_from_parts("3栋", "2单元", "1502室").unwrap().to_string(), "3-2-1502");
        assert_eq!(unit_code_from_parts("3号楼", "2", "1502").unwrap().to_string(), "3-2-1502");
        assert_eq!(unit_code_from_parts("12幢", "1单元", "1502.0").unwrap().to_string(), "12-1-1502");
        assert_eq!(unit_code_from_parts("A座", "", "105号").unwrap().to_string(), "A-105");
        assert!(unit_code_from_parts("", "1", "101").is_err());
        assert!(unit_code_from_parts("3栋", "1", "").is_err());
    }

    #[test]
    fn unit_codes_are_read_as_typed() {
        assert_eq!(code("3-2-1502"), "3-2-1502");
        assert_eq!(code("3栋2单元1502"), "3-2-1502");
        assert_eq!(code("3栋2单元1502室"), "3-2-1502");
        assert_eq!(code("3号楼2单元1502"), "3-2-1502");
        assert_eq!(code(" 3 - 2 - 1502 "), "3-2-1502");
        assert_eq!(code("S1-105"), "S1-105");
        assert_eq!(code("A座105"), "A-105");
        assert!(parse_unit_code("张三").is_err());
        assert!(parse_unit_code("1-2-3-4").is_err());
        assert!(parse_unit_code("").is_err());
    }

    #[test]
    fn areas_written_as_text_are_read() {
        assert_eq!(parse_area("89.50㎡").unwrap(), Area(8950));
        assert_eq!(parse_area("89.5平米").unwrap(), Area(8950));
        assert_eq!(parse_area("1,234.50").unwrap(), Area(123450));
        assert_eq!(parse_area(" 100 ").unwrap(), Area(10000));
        assert!(parse_area("约90").is_err());
        assert!(parse_area("0").is_err());
        assert!(parse_area("-5").is_err());
        assert!(parse_area("89.505").is_err());
    }

    #[test]
    fn phones_with_spaces_dashes_or_two_in_a_cell() {
        assert_eq!(parse_phones("138 0000 0001").unwrap(), ["13800000001"]);
        assert_eq!(parse_phones("138-0000-0001").unwrap(), ["13800000001"]);
        assert_eq!(parse_phones("13800000001/13900000002").unwrap(), ["13800000001", "13900000002"]);
        assert_eq!(parse_phones("13800000001，0571-88886666").unwrap(), ["13800000001", "0571-88886666"]);
        assert_eq!(parse_phones("010 12345678").unwrap(), ["010-12345678"]);
        assert_eq!(parse_phones("+86 138 0000 0001").unwrap(), ["13800000001"]);
        assert_eq!(parse_phones("").unwrap(), Vec::<String>::new());
        assert!(parse_phones("1380000").is_ok(), "a local 7-digit number is kept");
        assert!(parse_phones("138000000011").is_err());
        assert!(parse_phones("电话忘了").is_err());
    }

    #[test]
    fn id_numbers_are_checked() {
        assert_eq!(check_id_number("11010519491231002x").unwrap(), "11010519491231002X");
        assert!(check_id_number("110105194912310021").is_err());
        assert!(check_id_number("1101051949").is_err());
    }

    #[test]
    fn dates_as_registers_write_them() {
        let want = NaiveDate::from_ymd_opt(2019, 5, 1).unwrap();
        for t in ["2019-05-01", "2019/5/1", "2019.05.01", "2019年5月1日", "20190501", " 2019-5-1 "] {
            assert_eq!(parse_date(t).unwrap(), want, "{t}");
        }
        // "张50㎡" is eight bytes but not eight digits: once a panic (found by the import fuzz test).
        for t in ["2019-02-30", "5/1/2019", "明年", "", "1800-01-01", "张50㎡"] {
            assert!(parse_date(t).is_err(), "{t}");
        }
    }

    #[test]
    fn id_numbers_are_masked() {
        assert_eq!(mask_id_number("11010519491231002X"), "110105********002X");
        assert_eq!(mask_id_number("123"), "***");
    }

    #[test]
    fn phones_are_masked() {
        assert_eq!(mask_phone("13800001234"), "138****1234");
        assert_eq!(mask_phone("0571-88886666"), "057******6666");
        assert_eq!(mask_phone("123"), "***");
    }
}
