using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.AspNetCore;

/// <summary>Registers what the Sinch verification callback endpoint needs.</summary>
public static class SinchVerificationServiceCollectionExtensions
{
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

    private sealed class OptionsValidator : IValidateOptions<SinchVerificationCallbackOptions>
    {
        public ValidateOptionsResult Validate(string? name, SinchVerificationCallbackOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                // The messages name settings and keys, never secrets.
                return ValidateOptionsResult.Fail($"SinchVerificationCallbackOptions: {e.Message}");
            }
        }
    }
}
