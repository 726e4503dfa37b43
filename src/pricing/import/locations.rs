//! AWS's names for places and the Region codes they stand for. Price data names a Region three
//! ways: a `regionCode`, a display name ("EU (Frankfurt)", the only name in files without
//! `regionCode` and in AWS's pricing-page data), or a usage-type prefix (`EUC1-`). This table
//! knows every location in the data the project reads, Regions and not: a name it does not know
//! is reported rather than guessed.

/// One AWS Region: its code, AWS's display names for it, and its usage-type prefix.
struct Region {
    code: &'static str,
    names: &'static [&'static str],
    /// The Price List usage-type prefix (`USE1`), where known.
    prefix: Option<&'static str>,
}

const fn r(
    code: &'static str,
    names: &'static [&'static str],
    prefix: Option<&'static str>,
) -> Region {
    Region {
        code,
        names,
        prefix,
    }
}

/// Every Region in AWS's price data. Prefixes are those of the Price List's attribute lists
/// (2022-09-29) and of AWS's usage-type documentation for Regions opened since; a Region whose
/// prefix is not known here has `None` (its bulk-file usage types are then not recognised, and
/// an import says it found nothing rather than guessing).
#[rustfmt::skip]
const REGIONS: &[Region] = &[
    r("us-east-1", &["US East (N. Virginia)"], Some("USE1")),
    r("us-east-2", &["US East (Ohio)"], Some("USE2")),
    r("us-west-1", &["US West (N. California)"], Some("USW1")),
    r("us-west-2", &["US West (Oregon)"], Some("USW2")),
    r("ca-central-1", &["Canada (Central)"], Some("CAN1")),
    r("ca-west-1", &["Canada West (Calgary)"], Some("CAW1")),
    r("mx-central-1", &["Mexico (Central)"], None),
    r("sa-east-1", &["South America (Sao Paulo)"], Some("SAE1")),
    r("eu-central-1", &["EU (Frankfurt)"], Some("EUC1")),
    r("eu-central-2", &["EU (Zurich)"], Some("EUC2")),
    r("eu-west-1", &["EU (Ireland)"], Some("EU")),
    r("eu-west-2", &["EU (London)"], Some("EUW2")),
    r("eu-west-3", &["EU (Paris)"], Some("EUW3")),
    r("eu-south-1", &["EU (Milan)"], Some("EUS1")),
    r("eu-south-2", &["EU (Spain)"], Some("EUS2")),
    r("eu-north-1", &["EU (Stockholm)"], Some("EUN1")),
    r("il-central-1", &["Israel (Tel Aviv)"], Some("ILC1")),
    r("me-south-1", &["Middle East (Bahrain)"], Some("MES1")),
    r("me-central-1", &["Middle East (UAE)"], Some("MEC1")),
    r("af-south-1", &["Africa (Cape Town)"], Some("AFS1")),
    r("ap-east-1", &["Asia Pacific (Hong Kong)"], Some("APE1")),
    r("ap-east-2", &["Asia Pacific (Taipei)"], None),
    r("ap-northeast-1", &["Asia Pacific (Tokyo)"], Some("APN1")),
    r("ap-northeast-2", &["Asia Pacific (Seoul)"], Some("APN2")),
    // Osaka was a "Local Region" until 2021; Direct Connect's 2020 data still says so.
    r("ap-northeast-3", &["Asia Pacific (Osaka)", "Asia Pacific (Osaka-Local)"], Some("APN3")),
    r("ap-southeast-1", &["Asia Pacific (Singapore)"], Some("APS1")),
    r("ap-southeast-2", &["Asia Pacific (Sydney)"], Some("APS2")),
    r("ap-southeast-3", &["Asia Pacific (Jakarta)"], Some("APS4")),
    r("ap-southeast-4", &["Asia Pacific (Melbourne)"], Some("APS6")),
    r("ap-southeast-5", &["Asia Pacific (Malaysia)"], None),
    r("ap-southeast-6", &["Asia Pacific (New Zealand)"], None),
    r("ap-southeast-7", &["Asia Pacific (Thailand)"], None),
    r("ap-south-1", &["Asia Pacific (Mumbai)"], Some("APS3")),
    r("ap-south-2", &["Asia Pacific (Hyderabad)"], Some("APS5")),
    r("us-gov-west-1", &["AWS GovCloud (US)", "AWS GovCloud (US-West)"], Some("UGW1")),
    r("us-gov-east-1", &["AWS GovCloud (US-East)"], Some("UGE1")),
    r("cn-north-1", &["China (Beijing)"], Some("CNN1")),
    r("cn-northwest-1", &["China (Ningxia)"], Some("CNW1")),
];

