//! The paper a receipt is printed on, and where on it the receipt goes.

/// Paper sizes the office prints receipts on. The default is the 241 mm
/// continuous form of the dot-matrix printers that carbon receipt sets use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PaperSize {
    /// 241 × 140 mm continuous paper (three-part carbon sets, pin-feed).
    #[default]
    Continuous241x140,
    /// A5 landscape, 210 × 148 mm.
    A5Landscape,
    /// A4 portrait, 210 × 297 mm; the receipt takes the top half.
    A4,
}

impl PaperSize {
    /// The code stored in settings and accepted on the command line.
    pub fn code(self) -> &'static str {
        match self {
            PaperSize::Continuous241x140 => "241x140",
            PaperSize::A5Landscape => "a5",
            PaperSize::A4 => "a4",
        }
    }

    /// Reads a code (any case, surrounding spaces ignored).
    pub fn from_code(s: &str) -> Option<PaperSize> {
        let s = s.trim();
        [PaperSize::Continuous241x140, PaperSize::A5Landscape, PaperSize::A4]
            .into_iter()
            .find(|p| p.code().eq_ignore_ascii_case(s))
    }

    /// The name shown in settings.
    pub fn label(self) -> &'static str {
        match self {
            PaperSize::Continuous241x140 => "241×140mm 连续纸",
            PaperSize::A5Landscape => "A5 横向",
            PaperSize::A4 => "A4",
        }
    }

    /// Page width and height in mm.
    pub(crate) fn page_mm(self) -> (f32, f32) {
        match self {
            PaperSize::Continuous241x140 => (241.0, 140.0),
            PaperSize::A5Landscape => (210.0, 148.0),
            PaperSize::A4 => (210.0, 297.0),
        }
    }

    /// The box the receipt is drawn in: (left, top, right, bottom) in mm from
    /// the page's top-left corner.
    pub(crate) fn frame_mm(self) -> Frame {
        match self {
            // Pin-feed strips with their perforation take about 13 mm a side;
            // stay clear of them.
            PaperSize::Continuous241x140 => Frame { left: 16.0, top: 9.0, right: 241.0 - 15.0, bottom: 140.0 - 8.0 },
            PaperSize::A5Landscape => Frame { left: 11.0, top: 10.0, right: 210.0 - 10.0, bottom: 148.0 - 10.0 },
            // The top half of A4, same box as A5 landscape: the sheet can be cut
            // in two and filed with the A5 receipts.
            PaperSize::A4 => Frame { left: 11.0, top: 12.0, right: 210.0 - 10.0, bottom: 148.5 - 10.0 },
        }
    }

    /// A taller box for a receipt too long for `frame_mm`, where the paper has
    /// room for one: the whole A4 sheet.
    pub(crate) fn tall_frame_mm(self) -> Option<Frame> {
        match self {
            PaperSize::A4 => Some(Frame { left: 11.0, top: 12.0, right: 210.0 - 10.0, bottom: 297.0 - 12.0 }),
            _ => None,
        }
    }
}

/// The printable box of a receipt, in mm from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_case_insensitively() {
        for p in [PaperSize::Continuous241x140, PaperSize::A5Landscape, PaperSize::A4] {
            assert_eq!(PaperSize::from_code(p.code()), Some(p));
            assert_eq!(PaperSize::from_code(&p.code().to_uppercase()), Some(p));
        }
        assert_eq!(PaperSize::from_code(" A5 "), Some(PaperSize::A5Landscape));
        assert_eq!(PaperSize::from_code("241X140"), Some(PaperSize::Continuous241x140));
        assert_eq!(PaperSize::from_code("letter"), None);
        assert_eq!(PaperSize::default(), PaperSize::Continuous241x140);
        assert_eq!(PaperSize::A5Landscape.label(), "A5 横向");
    }

    #[test]
    fn frames_lie_inside_their_pages() {
        for p in [PaperSize::Continuous241x140, PaperSize::A5Landscape, PaperSize::A4] {
            let (w, h) = p.page_mm();
            let f = p.frame_mm();
            assert!(f.left > 0.0 && f.top > 0.0 && f.right < w && f.bottom < h, "{p:?}");
        }
    }
}
