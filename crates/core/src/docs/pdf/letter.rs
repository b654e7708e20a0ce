//! The 催缴函 (dunning letter): A4 portrait, one letter per unit, a batch of
//! them in one PDF with the font subset once for the whole file.
//!
//! A letter is set like an office's formal letter (公函): the issuer's name in
//! red over a red double rule, the title, the number, the salutation, the
//! body with its first lines indented, the itemised arrears in a ruled
//! table with the total in figures and capitals, the deadline and how to
//! pay, then the issuer and the date for the seal. A 送达回执 slip can sit
//! below a cut line at the foot of the page (or on its own page when the
//! letter is long). Text flows onto a continuation page when it must.

use chrono::{Datelike, NaiveDate};
use printpdf::PdfDocument;

use super::PdfError;
use super::canvas::Ink;
use super::flow::{Flow, a4_page};
use super::font;
use super::layout::{centered_x, em, fit_size, right_aligned_x, text_width, truncate, wrap, wrap_indented};
use super::receipt_page::MIDDLE;
use super::receipt::clean;
use crate::money::Money;

/// One line of the letter's table: a fee item, the months owed, the amount.
#[derive(Debug, Clone)]
pub struct LetterLine {
    pub item: String,
    /// "2023-01至2024-06、2024-09"
    pub periods: String,
    pub amount: Money,
}

/// Everything printed on one letter. Texts are printed as given.
#[derive(Debug, Clone)]
pub struct LetterDoc {
    pub letter_no: String,
    /// Who writes: "翠湖花园物业服务中心".
    pub issuer: String,
    /// The owners' names, joined with 、; may be empty.
    pub addressee: String,
    pub unit_code: String,
    /// The body, placeholders already filled; '\n' separates paragraphs.
    pub body: String,
    pub lines: Vec<LetterLine>,
    /// Late fee to the letter's date, where the estate charges one.
    pub late_fee: Option<Money>,
    /// Arrears plus late fee.
    pub total: Money,
    pub deadline: NaiveDate,
    pub payment: String,
    pub address: String,
    pub phone: String,
    pub date: NaiveDate,
    pub with_slip: bool,
}

const PAGE_W: f32 = super::A4_W;
const PAGE_H: f32 = super::A4_H;
const LEFT: f32 = 25.0;
const RIGHT: f32 = PAGE_W - 25.0;
const TOP: f32 = 15.0;
const BOTTOM: f32 = PAGE_H - 18.0;
const BODY_SIZE: f32 = 11.0;
const TABLE_SIZE: f32 = 10.5;
const SLIP_SIZE: f32 = 10.0;
/// Line spacing of the body, in em (公文 use about 1.75; a little less keeps the slip on the page).
const BODY_LEADING: f32 = 1.6;
const CELL_PAD: f32 = 1.8;
/// The slip takes the foot of the page from here down.
const SLIP_TOP: f32 = PAGE_H - 10.0 - 60.0;
/// The table's columns: 收费项目, 欠费期间, 金额（元）.
const COLUMNS: [f32; 4] = [LEFT, LEFT + 38.0, RIGHT - 38.0, RIGHT];


/// "2026年11月23日".
fn written(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Renders the letters as one PDF, in the order given; `progress(done, total)`
/// after each letter is laid out.
pub fn letters_pdf(docs: &[LetterDoc], progress: &mut dyn FnMut(usize, usize)) -> Result<Vec<u8>, PdfError> {
    let face = font::face()?;
    let mut pdf = PdfDocument::new("催缴函");
    // One font resource for the whole file: it is subset once, over every letter.
    let font_id = pdf.add_font(&face.font);
    let mut pages = Flow::new(face, font_id, TOP, BOTTOM);
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            pages.break_page();
        }
        letter(&mut pages, doc);
        progress(i + 1, docs.len());
    }
    super::save(pdf, pages.finish().into_iter().map(a4_page).collect())
}

/// Room for `h` mm more on this page, or a continuation page headed with the letter's number.
fn need(p: &mut Flow, h: f32, doc: &LetterDoc) {
    if !p.room(h) {
        return;
    }
    let text = format!("催缴函（续页）  编号：{}", clean(&doc.letter_no));
    let x = right_aligned_x(RIGHT, &text, 9.0, &p.adv());
    p.canvas.ink(Ink::Grey);
    p.canvas.text(x, TOP, 9.0, &text);
    p.canvas.ink(Ink::Black);
    p.y = TOP + 8.0;
}

fn letter(p: &mut Flow, doc: &LetterDoc) {
    heading(p, doc);
    body(p, doc);
    arrears_table(p, doc);
    payment(p, doc);
    signature(p, doc);
    if doc.with_slip {
        if p.y > SLIP_TOP - 2.0 {
            p.break_page();
        }
        slip(p, doc);
    }
}

