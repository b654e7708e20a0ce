//! Pure text-layout helpers: measuring, wrapping, truncating, aligning.
//!
//! printpdf has no line breaking outside its HTML path, so documents measure
//! their own text. Every helper takes the advance of a character in em as a
//! function, so it can be tested without the font (and used with any font).
//! Lengths are millimetres, font sizes points.

/// Millimetres per typographic point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

/// One em of a `size`-point font, in mm.
pub(crate) fn em(size: f32) -> f32 {
    size * MM_PER_PT
}
/// Slack when comparing widths (mm): a text measured as a whole and the same
/// text summed piece by piece differ in the last bits of an f32, and a column
/// sized to its widest entry must not wrap that entry.
const EPS: f32 = 0.01;

/// Characters that must not start a line (Chinese line-breaking rules, 避头点):
/// they are kept with the character before them.
const NO_LINE_START: &str = "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}%";
/// Characters that must not end a line (避尾点): kept with the character after them.
const NO_LINE_END: &str = "（《「『【〔〈“‘([{¥￥";

/// Width of `text` in mm at `size` pt.
pub(crate) fn text_width(text: &str, size: f32, adv: &impl Fn(char) -> f32) -> f32 {
    text.chars().map(adv).sum::<f32>() * size * MM_PER_PT
}

/// The x where `text` must start so that it ends at `right`.
pub(crate) fn right_aligned_x(right: f32, text: &str, size: f32, adv: &impl Fn(char) -> f32) -> f32 {
    right - text_width(text, size, adv)
}

/// The x where `text` must start to be centred in `[left, left + width]`.
pub(crate) fn centered_x(left: f32, width: f32, text: &str, size: f32, adv: &impl Fn(char) -> f32) -> f32 {
    left + (width - text_width(text, size, adv)) / 2.0
}

/// The largest size not above `size` (in steps of 0.25 pt, not below `min`)
/// at which `text` fits in `max_w`; `min` when even that is too wide.
pub(crate) fn fit_size(text: &str, max_w: f32, size: f32, min: f32, adv: &impl Fn(char) -> f32) -> f32 {
    let mut s = size;
    while s > min && text_width(text, s, adv) > max_w + EPS {
        s = (s - 0.25).max(min);
    }
    s
}

/// `text` cut to fit `max_w`, ending in "…" when something had to go.
pub(crate) fn truncate(text: &str, max_w: f32, size: f32, adv: &impl Fn(char) -> f32) -> String {
    if text_width(text, size, adv) <= max_w + EPS {
        return text.to_string();
    }
    let budget = max_w - text_width("…", size, adv);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = adv(c) * size * MM_PER_PT;
        if used + w > budget + EPS {
            break;
        }
        used += w;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Breaks `text` into lines no wider than `max_w`.
///
/// Chinese breaks between any two characters; a run of Latin letters or
/// digits ("2026-01", "SF0000123") stays whole unless it alone is too wide;
/// spaces are break points and vanish at a line end; punctuation that may not
/// start (or end) a line travels with its neighbour. An explicit '\n' breaks.
pub(crate) fn wrap(text: &str, max_w: f32, size: f32, adv: &impl Fn(char) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max_w, 0.0, size, adv, &mut lines);
    }
    lines
}

/// Paragraphs as a letter sets them: each paragraph (split at '\n') wrapped
/// with its first line `indent` mm narrower, for the indent (首行缩进) the
/// caller draws; returns each paragraph's lines.
pub(crate) fn wrap_indented(text: &str, max_w: f32, indent: f32, size: f32, adv: &impl Fn(char) -> f32) -> Vec<Vec<String>> {
    text.split('\n')
        .map(|paragraph| {
            let mut lines = Vec::new();
            wrap_paragraph(paragraph, max_w, indent, size, adv, &mut lines);
            lines
        })
        .collect()
}

/// `wrap`, but at most `max_lines` lines: the last one is truncated with "…"
/// when the text would need more (the last resort for absurdly long input).
pub(crate) fn wrap_capped(
    text: &str,
    max_w: f32,
    size: f32,
    max_lines: usize,
    adv: &impl Fn(char) -> f32,
) -> Vec<String> {
    let mut lines = wrap(text, max_w, size, adv);
    if lines.len() > max_lines.max(1) {
        let rest = lines.split_off(max_lines.max(1) - 1).concat();
        lines.push(truncate(&(rest + "……"), max_w, size, adv));
    }
    lines
}

