//! Usage profiles (`[profiles.NAME.SECTION]`): a low, base and high case of the same scenario.
//! A profile is the scenario with its values written in, so each is built by overlaying its
//! keys on the file's own table and reading the result through the one scenario reader: every
//! check a scenario key has (unknown key, range, cross-checks) holds for a profile key, and an
//! error points at the profile's own line, since each overlaid value keeps its place in the file.

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::reader::Ctx;

/// The name the scenario itself goes by among its profiles.
pub const BASE: &str = "base";

/// The key of the profiles table at the top of a scenario file.
pub const KEY: &str = "profiles";

/// The longest profile name, in characters: it heads a column in every table.
const MAX_NAME_CHARS: usize = 40;

/// One profile as written: its name and its overrides.
pub struct Written<'t, 'i> {
    pub name: String,
    pub table: &'t DeTable<'i>,
}

/// The file's table without `[profiles]`, and the `[profiles]` value if the file has one.
pub fn split<'i>(doc: &DeTable<'i>) -> (DeTable<'i>, Option<Spanned<DeValue<'i>>>) {
    let mut base = DeTable::default();
    let mut profiles = None;
    for (k, v) in doc.iter() {
        if k.get_ref().as_ref() == KEY {
            profiles = Some(v.clone());
        } else {
            base.insert(k.clone(), v.clone());
        }
    }
    (base, profiles)
}

/// Each profile in `[profiles]`, in file order; a value that is not a table of tables, a
/// reserved or unprintable name, or a profile that renames the scenario is an error in `ctx`.
pub fn written<'t, 'i>(
    ctx: &mut Ctx<'_>,
    profiles: &'t Spanned<DeValue<'i>>,
) -> Vec<Written<'t, 'i>> {
    let DeValue::Table(table) = profiles.get_ref() else {
        ctx.error(
            profiles.span(),
            "`profiles` must be a table of profiles, such as `[profiles.low.traffic]`",
            Some(example()),
        );
        return Vec::new();
    };
    let mut found = Vec::new();
    for (k, v) in table.iter() {
        let name = k.get_ref().as_ref();
        let DeValue::Table(overrides) = v.get_ref() else {
            let message = format!("profile `{name}` must be a table of overrides");
            ctx.error(v.span(), message, Some(example()));
            continue;
        };
        if let Some(problem) = bad_name(name) {
            let help = "name profiles with letters, digits, `-` or `_`, such as `low` or `high`";
            ctx.error(k.span(), problem, Some(help.into()));
            continue;
        }
        if let Some((key, _)) = overrides
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == "name")
        {
            let message = format!("profile `{name}` cannot rename the scenario");
            let help = "a profile overrides usage keys; the scenario's `name` names all of them";
            ctx.error(key.span(), message, Some(help.into()));
            continue;
        }
        found.push(Written {
            name: name.to_owned(),
            table: overrides,
        });
    }
    found
}

fn example() -> String {
    "write `[profiles.low.traffic]` and under it the keys that differ, such as \
     `requests_per_month = 50_000_000`"
        .to_owned()
}

/// Why `name` cannot name a profile, if it cannot.
fn bad_name(name: &str) -> Option<String> {
    if name == BASE {
        return Some(format!(
            "`{BASE}` is the scenario itself and cannot be a profile's name"
        ));
    }
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Some(format!(
            "a profile's name must have 1 to {MAX_NAME_CHARS} characters"
        ));
    }
    let plain = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    (!name.chars().all(plain)).then(|| format!("`{name}` is not a plain profile name"))
}

/// The scenario's table with a profile's overrides written in: a section the profile names has
/// its keys replaced one by one (the others kept); any other key is replaced whole.
pub fn overlay<'i>(base: &DeTable<'i>, overrides: &DeTable<'i>) -> DeTable<'i> {
    let mut merged = base.clone();
    for (k, v) in overrides.iter() {
        let section = merged
            .iter_mut()
            .find(|(bk, _)| bk.get_ref() == k.get_ref());
        match (section, v.get_ref()) {
            (Some((_, existing)), DeValue::Table(keys)) => {
                if let DeValue::Table(into) = existing.get_mut() {
                    for (key, value) in keys.iter() {
                        replace(into, key, value);
                    }
                    continue;
                }
                replace(&mut merged, k, v);
            }
            _ => replace(&mut merged, k, v),
        }
    }
    merged
}

/// Sets `key` to `value` in `table`, the key taking the override's place in the file (so an
/// unknown key is reported at the profile's line).
fn replace<'i>(table: &mut DeTable<'i>, key: &Spanned<DeString<'i>>, value: &Spanned<DeValue<'i>>) {
    table.remove(key);
    table.insert(key.clone(), value.clone());
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    const TEXT: &str = r#"region = "us-east-1"
[traffic]
requests_per_month = 1_000_000
response_kb = 4
[topology]
consumer_vpcs = 2
availability_zones = 3
[profiles.high.traffic]
requests_per_month = 9_000_000
[profiles.high.topology]
consumer_vpcs = 5
[profiles.quiet]
hours_per_month = 200
"#;

    #[test]
    fn a_profile_overrides_only_the_keys_it_names() {
        let s = crate::scenario::parse("s.toml", TEXT).unwrap();
        let names: Vec<&str> = s.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["high", "quiet"]);
        let high = &s.profiles[0].scenario;
        assert_eq!(high.traffic.requests_per_month, Decimal::from(9_000_000));
        assert_eq!(high.traffic.response_kb, Decimal::from(4));
        assert_eq!(
            (
                high.topology.consumer_vpcs,
                high.topology.availability_zones
            ),
            (5, 3)
        );
        assert!(high.profiles.is_empty());
        let quiet = &s.profiles[1].scenario;
        assert_eq!(quiet.hours_per_month, Decimal::from(200));
        assert_eq!(quiet.traffic.requests_per_month, Decimal::from(1_000_000));
        // The scenario itself is untouched.
        assert_eq!(s.traffic.requests_per_month, Decimal::from(1_000_000));
        assert_eq!(s.topology.consumer_vpcs, 2);
    }

    #[test]
    fn profiles_must_be_tables_of_overrides() {
        let bad = "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1\n\
                   [profiles]\nlow = 3\n";
        let problems = crate::scenario::parse("s.toml", bad).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "profile `low` must be a table of overrides"
        );
        assert_eq!((problems[0].line, problems[0].column), (5, 7));
        let bad = "region = \"us-east-1\"\nprofiles = 2\n[traffic]\nrequests_per_month = 1\n";
        let problems = crate::scenario::parse("s.toml", bad).unwrap_err();
        assert!(
            problems[0]
                .message
                .starts_with("`profiles` must be a table")
        );
    }
}
