//! Pure rules of the search box: how a typed query is read (a unit code or
//! the start of one, a phone number, pinyin letters, plain text), and how a
//! name is spelled in pinyin with its surname read as a surname.

use pinyin::ToPinyinMulti;

use crate::register::Role;
use crate::register::rules::{BUILDING_MARKS, ENTRANCE_MARKS, ROOM_MARKS, parse_unit_code};

/// A query as the index uses it. Every field is already normalised, so
/// matching is plain string comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// As typed, full-width folded, without spaces or the 间隔号 ·.
    pub text: String,
    /// Lower-cased, for names (an ASCII name is matched case-insensitively) and pinyin.
    pub lower: String,
    /// Upper-cased, for plates.
    pub upper: String,
    /// The whole unit code, when the query reads as one (3栋2单元1502室 → 3-2-1502), upper-cased.
    pub code: Option<String>,
    /// The start of a unit code while typing (3-2-15, 3栋2单元 → 3-2-), upper-cased.
    pub code_prefix: Option<String>,
    /// Digits of a phone number: 4 or more (the last four, or more).
    pub phone: Option<String>,
    /// Only the letters a–z: pinyin (initials or whole syllables).
    pub pinyin: bool,
}

/// Reads what was typed into the search box; `None` when there is nothing to look for.
pub fn read_query(typed: &str) -> Option<Query> {
    let text: String = typed.chars().map(fold_width).filter(|c| !c.is_whitespace() && !is_name_dot(*c)).collect();
    if text.is_empty() {
        return None;
    }
    let upper = text.to_uppercase();
    let code = parse_unit_code(&text).ok().map(|c| c.to_string().to_uppercase());
    Some(Query {
        lower: text.to_lowercase(),
        code_prefix: code_prefix(&upper),
        phone: phone_digits(&text),
        pinyin: text.chars().all(|c| c.is_ascii_alphabetic()),
        code,
        upper,
        text,
    })
}

/// Full-width forms (ＡＢＣ１２３－) as typed by a Chinese input method, to ASCII.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '—' | '–' => '-',
        _ => c,
    }
}

/// The dot between the parts of a transcribed name (阿卜杜·热合曼) or in a plate (京A·12345).
pub fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '．')
}

/// The start of a unit code as a clerk types it: marks become dashes
/// (3栋2单元 → 3-2-, A座 → A-), a trailing 室/号 goes. Letters alone are
/// pinyin, not a code: a code prefix has a digit or a dash in it.
pub fn code_prefix(upper: &str) -> Option<String> {
    let mut t = upper.to_string();
    for mark in BUILDING_MARKS.iter().chain(ENTRANCE_MARKS.iter()) {
        t = t.replace(mark, "-");
    }
    let t = ROOM_MARKS.iter().find_map(|m| t.strip_suffix(m)).unwrap_or(&t);
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let first_ok = out.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    let all_ok = out.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let looks_like_code = out.chars().any(|c| c.is_ascii_digit() || c == '-');
    (first_ok && all_ok && looks_like_code).then_some(out)
}

