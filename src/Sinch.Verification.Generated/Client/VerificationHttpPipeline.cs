using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Diagnostics;
using Sinch.Verification.Generated.Resilience;

namespace Sinch.Verification.Generated;

/// <summary>
/// The one description of the client's HTTP pipeline, used by <see cref="VerificationClient.Create"/>
/// and by <c>AddSinchVerificationClient</c> alike: the handlers, outermost first, and the
/// <see cref="HttpClient"/> settings (base address, total timeout, User-Agent).
/// </summary>
internal static class VerificationHttpPipeline
{
    /// <summary>
    /// Diagnostics (one span and log line per operation) → resilience (when enabled: timeouts,
    /// retries, breaker) → authentication (signed per attempt, so each retry gets a fresh timestamp).
    /// </summary>
    // resilience and signer: objects that must outlive the handlers (dependency injection rebuilds
    // handlers every few minutes; the breaker's state and the signer's HMAC pool must survive).
    // Built here when null.
    public static IEnumerable<DelegatingHandler> CreateHandlers(VerificationClientOptions options, TimeProvider? timeProvider, ILogger? logger, ResiliencePipeline<HttpResponseMessage>? resilience = null, ApplicationSigner? signer = null)
    {
        yield return new VerificationDiagnosticsHandler(logger);
        if (options.Resilience.Enabled)
        {
            yield return VerificationResiliencePipeline.CreateHandler(resilience ?? VerificationResiliencePipeline.Create(options.Resilience, timeProvider, logger));
        }

        yield return new VerificationAuthenticationHandler(options, timeProvider, signer);
    }

    public static void Configure(HttpClient http, VerificationClientOptions options)
    {
        http.BaseAddress = options.GetBaseAddress();
        options.Resilience.ApplyTo(http);
        http.DefaultRequestHeaders.Remove("User-Agent");
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent(options.ApplicationUserAgent));
    }

    /// <summary><c>Sinch.Verification.Generated/1.2.0 (.NET 10.0.0; Linux 6.1.0)</c>, then the application's own product tokens.</summary>
    internal static string UserAgent(string? application) =>
        string.IsNullOrWhiteSpace(application) ? SdkUserAgent : SdkUserAgent + " " + application!.Trim();

    private static readonly string SdkUserAgent = CreateSdkUserAgent();

    private static string CreateSdkUserAgent()
    {
        var version = typeof(VerificationHttpPipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(VerificationHttpPipeline).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var build = version.IndexOf('+');
        version = build < 0 ? version : version.Substring(0, build); // without the commit hash
        var runtime = RuntimeInformation.FrameworkDescription.Trim(); // ".NET 10.0.0", ".NET Framework 4.8.9290.0"
        return $"Sinch.Verification.Generated/{version} ({CommentText(runtime)}; {CommentText(RuntimeInformation.OSDescription)})";
    }

    // A User-Agent comment may not hold unbalanced parentheses, a backslash or control
    // characters; OS descriptions sometimes do ("Linux 6.1.0 #1 SMP Debian (2024-02-01)"). A ';'
    // would add a section to "(.NET <runtime>; <os>)" (macOS: "Darwin 23.1.0 ...; root:xnu-...").
    private static string CommentText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= ' ' and <= '~' and not '(' and not ')' and not '\\' && !(c == ' ' && builder.Length > 0 && builder[builder.Length - 1] == ' '))
            {
                builder.Append(c == ';' ? ',' : c);
            }
        }

        var clean = builder.ToString().Trim();
        return clean.Length > 80 ? clean.Substring(0, 80).TrimEnd() : clean;
    }
}
