//! Drawing one billing notice on an A4 page, top to bottom: the estate and
//! the title, who and what it is for, the month's fees, the arrears brought
//! forward, the sum due in figures and capitals with its due date, how to pay,
//! the office's contacts, and who issued it when.
//!
//! The tables take the room the rest leaves: their rows shrink (down to a
//! size still easy to read) before the last rows are folded into one line.

use printpdf::{FontId, Op};

use super::canvas::{Canvas, Ink};
use super::font::Face;
use super::layout::{MM_PER_PT, centered_x, fit_size, right_aligned_x, text_width, truncate, wrap_capped};
use super::receipt::clean;
use super::receipt_page::{MIDDLE, field};
use crate::money::Money;
use crate::notices::{Notice, NoticeBatch};

pub(crate) const PAGE_W: f32 = super::A4_W;
pub(crate) const PAGE_H: f32 = super::A4_H;
const LEFT: f32 = 20.0;
const RIGHT: f32 = 190.0;
const WIDTH: f32 = RIGHT - LEFT;
/// Where the tables start, under the title, the particulars and the greeting.
const TABLES_TOP: f32 = 74.0;
/// Where the issuer's block starts; everything else ends above it.
const FOOTER_TOP: f32 = 268.0;
const TEXT_SIZE: f32 = 10.0;
const HEADING_SIZE: f32 = 11.0;
/// A table row, at its most comfortable and at its tightest (mm).
const ROW: f32 = 7.0;
const MIN_ROW: f32 = 5.0;
const HEADER_ROW: f32 = 7.0;
/// A section heading takes this much above its table or text (mm).
const HEADING: f32 = 7.5;
const GAP: f32 = 4.0;
const SUMMARY_H: f32 = 31.0;
const LINE: f32 = 5.2;
/// Used when the office has not written how to pay yet (设置 → 缴费方式).
const DEFAULT_PAYMENT: &str = "请到物业服务中心前台缴纳，可用现金、微信、支付宝或银行卡。";

pub(crate) struct Page<'a> {
    pub batch: &'a NoticeBatch,
    pub notice: &'a Notice,
    pub face: &'a Face,
    pub number: usize,
    pub pages: usize,
}

/// A table row: its texts left to right, the amount last.
struct Row {
    cells: Vec<String>,
    amount: Money,
}

