//! The admissible migration scenarios of Misura 1.2: from which origin a
//! service may move to which qualified destination.
//!
//! Source: DOMAIN.md §4 and `data/scenari_ammissibili.csv` (the table of the
//! Avviso 1.2 Comuni; FAQ 003 and the clarifications of window n.3 of
//! 27 Nov 2022 for the one conditional case). The table is data: it is parsed
//! from the CSV and checked complete (7 origins × 3 destinations).

use super::window::ELIGIBILITY_START;
use crate::message::Message;
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

    /// The letter alone, as the API answers it: A or B.
    pub fn letter(self) -> &'static str {
        match self {
            MigrationType::Rehost => "A",
            MigrationType::Upgrade => "B",
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

    /// The destination's key in records and the API: `iaas`, `paas`, `saas`.
    pub fn key(self) -> &'static str {
        match self {
            Destination::Iaas => "iaas",
            Destination::Paas => "paas",
            Destination::Saas => "saas",
        }
    }

    pub fn from_key(key: &str) -> Option<Destination> {
        Destination::ALL.into_iter().find(|d| d.key() == key)
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
    #[error("{}", self.message())]
    NotAdmissible { origin: Origin, destination: Destination, note: String },
    #[error("{}", self.message())]
    EarlierMoveMissing { origin: Origin, destination: Destination },
    #[error("{}", self.message())]
    EarlierMoveTooEarly { origin: Origin, destination: Destination, earlier_move: NaiveDate },
}

impl ScenarioError {
    pub fn message(&self) -> Message {
        let scenario = |message: Message, origin: &Origin, destination: &Destination| {
            message.arg("origin", origin.code()).arg("destination", destination.code())
        };
        match self {
            ScenarioError::NotAdmissible { origin, destination, note } => {
                scenario(Message::new("prog-scenario-not-admissible"), origin, destination).arg("note", note)
            }
            ScenarioError::EarlierMoveMissing { origin, destination } => {
                scenario(Message::new("prog-scenario-earlier-move-missing"), origin, destination)
                    .arg("start", ELIGIBILITY_START)
            }
            ScenarioError::EarlierMoveTooEarly { origin, destination, earlier_move } => {
                scenario(Message::new("prog-scenario-earlier-move-too-early"), origin, destination)
                    .arg("start", ELIGIBILITY_START)
                    .arg("earlier_move", *earlier_move)
            }
        }
    }
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
mod tests;
