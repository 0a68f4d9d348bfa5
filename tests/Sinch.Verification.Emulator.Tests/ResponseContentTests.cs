using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.State;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// The members and headers Sinch documents beyond status and id (verification-api.md §2, §6, §9):
/// <c>countryId</c> and <c>price</c> of a status, <c>price</c>/<c>rate</c> of a request event,
/// <c>Content-Language</c> of a start.
/// </summary>
[TestClass]
public sealed class ResponseContentTests
{
    [TestMethod]
    public async Task Status_by_id_of_a_Swedish_number_shows_countryId_SE_and_a_price()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        var status = await client.GetVerificationByIdAsync(started.Id, cts.Token);
        var raw = await TestApp.SendSignedAsync(emulator, HttpMethod.Get, "verification/v1/verifications/id/" + started.Id, null, cts.Token);

        Assert.AreEqual("SE", status.CountryId);
        Assert.AreEqual("EUR", status.Price!.VerificationPrice!.CurrencyId);
        Assert.IsGreaterThan(0d, status.Price.VerificationPrice.Amount!.Value);
        Assert.IsNull(status.Price.TerminationPrice, "no termination debiting by default");
        Assert.IsNull(status.Price.BillableDuration);
        Assert.AreEqual("SE", (string?)raw.Json["countryId"]);
        Assert.AreEqual(JTokenType.Float, raw.Json["price"]!["verificationPrice"]!["amount"]!.Type);
    }

    [TestMethod]
    [DataRow("+46700000000", "SE")]
    [DataRow("+4915112345678", "DE")]
    [DataRow("+447700900123", "GB")]
    [DataRow("+8613800138000", "CN")]
    [DataRow("+77012345678", "KZ", DisplayName = "+7 shared by Russia and Kazakhstan: the number decides")]
    [DataRow("+79123456789", "RU")]
    [DataRow("+12025550123", "US")]
    [DataRow("+80012345678", null, DisplayName = "+800 belongs to no country")]
    public void CountryId_is_the_country_of_the_numbers_calling_code(string number, string? expected)
    {
        Assert.AreEqual(expected, CountryIds.Of(number));
    }

    [TestMethod]
    public async Task A_status_of_a_number_of_no_country_has_no_countryId_member()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms("+80012345678"), cancellationToken: cts.Token);
        var raw = await TestApp.SendSignedAsync(emulator, HttpMethod.Get, "verification/v1/verifications/id/" + started.Id, null, cts.Token);

        Assert.AreEqual(200, raw.StatusCode, raw.Body);
        Assert.IsNull(raw.Json["countryId"]);
        Assert.IsNotNull(raw.Json["price"]);
    }

    [TestMethod]
    public async Task With_termination_debiting_calls_carry_their_termination_price_and_billable_duration()
    {
        using var cts = TestApp.Timeout();
        var options = TestApp.Options();
        options.TerminationDebiting = true;
        await using var emulator = await VerificationEmulator.StartAsync(options, cts.Token);
        var client = TestApp.Client(emulator);

        var callout = await client.StartVerificationAsync(StartVerificationRequest.ForCallout(TestApp.NewNumber()), cancellationToken: cts.Token);
        var ringing = await client.GetVerificationByIdAsync(callout.Id, cts.Token);
        await client.ReportVerificationByIdAsync(callout.Id, ReportVerificationRequest.ForCallout(emulator.Outbox.GetByVerificationId(callout.Id)!.Code), cts.Token);
        var answered = await client.GetVerificationByIdAsync(callout.Id, cts.Token);
        var flashCall = await client.StartVerificationAsync(StartVerificationRequest.ForFlashCall(TestApp.NewNumber()), cancellationToken: cts.Token);
        var missedCall = await client.GetVerificationByIdAsync(flashCall.Id, cts.Token);
        var sms = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        var smsStatus = await client.GetVerificationByIdAsync(sms.Id, cts.Token);

        Assert.AreEqual(0, ringing.Price!.BillableDuration, "nobody has answered yet");
        Assert.AreEqual(0d, ringing.Price.TerminationPrice!.Amount);
        Assert.IsGreaterThan(0, answered.Price!.BillableDuration!.Value);
        Assert.IsGreaterThan(0d, answered.Price.TerminationPrice!.Amount!.Value);
        Assert.AreEqual("EUR", answered.Price.TerminationPrice.CurrencyId);
        Assert.IsNotNull(answered.Price.VerificationPrice);
        Assert.AreEqual(0, missedCall.Price!.BillableDuration, "a flash call is never answered");
        Assert.IsNotNull(missedCall.Price.TerminationPrice);
        Assert.IsNull(smsStatus.Price!.TerminationPrice, "an SMS has no call");
        Assert.IsNull(smsStatus.Price.BillableDuration);
    }

    [TestMethod]
    public async Task Without_termination_debiting_a_callout_shows_only_its_verification_price()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);

        var callout = await client.StartVerificationAsync(StartVerificationRequest.ForCallout(TestApp.NewNumber()), cancellationToken: cts.Token);
        await client.ReportVerificationByIdAsync(callout.Id, ReportVerificationRequest.ForCallout(emulator.Outbox.GetByVerificationId(callout.Id)!.Code), cts.Token);
        var status = await client.GetVerificationByIdAsync(callout.Id, cts.Token);

        Assert.IsNotNull(status.Price!.VerificationPrice);
        Assert.IsNull(status.Price.TerminationPrice);
        Assert.IsNull(status.Price.BillableDuration);
    }

    [TestMethod]
    public async Task The_request_event_carries_price_rate_and_the_languages_asked_for()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        var client = TestApp.Client(emulator);

        await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), "sv-SE, en;q=0.8", cts.Token);

        var requestEvent = receiver.Events("VerificationRequestEvent").Single().Body;
        Assert.AreEqual("EUR", (string?)requestEvent["price"]!["currencyId"]);
        Assert.IsGreaterThan(0d, (double)requestEvent["price"]!["amount"]!);
        Assert.IsTrue(JToken.DeepEquals(requestEvent["price"], requestEvent["rate"]), requestEvent.ToString());
        CollectionAssert.AreEqual(new[] { "sv-SE", "en" }, requestEvent["acceptLanguage"]!.Values<string>().ToArray());
    }

    [TestMethod]
    [DataRow("es-ES", "es-ES")]
    [DataRow("ES-es", "es-ES", DisplayName = "tags compare in any case")]
    [DataRow("es", "es-ES", DisplayName = "a primary language finds its supported tag")]
    [DataRow("es-MX", "es-ES", DisplayName = "another region of a supported language")]
    [DataRow("xx-YY, sv;q=0.9, de;q=0.95", "de-DE", DisplayName = "the most preferred supported range")]
    [DataRow("fr;q=0, de", "de-DE", DisplayName = "q=0 means not this one")]
    [DataRow("xx-YY", "en-US", DisplayName = "unsupported: the default, and Content-Language says so")]
    [DataRow("*", "en-US")]
    [DataRow(";;;", "en-US", DisplayName = "unreadable: the default")]
    public async Task An_sms_start_answers_the_Content_Language_its_Accept_Language_chose(string acceptLanguage, string expected)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), acceptLanguage, cts.Token);

        Assert.AreEqual(expected, started.ContentLanguage);
    }

    [TestMethod]
    public async Task The_sms_is_written_in_the_chosen_language_and_nothing_is_named_without_Accept_Language()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);

        var spanish = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), "es-ES", cts.Token);
        var plain = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        var flashCall = await client.StartVerificationAsync(StartVerificationRequest.ForFlashCall(TestApp.NewNumber()), "es-ES", cts.Token);

        var sms = emulator.Outbox.GetByVerificationId(spanish.Id)!;
        Assert.AreEqual("Tu código de verificación es " + sms.Code, sms.Text);
        Assert.AreEqual("Tu código de verificación es {{CODE}}", spanish.Sms!.Template);
        Assert.IsNull(plain.ContentLanguage);
        Assert.AreEqual("Your verification code is {{CODE}}", plain.Sms!.Template);
        Assert.IsNull(flashCall.ContentLanguage, "Accept-Language chooses the language of an SMS; a flash call sends none");
    }
}
