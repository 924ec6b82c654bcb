//! Hostile input (issue 13, item 5): the parsers of what an OpenID provider
//! (or whoever answers in its place) sends, fed random and near-genuine
//! tokens, answers and documents for `FUZZ_SECONDS` seconds (see
//! `crates/domain/tests/common/fuzz.rs`), through `cloudpa_identity::fuzzing`.
//! The contract: never a panic, always an `IdentityError`; what is accepted
//! is genuine (signed or encrypted with the right key, unaltered) and meets
//! every rule.

#[path = "../../domain/tests/common/fuzz.rs"]
mod fuzz;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cloudpa_identity::fuzzing::{self, ExpectedIdToken};
use cloudpa_identity::{AcrLevel, IdentityError, RpKeySet};
use fuzz::{fuzz, mutated, near, text};
use josekit::jwe::{self, JweHeader};
use josekit::jwk::Jwk;
use josekit::jws::{self, JwsHeader};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

const ISSUER: &str = "https://op.example";
const CLIENT: &str = "https://rp.example";
const NOW: i64 = 1_750_000_000;

/// A private RSA key (2048 bits) and its public half, made once.
fn keys() -> &'static (Jwk, Jwk) {
    static KEYS: OnceLock<(Jwk, Jwk)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut map = RpKeySet::generate(2048).expect("keys").signing.0;
        // Neither `alg` nor `use`: the one key signs and decrypts in these tests.
        map.remove("alg");
        map.remove("use");
        let private = Jwk::from_map(map).expect("jwk");
        let mut public = private.to_public_key().expect("public");
        if let Some(kid) = private.key_id() {
            public.set_key_id(kid);
        }
        (private, public)
    })
}

fn kid() -> String {
    keys().0.key_id().expect("generated keys have a kid").to_owned()
}

/// JSON values, deep enough to reach every branch of a claim check.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        select(vec![i64::MIN, i64::MAX, NOW, NOW - 1, NOW + 1, 0, -1]).prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN", |f| f.is_finite()).prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A value for claim `name`: mostly one that a check compares against
/// (right, wrong, of the wrong type, at the limits), else anything.
fn claim(name: &'static str) -> BoxedStrategy<Value> {
    let specific: BoxedStrategy<Value> = match name {
        "iss" | "sub" => select(vec![json!(ISSUER), json!("https://other.example"), json!(""), json!(1)]).boxed(),
        "aud" => select(vec![
            json!(CLIENT),
            json!([CLIENT]),
            json!([CLIENT, "https://other.example"]),
            json!(["https://other.example"]),
            json!([1, CLIENT]),
            json!({}),
        ])
        .boxed(),
        "azp" => select(vec![json!(CLIENT), json!("x")]).boxed(),
        "exp" | "iat" => prop_oneof![
            (-100_000i64..100_000).prop_map(|d| json!(NOW + d)),
            select(vec![json!(i64::MAX), json!(i64::MIN), json!(u64::MAX), json!(1.5e300), json!("1750000000")]),
        ]
        .boxed(),
        "nonce" => select(vec![json!("n-0S6_WzA2Mj"), json!("n-0S6_WzA2Mk"), json!(""), json!(null)]).boxed(),
        "acr" => select(
            AcrLevel::ALL.iter().map(|a| json!(a.as_str())).chain([json!("SpidL2"), json!("")]).collect::<Vec<_>>(),
        )
        .boxed(),
        "at_hash" => select(vec![json!(fuzzing_at_hash()), json!("x"), json!(7)]).boxed(),
        _ => json_value().boxed(),
    };
    prop_oneof![5 => specific, 1 => json_value()].boxed()
}

fn fuzzing_at_hash() -> String {
    cloudpa_identity::access_token_hash("access-token", "RS256")
}

