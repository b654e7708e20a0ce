//! The estate file, staff sign-in and settings.

use std::path::{Path, PathBuf};

use estate_core::db::settings::{self, Setting};
use estate_core::staff::{self, Permission, Staff, StaffRole};
use estate_core::{Db, ErrorBody, demo, desk};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

use crate::places;
use crate::state::{Desk, Reply};

/// What the window needs to know to choose its first screen.
#[derive(Serialize)]
pub struct Status {
    /// The estate file in use; `None` = show the first-start screen.
    database: Option<String>,
    /// Where printed receipts are kept (beside the estate file).
    receipts_dir: Option<String>,
    estate_name: String,
    has_staff: bool,
    staff: Option<Staff>,
    /// What the signed-in person may do, so the UI can grey out the rest (the core checks again).
    permissions: Vec<Permission>,
    /// What they may do with a supervisor's approval on the spot (主管授权): not greyed, the dialog asks.
    approvable: Vec<Permission>,
    idle_lock_minutes: u32,
    /// Why the file to open at start could not be opened, and which file that was
    /// (the start screen offers 从备份恢复 for it).
    problem: Option<ErrorBody>,
    problem_path: Option<String>,
    /// Suggestions for the first-start screen.
    default_path: String,
    demo_path: String,
}

fn status(desk: &Desk, problem: Option<ErrorBody>) -> Reply<Status> {
    status_of(desk, problem, None)
}

fn status_of(desk: &Desk, problem: Option<ErrorBody>, problem_path: Option<&Path>) -> Reply<Status> {
    let staff = desk.staff()?;
    let opened = desk.with_open(|open| {
        let conn = open.db.conn();
        let name = settings::get_or(conn, settings::ESTATE_NAME, "")?;
        Ok((open.path.display().to_string(), name, staff::has_staff(conn)?, settings::idle_lock_minutes(conn)?))
    });
    let (database, estate_name, has_staff, idle_lock_minutes) = match opened {
        Ok((path, name, has, idle)) => (Some(path), name, has, idle),
        Err(_) => (None, String::new(), false, settings::IDLE_LOCK_DEFAULT),
    };
    let of_role = |rule: fn(StaffRole, Permission) -> bool| staff.as_ref().map(|s| Permission::ALL.into_iter().filter(|p| rule(s.role, *p)).collect()).unwrap_or_default();
    let (permissions, approvable) = (of_role(staff::rules::permits), of_role(staff::rules::approvable));
    Ok(Status {
        receipts_dir: database.as_deref().map(|d| places::receipts_dir(Path::new(d)).display().to_string()),
        database,
        estate_name,
        has_staff,
        permissions,
        approvable,
        staff,
        idle_lock_minutes,
        problem,
        problem_path: problem_path.map(|p| p.display().to_string()),
        default_path: estate_core::db::default_path().display().to_string(),
        demo_path: places::demo_path().display().to_string(),
    })
}

/// Puts an opened (or just made) file in use; remembers it when the clerk chose it.
fn use_file(app: &AppHandle, desk: &Desk, path: &Path, opened: estate_core::Result<Db>, remember: bool) -> Reply<Status> {
    desk.set_open(opened.map_err(|e| e.body())?, path)?;
    if remember {
        places::remember(app, path).map_err(|e| e.body())?;
    }
    status(desk, None)
}

/// At start: opens `$ESTATE_DB` or the remembered file, once; then reports.
#[tauri::command]
pub async fn startup(app: AppHandle, desk: State<'_, Desk>) -> Reply<Status> {
    if desk.with_open(|_| Ok(())).is_ok() {
        return status(&desk, None);
    }
    match places::startup_path(&app) {
        Some(path) => use_file(&app, &desk, &path, Db::open(&path), false).or_else(|e| status_of(&desk, Some(e), Some(&path))),
        None => status(&desk, None),
    }
}

