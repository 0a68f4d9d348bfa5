using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.Diagnostics;
using Sinch.Verification.Emulator.Validation;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Emulator.Callbacks;

/// <summary>
/// POSTs callback events to the configured URL, signed like Sinch signs them: the application's
/// own key and secret, the scheme word in lower case (<see cref="ApplicationSigner.CallbackScheme"/>),
/// <c>Content-Type: application/json; charset=utf-8</c>, and the path of the callback URL. A request event is awaited (its reply decides the verification); result events
/// are sent in the background and tracked, so <see cref="WaitForDeliveriesAsync"/> can wait for them.
/// </summary>
internal sealed class CallbackSender : IAsyncDisposable, IDisposable
{
    private const string ContentType = "application/json; charset=utf-8";
    private const int MaxReplyBytes = 64 * 1024;

    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly ApplicationSigner _signer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    public CallbackSender(Uri url, ApplicationSigner signer, HttpMessageHandler? handler, TimeProvider time, TimeSpan timeout, ILogger logger)
    {
        _url = url;
        _signer = signer;
        _time = time;
        _timeout = timeout;
        _logger = logger;

        // The timeout is enforced per event with a token; the client's own timeout stays out of
        // the way. A handler passed in by the caller belongs to the caller.
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.MaxResponseContentBufferSize = MaxReplyBytes;
    }

    /// <summary>
    /// Sends a <see cref="VerificationRequestEvent"/> and reads the reply. Never throws: any
    /// failure (unreachable, non-2xx, not the reply schema, later than the timeout) is
    /// <see cref="CallbackVerdict.Invalid"/>.
    /// </summary>
    public async Task<CallbackDecision> AskAsync(VerificationRequestEvent requestEvent)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        timeout.CancelAfter(_timeout);
        CallbackDecision decision;
        try
        {
            var schemas = await SpecSchemas.GetAsync(timeout.Token).ConfigureAwait(false);
            using var response = await PostAsync(requestEvent, timeout.Token).ConfigureAwait(false);
            decision = response.IsSuccessStatusCode
                ? ReadDecision(schemas, await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false))
                : CallbackDecision.Invalid($"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            decision = CallbackDecision.Invalid(_shutdown.IsCancellationRequested ? "the emulator is stopping" : $"no answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException e)
        {
            decision = CallbackDecision.Invalid("request failed: " + e.Message);
        }
        catch (Exception e)
        {
            // Whatever else goes wrong (a reply no check foresaw), the start that waits for this
            // answer must still end its verification, never leave it PENDING behind a 500.
            decision = CallbackDecision.Invalid($"unexpected {e.GetType().Name}: {e.Message}");
        }

        if (decision.Verdict == CallbackVerdict.Invalid)
        {
            Log.CallbackFailed(_logger, nameof(VerificationRequestEvent), requestEvent.Id, decision.Detail);
        }

        return decision;
    }

    /// <summary>Sends a <see cref="VerificationResultEvent"/> in the background; failures are logged.</summary>
    public void Announce(VerificationResultEvent resultEvent) => AnnounceInBackground(resultEvent, nameof(VerificationResultEvent), resultEvent.Id);

    /// <summary>Sends a <see cref="VerificationSmsDeliveredEvent"/> in the background; failures are logged.</summary>
    public void Announce(VerificationSmsDeliveredEvent deliveredEvent) => AnnounceInBackground(deliveredEvent, nameof(VerificationSmsDeliveredEvent), deliveredEvent.Id);

    private void AnnounceInBackground(object callbackEvent, string eventType, string id)
    {
        var delivery = Task.Run(() => DeliverAsync(callbackEvent, eventType, id));
        _inFlight.TryAdd(delivery, 0);
        delivery.ContinueWith(
            static (task, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(task, out _),
            _inFlight,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Completes when every result event announced so far (and any announced meanwhile) has been delivered or has failed.</summary>
    public async Task WaitForDeliveriesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var pending = _inFlight.Keys.ToArray();
            if (pending.Length == 0)
            {
                return;
            }

            // Deliveries never fault (DeliverAsync catches everything), so WhenAll just waits.
            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var task in pending)
            {
                _inFlight.TryRemove(task, out _);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        try
        {
            await WaitForDeliveriesAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A handler that ignores cancellation must not keep the emulator from stopping.
        }

        Dispose();
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        _http.Dispose();
    }

    private async Task DeliverAsync(object callbackEvent, string eventType, string id)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await PostAsync(callbackEvent, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Log.CallbackDelivered(_logger, eventType, id, (int)response.StatusCode);
            }
            else
            {
                Log.CallbackFailed(_logger, eventType, id, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            Log.CallbackFailed(_logger, eventType, id, e is OperationCanceledException ? "timed out or cancelled" : e.Message);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while sending.
        }
    }

    private async Task<HttpResponseMessage> PostAsync(object callbackEvent, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(VerificationJson.Serialize(callbackEvent));
        var timestamp = ApplicationSigner.FormatTimestamp(_time.GetUtcNow());

        // The receiver checks the signature over the path it sees on the wire: AbsolutePath is
        // that path (percent-encoded as sent), without the query.
        var authorization = _signer.CreateAuthorizationParameter("POST", _url.AbsolutePath, ContentType, body, timestamp);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        request.Headers.TryAddWithoutValidation(ApplicationSigner.TimestampHeader, timestamp);
        // Lower case, as Sinch's production callbacks: Sinch's .NET SDK compares the word exactly.
        request.Headers.TryAddWithoutValidation("Authorization", ApplicationSigner.CallbackScheme + " " + authorization);
        return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static CallbackDecision ReadDecision(SpecSchemas schemas, byte[] body)
    {
        VerificationRequestEventResponse reply;
        try
        {
            // Read exactly like a request body: strict JSON, null means absent, the spec's member
            // names, its limits as JSON Schema means them.
            reply = new RequestValidator(schemas).ValidateReply(JsonBody.Parse(body));
        }
        catch (EmulatorApiException e)
        {
            return CallbackDecision.Invalid("the reply is not a VerificationRequestEventResponse: " + e.Message);
        }

        if (reply.Action == VerificationAction.Deny)
        {
            return new CallbackDecision(CallbackVerdict.Deny, null, "deny");
        }

        // The engine reads the object of the verification's own method; the schema has checked its shape.
        return new CallbackDecision(CallbackVerdict.Allow, reply, "allow");
    }
}
