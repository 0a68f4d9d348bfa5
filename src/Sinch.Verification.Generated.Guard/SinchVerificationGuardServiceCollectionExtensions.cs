using System;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Guard;

// In Microsoft's namespace, like AddSinchVerificationClient, so that `services.AddSinch...` is found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the verification guard in front of the client that <c>AddSinchVerificationClient</c> registered.</summary>
public static class SinchVerificationGuardServiceCollectionExtensions
{
    /// <summary>
    /// Puts a <see cref="VerificationGuard"/> (a singleton, bound to <c>Sinch:Verification:Guard</c>
    /// and validated at start-up) in front of <see cref="IVerificationClient"/>: call it after
    /// <c>AddSinchVerificationClient()</c>. Resolving <see cref="IVerificationClient"/> then gives a
    /// <see cref="GuardedVerificationClient"/> (also registered as <see cref="IGuardedVerificationClient"/>,
    /// whose start takes the caller); or name the caller of a start with <see cref="GuardedVerificationClient.ForCaller"/>.
    /// </summary>
    /// <remarks>
    /// Calling it again only adds <paramref name="configure"/>. Named clients from
    /// <see cref="IVerificationClientFactory"/> are not guarded: wrap them with
    /// <see cref="GuardedVerificationClient"/> and the registered <see cref="VerificationGuard"/>.
    /// </remarks>
    /// <exception cref="InvalidOperationException">No <see cref="IVerificationClient"/> is registered yet.</exception>
    public static IServiceCollection AddSinchVerificationGuard(this IServiceCollection services, Action<VerificationGuardOptions>? configure = null)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));

        // Once only: a second call would wrap the guarded client in itself.
        if (services.Any(d => d.ServiceType == typeof(IGuardedVerificationClient)))
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return services;
        }

        var client = services.LastOrDefault(d => d.ServiceType == typeof(IVerificationClient))
            ?? throw new InvalidOperationException("AddSinchVerificationGuard wraps the verification client: call services.AddSinchVerificationClient() first.");

        var options = services.AddOptions<VerificationGuardOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(VerificationGuardOptions.DefaultConfigurationSection).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerificationGuardOptions>, GuardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new VerificationGuard(sp.GetRequiredService<IOptions<VerificationGuardOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));

        // The registered client, wrapped: the same lifetime, built the same way.
        services.Remove(client);
        services.Add(new ServiceDescriptor(typeof(IGuardedVerificationClient), sp => new GuardedVerificationClient(Inner(sp, client), sp.GetRequiredService<VerificationGuard>()), client.Lifetime));
        services.Add(new ServiceDescriptor(typeof(IVerificationClient), sp => sp.GetRequiredService<IGuardedVerificationClient>(), client.Lifetime));
        return services;
    }

    // A bad setting stops the start with one line naming it, like the client's own options.
    private sealed class GuardOptionsValidator : IValidateOptions<VerificationGuardOptions>
    {
        public ValidateOptionsResult Validate(string? name, VerificationGuardOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"{VerificationGuardOptions.DefaultConfigurationSection}: {e.MessageWithoutParameter()}");
            }
        }
    }

    private static IVerificationClient Inner(IServiceProvider services, ServiceDescriptor client) =>
        (IVerificationClient)(client.ImplementationInstance
            ?? client.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, client.ImplementationType!));
}
