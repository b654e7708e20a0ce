//! Refusals of the parcel desk. Messages name the parcel by its code or the
//! tail of its number, never a phone.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum ParcelError {
    #[error("快递单号“{0}”不对：应为 6 到 40 位字母或数字。请重新扫描或核对后输入。")]
    BadTracking(String),
    #[error("快递要有单号。请扫描面单上的条码，或手动输入单号。")]
    TrackingNeeded,
    #[error("从单号 {0} 看不出是哪家快递，请选择快递公司。")]
    CarrierNeeded(String),
    #[error("快递公司“{0}”不认识。可选：{1}。")]
    BadCarrier(String, String),
    #[error("类别“{0}”不认识：快递（parcel）或信件（letter）。")]
    BadKind(String),
    #[error("大小“{0}”不认识：小件（small）、中件（medium）或大件（large）。")]
    BadSize(String),
    #[error("货架号“{0}”不对：用 1 到 6 位字母或数字，如 A、A3、12。")]
    BadShelf(String),
    #[error("收件人姓名太长（最多 40 个字），请核对。")]
    RecipientTooLong,
    #[error("单号 {tracking} 的快递已经入库，还在货架上（取件码 {code}），不要重复登记。")]
    Duplicate { tracking: String, code: String },
    #[error("找不到快递 {0}，请核对编号。")]
    NotFound(i64),
    #[error("没有待取的快递取件码是“{0}”。请核对取件码，或按房号、手机尾号查找。")]
    CodeNotFound(String),
    #[error("取件码“{given}”不是这件快递的（它的取件码是 {code}）。请核对后再发件。")]
    WrongCode { given: String, code: String },
    #[error("快递 {code} 已于 {at} 被取走，不能再取一次。")]
    AlreadyCollected { code: String, at: String },
    #[error("快递 {code} 已于 {at} 退回快递员，不在货架上了。")]
    AlreadyReturned { code: String, at: String },
    #[error("没有取件码，替别人取件要写备注：谁来取的、核对了什么（例如：家属，看过业主授权短信）。")]
    NoteNeeded,
    #[error("只有信件可以投入信箱；快递请当面交给收件人或代取人。")]
    MailboxLettersOnly,
    #[error("取件人“{0}”不认识：本人（recipient）、家人（family）、他人代取（proxy）或投入信箱（mailbox）。")]
    BadCollector(String),
    #[error("退回快递要写明交给了谁（快递员姓名或工号）。")]
    TakenByNeeded,
    #[error("{0}没有待取的快递。")]
    NoneWaiting(String),
    #[error("手机尾号“{0}”不对：请输入手机号的最后 4 位数字。")]
    BadPhoneTail(String),
    #[error("没有选中快递，请先选择要处理的快递。")]
    NoneSelected,
    #[error("货架 {0} 的取件码已经用完（9000 个都在货架上），请换一个货架号。")]
    CodesFull(String),
    #[error("天数“{0}”不对：请输入 1 到 60 之间的整数。")]
    BadDays(String),
    #[error("没有要发短信的快递（待取的都已发过{0}）。")]
    NothingToSend(String),
    #[error("短信表格生成失败（{0}）。请重试。")]
    Sheet(String),
}

impl Coded for ParcelError {
    fn code(&self) -> &'static str {
        match self {
            ParcelError::BadTracking(_) => "parcel.bad_tracking",
            ParcelError::TrackingNeeded => "parcel.tracking_needed",
            ParcelError::CarrierNeeded(_) => "parcel.carrier_needed",
            ParcelError::BadCarrier(..) => "parcel.bad_carrier",
            ParcelError::BadKind(_) => "parcel.bad_kind",
            ParcelError::BadSize(_) => "parcel.bad_size",
            ParcelError::BadShelf(_) => "parcel.bad_shelf",
            ParcelError::RecipientTooLong => "parcel.recipient_too_long",
            ParcelError::Duplicate { .. } => "parcel.duplicate",
            ParcelError::NotFound(_) => "parcel.not_found",
            ParcelError::CodeNotFound(_) => "parcel.code_not_found",
            ParcelError::WrongCode { .. } => "parcel.wrong_code",
            ParcelError::AlreadyCollected { .. } => "parcel.already_collected",
            ParcelError::AlreadyReturned { .. } => "parcel.already_returned",
            ParcelError::NoteNeeded => "parcel.note_needed",
            ParcelError::MailboxLettersOnly => "parcel.mailbox_letters_only",
            ParcelError::BadCollector(_) => "parcel.bad_collector",
            ParcelError::TakenByNeeded => "parcel.taken_by_needed",
            ParcelError::NoneWaiting(_) => "parcel.none_waiting",
            ParcelError::BadPhoneTail(_) => "parcel.bad_phone_tail",
            ParcelError::NoneSelected => "parcel.none_selected",
            ParcelError::CodesFull(_) => "parcel.codes_full",
            ParcelError::BadDays(_) => "parcel.bad_days",
            ParcelError::NothingToSend(_) => "parcel.nothing_to_send",
            ParcelError::Sheet(_) => "parcel.sheet_failed",
        }
    }
    fn is_input(&self) -> bool {
        !matches!(self, ParcelError::Sheet(_))
    }
}
