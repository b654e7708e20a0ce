//! Refusals of the controlled items and the monthly count.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    #[error("物品类别“{0}”不认识。可选：住户卡、车卡、可视对讲机、其他（或 resident、car、handset、other）。")]
    BadKind(String),
    #[error("编号不能为空。请输入卡片或设备上的编号。")]
    SerialEmpty,
    #[error("编号“{0}”太长（最多 40 个字）。请核对编号。")]
    SerialTooLong(String),
    #[error("编号范围“{0}”看不懂。范围写作 ZH0001..ZH0050：前缀相同、数字位数相同、从小到大，一次最多 1000 个。")]
    BadRange(String),
    #[error("{kind}“{serial}”已经登记过了，不能重复入库。")]
    SerialTaken { kind: &'static str, serial: String },
    #[error("找不到{kind}“{serial}”。请先入库（card add），或核对编号。")]
    ItemNotFound { kind: String, serial: String },
    #[error("编号“{0}”在几个类别里都有。请用 --kind 指明是住户卡、车卡、可视对讲机还是其他。")]
    SerialAmbiguous(String),
    #[error("{kind}“{serial}”已经发给 {unit} {holder}，还没有退回，不能再发。请先办理退回。")]
    AlreadyOut { kind: &'static str, serial: String, unit: String, holder: String },
    #[error("{kind}“{serial}”现在在库，没有发出，无需退回。")]
    NotOut { kind: &'static str, serial: String },
    #[error("“{name}”不是 {unit} 现登记的住户。卡证只发给本户登记在册的业主、家属或租户：请先在业户资料里登记此人，或核对房号和姓名。")]
    NotOfUnit { name: String, unit: String },
    #[error("{0} 没有登记在住的业主或住户。请写明领取人，并先在业户资料里登记。")]
    NoHolder(String),
    #[error("其他物品请写明是什么（例如：遥控器、车位锁钥匙）。")]
    NameRequired,
    #[error("退回时扣除押金要写明原因（例如：卡片损坏）。")]
    DeductionReason,
    #[error("{0} 没有押金，不能扣除。")]
    NoDeposit(String),
    #[error("{0} 已经有盘点了，一个月只盘点一次。请用 count show 查看。")]
    CountExists(String),
    #[error("盘点月份 {0} 还没到，不能提前盘点。")]
    FuturePeriod(String),
    #[error("找不到盘点 {0}。请用 count list 查看盘点编号。")]
    CountNotFound(i64),
    #[error("盘点 {0} 没有第 {1} 行。请核对行号（count show 列出每一行）。")]
    LineNotFound(i64, i64),
    #[error("盘点 {0} 已经签字结束，不能再改动。")]
    CountClosed(i64),
    #[error("盘点多出的物品要写明说明（在哪里找到、是什么）。")]
    ExtraNeedsNote,
    #[error("盘点还有 {count} 行没有点（第 {lines} 行）。每一件应在库的物品都要点到：找到或缺失。")]
    Unrecorded { count: usize, lines: String },
    #[error("有 {count} 处差异没有说明（第 {lines} 行）。每一处差异都要写明原因，才能签字结束盘点。")]
    Unexplained { count: usize, lines: String },
    #[error("押金设置“{0}”不是有效金额。请主管在 设置 里改正（0 到 10000 元）。")]
    BadDepositSetting(String),
}

impl Coded for InventoryError {
    fn code(&self) -> &'static str {
        match self {
            InventoryError::BadKind(_) => "inventory.bad_kind",
            InventoryError::SerialEmpty => "inventory.serial_empty",
            InventoryError::SerialTooLong(_) => "inventory.serial_too_long",
            InventoryError::BadRange(_) => "inventory.bad_range",
            InventoryError::SerialTaken { .. } => "inventory.serial_taken",
            InventoryError::ItemNotFound { .. } => "inventory.item_not_found",
            InventoryError::SerialAmbiguous(_) => "inventory.serial_ambiguous",
            InventoryError::AlreadyOut { .. } => "inventory.already_out",
            InventoryError::NotOut { .. } => "inventory.not_out",
            InventoryError::NotOfUnit { .. } => "inventory.not_of_unit",
            InventoryError::NoHolder(_) => "inventory.no_holder",
            InventoryError::NameRequired => "inventory.name_required",
            InventoryError::DeductionReason => "inventory.reason_required",
            InventoryError::NoDeposit(_) => "inventory.no_deposit",
            InventoryError::CountExists(_) => "inventory.count_exists",
            InventoryError::FuturePeriod(_) => "inventory.future_period",
            InventoryError::CountNotFound(_) => "inventory.count_not_found",
            InventoryError::LineNotFound(..) => "inventory.line_not_found",
            InventoryError::CountClosed(_) => "inventory.count_closed",
            InventoryError::ExtraNeedsNote => "inventory.note_required",
            InventoryError::Unrecorded { .. } => "inventory.unrecorded",
            InventoryError::Unexplained { .. } => "inventory.unexplained",
            InventoryError::BadDepositSetting(_) => "inventory.bad_deposit_setting",
        }
    }
    fn is_input(&self) -> bool {
        !matches!(self, InventoryError::BadDepositSetting(_))
    }
}
