//! estate: EstateDesk's command line. Each subcommand turns its arguments into
//! one core call and its result into aligned Chinese text or one JSON object.
//! Exit 0 on success, 2 on bad input, 1 on anything else.

mod acting;
mod arrears;
mod backup;
mod close;
mod deposit;
mod dunning;
mod estate;
mod export;
mod fees;
mod inspect;
mod keys;
mod inventory;
mod latefee;
mod meter;
mod parcel;
mod person;
mod register;
mod reno;
mod notice;
mod service;
mod survey;
mod shift;
mod reply;
mod search;
mod staff;
mod usage;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use estate_core::{Db, ErrorBody};

use reply::Reply;

#[derive(Parser)]
#[command(name = "estate", version, about = "EstateDesk 物业前台：命令行", disable_help_subcommand = true)]
struct Cli {
    /// 数据库文件（默认取环境变量 ESTATE_DB，再默认为本机数据目录下的 estate.db）
    #[arg(long, global = true, env = "ESTATE_DB")]
    db: Option<PathBuf>,
    /// 以 JSON 输出（每个命令输出一个对象，金额为两位小数的字符串）
    #[arg(long, global = true)]
    json: bool,
    /// 经办人（写进收据和审计记录）。有员工账号后须是在用账号，密码取自 ESTATE_PASSWORD，终端上没有则提示输入
    #[arg(long, global = true, env = "ESTATE_OPERATOR", default_value = "前台")]
    operator: String,
    /// 授权主管：前台做主管才能做的事（作废、减免、退押金、改价格、从备份恢复、盘点签字）时由主管当场授权，密码取自 ESTATE_APPROVER_PASSWORD，终端上没有则提示输入
    #[arg(long, global = true, env = "ESTATE_APPROVER")]
    approver: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 新建小区数据库（不会改动已有文件）
    Init(estate::InitArgs),
    /// 生成演示小区（中文姓名、多种房屋、几年的账单和收款）
    Demo(estate::DemoArgs),
    /// 设置：小区名称、收据抬头、纸张、收据字头
    #[command(subcommand)]
    Settings(estate::SettingsCommand),
    /// 审计记录
    #[command(subcommand)]
    Audit(estate::AuditCommand),
    /// 从 Excel/CSV 导入
    #[command(subcommand)]
    Import(register::ImportCommand),
    /// 房屋：新增、查看、登记住户
    #[command(subcommand)]
    Unit(register::UnitCommand),
    /// 过户：结束原业主，登记新业主（欠费随房屋）
    Transfer(register::TransferArgs),
    /// 车辆登记
    #[command(subcommand)]
    Vehicle(register::VehicleCommand),
    /// 住户个人信息：导出（本人查阅）、删除（已迁出租户）
    #[command(subcommand)]
    Person(person::PersonCommand),
    /// 收费项目与价格
    #[command(subcommand)]
    Fee(fees::FeeCommand),
    /// 计费
    #[command(subcommand)]
    Bill(fees::BillCommand),
    /// 查询房屋欠费和预存
    Balance(fees::UnitArg),
    /// 对账单
    Statement(fees::UnitArg),
    /// 收款并出收据
    Pay(fees::PayArgs),
    /// 收据：打印 PDF、作废
    #[command(subcommand)]
    Receipt(fees::ReceiptCommand),
    /// 减免账单
    Waive(fees::WaiveArgs),
    /// 欠费账龄：按房屋、楼栋、收费项目
    Arrears(arrears::ArrearsArgs),
    /// 押金：收取、退还（可扣除）、台账
    #[command(subcommand)]
    Deposit(deposit::DepositCommand),
    /// 托管钥匙：存放、授权、借出、归还、退还业主、列表、借用登记表
    #[command(subcommand)]
    Key(keys::KeyCommand),
    /// 卡证：住户卡、车卡、可视对讲机等的入库、发放（收押金开押金收据）、退回、台账
    #[command(subcommand)]
    Card(inventory::CardCommand),
    /// 盘点：每月盘点卡证和托管钥匙，差异写明说明，主管签字结束
    #[command(subcommand)]
    Count(inventory::CountCommand),
    /// 导出：月度报表（Excel，交财务）
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// 催缴：登记联系、打印催缴函、登记送达、时效预警、导出催缴短信
    #[command(subcommand)]
    Dunning(dunning::DunningCommand),
    /// 日结：按收款人、按天汇总收款，清点现金，锁定当天；交接单
    #[command(subcommand)]
    Close(close::CloseCommand),
    /// 违约金：按收费项目设规则，查看某户到某天的违约金
    #[command(subcommand)]
    LateFee(latefee::LateFeeCommand),
    /// 快递信件：入库、取件通知、取件、登记簿、退回、催取、取件标签
    #[command(subcommand)]
    Parcel(parcel::ParcelCommand),
    /// 装修：申请、审批、收费和押金、发证、日检、闭水试验、放行条、延期、验收、退押金、列表
    #[command(subcommand)]
    Reno(reno::RenoCommand),
    /// 抄表：水电燃气表登记、换表、录入和导入读数、出账前检查和确认异常、公摊分摊、阶梯价格、抄表清单和分摊表
    #[command(subcommand)]
    Meter(meter::MeterCommand),
    /// 业户需求和投诉：受理、定性、调查、指派、方案、答复、回访、总结、关闭；关联欠费；列表
    #[command(subcommand)]
    Request(service::RequestCommand),
    /// 工程维修单：开单、派工、到场、完工（收维修费）、验收或回访、关闭、列表、打印
    #[command(subcommand)]
    Order(service::OrderCommand),
    /// 巡检：公共区域（每周）和空置房（每月）巡检表、开始、逐项填正常或异常、完成、异常开维修单、该巡检的、打印
    #[command(subcommand)]
    Inspect(inspect::InspectCommand),
    /// 公告通知：通知模板、从模板发布通知（停水、停电、收费期、消防演练等）、打印张贴、导出文本、撤回
    #[command(subcommand)]
    Notice(notice::NoticeCommand),
    /// 满意度调查：新建（沿用上次题目）、题目、录入答卷、结束、结果（与上次对比）、打印汇总
    #[command(subcommand)]
    Survey(survey::SurveyCommand),
    /// 交接班：交班（未办结的事和交班说明）、接班确认、列表、查看
    #[command(subcommand)]
    Shift(shift::ShiftCommand),
    /// 员工账号：列出、添加
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// 搜索：房号、姓名、拼音首字母、电话后四位、车牌
    Search(search::SearchArgs),
    /// 备份：立即备份（检查完好，按保留份数删最旧的），或 `list` 列出备份
    Backup(backup::BackupArgs),
    /// 从备份恢复（先把现在的数据另存一份；数据库损坏或版本过新打不开时也可用）
    Restore(backup::RestoreArgs),
}

