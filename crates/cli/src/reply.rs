//! What a command prints: one JSON object, or aligned Chinese text.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use serde::Serialize;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

pub struct Reply {
    pub json: Value,
    pub text: String,
    /// Exit code for a reply that reports bad input without failing outright
    /// (an import that found problems).
    pub exit: u8,
}

impl Reply {
    pub fn new(value: &impl Serialize, text: String) -> Reply {
        Reply { json: serde_json::to_value(value).unwrap_or(Value::Null), text, exit: 0 }
    }

    pub fn print(self, json: bool) -> ExitCode {
        if json {
            print_json(&self.json);
        } else {
            emit(self.text.trim_end());
        }
        ExitCode::from(self.exit)
    }
}

pub fn print_json(value: &Value) {
    emit(&serde_json::to_string(value).unwrap_or_else(|_| "{}".into()));
}

/// Writes one reply line to stdout. A reader gone already (`estate … | head -1`)
/// is not the command's failure: its work is done and kept, so the line is
/// dropped quietly where `println!` would panic.
fn emit(line: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush())
        && e.kind() != ErrorKind::BrokenPipe
    {
        eprintln!("错误：结果写不出去（{e}）。");
    }
}

/// Pads `text` on the right to `width` display columns (a hanzi is two).
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// Pads on the left, for amounts.
pub fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// "标签：值" lines with the labels padded to one width.
pub fn fields(rows: &[(&str, String)]) -> String {
    let w = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    rows.iter().map(|(k, v)| format!("{}  {v}\n", pad(k, w))).collect()
}

/// A table: a header row and rows, each column as wide as its widest cell;
/// columns listed in `right` are right-aligned (amounts).
pub fn table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| if right.contains(&i) { pad_left(c, widths[i]) } else { pad(c, widths[i]) })
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out += &line(row.iter().map(String::as_str).collect());
    }
    out
}
