//! The mistakes the national forms hold, each at a share of the contracts
//! or forms where it can occur.

/// A mistake an ente makes in a form, planted at a share of the contracts
/// or forms where it can occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mistake {
    /// The contract has no DNSH self-declaration (of contracts).
    MissingDnsh,
    /// The listing pinned was qualified on the contract date and is not
    /// today: suspended, revoked or expired since (of forms).
    ListingLapsed,
    /// The listing pinned is QC1 for critical data (of forms of critici data).
    LevelTooLow,
    /// A private (RFC 1918) or CGNAT address (of forms listing addresses).
    PrivateAddress,
    /// A public address outside the provider's ranges (same).
    OutsideRanges,
    /// A report of fewer than 15 days (of forms with a report).
    ShortReport,
    /// The report names another ente (same).
    OtherEnte,
    /// An identifier another service of the project declares (of forms with
    /// identifiers after the project's first).
    DuplicateIdentifier,
    /// An `http://` URL (of public services).
    HttpUrl,
    /// Declared decommissioned on a day still to come (of submitted forms).
    OriginNotDecommissioned,
}

impl Mistake {
    pub const ALL: [Mistake; 10] = [
        Mistake::MissingDnsh,
        Mistake::ListingLapsed,
        Mistake::LevelTooLow,
        Mistake::PrivateAddress,
        Mistake::OutsideRanges,
        Mistake::ShortReport,
        Mistake::OtherEnte,
        Mistake::DuplicateIdentifier,
        Mistake::HttpUrl,
        Mistake::OriginNotDecommissioned,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Mistake::MissingDnsh => "missing_dnsh",
            Mistake::ListingLapsed => "listing_lapsed",
            Mistake::LevelTooLow => "level_too_low",
            Mistake::PrivateAddress => "private_address",
            Mistake::OutsideRanges => "outside_ranges",
            Mistake::ShortReport => "short_report",
            Mistake::OtherEnte => "other_ente",
            Mistake::DuplicateIdentifier => "duplicate_identifier",
            Mistake::HttpUrl => "http_url",
            Mistake::OriginNotDecommissioned => "origin_not_decommissioned",
        }
    }

    /// How often it is planned, per thousand of the contracts or forms
    /// where it can occur: a few in a hundred each, more where the ente
    /// often slips (a CGNAT address copied from its own router, an `http`
    /// address), fewer where it takes a rarer event (a listing lapsed since the contract).
    pub fn per_mille(self) -> u64 {
        match self {
            Mistake::MissingDnsh => 30,
            Mistake::ListingLapsed => 20,
            Mistake::LevelTooLow => 80,
            Mistake::PrivateAddress => 40,
            Mistake::OutsideRanges => 30,
            Mistake::ShortReport => 40,
            Mistake::OtherEnte => 20,
            Mistake::DuplicateIdentifier => 30,
            Mistake::HttpUrl => 50,
            Mistake::OriginNotDecommissioned => 20,
        }
    }
}
