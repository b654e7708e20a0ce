//! Importing an owner register from real files (xlsx written by
//! rust_xlsxwriter, CSV in GBK and UTF-8) into a real database file.
#![allow(clippy::unwrap_used)]

#[path = "../../../tests/fixtures/messy_register.rs"]
mod messy_register;

use std::path::{Path, PathBuf};

use chrono::DateTime;
use estate_core::db::{Clock, Db};
use estate_core::register::import::{ImportOptions, ImportReport, RowProblem, import_owners};
use messy_register::V::{self, D, E, N, S};
use tempfile::TempDir;

/// Workbooks are read as the programs read them: by a child process under a deadline.
fn setup() -> (TempDir, Db) {
    estate_core::register::import::use_workbook_reader(PathBuf::from(env!("CARGO_BIN_EXE_estate-read-workbook")));
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::create(&dir.path().join("estate.db"), "翠湖花园").unwrap();
    // Opening balances are billed in the month of the import: fix it.
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00").unwrap()));
    (dir, db)
}

fn xlsx(dir: &Path, name: &str, rows: &[Vec<V>]) -> PathBuf {
    let path = dir.join(name);
    let mut book = messy_register::workbook().unwrap();
    messy_register::write_rows(book.add_worksheet(), rows).unwrap();
    book.save(&path).unwrap();
    path
}

fn run(db: &mut Db, path: &Path, options: ImportOptions) -> estate_core::Result<ImportReport> {
    import_owners(db, path, &options, &mut |_, _| {})
}

fn import(db: &mut Db, path: &Path) -> ImportReport {
    run(db, path, ImportOptions::default()).unwrap()
}

fn count(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn totals(db: &Db) -> [i64; 5] {
    ["units", "people", "occupancies", "bills", "audit_log"].map(|t| count(db, &format!("SELECT COUNT(*) FROM {t}")))
}

/// Asserts the database holds exactly the messy register.
fn assert_messy_register_imported(db: &Db, report: &ImportReport) {
    assert_eq!(report.errors, vec![], "no problems expected");
    assert_eq!((report.units_created, report.people_created, report.opening_balances, report.skipped), (7, 6, 4, 0));
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT u.code, u.unit_type, u.area_centi, u.handover_date, p.name, o.from_date,
                    COALESCE((SELECT amount FROM bills b WHERE b.unit_id = u.id AND b.kind = 'opening'), 0)
             FROM units u JOIN occupancies o ON o.unit_id = u.id AND o.role = 'owner' AND o.to_date IS NULL
             JOIN people p ON p.id = o.person_id ORDER BY u.id",
        )
        .unwrap();
    type Line = (String, String, Option<i64>, Option<String>, String, String, i64);
    let got: Vec<Line> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(got.len(), messy_register::EXPECTED_UNITS.len());
    for (line, (code, kind, area, handover, owner, opening)) in got.iter().zip(messy_register::EXPECTED_UNITS) {
        let from = handover.unwrap_or("2026-11-23");
        let want = (code.into(), kind.into(), area, handover.map(String::from), owner.into(), from.into(), opening);
        assert_eq!(line, &want);
    }
    let people: Vec<(String, String)> = db
        .conn()
        .prepare("SELECT name, phones FROM people ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let want: Vec<(String, String)> = messy_register::EXPECTED_PEOPLE.iter().map(|(n, p)| (n.to_string(), p.to_string())).collect();
    assert_eq!(people, want);
    assert_eq!(count(db, "SELECT COUNT(*) FROM people WHERE id_number = '11010519491231002X'"), 1);
    assert_eq!(count(db, "SELECT COUNT(*) FROM bills WHERE kind = 'opening' AND period = '2026-11'"), 4);
    assert_eq!(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'register.import'"), 1);
}

#[test]
fn a_messy_xlsx_register_is_imported_whole() {
    let (dir, mut db) = setup();
    let path = dir.path().join("业主登记表.xlsx");
    messy_register::write_messy_xlsx(&path).unwrap();
    let report = import(&mut db, &path);
    assert_messy_register_imported(&db, &report);
    let detail: String = db.conn().query_row("SELECT detail FROM audit_log WHERE action = 'register.import'", [], |r| r.get(0)).unwrap();
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["file"], "业主登记表.xlsx");
    assert_eq!(detail["units_created"], 7);
    assert_eq!(detail["units"][5], "地下车库-A001");
}

#[test]
fn gbk_and_utf8_csv_registers_import_the_same() {
    let writers: [fn(&Path) -> std::io::Result<()>; 2] = [messy_register::write_messy_csv_gbk, messy_register::write_messy_csv_utf8_bom];
    for write in writers {
        let (dir, mut db) = setup();
        let path = dir.path().join("owners.csv");
        write(&path).unwrap();
        let report = import(&mut db, &path);
        assert_messy_register_imported(&db, &report);
    }
    let (dir, mut db) = setup();
    let path = dir.path().join("plain.csv");
    std::fs::write(&path, messy_register::csv_text(&messy_register::messy_rows())).unwrap();
    let report = import(&mut db, &path);
    assert_messy_register_imported(&db, &report);
}

#[test]
fn the_committed_fixtures_import_and_match_their_generator() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let (dir, _) = setup();
    let fresh = dir.path().join("fresh.csv");
    messy_register::write_messy_csv_gbk(&fresh).unwrap();
    let committed = std::fs::read(fixtures.join("messy-register.csv")).unwrap();
    assert_eq!(committed, std::fs::read(&fresh).unwrap(), "regenerate with: cargo run -p estate-core --example make_fixtures");
    for name in ["messy-register.xlsx", "messy-register.csv"] {
        let (_dir, mut db) = setup();
        let report = import(&mut db, &fixtures.join(name));
        assert_messy_register_imported(&db, &report);
    }
}

