//! Where the desk's files live: the remembered estate file (a small JSON file
//! in the app's config folder), the demo estate, and the receipts archive
//! beside the estate file. And handing a PDF to the system viewer.

use std::path::{Path, PathBuf};

use estate_core::db::default_path;
use estate_core::error::FileError;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};

/// Set (to anything) to save receipts without opening a viewer, e.g. in end-to-end tests.
const NO_VIEWER_ENV: &str = "ESTATE_NO_VIEWER";

#[derive(Serialize, Deserialize, Default)]
struct Config {
    /// The estate file last opened or created here.
    database: Option<PathBuf>,
}

fn config_file(app: &AppHandle) -> Option<PathBuf> {
    app.path().app_config_dir().ok().map(|dir| dir.join("desk.json"))
}

fn remembered(app: &AppHandle) -> Option<PathBuf> {
    let text = std::fs::read_to_string(config_file(app)?).ok()?;
    serde_json::from_str::<Config>(&text).ok()?.database
}

/// Remembers `path` as the file to open at the next start.
pub fn remember(app: &AppHandle, path: &Path) -> estate_core::Result<()> {
    let Some(file) = config_file(app) else { return Ok(()) };
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| FileError { path: dir.to_path_buf(), reason: e.to_string() })?;
    }
    let config = Config { database: Some(path.to_path_buf()) };
    FileError::write(&file, serde_json::to_string_pretty(&config).unwrap_or_default().as_bytes())
}

/// The file to open at start: `$ESTATE_DB`, else the one remembered, else the
/// default file the CLI uses when it exists. `None` = first start.
pub fn startup_path(app: &AppHandle) -> Option<PathBuf> {
    if let Some(env) = std::env::var_os("ESTATE_DB").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(env));
    }
    remembered(app).or_else(|| Some(default_path()).filter(|p| p.exists()))
}

/// Where "打开演示小区" makes (once) and opens the demo estate.
pub fn demo_path() -> PathBuf {
    default_path().with_file_name("demo.db")
}

/// The receipts archive: a `receipts` folder beside the estate file.
pub fn receipts_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join(RECEIPTS)
}

const RECEIPTS: &str = "receipts";

/// A folder beside the estate file (`reports/`, `催缴函/`…), made when missing.
fn folder_beside(db_path: &Path, folder: &str) -> estate_core::Result<PathBuf> {
    let dir = db_path.parent().unwrap_or(Path::new(".")).join(folder);
    std::fs::create_dir_all(&dir).map_err(|e| FileError { path: dir.clone(), reason: e.to_string() })?;
    Ok(dir)
}

/// `<receipts_dir>/SF0000001.pdf`; a reprint is saved beside it as the next
/// free `SF0000001-补打N.pdf`, so the original stays as printed.
pub fn receipt_file(db_path: &Path, receipt_no: &str) -> estate_core::Result<PathBuf> {
    // Only letters and digits reach the file name, whatever the web view sent.
    let no: String = receipt_no.trim().chars().filter(char::is_ascii_alphanumeric).collect();
    first_free(&folder_beside(db_path, RECEIPTS)?, &format!("{no}.pdf"), |n| format!("{no}-补打{n}.pdf"))
}

/// `dir/first`, or when that exists the first of `dir/again(1)`, `dir/again(2)`, … that does not.
fn first_free(dir: &Path, first: &str, again: impl Fn(u32) -> String) -> estate_core::Result<PathBuf> {
    let original = dir.join(first);
    if !original.exists() {
        return Ok(original);
    }
    Ok((1..).map(|n| dir.join(again(n))).find(|p| !p.exists()).unwrap_or(original))
}

/// The notices archive: a `notices` folder beside the estate file. A batch
/// is saved as `<stem>.<ext>`, or `<stem>-2.<ext>` and on when printed again,
/// so a file handed out is never overwritten.
pub fn notices_file(db_path: &Path, stem: &str, ext: &str) -> estate_core::Result<PathBuf> {
    // Only letters, digits (CJK included) and dashes reach the file name, whatever the web view sent.
    let stem: String = stem.chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
    first_free(&folder_beside(db_path, "notices")?, &format!("{stem}.{ext}"), |n| format!("{stem}-{}.{ext}", n + 1))
}

