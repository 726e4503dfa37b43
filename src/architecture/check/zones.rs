//! Availability Zones: an ALB needs two, and the requirements set a minimum. Both are soft:
//! `estimate` prices a layout that breaks them and says so in a warning.

use super::Findings;
use crate::architecture::Layout;
use crate::scenario::Scenario;

/// An ALB anywhere on the path (target, behind an NLB, the backend itself, the facade) needs
/// two AZs.
pub(super) fn alb(l: &Layout, s: &Scenario, r: &mut Findings) {
    if l.alb_roles(s.topology.backend) > 0 {
        r.require(
            l.azs >= 2,
            "topology_availability_zones>=2",
            "an ALB needs at least two AZs (topology.availability_zones)",
            || format!("an ALB needs at least two AZs; the scenario uses {}", l.azs),
        );
    }
}

/// `requirements.min_availability_zones`.
pub(super) fn minimum(l: &Layout, s: &Scenario, r: &mut Findings) {
    let min = s.requirements.min_availability_zones;
    r.require(
        l.azs >= min,
        "topology_availability_zones>=requirements_min_availability_zones",
        "fewer AZs than requirements.min_availability_zones",
        || {
            format!(
                "{} is below requirements.min_availability_zones ({min})",
                crate::money::count(l.azs, "AZ[s]")
            )
        },
    );
}
