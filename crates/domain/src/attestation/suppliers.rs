//! A supplier of migration services (*soggetto realizzatore*) as declared
//! in the directory: a valid partita IVA (DM 23/12/1976), a PEC address,
//! a name, and whether it is enabled on MEPA for the ICT services category
//! (the route the call's suppliers take: Avviso Misura 1.2, DOMAIN.md §4,
//! step 1).

use crate::accounts::normalise_email;
use crate::message::Message;
use crate::qualification::vat::check_vat_number;

/// A supplier's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierFields {
    pub vat_number: String,
    pub name: String,
    pub pec: String,
    pub mepa_enabled: bool,
}

/// Checks a supplier's fields; `mepa` is yes or no (`si`/`no`, `sì`,
/// `true`/`false`, `1`/`0`, any case). Every broken field is named.
pub fn check_supplier(
    vat_number: &str,
    name: &str,
    pec: &str,
    mepa: &str,
) -> Result<SupplierFields, Vec<(&'static str, Message)>> {
    let mut errors = Vec::new();
    let vat = check_vat_number(vat_number).map_err(|e| errors.push(("vat_number", e.message()))).ok();
    let pec = normalise_email(pec).map_err(|e| errors.push(("pec", e.rule))).ok();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        errors.push(("name", Message::new("att-not-empty")));
    }
    let mepa_enabled = match mepa.trim().to_lowercase().as_str() {
        "si" | "sì" | "yes" | "true" | "1" => Some(true),
        "no" | "false" | "0" => Some(false),
        _ => {
            errors.push(("mepa_enabled", Message::new("att-supplier-mepa")));
            None
        }
    };
    match (vat, pec, mepa_enabled) {
        (Some(vat_number), Some(pec), Some(mepa_enabled)) if errors.is_empty() => {
            Ok(SupplierFields { vat_number, name, pec, mepa_enabled })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_supplier_needs_a_valid_vat_number_a_pec_a_name_and_a_yes_or_no() {
        let ok = check_supplier("IT 01114601006", "  Migra  S.r.l. ", "Gare@PEC.Migra.it", "Sì").unwrap();
        assert_eq!((ok.vat_number.as_str(), ok.name.as_str(), ok.mepa_enabled), ("01114601006", "Migra S.r.l.", true));
        assert!(!check_supplier("01114601006", "Migra", "gare@pec.migra.it", "0").unwrap().mepa_enabled);
        let fields = |r: Result<SupplierFields, Vec<(&'static str, Message)>>| {
            r.unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>()
        };
        assert_eq!(fields(check_supplier("01114601007", "Migra", "gare@pec.migra.it", "si")), ["vat_number"]);
        assert_eq!(
            fields(check_supplier("01114601006", " ", "not-an-address", "forse")),
            ["pec", "name", "mepa_enabled"]
        );
    }
}
