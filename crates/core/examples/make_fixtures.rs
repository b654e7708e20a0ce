//! Writes the committed import fixtures: `tests/fixtures/messy-register.xlsx`
//! and `tests/fixtures/messy-register.csv` (GBK, as Excel saves CSV in China).
//!
//!     cargo run -p estate-core --example make_fixtures

#[path = "../../../tests/fixtures/messy_register.rs"]
mod messy_register;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    std::fs::create_dir_all(&dir)?;
    messy_register::write_messy_xlsx(&dir.join("messy-register.xlsx"))?;
    messy_register::write_messy_csv_gbk(&dir.join("messy-register.csv"))?;
    println!("wrote messy-register.xlsx and messy-register.csv in {}", dir.display());
    Ok(())
}
