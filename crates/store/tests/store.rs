//! Store behaviour on both engines (see `cloudpa_store::testing`).

use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::call::COMUNI_1_2_TARIFF;
use cloudpa_domain::programme::voucher;
use cloudpa_store::accounts::NewUser;
use cloudpa_store::reference::DATASETS;
use cloudpa_store::{Actor, StoreError, engine_test};
use sqlx::Row;

const T0: i64 = 1_790_000_000_000;

async fn count(store: &cloudpa_store::Store, table: &str) -> i64 {
    store.fetch_i64(&format!("SELECT COUNT(*) FROM {table}")).await
}

engine_test!(reference_data_loads_once_and_is_versioned, |store| {
    let first = store.load_reference_data(T0).await.unwrap();
    assert!(first.iter().all(|r| r.loaded));
    let rows = |name| first.iter().find(|r| r.name == name).unwrap().rows;
    assert_eq!(rows("municipalities"), 7_913, "the 7,904 of 2020 and the 9 made since");
    assert_eq!(rows("municipality-changes"), 634);
    assert_eq!(rows("tariff-avviso-1.2-comuni"), 7);
    assert_eq!(rows("admissible-scenarios"), 21);
    assert_eq!(rows("service-level-indicators"), 15);
    assert_eq!(rows("qualification-levels"), 4);
    assert_eq!(rows("calls"), 57);
    assert_eq!(rows("requirement-set:requirements/acn-2024-qc.toml"), 1);
    assert_eq!(rows("requirement-set:requirements/acn-2024-ac.toml"), 1);
    assert_eq!(count(&store, "requirement_sets").await, 4);
    assert_eq!(count(&store, "municipalities").await, 7_913);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM municipalities WHERE ended_on IS NULL").await, 7_896);
    assert_eq!(count(&store, "calls").await, 57);
    assert_eq!(count(&store, "audit_log").await, DATASETS.len() as i64);

    let second = store.load_reference_data(T0 + 1).await.unwrap();
    assert!(second.iter().all(|r| !r.loaded), "an unchanged file is not loaded again");
    assert_eq!(count(&store, "audit_log").await, DATASETS.len() as i64);
    assert_eq!(count(&store, "municipalities").await, 7_913);
});

engine_test!(stored_tariff_gives_the_genova_voucher, |store| {
    store.load_reference_data(T0).await.unwrap();
    let calls = store.list_calls().await.unwrap();
    let comuni: Vec<_> = calls.iter().filter(|c| c.voucher_tariff() == Some(COMUNI_1_2_TARIFF)).collect();
    assert_eq!(comuni.len(), 5, "five Misura 1.2 calls for Comuni");
    let call = store.find_call(&comuni[0].id).await.unwrap().unwrap();
    assert_eq!(&call, comuni[0]);
    let tariff = store.tariff(COMUNI_1_2_TARIFF).await.unwrap().unwrap();
    let quote = voucher::quote(&tariff, 586_180, 18, 3).unwrap();
    assert_eq!(quote.amount, Cents::from_euros(4_566_860));
    assert_eq!(tariff, cloudpa_store::reference::embedded_comuni_tariff().unwrap());
    assert!(store.tariff("unknown").await.unwrap().is_none());
});

engine_test!(levels_store_the_admitted_data_classes, |store| {
    store.load_reference_data(T0).await.unwrap();
    let row = sqlx::query("SELECT admitted_data_classes FROM qualification_levels WHERE code = 'QC2'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(row.get::<String, _>(0), "ordinari;critici");
});

engine_test!(audit_chain_detects_an_altered_row, |store| {
    store.load_reference_data(T0).await.unwrap();
    assert_eq!(store.verify_audit().await.unwrap().first_bad, None);
    sqlx::query("UPDATE audit_log SET details = '{\"rows\":1}' WHERE seq = 3").execute(store.pool()).await.unwrap();
    let bad = store.verify_audit().await.unwrap().first_bad.unwrap();
    assert_eq!(bad.seq, 3);
    assert!(bad.reason.contains("altered"), "{}", bad.reason);
});

engine_test!(audit_chain_detects_removed_rows, |store| {
    store.load_reference_data(T0).await.unwrap();
    let last = DATASETS.len() as i64;
    sqlx::query("DELETE FROM audit_log WHERE seq = $1").bind(last).execute(store.pool()).await.unwrap();
    let bad = store.verify_audit().await.unwrap().first_bad.unwrap();
    assert_eq!(bad.seq, last, "removing the last entry is caught by the chain head: {}", bad.reason);
    sqlx::query("DELETE FROM audit_log WHERE seq = 2").execute(store.pool()).await.unwrap();
    assert_eq!(store.verify_audit().await.unwrap().first_bad.unwrap().seq, 2);
});

engine_test!(audit_chain_holds_under_concurrent_writers, |store| {
    let mut tasks = Vec::new();
    for i in 0..16 {
        let store = store.store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .create_organisation(&Actor::cli(), OrganisationKind::Provider, &format!("Fornitore {i}"), None, T0 + i)
                .await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let verification = store.verify_audit().await.unwrap();
    assert_eq!(verification.first_bad, None);
    assert_eq!(verification.entries, 16);
});

engine_test!(users_sign_in_with_their_password_only, |store| {
    let org = store
        .create_organisation(&Actor::cli(), OrganisationKind::PublicBody, "Comune di Prova", Some("c_x000"), T0)
        .await
        .unwrap();
    let new = NewUser {
        organisation_id: &org.id,
        email: "rtd@prova.it",
        display_name: "RTD",
        password: "una password lunga",
        role: Role::Admin,
    };
    let user = store.create_user(&Actor::cli(), new.clone(), T0).await.unwrap();
    assert!(matches!(store.create_user(&Actor::cli(), new, T0).await, Err(StoreError::Conflict(_))));
    assert_eq!(store.authenticate("rtd@prova.it", "una password lunga").await.unwrap(), Some(user.clone()));
    assert_eq!(store.authenticate("rtd@prova.it", "sbagliata!!!!").await.unwrap(), None);
    assert_eq!(store.authenticate("nessuno@prova.it", "una password lunga").await.unwrap(), None);
    let hash: String = sqlx::query("SELECT password_hash FROM users").fetch_one(store.pool()).await.unwrap().get(0);
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert_eq!(store.list_users(&org.id).await.unwrap(), vec![user]);
    let dup = store.create_organisation(&Actor::cli(), OrganisationKind::PublicBody, "Altro", Some("c_x000"), T0).await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))));
});

