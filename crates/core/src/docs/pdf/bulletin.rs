//! A notice for the notice board (通知/公告), A4 portrait, set as offices post
//! them: the title large and centred (a short one spaced out, 停 水 通 知), the
//! salutation flush left, the paragraphs with their first line indented two
//! characters, in type large enough to read from a step back; then the
//! office's name and the date at the right (落款), optionally over a marked
//! place for the stamp (盖章处). A long body flows onto more pages, numbered;
//! the 落款 never sits alone at the top of a page without the body's last line.

use printpdf::PdfDocument;

use super::PdfError;
use super::canvas::Ink;
use super::flow::{Flow, a4_page};
use super::font;
use super::layout::{centered_x, em, fit_size, right_aligned_x, text_width, truncate, wrap, wrap_indented};
use super::receipt::clean;

/// Everything printed on a notice. Texts are printed as given.
#[derive(Debug, Clone)]
pub struct BulletinDoc {
    /// GG20261123-01, small at the top right.
    pub number: String,
    pub title: String,
    /// Paragraphs separated by '\n'.
    pub body: String,
    /// "翠湖花园物业服务中心".
    pub issuer: String,
    /// "2026年11月23日".
    pub date: String,
    /// Leave a marked place for the stamp over the 落款.
    pub seal: bool,
}

const PAGE_W: f32 = super::A4_W;
const PAGE_H: f32 = super::A4_H;
const LEFT: f32 = 25.0;
const RIGHT: f32 = PAGE_W - 25.0;
const TOP: f32 = 22.0;
/// Content stops here; the page number sits below.
const BOTTOM: f32 = PAGE_H - 22.0;
const TITLE_SIZE: f32 = 26.0;
/// A title too long for one line at this size is wrapped rather than shrunk further.
const TITLE_MIN: f32 = 20.0;
const BODY_SIZE: f32 = 15.0;
/// Line spacing of the body, in em: generous, as on posted notices.
const LEADING: f32 = 1.75;
/// Extra space between paragraphs, in em.
const PARAGRAPH_GAP: f32 = 0.35;
/// The 落款 block: its width, the gap above it, its height (name, date).
const SIGN_W: f32 = 80.0;
const SIGN_GAP: f32 = 16.0;
const SIGN_H: f32 = 16.0;
const SEAL_R: f32 = 20.0;

/// The title as set: a short one (up to six characters, no spaces) spaced out.
fn spaced(title: &str) -> String {
    let n = title.chars().count();
    if n <= 6 && !title.contains(' ') {
        title.chars().map(String::from).collect::<Vec<_>>().join(" ")
    } else {
        title.to_string()
    }
}

/// A salutation (尊敬的各位业主、住户：) is set flush left, not indented.
fn is_salutation(i: usize, paragraph: &str) -> bool {
    i == 0 && (paragraph.ends_with('：') || paragraph.ends_with(':')) && paragraph.chars().count() <= 30
}

/// Renders the notice on as many A4 pages as it needs.
pub fn bulletin_pdf(doc: &BulletinDoc) -> Result<Vec<u8>, PdfError> {
    let face = font::face()?;
    let mut pdf = PdfDocument::new(&clean(&doc.title));
    let font_id = pdf.add_font(&face.font);
    let mut p = Flow::new(face, font_id, TOP, BOTTOM);
    heading(&mut p, doc);
    body(&mut p, doc, signature_h(doc));
    signature(&mut p, doc);
    let pages = p.finish();
    let count = pages.len();
    let adv = |ch: char| face.advance_em(ch);
    let pages = pages
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            if count > 1 {
                let text = format!("第 {} 页 / 共 {count} 页", i + 1);
                c.ink(Ink::Grey);
                c.text(centered_x(LEFT, RIGHT - LEFT, &text, 9.0, &adv), PAGE_H - 12.0, 9.0, &text);
                c.ink(Ink::Black);
            }
            a4_page(c)
        })
        .collect();
    super::save(pdf, pages)
}

