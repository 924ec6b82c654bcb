//! An unknown e-mail costs what a wrong password costs (issue 10): the time
//! of a refused sign-in must not tell which addresses have accounts. Alone in
//! its test binary, so that other tests' load does not skew the comparison.

use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::accounts::NewUser;
use cloudpa_store::{Actor, Store, engine_test};
use std::time::{Duration, Instant};

const T0: i64 = 1_790_000_000_000;

/// The fastest of `n` interleaved refusals of each kind, in seconds: noise
/// can only lengthen a run, so the fastest is the cost itself.
async fn fastest(store: &Store, n: usize) -> (f64, f64) {
    let (mut unknown, mut wrong) = (Duration::MAX, Duration::MAX);
    for _ in 0..n {
        let started = Instant::now();
        assert_eq!(store.authenticate("nessuno@nuvola.it", "una password lunga").await.unwrap(), None);
        unknown = unknown.min(started.elapsed());
        let started = Instant::now();
        assert_eq!(store.authenticate("op@nuvola.it", "una password sbagliata").await.unwrap(), None);
        wrong = wrong.min(started.elapsed());
    }
    (unknown.as_secs_f64(), wrong.as_secs_f64())
}

engine_test!(an_unknown_email_costs_what_a_wrong_password_costs, |store| {
    // The production parameters (19 MiB, 2 passes), so that hashing, not the
    // query, decides the time. Before the fix an unknown e-mail cost two
    // Argon2 runs (ratio ≈ 2); the comparison allows for noise by taking the
    // fastest runs, and by measuring again (up to three rounds) when a round
    // falls outside the band.
    let store = store.store.clone().with_password_params(argon2::Params::default());
    let org = store.create_organisation(&Actor::cli(), OrganisationKind::Provider, "Nuvola", None, T0).await.unwrap();
    let new = NewUser {
        organisation_id: &org.id,
        email: "op@nuvola.it",
        display_name: "Op",
        password: "una password lunga",
        role: Role::Operator,
    };
    store.create_user(&Actor::cli(), new, T0).await.unwrap();
    assert_eq!(store.authenticate("nessuno@nuvola.it", "una password lunga").await.unwrap(), None);
    let mut rounds = Vec::new();
    for _ in 0..3 {
        let (unknown, wrong) = fastest(&store, 9).await;
        rounds.push(format!("unknown e-mail {:.1} ms, wrong password {:.1} ms", unknown * 1e3, wrong * 1e3));
        if (0.75..1.33).contains(&(unknown / wrong)) {
            return;
        }
    }
    panic!("the two refusals cost different times: {rounds:?}");
});