/// `name` in the reports folder beside the estate file; an earlier export of the same month is replaced.
pub fn report_file(db_path: &Path, name: &str) -> estate_core::Result<PathBuf> {
    Ok(folder_beside(db_path, "reports")?.join(name))
}

/// A new file for a printed batch or an export: `<folder beside the estate
/// file>/<stem>-<date and time>.<ext>`, e.g. `催缴函/催缴函-20261123-093015.pdf`.
pub fn dated_file(db_path: &Path, folder: &str, stem: &str, ext: &str, now: chrono::DateTime<chrono::FixedOffset>) -> estate_core::Result<PathBuf> {
    Ok(folder_beside(db_path, folder)?.join(format!("{stem}-{}.{ext}", now.format("%Y%m%d-%H%M%S"))))
}

/// Opens a folder in the system's file manager. Returns why not, when it could not.
pub fn show_folder(dir: &Path) -> Option<String> {
    if std::env::var_os(NO_VIEWER_ENV).is_some() {
        return None;
    }
    open::that_detached(dir).err().map(|e| format!("报表已保存到 {}，但没能打开这个文件夹（{e}）。请在文件管理器里找到它。", dir.display()))
}

/// `<estate folder>/handover/日结交接单-<clerk>-<day>.pdf`. Printing the sheet again
/// overwrites it: the sheet of a closed day never changes.
pub fn handover_file(db_path: &Path, clerk: &str, day: impl std::fmt::Display) -> estate_core::Result<PathBuf> {
    // Only letters and digits of the name reach the file name, whatever the web view sent.
    let clerk: String = clerk.trim().chars().filter(|c| c.is_alphanumeric()).collect();
    Ok(folder_beside(db_path, "handover")?.join(format!("日结交接单-{clerk}-{day}.pdf")))
}

/// Opens `path` in the system's PDF viewer for printing. Returns why not, when it could not.
pub fn show(path: &Path) -> Option<String> {
    if std::env::var_os(NO_VIEWER_ENV).is_some() {
        return None;
    }
    open::that_detached(path)
        .err()
        .map(|e| format!("文件已保存到 {}，但没能用系统的 PDF 阅读器打开（{e}）。请到该文件夹双击打开后打印。", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_go_beside_the_estate_file_and_reprints_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("estate.db");
        let first = receipt_file(&db, "SF0000001").unwrap();
        assert_eq!(first, dir.path().join("receipts").join("SF0000001.pdf"));
        std::fs::write(&first, b"pdf").unwrap();
        assert_eq!(receipt_file(&db, "SF0000001").unwrap().file_name().unwrap(), "SF0000001-补打1.pdf");
        assert_eq!(receipt_file(&db, "../../etc/x").unwrap().file_name().unwrap(), "etcx.pdf");
        assert_eq!(report_file(&db, "月度报表-2026-03.xlsx").unwrap(), dir.path().join("reports").join("月度报表-2026-03.xlsx"));
        assert!(dir.path().join("reports").is_dir());
        let sheet = handover_file(&db, "../王 芳", "2026-11-23").unwrap();
        assert_eq!(sheet, dir.path().join("handover").join("日结交接单-王芳-2026-11-23.pdf"));
    }

    #[test]
    fn dated_files_go_in_their_folder_beside_the_estate_file() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:30:15+08:00").unwrap();
        let file = dated_file(&dir.path().join("estate.db"), "催缴函", "催缴函", "pdf", now).unwrap();
        assert_eq!(file, dir.path().join("催缴函").join("催缴函-20261123-093015.pdf"));
        assert!(file.parent().unwrap().is_dir());
    }

    #[test]
    fn notices_go_beside_the_estate_file_and_a_second_print_gets_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("estate.db");
        let first = notices_file(&db, "收费通知单-2026-11-全部", "pdf").unwrap();
        assert_eq!(first, dir.path().join("notices").join("收费通知单-2026-11-全部.pdf"));
        std::fs::write(&first, b"pdf").unwrap();
        assert_eq!(notices_file(&db, "收费通知单-2026-11-全部", "pdf").unwrap().file_name().unwrap(), "收费通知单-2026-11-全部-2.pdf");
        assert_eq!(notices_file(&db, "../x", "pdf").unwrap().file_name().unwrap(), "x.pdf");
    }
}
