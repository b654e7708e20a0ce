//! The parcel label (取件标签 / 货架标签): 60×40 mm, the size of the thermal
//! labels a desk printer takes, one page per parcel. The pickup code is the
//! largest thing on it, so it can be read from across the shelf; below it the
//! unit and the recipient, then the carrier with the number's tail, the shelf,
//! the day it came in. No phone is printed.

use printpdf::{Mm, PdfDocument, PdfPage};

use super::PdfError;
use super::canvas::{Canvas, Ink};
use super::font;
use super::layout::{centered_x, fit_size, right_aligned_x, truncate};
use super::receipt::clean;

pub const LABEL_W: f32 = 60.0;
pub const LABEL_H: f32 = 40.0;
const MARGIN: f32 = 3.0;

#[derive(Debug, Clone)]
pub struct ParcelLabel {
    pub estate: String,
    pub code: String,
    pub unit: String,
    pub recipient: String,
    /// The carrier and the tail of the tracking number ("顺丰速运 尾号5678").
    pub what: String,
    pub shelf: String,
    /// 2026-11-23
    pub received: String,
    /// 小件/中件/大件, blank for a letter.
    pub size: String,
}

/// One 60×40 mm page per label, the font subset once for the whole file.
pub fn parcel_labels_pdf(labels: &[ParcelLabel]) -> Result<Vec<u8>, PdfError> {
    let face = font::face()?;
    let adv = |c: char| face.advance_em(c);
    let mut pdf = PdfDocument::new("快递取件标签");
    let font_id = pdf.add_font(&face.font);
    let width = LABEL_W - 2.0 * MARGIN;
    let pages = labels
        .iter()
        .map(|l| {
            let mut c = Canvas::new(LABEL_H, font_id.clone());
            c.ink(Ink::Black);
            c.rect(1.0, 1.0, LABEL_W - 2.0, LABEL_H - 2.0, 0.6);
            c.ink(Ink::Grey);
            let head = truncate(&clean(&l.estate), width - 20.0, 6.5, &adv);
            c.text(MARGIN, 6.0, 6.5, &head);
            c.text(right_aligned_x(LABEL_W - MARGIN, &l.received, 6.5, &adv), 6.0, 6.5, &l.received);
            c.ink(Ink::Black);
            c.text(MARGIN, 11.0, 6.5, "取件码");
            let size = fit_size(&l.code, width, 26.0, 12.0, &adv);
            c.bold_text(centered_x(0.0, LABEL_W, &l.code, size, &adv), 21.0, size, &l.code);
            c.line((MARGIN, 24.5), (LABEL_W - MARGIN, 24.5), 0.4);
            let who = format!("{}  {}", clean(&l.unit), clean(&l.recipient));
            let who_size = fit_size(&who, width, 11.0, 7.0, &adv);
            c.bold_text(MARGIN, 30.5, who_size, &truncate(&who, width, who_size, &adv));
            let mut foot = clean(&l.what);
            if !l.size.is_empty() {
                foot = format!("{foot} · {}", l.size);
            }
            if !l.shelf.is_empty() {
                foot = format!("{foot} · 货架 {}", l.shelf);
            }
            c.text(MARGIN, 36.0, 6.5, &truncate(&foot, width, 6.5, &adv));
            PdfPage::new(Mm(LABEL_W), Mm(LABEL_H), c.into_ops())
        })
        .collect();
    super::save(pdf, pages)
}
