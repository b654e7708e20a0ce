//! Drawing one page of a receipt, top to bottom: title band, payer line,
//! the ruled table with its 合计 row, payment and signature lines, the 联
//! column in the right margin, and the 补打 / 作废 marks.
//!
//! Vertical positions are fixed offsets from the top of the frame (a receipt
//! is a form: the same thing is always in the same place); only the table's
//! rows stretch, and `rows_budget` tells `receipt.rs` how much they may take.

use std::ops::Range;

use printpdf::{FontId, Op};

use super::canvas::{Canvas, Ink};
use super::font::Face;
use super::layout::{MM_PER_PT, centered_x, fit_size, right_aligned_x, text_width, truncate};
use super::paper::{Frame, PaperSize};
use super::receipt::{CELL_PAD, COPIES_COLUMN, ReceiptDoc, ReceiptMark, Table, clean};

const TITLE_BASELINE: f32 = 8.5;
const INFO_BASELINE: f32 = 18.5;
const TABLE_TOP: f32 = 22.0;
const HEADER_H: f32 = 7.5;
const TOTAL_H: f32 = 9.0;
/// Payment line and signature line, measured from the table's bottom edge.
const METHOD_BASELINE: f32 = 7.0;
const FOOTER_BASELINE: f32 = 15.0;
const FOOTER_SPACE: f32 = 17.0;
/// Type size of the lines around the table (pt).
const FIELD_SIZE: f32 = 10.0;
const MIN_SIZE: f32 = 7.0;
/// Half the height of an A4 sheet (mm).
const A4_HALF: f32 = 148.5;
/// Width of the 合计 label cell at most (mm): the capitals need the room.
const TOTAL_LABEL_W: f32 = 24.0;
/// Where the visual middle of a Chinese glyph sits above its baseline, in em.
pub(crate) const MIDDLE: f32 = 0.37;

/// What one page needs to know.
pub(crate) struct PageInfo<'a> {
    pub doc: &'a ReceiptDoc,
    pub face: &'a Face,
    pub table: &'a Table,
    /// The table rows printed on this page.
    pub rows: Range<usize>,
    pub frame: Frame,
    /// Right edge of the content (left of the 联 column).
    pub right: f32,
    pub page: usize,
    pub pages: usize,
}

/// Height (mm) the table's rows may take on one page.
pub(crate) fn rows_budget(frame: &Frame) -> f32 {
    frame.bottom - FOOTER_SPACE - (frame.top + TABLE_TOP + HEADER_H + TOTAL_H)
}

pub(crate) fn draw(p: &PageInfo, page_h: f32, font: FontId) -> Vec<Op> {
    let mut c = Canvas::new(page_h, font);
    let adv = |ch: char| p.face.advance_em(ch);
    c.ink(Ink::Black);
    title_band(&mut c, p, &adv);
    info_line(&mut c, p, &adv);
    let bottom = table(&mut c, p, &adv);
    footer(&mut c, p, bottom, &adv);
    copies_column(&mut c, p, &adv);
    if let ReceiptMark::Voided { .. } = p.doc.mark {
        void_stamp(&mut c, p, bottom, &adv);
    }
    if p.doc.paper == PaperSize::A4 && p.frame.bottom < A4_HALF {
        // The receipt fills the top half of the sheet: mark where to cut.
        c.ink(Ink::Grey);
        c.dashed_line((6.0, A4_HALF), (204.0, A4_HALF), 0.3);
    }
    c.into_ops()
}

/// Title in the middle, 补打 mark on the left, the number (in red) on the right.
fn title_band(c: &mut Canvas, p: &PageInfo, adv: &impl Fn(char) -> f32) {
    let (left, right, top) = (p.frame.left, p.right, p.frame.top);
    let base = top + TITLE_BASELINE;

    let mut left_w: f32 = 0.0;
    if let ReceiptMark::Reprint { count } = p.doc.mark {
        let mark = format!("补打（第{count}次）");
        let w = text_width(&mark, 10.0, adv) + 4.0;
        c.ink(Ink::Red);
        c.rect(left, base - 5.6, w, 7.6, 1.0);
        c.bold_text(left + 2.0, base - 0.3, 10.0, &mark);
        left_w = w;
    }

    let number = clean(&p.doc.receipt_no);
    let number_x = right_aligned_x(right, &number, 13.0, adv);
    let no_x = number_x - 1.2 - text_width("No.", 9.0, adv);
    c.ink(Ink::Black);
    c.text(no_x, base, 9.0, "No.");
    c.ink(Ink::Red);
    c.text(number_x, base, 13.0, &number);
    if p.pages > 1 {
        c.ink(Ink::Grey);
        let pages = format!("第{}页／共{}页", p.page, p.pages);
        c.text(right_aligned_x(right, &pages, 8.0, adv), base + 4.5, 8.0, &pages);
    }

    let side = left_w.max(right - no_x) + 4.0;
    let title = format!("{}{}", clean(&p.doc.estate_name), p.doc.kind.title());
    let size = fit_size(&title, right - left - 2.0 * side, 18.0, 11.0, adv);
    let title = truncate(&title, right - left - 2.0 * side, size, adv);
    let w = text_width(&title, size, adv);
    let x = centered_x(left, right - left, &title, size, adv);
    c.ink(Ink::Black);
    c.bold_text(x, base, size, &title);
    // The double rule under a form's title.
    c.line((x - 2.0, base + 1.7), (x + w + 2.0, base + 1.7), 0.6);
    c.line((x - 2.0, base + 2.5), (x + w + 2.0, base + 2.5), 0.6);
}