/// Claims: each of `names` present or not, plus a random member.
fn claims(names: &'static [&'static str]) -> BoxedStrategy<Map<String, Value>> {
    let members: Vec<_> =
        names.iter().map(|&n| proptest::option::weighted(0.85, claim(n)).prop_map(move |v| (n, v))).collect();
    (members, proptest::option::of(("[a-z]{1,5}", json_value())))
        .prop_map(|(members, extra)| {
            let mut map: Map<String, Value> =
                members.into_iter().filter_map(|(n, v)| v.map(|v| (n.to_owned(), v))).collect();
            if let Some((k, v)) = extra {
                map.insert(k, v);
            }
            map
        })
        .boxed()
}

/// A JOSE header: an algorithm (allowed or not), maybe a kid and a type.
fn jose_header(algs: Vec<&'static str>) -> impl Strategy<Value = Map<String, Value>> {
    (
        select(algs),
        proptest::option::of(prop_oneof![Just(kid()), "[a-z]{1,4}".boxed()]),
        proptest::option::of(select(vec!["JWT", "entity-statement+jwt", "x"])),
        proptest::option::of(("[a-z]{1,4}", json_value())),
    )
        .prop_map(|(alg, kid, typ, extra)| {
            let mut h = Map::new();
            if alg != "-" {
                h.insert("alg".into(), json!(alg));
            }
            if let Some(kid) = kid {
                h.insert("kid".into(), json!(kid));
            }
            if let Some(typ) = typ {
                h.insert("typ".into(), json!(typ));
            }
            if let Some((k, v)) = extra {
                h.insert(k, v);
            }
            h
        })
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A segment of a compact serialisation: base64url of random bytes or
/// JSON, or not base64url at all.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(any::<u8>(), 0..300).prop_map(|b| b64(&b)),
        2 => json_value().prop_map(|v| b64(v.to_string().as_bytes())),
        1 => "[A-Za-z0-9_=+/-]{0,40}",
        1 => text(),
    ]
}

/// Signs `claims` with the test key, under `header` (RS256 whatever its `alg` says).
fn signed(claims: &Map<String, Value>, kid: Option<&str>, typ: &str) -> String {
    let mut header = JwsHeader::new();
    header.set_algorithm("RS256");
    if let Some(kid) = kid {
        header.set_key_id(kid);
    }
    header.set_token_type(typ);
    let signer = jws::RS256.signer_from_jwk(&keys().0).expect("signer");
    jws::serialize_compact(&serde_json::to_vec(claims).expect("json"), &header, &signer).expect("signs")
}

