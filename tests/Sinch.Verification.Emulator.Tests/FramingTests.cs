using System;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// Requests HttpClient will not send, written byte for byte (<see cref="RawHttp"/>): broken
/// chunked framing, and dot segments (System.Uri removes them) around a number sent as %2B.
/// </summary>
[TestClass]
public sealed class FramingTests
{
    [TestMethod]
    public async Task A_chunk_size_beyond_64_bits_is_a_400_in_Sinch_shape_not_a_500()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await RawHttp.SendOverflowingChunkAsync(emulator.ServerUrl, "/verification/v1/verifications", cts.Token);

        Assert.AreEqual(400, response.StatusCode, response.Head);
        var error = JObject.Parse(response.Body);
        Assert.AreEqual(40000, (int)error["errorCode"]!, response.Body);
        StringAssert.Contains((string)error["message"]!, "framing is malformed");
    }

    [TestMethod]
    [DataRow("GET", "/verification/v1/verifications/sms/number/%2B{0}/.", DisplayName = "status, /.")]
    [DataRow("GET", "/verification/v1/verifications/sms/number/%2B{0}/x/..", DisplayName = "status, /x/..")]
    [DataRow("GET", "/verification/v1/verifications/sms/number/%2B{0}/%2e", DisplayName = "status, /%2e")]
    [DataRow("PUT", "/verification/v1/verifications/number/%2B{0}/x/..", DisplayName = "report, /x/..")]
    [DataRow("PUT", "/verification/v1/verifications/number/%2b{0}/x/%2E%2E/", DisplayName = "report, lower-case %2b and /%2E%2E/")]
    public async Task A_number_sent_as_2B_is_refused_behind_dot_segments_too(string verb, string template)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var number = TestApp.NewNumber();
        await TestApp.Client(emulator).StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token);

        var response = await SendBasicAsync(emulator, verb, string.Format(template, number.TrimStart('+')), verb == "PUT" ? """{"method":"sms","sms":{"code":"0000"}}""" : "");

        Assert.AreEqual(400, response.StatusCode, response.Body);
        Assert.AreEqual(40005, (int)JObject.Parse(response.Body)["errorCode"]!, response.Body);
        Assert.AreEqual(1, emulator.Outbox.Count);
        Assert.AreEqual("PENDING", (await TestApp.Client(emulator).GetVerificationByIdentityAsync(VerificationMethod.Sms, number, cts.Token)).Status!.Value,
            "a refused report does not end the verification");
    }

    [TestMethod]
    public async Task Dot_segments_around_a_literal_plus_resolve_as_routing_resolves_them()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var number = TestApp.NewNumber();
        await TestApp.Client(emulator).StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token);

        var response = await SendBasicAsync(emulator, "GET", $"/verification/v1/verifications/sms/x/../number/{number}/y/..", "");

        Assert.AreEqual(200, response.StatusCode, response.Body);
        Assert.AreEqual("PENDING", (string)JObject.Parse(response.Body)["status"]!);
    }

    private static Task<RawHttp.Response> SendBasicAsync(VerificationEmulator emulator, string verb, string path, string body)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(TestApp.Key + ":" + TestApp.Secret));
        var bytes = Encoding.UTF8.GetBytes(body);
        return RawHttp.SendAsync(emulator.ServerUrl,
            $"{verb} {path} HTTP/1.1\nHost: {emulator.ServerUrl.Authority}\nAuthorization: Basic {basic}\nContent-Type: application/json\nContent-Length: {bytes.Length}",
            bytes, System.Threading.CancellationToken.None);
    }
}