fn wrap_paragraph(text: &str, max_w: f32, indent: f32, size: f32, adv: &impl Fn(char) -> f32, lines: &mut Vec<String>) {
    let mut line = String::new();
    // The first line starts `indent` in: it begins as if that much were already on it.
    let mut line_w = indent;
    for token in tokens(text) {
        let token_w = text_width(token, size, adv);
        if token.trim().is_empty() {
            // A space: kept between words, dropped at the start of a line.
            if !line.is_empty() {
                line.push_str(token);
                line_w += token_w;
            }
            continue;
        }
        if line_w + token_w > max_w + EPS && !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
            line.clear();
            line_w = 0.0;
        }
        if token_w <= max_w + EPS {
            line.push_str(token);
            line_w += token_w;
            continue;
        }
        // A single token wider than the line (a long code): break it anywhere.
        for c in token.chars() {
            let w = adv(c) * size * MM_PER_PT;
            if line_w + w > max_w + EPS && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            line.push(c);
            line_w += w;
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
}

/// Splits text into the pieces that must not be broken apart.
fn tokens(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if let Some(p) = prev {
            let glued = (is_word_char(p) && is_word_char(c))
                || NO_LINE_START.contains(c)
                || NO_LINE_END.contains(p)
                || (p.is_whitespace() && c.is_whitespace());
            if !glued {
                out.push(&text[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Characters of a Latin word or a number, which wrap as a whole.
fn is_word_char(c: char) -> bool {
    c.is_ascii_graphic() || matches!(c, '㎡' | '×' | '°')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A size at which one em is exactly one millimetre.
    const S: f32 = 72.0 / 25.4;

    /// A stand-in font: ideographs 1 em, everything else half an em.
    fn mono(c: char) -> f32 {
        if c.is_ascii() { 0.5 } else { 1.0 }
    }

    #[test]
    fn indented_paragraphs_lose_the_indent_on_their_first_line_only() {
        // Lines 10 mm wide with a 2 mm indent: 8 ideographs first, then 10 a line.
        let p = wrap_indented(&"字".repeat(20), 10.0, 2.0, S, &mono);
        assert_eq!(p, vec![vec!["字".repeat(8), "字".repeat(10), "字".repeat(2)]]);
        let two = wrap_indented("甲\n乙", 10.0, 2.0, S, &mono);
        assert_eq!(two, vec![vec!["甲".to_string()], vec!["乙".to_string()]]);
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn measures_and_aligns() {
        assert!(close(text_width("物业费", S, &mono), 3.0));
        assert!(close(text_width("1,234.50", S, &mono), 4.0));
        assert!(close(text_width("", S, &mono), 0.0));
        // 12 pt is 4.2333 mm per em.
        assert!(close(text_width("收", 12.0, &mono), 12.0 * 25.4 / 72.0));
        assert!(close(right_aligned_x(50.0, "663.75", S, &mono), 47.0));
        assert!(close(centered_x(10.0, 20.0, "收款收据", S, &mono), 18.0));
    }

    #[test]
    fn right_aligned_amounts_end_at_the_same_edge() {
        for amount in ["0.50", "663.75", "12,345.00"] {
            let x = right_aligned_x(80.0, amount, S, &mono);
            assert!(close(x + text_width(amount, S, &mono), 80.0));
        }
    }

    #[test]
    fn wraps_chinese_per_character() {
        assert_eq!(wrap("物业服务费公共能耗分摊", 4.2, S, &mono), ["物业服务", "费公共能", "耗分摊"]);
        assert_eq!(wrap("物业费", 10.0, S, &mono), ["物业费"]);
        assert_eq!(wrap("", 10.0, S, &mono), [""]);
    }

    #[test]
    fn keeps_punctuation_off_the_start_of_a_line() {
        // "。" would start line 2: it is kept with "费", which moves down with it.
        assert_eq!(wrap("物业服务费。合计", 5.2, S, &mono), ["物业服务", "费。合计"]);
        // An opening bracket does not end a line.
        assert_eq!(wrap("水费（三月）", 3.2, S, &mono), ["水费", "（三", "月）"]);
        let lines = wrap("水费（三月）", 3.0, S, &mono);
        assert!(lines.iter().all(|l| !l.ends_with('（') && !l.starts_with('）')), "{lines:?}");
    }

    #[test]
    fn text_exactly_as_wide_as_the_column_stays_on_one_line() {
        for text in ["2026-10至2026-12", "2.50元/㎡·月", "88.50㎡×3"] {
            let w = text_width(text, 8.5, &mono);
            assert_eq!(wrap(text, w, 8.5, &mono), [text]);
            assert_eq!(truncate(text, w, 8.5, &mono), text);
        }
    }

    #[test]
    fn keeps_latin_words_and_numbers_whole() {
        assert_eq!(wrap("电费 2026-01 至 2026-03", 5.5, S, &mono), ["电费", "2026-01 至", "2026-03"]);
        // A code longer than the line is broken anywhere rather than overflowing.
        assert_eq!(wrap("ABCDEFGHIJ", 2.2, S, &mono), ["ABCD", "EFGH", "IJ"]);
        for line in wrap("车位管理费 B2-0123 号车位（地下二层）", 7.0, S, &mono) {
            assert!(text_width(&line, S, &mono) <= 7.0 + 1e-3, "{line}");
        }
    }

    #[test]
    fn truncates_with_an_ellipsis_only_when_needed() {
        assert_eq!(truncate("物业费", 3.2, S, &mono), "物业费");
        assert_eq!(truncate("物业服务费", 3.2, S, &mono), "物业…");
        let lines = wrap_capped("一二三四五六七八九十", 3.2, S, 2, &mono);
        assert_eq!(lines, ["一二三", "四五…"]);
    }

    #[test]
    fn shrinks_to_fit_down_to_a_floor() {
        let s = fit_size("收款收据", 10.0, 12.0, 6.0, &mono);
        assert!(text_width("收款收据", s, &mono) <= 10.0 && s > 6.0);
        assert!(close(fit_size("收款收据", 1.0, 12.0, 6.0, &mono), 6.0));
        assert!(close(fit_size("收", 100.0, 12.0, 6.0, &mono), 12.0));
    }
}
