//! The one font every printed document uses: Noto Sans SC (OFL), built into
//! the binary so a receipt prints the same on any office PC, with or without
//! Chinese fonts installed.
//!
//! Parsing the 8 MB font takes a noticeable moment, so it happens once per
//! process. Layout measures every character it places, so advance widths are
//! cached too: a flat table over the Basic Multilingual Plane, filled in as
//! characters are first met (a receipt uses a hundred or so of the 65,536),
//! so measuring is an array read instead of a cmap + hmtx walk.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU16, Ordering};

use printpdf::ParsedFont;

use super::PdfError;

/// The font file, relative to this source file (`assets/` at the workspace root).
static FONT_BYTES: &[u8] = include_bytes!("../../../../../assets/fonts/NotoSansSC-Regular.otf");

/// Cache slot not looked up yet.
const UNKNOWN: u16 = u16::MAX;
/// Cache slot of a code point the font has no glyph for.
const NO_GLYPH: u16 = u16::MAX - 1;

/// The parsed face and its cached metrics.
pub(crate) struct Face {
    pub(crate) font: ParsedFont,
    /// Advance of each BMP code point in font units, `UNKNOWN` until first
    /// asked. Atomics make the cache safe to fill from any thread without a
    /// lock; two threads racing on one slot both store the same value.
    advances: Box<[AtomicU16]>,
    units_per_em: f32,
    /// Advance used for a character the font lacks (it prints as .notdef,
    /// which is as wide as an ideograph in Noto): measuring it keeps the
    /// layout honest about the space it takes.
    fallback: u16,
}

impl Face {
    /// Width of one character in em (1.0 = the font size).
    pub(crate) fn advance_em(&self, c: char) -> f32 {
        let units = match self.advances.get(c as usize) {
            Some(slot) => match slot.load(Ordering::Relaxed) {
                UNKNOWN => {
                    let units = self.lookup(c);
                    slot.store(units, Ordering::Relaxed);
                    units
                }
                units => units,
            },
            // Beyond the BMP (rare name characters): not cached.
            None => self.lookup(c),
        };
        f32::from(if units == NO_GLYPH { self.fallback } else { units }) / self.units_per_em
    }

    /// The advance from the font's own tables (a width of 65534+ units cannot
    /// occur in a real font, so the sentinels stay free).
    fn lookup(&self, c: char) -> u16 {
        match self.font.lookup_glyph_index(c as u32) {
            Some(gid) => self.font.get_horizontal_advance(gid).min(NO_GLYPH - 1),
            None => NO_GLYPH,
        }
    }
}

static FACE: OnceLock<Result<Face, String>> = OnceLock::new();

/// The shared face, parsed on first use. A failure is remembered (the bytes
/// are compiled in, so retrying cannot help) and reported as a `PdfError`.
pub(crate) fn face() -> Result<&'static Face, PdfError> {
    FACE.get_or_init(load).as_ref().map_err(|why| PdfError::Font(why.clone()))
}

fn load() -> Result<Face, String> {
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(FONT_BYTES, 0, &mut warnings)
        .ok_or_else(|| "NotoSansSC-Regular.otf 解析失败".to_string())?;
    let units_per_em = f32::from(font.pdf_font_metrics.units_per_em);
    if units_per_em <= 0.0 {
        return Err("字体缺少 units_per_em".into());
    }
    let advances = (0..=0xFFFF).map(|_| AtomicU16::new(UNKNOWN)).collect();
    let mut face = Face { font, advances, units_per_em, fallback: 1000 };
    face.fallback = match face.lookup('中') {
        NO_GLYPH => units_per_em as u16,
        units => units,
    };
    Ok(face)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_are_one_em_and_digits_narrower() -> Result<(), PdfError> {
        let f = face()?;
        assert!((f.advance_em('收') - 1.0).abs() < 0.01);
        // Asked again, the answer comes from the cache and is the same.
        assert_eq!(f.advance_em('收'), f.advance_em('收'));
        // Outside the BMP and missing from the font: measured like an ideograph.
        assert!((f.advance_em('\u{10FFFD}') - 1.0).abs() < 0.01);
        let digit = f.advance_em('8');
        assert!(digit > 0.4 && digit < 0.7, "digit advance {digit}");
        for c in ['¥', '㎡', '〇', '喆', '…'] {
            assert!(f.font.lookup_glyph_index(c as u32).is_some(), "{c} missing");
        }
        Ok(())
    }
}
