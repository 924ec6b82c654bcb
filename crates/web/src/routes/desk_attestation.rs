//! The attestor's and the programme office's pages of the asseverazione,
//! each with its access rule.

use super::Route;

pub(super) fn routes() -> Vec<Route> {
    vec![]
}
