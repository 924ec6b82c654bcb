//! Pages of a list that grows with the data (an ente's inventory, the
//! catalogue's results): a page number from 1 and a bounded size, and the
//! page links shown around the current one.

/// A page of `size` rows, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: usize,
    pub size: usize,
}

impl Paging {
    /// The page asked for, its size brought within `1..=max` (`default`
    /// when not given) and its number at least 1.
    pub fn new(page: Option<usize>, size: Option<usize>, default: usize, max: usize) -> Paging {
        Paging { page: page.unwrap_or(1).max(1), size: size.unwrap_or(default).clamp(1, max.max(1)) }
    }

    /// How many rows come before the page.
    pub fn offset(self) -> usize {
        (self.page - 1).saturating_mul(self.size)
    }

    /// The last page of `total` rows (1 when there are none).
    pub fn last(self, total: usize) -> usize {
        total.div_ceil(self.size).max(1)
    }

    /// The pages to link: the first, the last and two either side of the
    /// current one, in order.
    pub fn window(self, total: usize) -> Vec<usize> {
        let last = self.last(total);
        let mut numbers = vec![1, last];
        numbers.extend(self.page.saturating_sub(2).max(1)..=(self.page + 2).min(last));
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }
}

#[cfg(test)]
mod tests {
    use super::Paging;

    #[test]
    fn sizes_are_bounded_and_pages_start_at_one() {
        assert_eq!(Paging::new(None, None, 50, 500), Paging { page: 1, size: 50 });
        assert_eq!(Paging::new(Some(0), Some(0), 50, 500), Paging { page: 1, size: 1 });
        assert_eq!(Paging::new(Some(3), Some(10_000), 50, 500), Paging { page: 3, size: 500 });
        assert_eq!(Paging::new(Some(3), Some(20), 50, 500).offset(), 40);
        assert_eq!(Paging::new(Some(usize::MAX), Some(500), 50, 500).offset(), usize::MAX, "saturates");
    }

    #[test]
    fn the_window_holds_the_ends_and_the_neighbours() {
        let at = |page| Paging { page, size: 10 };
        assert_eq!(at(1).window(0), [1]);
        assert_eq!(at(1).window(35), [1, 2, 3, 4]);
        assert_eq!(at(6).window(200), [1, 4, 5, 6, 7, 8, 20]);
        assert_eq!(at(20).window(200), [1, 18, 19, 20]);
        assert_eq!(at(30).window(200), [1, 20], "past the end: the ends only");
    }
}
