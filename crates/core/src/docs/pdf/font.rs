//! The one font every printed document uses: Noto Sans SC (OFL), built into
//! the binary so a receipt prints the same on any office PC, with or without
//! Chinese fonts installed.
//!
//! Parsing the 8 MB font takes a noticeable moment, so it happens once per
//! process; the advance widths of the Basic Multilingual Plane are read into a
//! flat table at the same time, so measuring text while laying out a page is
//! an array lookup instead of a cmap + hmtx walk per character.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::PdfError;

/// The font file, relative to this source file (`assets/` at the workspace root).
static FONT_BYTES: &[u8] = include_bytes!("../../../../../assets/fonts/NotoSansSC-Regular.otf");

/// Marks a BMP code point the font has no glyph for.
const NO_GLYPH: u16 = u16::MAX;

/// The parsed face and its cached metrics.
pub(crate) struct Face {
    pub(crate) font: ParsedFont,
    /// Advance of every BMP code point in font units (`NO_GLYPH` if missing).
    advances: Box<[u16]>,
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
            Some(&NO_GLYPH) | None => self.fallback,
            Some(&w) => w,
        };
        f32::from(units) / self.units_per_em
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
    let advances: Box<[u16]> = (0..=0xFFFFu32)
        .map(|cp| match font.lookup_glyph_index(cp) {
            // A width of exactly NO_GLYPH cannot occur in practice (65535 units).
            Some(gid) => font.get_horizontal_advance(gid).min(NO_GLYPH - 1),
            None => NO_GLYPH,
        })
        .collect();
    let fallback = advances.get('中' as usize).copied().filter(|&w| w != NO_GLYPH).unwrap_or(1000);
    Ok(Face { font, advances, units_per_em, fallback })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_are_one_em_and_digits_narrower() -> Result<(), PdfError> {
        let f = face()?;
        assert!((f.advance_em('收') - 1.0).abs() < 0.01);
        let digit = f.advance_em('8');
        assert!(digit > 0.4 && digit < 0.7, "digit advance {digit}");
        for c in ['¥', '㎡', '〇', '喆', '…'] {
            assert!(f.font.lookup_glyph_index(c as u32).is_some(), "{c} missing");
        }
        Ok(())
    }
}
