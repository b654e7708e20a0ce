//! The notice board's pure rules: what a template may say, how typed values
//! are read and checked against its placeholders, numbers, dates, the text
//! sent for messaging.

use chrono::NaiveDate;

use super::error::BulletinError;
use super::model::{Bulletin, Filled, TemplateText};
use crate::docs::placeholders;

pub const NAME_MAX: usize = 20;
pub const TITLE_MAX: usize = 40;
/// About three A4 pages of body text: longer is not a notice but a booklet.
pub const BODY_MAX: usize = 5000;
pub const VALUE_MAX: usize = 500;
pub const REASON_MAX: usize = 200;

/// Placeholders the program fills itself, with where their value comes from.
pub const AUTOMATIC: [(&str, &str); 4] = [
    ("小区", "小区名称（设置 estate_name）"),
    ("电话", "服务中心电话（设置 office_phone）"),
    ("落款", "服务中心名称（设置 receipt_header，空白时为小区名称加“物业服务中心”）"),
    ("日期", "通知日期"),
];

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn capped(what: &'static str, text: &str, max: usize) -> Result<(), BulletinError> {
    let n = chars(text);
    if n > max {
        return Err(BulletinError::TooLong { what, chars: n, max });
    }
    Ok(())
}

/// A body as kept: Windows line ends gone, each paragraph trimmed (the PDF
/// indents by itself), blank lines dropped.
pub fn tidy_body(body: &str) -> String {
    body.replace("\r\n", "\n").replace('\r', "\n").split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A title is one line: line breaks typed into it become spaces.
fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A template's name, title and body, trimmed and checked.
pub fn check_template(t: &TemplateText) -> Result<TemplateText, BulletinError> {
    let name = t.name.trim();
    let title = t.title.trim();
    let body = tidy_body(&t.body);
    if name.is_empty() {
        return Err(BulletinError::Required("模板名称"));
    }
    if title.is_empty() {
        return Err(BulletinError::Required("通知标题"));
    }
    if body.is_empty() {
        return Err(BulletinError::EmptyBody);
    }
    capped("模板名称", name, NAME_MAX)?;
    capped("通知标题", title, TITLE_MAX)?;
    capped("通知正文", &body, BODY_MAX)?;
    for text in [title, body.as_str()] {
        if let Some(at) = placeholders::stray(text) {
            return Err(BulletinError::StrayBrace(at));
        }
    }
    Ok(TemplateText { name: name.to_string(), title: one_line(title), body })
}

/// The placeholders of a template's title and body, each once, in order.
pub fn template_names(title: &str, body: &str) -> Vec<String> {
    let mut names = placeholders::names(title);
    for n in placeholders::names(body) {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

/// Whether the program fills this placeholder itself.
pub fn is_automatic(name: &str) -> bool {
    AUTOMATIC.iter().any(|(n, _)| *n == name)
}

/// Reads "键=值" (also "{键}=值", a full-width ＝).
pub fn parse_set(text: &str) -> Result<Filled, BulletinError> {
    let shown = || text.chars().take(30).collect::<String>();
    let (key, value) = text.split_once(['=', '＝']).ok_or_else(|| BulletinError::BadSet(shown()))?;
    let key = key.trim().trim_start_matches('{').trim_end_matches('}').trim();
    if key.is_empty() {
        return Err(BulletinError::BadSet(shown()));
    }
    Ok(Filled { name: key.to_string(), value: value.trim().to_string() })
}

/// The values of a notice from `template`: the typed ones checked against its
/// placeholders, then the automatic ones where nothing was typed. Refuses a
/// value for a placeholder the template does not have, a name typed twice,
/// braces in a value, and any placeholder left without a value (listing all).
pub fn resolve(template: &str, names: &[String], typed: &[Filled], automatic: &[Filled]) -> Result<Vec<Filled>, BulletinError> {
    let mut seen: Vec<&str> = Vec::new();
    for f in typed {
        if seen.contains(&f.name.as_str()) {
            return Err(BulletinError::SetTwice(f.name.clone()));
        }
        seen.push(&f.name);
    }
    let unknown: Vec<String> = typed.iter().filter(|f| !names.contains(&f.name)).map(|f| format!("{{{}}}", f.name.chars().take(NAME_MAX).collect::<String>())).collect();
    if !unknown.is_empty() {
        let typed_ones: Vec<String> = names.iter().filter(|n| !is_automatic(n)).cloned().collect();
        let auto_ones: Vec<String> = names.iter().filter(|n| is_automatic(n)).cloned().collect();
        let mut known = if typed_ones.is_empty() { "（没有要填写的占位符）".to_string() } else { braced(&typed_ones) };
        if !auto_ones.is_empty() {
            known += &format!("（{} 自动填写，也可填写替换）", braced(&auto_ones));
        }
        return Err(BulletinError::UnknownPlaceholder { template: template.to_string(), names: unknown.join("、"), known });
    }
    for f in typed {
        if f.value.contains(['{', '}']) {
            return Err(BulletinError::BraceInValue(f.name.clone()));
        }
        capped("填写的内容", &f.value, VALUE_MAX)?;
    }
    let (values, missing) = gather(names, typed, automatic);
    if !missing.is_empty() {
        let automatic_missing: Vec<&str> = missing.iter().filter(|n| is_automatic(n)).map(String::as_str).collect();
        let hint = if automatic_missing.contains(&"电话") {
            "请逐项填写（命令行用 --set 键=值）；{电话} 取自设置里的服务中心电话（office_phone），可先在设置里填好，或在这里直接填写。".to_string()
        } else {
            "请逐项填写（命令行用 --set 键=值）。".to_string()
        };
        return Err(BulletinError::MissingValue { missing: braced(&missing), hint });
    }
    Ok(values)
}

/// Each placeholder's value where there is one (typed first, then automatic, blanks not counted), and those without.
pub fn gather(names: &[String], typed: &[Filled], automatic: &[Filled]) -> (Vec<Filled>, Vec<String>) {
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for name in names {
        let value = typed.iter().chain(automatic).find(|f| &f.name == name && !f.value.trim().is_empty());
        match value {
            Some(f) => values.push(Filled { name: name.clone(), value: f.value.trim().to_string() }),
            None => missing.push(name.clone()),
        }
    }
    (values, missing)
}

fn braced(names: &[String]) -> String {
    names.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join("、")
}

/// Fills `text` with `values`.
pub fn fill(text: &str, values: &[Filled]) -> String {
    let fields: Vec<(&str, &str)> = values.iter().map(|f| (f.name.as_str(), f.value.as_str())).collect();
    placeholders::fill(text, &fields)
}

/// GG + the day + its place that day: GG20261123-01 (more digits after 99).
pub fn bulletin_no(day: NaiveDate, n: i64) -> String {
    format!("GG{}-{n:02}", day.format("%Y%m%d"))
}

/// The notice's date: blank = today; within a year of today either way (a typo guard).
pub fn date(text: &str, today: NaiveDate) -> Result<NaiveDate, BulletinError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(today);
    }
    let d = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| BulletinError::BadDate(t.chars().take(20).collect()))?;
    if (d - today).num_days().abs() > 366 {
        return Err(BulletinError::DateFar(d.to_string()));
    }
    Ok(d)
}

