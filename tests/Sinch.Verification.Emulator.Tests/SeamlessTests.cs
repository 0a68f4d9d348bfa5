using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// Seamless (data) verifications (verification-api.md §11): the target URI completes them, a
/// destination ending in 403 is refused as Sinch refuses it, and they cannot be reported.
/// </summary>
[TestClass]
public sealed class SeamlessTests
{
    [TestMethod]
    public async Task A_number_ending_in_403_is_refused_403_40300_through_the_client_and_nothing_is_sent()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        using var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber()[..^3] + "403";

        var error = await Assert.ThrowsExactlyAsync<VerificationApiException>(
            () => client.StartVerificationAsync(StartVerificationRequest.ForSeamless(number, "seamless-403"), cancellationToken: cts.Token));

        Assert.AreEqual(403, error.StatusCode);
        Assert.AreEqual(40300, error.ErrorCode);
        StringAssert.Contains(error.ResponseBody, "Seamless verification not available for given destination.");
        Assert.AreEqual(0, emulator.Outbox.Count);
        Assert.IsEmpty(receiver.Received, "the backend is not asked about a start Sinch refuses");
        Assert.AreEqual(404, (await Assert.ThrowsExactlyAsync<VerificationApiException>(() => client.GetVerificationByReferenceAsync("seamless-403", cts.Token))).StatusCode);

        // Only seamless is refused for such a number.
        var sms = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token);
        Assert.IsNotNull(emulator.Outbox.GetByVerificationId(sms.Id));
    }

    [TestMethod]
    public async Task A_wrong_token_or_id_is_404_40400_and_the_verification_stays_pending()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        using var client = TestApp.Client(emulator);
        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSeamless(TestApp.NewNumber()), cancellationToken: cts.Token);
        var target = started.Seamless!.TargetUri;
        var token = System.Web.HttpUtility.ParseQueryString(target.Query)["token"]!;
        var otherToken = new string(token.Reverse().ToArray()) == token ? token + "0" : new string(token.Reverse().ToArray());
        using var phone = new HttpClient();

        var wrongToken = await RawResponse.ReadAsync(await phone.GetAsync(new UriBuilder(target) { Query = "token=" + otherToken }.Uri, cts.Token), cts.Token);
        var noToken = await RawResponse.ReadAsync(await phone.GetAsync(new UriBuilder(target) { Query = string.Empty }.Uri, cts.Token), cts.Token);
        var otherId = await RawResponse.ReadAsync(await phone.GetAsync(new Uri(target.ToString().Replace(started.Id, Guid.NewGuid().ToString(), StringComparison.Ordinal)), cts.Token), cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);

        foreach (var (what, response) in new[] { ("wrong token", wrongToken), ("no token", noToken), ("unknown id", otherId) })
        {
            Assert.AreEqual(404, response.StatusCode, what);
            response.AssertError(404, 40400);
            Assert.AreEqual("Seamless verification not found.", (string?)response.Json["message"], what);
            Assert.DoesNotContain(token, response.Body, $"{what}: the token is not echoed");
        }

        Assert.AreEqual(VerificationStatus.Pending, (await client.GetVerificationByIdAsync(started.Id, cts.Token)).Status);
        Assert.IsEmpty(receiver.Events("VerificationResultEvent"));
    }

    [TestMethod]
    public async Task The_target_URI_of_a_verification_of_another_method_does_not_exist()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var client = TestApp.Client(emulator);
        var seamless = await client.StartVerificationAsync(StartVerificationRequest.ForSeamless(TestApp.NewNumber()), cancellationToken: cts.Token);
        var sms = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        var smsCode = emulator.Outbox.GetByVerificationId(sms.Id)!.Code;
        using var phone = new HttpClient();

        // The SMS verification's id with its own code as the token: still not a seamless verification.
        var target = new UriBuilder(seamless.Seamless!.TargetUri) { Query = "token=" + smsCode };
        target.Path = target.Path.Replace(seamless.Id, sms.Id, StringComparison.Ordinal);
        var response = await RawResponse.ReadAsync(await phone.GetAsync(target.Uri, cts.Token), cts.Token);

        response.AssertError(404, 40400);
        Assert.AreEqual(VerificationStatus.Pending, (await client.GetVerificationByIdAsync(sms.Id, cts.Token)).Status);
    }

    [TestMethod]
    public async Task A_second_GET_answers_successful_without_a_second_result_event()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        using var client = TestApp.Client(emulator);
        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSeamless(TestApp.NewNumber()), cancellationToken: cts.Token);
        using var phone = new HttpClient();

        var first = await RawResponse.ReadAsync(await phone.GetAsync(started.Seamless!.TargetUri, cts.Token), cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);
        var second = await RawResponse.ReadAsync(await phone.GetAsync(started.Seamless.TargetUri, cts.Token), cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);

        foreach (var response in new[] { first, second })
        {
            Assert.AreEqual(200, response.StatusCode, response.Body);
            Assert.AreEqual(started.Id, (string?)response.Json["id"]);
            Assert.AreEqual("seamless", (string?)response.Json["method"]);
            Assert.AreEqual("SUCCESSFUL", (string?)response.Json["status"]);
        }

        var result = receiver.Events("VerificationResultEvent").Single();
        Assert.IsTrue(result.SignatureValid);
        Assert.AreEqual("seamless", (string?)result.Body["method"]);
        Assert.AreEqual("SUCCESSFUL", (string?)result.Body["status"]);
        Assert.IsNull(result.Body["source"], "nobody typed or intercepted anything");
    }

    [TestMethod]
    public async Task A_report_of_a_seamless_verification_is_400_40001_and_changes_nothing()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();
        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSeamless(number), cancellationToken: cts.Token);
        var token = System.Web.HttpUtility.ParseQueryString(started.Seamless!.TargetUri.Query)["token"]!;

        var seamless = await TestApp.SendSignedAsync(emulator, HttpMethod.Put, "verification/v1/verifications/id/" + started.Id, """{"method":"seamless"}""", cts.Token);
        var withAnObject = await TestApp.SendSignedAsync(emulator, HttpMethod.Put, "verification/v1/verifications/number/" + number,
            $$$"""{"method":"seamless","seamless":{"code":"{{{token}}}"}}""", cts.Token);
        var asSms = await TestApp.SendSignedAsync(emulator, HttpMethod.Put, "verification/v1/verifications/id/" + started.Id, $$$"""{"method":"sms","sms":{"code":"{{{token}}}"}}""", cts.Token);

        seamless.AssertError(400, 40001);
        withAnObject.AssertError(400, 40001);
        asSms.AssertError(400, 40001);
        Assert.Throws<ArgumentException>(() => ReportVerificationRequest.For(VerificationMethod.Seamless, token), "the client refuses it before sending");
        Assert.AreEqual(VerificationStatus.Pending, (await client.GetVerificationByIdAsync(started.Id, cts.Token)).Status);
    }
}