/// A column: heading, share of the width, right-aligned or not.
type Column = (&'static str, f32, bool);

const CURRENT: [Column; 5] = [("收费项目", 0.30, false), ("所属期间", 0.22, false), ("单价（元）", 0.14, true), ("数量", 0.16, true), ("金额（元）", 0.18, true)];
const ARREARS: [Column; 4] = [("收费项目", 0.30, false), ("欠费期间", 0.36, false), ("笔数", 0.16, true), ("欠费金额（元）", 0.18, true)];

pub(crate) fn draw(p: &Page, font: FontId) -> Vec<Op> {
    let mut c = Canvas::new(PAGE_H, font);
    let adv = |ch: char| p.face.advance_em(ch);
    let n = p.notice;
    c.ink(Ink::Black);
    let y = title(&mut c, p, &adv);
    let y = particulars(&mut c, p, y, &adv);
    greeting(&mut c, p, y, &adv);

    let pay = wrap_capped(&clean_or(&p.batch.payment_instructions, DEFAULT_PAYMENT), WIDTH, TEXT_SIZE, 4, &adv);
    let contacts = contact_lines(p, &adv);
    let below = GAP + SUMMARY_H + GAP + section_height(pay.len()) + if contacts.is_empty() { 0.0 } else { section_height(contacts.len()) };
    let current: Vec<Row> = n.lines.iter().map(|l| Row { cells: vec![l.item.clone(), l.period.clone(), l.price.clone(), l.quantity.clone()], amount: l.amount }).collect();
    let arrears: Vec<Row> = n.arrears.iter().map(|l| Row { cells: vec![l.item.clone(), l.months(), l.bills.to_string()], amount: l.owed }).collect();
    // Each table: heading, header row, total row; an empty arrears table is one line of text.
    let fixed = 2.0 * (HEADING + HEADER_ROW + ROW) + GAP;
    let room = FOOTER_TOP - below - TABLES_TOP - fixed;
    let rows = (current.len() + arrears.len()).max(1);
    let row_h = (room / rows as f32).clamp(MIN_ROW, ROW);
    let fits = (room / MIN_ROW).floor().max(2.0) as usize;
    let (current, arrears) = if current.len() + arrears.len() <= fits {
        (current, arrears)
    } else {
        // Too many lines for one page (years of arrears on many items): the
        // month's own fees keep their lines first, the arrears fold into fewer.
        let for_current = current.len().min(fits - 1);
        (fold(current, for_current), fold(arrears, (fits - for_current).max(1)))
    };

    let mut y = TABLES_TOP;
    y = heading(&mut c, y, &format!("一、本期费用（{}）", p.batch.period.label()));
    y = table(&mut c, y, &CURRENT, &current, ("本期小计", n.sums.billed), row_h, &adv);
    y = heading(&mut c, y + GAP, "二、往期欠费");
    if arrears.is_empty() {
        c.text(LEFT + 2.0, y + 4.0, TEXT_SIZE, "无往期欠费。");
        y += ROW;
    } else {
        y = table(&mut c, y, &ARREARS, &arrears, ("往期欠费小计", n.sums.arrears), row_h, &adv);
    }
    y = summary(&mut c, p, y + GAP, &adv);
    y = heading(&mut c, y + GAP, "缴费方式");
    y = lines(&mut c, y, &pay);
    if !contacts.is_empty() {
        y = heading(&mut c, y, "联系方式");
        lines(&mut c, y, &contacts);
    }
    footer(&mut c, p, &adv);
    c.into_ops()
}

fn clean_or(text: &str, default: &str) -> String {
    let text = clean_lines(text);
    if text.is_empty() { default.to_string() } else { text }
}

/// Free text as typed in settings: line breaks kept, other control characters dropped.
fn clean_lines(text: &str) -> String {
    text.lines().map(clean).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Rows past `max` folded into one line that carries their sum.
fn fold(mut rows: Vec<Row>, max: usize) -> Vec<Row> {
    if rows.len() <= max {
        return rows;
    }
    let rest = rows.split_off(max.saturating_sub(1));
    let amount = rest.iter().map(|r| r.amount).sum();
    rows.push(Row { cells: vec![format!("其余 {} 项", rest.len())], amount });
    rows
}

fn section_height(lines: usize) -> f32 {
    HEADING + lines as f32 * LINE + 1.0
}

/// The estate, the title under a double rule; returns the y below it.
fn title(c: &mut Canvas, p: &Page, adv: &impl Fn(char) -> f32) -> f32 {
    let name = clean(&p.batch.estate_name);
    let size = fit_size(&name, WIDTH, 13.0, 9.0, adv);
    c.text(centered_x(LEFT, WIDTH, &name, size, adv), 18.0, size, &name);
    let title = "收费通知单";
    let w = text_width(title, 22.0, adv);
    let x = centered_x(LEFT, WIDTH, title, 22.0, adv);
    c.bold_text(x, 30.0, 22.0, title);
    c.line((x - 3.0, 32.3), (x + w + 3.0, 32.3), 0.7);
    c.line((x - 3.0, 33.2), (x + w + 3.0, 33.2), 0.7);
    37.0
}

/// Owner, unit, area; the months, due date and the day issued, in a box.
fn particulars(c: &mut Canvas, p: &Page, top: f32, adv: &impl Fn(char) -> f32) -> f32 {
    let n = p.notice;
    let h = 16.0;
    c.rect(LEFT, top, WIDTH, h, 0.6);
    let cols = [LEFT + 3.0, LEFT + 0.42 * WIDTH, LEFT + 0.70 * WIDTH];
    let widths = [0.42 * WIDTH - 3.0, 0.28 * WIDTH, 0.30 * WIDTH - 2.0];
    let area = n.area.map(|a| format!("{a}㎡")).unwrap_or_else(|| "—".into());
    let first = [("业主：", clean_or(&n.owners, "—")), ("房号：", n.unit.clone()), ("建筑面积：", area)];
    let second = [
        ("计费期间：", p.batch.period.label()),
        ("缴费截止日：", p.batch.due_date.format("%Y年%m月%d日").to_string()),
        ("通知日期：", p.batch.as_of.format("%Y年%m月%d日").to_string()),
    ];
    for (row, base) in [(first, top + 6.3), (second, top + 13.0)] {
        for (i, (label, value)) in row.iter().enumerate() {
            field(c, (cols[i], base), widths[i], label, value, adv);
        }
    }
    top + h
}

fn greeting(c: &mut Canvas, p: &Page, top: f32, adv: &impl Fn(char) -> f32) {
    let owners = clean(&p.notice.owners);
    let to = if owners.is_empty() { "尊敬的业主：".to_string() } else { format!("尊敬的{owners}：") };
    c.text(LEFT, top + 7.0, TEXT_SIZE, &truncate(&to, WIDTH, TEXT_SIZE, adv));
    let body = format!(
        "您好！现将贵户（{}）{}物业服务等费用通知如下，请于{}前缴纳。如已缴纳，请忽略本通知。",
        p.notice.unit,
        p.batch.period.label(),
        p.batch.due_date.format("%Y年%m月%d日")
    );
    let indent = text_width("　　", TEXT_SIZE, adv);
    for (i, line) in wrap_capped(&body, WIDTH - indent, TEXT_SIZE, 2, adv).iter().enumerate() {
        c.text(LEFT + if i == 0 { indent } else { 0.0 }, top + 13.0 + i as f32 * LINE, TEXT_SIZE, line);
    }
}

/// A heading in bold with a short bar before it; returns where its content starts.
fn heading(c: &mut Canvas, top: f32, text: &str) -> f32 {
    c.ink(Ink::Black);
    c.fill_rect(LEFT, top + 1.6, 1.2, 4.2);
    c.bold_text(LEFT + 3.0, top + 5.4, HEADING_SIZE, text);
    top + HEADING
}

/// A ruled table with a shaded header and a total row; returns its bottom edge.
fn table(c: &mut Canvas, top: f32, columns: &[Column], rows: &[Row], (total_label, total): (&str, Money), row_h: f32, adv: &impl Fn(char) -> f32) -> f32 {
    let mut edges = vec![LEFT];
    for (_, share, _) in columns {
        edges.push(edges[edges.len() - 1] + share * WIDTH);
    }
    let size = (row_h / ROW * 9.5).clamp(7.5, 9.5);
    let middle = |y: f32, h: f32, s: f32| y + h / 2.0 + MIDDLE * s * MM_PER_PT;
    c.ink(Ink::Shade);
    c.fill_rect(LEFT, top, WIDTH, HEADER_ROW);
    c.ink(Ink::Black);
    for (i, (name, _, _)) in columns.iter().enumerate() {
        let s = fit_size(name, edges[i + 1] - edges[i] - 2.0, 9.5, 7.0, adv);
        c.bold_text(centered_x(edges[i], edges[i + 1] - edges[i], name, s, adv), middle(top, HEADER_ROW, s), s, name);
    }
    let mut y = top + HEADER_ROW;
    c.line((LEFT, y), (RIGHT, y), 0.5);
    let last = columns.len() - 1;
    for row in rows {
        let amount = row.amount.grouped();
        let cells = row.cells.iter().map(String::as_str).chain((row.cells.len()..last).map(|_| "")).chain([amount.as_str()]);
        for (i, text) in cells.enumerate() {
            let room = edges[i + 1] - edges[i] - 3.2;
            let text = truncate(&clean(text), room, size, adv);
            let x = if columns[i].2 { right_aligned_x(edges[i + 1] - 1.6, &text, size, adv) } else { edges[i] + 1.6 };
            c.text(x, middle(y, row_h, size), size, &text);
        }
        y += row_h;
        c.ink(Ink::Grey);
        c.line((LEFT, y), (RIGHT, y), 0.3);
        c.ink(Ink::Black);
    }
    c.line((LEFT, y), (RIGHT, y), 0.5);
    c.bold_text(edges[0] + 1.6, middle(y, ROW, 9.5), 9.5, total_label);
    let figure = total.grouped();
    c.bold_text(right_aligned_x(RIGHT - 1.6, &figure, 9.5, adv), middle(y, ROW, 9.5), 9.5, &figure);
    let bottom = y + ROW;
    for &x in &edges[1..last] {
        c.line((x, top), (x, y), 0.35);
    }
    c.line((edges[last], top), (edges[last], bottom), 0.35);
    c.rect(LEFT, top, WIDTH, bottom - top, 0.9);
    bottom
}

/// The sum due: how it is made up on the left, the total in figures and
/// capitals on the right, the due date under it. Returns the box's bottom.
fn summary(c: &mut Canvas, p: &Page, top: f32, adv: &impl Fn(char) -> f32) -> f32 {
    let (s, due) = (&p.notice.sums, &p.notice.due);
    let split = LEFT + 0.48 * WIDTH;
    c.rect(LEFT, top, WIDTH, SUMMARY_H, 0.9);
    c.line((split, top), (split, top + SUMMARY_H), 0.35);
    let minus = |m: Money| format!("-{}", m.grouped());
    let mut parts = vec![("本期费用", s.billed.grouped()), ("往期欠费", s.arrears.grouped())];
    for (label, m) in [("预存已抵扣", s.prepaid_applied), ("已缴", s.paid), ("减免", s.waived), ("预存余额抵扣", due.credit_applied)] {
        if !m.is_zero() {
            parts.push((label, minus(m)));
        }
    }
    let step = (SUMMARY_H - 4.0) / parts.len().max(5) as f32;
    for (i, (label, figure)) in parts.iter().enumerate() {
        let base = top + 2.0 + step * (i as f32 + 0.5) + MIDDLE * 9.5 * MM_PER_PT;
        c.text(LEFT + 3.0, base, 9.5, label);
        c.text(right_aligned_x(split - 3.0, figure, 9.5, adv), base, 9.5, figure);
    }
    let (x, w) = (split + 4.0, RIGHT - split - 8.0);
    c.bold_text(x, top + 7.0, HEADING_SIZE, "本次应缴合计");
    let figure = format!("¥{}", due.total.grouped());
    let size = fit_size(&figure, w - text_width("本次应缴合计", HEADING_SIZE, adv) - 4.0, 18.0, 11.0, adv);
    c.ink(Ink::Red);
    c.bold_text(right_aligned_x(RIGHT - 4.0, &figure, size, adv), top + 8.0, size, &figure);
    c.ink(Ink::Black);
    let words = format!("人民币（大写）：{}", due.total.capitals());
    let size = fit_size(&words, w, 9.5, 7.0, adv);
    c.text(x, top + 15.5, size, &truncate(&words, w, size, adv));
    let deadline = format!("缴费截止日：{}", p.batch.due_date.format("%Y年%m月%d日"));
    c.bold_text(x, top + 22.5, 10.0, &deadline);
    let left = s.credit_held - due.credit_applied;
    if left.is_positive() {
        let note = format!("预存余额尚余 {} 元，将自动抵扣以后的账单。", left.grouped());
        c.ink(Ink::Grey);
        c.text(x, top + 28.0, 8.0, &truncate(&note, w, 8.0, adv));
        c.ink(Ink::Black);
    }
    top + SUMMARY_H
}

fn contact_lines(p: &Page, adv: &impl Fn(char) -> f32) -> Vec<String> {
    let mut parts = Vec::new();
    for (label, value) in [("服务中心电话：", &p.batch.office_phone), ("地址：", &p.batch.office_address)] {
        let value = clean(value);
        if !value.is_empty() {
            parts.push(format!("{label}{value}"));
        }
    }
    wrap_capped(&parts.join("　　"), WIDTH, TEXT_SIZE, 2, adv).into_iter().filter(|l| !l.is_empty()).collect()
}

fn lines(c: &mut Canvas, top: f32, lines: &[String]) -> f32 {
    for (i, line) in lines.iter().enumerate() {
        c.text(LEFT + 3.0, top + 3.6 + i as f32 * LINE, TEXT_SIZE, line);
    }
    top + lines.len() as f32 * LINE + 1.0
}

/// Who issued it and when, on the right; the page's place in the batch under a rule.
fn footer(c: &mut Canvas, p: &Page, adv: &impl Fn(char) -> f32) {
    let issuer = clean(&p.batch.issuer);
    let issuer = truncate(&issuer, WIDTH * 0.6, TEXT_SIZE, adv);
    c.text(right_aligned_x(RIGHT, &issuer, TEXT_SIZE, adv), FOOTER_TOP + 6.0, TEXT_SIZE, &issuer);
    let date = p.batch.as_of.format("%Y年%m月%d日").to_string();
    c.text(right_aligned_x(RIGHT, &date, TEXT_SIZE, adv), FOOTER_TOP + 12.0, TEXT_SIZE, &date);
    c.ink(Ink::Grey);
    c.line((LEFT, FOOTER_TOP + 16.5), (RIGHT, FOOTER_TOP + 16.5), 0.3);
    let note = format!("{}　收费通知单　第 {} 页／共 {} 页", p.notice.unit, p.number, p.pages);
    c.text(centered_x(LEFT, WIDTH, &note, 8.0, adv), FOOTER_TOP + 21.0, 8.0, &note);
    c.ink(Ink::Black);
}
