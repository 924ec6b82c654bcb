//! Public IP addresses and the prefixes a provider announces for its
//! infrastructure, for the pre-checks of the asseverazione (DOMAIN.md §4: the
//! list of all public IPs of a migrated service, which must be the ente's
//! service on the qualified provider).
//!
//! An address is public when it is globally routable unicast: in no block of
//! the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890, as
//! updated by RFC 8190) that is not globally reachable, not multicast, and,
//! for IPv6, inside 2000::/3, the only space IANA allocates for global
//! unicast (IANA IPv6 Address Space registry, RFC 4291 §2.4). The blocks are
//! one table per family, written as the registries write them; the longest
//! block that holds an address decides, as in routing, so the order of the
//! rows does not matter.

use crate::message::Message;
use serde::{Serialize, Serializer};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::str::FromStr;

/// Why an address cannot be the public address of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotPublic {
    /// 0.0.0.0 or :: (RFC 1122 §3.2.1.3, RFC 4291 §2.5.2).
    Unspecified,
    /// 0.0.0.0/8, "this network" (RFC 791).
    ThisNetwork,
    /// 10/8, 172.16/12, 192.168/16 (RFC 1918).
    Private,
    /// 100.64/10, shared address space for carrier-grade NAT (RFC 6598).
    SharedCgnat,
    /// 127/8 and ::1 (RFC 1122, RFC 4291).
    Loopback,
    /// 169.254/16 and fe80::/10 (RFC 3927, RFC 4291).
    LinkLocal,
    /// TEST-NET-1/2/3 (RFC 5737), 2001:db8::/32 (RFC 3849), 3fff::/20 (RFC 9637).
    Documentation,
    /// 198.18/15, for benchmarking network devices (RFC 2544).
    Benchmarking,
    /// 224/4 (RFC 5771) and ff00::/8 (RFC 4291).
    Multicast,
    /// 255.255.255.255, limited broadcast (RFC 919, RFC 8190).
    Broadcast,
    /// Set aside by IANA: not assignable to a service.
    Reserved,
    /// fc00::/7, IPv6 unique local addresses (RFC 4193).
    UniqueLocal,
    /// 6to4 (2002::/16, RFC 3056) and local-use NAT64 (64:ff9b:1::/48, RFC 8215).
    Translation,
}

impl NotPublic {
    pub fn code(self) -> &'static str {
        match self {
            NotPublic::Unspecified => "unspecified",
            NotPublic::ThisNetwork => "this_network",
            NotPublic::Private => "private",
            NotPublic::SharedCgnat => "shared_cgnat",
            NotPublic::Loopback => "loopback",
            NotPublic::LinkLocal => "link_local",
            NotPublic::Documentation => "documentation",
            NotPublic::Benchmarking => "benchmarking",
            NotPublic::Multicast => "multicast",
            NotPublic::Broadcast => "broadcast",
            NotPublic::Reserved => "reserved",
            NotPublic::UniqueLocal => "unique_local",
            NotPublic::Translation => "translation",
        }
    }

    /// Why, in words the translation files give, for the ente: the key is
    /// `att-address-` and the code, dashed.
    pub fn reason(self) -> Message {
        Message::new(match self {
            NotPublic::Unspecified => "att-address-unspecified",
            NotPublic::ThisNetwork => "att-address-this-network",
            NotPublic::Private => "att-address-private",
            NotPublic::SharedCgnat => "att-address-shared-cgnat",
            NotPublic::Loopback => "att-address-loopback",
            NotPublic::LinkLocal => "att-address-link-local",
            NotPublic::Documentation => "att-address-documentation",
            NotPublic::Benchmarking => "att-address-benchmarking",
            NotPublic::Multicast => "att-address-multicast",
            NotPublic::Broadcast => "att-address-broadcast",
            NotPublic::Reserved => "att-address-reserved",
            NotPublic::UniqueLocal => "att-address-unique-local",
            NotPublic::Translation => "att-address-translation",
        })
    }
}

