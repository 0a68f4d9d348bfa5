using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.AspNetCore;

/// <summary>Registers what the Sinch verification callback endpoint needs.</summary>
public static class SinchVerificationServiceCollectionExtensions
{
    /// <summary>The configuration section bound by default: <c>Sinch:Verification</c>, the client's own.</summary>
    public const string DefaultConfigurationSection = global::Microsoft.Extensions.DependencyInjection.SinchVerificationServiceCollectionExtensions.DefaultConfigurationSection;

    /// <summary>
    /// Registers the callback endpoint's services with the application of the
    /// <c>Sinch:Verification</c> configuration section: its <c>ApplicationKey</c> and
    /// <c>ApplicationSecret</c>, the same settings <c>AddSinchVerificationClient()</c> binds, so one
    /// section configures both. The section may also set <c>Applications</c> (key → secret, for
    /// several applications on one URL), <c>FreshnessWindow</c>, <c>MaxBodySize</c> and <c>PublicPath</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// Validated when the host starts: a missing key or a secret that is not Base64 stops the
    /// start with one line naming the setting, e.g. <c>Sinch:Verification:ApplicationSecret</c>.
    /// </remarks>
    public static IServiceCollection AddSinchVerificationCallbacks(this IServiceCollection services) =>
        services.AddSinchVerificationCallbacks(DefaultConfigurationSection, configure: null);

    /// <summary>
    /// Registers the callback endpoint's services bound to <paramref name="configurationSection"/>
    /// (its <c>ApplicationKey</c> and <c>ApplicationSecret</c>, and <c>Applications</c>,
    /// <c>FreshnessWindow</c>, <c>MaxBodySize</c>, <c>PublicPath</c>), then to <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configurationSection">The section to bind, e.g. <c>Sinch:Tenants:A</c>.</param>
    /// <param name="configure">Applied after configuration binding; null for none.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSinchVerificationCallbacks(this IServiceCollection services, string configurationSection, Action<SinchVerificationCallbackOptions>? configure = null)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (string.IsNullOrWhiteSpace(configurationSection)) throw new ArgumentException("The configuration section is missing.", nameof(configurationSection));

        services.AddOptions<SinchVerificationCallbackOptions>()
            .Configure<IServiceProvider>((o, sp) => Bind(o, sp.GetService<IConfiguration>()?.GetSection(configurationSection), configurationSection));
        return services.AddSinchVerificationCallbacks(configure ?? (_ => { }));
    }

    /// <summary>
    /// Registers everything of <see cref="AddSinchVerificationCallbacks(IServiceCollection)"/> (the
    /// <c>Sinch:Verification</c> section) and <typeparamref name="THandler"/> as the scoped
    /// <see cref="ISinchVerificationCallbackHandler"/>.
    /// </summary>
    /// <typeparam name="THandler">Your handler; it may depend on any registered service.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSinchVerificationCallbacks<THandler>(this IServiceCollection services)
        where THandler : class, ISinchVerificationCallbackHandler
    {
        services.AddSinchVerificationCallbacks();
        services.AddScoped<ISinchVerificationCallbackHandler, THandler>();
        return services;
    }

    /// <summary>
    /// Registers the options, a singleton <see cref="CallbackValidator"/> (usable on its own too)
    /// and the endpoint's services. Register an <see cref="ISinchVerificationCallbackHandler"/>
    /// as well, or use the generic overload, unless the endpoint is mapped with delegates.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the applications and, optionally, the window, body limit and public path.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// The options are validated when the host starts. The clock is the registered
    /// <see cref="TimeProvider"/>, or the system clock when none is registered.
    /// </remarks>
    public static IServiceCollection AddSinchVerificationCallbacks(this IServiceCollection services, Action<SinchVerificationCallbackOptions> configure)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (configure is null) throw new ArgumentNullException(nameof(configure));

        services.AddOptions<SinchVerificationCallbackOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SinchVerificationCallbackOptions>, OptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new CallbackValidator(
            provider.GetRequiredService<IOptions<SinchVerificationCallbackOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<VerificationCallbackEndpoint>();
        return services;
    }

    /// <summary>
    /// Registers everything of <see cref="AddSinchVerificationCallbacks(IServiceCollection, Action{SinchVerificationCallbackOptions})"/>
    /// and <typeparamref name="THandler"/> as the scoped <see cref="ISinchVerificationCallbackHandler"/>.
    /// </summary>
    /// <typeparam name="THandler">Your handler; it may depend on any registered service.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the applications and, optionally, the window, body limit and public path.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSinchVerificationCallbacks<THandler>(this IServiceCollection services, Action<SinchVerificationCallbackOptions> configure)
        where THandler : class, ISinchVerificationCallbackHandler
    {
        services.AddSinchVerificationCallbacks(configure);
        services.AddScoped<ISinchVerificationCallbackHandler, THandler>();
        return services;
    }

    private static void Bind(SinchVerificationCallbackOptions options, IConfigurationSection? section, string path)
    {
        if (section is null)
        {
            return;
        }

        section.Bind(options);
        var key = section["ApplicationKey"];
        var secret = section["ApplicationSecret"];
        if (key is null && secret is null)
        {
            foreach (var application in options.Applications.Keys)
            {
                options.SettingNames[application] = $"{path}:Applications:{application}";
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            // A secret without its key: the validator names the missing setting.
            options.MissingSetting ??= $"{path}:ApplicationKey";
            return;
        }

        options.AddApplication(key!, secret ?? string.Empty);
        options.SettingNames[key!] = $"{path}:ApplicationSecret";
    }

    private sealed class OptionsValidator : IValidateOptions<SinchVerificationCallbackOptions>
    {
        public ValidateOptionsResult Validate(string? name, SinchVerificationCallbackOptions options)
        {
            // One line that names the setting; the messages name keys, never secrets.
            if (options.MissingSetting is not null)
            {
                return ValidateOptionsResult.Fail($"Sinch Verification callbacks: {options.MissingSetting} is missing.");
            }

            foreach (var application in options.Applications)
            {
                try
                {
                    new CallbackValidatorOptions().AddApplication(application.Key, application.Value).Validate();
                }
                catch (ArgumentException e)
                {
                    var setting = options.SettingNames.TryGetValue(application.Key, out var path) ? path + ": " : string.Empty;
                    return ValidateOptionsResult.Fail($"Sinch Verification callbacks: {setting}{e.MessageWithoutParameter()}");
                }
            }

            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                var hint = options.Applications.Count == 0
                    ? $" Set {DefaultConfigurationSection}:ApplicationKey and :ApplicationSecret, or call AddApplication."
                    : string.Empty;
                return ValidateOptionsResult.Fail($"Sinch Verification callbacks: {e.MessageWithoutParameter()}{hint}");
            }
        }
    }
}
