//! Password hashing. Argon2id with the crate's default cost and a random salt
//! per password; the PHC string stored carries its own salt and parameters, so
//! the cost can be raised later without breaking old hashes.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use super::StaffError;

pub fn hash(password: &str) -> Result<String, StaffError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StaffError::Hash(e.to_string()))
}

/// True when `password` matches `stored`. A stored hash that cannot be read is
/// an error, not a wrong password: it means the row was damaged.
pub fn verify(password: &str, stored: &str) -> Result<bool, StaffError> {
    let parsed = PasswordHash::new(stored).map_err(|e| StaffError::Hash(e.to_string()))?;
    Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}
