//! The admissible migration scenarios of Misura 1.2: from which origin a
//! service may move to which qualified destination.
//!
//! Source: DOMAIN.md §4 and `data/scenari_ammissibili.csv` (the table of the
//! Avviso 1.2 Comuni; FAQ 003 and the clarifications of window n.3 of
//! 27 Nov 2022 for the one conditional case). The table is data: it is parsed
//! from the CSV and checked complete (7 origins × 3 destinations).

use super::window::ELIGIBILITY_START;
use crate::qualification::levels::UnknownCode;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The shipped table, `data/scenari_ammissibili.csv`.
pub const SCENARIOS_CSV: &str = include_str!("../../../../data/scenari_ammissibili.csv");

const HEADER: [&str; 5] = ["origine", "tipo_migrazione", "destinazione", "ammissibile", "nota_testuale_FAQ"];

/// Where a service runs before the migration (the 7 origins of the call).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    OnPremiseUnstructured,
    OnPremiseStructured,
    IaasUnqualified,
    IaasQualified,
    PaasUnqualified,
    PaasQualified,
    Saas,
}

/// The migration type declared per service: A – Trasferimento (rehost) or
/// B – Aggiornamento (upgrade: replatform or repurchase).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MigrationType {
    Rehost,
    Upgrade,
}

/// The qualified destination of a migrated service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    Iaas,
    Paas,
    Saas,
}

/// The `ammissibile` column: SI, NO or CONDIZIONATO.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Admissibility {
    Yes,
    No,
    Conditional,
}

impl Origin {
    pub const ALL: [Origin; 7] = [
        Origin::OnPremiseUnstructured,
        Origin::OnPremiseStructured,
        Origin::IaasUnqualified,
        Origin::IaasQualified,
        Origin::PaasUnqualified,
        Origin::PaasQualified,
        Origin::Saas,
    ];

    /// The text of the call and of the CSV.
    pub fn code(self) -> &'static str {
        match self {
            Origin::OnPremiseUnstructured => "On premise destrutturato",
            Origin::OnPremiseStructured => "On premise strutturato",
            Origin::IaasUnqualified => "IaaS non qualificato",
            Origin::IaasQualified => "IaaS qualificato",
            Origin::PaasUnqualified => "PaaS non qualificato",
            Origin::PaasQualified => "PaaS qualificato",
            Origin::Saas => "SaaS",
        }
    }
}

impl MigrationType {
    pub const ALL: [MigrationType; 2] = [MigrationType::Rehost, MigrationType::Upgrade];

    pub fn code(self) -> &'static str {
        match self {
            MigrationType::Rehost => "A - Trasferimento",
            MigrationType::Upgrade => "B - Aggiornamento",
        }
    }
}

impl Destination {
    pub const ALL: [Destination; 3] = [Destination::Iaas, Destination::Paas, Destination::Saas];

    pub fn code(self) -> &'static str {
        match self {
            Destination::Iaas => "IaaS qualificato",
            Destination::Paas => "PaaS qualificato",
            Destination::Saas => "SaaS qualificato",
        }
    }

    /// A moves to IaaS; B moves to PaaS (replatform) or SaaS (repurchase).
    pub fn migration_type(self) -> MigrationType {
        match self {
            Destination::Iaas => MigrationType::Rehost,
            Destination::Paas | Destination::Saas => MigrationType::Upgrade,
        }
    }
}

impl Admissibility {
    pub const ALL: [Admissibility; 3] = [Admissibility::Yes, Admissibility::No, Admissibility::Conditional];

    pub fn code(self) -> &'static str {
        match self {
            Admissibility::Yes => "SI",
            Admissibility::No => "NO",
            Admissibility::Conditional => "CONDIZIONATO",
        }
    }
}

