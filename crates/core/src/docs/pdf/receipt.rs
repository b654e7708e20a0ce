//! The receipt (收款收据): what goes on it, and fitting its lines on the paper.
//!
//! The drawing of a page is in `receipt_page.rs`; this file decides the type
//! size and the table's columns so that every line of the receipt is printed.
//! Shrinking comes first (down to a size still readable from a dot-matrix
//! printer); on A4 the receipt may then grow from the top half to the whole
//! sheet; only when even that does not fit is the table continued on another
//! page. A cell's text wraps; it is cut with "…" only after three lines.

use chrono::NaiveDate;
use printpdf::{PdfDocument, PdfPage};

use super::PdfError;
use super::font::{self, Face};
use super::layout::{MM_PER_PT, text_width, wrap_capped};
use super::paper::{Frame, PaperSize};
use super::receipt_page::{self, PageInfo};
use crate::money::Money;

/// Whether this print is the original, a reprint, or of a voided receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptMark {
    Original,
    /// Printed again; `count` is the number of the reprint (1 = first reprint).
    Reprint {
        count: u32,
    },
    /// The receipt was voided; it keeps its number and prints with a stamp.
    Voided {
        reason: String,
    },
}

/// What the receipt is for: it decides the title and the first column's heading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReceiptKind {
    /// 收款收据: fees paid (and prepayment).
    #[default]
    Payment,
    /// 押金收据: a deposit held for the payer, owed back to them.
    Deposit,
}

impl ReceiptKind {
    pub fn title(self) -> &'static str {
        match self {
            ReceiptKind::Payment => "收款收据",
            ReceiptKind::Deposit => "押金收据",
        }
    }

    pub(crate) fn item_heading(self) -> &'static str {
        match self {
            ReceiptKind::Payment => "收费项目",
            ReceiptKind::Deposit => "押金项目",
        }
    }
}

/// One line of the receipt's table. Texts are printed as given.
#[derive(Debug, Clone)]
pub struct ReceiptLine {
    pub item: String,
    pub period: String,
    pub price: String,
    pub quantity: String,
    pub amount: Money,
}

/// Everything printed on a receipt.
#[derive(Debug, Clone)]
pub struct ReceiptDoc {
    pub kind: ReceiptKind,
    pub estate_name: String,
    /// The issuer line from settings, e.g. "翠湖花园物业服务中心"; may be empty.
    pub header: String,
    pub receipt_no: String,
    pub unit_code: String,
    pub payer: String,
    pub date: NaiveDate,
    pub lines: Vec<ReceiptLine>,
    pub total: Money,
    /// 现金/银行卡/微信/支付宝/转账
    pub method: String,
    pub reference: String,
    pub clerk: String,
    pub mark: ReceiptMark,
    /// The 联 labels of multi-part paper, e.g. "第一联 存根".
    pub copies: Vec<String>,
    pub paper: PaperSize,
}

/// Body type sizes tried in turn, largest first (points). 6 pt is about the
/// smallest a 24-pin dot-matrix printer still prints legibly; beyond that the
/// table continues on another page.
const SIZES: [f32; 9] = [10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0];
/// A form has room to write in: short receipts get blank rows up to this many.
const MIN_ROWS: usize = 7;
/// Type size of a table that is continued over pages anyway (points).
const PAGINATED_SIZE: f32 = 8.5;
/// Below this body size a receipt on A4 uses the whole sheet instead (points).
const COMFORTABLE_SIZE: f32 = 8.0;
/// Lines a table cell may wrap to before the rest is cut with "…".
const MAX_CELL_LINES: usize = 3;
/// Horizontal padding inside a table cell (mm).
pub(crate) const CELL_PAD: f32 = 1.6;
/// Width of the 联 column at the right edge (mm).
pub(crate) const COPIES_COLUMN: f32 = 8.0;

/// The table's geometry at one type size.
pub(crate) struct Table {
    pub size: f32,
    /// Left edges of the five columns, then the right edge of the last.
    pub edges: [f32; 6],
    pub rows: Vec<TableRow>,
}

/// One laid-out line of the receipt: the wrapped text of each cell.
pub(crate) struct TableRow {
    pub cells: [Vec<String>; 5],
    pub amount: String,
    pub height: f32,
}

impl Table {
    /// Height of a line of text inside a cell (mm).
    pub(crate) fn line_height(&self) -> f32 {
        line_height(self.size)
    }
}

fn line_height(size: f32) -> f32 {
    size * MM_PER_PT * 1.22
}

/// Space above and below the text of a row (mm).
fn row_padding(size: f32) -> f32 {
    size * MM_PER_PT * 0.32
}

/// Renders the receipt as a PDF: one page, or more only when its lines
/// cannot fit on one even in small type.
pub fn receipt_pdf(doc: &ReceiptDoc) -> Result<Vec<u8>, PdfError> {
    let face = font::face()?;
    let (frame, table) = place(doc, face);
    let right = content_right(doc, &frame);
    let pages = paginate(&table.rows, receipt_page::rows_budget(&frame));

    let mut pdf = PdfDocument::new(&format!("{} {}", doc.kind.title(), doc.receipt_no));
    let font_id = pdf.add_font(&face.font);
    let (page_w, page_h) = doc.paper.page_mm();
    let count = pages.len();
    let pdf_pages: Vec<PdfPage> = pages
        .into_iter()
        .enumerate()
        .map(|(i, rows)| {
            let info = PageInfo { doc, face, table: &table, rows, frame, right, page: i + 1, pages: count };
            let ops = receipt_page::draw(&info, page_h, font_id.clone());
            PdfPage::new(printpdf::Mm(page_w), printpdf::Mm(page_h), ops)
        })
        .collect();
    super::save(pdf, pdf_pages)
}

