using System.Linq;
using System.Threading.Tasks;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>WhatsApp verifications (verification-api.md §11): the code type, the callback's choice, a wrong code.</summary>
[TestClass]
public sealed class WhatsAppTests
{
    [TestMethod]
    public async Task WhatsAppOptions_codeType_alpha_sends_a_letters_only_code_and_the_start_says_so()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var client = TestApp.Client(emulator);
        var request = StartVerificationRequest.ForWhatsApp(TestApp.NewNumber());
        request.WhatsAppOptions = new WhatsAppOptions { CodeType = SmsCodeType.Alpha };

        var started = await client.StartVerificationAsync(request, cancellationToken: cts.Token);

        Assert.AreEqual(SmsCodeType.Alpha, started.WhatsApp!.CodeType);
        var message = emulator.Outbox.GetByVerificationId(started.Id)!;
        Assert.AreEqual(VerificationMethod.WhatsApp, message.Method);
        Assert.MatchesRegex("^[A-Za-z]+$", message.Code);
        StringAssert.Contains(message.Text, message.Code);
        var report = await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForWhatsApp(message.Code.ToLowerInvariant()), cts.Token);
        Assert.AreEqual(VerificationStatus.Successful, report.Status, "letter case does not matter");
    }

    [TestMethod]
    public async Task Without_options_the_code_is_numeric()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForWhatsApp(TestApp.NewNumber()), cancellationToken: cts.Token);

        Assert.AreEqual(SmsCodeType.Numeric, started.WhatsApp!.CodeType);
        Assert.MatchesRegex("^[0-9]{4}$", emulator.Outbox.GetByVerificationId(started.Id)!.Code);
    }

    [TestMethod]
    public async Task A_callback_reply_choosing_alpha_is_honoured()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = (_, _) => Task.FromResult(CallbackReply.Json("""{"action":"allow","whatsapp":{"codeType":"Alpha"}}"""));
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        using var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForWhatsApp(TestApp.NewNumber()), cancellationToken: cts.Token);

        var requestEvent = receiver.Events("VerificationRequestEvent").Single();
        Assert.AreEqual("whatsapp", (string?)requestEvent.Body["method"]);
        var code = emulator.Outbox.GetByVerificationId(started.Id)!.Code;
        Assert.MatchesRegex("^[A-Za-z]+$", code);
        Assert.AreEqual(SmsCodeType.Alpha, started.WhatsApp!.CodeType, "the start answer names the code type the reply chose");
        Assert.AreEqual(VerificationStatus.Successful, (await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForWhatsApp(code), cts.Token)).Status);
    }

    [TestMethod]
    public async Task An_sms_callback_reply_choosing_only_a_code_type_is_honoured()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = (_, _) => Task.FromResult(CallbackReply.Json("""{"action":"allow","sms":{"codeType":"Alpha"}}"""));
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        using var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);

        Assert.MatchesRegex("^[A-Za-z]+$", emulator.Outbox.GetByVerificationId(started.Id)!.Code);
        Assert.AreEqual(SmsCodeType.Alpha, started.Sms!.CodeType);
    }

    [TestMethod]
    public async Task A_callback_reply_with_the_object_of_another_method_changes_nothing()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        receiver.OnRequestEvent = (_, _) => Task.FromResult(CallbackReply.Json("""{"action":"allow","sms":{"code":"ABCD","codeType":"Alpha"}}"""));
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        using var client = TestApp.Client(emulator);

        var started = await client.StartVerificationAsync(StartVerificationRequest.ForWhatsApp(TestApp.NewNumber()), cancellationToken: cts.Token);

        Assert.MatchesRegex("^[0-9]{4}$", emulator.Outbox.GetByVerificationId(started.Id)!.Code);
    }

    [TestMethod]
    public async Task A_wrong_code_fails_with_InvalidCode_and_one_result_event()
    {
        using var cts = TestApp.Timeout();
        await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
        await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
        using var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();
        var started = await client.StartVerificationAsync(StartVerificationRequest.ForWhatsApp(number), cancellationToken: cts.Token);
        var code = emulator.Outbox.GetByVerificationId(started.Id)!.Code;
        var wrong = code == "0000" ? "1111" : "0000";

        var report = await client.ReportVerificationByIdentityAsync(number, ReportVerificationRequest.ForWhatsApp(wrong), cts.Token);
        await emulator.WaitForCallbacksAsync(cts.Token);

        Assert.AreEqual(VerificationStatus.Fail, report.Status);
        Assert.AreEqual(VerificationReason.InvalidCode, report.Reason);
        Assert.AreEqual(VerificationMethod.WhatsApp, report.Method);
        var status = await client.GetVerificationByIdentityAsync(VerificationMethod.WhatsApp, number, cts.Token);
        Assert.AreEqual(VerificationStatus.Fail, status.Status);
        Assert.AreEqual(VerificationReason.InvalidCode, status.Reason);
        Assert.AreEqual(VerificationStatus.Fail, (await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForWhatsApp(code), cts.Token)).Status, "the right code after a wrong one changes nothing");
        var result = receiver.Events("VerificationResultEvent").Single();
        Assert.AreEqual("whatsapp", (string?)result.Body["method"]);
        Assert.AreEqual("FAIL", (string?)result.Body["status"]);
        Assert.AreEqual("Invalid code", (string?)result.Body["reason"]);
    }
}
