extern alias LibPhoneNumber;

using NumberParseException = LibPhoneNumber::PhoneNumbers.NumberParseException;
using PhoneNumberUtil = LibPhoneNumber::PhoneNumbers.PhoneNumberUtil;
using Sinch.Verification.Shared;

namespace Sinch.Verification.Emulator.State;

/// <summary>
/// The <c>countryId</c> of a status response: the ISO 3166-1 alpha-2 country of a number, from its
/// country calling code, with libphonenumber's metadata (Google's, kept up to date with the ITU
/// plan) rather than a table of our own.
/// </summary>
internal static class CountryIds
{
    /// <summary>
    /// The country of an E.164 number: the region libphonenumber finds for the whole number, or,
    /// for a calling code several countries share (+1, +7, +44...) and a number that fits none of
    /// them exactly, the code's main country (US for +1). Null for codes of no country (+800,
    /// +882, +979...) and unassigned ones: the member is then left out.
    /// </summary>
    public static string? Of(string e164Number)
    {
        var util = PhoneNumberUtil.GetInstance();
        try
        {
            return PhoneNumberCountries.Of(util, util.Parse(e164Number, null));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
