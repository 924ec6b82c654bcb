//! A project's supplier contracts (step 3): the ente records each with its
//! supplier from the directory, its date, object and amount, the signed
//! document and the DNSH self-declaration, and an atto ricognitivo where
//! the dates are inconsistent.

use crate::programme::applications::load;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::attestation::contracts::{ContractTerms, check_contract};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::Side;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::contracts::{Contract, ContractFields};

pub async fn list(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<Vec<Contract>, Error> {
    let (app, _) = load(ctx, user, now, id, Permission::ViewOwnProgramme).await?;
    Ok(ctx.store.contracts(&app.id).await?)
}

/// Records a contract of the project: its files must be the ente's own
/// uploads, its supplier in the directory, its dates consistent with the
/// project's (or explained by an atto ricognitivo).
pub async fn add(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    input: ContractFields,
) -> Result<Contract, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    if side != Side::Ente {
        return Err(Error::new(crate::ErrorKind::Forbidden).detail(Message::new("att-contract-ente-only")));
    }
    let call = ctx.store.find_call(&app.call_id).await?.ok_or_else(Error::internal)?;
    let (_, settings) = crate::programme::deadlines::settings_of(&ctx.store, &call).await?;
    let terms = ContractTerms {
        signed_on: input.signed_on,
        object: &input.object,
        amount: input.amount,
        recognition: input.recognition.is_some(),
    };
    let mut errors = check_contract(app.state, &terms, settings.eligibility_start, app.financed_on, now.today);
    if ctx.store.supplier(&input.supplier_id).await?.is_none() {
        errors.push(("supplier_id", Message::new("att-not-a-supplier")));
    }
    let files = [
        ("document", Some(&input.document)),
        ("dnsh", input.dnsh.as_ref()),
        ("recognition", input.recognition.as_ref()),
    ];
    let given = files.into_iter().filter_map(|(field, file)| file.map(|sha| (field.to_owned(), sha.clone()))).collect();
    let mut errors: Vec<(String, Message)> = errors.into_iter().map(|(f, r)| (f.to_owned(), r)).collect();
    errors.extend(super::foreign_files(ctx, &app.organisation_id, user, given).await?);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    Ok(ctx.store.add_contract(&user.actor(), &app.id, &input, &user.user.id, now.ms).await?)
}
