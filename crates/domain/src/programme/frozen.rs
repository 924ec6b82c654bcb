//! What may change in an application's services, by state.
//!
//! Source: DOMAIN.md §4 — services cannot be changed after financing (only in
//! the cases of Decreto 35/2023, which the programme office handles outside
//! the application); doing B where A was declared is accepted ("dichiarazione
//! migrazione migliorativa") and does not change the amount. Before
//! financing, a submitted application waits for the Department unchanged:
//! only a draft is edited freely.

use super::application::CallApplicationState;
use super::scenarios::{Destination, MigrationType, Origin, ScenarioError, ScenarioTable, admissible};
use crate::message::Message;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrozenError {
    #[error("{}", self.message())]
    NotEditable { state: CallApplicationState },
    #[error("{}", self.message())]
    Frozen,
    #[error("{}", self.message())]
    Scenario(#[from] ScenarioError),
}

impl FrozenError {
    pub fn message(&self) -> Message {
        match self {
            FrozenError::NotEditable { state } => {
                Message::new("prog-frozen-not-editable").arg("state", state.message())
            }
            FrozenError::Frozen => Message::new("prog-frozen"),
            FrozenError::Scenario(e) => Message::new("prog-frozen-scenario").arg("rule", e.message()),
        }
    }
}

/// Whether the set of services (adding, removing, changing a service's
/// declaration) may change in `state`.
pub fn check_edit(state: CallApplicationState) -> Result<(), FrozenError> {
    match state {
        CallApplicationState::Draft => Ok(()),
        CallApplicationState::Financed | CallApplicationState::Contracted => Err(FrozenError::Frozen),
        state => Err(FrozenError::NotEditable { state }),
    }
}

/// Whether a service declared `declared` may be migrated to `improved`
/// instead, in `state`: an A service (IaaS) of a financed project may move to
/// PaaS or SaaS if that scenario is admissible from its origin. The amount
/// stays the one decreed.
pub fn check_improvement(
    state: CallApplicationState,
    table: &ScenarioTable,
    origin: Origin,
    declared: Destination,
    improved: Destination,
    earlier_move: Option<NaiveDate>,
) -> Result<(), FrozenError> {
    if !state.is_running() {
        return Err(FrozenError::NotEditable { state });
    }
    let is_upgrade =
        declared.migration_type() == MigrationType::Rehost && improved.migration_type() == MigrationType::Upgrade;
    if !is_upgrade {
        return Err(FrozenError::Frozen);
    }
    admissible(table, origin, improved, earlier_move)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::CallApplicationState::*;
    use super::*;

    #[test]
    fn only_a_draft_is_edited() {
        assert_eq!(check_edit(Draft), Ok(()));
        assert_eq!(check_edit(Financed), Err(FrozenError::Frozen));
        assert_eq!(check_edit(Contracted), Err(FrozenError::Frozen));
        for state in [Submitted, NotAdmitted, Completed, Attested, Paid, Withdrawn, Revoked] {
            assert_eq!(check_edit(state), Err(FrozenError::NotEditable { state }), "{state}");
        }
    }

    #[test]
    fn a_financed_a_service_may_move_to_b() {
        let t = ScenarioTable::official().unwrap();
        let structured = Origin::OnPremiseStructured;
        for state in [Financed, Contracted] {
            assert_eq!(check_improvement(state, &t, structured, Destination::Iaas, Destination::Saas, None), Ok(()));
            assert_eq!(check_improvement(state, &t, structured, Destination::Iaas, Destination::Paas, None), Ok(()));
            assert_eq!(
                check_improvement(state, &t, structured, Destination::Saas, Destination::Iaas, None),
                Err(FrozenError::Frozen),
                "B to A is a downgrade"
            );
            assert_eq!(
                check_improvement(state, &t, structured, Destination::Paas, Destination::Saas, None),
                Err(FrozenError::Frozen),
                "B stays B: nothing to declare"
            );
        }
    }

    #[test]
    fn the_improvement_must_be_admissible_and_only_while_running() {
        let t = ScenarioTable::official().unwrap();
        let unstructured = Origin::OnPremiseUnstructured;
        let refused = check_improvement(Financed, &t, unstructured, Destination::Iaas, Destination::Paas, None);
        assert!(matches!(refused, Err(FrozenError::Scenario(ScenarioError::NotAdmissible { .. }))), "{refused:?}");
        let draft =
            check_improvement(Draft, &t, Origin::OnPremiseStructured, Destination::Iaas, Destination::Saas, None);
        assert_eq!(draft, Err(FrozenError::NotEditable { state: Draft }), "a draft just changes its declaration");
        let paid = check_improvement(Paid, &t, Origin::OnPremiseStructured, Destination::Iaas, Destination::Saas, None);
        assert_eq!(paid, Err(FrozenError::NotEditable { state: Paid }));
    }
}