/// A native file dialog: `open` picks an existing estate file, `create` names a new one,
/// `import` picks an owner register (Excel or CSV), `backup` a backup to restore,
/// `folder` the folder backups go to.
#[tauri::command]
pub async fn choose_file(app: AppHandle, purpose: String) -> Reply<Option<String>> {
    let dialog = app.dialog().file();
    let estate = |d: FileDialogBuilder<_>| d.add_filter("EstateDesk 数据库", &["db", "sqlite"]);
    let picked = match purpose.as_str() {
        "create" => estate(dialog).set_title("新建小区：选择保存位置").set_file_name("estate.db").blocking_save_file(),
        "backup" => estate(dialog).set_title("选择要恢复的备份").blocking_pick_file(),
        "folder" => dialog.set_title("选择备份文件夹（可以是 U 盘）").blocking_pick_folder(),
        "import" => dialog.add_filter("业主名册（Excel 或 CSV）", &["xlsx", "xls", "csv"]).set_title("选择要导入的业主名册").blocking_pick_file(),
        _ => estate(dialog).set_title("打开已有数据库").blocking_pick_file(),
    };
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn create_estate(app: AppHandle, desk: State<'_, Desk>, path: PathBuf, name: String) -> Reply<Status> {
    use_file(&app, &desk, &path, Db::create(&path, &name), true)
}

/// Opens an existing file; a refused one (corrupt, too new) comes back as the
/// status's problem, naming the file, so the start screen can offer 从备份恢复.
#[tauri::command]
pub async fn open_estate(app: AppHandle, desk: State<'_, Desk>, path: PathBuf) -> Reply<Status> {
    match Db::open(&path) {
        Err(e) if matches!(e.code(), "db.corrupt" | "db.too_new") => status_of(&desk, Some(e.body()), Some(&path)),
        opened => use_file(&app, &desk, &path, opened, true),
    }
}

/// Puts a file just restored from a backup in use and remembers it.
pub fn open_restored(app: &AppHandle, desk: &Desk, path: &Path, opened: estate_core::Result<Db>) -> Reply<Status> {
    use_file(app, desk, path, opened, true)
}

/// Opens the demo estate, making it first (300 units, three years) when it does not exist yet.
#[tauri::command]
pub async fn open_demo(app: AppHandle, desk: State<'_, Desk>) -> Reply<Status> {
    let path = places::demo_path();
    let made = match path.exists() {
        true => Ok(()),
        false => demo::create(&path, &demo::DemoOptions { units: 300, years: 3, seed: 7 }).map(drop),
    };
    use_file(&app, &desk, &path, made.and_then(|_| Db::open(&path)), true)
}

#[tauri::command]
pub async fn close_estate(desk: State<'_, Desk>) -> Reply<Status> {
    desk.close()?;
    status(&desk, None)
}

#[tauri::command]
pub async fn sign_in(desk: State<'_, Desk>, name: String, password: String) -> Reply<Staff> {
    let staff = desk.with_open(|open| desk::sign_in(&mut open.db, &name, &password))?;
    desk.set_staff(Some(staff.clone())).map(|_| staff)
}

/// The first account of a new estate (a supervisor), signed in at once.
#[tauri::command]
pub async fn create_first_supervisor(desk: State<'_, Desk>, name: String, password: String) -> Reply<Staff> {
    let staff = desk.with_open(|open| desk::create_first_supervisor(&mut open.db, &name, &password))?;
    desk.set_staff(Some(staff.clone())).map(|_| staff)
}

#[tauri::command]
pub async fn sign_out(desk: State<'_, Desk>) -> Reply<()> {
    desk.set_staff(None)
}

/// After the idle lock: the signed-in person's password, checked without writing.
#[tauri::command]
pub async fn unlock(desk: State<'_, Desk>, password: String) -> Reply<Staff> {
    desk.act(|db, me| desk::unlock(db, me, &password))
}

#[tauri::command]
pub async fn settings_list(desk: State<'_, Desk>) -> Reply<Vec<Setting>> {
    desk.read(|db| settings::all(db.conn()))
}

#[tauri::command]
pub async fn set_setting(desk: State<'_, Desk>, key: String, value: String) -> Reply<String> {
    desk.act(|db, staff| desk::set_setting(db, staff, &key, &value))
}
