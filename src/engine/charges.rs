//! Lean charges remembered from one step of a sweep to the next: a step prices each layout's
//! every charge against the price table again, though most of them (endpoint, load-balancer and
//! attachment hours, say) have the very quantity they had at the step before, and several
//! layouts of one step share others (the same requests through the same endpoints). A charge's
//! cost is a function of its component's price, its quantity and how it is tiered per Region
//! alone, so it is looked up here by exactly those (the quantity bit for bit, so a hit is the
//! cost the table would give, digit for digit) before it is priced.

use std::cell::Cell;

use rust_decimal::Decimal;

use crate::component::Component;
use crate::pricing::PriceTable;

/// Slots of the cache: several times the charges of a step's layouts, so that the charges that
/// stay the same keep their slots while those that change come and go.
const SLOTS: usize = 256;

/// One remembered charge.
#[derive(Debug, Clone, Copy)]
struct Slot {
    component: Component,
    per_region: Option<u32>,
    /// The quantity's 128 bits (mantissa, scale and sign).
    quantity: u128,
    cost: Decimal,
}

/// The lean costs of charges priced at one price table, for one thread.
#[derive(Debug)]
pub struct Charges<'p> {
    table: &'p PriceTable,
    slots: Box<[Cell<Option<Slot>>]>,
}

impl<'p> Charges<'p> {
    /// An empty cache for charges priced at `table`.
    pub fn new(table: &'p PriceTable) -> Self {
        Charges {
            table,
            slots: vec![Cell::new(None); SLOTS].into_boxed_slice(),
        }
    }

    /// Whether the charges remembered here were priced at `table`.
    pub(super) fn prices(&self, table: &PriceTable) -> bool {
        std::ptr::eq(self.table, table)
    }

    /// The cost of `quantity` of `component` (tiered per Region as `per_region` says), if
    /// remembered.
    #[inline]
    pub(super) fn get(
        &self,
        component: Component,
        quantity: Decimal,
        per_region: Option<u32>,
    ) -> Option<Decimal> {
        let bits = u128::from_le_bytes(quantity.serialize());
        let slot = self.slots[index(component, bits)].get()?;
        (slot.component == component && slot.quantity == bits && slot.per_region == per_region)
            .then_some(slot.cost)
    }

    /// Remembers `cost` as the cost of `quantity` of `component`, in place of whatever charge
    /// had its slot.
    #[inline]
    pub(super) fn put(
        &self,
        component: Component,
        quantity: Decimal,
        per_region: Option<u32>,
        cost: Decimal,
    ) {
        let bits = u128::from_le_bytes(quantity.serialize());
        self.slots[index(component, bits)].set(Some(Slot {
            component,
            per_region,
            quantity: bits,
            cost,
        }));
    }
}

/// The slot of a charge: a multiplicative hash of its quantity's bits and its component.
#[inline]
fn index(component: Component, bits: u128) -> usize {
    let x = (bits as u64) ^ ((bits >> 64) as u64).rotate_left(29) ^ (component as u64);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % SLOTS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charge_is_found_by_its_exact_quantity_only() {
        let book = crate::pricing::PriceBook::embedded();
        let table = book.region("us-east-1").unwrap();
        let charges = Charges::new(table);
        let c = Component::EndpointHours;
        let q: Decimal = "2190".parse().unwrap();
        assert_eq!(charges.get(c, q, None), None);
        charges.put(c, q, None, "21.9".parse().unwrap());
        assert_eq!(charges.get(c, q, None), Some("21.9".parse().unwrap()));
        // The same value at another scale, another component or tiering: not this charge.
        assert_eq!(charges.get(c, "2190.0".parse().unwrap(), None), None);
        assert_eq!(charges.get(Component::NlbHours, q, None), None);
        assert_eq!(charges.get(c, q, Some(2)), None);
        assert!(charges.prices(table));
        assert!(!charges.prices(book.region("eu-west-1").unwrap()));
    }
}
