//! The batch of billing notices (收费通知单): one A4 page per unit, in the
//! batch's order (building, then unit) for hand delivery. The font is added
//! once and subset once for the whole file; each page is drawn by
//! `notice_page.rs`.

use printpdf::{Mm, PdfDocument, PdfPage};

use super::PdfError;
use super::font;
use super::notice_page::{self, PAGE_H, PAGE_W};
use crate::notices::NoticeBatch;

/// Pages between two progress reports.
const PROGRESS_EVERY: usize = 50;

/// The whole batch as one PDF. `progress(done, total)` follows the pages
/// drawn; saving (subsetting the font, compressing) comes after the last report.
pub fn notices_pdf(batch: &NoticeBatch, progress: &mut dyn FnMut(usize, usize)) -> Result<Vec<u8>, PdfError> {
    let face = font::face()?;
    let mut pdf = PdfDocument::new(&format!("收费通知单 {}", batch.period.label()));
    let font_id = pdf.add_font(&face.font);
    let total = batch.notices.len();
    let mut pages = Vec::with_capacity(total);
    for (i, notice) in batch.notices.iter().enumerate() {
        let page = notice_page::Page { batch, notice, face, number: i + 1, pages: total };
        pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), notice_page::draw(&page, font_id.clone())));
        if (i + 1) % PROGRESS_EVERY == 0 {
            progress(i + 1, total);
        }
    }
    progress(total, total);
    super::save(pdf, pages)
}
