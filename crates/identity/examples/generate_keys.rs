//! Prints a fresh relying-party key set (signing + encryption, RSA 3072) as JSON.
//!
//! `cargo run -p cloudpa-identity --example generate_keys > rp-keys.json`, then store the file
//! as a secret and reference it from the `keys` section of the identity configuration.

fn main() -> Result<(), cloudpa_identity::IdentityError> {
    println!("{}", cloudpa_identity::generate_key_set_json()?);
    Ok(())
}
