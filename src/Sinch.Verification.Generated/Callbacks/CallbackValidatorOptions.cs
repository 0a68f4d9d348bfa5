using System;
using System.Collections.Generic;
using System.Linq;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Generated.Callbacks;

/// <summary>Which applications may sign callbacks, and how fresh a callback must be.</summary>
public class CallbackValidatorOptions
{
    /// <summary>Five minutes: the common choice, since Sinch documents no number.</summary>
    public static readonly TimeSpan DefaultFreshnessWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Application key → Base64 application secret (missing padding and the URL-safe alphabet
    /// are accepted). Several entries serve a multi-tenant backend on one URL. Keys compare
    /// case-insensitively, like the GUIDs they usually are. Binds from configuration as an object.
    /// </summary>
    public IDictionary<string, string> Applications { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How far <c>x-timestamp</c> may be from now, in either direction; defaults to
    /// <see cref="DefaultFreshnessWindow"/>. Older callbacks are rejected as possible replays.
    /// </summary>
    public TimeSpan FreshnessWindow { get; set; } = DefaultFreshnessWindow;

    /// <summary>Adds (or replaces) one application and returns these options.</summary>
    /// <param name="applicationKey">The application key from the Sinch dashboard.</param>
    /// <param name="applicationSecret">Its Base64 secret.</param>
    public CallbackValidatorOptions AddApplication(string applicationKey, string applicationSecret)
    {
        Applications[applicationKey ?? throw new ArgumentNullException(nameof(applicationKey))] =
            applicationSecret ?? throw new ArgumentNullException(nameof(applicationSecret));
        return this;
    }

    /// <summary>Checks every setting and says which one is wrong.</summary>
    /// <exception cref="ArgumentException">A setting is missing or malformed; the message names the application key, never the secret.</exception>
    public virtual void Validate()
    {
        if (Applications.Count == 0)
        {
            throw new ArgumentException("No application is configured: add at least one application key and secret.", nameof(Applications));
        }

        foreach (var application in Applications)
        {
            if (string.IsNullOrWhiteSpace(application.Key))
            {
                throw new ArgumentException("An application key is empty.", nameof(Applications));
            }

            try
            {
                ApplicationSigner.DecodeSecret(application.Value, nameof(Applications));
            }
            catch (ArgumentException e)
            {
                // The inner message without its own "(Parameter 'Applications')": the outer one adds it.
                throw new ArgumentException($"The secret of application '{application.Key}' is invalid: {e.MessageWithoutParameter()}", nameof(Applications));
            }
        }

        if (FreshnessWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("FreshnessWindow must be positive.", nameof(FreshnessWindow));
        }
    }

    /// <summary>Shows the application keys and the window; never a secret.</summary>
    public override string ToString() => $"CallbackValidatorOptions {{ {DescribeValidation()} }}";

    /// <summary>The members shown by <see cref="ToString"/>, for derived options to extend.</summary>
    protected string DescribeValidation() =>
        $"Applications = [{string.Join(", ", Applications.Keys.OrderBy(k => k, StringComparer.Ordinal))}], FreshnessWindow = {FreshnessWindow}";
}
