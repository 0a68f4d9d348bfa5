using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Diagnostics;
using Sinch.Verification.Generated.Resilience;

// In Microsoft's namespace, like AddHttpClient, so that `services.AddSinch...` is found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Sinch Verification clients with <see cref="IHttpClientFactory"/>.</summary>
public static class SinchVerificationServiceCollectionExtensions
{
    /// <summary>The name of the default client and its <see cref="HttpClient"/>.</summary>
    public const string DefaultName = "Sinch.Verification";

    /// <summary>The configuration section bound by default: <c>Sinch:Verification</c>.</summary>
    public const string DefaultConfigurationSection = "Sinch:Verification";

    /// <summary>
    /// Registers <see cref="IVerificationClient"/> (default name), bound to the
    /// <c>Sinch:Verification</c> configuration section when an <see cref="IConfiguration"/> is
    /// registered, then to <paramref name="configure"/>. Options are validated at start-up.
    /// </summary>
    /// <returns>The <see cref="IHttpClientBuilder"/> of the client, for handlers of your own (they run inside authentication).</returns>
    public static IHttpClientBuilder AddSinchVerificationClient(this IServiceCollection services, Action<VerificationClientOptions>? configure = null) =>
        services.AddSinchVerificationClient(DefaultName, DefaultConfigurationSection, configure);

    /// <summary>
    /// Registers a named client (several can live side by side with different credentials);
    /// resolve it with <see cref="IVerificationClientFactory.CreateClient"/>. The default name also
    /// registers <see cref="IVerificationClient"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">Client name; also the options name and the <see cref="HttpClient"/> name.</param>
    /// <param name="configurationSection">Section to bind (e.g. <c>Sinch:Tenants:A</c>); null to bind nothing.</param>
    /// <param name="configure">Applied after configuration binding.</param>
    public static IHttpClientBuilder AddSinchVerificationClient(this IServiceCollection services, string name, string? configurationSection, Action<VerificationClientOptions>? configure = null)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("The client name is missing.", nameof(name));

        var options = services.AddOptions<VerificationClientOptions>(name);
        if (configurationSection is not null)
        {
            options.Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(configurationSection).Bind(o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerificationClientOptions>, VerificationClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VerificationPipelines>();
        services.TryAddSingleton<VerificationSigners>();
        services.TryAddSingleton<IVerificationClientFactory, VerificationClientFactory>();
        // The names given here, so that a mistyped name is a clear error rather than a client on an unconfigured HttpClient.
        services.Configure<VerificationClientNames>(registered => registered.Names.Add(name));
        if (name == DefaultName)
        {
            services.TryAddTransient<IVerificationClient>(sp => sp.GetRequiredService<IVerificationClientFactory>().CreateClient(DefaultName));
        }

        // The same pipeline as VerificationClient.Create (VerificationHttpPipeline), added before
        // handlers of the caller's own. IHttpClientFactory's own loggers go: they log every
        // request's full URL at Information, phone numbers included; the diagnostics handler logs
        // each operation by name instead.
        return services.AddHttpClient(name)
            .RemoveAllLoggers()
            .ConfigureHttpClient((sp, http) => VerificationHttpPipeline.Configure(http, Options(sp, name)))
            .ConfigureAdditionalHttpMessageHandlers((handlers, sp) =>
            {
                var o = Options(sp, name);
                o.Validate();
                var resilience = o.Resilience.Enabled ? sp.GetRequiredService<VerificationPipelines>().Get(name) : null;
                foreach (var handler in VerificationHttpPipeline.CreateHandlers(o, sp.GetRequiredService<TimeProvider>(), Logger(sp), resilience, sp.GetRequiredService<VerificationSigners>().Get(name, o)))
                {
                    handlers.Add(handler);
                }
            });
    }

    private static VerificationClientOptions Options(IServiceProvider sp, string name) =>
        sp.GetRequiredService<IOptionsMonitor<VerificationClientOptions>>().Get(name);

    private static ILogger? Logger(IServiceProvider sp) =>
        sp.GetService<ILoggerFactory>()?.CreateLogger(VerificationClient.LoggerCategory);

    /// <summary>
    /// One resilience pipeline per client name for the life of the container: IHttpClientFactory
    /// recreates handlers every few minutes, and the circuit breaker must outlive them.
    /// </summary>
    private sealed class VerificationPipelines(IServiceProvider services)
    {
        private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

        public ResiliencePipeline<HttpResponseMessage> Get(string name) => _pipelines.GetOrAdd(name, n =>
            VerificationResiliencePipeline.Create(Options(services, n).Resilience, services.GetRequiredService<TimeProvider>(), Logger(services)));
    }

    /// <summary>
    /// One signer per client name for the life of the container, replaced only when the
    /// credentials change: IHttpClientFactory rebuilds handlers every few minutes, and a new
    /// signer each time would leave the old one's pool of keyed HMAC engines to the finalizer.
    /// </summary>
    internal sealed class VerificationSigners
    {
        private readonly ConcurrentDictionary<string, ApplicationSigner> _signers = new();

        /// <summary>The signer for <paramref name="name"/> with these options' credentials; null in Basic mode.</summary>
        public ApplicationSigner? Get(string name, VerificationClientOptions options)
        {
            if (options.Authentication != VerificationAuthentication.Signed)
            {
                return null;
            }

            var key = options.ApplicationKey!;
            var secret = options.ApplicationSecret!;
            return _signers.AddOrUpdate(
                name,
                _ => new ApplicationSigner(key, secret),
                (_, existing) => existing.HasCredentials(key, secret) ? existing : new ApplicationSigner(key, secret));
        }
    }

    private sealed class VerificationClientOptionsValidator : IValidateOptions<VerificationClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, VerificationClientOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"Sinch Verification client '{name}': {e.MessageWithoutParameter()}");
            }
        }
    }

    private sealed class VerificationClientNames
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
    }

    private sealed class VerificationClientFactory(IHttpClientFactory httpClients, IOptions<VerificationClientNames> registered) : IVerificationClientFactory
    {
        public IVerificationClient CreateClient(string name = DefaultName) =>
            registered.Value.Names.Contains(name ?? throw new ArgumentNullException(nameof(name)))
                ? new VerificationClient(httpClients.CreateClient(name))
                : throw new ArgumentException($"No Sinch Verification client is registered as '{name}'; registered: {string.Join(", ", registered.Value.Names)}. Call AddSinchVerificationClient(\"{name}\", ...) first.", nameof(name));
    }
}