/// A JWS-shaped text and, when it is the genuine signature of claims, those claims.
fn jws_text() -> impl Strategy<Value = (String, Option<Map<String, Value>>)> {
    let algs = vec!["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "none", "HS256", "RSA-OAEP", "-", ""];
    let forged = (jose_header(algs), segment(), segment()).prop_map(|(h, payload, sig)| {
        (format!("{}.{payload}.{sig}", b64(Value::Object(h).to_string().as_bytes())), None)
    });
    let genuine = claims(&["iss", "sub", "aud", "exp"])
        .prop_map(|c| {
            // The claims as serde_json reads them back (its float parsing is not exact).
            let read = serde_json::from_slice(&serde_json::to_vec(&c).expect("json")).expect("json");
            (signed(&c, Some(&kid()), "JWT"), Some(read))
        })
        .boxed();
    let altered = genuine
        .clone()
        .prop_flat_map(|(token, _)| mutated(token.into_bytes(), 3))
        .prop_map(|b| (String::from_utf8_lossy(&b).into_owned(), None));
    prop_oneof![3 => forged, 2 => genuine, 3 => altered, 1 => text().prop_map(|t| (t, None))]
}

#[test]
fn jws_tokens() {
    fuzz("jws_tokens", jws_text(), |(token, genuine)| {
        let _ = fuzzing::peek_header(&token);
        for key in [&keys().0, &keys().1] {
            match (fuzzing::verify_jws(&token, key), &genuine) {
                (Ok(claims), Some(signed)) => prop_assert_eq!(&claims, signed),
                (Ok(claims), None) => {
                    // A mutation that left the token intact (a no-op edit) is still genuine.
                    prop_assert!(token.split('.').count() == 3, "accepted a forged token: {:?}", claims);
                }
                (Err(e), Some(_)) => prop_assert!(false, "refused a genuine token: {e}"),
                (Err(e), None) => {
                    let expected = matches!(e, IdentityError::Malformed { .. } | IdentityError::BadSignature { .. });
                    prop_assert!(expected, "{e}");
                }
            }
        }
        Ok(())
    });
}

fn encrypted(payload: &[u8], alg: &str, enc: &str) -> String {
    let mut header = JweHeader::new();
    header.set_content_encryption(enc);
    header.set_key_id(kid());
    let public = &keys().1;
    match alg {
        "RSA-OAEP" => jwe::serialize_compact(payload, &header, &jwe::RSA_OAEP.encrypter_from_jwk(public).expect("enc")),
        _ => jwe::serialize_compact(payload, &header, &jwe::RSA_OAEP_256.encrypter_from_jwk(public).expect("enc")),
    }
    .expect("encrypts")
}

#[test]
fn userinfo_answers() {
    let algs = vec!["RSA-OAEP-256", "RSA-OAEP", "RSA1_5", "dir", "-"];
    let encs = select(vec!["A256CBC-HS512", "A128CBC-HS256", "A256GCM", "A128GCM", "A192GCM", ""]);
    let forged = (jose_header(algs), encs.clone(), any::<bool>(), proptest::collection::vec(segment(), 4)).prop_map(
        |(mut h, enc, zip, parts)| {
            h.insert("enc".into(), json!(enc));
            if zip {
                h.insert("zip".into(), json!("DEF"));
            }
            (format!("{}.{}", b64(Value::Object(h).to_string().as_bytes()), parts.join(".")), None)
        },
    );
    let genuine = (
        proptest::collection::vec(any::<u8>(), 0..200),
        select(vec!["RSA-OAEP-256", "RSA-OAEP"]),
        select(vec!["A256CBC-HS512", "A128CBC-HS256", "A256GCM", "A128GCM"]),
    )
        .prop_map(|(payload, alg, enc)| (encrypted(&payload, alg, enc), Some(payload)))
        .boxed();
    let altered = genuine
        .clone()
        .prop_flat_map(|(token, _)| mutated(token.into_bytes(), 3))
        .prop_map(|b| (String::from_utf8_lossy(&b).into_owned(), None));
    let jwe = prop_oneof![3 => forged, 2 => genuine, 3 => altered];
    let body = prop_oneof![
        3 => jwe.clone().prop_map(|(t, p)| (t.into_bytes(), p)),
        1 => jws_text().prop_map(|(t, _)| (t.into_bytes(), None)),
        1 => json_value().prop_map(|v| (v.to_string().into_bytes(), None)),
        1 => proptest::collection::vec(any::<u8>(), 0..100).prop_map(|b| (b, None)),
    ];
    let status = prop_oneof![8 => Just(200u16), 1 => any::<u16>()];
    fuzz("userinfo_answers", (status, body), |(status, (body, payload))| {
        let shape = fuzzing::classify_userinfo(status, body.clone());
        if status != 200 {
            let refused = matches!(shape, Err(IdentityError::Http { .. }));
            prop_assert!(refused, "status {status}");
            return Ok(());
        }
        let text = String::from_utf8_lossy(&body).trim().to_owned();
        match shape {
            Ok("encrypted") => {
                let decrypted = fuzzing::decrypt_jwe(&text, &keys().0);
                match (&decrypted, &payload) {
                    (Ok(d), Some(p)) => prop_assert_eq!(d, p),
                    (Err(e), Some(_)) => prop_assert!(false, "refused a genuine answer: {e}"),
                    (Ok(_), None) => {} // an edit that changed nothing, or only the undecoded JSON spacing
                    (Err(e), None) => {
                        let expected = matches!(
                            e,
                            IdentityError::Decryption(_) | IdentityError::Malformed { .. } | IdentityError::Key(_)
                        );
                        prop_assert!(expected, "{e}");
                    }
                }
            }
            Ok(kind) => prop_assert!(["plain", "signed"].contains(&kind)),
            Err(e) => {
                let malformed = matches!(e, IdentityError::Malformed { .. });
                prop_assert!(malformed, "{e}");
            }
        }
        Ok(())
    });
}

#[test]
fn id_token_and_identity_claims() {
    let names: &'static [&'static str] = &["iss", "aud", "azp", "exp", "iat", "nonce", "acr", "at_hash", "sub"];
    let fiscal = prop_oneof![
        Just("RSSMRA85T10A562S".to_owned()),
        Just("TINIT-RSSMRA85T10A562S".to_owned()),
        Just("RSSMRA85T10A562S".to_owned()).prop_flat_map(near),
        text(),
    ];
    let person = (proptest::option::of(fiscal), proptest::option::of(json_value()), any::<bool>());
    let input = (
        claims(names),
        select(AcrLevel::ALL.to_vec()),
        select(vec!["RS256", "RS384", "PS512", ""]),
        prop_oneof![4 => Just(30i64), 1 => select(vec![0, i64::MAX, i64::MIN, -1])],
        prop_oneof![4 => Just(NOW), 1 => select(vec![i64::MAX, i64::MIN, 0])],
        person,
    );
    fuzz("id_token_and_identity_claims", input, |(claims, floor, alg, leeway, now, (fiscal, other, in_userinfo))| {
        let expected = ExpectedIdToken {
            issuer: ISSUER,
            client_id: CLIENT,
            nonce: "n-0S6_WzA2Mj",
            acr_floor: floor,
            access_token: "access-token",
            alg,
            now,
            leeway,
        };
        let _ = fuzzing::check_userinfo_claims(&claims, CLIENT, now, leeway);
        if let Ok((sub, acr)) = fuzzing::check_id_token(claims.clone(), &expected) {
            let text = |n: &str| claims.get(n).and_then(Value::as_str);
            prop_assert_eq!(text("iss"), Some(ISSUER));
            prop_assert_eq!(text("nonce"), Some("n-0S6_WzA2Mj"));
            prop_assert!(acr.satisfies(floor) && !sub.is_empty() && text("sub") == Some(sub.as_str()));
            let exp = claims.get("exp").and_then(Value::as_i64);
            prop_assert!(exp.is_some_and(|exp| now <= exp.saturating_add(leeway)));
            let mut person = Map::new();
            if let Some(fiscal) = &fiscal {
                person.insert("https://attributes.eid.gov.it/fiscal_number".into(), json!(fiscal));
            }
            if let Some(other) = other {
                person.insert("given_name".into(), other);
            }
            let (userinfo, id_claims) = if in_userinfo { (person, claims.clone()) } else { (Map::new(), person) };
            match fuzzing::identity_from_claims(ISSUER, sub, acr, &userinfo, &id_claims) {
                Ok(identity) => prop_assert!(fiscal.is_some() && identity.fiscal_code.as_str().len() == 16),
                Err(e) => {
                    let expected = matches!(e, IdentityError::MissingClaim(_) | IdentityError::InvalidFiscalCode(_));
                    prop_assert!(expected, "{e}");
                }
            }
        }
        Ok(())
    });
}