/// The IPv4 blocks that are not public; an address in none of them is.
/// IANA IPv4 Special-Purpose Address Registry, plus multicast (IANA IPv4
/// Multicast Address Space, RFC 5771). 192.0.0.0/24 is refused whole: its
/// two globally reachable addresses (192.0.0.9 and .10, PCP and TURN
/// anycast) are protocol anycast, never a hosted service's address.
const IPV4_BLOCKS: [(&str, NotPublic); 17] = [
    ("0.0.0.0/8", NotPublic::ThisNetwork),         // RFC 791
    ("0.0.0.0/32", NotPublic::Unspecified),        // RFC 1122 §3.2.1.3, RFC 8190
    ("10.0.0.0/8", NotPublic::Private),            // RFC 1918
    ("100.64.0.0/10", NotPublic::SharedCgnat),     // RFC 6598
    ("127.0.0.0/8", NotPublic::Loopback),          // RFC 1122 §3.2.1.3
    ("169.254.0.0/16", NotPublic::LinkLocal),      // RFC 3927
    ("172.16.0.0/12", NotPublic::Private),         // RFC 1918
    ("192.0.0.0/24", NotPublic::Reserved),         // IETF Protocol Assignments, RFC 6890
    ("192.0.2.0/24", NotPublic::Documentation),    // TEST-NET-1, RFC 5737
    ("192.88.99.0/24", NotPublic::Reserved),       // deprecated 6to4 relay anycast, RFC 7526
    ("192.168.0.0/16", NotPublic::Private),        // RFC 1918
    ("198.18.0.0/15", NotPublic::Benchmarking),    // RFC 2544
    ("198.51.100.0/24", NotPublic::Documentation), // TEST-NET-2, RFC 5737
    ("203.0.113.0/24", NotPublic::Documentation),  // TEST-NET-3, RFC 5737
    ("224.0.0.0/4", NotPublic::Multicast),         // RFC 5771
    ("240.0.0.0/4", NotPublic::Reserved),          // RFC 1112 §4
    ("255.255.255.255/32", NotPublic::Broadcast),  // RFC 919, RFC 8190
];

/// What an IPv6 block makes of the addresses in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Public,
    Not(NotPublic),
    /// The last 32 bits are an IPv4 address, as public as that address.
    EmbedsIpv4,
}

/// The IPv6 blocks. An address in none of them lies outside 2000::/3 and
/// is reserved. IANA IPv6 Special-Purpose Address Registry and IPv6 Address
/// Space. 2001::/23 is refused whole: its globally reachable parts (PCP and
/// TURN anycast, AMT, AS112, ORCHIDv2, drone tags) are protocol anycast or
/// identifiers, never a hosted service's address.
const IPV6_BLOCKS: [(&str, Block); 14] = [
    ("::/128", Block::Not(NotPublic::Unspecified)),          // RFC 4291 §2.5.2
    ("::1/128", Block::Not(NotPublic::Loopback)),            // RFC 4291 §2.5.3
    ("::ffff:0:0/96", Block::EmbedsIpv4),                    // IPv4-mapped, RFC 4291 §2.5.5.2
    ("64:ff9b::/96", Block::EmbedsIpv4),                     // NAT64 well-known prefix, RFC 6052
    ("64:ff9b:1::/48", Block::Not(NotPublic::Translation)),  // local-use translation, RFC 8215
    ("100::/64", Block::Not(NotPublic::Reserved)),           // discard-only, RFC 6666
    ("2000::/3", Block::Public),                             // global unicast, RFC 4291 §2.4
    ("2001::/23", Block::Not(NotPublic::Reserved)),          // IETF Protocol Assignments, RFC 2928
    ("2001:db8::/32", Block::Not(NotPublic::Documentation)), // RFC 3849
    ("2002::/16", Block::Not(NotPublic::Translation)),       // 6to4, RFC 3056
    ("3fff::/20", Block::Not(NotPublic::Documentation)),     // RFC 9637
    ("fc00::/7", Block::Not(NotPublic::UniqueLocal)),        // RFC 4193
    ("fe80::/10", Block::Not(NotPublic::LinkLocal)),         // RFC 4291 §2.5.6
    ("ff00::/8", Block::Not(NotPublic::Multicast)),          // RFC 4291 §2.7
];