engine_test!(a_member_reads_the_platform_in_the_language_they_chose, |store| {
    let org = store.create_organisation(&Actor::cli(), OrganisationKind::Agency, "ACN", None, T0).await.unwrap();
    let new = NewUser {
        organisation_id: &org.id,
        email: "b@acn.gov.it",
        display_name: "B",
        password: "password-di-prova",
        role: Role::Viewer,
    };
    let user = store.create_user(&Actor::cli(), new, T0).await.unwrap();
    assert_eq!(user.language, "it", "Italian unless chosen otherwise");
    store.set_language(&Actor::user(&user.id), &user.id, "en", T0 + 1).await.unwrap();
    assert_eq!(store.user(&user.id).await.unwrap().unwrap().language, "en");
    assert_eq!(store.list_users(&org.id).await.unwrap()[0].language, "en");
    let refused = store.set_language(&Actor::user(&user.id), &user.id, "fr", T0 + 2).await;
    assert!(refused.is_err(), "the database keeps to the languages the platform speaks");
    assert_eq!(store.user(&user.id).await.unwrap().unwrap().language, "en");
    let missing = store.set_language(&Actor::cli(), "nobody", "it", T0 + 3).await;
    assert!(matches!(missing, Err(StoreError::NotFound(_))));
    assert_eq!(count(&store, "audit_log").await, 3, "the organisation, the user and one change of language");
});

engine_test!(sessions_expire_and_end, |store| {
    let org = store.create_organisation(&Actor::cli(), OrganisationKind::Agency, "ACN", None, T0).await.unwrap();
    let new = NewUser {
        organisation_id: &org.id,
        email: "a@acn.gov.it",
        display_name: "A",
        password: "password-di-prova",
        role: Role::Viewer,
    };
    let user = store.create_user(&Actor::cli(), new, T0).await.unwrap();
    let session = store.create_session(&user, T0, T0 + 1_000).await.unwrap();
    let stored: String = sqlx::query("SELECT token_sha256 FROM sessions").fetch_one(store.pool()).await.unwrap().get(0);
    assert_ne!(stored, session.token, "only the digest of the token is stored");
    let live = store.session_user(&session.token, T0 + 999).await.unwrap().unwrap();
    assert_eq!(live.user, user);
    assert_eq!(live.organisation, org);
    assert_eq!(live.csrf_token, session.csrf_token);
    assert!(store.session_user(&session.token, T0 + 1_000).await.unwrap().is_none(), "expired");
    assert!(store.session_user("forged", T0).await.unwrap().is_none());
    store.end_session(&session.token, &user, T0 + 10).await.unwrap();
    assert!(store.session_user(&session.token, T0 + 11).await.unwrap().is_none());
    assert_eq!(store.verify_audit().await.unwrap().entries, 4);

    store.create_session(&user, T0, T0 + 1_000).await.unwrap();
    let live = store.create_session(&user, T0, T0 + 5_000).await.unwrap();
    assert_eq!(store.purge_expired_sessions(T0 + 1_000, T0).await.unwrap(), 1);
    assert_eq!(store.purge_expired_sessions(T0 + 1_000, T0).await.unwrap(), 0, "nothing left to purge, no audit entry");
    assert!(store.session_user(&live.token, T0 + 2_000).await.unwrap().is_some());
    assert_eq!(store.verify_audit().await.unwrap().entries, 7);
});

engine_test!(demo_seed_runs_once, |store| {
    let created = store.seed_demo(T0).await.unwrap();
    assert_eq!(created, cloudpa_store::demo::demo_accounts().count());
    assert_eq!(store.seed_demo(T0).await.unwrap(), 0);
    let user = store.authenticate("rtd@genova.demo.cloudpa.it", cloudpa_store::demo::DEMO_PASSWORD).await.unwrap();
    assert_eq!(user.unwrap().role, Role::Admin);
});
