using Sinch.Verification.SpecCheck;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Tests.Contract;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// Where the spec gives an error code's message (the example of its error response), the emulator
/// says the same: the text lives in the spec, and this test holds the emulator to it.
/// </summary>
[TestClass]
public sealed class ErrorTextTests
{
    [TestMethod]
    public async Task The_emulator_answers_the_messages_the_spec_gives_for_its_error_codes()
    {
        var spec = SpecMessages();
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var client = TestApp.Client(emulator);
        using var wrongSecret = TestApp.Client(emulator, secret: "d3Jvbmctc2VjcmV0");
        var reference = "ref-" + System.Guid.NewGuid().ToString("N");
        await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber(), reference), cancellationToken: cts.Token);

        var answers = new Dictionary<int, VerificationApiException>
        {
            [40400] = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => client.GetVerificationByIdAsync("no-such-verification", cts.Token)),
            [40900] = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber(), reference), cancellationToken: cts.Token)),
            [40102] = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => wrongSecret.GetVerificationByIdAsync("x", cts.Token)),
        };

        foreach (var (code, answer) in answers)
        {
            Assert.AreEqual(code, answer.ErrorCode);
            Assert.IsTrue(spec.TryGetValue(code, out var message), $"the spec gives no example message for {code}");
            Assert.AreEqual(message.TrimEnd('.'), answer.ErrorMessage?.TrimEnd('.'), $"errorCode {code}: the spec's example message");
        }
    }

    // errorCode -> message of every example of components/responses.
    private static Dictionary<int, string> SpecMessages() =>
        ((JObject)YamlToJson.Load(TestPaths.Spec)["components"]!["responses"]!).Properties()
            .Select(r => r.Value.SelectToken("content['application/json'].example"))
            .Where(e => e?["errorCode"]?.Type == JTokenType.Integer && e["message"] is not null)
            .GroupBy(e => (int)e!["errorCode"]!)
            .ToDictionary(g => g.Key, g => (string)g.First()!["message"]!);
}
