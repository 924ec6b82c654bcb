//! The HTTP client towards the provider: rustls, a timeout on every call, no redirects, and a
//! cap on the size of what is read.

use crate::error::IdentityError;
use reqwest::header::ACCEPT;
use std::time::Duration;

/// The largest answer read from a provider.
const MAX_BODY_BYTES: usize = 512 * 1024;

/// A provider's answer, read in full.
pub(crate) struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as text (lossy), for tokens and compact serialisations.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).trim().to_owned()
    }
}

/// The client used for every call to the provider.
#[derive(Clone)]
pub(crate) struct Http {
    client: reqwest::Client,
}

impl Http {
    /// A client whose every call times out after `timeout`.
    pub fn new(timeout: Duration) -> Result<Self, IdentityError> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| IdentityError::Config(format!("HTTP client: {err}")))?;
        Ok(Self { client })
    }

    /// GET `url`, with a bearer token when given.
    pub async fn get(&self, url: &str, endpoint: &'static str, bearer: Option<&str>) -> Result<Answer, IdentityError> {
        let mut request = self.client.get(url).header(ACCEPT, "application/json, application/jwt, */*");
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        read(request.send().await, endpoint).await
    }

    /// POST an `application/x-www-form-urlencoded` body to `url`.
    pub async fn post_form(
        &self,
        url: &str,
        endpoint: &'static str,
        form: &[(&str, &str)],
    ) -> Result<Answer, IdentityError> {
        read(self.client.post(url).header(ACCEPT, "application/json").form(form).send().await, endpoint).await
    }
}

async fn read(sent: reqwest::Result<reqwest::Response>, endpoint: &'static str) -> Result<Answer, IdentityError> {
    let failed = |reason: String| IdentityError::Http { endpoint, reason };
    let mut response = sent.map_err(|err| failed(err.to_string()))?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|err| failed(err.to_string()))? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(failed(format!("answer larger than {MAX_BODY_BYTES} bytes")));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer { status, body })
}
