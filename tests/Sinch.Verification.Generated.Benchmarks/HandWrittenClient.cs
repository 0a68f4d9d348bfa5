using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Generated.Benchmarks;

/// <summary>
/// The baseline: what a careful engineer writes by hand with HttpClient, Newtonsoft and the same
/// signer — no generated code, no pipeline, settings built once.
/// </summary>
internal sealed class HandWrittenClient(HttpClient http, ApplicationSigner signer, TimeProvider time)
{
    private static readonly JsonSerializerSettings Settings = new() { NullValueHandling = NullValueHandling.Ignore, DateParseHandling = DateParseHandling.None };
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    public Task<StartResponse> StartAsync(StartRequest request, CancellationToken cancellationToken) =>
        SendAsync<StartResponse>(HttpMethod.Post, "verifications", Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(request, Settings)), cancellationToken);

    public Task<StatusResponse> StatusAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<StatusResponse>(HttpMethod.Get, "verifications/id/" + Uri.EscapeDataString(id), null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        string? contentType = null;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            contentType = "application/json";
        }

        var uri = new Uri(http.BaseAddress!, path);
        var timestamp = ApplicationSigner.FormatTimestamp(time.GetUtcNow());
        request.Headers.TryAddWithoutValidation("x-timestamp", timestamp);
        request.Headers.Authorization = new AuthenticationHeaderValue("Application",
            signer.CreateAuthorizationParameter(method.Method, uri.AbsolutePath, contentType, body ?? Array.Empty<byte>(), timestamp));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new JsonTextReader(new StreamReader(stream));
        return Serializer.Deserialize<T>(reader)!;
    }

    public sealed class StartRequest
    {
        public Identity Identity { get; set; } = new();

        public string Method { get; set; } = "sms";

        public string? Reference { get; set; }
    }

    public sealed class Identity
    {
        public string Type { get; set; } = "number";

        public string Endpoint { get; set; } = "";
    }

    // The baseline reads the same members the SDK's models read, so both do the same JSON work.
    public sealed class StartResponse
    {
        public string Id { get; set; } = "";

        public string? Method { get; set; }

        [JsonProperty("_links")]
        public List<Link>? Links { get; set; }

        public SmsDetails? Sms { get; set; }
    }

    public sealed class Link
    {
        public string? Rel { get; set; }

        public Uri? Href { get; set; }

        public string? Method { get; set; }
    }

    public sealed class SmsDetails
    {
        public string? Template { get; set; }

        public int? InterceptionTimeout { get; set; }
    }

    public sealed class StatusResponse
    {
        public string Id { get; set; } = "";

        public string? Method { get; set; }

        public string? Status { get; set; }

        public string? Reason { get; set; }

        public string? Reference { get; set; }

        public Identity? Identity { get; set; }

        public string? CountryId { get; set; }

        public string? VerificationTimestamp { get; set; }

        public string? Source { get; set; }

        public string? Custom { get; set; }

        public Price? Price { get; set; }
    }

    public sealed class Price
    {
        public Money? VerificationPrice { get; set; }
    }

    public sealed class Money
    {
        public string? CurrencyId { get; set; }

        public double? Amount { get; set; }
    }
}
