//! The order of search results: relevance first, then a hash of the id.
//!
//! A catalogue that lists providers alphabetically or by registration date
//! favours some of them on every page; the public catalogue must not (equal
//! treatment of economic operators, D.Lgs. 36/2023 art. 3). Ties in relevance
//! — every result, when nothing is typed — are broken by a hash of the
//! listing's id: the same on every request, machine and engine, and unrelated
//! to the name or the age of the listing.

use std::cmp::Ordering;

/// FNV-1a (64 bit) of the id: stable across releases, unlike `std`'s hasher.
pub fn fair_key(id: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    id.bytes().fold(OFFSET, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
}

/// Higher score first; equal scores by [`fair_key`], then by id (which only
/// matters if two ids ever share a hash). The ids are read only on such a
/// tie: a search orders thousands of results, and the ids live elsewhere.
pub fn compare_keys<'a>(a: (f32, u64), b: (f32, u64), ids: impl FnOnce() -> (&'a str, &'a str)) -> Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then_with(|| {
        let (a, b) = ids();
        a.cmp(b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_fixed_for_an_id() {
        assert_eq!(fair_key(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fair_key("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fair_key("listing-1"), fair_key("listing-1"));
        assert_ne!(fair_key("listing-1"), fair_key("listing-2"));
    }

    #[test]
    fn relevance_comes_before_the_hash() {
        let (low, high) = ("b", "a");
        let unread = || -> (&str, &str) { panic!("the ids are read only on a tie") };
        assert_eq!(compare_keys((2.0, fair_key(low)), (1.0, fair_key(high)), unread), Ordering::Less);
        assert_eq!(compare_keys((1.0, 5), (1.0, 9), unread), Ordering::Less);
        assert_eq!(compare_keys((1.0, 9), (1.0, 5), unread), Ordering::Greater);
        assert_eq!(compare_keys((1.0, 5), (1.0, 5), || ("x", "y")), Ordering::Less, "a shared hash: by id");
    }

    #[test]
    fn equal_scores_are_not_in_alphabetical_order() {
        let mut ids: Vec<String> = (0..50).map(|i| format!("listing-{i:02}")).collect();
        ids.sort_by(|a, b| compare_keys((0.0, fair_key(a)), (0.0, fair_key(b)), || (a, b)));
        let mut alphabetical = ids.clone();
        alphabetical.sort();
        assert_ne!(ids, alphabetical);
    }
}