/// Ok when `ip` is globally routable unicast, the kind of special address
/// otherwise (see the module doc for the registries). An IPv4-mapped
/// (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address is as public as the
/// IPv4 address it carries.
pub fn classify(ip: IpAddr) -> Result<(), NotPublic> {
    match ip {
        IpAddr::V4(_) => longest_block(&IPV4_BLOCKS, ip).map_or(Ok(()), Err),
        IpAddr::V6(v6) => match longest_block(&IPV6_BLOCKS, ip) {
            Some(Block::Public) => Ok(()),
            Some(Block::Not(kind)) => Err(kind),
            Some(Block::EmbedsIpv4) => {
                let [.., a, b, c, d] = v6.octets();
                classify(IpAddr::V4(Ipv4Addr::new(a, b, c, d)))
            }
            None => Err(NotPublic::Reserved),
        },
    }
}

/// What the longest block of `table` that holds `ip` says, if any does.
fn longest_block<T: Copy>(table: &[(&str, T)], ip: IpAddr) -> Option<T> {
    table
        .iter()
        .map(|(text, what)| (text.parse::<Prefix>().expect("the registry tables are well-formed"), *what))
        .filter(|(prefix, _)| prefix.contains(ip))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, what)| what)
}

/// An IP network: an address whose bits after the first `len` are zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Prefix {
    network: IpAddr,
    len: u8,
}

impl Prefix {
    pub fn network(&self) -> IpAddr {
        self.network
    }

    /// How many leading bits the addresses of the network share.
    #[expect(clippy::len_without_is_empty, reason = "no prefix is empty: a /32 or /128 still holds one address")]
    pub fn len(&self) -> u8 {
        self.len
    }

    /// Whether `ip` is in the network. An address of the other family never
    /// is: an IPv4-mapped IPv6 address (::ffff:203.0.113.1) is not in an IPv4
    /// prefix (203.0.113.0/24); the provider announces the family it serves.
    pub fn contains(&self, ip: IpAddr) -> bool {
        ip.is_ipv4() == self.network.is_ipv4() && truncate(ip, self.len) == self.network
    }
}

/// The most bits a prefix of `ip`'s family can have.
fn width(ip: IpAddr) -> u8 {
    if ip.is_ipv4() { 32 } else { 128 }
}

/// `ip` with every bit after the first `len` cleared (`len` at most the
/// family's width).
fn truncate(ip: IpAddr, len: u8) -> IpAddr {
    let host = u32::from(width(ip) - len);
    match ip {
        IpAddr::V4(v4) => IpAddr::V4((v4.to_bits() & u32::MAX.checked_shl(host).unwrap_or(0)).into()),
        IpAddr::V6(v6) => IpAddr::V6((v6.to_bits() & u128::MAX.checked_shl(host).unwrap_or(0)).into()),
    }
}

/// Why a text is not a prefix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrefixError {
    #[error("{}", self.message())]
    NoSlash(String),
    #[error("{}", self.message())]
    Address { text: String, source: AddressError },
    #[error("{}", self.message())]
    Length { text: String, max: u8 },
    #[error("{}", self.message())]
    HostBits { text: String, network: Prefix },
}

