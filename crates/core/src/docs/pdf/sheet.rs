//! An A4 portrait office sheet (交接单 and the like): a title, a block of
//! labelled fields, headed tables and notes flowing down the page (a table
//! continues on the next page with its header repeated), and signature lines
//! at the end. The document says what to print; this file decides where.

use std::ops::{Deref, DerefMut};

use printpdf::{FontId, PdfDocument, PdfPage};

use super::PdfError;
use super::canvas::{Canvas, Ink};
use super::flow::{Flow, a4_page};
use super::font::{self, Face};
use super::layout::{MM_PER_PT, centered_x, right_aligned_x, text_width, truncate, wrap, wrap_capped};
use super::receipt::clean;

/// Everything printed on a sheet. Texts are printed as given.
#[derive(Debug, Clone)]
pub struct SheetDoc {
    pub title: String,
    /// The issuer above the title, e.g. "翠湖花园物业服务中心".
    pub issuer: String,
    /// Label and value pairs, two to a line; an odd last one has the whole line.
    pub fields: Vec<(String, String)>,
    pub blocks: Vec<SheetBlock>,
    /// One signature line each, e.g. "交款人（签字）".
    pub signatures: Vec<String>,
    /// Small print at the foot of every page (printed when, by whom).
    pub footer: String,
}

#[derive(Debug, Clone)]
pub enum SheetBlock {
    Heading(String),
    Table(SheetTable),
    /// A paragraph; it wraps.
    Text(String),
}

#[derive(Debug, Clone)]
pub struct SheetTable {
    pub columns: Vec<SheetColumn>,
    pub rows: Vec<Vec<String>>,
    /// A last row set off by a rule (合计).
    pub total: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct SheetColumn {
    pub title: String,
    /// Share of the table's width (any scale: shares are divided by their sum).
    pub share: f32,
    /// Amounts and counts are right-aligned.
    pub right: bool,
}

const PAGE_W: f32 = super::A4_W;
const PAGE_H: f32 = super::A4_H;
const LEFT: f32 = 18.0;
const RIGHT: f32 = PAGE_W - 18.0;
const TOP: f32 = 16.0;
/// Content stops here; the footer sits below.
const BOTTOM: f32 = PAGE_H - 18.0;
const BODY: f32 = 10.0;
const TITLE: f32 = 17.0;
const HEADING: f32 = 11.0;
const PAD: f32 = 1.2;
/// Lines a table cell may wrap to before the rest is cut with "…".
const CELL_LINES: usize = 3;
const SIGNATURE_H: f32 = 26.0;

fn line_h(size: f32) -> f32 {
    size * MM_PER_PT * 1.35
}

/// Renders the sheet on as many A4 pages as it needs.
pub fn sheet_pdf(doc: &SheetDoc) -> Result<Vec<u8>, PdfError> {
    let face = font::face()?;
    let mut pdf = PdfDocument::new(&doc.title);
    let pages = draw(doc, face, pdf.add_font(&face.font));
    let count = pages.len();
    let pdf_pages: Vec<PdfPage> = pages
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            footer(&mut c, face, &doc.footer, i + 1, count);
            a4_page(c)
        })
        .collect();
    super::save(pdf, pdf_pages)
}

/// The pages of the sheet, without their footers (which need the page count).
fn draw(doc: &SheetDoc, face: &Face, font: FontId) -> Vec<Canvas> {
    let mut w = Writer(Flow::new(face, font, TOP, BOTTOM));
    w.head(doc);
    for block in &doc.blocks {
        match block {
            SheetBlock::Heading(text) => w.heading(text),
            SheetBlock::Text(text) => w.paragraph(text),
            SheetBlock::Table(t) => w.table(t),
        }
    }
    w.signatures(&doc.signatures);
    w.0.finish()
}

fn footer(c: &mut Canvas, face: &Face, text: &str, page: usize, pages: usize) {
    let adv = |ch: char| face.advance_em(ch);
    let size = 8.0;
    c.ink(Ink::Grey);
    let base = PAGE_H - 10.0;
    c.text(LEFT, base, size, &truncate(&clean(text), RIGHT - LEFT - 30.0, size, &adv));
    let numbers = format!("第 {page} 页 / 共 {pages} 页");
    c.text(right_aligned_x(RIGHT, &numbers, size, &adv), base, size, &numbers);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Header,
    Body,
    Total,
}

