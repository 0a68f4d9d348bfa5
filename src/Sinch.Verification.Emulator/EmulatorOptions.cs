using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Emulator;

/// <summary>Settings of a <see cref="EmulatorService"/> or <see cref="VerificationEmulator"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The application key clients must use (Basic or signed).</summary>
    public string? ApplicationKey { get; set; }

    /// <summary>
    /// The application secret (Base64; missing padding is accepted). Checks incoming requests and
    /// signs outgoing callbacks, like Sinch does. Never logged or shown by <see cref="ToString"/>.
    /// </summary>
    public string? ApplicationSecret { get; set; }

    /// <summary>
    /// Where to POST signed callback events; null sends none. With a URL, every start first asks
    /// it with a <c>VerificationRequestEvent</c> and every end is announced with a
    /// <c>VerificationResultEvent</c>.
    /// </summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>How long the callback has to answer a request event before the verification is DENIED/Invalid callback. Wall-clock time.</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a code stays valid before the verification ends FAIL/Expired (an SMS start or callback may choose its own). Measured on <see cref="TimeProvider"/>.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far a signed request's <c>x-timestamp</c> may be from the emulator's clock, either way.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether the emulated account pays for the calls of flash calls and callouts ("termination
    /// debiting" at Sinch): their status responses then carry <c>price.terminationPrice</c> and
    /// <c>price.billableDuration</c> next to <c>price.verificationPrice</c>. Off by default.
    /// </summary>
    public bool TerminationDebiting { get; set; }

    /// <summary>
    /// Whether an SMS start also sends a signed <c>VerificationSmsDeliveredEvent</c> (<c>smsResult</c>
    /// <c>Successful</c>) to <see cref="CallbackUrl"/> once the SMS is "delivered", in the
    /// background like result events. Off by default: Sinch sends it only where it is enabled.
    /// </summary>
    public bool SmsDeliveredEvents { get; set; }

    /// <summary>
    /// How long an ended verification (and its outbox message) is kept after it ended; then it is
    /// dropped and reading it answers 404/40400, like an unknown one, and its reference may be used
    /// again. Pending verifications are never dropped: they end first (at the latest when they
    /// expire). Measured on <see cref="TimeProvider"/>. A day by default, so a developer's day of
    /// verifications stays readable.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How many ended verifications (with their outbox messages) are kept at most; beyond it the
    /// oldest ended are dropped first, as with <see cref="Retention"/>. 100,000 by default: what
    /// bounds the memory of an emulator that serves a whole team (measured in the root README's
    /// Performance section).
    /// </summary>
    public int MaxEndedVerifications { get; set; } = 100_000;

    /// <summary>
    /// Host names requests may use besides the loopback ones (<c>localhost</c>, <c>127.0.0.1</c>,
    /// <c>[::1]</c>) and those of the URLs the emulator listens on, for example a container's
    /// service name; <c>*</c> allows any. Any other <c>Host</c> gets 400/40000, so that a web page
    /// reaching a developer's emulator through DNS rebinding cannot read its outbox.
    /// </summary>
    public IList<string> AllowedHosts { get; private set; } = new List<string>();

    /// <summary>Largest accepted request body; larger ones get 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The clock for expiry, <c>x-timestamp</c> checks and callback signing; the system clock when
    /// null. Tests pass a fake one (and give the SDK client the same clock).
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Transport for callbacks; a pooled <see cref="SocketsHttpHandler"/> when null. The emulator does not dispose a handler given here.</summary>
    public HttpMessageHandler? CallbackHandler { get; set; }

    /// <summary>
    /// Logging for <see cref="VerificationEmulator.StartAsync"/>; no logging when null. Apps built
    /// with <see cref="VerificationEmulator.CreateApp"/> or the DI extensions use the app's logging.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Checks every setting and says which one is wrong.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message never contains the secret.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApplicationKey))
        {
            throw new ArgumentException("ApplicationKey is missing.", nameof(ApplicationKey));
        }

        try
        {
            // Decodes the secret the way incoming signatures will need it.
            _ = new ApplicationSigner(ApplicationKey!, ApplicationSecret!);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"ApplicationSecret is invalid: {e.Message}", nameof(ApplicationSecret));
        }

        if (CallbackUrl is not null && (!CallbackUrl.IsAbsoluteUri || (CallbackUrl.Scheme != Uri.UriSchemeHttp && CallbackUrl.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("CallbackUrl must be an absolute http(s) URL.", nameof(CallbackUrl));
        }

        RequirePositive(CallbackTimeout, nameof(CallbackTimeout));
        RequirePositive(Expiry, nameof(Expiry));
        RequirePositive(MaxClockSkew, nameof(MaxClockSkew));
        RequirePositive(Retention, nameof(Retention));
        if (MaxEndedVerifications < 1)
        {
            throw new ArgumentException("MaxEndedVerifications must be at least 1.", nameof(MaxEndedVerifications));
        }

        // Each entry is compared whole with the Host header's name: one that is no host name (a
        // scheme, a port, a path, a *.domain pattern) could never match, and would only look allowed.
        if (AllowedHosts.Any(h => h != "*" && Uri.CheckHostName(h) == UriHostNameType.Unknown))
        {
            throw new ArgumentException("AllowedHosts takes host names without scheme, port or path, such as emulator, 10.0.0.5 or [::1], or * for any host; patterns such as *.example.com are not supported.", nameof(AllowedHosts));
        }

        if (MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException("MaxRequestBodyBytes must be at least 1024.", nameof(MaxRequestBodyBytes));
        }
    }

    /// <summary>Shows the settings with the secret hidden.</summary>
    public override string ToString() =>
        $"EmulatorOptions {{ ApplicationKey = {ApplicationKey}, ApplicationSecret = {(string.IsNullOrEmpty(ApplicationSecret) ? "(none)" : "***")}, CallbackUrl = {CallbackUrl?.ToString() ?? "(none)"}, Expiry = {Expiry}, CallbackTimeout = {CallbackTimeout}, Retention = {Retention}, MaxEndedVerifications = {MaxEndedVerifications} }}";

    /// <summary>A copy, so later changes by the caller do not reach a running emulator.</summary>
    internal EmulatorOptions Clone()
    {
        var copy = (EmulatorOptions)MemberwiseClone();
        copy.AllowedHosts = new List<string>(AllowedHosts);
        return copy;
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive.", name);
        }
    }
}