#[test]
fn a_dry_run_counts_what_it_would_create_and_writes_nothing() {
    let (dir, mut db) = setup();
    let path = dir.path().join("r.xlsx");
    messy_register::write_messy_xlsx(&path).unwrap();
    let before = totals(&db);
    let report = run(&mut db, &path, ImportOptions { dry_run: true, ..Default::default() }).unwrap();
    assert_eq!((report.units_created, report.people_created, report.opening_balances), (7, 6, 4));
    assert_eq!(report.rows, 7, "data rows read, totals and blank rows left out");
    assert_eq!(totals(&db), before);
    let real = import(&mut db, &path);
    assert_messy_register_imported(&db, &real);
}

fn header() -> Vec<V> {
    ["楼栋", "单元", "房号", "房屋类型", "建筑面积", "业主姓名", "联系电话", "身份证号", "交房日期", "期初欠费"].into_iter().map(S).collect()
}

fn good(room: &'static str, owner: &'static str) -> Vec<V> {
    vec![S("1"), S("1"), S(room), S("住宅"), S("100"), S(owner), S("13800000001"), E, S("2020-01-01"), S("50")]
}

/// Row 2 is good, row 3 is `bad`; returns the problems found.
fn problems_of(bad: Vec<V>) -> Vec<RowProblem> {
    let (dir, mut db) = setup();
    let path = xlsx(dir.path(), "bad.xlsx", &[header(), good("101", "张三"), bad]);
    let report = import(&mut db, &path);
    assert_eq!(totals(&db)[..4], [0, 0, 0, 0], "nothing is written while the file has problems");
    assert_eq!((report.units_created, report.people_created, report.opening_balances, report.skipped), (0, 0, 0, 0));
    report.errors
}

/// The one problem of row 3: (column, code).
fn problem_of(bad: Vec<V>) -> RowProblem {
    let errors = problems_of(bad);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].row, 3);
    errors[0].clone()
}

