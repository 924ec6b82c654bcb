//! Infrastructures' declarations on both engines: one in progress at a
//! time, answers saved only while editable, transitions written with their
//! decision, the dated status and level, and the infrastructure's level
//! moved by an acceptance.

use chrono::NaiveDate;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel::{AI1, AI2, AI3};
use cloudpa_domain::qualification::infrastructure::declaration::DeclaredAnswer;
use cloudpa_domain::qualification::lifecycle::{DecisionKind, QualificationState as S};
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_store::accounts::NewUser;
use cloudpa_store::qualification::infrastructure_declarations::{Declaration, DeclarationChange, NewDeclaration};
use cloudpa_store::qualification::providers::NewInfrastructure;
use cloudpa_store::{Actor, Store, StoreError, engine_test};

const T0: i64 = 1_790_000_000_000;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// An operator's infrastructure declared AI1 at registration, and a
/// reviewer of the agency: (infrastructure, operator, reviewer).
async fn fixture(store: &Store) -> (String, String, String) {
    store.load_reference_data(T0).await.unwrap();
    let actor = Actor::cli();
    let operator = store.create_organisation(&actor, OrganisationKind::Provider, "Operatore", None, T0).await.unwrap();
    let agency = store.create_organisation(&actor, OrganisationKind::Agency, "ACN", None, T0).await.unwrap();
    let user = NewUser {
        organisation_id: &agency.id,
        email: "r@acn.gov.it",
        display_name: "R",
        password: "password-di-prova",
        role: Role::Operator,
    };
    let reviewer = store.create_user(&actor, user, T0).await.unwrap();
    let new = NewInfrastructure { name: "DC Roma", location: DataLocation::IT, sites: "Roma", level: Some(AI1) };
    let infrastructure = store.create_infrastructure(&actor, &operator.id, new, T0).await.unwrap();
    (infrastructure.id, operator.id, reviewer.id)
}

fn answer(id: &str) -> DeclaredAnswer {
    DeclaredAnswer { requirement_id: id.into(), conforms: true, note: "verbale 12/2026".into() }
}

fn step<'a>(
    to: S,
    on: &str,
    decision: Option<DecisionKind>,
    status: Option<ListingStatus>,
    by: &'a str,
) -> DeclarationChange<'a> {
    DeclarationChange {
        to,
        event: "test",
        on: day(on),
        integration_deadline: None,
        decision: decision.map(|kind| (kind, "motivazione", serde_json::json!({}))),
        decided_by: by,
        status,
        supersedes: None,
    }
}

async fn apply(store: &Store, d: &Declaration, change: DeclarationChange<'_>) -> Declaration {
    store.apply_declaration_transition(&Actor::cli(), d, change, T0).await.unwrap();
    store.declaration(&d.id).await.unwrap().unwrap()
}

engine_test!(a_declaration_accepted_dates_the_infrastructure_and_moves_its_level, |store| {
    let (infra, operator, by) = fixture(&store).await;
    let actor = Actor::cli();
    let answers = [answer("AI-DICHIARAZIONE")];
    let new = NewDeclaration {
        infrastructure_id: &infra,
        operator_id: &operator,
        level: AI2,
        requirement_version: "v",
        answers: &answers,
    };
    let d = store.create_declaration(&actor, new, T0).await.unwrap();
    assert_eq!((d.state, d.level, d.version, d.infrastructure_name.as_str()), (S::Draft, AI2, 1, "DC Roma"));
    assert_eq!(d.answers, answers);
    assert!(matches!(store.create_declaration(&actor, new, T0).await, Err(StoreError::Conflict(_))), "one in progress");

    let more = [answer("AI-DICHIARAZIONE"), answer("AI-PERIMETRO")];
    let d = store.save_declaration(&actor, &d, (AI3, &more), T0 + 1).await.unwrap();
    assert_eq!((d.level, d.version, d.answers.len()), (AI3, 2, 2));
    let stale = Declaration { version: 1, ..d.clone() };
    assert!(matches!(store.save_declaration(&actor, &stale, (AI1, &more), T0).await, Err(StoreError::Frozen(_))));

    let d = apply(&store, &d, step(S::Submitted, "2026-03-01", None, None, &by)).await;
    assert!(d.submitted_at_ms.is_some());
    assert!(matches!(store.save_declaration(&actor, &d, (AI1, &more), T0).await, Err(StoreError::Frozen(_))), "sent");
    assert_eq!(store.declaration_queue().await.unwrap().len(), 1);
    let d = apply(&store, &d, step(S::InReview, "2026-03-02", None, None, &by)).await;
    let accepted =
        step(S::Qualified, "2026-03-10", Some(DecisionKind::Qualification), Some(ListingStatus::Qualified), &by);
    let d = apply(&store, &d, accepted).await;
    assert!(store.declaration_queue().await.unwrap().is_empty());
    assert_eq!(store.infrastructure(&infra).await.unwrap().unwrap().level, Some(AI3), "the accepted level");
    let suspended =
        step(S::Suspended, "2026-06-01", Some(DecisionKind::Suspension), Some(ListingStatus::Suspended), &by);
    apply(&store, &d, suspended).await;

    let history = store.infrastructure_history(&infra).await.unwrap();
    assert_eq!(history.at(day("2026-03-09")), None);
    assert_eq!(history.at(day("2026-03-10")), Some((ListingStatus::Qualified, AI3)));
    assert_eq!(history.at(day("2026-06-01")), Some((ListingStatus::Suspended, AI3)));
    let decisions = store.infrastructure_decisions(&infra).await.unwrap();
    assert_eq!(decisions.iter().map(|d| d.kind.as_str()).collect::<Vec<_>>(), ["qualification", "suspension"]);
    assert_eq!(history.history.intervals()[0].decision.as_deref(), Some(decisions[0].id.as_str()));

    let again = store.create_declaration(&actor, NewDeclaration { level: AI1, ..new }, T0).await.unwrap();
    assert_eq!(store.infrastructure_declarations(&infra).await.unwrap()[0].id, again.id, "the latest first");
    let moved_on = store.apply_declaration_transition(&actor, &d, step(S::Revoked, "2026-07-01", None, None, &by), T0);
    assert!(matches!(moved_on.await, Err(StoreError::Frozen(_))), "a change made to an old version");
});
