//! Printed documents (PDF).
//!
//! Everything is drawn with printpdf 0.12 from measured text: the one
//! embedded font (`font.rs`) is parsed once per process and subset into each
//! file, the pure helpers in `layout.rs` measure and wrap, and `canvas.rs`
//! turns millimetres-from-the-top-left into PDF operations.

mod bulletin;
mod canvas;
mod flow;
mod font;
mod layout;
mod letter;
mod notice;
mod notice_page;
mod paper;
mod parcel_label;
mod receipt;
mod receipt_page;
mod reno;
mod sheet;

pub use bulletin::{BulletinDoc, bulletin_pdf};
pub use letter::{LetterDoc, LetterLine, letters_pdf};
pub use notice::notices_pdf;
pub use paper::PaperSize;
pub use parcel_label::{LABEL_H, LABEL_W, ParcelLabel, parcel_labels_pdf};
pub use receipt::{ReceiptDoc, ReceiptKind, ReceiptLine, ReceiptMark, receipt_pdf};
pub use reno::{PermitDoc, SLIP_H, VoucherDoc, permit_pdf, refund_voucher_pdf, release_slips_pdf};
pub use sheet::{SheetBlock, SheetColumn, SheetDoc, SheetTable, sheet_pdf};

use printpdf::{PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

/// A4 portrait in millimetres: notices, letters and sheets.
const A4_W: f32 = 210.0;
const A4_H: f32 = 297.0;

/// Writes the document with its pages, the font subset to the glyphs used.
/// Subsetting is what keeps a receipt at tens of kilobytes instead of the
/// whole 8 MB font; printpdf only honours it with the `text_layout` feature.
fn save(mut pdf: PdfDocument, pages: Vec<PdfPage>) -> Result<Vec<u8>, PdfError> {
    let options = PdfSaveOptions { subset_fonts: true, optimize: true, ..PdfSaveOptions::default() };
    let mut warnings = Vec::new();
    let bytes = pdf.with_pages(pages).save(&options, &mut warnings);
    if let Some(w) = warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
        return Err(PdfError::Render(w.msg.clone()));
    }
    Ok(bytes)
}

/// Why a document could not be produced. Neither is the user's doing, so the
/// message says what happened and what to try.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("内置字体读取失败，无法生成 PDF（{0}）。请重新安装本程序后再试。")]
    Font(String),
    #[error("生成 PDF 失败（{0}）。请重试；仍然失败请联系管理员。")]
    Render(String),
}