/// The number at the top right, then the title, centred.
fn heading(p: &mut Flow, doc: &BulletinDoc) {
    let adv = p.adv();
    let width = RIGHT - LEFT;
    let number = clean(&doc.number);
    if !number.is_empty() {
        let text = format!("编号：{number}");
        p.canvas.ink(Ink::Grey);
        p.canvas.text(right_aligned_x(RIGHT, &text, 9.0, &adv), TOP - 6.0, 9.0, &text);
        p.canvas.ink(Ink::Black);
    }
    let title = spaced(&clean(&doc.title));
    let size = fit_size(&title, width, TITLE_SIZE, TITLE_MIN, &adv);
    let lines = if text_width(&title, size, &adv) <= width { vec![title] } else { wrap(&title, width, size, &adv) };
    let lh = em(size) * 1.4;
    let mut y = TOP + 14.0;
    for line in &lines {
        p.canvas.bold_text(centered_x(LEFT, width, line, size, &adv), y, size, line);
        y += lh;
    }
    p.y = y - lh + 18.0;
}

/// The room the 落款 takes below the body.
fn signature_h(doc: &BulletinDoc) -> f32 {
    SIGN_GAP + SIGN_H + if doc.seal { SEAL_R / 2.0 } else { 0.0 }
}

/// The body's paragraphs, the first lines indented two characters (a salutation
/// flush left). The last line goes with the 落款 (`tail` mm below it): a page
/// never begins with the office's name alone.
fn body(p: &mut Flow, doc: &BulletinDoc, tail: f32) {
    let width = RIGHT - LEFT;
    let lh = em(BODY_SIZE) * LEADING;
    let indent = 2.0 * em(BODY_SIZE);
    let paragraphs: Vec<String> = doc.body.split('\n').map(clean).filter(|t| !t.is_empty()).collect();
    let adv = p.adv();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let flush = is_salutation(i, paragraph);
        let lines = if flush { wrap(paragraph, width, BODY_SIZE, &adv) } else { wrap_indented(paragraph, width, indent, BODY_SIZE, &adv).concat() };
        let last_paragraph = i + 1 == paragraphs.len();
        for (k, line) in lines.iter().enumerate() {
            let last = last_paragraph && k + 1 == lines.len();
            p.room(if last { lh + tail } else { lh });
            let x = if k == 0 && !flush { LEFT + indent } else { LEFT };
            p.canvas.text(x, p.y, BODY_SIZE, line);
            p.y += lh;
        }
        p.y += em(BODY_SIZE) * PARAGRAPH_GAP;
    }
}

/// The office's name and the date, centred over each other at the right; the stamp's place over them.
fn signature(p: &mut Flow, doc: &BulletinDoc) {
    // The body's last line made room for it (`body`); only an empty body gets here short of room.
    p.room(signature_h(doc));
    let adv = p.adv();
    let left = RIGHT - SIGN_W;
    let issuer = clean(&doc.issuer);
    let size = fit_size(&issuer, SIGN_W, BODY_SIZE, 11.0, &adv);
    let issuer = truncate(&issuer, SIGN_W, size, &adv);
    let date = clean(&doc.date);
    let y = p.y + SIGN_GAP;
    p.canvas.text(centered_x(left, SIGN_W, &issuer, size, &adv), y, size, &issuer);
    p.canvas.text(centered_x(left, SIGN_W, &date, BODY_SIZE, &adv), y + 8.5, BODY_SIZE, &date);
    if doc.seal {
        let centre = (left + SIGN_W / 2.0, y + 2.0);
        p.canvas.ink(Ink::Grey);
        p.canvas.dashed_circle(centre, SEAL_R, 0.6);
        let mark = "盖章处";
        p.canvas.text(centered_x(centre.0 - SEAL_R, 2.0 * SEAL_R, mark, 9.0, &adv), centre.1 + SEAL_R - 4.0, 9.0, mark);
        p.canvas.ink(Ink::Black);
    }
    p.y = y + SIGN_H;
}
