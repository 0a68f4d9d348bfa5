using Sinch.Verification.SpecCheck;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Callbacks;
using Sinch.Verification.Generated.Serialization;
using Sinch.Verification.Generated.Tests.Contract;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Models;

/// <summary>
/// The methods of the spec (KnownVerificationMethod) and the members each one owns
/// (x-sinch-method) reach the client: its tables, its helpers and its checks. When a method is
/// added to the spec, these tests name what is still missing for it.
/// </summary>
[TestClass]
public sealed class VerificationMethodTests
{
    private const string RequestsFile = "src/Sinch.Verification.Generated/Models/Requests.cs";

    public static IEnumerable<TestDataRow<string>> KnownMethods =>
        VerificationMethod.KnownValues.Select(m => new TestDataRow<string>(m.Value) { DisplayName = m.Value });

    public static IEnumerable<TestDataRow<string>> ReportedMethods =>
        ReportVerificationRequest.MethodMembers.Select(m => new TestDataRow<string>(m.Method.Value) { DisplayName = m.Method.Value });

    [TestMethod]
    public void Each_member_the_spec_marks_with_x_sinch_method_is_in_the_method_members_table_of_its_class()
    {
        var spec = YamlToJson.Load(TestPaths.Spec);
        var marked = 0;
        foreach (var schema in ((JObject)spec["components"]!["schemas"]!).Properties())
        {
            var expected = (schema.Value["properties"] as JObject)?.Properties()
                .Where(p => p.Value["x-sinch-method"] is not null)
                .Select(p => $"{p.Value["x-sinch-method"]} -> {p.Name}")
                .ToList() ?? new List<string>();
            var type = typeof(VerificationClient).Assembly.GetType("Sinch.Verification.Generated." + schema.Name);
            var table = type?.GetProperty("MethodMembers", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as System.Collections.IEnumerable;
            var actual = table?.Cast<object>().Select(m => m.ToString()!).ToList() ?? new List<string>();
            CollectionAssert.AreEqual(
                expected.Select(e => e.Split(" -> ")).Select(e => $"{e[1]} ({e[0]})").ToList(),
                actual,
                $"{schema.Name}: the generated MethodMembers table must list the spec's x-sinch-method members in order (build/templates/Class.liquid, SINCH (3))");
            marked += expected.Count;
        }

        Assert.IsGreaterThan(10, marked, "the spec marks the members of its methods");
    }

    [TestMethod]
    [DynamicData(nameof(KnownMethods))]
    public void Every_method_of_the_spec_has_a_start_helper(string method)
    {
        var name = "For" + EnumName(method);
        var helper = typeof(StartVerificationRequest).GetMethod(name, BindingFlags.Public | BindingFlags.Static);
        Assert.IsNotNull(helper, $"the spec knows the method {method}: add StartVerificationRequest.{name}(number, reference, custom) in {RequestsFile}");

        var request = (StartVerificationRequest)helper.Invoke(null, new object?[] { "+46700000000", null, null })!;
        Assert.AreEqual(method, request.Method.Value);
    }

    [TestMethod]
    [DynamicData(nameof(ReportedMethods))]
    public void Every_method_the_spec_gives_a_report_object_has_a_report_helper(string method)
    {
        var name = "For" + EnumName(method);
        Assert.IsNotNull(
            typeof(ReportVerificationRequest).GetMethod(name, BindingFlags.Public | BindingFlags.Static, new[] { typeof(string) }),
            $"the spec gives reports a {method} object: add ReportVerificationRequest.{name}(code) in {RequestsFile}");
        Assert.IsTrue(
            ReportVerificationRequest.Factories.ContainsKey(method),
            $"the spec gives reports a {method} object: add ReportVerificationRequest.{name} to ReportVerificationRequest.Factories in {RequestsFile}");

        var report = ReportVerificationRequest.For(VerificationMethod.Parse(method), "+46700005312");
        var member = ReportVerificationRequest.MethodMemberOf(report.Method)!;
        Assert.IsNotNull(member.GetValue(report), $"ReportVerificationRequest.For({method}, ...) must fill its {member.JsonName} object");
        StringAssert.Contains(VerificationJson.Serialize(report), $"\"{member.JsonName}\":{{", method);
    }

    [TestMethod]
    public void The_report_factories_are_exactly_the_methods_the_spec_gives_a_report_object()
    {
        CollectionAssert.AreEquivalent(
            ReportVerificationRequest.MethodMembers.Select(m => m.Method.Value).ToList(),
            ReportVerificationRequest.Factories.Keys.ToList(),
            $"ReportVerificationRequest.Factories in {RequestsFile} must follow the spec's report objects");
    }

    [TestMethod]
    [DynamicData(nameof(ReportedMethods))]
    public async Task A_report_without_the_object_of_its_method_is_refused_naming_that_object(string method)
    {
        var api = new RecordingApi();
        var report = new ReportVerificationRequest { Method = VerificationMethod.Parse(method) };

        var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() => api.Client.ReportVerificationByIdAsync("id", report));

        StringAssert.Contains(e.Message, ReportVerificationRequest.MethodMemberOf(report.Method)!.JsonName);
        Assert.IsEmpty(api.Requests);
    }