/// The issuer in red over the red double rule, the title, the number.
fn heading(p: &mut Flow, doc: &LetterDoc) {
    let adv = p.adv();
    let c = &mut p.canvas;
    let issuer = clean(&doc.issuer);
    let size = fit_size(&issuer, RIGHT - LEFT, 20.0, 12.0, &adv);
    c.ink(Ink::Red);
    c.bold_text(centered_x(LEFT, RIGHT - LEFT, &issuer, size, &adv), TOP + 9.0, size, &issuer);
    c.line((LEFT, TOP + 14.0), (RIGHT, TOP + 14.0), 2.2);
    c.line((LEFT, TOP + 15.4), (RIGHT, TOP + 15.4), 0.6);
    c.ink(Ink::Black);
    let title = "催 缴 函";
    c.bold_text(centered_x(LEFT, RIGHT - LEFT, title, 22.0, &adv), TOP + 30.0, 22.0, title);
    let number = format!("编号：{}", clean(&doc.letter_no));
    c.text(right_aligned_x(RIGHT, &number, 10.5, &adv), TOP + 37.0, 10.5, &number);
    p.y = TOP + 46.0;
}

/// The salutation and the body's paragraphs, first lines indented two characters.
fn body(p: &mut Flow, doc: &LetterDoc) {
    let unit = clean(&doc.unit_code);
    let name = clean(&doc.addressee);
    let salutation = if name.is_empty() { format!("尊敬的 {unit} 房屋业主：") } else { format!("尊敬的 {unit} 房屋业主 {name}：") };
    let lh = em(BODY_SIZE) * BODY_LEADING;
    let salutation = truncate(&salutation, RIGHT - LEFT, BODY_SIZE, &p.adv());
    p.canvas.text(LEFT, p.y, BODY_SIZE, &salutation);
    p.y += lh;
    let indent = 2.0 * em(BODY_SIZE);
    let paragraphs = wrap_indented(doc.body.trim(), RIGHT - LEFT, indent, BODY_SIZE, &p.adv());
    for lines in paragraphs {
        for (i, line) in lines.iter().enumerate() {
            need(p, lh, doc);
            let x = if i == 0 { LEFT + indent } else { LEFT };
            p.canvas.text(x, p.y, BODY_SIZE, line);
            p.y += lh;
        }
    }
    p.y += 1.0;
}

/// The ruled table of what is owed: one row per fee item with its months,
/// the late fee, and the total in capitals and figures.
fn arrears_table(p: &mut Flow, doc: &LetterDoc) {
    let header = ["收费项目", "欠费期间", "金额（元）"].map(|h| vec![h.to_string()]);
    let top = p.y - em(BODY_SIZE) + 2.0;
    p.y = top;
    row(p, &header, true, doc);
    for line in &doc.lines {
        let cells = [vec![clean(&line.item)], wrap(&clean(&line.periods), cell_w(1), TABLE_SIZE, &p.adv()), vec![line.amount.grouped()]];
        row(p, &cells, false, doc);
    }
    if let Some(fee) = doc.late_fee {
        let cells = [vec!["违约金".to_string()], vec![format!("计至{}", written(doc.date))], vec![fee.grouped()]];
        row(p, &cells, false, doc);
    }
    // 合计: the capitals across the first two columns, the figure under 金额.
    let words = format!("合计（人民币大写）：{}", doc.total.capitals());
    let h = 9.0;
    need(p, h, doc);
    let adv = p.adv();
    let y = p.y;
    let size = fit_size(&words, COLUMNS[2] - LEFT - 2.0 * CELL_PAD, TABLE_SIZE, 8.0, &adv);
    let base = y + h / 2.0 + MIDDLE * em(size);
    let figure = format!("¥{}", doc.total.grouped());
    let c = &mut p.canvas;
    c.text(LEFT + CELL_PAD, base, size, &words);
    c.bold_text(right_aligned_x(RIGHT - CELL_PAD, &figure, TABLE_SIZE, &adv), y + h / 2.0 + MIDDLE * em(TABLE_SIZE), TABLE_SIZE, &figure);
    c.rect(LEFT, y, RIGHT - LEFT, h, 0.5);
    c.line((COLUMNS[2], y), (COLUMNS[2], y + h), 0.5);
    p.y = y + h + 7.0;
}

fn cell_w(column: usize) -> f32 {
    COLUMNS[column + 1] - COLUMNS[column] - 2.0 * CELL_PAD
}

/// One ruled row of the table; amounts (the last column) against the right.
fn row(p: &mut Flow, cells: &[Vec<String>; 3], bold: bool, doc: &LetterDoc) {
    let lh = em(TABLE_SIZE) * 1.3;
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let h = (lines as f32 * lh + 3.0).max(7.0);
    need(p, h, doc);
    let adv = p.adv();
    let y = p.y;
    let c = &mut p.canvas;
    for (i, cell) in cells.iter().enumerate() {
        let first = y + (h - cell.len() as f32 * lh) / 2.0;
        for (k, text) in cell.iter().enumerate() {
            let base = first + (k as f32 + 0.5) * lh + MIDDLE * em(TABLE_SIZE);
            let x = match (i, bold) {
                (_, true) => centered_x(COLUMNS[i], COLUMNS[i + 1] - COLUMNS[i], text, TABLE_SIZE, &adv),
                (2, false) => right_aligned_x(COLUMNS[3] - CELL_PAD, text, TABLE_SIZE, &adv),
                _ => COLUMNS[i] + CELL_PAD,
            };
            if bold {
                c.bold_text(x, base, TABLE_SIZE, text);
            } else {
                c.text(x, base, TABLE_SIZE, text);
            }
        }
    }
    c.rect(LEFT, y, RIGHT - LEFT, h, 0.5);
    for x in &COLUMNS[1..3] {
        c.line((*x, y), (*x, y + h), 0.5);
    }
    p.y = y + h;
}

