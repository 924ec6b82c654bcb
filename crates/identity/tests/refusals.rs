//! Each refusal of the relying party, provoked by a test provider that breaks one rule.

mod common;

use chrono::{Duration, Utc};
use cloudpa_identity::test_provider::{Misbehaviour, TestProviderOptions};
use cloudpa_identity::{Callback, IdentityError};
use common::{login, setup, setup_with, start_login};

fn misbehaving(misbehaviour: Misbehaviour) -> TestProviderOptions {
    TestProviderOptions { misbehaviour: Some(misbehaviour), ..Default::default() }
}

async fn refusal(misbehaviour: Misbehaviour) -> IdentityError {
    let setup = setup(misbehaving(misbehaviour)).await;
    login(&setup.client).await.expect_err("the login must be refused")
}

#[tokio::test]
async fn an_id_token_with_another_nonce_is_refused() {
    assert!(matches!(refusal(Misbehaviour::WrongNonce).await, IdentityError::NonceMismatch));
}

#[tokio::test]
async fn an_expired_id_token_is_refused() {
    assert!(matches!(refusal(Misbehaviour::ExpiredIdToken).await, IdentityError::Expired("ID token")));
}

#[tokio::test]
async fn an_id_token_signed_with_an_unpublished_key_is_refused() {
    let error = refusal(Misbehaviour::UnknownSigningKey).await;
    assert!(matches!(error, IdentityError::BadSignature { what: "ID token", .. }), "{error}");
}

#[tokio::test]
async fn an_id_token_for_another_audience_is_refused() {
    assert!(matches!(refusal(Misbehaviour::WrongAudience).await, IdentityError::WrongAudience("ID token")));
}

#[tokio::test]
async fn an_id_token_from_another_issuer_is_refused() {
    assert!(matches!(refusal(Misbehaviour::WrongIssuer).await, IdentityError::WrongIssuer("ID token")));
}

#[tokio::test]
async fn a_lower_level_than_asked_is_refused() {
    let error = refusal(Misbehaviour::LowerAcr).await;
    let IdentityError::InsufficientAcr { requested, received } = error else { panic!("{error}") };
    assert_eq!(requested, "https://www.spid.gov.it/SpidL2");
    assert_eq!(received, "https://www.spid.gov.it/SpidL1");
}

#[tokio::test]
async fn a_plain_json_userinfo_is_refused_when_encryption_is_required() {
    assert!(matches!(refusal(Misbehaviour::UnencryptedUserinfo).await, IdentityError::UnencryptedUserinfo));
}

#[tokio::test]
async fn a_signed_but_unencrypted_userinfo_is_refused_when_encryption_is_required() {
    assert!(matches!(refusal(Misbehaviour::SignedOnlyUserinfo).await, IdentityError::UnencryptedUserinfo));
}

#[tokio::test]
async fn a_plain_userinfo_is_accepted_when_encryption_is_not_required() {
    let options = misbehaving(Misbehaviour::UnencryptedUserinfo);
    let setup = setup_with(options, |rp| rp.require_encrypted_userinfo = false).await;
    let identity = login(&setup.client).await.expect("login succeeds");
    assert_eq!(identity.fiscal_code.as_str(), "RSSMRA80A01H501U");
}

#[tokio::test]
async fn a_replayed_code_is_refused_by_the_provider() {
    let setup = setup(Default::default()).await;
    let (callback, pending) = start_login(&setup.client).await;
    setup.client.complete_login(&callback, &pending, Utc::now()).await.expect("first use succeeds");
    let error = setup.client.complete_login(&callback, &pending, Utc::now()).await.expect_err("replay refused");
    let IdentityError::CodeRefused { error, .. } = error else { panic!("{error}") };
    assert_eq!(error, "invalid_grant");
}

#[tokio::test]
async fn a_callback_with_another_state_is_refused() {
    let setup = setup(Default::default()).await;
    let (callback, pending) = start_login(&setup.client).await;
    let forged = Callback { state: Some("another-login".into()), ..callback };
    let error = setup.client.complete_login(&forged, &pending, Utc::now()).await.expect_err("refused");
    assert!(matches!(error, IdentityError::StateMismatch));
}

#[tokio::test]
async fn a_callback_naming_another_issuer_is_refused() {
    let setup = setup(Default::default()).await;
    let (callback, pending) = start_login(&setup.client).await;
    let mixed_up = Callback { iss: Some("https://other-provider.example".into()), ..callback };
    let error = setup.client.complete_login(&mixed_up, &pending, Utc::now()).await.expect_err("refused");
    assert!(matches!(error, IdentityError::WrongIssuer("authorization response")));
}

#[tokio::test]
async fn a_login_left_pending_too_long_is_refused() {
    let setup = setup(Default::default()).await;
    let (callback, pending) = start_login(&setup.client).await;
    let later = Utc::now() + Duration::minutes(11);
    let error = setup.client.complete_login(&callback, &pending, later).await.expect_err("refused");
    assert!(matches!(error, IdentityError::PendingLoginExpired));
}

#[tokio::test]
async fn an_error_from_the_provider_is_reported_as_denied() {
    let setup = setup(Default::default()).await;
    let (callback, pending) = start_login(&setup.client).await;
    let denied = Callback {
        error: Some("access_denied".into()),
        error_description: Some("the user cancelled".into()),
        ..callback
    };
    let error = setup.client.complete_login(&denied, &pending, Utc::now()).await.expect_err("refused");
    assert!(matches!(error, IdentityError::AuthorizationDenied { .. }), "{error}");
}
