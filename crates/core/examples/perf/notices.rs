//! The billing notices of the whole demo estate for its latest month: gathering
//! them, the one PDF of every notice, and the messaging workbook; the PDF against
//! printpdf writing the same texts page by page with the same font, subset the
//! same way, one text run per line at fixed places (no measuring, tables or
//! rules), and the workbook against rust_xlsxwriter writing the same cells bare.

use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::docs::pdf::notices_pdf;
use estate_core::fees::Period;
use estate_core::notices::{self, DEFAULT_TEMPLATE, Filter, Notice, NoticeBatch, NoticePeriod, messages_xlsx};
use printpdf::ParsedFont;

use crate::{Figure, Result, TextLines, bare_text_pdf, demo_db, median, ms, ratio};

pub const FLOOR: &str = "PDF: printpdf writing the same texts, one run per line, same font subset once, same page count; \
     xlsx: rust_xlsxwriter writing the same cells with no formats (median of 3)";
const RUNS: usize = 3;
/// The dunning letters' budget (1,000 letters under 3 s and 3 MB), page for page.
const MS_PER_PAGE: f64 = 3.0;
const BYTES_PER_PAGE: usize = 3 * 1024;

/// The payment section's demo estate when it has been built, else the same one.
pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let db = demo_db(dir, units)?;
    let as_of = db.now().date_naive();
    let filter = Filter { period: NoticePeriod { from: Period::of(as_of), to: Period::of(as_of) }, building: None };

    let mut gather = Vec::new();
    let mut batch = notices::notices(db.conn(), &filter, as_of)?;
    for _ in 0..RUNS {
        let start = Instant::now();
        batch = notices::notices(db.conn(), &filter, as_of)?;
        gather.push(start.elapsed());
    }
    let pages = batch.notices.len();
    eprintln!("  {pages} notices, {} skipped, {} due in all", batch.skipped, batch.total_due().grouped());

    let (mut times, mut floors) = (Vec::new(), Vec::new());
    let (mut pdf, mut bare) = (Vec::new(), Vec::new());
    let font_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts/NotoSansSC-Regular.otf");
    let font = ParsedFont::from_bytes(&std::fs::read(font_path)?, 0, &mut Vec::new()).ok_or("the font does not parse")?;
    let texts: Vec<Vec<String>> = batch.notices.iter().map(|n| texts(&batch, n)).collect();
    for _ in 0..RUNS {
        let start = Instant::now();
        pdf = notices_pdf(&batch, &mut |_, _| ())?;
        times.push(start.elapsed());
        let start = Instant::now();
        bare = bare_text_pdf("notices", &font, &texts, &TextLines { size: 10.0, left: 20.0, step: 8.0 });
        floors.push(start.elapsed());
    }
    std::fs::write(dir.join("notices.pdf"), &pdf)?;

    let (mut sheets, mut sheet_floors) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(messages_xlsx(&batch, DEFAULT_TEMPLATE)?);
        sheets.push(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(bare_xlsx(&batch)?);
        sheet_floors.push(start.elapsed());
    }

    let (took, floor) = (median(&times), median(&floors));
    let budget = Duration::from_secs_f64(MS_PER_PAGE * pages as f64 / 1000.0);
    let mb = |bytes: usize| format!("{:.2} MB", bytes as f64 / 1024.0 / 1024.0);
    let (sheet, sheet_floor) = (median(&sheets), median(&sheet_floors));
    Ok(vec![
        Figure {
            name: format!("notices gathered, whole estate ({pages} notices)"),
            measured: ms(median(&gather)),
            floor: "-".into(),
            ratio: None,
            target: "-".into(),
            ok: None,
        },
        Figure {
            name: format!("notices PDF, {pages} pages"),
            measured: ms(took),
            floor: ms(floor),
            ratio: ratio(took, floor),
            target: format!("< {}", ms(budget)),
            ok: Some(took < budget),
        },
        Figure {
            name: "notices PDF size".into(),
            measured: mb(pdf.len()),
            floor: mb(bare.len()),
            ratio: Some(pdf.len() as f64 / bare.len().max(1) as f64),
            target: format!("< {}", mb(BYTES_PER_PAGE * pages)),
            ok: Some(pdf.len() < BYTES_PER_PAGE * pages),
        },
        Figure {
            name: format!("messaging xlsx, {pages} rows"),
            measured: ms(sheet),
            floor: ms(sheet_floor),
            ratio: ratio(sheet, sheet_floor),
            target: "< 1 s".into(),
            ok: Some(sheet < Duration::from_secs(1)),
        },
    ])
}

/// Every text a notice prints, a line at a time.
fn texts(b: &NoticeBatch, n: &Notice) -> Vec<String> {
    let mut t = vec![b.estate_name.clone(), "收费通知单".into()];
    t.push(format!("业主：{}  房号：{}  建筑面积：{:?}", n.owners, n.unit, n.area.map(|a| a.to_string())));
    t.push(format!("计费期间：{}  缴费截止日：{}  通知日期：{}", b.period.label(), b.due_date, b.as_of));
    t.push(format!("尊敬的{}：您好！现将贵户（{}）{}物业服务等费用通知如下，请于{}前缴纳。", n.owners, n.unit, b.period.label(), b.due_date));
    t.push("一、本期费用  收费项目  所属期间  单价（元）  数量  金额（元）".into());
    t.extend(n.lines.iter().map(|l| format!("{}  {}  {}  {}  {}", l.item, l.period, l.price, l.quantity, l.amount.grouped())));
    t.push(format!("本期小计  {}", n.sums.billed.grouped()));
    t.push("二、往期欠费  收费项目  欠费期间  笔数  欠费金额（元）".into());
    t.extend(n.arrears.iter().map(|l| format!("{}  {}  {}  {}", l.item, l.months(), l.bills, l.owed.grouped())));
    t.push(format!("往期欠费小计  {}", n.sums.arrears.grouped()));
    t.push(format!("本期费用 {}  往期欠费 {}  预存已抵扣 -{}", n.sums.billed.grouped(), n.sums.arrears.grouped(), n.sums.prepaid_applied.grouped()));
    t.push(format!("本次应缴合计 ¥{}  人民币（大写）：{}", n.due.total.grouped(), n.due.total.capitals()));
    t.push(format!("缴费方式  {}", b.payment_instructions));
    t.push(format!("联系方式  服务中心电话：{}  地址：{}", b.office_phone, b.office_address));
    t.push(format!("{}  {}  {} 收费通知单", b.issuer, b.as_of, n.unit));
    t
}


fn bare_xlsx(b: &NoticeBatch) -> Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (i, n) in b.notices.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &n.unit)?;
        ws.write_string(row, 1, &n.owners)?;
        ws.write_string(row, 2, n.mobile.as_deref().unwrap_or(""))?;
        ws.write_string(row, 3, b.period.label())?;
        ws.write_number(row, 4, n.due.total.fen() as f64 / 100.0)?;
        ws.write_string(row, 5, b.due_date.to_string())?;
        ws.write_string(row, 6, DEFAULT_TEMPLATE)?;
    }
    Ok(book.save_to_buffer()?)
}
