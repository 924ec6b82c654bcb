use super::*;
use Admissibility::{Conditional as CO, No as NO, Yes as SI};
use Destination::*;
use Origin::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_shipped_table_cell_by_cell() {
    // Columns: IaaS (A), PaaS (B), SaaS (B).
    let expected = [
        (OnPremiseUnstructured, [NO, NO, SI]),
        (OnPremiseStructured, [SI, SI, SI]),
        (IaasUnqualified, [NO, SI, SI]),
        (IaasQualified, [NO, NO, CO]),
        (PaasUnqualified, [NO, NO, SI]),
        (PaasQualified, [NO, NO, NO]),
        (Origin::Saas, [NO, NO, NO]),
    ];
    let table = ScenarioTable::official().unwrap();
    assert_eq!(table.cells().len(), 21);
    for (origin, row) in expected {
        for (destination, admissibility) in Destination::ALL.into_iter().zip(row) {
            let cell = table.cell(origin, destination);
            assert_eq!((cell.origin, cell.destination), (origin, destination));
            assert_eq!(cell.admissibility, admissibility, "{origin} → {destination}");
        }
    }
}

#[test]
fn codes_round_trip() {
    for o in Origin::ALL {
        assert_eq!(o.code().parse(), Ok(o));
    }
    for d in Destination::ALL {
        assert_eq!(d.code().parse(), Ok(d));
    }
    for t in MigrationType::ALL {
        assert_eq!(t.code().parse(), Ok(t));
    }
    assert_eq!(Iaas.migration_type(), MigrationType::Rehost);
    assert_eq!(Paas.migration_type(), MigrationType::Upgrade);
    assert_eq!(Destination::Saas.migration_type(), MigrationType::Upgrade);
    assert_eq!(Iaas.migration_type().letter(), "A");
    assert_eq!(Destination::Saas.migration_type().letter(), "B");
    assert!("on premise strutturato".parse::<Origin>().is_err());
}

#[test]
fn yes_and_no_cells() {
    let t = ScenarioTable::official().unwrap();
    assert_eq!(admissible(&t, OnPremiseStructured, Iaas, None), Ok(()));
    assert_eq!(admissible(&t, IaasUnqualified, Paas, None), Ok(()));
    let refused = admissible(&t, OnPremiseUnstructured, Paas, None).unwrap_err();
    assert_eq!(
        refused.message(),
        Message::new("prog-scenario-not-admissible")
            .arg("origin", "On premise destrutturato")
            .arg("destination", "PaaS qualificato")
            .arg("note", "Impossibile")
    );
}

#[test]
fn iaas_qualified_to_saas_depends_on_the_earlier_move() {
    let t = ScenarioTable::official().unwrap();
    let origin = IaasQualified;
    let to_saas = Destination::Saas;
    assert_eq!(admissible(&t, origin, to_saas, Some(day("2020-02-01"))), Ok(()));
    assert_eq!(
        admissible(&t, origin, to_saas, Some(day("2020-01-31"))),
        Err(ScenarioError::EarlierMoveTooEarly { origin, destination: to_saas, earlier_move: day("2020-01-31") })
    );
    let missing = admissible(&t, origin, to_saas, None).unwrap_err();
    assert_eq!(missing, ScenarioError::EarlierMoveMissing { origin, destination: to_saas });
    assert_eq!(missing.message().key, "prog-scenario-earlier-move-missing");
    // The date does not open the other cells of the same origin.
    assert!(admissible(&t, origin, Paas, Some(day("2021-01-01"))).is_err());
}

#[test]
fn incomplete_or_malformed_tables_are_refused() {
    let without_last: String = SCENARIOS_CSV.lines().take(21).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        ScenarioTable::parse(&without_last),
        Err(TableError::Missing { origin: Origin::Saas, destination: Destination::Saas })
    );
    let repeated = format!("{SCENARIOS_CSV}\nSaaS,A - Trasferimento,IaaS qualificato,NO,x\n");
    assert_eq!(ScenarioTable::parse(&repeated), Err(TableError::Duplicate { origin: Origin::Saas, destination: Iaas }));
    let header = HEADER.join(",");
    let wrong_type = format!("{header}\nSaaS,B - Aggiornamento,IaaS qualificato,NO,x");
    assert_eq!(
        ScenarioTable::parse(&wrong_type),
        Err(TableError::TypeMismatch { line: 2, destination: Iaas, expected: MigrationType::Rehost })
    );
    let unknown = ScenarioTable::parse(&format!("{header}\nMainframe,A - Trasferimento,IaaS qualificato,NO,x"));
    assert!(matches!(unknown, Err(TableError::Code { line: 2, field: "origine", .. })), "{unknown:?}");
    let short = ScenarioTable::parse(&format!("{header}\nSaaS,A - Trasferimento"));
    assert_eq!(short, Err(TableError::Fields { line: 2 }));
    assert_eq!(ScenarioTable::parse(""), Err(TableError::Header));
    assert_eq!(ScenarioTable::parse("origine,tipo"), Err(TableError::Header));
}

#[test]
fn the_note_may_be_quoted_and_hold_commas() {
    let quoted = SCENARIOS_CSV.replace(",Impossibile", ",\"Impossibile, \"\"mai\"\"\"");
    let t = ScenarioTable::parse(&quoted).unwrap();
    assert_eq!(t.cell(OnPremiseUnstructured, Paas).note, "Impossibile, \"mai\"");
}
