//! Key rotation: the provider's (one refetch on an unknown `kid`, no refetch storm) and the
//! relying party's (a retired encryption key on standby).

mod common;

use chrono::{Duration, Utc};
use cloudpa_identity::test_provider::{Misbehaviour, TestProvider};
use cloudpa_identity::{IdentityError, RelyingPartyClient, RpKeySet};
use common::{CLIENT_ID, REDIRECT_URI, config, login, rp_keys, setup, start_login};

#[tokio::test]
async fn after_a_rotation_the_relying_party_refetches_the_keys_once_and_still_verifies() {
    let setup = setup(Default::default()).await;
    login(&setup.client).await.expect("login before the rotation");
    assert_eq!(setup.provider.jwks_fetches(), 1);
    setup.provider.rotate_signing_key().expect("rotation");
    login(&setup.client).await.expect("login after the rotation");
    assert_eq!(setup.provider.jwks_fetches(), 2, "exactly one refetch");
    login(&setup.client).await.expect("a third login");
    assert_eq!(setup.provider.jwks_fetches(), 2, "the new key is kept");
}

#[tokio::test]
async fn unknown_key_ids_do_not_cause_a_refetch_storm() {
    let setup = setup(Default::default()).await;
    setup.provider.set_misbehaviour(Some(Misbehaviour::UnknownSigningKey));
    let now = Utc::now();
    for _ in 0..3 {
        let (callback, pending) = start_login(&setup.client).await;
        let error = setup.client.complete_login(&callback, &pending, now).await.expect_err("refused");
        assert!(matches!(error, IdentityError::BadSignature { .. }), "{error}");
    }
    assert_eq!(setup.provider.jwks_fetches(), 2, "the first fetch and one refetch");
    let (callback, pending) = start_login(&setup.client).await;
    let later = now + Duration::seconds(61);
    setup.client.complete_login(&callback, &pending, later).await.expect_err("still refused");
    assert_eq!(setup.provider.jwks_fetches(), 3, "a refetch is allowed again after the interval");
}

#[tokio::test]
async fn a_retired_encryption_key_on_standby_still_decrypts_until_removed() {
    let provider = TestProvider::start(Default::default()).await.expect("provider starts");
    let old = rp_keys();
    let old_client = RelyingPartyClient::new(config(provider.federation_settings())).expect("valid");
    // The provider still holds the old JWKS, as an OP with a cached entity configuration would.
    provider.register_client(CLIENT_ID, vec![REDIRECT_URI.into()], &old_client.public_jwks()).expect("registered");
    let fresh = RpKeySet::generate(2048).expect("keys");
    let mut rotated = config(provider.federation_settings());
    rotated.keys = RpKeySet { signing: old.signing, encryption: fresh.encryption, standby: vec![old.encryption] };
    let client = RelyingPartyClient::new(rotated.clone()).expect("valid");
    assert_eq!(client.public_jwks()["keys"].as_array().map(Vec::len), Some(3), "the standby key is published");
    login(&client).await.expect("the standby key decrypts");
    rotated.keys.standby.clear();
    let client = RelyingPartyClient::new(rotated).expect("valid");
    let error = login(&client).await.expect_err("without the old key nothing decrypts");
    assert!(matches!(error, IdentityError::Decryption(_)), "{error}");
}
