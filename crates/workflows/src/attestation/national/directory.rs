//! What the national forms stand on: a directory of synthetic suppliers,
//! the public ranges the catalogue's infrastructures announce, and the
//! random source, addresses and file ids the forms are drawn with.

use crate::Error;
use chrono::NaiveDate;
use cloudpa_domain::attestation::addresses::{NotPublic, Prefix, classify, within_any};
use cloudpa_domain::attestation::suppliers::check_supplier;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::vat::check_digit;
use cloudpa_store::attestation::batch_rows::PrefixRow;
use cloudpa_store::attestation::suppliers::Supplier;
use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// SplitMix64, as the store's synthetic data use: the same seed gives the
/// same rows everywhere.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True `per_mille` times in a thousand.
    pub(super) fn per_mille(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A file id as uploads have (64 hex digits, the form of a SHA-256):
    /// the national forms' documents are not stored as blobs.
    pub(super) fn file_id(&mut self) -> String {
        (0..4).map(|_| format!("{:016x}", self.next())).collect()
    }
}

const STEMS: [&str; 24] = [
    "Migra",
    "Cloudbridge",
    "Nubilia",
    "Transito Digitale",
    "Arcadia Sistemi",
    "Polis Informatica",
    "Municipia Tech",
    "Sinergie IT",
    "Aquila Servizi",
    "Meridiana Software",
    "Orizzonte Dati",
    "Ponte Digitale",
    "Civica Solutions",
    "Teknè",
    "Borgo Digitale",
    "Quadrante IT",
    "Vela Consulting",
    "Saturnia Reti",
    "Ermes Informatica",
    "Kairos Cloud",
    "Lumen PA",
    "Sestante Sistemi",
    "Fenice Digitale",
    "Iride Tecnologie",
];
const ACTIVITIES: [&str; 8] = [
    "Servizi Informatici",
    "Consulting",
    "Sistemi per la PA",
    "Migrazioni",
    "Tecnologie",
    "Cloud Services",
    "Informatica",
    "Soluzioni Digitali",
];
const FORMS: [&str; 4] = ["S.r.l.", "S.p.A.", "S.r.l. SB", "Soc. Coop."];

/// `count` suppliers with valid partite IVA (none of `taken`), each
/// checked by the directory's rule, their names marked as a demonstration.
pub(super) fn suppliers(rng: &mut Rng, count: usize, taken: &BTreeSet<String>) -> Result<Vec<Supplier>, Error> {
    let mut found = Vec::with_capacity(count);
    for n in 0..count {
        let mut digits: Vec<u32> =
            format!("{:07}", (n * 7919 + 1_000_003) % 10_000_000).bytes().map(|b| u32::from(b - b'0')).collect();
        let office = 1 + rng.below(100) as u32;
        digits.extend([office / 100, office / 10 % 10, office % 10]);
        digits.push(check_digit(&digits));
        let vat: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        if taken.contains(&vat) {
            continue;
        }
        let stem = STEMS[n % STEMS.len()];
        let name = format!("{stem} {} {} (demo)", ACTIVITIES[(n / STEMS.len()) % ACTIVITIES.len()], rng.pick(&FORMS));
        let slug: String = stem.to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect();
        let pec = format!("gare{n}@pec.{slug}.demo.cloudpa.it");
        let mepa = if rng.per_mille(900) { "si" } else { "no" };
        let fields =
            check_supplier(&vat, &name, &pec, mepa).map_err(|e| generator(format!("supplier {vat}: {e:?}")))?;
        found.push(Supplier {
            id: uuid_like(rng),
            vat_number: fields.vat_number,
            name: fields.name,
            pec: fields.pec,
            mepa_enabled: fields.mepa_enabled,
        });
    }
    Ok(found)
}

