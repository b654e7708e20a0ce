//! estate-core: every rule of EstateDesk's domain, the database, and the
//! documents it prints. No UI and no terminal output here; the CLI and the
//! desktop shell are thin fronts over these functions.

pub mod docs;
pub mod money;

pub use money::Money;
