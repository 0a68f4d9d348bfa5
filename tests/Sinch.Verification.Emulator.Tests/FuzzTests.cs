using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.Tests.Support;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>
/// Property-based fuzzing with CsCheck's generators: mutations of valid start, report and
/// callback-reply bodies (type swaps, numbers beyond any range, members in another case, nulls,
/// long and unusual strings, broken JSON, invalid UTF-8, a wrong Content-Type or signature)
/// against one emulator on loopback. Properties: only 200/400/401/404/409/413/415; every
/// non-2xx in Sinch's error shape; what an independent strict reader (System.Text.Json's
/// JsonDocument) refuses, or a member in two spellings, is a 400 (an invalid reply for a
/// callback); and no later read contradicts an answer: a refused start leaves nothing findable,
/// a refused report leaves its verification PENDING, an accepted one is found by id and by its
/// reference, and a verification is PENDING exactly when something was sent.
/// Every input derives from (seed, index), so a failure names both and EMULATOR_FUZZ_SEED
/// replays the run.
/// </summary>
[TestClass]
public sealed class FuzzTests
{
    private const int StartInputs = 8_000;
    private const int ReportInputs = 6_000;
    private const int ReplyInputs = 6_000;
    private const ulong DefaultSeed = 20_261_201;
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly int[] Allowed = [200, 400, 401, 404, 409, 413, 415];

