//! The asseverazione's use cases: the suppliers' directory, a project's
//! contracts, the destinations a migrated service may land on, the
//! compliance form of each service with its instant pre-checks, and the
//! pre-checks of every form at once.

pub mod bulk;
pub mod catalogue;
pub mod contracts;
pub mod demo;
pub mod destinations;
pub mod forms;
pub mod live;
pub mod national;
pub mod payment;
pub mod prefixes;
pub mod requests;
pub mod runs;
pub mod samples;
pub mod suppliers;
pub mod verification;

use crate::{Context, Error};
use cloudpa_domain::message::Message;
use cloudpa_store::accounts::SessionUser;

/// The fields among `files` (field name, file id) that are not uploads of
/// the project's ente or of the user's organisation (its aggregator), each
/// with the rule it breaks.
pub(crate) async fn foreign_files(
    ctx: &Context,
    ente_id: &str,
    user: &SessionUser,
    files: Vec<(String, String)>,
) -> Result<Vec<(String, Message)>, Error> {
    let mut foreign = Vec::new();
    for (field, sha) in files {
        let owned = ctx.store.blob_info(ente_id, &sha).await?.is_some()
            || ctx.store.blob_info(&user.organisation.id, &sha).await?.is_some();
        if !owned {
            foreign.push((field, Message::new("att-file-foreign")));
        }
    }
    Ok(foreign)
}
