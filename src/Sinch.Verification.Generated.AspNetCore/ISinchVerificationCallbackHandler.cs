using System.Threading;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.AspNetCore;

/// <summary>
/// Your code for the callbacks of <see cref="SinchVerificationEndpointRouteBuilderExtensions.MapSinchVerificationCallbacks(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string)"/>:
/// one method per event kind. Resolved from the request's services (scoped), and called only for
/// callbacks whose signature and freshness have been checked.
/// </summary>
/// <remarks>Derive from <see cref="SinchVerificationCallbackHandler"/> to override only what you need.</remarks>
public interface ISinchVerificationCallbackHandler
{
    /// <summary>
    /// Sinch asks whether to go ahead with a verification; return the decision, built with
    /// <see cref="VerificationCallbackReply"/>. Answer quickly: a late answer ends the
    /// verification <c>DENIED</c>.
    /// </summary>
    /// <param name="request">The event.</param>
    /// <param name="cancellationToken">Cancelled when Sinch gives up on the request.</param>
    Task<VerificationRequestEventResponse> OnRequestAsync(VerificationRequestEvent request, CancellationToken cancellationToken);

    /// <summary>The final outcome of a verification; Sinch gets an empty 200 when this completes.</summary>
    /// <param name="result">The event.</param>
    /// <param name="cancellationToken">Cancelled when Sinch gives up on the request.</param>
    Task OnResultAsync(VerificationResultEvent result, CancellationToken cancellationToken);

    /// <summary>Whether the SMS was delivered; Sinch gets an empty 200 when this completes.</summary>
    /// <param name="delivery">The event.</param>
    /// <param name="cancellationToken">Cancelled when Sinch gives up on the request.</param>
    Task OnSmsDeliveredAsync(VerificationSmsDeliveredEvent delivery, CancellationToken cancellationToken);
}

/// <summary>
/// A handler with defaults: result and delivery events are acknowledged and ignored. The request
/// decision has no default on purpose; allowing or denying is yours to choose.
/// </summary>
public abstract class SinchVerificationCallbackHandler : ISinchVerificationCallbackHandler
{
    /// <inheritdoc />
    public abstract Task<VerificationRequestEventResponse> OnRequestAsync(VerificationRequestEvent request, CancellationToken cancellationToken);

    /// <inheritdoc />
    public virtual Task OnResultAsync(VerificationResultEvent result, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task OnSmsDeliveredAsync(VerificationSmsDeliveredEvent delivery, CancellationToken cancellationToken) => Task.CompletedTask;
}