/// 房号, 交款人 and the date, above the table.
fn info_line(c: &mut Canvas, p: &PageInfo, adv: &impl Fn(char) -> f32) {
    let (left, w) = (p.frame.left, p.right - p.frame.left);
    let base = p.frame.top + INFO_BASELINE;
    let date = p.doc.date.format("%Y年%m月%d日").to_string();
    field(c, (left, base), 0.30 * w, "房号：", &p.doc.unit_code, adv);
    field(c, (left + 0.30 * w, base), 0.42 * w, "交款人：", &p.doc.payer, adv);
    let text = format!("日期：{date}");
    c.text(right_aligned_x(p.right, &text, FIELD_SIZE, adv), base, FIELD_SIZE, &text);
}

/// "label：value" in at most `max_w`: smaller type first, then "…".
pub(crate) fn field(c: &mut Canvas, (x, y): (f32, f32), max_w: f32, label: &str, value: &str, adv: &impl Fn(char) -> f32) {
    let text = format!("{label}{}", clean(value));
    let room = max_w - 3.0;
    let size = fit_size(&text, room, FIELD_SIZE, MIN_SIZE + 0.5, adv);
    c.text(x, y, size, &truncate(&text, room, size, adv));
}

/// The ruled table; returns its bottom edge.
fn table(c: &mut Canvas, p: &PageInfo, adv: &impl Fn(char) -> f32) -> f32 {
    let t = p.table;
    let e = t.edges;
    let (left, right) = (e[0], e[5]);
    let size = t.size;
    let top = p.frame.top + TABLE_TOP;
    let em = size * MM_PER_PT;
    c.ink(Ink::Black);

    // Header row.
    let headers = [p.doc.kind.item_heading(), "所属期间", "单价", "数量", "金额（元）"];
    for (i, h) in headers.iter().enumerate() {
        // Headings stay readable when the body had to shrink.
        let s = fit_size(h, e[i + 1] - e[i] - 2.0 * CELL_PAD, size.max(9.0), size, adv);
        let x = centered_x(e[i], e[i + 1] - e[i], h, s, adv);
        c.bold_text(x, top + HEADER_H / 2.0 + MIDDLE * s * MM_PER_PT, s, h);
    }
    let mut y = top + HEADER_H;
    c.line((left, y), (right, y), 0.6);

    // Item rows: name and period from the left, numbers against the right.
    let lh = t.line_height();
    let rows = t.rows.get(p.rows.clone()).unwrap_or_default();
    for (n, row) in rows.iter().enumerate() {
        for (i, lines) in row.cells.iter().enumerate() {
            let first = y + (row.height - lines.len() as f32 * lh) / 2.0;
            for (k, line) in lines.iter().enumerate() {
                let base = first + (k as f32 + 0.5) * lh + MIDDLE * em;
                let x = match i {
                    0 | 1 => e[i] + CELL_PAD,
                    _ => right_aligned_x(e[i + 1] - CELL_PAD, line, size, adv),
                };
                c.text(x, base, size, line);
            }
        }
        let base = y + row.height / 2.0 + MIDDLE * em;
        c.text(right_aligned_x(e[5] - CELL_PAD, &row.amount, size, adv), base, size, &row.amount);
        y += row.height;
        if n + 1 < rows.len() {
            c.ink(Ink::Grey);
            c.line((left, y), (right, y), 0.35);
            c.ink(Ink::Black);
        }
    }
    let body_bottom = y;
    c.line((left, y), (right, y), 0.6);

    // 合计 row: a short label cell, the capitals up to the 金额 column, the
    // figure under 金额.
    let last = p.page == p.pages;
    let split = e[1].min(left + TOTAL_LABEL_W);
    let base = y + TOTAL_H / 2.0 + MIDDLE * 10.0 * MM_PER_PT;
    c.bold_text(centered_x(left, split - left, "合  计", 10.0, adv), base, 10.0, "合  计");
    let words = if last {
        format!("人民币（大写）：{}", p.doc.total.capitals())
    } else {
        "（续下页）".to_string()
    };
    let room = e[4] - split - 2.0 * CELL_PAD;
    let s = fit_size(&words, room, 10.0, MIN_SIZE, adv);
    c.text(split + CELL_PAD, y + TOTAL_H / 2.0 + MIDDLE * s * MM_PER_PT, s, &truncate(&words, room, s, adv));
    if last {
        let figure = format!("¥{}", p.doc.total.grouped());
        let room = e[5] - e[4] - 2.0 * CELL_PAD;
        let s = fit_size(&figure, room, 10.5, MIN_SIZE, adv);
        c.bold_text(right_aligned_x(e[5] - CELL_PAD, &figure, s, adv), base, s, &figure);
    }
    let bottom = y + TOTAL_H;

    // Column rules: all five columns in the body, three cells in the 合计 row.
    for (i, &x) in e.iter().enumerate().take(5).skip(1) {
        c.line((x, top), (x, if i == 4 { bottom } else { body_bottom }), 0.4);
    }
    c.line((split, body_bottom), (split, bottom), 0.4);
    c.rect(left, top, right - left, bottom - top, 1.1);
    bottom
}