/// Locations in the price data that are not Regions: Local Zones, Wavelength Zones (a carrier
/// in the name), and the ends of data-transfer products. Their prices are not a Region's.
#[rustfmt::skip]
const NOT_REGIONS: &[&str] = &[
    // Local Zones
    "Argentina (Buenos Aires)", "Australia (Perth)", "Chile (Santiago)", "Denmark (Copenhagen)",
    "Finland (Helsinki)", "Germany (Hamburg)", "India (Delhi)", "India (Kolkata)",
    "Mexico (Queretaro)", "Morocco (Casablanca)", "New Zealand (Auckland)", "Nigeria (Lagos)",
    "Oman (Muscat)", "Peru (Lima)", "Philippines (Manila)", "Poland (Warsaw)", "Senegal (Dakar)",
    "Taiwan (Taipei)", "Thailand (Bangkok)", "US East (Atlanta)", "US East (Boston)",
    "US East (Chicago)", "US East (Dallas)", "US East (Houston)", "US East (Kansas City 2)",
    "US East (Lenexa)", "US East (Miami)", "US East (Minneapolis)", "US East (New York City)",
    "US East (Philadelphia)", "US West (Denver)", "US West (Honolulu)", "US West (Las Vegas)",
    "US West (Los Angeles)", "US West (Phoenix)", "US West (Portland)", "US West (Seattle)",
    // Wavelength Zones
    "Asia Pacific (KDDI) - Osaka", "Asia Pacific (KDDI) - Tokyo", "Asia Pacific (SKT) - Daejeon",
    "Asia Pacific (SKT) - Seoul", "Canada (BELL) - Toronto", "EU (British Telecom) - Manchester",
    "EU (Vodafone) - Berlin", "EU (Vodafone) - Dortmund", "EU (Vodafone) - London",
    "EU (Vodafone) - Manchester", "EU (Vodafone) - Munich", "US East (Verizon) - Atlanta",
    "US East (Verizon) - Boston", "US East (Verizon) - Charlotte", "US East (Verizon) - Chicago",
    "US East (Verizon) - Dallas", "US East (Verizon) - Detroit", "US East (Verizon) - Houston",
    "US East (Verizon) - Miami", "US East (Verizon) - Minneapolis", "US East (Verizon) - Nashville",
    "US East (Verizon) - New York", "US East (Verizon) - Tampa",
    "US East (Verizon) - Washington DC", "US West (Verizon) - Denver",
    "US West (Verizon) - Las Vegas", "US West (Verizon) - Los Angeles",
    "US West (Verizon) - Phoenix", "US West (Verizon) - San Francisco Bay Area",
    "US West (Verizon) - Seattle",
    // Ends of data-transfer products
    "External", "Amazon CloudFront",
];

/// Locations that stand for no Region: prices that apply to every Region.
const GLOBAL: &[&str] = &["Any", ""];

/// What a location name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Region(&'static str),
    /// Every Region (a global price).
    Global,
    /// A zone or other place that is not a Region.
    NotRegion,
    /// A name this table does not know.
    Unknown,
}

/// What `location` stands for.
pub fn place(location: &str) -> Place {
    if let Some(code) = region_code(location) {
        Place::Region(code)
    } else if GLOBAL.contains(&location) {
        Place::Global
    } else if NOT_REGIONS.contains(&location) {
        Place::NotRegion
    } else {
        Place::Unknown
    }
}

/// The Region code of a location name, if it names a Region.
#[inline]
pub fn region_code(location: &str) -> Option<&'static str> {
    REGIONS
        .iter()
        .find(|r| r.names.contains(&location))
        .map(|r| r.code)
}

/// A Region's display name (the first, current one).
pub fn region_name(code: &str) -> Option<&'static str> {
    REGIONS.iter().find(|r| r.code == code).map(|r| r.names[0])
}

/// Whether `p` is a Region's usage-type prefix (`USE1`, `EU`, `APN1`; not `TS`, the ALB trust
/// store's, nor a Local Zone's `ATL1`).
#[inline]
pub fn is_region_prefix(p: &str) -> bool {
    REGIONS.iter().any(|r| r.prefix == Some(p))
}

