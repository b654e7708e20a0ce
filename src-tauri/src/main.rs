//! EstateDesk 物业前台: the desktop shell. Window, dialogs, file places and
//! one-line commands over estate-core; no SQL and no rules here.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod backup_timer;
mod commands;
mod places;
mod state;

fn main() {
    // Started by an import to read a workbook under a deadline: does that and exits.
    estate_core::register::import::serve_workbook_reader();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state::Desk::default())
        .setup(|app| {
            backup_timer::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(e) = app {
        eprintln!("EstateDesk 无法启动：{e}");
        std::process::exit(1);
    }
}
