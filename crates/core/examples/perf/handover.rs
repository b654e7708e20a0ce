//! The monthly workbook for finance on the 5,000-unit demo with five years of
//! history: reading the month from the ledger and writing every sheet (formats,
//! formulas with their values, print set-up) to a file; against
//! rust_xlsxwriter writing the same cells as plain numbers and text.

use std::path::Path;
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx};
use estate_core::db::Db;
use estate_core::demo::{self, DemoOptions};
use estate_core::fees::Period;
use estate_core::handover;

use crate::{Figure, Result, median, ms, ratio};

pub const FLOOR: &str = "rust_xlsxwriter writing the workbook's cells (same sheets, rows and columns) as plain numbers and strings, no formats or formulas";
const RUNS: usize = 5;

/// The last full month of the payment section's demo estate (built here when that section did not run).
pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let path = dir.join("demo.db");
    if !path.exists() {
        demo::create(&path, &DemoOptions { units, years: 5, seed: 7 })?;
    }
    let db = Db::open(&path)?;
    let month = Period::of(db.now().date_naive()).plus(-1);
    let out = dir.join("monthly.xlsx");
    let (mut times, mut reads, mut floors) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let m = handover::monthly(db.conn(), month)?;
        reads.push(start.elapsed());
        let (bytes, sheets) = m.workbook()?;
        std::fs::write(&out, bytes)?;
        times.push(start.elapsed());
        rows = sheets.iter().map(|s| s.rows).sum::<u32>();
        floors.push(bare_copy(&out, &dir.join("floor.xlsx"))?);
    }
    let (mid, read, floor) = (median(&times), median(&reads), median(&floors));
    Ok(vec![
        Figure {
            name: format!("monthly workbook {month}, read + 8 sheets written ({units} units, {rows} rows)"),
            measured: ms(mid),
            floor: ms(floor),
            ratio: ratio(mid, floor),
            target: "< 2 s".into(),
            ok: Some(mid < Duration::from_secs(2)),
        },
        Figure { name: "  of which reading the month from the ledger".into(), measured: ms(read), floor: "-".into(), ratio: None, target: "-".into(), ok: None },
    ])
}

/// Writes the cells of `made` again with nothing but values, timing only the writing.
fn bare_copy(made: &Path, to: &Path) -> Result<Duration> {
    let mut book: Xlsx<_> = calamine::open_workbook(made)?;
    let sheets: Vec<(String, calamine::Range<Data>)> =
        book.sheet_names().into_iter().map(|n| book.worksheet_range(&n).map(|r| (n, r))).collect::<std::result::Result<_, _>>()?;
    let start = Instant::now();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, range) in &sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Data::String(s) => ws.write_string(r as u32, c as u16, s)?,
                    Data::Float(f) => ws.write_number(r as u32, c as u16, *f)?,
                    Data::DateTime(d) => ws.write_number(r as u32, c as u16, d.as_f64())?,
                    _ => ws,
                };
            }
        }
    }
    wb.save(to)?;
    Ok(start.elapsed())
}
