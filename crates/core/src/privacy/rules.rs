//! The erasure's pure rules: the placeholder that replaces a name, and how a
//! name, phones and an ID number are taken out of stored text and audit details.

use serde_json::Value;

use crate::register::rules::{mask_id_number, mask_phone};

/// What an erased person's name becomes, on the register and on past receipts.
pub const PLACEHOLDER_PREFIX: &str = "已删除住户#";

pub fn placeholder(person_id: i64) -> String {
    format!("{PLACEHOLDER_PREFIX}{person_id}")
}

pub fn is_erased(name: &str) -> bool {
    name.starts_with(PLACEHOLDER_PREFIX)
}

/// Characters that separate names in one field ("张三、李四", "张三/李四").
const NAME_SEPARATORS: [char; 7] = ['、', ',', '，', '/', ';', '；', ' '];

/// Whether a field of names ("张三、李四") holds `name` as one of them.
pub fn holds_name(field: &str, name: &str) -> bool {
    field == name || field.split(NAME_SEPARATORS).any(|t| t == name)
}

/// What to take out of a text: the person's name (as a whole name among
/// others: 张三 in "张三、李四", never inside 张三丰) and their phones and ID
/// number wherever they appear (those become their masked form).
#[derive(Debug, Clone)]
pub struct Scrub {
    pub name: String,
    pub placeholder: String,
    pub secrets: Vec<String>,
}

impl Scrub {
    pub fn text(&self, text: &str) -> String {
        if self.name.is_empty() {
            return self.secrets_out(text.to_string());
        }
        if text == self.name {
            return self.placeholder.clone();
        }
        let mut out = String::with_capacity(text.len());
        let mut token = String::new();
        let flush = |token: &mut String, out: &mut String| {
            out.push_str(if *token == self.name { &self.placeholder } else { token });
            token.clear();
        };
        for c in text.chars() {
            if NAME_SEPARATORS.contains(&c) {
                flush(&mut token, &mut out);
                out.push(c);
            } else {
                token.push(c);
            }
        }
        flush(&mut token, &mut out);
        self.secrets_out(out)
    }

    fn secrets_out(&self, mut text: String) -> String {
        for secret in self.secrets.iter().filter(|s| !s.is_empty()) {
            let masked = if secret.chars().count() == 18 { mask_id_number(secret) } else { mask_phone(secret) };
            text = text.replace(secret.as_str(), &masked);
        }
        text
    }

    /// The same, leaving the name alone: for entries about other people and
    /// units, where the same name may be someone else's.
    pub fn secrets_only(&self) -> Scrub {
        Scrub { name: String::new(), ..self.clone() }
    }

    /// Every string in a JSON value, keys left alone.
    pub fn json(&self, value: &mut Value) {
        match value {
            Value::String(s) => *s = self.text(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.json(v)),
            Value::Object(fields) => fields.values_mut().for_each(|v| self.json(v)),
            _ => {}
        }
    }

    /// An audit detail as stored (JSON text), scrubbed; `None` when nothing in it changes.
    pub fn detail(&self, detail: &str) -> Option<String> {
        let mut value: Value = serde_json::from_str(detail).ok()?;
        self.json(&mut value);
        let scrubbed = value.to_string();
        (scrubbed != detail).then_some(scrubbed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scrub() -> Scrub {
        Scrub { name: "张三".into(), placeholder: placeholder(7), secrets: vec!["13800000001".into(), "11010519491231002X".into()] }
    }

    #[test]
    fn a_name_is_replaced_only_as_a_whole_name() {
        let s = scrub();
        assert_eq!(s.text("张三"), "已删除住户#7");
        assert_eq!(s.text("张三、李四"), "已删除住户#7、李四");
        assert_eq!(s.text("李四/张三"), "李四/已删除住户#7");
        assert_eq!(s.text("张三丰"), "张三丰", "another person's name is left alone");
        assert_eq!(s.secrets_only().text("张三 13800000001"), "张三 138****0001");
        assert_eq!(s.secrets_only().text(""), "");
        assert_eq!(s.text("电话13800000001，身份证11010519491231002X"), "电话138****0001，身份证110105********002X");
    }

    #[test]
    fn json_details_are_scrubbed_value_by_value_and_unchanged_ones_are_left() {
        let s = scrub();
        let detail = json!({ "name": "张三", "from": "张三、李四", "amount": 100, "list": [{ "payer": "张三" }] }).to_string();
        let out: Value = serde_json::from_str(&s.detail(&detail).unwrap()).unwrap();
        assert_eq!(out, json!({ "name": "已删除住户#7", "from": "已删除住户#7、李四", "amount": 100, "list": [{ "payer": "已删除住户#7" }] }));
        assert_eq!(s.detail(&json!({ "name": "李四" }).to_string()), None);
        assert!(is_erased(&placeholder(7)) && !is_erased("张三"));
        assert!(holds_name("李四、张三", "张三") && !holds_name("张三丰", "张三"));
    }
}
