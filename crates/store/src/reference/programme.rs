//! Reference data of the programme's organisation: the regions of each
//! territorial area and the PNRR targets.

use super::records::{Records, invalid};
use crate::StoreError;
use crate::batch::Value;
use cloudpa_domain::programme::teams::check_areas;
use std::collections::BTreeSet;

/// Rows of `team_territoriali_aree.csv` (`area,regione`), checked to cover
/// every region of the embedded municipalities once, in six areas.
pub(super) fn parse_areas(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut regions = BTreeSet::new();
    Records::new("municipalities", data_file!("comuni.csv"))?.for_each(|r| {
        regions.insert(r.get("regione")?.to_owned());
        Ok(())
    })?;
    let mut rows = Vec::new();
    Records::new(name, bytes)?.for_each(|r| {
        rows.push((r.line as usize, r.get("area")?.to_owned(), r.get("regione")?.to_owned()));
        Ok(())
    })?;
    let areas = check_areas(&rows, &regions).map_err(|e| invalid(name, 0, e.to_string()))?;
    Ok(areas
        .into_iter()
        .flat_map(|(area, regions)| regions.into_iter().map(move |r| vec![Value::Text(r), Value::Text(area.clone())]))
        .collect())
}

/// Rows of `pnrr_target_1_2.csv`: a positive value, an ISO date, and
/// `confermato` `sì` or `no`.
pub(super) fn parse_targets(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut rows = Vec::new();
    Records::new(name, bytes)?.for_each(|r| {
        let value = r.int("valore")?;
        if value <= 0 {
            return Err(r.error("column `valore` must be positive".into()));
        }
        let due_on = r.get("scadenza")?;
        if due_on.parse::<chrono::NaiveDate>().is_err() {
            return Err(r.error(format!("column `scadenza`: `{due_on}` is not a date (YYYY-MM-DD)")));
        }
        let confirmed = match r.get("confermato")? {
            "sì" | "si" => 1,
            "no" => 0,
            other => return Err(r.error(format!("column `confermato`: `{other}` is not sì or no"))),
        };
        rows.push(vec![
            r.text("codice")?,
            r.text("descrizione")?,
            Value::Int(value),
            Value::Text(due_on.to_owned()),
            r.text("fonte")?,
            Value::Int(confirmed),
        ]);
        Ok(())
    })?;
    Ok(rows)
}
