//! estate-core: every rule of EstateDesk's domain, the database, and the
//! documents it prints. No UI and no terminal output here; the CLI and the
//! desktop shell are thin fronts over these functions.

pub mod arrears;
pub mod audit;
pub mod backup;
pub mod bulletins;
pub mod close;
pub mod db;
pub mod demo;
pub mod deposits;
pub mod desk;
pub mod docs;
pub mod dunning;
pub mod error;
pub mod fees;
pub mod handover;
pub mod inspections;
pub mod history;
pub mod keys;
pub mod inventory;
pub mod latefee;
pub mod meters;
pub mod money;
pub mod notices;
pub mod parcels;
pub mod privacy;
pub mod reno;
pub mod register;
pub mod search;
pub mod service;
pub mod surveys;
pub mod shift;
pub mod staff;
#[cfg(test)]
mod testing;

pub use db::Db;
pub use error::{Error, ErrorBody, Result};
pub use money::Money;
