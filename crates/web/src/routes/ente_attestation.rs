//! The ente's pages of the asseverazione, each with its access rule.

use super::Route;

pub(super) fn routes() -> Vec<Route> {
    vec![]
}