/// What every command gets: the database path, who is acting (and who approves).
pub struct Ctx {
    pub db_path: PathBuf,
    pub operator: String,
    pub approver: Option<String>,
}

impl Ctx {
    pub fn open(&self) -> estate_core::Result<Db> {
        Db::open(&self.db_path)
    }
}

fn run(cli: Cli) -> Result<Reply, estate_core::Error> {
    let ctx = Ctx { db_path: cli.db.unwrap_or_else(estate_core::db::default_path), operator: cli.operator, approver: cli.approver };
    match cli.command {
        Command::Init(a) => estate::init(&ctx, a),
        Command::Demo(a) => estate::demo(&ctx, a),
        Command::Settings(c) => estate::settings(&ctx, c),
        Command::Audit(c) => estate::audit(&ctx, c),
        Command::Import(c) => register::import(&ctx, c),
        Command::Unit(c) => register::unit(&ctx, c),
        Command::Transfer(a) => register::transfer(&ctx, a),
        Command::Vehicle(c) => register::vehicle(&ctx, c),
        Command::Person(c) => person::person(&ctx, c),
        Command::Fee(c) => fees::fee(&ctx, c),
        Command::Bill(c) => fees::bill(&ctx, c),
        Command::Balance(a) => fees::balance(&ctx, a),
        Command::Statement(a) => fees::statement(&ctx, a),
        Command::Pay(a) => fees::pay(&ctx, a),
        Command::Receipt(c) => fees::receipt(&ctx, c),
        Command::Waive(a) => fees::waive(&ctx, a),
        Command::Arrears(a) => arrears::arrears(&ctx, a),
        Command::Deposit(c) => deposit::deposit(&ctx, c),
        Command::Key(c) => keys::key(&ctx, c),
        Command::Card(c) => inventory::card(&ctx, c),
        Command::Count(c) => inventory::count(&ctx, c),
        Command::Export(c) => export::export(&ctx, c),
        Command::Dunning(c) => dunning::dunning(&ctx, c),
        Command::Close(c) => close::close(&ctx, c),
        Command::LateFee(c) => latefee::late_fee(&ctx, c),
        Command::Parcel(c) => parcel::parcel(&ctx, c),
        Command::Reno(c) => reno::reno(&ctx, c),
        Command::Meter(c) => meter::meter(&ctx, c),
        Command::Request(c) => service::request(&ctx, c),
        Command::Order(c) => service::order(&ctx, c),
        Command::Inspect(c) => inspect::inspect(&ctx, c),
        Command::Notice(c) => notice::notice(&ctx, c),
        Command::Survey(c) => survey::survey(&ctx, c),
        Command::Shift(c) => shift::shift(&ctx, c),
        Command::Staff(c) => staff::staff(&ctx, c),
        Command::Search(a) => search::search(&ctx, a),
        Command::Backup(a) => backup::backup(&ctx, a),
        Command::Restore(a) => backup::restore(&ctx, a),
    }
}

fn main() -> ExitCode {
    // Started by an import to read a workbook under a deadline: does that and exits.
    estate_core::register::import::serve_workbook_reader();
    let json = std::env::args().any(|a| a == "--json");
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    if let Some(message) = usage::too_long(&args) {
        let body = ErrorBody { code: "cli.too_long".into(), message };
        if json {
            reply::print_json(&serde_json::json!(body));
        } else {
            eprintln!("错误：{}（{}）", body.message, body.code);
        }
        return ExitCode::from(2);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let body = ErrorBody { code: "cli.usage".into(), message: usage::message(&e) };
            if json {
                reply::print_json(&serde_json::json!(body));
            } else {
                eprintln!("错误：{}（{}）\n", body.message, body.code);
                let _ = e.print();
            }
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(reply) => reply.print(json),
        Err(e) => {
            let body = e.body();
            if json {
                reply::print_json(&serde_json::json!(body));
            } else {
                eprintln!("错误：{}（{}）", body.message, body.code);
            }
            ExitCode::from(if e.is_input() { 2 } else { 1 })
        }
    }
}