#[test]
fn provider_metadata() {
    let op = || {
        (
            proptest::option::of(select(vec![json!(ISSUER), json!("https://evil.example"), json!(3)])),
            proptest::collection::vec(
                proptest::option::of(select(vec![json!("https://op.example/x"), json!(1), json!(null)])),
                3,
            ),
            proptest::option::of(prop_oneof![Just(json!("https://op.example/jwks")), json_value()]),
            proptest::option::of(prop_oneof![jwks().prop_map(|k| json!({ "keys": k })), json_value()]),
        )
            .prop_map(|(issuer, endpoints, jwks_uri, jwks)| {
                let mut m = Map::new();
                if let Some(i) = issuer {
                    m.insert("issuer".into(), i);
                }
                for (name, value) in
                    ["authorization_endpoint", "token_endpoint", "userinfo_endpoint"].into_iter().zip(endpoints)
                {
                    if let Some(v) = value {
                        m.insert(name.into(), v);
                    }
                }
                if let Some(v) = jwks_uri {
                    m.insert("jwks_uri".into(), v);
                }
                if let Some(v) = jwks {
                    m.insert("jwks".into(), v);
                }
                m
            })
    };
    let statement = (
        claims(&["iss", "sub", "exp", "iat"]),
        prop::bool::weighted(0.8),
        op(),
        prop_oneof![4 => Just("entity-statement+jwt"), 1 => Just("JWT")],
        prop::bool::weighted(0.8),
    )
        .prop_map(|(mut c, own, op, typ, right_kid)| {
            if own {
                c.insert("iss".into(), json!(ISSUER));
                c.insert("sub".into(), json!(ISSUER));
            }
            c.insert("metadata".into(), json!({ "openid_provider": op }));
            let kid = if right_kid { kid() } else { "other".to_owned() };
            signed(&c, Some(&kid), typ)
        })
        .boxed();
    let statement = prop_oneof![
        3 => statement.clone(),
        2 => statement.prop_flat_map(|t| mutated(t.into_bytes(), 3)).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => jws_text().prop_map(|(t, _)| t),
    ];
    let discovery = prop_oneof![
        3 => op().prop_map(|m| Value::Object(m).to_string().into_bytes()),
        1 => op().prop_flat_map(|m| mutated(Value::Object(m).to_string().into_bytes(), 4)),
    ];
    let input =
        (statement, discovery, prop_oneof![3 => Just(30i64), 1 => select(vec![0, i64::MAX, 3600])], jwks(), jws_text());
    fuzz("provider_metadata", input, |(statement, discovery, leeway, keys_json, (token, _))| {
        let trusted = [keys().1.clone()];
        if let Ok(m) = fuzzing::entity_configuration(&statement, ISSUER, &trusted, NOW, leeway) {
            prop_assert_eq!(m.issuer.as_str(), ISSUER);
            prop_assert!(m.jwks.is_some() || m.jwks_uri.is_some());
        }
        if let Ok(m) = fuzzing::discovery(&discovery, ISSUER) {
            prop_assert_eq!(m.issuer.as_str(), ISSUER);
        }
        // Keys a provider publishes, then used to verify a token.
        if let Ok(found) = fuzzing::signing_keys(&json!({ "keys": keys_json })) {
            prop_assert!(!found.is_empty());
            for key in &found {
                let _ = fuzzing::verify_jws(&token, key);
            }
        }
        Ok(())
    });
}

