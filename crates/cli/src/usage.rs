//! Command-line mistakes (an unknown option, a missing argument) said in
//! Chinese: clap's own messages are English only.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use estate_core::register::rules::{mask_id_number, mask_phone};

/// One Chinese sentence for a clap parse error, naming the argument and value involved.
pub fn message(e: &clap::Error) -> String {
    use ErrorKind::*;
    let what = match e.kind() {
        InvalidValue | ValueValidation | InvalidUtf8 => "参数的值不对",
        UnknownArgument => "有不认识的参数",
        InvalidSubcommand => "没有这个命令",
        MissingRequiredArgument => "缺少必填的参数",
        MissingSubcommand | DisplayHelpOnMissingArgumentOrSubcommand => "缺少要执行的命令",
        ArgumentConflict => "这些参数不能同时使用",
        NoEquals | TooManyValues | TooFewValues | WrongNumberOfValues => "参数的个数不对",
        _ => "命令写得不对",
    };
    let mut detail: Vec<String> = Vec::new();
    for kind in [ContextKind::InvalidArg, ContextKind::InvalidSubcommand, ContextKind::InvalidValue, ContextKind::PriorArg] {
        match e.get(kind) {
            Some(ContextValue::String(s)) if !s.is_empty() => detail.push(s.clone()),
            Some(ContextValue::Strings(v)) => detail.extend(v.iter().cloned()),
            _ => {}
        }
    }
    let looks_negative = detail.iter().any(|d| d.starts_with('-') && d.chars().nth(1).is_some_and(|c| c.is_ascii_digit()));
    let hint = if looks_negative {
        "以 - 开头的值请和参数名写在一起，如 --area=-5。"
    } else {
        "用 estate --help 或 estate 命令 --help 查看用法。"
    };
    let detail: Vec<String> = detail.iter().map(|d| masked(d)).collect();
    if detail.is_empty() { format!("{what}。{hint}") } else { format!("{what}：{}。{hint}", detail.join("、")) }
}

/// What was typed, as it may be echoed: a run of 7 or more digits (a phone or an
/// ID number typed into the wrong place, ending in X or not) is masked as the
/// register masks it, so a mistake's message never shows a whole number.
fn masked(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = i + digits + usize::from(chars.get(i + digits).is_some_and(|c| matches!(c, 'X' | 'x')));
        let run: String = chars[i..end].iter().collect();
        out.push_str(&match digits {
            0..7 => run,
            7..15 => mask_phone(&run),
            _ => mask_id_number(&run),
        });
        i = end;
    }
    out
}

/// The longest argument taken, in characters: a letter body or an address fits
/// many times over; 100,000 pasted characters do not. Checked before anything runs,
/// so no command writes such a text or echoes it back in a message.
pub const MAX_ARG_CHARS: usize = 4_000;

/// The refusal for an argument past `MAX_ARG_CHARS`, naming where it starts.
pub fn too_long(args: &[String]) -> Option<String> {
    let (i, arg) = args.iter().enumerate().find(|(_, a)| a.chars().count() > MAX_ARG_CHARS)?;
    let start: String = arg.chars().take(12).collect();
    Some(format!("第 {i} 个参数太长（{} 个字，最多 {MAX_ARG_CHARS} 个字），开头是“{start}…”。请检查是否粘贴错了内容。", arg.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Demo {
        #[arg(long)]
        amount: String,
    }

    #[test]
    fn names_what_is_missing_or_unknown_in_chinese() {
        let missing = Demo::try_parse_from(["estate"]).unwrap_err();
        assert!(message(&missing).starts_with("缺少必填的参数：--amount"), "{}", message(&missing));
        let unknown = Demo::try_parse_from(["estate", "--amount", "1", "--colour", "red"]).unwrap_err();
        assert!(message(&unknown).starts_with("有不认识的参数：--colour"), "{}", message(&unknown));
    }

    #[test]
    fn never_echoes_a_whole_id_number_or_phone() {
        let stray = Demo::try_parse_from(["estate", "--amount", "1", "11010519491231002X"]).unwrap_err();
        let said = message(&stray);
        assert!(said.contains("110105********002X") && !said.contains("19491231"), "{said}");
        let phone = Demo::try_parse_from(["estate", "--amount", "1", "13800001234"]).unwrap_err();
        let said = message(&phone);
        assert!(said.contains("138****1234") && !said.contains("13800001234"), "{said}");
        assert_eq!(masked("--area=-5"), "--area=-5", "short numbers stay as typed");
    }
}