/// Phone digits from a query: 4 digits or more. Written with dashes
/// (138-0000-1234, 0571-8888) it must have 7 digits or more, so that a unit
/// code such as 3-2-1502 is not also read as a phone number.
pub fn phone_digits(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| *c != '-').collect();
    let enough = if text.contains('-') { 7 } else { 4 };
    (digits.len() >= enough && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// Only the digits of a stored phone (landlines keep a dash: 0571-88886666).
pub fn phone_key(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// A name as the index compares it: lower-cased, without spaces or the name dot.
pub fn name_key(name: &str) -> String {
    name.chars().map(fold_width).filter(|c| !c.is_whitespace() && !is_name_dot(*c)).collect::<String>().to_lowercase()
}

/// A plate as the index compares it: upper-case, without spaces or the dot.
pub fn plate_key(plate: &str) -> String {
    name_key(plate).to_uppercase()
}

/// Surnames read differently from the character's everyday first reading
/// (单 is dān in 单独 but Shàn as a surname; 曾 céng / Zēng; 解 jiě / Xiè …).
/// Two-character surnames come first so that 单于 is not read as 单 + 于.
/// Only the surname reading is kept, so "ds" does not find 单丽 among the 邓 and 丁.
const SURNAMES: &[(&str, &[&[&str]])] = &[
    ("尉迟", &[&["yu"], &["chi"]]),
    ("万俟", &[&["mo"], &["qi"]]),
    ("单于", &[&["chan"], &["yu"]]),
    ("澹台", &[&["tan"], &["tai"]]),
    ("长孙", &[&["zhang"], &["sun"]]),
    ("单", &[&["shan"]]),
    ("曾", &[&["zeng"]]),
    ("解", &[&["xie"]]),
    ("仇", &[&["qiu"]]),
    ("区", &[&["ou"]]),
    ("查", &[&["zha"]]),
    ("覃", &[&["qin"]]),
    ("朴", &[&["piao"]]),
    ("盖", &[&["ge"]]),
    ("乐", &[&["yue", "le"]]),
    ("缪", &[&["miao"]]),
    ("召", &[&["shao"]]),
    ("繁", &[&["po"]]),
    ("员", &[&["yun"]]),
    ("种", &[&["chong"]]),
    ("秘", &[&["bi"]]),
    ("翟", &[&["zhai"]]),
    ("祭", &[&["zhai"]]),
    ("重", &[&["chong"]]),
    ("宓", &[&["fu"]]),
    ("牟", &[&["mou", "mu"]]),
    ("薄", &[&["bo"]]),
    ("句", &[&["gou"]]),
    ("隗", &[&["wei"]]),
    ("黑", &[&["he", "hei"]]),
    ("折", &[&["she"]]),
    ("都", &[&["du"]]),
    ("能", &[&["nai"]]),
    ("粘", &[&["nian"]]),
    ("尉", &[&["wei"]]),
];

const LETTERS: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z",
];

/// The readings of each character of a name, surname first: every reading a
/// given-name character has (乐 may be lè or yuè), one reading of the surname
/// (from the table, else the everyday one). Latin letters read as themselves; digits and marks are skipped.
pub fn spell_name(name: &str) -> Vec<Vec<&'static str>> {
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace() && !is_name_dot(*c)).collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut rest = &chars[..];
    let surname = SURNAMES.iter().find(|(s, _)| {
        let n = s.chars().count();
        // A surname needs a given name after it: a lone 单 is just 单.
        rest.len() > n && s.chars().eq(rest[..n].iter().copied())
    });
    if let Some((s, readings)) = surname {
        out.extend(readings.iter().map(|r| r.to_vec()));
        rest = &rest[s.chars().count()..];
    } else if let Some((first, given)) = rest.split_first().filter(|(c, given)| !given.is_empty() && !c.is_ascii()) {
        // Any other surname is read the everyday way: 朱 is zhū, never shú.
        out.extend(char_readings(*first).into_iter().take(1).map(|r| vec![r]));
        rest = given;
    }
    for c in rest {
        let readings = char_readings(*c);
        if !readings.is_empty() {
            out.push(readings);
        }
    }
    out
}

fn char_readings(c: char) -> Vec<&'static str> {
    if c.is_ascii_alphabetic() {
        let i = (c.to_ascii_lowercase() as u8 - b'a') as usize;
        return LETTERS.get(i).map(|l| vec![*l]).unwrap_or_default();
    }
    let mut readings: Vec<&'static str> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            if !readings.contains(&p.plain()) {
                readings.push(p.plain());
            }
        }
    }
    readings
}

/// The first letters of a name's first readings: 张三 → zs, 单丽 → sl.
pub fn initials(name: &str) -> String {
    spell_name(name).iter().filter_map(|r| r.first().and_then(|s| s.chars().next())).collect()
}

/// How many characters of a name (from its start) the letters spell, each
/// character typed as the start of one of its readings: zs, zhs, zhangsan,
/// zhangs all spell 张三. `None` when they do not spell the name's start.
pub fn spells(name: &[Vec<&str>], letters: &str) -> Option<usize> {
    fn go(name: &[Vec<&str>], q: &[u8]) -> Option<usize> {
        if q.is_empty() {
            return Some(0);
        }
        let (first, rest) = name.split_first()?;
        for reading in first {
            // Longest first: "zhangsan" is zhang + san, not z + …
            for typed in (1..=typed_len(reading, q)).rev() {
                if let Some(n) = go(rest, &q[typed..]) {
                    return Some(n + 1);
                }
            }
        }
        None
    }
    go(name, letters.as_bytes())
}

/// How many bytes of `q` are the start of `reading`; ü may be typed v or u (lü: lv, lu).
fn typed_len(reading: &str, q: &[u8]) -> usize {
    let mut n = 0;
    for c in reading.chars() {
        let ok = match (c, q.get(n)) {
            (_, None) => false,
            ('ü', Some(b'v' | b'u')) => true,
            (c, Some(b)) => c.is_ascii() && c as u8 == *b,
        };
        if !ok {
            break;
        }
        n += 1;
    }
    n
}

/// Who comes first among the people of a unit: the owner, then co-owners,
/// tenants, family, authorised persons.
pub fn role_rank(role: Role) -> u8 {
    match role {
        Role::Owner => 0,
        Role::CoOwner => 1,
        Role::Tenant => 2,
        Role::Family => 3,
        Role::Authorised => 4,
    }
}

