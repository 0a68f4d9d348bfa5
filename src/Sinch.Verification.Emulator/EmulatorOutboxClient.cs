using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator;

/// <summary>Reads an emulator's outbox over HTTP; see <see cref="EmulatorOutboxClient"/>.</summary>
public interface IEmulatorOutboxClient
{
    /// <summary>
    /// What reached the phone for one verification (its code in <see cref="OutboxMessage.Code"/>),
    /// or null when the emulator sent nothing for it (unknown id, denied by your callback, or
    /// dropped by retention).
    /// </summary>
    /// <param name="verificationId">The <c>id</c> the start answered.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">The emulator answered with another error, or not as an emulator.</exception>
    Task<OutboxMessage?> GetByVerificationIdAsync(string verificationId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Reads the outbox of an emulator running in another process (<c>sinch-verification emulator</c>,
/// or a <see cref="VerificationEmulator"/> elsewhere) at <c>GET /emulator/outbox/{verificationId}</c>:
/// how a test or a "try it locally" program learns the PIN to report. Not part of Sinch's API.
/// Thread-safe; in the same process, <see cref="VerificationEmulator.Outbox"/> is simpler.
/// </summary>
public sealed class EmulatorOutboxClient : IEmulatorOutboxClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _outboxUrl;

    /// <summary>Creates a client for the emulator at <paramref name="emulatorUrl"/>.</summary>
    /// <param name="emulatorUrl">
    /// The emulator's address (<c>http://127.0.0.1:5080</c>) or the API base URL given to the SDK
    /// client (<c>http://127.0.0.1:5080/verification/v1</c>): either works.
    /// </param>
    /// <param name="httpClient">An HttpClient to use (not disposed here); a new one when null.</param>
    /// <exception cref="ArgumentException"><paramref name="emulatorUrl"/> is not an absolute http(s) URL.</exception>
    public EmulatorOutboxClient(Uri emulatorUrl, HttpClient? httpClient = null)
    {
        _outboxUrl = new Uri(OutboxUrl(emulatorUrl) + "/");
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient();
    }

    /// <summary>How many messages a page of the outbox holds when the reader asks for no <c>limit</c>.</summary>
    public const int DefaultPageSize = Api.OutboxHandler.DefaultLimit;

    /// <summary>The most messages one page of the outbox holds (the largest <c>limit</c> it takes).</summary>
    public const int MaxPageSize = Api.OutboxHandler.MaxLimit;

    /// <summary>
    /// The outbox's URL (<c>http://127.0.0.1:5080/emulator/outbox</c>) from an emulator's address
    /// or the API base URL given to the SDK client (<c>…/verification/v1</c>): it lives beside the API.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="emulatorUrl"/> is not an absolute http(s) URL.</exception>
    public static Uri OutboxUrl(Uri emulatorUrl)
    {
        if (emulatorUrl is null) throw new ArgumentNullException(nameof(emulatorUrl));
        if (!emulatorUrl.IsAbsoluteUri || (emulatorUrl.Scheme != Uri.UriSchemeHttp && emulatorUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The emulator's URL must be an absolute http(s) URL such as http://127.0.0.1:5080.", nameof(emulatorUrl));
        }

        var path = emulatorUrl.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(Api.ApiHandler.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            path = path.Substring(0, path.Length - Api.ApiHandler.Prefix.Length);
        }

        return new Uri(emulatorUrl, path + Api.OutboxHandler.Prefix);
    }

    /// <inheritdoc/>
    public async Task<OutboxMessage?> GetByVerificationIdAsync(string verificationId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(verificationId)) throw new ArgumentException("The verification id is missing.", nameof(verificationId));

        using var response = await _http.GetAsync(new Uri(_outboxUrl, Uri.EscapeDataString(verificationId)), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JObject json;
        try
        {
            // The timestamp stays the string the emulator wrote, not a DateTime of the reader's guessing.
            using var reader = new Newtonsoft.Json.JsonTextReader(new System.IO.StringReader(body)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            json = JObject.Load(reader);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            throw NotAnOutbox(response, "without JSON");
        }

        // Only the outbox's own "nothing sent" is null; any other 404 (a wrong path, another
        // server) would otherwise read as "no message yet".
        if (response.StatusCode == HttpStatusCode.NotFound
            && (int?)json["errorCode"] == Api.ErrorCodes.NotFound
            && (string?)json["message"] == Api.EmulatorApiException.NotFound(Api.OutboxHandler.NothingSent).Message)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The emulator's outbox answered {(int)response.StatusCode}: {LogText.Safe((string?)json["message"])}");
        }

        string Required(string name) => json[name] is JValue { Type: Newtonsoft.Json.Linq.JTokenType.String } value ? (string)value! : throw NotAnOutbox(response, $"without the message's {name}");
        return new OutboxMessage(
            Required("verificationId"),
            VerificationMethod.Parse(Required("method")),
            Required("to"),
            (string?)json["from"],
            Required("code"),
            Required("text"),
            Required("summary"),
            DateTimeOffset.TryParse(Required("sentAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var sentAt) ? sentAt : throw NotAnOutbox(response, "with a sentAt that is no time"));
    }

    private InvalidOperationException NotAnOutbox(HttpResponseMessage response, string what) =>
        new($"{_outboxUrl} answered {(int)response.StatusCode} {what}: is an emulator listening there?");

    /// <summary>Disposes the HttpClient it created (not one it was given).</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
