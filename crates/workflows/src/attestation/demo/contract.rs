//! The project's supplier, added to the directory by the programme office,
//! and its contract, recorded by Masone after the activation with the
//! signed document and the DNSH self-declaration as files of its own.

use super::{ACTIVATED, Cast, ago};
use crate::{Error, Now};
use cloudpa_domain::attestation::contracts::{ContractTerms, check_contract};
use cloudpa_domain::attestation::suppliers::check_supplier;
use cloudpa_domain::money::Cents;
use cloudpa_store::attestation::contracts::{Contract, ContractFields};
use cloudpa_store::blobs::{BlobStore, NewBlob};
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_store::{Actor, Store};

const SUPPLIER_VAT: &str = "02458710106";
const SUPPLIER: &str = "Servizi Cloud Valle Stura S.r.l. (demo)";
const SUPPLIER_PEC: &str = "gare@pec.cloudvallestura.demo.cloudpa.it";
/// The contract is recorded two days after its activation.
const RECORDED: u64 = ACTIVATED - 2;

/// Records the contract, signed on the day of the activation.
pub(super) async fn record(
    store: &Store,
    blobs: &BlobStore,
    now: Now,
    cast: &Cast,
    app: &CallApplication,
) -> Result<Contract, Error> {
    let actor = Actor::system();
    let recorded = ago(now, RECORDED);
    let supplier = check_supplier(SUPPLIER_VAT, SUPPLIER, SUPPLIER_PEC, "si").map_err(Error::invalid)?;
    store.save_suppliers(&actor, std::slice::from_ref(&supplier), recorded.ms).await?;
    let supplier = store.supplier_by_vat(&supplier.vat_number).await?.ok_or_else(Error::internal)?;

    let owner = &cast.masone.id;
    let signed_on = app.contract_activated_on.ok_or_else(Error::internal)?;
    let object = format!("Migrazione al cloud di {} servizi del Comune di Masone", app.services);
    let document = pdf(store, blobs, owner, "contratto-firmato.pdf", &object, recorded).await?;
    let dnsh = pdf(store, blobs, owner, "dichiarazione-dnsh.pdf", "Autodichiarazione DNSH", recorded).await?;
    let amount = Cents(app.amount.0 * 9 / 10);
    let terms = ContractTerms { signed_on, object: &object, amount, recognition: false };
    let eligible_from = super::eligible_from(store, app).await?;
    let refused = check_contract(app.state, &terms, eligible_from, app.financed_on, recorded.today);
    if !refused.is_empty() {
        return Err(Error::invalid(refused.into_iter().map(|(field, rule)| (field.to_owned(), rule))));
    }
    let fields = ContractFields {
        supplier_id: supplier.id,
        signed_on,
        object,
        amount,
        document,
        dnsh: Some(dnsh),
        recognition: None,
    };
    Ok(store.add_contract(&actor, &app.id, &fields, &cast.rtd.id, recorded.ms).await?)
}

/// Stores a small PDF uploaded by `owner` on the day `on`; its file id.
pub(super) async fn pdf(
    store: &Store,
    blobs: &BlobStore,
    owner: &str,
    filename: &str,
    title: &str,
    on: Now,
) -> Result<String, Error> {
    let content = format!("%PDF-1.7\n% {title} (documento dimostrativo di cloudpa)\n%%EOF\n").into_bytes();
    let upload = NewBlob { owner_id: owner, filename, content_type: "application/pdf", content };
    Ok(store.put_blob(blobs, &Actor::system(), upload, on.ms).await?.sha256)
}
