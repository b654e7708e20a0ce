//! Drawing down A4 pages, top to bottom: what comes next either fits above
//! the bottom margin or starts a new page. The dunning letters and the office
//! sheets both flow this way; each decides what a new page begins with.

use printpdf::{FontId, PdfPage};

use super::canvas::Canvas;
use super::font::Face;
use super::{A4_H, A4_W};

pub(super) struct Flow<'f> {
    pub(super) face: &'f Face,
    font: FontId,
    done: Vec<Canvas>,
    /// The page being drawn.
    pub(super) canvas: Canvas,
    /// Millimetres from the top of that page, where the next thing goes.
    pub(super) y: f32,
    top: f32,
    bottom: f32,
}

impl<'f> Flow<'f> {
    /// A first page; pages start at `top` and their content stops at `bottom` (mm).
    pub(super) fn new(face: &'f Face, font: FontId, top: f32, bottom: f32) -> Self {
        Flow { face, canvas: Canvas::new(A4_H, font.clone()), font, done: Vec::new(), y: top, top, bottom }
    }

    /// A character's advance in em, as the layout helpers take it. Borrows the
    /// face only, so the page can be drawn on while it is in use.
    pub(super) fn adv(&self) -> impl Fn(char) -> f32 + use<'f> {
        let face = self.face;
        move |c| face.advance_em(c)
    }

    pub(super) fn break_page(&mut self) {
        let page = std::mem::replace(&mut self.canvas, Canvas::new(A4_H, self.font.clone()));
        self.done.push(page);
        self.y = self.top;
    }

    /// Starts a new page unless `height` more fits on this one; true when it did.
    pub(super) fn room(&mut self, height: f32) -> bool {
        if self.y + height <= self.bottom {
            return false;
        }
        self.break_page();
        true
    }

    /// Every page drawn, in order.
    pub(super) fn finish(mut self) -> Vec<Canvas> {
        self.done.push(self.canvas);
        self.done
    }
}

/// A drawn page as printpdf takes it.
pub(super) fn a4_page(canvas: Canvas) -> PdfPage {
    PdfPage::new(printpdf::Mm(A4_W), printpdf::Mm(A4_H), canvas.into_ops())
}
