//! Qualification of cloud services: data classes and service levels.

pub mod levels;
