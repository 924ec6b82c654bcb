//! Parsing the reference files into the rows of their tables: the
//! municipalities, the tariffs, the admissible scenarios, the service-level
//! indicators, the qualification levels and the requirement sets.

use super::records::{Record, Records, invalid};
use crate::StoreError;
use crate::batch::Value;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::tariff::{Tariff, TariffClass};
use cloudpa_domain::qualification::requirements::RequirementSet;

/// An optional column: blank is `NULL`.
fn opt_text(r: &Record<'_>, column: &str) -> Result<Value, StoreError> {
    let value = r.get(column)?;
    Ok(Value::OptText((!value.is_empty()).then(|| value.to_owned())))
}

pub(super) fn parse_municipalities(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut rows = Vec::with_capacity(8_000);
    Records::new(name, bytes)?.for_each(|r| {
        rows.push(vec![
            r.text("codice_istat")?,
            r.text("denominazione")?,
            r.text("codice_catastale")?,
            opt_text(r, "codice_ipa")?,
            r.text("sigla_provincia")?,
            r.text("provincia")?,
            r.text("codice_regione")?,
            r.text("regione")?,
            r.text("ripartizione")?,
            Value::OptInt(r.opt_int("popolazione_censimento_2011")?),
            opt_text(r, "valido_dal")?,
            opt_text(r, "cessato_il")?,
            opt_text(r, "codice_istat_attuale")?,
        ]);
        Ok(())
    })?;
    Ok(rows)
}

pub(super) fn parse_municipality_changes(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut rows = Vec::new();
    Records::new(name, bytes)?.for_each(|r| {
        let columns = [
            "data",
            "tipo",
            "codice_istat",
            "denominazione",
            "sigla_provincia",
            "codice_istat_nuovo",
            "denominazione_nuova",
            "sigla_provincia_nuova",
            "nota",
        ];
        rows.push(columns.iter().map(|c| r.text(c)).collect::<Result<Vec<_>, _>>()?);
        Ok(())
    })?;
    Ok(rows)
}

pub(super) fn read_tariff_classes(name: &'static str, bytes: &[u8]) -> Result<Vec<TariffClass>, StoreError> {
    let mut classes = Vec::new();
    Records::new(name, bytes)?.for_each(|r| {
        let non_negative = |column: &str| {
            let v = r.int(column)?;
            u64::try_from(v).map_err(|_| r.error(format!("column `{column}` is negative")))
        };
        let euros = |column: &str| {
            let v = r.int(column)?;
            Cents::checked_from_euros(v).ok_or_else(|| r.error(format!("column `{column}` is too large")))
        };
        let count = |column: &str| {
            u32::try_from(non_negative(column)?).map_err(|_| r.error(format!("column `{column}` is too large")))
        };
        classes.push(TariffClass {
            class: u8::try_from(r.int("classe")?).map_err(|_| r.error("column `classe` is out of range".into()))?,
            population_min: non_negative("popolazione_min")?,
            population_max: match r.opt_int("popolazione_max")? {
                Some(v) => Some(u64::try_from(v).map_err(|_| r.error("popolazione_max is negative".into()))?),
                None => None,
            },
            fee: euros("canone_primo_anno_eur")?,
            rehost: euros("importo_servizio_a_eur")?,
            upgrade: euros("importo_servizio_b_eur")?,
            services_min: count("servizi_min")?,
            services_max: count("servizi_max")?,
        });
        Ok(())
    })?;
    Ok(classes)
}

pub(super) fn parse_tariff(name: &'static str, bytes: &[u8], code: &str) -> Result<Vec<Vec<Value>>, StoreError> {
    let classes = read_tariff_classes(name, bytes)?;
    let tariff = Tariff::new(code, classes).map_err(|e| invalid(name, 1, e.to_string()))?;
    Ok(tariff
        .classes()
        .iter()
        .map(|c| {
            vec![
                Value::Text(tariff.code().to_owned()),
                Value::Int(c.class.into()),
                Value::Int(c.population_min as i64),
                Value::OptInt(c.population_max.map(|m| m as i64)),
                Value::Int(c.fee.0),
                Value::Int(c.rehost.0),
                Value::Int(c.upgrade.0),
                Value::Int(c.services_min.into()),
                Value::Int(c.services_max.into()),
            ]
        })
        .collect())
}

pub(super) fn parse_scenarios(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut rows = Vec::new();
    Records::new(name, bytes)?.for_each(|r| {
        let admissibility = r.get("ammissibile")?;
        if !["SI", "NO", "CONDIZIONATO"].contains(&admissibility) {
            return Err(r.error(format!("`ammissibile` is `{admissibility}`, not SI, NO or CONDIZIONATO")));
        }
        rows.push(vec![
            r.text("origine")?,
            r.text("tipo_migrazione")?,
            r.text("destinazione")?,
            Value::Text(admissibility.to_owned()),
            r.text("nota_testuale_FAQ")?,
        ]);
        Ok(())
    })?;
    Ok(rows)
}

pub(super) fn parse_indicators(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut rows = Vec::new();
    Records::new(name, bytes)?.for_each(|r| {
        rows.push(vec![r.text("codice_sli")?, r.text("indicatore")?, r.text("descrizione")?, r.text("tipo")?]);
        Ok(())
    })?;
    Ok(rows)
}

fn requirement_set_file(name: &'static str, bytes: &[u8]) -> Result<(RequirementSet, String), StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| invalid(name, 1, e.to_string()))?;
    let set = RequirementSet::parse(text).map_err(|e| invalid(name, 1, e.to_string()))?;
    Ok((set, text.to_owned()))
}

/// The data classes each level admits, as the ACN set states them (checked
/// against Art. 17 c.4 when the set is parsed).
pub(super) fn parse_levels(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let (set, _) = requirement_set_file(name, bytes)?;
    Ok(set
        .levels
        .iter()
        .map(|l| {
            let classes: Vec<&str> = l.data_classes.iter().map(|c| c.code()).collect();
            vec![Value::Text(l.code.to_string()), Value::Text(classes.join(";"))]
        })
        .collect())
}

pub(super) fn parse_requirement_set(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let (set, text) = requirement_set_file(name, bytes)?;
    Ok(vec![vec![
        Value::Text(set.id),
        Value::Text(set.version),
        Value::Text(set.regime),
        Value::Text(set.title),
        Value::Text(text),
    ]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tariff_amount_or_count_too_large_is_refused_on_its_line() {
        // Found by the hostile-input run of CI: euros beyond i64 / 100 overflowed.
        let header = "classe,popolazione_min,popolazione_max,canone_primo_anno_eur,importo_servizio_a_eur,importo_servizio_b_eur,servizi_min,servizi_max\n";
        let huge = format!("{header}1,0,2500,92233720368547759,1528,4603,7,9\n");
        let error = read_tariff_classes("tariffa", huge.as_bytes()).unwrap_err().to_string();
        assert!(error.contains("line 2") && error.contains("canone_primo_anno_eur"), "{error}");
        let many = format!("{header}1,0,2500,6000,1528,4603,7,4294967296\n");
        let error = read_tariff_classes("tariffa", many.as_bytes()).unwrap_err().to_string();
        assert!(error.contains("servizi_max") && error.contains("too large"), "{error}");
    }
}
