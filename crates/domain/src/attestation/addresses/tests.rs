use super::*;
use proptest::prelude::*;
use std::net::Ipv6Addr;

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

fn prefix(text: &str) -> Prefix {
    text.parse().unwrap()
}

#[test]
fn the_registry_tables_are_well_formed_and_name_each_block_once() {
    let v4: Vec<Prefix> = IPV4_BLOCKS.iter().map(|(text, _)| prefix(text)).collect();
    let v6: Vec<Prefix> = IPV6_BLOCKS.iter().map(|(text, _)| prefix(text)).collect();
    for list in [v4, v6] {
        for (i, p) in list.iter().enumerate() {
            assert!(!list[i + 1..].contains(p), "{p} twice");
        }
    }
    assert!(IPV4_BLOCKS.iter().all(|(text, _)| prefix(text).network().is_ipv4()));
    assert!(IPV6_BLOCKS.iter().all(|(text, _)| prefix(text).network().is_ipv6()));
}

#[test]
fn ipv4_blocks_on_both_sides_of_their_edges() {
    use NotPublic::*;
    for (address, kind) in [
        ("0.0.0.0", Some(Unspecified)),
        ("0.0.0.1", Some(ThisNetwork)),
        ("0.255.255.255", Some(ThisNetwork)),
        ("1.0.0.0", None),
        ("9.255.255.255", None),
        ("10.0.0.0", Some(Private)),
        ("10.255.255.255", Some(Private)),
        ("11.0.0.0", None),
        ("100.63.255.255", None),
        ("100.64.0.0", Some(SharedCgnat)),
        ("100.127.255.255", Some(SharedCgnat)),
        ("100.128.0.0", None),
        ("126.255.255.255", None),
        ("127.0.0.0", Some(Loopback)),
        ("127.255.255.255", Some(Loopback)),
        ("128.0.0.0", None),
        ("169.253.255.255", None),
        ("169.254.0.0", Some(LinkLocal)),
        ("169.254.255.255", Some(LinkLocal)),
        ("169.255.0.0", None),
        ("172.15.255.255", None),
        ("172.16.0.0", Some(Private)),
        ("172.31.255.255", Some(Private)),
        ("172.32.0.0", None),
        ("191.255.255.255", None),
        ("192.0.0.0", Some(Reserved)),
        ("192.0.0.9", Some(Reserved)),
        ("192.0.0.255", Some(Reserved)),
        ("192.0.1.0", None),
        ("192.0.1.255", None),
        ("192.0.2.0", Some(Documentation)),
        ("192.0.2.255", Some(Documentation)),
        ("192.0.3.0", None),
        ("192.31.196.1", None),
        ("192.88.98.255", None),
        ("192.88.99.0", Some(Reserved)),
        ("192.88.99.255", Some(Reserved)),
        ("192.88.100.0", None),
        ("192.167.255.255", None),
        ("192.168.0.0", Some(Private)),
        ("192.168.255.255", Some(Private)),
        ("192.169.0.0", None),
        ("198.17.255.255", None),
        ("198.18.0.0", Some(Benchmarking)),
        ("198.19.255.255", Some(Benchmarking)),
        ("198.20.0.0", None),
        ("198.51.99.255", None),
        ("198.51.100.0", Some(Documentation)),
        ("198.51.100.255", Some(Documentation)),
        ("198.51.101.0", None),
        ("203.0.112.255", None),
        ("203.0.113.0", Some(Documentation)),
        ("203.0.113.255", Some(Documentation)),
        ("203.0.114.0", None),
        ("223.255.255.255", None),
        ("224.0.0.0", Some(Multicast)),
        ("239.255.255.255", Some(Multicast)),
        ("240.0.0.0", Some(Reserved)),
        ("255.255.255.254", Some(Reserved)),
        ("255.255.255.255", Some(Broadcast)),
    ] {
        assert_eq!(classify(ip(address)).err(), kind, "{address}");
    }
}

