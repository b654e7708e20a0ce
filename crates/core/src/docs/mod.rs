pub mod pdf;
pub mod placeholders;
pub mod text;
pub mod xlsx;