    [TestMethod]
    public async Task Twenty_thousand_mutated_bodies_get_only_declared_answers_in_Sinchs_shape_and_leave_a_consistent_state()
    {
        var seed = Environment.GetEnvironmentVariable("EMULATOR_FUZZ_SEED") is { Length: > 0 } text ? ulong.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var callbacks = new ScriptedCallbacks();
        await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions
        {
            ApplicationKey = TestApp.Key,
            ApplicationSecret = TestApp.Secret,
            CallbackUrl = new Uri("http://callbacks.invalid/sinch"),
            CallbackHandler = callbacks,
        }, cts.Token);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 });
        var client = TestApp.Client(emulator);
        var run = new Run(emulator, http, client, callbacks, cts.Token);

        var inputs = Enumerable.Range(0, StartInputs).Select(i => (Kind: Target.Start, Index: i))
            .Concat(Enumerable.Range(StartInputs, ReportInputs).Select(i => (Kind: Target.Report, Index: i)))
            .Concat(Enumerable.Range(StartInputs + ReportInputs, ReplyInputs).Select(i => (Kind: Target.Reply, Index: i)))
            .ToArray();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cts.Token }, async (input, token) =>
        {
            if (failures.Count >= 5)
            {
                return;
            }

            // One PCG per input: the same (seed, index) always gives the same body, and runs of
            // neighbouring seeds share no inputs (the seed is spread by an odd 64-bit constant).
            var generated = Generators.For(input.Kind).Generate(new PCG((uint)input.Kind, unchecked((seed * 0x9E3779B97F4A7C15UL) + (ulong)input.Index)), null!, out _);
            try
            {
                await run.CheckAsync(input.Kind, input.Index, generated).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failures.Enqueue($"EMULATOR_FUZZ_SEED={seed}, input {input.Index} ({input.Kind}): {e.Message}\n  body: {Show(generated)}");
            }
        }).ConfigureAwait(false);

        Console.WriteLine($"Fuzz: {inputs.Length} inputs (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s; answers {string.Join(", ", run.Statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}.");
        Assert.IsEmpty(failures, string.Join("\n", failures));

        // The mutations must reach every answer they are meant to provoke, or the run proves little.
        foreach (var status in new[] { 200, 400, 401, 413, 415 })
        {
            Assert.IsTrue(run.Statuses.GetValueOrDefault(status) > 0, $"no input got {status}");
        }

        Assert.IsGreaterThan(500, run.Verdicts.GetValueOrDefault("PENDING"), "allowing replies");
        Assert.IsGreaterThan(500, run.Verdicts.GetValueOrDefault("Invalid callback"), "invalid replies");
    }

    private static string Show(Generated input)
    {
        var text = Encoding.UTF8.GetString(input.Body);
        return (text.Length > 400 ? text[..400] + $"... ({input.Body.Length} bytes)" : text) + (input.Tamper == Tamper.None ? string.Empty : $" [{input.Tamper}]");
    }

    internal enum Target
    {
        Start,
        Report,
        Reply,
    }

    internal enum Tamper
    {
        None,
        ContentType,
        Signature,
    }

    /// <param name="Method">The verification's method (report and reply inputs).</param>
    /// <param name="ByNumber">Report by number instead of by id.</param>
    /// <param name="Body">The bytes to send (a reply: to answer with), placeholders not yet filled.</param>
    internal sealed record Generated(VerificationMethod Method, bool ByNumber, Tamper Tamper, bool Mutated, byte[] Body);

    /// <summary>Drives one input and checks every property; fails with an assertion.</summary>
    private sealed class Run(VerificationEmulator emulator, HttpClient http, VerificationClient client, ScriptedCallbacks callbacks, CancellationToken cancellationToken)
    {
        public ConcurrentDictionary<int, int> Statuses { get; } = new();

        public ConcurrentDictionary<string, int> Verdicts { get; } = new();

        public Task CheckAsync(Target kind, int index, Generated input) => kind switch
        {
            Target.Start => StartAsync(index, input),
            Target.Report => ReportAsync(index, input),
            _ => ReplyAsync(index, input),
        };

        private static string Number(int index) => "+46710" + index.ToString("D6", CultureInfo.InvariantCulture);

        private static string Reference(int index) => "fuzz-" + index.ToString(CultureInfo.InvariantCulture);

        private async Task StartAsync(int index, Generated input)
        {
            var number = Number(index);
            var body = Fill(input.Body, ("{{NUM}}", number), ("{{REF}}", Reference(index)));
            var response = await SendAsync(HttpMethod.Post, "verification/v1/verifications", body, input.Tamper);
            ExpectShape(response, body, input.Tamper);

            if (response.StatusCode != 200)
            {
                // A refused start creates nothing: not by its reference, not in the outbox.
                await ExpectNotFoundByReferenceAsync(Reference(index));
                Assert.IsEmpty(emulator.Outbox.GetByNumber(number), "a refused start sent something");
                return;
            }

            var id = (string)response.Json["id"]!;
            var status = await client.GetVerificationByIdAsync(id, cancellationToken);
            Assert.AreEqual(id, status.Id);
            if (status.Identity?.Endpoint == number)
            {
                // Nobody else starts this number, so nothing can have aborted it.
                Assert.AreEqual(VerificationStatus.Pending, status.Status, "a fresh start");
                Assert.IsNotNull(emulator.Outbox.GetByVerificationId(id), "PENDING but nothing sent");
            }

            if (status.Reference is { } reference)
            {
                // Every accepted reference comes back as a path segment.
                Assert.AreEqual(id, (await client.GetVerificationByReferenceAsync(reference, cancellationToken)).Id, "found by reference");
            }
        }

        private async Task ReportAsync(int index, Generated input)
        {
            var number = Number(index);
            var started = await SendAsync(HttpMethod.Post, "verification/v1/verifications",
                Encoding.UTF8.GetBytes($$"""{"identity":{"type":"number","endpoint":"{{number}}"},"method":"{{input.Method.Value}}"}"""), Tamper.None);
            Assert.AreEqual(200, started.StatusCode, started.Body);
            var id = (string)started.Json["id"]!;
            var code = emulator.Outbox.GetByVerificationId(id)!.Code;

            var body = Fill(input.Body, ("{{CODE}}", code));
            var path = input.ByNumber ? "verification/v1/verifications/number/" + number : "verification/v1/verifications/id/" + id;
            var response = await SendAsync(HttpMethod.Put, path, body, input.Tamper);
            ExpectShape(response, body, input.Tamper);

            var status = await client.GetVerificationByIdAsync(id, cancellationToken);
            if (response.StatusCode != 200)
            {
                Assert.AreEqual(VerificationStatus.Pending, status.Status, $"a refused report ({response.StatusCode}) changed the verification");
                return;
            }

            var reported = (string?)response.Json["status"];
            Assert.AreEqual(id, (string?)response.Json["id"]);
            Assert.IsTrue(reported is "SUCCESSFUL" or "FAIL", response.Body);
            Assert.AreEqual(reported, status.Status?.Value, "the status read after the report");
        }

        private async Task ReplyAsync(int index, Generated input)
        {
            var reference = Reference(index);
            callbacks.Replies[reference] = input.Body;
            var started = await SendAsync(HttpMethod.Post, "verification/v1/verifications",
                Encoding.UTF8.GetBytes($$"""{"identity":{"type":"number","endpoint":"{{Number(index)}}"},"method":"{{input.Method.Value}}","reference":"{{reference}}"}"""), Tamper.None);

            // The start itself is valid: whatever the reply, the answer is 200 with the id.
            Assert.AreEqual(200, started.StatusCode, started.Body);
            var id = (string)started.Json["id"]!;
            var status = await client.GetVerificationByIdAsync(id, cancellationToken);
            var sent = emulator.Outbox.GetByVerificationId(id) is not null;
            var verdict = status.Status == VerificationStatus.Denied ? status.Reason?.Value ?? "(no reason)" : status.Status?.Value ?? "(none)";
            Verdicts.AddOrUpdate(verdict, 1, (_, n) => n + 1);

            Assert.IsTrue(verdict is "PENDING" or "Denied by callback" or "Invalid callback", "verdict " + verdict);
            Assert.AreEqual(verdict == "PENDING", sent, "PENDING exactly when something was sent");
            Assert.AreEqual(verdict == "PENDING" && input.Method != VerificationMethod.Callout, started.Json["sms"] is JObject || started.Json["flashCall"] is JObject,
                "start details exactly when allowed");
            if (!Oracle.IsStrictJsonWithOneSpellingPerMember(input.Body))
            {
                Assert.AreEqual("Invalid callback", verdict, "a reply that is not strict JSON");
            }
        }

        private void ExpectShape(RawResponse response, byte[] body, Tamper tamper)
        {
            Statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            Assert.IsTrue(Allowed.Contains(response.StatusCode), $"HTTP {response.StatusCode}: {response.Body}");
            if (response.StatusCode != 200)
            {
                response.AssertError(response.StatusCode, (int)response.Json["errorCode"]!);
                Assert.AreEqual(response.StatusCode, (int)response.Json["errorCode"]! / 100, response.Body);
            }

            // What comes first decides: size, then signature, then media type, then the body.
            var expected = body.Length > MaxBodyBytes ? 413
                : tamper == Tamper.Signature ? 401
                : tamper == Tamper.ContentType ? 415
                : !Oracle.IsStrictJsonWithOneSpellingPerMember(body) ? 400
                : (int?)null;
            if (expected is { } status)
            {
                Assert.AreEqual(status, response.StatusCode, response.Body);
            }
        }

        private async Task ExpectNotFoundByReferenceAsync(string reference)
        {
            var error = await Assert.ThrowsExactlyAsync<VerificationApiException>(() => client.GetVerificationByReferenceAsync(reference, cancellationToken));
            Assert.AreEqual(404, error.StatusCode, "a refused start is found by its reference");
        }

        private Task<RawResponse> SendAsync(HttpMethod method, string path, byte[] body, Tamper tamper) =>
            TestApp.SendSignedBytesAsync(emulator, method, path, body, cancellationToken, tamper == Tamper.ContentType ? "text/plain" : "application/json",
                tamper == Tamper.Signature ? request => request.Headers.TryAddWithoutValidation("x-timestamp", "2000-01-01T00:00:00.000Z") : null, http: http);

        private static byte[] Fill(byte[] body, params (string Placeholder, string Value)[] values)
        {
            // Placeholders are ASCII, so replacing them in Latin-1 text keeps every other byte (even invalid UTF-8) as it was.
            var text = Encoding.Latin1.GetString(body);
            foreach (var (placeholder, value) in values)
            {
                text = text.Replace(placeholder, value, StringComparison.Ordinal);
            }

            return Encoding.Latin1.GetBytes(text);
        }
    }

    /// <summary>An independent reading of the bytes: System.Text.Json's document parser (strict RFC 8259) plus a walk for members in two spellings.</summary>
    private static class Oracle
    {
        public static bool IsStrictJsonWithOneSpellingPerMember(byte[] body)
        {
            var bytes = body.AsSpan().StartsWith("\uFEFF"u8) ? body.AsMemory(3) : body.AsMemory();
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(bytes);
                return OneSpellingEach(document.RootElement);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a name that is not valid UTF-8 (the parser checks only syntax).
                return false;
            }
        }

        private static bool OneSpellingEach(System.Text.Json.JsonElement element)
        {
            if (element.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                return element.EnumerateArray().All(OneSpellingEach);
            }

            if (element.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return true;
            }

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                if (!names.Add(property.Name) || !OneSpellingEach(property.Value))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The callback endpoint, in process: answers each request event with the reply scripted for its reference, anything else with 200.</summary>
    private sealed class ScriptedCallbacks : HttpMessageHandler
    {
        public ConcurrentDictionary<string, byte[]> Replies { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var callbackEvent = JObject.Parse(await request.Content!.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var reply = (string?)callbackEvent["event"] == "VerificationRequestEvent" && Replies.TryRemove((string?)callbackEvent["reference"] ?? string.Empty, out var scripted)
                ? scripted
                : """{"action":"allow"}"""u8.ToArray();
            var content = new ByteArrayContent(reply);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        }
    }

    /// <summary>CsCheck generators: a valid body of the target, then mutations of its tree and of its text.</summary>
    private static class Generators
    {
        private static readonly string[] StartBodies =
        [
            """{"identity":{"type":"number","endpoint":"{{NUM}}"},"method":"sms","reference":"{{REF}}","custom":"c"}""",
            """{"identity":{"type":"number","endpoint":"{{NUM}}"},"method":"sms","reference":"{{REF}}","smsOptions":{"expiry":"00:05:00","codeType":"Numeric","template":"Code {{CODE}}","locale":"sv-SE"}}""",
            """{"identity":{"type":"number","endpoint":"{{NUM}}"},"method":"flashcall","reference":"{{REF}}","flashCallOptions":{"dialTimeout":10,"interceptionTimeout":20}}""",
            """{"identity":{"type":"number","endpoint":"{{NUM}}"},"method":"callout","reference":"{{REF}}","calloutOptions":{"speech":{"locale":"en-US"}}}""",
            """{"identity":{"type":"number","endpoint":"{{NUM}}","verified":false},"method":"flashCall","reference":"{{REF}}"}""",
        ];

        private static readonly (VerificationMethod Method, string Body)[] ReportBodies =
        [
            (VerificationMethod.Sms, """{"method":"sms","sms":{"code":"{{CODE}}"}}"""),
            (VerificationMethod.Sms, """{"method":"sms","sms":{"code":"0000","cli":"+46700000000"}}"""),
            (VerificationMethod.FlashCall, """{"method":"flashcall","flashCall":{"cli":"{{CODE}}"}}"""),
            (VerificationMethod.FlashCall, """{"method":"flashcall","flashcall":{"cli":"{{CODE}}"}}"""),
            (VerificationMethod.Callout, """{"method":"callout","callout":{"code":"{{CODE}}"}}"""),
        ];

        private static readonly string[] ReplyBodies =
        [
            """{"action":"allow"}""",
            """{"action":"deny"}""",
            """{"sms":null,"action":"allow"}""",
            """{"action":"allow","sms":{"code":"4321","expiry":"00:01:00","codeType":"Numeric","acceptLanguage":["en"]}}""",
            """{"action":"allow","flashCall":{"cli":"+46700000123","dialTimeout":10,"interceptionTimeout":20}}""",
            """{"action":"allow","callout":{"code":"4321","speech":{"locale":"en-US"}}}""",
        ];

        private static readonly string[] RawNumbers =
        [
            "9223372036854775808", "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890", "1e400", "-1e400", "1e308",
            "4.9e-324", "0.5", "-0", "0", "5", "120", "121", "4", "2147483648", "-2147483649", "9223372036854775807", "1E2", "10.0",
        ];

        private static readonly string[] Strings =
        [
            "", " ", "+46700000501", "+46700000501\n", "+46700000501\r", "\n+46700000501", "46700000000", "+0123456789", "+4670000050１", "not-a-number",
            "00:10:00", "00:10:00\n", "99:99:99", "00:00:00", "sms", "flashcall", "flashCall", "callout", "SMS", "seamless", "allow", "deny", "ALLOW", "number",
            "email", ".", "..", "...", "a/b", "a\u0000b", "tab\t", "\u007f", "\u0085", "😀", "é", "{{CODE}}", "Your code {{CODE}}", "1234", "\u2028", "\uFEFF",
            "%2E", "%00", "Numeric", "Alpha",
        ];

        private static readonly string[] Names =
        [
            "identity", "Identity", "IDENTITY", "method", "Method", "reference", "Reference", "custom", "smsOptions", "SmsOptions", "flashCallOptions",
            "sms", "Sms", "flashCall", "flashcall", "FlashCall", "callout", "action", "Action", "code", "Code", "cli", "endpoint", "Endpoint", "type",
            "expiry", "dialTimeout", "DialTimeout", "extra", "",
        ];

        private static readonly string[] Snippets = ["'", ",", "/*c*/", "//c\n", "}", "]", "{", "0", "\u0001", "NaN", "Infinity", "\\", "\"", " ", "x", "\n", ":", "01", "\t", "\u00a0"];

        private static readonly Gen<string> Value = Gen.Frequency(
            (4, Gen.OneOf(RawNumbers)),
            (5, Gen.OneOf(Strings).Select(s => JsonConvert.ToString(s))),
            (1, Gen.Select(Gen.OneOf("😀", "a", "é", "\u0001"), Gen.OneOf(1, 2048, 2049, 4096, 4097, 17_000), (s, n) => JsonConvert.ToString(string.Concat(Enumerable.Repeat(s, n))))),
            (2, Gen.OneOf("null", "true", "false", "[]", "{}", "[null]", "[\"en\",1]")),
            (2, Gen.OneOf("""{"code":"1234"}""", """{"cli":"+46700000000"}""", """{"type":"number","endpoint":"+46700000000"}""", """{"expiry":"00:10:00","code":"12"}""", """{"a":{"b":{"c":[[[1]]]}}}""")),
            (1, Gen.Int[-10, 200].Select(n => n.ToString(CultureInfo.InvariantCulture))));

        // Kind: 0 replace a value, 1 add a member in another case, 2 rename to another case,
        // 3 remove, 4 add a member, 5 set to null.
        private static readonly Gen<(int Kind, uint Where, string Value, string Name)> Mutation =
            Gen.Select(Gen.Int[0, 5], Gen.UInt, Value, Gen.OneOf(Names), (kind, where, value, name) => (kind, where, value, name));

        // Kind: 0 none (most), 1 truncate, 2 insert a snippet, 3 all quotes single, 4 trailing
        // comma, 5 trailing garbage, 6 an exact duplicate member, 7 an invalid UTF-8 byte, 8 a BOM.
        private static readonly Gen<(int Kind, uint Where, string Snippet)> TextMutation = Gen.Select(
            Gen.Frequency((12, Gen.Const(0)), (2, Gen.Const(1)), (4, Gen.Const(2)), (1, Gen.Const(3)), (1, Gen.Const(4)), (1, Gen.Const(5)), (1, Gen.Const(6)), (1, Gen.Const(7)), (1, Gen.Const(8))),
            Gen.UInt, Gen.OneOf(Snippets), (kind, where, snippet) => (kind, where, snippet));

        private static readonly Gen<Tamper> Tampering = Gen.Frequency((96, Gen.Const(Tamper.None)), (2, Gen.Const(Tamper.ContentType)), (2, Gen.Const(Tamper.Signature)));

        private static readonly Gen<Generated> Start = Gen.Select(Gen.OneOf(StartBodies), Mutation.Array[0, 3], TextMutation, Tampering,
            (body, mutations, text, tamper) => Build(VerificationMethod.Sms, false, tamper, body, mutations, text));

        private static readonly Gen<Generated> Report = Gen.Select(Gen.OneOf(ReportBodies), Gen.Bool, Mutation.Array[0, 3], TextMutation, Tampering,
            (report, byNumber, mutations, text, tamper) => Build(report.Method, byNumber, tamper, report.Body, mutations, text));

        private static readonly Gen<Generated> Reply = Gen.Select(Gen.OneOf(ReplyBodies), Gen.OneOf(VerificationMethod.Sms, VerificationMethod.FlashCall, VerificationMethod.Callout), Mutation.Array[0, 3], TextMutation,
            (body, method, mutations, text) => Build(method, false, Tamper.None, body, mutations, text));

        public static Gen<Generated> For(Target target) => target switch
        {
            Target.Start => Start,
            Target.Report => Report,
            _ => Reply,
        };

        private static Generated Build(VerificationMethod method, bool byNumber, Tamper tamper, string body, (int Kind, uint Where, string Value, string Name)[] mutations, (int Kind, uint Where, string Snippet) text)
        {
            var tree = JObject.Parse(body);
            foreach (var mutation in mutations)
            {
                Mutate(tree, mutation);
            }

            var json = tree.ToString(Formatting.None);
            var bytes = MutateText(json, text);
            return new Generated(method, byNumber, tamper, mutations.Length > 0 || text.Kind != 0, bytes);
        }

        private static void Mutate(JObject root, (int Kind, uint Where, string Value, string Name) mutation)
        {
            var properties = root.DescendantsAndSelf().OfType<JProperty>().ToList();
            var objects = root.DescendantsAndSelf().OfType<JObject>().ToList();
            var value = new JRaw(mutation.Value);
            var property = properties.Count == 0 ? null : properties[(int)(mutation.Where % (uint)properties.Count)];
            switch (mutation.Kind)
            {
                case 0 when property is not null:
                    property.Value = value;
                    break;
                case 1 when property is not null && OtherCase(property.Name) is { } twin && property.Parent is JObject parent && parent.Property(twin, StringComparison.Ordinal) is null:
                    parent.Add(new JProperty(twin, mutation.Where % 2 == 0 ? property.Value.DeepClone() : value));
                    break;
                case 2 when property is not null && OtherCase(property.Name) is { } renamed && property.Parent is JObject owner && owner.Property(renamed, StringComparison.Ordinal) is null:
                    property.Replace(new JProperty(renamed, property.Value));
                    break;
                case 3 when property is not null:
                    property.Remove();
                    break;
                case 4:
                    var target = objects[(int)(mutation.Where % (uint)objects.Count)];
                    if (target.Property(mutation.Name, StringComparison.Ordinal) is null)
                    {
                        target.Add(new JProperty(mutation.Name, value));
                    }

                    break;
                case 5 when property is not null:
                    property.Value = JValue.CreateNull();
                    break;
            }
        }

        // The name with the case of its first letter (or, for "method"-like names, all letters) flipped.
        private static string? OtherCase(string name)
        {
            if (name.Length == 0 || !char.IsLetter(name[0]))
            {
                return null;
            }

            var first = char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) : char.ToUpperInvariant(name[0]);
            return first + name[1..];
        }

        private static byte[] MutateText(string json, (int Kind, uint Where, string Snippet) text)
        {
            var at = (int)(text.Where % (uint)(json.Length + 1));
            var mutated = text.Kind switch
            {
                1 => json[..at],
                2 => json.Insert(at, text.Snippet),
                3 => json.Replace('"', '\''),
                4 => json[..^1] + ",}",
                5 => json + text.Snippet,
                6 => json.Length > 2 && json.IndexOf(',') is > 0 and var comma ? "{" + json[1..comma] + "," + json[1..] : json,
                _ => json,
            };

            var bytes = Encoding.UTF8.GetBytes(mutated);
            if (text.Kind == 7)
            {
                var invalid = new List<byte>(bytes);
                invalid.Insert((int)(text.Where % (uint)(bytes.Length + 1)), 0xC3);
                return invalid.ToArray();
            }

            return text.Kind == 8 ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
        }
    }
}