fn with(column: usize, value: V) -> Vec<V> {
    let mut row = good("102", "李四");
    row[column] = value;
    row
}

fn assert_problem(p: &RowProblem, column: &str, code: &str) {
    assert_eq!((p.column.as_str(), p.code), (column, code), "{p:?}");
    assert!(!p.message.is_empty());
}

#[test]
fn each_bad_cell_is_named_by_row_column_and_code() {
    let cases: Vec<(usize, V, &str, &str)> = vec![
        (4, S("约90"), "建筑面积", "import.bad_area"),
        (4, N(-3.0), "建筑面积", "import.bad_area"),
        (4, E, "建筑面积", "import.missing_value"),
        (5, E, "业主姓名", "import.missing_value"),
        (0, E, "楼栋", "import.missing_value"),
        (2, E, "房号", "import.missing_value"),
        (8, S("2019-02-30"), "交房日期", "import.bad_date"),
        (8, S("明年五月"), "交房日期", "import.bad_date"),
        (6, S("138000000011"), "联系电话", "import.bad_phone"),
        (9, S("-50"), "期初欠费", "import.bad_amount"),
        (9, S("五十元"), "期初欠费", "import.bad_amount"),
        (3, S("厂房"), "房屋类型", "import.bad_unit_type"),
        (7, S("110105194912310021"), "身份证号", "import.bad_id_number"),
        (7, N(110105194912310020.0), "身份证号", "import.bad_id_number"),
        (2, S("15-02"), "房号", "import.bad_unit_code"),
        (0, S("3#楼"), "楼栋", "import.bad_unit_code"),
        (1, S("2-1"), "单元", "import.bad_unit_code"),
    ];
    for (column, value, header, code) in cases {
        let p = problem_of(with(column, value.clone()));
        assert_problem(&p, header, code);
    }
}

#[test]
fn numbers_rounded_from_cells_are_not_errors() {
    // An area typed with three decimals as a number is rounded once to the hundredth.
    let (dir, mut db) = setup();
    let path = xlsx(dir.path(), "r.xlsx", &[header(), with(4, N(88.505))]);
    assert_eq!(import(&mut db, &path).errors, vec![]);
    assert_eq!(count(&db, "SELECT area_centi FROM units"), 8851);
}

#[test]
fn messages_keep_phones_and_id_numbers_out() {
    let p = problem_of(with(6, S("138000000011")));
    assert!(!p.message.contains("138000000011"), "{}", p.message);
    assert!(p.message.contains("138*****0011"), "{}", p.message);
    let p = problem_of(with(7, S("110105194912310021")));
    assert!(!p.message.contains("110105194912310021"), "{}", p.message);
}