#[test]
fn ipv6_blocks_on_both_sides_of_their_edges() {
    use NotPublic::*;
    for (address, kind) in [
        ("::", Some(Unspecified)),
        ("::1", Some(Loopback)),
        ("::2", Some(Reserved)),
        ("::fffe:ffff:ffff", Some(Reserved)),
        ("::ffff:0.0.0.0", Some(Unspecified)),
        ("::ffff:10.0.0.1", Some(Private)),
        ("::ffff:8.8.8.8", None),
        ("::1:0:0:0", Some(Reserved)),
        ("64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff", Some(Reserved)),
        ("64:ff9b::8.8.8.8", None),
        ("64:ff9b::10.0.0.1", Some(Private)),
        ("64:ff9b::100.64.0.1", Some(SharedCgnat)),
        ("64:ff9b::1:0:0", Some(Reserved)),
        ("64:ff9b:1::", Some(Translation)),
        ("64:ff9b:1:ffff:ffff:ffff:ffff:ffff", Some(Translation)),
        ("64:ff9b:2::", Some(Reserved)),
        ("100::", Some(Reserved)),
        ("100::ffff:ffff:ffff:ffff", Some(Reserved)),
        ("1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some(Reserved)),
        ("2000::", None),
        ("2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", None),
        ("2001::", Some(Reserved)),
        ("2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", Some(Reserved)),
        ("2001:200::", None),
        ("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", None),
        ("2001:db8::", Some(Documentation)),
        ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", Some(Documentation)),
        ("2001:db9::", None),
        ("2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", None),
        ("2002::", Some(Translation)),
        ("2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some(Translation)),
        ("2003::", None),
        ("2a01:4f8::1", None),
        ("3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", None),
        ("3fff::", Some(Documentation)),
        ("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", Some(Documentation)),
        ("3fff:1000::", None),
        ("3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", None),
        ("4000::", Some(Reserved)),
        ("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some(Reserved)),
        ("fc00::", Some(UniqueLocal)),
        ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some(UniqueLocal)),
        ("fe00::", Some(Reserved)),
        ("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some(Reserved)),
        ("fe80::", Some(LinkLocal)),
        ("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some(LinkLocal)),
        ("fec0::", Some(Reserved)),
        ("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some(Reserved)),
        ("ff00::", Some(Multicast)),
        ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Some(Multicast)),
    ] {
        assert_eq!(classify(ip(address)).err(), kind, "{address}");
    }
}

#[test]
fn each_kind_has_its_code_and_a_reason_in_both_languages() {
    use NotPublic::*;
    let kinds = [
        (Unspecified, "unspecified"),
        (ThisNetwork, "this_network"),
        (Private, "private"),
        (SharedCgnat, "shared_cgnat"),
        (Loopback, "loopback"),
        (LinkLocal, "link_local"),
        (Documentation, "documentation"),
        (Benchmarking, "benchmarking"),
        (Multicast, "multicast"),
        (Broadcast, "broadcast"),
        (Reserved, "reserved"),
        (UniqueLocal, "unique_local"),
        (Translation, "translation"),
    ];
    for (i, (kind, code)) in kinds.iter().enumerate() {
        assert_eq!(kind.code(), *code);
        assert_eq!(serde_json::to_value(kind).unwrap(), *code);
        assert_eq!(kind.reason().key, format!("att-address-{}", code.replace('_', "-")));
        for (other, _) in &kinds[i + 1..] {
            assert_ne!(kind.reason(), other.reason(), "{code}");
        }
    }
}

#[test]
fn prefixes_are_read_and_written_in_canonical_form() {
    for (text, canonical, len) in [
        ("203.0.113.0/24", "203.0.113.0/24", 24),
        ("  2a01:4f8::/32\n", "2a01:4f8::/32", 32),
        ("2001:0DB8:0000::/32", "2001:db8::/32", 32),
        ("0.0.0.0/0", "0.0.0.0/0", 0),
        ("::/0", "::/0", 0),
        ("8.8.8.8/32", "8.8.8.8/32", 32),
        ("2001:db8::1/128", "2001:db8::1/128", 128),
        ("10.0.0.0/08", "10.0.0.0/8", 8),
    ] {
        let p = prefix(text);
        assert_eq!(p.to_string(), canonical, "{text:?}");
        assert_eq!(p.len(), len, "{text:?}");
        assert_eq!(serde_json::to_value(p).unwrap(), canonical);
    }
    assert_eq!(prefix("203.0.113.0/24").network(), ip("203.0.113.0"));
}

#[test]
fn a_prefix_is_refused_with_the_reason() {
    let refused = |text: &str| text.parse::<Prefix>().unwrap_err();
    let text = |t: &str| t.to_owned();
    assert_eq!(refused(" 203.0.113.0 "), PrefixError::NoSlash(text("203.0.113.0")));
    assert_eq!(
        refused("203.0.113/24"),
        PrefixError::Address { text: text("203.0.113/24"), source: AddressError::Invalid(text("203.0.113")) }
    );
    assert_eq!(
        refused("010.0.0.0/8"),
        PrefixError::Address { text: text("010.0.0.0/8"), source: AddressError::LeadingZeros(text("010.0.0.0")) }
    );
    assert_eq!(
        refused("fe80::%eth0/64"),
        PrefixError::Address { text: text("fe80::%eth0/64"), source: AddressError::Zone(text("fe80::%eth0")) }
    );
    assert_eq!(
        refused("203.0.113.0 /24"),
        PrefixError::Address { text: text("203.0.113.0 /24"), source: AddressError::Invalid(text("203.0.113.0 ")) }
    );
    assert_eq!(refused("/24"), PrefixError::Address { text: text("/24"), source: AddressError::Empty });
    for (t, max) in [
        ("203.0.113.0/33", 32),
        ("203.0.113.0/", 32),
        ("203.0.113.0/+24", 32),
        ("203.0.113.0/-1", 32),
        ("203.0.113.0/ 24", 32),
        ("203.0.113.0/24/25", 32),
        ("203.0.113.0/256", 32),
        ("2001:db8::/129", 128),
    ] {
        assert_eq!(refused(t), PrefixError::Length { text: text(t), max }, "{t}");
    }
    assert!(prefix("203.0.113.0/32").contains(ip("203.0.113.0")), "32 is the last length of IPv4");
    assert!(prefix("2001:db8::/128").contains(ip("2001:db8::")), "128 is the last length of IPv6");
}

#[test]
fn host_bits_are_refused_naming_the_network_meant() {
    for (text, network) in
        [("203.0.113.5/24", "203.0.113.0/24"), ("2001:db8::1/32", "2001:db8::/32"), ("0.0.0.1/0", "0.0.0.0/0")]
    {
        let error = text.parse::<Prefix>().unwrap_err();
        assert_eq!(error, PrefixError::HostBits { text: text.to_owned(), network: prefix(network) });
        assert!(error.to_string().contains(network), "{error}");
    }
    assert_eq!(prefix("203.0.113.4/30").to_string(), "203.0.113.4/30", "no host bits at /30");
    assert!("203.0.113.6/31".parse::<Prefix>().is_ok());
    assert!("203.0.113.7/31".parse::<Prefix>().is_err());
}

#[test]
fn a_prefix_contains_its_first_and_last_address_and_nothing_around() {
    for (p, address, inside) in [
        ("203.0.113.0/24", "203.0.112.255", false),
        ("203.0.113.0/24", "203.0.113.0", true),
        ("203.0.113.0/24", "203.0.113.255", true),
        ("203.0.113.0/24", "203.0.114.0", false),
        ("2a01:4f8::/32", "2a01:4f7:ffff:ffff:ffff:ffff:ffff:ffff", false),
        ("2a01:4f8::/32", "2a01:4f8::", true),
        ("2a01:4f8::/32", "2a01:4f8:ffff:ffff:ffff:ffff:ffff:ffff", true),
        ("2a01:4f8::/32", "2a01:4f9::", false),
        ("0.0.0.0/0", "0.0.0.0", true),
        ("0.0.0.0/0", "255.255.255.255", true),
        ("0.0.0.0/0", "::", false),
        ("::/0", "::", true),
        ("::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true),
        ("::/0", "0.0.0.0", false),
        ("8.8.8.8/32", "8.8.8.7", false),
        ("8.8.8.8/32", "8.8.8.8", true),
        ("8.8.8.8/32", "8.8.8.9", false),
        ("2001:db8::1/128", "2001:db8::", false),
        ("2001:db8::1/128", "2001:db8::1", true),
        ("2001:db8::1/128", "2001:db8::2", false),
        ("203.0.113.0/24", "::ffff:203.0.113.1", false),
        ("::ffff:0:0/96", "203.0.113.1", false),
    ] {
        assert_eq!(prefix(p).contains(ip(address)), inside, "{address} in {p}");
    }
}

#[test]
fn within_any_of_the_announced_prefixes() {
    let announced = [prefix("203.0.113.0/24"), prefix("2a01:4f8::/32")];
    assert!(within_any(ip("203.0.113.10"), &announced));
    assert!(within_any(ip("2a01:4f8:1::1"), &announced));
    assert!(!within_any(ip("198.51.100.1"), &announced));
    assert!(!within_any(ip("203.0.113.10"), &[]));
}

#[test]
fn addresses_are_read_strictly() {
    for (text, read) in [
        (" 8.8.8.8\t", Ok(ip("8.8.8.8"))),
        ("2001:DB8::1", Ok(ip("2001:db8::1"))),
        ("::ffff:192.0.2.1", Ok(ip("::ffff:192.0.2.1"))),
        ("0.0.0.0", Ok(ip("0.0.0.0"))),
        ("10.0.0.10", Ok(ip("10.0.0.10"))),
        ("", Err(AddressError::Empty)),
        ("   ", Err(AddressError::Empty)),
        ("fe80::1%eth0", Err(AddressError::Zone("fe80::1%eth0".into()))),
        ("010.1.1.1", Err(AddressError::LeadingZeros("010.1.1.1".into()))),
        ("1.2.3.04", Err(AddressError::LeadingZeros("1.2.3.04".into()))),
        ("::ffff:010.0.0.1", Err(AddressError::LeadingZeros("::ffff:010.0.0.1".into()))),
        ("256.1.1.1", Err(AddressError::Invalid("256.1.1.1".into()))),
        ("1.2.3", Err(AddressError::Invalid("1.2.3".into()))),
        ("example.org", Err(AddressError::Invalid("example.org".into()))),
        ("[::1]", Err(AddressError::Invalid("[::1]".into()))),
        ("1.2.3.4/32", Err(AddressError::Invalid("1.2.3.4/32".into()))),
        ("8.8.8.8:53", Err(AddressError::Invalid("8.8.8.8:53".into()))),
        ("8.8.8 .8", Err(AddressError::Invalid("8.8.8 .8".into()))),
    ] {
        assert_eq!(parse_address(text), read, "{text:?}");
    }
}

proptest! {
    #[test]
    fn an_ipv4_address_stays_inside_its_prefix_read_back_from_display(bits: u32, len in 0u8..=32) {
        let address = IpAddr::V4(Ipv4Addr::from_bits(bits));
        let network = Ipv4Addr::from_bits(bits & u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0));
        let parsed: Prefix = format!("{network}/{len}").parse().unwrap();
        let again: Prefix = parsed.to_string().parse().unwrap();
        prop_assert_eq!(again, parsed);
        prop_assert!(parsed.contains(address) && again.contains(address));
    }

    #[test]
    fn an_ipv6_address_stays_inside_its_prefix_read_back_from_display(bits: u128, len in 0u8..=128) {
        let address = IpAddr::V6(Ipv6Addr::from_bits(bits));
        let network = Ipv6Addr::from_bits(bits & u128::MAX.checked_shl(128 - u32::from(len)).unwrap_or(0));
        let parsed: Prefix = format!("{network}/{len}").parse().unwrap();
        let again: Prefix = parsed.to_string().parse().unwrap();
        prop_assert_eq!(again, parsed);
        prop_assert!(parsed.contains(address) && again.contains(address));
    }
}
