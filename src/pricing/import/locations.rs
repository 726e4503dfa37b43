//! AWS's display names of Regions ("EU (Frankfurt)") and their Region codes, for price data that
//! names a location instead of giving a `regionCode`.

/// Price List display names of Regions, for files without a `Region Code` column.
const LOCATIONS: &[(&str, &str)] = &[
    ("US East (N. Virginia)", "us-east-1"),
    ("US East (Ohio)", "us-east-2"),
    ("US West (N. California)", "us-west-1"),
    ("US West (Oregon)", "us-west-2"),
    ("Canada (Central)", "ca-central-1"),
    ("EU (Frankfurt)", "eu-central-1"),
    ("EU (Ireland)", "eu-west-1"),
    ("EU (London)", "eu-west-2"),
    ("EU (Paris)", "eu-west-3"),
    ("EU (Milan)", "eu-south-1"),
    ("EU (Spain)", "eu-south-2"),
    ("EU (Stockholm)", "eu-north-1"),
    ("Asia Pacific (Hong Kong)", "ap-east-1"),
    ("Asia Pacific (Tokyo)", "ap-northeast-1"),
    ("Asia Pacific (Seoul)", "ap-northeast-2"),
    ("Asia Pacific (Osaka)", "ap-northeast-3"),
    ("Asia Pacific (Singapore)", "ap-southeast-1"),
    ("Asia Pacific (Sydney)", "ap-southeast-2"),
    ("Asia Pacific (Jakarta)", "ap-southeast-3"),
    ("Asia Pacific (Mumbai)", "ap-south-1"),
    ("Asia Pacific (Hyderabad)", "ap-south-2"),
    ("Middle East (Bahrain)", "me-south-1"),
    ("Middle East (UAE)", "me-central-1"),
    ("South America (Sao Paulo)", "sa-east-1"),
    ("Africa (Cape Town)", "af-south-1"),
];

/// The Region code of a location name, if it names a Region.
#[inline]
pub fn region_code(location: &str) -> Option<&'static str> {
    LOCATIONS
        .iter()
        .find(|(name, _)| *name == location)
        .map(|(_, r)| *r)
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
    }
}
