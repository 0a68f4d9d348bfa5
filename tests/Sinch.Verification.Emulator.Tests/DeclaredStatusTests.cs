using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NSwag;
using Sinch.Verification.Emulator.Tests.Support;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// Every answer the emulator gives an operation of the spec is a status that operation declares
/// (explicitly, or through its <c>default</c> error response), in Sinch's error shape - so a
/// validating proxy in front of the emulator finds nothing undeclared.
/// </summary>
[TestClass]
public sealed class DeclaredStatusTests
{
    private const string Api = "verification/v1";
    private const string StartBody = """{"identity":{"type":"number","endpoint":"+46700000000"},"method":"sms"}""";
    private const string ReportBody = """{"method":"sms","sms":{"code":"1234"}}""";

    [TestMethod]
    [DataRow("POST", "/verifications", "/verifications", 413, 41300, DisplayName = "start, body too large")]
    [DataRow("PUT", "/verifications/id/{id}", "/verifications/id/some-id", 413, 41300, DisplayName = "report by id, body too large")]
    [DataRow("PUT", "/verifications/number/{endpoint}", "/verifications/number/+46700000000", 413, 41300, DisplayName = "report by number, body too large")]
    [DataRow("GET", "/verifications/id/{id}", "/verifications/id/some-id", 413, 41300, DisplayName = "a GET with a body too large (default)")]
    [DataRow("POST", "/verifications", "/verifications", 415, 41500, DisplayName = "start, not JSON")]
    [DataRow("PUT", "/verifications/id/{id}", "/verifications/id/some-id", 415, 41500, DisplayName = "report by id, not JSON")]
    [DataRow("PUT", "/verifications/number/{endpoint}", "/verifications/number/+46700000000", 415, 41500, DisplayName = "report by number, not JSON")]
    [DataRow("DELETE", "/verifications/id/{id}", "/verifications/id/some-id", 405, 40500, DisplayName = "another verb (default of the path's operations)")]
    public async Task Each_error_has_Sinchs_shape_and_a_status_its_operation_declares(string verb, string specPath, string path, int status, int errorCode)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var body = status switch
        {
            413 => "{\"custom\":\"" + new string('x', 70_000) + "\"}",
            _ => verb == "POST" ? StartBody : ReportBody,
        };

        var response = await TestApp.SendSignedAsync(emulator, new HttpMethod(verb), Api + path, verb == "DELETE" ? null : body, cts.Token,
            contentType: status == 415 ? "text/plain" : "application/json");

        response.AssertError(status, errorCode);
        var item = (await Spec()).Paths[specPath];
        var operations = item.TryGetValue(verb.ToLowerInvariant(), out var operation) ? new[] { operation } : item.Values.ToArray();
        foreach (var declaring in operations)
        {
            Assert.IsTrue(declaring.Responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) || declaring.Responses.ContainsKey("default"),
                $"{declaring.OperationId} does not declare {status}");
        }
    }

    // The spec the emulator itself embeds and validates with.
    private static async Task<OpenApiDocument> Spec()
    {
        using var stream = typeof(VerificationEmulator).Assembly.GetManifestResourceStream("sinch-verification.yaml")!;
        using var reader = new StreamReader(stream);
        return await OpenApiYamlDocument.FromYamlAsync(await reader.ReadToEndAsync());
    }
}
