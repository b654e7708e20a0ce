//! The project benchmark: each figure beside its floor, the same rows (or the
//! same bytes) produced by the bare dependency, and the ratio between them.
//!
//!     cargo run --release -p estate-core --example perf [-- --units N]
//!
//! `--units` sizes the demo estate of the payment, arrears, close, dunning, handover, notices, late-fee, backup, verify, keys, parcels, reno, service and surveys benchmarks (default 5000);
//! billing, import, search and meters always use 5,000 units. Everything is built in a
//! temporary folder. Exits with status 1 when a target is missed.

#[path = "../../../tests/fixtures/messy_register.rs"]
mod messy_register;

// The crate root is this file, so its modules' paths are spelled out.
#[path = "perf/arrears.rs"]
mod arrears;
#[path = "perf/backup.rs"]
mod backup;
#[path = "perf/billing.rs"]
mod billing;
#[path = "perf/close.rs"]
mod close;
#[path = "perf/handover.rs"]
mod handover;
#[path = "perf/dunning.rs"]
mod dunning;
#[path = "perf/import.rs"]
mod import;
#[path = "perf/keys.rs"]
mod keys;
#[path = "perf/reno.rs"]
mod reno;
#[path = "perf/meters.rs"]
mod meters;
#[path = "perf/notices.rs"]
mod notices;
#[path = "perf/latefee.rs"]
mod latefee;
#[path = "perf/parcels.rs"]
mod parcels;
#[path = "perf/payment.rs"]
mod payment;
#[path = "perf/receipt.rs"]
mod receipt;
#[path = "perf/search.rs"]
mod search;
#[path = "perf/service.rs"]
mod service;
#[path = "perf/surveys.rs"]
mod surveys;
#[path = "perf/verify.rs"]
mod verify;

use std::process::ExitCode;
use std::time::Duration;

type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;
type Section<'a> = &'a dyn Fn(&std::path::Path) -> Result<Vec<Figure>>;

/// One line of the table: a figure, its floor, and whether it meets its target.
pub struct Figure {
    pub name: String,
    pub measured: String,
    pub floor: String,
    /// Measured ÷ floor, where there is a floor.
    pub ratio: Option<f64>,
    pub target: String,
    /// `None` for a line shown for information only.
    pub ok: Option<bool>,
}

fn main() -> Result<ExitCode> {
    let (mut units, mut only) = (5000, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--units", Some(n)) => units = n.parse()?,
            ("--only", Some(name)) => only = Some(name),
            _ => return Err(format!("unknown argument {arg}; usage: perf [--units N] [--only billing|import|payment|arrears|latefee|close|dunning|handover|notices|receipt|search|backup|verify|keys|parcels|reno|meters|service|surveys]").into()),
        }
    }
    let dir = tempfile::tempdir()?;
    let mut figures = Vec::new();
    let mut notes = Vec::new();
    let sections: [(&str, Section, &str); 19] = [
        ("billing", &|dir| billing::run(dir), billing::FLOOR),
        ("import", &|dir| import::run(dir), import::FLOOR),
        ("payment", &|dir| payment::run(dir, units), payment::FLOOR),
        ("arrears", &|dir| arrears::run(dir, units), arrears::FLOOR),
        ("close", &|dir| close::run(dir, units), close::FLOOR),
        ("handover", &|dir| handover::run(dir, units), handover::FLOOR),
        ("dunning", &|dir| dunning::run(dir, units), dunning::FLOOR),
        ("notices", &|dir| notices::run(dir, units), notices::FLOOR),
        ("latefee", &|dir| latefee::run(dir, units), latefee::FLOOR),
        ("receipt", &|dir| receipt::run(dir), receipt::FLOOR),
        ("search", &|dir| search::run(dir), search::FLOOR),
        ("backup", &|dir| backup::run(dir, units), backup::FLOOR),
        ("verify", &|dir| verify::run(dir, units), verify::FLOOR),
        ("keys", &|dir| keys::run(dir, units), keys::FLOOR),
        ("parcels", &|dir| parcels::run(dir, units), parcels::FLOOR),
        ("reno", &|dir| reno::run(dir, units), reno::FLOOR),
        ("meters", &|dir| meters::run(dir), meters::FLOOR),
        ("service", &|dir| service::run(dir, units), service::FLOOR),
        ("surveys", &|dir| surveys::run(dir, units), surveys::FLOOR),
    ];
    for (what, run, floor) in sections {
        if only.as_ref().is_some_and(|o| o != what) {
            continue;
        }
        eprintln!("{what} ...");
        for f in run(dir.path())? {
            eprintln!("  {}: {} (floor {})", f.name, f.measured, f.floor);
            figures.push(f);
        }
        notes.push(format!("{what} floor: {floor}"));
    }

    print_table(&figures);
    println!();
    for note in notes {
        println!("{note}");
    }
    let missed = figures.iter().filter(|f| f.ok == Some(false)).count();
    if missed == 0 {
        println!("\nall targets met");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("\n{missed} target(s) missed");
        Ok(ExitCode::FAILURE)
    }
}