/// An id in the shape of a UUID (version 4 bits set), drawn from `rng`.
pub(super) fn uuid_like(rng: &mut Rng) -> String {
    let (a, b) = (rng.next(), rng.next());
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// First octets of IPv4 space RIPE NCC allocates to European networks
/// (IANA IPv4 Address Space registry): the synthetic ranges are drawn
/// inside them, so they look like a European provider's.
const RIPE_V4: [u8; 24] =
    [2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 93, 94, 95, 185];

/// A /22 and a /48 (in RIPE's 2a00::/12) for each infrastructure, from
/// `from` (its first listing's qualification): public, each checked with
/// the domain's `classify`, no two alike.
pub(super) fn ranges(rng: &mut Rng, infrastructures: &[(String, NaiveDate)]) -> Result<Vec<PrefixRow>, Error> {
    let mut seen = BTreeSet::new();
    let mut rows = Vec::with_capacity(infrastructures.len() * 2);
    for (id, from) in infrastructures {
        for v6 in [false, true] {
            let prefix = loop {
                let text = if v6 {
                    format!("2a0{:x}:{:x}:{:x}::/48", rng.below(16), 0x100 + rng.below(0xfe00), rng.below(0x10000))
                } else {
                    let (a, b, c) = (*rng.pick(&RIPE_V4), rng.below(256), rng.below(64) * 4);
                    format!("{a}.{b}.{c}.0/22")
                };
                let prefix: Prefix = text.parse().map_err(|e| generator(format!("range {text}: {e}")))?;
                if classify(prefix.network()).is_ok() && seen.insert(prefix.to_string()) {
                    break prefix;
                }
            };
            rows.push(PrefixRow { infrastructure_id: id.clone(), prefix: prefix.to_string(), valid_from: *from });
        }
    }
    Ok(rows)
}

/// An address inside `prefix` (not its first or last).
pub(super) fn address_in(rng: &mut Rng, prefix: &Prefix) -> IpAddr {
    let host_bits = if prefix.network().is_ipv4() { 32 } else { 128 } - u32::from(prefix.len());
    let span = 1u128.checked_shl(host_bits.min(32)).unwrap_or(u128::MAX);
    let host = 1 + (rng.next() as u128) % span.saturating_sub(2).max(1);
    match prefix.network() {
        IpAddr::V4(n) => IpAddr::V4(Ipv4Addr::from_bits(n.to_bits() | host as u32)),
        IpAddr::V6(n) => IpAddr::V6(Ipv6Addr::from_bits(n.to_bits() | host)),
    }
}

/// A public address inside one of `ranges`.
pub(super) fn public_address(rng: &mut Rng, ranges: &[Prefix]) -> Option<IpAddr> {
    let v4: Vec<&Prefix> = ranges.iter().filter(|p| p.network().is_ipv4()).collect();
    let pool: Vec<&Prefix> = if rng.per_mille(850) && !v4.is_empty() { v4 } else { ranges.iter().collect() };
    let prefix = *pool.get(rng.below(pool.len()))?;
    Some(address_in(rng, prefix))
}

/// A private (RFC 1918) or shared CGNAT (RFC 6598) address, as an ente
/// copies from its own network by mistake.
pub(super) fn private_address(rng: &mut Rng) -> Result<IpAddr, Error> {
    let (a, b) = match rng.below(4) {
        0 => (10, rng.below(256)),
        1 => (172, 16 + rng.below(16)),
        2 => (192, 168),
        _ => (100, 64 + rng.below(64)),
    };
    let ip = IpAddr::V4(Ipv4Addr::new(a, b as u8, rng.below(256) as u8, 1 + rng.below(254) as u8));
    match classify(ip) {
        Err(NotPublic::Private | NotPublic::SharedCgnat) => Ok(ip),
        other => Err(generator(format!("{ip} should be private or CGNAT, is {other:?}"))),
    }
}

/// A public address of another infrastructure's `ranges`, outside `own`.
pub(super) fn foreign_address(rng: &mut Rng, all: &[Prefix], own: &[Prefix]) -> Option<IpAddr> {
    let others: Vec<&Prefix> = all.iter().filter(|p| !own.contains(p)).collect();
    (0..20).find_map(|_| {
        let prefix = others.get(rng.below(others.len()))?;
        let ip = address_in(rng, prefix);
        (classify(ip).is_ok() && !within_any(ip, own)).then_some(ip)
    })
}

/// A bug of the generator: what it drew broke a rule it should keep.
pub(super) fn generator(what: String) -> Error {
    Error::new(crate::ErrorKind::Internal).detail(Message::new("att-national-generator").arg("what", what))
}
