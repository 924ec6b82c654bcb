//! Who a request comes from when it reaches the service through load
//! balancers or reverse proxies.
//!
//! A proxy appends the address it received the request from to
//! `X-Forwarded-For`; a client can write anything before that. So the list
//! is read from the right, and only as far as the hops are proxies this
//! service trusts: the first address that is not one of them is the client
//! (MDN, "X-Forwarded-For: Selecting an IP address", the right-most
//! untrusted address; nginx's `real_ip_recursive on` does the same). Without
//! trusted proxies the header is ignored: a client could otherwise choose
//! its own address, and with it escape per-client limits.

use crate::attestation::addresses::{Prefix, parse_address, within_any};
use std::net::IpAddr;

/// The client of a request whose TCP peer is `peer` and whose
/// `X-Forwarded-For` field lines are `forwarded_for` (in the order they
/// arrived; several lines read as one list, RFC 9110 §5.3).
///
/// When the peer is not a trusted proxy, it is the client. Otherwise the
/// list is walked from its end past every trusted address; the first other
/// address is the client. A hop that is not an address (garbage a client
/// wrote, or `unknown`) stops the walk: the client is then the last trusted
/// proxy, which is the last address known to be true. A list made only of
/// trusted proxies gives its first address.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &[Prefix]) -> IpAddr {
    let peer = unmapped(peer);
    if !within_any(peer, trusted) {
        return peer;
    }
    let hops = forwarded_for.iter().flat_map(|line| line.split(','));
    let mut client = peer;
    for hop in hops.collect::<Vec<_>>().into_iter().rev() {
        let Ok(address) = parse_address(hop) else {
            return client;
        };
        client = unmapped(address);
        if !within_any(client, trusted) {
            return client;
        }
    }
    client
}

/// An IPv4 address written as IPv4-mapped IPv6 (::ffff:198.51.100.7), as
/// a dual-stack listener or proxy may, read as the IPv4 address it is.
fn unmapped(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn proxies() -> Vec<Prefix> {
        vec!["10.0.0.0/8".parse().unwrap(), "2001:db8::/32".parse().unwrap()]
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(client_address(ip("10.1.2.3"), &["198.51.100.7"], &[]), ip("10.1.2.3"));
    }

    #[test]
    fn a_peer_that_is_not_a_proxy_is_the_client_whatever_it_says() {
        assert_eq!(client_address(ip("203.0.113.9"), &["198.51.100.7"], &proxies()), ip("203.0.113.9"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let forwarded = ["1.2.3.4, 198.51.100.7, 10.0.0.2"];
        assert_eq!(client_address(ip("10.0.0.1"), &forwarded, &proxies()), ip("198.51.100.7"));
    }

    #[test]
    fn a_spoofed_left_part_does_not_choose_the_client() {
        let forwarded = ["10.9.9.9", "198.51.100.7"];
        assert_eq!(client_address(ip("10.0.0.1"), &forwarded, &proxies()), ip("198.51.100.7"));
    }

    #[test]
    fn several_field_lines_read_as_one_list() {
        let forwarded = ["198.51.100.7", "10.0.0.2"];
        assert_eq!(client_address(ip("10.0.0.1"), &forwarded, &proxies()), ip("198.51.100.7"));
    }

    #[test]
    fn garbage_stops_at_the_last_trusted_hop() {
        assert_eq!(client_address(ip("10.0.0.1"), &["unknown, 10.0.0.2"], &proxies()), ip("10.0.0.2"));
        assert_eq!(client_address(ip("10.0.0.1"), &["<script>"], &proxies()), ip("10.0.0.1"));
        assert_eq!(client_address(ip("10.0.0.1"), &["198.51.100.7,"], &proxies()), ip("10.0.0.1"));
    }

    #[test]
    fn no_header_leaves_the_proxy() {
        assert_eq!(client_address(ip("10.0.0.1"), &[], &proxies()), ip("10.0.0.1"));
    }

    #[test]
    fn only_proxies_gives_the_first() {
        assert_eq!(client_address(ip("10.0.0.1"), &["10.0.0.3, 10.0.0.2"], &proxies()), ip("10.0.0.3"));
    }

    #[test]
    fn mapped_and_v6_hops() {
        let forwarded = ["::ffff:198.51.100.7, 2001:db8::1"];
        assert_eq!(client_address(ip("2001:db8::2"), &forwarded, &proxies()), ip("198.51.100.7"));
        assert_eq!(client_address(ip("10.0.0.1"), &[" 2a01:4f8::1 "], &proxies()), ip("2a01:4f8::1"));
    }
}