/// A JWKS `keys` array: the real public key, RSA members of random bytes,
/// keys of other types or uses, junk.
fn jwks() -> impl Strategy<Value = Value> {
    let real = Value::Object(keys().1.as_ref().clone());
    let member = prop_oneof![
        2 => proptest::collection::vec(any::<u8>(), 0..300).prop_map(|b| json!(b64(&b))),
        1 => Just(json!("AQAB")),
        1 => Just(json!("")),
        1 => json_value(),
    ];
    let rsa = (
        member.clone(),
        member,
        proptest::option::of(select(vec!["sig", "enc", ""])),
        select(vec!["RSA", "EC", "oct"]),
    )
        .prop_map(|(n, e, key_use, kty)| {
            let mut k = json!({ "kty": kty, "n": n, "e": e });
            if let Some(u) = key_use {
                k["use"] = json!(u);
            }
            k
        });
    let key = prop_oneof![2 => Just(real), 3 => rsa, 1 => json_value()];
    proptest::collection::vec(key, 0..4).prop_map(Value::Array)
}

#[test]
fn token_responses() {
    let value = || {
        prop_oneof![
            Just(json!("eyJ.a.b")),
            Just(json!("Bearer")),
            Just(json!("bearer")),
            Just(json!("BEARER")),
            Just(json!("MAC")),
            json_value()
        ]
    };
    let body = (
        proptest::collection::vec(proptest::option::of(value()), 5),
        proptest::option::of(("[a-z_]{1,8}", json_value())),
    )
        .prop_map(|(values, extra)| {
            let mut m = Map::new();
            for (name, v) in
                ["access_token", "id_token", "token_type", "error", "error_description"].into_iter().zip(values)
            {
                if let Some(v) = v {
                    m.insert(name.into(), v);
                }
            }
            if let Some((k, v)) = extra {
                m.insert(k, v);
            }
            Value::Object(m).to_string().into_bytes()
        })
        .boxed();
    let body = prop_oneof![4 => body.clone(), 1 => body.prop_flat_map(|b| mutated(b, 4)), 1 => proptest::collection::vec(any::<u8>(), 0..64)];
    let status = prop_oneof![4 => Just(200u16), 1 => select(vec![400u16, 401, 500, 0, u16::MAX])];
    fuzz("token_responses", (status, body), |(status, body)| {
        match fuzzing::token_response(status, body.clone()) {
            Ok(_) => {
                prop_assert_eq!(status, 200);
                // serde_json skips the strings of fields it ignores without decoding their escapes,
                // so an accepted answer may hold a lone surrogate (`\ud800`) where nothing reads it:
                // it is JSON to the reader's standard, and its token type is checked when whole.
                prop_assert!(serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_ok(), "accepted JSON");
                if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                    prop_assert!(v["token_type"].as_str().is_some_and(|t| t.eq_ignore_ascii_case("bearer")));
                }
            }
            Err(IdentityError::CodeRefused { .. }) => prop_assert_ne!(status, 200),
            Err(e) => {
                let malformed = matches!(e, IdentityError::Malformed { .. });
                prop_assert!(status == 200 && malformed, "{e}");
            }
        }
        Ok(())
    });
}

