//! The qualification of cloud services: providers' profiles and listings,
//! their applications for qualification and the agency's review, and the
//! answers these operations give.

pub(crate) mod application_answers;
pub(crate) mod applications;
pub(crate) mod codes;
pub(crate) mod infrastructure_records;
pub(crate) mod infrastructures;
pub(crate) mod listings;
pub(crate) mod monitoring;
pub(crate) mod monitoring_records;
pub(crate) mod providers;
pub(crate) mod records;
