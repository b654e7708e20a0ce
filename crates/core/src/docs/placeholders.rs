//! Named placeholders in braces, as the office's texts write them: {小区}
//! {电话} in the billing notice's and the parcel messages, {开始} {结束} {范围}
//! in the notices posted from templates (`bulletins`). One filler for all.

/// The longest placeholder name, in characters: a brace pair around more is not one.
pub const NAME_MAX: usize = 10;

/// A piece of a text: plain text, or a placeholder's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Name(&'a str),
    /// A brace that opens or closes no placeholder.
    Stray(&'a str),
}

fn is_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=NAME_MAX).contains(&n) && !name.chars().any(|c| c.is_whitespace() || c == '{' || c == '}')
}

/// Splits `text` at its placeholders.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        if at > 0 {
            out.push(Piece::Text(&rest[..at]));
        }
        let from = &rest[at..];
        if from.starts_with('{')
            && let Some(close) = from[1..].find(['{', '}'])
            && from[1 + close..].starts_with('}')
            && is_name(&from[1..1 + close])
        {
            out.push(Piece::Name(&from[1..1 + close]));
            rest = &from[close + 2..];
            continue;
        }
        out.push(Piece::Stray(&from[..1]));
        rest = &from[1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The template with each `{name}` that `fields` names replaced by its value,
/// in one pass: other braces stay as typed, and a value is never searched for
/// placeholders again (a value "{结束}" stays "{结束}").
pub fn fill(template: &str, fields: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    for piece in pieces(template) {
        match piece {
            Piece::Text(t) | Piece::Stray(t) => out.push_str(t),
            Piece::Name(name) => match fields.iter().find(|(key, _)| *key == name) {
                Some((_, value)) => out.push_str(value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// The placeholders of `text`, each once, in the order they first appear.
pub fn names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in pieces(text) {
        if let Piece::Name(name) = piece
            && !out.iter().any(|n| n == name)
        {
            out.push(name.to_string());
        }
    }
    out
}

/// The first brace that is not part of a placeholder, with a few characters
/// around it to find it by ("…停水{ 原因…"); `None` when every brace pairs up.
pub fn stray(text: &str) -> Option<String> {
    let mut offset = 0;
    for piece in pieces(text) {
        match piece {
            Piece::Stray(_) => {
                let before: String = text[..offset].chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
                let after: String = text[offset..].chars().take(8).collect();
                return Some(format!("{before}{after}"));
            }
            Piece::Text(t) => offset += t.len(),
            Piece::Name(n) => offset += n.len() + 2,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_named_placeholders_and_leaves_the_rest_as_typed() {
        let text = fill("【{小区}】{房号}，电话{电话}", &[("小区", "翠湖花园"), ("房号", "1-1-101"), ("电话", "88886666")]);
        assert_eq!(text, "【翠湖花园】1-1-101，电话88886666");
        assert_eq!(fill("{未知}{房号}", &[("房号", "1-1-101")]), "{未知}1-1-101");
        assert_eq!(fill("{房号}{房号}", &[("房号", "A")]), "AA");
        // Braces that make no placeholder stay as they are.
        assert_eq!(fill("{ 房号} {} {{房号}} }{", &[("房号", "A")]), "{ 房号} {} {A} }{");
        assert_eq!(fill("", &[("房号", "A")]), "");
    }

    #[test]
    fn a_value_is_not_filled_again() {
        assert_eq!(fill("{开始}至{结束}", &[("开始", "{结束}"), ("结束", "5日")]), "{结束}至5日");
    }

    #[test]
    fn lists_each_placeholder_once_in_order_and_finds_stray_braces() {
        assert_eq!(names("因{原因}，{开始}至{结束}，{原因}"), ["原因", "开始", "结束"]);
        assert!(names("没有占位符").is_empty());
        assert_eq!(names("{一二三四五六七八九十}{一二三四五六七八九十一}"), ["一二三四五六七八九十"]);
        assert_eq!(stray("因{原因}，{开始}至{结束}"), None);
        assert_eq!(stray("定于{开始至{结束}").as_deref(), Some("定于{开始至{结束}"));
        assert_eq!(stray("停水} 通知").as_deref(), Some("停水} 通知"));
        assert!(stray("{ }").is_some() && stray("{}").is_some());
    }
}
