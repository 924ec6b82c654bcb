//! The attestor's and the programme office's pages of the asseverazione:
//! the attestor's worklist with its calendar of live verifications, the
//! project it verifies (checklist, requests, live verifications, outcome),
//! and the office's assignment of attestors and sample controls. The forms
//! call the same workflows as the API.

mod answers;
mod checks;
pub(crate) mod controls;
pub(crate) mod project;
pub(crate) mod steps;
pub(crate) mod worklist;

use cloudpa_domain::attestation::live::{LiveMode, LiveOutcome};
use cloudpa_domain::attestation::verification::Verdict;

/// The text key of a verdict.
fn verdict_key(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "desk_att-verdict-pass",
        Verdict::Fail => "desk_att-verdict-fail",
        Verdict::RequestDocuments => "desk_att-verdict-request_documents",
    }
}

/// The text key of how a live verification is held.
fn mode_key(mode: LiveMode) -> &'static str {
    match mode {
        LiveMode::Videocall => "desk_att-mode-videocall",
        LiveMode::OnSite => "desk_att-mode-on_site",
    }
}

/// The text key of what a live verification found.
fn live_outcome_key(outcome: LiveOutcome) -> &'static str {
    match outcome {
        LiveOutcome::Confirmed => "desk_att-live-confirmed",
        LiveOutcome::NotConfirmed => "desk_att-live-not_confirmed",
        LiveOutcome::NotHeld => "desk_att-live-not_held",
    }
}