/// The Region whose usage-type prefix `p` is (`USE2` → `us-east-2`); `None` for any other
/// text (`TS`, a Local Zone's `ATL1`). Bills strip the prefix with it.
pub fn region_of_prefix(p: &str) -> Option<&'static str> {
    REGIONS.iter().find(|r| r.prefix == Some(p)).map(|r| r.code)
}

/// The usage-type prefix of Region `code` (`us-east-2` → `USE2`), where known.
pub fn prefix_of_region(code: &str) -> Option<&'static str> {
    REGIONS
        .iter()
        .find(|r| r.code == code)
        .and_then(|r| r.prefix)
}

/// Whether `code` is a plain AWS Region identifier (`us-east-1`, `us-gov-west-1`,
/// `us-isob-east-1`: `^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$`). A Region code read from price
/// data names the file `--all-regions` writes, so anything else (`../../victim`, `/etc/x`,
/// `US-EAST-1`) is refused before it can name a path.
pub fn is_region_id(code: &str) -> bool {
    let parts: Vec<&str> = code.split('-').collect();
    let lower = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let partition = |s: &str| {
        s == "gov"
            || s.strip_prefix("iso")
                .is_some_and(|r| r.bytes().all(|b| b.is_ascii_lowercase()))
    };
    let country = |s: &str| s.len() == 2 && lower(s);
    match parts.as_slice() {
        [c, area, n] => country(c) && lower(area) && digits(n),
        [c, p, area, n] => country(c) && partition(p) && lower(area) && digits(n),
        _ => false,
    }
}

/// The Region a row prices: its Region code, else the Region of its location; `""` for a
/// Region-less (global) product.
#[inline]
pub fn region_of<'a>(codes: [&'a str; 2], locations: [&'a str; 2]) -> &'a str {
    if let Some(code) = codes.into_iter().find(|c| !c.is_empty()) {
        return code;
    }
    locations.into_iter().find_map(region_code).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_from_codes_then_locations() {
        assert_eq!(region_of(["us-east-1", ""], ["", ""]), "us-east-1");
        assert_eq!(region_of(["", "eu-west-1"], ["", ""]), "eu-west-1");
        assert_eq!(region_of(["", ""], ["EU (Frankfurt)", ""]), "eu-central-1");
        assert_eq!(region_of(["", ""], ["Any", ""]), "");
        // Newer Regions, for files that name only the location.
        assert_eq!(
            region_of(["", ""], ["Asia Pacific (Malaysia)", ""]),
            "ap-southeast-5"
        );
        assert_eq!(
            region_of(["", ""], ["Mexico (Central)", ""]),
            "mx-central-1"
        );
    }

    #[test]
    fn region_identifiers_are_plain() {
        for ok in [
            "us-east-1",
            "us-gov-west-1",
            "us-iso-east-1",
            "us-isob-east-1",
            "eu-isoe-west-1",
            "ap-southeast-7",
            "cn-northwest-1",
        ] {
            assert!(is_region_id(ok), "{ok}");
        }
        for bad in [
            "",
            "../../victim",
            "/etc/passwd",
            "us-east-1/../x",
            "US-EAST-1",
            "us-east-",
            "us-east-1a",
            "use-east-1",
            "us-east-1.toml",
            "us-foo-east-1",
            "us--1",
            "us-east-1\n",
            "us-east-1 ",
        ] {
            assert!(!is_region_id(bad), "{bad:?}");
        }
        // Every Region this tool knows is one.
        assert!(REGIONS.iter().all(|r| is_region_id(r.code)));
    }

    #[test]
    fn every_name_and_prefix_is_listed_once() {
        let mut names: Vec<&str> = REGIONS
            .iter()
            .flat_map(|r| r.names.iter().copied())
            .collect();
        names.extend(NOT_REGIONS);
        names.extend(GLOBAL);
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "a location is listed twice");
        let mut prefixes: Vec<&str> = REGIONS.iter().filter_map(|r| r.prefix).collect();
        let all = prefixes.len();
        prefixes.sort_unstable();
        prefixes.dedup();
        assert_eq!(prefixes.len(), all, "a prefix is listed twice");
        assert!(!is_region_prefix("TS") && !is_region_prefix("ATL1"));
        assert_eq!(place("US East (Verizon) - Boston"), Place::NotRegion);
        assert_eq!(place("Any"), Place::Global);
        assert_eq!(place("Mars (Olympus Mons)"), Place::Unknown);
    }
}
