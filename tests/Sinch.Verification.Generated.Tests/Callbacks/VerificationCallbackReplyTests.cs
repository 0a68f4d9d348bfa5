using System;
using Sinch.Verification.Generated.Callbacks;

namespace Sinch.Verification.Generated.Tests.Callbacks;

[TestClass]
public sealed class VerificationCallbackReplyTests
{
    [TestMethod]
    public void Allow_and_deny_are_the_bare_action()
    {
        Assert.AreEqual("""{"action":"allow"}""", VerificationCallbackReply.ToJson(VerificationCallbackReply.Allow()));
        Assert.AreEqual("""{"action":"deny"}""", VerificationCallbackReply.ToJson(VerificationCallbackReply.Deny()));
    }

    [TestMethod]
    public void AllowSms_sets_the_code_and_an_optional_expiry()
    {
        Assert.AreEqual("""{"action":"allow","sms":{"code":"1234"}}""", VerificationCallbackReply.ToJson(VerificationCallbackReply.AllowSms("1234")));
        Assert.AreEqual("""{"action":"allow","sms":{"code":"1234","expiry":"00:05:00"}}""",
            VerificationCallbackReply.ToJson(VerificationCallbackReply.AllowSms("1234", TimeSpan.FromMinutes(5))));
        Assert.AreEqual("99:59:59", VerificationCallbackReply.AllowSms("1", TimeSpan.FromHours(100) - TimeSpan.FromSeconds(1)).Sms!.Expiry);
    }

    [TestMethod]
    public void AllowFlashCall_sets_the_CLI_and_the_timeouts()
    {
        Assert.AreEqual("""{"action":"allow","flashCall":{"cli":"+46000000000","dialTimeout":10}}""",
            VerificationCallbackReply.ToJson(VerificationCallbackReply.AllowFlashCall("+46000000000", 10)));
        Assert.AreEqual("""{"action":"allow","flashCall":{"dialTimeout":5,"interceptionTimeout":120}}""",
            VerificationCallbackReply.ToJson(VerificationCallbackReply.AllowFlashCall(dialTimeout: 5, interceptionTimeout: 120)));
    }

    [TestMethod]
    public void AllowCallout_sets_the_code_and_an_optional_locale()
    {
        Assert.AreEqual("""{"action":"allow","callout":{"code":"4321"}}""", VerificationCallbackReply.ToJson(VerificationCallbackReply.AllowCallout("4321")));
        Assert.AreEqual("""{"action":"allow","callout":{"code":"4321","speech":{"locale":"en-US"}}}""",
            VerificationCallbackReply.ToJson(VerificationCallbackReply.AllowCallout("4321", "en-US")));
    }

    [TestMethod]
    public void Arguments_outside_the_spec_are_rejected_without_echoing_them()
    {
        Assert.ThrowsExactly<ArgumentException>(() => VerificationCallbackReply.AllowSms(""));
        Assert.ThrowsExactly<ArgumentException>(() => VerificationCallbackReply.AllowCallout(" "));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => VerificationCallbackReply.AllowSms("1234", TimeSpan.FromHours(100)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => VerificationCallbackReply.AllowSms("1234", TimeSpan.Zero));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => VerificationCallbackReply.AllowFlashCall(dialTimeout: 4));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => VerificationCallbackReply.AllowFlashCall(interceptionTimeout: 121));
        var e = Assert.ThrowsExactly<ArgumentException>(() => VerificationCallbackReply.AllowFlashCall("46700000123"));
        Assert.DoesNotContain("46700000123", e.Message);
        Assert.ThrowsExactly<ArgumentNullException>(() => VerificationCallbackReply.ToJson(null!));
    }

    [TestMethod]
    public void A_reply_built_by_hand_is_held_to_the_same_rules_when_serialized()
    {
        var badExpiry = new VerificationRequestEventResponse { Action = VerificationAction.Allow, Sms = new SmsRequestEventResponse { Code = "1234", Expiry = "1:00" } };
        var e = Assert.ThrowsExactly<ArgumentException>(() => VerificationCallbackReply.ToJson(badExpiry));
        StringAssert.Contains(e.Message, "sms.expiry");

        var badTimeout = new VerificationRequestEventResponse { Action = VerificationAction.Allow, FlashCall = new FlashCallRequestEventResponse { DialTimeout = 500 } };
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => VerificationCallbackReply.ToJson(badTimeout));

        var emptyCode = new VerificationRequestEventResponse { Action = VerificationAction.Allow, Callout = new CalloutRequestEventResponse { Code = "" } };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => VerificationCallbackReply.ToJson(emptyCode)).Message, "callout.code is empty");

        var fine = new VerificationRequestEventResponse { Action = VerificationAction.Allow, Sms = new SmsRequestEventResponse { Expiry = "00:10:00" } };
        StringAssert.Contains(VerificationCallbackReply.ToJson(fine), "\"expiry\":\"00:10:00\"");
    }

    [TestMethod]
    public void Every_call_returns_a_new_reply()
    {
        var first = VerificationCallbackReply.Allow();
        first.Action = VerificationAction.Deny;

        Assert.AreEqual(VerificationAction.Allow, VerificationCallbackReply.Allow().Action);
    }
}
