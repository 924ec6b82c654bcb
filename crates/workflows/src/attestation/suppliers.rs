//! The directory of suppliers of migration services: every signed-in user
//! reads it (an ente picks its supplier from it); the programme office adds
//! suppliers one by one or imports a file, every row accounted for.

use crate::qualification::require;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::attestation::suppliers::check_supplier;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::suppliers::{Supplier, read_supplier_file};
use cloudpa_store::reference::Rejection;
use cloudpa_store::{Actor, Store};

/// Adds a supplier, or updates the one with the same VAT number.
pub async fn save(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    vat_number: &str,
    name: &str,
    pec: &str,
    mepa_enabled: bool,
) -> Result<Supplier, Error> {
    require(user, Permission::ManageSuppliers)?;
    let fields =
        check_supplier(vat_number, name, pec, if mepa_enabled { "si" } else { "no" }).map_err(Error::invalid)?;
    ctx.store.save_suppliers(&user.actor(), std::slice::from_ref(&fields), now.ms).await?;
    ctx.store.supplier_by_vat(&fields.vat_number).await?.ok_or_else(Error::internal)
}

/// What an import did with each row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierImport {
    pub imported: usize,
    pub rejected: Vec<Rejection>,
}

/// Imports a directory file (`partita_iva,denominazione,pec,abilitato_mepa`):
/// the valid rows in one transaction, the others rejected with their line.
pub async fn import(ctx: &Context, user: &SessionUser, now: Now, bytes: &[u8]) -> Result<SupplierImport, Error> {
    require(user, Permission::ManageSuppliers)?;
    import_file(&ctx.store, &user.actor(), now, bytes).await
}

/// [`import`] for the command line, as the system.
pub async fn import_file(store: &Store, actor: &Actor, now: Now, bytes: &[u8]) -> Result<SupplierImport, Error> {
    let (rows, rejected) = read_supplier_file(bytes);
    let fields: Vec<_> = rows.into_iter().map(|(_, f)| f).collect();
    let imported = if fields.is_empty() { 0 } else { store.save_suppliers(actor, &fields, now.ms).await? };
    Ok(SupplierImport { imported, rejected })
}
