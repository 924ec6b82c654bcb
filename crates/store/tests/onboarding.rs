//! Organisations onboarded from the pages (issue 15), on both engines: the
//! IPA lookup finds a code, in any case, in the municipalities' list (an
//! ended municipality with its successor) and among the enti of the open
//! data; an onboarding writes the organisation and its first administrator
//! together, or nothing when a key is taken.

use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::programme::open_data::EnteKind;
use cloudpa_store::accounts::{NewMember, Onboarding, Taken};
use cloudpa_store::programme::financed::read_open_data;
use cloudpa_store::programme::ipa::IpaSource;
use cloudpa_store::{Actor, engine_test};

const T0: i64 = 1_790_000_000_000;
const SCHOOL: &str = "codice_ipa,ente,comune,cod_comune,provincia,cod_provincia,regione,cod_regione,\
importo_finanziamento,avviso,data_invio_candidatura,data_finanziamento,codice_cup,numero_finestra_temporale,\
numero_di_protocollo,stato_candidatura,misura,tipologia_ente
ALHDJ862,POLO LICEALE CITTA DI SONDRIO,Sondrio,014061,SO,014,Lombardia,03,9401.0,\
1.2 Abilitazione al Cloud - Scuole - Giugno 2022,2022-08-24T10:17:17.000+0000,2022-11-29,I71F22002990006,1.0,67.0,A,\
1.2 Abilitazione e facilitazione migrazione al Cloud,Scuole";

fn onboarding<'a>(ipa_code: Option<&'a str>, email: &'a str) -> Onboarding<'a> {
    Onboarding {
        kind: OrganisationKind::PublicBody,
        name: "Comune di Masone",
        ipa_code,
        admin_email: email,
        admin_display_name: "Mario Rossi",
        admin_fiscal_code: "RSSMRA80A01H501U",
    }
}

engine_test!(an_ipa_code_is_found_in_the_official_data_in_any_case, |store| {
    store.load_reference_data(T0).await.unwrap();
    let acquaviva = store.ipa_entry("c_a050").await.unwrap().expect("the list writes C_A050");
    assert_eq!(
        (acquaviva.name.as_str(), acquaviva.kind, acquaviva.province.as_str(), acquaviva.region.as_str()),
        ("Acquaviva Collecroce", EnteKind::Comune, "Campobasso", "Molise")
    );
    assert_eq!(acquaviva.source, IpaSource::Municipalities);
    assert_eq!(store.ipa_entry(" C_F020 ").await.unwrap().unwrap().name, "Masone");

    let moransengo = store.ipa_entry("c_f709").await.unwrap().unwrap();
    assert_eq!(moransengo.ended_on.as_deref(), Some("2023-01-01"));
    let successor = moransengo.successor.expect("the municipality that holds its territory");
    assert_eq!((successor.name.as_str(), successor.ipa_code.as_deref()), ("Moransengo-Tonengo", Some("c_m434")));

    assert_eq!(store.ipa_entry("istsc_nessuno").await.unwrap(), None, "a code not held is not an error");
    let (rows, rejected) = read_open_data(SCHOOL.as_bytes(), |_| {});
    store.import_financed_applications(&Actor::cli(), "scuole.csv", &rows, rejected, T0).await.unwrap();
    let school = store.ipa_entry("alhdj862").await.unwrap().expect("an ente of the open data");
    assert_eq!(
        (school.name.as_str(), school.kind, school.region.as_str(), school.source),
        ("POLO LICEALE CITTA DI SONDRIO", EnteKind::Scuola, "Lombardia", IpaSource::OpenData)
    );
    assert!(store.ipa_codes_known().await.unwrap() > 7_000);
});

engine_test!(an_onboarding_writes_both_records_or_nothing, |store| {
    let actor = Actor::cli();
    let (org, admin) =
        store.onboard_organisation(&actor, &onboarding(Some("c_f020"), "rtd@masone.it"), T0).await.unwrap().unwrap();
    assert_eq!((admin.role, admin.fiscal_code.as_deref()), (Role::Admin, Some("RSSMRA80A01H501U")));
    let members = store.members_by_fiscal_code("RSSMRA80A01H501U").await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].1, org, "the administrator signs in with SPID or CIE by fiscal code");
    assert_eq!(store.recent_audit(1).await.unwrap()[0].action, "organisation.onboard");

    let organisations = store.count_organisations().await.unwrap();
    let again = store.onboard_organisation(&actor, &onboarding(Some("c_f020"), "other@masone.it"), T0).await.unwrap();
    assert_eq!(again, Err(Taken::IpaCode("Comune di Masone".into())));
    let email = store.onboard_organisation(&actor, &onboarding(None, "rtd@masone.it"), T0).await.unwrap();
    assert_eq!(email, Err(Taken::Email));
    assert_eq!(store.count_organisations().await.unwrap(), organisations, "a refusal writes nothing");

    let member = NewMember {
        organisation_id: &org.id,
        email: "op@masone.it",
        display_name: "Operatore",
        fiscal_code: "VRDLGU80A01H501P",
        role: Role::Operator,
    };
    store.invite_member(&actor, member, T0).await.unwrap();
    let (page, total) = store.organisations_page(Some(OrganisationKind::PublicBody), 0, 10).await.unwrap();
    assert_eq!((page.len(), total), (1, 1));
    let (all, total) = store.organisations_page(None, 0, 10).await.unwrap();
    assert_eq!((all.len(), total), (1, 1));
});
