using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// <c>GET /emulator/outbox</c> a page at a time: oldest first, <c>limit</c> messages, a
/// <c>Link rel="next"</c> header while more follow, and a 400 in Sinch's shape for a bad limit or cursor.
/// </summary>
[TestClass]
public sealed class OutboxPagingTests
{
    [TestMethod]
    public async Task Following_the_next_links_reads_every_message_once_oldest_first()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token)).Id);
        }

        using var http = new HttpClient { BaseAddress = emulator.ServerUrl };
        var pages = await ReadAllPagesAsync(http, "emulator/outbox?limit=3", cts.Token);

        CollectionAssert.AreEqual(new[] { 3, 3, 1 }, pages.Select(p => p.Count).ToArray());
        CollectionAssert.AreEqual(ids, pages.SelectMany(p => p).Select(m => (string)m["verificationId"]!).ToList());
    }

    [TestMethod]
    public async Task Without_a_limit_a_page_holds_100_messages_and_filters_carry_over_to_the_next_page()
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        var client = TestApp.Client(emulator);
        var number = TestApp.NewNumber();
        for (var i = 0; i < 101; i++)
        {
            await client.StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token);
        }

        await client.StartVerificationAsync(StartVerificationRequest.ForCallout(TestApp.NewNumber()), cancellationToken: cts.Token);
        using var http = new HttpClient { BaseAddress = emulator.ServerUrl };

        var pages = await ReadAllPagesAsync(http, "emulator/outbox?method=sms&number=" + Uri.EscapeDataString(number), cts.Token);

        CollectionAssert.AreEqual(new[] { 100, 1 }, pages.Select(p => p.Count).ToArray());
        Assert.IsTrue(pages.SelectMany(p => p).All(m => (string?)m["to"] == number && (string?)m["method"] == "sms"));
    }

    [TestMethod]
    public async Task A_cursor_stays_valid_after_its_message_was_dropped()
    {
        using var cts = TestApp.Timeout();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = TestApp.Options(clock: clock);
        options.Retention = TimeSpan.FromMinutes(1);
        await using var emulator = await VerificationEmulator.StartAsync(options, cts.Token);
        var client = TestApp.Client(emulator, VerificationAuthentication.Basic);
        var number = TestApp.NewNumber();
        var aborted = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token);
        var second = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cts.Token);
        await client.StartVerificationAsync(StartVerificationRequest.ForSms(TestApp.NewNumber()), cancellationToken: cts.Token);
        using var http = new HttpClient { BaseAddress = emulator.ServerUrl };
        using var first = await http.GetAsync("emulator/outbox?limit=1", cts.Token);
        Assert.AreEqual(aborted.Id, (string?)JArray.Parse(await first.Content.ReadAsStringAsync(cts.Token)).Single()["verificationId"]);
        var next = NextLink(first)!;

        // The first start ended ABORTED when the second began; a retention later it is gone, the others stay pending.
        clock.Advance(TimeSpan.FromMinutes(1));
        using var page = await http.GetAsync(next, cts.Token);

        Assert.IsNull(emulator.Outbox.GetByVerificationId(aborted.Id));
        Assert.AreEqual(second.Id, (string?)JArray.Parse(await page.Content.ReadAsStringAsync(cts.Token)).Single()["verificationId"]);
        Assert.IsNotNull(NextLink(page), "the third message follows");
    }

    [TestMethod]
    [DataRow("limit=0", "limit")]
    [DataRow("limit=1001", "limit")]
    [DataRow("limit=abc", "limit")]
    [DataRow("limit=-1", "limit")]
    [DataRow("limit=1&limit=2", "limit")]
    [DataRow("cursor=abc", "cursor")]
    [DataRow("cursor=-1", "cursor")]
    [DataRow("cursor=99999999999999999999", "cursor")]
    public async Task A_bad_limit_or_cursor_is_a_400_that_names_it(string query, string named)
    {
        using var cts = TestApp.Timeout();
        await using var emulator = await TestApp.StartAsync(cts.Token);
        using var http = new HttpClient { BaseAddress = emulator.ServerUrl };

        var response = await RawResponse.ReadAsync(await http.GetAsync("emulator/outbox?" + query, cts.Token), cts.Token);

        response.AssertError(400, 40001);
        StringAssert.Contains((string?)response.Json["message"], "Invalid " + named);
    }

    private static async Task<List<JArray>> ReadAllPagesAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        var pages = new List<JArray>();
        for (string? next = url; next is not null;)
        {
            using var response = await http.GetAsync(next, cancellationToken);
            Assert.AreEqual(200, (int)response.StatusCode);
            pages.Add(JArray.Parse(await response.Content.ReadAsStringAsync(cancellationToken)));
            next = NextLink(response);
            Assert.IsLessThan(20, pages.Count, "the links end");
        }

        return pages;
    }

    /// <summary>The target of the <c>Link: &lt;…&gt;; rel="next"</c> header, or null on the last page.</summary>
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var link = values.Single();
        StringAssert.EndsWith(link, ">; rel=\"next\"");
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }
}
