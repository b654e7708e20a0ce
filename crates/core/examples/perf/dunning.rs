//! A batch of 1,000 催缴函 in one PDF (the units owing most on the 5,000-unit
//! demo with five years of history, with the 送达回执 slip), recorded and
//! rendered as the desk prints it; against printpdf writing the same texts,
//! one page per letter, with the same font subset once, one text run per line
//! at fixed places: no measuring, wrapping, rules or boxes, no database.

use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::db::Db;
use estate_core::demo::{self, DemoOptions};
use estate_core::dunning::{self, LetterOptions, Pick, rules};
use estate_core::{Money, arrears};
use printpdf::ParsedFont;

use crate::{Figure, Result, TextLines, bare_text_pdf, median, ms, ratio};

pub const FLOOR: &str = "printpdf writing the same texts (1,000 pages, one per letter) with the same font subset once, one text run per line, no layout and no database";
const LETTERS: usize = 1000;
const RUNS: usize = 3;
const MAX_SECONDS: u64 = 3;
const MAX_BYTES: usize = 3 * 1024 * 1024;

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let path = dir.join("demo.db");
    if !path.exists() {
        demo::create(&path, &DemoOptions { units, years: 5, seed: 7 })?;
    }
    let mut db = Db::open(&path)?;
    let as_of = db.now().date_naive();
    let pick = thousand_most_owing(&db, as_of)?;
    let options = LetterOptions { as_of, deadline_days: rules::DEADLINE_DAYS_DEFAULT, with_slip: true };
    let (mut times, mut pdf, mut letters) = (Vec::new(), Vec::new(), 0);
    for _ in 0..RUNS {
        let start = Instant::now();
        let (batch, bytes) = db.write("前台", |tx| dunning::print_letters(tx, &pick, options, &mut |_, _| ()))?;
        times.push(start.elapsed());
        (pdf, letters) = (bytes, batch.letters);
    }
    std::fs::write(dir.join("letters.pdf"), &pdf)?;

    let texts = letter_texts(&db, as_of, &pick)?;
    let font_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts/NotoSansSC-Regular.otf");
    let font = ParsedFont::from_bytes(&std::fs::read(font_path)?, 0, &mut Vec::new()).ok_or("the font does not parse")?;
    let (mut floors, mut bare) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let start = Instant::now();
        bare = bare_text_pdf("letters", &font, &texts, &TextLines { size: 11.0, left: 25.0, step: 7.0 });
        floors.push(start.elapsed());
    }
    let (took, floor) = (median(&times), median(&floors));
    let mb = |bytes: usize| format!("{:.2} MB", bytes as f64 / (1024.0 * 1024.0));
    Ok(vec![
        Figure {
            name: format!("dunning letters, {letters} in one PDF with slips (median of {RUNS})"),
            measured: ms(took),
            floor: ms(floor),
            ratio: ratio(took, floor),
            target: format!("< {MAX_SECONDS} s"),
            ok: Some(took < Duration::from_secs(MAX_SECONDS)),
        },
        Figure {
            name: format!("dunning letters PDF size ({letters} letters)"),
            measured: mb(pdf.len()),
            floor: mb(bare.len()),
            ratio: Some(pdf.len() as f64 / bare.len().max(1) as f64),
            target: "< 3 MB".into(),
            ok: Some(pdf.len() < MAX_BYTES),
        },
    ])
}

/// The filter that picks the 1,000 units owing most: at least what the 1,000th owes.
fn thousand_most_owing(db: &Db, as_of: chrono::NaiveDate) -> Result<Pick> {
    let owed: Vec<Money> = arrears::report(db.conn(), as_of, &arrears::Filter::default())?.units.iter().map(|u| u.aged.total).collect();
    let Some(&min_amount) = owed.get(LETTERS - 1) else { return Err(format!("only {} units owe anything", owed.len()).into()) };
    Ok(Pick { arrears: arrears::Filter { min_amount, ..arrears::Filter::default() }, ..Pick::default() })
}

/// What each letter says, line by line: heading, salutation, the body cut in
/// lines of 40 characters, one line per fee item, total, deadline, contacts, slip.
fn letter_texts(db: &Db, as_of: chrono::NaiveDate, pick: &Pick) -> Result<Vec<Vec<String>>> {
    let report = arrears::report(db.conn(), as_of, &pick.arrears)?;
    let mut out = Vec::new();
    for u in &report.units {
        let amount = u.aged.total.grouped();
        let fill = rules::Fill { name: &u.owners, unit: &u.unit, amount: &amount, deadline: "2026年12月8日", phone: "", estate: "", date: "2026年11月23日" };
        let body: Vec<char> = rules::fill(dunning::LETTER_BODY_DEFAULT, &fill).chars().collect();
        let mut lines = vec!["物业服务中心".to_string(), "催 缴 函".into(), "编号：CJ0000001".into(), format!("尊敬的 {} 房屋业主 {}：", u.unit, u.owners)];
        lines.extend(body.chunks(40).map(|c| c.iter().collect::<String>()));
        lines.push("收费项目  欠费期间  金额（元）".into());
        lines.extend(u.by_item.iter().map(|i| format!("{}  2021-01至2026-10  {}", i.item, i.owed.grouped())));
        lines.push(format!("合计（人民币大写）：{}  ¥{}", u.aged.total.capitals(), amount));
        lines.extend(["缴费期限：请于2026年12月8日前缴清".into(), "物业服务中心".into(), "2026年11月23日".into(), "送 达 回 执".into()]);
        lines.push(format!("函件编号 CJ0000001 房号 {} 受送达人 {} 送达方式 □ 直接送达 □ 邮寄送达 签收人（签字） 签收日期 年 月 日", u.unit, u.owners));
        out.push(lines);
    }
    Ok(out)
}

