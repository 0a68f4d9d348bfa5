using System;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.TestSupport;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// The emulator answers only host names that are its own, so that a web page reaching a
/// developer's emulator through DNS rebinding (its own name, resolved to 127.0.0.1) can read no
/// code from the outbox and drive nothing.
/// </summary>
[TestClass]
public sealed class HostTests
{
    [TestMethod]
    [DataRow("/emulator/outbox", DisplayName = "outbox")]
    [DataRow("/emulator/stats", DisplayName = "stats")]
    [DataRow("/emulator/openapi.yaml", DisplayName = "description")]
    [DataRow("/verification/v1/verifications/id/1", DisplayName = "API")]
    [DataRow("/nowhere", DisplayName = "unknown path")]
    public async Task A_request_naming_another_host_is_a_400_that_shows_no_code(string path)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        await TestApp.Client(emulator).StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        var code = emulator.Outbox.GetAll()[0].Code!;

        var response = await GetAsync(emulator, path, "rebound.attacker.example:" + emulator.ServerUrl.Port);

        Assert.AreEqual(400, response.StatusCode, response.Body);
        var json = JObject.Parse(response.Body);
        Assert.AreEqual(40000, (int)json["errorCode"]!);
        StringAssert.Contains((string)json["message"]!, "--allowed-hosts");
        // Not the outbox's answer: no member holds a code. (The PIN's 4 digits may well occur in
        // the error's random reference or its port by chance; that is not the code shown.)
        Assert.IsFalse(json.Descendants().OfType<JProperty>().Any(p => p.Name == "code" || (p.Value.Type == JTokenType.String && (string)p.Value! == code)), response.Body);
    }

    [TestMethod]
    [DataRow("localhost")]
    [DataRow("127.0.0.1")]
    [DataRow("LOCALHOST")]
    public async Task Loopback_names_are_served(string host)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);

        var response = await GetAsync(emulator, "/emulator/outbox", host + ":" + emulator.ServerUrl.Port);

        Assert.AreEqual(200, response.StatusCode, response.Body);
    }

    [TestMethod]
    public async Task A_host_in_AllowedHosts_is_served_and_no_other_name_is()
    {
        using var cts = TestApp.Timeout();
        var options = TestApp.Options();
        options.AllowedHosts.Add("emulator.test");
        await using var emulator = await VerificationEmulator.StartAsync(options, cts.Token);
        await TestApp.Client(emulator).StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        var id = emulator.Outbox.GetAll()[0].VerificationId;

        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(TestApp.Key + ":" + TestApp.Secret));
        var response = await RawHttp.SendAsync(emulator.ServerUrl,
            $"GET /verification/v1/verifications/id/{id} HTTP/1.1\nHost: emulator.test:{emulator.ServerUrl.Port}\nAuthorization: Basic {basic}", Array.Empty<byte>(), cts.Token);

        Assert.AreEqual(200, response.StatusCode, response.Body);
        Assert.AreEqual(400, (await GetAsync(emulator, "/emulator/stats", "other.test")).StatusCode, "only the names allowed");
    }

    [TestMethod]
    [DataRow("http://emulator.test")]
    [DataRow("emulator.test:80")]
    [DataRow("[::1]:5080")]
    [DataRow("*.example.com")]
    [DataRow("emulator/x")]
    [DataRow(" ")]
    public void AllowedHosts_refuses_what_could_never_match_a_host_name(string entry)
    {
        var options = TestApp.Options();
        options.AllowedHosts.Add(entry);

        var e = Assert.ThrowsExactly<ArgumentException>(options.Validate);
        Assert.AreEqual(nameof(EmulatorOptions.AllowedHosts), e.ParamName);
    }

    [TestMethod]
    [DataRow("emulator")]
    [DataRow("emulator.test")]
    [DataRow("10.0.0.5")]
    [DataRow("[::1]")]
    [DataRow("*")]
    public void AllowedHosts_takes_host_names_addresses_and_the_any_host_star(string entry)
    {
        var options = TestApp.Options();
        options.AllowedHosts.Add(entry);

        options.Validate();
    }

    private static Task<RawHttp.Response> GetAsync(VerificationEmulator emulator, string path, string host) =>
        RawHttp.SendAsync(emulator.ServerUrl, $"GET {path} HTTP/1.1\nHost: {host}", Array.Empty<byte>(), default);
}
