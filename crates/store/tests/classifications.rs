//! Classification communications on both engines: versions numbered per
//! administration, each read back whole; the latest of each for the agency.

use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::programme::classification::{ClassifiedService, EdgeInfrastructure};
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::accounts::NewUser;
use cloudpa_store::{Actor, engine_test};

const T0: i64 = 1_790_000_000_000;

engine_test!(versions_are_numbered_per_administration_and_read_back_whole, |store| {
    let actor = Actor::cli();
    let mut enti = Vec::new();
    for name in ["Comune di Masone", "Comune di Genova"] {
        let org = store.create_organisation(&actor, OrganisationKind::PublicBody, name, None, T0).await.unwrap();
        let email = format!("rtd@{}.it", org.id);
        let new = NewUser {
            organisation_id: &org.id,
            email: &email,
            display_name: "RTD",
            password: "password-di-prova",
            role: Role::Operator,
        };
        let user = store.create_user(&actor, new, T0).await.unwrap();
        enti.push((org.id, user.id));
    }
    let service = |class| ClassifiedService {
        service_id: "s1".into(),
        name: "Protocollo".into(),
        class,
        reasons: "Dati personali".into(),
        in_use: true,
    };
    let edge =
        [EdgeInfrastructure { name: "Nodo".into(), place: "Masone".into(), nodes: 2, operator: "Comune".into() }];
    let (masone, rtd) = (&enti[0].0, enti[0].1.as_str());
    let on = "2026-12-01".parse().unwrap();
    let (ordinari, critici) = ([service(DataClass::Ordinari)], [service(DataClass::Critici)]);
    let first = store.submit_classification(&actor, masone, (&ordinari, &edge), (on, rtd), T0).await.unwrap();
    assert_eq!(first.version, 1);
    let second = store.submit_classification(&actor, masone, (&critici, &[]), (on, rtd), T0).await.unwrap();
    assert_eq!(second.version, 2);
    let genova = store.submit_classification(&actor, &enti[1].0, (&[], &[]), (on, enti[1].1.as_str()), T0).await;
    assert_eq!(genova.unwrap().version, 1, "numbered per administration");
    let versions = store.classifications_of(masone).await.unwrap();
    assert_eq!(versions.iter().map(|c| c.version).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(versions[1].edge, edge, "every version whole");
    assert_eq!(versions[0], second);
    let latest = store.latest_classifications().await.unwrap();
    assert_eq!(latest.len(), 2);
    assert!(latest.iter().any(|c| c.organisation_id == *masone && c.version == 2));
});
