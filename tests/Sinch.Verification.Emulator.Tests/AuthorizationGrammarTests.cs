using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.Authentication;
using Sinch.Verification.Generated.Tests.Authentication;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// The emulator reads the Authorization and x-timestamp headers by the one grammar of
/// <c>x-sinch-signature</c>, as the SDK's callback validators do: each callback vector of
/// spec/signing-vectors.json, presented as a request, is accepted exactly when it must validate.
/// </summary>
[TestClass]
public sealed class AuthorizationGrammarTests
{
    // All but Basic ones: the API also takes Basic credentials (the spec's `Basic` scheme), callbacks never do.
    public static IEnumerable<object[]> Callbacks => SigningVectors.Callbacks
        .Where(row => !((string?)SigningVectors.Callback((string)row[0])["headers"]!["authorization"] ?? string.Empty).StartsWith("Basic ", StringComparison.Ordinal));

    [TestMethod]
    [DynamicData(nameof(Callbacks))]
    public void The_emulator_accepts_a_signed_request_exactly_when_the_vector_must_validate(string name)
    {
        var v = SigningVectors.Callback(name);
        var headers = (JObject)v["headers"]!;
        var now = DateTimeOffset.Parse((string)v["now"]!, System.Globalization.CultureInfo.InvariantCulture);
        var authenticator = new RequestAuthenticator((string)v["applicationKey"]!, (string)v["applicationSecret"]!,
            new FakeTimeProvider(now), TimeSpan.FromSeconds((int)v["maxSkewSeconds"]!));

        string? refusal = null;
        try
        {
            authenticator.Authenticate((string)v["method"]!, (string)v["path"]!, (string?)headers["content-type"],
                Encoding.UTF8.GetBytes((string)v["body"]!), (string?)headers["authorization"], (string?)headers["x-timestamp"]);
        }
        catch (EmulatorApiException e)
        {
            refusal = $"{e.ErrorCode}: {e.Message}";
        }

        Assert.AreEqual((bool)v["mustValidate"]!, refusal is null, $"{name}: {refusal ?? "accepted"}");
    }
}
