using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Callbacks;
using Sinch.Verification.Generated.Serialization;
using Sinch.Verification.TestSupport;
using static Sinch.Verification.Generated.Tests.Callbacks.CallbackTestData;
using static Sinch.Verification.TestSupport.SampleApplications;

namespace Sinch.Verification.Generated.Tests.Callbacks;

/// <summary>
/// Issue #20, item 10: 50,000 generated hostile bodies (<see cref="HostileCallbacks"/>), each
/// signed afresh so the validator accepts it and the parser, not the signature check, sees the
/// hostile bytes. Properties: the validator says Valid; the parser returns a callback or throws
/// <see cref="CallbackParseException"/>, nothing else; what an independent strict reader refuses
/// (RFC 8259, a member twice in any spelling, a number out of range) is refused, and its
/// message, as the endpoint logs it, is escaped and masked; a body built
/// from valid mutations only is accepted (nothing lost); and an accepted event is what was
/// signed: its type is the body's <c>event</c>, and every member of the body comes back with the
/// same type and value when the event is written again (no coercion). Every input derives from
/// (seed, index); a failure prints both, and CALLBACK_FUZZ_SEED replays a run.
/// </summary>
[TestClass]
public sealed partial class SignedCallbackFuzzTests
{
    private const int Inputs = 50_000;
    private const ulong DefaultSeed = 20_261_220;

    [TestMethod]
    public void Fifty_thousand_signed_hostile_bodies_get_only_documented_outcomes_and_accepted_ones_are_what_was_signed()
    {
        var seed = Environment.GetEnvironmentVariable("CALLBACK_FUZZ_SEED") is { Length: > 0 } text ? ulong.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;
        var validator = Validator(new FakeTimeProvider(Now), (AppKey, AppSecret));
        var signer = new ApplicationSigner(AppKey, AppSecret);
        var timestamp = ApplicationSigner.FormatTimestamp(Now);
        var outcomes = new Dictionary<string, int>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < Inputs && failures.Count < 5; i++)
        {
            var input = HostileCallbacks.Generate(seed, i);
            var problem = Check(input, validator, signer, timestamp, outcomes);
            if (problem is not null)
            {
                failures.Add($"CALLBACK_FUZZ_SEED={seed}, input {i} ({input.Description}): {problem}\n  body (base64): {Convert.ToBase64String(input.Body)}");
            }
        }

        Console.WriteLine($"Callback fuzz: {Inputs} inputs (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s; {string.Join(", ", outcomes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"))}.");
        Assert.IsEmpty(failures, string.Join("\n", failures));

        // The generator must reach every outcome, or the run proves little.
        foreach (var outcome in new[] { nameof(VerificationRequestCallback), nameof(VerificationResultCallback), nameof(VerificationSmsDeliveredCallback), nameof(UnknownVerificationCallback), "refused, not strict JSON", "refused, strict JSON of the wrong shape", "valid mutations" })
        {
            Assert.IsGreaterThan(Inputs / 100, outcomes.GetValueOrDefault(outcome), $"too few inputs ended '{outcome}'");
        }
    }

    private static string? Check(HostileCallbacks.Input input, CallbackValidator validator, ApplicationSigner signer, string timestamp, Dictionary<string, int> outcomes)
    {
        var body = input.Body;
        var authorization = "Application " + signer.CreateAuthorizationParameter("POST", CallbackPath, JsonUtf8, body, timestamp);
        var validation = validator.Validate("POST", CallbackPath, JsonUtf8, body, timestamp, authorization);
        if (!validation.IsValid)
        {
            return $"the re-signed body was not valid: {validation.Reason}";
        }

        var strict = HostileCallbacks.IsStrictJson(body);
        if (input.ValidCallback)
        {
            Count(outcomes, "valid mutations");
        }

        VerificationCallback callback;
        try
        {
            callback = CallbackParser.Parse(body);
        }
        catch (CallbackParseException e)
        {
            Count(outcomes, strict ? "refused, strict JSON of the wrong shape" : "refused, not strict JSON");
            var logged = LogText.Safe(e.Message); // as the ASP.NET Core endpoint logs it
            return input.ValidCallback ? "a valid callback was refused (lost)"
                : LogLines.Unsafe(logged) is { } why ? $"the logged message is not safe ({why}): {logged}"
                : null;
        }
        catch (Exception e)
        {
            return $"Parse threw {e.GetType().Name}: {e.Message}";
        }

        Count(outcomes, callback.GetType().Name);
        if (!strict)
        {
            return "accepted what a strict reader refuses";
        }

        // The dispatched type is the body's own event member, exactly that name.
        var eventName = HostileCallbacks.EventOf(body);
        if (eventName is null || callback.EventType != VerificationEventType.Parse(eventName))
        {
            return $"dispatched as {callback.EventType.Value} for event '{eventName}'";
        }

        var dispatched = CallbackEvents.Of(callback);
        if (dispatched is null)
        {
            return callback is UnknownVerificationCallback ? null : "a known callback without its event";
        }

        // Written again, the event holds every member of the body with its type and value.
        using var sent = JsonDocument.Parse(body.AsSpan().StartsWith("\uFEFF"u8) ? body.AsMemory(3) : body.AsMemory());
        using var written = JsonDocument.Parse(VerificationJson.Serialize(dispatched));
        return Difference(sent.RootElement, written.RootElement, "$");
    }

    // Where a sent value differs from the value written back (a member the sender set to null is absent).
    private static string? Difference(JsonElement sent, JsonElement written, string path)
    {
        if (sent.ValueKind is JsonValueKind.Number && written.ValueKind is JsonValueKind.Number)
        {
            return sent.GetDouble().Equals(written.GetDouble()) ? null : $"{path}: {sent.GetRawText()} came back as {written.GetRawText()}";
        }

        if (sent.ValueKind != written.ValueKind)
        {
            return $"{path}: a {sent.ValueKind} came back as a {written.ValueKind} (coerced)";
        }

        switch (sent.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in sent.EnumerateObject().Where(m => m.Value.ValueKind != JsonValueKind.Null))
                {
                    if (!written.TryGetProperty(member.Name, out var back))
                    {
                        return $"{path}.{member.Name}: lost";
                    }

                    if (Difference(member.Value, back, path + "." + member.Name) is { } difference)
                    {
                        return difference;
                    }
                }

                return null;

            case JsonValueKind.Array:
                var sentItems = sent.EnumerateArray().ToList();
                var writtenItems = written.EnumerateArray().ToList();
                if (sentItems.Count != writtenItems.Count)
                {
                    return $"{path}: {sentItems.Count} items came back as {writtenItems.Count}";
                }

                for (var i = 0; i < sentItems.Count; i++)
                {
                    if (sentItems[i].ValueKind != JsonValueKind.Null && Difference(sentItems[i], writtenItems[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;

            case JsonValueKind.String:
                return string.Equals(sent.GetString(), written.GetString(), StringComparison.Ordinal) ? null : $"{path}: the text changed";

            default:
                return null;
        }
    }


    private static void Count(Dictionary<string, int> outcomes, string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
}
