//! What crosses to the UI or the CLI: `{ code, message }`. The code is stable
//! and the UI may branch on it; the message is Chinese and says what to do.

use serde::Serialize;

/// Implemented by every part's error enum.
pub trait Coded: std::error::Error {
    /// A stable dotted code such as `receipt.already_void`.
    fn code(&self) -> &'static str;
    /// True when the user can fix it by changing the input (CLI exit 2);
    /// false for everything else (exit 1).
    fn is_input(&self) -> bool;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error(transparent)]
    Backup(#[from] crate::backup::BackupError),
    #[error(transparent)]
    Register(#[from] crate::register::RegisterError),
    #[error(transparent)]
    Import(#[from] crate::register::import::ImportError),
    #[error(transparent)]
    Fees(#[from] crate::fees::FeesError),
    #[error(transparent)]
    Staff(#[from] crate::staff::StaffError),
    #[error(transparent)]
    Deposit(#[from] crate::deposits::DepositError),
    #[error(transparent)]
    Dunning(#[from] crate::dunning::DunningError),
    #[error(transparent)]
    Notices(#[from] crate::notices::NoticesError),
    #[error(transparent)]
    Close(#[from] crate::close::CloseError),
    #[error(transparent)]
    LateFee(#[from] crate::latefee::LateFeeError),
    #[error(transparent)]
    Parcel(#[from] crate::parcels::ParcelError),
    #[error(transparent)]
    Privacy(#[from] crate::privacy::PrivacyError),
    #[error(transparent)]
    Key(#[from] crate::keys::KeyError),
    #[error(transparent)]
    Inventory(#[from] crate::inventory::InventoryError),
    #[error(transparent)]
    Reno(#[from] crate::reno::RenoError),
    #[error(transparent)]
    Meters(#[from] crate::meters::MetersError),
    #[error(transparent)]
    Service(#[from] crate::service::ServiceError),
    #[error(transparent)]
    Inspect(#[from] crate::inspections::InspectError),
    #[error(transparent)]
    Bulletin(#[from] crate::bulletins::BulletinError),
    #[error(transparent)]
    Survey(#[from] crate::surveys::SurveyError),
    #[error(transparent)]
    Shift(#[from] crate::shift::ShiftError),
    #[error(transparent)]
    Pdf(#[from] crate::docs::pdf::PdfError),
    #[error(transparent)]
    File(#[from] FileError),
}

/// A file the user asked for (a PDF, an export) could not be saved.
#[derive(Debug, thiserror::Error)]
#[error("文件 {path} 保存不了（{reason}）。请确认文件夹存在、文件没有在别的程序里打开，或换一个保存位置。")]
pub struct FileError {
    pub path: std::path::PathBuf,
    pub reason: String,
}

impl FileError {
    /// Writes `bytes` to `path`, or says which file could not be saved and why.
    pub fn write(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
        std::fs::write(path, bytes).map_err(|e| {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "文件夹不存在".to_string(),
                std::io::ErrorKind::PermissionDenied => "没有写入权限".to_string(),
                std::io::ErrorKind::IsADirectory => "这是一个文件夹".to_string(),
                _ => e.to_string(),
            };
            FileError { path: path.to_path_buf(), reason }.into()
        })
    }
}

impl Coded for FileError {
    fn code(&self) -> &'static str {
        "file.cannot_write"
    }
    fn is_input(&self) -> bool {
        true
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(e.into())
    }
}

impl Error {
    fn inner(&self) -> &dyn Coded {
        match self {
            Error::Db(e) => e,
            Error::Backup(e) => e,
            Error::Register(e) => e,
            Error::Import(e) => e,
            Error::Fees(e) => e,
            Error::Staff(e) => e,
            Error::Deposit(e) => e,
            Error::Dunning(e) => e,
            Error::Notices(e) => e,
            Error::Close(e) => e,
            Error::LateFee(e) => e,
            Error::Parcel(e) => e,
            Error::Privacy(e) => e,
            Error::Key(e) => e,
            Error::Inventory(e) => e,
            Error::Reno(e) => e,
            Error::Meters(e) => e,
            Error::Service(e) => e,
            Error::Inspect(e) => e,
            Error::Bulletin(e) => e,
            Error::Survey(e) => e,
            Error::Shift(e) => e,
            Error::Pdf(e) => e,
            Error::File(e) => e,
        }
    }

    pub fn code(&self) -> &'static str {
        self.inner().code()
    }

    pub fn is_input(&self) -> bool {
        self.inner().is_input()
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody { code: self.code().to_string(), message: self.to_string() }
    }
}

impl Coded for crate::docs::pdf::PdfError {
    fn code(&self) -> &'static str {
        "pdf.failed"
    }
    fn is_input(&self) -> bool {
        false
    }
}

/// The JSON shape of every error: `{"code": "...", "message": "..."}`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fees::FeesError;

    #[test]
    fn error_json_shape_is_code_and_message_only() {
        let e = Error::from(FeesError::ReceiptAlreadyVoid { receipt_no: "SF0000001".into() });
        let v = serde_json::to_value(e.body()).unwrap();
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["code", "message"]);
        assert_eq!(v["code"], "receipt.already_void");
        assert!(v["message"].as_str().unwrap().contains("SF0000001"));
        assert!(e.is_input());
    }
}
