//! An organisation's administrators make, list and revoke its API tokens
//! on a page (the same use cases as `/api/v1/api-tokens`). A new token's
//! secret is shown on the answer to the form that made it, and never again.

use super::{Layout, Visit, render};
use crate::auth::csrf::{CsrfForm, Empty};
use crate::extract::Path;
use crate::format::rome_datetime;
use crate::problem::Problem;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Days, NaiveDate};
use cloudpa_domain::api_tokens::Scope;
use cloudpa_domain::message::Message;
use cloudpa_store::accounts::ApiToken;
use cloudpa_workflows::api_tokens::{self, TokenFields};
use cloudpa_workflows::{ErrorKind, FieldError};
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "api_tokens.html")]
struct TokensPage {
    layout: Layout,
    csrf_token: String,
    tokens: Vec<Row>,
    scopes: Vec<&'static str>,
    /// The secret of the token just made, shown once.
    secret: Option<String>,
    errors: Vec<FieldError>,
    name: String,
    expires_on: String,
}

/// A token as the list shows it.
struct Row {
    id: String,
    name: String,
    scopes: String,
    prefix: String,
    expires_on: String,
    last_used: String,
    revoked: bool,
}

impl From<ApiToken> for Row {
    fn from(t: ApiToken) -> Self {
        Row {
            id: t.id,
            name: t.name,
            scopes: t.scopes.iter().map(|s| s.code()).collect::<Vec<_>>().join(", "),
            prefix: t.prefix,
            expires_on: t.expires_on.format("%d/%m/%Y").to_string(),
            last_used: t.last_used_at_ms.map(rome_datetime).unwrap_or_else(|| "—".into()),
            revoked: t.revoked_at_ms.is_some(),
        }
    }
}

/// The form's fields: `name`, `expires_on`, and one `scope:<code>` per
/// ticked box (the form decoder reads no repeated field).
type TokenForm = HashMap<String, String>;

/// The prefix of a scope's box.
const SCOPE_FIELD: &str = "scope:";

pub(crate) async fn list(v: Visit) -> Result<Response, Problem> {
    show(&v, None, Vec::new(), (String::new(), default_expiry(&v)), StatusCode::OK).await
}

pub(crate) async fn create(v: Visit, CsrfForm(form): CsrfForm<TokenForm>) -> Result<Response, Problem> {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let (name, expiry) = (field("name"), field("expires_on"));
    let mut scopes: Vec<String> = form.keys().filter_map(|k| k.strip_prefix(SCOPE_FIELD)).map(str::to_owned).collect();
    scopes.sort();
    let Ok(expires_on) = expiry.parse::<NaiveDate>() else {
        let errors = vec![FieldError { field: "expires_on".into(), rule: Message::new("acc-date") }];
        return show(&v, None, errors, (name, expiry), StatusCode::BAD_REQUEST).await;
    };
    let fields = TokenFields { name: &name, scopes: &scopes, expires_on };
    match api_tokens::create(&v.state, &v.user, v.now, &fields).await {
        Ok((_, secret)) => {
            show(&v, Some(secret), Vec::new(), (String::new(), default_expiry(&v)), StatusCode::CREATED).await
        }
        Err(e) if e.kind == ErrorKind::Rule => {
            show(&v, None, e.fields, (name, expiry), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(other) => Err(other.into()),
    }
}

pub(crate) async fn revoke(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> Result<Response, Problem> {
    api_tokens::revoke(&v.state, &v.user, v.now, &id).await?;
    Ok(Redirect::to("/organizzazione/token").into_response())
}

fn default_expiry(v: &Visit) -> String {
    (v.now.today + Days::new(90)).to_string()
}

async fn show(
    v: &Visit,
    secret: Option<String>,
    errors: Vec<FieldError>,
    (name, expires_on): (String, String),
    status: StatusCode,
) -> Result<Response, Problem> {
    let tokens = api_tokens::list(&v.state, &v.user).await?.into_iter().map(Row::from).collect();
    let kind = v.user.organisation.kind;
    let page = TokensPage {
        layout: v.page.layout("tokens-title", &[("/profilo", "account-title")]),
        csrf_token: v.user.csrf_token.clone(),
        tokens,
        scopes: Scope::ALL.iter().filter(|s| s.available_to(kind)).map(|s| s.code()).collect(),
        secret,
        errors,
        name,
        expires_on,
    };
    Ok((status, render(&page)).into_response())
}
