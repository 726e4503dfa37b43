//! A spreadsheet expression built three ways at once: the formula a spreadsheet evaluates, the
//! same formula in words for the reader, and its value as an exact decimal (the cell's cached
//! result, and what the tests hold against the engine's bill). Meters compose these instead of
//! writing formula text, so parentheses, words and values never drift apart.

use rust_decimal::Decimal;
use std::ops::{Add, Div, Mul, Sub};

use crate::money::number;

/// How tightly an expression binds, for parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Binding {
    Sum,
    Product,
    Atom,
}

/// A formula, its words and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// Spreadsheet formula text without the leading `=`.
    pub formula: String,
    /// The formula for people: input keys, row labels in brackets, `×`, `÷`.
    pub words: String,
    /// Its value, exactly.
    pub value: Decimal,
    binding: Binding,
}

impl Expr {
    fn atom(formula: String, words: String, value: Decimal) -> Expr {
        Expr {
            formula,
            words,
            value,
            binding: Binding::Atom,
        }
    }

    /// A constant.
    pub fn num(value: impl Into<Decimal>) -> Expr {
        let v: Decimal = value.into();
        let v = v.normalize();
        Expr::atom(v.to_string(), number(v, 28), v)
    }

    /// A defined name (an input or a price cell) worth `value`.
    pub fn name(name: impl Into<String>, words: impl Into<String>, value: Decimal) -> Expr {
        Expr::atom(name.into(), words.into(), value)
    }

    /// Another cell of the same sheet, shown in words by its label.
    pub fn cell(reference: String, label: &str, value: Decimal) -> Expr {
        Expr::atom(reference, format!("[{label}]"), value)
    }

    /// A function call whose value the caller worked out.
    fn call(function: &str, args: &[&Expr], words: String, value: Decimal) -> Expr {
        let inner: Vec<&str> = args.iter().map(|a| a.formula.as_str()).collect();
        Expr::atom(format!("{function}({})", inner.join(",")), words, value)
    }

    fn wrapped(&self, below: Binding) -> (String, String) {
        if self.binding < below {
            (format!("({})", self.formula), format!("({})", self.words))
        } else {
            (self.formula.clone(), self.words.clone())
        }
    }

    fn binary(self, op: (&str, &str), other: Expr, binding: Binding, value: Decimal) -> Expr {
        let right_needs = match op.0 {
            "/" | "-" => Binding::from_right(binding),
            _ => binding,
        };
        let (lf, lw) = self.wrapped(binding);
        let (rf, rw) = other.wrapped(right_needs);
        Expr {
            formula: format!("{lf}{}{rf}", op.0),
            words: format!("{lw} {} {rw}", op.1),
            value,
            binding,
        }
    }

    /// The largest of `items` (at least one).
    pub fn max(items: &[Expr]) -> Expr {
        let value = items.iter().map(|e| e.value).max().unwrap_or_default();
        let words: Vec<&str> = items.iter().map(|e| e.words.as_str()).collect();
        let args: Vec<&Expr> = items.iter().collect();
        Expr::call("MAX", &args, format!("max({})", words.join(", ")), value)
    }

    /// The smaller of two.
    pub fn min(a: &Expr, b: &Expr) -> Expr {
        let words = format!("min({}, {})", a.words, b.words);
        Expr::call("MIN", &[a, b], words, a.value.min(b.value))
    }

    /// `self`, or zero when it is negative.
    pub fn at_least_zero(self) -> Expr {
        let zero = Expr::num(0);
        let value = self.value.max(Decimal::ZERO);
        let words = format!("max(0, {})", self.words);
        Expr::call("MAX", &[&zero, &self], words, value)
    }

    /// `self` less `allowance`, never below zero: a free-tier allowance.
    pub fn less(self, allowance: Expr) -> Expr {
        (self - allowance).at_least_zero()
    }

    /// Billing units of `self` KB metered in `step`-KB increments, at least one.
    pub fn ceil_units(self, step: u32) -> Expr {
        let value = crate::engine::units::ceil_units(self.value, Decimal::from(step));
        let ratio = self / Expr::num(step);
        let words = format!("⌈{}⌉, at least 1", ratio.words);
        let one = Expr::num(1);
        let ceiling = Expr::call("CEILING", &[&ratio, &one], String::new(), Decimal::ZERO);
        Expr::call("MAX", &[&one, &ceiling], words, value)
    }

    /// `self` when `test` is zero, else `other` (`IF(test=0, self, other)`).
    pub fn if_zero(test: &Expr, zero: Expr, other: Expr) -> Expr {
        let value = if test.value.is_zero() {
            zero.value
        } else {
            other.value
        };
        let formula = format!("IF({}=0,{},{})", test.formula, zero.formula, other.formula);
        let words = format!(
            "({} if {} is 0, else {})",
            zero.words, test.words, other.words
        );
        Expr::atom(formula, words, value)
    }

