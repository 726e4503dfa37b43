//! A scenario's usage profiles priced beside it (`[profiles.low.traffic]`): what `estimate` and
//! `compare` found in each profile, and the questions every renderer asks of them (a pattern's
//! cost and rank in a profile), answered once here.

use rust_decimal::Decimal;

use crate::Priced;
use crate::architecture::Pattern;
use crate::scenario::BASE;

/// One usage profile priced: its name and the estimates the command made in it (`estimate`:
/// the one layout; `compare`: every pattern that applies in that profile, cheapest first).
#[derive(Debug, Clone)]
pub struct ProfileRun {
    pub name: String,
    pub estimates: Vec<Priced>,
    /// Why the profile could not be priced at all (its layout cannot be built with its
    /// values): it then has no estimates, and shows `-` while the others are priced.
    pub unpriced: Option<String>,
}

impl ProfileRun {
    /// The estimate of `pattern` in this profile, if it applies there.
    pub fn priced(&self, pattern: &Pattern) -> Option<&Priced> {
        self.estimates
            .iter()
            .find(|p| std::ptr::eq(p.pattern, pattern))
    }

    /// The monthly cost of `pattern` in this profile, if it applies there.
    pub fn cost(&self, pattern: &Pattern) -> Option<Decimal> {
        self.priced(pattern).map(|p| p.estimate.monthly_cost)
    }

    /// `pattern`'s rank in this profile (1: the cheapest; patterns of equal cost share a rank),
    /// if it applies there.
    pub fn rank(&self, pattern: &Pattern) -> Option<usize> {
        let cost = self.cost(pattern)?;
        Some(rank_among(&self.estimates, cost))
    }
}

/// The rank of a cost among estimates: one more than the number that cost less.
pub fn rank_among(estimates: &[Priced], cost: Decimal) -> usize {
    1 + estimates
        .iter()
        .filter(|p| p.estimate.monthly_cost < cost)
        .count()
}

/// Every run of a scenario, the scenario's own first (named `base`), then its profiles in file
/// order: (profile name, estimates).
pub fn runs<'r>(
    base: &'r [Priced],
    profiles: &'r [ProfileRun],
) -> impl Iterator<Item = (&'r str, &'r [Priced])> {
    std::iter::once((BASE, base)).chain(
        profiles
            .iter()
            .map(|r| (r.name.as_str(), r.estimates.as_slice())),
    )
}