/// Payment method and reference, then who received and who paid.
fn footer(c: &mut Canvas, p: &PageInfo, bottom: f32, adv: &impl Fn(char) -> f32) {
    let (left, w) = (p.frame.left, p.right - p.frame.left);
    c.ink(Ink::Black);
    let base = bottom + METHOD_BASELINE;
    field(c, (left, base), 0.26 * w, "收款方式：", &p.doc.method, adv);
    field(c, (left + 0.26 * w, base), 0.42 * w, "凭证号/参考号：", &p.doc.reference, adv);
    if let ReceiptMark::Voided { reason } = &p.doc.mark {
        c.ink(Ink::Red);
        let text = format!("作废原因：{}", clean(reason));
        let room = 0.32 * w;
        let s = fit_size(&text, room, FIELD_SIZE, MIN_SIZE, adv);
        let text = truncate(&text, room, s, adv);
        c.text(right_aligned_x(p.right, &text, s, adv), base, s, &text);
        c.ink(Ink::Black);
    }

    let base = bottom + FOOTER_BASELINE;
    let issuer = if p.doc.header.trim().is_empty() { &p.doc.estate_name } else { &p.doc.header };
    field(c, (left, base), 0.46 * w, "收款单位（盖章）：", issuer, adv);
    field(c, (left + 0.46 * w, base), 0.22 * w, "收款人：", &p.doc.clerk, adv);
    let label = "交款人签字：";
    let x = left + 0.68 * w;
    c.text(x, base, FIELD_SIZE, label);
    c.line((x + text_width(label, FIELD_SIZE, adv), base + 1.0), (p.right, base + 1.0), 0.5);
}

/// The 联 labels, written top to bottom in the right margin as on carbon sets.
fn copies_column(c: &mut Canvas, p: &PageInfo, adv: &impl Fn(char) -> f32) {
    let labels: Vec<Vec<char>> =
        p.doc.copies.iter().map(|l| clean(l).chars().collect()).filter(|l: &Vec<char>| !l.is_empty()).collect();
    if labels.is_empty() {
        return;
    }
    let top = p.frame.top + TABLE_TOP;
    let room = p.frame.bottom - top;
    // Each character takes 1.1 em, a space half that, and labels are 1.5 em apart.
    let ems: f32 = labels.iter().flatten().map(|&ch| if ch == ' ' { 0.55 } else { 1.1 }).sum::<f32>()
        + 1.5 * (labels.len() - 1) as f32;
    let size = (room / (ems * MM_PER_PT)).clamp(5.0, 9.0);
    let em = size * MM_PER_PT;
    let cx = p.frame.right - COPIES_COLUMN / 2.0 + 1.0;
    let mut y = top;
    c.ink(Ink::Black);
    for label in labels {
        for ch in label {
            if ch == ' ' {
                y += 0.55 * em;
                continue;
            }
            let s = ch.to_string();
            c.text(cx - text_width(&s, size, adv) / 2.0, y + 0.88 * em, size, &s);
            y += 1.1 * em;
        }
        y += 1.5 * em;
    }
}

/// A red 作废 stamp across the table, turned like a hand stamp.
fn void_stamp(c: &mut Canvas, p: &PageInfo, bottom: f32, adv: &impl Fn(char) -> f32) {
    let top = p.frame.top + TABLE_TOP;
    let (cx, cy) = (p.frame.left + (p.right - p.frame.left) * 0.55, (top + bottom) / 2.0);
    let size = 44.0;
    let text = "作 废";
    let (w, em) = (text_width(text, size, adv), size * MM_PER_PT);
    let (bw, bh) = (w + 16.0, em + 10.0);
    let angle: f32 = 12.0;
    c.ink(Ink::Red);
    c.rotated_rect((cx, cy), bw, bh, angle, 2.4);
    c.rotated_rect((cx, cy), bw - 3.2, bh - 3.2, angle, 0.8);
    // Start of the baseline: half the text back along the turned baseline,
    // and down from the middle by the glyphs' middle height.
    let (sin, cos) = angle.to_radians().sin_cos();
    let (dx, dy) = (-w / 2.0 * cos + MIDDLE * em * sin, -w / 2.0 * sin - MIDDLE * em * cos);
    c.ink(Ink::Red);
    c.bold_text_at_angle(cx + dx, cy - dy, size, text, angle);
}