#[test]
fn a_parking_space_needs_no_area_but_a_residence_does() {
    let (dir, mut db) = setup();
    let parking = vec![S("P"), E, S("001"), S("车位"), E, S("张三"), S("13800000001"), E, E, E];
    let path = xlsx(dir.path(), "r.xlsx", &[header(), parking]);
    assert_eq!(import(&mut db, &path).errors, vec![]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM units WHERE code = 'P-001' AND area_centi IS NULL AND unit_type = '车位'"), 1);
    let p = problem_of(with(4, S("")));
    assert_problem(&p, "建筑面积", "import.missing_value");
    assert!(p.message.contains("住宅"), "{}", p.message);
}

#[test]
fn every_problem_of_every_row_is_listed() {
    let mut bad = good("102", "李四");
    bad[4] = S("约90");
    bad[6] = S("电话忘了");
    bad[8] = S("去年");
    let (dir, mut db) = setup();
    let also_bad = with(9, S("-1"));
    let path = xlsx(dir.path(), "r.xlsx", &[header(), bad, good("103", "王五"), also_bad]);
    let report = import(&mut db, &path);
    let seen: Vec<(usize, &str, &str)> = report.errors.iter().map(|p| (p.row, p.column.as_str(), p.code)).collect();
    assert_eq!(
        seen,
        [
            (2, "建筑面积", "import.bad_area"),
            (2, "联系电话", "import.bad_phone"),
            (2, "交房日期", "import.bad_date"),
            (4, "期初欠费", "import.bad_amount")
        ]
    );
    assert_eq!(totals(&db)[..4], [0, 0, 0, 0]);
}

#[test]
fn the_same_unit_twice_with_another_owner_is_a_duplicate() {
    let errors = problems_of(good("101", "李四"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].row, 3);
    assert_problem(&errors[0], "房号", "import.duplicate_unit");
    assert!(errors[0].message.contains("第 2 行"), "{}", errors[0].message);
    // The same unit and owner again is harmless: imported once.
    let (dir, mut db) = setup();
    let path = xlsx(dir.path(), "r.xlsx", &[header(), good("101", "张三"), good("101", "张三")]);
    let report = import(&mut db, &path);
    assert_eq!((report.errors.len(), report.units_created, report.opening_balances), (0, 1, 1));
}

#[test]
fn a_unit_on_file_with_another_owner_asks_for_a_transfer() {
    let (dir, mut db) = setup();
    import(&mut db, &xlsx(dir.path(), "first.xlsx", &[header(), good("101", "张三")]));
    let before = totals(&db);
    let second = xlsx(dir.path(), "second.xlsx", &[header(), good("102", "王五"), good("101", "李四")]);
    let report = import(&mut db, &second);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].row, 3);
    assert_problem(&report.errors[0], "业主姓名", "import.owner_conflict");
    assert!(report.errors[0].message.contains("过户"), "{}", report.errors[0].message);
    assert_eq!(totals(&db), before, "the good row 2 waits for the file to be clean");
}

#[test]
fn an_id_number_on_file_under_another_name_is_refused() {
    let (dir, mut db) = setup();
    let mut first = good("101", "张三");
    first[7] = S(messy_register::VALID_ID);
    let mut second = with(7, S(messy_register::VALID_ID));
    second[6] = S("13900000009");
    let path = xlsx(dir.path(), "r.xlsx", &[header(), first, second]);
    let report = import(&mut db, &path);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].row, 3);
    assert_problem(&report.errors[0], "身份证号", "import.bad_id_number");
}