macro_rules! code_text {
    ($($ty:ty => $expected:literal),* $(,)?) => {$(
        impl FromStr for $ty {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$ty>::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or_else(|| UnknownCode(s.to_owned(), $expected))
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    )*};
}

code_text! {
    Origin => "the 7 origins of the call (e.g. `On premise strutturato`)",
    MigrationType => "`A - Trasferimento`, `B - Aggiornamento`",
    Destination => "`IaaS qualificato`, `PaaS qualificato`, `SaaS qualificato`",
    Admissibility => "SI, NO, CONDIZIONATO",
}

/// One cell of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scenario {
    pub origin: Origin,
    pub destination: Destination,
    pub admissibility: Admissibility,
    /// The explanation of the FAQ, shown to the user when refused.
    pub note: String,
}

/// The complete table: exactly one cell per origin and destination, kept in
/// the order of [`Origin::ALL`] × [`Destination::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioTable {
    cells: Vec<Scenario>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("the header must be `{}`", HEADER.join(","))]
    Header,
    #[error("line {line}: expected 5 comma-separated fields")]
    Fields { line: usize },
    #[error("line {line}, field `{field}`: {source}")]
    Code { line: usize, field: &'static str, source: UnknownCode },
    #[error("line {line}: `tipo_migrazione` must be `{expected}` for destination `{destination}`")]
    TypeMismatch { line: usize, destination: Destination, expected: MigrationType },
    #[error("the scenario `{origin}` → `{destination}` appears more than once")]
    Duplicate { origin: Origin, destination: Destination },
    #[error("the scenario `{origin}` → `{destination}` is missing")]
    Missing { origin: Origin, destination: Destination },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    #[error("`{origin}` → `{destination}` is not an admissible scenario: {note}")]
    NotAdmissible { origin: Origin, destination: Destination, note: String },
    #[error(
        "`{origin}` → `{destination}` is admissible only if the service moved to `{origin}` on or after {}: \
         field `earlier_move` (the date of that move) is required",
        ELIGIBILITY_START
    )]
    EarlierMoveMissing { origin: Origin, destination: Destination },
    #[error(
        "`{origin}` → `{destination}` is admissible only if the service moved to `{origin}` on or after {}: \
         field `earlier_move` is {earlier_move}",
        ELIGIBILITY_START
    )]
    EarlierMoveTooEarly { origin: Origin, destination: Destination, earlier_move: NaiveDate },
}

impl ScenarioTable {
    /// The table shipped in `data/scenari_ammissibili.csv`.
    pub fn official() -> Result<Self, TableError> {
        Self::parse(SCENARIOS_CSV)
    }

    /// Reads the CSV (UTF-8, one record per line; only the last field, the
    /// note, may contain commas or be quoted).
    pub fn parse(text: &str) -> Result<Self, TableError> {
        let mut lines = text.trim_start_matches('\u{feff}').lines().enumerate().map(|(i, l)| (i + 1, l));
        let header: Vec<&str> = lines.next().map(|(_, l)| l.split(',').map(str::trim).collect()).unwrap_or_default();
        if header != HEADER {
            return Err(TableError::Header);
        }
        let rows =
            lines.filter(|(_, l)| !l.trim().is_empty()).map(|(n, l)| parse_row(n, l)).collect::<Result<_, _>>()?;
        Self::new(rows)
    }

    /// Checks that `cells` hold every origin × destination exactly once.
    pub fn new(mut cells: Vec<Scenario>) -> Result<Self, TableError> {
        cells.sort_by_key(|s| (s.origin, s.destination));
        if let Some(pair) =
            cells.windows(2).find(|p| (p[0].origin, p[0].destination) == (p[1].origin, p[1].destination))
        {
            return Err(TableError::Duplicate { origin: pair[0].origin, destination: pair[0].destination });
        }
        let keys = Origin::ALL.into_iter().flat_map(|o| Destination::ALL.map(|d| (o, d)));
        for (i, (origin, destination)) in keys.enumerate() {
            if cells.get(i).is_none_or(|s| (s.origin, s.destination) != (origin, destination)) {
                return Err(TableError::Missing { origin, destination });
            }
        }
        Ok(ScenarioTable { cells })
    }

