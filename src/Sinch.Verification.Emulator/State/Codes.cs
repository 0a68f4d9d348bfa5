using System;
using System.Security.Cryptography;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.State;

/// <summary>The random codes and calling numbers the emulator "sends". <see cref="RandomNumberGenerator"/> is thread-safe.</summary>
internal static class Codes
{
    private const string Digits = "0123456789";
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string LettersAndDigits = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A 4-character PIN; digits unless the SMS options ask for letters.</summary>
    public static string Pin(SmsCodeType? codeType) =>
        codeType == SmsCodeType.Alpha ? RandomNumberGenerator.GetString(Letters, 4)
        : codeType == SmsCodeType.Alphanumeric ? RandomNumberGenerator.GetString(LettersAndDigits, 4)
        : RandomNumberGenerator.GetString(Digits, 4);

    /// <summary>
    /// A calling number for a flash call. Its last four digits are the part that varies, like the
    /// spec's example (<c>+46000005312</c> with filter <c>(.*)5312(.*)</c>).
    /// </summary>
    public static string FlashCallCli() => "+4600000" + RandomNumberGenerator.GetString(Digits, 4);

    /// <summary>The <c>cliFilter</c> of a start response: a regular expression the calling number matches.</summary>
    public static string CliFilter(string cli) => "(.*)" + cli.Substring(Math.Max(1, cli.Length - 4)) + "(.*)";
}