    [TestMethod]
    public async Task A_method_the_client_does_not_know_is_refused_by_name_and_nothing_is_sent()
    {
        var api = new RecordingApi();

        var start = await Assert.ThrowsExactlyAsync<ArgumentException>(() => api.Client.StartVerificationAsync(StartVerificationRequest.For("no-such-method", "+46700000000")));
        var report = await Assert.ThrowsExactlyAsync<ArgumentException>(() => api.Client.ReportVerificationByIdAsync("id", new ReportVerificationRequest { Method = "no-such-method" }));
        Assert.ThrowsExactly<ArgumentException>(() => ReportVerificationRequest.For("no-such-method", "1234"));

        foreach (var e in new[] { start, report })
        {
            StringAssert.Contains(e.Message, "'no-such-method'");
            foreach (var known in VerificationMethod.KnownValues)
            {
                StringAssert.Contains(e.Message, known.Value, "the message lists the methods the client knows");
            }
        }

        Assert.IsEmpty(api.Requests);
    }

    [TestMethod]
    public async Task A_seamless_verification_cannot_be_reported()
    {
        var api = new RecordingApi();

        var e = Assert.ThrowsExactly<ArgumentException>(() => ReportVerificationRequest.For(VerificationMethod.Seamless, "x"));
        StringAssert.Contains(e.Message, "seamless");
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => api.Client.ReportVerificationByIdAsync("id", new ReportVerificationRequest { Method = VerificationMethod.Seamless }));
        Assert.IsEmpty(api.Requests);
    }

    [TestMethod]
    public async Task WhatsApp_starts_and_reports_send_the_shapes_sinchs_sdks_send()
    {
        var api = new RecordingApi().Answer(System.Net.HttpStatusCode.OK, """{"id":"1","method":"whatsapp","whatsapp":{"codeType":"Numeric"}}""");
        var start = StartVerificationRequest.ForWhatsApp("+46700000000", reference: "r");
        start.WhatsAppOptions = new WhatsAppOptions { CodeType = SmsCodeType.Alphanumeric };

        var started = await api.Client.StartVerificationAsync(start);
        await api.Client.ReportVerificationByIdentityAsync("+46700000000", ReportVerificationRequest.ForWhatsApp("1234"));

        Assert.AreEqual(SmsCodeType.Numeric, started.WhatsApp!.CodeType);
        var sent = api.Requests.ToArray();
        Assert.AreEqual(
            """{"identity":{"type":"number","endpoint":"+46700000000"},"method":"whatsapp","reference":"r","whatsappOptions":{"codeType":"Alphanumeric"}}""",
            sent[0].BodyText);
        Assert.AreEqual("""{"method":"whatsapp","whatsapp":{"code":"1234"}}""", sent[1].BodyText);
        Assert.AreEqual(
            """{"action":"allow","whatsapp":{"codeType":"Numeric","acceptLanguage":["en-US"]}}""",
            VerificationCallbackReply.ToJson(VerificationCallbackReply.AllowWhatsApp(SmsCodeType.Numeric, "en-US")));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("  ")]
    public void The_report_helpers_refuse_a_blank_code_without_repeating_it(string code)
    {
        // The methods with a report helper (a method without one fails the test above, not this).
        foreach (var method in ReportVerificationRequest.Factories.Keys.Select(VerificationMethod.Parse).Where(m => m != VerificationMethod.FlashCall))
        {
            var e = Assert.ThrowsExactly<ArgumentException>(() => ReportVerificationRequest.For(method, code), method.Value);
            StringAssert.Contains(e.Message, ReportVerificationRequest.MethodMemberOf(method)!.JsonName + ".code", method.Value);
        }
    }

    // The C# name the spec's x-enumNames gives a method (WhatsApp for whatsapp).
    private static string EnumName(string method) =>
        typeof(VerificationMethod).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Single(p => p.PropertyType == typeof(VerificationMethod) && ((VerificationMethod)p.GetValue(null)!).Value == method).Name;
}