/// The notice as plain text for a message (WeChat group, SMS): the title, the
/// body's paragraphs, then who posts it and the date.
pub fn plain_text(b: &Bulletin) -> String {
    format!("{}\n\n{}\n\n{}\n{}\n", b.title, b.body, b.issuer, b.date_text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::day;

    fn f(name: &str, value: &str) -> Filled {
        Filled { name: name.into(), value: value.into() }
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn templates_are_trimmed_and_refused_when_empty_too_long_or_with_a_stray_brace() {
        let t = check_template(&TemplateText { name: " 停气通知 ".into(), title: "停气通知".into(), body: "  尊敬的业主：\r\n\r\n　　定于{开始}停气。 \n".into() }).unwrap();
        assert_eq!((t.name.as_str(), t.body.as_str()), ("停气通知", "尊敬的业主：\n定于{开始}停气。"));
        let code = |name: &str, title: &str, body: &str| {
            crate::error::Coded::code(&check_template(&TemplateText { name: name.into(), title: title.into(), body: body.into() }).unwrap_err())
        };
        assert_eq!(code("", "T", "B"), "notice.required");
        assert_eq!(code("N", " ", "B"), "notice.required");
        assert_eq!(code("N", "T", " \n \r\n"), "notice.empty_body");
        assert_eq!(code("N", "T", "定于{开始停气"), "notice.stray_brace");
        assert_eq!(code("N", "{标题", "B"), "notice.stray_brace");
        assert_eq!(code("N", "T", &"字".repeat(BODY_MAX + 1)), "notice.too_long");
        assert_eq!(code(&"名".repeat(NAME_MAX + 1), "T", "B"), "notice.too_long");
    }

    #[test]
    fn values_are_read_as_key_equals_value() {
        assert_eq!(parse_set("开始=11月25日 8:00").unwrap(), f("开始", "11月25日 8:00"));
        assert_eq!(parse_set("{范围}＝3栋=全部").unwrap(), f("范围", "3栋=全部"));
        assert_eq!(parse_set("原因=").unwrap(), f("原因", ""));
        for bad in ["开始", "=值", "", "{}=值"] {
            assert_eq!(crate::error::Coded::code(&parse_set(bad).unwrap_err()), "notice.bad_set", "{bad}");
        }
    }

    #[test]
    fn every_placeholder_needs_a_value_typed_or_from_the_settings() {
        let n = names(&["原因", "开始", "结束", "电话", "小区"]);
        let auto = [f("小区", "翠湖花园"), f("电话", ""), f("落款", "翠湖花园物业服务中心"), f("日期", "2026年11月23日")];
        let err = resolve("停水通知", &n, &[f("原因", "管道检修"), f("开始", " ")], &auto).unwrap_err();
        assert_eq!(crate::error::Coded::code(&err), "notice.missing_value");
        let message = err.to_string();
        assert!(message.contains("{开始}、{结束}、{电话}") && message.contains("office_phone"), "{message}");
        let typed = [f("原因", "管道检修"), f("开始", "8:00"), f("结束", "18:00"), f("电话", "88886666")];
        let values = resolve("停水通知", &n, &typed, &auto).unwrap();
        assert_eq!(values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["管道检修", "8:00", "18:00", "88886666", "翠湖花园"]);
        // A typed value wins over the setting's.
        let values = resolve("停水通知", &n, &[typed.as_slice(), &[f("小区", "翠湖花园二期")]].concat(), &auto).unwrap();
        assert_eq!(values[4].value, "翠湖花园二期");
    }

    #[test]
    fn a_value_for_a_placeholder_the_template_has_not_is_refused_by_name() {
        let n = names(&["开始", "地点"]);
        let err = resolve("消防演练通知", &n, &[f("开始", "周六"), f("原因", "x"), f("地点", "广场")], &[]).unwrap_err();
        assert_eq!(crate::error::Coded::code(&err), "notice.unknown_placeholder");
        assert!(err.to_string().contains("没有 {原因}") && err.to_string().contains("{开始}、{地点}"), "{err}");
        let code = |typed: &[Filled]| crate::error::Coded::code(&resolve("T", &n, typed, &[]).unwrap_err());
        assert_eq!(code(&[f("开始", "周六"), f("开始", "周日"), f("地点", "x")]), "notice.set_twice");
        assert_eq!(code(&[f("开始", "{结束}"), f("地点", "x")]), "notice.brace_in_value");
        assert_eq!(code(&[f("开始", &"字".repeat(VALUE_MAX + 1)), f("地点", "x")]), "notice.too_long");
    }

    #[test]
    fn numbers_dates_and_the_text_for_messaging() {
        assert_eq!(bulletin_no(day("2026-11-23"), 1), "GG20261123-01");
        assert_eq!(bulletin_no(day("2026-11-23"), 123), "GG20261123-123");
        let today = day("2026-11-23");
        assert_eq!(date("", today).unwrap(), today);
        assert_eq!(date(" 2026-11-25 ", today).unwrap(), day("2026-11-25"));
        assert_eq!(crate::error::Coded::code(&date("2026-02-30", today).unwrap_err()), "notice.bad_date");
        assert_eq!(crate::error::Coded::code(&date("2028-01-01", today).unwrap_err()), "notice.date_far");
        let b = Bulletin {
            id: 1,
            bulletin_no: "GG20261123-01".into(),
            template_id: 1,
            template_name: "停水通知".into(),
            title: "停水通知".into(),
            body: "尊敬的各位业主：\n定于明日停水。".into(),
            issuer: "翠湖花园物业服务中心".into(),
            dated: "2026-11-23".into(),
            date_text: "2026年11月23日".into(),
            filled: vec![],
            issued_at: String::new(),
            operator: "王前台".into(),
            withdrawn: None,
        };
        assert_eq!(plain_text(&b), "停水通知\n\n尊敬的各位业主：\n定于明日停水。\n\n翠湖花园物业服务中心\n2026年11月23日\n");
    }
}
