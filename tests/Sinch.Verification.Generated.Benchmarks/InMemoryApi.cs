using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Sinch.Verification.Generated.Benchmarks;

/// <summary>Answers start and status requests from memory: no network, only the client's own cost is measured.</summary>
internal sealed class InMemoryApi : HttpMessageHandler
{
    public const string StartJson = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","method":"sms","sms":{"template":"Your verification code is {{CODE}}","interceptionTimeout":298},"_links":[{"rel":"status","href":"https://dc-euc1-std.verification.api.sinch.com/verification/v1/verifications/id/1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","method":"GET"}]}""";
    public const string StatusJson = """{"id":"1018e1a0-0fa0-4b33-9f63-f9a3bc0d9f3c","method":"sms","status":"SUCCESSFUL","reference":"order-1234","identity":{"type":"number","endpoint":"+46700000000"},"countryId":"SE","verificationTimestamp":"2024-05-22T09:38:59.5590437","source":"manual","custom":"my data","price":{"verificationPrice":{"currencyId":"EUR","amount":0.0453}}}""";

    private static readonly byte[] Start = Encoding.UTF8.GetBytes(StartJson);
    private static readonly byte[] Status = Encoding.UTF8.GetBytes(StatusJson);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(request.Method == HttpMethod.Post ? Start : Status);
        content.Headers.ContentType = Json;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
