//! A person's own preferences: the language their e-mails and documents are
//! written in.

use crate::{Context, Error, Now};
use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use cloudpa_store::accounts::SessionUser;

/// Sets the language `user` reads e-mails and documents in: any signed-in
/// person may choose their own, and only their own.
pub async fn set_language(ctx: &Context, user: &SessionUser, now: Now, code: &str) -> Result<Lang, Error> {
    let Some(lang) = Lang::parse(code) else {
        return Err(Error::invalid([("language", Message::new("error-language-unknown").arg("given", code))]));
    };
    ctx.store.set_language(&user.actor(), &user.user.id, lang.code(), now.ms).await?;
    Ok(lang)
}
