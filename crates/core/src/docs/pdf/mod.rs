//! Printed documents (PDF).