impl PrefixError {
    pub fn message(&self) -> Message {
        match self {
            PrefixError::NoSlash(text) => Message::new("att-prefix-no-slash").arg("text", text),
            PrefixError::Address { text, source } => {
                Message::new("att-prefix-address").arg("text", text).arg("reason", source.message())
            }
            PrefixError::Length { text, max } => {
                Message::new("att-prefix-length").arg("text", text).arg("max", i64::from(*max))
            }
            PrefixError::HostBits { text, network } => {
                Message::new("att-prefix-host-bits").arg("text", text).arg("network", network.to_string())
            }
        }
    }
}

impl FromStr for Prefix {
    type Err = PrefixError;

    /// CIDR text, "203.0.113.0/24" or "2a01:4f8::/32", with nothing but
    /// surrounding whitespace; the address as `parse_address` reads it.
    fn from_str(text: &str) -> Result<Prefix, PrefixError> {
        let text = text.trim();
        let (address, length) = text.split_once('/').ok_or_else(|| PrefixError::NoSlash(text.to_owned()))?;
        let ip = parse_trimmed(address).map_err(|source| PrefixError::Address { text: text.to_owned(), source })?;
        let max = width(ip);
        let len = Some(length)
            .filter(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|l| l.parse::<u8>().ok())
            .filter(|&len| len <= max)
            .ok_or_else(|| PrefixError::Length { text: text.to_owned(), max })?;
        let network = truncate(ip, len);
        if network != ip {
            return Err(PrefixError::HostBits { text: text.to_owned(), network: Prefix { network, len } });
        }
        Ok(Prefix { network, len })
    }
}

impl fmt::Display for Prefix {
    /// The canonical text: the address as RFC 5952 writes it, a slash, the length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.len)
    }
}

impl Serialize for Prefix {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why a text is not an IP address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("{}", self.message())]
    Empty,
    #[error("{}", self.message())]
    Zone(String),
    #[error("{}", self.message())]
    LeadingZeros(String),
    #[error("{}", self.message())]
    Invalid(String),
}

impl AddressError {
    pub fn message(&self) -> Message {
        match self {
            AddressError::Empty => Message::new("att-ip-empty"),
            AddressError::Zone(text) => Message::new("att-ip-zone").arg("text", text),
            AddressError::LeadingZeros(text) => Message::new("att-ip-leading-zeros").arg("text", text),
            AddressError::Invalid(text) => Message::new("att-ip-invalid").arg("text", text),
        }
    }
}

/// The address written in `text`, without surrounding whitespace. Refused:
/// an empty text; a zone index ("fe80::1%eth0"), which is local to one
/// machine (RFC 6874); an IPv4 part with leading zeros ("010.1.1.1"), read
/// as octal by some tools and as decimal by others; anything else the
/// standard library does not read as an address.
pub fn parse_address(text: &str) -> Result<IpAddr, AddressError> {
    parse_trimmed(text.trim())
}

fn parse_trimmed(text: &str) -> Result<IpAddr, AddressError> {
    if text.is_empty() {
        return Err(AddressError::Empty);
    }
    if text.contains('%') {
        return Err(AddressError::Zone(text.to_owned()));
    }
    if dotted_with_leading_zeros(text) {
        return Err(AddressError::LeadingZeros(text.to_owned()));
    }
    text.parse().map_err(|_| AddressError::Invalid(text.to_owned()))
}

/// Whether `text` ends in four dotted decimal parts, one with a leading
/// zero: an IPv4 address, or the IPv4 tail of an IPv6 one.
fn dotted_with_leading_zeros(text: &str) -> bool {
    let tail = text.rsplit_once(':').map_or(text, |(_, tail)| tail);
    let parts: Vec<&str> = tail.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().any(|p| p.len() > 1 && p.starts_with('0'))
}

/// Whether `ip` is in one of `prefixes` (none when the list is empty).
pub fn within_any(ip: IpAddr, prefixes: &[Prefix]) -> bool {
    prefixes.iter().any(|p| p.contains(ip))
}

#[cfg(test)]
mod tests;
