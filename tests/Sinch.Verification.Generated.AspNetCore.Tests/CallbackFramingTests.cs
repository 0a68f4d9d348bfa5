using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Generated.AspNetCore.Tests;

/// <summary>
/// The endpoint behind real Kestrel (the test server never sees HTTP/1.1 framing): a body whose
/// framing is broken or that arrives too slowly is the sender's fault, answered with a 4xx and
/// one warning, never a 500 or an error with a stack trace per connection.
/// </summary>
[TestClass]
public sealed class CallbackFramingTests
{
    [TestMethod]
    public async Task A_chunk_size_beyond_64_bits_is_a_400_and_one_warning_not_a_500()
    {
        await using var host = await CallbackHost.StartAsync(kestrel: true);

        var response = await RawHttp.SendOverflowingChunkAsync(host.ServerUrl!, SampleApplications.CallbackPath, default);

        Assert.AreEqual(400, response.StatusCode, response.Head);
        Assert.AreEqual(LogLevel.Warning, host.EndpointLog(9).Level);
        AssertNoErrors(host);
        Assert.IsTrue(host.Handler.Events.IsEmpty);
    }

    [TestMethod]
    public async Task A_body_that_never_arrives_is_a_408_and_one_warning_not_an_error_with_a_stack_trace()
    {
        await using var host = await CallbackHost.StartAsync(kestrel: true);

        // 100 bytes announced, none sent: Kestrel gives up after its grace period.
        var response = await RawHttp.SendAsync(host.ServerUrl!,
            $"POST {SampleApplications.CallbackPath} HTTP/1.1\nHost: {host.ServerUrl!.Authority}\nContent-Type: application/json\nContent-Length: 100",
            Array.Empty<byte>(), default);

        Assert.AreEqual(408, response.StatusCode, response.Head);
        Assert.AreEqual("408", host.EndpointLog(9).StructuredState!.Single(s => s.Key == "StatusCode").Value);
        AssertNoErrors(host);
    }

    private static void AssertNoErrors(CallbackHost host)
    {
        // Kestrel's own Debug lines ("bad request data", with the exception) are below what any
        // default configuration shows; what counts is no error and no stack trace at Information or above.
        var errors = host.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error || (r.Exception is not null && r.Level >= LogLevel.Information)).ToList();
        Assert.AreEqual(0, errors.Count, string.Join("\n", errors.Select(r => $"{r.Category} {r.Level}: {r.Message} {r.Exception}")));
    }
}