// Regression tests: the minimal inputs the targets above found.

/// An entity configuration whose `exp` is the largest integer overflowed
/// `exp + leeway` (a panic in a debug build, "expired" after wrapping in a
/// release one).
#[test]
fn an_entity_configuration_that_never_expires_does_not_overflow() {
    let op = json!({
        "authorization_endpoint": "https://op.example/a",
        "token_endpoint": "https://op.example/t",
        "userinfo_endpoint": "https://op.example/u",
        "jwks_uri": "https://op.example/jwks",
    });
    let claims = json!({ "iss": ISSUER, "sub": ISSUER, "exp": i64::MAX, "metadata": { "openid_provider": op } });
    let jwt = signed(claims.as_object().expect("object"), Some(&kid()), "entity-statement+jwt");
    let read = fuzzing::entity_configuration(&jwt, ISSUER, &[keys().1.clone()], NOW, 30);
    assert_eq!(read.map(|m| m.issuer).map_err(|e| e.to_string()).as_deref(), Ok(ISSUER));
}

/// A userinfo JWE whose initialisation vector is shorter than its cipher's
/// made the openssl crate panic (`assertion failed: iv_len <= iv.len()`)
/// under josekit; a GCM one with a short IV is refused alike.
#[test]
fn a_jwe_with_a_short_initialisation_vector_is_refused() {
    for enc in ["A128CBC-HS256", "A256CBC-HS512", "A256GCM"] {
        let token = encrypted(b"a.b.c", "RSA-OAEP-256", enc);
        assert_eq!(fuzzing::decrypt_jwe(&token, &keys().0).expect("genuine"), b"a.b.c");
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        for iv in [b64(&[7; 8]), String::new(), b64(&[7; 17])] {
            parts[2] = iv;
            let error = fuzzing::decrypt_jwe(&parts.join("."), &keys().0).expect_err("refused");
            assert!(matches!(error, IdentityError::Decryption(_)), "{enc}: {error}");
        }
    }
}

#[test]
fn an_answer_with_a_lone_surrogate_in_a_field_nobody_reads_is_accepted() {
    // Found by the hostile-input run of CI: the reader skips unread fields undecoded.
    let body = br#"{"access_token":"a","token_type":"Bearer","id_token":"x.y.z","note":"\ud800"}"#.to_vec();
    assert!(serde_json::from_slice::<Value>(&body).is_err(), "not whole JSON to a strict reader");
    assert!(fuzzing::token_response(200, body).is_ok());
}
