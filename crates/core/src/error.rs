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
    Register(#[from] crate::register::RegisterError),
    #[error(transparent)]
    Import(#[from] crate::register::import::ImportError),
    #[error(transparent)]
    Fees(#[from] crate::fees::FeesError),
    #[error(transparent)]
    Pdf(#[from] crate::docs::pdf::PdfError),
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
            Error::Register(e) => e,
            Error::Import(e) => e,
            Error::Fees(e) => e,
            Error::Pdf(e) => e,
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