fn print_table(figures: &[Figure]) {
    let mut rows = vec![["benchmark", "measured", "floor", "ratio", "target", "result"].map(String::from)];
    rows.extend(figures.iter().map(|f| {
        let result = match f.ok {
            Some(true) => "ok",
            Some(false) => "MISSED",
            None => "-",
        };
        let ratio = f.ratio.map_or("-".into(), |r| format!("{r:.2}x"));
        [f.name.clone(), f.measured.clone(), f.floor.clone(), ratio, f.target.clone(), result.into()]
    }));
    let widths: [usize; 6] = std::array::from_fn(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0));
    rows.insert(1, widths.map(|w| "-".repeat(w)));
    println!();
    for row in &rows {
        // Names and targets read left to right; figures line up on the right.
        let cells: Vec<String> = (0..6)
            .map(|i| if matches!(i, 1..=3) { format!("{:>w$}", row[i], w = widths[i]) } else { format!("{:<w$}", row[i], w = widths[i]) })
            .collect();
        println!("{}", cells.join("  ").trim_end());
    }
}

/// Where a floor PDF sets its lines: font size (pt), left margin and line step (mm).
pub struct TextLines {
    pub size: f32,
    pub left: f32,
    pub step: f32,
}

/// The floor of a batch document: bare printpdf writing the same texts, a page
/// each, one line under the other, the font subset once.
pub fn bare_text_pdf(title: &str, font: &printpdf::ParsedFont, pages: &[Vec<String>], at: &TextLines) -> Vec<u8> {
    use printpdf::{Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem};
    let mut pdf = PdfDocument::new(title);
    let id = pdf.add_font(font);
    let pages = pages
        .iter()
        .map(|lines| {
            let mut ops = Vec::new();
            for (i, text) in lines.iter().enumerate() {
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(at.size) },
                    Op::SetTextCursor { pos: Point { x: Mm(at.left).into(), y: Mm(280.0 - at.step * i as f32).into() } },
                    Op::ShowText { items: vec![TextItem::Text(text.clone())] },
                    Op::EndTextSection,
                ]);
            }
            PdfPage::new(Mm(210.0), Mm(297.0), ops)
        })
        .collect();
    let options = PdfSaveOptions { subset_fonts: true, optimize: true, ..PdfSaveOptions::default() };
    pdf.with_pages(pages).save(&options, &mut Vec::new())
}

/// The 5,000-unit, five-year demo estate the payment section builds (seed 7),
/// built here when that section did not run.
pub fn demo_db(dir: &std::path::Path, units: usize) -> Result<estate_core::db::Db> {
    let path = dir.join("demo.db");
    if !path.exists() {
        estate_core::demo::create(&path, &estate_core::demo::DemoOptions { units, years: 5, seed: 7 })?;
    }
    Ok(estate_core::db::Db::open(&path)?)
}

/// The middle value (the lower one of an even count).
pub fn median(times: &[Duration]) -> Duration {
    percentile(times, 50)
}

/// The value below which `p` percent of the times fall (nearest rank).
pub fn percentile(times: &[Duration], p: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied().unwrap_or_default()
}

/// A bare connection for the floors: the same file with the same settings as
/// the program's (db::configure: WAL, synchronous=FULL, foreign keys, cache
/// size), but none of the program's own work, not even the ledger seal's
/// temporary triggers that a `Db`'s connection carries.
pub fn bare(path: &std::path::Path) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(conn)
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 { format!("{:.2} s", ms / 1000.0) } else { format!("{ms:.2} ms") }
}

pub fn ratio(measured: Duration, floor: Duration) -> Option<f64> {
    Some(measured.as_secs_f64() / floor.as_secs_f64().max(1e-9))
}