#[test]
fn skipping_bad_rows_imports_the_good_ones() {
    let (dir, mut db) = setup();
    let rows = [header(), good("101", "张三"), with(4, S("约90")), good("103", "王五"), good("101", "赵六"), header()];
    let path = xlsx(dir.path(), "r.xlsx", &rows);
    let report = run(&mut db, &path, ImportOptions { skip_bad_rows: true, ..Default::default() }).unwrap();
    assert_eq!((report.units_created, report.people_created, report.opening_balances, report.skipped), (2, 2, 2, 2));
    let rows: Vec<usize> = report.errors.iter().map(|p| p.row).collect();
    assert_eq!(rows, [3, 5]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM units WHERE code IN ('1-1-101', '1-1-103')"), 2);
    assert_eq!(totals(&db)[..4], [2, 2, 2, 2]);
    // A dry run with skipping reports the same and writes nothing more.
    let (dir2, mut db2) = setup();
    let path2 = xlsx(dir2.path(), "r.xlsx", &[header(), good("101", "张三"), with(4, S("约90"))]);
    let dry = run(&mut db2, &path2, ImportOptions { skip_bad_rows: true, dry_run: true, ..Default::default() }).unwrap();
    assert_eq!((dry.units_created, dry.skipped, dry.errors.len()), (1, 1, 1));
    assert_eq!(totals(&db2)[..4], [0, 0, 0, 0]);
}

#[test]
fn importing_the_same_file_again_creates_nothing() {
    let (dir, mut db) = setup();
    let path = dir.path().join("r.xlsx");
    messy_register::write_messy_xlsx(&path).unwrap();
    import(&mut db, &path);
    let before = totals(&db);
    let again = import(&mut db, &path);
    assert_eq!(again, ImportReport { rows: 7, ..Default::default() });
    assert_eq!(totals(&db), before);
    // The CSV of the same register is the same register.
    let csv = dir.path().join("r.csv");
    messy_register::write_messy_csv_gbk(&csv).unwrap();
    assert_eq!(import(&mut db, &csv), ImportReport { rows: 7, ..Default::default() });
    assert_eq!(totals(&db), before);
}

#[test]
fn without_an_entrance_column_codes_are_building_and_room() {
    let (dir, mut db) = setup();
    let rows = [vec![S("栋号"), S("室号"), S("姓名"), S("面积"), S("欠费")], vec![S("A座"), N(105.0), S("周九"), S("60"), S("80")]];
    let report = import(&mut db, &xlsx(dir.path(), "r.xlsx", &rows));
    assert_eq!((report.errors.len(), report.units_created, report.opening_balances), (0, 1, 1));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM units WHERE code = 'A-105' AND entrance = ''"), 1);
    // An opening balance already on file is left alone, even if the file now says otherwise.
    let changed = [rows[0].clone(), vec![S("A座"), N(105.0), S("周九"), S("60"), S("95")]];
    assert_eq!(import(&mut db, &xlsx(dir.path(), "again.xlsx", &changed)), ImportReport { rows: 1, ..Default::default() });
    assert_eq!(count(&db, "SELECT amount FROM bills WHERE kind = 'opening'"), 8000);
}

#[test]
fn a_missing_required_column_names_it_and_its_aliases() {
    let (dir, mut db) = setup();
    let rows = [vec![S("楼栋"), S("单元"), S("建筑面积"), S("业主")], vec![S("1"), S("1"), S("90"), S("张三")]];
    let err = run(&mut db, &xlsx(dir.path(), "r.xlsx", &rows), ImportOptions::default()).unwrap_err();
    assert_eq!(err.code(), "import.missing_column");
    let message = err.to_string();
    assert!(message.contains("房号") && message.contains("房间号") && message.contains("室号"), "{message}");
    assert!(!message.contains("楼栋”"), "{message}");
}

#[test]
fn a_sheet_without_a_header_row_is_refused() {
    let (dir, mut db) = setup();
    let rows = [vec![S("2026年收费计划")], vec![S("说明"), S("见附件")], vec![S("1"), S("101"), S("张三")]];
    let err = run(&mut db, &xlsx(dir.path(), "r.xlsx", &rows), ImportOptions::default()).unwrap_err();
    assert_eq!(err.code(), "import.no_header");
}

#[test]
fn sheets_are_chosen_by_name_and_a_wrong_name_lists_the_sheets() {
    let (dir, mut db) = setup();
    let path = dir.path().join("two.xlsx");
    let mut book = messy_register::workbook().unwrap();
    book.add_worksheet().set_name("说明").unwrap().write_string(0, 0, "本表为二期业主").unwrap();
    let sheet = book.add_worksheet().set_name("二期").unwrap();
    messy_register::write_rows(sheet, &[header(), good("101", "张三")]).unwrap();
    book.save(&path).unwrap();
    let err = run(&mut db, &path, ImportOptions { sheet: Some("三期".into()), ..Default::default() }).unwrap_err();
    assert_eq!(err.code(), "import.no_sheet");
    assert!(err.to_string().contains("“说明”、“二期”"), "{err}");
    assert_eq!(run(&mut db, &path, ImportOptions::default()).unwrap_err().code(), "import.no_header");
    let report = run(&mut db, &path, ImportOptions { sheet: Some("二期".into()), ..Default::default() }).unwrap();
    assert_eq!(report.units_created, 1);
}

#[test]
fn unreadable_files_are_refused() {
    let (dir, mut db) = setup();
    let garbage = dir.path().join("r.xlsx");
    std::fs::write(&garbage, "这不是 Excel 文件").unwrap();
    assert_eq!(run(&mut db, &garbage, ImportOptions::default()).unwrap_err().code(), "import.unreadable");
    let missing = dir.path().join("missing.xlsx");
    assert_eq!(run(&mut db, &missing, ImportOptions::default()).unwrap_err().code(), "import.unreadable");
    let binary = dir.path().join("r.csv");
    std::fs::write(&binary, [0x81u8, 0x20, 0xff, 0xfe, 0x00, 0x81]).unwrap();
    assert_eq!(run(&mut db, &binary, ImportOptions::default()).unwrap_err().code(), "import.unreadable");
}

#[test]
fn row_numbers_are_the_ones_excel_shows() {
    // Two empty rows above the header: calamine's range starts at row 3.
    let (dir, mut db) = setup();
    let path = xlsx(dir.path(), "r.xlsx", &[vec![], vec![], header(), with(4, S("约90"))]);
    assert_eq!(import(&mut db, &path).errors[0].row, 4);
    // In a CSV, a blank line is a row and a cell with a line break is not two,
    // whether lines end in CRLF (as Excel and Python write them) or LF.
    let text = "楼栋,房号,业主姓名,建筑面积,联系电话\n\n1,101,张三,90,\"13800000001\n\"\n1,102,李四,约90,\n1,103,王五,,\n";
    for (i, text) in [text.to_string(), text.replace('\n', "\r\n")].into_iter().enumerate() {
        let csv = dir.path().join(format!("r{i}.csv"));
        std::fs::write(&csv, text).unwrap();
        let report = import(&mut db, &csv);
        assert_eq!(report.errors.iter().map(|p| p.row).collect::<Vec<_>>(), [4, 5], "{i}");
    }
}

#[test]
fn progress_is_reported_every_hundred_rows_and_at_the_end() {
    let (dir, mut db) = setup();
    let rows: Vec<Vec<V>> = std::iter::once(header())
        .chain((0..250).map(|i| {
            let room: &'static str = Box::leak(format!("{}", 101 + i).into_boxed_str());
            vec![S("1"), S("1"), S(room), E, N(90.0), S("业主"), E, E, D(2020, 1, 1), E]
        }))
        .collect();
    let path = xlsx(dir.path(), "r.xlsx", &rows);
    let mut calls = Vec::new();
    let report = import_owners(&mut db, &path, &ImportOptions::default(), &mut |done, total| calls.push((done, total))).unwrap();
    assert_eq!(report.units_created, 250);
    assert_eq!(calls, [(100, 250), (200, 250), (250, 250)]);
}

/// calamine 0.38 loops forever (taking gigabytes) on this damaged .xls: the child
/// reading it is killed at the deadline and the import refused, nothing written.
#[test]
fn a_workbook_that_hangs_the_reader_is_given_up_at_the_deadline() {
    let (dir, mut db) = setup();
    let path = dir.path().join("花名册.xls");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hang-calamine.xls"), &path).unwrap();
    let audit_before = count(&db, "SELECT COUNT(*) FROM audit_log");
    let started = std::time::Instant::now();
    let err = run(&mut db, &path, ImportOptions::default()).unwrap_err();
    let took = started.elapsed();
    assert_eq!(err.code(), "import.too_slow", "{}", err.body().message);
    assert!(err.body().message.contains("5 秒内没有读完") && err.body().message.contains("另存为新的 .xlsx"), "{}", err.body().message);
    assert!(took >= std::time::Duration::from_secs(5) && took < std::time::Duration::from_secs(8), "given up at the 5 s deadline: {took:?}");
    assert_eq!((count(&db, "SELECT COUNT(*) FROM units"), count(&db, "SELECT COUNT(*) FROM audit_log")), (0, audit_before), "nothing written");
}
