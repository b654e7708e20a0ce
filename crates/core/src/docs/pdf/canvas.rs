//! A thin drawing surface over printpdf's operation list.
//!
//! Layout code thinks like a person holding a ruler: millimetres from the
//! top-left corner of the page. PDF counts points from the bottom-left; the
//! conversion lives here and nowhere else. Every text run is placed with an
//! absolute text matrix (`Tm`), because printpdf's `SetTextCursor` is the
//! relative `Td` and would accumulate inside one text object.

use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem,
    TextMatrix, TextRenderingMode,
};

use super::layout::MM_PER_PT;

/// The few inks a receipt uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Ink {
    Black,
    /// Receipt numbers and stamps: red, as on pre-printed forms.
    Red,
    /// Light rules and hints.
    Grey,
    /// The light fill behind table headings.
    Shade,
}

impl Ink {
    fn color(self) -> Color {
        let (r, g, b) = match self {
            Ink::Black => (0.0, 0.0, 0.0),
            Ink::Red => (0.80, 0.07, 0.07),
            Ink::Grey => (0.45, 0.45, 0.45),
            Ink::Shade => (0.92, 0.93, 0.95),
        };
        Color::Rgb(Rgb { r, g, b, icc_profile: None })
    }
}

pub(crate) struct Canvas {
    ops: Vec<Op>,
    page_h: f32,
    font: FontId,
}

fn pt(mm: f32) -> Pt {
    Pt(mm / MM_PER_PT)
}

impl Canvas {
    pub(crate) fn new(page_h_mm: f32, font: FontId) -> Self {
        Canvas { ops: Vec::with_capacity(512), page_h: page_h_mm, font }
    }

    pub(crate) fn into_ops(self) -> Vec<Op> {
        self.ops
    }

    fn point(&self, x: f32, y: f32) -> Point {
        Point { x: pt(x), y: pt(self.page_h - y) }
    }

    /// Fill and stroke colour for what follows.
    pub(crate) fn ink(&mut self, ink: Ink) {
        self.ops.push(Op::SetFillColor { col: ink.color() });
        self.ops.push(Op::SetOutlineColor { col: ink.color() });
    }

    /// Text with its baseline starting at (x, y).
    pub(crate) fn text(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.text_at_angle(x, y, size, text, 0.0);
    }

    /// Text drawn a little heavier: the font has one weight, so titles are
    /// filled and stroked with a hairline, the usual substitute for bold.
    pub(crate) fn bold_text(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.bold_text_at_angle(x, y, size, text, 0.0);
    }

    /// `bold_text`, turned like `text_at_angle`.
    pub(crate) fn bold_text_at_angle(&mut self, x: f32, y: f32, size: f32, text: &str, degrees: f32) {
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::SetOutlineThickness { pt: Pt(size * 0.035) });
        self.ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
        self.text_at_angle(x, y, size, text, degrees);
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// Text turned `degrees` counter-clockwise about its baseline start.
    pub(crate) fn text_at_angle(&mut self, x: f32, y: f32, size: f32, text: &str, degrees: f32) {
        if text.is_empty() {
            return;
        }
        let p = self.point(x, y);
        let (sin, cos) = degrees.to_radians().sin_cos();
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(self.font.clone()), size: Pt(size) },
            Op::SetTextMatrix { matrix: TextMatrix::Raw([cos, sin, -sin, cos, p.x.0, p.y.0]) },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }

    /// A straight line `width_pt` thick.
    pub(crate) fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), width_pt: f32) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
        let points = vec![
            LinePoint { p: self.point(x1, y1), bezier: false },
            LinePoint { p: self.point(x2, y2), bezier: false },
        ];
        self.ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
    }

    /// A dashed line (cut marks, signature blanks).
    pub(crate) fn dashed_line(&mut self, from: (f32, f32), to: (f32, f32), width_pt: f32) {
        self.ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[3.0, 2.0]) });
        self.line(from, to, width_pt);
        self.ops.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
    }

    /// The outline of a rectangle whose top-left corner is (x, y).
    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width_pt: f32) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
        let low = self.point(x, y + h);
        let rectangle = Rect {
            x: low.x,
            y: low.y,
            width: pt(w),
            height: pt(h),
            mode: Some(PaintMode::Stroke),
            winding_order: None,
        };
        self.ops.push(Op::DrawRectangle { rectangle });
    }

    /// A filled rectangle (no outline) whose top-left corner is (x, y).
    pub(crate) fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let low = self.point(x, y + h);
        let rectangle = Rect { x: low.x, y: low.y, width: pt(w), height: pt(h), mode: Some(PaintMode::Fill), winding_order: None };
        self.ops.push(Op::DrawRectangle { rectangle });
    }

    /// A dashed circle (where a stamp goes), drawn as a 72-sided polygon.
    pub(crate) fn dashed_circle(&mut self, (cx, cy): (f32, f32), r: f32, width_pt: f32) {
        let points = (0..72)
            .map(|i| {
                let (sin, cos) = (i as f32 * 5.0).to_radians().sin_cos();
                LinePoint { p: self.point(cx + r * cos, cy + r * sin), bezier: false }
            })
            .collect();
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
        self.ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[3.0, 2.0]) });
        self.ops.push(Op::DrawLine { line: Line { points, is_closed: true } });
        self.ops.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
    }

    /// A rectangle outline turned `degrees` counter-clockwise about its centre (stamps).
    pub(crate) fn rotated_rect(&mut self, (cx, cy): (f32, f32), w: f32, h: f32, degrees: f32, width_pt: f32) {
        let (sin, cos) = degrees.to_radians().sin_cos();
        // Corners relative to the centre, in "up is positive" coordinates.
        let corners = [(-w / 2.0, h / 2.0), (w / 2.0, h / 2.0), (w / 2.0, -h / 2.0), (-w / 2.0, -h / 2.0)];
        let points = corners
            .iter()
            .map(|&(dx, dy)| {
                let (rx, ry) = (dx * cos - dy * sin, dx * sin + dy * cos);
                LinePoint { p: self.point(cx + rx, cy - ry), bezier: false }
            })
            .collect();
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
        self.ops.push(Op::DrawLine { line: Line { points, is_closed: true } });
    }
}
