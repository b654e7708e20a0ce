//! One receipt PDF, the font already loaded, against printpdf writing the
//! same texts on a page of the same size with the same font, subset the same
//! way, one text run per line at fixed places: no measuring, wrapping, rules
//! or boxes.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use estate_core::Money;
use estate_core::docs::pdf::{PaperSize, ReceiptDoc, ReceiptKind, ReceiptLine, ReceiptMark, receipt_pdf};
use printpdf::{Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem};

use crate::{Figure, Result, median, ms, ratio};

/// What the floor is, as printed under the table.
pub const FLOOR: &str =
    "printpdf writing the same texts with the same font, subset, on a page of the same size, one text run per line, no layout (median of 50)";
const RUNS: usize = 50;
const MAX_BYTES: usize = 60 * 1024;
/// The continuous form (241 × 140 mm) most offices print receipts on.
const PAGE_MM: (f32, f32) = (241.0, 140.0);

fn line(item: &str, period: &str, price: &str, quantity: &str, fen: i64) -> ReceiptLine {
    ReceiptLine { item: item.into(), period: period.into(), price: price.into(), quantity: quantity.into(), amount: Money(fen) }
}

/// A usual receipt: a quarter of three fees and a little prepayment.
fn sample() -> ReceiptDoc {
    let lines = vec![
        line("物业服务费", "2026-10~2026-12", "2.20", "89.50㎡×3月", 59070),
        line("生活垃圾清运费", "2026-10~2026-12", "10.00", "1户×3月", 3000),
        line("车位管理费", "2026-10~2026-12", "80.00", "1户×3月", 24000),
        line("预存款", "", "", "", 3930),
    ];
    ReceiptDoc {
        kind: ReceiptKind::Payment,
        estate_name: "翠湖花园".into(),
        header: "翠湖花园物业服务中心".into(),
        receipt_no: "SF0004711".into(),
        unit_code: "3-2-1502".into(),
        payer: "张三".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
        total: lines.iter().map(|l| l.amount).sum(),
        lines,
        method: "微信".into(),
        reference: "4200001234202611230001".into(),
        clerk: "李四".into(),
        mark: ReceiptMark::Original,
        copies: vec!["第一联 存根".into(), "第二联 交款人".into(), "第三联 记账".into()],
        paper: PaperSize::Continuous241x140,
    }
}

/// Every text the receipt prints, in reading order.
fn texts(d: &ReceiptDoc) -> Vec<String> {
    let mut t = vec![format!("{}收款收据", d.estate_name), "No.".into(), d.receipt_no.clone()];
    t.push(format!("房号：{}  交款人：{}  日期：{}", d.unit_code, d.payer, d.date.format("%Y年%m月%d日")));
    t.push("收费项目  所属期间  单价  数量  金额（元）".into());
    for l in &d.lines {
        t.push(format!("{}  {}  {}  {}  {}", l.item, l.period, l.price, l.quantity, l.amount.grouped()));
    }
    t.push(format!("合  计  人民币（大写）：{}  ¥{}", d.total.capitals(), d.total.grouped()));
    t.push(format!("收款方式：{}  凭证号/参考号：{}", d.method, d.reference));
    t.push(format!("收款单位（盖章）：{}  收款人：{}  交款人签字：", d.header, d.clerk));
    t.extend(d.copies.iter().cloned());
    t
}

fn bare_pdf(font: &ParsedFont, texts: &[String]) -> Vec<u8> {
    let mut pdf = PdfDocument::new("receipt");
    let id = pdf.add_font(font);
    let mut ops = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let y = Mm(PAGE_MM.1 - 10.0 - 6.0 * i as f32);
        ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(10.0) },
            Op::SetTextCursor { pos: Point { x: Mm(10.0).into(), y: y.into() } },
            Op::ShowText { items: vec![TextItem::Text(text.clone())] },
            Op::EndTextSection,
        ]);
    }
    let page = PdfPage::new(Mm(PAGE_MM.0), Mm(PAGE_MM.1), ops);
    let options = PdfSaveOptions { subset_fonts: true, optimize: true, ..PdfSaveOptions::default() };
    pdf.with_pages(vec![page]).save(&options, &mut Vec::new())
}

pub fn run(dir: &Path) -> Result<Vec<Figure>> {
    let doc = sample();
    // Loads the built-in font: not part of what is timed.
    let mut pdf = receipt_pdf(&doc)?;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        pdf = receipt_pdf(&doc)?;
        times.push(start.elapsed());
    }
    std::fs::write(dir.join("receipt.pdf"), &pdf)?;

    let font_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts/NotoSansSC-Regular.otf");
    let font = ParsedFont::from_bytes(&std::fs::read(font_path)?, 0, &mut Vec::new()).ok_or("the font does not parse")?;
    let texts = texts(&doc);
    let mut bare = bare_pdf(&font, &texts);
    let mut floors: Vec<Duration> = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        bare = bare_pdf(&font, &texts);
        floors.push(start.elapsed());
    }

    let (took, floor) = (median(&times), median(&floors));
    let kb = |bytes: usize| format!("{:.1} KB", bytes as f64 / 1024.0);
    Ok(vec![
        Figure {
            name: format!("receipt PDF render (median of {RUNS})"),
            measured: ms(took),
            floor: ms(floor),
            ratio: ratio(took, floor),
            target: "< 30 ms".into(),
            ok: Some(took < Duration::from_millis(30)),
        },
        Figure {
            name: "receipt PDF size".into(),
            measured: kb(pdf.len()),
            floor: kb(bare.len()),
            ratio: Some(pdf.len() as f64 / bare.len().max(1) as f64),
            target: "< 60 KB".into(),
            ok: Some(pdf.len() < MAX_BYTES),
        },
    ])
}