/// The sheet's blocks drawn down the pages of a `Flow`.
struct Writer<'a>(Flow<'a>);

impl<'a> Deref for Writer<'a> {
    type Target = Flow<'a>;
    fn deref(&self) -> &Flow<'a> {
        &self.0
    }
}

impl DerefMut for Writer<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Writer<'_> {
    fn canvas(&mut self) -> &mut Canvas {
        &mut self.0.canvas
    }

    fn head(&mut self, doc: &SheetDoc) {
        let width = RIGHT - LEFT;
        let (issuer, title) = (clean(&doc.issuer), clean(&doc.title));
        let x_issuer = centered_x(LEFT, width, &issuer, 11.0, &self.adv());
        let x_title = centered_x(LEFT, width, &title, TITLE, &self.adv());
        let y = self.y;
        let c = self.canvas();
        c.text(x_issuer, y + 5.0, 11.0, &issuer);
        c.bold_text(x_title, y + 14.0, TITLE, &title);
        self.y += 22.0;
        let half = width / 2.0;
        for pair in doc.fields.chunks(2) {
            let y = self.y + line_h(BODY);
            let room = if pair.len() == 1 { width } else { half };
            for (i, (label, value)) in pair.iter().enumerate() {
                let x = LEFT + i as f32 * half;
                let label = format!("{}：", clean(label));
                let label_w = text_width(&label, BODY, &self.adv());
                let value = truncate(&clean(value), room - label_w - 3.0, BODY, &self.adv());
                let c = self.canvas();
                c.ink(Ink::Grey);
                c.text(x, y, BODY, &label);
                c.ink(Ink::Black);
                c.text(x + label_w, y, BODY, &value);
            }
            self.y += line_h(BODY) + 1.2;
        }
        self.y += 2.0;
        let y = self.y;
        self.canvas().line((LEFT, y), (RIGHT, y), 0.8);
        self.y += 3.0;
    }

    fn heading(&mut self, text: &str) {
        // A heading is never left alone at the foot of a page.
        self.room(line_h(HEADING) + 3.0 * line_h(BODY));
        self.y += line_h(HEADING) + 1.5;
        let y = self.y;
        self.canvas().bold_text(LEFT, y, HEADING, &clean(text));
        self.y += 2.5;
    }

    fn paragraph(&mut self, text: &str) {
        for line in wrap(&clean(text), RIGHT - LEFT, BODY, &self.adv()) {
            self.room(line_h(BODY));
            self.y += line_h(BODY);
            let y = self.y;
            self.canvas().text(LEFT, y, BODY, &line);
        }
        self.y += 1.5;
    }

    fn table(&mut self, t: &SheetTable) {
        let shares: f32 = t.columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
        let mut edges = vec![LEFT];
        for col in &t.columns {
            let last = edges.last().copied().unwrap_or(LEFT);
            edges.push(last + (RIGHT - LEFT) * col.share / shares);
        }
        let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
        self.room(3.0 * (line_h(BODY) + 2.0 * PAD));
        self.row(&t.columns, &edges, &header, Style::Header);
        for row in &t.rows {
            let height = self.row_height(&edges, row);
            if self.room(height) {
                self.row(&t.columns, &edges, &header, Style::Header);
            }
            self.row(&t.columns, &edges, row, Style::Body);
        }
        if let Some(total) = &t.total {
            let height = self.row_height(&edges, total);
            self.room(height);
            let y = self.y;
            self.canvas().line((LEFT, y), (RIGHT, y), 0.8);
            self.row(&t.columns, &edges, total, Style::Total);
        }
        let y = self.y;
        self.canvas().line((LEFT, y), (RIGHT, y), 0.8);
        self.y += 3.0;
    }

    fn cells(&self, edges: &[f32], row: &[String]) -> Vec<Vec<String>> {
        row.iter().enumerate().map(|(i, text)| {
            let w = edges.get(i + 1).zip(edges.get(i)).map_or(10.0, |(r, l)| r - l) - 2.0 * PAD;
            wrap_capped(&clean(text), w, BODY, CELL_LINES, &self.adv())
        }).collect()
    }

    fn row_height(&self, edges: &[f32], row: &[String]) -> f32 {
        let lines = self.cells(edges, row).iter().map(Vec::len).max().unwrap_or(1).max(1);
        lines as f32 * line_h(BODY) + 2.0 * PAD
    }

    /// One row; header and total rows are set heavier, the header between rules.
    fn row(&mut self, columns: &[SheetColumn], edges: &[f32], row: &[String], style: Style) {
        let cells = self.cells(edges, row);
        let height = self.row_height(edges, row);
        let top = self.y;
        let adv = self.adv();
        let mut ops: Vec<(f32, f32, String)> = Vec::new();
        for (i, lines) in cells.iter().enumerate() {
            let (l, r) = (edges[i], edges.get(i + 1).copied().unwrap_or(RIGHT));
            let right = columns.get(i).is_some_and(|c| c.right);
            for (n, line) in lines.iter().enumerate() {
                let base = top + PAD + (n as f32 + 0.8) * line_h(BODY);
                let x = if right { right_aligned_x(r - PAD, line, BODY, &adv) } else { l + PAD };
                ops.push((x, base, line.clone()));
            }
        }
        let (header, strong) = (style == Style::Header, style != Style::Body);
        let c = self.canvas();
        if header {
            c.line((LEFT, top), (RIGHT, top), 0.8);
        }
        for (x, base, text) in ops {
            if strong { c.bold_text(x, base, BODY, &text) } else { c.text(x, base, BODY, &text) }
        }
        self.y += height;
        let y = self.y;
        let c = self.canvas();
        if header {
            c.line((LEFT, y), (RIGHT, y), 0.5);
        } else {
            c.ink(Ink::Grey);
            c.line((LEFT, y), (RIGHT, y), 0.2);
            c.ink(Ink::Black);
        }
    }

    /// Signature and date lines side by side, kept together at the end.
    fn signatures(&mut self, labels: &[String]) {
        if labels.is_empty() {
            return;
        }
        self.room(SIGNATURE_H);
        self.y += 12.0;
        let width = (RIGHT - LEFT) / labels.len() as f32;
        let y = self.y;
        let adv = self.adv();
        let placed: Vec<(f32, String, f32)> = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let label = format!("{}：", clean(label));
                let x = LEFT + i as f32 * width;
                let w = text_width(&label, BODY, &adv);
                (x, label, w)
            })
            .collect();
        let date_w = text_width("日期：", BODY, &adv);
        let c = self.canvas();
        for (x, label, w) in placed {
            let end = x + width - 8.0;
            c.text(x, y, BODY, &label);
            c.line((x + w, y + 1.0), (end, y + 1.0), 0.5);
            c.text(x, y + 11.0, BODY, "日期：");
            c.line((x + date_w, y + 12.0), (end, y + 12.0), 0.5);
        }
        self.y += SIGNATURE_H - 12.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(rows: usize) -> SheetDoc {
        let columns = ["项目", "笔数", "金额（元）"].iter().enumerate().map(|(i, t)| SheetColumn { title: t.to_string(), share: 1.0, right: i > 0 }).collect();
        let rows = (0..rows).map(|i| vec![format!("物业服务费{i}"), "1".into(), "100.00".into()]).collect();
        SheetDoc {
            title: "收款日结交接单".into(),
            issuer: "翠湖花园物业服务中心".into(),
            fields: vec![("收款人".into(), "张三".into())],
            blocks: vec![SheetBlock::Table(SheetTable { columns, rows, total: Some(vec!["合计".into(), "".into(), "".into()]) })],
            signatures: vec!["交款人（签字）".into(), "接收人（签字）".into()],
            footer: "打印".into(),
        }
    }

    #[test]
    fn a_long_table_continues_on_the_next_page() {
        let face = font::face().unwrap();
        let pages = |rows| draw(&doc(rows), face, PdfDocument::new("t").add_font(&face.font)).len();
        assert_eq!(pages(10), 1);
        assert!(pages(200) >= 3, "{}", pages(200));
        let pdf = sheet_pdf(&doc(200)).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
}
