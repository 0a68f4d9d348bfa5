using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Serialization;
using Sinch.Verification.Generated.Tests.Contract;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// The client and the emulator refuse the same values for every limit of the spec's request
/// bodies, and accept the same values just inside them. The test walks the schemas of the spec
/// (each member of <c>StartVerificationRequest</c>, <c>ReportVerificationRequest</c> and
/// <c>VerificationRequestEventResponse</c>, nested objects and array items included) and finds
/// every <c>minLength</c>, <c>maxLength</c>, <c>pattern</c>, <c>minimum</c>, <c>maximum</c> and
/// <c>format: e164</c>: a limit added to the spec is tested without a line of C#, so a side that
/// ignores it fails here. For each limit, an otherwise valid body (one of the spec's examples of
/// that schema) gets one value that breaks it: the client's check (the DTO's <c>Validate</c>, which
/// every client call runs before serializing the body) must throw
/// <see cref="ArgumentException"/> naming the member's path, and the emulator must refuse the same
/// JSON (400 with a Sinch code for a request; for a callback reply, the verification ends
/// DENIED/Invalid callback). Values just inside the limit must pass both.
/// </summary>
[TestClass]
public sealed class SpecLimitsTests
{
    private const string Start = "verification/v1/verifications";

    private static readonly JsonSerializer Json = VerificationJson.CreateSerializer();

    // The codes RequestValidator maps a broken limit to (the spec's BadRequest: 40001 validation,
    // 40002 missing, 40003 invalid identity or code, 40005 number without '+').
    private static readonly int[] BadRequestCodes = [40001, 40002, 40003, 40005];

    /// <summary>The request bodies of the spec, each with its DTO and how it reaches the emulator.</summary>
    private static readonly IReadOnlyDictionary<string, Type> Bodies = new Dictionary<string, Type>
    {
        [nameof(StartVerificationRequest)] = typeof(StartVerificationRequest),
        [nameof(ReportVerificationRequest)] = typeof(ReportVerificationRequest),
        [nameof(VerificationRequestEventResponse)] = typeof(VerificationRequestEventResponse),
    };

    private static readonly Lazy<IReadOnlyList<LimitCase>> Cases = new(() => FindCasesAsync().GetAwaiter().GetResult());

    public static IEnumerable<TestDataRow<(string Schema, string Path, string Limit)>> Limits =>
        Cases.Value.Select(c => new TestDataRow<(string, string, string)>((c.Schema, c.Path, c.Limit)) { DisplayName = $"{c.Schema} {c.Path} {c.Limit}" });

    [TestMethod]
    [DynamicData(nameof(Limits))]
    public async Task The_client_and_the_emulator_refuse_the_same_values_and_accept_the_same_values_just_inside(string schema, string path, string limit)
    {
        var limitCase = Cases.Value.Single(c => c.Schema == schema && c.Path == path && c.Limit == limit);
        if (limitCase.Unsupported is { } why)
        {
            Assert.Fail($"{schema} {path}: {why}. Teach SpecLimitsTests the values that break and satisfy it, after making the client (build/templates/Class.liquid, SpecLimits) and the emulator (RequestValidator) check it.");
        }

        Assert.IsNotEmpty(limitCase.Breaking, $"{schema} {path} {limit}: no value that breaks it");
        Assert.IsNotEmpty(limitCase.Inside, $"{schema} {path} {limit}: no value just inside it");
        foreach (var (what, value) in limitCase.Breaking)
        {
            var body = limitCase.BodyWith(value);
            var where = $"{schema} {path} {limit}, {what} ({Shown(value)}) in {Shown(body)}";

            var refused = ClientError(schema, body);
            Assert.IsNotNull(refused, $"{where}: the client sends it");
            Assert.AreEqual(path, refused.ParamName, $"{where}: the client's error names another member: {refused.Message}");
            StringAssert.StartsWith(refused.Message, path + " ", $"{where}: the client's message does not start with the member");

            await AssertEmulatorAsync(schema, body, accepted: false, where);
        }

        foreach (var (what, value) in limitCase.Inside)
        {
            var body = limitCase.BodyWith(value);
            var where = $"{schema} {path} {limit}, {what} ({Shown(value)}) in {Shown(body)}";

            Assert.IsNull(ClientError(schema, body), $"{where}: the client refuses a value the spec allows");
            await AssertEmulatorAsync(schema, body, accepted: true, where);
        }
    }

