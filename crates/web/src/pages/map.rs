//! The map of Italy on the national dashboard: each region's outline filled
//! by the amount decreed to its enti, in five classes of equal width with a
//! legend; the figures themselves are in the table beside it. The outlines
//! are `data/map/regioni.tsv`, from the npm package `@svg-maps/italy` by
//! Victor Cazanave (CC BY 4.0); `scripts/map-regions` writes it again.

/// Each region's ISTAT code, name (as `data/comuni.csv` writes it) and
/// outline, after a header.
const OUTLINES: &str = include_str!("../../../../data/map/regioni.tsv");

/// Five blues from near white to darker than Bootstrap Italia's primary
/// (#0066cc), lightest first. Every region is outlined in #17324d (13.1:1
/// on white), so its shape never depends on its fill (WCAG 1.4.11), and the
/// legend names each class's range in text.
const CLASSES: [&str; 5] = ["#e6f0fa", "#b3d1f0", "#66a3e0", "#1a75d2", "#004d99"];

/// A region with nothing decreed.
const EMPTY: &str = "#ffffff";

pub(crate) struct Region {
    pub outline: &'static str,
    pub fill: &'static str,
    /// Its name and figure, the SVG's tooltip and accessible text.
    pub title: String,
}

pub(crate) struct Class {
    pub fill: &'static str,
    pub label: String,
}

pub(crate) struct Map {
    pub regions: Vec<Region>,
    pub legend: Vec<Class>,
}

/// The map of `values` (each region's name and amount in cents), each
/// amount written by `show`; `nothing` labels the regions without one.
pub(crate) fn map(values: &[(String, i64)], show: impl Fn(i64) -> String, nothing: &str) -> Map {
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(0);
    let regions = outlines()
        .map(|(name, outline)| {
            let value = values.iter().find(|(n, _)| n == name).map_or(0, |(_, v)| *v);
            match class_of(value, max) {
                Some(class) => Region { outline, fill: CLASSES[class], title: format!("{name}: {}", show(value)) },
                None => Region { outline, fill: EMPTY, title: format!("{name}: {nothing}") },
            }
        })
        .collect();
    let mut legend = vec![Class { fill: EMPTY, label: nothing.to_owned() }];
    if max > 0 {
        let bound = |i: i64| (i128::from(max) * i128::from(i) / 5) as i64;
        legend.extend(
            CLASSES
                .iter()
                .zip(0..)
                .map(|(fill, i)| Class { fill, label: format!("{} – {}", show(bound(i)), show(bound(i + 1))) }),
        );
    }
    Map { regions, legend }
}

/// The class of `value` among five of equal width up to `max`: class `i`
/// holds the values above `i/5` of `max` up to `(i+1)/5`; nothing is none.
fn class_of(value: i64, max: i64) -> Option<usize> {
    (value > 0 && max > 0).then(|| ((i128::from(value) * 5 - 1) / i128::from(max)).clamp(0, 4) as usize)
}

/// Each region's name and outline, in the file's order.
fn outlines() -> impl Iterator<Item = (&'static str, &'static str)> {
    OUTLINES.lines().skip(1).filter_map(|line| {
        let mut fields = line.split('\t');
        let (_code, name, outline) = (fields.next()?, fields.next()?, fields.next()?);
        Some((name, outline))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outlines_are_the_twenty_regions_of_the_reference_data() {
        let comuni = include_str!("../../../../data/comuni.csv");
        let mut regions: Vec<&str> = comuni.lines().skip(1).filter_map(|l| l.split(',').nth(7)).collect();
        regions.sort_unstable();
        regions.dedup();
        let mut mapped: Vec<&str> = outlines().map(|(name, _)| name).collect();
        mapped.sort_unstable();
        assert_eq!(mapped, regions);
        assert!(outlines().all(|(_, outline)| outline.starts_with('m') && outline.len() > 100));
    }

    #[test]
    fn classes_split_the_range_in_five_and_nothing_is_apart() {
        assert_eq!(class_of(0, 100), None);
        assert_eq!(class_of(5, 0), None);
        assert_eq!(class_of(1, 100), Some(0));
        assert_eq!(class_of(20, 100), Some(0));
        assert_eq!(class_of(21, 100), Some(1));
        assert_eq!(class_of(80, 100), Some(3));
        assert_eq!(class_of(81, 100), Some(4));
        assert_eq!(class_of(100, 100), Some(4));
        assert_eq!(class_of(i64::MAX, i64::MAX), Some(4), "no overflow");
    }

    #[test]
    fn each_region_has_its_class_and_the_legend_its_ranges() {
        let values = vec![("Liguria".to_owned(), 1_000), ("Molise".to_owned(), 100), ("Sicilia".to_owned(), 0)];
        let drawn = map(&values, |v| v.to_string(), "none");
        assert_eq!(drawn.regions.len(), 20);
        let fill = |name: &str| drawn.regions.iter().find(|r| r.title.starts_with(name)).map(|r| r.fill);
        assert_eq!(fill("Liguria:"), Some(CLASSES[4]));
        assert_eq!(fill("Molise:"), Some(CLASSES[0]));
        assert_eq!(fill("Sicilia:"), Some(EMPTY));
        assert_eq!(fill("Lazio:"), Some(EMPTY), "a region without figures is empty");
        let labels: Vec<&str> = drawn.legend.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["none", "0 – 200", "200 – 400", "400 – 600", "600 – 800", "800 – 1000"]);
    }
}
