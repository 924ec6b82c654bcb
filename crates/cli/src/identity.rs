//! The settings of SPID/CIE sign-in (docs/identity.md): a TOML file that
//! `serve --identity-config` names, read and checked at start. A file that
//! cannot be used stops the service with one line naming the problem, rather
//! than a sign-in page that fails later.

use crate::failure::{Failure, one_line};
use cloudpa_domain::message::{Arg, Message};
use cloudpa_identity::{RelyingParty, RelyingPartyClient};
use cloudpa_web::Identity;
use std::path::Path;
use std::sync::Arc;

/// The path of the callback route: the `redirect_uri` must end there.
const CALLBACK_PATH: &str = "/auth/callback";

pub fn load(path: Option<&Path>) -> Result<Option<Identity>, Failure> {
    let Some(path) = path else {
        return Ok(None);
    };
    let bad = |why: Arg| {
        let message = Message::new("cli-identity").arg("path", path.display().to_string()).arg("why", why);
        Failure::config(message)
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string().into()))?;
    let settings: RelyingParty = toml::from_str(&text).map_err(|e| bad(one_line(e.message()).into()))?;
    let callback = url::Url::parse(&settings.redirect_uri)
        .map_err(|e| bad(Message::new("cli-redirect-uri").arg("error", e.to_string()).into()))?;
    if callback.path() != CALLBACK_PATH {
        return Err(bad(Message::new("cli-redirect-path").arg("path", CALLBACK_PATH).into()));
    }
    let client = RelyingPartyClient::new(settings).map_err(|e| bad(one_line(&e.to_string()).into()))?;
    tracing::info!(client_id = %client.config().client_id, issuer = %client.config().provider.issuer, "SPID/CIE sign-in configured");
    Ok(Some(Identity(Arc::new(client))))
}
