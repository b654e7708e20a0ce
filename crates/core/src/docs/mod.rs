pub mod pdf;
pub mod placeholders;
pub mod xlsx;