/// The right edge of the receipt's content: the 联 column takes the margin's inside.
fn content_right(doc: &ReceiptDoc, frame: &Frame) -> f32 {
    if doc.copies.iter().any(|c| !c.trim().is_empty()) { frame.right - COPIES_COLUMN } else { frame.right }
}

/// The frame the receipt is drawn in, and its table. On A4 a receipt takes
/// the top half of the sheet; one that would need small type (or a second
/// sheet) there grows down the page instead, since the paper is there.
fn place(doc: &ReceiptDoc, face: &Face) -> (Frame, Table) {
    let frame = doc.paper.frame_mm();
    let (table, one_page) = fit_table(doc, face, &frame);
    match doc.paper.tall_frame_mm() {
        Some(tall) if !one_page || table.size < COMFORTABLE_SIZE => (tall, fit_table(doc, face, &tall).0),
        _ => (frame, table),
    }
}

/// The largest type size at which all rows fit on one page, and whether
/// they do. When they cannot, the pages are several anyway, so they get a
/// comfortable size again.
fn fit_table(doc: &ReceiptDoc, face: &Face, frame: &Frame) -> (Table, bool) {
    let (left, right) = (frame.left, content_right(doc, frame));
    let budget = receipt_page::rows_budget(frame);
    let fits = |t: &Table| t.rows.iter().map(|r| r.height).sum::<f32>() <= budget;
    let at = |i: usize| layout_table(doc, face, left, right, SIZES[i]);
    // Most receipts fit at the largest size; otherwise bisect the sizes
    // (smaller type never needs more room), between one that does not fit
    // (`lo`) and one that does (`hi`).
    let (mut table, mut one_page) = (at(0), true);
    if !fits(&table) {
        let (mut lo, mut hi) = (0, SIZES.len() - 1);
        table = at(hi);
        one_page = fits(&table);
        while one_page && hi - lo > 1 {
            let mid = (lo + hi) / 2;
            let candidate = at(mid);
            if fits(&candidate) {
                (hi, table) = (mid, candidate);
            } else {
                lo = mid;
            }
        }
        if !one_page {
            table = layout_table(doc, face, left, right, PAGINATED_SIZE);
        }
    }
    let blank = line_height(table.size) + 2.0 * row_padding(table.size);
    let mut used: f32 = table.rows.iter().map(|r| r.height).sum();
    while table.rows.len() < MIN_ROWS && used + blank <= budget {
        table.rows.push(TableRow { cells: Default::default(), amount: String::new(), height: blank });
        used += blank;
    }
    (table, one_page)
}

/// Splits the rows into pages of at most `budget` mm each (at least one row a page).
fn paginate(rows: &[TableRow], budget: f32) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let (mut start, mut used) = (0, 0.0);
    for (i, row) in rows.iter().enumerate() {
        if i > start && used + row.height > budget {
            pages.push(start..i);
            (start, used) = (i, 0.0);
        }
        used += row.height;
    }
    pages.push(start..rows.len());
    pages
}

/// Column widths and wrapped rows at one type size.
///
/// The number columns take what their widest entry needs (within a cap, past
/// which they wrap too); the item name gets everything left, since that is
/// the text that runs long.
fn layout_table(doc: &ReceiptDoc, face: &Face, left: f32, right: f32, size: f32) -> Table {
    let adv = |c: char| face.advance_em(c);
    let width = right - left;
    let widest = |header: &str, texts: &mut dyn Iterator<Item = &str>| {
        texts.map(|t| text_width(t, size, &adv)).fold(text_width(header, size, &adv), f32::max) + 2.0 * CELL_PAD
    };
    let amounts: Vec<String> = doc.lines.iter().map(|l| l.amount.grouped()).collect();
    let total = format!("¥{}", doc.total.grouped());
    let amount_w = widest("金额（元）", &mut amounts.iter().map(String::as_str).chain([total.as_str()]))
        .clamp(0.13 * width, 0.25 * width);
    let quantity_w =
        widest("数量", &mut doc.lines.iter().map(|l| l.quantity.as_str())).clamp(0.08 * width, 0.13 * width);
    let price_w = widest("单价", &mut doc.lines.iter().map(|l| l.price.as_str())).clamp(0.10 * width, 0.17 * width);
    let period_w =
        widest("所属期间", &mut doc.lines.iter().map(|l| l.period.as_str())).clamp(0.14 * width, 0.24 * width);
    let item_w = width - amount_w - quantity_w - price_w - period_w;
    let widths = [item_w, period_w, price_w, quantity_w, amount_w];
    let mut edges = [left; 6];
    for (i, w) in widths.iter().enumerate() {
        edges[i + 1] = edges[i] + w;
    }
    edges[5] = right;

    let lh = line_height(size);
    let pad_v = row_padding(size);
    let rows = doc
        .lines
        .iter()
        .zip(amounts)
        .map(|(line, amount)| {
            let texts = [line.item.as_str(), &line.period, &line.price, &line.quantity, ""];
            let cells = std::array::from_fn(|i| {
                let inner = widths[i] - 2.0 * CELL_PAD;
                wrap_capped(&clean(texts[i]), inner, size, MAX_CELL_LINES, &adv)
            });
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            TableRow { cells, amount, height: lines as f32 * lh + 2.0 * pad_v }
        })
        .collect();
    Table { size, edges, rows }
}

/// Text from the database as one printable line: tabs, returns and other
/// control characters would print as boxes.
pub(crate) fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}
