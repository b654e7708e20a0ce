//! The timed backup while the app runs: every minute a background thread asks
//! the core whether the newest backup is older than the interval set, and if
//! so makes one through its own read-only connection (WAL: the desk's writes
//! go on meanwhile, and the window never waits for it).

use std::time::Duration;

use chrono::Local;
use estate_core::backup::{self, Outcome};
use tauri::{AppHandle, Manager};

use crate::state::Desk;

const TICK: Duration = Duration::from_secs(60);

pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(TICK);
            let desk = app.state::<Desk>();
            let Ok(Some(path)) = desk.open_path() else { continue };
            let outcome = match backup::scheduled(&path, Local::now().naive_local()) {
                Ok(None) => continue,
                Ok(Some(made)) => Outcome::of(Ok(made)),
                Err(e) => Outcome::of(Err(e)),
            };
            if let Some(problem) = &outcome.problem {
                eprintln!("定时备份没有做成：{}（{}）", problem.message, problem.code);
            }
            let _shown_on_the_backup_screen = desk.set_last_scheduled(outcome);
        }
    });
}
