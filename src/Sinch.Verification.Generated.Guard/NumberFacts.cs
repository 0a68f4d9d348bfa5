extern alias LibPhoneNumber;

using System.Security.Cryptography;
using System.Text;
using LibPhoneNumberType = LibPhoneNumber::PhoneNumbers.PhoneNumberType;
using NumberParseException = LibPhoneNumber::PhoneNumbers.NumberParseException;
using PhoneNumberUtil = LibPhoneNumber::PhoneNumbers.PhoneNumberUtil;
using Sinch.Verification.Shared;

namespace Sinch.Verification.Generated.Guard;

/// <summary>What the guard needs to know about an E.164 number: its country and type (libphonenumber's metadata), and a key that does not store the number.</summary>
internal readonly record struct NumberFacts(string? Country, GuardNumberType Type)
{
    public static NumberFacts Of(string e164Number)
    {
        var util = PhoneNumberUtil.GetInstance();
        try
        {
            // The country of the number, or of its calling code when libphonenumber does not know
            // the number itself (its type is then Unknown): a destination is billed by its country.
            var number = util.Parse(e164Number, null);
            return new NumberFacts(PhoneNumberCountries.Of(util, number), Map(util.GetNumberType(number)));
        }
        catch (NumberParseException)
        {
            return new NumberFacts(null, GuardNumberType.Unknown);
        }
    }

    /// <summary>The country calling code of an E.164 number (<c>882</c>), or its first digits when libphonenumber cannot parse it.</summary>
    public static string CallingCode(string e164Number)
    {
        try
        {
            return PhoneNumberUtil.GetInstance().Parse(e164Number, null).CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (NumberParseException)
        {
            return e164Number.Length > 4 ? e164Number.Substring(1, 3) : e164Number.TrimStart('+');
        }
    }

    /// <summary>
    /// A stable key for a number or caller in the store: a SHA-256 hash, so no number is stored in
    /// clear. It is not keyed: with the prefix, a number can be found again by trying the rest, so
    /// treat the guard's Redis as holding personal data.
    /// </summary>
    public static string Key(string value) =>
        System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, 16);

    private static GuardNumberType Map(LibPhoneNumberType type) => type switch
    {
        LibPhoneNumberType.FIXED_LINE => GuardNumberType.FixedLine,
        LibPhoneNumberType.MOBILE => GuardNumberType.Mobile,
        LibPhoneNumberType.FIXED_LINE_OR_MOBILE => GuardNumberType.FixedLineOrMobile,
        LibPhoneNumberType.TOLL_FREE => GuardNumberType.TollFree,
        LibPhoneNumberType.PREMIUM_RATE => GuardNumberType.PremiumRate,
        LibPhoneNumberType.SHARED_COST => GuardNumberType.SharedCost,
        LibPhoneNumberType.VOIP => GuardNumberType.Voip,
        LibPhoneNumberType.PERSONAL_NUMBER => GuardNumberType.PersonalNumber,
        LibPhoneNumberType.PAGER => GuardNumberType.Pager,
        LibPhoneNumberType.UAN => GuardNumberType.Uan,
        LibPhoneNumberType.VOICEMAIL => GuardNumberType.Voicemail,
        _ => GuardNumberType.Unknown,
    };
}