/// The deadline, how to pay and the office's contacts: "label：text", the
/// text wrapped under itself.
fn payment(p: &mut Flow, doc: &LetterDoc) {
    let size = 11.0;
    let lh = em(size) * 1.6;
    let mut fields = vec![("缴费期限：", format!("请于{}前缴清", written(doc.deadline)))];
    for (label, text) in [("缴费方式：", &doc.payment), ("服务中心地址：", &doc.address), ("联系电话：", &doc.phone)] {
        let text = clean(text);
        if !text.is_empty() {
            fields.push((label, text));
        }
    }
    for (label, text) in fields {
        let adv = p.adv();
        let label_w = text_width(label, size, &adv);
        let lines = wrap(&text, RIGHT - LEFT - label_w, size, &adv);
        need(p, lh, doc);
        p.canvas.bold_text(LEFT, p.y, size, label);
        for line in lines {
            need(p, lh, doc);
            p.canvas.text(LEFT + label_w, p.y, size, &line);
            p.y += lh;
        }
    }
}

/// The issuer and the date, centred over each other on the right, where the seal goes.
fn signature(p: &mut Flow, doc: &LetterDoc) {
    let h = 17.0;
    need(p, h, doc);
    let adv = p.adv();
    let (left, width) = (RIGHT - 75.0, 75.0);
    let issuer = truncate(&clean(&doc.issuer), width, BODY_SIZE, &adv);
    let date = written(doc.date);
    let y = p.y + 5.0;
    p.canvas.text(centered_x(left, width, &issuer, BODY_SIZE, &adv), y, BODY_SIZE, &issuer);
    p.canvas.text(centered_x(left, width, &date, BODY_SIZE, &adv), y + 7.0, BODY_SIZE, &date);
    p.y += h;
}

/// The 送达回执 below a cut line: who received which letter, how and when, signed.
fn slip(p: &mut Flow, doc: &LetterDoc) {
    let adv = p.adv();
    let c = &mut p.canvas;
    let top = SLIP_TOP;
    c.ink(Ink::Grey);
    c.dashed_line((10.0, top), (PAGE_W - 10.0, top), 0.5);
    let hint = "（请沿此线剪下，签收后交回物业服务中心）";
    c.text(centered_x(LEFT, RIGHT - LEFT, hint, 8.0, &adv), top + 4.5, 8.0, hint);
    c.ink(Ink::Black);
    let title = "送 达 回 执";
    c.bold_text(centered_x(LEFT, RIGHT - LEFT, title, 15.0, &adv), top + 12.0, 15.0, title);
    // Label, value, label, value; a row with one label spans the other three cells.
    let edges = [LEFT, LEFT + 32.0, LEFT + 80.0, LEFT + 108.0, RIGHT];
    let rows: [[&str; 4]; 6] = [
        ["函件编号", &doc.letter_no, "房号", &doc.unit_code],
        ["受送达人", &doc.addressee, "函件日期", &written(doc.date)],
        ["送达方式", "□ 直接送达　　□ 邮寄送达　　□ 留置送达", "", ""],
        ["挂号信/快递单号", "", "", ""],
        ["签收人（签字）", "", "签收日期", "　　　年　　月　　日"],
        ["送达人", "", "备注", ""],
    ];
    let h = 7.0;
    let mut y = top + 16.0;
    for cells in rows {
        let spans = cells[2].is_empty() && cells[3].is_empty();
        for (i, text) in cells.iter().enumerate() {
            let text = clean(text);
            let right = if spans && i == 1 { edges[4] } else { edges[i + 1] };
            let room = right - edges[i] - 2.0 * CELL_PAD;
            let size = fit_size(&text, room, SLIP_SIZE, 7.5, &adv);
            let text = truncate(&text, room, size, &adv);
            let base = y + h / 2.0 + MIDDLE * em(size);
            if i % 2 == 0 {
                c.text(centered_x(edges[i], right - edges[i], &text, size, &adv), base, size, &text);
            } else {
                c.text(edges[i] + CELL_PAD, base, size, &text);
            }
        }
        let inner: &[f32] = if spans { &edges[1..2] } else { &edges[1..4] };
        for x in inner {
            c.line((*x, y), (*x, y + h), 0.5);
        }
        y += h;
        c.line((LEFT, y), (RIGHT, y), 0.5);
    }
    c.rect(LEFT, top + 16.0, RIGHT - LEFT, y - top - 16.0, 0.9);
    p.y = y;
}