    pub fn cells(&self) -> &[Scenario] {
        &self.cells
    }

    pub fn cell(&self, origin: Origin, destination: Destination) -> &Scenario {
        // In range: `new` checked that the table holds all 21 cells in this order.
        &self.cells[origin as usize * Destination::ALL.len() + destination as usize]
    }
}

fn parse_row(line: usize, text: &str) -> Result<Scenario, TableError> {
    let fields: Vec<&str> = text.splitn(HEADER.len(), ',').collect();
    let [origin, migration_type, destination, admissibility, note] = fields[..] else {
        return Err(TableError::Fields { line });
    };
    let origin: Origin = field(line, "origine", origin)?;
    let migration_type: MigrationType = field(line, "tipo_migrazione", migration_type)?;
    let destination: Destination = field(line, "destinazione", destination)?;
    if destination.migration_type() != migration_type {
        return Err(TableError::TypeMismatch { line, destination, expected: destination.migration_type() });
    }
    let admissibility = field(line, "ammissibile", admissibility)?;
    Ok(Scenario { origin, destination, admissibility, note: unquote(note.trim()) })
}

fn field<T: FromStr<Err = UnknownCode>>(line: usize, field: &'static str, text: &str) -> Result<T, TableError> {
    text.parse().map_err(|source| TableError::Code { line, field, source })
}

/// An RFC 4180 quoted field (`"a, ""b"""` → `a, "b"`), or the text as it is.
fn unquote(text: &str) -> String {
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => text.to_owned(),
    }
}

/// Whether a service may move from `origin` to `destination`.
///
/// SI and NO cells answer directly. A CONDIZIONATO cell (IaaS qualificato →
/// SaaS) is admissible only if the earlier move to the origin happened on or
/// after [`ELIGIBILITY_START`] (1 Feb 2020) as the first step towards SaaS
/// (FAQ 003; DOMAIN.md §4): `earlier_move` is the date of that move, and
/// without it the answer is an error asking for it. That the move was the
/// first step towards SaaS is the ente's declaration, not checked here.
pub fn admissible(
    table: &ScenarioTable,
    origin: Origin,
    destination: Destination,
    earlier_move: Option<NaiveDate>,
) -> Result<(), ScenarioError> {
    let cell = table.cell(origin, destination);
    match (cell.admissibility, earlier_move) {
        (Admissibility::Yes, _) => Ok(()),
        (Admissibility::No, _) => Err(ScenarioError::NotAdmissible { origin, destination, note: cell.note.clone() }),
        (Admissibility::Conditional, None) => Err(ScenarioError::EarlierMoveMissing { origin, destination }),
        (Admissibility::Conditional, Some(earlier_move)) if earlier_move < ELIGIBILITY_START => {
            Err(ScenarioError::EarlierMoveTooEarly { origin, destination, earlier_move })
        }
        (Admissibility::Conditional, Some(_)) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
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
        assert!("on premise strutturato".parse::<Origin>().is_err());
    }

    #[test]
    fn yes_and_no_cells() {
        let t = ScenarioTable::official().unwrap();
        assert_eq!(admissible(&t, OnPremiseStructured, Iaas, None), Ok(()));
        assert_eq!(admissible(&t, IaasUnqualified, Paas, None), Ok(()));
        let refused = admissible(&t, OnPremiseUnstructured, Paas, None).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "`On premise destrutturato` → `PaaS qualificato` is not an admissible scenario: Impossibile"
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
        assert!(missing.to_string().contains("field `earlier_move`"), "{missing}");
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
        assert_eq!(
            ScenarioTable::parse(&repeated),
            Err(TableError::Duplicate { origin: Origin::Saas, destination: Iaas })
        );
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
}
