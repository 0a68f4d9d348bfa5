using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sinch.Verification.Generated.AspNetCore;

/// <summary>Maps the endpoint that receives Sinch verification callbacks.</summary>
public static class SinchVerificationEndpointRouteBuilderExtensions
{
    private const string DisplayName = "Sinch verification callbacks";

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive every verification callback of the
    /// configured applications, dispatching each to the <see cref="ISinchVerificationCallbackHandler"/>
    /// resolved from the request's services.
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, such as <c>/sinch/verification</c>: the path of the callback URL in the Sinch dashboard.</param>
    /// <returns>The endpoint's convention builder, to add metadata or filters.</returns>
    /// <remarks>
    /// Answers 415 unless the Content-Type is JSON in UTF-8, 413 above the body limit, 401 (empty)
    /// unless the signature and timestamp are valid, 400 when the body is not a callback, 200 with
    /// the reply for request events and an empty 200 for the others, unknown kinds included.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The services or the handler are not registered.</exception>
    public static IEndpointConventionBuilder MapSinchVerificationCallbacks(this IEndpointRouteBuilder endpoints, string pattern)
    {
        var endpoint = GetEndpoint(endpoints, pattern);
        var registered = endpoints.ServiceProvider.GetService<IServiceProviderIsService>();
        if (registered is not null && !registered.IsService(typeof(ISinchVerificationCallbackHandler)))
        {
            throw new InvalidOperationException(
                "No ISinchVerificationCallbackHandler is registered: use services.AddSinchVerificationCallbacks<YourHandler>(...), or map the endpoint with delegates.");
        }

        return endpoints
            .MapPost(pattern, context => endpoint.HandleAsync(context, context.RequestServices.GetRequiredService<ISinchVerificationCallbackHandler>()))
            .WithDisplayName(DisplayName);
    }

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive every verification callback, handled by
    /// the given delegates instead of a registered handler.
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route: the path of the callback URL in the Sinch dashboard.</param>
    /// <param name="onRequest">Decides a request event; build the answer with <c>VerificationCallbackReply</c>.</param>
    /// <param name="onResult">Receives result events; ignored when null.</param>
    /// <param name="onSmsDelivered">Receives SMS delivery events; ignored when null.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSinchVerificationCallbacks</c> was not called.</exception>
    public static IEndpointConventionBuilder MapSinchVerificationCallbacks(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        Func<VerificationRequestEvent, CancellationToken, Task<VerificationRequestEventResponse>> onRequest,
        Func<VerificationResultEvent, CancellationToken, Task>? onResult = null,
        Func<VerificationSmsDeliveredEvent, CancellationToken, Task>? onSmsDelivered = null)
    {
        if (onRequest is null) throw new ArgumentNullException(nameof(onRequest));
        var endpoint = GetEndpoint(endpoints, pattern);
        var handler = new DelegateHandler(onRequest, onResult, onSmsDelivered);
        return endpoints
            .MapPost(pattern, context => endpoint.HandleAsync(context, handler))
            .WithDisplayName(DisplayName);
    }

    private static VerificationCallbackEndpoint GetEndpoint(IEndpointRouteBuilder endpoints, string pattern)
    {
        if (endpoints is null) throw new ArgumentNullException(nameof(endpoints));
        if (pattern is null) throw new ArgumentNullException(nameof(pattern));

        // Resolved now so that a missing registration or invalid options fail at startup, not
        // on the first callback.
        return endpoints.ServiceProvider.GetService<VerificationCallbackEndpoint>()
            ?? throw new InvalidOperationException("Call services.AddSinchVerificationCallbacks(...) before mapping the Sinch verification callbacks.");
    }

    private sealed class DelegateHandler(
        Func<VerificationRequestEvent, CancellationToken, Task<VerificationRequestEventResponse>> onRequest,
        Func<VerificationResultEvent, CancellationToken, Task>? onResult,
        Func<VerificationSmsDeliveredEvent, CancellationToken, Task>? onSmsDelivered) : ISinchVerificationCallbackHandler
    {
        public Task<VerificationRequestEventResponse> OnRequestAsync(VerificationRequestEvent request, CancellationToken cancellationToken) =>
            onRequest(request, cancellationToken);

        public Task OnResultAsync(VerificationResultEvent result, CancellationToken cancellationToken) =>
            onResult?.Invoke(result, cancellationToken) ?? Task.CompletedTask;

        public Task OnSmsDeliveredAsync(VerificationSmsDeliveredEvent delivery, CancellationToken cancellationToken) =>
            onSmsDelivered?.Invoke(delivery, cancellationToken) ?? Task.CompletedTask;
    }
}
