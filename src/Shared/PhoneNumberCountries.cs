extern alias LibPhoneNumber;

using PhoneNumber = LibPhoneNumber::PhoneNumbers.PhoneNumber;
using PhoneNumberUtil = LibPhoneNumber::PhoneNumbers.PhoneNumberUtil;

namespace Sinch.Verification.Shared;

/// <summary>
/// The country of a phone number with libphonenumber's metadata: one rule, compiled into the
/// emulator (a status's <c>countryId</c>) and the guard (its allowed countries) as linked source,
/// internal in each. Both projects reference libphonenumber-csharp under the alias LibPhoneNumber.
/// </summary>
internal static class PhoneNumberCountries
{
    /// <summary>
    /// The ISO 3166-1 alpha-2 country of <paramref name="number"/>: the region libphonenumber finds
    /// for the whole number, or, for a calling code several countries share (+1, +7, +44...) and a
    /// number that fits none of them exactly, the code's main country (US for +1). Null for codes of
    /// no country (+800, +882, +979...) and unassigned ones.
    /// </summary>
    public static string? Of(PhoneNumberUtil util, PhoneNumber number)
    {
        var region = util.GetRegionCodeForNumber(number);
        if (!IsCountry(region))
        {
            region = util.GetRegionCodeForCountryCode(number.CountryCode);
        }

        return IsCountry(region) ? region : null;
    }

    // libphonenumber answers "ZZ" for an unknown region and "001" (not two letters) for a
    // non-geographic calling code.
    private static bool IsCountry(string? region) => region is { Length: 2 } && region != "ZZ";
}
