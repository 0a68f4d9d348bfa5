using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Sinch.Verification.Generated.Callbacks;
using Sinch.Verification.TestSupport;
using Sinch.Verification.Generated.Tests.Callbacks;

namespace Sinch.Verification.Cli.Tests;

/// <summary>
/// Issue #20, item 10, over HTTP: 5,000 generated hostile bodies (<see cref="HostileCallbacks"/>)
/// to <c>callbacks listen</c>'s web app, signed afresh (a few with a wrong signature, a wrong
/// Content-Type or too large). Properties: only 200, 400, 401, 413 and 415, never a 500; the
/// listener answers exactly as the parser judges the same bytes (400 for what it refuses, 200 for
/// what it accepts: nothing lost); every accepted known event prints exactly one line, and that
/// line is the one written from the parsed event (what is printed is what was dispatched);
/// nothing refused prints a line; and no line on stdout or stderr carries a raw control, format
/// or separator character or a digit run that could be a number. Sequential, so each line belongs
/// to one input; LISTENER_FUZZ_SEED replays a run, a failure prints the seed and the input.
/// </summary>
[TestClass]
public sealed class ListenerFuzzTests
{
    private const int Inputs = 5_000;
    private const ulong DefaultSeed = 20_261_221;
    private const int MaxBodySize = 64 * 1024;

    private static readonly int[] Allowed = [200, 400, 401, 413, 415];

    [TestMethod]
    public async Task Five_thousand_hostile_callbacks_get_documented_answers_one_line_per_accepted_event_and_no_unsafe_output()
    {
        var seed = Environment.GetEnvironmentVariable("LISTENER_FUZZ_SEED") is { Length: > 0 } text ? ulong.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;
        await using var host = await ListenerHost.StartAsync();
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < Inputs && failures.Count < 5; i++)
        {
            var input = HostileCallbacks.Generate(seed, i);
            var tamper = (i % 50) switch { 7 => "signature", 19 => "content type", 31 => "size", _ => null };
            var problem = await CheckAsync(host, input, tamper, statuses);
            if (problem is not null)
            {
                failures.Add($"LISTENER_FUZZ_SEED={seed}, input {i} ({input.Description}{(tamper is null ? string.Empty : ", tampered: " + tamper)}): {problem}\n  body (base64): {Convert.ToBase64String(input.Body)}");
            }
        }

        Console.WriteLine($"Listener fuzz: {Inputs} inputs (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s; answers {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}.");
        failures.AddRange(host.ErrorLines.Where(l => LogLines.Unsafe(l) is not null).Take(5).Select(l => $"stderr: {LogLines.Unsafe(l)}: {l}"));
        Assert.IsEmpty(failures, string.Join("\n", failures));
        foreach (var status in Allowed)
        {
            Assert.IsTrue(statuses.GetValueOrDefault(status) > 0, $"no input got {status}");
        }

        Assert.IsGreaterThan(Inputs / 10, statuses.GetValueOrDefault(200), "accepted callbacks");
        Assert.IsGreaterThan(Inputs / 10, statuses.GetValueOrDefault(400), "refused callbacks");
    }

    private static async Task<string?> CheckAsync(ListenerHost host, HostileCallbacks.Input input, string? tamper, Dictionary<int, int> statuses)
    {
        var body = tamper == "size" ? input.Body.Concat(Enumerable.Repeat((byte)' ', MaxBodySize)).ToArray() : input.Body;
        using var response = tamper switch
        {
            "signature" => await host.PostSignedAsync(body, signedBody: [.. body, (byte)' ']),
            "content type" => await host.PostSignedAsync(body, contentType: "text/plain"),
            _ => await host.PostSignedAsync(body),
        };
        var status = (int)response.StatusCode;
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        var lines = host.TakeNewOutLines();
        if (!Allowed.Contains(status))
        {
            return $"answered {status}";
        }

        if (lines.FirstOrDefault(l => LogLines.Unsafe(l) is not null) is { } unsafeLine)
        {
            return $"stdout: {LogLines.Unsafe(unsafeLine)}: {unsafeLine}";
        }

        if (tamper is not null)
        {
            var expected = tamper switch
            {
                "signature" => 401,
                "content type" => 415,
                "size" => 413,
                _ => throw new InvalidOperationException($"no expected status for the tampering '{tamper}'"),
            };
            return status == expected && lines.Count == 0 ? null : $"tampered ({tamper}): answered {status} with {lines.Count} line(s)";
        }

        // The same bytes through the parser directly: the listener must judge them alike.
        VerificationCallback callback;
        try
        {
            callback = CallbackParser.Parse(input.Body);
        }
        catch (CallbackParseException)
        {
            return status == 400 && lines.Count == 0 ? null : $"refused by the parser, answered {status} with {lines.Count} line(s)";
        }

        if (status != 200)
        {
            return $"accepted by the parser, answered {status} (lost)";
        }

        var dispatched = CallbackEvents.Of(callback);
        if (dispatched is null)
        {
            return lines.Count == 0 ? null : $"an unknown event printed {lines.Count} line(s)";
        }

        if (lines.Count != 1)
        {
            return $"an accepted {callback.EventType.Value} printed {lines.Count} lines";
        }

        return string.Equals(lines[0], Output.Line(dispatched), StringComparison.Ordinal) ? null : $"printed {lines[0]}, not the parsed event";
    }
}