    [TestMethod]
    public void The_walk_finds_the_limits_this_test_was_written_against()
    {
        // A guard on the walk itself (a broken walk would find nothing and pass): a few limits
        // the spec has today. New limits need no line here; the walk finds them.
        var found = Cases.Value.Select(c => $"{c.Schema} {c.Path} {c.Limit}").ToList();

        foreach (var expected in new[]
        {
            "StartVerificationRequest identity.endpoint format e164",
            "StartVerificationRequest reference minLength 1",
            "StartVerificationRequest custom maxLength 4096",
            "StartVerificationRequest flashCallOptions.dialTimeout minimum 5",
            "StartVerificationRequest flashCallOptions.dialTimeout maximum 120",
            "StartVerificationRequest smsOptions.expiry pattern",
            "ReportVerificationRequest whatsapp.code minLength 1",
            "ReportVerificationRequest flashCall.cli format e164",
            "VerificationRequestEventResponse sms.expiry pattern",
            "VerificationRequestEventResponse flashCall.interceptionTimeout maximum 120",
        })
        {
            CollectionAssert.Contains(found, expected, "found: " + string.Join("; ", found));
        }
    }

    [TestMethod]
    public async Task Every_request_body_of_the_spec_is_walked()
    {
        // The bodies the client sends (operations) and the reply it builds (the callback's 2xx):
        // a new one needs its row in Bodies and its way to the emulator in AssertEmulatorAsync.
        var document = await SpecDocument.LoadAsync();
        var bodies = new HashSet<string>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Values))
        {
            AddSchemas(operation.RequestBody?.Content, document, bodies);
            foreach (var callback in (operation.Callbacks ?? new Dictionary<string, OpenApiCallback>()).Values.SelectMany(c => c.Values).SelectMany(p => p.Values))
            {
                AddSchemas(callback.ActualResponses.Where(r => r.Key.StartsWith('2')).SelectMany(r => r.Value.Content).ToDictionary(), document, bodies);
            }
        }

        CollectionAssert.AreEquivalent(Bodies.Keys.ToList(), bodies.ToList());
    }

    // ---- the emulator's side -------------------------------------------------------------

    private static async Task AssertEmulatorAsync(string schema, JObject body, bool accepted, string where)
    {
        using var cts = TestApp.Timeout();
        switch (schema)
        {
            case nameof(StartVerificationRequest):
            {
                await using var emulator = await TestApp.StartAsync(cts.Token);
                var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Post, Start, body.ToString(Formatting.None), cts.Token);
                AssertAnswer(response, accepted, where);
                Assert.AreEqual(accepted ? 1 : 0, emulator.Outbox.Count, $"{where}: what reached the phone");
                break;
            }

            case nameof(ReportVerificationRequest):
            {
                await using var emulator = await TestApp.StartAsync(cts.Token);
                using var client = TestApp.Client(emulator);
                var method = VerificationMethod.Parse((string)body["method"]!);
                var started = await client.StartVerificationAsync(StartVerificationRequest.For(method, TestApp.NewNumber()), cancellationToken: cts.Token);
                var response = await TestApp.SendSignedAsync(emulator, HttpMethod.Put, Start + "/id/" + started.Id, body.ToString(Formatting.None), cts.Token);
                AssertAnswer(response, accepted, where);
                if (!accepted)
                {
                    Assert.AreEqual(VerificationStatus.Pending, (await client.GetVerificationByIdAsync(started.Id, cts.Token)).Status, $"{where}: the refused report counted");
                }

                break;
            }

            case nameof(VerificationRequestEventResponse):
            {
                await using var receiver = await CallbackReceiver.StartAsync(cts.Token);
                receiver.OnRequestEvent = (_, _) => Task.FromResult(CallbackReply.Json(body.ToString(Formatting.None)));
                await using var emulator = await TestApp.StartAsync(cts.Token, receiver.Url);
                using var client = TestApp.Client(emulator);

                // The verification of the method whose object the member is in (x-sinch-method), else SMS.
                var top = body.Properties().Select(p => p.Name).ToList();
                var method = VerificationRequestEventResponse.MethodMembers.FirstOrDefault(m => top.Contains(m.JsonName))?.Method ?? VerificationMethod.Sms;
                var started = await client.StartVerificationAsync(StartVerificationRequest.For(method, TestApp.NewNumber()), cancellationToken: cts.Token);
                var status = await client.GetVerificationByIdAsync(started.Id, cts.Token);
                if (accepted)
                {
                    Assert.AreEqual(VerificationStatus.Pending, status.Status, $"{where}: the emulator did not honour the reply ({status.Status} {status.Reason})");
                    Assert.IsNotNull(emulator.Outbox.GetByVerificationId(started.Id), $"{where}: nothing reached the phone");
                }
                else
                {
                    Assert.AreEqual(VerificationStatus.Denied, status.Status, $"{where}: the emulator took the reply");
                    Assert.AreEqual(VerificationReason.InvalidCallback, status.Reason, where);
                    Assert.IsNull(emulator.Outbox.GetByVerificationId(started.Id), $"{where}: something reached the phone");
                }

                break;
            }

            default:
                Assert.Fail($"{schema}: SpecLimitsTests does not know how this body reaches the emulator");
                break;
        }
    }

    private static void AssertAnswer(RawResponse response, bool accepted, string where)
    {
        if (accepted)
        {
            Assert.AreEqual(200, response.StatusCode, $"{where}: the emulator refuses a value the spec allows: {response.Body}");
            return;
        }

        Assert.AreEqual(400, response.StatusCode, $"{where}: the emulator answers {response.StatusCode} {response.Body}");
        CollectionAssert.Contains(BadRequestCodes, response.ErrorCode ?? 0, $"{where}: {response.Body}");
    }

    // ---- the client's side ---------------------------------------------------------------

    /// <summary>What the client's check throws for <paramref name="body"/> read into its DTO, or null when it would send it.</summary>
    private static ArgumentException? ClientError(string schema, JObject body)
    {
        var dto = body.ToObject(Bodies[schema], Json)!;
        try
        {
            // What the client runs before sending a body (VerificationJsonContent.Create) or a reply (VerificationCallbackReply.ToJson).
            Action validate = dto switch
            {
                StartVerificationRequest start => start.Validate,
                ReportVerificationRequest report => report.Validate,
                VerificationRequestEventResponse reply => reply.Validate,
                _ => throw new InvalidOperationException($"{dto.GetType().Name}: teach the test how the client checks this body"),
            };
            validate();
            return null;
        }
        catch (ArgumentException e)
        {
            return e;
        }
    }

    // ---- the walk ------------------------------------------------------------------------

    private static async Task<IReadOnlyList<LimitCase>> FindCasesAsync()
    {
        var document = await SpecDocument.LoadAsync();
        var allExamples = await SpecDocument.ExamplesAsync();
        var cases = new List<LimitCase>();
        foreach (var name in Bodies.Keys)
        {
            var schema = document.Components.Schemas[name];
            var examples = allExamples
                .Where(e => ReferenceEquals(e.Schema, schema) && e.Value is JObject)
                .Select(e => (JObject)e.Value)
                .DistinctBy(e => e.ToString(Formatting.None))
                .ToList();
            if (examples.Count == 0)
            {
                throw new AssertFailedException($"the spec has no example of {name} to build bodies from");
            }

            Walk(name, schema, string.Empty, examples, document, cases, new HashSet<JsonSchema>());
        }

        return cases;
    }

    private static void Walk(string body, JsonSchema schema, string path, IReadOnlyList<JObject> examples, OpenApiDocument document, List<LimitCase> cases, HashSet<JsonSchema> onPath)
    {
        var actual = schema.ActualSchema;
        if (!onPath.Add(actual))
        {
            return; // a recursive schema: its members were walked above
        }

        foreach (var (name, property) in actual.ActualProperties)
        {
            var member = path.Length == 0 ? name : path + "." + name;
            var method = path.Length == 0 && property.ExtensionData?.TryGetValue("x-sinch-method", out var m) == true ? m?.ToString() : null;
            WalkValue(body, property, member, method, examples, document, cases, onPath);
        }

        onPath.Remove(actual);
    }

    private static void WalkValue(string body, JsonSchema schema, string member, string? method, IReadOnlyList<JObject> examples, OpenApiDocument document, List<LimitCase> cases, HashSet<JsonSchema> onPath)
    {
        var actual = schema.ActualSchema;
        var baseBody = BaseBody(examples, member, method);
        LimitCase Case(string limit, IEnumerable<(string, JToken)> breaking, IEnumerable<(string, JToken)> inside, string? unsupported = null) =>
            new(body, member, limit, baseBody, breaking.ToList(), inside.ToList(), unsupported);

        // Limits may sit on the member itself or on the schema it refers to.
        var minLength = schema.MinLength ?? actual.MinLength;
        var maxLength = schema.MaxLength ?? actual.MaxLength;
        var pattern = schema.Pattern ?? actual.Pattern;
        var format = schema.Format ?? actual.Format;
        var minimum = schema.Minimum ?? actual.Minimum;
        var maximum = schema.Maximum ?? actual.Maximum;

        foreach (var s in new[] { schema, actual }.Distinct())
        {
            var others = new List<string>();
            if (s.ExclusiveMinimum is not null || s.IsExclusiveMinimum) others.Add("exclusiveMinimum");
            if (s.ExclusiveMaximum is not null || s.IsExclusiveMaximum) others.Add("exclusiveMaximum");
            if (s.MultipleOf is not null) others.Add("multipleOf");
            if (s.MinItems > 0) others.Add("minItems");
            if (s.MaxItems > 0) others.Add("maxItems");
            if (s.UniqueItems) others.Add("uniqueItems");
            if (s.MinProperties > 0) others.Add("minProperties");
            if (s.MaxProperties > 0) others.Add("maxProperties");
            foreach (var other in others)
            {
                cases.Add(Case(other, [], [], $"the spec gives it {other}, which this test has no values for"));
            }
        }

        // Open value sets are anyOf [KnownX, string]: any string. A limit inside a branch would narrow nothing the same way on both sides.
        foreach (var branch in actual.AnyOf.Concat(actual.OneOf).Select(b => b.ActualSchema))
        {
            if (branch.Pattern is not null || branch.MinLength is not null || branch.MaxLength is not null || branch.Minimum is not null || branch.Maximum is not null)
            {
                cases.Add(Case("limit in anyOf/oneOf", [], [], "a limit inside an anyOf/oneOf branch, which neither the emulator (SpecSchemas) nor this test supports"));
            }
        }

        if (actual.Type.HasFlag(JsonObjectType.String))
        {
            var example = ExampleOf(schema, actual, baseBody, member, pattern, document);
            if (format == "e164")
            {
                cases.Add(Case("format e164",
                    [
                        ("no '+'", "46700000000"), ("7 digits", "+4670000"), ("16 digits", "+4670000000000000"), ("a leading 0", "+046700000000"),
                        ("a space", "+46 700000000"), ("a letter", "+4670000000a"), ("a non-ASCII digit", "+4670000000\u0661"), ("a final newline", "+46700000000\n"),
                        ("empty", ""),
                    ],
                    [("8 digits", "+46700000"), ("15 digits", "+467000000000000")]));
            }
            else if (format is not null)
            {
                cases.Add(Case("format " + format, [], [], $"the spec gives it format {format}, which this test has no values for"));
            }

            if (pattern is not null)
            {
                cases.Add(PatternCase(Case, pattern, example));
            }

            if ((minLength is > 0 || maxLength is not null) && pattern is not null && format != "e164")
            {
                cases.Add(Case("lengths and pattern", [], [], "it has both a pattern and length limits, and this test cannot make strings that satisfy the one and break the other"));
            }
            else if (format != "e164")
            {
                if (minLength is > 0 and var min)
                {
                    var breaking = new List<(string, JToken)> { ($"{min - 1} characters", new string('x', min - 1)) };
                    if (min > 1)
                    {
                        breaking.Add(($"{min - 1} emoji", Emoji(min - 1)));
                    }

                    cases.Add(Case($"minLength {min}", breaking, [($"{min} characters", new string('x', min)), ($"{min} emoji (code points, not UTF-16 units)", Emoji(min))]));
                }

                if (maxLength is { } max)
                {
                    cases.Add(Case($"maxLength {max}",
                        [($"{max + 1} characters", new string('x', max + 1)), ($"{max + 1} emoji", Emoji(max + 1))],
                        [($"{max} characters", new string('x', max)), ($"{max} emoji (code points, not UTF-16 units)", Emoji(max))]));
                }
            }
        }

        if (actual.Type.HasFlag(JsonObjectType.Integer) || actual.Type.HasFlag(JsonObjectType.Number))
        {
            var step = actual.Type.HasFlag(JsonObjectType.Integer) ? 1m : 0.5m;
            if (minimum is { } low)
            {
                cases.Add(Case($"minimum {low.ToString(CultureInfo.InvariantCulture)}", [("just below", Number(low - step))], [("the minimum", Number(low))]));
            }

            if (maximum is { } high)
            {
                cases.Add(Case($"maximum {high.ToString(CultureInfo.InvariantCulture)}", [("just above", Number(high + step))], [("the maximum", Number(high))]));
            }
        }

        if (actual.Type.HasFlag(JsonObjectType.Object) || actual.ActualProperties.Count > 0)
        {
            Walk(body, actual, member, examples, document, cases, onPath);
        }

        if (actual.Item is { } item)
        {
            WalkValue(body, item, member + "[0]", method, examples, document, cases, onPath);
        }
    }

    private static LimitCase PatternCase(Func<string, IEnumerable<(string, JToken)>, IEnumerable<(string, JToken)>, string?, LimitCase> @case, string pattern, string? example)
    {
        if (example is null)
        {
            return @case("pattern", [], [], $"it has the pattern {pattern} and the spec gives no example of a string with that pattern");
        }

        if (!Regex.IsMatch(example, pattern))
        {
            return @case("pattern", [], [], $"the spec's example '{example}' does not match its pattern {pattern}");
        }

        // JSON Schema patterns are ECMA-262: `$` is the end of the string, `^` its start.
        var breaking = new List<(string, JToken)>();
        if (pattern.EndsWith('$') && !pattern.EndsWith(@"\$", StringComparison.Ordinal))
        {
            breaking.Add(("the example and a final newline", example + "\n"));
            breaking.Add(("the example and one more character", example + "~"));
        }

        if (pattern.StartsWith('^'))
        {
            breaking.Add(("a character before the example", "~" + example));
        }

        return breaking.Count == 0
            ? @case("pattern", [], [], $"its pattern {pattern} is anchored at neither end, and this test knows no value that breaks it")
            : @case("pattern", breaking, [("the spec's example", example)], null);
    }

    /// <summary>A valid value of the member: its own example, its schema's, the base body's, or the example of any member of the spec with the same pattern.</summary>
    private static string? ExampleOf(JsonSchema schema, JsonSchema actual, JObject baseBody, string member, string? pattern, OpenApiDocument document)
    {
        if ((schema.Example ?? actual.Example) is { } own)
        {
            return own is JValue { Type: JTokenType.String } text ? (string?)text : own.ToString();
        }

        if (baseBody.SelectToken(member) is { Type: JTokenType.String } inBody)
        {
            return (string)inBody!;
        }

        if (pattern is null)
        {
            return null;
        }

        return document.Components.Schemas.Values
            .SelectMany(s => s.ActualProperties.Values)
            .Where(p => p.Pattern == pattern && p.Example is not null)
            .Select(p => p.Example is JValue { Type: JTokenType.String } text ? (string?)text : p.Example!.ToString())
            .FirstOrDefault();
    }

    /// <summary>The example to change: one that has the member's parent object, else one of the member's method, else the first.</summary>
    private static JObject BaseBody(IReadOnlyList<JObject> examples, string member, string? method)
    {
        var parent = member.Contains('.', StringComparison.Ordinal) ? member[..member.LastIndexOf('.')] : null;
        var top = member.Split('.', '[')[0];
        return examples.FirstOrDefault(e => parent is not null && e.SelectToken(parent) is JObject)
            ?? examples.FirstOrDefault(e => e.ContainsKey(top))
            ?? examples.FirstOrDefault(e => method is not null && string.Equals((string?)e["method"], method, StringComparison.OrdinalIgnoreCase))
            ?? examples[0];
    }

    private static JToken Number(decimal value) => decimal.IsInteger(value) ? new JValue((long)value) : new JValue((double)value);

    private static string Emoji(int count) => string.Concat(Enumerable.Repeat("\U0001F600", count));

    private static string Shown(JToken value)
    {
        var text = value.ToString(Formatting.None);
        return text.Length <= 120 ? text : text[..117] + "…";
    }

    private static void AddSchemas(IDictionary<string, OpenApiMediaType>? content, OpenApiDocument document, HashSet<string> names)
    {
        foreach (var media in content?.Values ?? [])
        {
            var actual = media.Schema?.ActualSchema;
            var name = document.Components.Schemas.FirstOrDefault(s => ReferenceEquals(s.Value, actual)).Key;
            names.Add(name ?? throw new AssertFailedException("a request body whose schema is not a named component"));
        }
    }

    /// <summary>One limit of one member: the body to change, the values that break it and those just inside it.</summary>
    private sealed record LimitCase(string Schema, string Path, string Limit, JObject Base, IReadOnlyList<(string What, JToken Value)> Breaking, IReadOnlyList<(string What, JToken Value)> Inside, string? Unsupported)
    {
        /// <summary>A copy of the base body with <paramref name="value"/> at <see cref="Path"/> (creating the objects and arrays on the way).</summary>
        public JObject BodyWith(JToken value)
        {
            var body = (JObject)Base.DeepClone();
            JToken container = body;
            var segments = Regex.Matches(Path, @"[^.\[\]]+|\[\d+\]").Select(m => m.Value).ToList();
            for (var i = 0; i < segments.Count; i++)
            {
                var last = i == segments.Count - 1;
                JToken? next = last ? null : segments[i + 1].StartsWith('[') ? (JToken)new JArray() : new JObject();
                if (segments[i].StartsWith('['))
                {
                    var array = (JArray)container;
                    var index = int.Parse(segments[i][1..^1], CultureInfo.InvariantCulture);
                    while (array.Count <= index)
                    {
                        array.Add(next?.DeepClone() ?? JValue.CreateNull());
                    }

                    if (last)
                    {
                        array[index] = value;
                    }

                    container = array[index];
                }
                else
                {
                    var obj = (JObject)container;
                    if (last)
                    {
                        obj[segments[i]] = value;
                    }
                    else if (obj[segments[i]] is not { Type: JTokenType.Object or JTokenType.Array })
                    {
                        obj[segments[i]] = next;
                    }

                    container = obj[segments[i]]!;
                }
            }

            return body;
        }
    }
}
