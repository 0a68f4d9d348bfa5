using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Net.Http.Headers;

namespace Sinch.Verification.Emulator.State;

/// <summary>
/// The languages the emulator writes SMS texts in - the one list of them - and the choice a
/// start's <c>Accept-Language</c> makes. Sinch sends the SMS in the chosen language and names it
/// in <c>Content-Language</c> (verification-api.md §2); a language it does not have gives its
/// default, which <c>Content-Language</c> then names.
/// </summary>
internal static class SmsLanguages
{
    public const string CodePlaceholder = "{{CODE}}";

    // The first is the default: what an SMS is written in without Accept-Language, or when no
    // language it asks for is here.
    private static readonly SmsLanguage[] Supported =
    {
        new("en-US", "Your verification code is {{CODE}}"),
        new("de-DE", "Ihr Bestätigungscode lautet {{CODE}}"),
        new("es-ES", "Tu código de verificación es {{CODE}}"),
        new("fr-FR", "Votre code de vérification est {{CODE}}"),
        new("sv-SE", "Din verifieringskod är {{CODE}}"),
    };

    public static SmsLanguage Default => Supported[0];

    /// <summary>
    /// The language for an <c>Accept-Language</c> value: the supported language of the most
    /// preferred range that names one, by exact tag (<c>es-ES</c>) or by its primary language
    /// (<c>es</c>, <c>es-MX</c>); <c>*</c> or nothing supported gives the default; ranges with
    /// <c>q=0</c> are skipped. Null when the header was not sent.
    /// </summary>
    public static SmsLanguage? Choose(string? acceptLanguage)
    {
        if (acceptLanguage is null)
        {
            return null;
        }

        return Requested(acceptLanguage).Select(Find).FirstOrDefault(language => language is not null) ?? Default;
    }

    /// <summary>The language ranges of an <c>Accept-Language</c> value, most preferred first (as listed when equal); empty when it cannot be read.</summary>
    public static IReadOnlyList<string> Requested(string? acceptLanguage)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptLanguage?.Split(','), out var ranges))
        {
            return Array.Empty<string>();
        }

        // OrderByDescending is stable: equal qualities keep the client's order.
        return ranges
            .Where(range => range.Quality is not <= 0)
            .OrderByDescending(range => range.Quality ?? 1)
            .Select(range => range.Value.Value ?? string.Empty)
            .Where(value => value.Length > 0)
            .ToArray();
    }

    private static SmsLanguage? Find(string range)
    {
        if (range == "*")
        {
            return Default;
        }

        var primary = range.Split('-')[0];
        return Supported.FirstOrDefault(language => language.Tag.Equals(range, StringComparison.OrdinalIgnoreCase))
            ?? Supported.FirstOrDefault(language => language.Tag.Split('-')[0].Equals(primary, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A language the emulator writes SMS texts in: its tag (for <c>Content-Language</c>) and its SMS template.</summary>
internal sealed record SmsLanguage(string Tag, string Template);