    /// `below` when `test` is under `limit` (`IF(test<limit, below, other)`).
    pub fn if_below(test: &Expr, limit: u32, below: Expr, other: Expr) -> Expr {
        let value = if test.value < Decimal::from(limit) {
            below.value
        } else {
            other.value
        };
        let formula = format!(
            "IF({}<{limit},{},{})",
            test.formula, below.formula, other.formula
        );
        let words = format!(
            "({} if {} is under {limit}, else {})",
            below.words, test.words, other.words
        );
        Expr::atom(formula, words, value)
    }

    /// An optional input: its own value when the cell is filled in, else `derived`.
    pub fn or_else(input: Expr, given: Option<Decimal>, derived: Expr) -> Expr {
        let formula = format!(
            "IF(ISBLANK({}),{},{})",
            input.formula, derived.formula, input.formula
        );
        let words = format!("({} if set, else {})", input.words, derived.words);
        Expr::atom(formula, words, given.unwrap_or(derived.value))
    }

    /// 0 when the `name` cell is blank (`blank` says whether it is now), else `then`.
    pub fn unless_blank(name: &Expr, blank: bool, then: Expr) -> Expr {
        let formula = format!("IF(ISBLANK({}),0,{})", name.formula, then.formula);
        let words = format!("(0 if {} is blank, else {})", name.words, then.words);
        let value = if blank { Decimal::ZERO } else { then.value };
        Expr::atom(formula, words, value)
    }
}

impl Binding {
    /// The binding the right operand of `/` or `-` needs: one tighter than the operator, so
    /// `a/(b*c)` and `a-(b+c)` keep their parentheses.
    fn from_right(op: Binding) -> Binding {
        match op {
            Binding::Sum => Binding::Product,
            _ => Binding::Atom,
        }
    }
}

/// Exact arithmetic that never panics: an overflow or a division by zero gives zero (the cell's
/// cached value only; the engine's own figures are what the workbook shows for line items).
fn exact(v: Option<Decimal>) -> Decimal {
    v.unwrap_or_default()
}

impl Mul for Expr {
    type Output = Expr;
    fn mul(self, o: Expr) -> Expr {
        let v = exact(self.value.checked_mul(o.value));
        self.binary(("*", "×"), o, Binding::Product, v)
    }
}

impl Div for Expr {
    type Output = Expr;
    fn div(self, o: Expr) -> Expr {
        let v = exact(self.value.checked_div(o.value));
        self.binary(("/", "÷"), o, Binding::Product, v)
    }
}

impl Add for Expr {
    type Output = Expr;
    fn add(self, o: Expr) -> Expr {
        let v = exact(self.value.checked_add(o.value));
        self.binary(("+", "+"), o, Binding::Sum, v)
    }
}

impl Sub for Expr {
    type Output = Expr;
    fn sub(self, o: Expr) -> Expr {
        let v = exact(self.value.checked_sub(o.value));
        self.binary(("-", "−"), o, Binding::Sum, v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(name: &str, v: i64) -> Expr {
        Expr::name(name, name, Decimal::from(v))
    }

    #[test]
    fn parentheses_only_where_needed() {
        let e = n("a", 6) / (n("b", 2) * n("c", 3));
        assert_eq!((e.formula.as_str(), e.value), ("a/(b*c)", Decimal::ONE));
        let e = n("a", 6) * n("b", 2) / n("c", 3);
        assert_eq!(e.formula, "a*b/c");
        let e = (n("a", 1) + n("b", 2)) * n("c", 3);
        assert_eq!((e.formula.as_str(), e.value), ("(a+b)*c", Decimal::from(9)));
        assert_eq!(e.words, "(a + b) × c");
        let e = n("a", 9) - (n("b", 2) + n("c", 3));
        assert_eq!((e.formula.as_str(), e.value), ("a-(b+c)", Decimal::from(4)));
        let e = n("a", 9) - n("b", 2) - n("c", 3);
        assert_eq!(e.formula, "a-b-c");
    }

    #[test]
    fn functions_compute_their_values() {
        let kb = Expr::name("traffic_request_kb", "request_kb", "512.5".parse().unwrap());
        let u = kb.ceil_units(512);
        assert_eq!(u.formula, "MAX(1,CEILING(traffic_request_kb/512,1))");
        assert_eq!(u.value, Decimal::TWO);
        let free = n("q", 3).less(n("free", 5));
        assert_eq!(
            (free.formula.as_str(), free.value),
            ("MAX(0,q-free)", Decimal::ZERO)
        );
        let m = Expr::max(&[n("a", 1), n("b", 7) / n("c", 7), n("d", 3)]);
        assert_eq!(
            (m.formula.as_str(), m.value),
            ("MAX(a,b/c,d)", Decimal::from(3))
        );
        let o = Expr::or_else(n("x", 0), None, n("d", 4));
        assert_eq!(
            (o.formula.as_str(), o.value),
            ("IF(ISBLANK(x),d,x)", Decimal::from(4))
        );
        assert_eq!(Expr::num(Decimal::new(1_048_576, 0)).words, "1,048,576");
    }
}
