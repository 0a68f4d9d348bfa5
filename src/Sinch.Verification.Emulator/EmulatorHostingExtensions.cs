using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Emulator.Api;

namespace Sinch.Verification.Emulator;

/// <summary>Registers an <see cref="EmulatorService"/> in a service collection.</summary>
public static class EmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="EmulatorService"/> singleton, logging through the app's
    /// <see cref="ILoggerFactory"/>; the container disposes it. Map it with
    /// <see cref="EmulatorEndpointRouteBuilderExtensions.MapVerificationEmulator(IEndpointRouteBuilder)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (checked here, not at first use).</exception>
    public static IServiceCollection AddVerificationEmulator(this IServiceCollection services, EmulatorOptions options)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (options is null) throw new ArgumentNullException(nameof(options));
        options = options.Clone();
        options.Validate();
        services.AddSingleton(provider => new EmulatorService(options, provider.GetService<ILoggerFactory>()));
        return services;
    }
}

/// <summary>Serves an <see cref="EmulatorService"/> from an app's endpoints.</summary>
public static class EmulatorEndpointRouteBuilderExtensions
{
    /// <summary>Maps the emulator registered with <see cref="EmulatorServiceCollectionExtensions.AddVerificationEmulator"/>.</summary>
    public static IEndpointConventionBuilder MapVerificationEmulator(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints is null) throw new ArgumentNullException(nameof(endpoints));
        return endpoints.MapVerificationEmulator(endpoints.ServiceProvider.GetRequiredService<EmulatorService>());
    }

    /// <summary>
    /// Maps Sinch's Verification API at <c>/verification/v1/…</c> (every verb and path beneath it,
    /// so unknown ones get Sinch's 404/405 shape), the outbox at <c>/emulator/outbox/…</c>, the
    /// target URIs of seamless verifications at <c>/emulator/seamless/…</c>, the stats at
    /// <c>/emulator/stats</c> and the OpenAPI description of these emulator endpoints at
    /// <c>/emulator/openapi.yaml</c>.
    /// </summary>
    /// <returns>A builder for both routes, e.g. to add metadata.</returns>
    public static IEndpointConventionBuilder MapVerificationEmulator(this IEndpointRouteBuilder endpoints, EmulatorService emulator)
    {
        if (endpoints is null) throw new ArgumentNullException(nameof(endpoints));
        if (emulator is null) throw new ArgumentNullException(nameof(emulator));
        var group = endpoints.MapGroup(string.Empty);
        group.Map(ApiHandler.Prefix + "/{**" + HttpExchange.RestRouteValue + "}", (RequestDelegate)emulator.HandleApiAsync);
        group.Map(OutboxHandler.Prefix + "/{**" + HttpExchange.RestRouteValue + "}", (RequestDelegate)emulator.HandleOutboxAsync);
        group.Map(SeamlessHandler.Prefix + "/{**" + HttpExchange.RestRouteValue + "}", (RequestDelegate)emulator.HandleSeamlessAsync);
        group.Map(StatsHandler.Path, (RequestDelegate)emulator.HandleStatsAsync);
        group.Map(DescriptionHandler.Path, (RequestDelegate)emulator.HandleDescriptionAsync);
        return group;
    }
}