/// Orders unit codes as people read them: 3-2-902 before 3-2-1502, numbered
/// buildings before lettered ones (S1 shops, P parking).
pub fn code_order(code: &str) -> Vec<(bool, u64, String)> {
    code.split('-')
        .map(|part| match part.parse::<u64>() {
            Ok(n) => (false, n, String::new()),
            Err(_) => (true, 0, part.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(t: &str) -> Query {
        read_query(t).unwrap()
    }

    #[test]
    fn surnames_are_read_as_surnames() {
        for (name, want) in [
            ("张三", "zs"),
            ("单丽", "sl"),
            ("曾伟", "zw"),
            ("解芳", "xf"),
            ("仇敏", "qm"),
            ("区静", "oj"),
            ("查强", "zq"),
            ("覃磊", "ql"),
            ("尉迟恭", "ycg"),
            ("万俟雨桐", "mqyt"),
            ("单于婉清", "cywq"),
            ("朴海燕", "phy"),
            ("欧阳娜", "oyn"),
            ("翟志强", "zzq"),
        ] {
            assert_eq!(initials(name), want, "{name}");
        }
    }

    #[test]
    fn a_surname_reading_is_only_for_the_surname() {
        // 单 inside a given name keeps its everyday readings; a lone character is not a surname.
        assert!(spells(&spell_name("王单"), "wd").is_some());
        assert_eq!(initials("单"), "d");
        // The everyday reading of a surname does not find the surname.
        assert_eq!(spells(&spell_name("单丽"), "dl"), None);
        assert_eq!(spells(&spell_name("曾伟"), "cw"), None);
        // Nor does another reading of an ordinary surname: 朱 is never shú.
        assert_eq!(spells(&spell_name("朱丽"), "sl"), None);
    }

    #[test]
    fn names_are_spelled_by_initials_or_syllables() {
        let zhang_san = spell_name("张三");
        for typed in ["z", "zs", "zhs", "zhangs", "zhangsan", "zsan"] {
            assert!(spells(&zhang_san, typed).is_some(), "{typed}");
        }
        assert_eq!(spells(&zhang_san, "zs"), Some(2));
        assert_eq!(spells(&zhang_san, "z"), Some(1));
        for typed in ["s", "zx", "zhangsana", "sz"] {
            assert_eq!(spells(&zhang_san, typed), None, "{typed}");
        }
        // Given-name characters with two readings match either: 乐 lè / yuè.
        assert!(spells(&spell_name("王乐"), "wy").is_some());
        assert!(spells(&spell_name("王乐"), "wl").is_some());
        // ü typed as v or u.
        assert!(spells(&spell_name("吕伟"), "lvw").is_some());
        assert!(spells(&spell_name("吕伟"), "luwei").is_some());
        // Latin letters read as themselves.
        assert_eq!(initials("Tom李"), "toml");
    }

    #[test]
    fn codes_are_read_whole_or_as_their_start() {
        assert_eq!(q("3-2-1502").code.as_deref(), Some("3-2-1502"));
        assert_eq!(q("3栋2单元1502").code.as_deref(), Some("3-2-1502"));
        assert_eq!(q("3-2-1502室").code.as_deref(), Some("3-2-1502"));
        assert_eq!(q("３－２－１５０２").code.as_deref(), Some("3-2-1502"));
        assert_eq!(q("s1-105").code.as_deref(), Some("S1-105"));
        assert_eq!(q("3-2-15").code_prefix.as_deref(), Some("3-2-15"));
        assert_eq!(q("3栋2单元").code_prefix.as_deref(), Some("3-2-"));
        assert_eq!(q("3号楼2单元15").code_prefix.as_deref(), Some("3-2-15"));
        assert_eq!(q("3栋").code_prefix.as_deref(), Some("3-"));
        assert_eq!(q("A座").code_prefix.as_deref(), Some("A-"));
        assert_eq!(q("3").code_prefix.as_deref(), Some("3"));
        assert_eq!(q("zs").code_prefix, None, "letters alone are pinyin");
        assert_eq!(q("张三").code_prefix, None);
        assert_eq!(q("张三").code, None);
    }

    #[test]
    fn phones_are_read_from_four_digits() {
        assert_eq!(q("1234").phone.as_deref(), Some("1234"));
        assert_eq!(q("138 0000 1234").phone.as_deref(), Some("13800001234"));
        assert_eq!(q("138-0000-1234").phone.as_deref(), Some("13800001234"));
        assert_eq!(q("123").phone, None);
        assert_eq!(q("3-2-1502").phone, None, "a unit code is not a phone");
        assert_eq!(q("12a4").phone, None);
    }

    #[test]
    fn codes_sort_as_people_read_them() {
        let mut codes = vec!["S1-101", "10-1-101", "3-2-1502", "P-001", "3-2-902", "3-10-101"];
        codes.sort_by_key(|c| code_order(c));
        assert_eq!(codes, ["3-2-902", "3-2-1502", "3-10-101", "10-1-101", "P-001", "S1-101"]);
    }

    #[test]
    fn blank_queries_and_folding() {
        assert_eq!(read_query(""), None);
        assert_eq!(read_query("  \u{3000} "), None);
        let plate = q("京a·12345");
        assert_eq!(plate.upper, "京A12345");
        assert!(q("ZS").pinyin);
        assert_eq!(q("ZS").lower, "zs");
        assert!(!q("z1").pinyin);
        assert_eq!(name_key("阿卜杜·热合曼"), "阿卜杜热合曼");
        assert_eq!(plate_key("京a 12345"), "京A12345");
        assert_eq!(phone_key("0571-88886666"), "057188886666");
    }
}
