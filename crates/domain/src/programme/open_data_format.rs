//! Writing the PA digitale 2026 open data of financed applications in its
//! own format — the columns in their order, the numbers and dates as the
//! published file writes them — so that what cloudpa exports, its import
//! reads back as the same records.
//!
//! Source: the published file (`data/samples/candidature_finanziate_12_campione.csv`,
//! DOMAIN.md §6): amounts and whole numbers as decimals (`4566860.0`,
//! `1.0`), the submission as `2022-05-04T11:58:51.000+0000`, the financing
//! date as `2022-08-08`.

use super::open_data::FundingStatus;
use crate::money::Cents;
use chrono::{DateTime, Utc};

/// The columns of the published file, in its order.
pub const COLUMNS: [&str; 18] = [
    "codice_ipa",
    "ente",
    "comune",
    "cod_comune",
    "provincia",
    "cod_provincia",
    "regione",
    "cod_regione",
    "importo_finanziamento",
    "avviso",
    "data_invio_candidatura",
    "data_finanziamento",
    "codice_cup",
    "numero_finestra_temporale",
    "numero_di_protocollo",
    "stato_candidatura",
    "misura",
    "tipologia_ente",
];

/// An amount as the file writes it: euros with at least one decimal and no
/// trailing zero after it (`47427.0`, `1000000.5`, `12.25`).
pub fn amount(cents: Cents) -> String {
    let sign = if cents.0 < 0 { "-" } else { "" };
    let abs = cents.0.unsigned_abs();
    let (euros, rest) = (abs / 100, abs % 100);
    match rest {
        0 => format!("{sign}{euros}.0"),
        r if r % 10 == 0 => format!("{sign}{euros}.{}", r / 10),
        r => format!("{sign}{euros}.{r:02}"),
    }
}

/// A whole number as the file writes it: `1.0`.
pub fn whole(n: u32) -> String {
    format!("{n}.0")
}

/// The instant of submission as the file writes it, in UTC with
/// milliseconds: `2022-05-04T11:58:51.000+0000`.
pub fn submitted_at(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3f%z").to_string()
}

/// The status letter (A, R, E).
pub fn status(status: FundingStatus) -> &'static str {
    status.code()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::open_data::OpenDataRow;

    #[test]
    fn numbers_are_written_as_the_file_writes_them() {
        assert_eq!(amount(Cents(4_742_700)), "47427.0");
        assert_eq!(amount(Cents(100_000_050)), "1000000.5");
        assert_eq!(amount(Cents(1_225)), "12.25");
        assert_eq!(amount(Cents(5)), "0.05");
        assert_eq!(amount(Cents(0)), "0.0");
        assert_eq!(whole(28), "28.0");
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let at: DateTime<Utc> = "2022-05-04T11:58:51Z".parse().unwrap();
        assert_eq!(submitted_at(at), "2022-05-04T11:58:51.000+0000");
        for cents in [0, 5, 1_225, 4_742_700, 100_000_050, 456_686_000] {
            assert_eq!(crate::money::parse_euros(&amount(Cents(cents))), Ok(Cents(cents)));
        }
        let row = OpenDataRow {
            codice_ipa: "c_a050".into(),
            ente: "Comune di Acquaviva Collecroce".into(),
            cod_comune: "070001".into(),
            importo_finanziamento: amount(Cents(4_742_700)),
            avviso: "1.2 Abilitazione al cloud - Comuni - Aprile 2022".into(),
            data_invio_candidatura: submitted_at(at),
            numero_finestra_temporale: whole(1),
            numero_di_protocollo: whole(28),
            stato_candidatura: status(FundingStatus::Paid).into(),
            misura: "1.2 Abilitazione e facilitazione migrazione al Cloud".into(),
            tipologia_ente: "Comune".into(),
            ..OpenDataRow::default()
        };
        let read = row.validate().unwrap();
        assert_eq!((read.amount, read.submitted_at, read.window), (Cents(4_742_700), Some(at), Some(1)));
        assert_eq!((read.protocol.as_deref(), read.status), (Some("28"), FundingStatus::Paid));
        assert_eq!(read.findings, []);
    }
}
