//! The workbook reader the core's own tests start as a child process
//! (`register::import::use_workbook_reader`): the CLI and the desk serve it
//! themselves. Started any other way it says so and stops.

fn main() -> std::process::ExitCode {
    estate_core::register::import::serve_workbook_reader();
    eprintln!("这个程序只供导入时读取 Excel 文件，请运行 estate 或桌面程序。");
    std::process::ExitCode::from(2)
}
